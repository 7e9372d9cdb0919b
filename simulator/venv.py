"""``python -m venv``: the tree CPython's ``venv`` module writes.

The interpreter is a symlink to the base python, ``pyvenv.cfg`` names the base,
and every entry script starts with ``#!`` and the venv's *absolute* python path,
which is why a moved or copied venv breaks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from .model import debian, layout
from .model.fs import Dir, File, FileSystem, FsError, Node, Symlink
from .model.python import PythonView
from .model.scripts import entry_script, venv_scripts
from .model.world import tool_files
from .pip.options import OptionError, parse

OPTIONS = {
    "--system-site-packages": "flag",
    "--symlinks": "flag",
    "--copies": "flag",
    "--clear": "flag",
    "--upgrade": "flag",
    "--without-pip": "flag",
    "--prompt": "value",
    "--upgrade-deps": "flag",
    "--help": "flag",
    "-h": "--help",
}

GITIGNORE = "# Created by venv; see https://docs.python.org/3/library/venv.html\n*\n"
USAGE = (
    "usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear]\n"
    "            [--upgrade] [--without-pip] [--prompt PROMPT] [--upgrade-deps]\n"
    "            ENV_DIR [ENV_DIR ...]"
)

HELP = (
    USAGE
    + """

Creates virtual Python environments in one or more target directories.

positional arguments:
  ENV_DIR               A directory to create the environment in.

options:
  -h, --help            show this help message and exit
  --system-site-packages
                        Give the virtual environment access to the system
                        site-packages dir.
  --symlinks            Try to use symlinks rather than copies, when symlinks
                        are not the default for the platform.
  --copies              Try to use copies rather than symlinks, even when
                        symlinks are the default for the platform.
  --clear               Delete the contents of the environment directory if it
                        already exists, before environment creation.
  --upgrade             Upgrade the environment directory to use this version
                        of Python, assuming Python has been upgraded in-place.
  --without-pip         Skips installing or upgrading pip in the virtual
                        environment (pip is bootstrapped by default)
  --prompt PROMPT       Provides an alternative prompt prefix for this
                        environment.
  --upgrade-deps        Upgrade core dependencies: pip setuptools to the
                        latest version in PyPI

Once an environment has been created, you may wish to activate it, e.g. by
sourcing an activate script in its bin directory."""
)


@dataclass
class VenvResult:
    fs: FileSystem
    exit_code: int
    output: str
    created: list[str]


def _known(arg: str) -> bool:
    if arg in OPTIONS:
        return True
    name = arg.split("=", 1)[0]
    return name.startswith("--") and len([k for k in OPTIONS if k.startswith(name)]) == 1


def base_executable(fs: FileSystem, view: PythonView) -> str:
    """``sys._base_executable``: the base python a new venv links to."""
    if not view.in_venv:
        return view.executable
    # From inside a venv, CPython's base executable is the real file its
    # python links to (recorded: /usr/bin/python3.11).
    try:
        return fs.resolve(view.executable)
    except FsError:
        return layout.python_exe(view.minor)


def create(fs: FileSystem, view: PythonView, argv: list[str], cwd: str) -> VenvResult:
    """Run ``python -m venv`` with ``argv`` under the interpreter ``view``."""
    unknown = [a for a in argv if a.startswith("-") and not _known(a)]
    if unknown:
        return VenvResult(
            fs, 2, f"{USAGE}\nvenv: error: unrecognized arguments: {' '.join(unknown)}\n", []
        )
    try:
        opts, dirs = parse(argv, OPTIONS)
    except OptionError as e:
        message = str(e).replace(" option requires 1 argument", ": expected one argument")
        return VenvResult(fs, 2, f"{USAGE}\nvenv: error: argument {message}\n", [])
    if opts.get("--copies") and opts.get("--symlinks"):
        first, second = ("--copies", "--symlinks")
        if argv.index(
            next(a for a in argv if "--symlinks".startswith(a) and len(a) > 2)
        ) < argv.index(next(a for a in argv if "--copies".startswith(a) and len(a) > 2)):
            first, second = second, first
        return VenvResult(
            fs,
            2,
            f"{USAGE}\nvenv: error: argument {second}: not allowed with argument {first}\n",
            [],
        )
    if opts.get("--help"):
        return VenvResult(fs, 0, HELP + "\n", [])
    if not dirs:
        return VenvResult(
            fs, 2, f"{USAGE}\nvenv: error: the following arguments are required: ENV_DIR\n", []
        )
    prompt_opt = opts.get("--prompt")
    prompt = str(prompt_opt) if isinstance(prompt_opt, str) else None
    if prompt == ".":
        prompt = posixpath.basename(cwd)
    exe = base_executable(fs, view)
    created: list[str] = []
    no_ensurepip = view.debian and not fs.is_dir(f"{view.stdlib}/ensurepip")  # model/debian.py
    for d in dirs:
        env_dir = posixpath.normpath(posixpath.join(cwd, d))
        denied = _denied(fs, view, env_dir)
        if denied:
            return VenvResult(fs, 1, f"Error: [Errno 13] Permission denied: '{denied}'\n", created)
        try:
            fs = _create_one(fs, view, exe, env_dir, opts, prompt, argv_prompt=prompt_opt)
        except FsError:
            return VenvResult(fs, 1, f"Error: Unable to create directory '{env_dir}'\n", created)
        if no_ensurepip and not opts.get("--without-pip"):
            return _debian_half_made(fs, env_dir, view.minor, created)
        created.append(env_dir)
    output = ""
    if opts.get("--upgrade-deps") and not opts.get("--without-pip"):
        # venv runs pip install --upgrade on its core packages; the index has no page for
        # them, and pip's warnings reach the terminal (its other output is captured).
        for name in layout.bundled_packages(view.minor):
            output += (f"WARNING: Location '{layout.INDEX_URL}/{name}/' is ignored: it is "
                       "neither a file nor a directory.\n")
    return VenvResult(fs, 0, output, created)


def _denied(fs: FileSystem, view: PythonView, env_dir: str) -> str | None:
    """The folder an ordinary Debian user may not create on the way to ``env_dir``."""
    if not view.debian:
        return None
    path = env_dir
    while not fs.exists(posixpath.dirname(path)) and path != "/":
        path = posixpath.dirname(path)
    home = view.user_site.split("/.local/", 1)[0]  # whose python this is: root's or the user's
    user = "root" if home == "/root" else posixpath.basename(home)
    return None if debian.writable(user, path) else path


def _debian_half_made(fs: FileSystem, env_dir: str, minor: str, created: list[str]) -> VenvResult:
    """Debian's venv without python3-venv: its python links are made, then ensurepip is
    missing, so neither pip nor the activate scripts are written."""
    for name in fs.listdir(f"{env_dir}/bin"):
        if not name.startswith("python"):
            fs = fs.remove(f"{env_dir}/bin/{name}")
    site = layout.site_packages(env_dir, minor)
    for name in fs.listdir(site):
        fs = fs.remove(f"{site}/{name}", recursive=True)
    message = debian.NO_ENSUREPIP.format(minor=minor, python=f"{env_dir}/bin/python3")
    return VenvResult(fs, 1, message, created)


def _create_one(
    fs: FileSystem,
    view: PythonView,
    exe: str,
    env_dir: str,
    opts: Mapping[str, object],
    prompt: str | None,
    argv_prompt: object,
) -> FileSystem:
    if fs.lexists(env_dir) and not fs.is_dir(env_dir):
        raise FsError("File exists", env_dir)
    if opts.get("--clear") and fs.is_dir(env_dir):
        for entry in fs.listdir(env_dir):
            fs = fs.remove(posixpath.join(env_dir, entry), recursive=True)
    fs = fs.mkdir(env_dir, parents=True, exist_ok=True)
    minor = view.minor
    exename = posixpath.basename(exe)
    binpath = f"{env_dir}/bin"
    site = layout.site_packages(env_dir, minor)
    nodes: dict[str, Node] = {}
    for folder in (
        binpath,
        f"{env_dir}/include",
        f"{env_dir}/include/python{minor}",
        f"{env_dir}/lib",
        f"{env_dir}/lib/python{minor}",
        site,
    ):
        if not fs.lexists(folder):
            nodes[folder] = Dir()
    if not fs.lexists(f"{env_dir}/lib64"):
        nodes[f"{env_dir}/lib64"] = Symlink("lib")
    system_site = bool(opts.get("--system-site-packages"))
    try:
        # os.path.realpath(sys.executable), read after --clear may have removed it
        real = fs.resolve(view.executable)
    except FsError:
        real = view.executable
    cfg = [
        f"home = {posixpath.dirname(exe)}",
        f"include-system-site-packages = {'true' if system_site else 'false'}",
        f"version = {view.version}",
    ]
    if prompt is not None:
        cfg.append(f"prompt = {prompt!r}")
    cfg.append(f"executable = {real}")
    args = []
    if opts.get("--without-pip"):
        args.append("--without-pip")
    if system_site:
        args.append("--system-site-packages")
    if opts.get("--clear"):
        args.append("--clear")
    if opts.get("--upgrade"):
        args.append("--upgrade")
    if opts.get("--upgrade-deps"):
        args.append("--upgrade-deps")
    if isinstance(argv_prompt, str):
        args.append(f'--prompt="{argv_prompt}"')
    args.append(env_dir)
    cfg.append(f"command = {view.executable} -m venv {' '.join(args)}")
    nodes[f"{env_dir}/pyvenv.cfg"] = File("\n".join(cfg) + "\n")
    if tuple(int(p) for p in minor.split(".")) >= (3, 13):
        nodes[f"{env_dir}/.gitignore"] = File(GITIGNORE)
    env_exe = f"{binpath}/{exename}"
    if not fs.lexists(env_exe):
        nodes[env_exe] = Symlink(exe)
    for suffix in ("python", "python3", f"python{minor}"):
        path = f"{binpath}/{suffix}"
        if path not in nodes and not fs.lexists(path):
            nodes[path] = Symlink(exename)
    shown_prompt = prompt if prompt is not None else posixpath.basename(env_dir)
    for name, text in venv_scripts(env_dir, shown_prompt, minor, env_exe).items():
        nodes[f"{binpath}/{name}"] = File(text)
    # ensurepip --upgrade leaves an installed pip of the same version alone, so
    # running venv again keeps the old #! lines (it does not repair a moved venv).
    has_pip = fs.is_dir(f"{site}/pip")
    if not opts.get("--without-pip") and not has_pip:
        nodes.update(tool_files(site, minor, {"pip": debian.PIP_VERSION} if view.debian else None))
        for name in ("pip", "pip3", f"pip{minor}"):
            nodes[f"{binpath}/{name}"] = File(entry_script("pip", env_exe), True)
    return fs.put_many(nodes)
