"""What a CPython interpreter computes when it starts, as ``site`` and ``getpath`` do.

* A ``pyvenv.cfg`` beside the executable (or one folder up) makes it a venv;
  the executable path is taken as invoked, symlinks *not* resolved, which is why
  ``.venv/bin/python`` (a symlink to ``/usr/bin/python3.11``) is the venv's.
* ``sys.path`` site folders: a venv's own site-packages first, then the user
  site (when enabled and present), then the base one (outside a venv, or when
  ``include-system-site-packages = true``), as real CPython 3.11 lists them;
  each one's ``.pth`` files add their folders right after it (an editable
  install's source folder; uv's overlay, ``import site; site.addsitedir(...)``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from . import debian, layout
from .dist import Dist, info_name_version, listing_order, parse_metadata
from .fs import Binary, File, FileSystem, FsError


@dataclass(frozen=True)
class PythonView:
    """An interpreter as started from ``executable``."""

    executable: str
    version: str
    minor: str
    prefix: str
    base_prefix: str
    in_venv: bool
    system_site: bool
    user_site: str
    user_site_enabled: bool
    site_dirs: tuple[str, ...]
    debian: bool = False  # a Debian /usr python (model/debian.py)

    @property
    def purelib(self) -> str:
        """Where ``pip install`` puts packages by default."""
        if self.debian and not self.in_venv:
            return debian.local_site(self.minor)
        return layout.site_packages(self.prefix, self.minor)

    @property
    def base_site(self) -> str:
        return layout.site_packages(self.base_prefix, self.minor)

    @property
    def stdlib(self) -> str:
        return layout.stdlib_dir(self.base_prefix, self.minor)


def read_cfg(fs: FileSystem, path: str) -> dict[str, str]:
    """The ``key = value`` pairs of a ``pyvenv.cfg``."""
    cfg: dict[str, str] = {}
    try:
        text = fs.read(path)
    except (FsError, KeyError):
        return cfg
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            cfg[key.strip().lower()] = value.strip()
    return cfg


def find_venv_cfg(fs: FileSystem, executable: str) -> str | None:
    """The ``pyvenv.cfg`` CPython would find for ``executable``."""
    here = posixpath.dirname(executable)
    for folder in (here, posixpath.dirname(here)):
        cfg = posixpath.join(folder, "pyvenv.cfg")
        if fs.is_file(cfg):
            return cfg
    return None


def start(
    fs: FileSystem, executable: str, home: str, *, no_user_site: bool = False
) -> PythonView | None:
    """The interpreter at ``executable`` (an absolute path), or None if it is no python."""
    try:
        real = fs.resolve(executable)
    except FsError:
        return None
    binary = fs.node(real)
    if not isinstance(binary, Binary):
        return None
    version = binary.version
    minor = ".".join(version.split(".")[:2])
    base_prefix = posixpath.dirname(posixpath.dirname(real))
    cfg_path = find_venv_cfg(fs, executable)
    user_site = layout.site_packages(layout.user_base(home), minor)
    if cfg_path is None:
        prefix, in_venv, system_site, user_enabled = base_prefix, False, True, True
    else:
        cfg = read_cfg(fs, cfg_path)
        prefix, in_venv = posixpath.dirname(cfg_path), True
        system_site = cfg.get("include-system-site-packages", "false").lower() == "true"
        user_enabled = system_site
    if no_user_site:
        user_enabled = False
    # Real CPython: a venv's own site-packages first, then the user site, then
    # the base site-packages (when the venv includes it).
    dirs: list[str] = []
    if in_venv:
        own = layout.site_packages(prefix, minor)
        if fs.is_dir(own):
            dirs.append(own)
    if user_enabled and fs.is_dir(user_site):
        dirs.append(user_site)
    on_debian = base_prefix == layout.SYSTEM_PREFIX and debian.is_debian(fs)
    if not in_venv or system_site:
        bases = debian.site_dirs(minor) if on_debian else (layout.site_packages(base_prefix, minor),)
        dirs += [base for base in bases if fs.is_dir(base) and base not in dirs]
    dirs = with_pth(fs, dirs)
    return PythonView(
        executable=executable,
        version=version,
        minor=minor,
        prefix=prefix,
        base_prefix=base_prefix,
        in_venv=in_venv,
        system_site=system_site,
        user_site=user_site,
        user_site_enabled=user_enabled,
        site_dirs=tuple(dirs),
        debian=on_debian,
    )


ADD_SITE_DIR = re.compile(r'site\.addsitedir\(__import__\("os"\)\.fsdecode\(b"([^"\\]*)"\)\)')


def with_pth(fs: FileSystem, dirs: list[str]) -> list[str]:
    """``dirs`` with what their ``.pth`` files add, as ``site.addsitedir`` does: a line naming
    a folder that exists adds it; an ``import`` line runs (here: only uv's ``addsitedir``).

    >>> from .fs import FileSystem, Dir, File
    >>> fs = FileSystem.empty().put_many({"/s": Dir(), "/src": Dir(), "/s/p.pth": File("/src")})
    >>> with_pth(fs, ["/s"])
    ['/s', '/src']
    """
    out: list[str] = []
    done: set[str] = set()

    def add(site: str) -> None:
        if site in done:
            return
        done.add(site)
        if site not in out:
            out.append(site)
        for line in fs.memo(site, ("pth_lines", site), lambda: _pth_lines(fs, site)):
            if line.startswith(("import ", "import\t")):
                for found in ADD_SITE_DIR.findall(line):
                    if fs.is_dir(found):
                        add(found)
            else:
                path = posixpath.normpath(posixpath.join(site, line))
                if path not in out and fs.is_dir(path):
                    out.append(path)

    for site in dirs:
        add(site)
    return out


def _pth_lines(fs: FileSystem, site: str) -> tuple[str, ...]:
    lines: list[str] = []
    for name in sorted(fs.listdir(site)):
        if name.endswith(".pth") and fs.is_file(f"{site}/{name}"):
            lines += [line.rstrip() for line in fs.read(f"{site}/{name}").splitlines()
                      if line.strip() and not line.startswith("#")]
    return tuple(lines)


def dists_in(fs: FileSystem, site: str) -> list[Dist]:
    """The distributions installed in one site-packages folder, by folder name."""
    if not fs.is_dir(site):
        return []
    return list(fs.memo(site, ("dists_in", site), lambda: _read_dists(fs, site)))


def _read_dists(fs: FileSystem, site: str) -> tuple[Dist, ...]:
    folder = fs.folder(site)
    found = []
    for entry in folder.listdir("/"):
        if entry.endswith((".dist-info", ".egg-info")):  # Debian's certifi is an egg-info
            meta = folder.node(f"/{entry}/METADATA" if entry.endswith(".dist-info")
                               else f"/{entry}/PKG-INFO")
            if isinstance(meta, File):
                found.append(parse_metadata(meta.text, site, entry))
    return tuple(listing_order(found))


def pip_dists_in(fs: FileSystem, site: str) -> list[Dist]:
    """What pip finds in a site-packages: ``dists_in`` plus every dist-info folder left
    without METADATA (an uninstall leaves one when a second install's REQUESTED was not
    in its RECORD), which pip still takes for its folder's name and version."""
    if not fs.is_dir(site):
        return []
    return list(fs.memo(site, ("pip_dists_in", site), lambda: _read_pip_dists(fs, site)))


def _read_pip_dists(fs: FileSystem, site: str) -> tuple[Dist, ...]:
    found = dists_in(fs, site)
    for entry in fs.listdir(site):
        path = f"{site}/{entry}"
        if entry.endswith(".dist-info") and fs.is_dir(path) and not fs.is_file(path + "/METADATA"):
            name, version = info_name_version(entry)
            try:
                Version(version)
            except InvalidVersion:  # a folder name pip cannot read is skipped
                continue
            found.append(Dist(name, version, (), "", site, "", entry, has_metadata=False))
    return tuple(listing_order(found))


def visible_dists(fs: FileSystem, view: PythonView) -> dict[str, Dist]:
    """Distributions on ``sys.path``: the first one of each name wins."""
    seen: dict[str, Dist] = {}
    for site in view.site_dirs:
        for d in pip_dists_in(fs, site):
            seen.setdefault(d.key, d)
    return seen
