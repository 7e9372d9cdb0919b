"""The compare view draws every venv: one made outside any project (the sandbox's ``~/.venv``)
stands on the venvs side with its packages, and the global side gets no card for it."""

from __future__ import annotations

from simulator.render.facts import facts
from simulator.render.panels import compare
from simulator.replay import replay
from simulator.scenario import loads

SANDBOX = """
title = "a venv in the home, no project"
[world]
pythons = ["3.11"]
[index]
libcolor = ["1.0", "2.0"]
[[steps]]
run = "python3 -m venv .venv && .venv/bin/pip install -q libcolor"
"""


def test_a_venv_without_a_project_is_drawn_with_its_packages() -> None:
    world = replay(loads(SANDBOX)).world_at(1)
    texts = [t.text for t in compare(facts(world), "en").texts]
    assert "libcolor 2.0" in texts and "~/.venv" in texts
    assert texts.count("venv without a project") == 1  # its card on the venvs side only
    before = [t.text for t in compare(facts(replay(loads(SANDBOX)).world_at(0)), "en").texts]
    assert "libcolor 2.0" not in before and "~/.venv" not in before
