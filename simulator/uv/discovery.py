"""Finding interpreters and environments as uv does (uv's ``uv-python`` discovery).

* ``uv venv`` takes the first interpreter on ``PATH`` (``python``, then
  ``python3`` in each folder; ``python3.X`` first for ``--python 3.X``).
* ``uv pip`` takes ``VIRTUAL_ENV``, else a ``.venv`` in the current folder or
  a parent; a command that changes an environment refuses to go on without
  one unless ``--system``; the read-only ones fall back to the system python.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..model.fs import Binary, FsError, normalize
from ..model.world import World

MANAGED = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")
NO_VENV = (
    "error: No virtual environment found{what}; run `uv venv` to create an environment, "
    "or pass `--system` to install into a non-virtual environment"
)


class UvError(Exception):
    """uv stopped with ``message`` (its whole output) and ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class NotSimulated(Exception):
    """A uv behaviour venvsim does not simulate (yet): one line, exit 2."""


@dataclass(frozen=True)
class Interpreter:
    path: str  # as found, symlinks kept
    version: str  # e.g. 3.11.7

    @property
    def minor(self) -> str:
        return ".".join(self.version.split(".")[:2])


@dataclass(frozen=True)
class Environment:
    root: str  # /usr for the system, the venv's folder otherwise
    python: Interpreter
    virtual: bool

    @property
    def site(self) -> str:
        return f"{self.root}/lib/python{self.python.minor}/site-packages"


def version_of(world: World, path: str) -> str | None:
    try:
        node = world.fs.node(world.fs.resolve(path))
    except FsError:
        return None
    return node.version if isinstance(node, Binary) else None


def display(world: World, path: str) -> str:
    """A path as uv shows it: relative to the current folder when under it."""
    cwd = world.shell.cwd
    if path.startswith(cwd.rstrip("/") + "/"):
        return path[len(cwd.rstrip("/")) + 1 :]
    return path


def _version_request(request: str) -> str | None:
    m = re.fullmatch(r"(?:python|cpython)?@?(3\.\d+)", request)
    return m.group(1) if m else None


def find_interpreter(world: World, request: str | None,
                     names: tuple[str, ...] = ("python", "python3")) -> Interpreter:
    """What ``--python request`` (or no request: the first of ``names``) picks, from ``PATH``."""
    fs = world.fs
    if request is not None and "/" in request:
        path = normalize(request, world.shell.cwd)
        if fs.is_dir(path):
            raise NotSimulated("uv --python with a folder")
        version = version_of(world, path)
        if version is None:
            raise NotSimulated(f"uv --python {request}: not a python")
        return Interpreter(path, version)
    minor = None
    if request is not None:
        minor = _version_request(request)
        if minor is None:
            raise NotSimulated(f"uv --python {request}")
    if minor is not None:
        names = (f"python{minor}", "python3", "python")
    for folder in world.shell.env.get("PATH", "").split(":"):
        folder = normalize(folder or ".", world.shell.cwd)
        for name in names:
            path = posixpath.join(folder, name)
            version = version_of(world, path)
            if version is None:
                continue
            if _venv_root(world, path) is not None:
                continue  # uv venv looks for a base interpreter, not a venv's
            if minor is None or version.startswith(minor + "."):
                return Interpreter(path, version)
    if minor in MANAGED:
        raise UvError(
            f"error: No interpreter found for Python {minor} in managed installations or search path\n"
            f"\nhint: A managed Python download is available for Python {minor}, but Python "
            "downloads are set to 'never'\n"
        )
    raise NotSimulated(f"uv finding no python for {request or 'the default request'}")


def pinned(world: World, start: str) -> str | None:
    """The version the nearest ``.python-version`` (``start`` or a parent) asks for, or None."""
    folder = start
    while True:
        try:
            text = world.fs.read(posixpath.join(folder, ".python-version"))
        except (FsError, KeyError):
            text = None
        if text is not None:
            lines = text.split()
            if len(lines) != 1 or _version_request(lines[0]) is None:
                raise NotSimulated("that .python-version")
            return lines[0]
        if folder == "/":
            return None
        folder = posixpath.dirname(folder)


def _venv_root(world: World, python: str) -> str | None:
    root = posixpath.dirname(posixpath.dirname(python))
    return root if world.fs.is_file(f"{root}/pyvenv.cfg") else None


def venv_at(world: World, root: str) -> Environment | None:
    version = version_of(world, f"{root}/bin/python")
    if version is None or not world.fs.is_file(f"{root}/pyvenv.cfg"):
        return None
    return Environment(root, Interpreter(f"{root}/bin/python", version), True)


def find_environment(world: World, *, system: bool, python: str | None, changes: bool) -> Environment:
    """The environment a ``uv pip`` command works on."""
    # Without a venv, uv pip's commands that only read take the first python on PATH, whatever
    # a .python-version asks for (seen in real uv: tests/cases/uv_pip_pinned.toml).
    if python is None and system and pinned(world, world.shell.cwd) is not None:
        raise NotSimulated("uv pip --system under a .python-version")
    if python is not None and not system:
        path = normalize(python, world.shell.cwd)
        if "/" in python or world.fs.is_dir(path):
            env = venv_at(world, path)
            if env is None:
                raise NotSimulated(f"uv pip --python {python}")
            return env
        minor = _version_request(python)
        if minor is None:
            raise NotSimulated(f"uv pip --python {python}")
        env = active_environment(world)
        if env is not None and env.python.minor == minor:
            return env
        if changes:
            raise UvError(NO_VENV.format(what=f" for Python {minor}") + "\n")
        if env is not None:
            raise NotSimulated("uv pip --python X.Y beside a venv of another version")
        return _system(world, python)  # reading, no venv: that python itself (seen in real uv)
    if system:
        return _system(world, python)
    env = active_environment(world)
    if env is not None:
        return env
    if changes:
        raise UvError(NO_VENV.format(what="") + "\n")
    return _system(world, None)


def _system(world: World, python: str | None) -> Environment:
    """The environment of the python ``--python`` (or no request) finds, itself, not a venv."""
    found = find_interpreter(world, python)
    return Environment(posixpath.dirname(posixpath.dirname(world.fs.resolve(found.path))),
                       found, False)


def active_environment(world: World) -> Environment | None:
    """``VIRTUAL_ENV``, else ``.venv`` in the current folder or a parent."""
    active = world.shell.env.get("VIRTUAL_ENV")
    if active:
        env = venv_at(world, normalize(active, world.shell.cwd))
        if env is None:
            raise NotSimulated("a VIRTUAL_ENV that is no venv")
        return env
    folder = world.shell.cwd
    while True:
        candidate = posixpath.join(folder, ".venv")
        if world.fs.is_dir(candidate):
            env = venv_at(world, candidate)
            if env is None:
                raise NotSimulated("a .venv folder that is no venv")
            return env
        if folder == "/":
            return None
        folder = posixpath.dirname(folder)


def report(world: World, env: Environment) -> str:
    """``Using Python X environment at: P``, unless P is ``./.venv``."""
    if env.root == normalize(".venv", world.shell.cwd):
        return ""
    return f"Using Python {env.python.version} environment at: {display(world, env.root)}\n"
