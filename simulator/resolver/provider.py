"""pip's ``PipProvider``: preference order and candidate lookup.

Ports pip/_internal/resolution/resolvelib/provider.py.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from resolvelib import AbstractProvider

from .base import PYTHON_ID, Candidate, Constraint, Req
from .factory import Factory
from .requirements import ExplicitReq

_CONFLICT_PRIORITY_THRESHOLD = 5


class Provider(AbstractProvider):  # type: ignore[type-arg]
    """pip's ``PipProvider``."""

    def __init__(
        self,
        factory: Factory,
        constraints: Mapping[str, Constraint],
        ignore_dependencies: bool,
        upgrade_strategy: str,
        user_requested: dict[str, int],
    ) -> None:
        self._factory = factory
        self._constraints = constraints
        self._ignore_dependencies = ignore_dependencies
        self._upgrade_strategy = upgrade_strategy
        self._user_requested = user_requested
        self._conflict_counts: defaultdict[str, int] = defaultdict(int)
        self._conflict_promoted: set[str] = set()

    def identify(self, requirement_or_candidate: Any) -> str:
        return str(requirement_or_candidate.name)

    def narrow_requirement_selection(
        self,
        identifiers: Iterable[str],
        resolutions: Mapping[str, Candidate],
        candidates: Mapping[str, Iterator[Candidate]],
        information: Mapping[str, Iterator[Any]],
        backtrack_causes: Sequence[Any],
    ) -> Iterable[str]:
        backtrack_identifiers = set()
        for info in backtrack_causes:
            names = [info.requirement.name]
            if info.parent is not None:
                names.append(info.parent.name)
            for name in names:
                backtrack_identifiers.add(name)
                if name not in resolutions:
                    self._conflict_counts[name] += 1
                    if self._conflict_counts[name] >= _CONFLICT_PRIORITY_THRESHOLD:
                        self._conflict_promoted.add(name)
        current, promoted = [], []
        for identifier in identifiers:
            if identifier == PYTHON_ID:
                return [identifier]
            if identifier in backtrack_identifiers:
                current.append(identifier)
                continue
            if identifier in self._conflict_promoted:
                promoted.append(identifier)
        if current:
            return current
        if promoted:
            return promoted
        return identifiers

    def get_preference(
        self,
        identifier: str,
        resolutions: Mapping[str, Candidate],
        candidates: Mapping[str, Iterator[Candidate]],
        information: Mapping[str, Iterable[Any]],
        backtrack_causes: Sequence[Any],
    ) -> Any:
        infos = list(information[identifier])
        direct = any(isinstance(r, ExplicitReq) for r, _ in infos)
        ireqs = [r.get_candidate_lookup()[1] for r, _ in infos]
        operators = [(s.operator, s.version) for ireq in ireqs if ireq for s in ireq.req.specifier]
        pinned = any(op[:2] == "==" and "*" not in ver for op, ver in operators)
        upper_bounded = any(
            op in ("<", "<=", "~=") or (op == "==" and "*" in ver) for op, ver in operators
        )
        unfree = bool(operators)
        requested_order = self._user_requested.get(identifier, math.inf)
        return (
            identifier not in self._conflict_promoted,
            not direct,
            not pinned,
            not upper_bounded,
            requested_order,
            not unfree,
            identifier,
        )

    def find_matches(
        self,
        identifier: str,
        requirements: Mapping[str, Iterator[Req]],
        incompatibilities: Mapping[str, Iterator[Candidate]],
    ) -> Iterable[Candidate]:
        if self._upgrade_strategy == "eager":
            eligible = True
        elif self._upgrade_strategy == "only-if-needed":
            eligible = (identifier in self._user_requested
                        or identifier.partition("[")[0] in self._user_requested)
        else:
            eligible = False
        return self._factory.find_candidates(
            identifier,
            requirements,
            incompatibilities,
            constraint=self._constraints.get(
                identifier, self._constraints.get(identifier.partition("[")[0], Constraint.empty())
            ),
            prefers_installed=not eligible,
            is_satisfied_by=self.is_satisfied_by,
        )

    def is_satisfied_by(self, requirement: Req, candidate: Candidate) -> bool:
        return requirement.is_satisfied_by(candidate)

    def get_dependencies(self, candidate: Candidate) -> Iterable[Req]:
        with_requires = not self._ignore_dependencies
        return [r for r in candidate.iter_dependencies(with_requires) if r is not None]
