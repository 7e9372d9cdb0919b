"""A view as Graphviz DOT text (``.dot``): ``dot -Tsvg view.dot`` draws it.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> text = dot(build(WorldSpec(projects=(ProjectSpec("web", "~/web", ("libcolor<2",)),))), "graph")
>>> text.splitlines()[0], '"web\\\\n~/web"' in text
('digraph venvsim {', True)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.world import World
from ..replay import Timeline
from .facts import facts
from .outline import Group, Node, outline
from .paint import mix
from .themes import THEMES, Theme, colour, number


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(n: Node, theme: Theme) -> str:
    bg = colour(theme, "background")
    if n.style == "changed":
        fill, line, ink = colour(theme, "changed"), colour(theme, "ink"), colour(theme, "on_changed")
    elif n.style == "muted":
        fill, line, ink = bg, colour(theme, "muted"), colour(theme, "muted")
    else:
        line = colour(theme, n.style)
        fill = mix(line, bg, number(theme, "tint"))
        ink = colour(theme, "bad") if n.style == "bad" else colour(theme, "ink")
    return (f'label={quote(n.label)}, style="rounded,filled", fillcolor="{fill}", color="{line}", '
            f'fontcolor="{ink}"')


def _group(g: Group, theme: Theme, indent: str) -> list[str]:
    lines = [f"{indent}subgraph {quote('cluster_' + g.id)} {{",
             f'{indent}  label={quote(g.label)}; color="{colour(theme, g.style)}"; '
             f'fontcolor="{colour(theme, "ink")}";']
    for sub in g.groups:
        lines += _group(sub, theme, indent + "  ")
    lines += [f"{indent}  {quote(n.id)} [{_attrs(n, theme)}];" for n in g.nodes]
    lines.append(f"{indent}}}")
    return lines


def dot(world: World, view: str, lang: str = "en", theme: str = "light",
        timeline: Timeline | None = None, *, left: World | None = None,
        captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> str:
    """DOT text of ``view``; unmet needs and conflicts are red, dashed edges."""
    o = outline(facts(world, left), view, lang, timeline,
                left=facts(left) if left is not None else None, captions=captions)
    th = THEMES[theme]
    lines = [
        "digraph venvsim {",
        f'  graph [rankdir={"LR" if view == "graph" else "TB"}, bgcolor="{colour(th, "background")}", '
        'fontname="DejaVu Sans"];',
        '  node [shape=box, fontname="DejaVu Sans"];',
        f'  edge [fontname="DejaVu Sans", color="{colour(th, "line")}", fontcolor="{colour(th, "ink")}"];',
    ]
    for g in o.groups:
        lines += _group(g, th, "  ")
    lines += [f"  {quote(n.id)} [{_attrs(n, th)}];" for n in o.nodes]
    for e in o.edges:
        attrs = []
        if e.label:
            attrs.append(f"label={quote(e.label)}")
        if e.bad:
            attrs.append(f'color="{colour(th, "bad")}", fontcolor="{colour(th, "bad")}", penwidth=2.5')
        if e.dashed:
            attrs.append("style=dashed")
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {quote(e.a)} -> {quote(e.b)}{tail};")
    lines.append("}")
    return "\n".join(lines) + "\n"
