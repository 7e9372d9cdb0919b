"""``uv pip install | uninstall | list | freeze | show | check | tree`` (uv's ``commands/pip``).

uv writes its summaries ("Resolved 2 packages in 3ms", `` + appa==1.0``) to
stderr and its listings to stdout. Durations are printed as plausible fixed
values; comparisons with reality treat any duration as equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model.dist import Dist
from ..model.fs import File, FileSystem, FsError, normalize
from ..model.index import Release
from ..model.python import dists_in
from ..model.world import World, record, release_files
from ..pip.context import _remove_dist
from .discovery import Environment, NotSimulated, UvError, find_environment, report
from .resolver import solve, spec_text
from .virtualenv import missing_dirs

Chunks = list[tuple[int, str]]
INSTALL_USAGE = (
    "error: the following required arguments were not provided:\n"
    "  <PACKAGE|--requirements <REQUIREMENTS>|--editable <EDITABLE>|--group <GROUP>>\n\n"
    "Usage: uv pip install --cache-dir <CACHE_DIR> <PACKAGE|--requirements <REQUIREMENTS>|"
    "--editable <EDITABLE>|--group <GROUP>>\n\nFor more information, try '--help'.\n"
)
UNINSTALL_USAGE = (
    "error: the following required arguments were not provided:\n"
    "  <PACKAGE|--requirements <REQUIREMENTS>>\n\n"
    "Usage: uv pip uninstall --cache-dir <CACHE_DIR> <PACKAGE|--requirements <REQUIREMENTS>>\n\n"
    "For more information, try '--help'.\n"
)


def plural(n: int, word: str = "package") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class Run:
    """One uv process: the world it changes and what it printed."""

    world: World
    chunks: Chunks = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quiet: bool = False

    def out(self, text: str) -> None:
        if text:
            self.chunks.append((1, text))

    def err(self, text: str, always: bool = False) -> None:
        if text and (always or not self.quiet):
            self.chunks.append((2, text))


@dataclass
class Options:
    """The options of one ``uv pip`` subcommand that venvsim knows."""

    args: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    system: bool = False
    python: str | None = None
    upgrade: bool = False
    reinstall: bool = False
    format: str = "columns"
    flags: set[str] = field(default_factory=set)


VALUE_FLAGS = {"-r": "requirements", "--requirements": "requirements", "--requirement": "requirements",
               "-p": "python", "--python": "python", "--format": "format"}
BOOL_FLAGS = {"--system": "system", "-U": "upgrade", "--upgrade": "upgrade",
              "--reinstall": "reinstall", "--force-reinstall": "reinstall"}


def parse_options(argv: list[str], allowed: set[str]) -> Options:
    """Options and arguments; an unknown flag is not simulated (one line, exit 2)."""
    opts = Options()
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg.startswith("-r") and len(arg) > 2 and not arg.startswith("--"):
            name, eq, value = "-r", "=", arg[2:]
        if name in VALUE_FLAGS and name in allowed:
            if not eq:
                i += 1
                if i >= len(argv):
                    raise NotSimulated(f"uv pip {name} without a value")
                value = argv[i]
            key = VALUE_FLAGS[name]
            if key == "requirements":
                opts.requirements.append(value)
            else:
                setattr(opts, key, value)
        elif arg in BOOL_FLAGS and arg in allowed:
            setattr(opts, BOOL_FLAGS[arg], True)
        elif arg in ("-q", "--quiet"):
            opts.flags.add("-q")
        elif arg in allowed:
            opts.flags.add(arg)
        elif arg.startswith("-"):
            raise NotSimulated(f"the option {arg}")
        else:
            opts.args.append(arg)
        i += 1
    return opts


def file_requirements(content: str) -> list[str]:
    """The requirements a requirements file lists (comments and blank lines aside)."""
    texts = []
    for line in content.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("-"):
            raise NotSimulated(f"the requirements-file line {line!r}")
        if line and not line.startswith("#"):
            texts.append(line)
    return texts


def _requirements(run: Run, opts: Options) -> list[Requirement]:
    texts = list(opts.args)
    for path in opts.requirements:
        full = normalize(path, run.world.shell.cwd)
        try:
            content = run.world.fs.read(full)
        except (FsError, KeyError):
            raise UvError(f"error: File not found: {path}\n") from None
        texts += file_requirements(content)
    reqs = []
    for text in texts:
        try:
            reqs.append(Requirement(text))
        except InvalidRequirement:
            raise NotSimulated(f"uv's message for the invalid requirement {text!r}") from None
    return reqs


def cache_dir(world: World) -> str:
    env = world.shell.env
    if env.get("UV_CACHE_DIR"):
        return normalize(env["UV_CACHE_DIR"], world.shell.cwd)
    if env.get("XDG_CACHE_HOME"):
        return normalize(env["XDG_CACHE_HOME"], world.shell.cwd) + "/uv"
    return env.get("HOME", world.home) + "/.cache/uv"


def cached_wheel(cache: str, rel: Release) -> str:
    """Where uv keeps a wheel it downloaded (in the simulation, a folder marks it)."""
    return f"{cache}/wheels-v5/{rel.filename}"


def mark_wheels(fs: FileSystem, cache: str, releases: list[Release]) -> FileSystem:
    """The wheels uv downloaded, kept in its cache (a later install prepares them no more)."""
    for rel in releases:
        mark = cached_wheel(cache, rel)
        if not fs.lexists(mark):
            fs = fs.put_many(missing_dirs(fs, mark))
    return fs


def _installed(world: World, env: Environment) -> dict[str, Dist]:
    return {d.key: d for d in dists_in(world.fs, env.site)}


def _satisfied(index_less: dict[str, Dist], reqs: list[Requirement]) -> bool:
    """Whether what is installed already meets ``reqs`` and their dependencies."""
    seen: set[str] = set()
    todo = list(reqs)
    while todo:
        req = todo.pop()
        key = canonicalize_name(req.name)
        dist = index_less.get(key)
        if dist is None or not req.specifier.contains(dist.version, prereleases=True):
            return False
        if key not in seen:
            seen.add(key)
            todo += [Requirement(r) for r in dist.requires]
    return True


def uv_dist_files(site: str, rel: Release, python: str = "") -> dict[str, Any]:
    """What uv installs of ``rel`` into ``site``; console scripts (``#!`` ``python``) with one."""
    nodes: dict[str, Any] = dict(release_files(site, rel, python=python, tool="uv"))
    info = next(p for p in nodes if p.endswith(".dist-info"))
    nodes[f"{info}/INSTALLER"] = File("uv")
    nodes[f"{info}/REQUESTED"] = File("")
    nodes[f"{info}/WHEEL"] = File(
        "Wheel-Version: 1.0\nGenerator: venvsim-verify\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    nodes[f"{info}/uv_cache.json"] = File("")
    nodes[f"{info}/RECORD"] = record(site, info, nodes)
    return nodes


def swap(run: Run, fs: FileSystem, env: Environment, removes: list[Dist],
         adds: list[Release], scripts: bool = True) -> FileSystem:
    """Uninstall ``removes`` (saying how many), then put ``adds`` into ``env`` (with their
    console scripts unless ``scripts`` is false: a cached environment's are not simulated)."""
    for dist in removes:
        fs = _remove_dist(fs, dist)
        run.events.append({"event": "uninstalled", "prefix": env.root, "name": dist.key,
                           "version": dist.version_text})
    if removes:
        run.err(f"Uninstalled {plural(len(removes))} in 1ms\n")
    for rel in adds:
        fs = fs.put_many(uv_dist_files(env.site, rel, f"{env.root}/bin/python" if scripts else ""))
        run.events.append({"event": "installed", "prefix": env.root, "name": rel.key,
                           "version": rel.version_text})
    return fs


def _target(run: Run, opts: Options, usage: str) -> tuple[Environment, dict[str, Dist]] | None:
    """The environment a changing command works on and what it holds; None: usage printed."""
    if not opts.args and not opts.requirements:
        run.err(usage, always=True)
        return None
    env = find_environment(run.world, system=opts.system, python=opts.python, changes=True)
    run.err(report(run.world, env))
    return env, _installed(run.world, env)


def install(run: Run, opts: Options) -> int:
    target = _target(run, opts, INSTALL_USAGE)
    if target is None:
        return 2
    env, installed = target
    world = run.world
    reqs = _requirements(run, opts)
    if not opts.upgrade and not opts.reinstall and _satisfied(installed, reqs):
        run.err(f"Checked {plural(len(reqs))} in 1ms\n")
        return 0
    # --upgrade and --reinstall (seen in real uv) let go of the installed versions.
    prefs = {} if opts.upgrade or opts.reinstall else {k: d.version for k, d in installed.items()}
    chosen = solve(world.index, reqs, env.python.version, prefs)
    run.err(f"Resolved {plural(len(chosen))} in 3ms\n")
    adds = [r for k, r in chosen.items()
            if opts.reinstall or k not in installed or installed[k].version != r.version]
    if not adds:
        run.err(f"Checked {plural(len(chosen))} in 0.05ms\n")
        return 0
    removes = [installed[r.key] for r in adds if r.key in installed]
    fresh = opts.reinstall or opts.upgrade  # uv prepares every wheel again then
    cache = cache_dir(world)
    prepared = [r for r in adds if fresh or not world.fs.exists(cached_wheel(cache, r))]
    fs = mark_wheels(world.fs, cache, prepared)
    if prepared:
        run.err(f"Prepared {plural(len(prepared))} in 5ms\n")
    fs = swap(run, fs, env, removes, adds)
    run.err(f"Installed {plural(len(adds))} in 2ms\n")
    lines = []
    for rel in sorted(adds, key=lambda r: r.key):
        old = installed.get(rel.key)
        if old is not None and old.version == rel.version:
            lines.append(f" ~ {rel.key}=={rel.version_text}\n")
            continue
        if old is not None:
            lines.append(f" - {old.key}=={old.version_text}\n")
        lines.append(f" + {rel.key}=={rel.version_text}\n")
    run.err("".join(lines))
    run.world = world.with_fs(fs)
    return 0


def uninstall(run: Run, opts: Options) -> int:
    target = _target(run, opts, UNINSTALL_USAGE)
    if target is None:
        return 2
    env, installed = target
    world = run.world
    names = list(dict.fromkeys(canonicalize_name(r.name) for r in _requirements(run, opts)))
    missing = [n for n in names if n not in installed]
    gone = sorted({n for n in names if n in installed})
    for name in sorted(missing):
        run.err(f"warning: Skipping {name} as it is not installed\n")
    if not gone:
        run.err("warning: No packages to uninstall\n")
        return 0
    fs = world.fs
    for name in gone:
        dist = installed[name]
        fs = _remove_dist(fs, dist)
        run.events.append({"event": "uninstalled", "prefix": env.root, "name": dist.key,
                           "version": dist.version_text})
    run.err(f"Uninstalled {plural(len(gone))} in 1ms\n")
    run.err("".join(f" - {n}=={installed[n].version_text}\n" for n in gone))
    run.world = world.with_fs(fs)
    return 0


def _read_env(run: Run, opts: Options) -> tuple[Environment, list[Dist]]:
    env = find_environment(run.world, system=opts.system, python=opts.python, changes=False)
    run.err(report(run.world, env))
    return env, sorted(_installed(run.world, env).values(), key=lambda d: d.key)


def pip_list(run: Run, opts: Options) -> int:
    if opts.args:
        raise NotSimulated("uv pip list with arguments")
    _, dists = _read_env(run, opts)
    if opts.format == "freeze":
        run.out("".join(f"{d.key}=={d.version_text}\n" for d in dists))
        return 0
    if opts.format != "columns":
        raise NotSimulated(f"uv pip list --format {opts.format}")
    if not dists:
        return 0
    editable = {d.key: _editable(run.world, d) for d in dists}
    rows = [["Package", "Version"]] + [[d.key, d.version_text] for d in dists]
    if any(editable.values()):
        rows[0].append("Editable project location")
        for row, d in zip(rows[1:], dists, strict=True):
            row.append(editable[d.key] or "")
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    rows.insert(1, ["-" * w for w in widths])
    run.out("".join(" ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n"
                    for r in rows))
    return 0


def _editable(world: World, d: Dist) -> str | None:
    """The project folder of an editable install (its ``direct_url.json``), or None."""
    try:
        text = world.fs.read(f"{d.dist_info}/direct_url.json")
    except (FsError, KeyError):
        return None
    m = re.fullmatch(r'\{"url":"file://([^"]+)","dir_info":\{"editable":true\}\}', text)
    return m.group(1) if m else None


def freeze(run: Run, opts: Options) -> int:
    if opts.args:
        raise NotSimulated("uv pip freeze with arguments")
    _, dists = _read_env(run, opts)
    lines = []
    for d in dists:
        where = _editable(run.world, d)
        lines.append(f"-e file://{where}\n" if where else f"{d.key}=={d.version_text}\n")
    run.out("".join(lines))
    return 0


def _requires(d: Dist) -> list[str]:
    return [canonicalize_name(Requirement(r).name) for r in d.requires]


def show(run: Run, opts: Options) -> int:
    env, dists = _read_env(run, opts)
    by_key = {d.key: d for d in dists}
    wanted = [canonicalize_name(a) for a in opts.args]
    missing = [w for w in wanted if w not in by_key]
    if missing:
        run.err(f"warning: Package(s) not found for: {', '.join(missing)}\n", always=True)
        if len(missing) > 1:
            raise NotSimulated("uv pip show of several missing packages")
        if len(missing) == len(wanted):
            return 1
    blocks = []
    for key in wanted:
        if key not in by_key:
            continue
        d = by_key[key]
        users = sorted(o.key for o in dists if key in _requires(o))
        blocks.append(
            f"Name: {d.key}\nVersion: {d.version_text}\nLocation: {env.site}\n"
            + (f"Editable project location: {_editable(run.world, d)}\n" if _editable(run.world, d) else "")
            + f"Requires: {', '.join(sorted(_requires(d)))}".rstrip() + "\n"
            + f"Required-by: {', '.join(users)}".rstrip() + "\n"
        )
    run.out("---\n".join(blocks))
    return 0


def check(run: Run, opts: Options) -> int:
    _, dists = _read_env(run, opts)
    by_key = {d.key: d for d in dists}
    problems = []
    for d in dists:
        for text in d.requires:
            req = Requirement(text)
            dep = by_key.get(canonicalize_name(req.name))
            if req.marker is not None or req.extras:
                raise NotSimulated("uv pip check with markers or extras")
            if dep is None:
                problems.append(
                    f"The package `{d.key}` requires `{canonicalize_name(req.name)}"
                    f"{spec_text(req.specifier)}`, but it's not installed\n"
                )
            elif not req.specifier.contains(dep.version, prereleases=True):
                problems.append(
                    f"The package `{d.key}` requires `{canonicalize_name(req.name)}"
                    f"{spec_text(req.specifier)}`, but `{dep.version_text}` is installed\n"
                )
    run.err(f"Checked {plural(len(dists))} in 0.2ms\n")
    if not problems:
        run.out("All installed packages are compatible\n")
        return 0
    if len(problems) > 1:
        raise NotSimulated("the order of several problems in uv pip check")
    run.out("Found 1 incompatibility\n")
    run.out("".join(problems))
    return 1


def _held(d: Dist, by_key: dict[str, Dist]) -> list[Dist]:
    """What ``d`` requires that is installed at a version meeting the requirement (uv shows
    only those)."""
    kids = []
    for text in d.requires:
        req = Requirement(text)
        kid = by_key.get(canonicalize_name(req.name))
        if kid is not None and req.specifier.contains(kid.version, prereleases=True):
            kids.append(kid)
    return kids


def tree(run: Run, opts: Options) -> int:
    _, dists = _read_env(run, opts)
    by_key: dict[str, Dist] = {str(d.key): d for d in dists}
    needed = {kid.key for d in dists for kid in _held(d, by_key)}
    lines: list[str] = []
    shown: set[str] = set()

    def walk(d: Dist, prefix: str) -> None:
        kids = _held(d, by_key)
        for i, kid in enumerate(kids):
            last = i == len(kids) - 1
            branch = f"{prefix}{'└── ' if last else '├── '}{kid.key} v{kid.version_text}"
            if _held(kid, by_key) and kid.key in shown:
                raise NotSimulated("uv pip tree's marks for a repeated subtree")
            shown.add(kid.key)
            lines.append(branch + "\n")
            walk(kid, prefix + ("    " if last else "│   "))

    for d in dists:
        if d.key in needed:
            continue
        lines.append(f"{d.key} v{d.version_text}\n")
        shown.add(d.key)
        walk(d, "")
    run.out("".join(lines))
    return 0


COMMANDS: dict[str, tuple[Callable[[Run, Options], int], set[str]]] = {
    "install": (install, {"-r", "--requirements", "--requirement", "--system", "-p", "--python",
                          "-U", "--upgrade", "--reinstall", "--force-reinstall"}),
    "uninstall": (uninstall, {"-r", "--requirements", "--requirement", "--system", "-p", "--python"}),
    "list": (pip_list, {"--system", "-p", "--python", "--format"}),
    "freeze": (freeze, {"--system", "-p", "--python", "--exclude-editable"}),
    "show": (show, {"--system", "-p", "--python"}),
    "check": (check, {"--system", "-p", "--python"}),
    "tree": (tree, {"--system", "-p", "--python"}),
}


def main(run: Run, argv: list[str]) -> int:
    """``uv pip SUBCOMMAND ...``."""
    if not argv:
        raise NotSimulated("uv pip without a subcommand")
    command = COMMANDS.get(argv[0])
    if command is None:
        raise NotSimulated(f"uv pip {argv[0]}")
    func, allowed = command
    try:
        opts = parse_options(argv[1:], allowed)
        run.quiet = run.quiet or "-q" in opts.flags
        return func(run, opts)
    except UvError as e:
        run.err(e.message, always=True)
        return e.code
