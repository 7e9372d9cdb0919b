"""Errors whose message is the whole story: IPython shows their one line, not a traceback."""

from __future__ import annotations


class OneLineError(Exception):
    """A mistake in what venvsim was given (a file, a value, a choice), said in one line."""

    def _render_traceback_(self) -> list[str]:
        """IPython calls this instead of printing a traceback."""
        return [f"{type(self).__name__}: {self}"]


class UsageError(OneLineError, TypeError):
    """A Python API call with a value of the wrong kind."""
