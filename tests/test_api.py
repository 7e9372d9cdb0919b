"""The public API: building worlds from Python, running lines, checking, and showing."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import simulator
from simulator import ScenarioError, World, check_lesson, configure, load
from simulator.display import DisplayError

LESSONS = Path(__file__).parents[1] / "lessons"
INDEX = {
    "libcolor": ["1.0", "2.0", "3.0"],
    "appa": [{"version": "1.0", "requires": ["libcolor<2"]}],
    "appb": [{"version": "1.0", "requires": ["libcolor>=2"]}],
}
PROJECTS = {"tienda": ["appa", "libcolor<2"], "blog": {"needs": ["appb", "libcolor>=2"]}}


@pytest.fixture
def world() -> World:
    return World.new(pythons=["3.11"], index=INDEX, projects=PROJECTS)


def test_run_returns_a_new_world_and_leaves_the_old_one(world: World) -> None:
    after, result = world.run("pip install appa")
    assert result.exit_code == 0 and result.ok
    assert "Successfully installed appa-1.0 libcolor-1.0" in result.output
    events = [(e["event"], e["name"]) for e in result.events]
    assert events == [("installed", "libcolor"), ("installed", "appa")]
    assert after.environments[0].packages == {"appa": "1.0", "libcolor": "1.0"}
    assert world.environments[0].packages == {}
    assert result.before is world and result.world is after


def test_check_says_what_is_broken_and_why(world: World) -> None:
    tl = world.replay(["pip install appa", "pip install appb"])
    problems = [str(p) for p in tl.end.check()]
    assert problems == [
        "tienda (~/tienda): needs libcolor<2 · has 3.0",
        "appa 1.0 (/usr): requires libcolor<2, but you have 3.0",
    ]
    assert tl.end.projects == {"blog": True, "tienda": False}
    assert "ERROR: pip's dependency resolver" in tl[1].output


def test_venvs_fix_it(world: World) -> None:
    tl = world.replay([
        "cd tienda && python3 -m venv .venv && .venv/bin/pip install appa && cd",
        "cd blog && python3 -m venv .venv && .venv/bin/pip install appb && cd",
    ])
    assert [r.exit_code for r in tl] == [0, 0]
    assert tl.end.check() == []
    kinds = sorted((e.kind, e.prefix) for e in tl.end.environments)
    assert kinds == [("system", "/usr"), ("venv", "/home/ana/blog/.venv"), ("venv", "/home/ana/tienda/.venv")]


def test_bad_lines_give_bash_and_pip_answers_not_exceptions(world: World) -> None:
    for line, code in [("pip install 'unclosed", 2), ("nosuch", 127), ("pip install nosuchpkg", 1),
                       ("pip instal appa", 1), ("", 0)]:
        _, result = world.run(line)
        assert result.exit_code == code, line


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"pythons": ["3.99"]}, "World.new: world.pythons[0]: unknown python '3.99'"),
    ({"index": {"x": ["not a version"]}}, "World.new: index.x[0].version: invalid version 'not a version'"),
    ({"projects": {"p": ["libcolor<<2"]}}, "World.new: projects.p.needs[0]: invalid requirement"),
    ({"projects": {"p": {"need": []}}}, "World.new: projects.p.need: unknown key"),
])
def test_bad_worlds_name_the_key(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ScenarioError) as e:
        World.new(**kwargs)  # type: ignore[arg-type]
    assert str(e.value).startswith(message)
    assert e.value._render_traceback_() == [f"ScenarioError: {e.value}"]  # IPython shows one line


def test_new_takes_tools_and_os() -> None:
    uv = World.new(tools=["uv"], index=INDEX)
    assert uv.run("uv --version")[1].output == "uv 0.13.8 (x86_64-unknown-linux-gnu)\n"
    assert World.new(index=INDEX).run("uv --version")[1].exit_code == 127
    debian = World.new(os="debian13", index=INDEX)
    assert [debian.run(line)[1].exit_code for line in ("python --version", "pip install appa")] == [127, 1]
    assert debian.run("python3 --version")[1].output == "Python 3.13.5\n"
    assert [e.python for e in debian.environments] == ["3.13"]
    bad = [({"tools": ["poetry"]}, "world.tools[0]: unknown tool 'poetry'"),
           ({"os": "debian12"}, "world.os: unknown os 'debian12'"),
           ({"os": "debian13", "pythons": ["3.11"]}, "world.pythons: debian13 has only python 3.13")]
    for kwargs, message in bad:
        with pytest.raises(ScenarioError, match=re.escape(f"World.new: {message}")):
            World.new(**kwargs)  # type: ignore[arg-type]


def test_load_replays_a_lesson_and_a_bad_file_is_one_line(tmp_path: Path) -> None:
    tl = load(LESSONS / "01-global-python.toml")
    assert len(tl) > 3 and tl.world_at(0).environments[0].packages == {}
    assert tl.to_json()["steps"][0]["run"] == tl[0].line
    bad = tmp_path / "bad.toml"
    bad.write_text('[world]\npythons = ["3.11"]\n[[steps]]\nrun = 3\n')
    with pytest.raises(ScenarioError, match=r"bad.toml:4: steps\[0\].run: must be a string"):
        load(bad)
    with pytest.raises(IndexError):
        tl.world_at(len(tl) + 1)


def test_check_lesson_finds_a_wrong_expect(tmp_path: Path) -> None:
    assert check_lesson(LESSONS / "02-one-venv-per-project.toml") == []
    text = (LESSONS / "01-global-python.toml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace("exit_code = 0\n", "exit_code = 1\n", 1), encoding="utf-8")
    problems = check_lesson(wrong)
    assert len(problems) == 1 and problems[0].startswith("step 1 (which python3 pip)")


def test_display_bundles_hold_an_svg_and_plain_text(world: World) -> None:
    after, result = world.replay(["pip install appa"]).end.run("pip install libcolor==3.0")
    for obj in (after, result, after.environments[0], after.replay(["pip list"])):
        bundle = obj._repr_mimebundle_()
        svg = bundle["image/svg+xml"]
        assert svg.startswith("<?xml") and "<svg" in svg and bundle["text/plain"]
    assert "libcolor" in after._repr_mimebundle_()["text/plain"]
    html = result._repr_mimebundle_()["text/html"]
    assert "Successfully installed" in html and "data:image/svg+xml;base64," in html
    # Same world, same bytes.
    assert after._repr_mimebundle_() == World(after.state)._repr_mimebundle_()


def test_rich_display(world: World) -> None:
    from rich.console import Console

    after, result = world.run("pip install appa")
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    console.print(after, result, after.environments[0])
    text = console.export_text()
    assert "libcolor 1.0" in text and "[exit 0]" in text and "✓ tienda" in text


def test_configure_and_bad_choices(world: World, tmp_path: Path) -> None:
    with pytest.raises(DisplayError, match="unknown view 'pie'"):
        configure(view="pie")
    with pytest.raises(DisplayError, match="unknown theme 'neon'"):
        world.save(str(tmp_path / "x.svg"), theme="neon")
    with pytest.raises(DisplayError, match=r"unknown suffix '\.jpg'"):
        world.save(str(tmp_path / "x.jpg"))
    with pytest.raises(DisplayError, match="cannot write"):
        world.save(str(tmp_path / "no" / "such" / "x.svg"))
    assert not list(tmp_path.iterdir())
    configure(lang="es")
    try:
        world.save(str(tmp_path / "w.svg"), view="global")
        assert "Python global" in (tmp_path / "w.svg").read_text(encoding="utf-8")
    finally:
        configure(lang="en")


def test_wrong_kinds_of_values_are_one_line_errors(world: World) -> None:
    from simulator import UsageError

    with pytest.raises(UsageError, match="run\\(\\) takes a command line as a string, not int"):
        world.run(3)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="each line must be a string"):
        world.replay([None])  # type: ignore[list-item]
    with pytest.raises(ScenarioError, match="World.new: world.pythons: must be a list"):
        World.new(pythons="3.11")
    with pytest.raises(ScenarioError, match="World.new: projects: must be a table"):
        World.new(projects=["tienda"])  # type: ignore[arg-type]
    assert [r.line for r in world.replay("pip list\n\nwhich python3\n")] == ["pip list", "which python3"]


def test_import_is_light() -> None:
    code = ("import sys, simulator; from simulator import World; World.new().run('pip list'); "
            "print(any(m in sys.modules for m in ('matplotlib', 'networkx', 'ipywidgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        simulator.nothing  # noqa: B018


def test_the_api_guide_runs() -> None:
    import doctest

    guide = Path(__file__).parents[1] / "docs" / "api.md"
    result = doctest.testfile(str(guide), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted > 20 and result.failed == 0


def test_check_speaks_spanish_and_copies_keep_their_folder(world: World) -> None:
    tl = world.replay(["pip install appa", "pip install appb", "cp -r tienda tienda-copia"])
    assert [str(p) for p in tl.end.check(lang="es")] == [
        "tienda (~/tienda-copia): necesita libcolor<2 · tiene 3.0",
        "tienda (~/tienda): necesita libcolor<2 · tiene 3.0",
        "appa 1.0 (/usr): pide libcolor<2, pero tiene 3.0",
    ]
    assert tl.end.projects == {"blog": True, "tienda (~/tienda-copia)": False, "tienda (~/tienda)": False}
    assert repr(World.new()) == "<World ana@aula:~$ · 1 environment · projects: ->"
    assert repr(tl.upto(1)) == "<Timeline of 1 step>"


def test_load_checks_a_lesson_whole(tmp_path: Path) -> None:
    text = (LESSONS / "01-global-python.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("exit_code = 0\n", "exit_cod = 0\n", 1), encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad.toml:\d+: steps\[0\].expect.exit_cod: unknown key"):
        load(bad)
