"""Tools a scenario's ``[world] tools`` puts on the machine: uv 0.13.8, as its standalone
installer places it (``~/.local/bin/uv`` and ``uvx``, ``~/.local/bin`` first on ``PATH``),
set up by ``~/.config/uv/uv.toml``.

>>> sorted(installed_files("uv", "/home/ana"))[-1]
'/home/ana/.local/bin/uvx'
>>> tool_path("uv", "/home/ana", "/usr/bin:/bin")
'/home/ana/.local/bin:/usr/bin:/bin'
"""

from __future__ import annotations

import re

from .fs import Dir, File, Node
from .layout import INDEX_URL

TOOLS = ("uv",)
UV_VERSION = "0.13.8"
UV_TOML = f'python-downloads = "never"\n\n[[index]]\nurl = "{INDEX_URL}"\ndefault = true\n'
UV_MARK = "\x7fELF uv "  # what the simulated uv and uvx binaries start with
# uv's timings ("Resolved 2 packages in 3ms"): compared with reality, any equals any.
DURATION = re.compile(r" in \d+(\.\d+)?(ms|s)$", re.M)
# The random names of uv's temporary environments in its cache (``uv run --with``): any equals any.
# and the hash naming a script's environment (``uv run script.py``).
RANDOM_NAME = re.compile(r"(/builds-v0/\.tmp)[A-Za-z0-9]{6}|(/archive-v0/)[A-Za-z0-9_-]{16}"
                         r"|(/environments-v2/[^/\s]*-)[0-9a-f]{16}")


def installed_files(tool: str, home: str) -> dict[str, Node]:
    """The files ``tool`` adds under the user's ``home``."""
    assert tool == "uv"
    return {
        f"{home}/.local": Dir(),
        f"{home}/.local/bin": Dir(),
        f"{home}/.local/bin/uv": File(UV_MARK + "uv\n", True),
        f"{home}/.local/bin/uvx": File(UV_MARK + "uvx\n", True),
        f"{home}/.config": Dir(),
        f"{home}/.config/uv": Dir(),
        f"{home}/.config/uv/uv.toml": File(UV_TOML),
    }


def tool_path(tool: str, home: str, path: str) -> str:
    """``PATH`` once ``tool`` is installed."""
    return f"{home}/.local/bin:{path}"


def without_durations(text: str) -> str:
    """``text`` with every uv timing, and every random name of uv's cache, made the same.

    >>> without_durations("Resolved 2 packages in 3ms\\nAudited 1 package in 0.61s")
    'Resolved 2 packages in <t>\\nAudited 1 package in <t>'
    >>> without_durations("/c/builds-v0/.tmpAb3xYz /c/archive-v0/9Udh3pv8Cf5nun-M/lib")
    '/c/builds-v0/.tmp<r> /c/archive-v0/<r>/lib'
    >>> without_durations("/c/environments-v2/s-3df6dd535b2a9917 1.0")
    '/c/environments-v2/s-<r> 1.0'
    """
    return RANDOM_NAME.sub(lambda m: next(g for g in m.groups() if g) + "<r>",
                           DURATION.sub(" in <t>", text))
