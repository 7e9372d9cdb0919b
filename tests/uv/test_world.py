"""uv on the machine: the scenario key, the JSON of a run, and what is not simulated."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model.environments import environments
from simulator.model.world import build
from simulator.scenario import ScenarioError, loads
from simulator.shell.run import run_line
from tests.uv.replay import fresh

SCENARIO = """
[world]
tools = ["uv"]
[index]
libcolor = ["1.0", "2.0"]
appa = [{ version = "1.0", requires = ["libcolor<2"] }]
"""


def test_tools_uv_puts_uv_where_its_installer_does() -> None:
    world = build(loads(SCENARIO, "s.toml").spec)
    assert world.shell.env["PATH"].split(":")[0] == "/home/ana/.local/bin"
    assert run_line(world, "which uv uvx").output == "/home/ana/.local/bin/uv\n/home/ana/.local/bin/uvx\n"
    assert run_line(world, "cat ~/.config/uv/uv.toml").output == (
        'python-downloads = "never"\n\n[[index]]\nurl = "file:///srv/pypi/simple"\ndefault = true\n'
    )


def test_without_the_key_there_is_no_uv() -> None:
    world = build(loads(SCENARIO.replace('tools = ["uv"]', ""), "s.toml").spec)
    out = run_line(world, "uv --version")
    assert (out.code, out.output) == (127, "bash: uv: command not found\n")


def test_an_unknown_tool_is_a_one_line_error() -> None:
    with pytest.raises(ScenarioError, match=r"^s.toml:3: world.tools\[0\]: unknown tool 'pipx'"):
        loads(SCENARIO.replace('"uv"', '"pipx"'), "s.toml")


def test_uv_venvs_are_listed_like_any_venv() -> None:
    world = build(loads(SCENARIO, "s.toml").spec)
    world = run_line(world, "mkdir t && cd t && uv venv && uv pip install appa").world
    venvs = [e.to_json() for e in environments(world) if e.kind == "venv"]
    assert venvs == [{"prefix": "/home/ana/t/.venv", "kind": "venv", "python": "3.11",
                      "packages": {"appa": "1.0", "libcolor": "1.0"}}]


@pytest.mark.parametrize("line", [
    "uv lock --frozen", "uv init --vcs git", "uv pip compile x", "uv self update",
    "uv pip install --index-url x appa",
    "uv venv --seed --python 3.12 s", "uv pip", "uvx --with x cowsay", "uv venv a b", "uv pip install 'a[x]'",
    "uv pip install 'appa; python_version<\"3\"'", "uv venv --python", "uv venv --python pypy",
])
def test_what_is_not_simulated_says_so_in_one_line(line: str) -> None:
    world = run_line(fresh(), "uv venv 2>/dev/null").world  # so that uv pip gets as far as the line
    out = run_line(world, line)
    assert out.code == 2
    assert out.output.startswith("venvsim: ") and out.output.endswith(" is not simulated (uv 0.13.8)\n")
    assert out.output.count("\n") == 1


def test_a_uv_venv_activates_and_deactivates() -> None:
    world = run_line(fresh(), "uv venv --prompt shop w 2>/dev/null").world
    world = run_line(world, "source w/bin/activate").world
    env = world.shell.env
    assert (env["VIRTUAL_ENV"], env["VIRTUAL_ENV_PROMPT"]) == ("/home/ana/w", "shop")
    assert run_line(world, "which python pip").output == "/home/ana/w/bin/python\n/usr/bin/pip\n"
    world = run_line(world, "deactivate").world
    assert "VIRTUAL_ENV" not in world.shell.env


WORDS = ["uv", "pip", "install", "uninstall", "list", "venv", "init", "add", "remove", "lock", "sync",
         "run", "tree", "python", "pin", "--python", "3.12", "-r", "--system", "--dev", "--check",
         "appa", "libcolor<2", "nothere", "x", ".venv", "--clear", "-q", "-U", "python", "--lib"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.booleans())
def test_no_uv_line_ever_raises(words: list[str], in_project: bool) -> None:
    world = WORLDS[in_project]
    out = run_line(world, "uv " + " ".join(words))
    assert isinstance(out.code, int) and out.output.endswith("\n") or out.output == ""


PROJECT = run_line(fresh(), "uv init shop 2>/dev/null && cd shop && uv add appa 2>/dev/null").world
WORLDS = {False: fresh(), True: PROJECT}


def test_the_project_world_is_one() -> None:
    assert PROJECT.shell.cwd == "/home/ana/shop" and PROJECT.fs.is_file("/home/ana/shop/uv.lock")


def test_the_example_scenario_prints_what_real_uv_printed() -> None:
    """examples/uv-same-story.toml, step by step, against its recording (uv_60_same_story.txt)."""
    from pathlib import Path

    from simulator.replay import replay, run_json
    from simulator.scenario import load
    from tests.uv.replay import entries, same

    example = Path(__file__).resolve().parents[2] / "examples" / "uv-same-story.toml"
    steps = run_json(replay(load(example)))["steps"]
    real = entries("uv_60_same_story.txt")
    assert [s["run"] for s in steps] == [e.command for e in real]
    for step, e in zip(steps, real, strict=True):
        assert same(e.output, step["output"]) and step["exit_code"] == e.exit_code, step["run"]
