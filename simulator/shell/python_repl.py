"""``python`` typed alone at a terminal: the interactive prompt, ``>>>`` and ``...``.

It understands the same small subset of Python as ``python -c``; ``exit()``,
``quit()`` and Ctrl-D leave it. The banner is the one the reference machine's
CPython builds print (recorded from them).
"""

from __future__ import annotations

import ast
import codeop
import warnings

from ..model.python import PythonView
from .python_cmd import new_names, run_tree, syntax_error
from .run import Chunks, Ctx, stdin_reader

# ``sys.version`` of the reference machine's builds, after the version number.
BUILDS = {
    "3.8": "(default, May  9 2026, 07:33:04) \n[GCC 12.2.0]",
    "3.9": "(main, May  9 2026, 07:33:49) \n[GCC 12.2.0]",
    "3.10": "(main, May  9 2026, 07:34:36) [GCC 12.2.0]",
    "3.11": "(main, May  9 2026, 07:35:25) [GCC 12.2.0]",
    "3.12": "(main, May  9 2026, 07:36:11) [GCC 12.2.0]",
    "3.13": "(main, May  9 2026, 07:36:57) [GCC 12.2.0]",
}
HELP = 'Type "help", "copyright", "credits" or "license" for more information.'
LEAVE = "Use exit() or Ctrl-D (i.e. EOF) to exit"
MAX_LINES = 500  # a session this long ends as if Ctrl-D were pressed


def banner(view: PythonView) -> str:
    build = BUILDS.get(view.minor, "(main) [GCC 12.2.0]")
    return f"Python {view.version} {build} on linux\n{HELP}\n"


def interactive(ctx: Ctx, view: PythonView) -> tuple[int, Chunks]:
    """The prompt, read from the student's keyboard until ``exit()`` or Ctrl-D."""
    assert ctx.keyboard is not None
    keyboard = ctx.keyboard
    before = "".join(t for _, t in ctx.shown)
    chunks: Chunks = [(2, banner(view))]
    names = new_names([""], stdin_reader(ctx, ""), chunks)  # input() reads the keyboard too
    pending: list[str] = []
    for _ in range(MAX_LINES):
        prompt = "... " if pending else ">>> "
        chunks.append((2, prompt))
        try:
            line = keyboard(before + "".join(t for _, t in chunks))
        except EOFError:
            chunks.append((2, "\n"))
            return 0, chunks
        except KeyboardInterrupt:
            chunks.append((2, "\nKeyboardInterrupt\n"))
            pending = []
            continue
        source = "\n".join([*pending, line])
        if line.strip() in ("exit", "quit") and not pending:
            chunks.append((1, LEAVE + "\n"))
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                complete = codeop.compile_command(source, "<stdin>", "single")
        except (SyntaxError, ValueError, OverflowError) as e:
            pending = []
            if isinstance(e, SyntaxError):
                chunks.append((2, syntax_error("<stdin>", e) + "\n"))
            continue
        if complete is None:
            pending.append(line)
            continue
        pending = []
        try:
            tree = ast.parse(source, "<stdin>")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        how, status = run_tree(ctx, view, tree, names, chunks, "<stdin>", source.splitlines(),
                               echo=True)
        if how == "exit":
            return status, chunks
    chunks.append((2, "\n"))
    return 0, chunks
