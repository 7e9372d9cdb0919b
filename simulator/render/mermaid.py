"""A view as a Mermaid flowchart (``.mmd``), for Markdown slide tools.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> text = mermaid(build(WorldSpec(projects=(ProjectSpec("web", "~/web", ("libcolor<2",)),))), "global")
>>> text.splitlines()[0], "web" in text, "needs libcolor#lt;2 · missing" in text
('flowchart TB', True, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.world import World
from ..replay import Timeline
from .facts import facts
from .outline import Group, Node, outline
from .paint import mix
from .themes import THEMES, Theme, colour, number

STYLES = ("project", "system", "user", "venv", "bad", "changed", "muted")


def quote(label: str) -> str:
    """A label inside ``["…"]``: entities for the characters Mermaid would read as syntax."""
    text = label.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return text.replace("\n", "<br/>")


def _node(n: Node, indent: str) -> str:
    return f'{indent}{n.id}["{quote(n.label)}"]:::{n.style}'


def _group(g: Group, indent: str) -> list[str]:
    lines = [f'{indent}subgraph {g.id}["{quote(g.label)}"]']
    for sub in g.groups:
        lines += _group(sub, indent + "  ")
    lines += [_node(n, indent + "  ") for n in g.nodes]
    lines.append(f"{indent}end")
    return lines


def class_defs(theme: Theme) -> list[str]:
    bg = colour(theme, "background")
    out = []
    for s in STYLES:
        if s == "changed":
            fill, stroke, ink = colour(theme, "changed"), colour(theme, "ink"), colour(theme, "on_changed")
        elif s == "muted":
            fill, stroke, ink = bg, colour(theme, "muted"), colour(theme, "muted")
        else:
            stroke = colour(theme, s)
            fill = mix(stroke, bg, max(number(theme, "tint"), 0.0))
            ink = colour(theme, "bad") if s == "bad" else colour(theme, "ink")
        out.append(f"  classDef {s} fill:{fill},stroke:{stroke},color:{ink},stroke-width:2px")
    return out


def mermaid(world: World, view: str, lang: str = "en", theme: str = "light",
        timeline: Timeline | None = None, *, left: World | None = None,
        captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> str:
    """Mermaid text of ``view``; broken needs and conflicts are red links and red nodes."""
    o = outline(facts(world, left), view, lang, timeline,
                left=facts(left) if left is not None else None, captions=captions)
    th = THEMES[theme]
    lines = ["flowchart TB" if view != "graph" else "flowchart LR"]
    for g in o.groups:
        lines += _group(g, "  ")
    lines += [_node(n, "  ") for n in o.nodes]
    red = []
    for i, e in enumerate(o.edges):
        arrow = "-.->" if e.dashed else "-->"
        label = f'|"{quote(e.label)}"|' if e.label else ""
        lines.append(f"  {e.a} {arrow}{label} {e.b}")
        if e.bad:
            red.append(i)
    lines += class_defs(th)
    if red:
        lines.append(f"  linkStyle {','.join(map(str, red))} stroke:{colour(th, 'bad')},stroke-width:3px,"
                     f"color:{colour(th, 'bad')}")
    return "\n".join(lines) + "\n"
