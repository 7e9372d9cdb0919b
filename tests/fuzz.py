"""What the fuzz tests share: settings, a time budget per input, a canary folder, input grammars.

In ``make test`` every fuzz test is derandomized and bounded (``EXAMPLES`` inputs, the same
ones on every run). ``VENVSIM_FUZZ=N`` runs N times as many inputs, freshly random: a longer
hunt on demand (``VENVSIM_FUZZ=50 .venv/bin/python -m pytest -q tests/test_fuzz*.py``);
``benchmarks/fuzz.py`` does the same from the command line.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
FACTOR = int(os.environ.get("VENVSIM_FUZZ", "0") or 0)
LARGE = pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a failing file is long
SECONDS = 20.0  # per input: far above any real one (a few tenths), so only a hang reaches it


def fuzz_settings(examples: int) -> settings:
    """Bounded and the same on every run; ``VENVSIM_FUZZ=N``: N times as many, random."""
    return settings(
        max_examples=examples * FACTOR if FACTOR else examples,
        derandomize=not FACTOR,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


class Hang(BaseException):
    """An input ran past its time budget (a BaseException: no ``except Exception`` hides it)."""


@contextmanager
def budget(seconds: float = SECONDS) -> Iterator[None]:
    """Fail with ``Hang`` when the body runs longer than ``seconds``.

    SIGALRM stops Python code; a hang inside one C call (a huge integer power) never returns
    to Python, so ``faulthandler`` ends the whole run a little later, printing where it was.
    """
    import faulthandler

    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 3, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        faulthandler.cancel_dump_traceback_later()


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every path under ``folder`` with its mode, modification time and content hash."""
    found = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path)] = (info.st_mode, info.st_mtime_ns, digest)
    return found


def canary_for(test: Any, tmp_path: Path) -> Canary:
    """The canary of one fuzz test (made once: ``tmp_path`` is the same for all its inputs)."""
    canary: Canary | None = getattr(test, "canary", None)
    if canary is None or canary.work.parent != tmp_path:
        canary = test.canary = Canary(tmp_path)
    return canary


class Canary:
    """A real folder beside the working folder that no simulated command may touch.

    Inputs name it (``@CANARY@`` is replaced by its path), so the fuzzer does try.
    """

    def __init__(self, tmp: Path) -> None:
        self.work = tmp / "work"
        self.folder = tmp / "canary"
        self.work.mkdir()
        (self.folder / "sub").mkdir(parents=True)
        (self.folder / "file").write_text("canary\n")
        (self.folder / "sub" / "app.py").write_text("print('canary')\n")
        self.before = snapshot(self.folder)

    def fill(self, text: str) -> str:
        return text.replace("@CANARY@", str(self.folder))

    def check(self, allowed: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """The canary is as it was and the working folder holds only ``allowed`` names."""
        assert snapshot(self.folder) == self.before, "a file outside the temporary folder changed"
        left = {p.name for p in self.work.iterdir()} - allowed
        assert not left, f"files written that nobody asked for: {sorted(left)}"


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Run with ``folder`` as the current folder (relative paths land there)."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


# ---------------------------------------------------------------- shell lines

COMMANDS = ["pip", "pip3", "pip3.11", "python", "python3", "python3.12", "cd", "ls", "cat", "echo",
            "printf", "rm", "mkdir", "cp", "mv", "touch", "source", ".", "export", "unset", "which",
            "type", "command", "head", "tail", "grep", "find", "diff", "cut", "wc", "readlink",
            "deactivate", "env", "pwd", "bash", "sh", "ln", "chmod", "exit", "true", "false",
            ".venv/bin/pip", ".venv/bin/python", "venv/bin/activate", "sudo", "apt", "uv"]
ARGS = ["install", "uninstall", "-y", "freeze", "list", "check", "show", "-m", "venv", "pip",
        ".venv", "venv", "-r", "requirements.txt", "libcolor", "libcolor==2.0", "'libcolor<2'",
        "appa", "appb", "appc", "--user", "-U", "--upgrade", "--force-reinstall", "--no-deps",
        "-t", "--target=/tmp/t", "-e", ".", "..", "/", "~", "~/tienda", "~/blog", "-r", "-rf", "-p",
        "-la", "-c", "'import libcolor'", "'print(1)'", "app.py", "--system-site-packages",
        "--clear", "--without-pip", "--prompt", "x", "-V", "--version", "--help", "-q", "-v",
        "/usr/bin/python3.11", "/usr/lib/python3.11/site-packages", ".venv/bin/activate",
        "/bin/ls", "/tmp", "/home/ana", "*", "?", "-", "--", "@CANARY@", "@CANARY@/file",
        "@CANARY@/sub", "../../../..", "$HOME", "$PATH", "${HOME}/..", "$VIRTUAL_ENV", "$?",
        "$(pwd)", "`pwd`", "$(ls", "$'\\x2f'", "~+", "~-", "PATH=/nowhere", "X=1", "-n", "-e",
        "*.py", ".venv/bin/*", ".venv/lib/*/site-packages/*", "[ab]*", "[!a]*", "[", "[]", "[!]*",
        "*/", ".*", "?*/*", "/*/*", "'*'", "\\*", "X=*", "[a-"]
GLUE = [" | ", " || ", " && ", "; ", " & ", " > ", " >> ", " < ", " 2>&1", " 2> ", " >& ", " <<EOF",
        " <<< ", " # ", " ( ", " ) ", " { ", " } ", " \\", "\n", " do ", " done", " then ", " fi"]
ODD = st.text(max_size=6)  # any unicode: control characters, accents, emoji, right-to-left


def _quoted(text: str, quote: str) -> str:
    return quote + text + quote


WORD = st.one_of(
    st.sampled_from(ARGS), st.sampled_from(ARGS), st.sampled_from(COMMANDS),
    st.builds(_quoted, ODD, st.sampled_from(["'", '"', ""])),
    st.builds(lambda a, b: a + b, st.sampled_from(ARGS), ODD),
)
COMMAND = st.builds(lambda head, rest: " ".join([head, *rest]), st.sampled_from(COMMANDS),
                    st.lists(WORD, max_size=5))
LINE = st.one_of(
    COMMAND,
    st.builds(lambda a, glue, b: a + glue + b, COMMAND, st.sampled_from(GLUE), COMMAND),
    st.builds(lambda a, glue, b: a + glue + b, COMMAND, st.sampled_from(GLUE), WORD),
    st.lists(st.one_of(WORD, st.sampled_from(GLUE)), max_size=8).map("".join),
    st.text(max_size=40),
)


# ---------------------------------------------------------------- TOML files

def sources() -> list[str]:
    """Every shipped lesson, case and example: valid files to mutate."""
    paths = [*sorted((ROOT / "lessons").glob("*.toml")), *sorted((ROOT / "tests" / "cases").glob("*.toml")),
             *sorted((ROOT / "examples").glob("*.toml"))]
    return [p.read_text(encoding="utf-8") for p in paths]


TOML_BITS = ["[", "]", "{", "}", '"', "'", "=", "\n", ",", ".", "#", "[[steps]]\nrun = \"", "[[exercises]]\n",
             "[lesson]\n", "[world]\n", "[index]\n", "[projects.p]\n", 'path = "', "files = { ", '"." = "x"',
             '"a/b" = "x", a = "y"', "/usr/bin/python3.11", "~/", "..", "\\u0000", "installed = [",
             "absent = \"x\"", "expect = 3", "say = [", "show = \"nowhere\"", "1e999", "nan", "true",
             "-1", "0x10", "1979-05-27", "[/x]", "[bold]", "@CANARY@", "'''", '"""', "\\", "\t", "\r\n"]


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    """A shipped file with a few bytes cut, inserted, duplicated or swapped."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "insert", "insert", "line", "swap"]))
        if op == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "insert":
            bit = draw(st.one_of(st.sampled_from(TOML_BITS), st.text(max_size=8)))
            text = text[:at] + bit + text[at:]
        elif op == "line":
            lines = text.splitlines(keepends=True) or [""]
            n = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[n])
            text = "".join(lines)
        else:
            lines = text.splitlines(keepends=True) or [""]
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "".join(lines)
    return text


def toml_value(value: Any) -> str:
    """``value`` as TOML, every table inline (a small writer: the standard library has none)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(data: dict[str, Any]) -> str:
    return "".join(f"{toml_value(k)} = {toml_value(v)}\n" for k, v in data.items())


KEYS = st.one_of(st.sampled_from(
    ["title", "world", "index", "projects", "steps", "lesson", "exercises", "user", "pythons",
     "externally_managed", "version", "requires", "requires_python", "path", "needs", "files", "run",
     "say", "show", "expect", "es", "en", "installed", "absent", "runs", "fails", "active", "exit_code",
     "output_contains", "id", "after", "prompt", "hints", "solution", "disabled", "goal", "level",
     "minutes", "summary", "objectives", "intro", "outro", "libcolor", "appa", "tienda", "/usr",
     "~/tienda/.venv", "app.py", "a/b", ".", "", "[/x]"]), st.text(max_size=6))
SCALAR = st.one_of(
    st.sampled_from(["3.11", "3.12", "2.7", "ana", "root", "libcolor", "libcolor>=2", "((", "1.0", "*",
                     "~/p", "~", "/", "/usr/bin/python3.11", "/bin", ".", "", "..", "a/b", "pip install appa",
                     "python3 -m venv .venv", "global", "compare", "beginner", "[bold]", "@CANARY@"]),
    st.text(max_size=12), st.integers(-(2**70), 2**70), st.booleans(), st.floats(),
)


def nest(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Lists and tables of ``inner`` (for ``st.recursive``)."""
    return st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4)


VALUE = st.recursive(SCALAR, nest, max_leaves=16)
TEXT = st.one_of(st.fixed_dictionaries({"es": st.text(max_size=20), "en": st.text(max_size=20)}), VALUE)
PROJECT = st.fixed_dictionaries({}, optional={
    "path": st.one_of(st.sampled_from(["~/p", "~", "/tmp/x", "/usr/bin", "/usr/bin/python3.11", "~/a/../b",
                                       "/", "@CANARY@", "~/" + "n" * 300]), VALUE),
    "needs": st.one_of(st.lists(st.sampled_from(["libcolor", "libcolor<2", "appa", "(("]), max_size=3),
                       VALUE),
    "files": st.one_of(st.dictionaries(KEYS, st.one_of(st.text(max_size=10), VALUE), max_size=3), VALUE),
})
STEP = st.fixed_dictionaries({"run": st.one_of(LINE, VALUE)}, optional={
    "say": TEXT,
    "show": st.one_of(st.sampled_from(["global", "venvs", "graph", "compare", "timeline"]), VALUE),
    "expect": st.one_of(st.dictionaries(KEYS, VALUE, max_size=3), VALUE)})
DOCUMENT = st.fixed_dictionaries({}, optional={
    "title": st.one_of(st.text(max_size=10), VALUE),
    "world": st.one_of(st.fixed_dictionaries({}, optional={
        "user": st.one_of(st.sampled_from(["ana", "root", "Ana", ""]), VALUE),
        "pythons": st.one_of(st.lists(st.sampled_from(["3.11", "3.12", "3.8", "4.0"]), max_size=3), VALUE),
        "externally_managed": st.one_of(st.booleans(), VALUE)}), VALUE),
    "index": st.one_of(st.dictionaries(st.sampled_from(["libcolor", "appa", "x_y", "bad name", ""]),
                                       st.one_of(
        st.lists(st.one_of(st.sampled_from(["1.0", "2.0", "x"]), st.fixed_dictionaries(
            {"version": st.sampled_from(["1.0", "3.0", "", "1.0"])},
            optional={"requires": st.lists(st.sampled_from(["libcolor<2", "appa", "(("]), max_size=2),
                      "requires_python": st.sampled_from([">=3.12", "", "~="])})), max_size=3), VALUE),
        max_size=3), VALUE),
    "projects": st.one_of(st.dictionaries(st.sampled_from(["p", "tienda", "q", "-x"]), PROJECT, max_size=3),
                          VALUE),
    "steps": st.one_of(st.lists(STEP, max_size=4), VALUE),
    "lesson": st.one_of(st.fixed_dictionaries({"title": TEXT, "summary": TEXT}, optional={
        "level": st.one_of(st.sampled_from(["beginner", "expert"]), VALUE),
        "minutes": st.one_of(st.integers(-1, 100), VALUE), "intro": TEXT, "objectives": VALUE}), VALUE),
    "exercises": st.one_of(st.lists(st.dictionaries(KEYS, VALUE, max_size=5), max_size=2), VALUE),
})
