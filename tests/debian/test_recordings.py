"""Real Debian 13 recordings (tests/debian/*.txt, made by simulator/verify/debian_root.py from
the scenario beside each) replayed on the simulated ``os = "debian13"`` machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.scenario import load
from simulator.shell.run import run_line
from tests.transcript import read

HERE = Path(__file__).resolve().parent
ENV_ORDER = "the simulated env prints variables sorted, not in the environment's order"
PIPX_OFFLINE = ("recorded offline without pip in the index, pipx failed making its shared venv; "
                "the simulation is pipx with pip at hand, as from PyPI (pipx_install.txt)")
# Recorded lines the simulator does not reproduce, and why.
NOT_SIMULATED = {
    "ls /usr/bin/pip* /usr/bin/python*": "the simulated shell does not expand globs",
    "ls -A .venv .venv/bin": "the simulated ls has no -A (it lists no dot files)",
    "ls -l /usr/bin/python": "the simulated ls -l shows every file as the user's, with one date",
    "sudo env": ENV_ORDER,
    "sudo -E env": ENV_ORDER,
    "sudo -E -u ana env": ENV_ORDER,
    "sudo -u ana env": ENV_ORDER,
    "python3 -c 'import sys; print(sys.version_info[:2]); import nosuch'":
        "stdout was a pipe, so CPython wrote the printed line at exit, after the traceback; "
        "a terminal shows it first, as the simulation does",
    "pipx install appa": PIPX_OFFLINE,
    "ls ~/.local/share/pipx/venvs": PIPX_OFFLINE,
    "pipx install libcolor": PIPX_OFFLINE,
    "ls ~/.local/share/pipx/shared/bin": "pipx's shared venv is a bare folder in the simulation",
}
LESSONS = HERE.parent.parent / "lessons"
# Each recording and the scenario (or lesson) it was recorded from.
SOURCES = {
    "says_no": HERE / "says_no.toml",
    "sudo_env": HERE / "sudo_env.toml",
    "apt": HERE / "apt.toml",
    "apt_more": HERE / "apt_more.toml",
    "permissions": HERE / "permissions.toml",
    "apt_requests": HERE / "apt_requests.toml",
    "apt_full": HERE / "apt_full.toml",
    "apt_prompt": HERE / "apt_prompt.toml",
    "apt_full_prompt": HERE / "apt_full_prompt.toml",
    "apt_get_lists": HERE / "apt_get_lists.toml",
    "sudo_keep": HERE / "sudo_keep.toml",
    "tracebacks": HERE / "tracebacks.toml",
    "pipx_use": HERE / "pipx_use.toml",
    "pipx_path": HERE / "pipx_path.toml",
    "pipx_install": HERE / "pipx_install.toml",
    "more_paths": HERE / "more_paths.toml",
    "lesson_07": LESSONS / "07-externally-managed.toml",
    "lesson_11": LESSONS / "11-debian-says-no.toml",
    "notebook_06_break": HERE / "notebook_06_break.toml",  # notebooks/*/06-*'s commands
    "notebook_06_cure": HERE / "notebook_06_cure.toml",
}
# Recorded, not replayed.
RECORDED_ONLY: dict[str, Path] = {}
AVAILABLE = re.compile(r"/ [0-9.]+ GB available$", re.M)  # the recording host's free space
STASH = re.compile(r"/tmp/pip-uninstall-[a-z0-9_]{8}")  # pip's random temporary folder
# The recording's clock, in what pipx writes (and the counter pipx adds to a log's name when
# another pipx command wrote one in the same second)
WHEN = re.compile(r"(?<=# Created by `pipx` on )[0-9-]+ [0-9:]+$"
                  r"|(?<=/cmd_)[0-9-]+_[0-9.]+(?:_[0-9]+)?(?=_pip)", re.M)


@pytest.mark.parametrize("name", SOURCES)
def test_recording_replays(name: str) -> None:
    world = load(SOURCES[name]).spec
    from simulator.model.world import build

    w = build(world)
    misses = []
    entries = read(HERE / f"{name}.txt")
    assert entries
    for e in entries:
        result = run_line(w, e.command)
        w = result.world
        if e.command in NOT_SIMULATED:
            continue
        got, want = (WHEN.sub("X", STASH.sub("/tmp/pip-uninstall-X",
                                             AVAILABLE.sub("/ X GB available", text)))
                     for text in (result.output, e.output))
        if (got, result.code) != (want, e.exit_code):
            misses.append(f"$ {e.command}\n--- real ({e.exit_code})\n{e.output}--- simulated "
                          f"({result.code})\n{result.output}")
    assert not misses, "\n".join(misses)


def test_recordings_follow_their_scenarios() -> None:
    """Every recording holds exactly its scenario's steps, in order."""
    for name, source in {**SOURCES, **RECORDED_ONLY}.items():
        steps = [s.run for s in load(source).steps]
        assert [e.command for e in read(HERE / f"{name}.txt")] == steps, name


def test_run_json_lists_what_the_system_pip_lists() -> None:
    """``run --json``'s system environment on debian13 is what the real ``sudo pip list``
    showed (apt's and /usr/local's packages; pip, setuptools and wheel aside)."""
    scen = load(HERE / "says_no.toml")
    entries = read(HERE / "says_no.txt")
    upto = next(i for i, e in enumerate(entries) if e.command == "sudo pip list")
    from simulator.model.environments import environments
    from simulator.model.world import build

    w = build(scen.spec)
    for e in entries[:upto]:
        w = run_line(w, e.command).world
    real = dict(line.split() for line in entries[upto].output.splitlines()[2:])
    system = next(e for e in environments(w) if e.kind == "system")
    assert system.to_json()["packages"] == {k: v for k, v in real.items()
                                            if k not in ("pip", "setuptools", "wheel")}
    assert system.to_json()["packages"] == {"appa": "1.0", "libcolor": "1.0", "packaging": "25.0"}
