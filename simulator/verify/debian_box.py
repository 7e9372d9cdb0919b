"""The Debian 13 machine as a rootless container: root inside, never root on the host.

Debian's ``sudo`` is setuid root, so the bubblewrap sandbox (``sandbox``), which sets
no_new_privs and maps one uid, cannot run it. Here the machine gets a user namespace of
its own whose ids 0..65535 are the host's ``BASE``..``BASE + 65535`` (as rootless
containers map them): its root may run setuid ``sudo`` for the student (uid 1000
inside, ``BASE + 1000`` outside), but on the host it is an ordinary unprivileged uid
that owns nothing. The cached root file system (``debian_root``) is owned by host root,
which such a namespace cannot see; it is lent through an idmapped mount
(``mount_setattr(MOUNT_ATTR_IDMAP)`` with the namespace's map, read-only) that shows
its files as owned by the namespace's root, and an overlay over it takes every write
into a throwaway upper folder owned by ``BASE`` (in a folder only host root may enter:
no host user reaches a setuid file the machine made). Measured on kernel 6.18: the
overlay over an idmapped lower layer works, and starting the machine (namespaces,
mounts, ``pivot_root``) takes about 0.4 s with nothing to copy; the alternative, a
uid-shifted copy of the cache, would cost its 455 MB and a ``chown`` of its 9 600 files,
redone whenever the cache is.

Inside there are new mount, PID, network (no network at all, not even a loopback
up), IPC, UTS and cgroup namespaces; ``pivot_root`` onto the overlay and the old root
detached (a ``chroot`` alone its root could climb out of); a private ``/proc``; a
``/dev`` of its own (a tmpfs with the host's null, zero, full, random, urandom and
tty bound in, a new devpts); the overlay mounted ``nodev``; and the resource
``Limits`` of ``sandbox`` on every process (root inside cannot raise them). Every
process dies with the run: the first one of the PID namespace dies with its parent,
and with it all the others. Further user namespaces are allowed, as in rootless
containers: their root holds nothing the machine's root lacks.

Setting this up needs host root (an idmapped mount of a file system owned by root
needs CAP_SYS_ADMIN on the host; newuidmap could map the ids, not the files), so a
normal user gets a one-line refusal (``unavailable``), as does a host whose kernel
cannot make the machine (``unavailable`` starts it once to see).

``start`` runs a ``Session``; the process it returns is a small host-root holder that
makes the mounts, runs the session and then keeps the overlay until the caller has read
what the session left behind (``Held.merged``) and lets it go (``Held.close``).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from simulator.verify.sandbox import Limits, apply_limits

BASE = 100_000  # host uid and gid of the namespace's root
COUNT = 65_536  # ids mapped
UID = 1000  # the student, inside
STARTED = "venvsim: the Debian machine did not start: "  # then why, in one line
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")

# Linux (x86_64 and every other architecture using the generic table for these).
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC = 0x20000, 0x2000000, 0x4000000, 0x8000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 1 << 18
MNT_DETACH = 2
SYS_PIVOT_ROOT, SYS_OPEN_TREE, SYS_MOVE_MOUNT, SYS_MOUNT_SETATTR = 155, 428, 429, 442
OPEN_TREE_CLONE, O_CLOEXEC, AT_EMPTY_PATH, AT_FDCWD = 1, 0o2000000, 0x1000, -100
MOVE_MOUNT_F_EMPTY_PATH = 4
MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV, MOUNT_ATTR_IDMAP = 1, 2, 4, 0x100000
PR_SET_PDEATHSIG = 1

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


class Unavailable(RuntimeError):
    """The Debian machine cannot be made here."""


@dataclass(frozen=True)
class Session:
    """One run of the Debian machine: its root, the folders of the run and what runs."""

    base: str  # the cached root file system (read only)
    work: str  # holds upper/, work/, lower/ and root/ (the overlay)
    command: tuple[str, ...]  # run as the student, through /bin/bash
    env: dict[str, str]
    cwd: str = "/"
    setup: tuple[str, ...] = ()  # shell lines run first as the namespace's root
    binds: tuple[tuple[str, str], ...] = ()  # writable host folders seen inside
    hostname: str = "aula"
    argv0: str = "bash"
    limits: dict[str, float] = field(default_factory=dict)  # Limits as numbers


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")
    return result


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    def b(text: str | None) -> bytes | None:
        return text.encode() if text is not None else None

    _check(_libc.mount(b(source), target.encode(), b(fstype), ctypes.c_ulong(flags), b(data)),
           f"mount {target}")


def _syscall(number: int, *args: object) -> int:
    return _check(_libc.syscall(number, *args), f"syscall {number}")


def _unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def _die_with_parent() -> None:
    parent = os.getppid()
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl")
    if os.getppid() != parent:
        os._exit(137)


def _idmapped(source: str, target: str, userns: int) -> None:
    """Mount ``source`` at ``target`` read-only, its owners seen through ``userns``."""
    tree = _syscall(SYS_OPEN_TREE, AT_FDCWD, source.encode(), OPEN_TREE_CLONE | O_CLOEXEC)
    try:
        attr = struct.pack("QQQQ", MOUNT_ATTR_IDMAP | MOUNT_ATTR_RDONLY | MOUNT_ATTR_NODEV,
                           0, 0, userns)
        buf = ctypes.create_string_buffer(attr, len(attr))
        _syscall(SYS_MOUNT_SETATTR, tree, b"", AT_EMPTY_PATH, buf, len(attr))
        _syscall(SYS_MOVE_MOUNT, tree, b"", AT_FDCWD, target.encode(), MOVE_MOUNT_F_EMPTY_PATH)
    finally:
        os.close(tree)


# ---------------------------------------------------------------- inside (the holder's children)


def _dev(root: str, binds: Sequence[tuple[str, str]]) -> None:
    dev = f"{root}/dev"
    _mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755")
    for name in DEVICES:
        open(f"{dev}/{name}", "w").close()
        _mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    os.mkdir(f"{dev}/pts")
    _mount("devpts", f"{dev}/pts", "devpts", MS_NOSUID | MS_NOEXEC,
           "newinstance,ptmxmode=0666,mode=620")
    os.mkdir(f"{dev}/shm", 0o1777)
    _mount("tmpfs", f"{dev}/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    for link, to in (("ptmx", "pts/ptmx"), ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                     ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(to, f"{dev}/{link}")
    for source, dest in binds:
        os.makedirs(root + dest, exist_ok=True)
        _mount(source, root + dest, None, MS_BIND | MS_NOSUID | MS_NODEV)


def _machine(s: Session) -> int:
    """PID 1 of the machine: mounts, the new root, the setup as root, then the session."""
    _die_with_parent()
    root = f"{s.work}/root"
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount(root, root, None, MS_BIND | MS_REC)  # a mount of its own ns: pivot_root takes it
    _mount("proc", f"{root}/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _dev(root, s.binds)
    _check(_libc.sethostname(s.hostname.encode(), len(s.hostname)), "sethostname")
    os.chdir(root)
    _syscall(SYS_PIVOT_ROOT, b".", b".")
    _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
    for line in s.setup:
        subprocess.run(["/bin/sh", "-c", line], check=True, env=env, stdout=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL)
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(s.cwd)
            script = 'exec -a "$0" "$@"'
            os.execve("/usr/bin/setpriv", [
                "setpriv", f"--reuid={UID}", f"--regid={UID}", "--init-groups", "--",
                "/bin/bash", "--noprofile", "--norc", "-c", script, s.argv0, *s.command],
                s.env)
        except Exception as e:  # noqa: BLE001 - said in one line
            os.write(2, f"venvsim: cannot start the session: {e}\n".encode())
        finally:
            os._exit(127)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _namespace(s: Session, ready: int, go: int) -> int:
    """The first process of the user namespace: it becomes its root, then makes the other
    namespaces and the machine's PID 1."""
    _unshare(CLONE_NEWUSER)
    os.write(ready, b"u")
    os.close(ready)
    if os.read(go, 1) != b"g":  # the holder has written the map and made the mounts
        return 1
    os.close(go)
    os.setgroups([])
    os.setresgid(0, 0, 0)
    os.setresuid(0, 0, 0)
    _die_with_parent()
    apply_limits(Limits(**s.limits))  # type: ignore[arg-type]
    _unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
             | CLONE_NEWCGROUP)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = _machine(s)
        except Exception as e:  # noqa: BLE001 - said in one line, never a traceback
            print(f"{STARTED}{e}", file=sys.stderr)
            code = 125
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def hold(s: Session, status: int, keep: int) -> int:
    """The holder (host root): map the ids, mount, run the session; write its exit code
    to ``status``; then, until ``keep`` closes, keep the overlay for the caller to read."""
    _die_with_parent()
    _unshare(CLONE_NEWNS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            for fd in (status, keep, ready_r, go_w):
                os.close(fd)
            code = _namespace(s, ready_w, go_r)
        except Exception as e:  # noqa: BLE001
            print(f"{STARTED}{e}", file=sys.stderr)
            code = 125
        finally:
            os._exit(code)
    os.close(ready_w)
    os.close(go_r)
    pidfd = os.pidfd_open(child)  # this very process, even once its pid is reused

    def end(*_: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)

    signal.signal(signal.SIGTERM, end)
    try:
        if os.read(ready_r, 1) == b"u":
            for kind in ("uid", "gid"):
                Path(f"/proc/{child}/{kind}_map").write_text(f"0 {BASE} {COUNT}\n")
            userns = os.open(f"/proc/{child}/ns/user", os.O_RDONLY | os.O_CLOEXEC)
            _idmapped(s.base, f"{s.work}/lower", userns)
            os.close(userns)
            w = s.work
            _mount("overlay", f"{w}/root", "overlay", MS_NODEV,
                   f"lowerdir={w}/lower,upperdir={w}/layers/upper,workdir={w}/layers/work")
            os.write(go_w, b"g")
    except OSError as e:
        print(f"{STARTED}{e}", file=sys.stderr)
    os.close(go_w)
    while True:
        try:
            _, st = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
    os.write(status, f"{os.waitstatus_to_exitcode(st)}\n".encode())
    os.close(status)
    while os.read(keep, 4096):
        pass
    return 0


# ---------------------------------------------------------------- the caller's side


class Held:
    """A running session: ``wait``, ``returncode`` and ``stop`` as a ``Popen``'s;
    ``merged`` is the machine's ``/`` as the host sees it, while the holder keeps it."""

    def __init__(self, proc: subprocess.Popen[bytes], status: int, keep: int, work: str) -> None:
        self.proc, self.status, self.keep = proc, status, keep
        self.pid = proc.pid
        self.returncode: int | None = None
        self.merged = Path(f"/proc/{proc.pid}/root{work}/root")

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            ready, _, _ = select.select([self.status], [], [], timeout)
            if not ready:
                raise subprocess.TimeoutExpired(["venvsim-debian"], timeout or 0.0)
            text = os.read(self.status, 64).decode().strip()
            self.returncode = int(text) if text.lstrip("-").isdigit() else 125
        return self.returncode

    def stop(self) -> None:
        """Kill the session (every process of the machine); the holder stays to be read."""
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.wait(30)
            except subprocess.TimeoutExpired:
                self.returncode = 137
                self.close()

    def close(self) -> None:
        """Let the holder go: the overlay and every namespace vanish."""
        self.stop()
        for fd in (self.keep, self.status):
            with contextlib.suppress(OSError):
                os.close(fd)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def prepare(work: Path) -> Path:
    """The run's folders; returns the overlay's upper layer (``layers/upper``, owned by the
    namespace's root). ``work`` is open for the namespace to go through to the overlay;
    ``layers`` is host root's alone, so no host user reaches a setuid file the machine made
    (a setuid file of uid ``BASE``, nobody's, but still)."""
    work.chmod(0o711)
    for name in ("layers", "layers/upper", "layers/work", "lower", "root"):
        (work / name).mkdir(exist_ok=True)
    (work / "layers").chmod(0o700)
    for name in ("upper", "work"):
        give(work / "layers" / name, 0)
    return work / "layers/upper"


def give(folder: Path, uid: int) -> None:
    """Hand ``folder`` and everything below it to ``uid`` of the namespace."""
    os.lchown(folder, BASE + uid, BASE + uid)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), BASE + uid, BASE + uid)


def start(s: Session, *, stdin: IO[bytes] | int | None = subprocess.DEVNULL,
          stdout: IO[bytes] | int | None = subprocess.PIPE,
          stderr: IO[bytes] | int | None = subprocess.PIPE) -> Held:
    """Start the holder of session ``s`` (``prepare`` its work folder first)."""
    why = unavailable(Path(s.base))
    if why:
        raise Unavailable(why)
    return _start(s, stdin=stdin, stdout=stdout, stderr=stderr)


def _start(s: Session, *, stdin: IO[bytes] | int | None = subprocess.DEVNULL,
           stdout: IO[bytes] | int | None = subprocess.DEVNULL,
           stderr: IO[bytes] | int | None = subprocess.DEVNULL) -> Held:
    status_r, status_w = os.pipe()
    keep_r, keep_w = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-s", "-m", "simulator.verify.debian_box", json.dumps(asdict(s)),
             str(status_w), str(keep_r)],
            stdin=stdin, stdout=stdout, stderr=stderr, pass_fds=(status_w, keep_r),
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "PYTHONPATH": _source()},
            cwd="/", start_new_session=True)
    finally:
        os.close(status_w)
        os.close(keep_r)
    return Held(proc, status_r, keep_w, s.work)


def run(s: Session, seconds: float, *, checked: bool = True) -> tuple[int, str, str]:
    """Run session ``s`` to its end (killed past ``seconds``): its exit code, output and
    errors (kept in its work folder meanwhile)."""
    work = Path(s.work)
    with open(work / "out", "w+b") as out, open(work / "err", "w+b") as err:
        held = (start if checked else _start)(s, stdout=out, stderr=err)
        try:
            held.wait(seconds)
        except subprocess.TimeoutExpired:
            held.stop()
        finally:
            held.close()
        out.seek(0)
        err.seek(0)
        return (held.returncode if held.returncode is not None else 137,
                out.read().decode("utf-8", "replace"), err.read(1 << 16).decode("utf-8", "replace"))


def _source() -> str:
    return str(Path(__file__).resolve().parents[2])


def limits_of(limits: Limits) -> dict[str, float]:
    return {k: v for k, v in asdict(limits).items()}


def unavailable(base: Path) -> str | None:
    """Why the Debian machine cannot run here (None when it can)."""
    if not base.joinpath("usr/bin/python3.13").exists():
        return (f"no Debian 13 root at {base}; build it once as root: "
                "python -m simulator.verify.debian_root build (or make system)")
    if os.geteuid() != 0:
        return ("the Debian machine needs root (to lend the root-owned Debian root to a "
                "user namespace through an idmapped mount); run venvsim verify as root")
    return _probe(str(base))


@functools.cache
def _probe(base: str) -> str | None:
    """Start the machine once, to run nothing: why it cannot start (None when it can)."""
    work = Path(tempfile.mkdtemp(prefix="venvsim-probe-"))
    try:
        prepare(work)
        _, _, said = run(Session(base, str(work), ("/bin/true",), {}), 60, checked=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for line in said.splitlines():
        if line.startswith(STARTED):
            return "the Debian machine cannot be made here: " + line[len(STARTED):]
    return None


def main(argv: Sequence[str]) -> int:
    config: Mapping[str, object] = json.loads(argv[0])
    fields = {k: tuple(tuple(x) if isinstance(x, list) else x for x in v)
              if isinstance(v, list) else v for k, v in config.items()}
    return hold(Session(**fields), int(argv[1]), int(argv[2]))  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
