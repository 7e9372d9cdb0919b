"""Reading what a sandboxed run left behind, without trusting it.

Every path is opened one component at a time below a folder descriptor with
``O_NOFOLLOW``: a symlink never leads out (or anywhere), a FIFO or device is
never read (``O_NONBLOCK`` then ``S_ISREG``), and reads stop at a size cap.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> (d / "a").mkdir(); _ = (d / "a" / "f").write_text("hi")
>>> (d / "link").symlink_to("/etc")
>>> with Folder(d) as top:
...     top.read("a/f"), top.read("link/passwd"), top.entries("a")
(b'hi', None, [('f', False)])
"""

from __future__ import annotations

import os
import stat
from types import TracebackType

CAP = 1 << 20  # bytes read from one file unless told
ENTRIES = 10_000  # names listed from one folder


class Folder:
    """A folder opened without following links; paths below it are relative."""

    def __init__(self, path: os.PathLike[str] | str, dir_fd: int | None = None) -> None:
        self.fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)

    def __enter__(self) -> Folder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        os.close(self.fd)

    def sub(self, rel: str) -> Folder | None:
        """The folder ``rel`` below this one, or None if any part is not a real folder."""
        here: Folder | None = None
        fd = self.fd
        try:
            for part in rel.split("/"):
                if part in ("", "."):
                    continue
                if part == "..":
                    return None
                nxt = Folder(part, dir_fd=fd)
                if here is not None:
                    os.close(here.fd)
                here, fd = nxt, nxt.fd
        except OSError:
            if here is not None:
                os.close(here.fd)
            return None
        return here if here is not None else Folder(".", dir_fd=self.fd)

    def read(self, rel: str, cap: int = CAP) -> bytes | None:
        """At most ``cap`` bytes of the regular file ``rel``, or None."""
        folder, _, name = rel.rpartition("/")
        parent = self.sub(folder) if folder else None
        fd_dir = parent.fd if parent is not None else self.fd
        if folder and parent is None:
            return None
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd_dir)
        except OSError:
            return None
        finally:
            if parent is not None:
                os.close(parent.fd)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            chunks = []
            left = cap
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 16))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def entries(self, rel: str = ".") -> list[tuple[str, bool]]:
        """Sorted (name, is a real folder) of ``rel``, at most ``ENTRIES`` of them."""
        folder = self.sub(rel)
        if folder is None:
            return []
        try:
            found: list[tuple[str, bool]] = []
            with os.scandir(folder.fd) as it:
                for entry in it:
                    if len(found) >= ENTRIES:
                        break
                    found.append((entry.name, entry.is_dir(follow_symlinks=False)))
            return sorted(found)
        finally:
            os.close(folder.fd)
