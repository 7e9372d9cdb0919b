"""``venvsim lesson slides ID --out DIR``: one picture per ``show`` and a Markdown deck.

The deck works with Marp (``marp: true``) and reveal.js (slides separated by ``---``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..i18n import t
from ..lessons.format import Lesson, command_id
from ..replay import replay
from .screens import inline


def write_slides(lesson: Lesson, out: str, lang: str, theme: str) -> int:
    from ..render import THEME_NAMES, draw_step, save

    if theme not in THEME_NAMES:
        print(f"venvsim: unknown theme {theme!r} (one of {', '.join(THEME_NAMES)})",
              file=sys.stderr)
        return 2
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"venvsim: cannot write to {out}: {e.strerror}", file=sys.stderr)
        return 2
    heading = json.dumps(inline(lesson.title[lang]).plain, ensure_ascii=False)  # YAML-safe
    deck = ["---", "marp: true", f"title: {heading}", "---", "",
            f"# {lesson.title[lang]}", "", lesson.summary[lang], ""]
    if lesson.objectives[lang]:
        deck += [f"**{t('objectives', lang)}**", ""] + [f"- {o}" for o in lesson.objectives[lang]]
    timeline = replay(lesson.scenario)
    total = len(lesson.steps)
    for i, step in enumerate(lesson.steps, start=1):
        if not step.show:
            continue
        name = f"{i:02d}-{step.show}.png"
        shown, since = i, None
        if step.show == "compare" and lesson.compare is not None:  # the moments it names
            since, shown = lesson.compare
        try:
            save(draw_step(timeline, shown, step.show, theme, lang=lang, since=since, highlight=True),
                 str(folder / name))
        except OSError as e:
            print(f"venvsim: cannot write {folder / name}: {e.strerror}", file=sys.stderr)
            return 2
        deck += ["", "---", "", f"## {t('step', lang, n=i, total=total)}", ""]
        if step.say:
            deck += [step.say[lang], ""]
        deck += ["```console", timeline.frames[i - 1].prompt + step.run, "```", "", f"![{step.show}]({name})"]
    deck += _ending(lesson, lang)
    try:
        (folder / "slides.md").write_text("\n".join(deck) + "\n", encoding="utf-8")
    except OSError as e:
        print(f"venvsim: cannot write {folder / 'slides.md'}: {e.strerror}", file=sys.stderr)
        return 2
    print(folder / "slides.md")
    return 0


def _ending(lesson: Lesson, lang: str) -> list[str]:
    """The last slide: the outro, then each exercise and the command that starts it."""
    lines = ["", "---", ""]
    if lesson.outro:
        lines += [lesson.outro[lang], ""]
    for n, ex in enumerate(lesson.exercises, start=1):
        count = f" {n}/{len(lesson.exercises)}" if len(lesson.exercises) > 1 else ""
        lines += [f"### {t('exercise', lang)}{count}", "", ex.prompt[lang], ""]
    if lesson.exercises:
        lines.append(t("exercise_start", lang,
                       command=f"venvsim shell --lesson {command_id(lesson)}"))
    return lines
