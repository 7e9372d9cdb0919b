"""PEP 508 markers and requirements as the simulated Linux CPython evaluates them.

Ports what pip takes from pip/_vendor/packaging (``default_environment``) and
the marker filtering of pip/_internal/metadata.
"""

from __future__ import annotations

from collections.abc import Mapping

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement

from ..model.index import requirement


def marker_holds(spec: str, env: Mapping[str, str]) -> bool:
    """Whether a Requires-Dist entry applies (no extra requested)."""
    try:
        req = requirement(spec)
    except InvalidRequirement:
        return False
    return req.marker is None or bool(req.marker.evaluate({**env, "extra": ""}))


def marker_environment(python_version: str) -> dict[str, str]:
    """PEP 508 marker values of the simulated Linux CPython."""
    env: dict[str, str] = {k: str(v) for k, v in default_environment().items()}
    minor = ".".join(python_version.split(".")[:2])
    env.update(
        python_version=minor,
        python_full_version=python_version,
        implementation_version=python_version,
        implementation_name="cpython",
        platform_python_implementation="CPython",
        sys_platform="linux",
        os_name="posix",
        platform_system="Linux",
        platform_machine="x86_64",
    )
    return env


def parse_requirement(text: str) -> Requirement:
    """A PEP 508 requirement, or ``InvalidRequirement``."""
    return Requirement(text)
