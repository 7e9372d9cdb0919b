"""How fast the Jupyter explorer redraws when the step or the view changes.

Target: a fraction of a second for a lesson-sized world. The first visit of a
step draws it (matplotlib to SVG); going back to it is a cache hit.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator import explore  # noqa: E402
from simulator.lessons.format import lesson_paths  # noqa: E402


def main() -> None:
    start = time.perf_counter()
    first = explore(lesson_paths()[0])
    print(f"first explorer (imports matplotlib, ipywidgets): {time.perf_counter() - start:.2f} s")
    draws: list[float] = []
    hits: list[float] = []
    for path in lesson_paths():
        ex = explore(path)
        for view in ("compare", "global", "graph"):
            ex.views.value = view
            for step in range(len(ex.timeline) + 1):
                t = time.perf_counter()
                ex.go(step)
                draws.append(time.perf_counter() - t)
            for step in range(len(ex.timeline) + 1):
                t = time.perf_counter()
                ex.go(step)
                hits.append(time.perf_counter() - t)
    del first
    print(f"step change, drawn: median {statistics.median(draws) * 1000:.0f} ms, "
          f"worst {max(draws) * 1000:.0f} ms over {len(draws)} changes (10 lessons, 3 views)")
    print(f"step change, already drawn: median {statistics.median(hits) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
