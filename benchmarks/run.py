"""Run every benchmark (``make bench``); none of them is a test."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    subprocess.run([sys.executable, str(HERE / "linear.py"), "--repeat", "1"], check=True)
    case = HERE.parent / "tests" / "cases" / "contract_example.toml"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "simulator", "run", str(case), "--json"],
                   check=True, capture_output=True)
    print(f"venvsim run --json (a whole process): {time.perf_counter() - start:.2f} s")
    subprocess.run([sys.executable, str(HERE / "explorer.py")], check=True)


if __name__ == "__main__":
    main()
