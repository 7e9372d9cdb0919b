"""Console scripts of the index's invented releases: ``scripts = { NAME = "module:function" }``.

The wheel holds an ``entry_points.txt`` and the function itself, which prints the
project's name and version (the verifier's wheels and the simulated install hold the
same text); pip writes a small launcher per script into the environment's ``bin``.

>>> rel = Release("libcolor", "2.0", scripts=(("color", "libcolor.cli:main"),))
>>> print(entry_points_text(rel), end="")
[console_scripts]
color = libcolor.cli:main
>>> print(dict(module_files(rel))["libcolor/cli.py"], end="")
def main():
    print("libcolor 2.0")
>>> print(console_script("libcolor.cli:main", "/home/ana/t/.venv/bin/python"), end="")
#!/home/ana/t/.venv/bin/python
import sys
from libcolor.cli import main
if __name__ == '__main__':
    sys.argv[0] = sys.argv[0].removesuffix('.exe')
    sys.exit(main())
"""

from __future__ import annotations

import re

from .appcode import import_name
from .index import Release

SCRIPT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
TARGET = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?):([A-Za-z_][A-Za-z0-9_]*)$")
# pip 26.3's PipScriptMaker.script_template (pip/_internal/operations/install/wheel.py)
LAUNCHER = """import sys
from {module} import {func}
if __name__ == '__main__':
    sys.argv[0] = sys.argv[0].removesuffix('.exe')
    sys.exit({func}())
"""
# uv 0.13.8's launcher (recorded: tests/cases/scripts_uv.toml)
UV_LAUNCHER = """# -*- coding: utf-8 -*-
import sys
from {module} import {func}
if __name__ == "__main__":
    if sys.argv[0].endswith("-script.pyw"):
        sys.argv[0] = sys.argv[0][:-11]
    elif sys.argv[0].endswith(".exe"):
        sys.argv[0] = sys.argv[0][:-4]
    sys.exit({func}())
"""
# distlib's SCRIPT_TEMPLATE, which pip 25.1.1 (Debian 13's python3-pip) still writes
DISTLIB_LAUNCHER = """# -*- coding: utf-8 -*-
import re
import sys
from {module} import {func}
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit({func}())
"""
LAUNCHERS = {"pip": LAUNCHER, "uv": UV_LAUNCHER, "pip 25.1.1": DISTLIB_LAUNCHER}


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.escape(template).replace(r"\{module\}", r"(?P<module>[\w.]+)")
                      .replace(r"\{func\}", r"(?P<func>\w+)", 1).replace(r"\{func\}", r"(?P=func)"))


LAUNCHER_RES = tuple(_pattern(t) for t in LAUNCHERS.values())


def target_problem(project: str, target: str) -> str | None:
    """Why ``target`` cannot be a console script of ``project`` (None when it can): the
    function lies in the project's own module or one module inside it."""
    found = TARGET.match(target)
    if found is None:
        return f'invalid entry point {target!r}: must be "module:function"'
    top = import_name(project)
    module = found.group(1)
    if module != top and not module.startswith(top + "."):
        return f"module {module!r} is not in {project}'s package {top!r}"
    if module.endswith(".__init__"):
        return f"invalid module {module!r}"
    return None


def entry_points_text(rel: Release) -> str | None:
    """The wheel's ``entry_points.txt`` (None without scripts)."""
    if not rel.scripts:
        return None
    return "[console_scripts]\n" + "".join(f"{n} = {t}\n" for n, t in rel.scripts)


def module_files(rel: Release) -> list[tuple[str, str]]:
    """The package's files (path inside site-packages, text): ``__init__.py`` with its
    ``__version__``, and each script's function, which prints ``NAME VERSION`` (none for a
    real release: its code is not venvsim's to invent)."""
    top = import_name(rel.name)
    files = {f"{top}/__init__.py": f'__version__ = "{rel.version_text}"\n'}
    for _, target in rel.scripts if rel.invented else ():
        module, func = target.split(":")
        path = f"{top}/__init__.py" if module == top else f"{top}/{module.split('.', 1)[1]}.py"
        body = f'def {func}():\n    print("{rel.name} {rel.version_text}")\n'
        text = files.get(path, "")
        if f"def {func}():" not in text:
            files[path] = (text + "\n\n" if text else "") + body
    return sorted(files.items())


def console_script(target: str, python: str, tool: str = "pip") -> str:
    """The launcher pip (or uv) writes for ``module:function``: ``#!`` the env's python."""
    module, func = target.split(":")
    return f"#!{python}\n" + LAUNCHERS[tool].format(module=module, func=func)


def launcher_target(text: str) -> tuple[str, str] | None:
    """``(module, function)`` when ``text`` is pip's launcher (after its ``#!`` line)."""
    body = text.split("\n", 1)[1] if text.startswith("#!") and "\n" in text else text
    for pattern in LAUNCHER_RES:
        found = pattern.fullmatch(body)
        if found:
            return found.group("module"), found.group("func")
    return None
