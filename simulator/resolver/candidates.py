"""Index, installed, extras and Python candidates.

Ports pip/_internal/resolution/resolvelib/candidates.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.dist import Dist
from ..model.index import Release
from .base import PYTHON_ID, Candidate, Req, format_name
from .req import InstallReq
from .requirements import ExplicitReq

if TYPE_CHECKING:
    from .factory import Factory


class IndexCandidate(Candidate):
    """A wheel found on the index (pip's ``LinkCandidate``)."""

    def __init__(self, release: Release, ireq: InstallReq, factory: Factory) -> None:
        self.release = release
        self.name = release.key
        self.version = release.version
        self._ireq = ireq
        self._factory = factory
        factory.log_preparing(ireq, release)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexCandidate) and other.release == self.release

    def __hash__(self) -> int:
        return hash((IndexCandidate, self.release.key, self.release.version_text))

    def __repr__(self) -> str:
        return f"IndexCandidate({self.name} {self.version})"

    def format_for_error(self) -> str:
        return f"{self.name} {self.version} (from {self._factory.file_path(self.release)})"

    def iter_dependencies(self, with_requires: bool) -> Iterable[Req | None]:
        yield self._factory.make_requires_python_requirement(self.release.requires_python)
        if with_requires:
            for r in self._factory.applicable(self.release.requires):
                yield from self._factory.make_requirements_from_spec(r, self._ireq)

    def get_install_requirement(self) -> InstallReq | None:
        return self._ireq


class InstalledCandidate(Candidate):
    """A distribution already in a site-packages on ``sys.path``."""

    is_installed = True

    def __init__(self, dist: Dist, template: InstallReq, factory: Factory) -> None:
        self.dist = dist
        self.name = dist.key
        self.version = dist.version
        self._factory = factory
        self._ireq = InstallReq(
            Requirement(str(template.req)),
            comes_from=template.comes_from,
            user_supplied=template.user_supplied,
            satisfied_by=dist,
        )
        factory.log.info(
            f"Requirement already satisfied: {self._ireq.format(factory.cwd)} ({dist.version})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InstalledCandidate):
            return NotImplemented
        return self.name == other.name and self.version == other.version

    def __hash__(self) -> int:
        return hash((self.name, self.version))

    def __repr__(self) -> str:
        return f"InstalledCandidate({self.name} {self.version})"

    def format_for_error(self) -> str:
        return f"{self.name} {self.version} (Installed)"

    def iter_dependencies(self, with_requires: bool) -> Iterable[Req | None]:
        if not with_requires:
            return
        for r in self._factory.applicable(self.dist.requires):
            yield from self._factory.make_requirements_from_spec(r, self._ireq)


class ExtrasCandidate(Candidate):
    """``foo[extra]``: depends on its exact base candidate, as in pip."""

    def __init__(self, base: Candidate, extras: frozenset[str], factory: Factory) -> None:
        self.base = base
        self.extras = frozenset(canonicalize_name(e) for e in extras)
        self.name = format_name(base.name, self.extras)
        self.version = base.version
        self.is_installed = base.is_installed
        self._factory = factory

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ExtrasCandidate) and other.base == self.base
                and other.extras == self.extras)

    def __hash__(self) -> int:
        return hash((self.base, self.extras))

    def __repr__(self) -> str:
        return f"ExtrasCandidate({self.base!r}, {sorted(self.extras)})"

    def format_for_error(self) -> str:
        return f"{self.base.format_for_error()} [{', '.join(sorted(self.extras))}]"

    def iter_dependencies(self, with_requires: bool) -> Iterable[Req | None]:
        yield ExplicitReq(self.base)
        if not with_requires:
            return
        # The wheels provide no extras (no Provides-Extra), as the verifier builds them.
        for extra in sorted(self.extras):
            self._factory.log.warning(
                f"{self.base.name} {self.version} does not provide the extra '{extra}'"
            )


class PythonCandidate(Candidate):
    """The running interpreter, as the target of Requires-Python."""

    def __init__(self, version: str) -> None:
        self.name = PYTHON_ID
        self.version = Version(version)

    def format_for_error(self) -> str:
        return f"Python {self.version}"

    def iter_dependencies(self, with_requires: bool) -> Iterable[Req | None]:
        return ()
