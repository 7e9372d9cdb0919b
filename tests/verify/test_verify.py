"""Ground truth: every case replayed on real venv + pip agrees with the simulation.

Marked ``real`` (select with ``-m real``; ``make test`` runs them): each builds a
private CPython in a temporary folder and runs real bash, offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.scenario import load
from simulator.verify import debian_box, debian_root
from simulator.verify.compare import differences, verify

CASES = Path(__file__).resolve().parents[1] / "cases"
LESSONS = Path(__file__).resolve().parents[2] / "lessons"
pytestmark = pytest.mark.real


def _debian(path: Path) -> bool:
    return 'os = "debian13"' in path.read_text(encoding="utf-8")


def _debian_or_skip() -> None:
    why = debian_box.unavailable(debian_root.default_root())
    if why:
        pytest.skip(why)


# (the Debian lessons: test_verify_replays_a_debian_lesson_for_real, through the command line)
@pytest.mark.parametrize("path", sorted(CASES.glob("*.toml"))
                         + sorted(p for p in LESSONS.glob("*.toml") if not _debian(p)),
                         ids=lambda p: p.stem)
def test_case_agrees_with_real_pip_and_venv(path: Path) -> None:
    if _debian(path):
        _debian_or_skip()
    result = verify(path)
    assert result["match"], json.dumps(result["differences"], indent=2)[:4000]
    recorded = path.with_suffix(".json")
    if recorded.exists():  # the same as recorded (uv's timings, apt's free space aside)
        spec = load(path).spec
        assert differences(json.loads(recorded.read_text(encoding="utf-8")), result["real"],
                           spec.tools, spec.os or "") == []


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator", "verify", *args],
                          capture_output=True, text=True, timeout=600, env=env)


def test_cli_json_and_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[index]\nlibcolor = ["1.0"]\n[[steps]]\nrun = "pip install libcolor"\n')
    result = _cli(str(good), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) >= {"simulated", "real", "match", "differences"}
    assert doc["match"] is True and doc["differences"] == []
    assert doc["real"]["environments"][0]["packages"] == {"libcolor": "1.0"}


def test_cli_reports_a_difference_with_exit_1(tmp_path: Path) -> None:
    # pip download is not simulated (README): a known, deliberate difference.
    path = tmp_path / "differs.toml"
    path.write_text('[index]\nlibcolor = ["1.0"]\n[[steps]]\nrun = "pip download libcolor -d d"\n')
    result = _cli(str(path))
    assert result.returncode == 1
    assert "1 difference" in result.stdout or "difference(s)" in result.stdout
    assert "pip download libcolor" in result.stdout


def test_host_paths_are_out_of_reach(tmp_path: Path) -> None:
    path = tmp_path / "escape.toml"
    # /tmp belongs to the simulated machine (the sandbox's own); /var does not exist there.
    marker = Path("/var/tmp") / f"venvsim-marker-{tmp_path.name}"
    path.write_text(f'[[steps]]\nrun = "touch /home/ana/x"\n[[steps]]\nrun = "touch {marker}"\n')
    # its own temporary folder (the sandbox's user may go through it), so that other verify runs
    # on the machine at the same time cannot blur what this one leaves behind
    temp = Path(tempfile.mkdtemp(prefix="venvsim-test-", dir="/tmp"))
    temp.chmod(0o711)
    try:
        result = _cli(str(path), "--json", env={**os.environ, "TMPDIR": str(temp)})
        assert result.returncode in (0, 1), result.stderr
        step = json.loads(result.stdout)["real"]["steps"][1]
        assert step["exit_code"] == 1
        assert "No such file or directory" in step["output"]
        assert not marker.exists()
        assert list(temp.iterdir()) == []  # the run's machine and pip cache are gone
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def test_bad_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[world]\npythons = ['3.11']\nuser = 5\n")
    result = _cli(str(path))
    assert result.returncode == 2
    assert "bad.toml:3: world.user: must be a string" in result.stderr


NAMES = ["alfa", "beta"]


UV_SETUP = ["uv venv", "uv init --no-package proj && cd proj", "uv init proj && cd proj"]
UV_STEPS = [
    "uv venv", "uv pip install alfa", "uv pip install 'alfa<2'", "uv pip install -U beta",
    "uv pip install alfa beta", "uv pip uninstall alfa", "uv pip list", "uv pip freeze",
    "uv add alfa", "uv add 'beta>=2'", "uv add alfa beta", "uv add --dev beta", "uv remove alfa",
    "uv lock", "uv lock --check", "uv sync", "uv tree", "uv python pin 3.12",
    "uv run python -c 'import sys; print(sys.prefix)'", "cat uv.lock",
]


@st.composite
def scenarios(draw: st.DrawFn, uv: bool | None = None) -> str:
    """A small index of alfa and beta (some releases needing Python 3.12, some a missing
    package) and a few steps: pip and venv, or (``uv``, drawn when None) uv's."""
    if uv is None:
        uv = draw(st.booleans())
    lines = ['[world]\npythons = ["3.11", "3.12"]\ntools = ["uv"]'] if uv else []
    lines.append("[index]")
    for name in NAMES:
        entries = []
        for v in draw(st.lists(st.sampled_from(["1.0", "2.0", "3.0"]), min_size=1,
                               max_size=3, unique=True)):
            other = [n for n in NAMES if n != name][0]
            dep = draw(st.sampled_from(["", f"{other}<2", f"{other}>=2", "ghost"]))
            rp = draw(st.sampled_from(["", "", ">=3.12"]))
            entry = f'version = "{v}"'
            if dep:
                entry += f', requires = ["{dep}"]'
            if rp:
                entry += f', requires_python = "{rp}"'
            entries.append("{ " + entry + " }")
        lines.append(f"{name} = [{', '.join(entries)}]")
    lines.append('[projects.app]\nneeds = ["alfa"]')
    if uv:
        commands = [draw(st.sampled_from(UV_SETUP))]
        commands += draw(st.lists(st.sampled_from(UV_STEPS), min_size=2, max_size=6))
    else:
        commands = draw(st.lists(st.sampled_from([
            "pip install alfa", "pip install 'alfa<2'", "pip install -U beta", "pip install alfa beta",
            "pip install --user beta", "pip uninstall -y alfa", "pip check", "pip freeze",
            "cd ~/app && python3 -m venv .venv && source .venv/bin/activate", "deactivate",
            "python ~/app/app.py", "pip install --dry-run beta", "pip show alfa",
        ]), min_size=2, max_size=6))
    for c in commands:
        lines.append(f'[[steps]]\nrun = "{c}"')
    return "\n".join(lines) + "\n"


DECLINED = re.compile(r"venvsim: .* is not simulated \(uv [0-9.]+\)\n")


def agreed(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The differences that count: with uv, the simulation may decline a command ("not
    simulated", one line, exit 2), never answer one wrongly; nothing after it is compared."""
    steps = result["simulated"]["steps"]
    declined = next((i for i, s in enumerate(steps) if s["exit_code"] == 2
                     and DECLINED.fullmatch(s["output"])), None)
    if declined is None:
        return list(result["differences"])
    return [d for d in result["differences"] if d["kind"] == "step" and d["step"] < declined]


@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenarios())
def test_differential_fuzz(tmp_path: Path, text: str) -> None:
    """Random small worlds and commands: simulation and reality must agree.

    Each disagreement this ever found is kept as a fixed case in tests/cases/.
    """
    _check(tmp_path, text)


def _check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(text)
    result = verify(path)
    assert not agreed(result), text + json.dumps(result["differences"], indent=2)[:3000]


@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenarios(uv=True))
def test_differential_fuzz_uv(tmp_path: Path, text: str) -> None:
    """The same with uv's commands on the machine (uv venv, uv pip, a uv project)."""
    _check(tmp_path, text)


@pytest.mark.parametrize("path", sorted(p for p in LESSONS.glob("*.toml") if _debian(p)),
                         ids=lambda p: p.stem)
def test_verify_replays_a_debian_lesson_for_real(path: Path) -> None:
    """A debian13 file is replayed on real Debian 13 (debian_box), sudo and apt included,
    and agrees step by step; the real system pip's packages are apt's."""
    _debian_or_skip()
    result = _cli(str(path), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["match"] is True and doc["differences"] == []
    outputs = "".join(step["output"] for step in doc["real"]["steps"])
    assert "Setting up python3-venv" in outputs
    system = doc["real"]["environments"][0]
    assert (system["prefix"], system["packages"]["packaging"]) == ("/usr", "25.0")


def test_verify_refuses_a_debian_machine_without_its_root(tmp_path: Path) -> None:
    """No cached Debian root: one line saying how to build it, exit 2."""
    lesson = LESSONS / "07-externally-managed.toml"
    result = subprocess.run([sys.executable, "-m", "simulator", "verify", str(lesson)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "VENVSIM_DEBIAN_ROOT": str(tmp_path / "none")})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("venvsim: refused: ")
    assert "python -m simulator.verify.debian_root build" in result.stderr
