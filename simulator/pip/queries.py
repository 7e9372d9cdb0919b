"""``pip list``, ``freeze``, ``show``, ``check`` and ``uninstall``."""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..model.appcode import import_name
from ..model.dist import Dist, metadata_field
from .context import ERROR, SUCCESS, UNKNOWN_ERROR, PipRun, pip_location, traceback_head
from .install import check_text
from .options import OptionValue

LIST_OPTIONS = {
    "--local": "flag",
    "-l": "--local",
    "--user": "flag",
    "--format": "value",
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
    "--root-user-action": "value",
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
    dists = sorted(_selected(run, opts), key=lambda d: d.key)
    if opts.get("--not-required"):
        needed = {
            canonicalize_name(Requirement(r).name)
            for d in run.visible().values()
            for r in d.requires
            if _marker_ok(r)
        }
        dists = [d for d in dists if d.key not in needed]
    latest: dict[str, str] = {}
    if opts.get("--outdated") or opts.get("--uptodate"):
        from ..model import layout

        for d in sorted(dists, key=lambda d: (d.key not in ("setuptools",), d.key != "pip")):
            releases = [
                r
                for r in run.world.index.releases(d.key)
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
            dists = [d for d in dists if d.key in latest and Version(latest[d.key]) <= d.version]
    fmt = opts.get("--format", "columns")
    if fmt == "freeze":
        for d in dists:
            run.log.info(f"{d.name}=={d.version_text}")
        return SUCCESS
    if fmt == "json":
        import json

        run.log.info(json.dumps([{"name": d.name, "version": d.version_text} for d in dists]))
        return SUCCESS
    if not dists:
        return SUCCESS
    header = ["Package", "Version"]
    rows = [[d.name, d.version_text] for d in dists]
    if opts.get("--outdated"):
        header += ["Latest", "Type"]
        rows = [[d.name, d.version_text, latest[d.key], "wheel"] for d in dists]
    elif opts.get("--verbose"):
        header += ["Location", "Installer"]
        rows = [[d.name, d.version_text, d.location, "pip"] for d in dists]
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    table.insert(1, ["-" * w for w in widths])
    for r in table:
        run.log.info(" ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return SUCCESS


def freeze(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    skip = {"pip"}
    if tuple(int(p) for p in run.view.minor.split(".")) < (3, 12):
        skip |= {"setuptools", "distribute", "wheel"}
    if opts.get("--all"):
        skip = set()
    for d in sorted(_selected(run, opts), key=lambda d: d.name.lower()):
        if d.key not in skip:
            run.log.info(f"{d.name}=={d.version_text}")
    return SUCCESS


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
        requires = sorted({Requirement(r).name for r in d.requires if _marker_ok(r)}, key=str.lower)
        required_by = sorted(
            (
                other.name
                for other in visible.values()
                if any(canonicalize_name(Requirement(r).name) == d.key for r in other.requires)
            ),
            key=str.lower,
        )
        meta = run.fs.read(f"{d.dist_info}/METADATA")
        license_key = (
            "License-Expression" if metadata_field(meta, "License-Expression") else "License"
        )
        lines = [
            f"Name: {d.name}",
            f"Version: {d.version_text}",
            f"Summary: {d.summary}",
            f"Home-page: {metadata_field(meta, 'Home-page') or ''}",
            f"Author: {metadata_field(meta, 'Author') or ''}",
            f"Author-email: {metadata_field(meta, 'Author-email') or ''}",
            f"{license_key}: {metadata_field(meta, license_key) or ''}",
            f"Location: {d.location}",
            f"Requires: {', '.join(requires)}",
            f"Required-by: {', '.join(required_by)}",
        ]
        if opts.get("--files"):
            lines.append("Files:")
            info = d.dist_info.rsplit("/", 1)[-1]
            module = import_name(d.name)
            minor = run.view.minor.replace(".", "")
            lines += [f"  {info}/{f}" for f in ("INSTALLER", "METADATA", "RECORD", "WHEEL")]
            lines += [
                f"  {module}/__init__.py",
                f"  {module}/__pycache__/__init__.cpython-{minor}.pyc",
            ]
        for line in lines:
            run.log.info(line)
    return SUCCESS if found else ERROR


def _marker_ok(spec: str) -> bool:
    try:
        req = Requirement(spec)
    except InvalidRequirement:
        return False
    return req.marker is None or bool(req.marker.evaluate({"extra": ""}))


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
