"""Drawing a 100-node world to PNG, matplotlib's import included.

Run on demand: ``python benchmarks/draw.py``. It writes a scenario whose end
world's graph (``simulator.render.to_graph``) has about 100 nodes, then times
``python -m simulator draw FILE --view V --out x.png`` in a fresh process for
each view, so the time includes starting Python and importing matplotlib and
networkx. The target is about two seconds.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROJECTS = 12
LIBS = 16


def scenario_text() -> str:
    """Twelve projects, each with a venv of four or five packages, plus a crowded global site."""
    lines = ['title = "A 100-node world"', "[world]", 'pythons = ["3.11"]', "[index]"]
    for i in range(LIBS):
        requires = [f'"lib{(i + 1) % LIBS:02d}>=1"'] if i % 3 else []
        lines.append(f'lib{i:02d} = ["1.0", {{ version = "2.0", requires = [{", ".join(requires)}] }}]')
    for p in range(PROJECTS):
        a, b, c, d = (f"lib{(p + k) % LIBS:02d}" for k in (0, 3, 6, 9))
        lines += [f"[projects.app{p:02d}]", f'needs = ["{a}>=2", "{b}<2", "{c}", "{d}"]']
    steps = ["pip install " + " ".join(f"lib{i:02d}" for i in range(LIBS))]
    for p in range(PROJECTS):
        a, b, c, d = (f"lib{(p + k) % LIBS:02d}" for k in (0, 3, 6, 9))
        steps.append(f"cd ~/app{p:02d} && python -m venv .venv && .venv/bin/pip install -q "
                     f"'{a}>=2' '{b}<2' {c} {d}")
    lines += [f"[[steps]]\nrun = '''{s}'''"
              for s in steps]
    return "\n".join(lines) + "\n"


def main() -> None:
    from simulator.render import to_graph
    from simulator.replay import replay
    from simulator.scenario import load

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world.toml"
        path.write_text(scenario_text())
        g = to_graph(replay(load(path)).end)
        print(f"world: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
        for view in ("graph", "compare", "venvs", "global"):
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "simulator", "draw", str(path), "--view", view,
                                "--out", str(Path(tmp) / f"{view}.png")], check=True, cwd=ROOT)
                best = min(best, time.perf_counter() - start)
            print(f"{view:8s} to PNG: {best:.2f} s (best of 3, fresh process, imports included)")


if __name__ == "__main__":
    main()
