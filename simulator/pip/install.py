"""``pip install``: the order of checks, messages and exit codes of pip 26.3."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from packaging.markers import InvalidMarker, Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model import debian, layout
from ..model.dist import Dist
from ..model.fs import FsError
from ..model.index import Index, Release, requirement
from ..resolver import (
    Factory,
    Finder,
    InstallError,
    InstallReq,
    Log,
    ResolutionTooDeepError,
    display_path,
    marker_environment,
    resolve,
)
from .context import (
    ERROR,
    SUCCESS,
    UNKNOWN_ERROR,
    PipRun,
    diagnostic,
    no_record_error,
    pip_location,
    traceback_head,
)
from .options import OptionError, OptionValue, parse

INSTALL_OPTIONS = {
    "--requirement": "list",
    "-r": "--requirement",
    "--constraint": "list",
    "-c": "--constraint",
    "--upgrade": "flag",
    "-U": "--upgrade",
    "--upgrade-strategy": "choice:only-if-needed,eager",
    "--user": "flag",
    "--break-system-packages": "flag",
    "--ignore-requires-python": "flag",
    "--dry-run": "flag",
    "--force-reinstall": "flag",
    "--no-deps": "flag",
    "--ignore-installed": "flag",
    "-I": "--ignore-installed",
    "--pre": "flag",
    "--editable": "list",
    "-e": "--editable",
    "--no-index": "flag",
    "--index-url": "value",
    "-i": "--index-url",
    "--extra-index-url": "list",
    "--find-links": "list",
    "-f": "--find-links",
    "--no-cache-dir": "flag",
    "--no-warn-conflicts": "flag",
    "--no-warn-script-location": "flag",
    "--report": "value",
    "--quiet": "count",
    "-q": "--quiet",
    "--verbose": "count",
    "-v": "--verbose",
    "--require-virtualenv": "flag",
    "--root-user-action": "choice:warn,ignore",
    "--disable-pip-version-check": "flag",
    "--no-input": "flag",
    "--isolated": "flag",
}


class ReqFileError(Exception):
    """A requirement or requirements file pip refuses; the text is the whole message."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


OPERATORS = ("~=", "==", "!=", "<=", ">=", "<", ">", "===")
ARCHIVES = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar")
FILE_OPTIONS = {
    "--index-url": "value",
    "-i": "--index-url",
    "--extra-index-url": "list",
    "--no-index": "flag",
    "--constraint": "list",
    "-c": "--constraint",
    "--requirement": "list",
    "-r": "--requirement",
    "--editable": "list",
    "-e": "--editable",
    "--find-links": "list",
    "-f": "--find-links",
    "--no-binary": "list",
    "--only-binary": "list",
    "--prefer-binary": "flag",
    "--require-hashes": "flag",
    "--no-require-hashes": "flag",
    "--pre": "flag",
    "--all-releases": "list",
    "--only-final": "list",
    "--trusted-host": "list",
    "--use-feature": "list",
}
REQ_LINE_OPTIONS = {"--hash": "list", "--config-settings": "list", "--global-option": "list"}


def _looks_like_path(name: str) -> bool:
    return "/" in name or name.startswith(".")


def parse_line(
    run: PipRun, text: str, comes_from: str | None = None, line_source: str | None = None
) -> InstallReq | str:
    """pip's ``parse_req_from_line``: an ``InstallReq``, or a path to a missing archive."""
    name, sep, marker_text = text.partition(";")
    marker = None
    if sep and marker_text.strip():
        try:
            marker = Marker(marker_text.strip())
        except InvalidMarker as e:
            raise ReqFileError(f"Invalid requirement: {name.strip()!r}: {e}") from None
    name = name.strip()
    path = posixpath.normpath(posixpath.join(run.cwd, name))
    if _looks_like_path(name) and run.fs.is_dir(path):
        raise ReqFileError(
            f"Directory {name!r} is not installable. Neither 'setup.py' nor 'pyproject.toml' found."
        )
    if name.lower().endswith(ARCHIVES) and (_looks_like_path(name) or "@" not in name):
        return path
    try:
        req = Requirement(name)
    except InvalidRequirement as e:
        if "/" in name:
            hint = "It looks like a path."
            if not run.fs.exists(path):
                hint += f" File '{name}' does not exist."
            else:
                hint += " The path does exist. "
        elif "=" in name and not any(op in name for op in OPERATORS):
            hint = "= is not a valid operator. Did you mean == ?"
        else:
            hint = ""
        msg = f"Invalid requirement: {name!r}: {e}"
        if line_source:
            msg += f" (from {line_source})"
        if hint:
            msg += f"\nHint: {hint}"
        raise ReqFileError(msg) from None
    return InstallReq(req, comes_from=comes_from, user_supplied=True, markers=marker)


@dataclass
class Collected:
    """What the command line and its requirements files ask for."""

    reqs: list[InstallReq] = field(default_factory=list)
    constraints: list[InstallReq] = field(default_factory=list)
    editables: list[tuple[str, str]] = field(default_factory=list)  # (target, " (from ...)")
    archives: list[str] = field(default_factory=list)
    index_url: str | None = layout.INDEX_URL
    pre: bool = False


def read_requirements(
    run: PipRun, path: str, into: Collected, depth: int = 0, constraint: bool = False
) -> None:
    """Add what a ``-r`` (or ``-c``) file lists; each requirement knows its file and line."""
    full = posixpath.normpath(posixpath.join(run.cwd, path))
    try:
        text = run.fs.read(full)
    except (FsError, KeyError):
        raise ReqFileError(
            f"Could not open {'constraint' if constraint else 'requirements'} file: "
            f"[Errno 2] No such file or directory: {path!r}"
        ) from None
    if depth > 20:
        raise ReqFileError(f"Could not open requirements file: too many nested files: {path!r}")
    logical: list[tuple[int, str]] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.endswith("\\"):
            buffer += raw[:-1]
            continue
        logical.append((start, buffer + raw))
        buffer = ""
    if buffer:
        logical.append((start, buffer))
    for number, line in logical:
        line = _strip_comment(line).strip()
        if not line:
            continue
        source = f"{'-c' if constraint else '-r'} {path} (line {number})"
        tokens = line.split()
        args: list[str] = []
        while tokens and not tokens[0].startswith("-"):
            args.append(tokens.pop(0))
        try:
            opts, extra = parse(tokens, REQ_LINE_OPTIONS if args else FILE_OPTIONS)
        except OptionError as e:
            raise ReqFileError(
                f"Invalid requirement: {line}\npip: error: {e}", usage=True
            ) from None
        if extra and not args:
            raise ReqFileError(
                f"Invalid requirement: {line}\npip: error: no such option: {extra[0]}", usage=True
            )
        if args:
            parsed = parse_line(run, " ".join(args), source, f"line {number} of {path}")
            if isinstance(parsed, str):
                if constraint:
                    raise ReqFileError("Unnamed requirements are not allowed as constraints")
                into.archives.append(parsed)
            elif constraint:
                parsed.constraint, parsed.user_supplied = True, False
                into.constraints.append(parsed)
            else:
                into.reqs.append(parsed)
            continue
        # pip reads the first -r, else the first -c, of a line; -r inside -c is a requirement.
        for option, nested_constraint in (("--requirement", False), ("--constraint", True)):
            nested_files = as_list(opts.get(option))
            if nested_files:
                nested_path = posixpath.normpath(
                    posixpath.join(posixpath.dirname(full), nested_files[0])
                )
                read_requirements(run, nested_path, into, depth + 1, nested_constraint)
                break
        into.editables += [(e, f" (from {source})") for e in as_list(opts.get("--editable"))]
        if isinstance(opts.get("--index-url"), str):
            into.index_url = str(opts["--index-url"]).rstrip("/")
        if opts.get("--no-index"):
            into.index_url = None
        if opts.get("--pre"):
            into.pre = True


def _strip_comment(line: str) -> str:
    if line.startswith("#"):
        return ""
    for i, ch in enumerate(line):
        if ch == "#" and i > 0 and line[i - 1] in " \t":
            return line[:i]
    return line


def install(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    log = run.log
    user = bool(opts.get("--user"))
    exempt = bool(opts.get("--dry-run") and opts.get("--report"))
    if not opts.get("--break-system-packages") and not exempt and run.externally_managed_error():
        return ERROR
    if user and run.view.in_venv and not run.view.system_site:
        log.error(
            "Can not perform a '--user' install. User site-packages are not visible in "
            "this virtualenv."
        )
        return ERROR
    if not user and run.view.debian and not run.view.in_venv \
            and not debian.writable(run.world.user, run.view.purelib):
        log.info("Defaulting to user installation because normal site-packages is not writeable")
        user = True  # pip's decide_user_install (a Debian /usr, model/debian.py)
    collected = Collected(pre=bool(opts.get("--pre")))
    if isinstance(opts.get("--index-url"), str):
        collected.index_url = str(opts["--index-url"]).rstrip("/")
    if opts.get("--no-index"):
        collected.index_url = None
    try:
        for path in as_list(opts.get("--constraint")):
            read_requirements(run, path, collected, constraint=True)
        for path in as_list(opts.get("--requirement")):
            read_requirements(run, path, collected)
        for a in args:
            parsed = parse_line(run, a)
            if isinstance(parsed, str):
                log.warning(f"Requirement {a!r} looks like a filename, but the file does not exist")
                collected.archives.append(parsed)
            else:
                collected.reqs.append(parsed)
    except ReqFileError as e:
        if e.usage:
            log.raw("Usage: pip [options]", 2)
            log.raw("", 2)
            log.error(str(e))
            log.raw("", 2)
        else:
            log.error(str(e))
        return ERROR
    root = collected.constraints + collected.reqs
    editables = [(e, "") for e in as_list(opts.get("--editable"))] + collected.editables
    if not args and not editables and not as_list(opts.get("--requirement")):
        log.error('You must give at least one requirement to install (see "pip help install")')
        return ERROR
    if collected.index_url is not None:
        log.info(f"Looking in indexes: {collected.index_url}")
    for target, source in editables:
        folder = posixpath.normpath(posixpath.join(run.cwd, target))
        url = "file://" + folder + source
        if not run.fs.is_dir(folder):
            log.error(
                f"{target} is not a valid editable requirement. It should either be a path to a "
                "local project or a VCS URL (beginning with bzr+http, bzr+https, bzr+ssh, "
                "bzr+sftp, bzr+ftp, bzr+lp, bzr+file, git+http, git+https, git+ssh, git+git, "
                "git+file, hg+file, hg+http, hg+https, hg+ssh, hg+static-http, svn+ssh, "
                "svn+http, svn+https, svn+svn, svn+file)."
            )
            return ERROR
        log.info(f"Obtaining {url}")
        log.error(
            f"{url} does not appear to be a Python project: neither 'setup.py' nor "
            "'pyproject.toml' found."
        )
        return ERROR
    for path in collected.archives:
        log.info(f"Processing {display_path(path, run.cwd)}")
        log.error(
            f"Could not install packages due to an OSError: [Errno 2] No such file or "
            f"directory: {path!r}\n"
        )
        return ERROR
    quiet = bool(opts.get("--quiet"))
    target = run.view.user_site if user else run.view.purelib
    index = run.world.index if collected.index_url == layout.INDEX_URL else Index.from_releases([])
    factory = Factory(
        Finder(
            index,
            run.view.version,
            bool(opts.get("--ignore-requires-python")),
            collected.pre,
            log,
            collected.index_url,
        ),
        {} if opts.get("--ignore-installed") else run.visible(),
        run.view.version,
        run.cwd,
        log,
        force_reinstall=bool(opts.get("--force-reinstall")),
        ignore_requires_python=bool(opts.get("--ignore-requires-python")),
        use_user_site=user,
        in_venv=run.view.in_venv,
        marker_env=marker_environment(run.view.version),
    )
    factory.user_base_site = run.view.user_site
    strategy = "to-satisfy-only"
    if opts.get("--upgrade"):
        strategy = str(opts.get("--upgrade-strategy") or "only-if-needed")
    try:
        result = resolve(
            root,
            factory,
            ignore_dependencies=bool(opts.get("--no-deps")),
            upgrade_strategy=strategy,
        )
    except InstallError as e:
        log.error(str(e))
        return ERROR
    except ResolutionTooDeepError:
        report_too_deep(log)
        return ERROR
    except RecursionError:
        log.raw("ERROR: Exception:", 2)
        for line in recursion_traceback(pip_location(run) or run.view.purelib).split("\n"):
            log.raw(line, 2)
        return UNKNOWN_ERROR
    to_install = result.to_install
    if opts.get("--dry-run"):
        items = sorted(
            (ir.release.name, ir.release.version_text) for ir in to_install if ir.release
        )
        if items:
            log.info("Would install " + " ".join(f"{n}-{v}" for n, v in items))
        return SUCCESS
    conflicts = None
    if not opts.get("--no-deps") and not opts.get("--no-warn-conflicts"):
        conflicts = _conflicts(
            run.visible(), [ir.release for ir in to_install if ir.release], run.view.version
        )
    if to_install:
        log.info("Installing collected packages: " + ", ".join(ir.name for ir in to_install))
    log.depth += 1
    for ireq in to_install:
        assert ireq.release is not None
        if ireq.should_reinstall:
            log.info(f"Attempting uninstall: {ireq.name}")
            log.depth += 1
            old = factory.installed.get(canonicalize_name(ireq.name))
            if old is not None and not _uninstall_for_upgrade(run, old):
                return ERROR
            log.depth -= 1
        run.install_release(target, ireq.release, ireq.user_supplied,
                            not opts.get("--no-warn-script-location"))
    log.depth -= 1
    if len(to_install) > 1 and not quiet:
        log.info("")
    if conflicts:
        log.error(conflicts)
    installed: dict[str, str] = {}
    for d in run.dists(target):  # the first of one name wins, as pip reads them
        installed.setdefault(d.key, d.version_text)
    summary = []
    for ireq in sorted(to_install, key=lambda ir: ir.name):
        version = installed.get(canonicalize_name(ireq.name))
        summary.append(f"{ireq.name}-{version}" if version else ireq.name)
    if summary and not quiet:
        log.info("Successfully installed " + " ".join(summary))
    return SUCCESS


def report_too_deep(log: Log) -> None:
    """pip 26.3's ``ResolutionTooDeepError`` (pip/_internal/exceptions/__init__.py)."""
    diagnostic(
        log,
        "resolution-too-deep",
        "Dependency resolution exceeded maximum depth",
        "Pip cannot resolve the current dependencies as the dependency graph is too complex "
        "for pip to solve efficiently.",
        hint="Try adding lower bounds to constrain your dependencies, for example: "
        "'package>=2.0.0' instead of just 'package'. ",
        link="https://pip.pypa.io/en/stable/topics/dependency-resolution/"
        "#handling-resolution-too-deep-errors",
    )


def as_list(value: OptionValue | None) -> list[str]:
    return value if isinstance(value, list) else []


def _uninstall_for_upgrade(run: PipRun, dist: Dist) -> bool:
    """Remove the installed version before the new one; False when pip cannot."""
    log = run.log
    log.info(f"Found existing installation: {dist.name} {dist.raw_version}")
    if not dist.has_metadata:
        no_record_error(log, dist)
        return False
    if run.view.in_venv and not dist.location.startswith(run.view.prefix + "/"):
        log.info(
            f"Not uninstalling {dist.key} at {dist.location}, outside environment {run.view.prefix}"
        )
        log.info(f"Can't uninstall '{dist.name}'. No files were found to uninstall.")
        return True
    log.info(f"Uninstalling {dist.name}-{dist.version_text}:")
    log.depth += 1
    run.remove_dist(dist)
    log.info(f"Successfully uninstalled {dist.name}-{dist.version_text}")
    log.depth -= 1
    return True


def _conflicts(visible: dict[str, Dist], releases: list[Release], python_version: str) -> str:
    """pip's post-install check, limited to what this install touches."""
    package_set: dict[str, tuple[str, tuple[str, ...]]] = {
        k: (d.version_text, d.requires) for k, d in visible.items()
    }
    installed = set()
    for r in releases:
        package_set[r.key] = (r.version_text, r.requires)
        installed.add(r.key)
    whitelist: set[str] = set(installed)
    for name, (_, requires) in package_set.items():
        if name in whitelist:
            continue
        for spec in requires:
            if canonicalize_name(requirement(spec).name) in installed:
                whitelist.add(name)
                break
    return check_text(package_set, whitelist, post_install=True, python_version=python_version)


def check_text(
    package_set: dict[str, tuple[str, tuple[str, ...]]],
    whitelist: set[str] | None,
    *,
    post_install: bool,
    python_version: str = "3.11.7",
) -> str:
    """The lines of ``pip check`` or of the post-install conflict block ("" if none)."""
    from packaging.version import Version

    missing: dict[str, list[tuple[str, Requirement]]] = {}
    conflicting: dict[str, list[tuple[str, str, Requirement]]] = {}
    dep: str
    env = marker_environment(python_version)
    for name, (_, requires) in package_set.items():
        if whitelist is not None and name not in whitelist:
            continue
        miss: set[tuple[str, Requirement]] = set()
        conf: set[tuple[str, str, Requirement]] = set()
        for spec in requires:
            req = requirement(spec)
            if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
                continue
            dep = canonicalize_name(req.name)
            if dep not in package_set:
                miss.add((dep, req))
                continue
            have = package_set[dep][0]
            if not req.specifier.contains(Version(have), prereleases=True):
                conf.add((dep, have, req))
        if miss:
            missing[name] = sorted(miss, key=str)
        if conf:
            conflicting[name] = sorted(conf, key=str)
    parts: list[str] = []
    if post_install and (missing or conflicting):
        parts.append(
            "pip's dependency resolver does not currently take into account all the packages "
            "that are installed. This behaviour is the source of the following dependency "
            "conflicts."
        )
    for name, deps in missing.items():
        version = package_set[name][0]
        for _, req in deps:
            if post_install:
                parts.append(f"{name} {version} requires {req}, which is not installed.")
            else:
                parts.append(f"{name} {version} requires {req.name}, which is not installed.")
    for name, confs in conflicting.items():
        version = package_set[name][0]
        for dep, have, req in confs:
            if post_install:
                parts.append(
                    f"{name} {version} requires {req}, but you have {dep} {have} which is "
                    "incompatible."
                )
            else:
                parts.append(f"{name} {version} has requirement {req}, but you have {dep} {have}.")
    return "\n".join(parts)


def recursion_traceback(site: str) -> str:
    """What pip 26.3 prints when resolvelib recurses too deep (an orphaned cycle)."""
    pip = f"{site}/pip/_internal"
    rl = f"{site}/pip/_vendor/resolvelib"
    frame = (
        f'  File "{rl}/resolvers/resolution.py", line 624, in _has_route_to_root\n'
        "    if _has_route_to_root(criteria, pkey, all_keys, connected):\n"
        "       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
    )
    return f"""{traceback_head(site)}
  File "{pip}/cli/req_command.py", line 162, in wrapper
    return func(self, options, args)
           ^^^^^^^^^^^^^^^^^^^^^^^^^
  File "{pip}/commands/install.py", line 655, in run
    requirement_set = resolver.resolve(
                      ^^^^^^^^^^^^^^^^^
  File "{pip}/resolution/resolvelib/resolver.py", line 103, in resolve
    result = self._result = resolver.resolve(
                            ^^^^^^^^^^^^^^^^^
  File "{rl}/resolvers/resolution.py", line 602, in resolve
    return _build_result(state)
           ^^^^^^^^^^^^^^^^^^^^
  File "{rl}/resolvers/resolution.py", line 48, in _build_result
    if not _has_route_to_root(state.criteria, key, all_keys, connected):
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
{frame}
{frame}
{frame}
  [Previous line repeated 982 more times]
  File "{rl}/resolvers/resolution.py", line 616, in _has_route_to_root
    for p in criteria[key].iter_parent():
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "{rl}/resolvers/criterion.py", line 48, in iter_parent
    return (i.parent for i in self.information)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
RecursionError: maximum recursion depth exceeded"""
