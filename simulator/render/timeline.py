"""The ``timeline`` view: one panel per step, what changed highlighted.

Each panel shows the command, every environment's packages (new ones
highlighted, removed ones listed) and whether each project works.

>>> from simulator.scenario import loads
>>> from simulator.replay import replay
>>> t = replay(loads('[world]\\npythons = ["3.11"]\\n[index]\\nlibcolor = ["1.0"]\\n'
...                  '[[steps]]\\nrun = "pip install libcolor"\\n'))
>>> pic = timeline_view(t, "en")
>>> [x.text for x in pic.texts if "libcolor" in x.text]
['$ pip install libcolor', 'libcolor 1.0']
"""

from __future__ import annotations

from ..replay import Timeline
from .blocks import GAP, PAD, S_BODY, S_SMALL, S_SUB, S_TITLE, env_block, env_lines, env_min_width, need_line
from .facts import Facts, facts
from .picture import LINE, Box, Picture, text_width
from .words import word

MAX_COMMAND = 46  # characters on one line of a command; longer ones break at && ; |


def command_lines(run: str) -> list[str]:
    """``$ a && b`` broken before ``&&``, ``||``, ``;`` and ``|`` when it is long."""
    words = run.split(" ")
    lines = ["$"]
    for w in words:
        breaks = w in ("&&", "||", "|", ";") or lines[-1].endswith(";")
        if breaks and len(lines[-1]) + len(w) + 1 > MAX_COMMAND:
            lines.append("  ")
        lines[-1] += " " + w
    return [ln.rstrip() for ln in lines]


def _env_groups(f: Facts) -> list[tuple[str, str, list[tuple[str, tuple[object, ...], bool]], str]]:
    out = []
    for e in f.envs:
        groups: list[tuple[str, tuple[object, ...], bool]] = [("", e.chips, False)]
        out.append((e.label if e.kind != "system" else f"Python {e.minor} · {e.label}", e.kind,
                    groups, "changed" if e.changed else ""))
    return out


def _panel(n: int, total: int, run: str, f: Facts, lang: str, width: float | None) -> tuple[Picture, float]:
    """One step's panel at the origin; with ``width`` None, only its natural width."""
    heading = word(lang, "step", n=n, total=total) if n else word(lang, "start")
    cmd = command_lines(run) if run else []
    envs = _env_groups(f)
    natural = max([text_width(heading, S_SUB, bold=True)] + [text_width(c, S_BODY, mono=True) for c in cmd]
                  + [env_min_width(t, "", g, env_lines(e.broken, e.removed, lang), lang, 4)  # type: ignore[arg-type]
                     for e, (t, _, g, _) in zip(f.envs, envs, strict=True)]
                  + [text_width(need_line(nd, lang)[0], S_SMALL) + text_width(p.name + ": ", S_SMALL, True)
                     for p in f.projects for nd in p.needs])
    natural += 2 * PAD
    if width is None:
        return Picture(), natural
    pic = Picture()
    y = PAD
    pic.text(PAD, y, heading, S_SUB, bold=True)
    y += S_SUB * LINE + 4
    for c in cmd:
        pic.text(PAD, y, c, S_BODY, mono=True)
        y += S_BODY * LINE
    y += 8
    for e, (title, kind, groups, on) in zip(f.envs, envs, strict=True):
        block = env_block(title, "", groups, e.broken, e.removed, width - 2 * PAD,  # type: ignore[arg-type]
                          "venv" if kind == "venv" else ("user" if kind == "user" else "system"),
                          lang=lang, title_on=on)
        pic.add(block.picture, PAD, y)
        y += block.h + 8
    for p in f.projects:
        for nd in p.needs or ():
            text, colour = need_line(nd, lang)
            ink = ("bad_on_changed" if colour == "bad" else "on_changed") if p.changed else colour
            pic.text(PAD, y, f"{p.name}: {text}", S_SMALL, role=ink,
                     on="changed" if p.changed else "")
            y += S_SMALL * LINE + 2
    h = y + PAD
    pic.boxes.insert(0, _frame(width, h))
    return pic, h


def _frame(w: float, h: float) -> Box:
    return Box(0, 0, w, h, "muted", fill="background")


def timeline_view(t: Timeline, lang: str) -> Picture:
    """Every step of ``t`` as a panel, in a grid as close to 16:9 as it gets."""
    steps = [(0, "", facts(t.start))]
    for i, fr in enumerate(t.frames, start=1):
        steps.append((i, fr.run, facts(fr.after, fr.before)))
    total = len(t.frames)
    width = max(_panel(n, total, run, f, lang, None)[1] for n, run, f in steps)
    panels = [_panel(n, total, run, f, lang, width) for n, run, f in steps]
    best: tuple[float, int] | None = None
    for cols in range(1, len(panels) + 1):
        rows = -(-len(panels) // cols)
        row_h = [max(h for _, h in panels[r * cols : (r + 1) * cols]) for r in range(rows)]
        w = cols * width + (cols - 1) * GAP
        h = sum(row_h) + (rows - 1) * GAP + S_TITLE * 2
        scale = min(16 / w, 9 / h)
        if best is None or scale > best[0]:
            best = (scale, cols)
    assert best is not None
    cols = best[1]
    pic = Picture()
    pic.text(0, 0, word(lang, "timeline_title"), S_TITLE, bold=True)
    y = S_TITLE * LINE + GAP
    for r in range(-(-len(panels) // cols)):
        row = panels[r * cols : (r + 1) * cols]
        for c, (p, _) in enumerate(row):
            pic.add(p, c * (width + GAP), y)
        y += max(h for _, h in row) + GAP
    return pic
