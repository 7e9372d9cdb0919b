"""Presenter mode as a class sees it: `venvsim lesson run` driven by keys through a real
pseudo-terminal, at a projector's 70×24 and a laptop's 120×40, in both languages."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.i18n import t
from simulator.lessons.format import LANGS, find, lesson_paths, load_lesson
from simulator.replay import replay

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
CLEAR = "\x1b[2J"
BOX = re.compile(r"[│╭╮╰╯─┌┐└┘├┤▼•\s]+")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|: 0\)")


def plain(markdown: str) -> str:
    """Lesson Markdown as the screen shows it, words only."""
    return BOX.sub(" ", markdown.replace("**", "").replace("`", "")).strip()


SPAWNED: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_program_outlives_its_test() -> Iterator[None]:
    yield
    while SPAWNED:
        proc = SPAWNED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


class Terminal:
    """A program on the slave side of a pty of a given size; we read what it draws."""

    def __init__(self, args: list[str], cols: int, rows: int) -> None:
        self.rows = rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {k: v for k, v in os.environ.items()
               if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
        env["TERM"] = "xterm-256color"
        self.proc = subprocess.Popen([sys.executable, "-m", "simulator", *args], stdin=slave,
                                     stdout=slave, stderr=slave, env=env, start_new_session=True)
        SPAWNED.append(self.proc)
        os.close(slave)
        self.master = master
        self.raw = ""

    def key(self, data: str) -> None:
        os.write(self.master, data.encode())

    def screen(self, *hints: str, timeout: float = 60) -> tuple[str, str]:
        """Wait until one of ``hints`` is drawn; the screen since the last clear, and the hint."""
        deadline = time.monotonic() + timeout
        start = len(self.raw)
        while True:
            fresh = ANSI.sub("", self.raw[start:])
            found = [h for h in hints if h in fresh]
            if found:
                raw = self.raw[self.raw.rfind(CLEAR):]
                return raw, found[0]
            left = deadline - time.monotonic()
            assert left > 0, f"no {hints!r} on screen; got:\n{fresh[-3000:]}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"the program ended; last output:\n{fresh[-3000:]}"
                self.raw += chunk.decode("utf-8", "replace")

    def close(self) -> int:
        """Read to the end (a program blocked on a full pty never ends), then its status."""
        try:
            while select.select([self.master], [], [], 30)[0]:
                try:
                    if not os.read(self.master, 65536):
                        break
                except OSError:  # EIO: the program closed its side
                    break
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


class Presenter(Terminal):
    """``venvsim lesson run`` in a pty: every screen it shows, read as the class sees it."""

    def __init__(self, lesson_id: str, lang: str, cols: int, rows: int, *more: str) -> None:
        super().__init__(["lesson", "run", lesson_id, "--lang", lang, *more], cols, rows)
        self.hints = {k: t(k, lang) for k in ("keys_start", "keys_predict", "keys_after",
                                               "keys_more", "keys_end")}
        self.seen: list[tuple[str, str]] = []  # (hint, screen text) in the order shown

    def show(self) -> tuple[str, str]:
        raw, hint = self.screen(*self.hints.values())
        screen = ANSI.sub("", re.split(r"\x1b\[\d+;1H", raw)[0])
        rows_used = len(screen.rstrip("\n").split("\n"))
        assert rows_used <= self.rows - 1, f"{rows_used} rows: the top scrolled away\n{screen}"
        self.seen.append((hint, screen))
        return hint, screen

    def press(self, key: str) -> tuple[str, str]:
        """Press ``key`` (none: wait for the first screen), then page through the screen it
        brings; its last hint and all of its pages."""
        if key:
            self.key(key)
        hint, screen = self.show()
        pages = [screen]
        while hint == self.hints["keys_more"]:
            self.key("\r")
            hint, screen = self.show()
            pages.append(screen)
        return hint, "".join(pages)

    def everything(self) -> str:
        return "".join(s for _, s in self.seen)


@pytest.mark.parametrize("cols,rows", [(70, 24), (120, 40)])
@pytest.mark.parametrize("lang", LANGS)
def test_presenter_through_a_pseudo_terminal(lang: str, cols: int, rows: int) -> None:
    lesson = load_lesson(find("02"))  # type: ignore[arg-type]
    frames = replay(lesson.scenario).frames
    total = len(lesson.steps)
    term = Presenter("02", lang, cols, rows)
    hints, show, press = term.hints, term.show, term.press
    exit_word = t("exit_code", lang, code=0).rsplit(" ", 1)[0]
    hint, screen = show()
    assert hint == hints["keys_start"] and lesson.title[lang] in screen
    for n, (step, frame) in enumerate(zip(lesson.steps, frames, strict=True), start=1):
        hint, screen = press("\r")
        # Before the key: the narration and the command, nothing of the output yet.
        assert hint == hints["keys_predict"], screen
        assert t("step", lang, n=n, total=total) in screen
        assert plain(step.say[lang]) in plain(screen)
        assert plain(frame.prompt + frame.run) in plain(screen)
        assert exit_word not in screen
        if frame.outcome.output.strip():
            last = frame.outcome.output.strip().splitlines()[-1].strip()
            assert last not in plain(screen).replace(plain(step.say[lang]), "")
        hint, screen = press(" " if n % 2 else "\x1b[C")  # space and → run it too
        assert hint == hints["keys_after"]
        assert t("exit_code", lang, code=frame.outcome.code) in screen
        assert plain(step.say[lang]) in plain(screen)
        if n == 3:  # back one screen (b), and one more (←): step 2's output again
            hint, screen = press("b")
            assert hint == hints["keys_predict"] and t("step", lang, n=3, total=total) in screen
            assert exit_word not in screen
            hint, screen = press("\x1b[D")
            assert t("step", lang, n=2, total=total) in screen
            assert t("exit_code", lang, code=0) in screen
            press("\r")
            press("\r")
    story = term.everything()
    hint, ending = press("\r")
    assert hint == hints["keys_end"]
    assert "venvsim shell --lesson 02" in ending and "~/informe" in ending
    term.key("\r")
    assert term.close() == 0
    everything = term.everything()
    assert "**" not in everything and "`" not in everything
    assert not PLACEHOLDER.search(everything), PLACEHOLDER.search(everything)
    assert "informe" not in story  # it enters with its exercise, not in the story


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_through_a_pseudo_terminal(path: Path, lang: str) -> None:
    lesson = load_lesson(path)
    frames = replay(lesson.scenario).frames
    term = Presenter(path.stem[:2], lang, 70, 24)
    on_frame = "└─  " + t("exit_code", lang, code=0).rsplit(" ", 1)[0]  # on the box's edge
    hint, _ = term.press("")
    assert hint == term.hints["keys_start"]
    for n, frame in enumerate(frames, start=1):
        hint, screen = term.press("\r")
        assert hint == term.hints["keys_predict"] and on_frame not in screen, (n, screen)
        assert t("step", lang, n=n, total=len(frames)) in screen
        hint, screen = term.press("\r")
        assert hint == term.hints["keys_after"]
        assert f"└─  {t('exit_code', lang, code=frame.outcome.code)}  ─" in screen, (n, screen)
    hint, ending = term.press("\r")
    assert hint == term.hints["keys_end"] and t("lesson_done", lang) in ending
    if lesson.exercises:
        assert f"venvsim shell --lesson {path.stem[:2]}" in ending
    term.key("\r")
    assert term.close() == 0
    shown = term.everything()
    assert "**" not in shown
    for quoted in {q for f in frames for q in re.findall(r"`[^`\n]*`", f.outcome.output)}:
        shown = shown.replace(quoted, "")  # what uv printed quotes names in backticks
    assert "`" not in shown
    assert not re.search(r"\{[a-z_]+\}", shown)


def test_presenter_quits_on_q() -> None:
    term = Terminal(["lesson", "run", "1", "--lang", "en", "--from", "8"], 70, 24)
    raw, _ = term.screen(t("keys_predict", "en"))
    assert "Step 8 of 9" in raw
    term.key("\x1b[6~")  # a clicker's PageDown runs it
    raw, _ = term.screen(t("keys_after", "en"))
    assert "└─  exit code 1  ─" in ANSI.sub("", raw)
    term.key("\x1b[5~")  # and PageUp goes back
    raw, _ = term.screen(t("keys_predict", "en"))
    assert "Step 8 of 9" in raw and "└─  exit code" not in ANSI.sub("", raw)
    term.key("q")
    assert term.close() == 0


def test_presenter_reads_lines_where_single_keys_are_impossible() -> None:
    from io import StringIO

    from rich.console import Console

    from simulator.classroom.present import BACK, NEXT, QUIT, line_keys, present

    answers = iter(["", "b", "x", "", "", "q"])

    def read(_: str) -> str:
        for answer in answers:
            return answer
        raise EOFError

    keys = list(line_keys(read))
    assert keys == [NEXT, BACK, "", NEXT, NEXT, QUIT, QUIT]  # the last: end of input
    out = StringIO()
    console = Console(file=out, width=70, height=24, color_system=None)
    lesson = load_lesson(find("01"))  # type: ignore[arg-type]
    assert present(lesson, "en", console, iter(keys)) == 0
    text = out.getvalue()
    step1 = text.index("Step 1 of 9")
    assert text.index("One Python for everyone") < step1
    assert text.count("Step 1 of 9") == 3  # before, after, and before again (after b)
    assert "exit code 0" in text[step1:] and "Step 2 of 9" not in text


def test_every_lesson_shows_every_exit_status_and_no_raw_markdown() -> None:
    from io import StringIO

    from rich.console import Console

    from simulator.classroom.runner import run_lesson
    from simulator.lessons.format import lesson_paths

    said = re.compile(r"(?:código(?: de salida)?|exit code|exits with)\D{0,12}?(\d+)", re.I)
    for path in lesson_paths():
        lesson = load_lesson(path)
        frames = replay(lesson.scenario).frames
        codes = [f.outcome.code for f in frames]
        # uv quotes names in backticks: what the commands printed is left out of the check
        printed = {q for f in frames for q in re.findall(r"`[^`\n]*`", f.outcome.output)}
        for lang in LANGS:
            out = StringIO()
            run_lesson(lesson, lang, Console(file=out, width=70, color_system=None))
            text = out.getvalue()
            prose = text
            for quoted in printed:
                prose = prose.replace(quoted, "")
            assert "**" not in text and "`" not in prose, (path.stem, lang)
            assert not re.search(r"\{[a-z_]+\}", text), (path.stem, lang)
            chunks = re.split(r"─ " + t("step", lang, n=r"\d+", total=len(codes)) + " ", text)
            assert len(chunks) == len(codes) + 1, (path.stem, lang)
            for n, (chunk, code) in enumerate(zip(chunks[1:], codes, strict=True), start=1):
                assert t("exit_code", lang, code=code) in chunk, (path.stem, lang, n)
                step = lesson.steps[n - 1]
                for number in said.findall(step.say[lang] if step.say else ""):
                    # a narrated exit code is true: this step's, or the one just before
                    assert int(number) in codes[max(0, n - 2):n], (path.stem, lang, n, number)


@pytest.mark.parametrize("given", ["1", "01", "global-python", "01-global-python"])
def test_a_lesson_is_found_by_number_slug_or_name(given: str) -> None:
    ran = subprocess.run([sys.executable, "-m", "simulator", "lesson", "run", given,
                          "--no-pause", "--lang", "en"], capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert "One Python for everyone" in ran.stdout
    assert "To practise: venvsim shell --lesson 01" in ran.stdout


def test_shell_finds_a_lesson_by_number_too() -> None:
    ran = subprocess.run([sys.executable, "-m", "simulator", "shell", "--lesson", "2",
                          "--lang", "en"], input="ls ~\n:quit\n", capture_output=True,
                         text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert "informe" in ran.stdout  # the exercise's project is there when practice starts


def test_exercise_projects_enter_with_their_exercise() -> None:
    from simulator.lessons.story import exercise_world
    from simulator.model.projects import projects

    lesson = load_lesson(find("09"))  # type: ignore[arg-type]
    timeline = replay(lesson.scenario)
    assert all("informe" not in {p.name for p in projects(f.after)} for f in timeline.frames)
    split, fits = lesson.exercises
    assert "informe" not in {p.name for p in projects(exercise_world(lesson, split, timeline))}
    assert "informe" in {p.name for p in projects(exercise_world(lesson, fits, timeline))}


def test_enters_must_name_an_exercise(tmp_path: Path) -> None:
    from simulator.lessons.format import load_lesson as load
    from simulator.scenario import ScenarioError

    text = find("02").read_text(encoding="utf-8")  # type: ignore[union-attr]
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('enters = "third-project"', 'enters = "nope"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(bad)
    line = next(i for i, s in enumerate(text.splitlines(), start=1) if s.startswith("enters"))
    assert str(info.value).startswith(f"{bad}:{line}: projects.informe.enters: must be the id")


def test_every_narration_and_its_command_fit_a_70x24_screen() -> None:
    from io import StringIO

    from rich.console import Console

    from simulator.classroom.present import screens
    from simulator.lessons.format import lesson_paths

    for path in lesson_paths():
        lesson = load_lesson(path)
        for lang in LANGS:
            before = screens(lesson, lang)[1:-1:2]  # each step before it runs
            assert len(before) == len(lesson.steps)
            for n, screen in enumerate(before, start=1):
                out = StringIO()
                console = Console(file=out, width=70, height=24, color_system=None)
                for part in screen.parts:
                    console.print(part)
                rows = out.getvalue().rstrip("\n").count("\n") + 1
                assert rows <= 23, (path.stem, lang, n, rows)


MARKUP = """
[lesson]
title.es = "Corchetes [x] y **negrita**"
title.en = "Brackets [x] and **bold**"
summary.es = "Un [bold]texto[/bold] que no es markup."
summary.en = "A [bold]text[/bold] that is not markup."
[[steps]]
run = "echo '[red]hola[/red] [x]'"
say.es = "Imprime `[red]` tal cual [x]."
say.en = "It prints `[red]` as it is [x]."
[steps.expect]
output_contains = ["nunca"]
"""


def test_brackets_in_lesson_text_and_output_are_not_rich_markup(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from simulator.classroom.runner import check_lessons, run_lesson
    from simulator.lessons.format import loads_lesson

    lesson = loads_lesson(MARKUP, "brackets.toml")
    out = StringIO()
    run_lesson(lesson, "en", Console(file=out, width=70, color_system=None))
    text = out.getvalue()
    assert "Brackets [x] and bold" in text and "A [bold]text[/bold] that is" in text
    assert "[red]hola[/red] [x]" in text and "It prints [red] as it is [x]." in text
    path = tmp_path / "brackets[x].toml"
    path.write_text(MARKUP, encoding="utf-8")
    out = StringIO()
    assert check_lessons(str(path), "en", Console(file=out, width=200, color_system=None)) == 1
    assert "✗ brackets[x]" in out.getvalue() and "'nunca'" in out.getvalue()


def test_slides_deck_uses_the_real_prompt_and_ends_with_the_exercise(tmp_path: Path) -> None:
    from simulator.classroom.slides import write_slides

    lesson = load_lesson(find("08"))  # type: ignore[arg-type]
    assert write_slides(lesson, str(tmp_path), "en", "light") == 0
    deck = (tmp_path / "slides.md").read_text(encoding="utf-8")
    assert 'title: "--system-site-packages and who wins"' in deck  # YAML-safe, no backticks
    assert "(.venv) ana@aula:~/informe$ pip install 'libcolor>=2'" not in deck  # no show there
    assert "```console\n(.venv) ana@aula:~/informe$ python app.py\n```" in deck
    assert deck.rstrip().endswith("To practise: `venvsim shell --lesson 08`")
    shown = [s for s in lesson.steps if s.show]
    assert len(list(tmp_path.glob("*.png"))) == len(shown)
