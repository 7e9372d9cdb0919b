"""The lesson library: every lesson loads, speaks both languages, and checks itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from simulator.classroom.runner import check_lesson, run_lesson
from simulator.i18n import STRINGS, language, t
from simulator.lessons.format import LANGS, lesson_paths, load_lesson, loads_lesson
from simulator.scenario import ScenarioError

PATHS = lesson_paths()


def test_every_interface_string_speaks_both_languages() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_lesson_loads_and_checks_itself(path: Path) -> None:
    lesson = load_lesson(path)
    for lang in LANGS:
        assert lesson.title[lang] and lesson.summary[lang]
        for step in lesson.steps:
            assert not step.say or step.say[lang]
    assert check_lesson(lesson) == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", LANGS)
def test_lesson_runs_in_both_languages_on_a_small_terminal(path: Path, lang: str) -> None:
    console = Console(width=80, height=24, color_system=None, record=True)
    assert run_lesson(load_lesson(path), lang, console) == 0
    text = console.export_text()
    assert t("lesson_done", lang) in text
    assert "Traceback (most recent call last)" not in text or "ModuleNotFoundError" in text


def test_library_has_ten_lessons_and_exercises_in_half() -> None:
    lessons = [load_lesson(p) for p in PATHS]
    assert len(lessons) >= 10
    assert sum(1 for lesson in lessons if lesson.exercises) >= len(lessons) / 2


def test_language_follows_the_locale() -> None:
    assert language(None, {"LANG": "es_ES.UTF-8"}) == "es"
    assert language(None, {"LANG": "C.UTF-8"}) == "en"
    assert language("es", {"LANG": "en_US"}) == "es"


BAD = """
[lesson]
level = "beginner"
minutes = 5
title.es = "Hola"
summary.es = "x"
summary.en = "x"
[[steps]]
run = "ls"
"""


def test_a_lesson_missing_a_language_names_file_line_and_key() -> None:
    with pytest.raises(ScenarioError) as info:
        loads_lesson(BAD, "bad.toml")
    assert str(info.value).startswith("bad.toml:5: lesson.title.en: missing text")


def _venvsim(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_cli_list_json_and_check() -> None:
    result = _venvsim("lesson", "list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert {"id", "title", "level", "minutes"} <= set(rows[0])
    assert set(rows[0]["title"]) == {"es", "en"}
    assert _venvsim("lesson", "check").returncode == 0


def test_cli_takes_a_lesson_file_by_path(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    shipped = next(p for p in lesson_paths() if p.stem.startswith("02"))
    mine.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    checked = _venvsim("lesson", "check", str(mine), "--lang", "en")
    assert checked.returncode == 0 and "mine: steps: 9, exercises: 1; all checked" in checked.stdout
    ran = _venvsim("lesson", "run", str(mine), "--no-pause", "--lang", "en")
    assert ran.returncode == 0 and "End of the lesson." in ran.stdout
    assert _venvsim("lesson", "check", str(tmp_path / "nope.toml")).returncode == 2


def test_cli_bad_lesson_id_and_step_exit_2() -> None:
    assert _venvsim("lesson", "run", "nope").returncode == 2
    assert _venvsim("lesson", "run", "01", "--from", "99").returncode == 2


def test_lesson_run_never_imports_matplotlib_or_networkx() -> None:
    import os

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "simulator", "lesson", "run", "01",
         "--no-pause", "--lang", "en"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "rich" in imported
    assert not imported & {"matplotlib", "networkx"}
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal: plain text
