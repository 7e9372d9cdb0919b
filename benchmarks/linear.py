"""Does the cost grow linearly with the work? (issue 14)

A generated world: 400 packages × 5 releases with random dependencies (seeded), N projects each
making a venv and installing 3 packages (one step each), N installs into the global Python, then
``pip check``: 2N + 1 steps. For N = 100 (201 steps) the bar is ≤ 1.5 s as a whole
``venvsim run --json`` process and ≤ 150 MB peak memory (every step's world is kept in the
timeline); 100 venvs may cost at most 4.5× what 25 cost; a one-line command in a shell session
on the 100-venv world answers in under 20 ms.

Run on demand: ``python benchmarks/linear.py [--repeat 3] [--series 12,25,50,100] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PACKAGES = 400
RELEASES = 5


def scenario_text(venvs: int, seed: int = 7) -> str:
    """The TOML of the world with ``venvs`` projects and ``venvs`` global installs."""
    rng = random.Random(seed)
    names = [f"pkg{i:03d}" for i in range(PACKAGES)]
    lines = ['title = "linear cost"', "", "[world]", 'pythons = ["3.11"]', "", "[index]"]
    for i, name in enumerate(names):
        releases = []
        for v in range(1, RELEASES + 1):
            deps = [f"{names[rng.randrange(i + 1, PACKAGES)]}{rng.choice(['', '>=2', '<4', '!=3.0'])}"
                    for _ in range(rng.randint(0, 2)) if i + 1 < PACKAGES]
            releases.append(f'{{ version = "{v}.0", requires = {json.dumps(deps)} }}')
        lines.append(f"{name} = [{', '.join(releases)}]")
    steps = []
    for n in range(venvs):
        wanted = rng.sample(names, 3)
        lines += ["", f"[projects.p{n:03d}]", f"needs = {json.dumps(wanted)}"]
        steps.append(f"cd ~/p{n:03d} && python3 -m venv .venv && source .venv/bin/activate"
                     f" && pip install {' '.join(wanted)} && deactivate")
    steps += [f"pip install '{rng.choice(names)}<5'" for _ in range(venvs)]
    steps.append("pip check")
    lines += [f'\n[[steps]]\nrun = "{s}"' for s in steps]
    return "\n".join(lines) + "\n"


def run_process(path: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak MB of one whole ``venvsim run FILE --json`` process,
    and its output (CPU time is the steadier figure on a shared machine)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "run", str(path), "--json"],
                            stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # reaped here, so its own rusage
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"venvsim run failed ({proc.returncode}) on {path}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.decode()


def shell_latency(path: Path, lines: list[str], repeat: int) -> dict[str, tuple[float, float, float, str]]:
    """Milliseconds of one line typed into a shell session holding every step's world: the first
    time (nothing cached for it yet; wall and CPU) and the median of ``repeat`` more, plus its last
    output line."""
    from simulator.classroom.repl import Session, Shell
    from simulator.replay import replay
    from simulator.scenario import load
    from simulator.shell.prompt import prompt

    timeline = replay(load(path))
    session = Session(timeline.start)
    for frame in timeline.frames:  # the session's history is the whole scenario
        session.lines.append(frame.run)
        session.worlds.append(frame.after)
        session.outcomes.append(frame.outcome)
    session.position = len(timeline.frames)
    out = io.StringIO()
    warm = Shell(Session(timeline.start), None, "en", out, interactive=False)
    for line in lines:  # imports each command makes once per process, on the small first world
        warm.handle(line)
    shell = Shell(session, None, "en", out, interactive=False)
    found = {}
    for line in lines:
        times, cpu = [], []
        for _ in range(repeat + 1):
            out.seek(0)
            out.truncate()
            t, c = time.perf_counter(), time.process_time()
            shell.handle(line)
            prompt(shell.session.world)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            session.undo()
        shown = (out.getvalue().strip().splitlines() or [""])[-1][:50]
        found[line] = (times[0] * 1000, cpu[0] * 1000, statistics.median(times[1:]) * 1000, shown)
    return found


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--series", default="12,25,50,100")
    parser.add_argument("--keep", help="write the scenario files into this folder")
    parser.add_argument("--no-shell", action="store_true")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="venvsim-linear-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {_load()} on {os.cpu_count()} cores")
    best: dict[int, tuple[float, float]] = {}
    for n in (int(x) for x in args.series.split(",")):
        path = folder / f"linear-{n}.toml"
        path.write_text(scenario_text(n), encoding="utf-8")
        runs = [run_process(path) for _ in range(args.repeat)]
        wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
        best[n] = (min(wall), min(cpu))
        failed = sum(1 for s in json.loads(runs[0][3])["steps"] if s["exit_code"])
        print(f"{n:4d} venvs, {2 * n + 1:3d} steps: wall min {min(wall):.2f} s"
              f" (median {statistics.median(wall):.2f}), CPU min {min(cpu):.2f} s,"
              f" peak {max(r[2] for r in runs):.0f} MB  ({failed} steps exited non-zero)", flush=True)
    if 25 in best and 100 in best:
        print(f"100 venvs / 25 venvs: wall {best[100][0] / best[25][0]:.2f}×,"
              f" CPU {best[100][1] / best[25][1]:.2f}× (bar ≤ 4.5×)")
    if not args.no_shell and 100 in best:
        lines = ["pwd", "ls", "cd ~/p050 && source .venv/bin/activate", "pip list", "python app.py",
                 "pip install pkg399", "pip check", "pip freeze",
                 "cd ~/p050 && .venv/bin/pip install pkg001", "python3 -m venv ~/new", "rm -rf ~/p049"]
        for line, (first, cpu1, median, shown) in shell_latency(folder / "linear-100.toml", lines, 9).items():
            print(f"shell, 100-venv session: {line!r}: first {first:.1f} ms (CPU {cpu1:.1f}),"
                  f" then {median:.1f} ms  [{shown}]")
    print(f"load average after: {_load()}")
    if not args.keep:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
