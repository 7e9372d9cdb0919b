"""What the shell's ``:tree``, ``:why`` and ``:explain`` answer about a world.

>>> from simulator.model.world import WorldSpec, build
>>> print(tree(build(WorldSpec()), "/usr", depth=1))
/usr
├── bin
├── lib
└── local
"""

from __future__ import annotations

import posixpath
import re

from ..model.world import World
from .run import Outcome


def tree(world: World, folder: str, depth: int = 3) -> str:
    """The files under a folder, a few levels deep, like ``tree -L 3``."""
    from ..model.fs import Symlink, normalize
    from ..model.world import expand_home

    fs = world.fs
    top = normalize(expand_home(folder, world.home), world.shell.cwd)
    if not fs.is_dir(top):
        return f"{folder}: not a folder"
    lines = [folder]

    def walk(path: str, prefix: str, level: int) -> None:
        names = fs.listdir(path)
        for i, name in enumerate(names):
            last = i == len(names) - 1
            full = posixpath.join(path, name)
            node = fs.node(full)
            label = f"{name} -> {node.target}" if isinstance(node, Symlink) else name
            lines.append(f"{prefix}{'└── ' if last else '├── '}{label}")
            if level < depth and fs.is_dir(full) and not isinstance(node, Symlink):
                walk(full, prefix + ("    " if last else "│   "), level + 1)

    walk(top, "", 1)
    return "\n".join(lines)


def why(world: World, name: str, lang: str) -> str:
    """Who needs a package and where it is installed."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    from ..i18n import t
    from ..model.environments import environments
    from ..model.projects import projects
    from ..model.python import dists_in

    key = canonicalize_name(name)
    lines = []
    where = [(e, v) for e in environments(world) for k, v in e.packages if k == key]
    for env, version in where:
        lines.append(t("why_installed_in", lang, name=key, version=version, prefix=env.prefix))
    if not where:
        lines.append(t("why_not_installed", lang, name=key))
    needers = []
    for env in environments(world):
        for d in dists_in(world.fs, env.site):
            for spec in d.requires:
                try:
                    if canonicalize_name(Requirement(spec).name) == key:
                        needers.append(f"{d.name} {d.version_text} ({spec}, {env.prefix})")
                except InvalidRequirement:
                    continue
    for p in projects(world):
        for need in p.needs:
            if need.name == key:
                needers.append(f"{p.name} ({need.requirement})")
    if needers:
        lines.append(t("why_needed_by", lang, name=key, who=", ".join(sorted(set(needers)))))
    else:
        lines.append(t("why_nobody", lang, name=key))
    return "\n".join(lines)


CAUSE = re.compile(r"^    (\S+) (\S+) depends on (.+)$")
BROKE = re.compile(r"^(\S+) (\S+) requires (.+), but you have (\S+) (\S+) which is incompatible\.$")


def explain(outcomes: list[Outcome], lang: str, world: World | None = None) -> str:
    """What is broken now and the last conflict, in plain words, ending with the cure."""
    from ..i18n import t

    now = broken_now(world, lang) if world is not None else ""
    last = last_conflict(outcomes, lang)
    return "\n".join(part for part in (now, last) if part) or t("explain_none", lang)


def broken_now(world: World, lang: str) -> str:
    """The projects that do not work on the machine as it is now, and why."""
    from ..model.projects import projects
    from ..model.world import tilde

    lines = []
    for p in projects(world):
        if p.works:
            continue
        place = tilde(p.folder, world.home)
        where = tilde(p.environment, world.home)
        reasons = []
        for n in p.problems:
            if lang == "es":
                reasons.append(f"necesita {n.requirement} y " + (
                    f"encuentra {n.name} {n.found}" if n.found else f"no encuentra {n.name}"))
            else:
                reasons.append(f"needs {n.requirement} and " + (
                    f"finds {n.name} {n.found}" if n.found else f"does not find {n.name}"))
        if lang == "es":
            lines.append(f"{p.name} ({place}) no funciona: corre con el Python de {where} y "
                         + "; ".join(reasons) + ".")
        else:
            lines.append(f"{p.name} ({place}) is broken: it runs on the Python in {where} and "
                         + "; ".join(reasons) + ".")
    if not lines:
        return ""
    cure = ("La cura: un entorno virtual por proyecto (python3 -m venv .venv en su carpeta, "
            "activarlo e instalar allí lo que necesita)." if lang == "es" else
            "Cure: give each project its own virtual environment (python3 -m venv .venv in its "
            "folder, activate it, and install there what it needs).")
    return "\n".join([*lines, cure])


def last_conflict(outcomes: list[Outcome], lang: str) -> str:
    """The last conflict pip reported, in plain words, ending with the cure."""
    for outcome in reversed(outcomes):
        lines = outcome.output.splitlines()
        causes = [m.groups() for line in lines if (m := CAUSE.match(line))]
        user = [line.strip()[len("The user requested "):] for line in lines
                if line.strip().startswith("The user requested ")]
        if causes or user:
            parts = [f"{a} {v} needs {r}" if lang == "en" else f"{a} {v} necesita {r}"
                     for a, v, r in causes]
            parts += [f"you asked for {r}" if lang == "en" else f"pediste {r}" for r in user]
            joined = " and ".join(parts) if lang == "en" else " y ".join(parts)
            if lang == "en":
                return (f"Because {joined}, no single environment can hold them all, so pip "
                        "installed nothing. Cure: give each project its own virtual "
                        "environment (python3 -m venv .venv in each project folder).")
            return (f"Como {joined}, ningún entorno puede tenerlos a todos, así que pip no "
                    "instaló nada. La cura: un entorno virtual por proyecto (python3 -m venv "
                    ".venv en la carpeta de cada proyecto).")
        broke = [m.groups() for line in lines if (m := BROKE.match(line))]
        if broke:
            a, v, r, b, have = broke[0]
            if lang == "en":
                return (f"pip installed {b} {have} for what you asked, but {a} {v} needs {r}: "
                        f"both share one environment, so {a} is now broken. Cure: give each "
                        "project its own virtual environment.")
            return (f"pip instaló {b} {have} para lo que pediste, pero {a} {v} necesita {r}: "
                    f"comparten un mismo entorno, así que {a} quedó roto. La cura: un entorno "
                    "virtual por proyecto.")
    return ""
