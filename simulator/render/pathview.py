"""The ``path`` view: how the shell finds ``python`` and ``pip``.

PATH's folders stand in order, top to bottom, each with the ``python`` and
``pip`` it holds (a link's target, a script's ``#!``); on the right, ``$ python``
and ``$ pip`` point at the first hit, the one bash runs. Activation shows as a
venv's ``bin/`` in front; a folder that does not exist (a moved venv's) is red.

>>> from simulator.model.world import WorldSpec, build
>>> from simulator.render.facts import facts
>>> pic = path_view(facts(build(WorldSpec())), "en")
>>> [t.text for t in pic.texts if t.text.startswith("$ ")]
['$ python', '$ pip']
"""

from __future__ import annotations

from math import fsum

from .blocks import GAP, PAD, S_BODY, S_NAME, S_SMALL, S_SUB
from .facts import Facts, Folder
from .picture import LINE, Picture, text_width
from .words import word

S_CMD = 22.0
ROW_GAP = 18.0
ARROW_W = 150.0


Line = tuple[str, float, str, bool, bool]  # text, size, colour, bold, mono


def _row_lines(folder: Folder, lang: str, runs: dict[str, str | None]) -> list[Line]:
    """(text, size, colour, bold, mono) lines of one folder's box."""
    head = folder.label + ("" if folder.exists else f"  {word(lang, 'path_missing')}")
    lines: list[Line] = [(head, S_SUB, "ink" if folder.exists else "bad", True, True)]
    for h in folder.hits:
        first = runs.get(h.command) == h.path
        mark = "✓" if h.ok else "✗"
        text = f"{mark} {h.command}  {h.detail}".rstrip()
        note = word(lang, "path_first" if first else "path_later")
        colour = ("ok" if first else "muted") if h.ok else "bad"
        lines.append((f"{text}   · {note}", S_BODY, colour, first, False))
    if not folder.hits and folder.exists:
        lines.append((word(lang, "path_none"), S_SMALL, "muted", False, False))
    return lines


def _size(lines: list[Line]) -> tuple[float, float]:
    w = max(text_width(t, s, b, m) for t, s, _, b, m in lines) + 2 * PAD
    h = fsum(s * LINE for _, s, _, _, _ in lines) + 2 * PAD
    return w, h


def path_view(f: Facts, lang: str) -> Picture:
    assert f.shell is not None
    sh = f.shell
    runs = dict(sh.runs)
    pic = Picture()
    pic.text(0, 0, word(lang, "path_title"), 30.0, bold=True)
    y = 30.0 * LINE
    pic.text(0, y, word(lang, "path_sub"), S_SUB, role="muted")
    y += S_SUB * LINE + 6
    if sh.virtual_env:
        first = sh.folders[0].label if sh.folders else ""
        from ..model.world import tilde

        status = word(lang, "path_active", venv=tilde(sh.virtual_env, f.home), bin=first)
    else:
        status = word(lang, "path_inactive")
    lost = bool(sh.folders) and not sh.folders[0].exists
    role = "bad" if lost else ("ok" if sh.virtual_env else "muted")
    pic.text(0, y, "PATH: " + status, S_BODY, bold=True, role=role)
    y += S_BODY * LINE
    moved = next((e for e in f.venvs if e.anatomy and e.anatomy.activate_venv == sh.virtual_env
                  and e.prefix != sh.virtual_env), None) if lost else None
    if moved is not None:  # its activate was sourced, but the folder it names is gone
        pic.text(0, y, word(lang, "path_moved", venv=moved.label), S_BODY, role="bad")
        y += S_BODY * LINE
    y += GAP
    rows = [_row_lines(folder, lang, runs) for folder in sh.folders]
    width = max([_size(r)[0] for r in rows] + [360.0])
    hit_spots: dict[str, tuple[float, float]] = {}
    number_w = text_width("9.", S_NAME, True) + 12
    for k, (folder, lines) in enumerate(zip(sh.folders, rows, strict=True), start=1):
        _, h = _size(lines)
        pic.text(0, y + PAD, f"{k}.", S_NAME, bold=True, role="muted")
        x = number_w
        role = "venv" if folder.venv else "system"
        if not folder.exists:
            role = "bad"
        pic.box(x, y, width, h, role, thick=True, dashed=not folder.exists,
                fill="background" if not folder.exists else "tint")
        ty = y + PAD
        for i, (text, size, colour, bold, mono) in enumerate(lines):
            pic.text(x + PAD, ty, text, size, role=colour, bold=bold, mono=mono)
            if 0 < i <= len(folder.hits):
                hit = folder.hits[i - 1]
                if runs.get(hit.command) == hit.path:
                    hit_spots[hit.command] = (x + width, ty + size * LINE / 2)
            ty += size * LINE
        y += h + ROW_GAP
    # the commands on the right, each pointing at the folder it is found in
    cmd_x = number_w + width + ARROW_W
    heights: list[float] = []
    for command, path in sh.runs:
        label = f"$ {command}"
        w = max(text_width(label, S_CMD, True, True),
                text_width(_tail(path, f.home, lang, command), S_SMALL, False, True)) + 2 * PAD
        h = S_CMD * LINE + S_SMALL * LINE + 2 * PAD
        spot = hit_spots.get(command)
        top = spot[1] - h / 2 if spot else y - h
        if heights and top < heights[-1] + 8:
            top = heights[-1] + 8
        heights.append(top + h)
        pic.box(cmd_x, top, w, h, "bad" if path is None else "project", thick=True)
        pic.text(cmd_x + PAD, top + PAD, label, S_CMD, bold=True, mono=True)
        pic.text(cmd_x + PAD, top + PAD + S_CMD * LINE, _tail(path, f.home, lang, command), S_SMALL,
                 mono=True, role="bad" if path is None else "ink")
        if spot is not None:
            pic.arrow(cmd_x, top + h / 2, spot[0] + 6, spot[1], role="ok", thick=True)
    return pic


def _tail(path: str | None, home: str, lang: str, command: str) -> str:
    from ..model.world import tilde

    if path is None:
        return word(lang, "path_notfound", cmd=command).split("→", 1)[1].strip()
    return "→ " + tilde(path, home)
