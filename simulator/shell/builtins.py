"""Bash builtins: ``cd pwd echo source . export unset type true false`` and ``deactivate``.

``source .venv/bin/activate`` does what the real script does, read from the file
itself: the folder baked into it (not where it lies now) goes into ``VIRTUAL_ENV``.
"""

from __future__ import annotations

from ..model.fs import FsError, normalize
from ..model.scripts import Activation, parse_activate
from .run import Chunks, Ctx, err, out


def cd(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    shell = ctx.world.shell
    if len(args) > 2:
        return 1, err("bash: cd: too many arguments")
    target = args[1] if len(args) > 1 else shell.env.get("HOME", "")
    shown = ""
    if target == "-":
        target = shell.env.get("OLDPWD", "")
        if not target:
            return 1, err("bash: cd: OLDPWD not set")
        shown = target + "\n"
    if not target:
        return 0, []
    path = normalize(target, shell.cwd)
    fs = ctx.world.fs
    if not fs.exists(path):
        return 1, err(
            f"bash: cd: {args[1] if len(args) > 1 else target}: No such file or directory"
        )
    if not fs.is_dir(path):
        return 1, err(f"bash: cd: {args[1]}: Not a directory")
    new = shell.with_env(OLDPWD=shell.cwd, PWD=path)
    from dataclasses import replace

    ctx.world = ctx.world.with_shell(replace(new, cwd=path))
    ctx.events.append({"event": "cd", "path": path})
    return 0, out(shown) if shown else []


def pwd(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return 0, out(ctx.world.shell.cwd)


def echo(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    words = args[1:]
    newline = True
    while words and words[0] in ("-n", "-e", "-E"):
        if words[0] == "-n":
            newline = False
        words = words[1:]
    text = " ".join(words)
    return 0, [(1, text + ("\n" if newline else ""))]


def printf(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    if len(args) < 2:
        return 2, err("printf: usage: printf [-v var] format [arguments]")
    fmt, values = args[1], list(args[2:])
    text = ""
    while True:
        i = 0
        piece = ""
        while i < len(fmt):
            ch = fmt[i]
            if ch == "\\" and i + 1 < len(fmt):
                piece += {"n": "\n", "t": "\t", "\\": "\\"}.get(fmt[i + 1], "\\" + fmt[i + 1])
                i += 2
                continue
            if ch == "%" and i + 1 < len(fmt):
                code = fmt[i + 1]
                if code == "%":
                    piece += "%"
                elif code in "sdb":
                    piece += values.pop(0) if values else ""
                i += 2
                continue
            piece += ch
            i += 1
        text += piece
        if not values or "%" not in fmt:
            break
    return 0, [(1, text)] if text else []


def true(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return 0, []


def false(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return 1, []


def export(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    changes: dict[str, str | None] = {}
    names = []
    for a in args[1:]:
        k, eq, v = a.partition("=")
        if not k.isidentifier():
            return 1, err(f"bash: export: `{a}': not a valid identifier")
        names.append(k)
        if eq:
            changes[k] = v
    ctx.world = ctx.world.with_shell(ctx.world.shell.with_env(**changes).export(*names))
    return 0, []


def unset(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    from dataclasses import replace

    shell = ctx.world.shell
    if len(args) > 1 and args[1] == "-f":
        shell = replace(shell, functions=shell.functions - set(args[2:]))
    else:
        shell = shell.with_env(**{a: None for a in args[1:] if a != "-v"})
    ctx.world = ctx.world.with_shell(shell)
    return 0, []


def type_(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    from .run import find_command

    chunks: Chunks = []
    code = 0
    for name in args[1:]:
        if name in ctx.world.shell.functions:
            chunks += out(f"{name} is a function\n{name} () \n{{ \n    ...\n}}")
        elif name in BUILTINS:
            chunks += out(f"{name} is a shell builtin")
        elif name in ctx.world.shell.hashed:
            chunks += out(f"{name} is hashed ({ctx.world.shell.hashed[name]})")
        else:
            path = find_command(ctx.world, name)
            if path:
                chunks += out(f"{name} is {path}")
            else:
                chunks += err(f"bash: type: {name}: not found")
                code = 1
    return code, chunks


def command(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``command -v NAME``: what would run; ``command NAME ...``: run it, skipping functions."""
    from .run import execute, find_command

    if len(args) > 1 and args[1] in ("-v", "-V"):
        chunks: Chunks = []
        code = 0
        for name in args[2:]:
            if name in ctx.world.shell.functions or name in BUILTINS:
                chunks += out(name)
                continue
            path = find_command(ctx.world, name)
            if path is None:
                code = 1
            else:
                chunks += out(path)
        return code, chunks
    if len(args) > 1:
        functions = ctx.world.shell.functions
        from dataclasses import replace

        ctx.world = ctx.world.with_shell(replace(ctx.world.shell, functions=frozenset()))
        code, chunks = execute(ctx, args[1:], stdin)
        ctx.world = ctx.world.with_shell(replace(ctx.world.shell, functions=functions))
        return code, chunks
    return 0, []


def source(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    if len(args) < 2:
        return 2, err(
            f"bash: {args[0]}: filename argument required\n{args[0]}: usage: {args[0]} filename [arguments]"
        )
    path = normalize(args[1], ctx.world.shell.cwd)
    try:
        text = ctx.world.fs.read(path)
    except FsError as e:
        return 1, err(f"bash: {args[1]}: {e.reason}")
    from ..uv.activate import parse as parse_uv_activate

    baked = parse_activate(text) or parse_uv_activate(text)  # CPython's venv, or uv's
    if baked is not None:
        activate(ctx, baked)
        return 0, []
    return source_text(ctx, text)


def source_text(ctx: Ctx, text: str) -> tuple[int, Chunks]:
    """Run each line of a script in the current shell."""
    from .run import run_line

    code = 0
    chunks: Chunks = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        result = run_line(ctx.world, line)
        ctx.world = result.world
        ctx.events += result.events
        chunks += result.chunks
        code = result.code
    return code, chunks


def _reset(env: dict[str, str]) -> None:
    """The body of ``deactivate``: put back what ``activate`` saved."""
    if env.get("_OLD_VIRTUAL_PATH"):
        env["PATH"] = env.pop("_OLD_VIRTUAL_PATH")
    if env.get("_OLD_VIRTUAL_PYTHONHOME"):
        env["PYTHONHOME"] = env.pop("_OLD_VIRTUAL_PYTHONHOME")
    if env.get("_OLD_VIRTUAL_PS1"):
        env["PS1"] = env.pop("_OLD_VIRTUAL_PS1")
    env.pop("VIRTUAL_ENV", None)
    env.pop("VIRTUAL_ENV_PROMPT", None)


def activate(ctx: Ctx, script: Activation) -> None:
    """What sourcing a venv's ``bin/activate`` does to the shell."""
    from dataclasses import replace
    from types import MappingProxyType

    shell = ctx.world.shell
    env = dict(shell.env)
    _reset(env)
    venv = script.venv
    env["VIRTUAL_ENV"] = venv
    env["_OLD_VIRTUAL_PATH"] = env.get("PATH", "")
    env["PATH"] = f"{venv}/bin:{env.get('PATH', '')}"
    if env.get("PYTHONHOME"):
        env["_OLD_VIRTUAL_PYTHONHOME"] = env.pop("PYTHONHOME")
    exported = {"VIRTUAL_ENV", "PATH"}
    if script.prompt_always:
        env["VIRTUAL_ENV_PROMPT"] = script.prompt_var
        exported.add("VIRTUAL_ENV_PROMPT")
    if not env.get("VIRTUAL_ENV_DISABLE_PROMPT"):
        env["_OLD_VIRTUAL_PS1"] = env.get("PS1", "")
        env["PS1"] = f"{script.ps1_prefix}{env.get('PS1', '')}"
        env["VIRTUAL_ENV_PROMPT"] = script.prompt_var
        exported |= {"PS1", "VIRTUAL_ENV_PROMPT"}
    hidden = (shell.unexported | {"_OLD_VIRTUAL_PATH", "_OLD_VIRTUAL_PS1",
                                  "_OLD_VIRTUAL_PYTHONHOME"}) - exported
    shell = replace(shell, env=MappingProxyType(env), functions=shell.functions | {"deactivate"},
                    unexported=frozenset(hidden), hashed=MappingProxyType({}))
    ctx.world = ctx.world.with_shell(shell)
    ctx.events.append({"event": "activated", "venv": venv})


def run_function(ctx: Ctx, args: list[str]) -> tuple[int, Chunks]:
    """The only shell function venvsim knows: the ``deactivate`` that activate defines."""
    from dataclasses import replace
    from types import MappingProxyType

    shell = ctx.world.shell
    env = dict(shell.env)
    _reset(env)
    functions = shell.functions
    if not (len(args) > 1 and args[1] == "nondestructive"):
        functions = functions - {"deactivate"}
    restored = {"PATH", "PS1"} & set(env)  # deactivate exports what it puts back
    ctx.world = ctx.world.with_shell(replace(shell, env=MappingProxyType(env), functions=functions,
                                             unexported=shell.unexported - restored,
                                             hashed=MappingProxyType({})))
    ctx.events.append({"event": "deactivated"})
    return 0, []


def hash_(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``hash -r`` forgets remembered command paths; ``hash`` lists them."""
    shell = ctx.world.shell
    if "-r" in args[1:]:
        ctx.world = ctx.world.with_shell(shell.forget())
        return 0, []
    if not shell.hashed:
        return 0, out("hash: hash table empty")
    lines = ["hits\tcommand"] + [f"   1\t{p}" for p in shell.hashed.values()]
    return 0, out("\n".join(lines))


def exit_(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return (int(args[1]) if len(args) > 1 and args[1].isdigit() else ctx.last_code), []


BUILTINS = {
    "cd": cd,
    "pwd": pwd,
    "echo": echo,
    "printf": printf,
    "true": true,
    "false": false,
    ":": true,
    "export": export,
    "unset": unset,
    "type": type_,
    "command": command,
    "source": source,
    ".": source,
    "exit": exit_,
    "hash": hash_,
}
