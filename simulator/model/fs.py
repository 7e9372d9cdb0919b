"""A small immutable filesystem: folders, files, symlinks and interpreter binaries.

Paths are absolute POSIX strings. Every change returns a new ``FileSystem``;
the old one stays valid, which is what makes undo and timelines free.

>>> fs = FileSystem.empty().mkdir("/home/ana", parents=True)
>>> fs = fs.write("/home/ana/a.txt", "hi\\n")
>>> fs.read("/home/ana/a.txt")
'hi\\n'
>>> fs.listdir("/home/ana")
['a.txt']
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType


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


class FileSystem:
    """An immutable mapping of absolute paths to nodes."""

    __slots__ = ("_nodes", "_children")

    def __init__(self, nodes: Mapping[str, Node], children: Mapping[str, frozenset[str]]) -> None:
        self._nodes = nodes
        self._children = children

    @classmethod
    def empty(cls) -> FileSystem:
        return cls(MappingProxyType({"/": Dir()}), MappingProxyType({"/": frozenset()}))

    # -- reading ---------------------------------------------------------
    def node(self, path: str) -> Node | None:
        """The node at ``path`` itself (a symlink is not followed)."""
        return self._nodes.get(path)

    def resolve(self, path: str, *, follow_last: bool = True) -> str:
        """``path`` with symlinks resolved (like ``realpath``); raises FsError."""
        parts = [p for p in path.split("/") if p]
        current = "/"
        hops = 0
        while parts:
            name = parts.pop(0)
            candidate = posixpath.join(current, name)
            node = self._nodes.get(candidate)
            if node is None:
                raise FsError(NOT_FOUND, path)
            if isinstance(node, Symlink) and (parts or follow_last):
                hops += 1
                if hops > 40:
                    raise FsError(LOOP, path)
                target = normalize(node.target, current)
                parts = [p for p in target.split("/") if p] + parts
                current = "/"
                continue
            if parts and not isinstance(node, Dir):
                raise FsError(NOT_DIR, path)
            current = candidate
        return current

    def lookup(self, path: str) -> Node | None:
        """The node ``path`` leads to, following symlinks, or None."""
        try:
            return self._nodes.get(self.resolve(path))
        except FsError:
            return None

    def exists(self, path: str) -> bool:
        return self.lookup(path) is not None

    def lexists(self, path: str) -> bool:
        try:
            real_parent = self.resolve(parent(path))
        except FsError:
            return False
        return posixpath.join(real_parent, posixpath.basename(path)) in self._nodes

    def is_dir(self, path: str) -> bool:
        return isinstance(self.lookup(path), Dir)

    def is_file(self, path: str) -> bool:
        return isinstance(self.lookup(path), (File, Binary))

    def read(self, path: str) -> str:
        real = self.resolve(path)
        node = self._nodes[real]
        if isinstance(node, Dir):
            raise FsError(IS_DIR, path)
        if isinstance(node, Binary):
            return f"\x7fELF CPython {node.version}\n"
        assert isinstance(node, File)
        return node.text

    def listdir(self, path: str) -> list[str]:
        real = self.resolve(path)
        if not isinstance(self._nodes[real], Dir):
            raise FsError(NOT_DIR, path)
        return sorted(self._children.get(real, frozenset()))

    def walk(self, top: str) -> Iterator[str]:
        """Every path under ``top`` (itself included), without following links."""
        yield top
        if isinstance(self._nodes.get(top), Dir):
            for name in sorted(self._children.get(top, frozenset())):
                yield from self.walk(posixpath.join(top, name))

    def paths(self) -> Iterator[str]:
        return iter(self._nodes)

    # -- writing ---------------------------------------------------------
    def _with(self, changes: Mapping[str, Node | None]) -> FileSystem:
        nodes = dict(self._nodes)
        children = dict(self._children)
        for path, node in changes.items():
            par, name = parent(path), posixpath.basename(path)
            if node is None:
                if path in nodes:
                    del nodes[path]
                    children.pop(path, None)
                    children[par] = children.get(par, frozenset()) - {name}
            else:
                if path not in nodes:
                    children[par] = children.get(par, frozenset()) | {name}
                nodes[path] = node
                if isinstance(node, Dir):
                    children.setdefault(path, frozenset())
                else:
                    children.pop(path, None)
        return FileSystem(MappingProxyType(nodes), MappingProxyType(children))

    def _real_target(self, path: str) -> str:
        """Where a new entry at ``path`` goes: its parent must be a folder."""
        par = parent(path)
        try:
            real_parent = self.resolve(par)
        except FsError as e:
            raise FsError(e.reason, path) from None
        if not isinstance(self._nodes[real_parent], Dir):
            raise FsError(NOT_DIR, path)
        return posixpath.join(real_parent, posixpath.basename(path))

    def mkdir(self, path: str, *, parents: bool = False, exist_ok: bool = False) -> FileSystem:
        if path == "/":
            return self
        if self.lexists(path):
            if (parents or exist_ok) and self.is_dir(path):
                return self
            raise FsError(EXISTS, path)
        if parents and not self.lexists(parent(path)):
            return self.mkdir(parent(path), parents=True).mkdir(path)
        return self._with({self._real_target(path): Dir()})

    def write(self, path: str, text: str, *, executable: bool | None = None) -> FileSystem:
        """Create or replace a file (following a symlink at ``path``)."""
        try:
            real = self.resolve(path)
        except FsError:
            real = self._real_target(path)
        old = self._nodes.get(real)
        if isinstance(old, Dir):
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
        node = self._nodes.get(real)
        if node is None:
            raise FsError(NOT_FOUND, path)
        if isinstance(node, Dir):
            if not recursive:
                raise FsError(IS_DIR, path)
            return self._with({p: None for p in reversed(list(self.walk(real)))})
        return self._with({real: None})

    def copy(self, src: str, dst: str) -> FileSystem:
        """Copy ``src`` (a tree) to ``dst``, keeping symlinks as they are (``cp -r``)."""
        real_src = self.resolve(src)
        real_dst = self._real_target(dst)
        changes: dict[str, Node | None] = {}
        for p in self.walk(real_src):
            changes[real_dst + p[len(real_src) :]] = self._nodes[p]
        return self._with(changes)

    def move(self, src: str, dst: str) -> FileSystem:
        real_src = self._real_target(src)
        if real_src not in self._nodes:
            raise FsError(NOT_FOUND, src)
        real_dst = self._real_target(dst)
        changes: dict[str, Node | None] = {}
        for p in reversed(list(self.walk(real_src))):
            changes[p] = None
        for p in self.walk(real_src):
            changes[real_dst + p[len(real_src) :]] = self._nodes[p]
        return self._with(changes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileSystem) and dict(self._nodes) == dict(other._nodes)

    def __hash__(self) -> int:
        return hash(frozenset(self._nodes.items()))
