"""Bash's ``PS1`` as the terminal shows it (``\\u@\\h:\\w\\$``).

>>> from simulator.model.world import WorldSpec, build
>>> prompt(build(WorldSpec()))
'ana@aula:~$ '
"""

from __future__ import annotations

from ..model import layout
from ..model.world import World, tilde


def prompt(world: World) -> str:
    env = world.shell.env
    ps1 = env.get("PS1", "$ ")
    home = env.get("HOME", world.home)
    cwd = world.shell.cwd
    short = tilde(cwd, home)
    out = ""
    i = 0
    while i < len(ps1):
        ch = ps1[i]
        if ch == "\\" and i + 1 < len(ps1):
            code = ps1[i + 1]
            i += 2
            out += {
                "u": world.user,
                "h": layout.HOST,
                "H": layout.HOST,
                "w": short,
                "W": cwd.rsplit("/", 1)[-1] or "/",
                "$": "#" if world.user == "root" else "$",
                "\\": "\\",
                "n": "\n",
            }.get(code, "\\" + code)
            continue
        out += ch
        i += 1
    return out
