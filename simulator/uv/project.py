"""uv's project commands (``commands/project``): ``add remove lock sync run tree``.

A project is the folder holding ``pyproject.toml`` (the current one or a
parent). Its venv is ``.venv`` beside it, made with the interpreter
``.python-version`` asks for; ``uv.lock`` pins every package with its wheel's
sha256; ``sync`` makes the venv hold exactly what the lock says (the project
itself too, as an editable install, when it has a build system); ``run``
syncs without removing anything, quietly, then runs the command in the venv.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shlex
import tomllib
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.dist import Dist
from ..model.fs import Dir, File, FileSystem, FsError, normalize
from ..model.index import Release
from ..model.layout import INDEX_DIR
from ..model.python import dists_in, read_cfg
from ..model.world import World
from . import ephemeral, forks, script
from .discovery import (
    Environment,
    Interpreter,
    NotSimulated,
    UvError,
    active_environment,
    find_interpreter,
    pinned,
    venv_at,
)
from .forks import Fork
from .lockfile import lock_text, read_lock
from .pip import Run, cache_dir, cached_wheel, mark_wheels, plural, swap
from .resolver import INDENT, NO_SOLUTION, spec_text
from .virtualenv import missing_dirs, venv_files

NO_PROJECT = "error: No `pyproject.toml` found in current directory or any parent directory\n"
ADD_HINT = ("\nhint: If you want to add the package regardless of the failed resolution, provide the "
            "`--frozen` flag to skip locking and syncing\n")
PROJECT_KEYS = {"name", "version", "description", "readme", "requires-python", "dependencies", "scripts"}


@dataclass(frozen=True)
class Project:
    root: str
    name: str
    version: str
    requires_python_text: str
    deps: tuple[str, ...]
    dev: tuple[str, ...] | None  # None: no [dependency-groups] dev
    packaged: bool
    scripts: bool
    text: str

    @property
    def requires_python(self) -> SpecifierSet:
        return SpecifierSet(self.requires_python_text)

    @property
    def url(self) -> str:
        return f"file://{self.root}"


def find_root(run: Run) -> str | None:
    folder = run.world.shell.cwd
    while True:
        if run.world.fs.is_file(f"{folder}/pyproject.toml"):
            return folder
        if folder == "/":
            return None
        folder = posixpath.dirname(folder)


def read_project(world: World, root: str) -> Project:
    text = world.fs.read(f"{root}/pyproject.toml")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise NotSimulated("uv's message for a pyproject.toml that is not TOML") from None
    if set(data) - {"project", "build-system", "dependency-groups"}:
        raise NotSimulated("a pyproject.toml with tables other than project, build-system, dependency-groups")
    proj = data.get("project", {})
    if set(proj) - PROJECT_KEYS or not isinstance(proj.get("name"), str):
        raise NotSimulated("that [project] table")
    groups = data.get("dependency-groups", {})
    if set(groups) - {"dev"}:
        raise NotSimulated("dependency groups other than dev")
    backend = data.get("build-system", {}).get("build-backend")
    if "build-system" in data and backend != "uv_build":
        raise NotSimulated("a build backend other than uv_build")
    if not isinstance(proj.get("requires-python"), str):
        raise NotSimulated("a project without requires-python")
    deps = tuple(proj.get("dependencies", []))
    dev = tuple(groups["dev"]) if "dev" in groups else None
    for item in deps + (dev or ()):
        try:
            req = Requirement(item)
        except InvalidRequirement:
            raise NotSimulated(f"uv's message for the requirement {item!r}") from None
        if req.marker is not None or req.extras or req.url:
            raise NotSimulated("project requirements with markers, extras or URLs")
    return Project(root, canonicalize_name(proj["name"]), str(proj.get("version", "")),
                   proj["requires-python"], deps, dev, "build-system" in data,
                   bool(proj.get("scripts")), text)


def _project(run: Run) -> Project:
    root = find_root(run)
    if root is None:
        raise UvError(NO_PROJECT)
    project = read_project(run.world, root)
    if project.packaged and not project.scripts:
        raise NotSimulated("a packaged project without [project.scripts]")
    return project


def _interpreter(run: Run, project: Project) -> Interpreter:
    pin = pinned(run.world, project.root)
    if pin is not None:
        interp = find_interpreter(run.world, pin)
    else:  # uv asks for requires-python: python3, then python, on PATH
        interp = find_interpreter(run.world, None, names=("python3", "python"))
    if project.requires_python.contains(interp.version):
        return interp
    if pin is None:  # seen in real uv: the machine's one python that the project allows
        fits = []
        for minor in run.world.pythons:
            try:
                found = find_interpreter(run.world, minor)
            except (UvError, NotSimulated):
                continue
            if project.requires_python.contains(found.version):
                fits.append(found)
        if len(fits) == 1:
            return fits[0]
    raise NotSimulated("a python outside the project's requires-python")


def _venv(run: Run, project: Project, *, create: bool) -> Environment | None:
    """The project's venv, made (or remade for another python) when ``create``."""
    root = f"{project.root}/.venv"
    env = venv_at(run.world, root)
    if env is not None:  # kept when its python is what the project asks: the pin, or requires-python
        pin = pinned(run.world, project.root)
        if (env.python.minor == find_interpreter(run.world, pin).minor if pin is not None
                else project.requires_python.contains(env.python.version)):
            return env
    needed = _interpreter(run, project)
    run.err(f"Using CPython {needed.version} interpreter at: {needed.path}\n")
    if not create:
        return None
    fs = run.world.fs
    if env is not None:
        fs = fs.remove(root, recursive=True)
        run.err("Removed virtual environment at: .venv\n")
    elif fs.lexists(root):
        raise NotSimulated("a .venv that is not a venv")
    run.err("Creating virtual environment at: .venv\n")
    fs = venv_files(fs, root, needed.path, needed.version, project.name)
    run.world = run.world.with_fs(fs.put(f"{root}/.lock", File("")))
    run.events.append({"event": "venv_created", "prefix": root, "python": needed.minor})
    found = venv_at(run.world, root)
    assert found is not None
    return found


def _lock_data(run: Run, project: Project) -> str | None:
    try:
        return run.world.fs.read(f"{project.root}/uv.lock")
    except (FsError, KeyError):
        return None


def _resolve(run: Run, project: Project, python: str) -> list[Fork]:
    """Every fork's releases for the lock, the locked versions kept where they still fit."""
    old = _lock_data(run, project)
    reqs = sorted((Requirement(t) for t in project.deps + (project.dev or ())),
                  key=lambda r: canonicalize_name(r.name))
    return forks.resolve(run.world.index, reqs, project.requires_python_text,
                         None if old is None else read_lock(old), python)


def _lock_file(project: Project, found: list[Fork]) -> str:
    """The text of the lock of ``found``."""
    packages = forks.locked(project.name, project.version,
                            "editable" if project.packaged else "virtual",
                            project.deps, project.dev, found)
    marks = tuple(forks.marker(f.span) for f in found) if len(found) > 1 else ()
    return lock_text(project.requires_python_text, packages, INDEX_DIR, marks)


def _no_lock(flag: str) -> UvError:
    return UvError(f"error: Unable to find lockfile at `uv.lock`, but `{flag}` was provided. To "
                   "create a lockfile, run `uv lock` or `uv sync` without the flag.\n", 1)


def _lock(run: Run, project: Project, python: str, *, check: bool = False,
          flag: str = "--check") -> dict[str, Release]:
    """Resolve, print ``Resolved N packages``, write (or, with ``check``, compare) ``uv.lock``;
    ``flag`` is the option that asked for the check (``uv lock --check``, ``uv sync --locked``)."""
    old = _lock_data(run, project)
    if check and old is None:
        raise _no_lock(flag)
    found = _resolve(run, project, python)
    text = _lock_file(project, found)
    run.err(f"Resolved {plural(text.count(chr(10) + '[[package]]'))} in 3ms\n")
    chosen = forks.for_python(found, python)
    if check:
        if old != text:
            raise UvError(f"error: The lockfile at `uv.lock` needs to be updated, but `{flag}` was "
                          "provided.\n\nhint: To update the lockfile, run `uv lock`.\n", 1)
        return chosen
    if old != text:
        run.world = run.world.with_fs(run.world.fs.write(f"{project.root}/uv.lock", text))
    return chosen


# ---------------------------------------------------------------- installing


def _builds(world: World, project: Project) -> str:
    """Where the cache keeps what was built of this project (one folder per project)."""
    return f"{cache_dir(world)}/builds-v0/{hashlib.sha256(project.root.encode()).hexdigest()[:16]}"


def _write_pyproject(run: Run, project: Project, text: str, force: bool = False) -> Project:
    """Write ``pyproject.toml`` as uv add/remove do: a new file, so the next build is new too
    (uv keys its build cache on the file's modification time)."""
    if text == project.text and not force:
        return project  # nothing to change: uv leaves the file alone
    fs = run.world.fs.write(f"{project.root}/pyproject.toml", text)
    if fs.exists(_builds(run.world, project)):
        fs = fs.remove(_builds(run.world, project), recursive=True)
    run.world = run.world.with_fs(fs)
    return _changed(project, text)


def _build_key(project: Project) -> str:
    return hashlib.sha256((project.root + "\0" + project.text).encode()).hexdigest()[:16]


def _editable_files(project: Project, env: Environment) -> dict[str, object]:
    name, version = project.name, project.version
    info = f"{env.site}/{name.replace('-', '_')}-{version}.dist-info"
    meta = (f"Metadata-Version: 2.3\nName: {name}\nVersion: {version}\n"
            "Summary: Add your description here\n"
            + "".join(f"Requires-Dist: {d}\n" for d in project.deps)
            + f"Requires-Python: {project.requires_python_text}\n"
            "Description-Content-Type: text/markdown\n\n")
    return {
        info: Dir(),
        f"{info}/INSTALLER": File("uv"),
        f"{info}/METADATA": File(meta),
        f"{info}/RECORD": File(""),
        f"{info}/REQUESTED": File(""),
        f"{info}/WHEEL": File("Wheel-Version: 1.0\nGenerator: uv 0.13.8\nRoot-Is-Purelib: true\n"
                              "Tag: py3-none-any\n"),
        f"{info}/direct_url.json": File(f'{{"url":"{project.url}","dir_info":{{"editable":true}}}}'),
        f"{info}/entry_points.txt": File(f"[console_scripts]\n{name} = {name}:main\n\n"),
        f"{info}/uv_build.json": File("{}"),
        f"{info}/uv_cache.json": File(_build_key(project)),
        f"{env.site}/{name.replace('-', '_')}.pth": File(f"{project.root}/src"),
        f"{env.root}/bin/{name}": File(
            f"#!{env.root}/bin/python\n# -*- coding: utf-8 -*-\nimport sys\nfrom {name} import main\n"
            'if __name__ == "__main__":\n    if sys.argv[0].endswith("-script.pyw"):\n'
            "        sys.argv[0] = sys.argv[0][:-11]\n"
            '    elif sys.argv[0].endswith(".exe"):\n        sys.argv[0] = sys.argv[0][:-4]\n'
            "    sys.exit(main())\n", True),
    }


def _seeds(fs: FileSystem, env: Environment) -> tuple[str, ...]:
    """What an exact sync leaves in place (uv's ``is_seed_package``): pip, and before 3.12
    setuptools and wheel, unless uv made the venv without ``--seed``."""
    cfg = read_cfg(fs, f"{env.root}/pyvenv.cfg")
    if "uv" in cfg and cfg.get("seed") != "true":
        return ()
    major, minor = (int(x) for x in env.python.minor.split("."))
    return ("uv", "pip") if (major, minor) >= (3, 12) else ("pip", "setuptools", "wheel", "uv")


def _sync(run: Run, project: Project, env: Environment, chosen: dict[str, Release], *,
          exact: bool, quiet: bool) -> None:
    """Make ``env`` hold the lock's packages; ``quiet`` (uv run) prints only the counts."""
    world = run.world
    fs = world.fs
    installed: dict[str, Dist] = {str(d.key): d for d in dists_in(fs, env.site)}
    me = installed.get(project.name)
    target = {k: r for k, r in chosen.items()}
    adds = [r for k, r in target.items() if k not in installed or installed[k].version != r.version]
    removes: list[Dist] = [installed[r.key] for r in adds if r.key in installed]
    if exact:
        keep = _seeds(fs, env)
        removes += [d for k, d in installed.items()
                    if k not in target and k != project.name and k not in keep]
    build = False
    project_change = ""
    if project.packaged:
        marker = f"{_builds(world, project)}/{_build_key(project)}"
        # A pyproject.toml written again (even unchanged, by a failed uv add) is a new file.
        fresh = (me is not None and fs.read(f"{me.dist_info}/uv_cache.json") == _build_key(project)
                 and fs.exists(marker))
        if not fresh:
            build = not fs.exists(marker)
            if build:
                fs = fs.put_many(missing_dirs(fs, posixpath.dirname(marker))).put(marker, Dir())
            project_change = "~" if me is not None else "+"
            if me is not None:
                removes.append(me)
    elif me is not None:
        raise NotSimulated("a virtual project installed in its own venv")
    cache = cache_dir(world)
    cached = [r for r in adds if fs.exists(cached_wheel(cache, r))]
    prepared = len(adds) - len(cached) + (1 if build else 0)
    fs = mark_wheels(fs, cache, adds)
    if build:
        run.err(f"   Building {project.name} @ {project.url}\n      Built {project.name} @ {project.url}\n")
    count = len(adds) + (1 if project_change else 0)
    if prepared and not quiet:
        run.err(f"Prepared {plural(prepared)} in 5ms\n")
    if me is not None and me in removes:
        fs = fs.remove(f"{env.site}/{project.name.replace('-', '_')}.pth")
        fs = fs.remove(f"{env.root}/bin/{project.name}")
    fs = swap(run, fs, env, removes, adds)
    if project_change:
        fs = fs.put_many(_editable_files(project, env))  # type: ignore[arg-type]
        run.events.append({"event": "installed", "prefix": env.root, "name": project.name,
                           "version": project.version})
    if count:
        run.err(f"Installed {plural(count)} in 2ms\n")
    elif not removes and not quiet:
        checked = len(target) + (1 if project.packaged else 0)
        run.err(f"Checked {plural(checked)} in 0.1ms\n" if checked else "Checked in 0.00ms\n")
    run.world = world.with_fs(fs)
    if quiet:
        return
    lines = []
    gone: dict[str, Dist] = {str(d.key): d for d in removes if d.key != project.name}
    for key in sorted(set(gone) | {r.key for r in adds} | ({project.name} if project_change else set())):
        if key == project.name and project_change:
            lines.append(f" {project_change} {key}=={project.version} (from {project.url})\n")
            continue
        if key in gone:
            lines.append(f" - {key}=={gone[key].version_text}\n")
        if key in target and any(r.key == key for r in adds):
            lines.append(f" + {key}=={target[key].version_text}\n")
    run.err("".join(lines))


# ---------------------------------------------------------------- the commands


def _locked_only(run: Run, check: bool = False) -> tuple[Project, dict[str, Release]]:
    """Lock without touching the venv (``uv lock``, ``uv tree``)."""
    project = _project(run)
    env = _venv(run, project, create=False)
    python = env.python.version if env else _interpreter(run, project).version
    return project, _lock(run, project, python, check=check)


def lock(run: Run, argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        raise NotSimulated(f"uv lock {' '.join(argv)}")
    _locked_only(run, check=bool(argv))
    return 0


def sync(run: Run, argv: list[str], project: Project | None = None, exact: bool = True,
         dev: bool = True) -> int:
    """``uv sync``: lock, then make the venv hold exactly the lock (``project``: as just edited).

    After ``uv add`` (seen in real uv): what the lock does not name stays (not ``exact``), and
    the dev group is installed only by ``uv add --dev`` (``dev``)."""
    if argv not in ([], ["--locked"], ["--frozen"]):
        raise NotSimulated(f"uv sync {' '.join(argv)}")
    project = project or _project(run)
    if argv == ["--frozen"]:  # the lock as it is, not resolved again nor checked
        chosen = _frozen(run, project)
        env = _venv(run, project, create=True)
    else:
        env = _venv(run, project, create=True)
        assert env is not None
        chosen = _lock(run, project, env.python.version, check=bool(argv), flag="--locked")
    assert env is not None
    if not dev:
        chosen = _without_dev(run.world.index, project, chosen)
    _sync(run, project, env, chosen, exact=exact, quiet=False)
    return 0


def _frozen(run: Run, project: Project) -> dict[str, Release]:
    """The releases ``uv.lock`` pins for the project's python (a forked lock: the pins of
    its fork), the project itself aside (``uv sync --frozen``)."""
    text = _lock_data(run, project)
    if text is None:
        raise _no_lock("--frozen")
    python = _interpreter(run, project).version
    chosen: dict[str, Release] = {}
    for pin in read_lock(text).packages:
        if pin.source != "registry" or not pin.applies(python):
            continue
        rel = next((r for r in run.world.index.releases(pin.name) if r.version_text == pin.version), None)
        if rel is None:
            raise NotSimulated("uv sync --frozen of a lock naming a release the index lacks")
        chosen[pin.name] = rel
    return chosen


def _without_dev(index: object, project: Project, chosen: dict[str, Release]) -> dict[str, Release]:
    """What the project's own dependencies need, of a resolution that has the dev group too."""
    keep: set[str] = set()
    todo = [canonicalize_name(Requirement(t).name) for t in project.deps]
    while todo:
        key = todo.pop()
        if key not in keep and key in chosen:
            keep.add(key)
            todo += [canonicalize_name(Requirement(t).name) for t in chosen[key].requires]
    return {k: r for k, r in chosen.items() if k in keep}


def _edit_list(text: str, table: str, key: str, items: list[str]) -> str:
    """``text`` with ``key = [...]`` of ``[table]`` set to ``items``, as uv formats it."""
    body = "[]" if not items else "[\n" + "".join(f'    "{i}",\n' for i in items) + "]"
    header = f"[{table}]\n"
    start = text.find(header)
    if start < 0:
        if table != "dependency-groups":
            raise NotSimulated(f"a pyproject.toml without [{table}]")
        return text + f"\n{header}{key} = {body}\n"
    end = text.find("\n[", start + len(header))
    end = len(text) if end < 0 else end + 1
    section = text[start:end]
    m = re.search(rf'^{re.escape(key)} = (\[\]|\[\n(?:    "[^"\n]*",\n)*\])\n', section, re.M)
    if m is None:
        raise NotSimulated(f"a {key} list that uv would reformat")
    section = section[: m.start()] + f"{key} = {body}\n" + section[m.end():]
    return text[:start] + section + text[end:]


def _changed(project: Project, text: str) -> Project:
    from dataclasses import replace

    data = tomllib.loads(text)
    dev = data.get("dependency-groups", {}).get("dev")
    return replace(project, deps=tuple(data["project"].get("dependencies", [])),
                   dev=None if dev is None else tuple(dev), text=text)


def _options(argv: list[str], command: str) -> tuple[list[str], bool]:
    dev = "--dev" in argv
    args = [a for a in argv if a != "--dev"]
    for a in args:
        if a.startswith("-"):
            raise NotSimulated(f"uv {command} {a}")
    return args, dev


def add(run: Run, argv: list[str]) -> int:
    args, dev = _options(argv, "add")
    if not args:
        raise NotSimulated("uv add without packages")
    project = _project(run)
    try:
        new = [Requirement(a) for a in args]
    except InvalidRequirement:
        raise NotSimulated("uv's message for that requirement") from None
    current = list(project.dev or () if dev else project.deps)
    if current != sorted(current, key=lambda t: canonicalize_name(Requirement(t).name)):
        raise NotSimulated("uv add to a list that is not sorted")
    new = list({str(r): r for r in new}.values())  # the same requirement twice is one
    if len({canonicalize_name(r.name) for r in new}) != len(new):
        raise NotSimulated("uv add naming a package twice")
    # A package already listed keeps its entry when added again without a specifier.
    listed = {canonicalize_name(Requirement(t).name) for t in current}
    new = [r for r in new if r.specifier or canonicalize_name(r.name) not in listed]
    names = {canonicalize_name(r.name) for r in new}
    kept = [t for t in current if canonicalize_name(Requirement(t).name) not in names]
    trial = kept + [str(r) for r in new]
    base = _changed(project, project.text)
    trial_project = (base.__class__(**{**base.__dict__, "dev": tuple(trial)}) if dev
                     else base.__class__(**{**base.__dict__, "deps": tuple(trial)}))
    env = _venv(run, project, create=True)
    assert env is not None
    try:
        found = _resolve(run, trial_project, env.python.version)
    except forks.ForkFailed as e:
        if dev or project.dev is not None:
            raise NotSimulated("uv's report of a fork failing in a project with a dev group") from None
        active = Version(env.python.version)
        hint = e.hint
        if not (e.span.lo <= active and (e.span.hi is None or active < e.span.hi)):
            hint = (f"\nhint: While the active Python version is {env.python.minor}, the resolution failed "
                    "for other Python versions supported by your project. Consider limiting your "
                    "project's supported Python versions using `requires-python`.\n" + hint)
        _write_pyproject(run, project, project.text, force=True)
        raise UvError("error: Failed to add dependencies\n  cause: No solution found when resolving "
                      f"dependencies for split (markers: {e.split})\n  cause: {e.why}{hint}{ADD_HINT}",
                      1) from None
    except UvError as e:
        if not e.message.startswith(NO_SOLUTION):
            raise
        # uv wrote pyproject.toml before resolving and puts it back: a new file all the same.
        _write_pyproject(run, project, project.text, force=True)
        why = e.message[len(NO_SOLUTION):]
        missing = re.fullmatch(r"Because (\S+) was not found in the package registry and you require "
                               r"(\S+), we can conclude that your requirements are unsatisfiable.\n", why)
        if dev and missing and missing.group(1) in names:
            group = f"{project.name}:dev"
            why = (f"Because {missing.group(1)} was not found in the package registry and {group} "
                   f"depends on {missing.group(2)}, we can conclude that {group}'s requirements are "
                   f"unsatisfiable.\n{INDENT}And because your project requires {group}, we can "
                   "conclude that your project's requirements are unsatisfiable.\n")
        elif dev or (project.dev and not missing):
            raise NotSimulated("uv's explanation of a failure involving a dependency group") from None
        else:
            why = why.replace("you require", "your project depends on").replace(
                "your requirements are unsatisfiable", "your project's requirements are unsatisfiable")
        raise UvError("error: Failed to add dependencies\n  cause: No solution found when resolving "
                      f"dependencies\n  cause: {why}{ADD_HINT}", 1) from None
    final = kept + [
        f"{canonicalize_name(r.name)}{spec_text(r.specifier)}" if r.specifier
        else f"{canonicalize_name(r.name)}>={_lowest(found, canonicalize_name(r.name))}"
        for r in new
    ]
    final.sort(key=lambda t: canonicalize_name(Requirement(t).name))
    table, key = ("dependency-groups", "dev") if dev else ("project", "dependencies")
    text = _edit_list(project.text, table, key, final)
    return sync(run, [], _write_pyproject(run, project, text), exact=False, dev=dev)


def _lowest(found: list[Fork], key: str) -> str:
    """The oldest version the forks chose for ``key`` (what ``uv add`` writes as its bound)."""
    return min((f.chosen[key] for f in found), key=lambda r: r.version).version_text


def remove(run: Run, argv: list[str]) -> int:
    args, dev = _options(argv, "remove")
    if not args:
        raise NotSimulated("uv remove without packages")
    project = _project(run)
    current = list(project.dev or () if dev else project.deps)
    other = list(project.deps if dev else project.dev or ())
    for a in args:
        if not any(canonicalize_name(Requirement(t).name) == canonicalize_name(a) for t in current):
            where = ("`tool.uv.dev-dependencies` or `tool.uv.dependency-groups.dev`" if dev
                     else "`project.dependencies`")
            hint = ""
            if any(canonicalize_name(Requirement(t).name) == canonicalize_name(a) for t in other):
                if not dev:
                    raise NotSimulated("uv's hint for removing a dev dependency without --dev")
                hint = f"\nhint: `{a}` is a production dependency\n"
            raise UvError(f"error: The dependency `{a}` could not be found in {where}\n{hint}")
    gone = {canonicalize_name(a) for a in args}
    final = [t for t in current if canonicalize_name(Requirement(t).name) not in gone]
    table, key = ("dependency-groups", "dev") if dev else ("project", "dependencies")
    text = _edit_list(project.text, table, key, final)
    return sync(run, [], _write_pyproject(run, project, text))


def tree(run: Run, argv: list[str]) -> int:
    if argv:
        raise NotSimulated(f"uv tree {' '.join(argv)}")
    project, chosen = _locked_only(run)
    lines = [f"{project.name} v{project.version}\n"]
    tops = sorted(canonicalize_name(Requirement(t).name) for t in project.deps)
    dev = sorted(canonicalize_name(Requirement(t).name) for t in project.dev or ())
    items = [(k, "") for k in tops] + [(k, " (group: dev)") for k in dev]
    shown: set[str] = set()
    repeated = False

    def walk(key: str, note: str, prefix: str, last: bool) -> None:
        nonlocal repeated
        rel = chosen[key]
        kids = sorted({canonicalize_name(Requirement(t).name) for t in rel.requires})
        branch = f"{prefix}{'└── ' if last else '├── '}{key} v{rel.version_text}{note}"
        if kids and key in shown:  # uv shows a subtree once, then marks it
            lines.append(branch + " (*)\n")
            repeated = True
            return
        shown.add(key)
        lines.append(branch + "\n")
        for i, kid in enumerate(kids):
            walk(kid, "", prefix + ("    " if last else "│   "), i == len(kids) - 1)

    for i, (key, note) in enumerate(items):
        walk(key, note, "", i == len(items) - 1)
    if repeated:
        lines.append("(*) Package tree already displayed\n")
    run.out("".join(lines))
    return 0


def run_command(run: Run, argv: list[str]) -> int:
    """``uv run [--with PKG] COMMAND...``: sync the project quietly, then run the command in its
    venv (or, outside a project, in the active venv or a ``.venv`` here or above, else with the
    interpreter's own packages), under an overlay
    holding the ``--with`` packages when the base lacks them (``ephemeral``)."""
    opts = ephemeral.parse_run(argv)
    if not opts.command:
        raise NotSimulated("uv run without a command")
    reqs = ephemeral.requirements(run, opts)
    root = find_root(run)
    meta = _inline_metadata(run, opts.command[0])
    if opts.script and meta is None:
        raise NotSimulated("uv run --script of a file without inline metadata")
    if opts.no_project and root is not None and meta is None:
        raise NotSimulated("uv run --no-project in a project")
    project_venv = None
    if meta is not None:  # a script with inline metadata: its own venv, any project ignored
        base = script.script_environment(run, normalize(opts.command[0], run.world.shell.cwd), meta)
        real = run.world.fs.resolve(f"{base.root}/bin/python")
        project_venv = base.root
    elif root is not None:
        project = _project(run)
        env = _venv(run, project, create=True)
        assert env is not None
        found = _resolve(run, project, env.python.version)
        chosen = forks.for_python(found, env.python.version)
        text = _lock_file(project, found)
        if _lock_data(run, project) != text:
            run.world = run.world.with_fs(run.world.fs.write(f"{project.root}/uv.lock", text))
        _sync(run, project, env, chosen, exact=False, quiet=True)
        project_venv = env.root
        base = env
        real = run.world.fs.resolve(f"{env.root}/bin/python")
    elif (around := _around(run)) is not None:  # VIRTUAL_ENV, else a .venv up
        base, project_venv = around, around.root
        real = run.world.fs.resolve(f"{around.root}/bin/python")
    else:
        interp = find_interpreter(run.world, pinned(run.world, run.world.shell.cwd),
                                  names=("python3", "python"))
        real = run.world.fs.resolve(interp.path)
        base = Environment(posixpath.dirname(posixpath.dirname(real)), interp, False)
    bins = [f"{project_venv}/bin"] if project_venv else []
    virtual_env, top = project_venv, None
    if reqs and not ephemeral.satisfied(run, base, reqs):
        python = Interpreter(real, base.python.version)
        cached, _ = ephemeral.cached_environment(run, python, reqs)
        top = ephemeral.overlay(run, base, python, cached, f"{run.world.shell.cwd} {argv}")
        bins = [f"{top}/bin", f"{cached}/bin", *bins]
        virtual_env = top
    try:
        return _exec(run, bins, virtual_env, project_venv, opts.command)
    finally:
        if top is not None and run.world.fs.lexists(top):
            run.world = run.world.with_fs(run.world.fs.remove(top, recursive=True))


def _around(run: Run) -> Environment | None:
    """The venv ``uv run`` uses outside a project: the active one, else a ``.venv`` here or
    above, unless a ``.python-version`` asks for another Python (then uv skips the ``.venv``)."""
    env = active_environment(run.world)
    pin = pinned(run.world, run.world.shell.cwd)
    if env is None or pin is None:
        return env
    if not re.fullmatch(r"3\.\d+", pin) or run.world.shell.env.get("VIRTUAL_ENV"):
        raise NotSimulated("uv run beside a venv under that .python-version")
    return env if env.python.minor == pin else None


def _inline_metadata(run: Run, target: str) -> script.Metadata | None:
    """A ``.py`` file's ``# /// script`` block (``uv run script.py``), or None."""
    path = normalize(target, run.world.shell.cwd)
    if not target.endswith(".py") or not run.world.fs.is_file(path):
        return None
    return script.metadata(run.world.fs.read(path))


def _exec(run: Run, bins: list[str], virtual_env: str | None, project_venv: str | None,
          argv: list[str]) -> int:
    """Run ``argv`` with ``bins`` first on ``PATH`` and ``VIRTUAL_ENV`` set (when not None)."""
    from ..shell.run import find_command, run_line

    world = run.world
    saved = world.shell
    if argv[0].endswith(".py") and world.fs.is_file(posixpath.join(world.shell.cwd, argv[0])):
        argv = ["python", *argv]  # a script that is there; any other name is a command
    shell = saved
    if virtual_env is not None:
        path = ":".join([*bins, saved.env.get("PATH", "")])
        shell = shell.with_env(PATH=path, VIRTUAL_ENV=virtual_env)
        shell = shell.export("PATH", "VIRTUAL_ENV").forget()
    world = world.with_shell(shell)
    found = find_command(world, argv[0])
    if found is None:
        raise UvError(f"error: Failed to spawn: {argv[0]}\n  cause: No such file or directory (os error 2)\n")
    if project_venv is not None and found == f"{project_venv}/bin/{posixpath.basename(found)}" and not \
            posixpath.basename(found).startswith("python"):
        raise NotSimulated("running a project's own script")
    script = next((a for a in argv[1:2] if a.endswith(".py")), None) if argv[0].startswith("python") else None
    if script is not None:
        try:
            code = world.fs.read(posixpath.join(world.shell.cwd, script))
        except (FsError, KeyError):
            code = ""
        if re.search(r"^\s*def ", code, re.M):
            raise NotSimulated("running a script that defines functions")
    result = run_line(world, shlex.join(argv))
    run.chunks += result.chunks
    run.events += result.events
    run.world = result.world.with_shell(saved)
    return result.code
