"""pip 26.3 as a function: ``main(world, python, argv)`` returns a new filesystem and output."""

from __future__ import annotations

import difflib
import posixpath
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
    INDEX_OPTIONS,
    LIST_OPTIONS,
    SHOW_OPTIONS,
    UNINSTALL_OPTIONS,
    check,
    freeze,
    index,
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
    "index": (index, INDEX_OPTIONS),
}
KNOWN = [
    "install",
    "lock",
    "download",
    "uninstall",
    "freeze",
    "inspect",
    "list",
    "show",
    "check",
    "config",
    "search",
    "cache",
    "index",
    "wheel",
    "hash",
    "completion",
    "debug",
    "help",
]
USAGES = {
    "install": (
        "[options] <requirement specifier> [package-index-options] ...",
        "[options] -r <requirements file> [package-index-options] ...",
        "[options] [-e] <vcs project url> ...",
        "[options] [-e] <local project path> ...",
        "[options] <archive url/path> ...",
    ),
    "uninstall": ("[options] <package> ...", "[options] -r <requirements file> ..."),
    "show": ("[options] <package> ...",),
}
GLOBAL_OPTIONS = {
    "--version": "flag",
    "-V": "--version",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
    "--isolated": "flag",
    "--require-virtualenv": "flag",
    "--disable-pip-version-check": "flag",
    "--no-input": "flag",
    "--no-color": "flag",
    "--no-cache-dir": "flag",
    "--help": "flag",
    "-h": "--help",
}


TRUE = {"y", "yes", "t", "true", "on", "1"}
FALSE = {"n", "no", "f", "false", "off", "0"}
ROOT_WARNING = (
    "Running pip as the 'root' user can result in broken permissions and conflicting behaviour "
    "with the system package manager, possibly rendering your system unusable. It is recommended "
    "to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the "
    "--root-user-action option if you know what you are doing and want to suppress this warning."
)
# Commands whose class sets ``ignore_require_venv = True`` in pip 26.3 (pip/_internal/commands).
IGNORE_REQUIRE_VENV = frozenset({
    "cache", "check", "completion", "config", "debug", "freeze", "hash", "help", "index",
    "inspect", "list", "search", "show",
})


def _environment_options(run: PipRun, spec: dict[str, str]) -> dict[str, OptionValue]:
    """Options pip reads from ``PIP_<NAME>`` variables: any long option of the command
    (``PIP_USER=1`` makes ``pip list`` list the user site too), as pip's
    ``ConfigOptionParser._update_defaults`` converts them."""
    opts: dict[str, OptionValue] = {}
    for var, value in sorted(run.world.shell.env.items()):
        name = "--" + var[4:].lower().replace("_", "-")
        if not var.startswith("PIP_") or spec.get(name, "-").startswith("-"):
            continue
        kind, key = spec[name], name[2:]
        if kind in ("flag", "count"):
            truth = {**dict.fromkeys(TRUE, 1), **dict.fromkeys(FALSE, 0)}.get(value.lower())
            if kind == "count" and truth is None and value.isdigit():
                truth = int(value)
            if truth is None:
                raise OptionError(
                    f"{value} is not a valid value for {key} option, please specify a boolean "
                    "value like yes/no, true/false or 1/0 instead." if kind == "flag" else
                    f"{value} is not a valid value for {key} option, please instead specify "
                    "either a non-negative integer or a boolean value like yes/no or "
                    "false/true which is equivalent to 1/0."
                )
            if truth:
                opts[name] = True if kind == "flag" else truth
        elif kind == "list":
            opts[name] = value.split()
        else:
            opts[name] = value
    return opts


def _foreign_cache(run: PipRun, opts: dict[str, OptionValue]) -> str | None:
    """The cache folder root's pip may not use: under a user's home (``sudo -E`` keeps
    ``HOME``), pip's ``check_path_owner`` finds its nearest existing folder not root's."""
    env = run.world.shell.env
    if run.world.user != "root" or opts.get("--no-cache-dir") or "HOME" not in env:
        return None
    given = opts.get("--cache-dir")
    cache = given if isinstance(given, str) else (
        env.get("XDG_CACHE_HOME") or posixpath.join(env["HOME"], ".cache")) + "/pip"
    folder = cache
    while not run.fs.exists(folder) and folder != "/":
        folder = posixpath.dirname(folder)
    return cache if folder.startswith("/home/") else None


@dataclass
class PipResult:
    fs: FileSystem
    exit_code: int
    chunks: list[tuple[int, str]]
    events: list[dict[str, Any]]

    @property
    def output(self) -> str:
        return "".join(text for _, text in self.chunks)


def main(world: World, view: PythonView, argv: list[str], prog: str = "pip",
         stdin: Callable[[str], str | None] | None = None) -> PipResult:
    """Run pip with ``argv`` under the interpreter ``view``; ``prog`` is how it was called.

    ``stdin`` reads a line of standard input (None at its end), given what pip printed so far.
    """
    run = PipRun(world=world, view=view, fs=world.fs)
    if stdin is not None:
        run.stdin = stdin
    code = _dispatch(run, argv, prog)
    return PipResult(run.fs, code, run.log.chunks(), run.events)


def _dispatch(run: PipRun, argv: list[str], prog: str = "pip") -> int:
    log = run.log
    command_at = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    head = argv if command_at is None else argv[:command_at]
    try:
        _environment_options(run, GLOBAL_OPTIONS)  # the main parser reads them first
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
            log.raw(line.replace("  pip <command> [options]", f"  {prog} <command> [options]"))
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
        env_opts = _environment_options(run, {**GLOBAL_OPTIONS, **spec})
        opts, args = parse(rest, {**GLOBAL_OPTIONS, **spec})
    except OptionError as e:
        usage = "\n".join(f"  {prog} {name} {u}" for u in USAGES.get(name, ("[options]",)))
        log.raw("", 2)
        log.raw("Usage:   ", 2)
        for line in usage.split("\n"):
            log.raw(line, 2)
        log.raw("", 2)
        log.raw(str(e), 2)
        return 2
    opts = {**env_opts, **gopts, **opts}
    quiet = opts.get("--quiet", 0)
    verbose = opts.get("--verbose", 0)
    run.log.quiet = max(
        0, (quiet if isinstance(quiet, int) else 0) - (verbose if isinstance(verbose, int) else 0)
    )
    cache = _foreign_cache(run, opts)
    if cache:
        log.warning(f"The directory '{cache}' or its parent directory is not owned or is not "
                    "writable by the current user. The cache has been disabled. Check the "
                    "permissions and owner of that directory. If executing pip with sudo, you "
                    "should use sudo's -H flag.")
    if (opts.get("--require-virtualenv")) and not run.view.in_venv and name not in IGNORE_REQUIRE_VENV:
        log.error("Could not find an activated virtualenv (required).")
        return VIRTUALENV_NOT_FOUND
    try:
        code = handler(run, opts, args)
        if code == SUCCESS and name in ("install", "uninstall") and run.world.user == "root" \
                and not run.view.in_venv and opts.get("--root-user-action") != "ignore":
            log.warning(ROOT_WARNING)  # sudo pip (simulator/debian/sudo.py)
        return code
    except Exception as e:  # pragma: no cover - a simulator bug must not crash the shell
        log.error(f"Exception: {type(e).__name__}: {e}")
        return ERROR


__all__ = ["ERROR", "SUCCESS", "PipResult", "main"]
