"""Makes requirements and candidates, and explains a failed resolution.

Ports pip/_internal/resolution/resolvelib/factory.py (``Factory`` and
``get_installation_error``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version
from resolvelib import ResolutionImpossible

from ..model.dist import Dist
from ..model.index import Release, requirement
from .base import Candidate, Constraint, Req
from .candidates import ExtrasCandidate, IndexCandidate, InstalledCandidate, PythonCandidate
from .exceptions import InstallError
from .finder import Finder
from .found_candidates import FoundCandidates
from .log import Log, display_path
from .markers import marker_holds
from .req import InstallReq, drop_extras
from .requirements import PythonReq, SpecifierReq


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
        from ..model.layout import INDEX_DIR

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
        ireq = InstallReq(requirement(spec), comes_from=comes_from)
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
        constraint: Constraint,
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
            return self._iter_found_candidates(
                ireqs, constraint.specifier, prefers_installed, incompat_ids, extras
            )
        return [
            c
            for c in explicit
            if id(c) not in incompat_ids
            and constraint.is_satisfied_by(c)
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
        specifier: SpecifierSet,
        prefers_installed: bool,
        incompat_ids: set[int],
        extras: frozenset[str] = frozenset(),
    ) -> Iterable[Candidate]:
        if not ireqs:
            return ()
        template = ireqs[0]
        name = canonicalize_name(template.req.name)
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


def installation_error(
    factory: Factory, e: ResolutionImpossible[Any, Any], constraints: Mapping[str, Constraint]
) -> InstallError:
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
    if len(causes) == 1 and causes[0][0].name not in constraints:
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
    relevant = set()
    for req, parent in causes:
        if req.name in constraints:
            relevant.add(req.name)
        msg += "\n    "
        msg += f"{parent.name} {parent.version} depends on " if parent else "The user requested "
        msg += req.format_for_error()
    # pip walks a set here; sorted keeps the output repeatable.
    for key in sorted(relevant):
        msg += f"\n    The user requested (constraint) {key}{constraints[key].format_for_error()}"
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
