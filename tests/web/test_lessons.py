"""Every lesson, in English and Spanish, walked through the presenter in Chromium (Run, Next, to
the end): each step's exit code in the panel is the one the simulation gives (``replay``, what
``venvsim lesson run`` shows), the picture after the last step is the one CPython draws, and the
page raises no error. One page for all of them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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


def walk(page: Any, lesson_id: str, lang: str, steps: int) -> tuple[list[int], str]:
    """Open ``lesson_id`` at step 1 by its link, Run and Next every step; the exit codes shown,
    and the picture after the last step."""
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
        drawn = str(page.inner_html("#picture"))  # as the browser serializes it
        page.click("#next")
    page.wait_for_selector("#goals", state="attached", timeout=WAIT_MS)
    assert f"step={steps + 1}" in page.url
    return codes, drawn


WITHOUT_MATPLOTLIB = """
import json, sys
sys.modules["matplotlib"] = None  # as in Pyodide: text measured from the font table
from simulator.lessons.format import lesson_paths, load_lesson
from simulator.replay import replay
from simulator.web.page import picture
out = {}
for lesson in map(load_lesson, lesson_paths()):
    last = replay(lesson.scenario).frames[-1]
    for lang in ("en", "es"):
        out[lesson.id + " " + lang] = picture(last.after, "compare", lang, last.before)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def pictures() -> dict[str, str]:
    """Each lesson's picture after its last step, drawn by CPython as the page draws it."""
    done = subprocess.run([sys.executable, "-c", WITHOUT_MATPLOTLIB], capture_output=True,
                          text=True, check=True)
    return dict(json.loads(done.stdout))


def as_html(page: Any, svg: str) -> str:
    """``svg`` as the browser serializes it once it is in the page (``<rect></rect>``...)."""
    return str(page.evaluate("s => { const d = document.createElement('div'); d.innerHTML = s; "
                             "return d.innerHTML; }", svg))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lesson_runs_in_the_presenter_as_in_the_simulation(
        chromium: Browser, page: Any, pictures: dict[str, str], lang: str) -> None:
    for lesson in LESSONS:
        frames = replay(lesson.scenario).frames
        codes, drawn = walk(page, lesson.id, lang, len(lesson.steps))
        assert codes == [frame.outcome.code for frame in frames], lesson.id
        # the same bytes: render/ sums floats with math.fsum, exact on every Python
        assert drawn == as_html(page, pictures[f"{lesson.id} {lang}"]), lesson.id
        text = page.inner_text(".xterm-rows")
        assert "Traceback" not in text and "internal error" not in text, lesson.id
        assert chromium.errors == [], (lesson.id, chromium.errors)
