"""``uv init`` (uv's ``commands/project/init``): the files of a new project, no git.

uv 0.13.8 makes a packaged application by default (``src/NAME/__init__.py``,
``[project.scripts]``, the ``uv_build`` backend); ``--lib`` a library,
``--no-package`` a ``main.py`` with no build system, ``--bare`` only
``pyproject.toml``. ``requires-python`` and ``.python-version`` name the
minor version of the interpreter uv finds.

>>> print(pyproject("shop", "3.11", "package"), end="")
[project]
name = "shop"
version = "0.1.0"
description = "Add your description here"
readme = "README.md"
requires-python = ">=3.11"
dependencies = []
<BLANKLINE>
[project.scripts]
shop = "shop:main"
<BLANKLINE>
[build-system]
requires = ["uv_build>=0.13.8,<0.14.0"]
build-backend = "uv_build"
"""

from __future__ import annotations

import posixpath
import re

from ..model.fs import File, normalize
from .discovery import NotSimulated, UvError, find_interpreter, pinned
from .pip import Run
from .virtualenv import missing_dirs

BUILD = '[build-system]\nrequires = ["uv_build>=0.13.8,<0.14.0"]\nbuild-backend = "uv_build"\n'
NAME = re.compile(r"^[a-z0-9]([a-z0-9_]*[a-z0-9])?$")


def pyproject(name: str, minor: str, kind: str) -> str:
    """The ``pyproject.toml`` of a new project of ``kind`` (package, lib, virtual, bare)."""
    if kind == "bare":
        return (f'[project]\nname = "{name}"\nversion = "0.1.0"\nrequires-python = ">={minor}"\n'
                "dependencies = []\n")
    text = (
        f'[project]\nname = "{name}"\nversion = "0.1.0"\ndescription = "Add your description here"\n'
        f'readme = "README.md"\nrequires-python = ">={minor}"\ndependencies = []\n'
    )
    if kind == "package":
        text += f'\n[project.scripts]\n{name} = "{name}:main"\n'
    if kind in ("package", "lib"):
        text += "\n" + BUILD
    return text


def project_files(name: str, minor: str, kind: str) -> dict[str, str]:
    """Relative path -> text of every file ``uv init`` writes."""
    files = {"pyproject.toml": pyproject(name, minor, kind)}
    if kind == "bare":
        return files
    files[".python-version"] = f"{minor}\n"
    files["README.md"] = ""
    if kind == "virtual":
        files["main.py"] = (f'def main():\n    print("Hello from {name}!")\n\n\n'
                            'if __name__ == "__main__":\n    main()\n')
    elif kind == "package":
        files[f"src/{name}/__init__.py"] = f'def main() -> None:\n    print("Hello from {name}!")\n'
    else:
        files[f"src/{name}/__init__.py"] = f'def hello() -> str:\n    return "Hello from {name}!"\n'
        files[f"src/{name}/py.typed"] = ""
    return files


KINDS = {"--app": "package", "--package": "package", "--lib": "lib", "--no-package": "virtual",
         "--bare": "bare"}


def init(run: Run, argv: list[str]) -> int:
    """``uv init [PATH] [--name N] [--app|--lib|--package|--no-package|--bare]``."""
    path: str | None = None
    name: str | None = None
    flags: set[str] = set()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--name" and i + 1 < len(argv):
            name, i = argv[i + 1], i + 2
            continue
        if arg in KINDS:
            flags.add(arg)
        elif arg.startswith("-") or path is not None:
            raise NotSimulated(f"uv init {arg}")
        else:
            path = arg
        i += 1
    kinds = {KINDS[f] for f in flags}
    if len(kinds) > 1 or ("--app" in flags and "--lib" in flags):
        raise NotSimulated("uv init with those flags together")
    kind = kinds.pop() if kinds else "package"
    if kind == "lib" and "--no-package" in flags:
        raise NotSimulated("uv init --lib --no-package")
    world = run.world
    folder = normalize(path or ".", world.shell.cwd)
    name = name or posixpath.basename(folder)
    if not NAME.match(name):
        raise NotSimulated(f"uv init with the project name {name!r}")
    fs = world.fs
    if fs.exists(f"{folder}/pyproject.toml"):
        raise UvError(f"error: Cannot initialize a project in `{folder}` because `pyproject.toml` "
                      "already exists\n")
    parent = posixpath.dirname(folder)
    while True:
        if fs.exists(f"{parent}/pyproject.toml"):
            raise NotSimulated("uv init inside another project (a workspace)")
        if parent == "/":
            break
        parent = posixpath.dirname(parent)
    if fs.exists(folder) and not fs.is_dir(folder):
        raise NotSimulated("uv init over a file")
    minor = find_interpreter(world, pinned(world, folder)).minor
    nodes = missing_dirs(fs, folder)
    for rel, text in project_files(name, minor, kind).items():
        full = f"{folder}/{rel}"
        nodes.update(missing_dirs(fs.put_many(nodes), posixpath.dirname(full)))
        nodes[full] = File(text)
    run.world = world.with_fs(fs.put_many(nodes))
    where = "" if path is None else f" at `{folder}`"
    run.err(f"Initialized project `{name}`{where}\n")
    return 0
