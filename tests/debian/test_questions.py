"""apt's question, sudo's environment and CPython's tracebacks beyond the replayed lines:
at a terminal, from the recordings' ``env`` lines, and on CPython 3.11 run here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.model.world import build
from simulator.scenario import load, loads
from simulator.shell.run import run_line
from tests.transcript import read

HERE = Path(__file__).resolve().parent
SHELL_OWN = {"PWD", "OLDPWD", "SHLVL", "_", "PS1"}  # bash's own


def _debian() -> object:
    return build(load(HERE / "apt_prompt.toml").spec)


def test_apt_question_at_a_terminal_shows_no_echo_and_stops_on_no() -> None:
    """A student types the answer: the terminal shows it, apt does not print it again."""
    typed: list[str] = []

    def keyboard(shown: str) -> str:
        typed.append(shown)
        return "n"

    keyboard.tty = True  # type: ignore[attr-defined]
    done = run_line(_debian(), "sudo apt install python3-venv", keyboard)  # type: ignore[arg-type]
    assert typed and typed[0].endswith("Space needed: 2957 kB / 78.4 GB available\n\nContinue? [Y/n] ")
    assert (done.code, done.output[-len("Continue? [Y/n] Abort.\n"):]) == (
        1, "Continue? [Y/n] Abort.\n")
    assert not done.world.fs.exists("/usr/lib/python3.13/ensurepip")


def test_apt_installs_after_yes_at_a_terminal() -> None:
    done = run_line(_debian(), "sudo apt-get install python3-venv",
                    lambda shown: "y")  # type: ignore[arg-type,return-value]
    assert done.code == 0
    assert "Do you want to continue? [Y/n] Selecting previously unselected package" in done.output
    assert run_line(done.world, "python3 -m venv v").code == 0


def test_apt_asks_nothing_for_a_package_alone() -> None:
    """No question when apt installs just what was asked for (as recorded: "maybe" unread)."""
    done = run_line(_debian(), "echo n | sudo apt install python-is-python3")
    assert done.code == 0 and "Continue?" not in done.output
    assert run_line(done.world, "python --version").output == "Python 3.13.5\n"


@pytest.mark.parametrize(("name", "command"), [("sudo_env", "sudo env"),
                                               ("sudo_env", "sudo -E env"),
                                               ("sudo_keep", "sudo -E -u ana env"),
                                               ("more_paths", "sudo -u ana env")])
def test_sudo_environment_is_the_recorded_one(name: str, command: str) -> None:
    """The variables real sudo passed (bash's own and the terminal's aside), whatever their
    order."""
    entries = read(HERE / f"{name}.txt")
    w = build(load(HERE / f"{name}.toml").spec)
    for e in entries:
        result = run_line(w, e.command)
        if e.command == command:
            got = {line for line in result.output.splitlines() if line.split("=")[0] not in SHELL_OWN}
            want = {line for line in e.output.splitlines() if line.split("=")[0] not in SHELL_OWN}
            assert got == want
            return
        w = result.world
    raise AssertionError(f"{command} not recorded in {name}")


def test_sudo_options() -> None:
    w = _debian()
    assert run_line(w, "sudo -u nobody true").code == 1
    bad = run_line(w, "sudo -u")
    assert bad.code == 1 and bad.output.startswith("sudo: option requires an argument -- 'u'\n")
    assert run_line(w, "sudo --preserve-env true").code == 0


SCRIPTS = {
    "binop.py": 'x = 1\nprint(x + "a")\n',
    "call.py": "if True:\n    print(len(5))\n",
    "key.py": 'd = {}\nprint(d["a"])\n',
    "line.py": "import sys; import nosuch\n",
    "whole.py": 'int("x")\n',
    "part.py": 'y = 2\nint("x") + y\n',
}


@pytest.mark.skipif(shutil.which("python3.11") is None, reason="no CPython 3.11 here")
@pytest.mark.parametrize("name", SCRIPTS)
def test_311_tracebacks_are_cpython_311s(name: str, tmp_path: Path) -> None:
    """On a 3.11 machine, a script's traceback is what CPython 3.11 prints (run here);
    3.13's call anchors (tracebacks.txt) do not appear."""
    (tmp_path / name).write_text(SCRIPTS[name])
    real = subprocess.run(["python3.11", name], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, check=False)
    w = build(loads('[world]\nuser = "ana"\n', "x").spec)
    w = w.with_fs(w.fs.write(f"/home/ana/{name}", SCRIPTS[name]))
    got = run_line(w, f"python3 {name}")
    want = real.stderr.replace(str(tmp_path), "/home/ana")
    assert (got.code, got.output) == (real.returncode, want)


def test_c_code_is_quoted_from_313_only() -> None:
    generic = build(loads('[world]\nuser = "ana"\n', "x").spec)
    debian = _debian()
    line = "python3 -c 'import requests'"
    assert "    import requests\n" not in run_line(generic, line).output
    assert "    import requests\n" in run_line(debian, line).output
