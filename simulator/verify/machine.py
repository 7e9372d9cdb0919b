"""Build the simulated machine for real under a root folder ``T``.

``T`` becomes ``/`` of a sandbox (``sandbox``): ``T/usr`` holds private copies of
real CPython interpreters (pip 26.3 put in by their own ``ensurepip``, run inside
the sandbox), ``T/home/<user>`` the projects and ``T/srv/pypi/simple`` the index.
The host tools of ``T/bin`` and the shared libraries they and CPython load are
read-only binds of the host's files (``host_binds``). Nothing outside ``T`` is
written; host interpreters are only read.
"""

from __future__ import annotations

import atexit
import functools
import glob
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.specifiers import SpecifierSet

from simulator.model.appcode import app_source
from simulator.model.layout import (
    COREUTILS,
    DEFAULT_PATH,
    HOST,
    INDEX_DIR,
    INDEX_URL,
    PIP_VERSION,
    SYSTEM_PREFIX,
    externally_managed_text,
    full_version,
    python_exe,
    site_packages,
)
from simulator.model.tools import UV_TOML, UV_VERSION, tool_path
from simulator.verify import sandbox, wheels
from simulator.verify.sandbox import Bind, Limits, Sandbox
from simulator.verify.scenario import Scenario

HOST_PATH = "/usr/bin:/bin"
# The tools in the simulated machine's /bin, and no others (layout.COREUTILS).
TOOLS = COREUTILS
# Top-level folders of the simulated machine: a project under any other one is refused.
ROOTS = ("bin", "home", "root", "srv", "tmp", "usr")
# The compiled locales (C.UTF-8: the tools' quotes and messages depend on it), and the
# terminal database (``clear`` and ``tput`` look TERM up there), lent read-only.
LOCALES = ("/usr/lib/locale", "/lib/terminfo", "/usr/share/terminfo", "/etc/terminfo")
# Folders of the machine a host library folder must not cover.
OWN = ("/", "/bin", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/home",
       "/root", "/srv", "/tmp")
PYENV_ROOTS = ("/root/.pyenv",)
PIP_SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from pip._internal.cli.main import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""


@dataclass
class Machine:
    """The real folder a scenario runs in, and what it holds."""

    root: Path
    user: str
    home: str
    pythons: list[str] = field(default_factory=list)  # copied, in scenario order
    lacks: list[str] = field(default_factory=list)  # asked for, not found on this host
    notes: list[str] = field(default_factory=list)

    prefixes: dict[str, Path] = field(default_factory=dict)  # minor -> host prefix copied
    tools: tuple[str, ...] = ()  # the scenario's [world] tools, put in ~/.local/bin

    def real(self, simulated: str) -> Path:
        """The host path of a simulated absolute path."""
        return Path(str(self.root) + simulated)

    def env(self) -> dict[str, str]:
        """The whole environment of the shell (nothing inherited from the host)."""
        return {
            "HOME": self.home,
            "USER": self.user,
            "LOGNAME": self.user,
            "PATH": tool_paths(self.tools, self.home),
            "LANG": "C.UTF-8",
            "PIP_CONFIG_FILE": "/dev/null",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_CACHE_DIR": "1",
            "PIP_ROOT_USER_ACTION": "ignore",
            # pip orders installs by walking sets (with a dependency cycle the order would
            # change from run to run); a fixed seed keeps real replays repeatable.
            "PYTHONHASHSEED": "0",
            "PIP_INDEX_URL": INDEX_URL,
            "PS1": "\\u@\\h:\\w\\$ ",
        }

    def sandbox(self, limits: Limits | None = None) -> Sandbox:
        """The sandbox this machine runs in."""
        return Sandbox(self.root, self.user, self.home, host_binds(self), HOST,
                       limits or Limits())


# ---------------------------------------------------------------- finding CPython


def _is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def _version_key(prefix: str) -> tuple[int, ...]:
    return tuple(int(p) for p in Path(prefix).name.split("."))


def _usable(prefix: Path, minor: str) -> bool:
    return (
        _is_elf(prefix / "bin" / f"python{minor}")
        and (prefix / "lib" / f"python{minor}" / "os.py").is_file()
    )


def find_python(minor: str) -> Path | None:
    """The real prefix of a CPython ``minor`` on this host (never a shim), or None."""
    if f"{sys.version_info[0]}.{sys.version_info[1]}" == minor:
        base = Path(sys.base_prefix)
        if _usable(base, minor):
            return base
    roots = [os.environ.get("PYENV_ROOT", ""), *PYENV_ROOTS]
    for root in dict.fromkeys(r for r in roots if r):
        found = [
            p
            for p in glob.glob(f"{glob.escape(root)}/versions/{minor}.*")
            if re.fullmatch(re.escape(minor) + r"\.\d+", Path(p).name)
        ]
        found.sort(key=lambda p: (Path(p).name == full_version(minor), _version_key(p)))
        for p in reversed(found):
            if _usable(Path(p), minor):
                return Path(p)
    exe = shutil.which(f"python{minor}")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-c", "import sys;print(sys.base_prefix)"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    prefix = Path(out.stdout.strip() or "/nonexistent")
    return prefix if out.returncode == 0 and _usable(prefix, minor) else None


# ---------------------------------------------------------------- copying CPython


def _stdlib_ignore(stdlib: Path) -> Callable[[str, list[str]], set[str]]:
    """``shutil.copytree`` ignore function for a stdlib copy."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        skip = {n for n in names if n == "__pycache__"}
        if here == stdlib:
            skip |= {"site-packages", "test", "idlelib", "EXTERNALLY-MANAGED"} & set(names)
        elif here == stdlib / "tkinter":
            skip |= {"test"} & set(names)
        elif here.parent == stdlib and here.name.startswith("config-"):
            skip |= {n for n in names if n.endswith((".a", ".o"))}
        elif here == stdlib / "ensurepip" / "_bundled":
            skip |= {n for n in names if n.startswith("pip-")}
        return skip

    return ignore


def _patch_runpath(binary: Path, old_lib: Path) -> bool:
    """Point the copied binary's RUNPATH at ``$ORIGIN/../lib`` (same-size, in place).

    pyenv builds link with ``-rpath <prefix>/lib``; without this the copy would
    load the host's ``libpython``.
    """
    data = binary.read_bytes()
    old = b"\0" + str(old_lib).encode() + b"\0"
    new = b"\0$ORIGIN/../lib\0"
    if data.count(old) != 1 or len(new) > len(old):
        return False
    new = new + b"\0" * (len(old) - len(new))
    binary.write_bytes(data.replace(old, new))
    return True


def copy_python(prefix: Path, minor: str, machine: Machine) -> None:
    """Copy one CPython into ``T/usr``: binary, libpython if needed, trimmed stdlib."""
    usr = machine.real("/usr")
    exe = usr / "bin" / f"python{minor}"
    src_exe = Path(os.path.realpath(prefix / "bin" / f"python{minor}"))
    shutil.copy2(src_exe, exe)
    lib = f"libpython{minor}.so.1.0"
    if lib.encode() in src_exe.read_bytes() and (prefix / "lib" / lib).is_file():
        shutil.copy2(prefix / "lib" / lib, usr / "lib" / lib)
        (usr / "lib" / f"libpython{minor}.so").symlink_to(lib)
        if not _patch_runpath(exe, prefix / "lib"):
            machine.notes.append(f"python{minor}: could not point RUNPATH at the copied {lib}")
    stdlib = prefix / "lib" / f"python{minor}"
    dest = usr / "lib" / f"python{minor}"
    ignore = _stdlib_ignore(stdlib)
    shutil.copytree(stdlib, dest, symlinks=True, ignore=ignore)
    (dest / "site-packages").mkdir()


def use_pip_wheel(stdlib: Path, pip_whl: Path) -> None:
    """Make this stdlib's ``ensurepip`` install ``pip_whl`` (pip 26.3).

    3.11 and 3.12 build the bundled wheel's name from ``_PIP_VERSION``; 3.13
    opens ``_bundled/pip-{_PIP_VERSION}-py3-none-any.whl``: both read the same
    constant, so it is rewritten and the wheel put in ``_bundled``.
    """
    init = stdlib / "ensurepip" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    text, n = re.subn(
        r'^_PIP_VERSION = "[^"]*"$', f'_PIP_VERSION = "{PIP_VERSION}"', text, count=1, flags=re.M
    )
    if n != 1:
        raise RuntimeError(f"{init}: no _PIP_VERSION line to point ensurepip at pip {PIP_VERSION}")
    init.write_text(text, encoding="utf-8")
    bundled = stdlib / "ensurepip" / "_bundled"
    bundled.mkdir(exist_ok=True)
    shutil.copy2(pip_whl, bundled / pip_whl.name)


def _run(cmd: list[str], machine: Machine, what: str) -> str:
    """Run a set-up command inside the machine's sandbox; its output, or RuntimeError."""
    try:
        code, out = sandbox.run(machine.sandbox(), cmd, machine.env(), timeout=300)
    except TimeoutError:
        raise RuntimeError(f"{what} did not finish within 300 s") from None
    text = out.decode("utf-8", errors="replace")
    if code != 0:
        raise RuntimeError(f"{what} failed (exit {code}):\n{text}")
    return text


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


# ---------------------------------------------------------------- what the host lends


def _ldd(files: tuple[str, ...]) -> list[str]:
    """The libraries (and ELF interpreters) ``files`` load, as ``ldd`` names them."""
    ldd = shutil.which("ldd", path=HOST_PATH)
    if ldd is None or not files:
        return []
    out = subprocess.run([ldd, *files], capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL).stdout
    found: list[str] = []
    for line in out.splitlines():
        m = re.match(r"\s+(?:\S+ => )?(/\S+) \(0x", line)
        if m:
            found.append(m.group(1))
    return found


@functools.cache
def _library_binds(files: tuple[str, ...], skip: tuple[str, ...]) -> tuple[Bind, ...]:
    """Read-only binds of the shared libraries ``files`` need: their folders where
    those do not cover one of the machine's own, else the files one by one."""
    binds: dict[str, Bind] = {}
    for lib in _ldd(files):
        if any(lib.startswith(p + "/") for p in skip):
            continue
        real = os.path.realpath(lib)
        folder = os.path.dirname(real)
        if "ld-linux" in os.path.basename(lib) or os.path.basename(lib).startswith("ld-"):
            binds[lib] = Bind(Path(real), lib)  # the ELF interpreter, at the path binaries name
        elif folder in OWN or any(o.startswith(folder + "/") for o in OWN):
            binds[real] = Bind(Path(real), real)
        else:
            binds[folder] = Bind(Path(folder), folder)
    return tuple(binds[k] for k in sorted(binds))


def host_tools() -> dict[str, str]:
    """The host's file for each tool of the machine's /bin."""
    tools = {}
    for tool in TOOLS:
        found = shutil.which(tool, path=HOST_PATH)
        if found:
            tools[tool] = os.path.realpath(found)
    return tools


def host_binds(machine: Machine) -> tuple[Bind, ...]:
    """What the host lends the sandbox, read-only: its tools at /bin and their libraries."""
    tools = host_tools()
    files = list(tools.values())
    files += [str(machine.real(f"{machine.home}/.local/bin/{n}")) for n in TOOL_BINARIES
              if machine.tools]
    skip = []
    for minor, prefix in machine.prefixes.items():
        files.append(str(machine.real(python_exe(minor))))
        files += sorted(str(p) for p in prefix.glob(f"lib/python{minor}/lib-dynload/*.so"))
        skip.append(str(prefix))
    lends = [Bind(Path(path), f"/bin/{tool}") for tool, path in sorted(tools.items())]
    locales = [Bind(Path(p), p) for p in LOCALES if os.path.isdir(p)]
    return (*lends, *locales, *_library_binds(tuple(files), tuple(skip)))


# ---------------------------------------------------------------- pip in the copies

# What ``ensurepip`` put in each copy's site-packages, kept for this process's next
# machines: pip is installed from the same wheel every time, so the files are the same.
_ENSUREPIP: dict[tuple[str, str], Path] = {}
_TEMP = tempfile.gettempdir()  # where they are kept: the temporary folder at start


@functools.cache
def _kept_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="venvsim-verify-pip-", dir=_TEMP))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _keep(site: Path, name: str) -> Path:
    kept = _kept_folder() / name
    shutil.copytree(site, kept, symlinks=True)
    return kept


@functools.cache
def _pip_wheel() -> Path:
    """The pip wheel, rebuilt once a process."""
    return wheels.pip_wheel(_kept_folder())


def ensurepip(machine: Machine, minor: str) -> None:
    """Check the copy of CPython ``minor`` answers as ``/usr``'s, and put pip in it."""
    exe = python_exe(minor)
    probe = _run(
        [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.prefix)"],
        machine,
        f"python{minor} copy",
    ).split()
    if probe != [minor, SYSTEM_PREFIX]:
        raise RuntimeError(f"the copy of python{minor} answers {probe}")
    _run([exe, "-m", "ensurepip"], machine, f"python{minor} -m ensurepip")


# ---------------------------------------------------------------- uv in ~/.local/bin

TOOL_BINARIES = ("uv", "uvx")


def tool_paths(tools: tuple[str, ...], home: str) -> str:
    """``PATH`` of the machine's shell: the tools' folder first, as the simulator's."""
    path = DEFAULT_PATH
    for tool in tools:
        path = tool_path(tool, home, path)
    return path


def uv_binaries() -> dict[str, Path]:
    """The uv and uvx of the uv wheel installed beside the verifier (the ``verify`` extra)."""
    try:
        from uv import find_uv_bin
        uv = Path(find_uv_bin())
    except (ImportError, FileNotFoundError):
        raise RuntimeError(f"the verifier needs uv {UV_VERSION} in the running environment; "
                           "install the project's 'verify' extra") from None
    found = importlib.metadata.version("uv")
    if found != UV_VERSION:
        raise RuntimeError(f"the verifier needs uv {UV_VERSION} and finds uv {found}")
    return {name: uv.with_name(name) for name in TOOL_BINARIES}


def install_tools(machine: Machine) -> None:
    """uv as its standalone installer leaves it: ``~/.local/bin/uv`` and ``uvx``, and
    ``~/.config/uv/uv.toml`` (the machine's offline index, no Python downloads)."""
    if "uv" not in machine.tools:
        return
    for name, binary in uv_binaries().items():
        dest = machine.real(f"{machine.home}/.local/bin/{name}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(binary, dest)
        dest.chmod(0o755)
    _write(machine.real(f"{machine.home}/.config/uv/uv.toml"), UV_TOML)


# ---------------------------------------------------------------- the machine


def safe_path(machine: Machine, simulated: str, what: str) -> Path:
    """The host path of ``simulated`` if it stays inside the machine, else ValueError."""
    parts = [p for p in simulated.split("/") if p not in ("", ".")]
    if not simulated.startswith("/") or ".." in parts or not parts or parts[0] not in ROOTS:
        raise ValueError(f"{what}: {simulated} is not a path on the machine")
    path = machine.real("/" + "/".join(parts))
    here = machine.root
    for part in parts[:-1]:
        here = here / part
        if here.is_symlink() or (here.exists() and not here.is_dir()):
            raise ValueError(f"{what}: {'/' + str(here.relative_to(machine.root))} "
                             "is a file on the machine, not a folder")
    if path.is_symlink() or path.is_dir():
        raise ValueError(f"{what}: {simulated} is a folder or a link on the machine, not a file")
    return path


def build(scen: Scenario, root: Path, work: Path) -> Machine:
    """Build the machine of ``scen`` under ``root``; ``work`` is scratch space."""
    for proj in scen.projects:
        parts = proj.path.split("/")
        if len(parts) < 2 or parts[1] not in ROOTS or ".." in parts:
            raise ValueError(f"projects.{proj.name}.path: {proj.path} is not on the machine")
    machine = Machine(root=root, user=scen.user, home=scen.home, tools=scen.tools)
    for d in ("/usr/bin", "/usr/lib", "/usr/local/bin", "/bin", "/srv", scen.home):
        machine.real(d).mkdir(parents=True, exist_ok=True)
    tmp = machine.real("/tmp")
    tmp.mkdir()
    tmp.chmod(0o1777)
    for tool in host_tools():
        (machine.real("/bin") / tool).touch()  # where the host's tool is bound, read-only
    install_tools(machine)

    pip_whl = _pip_wheel()
    pip_python = SpecifierSet(importlib.metadata.metadata("pip")["Requires-Python"] or "")
    usr_bin = machine.real("/usr/bin")
    for minor in scen.pythons:
        prefix = find_python(minor)
        if prefix is None or not pip_python.contains(full_version(minor)):
            machine.lacks.append(minor)
            if prefix is not None:
                machine.notes.append(
                    f"pip {PIP_VERSION} needs Python {pip_python}: {minor} left out"
                )
            continue
        copy_python(prefix, minor, machine)
        use_pip_wheel(machine.real(f"/usr/lib/python{minor}"), pip_whl)
        machine.prefixes[minor] = prefix
    sandbox.give(root)
    for minor, prefix in machine.prefixes.items():
        site = machine.real(site_packages(SYSTEM_PREFIX, minor))
        done = _ENSUREPIP.get((minor, str(prefix)))
        if done is None:
            ensurepip(machine, minor)
            done = _ENSUREPIP[(minor, str(prefix))] = _keep(site, f"{minor}-site-packages")
        else:
            shutil.rmtree(site)
            shutil.copytree(done, site, symlinks=True)
            sandbox.give(site)
        machine.pythons.append(minor)

    for minor in machine.pythons:
        _write(usr_bin / f"pip{minor}", PIP_SCRIPT.format(python=python_exe(minor)), 0o755)
    if machine.pythons:
        first = machine.pythons[0]
        for link in ("python3", "python"):
            (usr_bin / link).unlink(missing_ok=True)
            (usr_bin / link).symlink_to(f"python{first}")
        script = PIP_SCRIPT.format(python=python_exe(first))
        for name in ("pip", "pip3"):
            (usr_bin / name).unlink(missing_ok=True)
            _write(usr_bin / name, script, 0o755)

    wheels.build_index(scen.index, machine.real(INDEX_DIR))

    versions = scen.index_versions()
    for proj in scen.projects:
        what = f"projects.{proj.name}"
        try:
            _write(safe_path(machine, proj.path + "/app.py", what + ".path"),
                   app_source(proj.name, proj.needs, versions))
            for name, content in proj.files.items():
                _write(safe_path(machine, f"{proj.path}/{name}", f"{what}.files"), content)
        except OSError as e:
            raise ValueError(f"{what}: cannot be written on the machine: {e.strerror}") from None

    if scen.externally_managed:
        for minor in machine.pythons:
            _write(
                machine.real(f"/usr/lib/python{minor}/EXTERNALLY-MANAGED"),
                externally_managed_text(minor),
            )
    sandbox.give(root)
    return machine
