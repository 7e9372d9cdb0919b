"""Bad input to every command: one line naming the file (and line), exit 2, never a traceback or a hang."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from simulator.classroom.repl import main as shell_main
from simulator.cli import main
from simulator.model.projects import projects
from simulator.model.world import ProjectSpec, WorldSpec, build
from simulator.render.facts import facts
from simulator.scenario import ScenarioError, loads
from simulator.shell.run import run_line

DEEP_TOML = "title = 'x'\nx = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = "a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n"


def commands(path: Path, out: Path) -> list[list[str]]:
    """Every command that loads a scenario or lesson file."""
    return [["run", str(path)], ["run", str(path), "--json"], ["verify", str(path)],
            ["verify", str(path), "--json"], ["draw", str(path), "--out", str(out / "x.svg")],
            ["lesson", "check", str(path)], ["lesson", "run", str(path), "--no-pause"],
            ["lesson", "slides", str(path), "--out", str(out / "slides")], ["shell", str(path)]]


def one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch) -> str:
    """Run ``venvsim argv``; it must exit 2 with one line on stderr and nothing on stdout."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(argv) == 2, argv
    out, err = capsys.readouterr()
    assert out == "", (argv, out)
    assert err.startswith("venvsim: ") and err.endswith("\n") and err.count("\n") == 1, (argv, err)
    return err


@pytest.mark.parametrize("text, where", [(DEEP_TOML, ":2: invalid TOML: nested too deeply"),
                                         (DEEP_TABLE, ":1: invalid TOML: nested too deeply")])
def test_deeply_nested_toml_is_one_line_in_every_command(
        text: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text)
    for argv in commands(path, tmp_path):
        assert where in one_line_error(argv, capsys, monkeypatch)
    with pytest.raises(ScenarioError, match="nested too deeply"):
        loads(text, "deep.toml")


def test_files_that_are_not_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bin.toml").write_bytes(b'title = "a"\n\xff\xfe\n')
    (tmp_path / "big.toml").write_bytes(b"# " + b"x" * 2**20 + b"\n")
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "fifo.toml")
    expected = {"bin.toml": "bin.toml:2: not UTF-8 text (byte 0xff)",
                "big.toml": "big.toml: larger than 1 MiB",
                "folder.toml": "folder.toml: is a folder, not a file",
                "fifo.toml": "fifo.toml: not a regular file",  # would block until someone writes
                "missing.toml": "missing.toml: no such file"}
    for name, message in expected.items():
        for argv in commands(tmp_path / name, tmp_path):
            said = "there is no lesson" if argv[0] == "lesson" and name == "missing.toml" else message
            assert said in one_line_error(argv, capsys, monkeypatch), argv  # (no id, no file)
    for argv in commands(Path("/dev/zero"), tmp_path):  # endless: refused, never read
        assert "/dev/zero: not a regular file" in one_line_error(argv, capsys, monkeypatch)


def test_an_empty_file_is_a_scenario_with_nothing_to_do(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    (tmp_path / "empty.toml").write_text("")
    assert main(["run", str(tmp_path / "empty.toml")]) == 0
    assert capsys.readouterr() == ("", "")


PROJECT = """[projects.p]
{key} = {value}
[[steps]]
run = "ls"
"""


@pytest.mark.parametrize("key, value, message", [
    ("files", '{ "." = "x" }', ':2: projects.p.files..: must be a path inside the project'),
    ("files", '{ "" = "x" }', ':2: projects.p.files.: must be a path inside the project'),
    ("files", '{ "a//b" = "x" }', ":2: projects.p.files.a//b: must be a path inside the project"),
    ("files", '{ "./a" = "x" }', ":2: projects.p.files../a: must be a path inside the project"),
    ("files", '{ "../a" = "x" }', ":2: projects.p.files.../a: must be a path inside the project"),
    ("files", '{ "/etc/a" = "x" }', ":2: projects.p.files./etc/a: must be a path inside the project"),
    ("files", '{ a = "1", "a/b" = "2" }', ":2: projects.p.files.a/b: /home/ana/p/a is a file of project p"),
    ("files", '{ "a/b" = "1", a = "2" }', ":2: projects.p.files.a: /home/ana/p/a is a folder"),
    ("files", '{ "app.py/x" = "1" }', ":2: projects.p.files.app.py/x: /home/ana/p/app.py is a file of "
                                      "project p"),
    ("files", '{ "' + "n" * 5000 + '" = "1" }',
     ":2: projects.p.files.nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…(5000 characters): a file name of 5000 bytes "
     "(Linux allows 255)"),
    ("files", '{ "' + "/".join(["d" * 200] * 21) + '" = "1" }',
     ":2: projects.p.files.dddddddddddddddddddddddddddddddd…(4220 characters): a path of 4232 bytes "
     "(Linux allows 4095)"),
    ("files", '{ "a\\u0000b" = "1" }', r":2: projects.p.files.a\x00b: holds a NUL character"),
    ("path", '"/usr/bin/python3.11"', ":2: projects.p.path: /usr/bin/python3.11 is a file of the machine"),
    ("path", '"/usr/bin/python3.11/x"', ":2: projects.p.path: /usr/bin/python3.11 is a file of the machine"),
    ("path", '"/usr/bin/python3"', ":2: projects.p.path: /usr/bin/python3 is a file of the machine"),
    ("path", '"/bin/ls"', ":2: projects.p.path: /bin/ls is a file of the machine"),
    ("path", '"~/x/../.."', ":2: projects.p.path: holds '..'; give the folder itself"),
    ("path", '"~/' + "n" * 256 + '"', ":2: projects.p.path: a file name of 256 bytes (Linux allows 255)"),
])
def test_run_and_verify_refuse_the_same_impossible_project_files(
        key: str, value: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.toml"
    path.write_text(PROJECT.format(key=key, value=value))
    errors = {one_line_error(argv, capsys, monkeypatch) for argv in commands(path, tmp_path)
              if argv[0] in ("run", "verify", "draw", "shell")}
    assert len(errors) == 1, errors
    assert f"venvsim: {path}{message}" in errors.pop()


def test_projects_may_share_folders_but_not_files(tmp_path: Path) -> None:
    ok = loads('[projects.a]\npath = "~"\n[projects.b]\npath = "~/a/b"\n[projects.c]\npath = "/tmp"\n'
               '[projects.d]\npath = "/srv/w/"\nfiles = { "app.py" = "own code", "src/m.py" = "" }\n')
    assert [p.path for p in ok.spec.projects] == ["~", "~/a/b", "/tmp", "/srv/w/"]
    with pytest.raises(ScenarioError, match=r":4: projects.b.path: /home/ana/x/app.py is a file of proj"):
        loads('[projects.a]\npath = "~/x"\n[projects.b]\npath = "~/x/app.py"\n', "f.toml")
    with pytest.raises(ScenarioError, match=r"projects.b.path: /home/ana/x/app.py is a file of project a"):
        loads('[projects.a]\npath = "~/x"\n[projects.b]\npath = "~/x"\n', "f.toml")


def test_a_step_cannot_hold_a_nul() -> None:
    with pytest.raises(ScenarioError, match=r"<scenario>:2: steps\[0\].run: holds a NUL character"):
        loads('[[steps]]\nrun = "echo a\\u0000b"\n')


def test_control_characters_in_keys_keep_the_error_on_one_line() -> None:
    with pytest.raises(ScenarioError) as e:
        loads('[projects."a\\nb"]\n')
    assert "\n" not in str(e.value) and r"'a\nb'" in str(e.value)


LESSON = """[lesson]
title.es = "Corchetes [bold]x[/bold]"
title.en = "Brackets [bold]x[/x]"
summary.es = "uno [/x] dos"
summary.en = "one [/x] two"
intro.es = "[red]hola[/]"
intro.en = "[red]hello[/] [/x]"

[projects.p]
needs = []

[[steps]]
run = "mkdir '[bold]' && cd '[bold]' && python3 -m venv '[/x]' && echo '[/x]'"
say.es = "Mira [bold]esto[/bold] y [/x]"
say.en = "Look [bold]here[/bold] and [/x]"
show = "compare"
{expect}
"""


def test_square_brackets_in_lessons_are_text_not_markup(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "brackets.toml"
    path.write_text(LESSON.format(expect='[steps.expect]\nabsent = { "~/[bold]/[/x]" = ["libcolor"] }'))
    assert main(["lesson", "run", str(path), "--no-pause", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for text in ("Brackets [bold]x[/x]", "one [/x] two", "[red]hello[/] [/x]",
                 "Look [bold]here[/bold] and [/x]", "~/[bold]/[/x]", "│ [/x] "):  # echo's output
        assert text in out, text
    assert main(["lesson", "check", str(path)]) == 0
    path.write_text(LESSON.format(expect='[steps.expect]\ninstalled = { "~/[bold]/[/x]" = { "[x]" = "1" } }'))
    assert main(["lesson", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "    step 1 (mkdir '[bold]' && cd '[bold]' && python3 -m venv '[/x]' && echo '[/x]'): [x] is " \
           "not installed in ~/[bold]/[/x]\n" in out  # one line, however long


@pytest.mark.parametrize("addition, message", [
    ('exercises = "x"', ':1: exercises: must be an array of [[exercises]]'),
    ("[steps.expect]\ninstalled = []", ":18: steps[0].expect.installed: must be a table of environments"),
    ('[steps.expect]\nabsent = "libcolor"', ":18: steps[0].expect.absent: must be a table of environments"),
    ('[steps.expect]\ninstalled = { "/usr" = "libcolor" }',
     ':18: steps[0].expect.installed./usr: must map names to versions ("*" for any)'),
    ('[steps.expect]\nabsent = { "/usr" = "libcolor" }',
     ":18: steps[0].expect.absent./usr: must be a list of strings"),
])
def test_lesson_errors_are_one_line_on_stderr_with_their_brackets(
        addition: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ("a-long-name-so-that-the-line-is-longer-than-eighty-columns-" * 2 + ".toml")
    lesson = LESSON.format(expect=addition if "steps" in addition else "")
    text = lesson if "steps" in addition else addition + "\n" + lesson
    path.write_text(text)
    for action in ("check", "run"):
        err = one_line_error(["lesson", action, str(path), "--no-pause"], capsys, monkeypatch)
        assert err.startswith(f"venvsim: {path}{message}")
    if "exercises" not in addition:
        err = one_line_error(["lesson", "check", str(tmp_path / "missing.toml")], capsys, monkeypatch)
        assert "missing.toml" in err


def test_a_removed_interpreter_is_drawn_as_missing(tmp_path: Path) -> None:
    spec = WorldSpec(projects=(ProjectSpec("p", "~/p", ("libcolor",)),))
    world = run_line(build(spec), "python3 -m venv p/.venv && rm /usr/bin/python3.11").world
    [p] = projects(world)
    assert [n.reason for n in p.problems] == ["needs /usr/bin/python3.11 · missing"]
    [i] = facts(world).interpreters
    assert i.missing and i.title("en") == "✗ Python 3.11.7 · /usr/bin/python3.11 · missing"
    over = run_line(world, "mkdir /usr/bin/python3.11").world  # a folder where python was
    assert facts(over).interpreters[0].missing
    path = tmp_path / "rm.toml"
    path.write_text('[projects.p]\nneeds = ["libcolor"]\n[[steps]]\nrun = "rm /usr/bin/python3.11"\n')
    for view in ("global", "venvs", "graph", "compare", "timeline"):
        for suffix in ("svg", "mmd", "dot"):
            out = tmp_path / f"{view}.{suffix}"
            assert main(["draw", str(path), "--view", view, "--lang", "en", "--out", str(out)]) == 0
    assert "✗ Python 3.11.7 · /usr/bin/python3.11 · missing" in (tmp_path / "compare.mmd").read_text()
    assert "✗ Python 3.11.7 · /usr/bin/python3.11 · missing" in (tmp_path / "venvs.svg").read_text()


def test_the_shell_draws_any_world_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[projects.p]\nneeds = ["libcolor"]\n')
    site = "/usr/lib/python3.11/site-packages/x-1.0.dist-info"
    lines = ["mkdir '[bold]' && python3 -m venv '[bold]/[/x]'", ":draw", "rm /usr/bin/python3.11", ":draw",
             ":draw graph", "mkdir /usr/bin/python3.11", ":draw venvs",
             f"mkdir {site}", f"printf 'Name: x\\nVersion: zz\\nRequires-Dist: ((bad\\n' > {site}/METADATA",
             ":draw graph", ":draw", "echo alive"]
    out = io.StringIO()
    assert shell_main(str(path), None, "en", stdin=io.StringIO("\n".join(lines) + "\n"), out=out) == 0
    text = out.getvalue()
    assert "Global Python 3.11 · ✗ missing" in text and "needs /usr/bin/python3.11 · missing" in text
    assert "((bad" in text and "~/[bold]/[/x] · Python 3.11" in text and "alive\n" in text


@pytest.mark.parametrize("line, output", [
    # GNU coreutils 9 cut, recorded on this machine
    ("cut -c", "cut: option requires an argument -- 'c'\nTry 'cut --help' for more information.\n"),
    ("cut -d", "cut: option requires an argument -- 'd'\nTry 'cut --help' for more information.\n"),
    ("echo abc | cut -c 1,x",
     "cut: invalid byte/character position ‘x’\nTry 'cut --help' for more information.\n"),
    ("echo abc | cut -f 2-y", "cut: invalid field value ‘y’\nTry 'cut --help' for more information.\n"),
])
def test_cut_with_a_missing_or_bad_list_answers_as_cut(line: str, output: str) -> None:
    outcome = run_line(build(WorldSpec()), line)
    assert (outcome.code, outcome.output) == (1, output)


def test_outputs_that_cannot_be_written_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    long = str(tmp_path / ("a" * 300))
    example = str(Path(__file__).parents[1] / "examples" / "two-projects.toml")
    assert "File name too long" in one_line_error(["draw", example, "--out", long + ".svg"], capsys,
                                                  monkeypatch)
    assert "File name too long" in one_line_error(["lesson", "slides", "01", "--out", long], capsys,
                                                  monkeypatch)
    (tmp_path / "deck" / "slides.md").mkdir(parents=True)  # a folder where the deck goes
    err = one_line_error(["lesson", "slides", "01", "--out", str(tmp_path / "deck")], capsys, monkeypatch)
    assert err == f"venvsim: cannot write {tmp_path}/deck/slides.md: Is a directory\n"


def test_shell_machine_is_for_the_sandbox_only(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in (["shell", "--lesson", "01", "--machine", "uv"],
                 ["shell", "examples/two-projects.toml", "--machine", "debian13"]):
        assert "--machine picks the sandbox" in one_line_error(argv, capsys, monkeypatch)
