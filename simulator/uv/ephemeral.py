"""``uv run --with PKG``: the environment uv layers over the base one for one command.

As real uv 0.13.8 does it (recorded in tests/transcripts/uv_70_run_with.txt):

* when the base environment (the project's ``.venv``, or the interpreter's own
  site-packages outside a project) already holds the requirements and their
  dependencies, the command runs there, nothing layered;
* otherwise the requirements are resolved on their own, and the resolution's
  packages are installed once into a cached environment
  (``CACHE/archive-v0/<id>``, found again through ``CACHE/environments-v2``):
  "Installed N packages" shows only the first time that same set is asked for;
* the command runs in a new, empty overlay venv ``CACHE/builds-v0/.tmpXXXXXX``
  (``sys.prefix``, ``VIRTUAL_ENV``, first on ``PATH``), whose
  ``_uv_ephemeral_overlay.pth`` adds the cached environment's site-packages and
  the base one; the overlay is removed when the command ends.

uv's names there are random; venvsim's are derived from what they hold.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
from dataclasses import dataclass, field

from packaging.requirements import InvalidRequirement, Requirement

from ..model.fs import FsError, Symlink, normalize
from ..model.index import Release
from ..model.python import dists_in
from .discovery import Environment, Interpreter, NotSimulated, UvError
from .pip import Run, _satisfied, cache_dir, file_requirements, mark_wheels, plural, swap
from .resolver import NO_SOLUTION, solve
from .virtualenv import missing_dirs, venv_files

WITH_VALUE = ("error: a value is required for '--with <WITH>' but none was supplied\n\n"
              "For more information, try '--help'.\n")
OVERLAY_PTH = "_uv_ephemeral_overlay.pth"


@dataclass
class RunOptions:
    """What ``uv run`` was asked: ``--with`` requirements, ``--no-project``, ``--script``, the command."""

    with_texts: list[str] = field(default_factory=list)
    with_files: list[str] = field(default_factory=list)
    no_project: bool = False
    script: bool = False
    command: list[str] = field(default_factory=list)


def parse_run(argv: list[str]) -> RunOptions:
    """``uv run``'s options up to the command (or ``--``); UvError for a missing value."""
    opts = RunOptions()
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg == "--":
            opts.command = argv[i + 1:]
            return opts
        if name in ("--with", "-w", "--with-requirements") and not (eq and name == "-w"):
            if not eq:
                i += 1
                if i >= len(argv):
                    if name == "--with-requirements":
                        raise NotSimulated("uv run --with-requirements without a value")
                    raise UvError(WITH_VALUE)
                value = argv[i]
            (opts.with_files if name == "--with-requirements" else opts.with_texts).append(value)
        elif arg == "--no-project":
            opts.no_project = True
        elif arg == "--script":
            opts.script = True
        elif arg.startswith("-"):
            raise NotSimulated(f"uv run {arg}")
        else:
            opts.command = argv[i:]
            return opts
        i += 1
    return opts


def requirements(run: Run, opts: RunOptions) -> list[Requirement]:
    """The ``--with`` requirements, those of ``--with-requirements`` files after them."""
    texts = [t for t in opts.with_texts if t.strip()]
    for path in opts.with_files:
        try:
            content = run.world.fs.read(normalize(path, run.world.shell.cwd))
        except (FsError, KeyError):
            raise NotSimulated("uv run --with-requirements with a file that is not there") from None
        texts += file_requirements(content)
    reqs = []
    for text in texts:
        if "," in text and not any(op in text for op in "<>=!~"):
            raise NotSimulated("uv run --with naming several packages at once")
        try:
            req = Requirement(text)
        except InvalidRequirement:
            raise NotSimulated(f"uv's message for the invalid requirement {text!r}") from None
        if req.marker is not None or req.url:
            raise NotSimulated("uv run --with with markers or URLs")
        req.extras = set()  # the index's packages have no extras: uv installs them, silently
        reqs.append(req)
    return reqs


def _name(data: str, size: int) -> str:
    """A name of ``size`` letters, digits, ``-`` and ``_`` made from ``data``, as uv's random ones look."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data.encode()).digest()).decode()
    return digest[:size]


def cached_environment(run: Run, python: Interpreter, reqs: list[Requirement],
                       what: str = "`--with` dependencies") -> tuple[str, dict[str, Release]]:
    """The cached environment holding what ``reqs`` resolve to (made, and said, the first time),
    and that resolution; ``what`` is resolved, as a failure names it (``uvx``: tool dependencies)."""
    try:
        chosen = solve(run.world.index, reqs, python.version, {})
    except UvError as e:
        if e.message.startswith(NO_SOLUTION):
            raise UvError(f"error: No solution found when resolving {what}\n  cause: "
                          + e.message[len(NO_SOLUTION):], e.code) from None
        raise
    cache = cache_dir(run.world)
    pins = " ".join(sorted(f"{r.key}=={r.version_text}" for r in chosen.values()))
    interp = hashlib.sha256(python.version.encode()).hexdigest()[:16]
    key = hashlib.sha256(f"{python.version} {pins}".encode()).hexdigest()[:16]
    link = f"{cache}/environments-v2/{interp}/{key}"
    fs = run.world.fs
    if fs.lexists(link):
        try:
            return fs.resolve(link), chosen
        except FsError:
            fs = fs.remove(link)
    root = f"{cache}/archive-v0/{_name(link, 16)}"
    fs = venv_files(fs, root, python.path, python.version, None)
    fs = fs.put_many(missing_dirs(fs, posixpath.dirname(link))).put(link, Symlink(root))
    fs = mark_wheels(fs, cache, list(chosen.values()))
    fs = swap(run, fs, Environment(root, python, True), [], list(chosen.values()), scripts=False)
    run.world = run.world.with_fs(fs)
    run.err(f"Installed {plural(len(chosen))} in 4ms\n")
    return root, chosen


def satisfied(run: Run, base: Environment, reqs: list[Requirement]) -> bool:
    """Whether the base environment already holds ``reqs`` and their dependencies."""
    return _satisfied({d.key: d for d in dists_in(run.world.fs, base.site)}, reqs)


def overlay(run: Run, base: Environment, python: Interpreter, cached: str, seed: str) -> str:
    """A new overlay venv over ``cached`` and ``base`` in uv's ``builds-v0``; its folder."""
    root = f"{cache_dir(run.world)}/builds-v0/.tmp{_name(seed, 6).replace('-', 'x').replace('_', 'z')}"
    fs = run.world.fs
    if fs.lexists(root):
        fs = fs.remove(root, recursive=True)
    fs = venv_files(fs, root, python.path, python.version, None)
    cfg = fs.read(f"{root}/pyvenv.cfg") + f"extends-environment = {base.root}\n"
    site = f"{root}/lib/python{python.minor}/site-packages"
    line = "import site; " + "; ".join(
        f'site.addsitedir(__import__("os").fsdecode(b"{s}"))'
        for s in (f"{cached}/lib/python{python.minor}/site-packages", base.site))
    fs = fs.write(f"{root}/pyvenv.cfg", cfg).write(f"{site}/{OVERLAY_PTH}", line)
    run.world = run.world.with_fs(fs)
    return root
