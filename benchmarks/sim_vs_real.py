"""The same scenarios simulated and replayed for real: how much faster is the simulation?

Run on demand: ``python benchmarks/sim_vs_real.py [FILE ...]`` (default: tests/cases/*.toml).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.replay import replay, run_json  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.verify.compare import differences  # noqa: E402
from simulator.verify.replay import replay as real_replay  # noqa: E402


def main(paths: list[str]) -> None:
    files = paths or sorted(str(p) for p in (Path(__file__).parents[1] / "tests" / "cases").glob("*.toml"))
    total_sim = total_real = 0.0
    for path in files:
        start = time.perf_counter()
        scenario = load(path)
        sim = run_json(replay(scenario))
        t_sim = time.perf_counter() - start
        start = time.perf_counter()
        real = real_replay(path)
        t_real = time.perf_counter() - start
        same = not differences(sim, real, scenario.spec.tools, scenario.spec.os or "")
        total_sim += t_sim
        total_real += t_real
        print(f"{Path(path).stem:20} simulated {t_sim * 1000:7.1f} ms   real {t_real:6.1f} s   "
              f"x{t_real / t_sim:7.0f}   {'same' if same else 'DIFFERENT'}")
    print(f"{'total':20} simulated {total_sim * 1000:7.1f} ms   real {total_real:6.1f} s   "
          f"x{total_real / total_sim:7.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
