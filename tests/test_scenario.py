"""The scenario contract: valid files load, bad ones name file, line and key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.replay import replay, run_json
from simulator.scenario import ScenarioError, load, loads

CASES = Path(__file__).parent / "cases"

GOOD = """
[world]
pythons = ["3.11"]

[index]
libcolor = ["1.0", "2.0"]
appa = [{ version = "1.0", requires = ["libcolor<2"] }]

[projects.tienda]
needs = ["libcolor"]

[[steps]]
run = "pip install appa"
"""


def test_contract_example_runs_as_specified() -> None:
    doc = run_json(replay(load(CASES / "contract_example.toml")))
    assert [s["exit_code"] for s in doc["steps"]] == [0, 0, 0, 0]
    assert doc["steps"][3]["output"] == "tienda works: libcolor 2.0\n"
    assert doc["environments"] == [
        {"prefix": "/usr", "kind": "system", "python": "3.11", "packages": {}},
        {
            "prefix": "/home/ana/tienda/.venv",
            "kind": "venv",
            "python": "3.11",
            "packages": {"libcolor": "2.0"},
        },
    ]
    assert set(doc["steps"][0]) == {"run", "exit_code", "output"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[world\n", "bad.toml:1: invalid TOML"),
        ("titel = 'x'\n", "bad.toml:1: titel: unknown key"),
        ("[world]\nuser = 'ana'\npython = ['3.11']\n", "bad.toml:3: world.python: unknown key"),
        ("[world]\npythons = '3.11'\n", "bad.toml:2: world.pythons: must be a list"),
        ("[world]\npythons = ['2.7']\n", "bad.toml:2: world.pythons[0]: unknown python '2.7'"),
        (
            "[world]\nexternally_managed = 'yes'\n",
            "bad.toml:2: world.externally_managed: must be true or false",
        ),
        (
            "[index]\nlibcolor = ['1.0', 'one']\n",
            "bad.toml:2: index.libcolor[1].version: invalid version 'one'",
        ),
        (
            "[index]\n\nappa = [{ version = '1.0', requires = ['libcolor>>2'] }]\n",
            "bad.toml:3: index.appa[0].requires[0]: invalid requirement 'libcolor>>2'",
        ),
        (
            "[index]\nnewlib = [{ version = '1.0', requires_python = '3.12+' }]\n",
            "bad.toml:2: index.newlib[0].requires_python: invalid specifier '3.12+'",
        ),
        (
            "[index]\nx = [{ version = '1.0', colour = 'red' }]\n",
            "bad.toml:2: index.x[0].colour: unknown key",
        ),
        (
            "[index]\nx = [{ version = '1.0', scripts = ['x'] }]\n",
            "bad.toml:2: index.x[0].scripts: must be a table",
        ),
        (
            "[index]\nx = [{ version = '1.0', scripts = { x = 'x.main' } }]\n",
            "bad.toml:2: index.x[0].scripts.x: invalid entry point 'x.main'",
        ),
        (
            "[index]\nx = [{ version = '1.0', scripts = { x = 'y:main' } }]\n",
            "bad.toml:2: index.x[0].scripts.x: module 'y' is not in x's package 'x'",
        ),
        (
            "[index]\nx = [{ version = '1.0', scripts = { '-x' = 'x:main' } }]\n",
            "bad.toml:2: index.x[0].scripts.-x: invalid script name '-x'",
        ),
        (
            "[index]\nx = [{ version = '1.0', scripts = { x = 3 } }]\n",
            "bad.toml:2: index.x[0].scripts.x: must be a string",
        ),
        (
            "[projects.tienda]\npath = '~/t'\nneeds = ['libcolor=2']\n",
            "bad.toml:3: projects.tienda.needs[0]: invalid requirement 'libcolor=2'",
        ),
        (
            "[projects.tienda]\nneeds = 'libcolor'\n",
            "bad.toml:2: projects.tienda.needs: must be a list",
        ),
        (
            "[[steps]]\nrun = 'ls'\n[[steps]]\ncmd = 'pwd'\n",
            'bad.toml:3: steps[1]: missing key "run"',
        ),
        (
            "[[steps]]\nrun = 'ls'\n[[steps]]\nrun = 3\n",
            "bad.toml:4: steps[1].run: must be a string",
        ),
    ],
)
def test_bad_files_name_file_line_and_key(text: str, expected: str) -> None:
    with pytest.raises(ScenarioError) as info:
        loads(text, "bad.toml")
    message = str(info.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_missing_dependency_and_cycles_are_not_bad_files() -> None:
    scenario = loads(
        "[index]\nghost = [{ version = '1.0', requires = ['nothere'] }]\n"
        "cyca = [{ version = '1.0', requires = ['cycb'] }]\n"
        "cycb = [{ version = '1.0', requires = ['cyca'] }]\n"
        "[[steps]]\nrun = 'pip install ghost'\n[[steps]]\nrun = 'pip install cyca'\n"
    )
    doc = run_json(replay(scenario))
    assert doc["steps"][0]["exit_code"] == 1
    assert "No matching distribution found for nothere" in doc["steps"][0]["output"]
    assert doc["steps"][1]["exit_code"] == 0
    assert doc["environments"][0]["packages"] == {"cyca": "1.0", "cycb": "1.0"}


def _venvsim(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_cli_run_json_is_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    result = _venvsim("run", str(path), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["steps"][0]["exit_code"] == 0
    assert doc["environments"][0]["packages"] == {"appa": "1.0", "libcolor": "1.0"}
    again = _venvsim("run", str(path), "--json")
    assert again.stdout == result.stdout


def test_cli_bad_file_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[world]\npythons = ['3.11']\nuser = 5\n")
    result = _venvsim("run", str(path), "--json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().endswith("bad.toml:3: world.user: must be a string")
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_cli_missing_file_exits_2(tmp_path: Path) -> None:
    result = _venvsim("run", str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert "nope.toml: no such file" in result.stderr


def test_terminal_replay_shows_prompt_command_and_output(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    result = _venvsim("run", str(path))
    assert result.stdout.startswith("ana@aula:~$ pip install appa\nLooking in indexes:")


def test_run_json_imports_neither_matplotlib_nor_networkx(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "simulator", "run", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "packaging" in imported  # the probe sees imports at all
    assert not any(m.split(".")[0] in ("matplotlib", "networkx") for m in imported)
