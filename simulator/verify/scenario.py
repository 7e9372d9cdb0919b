"""A scenario file as plain data for the verifier, read by ``simulator.scenario``.

One loader, one set of rules: a file the simulator accepts is a file the
verifier replays. A bad file raises ``ValueError`` naming the file, line and key.

>>> s = parse('''
... [index]
... libcolor = ["1.0", { version = "2.0", requires_python = ">=3.8" }]
... [projects.tienda]
... needs = ["libcolor>=2"]
... [[steps]]
... run = "python3 app.py"
... ''', "demo.toml")
>>> s.user, s.pythons, s.projects[0].path, s.steps
('ana', ('3.11',), '/home/ana/tienda', ('python3 app.py',))
>>> [r.version_text for r in s.index["libcolor"]]
['1.0', '2.0']
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from simulator.model.index import Release
from simulator.model.layout import home_of
from simulator.model.world import ProjectSpec, expand_home
from simulator.scenario import Scenario as Loaded
from simulator.scenario import ScenarioError
from simulator.scenario import load as load_scenario
from simulator.scenario import loads as loads_scenario


@dataclass(frozen=True)
class Scenario:
    """What the verifier needs from a scenario file."""

    title: str
    user: str
    pythons: tuple[str, ...]
    externally_managed: bool
    index: dict[str, list[Release]]
    projects: tuple[ProjectSpec, ...]  # each ``path`` made absolute
    steps: tuple[str, ...]
    tools: tuple[str, ...] = ()  # "uv" (simulator/model/tools.py)
    os: str = ""  # "debian13" (replayed on Debian: debian_box)

    @property
    def home(self) -> str:
        return home_of(self.user)

    def index_versions(self) -> dict[str, list[str]]:
        """Normalized name -> every version offered (what ``app_source`` wants)."""
        return {name: [r.version_text for r in rels] for name, rels in self.index.items()}


def load(path: str | Path, extra_keys: set[str] | None = None) -> Scenario:
    """Read and check a scenario file."""
    try:
        return convert(load_scenario(path, extra_keys))
    except ScenarioError as e:
        raise ValueError(str(e)) from None


def parse(text: str, where: str = "<scenario>", extra_keys: set[str] | None = None) -> Scenario:
    """Check the text of a scenario file; ``where`` names it in errors."""
    try:
        return convert(loads_scenario(text, where, extra_keys))
    except ScenarioError as e:
        raise ValueError(str(e)) from None


def convert(loaded: Loaded) -> Scenario:
    spec = loaded.spec
    home = home_of(spec.user)
    index: dict[str, list[Release]] = {}
    for r in sorted(spec.releases, key=lambda r: (r.key, r.version)):
        index.setdefault(r.key, []).append(r)
    projects = tuple(
        replace(p, path=posixpath.normpath(expand_home(p.path, home)))
        for p in spec.projects
    )
    return Scenario(loaded.title, spec.user, spec.pythons, spec.externally_managed, index,
                    projects, tuple(s.run for s in loaded.steps), spec.tools, spec.os or "")
