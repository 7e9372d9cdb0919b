"""Parsing a bash-like line: words, quotes, ``~``, ``$VAR``, ``&& || ; |`` and redirections.

Words keep their parts so that expansion happens when the command runs, as in
bash (``cd x && echo $PWD`` sees the new folder).

>>> [c.words for c in parse("cd ~/a && echo 'x y'").commands]  # doctest: +ELLIPSIS
[[...], [...]]
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A word is a list of parts: ("lit", text), ("var", name) or ("tilde", "").
Part = tuple[str, str]
Word = list[Part]


class ParseError(Exception):
    """Bash's own complaint about the line (exit 2)."""


@dataclass
class Redirect:
    fd: int
    op: str  # ">", ">>", "<" or ">&"
    target: Word


@dataclass
class Simple:
    words: list[Word] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Pipeline:
    commands: list[Simple]
    connector: str  # how it joins the previous one: ";", "&&" or "||"


@dataclass
class Line:
    pipelines: list[Pipeline]

    @property
    def commands(self) -> list[Simple]:
        return [c for p in self.pipelines for c in p.commands]


OPERATORS = ("&&", "||", ">>", "2>&1", "2>>", "2>", "&>", ";", "|", ">", "<", "&")
SPECIAL = set(";&|<>")


def _tokens(line: str) -> list[tuple[str, Word | str]]:
    tokens: list[tuple[str, Word | str]] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in " \t\n":
            i += 1
            continue
        if ch == "#":
            break
        op = next((o for o in OPERATORS if line.startswith(o, i)), None)
        if op is not None and (op[0] != "2" or _word_boundary(line, i)):
            tokens.append(("op", op))
            i += len(op)
            continue
        word: Word = []
        buf = ""
        start = i
        while i < n and line[i] not in " \t\n" and line[i] not in SPECIAL:
            ch = line[i]
            if ch == "~" and i == start:
                j = i + 1
                if j >= n or line[j] in " \t\n/;&|<>:":
                    word.append(("tilde", ""))
                    i += 1
                    continue
            if ch == "\\":
                if i + 1 < n:
                    buf += line[i + 1]
                    i += 2
                else:
                    i += 1
                continue
            if ch == "'":
                end = line.find("'", i + 1)
                if end < 0:
                    raise ParseError("unexpected EOF while looking for matching `''")
                buf += line[i + 1 : end]
                i = end + 1
                continue
            if ch == '"':
                i += 1
                while True:
                    if i >= n:
                        raise ParseError("unexpected EOF while looking for matching `\"'")
                    c = line[i]
                    if c == '"':
                        i += 1
                        break
                    if c == "\\" and i + 1 < n and line[i + 1] in '"\\$`':
                        buf += line[i + 1]
                        i += 2
                        continue
                    if c == "$":
                        buf, i = _dollar(line, i, word, buf, "qvar")
                        continue
                    buf += c
                    i += 1
                continue
            if ch == "$":
                buf, i = _dollar(line, i, word, buf, "var")
                continue
            buf += ch
            i += 1
        if buf:
            word.append(("lit", buf))
        if not word:
            word.append(("lit", ""))
        tokens.append(("word", word))
    return tokens


def _dollar(line: str, i: int, word: Word, buf: str, kind: str) -> tuple[str, int]:
    """A ``$NAME`` at ``i``: close the literal so far and add the variable part."""
    name, i = _var(line, i)
    if name is None:
        return buf + "$", i
    if buf:
        word.append(("lit", buf))
    word.append((kind, name))
    return "", i


def _word_boundary(line: str, i: int) -> bool:
    return i == 0 or line[i - 1] in " \t"


def _var(line: str, i: int) -> tuple[str | None, int]:
    """Parse ``$NAME``, ``${NAME}`` or ``$?`` at ``i`` (which holds ``$``)."""
    j = i + 1
    if j < len(line) and line[j] == "{":
        end = line.find("}", j)
        if end < 0:
            raise ParseError("unexpected EOF while looking for matching `}'")
        return line[j + 1 : end], end + 1
    if j < len(line) and line[j] in "?$#0":
        return line[j], j + 1
    k = j
    while k < len(line) and (line[k].isalnum() or line[k] == "_"):
        k += 1
    if k == j:
        return None, j
    return line[j:k], k


def parse(line: str) -> Line:
    """Parse one input line; raises ParseError for what bash rejects."""
    tokens = _tokens(line)
    pipelines: list[Pipeline] = []
    current = Simple()
    commands: list[Simple] = []
    connector = ";"
    i = 0

    def close(op: str) -> None:
        nonlocal current, commands, connector
        if not current.words and not current.redirects:
            raise ParseError(f"syntax error near unexpected token `{op}'")
        commands.append(current)
        current = Simple()

    while i < len(tokens):
        kind, value = tokens[i]
        i += 1
        if kind == "word":
            assert isinstance(value, list)
            current.words.append(value)
            continue
        assert isinstance(value, str)
        if value in (">", ">>", "<", "2>", "2>>", "&>"):
            if i >= len(tokens) or tokens[i][0] != "word":
                nxt = tokens[i][1] if i < len(tokens) else "newline"
                raise ParseError(f"syntax error near unexpected token `{nxt}'")
            target = tokens[i][1]
            assert isinstance(target, list)
            i += 1
            fd = (
                2 if value.startswith("2") else (3 if value == "&>" else (0 if value == "<" else 1))
            )
            current.redirects.append(
                Redirect(fd, ">>" if value.endswith(">>") else value[-1], target)
            )
            continue
        if value == "2>&1":
            current.redirects.append(Redirect(2, ">&", [("lit", "1")]))
            continue
        if value == "|":
            close("|")
            continue
        if value in (";", "&&", "||", "&"):
            if value == ";" and not current.words and not commands and i == len(tokens):
                raise ParseError("syntax error near unexpected token `;'")
            close(value)
            pipelines.append(Pipeline(commands, connector))
            commands = []
            connector = ";" if value == "&" else value
            continue
    if current.words or current.redirects:
        commands.append(current)
    elif commands or connector in ("&&", "||"):
        if connector in ("&&", "||") and not commands:
            raise ParseError("syntax error: unexpected end of file")
        if commands:
            raise ParseError("syntax error: unexpected end of file")
    if commands:
        pipelines.append(Pipeline(commands, connector))
    return Line(pipelines)
