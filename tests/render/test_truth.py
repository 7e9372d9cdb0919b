"""Pictures that tell each lesson's truth: the active venv, a moved venv, shadowing, pip's own packages."""

from __future__ import annotations

import io
from functools import cache

from rich.console import Console

from simulator.lessons.format import find
from simulator.render.facts import facts
from simulator.render.panels import compare, global_view, venvs_view
from simulator.render.picture import Picture
from simulator.render.terminal import picture as terminal_picture
from simulator.replay import Timeline, replay
from simulator.scenario import load


@cache
def lesson(number: str) -> Timeline:
    path = find(number)
    assert path is not None
    return replay(load(path))


def texts(pic: Picture) -> list[str]:
    return [t.text for t in pic.texts]


def box_of(pic: Picture, text: str) -> object:
    """The smallest box that holds the label ``text``."""
    t = next(t for t in pic.texts if t.text == text)
    around = [b for b in pic.boxes if b.x <= t.x < b.x + b.w and b.y <= t.y < b.y + b.h]
    return min(around, key=lambda b: b.w * b.h)


def console_text(renderable: object, width: int = 120) -> str:
    c = Console(file=io.StringIO(), width=width, color_system=None, record=True)
    c.print(renderable)
    return c.export_text()


def test_a_shared_active_venv_is_where_the_projects_run() -> None:
    world = lesson("09").world_at(4)  # ~/comun active, pip check
    f = facts(world)
    assert {p.name: (p.env, p.shared) for p in f.projects if p.name != "informe"} == {
        "tienda": ("/home/ana/comun", True), "blog": ("/home/ana/comun", True)}
    tienda = next(p for p in f.projects if p.name == "tienda")
    assert not tienda.works and [n.found for n in tienda.needs] == ["1.0", "3.0"]
    pic = venvs_view(f, "en")
    words = texts(pic)
    assert "no venv · runs on the global Python" not in words
    assert words.count("runs on ~/comun (active)") == 2  # informe enters with its exercise
    assert words.count("comun · Python 3.11") == 1  # one box for the venv they share
    assert "▶ the shell's python, pip run from here now" in words
    assert "projects without a venv of their own run on the active one" in words
    text = console_text(terminal_picture(world, "venvs", "es"))
    assert "usa ~/comun (activo)" in text and "ahora la shell ejecuta python, pip desde aquí" in text


def test_after_deactivate_the_global_python_runs_again() -> None:
    world = lesson("09").world_at(6)
    f = facts(world)
    system = next(e for e in f.envs if e.kind == "system")
    assert system.runs == ("python", "pip")
    assert not any(e.runs for e in f.venvs)
    assert "▶ the shell's python, pip run from here now" in texts(venvs_view(f, "en"))


def test_a_moved_venv_is_drawn_broken_with_the_reason() -> None:
    for step in (3, 6):
        world = lesson("06").world_at(step)
        pic = venvs_view(facts(world), "en")
        words = texts(pic)
        assert "✗ bin/pip: #! names ~/tienda/.venv/bin/python3" in words
        frame = box_of(pic, ".venv · Python 3.11")
        assert frame.role == "bad" and frame.dashed  # type: ignore[attr-defined]
    assert "✗ bin/activate sets VIRTUAL_ENV=~/tienda/.venv" in texts(venvs_view(facts(world), "en"))
    healthy = venvs_view(facts(lesson("06").world_at(1)), "en")
    assert not any(t.startswith("✗ bin/") for t in texts(healthy))
    recreated = facts(lesson("06").world_at(9))
    assert all(not e.stale for e in recreated.venvs)


def test_a_copied_venv_is_broken_too() -> None:
    tl = lesson("06")
    from simulator.replay import extend

    world = extend(tl.upto(1), ["cd ~ && cp -r tienda copia"]).end
    stale = {e.label: e.stale for e in facts(world).venvs}
    assert stale["~/tienda/.venv"] == ()
    assert [(s.kind, s.target) for s in stale["~/copia/.venv"]] == [
        ("shebang", "~/tienda/.venv/bin/python3"), ("activate", "~/tienda/.venv")]


def test_shadowing_under_system_site_packages_is_drawn() -> None:
    world = lesson("08").world_at(4)  # the venv's own libcolor hides the system's 1.0
    venv = facts(world).venvs[0]
    assert [c.label for c in venv.chips] == ["libcolor 3.0"]
    assert [c.label for c in venv.inherited] == ["bigmath 1.0"]
    assert [c.label for c in venv.shadowed] == ["libcolor 1.0"]
    words = texts(venvs_view(facts(world), "en"))
    hidden = words.index("hidden by the venv's own copy")
    assert "libcolor 1.0" in words[hidden:]
    assert "tapado por la copia propia del venv: libcolor 1.0" in console_text(
        terminal_picture(world, "venvs", "es"))


def test_pip_and_setuptools_are_shown_where_pip_list_shows_them() -> None:
    world = lesson("02").world_at(7)  # deactivate && pip list
    words = texts(global_view(facts(world), "en"))
    assert "pip 26.3" in words and "setuptools 65.5.0" in words and "(empty)" not in words
    pic = global_view(facts(world), "en")
    chip = next(t for t in pic.texts if t.text == "pip 26.3")
    assert chip.role == "muted"


def test_no_placeholder_anywhere() -> None:
    from simulator import World

    plain = str(World.new())
    assert ": 0)" not in plain and "(no virtual environments)" in plain
    for number in ("05", "10"):
        tl = lesson(number)
        for step in range(len(tl.frames) + 1):
            for view in ("global", "venvs", "compare", "graph", "path", "anatomy"):
                for lang in ("es", "en"):
                    text = console_text(terminal_picture(tl.world_at(step), view, lang))
                    assert ": 0)" not in text, (number, step, view)


def test_projects_in_venvs_are_not_missing_on_the_global_side() -> None:
    f = facts(lesson("02").world_at(6))
    words = texts(compare(f, "en"))
    assert not any("tienda" in w and "missing" in w for w in words)
    assert words.count("runs on .venv") == 2  # tienda and blog, on the global side


def _crossings(pic: Picture) -> int:
    def cross(a: object, b: object) -> bool:
        (x1, y1, x2, y2), (x3, y3, x4, y4) = (
            (s.x1, s.y1, s.x2, s.y2) for s in (a, b))  # type: ignore[attr-defined]

        def side(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
            return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

        d1, d2 = side(x3, y3, x4, y4, x1, y1), side(x3, y3, x4, y4, x2, y2)
        d3, d4 = side(x1, y1, x2, y2, x3, y3), side(x1, y1, x2, y2, x4, y4)
        return d1 * d2 < 0 and d3 * d4 < 0

    arrows = pic.arrows
    return sum(cross(a, b) for i, a in enumerate(arrows) for b in arrows[i + 1 :])


def test_arrows_to_two_interpreters_do_not_cross() -> None:
    tl = lesson("03")
    for step in range(len(tl.frames) + 1):
        f = facts(tl.world_at(step))
        for layout in (venvs_view, global_view):
            assert _crossings(layout(f, "en")) == 0, (step, layout.__name__)


def test_the_path_view_shows_activation_and_the_first_hit() -> None:
    from simulator.render.pathview import path_view

    before = path_view(facts(lesson("04").world_at(1)), "en")
    assert "PATH: no venv active: PATH is the system's" in texts(before)
    pic = path_view(facts(lesson("04").world_at(3)), "en")
    words = texts(pic)
    assert "~/tienda/.venv/bin" in words and words.index("~/tienda/.venv/bin") < words.index("/usr/bin")
    assert "✓ python  → python3   · first hit: runs" in words
    assert "✓ pip  #! ~/tienda/.venv/bin/python3   · first hit: runs" in words
    assert "✓ pip  #! /usr/bin/python3.11   · later on PATH: not run" in words
    assert "→ ~/tienda/.venv/bin/python" in words
    assert len(pic.arrows) == 2
    moved = path_view(facts(lesson("06").world_at(6)), "es")
    head = next(t for t in moved.texts if t.text.startswith("~/tienda/.venv/bin"))
    assert head.text.endswith("(no existe esa carpeta)") and head.role == "bad"
    assert "→ /usr/bin/pip" in texts(moved)
    assert ("esa carpeta ya no existe: el venv cuyo activate lo dice está ahora en ~/proyectos/tienda/.venv"
            in texts(moved))


def test_the_anatomy_view_shows_a_stale_shebang_in_red() -> None:
    from simulator.render.anatomy import anatomy_view

    pic = anatomy_view(facts(lesson("06").world_at(6)), "en")
    stale = next(t for t in pic.texts if t.text.startswith("✗ pip   #!"))
    assert stale.text == "✗ pip   #!/home/ana/tienda/.venv/bin/python3" and stale.role == "bad"
    words = texts(pic)
    assert "home = /usr/bin" in words and "lib/python3.11/site-packages/" in words
    assert "python3 → /usr/bin/python3" in words
    assert "✗ moved or copied: its files name another folder" in words
    fresh = texts(anatomy_view(facts(lesson("06").world_at(9)), "en"))
    assert "pip   #!/home/ana/proyectos/tienda/.venv/bin/python3" in fresh
    assert "✓ every #! names this folder" in fresh
    assert texts(anatomy_view(facts(lesson("01").world_at(0)), "en"))[1] == (
        "there is no virtual environment to look inside")


def test_compare_derives_the_moments_of_each_story() -> None:
    from simulator.render.moments import derive

    assert derive(lesson("01"), 8) == 4  # tienda worked after step 4; the global install broke it
    assert derive(lesson("08"), 5) is None  # one world: broken on the global Python, fixed in its venv
    assert derive(lesson("09"), 7) == 5  # both projects on the shared ~/comun: the seesaw
    assert derive(lesson("10"), 10) == 9  # the venv deleted: its packages went with it


def test_compare_of_two_moments_draws_each_as_its_story() -> None:
    from simulator.render.views import picture

    tl = lesson("09")
    pic = picture(tl.world_at(7), "compare", "en", left=tl.world_at(5),
                  captions=(["Step 5 of 8"], ["Step 7 of 8"]))
    words = texts(pic)
    assert words[0] == "Step 5 of 8" and "Step 7 of 8" in words
    assert "Global Python" not in words and words.count("Virtual environments") == 2
    assert "runs on ~/comun (active)" in words  # the left: the shared venv
    assert "~/blog/.venv" in words and "~/tienda/.venv" in words  # the right: one each
    x0, y0, x1, y1 = pic.bounds()
    assert 1.2 < (x1 - x0) / (y1 - y0) < 2.6  # fills a 16:9 frame, not a strip


def test_no_project_in_a_venv_stands_missing_in_any_compare() -> None:
    from simulator.lessons.format import lesson_paths
    from simulator.render import compared
    from simulator.render.views import picture

    for path in lesson_paths():
        tl = lesson(path.stem.split("-", 1)[0])
        for step in range(1, len(tl.frames) + 1):
            if compared(tl, step) is not None:
                continue  # two moments: each side is its own true view (tested above)
            pic = picture(tl.world_at(step), "compare", "en")
            for p in facts(tl.world_at(step)).projects:
                if not p.in_venv or p.tried_globally:  # tried: the story installed it globally
                    continue
                cards = [min((b for b in pic.boxes if b.x <= t.x < b.x + b.w and b.y <= t.y < b.y + b.h),
                             key=lambda b: b.w * b.h) for t in pic.texts if t.text == p.name]
                assert sorted(c.role for c in cards)[-1] == "project" or not p.works, (path.stem, step)
                assert "muted" in [c.role for c in cards], (path.stem, step, p.name)


def test_slides_use_the_compare_key(tmp_path: object) -> None:
    from pathlib import Path

    from simulator.classroom.slides import write_slides
    from simulator.lessons.format import load_lesson

    folder = Path(str(tmp_path))
    source = find("09")
    assert source is not None
    text = source.read_text().replace("minutes = 15\n", "minutes = 15\ncompare = [5, 7]\n", 1)
    (folder / "l.toml").write_text(text)
    assert load_lesson(folder / "l.toml").compare == (5, 7)
    assert write_slides(load_lesson(folder / "l.toml"), str(folder / "out"), "en", "light") == 0
    names = sorted(p.name for p in (folder / "out").iterdir())
    assert names == ["04-graph.png", "07-compare.png", "08-venvs.png", "slides.md"]


def test_the_timeline_shows_what_changed_in_large_text_one_page_at_a_time() -> None:
    from simulator.render.timeline import PAGE, timeline_view
    from simulator.replay import extend

    tl = lesson("09")
    pic = timeline_view(tl, "en")
    assert min(t.size for t in pic.texts) >= 16  # as large as the other views' body text
    words = texts(pic)
    assert "Step 2 of 8 · exit 1" in words and "Step 4 of 8 · exit 1" in words
    assert "+ libcolor 1.0 · ~/comun" in words and "− libcolor 3.0 · ~/comun" in words
    assert "✗ appb 1.0 requires libcolor>=2 · has 1.0" in words
    assert "− ~/comun · removed" in words and "✓ blog: works" in words
    assert "▶ the shell's python, pip run from here now · ~/comun" in words
    assert "pip 26.3" not in words  # nothing that did not change
    x0, y0, x1, y1 = pic.bounds()
    assert 1.2 < (x1 - x0) / (y1 - y0) < 2.6
    longer = extend(tl, ["pip list"] * 4)
    page = texts(timeline_view(longer, "es"))
    assert page[0] == "Paso a paso (pasos 4 a 12)"
    assert sum(w.startswith("Paso ") and " de 12" in w for w in page) == PAGE


def test_an_externally_managed_python_says_so() -> None:
    world = lesson("07").world_at(5)
    words = texts(global_view(facts(world), "en"))
    assert "EXTERNALLY-MANAGED (PEP 668): pip refuses to install here" in words
    assert "EXTERNALLY-MANAGED" not in " ".join(texts(global_view(facts(lesson("01").world_at(3)), "en")))
    assert "pip se niega a instalar aquí" in console_text(terminal_picture(world, "global", "es"))


def test_mermaid_and_dot_tell_the_same_truth() -> None:
    from simulator.render.dot import dot
    from simulator.render.mermaid import mermaid

    moved = mermaid(lesson("06").world_at(6), "venvs", "en")
    assert "✗ bin/pip: #! names ~/tienda/.venv/bin/python3" in moved
    assert "tapado por la copia propia del venv" in dot(lesson("08").world_at(5), "venvs", "es")
    shared = mermaid(lesson("09").world_at(4), "venvs", "en")
    assert "▶ the shell's python, pip run from here now" in shared
    assert "no venv" not in shared


def test_an_environment_alone_shows_hidden_copies_and_staleness() -> None:
    from simulator.render.views import environment_picture

    pic = environment_picture(lesson("08").world_at(5), "/home/ana/informe/.venv", "en")
    assert "hidden by the venv's own copy" in texts(pic)
    moved = environment_picture(lesson("06").world_at(6), "/home/ana/proyectos/tienda/.venv", "en")
    assert "✗ bin/pip: #! names ~/tienda/.venv/bin/python3" in texts(moved)


def test_the_classic_compare_shows_the_global_breakage_the_story_made() -> None:
    tl = lesson("08")
    words = texts(compare(facts(tl.world_at(5)), "en"))
    assert "runs on .venv" in words and "here: as the global Python sees it" in words
    assert "✗ needs libcolor>=2 · has 1.0" in words  # on the global side, installed there by step 1
    assert "hidden by the venv's own copy" in words  # on the venvs side


def test_a_uv_venv_and_a_uv_lock_appear_in_the_views() -> None:
    from simulator.render.anatomy import anatomy_view

    blog = texts(anatomy_view(facts(lesson("12").world_at(4)), "en"))
    assert 'activate   VIRTUAL_ENV="/home/ana/blog/.venv"' in blog  # uv's own activate script
    assert "uv = 0.13.8" in blog and "pip   #!/home/ana/blog/.venv/bin/python3" not in blog
    before, after = (facts(lesson("13").world_at(n)) for n in (2, 3))
    assert [p.locked for p in before.projects] == [()]
    assert [p.locked for p in after.projects] == [("appa 1.0", "libcolor 1.0")]
    assert "uv.lock pins appa 1.0, libcolor 1.0" in texts(venvs_view(after, "en"))
    assert "uv.lock fija appa 1.0, libcolor 1.0" in texts(venvs_view(after, "es"))
    assert "uv.lock pins appa 1.0, libcolor 1.0" not in texts(global_view(after, "en"))
