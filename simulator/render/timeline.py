"""The ``timeline`` view: one panel per step, showing only what the step changed.

Each panel gives the step, its exit status when not 0, the command, and what
changed: packages added and removed, environments created and deleted, broken
requirements that appeared, projects that started or stopped working, the
venv the shell's ``python`` now comes from. A long story is paginated: a page
holds ``PAGE`` steps, the last page ends at the step drawn, so the text stays
as large as in the other views.

>>> from simulator.scenario import loads
>>> from simulator.replay import replay
>>> t = replay(loads('[world]\\npythons = ["3.11"]\\n[index]\\nlibcolor = ["1.0"]\\n'
...                  '[[steps]]\\nrun = "pip install libcolor"\\n'))
>>> pic = timeline_view(t, "en")
>>> [x.text for x in pic.texts if "libcolor" in x.text]
['$ pip install libcolor', '+ libcolor 1.0 · /usr']
"""

from __future__ import annotations

from math import fsum

from ..replay import Timeline
from .blocks import GAP, PAD, S_BODY, S_SUB, S_TITLE
from .facts import Facts, facts
from .picture import LINE, Box, Picture, text_width
from .words import requires_text, word

MAX_COMMAND = 40  # characters on one line of a command; longer ones break at && ; |
PAGE = 9  # steps on one page
Line = tuple[str, str, str]  # text, colour, highlight


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


def changes(before: Facts, after: Facts, lang: str) -> list[Line]:
    """What one step changed, as lines: (text, colour, highlight)."""
    lines: list[Line] = []
    old = {e.prefix: e for e in before.envs}
    now = {e.prefix for e in after.envs}
    for e in after.envs:
        if e.prefix not in old:
            lines.append((f"+ {e.label} · {word(lang, 'created')}", "on_changed", "changed"))
        lines += [(f"+ {c.label} · {e.label}", "on_changed", "changed")
                  for c in e.chips if c.changed]
        lines += [(f"− {r} · {e.label}", "muted", "") for r in e.removed]
        was = old.get(e.prefix)
        seen = set(was.broken) if was else set()
        lines += [("✗ " + requires_text(lang, b.dist, b.requirement, b.found), "bad", "")
                  for b in e.broken if b not in seen]
        if e.runs and (was is None or was.runs != e.runs):
            where = e.label if e.kind == "venv" else f"{word(lang, 'global_title')} {e.minor}"
            lines.append((word(lang, "runs_here", cmds=", ".join(e.runs)) + f" · {where}", "ok", ""))
    lines += [(f"− {e.label} · {word(lang, 'removed')}", "muted", "") for e in before.envs
              if e.prefix not in now]
    fates = {p.folder: p.works for p in before.projects}
    for p in after.projects:
        if fates.get(p.folder) != p.works:
            state = word(lang, "works") if p.works else word(lang, "broke")
            lines.append((f"{'✓' if p.works else '✗'} {p.name}: {state}", "ok" if p.works else "bad", ""))
    return lines or [(word(lang, "nothing"), "muted", "")]


def _panel(head: str, cmd: list[str], lines: list[Line], width: float | None) -> tuple[Picture, float, float]:
    """One step's panel at the origin: (picture, width, height); ``width`` None: its own."""
    natural = max([text_width(head, S_SUB, bold=True)] + [text_width(c, S_BODY, mono=True) for c in cmd]
                  + [text_width(t, S_BODY) for t, _, _ in lines]) + 2 * PAD
    w = width or natural
    pic = Picture()
    y = PAD
    pic.text(PAD, y, head, S_SUB, bold=True)
    y += S_SUB * LINE + 4
    for c in cmd:
        pic.text(PAD, y, c, S_BODY, mono=True, role="muted")
        y += S_BODY * LINE
    y += 6
    for text, colour, on in lines:
        pic.text(PAD, y, text, S_BODY, role=colour, on=on)
        y += S_BODY * LINE + 3
    h = y + PAD
    pic.boxes.insert(0, Box(0, 0, w, h, "muted", fill="background"))
    return pic, w, h


def timeline_view(t: Timeline, lang: str) -> Picture:
    """The last page of ``t``'s steps (up to ``PAGE``), in a grid as close to 16:9 as it gets."""
    worlds = [facts(t.start)] + [facts(fr.after) for fr in t.frames]
    total = len(t.frames)
    first = max(1, total - PAGE + 1)
    parts = []
    for n in range(first, total + 1):
        fr = t.frames[n - 1]
        head = word(lang, "step", n=n, total=total)
        if fr.outcome.code:
            head += " · " + word(lang, "exit", code=fr.outcome.code)
        parts.append((head, command_lines(fr.run), changes(worlds[n - 1], facts(fr.after, fr.before), lang)))
    if not parts:
        parts.append((word(lang, "start"), [], [(word(lang, "nothing"), "muted", "")]))
    width = max(_panel(h, c, ls, None)[1] for h, c, ls in parts)
    panels = [_panel(h, c, ls, width) for h, c, ls in parts]
    best: tuple[float, int] | None = None
    for cols in range(1, len(panels) + 1):
        rows = -(-len(panels) // cols)
        row_h = [max(h for _, _, h in panels[r * cols : (r + 1) * cols]) for r in range(rows)]
        w = cols * width + (cols - 1) * GAP
        h = fsum(row_h) + (rows - 1) * GAP + S_TITLE * 2
        scale = min(16 / w, 9 / h)
        if best is None or scale > best[0]:
            best = (scale, cols)
    assert best is not None
    cols = best[1]
    pic = Picture()
    title = word(lang, "timeline_title")
    if first > 1:
        title += f" ({word(lang, 'steps_from', a=first, b=total)})"
    pic.text(0, 0, title, S_TITLE, bold=True)
    y = S_TITLE * LINE + GAP
    for r in range(-(-len(panels) // cols)):
        row = panels[r * cols : (r + 1) * cols]
        for c, (p, _, _) in enumerate(row):
            pic.add(p, c * (width + GAP), y)
        y += max(h for _, _, h in row) + GAP
    return pic
