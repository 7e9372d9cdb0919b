"""``pip install``: the order of checks, messages and exit codes of pip 26.3."""

from __future__ import annotations

import posixpath

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model import layout
from ..model.dist import Dist
from ..model.fs import FsError
from ..model.index import Release
from ..resolver import Factory, Finder, InstallError, InstallReq, marker_environment, resolve
from .context import ERROR, SUCCESS, PipRun
from .options import OptionValue

INSTALL_OPTIONS = {
    "--requirement": "list",
    "-r": "--requirement",
    "--constraint": "list",
    "-c": "--constraint",
    "--upgrade": "flag",
    "-U": "--upgrade",
    "--upgrade-strategy": "value",
    "--user": "flag",
    "--break-system-packages": "flag",
    "--ignore-requires-python": "flag",
    "--dry-run": "flag",
    "--force-reinstall": "flag",
    "--no-deps": "flag",
    "--ignore-installed": "flag",
    "-I": "--ignore-installed",
    "--pre": "flag",
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
    "--root-user-action": "value",
    "--disable-pip-version-check": "flag",
    "--no-input": "flag",
    "--isolated": "flag",
}


class ReqFileError(Exception):
    """A requirements file that cannot be read or parsed."""


def read_requirements(
    run: PipRun, path: str, seen: tuple[str, ...] = ()
) -> list[InstallReq]:
    """The requirements a ``-r`` file lists, each knowing its file and line."""
    full = posixpath.normpath(posixpath.join(run.cwd, path))
    try:
        text = run.fs.read(full)
    except (FsError, KeyError):
        raise ReqFileError(
            f"Could not open requirements file: [Errno 2] No such file or directory: {path!r}"
        ) from None
    reqs: list[InstallReq] = []
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
        comes_from = f"-r {path} (line {number})"
        if line.startswith(("-r", "--requirement")):
            nested = line.split(None, 1)[1] if " " in line else line[2:]
            nested = nested.strip().lstrip("=")
            nested_path = posixpath.normpath(posixpath.join(posixpath.dirname(full), nested))
            reqs.extend(read_requirements(run, nested_path, (*seen, full)))
            continue
        if line.startswith("-"):
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement as e:
            raise ReqFileError(
                f"Invalid requirement: {line!r}: {e} (from line {number} of {path})"
            ) from None
        reqs.append(InstallReq(req, comes_from=comes_from, user_supplied=True))
    return reqs


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
    if not opts.get("--break-system-packages") and run.externally_managed_error():
        return ERROR
    if user and run.view.in_venv and not run.view.system_site:
        log.error(
            "Can not perform a '--user' install. User site-packages are not visible in "
            "this virtualenv."
        )
        return ERROR
    root: list[InstallReq] = []
    try:
        for path in _as_list(opts.get("--requirement")):
            root.extend(read_requirements(run, path))
        for a in args:
            try:
                req = Requirement(a)
            except InvalidRequirement as e:
                raise ReqFileError(f"Invalid requirement: {a!r}: {e}") from None
            root.append(InstallReq(req, user_supplied=True))
    except ReqFileError as e:
        log.error(str(e))
        return ERROR
    if not root:
        log.error('You must give at least one requirement to install (see "pip help install")')
        return ERROR
    if not opts.get("--quiet"):
        log.info(f"Looking in indexes: {layout.INDEX_URL}")
    quiet = bool(opts.get("--quiet"))
    target = run.view.user_site if user else run.view.purelib
    factory = Factory(
        Finder(
            run.world.index,
            run.view.version,
            bool(opts.get("--ignore-requires-python")),
            bool(opts.get("--pre")),
            log,
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
        conflicts = _conflicts(run.visible(), [ir.release for ir in to_install if ir.release])
    if to_install:
        log.info("Installing collected packages: " + ", ".join(ir.name for ir in to_install))
    log.depth += 1
    for ireq in to_install:
        assert ireq.release is not None
        if ireq.should_reinstall:
            log.info(f"Attempting uninstall: {ireq.name}")
            log.depth += 1
            old = factory.installed.get(canonicalize_name(ireq.name))
            if old is not None:
                _uninstall_for_upgrade(run, old)
            log.depth -= 1
        run.install_release(target, ireq.release)
    log.depth -= 1
    if len(to_install) > 1 and not quiet:
        log.info("")
    if conflicts:
        log.error(conflicts)
    installed = {d.key: d.version_text for d in run.dists(target)}
    summary = []
    for ireq in sorted(to_install, key=lambda ir: ir.name):
        version = installed.get(canonicalize_name(ireq.name))
        summary.append(f"{ireq.name}-{version}" if version else ireq.name)
    if summary and not quiet:
        log.info("Successfully installed " + " ".join(summary))
    return SUCCESS


def _as_list(value: OptionValue | None) -> list[str]:
    return value if isinstance(value, list) else []


def _uninstall_for_upgrade(run: PipRun, dist: Dist) -> None:
    log = run.log
    log.info(f"Found existing installation: {dist.name} {dist.version_text}")
    if run.view.in_venv and not dist.location.startswith(run.view.prefix + "/"):
        log.info(
            f"Not uninstalling {dist.key} at {dist.location}, outside environment "
            f"{run.view.prefix}"
        )
        log.info(f"Can't uninstall '{dist.name}'. No files were found to uninstall.")
        return
    log.info(f"Uninstalling {dist.name}-{dist.version_text}:")
    log.depth += 1
    run.remove_dist(dist)
    log.info(f"Successfully uninstalled {dist.name}-{dist.version_text}")
    log.depth -= 1


def _conflicts(visible: dict[str, Dist], releases: list[Release]) -> str:
    """pip's post-install check, limited to what this install touches."""
    package_set: dict[str, tuple[str, tuple[str, ...]]] = {
        k: (d.version_text, d.requires) for k, d in visible.items()
    }
    installed = set()
    for r in releases:
        package_set[r.key] = (r.version_text, r.requires)
        installed.add(r.key)
    whitelist = set(installed)
    for name, (_, requires) in package_set.items():
        if name in whitelist:
            continue
        for spec in requires:
            if canonicalize_name(Requirement(spec).name) in installed:
                whitelist.add(name)
                break
    return check_text(package_set, whitelist, post_install=True)


def check_text(
    package_set: dict[str, tuple[str, tuple[str, ...]]],
    whitelist: set[str] | None,
    *,
    post_install: bool,
) -> str:
    """The lines of ``pip check`` or of the post-install conflict block ("" if none)."""
    from packaging.version import Version

    missing: dict[str, list[tuple[str, Requirement]]] = {}
    conflicting: dict[str, list[tuple[str, str, Requirement]]] = {}
    env = marker_environment("3.11.7")
    for name, (_, requires) in package_set.items():
        if whitelist is not None and name not in whitelist:
            continue
        miss: set[tuple[str, Requirement]] = set()
        conf: set[tuple[str, str, Requirement]] = set()
        for spec in requires:
            req = Requirement(spec)
            dep = canonicalize_name(req.name)
            if dep not in package_set:
                if req.marker is None or req.marker.evaluate({**env, "extra": ""}):
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
