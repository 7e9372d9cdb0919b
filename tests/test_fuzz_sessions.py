"""Fuzzing saved sessions: whatever file ``:load`` is given, the shell says what is wrong with it
(or loads it) and goes on; no exception, no hang, nothing real touched.

The session format is the one ``:save`` writes (``simulator/classroom/repl.py``):
``{"venvsim_session": 1, "source": {"file": PATH} | {"lesson": ID} | {}, "lines": [...]}``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom import repl
from simulator.classroom.repl import Shell, session_from
from simulator.scenario import ScenarioError

from .fuzz import LARGE, LINE, ROOT, Canary, budget, canary_for, fuzz_settings, inside


def nest(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10), nest,
    max_leaves=12)
SOURCE_FILES = ["good.toml", "bad.toml", "missing.toml", "folder", "/etc/passwd", "/dev/zero",
                "@CANARY@/file", str(ROOT / "lessons" / "02-one-venv-per-project.toml")]
SOURCE = st.one_of(
    st.just({}),
    st.fixed_dictionaries({"file": st.one_of(st.sampled_from(SOURCE_FILES), JSON)}),
    st.fixed_dictionaries({"lesson": st.one_of(st.sampled_from(["01", "04", "99", "", "../x"]), JSON)}),
    JSON)
SESSION = st.fixed_dictionaries({
    "venvsim_session": st.one_of(st.just(1), JSON),
    "source": SOURCE,
    "lines": st.one_of(st.lists(LINE, max_size=3), JSON),
})
CONTENT = st.one_of(
    SESSION.map(json.dumps),
    SESSION.map(json.dumps).flatmap(lambda text: st.integers(0, len(text)).map(lambda n: text[:n])),
    JSON.map(json.dumps),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 200_000).map(lambda n: '{"a": ' * n + "1" + "}" * n),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)


def shell(out: io.StringIO) -> Shell:
    session, lesson = session_from({})
    return Shell(session, lesson, "en", out, interactive=False)


def load_then_go_on(canary: Canary, content: str) -> None:
    with inside(canary.work):
        Path("good.toml").write_text('[projects.p]\nneeds = ["libcolor"]\n[[steps]]\nrun = "ls"\n')
        Path("bad.toml").write_text("[projects.p]\nneeds = 3\n")
        Path("folder").mkdir(exist_ok=True)
        Path("s.json").write_text(canary.fill(content), encoding="utf-8", errors="surrogateescape")
        out = io.StringIO()
        sh = shell(out)
        with budget():
            sh.load("s.json")
            assert sh.handle("echo still here")
        assert out.getvalue().endswith("still here\n")
    canary.check({"good.toml", "bad.toml", "folder", "s.json"})


@pytest.mark.xfail(not hasattr(repl, "read_session"), raises=(ScenarioError, RecursionError), strict=True,
                   reason="issue 15, owned by the shell's :load (fixed where repl.read_session exists): a "
                          "session whose source is not a valid scenario raises ScenarioError, deeply nested "
                          "JSON raises RecursionError. Remove this mark when :load answers them.")
@LARGE
@settings(fuzz_settings(80), report_multiple_bugs=False)  # one failure, for xfail's raises=
@given(content=CONTENT)
def test_load_answers_any_file(tmp_path: Path, content: str) -> None:
    load_then_go_on(canary_for(test_load_answers_any_file, tmp_path), content)


@LARGE
@fuzz_settings(30)
@given(lines=st.lists(LINE, max_size=4),
       source=st.sampled_from([{}, {"lesson": "02"}, {"file": "good.toml"}]))
def test_saved_sessions_load_back(tmp_path: Path, lines: list[str], source: dict[str, Any]) -> None:
    """What ``:save`` writes, ``:load`` reads back to the same world."""
    canary = canary_for(test_saved_sessions_load_back, tmp_path)
    with inside(canary.work):
        Path("good.toml").write_text('[projects.p]\nneeds = ["libcolor"]\n')
        source = {"file": str(Path("good.toml").resolve())} if "file" in source else source
        session, lesson = session_from(source)
        sh = Shell(session, lesson, "en", io.StringIO(), interactive=False)
        with budget():
            for line in lines:
                sh.session.run(canary.fill(line))
            assert sh.save("s.json")
            again = shell(io.StringIO())
            again.load("s.json")
        assert again.session.world == sh.session.world
    canary.check({"good.toml", "s.json"})
