"""Every command of the recordings of real uv 0.13.8 replays in the simulator exactly
(durations aside), except those listed here with the reason."""

from __future__ import annotations

import pytest

from tests.uv.replay import compare, entries, names, same

# Commands whose real output shows what venvsim does not simulate, and why.
SKIP = {
    "ls -l .venv/bin/python .venv/bin/python3 .venv/bin/python3.11": "owner and date of the recording",
    "ls -l e12/bin/python*": "owner and date of the recording",
    "ls -l .venv": "owner and date of the recording",
    "cat .venv/lib/python3.11/site-packages/appa-1.0.dist-info/RECORD": "RECORD's hashes",
    "cat .venv/lib/python3.11/site-packages/appa-1.0.dist-info/uv_cache.json": "a timestamp",
}
# Commands that venvsim answers with its one line "... is not simulated" (exit 2), with a
# piece of the real output that singles out the case ("" for every run of the command).
NOT_SIMULATED = {
    "uv pip list --outdated": "",
    "uv pip list -v": "",
    "uv pip install 'appa>'": "",
    "uv pip check": "Found 2 incompatibilities",
    # The script's appa>=1.0 and appb at odds, named in an order PubGrub's decisions give.
    "uv add --script plain.py appb": "",
    # A dependencies list written on one line, which uv rewrites in its own format.
    "uv add newlib": "Resolved 5 packages",
    # The simulated python runs venvsim's app.py files and simple scripts, not main.py's functions
    # nor a project's own package.
    "uv run main.py": "",
    "uv run python main.py": "",
    "uv run tienda": "",
}


# Recordings of random command sequences (tests/uv/fuzz.py): venvsim may decline any command
# there ("not simulated"), never answer one wrongly; at most this many declined.
RANDOM = {
    "uv_50_random.txt": 27,
    "uv_51_random_pip.txt": 3,
    "uv_52_random_pip.txt": 4,
    "uv_53_random_pip.txt": 0,
    "uv_54_random_pip.txt": 4,
}


def test_there_are_recordings() -> None:
    assert "uv_10_venv_pip.txt" in names()
    assert len(entries("uv_10_venv_pip.txt")) > 100


@pytest.mark.parametrize("name", names())
def test_simulator_prints_what_real_uv_printed(name: str) -> None:
    misses, compared = compare(name, SKIP)
    assert compared > 5
    unsimulated = [m for m in misses if m.code == 2 and m.got.startswith("venvsim: ")
                   and m.got.endswith(" is not simulated (uv 0.13.8)\n") and m.got.count("\n") == 1
                   and (name in RANDOM or (m.entry.command in NOT_SIMULATED
                                           and NOT_SIMULATED[m.entry.command] in m.entry.output))]
    assert len(unsimulated) <= RANDOM.get(name, len(unsimulated))
    misses = [m for m in misses if m not in unsimulated]
    report = f"{len(misses)} differences:" + "\n\n".join(
        f"$ {m.entry.command}\n--- real (exit {m.entry.exit_code})\n{m.entry.output}"
        f"--- simulated (exit {m.code})\n{m.got}"
        for m in misses[:12]
    )
    assert not misses, f"{len(misses)} differences, first ones:\n{report}"


def test_durations_compare_equal_and_nothing_else() -> None:
    assert same("Resolved 2 packages in 3ms\n", "Resolved 2 packages in 0.41ms\n")
    assert not same("Resolved 2 packages in 3ms\n", "Resolved 3 packages in 3ms\n")
