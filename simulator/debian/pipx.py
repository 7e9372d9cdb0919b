"""``pipx``, as ``apt install pipx`` leaves it on Debian 13 (tests/debian/pipx_use.txt):
``--version``, ``list`` and ``uninstall`` with nothing installed. ``pipx install`` is not
simulated: recorded offline, its first install failed fetching pip for its shared venv from
the local index, which a class with a network does not meet."""

from __future__ import annotations

from ..shell.run import Chunks, Ctx, err, out

VERSION = "1.7.1"


def pipx(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``pipx --version``, ``pipx list``, ``pipx uninstall NAME``; the rest answers that it
    is not simulated."""
    if args[1:] == ["--version"]:
        return 0, out(VERSION + "\n")
    if args[1:] == ["list"]:
        return 0, out("nothing has been installed with pipx \N{SLEEPING FACE}\n")
    if len(args) == 3 and args[1] == "uninstall" and not args[2].startswith("-"):
        return 1, out(f"Nothing to uninstall for {args[2]} \N{SLEEPING FACE}\n")
    return 1, err("venvsim: only 'pipx --version', 'pipx list' and 'pipx uninstall' are simulated")
