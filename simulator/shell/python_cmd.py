"""Running a python: ``-m pip``, ``-m venv``, ``-m site``, ``-c CODE``, ``--version``, ``app.py``.

``-c`` understands a small, common subset of Python (imports, ``print`` of
module versions and of ``sys`` values), read with ``ast`` and never evaluated. What it
cannot answer exactly it declines in one line (``venvsim: Python's `...` is not
simulated``, exit 2) rather than print a guess.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import posixpath
from collections.abc import Callable
from typing import Any

from .. import pip as pip_module
from .. import venv as venv_module
from ..model import appcode
from ..model import projects as projects_model
from ..model.entrypoints import launcher_target
from ..model.fs import FsError, normalize
from ..model.projects import parse_app
from ..model.python import PythonView, start
from .run import Chunks, Ctx, err, out, stdin_reader

USAGE = (
    "usage: {prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Try `python -h' for more information."
)
VALUE_OPTIONS = {"-W", "-X", "--check-hash-based-pycs"}
FLAG_OPTIONS = set("bBdEhiIOPqsSuvx")


def run_python(ctx: Ctx, exe: str, argv: list[str], stdin: str) -> tuple[int, Chunks]:
    """``argv[0]`` is the name as typed; ``exe`` the absolute path it was found at."""
    args = argv[1:]
    no_user = any(
        a.startswith("-") and not a.startswith("--") and "s" in a[1:] and a not in ("-m", "-c")
        for a in _options_before_target(args)
    )
    view = start(ctx.world.fs, exe, ctx.world.home, no_user_site=no_user)
    if view is None:
        return 127, err(f"bash: {argv[0]}: command not found")
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-V", "--version"):
            return 0, out(f"Python {view.version}")
        if a == "-m":
            if i + 1 >= len(args):
                return 2, err(f"Argument expected for the -m option\n{USAGE.format(prog=argv[0])}")
            return run_module(ctx, view, args[i + 1], args[i + 2 :], stdin)
        if a == "-c":
            if i + 1 >= len(args):
                return 2, err(f"Argument expected for the -c option\n{USAGE.format(prog=argv[0])}")
            return run_code(ctx, view, args[i + 1], argv=["-c", *args[i + 2 :]],
                            stdin=stdin_reader(ctx, stdin))
        if a in VALUE_OPTIONS:
            i += 2
            continue
        if a.startswith("--") and len(a) > 2:
            return 2, err(f"unknown option {a}\n{USAGE.format(prog=argv[0])}")
        if a.startswith("-") and a != "-" and len(a) > 1:
            bad = next((c for c in a[1:] if c not in FLAG_OPTIONS), None)
            if bad is None:
                i += 1
                continue
            return 2, err(f"Unknown option: -{bad}\n{USAGE.format(prog=argv[0])}")
        if a == "-":
            return run_code(ctx, view, stdin, filename="<stdin>", argv=["-", *args[i + 1 :]])
        return run_script(ctx, view, argv[0], a, args[i + 1 :], stdin)
    if ctx.tty_in and ctx.keyboard is not None:
        from .python_repl import interactive

        return interactive(ctx, view)
    return run_code(ctx, view, stdin, filename="<stdin>", argv=[""])


def _options_before_target(args: list[str]) -> list[str]:
    """The interpreter's own options: those before ``-m``, ``-c`` or the script."""
    found = []
    for a in args:
        if a in ("-m", "-c") or not a.startswith("-") or a == "-":
            break
        found.append(a)
    return found


def _has_module(ctx: Ctx, view: PythonView, module: str) -> bool:
    fs = ctx.world.fs
    return any(
        fs.is_file(f"{site}/{module}/__init__.py") or fs.is_dir(f"{site}/{module}")
        for site in view.site_dirs
    )


def run_module(ctx: Ctx, view: PythonView, module: str, args: list[str],
               stdin: str = "") -> tuple[int, Chunks]:
    if module == "pip":
        if not _has_module(ctx, view, "pip"):
            return 1, err(f"{view.executable}: No module named pip")
        result = pip_module.main(ctx.world, view, args, prog=f"{view.executable} -m pip",
                                 stdin=stdin_reader(ctx, stdin))
        ctx.world = ctx.world.with_fs(result.fs)
        ctx.events += result.events
        return result.exit_code, result.chunks
    if module == "venv":
        vres = venv_module.create(ctx.world.fs, view, args, ctx.world.shell.cwd)
        ctx.world = ctx.world.with_fs(vres.fs)
        for path in vres.created:
            ctx.events.append({"event": "venv_created", "prefix": path, "python": view.minor})
        stream = 1 if vres.exit_code == 0 and not vres.output.startswith("WARNING") else 2
        return vres.exit_code, ([(stream, vres.output)] if vres.output else [])
    if module == "site":
        user_base = posixpath.dirname(posixpath.dirname(posixpath.dirname(view.user_site)))
        code = 0 if view.user_site_enabled else 1
        if "--user-site" in args or "--user-base" in args:
            shown = [user_base] if "--user-base" in args else []
            if "--user-site" in args:
                shown.append(view.user_site)
            return code, out(os_pathsep_join(shown))
        return 0, out(_site_report(ctx, view))
    if module == "ensurepip":
        if view.debian and not ctx.world.fs.is_dir(f"{view.stdlib}/ensurepip"):
            return 1, err(f"{view.executable}: No module named ensurepip")  # python3.13-venv's
        if view.debian and not view.in_venv:
            from ..model.debian import ENSUREPIP_DISABLED

            return 1, err(ENSUREPIP_DISABLED)
        return 0, []
    if module in ("sys", "os", "json", "this", "antigravity") or _has_module(ctx, view, module):
        return 0, []
    return 1, err(f"{view.executable}: No module named {module}")


def os_pathsep_join(parts: list[str]) -> str:
    return ":".join(parts)


def _sys_path(ctx: Ctx, view: PythonView, first: str) -> list[str]:
    nodot = view.minor.replace(".", "")
    base = view.base_prefix
    return [
        first,
        f"{base}/lib/python{nodot}.zip",
        f"{base}/lib/python{view.minor}",
        f"{base}/lib/python{view.minor}/lib-dynload",
        *view.site_dirs,
    ]


def _site_report(ctx: Ctx, view: PythonView) -> str:
    fs = ctx.world.fs
    lines = ["sys.path = ["]
    lines += [f"    {p!r}," for p in _sys_path(ctx, view, ctx.world.shell.cwd)]
    lines.append("]")
    user_base = posixpath.dirname(posixpath.dirname(posixpath.dirname(view.user_site)))
    for label, path in (("USER_BASE", user_base), ("USER_SITE", view.user_site)):
        state = "exists" if fs.is_dir(path) else "doesn't exist"
        lines.append(f"{label}: {path!r} ({state})")
    lines.append(f"ENABLE_USER_SITE: {view.user_site_enabled}")
    return "\n".join(lines)


def module_version(ctx: Ctx, view: PythonView, module: str) -> tuple[str, str] | None:
    """``(__version__, site)`` of the first ``module`` on ``sys.path``, or None."""
    return projects_model.module_version(ctx.world.fs, view, module)


def run_script(
    ctx: Ctx, view: PythonView, prog: str, script: str, args: list[str], stdin: str = ""
) -> tuple[int, Chunks]:
    path = normalize(script, ctx.world.shell.cwd)
    # CPython names the script absolute but not normalized: /home/ana/brocha/../solo/app.py
    # (from / it joins "//tmp/../x.py", as _Py_abspath does)
    shown = script if script.startswith("/") else f"{ctx.world.shell.cwd}/{script}"
    fs = ctx.world.fs
    try:
        text = fs.read(path)
    except FsError as e:
        errno = 21 if e.reason == "Is a directory" else 2
        return 2, err(f"{prog}: can't open file {shown!r}: [Errno {errno}] {e.reason}")
    if fs.is_dir(path):
        return 1, err(f"{prog}: can't find '__main__' module in {script!r}")
    if "from pip._internal.cli.main import" in text:
        if not _has_module(ctx, view, "pip"):
            line = next((n for n, t in enumerate(text.splitlines(), 1) if "pip._internal" in t), 1)
            source = text.splitlines()[line - 1]
            return 1, err(
                "Traceback (most recent call last):\n"
                f'  File "{shown}", line {line}, in <module>\n'
                f"    {source}\n"
                "ModuleNotFoundError: No module named 'pip'"
            )
        if not _has_module(ctx, view, "pip"):
            pass
        result = pip_module.main(ctx.world, view, args, prog=posixpath.basename(script),
                                 stdin=stdin_reader(ctx, stdin))
        ctx.world = ctx.world.with_fs(result.fs)
        ctx.events += result.events
        return result.exit_code, result.chunks
    target = launcher_target(text)
    if target is not None:
        return run_launcher(ctx, view, shown, text, target, [script, *args], stdin)
    parsed = parse_app(text)
    if parsed is None:
        return run_code(ctx, view, text, filename=shown, argv=[script, *args],
                        stdin=stdin_reader(ctx, stdin))
    name, needs = parsed
    found: dict[str, str | None] = {}
    for need in needs:
        module = appcode.import_name(need.split(";")[0].strip().split("[")[0].strip(" <>=!~"))
        try:
            from packaging.requirements import Requirement

            module = appcode.import_name(Requirement(need).name)
        except Exception:
            pass
        hit = module_version(ctx, view, module)
        found[module] = hit[0] if hit else None
    code, text_out = appcode.run_output(name, shown, needs, found, ctx.world.index.versions())
    ctx.events.append({"event": "ran", "project": name, "path": path, "exit_code": code})
    return code, [(1 if code == 0 else 2, text_out)]


def run_launcher(ctx: Ctx, view: PythonView, shown: str, text: str, target: tuple[str, str],
                 argv: list[str], stdin: str) -> tuple[int, Chunks]:
    """A console script pip wrote: import the function, run its body (the index's
    invented packages' own code); a function venvsim does not hold is declined."""
    module, func = target
    top, _, sub = module.partition(".")
    hit = module_version(ctx, view, top)
    if hit is None:
        line = 1 + text.split("\nfrom ", 1)[0].count("\n") + 1
        return 1, err("Traceback (most recent call last):\n"
                      f'  File "{shown}", line {line}, in <module>\n'
                      f"    from {module} import {func}\n"
                      f"ModuleNotFoundError: No module named {top!r}")
    fs = ctx.world.fs
    path = f"{hit[1]}/{top}/{sub.replace('.', '/') + '.py' if sub else '__init__.py'}"
    tree = ast.Module([], [])
    with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
        tree = ast.parse(fs.read(path)) if fs.is_file(path) else tree
    found = next((d for d in tree.body if isinstance(d, ast.FunctionDef) and d.name == func
                  and not d.args.args), None)
    if found is None:  # a real package's code (flask.cli), or a module changed by hand
        return 2, err(f"venvsim: the command {posixpath.basename(shown)!r} "
                      f"({module}:{func}) is not simulated")
    chunks: Chunks = []
    names = new_names(argv, stdin_reader(ctx, stdin), chunks)
    how, status = run_tree(ctx, view, ast.Module(body=found.body, type_ignores=[]), names,
                           chunks, path, fs.read(path).splitlines())
    return status, chunks


# -- a tiny reader of ``python -c`` -------------------------------------------------
class _Failure(Exception):
    def __init__(self, text: str, node: ast.expr | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.node = node  # the expression that raised, which CPython underlines


class NotSimulated(Exception):
    """Python this reader cannot answer exactly: declined in one line, never guessed."""

    def __init__(self, node: ast.AST | None = None) -> None:
        super().__init__(node)
        self.node = node  # the expression or statement declined (None: the whole statement)


def declined(node: ast.AST) -> str:
    text = "; ".join(line.strip() for line in ast.unparse(node).splitlines())
    return f"venvsim: Python's `{text if len(text) <= 60 else text[:57] + '...'}` is not simulated"


class VersionInfo(tuple):  # type: ignore[type-arg]
    """``sys.version_info``: a 5-tuple shown with its field names."""

    FIELDS = ("major", "minor", "micro", "releaselevel", "serial")

    def __repr__(self) -> str:
        return "sys.version_info(" + ", ".join(
            f"{k}={v!r}" for k, v in zip(self.FIELDS, self, strict=True)) + ")"

    __str__ = __repr__


# dir(sys) of CPython 3.11: an attribute outside it is an AttributeError, one in it (but not
# modelled, as sys.modules) is declined.
SYS_NAMES = frozenset((
    "__breakpointhook__", "__displayhook__", "__doc__", "__excepthook__", "__interactivehook__",
    "__loader__", "__name__", "__package__", "__spec__", "__stderr__", "__stdin__", "__stdout__",
    "__unraisablehook__", "_base_executable", "_clear_type_cache", "_current_exceptions",
    "_current_frames", "_debugmallocstats", "_framework", "_getframe", "_getquickenedcount", "_git",
    "_home", "_stdlib_dir", "_xoptions", "abiflags", "addaudithook", "api_version", "argv", "audit",
    "base_exec_prefix", "base_prefix", "breakpointhook", "builtin_module_names", "byteorder",
    "call_tracing", "copyright", "displayhook", "dont_write_bytecode", "exc_info", "excepthook",
    "exception", "exec_prefix", "executable", "exit", "flags", "float_info", "float_repr_style",
    "get_asyncgen_hooks", "get_coroutine_origin_tracking_depth", "get_int_max_str_digits",
    "getallocatedblocks", "getdefaultencoding", "getdlopenflags", "getfilesystemencodeerrors",
    "getfilesystemencoding", "getprofile", "getrecursionlimit", "getrefcount", "getsizeof",
    "getswitchinterval", "gettrace", "hash_info", "hexversion", "implementation", "int_info", "intern",
    "is_finalizing", "maxsize", "maxunicode", "meta_path", "modules", "orig_argv", "path", "path_hooks",
    "path_importer_cache", "platform", "platlibdir", "prefix", "pycache_prefix", "set_asyncgen_hooks",
    "set_coroutine_origin_tracking_depth", "set_int_max_str_digits", "setdlopenflags", "setprofile",
    "setrecursionlimit", "setswitchinterval", "settrace", "stderr", "stdin", "stdlib_module_names",
    "stdout", "thread_info", "unraisablehook", "version", "version_info", "warnoptions",
))


class _Exit(Exception):
    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def run_code(
    ctx: Ctx,
    view: PythonView,
    code: str,
    filename: str = "<string>",
    argv: list[str] | None = None,
    stdin: Callable[[str], str | None] | None = None,
) -> tuple[int, Chunks]:
    """Run a small Python program: ``-c CODE``, a script file or standard input."""
    try:
        tree = ast.parse(code, filename)
    except SyntaxError as e:
        return 1, err(syntax_error(filename, e))
    except (ValueError, RecursionError, MemoryError) as e:  # NUL bytes, absurd nesting
        return 1, err(f"{type(e).__name__}: {e}")
    chunks: Chunks = []
    names = new_names(argv or ["-c"], stdin, chunks)
    names["__script__"] = not filename.startswith("<")
    if names["__script__"]:  # sys.path[0]: the script's real folder
        with contextlib.suppress(FsError):
            names["__path0__"] = posixpath.dirname(ctx.world.fs.resolve(
                normalize(filename, ctx.world.shell.cwd)))
    how, status = run_tree(ctx, view, tree, names, chunks, filename, code.splitlines())
    return status, chunks


BUILTIN_NAMES = set(vars(builtins))
INTERNAL = {"__argv__", "__stdin__", "__out__", "__script__", "__path0__"}  # not names of the program


def new_names(argv: list[str], stdin: Callable[[str], str | None] | None,
              chunks: Chunks) -> dict[str, Any]:
    """A program's global names (and where its ``input()`` and ``print`` go)."""
    return {"__argv__": argv, "__stdin__": stdin or (lambda s: None), "__out__": chunks,
            "__name__": "__main__"}


def syntax_error(filename: str, e: SyntaxError) -> str:
    line = (e.text or "").rstrip("\n")
    caret = " " * max((e.offset or 1) - 1, 0) + "^"
    return (f'  File "{filename}", line {e.lineno}\n    {line.strip()}\n    {caret}\n'
            f"SyntaxError: {e.msg}")


def run_tree(ctx: Ctx, view: PythonView, tree: ast.Module, names: dict[str, Any],
             chunks: Chunks, filename: str, source: list[str],
             echo: bool = False) -> tuple[str, int]:
    """Run statements: ("ok", 0), ("exit", status) or ("error", 1) after a traceback.

    With ``echo`` (the interactive prompt) an expression's value is shown, as ``>>>`` does.
    """
    for stmt in tree.body:
        try:
            if echo and isinstance(stmt, ast.Expr) and not _is_statement_call(stmt):
                value = _eval(ctx, view, stmt.value, names)
                if value is not None:
                    chunks.append((1, _repr(value) + "\n"))
            else:
                _exec(ctx, view, stmt, names, chunks)
        except _Exit as x:
            if x.message:
                chunks += err(x.message)
            return "exit", x.code
        except NotSimulated as n:
            chunks += err(declined(n.node or stmt))
            return "error", 2
        except _Failure as f:
            chunks += err(traceback(filename, source, stmt, f, view.minor))
            # CPython ends by SIGINT after a KeyboardInterrupt: bash reports 130
            return "error", 130 if f.text == "KeyboardInterrupt" else 1
    return "ok", 0


def _is_statement_call(stmt: ast.Expr) -> bool:
    """``print(...)``, ``exit()``, ``sys.exit()``: calls run for what they do."""
    call = stmt.value
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    return (isinstance(func, ast.Name) and func.id in ("print", "exit", "quit")) or (
        isinstance(func, ast.Attribute) and func.attr == "exit")


class LiteralDict(dict[Any, Any]):
    """A dict written whole by the program (``{"a": 1}``), unlike the model's partial ones."""


def _repr(value: Any) -> str:
    """Python's repr of a modelled value; a value it cannot show exactly is declined."""
    if isinstance(value, dict) and "__name__" in value:
        if "__file__" in value:
            return f"<module {value['__name__']!r} from {value['__file__']!r}>"
        if value["__name__"] == "sys":
            return "<module 'sys' (built-in)>"
        raise NotSimulated
    if isinstance(value, VersionInfo):
        return repr(value)
    if isinstance(value, LiteralDict):
        return "{" + ", ".join(f"{_repr(k)}: {_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_repr(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_repr(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if value is None or isinstance(value, (str, int, float, range)):
        return repr(value)
    raise NotSimulated


def traceback(filename: str, source: list[str], stmt: ast.stmt, f: _Failure,
              minor: str = "3.11") -> str:
    """CPython's report of an exception raised by ``stmt``: the source line (3.13 quotes
    ``-c`` code too) and what failed underlined, ``~`` and ``^`` as ``traceback`` draws them."""
    node: ast.expr | ast.stmt = f.node if f.node is not None else stmt
    where = f'  File "{filename}", line {node.lineno}, in <module>\n'
    new = tuple(int(p) for p in minor.split(".")) >= (3, 13)
    if (new or not filename.startswith("<")) and 0 < node.lineno <= len(source):
        line = source[node.lineno - 1]
        text = line.strip()
        where += f"    {text}\n"
        if node.end_col_offset is not None and node.lineno == node.end_lineno:
            indent = len(line) - len(line.lstrip())
            start, end = node.col_offset - indent, node.end_col_offset - indent
            anchors = _anchors(text, node, indent, new)
            bare = new and _whole_value(text, start, end)
            if not bare and (anchors or (start, end) != (0, len(text))):
                left, right = anchors or (start, end)
                where += "    " + " " * start + "".join(
                    "^" if left <= i < right else "~" for i in range(start, end)) + "\n"
    return f"Traceback (most recent call last):\n{where}{f.text}"


def _whole_value(text: str, start: int, end: int) -> bool:
    """3.13 draws nothing under a call that is all of ``name = f(...)`` or ``return f(...)``'s
    value."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    value: ast.expr | None = None
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Return) and isinstance(first.value, ast.Call) and isinstance(
            first.value.func, ast.Name):
        value = first.value
    if isinstance(first, ast.Assign) and isinstance(first.value, ast.Call) and len(
            first.targets) == 1 and isinstance(first.targets[0], ast.Name):
        value = first.value
    return value is not None and (value.col_offset, value.end_col_offset) == (start, end)


def _anchors(text: str, node: ast.AST, indent: int, calls: bool) -> tuple[int, int] | None:
    """The part of ``node`` drawn with ``^`` (the rest with ``~``): a binary operator, a
    subscript's brackets, and from 3.13 a call's parentheses; None for other expressions."""
    if isinstance(node, ast.BinOp) and node.left.end_col_offset is not None:
        gap = text[node.left.end_col_offset - indent:node.right.col_offset - indent]
        left = node.left.end_col_offset - indent + len(gap) - len(gap.lstrip(" )"))
        size = 2 if left + 1 < len(text) and text[left + 1] not in " (" and \
            len(gap.strip(" ()")) > 1 else 1
        return left, left + size
    if isinstance(node, ast.Subscript) and node.value.end_col_offset is not None:
        left = text.index("[", node.value.end_col_offset - indent)
        assert node.end_col_offset is not None
        return left, node.end_col_offset - indent
    if calls and isinstance(node, ast.Call) and node.func.end_col_offset is not None:
        left = text.index("(", node.func.end_col_offset - indent)
        assert node.end_col_offset is not None
        return left, node.end_col_offset - indent
    return None


def _module(ctx: Ctx, view: PythonView, name: str) -> dict[str, Any]:
    if name == "sys":
        from .python_repl import BUILDS

        found = {
            "__name__": "sys",
            "__names__": SYS_NAMES,
            "prefix": view.prefix,
            "base_prefix": view.base_prefix,
            "exec_prefix": view.prefix,
            "executable": view.executable,
            "path": _sys_path(ctx, view, ""),
            "argv": None,
            "version_info": VersionInfo((*(int(p) for p in view.version.split(".")), "final", 0)),
        }
        if view.minor in BUILDS:
            found["version"] = f"{view.version} {BUILDS[view.minor]}"
        return found
    if name == "os":
        exported = {k: v for k, v in ctx.world.shell.env.items()
                    if k not in ctx.world.shell.unexported}
        return {"__name__": "os", "environ": exported, "getcwd": _Returns(ctx.world.shell.cwd)}
    if name == "site":
        site = f"{view.prefix}/lib/python{view.minor}/site-packages"
        return {"__name__": "site", "getsitepackages": _Returns([site]),
                "ENABLE_USER_SITE": view.user_site_enabled,
                "getusersitepackages": _Returns(view.user_site)}
    if name in ("site", "sysconfig", "importlib", "importlib.metadata", "json", "re"):
        return {"__name__": name}
    tk = f"/usr/lib/python{view.minor}/tkinter/__init__.py"  # Debian's python3-tk puts it there
    if name == "tkinter" and ctx.world.fs.is_file(tk):
        return {"__name__": name, "TkVersion": float(ctx.world.fs.read(tk).split("=")[1])}
    hit = module_version(ctx, view, name)
    if hit is None:
        raise _Failure(f"ModuleNotFoundError: No module named {name!r}")
    module = {"__file__": f"{hit[1]}/{name}/__init__.py", "__name__": name}
    return {"__version__": hit[0], **module} if hit[0] else module


def _own_sys(ctx: Ctx, view: PythonView, names: dict[str, Any]) -> dict[str, Any]:
    """``sys`` as this program sees it: its argv, and a script's folder first on sys.path."""
    mod = {**_module(ctx, view, "sys"), "argv": names.get("__argv__", ["-c"])}
    if names.get("__script__"):
        path0 = names.get("__path0__")
        sys_path: list[str] = mod.pop("path")
        if path0 is not None:
            mod["path"] = [path0, *sys_path[1:]]
    return mod


class _Returns:
    """A function of a module that returns a value known in advance (``os.getcwd``)."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _exit_value(value: Any) -> _Exit:
    if value is None:
        return _Exit(0)
    if isinstance(value, bool):
        return _Exit(int(value))
    if isinstance(value, int):
        return _Exit(value & 0xFF)
    return _Exit(1, str(value))


MAX_ITERATIONS = 10000  # a loop stops here, as if Ctrl-C were pressed (KeyboardInterrupt)


def _exec(
    ctx: Ctx, view: PythonView, stmt: ast.stmt, names: dict[str, Any], chunks: Chunks
) -> None:
    if isinstance(stmt, ast.If):
        body = stmt.body if _eval(ctx, view, stmt.test, names) else stmt.orelse
        for inner in body:
            _exec(ctx, view, inner, names, chunks)
        return
    if isinstance(stmt, (ast.For, ast.While)):
        _loop(ctx, view, stmt, names, chunks)
        return
    if isinstance(stmt, ast.Pass):
        return
    if isinstance(stmt, ast.Raise) and isinstance(stmt.exc, ast.Call):
        func = stmt.exc.func
        if isinstance(func, ast.Name) and func.id == "SystemExit":
            args = [_eval(ctx, view, a, names) for a in stmt.exc.args]
            raise _exit_value(args[0] if args else None)
    if (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and (isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "exit"
             or isinstance(stmt.value.func, ast.Name) and stmt.value.func.id in ("exit", "quit"))
    ):
        args = [_eval(ctx, view, a, names) for a in stmt.value.args]
        raise _exit_value(args[0] if args else None)
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            mod = _own_sys(ctx, view, names) if alias.name == "sys" else _module(ctx, view, alias.name)
            if alias.asname is None and "." in alias.name:  # import a.b binds a, with a.b in it
                top, rest = alias.name.split(".", 1)
                mod = {"__name__": top, rest: mod}
            names[alias.asname or alias.name.split(".")[0]] = mod
        return
    if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
        source = _own_sys(ctx, view, names) if stmt.module == "sys" else _module(
            ctx, view, stmt.module.split(".")[0])
        for alias in stmt.names:
            if alias.name == "*":
                raise NotSimulated(stmt)
            if stmt.module == "sys" and alias.name in source and alias.name != "__names__":
                names[alias.asname or alias.name] = source[alias.name]
            elif stmt.module == "sys":
                raise NotSimulated(stmt)
            else:
                names[alias.asname or alias.name] = {"__name__": alias.name}
        return
    if isinstance(stmt, ast.Assign):
        value = _eval(ctx, view, stmt.value, names)
        if not all(isinstance(t, ast.Name) for t in stmt.targets):
            raise NotSimulated(stmt)
        for target in stmt.targets:
            assert isinstance(target, ast.Name)
            names[target.id] = value
        return
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        if isinstance(call.func, ast.Name) and call.func.id == "print":
            values: list[str] = []
            for a in call.args:
                if isinstance(a, ast.Starred):
                    seq = _eval(ctx, view, a.value, names)
                    if not isinstance(seq, (list, tuple, str, range)):
                        raise NotSimulated(stmt)
                    values += [_str(v) for v in seq]
                else:
                    values.append(_str(_eval(ctx, view, a, names)))
            ends = {"sep": " ", "end": "\n"}
            for kw in call.keywords:
                given = _eval(ctx, view, kw.value, names)
                if kw.arg not in ends or not isinstance(given, (str, type(None))):
                    raise NotSimulated(stmt)
                ends[kw.arg] = ends[kw.arg] if given is None else given
            chunks.append((1, ends["sep"].join(values) + ends["end"]))
            return
        _eval(ctx, view, call, names)
        return
    if isinstance(stmt, ast.Expr):
        _eval(ctx, view, stmt.value, names)
        return
    raise NotSimulated(stmt)


# CPython 3.11's int-to-str limit (sys.get_int_max_str_digits()), with its own message.
MAX_STR_DIGITS = 4300
DIGITS_ERROR = ("ValueError: Exceeds the limit (4300 digits) for integer string conversion; "
                "use sys.set_int_max_str_digits() to increase the limit")
# Values bigger than this are not built. A real machine would spend minutes on
# ``(10**9999)**9999`` or run out of memory on ``'x'*10**9*10``; the simulated one
# answers at once as the out-of-memory machine would: a bare ``MemoryError``.
MAX_BITS = 1 << 24
MAX_CHARS = 1 << 24


def _loop(ctx: Ctx, view: PythonView, stmt: ast.For | ast.While, names: dict[str, Any],
          chunks: Chunks) -> None:
    """``for NAME in ...`` and ``while ...``, bounded."""
    if isinstance(stmt, ast.For):
        items = _eval(ctx, view, stmt.iter, names)
        if not isinstance(items, (list, tuple, str, range, dict)):
            raise _Failure(f"TypeError: {type(items).__name__!r} object is not iterable",
                           stmt.iter)
        values: Any = iter(items)
    for count in range(MAX_ITERATIONS + 1):
        if count == MAX_ITERATIONS:
            raise _Failure("KeyboardInterrupt")
        if isinstance(stmt, ast.For):
            value = next(values, _END)
            if value is _END:
                break
            if isinstance(stmt.target, ast.Name):
                names[stmt.target.id] = value
        elif not _eval(ctx, view, stmt.test, names):
            break
        for inner in stmt.body:
            _exec(ctx, view, inner, names, chunks)


_END = object()


def _str(value: Any) -> str:
    # 2**14300 has more than 4300 digits; just below that, count them (cheap at this size).
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 14000 and (
            value.bit_length() > 14300 or len(str(abs(value))) > MAX_STR_DIGITS):
        raise _Failure(DIGITS_ERROR)
    return value if isinstance(value, str) else _repr(value)


def _binop(op: ast.operator, left: Any, right: Any) -> Any:
    """Arithmetic and concatenation, on plain values only (never eval)."""
    numbers = isinstance(left, (int, float)) and isinstance(right, (int, float))
    try:
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Mult) and (numbers or isinstance(left, str)):
            if isinstance(left, str) and isinstance(right, int) and len(left) * right > MAX_CHARS:
                raise _Failure("MemoryError")
            if isinstance(left, int) and isinstance(right, int) and (
                    left.bit_length() + right.bit_length() > MAX_BITS):
                raise _Failure("MemoryError")
            return left * right
        if numbers:
            if isinstance(op, ast.Sub):
                return left - right
            if isinstance(op, ast.Div):
                return left / right
            if isinstance(op, ast.FloorDiv):
                return left // right
            if isinstance(op, ast.Mod):
                return left % right
            if isinstance(op, ast.Pow):
                if isinstance(left, int) and isinstance(right, int) and right > 0 and (
                        max(left.bit_length(), 1) * right > MAX_BITS):
                    raise _Failure("MemoryError")
                return left**right
    except ZeroDivisionError:
        raise _Failure("ZeroDivisionError: division by zero") from None
    except TypeError as e:
        raise _Failure(f"TypeError: {e}") from None
    raise NotSimulated


def _eval(ctx: Ctx, view: PythonView, node: ast.expr, names: dict[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        from .suggest import suggestion

        own = [k for k in names if k not in INTERNAL]
        hint = suggestion(node.id, own, script=bool(names.get("__script__")))
        raise _Failure(f"NameError: name {node.id!r} is not defined"
                       + (f". Did you mean: {hint!r}?" if hint else ""), node)
    if isinstance(node, ast.Attribute):
        return _attribute(ctx, view, node, names)
    if isinstance(node, ast.Subscript):
        return _subscript(ctx, view, node, names)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _eval(ctx, view, node.operand, names)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _eval(ctx, view, node.operand, names)
        if isinstance(operand, (int, float)):
            return -operand if isinstance(node.op, ast.USub) else +operand
        raise NotSimulated(node)
    if isinstance(node, ast.BoolOp):
        value = None
        for operand in node.values:
            value = _eval(ctx, view, operand, names)
            if bool(value) == isinstance(node.op, ast.Or):
                return value
        return value
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id not in names and func.id not in BUILTIN_NAMES:
            _eval(ctx, view, func, names)  # the NameError CPython raises
        args = [_eval(ctx, view, a, names) for a in node.args]
        if isinstance(func, (ast.Name, ast.Attribute)):
            target = names.get(func.id) if isinstance(func, ast.Name) else None
            if isinstance(func, ast.Attribute):
                base = _eval(ctx, view, func.value, names)
                target = base.get(func.attr) if isinstance(base, dict) else None
            if isinstance(target, _Returns):
                return target.value
            if isinstance(target, dict) and target.get("__name__") == "version" and args:
                func = ast.Attribute(value=ast.Name("importlib"), attr="version")
        if isinstance(func, ast.Name) and func.id == "input":
            prompt = _str(args[0]) if args else ""
            chunks = names["__out__"]
            if prompt:
                chunks.append((1, prompt))
            read = names["__stdin__"]
            line = read("".join(t for _, t in chunks))
            if line is None:  # a terminal's Ctrl-D gives a bare EOFError
                bare = getattr(read, "tty", False)
                raise _Failure("EOFError" if bare else "EOFError: EOF when reading a line", node)
            return line
        if isinstance(func, ast.Name) and func.id == "chr" and args:
            return chr(int(args[0]))
        if isinstance(func, ast.Name) and func.id == "str" and args:
            return _str(args[0])
        if isinstance(func, ast.Name) and func.id == "range" and args and all(
                isinstance(a, int) and not isinstance(a, bool) for a in args):
            return range(*args[:3])
        if isinstance(func, ast.Name) and func.id == "len" and args:
            if not isinstance(args[0], (str, list, tuple, dict, range)):
                raise _Failure(f"TypeError: object of type {type(args[0]).__name__!r} has no "
                               "len()", node)
            return len(args[0])
        if isinstance(func, ast.Name) and func.id == "int" and len(args) == 1 and isinstance(
                args[0], (str, int, float)):
            try:
                return int(args[0])
            except ValueError as e:
                raise _Failure(f"ValueError: {e}", node) from None
        if isinstance(func, ast.Name) and func.id == "repr" and args:
            return repr(args[0])
        if isinstance(func, ast.Attribute) and func.attr == "get" and args:
            base = _eval(ctx, view, func.value, names)
            if isinstance(base, dict):
                return base.get(args[0], args[1] if len(args) > 1 else None)
        if isinstance(func, ast.Attribute) and func.attr == "version" and args:
            hit = module_version(ctx, view, appcode.import_name(str(args[0])))
            if hit is None:
                raise _Failure(
                    f"importlib.metadata.PackageNotFoundError: No package metadata "
                    f"was found for {args[0]}"
                )
            return hit[0]
        raise NotSimulated(node)
    if isinstance(node, ast.Dict) and None not in node.keys:
        pairs = [(_eval(ctx, view, k, names), _eval(ctx, view, v, names))
                 for k, v in zip(node.keys, node.values, strict=True) if k is not None]
        try:
            return LiteralDict(pairs)
        except TypeError:  # an unhashable key (its message differs by version): not simulated
            raise NotSimulated(node) from None
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_eval(ctx, view, e, names) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.IfExp):
        test = _eval(ctx, view, node.test, names)
        return _eval(ctx, view, node.body if test else node.orelse, names)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left = _eval(ctx, view, node.left, names)
        right = _eval(ctx, view, node.comparators[0], names)
        if isinstance(node.ops[0], ast.Eq):
            return left == right
        if isinstance(node.ops[0], ast.NotEq):
            return left != right
        if isinstance(node.ops[0], (ast.In, ast.NotIn)) and (
                isinstance(right, (list, tuple)) or isinstance(right, str) and isinstance(left, str)):
            return (left in right) == isinstance(node.ops[0], ast.In)
        if isinstance(node.ops[0], (ast.Is, ast.IsNot)) and (left is None or right is None):
            return (left is right) == isinstance(node.ops[0], ast.Is)
        order = {ast.Lt: "__lt__", ast.LtE: "__le__", ast.Gt: "__gt__", ast.GtE: "__ge__"}
        method = order.get(type(node.ops[0]))
        plain = (str, int, float, tuple, list)
        if method and isinstance(left, plain) and isinstance(right, plain) and (
                type(left) is type(right) or isinstance(left, (int, float)) and isinstance(
                    right, (int, float)) or isinstance(left, tuple) and isinstance(right, tuple)):
            try:
                result = getattr(left, method)(right)
            except TypeError:
                raise NotSimulated(node) from None
            if result is not NotImplemented:
                return result
        raise NotSimulated(node)
    if isinstance(node, ast.BinOp):
        left = _eval(ctx, view, node.left, names)
        right = _eval(ctx, view, node.right, names)
        try:
            return _binop(node.op, left, right)
        except _Failure as f:
            raise _Failure(f.text, node) from None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                if v.format_spec is not None or v.conversion not in (-1, ord("s"), ord("r")):
                    raise NotSimulated(node)
                value = _eval(ctx, view, v.value, names)
                parts.append(_repr(value) if v.conversion == ord("r") else _str(value))
            elif isinstance(v, ast.Constant):
                parts.append(str(v.value))
        return "".join(parts)
    raise NotSimulated(node)


def _attribute(ctx: Ctx, view: PythonView, node: ast.Attribute, names: dict[str, Any]) -> Any:
    """``base.attr``: a modelled module's value, an AttributeError CPython would raise, or
    declined (an attribute the real object has but the model does not)."""
    base = _eval(ctx, view, node.value, names)
    attr = node.attr
    if isinstance(base, dict) and "__name__" in base:
        if attr in base and attr not in ("__names__",):
            return base[attr]
        known = base.get("__names__")
        if known is not None and attr not in known or "__file__" in base:
            raise _Failure(f"AttributeError: module {base['__name__']!r} has no attribute {attr!r}",
                           node)
        raise NotSimulated(node)
    if isinstance(base, VersionInfo) and attr in VersionInfo.FIELDS:
        return base[VersionInfo.FIELDS.index(attr)]
    if type(base) in (str, int, float, bool, list, tuple, type(None)) and not hasattr(base, attr):
        raise _Failure(f"AttributeError: {type(base).__name__!r} object has no attribute {attr!r}",
                       node)
    raise NotSimulated(node)


def _subscript(ctx: Ctx, view: PythonView, node: ast.Subscript, names: dict[str, Any]) -> Any:
    """Indexing and slicing of strings, lists and tuples; a modelled dict's key."""
    base = _eval(ctx, view, node.value, names)
    if isinstance(node.slice, ast.Slice):
        bounds = [None if b is None else _eval(ctx, view, b, names)
                  for b in (node.slice.lower, node.slice.upper, node.slice.step)]
        if isinstance(base, (str, list, tuple)) and bounds[2] != 0 and all(
                b is None or type(b) is int for b in bounds):
            return base[slice(*bounds)]
        raise NotSimulated(node)
    key = _eval(ctx, view, node.slice, names)
    if isinstance(base, (str, list, tuple)) and type(key) is int:
        if -len(base) <= key < len(base):
            return base[key]
        kind = "string" if isinstance(base, str) else "list" if isinstance(base, list) else "tuple"
        raise _Failure(f"IndexError: {kind} index out of range", node)
    if isinstance(base, dict) and "__name__" not in base and isinstance(key, str) and key in base:
        return base[key]
    if isinstance(base, LiteralDict):  # a dict the code wrote whole: a missing key is a KeyError
        try:
            return base[key]
        except KeyError:
            raise _Failure(f"KeyError: {key!r}", node) from None
        except TypeError:
            raise NotSimulated(node) from None
    raise NotSimulated(node)
