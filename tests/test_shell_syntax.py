"""bash's answers to malformed and compound lines, as interactive bash 5.2.15 printed them.

Recorded with ``printf '%s\\necho "rc=$?"\\n' LINE | bash --norc --noprofile -i`` in a
throwaway folder (the prompt lines and job-control notices left out). A line that stops
in the middle (``if true; then``) is, for one line typed alone, what bash says when the
input ends there.
"""

from __future__ import annotations

import pytest

from simulator.model.world import WorldSpec, build
from simulator.shell.parse import Incomplete, parse
from simulator.shell.run import run_line

RECORDED = [
    ("done", "bash: syntax error near unexpected token `done'\n", 2),
    ("fi", "bash: syntax error near unexpected token `fi'\n", 2),
    ("then", "bash: syntax error near unexpected token `then'\n", 2),
    ("do", "bash: syntax error near unexpected token `do'\n", 2),
    ("for", "bash: syntax error near unexpected token `newline'\n", 2),
    ("echo )", "bash: syntax error near unexpected token `)'\n", 2),
    ("echo (", "bash: syntax error near unexpected token `newline'\n", 2),
    ("f() echo x", "bash: syntax error near unexpected token `echo'\n", 2),
    ("for p in a b; echo $p; done", "bash: syntax error near unexpected token `echo'\n", 2),
    ("echo a; ; echo b", "bash: syntax error near unexpected token `;'\n", 2),
    ("[ 1 = 1", "bash: [: missing `]'\n", 2),
    ("break", "bash: break: only meaningful in a `for', `while', or `until' loop\n", 0),
    ("if true; then echo y", "bash: syntax error: unexpected end of file\n", 2),
    ("for x in a", "bash: syntax error: unexpected end of file\n", 2),
    ("{ echo a }", "bash: syntax error: unexpected end of file\n", 2),
    ("echo a &&", "bash: syntax error: unexpected end of file\n", 2),
    ("echo $(ls", "bash: unexpected EOF while looking for matching `)'\n", 2),
    ("echo `ls", "bash: unexpected EOF while looking for matching ``'\n", 2),
    ("echo ${x", "bash: unexpected EOF while looking for matching `}'\n", 2),
    ('echo "abc', "bash: unexpected EOF while looking for matching `\"'\n", 2),
    ("exit abc", "exit\nbash: exit: abc: numeric argument required\n", 2),
    ("f() { echo hi; }", "", 0),
    ("for p in a b; do echo $p; done", "a\nb\n", 0),
    ("if false; then echo a; elif true; then echo b; else echo c; fi", "b\n", 0),
    ("case x in x) echo yes;; esac", "yes\n", 0),
    ("until true; do echo x; done; echo u", "u\n", 0),
    ("for p in; do echo $p; done; echo $?", "0\n", 0),
    ("f() { return 3; }; f; echo $?", "3\n", 0),
    ("! false; echo $?", "0\n", 0),
    ("(echo sub)", "sub\n", 0),
    ("x=$(echo hi); echo $x", "hi\n", 0),
]


@pytest.mark.parametrize(("line", "output", "code"), RECORDED, ids=[r[0] for r in RECORDED])
def test_lines_answer_as_interactive_bash(line: str, output: str, code: int) -> None:
    outcome = run_line(build(WorldSpec()), line)
    assert (outcome.output, outcome.code) == (output, code)
    assert outcome.world.shell.status == code  # the next line's $?


def test_incomplete_lines_are_told_apart_for_a_continuation_prompt() -> None:
    for line in ("if true; then", "for x in a b", "echo $(ls", "echo a |"):
        with pytest.raises(Incomplete):
            parse(line)
    parse("if true; then\necho y\nfi")


def test_a_loop_that_never_ends_stops_as_ctrl_c_would() -> None:
    outcome = run_line(build(WorldSpec()), "while true; do echo y; done")
    assert outcome.code == 130
    assert outcome.output.endswith("y\n^C\n")


def test_exit_ends_the_shell_with_its_status_and_status_carries() -> None:
    # bash 5.2 -i, running the step as the verifier's driver does ({ ...; } >out 2>&1),
    # wrote "before\nexit\n" and ended with status 3
    world = build(WorldSpec())
    out = run_line(world, "echo before; exit 3; echo after")
    assert (out.output, out.code, out.exited) == ("before\nexit\n", 3, True)
    w = run_line(world, "false").world
    assert run_line(w, "echo $?").output == "1\n"
    assert run_line(run_line(w, "echo $?").world, "echo $?").output == "0\n"


def test_runaway_recursion_is_bounded() -> None:
    outcome = run_line(build(WorldSpec()), "f() { f; }; f")
    assert outcome.code == 1
    assert "maximum function nesting level exceeded" in outcome.output


def test_history_numbers_lines_as_bash_does() -> None:
    world = run_line(build(WorldSpec()), "echo one").world
    assert run_line(world, "history").output == "    1  echo one\n    2  history\n"


def test_exit_status_carries_through_the_python_api_and_replay() -> None:
    from simulator import World
    from simulator.replay import replay
    from simulator.scenario import loads

    w, _ = World.new(index={"libcolor": ["1.0"]}).run("pip check; false")
    _, result = w.run("echo $?")
    assert result.output == "1\n"
    timeline = replay(loads('[[steps]]\nrun = "false"\n[[steps]]\nrun = "echo $?"\n'))
    assert timeline.frames[1].outcome.output == "1\n"


@pytest.mark.parametrize("line, output", [
    ("echo $²", "$²\n"),  # bash 5.2: names are ASCII; a superscript digit is text (found by hypothesis)
    ("echo $é x", "$é x\n"),
])
def test_non_ascii_after_a_dollar_is_text(line: str, output: str) -> None:
    outcome = run_line(build(WorldSpec()), line)
    assert (outcome.code, outcome.output) == (0, output)
