"""Texts of the files that pip and venv write: entry scripts and ``activate``.

>>> entry_script("pip", "/home/ana/t/.venv/bin/python3.11").splitlines()[0]
'#!/home/ana/t/.venv/bin/python3.11'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .entrypoints import console_script

ACTIVATE_HEADER = '# This file must be used with "source bin/activate" *from bash*'


def entry_script(module: str, python: str) -> str:
    """A console script as pip writes it: its ``#!`` names the absolute python."""
    target = {"pip": "pip._internal.cli.main:cli"}.get(module, f"{module}.__main__:main")
    return console_script(target, python)


def shebang(text: str) -> str | None:
    """The interpreter a ``#!`` line names, or None."""
    if not text.startswith("#!"):
        return None
    first = text[2:].split("\n", 1)[0].strip()
    return first.split()[0] if first else None


def _template_minor(minor: str) -> str:
    """The CPython whose venv templates apply (3.11's for older ones, 3.13's for newer)."""
    parts = tuple(int(p) for p in minor.split("."))
    if parts <= (3, 11):
        return "3.11"
    return "3.12" if parts == (3, 12) else "3.13"


ACTIVATE_FILES = ("activate", "activate.csh", "activate.fish", "Activate.ps1")


@cache
def _templates(version: str) -> tuple[tuple[str, str], ...]:
    """CPython ``version``'s venv templates (package data, read once): (name, text)."""
    from importlib import resources

    folder = resources.files("simulator") / "data" / "venv" / version
    return tuple((name, (folder / name).read_text(encoding="utf-8")) for name in ACTIVATE_FILES)


def venv_scripts(venv_dir: str, prompt: str, minor: str, env_exe: str) -> dict[str, str]:
    """``bin/activate*`` as CPython's venv writes them: its own templates, filled in."""
    version = _template_minor(minor)
    shown = prompt if version == "3.13" else f"({prompt}) "
    out = {}
    for name, text in _templates(version):
        for key, value in (("__VENV_DIR__", venv_dir), ("__VENV_NAME__", venv_dir.rsplit("/", 1)[-1]),
                           ("__VENV_PROMPT__", shown), ("__VENV_BIN_NAME__", "bin"),
                           ("__VENV_PYTHON__", env_exe)):
            text = text.replace(key, value)
        out[name] = text
    return out


def activate_script(venv_dir: str, prompt: str) -> str:
    """``bin/activate`` of a 3.11 venv (see ``venv_scripts`` for every version)."""
    return venv_scripts(venv_dir, prompt, "3.11", f"{venv_dir}/bin/python")["activate"]


@dataclass(frozen=True)
class Activation:
    """What sourcing a venv's ``bin/activate`` sets, read from the script itself."""

    venv: str  # VIRTUAL_ENV, as baked into the script (not where it lies now)
    ps1_prefix: str  # what PS1 gets in front, e.g. "(.venv) "
    prompt_var: str  # VIRTUAL_ENV_PROMPT
    prompt_always: bool  # 3.13 sets VIRTUAL_ENV_PROMPT even when the prompt is disabled


def parse_activate(text: str) -> Activation | None:
    """The values an activate script written by venv sets, or None for another script."""
    if not text.startswith(ACTIVATE_HEADER):
        return None
    venv = ps1 = var = None
    always = False
    for line in text.splitlines():
        bare = line.strip()
        for head in ('VIRTUAL_ENV="', 'export VIRTUAL_ENV="'):
            if bare.startswith(head) and venv is None:
                venv = bare[len(head) : -1]
        if bare.startswith('PS1="') and bare.endswith('${PS1:-}"'):
            ps1 = bare[len('PS1="') : -len('${PS1:-}"')]
        if bare.startswith('VIRTUAL_ENV_PROMPT="'):
            var = bare[len('VIRTUAL_ENV_PROMPT="') : -1]
            always = not line.startswith(" ")
    if venv is None or ps1 is None or var is None:
        return None
    return Activation(venv, ps1, var, always)
