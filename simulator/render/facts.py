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
from collections import OrderedDict
from dataclasses import dataclass, replace

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
    tool: bool = False  # pip or setuptools, or a copy hidden by another: drawn muted

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


@dataclass(frozen=True)
class Script:
    """One file of a venv's ``bin/``: a symlink, or a script and the python its ``#!`` names."""

    name: str
    target: str  # the symlink's target, or the #! interpreter ("" for neither)
    link: bool
    ok: bool  # the target exists (and, for a script, lies inside this venv)


@dataclass(frozen=True)
class Stale:
    """A file of a venv that names another folder: ``#!`` lines, ``activate``, a dead link."""

    kind: str  # shebang, activate, link
    file: str  # bin/pip
    target: str  # what it names


@dataclass(frozen=True)
class Anatomy:
    """What is inside a venv's folder, as ``ls -R`` and ``cat`` would show it."""

    cfg: tuple[tuple[str, str], ...]  # pyvenv.cfg's key = value lines
    scripts: tuple[Script, ...]
    site: str  # lib/pythonX.Y/site-packages, relative to the venv
    activate_venv: str | None  # the VIRTUAL_ENV that bin/activate sets


@dataclass(frozen=True)
class Site:
    """One of a system Python's site folders, when it has more than one (Debian's)."""

    owner: str  # who writes it: "apt" or "sudo pip"
    path: str
    chips: tuple[Chip, ...]
    tools: tuple[Chip, ...]


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
    tools: tuple[Chip, ...] = ()  # pip and setuptools: ``pip list`` shows them, drawn muted
    shadowed: tuple[Chip, ...] = ()  # copies in the base site hidden by this venv's own copy
    stale: tuple[Stale, ...] = ()  # why its files name another folder (a moved or copied venv)
    runs: tuple[str, ...] = ()  # which of the shell's ``python`` and ``pip`` run from here now
    anatomy: Anatomy | None = None  # a venv's folder: pyvenv.cfg, bin/, site-packages
    managed: bool = False  # a system Python marked EXTERNALLY-MANAGED (PEP 668)
    sites: tuple[Site, ...] = ()  # Debian's system site folders, each drawn as what it is
    half_made: bool = False  # a venv whose creation stopped: no bin/activate (Debian's ensurepip)

    @property
    def name(self) -> str:
        return posixpath.basename(self.prefix)

    @property
    def active(self) -> bool:
        return bool(self.runs)


@dataclass(frozen=True)
class Pinned:
    """A package a project's ``uv.lock`` pins, beside what the project's ``.venv`` holds."""

    name: str
    version: str
    deps: tuple[str, ...]  # the names it depends on, as the lock says
    markers: tuple[str, ...]  # the forks of the lock it belongs to (none: every one)
    has: str | None  # the version the project's .venv holds (None: not there, or no .venv)
    here: bool  # its fork is the one of the .venv's python (a lock without forks: always)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def synced(self) -> bool:
        """The .venv holds this version (a pin of another Python's fork is not compared)."""
        return not self.here or self.has == self.version


@dataclass(frozen=True)
class LockFile:
    """A project's ``uv.lock``: what it pins, and what it says the project depends on."""

    folder: str
    name: str  # the project's name, as the lock says
    pins: tuple[Pinned, ...]
    roots: tuple[str, ...]  # the names the project depends on (its dev group too)


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
    shared: bool = False  # no venv of its own: runs on the venv the shell has active now
    locked: tuple[str, ...] = ()  # what its uv.lock pins ("libcolor 1.0"), itself left out

    @property
    def works(self) -> bool:
        return all(n.ok for n in self.needs)

    @property
    def works_globally(self) -> bool:
        return all(n.ok for n in self.global_needs)

    @property
    def tried_globally(self) -> bool:
        """Something it needs is installed where the global Python finds it: the story put it there."""
        return any(n.found is not None for n in self.global_needs)

    @property
    def muted_globally(self) -> bool:
        """On the global side, drawn muted: it runs on a venv and nothing it needs is global."""
        return self.in_venv and not self.tried_globally


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
class Hit:
    """``python`` or ``pip`` found in one folder of ``PATH``."""

    command: str
    path: str
    detail: str  # "→ /usr/bin/python3.11" for a link, "#! /usr/bin/python3.11" for a script
    ok: bool  # it would start (a script's interpreter exists)


@dataclass(frozen=True)
class Folder:
    """One folder of ``PATH``, in order."""

    path: str
    label: str
    exists: bool
    hits: tuple[Hit, ...]
    venv: str | None  # the venv whose bin/ this is


@dataclass(frozen=True)
class ShellFacts:
    """How the shell finds ``python`` and ``pip`` now."""

    folders: tuple[Folder, ...]
    runs: tuple[tuple[str, str | None], ...]  # (command, the path bash runs for it)
    virtual_env: str  # VIRTUAL_ENV, "" when unset
    cwd: str

    def runs_path(self, command: str) -> str | None:
        return dict(self.runs).get(command)


COMMANDS = ("python", "pip")


@dataclass(frozen=True)
class Facts:
    interpreters: tuple[Interpreter, ...]
    envs: tuple[Env, ...]
    projects: tuple[Project, ...]
    home: str
    shell: ShellFacts | None = None
    locks: tuple[LockFile, ...] = ()  # every uv.lock on the machine

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


def _tools(world: World, site: str) -> tuple[Chip, ...]:
    from ..model.environments import LEFT_OUT

    dists = sorted(dists_in(world.fs, site), key=lambda d: d.key)
    return tuple(Chip(d.key, d.version_text, tool=True) for d in dists if d.key in LEFT_OUT)


def _script(world: World, prefix: str, name: str) -> Script | None:
    from ..model.fs import File, Symlink
    from ..model.scripts import shebang

    path = f"{prefix}/bin/{name}"
    node = world.fs.node(path)
    if isinstance(node, Symlink):
        return Script(name, node.target, True, world.fs.exists(path))
    if isinstance(node, File):
        target = shebang(node.text)
        if target is None:
            return Script(name, "", False, True)
        return Script(name, target, False,
                      world.fs.exists(target) and target.startswith(prefix + "/"))
    return None


def _anatomy(world: World, prefix: str, minor: str) -> Anatomy:
    from ..model.scripts import parse_activate
    from ..uv.activate import parse as parse_uv_activate

    fs = world.fs
    cfg = tuple(read_cfg(fs, f"{prefix}/pyvenv.cfg").items())
    names = fs.listdir(f"{prefix}/bin") if fs.is_dir(f"{prefix}/bin") else []
    scripts = tuple(s for n in sorted(names) if (s := _script(world, prefix, n)) is not None)
    activation = None
    if fs.is_file(f"{prefix}/bin/activate"):
        text = fs.read(f"{prefix}/bin/activate")
        parsed = parse_activate(text) or parse_uv_activate(text)  # CPython's venv, or uv's
        activation = parsed.venv if parsed is not None else None
    site = posixpath.relpath(layout.site_packages(prefix, minor), prefix)
    return Anatomy(cfg, scripts, site, activation)


def _lock_file(world: World, path: str, envs: list[Env]) -> LockFile:
    """A ``uv.lock`` on disk, each pin compared with the ``.venv`` beside it."""
    from ..uv.lockfile import read_lock

    folder = posixpath.dirname(path)
    lock = read_lock(world.fs.read(path))
    venv = next((e for e in envs if e.prefix == f"{folder}/.venv"), None)
    held = {c.name: c.version for c in venv.chips} if venv is not None else {}
    pins: list[Pinned] = []
    name = posixpath.basename(folder)
    roots: tuple[str, ...] = ()
    for p in lock.packages:
        if p.source != "registry":
            name, roots = p.name, p.deps
            continue
        here = venv is None or p.applies(f"{venv.minor}.0")
        pins.append(Pinned(p.name, p.version, p.deps, p.markers, held.get(p.name), here))
    return LockFile(folder, name, tuple(sorted(pins, key=lambda p: (p.name, p.version))), roots)


def _locks(world: World, envs: list[Env]) -> tuple[LockFile, ...]:
    return tuple(_lock_file(world, path, envs) for path in sorted(world.fs.paths())
                 if path.endswith("/uv.lock") and world.fs.is_file(path))


def _project_name(world: World, folder: str) -> str:
    """The normalized ``[project] name`` of ``folder``'s pyproject.toml ("" without one)."""
    import tomllib

    from packaging.utils import canonicalize_name

    path = f"{folder}/pyproject.toml"
    if not world.fs.is_file(path):
        return ""
    try:
        data = tomllib.loads(world.fs.read(path))
    except tomllib.TOMLDecodeError:
        return ""
    project = data.get("project")
    name = project.get("name") if isinstance(project, dict) else None
    return str(canonicalize_name(name)) if isinstance(name, str) else ""


def _stale(a: Anatomy, prefix: str, home: str) -> tuple[Stale, ...]:
    """Why a venv's files name another folder than the one it is in (empty: they do not)."""
    out = []
    for s in a.scripts:
        if not s.link and s.target and not s.ok and s.name.startswith("pip"):
            out.append(Stale("shebang", f"bin/{s.name}", tilde(s.target, home)))
            break
    if a.activate_venv is not None and a.activate_venv != prefix:
        out.append(Stale("activate", "bin/activate", tilde(a.activate_venv, home)))
    for s in a.scripts:
        if s.link and not s.ok:
            out.append(Stale("link", f"bin/{s.name}", s.target))
            break
    return tuple(out)


def shell_facts(world: World) -> ShellFacts:
    """PATH's folders in order, what ``python`` and ``pip`` are in each, and which ones bash runs."""
    from ..model.fs import normalize
    from ..shell.run import find_command

    fs, home = world.fs, world.home
    folders = []
    for raw in world.shell.env.get("PATH", "").split(":"):
        folder = normalize(raw or ".", world.shell.cwd)
        hits = []
        for command in COMMANDS:
            path = posixpath.join(folder, command)
            node = fs.lookup(path)
            if node is None:
                continue
            s = _script(world, posixpath.dirname(posixpath.dirname(path)), command)
            if s is None:
                continue
            mark = "→" if s.link else "#!"
            ok = s.ok if s.link else (not s.target or fs.exists(s.target))
            hits.append(Hit(command, path, f"{mark} {tilde(s.target, home)}" if s.target else "", ok))
        venv = posixpath.dirname(folder) if fs.is_file(posixpath.dirname(folder) + "/pyvenv.cfg") else None
        folders.append(Folder(folder, tilde(folder, home), fs.is_dir(folder), tuple(hits), venv))
    runs = tuple((c, world.shell.hashed.get(c) or find_command(world, c)) for c in COMMANDS)
    return ShellFacts(tuple(folders), runs, world.shell.env.get("VIRTUAL_ENV", ""), world.shell.cwd)


def _chip_keys(f: Facts) -> set[tuple[str, str, str]]:
    keys = {(e.prefix, c.name, c.version) for e in f.envs for c in e.chips if not e.sites}
    return keys | {(s.path, c.name, c.version) for e in f.envs for s in e.sites for c in s.chips}


def _sites(world: World, minor: str, old_chips: set[tuple[str, str, str]], marked: bool,
           bad: set[str]) -> tuple[Site, ...]:
    """Debian's system site folders, ``sudo pip``'s first, as ``sys.path`` lists them."""
    from ..model import debian

    if not debian.is_debian(world.fs):
        return ()
    out = []
    for path in debian.site_dirs(minor):
        owner = "apt" if path == debian.APT_SITE else "sudo pip"
        chips = tuple(Chip(c.name, c.version, changed=marked and (path, c.name, c.version) not in old_chips,
                           broken=c.name in bad, requires=c.requires) for c in _chips(world, path))
        out.append(Site(owner, path, chips, _tools(world, path)))
    return tuple(out)


def _runs(shell: ShellFacts, prefix: str, kind: str, minor: str, first: str) -> tuple[str, ...]:
    """Which of the shell's ``python`` and ``pip`` run from this environment now."""
    out = []
    for command, path in shell.runs:
        if path is None:
            continue
        folder, name = posixpath.split(path)
        mine = {f"python{minor}", f"pip{minor}"} | (
            {"python", "python3", "pip", "pip3"} if minor == first else set())
        if (kind == "venv" and folder == prefix + "/bin") or (
                kind == "system" and folder in ("/usr/bin", "/usr/local/bin", "/bin") and name in mine):
            out.append(command)
    return tuple(out)


_SEEN: OrderedDict[int, tuple[World, Facts]] = OrderedDict()  # worlds are immutable: by identity


def facts(world: World, before: World | None = None) -> Facts:
    """The facts of ``world``; with ``before``, what changed since then is marked."""
    if before is None:
        hit = _SEEN.get(id(world))
        if hit is not None and hit[0] is world:
            return hit[1]
        found = _facts(world, None)
        _SEEN[id(world)] = (world, found)
        if len(_SEEN) > 256:
            _SEEN.popitem(last=False)
        return found
    return _facts(world, before)


def _facts(world: World, before: World | None) -> Facts:
    old = facts(before) if before is not None else None
    old_chips = _chip_keys(old) if old else set()
    old_envs = {e.prefix: e for e in old.envs} if old else {}
    old_projects = {p.folder: p for p in old.projects} if old else {}
    fs, home = world.fs, world.home
    shell = shell_facts(world)
    first = world.pythons[0] if world.pythons else ""
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
        sites = _sites(world, e.python, old_chips, old is not None, bad) if e.kind == "system" else ()
        own = [c for site in sites for c in site.chips]
        for c in _chips(world, e.site) if not sites else ():
            changed = old is not None and (e.prefix, c.name, c.version) not in old_chips
            own.append(Chip(c.name, c.version, changed=changed, broken=c.name in bad,
                             requires=c.requires))
        inherited: list[Chip] = []
        shadowed: list[Chip] = []
        base = None
        system_site = False
        anatomy = None
        stale: tuple[Stale, ...] = ()
        if e.kind == "venv":
            cfg = read_cfg(fs, f"{e.prefix}/pyvenv.cfg")
            base = posixpath.join(cfg.get("home", "/usr/bin"), f"python{e.python}")
            system_site = cfg.get("include-system-site-packages", "false").lower() == "true"
            anatomy = _anatomy(world, e.prefix, e.python)
            stale = _stale(anatomy, e.prefix, home)
            if system_site and view is not None:
                names = {c.name for c in own}
                mine = set(names)
                for site in view.site_dirs[1:]:
                    for c in _chips(world, site):
                        if c.name in mine:
                            shadowed.append(Chip(c.name, c.version, inherited=True, requires=c.requires,
                                                 tool=True))
                        elif c.name not in names:
                            names.add(c.name)
                            inherited.append(Chip(c.name, c.version, inherited=True,
                                                  broken=c.name in bad, requires=c.requires))
        was = old_envs.get(e.prefix)
        removed: tuple[str, ...] = ()
        if was is not None:
            now = {c.label for c in own}
            removed = tuple(c.label for c in was.chips if c.label not in now)
        runs = _runs(shell, e.prefix, e.kind, e.python, first)
        managed = e.kind == "system" and fs.is_file(layout.marker_path(e.python))
        tools = tuple(t for site in sites for t in site.tools) if sites else _tools(world, e.site)
        half = anatomy is not None and not any(s.name == "activate" for s in anatomy.scripts)
        envs.append(Env(e.prefix, e.kind, e.python, tilde(e.prefix, home), tuple(own),
                        tuple(inherited), removed, tuple(p for _, p in problems), base,
                        system_site, old is not None and was is None, tools,
                        tuple(shadowed), stale, runs, anatomy, managed, sites, half))
    if not shell.virtual_env and not any(e.kind == "venv" for e in envs):
        envs = [replace(e, runs=()) for e in envs]  # one Python, nothing to tell apart
    active = next((e for e in envs if e.kind == "venv" and "python" in e.runs), None)
    active_view = start(fs, shell.runs_path("python") or "", home) if active is not None else None
    found = []
    locks = _locks(world, envs)
    for p in projects(world):
        reqs = [n.requirement for n in p.needs]
        view = start(fs, p.python, home)
        shared = not p.in_venv and active_view is not None
        env, in_venv = p.environment, p.in_venv
        needs = tuple(Need(n.requirement, n.name, n.found, n.ok) for n in p.needs)
        if shared:
            assert active is not None and active_view is not None
            view, env, in_venv = active_view, active.prefix, True
            needs = _needs(world, active_view, reqs)
        global_exe = layout.python_exe(view.minor) if view is not None else p.python
        if view is not None and view.in_venv:
            global_exe = f"{view.base_prefix}/bin/python{view.minor}"
        global_needs = _needs(world, start(fs, global_exe, home), reqs)
        was_p = old_projects.get(p.folder)
        works = all(n.ok for n in needs)
        changed = old is not None and (was_p is None or was_p.works != works or was_p.env != env)
        found.append(Project(p.name, p.folder, tilde(p.folder, home), env, in_venv,
                             needs, global_exe, global_needs, changed, shared,
                             next((tuple(x.label for x in lock.pins) for lock in locks
                                   if lock.folder == p.folder), ())))
    found.sort(key=lambda p: (p.name, p.folder))
    return Facts(tuple(interpreters), tuple(envs), tuple(found), home, shell, locks)
