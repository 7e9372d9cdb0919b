"""The Jupyter explorer, driven through its real ipywidgets (no browser needed)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from simulator import ScenarioError, UsageError, World, explore, load  # noqa: E402
from simulator.display import DisplayError  # noqa: E402

LESSON = Path(__file__).parents[1] / "lessons" / "02-one-venv-per-project.toml"


def _svg(explorer: object) -> str:
    value = explorer.picture.value  # type: ignore[attr-defined]
    return base64.b64decode(value.split("base64,")[1].split('"')[0]).decode("utf-8")


def test_slider_and_buttons_step_through_the_timeline() -> None:
    ex = explore(LESSON)
    steps = len(load(LESSON))
    assert ex.step == steps and ex.slider.max == steps
    ex.back.click()
    assert ex.step == steps - 1
    assert ex.timeline[steps - 2].line in ex.terminal.value
    ex.go(0)
    assert "before the first step" in ex.terminal.value
    ex.back.click()
    assert ex.step == 0  # clamped
    ex.forward.click()
    assert ex.step == 1 and ex.timeline[0].line.split()[0] in ex.terminal.value


def test_views_redraw_the_picture() -> None:
    ex = explore(LESSON)
    pictures = {}
    for view in ("global", "venvs", "graph", "compare"):
        ex.views.value = view
        pictures[view] = _svg(ex)
    assert len(set(pictures.values())) == 4
    assert "Global Python" in pictures["global"] and "libcolor" in pictures["graph"]


def test_a_command_branches_the_timeline() -> None:
    ex = explore(LESSON)
    total = len(ex.timeline)
    ex.go(2)
    ex.command.value = "pip install nosuchpkg"
    assert ex.command.value == ""
    assert len(ex.timeline) == 3 and ex.step == 3 and ex.slider.max == 3
    assert "No matching distribution found for nosuchpkg" in ex.terminal.value
    assert "[exit 1]" in ex.terminal.value and "new branch from step 2" in ex.note.value
    assert total > 3
    ex.command.value = "pip install 'unclosed"
    assert "unexpected EOF" in ex.terminal.value and ex.step == 4
    ex.run_button.click()  # an empty box runs nothing
    assert len(ex.timeline) == 4


def test_explore_a_world_and_in_spanish() -> None:
    ex = explore(World.new(index={"libcolor": ["1.0"]}, projects={"pinta": ["libcolor"]}), lang="es",
                 view="global")
    assert ex.step == 0 and "antes del primer paso" in ex.terminal.value
    ex.command.value = "pip install libcolor"
    assert "Successfully installed libcolor-1.0" in ex.terminal.value
    assert "Python global" in _svg(ex)
    assert ex.world.projects == {"pinta": True}


def test_bad_choices_are_one_line_errors() -> None:
    with pytest.raises(DisplayError, match="unknown view 'timeline'"):
        explore(LESSON, view="timeline")
    with pytest.raises(DisplayError, match="unknown lang 'fr'"):
        explore(LESSON, lang="fr")
    with pytest.raises(UsageError, match="explore\\(\\) takes a file path, a World or a Timeline, not int"):
        explore(3)  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="nope.toml: no such file"):
        explore("nope.toml")
