"""venvsim: a simulator of Python's global install versus virtual environments.

The public API (``from simulator import World, load, explore``) is loaded on
first use, so ``venvsim`` commands stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Environment", "Problem", "Result", "ScenarioError", "Timeline", "UsageError", "World",
           "check_lesson", "configure", "explore", "load"]

if TYPE_CHECKING:
    from .api import (
        Environment,
        Problem,
        Result,
        ScenarioError,
        Timeline,
        World,
        check_lesson,
        configure,
        load,
    )
    from .explorer import explore


def __getattr__(name: str) -> Any:
    if name == "explore":
        from .explorer import explore

        return explore
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
