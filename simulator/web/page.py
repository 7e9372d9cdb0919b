"""The Python side of the web page: the venvsim shell, one line at a time, and its picture.

The page (on Pyodide) calls ``Page.start`` and ``Page.line``; each answers JSON text. The
shell is ``classroom.repl.Shell`` itself (its meta commands, goals, hints, undo and redo), its
output caught in a string; the picture is drawn by ``render.svgwriter`` (no matplotlib).
No Python exception reaches the page: the boundary turns one into a one-line error.

>>> page = Page()
>>> state = json.loads(page.start('{"lang": "en"}'))
>>> state["prompt"]
'ana@aula:~$ '
>>> out = json.loads(page.line("python3 -m venv .venv"))
>>> out = json.loads(page.line("source .venv/bin/activate"))
>>> out["prompt"]
'(.venv) ana@aula:~$ '
>>> "</svg>" in out["svg"]
True
"""

from __future__ import annotations

import io
import json
from typing import Any

from ..classroom.machines import banner, label, names, spec
from ..classroom.repl import (
    COMMANDS,
    META,
    Session,
    Shell,
    _paths,
    at_terminal,
    join_lines,
)
from ..lessons.format import Lesson
from ..shell.parse import Incomplete, parse
from ..shell.prompt import prompt

VIEWS = ("compare", "global", "venvs", "path", "anatomy", "graph")
THEMES = ("light", "dark", "high-contrast")
WIDTH = 100  # terminal columns the page opens with


class Page:
    """One browser tab's shell session."""

    def __init__(self) -> None:
        self.shell: Shell | None = None
        self.out = io.StringIO()
        self.pending = ""  # the start of a command that goes on past its line
        self.view = "compare"
        self.theme = "light"
        self.width = WIDTH

    # -- the boundary ----------------------------------------------------------
    def start(self, request: str) -> str:
        """A new session: ``{"lesson": ID}``, ``{"toml": TEXT}`` or a sandbox machine
        (``{"machine": NAME}``, default the first); ``lang``."""
        return guarded(lambda: self._start(json.loads(request)))

    def line(self, text: str) -> str:
        """Answer one typed line: its output, the next prompt, the picture."""
        return guarded(lambda: self._line(text))

    def draw(self, view: str, theme: str = "light") -> str:
        """The picture again, as ``view`` in ``theme`` (dark and high-contrast: for a projector)."""
        return guarded(lambda: self._draw(view, theme))

    def complete(self, text: str) -> str:
        """Tab completion for the line typed so far: the candidates for its last word."""
        return guarded(lambda: {"candidates": self._complete(text)})

    # -- the work --------------------------------------------------------------
    def _start(self, request: dict[str, Any]) -> dict[str, Any]:
        from ..lessons.format import find, load_lesson
        from ..lessons.story import practice_world
        from ..model.world import build
        from ..scenario import ScenarioError, loads

        lang = "es" if request.get("lang") == "es" else "en"
        self.width = int(request.get("width", WIDTH))
        lesson: Lesson | None = None
        story = False  # the presenter walks the lesson's steps: its machine starts where they do
        if request.get("lesson"):
            path = find(str(request["lesson"]))
            if path is None:
                return {"error": f"there is no lesson {request['lesson']!r}"}
            lesson = load_lesson(path)
            story = 0 < int(request.get("step") or 0) <= len(lesson.steps)
            world = build(lesson.scenario.spec) if story else practice_world(lesson)
            session = Session(world, source={"lesson": lesson.id})
        elif request.get("toml"):
            try:
                scenario = loads(str(request["toml"]), "scenario.toml")
            except ScenarioError as e:
                return {"error": str(e)}
            session = Session(build(scenario.spec))
        else:
            machine = str(request.get("machine") or names()[0])
            if machine not in names():
                return {"error": f"there is no machine {machine!r} (one of {', '.join(names())})"}
            session = Session(build(spec(machine)), source={"machine": machine})
        session = at_terminal(session)  # xterm.js is a terminal: TERM is set, clear works
        self.out = io.StringIO()
        # during the story no exercise is open: its goal is checked from the practice on
        self.shell = Shell(session, None if story else lesson, lang, self.out, interactive=False)
        self.shell.console = console(self.out, self.width)
        self.shell.read = no_keyboard
        self.pending = ""
        if lesson is not None:
            self.shell.say(lesson.title[lang], "bold")
            if not story:
                self.shell.show_goal()
        elif not request.get("toml"):
            self.shell.say(banner(machine, lang))
        return {**self.state(), "output": self.take(), "lesson": lesson_data(lesson, lang)}

    def _line(self, text: str) -> dict[str, Any]:
        shell = self.need()
        if self.pending or not text.lstrip().startswith(":"):
            whole = join_lines(self.pending, text, False) if self.pending else text
            try:
                parse(whole)
            except Incomplete:
                self.pending = whole
                return {**self.state(), "output": "", "prompt": "> "}
            except Exception:  # a syntax error: the shell itself answers it as bash would
                pass
            text, self.pending = whole, ""
        answer = browser_meta(text.strip(), shell.lang)
        if answer is not None:
            shell.say(answer)
            return {**self.state(), "output": self.take()}
        word = text.split()
        if len(word) == 2 and word[0] == ":draw" and word[1] in VIEWS:
            self.view = word[1]  # the picture beside the terminal follows :draw VIEW
        before, position = shell.session.world, shell.session.position
        alive = shell.handle(text)
        if not alive:
            shell.say(shell.t("bye"))
        done: dict[str, Any] = {**self.state(before), "output": self.take(), "ended": not alive}
        if shell.session.position == position + 1:  # a command ran: its exit status, in words
            code = shell.session.outcomes[position].code
            done.update(exit=shell.t("exit_code", code=code), code=code)
        return done

    def _draw(self, view: str, theme: str) -> dict[str, Any]:
        if view not in VIEWS:
            return {"error": f"unknown view {view!r} (use {', '.join(VIEWS)})"}
        if theme not in THEMES:
            return {"error": f"unknown theme {theme!r} (use {', '.join(THEMES)})"}
        self.view, self.theme = view, theme
        return self.state()

    def _complete(self, text: str) -> list[str]:
        world = self.need().session.world
        head, _, word = text.rpartition(" ")
        if word.startswith(":"):
            return [m for m in META if m.startswith(word)]
        if not head.strip():
            return [c for c in COMMANDS if c.startswith(word)]
        return list(_paths(world, word))

    # -- helpers ---------------------------------------------------------------
    def need(self) -> Shell:
        if self.shell is None:
            raise RuntimeError("no session: start one first")
        return self.shell

    def take(self) -> str:
        text = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return text

    def state(self, before: Any = None) -> dict[str, Any]:
        shell = self.need()
        world = shell.session.world
        return {"prompt": prompt(world),
                "svg": picture(world, self.view, shell.lang, before, self.theme),
                "position": shell.session.position, "exercise": shell.exercise,
                "view": self.view, "theme": self.theme}


def picture(world: Any, view: str, lang: str, before: Any = None, theme: str = "light") -> str:
    """The world drawn as ``view`` in SVG, what changed since ``before`` highlighted."""
    from ..render.svgwriter import to_svg
    from ..render.views import picture as layout

    return to_svg(layout(world, view, lang, before=before), theme)


def lesson_data(lesson: Lesson | None, lang: str) -> dict[str, Any] | None:
    """What the page shows beside the terminal: the title, each step's narration (Markdown as
    HTML) and command, the outro, the goals; and the presenter's words (``venvsim lesson run``'s)."""
    from ..i18n import t

    if lesson is None:
        return None
    total = len(lesson.steps)
    return {"id": lesson.id, "title": lesson.title[lang], "intro": html(lesson.intro[lang]),
            "steps": [{"run": s.run, "say": html(s.say[lang]) if s.say else "",
                       "label": t("step", lang, n=n, total=total)}
                      for n, s in enumerate(lesson.steps, start=1)],
            "outro": html(lesson.outro[lang]) if lesson.outro else "",
            "exercises": [html(e.prompt[lang]) for e in lesson.exercises],
            "words": {"predict": predict(lang), "done": t("lesson_done", lang),
                      "exercise": t("exercise", lang), "terminal": t("terminal", lang)}}


def predict(lang: str) -> str:
    """The presenter's question before a command runs (the first part of its key hint).

    >>> predict("en"), predict("es")
    ('What do you think will happen?', '¿Qué creéis que pasará?')
    """
    from ..i18n import t

    return t("keys_predict", lang).split("  ")[0]


def html(text: str) -> str:
    """Lesson Markdown as HTML; raw HTML in it is shown as text, never run.

    >>> html("Look at **tienda** and `pip` <b>")
    '<p>Look at <strong>tienda</strong> and <code>pip</code> &lt;b&gt;</p>\\n'
    """
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).render(text))


def machines(lang: str) -> str:
    """The sandbox machines as JSON: [{name, label}], the default first."""
    return guarded(lambda: {"machines": [{"name": n, "label": label(n, lang)} for n in names()]})


def lessons(lang: str) -> str:
    """The lessons as JSON: [{id, title}], in order."""
    from ..lessons.format import lesson_paths, load_lesson

    return guarded(lambda: {"lessons": [
        {"id": lesson.id, "title": lesson.title[lang]}
        for lesson in map(load_lesson, lesson_paths())]})


ELSEWHERE = {
    "en": {":save": "in the browser the link keeps the session: Copy link (the address holds it)",
           ":load": "in the browser a link opens a session: paste it in the address bar",
           ":draw": "in the browser the Download SVG button saves the picture"},
    "es": {":save": "en el navegador el enlace guarda la sesión: Copiar enlace (la dirección la lleva)",
           ":load": "en el navegador un enlace abre una sesión: pégalo en la barra de direcciones",
           ":draw": "en el navegador el botón Descargar SVG guarda el dibujo"},
}


def browser_meta(line: str, lang: str) -> str | None:
    """What the page says instead of a meta command that writes or reads files (:save, :load,
    :draw FILE); None for every other line."""
    name, _, arg = line.partition(" ")
    matches = [m for m in (":save", ":load", ":draw") if line.startswith(":") and m.startswith(name)]
    if len(matches) != 1 or len([m for m in META if m.startswith(name)]) != 1:
        return None
    if matches[0] == ":draw" and "." not in arg:
        return None
    return ELSEWHERE[lang][matches[0]]


def console(out: io.StringIO, width: int) -> Any:
    """rich writing colours for xterm.js, at the terminal's width."""
    from rich.console import Console

    return Console(file=out, highlight=False, soft_wrap=True, force_terminal=True,
                   color_system="standard", width=width)


def no_keyboard(shown: str) -> str:
    """A program reading the keyboard gets end of input (the page runs whole lines)."""
    raise EOFError


def guarded(work: Any) -> str:
    """``work()`` as JSON; an exception becomes a one-line ``error``, never a traceback."""
    try:
        return json.dumps(work())
    except Exception as e:  # the boundary: nothing below may reach the page as a traceback
        return json.dumps({"error": f"venvsim: internal error: {type(e).__name__}: {e}"})
