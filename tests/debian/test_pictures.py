"""The pictures of a Debian 13 world tell its layout: apt's and sudo pip's folders, the
PEP 668 marker, no ``python``, and a venv left half made by the missing ensurepip."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.render import picture_step
from simulator.render.picture import overlapping
from simulator.render.svgwriter import to_svg
from simulator.render.views import LAYOUTS
from simulator.replay import Timeline, replay
from simulator.scenario import load

from ..render.test_layout import _inside, _spill

LESSONS = Path(__file__).parents[2] / "lessons"
APT = "apt: /usr/lib/python3/dist-packages"
LOCAL = "sudo pip: /usr/local/lib/python3.13/dist-packages"


def _timeline(name: str) -> Timeline:
    return replay(load(LESSONS / name))


@pytest.mark.parametrize("name", ["07-externally-managed.toml", "11-debian-says-no.toml"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_view_of_every_step_draws_inside_its_borders(name: str, lang: str) -> None:
    tl = _timeline(name)
    for step in range(len(tl.frames) + 1):
        for view in [*LAYOUTS, "timeline"]:
            pic = picture_step(tl, step, view, lang=lang)
            where = f"{name} step {step} {view} {lang}"
            assert _spill(pic) == [] and overlapping(pic.texts) == [] and _inside(pic), where
            svg = to_svg(pic)
            assert "/python3.13/site-packages</text>" not in svg.replace(".local/lib", ""), where
            if view == "global":
                assert APT in svg and "EXTERNALLY-MANAGED" in svg, where


def test_sudo_pip_lands_in_usr_local_and_the_user_site_apart() -> None:
    tl = _timeline("07-externally-managed.toml")
    texts = [t.text for t in picture_step(tl, 6, "global", lang="en").texts]
    # apt's, then sudo pip's 2.0 and the user's 1.0 each in its own labelled folder
    assert APT in texts and LOCAL in texts and "user site · ~/.local" in texts
    assert texts.index("libcolor 1.0") < texts.index(LOCAL) < texts.index("libcolor 2.0") < texts.index(APT)
    assert "packaging 25.0" in texts and "site-packages shared by all" not in " ".join(texts)


def test_an_empty_debian_folder_is_still_drawn_and_says_so() -> None:
    texts = [t.text for t in picture_step(_timeline("07-externally-managed.toml"), 1, "global",
                                          lang="es").texts]
    assert f"{LOCAL} · (vacío)" in texts and APT in texts


def test_no_python_command_on_the_path_only_python3() -> None:
    tl = _timeline("11-debian-says-no.toml")
    texts = [t.text for t in picture_step(tl, 1, "path", lang="en").texts]
    assert "command not found" in texts
    assert not any(t.startswith("✓ python ") for t in texts)


@pytest.mark.parametrize("view", ["venvs", "anatomy"])
def test_the_half_made_venv_is_drawn_broken_with_its_reason(view: str) -> None:
    tl = _timeline("11-debian-says-no.toml")
    half = [t.text for t in picture_step(tl, 3, view, lang="en").texts]
    assert "✗ half made: no pip, no bin/activate" in half
    assert "venv stopped: ensurepip missing (apt install python3-venv)" in half
    whole = [t.text for t in picture_step(tl, 7, view, lang="en").texts]  # remade after python3-venv
    assert not any("half made" in t for t in whole)


def test_the_terminal_pictures_name_debians_folders() -> None:
    from rich.console import Console

    from simulator.render.terminal import global_view, venvs_view

    console = Console(width=100, record=True)
    tl = _timeline("07-externally-managed.toml")
    console.print(global_view(tl.world_at(6), "en"))
    text = console.export_text()
    assert APT in text and LOCAL in text and "site-packages)" not in text
    assert text.index(LOCAL) < text.index("libcolor 2.0") < text.index(APT)
    console.print(venvs_view(_timeline("11-debian-says-no.toml").world_at(3), "en"))
    assert "✗ half made: no pip, no bin/activate" in console.export_text()


def test_the_outline_marks_each_chip_with_its_folder_and_the_marker() -> None:
    from simulator.render.facts import facts
    from simulator.render.outline import outline

    world = _timeline("07-externally-managed.toml").world_at(6)
    labels = [n.label for g in outline(facts(world), "global", "en").groups for n in g.nodes]
    assert "libcolor 2.0\nsudo pip" in labels and "packaging 25.0\napt" in labels
    assert "EXTERNALLY-MANAGED (PEP 668): pip refuses to install here" in labels
