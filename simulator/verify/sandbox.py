"""Run a command in a bubblewrap sandbox whose whole file system is one folder.

``Sandbox(root, binds, user, home)`` describes it: ``root`` is ``/`` inside,
``binds`` add host files or folders (read-only unless ``writable``), ``user``
names the unprivileged user (uid 1000, no capabilities) the command runs as.
Inside there is no network, a private ``/proc``, ``/dev`` and PID namespace
(every process ends with the run), no further user namespaces, and the
resource ``Limits``. When the verifier runs as root, bwrap itself runs as
``HOST_UID`` (nobody) so that the process limit holds and nothing of the host
is the sandbox's to write: ``give`` hands it the folders the sandbox may write,
and ``root`` must sit where it can reach it (``reachable``). Commands start
through ``/bin/bash`` inside, which must exist there (a host tool bound in, or
the root file system's own). ``start`` / ``run`` / ``stop`` run commands;
``unavailable`` says why no sandbox can be made here.

>>> Limits().memory // 2**20
2048
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HOST_UID = 65534  # the host user bwrap runs as when the verifier is root
UID = 1000  # the user inside
BASH = "/bin/bash"  # inside: closes the passed folder and starts the command


class Unavailable(RuntimeError):
    """Namespaces cannot be made here (no bwrap, or the kernel or container forbids them)."""


@dataclass(frozen=True)
class Limits:
    """What one run may use."""

    seconds: float = 900.0  # wall clock of the whole run
    step_seconds: float = 300.0  # wall clock of one step (enforced by the caller)
    memory: int = 2 << 30  # address space of each process (RLIMIT_AS)
    processes: int = 256  # processes and threads of the sandbox user (RLIMIT_NPROC)
    file_size: int = 256 << 20  # largest file a process may write (RLIMIT_FSIZE)
    output: int = 1 << 20  # bytes of output read back per step or command


@dataclass(frozen=True)
class Bind:
    """A host path seen at ``dest`` inside."""

    source: Path
    dest: str
    writable: bool = False


@dataclass(frozen=True)
class Sandbox:
    """A folder run as the whole machine."""

    root: Path
    user: str
    home: str
    binds: tuple[Bind, ...] = ()
    hostname: str = "localhost"
    limits: Limits = field(default_factory=Limits)


def _as_host_user() -> bool:
    return os.geteuid() == 0


def host_owner() -> int:
    """The host uid that must own what the sandbox may write."""
    return HOST_UID if _as_host_user() else os.geteuid()


def reachable(folder: Path) -> bool:
    """Whether the sandbox's host user can go through every folder above ``folder``."""
    if not _as_host_user():
        return True
    here = folder.resolve()
    for part in (here, *here.parents):
        st = part.stat()
        if not st.st_mode & (0o010 if st.st_gid == HOST_UID else 0o001) and st.st_uid != HOST_UID:
            return False
    return True


def give(folder: Path) -> None:
    """Hand ``folder`` and everything in it to the sandbox's host user (no-op unless root)."""
    if not _as_host_user():
        return
    uid = HOST_UID
    os.lchown(folder, uid, uid)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, uid)


def _identity(sb: Sandbox) -> tuple[bytes, bytes]:
    passwd = f"{sb.user}:x:{UID}:{UID}::{sb.home}:/bin/bash\n"
    if sb.user != "root":
        passwd = f"root:x:0:0::/root:/bin/bash\n{passwd}"
    return passwd.encode(), f"{sb.user}:x:{UID}:\n".encode()


def _argv(sb: Sandbox, fds: list[int], command: Sequence[str], argv0: str) -> list[str]:
    """The bwrap command line; ``fds`` collects the descriptors to hand over (the
    ``passwd`` and ``group`` files the sandbox sees)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise Unavailable("bubblewrap (bwrap) is not installed; install the 'bubblewrap' package")

    def data(content: bytes) -> str:
        fd = os.memfd_create("venvsim", 0)
        os.write(fd, content)
        os.lseek(fd, 0, os.SEEK_SET)
        fds.append(fd)
        return str(fd)

    passwd, group = _identity(sb)
    argv = [
        bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
        "--new-session", "--uid", str(UID), "--gid", str(UID), "--hostname", sb.hostname,
        "--bind", str(sb.root), "/", "--proc", "/proc", "--dev", "/dev",
        "--ro-bind-data", data(passwd), "/etc/passwd",
        "--ro-bind-data", data(group), "/etc/group",
    ]
    for b in sb.binds:
        argv += ["--bind" if b.writable else "--ro-bind", str(b.source), b.dest]
    close = " ".join(f"{fd}<&-" for fd in fds)
    script = f'exec {close}; exec -a "$0" "$@"'
    return [*argv, "--", BASH, "--noprofile", "--norc", "-c", script, argv0, *command]


def apply_limits(limits: Limits) -> None:
    """Set ``limits`` on this process and what it starts (hard limits: none can raise them)."""
    for which, value in (
        (resource.RLIMIT_AS, limits.memory),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_FSIZE, limits.file_size),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(which, (value, value))


def _limit(limits: Limits) -> None:
    """Run in the child before bwrap starts: resource limits, then the host user."""
    apply_limits(limits)
    if _as_host_user():
        os.setgroups([])
        os.setresgid(HOST_UID, HOST_UID, HOST_UID)
        os.setresuid(HOST_UID, HOST_UID, HOST_UID)


def start(
    sb: Sandbox,
    command: Sequence[str],
    env: Mapping[str, str],
    *,
    stdin: IO[bytes] | int | None = subprocess.DEVNULL,
    stdout: IO[bytes] | int | None = subprocess.PIPE,
    stderr: IO[bytes] | int | None = subprocess.PIPE,
    cwd: str = "/",
    argv0: str = "",
) -> subprocess.Popen[bytes]:
    """Start ``command`` (an absolute path inside, and its arguments) in the sandbox."""
    fds: list[int] = []
    try:
        argv = _argv(sb, fds, command, argv0 or os.path.basename(command[0]))
        argv[argv.index("--") : argv.index("--")] = ["--chdir", cwd]
        return subprocess.Popen(
            argv,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            env=dict(env),
            cwd="/",
            pass_fds=fds,
            preexec_fn=functools.partial(_limit, sb.limits),
            start_new_session=True,
        )
    finally:
        for fd in fds:
            os.close(fd)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a run: bwrap dies, and with it (die-with-parent, PID namespace) every process."""
    try:
        os.killpg(proc.pid, 9)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def run(
    sb: Sandbox, command: Sequence[str], env: Mapping[str, str], *, timeout: float | None = None
) -> tuple[int, bytes]:
    """Run ``command`` to the end; its exit code and (at most ``limits.output`` bytes of)
    its output and errors together. Raises ``TimeoutError`` past ``timeout``."""
    limit = timeout if timeout is not None else sb.limits.seconds
    with start(sb, command, env, stderr=subprocess.STDOUT) as proc:
        try:
            out, _ = _communicate(proc, limit, sb.limits.output)
        except TimeoutError:
            stop(proc)
            raise
    return proc.returncode, out


def _communicate(
    proc: subprocess.Popen[bytes], timeout: float, cap: int
) -> tuple[bytes, bytes]:
    """``proc.communicate`` keeping at most ``cap`` bytes of each stream."""
    import selectors
    import time

    deadline = time.monotonic() + timeout
    kept: dict[int, bytearray] = {}
    sel = selectors.DefaultSelector()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            sel.register(stream, selectors.EVENT_READ)
            kept[stream.fileno()] = bytearray()
    while sel.get_map():
        left = deadline - time.monotonic()
        if left <= 0:
            sel.close()
            raise TimeoutError
        for key, _ in sel.select(left):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                continue
            buf = kept[key.fd]
            buf += chunk[: max(0, cap - len(buf))]
    sel.close()
    try:
        proc.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    out = bytes(kept.get(proc.stdout.fileno(), b"")) if proc.stdout else b""
    err = bytes(kept.get(proc.stderr.fileno(), b"")) if proc.stderr else b""
    return out, err


@functools.cache
def unavailable() -> str | None:
    """Why a sandbox cannot be made on this host, or None when it can."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed; install the 'bubblewrap' package"
    probe = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
             "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--uid", str(UID),
             "--", "/bin/sh", "-c", "exit 0"]
    try:
        out = subprocess.run(probe, capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                             preexec_fn=functools.partial(_limit, Limits()))
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"bwrap could not start: {e}"
    if out.returncode != 0:
        why = out.stderr.decode(errors="replace").strip().splitlines()
        return "namespaces cannot be made here: " + (why[-1] if why else f"exit {out.returncode}")
    return None
