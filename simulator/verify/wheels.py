"""Tiny real wheels, a PEP 503 simple index, and a pip wheel built offline.

Every archive is byte-for-byte deterministic: sorted members, fixed timestamps.

>>> wheel_filename("Lib-Color", "1.0")
'lib_color-1.0-py3-none-any.whl'
>>> [x for x in metadata(Release("appa", "1.0", ("libcolor<2",), ">=3.8")).splitlines()
...  if x.startswith("Requires")]
['Requires-Python: >=3.8', 'Requires-Dist: libcolor<2']
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from simulator.model.dist import metadata_text
from simulator.model.index import Release
from simulator.model.layout import PIP_VERSION
from simulator.model.wheelfile import WHEEL_FILE, release_members, zip_members


def wheel_filename(name: str, version: str) -> str:
    """The file name of a pure-Python wheel (normalized name and version)."""
    return Release(name, version).filename


def metadata(rel: Release) -> str:
    """Core metadata (version 2.1) of a fake package: the simulator's own text."""
    return metadata_text(rel)


def write_wheel(dest: Path, files: Iterable[tuple[str, bytes]], info_dir: str) -> Path:
    """Zip ``files`` (archive path, bytes) plus a fresh ``RECORD`` into ``dest``: the
    simulator's own bytes (``model.wheelfile``), so a uv.lock's sha256 agree."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(zip_members(files, info_dir))
    return dest


def build_wheel(rel: Release, folder: Path) -> Path:
    """Build the wheel of one fake release into ``folder``; return its path."""
    files, info = release_members(rel)
    return write_wheel(folder / rel.filename, files, info)


def _page(title: str, links: Sequence[str]) -> str:
    body = "".join(f"    {link}<br/>\n" for link in links)
    return (
        "<!DOCTYPE html>\n<html>\n  <head>\n"
        '    <meta name="pypi:repository-version" content="1.0">\n'
        f"    <title>{html.escape(title)}</title>\n  </head>\n  <body>\n"
        f"    <h1>{html.escape(title)}</h1>\n{body}  </body>\n</html>\n"
    )


def build_index(index: Mapping[str, Sequence[Release]], root: Path) -> None:
    """Write a PEP 503 simple index of ``index`` (normalized name -> releases) at ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    names = sorted(index)
    links = [f'<a href="{n}/">{html.escape(n)}</a>' for n in names]
    (root / "index.html").write_text(_page("Simple index", links), encoding="utf-8")
    for name in names:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        project_links = []
        for rel in sorted(index[name], key=lambda r: r.version):
            wheel = build_wheel(rel, folder)
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            attr = ""
            if rel.requires_python:
                attr = f' data-requires-python="{html.escape(rel.requires_python)}"'
            project_links.append(f'<a href="{wheel.name}#sha256={digest}"{attr}>{wheel.name}</a>')
        page = _page(f"Links for {name}", project_links)
        (folder / "index.html").write_text(page, encoding="utf-8")


def pip_wheel(folder: Path, version: str = PIP_VERSION) -> Path:
    """Rebuild the wheel of the pip installed in the running environment.

    pip is pure Python: its package and dist-info are zipped as they are
    installed (byte code and install-time files left out, RECORD regenerated).
    """
    try:
        dist = importlib.metadata.distribution("pip")
    except importlib.metadata.PackageNotFoundError:
        dist = None
    if dist is None or dist.version != version:
        found = "no pip" if dist is None else f"pip {dist.version}"
        raise RuntimeError(
            f"the verifier needs pip {version} in the running environment and finds {found}; "
            "install the project's 'verify' extra"
        )
    info = f"pip-{version}.dist-info"
    skip = {f"{info}/{n}" for n in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")}
    files = []
    for entry in dist.files or ():
        rel = entry.as_posix()
        top = entry.parts[0]
        if top not in ("pip", info) or rel in skip:
            continue
        if "__pycache__" in entry.parts or rel.endswith(".pyc"):
            continue
        files.append((rel, Path(str(entry.locate())).read_bytes()))
    if not any(n == f"{info}/WHEEL" for n, _ in files):
        files.append((f"{info}/WHEEL", WHEEL_FILE.encode()))
    return write_wheel(folder / f"pip-{version}-py3-none-any.whl", files, info)
