"""The site's build, its server, the Python side of the page, the SVG writer and the font table
(without a browser)."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from pathlib import Path

import pytest

from simulator.render.fonts import table_width
from simulator.render.picture import text_width
from simulator.render.svgwriter import to_svg
from simulator.render.views import picture
from simulator.web import build as site_build
from simulator.web.page import Page
from simulator.web.serve import server, url

ROOT = Path(__file__).resolve().parents[2]


def test_the_site_holds_the_runtime_the_page_and_the_wheels(site: Path) -> None:
    for name in site_build.RUNTIME:
        assert (site / "pyodide" / name).stat().st_size > 0
    assert {p.name for p in site.iterdir() if p.is_file()} == {"index.html", "app.js", "style.css"}
    wheels = json.loads((site / "wheels" / "index.json").read_text())
    assert wheels[0].startswith("venvsim-") and len(wheels) == 1 + len(site_build.DEPENDENCIES)
    assert all((site / "wheels" / w).is_file() for w in wheels)
    assert site_build.size(site) < 25_000_000
    page = (site / "index.html").read_text() + (site / "app.js").read_text()
    assert not re.search(r"https?://", page), "the page names no other origin"


def test_a_build_gives_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again = site_build.build(tmp_path)
    for p in sorted(site.rglob("*")):
        if p.is_file():
            assert (again / p.relative_to(site)).read_bytes() == p.read_bytes(), p


def test_the_npm_pins_match_the_build(tmp_path: Path) -> None:
    pins = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]
    assert pins == dict([site_build.PYODIDE, site_build.XTERM])
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())["packages"]
    assert lock["node_modules/pyodide"]["version"] == site_build.PYODIDE[1]
    assert lock["node_modules/@xterm/xterm"]["version"] == site_build.XTERM[1]


def test_the_server_gives_wasm_its_type(site: Path) -> None:
    httpd = server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(url(httpd) + "pyodide/pyodide.asm.wasm") as r:
            assert r.headers["Content-Type"] == "application/wasm"
        with urllib.request.urlopen(url(httpd) + "pyodide/pyodide.mjs") as r:
            assert r.headers["Content-Type"] == "text/javascript"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_page_runs_the_shell_line_by_line() -> None:
    page = Page()
    start = json.loads(page.start('{"lang": "es"}'))
    assert "Una máquina de pruebas" in start["output"] and start["prompt"] == "ana@aula:~$ "
    out = json.loads(page.line("pip instal requests"))
    assert 'ERROR: unknown command "instal"' in out["output"]
    assert json.loads(page.line("for p in a b; do"))["prompt"] == "> "
    out = json.loads(page.line("echo $p; done"))
    assert out["output"] == "a\nb\n"
    assert json.loads(page.complete("python3 -m venv .venv && sou"))["candidates"] == []
    assert json.loads(page.complete(":un"))["candidates"] == [":undo"]
    assert json.loads(page.complete("deac"))["candidates"] == ["deactivate"]


def test_the_sandbox_starts_on_the_machine_asked_for() -> None:
    from simulator.classroom.machines import spec
    from simulator.model.world import build
    from simulator.web.page import machines
    from simulator.web.page import picture as drawn

    assert json.loads(machines("es"))["machines"] == [
        {"name": "default", "label": "Python 3.11"}, {"name": "uv", "label": "Python 3.11 con uv"},
        {"name": "debian13", "label": "Debian 13"}]
    page = Page()
    start = json.loads(page.start('{"lang": "en", "machine": "debian13"}'))
    assert start["output"].startswith("A freshly installed Debian 13")
    assert start["svg"] == drawn(build(spec("debian13")), "compare", "en")
    out = json.loads(page.line("python"))
    assert (out["output"], out["code"]) == ("bash: python: command not found\n", 127)
    json.loads(page.start('{"lang": "en", "machine": "uv"}'))
    assert json.loads(page.line("uv --version"))["output"] == "uv 0.13.8 (x86_64-unknown-linux-gnu)\n"
    assert json.loads(page.start('{"machine": "windows"}'))["error"] == (
        "there is no machine 'windows' (one of default, uv, debian13)")


def test_the_presenter_starts_where_the_story_does_and_says_each_exit_code() -> None:
    from simulator.lessons.format import find, load_lesson
    from simulator.lessons.story import practice_world
    from simulator.replay import replay
    from simulator.web.page import picture as drawn

    page = Page()
    story = json.loads(page.start(json.dumps({"lesson": "01-global-python", "lang": "es", "step": 1})))
    lesson = load_lesson(find("01-global-python"))  # type: ignore[arg-type]
    frames = replay(lesson.scenario).frames
    assert story["svg"] == drawn(frames[0].before, "compare", "es")
    first = story["lesson"]["steps"][0]
    assert first["label"] == "Paso 1 de 9" and first["run"] == "which python3 pip"
    assert "<code>which</code>" in first["say"]
    assert story["lesson"]["words"]["predict"] == "¿Qué creéis que pasará?"
    assert json.loads(page.line(frames[0].run))["exit"] == "código de salida 0"
    out = json.loads(page.line(frames[1].run))
    assert out["exit"] == "código de salida 1" and out["output"] == frames[1].outcome.output
    assert "exit" not in json.loads(page.line(":undo"))
    assert json.loads(page.line(":goal"))["exercise"] == 0  # no exercise is open in the story
    practice = json.loads(page.start(json.dumps({"lesson": "01-global-python", "step": 10})))
    assert practice["svg"] == drawn(practice_world(lesson), "compare", "en")  # past the story


def test_no_exception_reaches_the_page_as_a_traceback() -> None:
    page = Page()
    assert json.loads(page.line("ls")) == {"error": "venvsim: internal error: RuntimeError: "
                                                    "no session: start one first"}
    bad = json.loads(page.start(json.dumps({"toml": "[world]\nbogus = 1\n"})))
    assert bad["error"].startswith("scenario.toml:") and "\n" not in bad["error"]
    assert "error" in json.loads(page.start("not json"))
    assert json.loads(page.start(json.dumps({"lesson": "99-nothing"})))["error"] == (
        "there is no lesson '99-nothing'")


def test_the_svg_writer_keeps_text_and_bytes() -> None:
    page = Page()
    page.start("{}")
    page.line("pip install requests")
    world = page.need().session.world
    svg = to_svg(picture(world, "compare", "en"))
    assert svg == to_svg(picture(world, "compare", "en"))
    assert ">requests 2.34.2</text>" in svg and svg.startswith("<svg ")
    assert ">Global Python</text>" in svg


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("mono", [False, True])
def test_the_font_table_measures_as_matplotlib_does(bold: bool, mono: bool) -> None:
    page = Page()
    page.start('{"lesson": "09"}')
    texts = [t.text for view in ("compare", "venvs", "path", "anatomy")
             for t in picture(page.need().session.world, view, "es").texts]
    texts += ["AVATAR To", "¿Qué? ✗ → ·", "café"]  # within 0.2%: kerning rounds a little apart
    for text in texts:
        assert table_width(text, 15, bold, mono) == pytest.approx(text_width(text, 15, bold, mono),
                                                                  rel=2e-3, abs=0.3), text


PYODIDE_LIKE = """
import json, sys
sys.modules["matplotlib"] = None  # Pyodide's core has neither: importing them fails there too
sys.modules["networkx"] = None
from simulator.web.page import Page
page = Page()
out = [json.loads(page.start('{"lesson": "02", "lang": "es"}'))]
for line in sys.argv[1:]:
    out.append(json.loads(page.line(line)))
print(json.dumps(out))
"""


def test_the_page_needs_neither_matplotlib_nor_networkx(tmp_path: Path) -> None:
    import subprocess
    import sys

    lines = ["clear", ":draw venvs", ":draw x.svg", ":save s.toml", ":load s.json", ":hint",
             "python3 -m venv .venv", "python3 -c 'import appc'", "exit"]
    done = subprocess.run([sys.executable, "-c", PYODIDE_LIKE, *lines], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    start, *answers = json.loads(done.stdout)
    assert "</svg>" in start["svg"] and not any("error" in a for a in answers), answers
    said = dict(zip(lines, (a["output"] for a in answers), strict=True))
    assert said["clear"].startswith("\x1b[")  # bash's clear, as TERM=xterm makes it
    assert answers[1]["view"] == "venvs" and "~/blog/.venv" in answers[1]["svg"]
    assert "Descargar SVG" in said[":draw x.svg"] and "Copiar enlace" in said[":save s.toml"]
    assert "ModuleNotFoundError: No module named 'appc'" in said["python3 -c 'import appc'"]
    assert answers[-1]["ended"] is True
    assert list(tmp_path.iterdir()) == []  # nothing written outside the simulated machine


def test_the_web_command_builds_and_serves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    from simulator.cli import main

    assert main(["web", "build"]) == 2
    assert "web build needs the folder to write" in capsys.readouterr().err
    assert main(["web", "build", str(tmp_path / "site")]) == 0
    assert re.fullmatch(rf"{tmp_path / 'site'}: \d+\.\d MB; serve it .*\n", capsys.readouterr().out)
    assert (tmp_path / "site" / "index.html").is_file()
    with subprocess.Popen([sys.executable, "-m", "simulator", "web", "serve", "--port", "0"],
                          stdout=subprocess.PIPE, text=True) as served:
        try:
            assert served.stdout is not None
            line = served.stdout.readline()
            address = re.search(r"http://127\.0\.0\.1:\d+/", line)
            assert address, line
            with urllib.request.urlopen(address.group(0)) as r:
                assert r.headers["Content-Type"] == "text/html; charset=utf-8"
                assert b'<div id="terminal"' in r.read()
        finally:
            served.terminate()
            assert served.wait(timeout=30) == 0
