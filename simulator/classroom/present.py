"""Presenter mode for ``venvsim lesson run``: one screen at a time, the class predicts.

The screens, in order: the title; then for each step the narration and the command typed
at the prompt (the class guesses what will happen), then the same with the output, the
next prompt and the exit status; last, the outro and the exercises. A screen taller than
the terminal is shown a page at a time. Keys: Enter, space, →, n or PageDown go on; b, ←, p,
Backspace or PageUp go back one screen (clickers send PageDown and PageUp); c or Ctrl-L clears
and redraws; q or Esc quits. On a terminal the keys act at once (termios cbreak mode);
elsewhere a line is read (the key, then Enter).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console, RenderableType
from rich.text import Text

from ..i18n import t
from ..lessons.format import Lesson
from ..replay import replay
from .screens import aftermath, ending, narration, terminal, title

NEXT, BACK, QUIT, REDRAW = "next", "back", "quit", "redraw"
KEYS = {"\r": NEXT, "\n": NEXT, " ": NEXT, "\x1b[C": NEXT, "\x1bOC": NEXT, "n": NEXT,
        "\x1b[6~": NEXT, "b": BACK, "p": BACK, "\x1b[D": BACK, "\x1bOD": BACK, "\x1b[5~": BACK,
        "\x7f": BACK, "q": QUIT, "\x03": QUIT, "\x04": QUIT, "\x1b": QUIT, "c": REDRAW,
        "\x0c": REDRAW}
LINE_KEYS = {"": NEXT, "n": NEXT, "b": BACK, "p": BACK, "q": QUIT, "c": REDRAW}


@dataclass(frozen=True)
class Screen:
    """One screen: what it shows and the hint under it."""

    parts: list[RenderableType]
    hint: str


def screens(lesson: Lesson, lang: str) -> list[Screen]:
    """Every screen of the lesson, in order (two per step: before and after it runs)."""
    timeline = replay(lesson.scenario)
    total = len(lesson.steps)
    out = [Screen(title(lesson, lang), t("keys_start", lang))]
    for n, (step, frame) in enumerate(zip(lesson.steps, timeline.frames, strict=True), start=1):
        said = narration(step, n, total, lang)
        out.append(Screen([said, terminal(frame, lang, ran=False)], t("keys_predict", lang)))
        out.append(Screen([said, terminal(frame, lang, ran=True), *aftermath(step, frame, lang)],
                          t("keys_after", lang)))
    out.append(Screen(ending(lesson, lang), t("keys_end", lang)))
    return out


def present(lesson: Lesson, lang: str, console: Console, keys: Iterator[str], *,
            start: int = 1) -> int:
    """Show the lesson screen by screen, moving as ``keys`` say (NEXT, BACK, QUIT, REDRAW)."""
    shown = screens(lesson, lang)
    at = 0 if start <= 1 else 2 * start - 1
    while 0 <= at < len(shown):
        key = _show(shown[at], console, keys, lang)
        if key == QUIT:
            break
        if key == BACK:
            at = max(0, at - 1)
        elif key == NEXT:
            at += 1
    console.print()
    return 0


def _show(screen: Screen, console: Console, keys: Iterator[str], lang: str) -> str:
    """Clear, print ``screen`` a page at a time, and return the key that leaves it."""
    at = 0
    while True:
        # laid out again each time: a redraw after resizing the window fits the new size
        pages = paginate([_lines(console, part) for part in screen.parts],
                         max(3, console.size.height - 1))
        at = min(at, len(pages) - 1)
        console.clear()
        console.file.write("".join(line + "\n" for line in pages[at]))
        last = at == len(pages) - 1
        key = _wait(console, keys, screen.hint if last else t("keys_more", lang))
        if key == NEXT and not last:
            at += 1
        elif key == BACK and at > 0:
            at -= 1
        elif key != REDRAW:
            return key


def _lines(console: Console, part: RenderableType) -> list[str]:
    with console.capture() as capture:
        console.print(part)
    return capture.get().splitlines()


def paginate(parts: list[list[str]], height: int) -> list[list[str]]:
    """Pages of at most ``height`` lines; a part starts a new page rather than being cut,
    unless it is taller than a page.

    >>> paginate([["a", "b"], ["c", "d"], ["e"]], 3)
    [['a', 'b'], ['c', 'd', 'e']]
    >>> paginate([["a"], ["b", "c", "d", "e"]], 3)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    pages: list[list[str]] = [[]]
    for lines in parts:
        if pages[-1] and len(pages[-1]) + len(lines) > height and len(lines) <= height:
            pages.append([])
        for line in lines:
            if len(pages[-1]) == height:
                pages.append([])
            pages[-1].append(line)
    return pages


def _wait(console: Console, keys: Iterator[str], hint: str) -> str:
    """Show ``hint`` under the screen and wait for a known key; the hint is erased after."""
    with console.capture() as capture:
        console.print(Text(hint, style="dim"), end="")
    bottom = f"\x1b[{console.size.height};1H" if console.is_terminal else ""
    console.file.write(bottom + capture.get())
    console.file.flush()
    key = ""
    while key not in (NEXT, BACK, QUIT, REDRAW):
        key = next(keys, QUIT)
    console.file.write("\r\x1b[2K" if console.is_terminal else "\n")
    return key


@contextmanager
def terminal_keys(fd: int | None = None) -> Iterator[Iterator[str]]:
    """Keys from the terminal, one at a time without Enter (cbreak mode, restored on the way
    out); lines where the terminal cannot do that."""
    fd = sys.stdin.fileno() if fd is None else fd
    try:
        import termios
        import tty

        saved = termios.tcgetattr(fd)
    except (ImportError, OSError):
        yield line_keys(input)
        return
    tty.setcbreak(fd)
    try:
        yield (KEYS.get(_read_key(fd), "") for _ in iter(int, 1))
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _read_key(fd: int) -> str:
    """One key press: a byte, or a whole escape sequence (arrows, page keys)."""
    import select

    data = os.read(fd, 1)
    if not data:
        return "\x04"
    if data == b"\x1b":
        while select.select([fd], [], [], 0.05)[0]:
            more = os.read(fd, 1)
            data += more
            if not more or more.isalpha() or more == b"~":
                break
    return data.decode("utf-8", "replace")


def line_keys(read: Callable[[str], str]) -> Iterator[str]:
    """Keys as lines: Enter goes on, ``b`` goes back, ``c`` redraws, ``q`` quits."""
    while True:
        try:
            line = read("")
        except (EOFError, KeyboardInterrupt):
            yield QUIT
            return
        yield LINE_KEYS.get(line.strip().lower()[:1], "")
