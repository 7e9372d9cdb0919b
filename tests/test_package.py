"""The package as users get it: the sdist and the wheel built from it, installed into a fresh venv
offline (its dependencies rebuilt from this test environment, never fetched), then used from an
empty folder with nothing of the repository in sight."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from simulator.verify.wheels import write_wheel

pytestmark = [pytest.mark.real, pytest.mark.package]

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("*.toml"))
SKIP = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _closure(name: str, extras: frozenset[str]) -> set[str]:
    """``name`` and every distribution it needs with ``extras``, as installed here."""
    found: set[str] = set()
    todo = [(name, extras)]
    while todo:
        dist, wanted = todo.pop()
        key = canonicalize_name(dist)
        if key in found and not wanted:
            continue
        found.add(key)
        for text in importlib.metadata.requires(dist) or []:
            req = Requirement(text)
            holds = req.marker is None or any(
                req.marker.evaluate({**default_environment(), "extra": e}) for e in (wanted or {""}))
            if holds and canonicalize_name(req.name) != key:
                todo.append((req.name, frozenset(req.extras)))
    return found


def installed_wheel(name: str, folder: Path) -> Path:
    """The wheel of a distribution installed in this environment, zipped back from its files."""
    dist = importlib.metadata.distribution(name)
    info = next(f.parts[0] for f in dist.files or () if f.parts[0].endswith(".dist-info"))
    stem = info.removesuffix(".dist-info")
    made = {e.name for e in dist.entry_points if e.group in ("console_scripts", "gui_scripts")}
    files, scripts = [], []
    for entry in dist.files or ():
        if entry.parts[0] == ".." and entry.parent.name == "bin" and entry.name not in made:
            scripts.append(f"{stem}.data/scripts/{entry.name}")  # uv's binaries: shipped as they are
            files.append((scripts[-1], Path(str(entry.locate())).read_bytes()))
            continue
        if entry.parts[0] == ".." or "__pycache__" in entry.parts or entry.suffix == ".pyc":
            continue  # scripts are made again by pip from entry_points.txt
        if entry.parts[0] == info and entry.name in SKIP:
            continue
        files.append((entry.as_posix(), Path(str(entry.locate())).read_bytes()))
    wheel_text = dict(files)[f"{info}/WHEEL"].decode()
    tags = [line[5:].split("-") for line in wheel_text.splitlines() if line.startswith("Tag: ")]
    tag = "-".join(".".join(dict.fromkeys(t[i] for t in tags)) for i in range(3))  # PEP 425 compressed
    wheel = write_wheel(folder / f"{stem}-{tag}.whl", files, info)
    if scripts:  # pip gives an installed file the mode its zip entry has
        with zipfile.ZipFile(wheel) as zf:
            members = [(i, zf.read(i)) for i in zf.infolist()]
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
            for i, data in members:
                if i.filename in scripts:
                    i.external_attr = 0o755 << 16
                zf.writestr(i, data)
    return wheel


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``python -m build`` (the sdist, then the wheel from the sdist), with this environment's hatchling."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("venvsim-*.tar.gz")), next(out.glob("venvsim-*.whl"))


@pytest.fixture(scope="module")
def venv(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its 'verify' extra installed, offline."""
    work = tmp_path_factory.mktemp("installed")
    wheels = work / "wheels"
    for name in sorted(_closure("venvsim", frozenset({"verify"})) - {"venvsim"}):
        installed_wheel(name, wheels)
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    env = {**_clean_env(), "PIP_CONFIG_FILE": os.devnull}
    subprocess.run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index",
                    "--find-links", str(wheels), f"{built[1]}[verify]"], check=True, env=env)
    return work / "venv"


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV")) and k != "PATH"} | {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def _run(venv: Path, folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = venv / "bin" / args[0]
    return subprocess.run([str(exe), *args[1:]], cwd=folder, input=stdin, capture_output=True,
                          text=True, env=_clean_env(), timeout=600)


def test_the_sdist_and_the_wheel_carry_what_commands_read(built: tuple[Path, Path]) -> None:
    sdist, wheel = built
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {f"lessons/{n}" for n in LESSONS} <= names
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert {f"simulator/data/lessons/{n}" for n in LESSONS} <= names
    read_at_run_time = {"simulator/data/demo.toml", "simulator/pip/help.txt",
                        "simulator/data/sandbox.toml", "simulator/data/machines.toml",
                        "simulator/data/venv/3.11/activate"}
    assert read_at_run_time <= names
    assert not any(n.startswith(("lessons/", "tests/", "benchmarks/")) for n in names)


def test_the_installed_commands_work_from_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    version = _run(venv, tmp_path, "venvsim", "--version")
    assert version.stdout == f"venvsim {importlib.metadata.version('venvsim')}\n"
    where = _run(venv, tmp_path, "python", "-c", "import simulator; print(simulator.__file__)")
    assert where.returncode == 0 and where.stdout.startswith(str(venv)), where
    listed = _run(venv, tmp_path, "venvsim", "lesson", "list", "--json")
    assert [x["id"] for x in json.loads(listed.stdout)] == [n.removesuffix(".toml") for n in LESSONS]
    lesson = _run(venv, tmp_path, "venvsim", "lesson", "run", "01", "--no-pause", "--lang", "en")
    assert lesson.returncode == 0 and "pip install" in lesson.stdout, lesson.stderr
    shell = _run(venv, tmp_path, "venvsim", "shell", "--lesson", "01", "--lang", "en",
                 stdin="pip list\n:goal\n:quit\n")
    assert shell.returncode == 0 and "ana@aula:~/tienda$ pip list\nPackage" in shell.stdout, shell.stderr
    assert "Goal:" in shell.stdout and "Traceback" not in shell.stderr
    scenario = tmp_path / "small.toml"
    scenario.write_text((ROOT / "tests" / "cases" / "contract_example.toml").read_text())
    drawn = _run(venv, tmp_path, "venvsim", "draw", "small.toml", "--out", "small.svg")
    assert drawn.returncode == 0 and (tmp_path / "small.svg").read_text().lstrip().startswith("<?xml")
    verified = _run(venv, tmp_path, "venvsim", "verify", "small.toml")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    (tmp_path / "uv.toml").write_text((ROOT / "tests" / "cases" / "uv_sync_locked.toml").read_text())
    verified = _run(venv, tmp_path, "venvsim", "verify", "uv.toml")  # with the extra's real uv
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.svg", "small.toml", "uv.toml"]
