"""Long fuzzing on demand, coverage-guided with atheris (libFuzzer); never part of ``make test``.

    .venv/bin/pip install atheris       # wheels for CPython 3.11 on Linux x86_64 (3.0.0)
    .venv/bin/python benchmarks/fuzz.py shell    -max_total_time=3600 -timeout=20
    mkdir corpus && cp lessons/*.toml tests/cases/*.toml corpus/     # valid files to start from
    .venv/bin/python benchmarks/fuzz.py files    -max_total_time=3600 -timeout=20 corpus/
    .venv/bin/python benchmarks/fuzz.py sessions -runs=100000

The targets check what ``tests/test_fuzz_*.py`` check (the same functions): a shell line answers
and its world draws; a scenario or lesson file loads or is refused in one line, through the
commands too; ``:load`` answers any file. A crash or a ``-timeout`` is a finding; libFuzzer
writes the input that caused it. Without atheris, the hypothesis tests run longer instead:
``VENVSIM_FUZZ=50 .venv/bin/python -m pytest -q tests/test_fuzz_*.py``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def targets() -> dict[str, Callable[[bytes], None]]:
    import atheris

    with atheris.instrument_imports(include=["simulator"]):
        import simulator.cli  # noqa: F401  (instrumented for coverage)
        from tests import test_fuzz_files, test_fuzz_sessions, test_fuzz_shell
        from tests.fuzz import Canary

    tmp = Path(tempfile.gettempdir()) / "venvsim-fuzz"  # one folder, emptied at each start
    shutil.rmtree(tmp, ignore_errors=True)  # (libFuzzer ends the process without atexit)
    tmp.mkdir()
    canary = Canary(tmp)
    world = test_fuzz_shell.lesson_world("02-one-venv-per-project")

    def text(data: bytes) -> str:
        return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))

    def shell(data: bytes) -> None:
        w = world
        for line in text(data).split("\n")[:4]:
            w, _ = w.run(canary.fill(line))
        test_fuzz_shell.draw_everything(w)
        canary.check()

    def files(data: bytes) -> None:
        test_fuzz_files.through_the_commands(tmp, text(data), files)

    def sessions(data: bytes) -> None:
        test_fuzz_sessions.load_then_go_on(canary, text(data))

    files.canary = canary  # type: ignore[attr-defined]
    return {"shell": shell, "files": files, "sessions": sessions}


def main() -> int:
    try:
        import atheris
    except ImportError:
        print("benchmarks/fuzz.py: atheris is not installed (.venv/bin/pip install atheris); or run "
              "VENVSIM_FUZZ=50 .venv/bin/python -m pytest -q tests/test_fuzz_*.py", file=sys.stderr)
        return 2
    found = targets()
    if len(sys.argv) < 2 or sys.argv[1] not in found:
        print(f"usage: benchmarks/fuzz.py {{{'|'.join(found)}}} [libFuzzer options]", file=sys.stderr)
        return 2
    target = found[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
