"""pip's log as the terminal shows it, and ``display_path``.

Ports pip/_internal/utils/logging.py (streams and indentation) and
``display_path`` from pip/_internal/utils/misc.py.
"""

from __future__ import annotations


class Log:
    """pip's log as the terminal shows it: lines with pip's indentation and stream.

    INFO goes to stdout (1), WARNING and ERROR to stderr (2), as pip's handlers do.
    """

    def __init__(self, quiet: int = 0) -> None:
        self.lines: list[str] = []
        self.streams: list[int] = []
        self.depth = 0
        self.quiet = quiet
        self.partial: set[int] = set()  # lines written without a newline (``input``'s prompt)

    def raw(self, line: str, stream: int = 1) -> None:
        self.lines.append(line)
        self.streams.append(stream)

    def prompt(self, text: str) -> None:
        """What ``input(text)`` writes: ``text`` on stdout, with no newline."""
        self.partial.add(len(self.lines))
        self.raw(text)

    def _emit(self, text: str, stream: int, level: int) -> None:
        if self.quiet >= level:
            return
        pad = "  " * self.depth
        for line in text.split("\n"):
            self.raw(pad + line if line else line, stream)

    def info(self, text: str, stream: int = 1) -> None:
        self._emit(text, stream, 1)

    def warning(self, text: str) -> None:
        self._emit("WARNING: " + text, 2, 2)

    def deprecation(self, text: str) -> None:
        """pip's ``deprecated()``: a warning whose text carries its own ``DEPRECATION:``."""
        self._emit("DEPRECATION: " + text, 2, 2)

    def error(self, text: str) -> None:
        """pip's ``logger.critical``: shown even with ``-qqq``."""
        self._emit("ERROR: " + text, 2, 4)

    def chunks(self) -> list[tuple[int, str]]:
        return [(s, line if i in self.partial else line + "\n")
                for i, (line, s) in enumerate(zip(self.lines, self.streams, strict=True))]


def display_path(path: str, cwd: str) -> str:
    """pip's ``display_path``: relative to the current folder when inside it."""
    if path == cwd:
        return "./."
    if cwd == "/" and path.startswith("/"):
        return "./" + path[1:]
    if path.startswith(cwd.rstrip("/") + "/"):
        return "./" + path[len(cwd.rstrip("/")) + 1 :]
    return path
