"""Diagrams of a world: networkx builds the graph, matplotlib draws, ``save`` writes.

``to_graph(world)`` gives a ``networkx.DiGraph``; ``draw(world, view, theme)``
a matplotlib ``Figure``; ``save(figure, path)`` writes .svg, .png or .pdf;
``text(world, view, path)`` gives Mermaid (.mmd) or Graphviz (.dot) text.
matplotlib and networkx are imported only when one of these is called.
"""

from __future__ import annotations

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


def to_graph(world: World, lang: str = "en") -> Any:
    """The world as a ``networkx.DiGraph``."""
    from .graph import to_graph as build

    return build(world, lang)


def draw(world: World, view: str = "compare", theme: str = "light", *, lang: str = "en",
         before: World | None = None, timeline: Timeline | None = None, caption: str = "") -> Figure:
    """``world`` drawn as ``view`` in ``theme``; ``before`` highlights what changed since."""
    from .paint import paint
    from .themes import THEMES
    from .views import picture

    return paint(picture(world, view, lang, before=before, timeline=timeline, caption=caption),
                 THEMES[theme])


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


def write(timeline: Timeline, step: int, view: str, path: str, *, theme: str = "light",
          lang: str = "en") -> None:
    """The world after ``step`` of ``timeline`` drawn as ``view`` into ``path`` (format by suffix)."""
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    world = timeline.world_at(step)
    shown = timeline.upto(step)
    if suffix in TEXT_SUFFIXES:
        from .dot import dot
        from .mermaid import mermaid
        from .output import save_text

        make = mermaid if suffix == ".mmd" else dot
        save_text(make(world, view, lang, theme, shown), path)
        return
    if suffix not in FIGURE_SUFFIXES:
        raise ValueError(f"unknown suffix '{suffix}' (use {', '.join(SUFFIXES)})")
    save(draw(world, view, theme, lang=lang, timeline=shown), path)
