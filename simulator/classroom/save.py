"""A shell session as a scenario file: the machine it started from, the lines typed as steps.

The file follows the scenario contract (docs/scenarios.md), so ``venvsim run``, ``draw``,
``verify`` and ``shell`` accept it.

>>> print(scenario_toml({"world": {"pythons": ["3.11"]}}, ["pip list"]), end="")
title = "A venvsim shell session"
<BLANKLINE>
[world]
pythons = ["3.11"]
<BLANKLINE>
[[steps]]
run = "pip list"
"""

from __future__ import annotations

import json
from typing import Any

TABLES = ("world", "index")


def value(v: Any) -> str:
    """A TOML value: JSON's string escapes are TOML's too."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() and k.isascii() else json.dumps(k)


def scenario_toml(data: dict[str, Any], lines: list[str], title: str = "") -> str:
    """``data``'s machine (``world``, ``index``, ``projects``) and ``lines`` as its steps."""
    out = [f"title = {value(title or data.get('title') or 'A venvsim shell session')}"]
    for table in TABLES:
        if data.get(table):
            out.append(f"\n[{table}]")
            out += [f"{key(k)} = {value(v)}" for k, v in data[table].items()]
    for name, project in (data.get("projects") or {}).items():
        out.append(f"\n[projects.{key(name)}]")
        out += [f"{key(k)} = {value(v)}" for k, v in project.items()]
    for line in lines:
        out.append(f"\n[[steps]]\nrun = {value(line)}")
    return "\n".join(out) + "\n"
