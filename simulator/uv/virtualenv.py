"""The venv ``uv venv`` writes (uv's ``uv-virtualenv`` crate), as files.

A uv venv has no pip: ``bin/`` holds virtualenv's activate scripts (as uv
embeds them), ``python`` as a symlink to the interpreter uv found and
``python3``/``python3.X`` linking to it; ``pyvenv.cfg`` carries a ``uv =`` line.

>>> from simulator.model.fs import FileSystem
>>> fs = venv_files(FileSystem.empty(), "/home/ana/.venv", "/usr/bin/python", "3.11.7", "ana")
>>> print(fs.read("/home/ana/.venv/pyvenv.cfg"), end="")
home = /usr/bin
implementation = CPython
uv = 0.13.8
version_info = 3.11.7
include-system-site-packages = false
prompt = ana
>>> fs.node("/home/ana/.venv/bin/python3.11"), fs.node("/home/ana/.venv/bin/python")
(Symlink(target='python'), Symlink(target='/usr/bin/python'))
"""

from __future__ import annotations

import posixpath
from importlib import resources

from ..model.fs import Dir, File, FileSystem, Node, Symlink
from .settings import UV_VERSION

SCRIPTS = (
    "activate",
    "activate.bat",
    "activate.csh",
    "activate.fish",
    "activate.nu",
    "activate.ps1",
    "activate.xsh",
    "activate_this.py",
    "deactivate.bat",
    "pydoc.bat",
)
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55"


def script_text(name: str, venv: str, prompt: str) -> str:
    """One of ``bin/``'s scripts, from the templates uv embeds."""
    stored = name + ".txt" if name.endswith(".py") else name  # kept away from linters and pytest
    text = (resources.files("simulator") / "data" / "uv" / stored).read_text(encoding="utf-8")
    return text.replace("__VENV_DIR__", venv).replace("__VENV_PROMPT__", prompt)


def is_venv(fs: FileSystem, path: str) -> bool:
    return fs.is_file(posixpath.join(path, "pyvenv.cfg"))


def missing_dirs(fs: FileSystem, path: str) -> dict[str, Node]:
    """The folders ``mkdir -p path`` would make."""
    out: dict[str, Node] = {}
    parts = path.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        folder = "/" + "/".join(parts[:i])
        if fs.node(folder) is None:
            out[folder] = Dir()
    return out


def venv_files(fs: FileSystem, venv: str, python: str, version: str, prompt: str | None) -> FileSystem:
    """``fs`` with a new uv venv at ``venv`` (absolute) using the interpreter ``python``."""
    minor = ".".join(version.split(".")[:2])
    cfg = (
        f"home = {posixpath.dirname(python)}\nimplementation = CPython\nuv = {UV_VERSION}\n"
        f"version_info = {version}\ninclude-system-site-packages = false\n"
    )
    if prompt is not None:
        cfg += f"prompt = {prompt}\n"
    nodes = missing_dirs(fs, venv)
    nodes.update({
        f"{venv}/.gitignore": File("*"),
        f"{venv}/CACHEDIR.TAG": File(CACHEDIR_TAG),
        f"{venv}/pyvenv.cfg": File(cfg),
        f"{venv}/bin": Dir(),
        f"{venv}/lib": Dir(),
        f"{venv}/lib/python{minor}": Dir(),
        f"{venv}/lib/python{minor}/site-packages": Dir(),
        f"{venv}/lib64": Symlink("lib"),
        f"{venv}/bin/python": Symlink(python),
        f"{venv}/bin/python3": Symlink("python"),
        f"{venv}/bin/python{minor}": Symlink("python"),
    })
    for name in SCRIPTS:
        nodes[f"{venv}/bin/{name}"] = File(script_text(name, venv, prompt or ""))
    return fs.put_many(nodes)
