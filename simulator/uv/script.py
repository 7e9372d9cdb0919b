"""``uv run script.py`` for a script with inline metadata (PEP 723: a ``# /// script`` block).

As real uv 0.13.8 does it (recorded in tests/transcripts/uv_72_run_script.txt): the
project around is ignored; the script gets its own venv in uv's cache,
``CACHE/environments-v2/<stem>-<hash of its path>``, made with a Python its
``requires-python`` allows; its ``dependencies`` are resolved on their own and
installed there (what a former version of the script needed stays, only what
changes version is replaced), saying "Installed N packages" when something was.
uv's hash is its own; venvsim's is derived from the same path.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import tomllib
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from ..model.dist import Dist
from ..model.python import dists_in
from .discovery import Environment, Interpreter, NotSimulated, UvError, find_interpreter, venv_at
from .ephemeral import mark_wheels
from .pip import Run, cache_dir, plural, swap
from .resolver import NO_SOLUTION, solve
from .virtualenv import venv_files

BLOCK = re.compile(r"(?m)^# /// script\n(?P<content>(?:^#(?:| .*)\n)*?)^# ///$")
NO_PYTHON = ("error: No interpreter found for Python {0} in virtual environments, managed installations, "
             "or search path\n\nhint: A managed Python download is available for Python {0}, but Python "
             "downloads are set to 'never'\n")


@dataclass(frozen=True)
class Metadata:
    """What a script's ``# /// script`` block asks for."""

    dependencies: tuple[Requirement, ...]
    requires_python: str | None


def metadata(text: str) -> Metadata | None:
    """The script's inline metadata, or None when it has no ``# /// script`` block.

    >>> metadata('# /// script\\n# dependencies = ["appa"]\\n# ///\\nprint(1)\\n')
    Metadata(dependencies=(<Requirement('appa')>,), requires_python=None)
    >>> metadata("print(1)\\n") is None
    True
    """
    found = list(BLOCK.finditer(text))
    if not found:
        return None
    if len(found) > 1:
        raise NotSimulated("a script with two `# /// script` blocks")
    toml = "".join(line[2:] if line.startswith("# ") else line[1:]
                   for line in found[0].group("content").splitlines(keepends=True))
    try:
        data = tomllib.loads(toml)
    except tomllib.TOMLDecodeError:
        raise NotSimulated("uv's message for a script block that is not TOML") from None
    if set(data) - {"dependencies", "requires-python"}:
        raise NotSimulated("a script block with keys other than dependencies and requires-python")
    deps = data.get("dependencies", [])
    python = data.get("requires-python")
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps) or \
            not isinstance(python, (str, type(None))):
        raise NotSimulated("uv's message for that script block")
    try:
        reqs = tuple(Requirement(d) for d in deps)
        if python is not None:
            SpecifierSet(python)
    except (InvalidRequirement, InvalidSpecifier):
        raise NotSimulated("uv's message for that script block's requirement") from None
    if any(r.extras or r.marker is not None or r.url for r in reqs):
        raise NotSimulated("script dependencies with extras, markers or URLs")
    return Metadata(reqs, python)


def _interpreter(run: Run, requires_python: str | None) -> Interpreter:
    """The first python that ``requires_python`` allows: the default one, else ``python3.X``."""
    world = run.world
    default = find_interpreter(world, None, names=("python3", "python"))
    if requires_python is None or SpecifierSet(requires_python).contains(default.version):
        return default
    for minor in sorted(world.pythons, key=lambda m: tuple(int(p) for p in m.split("."))):
        try:
            found = find_interpreter(world, minor)
        except (NotSimulated, UvError):
            continue
        if SpecifierSet(requires_python).contains(found.version):
            return found
    raise UvError(NO_PYTHON.format(requires_python))


def _env_name(path: str) -> str:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    clean = "".join(c if c.isalnum() else "-" for c in stem)
    return f"{clean}-{hashlib.sha256(path.encode()).hexdigest()[:16]}"


def script_environment(run: Run, path: str, meta: Metadata) -> Environment:
    """The script's venv in uv's cache (made if missing), holding what its dependencies resolve to."""
    python = _interpreter(run, meta.requires_python)
    real = Interpreter(run.world.fs.resolve(python.path), python.version)
    root = f"{cache_dir(run.world)}/environments-v2/{_env_name(path)}"
    env = venv_at(run.world, root)
    if env is None:
        if run.world.fs.lexists(root):
            raise NotSimulated("a script environment that is not a venv")
        run.world = run.world.with_fs(venv_files(run.world.fs, root, real.path, real.version, None))
        run.events.append({"event": "venv_created", "prefix": root, "python": real.minor})
        env = Environment(root, real, True)
    elif env.python.minor != real.minor:
        raise NotSimulated("a script environment made with another python")
    try:
        chosen = solve(run.world.index, list(meta.dependencies), env.python.version, {})
    except UvError as e:
        if e.message.startswith(NO_SOLUTION):
            raise UvError("error: No solution found when resolving script dependencies\n  cause: "
                          + e.message[len(NO_SOLUTION):], e.code) from None
        raise
    installed: dict[str, Dist] = {d.key: d for d in dists_in(run.world.fs, env.site)}
    adds = [r for k, r in chosen.items() if k not in installed or installed[k].version != r.version]
    removes = [installed[r.key] for r in adds if r.key in installed]
    fs = mark_wheels(run.world.fs, cache_dir(run.world), adds)
    fs = swap(run, fs, env, removes, adds)
    run.world = run.world.with_fs(fs)
    if adds:
        run.err(f"Installed {plural(len(adds))} in 3ms\n")
    return env
