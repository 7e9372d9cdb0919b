"""Where a scenario's projects may put files: within Linux's name limits, never over the machine.

A project adds its folder, its ``app.py`` and its ``files`` to the machine; it never replaces
what the machine already has (``/usr/bin/python3.11``, ``/bin/ls``) nor another project's file,
and a file is never also a folder. The simulator and the verifier build from the same rules.

>>> bad_name("src/app.py") is None, bad_name("a/./b") == bad_name("") == INSIDE
(True, True)
>>> bad_path("/home/ana/" + "n" * 300)
'a file name of 300 bytes (Linux allows 255)'
>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> clash(build(WorldSpec()).fs, [ProjectSpec("p", "/usr/bin/python3.11")], "/home/ana")
('p', None, '/usr/bin/python3.11 is a file of the machine')
>>> clash(build(WorldSpec()).fs, [ProjectSpec("p", "~/p", files={"a": "", "a/b": ""})], "/home/ana")
('p', 'a/b', '/home/ana/p/a is a file of project p')
"""

from __future__ import annotations

from collections.abc import Sequence

from .model.fs import Dir, FileSystem
from .model.world import ProjectSpec, expand_home

NAME_MAX = 255  # bytes in one file name (Linux)
PATH_MAX = 4096  # bytes in a path, its final NUL included (Linux)
INSIDE = 'must be a path inside the project, such as "src/app.py"'


def _size(text: str) -> int:
    return len(text.encode("utf-8", "replace"))


def bad_path(path: str, whole: bool = True) -> str | None:
    """Why ``path`` (absolute) cannot name a file on Linux, or None when it can.

    ``whole=False`` checks only its names, not its full length.
    """
    if "\0" in path:
        return "holds a NUL character, which no path can"
    for part in path.split("/"):
        if part in (".", ".."):
            return f"holds {part!r}; give the folder itself"
        if _size(part) > NAME_MAX:
            return f"a file name of {_size(part)} bytes (Linux allows {NAME_MAX})"
    if whole and _size(path) >= PATH_MAX:
        return f"a path of {_size(path)} bytes (Linux allows {PATH_MAX - 1})"
    return None


def bad_name(name: str) -> str | None:
    """Why ``name`` (a key of a project's ``files``) is not a file inside the project."""
    if name.startswith("/") or any(p in ("", ".", "..") for p in name.split("/")):
        return INSIDE
    return bad_path("/" + name, whole=False)


def folder_of(project: ProjectSpec, home: str) -> str:
    """A project's folder as an absolute path with no empty parts."""
    parts = [p for p in expand_home(project.path, home).split("/") if p]
    return "/" + "/".join(parts)


def clash(machine: FileSystem, projects: Sequence[ProjectSpec], home: str
          ) -> tuple[str, str | None, str] | None:
    """The first ``(project, file or None for its path, why)`` that cannot be placed."""
    placed: dict[str, str] = {}  # path -> "" for a folder, else whose file it is

    def taken(path: str) -> str | None:
        node = machine.node(path)
        if node is not None:
            return None if isinstance(node, Dir) else f"{path} is a file of the machine"
        owner = placed.get(path)
        return f"{path} is a file of {owner}" if owner else None

    def folders(path: str) -> str | None:
        parts = path.split("/")[1:]
        for n in range(1, len(parts) + 1):
            here = "/" + "/".join(parts[:n])
            why = taken(here)
            if why:
                return why
            placed.setdefault(here, "")
        return None

    for project in projects:
        folder = folder_of(project, home)
        why = folders(folder) if folder != "/" else None
        if why:
            return project.name, None, why
        own = f"project {project.name}"
        for name in ("app.py", *project.files):
            full = f"{folder.rstrip('/')}/{name}"
            why = folders(full.rsplit("/", 1)[0]) if "/" in name else None
            if not why and full in placed and placed[full] != own:
                why = f"{full} is a folder" if placed[full] == "" else f"{full} is a file of {placed[full]}"
            if not why and machine.node(full) is not None:
                why = f"{full} is already on the machine"
            why = why or bad_path(full)
            if why:
                return project.name, None if name == "app.py" else name, why
            placed[full] = own
    return None
