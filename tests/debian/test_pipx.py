"""``apt install pipx`` on the simulated Debian 13 (recorded in apt.txt): its packages land
in apt's dist-packages, and ``pipx`` answers ``--version`` only."""

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
    other = run_line(w, "pipx install libcolor")
    assert (other.code, other.output) == (1, "venvsim: only 'pipx --version' is simulated\n")
