"""Specifier, explicit and Requires-Python requirements.

Ports pip/_internal/resolution/resolvelib/requirements.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from .base import PYTHON_ID, Candidate, Req, format_name
from .req import InstallReq

if TYPE_CHECKING:
    from .candidates import PythonCandidate


class SpecifierReq(Req):
    def __init__(self, ireq: InstallReq) -> None:
        self._ireq = ireq
        self.project = canonicalize_name(ireq.req.name)
        self.extras = frozenset(canonicalize_name(e) for e in ireq.req.extras)
        self.name = format_name(self.project, self.extras)
        self._equal = ireq.format("/")

    def __str__(self) -> str:
        return str(self._ireq.req)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpecifierReq) and other._equal == self._equal

    def __hash__(self) -> int:
        return hash(self._equal)

    @property
    def specifier(self) -> SpecifierSet:
        return self._ireq.req.specifier

    def format_for_error(self) -> str:
        parts = [s.strip() for s in str(self).split(",")]
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def get_candidate_lookup(self) -> tuple[Candidate | None, InstallReq | None]:
        return None, self._ireq

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        return self._ireq.req.specifier.contains(candidate.version, prereleases=True)


class ExplicitReq(Req):
    """A requirement for exactly one candidate (an extras candidate's base)."""

    def __init__(self, candidate: Candidate) -> None:
        self.candidate = candidate
        self.name = candidate.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExplicitReq) and other.candidate == self.candidate

    def __hash__(self) -> int:
        return hash(("explicit", self.candidate))

    def format_for_error(self) -> str:
        return self.candidate.format_for_error()

    def get_candidate_lookup(self) -> tuple[Candidate | None, InstallReq | None]:
        return self.candidate, None

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        return candidate == self.candidate


class PythonReq(Req):
    def __init__(self, specifier: SpecifierSet, match: PythonCandidate) -> None:
        self.specifier = specifier
        self._candidate = match
        self.name = PYTHON_ID
        self._lookup: tuple[Candidate | None, InstallReq | None] = (
            (match, None) if specifier.contains(match.version, prereleases=True) else (None, None)
        )

    def __str__(self) -> str:
        return f"Python {self.specifier}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PythonReq) and str(other.specifier) == str(self.specifier)

    def __hash__(self) -> int:
        return hash(str(self.specifier))

    def format_for_error(self) -> str:
        return str(self)

    def get_candidate_lookup(self) -> tuple[Candidate | None, InstallReq | None]:
        return self._lookup

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        return self.specifier.contains(candidate.version, prereleases=True)
