"""Reading transcripts of real runs (``$ cmd`` / output / ``[exit code: N]``) for the tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference" / "pip-26.3"
LOCAL = Path(__file__).resolve().parent / "transcripts"


@dataclass
class Entry:
    command: str
    output: str
    exit_code: int


def read(path: Path) -> list[Entry]:
    """Every command of a transcript, in order, with its verbatim output."""
    entries: list[Entry] = []
    command: str | None = None
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if command is None:
            if raw.startswith("$ "):
                command, lines = raw[2:], []
            continue
        m = re.match(r"^\[exit code: (\d+)\]", raw)
        if m:
            output = "\n".join(lines)
            entries.append(Entry(command, output + "\n" if lines else "", int(m.group(1))))
            command = None
            continue
        lines.append(raw)
    return entries


def reference(name: str) -> list[Entry]:
    return read(REFERENCE / name)
