"""``venvsim lesson slides ID --out DIR``: one picture per ``show`` and a Markdown deck.

The deck works with Marp (``marp: true``) and reveal.js (slides separated by ``---``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.world import build
from ..shell.run import run_line
from .format import Lesson
from .i18n import t


def write_slides(lesson: Lesson, out: str, lang: str, theme: str) -> int:
    from ..render import THEME_NAMES, draw, save

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
    deck = ["---", "marp: true", f"title: {lesson.title[lang]}", "---", "",
            f"# {lesson.title[lang]}", "", lesson.summary[lang], ""]
    if lesson.objectives[lang]:
        deck += [f"**{t('objectives', lang)}**", ""] + [f"- {o}" for o in lesson.objectives[lang]]
    world = build(lesson.scenario.spec)
    total = len(lesson.steps)
    for i, step in enumerate(lesson.steps, start=1):
        before = world
        world = run_line(world, step.run).world
        if not step.show:
            continue
        name = f"{i:02d}-{step.show}.png"
        try:
            save(draw(world, step.show, theme, lang=lang, before=before), str(folder / name))
        except OSError as e:
            print(f"venvsim: cannot write {folder / name}: {e.strerror}", file=sys.stderr)
            return 2
        deck += ["", "---", "", f"## {t('step', lang, n=i, total=total)}", ""]
        if step.say:
            deck += [step.say[lang], ""]
        deck += ["```console", f"$ {step.run}", "```", "", f"![{step.show}]({name})"]
    try:
        (folder / "slides.md").write_text("\n".join(deck) + "\n", encoding="utf-8")
    except OSError as e:
        print(f"venvsim: cannot write {folder / 'slides.md'}: {e.strerror}", file=sys.stderr)
        return 2
    print(folder / "slides.md")
    return 0
