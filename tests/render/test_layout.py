"""Labels never overlap and never leave the canvas, up to 12 projects and 40 chips; past that, views fold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text as MplText

from simulator.render.graphview import graph_view
from simulator.render.paint import canvas, paint
from simulator.render.panels import compare, global_view, venvs_view
from simulator.render.picture import Picture, overlapping
from simulator.render.themes import THEMES

from .conftest import crowd

LAYOUTS = {"global": global_view, "venvs": venvs_view, "compare": compare, "graph": graph_view}


def _inside(pic: Picture) -> bool:
    x0, y0, cw, ch, _ = canvas(pic.bounds())
    return all(x0 <= t.bbox()[0] and t.bbox()[2] <= x0 + cw and y0 <= t.y and t.y + t.h <= y0 + ch
               for t in pic.texts)


@pytest.mark.parametrize("view", sorted(LAYOUTS))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_label_overlaps_at_the_limits(view: str, lang: str) -> None:
    pic = LAYOUTS[view](crowd(12, 40), lang)
    assert overlapping(pic.texts) == []
    assert _inside(pic)
    texts = {t.text for t in pic.texts}
    assert all(f"proyecto-numero-{p:02d}" in texts for p in range(12))
    if view != "graph":
        assert not any("+" in t and ("más" in t or "more" in t) for t in texts)  # nothing folded


def test_small_worlds_overlap_neither(timeline: object) -> None:
    for f in (crowd(1, 1), crowd(3, 7), crowd(7, 12)):
        for layout in LAYOUTS.values():
            pic = layout(f, "es")
            assert overlapping(pic.texts) == [] and _inside(pic)


def test_past_the_limits_the_view_folds_and_says_how_many() -> None:
    pic = venvs_view(crowd(15, 45), "en")
    texts = [t.text for t in pic.texts]
    assert "+4 more projects" in texts  # 11 shown, the rest folded into one card
    assert "+6 more" in texts  # 39 chips shown per environment, 6 folded
    assert any(t.startswith("✗ ") for t in texts)  # broken chips are kept when folding
    assert overlapping(pic.texts) == []
    global_pic = global_view(crowd(15, 45), "es")
    assert "+4 proyectos más" in [t.text for t in global_pic.texts]


def test_rendered_text_stays_on_the_figure_and_apart() -> None:
    """The real font metrics agree with the layout: no drawn label crosses another or the edge."""
    fig = paint(compare(crowd(12, 40), "en"), THEMES["light"])
    renderer = FigureCanvasAgg(fig).get_renderer()
    w, h = fig.bbox.width, fig.bbox.height
    assert w / h == pytest.approx(16 / 9, rel=1e-3) and w >= 1920
    boxes = [t.get_window_extent(renderer) for t in fig.findobj(MplText) if t.get_text()]
    assert len(boxes) > 500
    for b in boxes:
        assert 0 <= b.x0 <= b.x1 <= w and 0 <= b.y0 <= b.y1 <= h
    boxes.sort(key=lambda b: b.x0)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x0 >= a.x1 - 0.5:
                break
            assert not (b.y0 < a.y1 - 0.5 and a.y0 < b.y1 - 0.5), (a, b)


def _spill(pic: Picture) -> list[str]:
    """Texts that start inside a box but run past its right or bottom edge."""
    out = []
    for t in pic.texts:
        left, top, right, bottom = t.bbox()
        for b in pic.boxes:
            if b.x <= left < b.x + b.w and b.y <= top < b.y + b.h and (
                    right > b.x + b.w + 0.5 or bottom > b.y + b.h + 0.5):
                out.append(t.text)
    return out


def _every_picture() -> Iterator[tuple[str, Picture]]:
    """Every view of every step of every lesson, in both languages (and compare's two moments)."""
    from simulator.lessons.format import lesson_paths
    from simulator.render import compared
    from simulator.render.facts import facts
    from simulator.render.panels import moments
    from simulator.render.timeline import timeline_view
    from simulator.render.views import LAYOUTS as ALL
    from simulator.replay import replay
    from simulator.scenario import load

    for path in lesson_paths():
        tl = replay(load(path))
        for step in range(len(tl.frames) + 1):
            f = facts(tl.world_at(step))
            first = compared(tl, step) if step else None
            for lang in ("es", "en"):
                where = f"{path.stem} step {step} {lang}"
                for view, layout in ALL.items():
                    yield f"{where} {view}", layout(f, lang)
                yield f"{where} timeline", timeline_view(tl.upto(step), lang)
                if first is not None:
                    yield f"{where} compare {first}", moments(facts(tl.world_at(first)), f, lang)


def test_no_text_crosses_a_border_in_any_view_lesson_step_or_language() -> None:
    """Layout is shapes, the same in every theme (themes only colour them: see the next test)."""
    seen = 0
    for where, pic in _every_picture():
        assert _spill(pic) == [], where
        assert overlapping(pic.texts) == [], where
        assert _inside(pic), where
        seen += 1
    assert seen > 1300


def test_themes_colour_the_same_shapes() -> None:
    from simulator.render.views import picture
    from simulator.replay import replay
    from simulator.scenario import load

    from .conftest import EXAMPLE

    pic = picture(replay(load(EXAMPLE)).end, "compare", "en")
    places = set()
    for theme in THEMES.values():
        fig = paint(pic, theme)
        places.add(tuple((t.get_position(), t.get_text(), t.get_fontsize())
                         for t in fig.findobj(MplText) if t.get_text()))
    assert len(places) == 1


def test_environment_pictures_keep_their_text_inside() -> None:
    from simulator.lessons.format import lesson_paths
    from simulator.render.facts import facts
    from simulator.render.views import environment_picture
    from simulator.replay import replay
    from simulator.scenario import load

    for path in lesson_paths():
        tl = replay(load(path))
        for e in facts(tl.end).envs:
            assert _spill(environment_picture(tl.end, e.prefix, "en")) == [], (path.stem, e.prefix)


def test_drawn_text_is_no_wider_than_measured() -> None:
    """Glyphs are drawn unhinted, so a label never grows past the box the layout gave it
    (hinted, small text drew up to 16 px wider and touched or crossed its border)."""
    from matplotlib import rc_context

    from simulator.lessons.format import find
    from simulator.render.paint import RC
    from simulator.render.views import picture
    from simulator.replay import replay
    from simulator.scenario import load

    path = find("09")
    assert path is not None
    tl = replay(load(path))
    pic = picture(tl.world_at(7), "compare", "en", left=tl.world_at(5))
    with rc_context(RC):
        fig = paint(pic, THEMES["light"])
        renderer = FigureCanvasAgg(fig).get_renderer()
        ax = fig.axes[0]
        drawn = [t for t in fig.findobj(MplText) if t.get_text()]
        assert len(drawn) == len(pic.texts)
        for mpl, t in zip(drawn, pic.texts, strict=True):
            right = ax.transData.transform((t.left + t.w, t.y))[0]
            assert mpl.get_window_extent(renderer).x1 <= right + 1.0, t.text
