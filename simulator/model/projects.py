"""Projects and what they see: which python runs them, and whether their needs are met.

A project runs on the venv that lives inside its folder (``.venv``, ``venv``…:
any sub-folder holding a ``pyvenv.cfg``), else on the system ``python3``.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> w = build(WorldSpec(projects=(ProjectSpec("tienda", "~/tienda", ("libcolor<2",)),)))
>>> [(p.name, p.works, p.problems[0].reason) for p in projects(w)]
[('tienda', False, 'needs libcolor<2 · missing')]
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from . import layout
from .appcode import import_name
from .fs import File, FileSystem
from .python import PythonView, start
from .world import World, project_paths


@dataclass(frozen=True)
class Need:
    """One requirement of a project's code, and what its python finds for it."""

    requirement: str
    name: str
    found: str | None  # the version found first on sys.path, None when missing
    site: str | None  # the site-packages it was found in
    ok: bool

    @property
    def reason(self) -> str:
        if self.ok:
            return f"{self.requirement} · has {self.found}"
        if self.found is None:
            return f"needs {self.requirement} · missing"
        return f"needs {self.requirement} · has {self.found}"


@dataclass(frozen=True)
class Project:
    name: str
    folder: str
    needs: tuple[Need, ...]
    python: str  # the interpreter that runs it (absolute path, as typed)
    environment: str  # prefix of the environment it uses (a venv's folder, or /usr)
    in_venv: bool

    @property
    def works(self) -> bool:
        return all(n.ok for n in self.needs)

    @property
    def problems(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if not n.ok)


def parse_app(text: str) -> tuple[str, list[str]] | None:
    """``(project, needs)`` of an ``app.py`` written by venvsim, else None."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# app.py of the project '"):
        return None
    name = lines[0][len("# app.py of the project '") :].split("'", 1)[0]
    needs = []
    for line in lines[2:]:
        if not line.startswith("#   "):
            break
        needs.append(line[4:])
    return name, needs


VERSION_LINE = re.compile(r'^__version__ = "([^"\n]*)"$', re.M)


def module_version(fs: FileSystem, view: PythonView, module: str) -> tuple[str, str] | None:
    """``(__version__, site)`` of the first ``module`` on ``sys.path``, or None."""
    for site in view.site_dirs:
        init = f"{site}/{module}/__init__.py"
        if fs.is_file(init):
            found = VERSION_LINE.search(fs.read(init))  # "": a module without __version__
            return (found.group(1) if found else ""), site
    return None


def project_venv(fs: FileSystem, folder: str) -> str | None:
    """The venv inside a project folder, if any (first by name)."""
    if not fs.is_dir(folder):
        return None
    for entry in fs.listdir(folder):
        if fs.is_file(f"{folder}/{entry}/pyvenv.cfg"):
            return f"{folder}/{entry}"
    return None


def check_needs(fs: FileSystem, view: PythonView, needs: list[str]) -> tuple[Need, ...]:
    out = []
    for raw in needs:
        try:
            req = Requirement(raw)
        except InvalidRequirement:
            continue
        hit = module_version(fs, view, import_name(req.name))
        ok = hit is not None
        if hit is not None and req.specifier:
            try:
                ok = req.specifier.contains(Version(hit[0]), prereleases=True)
            except InvalidVersion:
                ok = False
        out.append(Need(raw.strip(), canonicalize_name(req.name), hit[0] if hit else None,
                        hit[1] if hit else None, ok))
    return tuple(out)


def projects(world: World) -> list[Project]:
    """Every venvsim project on disk, with the python that would run it."""
    found = []
    for app in project_paths(world):
        node = world.fs.node(app)
        assert isinstance(node, File)
        parsed = parse_app(node.text)
        if parsed is None:
            continue
        name, needs = parsed
        folder = posixpath.dirname(app)
        venv = project_venv(world.fs, folder)
        python = f"{venv}/bin/python" if venv else layout.python_exe(world.pythons[0])
        view = start(world.fs, python, world.home)
        if view is None:  # a broken venv: its python link leads nowhere
            python = layout.python_exe(world.pythons[0])
            view = start(world.fs, python, world.home)
        if view is None:  # no python at all (removed, or something else put in its place)
            gone = Need(python, python, None, None, False)
            found.append(Project(name, folder, (gone,), python, layout.SYSTEM_PREFIX, False))
            continue
        found.append(Project(name, folder, check_needs(world.fs, view, needs), python,
                             view.prefix, view.in_venv))
    return found
