"""How long the real side of ``venvsim verify`` takes, a scenario at a time.

Run on demand: ``python benchmarks/verify.py [--repo PATH] [--rounds N] [FILE ...]``
(default: three of tests/cases). ``--repo`` times another checkout's verifier (for
a before/after figure). The first round is what one ``venvsim verify FILE`` costs;
later rounds in the same process are what a test run costs per scenario. CPU time
(this process and its children) is printed too: wall time swings with the load.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
DEFAULT = ["shell_basics", "pep668", "two_venvs_and_a_deleted_one"]


def _cpu() -> float:
    """User and system time of this process and its children (less shaken by load)."""
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repo", default=str(HERE), help="the checkout whose verifier to time")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.repo)
    from simulator.verify.replay import replay

    files = args.files or [str(HERE / "tests" / "cases" / f"{n}.toml") for n in DEFAULT]
    first: list[float] = []
    later: list[float] = []
    for rnd in range(args.rounds):
        for path in files:
            start, cpu = time.perf_counter(), _cpu()
            replay(path)
            spent = time.perf_counter() - start
            (first if rnd == 0 else later).append(spent)
            print(f"round {rnd + 1}  {Path(path).stem:30} {spent:6.1f} s   "
                  f"cpu {_cpu() - cpu:6.1f} s", flush=True)
    print(f"{args.repo}: first round {sum(first):.1f} s for {len(first)} scenarios"
          + (f"; later rounds median {statistics.median(later):.1f} s a scenario" if later else ""))


if __name__ == "__main__":
    main()
