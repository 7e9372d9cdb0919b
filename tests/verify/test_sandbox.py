"""The verifier's sandbox against an attacker: nothing outside the machine is written or read.

Each attempt is one step of a scenario replayed for real (one machine is built for
all the attempts that leave the shell running). A canary folder made by the test
holds a secret and must come out of every run unchanged, with no new files, and the
secret must not appear in any output. Attempts that end the shell, flood it or
outlive it have their own runs, with tight limits.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.verify import sandbox
from simulator.verify.replay import replay

pytestmark = pytest.mark.real

SECRET = "s3cr3t-canary-7f1e"
# Each attempt: an id and a step; {C} is the canary folder, {S} the secret file, {X} the
# file the attempt tries to create in the canary folder (named after its id), {N} the
# step's number (its output is kept in /dev/.venvsim/{N}.out).
ATTEMPTS = [
    ("home-dotdot", "cd $HOME/../../..; cd ../../..; echo pwn > .{X}; cat .{S}"),
    ("var-dotdot", "D=..; cd $D/$D/$D/$D/$D/$D && echo pwn > ./{X}; cat ./{S}"),
    ("cd-root-up", "cd / && cd ../.. && echo pwn > ./{X} ; cat ./{S}"),
    ("printf", "echo pwn > \"$(printf '{X8}')\"; cat \"$(printf '{S8}')\""),
    ("backticks", "echo pwn > `echo {X}`; cat `echo {S}`"),
    ("braces", "X={X}; echo pwn > ${{X}}; touch {{/,}}{X}.2"),
    ("ansi-c", "echo pwn > $'{X16}'; cat $'{S16}'"),
    ("backslash", "echo pwn >\\{X}; cp \\{S} ~/stolen && cat ~/stolen"),
    ("eval", "eval 'echo pwn > {X}; cat {S}'"),
    ("bash-c", "bash -c 'echo pwn > {X}; cat {S}'"),
    ("sh-c", "sh -c 'echo pwn > {X}; cat {S}'"),
    ("here-string", "bash <<< 'echo pwn > {X}; cat {S}'"),
    ("oldpwd", "OLDPWD=/; cd - && cd .. && echo pwn > .{X}"),
    ("cdpath", "CDPATH=/ cd tmp && cd ../.. && echo pwn > .{X}"),
    ("home-var", "HOME=/ && cd && cd .. && echo pwn > .{X}; HOME=/home/ana"),
    ("tilde-plus", "cd ~+/../../../.. && echo pwn > .{X}"),
    ("tilde-minus", "cd ~-/../../../.. && echo pwn > .{X}; cd ~"),
    ("group", "}} ; echo pwn > {X}; {{ cat {S}"),
    ("python-open", "python3 -c \"open('/'+'{X}'[1:],'w').write('pwn'); print(open('{S}').read())\""),
    ("python-symlink", "python3 -c \"import os; os.symlink('/', 'up')\" && echo pwn > up{X}; "
                       "cat up{S}"),
    ("python-proc-root", "python3 -c \"print(open('/proc/1/root{S}').read())\"; "
                         "cat /proc/self/root{S} /proc/1/cwd/../../..{S}"),
    ("proc-fds", "ls -l /proc/[0-9]*/fd/ ; cat /proc/[0-9]*/fd/*/..{S} /proc/[0-9]*/fd/*{S}"),
    ("venv-backslash", "python3 -m venv \\{X}"),
    ("pip-target", "pip install --target={X} libcolor"),
    ("pip-t", "pip install -t{X} libcolor"),
    ("pip-target-env", "PIP_TARGET={X} pip install libcolor"),
    ("pip-log", "PIP_LOG={X} pip install libcolor"),
    ("pip-config", "PIP_CONFIG_FILE={S} pip config list; PIP_CONFIG_FILE=/etc/pip.conf "
                   "pip config list"),
    ("pip-editable", "pip install --editable={C}/proj"),
    ("overwrite-tool", "echo pwn > /bin/cat; echo pwn >> /bin/ls; rm -f /bin/grep; "
                       "cp /bin/cat /bin/cat2 && echo pwn > /bin/cat2"),
    ("unshare", "python3 -c \"import ctypes; print('unshare', ctypes.CDLL(None).unshare("
                "0x10000000 | 0x20000))\""),
    ("network", "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), 2)\""),
    ("result-link", "echo x; python3 -c \"import os; o = '/dev/.venvsim/{N}.out'; os.remove(o); "
                    "os.symlink('{S}', o)\""),
    ("exec", "exec bash -c 'echo pwn > {X}; cat {S}'"),  # ends the shell: last
]
TOOLS = ("cat", "ls", "grep")


def _octal(text: str) -> str:
    return "".join(f"\\{ord(c):03o}" for c in text)


def _hex(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every path below ``folder`` (itself included): mode, mtime and a content hash."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path)] = (st.st_mode, st.st_mtime_ns, digest)
    return found


def _tools() -> dict[str, tuple[int, str]]:
    found = {}
    for tool in TOOLS:
        path = Path(os.path.realpath(shutil.which(tool) or f"/usr/bin/{tool}"))
        found[tool] = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def _scenario(steps: list[str], projects: str = "") -> str:
    lines = ['[world]\npythons = ["3.11"]\n[index]\nlibcolor = ["1.0"]\n', projects]
    lines += [f"[[steps]]\nrun = {json.dumps(s)}\n" for s in steps]
    return "\n".join(lines)


def _replay(base: Path, text: str, **kw: Any) -> dict[str, Any]:
    """Replay ``text`` with the verifier's temporary folders in ``base/tmp``."""
    scenario = base / "scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    tmp = base / "tmp"
    tmp.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tempfile, "tempdir", str(tmp))
        return replay(scenario, **kw)


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("canary")
    (folder / "secret.txt").write_text(f"[global]\nindex-url = {SECRET}\n")
    proj = folder / "proj"
    proj.mkdir()
    (proj / "setup.py").write_text(
        f"open({str(folder / 'pwned-by-setup')!r}, 'w').write('pwn')\n"
        "from setuptools import setup\nsetup(name='evil', version='1')\n"
    )
    return folder


@pytest.fixture(scope="module")
def attempts(
    tmp_path_factory: pytest.TempPathFactory, canary: Path
) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    before = _snapshot(canary), _tools()
    steps = []
    for n, (name, step) in enumerate(ATTEMPTS):
        target, secret = str(canary / name), str(canary / "secret.txt")
        steps.append(step.format(N=n, C=canary, S=secret, X=target, X8=_octal(target),
                                 S8=_octal(secret), X16=_hex(target), S16=_hex(secret)))
    # a project over the canary folder's own path (one over the host's /bin is refused before
    # anything runs: test_odd_project_files_get_one_line[over-bin])
    projects = f'[projects.over]\npath = "{canary}"\nfiles = {{ "secret.txt" = "pwn" }}\n'
    result = _replay(tmp_path_factory.mktemp("attempts"), _scenario(steps, projects))
    yield result, before[0], before[1]


@pytest.mark.parametrize("name", [name for name, _ in ATTEMPTS])
def test_attempt_leaves_the_host_alone(
    name: str,
    canary: Path,
    attempts: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    result, before, tools = attempts
    steps = {name: step for (name, _), step in zip(ATTEMPTS, result["steps"], strict=False)}
    assert name in steps, "the step did not run: " + json.dumps(result["steps"][-1])
    assert not list(canary.glob(f"{name}*")), "a file was written outside the machine"
    assert _snapshot(canary) == before, "the canary folder changed"
    assert _tools() == tools, "a host tool changed"
    assert SECRET not in steps[name]["output"], "the secret was read"


def test_all_attempts_ran_and_the_secret_stayed_home(
    attempts: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    result = attempts[0]
    assert len(result["steps"]) == len(ATTEMPTS)
    assert SECRET not in json.dumps(result)
    outputs = {name: s["output"] for (name, _), s in zip(ATTEMPTS, result["steps"], strict=True)}
    assert "unshare -1" in outputs["unshare"]  # no user namespace inside
    assert "Network is unreachable" in outputs["network"]
    assert "Read-only file system" in outputs["overwrite-tool"]


LIMITS = sandbox.Limits(seconds=120, step_seconds=20, processes=64, file_size=1 << 20,
                        output=64 << 10)
FLOODS = [
    ("huge-output", "python3 -c \"import sys; sys.stdout.write('x' * 10_000_000)\""),
    ("huge-file", "python3 -c \"open('big', 'wb').write(b'x' * 10_000_000)\" && ls -s big"),
    ("fifo-venv", "mkdir -p v/lib/python3.11/site-packages/a.dist-info && python3 -c "
                  "\"import os; os.mkfifo('v/pyvenv.cfg'); "
                  "os.mkfifo('v/lib/python3.11/site-packages/a.dist-info/METADATA')\""),
    ("zero-venv", "mkdir w && python3 -c \"import os; os.symlink('/dev/zero', 'w/pyvenv.cfg')\""),
    ("escape-link", "mkdir -p x && python3 -c \"import os; os.symlink('/', 'x/pyvenv.cfg'); "
                    "os.symlink('/usr/lib', '.local')\""),
    ("background", "python3 -c \"import time, itertools; [(open('/home/ana/beat', 'a')"
                   ".write('.'), time.sleep(0.2)) for _ in itertools.count()]\" &"),
    ("fork-bomb", "f(){ f | f & }; f; echo bombed"),
    ("too-long", "python3 -c 'import time; time.sleep(600)'"),
]


@pytest.fixture(scope="module")
def floods(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], float]]:
    start = time.monotonic()
    result = _replay(tmp_path_factory.mktemp("floods"), _scenario([s for _, s in FLOODS]),
                     keep=True, limits=LIMITS)
    spent = time.monotonic() - start
    yield result, spent
    shutil.rmtree(Path(result["root"]).parent, ignore_errors=True)


def _step(result: dict[str, Any], name: str) -> dict[str, Any]:
    step: dict[str, Any] = result["steps"][[n for n, _ in FLOODS].index(name)]
    return step


def test_output_is_cut_at_the_limit(floods: tuple[dict[str, Any], float]) -> None:
    step = _step(floods[0], "huge-output")
    assert len(step["output"]) == LIMITS.output


def test_files_stop_at_the_size_limit(floods: tuple[dict[str, Any], float]) -> None:
    root = Path(floods[0]["root"])
    assert (root / "home/ana/big").stat().st_size <= LIMITS.file_size
    assert _step(floods[0], "huge-file")["exit_code"] != 0


def test_fifos_and_device_links_are_not_read(floods: tuple[dict[str, Any], float]) -> None:
    envs = {e["prefix"]: e for e in floods[0]["environments"]}
    assert envs["/home/ana/v"]["python"] == "?"
    assert envs["/home/ana/v"]["packages"] == {}
    assert envs["/home/ana/w"]["python"] == "?"
    assert not any(e["kind"] == "user" for e in floods[0]["environments"])


def test_nothing_outlives_the_run(floods: tuple[dict[str, Any], float]) -> None:
    beat = Path(floods[0]["root"]) / "home/ana/beat"
    size = beat.stat().st_size
    assert size > 0  # the job ran while the run lasted
    time.sleep(3)
    assert beat.stat().st_size == size
    root, owner = Path(floods[0]["root"]), sandbox.host_owner()
    alive = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _owned(p, owner)
             and _in(p, root)]
    assert alive == []


def _owned(proc: Path, uid: int) -> bool:
    try:
        return proc.stat().st_uid == uid
    except OSError:
        return False


def _in(proc: Path, root: Path) -> bool:
    try:
        return (proc / "cwd").resolve().is_relative_to(root)
    except OSError:
        return False


def test_a_step_past_its_time_is_stopped(floods: tuple[dict[str, Any], float]) -> None:
    result, spent = floods
    step = _step(result, "too-long")
    assert step["exit_code"] == 124
    assert "stopped after the time limit" in step["output"]
    assert spent < LIMITS.seconds


def test_fork_bomb_is_bounded(floods: tuple[dict[str, Any], float]) -> None:
    assert "bombed" in _step(floods[0], "fork-bomb")["output"]


# No CPython is copied for 3.8 (pip 26.3 needs 3.10 or later): these runs take a second.
NO_PYTHON = '[world]\npythons = ["3.8"]\n'


@pytest.mark.parametrize(
    ("step", "code", "output"),
    [
        ("exit 3", 3, "exit\n"),
        ("exec ls nofile", 2, "ls: cannot access 'nofile': No such file or directory\n"),
        ("cat <<EOF", 2, "bash: warning: here-document at line 1 delimited by end-of-file "
                         "(wanted `EOF')\nbash: syntax error: unexpected end of file\n"),
    ],
)
def test_a_step_that_ends_the_shell_is_reported(
    tmp_path: Path, step: str, code: int, output: str
) -> None:
    text = NO_PYTHON + f"[[steps]]\nrun = {json.dumps(step)}\n[[steps]]\nrun = 'echo never'\n"
    result = _replay(tmp_path, text)
    assert result["steps"] == [{"run": step, "exit_code": code, "output": output}]


def test_a_syntax_error_is_bash_s_own(tmp_path: Path) -> None:
    text = NO_PYTHON + "[[steps]]\nrun = '}'\n[[steps]]\nrun = 'echo after'\n"
    result = _replay(tmp_path, text)
    assert result["steps"] == [
        {"run": "}", "exit_code": 2, "output": "bash: syntax error near unexpected token `}'\n"},
        {"run": "echo after", "exit_code": 0, "output": "after\n"},
    ]


def test_refuses_in_one_line_without_namespaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox.shutil, "which", lambda *a, **k: None)
    sandbox.unavailable.cache_clear()
    try:
        with pytest.raises(ValueError, match="bubblewrap .bwrap. is not installed"):
            _replay(tmp_path, NO_PYTHON + "[[steps]]\nrun = 'true'\n")
    finally:
        sandbox.unavailable.cache_clear()
    assert not list((tmp_path / "tmp").iterdir())


def test_limits_are_a_plain_record() -> None:
    assert dataclasses.replace(LIMITS, output=1).output == 1


@pytest.mark.parametrize(
    "project",
    [
        'files = { "." = "x" }',
        'files = { "" = "x" }',
        'files = { "a" = "x", "a/b" = "y" }',
        'files = { "a/b" = "y", "a" = "x" }',
        'files = { "app.py/x" = "x" }',
        'files = { "' + "n" * 5000 + '" = "x" }',
        'path = "/bin/ls"',
        'path = "/bin"\nfiles = { ls = "pwn", cat = "pwn" }',
        'path = "/usr/bin"\nfiles = { "python3" = "x" }\n[projects.q]\npath = "/usr/bin/python3"',
    ],
    ids=["dot", "empty", "file-then-under", "under-then-file", "under-app", "long", "over-tool",
         "over-bin", "over-file"],
)
def test_odd_project_files_get_one_line(tmp_path: Path, project: str) -> None:
    text = NO_PYTHON + f"[projects.p]\n{project}\n[[steps]]\nrun = 'ls'\n"
    with pytest.raises(ValueError) as info:
        _replay(tmp_path, text)
    assert "\n" not in str(info.value) and "projects." in str(info.value)
    assert not list((tmp_path / "tmp").iterdir())
