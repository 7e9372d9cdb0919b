"""The world as a networkx graph: interpreters, environments, packages, projects.

Node ids are strings (``python:/usr/bin/python3.11``, ``env:/usr``,
``dist:/usr:libcolor``, ``project:/home/ana/tienda``, ``missing:/usr:libcolor``,
``lock:/home/ana/tienda:libcolor:1.0`` for what a project's ``uv.lock`` pins),
each with a ``kind`` and a ``label``; edges carry a ``kind`` (``base``,
``contains``, ``inherits``, ``runs_on``, ``uses``, ``needs``, ``requires``,
``pins``: the lock's own dependencies), the ``spec`` they ask for and ``ok``.
A pin's ``synced`` says whether the project's ``.venv`` holds that version.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> g = to_graph(build(WorldSpec(projects=(ProjectSpec("tienda", "~/tienda", ("libcolor<2",)),))))
>>> g.nodes["project:/home/ana/tienda"]["label"]
'tienda'
>>> g.edges["project:/home/ana/tienda", "missing:/usr:libcolor"]["ok"]
False
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model.world import World
from .facts import Env, Facts, LockFile, Pinned, facts
from .words import need_text, requires_text, word


def _spec(requirement: str) -> str:
    try:
        return str(Requirement(requirement).specifier)
    except InvalidRequirement:
        return ""


def _key(requirement: str) -> str:
    try:
        return str(canonicalize_name(Requirement(requirement).name))
    except InvalidRequirement:
        return requirement


def dist_id(prefix: str, name: str) -> str:
    return f"dist:{prefix}:{name}"


def _visible(f: Facts, env: Env) -> dict[str, str]:
    """name → node id of each package the environment's python sees."""
    seen = {c.name: dist_id(env.prefix, c.name) for c in env.chips}
    if env.system_site and env.base is not None:
        for other in f.envs:
            if other.kind in ("system", "user") and other.minor == env.minor:
                for c in other.chips:
                    seen.setdefault(c.name, dist_id(other.prefix, c.name))
    return seen


def build_graph(f: Facts, lang: str = "en") -> Any:
    """The graph of some facts (``to_graph`` reads them from a world)."""
    g = nx.DiGraph()
    for i in f.interpreters:
        g.add_node(f"python:{i.exe}", kind="python", label=f"Python {i.minor}", exe=i.exe,
                   minor=i.minor, missing=i.missing)
    for e in f.envs:
        eid = f"env:{e.prefix}"
        g.add_node(eid, kind="env", env_kind=e.kind, label=e.label, prefix=e.prefix, minor=e.minor)
        base = f"python:{e.base}" if e.base else f"python:/usr/bin/python{e.minor}"
        if base in g:
            g.add_edge(eid, base, kind="base", spec="", ok=True)
        for c in e.chips:
            did = dist_id(e.prefix, c.name)
            g.add_node(did, kind="dist", label=c.label, name=c.name, version=c.version,
                       env=eid, changed=c.changed, broken=c.broken)
            g.add_edge(eid, did, kind="contains", spec="", ok=True)
        if e.system_site:
            for other in f.envs:
                if other.kind in ("system", "user") and other.minor == e.minor:
                    g.add_edge(eid, f"env:{other.prefix}", kind="inherits", spec="", ok=True)
    for e in f.envs:
        if e.kind == "user":
            continue
        seen = _visible(f, e)
        by_dist = {(b.dist.split(" ")[0], _key(b.requirement)): b for b in e.broken}
        for c in e.chips:
            did = dist_id(e.prefix, c.name)
            for raw in c.requires:
                key = _key(raw)
                problem = by_dist.get((c.name, key))
                target = seen.get(key)
                if target is None:
                    if problem is None:  # a marker said: not here
                        continue
                    target = f"missing:{e.prefix}:{key}"
                    g.add_node(target, kind="missing", label=key, name=key, env=f"env:{e.prefix}")
                reason = requires_text(lang, c.label, raw, problem.found) if problem else ""
                g.add_edge(did, target, kind="requires", spec=_spec(raw), ok=problem is None,
                           reason=reason)
    for p in f.projects:
        pid = f"project:{p.folder}"
        g.add_node(pid, kind="project", label=p.name, folder=p.folder, works=p.works,
                   changed=p.changed)
        env = f.env(p.env)
        g.add_edge(pid, f"env:{p.env}", kind="uses", spec="", ok=True)
        if f"python:{p.global_exe}" in g:
            g.add_edge(pid, f"python:{p.global_exe}", kind="runs_on", spec="", ok=True)
        seen = _visible(f, env) if env is not None else {}
        if env is not None and env.kind == "system":
            user = next((u for u in f.envs if u.kind == "user" and u.minor == env.minor), None)
            if user is not None:  # the user site comes first on sys.path
                seen = {**seen, **{c.name: dist_id(user.prefix, c.name) for c in user.chips}}
        for n in p.needs:
            target = seen.get(n.name)
            if target is None:
                target = f"missing:{p.env}:{n.name}"
                g.add_node(target, kind="missing", label=n.name, name=n.name, env=f"env:{p.env}")
            g.add_edge(pid, target, kind="needs", spec=_spec(n.requirement), ok=n.ok,
                       reason="" if n.ok else need_text(lang, n.requirement, n.found))
    for lock in f.locks:
        _lock_nodes(g, lock, f, lang)
    return g


def lock_id(folder: str, pin: Pinned) -> str:
    return f"lock:{folder}:{pin.name}:{pin.version}"


def pin_note(lang: str, pin: Pinned, venv: bool) -> str:
    """What a pin's node says under its name: how the project's .venv stands with it."""
    if not pin.here:
        shown = " or ".join(m.replace("python_full_version ", "python ").replace("'", "")
                            for m in pin.markers)
        return word(lang, "pin_other", marker=shown)
    if pin.synced:
        return word(lang, "pin_ok")
    if not venv:
        return word(lang, "pin_novenv")
    if pin.has is None:
        return word(lang, "pin_missing")
    return word(lang, "pin_differs", version=pin.has)


def _lock_nodes(g: Any, p: LockFile, f: Facts, lang: str) -> None:
    """A lock: a node per pin, edges as the lock's dependencies go (within a fork), from its
    project (a node of its own when no venvsim project lives there)."""
    pid = f"project:{p.folder}"
    if pid not in g:
        g.add_node(pid, kind="project", label=p.name, folder=p.folder, works=True, changed=False)
        if f.env(f"{p.folder}/.venv") is not None:
            g.add_edge(pid, f"env:{p.folder}/.venv", kind="uses", spec="", ok=True)
    venv = f"env:{p.folder}/.venv" in g
    by_name: dict[str, list[Pinned]] = {}
    for pin in p.pins:
        g.add_node(lock_id(p.folder, pin), kind="locked", label=f"{pin.name} =={pin.version}",
                   name=pin.name, version=pin.version, project=pid, synced=pin.synced,
                   note=pin_note(lang, pin, venv))
        by_name.setdefault(pin.name, []).append(pin)

    def link(source: str, markers: tuple[str, ...], names: tuple[str, ...]) -> None:
        for key in names:
            for t in by_name.get(key, []):
                if not markers or not t.markers or set(markers) & set(t.markers):
                    g.add_edge(source, lock_id(p.folder, t), kind="pins", spec="", ok=True)

    link(pid, (), p.roots)
    for pin in p.pins:
        link(lock_id(p.folder, pin), pin.markers, pin.deps)


def to_graph(world: World, lang: str = "en") -> Any:
    """The world as a ``networkx.DiGraph`` (see the module docstring for its shape)."""
    return build_graph(facts(world), lang)
