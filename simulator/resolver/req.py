"""pip's ``InstallRequirement`` and ``install_req_drop_extras``.

Ports pip/_internal/req/req_install.py and pip/_internal/req/constructors.py
(the parts the resolver reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from packaging.requirements import Requirement

from ..model.dist import Dist
from ..model.index import Release
from .log import display_path


@dataclass
class InstallReq:
    """pip's ``InstallRequirement``: what was asked, from where."""

    req: Requirement
    comes_from: str | InstallReq | None = None
    user_supplied: bool = False
    satisfied_by: Dist | None = None
    release: Release | None = None
    should_reinstall: bool = False
    markers: Any = None  # a line's ``; marker``, kept apart from ``req`` as pip does
    constraint: bool = False  # from ``-c``: limits versions, asks for nothing

    @property
    def name(self) -> str:
        return self.req.name

    def from_path(self) -> str:
        s = str(self.req)
        if self.comes_from:
            cf = (
                self.comes_from if isinstance(self.comes_from, str) else self.comes_from.from_path()
            )
            if cf:
                s += "->" + cf
        return s

    def format(self, cwd: str) -> str:
        s = str(self.req)
        if self.satisfied_by is not None:
            s += f" in {display_path(self.satisfied_by.location, cwd)}"
        if self.comes_from:
            cf = (
                self.comes_from if isinstance(self.comes_from, str) else self.comes_from.from_path()
            )
            if cf:
                s += f" (from {cf})"
        return s

    def match_markers(self, env: Mapping[str, str]) -> bool:
        marker = self.markers if self.markers is not None else self.req.marker
        if marker is None:
            return True
        return bool(marker.evaluate({**env, "extra": ""}))


def drop_extras(ireq: InstallReq) -> InstallReq:
    """pip's ``install_req_drop_extras``: the same requirement without extras, whose parent
    is the original (which is why pip says ``(from libcolor[fast]>=2->appx)``)."""
    req = Requirement(str(ireq.req))
    req.extras = set()
    return InstallReq(req, comes_from=ireq, user_supplied=ireq.user_supplied,
                      markers=ireq.markers)
