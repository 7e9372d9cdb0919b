"""Installed distributions: the ``*.dist-info`` folders inside a site-packages.

An installed package is real files in the simulated filesystem, so copying or
moving a folder carries its packages along, exactly as on disk.

>>> text = metadata_text(Release("appa", "1.0", ("libcolor<2",)))
>>> d = parse_metadata(text, "/x/site-packages")
>>> (d.name, str(d.version), d.requires)
('appa', '1.0', ('libcolor<2',))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import InvalidVersion, Version

from .index import Named, Release


@dataclass(frozen=True)
class Dist(Named):
    """A distribution found in a site-packages folder."""

    name: str
    version_text: str
    requires: tuple[str, ...]
    requires_python: str
    location: str
    summary: str = ""
    info: str = ""  # the .dist-info folder's own name
    has_metadata: bool = True  # False: a folder left without METADATA (version from its name)

    @property
    def raw_version(self) -> str:
        """The version pip shows: METADATA's, or ``None`` when METADATA is gone."""
        return self.version_text if self.has_metadata else "None"

    @property
    def dist_info(self) -> str:
        return f"{self.location}/{self.info or dist_info_name(self.name, self.version_text)}"


def dist_info_name(name: str, version: str) -> str:
    """The ``.dist-info`` folder a wheel installs: normalized (``foo_bar-1.0.dist-info``)."""
    return f"{canonicalize_name(name).replace('-', '_')}-{Version(version)}.dist-info"


# The WHEEL file of the index's wheels (simulator/verify/wheels.py builds the same).
WHEEL_TEXT = (
    "Wheel-Version: 1.0\nGenerator: venvsim-verify\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
)


def info_name_version(entry: str) -> tuple[str, str]:
    """Name and version from a ``NAME-VERSION.dist-info`` folder name (pip reads them so
    when METADATA is gone).

    >>> info_name_version("libcolor-1.0.dist-info")
    ('libcolor', '1.0')
    """
    stem = entry.removesuffix(".dist-info")
    name, _, version = stem.partition("-")
    return name, version


def listing_order(dists: list[Dist]) -> list[Dist]:
    """The order pip meets the dist-info folders of one site-packages.

    Only the order of two folders of ONE name matters (pip takes the first it meets).
    The real order is the file system's directory order: on ext4, where the verifier
    runs, a hash order that no model can know in general; every recording so far met
    the higher version first, and so does the simulation.
    """
    groups: dict[str, list[Dist]] = {}
    for d in dists:
        groups.setdefault(d.key, []).append(d)
    return [d for group in groups.values()
            for d in (sorted(group, key=_version_or_none, reverse=True) if len(group) > 1 else group)]


def _version_or_none(d: Dist) -> tuple[bool, Any]:
    """A sort key: a version pip cannot read (hand-written METADATA) goes last."""
    try:
        return (True, d.version)
    except InvalidVersion:
        return (False, d.version_text)


def metadata_text(release: Release) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {release.name}",
        f"Version: {release.version_text}",
        f"Summary: fake package {release.name} {release.version_text} for venv/pip experiments",
    ]
    if release.requires_python:
        lines.append(f"Requires-Python: {release.requires_python}")
    lines += [f"Requires-Dist: {r}" for r in release.requires]
    return "\n".join(lines) + "\n\n"


TOOL_FIELDS = {
    "pip": [
        ("Summary", "The PyPA recommended tool for installing Python packages."),
        ("Home-page", "https://pip.pypa.io/"),
        ("Author-email", "The pip developers <distutils-sig@python.org>"),
        ("License-Expression", "MIT"),
    ],
    "setuptools": [
        ("Summary", "Easily download, build, install, upgrade, and uninstall Python packages"),
        ("Home-page", "https://github.com/pypa/setuptools"),
        ("Author", "Python Packaging Authority"),
        ("Author-email", "distutils-sig@python.org"),
    ],
}


@lru_cache(maxsize=1)
def _tool_data() -> dict[str, Any]:
    text = (resources.files("simulator") / "data" / "tool_metadata.toml").read_text("utf-8")
    return tomllib.loads(text)


def tool_metadata(name: str, version: str) -> str:
    """METADATA of pip or setuptools as ensurepip installs them (no requirements kept)."""
    data = _tool_data().get(name, {})
    fields = "".join(f"{k}: {v}\n" for k, v in TOOL_FIELDS.get(name, []))
    fields += "".join(f"Classifier: {c}\n" for c in data.get("classifiers", []))
    fields += "".join(f"Project-URL: {u}\n" for u in data.get("project_urls", []))
    meta_version = data.get("metadata_version", "2.1")
    return f"Metadata-Version: {meta_version}\nName: {name}\nVersion: {version}\n{fields}\n"


def tool_entry_points(name: str) -> str | None:
    """The ``entry_points.txt`` of pip or setuptools (None for other names)."""
    lines = _tool_data().get(name, {}).get("entry_points")
    return "\n".join(lines) + "\n" if lines else None


def metadata_fields(text: str, key: str) -> list[str]:
    """Every value of a repeatable METADATA header (Classifier, Project-URL)."""
    found = []
    for line in text.splitlines():
        if not line:
            break
        k, sep, value = line.partition(": ")
        if sep and k == key:
            found.append(value)
    return found


def metadata_field(text: str, key: str) -> str | None:
    """One header of a METADATA text (None when absent)."""
    values = metadata_fields(text, key)
    return values[0] if values else None


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[str, str, tuple[str, ...], str, str]:
    name = version = requires_python = summary = ""
    requires: list[str] = []
    for line in text.splitlines():
        if not line:
            break
        key, _, value = line.partition(": ")
        if key == "Name":
            name = value
        elif key == "Version":
            version = value
        elif key == "Requires-Dist":
            requires.append(value)
        elif key == "Requires-Python":
            requires_python = value
        elif key == "Summary":
            summary = value
    return name, version, tuple(requires), requires_python, summary


def parse_metadata(text: str, location: str, info: str = "") -> Dist:
    name, version, requires, requires_python, summary = _parse(text)
    return Dist(name, version, requires, requires_python, location, summary, info)


def canonical(name: str) -> NormalizedName:
    return canonicalize_name(name)
