"""``apt`` and ``apt-get`` on the Debian 13 profile: ``install``, ``remove`` and ``list
--installed`` for the Python packages a class meets, with apt 3.0's output as recorded
(tests/debian/apt.txt: not a terminal, the .deb files already in apt's cache).

Simulated transactions: installing python3-venv (with python3.13-venv, python3-pip-whl and
python3-setuptools-whl), python-is-python3, python3-requests and pipx, removing
python-is-python3 or python3-venv (with pipx, which depends on it; what is left needed by
nothing listed as auto-removable), "already the newest version", an unknown package, and an
ordinary user's lock error. Other packages of the archive (python3-full, ...) answer that venvsim
does not simulate them (python3-full's real install is recorded in tests/debian/apt_full.txt).

The installed packages are files, as on Debian: ``/var/lib/dpkg/status`` (one stanza per
package) and ``/var/lib/apt/extended_states`` (what was installed as a dependency), which
apt writes at its first install; before it exists apt prints no "Reading state information".
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from ..model.debian import APT_METADATA, COMMAND_MARK, STATUS, apt_dist_files, status_text
from ..model.fs import Dir, File, FileSystem, Node, Symlink
from ..shell.run import Chunks, Ctx, err, out

STATES = "/var/lib/apt/extended_states"
BASE_FILES = 7339  # paths dpkg knows on the fresh machine ("Reading database ... N")
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


@dataclass(frozen=True)
class Deb:
    """One package of the archive: what apt says and dpkg does with it."""

    name: str
    version: str
    arch: str
    depends: tuple[str, ...]
    size: int  # bytes of the .deb
    installed_kib: int  # Installed-Size
    paths: int  # paths it adds to dpkg's database
    files: tuple[tuple[str, Node], ...] = ()
    suggests: tuple[str, ...] = ()  # shown under "Suggested packages" (as recorded)

    @property
    def filename(self) -> str:
        return f"{self.name}_{self.version.replace(':', '%3a')}_{self.arch}.deb"


_WHEEL = File("\x7fPK wheel\n")


def _dist(module: str, version: str, egg: bool = False) -> tuple[tuple[str, Node], ...]:
    """An apt-installed distribution in /usr/lib/python3/dist-packages (its METADATA head)."""
    return tuple(apt_dist_files(module, version, APT_METADATA[module], egg).items())
ARCHIVE = {d.name: d for d in (
    Deb("python3-pip-whl", "25.1.1+dfsg-1", "all", (), 1507328, 1531, 5,
        (("/usr/share/python-wheels", Dir()),
         ("/usr/share/python-wheels/pip-25.1.1-py3-none-any.whl", _WHEEL))),
    Deb("python3-setuptools-whl", "78.1.1-0.1", "all", (), 1268108, 1324, 5,
        (("/usr/share/python-wheels/setuptools-78.1.1-py3-none-any.whl", _WHEEL),)),
    Deb("python3.13-venv", "3.13.5-2+deb13u5", "amd64",
        ("python3-pip-whl", "python3-setuptools-whl"), 5476, 27, 7,
        (("/usr/lib/python3.13/ensurepip", Dir()),
         ("/usr/lib/python3.13/ensurepip/__init__.py", File("")),
         ("/usr/lib/python3.13/ensurepip/__main__.py", File("")))),
    Deb("python3-venv", "3.13.5-1", "amd64", ("python3.13-venv",), 1180, 6, 2),
    Deb("python-is-python3", "3.13.3-1", "all", (), 3204, 16, 7,
        (("/usr/bin/python", Symlink("python3")), ("/usr/bin/pydoc", Symlink("pydoc3")))),
    # python3-requests and what it depends on: Debian's own builds of PyPI projects.
    Deb("python3-certifi", "2025.1.31+ds-1", "all", (), 9652, 41, 14,
        _dist("certifi", "2025.1.31", egg=True)),
    Deb("python3-chardet", "5.2.0+dfsg-2", "all", (), 107644, 1141, 67, _dist("chardet", "5.2.0")),
    Deb("python3-charset-normalizer", "3.4.2-1", "amd64", (), 127636, 495, 28,
        _dist("charset_normalizer", "3.4.2"), ("python-charset-normalizer-doc",)),
    Deb("python3-idna", "3.10-1+deb13u1", "all", (), 43032, 373, 18, _dist("idna", "3.10")),
    Deb("python3-urllib3", "2.3.0-3+deb13u2", "all", (), 115344, 471, 51,
        _dist("urllib3", "2.3.0"), ("python3-cryptography", "python3-openssl", "python3-socks")),
    Deb("python3-requests", "2.32.3+dfsg-5+deb13u1", "all",
        ("python3-certifi", "python3-chardet", "python3-charset-normalizer", "python3-idna",
         "python3-urllib3"), 72212, 241, 29, _dist("requests", "2.32.3"),
        ("python-requests-doc", "python3-brotli")),
    # pipx and its dependencies (sizes, Installed-Size and new paths read from the .deb files;
    # python3-psutil is userpath's Recommends, which apt installs like a dependency).
    Deb("python3-argcomplete", "3.6.2-1", "all", (), 40864, 168, 39, _dist("argcomplete", "3.6.2")),
    Deb("python3-platformdirs", "4.3.7-1", "all", (), 16608, 106, 19, _dist("platformdirs", "4.3.7")),
    Deb("python3-click", "8.2.0+0.really.8.1.8-1", "all", (), 95388, 390, 26, _dist("click", "8.1.8")),
    Deb("python3-psutil", "7.0.0-2", "amd64", (), 220368, 1094, 86, _dist("psutil", "7.0.0")),
    Deb("python3-userpath", "1.9.2-1", "all", ("python3-click", "python3-psutil"), 10292, 46, 17,
        _dist("userpath", "1.9.2")),
    Deb("pipx", "1.7.1-1", "all", ("python3-venv", "python3-argcomplete", "python3-platformdirs",
                                   "python3-userpath"), 828488, 3708, 133,
        (*_dist("pipx", "1.7.1"), ("/usr/bin/pipx", File(COMMAND_MARK + "pipx\n", True)))),
)}
# The order apt hands them to dpkg (unpack) and configures them, as recorded.
UNPACK = ("python-is-python3", "python3-pip-whl", "python3-setuptools-whl", "python3.13-venv",
          "python3-venv", "python3-certifi", "python3-chardet", "python3-charset-normalizer",
          "python3-idna", "python3-urllib3", "python3-requests", "python3-argcomplete",
          "python3-platformdirs", "python3-click", "python3-userpath", "pipx", "python3-psutil")
CONFIGURE = ("python3-setuptools-whl", "python3-pip-whl", "python3.13-venv", "python3-venv",
             "python-is-python3", "python3-charset-normalizer", "python3-chardet",
             "python3-certifi", "python3-idna", "python3-urllib3", "python3-requests",
             "python3-click", "python3-platformdirs", "python3-psutil", "python3-argcomplete",
             "python3-userpath", "pipx")
NUMBERED = 5  # with more packages than this, apt hands dpkg numbered names (as recorded)
NOT_SIMULATED = ("python3-full", "python3-tk", "idle", "python3-pip-whl",
                 "python3-setuptools-whl", "python3.13-venv", "python3-argcomplete",
                 "python3-click", "python3-platformdirs", "python3-psutil", "python3-userpath",
                 "python3-dev", "python3-setuptools", "python3-numpy", "python3-certifi",
                 "python3-chardet", "python3-charset-normalizer", "python3-idna",
                 "python3-urllib3")


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
    """``apt`` or ``apt-get`` (``args[0]``)."""
    plain = args[0].endswith("apt-get")
    opts = [a for a in args[1:] if a.startswith("-")]
    words = [a for a in args[1:] if not a.startswith("-")]
    if not words and not plain:
        return 1, out(APT_HELP)
    if not words or words[0] not in ("install", "remove", "list"):
        return 100, err(f"venvsim: only '{args[0]} install|remove|list' is simulated")
    head = "" if plain else CLI_WARNING
    if words[0] == "list":
        if plain:
            return 100, err("E: Invalid operation list")
        return _list(ctx, opts, words[1:])
    if ctx.world.user != "root":
        tag = "E" if plain else "Error"
        return 100, err(f"{head}{tag}: Could not open lock file {LOCK} - open (13: Permission "
                        f"denied)\n{tag}: Unable to acquire the dpkg frontend lock ({LOCK}), "
                        "are you root?")
    fs = ctx.world.fs
    text = head + "Reading package lists...\nBuilding dependency tree...\n"
    if fs.is_file(STATES):
        text += "Reading state information...\n"
    have = {n for n, _, _ in _installed(fs)}
    tag = "E" if plain else "Error"
    for name in words[1:]:
        if name in NOT_SIMULATED and name not in have:
            return 100, out(text) + err(f"venvsim: {args[0]} {words[0]} {name} is not simulated")
        if name not in ARCHIVE and name not in have:
            return 100, out(text) + err(f"{tag}: Unable to locate package {name}")
    names = list(dict.fromkeys(words[1:]))
    yes = "-y" in opts or "--yes" in opts
    if words[0] == "install":
        return _install(ctx, names, text, plain, have, yes)
    return _remove(ctx, names, text, plain, have, yes)


def _summary(plain: bool, installing: int, removing: int) -> str:
    if plain:
        return (f"0 upgraded, {installing} newly installed, {removing} to remove and 0 not "
                "upgraded.\n")
    return (f"Summary:\n  Upgrading: 0, Installing: {installing}, Removing: {removing}, "
            "Not Upgrading: 0\n")


def _wrapped(names: list[str], width: int = 80) -> str:
    """apt-get's lists: names one space apart, wrapped before the screen's width."""
    lines, line = [], " "
    for name in names:
        if len(line) + 1 + len(name) >= width and line.strip():
            lines.append(line)
            line = " "
        line += " " + name
    return "\n".join([*lines, line]) + "\n"


NO_QUESTION = ("venvsim: apt's question \"Do you want to continue? [Y/n]\" is not simulated; "
               "give -y")


def _install(ctx: Ctx, names: list[str], text: str, plain: bool, have: set[str],
             yes: bool) -> tuple[int, Chunks]:
    fs = ctx.world.fs
    new: list[str] = []
    for name in names:
        if name in have:
            version = dict((n, v) for n, v, _ in _installed(fs))[name]
            text += f"{name} is already the newest version ({version}).\n"
        new += [n for n in _closure(name, have) if n not in new]
    if not new:
        return 0, out(text + _summary(plain, 0, 0))
    if not yes:
        return 1, out(text) + err(NO_QUESTION)
    deps = [n for n in new if n not in names]
    debs = [ARCHIVE[n] for n in UNPACK if n in new]
    download = _size(sum(d.size for d in debs))
    space = _size(sum(d.installed_kib for d in debs) * 1024)
    if plain:
        if deps:
            text += "The following additional packages will be installed:\n" + _wrapped(sorted(deps))
        text += "The following NEW packages will be installed:\n" + _wrapped(sorted(new))
        text += (_summary(plain, len(new), 0) + f"Need to get 0 B/{download} of archives.\n"
                 f"After this operation, {space} of additional disk space will be used.\n")
    else:
        text += "Installing:\n" + _columns([n for n in new if n in names]) + "\n"
        if deps:
            text += "Installing dependencies:\n" + _columns(deps) + "\n"
        suggested = [n for d in debs for n in d.suggests if n not in have]
        if suggested:
            text += "Suggested packages:\n" + _columns(suggested, sort=False) + "\n"
        text += (_summary(plain, len(new), 0) + f"  Download size: 0 B / {download}\n"
                 f"  Space needed: {space} / {AVAILABLE} available\n\n")
    count = _files_count(fs)
    for i, deb in enumerate(debs):
        text += f"Selecting previously unselected package {deb.name}.\n"
        if i == 0:
            text += f"(Reading database ... {count} files and directories currently installed.)\n"
        number = f"{i}-" if len(debs) > NUMBERED else ""
        text += (f"Preparing to unpack .../{number}{deb.filename} ...\n"
                 f"Unpacking {deb.name} ({deb.version}) ...\n")
        nodes = dict(deb.files)
        for path in sorted(nodes):
            fs = fs.put_many({path: nodes[path]}) if not fs.lexists(path) else fs
    for name in CONFIGURE:
        if name in new:
            text += f"Setting up {name} ({ARCHIVE[name].version}) ...\n"
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


REMOVABLE = ("python-is-python3", "python3-venv")  # the removals recorded (tests/debian/apt.txt)
# Installed with the machine and suggesting these; apt keeps what is suggested
# (APT::AutoRemove::SuggestsImportant): python3.13 suggests python3.13-venv.
SUGGESTED_BY_BASE = ("python3.13-venv",)


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
            todo += ARCHIVE[n].depends if n in ARCHIVE else ()
    return sorted(auto - kept)


def _remove(ctx: Ctx, names: list[str], text: str, plain: bool, have: set[str],
            yes: bool) -> tuple[int, Chunks]:
    fs = ctx.world.fs
    gone = [n for n in names if n in have]
    for name in names:
        if name not in have:
            text += f"Package '{name}' is not installed, so not removed\n"
    if not gone:
        return 0, out(text + _summary(plain, 0, 0))
    if any(n not in REMOVABLE for n in gone):
        return 100, out(text) + err("venvsim: this removal is not simulated (only "
                                    "python-is-python3's and python3-venv's are)")
    if not yes:
        return 1, out(text) + err(NO_QUESTION)
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
    return 0, out(CLI_WARNING + "Listing...\n" + "".join(sorted(lines)))


COMMANDS = {"apt": apt, "apt-get": apt}
