"""A real Debian 13 (trixie) root file system, and sessions recorded in it as the student.

``build()`` makes it once with ``debootstrap`` (variant minbase, plus python3, python3-pip
and sudo) and keeps, in its apt cache, the ``.deb`` files of python3-venv, python3-full,
pipx and python-is-python3, so that ``apt install`` works offline inside it later. It needs
real root and Debian's archive (the host's mirror); it takes a few minutes, once.

``record()`` runs the commands in ONE bash as the student (uid 1000, allowed to ``sudo``
without a password) on the Debian machine of ``debian_box``: a rootless-container-style
sandbox (a user namespace whose root is an unprivileged host uid, no network) over a
throwaway overlay of the root (the root itself is never written), with the local index
at ``/srv/pypi/simple`` and ``/etc/pip.conf`` naming it (``upper``, ``setup``). ``venvsim
verify`` replays a debian13 file on the same machine (``replay``); nothing runs as host
root inside it.

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

from simulator.verify import debian_box
from simulator.verify.sandbox import Limits

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
        return ("the Debian machine needs root (to build its root file system, and to lend "
                "it to a user namespace through an idmapped mount)")
    built = (root or default_root()).joinpath("usr/bin/python3.13").exists()
    if not built and shutil.which("debootstrap") is None:
        return "no Debian 13 root and no debootstrap to build one (apt-get install debootstrap)"
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


def upper(folder: Path, user: str, releases: Sequence[Release],
          projects: Sequence[ProjectSpec] = ()) -> None:
    """What a session adds to the root, written into the overlay's upper layer ``folder``:
    sudo without a password, the host name, the index, pip.conf and the projects (in
    ``/tmp/projects``, moved home by ``SETUP``)."""
    from simulator.model.appcode import app_source
    from simulator.model.index import Index
    from simulator.model.world import expand_home
    from simulator.verify import wheels

    for sub, mode in (("etc", 0o755), ("etc/sudoers.d", 0o755), ("srv", 0o755),
                      ("tmp", 0o1777)):
        (folder / sub).mkdir(exist_ok=True)
        (folder / sub).chmod(mode)
    sudoers = folder / "etc/sudoers.d" / user
    sudoers.write_text(f"{user} ALL=(ALL) NOPASSWD:ALL\n")
    sudoers.chmod(0o440)
    (folder / "etc/hostname").write_text(HOST + "\n")
    (folder / "etc/hosts").write_text(f"127.0.0.1\tlocalhost\n127.0.1.1\t{HOST}\n")
    (folder / "etc/pip.conf").write_text(PIP_CONF)
    wheels.build_index(Index.from_releases(releases).projects, folder / "srv/pypi/simple")
    versions = Index.from_releases(releases).versions()
    for project in projects:  # copied to their place, as the student's, once the home exists
        place = Path(str(folder / "tmp/projects") + posixpath.normpath(
            expand_home(project.path, f"/home/{user}")))
        place.mkdir(parents=True, exist_ok=True)
        (place / "app.py").write_text(app_source(project.name, project.needs, versions))
        for rel, text in project.files.items():
            (place / rel).parent.mkdir(parents=True, exist_ok=True)
            (place / rel).write_text(text)


def setup(user: str) -> tuple[str, ...]:
    """The shell lines run as the machine's root before the session: the student (uid
    1000) and its home, the projects moved there, and debconf told there is no terminal
    (without one it warns at every apt install; a student's terminal answers it)."""
    u = shlex.quote(user)
    return (
        f"useradd -m -u 1000 -s /bin/bash {u}",
        f"if [ -d /tmp/projects ]; then cp -a /tmp/projects/. / && chown -R 1000:1000 /home/{u}"
        " && rm -rf /tmp/projects; fi",
        "echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections",
    )


def session(work: Path, user: str, releases: Sequence[Release], projects: Sequence[ProjectSpec],
            command: Sequence[str], limits: Limits, session_script: str = "",
            binds: Sequence[tuple[Path, str]] = (), root: Path | None = None, cwd: str = ""
            ) -> debian_box.Session:
    """A session of ``command`` run as ``user`` on the root, with ``work`` made ready
    (``session_script``, if any, at ``/tmp/session.sh``)."""
    layer = debian_box.prepare(work)
    upper(layer, user, releases, projects)
    if session_script:
        (layer / "tmp/session.sh").write_text(session_script)
    debian_box.give(layer, 0)
    env = {**ENV, "HOME": f"/home/{user}", "USER": user, "LOGNAME": user}
    return debian_box.Session(
        base=str(root or default_root()), work=str(work), command=tuple(command), env=env,
        cwd=cwd or f"/home/{user}", setup=setup(user), hostname=HOST,
        binds=tuple((str(h), inside) for h, inside in binds),
        limits=debian_box.limits_of(limits))


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
    """The transcript of ``commands`` run by ``user`` on the root (in ``debian_box``'s
    sandbox, an overlay over the root: the root itself is never written)."""
    base = root or default_root()
    work = Path(tempfile.mkdtemp(prefix="venvsim-debian-"))
    try:
        s = session(work, user, releases, projects, ["/bin/bash", "/tmp/session.sh"],
                    Limits(seconds=1800, step_seconds=1800), script(commands), root=base,
                    cwd="/")  # as chroot left it: the script's first `cd ~` sets OLDPWD=/
        code, text, err = debian_box.run(s, 1800)
        if code != 0 and not text:
            raise RuntimeError(f"the session did not run: {err.strip()}")
        return shown(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def shown(raw: str) -> str:
    """What a terminal shows of ``raw`` (``terminal``); and one bash ran the whole script,
    so its "/tmp/session.sh: line N: " reads as an interactive bash prints it, "bash: "."""
    return re.sub(r"^/tmp/session\.sh: line \d+: ", "bash: ", terminal(raw), flags=re.M)


def terminal(raw: str) -> str:
    """What a terminal shows of ``raw``: a line rewritten after ``\\r`` (dpkg's "Reading
    database ... 5%") shows its last text.

    >>> terminal("(Reading database ... \\r(Reading database ... 50%\\rdone.)\\n")
    'done.)\\n'
    """
    lines = [line.split("\r")[-1] for line in raw.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines)


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
