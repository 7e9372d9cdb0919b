"""Command-line parsing as pip's optparse does it (long-option prefixes included).

>>> spec = {"--upgrade": "flag", "-U": "--upgrade", "--requirement": "list", "-r": "--requirement"}
>>> parse(["-U", "-r", "a.txt", "appa", "--upgr"], spec)
({'--upgrade': True, '--requirement': ['a.txt']}, ['appa'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class OptionError(Exception):
    """A usage error; pip prints usage and ``<prog>: error: <message>``, exit 2."""


OptionValue = bool | str | list[str] | int


def parse(argv: Sequence[str], spec: Mapping[str, str]) -> tuple[dict[str, OptionValue], list[str]]:
    """Split ``argv`` into options and positional arguments.

    ``spec`` maps an option to ``flag``, ``value``, ``list``, ``count``,
    ``choice:A,B`` (a value among those) or to the long option it is an alias of.
    """
    longs = [k for k in spec if k.startswith("--")]
    opts: dict[str, OptionValue] = {}
    args: list[str] = []
    i = 0
    argv = list(argv)
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            args.extend(argv[i:])
            break
        if a.startswith("--"):
            name, eq, inline = a.partition("=")
            if name not in spec:
                matches = [k for k in longs if k.startswith(name)]
                if len(matches) == 1:
                    name = matches[0]
                elif len(matches) > 1:
                    raise OptionError(f"ambiguous option: {name} ({', '.join(sorted(matches))}?)")
                else:
                    raise OptionError(f"no such option: {name}")
            kind, name = _kind(spec, name)
            if kind in ("flag", "count"):
                if eq:
                    raise OptionError(f"{name} option does not take a value")
                _store(opts, name, kind, None)
                continue
            if eq:
                value = inline
            elif i < len(argv):
                value = argv[i]
                i += 1
            else:
                raise OptionError(f"{name} option requires 1 argument")
            _store(opts, name, _checked(kind, name, value), value)
        elif a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                short = "-" + a[j]
                j += 1
                if short not in spec:
                    raise OptionError(f"no such option: {short}")
                kind, name = _kind(spec, short)
                if kind in ("flag", "count"):
                    _store(opts, name, kind, None)
                    continue
                if j < len(a):
                    value = a[j:]
                elif i < len(argv):
                    value = argv[i]
                    i += 1
                else:
                    raise OptionError(f"{short} option requires 1 argument")
                _store(opts, name, _checked(kind, short, value), value)
                break
        else:
            args.append(a)
    return opts, args


def _kind(spec: Mapping[str, str], name: str) -> tuple[str, str]:
    kind = spec[name]
    while kind.startswith("-"):
        name = kind
        kind = spec[name]
    return kind, name


def _checked(kind: str, typed: str, value: str) -> str:
    """optparse's ``choice`` check; the kind to store the value as."""
    if not kind.startswith("choice:"):
        return kind
    choices = kind.removeprefix("choice:").split(",")
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise OptionError(f"option {typed}: invalid choice: {value!r} (choose from {listed})")
    return "value"


def _store(opts: dict[str, OptionValue], name: str, kind: str, value: str | None) -> None:
    if kind == "flag":
        opts[name] = True
    elif kind == "count":
        current = opts.get(name, 0)
        opts[name] = (current if isinstance(current, int) else 0) + 1
    elif kind == "list":
        current_list = opts.get(name)
        opts[name] = [*(current_list if isinstance(current_list, list) else []), value or ""]
    else:
        opts[name] = value or ""
