"""Diagrams of a world: networkx builds the graph, matplotlib draws, ``save`` writes.

``to_graph(world)`` gives a ``networkx.DiGraph``; ``draw(world, view, theme)``
a matplotlib ``Figure``; ``save(figure, path)`` writes .svg, .png or .pdf;
``text(world, view, path)`` gives Mermaid (.mmd) or Graphviz (.dot) text.
matplotlib and networkx are imported only when one of these is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

VIEWS = ("global", "venvs", "graph", "compare", "timeline", "path", "anatomy")
FIGURE_SUFFIXES = (".svg", ".png", ".pdf")
TEXT_SUFFIXES = (".mmd", ".dot")
SUFFIXES = FIGURE_SUFFIXES + TEXT_SUFFIXES
THEME_NAMES = ("light", "dark", "high-contrast")

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..model.world import World
    from ..replay import Timeline
    from .picture import Picture


def to_graph(world: World, lang: str = "en") -> Any:
    """The world as a ``networkx.DiGraph``."""
    from .graph import to_graph as build

    return build(world, lang)


def draw(world: World, view: str = "compare", theme: str = "light", *, lang: str = "en",
         before: World | None = None, timeline: Timeline | None = None, caption: str = "",
         left: World | None = None, captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> Figure:
    """``world`` drawn as ``view`` in ``theme``; ``before`` highlights what changed since.

    ``compare`` with ``left``: two moments of a story side by side, ``left`` then ``world``,
    each drawn as the view that tells it (``captions``: the lines above each side)."""
    from .paint import paint
    from .themes import THEMES
    from .views import picture

    return paint(picture(world, view, lang, before=before, timeline=timeline, caption=caption,
                         left=left, captions=captions), THEMES[theme])


def draw_environment(world: World, prefix: str, theme: str = "light", *, lang: str = "en") -> Figure:
    """The environment at ``prefix`` alone, its packages as chips."""
    from .paint import paint
    from .themes import THEMES
    from .views import environment_picture

    return paint(environment_picture(world, prefix, lang), THEMES[theme], tight=True)


def save(figure: Figure, path: str) -> None:
    """Write ``figure`` to ``path`` (.svg, .png or .pdf) atomically, with reproducible bytes."""
    from .output import save_figure

    save_figure(figure, path)


def svg(figure: Figure) -> str:
    """``figure`` as SVG text, the same bytes ``save`` writes to a .svg file."""
    from .output import figure_bytes

    return figure_bytes(figure, ".svg").decode("utf-8")


def compared(timeline: Timeline, step: int, since: int | None = None) -> int | None:
    """The earlier step ``compare`` puts beside ``step``: ``since`` if given, else one derived
    from the story (``render.moments.derive``); None for a single world's global and venvs."""
    from .moments import derive

    return since if since is not None else derive(timeline, step)


def picture_step(timeline: Timeline, step: int, view: str, *, lang: str = "en",
                 since: int | None = None, highlight: bool = False) -> Picture:
    """The shapes of the world after ``step`` as ``view`` (``compare``: beside the world after
    ``since``, or a moment derived from the story; ``highlight``: what the step changed)."""
    from .moments import caption
    from .views import picture

    world = timeline.world_at(step)
    first = compared(timeline, step, since) if view == "compare" else None
    if first is not None:
        return picture(world, view, lang, left=timeline.world_at(first),
                       captions=(caption(timeline, first, lang), caption(timeline, step, lang)))
    before = timeline.world_at(step - 1) if highlight and step > 0 else None
    return picture(world, view, lang, before=before, timeline=timeline.upto(step))


def draw_step(timeline: Timeline, step: int, view: str, theme: str = "light", *, lang: str = "en",
              since: int | None = None, highlight: bool = False) -> Figure:
    """``picture_step`` painted by matplotlib in ``theme``."""
    from .paint import paint
    from .themes import THEMES

    return paint(picture_step(timeline, step, view, lang=lang, since=since, highlight=highlight),
                 THEMES[theme])


def write(timeline: Timeline, step: int, view: str, path: str, *, theme: str = "light",
          lang: str = "en", since: int | None = None) -> None:
    """The world after ``step`` of ``timeline`` drawn as ``view`` into ``path`` (format by suffix;
    ``compare`` puts the world after ``since``, or a moment derived from the story, on the left)."""
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from .dot import dot
        from .mermaid import mermaid
        from .moments import caption
        from .output import save_text

        first = compared(timeline, step, since) if view == "compare" else None
        left = timeline.world_at(first) if first is not None else None
        captions = ((caption(timeline, first, lang), caption(timeline, step, lang))
                    if first is not None else ((), ()))
        make = mermaid if suffix == ".mmd" else dot
        save_text(make(timeline.world_at(step), view, lang, theme, timeline.upto(step), left=left,
                       captions=captions), path)
        return
    if suffix not in FIGURE_SUFFIXES:
        raise ValueError(f"unknown suffix '{suffix}' (use {', '.join(SUFFIXES)})")
    if suffix == ".svg":  # the pure-Python writer the browser uses: no matplotlib drawing
        from .output import save_text
        from .svgwriter import to_svg

        pic = picture_step(timeline, step, view, lang=lang, since=since)
        save_text('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + to_svg(pic, theme), path)
        return
    save(draw_step(timeline, step, view, theme, lang=lang, since=since), path)
