"""A big world: 2,000 releases, 100 venvs and 200 installs, simulated end to end.

Run on demand: ``python benchmarks/big_world.py``. Prints seconds and peak memory.
The target is about a second and under 300 MB on a 2-core machine.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.model.index import Release  # noqa: E402
from simulator.model.world import WorldSpec, build  # noqa: E402
from simulator.replay import (
    replay,  # noqa: E402
    run_json,  # noqa: E402
)
from simulator.scenario import Scenario, Step  # noqa: E402


def big_scenario(seed: int = 7) -> Scenario:
    rng = random.Random(seed)
    projects = [f"pkg{i:03d}" for i in range(400)]
    releases = []
    for i, name in enumerate(projects):
        for v in range(1, 6):
            deps = []
            for _ in range(rng.randint(0, 2)):
                j = rng.randrange(i + 1, len(projects)) if i + 1 < len(projects) else None
                if j is not None:
                    deps.append(f"{projects[j]}{rng.choice(['', '>=2', '<4', '!=3.0'])}")
            releases.append(Release(name, f"{v}.0", tuple(deps)))
    steps = []
    for n in range(100):
        steps.append(f"mkdir -p ~/p{n} && cd ~/p{n} && python3 -m venv .venv")
        steps.append(f"source .venv/bin/activate && pip install {rng.choice(projects[300:])}")
        steps.append(f"pip install '{rng.choice(projects[300:])}<5' && deactivate")
    spec = WorldSpec(releases=tuple(releases))
    return Scenario("big", "big", spec, tuple(Step(s) for s in steps))


def main() -> None:
    scenario = big_scenario()
    start = time.perf_counter()
    timeline = replay(scenario)
    doc = run_json(timeline)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    installs = sum(1 for s in doc["steps"] if "pip install" in s["run"])
    failed = sum(1 for s in doc["steps"] if s["exit_code"] != 0)
    venvs = sum(1 for e in doc["environments"] if e["kind"] == "venv")
    print(f"releases: {len(scenario.spec.releases)}  venvs: {venvs}  installs: {installs}  "
          f"failed steps: {failed}")
    print(f"simulated in {elapsed:.2f} s, peak memory {peak_mb:.0f} MB")
    build(WorldSpec())


if __name__ == "__main__":
    main()
