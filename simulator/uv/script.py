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
from ..model.fs import normalize
from ..model.python import dists_in
from .discovery import Environment, Interpreter, NotSimulated, UvError, find_interpreter, venv_at
from .pip import Run, cache_dir, mark_wheels, plural, swap
from .resolver import NO_SOLUTION, solve, spec_text
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
    fs = swap(run, fs, env, removes, adds, scripts=False)
    run.world = run.world.with_fs(fs)
    if adds:
        run.err(f"Installed {plural(len(adds))} in 3ms\n")
    return env


# ---------------------------------------------------------------- uv init | add | remove --script

TEMPLATE = ('# /// script\n# requires-python = ">={minor}"\n# dependencies = []\n# ///\n\n\n'
            'def main() -> None:\n    print("Hello from {name}!")\n\n\nif __name__ == "__main__":\n'
            '    main()\n')
KEY_LINE = re.compile(r'(?:requires-python = "[^"\\]*"|dependencies = \[.*)')


def init_script(run: Run, argv: list[str]) -> int:
    """``uv init --script FILE [--python X.Y]``: a new script holding uv's template."""
    args = [a for a in argv if a != "--script"]
    python = None
    if args[:1] in (["--python"], ["-p"]) or args[1:2] in (["--python"], ["-p"]):
        at = 0 if args[0] in ("--python", "-p") else 1
        if len(args) != 3:
            raise NotSimulated(f"uv init {' '.join(argv)}")
        python = args[at + 1]
        args = [a for i, a in enumerate(args) if i not in (at, at + 1)]
    if len(args) != 1 or args[0].startswith("-"):
        raise NotSimulated(f"uv init {' '.join(argv)}")
    shown = args[0]
    path = normalize(shown, run.world.shell.cwd)
    fs = run.world.fs
    if fs.lexists(path):
        if fs.is_file(path) and metadata(fs.read(path)) is not None:
            raise UvError(f"error: `{shown}` is already a PEP 723 script; use `uv run` to execute it\n")
        raise NotSimulated("uv init --script over a file without inline metadata")
    if not fs.is_dir(posixpath.dirname(path)):
        raise NotSimulated("uv init --script in a folder that is not there")
    interp = find_interpreter(run.world, python, names=("python3", "python"))
    text = TEMPLATE.format(minor=interp.minor, name=posixpath.basename(path))
    run.world = run.world.with_fs(fs.write(path, text))
    run.err(f"Initialized script at `{shown}`\n")
    return 0


def _script_arg(argv: list[str], command: str) -> tuple[str, list[str]]:
    """The file of ``--script FILE`` and the other arguments (no other option is simulated)."""
    shown: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(argv):
        name, eq, value = argv[i].partition("=")
        if name == "--script" and shown is None:
            if not eq:
                i += 1
                if i >= len(argv):
                    raise NotSimulated(f"uv {command} --script without a value")
                value = argv[i]
            shown = value
        elif argv[i].startswith("-"):
            raise NotSimulated(f"uv {command} --script with {argv[i]}")
        else:
            rest.append(argv[i])
        i += 1
    assert shown is not None
    if not rest:
        raise NotSimulated(f"uv {command} --script without packages")
    return shown, rest


def _block(text: str) -> tuple[int, int, list[str]] | None:
    """Where the ``# /// script`` block is (start, end) and its TOML lines, or None."""
    found = list(BLOCK.finditer(text))
    if not found:
        return None
    lines = [line[2:] if line.startswith("# ") else line[1:]
             for line in found[0].group("content").splitlines()]
    return found[0].start(), found[0].end() + 1, lines


def _render(lines: list[str], deps: list[str]) -> str:
    """The block with ``dependencies`` set to ``deps``, as uv writes it."""
    body = "[]" if not deps else "[\n" + "".join(f'    "{d}",\n' for d in deps) + "]"
    out = []
    for line in lines:
        out += [f"dependencies = {body}"] if line.startswith("dependencies = ") else [line]
    if not any(line.startswith("dependencies = ") for line in lines):
        out.append(f"dependencies = {body}")
    toml = "\n".join(out)
    lines = [f"# {line}\n" if line else "#\n" for line in toml.split("\n")]
    return "# /// script\n" + "".join(lines) + "# ///\n"


def _read_script(run: Run, shown: str) -> tuple[str, str]:
    path = normalize(shown, run.world.shell.cwd)
    if not run.world.fs.is_file(path):
        if run.world.fs.lexists(path):
            raise NotSimulated("uv --script with a folder")
        raise UvError(f"error: failed to read from file `{shown}`: No such file or directory (os error 2)\n")
    return path, run.world.fs.read(path)


def _toml_lines(lines: list[str]) -> list[str]:
    """The block's keys one a line (a multi-line ``dependencies`` array joined), or NotSimulated."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].startswith("dependencies = [") and not out[-1].rstrip().endswith("]"):
            out[-1] += " " + line.strip()
        elif KEY_LINE.fullmatch(line):
            out.append(line)
        else:
            raise NotSimulated("a script block uv would keep other lines of")
    return out


def _names(deps: list[str]) -> list[str]:
    from packaging.utils import canonicalize_name

    return [str(canonicalize_name(Requirement(d).name)) for d in deps]


def add_script(run: Run, argv: list[str]) -> int:
    """``uv add --script FILE PKG...``: resolve the script's new dependencies, write them."""
    from packaging.utils import canonicalize_name

    shown, args = _script_arg(argv, "add")
    path, text = _read_script(run, shown)
    meta = metadata(text)
    default = find_interpreter(run.world, None, names=("python3", "python"))
    found = _block(text)
    if found is None:
        start = text.index("\n") + 1 if text.startswith("#!") and "\n" in text else 0
        lines = [f'requires-python = ">={default.minor}"', "dependencies = []"]
        end = start
    else:
        start, end, lines = found
        lines = _toml_lines(lines)
    requires_python = (meta.requires_python if meta else None) or f">={default.minor}"
    if meta is not None and meta.requires_python is None:
        run.err(f"warning: No `requires-python` value found in the workspace. Defaulting to "
                f"`>={default.minor}`.\n")
    current = _raw_deps(lines)
    try:
        new = [Requirement(a) for a in args]
    except InvalidRequirement:
        raise NotSimulated("uv's message for that requirement") from None
    if any(r.extras or r.marker is not None or r.url for r in new):
        raise NotSimulated("uv add --script with extras, markers or URLs")
    keys = {canonicalize_name(r.name) for r in new}
    if _names(current) != sorted(_names(current)) or len(keys) != len(new):
        raise NotSimulated("uv add --script to an unsorted list, or naming a package twice")
    listed = set(_names(current))
    new = [r for r in new if r.specifier or canonicalize_name(r.name) not in listed]
    replaced: dict[str, Requirement] = {str(canonicalize_name(r.name)): r for r in new}
    final = [_entry(replaced.pop(n)) if n in replaced else d
             for d, n in zip(current, _names(current), strict=True)]
    python = _interpreter(run, requires_python)
    _universal(run, [Requirement(d) for d in final] + list(replaced.values()), requires_python)
    try:
        chosen = solve(run.world.index, [Requirement(d) for d in final] + list(replaced.values()),
                       python.version, {})
    except UvError as e:
        why = e.message[len(NO_SOLUTION):] if e.message.startswith(NO_SOLUTION) else ""
        if not re.fullmatch(r"Because \S+ was not found in the package registry and you require \S+, "
                            r"we can conclude that your requirements are unsatisfiable\.\n", why):
            raise NotSimulated("uv's explanation of a script's conflict") from None
        raise UvError("error: Failed to add dependencies\n  cause: No solution found when resolving "
                      f"dependencies\n  cause: {why}\nhint: If you want to add the package regardless of "
                      "the failed resolution, provide the `--frozen` flag to skip locking and syncing\n",
                      1) from None
    final += [_entry(req) if req.specifier else f"{key}>={chosen[key].version_text}"
              for key, req in replaced.items()]
    final.sort(key=lambda d: _names([d])[0])
    run.err(f"Resolved {plural(len(chosen))} in 3ms\n")
    block = _render(lines, final)
    run.world = run.world.with_fs(run.world.fs.write(path, text[:start] + block + text[end:]))
    return 0


def _entry(req: Requirement) -> str:
    from packaging.utils import canonicalize_name

    return f"{canonicalize_name(req.name)}{spec_text(req.specifier)}"


def _raw_deps(lines: list[str]) -> list[str]:
    """The dependency strings as written in the block."""
    for line in lines:
        if line.startswith("dependencies = "):
            value = tomllib.loads(line).get("dependencies", [])
            return [str(v) for v in value]
    return []


def _universal(run: Run, reqs: list[Requirement], requires_python: str) -> None:
    """uv resolves a script for every Python it allows: refuse what would fork on Requires-Python."""
    from packaging.utils import canonicalize_name

    allowed = re.fullmatch(r">=3\.(\d+)", requires_python.replace(" ", ""))
    todo, seen = [canonicalize_name(r.name) for r in reqs], set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        for rel in run.world.index.releases(key):
            needs = re.fullmatch(r">=3\.(\d+)", rel.requires_python.replace(" ", ""))
            covered = allowed and needs and int(needs.group(1)) <= int(allowed.group(1))
            if rel.requires_python and not covered:
                raise NotSimulated("uv's universal resolution of a script across Python versions")
            todo += [canonicalize_name(Requirement(t).name) for t in rel.requires]


def remove_script(run: Run, argv: list[str]) -> int:
    """``uv remove --script FILE NAME...``."""
    shown, args = _script_arg(argv, "remove")
    path, text = _read_script(run, shown)
    found = _block(text)
    if found is None or metadata(text) is None:
        raise NotSimulated("uv remove --script from a script without inline metadata")
    start, end, lines = found
    lines = _toml_lines(lines)
    current = _raw_deps(lines)
    from packaging.utils import canonicalize_name

    for name in args:
        if canonicalize_name(name) not in _names(current):
            raise UvError(f"error: The dependency `{name}` could not be found in `project.dependencies`\n")
    gone = {canonicalize_name(a) for a in args}
    final = [d for d, n in zip(current, _names(current), strict=True) if n not in gone]
    run.world = run.world.with_fs(run.world.fs.write(path, text[:start] + _render(lines, final) + text[end:]))
    run.err(f"Updated `{shown}`\n")
    return 0
