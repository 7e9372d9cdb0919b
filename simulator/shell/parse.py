"""Parsing bash: words, quotes, ``~``, ``$VAR``, ``$(...)``, ``$((...))``, operators,
redirections, and the compound commands a lesson may show (``for while until if case``,
``{ ...; }``, ``( ... )`` and functions ``f() { ...; }``).

Words keep their parts so that expansion happens when the command runs, as in
bash (``cd x && echo $PWD`` sees the new folder). A line that stops in the middle
of a command raises ``Incomplete`` (an interactive bash would ask for more with ``> ``).

>>> [type(c).__name__ for c in parse("cd ~/a && echo 'x y'").commands]
['Simple', 'Simple']
>>> type(parse("for p in a b; do echo $p; done").items[0].pipelines[0].commands[0]).__name__
'For'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A word is a list of parts: ("lit", text) quoted or not, ("var", name) and ("qvar", name)
# for ``$NAME`` outside and inside double quotes, ("cmd", text) / ("qcmd", text) for
# ``$(...)``, ("arith", text) for ``$((...))``, ("tilde", ""), and ("glob", c) for an unquoted
# ``*``, ``?`` or ``[`` (the characters pathname expansion acts on).
Part = tuple[str, str]
Word = list[Part]


class ParseError(Exception):
    """Bash's own complaint about the line (exit 2)."""


class Incomplete(ParseError):
    """The line ends in the middle of a command; bash would read another line."""


@dataclass
class Redirect:
    fd: int
    op: str  # ">", ">>", "<" or ">&"
    target: Word
    text: str = ""  # as bash shows it again (``2> /dev/null``)


@dataclass
class Simple:
    words: list[Word] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the words as typed


@dataclass
class Pipeline:
    commands: list[Command]
    connector: str  # how it joins the previous one: ";", "&&" or "||"
    negate: bool = False


@dataclass
class AndOr:
    pipelines: list[Pipeline]


@dataclass
class Line:
    """A list of commands: ``a && b; c | d``."""

    items: list[AndOr]

    @property
    def pipelines(self) -> list[Pipeline]:
        return [p for item in self.items for p in item.pipelines]

    @property
    def commands(self) -> list[Command]:
        return [c for p in self.pipelines for c in p.commands]


@dataclass
class Group:
    body: Line
    subshell: bool = False
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class For:
    name: str
    words: list[Word] | None  # None: ``for x; do`` loops over the positional parameters
    body: Line
    redirects: list[Redirect] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class ArithFor:
    """``for ((init; test; step)); do ...; done``."""

    init: str
    test: str
    step: str
    body: Line
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Arith:
    """``(( expression ))``: true when the expression is not 0."""

    text: str
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Loop:
    condition: Line
    body: Line
    until: bool = False
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class If:
    clauses: list[tuple[Line, Line]]
    otherwise: Line | None = None
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Case:
    word: Word
    arms: list[tuple[list[Word], Line]]
    redirects: list[Redirect] = field(default_factory=list)
    text: str = ""
    patterns: list[list[str]] = field(default_factory=list)  # each arm's patterns as typed


@dataclass
class Function:
    name: str
    text: str  # the body's source, kept in the shell's state and parsed again when called


Command = Simple | Group | For | ArithFor | Arith | Loop | If | Case | Function

RESERVED = {"{", "}", "!", "if", "then", "elif", "else", "fi", "do", "done", "case", "esac",
            "while", "until", "for", "in", "function"}
OPERATORS = ("&&", "||", ";;", ">>", "2>&1", ">&2", "2>>", "2>", "&>", ";", "|", ">", "<", "&",
             "(", ")")
SPECIAL = set(";&|<>()")


@dataclass
class Token:
    kind: str  # "word", "op" or "nl"
    text: str  # the raw text as typed
    start: int
    end: int
    word: Word = field(default_factory=list)

    @property
    def reserved(self) -> str | None:
        return self.text if self.kind == "word" and self.text in RESERVED else None


def _tokens(line: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in " \t":
            i += 1
            continue
        if ch == "\n":
            tokens.append(Token("nl", "newline", i, i + 1))
            i += 1
            continue
        if ch == "#" and (i == 0 or line[i - 1] in " \t\n;&|()"):
            while i < n and line[i] != "\n":
                i += 1
            continue
        op = next((o for o in OPERATORS if line.startswith(o, i)), None)
        if op is not None and (op[0] != "2" or _word_boundary(line, i)):
            tokens.append(Token("op", op, i, i + len(op)))
            i += len(op)
            continue
        start = i
        word, i = _word(line, i)
        tokens.append(Token("word", line[start:i], start, i, word))
    return tokens


ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def _word(line: str, i: int) -> tuple[Word, int]:
    """One word starting at ``i``: its parts and where it ends."""
    word: Word = []
    buf = ""
    start, n = i, len(line)
    while i < n and line[i] not in " \t\n" and line[i] not in SPECIAL:
        ch = line[i]
        # bash expands a tilde at a word's start, and in a word that looks like an assignment
        # (NAME=~/x:~/y, also as a command's argument) after the first "=" and after each ":"
        if ch == "~" and (i == start or (line[i - 1] in "=:" and line[i - 2] != "\\"
                                         and ASSIGNMENT.match(line[start:i]))):
            j = i + 1
            if j >= n or line[j] in " \t\n/;&|<>:":
                if buf:
                    word.append(("lit", buf))
                    buf = ""
                word.append(("tilde", ""))
                i += 1
                continue
        if ch == "\\":
            if i + 1 < n and line[i + 1] != "\n":
                buf += line[i + 1]
            i += 2
            continue
        if ch == "'":
            end = line.find("'", i + 1)
            if end < 0:
                raise Incomplete("unexpected EOF while looking for matching `''")
            buf += line[i + 1 : end]
            i = end + 1
            continue
        if ch == '"':
            i += 1
            while True:
                if i >= n:
                    raise Incomplete("unexpected EOF while looking for matching `\"'")
                c = line[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\" and i + 1 < n and line[i + 1] in '"\\$`\n':
                    buf += line[i + 1] if line[i + 1] != "\n" else ""
                    i += 2
                    continue
                if c in "$`":
                    buf, i = _dollar(line, i, word, buf, quoted=True)
                    continue
                buf += c
                i += 1
            if not buf and not word:
                word.append(("lit", ""))
            continue
        if ch in "$`":
            buf, i = _dollar(line, i, word, buf, quoted=False)
            continue
        if ch in "*?[":
            if buf:
                word.append(("lit", buf))
            word.append(("glob", ch))
            buf = ""
            i += 1
            continue
        buf += ch
        i += 1
    if buf:
        word.append(("lit", buf))
    if not word:
        word.append(("lit", ""))
    return word, i


def _dollar(line: str, i: int, word: Word, buf: str, quoted: bool) -> tuple[str, int]:
    """An expansion at ``i`` (``$NAME``, ``${NAME}``, ``$(...)``, ``$((...))``, a backquote)."""
    q = "q" if quoted else ""
    if line[i] == "`":
        end = line.find("`", i + 1)
        if end < 0:
            raise Incomplete("unexpected EOF while looking for matching ``'")
        part: Part = (q + "cmd", line[i + 1 : end])
        i = end + 1
    elif line.startswith("$((", i):
        end = _closing(line, i + 1)
        part = ("arith", line[i + 3 : end - 1])
        i = end + 1
    elif line.startswith("$(", i):
        end = _closing(line, i + 1)
        part = (q + "cmd", line[i + 2 : end])
        i = end + 1
    else:
        name, i = _var(line, i)
        if name is None:
            return buf + "$", i
        part = (q + "var", name)
    if buf:
        word.append(("lit", buf))
    word.append(part)
    return "", i


def _closing(line: str, i: int) -> int:
    """Where the ``(`` at ``i`` is closed (quotes and nesting respected)."""
    depth = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
            continue
        if c == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise Incomplete("unexpected EOF while looking for matching `)'")


def _word_boundary(line: str, i: int) -> bool:
    return i == 0 or line[i - 1] in " \t\n;&|"


def _var(line: str, i: int) -> tuple[str | None, int]:
    """Parse ``$NAME``, ``${NAME}``, ``$1`` or ``$?`` at ``i`` (which holds ``$``)."""
    j = i + 1
    if j < len(line) and line[j] == "{":
        end = line.find("}", j)
        if end < 0:
            raise Incomplete("unexpected EOF while looking for matching `}'")
        return line[j + 1 : end], end + 1
    if j < len(line) and line[j] in "?$#0123456789@*!-":
        return line[j], j + 1
    k = j
    while k < len(line) and ((line[k].isascii() and line[k].isalnum()) or line[k] == "_"):
        k += 1  # bash's names are ASCII: ``$²`` and ``$é`` are text
    if k == j:
        return None, j
    return line[j:k], k


REDIRECTS = (">", ">>", "<", "2>", "2>>", "&>")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    # -- tokens -----------------------------------------------------------------
    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def unexpected(self, tok: Token | None) -> ParseError:
        if tok is None:
            return Incomplete("syntax error: unexpected end of file")
        return ParseError(f"syntax error near unexpected token `{tok.text}'")

    def newlines(self) -> None:
        while (tok := self.peek()) is not None and tok.kind == "nl":
            self.pos += 1

    def expect(self, word: str) -> None:
        self.newlines()
        tok = self.peek()
        if tok is None or tok.reserved != word and not (tok.kind == "op" and tok.text == word):
            raise self.unexpected(tok)
        self.pos += 1

    # -- lists ------------------------------------------------------------------
    def compound_list(self, *stops: str) -> Line:
        """Commands up to one of the reserved words ``stops`` (not taken)."""
        items: list[AndOr] = []
        while True:
            self.newlines()
            tok = self.peek()
            if tok is None:
                raise self.unexpected(None)
            if tok.reserved in stops or (tok.kind == "op" and tok.text in stops):
                if not items:
                    raise self.unexpected(tok)
                return Line(items)
            items.append(self.and_or())
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in (";", "&"):
                self.pos += 1
            elif tok is not None and tok.kind != "nl" and not (
                tok.reserved in stops or tok.kind == "op" and tok.text in stops
            ):
                raise self.unexpected(tok)

    def and_or(self) -> AndOr:
        pipelines = [self.pipeline(";")]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in ("&&", "||"):
            self.pos += 1
            self.newlines()
            pipelines.append(self.pipeline(tok.text))
        return AndOr(pipelines)

    def pipeline(self, connector: str) -> Pipeline:
        negate = False
        tok = self.peek()
        if tok is not None and tok.reserved == "!":
            self.pos += 1
            negate = True
        commands = [self.command()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text == "|":
            self.pos += 1
            self.newlines()
            commands.append(self.command())
        return Pipeline(commands, connector, negate)

    # -- commands ---------------------------------------------------------------
    def command(self) -> Command:
        tok = self.peek()
        if tok is None:
            raise self.unexpected(None)
        if tok.kind == "nl":
            raise self.unexpected(tok)
        word = tok.reserved
        compound: Command | None = None
        if word == "{":
            self.pos += 1
            compound = Group(self.compound_list("}"))
            self.expect("}")
        elif tok.kind == "op" and tok.text == "(" and self._arith_here(tok):
            end = self.text.find("))", tok.end + 1)
            compound = Arith(self.text[tok.end + 1 : end])
            while (t := self.peek()) is not None and t.start < end + 2:
                self.pos += 1
        elif tok.kind == "op" and tok.text == "(":
            self.pos += 1
            compound = Group(self.compound_list(")"), subshell=True)
            self.expect(")")
        elif word == "if":
            compound = self.if_()
        elif word in ("while", "until"):
            self.pos += 1
            condition = self.compound_list("do")
            self.expect("do")
            compound = Loop(condition, self.compound_list("done"), until=word == "until")
            self.expect("done")
        elif word == "for":
            compound = self.for_()
        elif word == "case":
            compound = self.case()
        elif word == "function":
            self.pos += 1
            name = self.peek()
            if name is None or name.kind != "word":
                raise self.unexpected(name)
            self.pos += 1
            nxt = self.peek()
            if nxt is not None and nxt.kind == "op" and nxt.text == "(":
                self.pos += 1
                self.expect(")")
            return self.function_body(name.text)
        elif word is not None and word != "in":
            raise self.unexpected(tok)
        if compound is not None:
            compound.redirects.extend(self.redirects())  # type: ignore[union-attr]
            return compound
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        if tok.kind == "word" and nxt is not None and nxt.kind == "op" and nxt.text == "(":
            self.pos += 2
            close = self.peek()
            if close is None or close.kind == "nl" or close.text != ")":
                raise ParseError(
                    f"syntax error near unexpected token `{close.text if close else 'newline'}'"
                )
            self.pos += 1
            return self.function_body(tok.text)
        return self.simple()

    def _arith_here(self, tok: Token) -> bool:
        """``((`` opens an arithmetic command when a ``))`` closes it on the line."""
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        return (nxt is not None and nxt.text == "(" and nxt.start == tok.end
                and self.text.find("))", tok.end + 1) >= 0)

    def function_body(self, name: str) -> Function:
        self.newlines()
        tok = self.peek()
        start = self.pos
        if tok is None:
            raise self.unexpected(None)
        if tok.reserved not in ("{", "if", "while", "until", "for", "case") and not (
            tok.kind == "op" and tok.text == "("
        ):
            raise self.unexpected(tok)
        self.command()
        first, last = self.tokens[start], self.tokens[self.pos - 1]
        return Function(name, self.text[first.start : last.end])

    def if_(self) -> If:
        self.pos += 1
        clauses = []
        otherwise = None
        while True:
            condition = self.compound_list("then")
            self.expect("then")
            body = self.compound_list("elif", "else", "fi")
            clauses.append((condition, body))
            tok = self.take()
            if tok.reserved == "elif":
                continue
            if tok.reserved == "else":
                otherwise = self.compound_list("fi")
                self.expect("fi")
            return If(clauses, otherwise)

    def for_(self) -> For | ArithFor:
        self.pos += 1
        name = self.peek()
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        if name is not None and name.text == "(" and nxt is not None and nxt.text == "(" and (
                nxt.start == name.end):
            return self.arith_for(name.end + 1)
        if name is None or name.kind != "word":
            raise ParseError(
                f"syntax error near unexpected token `{name.text if name else 'newline'}'"
            )
        self.pos += 1
        if not name.text.isidentifier():
            raise ParseError(f"`{name.text}': not a valid identifier")
        self.newlines()
        tok = self.peek()
        words: list[Word] | None = None
        texts: list[str] = []
        if tok is not None and tok.reserved == "in":
            self.pos += 1
            words = []
            while (tok := self.peek()) is not None and tok.kind == "word":
                words.append(tok.word)
                texts.append(tok.text)
                self.pos += 1
            if tok is None:
                raise self.unexpected(None)
            if not (tok.kind == "nl" or tok.text == ";"):
                raise self.unexpected(tok)
            self.pos += 1
        elif tok is not None and tok.kind == "op" and tok.text == ";":
            self.pos += 1
        self.expect("do")
        body = self.compound_list("done")
        self.expect("done")
        return For(name.text, words, body, texts=texts)

    def arith_for(self, start: int) -> ArithFor:
        end = self.text.find("))", start)
        if end < 0:
            raise Incomplete("syntax error: unexpected end of file")
        parts = self.text[start:end].split(";")
        if len(parts) != 3:
            raise ParseError("syntax error: arithmetic expression required")
        while (tok := self.peek()) is not None and tok.start < end + 2:
            self.pos += 1
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text == ";":
            self.pos += 1
        self.expect("do")
        body = self.compound_list("done")
        self.expect("done")
        init, test, step = (p.strip() for p in parts)
        return ArithFor(init, test, step, body)

    def case(self) -> Case:
        self.pos += 1
        tok = self.peek()
        if tok is None or tok.kind != "word":
            raise self.unexpected(tok)
        self.pos += 1
        subject = tok.word
        case = Case(subject, [], text=tok.text)
        arms = case.arms
        self.expect("in")
        while True:
            self.newlines()
            tok = self.peek()
            if tok is None:
                raise self.unexpected(None)
            if tok.reserved == "esac":
                self.pos += 1
                return case
            if tok.kind == "op" and tok.text == "(":
                self.pos += 1
            patterns = []
            case.patterns.append([])
            while True:
                tok = self.peek()
                if tok is None or tok.kind != "word":
                    raise self.unexpected(tok)
                patterns.append(tok.word)
                case.patterns[-1].append(tok.text)
                self.pos += 1
                sep = self.peek()
                if sep is not None and sep.kind == "op" and sep.text == "|":
                    self.pos += 1
                    continue
                if sep is None or sep.text != ")":
                    raise self.unexpected(sep)
                self.pos += 1
                break
            self.newlines()
            tok = self.peek()
            if tok is not None and (tok.text == ";;" or tok.reserved == "esac"):
                body = Line([])
            else:
                body = self.compound_list(";;", "esac")
            arms.append((patterns, body))
            tok = self.peek()
            if tok is not None and tok.text == ";;":
                self.pos += 1

    def redirects(self) -> list[Redirect]:
        found = []
        while (tok := self.peek()) is not None and tok.kind == "op" and (
            tok.text in REDIRECTS or tok.text in ("2>&1", ">&2")
        ):
            found.append(self.redirect())
        return found

    def redirect(self) -> Redirect:
        tok = self.take()
        if tok.text == "2>&1":
            return Redirect(2, ">&", [("lit", "1")], "2>&1")
        if tok.text == ">&2":
            return Redirect(1, ">&", [("lit", "2")], ">&2")
        target = self.peek()
        if target is None or target.kind != "word":
            raise ParseError(
                f"syntax error near unexpected token `{target.text if target else 'newline'}'"
            )
        self.pos += 1
        value = tok.text
        fd = 2 if value.startswith("2") else (3 if value == "&>" else (0 if value == "<" else 1))
        return Redirect(fd, ">>" if value.endswith(">>") else value[-1], target.word,
                        f"{value} {target.text}")

    def simple(self) -> Simple:
        current = Simple()
        while (tok := self.peek()) is not None:
            if tok.kind == "word":
                current.words.append(tok.word)
                current.texts.append(tok.text)
                self.pos += 1
            elif tok.kind == "op" and (tok.text in REDIRECTS or tok.text in ("2>&1", ">&2")):
                current.redirects.append(self.redirect())
            elif tok.kind == "op" and tok.text == "(":
                nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
                raise ParseError(
                    f"syntax error near unexpected token `{nxt.text if nxt else 'newline'}'"
                )
            else:
                break
        if not current.words and not current.redirects:
            raise self.unexpected(self.peek())
        return current


def parse(text: str) -> Line:
    """Parse input (one line, or a script of several); raises ParseError for what bash rejects."""
    p = _Parser(text)
    items: list[AndOr] = []
    while True:
        p.newlines()
        tok = p.peek()
        if tok is None:
            return Line(items)
        items.append(p.and_or())
        tok = p.peek()
        if tok is None:
            return Line(items)
        if tok.kind == "op" and tok.text in (";", "&"):
            p.pos += 1
            continue
        if tok.kind == "nl":
            continue
        raise p.unexpected(tok)
