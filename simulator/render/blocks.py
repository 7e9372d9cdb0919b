"""The building blocks of the global and venvs views: chips, environment boxes, project cards.

Each block is laid out at the origin and knows its size before it is placed, so
a view can size its columns to the widest block and nothing ever overlaps.

>>> from simulator.render.facts import Chip
>>> b = env_block("Python 3.11", "", [("", (Chip("libcolor", "3.0"),), False)], (), (), 300, "system")
>>> b.h > 0 and any(t.text == "libcolor 3.0" for t in b.picture.texts)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import fsum

from .facts import Broken, Chip, Env, Need, Project, Stale
from .picture import LINE, Box, Picture, text_width
from .words import need_text, requires_text, word

S_TITLE = 30.0
S_SUB = 17.0
S_NAME = 22.0
S_BODY = 16.0
S_SMALL = 14.0
S_CHIP = 16.0
PAD = 14.0
GAP = 32.0
ARROW = 64.0
CHIP_PAD = 8.0
CHIP_GAP = 8.0
CHIP_H = S_CHIP * LINE + 10.0
MAX_CHIPS = 40
MAX_PROJECTS = 12


@dataclass
class Block:
    picture: Picture
    w: float
    h: float


def chip_text(c: Chip) -> str:
    return ("✗ " if c.broken else "") + c.label


def chip_w(text: str) -> float:
    return text_width(text, S_CHIP) + 2 * CHIP_PAD


def fold_chips(chips: Sequence[Chip], lang: str, limit: int = MAX_CHIPS) -> list[tuple[str, Chip | None]]:
    """Chips to draw, as (text, chip); past ``limit`` the rest fold into one ``+N more``.

    Broken and changed chips are kept first, so folding never hides the story.
    """
    if len(chips) <= limit:
        return [(chip_text(c), c) for c in chips]
    ranked = sorted(range(len(chips)), key=lambda i: (not (chips[i].broken or chips[i].changed), i))
    keep = sorted(ranked[: limit - 1])
    shown: list[tuple[str, Chip | None]] = [(chip_text(chips[i]), chips[i]) for i in keep]
    shown.append((word(lang, "more", n=len(chips) - len(keep)), None))
    return shown


def flow(items: Sequence[tuple[str, Chip | None]], width: float) -> tuple[list[tuple[float, float]], float]:
    """Positions of chips laid left to right, wrapping at ``width``; and the height used."""
    x = y = 0.0
    places = []
    for text, _ in items:
        w = chip_w(text)
        if x > 0 and x + w > width:
            x, y = 0.0, y + CHIP_H + CHIP_GAP
        places.append((x, y))
        x += w + CHIP_GAP
    return places, (y + CHIP_H if items else 0.0)


def chips_width(items: Sequence[tuple[str, Chip | None]], rows: int) -> float:
    """A width that fits ``items`` in about ``rows`` rows."""
    if not items:
        return 0.0
    widths = [chip_w(t) for t, _ in items]
    return max(max(widths), fsum(w + CHIP_GAP for w in widths) / max(rows, 1))


def draw_chips(pic: Picture, items: Sequence[tuple[str, Chip | None]], x: float, y: float,
                width: float, role: str, dashed: bool) -> float:
    places, h = flow(items, width)
    for (text, chip), (cx, cy) in zip(items, places, strict=True):
        w = chip_w(text)
        if chip is None:  # the folded rest
            pic.box(x + cx, y + cy, w, CHIP_H, "muted", dashed=True, fill="background", radius=5)
            pic.text(x + cx + CHIP_PAD, y + cy + 6.5, text, S_CHIP, role="muted")
            continue
        if chip.tool:  # pip and setuptools, or a hidden copy: there, but not the story
            pic.box(x + cx, y + cy, w, CHIP_H, "muted", dashed=dashed or chip.inherited,
                    fill="background", radius=5)
            pic.text(x + cx + CHIP_PAD, y + cy + 6.5, text, S_CHIP, role="muted")
            continue
        fill = "changed" if chip.changed else "chip_tint"
        pic.box(x + cx, y + cy, w, CHIP_H, "bad" if chip.broken else role,
                dashed=dashed or chip.inherited, fill=fill, thick=chip.broken, radius=5)
        colour = "bad" if chip.broken else "ink"
        if chip.changed:
            colour = "bad_on_changed" if chip.broken else "on_changed"
        pic.text(x + cx + CHIP_PAD, y + cy + 6.5, text, S_CHIP, role=colour)
    return h


Group = tuple[str, Sequence[Chip], bool]  # caption, chips, dashed


def env_lines(problems: Sequence[Broken], removed: Sequence[str], lang: str,
              stale: Sequence[Stale] = ()) -> list[tuple[str, str]]:
    lines = [("✗ " + requires_text(lang, b.dist, b.requirement, b.found), "bad") for b in problems]
    lines += [(f"− {r} ({word(lang, 'removed')})", "muted") for r in removed]
    if stale:
        lines.append((word(lang, "stale_head"), "bad"))
        lines += [(word(lang, f"stale_{s.kind}", file=s.file, target=s.target), "bad") for s in stale]
    return lines


def env_groups(e: Env, lang: str) -> list[tuple[str, Sequence[Chip], bool]]:
    """The chip groups of an environment's box: its own, inherited, hidden copies, then pip's."""
    own: list[Chip] = list(e.chips)
    groups: list[tuple[str, Sequence[Chip], bool]] = [("", own, False)]
    if e.system_site:
        groups.append((word(lang, "inherited"), e.inherited, True))
        if e.shadowed:
            groups.append((word(lang, "hidden"), e.shadowed, True))
    if e.tools:
        if e.system_site:
            groups.append(("", e.tools, False))
        else:
            own += e.tools
    return groups


def badge(e: Env, lang: str) -> str:
    """``▶ the shell's python, pip run from here now`` for the environment the shell uses."""
    return word(lang, "runs_here", cmds=", ".join(e.runs)) if e.runs else ""


def notes(e: Env, lang: str) -> list[tuple[str, str]]:
    """Lines under an environment's title: the PEP 668 marker of a system Python, or why a
    venv was left half made."""
    if e.half_made:
        return [(word(lang, "half_made"), "bad"), (word(lang, "half_made_why"), "bad")]
    return [(word(lang, "managed"), "bad")] if e.managed else []


def system_groups(e: Env, lang: str) -> list[Group]:
    """A system Python's chips: one group per site folder, each named by who writes it."""
    if not e.sites:
        return [(word(lang, "site_shared"), e.chips + e.tools, False)]
    return [(f"{s.owner}: {s.path}" + ("" if s.chips or s.tools else f" · {word(lang, 'empty')}"),
             s.chips + s.tools, False) for s in e.sites]


def env_min_width(title: str, subtitle: str, groups: Sequence[Group], lines: Sequence[tuple[str, str]],
                  lang: str, rows: int, badge: str = "") -> float:
    widths = [text_width(title, S_SUB, bold=True), text_width(subtitle, S_SMALL),
              text_width(badge, S_SMALL, bold=True)]
    widths += [text_width(t, S_SMALL) for t, _ in lines]
    for caption, chips, _ in groups:
        widths.append(text_width(caption, S_SMALL))
        widths.append(chips_width(fold_chips(chips, lang), rows))
    return max(widths) + 2 * PAD


def env_block(title: str, subtitle: str, groups: Sequence[Group], problems: Sequence[Broken],
              removed: Sequence[str], width: float, role: str, *, lang: str = "en",
              dashed: bool = False, title_on: str = "", badge: str = "",
              stale: Sequence[Stale] = (), notes: Sequence[tuple[str, str]] = (),
              keep_empty: bool = False) -> Block:
    """A box: bold title, muted subtitle, chip groups, then problems in red (a stale venv:
    red and dashed, with what its files name); ``keep_empty``: empty groups keep their caption."""
    pic = Picture()
    y = PAD
    pic.text(PAD, y, title, S_SUB, bold=True, on=title_on, role="on_changed" if title_on else "ink")
    y += S_SUB * LINE
    if subtitle:
        pic.text(PAD, y, subtitle, S_SMALL, role="muted")
        y += S_SMALL * LINE
    if badge:
        pic.text(PAD, y + 2, badge, S_SMALL, bold=True, role="ok")
        y += S_SMALL * LINE + 2
    for text, colour in notes:
        pic.text(PAD, y + 2, text, S_SMALL, role=colour)
        y += S_SMALL * LINE + 2
    y += 6
    inner = width - 2 * PAD
    empty = True
    for caption, chips, group_dashed in groups:
        if not chips and caption and not keep_empty:
            continue
        empty = empty and not (keep_empty and caption)
        if caption:
            pic.text(PAD, y, caption, S_SMALL, role="muted")
            y += S_SMALL * LINE + 2
        items = fold_chips(chips, lang)
        if items:
            empty = False
            y += draw_chips(pic, items, PAD, y, inner, role, group_dashed) + CHIP_GAP
    if empty:
        pic.text(PAD, y, word(lang, "empty"), S_BODY, role="muted")
        y += S_BODY * LINE + 4
    for text, colour in env_lines(problems, removed, lang, stale):
        pic.text(PAD, y, text, S_SMALL, role=colour)
        y += S_SMALL * LINE
    h = y + PAD - 4
    pic.boxes.insert(0, _frame(width, h, "bad" if stale else role, dashed or bool(stale)))
    return Block(pic, width, h)


def _frame(w: float, h: float, role: str, dashed: bool) -> Box:
    return Box(0, 0, w, h, role, dashed=dashed, thick=True)


def need_line(n: Need, lang: str) -> tuple[str, str]:
    if n.ok:
        return f"✓ {n.name} {n.found}", "ink"
    return "✗ " + need_text(lang, n.requirement, n.found), "bad"


def card_lines(p: Project, lang: str, global_view: bool) -> list[tuple[str, float, str, bool]]:
    """(text, size, colour, bold) lines of a project card."""
    lines = [(p.name, S_NAME, "ink", True), (p.label, S_SMALL, "muted", False)]
    if p.in_venv and (global_view or p.shared):
        venv = tilde_label(p.env, p.folder, p.label)
        key = "on_active" if p.shared else "on_venv"
        if global_view and not p.muted_globally:  # the story installed its needs globally too
            key += "_as_global"
        lines += [(part, S_SMALL, "muted" if global_view else "ok", global_view is False)
                  for part in word(lang, key, venv=venv).split("\n")]
        if global_view and p.muted_globally:  # nothing of it is this Python's: nothing to check
            return lines
    for n in p.global_needs if global_view else p.needs:
        text, colour = need_line(n, lang)
        lines.append((text, S_BODY, colour, False))
    if p.locked and not global_view:
        lines.append((word(lang, "uv_lock", pins=", ".join(p.locked)), S_SMALL, "muted", False))
    return lines


def tilde_label(prefix: str, folder: str, label: str) -> str:
    """A venv's folder as the project card names it: ``~/comun``, or ``.venv`` inside the project."""
    if prefix.startswith(folder + "/"):
        return prefix[len(folder) + 1 :]
    home = folder[: len(folder) - len(label) + 1] if label.startswith("~/") else ""
    if home and prefix.startswith(home + "/"):
        return "~" + prefix[len(home) :]
    return prefix


def lines_size(lines: Sequence[tuple[str, float, str, bool]]) -> tuple[float, float]:
    w = max(text_width(t, s, b) for t, s, _, b in lines) + 2 * PAD
    h = fsum(s * LINE for _, s, _, _ in lines) + 2 * PAD + 4
    return w, h


def card_block(lines: Sequence[tuple[str, float, str, bool]], w: float, h: float, *, bad: bool,
               changed: bool, muted: bool = False) -> Block:
    pic = Picture()
    pic.boxes.append(Box(0, 0, w, h, "bad" if bad else ("muted" if muted else "project"),
                         thick=True, dashed=muted, fill="background" if muted else "tint"))
    y = PAD
    for i, (text, size, colour, bold) in enumerate(lines):
        on = "changed" if changed and i == 0 else ""
        pic.text(PAD, y, text, size, role="on_changed" if on else colour, bold=bold, on=on)
        y += size * LINE + (4 if i == 1 else 0)
    return Block(pic, w, h)
