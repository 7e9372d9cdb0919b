"""Replay a scenario on real CPython ``venv`` and real pip 26.3, offline, in a sandbox.

The machine is built inside a temporary folder ``T`` (see ``machine``), which is
``/`` of a bubblewrap sandbox (see ``sandbox``): the steps see ``/home/ana``,
``/usr`` and ``/srv/pypi/simple`` at their real paths, as an unprivileged user
without network. Every step runs in ONE real bash process, so ``cd`` and
``source`` carry over. The result has the shape of ``venvsim run FILE --json``.

    python -m simulator.verify.replay FILE [--keep]

>>> print(_driver(["cd ~", "pip --version"]).splitlines()[4])
{ cd ~
"""

from __future__ import annotations

import argparse
import dataclasses
import email.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from packaging.utils import canonicalize_name

from simulator.model import debian
from simulator.model.layout import SYSTEM_PREFIX, site_packages, user_base
from simulator.verify import debian_box, debian_root, sandbox
from simulator.verify import machine as machines
from simulator.verify.safe import Folder
from simulator.verify.scenario import Scenario, load

HIDDEN = {"pip", "setuptools", "wheel"}
KINDS = {"system": 0, "user": 1, "venv": 2}
RUN = "/dev/.venvsim"  # where the driver keeps each step's output and exit code, inside
DEPTH = 40  # folders deep a venv is looked for
FOLDERS = 20_000  # folders looked into for venvs, at most
PROLOGUE = "export PS1='\\u@\\h:\\w\\$ '\nunset HISTFILE\n"
MARK = "\\037step "  # starts each step's part of the shell's errors
SHELL = ["/bin/bash", "--noprofile", "--norc", "--noediting", "-i", "-s"]


# ---------------------------------------------------------------- running the shell


def _driver(steps: list[str]) -> str:
    """The bash script that runs every step, saving each output and exit code."""
    lines = [PROLOGUE]
    for i, text in enumerate(steps):
        lines.append(f"printf '{MARK}%d\\n' {i} >&2")  # bash's own complaints follow
        if i:  # give the step the previous step's $?, as a terminal would
            lines.append(f"( exit $(<{RUN}/{i - 1}.rc) )")
        lines.append(f"{{ {text}\n}} </dev/null >{RUN}/{i}.out 2>&1")
        lines.append(f"echo $? >{RUN}/{i}.rc")
    return "\n".join(lines) + "\n"


class Running(Protocol):
    """A started shell: a ``Popen`` of bwrap, or ``debian_box.Held``."""

    @property
    def returncode(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int: ...

    def stop(self) -> None: ...


class _Bwrap:
    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode

    def wait(self, timeout: float | None = None) -> int:
        return self.proc.wait(timeout)

    def stop(self) -> None:
        sandbox.stop(self.proc)


def _run_shell(
    script: Path, begin: Callable[[IO[bytes], IO[bytes]], Running], run: Path,
    limits: sandbox.Limits, steps: int
) -> tuple[int, str, int | None]:
    """Run the driver in one bash: ``begin(stdin, stderr)`` starts it in the sandbox.

    Returns bash's exit code, the end of its errors, and the step that was stopped
    for running past a time limit (None if none was).
    """
    with open(script, "rb") as stdin, open(script.with_suffix(".err"), "w+b") as err:
        proc = begin(stdin, err)
        start = step_start = time.monotonic()
        current = 0
        stopped = None
        while True:
            try:
                proc.wait(0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            while current < steps and os.path.lexists(run / f"{current}.rc"):
                current, step_start = current + 1, now
            if now - start > limits.seconds or now - step_start > limits.step_seconds:
                stopped = current
                proc.stop()
                break
        err.seek(0)
        tail = err.read(limits.output).decode("utf-8", errors="replace")
    return proc.returncode if proc.returncode is not None else 137, tail, stopped


def _bwrap(m: machines.Machine, run: Path, limits: sandbox.Limits
           ) -> Callable[[IO[bytes], IO[bytes]], Running]:
    box = m.sandbox(limits)
    box = dataclasses.replace(box, binds=(*box.binds, sandbox.Bind(run, RUN, writable=True)))

    def begin(stdin: IO[bytes], err: IO[bytes]) -> Running:
        return _Bwrap(sandbox.start(box, SHELL, m.env(), stdin=stdin, stdout=subprocess.DEVNULL,
                                    stderr=err, cwd=m.home, argv0="bash"))

    return begin


def _bash_said(stderr: str) -> dict[int, str]:
    """bash's own complaints about each step (a syntax error, a here-document cut short),
    from the shell's errors, prompts and job-control notices left out."""
    said: dict[int, str] = {}
    step = -1
    for line in stderr.splitlines():
        at = line.find("\037step ")
        if at >= 0 and line[at + 6 :].isdigit():
            step = int(line[at + 6 :])
            continue
        at = line.find("bash: ")
        if at < 0 or "job control" in line or "terminal process group" in line:
            continue
        text = re.sub(r"^bash: line \d+: ", "bash: ", line[at:])
        text = re.sub(r"here-document at line \d+", "here-document at line 1", text)
        if not ("\n" + said.get(step, "")).endswith("\n" + text + "\n"):  # the driver's '}'
            said[step] = said.get(step, "") + text + "\n"
    return said


def _steps(
    texts: tuple[str, ...], run: Path, returncode: int, stderr: str, stopped: int | None,
    limits: sandbox.Limits,
) -> list[dict[str, Any]]:
    """What each step printed and returned, read back; the steps after one that ended the
    shell (``exit``, ``exec``, a time limit) did not run and are left out."""
    results: list[dict[str, Any]] = []
    said = _bash_said(stderr)
    with Folder(run) as folder:
        for i, text in enumerate(texts):
            out = folder.read(f"{i}.out", limits.output)
            rc = (folder.read(f"{i}.rc", 64) or b"").strip()
            output = out.decode("utf-8", errors="replace") if out is not None else said.get(i, "")
            if rc.isdigit() and stopped != i:
                results.append({"run": text, "exit_code": int(rc), "output": output})
                continue
            if stopped == i:
                output += (f"venvsim verify: stopped after the time limit "
                           f"({limits.step_seconds:.0f} s a step, {limits.seconds:.0f} s in all)\n")
                code = 124
            else:
                code = returncode
            results.append({"run": text, "exit_code": code, "output": output})
            break
    return results


# ---------------------------------------------------------------- environments


def _packages(top: Folder, site: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, is_dir in top.entries(site):
        if is_dir and name.endswith(".dist-info"):
            meta = top.read(f"{site}/{name}/METADATA")
        elif name.endswith(".egg-info"):  # apt's packages built with setuptools (Debian)
            meta = top.read(f"{site}/{name}/PKG-INFO" if is_dir else f"{site}/{name}")
        else:
            continue
        if meta is None:
            continue
        text = meta.decode("utf-8", errors="replace")
        headers = email.parser.HeaderParser().parsestr(text)
        dist, version = headers.get("Name"), headers.get("Version")
        if dist and version and canonicalize_name(dist) not in HIDDEN:
            found[canonicalize_name(dist)] = version
    return dict(sorted(found.items()))


def _minor(version: str) -> str:
    return ".".join(version.strip().split(".")[:2])


def _venvs(top: Folder, start: str) -> list[tuple[str, str]]:
    """(folder, text of its pyvenv.cfg) of each venv below ``start``, links not followed."""
    found = []
    stack = [start]
    looked = 0
    while stack and looked < FOLDERS:
        rel = stack.pop()
        looked += 1
        entries = top.entries(rel)
        if any(n == "pyvenv.cfg" and not d for n, d in entries):
            cfg = top.read(f"{rel}/pyvenv.cfg", 1 << 16) or b""
            found.append((rel, cfg.decode("utf-8", errors="replace")))
        if rel.count("/") < DEPTH:
            stack += [f"{rel}/{n}" for n, d in reversed(entries)
                      if d and n not in ("site-packages", "__pycache__")]
    return found


def environments(m: machines.Machine) -> list[dict[str, Any]]:
    """Every environment on the machine at the end, read from the real folders."""
    return _environments(m.root, m.pythons, m.home,
                         lambda minor: [site_packages(SYSTEM_PREFIX, minor)])


def debian_environments(root: Path, home: str) -> list[dict[str, Any]]:
    """The same on the Debian machine: its system pip lists apt's packages and, over
    them, /usr/local's (``simulator.model.debian.site_dirs``)."""
    return _environments(root, (debian.MINOR,), home,
                         lambda minor: list(reversed(debian.site_dirs(minor))))


def _environments(root: Path, pythons: Sequence[str], home: str,
                  system_sites: Callable[[str], list[str]]) -> list[dict[str, Any]]:
    envs: list[dict[str, Any]] = []
    with Folder(root) as top:
        for minor in pythons:
            packages: dict[str, str] = {}
            for site in system_sites(minor):  # a later folder's version wins
                packages.update(_packages(top, site[1:]))
            envs.append({
                "prefix": SYSTEM_PREFIX,
                "kind": "system",
                "python": minor,
                "packages": dict(sorted(packages.items())),
            })
        base = user_base(home)[1:]
        for name, is_dir in top.entries(base + "/lib"):
            site = f"{base}/lib/{name}/site-packages"
            if is_dir and name.startswith("python3.") and top.entries(site):
                envs.append({
                    "prefix": "/" + base,
                    "kind": "user",
                    "python": name[len("python") :],
                    "packages": _packages(top, site),
                })
        for start in ("home", "root", "tmp"):
            for rel, cfg in _venvs(top, start):
                version = ""
                for line in cfg.splitlines():
                    key, sep, value = line.partition("=")
                    if sep and key.strip() in ("version", "version_info") and not version:
                        version = value.strip()
                minor = _minor(version) if version else "?"
                envs.append({
                    "prefix": "/" + rel,
                    "kind": "venv",
                    "python": minor,
                    "packages": _packages(top, f"{rel}/lib/python{minor}/site-packages"),
                })

    def order(env: dict[str, Any]) -> tuple[int, tuple[int, ...], str]:
        digits = tuple(int(p) for p in env["python"].split(".") if p.isdigit())
        return KINDS[env["kind"]], digits, env["prefix"]

    return sorted(envs, key=order)


# ---------------------------------------------------------------- replay


def _work_folder() -> Path:
    """A new temporary folder the sandbox's host user can reach (``/tmp`` if the usual
    one sits in a folder closed to it)."""
    base = Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="venvsim-verify-",
                                 dir=base if sandbox.reachable(base) else "/tmp"))
    work.chmod(0o711)  # the sandbox's host user goes through it to its own folders
    return work


def replay(
    path: str | Path, *, keep: bool = False, limits: sandbox.Limits | None = None
) -> dict[str, Any]:
    """Replay the scenario file ``path`` for real; same shape as ``venvsim run --json``.

    Extra keys appear only when they have something to say: ``lacks`` (CPython
    versions this host does not have; steps using them may differ), ``notes``,
    and ``root`` (the kept folder, with ``keep=True``). Raises ``ValueError`` for
    a bad file, or when no sandbox can be made here.
    """
    scen = load(path)
    limits = limits or sandbox.Limits()
    if scen.os == "debian13":
        return _replay_debian(scen, limits, keep)
    why = sandbox.unavailable()
    if why:
        raise ValueError(f"cannot verify here: {why}")
    work = _work_folder()
    root = work / "root"
    run = work / "run"
    try:
        for d in (root, run, work / "wheels"):
            d.mkdir()
        m = machines.build(scen, root, work / "wheels")
        script = work / "driver.sh"
        script.write_text(_driver(list(scen.steps)), encoding="utf-8")
        sandbox.give(run)
        returncode, stderr, stopped = _run_shell(script, _bwrap(m, run, limits), run, limits,
                                                 len(scen.steps))
        results = _steps(scen.steps, run, returncode, stderr, stopped, limits)
        result: dict[str, Any] = {"steps": results, "environments": environments(m)}
        if m.lacks:
            result["lacks"] = [f"this machine lacks CPython {v}" for v in m.lacks]
        if m.notes:
            result["notes"] = list(m.notes)
        if keep:
            result["root"] = str(root)
        return result
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def _replay_debian(scen: Scenario, limits: sandbox.Limits, keep: bool) -> dict[str, Any]:
    """``replay`` of a Debian 13 machine: the same driver, in ``debian_box``'s sandbox over
    the cached Debian root (``keep`` keeps the overlay's upper layer: what the run changed)."""
    base = debian_root.default_root()
    why = debian_box.unavailable(base)
    if why:
        raise ValueError(f"cannot verify here: {why}")
    work = _work_folder()
    run = work / "run"
    held: list[debian_box.Held] = []
    try:
        run.mkdir()
        debian_box.give(run, debian_box.UID)
        releases = [r for rels in scen.index.values() for r in rels]
        session = debian_root.session(work, scen.user, releases, scen.projects, SHELL, limits,
                                      binds=[(run, RUN)], root=base)
        script = work / "driver.sh"
        script.write_text(_driver(list(scen.steps)), encoding="utf-8")

        def begin(stdin: IO[bytes], err: IO[bytes]) -> Running:
            held.append(debian_box.start(session, stdin=stdin, stdout=subprocess.DEVNULL,
                                         stderr=err))
            return held[0]

        returncode, stderr, stopped = _run_shell(script, begin, run, limits, len(scen.steps))
        for line in stderr.splitlines():
            if line.startswith(debian_box.STARTED):
                raise RuntimeError(line[len("venvsim: "):])
        results = [{**step, "output": debian_root.terminal(step["output"])}
                   for step in _steps(scen.steps, run, returncode, stderr, stopped, limits)]
        result: dict[str, Any] = {"steps": results,
                                  "environments": debian_environments(held[0].merged, scen.home)}
        if keep:
            result["root"] = str(work / "layers/upper")
        return result
    finally:
        for h in held:
            h.close()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator.verify.replay",
        description="Replay a scenario on real venv and pip 26.3 and print the JSON result.",
    )
    parser.add_argument("file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary machine")
    args = parser.parse_args(argv)
    try:
        result = replay(args.file, keep=args.keep)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in result.get("lacks", []):
        print(f"warning: {line}; steps using it may differ", file=sys.stderr)
    print(json.dumps(result, indent=2, sort_keys=False, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
