"""The student shell, driven through a pipe as a script would."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model.environments import environments
from simulator.shell.repl import main, session_from

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "two-projects.toml")


def session(lines: list[str], *, file: str | None = EXAMPLE, lesson: str | None = None,
            lang: str = "en") -> str:
    out = io.StringIO()
    code = main(file, lesson, lang, stdin=io.StringIO("\n".join(lines) + "\n"), out=out)
    assert code == 0
    return out.getvalue()


def test_commands_undo_redo_and_prompt() -> None:
    text = session(["cd ~/tienda", "python3 -m venv .venv", "source .venv/bin/activate",
                    ":undo", "pwd", ":redo"])
    assert "ana@aula:~$ cd ~/tienda\n" in text
    assert "(.venv) ana@aula:~/tienda$ :undo\n" in text
    assert "\nana@aula:~/tienda$ pwd\n" in text  # the undo took the activation back
    assert "undone: source .venv/bin/activate" in text
    assert "nothing to redo" in text  # pwd ran after the undo: the redo branch is gone
    assert text.rstrip().endswith("Bye!")


def test_unknown_commands_and_meta_commands_answer_without_tracebacks() -> None:
    text = session(["nosuch", ":nosuch", "'unclosed", "pip instal x", ":why", ":explain"])
    assert "bash: nosuch: command not found" in text
    assert "unknown command :nosuch" in text
    assert "unexpected EOF while looking for matching" in text
    assert 'ERROR: unknown command "instal"' in text
    assert "Traceback" not in text


def test_lesson_exercise_goal_is_announced_when_met() -> None:
    from simulator.lessons.format import find, load_lesson

    path = find("02")
    assert path is not None
    lesson = load_lesson(path)
    exercise = lesson.exercises[0]
    text = session([":goal", ":hint", *exercise.solution], file=None, lesson="02")
    assert exercise.prompt["en"].split("**")[0][:10] in text
    assert f"Goal reached in {len(exercise.solution)} commands!" in text


def test_disabled_commands_are_refused_in_exercises() -> None:
    from simulator.lessons.format import find, load_lesson

    for path_id in ("01", "02", "05", "06", "09"):
        path = find(path_id)
        if path is None:
            continue
        lesson = load_lesson(path)
        for ex in lesson.exercises:
            if ex.disabled:
                text = session([ex.disabled[0] + " x"], file=None, lesson=path_id, lang="es")
                assert "ese comando está desactivado en este ejercicio" in text
                return


LINES = st.lists(st.sampled_from([
    "pip install appa", "pip install appb", "cd ~/tienda", "cd ~/blog", "python3 -m venv .venv",
    "source .venv/bin/activate", "deactivate", "pip uninstall -y libcolor", ":undo", ":redo",
    "python app.py", "mv .venv moved", "pip install -U libcolor",
]), max_size=10)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(LINES)
def test_save_then_load_gives_back_exactly_the_same_world(tmp_path: Path,
                                                          lines: list[str]) -> None:
    saved = tmp_path / "s.json"
    session([*lines, f":save {saved}"])
    data = json.loads(saved.read_text())
    restored, _ = session_from(data["source"])
    for line in data["lines"]:
        restored.run(line)
    original, _ = session_from({"file": EXAMPLE})
    for line in lines:
        if line == ":undo":
            original.undo()
        elif line == ":redo":
            original.redo()
        else:
            original.run(line)
    assert restored.world.fs == original.world.fs
    assert restored.world.shell.env == original.world.shell.env
    assert environments(restored.world) == environments(original.world)
