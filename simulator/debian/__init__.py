"""Commands of the Debian 13 profile (``[world] os = "debian13"``): ``sudo``, ``apt``, ``apt-get``,
``pipx`` once apt has installed it, and the programs that are there but not simulated
(``pydoc3``, and ``idle``, which opens a window)."""

from __future__ import annotations

from ..shell.run import Chunks, Ctx, err
from .apt import apt
from .pipx import pipx
from .sudo import sudo


def unsimulated(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """A program the machine has but venvsim does not run."""
    name = args[0].rsplit("/", 1)[-1]
    return 1, err(f"venvsim: {name} is installed, but running it is not simulated")


COMMANDS = {"sudo": sudo, "apt": apt, "apt-get": apt, "pipx": pipx, "pydoc3": unsimulated,
            "idle": unsimulated}
