"""Replay a scenario on real CPython ``venv`` and real pip 26.3, offline.

The machine is built inside a temporary folder ``T`` (see ``machine``); every
step then runs in ONE real bash process, so ``cd`` and ``source`` carry over.
The result has the shape of ``venvsim run FILE --json``.

    python -m simulator.verify.replay FILE [--keep]

>>> map_step("cat /usr/lib/x && ls ~/tienda", "/T", "/home/ana", "ana")
('cat /T/usr/lib/x && ls ~/tienda', 0)
>>> map_step("cd ../.. && python -c 'print(4 / 2)'", "/T", "/home/ana", "ana")
("cd ../.. && python -c 'print(4 / 2)'", 2)
>>> map_step("cat /etc/passwd", "/T", "/home/ana", "ana")
Traceback (most recent call last):
...
ValueError: /etc/passwd is not a path of the simulated machine
"""

from __future__ import annotations

import argparse
import email.parser
import functools
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from simulator.model.layout import HOST, SYSTEM_PREFIX, site_packages, user_base
from simulator.verify import machine as machines
from simulator.verify.scenario import load

HIDDEN = {"pip", "setuptools", "wheel"}
KINDS = {"system": 0, "user": 1, "venv": 2}
DEVICES = {"/dev/null", "/dev/stdin", "/dev/stdout", "/dev/stderr"}
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_START = set(" \t\n'\"`;|&<>(){=:")  # a word may begin after these
_END = set(" \t\n'\"`;|&<>():")  # and ends before these
ABORT = 99


# ---------------------------------------------------------------- paths in steps


def _normalize(path: str) -> list[str]:
    """Components of an absolute path; ValueError if ``..`` climbs above /."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise ValueError(f"{path} climbs above /")
            parts.pop()
        else:
            parts.append(part)
    return parts


def _climb(path: str) -> int:
    """How many levels above its start a relative path reaches."""
    depth = lowest = 0
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            lowest = min(lowest, depth)
        elif part not in ("", "."):
            depth += 1
    return -lowest


def _map_path(token: str, root: str) -> str:
    if token in DEVICES:
        return token
    parts = _normalize(token)
    if parts and parts[0] not in machines.ROOTS:
        raise ValueError(f"{token} is not a path of the simulated machine")
    return root + token


def map_step(text: str, root: str, home: str, user: str) -> tuple[str, int]:
    """Map the simulated absolute paths of a step into ``root``.

    Returns the new text and how many levels its relative ``..`` paths may climb (summed)
    (checked against the real current folder when the step runs). Raises
    ``ValueError`` for a path that would leave the machine.
    """
    out: list[str] = []
    climb = 0
    quote = ""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote != "'" and c == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
            continue
        if c in "'\"" and quote in ("", c):
            quote = "" if quote else c
            out.append(c)
            i += 1
            continue
        at_start = i == 0 or text[i - 1] in _START
        if not at_start or c in _END:
            out.append(c)
            i += 1
            continue
        url = _URL.match(text, i)
        end = _END - {":"} if url else _END
        j = i
        while j < n and text[j] not in end:
            j += 1
        token = text[i:j]
        if url:
            if token.startswith("file://") and token[7:8] == "/":
                token = "file://" + _map_path(token[7:], root)
        elif token == "/":
            lone = not quote or (text[i - 1] == quote and text[j : j + 1] == quote)
            token = root + "/" if lone else token
        elif token.startswith("/"):
            token = _map_path(token, root)
        elif token.startswith("~") and not quote:
            name, _, rest = token[1:].partition("/")
            if name in ("", "+", "-"):
                if name == "" and _climb(rest) > len(_normalize(home)):
                    raise ValueError(f"{token} climbs above /")
            elif name == user:
                token = _map_path(home + ("/" + rest if rest else ""), root)
            else:
                raise ValueError(f"{token}: ~{name} is not a user of the simulated machine")
        elif ".." in token.split("/"):
            climb += _climb(token)
        out.append(token)
        i = j
    return "".join(out), climb


# ---------------------------------------------------------------- running the shell


@functools.cache
def _launcher() -> tuple[str, list[str]]:
    """An interactive bash (as a terminal runs it), in new UTS and network namespaces if
    this host allows them: hostname aula, and no network at all."""
    bash = shutil.which("bash", path=machines.HOST_PATH) or "/bin/bash"
    shell = ["--noprofile", "--norc", "--noediting", "-i", "-s"]
    unshare = shutil.which("unshare", path=machines.HOST_PATH)
    hostname = shutil.which("hostname", path=machines.HOST_PATH)
    if unshare and hostname:
        ns = [unshare, "--uts", "--net", "--"]
        try:
            probe = subprocess.run(
                [*ns, hostname, HOST], capture_output=True, timeout=10, stdin=subprocess.DEVNULL
            )
        except (OSError, subprocess.TimeoutExpired):
            probe = None
        if probe is not None and probe.returncode == 0:
            inner = f"{shlex.quote(hostname)} {HOST} && exec -a bash {shlex.join([bash, *shell])}"
            return unshare, [*ns, bash, "--noprofile", "--norc", "-c", inner]
    return bash, ["bash", *shell]


PROLOGUE = "export PS1='\\u@\\h:\\w\\$ '\nunset HISTFILE\n"


def _driver(steps: list[tuple[str, int]], root: str, run: Path) -> str:
    """The bash script that runs every step, saving each output and exit code."""
    if not re.fullmatch(r"/[A-Za-z0-9_./-]+", root):
        raise ValueError(f"unsafe temporary folder name: {root!r}")
    q = shlex.quote
    inside = f"{root}|{root}/*"
    lines = [PROLOGUE]
    for i, (text, climb) in enumerate(steps):
        abort = q(str(run / "abort"))
        if climb:
            depth = f'"$(P=${{PWD#{root}}}; P=${{P//[!\\/]/}}; echo ${{#P}})"'
            lines.append(
                f"if [ {depth} -lt {climb} ]; then echo \"step {i + 1}: '..' would climb "
                f'above / from ${{PWD#{root}}}/" >{abort}; exit {ABORT}; fi'
            )
        if i:  # give the step the previous step's $?, as a terminal would
            lines.append(f"( exit $(<{q(str(run / f'{i - 1}.rc'))}) )")
        lines.append(f"{{ {text}\n}} </dev/null >{q(str(run / f'{i}.out'))} 2>&1")
        lines.append(f"echo $? >{q(str(run / f'{i}.rc'))}")
        lines.append(
            f'case $PWD in {inside}) ;; *) echo "step {i + 1} left the machine for $PWD" '
            f">{abort}; exit {ABORT};; esac"
        )
    return "\n".join(lines) + "\n"


def _run_shell(script: Path, m: machines.Machine, timeout: float) -> tuple[int, str]:
    """Run the driver in one bash process; its exit code and the tail of its stderr."""
    exe, argv = _launcher()
    with open(script, "rb") as stdin:
        proc = subprocess.Popen(
            argv,
            executable=exe,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=m.env(),
            cwd=m.real(m.home),
            start_new_session=True,
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RuntimeError(f"the steps did not finish within {timeout:.0f} s") from None
    return proc.returncode, err.decode("utf-8", errors="replace")[-2000:]


def _unroot(text: str, root: str) -> str:
    """Show simulated paths: ``T/x`` becomes ``/x`` and a bare ``T`` becomes ``/``."""
    return re.sub(re.escape(root) + r"(?!/)", "/", text.replace(root + "/", "/"))


# ---------------------------------------------------------------- environments


def _packages(site: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    if not site.is_dir():
        return found
    for info in sorted(site.glob("*.dist-info")):
        meta = info / "METADATA"
        if not meta.is_file():
            continue
        text = meta.read_text(encoding="utf-8", errors="replace")
        headers = email.parser.HeaderParser().parsestr(text)
        name, version = headers.get("Name"), headers.get("Version")
        if name and version and canonicalize_name(name) not in HIDDEN:
            found[canonicalize_name(name)] = version
    return dict(sorted(found.items()))


def _minor(version: str) -> str:
    return ".".join(version.strip().split(".")[:2])


def environments(m: machines.Machine) -> list[dict[str, Any]]:
    """Every environment on the machine at the end, read from the real folders."""
    root = str(m.root)
    envs: list[dict[str, Any]] = []
    for minor in m.pythons:
        site = m.real(site_packages(SYSTEM_PREFIX, minor))
        envs.append(
            {
                "prefix": SYSTEM_PREFIX,
                "kind": "system",
                "python": minor,
                "packages": _packages(site),
            }
        )
    base = user_base(m.home)
    for lib in sorted(m.real(base + "/lib").glob("python3.*")):
        site = lib / "site-packages"
        if site.is_dir() and any(site.iterdir()):
            envs.append(
                {
                    "prefix": base,
                    "kind": "user",
                    "python": lib.name[len("python") :],
                    "packages": _packages(site),
                }
            )
    for top in ("/home", "/root", "/tmp"):
        for dirpath, dirnames, filenames in os.walk(m.real(top)):
            dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
            if "pyvenv.cfg" not in filenames:
                continue
            cfg = Path(dirpath) / "pyvenv.cfg"
            version = ""
            for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
                key, sep, value = line.partition("=")
                if sep and key.strip() in ("version", "version_info") and not version:
                    version = value.strip()
            minor = _minor(version) if version else "?"
            site = Path(dirpath) / "lib" / f"python{minor}" / "site-packages"
            envs.append(
                {
                    "prefix": dirpath[len(root) :],
                    "kind": "venv",
                    "python": minor,
                    "packages": _packages(site),
                }
            )

    def order(env: dict[str, Any]) -> tuple[int, tuple[int, ...], str]:
        digits = tuple(int(p) for p in env["python"].split(".") if p.isdigit())
        return KINDS[env["kind"]], digits, env["prefix"]

    return sorted(envs, key=order)


# ---------------------------------------------------------------- replay


def replay(path: str | Path, *, keep: bool = False, timeout: float = 900) -> dict[str, Any]:
    """Replay the scenario file ``path`` for real; same shape as ``venvsim run --json``.

    Extra keys appear only when they have something to say: ``lacks`` (CPython
    versions this host does not have; steps using them may differ), ``notes``,
    and ``root`` (the kept folder, with ``keep=True``).
    """
    scen = load(path)
    work = Path(tempfile.mkdtemp(prefix="venvsim-verify-"))
    root = work / "root"
    run = work / "run"
    try:
        real_root = str(root.resolve())
        steps = [map_step(s, real_root, scen.home, scen.user) for s in scen.steps]
        for d in (root, run, work / "wheels"):
            d.mkdir()
        m = machines.build(scen, Path(real_root), work / "wheels")
        script = run / "driver.sh"
        script.write_text(_driver(steps, real_root, run), encoding="utf-8")
        returncode, stderr = _run_shell(script, m, timeout)
        abort = run / "abort"
        if abort.exists():
            reason = abort.read_text(encoding="utf-8").strip()
            raise ValueError(f"{path}: {_unroot(reason, real_root)}")
        results = []
        for i, text in enumerate(scen.steps):
            rc, out = run / f"{i}.rc", run / f"{i}.out"
            if not rc.exists() and (not out.exists() or i + 1 < len(scen.steps)):
                raise RuntimeError(
                    f"{path}: step {i + 1} ({text!r}) ended the shell (exit {returncode}); "
                    f"the steps after it did not run. {_unroot(stderr, real_root)}".strip()
                )
            code = int(rc.read_text().strip()) if rc.exists() else returncode
            output = out.read_bytes().decode("utf-8", errors="replace")
            results.append({"run": text, "exit_code": code, "output": _unroot(output, real_root)})
        result: dict[str, Any] = {"steps": results, "environments": environments(m)}
        if m.lacks:
            result["lacks"] = [f"this machine lacks CPython {v}" for v in m.lacks]
        if m.notes:
            result["notes"] = list(m.notes)
        if keep:
            result["root"] = real_root
        return result
    finally:
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
