"""Every Python environment on the machine, as ``venvsim run --json`` lists them.

>>> from simulator.model.world import WorldSpec, build
>>> [e.kind for e in environments(build(WorldSpec()))]
['system']
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from . import debian, layout
from .python import dists_in, read_cfg
from .world import World

LEFT_OUT = frozenset({"pip", "setuptools", "wheel"})


@dataclass(frozen=True)
class Environment:
    prefix: str
    kind: str  # "system", "user" or "venv"
    python: str
    site: str
    packages: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, object]:
        return {
            "prefix": self.prefix,
            "kind": self.kind,
            "python": self.python,
            "packages": dict(self.packages),
        }


def _packages(world: World, site: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted((d.key, d.version_text) for d in dists_in(world.fs, site) if d.key not in LEFT_OUT)
    )


def _minor(sort_key: str) -> tuple[int, ...]:
    return tuple(int(p) for p in sort_key.split(".") if p.isdigit())


def environments(world: World) -> list[Environment]:
    """System pythons, user sites holding something, and every venv on disk."""
    fs = world.fs
    found: list[Environment] = []
    for minor in sorted(world.pythons, key=_minor):
        site = layout.site_packages(layout.SYSTEM_PREFIX, minor)
        packages = _packages(world, site)
        if debian.is_debian(fs):  # what the system pip lists: /usr/local's, then apt's
            sites = debian.site_dirs(minor)
            site, packages = sites[0], tuple(sorted(dict(
                p for s in reversed(sites) for p in _packages(world, s)).items()))
        found.append(Environment(layout.SYSTEM_PREFIX, "system", minor, site, packages))
    user_base = layout.user_base(world.home)
    for minor in sorted(world.pythons, key=_minor):
        site = layout.site_packages(user_base, minor)
        if dists_in(fs, site):
            found.append(Environment(user_base, "user", minor, site, _packages(world, site)))
    venvs = []
    for path in fs.paths():
        if path.endswith("/pyvenv.cfg") and fs.is_file(path):
            prefix = posixpath.dirname(path)
            cfg = read_cfg(fs, path)
            version = cfg.get("version", cfg.get("version_info", ""))  # uv writes version_info
            minor = ".".join(version.split(".")[:2])
            site = layout.site_packages(prefix, minor)
            venvs.append(Environment(prefix, "venv", minor, site, _packages(world, site)))
    found += sorted(venvs, key=lambda e: (_minor(e.python), e.prefix))
    return found
