"""Real Debian 13 recordings (tests/debian/*.txt, made by simulator/verify/debian_root.py from
the scenario beside each) replayed on the simulated ``os = "debian13"`` machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario import load
from simulator.shell.run import run_line
from tests.transcript import read

HERE = Path(__file__).resolve().parent
# Recorded lines the simulator does not reproduce, and why.
NOT_SIMULATED = {
    "ls /usr/bin/pip* /usr/bin/python*": "the simulated shell does not expand globs",
    "ls -A .venv .venv/bin": "the simulated ls has no -A (it lists no dot files)",
    "sudo -E env": "sudo's options are not simulated",
    "sudo env": "the simulated env prints variables sorted, not in the environment's order",
    "pip install --break-system-packages libcolor": "simulated pip does not read PIP_INDEX_URL",
}
SIMULATED = ("says_no", "sudo_env")


@pytest.mark.parametrize("name", SIMULATED)
def test_recording_replays(name: str) -> None:
    world = load(HERE / f"{name}.toml").spec
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
        if (result.output, result.code) != (e.output, e.exit_code):
            misses.append(f"$ {e.command}\n--- real ({e.exit_code})\n{e.output}--- simulated "
                          f"({result.code})\n{result.output}")
    assert not misses, "\n".join(misses)


def test_recordings_follow_their_scenarios() -> None:
    """Every recording holds exactly its scenario's steps, in order."""
    for toml in sorted(HERE.glob("*.toml")):
        steps = [s.run for s in load(toml).steps]
        assert [e.command for e in read(toml.with_suffix(".txt"))] == steps, toml.name
