"""The ``app.py`` that every project folder holds, and what running it prints.

The same source is written by the simulator (as a file in its filesystem) and by
the verifier (as a real file run by a real interpreter), so the simulated output
below must be exactly what CPython prints for it.

>>> print(app_source("tienda", ["libcolor>=2,<3"], {"libcolor": ["1.0", "2.0", "3.0"]}))
... # doctest: +ELLIPSIS
# app.py of the project 'tienda', written by venvsim.
...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version


def import_name(name: str) -> str:
    """The module a distribution provides: its normalized name, ``-`` as ``_``."""
    return canonicalize_name(name).replace("-", "_")


def _allowed(req: Requirement, versions: Sequence[str]) -> list[str]:
    ok = []
    for v in versions:
        try:
            if req.specifier.contains(Version(v), prereleases=True):
                ok.append(v)
        except InvalidVersion:
            continue
    return ok


HEADER = [
    "# app.py of the project '{name}', written by venvsim.",
    "# Its code imports what it needs and works only with these versions:",
]
# Line numbers below are part of the contract: the traceback names them.


def app_source(name: str, needs: Sequence[str], index: Mapping[str, Sequence[str]]) -> str:
    """Python source of a project's ``app.py``.

    ``index`` maps normalized names to every version the index offers, so the
    check needs no ``packaging`` at run time: a version works when it is listed.
    """
    lines = [HEADER[0].format(name=name), HEADER[1]]
    reqs = [Requirement(n) for n in needs]
    for raw in needs:
        lines.append(f"#   {raw.strip()}")
    lines.append("import sys")
    for r in reqs:
        lines.append(f"import {import_name(r.name)}")
    for raw, r in zip(needs, reqs, strict=False):
        if not r.specifier:
            continue
        mod = import_name(r.name)
        allowed = tuple(_allowed(r, index.get(canonicalize_name(r.name), ())))
        lines.append(f"if {mod}.__version__ not in {allowed!r}:")
        message = f"{name} needs {raw.strip()}, but finds {r.name} "
        lines.append(f"    sys.exit({message!r} + {mod}.__version__)")
    if reqs:
        parts = " + ', ' + ".join(
            f"{r.name + ' '!r} + {import_name(r.name)}.__version__" for r in reqs
        )
        lines.append(f"print({name + ' works: '!r} + {parts})")
    else:
        lines.append(f"print({name + ' works'!r})")
    return "\n".join(lines) + "\n"


def import_line(needs: Sequence[str], position: int) -> int:
    """1-based line number of the ``import`` of ``needs[position]``."""
    return len(HEADER) + len(needs) + 1 + position + 1


def run_output(
    name: str,
    path: str,
    needs: Sequence[str],
    found: Mapping[str, str | None],
    index: Mapping[str, Sequence[str]],
) -> tuple[int, str]:
    """Exit code and output of ``python path`` given what ``sys.path`` finds.

    ``found`` maps each needed import name to the version found first on
    ``sys.path`` (``None`` when no site-packages on it holds the module).
    """
    reqs = [Requirement(n) for n in needs]
    for i, r in enumerate(reqs):
        mod = import_name(r.name)
        if found.get(mod) is None:
            return 1, (
                "Traceback (most recent call last):\n"
                f'  File "{path}", line {import_line(needs, i)}, in <module>\n'
                f"    import {mod}\n"
                f"ModuleNotFoundError: No module named '{mod}'\n"
            )
    for raw, r in zip(needs, reqs, strict=False):
        if not r.specifier:
            continue
        mod = import_name(r.name)
        have = found[mod] or ""
        if have not in _allowed(r, index.get(canonicalize_name(r.name), ())):
            return 1, f"{name} needs {raw.strip()}, but finds {r.name} {have}\n"
    shown = ", ".join(f"{r.name} {found[import_name(r.name)]}" for r in reqs)
    return 0, (f"{name} works: {shown}\n" if shown else f"{name} works\n")
