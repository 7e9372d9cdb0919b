"""Running lessons in class: ``venvsim lesson list | run | check``.

Terminal output only (rich); matplotlib and networkx are never imported here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from ..model.world import World, build
from ..replay import replay
from ..scenario import ScenarioError
from ..shell.prompt import prompt
from ..shell.run import Outcome, run_line
from .conditions import unmet
from .format import Lesson, find, lesson_paths, load_lesson
from .i18n import t


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
        console.print(Text.assemble((f"{r['id']:<28}", "bold"), f" {r['title'][lang]}  ",
                                    (f"[{t(str(r['level']), lang)} · "
                                     f"{t('minutes', lang, n=r['minutes'])}]", "dim")))
    return 0


def describe(event: dict[str, Any], lang: str, world: World) -> str | None:
    """One event of a command, in words (None for those not worth saying)."""
    home = world.home

    def short(p: str) -> str:
        return "~" + p[len(home):] if p.startswith(home + "/") else p

    kind = event.get("event")
    if kind == "installed":
        return t("installed_in", lang, name=event["name"], version=event["version"],
                 prefix=short(event["prefix"]))
    if kind == "uninstalled":
        return t("uninstalled_from", lang, name=event["name"], version=event["version"],
                 prefix=short(event["prefix"]))
    if kind == "venv_created":
        return t("venv_created", lang, prefix=short(event["prefix"]), python=event["python"])
    if kind == "activated":
        return t("activated", lang, venv=short(event["venv"]))
    if kind == "deactivated":
        return t("deactivated", lang)
    if kind in ("moved", "copied"):
        return t(kind, lang, src=short(event["from"]), dst=short(event["to"]))
    if kind == "removed":
        return t("removed", lang, path=short(event["path"]))
    return None


def _header(lesson: Lesson, lang: str, console: Console) -> None:
    body: list[Any] = [Markdown(lesson.summary[lang])]
    if lesson.objectives[lang]:
        body.append(Text(f"\n{t('objectives', lang)}:", style="bold"))
        body.append(Markdown("\n".join(f"- {o}" for o in lesson.objectives[lang])))
    from rich.console import Group

    level = f"{t(lesson.level, lang)} · {t('minutes', lang, n=lesson.minutes)}"
    console.print(Panel(Group(*body), title=Text(lesson.title[lang], style="bold"),
                        subtitle=Text(level), border_style="cyan"))
    if lesson.intro:
        console.print(Markdown(lesson.intro[lang]))


def run_lesson(lesson: Lesson, lang: str, console: Console, *, start: int = 1,
               pause: Callable[[], bool] | None = None) -> int:
    """Narrate and replay a lesson; ``pause`` returns False when the teacher quits."""
    _header(lesson, lang, console)
    world = build(lesson.scenario.spec)
    total = len(lesson.steps)
    for i, step in enumerate(lesson.steps, start=1):
        before = world
        outcome = run_line(world, step.run)
        world = outcome.world
        if i < start:
            continue
        console.rule(Text(t("step", lang, n=i, total=total), style="dim"))
        if step.say:
            console.print(Panel(Markdown(step.say[lang]), border_style="blue"))
        line = Text(prompt(before), style="green")
        line.append(step.run, style="bold")
        console.print(line)
        if outcome.output:
            console.print(Text(outcome.output.rstrip("\n")), highlight=False)
        _changes(outcome, lang, world, console)
        if not step.expect.empty:
            problems = unmet(step.expect, world, outcome)
            if problems:
                console.print(Text(t("check_failed", lang, problems="; ".join(problems)), style="red"))
            else:
                console.print(Text(t("check_ok", lang), style="green"))
        if step.show:
            from ..render.terminal import picture

            console.print(picture(world, step.show, lang))
        if pause is not None and i < total and not pause():
            return 0
    if lesson.outro:
        console.rule()
        console.print(Markdown(lesson.outro[lang]))
    console.print(Text(t("lesson_done", lang), style="bold"))
    return 0


def _changes(outcome: Outcome, lang: str, world: World, console: Console) -> None:
    said = [d for e in outcome.events if (d := describe(e, lang, world))]
    if said:
        console.print(Text(f"{t('changed', lang)}: " + "; ".join(said), style="yellow"))


def check_lesson(lesson: Lesson) -> list[str]:
    """Every failed ``expect`` and every exercise solution that misses its goal."""
    problems: list[str] = []
    timeline = replay(lesson.scenario)
    for i, (step, frame) in enumerate(zip(lesson.steps, timeline.frames, strict=True), start=1):
        for p in unmet(step.expect, frame.after, frame.outcome):
            problems.append(f"step {i} ({step.run}): {p}")
    for ex in lesson.exercises:
        start = timeline.world_at(ex.after)
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
            console.print(Text(f"✗ {lesson.id}", style="bold red"), soft_wrap=True)
            for p in problems:
                console.print(Text(f"    {p}"), soft_wrap=True)
        else:
            console.print(Text("✓ " + t("check_lesson_ok", lang, id=lesson.id, steps=len(lesson.steps),
                                        exercises=len(lesson.exercises)), style="green"),
                          soft_wrap=True)
    return 1 if failed else 0


def _error(message: str) -> int:
    """A bad lesson: one line on standard error, never wrapped nor read as markup; exit 2."""
    print(f"venvsim: {message}", file=sys.stderr)
    return 2
