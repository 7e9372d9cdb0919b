"""Build the simulated machine for real under a root folder ``T``.

``T/usr`` holds private copies of real CPython interpreters (with pip 26.3 put
in through their own ``ensurepip``), ``T/bin`` the host tools a scenario may
call, ``T/home/<user>`` the projects and ``T/srv/pypi/simple`` the index.
Nothing outside ``T`` is written; host interpreters are only read.
"""

from __future__ import annotations

import glob
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.specifiers import SpecifierSet

from simulator.model.appcode import app_source
from simulator.model.layout import (
    COREUTILS,
    INDEX_DIR,
    PIP_VERSION,
    externally_managed_text,
    full_version,
)
from simulator.verify import wheels
from simulator.verify.scenario import Scenario

HOST_PATH = "/usr/bin:/bin"
# The tools in the simulated machine's /bin, and no others (layout.COREUTILS).
TOOLS = COREUTILS
# Top-level folders of the simulated machine: a path under any other one is refused.
ROOTS = ("bin", "home", "root", "srv", "tmp", "usr")
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

    def real(self, simulated: str) -> Path:
        """The real path of a simulated absolute path."""
        return Path(str(self.root) + simulated)

    @property
    def path(self) -> str:
        return ":".join(str(self.real(p)) for p in ("/usr/local/bin", "/usr/bin", "/bin"))

    def env(self) -> dict[str, str]:
        """The whole environment of the shell (nothing inherited from the host)."""
        return {
            "HOME": str(self.real(self.home)),
            "USER": self.user,
            "LOGNAME": self.user,
            "PATH": self.path,
            "LANG": "C.UTF-8",
            "PIP_CONFIG_FILE": "/dev/null",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_CACHE_DIR": "1",
            "PIP_ROOT_USER_ACTION": "ignore",
            # pip orders installs by walking sets (with a dependency cycle the order would
            # change from run to run); a fixed seed keeps real replays repeatable.
            "PYTHONHASHSEED": "0",
            "PIP_INDEX_URL": "file://" + str(self.real(INDEX_DIR)),
            "PS1": "\\u@\\h:\\w\\$ ",
        }


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
    out = subprocess.run(
        cmd,
        env=machine.env(),
        cwd=machine.root,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {out.returncode}):\n{out.stdout}")
    return out.stdout


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


# ---------------------------------------------------------------- the machine


def build(scen: Scenario, root: Path, work: Path) -> Machine:
    """Build the machine of ``scen`` under ``root``; ``work`` is scratch space."""
    for proj in scen.projects:
        if proj.path.split("/")[1] not in ROOTS:
            raise ValueError(f"projects.{proj.name}.path: {proj.path} is not on the machine")
    machine = Machine(root=root, user=scen.user, home=scen.home)
    for d in ("/usr/bin", "/usr/lib", "/usr/local/bin", "/bin", "/srv", scen.home):
        machine.real(d).mkdir(parents=True, exist_ok=True)
    tmp = machine.real("/tmp")
    tmp.mkdir()
    tmp.chmod(0o1777)

    for tool in TOOLS:
        found = shutil.which(tool, path=HOST_PATH)
        if found:
            (machine.real("/bin") / tool).symlink_to(found)

    pip_whl = wheels.pip_wheel(work)
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
        stdlib = machine.real(f"/usr/lib/python{minor}")
        use_pip_wheel(stdlib, pip_whl)
        exe = str(usr_bin / f"python{minor}")
        probe = _run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.prefix)"],
            machine,
            f"python{minor} copy",
        ).split()
        if probe != [minor, str(machine.real("/usr"))]:
            raise RuntimeError(f"the copy of python{minor} answers {probe}")
        _run([exe, "-m", "ensurepip"], machine, f"python{minor} -m ensurepip")
        machine.pythons.append(minor)

    for minor in machine.pythons:
        _write(usr_bin / f"pip{minor}", PIP_SCRIPT.format(python=usr_bin / f"python{minor}"), 0o755)
    if machine.pythons:
        first = machine.pythons[0]
        for link in ("python3", "python"):
            (usr_bin / link).unlink(missing_ok=True)
            (usr_bin / link).symlink_to(f"python{first}")
        script = PIP_SCRIPT.format(python=usr_bin / f"python{first}")
        for name in ("pip", "pip3"):
            (usr_bin / name).unlink(missing_ok=True)
            _write(usr_bin / name, script, 0o755)

    wheels.build_index(scen.index, machine.real(INDEX_DIR))

    versions = scen.index_versions()
    for proj in scen.projects:
        folder = machine.real(proj.path)
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder / "app.py", app_source(proj.name, proj.needs, versions))
        for name, content in proj.files.items():
            _write(folder / name, content)

    if scen.externally_managed:
        for minor in machine.pythons:
            _write(
                machine.real(f"/usr/lib/python{minor}/EXTERNALLY-MANAGED"),
                externally_managed_text(minor),
            )
    return machine
