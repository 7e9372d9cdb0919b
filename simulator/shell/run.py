"""Running one bash-like line on a world: lookup, execution, redirections, pipes.

>>> from simulator.model.world import WorldSpec, build
>>> out = run_line(build(WorldSpec()), "cd /tmp && pwd")
>>> (out.code, out.output, out.world.shell.cwd)
(0, '/tmp\\n', '/tmp')
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.debian import COMMAND_MARK
from ..model.fs import Binary, Dir, File, FsError, normalize
from ..model.layout import TOOL_MARK
from ..model.scripts import shebang
from ..model.tools import UV_MARK
from ..model.world import World
from .parse import Line, ParseError, Simple, Word, parse

Chunks = list[tuple[int, str]]


@dataclass
class Ctx:
    """A line being run: the world changes as its commands run."""

    world: World
    events: list[dict[str, Any]] = field(default_factory=list)
    last_code: int = 0


@dataclass
class Outcome:
    """What one line did: the new world, its exit code and what the terminal showed."""

    world: World
    code: int
    chunks: Chunks
    events: list[dict[str, Any]]

    @property
    def output(self) -> str:
        return "".join(text for _, text in self.chunks)


Command = Callable[[Ctx, list[str], str], tuple[int, Chunks]]


def err(text: str) -> Chunks:
    return [(2, text if text.endswith("\n") else text + "\n")]


def out(text: str) -> Chunks:
    return [(1, text if text.endswith("\n") or not text else text + "\n")]


def run_line(world: World, line: str) -> Outcome:
    """Run ``line`` as bash would; never raises for any input."""
    ctx = Ctx(world)
    try:
        parsed = parse(line)
    except ParseError as e:
        return Outcome(world, 2, err(f"bash: {e}"), [])
    chunks: Chunks = []
    code = ctx.last_code
    try:
        code = _run(ctx, parsed, chunks)
    except RecursionError:
        chunks += err("bash: maximum nesting level exceeded")
        code = 1
    return Outcome(ctx.world, code, chunks, ctx.events)


def _run(ctx: Ctx, parsed: Line, chunks: Chunks) -> int:
    code = 0
    for i, pipeline in enumerate(parsed.pipelines):
        if i and pipeline.connector == "&&" and code != 0:
            continue
        if i and pipeline.connector == "||" and code == 0:
            continue
        stdin = ""
        for j, simple in enumerate(pipeline.commands):
            last = j == len(pipeline.commands) - 1
            code, produced = _run_simple(ctx, simple, stdin)
            if last:
                chunks += produced
            else:
                stdin = "".join(t for s, t in produced if s == 1)
                chunks += [(s, t) for s, t in produced if s != 1]
        ctx.last_code = code
    return code


def expand(ctx: Ctx, word: Word) -> str:
    env = ctx.world.shell.env
    text = ""
    for kind, value in word:
        if kind == "lit":
            text += value
        elif kind == "tilde":
            text += env.get("HOME", ctx.world.home)
        elif value == "?":
            text += str(ctx.last_code)
        elif value == "$":
            text += "4242"
        elif value == "#":
            text += "0"
        elif value == "0":
            text += "bash"
        else:
            text += env.get(value, "")
    return text


def _expand_args(ctx: Ctx, words: list[Word]) -> list[str]:
    args = []
    for w in words:
        text = expand(ctx, w)
        quoted = any(k in ("lit", "qvar") for k, _ in w) and not all(k == "var" for k, _ in w)
        if not quoted and all(k == "var" for k, _ in w):
            args.extend(text.split())
        else:
            args.append(text)
    return args


def _run_simple(ctx: Ctx, simple: Simple, stdin: str) -> tuple[int, Chunks]:
    args = _expand_args(ctx, simple.words)
    assignments = []
    while args and "=" in args[0] and args[0].split("=", 1)[0].isidentifier():
        assignments.append(args.pop(0).split("=", 1))
    if assignments and not args:
        shell = ctx.world.shell.with_env(**{k: v for k, v in assignments})
        ctx.world = ctx.world.with_shell(shell)
        return 0, []
    if assignments:
        saved = ctx.world.shell
        ctx.world = ctx.world.with_shell(saved.with_env(**{k: v for k, v in assignments}))
        code, produced = _run_simple(ctx, Simple(simple.words[len(assignments) :], simple.redirects), stdin)
        from dataclasses import replace

        after = ctx.world.shell
        env = _restore(saved.env, after.env, [k for k, _ in assignments])
        ctx.world = ctx.world.with_shell(
            replace(
                after, env=env, unexported=saved.unexported & set(env) | (after.unexported - set(saved.env))
            )
        )
        return code, produced
    # Redirections: where stdout (1) and stderr (2) go, set up before the command runs.
    targets: dict[int, tuple[str, bool] | None] = {1: None, 2: None}
    for r in simple.redirects:
        path_text = expand(ctx, r.target)
        if r.op == ">&":
            targets[2] = targets[1]
            continue
        if r.op == "<":
            full = normalize(path_text, ctx.world.shell.cwd)
            try:
                stdin = ctx.world.fs.read(full)
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
    if not args:
        return 0, []
    code, produced = execute(ctx, args, stdin)
    shown: Chunks = []
    for stream, text in produced:
        dest = targets.get(stream)
        if dest is None:
            shown.append((stream, text))
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


def execute(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """Run one command: functions and builtins first, then ``PATH``."""
    from .builtins import BUILTINS, run_function
    from .coreutils import TOOLS

    name = args[0]
    if name in ctx.world.shell.functions:
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
