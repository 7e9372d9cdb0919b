"""Holding the simulation against reality: ``venvsim verify FILE``.

>>> sim = {"steps": [{"run": "ls", "exit_code": 0, "output": ""}], "environments": []}
>>> real = {"steps": [{"run": "ls", "exit_code": 2, "output": "x\\n"}], "environments": []}
>>> [d["field"] for d in differences(sim, real)]
['exit_code', 'output']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model.tools import without_durations
from ..replay import replay as simulate
from ..replay import run_json
from ..scenario import load

Doc = dict[str, Any]


# apt's "Space needed: 2828 kB / 77.9 GB available": the free space of the host's disk.
FREE_SPACE = re.compile(r" / [0-9.]+ [kMGT]?B available$", re.M)


def same_output(sim: str, real: str, tools: tuple[str, ...] = (), os: str = "") -> bool:
    """Equal outputs; with uv on the machine, any duration (" in 3ms") equals any other;
    on Debian, any free disk space apt reports equals any other."""
    if "uv" in tools:
        sim, real = without_durations(sim), without_durations(real)
    if os == "debian13":
        sim, real = (FREE_SPACE.sub(" / X available", text) for text in (sim, real))
    return sim == real


def differences(sim: Doc, real: Doc, tools: tuple[str, ...] = (), os: str = "") -> list[Doc]:
    """Every step field and every environment on which the two runs differ
    (``tools``: the scenario's ``[world] tools``; ``os``: its ``[world] os``)."""
    found: list[Doc] = []
    for i, (s, r) in enumerate(zip(sim["steps"], real["steps"], strict=False)):
        for field in ("exit_code", "output"):
            equal = same_output(s[field], r[field], tools, os) if field == "output" else (
                s[field] == r[field])
            if not equal:
                found.append({"kind": "step", "step": i, "run": s["run"], "field": field,
                              "simulated": s[field], "real": r[field]})
    if len(sim["steps"]) != len(real["steps"]):
        found.append({"kind": "steps", "simulated": len(sim["steps"]),
                      "real": len(real["steps"])})

    def key(env: Doc) -> tuple[str, str, str]:
        return env["kind"], env["python"], env["prefix"]

    sim_envs = {key(e): e for e in sim["environments"]}
    real_envs = {key(e): e for e in real["environments"]}
    for k in sorted(set(sim_envs) | set(real_envs)):
        s_env, r_env = sim_envs.get(k), real_envs.get(k)
        if s_env != r_env:
            found.append({"kind": "environment", "environment": k[0], "python": k[1],
                          "prefix": k[2],
                          "simulated": s_env["packages"] if s_env else None,
                          "real": r_env["packages"] if r_env else None})
    return found


def verify(path: str | Path, *, keep: bool = False) -> Doc:
    """Simulate and really replay ``path``; raises ``ScenarioError`` or ``ValueError``."""
    from .replay import replay as real_replay

    scenario = load(path)
    sim = run_json(simulate(scenario))
    real = real_replay(path, keep=keep)
    real_doc = {"steps": real["steps"], "environments": real["environments"]}
    diffs = differences(sim, real_doc, scenario.spec.tools, scenario.spec.os or "")
    result: Doc = {"simulated": sim, "real": real_doc, "match": not diffs, "differences": diffs}
    for extra in ("lacks", "notes", "root"):
        if extra in real:
            result[extra] = real[extra]
    return result


def report(result: Doc, path: str, width: int | None = None) -> str:
    """A side-by-side text report of the steps and environments that differ."""
    from io import StringIO

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = StringIO()
    console = Console(file=buffer, width=width or 120, color_system=None, highlight=False)
    steps = len(result["simulated"]["steps"])
    if result["match"]:
        console.print(Text(f"{path}: simulation and real venv + pip agree on all {steps} steps "
                      "and every environment."))
    else:
        console.print(Text(f"{path}: {len(result['differences'])} difference(s) between the "
                      "simulation and real venv + pip."))
    for line in result.get("lacks", []):
        console.print(Text(f"note: {line}; the steps that use it were not verified for real."))
    for d in result["differences"]:
        if d["kind"] == "step":
            table = Table(title=Text(f"step {d['step'] + 1}: $ {d['run']}  ({d['field']})"),
                          show_lines=False, expand=True)
            table.add_column("simulated", overflow="fold", ratio=1)
            table.add_column("real", overflow="fold", ratio=1)
            table.add_row(Text(str(d["simulated"])), Text(str(d["real"])))
            console.print(table)
        elif d["kind"] == "environment":
            table = Table(title=Text(f"{d['environment']} {d['prefix']} (python {d['python']})"),
                          expand=True)
            table.add_column("simulated", ratio=1)
            table.add_column("real", ratio=1)
            table.add_row(Text(_packages(d["simulated"])), Text(_packages(d["real"])))
            console.print(table)
        else:
            console.print(f"steps run: simulated {d['simulated']}, real {d['real']}")
    return buffer.getvalue()


def _packages(packages: dict[str, str] | None) -> str:
    if packages is None:
        return "(no such environment)"
    return "\n".join(f"{k} {v}" for k, v in packages.items()) or "(empty)"
