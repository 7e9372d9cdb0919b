"""Random uv command sequences, to record on real uv and replay (run by hand).

    python -m tests.uv.fuzz 1 2 3 4 5 6 > f.sh
    python -m tests.uv.record UV_WHEEL f.sh tests/transcripts/uv_50_random.txt

``uv_50_random.txt`` holds seeds 1 to 6 with ``FIRST`` as the packages;
``uv_51`` to ``uv_54`` hold ``pip_commands`` of seeds 101-112, 201-214, 301-314 and 401-416
(``python -m tests.uv.fuzz --pip 101 ...``).
"""

from __future__ import annotations

import random
import sys

FIRST = ("appa", "appb", "appc", "libcolor", "tool", "newlib", "ghost", "nothere", "futurelib")
SPECS = ("", "", "", "<2", ">=2", "==1.0", "==2.0", ">=3", "<3", ">1")


def commands(seed: int, packages: tuple[str, ...] = FIRST) -> list[str]:
    """One section: a venv (odd seeds) or a project, then 40 random commands."""
    r = random.Random(seed)

    def req() -> str:
        name = r.choice(packages)
        spec = r.choice(SPECS) if name in ("libcolor", "tool", "newlib") else r.choice(["", "", ">=1"])
        return f"'{name}{spec}'" if spec else name

    lines = [f"# --- random {seed} ---"]
    if seed % 2:
        lines.append("uv venv")
    else:
        lines += ["uv init --no-package proj" if seed % 4 == 0 else "uv init proj", "cd proj"]
    for _ in range(40):
        k = r.random()
        if k < 0.25:
            lines.append("uv pip install " + " ".join(req() for _ in range(r.randint(1, 3))))
        elif k < 0.32:
            lines.append("uv pip uninstall " + " ".join(r.choice(packages) for _ in range(r.randint(1, 2))))
        elif k < 0.40:
            lines.append(r.choice(["uv pip list", "uv pip freeze", "uv pip check", "uv pip tree"]))
        elif k < 0.43:
            lines.append("uv pip show " + r.choice(packages))
        elif k < 0.58:
            verb = "uv add --dev " if r.random() < 0.2 else "uv add "
            lines.append(verb + " ".join(req() for _ in range(r.randint(1, 2))))
        elif k < 0.66:
            lines.append(("uv remove --dev " if r.random() < 0.2 else "uv remove ") + r.choice(packages))
        elif k < 0.72:
            lines.append(r.choice(["uv sync", "uv lock", "uv lock --check", "uv tree"]))
        elif k < 0.76:
            lines.append("uv run python -c 'import sys; print(sys.prefix)'")
        elif k < 0.80:
            lines.append("cat pyproject.toml")
        elif k < 0.84:
            lines.append("cat uv.lock")
        elif k < 0.88:
            lines.append("uv pip install -U " + r.choice(packages))
        elif k < 0.91:
            lines.append("uv python pin " + r.choice(["3.11", "3.12"]))
        elif k < 0.94:
            lines.append("uv venv --clear" if r.random() < 0.5
                         else "uv pip install --reinstall " + r.choice(packages))
        else:
            lines.append("uv pip list --system")
    lines.append("cd ~ && rm -rf proj .venv /tmp/uv-cache")
    return lines


PIP_PACKAGES = ("appa", "appb", "appc", "libcolor", "tool", "nothere", "ghost", "futurelib", "newlib")
PIP_SPECS = ("", "", "<2", ">=2", "==1.0", "==2.0", ">=3", "<3", ">=1", "==3.0", "<=2.0", ">2")


def pip_commands(seed: int) -> list[str]:
    """One section of uv pip only: a venv (3.12 for seeds divisible by 3), 30 commands."""
    r = random.Random(seed)
    lines = [f"# --- pip {seed} ---", "uv venv" if seed % 3 else "uv venv --python 3.12"]
    for _ in range(30):
        k = r.random()
        reqs = []
        for _ in range(r.choice([1, 2, 2, 2, 3])):
            name = r.choice(PIP_PACKAGES)
            spec = (r.choice(PIP_SPECS) if name in ("libcolor", "tool", "newlib")
                    else r.choice(["", "", ">=1", "==1.0"]))
            reqs.append(f"'{name}{spec}'" if spec else name)
        if k < 0.6:
            lines.append("uv pip install " + " ".join(reqs))
        elif k < 0.7:
            lines.append("uv pip uninstall " + r.choice(PIP_PACKAGES))
        elif k < 0.8:
            lines.append(r.choice(["uv pip check", "uv pip tree", "uv pip list", "uv pip freeze"]))
        elif k < 0.9:
            lines.append("uv pip install -U " + r.choice(PIP_PACKAGES))
        else:
            lines.append("uv pip show " + r.choice(PIP_PACKAGES))
    lines.append("rm -rf .venv /tmp/uv-cache")
    return lines


if __name__ == "__main__":
    pip = sys.argv[1:2] == ["--pip"]
    for arg in sys.argv[2 if pip else 1 :]:
        print("\n".join(pip_commands(int(arg)) if pip else commands(int(arg))))
