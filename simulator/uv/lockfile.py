"""``uv.lock`` as uv 0.13.8 writes it (revision 5), with each wheel's real sha256.

>>> from simulator.model.index import Release
>>> text = lock_text(">=3.11", [Locked(Release("libcolor", "1.0"))], "/srv/pypi/simple")
>>> sha = "c7a3150abaf9b9a43598cf75a03a6e2b326054b22347275b6ca6b9585d5c810c"
>>> print(text.replace(sha, "<sha256>"), end="")
version = 1
revision = 5
requires-python = ">=3.11"
<BLANKLINE>
[[package]]
name = "libcolor"
version = "1.0"
source = { registry = "/srv/pypi/simple" }
wheels = [
    { path = "/srv/pypi/simple/libcolor/libcolor-1.0-py3-none-any.whl", hash = "sha256:<sha256>" },
]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from packaging.markers import InvalidMarker, Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..model.index import Release
from ..model.wheelfile import wheel_sha256
from .resolver import spec_text


@dataclass(frozen=True)
class DepRef:
    """A lock's reference to a package it holds: by name alone, or (when the lock holds
    several versions of it) by version, with the marker of the fork that needs it."""

    name: str
    version: str = ""
    marker: str = ""

    def entry(self, registry: str) -> str:
        if not self.version:
            return f'{{ name = "{self.name}" }}'
        text = f'{{ name = "{self.name}", version = "{self.version}", source = {{ registry = "{registry}" }}'
        return text + (f', marker = "{self.marker}" }}' if self.marker else " }")


@dataclass(frozen=True)
class Locked:
    """A package of the lock: a release of the index, or the project itself."""

    release: Release
    deps: tuple[DepRef, ...] = ()  # what it depends on
    source: str = "registry"  # "registry", "editable" or "virtual"
    dev: tuple[DepRef, ...] = ()  # the project's dev group, resolved
    requires_dist: tuple[str, ...] | None = None  # the project's own requirements, as written
    requires_dev: tuple[str, ...] | None = None  # its dev group, as written (None: no group)
    markers: tuple[str, ...] = ()  # the forks it belongs to, when not all of them


@dataclass(frozen=True)
class Pin:
    """A package as a ``uv.lock`` on disk names it."""

    name: str
    version: str
    deps: tuple[str, ...] = ()  # the names it depends on (dev group included)
    markers: tuple[str, ...] = ()  # its resolution-markers
    source: str = "registry"  # "registry", "editable" or "virtual"

    def applies(self, python: str) -> bool:
        """Whether the pin is for ``python`` (``3.11.7``): no markers, or one that holds."""
        if not self.markers:
            return True
        where = {"python_full_version": python, "python_version": ".".join(python.split(".")[:2])}
        try:
            return any(Marker(m).evaluate(where) for m in self.markers)
        except InvalidMarker:
            return False


@dataclass
class LockData:
    """What a ``uv.lock`` on disk says: name -> version (the last one), its forks'
    markers, every package, and its text."""

    versions: dict[str, str] = field(default_factory=dict)
    text: str = ""
    forks: tuple[str, ...] = ()
    packages: tuple[Pin, ...] = ()


def _req_entry(text: str) -> str:
    req = Requirement(text)
    spec = spec_text(req.specifier)
    name = canonicalize_name(req.name)
    return f'{{ name = "{name}", specifier = "{spec}" }}' if spec else f'{{ name = "{name}" }}'


def _array(key: str, items: list[str], inline: bool) -> str:
    if not items:
        return f"{key} = []\n"
    if inline and len(items) == 1:
        return f"{key} = [{items[0]}]\n"
    return f"{key} = [\n" + "".join(f"    {i},\n" for i in items) + "]\n"


def _package(p: Locked, registry: str) -> str:
    rel = p.release
    text = f'\n[[package]]\nname = "{rel.key}"\nversion = "{rel.version_text}"\n'
    if p.source == "registry":
        text += f'source = {{ registry = "{registry}" }}\n'
    else:
        text += f'source = {{ {p.source} = "." }}\n'
    if p.markers:
        text += _array("resolution-markers", [f'"{m}"' for m in p.markers], False)
    if p.deps:
        text += _array("dependencies", [d.entry(registry) for d in p.deps], False)
    if p.source == "registry":
        path = f"{registry}/{rel.key}/{rel.filename}"
        text += f'wheels = [\n    {{ path = "{path}", hash = "sha256:{wheel_sha256(rel)}" }},\n]\n'
        return text
    if p.dev:
        text += "\n[package.dev-dependencies]\n"
        text += _array("dev", [d.entry(registry) for d in p.dev], False)
    dist = sorted(p.requires_dist or (), key=lambda t: canonicalize_name(Requirement(t).name))
    if dist or p.requires_dev is not None:
        text += "\n[package.metadata]\n"
        if dist:
            text += _array("requires-dist", [_req_entry(t) for t in dist], True)
    if p.requires_dev is not None:
        dev = sorted(p.requires_dev, key=lambda t: canonicalize_name(Requirement(t).name))
        text += "\n[package.metadata.requires-dev]\n"
        text += _array("dev", [_req_entry(t) for t in dev], True)
    return text


def lock_text(requires_python: str, packages: list[Locked], registry: str,
              forks: tuple[str, ...] = ()) -> str:
    text = f'version = 1\nrevision = 5\nrequires-python = "{requires_python}"\n'
    if forks:
        text += _array("resolution-markers", [f'"{m}"' for m in forks], False)
    for p in sorted(packages, key=lambda p: (p.release.key, p.release.version)):
        text += _package(p, registry)
    return text


def read_lock(text: str) -> LockData:
    """What a lock pins (an unreadable lock pins nothing)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return LockData(text=text)
    versions: dict[str, str] = {}
    pins: list[Pin] = []
    for p in data.get("package", []):
        if isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("version"), str):
            name = str(canonicalize_name(p["name"]))
            versions[name] = p["version"]
            deps = [d.get("name") for d in [*_list(p.get("dependencies")),
                                            *_list(_table(p.get("dev-dependencies")).get("dev"))]
                    if isinstance(d, dict)]
            source = next(iter(_table(p.get("source"))), "registry")
            pins.append(Pin(name, p["version"],
                            tuple(str(canonicalize_name(d)) for d in deps if isinstance(d, str)),
                            tuple(m for m in _list(p.get("resolution-markers")) if isinstance(m, str)),
                            str(source)))
    forks = tuple(m for m in _list(data.get("resolution-markers")) if isinstance(m, str))
    return LockData(versions, text, forks, tuple(pins))


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _table(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}
