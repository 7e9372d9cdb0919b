"""``apt install pipx`` on the simulated Debian 13 (recorded in apt.txt): its packages land
in apt's dist-packages, and ``pipx`` answers what it simulates (pipx_*.txt), no more."""

from __future__ import annotations

from pathlib import Path

from simulator.model.world import build
from simulator.scenario import load
from simulator.shell.run import run_line

HERE = Path(__file__).resolve().parent


def test_pipx_and_its_dependencies_land_where_apt_puts_them() -> None:
    w = build(load(HERE / "apt.toml").spec)
    assert run_line(w, "pipx --version").code == 127
    done = run_line(w, "sudo apt install -y pipx")
    assert done.code == 0
    w = done.world
    for dist in ("pipx-1.7.1", "userpath-1.9.2", "click-8.1.8", "psutil-7.0.0"):
        assert w.fs.is_file(f"/usr/lib/python3/dist-packages/{dist}.dist-info/METADATA"), dist
    assert run_line(w, "pipx --version").output == "1.7.1\n"
    other = run_line(w, "pipx run libcolor")
    assert other.code == 1 and other.output.startswith("venvsim: only 'pipx --version'")


def test_removing_python3_venv_takes_pipx_and_leaves_its_dependencies_auto_removable() -> None:
    w = run_line(build(load(HERE / "apt.toml").spec), "sudo apt install -y pipx").world
    done = run_line(w, "sudo apt remove -y python3-venv")
    assert done.code == 0 and "REMOVING:\n  pipx  python3-venv\n" in done.output
    w = done.world
    assert not w.fs.exists("/usr/bin/pipx")
    assert w.fs.is_dir("/usr/lib/python3.13/ensurepip")  # python3.13-venv stays: python3.13 suggests it
    listed = run_line(w, "apt list --installed 'python3-*'").output
    assert "python3-click/stable,now 8.2.0+0.really.8.1.8-1 all [installed,auto-removable]" in listed
    refused = run_line(w, "sudo apt remove -y python3-click")
    assert refused.code == 100 and "this removal is not simulated" in refused.output
