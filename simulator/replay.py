"""Replaying a scenario: one world per step, and the ``venvsim run --json`` document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model.environments import environments
from .model.world import World, build
from .scenario import Scenario
from .shell.prompt import prompt
from .shell.run import Outcome, run_line


@dataclass(frozen=True)
class Frame:
    """One step of a timeline: the command, what it did, and the world before and after."""

    run: str
    prompt: str
    outcome: Outcome
    before: World

    @property
    def after(self) -> World:
        return self.outcome.world


@dataclass(frozen=True)
class Timeline:
    start: World
    frames: tuple[Frame, ...]

    @property
    def end(self) -> World:
        return self.frames[-1].after if self.frames else self.start

    def upto(self, step: int) -> Timeline:
        """The first ``step`` steps only."""
        return Timeline(self.start, self.frames[:step])

    def world_at(self, step: int) -> World:
        """The world after ``step`` steps (0 is the start)."""
        return self.start if step == 0 else self.frames[step - 1].after


def replay(scenario: Scenario) -> Timeline:
    return extend(Timeline(build(scenario.spec), ()), [step.run for step in scenario.steps])


def extend(timeline: Timeline, lines: Iterable[str]) -> Timeline:
    """``timeline`` with ``lines`` typed one after the other at its end."""
    frames = list(timeline.frames)
    world = timeline.end
    for line in lines:
        shown = prompt(world)
        outcome = run_line(world, line)
        frames.append(Frame(line, shown, outcome, world))
        world = outcome.world
    return Timeline(timeline.start, tuple(frames))


def run_json(timeline: Timeline) -> dict[str, Any]:
    """The document ``venvsim run FILE --json`` prints (shared/SCENARIOS.md)."""
    return {
        "steps": [
            {"run": f.run, "exit_code": f.outcome.code, "output": f.outcome.output}
            for f in timeline.frames
        ],
        "environments": [e.to_json() for e in environments(timeline.end)],
    }


def terminal_text(timeline: Timeline) -> str:
    """The steps as a terminal session: prompt, command, output."""
    parts = []
    for f in timeline.frames:
        parts.append(f"{f.prompt}{f.run}\n{f.outcome.output}")
    return "".join(parts)
