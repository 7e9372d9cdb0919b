"""``venvsim draw``: formats by suffix, --step, --animate, and bad input as one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from simulator.cli import main

from .conftest import EXAMPLE


def test_formats_by_suffix(tmp_path: Path) -> None:
    for name in ("a.svg", "a.png", "a.pdf", "a.mmd", "a.dot"):
        assert main(["draw", str(EXAMPLE), "--view", "graph", "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.mmd").read_text().startswith("flowchart")
    assert (tmp_path / "a.dot").read_text().startswith("digraph")
    assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"
    with Image.open(tmp_path / "a.png") as png:
        assert png.size == (1920, 1080)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dot", "a.mmd", "a.pdf", "a.png", "a.svg"]


SHORT = """
[world]
pythons = ["3.11"]
[index]
libcolor = ["1.0", "3.0"]
[projects.tienda]
needs = ["libcolor<2"]
[[steps]]
run = "pip install 'libcolor==1.0'"
[[steps]]
run = "pip install 'libcolor==3.0'"
[[steps]]
run = "cd ~/tienda && python -m venv .venv && .venv/bin/pip install 'libcolor<2'"
"""


def test_step_and_animation(tmp_path: Path) -> None:
    assert main(["draw", str(EXAMPLE), "--view", "compare", "--step", "4", "--lang", "en",
                 "--out", str(tmp_path / "s.svg")]) == 0
    assert "✗ needs libcolor&lt;2 · has 3.0" in (tmp_path / "s.svg").read_text()
    short = tmp_path / "short.toml"
    short.write_text(SHORT)
    assert main(["draw", str(short), "--view", "venvs", "--animate", str(tmp_path / "a.gif")]) == 0
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.n_frames == 3 and gif.size == (1920, 1080)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gif", "s.svg", "short.toml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "nope", "--out", "{d}/x.png"], "unknown view 'nope'"),
        (["--theme", "neon", "--out", "{d}/x.png"], "unknown theme 'neon'"),
        (["--lang", "fr", "--out", "{d}/x.png"], "unknown language 'fr'"),
        (["--out", "{d}/x.jpg"], "unknown suffix '.jpg'"),
        (["--step", "11", "--out", "{d}/x.png"], "--step 11 is out of range"),
        (["--step", "-1", "--out", "{d}/x.png"], "--step -1 is out of range"),
        (["--out", "{d}/no/such/x.png"], "no such folder"),
        (["--animate", "{d}/x.png"], "unknown suffix '.png'"),
        ([], "draw needs --out"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["draw", str(EXAMPLE)] + [a.replace("{d}", str(tmp_path)) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("venvsim: ") and message in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.png").mkdir()
    assert main(["draw", str(EXAMPLE), "--out", str(tmp_path / "x.png")]) == 2
    assert "it is a folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


def test_bad_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[world]\npythons = 3\n")
    assert main(["draw", str(bad), "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.toml:2" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_a_failed_write_leaves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    def broken(self: Figure, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", broken)
    assert main(["draw", str(EXAMPLE), "--out", str(tmp_path / "x.png")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("view", ["path", "anatomy"])
def test_the_new_views_in_every_format(view: str, tmp_path: Path) -> None:
    lesson = Path(__file__).resolve().parents[2] / "lessons" / "06-do-not-move-a-venv.toml"
    for suffix in ("svg", "png", "pdf", "mmd", "dot"):
        out = tmp_path / f"a.{suffix}"
        assert main(["draw", str(lesson), "--view", view, "--step", "6", "--lang", "en",
                     "--out", str(out)]) == 0
    svg = (tmp_path / "a.svg").read_text()
    mmd = (tmp_path / "a.mmd").read_text()
    expected = "no such folder" if view == "path" else "#!/home/ana/tienda/.venv/bin/python3"
    assert expected in svg and expected in mmd and expected in (tmp_path / "a.dot").read_text()


@pytest.mark.parametrize(("env", "word"), [
    ({"LANG": "en_US.UTF-8"}, "Global Python"),
    ({"LANG": "es_ES.UTF-8"}, "Python global"),
    ({"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "Python global"),
])
def test_draw_follows_the_locale_like_lessons(env: dict[str, str], word: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    out = tmp_path / "x.svg"
    assert main(["draw", str(EXAMPLE), "--view", "global", "--out", str(out)]) == 0
    assert word in out.read_text()
    assert main(["draw", str(EXAMPLE), "--view", "global", "--lang", "en", "--out", str(out)]) == 0
    assert "Global Python" in out.read_text()


LESSON_09 = Path(__file__).resolve().parents[2] / "lessons" / "09-impossible-conflicts.toml"


def test_compare_draws_the_moments_a_lesson_names(tmp_path: Path) -> None:
    text = LESSON_09.read_text().replace('minutes = 15\n', 'minutes = 15\ncompare = [2, 7]\n', 1)
    lesson = tmp_path / "l.toml"
    lesson.write_text(text)
    for suffix in ("svg", "mmd"):
        out = tmp_path / f"c.{suffix}"
        assert main(["draw", str(lesson), "--lang", "en", "--out", str(out)]) == 0
        shown = out.read_text()
        assert "Step 2 of 8" in shown and "Step 7 of 8" in shown, suffix
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("compare = [2, 7]", "compare = [7, 2]"))
    assert main(["draw", str(bad), "--out", str(tmp_path / "c.svg")]) == 2
