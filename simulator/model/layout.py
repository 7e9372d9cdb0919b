"""Where things live on the simulated machine.

The simulated machine is a generic Linux box with CPython installed under the
prefix ``/usr``. The verifier mirrors this layout inside a temporary folder, so
every absolute path here must stay in step with ``simulator/verify``.

>>> site_packages("/usr", "3.11")
'/usr/lib/python3.11/site-packages'
>>> full_version("3.12")
'3.12.1'
"""

from __future__ import annotations

SYSTEM_PREFIX = "/usr"
DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"
HOST = "aula"
INDEX_DIR = "/srv/pypi/simple"
INDEX_URL = "file://" + INDEX_DIR
PIP_VERSION = "26.3"
SETUPTOOLS_VERSION = "65.5.0"

# GNU tools installed in /bin.
COREUTILS = (
    "ls",
    "cat",
    "mkdir",
    "rm",
    "cp",
    "mv",
    "touch",
    "which",
    "head",
    "tail",
    "grep",
    "wc",
    "readlink",
    "env",
    "clear",
    "rmdir",
    "sort",
    "bash",
    "sh",
    "find",
    "diff",
    "cut",
    "uname",
)
TOOL_MARK = "\x7fELF coreutils "

# The micro release each MAJOR.MINOR answers with (those of the reference machine).
MICRO_VERSIONS = {
    "3.8": "3.8.18",
    "3.9": "3.9.18",
    "3.10": "3.10.13",
    "3.11": "3.11.7",
    "3.12": "3.12.1",
    "3.13": "3.13.0",
    "3.14": "3.14.0",
}


def full_version(minor: str) -> str:
    """The full version a ``MAJOR.MINOR`` interpreter reports."""
    return MICRO_VERSIONS.get(minor, minor + ".0")


def python_exe(minor: str) -> str:
    """The system interpreter's real file, e.g. ``/usr/bin/python3.11``."""
    return f"{SYSTEM_PREFIX}/bin/python{minor}"


def stdlib_dir(prefix: str, minor: str) -> str:
    return f"{prefix}/lib/python{minor}"


def site_packages(prefix: str, minor: str) -> str:
    return f"{prefix}/lib/python{minor}/site-packages"


def user_base(home: str) -> str:
    return f"{home}/.local"


def home_of(user: str) -> str:
    return "/root" if user == "root" else f"/home/{user}"


def bundled_packages(minor: str) -> dict[str, str]:
    """What ``ensurepip`` puts in a new venv (3.12 dropped setuptools)."""
    if tuple(int(p) for p in minor.split(".")) >= (3, 12):
        return {"pip": PIP_VERSION}
    return {"pip": PIP_VERSION, "setuptools": SETUPTOOLS_VERSION}


def marker_path(minor: str) -> str:
    """Where PEP 668's ``EXTERNALLY-MANAGED`` file sits for a system python."""
    return stdlib_dir(SYSTEM_PREFIX, minor) + "/EXTERNALLY-MANAGED"


def externally_managed_text(minor: str) -> str:
    """Debian 12's marker file, the one modern Linux students meet."""
    return (
        "[externally-managed]\n"
        "Error=To install Python packages system-wide, try apt install\n"
        " python3-xyz, where xyz is the package you are trying to\n"
        " install.\n"
        "\n"
        " If you wish to install a non-Debian-packaged Python package,\n"
        " create a virtual environment using python3 -m venv path/to/venv.\n"
        " Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make\n"
        " sure you have python3-full installed.\n"
        "\n"
        " If you wish to install a non-Debian packaged Python application,\n"
        " it may be easiest to use pipx install xyz, which will manage a\n"
        " virtual environment for you. Make sure you have pipx installed.\n"
        "\n"
        f" See /usr/share/doc/python{minor}/README.venv for more information.\n"
    )
