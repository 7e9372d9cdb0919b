"""The Debian 13 (trixie) machine of ``[world] os = "debian13"``, as its packages leave it.

Recorded from a real Debian 13 root (``simulator/verify/debian_root.py``): CPython 3.13.5
as ``/usr/bin/python3`` (no ``python``), Debian's pip 25.1.1, packaging 25.0 and wheel
0.46.1 in apt's ``/usr/lib/python3/dist-packages``, pip's own installs going to
``/usr/local/lib/python3.13/dist-packages``, Debian's ``EXTERNALLY-MANAGED``, no
``ensurepip`` until ``python3-venv`` is installed, and ``/etc/pip.conf`` naming the index.
An ordinary user cannot write outside their home and ``/tmp``; ``sudo`` makes them root.

>>> site_dirs("3.13")
('/usr/local/lib/python3.13/dist-packages', '/usr/lib/python3/dist-packages')
>>> writable("ana", "/usr/local/lib/python3.13/dist-packages"), writable("root", "/usr")
(False, True)
"""

from __future__ import annotations

from importlib import resources

from .fs import Binary, Dir, File, FileSystem, Node, Symlink
from .layout import INDEX_URL, externally_managed_text, home_of

OSES = ("debian13",)
MINOR = "3.13"
PYTHON_VERSION = "3.13.5"
PIP_VERSION = "25.1.1"
MARK = "/etc/debian_version"
COMMAND_MARK = "\x7fELF debian "  # sudo, apt, apt-get, pydoc3 ... (simulator/debian)
APT_SITE = "/usr/lib/python3/dist-packages"
PIP_CONF = f"[global]\nindex-url = {INDEX_URL}\n"
WHEELS = "/usr/share/python-wheels"  # python3-pip-whl: what Debian's ensurepip installs
# Debian's ensurepip stub, until python3.13-venv is installed.
NO_ENSUREPIP = """The virtual environment was not created successfully because ensurepip is not
available.  On Debian/Ubuntu systems, you need to install the python3-venv
package using the following command.

    apt install python{minor}-venv

You may need to use sudo with that command.  After installing the python3-venv
package, recreate your virtual environment.

Failing command: {python}

"""
# Debian's ensurepip, once python3.13-venv installs it, run by the system python itself.
ENSUREPIP_DISABLED = """ensurepip is disabled in Debian/Ubuntu for the system python.

Python modules for the system python are usually handled by dpkg and apt-get.

    apt install python3-<module name>

Install the python3-pip package to use pip itself.  Using pip together
with the system python might have unexpected results for any system installed
module, so use it on your own risk, or make sure to only use it in virtual
environments.

"""
PIP_SCRIPT = """#! /usr/bin/python3
# -*- coding: utf-8 -*-
import re
import sys
from pip._internal.cli.main import main
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(main())
"""
# The head of each METADATA apt's python3-pip, python3-packaging and python3-wheel install.
APT_DISTS = {
    "packaging": ("25.0", "Metadata-Version: 2.4\nName: packaging\nVersion: 25.0\n"
                  "Summary: Core utilities for Python packages\n"
                  "Author-email: Donald Stufft <donald@stufft.io>\nRequires-Python: >=3.8\n"),
    "pip": ("25.1.1", "Metadata-Version: 2.4\nName: pip\nVersion: 25.1.1\n"
            "Summary: The PyPA recommended tool for installing Python packages.\n"
            "Author-email: The pip developers <distutils-sig@python.org>\nLicense: MIT\n"
            "Requires-Python: >=3.9\n"),
    "wheel": ("0.46.1", "Metadata-Version: 2.4\nName: wheel\nVersion: 0.46.1\n"
              "Summary: Command line tool for manipulating wheel files\n"
              "Author-email: Daniel Holth <dholth@fastmail.fm>\n"
              "Maintainer-email: Alex Grönholm <alex.gronholm@nextday.fi>\n"
              "Requires-Python: >=3.9\nLicense-Expression: MIT\n"
              "Requires-Dist: packaging >= 24.0\n"
              'Requires-Dist: pytest >= 6.0.0 ; extra == "test"\n'
              'Requires-Dist: setuptools >= 77 ; extra == "test"\n'
              "Provides-Extra: test\n"),
}


STATUS = "/var/lib/dpkg/status"  # dpkg's database (simulator/debian/apt.py)


def base_packages() -> list[tuple[str, str, str]]:
    """The machine's packages after debootstrap: (name, version, architecture)."""
    text = (resources.files("simulator") / "data/debian13/installed.txt").read_text("utf-8")
    return [(n, v, a) for n, v, a in (line.split() for line in text.splitlines() if line)]


def status_text(packages: list[tuple[str, str, str]]) -> str:
    """``/var/lib/dpkg/status``: one stanza per installed package."""
    return "".join(f"Package: {n}\nStatus: install ok installed\nVersion: {v}\n"
                   f"Architecture: {a}\n\n" for n, v, a in packages)


# The heads of the METADATA of python3-requests and its dependencies (Debian 13's builds).
APT_METADATA = {
    "certifi": "Metadata-Version: 2.1\nName: certifi\nVersion: 2025.1.31\n"
    "Summary: Python package for providing Mozilla's CA Bundle.\n"
    "Home-page: https://github.com/certifi/python-certifi\nAuthor: Kenneth Reitz\n"
    "Author-email: me@kennethreitz.com\nLicense: MPL-2.0\nRequires-Python: >=3.6\n",
    "chardet": "Metadata-Version: 2.1\nName: chardet\nVersion: 5.2.0\n"
    "Summary: Universal encoding detector for Python 3\n"
    "Home-page: https://github.com/chardet/chardet\nAuthor: Mark Pilgrim\n"
    "Author-email: mark@diveintomark.org\nLicense: LGPL\nRequires-Python: >=3.7\n",
    "charset_normalizer": "Metadata-Version: 2.4\nName: charset-normalizer\nVersion: 3.4.2\n"
    "Summary: The Real First Universal Charset Detector. Open, modern and actively maintained "
    "alternative to Chardet.\n"
    'Author-email: "Ahmed R. TAHRI" <tahri.ahmed@proton.me>\nLicense: MIT\n'
    "Requires-Python: >=3.7\nProvides-Extra: unicode-backport\n",
    "idna": "Metadata-Version: 2.4\nName: idna\nVersion: 3.10\n"
    "Summary: Internationalized Domain Names in Applications (IDNA)\n"
    "Author-email: Kim Davies <kim+pypi@gumleaf.org>\nRequires-Python: >=3.6\n"
    'Requires-Dist: ruff >= 0.6.2 ; extra == "all"\nRequires-Dist: mypy >= 1.11.2 ; extra == "all"\n'
    'Requires-Dist: pytest >= 8.3.2 ; extra == "all"\n'
    'Requires-Dist: flake8 >= 7.1.1 ; extra == "all"\nProvides-Extra: all\n',
    "urllib3": "Metadata-Version: 2.4\nName: urllib3\nVersion: 2.3.0\n"
    "Summary: HTTP library with thread-safe connection pooling, file post, and more.\n"
    "Author-email: Andrey Petrov <andrey.petrov@shazow.net>\nRequires-Python: >=3.9\n"
    "Provides-Extra: brotli\n"
    "Requires-Dist: brotli>=1.0.9; (platform_python_implementation == 'CPython') and "
    "extra == 'brotli'\n"
    "Requires-Dist: brotlicffi>=0.8.0; (platform_python_implementation != 'CPython') and "
    "extra == 'brotli'\n"
    "Provides-Extra: h2\nRequires-Dist: h2<5,>=4; extra == 'h2'\nProvides-Extra: socks\n"
    "Requires-Dist: pysocks!=1.5.7,<2.0,>=1.5.6; extra == 'socks'\nProvides-Extra: zstd\n"
    "Requires-Dist: zstandard>=0.18.0; extra == 'zstd'\n",
    # pipx and what it depends on (Debian 13's builds; their METADATA heads, trimmed).
    "argcomplete": (
        'Metadata-Version: 2.4\n'
        'Name: argcomplete\n'
        'Version: 3.6.2\n'
        'Summary: Bash tab completion for argparse\n'
        'Requires-Python: >=3.8\n'
        'Provides-Extra: test\n'
    ),
    "click": (
        'Metadata-Version: 2.1\n'
        'Name: click\n'
        'Version: 8.1.8\n'
        'Summary: Composable command line interface toolkit\n'
        'Requires-Python: >=3.7\n'
        "Requires-Dist: colorama; platform_system == 'Windows'\n"
        "Requires-Dist: importlib-metadata; python_version < '3.8'\n"
    ),
    "pipx": (
        'Metadata-Version: 2.3\n'
        'Name: pipx\n'
        'Version: 1.7.1\n'
        'Summary: Install and Run Python Applications in Isolated Environments\n'
        'Requires-Python: >=3.8\n'
        'Requires-Dist: argcomplete>=1.9.4\n'
        "Requires-Dist: colorama>=0.4.4; sys_platform == 'win32'\n"
        'Requires-Dist: packaging>=20\n'
        'Requires-Dist: platformdirs>=2.1\n'
        "Requires-Dist: tomli; python_version < '3.11'\n"
        'Requires-Dist: userpath!=1.9,>=1.6\n'
    ),
    "platformdirs": (
        'Metadata-Version: 2.4\n'
        'Name: platformdirs\n'
        'Version: 4.3.7\n'
        'Summary: A small Python package for determining appropriate platform-specific dirs, '
        'e.g. a `user data dir`.\n'
        'Requires-Python: >=3.9\n'
        'Provides-Extra: docs\n'
        'Provides-Extra: test\n'
        'Provides-Extra: type\n'
    ),
    "psutil": (
        'Metadata-Version: 2.2\n'
        'Name: psutil\n'
        'Version: 7.0.0\n'
        'Summary: Cross-platform lib for process and system monitoring in Python.  NOTE: the '
        'syntax of this script MUST be kept compatible with Python 2.7.\n'
        'Requires-Python: >=3.6\n'
        'Provides-Extra: dev\n'
        'Provides-Extra: test\n'
    ),
    "userpath": (
        'Metadata-Version: 2.4\n'
        'Name: userpath\n'
        'Version: 1.9.2\n'
        'Summary: Cross-platform tool for adding locations to the user PATH\n'
        'Requires-Python: >=3.7\n'
        'Requires-Dist: click\n'
    ),
    "requests": "Metadata-Version: 2.4\nName: requests\nVersion: 2.32.3\n"
    "Summary: Python HTTP for Humans.\nHome-page: https://requests.readthedocs.io\n"
    "Author: Kenneth Reitz\nAuthor-email: me@kennethreitz.org\nLicense: Apache-2.0\n"
    "Requires-Python: >=3.8\nRequires-Dist: charset_normalizer<4,>=2\n"
    "Requires-Dist: idna<4,>=2.5\nRequires-Dist: urllib3<3,>=1.21.1\n"
    "Requires-Dist: certifi>=2017.4.17\nProvides-Extra: security\nProvides-Extra: socks\n"
    'Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == "socks"\n'
    "Provides-Extra: use-chardet-on-py3\n"
    'Requires-Dist: chardet<6,>=3.0.2; extra == "use-chardet-on-py3"\n',
}


def is_debian(fs: FileSystem) -> bool:
    return fs.is_file(MARK)


def local_site(minor: str) -> str:
    """Where pip installs outside a venv (Debian's ``posix_local`` scheme)."""
    return f"/usr/local/lib/python{minor}/dist-packages"


def site_dirs(minor: str) -> tuple[str, ...]:
    """The system site folders on ``sys.path``, in order (Debian's patched ``site``)."""
    return (local_site(minor), APT_SITE)


def writable(user: str, path: str) -> bool:
    """Whether ``user`` may write ``path`` (root anywhere; others their home and /tmp)."""
    if user == "root":
        return True
    home = home_of(user)
    return any(path == p or path.startswith(p + "/") for p in (home, "/tmp"))


def apt_dist_files(name: str, version: str, meta: str, egg: bool = False) -> dict[str, Node]:
    """A distribution as a Debian package installs it (``egg``: an ``.egg-info`` folder)."""
    if egg:
        info = f"{APT_SITE}/{name}-{version}.egg-info"
        files: dict[str, Node] = {info: Dir(), f"{info}/PKG-INFO": File(meta)}
    else:
        info = f"{APT_SITE}/{name}-{version}.dist-info"
        files = {info: Dir(), f"{info}/METADATA": File(meta),
                 f"{info}/INSTALLER": File("debian\n")}
    return {**files, f"{APT_SITE}/{name}": Dir(),
            f"{APT_SITE}/{name}/__init__.py": File(f'__version__ = "{version}"\n')}


def home_files(home: str) -> dict[str, Node]:
    """What ``useradd -m`` copies from Debian's ``/etc/skel`` into a new home."""
    skel = resources.files("simulator") / "data/debian13/skel"
    return {f"{home}/.{name}": File((skel / name).read_text("utf-8"))
            for name in ("bash_logout", "bashrc", "profile")}


def machine_files() -> dict[str, Node]:
    """Every file the Debian profile adds to the generic machine (python3 only)."""
    stdlib = f"/usr/lib/python{MINOR}"
    nodes: dict[str, Node] = {
        "/etc": Dir(),
        MARK: File("13.8\n"),
        "/etc/pip.conf": File(PIP_CONF),
        f"/usr/bin/python{MINOR}": Binary(PYTHON_VERSION),
        "/usr/bin/python3": Symlink(f"python{MINOR}"),
        "/usr/bin/pip": File(PIP_SCRIPT, True),
        "/usr/bin/pip3": File(PIP_SCRIPT, True),
        "/usr/bin/pydoc3": Symlink(f"pydoc{MINOR}"),
        f"/usr/bin/pydoc{MINOR}": File(COMMAND_MARK + "pydoc3\n", True),
        "/usr/bin/sudo": File(COMMAND_MARK + "sudo\n", True),  # simulator/debian/
        "/usr/bin/apt": File(COMMAND_MARK + "apt\n", True),
        "/usr/bin/apt-get": File(COMMAND_MARK + "apt-get\n", True),
        "/var": Dir(),
        "/var/lib": Dir(),
        "/var/lib/dpkg": Dir(),
        STATUS: File(status_text(base_packages())),
        stdlib: Dir(),
        f"{stdlib}/EXTERNALLY-MANAGED": File(externally_managed_text(MINOR)),
        "/usr/lib/python3": Dir(),
        "/usr/share": Dir(),
        "/opt": Dir(),
        APT_SITE: Dir(),
        "/usr/local/lib": Dir(),
        f"/usr/local/lib/python{MINOR}": Dir(),
        local_site(MINOR): Dir(),
    }
    for name, (version, meta) in APT_DISTS.items():
        nodes.update(apt_dist_files(name, version, meta))
    return nodes
