"""Replaying the recordings of real uv (tests/transcripts/uv_*.txt) in the simulator."""

from __future__ import annotations

from dataclasses import dataclass, replace

from simulator.model.tools import without_durations
from simulator.model.world import World, build
from simulator.shell.run import run_line
from tests.transcript import LOCAL, Entry, read
from tests.uv.machine import scenario
from tests.uv.record import NO_EOL


def names() -> list[str]:
    return sorted(p.name for p in LOCAL.glob("uv_*.txt"))


def entries(name: str) -> list[Entry]:
    """Every command of a recording; output without a final newline is marked by record.py."""
    out = []
    for e in read(LOCAL / name):
        text = e.output
        if text.endswith(f"\n{NO_EOL}\n"):
            text = text[: -len(NO_EOL) - 2]
        out.append(replace(e, output=text))
    return out


def fresh() -> World:
    """The recording machine with uv, as record.py's bash started: no PS1, its cache folder."""
    world = build(replace(scenario().spec, tools=("uv",)))
    world = run_line(world, "unset PS1; export UV_CACHE_DIR=/tmp/uv-cache").world
    return world


def same(real: str, simulated: str) -> bool:
    """Equal, any duration ("in 3ms") being equal to any other."""
    return without_durations(real) == without_durations(simulated)


@dataclass
class Miss:
    entry: Entry
    got: str
    code: int


def compare(name: str, skip: dict[str, str]) -> tuple[list[Miss], int]:
    """Entries whose simulated output or exit code differ, and how many were compared."""
    world = fresh()
    misses, compared = [], 0
    for e in entries(name):
        result = run_line(world, e.command)
        world = result.world
        if e.command in skip:
            continue
        compared += 1
        expected = e.output.replace("/tmp/driver.sh: line ", "bash: line ")
        if not same(expected, result.output) or e.exit_code != result.code:
            misses.append(Miss(e, result.output, result.code))
    return misses, compared
