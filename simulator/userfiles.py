"""Reading a file the user names (a scenario, a lesson, a saved session): safely and bounded.

Only a regular file is opened (a folder, FIFO or device such as ``/dev/zero`` is refused before it
is opened, so nothing can block or never end), and never more than ``limit`` bytes of it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(ValueError):
    """The path names a folder (``folder`` true) or a FIFO, device or socket."""

    def __init__(self, folder: bool) -> None:
        super().__init__("is a folder" if folder else "not a regular file")
        self.folder = folder


class TooBig(ValueError):
    """The file holds more than the limit."""


def regular_bytes(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``; ``OSError`` as ``open`` raises it, or the two above."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(stat.S_ISDIR(info.st_mode))
    with open(path, "rb") as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:
        raise TooBig(f"more than {limit} bytes")
    return raw
