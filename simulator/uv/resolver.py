"""uv's resolution for ``uv pip install`` (uv's ``uv-resolver``, PubGrub), for lesson-sized indexes.

A solution is searched newest version first, an installed version preferred
when it fits (uv's preferences), the packages in the order they are first
required. When there is none, uv explains it with PubGrub's derivation; the
shapes of explanation ported here are those recorded from real uv
(``tests/transcripts/uv_*``): a missing package, a missing version, a version
above every release, a missing dependency, ``Requires-Python``, and two
requirements that need disjoint versions of a third. Any other failure is
reported as not simulated rather than guessed.

>>> from simulator.model.index import Index, Release
>>> idx = Index.from_releases([Release("libcolor", "1.0"), Release("libcolor", "2.0"),
...                            Release("appa", "1.0", ("libcolor<2",))])
>>> [str(r.version) for r in solve(idx, [Requirement("appa")], "3.11.7", {}).values()]
['1.0', '1.0']
"""

from __future__ import annotations

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.index import Index, Release
from .discovery import NotSimulated, UvError

__all__ = ["Requirement", "solve", "NO_SOLUTION"]

NO_SOLUTION = "error: No solution found when resolving dependencies\n  cause: "
INDENT = "         "
END = "we can conclude that your requirements are unsatisfiable."


def _fits(rel: Release, python: str) -> bool:
    return not rel.requires_python or SpecifierSet(rel.requires_python).contains(python)


def _plain(req: Requirement) -> None:
    if req.extras or req.marker is not None or req.url:
        raise NotSimulated(f"uv with extras, markers or URLs ({req})")


def solve(index: Index, reqs: list[Requirement], python: str,
          preferences: dict[str, Version]) -> dict[str, Release]:
    """Name -> release chosen, in the order uv resolves them; raises UvError when none."""
    for r in reqs:
        _plain(r)
    root: dict[str, SpecifierSet] = {}
    for r in reqs:
        key = canonicalize_name(r.name)
        root[key] = root.get(key, SpecifierSet()) & r.specifier
    budget = [20000]
    found = _search(index, list(root), {k: [v] for k, v in root.items()}, {}, python,
                    preferences, budget)
    if found is None:
        raise UvError(NO_SOLUTION + explain(index, reqs, python) + "\n", 1)
    return found


def _candidates(index: Index, key: str, specs: list[SpecifierSet], python: str,
                preferences: dict[str, Version]) -> list[Release]:
    out = [
        r for r in reversed(index.releases(key))
        if all(s.contains(r.version, prereleases=bool(s.prereleases)) for s in specs)
        and _fits(r, python)
        and (not r.version.is_prerelease or any(s.prereleases for s in specs))
    ]
    pref = preferences.get(key)
    out.sort(key=lambda r: r.version != pref)
    return out


def _search(index: Index, order: list[str], specs: dict[str, list[SpecifierSet]],
            chosen: dict[str, Release], python: str, preferences: dict[str, Version],
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
    return f"{canonicalize_name(req.name)}{spec_text(req.specifier)}"


def _single_dep(index: Index, key: str) -> tuple[str, SpecifierSet] | None:
    """The one dependency every release of ``key`` has (same name, same specifier), if so."""
    rels = index.releases(key)
    if len(rels) != 1 or len(rels[0].requires) != 1:
        return None
    dep = Requirement(rels[0].requires[0])
    return canonicalize_name(dep.name), dep.specifier


def explain(index: Index, reqs: list[Requirement], python: str) -> str:
    """uv's derivation for the recorded shapes; NotSimulated for any other."""
    missing = [r for r in reqs if not index.releases(r.name)]
    if len(missing) == 1 and len(reqs) > 1:
        rest = [r for r in reqs if r is not missing[0]]
        try:
            solve(index, rest, python, {})
        except UvError:
            pass
        else:  # PubGrub meets the missing one alone: root depends on it, and it does not exist
            reqs = missing
    if len(reqs) == 1:
        text = _explain_one(index, reqs[0], python)
        if text is not None:
            return text
    if len(reqs) == 2:
        text = _explain_two(index, reqs)
        if text is not None:
            return text
    raise NotSimulated("this explanation of uv's resolver")


def _term(index: Index, req: Requirement) -> str | None:
    """How a requirement of the user reads in a derivation's first clause, for the shapes seen."""
    key = canonicalize_name(req.name)
    rels = index.releases(key)
    if not req.specifier:
        return f"all versions of {key}" if rels else None
    specs = list(req.specifier)
    if len(specs) == 1 and specs[0].operator == ">=":
        chosen = [r for r in rels if req.specifier.contains(r.version)]
        if len(chosen) == 1 and chosen[0] is rels[-1] and len(rels) > 1:
            return f"{key}>={chosen[0].version_text}"
    return None


def _explain_two(index: Index, reqs: list[Requirement]) -> str | None:
    """Two requirements at odds: through a shared dependency, or one with the other's dependency.

    Seen in real uv: the clause of the second requirement comes first; the incompatible pair
    is named in alphabetical order.
    """
    first, second = reqs
    k1, k2 = canonicalize_name(first.name), canonicalize_name(second.name)
    deps = []
    for req in reqs:
        chosen = [r for r in index.releases(req.name) if req.specifier.contains(r.version)]
        found = {r.requires for r in chosen}
        deps.append(Requirement(chosen[0].requires[0]) if len(found) == 1 and chosen
                    and len(chosen[0].requires) == 1 else None)
    d1, d2 = deps
    t1, t2 = _term(index, first), _term(index, second)
    if (d1 and d2 and t1 and t2 and canonicalize_name(d1.name) == canonicalize_name(d2.name)
            and not _overlap(index, canonicalize_name(d1.name), d1.specifier, d2.specifier)):
        dep = canonicalize_name(d1.name)
        pair = " and ".join(t for _, t in sorted([(k1, t1), (k2, t2)]))
        verb = "depend" if t2.startswith("all versions") else "depends"
        verb1 = "depend" if t1.startswith("all versions") else "depends"
        return (
            f"Because {t2} {verb} on {dep}{spec_text(d2.specifier)} and {t1} {verb1} on "
            f"{dep}{spec_text(d1.specifier)}, "
            f"we can conclude that {pair} are incompatible.\n"
            f"{INDENT}And because you require {_shown(first)} and {_shown(second)}, {END}"
        )
    if (d1 and t1 == f"all versions of {k1}" and len(index.releases(k1)) == 1
            and canonicalize_name(d1.name) == k2 and second.specifier
            and not _overlap(index, k2, d1.specifier, second.specifier)):
        return (
            f"Because {t1} depend on {k2}{spec_text(d1.specifier)} and you require {k1}, we can "
            f"conclude that you require {k2}{spec_text(d1.specifier)}.\n"
            f"{INDENT}And because you require {_shown(second)}, {END}"
        )
    return None


def _overlap(index: Index, key: str, a: SpecifierSet, b: SpecifierSet) -> bool:
    return any(a.contains(r.version) and b.contains(r.version) for r in index.releases(key))


def _explain_one(index: Index, req: Requirement, python: str) -> str | None:
    key = canonicalize_name(req.name)
    rels = index.releases(key)
    if not rels:
        return f"Because {key} was not found in the package registry and you require {_shown(req)}, {END}"
    spec = req.specifier
    matching = [r for r in rels if spec.contains(r.version, prereleases=True)]
    if not matching:
        specs = list(spec)
        if len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version:
            return f"Because there is no version of {_shown(req)} and you require {_shown(req)}, {END}"
        if (len(specs) == 1 and specs[0].operator in (">", ">=")
                and all(r.version < Version(specs[0].version) for r in rels)):
            top = rels[-1].version_text
            return f"Because only {key}<={top} is available and you require {_shown(req)}, {END}"
        return None
    if len(rels) == 1 and not spec:
        rel = rels[0]
        if not _fits(rel, python):
            return (
                f"Because the current Python version ({python}) does not satisfy "
                f"Python{rel.requires_python} and {key}=={rel.version_text} depends on "
                f"Python{rel.requires_python}, we can conclude that {key}=={rel.version_text} "
                f"cannot be used.\n{INDENT}And because only {key}=={rel.version_text} is available "
                f"and you require {key}, {END}"
            )
        dep = _single_dep(index, key)
        if dep is not None and not index.releases(dep[0]) and not dep[1]:
            return (
                f"Because {dep[0]} was not found in the package registry and all versions of {key} "
                f"depend on {dep[0]}, we can conclude that all versions of {key} cannot be used.\n"
                f"{INDENT}And because you require {key}, {END}"
            )
    return None
