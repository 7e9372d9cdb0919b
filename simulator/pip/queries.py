"""``pip list``, ``freeze``, ``show``, ``check`` and ``uninstall``."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model import debian
from ..model.appcode import import_name
from ..model.dist import Dist, metadata_field, metadata_fields
from ..model.fs import FsError
from ..resolver import marker_environment, marker_holds
from .context import (
    ERROR,
    SUCCESS,
    UNKNOWN_ERROR,
    PipRun,
    no_record_error,
    pip_location,
    traceback_head,
)
from .install import as_list, check_text
from .options import OptionValue

LIST_OPTIONS = {
    "--local": "flag",
    "-l": "--local",
    "--user": "flag",
    "--format": "choice:columns,freeze,json",
    "--outdated": "flag",
    "-o": "--outdated",
    "--uptodate": "flag",
    "-u": "--uptodate",
    "--not-required": "flag",
    "--exclude": "list",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
    "--path": "list",
    "--pre": "flag",
}
FREEZE_OPTIONS = {
    "--local": "flag",
    "-l": "--local",
    "--user": "flag",
    "--all": "flag",
    "--exclude": "list",
    "--requirement": "list",
    "-r": "--requirement",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
}
SHOW_OPTIONS = {
    "--files": "flag",
    "-f": "--files",
    "--verbose": "count",
    "-v": "--verbose",
    "--quiet": "count",
    "-q": "--quiet",
}
CHECK_OPTIONS = {"--verbose": "count", "-v": "--verbose", "--quiet": "count", "-q": "--quiet"}
UNINSTALL_OPTIONS = {
    "--yes": "flag",
    "-y": "--yes",
    "--requirement": "list",
    "-r": "--requirement",
    "--break-system-packages": "flag",
    "--root-user-action": "choice:warn,ignore",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
}


def _selected(run: PipRun, opts: dict[str, OptionValue]) -> list[Dist]:
    dists = list(run.visible().values())
    if opts.get("--local") and run.view.in_venv:
        dists = [d for d in dists if d.location.startswith(run.view.prefix + "/")]
    if opts.get("--user"):
        dists = [d for d in dists if d.location == run.view.user_site]
    return dists


def pip_list(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    if args:
        run.log.error(f"Unknown argument(s): {' '.join(args)}")
        return ERROR
    if opts.get("--outdated") and opts.get("--uptodate"):
        run.log.error("Options --outdated and --uptodate cannot be combined.")
        return ERROR
    if opts.get("--outdated") and opts.get("--format") == "freeze":
        run.log.error("List format 'freeze' cannot be used with the --outdated option.")
        return ERROR
    dists = sorted(_selected(run, opts), key=lambda d: d.key)
    if opts.get("--not-required"):  # among the listed packages, before --exclude, as pip
        env = marker_environment(run.view.version)
        needed = {
            canonicalize_name(Requirement(r).name)
            for d in dists
            for r in d.requires
            if marker_holds(r, env)
        }
        dists = [d for d in dists if d.key not in needed]
    excluded = {canonicalize_name(n) for n in as_list(opts.get("--exclude"))}
    dists = [d for d in dists if d.key not in excluded]
    latest: dict[str, str] = {}
    if opts.get("--outdated") or opts.get("--uptodate"):
        from ..model import layout
        from ..resolver import Finder, Log

        # pip's finder: releases whose Requires-Python excludes this Python are not offered.
        finder = Finder(run.world.index, run.view.version, False, True, Log(), None)
        for d in sorted(dists, key=lambda d: (d.key not in ("setuptools",), d.key != "pip")):
            releases = [
                r
                for r in finder.find_all_candidates(d.key)
                if opts.get("--pre") or not r.version.is_prerelease
            ]
            if not run.world.index.releases(d.key):
                run.log.warning(
                    f"Location '{layout.INDEX_URL}/{d.key}/' is ignored: it is "
                    "neither a file nor a directory."
                )
            if releases:
                latest[d.key] = str(max(releases, key=lambda r: r.version).version)
        if opts.get("--outdated"):
            dists = [d for d in dists if d.key in latest and Version(latest[d.key]) > d.version]
        else:
            dists = [d for d in dists if d.key in latest and Version(latest[d.key]) == d.version]
    rows = [_Row(d.key, d.name, d.raw_version, str(d.version), d.location) for d in dists]
    verbose = bool(opts.get("--verbose"))
    fmt = opts.get("--format", "columns")
    if fmt == "freeze":
        for r in rows:
            run.log.info(f"{r.name}=={r.version}" + (f" ({r.location})" if verbose else ""))
        return SUCCESS
    if fmt == "json":
        import json

        items: list[dict[str, str]] = []
        for r in rows:
            item = {"name": r.name, "version": r.version}
            if verbose:
                item.update(location=r.location, installer="pip")
            if opts.get("--outdated"):
                item.update(latest_version=latest[r.key], latest_filetype="wheel")
            items.append(item)
        run.log.info(json.dumps(items))
        return SUCCESS
    if not rows:
        return SUCCESS
    header = ["Package", "Version"]
    if opts.get("--outdated"):
        header += ["Latest", "Type"]
    if verbose:
        header += ["Location", "Installer"]
    table = [header]
    for r in rows:
        row = [r.name, r.raw_version]
        if opts.get("--outdated"):
            row += [latest[r.key], "wheel"]
        if verbose:
            row += [r.location, "pip"]
        table.append(row)
    widths = [max(len(cells[i]) for cells in table) for i in range(len(header))]
    table.insert(1, ["-" * w for w in widths])
    for cells in table:
        run.log.info(" ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return SUCCESS


@dataclass(frozen=True)
class _Row:
    """One package as ``pip list`` prints it: raw (METADATA) and parsed versions."""

    key: str
    name: str
    raw_version: str
    version: str
    location: str


def freeze(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    skip = {"pip"}
    if tuple(int(p) for p in run.view.minor.split(".")) < (3, 12):
        skip |= {"setuptools", "distribute", "wheel"}
    if opts.get("--all"):
        skip = set()
    skip |= {canonicalize_name(n) for n in as_list(opts.get("--exclude"))}
    installations: dict[str, Dist] = {d.key: d for d in _selected(run, opts)}
    # pip writes these with sys.stdout.write: through a pipe they come after its warnings.
    out: list[str] = []
    for path in as_list(opts.get("--requirement")):
        try:
            text = run.fs.read(posixpath.normpath(posixpath.join(run.cwd, path)))
        except (FsError, KeyError):
            run.log.error(f"Could not open requirements file: [Errno 2] No such file or "
                          f"directory: {path!r}")
            return ERROR
        out += _freeze_file(run, path, text, installations)
    if opts.get("--requirement"):
        out.append("## The following requirements were added by pip freeze:")
    for d in sorted(installations.values(), key=lambda d: d.name.lower()):
        if d.key not in skip:
            out.append(f"{d.name}=={d.version_text}")
    for line in out:
        run.log.info(line)
    return SUCCESS


FREEZE_KEPT = ("-r", "--requirement", "-f", "--find-links", "-i", "--index-url", "--pre",
               "--trusted-host", "--process-dependency-links", "--extra-index-url",
               "--use-feature")


def _freeze_file(run: PipRun, path: str, text: str, installations: dict[str, Dist]) -> list[str]:
    """pip freeze -r: the file's comments and options kept, its requirements pinned."""
    out: list[str] = []
    emitted: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.strip().startswith("#") or line.startswith(FREEZE_KEPT):
            if line.rstrip() not in emitted:
                emitted.add(line.rstrip())
                out.append(line.rstrip())
            continue
        spec = re.sub(r"(^|\s+)#.*$", "", line).strip()
        try:
            name = Requirement(spec.split(";")[0]).name
        except InvalidRequirement:
            continue
        dist = installations.pop(canonicalize_name(name), None)
        if dist is None:
            run.log.warning(f"Requirement file [{path}] contains {spec}, but package "
                            f"{name!r} is not installed")
        else:
            out.append(f"{dist.name}=={dist.version_text}")
    return out


def show(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    if not args:
        run.log.warning("ERROR: Please provide a package name or names.")
        return ERROR
    visible = run.visible()
    found = [visible[canonicalize_name(a)] for a in args if canonicalize_name(a) in visible]
    missing = [a for a in args if canonicalize_name(a) not in visible]
    if missing:
        run.log.warning(f"Package(s) not found: {', '.join(sorted(missing))}")
    for i, d in enumerate(found):
        if i:
            run.log.info("---")
        env = marker_environment(run.view.version)
        requires = sorted(
            {Requirement(r).name for r in d.requires if marker_holds(r, env)}, key=str.lower
        )
        required_by = sorted(
            (
                other.name
                for other in visible.values()
                if any(
                    canonicalize_name(Requirement(r).name) == d.key
                    for r in other.requires
                    if marker_holds(r, env)
                )
            ),
            key=str.lower,
        )
        meta = run.fs.read(f"{d.dist_info}/METADATA") if d.has_metadata else ""
        license_key = (
            "License-Expression" if metadata_field(meta, "License-Expression") else "License"
        )
        lines = [
            f"Name: {d.name}",
            f"Version: {d.raw_version}",
            f"Summary: {d.summary}",
            f"Home-page: {metadata_field(meta, 'Home-page') or ''}",
            f"Author: {metadata_field(meta, 'Author') or ''}",
            f"Author-email: {metadata_field(meta, 'Author-email') or ''}",
            f"{license_key}: {metadata_field(meta, license_key) or ''}",
            f"Location: {d.location}",
            f"Requires: {', '.join(requires)}",
            f"Required-by: {', '.join(required_by)}",
        ]
        if opts.get("--verbose"):
            points_file = f"{d.dist_info}/entry_points.txt"
            entry_points = run.fs.read(points_file) if run.fs.is_file(points_file) else ""
            lines += [
                f"Metadata-Version: {metadata_field(meta, 'Metadata-Version') or ''}",
                "Installer: pip",
                "Classifiers:",
                *(f"  {c}" for c in metadata_fields(meta, "Classifier")),
                "Entry-points:",
                *(f"  {e.strip()}" for e in entry_points.splitlines()),
                "Project-URLs:",
                *(f"  {u}" for u in metadata_fields(meta, "Project-URL")),
            ]
        if opts.get("--files"):
            lines.append("Files:")
            info = d.dist_info.rsplit("/", 1)[-1]
            module = import_name(d.name)
            minor = run.view.minor.replace(".", "")
            listed = ["INSTALLER", "METADATA", "RECORD", "WHEEL"]
            if run.fs.is_file(f"{d.dist_info}/REQUESTED"):
                listed.insert(3, "REQUESTED")
            record = f"{d.dist_info}/RECORD"
            if run.fs.is_file(record) and run.fs.is_file(f"{d.dist_info}/entry_points.txt"):
                lines += [f"  {f}" for f in recorded_files(run.fs.read(record), minor)]
            else:
                lines += [f"  {info}/{f}" for f in listed]
                lines += [
                    f"  {module}/__init__.py",
                    f"  {module}/__pycache__/__init__.cpython-{minor}.pyc",
                ]
        for line in lines:
            run.log.info(line)
    return SUCCESS if found else ERROR


def check(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    package_set = {k: (d.version_text, d.requires) for k, d in run.visible().items()}
    text = check_text(package_set, None, post_install=False, python_version=run.view.version)
    if text:
        run.log.info(text)
        return ERROR
    run.log.info("No broken requirements found.")
    return SUCCESS


def uninstall(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    log = run.log
    names = list(args)
    if not names and not opts.get("--requirement"):
        log.error('You must give at least one requirement to uninstall (see "pip help uninstall")')
        return ERROR
    if not opts.get("--break-system-packages") and run.externally_managed_error():
        return ERROR
    if opts.get("--requirement"):
        from .install import Collected, ReqFileError, read_requirements

        collected = Collected()
        try:
            for path in opts["--requirement"] if isinstance(opts["--requirement"], list) else []:
                read_requirements(run, path, collected)
        except ReqFileError as e:
            log.error(str(e))
            return ERROR
        names += [str(ireq.req.name) for ireq in collected.reqs]
    keys: list[tuple[str, str]] = []
    key: str
    for name in names:
        try:
            key = canonicalize_name(Requirement(name).name)
        except InvalidRequirement as e:
            log.error(f"Invalid requirement: {name!r}: {e}")
            return ERROR
        if key not in [k for k, _ in keys]:
            keys.append((key, name))
    for key, name in keys:
        dist = run.visible().get(key)
        if dist is not None and not dist.has_metadata:
            log.info(f"Found existing installation: {dist.name} None")
            no_record_error(log, dist)
            return ERROR
        if dist is None:
            log.warning(f"Skipping {name} as it is not installed.")
            continue
        log.info(f"Found existing installation: {dist.name} {dist.version_text}")
        if run.view.in_venv and not dist.location.startswith(run.view.prefix + "/"):
            log.info(
                f"Not uninstalling {dist.key} at {dist.location}, outside environment "
                f"{run.view.prefix}"
            )
            log.info(f"Can't uninstall '{dist.name}'. No files were found to uninstall.")
            continue
        log.info(f"Uninstalling {dist.name}-{dist.version_text}:")
        log.depth += 1
        if not opts.get("--yes"):
            log.info("Would remove:")
            log.info(f"  {dist.dist_info}/*")
            log.info(f"  {dist.location}/{import_name(dist.name)}/*")
            log.depth -= 1
            try:
                answer = ask(run, "Proceed (Y/n)? ", ("y", "n", ""))
            except KeyboardInterrupt:  # Ctrl-C at the question
                log.error("Operation cancelled by user")
                return ERROR
            if answer is None:
                log.raw("ERROR: Exception:", 2)
                # input() at a terminal raises a bare EOFError; reading a pipe, with a message
                tty = getattr(run.stdin, "tty", False)
                for line in eof_traceback(pip_location(run) or run.view.purelib, not tty).split(
                        "\n"):
                    log.raw(line, 2)
                return UNKNOWN_ERROR
            if answer == "n":
                continue
            log.depth += 1
        if run.view.debian and not debian.writable(run.world.user, dist.location):
            from ..debian.messages import uninstall_denied  # root's files (model/debian.py)

            log.depth -= 1
            for line in uninstall_denied(dist.dist_info).split("\n"):
                log.raw(line, 2)
            return UNKNOWN_ERROR
        run.remove_dist(dist)
        log.info(f"Successfully uninstalled {dist.name}-{dist.version_text}")
        log.depth -= 1
    return SUCCESS


def ask(run: PipRun, message: str, options: tuple[str, ...]) -> str | None:
    """pip's ``utils.misc.ask``: ask until the answer is one of ``options``; None at end of input."""
    while True:
        run.log.prompt(message)
        line = run.stdin("".join(text for _, text in run.log.chunks()))
        if line is None:
            return None
        response = line.strip().lower()
        if response in options:
            return response
        run.log.raw(f"Your response ({response!r}) was not one of the expected responses: "
                    f"{', '.join(options)}")


def eof_traceback(site: str, message: bool = True) -> str:
    """What pip 26.3 prints when its uninstall prompt reads end of input."""
    pip = f"{site}/pip/_internal"
    return f"""{traceback_head(site)}
  File "{pip}/commands/uninstall.py", line 105, in run
    uninstall_pathset = req.uninstall(
                        ^^^^^^^^^^^^^^
  File "{pip}/req/req_install.py", line 716, in uninstall
    uninstalled_pathset.remove(auto_confirm, verbose)
  File "{pip}/req/req_uninstall.py", line 430, in remove
    if auto_confirm or self._allowed_to_proceed(verbose):
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "{pip}/req/req_uninstall.py", line 478, in _allowed_to_proceed
    return ask("Proceed (Y/n)? ", ("y", "n", "")) != "n"
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "{pip}/utils/misc.py", line 269, in ask
    response = input(message)
               ^^^^^^^^^^^^^^
EOFError{": EOF when reading a line" if message else ""}"""


INDEX_OPTIONS = {
    "--pre": "flag",
    "--json": "flag",
    "--ignore-requires-python": "flag",
    "--index-url": "value",
    "-i": "--index-url",
    "--no-index": "flag",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
}


def index(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    """``pip index versions NAME``: what the index offers this python."""
    from ..resolver import Finder

    if not args or args[0] != "versions":
        run.log.error("Need an action (versions) to perform.")
        return ERROR
    if len(args) != 2:
        run.log.error("You need to specify exactly one argument")
        return ERROR
    query = args[1]
    finder = Finder(
        run.world.index,
        run.view.version,
        bool(opts.get("--ignore-requires-python")),
        True,
        run.log,
        None,
    )
    from ..model import layout

    finder.index_url = layout.INDEX_URL
    versions = {r.version for r in finder.find_all_candidates(query)}
    if not opts.get("--pre"):
        versions = {v for v in versions if not v.is_prerelease}
    if not versions:
        run.log.error(f"No matching distribution found for {query}")
        return ERROR
    formatted = [str(v) for v in sorted(versions, reverse=True)]
    latest = formatted[0]
    dist = run.visible().get(canonicalize_name(query))
    if opts.get("--json"):
        import json

        doc: dict[str, object] = {"name": query, "versions": formatted, "latest": latest}
        if dist is not None:
            doc["installed_version"] = dist.version_text
        run.log.info(json.dumps(doc))
        return SUCCESS
    run.log.info(f"{query} ({latest})")
    run.log.info(f"Available versions: {', '.join(formatted)}")
    if dist is not None:
        run.log.info(f"  INSTALLED: {dist.version}")
        if Version(latest).pre:
            run.log.info(f"  LATEST:    {latest} (pre-release; install with `pip install --pre`)")
        else:
            run.log.info(f"  LATEST:    {latest}")
    return SUCCESS


def recorded_files(record: str, minor: str) -> list[str]:
    """The files of a pip-installed wheel as its RECORD lists them: each module with
    the byte code pip compiled for it, sorted as pip writes the rows."""
    files = {line.split(",", 1)[0] for line in record.splitlines() if line}
    for path in list(files):
        if path.endswith(".py") and not path.startswith("../"):
            folder, _, name = path.rpartition("/")
            files.add(f"{folder}/__pycache__/{name[:-3]}.cpython-{minor}.pyc")
    return sorted(files)
