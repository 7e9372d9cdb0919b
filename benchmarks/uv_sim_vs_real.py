"""uv's recordings simulated and replayed on real uv: how much faster is the simulation?

Run on demand: ``python benchmarks/uv_sim_vs_real.py UV_WHEEL`` (the uv 0.13.8 wheel from
PyPI; ``pip download uv==0.13.8 --no-deps``). Each tests/transcripts/uv_*.txt is replayed
in the simulator and recorded again on real uv in bubblewrap (tests/uv/record.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.shell.run import run_line  # noqa: E402
from tests.uv.record import record  # noqa: E402
from tests.uv.replay import entries, fresh, names  # noqa: E402


def main(wheel: str) -> None:
    total_sim = total_real = 0.0
    for name in names():
        commands = [e.command for e in entries(name)]
        start = time.perf_counter()
        world = fresh()
        for line in commands:
            world = run_line(world, line).world
        t_sim = time.perf_counter() - start
        _, built, t_real = record(Path(wheel), "\n".join(commands))
        total_sim += t_sim
        total_real += t_real
        print(f"{name:28} {len(commands):4} commands   simulated {t_sim * 1000:7.1f} ms   "
              f"real {t_real:6.1f} s (+{built:.0f} s building the machine)   x{t_real / t_sim:6.0f}")
    print(f"{'total':28} {'':14} simulated {total_sim * 1000:7.1f} ms   real {total_real:6.1f} s"
          f"   x{total_real / total_sim:6.0f}")


if __name__ == "__main__":
    main(sys.argv[1])
