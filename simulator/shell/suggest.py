"""CPython 3.11's "Did you mean" for a NameError (a port of Python/suggestions.c).

>>> suggestion("prnt", ["x"]), suggestion("nope", []), suggestion("qwertyuiop", [])
('print', 'None', None)
"""

from __future__ import annotations

import builtins

MAX_CANDIDATE_ITEMS = 750
MAX_STRING_SIZE = 40
MOVE_COST = 2
CASE_COST = 1
# The module's own names before the program's (those of ``python -c`` and of a script).
MODULE_NAMES = ["__name__", "__doc__", "__package__", "__loader__", "__spec__",
                "__annotations__", "__builtins__"]
BUILTINS = list(vars(builtins))


def _cost(a: str, b: str) -> int:
    if (ord(a) & 31) != (ord(b) & 31):
        return MOVE_COST
    if a == b:
        return 0
    return CASE_COST if a.lower() == b.lower() else MOVE_COST


def distance(a: str, b: str, max_cost: int) -> int:
    """suggestions.c's Levenshtein distance, with its early exits."""
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return (len(a) + len(b)) * MOVE_COST
    if len(a) > MAX_STRING_SIZE or len(b) > MAX_STRING_SIZE:
        return max_cost + 1
    if len(b) < len(a):
        a, b = b, a
    if (len(b) - len(a)) * MOVE_COST > max_cost:
        return max_cost + 1
    buffer = [(i + 1) * MOVE_COST for i in range(len(a))]
    result = 0
    for b_index, code in enumerate(b):
        dist = result = b_index * MOVE_COST
        minimum = None
        for index, ch in enumerate(a):
            substitute = dist + _cost(code, ch)
            dist = buffer[index]
            insert_delete = min(result, dist) + MOVE_COST
            result = min(insert_delete, substitute)
            buffer[index] = result
            if minimum is None or result < minimum:
                minimum = result
        if minimum is not None and minimum > max_cost:
            return max_cost + 1
    return result


def _best(candidates: list[str], name: str) -> str | None:
    if len(candidates) >= MAX_CANDIDATE_ITEMS:
        return None
    best: str | None = None
    best_distance = 1 << 62
    size = len(name.encode("utf-8"))
    for item in candidates:
        if item == name:
            continue
        max_distance = (size + len(item.encode("utf-8")) + 3) * MOVE_COST // 6
        max_distance = min(max_distance, best_distance - 1)
        current = distance(name, item, max_distance)
        if current > max_distance:
            continue
        if best is None or current < best_distance:
            best, best_distance = item, current
    return best


def suggestion(name: str, program_names: list[str], script: bool = False) -> str | None:
    """The name CPython 3.11 suggests for ``name``: the module's names first, then builtins."""
    module = MODULE_NAMES + (["__file__", "__cached__"] if script else []) + program_names
    return _best(module, name) or _best(BUILTINS, name)
