"""The pictures in a terminal (rich): the global Python, the venvs, the dependency graph.

Never imports matplotlib or networkx: lessons run in class from a terminal.

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

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from ..lessons.i18n import need_text, t
from ..model import layout
from ..model.environments import Environment, environments
from ..model.projects import Project, projects
from ..model.python import start
from ..model.world import World, tilde
from .words import word

OK, BAD, ENV, DIM = "bold green", "bold red", "bold cyan", "dim"


def _short(path: str, world: World) -> str:
    return tilde(path, world.home)


def _chips(env: Environment, lang: str) -> Text:
    if not env.packages:
        return Text(t("empty", lang), style=DIM)
    return Text("  ".join(f"{name} {version}" for name, version in env.packages))


def _project_line(p: Project, world: World, lang: str, with_env: bool) -> Text:
    line = Text()
    line.append("✓ " if p.works else "✗ ", style=OK if p.works else BAD)
    line.append(p.name, style="bold")
    line.append(f"  {_short(p.folder, world)}", style=DIM)
    if with_env:
        line.append(f"  {t('runs_on', lang)} {_short(p.environment, world)}")
    for need in p.needs:
        line.append("\n    ")
        line.append(need_text(need.requirement, need.found, need.ok, lang),
                    style="" if need.ok else BAD)
    return line


def global_view(world: World, lang: str) -> RenderableType:
    """The shared global Python and every project hanging off it."""
    envs = environments(world)
    parts: list[RenderableType] = []
    for env in envs:
        if env.kind == "system":
            gone = start(world.fs, layout.python_exe(env.python), world.home) is None
            mark = f" · ✗ {word(lang, 'missing')}" if gone else ""  # removed, or replaced
            title = f"{t('global_python', lang)} {env.python}{mark}  ({env.site})"
        elif env.kind == "user":
            title = f"{t('user_site', lang)} {env.python}  ({_short(env.site, world)})"
        else:
            continue
        parts.append(Panel(_chips(env, lang), title=Text(title), title_align="left", border_style=ENV))
    shared = [p for p in projects(world) if not p.in_venv]
    if shared:
        tree = Tree(Text(t("projects", lang), style="bold"))
        for p in shared:
            tree.add(_project_line(p, world, lang, with_env=False))
        parts.append(tree)
    return Group(*parts)


def venvs_view(world: World, lang: str) -> RenderableType:
    """One box per virtual environment, with the projects that use it."""
    envs = [e for e in environments(world) if e.kind == "venv"]
    by_env: dict[str, list[Project]] = {}
    for p in projects(world):
        by_env.setdefault(p.environment, []).append(p)
    boxes: list[RenderableType] = []
    for env in envs:
        body = Text()
        body.append_text(_chips(env, lang))
        for p in by_env.get(env.prefix, []):
            body.append("\n")
            body.append_text(_project_line(p, world, lang, with_env=False))
        title = f"{t('venv', lang)} {_short(env.prefix, world)} · Python {env.python}"
        boxes.append(Panel(body, title=Text(title), title_align="left", border_style=ENV))
    if not boxes:
        return Text(f"({t('venv', lang)}: 0)", style=DIM)
    return Columns(boxes, equal=True, expand=True)


def graph_view(world: World, lang: str) -> RenderableType:
    """What each environment holds and what each package requires; conflicts in red."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion

    from ..model.python import dists_in

    root = Tree(Text("Python", style="bold"))
    for env in environments(world):
        branch = root.add(Text(f"{env.kind} {_short(env.prefix, world)} · {env.python}", style=ENV))
        dists = {d.key: d for d in dists_in(world.fs, env.site) if d.key not in ("pip", "setuptools")}
        for d in sorted(dists.values(), key=lambda d: d.key):
            node = branch.add(Text(f"{d.name} {d.version_text}"))
            for spec in d.requires:
                try:  # a METADATA written by hand may hold anything
                    req = Requirement(spec)
                    dep = dists.get(canonicalize_name(req.name))
                    ok = dep is not None and req.specifier.contains(dep.version, prereleases=True)
                except (InvalidRequirement, InvalidVersion):
                    dep, ok = None, False
                have = f" · {dep.version_text}" if dep else f" · {t('empty', lang)}"
                node.add(Text(f"{spec}{have}", style="" if ok else BAD))
    return root


def picture(world: World, view: str, lang: str) -> RenderableType:
    """The terminal picture for a lesson's ``show``."""
    if view == "global":
        return global_view(world, lang)
    if view == "venvs":
        return venvs_view(world, lang)
    if view == "graph":
        return graph_view(world, lang)
    return Columns([global_view(world, lang), venvs_view(world, lang)], expand=True)
