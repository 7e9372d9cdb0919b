"""``apt`` and ``apt-get`` on the Debian 13 profile: ``install``, ``remove`` and ``list
--installed`` for the Python packages a class meets, with apt 3.0's output as recorded
(tests/debian/apt*.txt: not a terminal, the .deb files already in apt's cache).

Simulated transactions: installing python3-venv (with python3.13-venv, python3-pip-whl and
python3-setuptools-whl), python-is-python3, python3-requests, pipx and python3-full (45
packages, with dpkg's trigger and maintainer scripts' lines), removing python-is-python3,
python3-pip or python3-venv (with pipx, which depends on it; what is left needed by nothing
listed as auto-removable), "already the newest version", an unknown package, and an
ordinary user's lock error. Without ``-y`` apt asks its question and reads the answer from
standard input. The other packages of the archive (simulator/debian/archive.py) answer that
venvsim does not simulate them when asked for by name.

The installed packages are files, as on Debian: ``/var/lib/dpkg/status`` (one stanza per
package) and ``/var/lib/apt/extended_states`` (what was installed as a dependency), which
apt writes at its first install; before it exists apt prints no "Reading state information".
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable

from ..model.debian import STATUS, status_text
from ..model.fs import FileSystem
from ..shell.run import Chunks, Ctx, err, out, stdin_reader
from .archive import (
    ARCHIVE,
    CONFIGURE,
    KEEPS,
    LDCONFIG,
    LIBC_BIN,
    NOT_SIMULATED,
    NUMBERED,
    SETUP_NOTES,
    TEMPLATES,
    UNPACK,
)

STATES = "/var/lib/apt/extended_states"
# Paths dpkg counts on the fresh machine ("Reading database ... 7339"), python3-pip's aside.
BASE_FILES = 7339 - ARCHIVE["python3-pip"].paths
AVAILABLE = "78.4 GB"  # the free disk space apt reports (the recording host's)
CLI_WARNING = "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n"
LOCK = "/var/lib/dpkg/lock-frontend"
APT_HELP = """apt 3.0.4 (amd64)
Usage: apt [options] command

apt is a commandline package manager and provides commands for
searching and managing as well as querying information about packages.
It provides the same functionality as the specialized APT tools,
like apt-get and apt-cache, but enables options more suitable for
interactive use by default.

Most used commands:
  list - list packages based on package names
  search - search in package descriptions
  show - show package details
  install - install packages
  reinstall - reinstall packages
  remove - remove packages
  autoremove - automatically remove all unused packages
  update - update list of available packages
  upgrade - upgrade the system by installing/upgrading packages
  full-upgrade - upgrade the system by removing/installing/upgrading packages
  edit-sources - edit the source information file
  modernize-sources - modernize .list files to .sources files
  satisfy - satisfy dependency strings

See apt(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
"""


def _installed(fs: FileSystem) -> list[tuple[str, str, str]]:
    found = []
    for stanza in fs.read(STATUS).split("\n\n"):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line)
        if "Package" in fields:
            found.append((fields["Package"], fields["Version"], fields["Architecture"]))
    return found


def _automatic(fs: FileSystem) -> set[str]:
    if not fs.is_file(STATES):
        return set()
    return {line.split(": ", 1)[1] for line in fs.read(STATES).splitlines()
            if line.startswith("Package: ")}


def _size(amount: float) -> str:
    """apt's SizeToStr: ``3204 B``, ``16.4 kB``, ``2782 kB``."""
    for unit in ("", "k", "M", "G", "T"):
        if amount < 100 and unit:
            return f"{amount:.1f} {unit}B"
        if amount < 10000:
            return f"{amount:.0f} {unit}B"
        amount /= 1000
    return f"{amount:.0f} PB"


def _columns(names: list[str], width: int = 80, sort: bool = True) -> str:
    """Names in columns, filled down first, two spaces apart (apt 3.0's lists)."""
    names = sorted(names) if sort else names
    for rows in range(1, len(names) + 1):
        cols = [names[i:i + rows] for i in range(0, len(names), rows)]
        widths = [max(map(len, c)) for c in cols]
        if 2 + sum(widths) + 2 * (len(cols) - 1) <= width or rows == len(names):
            lines = []
            for r in range(rows):
                cells = [c[r].ljust(w) for c, w in zip(cols, widths, strict=False) if r < len(c)]
                lines.append(("  " + "  ".join(cells)).rstrip())
            return "\n".join(lines) + "\n"
    return ""


def _closure(name: str, have: set[str]) -> list[str]:
    todo, found = [name], []
    while todo:
        n = todo.pop()
        if n in have or n in found:
            continue
        found.append(n)
        todo += ARCHIVE[n].depends
    return found


def _files_count(fs: FileSystem) -> int:
    return BASE_FILES + sum(ARCHIVE[n].paths for n, _, _ in _installed(fs) if n in ARCHIVE)


def apt(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``apt`` or ``apt-get`` (``args[0]``); apt warns on standard error that its interface
    is not stable (the recording's output was not a terminal)."""
    plain = args[0].endswith("apt-get")
    opts = [a for a in args[1:] if a.startswith("-")]
    words = [a for a in args[1:] if not a.startswith("-")]
    if not words and not plain:
        return 1, out(APT_HELP)
    if not words or words[0] not in ("install", "remove", "list"):
        return 100, err(f"venvsim: only '{args[0]} install|remove|list' is simulated")
    warning = [] if plain else err(CLI_WARNING)
    if words[0] == "list":
        if plain:
            return 100, err("E: Invalid operation list")
        code, chunks = _list(ctx, opts, words[1:])
        return code, warning + chunks
    tag = "E" if plain else "Error"
    if ctx.world.user != "root":
        return 100, warning + err(
            f"{tag}: Could not open lock file {LOCK} - open (13: Permission denied)\n{tag}: "
            f"Unable to acquire the dpkg frontend lock ({LOCK}), are you root?")
    fs = ctx.world.fs
    text = "Reading package lists...\nBuilding dependency tree...\n"
    if fs.is_file(STATES):
        text += "Reading state information...\n"
    have = {n for n, _, _ in _installed(fs)}
    for name in words[1:]:
        if name in NOT_SIMULATED and name not in have:
            return 100, warning + out(text) + err(
                f"venvsim: {args[0]} {words[0]} {name} is not simulated")
        if name not in ARCHIVE and name not in have:
            return 100, warning + out(text) + err(f"{tag}: Unable to locate package {name}")
    names = list(dict.fromkeys(words[1:]))
    yes = "-y" in opts or "--yes" in opts
    ask = _question(ctx, stdin, plain, "" if plain else CLI_WARNING, yes)
    act = _install if words[0] == "install" else _remove
    code, chunks = act(ctx, names, text, plain, have, ask)
    return code, warning + chunks


Ask = Callable[[str, str], tuple[bool, str]]


def _question(ctx: Ctx, stdin: str, plain: bool, before: str, yes: bool) -> Ask | None:
    """apt's "Do you want to continue? [Y/n]": given the text printed so far, whether to go
    on and the text with the question and what followed it (None with ``-y``). An empty line is yes, a line
    starting with y or Y too, anything else or the end of input "Abort." (as recorded). A
    line read from a pipe is shown after the question (a terminal shows what was typed), and
    after ``meanwhile``, what another program wrote on standard error in the meantime (apt's
    buffered output comes later; as recorded)."""
    read = stdin_reader(ctx, stdin)
    question = "Do you want to continue? [Y/n] " if plain else "Continue? [Y/n] "

    if yes:
        return None

    def ask(text: str, meanwhile: str) -> tuple[bool, str]:
        text += question
        answer = read(before + text)
        if answer is None:
            return False, text + "Abort.\n"
        go = answer == "" or answer[:1] in "yY"
        text += meanwhile if go else ""
        if not getattr(read, "tty", False):
            text += answer + "\n"
        return go, text + ("" if go else "Abort.\n")

    return ask


def _summary(plain: bool, installing: int, removing: int) -> str:
    if plain:
        return (f"0 upgraded, {installing} newly installed, {removing} to remove and 0 not "
                "upgraded.\n")
    return (f"Summary:\n  Upgrading: 0, Installing: {installing}, Removing: {removing}, "
            "Not Upgrading: 0\n")


def _wrapped(names: list[str], width: int = 80) -> str:
    """apt-get's lists: names one space apart, a line ending before the last two columns
    (as recorded)."""
    lines, line = [], " "
    for name in names:
        if len(line) + 1 + len(name) >= width - 1 and line.strip():
            lines.append(line)
            line = " "
        line += " " + name
    return "\n".join([*lines, line]) + "\n"


def _install(ctx: Ctx, names: list[str], text: str, plain: bool, have: set[str],
             ask: Ask | None) -> tuple[int, Chunks]:
    fs = ctx.world.fs
    new: list[str] = []
    for name in names:
        if name in have:
            version = dict((n, v) for n, v, _ in _installed(fs))[name]
            text += f"{name} is already the newest version ({version}).\n"
        new += [n for n in _closure(name, have) if n not in new]
    if not new:
        return 0, out(text + _summary(plain, 0, 0))
    deps = [n for n in new if n not in names]
    debs = [ARCHIVE[n] for n in UNPACK if n in new]
    download = _size(sum(d.size for d in debs))
    space = _size(sum(d.installed_kib for d in debs) * 1024)
    suggested = [n for d in debs for n in d.suggests if n not in have]
    if plain:
        if deps:
            text += "The following additional packages will be installed:\n" + _wrapped(sorted(deps))
        if suggested:
            text += "Suggested packages:\n" + _wrapped(suggested)
        text += "The following NEW packages will be installed:\n" + _wrapped(sorted(new))
    else:
        text += "Installing:\n" + _columns([n for n in new if n in names]) + "\n"
        if deps:
            text += "Installing dependencies:\n" + _columns(deps) + "\n"
        if suggested:
            text += "Suggested packages:\n" + _columns(suggested, sort=False) + "\n"
    # dpkg-preconfigure writes on standard error, so before apt's buffered summary
    # (after the question, when apt asks one: it flushes its output to ask)
    preconfigure = "Preconfiguring packages ...\n" if TEMPLATES & set(new) else ""
    asks = ask is not None and bool(deps)  # apt asks when it installs more than was asked for
    if plain:
        text += ("" if asks else preconfigure) + _summary(plain, len(new), 0) + (
            f"Need to get 0 B/{download} of archives.\n"
            f"After this operation, {space} of additional disk space will be used.\n")
    else:
        text += ("" if asks else preconfigure) + _summary(plain, len(new), 0) + (
            f"  Download size: 0 B / {download}\n"
            f"  Space needed: {space} / {AVAILABLE} available\n\n")
    go, text = ask(text, preconfigure) if ask is not None and asks else (True, text)
    if not go:
        return 1, out(text)
    count = _files_count(fs)
    for i, deb in enumerate(debs):
        text += f"Selecting previously unselected package {deb.shown}.\n"
        if i == 0:
            text += f"(Reading database ... {count} files and directories currently installed.)\n"
        number = f"{i:0{len(str(len(debs) - 1))}}-" if len(debs) > NUMBERED else ""
        text += (f"Preparing to unpack .../{number}{deb.filename} ...\n"
                 f"Unpacking {deb.shown} ({deb.version}) ...\n")
        nodes = dict(deb.files)
        for path in sorted(nodes):
            fs = fs.put_many({path: nodes[path]}) if not fs.lexists(path) else fs
    for name in CONFIGURE:
        if name in new:
            deb = ARCHIVE[name]
            text += f"Setting up {deb.shown} ({deb.version}) ...\n" + SETUP_NOTES.get(name, "")
    if LDCONFIG & set(new):
        text += f"Processing triggers for libc-bin ({LIBC_BIN}) ...\n"
    packages = _installed(fs) + [(d.name, d.version, d.arch) for d in debs]
    fs = fs.write(STATUS, status_text(packages))
    fs = _write_states(fs, sorted(_automatic(fs) | set(deps)))
    ctx.world = ctx.world.with_fs(fs)
    return 0, out(text)


def _write_states(fs: FileSystem, auto: list[str]) -> FileSystem:
    if not fs.is_dir("/var/lib/apt"):
        fs = fs.mkdir("/var/lib/apt", parents=True)
    arch = {d.name: d.arch for d in ARCHIVE.values()}
    return fs.write(STATES, "".join(f"Package: {n}\nArchitecture: {arch.get(n, 'all')}\n"
                                    "Auto-Installed: 1\n\n" for n in auto))


# The removals recorded (tests/debian/apt.txt, tracebacks.txt)
REMOVABLE = ("python-is-python3", "python3-venv", "python3-pip")
# Installed with the machine and suggesting these; apt keeps what is suggested
# (APT::AutoRemove::SuggestsImportant): python3.13 suggests python3.13-venv and
# python3.13-doc, python3 python3-doc, python3-tk and python3-venv.
SUGGESTED_BY_BASE = ("python3.13-venv", "python3.13-doc", "python3-doc", "python3-tk",
                     "python3-venv")


def _dependents(names: list[str], have: set[str]) -> set[str]:
    """``names`` and every installed package that depends on them, as apt removes them."""
    gone = set(names)
    while True:
        more = {n for n in have - gone if n in ARCHIVE and gone & set(ARCHIVE[n].depends)}
        if not more:
            return gone
        gone |= more


def _auto_removable(fs: FileSystem, have: set[str]) -> list[str]:
    """Installed as dependencies and needed by nothing manual any more (apt's auto-removable)."""
    auto = _automatic(fs) & have
    todo = [n for n in have if n not in auto] + [n for n in SUGGESTED_BY_BASE if n in have]
    kept: set[str] = set()
    while todo:
        n = todo.pop()
        if n not in kept:
            kept.add(n)
            todo += (*ARCHIVE[n].depends, *KEEPS.get(n, ())) if n in ARCHIVE else ()
    return sorted(auto - kept)


def _remove(ctx: Ctx, names: list[str], text: str, plain: bool, have: set[str],
            ask: Ask | None) -> tuple[int, Chunks]:
    fs = ctx.world.fs
    gone = [n for n in names if n in have]
    for name in names:
        if name not in have:
            text += f"Package '{name}' is not installed, so not removed\n"
    if not gone:
        return 0, out(text + _summary(plain, 0, 0))
    if any(n not in REMOVABLE for n in gone):
        return 100, out(text) + err("venvsim: this removal is not simulated (only "
                                    f"{', '.join(REMOVABLE)}'s are)")
    gone = sorted(_dependents(gone, have))
    unneeded = _auto_removable(fs, have - set(gone))
    if plain and unneeded:
        return 100, out(text) + err("venvsim: apt-get's list of packages no longer required "
                                    "is not simulated")
    if unneeded:
        how = "sudo apt autoremove" if ctx.world.shell.env.get("SUDO_USER") else "apt autoremove"
        text += ("The following packages were automatically installed and are no longer "
                 f"required:\n{_columns(unneeded)}Use '{how}' to remove them.\n\n")
    debs = [ARCHIVE[n] for n in gone]
    freed = _size(sum(d.installed_kib for d in debs) * 1024)
    if plain:
        text += ("The following packages will be REMOVED:\n" + _wrapped(gone)
                 + _summary(plain, 0, len(gone))
                 + f"After this operation, {freed} disk space will be freed.\n")
    else:
        text += ("REMOVING:\n" + _columns(gone) + "\n" + _summary(plain, 0, len(gone))
                 + f"  Freed space: {freed}\n\n")
    go, text = ask(text, "") if ask is not None else (True, text)  # before any removal
    if not go:
        return 1, out(text)
    text += f"(Reading database ... {_files_count(fs)} files and directories currently installed.)\n"
    for deb in debs:
        text += f"Removing {deb.name} ({deb.version}) ...\n"
        for path, _ in deb.files:
            if fs.lexists(path):
                fs = fs.remove(path, recursive=True)
    fs = fs.write(STATUS, status_text([p for p in _installed(fs) if p[0] not in gone]))
    if fs.is_file(STATES):
        fs = _write_states(fs, sorted(_automatic(fs) - set(gone)))
    ctx.world = ctx.world.with_fs(fs)
    return 0, out(text)


def _list(ctx: Ctx, opts: list[str], patterns: list[str]) -> tuple[int, Chunks]:
    if "--installed" not in opts:
        return 100, err("venvsim: only 'apt list --installed [PATTERN]' is simulated")
    fs = ctx.world.fs
    auto = _automatic(fs)
    unneeded = set(_auto_removable(fs, {n for n, _, _ in _installed(fs)}))
    lines = []
    for name, version, arch in _installed(fs):
        if patterns and not any(fnmatch.fnmatchcase(name, p) for p in patterns):
            continue
        flag = ("installed,auto-removable" if name in unneeded else
                "installed,automatic" if name in auto else "installed")
        lines.append(f"{name}/stable,now {version} {arch} [{flag}]\n")
    return 0, out("Listing...\n" + "".join(sorted(lines)))


COMMANDS = {"apt": apt, "apt-get": apt}
