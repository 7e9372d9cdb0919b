"""A small immutable filesystem: folders, files, symlinks and interpreter binaries.

Paths are absolute POSIX strings. Every change returns a new ``FileSystem``;
the old one stays valid, which is what makes undo and timelines free. Inside,
the machine is a tree of immutable folders: a change copies only the folders on
its path and shares every other one with the old filesystem, so it costs the
depth of the path, not the size of the machine, and a timeline of worlds holds
each unchanged folder once.

>>> fs = FileSystem.empty().mkdir("/home/ana", parents=True)
>>> fs = fs.write("/home/ana/a.txt", "hi\\n")
>>> fs.read("/home/ana/a.txt")
'hi\\n'
>>> fs.listdir("/home/ana")
['a.txt']
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

T = TypeVar("T")


@dataclass(frozen=True)
class Dir:
    """A folder."""


@dataclass(frozen=True)
class File:
    """A regular file; ``executable`` is the ``x`` bit."""

    text: str
    executable: bool = False


@dataclass(frozen=True)
class Symlink:
    """A symbolic link, relative or absolute, as ``ln -s`` stores it."""

    target: str


@dataclass(frozen=True)
class Binary:
    """A CPython interpreter executable of a given full version."""

    version: str


Node = Dir | File | Symlink | Binary


class FsError(Exception):
    """A filesystem call failed; ``reason`` reads like ``strerror``."""

    def __init__(self, reason: str, path: str) -> None:
        super().__init__(f"{reason}: {path}")
        self.reason = reason
        self.path = path


NOT_FOUND = "No such file or directory"
NOT_DIR = "Not a directory"
IS_DIR = "Is a directory"
EXISTS = "File exists"
LOOP = "Too many levels of symbolic links"


def normalize(path: str, cwd: str = "/") -> str:
    """Absolute, normalized form of ``path`` seen from ``cwd`` (no symlinks resolved)."""
    if not path.startswith("/"):
        path = posixpath.join(cwd, path)
    norm = posixpath.normpath(path)
    if norm.startswith("//"):
        norm = "/" + norm.lstrip("/")
    return norm


def parent(path: str) -> str:
    return posixpath.dirname(path) or "/"


class _Folder:
    """A folder's entries by name: another folder or a leaf node. Never changed once shared."""

    __slots__ = ("entries", "_hash", "memo")

    def __init__(self, entries: dict[str, _Folder | Node]) -> None:
        self.entries = entries
        self._hash: int | None = None
        self.memo: dict[Hashable, Any] | None = None

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Folder) and self.entries == other.entries)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.entries.items()))
        return self._hash


Entry = _Folder | Node
DIR = Dir()


def _node(entry: Entry | None) -> Node | None:
    return DIR if isinstance(entry, _Folder) else entry


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def _merge(old: Entry | None, new: Entry) -> Entry:
    """``new`` laid over ``old``: folders meet entry by entry, anything else replaces."""
    if not (isinstance(old, _Folder) and isinstance(new, _Folder)):
        return new
    entries = dict(old.entries)
    for name, entry in new.entries.items():
        entries[name] = _merge(entries.get(name), entry)
    return _Folder(entries)


class FileSystem:
    """An immutable mapping of absolute paths to nodes."""

    __slots__ = ("_root",)

    def __init__(self, root: _Folder) -> None:
        self._root = root

    @classmethod
    def empty(cls) -> FileSystem:
        return cls(_Folder({}))

    # -- reading ---------------------------------------------------------
    def _get(self, path: str) -> Entry | None:
        """The entry at exactly ``path`` (no symlink followed on the way)."""
        entry: Entry = self._root
        for name in _parts(path):
            if not isinstance(entry, _Folder):
                return None
            found = entry.entries.get(name)
            if found is None:
                return None
            entry = found
        return entry

    def _locate(self, path: str, follow_last: bool = True) -> tuple[list[str], Entry]:
        """The real path (as names) and entry ``path`` leads to; raises FsError."""
        todo = _parts(path)
        todo.reverse()
        real: list[str] = []
        entry: Entry = self._root
        hops = 0
        while todo:
            name = todo.pop()
            found = entry.entries.get(name) if isinstance(entry, _Folder) else None
            if found is None:
                raise FsError(NOT_FOUND, path)
            if isinstance(found, Symlink) and (todo or follow_last):
                hops += 1
                if hops > 40:
                    raise FsError(LOOP, path)
                target = _parts(normalize(found.target, "/" + "/".join(real)))
                target.reverse()
                todo += target
                real, entry = [], self._root
                continue
            if todo and not isinstance(found, _Folder):
                raise FsError(NOT_DIR, path)
            real.append(name)
            entry = found
        return real, entry

    def node(self, path: str) -> Node | None:
        """The node at ``path`` itself (a symlink is not followed)."""
        return _node(self._get(path))

    def resolve(self, path: str, *, follow_last: bool = True) -> str:
        """``path`` with symlinks resolved (like ``realpath``); raises FsError."""
        return "/" + "/".join(self._locate(path, follow_last)[0])

    def lookup(self, path: str) -> Node | None:
        """The node ``path`` leads to, following symlinks, or None."""
        try:
            return _node(self._locate(path)[1])
        except FsError:
            return None

    def exists(self, path: str) -> bool:
        return self.lookup(path) is not None

    def lexists(self, path: str) -> bool:
        try:
            _, folder = self._locate(parent(path))
        except FsError:
            return False
        name = posixpath.basename(path)
        return isinstance(folder, _Folder) and (not name or name in folder.entries)

    def is_dir(self, path: str) -> bool:
        return isinstance(self.lookup(path), Dir)

    def is_file(self, path: str) -> bool:
        return isinstance(self.lookup(path), (File, Binary))

    def read(self, path: str) -> str:
        node = self._locate(path)[1]
        if isinstance(node, _Folder):
            raise FsError(IS_DIR, path)
        if isinstance(node, Binary):
            return f"\x7fELF CPython {node.version}\n"
        assert isinstance(node, File)
        return node.text

    def listdir(self, path: str) -> list[str]:
        folder = self._locate(path)[1]
        if not isinstance(folder, _Folder):
            raise FsError(NOT_DIR, path)
        return sorted(folder.entries)

    def folder(self, path: str) -> FileSystem:
        """The folder at ``path`` as a filesystem of its own, whose ``/`` it is; raises FsError.

        Reading inside it costs the depth below ``path`` only. Its symlinks keep their
        text, so an absolute one points into this smaller filesystem: read with ``node``.
        """
        found = self._locate(path)[1]
        if not isinstance(found, _Folder):
            raise FsError(NOT_DIR, path)
        return FileSystem(found)

    def memo(self, path: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, kept with the folder at ``path`` while that folder lives.

        A folder never changes, so what is computed from its content alone (and from
        ``key``, which names what is computed and anything else it depends on, such as
        ``path`` itself) can be computed once for every world that shares the folder.
        """
        try:
            folder = self._locate(path)[1]
        except FsError:
            return make()
        if not isinstance(folder, _Folder):
            return make()
        if folder.memo is None:
            folder.memo = {}
        if key not in folder.memo:
            folder.memo[key] = make()
        return cast(T, folder.memo[key])

    def walk(self, top: str) -> Iterator[str]:
        """Every path under ``top`` (itself included), without following links, sorted."""
        yield from _walk(top, self._get(top))

    def paths(self) -> Iterator[str]:
        return self.walk("/")

    # -- writing ---------------------------------------------------------
    def _with(self, changes: Mapping[str, Entry | None]) -> FileSystem:
        """Set (or delete, with None) entries at real paths whose parents exist or come first.

        Each folder on the way is copied once per call; a copy made here may be changed
        in place until the call returns, and is never changed after.
        """
        root = _Folder(dict(self._root.entries))
        fresh = {id(root): root}  # the folders made by this call, kept alive so no id is reused
        for path, entry in changes.items():
            names = _parts(path)
            if not names:
                continue
            folder = root
            for name in names[:-1]:
                child = folder.entries.get(name)
                if not isinstance(child, _Folder):
                    raise FsError(NOT_FOUND if child is None else NOT_DIR, path)
                if id(child) not in fresh:
                    child = _Folder(dict(child.entries))
                    fresh[id(child)] = child
                    folder.entries[name] = child
                folder = child
            last = names[-1]
            if entry is None:
                folder.entries.pop(last, None)
            elif isinstance(entry, Dir):
                if not isinstance(folder.entries.get(last), _Folder):
                    new = _Folder({})
                    fresh[id(new)] = new
                    folder.entries[last] = new
            else:
                folder.entries[last] = entry
        return FileSystem(root)

    def _real_target(self, path: str) -> str:
        """Where a new entry at ``path`` goes: its parent must be a folder."""
        try:
            real, folder = self._locate(parent(path))
        except FsError as e:
            raise FsError(e.reason, path) from None
        if not isinstance(folder, _Folder):
            raise FsError(NOT_DIR, path)
        return "/" + "/".join([*real, posixpath.basename(path)])

    def mkdir(self, path: str, *, parents: bool = False, exist_ok: bool = False) -> FileSystem:
        if path == "/":
            return self
        if self.lexists(path):
            if (parents or exist_ok) and self.is_dir(path):
                return self
            raise FsError(EXISTS, path)
        if parents and not self.lexists(parent(path)):
            return self.mkdir(parent(path), parents=True).mkdir(path)
        return self._with({self._real_target(path): DIR})

    def write(self, path: str, text: str, *, executable: bool | None = None) -> FileSystem:
        """Create or replace a file (following a symlink at ``path``)."""
        try:
            real = self.resolve(path)
        except FsError:
            real = self._real_target(path)
        old = self._get(real)
        if isinstance(old, _Folder):
            raise FsError(IS_DIR, path)
        if executable is None:
            executable = isinstance(old, File) and old.executable
        return self._with({real: File(text, executable)})

    def append(self, path: str, text: str) -> FileSystem:
        old = self.read(path) if self.exists(path) else ""
        return self.write(path, old + text)

    def put(self, path: str, node: Node) -> FileSystem:
        """Place ``node`` at ``path`` exactly (no symlink following on the last part)."""
        return self._with({self._real_target(path): node})

    def put_many(self, entries: Mapping[str, Node]) -> FileSystem:
        """Place many nodes at already-normalized paths whose parents exist or come first."""
        return self._with(entries)

    def remove(self, path: str, *, recursive: bool = False) -> FileSystem:
        real = self._real_target(path)
        entry = self._get(real)
        if entry is None:
            raise FsError(NOT_FOUND, path)
        if isinstance(entry, _Folder) and not recursive:
            raise FsError(IS_DIR, path)
        return self._with({real: None})

    def copy(self, src: str, dst: str) -> FileSystem:
        """Copy ``src`` (a tree) to ``dst``, keeping symlinks as they are (``cp -r``).

        The copy shares its folders with the original: both are immutable.
        """
        tree = self._locate(src)[1]
        real_dst = self._real_target(dst)
        return self._with({real_dst: _merge(self._get(real_dst), tree)})

    def move(self, src: str, dst: str) -> FileSystem:
        real_src = self._real_target(src)
        tree = self._get(real_src)
        if tree is None:
            raise FsError(NOT_FOUND, src)
        real_dst = self._real_target(dst)
        moved = self._with({real_src: None})
        return moved._with({real_dst: _merge(moved._get(real_dst), tree)})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileSystem) and self._root == other._root

    def __hash__(self) -> int:
        return hash(self._root)


def _walk(path: str, entry: Entry | None) -> Iterator[str]:
    yield path
    if isinstance(entry, _Folder):
        base = "" if path == "/" else path
        for name in sorted(entry.entries):
            yield from _walk(f"{base}/{name}", entry.entries[name])
