"""The pictures in a terminal (rich): the global Python, the venvs, the graph, PATH, a venv inside.

Told from the same facts as the diagrams, so both say the same. Never imports
matplotlib or networkx: lessons run in class from a terminal.

>>> import io
>>> from rich.console import Console
>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> w = build(WorldSpec(projects=(ProjectSpec("tienda", "~/tienda", ("libcolor<2",)),)))
>>> c = Console(file=io.StringIO(), width=80, color_system=None, record=True)
>>> c.print(picture(w, "global", "en"))
>>> "needs libcolor<2 · missing" in c.export_text()
True
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from ..model.world import World
from .facts import Chip, Env, Facts, Project, facts
from .words import need_text, requires_text, word

OK, BAD, ENV, DIM, ACTIVE = "bold green", "bold red", "bold cyan", "dim", "bold green"


def _chips(chips: Sequence[Chip], tools: Sequence[Chip] = ()) -> Text:
    line = Text()
    for c in chips:
        if line:
            line.append("  ")
        line.append(("✗ " if c.broken else "") + c.label, style=BAD if c.broken else "")
    for c in tools:
        if line:
            line.append("  ")
        line.append(c.label, style=DIM)
    return line


def _body(e: Env, lang: str) -> Text:
    body = Text()
    if e.runs:
        body.append(word(lang, "runs_here", cmds=", ".join(e.runs)) + "\n", style=ACTIVE)
    if e.managed:
        body.append(word(lang, "managed") + "\n", style=BAD)
    if e.half_made:
        body.append(word(lang, "half_made") + "\n" + word(lang, "half_made_why") + "\n", style=BAD)
    for k, site in enumerate(e.sites):  # Debian's folders, each named by who writes it
        body.append(("\n" if k else "") + f"{site.owner}: {site.path}\n", style=DIM)
        chips = _chips(site.chips, site.tools)
        body.append_text(chips if chips else Text(word(lang, "empty"), style=DIM))
    chips = _chips(e.chips, () if e.system_site else e.tools)
    if not e.sites:
        body.append_text(chips if chips else Text(word(lang, "empty"), style=DIM))
    if e.system_site:
        body.append(f"\n{word(lang, 'inherited')}: ", style=DIM)
        body.append_text(_chips(e.inherited, e.tools))
        if e.shadowed:
            body.append(f"\n{word(lang, 'hidden')}: ", style=DIM)
            body.append(", ".join(c.label for c in e.shadowed), style=DIM)
    for b in e.broken:
        body.append("\n✗ " + requires_text(lang, b.dist, b.requirement, b.found), style=BAD)
    if e.stale:
        body.append("\n" + word(lang, "stale_head"), style=BAD)
        for s in e.stale:
            body.append("\n" + word(lang, f"stale_{s.kind}", file=s.file, target=s.target), style=BAD)
    return body


def _project_line(p: Project, lang: str, global_view: bool) -> Text:
    needs = p.global_needs if global_view else p.needs
    works = p.works_globally if global_view else p.works
    line = Text()
    line.append("✓ " if works else "✗ ", style=OK if works else BAD)
    line.append(p.name, style="bold")
    line.append(f"  {p.label}", style=DIM)
    if p.shared:
        line.append("  " + word(lang, "on_active", venv=_label(p)), style=ACTIVE)
    for n in needs:
        line.append("\n    ")
        if n.ok:
            line.append(f"{n.requirement} · {word(lang, 'has')} {n.found}")
        else:
            line.append(need_text(lang, n.requirement, n.found), style=BAD)
    return line


def _label(p: Project) -> str:
    from .blocks import tilde_label

    return tilde_label(p.env, p.folder, p.label)


def global_view(world: World, lang: str, f: Facts | None = None) -> RenderableType:
    """The shared global Python and the projects that run on it."""
    f = f or facts(world)
    parts: list[RenderableType] = []
    for e in f.envs:
        if e.kind == "system":
            gone = any(i.missing for i in f.interpreters if i.minor == e.minor)  # removed, or replaced
            mark = f" · ✗ {word(lang, 'missing')}" if gone else ""
            where = "" if e.sites else f"  ({e.prefix}/lib/python{e.minor}/site-packages)"
            title = f"{word(lang, 'global_title')} {e.minor}{mark}{where}"
        elif e.kind == "user":
            title = f"{word(lang, 'user_site')} {e.minor}  ({e.label})"
        else:
            continue
        parts.append(Panel(_body(e, lang), title=Text(title), title_align="left", border_style=ENV))
    shared = [p for p in f.projects if not p.in_venv]
    if shared:
        tree = Tree(Text(word(lang, "projects"), style="bold"))
        for p in shared:
            tree.add(_project_line(p, lang, True))
        parts.append(tree)
    return Group(*parts)


def venvs_view(world: World, lang: str, f: Facts | None = None) -> RenderableType:
    """One box per virtual environment, with the projects that run on it."""
    f = f or facts(world)
    boxes: list[RenderableType] = []
    for e in f.venvs:
        body = _body(e, lang)
        for p in f.projects:
            if p.env == e.prefix:
                body.append("\n")
                body.append_text(_project_line(p, lang, False))
        title = word(lang, "venv_box", name=e.label, minor=e.minor)
        boxes.append(Panel(body, title=Text(title), title_align="left",
                           border_style=BAD if e.stale else ENV))
    if not boxes:
        return Text(f"({word(lang, 'no_venvs')})", style=DIM)
    return Columns(boxes, equal=True, expand=True)


def graph_view(world: World, lang: str, f: Facts | None = None) -> RenderableType:
    """What each environment holds and what each package requires; conflicts in red."""
    from packaging.requirements import InvalidRequirement, Requirement

    f = f or facts(world)
    root = Tree(Text("Python", style="bold"))
    for e in f.envs:
        branch = root.add(Text(f"{e.kind} {e.label} · {e.minor}", style=ENV))
        have = {c.name: c for c in e.chips + e.inherited}
        bad = {(b.dist, b.requirement) for b in e.broken}
        for c in e.chips:
            node = branch.add(Text(c.label, style=BAD if c.broken else ""))
            for spec in c.requires:
                try:
                    name = Requirement(spec).name.lower().replace("_", "-")
                except InvalidRequirement:  # a METADATA written by hand may hold anything
                    node.add(Text(spec, style=BAD))
                    continue
                dep = have.get(name)
                found = f" · {dep.version}" if dep else f" · {word(lang, 'missing')}"
                node.add(Text(f"{spec}{found}", style=BAD if (c.label, spec) in bad else ""))
    return root


def path_view(world: World, lang: str, f: Facts | None = None) -> RenderableType:
    """PATH's folders in order, what ``python`` and ``pip`` are in each, which one runs."""
    f = f or facts(world)
    assert f.shell is not None
    out = Text()
    sh = f.shell
    if sh.virtual_env:
        first = sh.folders[0].label if sh.folders else ""
        out.append(word(lang, "path_active", venv=_tilde(sh.virtual_env, f.home), bin=first) + "\n",
                   style=ACTIVE)
    else:
        out.append(word(lang, "path_inactive") + "\n", style=DIM)
    if sh.folders and not sh.folders[0].exists:
        for e in f.venvs:
            if e.anatomy and e.anatomy.activate_venv == sh.virtual_env != e.prefix:
                out.append(word(lang, "path_moved", venv=e.label) + "\n", style=BAD)
    for k, folder in enumerate(sh.folders, start=1):
        out.append(f"{k}. {folder.label}", style="bold" if folder.exists else BAD)
        if not folder.exists:
            out.append(f"  {word(lang, 'path_missing')}", style=BAD)
        out.append("\n")
        for h in folder.hits:
            runs = sh.runs_path(h.command) == h.path
            out.append(f"     {h.command}  {h.detail}", style="" if h.ok else BAD)
            out.append(f"  ({word(lang, 'path_first' if runs else 'path_later')})\n",
                       style=ACTIVE if runs else DIM)
    for command, path in sh.runs:
        if path is None:
            out.append(word(lang, "path_notfound", cmd=command) + "\n", style=BAD)
        else:
            out.append(word(lang, "path_runs", cmd=command, path=_tilde(path, f.home)) + "\n", style="bold")
    out.rstrip()
    return Panel(out, title=Text(word(lang, "path_title")), title_align="left",
                 border_style=ENV)


def anatomy_view(world: World, lang: str, f: Facts | None = None) -> RenderableType:
    """Each venv's folder: pyvenv.cfg, bin/ and the ``#!`` of its scripts, site-packages."""
    f = f or facts(world)
    panels: list[RenderableType] = []
    for e in f.venvs:
        a = e.anatomy
        if a is None:
            continue
        body = Text()
        body.append("pyvenv.cfg\n", style="bold")
        for k, v in a.cfg:
            body.append(f"  {k} = {v}\n", style="bold" if k == "home" else "")
        body.append("bin/\n", style="bold")
        for s in a.scripts:
            if s.link:
                body.append(f"  {s.name} → {s.target}\n", style="" if s.ok else BAD)
            elif s.target:
                body.append(f"  {s.name}  #!{s.target}\n", style="" if s.ok else BAD)
        body.append(f"{a.site}/\n", style="bold")
        body.append("  ")
        body.append_text(_chips(e.chips, e.tools))
        if e.stale:
            body.append("\n" + word(lang, "stale_head"), style=BAD)
        panels.append(Panel(body, title=Text(e.label), title_align="left",
                            border_style=BAD if e.stale else ENV))
    if not panels:
        return Text(f"({word(lang, 'anatomy_none')})", style=DIM)
    return Group(*panels)


def _tilde(path: str, home: str) -> str:
    from ..model.world import tilde

    return tilde(path, home)


VIEWS = {"global": global_view, "venvs": venvs_view, "graph": graph_view, "path": path_view,
         "anatomy": anatomy_view}


def picture(world: World, view: str, lang: str) -> RenderableType:
    """The terminal picture for a lesson's ``show`` (``compare``: global and venvs side by side)."""
    f = facts(world)
    if view in VIEWS:
        return VIEWS[view](world, lang, f)
    return Columns([global_view(world, lang, f), venvs_view(world, lang, f)], expand=True)
