"""A shell function as bash's ``type`` shows it again (bash's print_cmd.c layout).

>>> function_text("f", "{ echo hi $1; pip list | wc -l; }").splitlines()
['f () ', '{ ', '    echo hi $1;', '    pip list | wc -l', '}']
"""

from __future__ import annotations

from .parse import (
    AndOr,
    Arith,
    ArithFor,
    Case,
    Command,
    For,
    Function,
    Group,
    If,
    Line,
    Loop,
    Pipeline,
    Simple,
    parse,
)

PAD = "    "


def function_text(name: str, text: str) -> str:
    """``name () { ... }`` laid out as bash prints a function it has read."""
    body = parse(text).items[0].pipelines[0].commands[0]
    inner = body.body if isinstance(body, Group) and not body.subshell else Line(
        [AndOr([_single(body)])])
    return "\n".join([f"{name} () ", "{ ", *_block(inner, 1), "}"])


def _single(command: Command) -> Pipeline:
    return Pipeline([command], ";")


def _block(line: Line, depth: int, closed: bool = False) -> list[str]:
    """A list of commands, a line each, ``;`` after each but the last (after every one in
    the body of ``if``, ``for`` and ``while``: ``closed``)."""
    out: list[str] = []
    for i, item in enumerate(line.items):
        lines = _and_or(item, depth)
        if closed or i < len(line.items) - 1:
            lines[-1] += ";"
        out += lines
    return out


def _and_or(item: AndOr, depth: int) -> list[str]:
    if len(item.pipelines) == 1 and len(item.pipelines[0].commands) == 1 and not (
            item.pipelines[0].negate) and not isinstance(item.pipelines[0].commands[0], Simple):
        return _command(item.pipelines[0].commands[0], depth)
    return [PAD * depth + _inline_and_or(item)]


def _inline_and_or(item: AndOr) -> str:
    text = ""
    for i, p in enumerate(item.pipelines):
        if i:
            text += f" {p.connector} "
        text += ("! " if p.negate else "") + " | ".join(_inline(c) for c in p.commands)
    return text


def _inline(command: Command) -> str:
    if isinstance(command, Simple):
        return " ".join([*command.texts, *(r.text for r in command.redirects)])
    if isinstance(command, Group):
        inner = "; ".join(_inline_and_or(i) for i in command.body.items)
        return f"( {inner} )" if command.subshell else f"{{ {inner}; }}"
    return "; ".join(line.strip() for line in _command(command, 0))


def _command(command: Command, depth: int) -> list[str]:
    pad = PAD * depth
    redirects = "".join(" " + r.text for r in getattr(command, "redirects", []))
    if isinstance(command, If):
        (condition, body), rest = command.clauses[0], command.clauses[1:]
        lines = [f"{pad}if {_inline_line(condition)}; then", *_block(body, depth + 1, True)]
        if rest:  # bash shows elif as an if inside the else
            inner = _command(If(rest, command.otherwise), depth + 1)
            lines += [f"{pad}else", *inner[:-1], inner[-1] + ";"]
        elif command.otherwise is not None:
            lines += [f"{pad}else", *_block(command.otherwise, depth + 1, True)]
        return [*lines, f"{pad}fi{redirects}"]
    if isinstance(command, For):
        words = f" in {' '.join(command.texts)}" if command.words is not None else ""
        return [f"{pad}for {command.name}{words};", f"{pad}do",
                *_block(command.body, depth + 1, True), f"{pad}done{redirects}"]
    if isinstance(command, Arith):
        return [f"{pad}(({command.text})){redirects}"]
    if isinstance(command, ArithFor):
        return [f"{pad}for (({command.init}; {command.test}; {command.step}))", f"{pad}do",
                *_block(command.body, depth + 1, True), f"{pad}done{redirects}"]
    if isinstance(command, Loop):
        word = "until" if command.until else "while"
        return [f"{pad}{word} {_inline_line(command.condition)}; do",
                *_block(command.body, depth + 1, True), f"{pad}done{redirects}"]
    if isinstance(command, Group) and not command.subshell:
        return [f"{pad}{{ ", *_block(command.body, depth + 1), f"{pad}}}{redirects}"]
    if isinstance(command, Case):
        lines = [f"{pad}case {command.text} in "]
        for patterns, (_, body) in zip(command.patterns, command.arms, strict=True):
            lines.append(f"{pad}{PAD}{' | '.join(patterns)})")
            lines += _block(body, depth + 2) if body.items else []
            lines.append(f"{pad}{PAD};;")
        return [*lines, f"{pad}esac{redirects}"]
    if isinstance(command, Function):
        return [pad + line for line in function_text(command.name, command.text).split("\n")]
    return [pad + _inline(command) + redirects]


def _inline_line(line: Line) -> str:
    return "; ".join(_inline_and_or(item) for item in line.items)
