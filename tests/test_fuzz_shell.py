"""Fuzzing shell lines: any line on a lesson's world answers (as bash or pip would) and the world
it leaves can be checked and drawn; no exception, no hang, nothing real touched."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from simulator.api import World, load
from simulator.render.facts import facts
from simulator.render.outline import outline
from simulator.render.terminal import picture

from .fuzz import LARGE, LINE, ROOT, budget, canary_for, fuzz_settings, inside

LESSONS = ("01-global-python", "02-one-venv-per-project", "06-do-not-move-a-venv", "08-system-site-packages")


@cache
def lesson_world(name: str) -> World:
    return load(ROOT / "lessons" / f"{name}.toml").end


def draw_everything(world: World) -> None:
    """Every terminal picture and every outline (what Mermaid and DOT print) of ``world``."""
    console = Console(file=io.StringIO(), width=100, color_system=None)
    for view in ("global", "venvs", "graph", "compare"):
        console.print(picture(world.state, view, "en"))
        outline(facts(world.state), view, "es")
    world.check()


@LARGE
@fuzz_settings(150)
@given(lesson=st.sampled_from(LESSONS), lines=st.lists(LINE, min_size=1, max_size=4))
def test_any_line_answers_and_leaves_a_world_that_draws(tmp_path: Path, lesson: str,
                                                        lines: list[str]) -> None:
    canary = canary_for(test_any_line_answers_and_leaves_a_world_that_draws, tmp_path)
    world = lesson_world(lesson)
    with inside(canary.work):
        for line in lines:
            with budget():
                world, result = world.run(canary.fill(line))
                assert isinstance(result.exit_code, int) and isinstance(result.output, str)
        with budget():
            draw_everything(world)
    canary.check()
