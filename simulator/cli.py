"""The ``venvsim`` command. Terminal commands never import matplotlib or networkx."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from typing import TYPE_CHECKING

from .classroom.machines import names as machine_names
from .replay import replay, run_json, terminal_text
from .scenario import Scenario, ScenarioError, load

if TYPE_CHECKING:
    from .lessons.format import Lesson


def _load(path: str) -> tuple[Scenario, Lesson | None]:
    """A scenario file, checked whole as a lesson when it has a ``[lesson]`` table, so that
    ``run``, ``draw`` and ``verify`` agree on what a valid file is."""
    scenario = load(path)
    if "lesson" not in scenario.data:
        return scenario, None
    from .lessons.format import load_lesson

    return scenario, load_lesson(path)


def _run(args: argparse.Namespace) -> int:
    try:
        scenario, _ = _load(args.file)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    timeline = replay(scenario)
    if args.json:
        sys.stdout.write(json.dumps(run_json(timeline), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(terminal_text(timeline))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .verify.compare import report, verify

    try:
        _load(args.file)
        result = verify(args.file, keep=args.keep)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"venvsim: refused: {e}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as e:
        print(f"venvsim: verify could not run: {str(e).splitlines()[0] if str(e) else e!r}",
              file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report(result, args.file))
        if "root" in result:
            print(f"the real machine was kept in {result['root']}")
    return 0 if result["match"] else 1


def _lesson(args: argparse.Namespace) -> int:
    from rich.console import Console

    from .classroom.runner import check_lessons, list_lessons, run_lesson
    from .i18n import language, t
    from .lessons.format import find, load_lesson

    lang = language(args.lang)
    console = Console(highlight=False)
    if args.action == "list":
        return list_lessons(args.json, lang, console)
    if args.action == "check":
        return check_lessons(args.id, lang, console)
    path = find(args.id) if args.id else None
    if path is None:
        print(f"venvsim: {t('unknown_lesson', lang, id=args.id)}", file=sys.stderr)
        return 2
    try:
        lesson = load_lesson(path)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    if args.action == "slides":
        from .classroom.slides import write_slides

        return write_slides(lesson, args.out, lang, args.theme)
    if not 1 <= args.start <= max(1, len(lesson.steps)):
        print(f"venvsim: {t('from_out_of_range', lang, n=len(lesson.steps))}", file=sys.stderr)
        return 2
    if sys.stdin.isatty() and sys.stdout.isatty() and not args.no_pause:
        from .classroom.present import present, terminal_keys

        with terminal_keys() as keys:
            return present(lesson, lang, console, keys, start=args.start)
    return run_lesson(lesson, lang, console, start=args.start)


def _shell(args: argparse.Namespace) -> int:
    from .classroom.repl import main as repl
    from .i18n import language

    if args.machine and (args.file or args.lesson):
        return _fail("shell: --machine picks the sandbox: give it without a file or --lesson")
    return repl(args.file, args.lesson, language(args.lang), step=args.step,
                machine=args.machine or machine_names()[0])


def _demo(args: argparse.Namespace) -> int:
    demo = resources.files("simulator") / "data" / "demo.toml"
    with resources.as_file(demo) as path:
        scenario = load(path)
    timeline = replay(scenario)
    if scenario.title:
        print(f"# {scenario.title}\n")
    sys.stdout.write(terminal_text(timeline))
    return 0


def _fail(message: str) -> int:
    print(f"venvsim: {message}", file=sys.stderr)
    return 2


def _writable(path: str, suffixes: tuple[str, ...], what: str) -> str | None:
    """Why ``path`` cannot be written as ``what`` (None when it can)."""
    import os
    from pathlib import Path

    p = Path(path)
    if p.suffix.lower() not in suffixes:
        return f"{what} '{path}': unknown suffix '{p.suffix}' (use {', '.join(suffixes)})"
    folder = p.parent if str(p.parent) else Path(".")
    try:
        if not folder.is_dir():
            return f"cannot write '{path}': no such folder '{folder}'"
        if p.is_dir() or not os.access(folder, os.W_OK):
            return f"cannot write '{path}': {'it is a folder' if p.is_dir() else 'permission denied'}"
    except OSError as e:  # a name too long, a loop of links...
        return f"cannot write '{path}': {e.strerror}"
    return None


def _draw(args: argparse.Namespace) -> int:
    from . import render  # light: matplotlib and networkx load only when drawing
    from .i18n import language
    from .render.words import LANGS

    args.lang = args.lang or language(None)  # --lang, else the locale, as lessons do
    if args.view not in render.VIEWS:
        return _fail(f"unknown view '{args.view}' (choose {', '.join(render.VIEWS)})")
    if args.theme not in render.THEME_NAMES:
        return _fail(f"unknown theme '{args.theme}' (choose {', '.join(render.THEME_NAMES)})")
    if args.lang not in LANGS:
        return _fail(f"unknown language '{args.lang}' (choose {', '.join(LANGS)})")
    if args.out is None and args.animate is None:
        return _fail("draw needs --out PATH (.svg .png .pdf .mmd .dot) or --animate PATH.gif")
    problem = (args.out and _writable(args.out, render.SUFFIXES, "--out")) or (
        args.animate and _writable(args.animate, (".gif",), "--animate"))
    if problem:
        return _fail(problem)
    try:
        scenario, lesson = _load(args.file)
    except ScenarioError as e:
        return _fail(str(e))
    timeline = replay(scenario)
    steps = len(timeline.frames)
    step = steps if args.step is None else args.step
    if not 0 <= step <= steps:
        return _fail(f"--step {step} is out of range: {args.file} has {steps} steps (use 0 to {steps})")
    since = None
    if args.view == "compare" and args.step is None and lesson is not None and lesson.compare:
        since, step = lesson.compare  # the two moments a lesson names
    try:
        if args.out:
            render.write(timeline, step, args.view, args.out, theme=args.theme, lang=args.lang,
                         since=since)
        if args.animate:
            from .render.animate import animate

            animate(timeline, args.view, args.theme, args.lang, args.animate)
    except (OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return _fail(f"cannot write '{args.out or args.animate}': {reason}")
    return 0


class _Version(argparse.Action):
    """``--version``: the installed distribution's version (importlib.metadata, loaded only then)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print venvsim's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import version

        print(f"venvsim {version('venvsim')}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="venvsim",
        description="Simulate Python's global install versus virtual environments.",
    )
    p.add_argument("--version", action=_Version)
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="replay a scenario file")
    run.add_argument("file")
    run.add_argument("--json", action="store_true", help="print the run as JSON")
    run.set_defaults(func=_run)
    verify = sub.add_parser(
        "verify", help="replay a scenario on real venv + pip (offline) and compare"
    )
    verify.add_argument("file")
    verify.add_argument("--json", action="store_true", help="print both runs and the differences")
    verify.add_argument("--keep", action="store_true", help="keep the temporary real machine")
    verify.set_defaults(func=_verify)
    lesson = sub.add_parser("lesson", help="lessons: list, run, check, slides")
    lesson.add_argument("action", choices=["list", "run", "check", "slides"])
    lesson.add_argument("id", nargs="?", help="the lesson: its number (1, 01), slug, name or file")
    lesson.add_argument("--lang", choices=["es", "en"], help="language (default: from the locale)")
    lesson.add_argument("--json", action="store_true", help="list as JSON")
    lesson.add_argument("--no-pause", action="store_true", help="do not wait between steps")
    lesson.add_argument("--from", dest="start", type=int, default=1, metavar="N",
                        help="start narrating at step N")
    lesson.add_argument("--out", default="slides", help="folder for the slides")
    lesson.add_argument("--theme", default="light", help="theme of the slide pictures")
    lesson.set_defaults(func=_lesson)
    draw = sub.add_parser(
        "draw", help="draw a scenario's world as a diagram (.svg .png .pdf .mmd .dot, or a GIF)"
    )
    draw.add_argument("file")
    draw.add_argument("--view", default="compare",
                      help="global, venvs, graph, compare, timeline, path or anatomy")
    draw.add_argument("--out", help="the file to write; its suffix picks the format")
    draw.add_argument("--step", type=int, help="draw the world after this step (default: the end)")
    draw.add_argument("--theme", default="light", help="light, dark or high-contrast")
    draw.add_argument("--lang", help="words on the picture: es or en (default: from the locale)")
    draw.add_argument("--animate", metavar="OUT.gif", help="one frame per step, what changed highlighted")
    draw.set_defaults(func=_draw)
    shell = sub.add_parser("shell", help="a simulated machine to type real commands into")
    shell.add_argument("file", nargs="?", help="a scenario whose world to start from")
    shell.add_argument("--lesson", help="practise the exercises of a lesson (its number or slug)")
    shell.add_argument("--step", type=int, default=0, metavar="N",
                       help="start after the file's first N steps")
    shell.add_argument("--lang", choices=["es", "en"], help="language (default: from the locale)")
    shell.add_argument("--machine", choices=machine_names(),
                       help="the sandbox machine, when no file or lesson is given (default: one "
                            "global Python 3.11; uv: with uv too; debian13: a fresh Debian 13)")
    shell.set_defaults(func=_shell)
    demo = sub.add_parser("demo", help="replay the classroom demo")
    demo.set_defaults(func=_demo)
    from .web.command import add_parser  # venvsim web build|serve (light: loads nothing else)

    add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
