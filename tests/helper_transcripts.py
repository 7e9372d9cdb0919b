"""Replaying the recorded transcripts of tests/transcripts/ in the simulator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from simulator.model.index import Release
from simulator.model.world import World, WorldSpec, build
from simulator.shell.run import run_line
from tests.transcript import LOCAL, Entry, read

FULL_INDEX = (
    *(Release("libcolor", v) for v in ("1.0", "2.0", "3.0", "4.0b1")),
    Release("appa", "1.0", ("libcolor<2",)),
    Release("appb", "1.0", ("libcolor>=2",)),
    Release("appc", "1.0", ("libcolor>=2,<3",)),
    Release("futurelib", "1.0", (), ">=3.12"),
    Release("newlib", "0.9"),
    Release("newlib", "1.0", (), ">=3.12"),
    Release("tool", "1.0", ("libcolor<3",)),
    Release("tool", "2.0", ("libcolor>=3",)),
    Release("web", "1.0", ("tool<2",)),
    Release("web", "2.0", ("tool>=2",)),
    Release("viewer", "1.0", ("libcolor",)),
    Release("viewer", "2.0", ("libcolor>=2",)),
    Release("viewer", "3.0", ("libcolor>=3",)),
    Release("viewer", "4.0", ("libcolor>=3",)),
    Release("core", "1.0"),
    Release("core", "2.0", (), ">=3.12"),
    Release("gadget", "1.0", ("core<2",)),
    Release("gadget", "2.0", ("core>=2",)),
    Release("ghost", "1.0", ("nothere",)),
    Release("cyca", "1.0", ("cycb",)),
    Release("cycb", "1.0", ("cyca",)),
    Release("Foo_Bar", "1.0"),
    Release("Zope.Thing-Lib", "1.0"),
    Release("needsfoo", "1.0", ("foo-bar>=1",)),
    Release("plugin", "1.0", ("libcolor",)),
    *(Release("plugin", f"{n}.0", ("libcolor>=3",)) for n in range(2, 16)),
    Release("super-extra-long-package-name-here", "2024.10.1"),
)
SMALL_INDEX = (
    *(Release("libcolor", v) for v in ("1.0", "2.0", "3.0")),
    Release("appa", "1.0", ("libcolor<2",)),
    Release("appb", "1.0", ("libcolor>=2",)),
    Release("newlib", "0.9"),
    Release("newlib", "1.0", (), ">=3.12"),
)
RANDOM = re.compile(r"/tmp/(tmp|pip-)")
# Commands whose real output shows the recording machine rather than pip, venv or bash:
SKIP = {
    "pip help install": "pip's per-command help pages are not simulated",
    "pip uninstall --help": "pip's per-command help pages are not simulated",
    "pip3.12 --python v11/bin/python --version": "pip --python is not simulated",
    "python3.12 -m pip --python v11/bin/python list": "pip --python is not simulated",
    "e1copy/bin/python -m pip install --force-reinstall --no-index --find-links "
    "/usr/lib/python3.11/ensurepip/_bundled pip": "ensurepip's bundled wheels are not simulated",
    "head -1 e1copy/bin/pip": "follows the repair above",
    "e1copy/bin/pip --version": "follows the repair above",
    "pip install -r pins.txt appb": "the recording never showed pins.txt",
    "pip install -r pins.txt -r requirements.txt": "the recording never showed pins.txt",
}
# What the recorder did, unrecorded, at the start of a section.
SETUP = {
    "C. PEP 668": ["pip install -q appa"],
}
# Sections that record what the simulated machine does not model, and why.
SKIP_SECTIONS = {
    "E. as an ordinary user": "the simulated system site-packages is writable (as for root, "
    "a pyenv or a python.org install); an ordinary user on Debian gets the user site instead",
}


@dataclass
class Section:
    title: str
    reset: bool
    entries: list[Entry]


def sections(path: Path) -> list[Section]:
    out: list[Section] = [Section("start", True, [])]
    text = path.read_text(encoding="utf-8")
    chunks = re.split(r"^(# (?:---|=====) .*)$", text, flags=re.M)
    out[0].entries = read_text(chunks[0])
    for i in range(1, len(chunks), 2):
        title = chunks[i]
        out.append(Section(title, "(reset)" in title, read_text(chunks[i + 1])))
    return [s for s in out if s.entries]


def read_text(text: str) -> list[Entry]:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        return read(Path(f.name))
    finally:
        Path(f.name).unlink()


def fresh(name: str, files: dict[str, str] | None = None) -> World:
    if name.startswith("1"):
        w = build(WorldSpec(releases=FULL_INDEX))
        w = run_line(w, "mkdir -p ~/lab && cd ~/lab").world
    else:
        w = build(WorldSpec(pythons=("3.11", "3.12"), releases=SMALL_INDEX))
        w = run_line(w, "PS1='\\u@\\h:\\w\\$ '").world
    for path, text in (files or {}).items():
        w = w.with_fs(w.fs.write(path, text))
    return w


def compare(name: str) -> list[tuple[str, Entry, str, int]]:
    """Every entry whose simulated output or exit code differs: (section, entry, got, code)."""
    path = LOCAL / name
    misses = []
    files: dict[str, str] = {}
    world = fresh(name)
    for section in sections(path):
        if any(key in section.title for key in SKIP_SECTIONS):
            continue
        resets = section.reset and name.startswith("1")
        if resets:
            world = fresh(name)
        for key, lines in SETUP.items():
            if key in section.title:
                for line in lines:
                    world = run_line(world, line).world
        for e in section.entries:
            expected = e.output
            if name.startswith("1") and not e.command.startswith(("bash -c", "sh -c")):
                expected = expected.replace("bash: line 1: ", "bash: ")
            if e.command.startswith("cat ") and e.exit_code == 0 and " " not in e.command[4:]:
                # Files the recorder wrote without showing how: their cat output is the content.
                target = e.command[4:]
                probe = run_line(world, f"cat {target}")
                if probe.code != 0 or probe.output != e.output:
                    full = target if target.startswith("/") else f"{world.shell.cwd}/{target}"
                    world = world.with_fs(world.fs.write(full, e.output))
                    files[full] = e.output
            if name.startswith("1"):
                # Each of those commands ran in its own ``bash -c``: nothing remembered.
                world = world.with_shell(world.shell.forget())
            result = run_line(world, e.command)
            if name.startswith("1") and (result.output, result.code) != (expected, e.exit_code):
                # Some sections were reset before single commands too.
                again = run_line(fresh(name, files), e.command)
                if (again.output, again.code) == (expected, e.exit_code):
                    result = again
            world = result.world
            if RANDOM.search(expected) or e.command in SKIP:
                continue
            got = result.output
            if name.startswith("2"):
                # That recording kept wheels in /srv/pypi/files and gave them no Summary.
                expected = re.sub(
                    r"/srv/pypi/files/(([a-z0-9_]+)-[^ ]+\.whl)",
                    lambda m: f"/srv/pypi/simple/{m.group(2)}/{m.group(1)}",
                    expected,
                )
                got = re.sub(r"^Summary: fake package .*$", "Summary: ", got, flags=re.M)
            if (got, result.code) != (expected, e.exit_code):
                misses.append((section.title, e, result.output, result.code))
    return misses
