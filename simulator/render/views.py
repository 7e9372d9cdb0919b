"""Which picture each view is: a table from view name to layout function.

>>> from simulator.model.world import WorldSpec, build
>>> sorted(LAYOUTS)
['compare', 'global', 'graph', 'venvs']
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.world import World
from ..replay import Timeline
from .blocks import GAP, S_TITLE
from .facts import Facts, facts
from .graphview import graph_view
from .panels import compare, global_view, venvs_view
from .picture import Picture
from .timeline import timeline_view

LAYOUTS: dict[str, Callable[[Facts, str], Picture]] = {
    "global": global_view,
    "venvs": venvs_view,
    "graph": graph_view,
    "compare": compare,
}


def picture(world: World, view: str, lang: str, *, before: World | None = None,
            timeline: Timeline | None = None, caption: str = "") -> Picture:
    """The picture of ``view`` for ``world`` (``timeline`` needs the whole timeline)."""
    if view == "timeline":
        if timeline is None:
            raise ValueError("the timeline view needs a timeline")
        return timeline_view(timeline, lang)
    pic = LAYOUTS[view](facts(world, before), lang)
    if caption:
        out = Picture()
        out.text(0, 0, caption, S_TITLE * 0.8, bold=True, mono=True)
        out.add(pic, 0, S_TITLE + GAP)
        return out
    return pic
