"""The simulated Python never prints a guess: what it cannot answer exactly it declines in
one line, exit 2 (what it does answer is checked against real CPython in
tests/cases/python_values.toml)."""

from __future__ import annotations

import pytest

from simulator.api import World

WORLD = World.new(["3.11"])


@pytest.mark.parametrize("code, shown", [
    ("import sys; print(sys.getrecursionlimit())", "sys.getrecursionlimit()"),
    ("import sys; print(sys.platform)", "sys.platform"),
    ("import sys; print(len(sys.modules))", "sys.modules"),
    ("import os; print(os.getcwd)", "print(os.getcwd)"),
    ("import json; print(json.dumps([1]))", "json.dumps([1])"),
    ("print({1, 2})", "{1, 2}"),
    ("print([x for x in (1, 2)])", "[x for x in (1, 2)]"),
    ("def f():\n    return 1\nprint(f())", "def f():; return 1"),
    ("x = [1]\nx[0] = 2", "x[0] = 2"),
    ('print(f"{3.14159:.2f}")', "f'{3.14159:.2f}'"),
    ("print(1, file=None)", "print(1, file=None)"),
    ("from sys import nope", "from sys import nope"),
    ("import sys; print(sys.version_info[0:1:0])", "sys.version_info[0:1:0]"),
])
def test_what_is_not_modelled_is_declined_in_one_line(code: str, shown: str) -> None:
    _, result = WORLD.run(f"python3 -c '{code}'")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"venvsim: Python's `{shown}` is not simulated"


def test_output_before_the_declined_statement_stays() -> None:
    _, result = WORLD.run("python3 -c 'print(1); import sys; print(sys.flags)'")
    assert result.output.splitlines() == ["1", "venvsim: Python's `sys.flags` is not simulated"]


def test_a_dict_such_as_os_environ_is_declined_not_shown_as_a_plain_dict() -> None:
    _, result = WORLD.run("python3 -c 'import os; print(os.environ)'")  # CPython: environ({...})
    assert result.exit_code == 2
    assert result.output == "venvsim: Python's `print(os.environ)` is not simulated\n"
