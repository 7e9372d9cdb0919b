"""The student shell, driven through a pipe as a script would."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.classroom.repl import main, session_from
from simulator.model.environments import environments

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
    text = session(["nosuch", ":nosuch", "pip instal x", ":why", ":explain", "'unclosed"])
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


def test_save_toml_is_a_scenario_that_replays_to_the_same_world(tmp_path: Path) -> None:
    from simulator.replay import replay
    from simulator.scenario import load

    target = tmp_path / "s.toml"
    lines = ["cd tienda", "python3 -m venv .venv", "source .venv/bin/activate",
             "pip install -q appa", 'for p in a b; do echo "$p"; done']
    session([*lines, f":save {target}"])
    scenario = load(target)
    assert [s.run for s in scenario.steps] == lines
    end = replay(scenario).end
    start, _ = session_from({"file": EXAMPLE})
    for line in lines:
        start.run(line)
    assert environments(end) == environments(start.world)


def test_load_answers_bad_files_in_one_line_and_the_shell_goes_on(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000, encoding="utf-8")
    missing = tmp_path / "missing.json"
    missing.write_text(json.dumps({"venvsim_session": 1, "source": {"file": "/nonexistent.toml"},
                                   "lines": []}), encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"venvsim_session": 1, "source": [], "lines": {}}),
                     encoding="utf-8")
    text = session([f":load {deep}", f":load {missing}", f":load {wrong}", f":load {tmp_path}",
                    ":load /etc/passwd", ":load /dev/zero", "echo still here"])
    assert "deep.json: is not a venvsim session (not JSON)" in text
    assert "missing.json: its scenario /nonexistent.toml is not there any more" in text
    assert "wrong.json: is not a venvsim session: 'lines' must be a list of strings" in text
    assert ": is a folder, not a saved session" in text
    assert "/etc/passwd: is not a venvsim session (not JSON)" in text
    assert "/dev/zero: is not a regular file" in text
    assert "still here" in text
    assert "Traceback" not in text


def test_help_says_what_each_command_does() -> None:
    from simulator.classroom.repl import META

    text = session([":help"])
    for name in META:
        assert any(line.strip().startswith(name + " ") for line in text.splitlines())
    assert "take back the last command" in text


def test_lessons_answer_to_their_number_and_slug() -> None:
    from simulator.lessons.format import find

    assert find("1") == find("01") == find("global-python") == find("01-global-python")
    assert find("1") is not None
    assert find("99") is None


def test_a_program_reading_stdin_reads_the_next_piped_line() -> None:
    text = session(["pip install -q appa", "pip uninstall appa", "maybe", "n", "pip list"])
    assert "Proceed (Y/n)? maybe\nYour response ('maybe') was not one of the expected " in text
    assert "Proceed (Y/n)? n\n" in text
    assert "appa       1.0" in text  # "n" kept it


def test_plain_shell_starts_on_the_sandbox_with_a_banner() -> None:
    out = io.StringIO()
    main(None, None, "en", stdin=io.StringIO("pip install -q requests\npip list\n"), out=out)
    text = out.getvalue()
    assert text.startswith("A sandbox machine: one global Python 3.11")
    assert "Try: pip install requests" in text
    for name in ("requests", "urllib3", "idna", "certifi", "charset-normalizer"):
        assert f"\n{name} " in text


def test_the_shell_picks_its_sandbox_machine_and_saves_it(tmp_path: Path) -> None:
    out = io.StringIO()
    saved = tmp_path / "s.json"
    main(None, None, "en", stdin=io.StringIO(f"python\nuv --version\n:save {saved}\n"), out=out,
         machine="debian13")
    text = out.getvalue()
    assert text.startswith("A freshly installed Debian 13")
    assert "ana@aula:~$ python\nbash: python: command not found\n" in text
    assert "bash: uv: command not found" in text
    assert json.loads(saved.read_text())["source"] == {"machine": "debian13"}
    session, _ = session_from({"machine": "uv"})
    assert session.run("uv --version").output == "uv 0.13.8 (x86_64-unknown-linux-gnu)\n"
    out = io.StringIO()
    main(None, None, "es", stdin=io.StringIO(f":load {saved}\npython3 --version\n"), out=out)
    assert "Python 3.13.5\n" in out.getvalue()


def test_a_command_that_goes_on_reads_more_lines_after_bash_prompt() -> None:
    # bash 5.2 -i, fed these lines, printed the same; its history joined them the same way
    text = session(["for p in a b", "do echo item $p", "done", "if true", "then", "echo y", "fi",
                    "echo a &&", "echo b", "history", "echo $(ls"])
    assert "ana@aula:~$ for p in a b\n> do echo item $p\n> done\nitem a\nitem b\n" in text
    assert ("    1  for p in a b; do echo item $p; done\n    2  if true; then echo y; fi\n"
            "    3  echo a && echo b\n    4  history\n") in text
    assert "bash: unexpected EOF while looking for matching `)'" in text


def test_goals_and_hints_render_their_markdown() -> None:
    from simulator.lessons.format import find, load_lesson

    path = find("02")
    assert path is not None
    exercise = load_lesson(path).exercises[0]
    assert "**" in exercise.prompt["en"] or "`" in "".join(exercise.hints["en"])
    text = session([":goal", ":hint", ":hint"], file=None, lesson="02")
    assert "**" not in text
    assert "`" not in text
    assert "Hint 1:" in text


def test_explain_at_the_start_speaks_of_what_is_broken_now() -> None:
    text = session([":explain", "pip install -q appa", ":explain"])
    first, second = text.split("ana@aula:~$ pip install -q appa")
    assert "tienda (~/tienda) is broken: it runs on the Python in /usr and needs appa and " \
           "does not find appa" in first
    assert "there has been no conflict yet" not in first
    assert "tienda (~/tienda) is broken" not in second  # appa and libcolor 1.0 are there now
    assert "blog (~/blog) is broken" in second and "finds libcolor 1.0" in second


def test_draw_writes_the_picture_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "g.svg"
    text = session(["pip install -q appa", f":draw global {target}", f":draw nosuch {target}.png"])
    assert f"saved to {target}" in text
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert "appa 1.0" in target.read_text(encoding="utf-8")
    assert "unknown view 'nosuch'" in text


def test_step_starts_the_shell_after_the_files_first_steps() -> None:
    out = io.StringIO()
    code = main(EXAMPLE, None, "en", stdin=io.StringIO("pwd\npip list\n"), out=out, step=2)
    assert code == 0
    text = out.getvalue()
    assert text.startswith("ana@aula:~/tienda$ pwd\n/home/ana/tienda\n")
    assert "appa       1.0" in text
    assert main(EXAMPLE, None, "en", stdin=io.StringIO(""), out=io.StringIO(), step=99) == 2


def test_python_alone_is_a_prompt_as_cpython_shows_it() -> None:
    # what CPython 3.11.7 printed in tmux for the same lines
    text = session(["python", "x = 2", "x", "nope", "exit", "for i in range(2):", "    print(i)",
                    "", "exit()", "echo back"])
    assert ("Python 3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0] on linux\n"
            'Type "help", "copyright", "credits" or "license" for more information.\n'
            ">>> x = 2\n>>> x\n2\n>>> nope\nTraceback (most recent call last):\n"
            '  File "<stdin>", line 1, in <module>\n'
            "NameError: name 'nope' is not defined. Did you mean: 'None'?\n"
            ">>> exit\nUse exit() or Ctrl-D (i.e. EOF) to exit\n"
            ">>> for i in range(2):\n...     print(i)\n... \n0\n1\n>>> exit()\n") in text
    assert "ana@aula:~$ echo back\nback\n" in text


def test_input_at_the_python_prompt_reads_the_keyboard() -> None:
    text = session(["python", 'name = input("Name? ")', "Ana", 'print("hi", name)', "exit()"])
    assert '>>> name = input("Name? ")\nName? Ana\n>>> print("hi", name)\nhi Ana\n' in text


def test_a_piped_session_that_ends_at_a_question_ends_as_reading_a_pipe_does() -> None:
    text = session(["pip install -q appa", "pip uninstall appa"])
    assert text.rstrip().endswith("EOFError: EOF when reading a line\nBye!")
