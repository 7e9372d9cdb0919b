"""pip's ``PackageFinder`` over the simulated index.

Ports pip/_internal/index/package_finder.py (the parts a local index with
``data-requires-python`` needs).
"""

from __future__ import annotations

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.index import Index, Release
from .log import Log


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
        from ..model.layout import INDEX_URL

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
