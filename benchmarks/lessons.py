"""How fast lessons run and how fast the shell answers (``python benchmarks/lessons.py``).

Targets: any lesson with --no-pause in well under a second (a whole process, rich included);
each shell line answered instantly.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.classroom.repl import main as shell  # noqa: E402
from simulator.lessons.format import lesson_paths  # noqa: E402


def main() -> None:
    worst = 0.0
    for path in lesson_paths():
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "simulator", "lesson", "run", path.stem,
                        "--no-pause", "--lang", "es"], check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        print(f"{path.stem:32} {elapsed:.2f} s (whole process)")
    print(f"slowest lesson: {worst:.2f} s")
    lines = ["pip install appa", "cd ~/tienda", "python3 -m venv .venv",
             "source .venv/bin/activate", "pip install appa", "python app.py", ":undo",
             ":why libcolor", "deactivate", "pip install appb", ":explain"] * 10
    example = str(Path(__file__).resolve().parents[1] / "examples" / "two-projects.toml")
    start = time.perf_counter()
    shell(example, None, "en", stdin=io.StringIO("\n".join(lines) + "\n"), out=io.StringIO())
    per_line = (time.perf_counter() - start) / len(lines)
    print(f"shell: {per_line * 1000:.1f} ms per line over {len(lines)} lines")


if __name__ == "__main__":
    main()
