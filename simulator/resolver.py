"""pip 26.3's resolver, ported onto resolvelib 1.2.1 over the simulated index.

The provider, its preference order, the lazily built candidates (which is when
pip prints ``Processing ...`` and ``Requirement already satisfied: ...``), the
reporter's ``INFO:`` lines and the ``ResolutionImpossible`` explanation follow
``pip/_internal/resolution/resolvelib`` line by line, so the same inputs make the
same choices and print the same lines in the same order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version
from resolvelib import AbstractProvider, BaseReporter, ResolutionImpossible
from resolvelib import Resolver as RLResolver

from .model.dist import Dist
from .model.index import Index, Release

PYTHON_ID = "<Python from Requires-Python>"
_CONFLICT_PRIORITY_THRESHOLD = 5


class Log:
    """pip's log as the terminal shows it: lines with pip's indentation and stream.

    INFO goes to stdout (1), WARNING and ERROR to stderr (2), as pip's handlers do.
    """

    def __init__(self, quiet: int = 0) -> None:
        self.lines: list[str] = []
        self.streams: list[int] = []
        self.depth = 0
        self.quiet = quiet
        self.partial: set[int] = set()  # lines written without a newline (``input``'s prompt)

    def raw(self, line: str, stream: int = 1) -> None:
        self.lines.append(line)
        self.streams.append(stream)

    def prompt(self, text: str) -> None:
        """What ``input(text)`` writes: ``text`` on stdout, with no newline."""
        self.partial.add(len(self.lines))
        self.raw(text)

    def _emit(self, text: str, stream: int, level: int) -> None:
        if self.quiet >= level:
            return
        pad = "  " * self.depth
        for line in text.split("\n"):
            self.raw(pad + line if line else line, stream)

    def info(self, text: str, stream: int = 1) -> None:
        self._emit(text, stream, 1)

    def warning(self, text: str) -> None:
        self._emit("WARNING: " + text, 2, 2)

    def error(self, text: str) -> None:
        """pip's ``logger.critical``: shown even with ``-qqq``."""
        self._emit("ERROR: " + text, 2, 4)

    def chunks(self) -> list[tuple[int, str]]:
        return [(s, line if i in self.partial else line + "\n")
                for i, (line, s) in enumerate(zip(self.lines, self.streams, strict=True))]


def display_path(path: str, cwd: str) -> str:
    """pip's ``display_path``: relative to the current folder when inside it."""
    if path == cwd:
        return "./."
    if cwd == "/" and path.startswith("/"):
        return "./" + path[1:]
    if path.startswith(cwd.rstrip("/") + "/"):
        return "./" + path[len(cwd.rstrip("/")) + 1 :]
    return path


@dataclass
class InstallReq:
    """pip's ``InstallRequirement``: what was asked, from where."""

    req: Requirement
    comes_from: str | InstallReq | None = None
    user_supplied: bool = False
    satisfied_by: Dist | None = None
    release: Release | None = None
    should_reinstall: bool = False
    markers: Any = None  # a line's ``; marker``, kept apart from ``req`` as pip does

    @property
    def name(self) -> str:
        return self.req.name

    def from_path(self) -> str:
        s = str(self.req)
        if self.comes_from:
            cf = (
                self.comes_from if isinstance(self.comes_from, str) else self.comes_from.from_path()
            )
            if cf:
                s += "->" + cf
        return s

    def format(self, cwd: str) -> str:
        s = str(self.req)
        if self.satisfied_by is not None:
            s += f" in {display_path(self.satisfied_by.location, cwd)}"
        if self.comes_from:
            cf = (
                self.comes_from if isinstance(self.comes_from, str) else self.comes_from.from_path()
            )
            if cf:
                s += f" (from {cf})"
        return s

    def match_markers(self, env: Mapping[str, str]) -> bool:
        marker = self.markers if self.markers is not None else self.req.marker
        if marker is None:
            return True
        return bool(marker.evaluate({**env, "extra": ""}))


# -- candidates ---------------------------------------------------------------
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


def format_name(project: str, extras: frozenset[str]) -> str:
    return f"{project}[{','.join(sorted(extras))}]" if extras else project


def drop_extras(ireq: InstallReq) -> InstallReq:
    """pip's ``install_req_drop_extras``: the same requirement without extras, whose parent
    is the original (which is why pip says ``(from libcolor[fast]>=2->appx)``)."""
    req = Requirement(str(ireq.req))
    req.extras = set()
    return InstallReq(req, comes_from=ireq, user_supplied=ireq.user_supplied,
                      markers=ireq.markers)


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


# -- requirements -------------------------------------------------------------
class Req:
    name: str

    def get_candidate_lookup(self) -> tuple[Candidate | None, InstallReq | None]:
        raise NotImplementedError

    def is_satisfied_by(self, candidate: Candidate) -> bool:
        raise NotImplementedError

    def format_for_error(self) -> str:
        raise NotImplementedError


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


# -- finder -------------------------------------------------------------------
class Finder:
    """pip's ``PackageFinder`` over the simulated index (with data-requires-python)."""

    def __init__(
        self,
        index: Index,
        python_version: str,
        ignore_requires_python: bool,
        pre: bool,
        log: Log | None = None,
        index_url: str | None = None,
    ) -> None:
        from .model.layout import INDEX_URL

        self.log = log or Log()
        self.index_url = INDEX_URL if index_url is None and log is None else index_url
        self.index = index
        self.python = Version(python_version)
        self.ignore_requires_python = ignore_requires_python
        self.pre = pre
        self._all: dict[str, list[Release]] = {}
        self.skipped: set[str] = set()

    def find_all_candidates(self, name: str) -> list[Release]:
        key = canonicalize_name(name)
        if key not in self._all:
            if not self.index.releases(key) and self.index_url is not None:
                self.log.warning(
                    f"Location '{self.index_url}/{key}/' is ignored: it is neither a file nor a "
                    "directory."
                )
            found = []
            for release in self.index.releases(key):
                if release.requires_python and not self.ignore_requires_python:
                    try:
                        spec = SpecifierSet(release.requires_python)
                    except InvalidSpecifier:
                        spec = None
                    if spec is not None and not spec.contains(self.python, prereleases=True):
                        self.skipped.add(
                            f"{release.version_text} Requires-Python {_sorted_spec(spec)}"
                        )
                        continue
                found.append(release)
            self._all[key] = found
        return self._all[key]

    def applicable(self, name: str, specifier: SpecifierSet) -> list[Release]:
        """Releases matching ``specifier``, oldest first (pip's applicable candidates)."""
        cands = self.find_all_candidates(name)
        allowed = list(
            specifier.filter(cands, prereleases=True if self.pre else None, key=lambda r: r.version)
        )
        return sorted(allowed, key=lambda r: r.version)

    def requires_python_skipped_reasons(self) -> list[str]:
        return sorted(self.skipped)


def _sorted_spec(spec: SpecifierSet) -> str:
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(s) for s in v.split(".") if s.isdigit())

    return ",".join(sorted((str(s) for s in spec), key=key))


# -- factory ------------------------------------------------------------------
class Factory:
    """Makes requirements and candidates, caching them as pip does."""

    def __init__(
        self,
        finder: Finder,
        installed: Mapping[str, Dist],
        python_version: str,
        cwd: str,
        log: Log,
        *,
        force_reinstall: bool = False,
        ignore_requires_python: bool = False,
        use_user_site: bool = False,
        in_venv: bool = False,
        marker_env: Mapping[str, str] | None = None,
    ) -> None:
        self.finder = finder
        self.installed = dict(installed)
        self.python_candidate = PythonCandidate(python_version)
        self.cwd = cwd
        self.log = log
        self.force_reinstall = force_reinstall
        self.ignore_requires_python = ignore_requires_python
        self.use_user_site = use_user_site
        self.in_venv = in_venv
        self.marker_env = dict(marker_env or {})
        self._link_cache: dict[tuple[str, str], IndexCandidate] = {}
        self._installed_cache: dict[str, InstalledCandidate] = {}
        self._extras_cache: dict[tuple[int, frozenset[str]], ExtrasCandidate] = {}
        self._previous_header: tuple[str, str] | None = None

    def file_path(self, release: Release) -> str:
        from .model.layout import INDEX_DIR

        return f"{INDEX_DIR}/{release.key}/{release.filename}"

    def log_preparing(self, ireq: InstallReq, release: Release) -> None:
        info = display_path(self.file_path(release), self.cwd)
        if ireq.comes_from:
            cf = (
                ireq.comes_from if isinstance(ireq.comes_from, str) else ireq.comes_from.from_path()
            )
            if cf:
                info += f" (from {cf})"
        if ("Processing", info) != self._previous_header:
            self._previous_header = ("Processing", info)
            self.log.info(f"Processing {info}")

    def applicable(self, requires: Iterable[str]) -> list[str]:
        """Requires-Dist entries whose markers hold here (pip's metadata reader drops the rest)."""
        return [r for r in requires if marker_holds(r, self.marker_env)]

    def make_requirements_from_spec(
        self, spec: str, comes_from: InstallReq | None
    ) -> Iterator[Req]:
        ireq = InstallReq(Requirement(spec), comes_from=comes_from)
        return self.make_requirements_from_ireq(ireq)

    def make_requirements_from_ireq(self, ireq: InstallReq) -> Iterator[Req]:
        if not ireq.match_markers(self.marker_env):
            self.log.info(
                f"Ignoring {ireq.name}: markers "
                f"'{ireq.markers if ireq.markers is not None else ireq.req.marker}' "
                "don't match your environment"
            )
            return iter(())
        if ireq.req.extras and ireq.req.specifier:
            return iter((SpecifierReq(drop_extras(ireq)), SpecifierReq(ireq)))
        return iter((SpecifierReq(ireq),))

    def make_requires_python_requirement(self, specifier: str) -> Req | None:
        if self.ignore_requires_python or not specifier:
            return None
        try:
            spec = SpecifierSet(specifier)
        except InvalidSpecifier:
            return None
        return PythonReq(spec, self.python_candidate)

    def _installed_candidate(self, dist: Dist, template: InstallReq) -> InstalledCandidate:
        if dist.key not in self._installed_cache:
            self._installed_cache[dist.key] = InstalledCandidate(dist, template, self)
        return self._installed_cache[dist.key]

    def _link_candidate(self, release: Release, template: InstallReq) -> IndexCandidate:
        key = (release.key, release.version_text)
        if key not in self._link_cache:
            ireq = InstallReq(
                Requirement(str(template.req)),
                comes_from=template.comes_from,
                user_supplied=template.user_supplied,
                release=release,
            )
            self._link_cache[key] = IndexCandidate(release, ireq, self)
        return self._link_cache[key]

    def find_candidates(
        self,
        identifier: str,
        requirements: Mapping[str, Iterable[Req]],
        incompatibilities: Mapping[str, Iterator[Candidate]],
        prefers_installed: bool,
        is_satisfied_by: Callable[[Req, Candidate], bool],
    ) -> Iterable[Candidate]:
        explicit: set[Candidate] = set()
        ireqs: list[InstallReq] = []
        for req in requirements[identifier]:
            cand, ireq = req.get_candidate_lookup()
            if cand is not None:
                explicit.add(cand)
            if ireq is not None:
                ireqs.append(ireq)
        base, bracket, _ = identifier.partition("[")
        extras = frozenset(identifier[len(base) + 1 : -1].split(",")) if bracket else frozenset()
        if bracket:
            for req in requirements.get(base, ()):
                cand, ireq = req.get_candidate_lookup()
                if cand is not None:
                    explicit.add(self._extras_candidate(cand, extras))
                if ireq is not None:
                    ireqs.append(ireq)
        incompat_ids = {id(c) for c in incompatibilities.get(identifier, ())}
        if not explicit:
            return self._iter_found_candidates(ireqs, prefers_installed, incompat_ids, extras)
        return [
            c
            for c in explicit
            if id(c) not in incompat_ids
            and all(is_satisfied_by(r, c) for r in requirements[identifier])
        ]

    def _extras_candidate(self, base: Candidate, extras: frozenset[str]) -> Candidate:
        key = (id(base), extras)
        if key not in self._extras_cache:
            self._extras_cache[key] = ExtrasCandidate(base, extras, self)
        return self._extras_cache[key]

    def _iter_found_candidates(
        self,
        ireqs: Sequence[InstallReq],
        prefers_installed: bool,
        incompat_ids: set[int],
        extras: frozenset[str] = frozenset(),
    ) -> Iterable[Candidate]:
        if not ireqs:
            return ()
        template = ireqs[0]
        name = canonicalize_name(template.req.name)
        specifier = SpecifierSet()
        for ireq in ireqs:
            specifier &= ireq.req.specifier

        def installed_candidate() -> Candidate | None:
            if self.force_reinstall:
                return None
            dist = self.installed.get(name)
            if dist is None or not specifier.contains(dist.version, prereleases=True):
                return None
            cand: Candidate = self._installed_candidate(dist, template)
            if extras:
                cand = self._extras_candidate(cand, extras)
            if id(cand) in incompat_ids:
                return None
            return cand

        def maker(release: Release) -> Callable[[], Candidate]:
            if extras:
                return lambda: self._extras_candidate(
                    self._link_candidate(release, template), extras
                )
            return lambda: self._link_candidate(release, template)

        def infos() -> Iterator[tuple[Version, Callable[[], Candidate]]]:
            for release in reversed(self.finder.applicable(name, specifier)):
                yield release.version, maker(release)

        return FoundCandidates(infos, installed_candidate(), prefers_installed, incompat_ids)

    def has_any_candidates(self, name: str) -> bool:
        return bool(self.finder.find_all_candidates(name)) or (
            not self.force_reinstall and name in self.installed
        )

    def dist_to_uninstall(self, candidate: Candidate) -> Dist | None:
        dist = self.installed.get(candidate.name)
        if dist is None:
            return None
        if not self.use_user_site:
            return dist
        if dist.location.startswith(self.user_base_site):
            return dist
        if self.in_venv:
            raise InstallError(
                f"Will not install to the user site because it will lack sys.path "
                f"precedence to {dist.name} in {dist.location}"
            )
        return None

    user_base_site = "\0"


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


# -- provider and reporter ----------------------------------------------------
class Provider(AbstractProvider):  # type: ignore[type-arg]
    """pip's ``PipProvider``."""

    def __init__(
        self,
        factory: Factory,
        ignore_dependencies: bool,
        upgrade_strategy: str,
        user_requested: dict[str, int],
    ) -> None:
        self._factory = factory
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
        ireqs = [r.get_candidate_lookup()[1] for r, _ in information[identifier]]
        operators = [(s.operator, s.version) for ireq in ireqs if ireq for s in ireq.req.specifier]
        pinned = any(op[:2] == "==" and "*" not in ver for op, ver in operators)
        upper_bounded = any(
            op in ("<", "<=", "~=") or (op == "==" and "*" in ver) for op, ver in operators
        )
        unfree = bool(operators)
        requested_order = self._user_requested.get(identifier, math.inf)
        return (
            identifier not in self._conflict_promoted,
            True,
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
            prefers_installed=not eligible,
            is_satisfied_by=self.is_satisfied_by,
        )

    def is_satisfied_by(self, requirement: Req, candidate: Candidate) -> bool:
        return requirement.is_satisfied_by(candidate)

    def get_dependencies(self, candidate: Candidate) -> Iterable[Req]:
        with_requires = not self._ignore_dependencies
        return [r for r in candidate.iter_dependencies(with_requires) if r is not None]


class Reporter(BaseReporter):  # type: ignore[type-arg]
    """pip's ``PipReporter``: the ``INFO: pip is looking at ...`` lines."""

    MESSAGES = {
        2: (
            "pip is looking at multiple versions of {} to determine which version is "
            "compatible with other requirements. This could take a while."
        ),
        8: (
            "pip is still looking at multiple versions of {} to determine which version "
            "is compatible with other requirements. This could take a while."
        ),
        13: (
            "This is taking longer than usual. You might need to provide the dependency "
            "resolver with stricter constraints to reduce runtime. See "
            "https://pip.pypa.io/warnings/backtracking for guidance. If you want to abort "
            "this run, press Ctrl + C."
        ),
    }

    def __init__(self, log: Log) -> None:
        self.log = log
        self.counts: defaultdict[str, int] = defaultdict(int)

    def rejecting_candidate(self, criterion: Any, candidate: Any) -> None:
        self.counts[candidate.name] += 1
        message = self.MESSAGES.get(self.counts[candidate.name])
        if message:
            self.log.info("INFO: " + message.format(candidate.name))


# -- errors -------------------------------------------------------------------
class InstallError(Exception):
    """Ends ``pip install`` with ``ERROR: <message>`` and exit 1."""


@dataclass
class Resolution:
    """What the resolver chose and the install order pip derives from it."""

    mapping: dict[str, Candidate]
    graph: Any
    factory: Factory
    to_install: list[InstallReq] = field(default_factory=list)


def resolve(
    root: list[InstallReq],
    factory: Factory,
    *,
    ignore_dependencies: bool = False,
    upgrade_strategy: str = "to-satisfy-only",
) -> Resolution:
    """Resolve as pip does; raises ``InstallError`` after logging pip's explanation."""
    requirements: list[Req] = []
    user_requested: dict[str, int] = {}
    for i, ireq in enumerate(root):
        reqs = list(factory.make_requirements_from_ireq(ireq))
        if not reqs:
            continue
        if ireq.user_supplied and reqs[0].name not in user_requested:
            user_requested[reqs[0].name] = i
        requirements.extend(reqs)
    requirements.sort(key=lambda r: "[" in r.name)
    provider = Provider(factory, ignore_dependencies, upgrade_strategy, user_requested)
    resolver: RLResolver[Req, Candidate, str] = RLResolver(provider, Reporter(factory.log))
    try:
        result = resolver.resolve(requirements, max_rounds=200000)
    except ResolutionImpossible as e:
        raise installation_error(factory, e) from None
    return _plan(Resolution(dict(result.mapping), result.graph, factory))


def _plan(res: Resolution) -> Resolution:
    factory = res.factory
    chosen: dict[str, InstallReq] = {}
    for candidate in res.mapping.values():
        ireq = candidate.get_install_requirement()
        if ireq is None:
            continue
        installed = factory.dist_to_uninstall(candidate)
        if installed is None:
            ireq.should_reinstall = False
        elif factory.force_reinstall or installed.version != candidate.version:
            ireq.should_reinstall = True
        else:
            factory.log.info(
                f"{ireq.name} is already installed with the same version as the provided "
                "wheel. Use --force-reinstall to force an installation of the wheel."
            )
            continue
        chosen[canonicalize_name(ireq.name)] = ireq
    if chosen:
        weights = _topological_weights(res.graph, set(chosen))
        order = sorted(chosen.items(), key=lambda kv: (weights[kv[0]], kv[0]), reverse=True)
        res.to_install = [ireq for _, ireq in order]
    return res


def _topological_weights(graph: Any, keys: set[str]) -> dict[str | None, int]:
    path: set[str | None] = set()
    weights: dict[str | None, list[int]] = {}

    def visit(node: str | None) -> None:
        if node in path:
            return
        cur = weights.get(node, [])
        if len(cur) >= 5:
            return
        path.add(node)
        # pip walks a set here, so with a cycle its order depends on the hash seed;
        # sorting keeps the simulation byte-for-byte repeatable.
        for child in sorted(graph.iter_children(node), key=str):
            visit(child)
        path.remove(node)
        if node not in keys:
            return
        cur.append(len(path))
        weights[node] = cur

    while True:
        leaves = set()
        for key in graph:
            if key is None:
                continue
            for _child in graph.iter_children(key):
                break
            else:
                leaves.add(key)
        if not leaves:
            break
        weight = len(graph) - 1
        for leaf in leaves:
            if leaf in keys:
                weights[leaf] = [weight]
        for leaf in leaves:
            graph.remove(leaf)
    visit(None)
    return {node: max(w) for node, w in weights.items()}


def installation_error(factory: Factory, e: ResolutionImpossible[Any, Any]) -> InstallError:
    """Log pip's explanation of an impossible resolution; the error ends the command."""
    log = factory.log
    causes = list(e.causes)
    py_causes = [
        c
        for c in causes
        if isinstance(c.requirement, PythonReq)
        and not c.requirement.is_satisfied_by(factory.python_candidate)
    ]
    if py_causes:
        version = factory.python_candidate.version
        if len(py_causes) == 1:
            c = py_causes[0]
            assert c.parent is not None
            return InstallError(
                f"Package {c.parent.name!r} requires a different Python: "
                f"{version} not in {str(c.requirement.specifier)!r}"
            )
        msg = f"Packages require a different Python. {version} not in:"
        for c in py_causes:
            parent = c.parent.format_for_error() if c.parent is not None else "?"
            msg += f"\n{str(c.requirement.specifier)!r} (required by {parent})"
        return InstallError(msg)
    if len(causes) == 1:
        req, parent = causes[0]
        return _single_conflict(factory, req, parent)

    def text_join(parts: list[str]) -> str:
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def describe_trigger(parent: Candidate) -> str:
        ireq = parent.get_install_requirement()
        if not ireq or not ireq.comes_from:
            return f"{parent.name}=={parent.version}"
        if isinstance(ireq.comes_from, InstallReq):
            return str(ireq.comes_from.name)
        return str(ireq.comes_from)

    triggers = set()
    for req, parent in causes:
        triggers.add(req.format_for_error() if parent is None else describe_trigger(parent))
    info = text_join(sorted(triggers)) if triggers else "the requested packages"
    log.error(
        f"Cannot install {info} because these package versions have conflicting dependencies."
    )
    msg = "\nThe conflict is caused by:"
    for req, parent in causes:
        msg += "\n    "
        msg += f"{parent.name} {parent.version} depends on " if parent else "The user requested "
        msg += req.format_for_error()
    names = {req.name for req, _ in causes}
    no_candidates = {n for n in names if not _has_any(factory, n)}
    if no_candidates:
        msg += (
            "\n\nAdditionally, some packages in these conflicts have no matching "
            "distributions available for your environment:\n    "
            + "\n    ".join(sorted(no_candidates))
        )
    msg += (
        "\n\nTo fix this you could try to:\n"
        "1. loosen the range of package versions you've specified\n"
        "2. remove package versions to allow pip to attempt to solve the dependency conflict\n"
    )
    log.info(msg)
    return InstallError(
        "ResolutionImpossible: for help visit "
        "https://pip.pypa.io/en/latest/topics/dependency-resolution/"
        "#dealing-with-dependency-conflicts"
    )


def _has_any(factory: Factory, name: str) -> bool:
    """pip's ``_has_any_candidates``: an empty requirement list finds nothing."""
    return False


def _single_conflict(factory: Factory, req: Req, parent: Candidate | None) -> InstallError:
    _, ireq = req.get_candidate_lookup()
    if ireq is not None:
        r = Requirement(str(ireq.req))
        r.marker = None
        req_str = str(r)
    else:
        req_str = str(req)
    req_disp = req_str if parent is None else f"{req_str} (from {parent.name})"
    cands = factory.finder.find_all_candidates(req.name)
    skipped = factory.finder.requires_python_skipped_reasons()
    versions = [str(v) for v in sorted({c.version for c in cands})]
    if skipped:
        factory.log.error(
            "Ignored the following versions that require a different python version: "
            + "; ".join(skipped)
        )
    factory.log.error(
        f"Could not find a version that satisfies the requirement {req_disp} "
        f"(from versions: {', '.join(versions) or 'none'})"
    )
    if str(req) == "requirements.txt":
        factory.log.info(
            'HINT: You are attempting to install a package literally named "requirements.txt" '
            "(which cannot exist). Consider using the '-r' flag to install the packages "
            "listed in requirements.txt"
        )
    return InstallError(f"No matching distribution found for {req_disp}")


def marker_holds(spec: str, env: Mapping[str, str]) -> bool:
    """Whether a Requires-Dist entry applies (no extra requested)."""
    try:
        req = Requirement(spec)
    except InvalidRequirement:
        return False
    return req.marker is None or bool(req.marker.evaluate({**env, "extra": ""}))


def marker_environment(python_version: str) -> dict[str, str]:
    """PEP 508 marker values of the simulated Linux CPython."""
    env: dict[str, str] = {k: str(v) for k, v in default_environment().items()}
    minor = ".".join(python_version.split(".")[:2])
    env.update(
        python_version=minor,
        python_full_version=python_version,
        implementation_version=python_version,
        implementation_name="cpython",
        platform_python_implementation="CPython",
        sys_platform="linux",
        os_name="posix",
        platform_system="Linux",
        platform_machine="x86_64",
    )
    return env


def parse_requirement(text: str) -> Requirement:
    """A PEP 508 requirement, or ``InvalidRequirement``."""
    return Requirement(text)


__all__ = [
    "Factory",
    "Finder",
    "InstallError",
    "InstallReq",
    "InvalidRequirement",
    "Log",
    "Resolution",
    "display_path",
    "marker_environment",
    "parse_requirement",
    "resolve",
]
