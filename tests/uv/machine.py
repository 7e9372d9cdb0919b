"""The machine uv's recordings were made on (tests/transcripts/uv_*.txt) and replayed on."""

from __future__ import annotations

from simulator.scenario import Scenario, loads
from simulator.uv.settings import UV_TOML, UV_VERSION

__all__ = ["UV_TOML", "UV_VERSION", "INDEX_TOML", "scenario"]

INDEX_TOML = """
[world]
user = "ana"
pythons = ["3.11", "3.12"]

[index]
libcolor = ["1.0", "2.0", "3.0"]
appa = [{ version = "1.0", requires = ["libcolor<2"] }]
appb = [{ version = "1.0", requires = ["libcolor>=2"] }]
appc = [{ version = "1.0", requires = ["libcolor>=2,<3"] }]
newlib = ["0.9", { version = "1.0", requires_python = ">=3.12" }]
futurelib = [{ version = "1.0", requires_python = ">=3.12" }]
tool = [{ version = "1.0", requires = ["libcolor<3"] }, { version = "2.0", requires = ["libcolor>=3"] }]
ghost = [{ version = "1.0", requires = ["nothere"] }]
twinlib = [{ version = "1.0", requires = ["libcolor<2"] },
           { version = "2.0", requires = ["libcolor>=3"], requires_python = ">=3.12" }]
"""


def scenario() -> Scenario:
    return loads(INDEX_TOML, "tests/uv/machine.py")
