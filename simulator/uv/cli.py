"""The ``uv`` and ``uvx`` commands (uv's ``uv-cli``): global options and dispatch.

What venvsim does not simulate says so in one line and exits 2, never a traceback.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ..model.fs import normalize
from ..model.world import World
from . import pip, script, tool
from .discovery import NotSimulated, UvError, find_interpreter, pinned
from .init import init
from .project import add, lock, remove, run_command, sync, tree
from .python import pin, python_list
from .settings import UV_VERSION
from .virtualenv import is_venv, venv_files

Chunks = list[tuple[int, str]]
PLATFORM = "x86_64-unknown-linux-gnu"
NO_SUBCOMMAND = (
    "error: 'uv' requires a subcommand but one was not provided\n"
    "  [subcommands: auth, run, init, add, remove, version, sync, lock, upgrade, export, tree, format, "
    "check, audit, tool, python, pip, venv, virtualenv, v, build, publish, workspace, build-backend, "
    "cache, self, clean, generate-shell-completion, --generate-shell-completion, help]\n\n"
    "Usage: uv [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
)


SCRIPT_EDIT = {"init": script.init_script, "add": script.add_script, "remove": script.remove_script}
PROJECT = {"add": add, "remove": remove, "lock": lock, "sync": sync, "tree": tree, "run": run_command}


def run_uv(world: World, argv: list[str]) -> tuple[World, int, Chunks, list[dict[str, Any]]]:
    """Run ``argv`` (``argv[0]`` is ``uv`` or ``uvx``, any path) on ``world``."""
    run = pip.Run(world)
    prog = posixpath.basename(argv[0])
    try:
        code = _dispatch(run, prog, argv[1:])
    except UvError as e:
        run.err(e.message, always=True)
        code = e.code
    except NotSimulated as e:
        return world, 2, [(2, f"venvsim: {e} is not simulated (uv {UV_VERSION})\n")], []
    return run.world, code, run.chunks, run.events


def _dispatch(run: pip.Run, prog: str, args: list[str]) -> int:
    if args in (["--version"], ["-V"]):
        run.out(f"{prog} {UV_VERSION} ({PLATFORM})\n")
        return 0
    if prog == "uvx":
        return tool.tool_run(run, args)
    # -q is global: anywhere, but for uv run only before the command it runs.
    end = len(args)
    if "run" in args:
        start = args.index("run") + 1
        end = next((i for i in range(start, len(args)) if not args[i].startswith("-")
                    and args[i - 1] not in ("--with", "-w", "--with-requirements")), len(args))
    if any(a in ("-q", "--quiet") for a in args[:end]):
        run.quiet = True
        args = [a for i, a in enumerate(args) if i >= end or a not in ("-q", "--quiet")]
    if not args:
        run.err(NO_SUBCOMMAND, always=True)
        return 2
    command, rest = args[0], args[1:]
    if command == "pip":
        return pip.main(run, rest)
    if command in ("venv", "virtualenv", "v"):
        return venv(run, rest)
    if command in SCRIPT_EDIT and any(a == "--script" or a.startswith("--script=") for a in rest):
        return SCRIPT_EDIT[command](run, rest)
    if command == "init":
        return init(run, rest)
    if command in PROJECT:
        return PROJECT[command](run, rest)
    if command == "tool":
        return tool.main(run, rest)
    if command == "cache" and rest == ["dir"]:
        run.out(pip.cache_dir(run.world) + "\n")
        return 0
    if command == "python" and rest == ["list"]:
        return python_list(run)
    if command == "python" and rest[:1] == ["pin"]:
        return pin(run, rest[1:])
    raise NotSimulated(f"uv {command}")


def venv(run: pip.Run, argv: list[str]) -> int:
    """``uv venv [PATH] [--python X] [--prompt P] [--clear]``."""
    path: str | None = None
    python: str | None = None
    prompt: str | None = None
    clear = seed = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in ("--python", "-p", "--prompt"):
            if not eq:
                i += 1
                if i >= len(argv):
                    raise NotSimulated(f"uv venv {name} without a value")
                value = argv[i]
            if name == "--prompt":
                prompt = value
            else:
                python = value
        elif arg == "--clear":
            clear = True
        elif arg == "--seed":
            seed = True
        elif arg.startswith("-"):
            raise NotSimulated(f"uv venv {arg}")
        elif path is None:
            path = arg
        else:
            raise NotSimulated("uv venv with two paths")
        i += 1
    if prompt == ".":
        raise NotSimulated("uv venv --prompt .")
    world = run.world
    interpreter = find_interpreter(world, python or pinned(world, world.shell.cwd))
    shown = path if path is not None else ".venv"
    if shown in (".", "..") or shown.endswith("/"):
        raise NotSimulated("uv venv with that form of path")
    full = normalize(shown, world.shell.cwd)
    if prompt is None and path is None:
        prompt = posixpath.basename(world.shell.cwd) or None
    run.err(f"Using CPython {interpreter.version} interpreter at: {interpreter.path}\n")
    if seed and (interpreter.minor not in ("3.8", "3.9", "3.10", "3.11") or world.index.releases("pip")):
        raise NotSimulated("uv venv --seed with that python or index")
    run.err(f"Creating virtual environment {'with seed packages ' if seed else ''}at: {shown}\n")
    fs = world.fs
    if fs.lexists(full):
        if not fs.is_dir(full):
            raise NotSimulated("uv venv over a file")
        venv_there = is_venv(fs, full)
        if fs.listdir(full) and not clear:
            what = "virtual environment" if venv_there else "directory"
            raise UvError(
                f"error: Failed to create virtual environment\n  cause: A {what} already exists at: "
                f"{shown}\n\nhint: Use the `--clear` flag or set `UV_VENV_CLEAR=1` to replace the "
                f"existing {what}\n"
            )
        if fs.listdir(full) and not venv_there:
            raise UvError(
                "error: Failed to create virtual environment\n  cause: uv will not clear a "
                "directory that is not a virtual environment\n\nhint: Use the `--force` flag to "
                "remove the existing directory anyway\n"
            )
        fs = fs.remove(full, recursive=True)
    run.world = world.with_fs(venv_files(fs, full, interpreter.path, interpreter.version, prompt))
    run.events.append({"event": "venv_created", "prefix": full, "python": interpreter.minor})
    if seed:  # uv seeds pip, setuptools and wheel before 3.12, from the index: ours has no pip
        raise UvError(
            "error: Failed to install seed packages into virtual environment\n"
            "  cause: No solution found when resolving: `pip`, `setuptools`, `wheel`\n"
            "  cause: Because pip was not found in the package registry and you require pip, "
            "we can conclude that your requirements are unsatisfiable.\n"
        )
    run.err(f"Activate with: source {shown}/bin/activate\n")
    return 0
