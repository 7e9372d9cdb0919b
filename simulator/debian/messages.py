"""Debian pip 25.1.1's own failures on a Debian 13 machine, as recorded (tests/debian)."""

from __future__ import annotations

import hashlib

PIP = "/usr/lib/python3/dist-packages/pip/_internal"
SHUTIL = "/usr/lib/python3.13/shutil.py"


def stash_name(info: str) -> str:
    """The temporary folder pip moves an uninstalled dist-info to (random in reality)."""
    digest = hashlib.sha256(info.encode()).hexdigest()
    return "/tmp/pip-uninstall-" + "".join(c for c in digest if c.isalpha())[:4] + digest[:4]


def uninstall_denied(info: str) -> str:
    """``pip uninstall`` by an ordinary user of a dist-info root owns (exit 2)."""
    return f"""ERROR: Exception:
Traceback (most recent call last):
  File "{SHUTIL}", line 856, in move
    os.rename(src, real_dst)
    ~~~~~~~~~^^^^^^^^^^^^^^^
PermissionError: [Errno 13] Permission denied: '{info}/' -> '{stash_name(info)}'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "{PIP}/cli/base_command.py", line 105, in _run_wrapper
    status = _inner_run()
  File "{PIP}/cli/base_command.py", line 96, in _inner_run
    return self.run(options, args)
           ~~~~~~~~^^^^^^^^^^^^^^^
  File "{PIP}/commands/uninstall.py", line 106, in run
    uninstall_pathset = req.uninstall(
        auto_confirm=options.yes,
        verbose=self.verbosity > 0,
    )
  File "{PIP}/req/req_install.py", line 723, in uninstall
    uninstalled_pathset.remove(auto_confirm, verbose)
    ~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^
  File "{PIP}/req/req_uninstall.py", line 370, in remove
    moved.stash(path)
    ~~~~~~~~~~~^^^^^^
  File "{PIP}/req/req_uninstall.py", line 261, in stash
    renames(path, new_path)
    ~~~~~~~^^^^^^^^^^^^^^^^
  File "{PIP}/utils/misc.py", line 350, in renames
    shutil.move(old, new)
    ~~~~~~~~~~~^^^^^^^^^^
  File "{SHUTIL}", line 874, in move
    rmtree(src)
    ~~~~~~^^^^^
  File "{SHUTIL}", line 763, in rmtree
    _rmtree_safe_fd(stack, onexc)
    ~~~~~~~~~~~~~~~^^^^^^^^^^^^^^
  File "{SHUTIL}", line 707, in _rmtree_safe_fd
    onexc(func, path, err)
    ~~~~~^^^^^^^^^^^^^^^^^
  File "{SHUTIL}", line 700, in _rmtree_safe_fd
    onexc(os.unlink, fullname, err)
    ~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "{SHUTIL}", line 696, in _rmtree_safe_fd
    os.unlink(entry.name, dir_fd=topfd)
    ~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^
PermissionError: [Errno 13] Permission denied: '{info}/'"""
