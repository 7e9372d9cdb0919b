"""pip's lazy sequence of candidates for one identifier.

Ports pip/_internal/resolution/resolvelib/found_candidates.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from packaging.version import Version

from .base import Candidate


class FoundCandidates(Sequence[Candidate]):
    """pip's lazy candidate sequence (installed first, or inserted by version).

    It is a ``Sequence`` so that resolvelib keeps it lazy instead of listing it:
    each candidate built is a ``Processing`` line, as in pip.
    """

    def __getitem__(self, index: Any) -> Any:
        raise NotImplementedError("don't do this")

    def __len__(self) -> int:
        raise NotImplementedError("don't do this")

    def __init__(
        self,
        get_infos: Callable[[], Iterator[tuple[Version, Callable[[], Candidate]]]],
        installed: Candidate | None,
        prefers_installed: bool,
        incompat_ids: set[int],
    ) -> None:
        self._get_infos = get_infos
        self._installed = installed
        self._prefers_installed = prefers_installed
        self._incompat_ids = incompat_ids
        self._bool: bool | None = None

    def __iter__(self) -> Iterator[Candidate]:
        infos = self._get_infos()
        if not self._installed:
            it = _iter_built(infos)
        elif self._prefers_installed:
            it = _iter_prepended(self._installed, infos)
        else:
            it = _iter_inserted(self._installed, infos)
        return (c for c in it if id(c) not in self._incompat_ids)

    def __bool__(self) -> bool:
        if self._bool is None:
            if self._prefers_installed and self._installed:
                self._bool = True
            else:
                self._bool = any(self)
        return self._bool


def _iter_built(infos: Iterator[tuple[Version, Callable[[], Candidate]]]) -> Iterator[Candidate]:
    seen: set[Version] = set()
    for version, func in infos:
        if version in seen:
            continue
        yield func()
        seen.add(version)


def _iter_prepended(
    installed: Candidate, infos: Iterator[tuple[Version, Callable[[], Candidate]]]
) -> Iterator[Candidate]:
    yield installed
    seen = {installed.version}
    for version, func in infos:
        if version in seen:
            continue
        yield func()
        seen.add(version)


def _iter_inserted(
    installed: Candidate, infos: Iterator[tuple[Version, Callable[[], Candidate]]]
) -> Iterator[Candidate]:
    seen: set[Version] = set()
    for version, func in infos:
        if version in seen:
            continue
        if installed.version >= version:
            yield installed
            seen.add(installed.version)
        yield func()
        seen.add(version)
    if installed.version not in seen:
        yield installed
