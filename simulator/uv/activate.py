"""Reading the ``bin/activate`` a uv venv has (virtualenv's script, as uv embeds it).

>>> from simulator.uv.virtualenv import script_text
>>> parse(script_text("activate", "/home/ana/.venv", ""))
Activation(venv='/home/ana/.venv', ps1_prefix='(.venv) ', prompt_var='.venv', prompt_always=True)
>>> parse(script_text("activate", "/home/ana/.venv", "shop")).ps1_prefix
'(shop) '
"""

from __future__ import annotations

import posixpath
import re

from ..model.scripts import Activation

HEADER = "# Copyright (c) 2020-202x The virtualenv developers"


def parse(text: str) -> Activation | None:
    """What sourcing a uv venv's ``activate`` sets, or None for another script."""
    if not text.startswith(HEADER):
        return None
    venv = re.search(r"^VIRTUAL_ENV='([^']*)'$", text, re.M)
    prompt = re.search(r'^if \[ "x(.*)" != x \] ; then$', text, re.M)
    if venv is None or prompt is None:
        return None
    shown = prompt.group(1) or posixpath.basename(venv.group(1))
    return Activation(venv.group(1), f"({shown}) ", shown, True)
