"""The ``anatomy`` view: what a venv is, as files.

``pyvenv.cfg`` and its ``home`` (the base Python), ``bin/`` with its links and
the ``#!`` line of each script, ``lib/pythonX.Y/site-packages`` with the
packages. A ``#!`` or ``activate`` that names another folder (a moved or copied
venv) is red. Up to two venvs side by side: broken, active and new ones first.

>>> from simulator.model.world import WorldSpec, build
>>> from simulator.render.facts import facts
>>> [t.text for t in anatomy_view(facts(build(WorldSpec())), "en").texts][1]
'there is no virtual environment to look inside'
"""

from __future__ import annotations

from math import fsum

from .blocks import (
    CHIP_GAP,
    GAP,
    PAD,
    S_BODY,
    S_SMALL,
    S_SUB,
    S_TITLE,
    chips_width,
    draw_chips,
    fold_chips,
    notes,
)
from .facts import Env, Facts, Script
from .picture import LINE, Box, Picture, text_width
from .words import word

MAX_VENVS = 2
S_FILE = 15.0
SKIP = ("activate.csh", "activate.fish", "Activate.ps1")
Line = tuple[str, float, str, bool, bool]  # text, size, colour, bold, mono


def chosen(f: Facts) -> list[Env]:
    ranked = sorted(f.venvs, key=lambda e: (not e.stale, not e.active, not e.changed, e.prefix))
    keep = {e.prefix for e in ranked[:MAX_VENVS]}
    return [e for e in f.venvs if e.prefix in keep]


def _script_line(s: Script, prefix: str) -> Line:
    if s.link:
        return (f"{s.name} → {s.target}", S_FILE, "ink" if s.ok else "bad", False, True)
    if s.target:
        ok = s.ok
        return (("" if ok else "✗ ") + f"{s.name}   #!{s.target}", S_FILE, "ink" if ok else "bad",
                not ok, True)
    return (s.name, S_FILE, "muted", False, True)


def sections(e: Env, lang: str) -> list[tuple[str, list[Line]]]:
    """(heading, lines) of each part of the venv's folder."""
    a = e.anatomy
    assert a is not None
    cfg: list[Line] = []
    for k, v in a.cfg:
        if k == "home":
            cfg.append((f"{k} = {v}", S_FILE, "ink", True, True))
            cfg.append((word(lang, "anatomy_home"), S_SMALL, "muted", False, False))
        elif k != "command":
            cfg.append((f"{k} = {v}", S_FILE, "ink", False, True))
    scripts: list[Line] = [_script_line(s, e.prefix) for s in a.scripts
                           if s.name not in SKIP and s.name != "activate"]
    if a.activate_venv is not None:
        ok = a.activate_venv == e.prefix
        scripts.append((("" if ok else "✗ ") + f'activate   VIRTUAL_ENV="{a.activate_venv}"', S_FILE,
                        "ink" if ok else "bad", not ok, True))
    return [("pyvenv.cfg", cfg), ("bin/", scripts)]


def _lines_w(lines: list[Line]) -> float:
    return max((text_width(t, s, b, m) for t, s, _, b, m in lines), default=0.0)


def _section(pic: Picture, head: str, lines: list[Line], x: float, y: float, w: float) -> float:
    """A file or folder: its name, then its lines in a thin box; returns the y below it."""
    pic.text(x, y, head, S_BODY, bold=True, mono=True)
    y += S_BODY * LINE + 2
    h = fsum(s * LINE for _, s, _, _, _ in lines) + 2 * 8
    pic.box(x, y, w, h, "muted", fill="background", radius=4)
    ty = y + 8
    for text, size, colour, bold, mono in lines:
        pic.text(x + PAD, ty, text, size, role=colour, bold=bold, mono=mono)
        ty += size * LINE
    return y + h + 10


def _panel(e: Env, lang: str, width: float | None, wide: bool) -> tuple[Picture, float, float]:
    """One venv's folder; ``wide``: bin/ in a second column, beside the rest."""
    (cfg_head, cfg), (bin_head, scripts) = sections(e, lang)
    items = fold_chips(list(e.chips) + list(e.tools), lang)
    site_head = e.anatomy.site + "/" if e.anatomy else ""
    footer = ([(word(lang, "stale_head"), S_SMALL, "bad", True, False)] if e.stale
              else [(text, S_SMALL, "bad", k == 0, False) for k, (text, _) in enumerate(notes(e, lang))]
              if e.half_made else [(word(lang, "anatomy_ok"), S_SMALL, "ok", False, False)])
    left_w = max(_lines_w(cfg) + 2 * PAD, text_width(e.label + "/", S_SUB, True, True),
                 text_width(site_head, S_BODY, True, True), chips_width(items, 2), _lines_w(footer))
    right_w = _lines_w(scripts) + 2 * PAD
    natural = left_w + GAP + right_w + 2 * PAD if wide else max(left_w, right_w) + 2 * PAD
    w = width or natural
    col_l = (w - 2 * PAD - GAP - right_w) if wide else w - 2 * PAD
    pic = Picture()
    y = PAD
    pic.text(PAD, y, e.label + "/", S_SUB, bold=True, mono=True)
    y += S_SUB * LINE + 8
    top = y
    y = _section(pic, cfg_head, cfg, PAD, y, col_l)
    if wide:
        right_end = _section(pic, bin_head, scripts, PAD + col_l + GAP, top, right_w)
    else:
        y = _section(pic, bin_head, scripts, PAD, y, col_l)
        right_end = y
    pic.text(PAD, y, site_head, S_BODY, bold=True, mono=True)
    y += S_BODY * LINE + 2
    pic.text(PAD, y, word(lang, "anatomy_site"), S_SMALL, role="muted")
    y += S_SMALL * LINE + 4
    if items:
        y += draw_chips(pic, items, PAD, y, col_l, "venv", False) + CHIP_GAP
    for text, size, colour, bold, _ in footer:
        pic.text(PAD, y, text, size, role=colour, bold=bold)
        y += size * LINE
    h = max(y, right_end) + PAD
    broken = bool(e.stale) or e.half_made
    pic.boxes.insert(0, Box(0, 0, w, h, "bad" if broken else "venv", dashed=broken, thick=True))
    return pic, w, h


def anatomy_view(f: Facts, lang: str) -> Picture:
    pic = Picture()
    pic.text(0, 0, word(lang, "anatomy_title"), S_TITLE, bold=True)
    venvs = chosen(f)
    if not venvs:
        pic.text(0, S_TITLE * LINE, word(lang, "anatomy_none"), S_SUB, role="muted")
        return pic
    pic.text(0, S_TITLE * LINE, word(lang, "anatomy_sub"), S_SUB, role="muted")
    top = S_TITLE * LINE + S_SUB * LINE + GAP
    wide = len(venvs) == 1
    width = max(_panel(e, lang, None, wide)[1] for e in venvs)
    x = 0.0
    for e in venvs:
        panel, w, _ = _panel(e, lang, width, wide)
        pic.add(panel, x, top)
        x += w + GAP
    return pic
