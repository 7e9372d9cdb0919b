"""The resolver's base classes: ``Candidate``, ``Requirement`` and ``format_name``.

Ports pip/_internal/resolution/resolvelib/base.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .req import InstallReq

PYTHON_ID = "<Python from Requires-Python>"


class Candidate:
    name: str
    version: Version
    is_installed = False

    def iter_dependencies(self, with_requires: bool) -> Iterable[Req | None]:
        raise NotImplementedError

    def get_install_requirement(self) -> InstallReq | None:
        return None

    def format_for_error(self) -> str:
        raise NotImplementedError


class Req:
    name: str

    def get_candidate_lookup(self) -> tuple[Candidate | None, InstallReq | None]:
        raise NotImplementedError

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        raise NotImplementedError

    def format_for_error(self) -> str:
        raise NotImplementedError


def format_name(project: str, extras: frozenset[str]) -> str:
    return f"{project}[{','.join(sorted(extras))}]" if extras else project


@dataclass(frozen=True)
class Constraint:
    """What ``-c`` files say about one project (pip's ``Constraint``, without hashes or links)."""

    specifier: SpecifierSet

    @classmethod
    def empty(cls) -> Constraint:
        return Constraint(SpecifierSet())

    def __and__(self, other: InstallReq) -> Constraint:
        return Constraint(self.specifier & other.req.specifier)

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        return self.specifier.contains(candidate.version, prereleases=True)

    def format_for_error(self) -> str:
        return str(self.specifier)
