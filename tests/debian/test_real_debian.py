"""The recordings of tests/debian, made again on real Debian 13 (the cached root file system,
built when absent, in debian_box's sandbox): reality must still say exactly what the stored
recordings say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.scenario import load
from simulator.verify import debian_box, debian_root
from tests.debian.test_recordings import HERE, SOURCES, STASH, WHEN
from tests.transcript import read

pytestmark = pytest.mark.real
AVAILABLE = re.compile(r"/ [0-9.]+ GB available$", re.M)


def _root_or_skip() -> None:
    why = debian_root.why_not()
    if why:
        pytest.skip(why)
    try:
        root = debian_root.build()
    except Exception as e:  # noqa: BLE001 - the archive may be out of reach: say so
        pytest.skip(f"cannot build the Debian 13 root: {e}")
    why = debian_box.unavailable(root)
    if why:
        pytest.skip(why)


@pytest.mark.parametrize("name", SOURCES)
def test_real_debian_says_what_was_recorded(name: str, tmp_path: Path) -> None:
    _root_or_skip()
    scen = load(SOURCES[name])
    text = debian_root.record([s.run for s in scen.steps], scen.spec.user, scen.spec.releases,
                              projects=scen.spec.projects)
    out = tmp_path / "now.txt"
    out.write_text(text, encoding="utf-8")
    now, stored = read(out), read(HERE / f"{name}.txt")
    assert [e.command for e in now] == [e.command for e in stored]
    for a, b in zip(now, stored, strict=True):
        assert (WHEN.sub("", STASH.sub("", AVAILABLE.sub("", a.output))), a.exit_code) == \
            (WHEN.sub("", STASH.sub("", AVAILABLE.sub("", b.output))), b.exit_code), a.command
