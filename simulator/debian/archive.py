"""Debian 13's archive as the simulated apt knows it: the packages a Python class meets,
what each depends on, its sizes and files, and the order apt hands a transaction to dpkg
(as recorded in tests/debian)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.debian import APT_DISTS, APT_METADATA, COMMAND_MARK, PIP_SCRIPT, apt_dist_files
from ..model.fs import Dir, File, Node, Symlink

# Multi-Arch: same packages, which dpkg names with their architecture ("libtcl8.6:amd64").
QUALIFIED = frozenset({
    "libbrotli1", "libfontconfig1", "libfreetype6", "libgdbm6t64", "libpng16-16t64", "libtcl8.6",
    "libtk8.6", "libx11-6", "libxau6", "libxcb1", "libxdmcp6", "libxext6", "libxft2",
    "libxrender1", "libxss1", "python3-gdbm", "python3-tk"})
# Shared libraries: dpkg runs libc-bin's ldconfig trigger after them.
LDCONFIG = frozenset({
    "libbrotli1", "libfontconfig1", "libfreetype6", "libgdbm6t64", "libpng16-16t64", "libtcl8.6",
    "libtk8.6", "libx11-6", "libxau6", "libxcb1", "libxdmcp6", "libxext6", "libxft2",
    "libxrender1", "libxss1", "tk8.6-blt2.5"})
LIBC_BIN = "2.41-12+deb13u5"
TEMPLATES = frozenset({"fontconfig-config"})  # debconf questions: "Preconfiguring packages ..."
# What a maintainer script printed while being set up (the recording root has no init system).
SETUP_NOTES = {"x11-common": "invoke-rc.d: could not determine current runlevel\n"
               "invoke-rc.d: WARNING: No init system and policy-rc.d missing! Defaulting to block.\n"}
# python3-full's "Suggested packages", in the order apt listed them.
FULL_SUGGESTS = ("blt-demo", "apache2", "| lighttpd", "| httpd", "gdbm-l10n",
                 "fonts-mathjax-extras", "fonts-stix", "libjs-mathjax-doc", "tcl8.6", "tk8.6",
                 "python3-dev", "python3-gdbm-dbg", "tix", "python3-tk-dbg", "python3.13-dev")
# What a package suggests in the archive besides its Depends and Recommends: apt keeps it
# installed while the package is (APT::AutoRemove::SuggestsImportant).
KEEPS = {"fonts-mathjax": ("libjs-mathjax",), "libpython3.13-testsuite": ("python3-gdbm", "python3-tk"),
         "python3-doc": ("python3-examples",)}
TKINTER = "/usr/lib/python3.13/tkinter"  # python3.13-tk's: ``import tkinter`` works once it is there


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
    def shown(self) -> str:
        """How dpkg names it: ``libtcl8.6:amd64`` for a Multi-Arch: same package."""
        return f"{self.name}:{self.arch}" if self.name in QUALIFIED else self.name

    @property
    def filename(self) -> str:
        return f"{self.name}_{self.version.replace(':', '%3a')}_{self.arch}.deb"


_WHEEL = File("\x7fPK wheel\n")


def _dist(module: str, version: str, egg: bool = False) -> tuple[tuple[str, Node], ...]:
    """An apt-installed distribution in /usr/lib/python3/dist-packages (its METADATA head)."""
    return tuple(apt_dist_files(module, version, APT_METADATA[module], egg).items())


# paths: new paths in dpkg's database, measured with dpkg -L in the recording root.
ARCHIVE = {d.name: d for d in (
    Deb("python3-pip-whl", "25.1.1+dfsg-1", "all", (), 1507328, 1531, 7,
        (("/usr/share/python-wheels", Dir()),
         ("/usr/share/python-wheels/pip-25.1.1-py3-none-any.whl", _WHEEL))),
    Deb("python3-setuptools-whl", "78.1.1-0.1", "all", (), 1268108, 1324, 5,
        (("/usr/share/python-wheels/setuptools-78.1.1-py3-none-any.whl", _WHEEL),)),
    Deb("python3.13-venv", "3.13.5-2+deb13u5", "amd64",
        ("python3-pip-whl", "python3-setuptools-whl"), 5476, 27, 6,
        (("/usr/lib/python3.13/ensurepip", Dir()),
         ("/usr/lib/python3.13/ensurepip/__init__.py", File("")),
         ("/usr/lib/python3.13/ensurepip/__main__.py", File("")))),
    Deb("python3-venv", "3.13.5-1", "amd64", ("python3.13-venv",), 1180, 6, 1),
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
    Deb("python3-argcomplete", "3.6.2-1", "all", (),
        40864, 168, 39, _dist("argcomplete", "3.6.2")),
    Deb("python3-platformdirs", "4.3.7-1", "all", (),
        16608, 106, 19, _dist("platformdirs", "4.3.7")),
    Deb("python3-click", "8.2.0+0.really.8.1.8-1", "all", (),
        95388, 390, 26, _dist("click", "8.1.8")),
    Deb("python3-psutil", "7.0.0-2", "amd64", (), 220368, 1094, 86, _dist("psutil", "7.0.0")),
    Deb("python3-userpath", "1.9.2-1", "all", ("python3-click", "python3-psutil"), 10292, 46, 17,
        _dist("userpath", "1.9.2")),
    Deb("pipx", "1.7.1-1", "all", ("python3-venv", "python3-argcomplete", "python3-platformdirs",
                                   "python3-userpath"), 828488, 3708, 133,
        (*_dist("pipx", "1.7.1"), ("/usr/bin/pipx", File(COMMAND_MARK + "pipx\n", True)))),
    # Installed with the machine (debootstrap --include): only its removal is simulated.
    Deb("python3-pip", "25.1.1+dfsg-1", "all", ("python3-wheel",), 1456608, 10166, 762,
        (("/usr/bin/pip", File(PIP_SCRIPT, True)), ("/usr/bin/pip3", File(PIP_SCRIPT, True)),
         *apt_dist_files("pip", *APT_DISTS["pip"]).items())),
    # python3-full and the 44 packages it brings (python3-venv's aside): versions, sizes,
    # Installed-Size, Depends and Recommends read from the .deb files; paths: what each adds
    # to ``dpkg -L``'s list, in unpack order (they add up to dpkg's count after it).
    Deb("libtcl8.6", "8.6.16+dfsg-1", "amd64", (), 1041872, 4322, 244),
    Deb("libbrotli1", "1.1.0-2+deb13u1", "amd64", (), 303640, 865, 11),
    Deb("libpng16-16t64", "1.6.48-1+deb13u6", "amd64", (), 283368, 444, 12),
    Deb("libfreetype6", "2.13.3+dfsg-1+deb13u2", "amd64", ("libbrotli1", "libpng16-16t64"),
        452256, 963, 7),
    Deb("fonts-dejavu-mono", "2.37-8", "all", (), 488808, 1281, 28),
    Deb("fonts-dejavu-core", "2.37-8", "all", ("fonts-dejavu-mono",), 840460, 2292, 30),
    Deb("fontconfig-config", "2.15.0-2.3", "amd64", ("fonts-dejavu-core",), 318308, 533, 76),
    Deb("libfontconfig1", "2.15.0-2.3", "amd64", ("libfreetype6", "fontconfig-config"),
        391576, 592, 6),
    Deb("libxau6", "1:1.0.11-1", "amd64", (), 20392, 42, 6),
    Deb("libxdmcp6", "1:1.1.5-1", "amd64", (), 27756, 59, 6),
    Deb("libxcb1", "1.17.0-2+b1", "amd64", ("libxau6", "libxdmcp6"), 144340, 301, 7),
    Deb("libx11-data", "2:1.8.12-1", "all", (), 343072, 1576, 260),
    Deb("libx11-6", "2:1.8.12-1", "amd64", ("libxcb1", "libx11-data"), 815292, 1638, 7),
    Deb("libxrender1", "1:0.9.12-1", "amd64", ("libx11-6",), 27896, 72, 6),
    Deb("libxft2", "2.3.6-1+b4", "amd64",
        ("libfontconfig1", "libfreetype6", "libx11-6", "libxrender1"),
        54516, 131, 7),
    Deb("libxext6", "2:1.3.4-1+b3", "amd64", ("libx11-6",), 50448, 129, 7),
    Deb("x11-common", "1:7.7+24+deb13u1", "all", (), 216864, 275, 31),
    Deb("libxss1", "1:1.2.3-1+b3", "amd64", ("libx11-6", "libxext6", "x11-common"), 16984, 42, 7),
    Deb("libtk8.6", "8.6.16-1", "amd64",
        ("libtcl8.6", "libfontconfig1", "libx11-6", "libxft2", "libxss1"),
        793192, 2462, 103),
    Deb("tk8.6-blt2.5", "2.5.3+dfsg-8", "amd64", ("libtcl8.6", "libtk8.6", "libx11-6"),
        590520, 2015, 23),
    Deb("blt", "2.5.3+dfsg-8", "amd64", ("tk8.6-blt2.5",), 5984, 21, 5),
    Deb("fonts-mathjax", "2.7.9+dfsg-1", "all", (), 2209820, 4415, 193),
    Deb("python3.13-tk", "3.13.5-2+deb13u5", "amd64", ("libtcl8.6", "libtk8.6"), 108228, 444, 21,
        ((TKINTER, Dir()), (f"{TKINTER}/__init__.py", File("TkVersion = 8.6\n")))),
    Deb("python3-tk", "3.13.5-1", "amd64", ("python3.13-tk", "blt"), 9604, 32, 5),
    Deb("libjs-mathjax", "2.7.9+dfsg-1", "all", ("fonts-mathjax",), 5666572, 41463, 4134),
    Deb("idle-python3.13", "3.13.5-2+deb13u5", "all",
        ("python3-tk", "python3.13-tk", "libjs-mathjax"),
        443816, 1910, 174,
        (("/usr/bin/idle-python3.13", File(COMMAND_MARK + "idle\n", True)),)),
    Deb("idle", "3.13.5-1", "all", ("python3-tk", "idle-python3.13"), 2812, 19, 6,
        (("/usr/bin/idle", File(COMMAND_MARK + "idle\n", True)),)),
    Deb("javascript-common", "12+nmu1", "all", (), 4864, 30, 11),
    Deb("libgdbm6t64", "1.24-2", "amd64", (), 75176, 138, 7),
    Deb("libjs-jquery", "3.6.1+dfsg+~3.5.14-1", "all", ("javascript-common",), 326128, 705, 12),
    Deb("libjs-underscore", "1.13.4~dfsg+~1.11.4-3", "all", ("javascript-common", "libjs-jquery"),
        115632, 349, 13),
    Deb("net-tools", "2.10-1.3", "amd64", (), 245436, 988, 54),
    Deb("libpython3.13-testsuite", "3.13.5-2+deb13u5", "all", ("net-tools",),
        4840544, 29074, 1622),
    Deb("python3.13-doc", "3.13.5-2+deb13u5", "all", ("libjs-jquery", "libjs-underscore"),
        15389188, 71827, 1163),
    Deb("python3-doc", "3.13.5-1", "all", ("python3.13-doc",), 10384, 31, 6),
    Deb("python3.13-examples", "3.13.5-2+deb13u5", "all", (), 767388, 2940, 471),
    Deb("python3-examples", "3.13.5-1", "all", ("python3.13-examples",), 1028, 6, 1),
    Deb("python3.13-gdbm", "3.13.5-2+deb13u5", "amd64", ("libgdbm6t64",), 31836, 99, 5),
    Deb("python3.13-full", "3.13.5-2+deb13u5", "amd64",
        ("libpython3.13-testsuite", "python3.13-venv", "idle-python3.13", "python3.13-gdbm",
         "python3.13-tk", "python3.13-doc", "python3.13-examples"),
        1272, 6, 1),
    Deb("python3-gdbm", "3.13.5-1", "amd64", ("python3.13-gdbm",), 8564, 25, 4),
    Deb("python3-full", "3.13.5-1", "amd64",
        ("python3.13-full", "python3-venv", "idle", "python3-gdbm", "python3-tk", "python3-doc",
         "python3-examples"),
        1308, 6, 1, suggests=FULL_SUGGESTS),
)}
# The order apt hands a transaction's packages to dpkg (unpack) and configures them, as
# recorded (one order fits every transaction recorded).
UNPACK = ("python-is-python3", "libtcl8.6", "libbrotli1", "libpng16-16t64", "libfreetype6",
          "fonts-dejavu-mono", "fonts-dejavu-core", "fontconfig-config", "libfontconfig1",
          "libxau6", "libxdmcp6", "libxcb1", "libx11-data", "libx11-6", "libxrender1", "libxft2",
          "libxext6", "x11-common", "libxss1", "libtk8.6", "tk8.6-blt2.5", "blt", "fonts-mathjax",
          "python3.13-tk", "python3-tk", "libjs-mathjax", "idle-python3.13", "idle",
          "javascript-common", "libgdbm6t64", "libjs-jquery", "libjs-underscore", "net-tools",
          "libpython3.13-testsuite", "python3.13-doc", "python3-doc", "python3.13-examples",
          "python3-examples", "python3-pip-whl", "python3-setuptools-whl", "python3.13-venv",
          "python3.13-gdbm", "python3.13-full", "python3-venv", "python3-gdbm", "python3-full",
          "python3-certifi", "python3-chardet", "python3-charset-normalizer", "python3-idna",
          "python3-urllib3", "python3-requests", "python3-argcomplete", "python3-platformdirs",
          "python3-click", "python3-userpath", "pipx", "python3-psutil")
CONFIGURE = ("python3.13-examples", "javascript-common", "libxau6", "net-tools", "libxdmcp6",
             "python3-setuptools-whl", "libxcb1", "fonts-mathjax", "libgdbm6t64", "libjs-mathjax",
             "python3-pip-whl", "python3-click", "libbrotli1", "x11-common",
             "libpython3.13-testsuite", "python3.13-venv", "python3-platformdirs",
             "python3-psutil", "python3-examples", "python3-venv", "python3-argcomplete",
             "python3-userpath", "pipx", "libx11-data", "fonts-dejavu-mono", "libpng16-16t64",
             "libtcl8.6", "fonts-dejavu-core", "libx11-6", "libjs-jquery", "python3.13-gdbm",
             "libjs-underscore", "libxrender1", "python3-gdbm", "fontconfig-config", "libxext6",
             "python3.13-doc", "libfreetype6", "libxss1", "libfontconfig1", "python3-doc",
             "libxft2", "libtk8.6", "python3.13-tk", "tk8.6-blt2.5", "blt", "python3-tk",
             "idle-python3.13", "idle", "python3.13-full", "python3-full", "python-is-python3",
             "python3-charset-normalizer", "python3-chardet", "python3-certifi", "python3-idna",
             "python3-urllib3", "python3-requests")
NUMBERED = 5  # with more packages than this, apt hands dpkg numbered names (as recorded)
# In the archive, but asked for by name they answer that venvsim does not simulate them:
# their transactions alone were not recorded.
# (python3-pip: its removal is simulated, not its install)
NOT_SIMULATED = tuple(sorted({*ARCHIVE, "python3-dev", "python3-setuptools", "python3-numpy"} - {
    "python3-full", "python3-venv", "python-is-python3", "python3-requests", "pipx"}))
