"""The reference transcripts of real pip 26.3 and venv, replayed in the simulator.

Each transcript ran against a local folder of wheels (``--find-links wheels``)
or a copy of CPython in ``/home/ana/lab/basepy``. The simulated machine has an
index at ``file:///srv/pypi/simple`` and CPython under ``/usr``; the mappings
below turn one into the other and nothing else, so every other character of
pip's and venv's output must be identical.
"""

from __future__ import annotations

import re

import pytest

from simulator.model.index import Release
from simulator.model.world import World, WorldSpec, build
from simulator.shell.run import run_line
from tests.transcript import Entry, reference

INDEX = "file:///srv/pypi/simple"
RELEASES = (
    *(Release("libcolor", v) for v in ("1.0", "2.0", "3.0")),
    Release("appa", "1.0", ("libcolor<2",)),
    Release("appb", "1.0", ("libcolor>=2",)),
    Release("appc", "1.0", ("libcolor>=2,<3",)),
    Release("futurelib", "1.0", (), ">=3.12"),
    Release("newlib", "0.9"),
    Release("newlib", "1.0", (), ">=3.12"),
)


def world(*setup: str, externally_managed: bool = False) -> World:
    w = build(WorldSpec(releases=RELEASES, externally_managed=externally_managed))
    for line in setup:
        result = run_line(w, line)
        assert result.code == 0, (line, result.output)
        w = result.world
    return w


def wheel_path(match: re.Match[str]) -> str:
    return f"/srv/pypi/simple/{match.group(1).lower()}/{match.group(0).split('/')[-1]}"


def to_sim(text: str, basepy: bool = False) -> str:
    """A real transcript's text as the simulated machine prints it."""
    text = text.replace(" --no-index --find-links wheels", "")
    text = text.replace(" --no-index --find-links ../wheels", "")
    text = text.replace(" --index-url file:///home/ana/lab/simple", "")
    text = text.replace("Looking in links: ../wheels", f"Looking in indexes: {INDEX}")
    text = text.replace("Looking in links: wheels", f"Looking in indexes: {INDEX}")
    text = text.replace(
        "Looking in indexes: file:///home/ana/lab/simple", f"Looking in indexes: {INDEX}"
    )
    text = re.sub(r"(?:\./|/home/ana/lab/)wheels/([A-Za-z0-9_]+)-[^ ]+?\.whl", wheel_path, text)
    text = text.replace("./simple/", "/srv/pypi/simple/")
    # An index has one page per project; --find-links has none to miss.
    text = text.replace(
        f"Looking in indexes: {INDEX}\nERROR: Could not find a version that satisfies the "
        "requirement nosuchpkg",
        f"Looking in indexes: {INDEX}\nWARNING: Location '{INDEX}/nosuchpkg/' is ignored: it is "
        "neither a file nor a directory.\nERROR: Could not find a version that satisfies the "
        "requirement nosuchpkg",
    )
    if basepy:
        text = text.replace("./basepy/", "/usr/").replace("/home/ana/lab/basepy", "/usr")
        text = re.sub(r"\nWARNING: Running pip as the 'root' user[^\n]*", "", text)
    return text


def replay(w: World, entries: list[Entry], basepy: bool = False) -> World:
    for e in entries:
        command = to_sim(e.command, basepy)
        result = run_line(w, command)
        expected = to_sim(e.output, basepy)
        if not command.startswith(("bash -c", "sh -c")):
            # The transcripts ran each line with ``bash -c``; a terminal's bash
            # (what venvsim shows) does not say ``line 1:``.
            expected = expected.replace("bash: line 1: ", "bash: ")
        assert (result.output, result.code) == (expected, e.exit_code), command
        w = result.world
    return w


def test_01_global_conflict_and_ping_pong() -> None:
    w = world("mkdir -p ~/lab", "cd ~/lab", "python3 -m venv globalenv")
    replay(w, reference("01_global_conflict.txt"))


def test_02_resolution_impossible() -> None:
    w = world("mkdir -p ~/lab", "cd ~/lab", "python3 -m venv fresh2")
    replay(w, reference("02_resolution_impossible.txt"))


def test_03_requires_python_through_an_index() -> None:
    entries = reference("03_requires_python.txt")
    # Skip the wheel listing, the --find-links-only failures (no data-requires-python
    # there) and -v; keep what an index with data-requires-python does.
    keep = [
        e
        for e in entries
        if not e.command.startswith("unzip")
        and " -v " not in e.command
        and not ("--find-links wheels futurelib" in e.command and "--ignore" not in e.command)
        and "'futurelib==1.0'" not in e.command
        and "wheels/futurelib" not in e.command
    ]
    keep = keep[:-1]  # the last one shows --find-links trying newlib 1.0 first
    w = world("mkdir -p ~/lab", "cd ~/lab", "python3 -m venv fresh3")
    replay(w, keep)


def test_06_system_site_packages_and_shadowing() -> None:
    entries = reference("06_system_site_packages.txt")
    skip = ("sys.prefix, sys.base_prefix", "ensurepip", "-q -U pip;")
    kept = []
    for e in entries:
        if any(s in e.command for s in skip):
            continue
        if "-m venv --system-site-packages sv" in e.command:
            e = Entry(
                "/home/ana/lab/basepy/bin/python3 -m venv --system-site-packages sv && "
                "cat sv/pyvenv.cfg && sv/bin/pip --version",
                e.output,
                e.exit_code,
            )
        kept.append(e)
    w = world("mkdir -p ~/lab", "cd ~/lab")
    replay(w, kept, basepy=True)


def test_07_moved_venv_breaks_its_scripts_not_its_python() -> None:
    entries = reference("07_relocation.txt")
    # Left out: ls -la (dates, owners), and the two lines that show the recording
    # host's own /usr/bin (no ``python`` there, Debian's pip 23.0.1).
    kept = [
        e
        for e in entries
        if "ls -la" not in e.command
        and "subprocess" not in e.command
        and "readlink -f /bin/sh" not in e.command
        and "command -v pip" not in e.command
        and "no python on PATH" not in e.command
    ]
    w = world("mkdir -p ~/lab/reloc", "cd ~/lab/reloc", "python3.11 -m venv e1")
    # The transcript's pip came from an upgrade, which rewrote the scripts' #! to bin/python.
    w = w.with_fs(_fix_shebangs(w))
    replay(w, kept)


def _fix_shebangs(w: World):  # type: ignore[no-untyped-def]
    fs = w.fs
    for name in ("pip", "pip3", "pip3.11"):
        path = f"/home/ana/lab/reloc/e1/bin/{name}"
        text = fs.read(path).replace("e1/bin/python3.11\n", "e1/bin/python\n", 1)
        fs = fs.write(path, text)
    return fs


@pytest.mark.parametrize("debian", [False, True])
def test_08_externally_managed_blocks_install_uninstall_and_user(debian: bool) -> None:
    entries = reference("08_externally_managed.txt")
    blocked = [e for e in entries if e.exit_code == 1 and "basepy" in e.command]
    w = world(externally_managed=True)
    if not debian:
        w = w.with_fs(
            w.fs.write("/usr/lib/python3.11/EXTERNALLY-MANAGED", "[externally-managed]\n")
        )
        chosen = [e for e in blocked if "managed externally" in e.output]
    else:
        chosen = [e for e in blocked if "apt install" in e.output]
    assert chosen
    for e in chosen:
        command = to_sim(e.command, basepy=True).replace("/usr/bin/python3 -m pip", "pip")
        result = run_line(w, command)
        assert (result.output, result.code) == (to_sim(e.output, basepy=True), 1)
        assert result.world.fs == w.fs
