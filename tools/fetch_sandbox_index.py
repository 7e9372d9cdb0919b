"""Write simulator/data/sandbox.toml: the machine `venvsim shell` starts on when given no file.

Run once, by hand, with network:
    python tools/fetch_sandbox_index.py > simulator/data/sandbox.toml
The newest release of each package comes from PyPI's JSON API; a few older releases that
lessons like to show come from their wheel's METADATA (``pip download --no-deps``).
Each release keeps its REAL version, Requires-Python and dependencies (extras left out).
"""

from __future__ import annotations

import email.parser
import json
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

PACKAGES = ["requests", "charset-normalizer", "idna", "urllib3", "certifi",
            "numpy", "pandas", "python-dateutil", "pytz", "tzdata", "six",
            "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker",
            "rich", "markdown-it-py", "mdurl", "pygments"]
OLDER = {"requests": ["2.31.0"], "numpy": ["1.26.4"], "flask": ["2.3.3"], "rich": ["13.9.4"],
         "pandas": ["2.2.3"], "werkzeug": ["2.3.8"], "urllib3": ["1.26.20"]}


def entry(version: str, requires: list[str], requires_python: str | None) -> dict:
    kept = [r for r in requires if "extra" not in str(Requirement(r).marker or "")]
    found: dict = {"version": version}
    if kept:
        found["requires"] = kept
    if requires_python:
        found["requires_python"] = requires_python
    return found


def newest(name: str) -> dict:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as r:
        info = json.load(r)["info"]
    return entry(info["version"], info.get("requires_dist") or [], info.get("requires_python"))


def older(name: str, version: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                        "--only-binary", ":all:", "--python-version", "3.11",
                        "--platform", "manylinux2014_x86_64", "-d", tmp, f"{name}=={version}"],
                       check=True, stdout=subprocess.DEVNULL)
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            headers = email.parser.HeaderParser().parsestr(z.read(meta).decode("utf-8"))
    return entry(version, headers.get_all("Requires-Dist") or [], headers.get("Requires-Python"))


def main() -> None:
    sys.path.insert(0, ".")
    from simulator.classroom.save import scenario_toml

    index = {}
    for name in PACKAGES:
        releases = [older(name, v) for v in OLDER.get(name, [])] + [newest(name)]
        index[name] = sorted(releases, key=lambda e: Version(e["version"]))
    data = {"title": "A sandbox: one global Python 3.11 and packages you know from PyPI",
            "world": {"user": "ana", "pythons": ["3.11"]}, "index": index}
    print("# Written by tools/fetch_sandbox_index.py from PyPI: real versions, Requires-Python")
    print("# and dependencies (extras left out).")
    print(scenario_toml(data, []), end="")


if __name__ == "__main__":
    main()
