"""Lesson files: a scenario plus narration, pictures, checks and exercises (docs/lessons.md).

A bad lesson raises ``ScenarioError`` with one line naming the file, the line and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..scenario import Scenario, ScenarioError, _Where, load, loads

LANGS = ("es", "en")
LEVELS = ("beginner", "intermediate", "advanced")
VIEWS = ("global", "venvs", "graph", "compare", "timeline")
CONDITION_KEYS = ("runs", "fails", "installed", "absent", "active")
STEP_ONLY_KEYS = ("exit_code", "output_contains")

Text = dict[str, str]  # language -> text


@dataclass(frozen=True)
class Conditions:
    """What must hold after a step (``expect``) or for an exercise (``goal``)."""

    exit_code: int | None = None
    output_contains: tuple[str, ...] = ()
    runs: tuple[str, ...] = ()
    fails: tuple[str, ...] = ()
    installed: dict[str, dict[str, str]] = field(default_factory=dict)
    absent: dict[str, tuple[str, ...]] = field(default_factory=dict)
    active: str | None = None

    @property
    def empty(self) -> bool:
        return self == Conditions()


@dataclass(frozen=True)
class LessonStep:
    run: str
    say: Text
    show: str | None
    expect: Conditions


@dataclass(frozen=True)
class Exercise:
    id: str
    after: int
    prompt: Text
    hints: dict[str, tuple[str, ...]]
    solution: tuple[str, ...]
    disabled: tuple[str, ...]
    goal: Conditions


@dataclass(frozen=True)
class Lesson:
    id: str
    path: str
    level: str
    minutes: int
    title: Text
    summary: Text
    objectives: dict[str, tuple[str, ...]]
    intro: Text
    outro: Text
    scenario: Scenario
    steps: tuple[LessonStep, ...]
    exercises: tuple[Exercise, ...]


def lesson_dir() -> Path:
    """Where the shipped lessons are: ``lessons/`` beside the package, else inside it."""
    here = Path(__file__).resolve().parents[2] / "lessons"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[1] / "data" / "lessons"


def lesson_paths() -> list[Path]:
    return sorted(lesson_dir().glob("*.toml"))


def find(lesson_id: str) -> Path | None:
    """A shipped lesson by number (``1`` or ``01``), slug, file stem, or any lesson file by its path."""
    if lesson_id.endswith(".toml") and Path(lesson_id).is_file():
        return Path(lesson_id)
    for path in lesson_paths():
        number, _, slug = path.stem.partition("-")
        same_number = lesson_id.isdigit() and number.isdigit() and int(lesson_id) == int(number)
        if lesson_id in (path.stem, number, slug) or same_number:
            return path
    return None


def load_lesson(path: str | Path) -> Lesson:
    """Read and check a lesson file; raises ``ScenarioError``."""
    scenario = load(path)
    text = Path(path).read_text(encoding="utf-8")
    return _lesson(scenario, text, str(path))


def loads_lesson(text: str, name: str = "<lesson>") -> Lesson:
    return _lesson(loads(text, name), text, name)


def _lesson(scenario: Scenario, text: str, name: str) -> Lesson:
    where = _Where(text)
    data = scenario.data

    def fail(path: tuple[str | int, ...], message: str) -> ScenarioError:
        key = ""
        for p in path:
            key += f"[{p}]" if isinstance(p, int) else ("." if key else "") + p
        return ScenarioError(f"{name}:{where.line(path)}: {key}: {message}")

    meta = data.get("lesson")
    if not isinstance(meta, dict):
        raise fail(("lesson",), "missing table [lesson]")
    for key in meta:
        if key not in ("level", "minutes", "title", "summary", "objectives", "intro", "outro"):
            raise fail(("lesson", key), "unknown key")
    level = meta.get("level", "beginner")
    if level not in LEVELS:
        raise fail(("lesson", "level"), f"must be one of {', '.join(LEVELS)}")
    minutes = meta.get("minutes", 10)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise fail(("lesson", "minutes"), "must be a whole number of minutes")
    title = _text(meta.get("title"), ("lesson", "title"), fail, required=True)
    summary = _text(meta.get("summary"), ("lesson", "summary"), fail, required=True)
    intro = _text(meta.get("intro"), ("lesson", "intro"), fail, required=False)
    outro = _text(meta.get("outro"), ("lesson", "outro"), fail, required=False)
    objectives = _texts(meta.get("objectives"), ("lesson", "objectives"), fail)
    steps = []
    for i, raw in enumerate(data.get("steps", [])):
        say = _text(raw.get("say"), ("steps", i, "say"), fail, required=False)
        show = raw.get("show")
        if show is not None and show not in VIEWS:
            raise fail(("steps", i, "show"), f"must be one of {', '.join(VIEWS)}")
        expect = _conditions(raw.get("expect", {}), ("steps", i, "expect"), fail, step=True)
        steps.append(LessonStep(scenario.steps[i].run, say, show, expect))
    exercises = []
    raw_exercises = data.get("exercises", [])
    if not isinstance(raw_exercises, list):
        raise fail(("exercises",), "must be an array of [[exercises]]")
    seen = set()
    for i, raw in enumerate(raw_exercises):
        where_ex: tuple[str | int, ...] = ("exercises", i)
        if not isinstance(raw, dict):
            raise fail(where_ex, "must be a table")
        for key in raw:
            if key not in ("id", "after", "prompt", "hints", "solution", "disabled", "goal"):
                raise fail((*where_ex, key), "unknown key")
        ex_id = raw.get("id", f"exercise-{i + 1}")
        if not isinstance(ex_id, str) or ex_id in seen:
            raise fail((*where_ex, "id"), "must be a unique string")
        seen.add(ex_id)
        after = raw.get("after", len(steps))
        if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= len(steps):
            raise fail((*where_ex, "after"), f"must be a step number from 0 to {len(steps)}")
        solution = _strings(raw.get("solution"), (*where_ex, "solution"), fail)
        if not solution:
            raise fail((*where_ex, "solution"), "must list the commands that reach the goal")
        goal = _conditions(raw.get("goal"), (*where_ex, "goal"), fail, step=False)
        if goal.empty:
            raise fail((*where_ex, "goal"), "must say what has to hold")
        exercises.append(Exercise(
            ex_id, after, _text(raw.get("prompt"), (*where_ex, "prompt"), fail, required=True),
            _texts(raw.get("hints"), (*where_ex, "hints"), fail), tuple(solution),
            tuple(_strings(raw.get("disabled", []), (*where_ex, "disabled"), fail)), goal,
        ))
    return Lesson(Path(name).stem, name, level, minutes, title, summary, objectives, intro,
                  outro, scenario, tuple(steps), tuple(exercises))


Fail = Any


def _text(value: Any, path: tuple[str | int, ...], fail: Fail, *, required: bool) -> Text:
    if value is None:
        if required:
            raise fail(path, "missing (give es and en)")
        return {}
    if not isinstance(value, dict):
        raise fail(path, "must give es and en, e.g. title.es = \"...\"")
    for lang in value:
        if lang not in LANGS:
            raise fail((*path, lang), f"unknown language (use {' and '.join(LANGS)})")
    for lang in LANGS:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            raise fail((*path, lang), "missing text in this language")
    return {lang: value[lang] for lang in LANGS}


def _texts(value: Any, path: tuple[str | int, ...], fail: Fail) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {lang: () for lang in LANGS}
    if not isinstance(value, dict):
        raise fail(path, "must give es and en lists")
    out = {}
    for lang in LANGS:
        items = _strings(value.get(lang), (*path, lang), fail)
        out[lang] = tuple(items)
    if len(out["es"]) != len(out["en"]):
        raise fail(path, "es and en must have as many entries")
    return out


def _strings(value: Any, path: tuple[str | int, ...], fail: Fail) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(path, "must be a list of strings")
    return list(value)


def _conditions(value: Any, path: tuple[str | int, ...], fail: Fail, *, step: bool) -> Conditions:
    if value is None:
        return Conditions()
    if not isinstance(value, dict):
        raise fail(path, "must be a table")
    allowed = CONDITION_KEYS + (STEP_ONLY_KEYS if step else ())
    for key in value:
        if key not in allowed:
            raise fail((*path, key), "unknown key")
    exit_code = value.get("exit_code")
    if exit_code is not None and (not isinstance(exit_code, int) or isinstance(exit_code, bool)):
        raise fail((*path, "exit_code"), "must be a whole number")
    installed: dict[str, dict[str, str]] = {}
    for env, packages in (value.get("installed") or {}).items():
        if not isinstance(packages, dict) or not all(isinstance(v, str) for v in packages.values()):
            raise fail((*path, "installed", env), 'must map names to versions ("*" for any)')
        installed[env] = dict(packages)
    absent = {}
    for env, names in (value.get("absent") or {}).items():
        absent[env] = tuple(_strings(names, (*path, "absent", env), fail))
    active = value.get("active")
    if active is not None and not isinstance(active, str):
        raise fail((*path, "active"), 'must be a venv folder, or "" for none')
    return Conditions(
        exit_code=exit_code,
        output_contains=tuple(_strings(value.get("output_contains", []),
                                       (*path, "output_contains"), fail)),
        runs=tuple(_strings(value.get("runs", []), (*path, "runs"), fail)),
        fails=tuple(_strings(value.get("fails", []), (*path, "fails"), fail)),
        installed=installed,
        absent=absent,
        active=active,
    )
