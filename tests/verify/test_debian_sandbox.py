"""The Debian machine's sandbox against an attacker who is root inside it.

Every attempt is a step of a debian13 scenario replayed for real (``debian_box``): the
student may ``sudo`` to the namespace's root, which must still reach nothing of the host.
A canary folder holds a secret that must stay unread and unchanged; a host process, a
listening host socket and the cached Debian root must come out of the run untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.verify import debian_box, debian_root, sandbox
from simulator.verify.replay import replay

pytestmark = pytest.mark.real

SECRET = "s3cr3t-debian-canary-41c9"
PRISTINE = ("etc/passwd", "etc/sudoers", "usr/lib/python3.13/EXTERNALLY-MANAGED", "usr/bin/sudo")
# Each attempt: an id and a step. {S} is the secret file, {X} a file to create beside it,
# {P} a host process's pid, {PORT} a host socket listening on 127.0.0.1.
ATTEMPTS = [
    ("read-canary", "sudo cat {S}; sudo python3 -c \"print(open('{S}').read())\""),
    ("write-canary", "sudo sh -c 'echo pwn > {X}'; sudo touch {X}"),
    ("chroot-climb", "sudo python3 -c \"import os; os.makedirs('/jail', exist_ok=True); "
                     "os.chroot('/jail'); [os.chdir('..') for _ in range(64)]; os.chroot('.'); "
                     "print(open('{S}').read())\""),
    ("proc-roots", "sudo sh -c 'cat /proc/1/root{S} /proc/self/root{S}; "
                   "ls /proc/1/root/proc/1/root/tmp'"),
    ("host-processes", "sudo sh -c 'ls /proc | grep -x {P}; kill -9 {P}; "
                       "cat /proc/[0-9]*/cmdline | tr \"\\\\0\" \" \" | grep -c \"venvsim[-]host\"'"),
    ("network", "sudo python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), 2)\""),
    ("host-socket", "sudo python3 -c \"import socket; socket.create_connection(('127.0.0.1', "
                    "{PORT}), 2)\""),
    ("mknod-disk", "sudo mknod /tmp/disk b 254 0 && sudo cat /tmp/disk | head -c 100"),
    ("mount-disk", "sudo mount -t ext4 /dev/vda /mnt; sudo mount -t proc proc /mnt && "
                   "sudo cat /mnt/1/root{S}"),
    ("setuid-root", "sudo install -m 4755 /bin/bash /tmp/rootbash && ls -ln /tmp/rootbash"),
    ("raise-limits", "sudo bash -c 'ulimit -H -u unlimited || ulimit -H -v unlimited || "
                     "ulimit -H -f unlimited'"),
    # allowed, as in rootless containers: its root would hold nothing root inside lacks
    ("new-userns", "sudo python3 -c \"import ctypes; print('unshare', ctypes.CDLL(None).unshare("
                   "0x10000000 | 0x20000))\"; sudo unshare -r cat {S}"),
    ("whoami-host", "sudo cat /proc/self/uid_map /proc/self/gid_map"),
    # last: it removes sudo
    ("write-cache", "sudo sh -c 'echo pwn >> /etc/passwd; echo pwn > "
                    "/usr/lib/python3.13/EXTERNALLY-MANAGED; echo pwn > /etc/sudoers; "
                    "rm -f /usr/bin/sudo'; echo done"),
]


def _root_or_skip() -> None:
    why = debian_box.unavailable(debian_root.default_root())
    if why:
        pytest.skip(why)


def _pristine() -> dict[str, tuple[int, int, int, str]]:
    """Owner, mode, mtime and hash of a few files of the cached root."""
    root = debian_root.default_root()
    found = {}
    for rel in PRISTINE:
        st = (root / rel).lstat()
        found[rel] = (st.st_uid, st.st_mode, st.st_mtime_ns,
                      hashlib.sha256((root / rel).read_bytes()).hexdigest())
    return found


def _scenario(steps: list[str]) -> str:
    lines = ['[world]\nos = "debian13"\n[index]\nlibcolor = ["1.0"]\n']
    lines += [f"[[steps]]\nrun = {json.dumps(s)}\n" for s in steps]
    return "\n".join(lines)


def _replay(base: Path, text: str, **kw: Any) -> dict[str, Any]:
    scenario = base / "scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    return replay(scenario, **kw)


def _ours() -> list[int]:
    """Host processes running as one of the namespace's ids."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and debian_box.BASE <= proc.stat().st_uid < (
                    debian_box.BASE + debian_box.COUNT):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _all_gone() -> bool:
    """Whether every process of the namespace is gone (their ends take a moment)."""
    deadline = time.monotonic() + 10
    while _ours() and time.monotonic() < deadline:
        time.sleep(0.2)
    return _ours() == []


@pytest.fixture(scope="module")
def attempts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    _root_or_skip()
    canary = Path(tempfile.mkdtemp(prefix="venvsim-canary-"))
    canary.chmod(0o755)
    secret = canary / "secret.txt"
    secret.write_text(SECRET + "\n")
    secret.chmod(0o644)  # readable by anyone on the host: only the sandbox keeps it away
    tag = f"venvsim-host-{os.getpid()}"
    host = subprocess.Popen([tag, "600"], executable=shutil.which("sleep"))
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    before = _pristine(), sorted(p.name for p in canary.iterdir())
    steps = [step.format(S=secret, X=canary / name, P=host.pid, PORT=port)
             for name, step in ATTEMPTS]
    try:
        result = _replay(tmp_path_factory.mktemp("debian-attempts"), _scenario(steps), keep=True)
        server.settimeout(0.1)
        try:
            server.accept()
            result["connected"] = True
        except TimeoutError:
            result["connected"] = False
        result["host_alive"] = host.poll() is None
        result["pristine"] = _pristine() == before[0]
        result["canary"] = sorted(p.name for p in canary.iterdir()) == before[1]
        result["canary_text"] = secret.read_text()
        yield result
    finally:
        host.kill()
        host.wait()
        server.close()
        subprocess.run(["rm", "-rf", str(canary)], check=False)
        if "result" in locals():
            subprocess.run(["rm", "-rf", str(Path(result["root"]).parents[1])], check=False)


def _outputs(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: step for (name, _), step in zip(ATTEMPTS, result["steps"], strict=False)}


def test_every_attempt_ran(attempts: dict[str, Any]) -> None:
    assert len(attempts["steps"]) == len(ATTEMPTS), json.dumps(attempts["steps"][-1])


def test_the_secret_stayed_unread_and_the_canary_untouched(attempts: dict[str, Any]) -> None:
    assert SECRET not in json.dumps(attempts["steps"])
    assert attempts["canary"], "a file was written outside the machine"
    assert attempts["canary_text"] == SECRET + "\n"


def test_the_cached_root_stays_pristine(attempts: dict[str, Any]) -> None:
    assert "done" in _outputs(attempts)["write-cache"]["output"]  # inside, the writes worked
    assert attempts["pristine"]


def test_host_processes_are_out_of_sight_and_reach(attempts: dict[str, Any]) -> None:
    out = _outputs(attempts)["host-processes"]["output"]
    assert out == "sh: 1: kill: No such process\n\n0\n"  # not listed, not killed, not seen
    assert attempts["host_alive"]


def test_no_network_not_even_the_host_loopback(attempts: dict[str, Any]) -> None:
    outputs = _outputs(attempts)
    assert "Network is unreachable" in outputs["network"]["output"]
    assert outputs["host-socket"]["exit_code"] != 0
    assert not attempts["connected"]


def test_root_inside_is_an_unprivileged_host_uid(attempts: dict[str, Any]) -> None:
    outputs = _outputs(attempts)
    base = debian_box.BASE
    assert outputs["whoami-host"]["output"].split() == ["0", str(base), "65536"] * 2
    assert outputs["mknod-disk"]["exit_code"] != 0
    assert "Operation not permitted" in outputs["mknod-disk"]["output"]
    assert "mount: /mnt: permission denied." in outputs["mount-disk"]["output"]
    assert outputs["raise-limits"]["output"].count("Operation not permitted") == 3
    # a setuid file made by root inside is, on the host, the namespace root's: not host root's
    made = Path(attempts["root"]) / "tmp/rootbash"
    assert made.stat().st_uid == base and made.stat().st_mode & 0o4000
    assert Path(attempts["root"]).parent.stat().st_mode & 0o777 == 0o700  # and out of reach


def test_nothing_outlives_the_run(attempts: dict[str, Any]) -> None:
    assert _all_gone()


LIMITS = sandbox.Limits(seconds=120, step_seconds=15, processes=64, file_size=1 << 20,
                        output=64 << 10)
FLOODS = [
    ("huge-output", "sudo python3 -c \"import sys; sys.stdout.write('x' * 10_000_000)\""),
    ("huge-file", "sudo python3 -c \"open('/big', 'wb').write(b'x' * 10_000_000)\""),
    ("background", "sudo sh -c 'while :; do sleep 0.2; done' &"),
    ("too-long", "python3 -c 'import time; time.sleep(600)'"),
]
BOMBS = ["sudo bash -c 'f(){ f | f & }; f; echo bombed'", "f(){ f | f & }; f; echo bombed"]


@pytest.fixture(scope="module")
def floods(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    _root_or_skip()
    return _replay(tmp_path_factory.mktemp("debian-floods"), _scenario([s for _, s in FLOODS]),
                   limits=LIMITS)


def test_floods_are_held_by_the_limits(floods: dict[str, Any]) -> None:
    steps = {name: step for (name, _), step in zip(FLOODS, floods["steps"], strict=True)}
    assert len(steps["huge-output"]["output"]) == LIMITS.output
    assert "OSError: [Errno 27] File too large" in steps["huge-file"]["output"]
    assert steps["too-long"]["exit_code"] == 124
    assert "stopped after the time limit" in steps["too-long"]["output"]
    assert _all_gone()  # the background loop died with the run


def test_fork_bombs_as_root_and_student_end_with_the_run(tmp_path: Path) -> None:
    _root_or_skip()
    start = time.monotonic()
    result = _replay(tmp_path, _scenario(BOMBS), limits=LIMITS)
    assert time.monotonic() - start < 2 * LIMITS.step_seconds + 30
    assert result["steps"] and result["steps"][0]["run"] == BOMBS[0]
    assert _all_gone()
    assert "venvsim-verify-" not in Path("/proc/self/mountinfo").read_text()  # no mount leaked
