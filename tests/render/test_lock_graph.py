"""The graph view shows what a uv project's lock pins, beside what its .venv holds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from simulator.render import to_graph, write
from simulator.render.facts import facts
from simulator.render.graphview import graph_view
from simulator.render.mermaid import mermaid
from simulator.replay import Timeline, replay
from simulator.scenario import loads

# uv's behaviour in these steps is recorded from real uv 0.13.8 (tests/transcripts/uv_70_fork.txt,
# uv_10_venv_pip.txt): a lock forked on Requires-Python, then the .venv changed behind its back.
DRIFT = """
[world]
pythons = ["3.11", "3.12"]
tools = ["uv"]

[index]
libcolor = ["1.0", "2.0", "3.0"]
appa = [{ version = "1.0", requires = ["libcolor<2"] }]
newlib = ["0.9", { version = "1.0", requires_python = ">=3.12" }]

[[steps]]
run = "uv init --no-package tienda && cd tienda && uv add appa newlib"

[[steps]]
run = "uv pip install 'libcolor==2.0'"

[[steps]]
run = "uv pip uninstall appa"

[[steps]]
run = "uv sync"

[[steps]]
run = "rm -rf .venv"
"""


@cache
def story() -> Timeline:
    return replay(loads(DRIFT, "drift.toml"))


def pins(step: int) -> dict[str, tuple[bool, str]]:
    """Each pin of the graph: whether the .venv matches it, and what its node says."""
    g = to_graph(story().world_at(step))
    return {d["label"]: (d["synced"], d["note"]) for _, d in g.nodes(data=True) if d["kind"] == "locked"}


def test_the_lock_s_pins_are_nodes_joined_as_the_lock_says() -> None:
    g = to_graph(story().world_at(1))
    assert pins(1) == {
        "appa ==1.0": (True, "uv.lock · .venv matches"),
        "libcolor ==1.0": (True, "uv.lock · .venv matches"),
        "newlib ==0.9": (True, "uv.lock · .venv matches"),
        "newlib ==1.0": (True, "uv.lock · for python >= 3.12"),  # the other fork: not compared
    }
    lock = "lock:/home/ana/tienda"
    edges = {(u, v) for u, v, k in g.edges(data="kind") if k == "pins"}
    assert edges == {
        ("project:/home/ana/tienda", f"{lock}:appa:1.0"),
        ("project:/home/ana/tienda", f"{lock}:newlib:0.9"),
        ("project:/home/ana/tienda", f"{lock}:newlib:1.0"),
        (f"{lock}:appa:1.0", f"{lock}:libcolor:1.0"),
    }
    assert g.nodes["project:/home/ana/tienda"]["label"] == "tienda"  # a uv project without app.py


def test_a_pin_the_venv_does_not_match_is_red() -> None:
    assert pins(2)["libcolor ==1.0"] == (False, "✗ uv.lock · .venv has 2.0")
    assert pins(3)["appa ==1.0"] == (False, "✗ uv.lock · not in .venv")
    assert all(ok for ok, _ in pins(4).values())  # uv sync puts the .venv back as the lock says
    assert set(pins(5).values()) == {(False, "✗ uv.lock · no .venv")}  # no python to tell forks by
    pic = graph_view(facts(story().world_at(2)), "es")
    red = [t for t in pic.texts if t.role == "bad"]
    assert [t.text for t in red if "uv.lock" in t.text] == ["✗ uv.lock · el .venv tiene 2.0"]
    assert any(b.role == "bad" and b.dashed for b in pic.boxes)


def test_every_format_tells_it_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    text = mermaid(story().world_at(2), "graph", "en")
    assert "libcolor ==1.0<br/>✗ uv.lock · .venv has 2.0" in text
    assert "-.->" in text
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    write(story(), 2, "graph", str(first))
    write(story(), 2, "graph", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert "dashed: what uv.lock pins" in first.read_text(encoding="utf-8")


def test_no_lock_no_pins() -> None:
    g = to_graph(story().world_at(0))
    assert not [n for n, k in g.nodes(data="kind") if k == "locked"]
    texts = [t.text for t in graph_view(facts(story().world_at(0)), "en").texts]
    assert not any("uv.lock" in t for t in texts)
