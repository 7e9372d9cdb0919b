"""The student shell on a real pseudo-terminal: a program waits for the student's answer.

What pip prints around its question was recorded from real pip 26.3 (tests/cases/
stdin_and_status); the banner of the Python prompt from the reference CPython 3.11.7.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "tests" / "cases" / "stdin_and_status.toml"


def _controlling_terminal() -> None:
    """Make the pty the child's terminal, so that Ctrl-C there is its SIGINT."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30", "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen([sys.executable, "-m", "simulator", "shell", *args],
                                     stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, start_new_session=True,
                                     preexec_fn=_controlling_terminal)
        os.close(slave)
        self.text = ""
        self.seen = 0  # where the last expected text ended

    def expect(self, wanted: str, timeout: float = 30) -> str:
        """Wait for ``wanted`` after what was expected before; the whole text so far."""
        end = time.monotonic() + timeout
        while wanted not in self.text[self.seen:]:
            left = end - time.monotonic()
            assert left > 0, f"{wanted!r} never came; got:\n{self.text}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.text += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        self.seen = self.text.index(wanted, self.seen) + len(wanted)
        return self.text

    def send(self, keys: str) -> None:
        if keys in ("\x03", "\x04"):
            time.sleep(0.2)  # a control key waits until the reader holds the terminal
        os.write(self.master, keys.encode())

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


def test_pip_waits_for_the_students_answer_and_python_has_its_prompt() -> None:
    term = Terminal(str(EXAMPLE))
    try:
        term.expect("ana@aula:~$ ")
        term.send("pip install -q appb\r")
        term.expect("ana@aula:~$ ", timeout=30)
        mark = len(term.text)
        term.send("pip uninstall appb\r")
        term.expect("Proceed (Y/n)? ")
        term.send("maybe\r")
        term.expect("Your response ('maybe') was not one of the expected responses: y, n, ")
        term.send("y\r")
        text = term.expect("Successfully uninstalled appb-1.0")
        shown = text[mark:].replace("\r\n", "\n")
        assert "Proceed (Y/n)? maybe\nYour response ('maybe') was not one" in shown
        assert "Proceed (Y/n)? y\n  Successfully uninstalled appb-1.0" in shown
        term.expect("ana@aula:~$ ")
        term.send("pip install -q appb\r")
        term.expect("ana@aula:~$ ")
        mark = len(term.text)
        term.send("pip uninstall appb\r")
        term.expect("Proceed (Y/n)? ")
        term.send("\x03")  # Ctrl-C: pip stops, as real pip 26.3 did in a terminal
        term.expect("ERROR: Operation cancelled by user")
        term.send("echo $?\r")
        term.expect("\n1\r\n")
        term.send("pip uninstall appb\r")
        term.expect("Proceed (Y/n)? ")
        term.send("\x04")  # Ctrl-D: input() at a terminal raises a bare EOFError
        text = term.expect("\r\nEOFError\r\n")
        assert "EOF when reading a line" not in text[mark:]
        term.send("echo $?\r")
        term.expect("\n2\r\n")
        term.send("python\r")
        term.expect("Python 3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0] on linux")
        term.expect(">>> ")
        term.send("x = 6\r")
        term.expect(">>> ")
        term.send("print(x * 7)\r")
        term.expect("42\r\n>>> ")
        term.send("\x04")  # Ctrl-D leaves Python
        term.expect("ana@aula:~$ ")
        term.send("clear\r")  # TERM=xterm's clear sequence, as ncurses' clear prints it
        term.expect("\x1b[H\x1b[2J\x1b[3J")
        term.expect("ana@aula:~$ ")
        term.send("cat\r")
        term.expect("cat\r\n")
        term.send("uno\r")
        term.expect("uno\r\nuno\r\n")  # the terminal's echo, then cat's copy
        term.send("\x04")
        term.expect("ana@aula:~$ ")
        term.send("echo hi")
        term.send("\x03")  # Ctrl-C at the prompt: nothing runs, $? is 130 (bash 5.2 in tmux)
        term.expect("ana@aula:~$ ")
        term.send("echo $?\r")
        term.expect("\n130\r\n")
        term.send("exit 3\r")
        assert term.close() == 3
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
            term.proc.wait()
