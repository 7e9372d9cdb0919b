"""An interactive explorer for Jupyter (ipywidgets): step through a timeline, run new lines.

``explore("lesson.toml")`` (or a ``World`` or ``Timeline``) shows a step slider
with back and forward buttons, a view chooser, the terminal output of the
current step and the picture of the world after it. A line typed in the
command box runs on the world of the current step: the steps after it are
dropped and the new one appended, as ``:undo`` then a new command would.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from . import display
from .api import Timeline, World, load
from .errors import UsageError
from .i18n import t

VIEWS = display.DRAWN_VIEWS


class Explorer:
    """The widgets and the timeline they show; ``explorer.widget`` is the whole box."""

    def __init__(self, timeline: Timeline, view: str = "compare", lang: str | None = None) -> None:
        import ipywidgets as w

        _, _, self.lang = display.options(None, None, lang)
        if view not in VIEWS:
            raise display.DisplayError(f"unknown view '{view}' (choose {', '.join(VIEWS)})")
        self.timeline = timeline
        self.slider = w.IntSlider(value=len(timeline), min=0, max=len(timeline),
                                  description=t("explorer_step", self.lang), continuous_update=False)
        self.back = w.Button(description="◀", layout=w.Layout(width="3em"))
        self.forward = w.Button(description="▶", layout=w.Layout(width="3em"))
        self.views = w.ToggleButtons(options=list(VIEWS), value=view,
                                     description=t("explorer_view", self.lang))
        self.terminal = w.HTML()
        self.picture = w.HTML()
        self.note = w.HTML()
        self.command = w.Text(placeholder=t("explorer_type", self.lang), continuous_update=False,
                              layout=w.Layout(width="60%"))
        self.run_button = w.Button(description=t("explorer_run", self.lang))
        self.back.on_click(lambda _: self.go(self.step - 1))
        self.forward.on_click(lambda _: self.go(self.step + 1))
        self.run_button.on_click(lambda _: self._submit())
        self.command.observe(lambda _: self._submit(), names="value")
        self.slider.observe(lambda _: self.refresh(), names="value")
        self.views.observe(lambda _: self.refresh(), names="value")
        self.widget = w.VBox([
            w.HBox([self.back, self.slider, self.forward]),
            self.views,
            self.terminal,
            w.HBox([self.command, self.run_button]),
            self.note,
            self.picture,
        ])
        self.refresh()

    @property
    def step(self) -> int:
        return int(self.slider.value)

    @property
    def world(self) -> World:
        """The world after the current step."""
        return self.timeline.world_at(self.step)

    def go(self, step: int) -> None:
        """Show the world after ``step`` (clamped to the timeline)."""
        self.slider.value = min(max(step, 0), len(self.timeline))

    def run(self, line: str) -> None:
        """Run ``line`` on the current world, dropping the steps after it."""
        dropped = len(self.timeline) - self.step
        self.timeline = self.timeline.upto(self.step).then(line)
        self.note.value = (f"<i>{html.escape(t('explorer_branched', self.lang, n=self.step))}</i>"
                           if dropped else "")
        self.slider.max = len(self.timeline)
        if self.slider.value == len(self.timeline):
            self.refresh()
        else:
            self.slider.value = len(self.timeline)

    def _submit(self) -> None:
        line = self.command.value.strip()
        if not line:
            return
        self.command.value = ""
        self.run(line)

    def refresh(self) -> None:
        """Redraw the terminal and the picture for the current step and view."""
        step = self.step
        if step == 0:
            self.terminal.value = display.terminal_html(t("explorer_start", self.lang) + "\n", 0)
            before = None
        else:
            result = self.timeline[step - 1]
            self.terminal.value = display.terminal_html(str(result), result.exit_code)
            before = result.before.state
        world = self.timeline.world_at(step).state
        self.picture.value = display.img_tag(display.world_svg(world, before, self.views.value, self.lang))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def explore(source: str | Path | World | Timeline, *, view: str = "compare",
            lang: str | None = None) -> Explorer:
    """An explorer over a scenario or lesson file, a ``Timeline`` or a ``World``."""
    if isinstance(source, World):
        timeline = source.replay([])
    elif isinstance(source, Timeline):
        timeline = source
    elif isinstance(source, str | Path):
        timeline = load(source)
    else:
        raise UsageError(f"explore() takes a file path, a World or a Timeline, not {type(source).__name__}")
    return Explorer(timeline, view, lang)
