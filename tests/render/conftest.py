"""Worlds to draw: the classroom example, and a synthetic crowd at the stated limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.render.facts import Broken, Chip, Env, Facts, Interpreter, Need, Project
from simulator.replay import Timeline, replay
from simulator.scenario import load

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "two-projects.toml"


@pytest.fixture(scope="session")
def timeline() -> Timeline:
    return replay(load(EXAMPLE))


def crowd(projects: int = 12, chips: int = 40) -> Facts:
    """``projects`` projects, each in a venv of ``chips`` packages, plus a full global site."""
    home = "/home/ana"
    exe = "/usr/bin/python3.11"
    names = [f"paquete-largo-{i:02d}" for i in range(chips)]
    a, b = names[3 % chips], names[4 % chips]

    def pile(prefix: str, k: int) -> tuple[Chip, ...]:
        return tuple(Chip(n, f"{(i + k) % 9 + 1}.{k % 10}.0", broken=(i == 3),
                          requires=(f"{names[(i + 1) % chips]}<2",))
                     for i, n in enumerate(names))

    envs = [Env("/usr", "system", "3.11", "/usr", pile("/usr", 0), (), (),
                (Broken(f"{a} 4.0.0", f"{b}<2", "5.0.0"),), None, False, False)]
    found = []
    for p in range(projects):
        folder = f"{home}/proyecto-numero-{p:02d}"
        prefix = f"{folder}/.venv"
        envs.append(Env(prefix, "venv", "3.11", f"~/proyecto-numero-{p:02d}/.venv", pile(prefix, p + 1), (),
                        (), (Broken(f"{a} 1.0", f"{b}>=99", "2.0"),), exe, False, False))
        needs = (Need(f"{names[0]}>=1", names[0], "1.0", True),
                 Need(f"{b}<2,>=1.5", b, "3.0", False),
                 Need("no-existe>=1", "no-existe", None, False))
        found.append(Project(f"proyecto-numero-{p:02d}", folder, f"~/proyecto-numero-{p:02d}", prefix, True,
                             needs, exe, needs, False))
    return Facts((Interpreter(exe, "3.11", "3.11.7", "/usr"),), tuple(envs), tuple(found), home)
