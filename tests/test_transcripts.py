"""Transcripts recorded on real pip 26.3, CPython venv and bash 5.2 (tests/transcripts/).

Every command of every transcript is replayed in the simulator and must print
the same text and exit with the same code. The few exceptions are listed, with
their reason, in ``tests/helper_transcripts.py`` (``SKIP``, ``SKIP_SECTIONS``).
"""

from __future__ import annotations

import pytest

from tests.helper_transcripts import compare, sections
from tests.transcript import LOCAL

NAMES = sorted(p.name for p in LOCAL.glob("*.txt") if not p.name.startswith("uv_"))  # uv: tests/uv


def test_there_are_recordings() -> None:
    assert len(NAMES) >= 8
    assert sum(len(s.entries) for s in sections(LOCAL / NAMES[0])) > 50


@pytest.mark.parametrize("name", NAMES)
def test_simulator_prints_what_was_recorded(name: str) -> None:
    misses = compare(name)
    report = "\n\n".join(
        f"[{title}]\n$ {e.command}\n--- real (exit {e.exit_code})\n{e.output}"
        f"--- simulated (exit {code})\n{got}"
        for title, e, got, code in misses[:3]
    )
    assert not misses, f"{len(misses)} differences, first ones:\n{report}"
