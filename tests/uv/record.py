"""Record real uv on a copy of the simulated machine (run by hand, never by the tests).

    python -m tests.uv.record UV_WHEEL COMMANDS.sh OUT.txt

Builds the verifier's machine (CPython copies, pip 26.3, the index of
``tests/uv/machine.py``) in a temporary folder, puts uv from ``UV_WHEEL`` at
``~/.local/bin/uv`` and ``uvx`` with ``~/.config/uv/uv.toml`` as the scenario
contract says, and runs every line of COMMANDS (``# ---`` lines start
sections, ``# ===== ... (reset)`` rebuilds nothing but is kept as a title) in
ONE bash inside bubblewrap: the folder is the root ``/`` (so every path is the
simulated one, nothing to strip), no network, host name ``aula``. The host's tools and
the libraries they, CPython and uv load are lent as the verifier lends them (so the
running environment needs the ``verify`` extra); the machine is made root's, who runs it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

from simulator.model.layout import HOST
from simulator.verify import machine as real_machine
from simulator.verify.scenario import convert
from tests.uv.machine import UV_TOML, UV_VERSION, scenario

NO_EOL = "[no newline at end of output]"
ENV = {
    "HOME": "/home/ana",
    "USER": "ana",
    "LOGNAME": "ana",
    "PATH": "/home/ana/.local/bin:/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PIP_CONFIG_FILE": "/dev/null",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_NO_CACHE_DIR": "1",
    "PIP_ROOT_USER_ACTION": "ignore",
    "PIP_INDEX_URL": "file:///srv/pypi/simple",
    "UV_CACHE_DIR": "/tmp/uv-cache",
    "PYTHONHASHSEED": "0",
}


def lay_out(root: Path, work: Path, wheel: Path) -> list[str]:
    """The simulated machine, for real, under ``root``; the bubblewrap options lending it
    the host's tools and the libraries they, CPython and uv load (the verifier's)."""
    scen = replace(convert(scenario()), tools=("uv",))
    built = real_machine.build(scen, root, work)
    if built.lacks:
        raise SystemExit(f"missing pythons: {built.lacks}")
    for script in (root / "usr/bin").iterdir():
        if script.is_file() and not script.is_symlink() and script.name.startswith("pip"):
            text = script.read_text(encoding="utf-8")
            script.write_text(text.replace(f"#!{root}/", "#!/", 1), encoding="utf-8")
    bin_dir = root / "home/ana/.local/bin"
    with zipfile.ZipFile(wheel) as zf:  # uv from the wheel given (the verifier put its own)
        for name in ("uv", "uvx"):
            data = zf.read(f"uv-{UV_VERSION}.data/scripts/{name}")
            (bin_dir / name).unlink(missing_ok=True)
            (bin_dir / name).write_bytes(data)
            (bin_dir / name).chmod(0o755)
    (root / "home/ana/.config/uv/uv.toml").write_text(UV_TOML, encoding="utf-8")
    binds = [a for b in real_machine.host_binds(built) for a in ("--ro-bind", str(b.source), b.dest)]
    # The verifier hands its machine to an unprivileged user; the recording runs as root, whom
    # bubblewrap leaves no capabilities: the machine is root's.
    for path in [root, *root.rglob("*")]:
        os.lchown(path, 0, 0)
    return binds


def driver(commands: str) -> str:
    """A bash script printing ``$ cmd``, its output and ``[exit code: N]`` for each line."""
    out = ["cd /home/ana", f"NO_EOL={shlex.quote(NO_EOL)}"]
    for line in commands.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            out.append(f"printf '%s\\n' {shlex.quote(line)}")
            continue
        out.append(f"printf '$ %s\\n' {shlex.quote(line)}")
        out.append(f"{{ {line}\n}} >/.out 2>&1 </dev/null")
        out.append('code=$?; cat /.out; [ -n "$(tail -c1 /.out)" ] && printf "\\n%s\\n" "$NO_EOL"')
        out.append('printf "[exit code: %s]\\n\\n" "$code"')
    return "\n".join(out) + "\n"


def bwrap(root: Path, binds: list[str]) -> list[str]:
    cmd = ["bwrap", "--unshare-net", "--unshare-uts", "--unshare-ipc", "--unshare-pid",
           "--hostname", HOST, "--bind", str(root), "/", "--dev", "/dev", "--proc", "/proc", *binds]
    for f in ("/etc/passwd", "/etc/group", "/etc/nsswitch.conf"):
        cmd += ["--ro-bind", f, f]
    return [*cmd, "--chdir", "/home/ana"]


def record(wheel: Path, commands: str) -> tuple[str, float, float]:
    """The transcript of ``commands`` on real uv, the seconds building the machine took and
    the seconds the commands took."""
    with tempfile.TemporaryDirectory(prefix="uvrec-") as tmp:
        Path(tmp).chmod(0o711)  # the sandbox's host user goes through it to its own folders
        root, work = Path(tmp) / "root", Path(tmp) / "work"
        root.mkdir()
        work.mkdir()
        start = time.perf_counter()
        binds = lay_out(root, work, wheel)
        built = time.perf_counter() - start
        (root / "tmp/driver.sh").write_text(driver(commands))
        env = ["env", "-i", *(f"{k}={v}" for k, v in ENV.items())]
        start = time.perf_counter()
        run = subprocess.run([*bwrap(root, binds), *env, "/bin/bash", "--norc", "--noprofile",
                              "/tmp/driver.sh"], capture_output=True, text=True, timeout=1200)
        ran = time.perf_counter() - start
        if run.stderr:
            print(run.stderr, file=sys.stderr)
        return header() + run.stdout, built, ran


def main(argv: list[str]) -> int:
    wheel, commands, dest = (Path(a) for a in argv)
    text, _, _ = record(wheel, commands.read_text(encoding="utf-8"))
    dest.write_text(text, encoding="utf-8")
    return 0


def header() -> str:
    return (
        f"# Real uv {UV_VERSION} (the manylinux wheel's binary) on the simulated machine, recorded by\n"
        "# tests/uv/record.py: the verifier's machine (CPython 3.11.7 and 3.12.1 copies under /usr,\n"
        "# pip 26.3, index file:///srv/pypi/simple of tests/uv/machine.py) mounted as / by bubblewrap,\n"
        "# no network,"
        " host aula, uv at /home/ana/.local/bin/uv with ~/.config/uv/uv.toml, run as root in ONE bash\n"
        "# (bash --norc --noprofile, a script: its own errors read `bash: line N:`), stdin /dev/null,\n"
        "# stdout and stderr merged, env -i " + " ".join(f"{k}={v}" for k, v in ENV.items()) + "\n"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
