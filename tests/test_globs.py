"""Bash's pathname matching (simulator/shell/pathnames.py) against Python's fnmatch, which
agrees with bash on ``* ? [...] [!...]`` over names without ``/`` (the dotfile rule and
quoting are bash's alone: tests/cases/shell_globs.toml checks them against real bash)."""

from __future__ import annotations

import fnmatch

from hypothesis import given
from hypothesis import strategies as st

from simulator.shell.pathnames import matches, tokens

PATTERN = st.lists(st.sampled_from(["*", "?", "a", "b", ".", "[ab]", "[!a]", "[a-c]", "[", "]", "é"]),
                   max_size=6).map("".join)
NAME = st.text(alphabet="abc.é[]", max_size=8)


@given(PATTERN, NAME)
def test_matching_agrees_with_fnmatch(pattern: str, name: str) -> None:
    marked = [(c, True) for c in pattern]
    assert matches(tokens(marked), name) == fnmatch.fnmatchcase(name, pattern)


def test_quoted_characters_match_only_themselves() -> None:
    quoted = tokens([(c, False) for c in "*[ab]?"])
    assert matches(quoted, "*[ab]?") and not matches(quoted, "xa!")
