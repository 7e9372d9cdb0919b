"""Every lesson, in English and Spanish, walked through the presenter in Chromium (Run, Next, to
the end): each step's exit code in the panel is the one the simulation gives (``replay``, what
``venvsim lesson run`` shows), and the page raises no error. One page for all of them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from simulator.lessons.format import lesson_paths, load_lesson
from simulator.replay import replay

from .conftest import Browser

pytestmark = pytest.mark.browser
WAIT_MS = 60_000
LESSONS = [load_lesson(p) for p in lesson_paths()]
WORD = {"en": "exit code", "es": "código de salida"}


@pytest.fixture(scope="module")
def page(chromium: Browser) -> Any:
    page = chromium.open()
    yield page
    page.close()


def walk(page: Any, lesson_id: str, lang: str, steps: int) -> list[int]:
    """Open ``lesson_id`` at step 1 by its link, Run and Next every step; the exit codes shown."""
    page.evaluate(f"location.hash = '#lang={lang}&lesson={lesson_id}&step=1'")
    page.wait_for_function("id => document.querySelector('#run') && location.hash.includes(id)",
                           arg=lesson_id, timeout=WAIT_MS)
    codes = []
    for n in range(1, steps + 1):
        page.wait_for_selector("#run", timeout=WAIT_MS)
        page.click("#run")
        shown = page.wait_for_selector("#exit", timeout=WAIT_MS).inner_text()
        found = re.fullmatch(rf".*{WORD[lang]}\D*(\d+)", shown.strip())
        assert found, f"step {n}: the panel says {shown!r}"
        codes.append(int(found.group(1)))
        assert f"step={n}&ran=1" in page.url
        page.click("#next")
    page.wait_for_selector("#goals", state="attached", timeout=WAIT_MS)
    assert f"step={steps + 1}" in page.url
    return codes


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lesson_runs_in_the_presenter_as_in_the_simulation(
        chromium: Browser, page: Any, lang: str) -> None:
    for lesson in LESSONS:
        expected = [frame.outcome.code for frame in replay(lesson.scenario).frames]
        assert walk(page, lesson.id, lang, len(lesson.steps)) == expected, lesson.id
        text = page.inner_text(".xterm-rows")
        assert "Traceback" not in text and "internal error" not in text, lesson.id
        assert chromium.errors == [], (lesson.id, chromium.errors)
