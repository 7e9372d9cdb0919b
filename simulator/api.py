"""The public Python API: worlds to build, run commands on, check and look at.

>>> from simulator import World
>>> w = World.new(index={"libcolor": ["1.0", "2.0"]}, projects={"pinta": ["libcolor<2"]})
>>> w, r = w.run("pip install libcolor")
>>> r.exit_code, r.output.splitlines()[-1]
(0, 'Successfully installed libcolor-2.0')
>>> [str(p) for p in w.check()]
['pinta (~/pinta): needs libcolor<2 · has 2.0']
>>> w.environments[0].packages
{'libcolor': '2.0'}

Every object shows itself: in Jupyter as a diagram (SVG) with a plain-text
fallback, in a terminal through rich. Drawing imports matplotlib only then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import display
from .errors import UsageError
from .i18n import need_text, t
from .model import environments as _environments
from .model.projects import projects as _projects
from .model.world import World as State
from .model.world import build, tilde
from .replay import Frame, extend
from .replay import Timeline as Frames
from .replay import replay as _replay
from .scenario import ScenarioError, spec_from_data
from .scenario import load as _load
from .shell.prompt import prompt

__all__ = ["Environment", "Problem", "Result", "ScenarioError", "Timeline", "UsageError", "World",
           "check_lesson", "configure", "load"]

Doc = dict[str, Any]


def configure(*, view: str | None = None, theme: str | None = None, lang: str | None = None) -> None:
    """How objects draw themselves from now on: ``view``, ``theme`` and ``lang`` (es or en)."""
    display.configure(view=view, theme=theme, lang=lang)


@dataclass(frozen=True)
class Environment:
    """One site-packages: the system one, the user site or a venv."""

    prefix: str
    kind: str  # "system", "user" or "venv"
    python: str
    packages: Mapping[str, str]
    world: World = field(repr=False, compare=False)

    def to_json(self) -> Doc:
        return {"prefix": self.prefix, "kind": self.kind, "python": self.python,
                "packages": dict(self.packages)}

    def __str__(self) -> str:
        chips = ", ".join(f"{k} {v}" for k, v in self.packages.items()) or "(empty)"
        return f"{self.kind} {self.prefix} (Python {self.python}): {chips}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Doc:
        return display.bundle(str(self), lambda: display.environment_svg(self.world.state, self.prefix))

    def __rich__(self) -> Any:
        return display.rich_environment(self.world.state, self.prefix)


@dataclass(frozen=True)
class Problem:
    """Something broken: a project whose code cannot import what it needs, or an unmet dependency."""

    kind: str  # "project" or "dependency"
    where: str  # the project's folder, or the environment's prefix
    what: str  # the project's name, or the distribution ("libcolor 2.0")
    reason: str  # "needs libcolor<2 · has 2.0"

    def __str__(self) -> str:
        return f"{self.what} ({self.where}): {self.reason}"


@dataclass(frozen=True)
class World:
    """One state of a simulated machine. Immutable: ``run`` returns a new world."""

    state: State

    @classmethod
    def new(cls, pythons: Sequence[str] | None = None, index: Mapping[str, Any] | None = None,
            projects: Mapping[str, Any] | None = None, *, user: str = "ana",
            externally_managed: bool = False, tools: Sequence[str] = (), os: str = "") -> World:
        """A machine, as a scenario's ``[world]``, ``[index]`` and ``[projects]`` describe one.

        ``pythons`` defaults to ``["3.11"]`` (to 3.13 alone with ``os="debian13"``); ``tools=["uv"]``
        adds uv, ``os="debian13"`` makes a Debian 13 machine (docs/scenarios.md).
        ``index`` maps a name to its releases (``"1.0"`` or ``{"version": "2.0", "requires":
        [...], "requires_python": ">=3.12"}``); ``projects`` maps a name to what its code needs
        (a list) or to a table (``{"needs": [...], "path": "~/x", "files": {...}}``).
        A bad value raises ``ScenarioError`` naming the key.
        """
        if isinstance(projects, Mapping):
            projects = {k: ({"needs": list(v)} if isinstance(v, list | tuple) else v)
                        for k, v in projects.items()}
        world: dict[str, Any] = {"user": user, "externally_managed": externally_managed, "os": os,
                                 "tools": list(tools) if isinstance(tools, tuple) else tools}
        if pythons is not None:
            world["pythons"] = list(pythons) if isinstance(pythons, tuple) else pythons
        data = {"world": world,
                "index": {} if index is None else index, "projects": {} if projects is None else projects}
        return cls(build(spec_from_data(data, "World.new")))

    @classmethod
    def from_file(cls, path: str | Path) -> World:
        """The world a scenario or lesson file starts from, before its steps."""
        return cls(build(_load(path).spec))

    def run(self, line: str) -> tuple[World, Result]:
        """Type ``line`` at this machine's shell: the world after it, and what it did."""
        if not isinstance(line, str):
            raise UsageError(f"run() takes a command line as a string, not {type(line).__name__}")
        result = Result.of(extend(Frames(self.state, ()), [line]).frames[0], self)
        return result.world, result

    def replay(self, lines: Iterable[str] | str) -> Timeline:
        """Run ``lines`` one after the other from this world (a string: one step per line)."""
        if isinstance(lines, str):
            lines = [line for line in lines.splitlines() if line.strip()]
        return Timeline(Frames(self.state, ())).then(*lines)

    @property
    def environments(self) -> list[Environment]:
        return [Environment(e.prefix, e.kind, e.python, dict(e.packages), self)
                for e in _environments.environments(self.state)]

    @property
    def projects(self) -> dict[str, bool]:
        """Each project's name, and whether ``python app.py`` works there now (a name that two
        folders share, as after ``cp -r``, is followed by the folder: ``tienda (~/copia)``)."""
        found = _projects(self.state)
        names = [p.name for p in found]
        home = self.state.home
        return {(p.name if names.count(p.name) == 1 else f"{p.name} ({tilde(p.folder, home)})"): p.works
                for p in found}

    @property
    def prompt(self) -> str:
        return prompt(self.state)

    @property
    def cwd(self) -> str:
        return self.state.shell.cwd

    def check(self, lang: str | None = None) -> list[Problem]:
        """What is broken and why: projects first, then unmet dependencies of installed packages
        (the reasons in ``lang``, by default the one ``configure`` set)."""
        from .render.facts import facts

        lang = display.options(None, None, lang)[2]
        f = facts(self.state)
        found = [Problem("project", tilde(p.folder, f.home), p.name,
                         need_text(n.requirement, n.found, n.ok, lang))
                 for p in _projects(self.state) for n in p.needs if not n.ok]
        for e in f.envs:
            for b in e.broken:
                key = "dep_wrong" if b.found else "dep_missing"
                found.append(Problem("dependency", tilde(e.prefix, f.home), b.dist,
                                     t(key, lang, req=b.requirement, found=b.found)))
        return found

    def draw(self, view: str | None = None, *, theme: str | None = None, lang: str | None = None) -> Any:
        """A matplotlib Figure of this world (``global``, ``venvs``, ``graph`` or ``compare``)."""
        return display.figure(self.state, view, theme, lang)

    def save(self, path: str, view: str | None = None, *, theme: str | None = None,
             lang: str | None = None) -> None:
        """Write the picture to ``path``: .svg, .png, .pdf, .mmd or .dot."""
        display.save(Frames(self.state, ()), 0, path, view, theme, lang)

    def __repr__(self) -> str:
        names = ", ".join(f"{k}{'' if ok else ' (broken)'}" for k, ok in self.projects.items())
        envs = len(self.environments)
        return (f"<World {self.prompt.strip()} · {envs} environment{'' if envs == 1 else 's'}"
                f" · projects: {names or '-'}>")

    def __str__(self) -> str:
        return display.plain_world(self.state)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Doc:
        return display.bundle(str(self), lambda: display.world_svg(self.state))

    def __rich__(self) -> Any:
        return display.rich_world(self.state)


@dataclass(frozen=True)
class Result:
    """What one command line did: exit code, terminal output, events, and the worlds around it."""

    line: str
    prompt: str
    exit_code: int
    output: str
    events: tuple[dict[str, Any], ...]
    before: World
    world: World  # after the line

    @classmethod
    def of(cls, frame: Frame, before: World | None = None) -> Result:
        """The result of one step (``before``: the world it ran on, when the caller has it)."""
        o = frame.outcome
        return cls(frame.run, frame.prompt, o.code, o.output, tuple(o.events),
                   before if before is not None else World(frame.before), World(o.world))

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def __str__(self) -> str:
        return f"{self.prompt}{self.line}\n{self.output}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Doc:
        return display.result_bundle(str(self), self.exit_code,
                                     lambda: display.world_svg(self.world.state, self.before.state))

    def __rich__(self) -> Any:
        return display.rich_result(str(self), self.exit_code)


@dataclass(frozen=True)
class Timeline:
    """A replayed scenario: the start world and one ``Result`` per step."""

    frames: Frames

    @property
    def start(self) -> World:
        return World(self.frames.start)

    @property
    def end(self) -> World:
        return World(self.frames.end)

    def world_at(self, step: int) -> World:
        """The world after ``step`` steps (0 is the start)."""
        if not 0 <= step <= len(self):
            raise IndexError(f"step {step} is out of range (0 to {len(self)})")
        return World(self.frames.world_at(step))

    def __len__(self) -> int:
        return len(self.frames.frames)

    def __getitem__(self, i: int) -> Result:
        return Result.of(self.frames.frames[i])

    def __iter__(self) -> Iterator[Result]:
        return (self[i] for i in range(len(self)))

    def upto(self, step: int) -> Timeline:
        """The first ``step`` steps only."""
        return Timeline(self.frames.upto(step))

    def then(self, *lines: str) -> Timeline:
        """This timeline with ``lines`` run after its end."""
        for line in lines:
            if not isinstance(line, str):
                raise UsageError(f"each line must be a string, not {type(line).__name__}")
        return Timeline(extend(self.frames, lines))

    def to_json(self) -> Doc:
        """The ``venvsim run FILE --json`` document."""
        from .replay import run_json

        return run_json(self.frames)

    def save(self, path: str, step: int | None = None, view: str | None = None, *,
             theme: str | None = None, lang: str | None = None) -> None:
        """Write the picture after ``step`` (default: the end); ``view="timeline"`` for all steps."""
        display.save(self.frames, len(self) if step is None else step, path, view, theme, lang)

    def __str__(self) -> str:
        from .replay import terminal_text

        return terminal_text(self.frames)

    def __repr__(self) -> str:
        return f"<Timeline of {len(self)} step{'' if len(self) == 1 else 's'}>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Doc:
        return display.bundle(str(self), lambda: display.timeline_svg(self.frames))

    def __rich__(self) -> Any:
        return display.rich_result(str(self), 0)


def load(path: str | Path) -> Timeline:
    """Replay a scenario or lesson file; a bad file raises ``ScenarioError`` naming file, line and key
    (a lesson file is checked whole: its ``[lesson]``, narration, ``expect`` and exercises)."""
    scenario = _load(path)
    if "lesson" in scenario.data or "exercises" in scenario.data:
        from .lessons.format import load_lesson

        load_lesson(path)
    return Timeline(_replay(scenario))



def check_lesson(path: str | Path) -> list[str]:
    """Replay a lesson file and list every ``expect`` that fails and every exercise whose
    solution misses its goal (empty: the lesson is right). A bad file raises ``ScenarioError``."""
    from .classroom.runner import check_lesson as check
    from .lessons.format import load_lesson

    return check(load_lesson(path))
