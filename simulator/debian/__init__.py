"""Commands of the Debian 13 profile (``[world] os = "debian13"``): ``sudo``, ``apt``, ``apt-get``."""

from __future__ import annotations

from .apt import apt
from .sudo import sudo

COMMANDS = {"sudo": sudo, "apt": apt, "apt-get": apt}
