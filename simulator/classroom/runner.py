"""Running lessons in class: ``venvsim lesson list | run | check``.

Terminal output only (rich); matplotlib and networkx are never imported here.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from ..i18n import t
from ..lessons.conditions import unmet
from ..lessons.format import Lesson, find, lesson_paths, load_lesson
from ..lessons.story import exercise_world
from ..replay import replay
from ..scenario import ScenarioError
from ..shell.run import run_line
from .screens import aftermath, ending, inline, narration, terminal, title


def list_lessons(as_json: bool, lang: str, console: Console) -> int:
    rows: list[dict[str, Any]] = []
    for path in lesson_paths():
        try:
            lesson = load_lesson(path)
        except ScenarioError as e:
            return _error(str(e))
        rows.append({"id": lesson.id, "title": lesson.title, "level": lesson.level,
                     "minutes": lesson.minutes, "exercises": len(lesson.exercises)})
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    for r in rows:
        console.print(Text.assemble((f"{r['id']:<28}", "bold"), " ", inline(r["title"][lang]), "  ",
                                    (f"[{t(str(r['level']), lang)} · "
                                     f"{t('minutes', lang, n=r['minutes'])}]", "dim")))
    return 0


def run_lesson(lesson: Lesson, lang: str, console: Console, *, start: int = 1) -> int:
    """Print the whole lesson straight through (``--no-pause``: scripts, ``make demo``)."""
    for part in title(lesson, lang):
        console.print(part)
    timeline = replay(lesson.scenario)
    total = len(lesson.steps)
    for n, (step, frame) in enumerate(zip(lesson.steps, timeline.frames, strict=True), start=1):
        if n < start:
            continue
        console.print(narration(step, n, total, lang))
        console.print(terminal(frame, lang, ran=True))
        for part in aftermath(step, frame, lang):
            console.print(part)
    for part in ending(lesson, lang):
        console.print(part)
    return 0


def check_lesson(lesson: Lesson) -> list[str]:
    """Every failed ``expect`` and every exercise solution that misses its goal."""
    problems: list[str] = []
    timeline = replay(lesson.scenario)
    for i, (step, frame) in enumerate(zip(lesson.steps, timeline.frames, strict=True), start=1):
        for p in unmet(step.expect, frame.after, frame.outcome):
            problems.append(f"step {i} ({step.run}): {p}")
    for ex in lesson.exercises:
        start = exercise_world(lesson, ex, timeline)
        w = start
        for line in ex.solution:
            w = run_line(w, line).world
        for p in unmet(ex.goal, w):
            problems.append(f"exercise {ex.id}: its solution does not reach the goal: {p}")
        if not unmet(ex.goal, start):
            problems.append(f"exercise {ex.id}: the goal already holds before any command")
    return problems


def check_lessons(lesson_id: str | None, lang: str, console: Console) -> int:
    paths = lesson_paths()
    if lesson_id is not None:
        found = find(lesson_id)
        if found is None:
            return _error(t("unknown_lesson", lang, id=lesson_id))
        paths = [found]
    failed = False
    for path in paths:
        try:
            lesson = load_lesson(path)
        except ScenarioError as e:
            return _error(str(e))
        problems = check_lesson(lesson)
        if problems:
            failed = True
            console.print(f"✗ {lesson.id}", style="bold red", markup=False, soft_wrap=True)
            for p in problems:
                console.print(f"    {p}", highlight=False, markup=False, soft_wrap=True)
        else:
            console.print("✓ " + t("check_lesson_ok", lang, id=lesson.id,
                                   steps=len(lesson.steps), exercises=len(lesson.exercises)),
                          style="green", markup=False, soft_wrap=True)
    return 1 if failed else 0


def _error(message: str) -> int:
    """A bad lesson: one line on standard error, never wrapped nor read as markup; exit 2."""
    print(f"venvsim: {message}", file=sys.stderr)
    return 2
