"""``pipx``, as ``apt install pipx`` leaves it on Debian 13: only ``--version`` is simulated
(tests/debian/apt.txt recorded ``1.7.1``)."""

from __future__ import annotations

from ..shell.run import Chunks, Ctx, err, out

VERSION = "1.7.1"


def pipx(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``pipx --version``; anything else answers that it is not simulated."""
    if args[1:] == ["--version"]:
        return 0, out(VERSION + "\n")
    return 1, err("venvsim: only 'pipx --version' is simulated")
