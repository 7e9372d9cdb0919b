"""Data-driven cases: each tests/cases/NAME.toml with the JSON that REAL pip/venv produced.

The .json files were recorded by the verifier (real CPython venv, real pip 26.3,
real bash, real uv 0.13.8; real Debian 13 for an ``os = "debian13"`` case); the simulator
must produce the same document, byte for byte but for uv's timings (" in 3ms") when the
case puts uv on the machine, and apt's free disk space on Debian.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.replay import replay, run_json
from simulator.scenario import load
from simulator.verify.compare import same_output

CASES = Path(__file__).parent / "cases"
RECORDED = sorted(p.with_suffix(".toml") for p in CASES.glob("*.json"))


def test_cases_are_recorded() -> None:
    assert len(RECORDED) >= 9


@pytest.mark.parametrize("path", RECORDED, ids=lambda p: p.stem)
def test_simulation_equals_recorded_reality(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    scenario = load(path)
    got = run_json(replay(scenario))
    for i, (g, e) in enumerate(zip(got["steps"], expected["steps"], strict=True)):
        assert (g["run"], g["exit_code"]) == (e["run"], e["exit_code"]), f"step {i}: {e['run']}"
        assert same_output(g["output"], e["output"], scenario.spec.tools,
                           scenario.spec.os or ""), f"step {i}: {e['run']}"
    assert got["environments"] == expected["environments"]
