"""The ``graph`` view: projects → distributions → distributions, in layers left to right.

What a project's ``uv.lock`` pins is drawn beside what is installed: dashed
boxes (``name ==version``) joined by dashed edges as the lock's dependencies
go, red where the project's ``.venv`` does not hold the pinned version.

Layers come from networkx (longest path from the projects, cycles collapsed);
each edge is labelled with its specifier and red when it is not met. Edge
labels are slid along their edge until they touch no other label or node.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> from simulator.render.facts import facts
>>> pic = graph_view(facts(build(WorldSpec(projects=(ProjectSpec("web", "~/web", ("libcolor<2",)),)))), "en")
>>> [t.text for t in pic.texts][2:]
['web', '~/web', '✗ libcolor', 'missing · /usr', '<2']
"""

from __future__ import annotations

from math import fsum
from typing import Any

import networkx as nx

from ..model.world import tilde
from .blocks import PAD, S_BODY, S_NAME, S_SMALL, S_SUB, S_TITLE
from .facts import Facts
from .graph import build_graph
from .picture import LINE, Picture, Text, text_width
from .words import word

DEPENDS = ("needs", "requires", "pins")  # the edges that set a node's layer
LAYER_GAP = 150.0
NODE_GAP = 14.0
MAX_PER_LAYER = 40


def layers(g: Any) -> dict[str, int]:
    """Layer of each project, distribution and missing node: 0 for projects."""
    deps = g.edge_subgraph(
        [(u, v) for u, v, k in g.edges(data="kind") if k in DEPENDS]
    ).copy()
    for n, kind in g.nodes(data="kind"):
        if kind in ("project", "dist", "missing", "locked"):
            deps.add_node(n)
    dag = nx.condensation(deps)
    depth: dict[int, int] = {}
    for c in nx.topological_sort(dag):
        members = dag.nodes[c]["members"]
        is_project = any(g.nodes[m]["kind"] == "project" for m in members)
        preds = [depth[p] + 1 for p in dag.predecessors(c)]
        depth[c] = max(preds, default=0 if is_project else 1)
    mapping = dag.graph["mapping"]
    return {n: depth[mapping[n]] for n in sorted(deps.nodes)}


def _node_lines(g: Any, n: str, f: Facts, lang: str) -> list[tuple[str, float, str, bool]]:
    d = g.nodes[n]
    kind = d["kind"]
    if kind == "project":
        return [(d["label"], S_NAME, "ink", True), (_short(d["folder"], f), S_SMALL, "muted", False)]
    if kind == "locked":
        ok = d["synced"]
        return [(d["label"], S_SUB, "ink" if ok else "bad", True),
                (d["note"], S_SMALL, "muted" if ok else "bad", False)]
    env = g.nodes[d["env"]]
    where = env["label"]
    if kind == "missing":
        return [(f"✗ {d['label']}", S_SUB, "bad", True),
                (f"{word(lang, 'missing')} · {where}", S_SMALL, "bad", False)]
    mark = "✗ " if d["broken"] else ""
    return [(mark + d["label"], S_SUB, "bad" if d["broken"] else "ink", True),
            (where, S_SMALL, "muted", False)]


def _short(folder: str, f: Facts) -> str:
    return tilde(folder, f.home)


def _role(g: Any, n: str) -> str:
    d = g.nodes[n]
    if d["kind"] == "project":
        return "project" if d["works"] else "bad"
    if d["kind"] == "missing":
        return "bad"
    if d["kind"] == "locked":
        return "muted" if d["synced"] else "bad"
    return "venv" if g.nodes[d["env"]]["env_kind"] == "venv" else "system"


VIRTUAL_H = 18.0  # a bend point of an edge that skips layers


Routes = dict[tuple[str, str], list[str]]


def _group(g: Any, n: str, env_order: dict[str, int]) -> int:
    """The band of a layer a node is drawn in: its environment's, the lock's pins last."""
    if g.nodes[n]["kind"] == "locked":
        return max(env_order.values(), default=-1) + 1
    return env_order.get(g.nodes[n].get("env", ""), -1)


def _order(g: Any, layer: dict[str, int], env_order: dict[str, int]) -> tuple[dict[int, list[str]], Routes]:
    """Nodes of each layer in order, with a bend point in every layer an edge skips."""
    by_layer: dict[int, list[str]] = {}
    for n in sorted(layer, key=lambda n: (_group(g, n, env_order), n)):
        by_layer.setdefault(layer[n], []).append(n)
    preds: dict[str, list[str]] = {}
    routes: dict[tuple[str, str], list[str]] = {}
    for u, v, kind in sorted(g.edges(data="kind")):
        if kind not in DEPENDS or u not in layer or v not in layer:
            continue
        chain = [u]
        for k in range(layer[u] + 1, layer[v]):
            bend = f"bend:{u}>{v}:{k}"
            by_layer.setdefault(k, []).append(bend)
            preds[bend] = [chain[-1]]
            chain.append(bend)
        preds.setdefault(v, []).append(chain[-1])
        routes[(u, v)] = chain[1:]
    place: dict[str, float] = {}
    for k in sorted(by_layer):
        first = {n: i for i, n in enumerate(by_layer[k])}

        def key(n: str, first: dict[str, int] = first) -> tuple[int, float, int]:
            target = n.rsplit(">", 1)[1].rsplit(":", 1)[0] if n.startswith("bend:") else n
            ps = [place[p] for p in preds.get(n, []) if p in place]
            group = _group(g, target, env_order)
            return (group, fsum(ps) / len(ps) if ps else float(first[n]), first[n])

        if k > 0:
            by_layer[k].sort(key=key)
        for i, n in enumerate(by_layer[k]):
            place[n] = float(i)
    return by_layer, routes


def graph_view(f: Facts, lang: str) -> Picture:
    g = build_graph(f, lang)
    layer = layers(g)
    env_order = {f"env:{e.prefix}": i for i, e in enumerate(f.envs)}
    by_layer, routes = _order(g, layer, env_order)
    pic = Picture()
    pic.text(0, 0, word(lang, "graph_title"), S_TITLE, bold=True)
    pic.text(0, S_TITLE * LINE, word(lang, "graph_sub"), S_SUB, role="muted")
    top = S_TITLE * LINE + S_SUB * LINE + 30
    if any(k == "locked" for _, k in g.nodes(data="kind")):
        pic.text(0, top - 30, word(lang, "graph_lock_sub"), S_SMALL, role="muted")
        top += S_SMALL * LINE
    boxes: dict[str, tuple[float, float, float, float]] = {}
    x = 0.0
    heights = {}
    folded: dict[int, int] = {}
    for k in sorted(by_layer):
        nodes = by_layer[k]
        real = [n for n in nodes if not n.startswith("bend:")]
        if len(real) > MAX_PER_LAYER:
            bad = [n for n in real if _role(g, n) == "bad"]
            keep = set((bad + [n for n in real if n not in bad])[: MAX_PER_LAYER - 1])
            folded[k] = len(real) - len(keep)
            gone = set(real) - keep
            by_layer[k] = nodes = [
                n for n in nodes
                if (n.startswith("bend:") and not _ends_in(n, gone)) or (n in keep)
            ]
        heights[k] = fsum(_size(g, n, f, lang)[1] + NODE_GAP for n in nodes)
    tallest = max(heights.values(), default=0.0)
    for k in sorted(by_layer):
        nodes = by_layer[k]
        w = max([_size(g, n, f, lang)[0] for n in nodes] + [40.0])
        y = top + (tallest - heights[k]) / 2
        for n in nodes:
            nw, nh = _size(g, n, f, lang)
            boxes[n] = (x, y, w, nh)
            y += nh + NODE_GAP
            if n.startswith("bend:"):
                continue
            role = _role(g, n)
            changed = bool(g.nodes[n].get("changed"))
            x0, y0, _, _ = boxes[n]
            pic.box(x0, y0, w, nh, role, thick=True, dashed=g.nodes[n]["kind"] in ("missing", "locked"),
                    fill="changed" if changed else "tint")
            ty = y0 + PAD * 0.6
            for text, size, colour, bold in _node_lines(g, n, f, lang):
                if changed:
                    colour = "bad_on_changed" if colour == "bad" else "on_changed"
                pic.text(x0 + PAD, ty, text, size, role=colour, bold=bold)
                ty += size * LINE
        if k in folded:
            pic.text(x, y, word(lang, "more", n=folded[k]), S_BODY, role="muted")
        x += w + LAYER_GAP
    _edges(g, pic, boxes, routes)
    return pic


def _ends_in(bend: str, gone: set[str]) -> bool:
    u, v = bend[len("bend:") :].rsplit(":", 1)[0].split(">", 1)
    return u in gone or v in gone


def _size(g: Any, n: str, f: Facts, lang: str) -> tuple[float, float]:
    if n.startswith("bend:"):
        return 0.0, VIRTUAL_H
    lines = _node_lines(g, n, f, lang)
    w = max(text_width(t, s, b) for t, s, _, b in lines) + 2 * PAD
    return w, fsum(s * LINE for _, s, _, _ in lines) + 1.2 * PAD


def _edges(g: Any, pic: Picture, boxes: dict[str, tuple[float, float, float, float]],
           routes: dict[tuple[str, str], list[str]]) -> None:
    taken = [t.bbox() for t in pic.texts] + [
        (x, y, x + w, y + h) for n, (x, y, w, h) in boxes.items() if not n.startswith("bend:")
    ]
    for (u, v), bends in sorted(routes.items()):
        d = g.edges[u, v]
        if u not in boxes or v not in boxes or any(b not in boxes for b in bends):
            continue
        ux, uy, uw, uh = boxes[u]
        vx, vy, vw, vh = boxes[v]
        points = [(ux + uw, uy + uh / 2)]
        for b in bends:  # through the layer: in on its left side, out on its right
            bx, by, bw, bh = boxes[b]
            points += [(bx, by + bh / 2), (bx + bw, by + bh / 2)]
        points.append((vx, vy + vh / 2))
        if vx <= ux:  # a cycle: out on the right, round a bend, back in on the right
            out = max(ux + uw, vx + vw) + 24 + 10 * (len(taken) % 5)
            points = [(ux + uw, uy + uh / 2), (out, (uy + uh / 2 + vy + vh / 2) / 2), (vx + vw, vy + vh / 2)]
        role = "line" if d["ok"] else "bad"
        pinned = d["kind"] == "pins"
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            last = (x2, y2) == points[-1]
            pic.arrow(x1, y1, x2, y2, role="muted" if pinned else role, dashed=pinned or not d["ok"],
                      thick=not d["ok"], head=last)
        if d["spec"]:
            _label(pic, taken, d["spec"], d["ok"], points[-2], points[-1])


def _label(pic: Picture, taken: list[tuple[float, float, float, float]], label: str, ok: bool,
           start: tuple[float, float], end: tuple[float, float]) -> None:
    """The specifier on the edge's last segment, where it touches nothing else."""
    (x1, y1), (x2, y2) = start, end
    w, h = text_width(label, S_SMALL, bold=not ok), S_SMALL * LINE
    spot = None
    for t in (0.5, 0.35, 0.65, 0.25, 0.75, 0.42, 0.58, 0.15, 0.85):
        cx, cy = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        box = (cx - w / 2 - 2, cy - h / 2 - 2, cx + w / 2 + 2, cy + h / 2 + 2)
        if not any(_hit(box, o) for o in taken):
            spot = (cx, cy)
            break
    if spot is None:  # crowded: the nearest free place above or below the edge's middle
        cx, y0 = x1 + (x2 - x1) * 0.5, y1 + (y2 - y1) * 0.5
        step = 0
        while spot is None:
            step += 1
            for cy in (y0 + step * h / 2, y0 - step * h / 2):
                box = (cx - w / 2 - 2, cy - h / 2 - 2, cx + w / 2 + 2, cy + h / 2 + 2)
                if not any(_hit(box, o) for o in taken):
                    spot = (cx, cy)
                    break
    text = Text(spot[0], spot[1] - h / 2, label, S_SMALL, role="ink" if ok else "bad", bold=not ok,
                center=True, on="background")
    pic.texts.append(text)
    taken.append(text.bbox())


def _hit(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
