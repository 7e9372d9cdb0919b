"""Writing files atomically, with the same bytes for the same picture.

A temporary file in the target folder is renamed over the target only once it
is complete, so a failure never leaves a partial file behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from matplotlib import rc_context
from matplotlib.figure import Figure

from .paint import RC

METADATA: dict[str, dict[str, Any]] = {
    ".svg": {"Date": None},
    ".pdf": {"CreationDate": None, "ModDate": None},
    ".png": {},
}


@contextlib.contextmanager
def atomic_path(path: str | Path, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary file's name beside ``path``; it becomes ``path`` when the block ends without error."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent or ".")
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` when the block ends without error."""
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        yield out


def write_with(path: str | Path, writer: Callable[[IO[bytes]], None]) -> None:
    with atomic(path) as out:
        writer(out)


def save_figure(figure: Figure, path: str | Path) -> None:
    """``figure`` as .svg (text kept as text), .png (100 dpi) or .pdf."""
    suffix = Path(path).suffix.lower()
    if suffix not in METADATA:
        raise ValueError(f"cannot save a figure as '{suffix}' (use .svg, .png or .pdf)")
    write_with(path, lambda out: _savefig(figure, out, suffix))


def figure_bytes(figure: Figure, suffix: str = ".svg") -> bytes:
    """The bytes that ``save_figure`` would write for ``suffix``, kept in memory."""
    buffer = io.BytesIO()
    _savefig(figure, buffer, suffix)
    return buffer.getvalue()


def _savefig(figure: Figure, out: IO[bytes], suffix: str) -> None:
    with rc_context(RC):
        figure.savefig(out, format=suffix[1:], dpi=100, metadata=METADATA[suffix],
                       facecolor=figure.get_facecolor())


def save_text(text: str, path: str | Path) -> None:
    with atomic(path) as out:
        out.write(text.encode("utf-8"))
