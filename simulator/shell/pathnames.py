"""Bash's pathname expansion (globbing): ``*``, ``?`` and ``[...]`` in an unquoted word.

A word reaches here as characters each marked active (typed unquoted, or from an unquoted
``$VAR``) or not (quoted or escaped): only active ``* ? [`` are special. As bash does by
default (no ``nullglob``, no ``failglob``, ``globskipdots`` on): a pattern that matches nothing
stays as typed, a name starting with ``.`` matches only a component starting with a literal
``.`` (and never ``.`` or ``..``), and matches are sorted as the verifier's ``C.UTF-8`` sorts them,
by code point.

>>> from simulator.model.fs import FileSystem
>>> fs = FileSystem.empty().mkdir("/h").write("/h/a.txt", "").write("/h/b.txt", "").write("/h/.env", "")
>>> expand_path(fs, "/h", [(c, True) for c in "*.txt"])
['a.txt', 'b.txt']
>>> expand_path(fs, "/h", [(c, c != "*") for c in "*.txt"]) is None
True
"""

from __future__ import annotations

from ..model.fs import FileSystem, normalize

Marked = list[tuple[str, bool]]  # each character, and whether it is active (unquoted)
# A pattern token: ("*", ""), ("?", ""), ("[", set text with "!" first when negated) or ("=", c).
Token = tuple[str, str]


def tokens(component: Marked) -> list[Token]:
    """One path component's pattern; an unclosed ``[`` is an ordinary character."""
    found: list[Token] = []
    i, n = 0, len(component)
    while i < n:
        c, active = component[i]
        if active and c in "*?":
            if not (c == "*" and found and found[-1] == ("*", "")):
                found.append((c, ""))
            i += 1
            continue
        if active and c == "[":
            end = _bracket_end(component, i)
            if end is not None:
                found.append(("[", "".join(ch for ch, _ in component[i + 1 : end])))
                i = end + 1
                continue
        found.append(("=", c))
        i += 1
    return found


def _bracket_end(component: Marked, i: int) -> int | None:
    """Where the bracket expression opened at ``i`` closes (a ``]`` first in it is a member)."""
    j = i + 1
    if j < len(component) and component[j][0] in "!^" and component[j][1]:
        j += 1
    if j < len(component) and component[j][0] == "]":
        j += 1
    while j < len(component):
        if component[j][0] == "]":
            return j
        j += 1
    return None


def _in_set(c: str, spec: str) -> bool:
    negate = spec[:1] in ("!", "^")
    body = spec[1:] if negate else spec
    hit = False
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            hit = hit or body[k] <= c <= body[k + 2]
            k += 3
        else:
            hit = hit or body[k] == c
            k += 1
    return hit != negate


def _one(token: Token, c: str) -> bool:
    kind, value = token
    return kind == "?" or (kind == "=" and value == c) or (kind == "[" and _in_set(c, value))


def matches(pattern: list[Token], name: str) -> bool:
    """Whether ``name`` matches: greedy, backing up only to the last ``*`` (no blow-up)."""
    p = s = 0
    star, mark = -1, 0
    while s < len(name):
        if p < len(pattern) and pattern[p][0] != "*" and _one(pattern[p], name[s]):
            p += 1
            s += 1
        elif p < len(pattern) and pattern[p][0] == "*":
            star, mark = p, s
            p += 1
        elif star >= 0:
            p, mark = star + 1, mark + 1
            s = mark
        else:
            return False
    return all(t[0] == "*" for t in pattern[p:])


def _is_pattern(pattern: list[Token]) -> bool:
    return any(kind != "=" for kind, _ in pattern)


def _split(word: Marked) -> list[Marked]:
    parts: list[Marked] = [[]]
    for c, active in word:
        if c == "/":
            parts.append([])
        else:
            parts[-1].append((c, active))
    return parts


def expand_path(fs: FileSystem, cwd: str, word: Marked) -> list[str] | None:
    """The sorted paths ``word`` matches; None when it is no pattern or matches nothing."""
    components = [tokens(c) for c in _split(word)]
    if not any(_is_pattern(c) for c in components):
        return None
    found = [""]  # shown as typed: relative stays relative
    last = len(components) - 1
    for k, pattern in enumerate(components):
        plain = "".join(v for _, v in pattern)
        step: list[str] = []
        for shown in found:
            prefix = shown + "/" if k else ""
            if not _is_pattern(pattern):
                path = prefix + plain
                full = normalize(path or "/", cwd)
                if k == last and (not plain or fs.lexists(full)) or k < last and (
                        not plain or fs.is_dir(full)):
                    step.append(path)
                continue
            folder = normalize(shown or ("/" if k else "."), cwd)
            if not fs.is_dir(folder):
                continue
            dot = pattern[0] == ("=", ".")
            for name in fs.listdir(folder):
                if (dot or not name.startswith(".")) and matches(pattern, name) and (
                        k == last or fs.is_dir(normalize(prefix + name, cwd))):
                    step.append(prefix + name)
        found = step
        if not found:
            return None
    return sorted(found)
