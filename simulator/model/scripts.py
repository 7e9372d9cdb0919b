"""Texts of the files that pip and venv write: entry scripts and ``activate``.

>>> entry_script("pip", "/home/ana/t/.venv/bin/python3.11").splitlines()[0]
'#!/home/ana/t/.venv/bin/python3.11'
"""

from __future__ import annotations

ACTIVATE_HEADER = '# This file must be used with "source bin/activate" *from bash*'


def entry_script(module: str, python: str) -> str:
    """A console script as pip writes it: its ``#!`` names the absolute python."""
    target = {"pip": ("pip._internal.cli.main", "cli")}.get(module, (f"{module}.__main__", "main"))
    return (
        f"#!{python}\n"
        "import sys\n"
        f"from {target[0]} import {target[1]}\n"
        "if __name__ == '__main__':\n"
        "    sys.argv[0] = sys.argv[0].removesuffix('.exe')\n"
        f"    sys.exit({target[1]}())\n"
    )


def shebang(text: str) -> str | None:
    """The interpreter a ``#!`` line names, or None."""
    if not text.startswith("#!"):
        return None
    first = text[2:].split("\n", 1)[0].strip()
    return first.split()[0] if first else None


def activate_script(venv_dir: str, prompt: str) -> str:
    """``bin/activate`` as CPython 3.11's venv writes it, with the folder baked in."""
    return (
        ACTIVATE_HEADER + "\n"
        "# you cannot run it directly\n"
        "\n"
        "deactivate () {\n"
        "    # reset old environment variables\n"
        '    if [ -n "${_OLD_VIRTUAL_PATH:-}" ] ; then\n'
        '        PATH="${_OLD_VIRTUAL_PATH:-}"\n'
        "        export PATH\n"
        "        unset _OLD_VIRTUAL_PATH\n"
        "    fi\n"
        '    if [ -n "${_OLD_VIRTUAL_PYTHONHOME:-}" ] ; then\n'
        '        PYTHONHOME="${_OLD_VIRTUAL_PYTHONHOME:-}"\n'
        "        export PYTHONHOME\n"
        "        unset _OLD_VIRTUAL_PYTHONHOME\n"
        "    fi\n"
        "\n"
        "    # Call hash to forget past commands. Without forgetting\n"
        "    # past commands the $PATH changes we made may not be respected\n"
        "    hash -r 2> /dev/null\n"
        "\n"
        '    if [ -n "${_OLD_VIRTUAL_PS1:-}" ] ; then\n'
        '        PS1="${_OLD_VIRTUAL_PS1:-}"\n'
        "        export PS1\n"
        "        unset _OLD_VIRTUAL_PS1\n"
        "    fi\n"
        "\n"
        "    unset VIRTUAL_ENV\n"
        "    unset VIRTUAL_ENV_PROMPT\n"
        '    if [ ! "${1:-}" = "nondestructive" ] ; then\n'
        "    # Self destruct!\n"
        "        unset -f deactivate\n"
        "    fi\n"
        "}\n"
        "\n"
        "# unset irrelevant variables\n"
        "deactivate nondestructive\n"
        "\n"
        f'VIRTUAL_ENV="{venv_dir}"\n'
        "export VIRTUAL_ENV\n"
        "\n"
        '_OLD_VIRTUAL_PATH="$PATH"\n'
        'PATH="$VIRTUAL_ENV/bin:$PATH"\n'
        "export PATH\n"
        "\n"
        "# unset PYTHONHOME if set\n"
        "# this will fail if PYTHONHOME is set to the empty string (which is bad anyway)\n"
        "# could use `if (set -u; : $PYTHONHOME) ;` in bash\n"
        'if [ -n "${PYTHONHOME:-}" ] ; then\n'
        '    _OLD_VIRTUAL_PYTHONHOME="${PYTHONHOME:-}"\n'
        "    unset PYTHONHOME\n"
        "fi\n"
        "\n"
        'if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT:-}" ] ; then\n'
        '    _OLD_VIRTUAL_PS1="${PS1:-}"\n'
        f'    PS1="({prompt}) ${{PS1:-}}"\n'
        "    export PS1\n"
        f'    VIRTUAL_ENV_PROMPT="({prompt}) "\n'
        "    export VIRTUAL_ENV_PROMPT\n"
        "fi\n"
        "\n"
        "# Call hash to forget past commands. Without forgetting\n"
        "# past commands the $PATH changes we made may not be respected\n"
        "hash -r 2> /dev/null\n"
    )


def parse_activate(text: str) -> tuple[str, str] | None:
    """``(VIRTUAL_ENV, prompt)`` baked into an activate script, or None."""
    if not text.startswith(ACTIVATE_HEADER):
        return None
    venv = prompt = None
    for line in text.splitlines():
        if line.startswith('VIRTUAL_ENV="'):
            venv = line[len('VIRTUAL_ENV="') : -1]
        elif line.startswith('    VIRTUAL_ENV_PROMPT="('):
            prompt = line[len('    VIRTUAL_ENV_PROMPT="(') : -len(') "')]
    if venv is None or prompt is None:
        return None
    return venv, prompt
