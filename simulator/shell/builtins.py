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
        gone = set(args[2:])
        shell = replace(shell, functions=shell.functions - gone,
                        bodies={k: v for k, v in shell.bodies.items() if k not in gone})
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
            text = _function_source(ctx, name)
            if text is None:
                chunks += out(f"{name} is a function")
            else:
                from .show import function_text

                chunks += out(f"{name} is a function\n{function_text(name, text)}")
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


def _function_source(ctx: Ctx, name: str) -> str | None:
    """A function's body: the student's, or ``deactivate`` as the activate script defines it."""
    from .parse import Function, ParseError, parse

    shell = ctx.world.shell
    if name in shell.bodies:
        return shell.bodies[name]
    try:
        script = ctx.world.fs.read(shell.env.get("VIRTUAL_ENV", "") + "/bin/activate")
        commands = parse(script).commands
    except (FsError, ParseError, KeyError):
        return None
    return next((c.text for c in commands if isinstance(c, Function) and c.name == name), None)


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
    """Run a script in the current shell, as ``source`` does."""
    from .run import run_script

    return run_script(ctx, text, "")


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
    """``exit [N]``: the shell ends (bash prints ``exit`` on its way out)."""
    from .run import ShellExit

    if len(args) > 1 and not args[1].lstrip("-").isdigit():
        raise ShellExit(2, f"bash: exit: {args[1]}: numeric argument required")
    raise ShellExit(int(args[1]) & 0xFF if len(args) > 1 else ctx.last_code)


def return_(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    from .run import Return

    if ctx.depth == 0:
        return 1, err("bash: return: can only `return' from a function or sourced script")
    raise Return(int(args[1]) & 0xFF if len(args) > 1 and args[1].isdigit() else ctx.last_code)


def loop_control(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``break`` and ``continue`` [N]."""
    from .run import LoopControl

    if ctx.loops == 0:
        return 0, err(f"bash: {args[0]}: only meaningful in a `for', `while', or `until' loop")
    levels = int(args[1]) if len(args) > 1 and args[1].isdigit() and int(args[1]) > 0 else 1
    raise LoopControl(args[0], min(levels, ctx.loops))


def history(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """The lines typed, numbered as bash numbers them."""
    lines = ctx.world.shell.history
    if len(args) > 1 and args[1] == "-c":
        from dataclasses import replace

        ctx.world = ctx.world.with_shell(replace(ctx.world.shell, history=()))
        return 0, []
    first = 0
    if len(args) > 1 and args[1].isdigit():
        first = max(0, len(lines) - int(args[1]))
    return 0, [(1, "".join(f"{i + 1:5d}  {line}\n" for i, line in enumerate(lines) if i >= first))]


def test(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``test EXPR`` and ``[ EXPR ]``."""
    words = args[1:]
    if args[0] == "[":
        if not words or words[-1] != "]":
            return 2, err("bash: [: missing `]'")
        words = words[:-1]
    try:
        return (0 if _test(ctx, words) else 1), []
    except ValueError as e:
        return 2, err(f"bash: {args[0]}: {e}")


def _test(ctx: Ctx, words: list[str]) -> bool:
    if not words:
        return False
    if words[0] == "!" and len(words) > 1:
        return not _test(ctx, words[1:])
    if len(words) == 1:
        return words[0] != ""
    fs = ctx.world.fs
    if len(words) == 2:
        op, value = words
        path = normalize(value, ctx.world.shell.cwd) if value else ""
        files = {"-e": fs.exists, "-f": fs.is_file, "-d": fs.is_dir,
                 "-L": fs.lexists, "-h": fs.lexists}
        if op in files:
            return bool(value) and files[op](path) and (op not in "-L-h" or _is_link(ctx, path))
        if op == "-x":
            return _executable(ctx, path)
        if op == "-s":
            return fs.is_file(path) and fs.read(path) != ""
        if op == "-z":
            return value == ""
        if op == "-n":
            return value != ""
        raise ValueError(f"{op}: unary operator expected")
    if len(words) == 3:
        a, op, b = words
        if op in ("=", "=="):
            return a == b
        if op == "!=":
            return a != b
        numeric = {"-eq": int.__eq__, "-ne": int.__ne__, "-lt": int.__lt__, "-le": int.__le__,
                   "-gt": int.__gt__, "-ge": int.__ge__}
        if op in numeric:
            for v in (a, b):
                if not v.strip().lstrip("-").isdigit():
                    raise ValueError(f"{v}: integer expression expected")
            return bool(numeric[op](int(a), int(b)))
        raise ValueError(f"{op}: binary operator expected")
    raise ValueError("too many arguments")


def _is_link(ctx: Ctx, path: str) -> bool:
    from ..model.fs import Symlink

    return isinstance(ctx.world.fs.node(path), Symlink)


def _executable(ctx: Ctx, path: str) -> bool:
    from ..model.fs import Binary, Dir, File

    node = ctx.world.fs.lookup(path)
    return isinstance(node, (Binary, Dir)) or isinstance(node, File) and node.executable


def read(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``read [-r] [-p PROMPT] [NAME...]``: one line of standard input into variables."""
    from .run import stdin_reader

    words = args[1:]
    raw, prompt = False, ""
    while words and words[0].startswith("-") and len(words[0]) > 1:
        flag = words.pop(0)
        if flag == "-r":
            raw = True
        elif flag == "-p" and words:
            prompt = words.pop(0)
        else:
            return 2, err(f"bash: read: {flag}: invalid option\n"
                          "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] "
                          "[-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]")
    names = words or ["REPLY"]
    chunks: Chunks = []
    if ctx.tty_in and ctx.keyboard is not None:
        if prompt:
            chunks.append((2, prompt))  # bash shows -p's prompt on stderr, at a terminal only
        line = stdin_reader(ctx, "")("".join(t for _, t in chunks))
        ended = line is None
        text = line or ""
    else:
        kept = ctx.consumed.get(id(stdin))
        start = kept[1] if kept is not None and kept[0] is stdin else 0
        end = stdin.find("\n", start)
        ended = end < 0
        text = stdin[start:] if ended else stdin[start:end]
        ctx.consumed[id(stdin)] = (stdin, len(stdin) if ended else end + 1)
    if not raw:  # a backslash keeps the next character as it is
        import re

        text = re.sub(r"\\(.)", r"\1", text)
    if words:
        fields = text.split(None, len(names) - 1)
        values = {n: (fields[i].strip() if i < len(fields) else "") for i, n in enumerate(names)}
    else:
        values = {"REPLY": text}
    ctx.world = ctx.world.with_shell(ctx.world.shell.with_env(**values))
    return (1 if ended else 0), chunks


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
    "return": return_,
    "break": loop_control,
    "continue": loop_control,
    "history": history,
    "read": read,
    "test": test,
    "[": test,
}
