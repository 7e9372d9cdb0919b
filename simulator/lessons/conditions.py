"""Checking a lesson's ``expect`` and an exercise's ``goal`` against a world.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> w = build(WorldSpec(projects=(ProjectSpec("tienda", "~/tienda", ("libcolor",)),)))
>>> unmet(Conditions(fails=("tienda",), active=""), w)
[]
>>> unmet(Conditions(runs=("tienda",)), w)
['tienda should run, but: needs libcolor · missing']
"""

from __future__ import annotations

import posixpath

from ..model import debian, layout
from ..model.projects import projects
from ..model.python import dists_in
from ..model.world import World, expand_home
from ..shell.run import Outcome
from .format import Conditions


def _site(world: World, prefix: str) -> list[str]:
    """Every site-packages of an environment prefix (the system one has one per python)."""
    prefix = posixpath.normpath(expand_home(prefix, world.home))
    sites = [layout.site_packages(prefix, minor) for minor in world.pythons]
    if prefix == layout.SYSTEM_PREFIX and debian.is_debian(world.fs):  # apt's and /usr/local's
        sites = [s for minor in world.pythons for s in debian.site_dirs(minor)]
    return [s for s in sites if world.fs.is_dir(s)]


def installed_version(world: World, prefix: str, name: str) -> str | None:
    from packaging.utils import canonicalize_name

    for site in _site(world, prefix):
        for d in dists_in(world.fs, site):
            if d.key == canonicalize_name(name):
                return d.version_text
    return None


def unmet(cond: Conditions, world: World, outcome: Outcome | None = None) -> list[str]:
    """What does not hold, in plain words (empty when everything does)."""
    problems: list[str] = []
    if outcome is not None:
        if cond.exit_code is not None and outcome.code != cond.exit_code:
            problems.append(f"exit code {outcome.code}, expected {cond.exit_code}")
        for text in cond.output_contains:
            if text not in outcome.output:
                problems.append(f"the output does not contain {text!r}")
    by_name = {p.name: p for p in projects(world)}
    for name in cond.runs:
        p = by_name.get(name)
        if p is None:
            problems.append(f"project {name} is not on disk")
        elif not p.works:
            problems.append(f"{name} should run, but: " + "; ".join(n.reason for n in p.problems))
    for name in cond.fails:
        p = by_name.get(name)
        if p is not None and p.works:
            problems.append(f"{name} should fail, but it runs")
    for prefix, packages in cond.installed.items():
        for pkg, version in packages.items():
            have = installed_version(world, prefix, pkg)
            if have is None:
                problems.append(f"{pkg} is not installed in {prefix}")
            elif version != "*" and have != version:
                problems.append(f"{pkg} is {have} in {prefix}, expected {version}")
    for prefix, names in cond.absent.items():
        for pkg in names:
            have = installed_version(world, prefix, pkg)
            if have is not None:
                problems.append(f"{pkg} {have} is installed in {prefix}, expected none")
    if cond.active is not None:
        active = world.shell.env.get("VIRTUAL_ENV", "")
        wanted = posixpath.normpath(expand_home(cond.active, world.home)) if cond.active else ""
        if active != wanted:
            problems.append(f"the active venv is {active or 'none'}, expected {wanted or 'none'}")
    return problems
