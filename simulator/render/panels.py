"""The ``global``, ``venvs`` and ``compare`` views, laid out on one shared grid.

Projects sit in columns (one row up to six, two rows up to twelve, the second
mirrored below the interpreters), at the same places in both views, so
``compare`` puts the two side by side and only the middle changes: one shared
site-packages on the left, one venv per project on the right.

>>> from simulator.model.world import ProjectSpec, WorldSpec, build
>>> from simulator.render.facts import facts
>>> pic = compare(facts(build(WorldSpec(projects=(ProjectSpec("tienda", "~/t", ("libcolor",)),)))), "en")
>>> "tienda" in [t.text for t in pic.texts]
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import fsum

from .blocks import (
    ARROW,
    GAP,
    MAX_PROJECTS,
    PAD,
    S_BODY,
    S_SMALL,
    S_SUB,
    S_TITLE,
    Block,
    badge,
    card_block,
    card_lines,
    env_block,
    env_groups,
    env_lines,
    env_min_width,
    lines_size,
    notes,
    system_groups,
)
from .facts import Env, Facts, Project
from .picture import LINE, Picture, text_width, wrap
from .words import word

PER_ROW = 6


@dataclass(frozen=True)
class Column:
    project: Project | None  # None: a venv without a project, or the folded rest
    venv: Env | None
    folded: int = 0


def columns(f: Facts, orphans: bool) -> list[Column]:
    """One column per project (past ``MAX_PROJECTS`` the rest fold into one)."""
    projects = list(f.projects)
    folded = 0
    if len(projects) > MAX_PROJECTS:
        ranked = sorted(range(len(projects)),
                        key=lambda i: (projects[i].works and not projects[i].changed, i))
        keep = sorted(ranked[: MAX_PROJECTS - 1])
        folded = len(projects) - len(keep)
        projects = [projects[i] for i in keep]
    first: dict[str, int] = {}
    for i, p in enumerate(projects):  # projects that share a venv stand side by side
        first.setdefault(p.env if p.in_venv else p.folder, i)
    projects.sort(key=lambda p: first[p.env if p.in_venv else p.folder])
    cols = [Column(p, f.env(p.env) if p.in_venv else None) for p in projects]
    if folded:
        cols.append(Column(None, None, folded))
    if orphans:
        spare = MAX_PROJECTS + 2 - len(cols)
        extra = f.orphans()
        cols += [Column(None, e) for e in extra[: max(spare, 0)]]
        if len(extra) > max(spare, 0):
            cols.append(Column(None, None, len(extra) - max(spare, 0)))
    return cols


def _venv_groups(e: Env, lang: str) -> list[tuple[str, Sequence[object], bool]]:
    return env_groups(e, lang)  # type: ignore[return-value]


def _venv_lines(e: Env, lang: str) -> list[tuple[str, str]]:
    return env_lines(e.broken, e.removed, lang, e.stale) + notes(e, lang)


def _venv_title(e: Env, lang: str) -> tuple[str, str]:
    return word(lang, "venv_box", name=e.name, minor=e.minor), e.label


def _card(col: Column, lang: str, global_view: bool) -> list[tuple[str, float, str, bool]]:
    if col.project is not None:
        return card_lines(col.project, lang, global_view)
    if col.venv is not None:
        return [(col.venv.label, S_SUB, "ink", True), (word(lang, "no_project"), S_SMALL, "muted", False)]
    return [(word(lang, "more_projects", n=col.folded), S_SUB, "muted", True)]


@dataclass
class Grid:
    cols: list[Column]
    col_w: float
    card_h: float
    per_row: int
    rows: int
    chip_rows: int

    @property
    def width(self) -> float:
        return self.per_row * self.col_w + (self.per_row - 1) * GAP

    def x(self, i: int) -> float:
        return (i % self.per_row) * (self.col_w + GAP)

    def row(self, i: int) -> int:
        return i // self.per_row


def grid(f: Facts, lang: str, chip_rows: int, orphans: bool,
         variants: tuple[bool, ...] = (True, False), rows: int = 0) -> Grid:
    """Columns sized to their widest card or box (``rows``: 1 or 2 rows of projects; 0 picks)."""
    cols = columns(f, orphans)
    n = max(len(cols), 1)
    rows = rows or (1 if n <= PER_ROW else 2)
    per_row = -(-n // rows)
    w, h = 200.0, 0.0
    for c in cols:
        for global_view in variants:
            cw, ch = lines_size(_card(c, lang, global_view))
            w, h = max(w, cw), max(h, ch)
        if c.venv is not None:
            title, sub = _venv_title(c.venv, lang)
            w = max(w, env_min_width(title, sub, _venv_groups(c.venv, lang),  # type: ignore[arg-type]
                                     _venv_lines(c.venv, lang), lang, chip_rows, badge(c.venv, lang)))
        elif c.project is not None:
            w = max(w, max(text_width(t, S_BODY) for t in wrap(word(lang, "no_venv"), S_BODY, w)) + 2 * PAD)
    return Grid(cols, w, h, per_row, rows, chip_rows)


def _heading(pic: Picture, title: str, subtitle: str, width: float) -> float:
    y = 0.0
    for line in wrap(title, S_TITLE, width, bold=True):
        pic.text(0, y, line, S_TITLE, bold=True)
        y += S_TITLE * LINE
    for line in wrap(subtitle, S_SUB, width):
        pic.text(0, y, line, S_SUB, role="muted")
        y += S_SUB * LINE
    return y + GAP * 0.75


def _cards(pic: Picture, g: Grid, lang: str, global_view: bool, top: float, bottom: float) -> None:
    for i, c in enumerate(g.cols):
        if global_view and c.project is None and c.venv is not None:  # a venv of no project: venvs side
            continue
        lines = _card(c, lang, global_view)
        p = c.project
        if p is not None and global_view and p.muted_globally:  # its packages live elsewhere
            block = card_block(lines, g.col_w, g.card_h, bad=False, changed=p.changed, muted=True)
        elif p is not None:
            bad = not (p.works_globally if global_view else p.works)
            block = card_block(lines, g.col_w, g.card_h, bad=bad, changed=p.changed)
        else:
            block = card_block(lines, g.col_w, g.card_h, bad=False, changed=False, muted=True)
        pic.add(block.picture, g.x(i), top if g.row(i) == 0 else bottom)


def _shared_blocks(f: Facts, lang: str, width: float) -> list[tuple[str, Block]]:
    """One box per global interpreter: its site-packages and the user site, shared by all."""
    systems = [e for e in f.envs if e.kind == "system"]
    n = max(len(systems), 1)
    w = (width - (n - 1) * GAP) / n
    blocks = []
    for e in systems:
        interp = next((i for i in f.interpreters if i.minor == e.minor), None)
        exe = interp.exe if interp else e.prefix
        title = interp.title(lang) if interp else f"Python {e.minor} · {exe}"
        user = next((u for u in f.envs if u.kind == "user" and u.minor == e.minor), None)
        groups: list[tuple[str, Sequence[object], bool]] = list(system_groups(e, lang))
        removed = list(e.removed)
        if user is not None:
            groups.insert(0, (f"{word(lang, 'user_site')} · {user.label}", user.chips, False))
            removed += user.removed
        block = env_block(title, "", groups, e.broken, removed,  # type: ignore[arg-type]
                          w, "system", lang=lang, title_on="changed" if e.changed else "",
                          badge=badge(e, lang), notes=notes(e, lang), keep_empty=bool(e.sites))
        blocks.append((exe, block))
    return blocks


def _shared_min_width(f: Facts, lang: str, chip_rows: int) -> float:
    widths = [0.0]
    for e in f.envs:
        if e.kind in ("system", "user"):
            interp = next((i for i in f.interpreters if i.minor == e.minor), None)
            title = interp.title(lang) if interp and interp.missing else ""
            widths.append(env_min_width(title or f"Python {e.minor} · /usr/bin/python{e.minor}.99", "",
                                        system_groups(e, lang),
                                        env_lines(e.broken, e.removed, lang) + notes(e, lang),
                                        lang, chip_rows, badge(e, lang)))
    n = max(sum(1 for e in f.envs if e.kind == "system"), 1)
    return max(widths) * n + (n - 1) * GAP


def global_panel(f: Facts, g: Grid, lang: str, middle: float = 0.0) -> tuple[Picture, float]:
    """The global view; returns the picture and the height its middle needs."""
    pic = Picture()
    width = max(g.width, _shared_min_width(f, lang, g.chip_rows))
    sub = "global_sub_debian" if any(e.sites for e in f.envs) else "global_sub"
    top = _heading(pic, word(lang, "global_title"), word(lang, sub), width)
    blocks = _shared_blocks(f, lang, width)
    mid_h = max((b.h for _, b in blocks), default=0.0)
    need = mid_h + 2 * ARROW if g.rows == 2 else mid_h + ARROW
    middle = max(middle, need)
    mid_top = top + g.card_h + (middle - mid_h) / 2 if g.rows == 2 else top + g.card_h + ARROW
    bottom = top + g.card_h + middle
    _cards(pic, g, lang, True, top, bottom)
    spots: dict[str, tuple[float, float]] = {}
    users: dict[str, list[float]] = {}
    for i, c in enumerate(g.cols):
        if c.project is not None:
            users.setdefault(c.project.global_exe, []).append(g.x(i))
    x = (width - fsum(b.w for _, b in blocks) - GAP * (len(blocks) - 1)) / 2
    for exe, b in uncrossed(blocks, users):
        pic.add(b.picture, x, mid_top)
        spots[exe] = (x, b.w)
        x += b.w + GAP
    for i, c in enumerate(g.cols):
        p = c.project
        if p is None or p.global_exe not in spots:
            continue
        bx, bw = spots[p.global_exe]
        cx = g.x(i) + g.col_w / 2
        tx = min(max(cx, bx + 24), bx + bw - 24)
        role = "muted" if p.muted_globally else ("line" if p.works_globally else "bad")
        if g.row(i) == 0:
            pic.arrow(cx, top + g.card_h, tx, mid_top, role=role, dashed=p.in_venv)
        else:
            b_h = next(b.h for e, b in blocks if e == p.global_exe)
            pic.arrow(cx, bottom, tx, mid_top + b_h, role=role, dashed=p.in_venv)
    return pic, need


def _venv_block(c: Column, width: float, lang: str) -> Block | None:
    if c.venv is not None:
        title, sub = _venv_title(c.venv, lang)
        return env_block(title, sub, _venv_groups(c.venv, lang), c.venv.broken,  # type: ignore[arg-type]
                         c.venv.removed, width, "venv", lang=lang,
                         title_on="changed" if c.venv.changed else "", badge=badge(c.venv, lang),
                         stale=c.venv.stale, notes=notes(c.venv, lang))
    if c.project is not None:
        pic = Picture()
        lines = wrap(word(lang, "no_venv"), S_BODY, width - 2 * PAD)
        h = len(lines) * S_BODY * LINE + 2 * PAD
        pic.box(0, 0, width, h, "muted", dashed=True, fill="background")
        for k, line in enumerate(lines):
            pic.text(PAD, PAD + k * S_BODY * LINE, line, S_BODY, role="muted")
        return Block(pic, width, h)
    return None


def spans(g: Grid) -> list[tuple[int, int]]:
    """(first column, how many) for each venv box: projects sharing one venv share one box."""
    out: list[tuple[int, int]] = []
    for i, c in enumerate(g.cols):
        if out and c.venv is not None and g.row(i) == g.row(out[-1][0]):
            prev = g.cols[out[-1][0]].venv
            if prev is not None and prev.prefix == c.venv.prefix:
                out[-1] = (out[-1][0], out[-1][1] + 1)
                continue
        out.append((i, 1))
    return out


def _interp_blocks(f: Facts, lang: str) -> list[tuple[str, Block]]:
    out = []
    for i in f.interpreters:
        pic = Picture()
        title = i.title(lang)
        system = next((e for e in f.envs if e.kind == "system" and e.minor == i.minor), None)
        mark = badge(system, lang) if system is not None else ""
        w = max(text_width(title, S_SUB, bold=True), text_width(mark, S_SMALL, bold=True)) + 2 * PAD + 8
        h = S_SUB * LINE + S_SMALL * LINE * (2 if mark else 1) + 2 * PAD
        pic.box(0, 0, w, h, "bad" if i.missing else "system", thick=True)
        pic.text(PAD, PAD, title, S_SUB, bold=True)
        pic.text(PAD, PAD + S_SUB * LINE, word(lang, "base_sub"), S_SMALL, role="muted")
        if mark:
            pic.text(PAD, PAD + S_SUB * LINE + S_SMALL * LINE, mark, S_SMALL, bold=True, role="ok")
        out.append((i.exe, Block(pic, w, h)))
    return out


def uncrossed(blocks: list[tuple[str, Block]], users: dict[str, list[float]]) -> list[tuple[str, Block]]:
    """Blocks ordered by the mean x of the arrows that reach them, so arrows do not cross."""
    order = {exe: i for i, (exe, _) in enumerate(blocks)}

    def key(item: tuple[str, Block]) -> tuple[float, int]:
        xs = users.get(item[0], [])
        return (fsum(xs) / len(xs) if xs else float("inf"), order[item[0]])

    return sorted(blocks, key=key)


def venvs_panel(f: Facts, g: Grid, lang: str, middle: float = 0.0) -> tuple[Picture, float]:
    """The venvs view; returns the picture and the height its middle needs."""
    pic = Picture()
    interps = _interp_blocks(f, lang)
    width = max(g.width, fsum(b.w for _, b in interps) + GAP * (len(interps) - 1))
    shared = any(p.shared for p in f.projects)
    top = _heading(pic, word(lang, "venvs_title"), word(lang, "venvs_sub_shared" if shared else "venvs_sub"),
                   width)
    boxes: list[tuple[int, int, Block]] = []
    for i, n in spans(g):
        b = _venv_block(g.cols[i], n * g.col_w + (n - 1) * GAP, lang)
        if b is not None:
            boxes.append((i, n, b))
    h1 = max((b.h for i, _, b in boxes if g.row(i) == 0), default=0.0)
    h2 = max((b.h for i, _, b in boxes if g.row(i) == 1), default=0.0)
    hi = max((b.h for _, b in interps), default=0.0)
    need = ARROW + h1 + ARROW + hi + (ARROW + h2 + ARROW if g.rows == 2 else 0.0)
    middle = max(middle, need)
    interp_top = top + g.card_h + ARROW + h1 + ARROW
    bottom = top + g.card_h + middle
    _cards(pic, g, lang, False, top, bottom)
    users: dict[str, list[float]] = {}
    for i, n, _ in boxes:
        c = g.cols[i]
        base = c.venv.base if c.venv is not None else (c.project.global_exe if c.project else None)
        if base is not None:
            users.setdefault(base, []).append(g.x(i) + (n * g.col_w + (n - 1) * GAP) / 2)
    spots: dict[str, tuple[float, float, float]] = {}
    slot = width / max(len(interps), 1)
    for k, (exe, ib) in enumerate(uncrossed(interps, users)):
        x = slot * k + (slot - ib.w) / 2
        pic.add(ib.picture, x, interp_top)
        spots[exe] = (x, ib.w, ib.h)
    for i, n, b in boxes:
        first = g.row(i) == 0
        y = top + g.card_h + ARROW if first else bottom - ARROW - b.h
        pic.add(b.picture, g.x(i), y)
        for k in range(i, i + n):
            p = g.cols[k].project
            if p is None:
                continue
            cx = g.x(k) + g.col_w / 2
            role = "bad" if not p.works else "line"
            if first:
                pic.arrow(cx, top + g.card_h, cx, y, role=role)
            else:
                pic.arrow(cx, bottom, cx, y + b.h, role=role)
        c = g.cols[i]
        base = c.venv.base if c.venv is not None else (c.project.global_exe if c.project else None)
        if base in spots:
            assert base is not None
            bx, bw, bh = spots[base]
            cx = g.x(i) + b.w / 2
            tx = min(max(cx, bx + 24), bx + bw - 24)
            if first:
                pic.arrow(cx, y + b.h, tx, interp_top, dashed=c.venv is None)
            else:
                pic.arrow(cx, y, tx, interp_top + bh, dashed=c.venv is None)
    return pic, need


def _best(f: Facts, lang: str, orphans: bool, build: object,
          variants: tuple[bool, ...] = (True, False)) -> Picture:
    """Try a few chip-row counts; keep the layout closest to 16:9 (the largest text)."""
    return _fittest([build(g) for g in _grids(f, lang, orphans, variants, (0,))])  # type: ignore[operator]


def _grids(f: Facts, lang: str, orphans: bool, variants: tuple[bool, ...],
           lines: tuple[int, ...]) -> list[Grid]:
    """The distinct grids that chip-row counts and project rows give (many come out the same)."""
    out: dict[tuple[float, float, int], Grid] = {}
    for rows in ROWS:
        for n in lines:
            g = grid(f, lang, rows, orphans, variants, rows=n)
            out.setdefault((round(g.col_w, 3), round(g.card_h, 3), g.rows), g)
    return list(out.values())


def global_view(f: Facts, lang: str) -> Picture:
    return _best(f, lang, False, lambda g: global_panel(f, g, lang)[0], (True,))


def venvs_view(f: Facts, lang: str) -> Picture:
    return _best(f, lang, True, lambda g: venvs_panel(f, g, lang)[0], (False,))


ROWS = (1, 2, 3, 5, 8, 12, 20)


def _row_counts(f: Facts, orphans: bool) -> tuple[int, ...]:
    """1 or 2 rows of projects: two rows make a panel narrow enough to stand beside another."""
    n = len(columns(f, orphans))
    if n > PER_ROW:
        return (2,)
    venvs = [p.env for p in f.projects if p.in_venv]
    shared = len(set(venvs)) < len(venvs)  # one box for them all: they stay in one row
    return (1, 2) if n >= 3 and not shared else (1,)


def _scale(pic: Picture) -> float:
    x0, y0, x1, y1 = pic.bounds()
    return min(1600 / max(x1 - x0, 1.0), 900 / max(y1 - y0, 1.0))


def pair(left: Picture, right: Picture, stacked: bool) -> Picture:
    """Two pictures side by side (or one above the other) with a thin line between."""
    pic = Picture()
    pic.add(left, 0, 0)
    _, _, lx1, ly1 = left.bounds()
    _, _, rx1, ry1 = right.bounds()
    if stacked:
        split = ly1 + GAP * 1.5
        pic.arrow(0, split, max(lx1, rx1), split, role="muted", head=False)
        pic.add(right, 0, split + GAP * 1.5)
    else:
        split = lx1 + GAP * 1.5
        pic.arrow(split, 0, split, max(ly1, ry1), role="muted", head=False)
        pic.add(right, split + GAP * 1.5, 0)
    return pic


def _fittest(candidates: Sequence[Picture]) -> Picture:
    """The candidate drawn largest on a 16:9 canvas (the first of equals)."""
    best = candidates[0]
    for pic in candidates[1:]:
        if _scale(pic) > _scale(best) + 1e-9:
            best = pic
    return best


def compare(f: Facts, lang: str) -> Picture:
    """``global`` and ``venvs`` of one world side by side (or stacked), projects in the same places."""
    out = []
    for g in _grids(f, lang, True, (True, False), _row_counts(f, True)):
        middle = max(global_panel(f, g, lang)[1], venvs_panel(f, g, lang)[1])
        left, right = global_panel(f, g, lang, middle)[0], venvs_panel(f, g, lang, middle)[0]
        out += [pair(left, right, False), pair(left, right, True)]
    return _fittest(out)


def uses_venvs(f: Facts) -> bool:
    return any(p.in_venv for p in f.projects) or bool(f.venvs)


def captioned(pic: Picture, caption: Sequence[str]) -> Picture:
    """``pic`` under its caption: a bold first line, then the command in monospace."""
    if not caption:
        return pic
    out = Picture()
    x0, y0, _, _ = pic.bounds()
    y = y0
    for k, line in enumerate(caption):
        size = S_SUB if k == 0 else S_BODY
        out.text(x0, y, line, size, bold=k == 0, mono=k > 0, role="ink" if k == 0 else "muted")
        y += size * LINE
    out.add(pic, 0, y - y0 + GAP * 0.5)
    return out


def moments(left: Facts, right: Facts, lang: str,
            captions: tuple[Sequence[str], Sequence[str]] = ((), ())) -> Picture:
    """Two moments of a story, each drawn as its own view (``venvs`` once venvs exist, else
    ``global``), under its caption."""
    sides = []
    for f, caption in zip((left, right), captions, strict=True):
        venvs = uses_venvs(f)
        panel = venvs_panel if venvs else global_panel
        sides.append([captioned(panel(f, g, lang)[0], caption)
                      for g in _grids(f, lang, venvs, (not venvs,), _row_counts(f, venvs))])
    out = []
    for a in sides[0]:
        for b in sides[1]:
            out += [pair(a, b, False), pair(a, b, True)]
    return _fittest(out)
