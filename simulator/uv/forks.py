"""A project's lock as uv resolves it: once for every Python the project allows.

uv's lock is universal: when the newest fitting release of a package needs a
newer Python than the project's ``requires-python`` starts at (its
``Requires-Python: >=3.12`` in a ``>=3.11`` project), uv forks the resolution
in two, ``python_full_version >= '3.12'`` and ``< '3.12'``, and resolves each;
the lock then names both forks (``resolution-markers``), and a package whose
version differs between them once per version, each with its fork's marker.
A lock's forks are kept by the next resolution, even when nothing differs any
more (all seen in real uv 0.13.8, ``tests/transcripts/uv_70_fork.txt``).

>>> from simulator.model.index import Index, Release
>>> idx = Index.from_releases([Release("newlib", "0.9"), Release("newlib", "1.0", (), ">=3.12")])
>>> forks = resolve(idx, [Requirement("newlib")], ">=3.11", None, "3.11.7")
>>> [(marker(f.span), f.chosen["newlib"].version_text) for f in forks]
[("python_full_version >= '3.12'", '1.0'), ("python_full_version < '3.12'", '0.9')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.index import Index, Release
from .discovery import NotSimulated, UvError
from .lockfile import DepRef, LockData, Locked
from .resolver import INDENT, NO_SOLUTION, Span, Split, explain, find, lowest_python, spec_text


class ForkFailed(NotSimulated):
    """A fork of the lock has no solution: ``why`` is uv's explanation (``your project
    depends on``), ``hint`` its hint about ``requires-python``. Reported as real uv does by
    ``uv add``; by other commands, not simulated."""

    def __init__(self, split: str, why: str, hint: str, span: Span) -> None:
        super().__init__("uv's report of a fork of the lock without a solution")
        self.split, self.why, self.hint, self.span = split, why, hint, span


@dataclass(frozen=True)
class Fork:
    """One fork of a resolution: the Pythons it covers, the release chosen for each name."""

    span: Span
    chosen: dict[str, Release]


def marker(span: Span) -> str:
    """The fork's marker as uv's lock writes it (forks of a ``>=X`` project split once)."""
    if span.hi is None:
        return f"python_full_version >= '{span.lo}'"
    return f"python_full_version < '{span.hi}'"


def for_python(forks: list[Fork], python: str) -> dict[str, Release]:
    """What the fork holding ``python`` chose (the releases a sync of that Python installs)."""
    version = Version(python)
    for f in forks:
        if version >= f.span.lo and (f.span.hi is None or version < f.span.hi):
            return f.chosen
    return forks[-1].chosen  # a Python below requires-python: refused before it gets here


def _spans(lo: Version, old: LockData | None) -> list[Span]:
    """The forks to start from: those of the lock on disk, else one for every Python."""
    cuts = sorted({Version(m.group(1)) for text in (old.forks if old else ())
                   if (m := re.fullmatch(r"python_full_version >= '(3\.\d+)'", text))})
    cuts = [c for c in cuts if c > lo]
    if len(cuts) != len(old.forks if old else ()) // 2:
        raise NotSimulated("a uv.lock with those resolution-markers")
    if not cuts:
        return [Span(lo)]
    return [Span(cuts[0]), Span(lo, cuts[0])]


def resolve(index: Index, reqs: list[Requirement], requires_python: str,
            old: LockData | None, python: str) -> list[Fork]:
    """Every fork's resolution, newest Pythons first; UvError when an only fork has none."""
    lo = lowest_python(requires_python)
    if lo is None:  # forks are simulated for ``>=3.X`` projects only
        lo = Version("0")
    todo = _spans(lo, old)
    done: list[Fork] = []
    while todo:
        span = todo.pop(0)
        try:
            found = find(index, reqs, span, _preferences(old, span))
        except Split as split:
            if lo == Version("0") or (len(todo) + len(done)) > 0:
                raise NotSimulated("a uv lock forked more than once") from None
            todo = [Span(split.at, span.hi), Span(span.lo, split.at)] + todo
            continue
        if found is None:
            if done or todo or span.hi is not None:
                raise _failed(index, reqs, requires_python, span)
            raise UvError(NO_SOLUTION + explain(index, reqs, python) + "\n", 1)
        done.append(Fork(span, found))
    return done


def split_marker(span: Span) -> str | None:
    """The fork as uv's report of its failure names it (None: a shape not seen)."""
    if span.hi is None:
        return marker(span)
    if span.hi.release[:1] == span.lo.release[:1] and span.hi.minor == span.lo.minor + 1:
        return f"python_full_version == '{span.lo}.*'"
    return None


def _failed(index: Index, reqs: list[Requirement], requires_python: str, span: Span) -> Exception:
    """How uv explains a fork's failure (seen in real uv): as without forks when no Python
    takes part, else when one requirement's versions all need a newer Python; NotSimulated
    for any other."""
    lacking = NotSimulated("uv's report of a fork of the lock without a solution")
    split = split_marker(span)
    if split is None:
        return lacking
    if find(index, reqs, Span(Version("99")), {}) is None:  # fails whatever the Python
        why = explain(index, reqs, "99").replace("you require", "your project depends on").replace(
            "your requirements are unsatisfiable", "your project's requirements are unsatisfiable")
        return ForkFailed(split, why + "\n", "", span)
    alone = [r for r in reqs if find(index, [r], span, {}) is None]
    if len(alone) != 1 or span.hi is None:
        return lacking
    req = alone[0]
    key = canonicalize_name(req.name)
    rels = index.releases(key)
    chosen = [r for r in rels if req.specifier.contains(r.version, prereleases=True)]
    if len(chosen) != 1 or chosen[0] is not rels[-1] or not chosen[0].requires_python:
        return lacking
    rel = chosen[0]
    needs = rel.requires_python
    low = lowest_python(needs)
    if low is None or low < span.hi:
        return lacking
    only = f"{key}=={rel.version_text}" if len(rels) == 1 else f"{key}<={rel.version_text}"
    shown = f"{key}{spec_text(req.specifier)}"
    why = (f"Because the requested Python version ({requires_python}) does not satisfy Python{needs} "
           f"and {key}=={rel.version_text} depends on Python{needs}, we can conclude that "
           f"{key}=={rel.version_text} cannot be used.\n{INDENT}And because only {only} is available and "
           f"your project depends on {shown}, we can conclude that your project's requirements are "
           "unsatisfiable.\n")
    hint = (f"\nhint: The `requires-python` value ({requires_python}) includes Python versions that are "
            f"not supported by your dependencies (e.g., {key}=={rel.version_text} only supports {needs}). "
            f"Consider using a more restrictive `requires-python` value (like {needs}).\n")
    return ForkFailed(split, why, hint, span)


def _preferences(old: LockData | None, span: Span) -> dict[str, Version]:
    """The versions the lock on disk pins for this fork (uv keeps them where they fit)."""
    if old is None:
        return {}
    return {p.name: Version(p.version) for p in old.packages
            if not p.markers or marker(span) in p.markers}


def _dep_refs(names: list[str], where: list[int], forks: list[Fork], multi: set[str]) -> tuple[DepRef, ...]:
    """The lock's entries for ``names`` needed by a package found in forks ``where``."""
    refs: list[DepRef] = []
    for key in sorted(set(names)):
        if key not in multi:
            refs.append(DepRef(key))
            continue
        versions = sorted({forks[i].chosen[key].version_text for i in where},
                          key=Version)
        if len(where) < len(forks):  # a package of one fork: its dependency's version
            refs += [DepRef(key, v) for v in versions]
            continue
        for v in versions:
            into = [i for i in where if forks[i].chosen[key].version_text == v]
            if len(into) != 1:
                raise NotSimulated("a uv lock forked more than once")
            refs.append(DepRef(key, v, marker(forks[into[0]].span)))
    return tuple(refs)


def _names(texts: tuple[str, ...]) -> list[str]:
    return [canonicalize_name(Requirement(t).name) for t in texts]


def locked(name: str, version: str, source: str, deps: tuple[str, ...], dev: tuple[str, ...] | None,
           forks: list[Fork]) -> list[Locked]:
    """The lock's packages: every release a fork chose (its forks' markers when not in all),
    and the project (``source`` ``editable`` or ``virtual``) with its requirements as written."""
    seen: dict[tuple[str, str], tuple[Release, list[int]]] = {}
    for i, f in enumerate(forks):
        for rel in f.chosen.values():
            seen.setdefault((rel.key, rel.version_text), (rel, []))[1].append(i)
    keys = {k for k, _ in seen}
    if any(k not in f.chosen for f in forks for k in keys):
        raise NotSimulated("a uv lock with a package in only some of its forks")
    multi = {k for k in keys if sum(1 for key, _ in seen if key == k) > 1}
    everywhere = list(range(len(forks)))
    out = []
    for rel, where in seen.values():
        marks = tuple(marker(forks[i].span) for i in where) if len(where) < len(forks) else ()
        out.append(Locked(rel, _dep_refs(_names(rel.requires), where, forks, multi), markers=marks))
    out.append(Locked(
        Release(name, version), _dep_refs(_names(deps), everywhere, forks, multi), source,
        _dep_refs(_names(dev or ()), everywhere, forks, multi), deps, dev,
    ))
    return out
