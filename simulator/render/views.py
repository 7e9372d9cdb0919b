"""Which picture each view is: a table from view name to layout function.

>>> from simulator.model.world import WorldSpec, build
>>> sorted(LAYOUTS)
['anatomy', 'compare', 'global', 'graph', 'path', 'venvs']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model.world import World
from ..replay import Timeline
from .anatomy import anatomy_view
from .blocks import GAP, S_TITLE, badge, env_block, env_groups, env_lines, env_min_width, notes, system_groups
from .facts import Facts, facts
from .panels import compare, global_view, moments, venvs_view
from .pathview import path_view
from .picture import Picture
from .timeline import timeline_view
from .words import word


def graph_view(f: Facts, lang: str) -> Picture:
    """The graph view; networkx is imported only for it (the browser's other views load faster)."""
    from .graphview import graph_view as draw

    return draw(f, lang)


LAYOUTS: dict[str, Callable[[Facts, str], Picture]] = {
    "global": global_view,
    "venvs": venvs_view,
    "graph": graph_view,
    "compare": compare,
    "path": path_view,
    "anatomy": anatomy_view,
}


def picture(world: World, view: str, lang: str, *, before: World | None = None,
            timeline: Timeline | None = None, caption: str = "", left: World | None = None,
            captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> Picture:
    """The picture of ``view`` for ``world`` (``timeline`` needs the whole timeline; ``compare``
    with ``left`` puts that earlier world beside this one, each under its caption)."""
    if view == "timeline":
        if timeline is None:
            raise ValueError("the timeline view needs a timeline")
        return timeline_view(timeline, lang)
    if view == "compare" and left is not None:
        pic = moments(facts(left), facts(world, left), lang, captions)
    else:
        pic = LAYOUTS[view](facts(world, before), lang)
    if caption:
        out = Picture()
        out.text(0, 0, caption, S_TITLE * 0.8, bold=True, mono=True)
        out.add(pic, 0, S_TITLE + GAP)
        return out
    return pic


def environment_picture(world: World, prefix: str, lang: str) -> Picture:
    """One environment alone: its title, its packages as chips, what is broken in it."""
    f = facts(world)
    env = f.env(prefix)
    if env is None:
        raise ValueError(f"no environment at {prefix}")
    if env.kind == "venv":
        title = word(lang, "venv_box", name=env.name, minor=env.minor)
        groups = env_groups(env, lang)
    else:
        title = f"Python {env.minor} · {word(lang, 'user_site') if env.kind == 'user' else 'site-packages'}"
        groups = system_groups(env, lang) if env.kind == "system" else [("", env.chips + env.tools, False)]
    lines = env_lines(env.broken, (), lang, env.stale) + notes(env, lang)
    width = max(env_min_width(title, env.label, groups, lines, lang, 3, badge(env, lang)), 320.0)
    block = env_block(title, env.label, groups, env.broken, (), width,
                      "venv" if env.kind == "venv" else "system", lang=lang, badge=badge(env, lang),
                      stale=env.stale, notes=notes(env, lang))
    return block.picture
