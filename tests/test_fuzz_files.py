"""Fuzzing scenario and lesson files: mutated shipped files and random TOML structures go through the
loaders and through ``venvsim run``, ``draw``, ``lesson check`` and ``lesson run`` in-process.

Each either works or answers one line naming the file, exit 2; no traceback, no hang, and
nothing written but what was asked for."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from hypothesis import given

from simulator.cli import main
from simulator.lessons.format import loads_lesson
from simulator.scenario import ScenarioError, loads

from .fuzz import DOCUMENT, LARGE, budget, canary_for, fuzz_settings, inside, mutated, sources, toml_document

SOURCES = sources()


def venvsim(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), budget():
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> None:
    assert err.startswith("venvsim: f.toml") and err.count("\n") == 1 and err.endswith("\n"), err


def loaders_agree(text: str) -> bool:
    """The scenario loader and the lesson loader give a value or a one-line ``ScenarioError``;
    whether the file is valid for ``run``, ``draw`` and ``verify`` (a file with a ``lesson``
    key must be a whole lesson)."""
    with budget():
        try:
            data = loads(text, "f.toml").data
        except ScenarioError as e:
            assert str(e).startswith("f.toml") and "\n" not in str(e), str(e)
            return False
        if "lesson" in data or "exercises" in data:
            try:
                loads_lesson(text, "f.toml")
            except ScenarioError as e:
                assert str(e).startswith("f.toml") and "\n" not in str(e), str(e)
                return "lesson" not in data
    return True


def through_the_commands(tmp_path: Path, text: str, owner: Any) -> None:
    canary = canary_for(owner, tmp_path)
    text = canary.fill(text)
    valid = loaders_agree(text)
    with inside(canary.work):
        Path("f.toml").write_text(text, encoding="utf-8")
        code, out, err = venvsim("run", "f.toml", "--json")
        assert code == (0 if valid else 2), (code, err)
        if code == 0:
            assert set(json.loads(out)) == {"steps", "environments"}
        else:
            one_line(err)
        code, out, err = venvsim("draw", "f.toml", "--view", "compare", "--out", "x.mmd")
        assert code == (0 if valid else 2), (code, err)
        if code == 2:
            one_line(err)
        for action in ("check", "run"):
            code, out, err = venvsim("lesson", action, "f.toml", "--no-pause")
            assert code in (0, 1, 2), code
            if code == 2:
                one_line(err)
        Path("f.toml").unlink()
        Path("x.mmd").unlink(missing_ok=True)
    canary.check()


@LARGE
@fuzz_settings(40)
@given(text=mutated(SOURCES))
def test_mutated_files(tmp_path: Path, text: str) -> None:
    through_the_commands(tmp_path, text, test_mutated_files)


@LARGE
@fuzz_settings(60)
@given(data=DOCUMENT)
def test_random_structures(tmp_path: Path, data: dict[str, Any]) -> None:
    through_the_commands(tmp_path, toml_document(data), test_random_structures)


def test_the_toml_writer_round_trips() -> None:
    import tomllib

    data = {"a": ["x\n\"\\\x7f\x00", 1, 2.5, True, {"": {"b": []}}], "é [k]": float("inf")}
    assert tomllib.loads(toml_document(data)) == data
