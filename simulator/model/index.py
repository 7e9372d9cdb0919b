"""The package index: releases with their metadata, as PyPI serves them.

>>> idx = Index.from_releases([Release("libcolor", "1.0"), Release("LibColor", "2.0")])
>>> [str(r.version) for r in idx.releases("libcolor")]
['1.0', '2.0']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version


class Named:
    """A project name and version text, with their parsed forms."""

    name: str
    version_text: str

    @property
    def key(self) -> NormalizedName:
        return _key(self.name)

    @property
    def version(self) -> Version:
        return _version(self.version_text)


@lru_cache(maxsize=8192)
def _version(text: str) -> Version:
    return Version(text)


@lru_cache(maxsize=8192)
def _key(name: str) -> NormalizedName:
    return canonicalize_name(name)


@lru_cache(maxsize=16384)
def requirement(text: str) -> Requirement:
    """``Requirement(text)``, parsed once: the same object for the same text, so never change it
    (copy it with ``Requirement(str(req))`` first); raises ``InvalidRequirement``.

    >>> requirement("libcolor<2") is requirement("libcolor<2")
    True
    """
    return Requirement(text)


@dataclass(frozen=True)
class Release(Named):
    """One release of a project: what its wheel's METADATA says."""

    name: str
    version_text: str
    requires: tuple[str, ...] = ()
    requires_python: str = ""
    scripts: tuple[tuple[str, str], ...] = ()  # console scripts: (name, "module:function")
    invented: bool = True  # False: a real PyPI release, whose code venvsim does not hold

    @property
    def filename(self) -> str:
        """The wheel's file name, as a build backend names it."""
        return f"{self.key.replace('-', '_')}-{self.version}-py3-none-any.whl"


@dataclass(frozen=True)
class Index:
    """Releases by normalized project name, oldest first."""

    projects: Mapping[str, tuple[Release, ...]]

    @classmethod
    def from_releases(cls, releases: Iterable[Release]) -> Index:
        grouped: dict[str, list[Release]] = {}
        for r in releases:
            grouped.setdefault(r.key, []).append(r)
        return cls(
            MappingProxyType(
                {k: tuple(sorted(v, key=lambda r: r.version)) for k, v in sorted(grouped.items())}
            )
        )

    def releases(self, name: str) -> tuple[Release, ...]:
        return self.projects.get(canonicalize_name(name), ())

    def versions(self) -> dict[str, list[str]]:
        """Every version text by normalized name (what app.py checks against)."""
        return {k: [r.version_text for r in v] for k, v in self.projects.items()}
