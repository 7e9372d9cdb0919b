"""The built site in real headless Chromium: the shell, its picture, undo, lessons, language,
permalinks, pasted scenarios; no request leaves the site (``chromium`` fails the run if one does)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Browser

pytestmark = pytest.mark.browser
WAIT_MS = 30_000


def screen(page: Any) -> str:
    """The terminal's text as xterm.js's DOM renderer shows it, once all written so far is drawn."""
    page.evaluate("terminalDrawn()")
    return str(page.inner_text(".xterm-rows"))


def typed(page: Any, line: str, expect: str) -> str:
    """Type ``line`` and Enter; wait until the terminal shows ``expect``; the terminal's text."""
    page.keyboard.type(line)
    page.keyboard.press("Enter")
    page.wait_for_function("t => document.querySelector('.xterm-rows').innerText.includes(t)",
                           arg=expect, timeout=WAIT_MS)
    return screen(page)


def last_line(page: Any) -> str:
    return [line for line in screen(page).splitlines() if line.strip()][-1].strip()


def picture(page: Any) -> str:
    return str(page.inner_html("#picture"))


@pytest.fixture(scope="module")
def session(chromium: Browser) -> Any:
    """One page, a venv made and activated in it."""
    page = chromium.open()
    page.click("#terminal")
    typed(page, "pip install requests", "Successfully installed")
    typed(page, "python3 -m venv .venv", "python3 -m venv .venv")
    typed(page, "source .venv/bin/activate", "(.venv) ana@aula:~$")
    return page


def test_commands_answer_in_the_terminal_and_the_picture(session: Any) -> None:
    text = screen(session)
    assert "Successfully installed" in text and "requests-2.34.2" in text
    assert last_line(session) == "(.venv) ana@aula:~$"
    svg = picture(session)
    assert svg.startswith("<svg") and ">requests 2.34.2</text>" in svg
    assert "lang=en" in session.url and "l=source+.venv%2Fbin%2Factivate" in session.url


def test_a_bad_line_gets_what_bash_and_pip_say(session: Any) -> None:
    text = typed(session, "pip instal requests", 'ERROR: unknown command "instal"')
    text = typed(session, "frobnicate", "frobnicate: command not found")
    assert "Traceback" not in text


def test_history_and_tab_completion(session: Any) -> None:
    session.keyboard.press("ArrowUp")
    session.wait_for_function("() => document.querySelector('.xterm-rows').innerText"
                              ".trimEnd().endsWith('$ frobnicate')", timeout=WAIT_MS)
    session.keyboard.press("Control+c")
    session.keyboard.type("deact")
    session.keyboard.press("Tab")
    session.wait_for_function("() => document.querySelector('.xterm-rows').innerText"
                              ".trimEnd().endsWith('$ deactivate')", timeout=WAIT_MS)
    session.keyboard.press("Control+c")


def test_pasted_lines_run_one_by_one(session: Any) -> None:
    session.evaluate("""() => {  // what the browser does on Ctrl-V
      const clip = new DataTransfer();
      clip.setData("text/plain", "cd /tmp\\npwd\\ncd ~\\n");
      document.querySelector(".xterm-helper-textarea").dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: clip, bubbles: true, cancelable: true}));
    }""")
    session.wait_for_function("() => document.querySelector('.xterm-rows').innerText"
                              ".trimEnd().endsWith('$ cd ~\\n(.venv) ana@aula:~$')", timeout=WAIT_MS)
    assert "(.venv) ana@aula:/tmp$ pwd\n/tmp\n" in screen(session)


def test_escape_leaves_the_terminal_for_the_buttons(session: Any) -> None:
    session.keyboard.press("Escape")
    assert session.evaluate("document.activeElement.id") == "download"
    session.keyboard.press("Shift+Tab")
    assert session.evaluate("document.activeElement.id") == "theme"
    session.click("#terminal")


def test_undo_takes_the_machine_back(session: Any) -> None:
    session.select_option("#view", "venvs")
    session.click("#terminal")
    typed(session, "python3 -m venv other", "python3 -m venv other")
    assert ">~/other</text>" in picture(session)
    typed(session, ":undo", "undone")
    assert last_line(session) == "(.venv) ana@aula:~$"
    assert ">~/other</text>" not in picture(session) and ">~/.venv</text>" in picture(session)
    assert "view=venvs" in session.url


def test_a_dark_picture_for_a_projector(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en&theme=dark&l=python3+-m+venv+.venv")
    assert 'fill="#16191E"' in picture(page) and page.evaluate("document.body.className") == "dark"
    page.select_option("#theme", "high-contrast")
    assert 'fill="#FFFFFF"' in picture(page) and "theme=high-contrast" in page.url
    page.close()


def test_a_permalink_opens_the_same_machine(chromium: Browser, session: Any) -> None:
    again = chromium.open(session.url)
    assert last_line(again) == "(.venv) ana@aula:~$"
    assert picture(again) == picture(session)
    assert "Successfully installed" in screen(again)
    again.evaluate("location.hash = '#lang=en&l=mkdir+fresh&l=cd+fresh'")
    again.wait_for_function("() => document.querySelector('.xterm-rows').innerText"
                            ".trimEnd().endsWith('ana@aula:~/fresh$')", timeout=WAIT_MS)
    again.close()


def test_language_switch_keeps_the_machine(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en&l=python3+-m+venv+.venv&l=source+.venv%2Fbin%2Factivate")
    page.select_option("#lang", "es")
    page.wait_for_function("() => document.documentElement.lang === 'es'", timeout=WAIT_MS)
    assert page.inner_text("label:has(#lang) span") == "Idioma"
    assert "Una máquina de pruebas" in screen(page)
    assert last_line(page) == "(.venv) ana@aula:~$"
    assert "lang=es" in page.url
    page.close()


def test_a_lesson_without_the_presenter_shows_its_story_and_goal(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en&lesson=02-one-venv-per-project")
    page.wait_for_selector("#story:not([hidden])", timeout=WAIT_MS)
    story = page.inner_text("#story")
    assert "python3 -m venv" in story and "The story" in story
    assert page.query_selector("#run") is None
    page.click("#terminal")
    typed(page, ":goal", ":goal")
    page.close()


def panel(page: Any) -> str:
    return str(page.inner_text("#story"))


def wait_panel(page: Any, text: str) -> str:
    page.wait_for_function("t => document.querySelector('#story').innerText.includes(t)",
                           arg=text, timeout=WAIT_MS)
    return panel(page)


@pytest.mark.parametrize("lang, predict, step, exit_code", [
    ("en", "What do you think will happen?", "Step 1 of 9", "exit code"),
    ("es", "¿Qué creéis que pasará?", "Paso 1 de 9", "código de salida"),
])
def test_the_presenter_walks_a_lesson(chromium: Browser, lang: str, predict: str, step: str,
                                      exit_code: str) -> None:
    page = chromium.open(chromium.base + f"#lang={lang}")
    page.select_option("#lesson", "01-global-python")
    text = wait_panel(page, step)
    # step 1: its narration (Markdown rendered) and its command, not yet run
    assert predict in text and "which python3 pip" in text
    assert "<code>which</code>" in page.inner_html("#say")  # Markdown rendered, no backticks
    assert "/usr/bin/python3" not in screen(page) and page.query_selector("#exit") is None
    assert "step=1" in page.url
    assert page.evaluate("document.activeElement.id") == "run"  # keyboard: Enter runs it
    page.keyboard.press("Enter")
    wait_panel(page, f"{exit_code} 0")
    assert "\nana@aula:~$ which python3 pip\n/usr/bin/python3\n/usr/bin/pip\n" in screen(page)
    assert exit_code not in screen(page)  # the exit code is outside the terminal's own text
    assert "step=1" in page.url and "ran=1" in page.url
    after_one = picture(page)
    # Next (→ on the panel), step 2 runs and fails: exit code 1 in the panel
    page.keyboard.press("ArrowRight")
    wait_panel(page, step.replace("1", "2", 1))
    assert "Traceback" not in screen(page)
    page.click("#run")
    wait_panel(page, f"{exit_code} 1")
    assert "\nana@aula:~$ cd ~/tienda && python app.py\nTraceback" in screen(page)
    assert "ran=1" in page.url and "step=2" in page.url
    link = page.url
    # Back: the machine before step 2's command, its terminal and picture as they were
    page.keyboard.press("ArrowLeft")
    text = wait_panel(page, predict)
    assert "Traceback" not in screen(page) and "/usr/bin/python3" in screen(page)
    assert picture(page) == after_one
    assert "ran=1" not in page.url and "step=2" in page.url
    page.click("#back")
    wait_panel(page, f"{exit_code} 0")
    assert step in panel(page) and "step=1" in page.url
    # keyboard only: Escape leaves the terminal for the panel, and the panel for the buttons
    page.click("#terminal")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "next"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "download"
    # a permalink opens at its step, the step's command run
    again = chromium.open(link)
    text = wait_panel(again, f"{exit_code} 1")
    assert step.replace("1", "2", 1) in text and "Traceback" in screen(again)
    again.close()
    page.close()


def test_the_presenter_ends_with_the_exercises(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en&lesson=02-one-venv-per-project&step=9&ran=1"
                         "&l=cd+~%2Ftienda+%26%26+python3+-m+venv+.venv")
    wait_panel(page, "Step 9 of 9")
    page.click("#next")
    text = wait_panel(page, "Exercises")
    assert "A virtual environment is a folder" in text and "informe" in text  # outro, goal
    assert "step=10" in page.url and page.query_selector("#goals li.met") is None
    page.click("#terminal")  # the goal is checked after every command
    for line in ("cd ~/informe", "python3 -m venv .venv"):
        typed(page, line, line)
    typed(page, ".venv/bin/pip install appc", "Successfully installed")
    page.wait_for_selector("#goals li.met", timeout=WAIT_MS)
    page.click("#back")
    wait_panel(page, "Step 9 of 9")
    assert "blog works" in screen(page) and "informe" not in screen(page)
    page.close()


def test_a_pasted_scenario_loads_or_says_why_not(chromium: Browser) -> None:
    page = chromium.open()
    page.click("#scenario summary")
    page.fill("#toml", "title = 'x'\n[world]\nbogus = 1\n")
    page.click("#load")
    error = page.inner_text("#toml-error")
    assert error.startswith("scenario.toml:") and "\n" not in error
    page.fill("#toml", "title = 'two projects'\n[world]\n")
    page.click("#load")
    assert page.inner_text("#toml-error") == ""
    assert "toml=" in page.url
    page.close()


def test_the_student_picks_the_machine(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en")
    assert page.evaluate("[...document.querySelectorAll('#machine option')].map(o => o.text)") == [
        "Python 3.11", "Python 3.11 with uv", "Debian 13"]
    page.select_option("#machine", "debian13")
    page.wait_for_function("() => location.hash.includes('machine=debian13')", timeout=WAIT_MS)
    assert "A freshly installed Debian 13" in screen(page)
    assert "Python 3.13.5 · /usr/bin/python3.13" in picture(page)
    page.click("#terminal")
    text = typed(page, "python", "command not found")
    assert "ana@aula:~$ python\nbash: python: command not found\n" in text
    text = typed(page, "echo $?", "127")
    assert "ana@aula:~$ echo $?\n127\n" in text
    typed(page, "pip install requests", "PEP 668")
    again = chromium.open(page.url)  # the link keeps the machine and the lines typed
    assert again.input_value("#machine") == "debian13"
    assert "hint: See PEP 668" in screen(again) and "l=python&l=echo" in again.url
    again.close()
    page.select_option("#machine", "uv")
    page.wait_for_function("() => location.hash.includes('machine=uv')", timeout=WAIT_MS)
    page.click("#terminal")
    text = typed(page, "uv --version", "uv 0.13.8")
    assert "ana@aula:~$ uv --version\nuv 0.13.8 (x86_64-unknown-linux-gnu)\n" in text
    assert "python: command not found" not in text  # a new machine, a new terminal
    page.select_option("#lesson", "11-debian-says-no")  # a lesson brings its own machine
    wait_panel(page, "Step 1 of")
    assert page.is_hidden("#machine") and "machine=" not in page.url  # not there to mislead
    page.select_option("#lesson", "")
    page.wait_for_function("() => location.hash.includes('machine=uv')", timeout=WAIT_MS)
    assert page.is_visible("#machine") and page.input_value("#machine") == "uv"
    page.close()


def test_a_debian_machine_drawn_as_it_is(chromium: Browser) -> None:
    page = chromium.open(chromium.base + "#lang=en&machine=debian13&l=python3+-m+venv+.venv"
                         "&l=sudo+apt+install+-y+python3-venv")
    assert last_line(page) == "ana@aula:~$" and "Setting up python3-venv (3.13.5-1) ..." in screen(page)
    svg = picture(page)
    for text in ("Python 3.13.5 · /usr/bin/python3.13", "apt: /usr/lib/python3/dist-packages",
                 "EXTERNALLY-MANAGED (PEP 668): pip refuses to install here"):
        assert f">{text}</text>" in svg
    page.close()
