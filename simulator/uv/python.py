"""``uv python list`` and ``uv python pin`` (uv's ``commands/python``), downloads off.

``list`` shows every interpreter on ``PATH``, newest first, a symlink with its
target; ``pin`` writes ``.python-version`` in the current folder.
"""

from __future__ import annotations

import posixpath
import re

from packaging.specifiers import SpecifierSet

from ..model.fs import File, FsError, Symlink, normalize
from .discovery import MANAGED, NotSimulated, UvError, find_interpreter, version_of
from .pip import Run

NAMES = re.compile(r"^python(3(\.\d+)?)?$")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def python_list(run: Run) -> int:
    world = run.world
    if world.shell.env.get("VIRTUAL_ENV"):
        raise NotSimulated("uv python list in an activated venv")
    found: dict[str, str] = {}
    for folder in world.shell.env.get("PATH", "").split(":"):
        folder = normalize(folder or ".", world.shell.cwd)
        if not world.fs.is_dir(folder):
            continue
        for name in world.fs.listdir(folder):
            path = posixpath.join(folder, name)
            version = version_of(world, path) if NAMES.match(name) else None
            if version is not None and path not in found:
                if world.fs.is_file(f"{posixpath.dirname(folder)}/pyvenv.cfg"):
                    raise NotSimulated("uv python list with a venv on PATH")
                found[path] = version
    rows = sorted(found.items(), key=lambda kv: (_key(kv[1]), kv[0]), reverse=True)
    keys = [f"cpython-{v}-linux-x86_64-gnu" for _, v in rows]
    width = max((len(k) for k in keys), default=0)
    lines = []
    for key, (path, _) in zip(keys, rows, strict=True):
        node = world.fs.node(path)
        shown = f"{path} -> {node.target}" if isinstance(node, Symlink) else path
        lines.append(f"{key.ljust(width)}    {shown}\n")
    run.out("".join(lines))
    return 0


def pin(run: Run, argv: list[str]) -> int:
    if len(argv) != 1 or not re.fullmatch(r"3\.\d+", argv[0]):
        raise NotSimulated(f"uv python pin {' '.join(argv)}")
    request = argv[0]
    world = run.world
    cwd = world.shell.cwd
    allowed = None
    if world.fs.exists(f"{cwd}/pyproject.toml"):
        from .project import read_project

        allowed = read_project(world, cwd).requires_python_text
    path = f"{cwd}/.python-version"
    try:
        old: str | None = world.fs.read(path).strip()
    except (FsError, KeyError):
        old = None
    if old is None:
        parent = cwd
        while parent != "/":
            parent = posixpath.dirname(parent)
            if world.fs.exists(f"{parent}/.python-version") or world.fs.exists(f"{parent}/pyproject.toml"):
                raise NotSimulated("uv python pin below another .python-version or project")
    try:
        find_interpreter(world, request)
    except Exception:  # noqa: BLE001 - any failure to find one is only a warning here
        if request not in MANAGED:
            raise NotSimulated(f"uv python pin {request}") from None
        run.err(f"warning: No interpreter found for Python {request} in managed installations "
                "or search path\n")
    if allowed is not None and not SpecifierSet(allowed).contains(request + ".0"):
        if not re.fullmatch(r">=3\.\d+", allowed):
            raise NotSimulated("uv python pin against that requires-python")
        raise UvError(f"error: The requested Python version `{request}` is incompatible with the "
                      f"project `requires-python` value of `{allowed}`.\n")
    run.world = world.with_fs(world.fs.put(path, File(request + "\n")))
    if old is None or old == request:
        run.out(f"Pinned `.python-version` to `{request}`\n")
    else:
        run.out(f"Updated `.python-version` from `{old}` -> `{request}`\n")
    return 0
