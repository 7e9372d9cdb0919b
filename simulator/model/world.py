"""The simulated machine: a filesystem, a package index and a shell's state.

Worlds are immutable; a command returns a new world. ``build`` makes the
machine that a scenario's ``[world]`` describes.

>>> w = build(WorldSpec(user="ana", pythons=("3.11",)))
>>> w.shell.cwd
'/home/ana'
>>> w.fs.is_file("/usr/bin/python3.11")
True
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from . import debian, layout
from .appcode import app_source, import_name
from .dist import WHEEL_TEXT, dist_info_name, metadata_text, tool_entry_points, tool_metadata
from .entrypoints import console_script, entry_points_text, module_files
from .fs import Binary, Dir, File, FileSystem, Node, Symlink
from .index import Index, Release
from .scripts import entry_script
from .tools import installed_files, tool_path

DEFAULT_PS1 = "\\u@\\h:\\w\\$ "


@dataclass(frozen=True)
class Shell:
    """What carries from one line to the next: folder, variables, functions."""

    cwd: str
    env: Mapping[str, str]
    functions: frozenset[str] = frozenset()
    bodies: Mapping[str, str] = field(default_factory=dict)  # the student's functions' source
    unexported: frozenset[str] = frozenset({"PS1"})  # shell variables ``env`` does not show
    hashed: Mapping[str, str] = field(default_factory=dict)  # bash's remembered command paths
    status: int = 0  # ``$?``: the exit status of the last line
    history: tuple[str, ...] = ()  # the lines typed, as bash's ``history`` numbers them

    def with_env(self, **changes: str | None) -> Shell:
        """Set (or unset, with None) variables; new ones are shell variables until exported."""
        env = dict(self.env)
        unexported = set(self.unexported)
        hashed = self.hashed
        if "PATH" in changes:
            hashed = MappingProxyType({})  # assigning PATH forgets the remembered paths
        for k, v in changes.items():
            if v is None:
                env.pop(k, None)
                unexported.discard(k)
            else:
                if k not in env:
                    unexported.add(k)
                env[k] = v
        return replace(self, env=MappingProxyType(env), unexported=frozenset(unexported),
                       hashed=hashed)

    def remember(self, name: str, path: str) -> Shell:
        return replace(self, hashed=MappingProxyType({**self.hashed, name: path}))

    def forget(self) -> Shell:
        """``hash -r``."""
        return replace(self, hashed=MappingProxyType({}))

    def export(self, *names: str) -> Shell:
        return replace(self, unexported=self.unexported - set(names))


@dataclass(frozen=True)
class ProjectSpec:
    """A project folder: ``app.py`` importing ``needs``, plus extra files."""

    name: str
    path: str
    needs: tuple[str, ...] = ()
    files: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WorldSpec:
    """What ``[world]``, ``[index]`` and ``[projects]`` of a scenario ask for."""

    user: str = "ana"
    pythons: tuple[str, ...] = ("3.11",)
    externally_managed: bool = False
    releases: tuple[Release, ...] = ()
    projects: tuple[ProjectSpec, ...] = ()
    tools: tuple[str, ...] = ()  # "uv" (see model/tools.py)
    os: str = ""  # "debian13" (see model/debian.py); "" is the generic machine


@dataclass(frozen=True)
class World:
    """One state of the simulated machine."""

    fs: FileSystem
    index: Index
    shell: Shell
    user: str
    pythons: tuple[str, ...]

    @property
    def home(self) -> str:
        return layout.home_of(self.user)

    def with_fs(self, fs: FileSystem) -> World:
        return replace(self, fs=fs)

    def with_shell(self, shell: Shell) -> World:
        return replace(self, shell=shell)


def tilde(path: str, home: str) -> str:
    """``/home/ana/tienda`` → ``~/tienda``, as bash's ``\\w`` shows a folder.

    >>> tilde("/home/ana/tienda", "/home/ana"), tilde("/home/ana", "/home/ana"), tilde("/srv", "/home/ana")
    ('~/tienda', '~', '/srv')
    """
    if path == home:
        return "~"
    if home != "/" and path.startswith(home + "/"):
        return "~" + path[len(home) :]
    return path


def expand_home(path: str, home: str) -> str:
    if path == "~":
        return home
    if path.startswith("~/"):
        return home + path[1:]
    return path


def _dist_files(site: str, name: str, version: str, meta: str) -> dict[str, Node]:
    info = f"{site}/{dist_info_name(name, version)}"  # normalized, as a wheel installs
    module = f"{site}/{import_name(name)}"
    return {
        info: Dir(),
        f"{info}/METADATA": File(meta),
        f"{info}/INSTALLER": File("pip\n"),
        module: Dir(),
        f"{module}/__init__.py": File(f'__version__ = "{version}"\n'),
    }


def tool_files(site: str, minor: str, bundled: Mapping[str, str] | None = None) -> dict[str, Node]:
    """pip (and setuptools before 3.12), as ensurepip installs them (``bundled``: other
    versions, as Debian's ensurepip gives pip 25.1.1)."""
    nodes: dict[str, Node] = {}
    for name, version in (bundled or layout.bundled_packages(minor)).items():
        nodes.update(_dist_files(site, name, version, tool_metadata(name, version)))
        entry_points = tool_entry_points(name)
        if entry_points is not None:
            nodes[f"{site}/{dist_info_name(name, version)}/entry_points.txt"] = File(entry_points)
        if name == "setuptools":
            nodes[f"{site}/_distutils_hack"] = Dir()
            nodes[f"{site}/_distutils_hack/__init__.py"] = File("")
            nodes[f"{site}/distutils-precedence.pth"] = File(
                "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, "
                "'local') == 'local'; enabled and __import__('_distutils_hack').add_shim(); \n"
            )
            nodes[f"{site}/pkg_resources"] = Dir()
            nodes[f"{site}/pkg_resources/__init__.py"] = File("")
    return nodes


def release_files(site: str, release: Release, requested: bool = False,
                  python: str = "", tool: str = "pip") -> dict[str, Node]:
    """The files pip's wheel install puts into ``site``: the wheel's, ``WHEEL``,
    ``REQUESTED`` when the user named it, each console script (its ``#!`` names
    ``python``) in the environment's ``bin``, and a ``RECORD`` listing them all (what an
    uninstall removes; paths only, hashes left out)."""
    nodes = _dist_files(site, release.name, release.version_text, metadata_text(release))
    info = f"{site}/{dist_info_name(release.name, release.version_text)}"
    for path, text in module_files(release):
        nodes[f"{site}/{path}"] = File(text)
    points = entry_points_text(release)
    if points is not None:
        nodes[f"{info}/entry_points.txt"] = File(points)
    if python:
        bindir = posixpath.dirname(posixpath.dirname(posixpath.dirname(site))) + "/bin"
        for name, target in release.scripts:
            nodes[f"{bindir}/{name}"] = File(console_script(target, python, tool), True)
    nodes[f"{info}/WHEEL"] = File(WHEEL_TEXT)
    if requested:
        nodes[f"{info}/REQUESTED"] = File("")
    nodes[f"{info}/RECORD"] = record(site, info, nodes)
    return nodes


def record(site: str, info: str, nodes: Mapping[str, Node]) -> File:
    """The ``RECORD`` of a dist-info folder listing ``nodes``' files and itself (paths only)."""
    files = {p for p, n in nodes.items() if isinstance(n, File)} | {f"{info}/RECORD"}
    return File("".join(f"{p},,\n" for p in sorted(posixpath.relpath(f, site) for f in files)))



def _dirs_for(path: str, fs: FileSystem, into: dict[str, Node]) -> None:
    parts = [p for p in path.split("/") if p]
    current = ""
    for p in parts:
        current += "/" + p
        if fs.node(current) is None and current not in into:
            into[current] = Dir()


def _project_files(project: ProjectSpec, home: str, versions: Mapping[str, list[str]],
                   fs: FileSystem, into: dict[str, Node]) -> None:
    """A project's folder, its ``app.py`` and its extra files."""
    folder = posixpath.normpath(expand_home(project.path, home))
    _dirs_for(folder, fs, into)
    into[f"{folder}/app.py"] = File(app_source(project.name, project.needs, versions))
    for rel, text in project.files.items():
        path = posixpath.normpath(posixpath.join(folder, rel))
        _dirs_for(posixpath.dirname(path), fs, into)
        into[path] = File(text)


def _parents_first(nodes: dict[str, Node]) -> dict[str, Node]:
    return dict(sorted(nodes.items(), key=lambda kv: kv[0].count("/")))


def with_projects(world: World, projects: Sequence[ProjectSpec]) -> World:
    """``world`` with these project folders added (a lesson's project entering the story later)."""
    nodes: dict[str, Node] = {}
    versions = world.index.versions()
    for project in projects:
        _project_files(project, world.home, versions, world.fs, nodes)
    return world.with_fs(world.fs.put_many(_parents_first(nodes)))


def build(spec: WorldSpec) -> World:
    """The machine a scenario starts from."""
    home = layout.home_of(spec.user)
    fs = FileSystem.empty()
    nodes: dict[str, Node] = {}
    for d in (
        "/tmp",
        "/usr",
        "/usr/bin",
        "/usr/lib",
        "/usr/local",
        "/usr/local/bin",
        "/home",
        home,
        layout.INDEX_DIR,
    ):
        _dirs_for(d, fs, nodes)
    # The shell's tools live in /bin, apart from python and pip in /usr/bin, as on the
    # verifier's machine (a Debian with /bin linked to /usr/bin lists python twice).
    nodes["/bin"] = Dir()
    for tool in layout.COREUTILS:
        nodes[f"/bin/{tool}"] = File(layout.TOOL_MARK + tool + "\n", True)
    for i, minor in enumerate(() if spec.os else spec.pythons):
        exe = layout.python_exe(minor)
        nodes[exe] = Binary(layout.full_version(minor))
        stdlib = layout.stdlib_dir(layout.SYSTEM_PREFIX, minor)
        site = layout.site_packages(layout.SYSTEM_PREFIX, minor)
        _dirs_for(site, fs, nodes)
        nodes.update(tool_files(site, minor))
        nodes[f"/usr/bin/pip{minor}"] = File(entry_script("pip", exe), True)
        if i == 0:
            nodes["/usr/bin/python3"] = Symlink(f"python{minor}")
            nodes["/usr/bin/python"] = Symlink(f"python{minor}")
            for name in ("pip", "pip3"):
                nodes[f"/usr/bin/{name}"] = File(entry_script("pip", exe), True)
        if spec.externally_managed:
            nodes[f"{stdlib}/EXTERNALLY-MANAGED"] = File(layout.externally_managed_text(minor))
    if spec.os:  # debian13: python3 from apt, sudo and apt (model/debian.py)
        nodes.update(debian.machine_files())
        nodes.update(debian.home_files(home))
    index = Index.from_releases(spec.releases)
    versions = index.versions()
    for project in spec.projects:
        _project_files(project, home, versions, fs, nodes)
    path = layout.DEFAULT_PATH
    for tool in spec.tools:
        nodes.update(installed_files(tool, home))
        path = tool_path(tool, home, path)
    fs = fs.put_many(_parents_first(nodes))
    env = {
        "HOME": home,
        "USER": spec.user,
        "LOGNAME": spec.user,
        "PATH": path,
        "PS1": DEFAULT_PS1,
        "PWD": home,
        "LANG": "C.UTF-8",
        "TERM": "dumb",  # bash's own value when no terminal gave one; not exported
    }
    shell = Shell(cwd=home, env=MappingProxyType(env), unexported=frozenset({"PS1", "TERM"}))
    return World(fs=fs, index=index, shell=shell, user=spec.user, pythons=tuple(spec.pythons))


def project_paths(world: World) -> list[str]:
    """Every ``app.py`` written by venvsim that is on disk now."""
    found = []
    for path in world.fs.paths():
        if path.endswith("/app.py"):
            node = world.fs.node(path)
            if isinstance(node, File) and node.text.startswith("# app.py of the project '"):
                found.append(path)
    return sorted(found)


def pythons_of(world: World) -> Sequence[str]:
    return world.pythons
