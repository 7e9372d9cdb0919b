"""``venvsim web build OUT/``: the static site that runs venvsim in the browser on Pyodide.

The site holds index.html, its script and style, Pyodide's core runtime and xterm.js (from the
npm packages pinned in the repository's ``web/package.json``), and wheels: venvsim's own, zipped
from the installed package, and its pure-Python dependencies', zipped from their installed
files (no download). The page unpacks the wheels into Pyodide's site-packages itself: no micropip,
no CDN, no request outside the site's own origin.

Where the npm packages come from: ``$VENVSIM_WEB_NODE_MODULES`` if set, else the checkout's
``web/node_modules`` (``npm ci`` in ``web/``), else ``npm pack`` of the pinned versions into
``~/.cache/venvsim/npm`` (needs npm and the npm registry once).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import simulator

PYODIDE = ("pyodide", "314.0.7")
XTERM = ("@xterm/xterm", "6.0.0")
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
           "pyodide-lock.json")
XTERM_FILES = ("lib/xterm.mjs", "css/xterm.css")
DEPENDENCIES = ("packaging", "resolvelib", "rich", "markdown-it-py", "mdurl", "pygments", "networkx")
STATIC = Path(__file__).resolve().parent / "static"
PACKAGE = Path(simulator.__file__).resolve().parent
CHECKOUT_MODULES = PACKAGE.parent / "web" / "node_modules"
EPOCH = (1980, 1, 1, 0, 0, 0)


class BuildError(Exception):
    """The site cannot be built (one line: what is missing and how to get it)."""


def build(out: str | Path) -> Path:
    """Write the site into ``out`` (made if missing; files of an older build replaced)."""
    site = Path(out)
    site.mkdir(parents=True, exist_ok=True)
    pyodide, xterm = npm_package(*PYODIDE), npm_package(*XTERM)
    (site / "pyodide").mkdir(exist_ok=True)
    for name in RUNTIME:
        shutil.copyfile(pyodide / name, site / "pyodide" / name)
    (site / "xterm").mkdir(exist_ok=True)
    for name in XTERM_FILES:
        shutil.copyfile(xterm / name, site / "xterm" / Path(name).name)
    for page in sorted(STATIC.iterdir()):
        if page.is_file():
            shutil.copyfile(page, site / page.name)
    wheels = site / "wheels"
    if wheels.exists():
        shutil.rmtree(wheels)
    wheels.mkdir()
    names = [own_wheel(wheels)] + [installed_wheel(name, wheels) for name in DEPENDENCIES]
    (wheels / "index.json").write_text(json.dumps(names) + "\n", encoding="utf-8")
    return site


def npm_package(name: str, version: str) -> Path:
    """The folder of npm package ``name`` at ``version``: see the module's docstring."""
    for root in filter(None, (os.environ.get("VENVSIM_WEB_NODE_MODULES"), str(CHECKOUT_MODULES))):
        folder = Path(root) / name
        if pinned(folder, version):
            return folder
    cache = Path.home() / ".cache" / "venvsim" / "npm" / f"{name.replace('/', '+')}-{version}"
    folder = cache / "package"
    if pinned(folder, version):
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(f"needs the npm package {name}@{version}: run `npm ci` in the checkout's "
                         "web/ folder, or install npm so venvsim can fetch it")
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", f"{name}@{version}", "--pack-destination", tmp,
                               "--silent"], capture_output=True, text=True, check=False)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if done.returncode or not tarballs:
            raise BuildError(f"npm pack {name}@{version} failed: "
                             f"{(done.stderr.strip().splitlines() or ['no tarball'])[-1]}")
        if cache.exists():
            shutil.rmtree(cache)
        cache.mkdir(parents=True)
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(cache, filter="data")
    return folder


def pinned(folder: Path, version: str) -> bool:
    try:
        return bool(json.loads((folder / "package.json").read_text())["version"] == version)
    except (OSError, ValueError, KeyError):
        return False


def own_wheel(into: Path) -> str:
    """venvsim's wheel, zipped from the installed package (its lessons included)."""
    version = metadata.version("venvsim")
    files = {f"simulator/{p.relative_to(PACKAGE).as_posix()}": p for p in walk(PACKAGE)}
    meta = f"Metadata-Version: 2.1\nName: venvsim\nVersion: {version}\n"
    return write_wheel(into, "venvsim", version, files, meta)


def installed_wheel(name: str, into: Path) -> str:
    """A pure-Python dependency's wheel, zipped from its installed files."""
    dist = metadata.distribution(name)
    files: dict[str, Path] = {}
    for entry in dist.files or ():
        arc = entry.as_posix()
        if arc.startswith("..") or "__pycache__" in arc or ".dist-info/" in arc or "/tests/" in arc:
            continue
        files[arc] = Path(str(entry.locate()))
    meta = dist.read_text("METADATA") or f"Metadata-Version: 2.1\nName: {name}\n"
    return write_wheel(into, dist.metadata["Name"], dist.version, files, meta)


def walk(folder: Path) -> list[Path]:
    """The files under ``folder``, symbolic links followed, caches left out, sorted."""
    found = []
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [Path(root) / n for n in sorted(names) if not n.endswith((".pyc", ".pyo"))]
    return found


def write_wheel(into: Path, name: str, version: str, files: dict[str, Path], meta: str) -> str:
    """A wheel of ``files`` (archive name → file) with reproducible bytes; its file name."""
    norm = name.replace("-", "_").lower()
    info = f"{norm}-{version}.dist-info"
    entries = {arc: path.read_bytes() for arc, path in sorted(files.items())}
    entries[f"{info}/METADATA"] = meta.encode()
    entries[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: venvsim\nRoot-Is-Purelib: true\n"
                                b"Tag: py3-none-any\n")
    record = [f"{arc},sha256={digest(data)},{len(data)}" for arc, data in entries.items()]
    entries[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    wheel = f"{norm}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(into / wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in entries.items():
            z.writestr(zipfile.ZipInfo(arc, EPOCH), data, zipfile.ZIP_DEFLATED)
    return wheel


def digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def size(site: Path) -> int:
    """The site's size in bytes."""
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
