"""A real Debian 13 (trixie) root file system, and sessions recorded in it as the student.

``build()`` makes it once with ``debootstrap`` (variant minbase, plus python3, python3-pip
and sudo) and keeps, in its apt cache, the ``.deb`` files of python3-venv, python3-full,
pipx and python-is-python3, so that ``apt install`` works offline inside it later. It needs
real root and Debian's archive (the host's mirror); it takes a few minutes, once.

``record()`` lays a throwaway overlay over the root (the root itself is never written), adds
the student (uid 1000, allowed to ``sudo`` without a password), the local index at
``/srv/pypi/simple`` and ``/etc/pip.conf`` naming it, and runs the commands in ONE bash as
that student, inside new mount, PID, UTS and network namespaces (no network at all) with the
overlay as ``/``: ``unshare`` + ``chroot`` + ``setpriv``. Root inside is real root, because
``sudo`` and ``apt`` need it (bubblewrap sets no_new_privs, which disables setuid ``sudo``);
what it can reach is the overlay, its own ``/proc`` and ``/dev/pts``, and the device nodes
debootstrap made; the mounts vanish with the namespace and the overlay's folder is deleted.

    python -m simulator.verify.debian_root build          # once; prints where and how big
    python -m simulator.verify.debian_root record SCENARIO.toml OUT.txt   # its user, index, steps
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # building the root needs only the standard library (.ci/run, any python3)
    from simulator.model.index import Release
    from simulator.model.world import ProjectSpec

SUITE = "trixie"
MIRROR = "http://deb.debian.org/debian"
INCLUDE = ("python3", "python3-pip", "sudo")
# Kept in /var/cache/apt/archives for offline `apt install` in a session.
CACHED = ("python3-venv", "python3-full", "pipx", "python-is-python3", "python3-requests", "python3-pip-whl",
          "python3-setuptools-whl")
HOST = "aula"
PIP_CONF = "[global]\nindex-url = file:///srv/pypi/simple\n"
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}


def default_root() -> Path:
    """``$VENVSIM_DEBIAN_ROOT``, else ``/var/cache/venvsim/debian13`` (as root) or the
    user's cache folder."""
    given = os.environ.get("VENVSIM_DEBIAN_ROOT")
    if given:
        return Path(given)
    if os.geteuid() == 0:
        return Path("/var/cache/venvsim/debian13")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "venvsim" / "debian13"


def why_not(root: Path | None = None) -> str | None:
    """Why no session can run here (None when one can)."""
    if os.geteuid() != 0:
        return "recording on real Debian needs real root (chroot, sudo, apt)"
    built = (root or default_root()).joinpath("usr/bin/python3.13").exists()
    if not built and shutil.which("debootstrap") is None:
        return "no Debian 13 root and no debootstrap to build one (apt-get install debootstrap)"
    for tool in ("unshare", "chroot", "setpriv"):
        if shutil.which(tool) is None:
            return f"no {tool} on this host"
    return None


def _chroot(root: Path, *cmd: str) -> None:
    subprocess.run(["chroot", str(root), *cmd], check=True, stdout=subprocess.DEVNULL,
                   env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
                        "DEBIAN_FRONTEND": "noninteractive"})


def build(root: Path | None = None, mirror: str = MIRROR) -> Path:
    """Build the root file system at ``root`` unless it is there already; return it."""
    root = root or default_root()
    if root.joinpath("usr/bin/python3.13").exists():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = root.with_name(root.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["debootstrap", "--variant=minbase", "--include=" + ",".join(INCLUDE),
                    SUITE, str(tmp), mirror], check=True, stdout=subprocess.DEVNULL)
    return finish(tmp, root, mirror)


def finish(tmp: Path, root: Path, mirror: str = MIRROR) -> Path:
    """After debootstrap: the apt lists and the cached .deb files; then move into place."""
    shutil.copy("/etc/resolv.conf", tmp / "etc/resolv.conf")
    (tmp / "etc/apt/sources.list").write_text(f"deb {mirror} {SUITE} main\n")
    _chroot(tmp, "apt-get", "update", "-q")
    _chroot(tmp, "apt-get", "install", "-q", "-y", "--download-only", *CACHED)
    (tmp / "etc/resolv.conf").write_text("")
    tmp.rename(root)
    return root


def _upper(upper: Path, user: str, releases: Sequence[Release], commands: Sequence[str],
           projects: Sequence[ProjectSpec] = ()) -> None:
    """What a session adds to the root, written into the overlay's upper layer: sudo without
    a password, the host name, the index, pip.conf and the session's script."""
    from simulator.model.appcode import app_source
    from simulator.model.index import Index
    from simulator.model.world import expand_home
    from simulator.verify import wheels

    for folder, mode in (("etc", 0o755), ("etc/sudoers.d", 0o755), ("srv", 0o755),
                         ("tmp", 0o1777)):
        (upper / folder).mkdir(exist_ok=True)
        (upper / folder).chmod(mode)
    sudoers = upper / "etc/sudoers.d" / user
    sudoers.write_text(f"{user} ALL=(ALL) NOPASSWD:ALL\n")
    sudoers.chmod(0o440)
    (upper / "etc/hostname").write_text(HOST + "\n")
    (upper / "etc/hosts").write_text(f"127.0.0.1\tlocalhost\n127.0.1.1\t{HOST}\n")
    (upper / "etc/pip.conf").write_text(PIP_CONF)
    wheels.build_index(Index.from_releases(releases).projects, upper / "srv/pypi/simple")
    (upper / "tmp/session.sh").write_text(script(commands))
    versions = Index.from_releases(releases).versions()
    for project in projects:  # copied to their place, as the student's, once the home exists
        place = Path(str(upper / "tmp/projects") + posixpath.normpath(
            expand_home(project.path, f"/home/{user}")))
        place.mkdir(parents=True, exist_ok=True)
        (place / "app.py").write_text(app_source(project.name, project.needs, versions))
        for rel, text in project.files.items():
            (place / rel).parent.mkdir(parents=True, exist_ok=True)
            (place / rel).write_text(text)


def script(commands: Sequence[str]) -> str:
    """One bash script printing each command, its output and ``[exit code: N]``."""
    lines = ["exec 2>&1 </dev/null", "cd ~"]
    for cmd in commands:
        if cmd.startswith("# "):
            lines.append(f"printf '%s\\n' {shlex.quote(cmd)}")
            continue
        lines.append(f"printf '$ %s\\n' {shlex.quote(cmd)}")
        lines.append(cmd)
        lines.append('echo "[exit code: $?]"')
    return "\n".join(lines) + "\n"


def record(commands: Sequence[str], user: str = "ana", releases: Sequence[Release] = (),
           root: Path | None = None, projects: Sequence[ProjectSpec] = ()) -> str:
    """The transcript of ``commands`` run by ``user`` on the root (an overlay over it: the
    root itself is never written)."""
    base = build(root)
    work = Path(tempfile.mkdtemp(prefix="venvsim-debian-"))
    upper, merged = work / "upper", work / "root"
    for folder in (upper, work / "work", merged):
        folder.mkdir()
    try:
        _upper(upper, user, releases, commands, projects)
        env = {**ENV, "HOME": f"/home/{user}", "USER": user, "LOGNAME": user}
        m = shlex.quote(str(merged))
        inner = " && ".join([
            f"mount -t overlay overlay -o lowerdir={shlex.quote(str(base))},"
            f"upperdir={shlex.quote(str(upper))},workdir={shlex.quote(str(work / 'work'))} {m}",
            f"mount -t proc proc {m}/proc",
            f"mount -t devpts -o newinstance,ptmxmode=0666 devpts {m}/dev/pts",
            f"hostname {HOST}",
            f"chroot {m} useradd -m -u 1000 -s /bin/bash {shlex.quote(user)}",
            f"if [ -d {m}/tmp/projects ]; then cp -a {m}/tmp/projects/. {m}/ && "
            f"chroot {m} chown -R 1000:1000 /home/{shlex.quote(user)} && rm -rf {m}/tmp/projects; fi",
            # A student's terminal answers debconf; without one it warns at every apt install.
            f"echo 'debconf debconf/frontend select Noninteractive' | chroot {m} "
            "debconf-set-selections",
            f"exec chroot {m} setpriv --reuid=1000 --regid=1000 --init-groups env -i "
            + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
            + " /bin/bash /tmp/session.sh",
        ])
        done = subprocess.run(["unshare", "--mount", "--pid", "--net", "--uts", "--fork",
                               "--propagation", "private", "sh", "-c", inner],
                              capture_output=True, timeout=1800)
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0 and not out:
            raise RuntimeError(f"the session did not run: {done.stderr.decode().strip()}")
        return shown(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def shown(raw: str) -> str:
    """What a terminal shows of ``raw``: a line rewritten after ``\\r`` (dpkg's "Reading
    database ... 5%") shows its last text; and one bash ran the whole script, so its
    "/tmp/session.sh: line N: " reads as an interactive bash prints it, "bash: ".

    >>> shown("(Reading database ... \\r(Reading database ... 50%\\rdone.)\\n")
    'done.)\\n'
    """
    lines = [line.split("\r")[-1] for line in raw.replace("\r\n", "\n").split("\n")]
    return re.sub(r"^/tmp/session\.sh: line \d+: ", "bash: ", "\n".join(lines), flags=re.M)


def _size(root: Path) -> str:
    out = subprocess.run(["du", "-sh", str(root)], capture_output=True, text=True)
    return out.stdout.split()[0] if out.returncode == 0 else "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.verify.debian_root")
    sub = parser.add_subparsers(dest="what", required=True)
    b = sub.add_parser("build", help="build the Debian 13 root once (needs root and the archive)")
    b.add_argument("--root", type=Path)
    r = sub.add_parser("record", help="run a scenario's steps as its user, write the transcript")
    r.add_argument("scenario", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--root", type=Path)
    args = parser.parse_args(argv)
    why = why_not(args.root)
    if why:
        print(f"debian_root: {why}", file=sys.stderr)
        return 2
    if args.what == "build":
        start = time.monotonic()
        root = build(args.root)
        print(f"{root}: {_size(root)} ({time.monotonic() - start:.0f} s)")
        return 0
    from simulator.scenario import load

    scen = load(args.scenario)
    text = record([s.run for s in scen.steps], scen.spec.user, scen.spec.releases, args.root,
                  scen.spec.projects)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
