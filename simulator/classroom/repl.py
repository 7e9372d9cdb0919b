"""``venvsim shell``: a safe machine students type real commands into.

Every line is run on the simulated world; ``:undo``/``:redo`` move along the
worlds already computed, goals are checked after each command, and a session
saves as the lines typed (replaying them gives back exactly the same world).
When standard input is not a terminal, lines are read one by one and echoed
after the prompt, so a session can be scripted and tested.
"""

from __future__ import annotations

import json
import posixpath
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..model.world import World, build
from ..shell.answers import explain, tree, why
from ..shell.prompt import prompt
from ..shell.run import Keyboard, Outcome, run_line
from ..userfiles import NotARegularFile, TooBig, regular_bytes
from .machines import banner, names, scenario_data, spec

META = (":help", ":undo", ":redo", ":reset", ":goal", ":hint", ":solution", ":draw", ":tree",
        ":why", ":explain", ":save", ":load", ":quit")
HELP = {
    "en": {
        ":help": "this list",
        ":undo": "take back the last command (the machine goes back with it)",
        ":redo": "do again what :undo took back",
        ":reset": "go back to the start",
        ":goal": "the exercise's goal",
        ":hint": "one more hint for the exercise",
        ":solution": "one way to reach the goal",
        ":draw": ":draw [VIEW] [FILE]: a picture of the machine, or written to FILE (.png .svg)",
        ":tree": ":tree [FOLDER]: the files under a folder",
        ":why": ":why NAME: who needs a package and where it is installed",
        ":explain": "what is wrong now, in plain words, and the cure",
        ":save": ":save FILE: keep the session (FILE.toml: a scenario; FILE.json: a session)",
        ":load": ":load FILE: go on with a saved session",
        ":quit": "leave (so do exit and Ctrl-D)",
    },
    "es": {
        ":help": "esta lista",
        ":undo": "deshace la última orden (la máquina vuelve atrás con ella)",
        ":redo": "rehace lo que :undo deshizo",
        ":reset": "vuelve al principio",
        ":goal": "el objetivo del ejercicio",
        ":hint": "una pista más para el ejercicio",
        ":solution": "una manera de llegar al objetivo",
        ":draw": ":draw [VISTA] [FICHERO]: un dibujo de la máquina, o guardado en FICHERO",
        ":tree": ":tree [CARPETA]: los ficheros de una carpeta",
        ":why": ":why NOMBRE: quién necesita un paquete y dónde está instalado",
        ":explain": "qué está mal ahora, en palabras claras, y la cura",
        ":save": ":save FICHERO: guarda la sesión (.toml: un escenario; .json: una sesión)",
        ":load": ":load FICHERO: sigue con una sesión guardada",
        ":quit": "salir (también exit y Ctrl-D)",
    },
}
MAX_CONTINUATION = 200  # lines one command may take
MAX_SESSION_BYTES = 1 << 20  # a saved session is a few KB; anything bigger is not one
COMMANDS = ("pip", "python", "python3", "cd", "ls", "cat", "source", "deactivate", "mkdir",
            "rm", "cp", "mv", "which", "echo", "pwd", "env", "touch")


@dataclass
class Session:
    """The worlds of a shell session: ``worlds[i]`` is the world after ``lines[:i]``."""

    start: World
    lines: list[str] = field(default_factory=list)
    worlds: list[World] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    position: int = 0
    source: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.worlds:
            self.worlds = [self.start]

    @property
    def world(self) -> World:
        return self.worlds[self.position]

    def run(self, line: str, keyboard: Keyboard | None = None) -> Outcome:
        outcome = run_line(self.world, line, keyboard)
        del self.lines[self.position :]
        del self.worlds[self.position + 1 :]
        del self.outcomes[self.position :]
        self.lines.append(line)
        self.worlds.append(outcome.world)
        self.outcomes.append(outcome)
        self.position += 1
        return outcome

    def interrupted(self) -> None:
        """Ctrl-C at the prompt: nothing ran, but ``$?`` is now 130, as in bash."""
        from dataclasses import replace

        world = self.world
        self.worlds[self.position] = world.with_shell(replace(world.shell, status=130))

    def undo(self) -> str | None:
        if self.position == 0:
            return None
        self.position -= 1
        return self.lines[self.position]

    def redo(self) -> str | None:
        if self.position >= len(self.lines):
            return None
        self.position += 1
        return self.lines[self.position - 1]

    def to_json(self) -> dict[str, Any]:
        return {"venvsim_session": 1, "source": self.source,
                "lines": self.lines[: self.position]}


def session_from(source: dict[str, Any]) -> tuple[Session, Any]:
    """A new session for a scenario file or a lesson; also the lesson, if any."""
    from ..lessons.format import find, load_lesson
    from ..lessons.story import practice_world
    from ..scenario import load

    if "lesson" in source:
        path = find(str(source["lesson"]))
        if path is None:
            raise ValueError(f"there is no lesson {source['lesson']!r}")
        lesson = load_lesson(path)
        return Session(practice_world(lesson), source=source), lesson
    if "file" in source:
        scenario = load(source["file"])
        return Session(build(scenario.spec), source=source), None
    if "machine" in source:
        return Session(build(spec(str(source["machine"]))), source=source), None
    from ..model.world import WorldSpec

    return Session(build(WorldSpec()), source=source), None


class Shell:
    """The loop: read a line, answer it, check the goal."""

    def __init__(self, session: Session, lesson: Any, lang: str, out: IO[str],
                 interactive: bool) -> None:
        from rich.console import Console

        self.session = session
        self.lesson = lesson
        self.lang = lang
        self.out = out
        self.interactive = interactive
        self.console = Console(file=out, highlight=False, soft_wrap=True)
        self.exercise = 0
        self.hints_given = 0
        self.exercise_start = 0
        self.read: Callable[[str], str] = input
        self.status = 0  # what ``exit N`` asked the shell to end with

    # -- texts ----------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        from ..i18n import t

        return t(key, self.lang, **values)

    def say(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False)

    def say_markdown(self, text: str, style: str = "") -> None:
        """A lesson's text: its Markdown (``**bold**``, ```code```) rendered, not shown raw."""
        from rich.markdown import Markdown

        self.console.print(Markdown(text, style=style or "none"))

    # -- exercises --------------------------------------------------------------
    @property
    def current(self) -> Any:
        if self.lesson is None or self.exercise >= len(self.lesson.exercises):
            return None
        return self.lesson.exercises[self.exercise]

    def show_goal(self) -> None:
        ex = self.current
        if ex is None:
            self.say(self.t("no_goal"))
            return
        self.say_markdown(self.t("goal_open", prompt=ex.prompt[self.lang]), "bold")

    def check_goal(self) -> None:
        from ..lessons.conditions import unmet

        ex = self.current
        if ex is None or unmet(ex.goal, self.session.world):
            return
        used = self.session.position - self.exercise_start
        self.say(self.t("goal_met", n=used, best=len(ex.solution)), "bold green")
        self.exercise += 1
        self.hints_given = 0
        self.exercise_start = self.session.position
        if self.current is not None:
            self.show_goal()

    def disabled(self, line: str) -> bool:
        ex = self.current
        return ex is not None and any(line.strip().startswith(d) for d in ex.disabled)

    # -- one line -------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Answer one line; False when the session should end."""
        stripped = line.strip()
        if not stripped:
            return True
        if stripped.startswith(":"):
            return self.meta(stripped)
        if self.disabled(stripped):
            self.say(self.t("disabled"), "red")
            return True
        shown = [""]

        def keyboard(text: str) -> str:
            """A program reads the keyboard: show what it printed, then read a line."""
            new = text[len(shown[0]):] if text.startswith(shown[0]) else text
            shown[0] = text
            head, _, last = new.rpartition("\n")
            if head or _:
                self.out.write(head + "\n")
            self.out.flush()
            return self.read_answer(last)

        keyboard.tty = self.interactive  # type: ignore[attr-defined]  # piped: input()'s EOF says so
        try:
            outcome = self.session.run(line, keyboard)
        except KeyboardInterrupt:
            self.out.write("^C\n")
            self.session.interrupted()
            return True
        text = outcome.output
        text = text[len(shown[0]):] if text.startswith(shown[0]) else text
        if text:
            self.out.write(text)
            self.out.flush()
        self.check_goal()
        if outcome.exited:
            self.status = outcome.code
        return not outcome.exited

    def meta(self, line: str) -> bool:
        name, _, arg = line.partition(" ")
        arg = arg.strip()
        matches = [m for m in META if m.startswith(name)]
        if len(matches) != 1:
            self.say(self.t("unknown_meta", name=name), "red")
            return True
        name = matches[0]
        s = self.session
        if name == ":quit":
            return False
        if name == ":help":
            texts = HELP.get(self.lang, HELP["en"])
            self.say("\n".join(f"  {m:<10} {texts[m]}" for m in META))
        elif name == ":undo":
            undone = s.undo()
            self.say(self.t("undone", line=undone) if undone else self.t("nothing_to_undo"))
        elif name == ":redo":
            redone = s.redo()
            self.say(self.t("redone", line=redone) if redone else self.t("nothing_to_redo"))
        elif name == ":reset":
            s.position = 0
            self.exercise, self.hints_given, self.exercise_start = 0, 0, 0
            self.say(self.t("reset"))
        elif name == ":goal":
            self.show_goal()
        elif name == ":hint":
            ex = self.current
            if ex is None:
                self.say(self.t("no_goal"))
            elif self.hints_given >= len(ex.hints[self.lang]):
                self.say(self.t("no_hints"))
            else:
                self.hints_given += 1
                self.say_markdown(self.t("hint", n=self.hints_given,
                                         text=ex.hints[self.lang][self.hints_given - 1]))
        elif name == ":solution":
            ex = self.current
            if ex is None:
                self.say(self.t("no_goal"))
            else:
                self.say(self.t("solution") + ":\n" + "\n".join(f"  {c}" for c in ex.solution))
        elif name == ":draw":
            self.draw(arg)
        elif name == ":tree":
            self.say(tree(s.world, arg or s.world.shell.cwd))
        elif name == ":why":
            self.say(why(s.world, arg, self.lang) if arg else ":why NAME")
        elif name == ":explain":
            self.say(explain(s.outcomes[: s.position], self.lang, s.world))
        elif name == ":save":
            return self.save(arg)
        elif name == ":load":
            self.load(arg)
        return True

    def draw(self, arg: str) -> None:
        """``:draw [VIEW]`` in the terminal; ``:draw [VIEW] FILE`` writes the picture."""
        words = arg.split()
        view = words[0] if words and "." not in words[0] else None
        path = words[-1] if words and "." in words[-1] else None
        if path is None:
            from ..render.terminal import picture

            self.console.print(picture(self.session.world, view or "compare", self.lang))
            return
        from ..display import DisplayError, save
        from ..replay import Frame, Timeline

        s = self.session
        frames = tuple(Frame(line, prompt(before), outcome, before) for line, outcome, before
                       in zip(s.lines[: s.position], s.outcomes, s.worlds, strict=False))
        try:
            save(Timeline(s.start, frames), len(frames), path, view or "compare", None, self.lang)
        except DisplayError as e:
            self.say(str(e), "red")
            return
        self.say(self.t("saved", path=path))

    def save(self, path: str) -> bool:
        if not path:
            self.say(":save FILE")
            return True
        try:
            if path.endswith(".toml"):
                text = self.scenario_text()
            else:
                text = json.dumps(self.session.to_json(), indent=2) + "\n"
            Path(path).write_text(text, encoding="utf-8")
        except OSError as e:
            self.say(f"{path}: {e.strerror}", "red")
            return True
        self.say(self.t("saved", path=path))
        return True

    def scenario_text(self) -> str:
        """The session as a scenario: its machine, the steps that led to its start, the lines."""
        import tomllib

        from .save import scenario_toml

        source = self.session.source
        data: dict[str, Any] = {}
        before: list[str] = []
        if "file" in source:
            data = tomllib.loads(Path(source["file"]).read_text(encoding="utf-8"))
        elif "machine" in source:
            data = scenario_data(source["machine"])
        elif self.lesson is not None:
            data = dict(self.lesson.scenario.data)
            first = self.lesson.exercises[0].after if self.lesson.exercises else len(
                self.lesson.steps)
            before = [step.run for step in self.lesson.steps[:first]]
            title = self.lesson.title.get(self.lang) if isinstance(self.lesson.title, dict) else ""
            data["title"] = title or data.get("title", "")
        typed = self.session.lines[: self.session.position]
        return scenario_toml(data, before + typed)

    def load(self, path: str) -> None:
        if not path:
            self.say(":load FILE")
            return
        try:
            data = read_session(path)
            session, lesson = session_from(data["source"])
        except (OSError, ValueError) as e:
            self.say(f"{path}: {getattr(e, 'strerror', None) or e}", "red")
            return
        except Exception as e:  # a scenario file that is no longer valid, and the like
            self.say(f"{path}: {e}", "red")
            return
        if self.interactive:
            session = at_terminal(session)
        for line in data["lines"]:
            session.run(line)
        self.session, self.lesson = session, lesson
        self.exercise, self.hints_given, self.exercise_start = 0, 0, 0
        self.say(self.t("loaded", path=path))

    def read_answer(self, prompt: str) -> str:
        """A line a program reads from the terminal (the prompt it printed, shown first)."""
        line = self.read(prompt)
        if not self.interactive:
            self.out.write(f"{prompt}{line}\n")
        return line

    # -- the loop ---------------------------------------------------------------
    def loop(self, read: Callable[[str], str]) -> int:
        self.read = read
        if self.lesson is not None:
            self.say(self.lesson.title[self.lang], "bold")
            self.show_goal()
        while True:
            shown = prompt(self.session.world)
            try:
                line = read(shown)
            except EOFError:
                if self.interactive:
                    self.out.write("\n")
                self.say(self.t("bye"))
                return 0
            except KeyboardInterrupt:
                self.out.write("^C\n")
                self.session.interrupted()
                continue
            if not self.interactive:
                self.out.write(f"{shown}{line}\n")
            line, ended = self.complete(line)
            if not self.handle(line) or ended:
                self.say(self.t("bye"))
                return self.status

    def complete(self, line: str) -> tuple[str, bool]:
        """A command that goes on past its line (``for x in a b; do``) reads more lines
        after bash's ``> `` prompt; (the whole text, whether the input ended meanwhile)."""
        from ..shell.parse import Incomplete, parse

        if line.lstrip().startswith(":"):
            return line, False
        for _ in range(MAX_CONTINUATION):
            try:
                parse(line)
                return line, False
            except Incomplete as e:
                quoted = "matching `\"'" in str(e) or "matching `''" in str(e)
            except Exception:
                return line, False
            try:
                more = self.read("> ")
            except EOFError:
                return line, True
            except KeyboardInterrupt:
                self.out.write("^C\n")
                self.session.interrupted()
                return "", False
            if not self.interactive:
                self.out.write(f"> {more}\n")
            line = join_lines(line, more, quoted)
        return line, False


def join_lines(first: str, more: str, quoted: bool) -> str:
    """Lines of one command as bash's history keeps them (``for p in a b; do echo $p; done``):
    a newline inside quotes stays; after ``do``, ``then``, ``&&``... a space; else ``; ``."""
    if quoted:
        return first + "\n" + more
    head = first.rstrip()
    words = head.split()
    last = words[-1] if words else ""
    glue = " " if last in ("do", "then", "else", "{", "in") or head.endswith(
        ("&&", "||", "|", ";", "(")) or not head else "; "
    return head + glue + more.strip()


def at_terminal(session: Session) -> Session:
    """The session as a terminal starts it: ``TERM`` set and exported (``clear`` needs it)."""
    world = session.start
    world = world.with_shell(world.shell.with_env(TERM="xterm").export("TERM"))
    return Session(world, source=session.source)


def read_session(path: str) -> dict[str, Any]:
    """A saved session, checked; ValueError (one line) for anything else.

    Only a regular file is opened, and never more than ``MAX_SESSION_BYTES`` of it.
    """
    try:
        raw = regular_bytes(path, MAX_SESSION_BYTES)
    except NotARegularFile as e:
        why = "is a folder, not a saved session" if e.folder else "is not a regular file"
        raise ValueError(why) from None
    except TooBig:
        raise ValueError("is too big to be a saved session") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValueError("is not a venvsim session (not JSON)") from None
    if not isinstance(data, dict) or data.get("venvsim_session") != 1:
        raise ValueError("is not a venvsim session")
    lines, source = data.get("lines"), data.get("source")
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise ValueError("is not a venvsim session: 'lines' must be a list of strings")
    if not isinstance(source, dict) or not all(
            k in ("file", "lesson", "machine") and isinstance(v, str) for k, v in source.items()):
        raise ValueError("is not a venvsim session: 'source' must name a file, a lesson or a machine")
    if "machine" in source and source["machine"] not in names():
        raise ValueError(f"its machine {source['machine']!r} is not one of {', '.join(names())}")
    if "file" in source and not Path(source["file"]).is_file():
        raise ValueError(f"its scenario {source['file']} is not there any more")
    return data


def completer(session_ref: Callable[[], Session]) -> Callable[[str, int], str | None]:
    """Tab completion: commands, ``:meta`` commands, and paths of the simulated machine."""
    cache: list[str] = []

    def complete(text: str, state: int) -> str | None:
        if state == 0:
            import readline

            buffer = readline.get_line_buffer()
            world = session_ref().world
            if text.startswith(":"):
                cache[:] = [m for m in META if m.startswith(text)]
            elif " " not in buffer.strip():
                cache[:] = [c for c in COMMANDS if c.startswith(text)]
            else:
                cache[:] = list(_paths(world, text))
        return cache[state] if state < len(cache) else None

    return complete


def _paths(world: World, text: str) -> Iterator[str]:
    from ..model.fs import normalize
    from ..model.world import expand_home

    head, _, tail = text.rpartition("/")
    if head or not text.startswith("/"):
        folder = normalize(expand_home(head or ".", world.home), world.shell.cwd)
    else:
        folder = "/"
    if not world.fs.is_dir(folder):
        return
    for name in world.fs.listdir(folder):
        if name.startswith(tail):
            full = posixpath.join(folder, name)
            lead = f"{head}/" if head or text.startswith("/") else ""
            yield lead + name + ("/" if world.fs.is_dir(full) else "")


def main(file: str | None, lesson_id: str | None, lang: str,
         stdin: IO[str] | None = None, out: IO[str] | None = None, step: int = 0,
         machine: str = "default") -> int:
    """Run the shell; reads a terminal with history, or plain lines from a pipe."""
    from ..lessons.format import find
    from ..scenario import ScenarioError

    stdin = stdin or sys.stdin
    out = out or sys.stdout
    source: dict[str, Any] = {}
    if lesson_id:
        if find(lesson_id) is None:
            print(f"venvsim: there is no lesson {lesson_id!r}; see `venvsim lesson list`",
                  file=sys.stderr)
            return 2
        source = {"lesson": lesson_id}
    elif file:
        source = {"file": str(Path(file).resolve())}
    else:
        source = {"machine": machine}
    try:
        session, lesson = session_from(source)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    interactive = stdin.isatty() and out.isatty()
    if interactive:
        session = at_terminal(session)
    if step:
        from ..scenario import load

        steps = load(file).steps if file and not lesson_id else ()
        if not 0 < step <= len(steps):
            print(f"venvsim: --step {step}: the file has {len(steps)} steps"
                  + ("" if file and not lesson_id else " (--step needs a scenario file)"),
                  file=sys.stderr)
            return 2
        for s in steps[:step]:
            session.run(s.run)
    shell = Shell(session, lesson, lang, out, interactive)
    if not file and not lesson_id:
        shell.say(banner(machine, lang))
    if interactive:
        try:
            import readline

            readline.set_completer(completer(lambda: shell.session))
            readline.set_completer_delims(" \t")
            readline.parse_and_bind("tab: complete")
        except ImportError:  # pragma: no cover - readline is missing on some builds
            pass

        def read(shown: str) -> str:
            return input(shown)
    else:

        def read(shown: str) -> str:
            line = stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")

    return shell.loop(read)
