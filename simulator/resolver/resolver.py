"""pip's ``Resolver``: run resolvelib, then order what to install.

Ports pip/_internal/resolution/resolvelib/resolver.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from packaging.utils import canonicalize_name
from resolvelib import ResolutionImpossible, ResolutionTooDeep
from resolvelib import Resolver as RLResolver

from .base import Candidate, Constraint, Req
from .exceptions import InstallError, ResolutionTooDeepError
from .factory import Factory, installation_error
from .provider import Provider
from .reporter import Reporter
from .req import InstallReq

CONSTRAINT_DEPRECATION = (
    "Constraints are only allowed to take the form of a package name and a "
    "version specifier. Other forms were originally permitted as an accident of the "
    "implementation, but were undocumented. The new implementation of the resolver no longer "
    "supports these forms. A possible replacement is replacing the constraint with a "
    "requirement. Discussion can be found at https://github.com/pypa/pip/issues/8210"
)


def check_invalid_constraint_type(ireq: InstallReq) -> str:
    """pip's ``check_invalid_constraint_type`` (a constraint has no name only as a path)."""
    if ireq.req.extras:
        return "Constraints cannot have extras"
    return ""


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
    max_rounds: int = 200000,
) -> Resolution:
    """Resolve as pip does; raises ``InstallError`` after logging pip's explanation."""
    requirements: list[Req] = []
    user_requested: dict[str, int] = {}
    constraints: dict[str, Constraint] = {}
    for i, ireq in enumerate(root):
        if ireq.constraint:
            problem = check_invalid_constraint_type(ireq)
            if problem:
                factory.log.deprecation(CONSTRAINT_DEPRECATION)
                raise InstallError(problem)
            if not ireq.match_markers(factory.marker_env):
                continue
            name = canonicalize_name(ireq.name)
            if name in constraints:
                constraints[name] &= ireq
            else:
                constraints[name] = Constraint(ireq.req.specifier)
            continue
        reqs = list(factory.make_requirements_from_ireq(ireq))
        if not reqs:
            continue
        if ireq.user_supplied and reqs[0].name not in user_requested:
            user_requested[reqs[0].name] = i
        requirements.extend(reqs)
    requirements.sort(key=lambda r: "[" in r.name)
    provider = Provider(factory, constraints, ignore_dependencies, upgrade_strategy,
                        user_requested)
    resolver: RLResolver[Req, Candidate, str] = RLResolver(provider, Reporter(factory.log))
    try:
        result = resolver.resolve(requirements, max_rounds=max_rounds)
    except ResolutionImpossible as e:
        raise installation_error(factory, e, constraints) from None
    except ResolutionTooDeep:
        raise ResolutionTooDeepError from None
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
