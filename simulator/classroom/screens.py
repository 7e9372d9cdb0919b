"""What a lesson shows, piece by piece: title, narration, the terminal, what changed, the end.

Shared by the presenter (``venvsim lesson run``, one screen at a time) and the straight
print (``--no-pause``). Lesson text is Markdown and is rendered, never shown raw; command
output and file names go in as plain ``Text``, so ``[x]`` is never read as rich markup.

>>> import io
>>> from rich.console import Console
>>> c = Console(file=io.StringIO(), width=60, color_system=None)
>>> c.print(md("Look at **tienda** and `pip` [x]"))
>>> c.file.getvalue().strip()
'Look at tienda and pip [x]'
"""

from __future__ import annotations

import re
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..i18n import t
from ..lessons.conditions import unmet
from ..lessons.format import Exercise, Lesson, LessonStep, command_id
from ..replay import Frame
from ..shell.prompt import prompt


def md(text: str) -> Markdown:
    """Lesson text (narration, goals, hints) as rendered Markdown."""
    return Markdown(text)


INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`|(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])")


def inline(text: str, style: str = "") -> Text:
    """One line of lesson Markdown (a title): ``**bold**``, ```code``` and ``*emphasis*``.

    >>> inline("What `activate` **really** does [x]").plain
    'What activate really does [x]'
    """
    out = Text(style=style)
    at = 0
    for m in INLINE.finditer(text):
        out.append(text[at:m.start()])
        bold, code, em = m.groups()
        if bold is not None:
            out.append(bold, style="bold")
        elif code is not None:
            out.append(code, style="bold cyan")
        else:
            out.append(em, style="italic")
        at = m.end()
    out.append(text[at:])
    return out


def title(lesson: Lesson, lang: str) -> list[RenderableType]:
    """The title card: summary, objectives, level and length; then the intro."""
    body: list[RenderableType] = [md(lesson.summary[lang])]
    if lesson.objectives[lang]:
        body.append(Text(f"\n{t('objectives', lang)}:", style="bold"))
        body.append(md("\n".join(f"- {o}" for o in lesson.objectives[lang])))
    level = f"{t(lesson.level, lang)} · {t('minutes', lang, n=lesson.minutes)}"
    parts: list[RenderableType] = [
        Panel(Group(*body), title=inline(lesson.title[lang], "bold"), subtitle=level,
              border_style="cyan")]
    if lesson.intro:
        parts.append(md(lesson.intro[lang]))
    return parts


def narration(step: LessonStep, n: int, total: int, lang: str) -> RenderableType:
    """The teacher's words for step ``n``, under its number."""
    heading = Text(t("step", lang, n=n, total=total), style="bold")
    if not step.say:
        return Rule(heading, style="blue")
    return Panel(md(step.say[lang]), title=heading, title_align="left", border_style="blue")


def terminal(frame: Frame, lang: str, *, ran: bool) -> RenderableType:
    """The terminal: the prompt and the typed command; once ``ran``, its output and the next
    prompt inside, and its exit status on the frame (not part of the terminal's own text)."""
    text = Text(frame.prompt, style="green")
    text.append(frame.run, style="bold")
    subtitle = None
    if ran:
        text.append("\n")
        output = frame.outcome.output
        text.append(output if not output or output.endswith("\n") else output + "\n")
        text.append(prompt(frame.after), style="green")
        code = frame.outcome.code
        subtitle = Text(f" {t('exit_code', lang, code=code)} ",
                        style="bold red" if code else "green")
    return Panel(text, title=Text(t("terminal", lang), style="dim"), title_align="left",
                 subtitle=subtitle, subtitle_align="left", box=box.SQUARE, border_style="dim")


def aftermath(step: LessonStep, frame: Frame, lang: str) -> list[RenderableType]:
    """Below the terminal: what changed, whether it went as the lesson expects, the picture."""
    parts: list[RenderableType] = []
    said = [d for e in frame.outcome.events if (d := describe(e, lang, frame.after.home))]
    if said:
        parts.append(Text(f"{t('changed', lang)}: " + "; ".join(said), style="yellow"))
    if not step.expect.empty:
        problems = unmet(step.expect, frame.after, frame.outcome)
        if problems:
            parts.append(Text(t("check_failed", lang, problems="; ".join(problems)), style="red"))
        else:
            parts.append(Text(t("check_ok", lang), style="dim green"))
    if step.show:
        from ..render.terminal import picture

        parts.append(picture(frame.after, step.show, lang))
    return parts


def ending(lesson: Lesson, lang: str) -> list[RenderableType]:
    """The outro, then each exercise (its goal) and the command that starts it."""
    parts: list[RenderableType] = [Rule(style="cyan")]
    if lesson.outro:
        parts.append(md(lesson.outro[lang]))
    parts.append(Text(t("lesson_done", lang), style="bold"))
    total = len(lesson.steps)
    for n, ex in enumerate(lesson.exercises, start=1):
        parts.append(_exercise(ex, n, len(lesson.exercises), total, lang))
    if lesson.exercises:
        key = "exercise_start" if len(lesson.exercises) == 1 else "exercise_start_many"
        parts.append(md(t(key, lang, command=f"venvsim shell --lesson {command_id(lesson)}")))
    return parts


def _exercise(ex: Exercise, n: int, count: int, total: int, lang: str) -> RenderableType:
    heading = t("exercise", lang) + (f" {n}/{count}" if count > 1 else "")
    body: list[RenderableType] = [md(ex.prompt[lang])]
    if ex.after < total:
        body.append(Text(t("exercise_from", lang, n=ex.after) if ex.after
                         else t("exercise_from_start", lang), style="dim"))
    return Panel(Group(*body), title=Text(heading, style="bold"), title_align="left",
                 border_style="magenta")


def describe(event: dict[str, Any], lang: str, home: str) -> str | None:
    """One event of a command, in words (None for those not worth saying)."""
    from ..model.world import tilde

    kind = event.get("event")
    if kind in ("installed", "uninstalled"):
        return t(f"{kind}_{'in' if kind == 'installed' else 'from'}", lang, name=event["name"],
                 version=event["version"], prefix=tilde(event["prefix"], home))
    if kind == "venv_created":
        return t("venv_created", lang, prefix=tilde(event["prefix"], home), python=event["python"])
    if kind == "activated":
        return t("activated", lang, venv=tilde(event["venv"], home))
    if kind == "deactivated":
        return t("deactivated", lang)
    if kind in ("moved", "copied"):
        return t(kind, lang, src=tilde(event["from"], home), dst=tilde(event["to"], home))
    if kind == "removed":
        return t("removed", lang, path=tilde(event["path"], home))
    return None
