"""uv's resolution for ``uv pip install`` (uv's ``uv-resolver``, PubGrub), for lesson-sized indexes.

A solution is searched newest version first, an installed version preferred
when it fits (uv's preferences), the packages in the order they are first
required. When there is none, uv explains it with PubGrub's derivation; the
shapes of explanation ported here are those recorded from real uv
(``tests/transcripts/uv_*``, ``tests/cases/uv_conflict_*``): a missing package, a
missing version, a version above every release, a missing dependency,
``Requires-Python``, two requirements that need disjoint versions of a third
(among three to five: the pair uv's decisions meet first), a gap between two
versions, a package required twice (which of its requirements uv names, or
its two-step derivation), your ranges as uv simplifies them. Any other failure
is reported as not simulated rather than guessed.

>>> from simulator.model.index import Index, Release
>>> idx = Index.from_releases([Release("libcolor", "1.0"), Release("libcolor", "2.0"),
...                            Release("appa", "1.0", ("libcolor<2",))])
>>> [str(r.version) for r in solve(idx, [Requirement("appa")], "3.11.7", {}).values()]
['1.0', '1.0']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.index import Index, Release
from .discovery import NotSimulated, UvError

__all__ = ["Requirement", "solve", "NO_SOLUTION"]

NO_SOLUTION = "error: No solution found when resolving dependencies\n  cause: "
INDENT = "         "
END = "we can conclude that your requirements are unsatisfiable."


@dataclass(frozen=True)
class Span:
    """The Pythons a fork of a project's lock resolves for: ``lo <= v < hi`` (``hi`` None: no end)."""

    lo: Version
    hi: Version | None = None


class Split(Exception):
    """A release needs a newer Python than the fork starts at: uv forks at ``at``."""

    def __init__(self, at: Version) -> None:
        super().__init__(str(at))
        self.at = at


def lowest_python(spec: str) -> Version | None:
    """X of a ``>=X`` Requires-Python (the only shape uv's forks are simulated for), else None."""
    m = re.fullmatch(r">=\s*(3\.\d+)", spec.strip())
    return Version(m.group(1)) if m else None


def _fits(rel: Release, python: str | Span) -> bool:
    """Whether ``rel`` runs on ``python``; for a fork, Split when it runs on part of it."""
    if not rel.requires_python:
        return True
    if isinstance(python, str):
        return SpecifierSet(rel.requires_python).contains(python)
    low = lowest_python(rel.requires_python)
    if low is None:
        raise NotSimulated(f"uv's forks on Requires-Python {rel.requires_python}")
    if low <= python.lo:
        return True
    if python.hi is None or low < python.hi:
        raise Split(low)
    return False


def _plain(req: Requirement) -> None:
    if req.extras or req.marker is not None or req.url:
        raise NotSimulated(f"uv with extras, markers or URLs ({req})")


def solve(index: Index, reqs: list[Requirement], python: str,
          preferences: dict[str, Version]) -> dict[str, Release]:
    """Name -> release chosen, in the order uv resolves them; raises UvError when none."""
    found = find(index, reqs, python, preferences)
    if found is None:
        raise UvError(NO_SOLUTION + explain(index, reqs, python) + "\n", 1)
    return found


def find(index: Index, reqs: list[Requirement], python: str | Span,
         preferences: dict[str, Version]) -> dict[str, Release] | None:
    """A solution, or None."""
    for r in reqs:
        _plain(r)
    root: dict[str, SpecifierSet] = {}
    for r in reqs:
        key = canonicalize_name(r.name)
        root[key] = root.get(key, SpecifierSet()) & r.specifier
    budget = [20000]
    return _search(index, list(root), {k: [v] for k, v in root.items()}, {}, python,
                   preferences, budget)


def _candidates(index: Index, key: str, specs: list[SpecifierSet], python: str | Span,
                preferences: dict[str, Version]) -> list[Release]:
    """The releases to try, best first; for a fork, Split at the first that fits part of it."""
    out = [
        r for r in reversed(index.releases(key))
        if all(s.contains(r.version, prereleases=bool(s.prereleases)) for s in specs)
        and (not r.version.is_prerelease or any(s.prereleases for s in specs))
    ]
    out = [r for r in out if _fits(r, python)]
    pref = preferences.get(key)
    out.sort(key=lambda r: r.version != pref)
    return out


def _search(index: Index, order: list[str], specs: dict[str, list[SpecifierSet]],
            chosen: dict[str, Release], python: str | Span, preferences: dict[str, Version],
            budget: list[int]) -> dict[str, Release] | None:
    budget[0] -= 1
    if budget[0] < 0:
        raise NotSimulated("a uv resolution this large")
    todo = next((k for k in order if k not in chosen), None)
    if todo is None:
        return chosen
    for rel in _candidates(index, todo, specs[todo], python, preferences):
        new_specs = {k: list(v) for k, v in specs.items()}
        new_order = list(order)
        ok = True
        for text in rel.requires:
            dep = Requirement(text)
            _plain(dep)
            key = canonicalize_name(dep.name)
            new_specs.setdefault(key, []).append(dep.specifier)
            if key not in new_order:
                new_order.append(key)
            if key in chosen and not dep.specifier.contains(chosen[key].version, prereleases=True):
                ok = False
        if not ok:
            continue
        result = _search(index, new_order, new_specs, {**chosen, todo: rel}, python,
                         preferences, budget)
        if result is not None:
            return result
    return None


# ---------------------------------------------------------------- explanations


RANK = {"===": 0, "==": 0, "~=": 1, ">=": 1, ">": 1, "<": 2, "<=": 2, "!=": 3}


def spec_text(spec: SpecifierSet) -> str:
    """A specifier set as uv prints it: lower bounds before upper ones (``>=2,<3``)."""
    return ",".join(str(s) for s in sorted(spec, key=lambda s: (RANK[s.operator], str(s))))


def _shown(req: Requirement) -> str:
    if any(s.operator == "!=" for s in req.specifier):  # uv lists the ranges left: not ported
        raise NotSimulated("how uv names a requirement with !=")
    return f"{canonicalize_name(req.name)}{spec_text(_normalized(req).specifier)}"


def _single_dep(index: Index, key: str) -> tuple[str, SpecifierSet] | None:
    """The one dependency every release of ``key`` has (same name, same specifier), if so."""
    rels = index.releases(key)
    if len(rels) != 1 or len(rels[0].requires) != 1:
        return None
    dep = Requirement(rels[0].requires[0])
    return canonicalize_name(dep.name), dep.specifier


def explain(index: Index, reqs: list[Requirement], python: str) -> str:
    """uv's derivation for the shapes recorded from real uv; NotSimulated for any other.

    Seen in real uv: a requirement naming no package of the index is reported alone (the
    first one); so is a requirement that fails by itself while the others resolve.
    """
    given = reqs
    by_name: dict[str, list[Requirement]] = {}
    for r in reqs:
        by_name.setdefault(canonicalize_name(r.name), []).append(r)
    twice = {k: rs for k, rs in by_name.items() if len(rs) > 1}
    at_odds = [rs for rs in twice.values() if len(rs) == 2
               and not _overlap(index, canonicalize_name(rs[0].name), rs[0].specifier, rs[1].specifier)]
    if at_odds and len(twice) == 1 and all(index.releases(r.name) for r in reqs if r not in at_odds[0]):
        a, b = at_odds[0]  # seen in real uv: told before anything is resolved
        return f"Because you require {_shown(a)} and {_shown(b)}, {END}"
    if at_odds or any(not _overlap(index, canonicalize_name(a.name), a.specifier, b.specifier)
                      for rs in twice.values() for a in rs for b in rs):
        raise NotSimulated("how uv names a package required twice")
    reqs = [rs[0] if len(rs) == 1 else joined(rs) for rs in by_name.values()]
    if len(reqs) > 1:
        reqs = _culprits(index, reqs, python)
    if len(reqs) == 1 and len(by_name[canonicalize_name(reqs[0].name)]) == 2:
        text = _two_step(index, by_name[canonicalize_name(reqs[0].name)], python)
        if text is not None:
            return text
    reqs = [_named(index, by_name[canonicalize_name(r.name)], python) for r in reqs]
    if len(reqs) > 1 and any(canonicalize_name(r.name) in twice and not _needs(index, r) for r in reqs):
        raise NotSimulated("how uv names a package required twice")  # a bound named twice
    # seen in real uv: a package named twice is decided where first named, told where last
    decided = sorted(reqs, key=lambda r: _place(given, r, 0))
    reqs = sorted(reqs, key=lambda r: _place(given, r, -1))
    if len(reqs) == 1:
        text = _explain_one(index, reqs[0], python)
        if text is not None:
            return text
    if len(reqs) == 2:
        text = _explain_two(index, reqs, decided)
        if text is not None:
            return text
    raise NotSimulated("this explanation of uv's resolver")


def _place(given: list[Requirement], req: Requirement, which: int) -> int:
    """Where a package is named among the requirements given: first (0) or last (-1)."""
    key = canonicalize_name(req.name)
    return [i for i, r in enumerate(given) if canonicalize_name(r.name) == key][which]


def _needs(index: Index, req: Requirement) -> bool:
    return any(v.requires for v in index.releases(req.name))


def _named(index: Index, reqs: list[Requirement], python: str) -> Requirement:
    """The requirement uv's explanation names for a package required twice (seen in real uv):
    of those that select no version, the narrowest; else of those whose versions all need a
    newer Python, the last written; else (the whole package fails) the last one written, as
    PubGrub meets your requirements newest first. NotSimulated when none is narrowest."""
    if len(reqs) == 1:
        return reqs[0]
    empty = [r for r in reqs if not _selected(index, r)]
    late = [r for r in reqs if not [v for v in _selected(index, r) if _fits(v, python)]]
    if len(index.releases(reqs[0].name)) == 1 and not empty:
        return reqs[-1]
    if empty:  # uv derives more otherwise (seen)
        narrowest = [r for r in empty if all(_within(r.specifier, o.specifier) for o in reqs)]
        if not narrowest:
            raise NotSimulated("how uv names a package required twice")
        return narrowest[0]
    return late[-1] if late else reqs[-1]


def _two_step(index: Index, reqs: list[Requirement], python: str) -> str | None:
    """``X<3`` then ``X>1`` with no version above 1: uv derives what the first leaves, then
    meets the second (seen in real uv); the first named as uv simplifies it."""
    a, b = reqs
    key = canonicalize_name(a.name)
    rels = list(index.releases(key))
    sa, sb = list(a.specifier), list(b.specifier)
    if len(sa) == len(sb) == 1 and {_side(sa[0]), _side(sb[0])} == {"low", "high"} and (
            not rels or (len(rels) == 1 and not _selected(index, a) and _selected(index, b)
                         and _side(sa[0]) == "low" and _fits(rels[0], python))):
        # seen in real uv: nothere>=2 then nothere<3; appa>2 then appa<3 (appa 1.0 alone)
        why = (f"{key} was not found in the package registry" if not rels
               else f"only {key}=={rels[0].version_text} is available")
        return (f"Because {why} and you require {_shown(a)}, we can conclude that you require "
                f"{key}{NEGATED[sb[0].operator]}{sb[0].version}.\n"
                f"{INDENT}And because you require {root_term(index, b)}, {END}")
    specs = list(b.specifier)
    if (not rels or _selected(index, b) or len(specs) != 1 or specs[0].operator not in (">", ">=")
            or not [r for r in _selected(index, a) if _fits(r, python)]
            or _within(b.specifier, a.specifier)):
        return None
    if len(rels) == 1 and a.specifier:
        shown = f"{key}=={rels[0].version_text}"
    elif _selected(index, a) == rels:
        shown = key
    else:
        return None
    only = f"{key}=={rels[0].version_text}" if len(rels) == 1 else f"{key}<={rels[-1].version_text}"
    return (f"Because only {only} is available and you require {shown}, we can conclude that you "
            f"require {shown}.\n{INDENT}And because you require {_shown(b)}, {END}")


NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def _side(spec: Specifier) -> str:
    return {">": "low", ">=": "low", "<": "high", "<=": "high"}.get(spec.operator, "")


def _within(a: SpecifierSet, b: SpecifierSet) -> bool:
    """Whether the range of ``a`` lies within that of ``b``."""
    return _interval(a & b) == _interval(a)


def joined(reqs: list[Requirement]) -> Requirement:
    """Requirements of one package as one, their ranges joined."""
    both = SpecifierSet()
    for r in reqs:
        both &= r.specifier
    return Requirement(f"{canonicalize_name(reqs[0].name)}{both}")


def _closure(index: Index, req: Requirement) -> set[str]:
    """Every package name a requirement can reach, through any version."""
    seen: set[str] = set()
    todo = [canonicalize_name(req.name)]
    while todo:
        key = todo.pop()
        if key not in seen:
            seen.add(key)
            todo += [canonicalize_name(Requirement(t).name) for r in index.releases(key)
                     for t in r.requires]
    return seen


def _culprits(index: Index, reqs: list[Requirement], python: str) -> list[Requirement]:
    """The requirements uv's explanation is about, when that is certain; else NotSimulated.

    Requirements that share no package fall into separate groups; when exactly one group
    fails, uv explains that group alone (seen in real uv). In a group of two whose first
    names a missing package, uv reports the missing one.
    """
    groups: list[tuple[set[str], list[Requirement]]] = []
    for req in reqs:
        names = _closure(index, req)
        joined = [g for g in groups if g[0] & names]
        merged = (names.union(*(g[0] for g in joined)), [r for g in joined for r in g[1]] + [req])
        groups = [g for g in groups if g not in joined] + [merged]
    failing = [sorted(g[1], key=reqs.index) for g in groups if not _solvable(index, g[1], python)]
    if len(failing) == 1 and len(failing[0]) == 1:
        return failing[0]
    # uv meets first the failure its decisions reach first (seen in real uv): requirements in
    # decision order; a requirement's own failure (missing, no version, Requires-Python) when
    # it is decided, a pair at odds when its second member is; a missing dependency after all.
    order = decision_order(reqs)
    found: list[tuple[tuple[int, int], list[Requirement]]] = []
    for req in reqs:
        if not [r for r in _selected(index, req) if _fits(r, python)]:
            found.append(((0, order.index(req)), [req]))
    alone = [f[1][0] for f in found]
    for whole in failing:
        if len(whole) > 1 and any(r in alone for r in whole):  # a clash met before (seen)
            try:
                pair = _first_clash(index, whole)
                found.append(((0, _met_at(index, pair, order)), pair))
            except NotSimulated:
                pass
        group = [r for r in whole if r not in alone]
        if not group or _solvable(index, group, python):
            continue
        if any(canonicalize_name(a.name) in _closure(index, r) for r in group for a in alone):
            continue  # failing through a requirement that fails alone: uv tells that one (seen)
        dep = _single_dep(index, group[0].name) if len(group) == 1 else None
        if dep is not None and not index.releases(dep[0]):
            found.append(((1, order.index(group[0])), group))
        else:
            pair = group if len(group) == 2 else _first_clash(index, group)
            found.append(((0, _met_at(index, pair, order)), pair))
    if not found:
        raise NotSimulated("this explanation of uv's resolver")
    return min(found, key=lambda f: f[0])[1]


def _first_clash(index: Index, group: list[Requirement]) -> list[Requirement]:
    """The two requirements of a group that uv's decisions find at odds first, in the order
    given (seen in real uv: the requirements decided in turn, a package's newest version whose
    dependency fits the bounds so far, a single-version package's dependency checked against
    your requirements, then the dependencies decided before it); NotSimulated where a deeper
    derivation or a decided dependency would change that."""
    bounds: dict[str, list[tuple[Requirement, SpecifierSet]]] = {}  # package -> bounds, in order
    for req in group:
        bounds.setdefault(canonicalize_name(req.name), []).append((req, req.specifier))
    for req in decision_order(group):
        key = canonicalize_name(req.name)
        if not any(r.requires for r in index.releases(key)):
            if any(src is not req for src, _ in bounds.get(key, [])):
                raise NotSimulated("this explanation of uv's resolver")
            continue
        rels = list(reversed(_selected(index, req)))
        for rel in rels:
            if len(rel.requires) != 1:
                raise NotSimulated("this explanation of uv's resolver")
            dep = Requirement(rel.requires[0])
            dkey = canonicalize_name(dep.name)
            before = bounds.setdefault(dkey, [])
            # ranges only: that no version fits them all is found when the dependency is decided
            clash = [src for src, spec in before if not _overlap(index, dkey, dep.specifier, spec)]
            if not clash:
                before.append((req, dep.specifier))
                break
            if len(rels) == 1 and clash and clash[0] is before[0][0]:
                return sorted([clash[0], req], key=group.index)
            if rel is rels[-1]:  # uv words these otherwise (seen): not ported
                raise NotSimulated("this explanation of uv's resolver")
    raise NotSimulated("this explanation of uv's resolver")


def _met_at(index: Index, pair: list[Requirement], order: list[Requirement]) -> int:
    """When uv's decisions meet a pair at odds: at the later of those whose package has
    dependencies (a requirement of a package without any only bounds it; seen in real uv)."""
    deciding = [r for r in pair if any(v.requires for v in index.releases(r.name))] or pair
    return max(order.index(r) for r in deciding)


def _solvable(index: Index, reqs: list[Requirement], python: str) -> bool:
    return find(index, reqs, python, {}) is not None


def _selected(index: Index, req: Requirement) -> list[Release]:
    return [r for r in index.releases(req.name) if req.specifier.contains(r.version, prereleases=True)]


def clause_term(index: Index, req: Requirement) -> str | None:
    """The versions a requirement selects, as a derivation names them (``all versions of
    tool``, ``tool>=2.0``, ``tool<=1.0``, ``tool==1.0``): bounds at the versions selected,
    left open where no version lies beyond."""
    key = canonicalize_name(req.name)
    rels = list(index.releases(key))
    chosen = _selected(index, req)
    if not chosen:
        return None
    first, last = rels.index(chosen[0]), rels.index(chosen[-1])
    if chosen != rels[first : last + 1]:
        return None
    below, above = first > 0, last < len(rels) - 1
    if not below and not above:
        return f"all versions of {key}"
    if below and above:
        if first != last:
            return None
        return f"{key}=={chosen[0].version_text}"
    return f"{key}>={chosen[0].version_text}" if below else f"{key}<={chosen[-1].version_text}"


def root_term(index: Index, req: Requirement) -> str:
    """A requirement of the user as a derivation names it: as typed, but ``X==V`` for a
    package with one version that the requirement allows."""
    rels = index.releases(req.name)
    if req.specifier and len(rels) == 1 and req.specifier.contains(rels[0].version, prereleases=True):
        return f"{canonicalize_name(req.name)}=={rels[0].version_text}"
    return _shown(_simplified(index, req))


def _simplified(index: Index, req: Requirement) -> Requirement:
    """A requirement without the bounds every version meets, as uv's derivations name it
    (seen: ``tool>=2,<3`` is ``tool>=2``, ``tool>=0.5,<2`` is ``tool<2``)."""
    rels = index.releases(req.name)
    if not _selected(index, req):  # a range without versions stays as it is (seen)
        return req
    kept = [s for s in req.specifier if not all(s.contains(r.version) for r in rels)]
    return Requirement(canonicalize_name(req.name) + ",".join(str(s) for s in kept))


def _normalized(req: Requirement) -> Requirement:
    """A requirement as the range it allows: the tighter of two bounds on a side (seen:
    ``libcolor<2,<5`` is ``libcolor<2``); NotSimulated for ``==`` among others."""
    specs = list(req.specifier)
    if len(specs) < 2:
        return req
    _interval(req.specifier)
    if any(s.operator == "==" for s in specs):
        raise NotSimulated("how uv names a requirement with == among other bounds")
    lows = [s for s in specs if s.operator in (">", ">=")]
    highs = [s for s in specs if s.operator in ("<", "<=")]
    parts = [max(lows, key=lambda s: (Version(s.version), s.operator == ">"))] if lows else []
    parts += [min(highs, key=lambda s: (Version(s.version), s.operator == "<="))] if highs else []
    return Requirement(canonicalize_name(req.name) + ",".join(str(s) for s in parts))


def _verb(term: str) -> str:
    return "depend" if term.startswith("all versions") else "depends"


def _only_dep(index: Index, req: Requirement) -> Requirement | None:
    """The one dependency every selected version has, the same for all, or None."""
    chosen = _selected(index, req)
    found = {r.requires for r in chosen}
    if len(found) != 1 or not chosen or len(chosen[0].requires) != 1:
        return None
    return Requirement(chosen[0].requires[0])


def decision_order(reqs: list[Requirement]) -> list[Requirement]:
    """The order uv decides the requirements in: pinned ones (``==``) first, then the others,
    each in the order given."""
    pinned = [r for r in reqs if any(s.operator in ("==", "===") for s in r.specifier)]
    return pinned + [r for r in reqs if r not in pinned]


def _explain_two(index: Index, reqs: list[Requirement], decided: list[Requirement]) -> str | None:
    """Two requirements at odds, through a shared dependency or one's dependency.

    Seen in real uv: through a shared dependency, the clause of the requirement decided last
    comes first, the incompatible pair is named in alphabetical order, the requirements in
    the order given (``decided``: the same two, in the order they were first given).
    """
    first, second = reqs
    early, late = decision_order(decided)
    k1, k2 = canonicalize_name(early.name), canonicalize_name(late.name)
    d1, d2 = _only_dep(index, early), _only_dep(index, late)
    t1, t2 = clause_term(index, early), clause_term(index, late)
    if (d1 and d2 and t1 and t2 and canonicalize_name(d1.name) == canonicalize_name(d2.name)
            and not _overlap(index, canonicalize_name(d1.name), d1.specifier, d2.specifier)):
        dep = canonicalize_name(d1.name)
        pair = " and ".join(t for _, t in sorted([(k1, t1), (k2, t2)]))
        return (
            f"Because {t2} {_verb(t2)} on {dep}{spec_text(d2.specifier)} and {t1} {_verb(t1)} on "
            f"{dep}{spec_text(d1.specifier)}, we can conclude that {pair} are incompatible.\n"
            f"{INDENT}And because you require {root_term(index, first)} and "
            f"{root_term(index, second)}, {END}"
        )
    gap = _gap(index, first, second)
    if gap is not None:
        return gap
    # A requirement at odds with another's dependency: told in the order given (seen in real uv).
    for a, b in ((first, second), (second, first)):
        da, ta = _only_dep(index, a), clause_term(index, a)
        kb = canonicalize_name(b.name)
        if not (da and ta and canonicalize_name(da.name) == kb and b.specifier
                and not _overlap(index, kb, da.specifier, b.specifier)):
            continue
        needed = f"{kb}{spec_text(da.specifier)}"
        if a is first:
            return (
                f"Because {ta} {_verb(ta)} on {needed} and you require {root_term(index, a)}, we can "
                f"conclude that you require {needed}.\n"
                f"{INDENT}And because you require {_shown(b)}, {END}"
            )
        return (
            f"Because {ta} {_verb(ta)} on {needed} and you require {root_term(index, b)}, we can conclude "
            f"that your requirements and {ta} are incompatible.\n"
            f"{INDENT}And because you require {root_term(index, a)}, {END}"
        )
    return None


def _gap(index: Index, first: Requirement, second: Requirement) -> str | None:
    """``X>V`` against a dependency ``X>=V,<W`` where V and W are neighbouring versions of X:
    their ranges meet, but no version lies between (seen in real uv, either order given)."""
    for r, p in ((first, second), (second, first)):
        dep, tp = _only_dep(index, p), clause_term(index, p)
        key = canonicalize_name(r.name)
        if dep is None or tp is None or canonicalize_name(dep.name) != key:
            continue
        ops = {s.operator: s for s in dep.specifier}
        if len(r.specifier) != 1 or len(dep.specifier) != 2 or set(ops) != {">=", "<"}:
            continue
        low = next(iter(r.specifier))
        if low.operator != ">" or "*" in low.version:
            continue
        versions = [rel.version for rel in index.releases(key)]
        v, a, b = Version(low.version), Version(ops[">="].version), Version(ops["<"].version)
        if not (low.version == ops[">="].version and v == a and v in versions and b in versions
                and versions.index(b) == versions.index(v) + 1):
            continue
        i4 = INDENT + "    "
        only = (f"only the following versions of {key} are available:\n{i4}{key}<={low.version}\n"
                f"{i4}{key}>={ops['<'].version}\n{INDENT}")
        clause = f"{tp} {_verb(tp)} on {key}{spec_text(dep.specifier)}"
        then = f"we can conclude that {tp} {_verb(tp)} on {key}>={ops['>='].version},<={low.version}.\n"
        cause = f"{only}and {clause}, " if r is first else f"{clause} and {only}"
        return (f"Because {cause}{then}{INDENT}And because you require {root_term(index, first)} "
                f"and {root_term(index, second)}, {END}")
    return None


def _overlap(index: Index, key: str, a: SpecifierSet, b: SpecifierSet) -> bool:
    """Whether two specifiers may both hold: a version of the index fits both, or their
    ranges meet (uv words a gap between versions differently: not ported)."""
    if any(a.contains(r.version) and b.contains(r.version) for r in index.releases(key)):
        return True
    lo_a, hi_a = _interval(a)
    lo_b, hi_b = _interval(b)
    lo = max(lo_a, lo_b, key=lambda b: (b[0], not b[1]))
    hi = min(hi_a, hi_b, key=lambda b: (b[0], b[1]))
    return lo[0] < hi[0] or (lo[0] == hi[0] and lo[1] and hi[1])


Bound = tuple[Version, bool]  # a version, and whether it is included
LOW: Bound = (Version("0"), True)
HIGH: Bound = (Version("999999"), True)


def _interval(spec: SpecifierSet) -> tuple[Bound, Bound]:
    """The range a specifier allows, for ``< <= > >= ==``; NotSimulated for others."""
    lo, hi = LOW, HIGH
    for s in spec:
        v = Version(s.version) if "*" not in s.version else None
        if v is None or s.operator not in ("<", "<=", ">", ">=", "=="):
            raise NotSimulated("this explanation of uv's resolver")
        if s.operator in (">", ">=", "=="):
            cand: Bound = (v, s.operator != ">")
            lo = max(lo, cand, key=lambda b: (b[0], not b[1]))
        if s.operator in ("<", "<=", "=="):
            cand = (v, s.operator != "<")
            hi = min(hi, cand, key=lambda b: (b[0], b[1]))
    return lo, hi


def _explain_one(index: Index, req: Requirement, python: str) -> str | None:
    key = canonicalize_name(req.name)
    rels = index.releases(key)
    if not rels:
        specs = list(req.specifier)
        if len(specs) == 1 and specs[0].operator == "!=" and "*" not in specs[0].version:
            v, i4 = specs[0].version, INDENT + "    "  # seen in real uv
            return (f"Because {key} was not found in the package registry and you require one of:\n"
                    f"{i4}{key}<{v}\n{i4}{key}>{v}\n{INDENT}{END}")
        return f"Because {key} was not found in the package registry and you require {_shown(req)}, {END}"
    spec = req.specifier
    matching = _selected(index, req)
    if not matching:
        specs = list(spec)
        if len(specs) != 1:
            return None
        op, bound = specs[0].operator, specs[0].version
        if op == "==" and "*" not in bound:
            return f"Because there is no version of {_shown(req)} and you require {_shown(req)}, {END}"
        # one version: "only X==1.0 is available" (seen in real uv)
        if op in (">", ">=") and all(r.version <= Version(bound) for r in rels):
            only = f"{key}=={rels[-1].version_text}" if len(rels) == 1 else f"{key}<={rels[-1].version_text}"
            return f"Because only {only} is available and you require {_shown(req)}, {END}"
        if op in ("<", "<=") and all(r.version >= Version(bound) for r in rels):
            only = f"{key}=={rels[0].version_text}" if len(rels) == 1 else f"{key}>={rels[0].version_text}"
            return f"Because only {only} is available and you require {_shown(req)}, {END}"
        return None
    late = [r for r in matching if not _fits(r, python)]
    if len(rels) > 1 and matching == late == list(rels[-1:]):  # the newest, for a newer Python
        rel = rels[-1]
        return (
            f"Because the current Python version ({python}) does not satisfy "
            f"Python{rel.requires_python} and {key}=={rel.version_text} depends on "
            f"Python{rel.requires_python}, we can conclude that {key}=={rel.version_text} "
            f"cannot be used.\n{INDENT}And because only {key}<={rel.version_text} is available "
            f"and you require {_shown(req)}, {END}"
        )
    if len(rels) == 1 and matching:  # one version, which the requirement allows
        rel = rels[0]
        if not _fits(rel, python):
            cause = (
                f"Because the current Python version ({python}) does not satisfy "
                f"Python{rel.requires_python} and {key}=={rel.version_text} depends on "
                f"Python{rel.requires_python}, we can conclude that {key}=={rel.version_text} "
                f"cannot be used.\n{INDENT}And because "
            )
            if not spec:
                return cause + f"only {key}=={rel.version_text} is available and you require {key}, {END}"
            return cause + f"you require {root_term(index, req)}, {END}"
        dep = _single_dep(index, key)
        if dep is not None and not index.releases(dep[0]) and not dep[1]:
            return (
                f"Because {dep[0]} was not found in the package registry and all versions of {key} "
                f"depend on {dep[0]}, we can conclude that all versions of {key} cannot be used.\n"
                f"{INDENT}And because you require {root_term(index, req)}, {END}"
            )
    return None
