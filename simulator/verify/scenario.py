"""Read a scenario file into plain data for the verifier.

Only what a real replay needs is read; keys a lesson adds on top are ignored.
Every problem raises a ``ValueError`` naming the file and the key.

>>> s = parse('''
... [world]
... pythons = ["3.11"]
... [index]
... libcolor = ["1.0", { version = "2.0", requires_python = ">=3.8" }]
... [projects.tienda]
... needs = ["libcolor>=2"]
... [[steps]]
... run = "python3 app.py"
... ''', "demo.toml")
>>> s.user, s.pythons, s.projects[0].path, s.steps
('ana', ('3.11',), '/home/ana/tienda', ('python3 app.py',))
>>> [r.version for r in s.index["libcolor"]]
['1.0', '2.0']
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from simulator.model.layout import home_of

_MINOR = re.compile(r"3\.\d+")
_USER = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


@dataclass(frozen=True)
class Release:
    """One version of a package in the index."""

    name: str
    version: str
    requires: tuple[str, ...] = ()
    requires_python: str | None = None


@dataclass(frozen=True)
class Project:
    """A folder holding ``app.py`` (``path`` is a simulated absolute path)."""

    name: str
    path: str
    needs: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """What the verifier needs from a scenario file."""

    title: str
    user: str
    pythons: tuple[str, ...]
    externally_managed: bool
    index: dict[str, list[Release]]
    projects: tuple[Project, ...]
    steps: tuple[str, ...]

    @property
    def home(self) -> str:
        return home_of(self.user)

    def index_versions(self) -> dict[str, list[str]]:
        """Normalized name -> every version offered (what ``app_source`` wants)."""
        return {name: [r.version for r in rels] for name, rels in self.index.items()}


def load(path: str | Path) -> Scenario:
    """Read and check a scenario file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    return parse(text, str(p))


def parse(text: str, where: str = "<scenario>") -> Scenario:
    """Check the text of a scenario file; ``where`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where}: invalid TOML: {exc}") from exc

    def fail(key: str, msg: str) -> ValueError:
        return ValueError(f"{where}: {key}: {msg}")

    def table(value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(key, "must be a table")
        return value

    def string(value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise fail(key, "must be a string")
        return value

    def strings(value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of strings")
        return list(value)

    title = string(data.get("title", ""), "title")

    if "world" not in data:
        raise fail("world", "missing table [world]")
    world = table(data["world"], "world")
    user = string(world.get("user", "ana"), "world.user")
    if not _USER.fullmatch(user):
        raise fail("world.user", f"not a user name: {user!r}")
    if "pythons" not in world:
        raise fail("world.pythons", "missing key")
    pythons = strings(world["pythons"], "world.pythons")
    if not pythons:
        raise fail("world.pythons", "must name at least one version")
    for v in pythons:
        if not _MINOR.fullmatch(v):
            raise fail("world.pythons", f"{v!r} is not a MAJOR.MINOR version like '3.11'")
    if len(set(pythons)) != len(pythons):
        raise fail("world.pythons", "lists a version twice")
    managed = world.get("externally_managed", False)
    if not isinstance(managed, bool):
        raise fail("world.externally_managed", "must be true or false")

    index: dict[str, list[Release]] = {}
    for name, entries in table(data.get("index", {}), "index").items():
        key = f"index.{name}"
        try:
            norm = canonicalize_name(name, validate=True)
        except Exception as exc:  # packaging raises InvalidName
            raise fail(key, f"not a valid package name: {name!r}") from exc
        if norm in index:
            raise fail(key, "names the same package as another key")
        if not isinstance(entries, list):
            raise fail(key, "must be a list of versions")
        releases = []
        for i, entry in enumerate(entries):
            ekey = f"{key}[{i}]"
            if isinstance(entry, str):
                entry = {"version": entry}
            entry = table(entry, ekey)
            if "version" not in entry:
                raise fail(ekey, "missing key 'version'")
            version = string(entry["version"], ekey + ".version")
            try:
                Version(version)
            except InvalidVersion as exc:
                raise fail(ekey + ".version", f"invalid version {version!r}") from exc
            requires = strings(entry.get("requires", []), ekey + ".requires")
            for r in requires:
                try:
                    Requirement(r)
                except InvalidRequirement as exc:
                    raise fail(ekey + ".requires", f"invalid requirement {r!r}") from exc
            rp = entry.get("requires_python")
            if rp is not None:
                rp = string(rp, ekey + ".requires_python")
                try:
                    SpecifierSet(rp)
                except InvalidSpecifier as exc:
                    raise fail(ekey + ".requires_python", f"invalid specifier {rp!r}") from exc
            releases.append(Release(name, version, tuple(requires), rp))
        if len({Version(r.version) for r in releases}) != len(releases):
            raise fail(key, "lists a version twice")
        index[norm] = releases

    home = home_of(user)
    projects = []
    for name, proj in table(data.get("projects", {}), "projects").items():
        key = f"projects.{name}"
        proj = table(proj, key)
        raw = string(proj.get("path", f"~/{name}"), key + ".path")
        path = _absolute(raw, home)
        if path is None:
            raise fail(key + ".path", f"{raw!r} climbs above /")
        needs = strings(proj.get("needs", []), key + ".needs")
        for n in needs:
            try:
                Requirement(n)
            except InvalidRequirement as exc:
                raise fail(key + ".needs", f"invalid requirement {n!r}") from exc
        files = table(proj.get("files", {}), key + ".files")
        for fname, content in files.items():
            string(content, f"{key}.files.{fname}")
            parts = fname.split("/")
            if fname.startswith("/") or ".." in parts or "" in parts:
                raise fail(f"{key}.files", f"{fname!r} must be a relative path inside the project")
        projects.append(Project(name, path, tuple(needs), dict(files)))

    raw_steps = data.get("steps", [])
    if not isinstance(raw_steps, list):
        raise fail("steps", "must be an array of tables [[steps]]")
    steps = []
    for i, step in enumerate(raw_steps):
        key = f"steps[{i}]"
        step = table(step, key)
        if "run" not in step:
            raise fail(key, "missing key 'run'")
        steps.append(string(step["run"], key + ".run"))

    return Scenario(title, user, tuple(pythons), managed, index, tuple(projects), tuple(steps))


def _absolute(raw: str, home: str) -> str | None:
    """A project path as a simulated absolute path (``None`` if it climbs above /)."""
    if raw == "~" or raw.startswith("~/"):
        raw = home + raw[1:]
    elif not raw.startswith("/"):
        raw = home + "/" + raw
    parts: list[str] = []
    for part in raw.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return posixpath.join("/", *parts)
