"""``uvx`` / ``uv tool run``, ``uv tool install | list | uninstall | dir`` (uv's ``commands/tool``).

A tool is a package's console script, run from a cached environment (``uvx``, the
same cache ``uv run --with`` uses) or installed into its own environment under
``~/.local/share/uv/tools`` with the script linked into ``~/.local/bin``. A package
without console scripts ends, as real uv 0.13.8 does, in "Package `x` does not provide
any executables." (tests/transcripts/uv_71_tool.txt); one with a script (``scripts`` in
the index) installs as a tool, is listed and uninstalled (tests/cases/scripts_uv.toml).
"""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model.dist import Dist
from ..model.fs import Dir, FileSystem, Symlink
from ..model.python import dists_in
from .discovery import Environment, Interpreter, NotSimulated, UvError, find_interpreter
from .ephemeral import cached_environment
from .pip import Run, cache_dir, cached_wheel, mark_wheels, plural, swap
from .resolver import solve
from .virtualenv import missing_dirs, venv_files

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
    _, chosen = cached_environment(run, _interpreter(run), [req], "tool dependencies")
    if chosen[canonicalize_name(req.name)].scripts:
        raise NotSimulated("uvx running a package's command (its cached environment's launcher)")
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
    python = _interpreter(run)
    chosen = solve(run.world.index, [req], python.version, {})
    rel = chosen[canonicalize_name(req.name)]
    folder = tools_dir(run)
    bindir = folder.removesuffix("/share/uv/tools") + "/bin"
    if len(rel.scripts) > 1:
        raise NotSimulated("uv tool install of a package with several executables")
    if run.world.fs.lexists(f"{folder}/{rel.key}") or any(
            run.world.fs.lexists(f"{bindir}/{n}") for n, _ in rel.scripts):
        raise NotSimulated("uv tool install over a tool or an executable already there")
    cache = cache_dir(run.world)
    fresh = [r for r in chosen.values() if not run.world.fs.lexists(cached_wheel(cache, r))]
    run.err(f"Resolved {plural(len(chosen))} in 3ms\n")
    if fresh:
        run.err(f"Prepared {plural(len(fresh))} in 5ms\n")
    run.err(f"Installed {plural(len(chosen))} in 2ms\n")
    run.err("".join(f" + {k}=={r.version_text}\n" for k, r in sorted(chosen.items())))
    fs = mark_wheels(run.world.fs, cache, list(chosen.values()))
    if not fs.lexists(folder):
        fs = fs.put_many(missing_dirs(fs, folder)).put(folder, Dir())
    if not rel.scripts:
        run.world = run.world.with_fs(fs)
        raise UvError(f"No executables are provided by package `{req.name}`; removing tool\n"
                      f"error: Failed to install entrypoints for `{req.name}`\n")
    venv = f"{folder}/{rel.key}"
    fs = venv_files(fs, venv, python.path, python.version, None)
    fs = swap(run, fs, Environment(venv, python, True), [], list(chosen.values()))
    fs = fs.put_many(missing_dirs(fs, bindir))
    for name, _ in rel.scripts:
        fs = fs.put(f"{bindir}/{name}", Symlink(f"{venv}/bin/{name}"))
    run.world = run.world.with_fs(fs)
    run.events.append({"event": "venv_created", "prefix": venv, "python": python.minor})
    run.err(f"Installed 1 executable: {rel.scripts[0][0]}\n")
    return 0


def installed_tools(run: Run) -> list[tuple[Dist, list[str]]]:
    """Each tool under ``tools_dir``: its package (the folder's name) and executables."""
    folder = tools_dir(run)
    fs = run.world.fs
    found = []
    for name in sorted(fs.listdir(folder)) if fs.is_dir(folder) else []:
        dist = next((d for d in dists_in(fs, f"{folder}/{name}/lib/python{_minor(fs, folder, name)}"
                                          "/site-packages") if d.key == name), None)
        if dist is None:
            raise NotSimulated("a uv tool folder that uv tool install did not make")
        points = f"{dist.dist_info}/entry_points.txt"
        text = fs.read(points) if fs.is_file(points) else ""
        found.append((dist, [line.split(" = ")[0] for line in text.splitlines()[1:] if line]))
    return found


def _minor(fs: FileSystem, folder: str, name: str) -> str:
    """The python minor of a tool's venv (its ``lib/pythonX.Y``)."""
    libs = fs.listdir(f"{folder}/{name}/lib") if fs.is_dir(f"{folder}/{name}/lib") else []
    return libs[0].removeprefix("python") if libs else ""


def tool_list(run: Run) -> int:
    tools = installed_tools(run)
    if not tools:
        run.err("No tools installed\n", always=True)
    for dist, scripts in tools:
        run.out(f"{dist.key} v{dist.version_text}\n" + "".join(f"- {n}\n" for n in scripts))
    return 0


def tool_uninstall(run: Run, name: str) -> int:
    found = {d.key: (d, scripts) for d, scripts in installed_tools(run)}
    if canonicalize_name(name) not in found:
        raise UvError(f"error: `{name}` is not installed\n")
    dist, scripts = found[canonicalize_name(name)]
    if len(scripts) != 1:
        raise NotSimulated("uv tool uninstall of a tool with several executables")
    folder = tools_dir(run)
    fs = run.world.fs.remove(f"{folder}/{dist.key}", recursive=True)
    link = folder.removesuffix("/share/uv/tools") + f"/bin/{scripts[0]}"
    if fs.lexists(link):
        fs = fs.remove(link)
    run.world = run.world.with_fs(fs)
    run.err(f"Uninstalled 1 executable: {scripts[0]}\n")
    return 0


def main(run: Run, argv: list[str]) -> int:
    """``uv tool ...``."""
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "run":
        return tool_run(run, rest)
    if command == "install":
        return tool_install(run, rest)
    if command == "list" and not rest:
        return tool_list(run)
    if command == "uninstall" and len(rest) == 1 and not rest[0].startswith("-"):
        return tool_uninstall(run, rest[0])
    if command == "dir" and rest in ([], ["--bin"]):
        folder = tools_dir(run)
        run.out(folder.removesuffix("/share/uv/tools") + "/bin\n" if rest else folder + "\n")
        return 0
    raise NotSimulated(f"uv tool {' '.join(argv)}".strip())
