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

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..model.index import Release
from ..model.wheelfile import wheel_sha256
from .resolver import spec_text


@dataclass(frozen=True)
class Locked:
    """A package of the lock: a release of the index, or the project itself."""

    release: Release
    deps: tuple[str, ...] = ()  # normalized names it depends on
    source: str = "registry"  # "registry", "editable" or "virtual"
    dev: tuple[str, ...] = ()  # the project's dev group, resolved
    requires_dist: tuple[str, ...] | None = None  # the project's own requirements, as written
    requires_dev: tuple[str, ...] | None = None  # its dev group, as written (None: no group)


@dataclass
class LockData:
    """What a ``uv.lock`` on disk says: name -> version, and its text."""

    versions: dict[str, str] = field(default_factory=dict)
    text: str = ""


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
    if p.deps:
        text += _array("dependencies", [f'{{ name = "{d}" }}' for d in sorted(p.deps)], False)
    if p.source == "registry":
        path = f"{registry}/{rel.key}/{rel.filename}"
        text += f'wheels = [\n    {{ path = "{path}", hash = "sha256:{wheel_sha256(rel)}" }},\n]\n'
        return text
    if p.dev:
        text += "\n[package.dev-dependencies]\n"
        text += _array("dev", [f'{{ name = "{d}" }}' for d in sorted(p.dev)], False)
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


def lock_text(requires_python: str, packages: list[Locked], registry: str) -> str:
    text = f'version = 1\nrevision = 5\nrequires-python = "{requires_python}"\n'
    for p in sorted(packages, key=lambda p: p.release.key):
        text += _package(p, registry)
    return text


def read_lock(text: str) -> LockData:
    """The versions a lock pins (an unreadable lock pins nothing)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return LockData(text=text)
    versions: dict[str, str] = {}
    for p in data.get("package", []):
        if isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("version"), str):
            versions[str(canonicalize_name(p["name"]))] = p["version"]
    return LockData(versions, text)
