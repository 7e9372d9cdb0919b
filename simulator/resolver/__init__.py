"""pip 26.3's resolver, ported onto resolvelib 1.2.1 over the simulated index.

The provider, its preference order, the lazily built candidates (which is when
pip prints ``Processing ...`` and ``Requirement already satisfied: ...``), the
reporter's ``INFO:`` lines and the ``ResolutionImpossible`` explanation follow
``pip/_internal/resolution/resolvelib`` line by line, one module here for each
module there, so the same inputs make the same choices and print the same lines
in the same order.
"""

from __future__ import annotations

from packaging.requirements import InvalidRequirement

from .exceptions import InstallError, ResolutionTooDeepError
from .factory import Factory
from .finder import Finder
from .log import Log, display_path
from .markers import marker_environment, marker_holds, parse_requirement
from .req import InstallReq
from .resolver import Resolution, resolve

__all__ = [
    "Factory",
    "Finder",
    "InstallError",
    "InstallReq",
    "InvalidRequirement",
    "Log",
    "Resolution",
    "ResolutionTooDeepError",
    "display_path",
    "marker_environment",
    "marker_holds",
    "parse_requirement",
    "resolve",
]
