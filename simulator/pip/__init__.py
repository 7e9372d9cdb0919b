"""pip 26.3 as a function: ``main(world, python, argv)`` returns a new filesystem and output."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.fs import FileSystem
from ..model.python import PythonView
from ..model.world import World
from .context import ERROR, SUCCESS, VIRTUALENV_NOT_FOUND, PipRun, version_line
from .install import INSTALL_OPTIONS, install
from .options import OptionError, OptionValue, parse
from .queries import (
    CHECK_OPTIONS,
    FREEZE_OPTIONS,
    LIST_OPTIONS,
    SHOW_OPTIONS,
    UNINSTALL_OPTIONS,
    check,
    freeze,
    pip_list,
    show,
    uninstall,
)

Handler = Callable[[PipRun, dict[str, OptionValue], list[str]], int]

COMMANDS: dict[str, tuple[Handler, dict[str, str]]] = {
    "install": (install, INSTALL_OPTIONS),
    "uninstall": (uninstall, UNINSTALL_OPTIONS),
    "list": (pip_list, LIST_OPTIONS),
    "freeze": (freeze, FREEZE_OPTIONS),
    "show": (show, SHOW_OPTIONS),
    "check": (check, CHECK_OPTIONS),
}
KNOWN = [
    "install", "lock", "download", "uninstall", "freeze", "inspect", "list", "show", "check",
    "config", "search", "cache", "index", "wheel", "hash", "completion", "debug", "help",
]
GLOBAL_OPTIONS = {
    "--version": "flag", "-V": "--version", "--quiet": "count", "-q": "--quiet",
    "--verbose": "count", "-v": "--verbose", "--isolated": "flag", "--require-virtualenv": "flag",
    "--disable-pip-version-check": "flag", "--no-input": "flag", "--no-color": "flag",
    "--no-cache-dir": "flag", "--help": "flag", "-h": "--help",
}


@dataclass
class PipResult:
    fs: FileSystem
    exit_code: int
    chunks: list[tuple[int, str]]
    events: list[dict[str, Any]]

    @property
    def output(self) -> str:
        return "".join(text for _, text in self.chunks)


def main(world: World, view: PythonView, argv: list[str]) -> PipResult:
    """Run pip with ``argv`` under the interpreter ``view``."""
    run = PipRun(world=world, view=view, fs=world.fs)
    code = _dispatch(run, argv)
    return PipResult(run.fs, code, run.log.chunks(), run.events)


def _dispatch(run: PipRun, argv: list[str]) -> int:
    log = run.log
    command_at = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    head = argv if command_at is None else argv[:command_at]
    try:
        gopts, _ = parse(head, GLOBAL_OPTIONS)
    except OptionError as e:
        log.info(f"\nUsage:   \n  pip <command> [options]\n\n{e}", 2)
        return 2
    if gopts.get("--version"):
        log.info(version_line(run))
        return SUCCESS
    if command_at is None:
        from importlib import resources

        text = (resources.files("simulator.pip") / "help.txt").read_text(encoding="utf-8")
        for line in text.rstrip("\n").split("\n"):
            log.raw(line)
        return SUCCESS
    name = argv[command_at]
    rest = argv[command_at + 1 :]
    if name not in COMMANDS:
        if name in KNOWN:
            log.error(f"venvsim does not simulate 'pip {name}'.")
            return ERROR
        guess = difflib.get_close_matches(name, KNOWN, n=1)
        hint = f' - maybe you meant "{guess[0]}"' if guess else ""
        log.error(f'unknown command "{name}"{hint}')
        return ERROR
    handler, spec = COMMANDS[name]
    try:
        opts, args = parse(rest, {**GLOBAL_OPTIONS, **spec})
    except OptionError as e:
        log.info(f"\nUsage:   \n  pip {name} [options]\n\n{e}", 2)
        return 2
    opts = {**gopts, **opts}
    if (opts.get("--require-virtualenv")) and not run.view.in_venv and name != "list":
        log.error("Could not find an activated virtualenv (required).")
        return VIRTUALENV_NOT_FOUND
    try:
        return handler(run, opts, args)
    except Exception as e:  # pragma: no cover - a simulator bug must not crash the shell
        log.error(f"Exception: {type(e).__name__}: {e}")
        return ERROR


__all__ = ["ERROR", "SUCCESS", "PipResult", "main"]
