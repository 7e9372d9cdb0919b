"""to_graph, draw and save: truth (every package and project appears), red for conflicts, valid files."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from simulator.model.environments import environments
from simulator.model.projects import projects
from simulator.render import draw, save, to_graph, write
from simulator.render.themes import OKABE_ITO, THEMES
from simulator.replay import Timeline

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_to_graph_holds_the_world(timeline: Timeline) -> None:
    g = to_graph(timeline.world_at(4))
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert kinds["project:/home/ana/tienda"] == "project"
    assert kinds["dist:/usr:libcolor"] == "dist"
    assert g.edges["env:/usr", "python:/usr/bin/python3.11"]["kind"] == "base"
    need = g.edges["project:/home/ana/tienda", "dist:/usr:libcolor"]
    assert (need["kind"], need["spec"], need["ok"], need["reason"]) == (
        "needs", "<2", False, "needs libcolor<2 · has 3.0")
    conflict = g.edges["dist:/usr:appa", "dist:/usr:libcolor"]
    assert (conflict["kind"], conflict["ok"]) == ("requires", False)
    assert g.edges["project:/home/ana/blog", "dist:/usr:libcolor"]["ok"]


def test_reasons_match_the_model(timeline: Timeline) -> None:
    g = to_graph(timeline.world_at(4))
    for p in projects(timeline.world_at(4)):
        for n in p.problems:
            reasons = [d["reason"] for _, _, d in g.out_edges(f"project:{p.folder}", data=True)
                       if d["kind"] == "needs"]
            assert n.reason in reasons


@pytest.mark.parametrize("view", ["global", "venvs", "compare", "graph", "timeline"])
def test_every_package_and_project_appears_as_text(view: str, timeline: Timeline, tmp_path: Path) -> None:
    world = timeline.end
    out = tmp_path / f"{view}.svg"
    write(timeline, len(timeline.frames), view, str(out), lang="en")
    texts = "\n".join(svg_texts(out))
    for p in projects(world):
        assert p.name in texts
    for e in environments(world):
        if view == "global" and e.kind == "venv":
            continue
        for name, version in e.packages:
            assert f"{name} {version}" in texts


def test_conflicts_are_red_with_their_reason(timeline: Timeline, tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    save(draw(timeline.world_at(4), "compare", "light", lang="en"), str(out))
    root = ET.parse(out).getroot()
    red = THEMES["light"]["bad"]
    assert red == OKABE_ITO["vermillion"]
    reds = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")
            if str(red).lower() in (t.get("style") or "").lower()]
    assert "✗ needs libcolor<2 · has 3.0" in reds
    assert "✗ appa 1.0 requires libcolor<2 · has 3.0" in reds
    assert all("blog" not in r for r in reds)


def test_spanish_words(timeline: Timeline, tmp_path: Path) -> None:
    out = tmp_path / "es.svg"
    save(draw(timeline.world_at(4), "compare", "dark", lang="es"), str(out))
    texts = svg_texts(out)
    assert "Python global" in texts and "Entornos virtuales" in texts
    assert "✗ necesita libcolor<2 · tiene 3.0" in texts


def test_draw_returns_a_16_9_figure(timeline: Timeline) -> None:
    fig = draw(timeline.end, "venvs", "high-contrast")
    assert isinstance(fig, Figure)
    w, h = fig.get_size_inches() * fig.dpi
    assert w >= 1920 and h >= 1080 and w / h == pytest.approx(16 / 9)


def test_same_input_same_bytes_and_valid_files(timeline: Timeline, tmp_path: Path) -> None:
    fig = draw(timeline.world_at(4), "global", "light")
    for suffix in (".svg", ".pdf", ".png"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        save(fig, str(a))
        save(draw(timeline.world_at(4), "global", "light"), str(b))
        assert a.read_bytes() == b.read_bytes(), suffix
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert b"CreationDate" not in (tmp_path / "a.pdf").read_bytes()
    svg = (tmp_path / "a.svg").read_text()
    assert "<dc:date>" not in svg and "<text" in svg
    png = (tmp_path / "a.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1920, 1080)
    assert len(list(tmp_path.iterdir())) == 6  # no temporary file left behind
