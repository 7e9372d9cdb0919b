"""What one pip process sees: its interpreter, the filesystem and its log."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model import layout
from ..model.appcode import import_name
from ..model.dist import Dist
from ..model.fs import FileSystem, FsError
from ..model.index import Release
from ..model.python import PythonView, dists_in, visible_dists
from ..model.world import World, release_files
from ..resolver import Log

SUCCESS, ERROR, UNKNOWN_ERROR, VIRTUALENV_NOT_FOUND = 0, 1, 2, 3
TOOLS = frozenset({"pip", "setuptools", "wheel", "distribute"})


@dataclass
class PipRun:
    """A pip process: it changes ``fs`` and writes to ``log``."""

    world: World
    view: PythonView
    fs: FileSystem
    log: Log = field(default_factory=Log)
    events: list[dict[str, Any]] = field(default_factory=list)
    # Standard input: given what pip wrote so far, the next line read, or None at its end.
    stdin: Callable[[str], str | None] = field(default=lambda shown: None)

    @property
    def cwd(self) -> str:
        return self.world.shell.cwd

    @property
    def home(self) -> str:
        return self.world.home

    def visible(self) -> dict[str, Dist]:
        return visible_dists(self.fs, self.view)

    def dists(self, site: str) -> list[Dist]:
        return dists_in(self.fs, site)

    def install_release(self, site: str, release: Release, requested: bool = False,
                        warn_scripts: bool = True) -> None:
        """Unpack a wheel over whatever is there (removing an old version is the
        uninstall's job: with ``--ignore-installed`` both dist-infos stay), its console
        scripts into the environment's ``bin``, warning when that is not on ``PATH``."""
        fs = self.fs
        if not fs.is_dir(site):
            fs = fs.mkdir(site, parents=True)
        bindir = prefix_of(site) + "/bin"
        if release.scripts and not fs.is_dir(bindir):
            fs = fs.mkdir(bindir, parents=True)
        launcher = "pip 25.1.1" if pip_version(self) == "25.1.1" else "pip"  # Debian's: distlib's
        fs = fs.put_many(release_files(site, release, requested, self.view.executable, launcher))
        self.fs = fs
        if release.scripts and warn_scripts:
            message = scripts_not_on_path(self, bindir, [n for n, _ in release.scripts])
            if message:
                self.log.warning(message)
        self.events.append(
            {
                "event": "installed",
                "prefix": prefix_of(site),
                "name": release.key,
                "version": release.version_text,
            }
        )

    def remove_dist(self, dist: Dist) -> None:
        self.fs = _remove_dist(self.fs, dist)
        self.events.append(
            {
                "event": "uninstalled",
                "prefix": prefix_of(dist.location),
                "name": dist.key,
                "version": dist.version_text,
            }
        )

    def externally_managed_error(self) -> bool:
        """PEP 668: log pip's error and say True when this install is blocked."""
        if self.view.in_venv:
            return False
        marker = self.view.stdlib + "/EXTERNALLY-MANAGED"
        if not self.fs.is_file(marker):
            return False
        diagnostic(
            self.log,
            "externally-managed-environment",
            "This environment is externally managed",
            _marker_error(self.fs.read(marker), self.view.prefix),
            note="If you believe this is a mistake, please contact your Python installation "
            "or OS distribution provider. You can override this, at the risk of breaking your "
            "Python installation or OS, by passing --break-system-packages.",
            hint="See PEP 668 for the detailed specification.",
        )
        return True


def no_record_error(log: Log, dist: Dist) -> None:
    """pip's ``UninstallMissingRecord`` for a dist-info without METADATA or RECORD."""
    diagnostic(
        log,
        "uninstall-no-record-file",
        f"Cannot uninstall {dist.name} None",
        f"The package's contents are unknown: no RECORD file was found for {dist.name}.",
        hint="You might be able to recover from this via: pip install "
        f"--ignore-installed --no-deps {dist.name}=={dist.version_text}",
    )


def diagnostic(
    log: Log,
    reference: str,
    message: str,
    context: str,
    *,
    note: str | None = None,
    hint: str | None = None,
    link: str | None = None,
) -> None:
    """A ``DiagnosticPipError`` as pip 26.3 renders it (pip/_internal/exceptions/_base.py)."""

    def block(text: str, prefix: str, indent: str) -> None:
        for i, line in enumerate(text.split("\n")):
            log.raw((indent if i else prefix) + line, 2)

    log.raw(f"error: {reference}", 2)
    log.raw("", 2)
    block(message, "× ", "│ ")
    block(context, "╰─> ", "    ")
    if note is not None or hint is not None:
        log.raw("", 2)
    if note is not None:
        block(note, "note: ", "      ")
    if hint is not None:
        block(hint, "hint: ", "      ")
    if link is not None:
        log.raw("", 2)
        log.raw(f"Link: {link}", 2)


def _marker_error(text: str, prefix: str) -> str:
    """The ``Error`` of an EXTERNALLY-MANAGED file, read as configparser does."""
    lines = text.splitlines()
    value: list[str] | None = None
    in_section = False
    for line in lines:
        if line.strip().startswith("[") and line.strip().endswith("]"):
            in_section = line.strip() == "[externally-managed]"
            if value is not None:
                break
            continue
        if not in_section:
            continue
        if value is not None:
            if line[:1] in (" ", "\t") or not line.strip():
                value.append(line.strip())
                continue
            break
        key, sep, rest = line.partition("=")
        if sep and key.strip() == "Error":
            value = [rest.strip()]
    if value is None:
        return (
            f"The Python environment under {prefix} is managed externally, and may not be\n"
            "manipulated by the user. Please use specific tooling from the distributor of\n"
            "the Python installation to interact with this environment instead.\n"
        )
    while value and not value[-1]:
        value.pop()
    return "\n".join(value)


def _remove_dist(fs: FileSystem, dist: Dist) -> FileSystem:
    record = f"{dist.dist_info}/RECORD"
    if fs.is_file(record):
        return _remove_recorded(fs, dist.location, fs.read(record))
    if fs.lexists(dist.dist_info):
        fs = fs.remove(dist.dist_info, recursive=True)
    if dist.key == "pip":
        bindir = prefix_of(dist.location) + "/bin"
        minor = dist.location.split("/lib/python", 1)[-1].split("/", 1)[0]
        for script in ("pip", "pip3", f"pip{minor}"):
            if fs.lexists(f"{bindir}/{script}"):
                fs = fs.remove(f"{bindir}/{script}")
    module = f"{dist.location}/{import_name(dist.name)}"
    if fs.lexists(module):
        fs = fs.remove(module, recursive=True)
    return fs


def scripts_not_on_path(run: PipRun, bindir: str, scripts: list[str]) -> str | None:
    """pip's ``message_about_scripts_not_on_PATH`` for scripts just written into ``bindir``."""
    def real(path: str) -> str:  # Path.resolve(): what exists resolved, the rest as written
        try:
            return run.fs.resolve(posixpath.normpath(posixpath.join(run.cwd, path)))
        except FsError:
            return posixpath.normpath(posixpath.join(run.cwd, path))

    parent = real(bindir)
    entries = run.world.shell.env.get("PATH", "").split(":")
    if parent == real(posixpath.dirname(run.view.executable)) or parent in entries:
        return None
    if parent in {real(e) for e in entries}:
        return None
    names = sorted(scripts)
    start = (f"script {names[0]} is" if len(names) == 1
             else f"scripts {', '.join(names[:-1])} and {names[-1]} are")
    lines = [f"The {start} installed in '{parent}' which is not on PATH.",
             "Consider adding this directory to PATH or, if you prefer to suppress this warning, "
             "use --no-warn-script-location."]
    if any(e.startswith("~") for e in entries):
        lines.append("NOTE: The current PATH contains path(s) starting with `~`, "
                     "which may not be expanded by all applications.")
    return "\n".join(lines)


def _remove_recorded(fs: FileSystem, site: str, record: str) -> FileSystem:
    """pip's uninstall: the files RECORD lists (console scripts in ``bin`` too), then the
    folders left empty (a ``~/.local/bin`` that held only them goes too)."""
    folders = set()
    for line in record.splitlines():
        path = posixpath.normpath(f"{site}/{line.split(',', 1)[0]}")
        if fs.lexists(path) and not fs.is_dir(path):
            fs = fs.remove(path)
        folders.add(posixpath.dirname(path))
    for folder in sorted(folders, reverse=True):
        if folder != site and fs.is_dir(folder) and not fs.listdir(folder):
            fs = fs.remove(folder, recursive=True)
    return fs


def prefix_of(site: str) -> str:
    """The environment prefix that owns a site-packages folder."""
    lib = posixpath.dirname(posixpath.dirname(site))
    return posixpath.dirname(lib)


def pip_location(run: PipRun) -> str | None:
    """Where ``import pip`` finds pip (first site folder holding it)."""
    for site in run.view.site_dirs:
        for d in run.dists(site):
            if d.key == "pip":
                return site
    return None


def traceback_head(site: str) -> str:
    """The first frames of every traceback pip 26.3 prints: its command wrapper."""
    pip = f"{site}/pip/_internal"
    return f"""Traceback (most recent call last):
  File "{pip}/cli/base_command.py", line 110, in _run_wrapper
    status = _inner_run()
             ^^^^^^^^^^^^
  File "{pip}/cli/base_command.py", line 103, in _inner_run
    return self.run(options, args)
           ^^^^^^^^^^^^^^^^^^^^^^^"""


def pip_version(run: PipRun) -> str:
    """The version of the pip that runs (Debian's is 25.1.1)."""
    site = pip_location(run) or run.view.purelib
    found = [d.version_text for d in run.dists(site) if d.key == "pip"]
    return found[0] if found else layout.PIP_VERSION


def version_line(run: PipRun) -> str:
    site = pip_location(run) or run.view.purelib
    return f"pip {pip_version(run)} from {site}/pip (python {run.view.minor})"
