"""``sudo`` as a Debian 13 teaching VM has it: the student may run anything as root without
a password, and sudo resets the environment (``env_reset``) and searches ``secure_path``.

What is simulated: the command runs as root (``/usr`` writable, home ``/root``, so pip reads
``/etc/pip.conf`` and not the student's variables), then the shell is the student's again.
``-E`` keeps the student's variables (``PIP_*``, ``HOME``) but not ``PATH`` (``secure_path``
wins, so an activated venv's ``pip`` is not the one run); ``-u`` the student runs it as
themself (tests/debian/sudo_keep.txt).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from types import MappingProxyType

from ..model.fs import Binary, File
from ..model.world import World
from ..shell.builtins import BUILTINS
from ..shell.run import Chunks, Ctx, err, execute

SECURE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SUDO_LETTERS = frozenset("ABbCDEegHhiKkLlNnPpRrSsTtUuVv")  # sudo's other options
ALSO_PROGRAMS = ("true", "false", "echo", "printf", "pwd")  # builtins that are files too
USAGE = """usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]
            [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] file ...
"""
BUILTIN_NOTE = """sudo: "{name}" is a shell built-in command, it cannot be run directly.
sudo: the -s option may be used to run a privileged shell.
sudo: the -D option may be used to run a command in a specific directory.
"""


def _find(ctx: Ctx, name: str) -> str | None:
    fs = ctx.world.fs
    folders = [""] if "/" in name else SECURE_PATH.split(":")
    for folder in folders:
        path = posixpath.normpath(posixpath.join(ctx.world.shell.cwd, folder, name))
        node = fs.lookup(path) if fs.exists(path) else None
        if isinstance(node, Binary) or (isinstance(node, File) and node.executable):
            return path
    return None


def _options(args: list[str]) -> tuple[dict[str, str], list[str]] | str:
    """sudo's options before the command: ``-E`` (``--preserve-env``), ``-H`` and ``-u
    USER``; else what sudo says."""
    opts: dict[str, str] = {}
    rest = args[1:]
    while rest and rest[0].startswith("-") and rest[0] != "-":
        word = rest.pop(0)
        if word == "--":
            break
        if word == "--preserve-env":
            opts["-E"] = ""
            continue
        if word.startswith("--"):
            return f"venvsim: sudo's option {word} is not simulated"
        letters = word[1:]
        while letters:
            letter, letters = letters[0], letters[1:]
            if letter in "EH":  # -H: HOME is the target's (Debian's sudoers does so anyway)
                opts[f"-{letter}"] = ""
            elif letter == "u":
                if not letters and not rest:
                    return "sudo: option requires an argument -- 'u'\n" + USAGE
                opts["-u"], letters = (letters, "") if letters else (rest.pop(0), "")
            elif letter in SUDO_LETTERS:
                return f"venvsim: sudo's option -{letter} is not simulated"
            else:
                return f"sudo: invalid option -- '{letter}'\n" + USAGE
    return opts, rest


def _environment(saved: World, path: str, args: list[str], user: str,
                 keep: bool) -> dict[str, str]:
    """The command's environment: Debian's sudoers resets it (``env_reset``) to a few
    variables; ``-E`` keeps the user's, in their order (``MAIL`` aside); both search
    ``secure_path`` and add ``SHELL``, ``TERM`` and the ``SUDO_*`` variables, as recorded."""
    home = "/root" if user == "root" else saved.home
    shell = saved.shell
    if keep:
        env = {k: v for k, v in shell.env.items() if k not in shell.unexported}
        env.update(LOGNAME=user, USER=user, PATH=SECURE_PATH)
    else:
        env = {"LANG": shell.env["LANG"]} if "LANG" in shell.env else {}
        env.update(PATH=SECURE_PATH, MAIL=f"/var/mail/{user}", LOGNAME=user, USER=user,
                   HOME=home)
    for key in ("SHELL", "TERM", "SUDO_COMMAND", "SUDO_USER", "SUDO_UID", "SUDO_GID", "SUDO_HOME"):
        env.pop(key, None)
    term = shell.env.get("TERM", "unknown") if "TERM" not in shell.unexported else "unknown"
    env.update(SHELL="/bin/bash", TERM=term,
               SUDO_COMMAND=" ".join([re.sub("^/bin/", "/usr/bin/", path), *args]),
               SUDO_USER=saved.user, SUDO_UID="1000", SUDO_GID="1000", SUDO_HOME=saved.home)
    return env


def sudo(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``sudo [-E] [-H] [-u USER] COMMAND ARGS...``: the command run as root (or as USER)."""
    if len(args) < 2:
        return 1, err(USAGE)
    parsed = _options(args)
    if isinstance(parsed, str):
        return 1, err(parsed)
    opts, command = parsed
    if not command:
        return 1, err(USAGE)
    saved = ctx.world
    user = opts.get("-u", "root")
    if user not in ("root", saved.user):
        return 1, err(f"venvsim: sudo -u {user} is not simulated (only root and {saved.user})")
    path = _find(ctx, command[0])
    if path is None and command[0] in ALSO_PROGRAMS:
        path = f"/usr/bin/{command[0]}"
    if path is None:
        text = f"sudo: {command[0]}: command not found\n"
        if command[0] in BUILTINS:
            text += BUILTIN_NOTE.format(name=command[0])
        return 1, err(text)
    env = _environment(saved, path, command[1:], user, "-E" in opts)
    if "-H" in opts:
        env["HOME"] = "/root" if user == "root" else saved.home
    shell = replace(saved.shell, env=MappingProxyType(env), hashed=MappingProxyType({}),
                    functions=frozenset(), unexported=frozenset())
    ctx.world = replace(saved, user=user, shell=shell)
    code, produced = execute(ctx, command, stdin)
    ctx.world = replace(ctx.world, user=saved.user, shell=saved.shell)
    return code, produced
