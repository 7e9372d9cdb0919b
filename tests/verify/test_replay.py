"""The real side of the verifier: scenarios replayed on real venv and pip 26.3.

The truths asserted come from the reference transcripts (reference/pip-26.3/01, 02, 08).
Two machines are built (one per module fixture), so the file takes about 30 s.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.verify.replay import replay
from simulator.verify.scenario import parse
from simulator.verify.wheels import build_index, pip_wheel

pytestmark = pytest.mark.real

INDEX = """
[index]
libcolor = ["1.0", "2.0", "3.0"]
appa = [{ version = "1.0", requires = ["libcolor<2"] }]
appb = [{ version = "1.0", requires = ["libcolor>=2"] }]
"""

GLOBAL = (
    """
title = "Two apps, one global Python"
[world]
pythons = ["3.11"]
"""
    + INDEX
    + """
[[steps]]
run = "pip install appa appb"
[[steps]]
run = "pip install appa"
[[steps]]
run = "pip install appb"
[[steps]]
run = "cat /etc/pip.conf"
"""
)

VENV = (
    """
title = "A venv for the shop, on a PEP 668 system"
[world]
pythons = ["3.11"]
externally_managed = true
"""
    + INDEX
    + """
[projects.tienda]
needs = ["libcolor>=2,<3"]
[[steps]]
run = "pip install libcolor"
[[steps]]
run = "cd ~/tienda && python3 app.py"
[[steps]]
run = "python3 -m venv .venv && source .venv/bin/activate"
[[steps]]
run = "pip install libcolor==2.0"
[[steps]]
run = "python app.py"
"""
)


def _replay(
    factory: pytest.TempPathFactory, text: str, *, keep: bool = False
) -> tuple[dict[str, Any], Path]:
    """Replay ``text`` with the temporary folders redirected into a fresh ``tmp``."""
    base = factory.mktemp("replay")
    scenario = base / "scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    tmp = base / "tmp"
    tmp.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tempfile, "tempdir", str(tmp))
        return replay(scenario, keep=keep), tmp


@pytest.fixture(scope="module")
def global_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    return _replay(tmp_path_factory, GLOBAL)


@pytest.fixture(scope="module")
def venv_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    result, _ = _replay(tmp_path_factory, VENV, keep=True)
    yield result
    shutil.rmtree(Path(result["root"]).parent, ignore_errors=True)


def _env(result: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(e for e in result["environments"] if e["prefix"] == prefix)


def test_conflicting_apps_together_are_refused(global_run: tuple[dict[str, Any], Path]) -> None:
    step = global_run[0]["steps"][0]
    assert step["exit_code"] == 1
    assert "ResolutionImpossible" in step["output"]
    assert "appa 1.0 depends on libcolor<2" in step["output"]


def test_second_app_breaks_the_first_with_exit_0(global_run: tuple[dict[str, Any], Path]) -> None:
    result = global_run[0]
    assert [s["exit_code"] for s in result["steps"][1:3]] == [0, 0]
    assert (
        "appa 1.0 requires libcolor<2, but you have libcolor 3.0 which is incompatible."
        in result["steps"][2]["output"]
    )
    assert result["environments"] == [
        {
            "prefix": "/usr",
            "kind": "system",
            "python": "3.11",
            "packages": {"appa": "1.0", "appb": "1.0", "libcolor": "3.0"},
        }
    ]


def test_outputs_show_simulated_paths(global_run: tuple[dict[str, Any], Path]) -> None:
    output = global_run[0]["steps"][1]["output"]
    assert output.startswith("Looking in indexes: file:///srv/pypi/simple\n")
    assert "venvsim-verify" not in output


def test_temporary_folder_is_removed(global_run: tuple[dict[str, Any], Path]) -> None:
    assert list(global_run[1].iterdir()) == []


def test_externally_managed_system_refuses_pip(venv_run: dict[str, Any]) -> None:
    step = venv_run["steps"][0]
    assert step["exit_code"] == 1
    assert "error: externally-managed-environment" in step["output"]
    assert "See /usr/share/doc/python3.11/README.venv" in step["output"]


def test_global_python_cannot_import_the_project_needs(venv_run: dict[str, Any]) -> None:
    step = venv_run["steps"][1]
    assert step["exit_code"] == 1
    assert "ModuleNotFoundError: No module named 'libcolor'" in step["output"]
    assert 'File "/home/ana/tienda/app.py", line 5, in <module>' in step["output"]


def test_venv_makes_the_project_work(venv_run: dict[str, Any]) -> None:
    codes = [s["exit_code"] for s in venv_run["steps"][2:]]
    assert codes == [0, 0, 0]
    assert venv_run["steps"][4]["output"] == "tienda works: libcolor 2.0\n"
    assert _env(venv_run, "/usr") == {
        "prefix": "/usr",
        "kind": "system",
        "python": "3.11",
        "packages": {},
    }
    assert _env(venv_run, "/home/ana/tienda/.venv") == {
        "prefix": "/home/ana/tienda/.venv",
        "kind": "venv",
        "python": "3.11",
        "packages": {"libcolor": "2.0"},
    }
    assert [e["kind"] for e in venv_run["environments"]] == ["system", "venv"]


def test_kept_machine_holds_pip_26_3(venv_run: dict[str, Any]) -> None:
    root = Path(venv_run["root"])
    site = root / "home/ana/tienda/.venv/lib/python3.11/site-packages"
    assert (site / "pip-26.3.dist-info").is_dir()
    assert (site / "setuptools-65.5.0.dist-info").is_dir()
    assert (root / "usr/lib/python3.11/EXTERNALLY-MANAGED").is_file()


def test_host_paths_are_not_there(global_run: tuple[dict[str, Any], Path]) -> None:
    step = global_run[0]["steps"][3]
    assert step["exit_code"] == 1
    assert step["output"] == "cat: /etc/pip.conf: No such file or directory\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[world\n", "bad.toml:1: invalid TOML"),
        ('[world]\npythons = ["3.11"]\n[[steps]]\ncmd = "ls"\n',
         r'bad.toml:3: steps\[0\]: missing key "run"'),
        ('[world]\npythons = ["3.11"]\n[index]\nx = [{ requires = [] }]\n', 'missing key "version"'),
    ],
)
def test_bad_files_raise_value_error(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    with pytest.raises(ValueError, match=message):
        replay(bad)


def test_wheels_and_index_are_deterministic(tmp_path: Path) -> None:
    index = parse('[world]\npythons = ["3.11"]\n' + INDEX).index
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        build_index(index, folder / "simple")
        pip_wheel(folder)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) == 10  # pip, the root page, 3 project pages, 5 wheels
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    page = (first / "simple" / "appa" / "index.html").read_text()
    assert 'href="appa-1.0-py3-none-any.whl#sha256=' in page
