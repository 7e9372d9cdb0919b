"""Scenario files (the TOML contract of ``shared/SCENARIOS.md``): loading with exact errors.

A bad file raises ``ScenarioError`` whose message is one line naming the file,
the line and the key: ``bad.toml:7: index.appa[0].requires[1]: invalid requirement``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from . import places
from .errors import OneLineError
from .model import debian, layout
from .model.debian import OSES
from .model.entrypoints import SCRIPT_NAME, target_problem
from .model.index import Release, requirement
from .model.tools import TOOLS
from .model.world import ProjectSpec, WorldSpec, build
from .userfiles import NotARegularFile, TooBig, regular_bytes

NAME_RE = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
USER_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
TOP_KEYS = {"title", "description", "world", "index", "projects", "steps"}
EXTRA_TOP_KEYS = {"lesson", "exercises"}  # a lesson's own parts (simulator/lessons checks them)
MAX_BYTES = 2**20  # a scenario is a small text file; more is a mistake (or /dev/zero)


class ScenarioError(OneLineError):
    """A scenario file that is not valid; the message is the whole one-line report.

    Control characters from the file (a key holding a newline) are shown escaped, so the
    report stays one line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], message))


@dataclass(frozen=True)
class Step:
    run: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    path: str
    title: str
    spec: WorldSpec
    steps: tuple[Step, ...]
    data: dict[str, Any] = field(default_factory=dict)


class _Where:
    """Finds the line of a key in the raw TOML text (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: list[tuple[int, str, int]] = []  # (line, table name, array index)
        counts: dict[str, int] = {}
        for i, line in enumerate(self.lines, start=1):
            s = line.strip()
            if s.startswith("[["):
                name = s.strip("[] \t").split("#")[0].strip().strip("]").strip()
                counts[name] = counts.get(name, -1) + 1
                self.tables.append((i, name, counts[name]))
            elif s.startswith("["):
                name = s[1:].split("]")[0].strip()
                self.tables.append((i, name, 0))

    def _key_line(self, start: int, end: int, key: str) -> int | None:
        pattern = re.compile(r'^\s*("?)' + re.escape(key) + r"\1\s*[=.]")
        for i in range(start, min(end, len(self.lines))):
            if pattern.match(self.lines[i]):
                return i + 1
        return None

    def line(self, path: tuple[str | int, ...]) -> int:
        names = [p for p in path if isinstance(p, str)]
        index = next((p for p in path if isinstance(p, int)), 0)
        bounds = [t[0] for t in self.tables] + [len(self.lines) + 1]
        best = 1
        for depth in range(len(names), 0, -1):
            table = ".".join(names[:depth])
            for n, (line, name, idx) in enumerate(self.tables):
                if name == table and (name != "steps" or idx == index):
                    end = bounds[n + 1] - 1
                    if depth < len(names):
                        found = self._key_line(line, end, names[depth])
                        return found or line
                    return line
        # Keys at the top level, before any table.
        top_end = (self.tables[0][0] - 1) if self.tables else len(self.lines)
        if names:
            found = self._key_line(0, top_end, names[0])
            if found:
                return found
        for depth in range(len(names) - 1, 0, -1):
            table = ".".join(names[:depth])
            for n, (line, name, _) in enumerate(self.tables):
                if name == table:
                    found = self._key_line(line, bounds[n + 1] - 1, names[depth])
                    return found or line
        return best


def _key_text(path: tuple[str | int, ...]) -> str:
    text = ""
    for p in path:
        if isinstance(p, int):
            text += f"[{p}]"
        else:
            shown = p if len(p) <= 64 else f"{p[:32]}…({len(p)} characters)"
            text += ("." if text else "") + shown
    return text


def read(path: str | Path) -> str:
    """The text of a scenario or lesson file; raises ``ScenarioError`` for anything else.

    Only regular files are read (a folder, FIFO or device such as ``/dev/zero`` is refused
    before it is opened, so nothing can block or never end), and at most ``MAX_BYTES``.
    """
    name = str(path)
    try:
        raw = regular_bytes(path, MAX_BYTES)
    except FileNotFoundError:
        raise ScenarioError(f"{name}: no such file") from None
    except NotARegularFile as e:
        why = "is a folder, not a file" if e.folder else "not a regular file"
        raise ScenarioError(f"{name}: {why}") from None
    except TooBig:
        big = f"larger than {MAX_BYTES // 2**20} MiB; a scenario is a small text file"
        raise ScenarioError(f"{name}: {big}") from None
    except (OSError, ValueError) as e:
        raise ScenarioError(f"{name}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ScenarioError(f"{name}:{line}: not UTF-8 text (byte 0x{raw[e.start]:02x})") from None


def load(path: str | Path, extra_keys: set[str] | None = None) -> Scenario:
    """Read and validate a scenario file; raises ``ScenarioError``."""
    return loads(read(path), str(path), extra_keys)


def loads(text: str, name: str = "<scenario>", extra_keys: set[str] | None = None) -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else "1"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ScenarioError(f"{name}:{line}: invalid TOML: {reason}") from None
    except RecursionError:  # tomllib recurses once per nested [ or {
        raise ScenarioError(f"{name}:{_deepest_line(text)}: invalid TOML: nested too deeply") from None
    where = _Where(text)

    def fail(path: tuple[str | int, ...], message: str) -> ScenarioError:
        return ScenarioError(f"{name}:{where.line(path)}: {_key_text(path)}: {message}")

    allowed = TOP_KEYS | EXTRA_TOP_KEYS | (extra_keys or set())
    for key in data:
        if key not in allowed:
            raise fail((key,), "unknown key")
    title = data.get("title", "")
    if not isinstance(title, str):
        raise fail(("title",), "must be a string")
    spec = _world(data, fail)
    steps = _steps(data, fail)
    return Scenario(path=name, title=title, spec=spec, steps=steps, data=data)


def _deepest_line(text: str) -> int:
    """The line where ``[`` and ``{`` nest deepest (quotes and comments roughly skipped)."""
    depth, best, best_line = 0, -1, 1
    for n, line in enumerate(text.splitlines(), start=1):
        line = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#.*', "", line)
        for ch in line:
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth > best:
                best, best_line = depth, n
    return best_line


def spec_from_data(data: dict[str, Any], name: str = "<python>") -> WorldSpec:
    """The world that ``data`` (``world``, ``index`` and ``projects``, as in a file) describes."""

    def fail(path: tuple[str | int, ...], message: str) -> ScenarioError:
        return ScenarioError(f"{name}: {_key_text(path)}: {message}")

    for key in data:
        if key not in ("world", "index", "projects"):
            raise fail((key,), "unknown key")
    return _world(data, fail)


Fail = Any


def _expect(
    value: Any, kind: type | tuple[type, ...], path: tuple[str | int, ...], fail: Fail, what: str
) -> Any:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise fail(path, f"must be {what}")
    return value


def _world(data: dict[str, Any], fail: Fail) -> WorldSpec:
    world = _expect(data.get("world", {}), dict, ("world",), fail, "a table")
    for key in world:
        if key not in ("user", "pythons", "externally_managed", "tools", "os"):
            raise fail(("world", key), "unknown key")
    user = _expect(world.get("user", "ana"), str, ("world", "user"), fail, "a string")
    if not USER_RE.match(user):
        raise fail(("world", "user"), f"invalid user name {user!r}")
    os_name = _expect(world.get("os", ""), str, ("world", "os"), fail, 'a string such as "debian13"')
    if os_name and os_name not in OSES:  # debian13: simulator/model/debian.py
        raise fail(("world", "os"), f"unknown os {os_name!r} (one of {', '.join(OSES)})")
    pythons = _expect(
        world.get("pythons", [debian.MINOR] if os_name else ["3.11"]),
        list,
        ("world", "pythons"),
        fail,
        'a list of versions such as "3.11"',
    )
    if not pythons:
        raise fail(("world", "pythons"), "must name at least one python")
    for i, v in enumerate(pythons):
        _expect(v, str, ("world", "pythons", i), fail, 'a string such as "3.11"')
        if v not in layout.MICRO_VERSIONS:
            known = ", ".join(layout.MICRO_VERSIONS)
            raise fail(("world", "pythons", i), f"unknown python {v!r} (one of {known})")
    if os_name and pythons != [debian.MINOR]:
        raise fail(("world", "pythons"), f'{os_name} has only python {debian.MINOR}: leave "pythons" out')
    if len(set(pythons)) != len(pythons):
        raise fail(("world", "pythons"), "names a python twice")
    managed = _expect(
        world.get("externally_managed", False),
        bool,
        ("world", "externally_managed"),
        fail,
        "true or false",
    )
    tools = _expect(world.get("tools", []), list, ("world", "tools"), fail, 'a list such as ["uv"]')
    for i, v in enumerate(tools):
        if v not in TOOLS:
            raise fail(("world", "tools", i), f"unknown tool {v!r} (one of {', '.join(TOOLS)})")
    releases = _index(data, fail)
    projects = _projects(data, fail)
    spec = WorldSpec(
        user=user,
        pythons=tuple(pythons),
        externally_managed=managed,
        releases=tuple(releases),
        projects=tuple(projects),
        tools=tuple(dict.fromkeys(tools)),
        os=os_name,
    )
    _place(spec, fail)
    return spec


def _place(spec: WorldSpec, fail: Fail) -> None:
    """Every project's folder and files fit on the machine without replacing anything."""
    if not spec.projects:
        return
    machine = build(replace(spec, projects=(), releases=())).fs
    found = places.clash(machine, spec.projects, layout.home_of(spec.user))
    if found:
        project, name, why = found
        raise fail(("projects", project, "path") if name is None
                   else ("projects", project, "files", name), why)


def _index(data: dict[str, Any], fail: Fail) -> list[Release]:
    index = _expect(data.get("index", {}), dict, ("index",), fail, "a table")
    releases: list[Release] = []
    seen: dict[tuple[str, Version], str] = {}
    for project, entries in index.items():
        if not NAME_RE.match(project):
            raise fail(("index", project), f"invalid project name {project!r}")
        _expect(entries, list, ("index", project), fail, "a list of releases")
        for i, entry in enumerate(entries):
            where: tuple[str | int, ...] = ("index", project, i)
            if isinstance(entry, str):
                entry = {"version": entry}
            _expect(entry, dict, where, fail, 'a version string or a table with "version"')
            for key in entry:
                if key not in ("version", "requires", "requires_python", "scripts"):
                    raise fail((*where, key), "unknown key")
            if "version" not in entry:
                raise fail(where, 'missing key "version"')
            version = _expect(entry["version"], str, (*where, "version"), fail, "a string")
            try:
                parsed = Version(version)
            except InvalidVersion:
                raise fail((*where, "version"), f"invalid version {version!r}") from None
            requires = _requirements(entry.get("requires", []), (*where, "requires"), fail)
            rp = _expect(
                entry.get("requires_python", ""), str, (*where, "requires_python"), fail, "a string"
            )
            if rp:
                try:
                    SpecifierSet(rp)
                except InvalidSpecifier:
                    raise fail((*where, "requires_python"), f"invalid specifier {rp!r}") from None
            key2 = (project.lower().replace("_", "-").replace(".", "-"), parsed)
            if key2 in seen:
                raise fail((*where, "version"), f"version {version} is listed twice")
            seen[key2] = version
            scripts = _scripts(project, entry.get("scripts", {}), (*where, "scripts"), fail)
            releases.append(Release(project, version, tuple(requires), rp, scripts))
    return releases


def _scripts(project: str, value: Any, path: tuple[str | int, ...],
             fail: Fail) -> tuple[tuple[str, str], ...]:
    """Console scripts: a table of NAME = "module:function" (docs/scenarios.md)."""
    table = _expect(value, dict, path, fail, 'a table such as { color = "libcolor:main" }')
    for script, target in table.items():
        if not SCRIPT_NAME.match(script):
            raise fail((*path, script), f"invalid script name {script!r}")
        _expect(target, str, (*path, script), fail, 'a string "module:function"')
        why = target_problem(project, target)
        if why:
            raise fail((*path, script), why)
    return tuple(sorted(table.items()))


def _requirements(value: Any, path: tuple[str | int, ...], fail: Fail) -> list[str]:
    """A list of PEP 508 requirement strings, each checked."""
    found: list[str] = _expect(value, list, path, fail, "a list of requirement strings")
    for j, r in enumerate(found):
        _expect(r, str, (*path, j), fail, "a requirement string")
        try:
            requirement(r)
        except InvalidRequirement as e:
            first = str(e).splitlines()[0]
            raise fail((*path, j), f"invalid requirement {r!r}: {first}") from None
    return found


def _projects(data: dict[str, Any], fail: Fail) -> list[ProjectSpec]:
    projects = _expect(data.get("projects", {}), dict, ("projects",), fail, "a table")
    out = []
    for pname, p in projects.items():
        where: tuple[str | int, ...] = ("projects", pname)
        if not re.match(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", pname):
            raise fail(where, f"invalid project name {pname!r}")
        _expect(p, dict, where, fail, "a table")
        for key in p:
            if key not in ("path", "needs", "files", *PROJECT_EXTRA_KEYS):
                raise fail((*where, key), "unknown key")
        path = _expect(p.get("path", f"~/{pname}"), str, (*where, "path"), fail, "a string")
        if not (path.startswith("/") or path == "~" or path.startswith("~/")):
            raise fail((*where, "path"), f"must start with / or ~/ (got {path!r})")
        why = places.bad_path(path)
        if why:
            raise fail((*where, "path"), why)
        needs = _requirements(p.get("needs", []), (*where, "needs"), fail)
        files = _expect(p.get("files", {}), dict, (*where, "files"), fail, "a table")
        for fname, content in files.items():
            _expect(content, str, (*where, "files", fname), fail, "a string")
            why = places.bad_name(fname)
            if why:
                raise fail((*where, "files", fname), why)
        if "enters" in p:  # a lesson's project that enters with an exercise, not at the start
            _expect(p["enters"], str, (*where, "enters"), fail, "the id of an exercise")
            continue
        out.append(ProjectSpec(pname, path, tuple(needs), dict(files)))
    return out


def _steps(data: dict[str, Any], fail: Fail) -> tuple[Step, ...]:
    steps = _expect(data.get("steps", []), list, ("steps",), fail, "an array of [[steps]]")
    out = []
    for i, s in enumerate(steps):
        _expect(s, dict, ("steps", i), fail, "a table with run")
        if "run" not in s:
            raise fail(("steps", i), 'missing key "run"')
        run = _expect(s["run"], str, ("steps", i, "run"), fail, "a string")
        if "\0" in run:
            raise fail(("steps", i, "run"), "holds a NUL character, which no command line can")
        extra = {k: v for k, v in s.items() if k != "run"}
        for key in extra:
            if key not in STEP_EXTRA_KEYS:
                raise fail(("steps", i, key), "unknown key")
        out.append(Step(run, extra))
    return tuple(out)


STEP_EXTRA_KEYS = {"say", "show", "expect"}  # a lesson's narration, pictures and checks
PROJECT_EXTRA_KEYS = ("enters",)  # when a lesson's project enters the story (simulator/lessons)
