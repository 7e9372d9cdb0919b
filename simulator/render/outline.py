"""A view as nested groups, nodes and edges: what the Mermaid and DOT writers print.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> from simulator.render.facts import facts
>>> w = build(WorldSpec(projects=(ProjectSpec("web", "~/web", ("libcolor",)),)))
>>> o = outline(facts(w), "global", "en")
>>> [n.label for n in o.nodes]
['web\\n~/web\\n✗ needs libcolor · missing']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.world import tilde
from ..replay import Timeline
from .blocks import badge, card_lines, chip_text, notes
from .facts import Env, Facts, Project, facts
from .graph import build_graph
from .timeline import command_lines
from .words import requires_text, word


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    style: str  # project, system, user, venv, bad, changed, muted


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    label: str = ""
    bad: bool = False
    dashed: bool = False


@dataclass
class Group:
    id: str
    label: str
    style: str
    nodes: list[Node] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


@dataclass
class Outline:
    groups: list[Group] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


class Ids:
    """Short, stable, syntax-safe ids (n1, n2…) for arbitrary keys."""

    def __init__(self, prefix: str = "n") -> None:
        self.prefix = prefix
        self.known: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        return self.known.setdefault(key, f"{self.prefix}{len(self.known) + 1}")


def _project(p: Project, lang: str, global_view: bool, ids: Ids) -> Node:
    lines = [text for text, *_ in card_lines(p, lang, global_view)]
    if global_view and p.muted_globally:
        return Node(ids(f"project:{p.folder}"), "\n".join(lines), "muted")
    ok = p.works_globally if global_view else p.works
    return Node(ids(f"project:{p.folder}"), "\n".join(lines), "project" if ok else "bad")


def _chips(e: Env, ids: Ids, lang: str) -> list[Node]:
    nodes = [Node(ids(f"note:{e.prefix}:{k}"), text, role) for k, (text, role) in enumerate(notes(e, lang))]
    placed = [(s.owner, c) for s in e.sites for c in s.chips] or [("", c) for c in e.chips]
    nodes += [Node(ids(f"chip:{e.prefix}:{owner}:{c.name}"), chip_text(c) + (f"\n{owner}" if owner else ""),
                   "bad" if c.broken else ("changed" if c.changed else e.kind)) for owner, c in placed]
    nodes += [Node(ids(f"inh:{e.prefix}:{c.name}"), f"{chip_text(c)}\n{word(lang, 'inherited')}", "muted")
              for c in e.inherited]
    nodes += [Node(ids(f"hid:{e.prefix}:{c.name}"), f"{chip_text(c)}\n{word(lang, 'hidden')}", "muted")
              for c in e.shadowed]
    if e.stale:
        lines = [word(lang, "stale_head")] + [word(lang, f"stale_{s.kind}", file=s.file, target=s.target)
                                               for s in e.stale]
        nodes.append(Node(ids(f"stale:{e.prefix}"), "\n".join(lines), "bad"))
    if e.runs:
        nodes.append(Node(ids(f"runs:{e.prefix}"), badge(e, lang), "changed"))
    nodes += [Node(ids(f"broken:{e.prefix}:{b.dist}:{b.requirement}"),
                   "✗ " + requires_text(lang, b.dist, b.requirement, b.found), "bad") for b in e.broken]
    return nodes


def _global(f: Facts, lang: str, ids: Ids, into: Outline, top: Group | None) -> None:
    where = top.groups if top else into.groups
    for i in f.interpreters:
        g = Group(ids(f"group:{i.exe}"), f"{i.title(lang)} · {word(lang, 'site_shared')}", "system")
        role = "bad" if i.missing else "system"
        g.nodes.append(Node(ids(f"python:{i.exe}"), i.title(lang, exe=False), role))
        for e in f.envs:
            if e.kind in ("system", "user") and e.minor == i.minor:
                g.nodes += _chips(e, ids, lang)
        where.append(g)
    for p in f.projects:
        node = _project(p, lang, True, ids)
        (top.nodes if top else into.nodes).append(node)
        into.edges.append(Edge(node.id, ids(f"python:{p.global_exe}"), bad=not p.works_globally,
                               dashed=p.in_venv))


def _venvs(f: Facts, lang: str, ids: Ids, into: Outline, top: Group | None) -> None:
    where = top.groups if top else into.groups
    nodes = top.nodes if top else into.nodes
    for i in f.interpreters:
        nodes.append(Node(ids(f"python:{i.exe}"), f"{i.title(lang)}\n{word(lang, 'base_sub')}",
                          "bad" if i.missing else "system"))
    for e in f.venvs:
        title = word(lang, "venv_box", name=e.name, minor=e.minor) + f" · {e.label}"
        g = Group(ids(f"group:{e.prefix}"), title, "bad" if e.stale else "venv")
        head = Node(ids(f"venv:{e.prefix}"), e.label, "changed" if e.changed else "venv")
        g.nodes = [head] + _chips(e, ids, lang)
        where.append(g)
        if e.base is not None:
            into.edges.append(Edge(head.id, ids(f"python:{e.base}"), word(lang, "base")))
    for p in f.projects:
        node = _project(p, lang, False, ids)
        nodes.append(node)
        target = ids(f"venv:{p.env}") if p.in_venv else ids(f"python:{p.global_exe}")
        into.edges.append(Edge(node.id, target, bad=not p.works, dashed=not p.in_venv))


def _graph(f: Facts, lang: str, ids: Ids, into: Outline) -> None:
    g = build_graph(f, lang)
    for n, d in sorted(g.nodes(data=True)):
        if d["kind"] == "project":
            into.nodes.append(Node(ids(n), f"{d['label']}\n{tilde(d['folder'], f.home)}",
                                   "project" if d["works"] else "bad"))
        elif d["kind"] in ("dist", "missing"):
            env = g.nodes[d["env"]]
            bad = d["kind"] == "missing" or d.get("broken", False)
            text = d["label"] if d["kind"] == "dist" else f"✗ {d['label']} · {word(lang, 'missing')}"
            into.nodes.append(Node(ids(n), f"{text}\n{env['label']}", "bad" if bad else env["env_kind"]))
        elif d["kind"] == "locked":
            into.nodes.append(Node(ids(n), f"{d['label']}\n{d['note']}", "muted" if d["synced"] else "bad"))
    for u, v, d in sorted(g.edges(data=True)):
        if d["kind"] in ("needs", "requires"):
            into.edges.append(Edge(ids(u), ids(v), d["spec"], bad=not d["ok"], dashed=not d["ok"]))
        elif d["kind"] == "pins":
            into.edges.append(Edge(ids(u), ids(v), dashed=True))


def _timeline(t: Timeline, lang: str, ids: Ids, into: Outline) -> None:
    previous = None
    total = len(t.frames)
    for n, fr in enumerate(t.frames, start=1):
        f = facts(fr.after, fr.before)
        g = Group(ids(f"step:{n}"), word(lang, "step", n=n, total=total), "muted")
        head = Node(ids(f"cmd:{n}"), "\n".join(command_lines(fr.run)), "muted")
        g.nodes.append(head)
        for e in f.envs:
            g.nodes += [Node(ids(f"s{n}:{e.prefix}:{c.name}"), f"+ {c.label} · {e.label}", "changed")
                        for c in e.chips if c.changed]
            g.nodes += [Node(ids(f"s{n}:{e.prefix}:-{r}"), f"− {r} · {e.label}", "muted") for r in e.removed]
            if e.changed:
                created = f"{e.label} · {word(lang, 'created')}"
                g.nodes.append(Node(ids(f"s{n}:{e.prefix}"), created, "changed"))
        for p in f.projects:
            if p.changed:
                state = word(lang, "works") if p.works else word(lang, "broke")
                g.nodes.append(Node(ids(f"s{n}:{p.folder}"), f"{p.name}: {state}",
                                    "changed" if p.works else "bad"))
        into.groups.append(g)
        if previous is not None:
            into.edges.append(Edge(previous, head.id))
        previous = head.id


def _path(f: Facts, lang: str, ids: Ids, into: Outline) -> None:
    assert f.shell is not None
    runs = dict(f.shell.runs)
    group = Group(ids("path"), "PATH", "muted")
    previous = None
    found: dict[str, str] = {}
    for k, folder in enumerate(f.shell.folders, start=1):
        lines = [f"{k}. {folder.label}" + ("" if folder.exists else f" {word(lang, 'path_missing')}")]
        for h in folder.hits:
            first = runs.get(h.command) == h.path
            lines.append(f"{h.command} {h.detail} · {word(lang, 'path_first' if first else 'path_later')}")
            if first:
                found[h.command] = ids(f"folder:{k}")
        style = "bad" if not folder.exists else ("venv" if folder.venv else "system")
        node = Node(ids(f"folder:{k}"), "\n".join(lines), style)
        group.nodes.append(node)
        if previous is not None:
            into.edges.append(Edge(previous, node.id, dashed=True))
        previous = node.id
    into.groups.append(group)
    for command, path in f.shell.runs:
        label = f"$ {command}\n→ {tilde(path, f.home)}" if path else word(lang, "path_notfound", cmd=command)
        node = Node(ids(f"cmd:{command}"), label, "bad" if path is None else "project")
        into.nodes.append(node)
        if command in found:
            into.edges.append(Edge(node.id, found[command]))


def _anatomy(f: Facts, lang: str, ids: Ids, into: Outline) -> None:
    from .anatomy import chosen, sections

    for e in chosen(f):
        group = Group(ids(f"venv:{e.prefix}"), e.label + "/", "bad" if e.stale else "venv")
        for head, lines in sections(e, lang):
            bad = any(colour == "bad" for _, _, colour, _, _ in lines)
            group.nodes.append(Node(ids(f"{e.prefix}:{head}"), "\n".join([head] + [t for t, *_ in lines]),
                                    "bad" if bad else "muted"))
        site = e.anatomy.site + "/" if e.anatomy else "site-packages/"
        chips = [chip_text(c) for c in e.chips + e.tools]
        group.nodes.append(Node(ids(f"{e.prefix}:site"), "\n".join([site] + chips), "venv"))
        into.groups.append(group)
    if not into.groups:
        into.nodes.append(Node(ids("none"), word(lang, "anatomy_none"), "muted"))


def _moment(f: Facts, lang: str, ids: Ids, into: Outline, gid: str, caption: Sequence[str]) -> None:
    from .panels import uses_venvs

    venvs = uses_venvs(f)
    label = " · ".join(caption) or word(lang, "venvs_title" if venvs else "global_title")
    top = Group(gid, label, "venv" if venvs else "system")
    (_venvs if venvs else _global)(f, lang, ids, into, top)
    into.groups.append(top)


def outline(f: Facts, view: str, lang: str, timeline: Timeline | None = None, *,
            left: Facts | None = None,
            captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> Outline:
    """``view`` as groups, nodes and edges (``compare`` with ``left``: two moments)."""
    o = Outline()
    ids = Ids()
    if view == "compare" and left is not None:
        _moment(left, lang, ids, o, "before", captions[0])
        _moment(f, lang, Ids("v"), o, "after", captions[1])
        return o
    if view == "global":
        _global(f, lang, ids, o, None)
    elif view == "venvs":
        _venvs(f, lang, ids, o, None)
    elif view == "graph":
        _graph(f, lang, ids, o)
    elif view == "compare":
        shared = Group("global", word(lang, "global_title"), "system")
        own = Group("venvs", word(lang, "venvs_title"), "venv")
        _global(f, lang, ids, o, shared)
        _venvs(f, lang, Ids("v"), o, own)
        o.groups += [shared, own]
    elif view == "timeline":
        assert timeline is not None
        _timeline(timeline, lang, ids, o)
    elif view == "path":
        _path(f, lang, ids, o)
    elif view == "anatomy":
        _anatomy(f, lang, ids, o)
    else:
        raise ValueError(f"unknown view {view!r}")
    return o
