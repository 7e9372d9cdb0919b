"""Running bash-like input on a world: lookup, execution, redirections, pipes, loops.

>>> from simulator.model.world import WorldSpec, build
>>> out = run_line(build(WorldSpec()), "cd /tmp && pwd")
>>> (out.code, out.output, out.world.shell.cwd)
(0, '/tmp\\n', '/tmp')
>>> run_line(out.world, "false").world.shell.status
1
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from ..model.debian import COMMAND_MARK
from ..model.fs import Binary, Dir, File, FsError, normalize
from ..model.layout import TOOL_MARK
from ..model.scripts import shebang
from ..model.tools import UV_MARK
from ..model.world import World
from .parse import (
    Arith,
    ArithFor,
    Case,
    Command,
    For,
    Function,
    Group,
    If,
    Line,
    Loop,
    ParseError,
    Pipeline,
    Redirect,
    Simple,
    Word,
    parse,
)
from .pathnames import Marked, expand_path, matches, tokens

Chunks = list[tuple[int, str]]
# The terminal's keyboard: shows the text given (what is not yet on screen) and returns
# the line typed; EOFError for Ctrl-D, KeyboardInterrupt for Ctrl-C.
Keyboard = Callable[[str], str]

# A line may run this many commands. A real ``while true`` runs until Ctrl-C; here the
# line stops after this many, as if the student had pressed Ctrl-C (exit 130).
BUDGET = 2000
# bash has no limit of its own on nested function calls (it runs out of stack); this
# is the message bash gives when FUNCNEST bounds them.
FUNCNEST = 40


@dataclass
class Ctx:
    """A line being run: the world changes as its commands run."""

    world: World
    events: list[dict[str, Any]] = field(default_factory=list)
    last_code: int = 0
    keyboard: Keyboard | None = None
    shown: Chunks = field(default_factory=list)  # what the line printed so far
    tty_in: bool = False  # the running command reads the keyboard
    args: list[str] = field(default_factory=list)  # $1 $2 ... of the running function
    budget: int = BUDGET
    depth: int = 0
    loops: int = 0
    side: Chunks = field(default_factory=list)  # stderr of ``$(...)``, shown as it happens
    # How far ``read`` has got in each standard input (by the text's identity): the
    # commands of a ``while read`` loop share one input, as they share one pipe in bash. The
    # text is kept with its offset, so a later input can never inherit a freed text's id.
    consumed: dict[int, tuple[str, int]] = field(default_factory=dict)


@dataclass
class Outcome:
    """What one line did: the new world, its exit code and what the terminal showed."""

    world: World
    code: int
    chunks: Chunks
    events: list[dict[str, Any]]
    exited: bool = False  # the line ran ``exit``: the shell has ended

    @property
    def output(self) -> str:
        return "".join(text for _, text in self.chunks)


Builtin = Callable[[Ctx, list[str], str], tuple[int, Chunks]]


class Jump(Exception):
    """A jump out of commands (``exit``, ``return``, ``break``, the budget's end); it
    carries what the commands it leaves had printed."""

    chunks: Chunks

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.chunks = []


class Interrupted(Jump):
    """The line ran out of its budget (as if Ctrl-C were pressed)."""


class ShellExit(Jump):
    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message


class Return(Jump):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class LoopControl(Jump):
    def __init__(self, kind: str, levels: int) -> None:
        super().__init__(kind)
        self.kind = kind
        self.levels = levels


def err(text: str) -> Chunks:
    return [(2, text if text.endswith("\n") else text + "\n")]


def out(text: str) -> Chunks:
    return [(1, text if text.endswith("\n") or not text else text + "\n")]


def run_line(world: World, line: str, keyboard: Keyboard | None = None,
             interactive: bool = True) -> Outcome:
    """Run ``line`` as an interactive bash would; never raises for any input.

    ``keyboard`` is the terminal, when a student types the line: programs that read
    their standard input (``pip uninstall``'s question, ``input()``) ask it. A shell
    that is not ``interactive`` (``bash -c``) keeps no history and leaves without a word.
    """
    if interactive and line.strip():
        world = world.with_shell(replace(world.shell, history=(*world.shell.history, line)))
    ctx = Ctx(world, last_code=world.shell.status, keyboard=keyboard, tty_in=keyboard is not None)
    try:
        parsed = parse(line)
    except ParseError as e:
        return Outcome(_ended(world, 2), 2, err(f"bash: {e}"), [])
    chunks = ctx.shown
    code = ctx.last_code
    exited = False
    try:
        code = run_list(ctx, parsed, "", chunks)
    except RecursionError:
        chunks += err("bash: maximum nesting level exceeded")
        code = 1
    except Interrupted as e:
        chunks += e.chunks + [(2, "^C\n")]
        code = 130
    except ShellExit as e:
        chunks += e.chunks + (err("exit") if interactive else []) + (
            err(e.message) if e.message else [])
        code, exited = e.code, True
    except (Return, LoopControl) as e:
        chunks += e.chunks
        code = ctx.last_code
    return Outcome(_ended(ctx.world, code), code, chunks, ctx.events, exited)


def _ended(world: World, code: int) -> World:
    """The world after a line: its status is the next line's ``$?``."""
    if world.shell.status == code:
        return world
    return world.with_shell(replace(world.shell, status=code))


def run_script(ctx: Ctx, text: str, stdin: str) -> tuple[int, Chunks]:
    """Run a script's text in the current shell (``source``, a function's body)."""
    try:
        parsed = parse(text)
    except ParseError as e:
        return 2, err(f"bash: {e}")
    chunks: Chunks = []
    return run_list(ctx, parsed, stdin, chunks), chunks


def run_list(ctx: Ctx, parsed: Line, stdin: str, chunks: Chunks) -> int:
    """Run a list of commands, adding what they print to ``chunks``; its exit status."""
    code = ctx.last_code
    for item in parsed.items:
        for i, pipeline in enumerate(item.pipelines):
            if i and pipeline.connector == "&&" and code != 0:
                continue
            if i and pipeline.connector == "||" and code == 0:
                continue
            code = _pipeline(ctx, pipeline, stdin, chunks)
            ctx.last_code = code
    return code


def _pipeline(ctx: Ctx, pipeline: Pipeline, stdin: str, chunks: Chunks) -> int:
    code = 0
    data = stdin
    tty = ctx.tty_in
    for j, command in enumerate(pipeline.commands):
        last = j == len(pipeline.commands) - 1
        ctx.tty_in = tty and j == 0
        code, produced = run_command(ctx, command, data if j else stdin)
        if last:
            chunks += produced
        else:
            data = "".join(t for s, t in produced if s == 1)
            chunks += [(s, t) for s, t in produced if s != 1]
    ctx.tty_in = tty
    if pipeline.negate:
        code = 0 if code else 1
    return code


def run_command(ctx: Ctx, command: Command, stdin: str) -> tuple[int, Chunks]:
    ctx.budget -= 1
    if ctx.budget < 0:
        raise Interrupted
    if isinstance(command, Simple):
        return _run_simple(ctx, command, stdin)
    if isinstance(command, Function):
        shell = ctx.world.shell
        ctx.world = ctx.world.with_shell(replace(
            shell, functions=shell.functions | {command.name},
            bodies=MappingProxyType({**shell.bodies, command.name: command.text})))
        return 0, []
    return _redirected(ctx, command.redirects, stdin, lambda s: _compound(ctx, command, s))


def _compound(ctx: Ctx, command: Command, stdin: str) -> tuple[int, Chunks]:
    chunks: Chunks = []
    try:
        return _compound_in(ctx, command, stdin, chunks)
    except Jump as e:
        e.chunks[:0] = chunks
        raise


def _compound_in(ctx: Ctx, command: Command, stdin: str, chunks: Chunks) -> tuple[int, Chunks]:
    if isinstance(command, Group):
        if not command.subshell:
            return run_list(ctx, command.body, stdin, chunks), chunks
        saved = ctx.world.shell
        try:
            code = run_list(ctx, command.body, stdin, chunks)
        except ShellExit as e:
            code = e.code
            chunks += e.chunks
        ctx.world = ctx.world.with_shell(saved)  # a subshell's cd and variables stay inside
        return code, chunks
    if isinstance(command, If):
        for condition, body in command.clauses:
            if run_list(ctx, condition, stdin, chunks) == 0:
                return run_list(ctx, body, stdin, chunks), chunks
        if command.otherwise is not None:
            return run_list(ctx, command.otherwise, stdin, chunks), chunks
        return 0, chunks
    if isinstance(command, For):
        values = ctx.args if command.words is None else _expand_args(ctx, command.words)
        code = 0
        for value in values:
            ctx.world = ctx.world.with_shell(ctx.world.shell.with_env(**{command.name: value}))
            stop, code = _iteration(ctx, command.body, stdin, chunks, code)
            if stop:
                break
        return code, chunks
    if isinstance(command, Arith):
        return (0 if _arith_statement(ctx, command.text) else 1), chunks
    if isinstance(command, ArithFor):
        code = 0
        _arith_statement(ctx, command.init)
        while True:
            ctx.budget -= 1
            if ctx.budget < 0:
                raise Interrupted
            if command.test and _arith(ctx, command.test) == "0":
                return code, chunks
            stop, code = _iteration(ctx, command.body, stdin, chunks, code)
            if stop:
                return code, chunks
            _arith_statement(ctx, command.step)
    if isinstance(command, Loop):
        code = 0
        while True:
            ctx.budget -= 1
            if ctx.budget < 0:
                raise Interrupted
            test = run_list(ctx, command.condition, stdin, chunks)
            if (test == 0) == command.until:
                return code, chunks
            stop, code = _iteration(ctx, command.body, stdin, chunks, code)
            if stop:
                return code, chunks
    assert isinstance(command, Case)
    subject = expand(ctx, command.word)
    for patterns, body in command.arms:
        if any(matches(tokens([(c, unquoted) for text, unquoted in _parts(ctx, p) for c in text]),
                       subject) for p in patterns):
            return (run_list(ctx, body, stdin, chunks) if body.items else 0), chunks
    return 0, chunks


def _iteration(ctx: Ctx, body: Line, stdin: str, chunks: Chunks, code: int) -> tuple[bool, int]:
    """Run a loop's body once; (whether the loop stops, its status)."""
    ctx.loops += 1
    try:
        return False, run_list(ctx, body, stdin, chunks)
    except LoopControl as c:
        if c.levels > 1:
            c.levels -= 1
            raise
        chunks += c.chunks
        return c.kind == "break", 0
    finally:
        ctx.loops -= 1


def call_function(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """A shell function the student defined: its body runs with ``$1 $2 ...`` set."""
    name = args[0]
    if ctx.depth >= FUNCNEST:
        return 1, err(f"bash: {name}: maximum function nesting level exceeded ({FUNCNEST})")
    saved_args, saved_loops = ctx.args, ctx.loops
    ctx.args, ctx.loops = args[1:], 0
    ctx.depth += 1
    chunks: Chunks = []
    try:
        code = run_list(ctx, parse(ctx.world.shell.bodies[name]), stdin, chunks)
    except ParseError as e:
        code, chunks = 2, err(f"bash: {e}")
    except Return as r:
        code = r.code
        chunks += r.chunks
    finally:
        ctx.args, ctx.loops = saved_args, saved_loops
        ctx.depth -= 1
    return code, chunks


def expand(ctx: Ctx, word: Word) -> str:
    """A word's text after expansion, as one string (no splitting, no globbing)."""
    return "".join(text for text, _ in _parts(ctx, word))


def _parts(ctx: Ctx, word: Word) -> list[tuple[str, bool]]:
    """Each part's text, and whether it is unquoted: bash splits it into words (an unquoted
    expansion) and globs it (an unquoted expansion or a typed ``*?[``)."""
    env = ctx.world.shell.env
    found = []
    for kind, value in word:
        if kind == "lit":
            found.append((value, False))
        elif kind == "glob":
            found.append((value, True))
        elif kind == "tilde":
            found.append((env.get("HOME", ctx.world.home), False))
        elif kind in ("cmd", "qcmd"):
            found.append((_substitute(ctx, value), kind == "cmd"))
        elif kind == "arith":
            found.append((_arith(ctx, value), True))
        else:
            found.append((_variable(ctx, value), kind == "var"))
    return found


def _variable(ctx: Ctx, name: str) -> str:
    special = {"?": str(ctx.last_code), "$": "4242", "#": str(len(ctx.args)), "0": "bash",
               "@": " ".join(ctx.args), "*": " ".join(ctx.args), "!": "", "-": "himBHs"}
    if name in special:
        return special[name]
    if name.isascii() and name.isdigit():
        n = int(name)
        return ctx.args[n - 1] if 0 < n <= len(ctx.args) else ""
    return ctx.world.shell.env.get(name, "")


def _substitute(ctx: Ctx, text: str) -> str:
    """``$(...)``: run in a subshell; its output, without the newlines at its end."""
    saved = ctx.world.shell
    saved_tty = ctx.tty_in
    ctx.tty_in = False
    try:
        code, chunks = run_script(ctx, text, "")
    except ShellExit as e:
        code, chunks = e.code, []
    ctx.world = ctx.world.with_shell(saved)
    ctx.tty_in = saved_tty
    ctx.last_code = code
    ctx.side += [(s, t) for s, t in chunks if s != 1]
    return "".join(t for s, t in chunks if s == 1).rstrip("\n")


def _arith(ctx: Ctx, text: str) -> str:
    """``$((...))``: integer arithmetic on numbers and variables."""
    import ast

    def value(node: ast.AST) -> int:
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            raw = ctx.world.shell.env.get(node.id, "0").strip() or "0"
            return int(raw) if raw.lstrip("-").isdigit() else 0
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp):
            a, b = value(node.left), value(node.right)
            ops: dict[type, Callable[[int, int], int]] = {
                ast.Add: lambda x, y: x + y, ast.Sub: lambda x, y: x - y,
                ast.Mult: lambda x, y: x * y,
                ast.FloorDiv: lambda x, y: int(x / y), ast.Div: lambda x, y: int(x / y),
                ast.Mod: lambda x, y: x - y * int(x / y),
            }
            if type(node.op) in ops:
                if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) and b == 0:
                    raise ValueError("division by 0")
                return ops[type(node.op)](a, b) & 0xFFFFFFFFFFFFFFFF
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            a, b = value(node.left), value(node.comparators[0])
            tests = {ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b, ast.GtE: a >= b,
                     ast.Eq: a == b, ast.NotEq: a != b}
            return int(tests.get(type(node.ops[0]), False))
        raise ValueError(text)

    try:
        result = value(ast.parse(text.replace("/", "//").strip() or "0", mode="eval").body)
    except (SyntaxError, ValueError, RecursionError):
        return "0"
    return str(result - (1 << 64) if result >= 1 << 63 else result)


def _arith_statement(ctx: Ctx, text: str) -> int:
    """An arithmetic expression or assignment (``i=0``, ``i++``, ``i+=2``); its value."""
    import re

    text = text.strip()
    m = re.fullmatch(r"([A-Za-z_]\w*)\s*(\+\+|--|[-+*]?=(?!=))\s*(.*)", text)
    if m is None:
        return int(_arith(ctx, text))
    name, op, rest = m.groups()
    old = int(_arith(ctx, name))
    if op in ("++", "--"):
        new, result = old + (1 if op == "++" else -1), old
    else:
        value = int(_arith(ctx, rest))
        new = {"=": value, "+=": old + value, "-=": old - value, "*=": old * value}[op]
        result = new
    ctx.world = ctx.world.with_shell(ctx.world.shell.with_env(**{name: str(new)}))
    return result


def _expand_args(ctx: Ctx, words: list[Word]) -> list[str]:
    """Words after expansion, word splitting and pathname expansion, in bash's order."""
    args = []
    for w in words:
        for marked in _fields(ctx, w):
            matched = expand_path(ctx.world.fs, ctx.world.shell.cwd, marked)
            args.extend(matched if matched is not None else ["".join(c for c, _ in marked)])
    return args


def _fields(ctx: Ctx, word: Word) -> list[Marked]:
    """The fields one word splits into, each character marked active (unquoted) or not."""
    fields: list[Marked] = []
    current: Marked | None = None
    for (kind, _), (text, unquoted) in zip(word, _parts(ctx, word), strict=True):
        marked = [(c, unquoted) for c in text]
        if not unquoted or kind == "glob":
            current = [] if current is None else current
            current.extend(marked)
            continue
        pieces = text.split()
        if not pieces:
            continue
        if text[:1].isspace() and current is not None:
            fields.append(current)
            current = None
        for k, piece in enumerate(pieces):
            if k:
                fields.append(current or [])
                current = None
            current = (current or []) + [(c, True) for c in piece]
        if text[-1:].isspace():
            fields.append(current or [])
            current = None
    if current is not None:
        fields.append(current)
    return fields


def _is_assignment(word: Word) -> bool:
    return bool(word) and word[0][0] == "lit" and "=" in word[0][1] and (
        word[0][1].split("=", 1)[0].isidentifier())


def _run_simple(ctx: Ctx, simple: Simple, stdin: str) -> tuple[int, Chunks]:
    assignments = []
    words = list(simple.words)
    while words and _is_assignment(words[0]):  # NAME=value: expanded, never split
        assignments.append(expand(ctx, words.pop(0)).split("=", 1))
    args = _expand_args(ctx, words)
    side, ctx.side = ctx.side, []
    if assignments and not args:
        shell = ctx.world.shell.with_env(**{k: v for k, v in assignments})
        ctx.world = ctx.world.with_shell(shell)
        code, produced = _redirected(ctx, simple.redirects, stdin, lambda s: (0, []))
        return (ctx.last_code if side and code == 0 else code), side + produced
    if assignments:
        saved = ctx.world.shell
        ctx.world = ctx.world.with_shell(
            saved.with_env(**{k: v for k, v in assignments}).export(*(k for k, _ in assignments)))
        code, produced = _redirected(ctx, simple.redirects, stdin,
                                     lambda s: execute(ctx, args, s))
        after = ctx.world.shell
        env = _restore(saved.env, after.env, [k for k, _ in assignments])
        ctx.world = ctx.world.with_shell(
            replace(
                after, env=env, unexported=saved.unexported & set(env) | (after.unexported - set(saved.env))
            )
        )
        return code, side + produced
    if not args:
        code, produced = _redirected(ctx, simple.redirects, stdin, lambda s: (0, []))
        return code, side + produced
    code, produced = _redirected(ctx, simple.redirects, stdin, lambda s: execute(ctx, args, s))
    return code, side + produced


def _redirected(ctx: Ctx, redirects: list[Redirect], stdin: str,
                body: Callable[[str], tuple[int, Chunks]]) -> tuple[int, Chunks]:
    """Set up the redirections (stdout 1, stderr 2, stdin), run ``body``, route its output."""
    targets: dict[int, tuple[str, bool] | None] = {1: None, 2: None}
    for r in redirects:
        if r.op == ">&":
            if r.fd == 2:
                targets[2] = targets[1] if targets[1] is not None else ("&1", True)
            else:
                targets[1] = targets[2] if targets[2] is not None else ("&2", True)
            continue
        words = _expand_args(ctx, [r.target])  # expanded, split and globbed: it must give one word
        if len(words) != 1:
            return 1, err(f"bash: {r.text.split(' ', 1)[-1]}: ambiguous redirect")
        path_text = words[0]
        if r.op == "<":
            full = normalize(path_text, ctx.world.shell.cwd)
            try:
                stdin = "" if path_text == "/dev/null" else ctx.world.fs.read(full)
            except (FsError, KeyError):
                return 1, err(f"bash: {path_text}: No such file or directory")
            continue
        full = normalize(path_text, ctx.world.shell.cwd)
        if path_text == "/dev/null":
            target: tuple[str, bool] | None = ("/dev/null", True)
        else:
            if ctx.world.fs.is_dir(full):
                return 1, err(f"bash: {path_text}: Is a directory")
            try:
                if r.op == ">" or not ctx.world.fs.exists(full):
                    ctx.world = ctx.world.with_fs(ctx.world.fs.write(full, ""))
            except FsError as e:
                return 1, err(f"bash: {path_text}: {e.reason}")
            target = (full, True)
        for fd in [1, 2] if r.fd == 3 else [r.fd]:
            targets[fd] = target
    tty = ctx.tty_in
    if any(r.op == "<" for r in redirects):
        ctx.tty_in = False
    try:
        code, produced = body(stdin)
    finally:
        ctx.tty_in = tty
    shown: Chunks = []
    for stream, text in produced:
        dest = targets.get(stream)
        if dest is None:
            shown.append((stream, text))
        elif dest[0] in ("&1", "&2"):
            shown.append((int(dest[0][1]), text))
        elif dest[0] != "/dev/null":
            try:
                ctx.world = ctx.world.with_fs(ctx.world.fs.append(dest[0], text))
            except FsError:
                shown.append((stream, text))
    return code, shown


def _restore(before: Any, after: Any, names: list[str]) -> Any:
    """The variables after a command, with the prefix assignments undone."""
    from types import MappingProxyType

    env = dict(after)
    for k in names:
        if k in before:
            env[k] = before[k]
        else:
            env.pop(k, None)
    return MappingProxyType(env)


def stdin_reader(ctx: Ctx, stdin: str) -> Callable[[str], str | None]:
    """A program's standard input, a line at a time: the text piped or redirected into
    it, else the keyboard when a student typed the line. ``None`` at its end.

    The function is given what the program printed so far (so the terminal shows it,
    with the prompt, before the student answers).
    """
    if ctx.tty_in and ctx.keyboard is not None:
        keyboard = ctx.keyboard
        before = "".join(t for _, t in ctx.shown)

        def ask(shown: str) -> str | None:
            try:
                return keyboard(before + shown)
            except EOFError:
                return None

        ask.tty = getattr(keyboard, "tty", True)  # type: ignore[attr-defined]
        return ask
    lines = stdin.splitlines(keepends=True)
    position = [0]

    def read(shown: str) -> str | None:
        if position[0] >= len(lines):
            return None
        position[0] += 1
        return lines[position[0] - 1].rstrip("\n")

    return read


def execute(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """Run one command: functions and builtins first, then ``PATH``."""
    from .builtins import BUILTINS, run_function
    from .coreutils import TOOLS

    name = args[0]
    if name in ctx.world.shell.functions:
        if name in ctx.world.shell.bodies:
            return call_function(ctx, args, stdin)
        return run_function(ctx, args)
    if name in BUILTINS:
        return BUILTINS[name](ctx, args, stdin)
    hashed = ctx.world.shell.hashed.get(name) if "/" not in name else None
    if hashed is not None:
        # bash runs the path it remembered, even when the file has gone since.
        if not ctx.world.fs.exists(hashed):
            return 127, err(f"bash: {hashed}: No such file or directory")
        path: str | None = hashed
    else:
        path = find_command(ctx.world, name)
        if path is not None and "/" not in name:
            ctx.world = ctx.world.with_shell(ctx.world.shell.remember(name, path))
    if path is None:
        if "/" in name:
            return 127, err(f"bash: {name}: No such file or directory")
        return 127, err(f"bash: {name}: command not found")
    fs = ctx.world.fs
    node = fs.lookup(path)
    if isinstance(node, Dir):
        return 126, err(f"bash: {name}: Is a directory")
    if isinstance(node, Binary):
        from .python_cmd import run_python

        return run_python(ctx, path, args, stdin)
    assert isinstance(node, File)
    if not node.executable:
        return 126, err(f"bash: {name}: Permission denied")
    if node.text.startswith(UV_MARK):  # uv and uvx (simulator/uv)
        from ..uv.cli import run_uv

        ctx.world, code, produced, events = run_uv(ctx.world, args)
        ctx.events += events
        return code, produced
    if node.text.startswith(COMMAND_MARK):  # sudo, apt (simulator/debian)
        from ..debian import COMMANDS

        return COMMANDS[node.text.split()[2]](ctx, args, stdin)
    if node.text.startswith(TOOL_MARK):
        tool = node.text[len(TOOL_MARK) :].strip()
        if tool in TOOLS:
            return TOOLS[tool](ctx, args, stdin)
    interpreter = shebang(node.text)
    if interpreter is None:
        from .builtins import source_text

        return source_text(ctx, node.text)
    if not fs.exists(interpreter):
        return 127, err(f"bash: {name}: cannot execute: required file not found")
    if isinstance(fs.lookup(interpreter), Binary):
        from .python_cmd import run_python

        return run_python(ctx, interpreter, [interpreter, path, *args[1:]], stdin)
    return 126, err(f"bash: {name}: cannot execute binary file")


def find_command(world: World, name: str) -> str | None:
    """What bash would run for ``name`` (an absolute path, symlinks kept), or None."""
    fs = world.fs
    if "/" in name:
        path = normalize(name, world.shell.cwd)
        return path if fs.lexists(path) and fs.exists(path) else None
    for folder in world.shell.env.get("PATH", "").split(":"):
        folder = normalize(folder or ".", world.shell.cwd)
        candidate = posixpath.join(folder, name)
        node = fs.lookup(candidate)
        if isinstance(node, Binary) or (isinstance(node, File) and node.executable):
            return candidate
    return None
