"""``pip list``, ``freeze``, ``show``, ``check`` and ``uninstall``."""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..model.dist import Dist
from ..resolver import display_path
from .context import ERROR, SUCCESS, PipRun
from .install import check_text
from .options import OptionValue

LIST_OPTIONS = {
    "--local": "flag", "-l": "--local", "--user": "flag", "--format": "value",
    "--outdated": "flag", "-o": "--outdated", "--uptodate": "flag", "-u": "--uptodate",
    "--not-required": "flag", "--exclude": "list", "--quiet": "count", "-q": "--quiet",
    "--verbose": "count", "-v": "--verbose", "--path": "list", "--pre": "flag",
}
FREEZE_OPTIONS = {
    "--local": "flag", "-l": "--local", "--user": "flag", "--all": "flag",
    "--exclude": "list", "--requirement": "list", "-r": "--requirement",
    "--quiet": "count", "-q": "--quiet", "--verbose": "count", "-v": "--verbose",
}
SHOW_OPTIONS = {"--files": "flag", "-f": "--files", "--verbose": "count", "-v": "--verbose",
                "--quiet": "count", "-q": "--quiet"}
CHECK_OPTIONS = {"--verbose": "count", "-v": "--verbose", "--quiet": "count", "-q": "--quiet"}
UNINSTALL_OPTIONS = {
    "--yes": "flag", "-y": "--yes", "--requirement": "list", "-r": "--requirement",
    "--break-system-packages": "flag", "--root-user-action": "value",
    "--quiet": "count", "-q": "--quiet", "--verbose": "count", "-v": "--verbose",
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
    rows = [["Package", "Version"]]
    rows += [[d.name, d.version_text] for d in dists]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    rows.insert(1, ["-" * widths[0], "-" * widths[1]])
    for r in rows:
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
        run.log.error("Please provide a package name or names.")
        return ERROR
    visible = run.visible()
    found = [visible[canonicalize_name(a)] for a in args if canonicalize_name(a) in visible]
    missing = [a for a in args if canonicalize_name(a) not in visible]
    if missing:
        run.log.warning(f"Package(s) not found: {', '.join(missing)}")
    for i, d in enumerate(found):
        if i:
            run.log.info("---")
        requires = sorted(
            {Requirement(r).name for r in d.requires if _marker_ok(r)}, key=str.lower
        )
        required_by = sorted(
            other.name
            for other in visible.values()
            if any(canonicalize_name(Requirement(r).name) == d.key for r in other.requires)
        )
        for line in (
            f"Name: {d.name}",
            f"Version: {d.version_text}",
            f"Summary: {d.summary}",
            "Home-page: ",
            "Author: ",
            "Author-email: ",
            "License: ",
            f"Location: {d.location}",
            f"Requires: {', '.join(requires)}",
            f"Required-by: {', '.join(required_by)}",
        ):
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
    text = check_text(package_set, None, post_install=False)
    if text:
        run.log.info(text)
        return ERROR
    run.log.info("No broken requirements found.")
    return SUCCESS


def uninstall(run: PipRun, opts: dict[str, OptionValue], args: list[str]) -> int:
    log = run.log
    names = list(args)
    if not names and not opts.get("--requirement"):
        log.error(
            'You must give at least one requirement to uninstall (see "pip help uninstall")'
        )
        return ERROR
    if not opts.get("--break-system-packages") and run.externally_managed_error():
        return ERROR
    visible = run.visible()
    targets: list[Dist] = []
    for name in names:
        try:
            key = canonicalize_name(Requirement(name).name)
        except InvalidRequirement:
            log.error(f"Invalid requirement: {name!r}")
            return ERROR
        dist = visible.get(key)
        if dist is None:
            log.warning(f"Skipping {name} as it is not installed.")
            continue
        targets.append(dist)
    for dist in targets:
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
            log.info(f"  {display_path(dist.location, '/')}/{dist.name.replace('-', '_')}/*")
            log.info(f"  {dist.dist_info}/*")
            log.info("Proceed (Y/n)? ")
            log.depth -= 1
            log.error("Exception:")
            return ERROR
        run.remove_dist(dist)
        log.info(f"Successfully uninstalled {dist.name}-{dist.version_text}")
        log.depth -= 1
    return SUCCESS
