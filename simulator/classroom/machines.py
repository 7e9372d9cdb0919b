"""The sandbox machines a session without a scenario starts on: ``venvsim shell --machine NAME``
and the web page's Machine menu. One definition for both: ``data/machines.toml`` (each machine's
``[world]``, label and banner) on the index of ``data/sandbox.toml``.

>>> names()
('default', 'uv', 'debian13')
>>> spec("debian13").os, spec("uv").tools
('debian13', ('uv',))
>>> label("uv", "es")
'Python 3.11 con uv'
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..model.index import Release
from ..model.world import WorldSpec

DATA = Path(__file__).resolve().parents[1] / "data"
SANDBOX = DATA / "sandbox.toml"
SCRIPTS = DATA / "sandbox_scripts.toml"  # the real releases' console scripts
MACHINES = DATA / "machines.toml"


@cache
def table() -> dict[str, Any]:
    return tomllib.loads(MACHINES.read_text(encoding="utf-8"))


def names() -> tuple[str, ...]:
    """The machines' names, the default first."""
    return tuple(table())


def scenario_data(name: str) -> dict[str, Any]:
    """Machine ``name`` as a scenario's data: a title, its ``[world]``, the sandbox's ``[index]``."""
    sandbox = tomllib.loads(SANDBOX.read_text(encoding="utf-8"))
    if name not in table():
        raise ValueError(f"there is no machine {name!r} (one of {', '.join(names())})")
    return {"title": f"A sandbox machine ({label(name, 'en')}) and packages you know from PyPI",
            "world": dict(table()[name]["world"]), "index": sandbox["index"]}


def spec(name: str) -> WorldSpec:
    """The world machine ``name`` starts as."""
    from ..scenario import spec_from_data

    data = scenario_data(name)
    found = spec_from_data({k: data[k] for k in ("world", "index")}, str(MACHINES))
    return replace(found, releases=tuple(with_real_scripts(r) for r in found.releases))


@cache
def _real_scripts() -> dict[str, Any]:
    return tomllib.loads(SCRIPTS.read_text(encoding="utf-8"))


def with_real_scripts(rel: Release) -> Release:
    """A sandbox release with the console scripts its real wheel declares (their code is not
    venvsim's: running one is declined).

    >>> with_real_scripts(Release("flask", "3.1.3")).scripts
    (('flask', 'flask.cli:main'),)
    """
    table = _real_scripts().get(rel.key, {}).get(rel.version_text, {})
    return replace(rel, scripts=tuple(sorted(table.items())), invented=False) if table else rel


def label(name: str, lang: str) -> str:
    return str(table()[name]["label"][lang])


def banner(name: str, lang: str) -> str:
    """What the shell says when it starts on machine ``name``."""
    return str(table()[name]["banner"].get(lang, table()[name]["banner"]["en"]))
