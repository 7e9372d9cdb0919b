"""``sudo`` as a Debian 13 teaching VM has it: the student may run anything as root without
a password, and sudo resets the environment (``env_reset``) and searches ``secure_path``.

What is simulated: the command runs as root (``/usr`` writable, home ``/root``, so pip reads
``/etc/pip.conf`` and not the student's variables), then the shell is the student's again.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from types import MappingProxyType

from ..model.fs import Binary, File
from ..shell.builtins import BUILTINS
from ..shell.run import Chunks, Ctx, err, execute

SECURE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
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


def sudo(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``sudo COMMAND ARGS...`` run as root."""
    if len(args) < 2:
        return 1, err(USAGE)
    if args[1].startswith("-"):
        return 1, err("venvsim: sudo's options are not simulated; use: sudo COMMAND")
    path = _find(ctx, args[1])
    if path is None and args[1] in ALSO_PROGRAMS:
        path = f"/usr/bin/{args[1]}"
    if path is None:
        text = f"sudo: {args[1]}: command not found\n"
        if args[1] in BUILTINS:
            text += BUILTIN_NOTE.format(name=args[1])
        return 1, err(text)
    saved = ctx.world
    env = {"LANG": saved.shell.env["LANG"]} if "LANG" in saved.shell.env else {}
    env.update(PATH=SECURE_PATH, MAIL="/var/mail/root", LOGNAME="root", USER="root",
               HOME="/root", SHELL="/bin/bash", TERM=saved.shell.env.get("TERM", "unknown"),
               SUDO_COMMAND=" ".join([re.sub("^/bin/", "/usr/bin/", path), *args[2:]]), SUDO_USER=saved.user,
               SUDO_UID="1000", SUDO_GID="1000", SUDO_HOME=saved.home)
    shell = replace(saved.shell, env=MappingProxyType(env), hashed=MappingProxyType({}),
                    functions=frozenset(), unexported=frozenset())
    ctx.world = replace(saved, user="root", shell=shell)
    code, produced = execute(ctx, args[1:], stdin)
    ctx.world = replace(ctx.world, user=saved.user, shell=saved.shell)
    return code, produced


