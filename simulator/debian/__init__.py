"""Commands of the Debian 13 profile (``[world] os = "debian13"``): ``sudo``, ``apt``, ``apt-get``,
and ``pipx`` once apt has installed it."""

from __future__ import annotations

from .apt import apt
from .pipx import pipx
from .sudo import sudo

COMMANDS = {"sudo": sudo, "apt": apt, "apt-get": apt, "pipx": pipx}
