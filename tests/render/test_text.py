"""Mermaid and DOT: the shape of their syntax, every name present, conflicts red."""

from __future__ import annotations

import re

import pytest

from simulator.model.projects import projects
from simulator.render.dot import dot
from simulator.render.mermaid import mermaid
from simulator.render.themes import THEMES
from simulator.replay import Timeline

VIEWS = ["global", "venvs", "graph", "compare", "timeline", "path", "anatomy"]
RED = str(THEMES["light"]["bad"])


@pytest.mark.parametrize("view", VIEWS)
def test_mermaid_shape(view: str, timeline: Timeline) -> None:
    text = mermaid(timeline.world_at(4), view, "en", timeline=timeline)
    lines = text.splitlines()
    assert lines[0] in ("flowchart TB", "flowchart LR")
    assert sum(ln.strip().startswith("subgraph ") for ln in lines) == sum(ln.strip() == "end" for ln in lines)
    defined = set(re.findall(r"^\s*(\w+)\[\"", text, re.M)) | set(re.findall(r"subgraph (\w+)\[", text))
    for a, b in re.findall(r"^\s*(\w+) -(?:->|\.->)(?:\|\"[^\"]*\"\|)? (\w+)$", text, re.M):
        assert a in defined and b in defined
    edges = len(re.findall(r"^\s*\w+ -(?:->|\.->)", text, re.M))
    for m in re.findall(r"linkStyle ([\d,]+) ", text):
        assert all(int(i) < edges for i in m.split(","))
    assert '"' not in "".join(re.findall(r'\["(.*)"\]', text)).replace('"]', "")
    if view not in ("timeline", "path", "anatomy"):
        for p in projects(timeline.world_at(4)):
            assert p.name in text
    if view in ("global", "compare", "graph"):
        assert "linkStyle" in text and RED in text


@pytest.mark.parametrize("view", VIEWS)
def test_dot_shape(view: str, timeline: Timeline) -> None:
    text = dot(timeline.world_at(4), view, "es", timeline=timeline)
    assert text.startswith("digraph venvsim {\n") and text.rstrip().endswith("}")
    body = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # strings out: braces must balance
    assert body.count("{") == body.count("}")
    for line in text.splitlines()[1:-1]:
        s = line.strip()
        assert s.endswith((";", "{", "}")), line
    if view == "graph":
        assert f'color="{RED}"' in text and "libcolor 3.0" in text and "<2" in text


def test_the_conflict_edge_is_red_in_dot(timeline: Timeline) -> None:
    text = dot(timeline.world_at(4), "graph", "en")
    red_edges = [ln for ln in text.splitlines() if "->" in ln and RED in ln]
    assert len(red_edges) == 2  # tienda needs libcolor<2; appa 1.0 requires libcolor<2
