"""``pipx``, as ``apt install pipx`` leaves it on Debian 13 (tests/debian/pipx_use.txt,
pipx_path.txt): ``--version``, ``list`` and ``uninstall`` with nothing installed, and
``ensurepath``, which adds ``~/.local/bin`` to ``PATH`` in ``~/.bashrc`` and ``~/.profile``
for the next shell, and ``install NAME`` of the index's projects, none of which has an app:
pipx says it is for applications (tests/debian/pipx_install.txt, with pip in the index as PyPI
has it; its shared venv is a folder here, not a venv). Every command but ``--version`` first
makes pipx's folders (its log files and ``py/CACHEDIR.TAG`` aside)."""

from __future__ import annotations

import posixpath

from packaging.utils import canonicalize_name

from ..model.fs import FileSystem
from ..shell.run import Chunks, Ctx, err, out

VERSION = "1.7.1"
STAMP = "2026-11-24 09:00:00"  # the simulated clock (ls -l shows Nov 24 09:00)
FOLDERS = (".local/bin", ".local/share/man", ".local/share/pipx/py", ".local/share/pipx/venvs",
           ".local/state/pipx/log")
CONFIGS = (".bashrc", ".profile")  # userpath's files for bash
READY = "\nOtherwise pipx is ready to go! \u2728 \U0001f31f \u2728\n"
NEW_TERMINAL = ("You will need to open a new terminal or re-login for the PATH changes to take\n"
                "effect. Alternatively, you can source your shell's config file with e.g.\n"
                "'source ~/.bashrc'.\n")
ADDED = ("Success! Added {bin} to the PATH environment variable.\n\n"
         "Consider adding shell completions for pipx. Run 'pipx completions' for\n"
         "instructions.\n\n" + NEW_TERMINAL + READY)
PENDING = ("{bin} has been been added to PATH, but you need to open a new\n"
           "    terminal or re-login for this PATH change to take effect. Alternatively,\n"
           "    you can source your shell's config file with e.g. 'source ~/.bashrc'.\n\n"
           + NEW_TERMINAL + READY)
NO_APPS = ("No apps associated with package {name} or its dependencies. If you are\n"
           "attempting to install a library, pipx should not be used. Consider using pip\n"
           "or a similar tool instead.\n\n")
PIP_FAILED = ("Fatal error from pip prevented installation. Full pip output in file:\n"
              "    {home}/.local/state/pipx/log/cmd_{when}_pip_errors.log\n\n"
              "Some possibly relevant errors from pip install:\n"
              "    ERROR: Could not find a version that satisfies the requirement {name} (from "
              "versions: none)\n    ERROR: No matching distribution found for {name}\n"
              "Error installing {name}.\n\n")
ALREADY = ("{bin} is already in PATH.\n\n"
           "\u26a0\ufe0f  All pipx binary directories have been appended to PATH. If you are sure\n"
           "you want to proceed, try again with the '--force' flag.\n" + READY)


def pipx(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``pipx --version``, ``list``, ``uninstall NAME`` and ``ensurepath``; the rest answers
    that it is not simulated."""
    if args[1:] == ["--version"]:
        return 0, out(VERSION + "\n")
    known = args[1:] in (["list"], ["ensurepath"]) or (
        len(args) == 3 and args[1] in ("uninstall", "install") and not args[2].startswith("-"))
    if not known:
        return 1, err("venvsim: only 'pipx --version', 'list', 'install NAME', 'uninstall NAME' "
                      "and 'ensurepath' are simulated")
    home = ctx.world.home
    fs = ctx.world.fs
    if args[1] == "install" and any(r.scripts for r in ctx.world.index.releases(args[2])):
        # pipx installing an app has not been recorded
        return 2, err(f"venvsim: 'pipx install {args[2]}' of a package with commands is not simulated")
    for folder in FOLDERS:
        if not fs.is_dir(posixpath.join(home, folder)):
            fs = fs.mkdir(posixpath.join(home, folder), parents=True)
    ctx.world = ctx.world.with_fs(fs)
    if args[1] == "list":
        return 0, out("nothing has been installed with pipx \N{SLEEPING FACE}\n")
    if args[1] == "uninstall":
        return 1, out(f"Nothing to uninstall for {args[2]} \N{SLEEPING FACE}\n")
    if args[1] == "install":
        return 1, out(_install(ctx, args[2]))
    return 0, out(_ensurepath(ctx, posixpath.join(home, ".local/bin")))


def _ensurepath(ctx: Ctx, bin_dir: str) -> str:
    """What ``pipx ensurepath`` says, after adding ``bin_dir`` to the shell's files if no
    file names it yet."""
    if bin_dir in ctx.world.shell.env.get("PATH", "").split(":"):
        return ALREADY.format(bin=bin_dir)
    line = f'export PATH="$PATH:{bin_dir}"\n'
    fs: FileSystem = ctx.world.fs
    files = [posixpath.join(ctx.world.home, name) for name in CONFIGS]
    if any(fs.is_file(f) and line in fs.read(f) for f in files):
        return PENDING.format(bin=bin_dir)
    for f in files:
        before = fs.read(f) if fs.is_file(f) else ""
        fs = fs.write(f, before + f"\n# Created by `pipx` on {STAMP}\n" + line)
    ctx.world = ctx.world.with_fs(fs)
    return ADDED.format(bin=bin_dir)


def _install(ctx: Ctx, name: str) -> str:
    """``pipx install NAME``: a venv for it (its shared one made first), then no app found,
    or pip's failure; either way the venv is gone again."""
    text = "creating virtual environment...\n"
    shared = posixpath.join(ctx.world.home, ".local/share/pipx/shared")
    if not ctx.world.fs.is_dir(shared):
        ctx.world = ctx.world.with_fs(ctx.world.fs.mkdir(shared))
        text += "creating shared libraries...\nupgrading shared libraries...\n"
    text += f"installing {name}...\n"
    if canonicalize_name(name) in ctx.world.index.versions():
        return text + NO_APPS.format(name=name)
    when = STAMP.replace(" ", "_").replace(":", ".")
    return text + PIP_FAILED.format(name=name, home=ctx.world.home, when=when)
