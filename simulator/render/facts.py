"""What a picture shows, read from a world: interpreters, environments, projects.

Pure data, no drawing: every view, the graph and the Mermaid/DOT text are made
from these facts, so they all tell the same story.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> f = facts(build(WorldSpec(projects=(ProjectSpec("tienda", "~/tienda", ("libcolor",)),))))
>>> [(p.name, p.label, p.works) for p in f.projects]
[('tienda', '~/tienda', False)]
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

from ..model import layout
from ..model.environments import environments
from ..model.projects import check_needs, projects
from ..model.python import PythonView, dists_in, read_cfg, start
from ..model.world import World, tilde


@dataclass(frozen=True)
class Need:
    requirement: str
    name: str
    found: str | None
    ok: bool


@dataclass(frozen=True)
class Broken:
    """A distribution whose requirement is not met where it is installed."""

    dist: str  # "appa 1.0"
    requirement: str
    found: str | None


@dataclass(frozen=True)
class Chip:
    """One installed distribution, as a labelled chip."""

    name: str
    version: str
    inherited: bool = False
    changed: bool = False
    broken: bool = False
    requires: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


@dataclass(frozen=True)
class Env:
    prefix: str
    kind: str  # system, user, venv
    minor: str
    label: str  # the prefix, with ~ for the home
    chips: tuple[Chip, ...]
    inherited: tuple[Chip, ...]
    removed: tuple[str, ...]  # labels of chips gone since the world before
    broken: tuple[Broken, ...]
    base: str | None  # the base interpreter of a venv
    system_site: bool
    changed: bool

    @property
    def name(self) -> str:
        return posixpath.basename(self.prefix)


@dataclass(frozen=True)
class Project:
    name: str
    folder: str
    label: str
    env: str  # prefix of the environment its python uses
    in_venv: bool
    needs: tuple[Need, ...]
    global_exe: str  # the global interpreter it hangs off (its venv's base, or itself)
    global_needs: tuple[Need, ...]  # its needs as the global Python sees them
    changed: bool

    @property
    def works(self) -> bool:
        return all(n.ok for n in self.needs)

    @property
    def works_globally(self) -> bool:
        return all(n.ok for n in self.global_needs)


@dataclass(frozen=True)
class Interpreter:
    exe: str
    minor: str
    version: str
    prefix: str  # /usr
    missing: bool = False  # the binary is gone (removed, or something else in its place)

    def title(self, lang: str, exe: bool = True) -> str:
        """``Python 3.11.9 · /usr/bin/python3.11``, with ``✗ missing`` when it is gone."""
        from .words import word

        text = f"Python {self.version}" + (f" · {self.exe}" if exe else "")
        return f"✗ {text} · {word(lang, 'missing')}" if self.missing else text


@dataclass(frozen=True)
class Facts:
    interpreters: tuple[Interpreter, ...]
    envs: tuple[Env, ...]
    projects: tuple[Project, ...]
    home: str

    def env(self, prefix: str) -> Env | None:
        return next((e for e in self.envs if e.prefix == prefix), None)

    def interpreter(self, exe: str) -> Interpreter | None:
        return next((i for i in self.interpreters if i.exe == exe), None)

    @property
    def venvs(self) -> tuple[Env, ...]:
        return tuple(e for e in self.envs if e.kind == "venv")

    def orphans(self) -> tuple[Env, ...]:
        """Venvs that no project uses."""
        used = {p.env for p in self.projects}
        return tuple(e for e in self.venvs if e.prefix not in used)


def _needs(world: World, view: PythonView | None, reqs: list[str]) -> tuple[Need, ...]:
    if view is None:
        return tuple(Need(r, r, None, False) for r in reqs)
    return tuple(Need(n.requirement, n.name, n.found, n.ok) for n in check_needs(world.fs, view, reqs))


def _broken(world: World, view: PythonView | None) -> tuple[tuple[str, Broken], ...]:
    """(dist key, problem) for every unmet requirement among the dists ``view`` sees."""
    if view is None:
        return ()
    seen: dict[str, str] = {}
    dists = []
    for site in view.site_dirs:
        for d in sorted(dists_in(world.fs, site), key=lambda d: d.key):
            if d.key not in seen:
                seen[d.key] = d.version_text
                dists.append(d)
    found = []
    for d in dists:
        for raw in d.requires:
            try:
                req = Requirement(raw)
            except InvalidRequirement:
                continue
            if req.marker is not None and not req.marker.evaluate(
                {"python_version": view.minor, "extra": ""}
            ):
                continue
            key = req.name.lower().replace("_", "-").replace(".", "-")
            have = seen.get(key)
            try:
                ok = have is not None and req.specifier.contains(Version(have), prereleases=True)
            except InvalidVersion:
                ok = False
            if not ok:
                found.append((d.key, Broken(f"{d.key} {d.version_text}", raw, have)))
    return tuple(found)


def _chips(world: World, site: str) -> list[Chip]:
    from ..model.environments import LEFT_OUT

    return [
        Chip(d.key, d.version_text, requires=d.requires)
        for d in sorted(dists_in(world.fs, site), key=lambda d: d.key)
        if d.key not in LEFT_OUT
    ]


def _env_python(world: World, prefix: str, kind: str, minor: str) -> PythonView | None:
    if kind == "venv":
        return start(world.fs, f"{prefix}/bin/python", world.home)
    if kind == "system":
        return start(world.fs, layout.python_exe(minor), world.home, no_user_site=True)
    return None


def _chip_keys(f: Facts) -> set[tuple[str, str, str]]:
    return {(e.prefix, c.name, c.version) for e in f.envs for c in e.chips}


def facts(world: World, before: World | None = None) -> Facts:
    """The facts of ``world``; with ``before``, what changed since then is marked."""
    old = facts(before) if before is not None else None
    old_chips = _chip_keys(old) if old else set()
    old_envs = {e.prefix: e for e in old.envs} if old else {}
    old_projects = {p.folder: p for p in old.projects} if old else {}
    fs, home = world.fs, world.home
    interpreters = []
    for minor in world.pythons:
        exe = layout.python_exe(minor)
        view = start(fs, exe, home)
        version = view.version if view is not None else layout.full_version(minor)
        interpreters.append(Interpreter(exe, minor, version, layout.SYSTEM_PREFIX, view is None))
    envs = []
    for e in environments(world):
        view = _env_python(world, e.prefix, e.kind, e.python)
        problems = _broken(world, view) if e.kind != "user" else ()
        bad = {key for key, _ in problems}
        own = []
        for c in _chips(world, e.site):
            changed = old is not None and (e.prefix, c.name, c.version) not in old_chips
            own.append(Chip(c.name, c.version, changed=changed, broken=c.name in bad,
                             requires=c.requires))
        inherited: list[Chip] = []
        base = None
        system_site = False
        if e.kind == "venv":
            cfg = read_cfg(fs, f"{e.prefix}/pyvenv.cfg")
            base = posixpath.join(cfg.get("home", "/usr/bin"), f"python{e.python}")
            system_site = cfg.get("include-system-site-packages", "false").lower() == "true"
            if system_site and view is not None:
                names = {c.name for c in own}
                for site in view.site_dirs[1:]:
                    for c in _chips(world, site):
                        if c.name not in names:
                            names.add(c.name)
                            inherited.append(Chip(c.name, c.version, inherited=True,
                                                  broken=c.name in bad, requires=c.requires))
        was = old_envs.get(e.prefix)
        removed: tuple[str, ...] = ()
        if was is not None:
            now = {c.label for c in own}
            removed = tuple(c.label for c in was.chips if c.label not in now)
        envs.append(Env(e.prefix, e.kind, e.python, tilde(e.prefix, home), tuple(own),
                        tuple(inherited), removed, tuple(p for _, p in problems), base,
                        system_site, old is not None and was is None))
    found = []
    for p in projects(world):
        reqs = [n.requirement for n in p.needs]
        view = start(fs, p.python, home)
        global_exe = layout.python_exe(view.minor) if view is not None else p.python
        if view is not None and view.in_venv:
            global_exe = f"{view.base_prefix}/bin/python{view.minor}"
        needs = tuple(Need(n.requirement, n.name, n.found, n.ok) for n in p.needs)
        global_needs = _needs(world, start(fs, global_exe, home), reqs)
        was_p = old_projects.get(p.folder)
        changed = old is not None and (
            was_p is None or was_p.works != p.works or was_p.env != p.environment
        )
        found.append(Project(p.name, p.folder, tilde(p.folder, home), p.environment, p.in_venv,
                             needs, global_exe, global_needs, changed))
    found.sort(key=lambda p: (p.name, p.folder))
    return Facts(tuple(interpreters), tuple(envs), tuple(found), home)
