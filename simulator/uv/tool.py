"""``uvx`` / ``uv tool run``, ``uv tool install | list | uninstall | dir`` (uv's ``commands/tool``).

A tool is a package's console script, run from a cached environment (``uvx``, the
same cache ``uv run --with`` uses) or installed into its own environment under
``~/.local/share/uv/tools`` with the script linked into ``~/.local/bin``. The
index's packages provide no console scripts, so every tool run ends, as real uv
0.13.8 does, in "Package `x` does not provide any executables." (recorded in
tests/transcripts/uv_71_tool.txt).
"""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement

from ..model.fs import Dir
from .discovery import Interpreter, NotSimulated, UvError, find_interpreter
from .ephemeral import cached_environment, mark_wheels
from .pip import Run, cache_dir, plural
from .resolver import solve
from .virtualenv import missing_dirs

NO_COMMAND = "Provide a command to run with `uvx <command>`.\n\nSee `uvx --help` for more information.\n"
TARGET = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:@([0-9][0-9A-Za-z.]*))?")


def _interpreter(run: Run) -> Interpreter:
    found = find_interpreter(run.world, None, names=("python3", "python"))
    return Interpreter(run.world.fs.resolve(found.path), found.version)


def _no_executables(name: str) -> UvError:
    return UvError(f"Package `{name}` does not provide any executables.\n", 1)


def tool_run(run: Run, argv: list[str]) -> int:
    """``uvx [--from PKG] TOOL[@VERSION] [ARGS...]``."""
    source: str | None = None
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        name, eq, value = argv[i].partition("=")
        if name != "--from":
            raise NotSimulated(f"uvx {argv[i]}")
        if not eq:
            i += 1
            if i >= len(argv):
                raise NotSimulated("uvx --from without a value")
            value = argv[i]
        source = value
        i += 1
    if i >= len(argv):
        run.err(NO_COMMAND, always=True)
        return 2
    target = TARGET.fullmatch(argv[i])
    if target is None or (source is not None and target.group(2)):
        raise NotSimulated(f"uvx {argv[i]}")
    text = source if source is not None else target.group(1) + (
        f"=={target.group(2)}" if target.group(2) else "")
    try:
        req = Requirement(text)
    except InvalidRequirement:
        raise NotSimulated(f"uv's message for the invalid requirement {text!r}") from None
    if req.extras or req.marker is not None or req.url:
        raise NotSimulated("uvx with extras, markers or URLs")
    cached_environment(run, _interpreter(run), [req], "tool dependencies")
    raise _no_executables(req.name)


def tools_dir(run: Run) -> str:
    env = run.world.shell.env
    if any(env.get(k) for k in ("UV_TOOL_DIR", "UV_TOOL_BIN_DIR", "XDG_DATA_HOME", "XDG_BIN_HOME")):
        raise NotSimulated("uv's tool folders set by environment variables")
    return f"{env.get('HOME', run.world.home)}/.local/share/uv/tools"


def tool_install(run: Run, argv: list[str]) -> int:
    """``uv tool install PKG``: resolved and installed, then removed: no executables."""
    if len(argv) != 1 or argv[0].startswith("-"):
        raise NotSimulated(f"uv tool install {' '.join(argv)}".strip())
    try:
        req = Requirement(argv[0])
    except InvalidRequirement:
        raise NotSimulated(f"uv's message for the invalid requirement {argv[0]!r}") from None
    if req.extras or req.marker is not None or req.url:
        raise NotSimulated("uv tool install with extras, markers or URLs")
    chosen = solve(run.world.index, [req], _interpreter(run).version, {})
    cache = cache_dir(run.world)
    fresh = [r for r in chosen.values() if not run.world.fs.lexists(f"{cache}/wheels-v5/{r.filename}")]
    run.err(f"Resolved {plural(len(chosen))} in 3ms\n")
    if fresh:
        run.err(f"Prepared {plural(len(fresh))} in 5ms\n")
    run.err(f"Installed {plural(len(chosen))} in 2ms\n")
    run.err("".join(f" + {k}=={r.version_text}\n" for k, r in sorted(chosen.items())))
    fs = mark_wheels(run.world.fs, cache, list(chosen.values()))
    folder = tools_dir(run)
    if not fs.lexists(folder):
        fs = fs.put_many(missing_dirs(fs, folder)).put(folder, Dir())
    run.world = run.world.with_fs(fs)
    name = req.name
    raise UvError(f"No executables are provided by package `{name}`; removing tool\n"
                  f"error: Failed to install entrypoints for `{name}`\n")


def main(run: Run, argv: list[str]) -> int:
    """``uv tool ...``."""
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "run":
        return tool_run(run, rest)
    if command == "install":
        return tool_install(run, rest)
    if command == "list" and not rest:
        tools_dir(run)
        run.err("No tools installed\n", always=True)  # nothing is ever installed: see tool_install
        return 0
    if command == "uninstall" and len(rest) == 1 and not rest[0].startswith("-"):
        tools_dir(run)
        raise UvError(f"error: `{rest[0]}` is not installed\n")
    if command == "dir" and rest in ([], ["--bin"]):
        folder = tools_dir(run)
        run.out(folder.removesuffix("/share/uv/tools") + "/bin\n" if rest else folder + "\n")
        return 0
    raise NotSimulated(f"uv tool {' '.join(argv)}".strip())
