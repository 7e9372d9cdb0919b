"""A ``Picture`` as SVG text without matplotlib: the browser's pictures (Pyodide has no matplotlib).

Text stays text (searchable, read by screen readers) at the width the layout measured on DejaVu,
whatever font the viewer has; the same picture gives the same bytes.
The canvas is the picture's bounds and a margin, drawn 1.5 times as large as the layout.

>>> from .picture import Picture
>>> p = Picture()
>>> _ = p.box(0, 0, 100, 40, "venv")
>>> _ = p.text(10, 10, "numpy 2.1 <ok>", 15)
>>> svg = to_svg(p)
>>> "numpy 2.1 &lt;ok&gt;</text>" in svg and svg == to_svg(p)
True
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from .picture import LINE, Arrow, Box, Picture, Text
from .themes import THEMES, Theme, colour, number

MARGIN = 30.0  # layout units around the picture
SCALE = 1.5  # pixels per layout unit of the written width and height
HEAD = 11.0  # an arrow head's length, in layout units
ASCENT = 0.93  # DejaVu's ascent, as a share of the font size: top edge to baseline
SANS = "DejaVu Sans, Verdana, sans-serif"
MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace"


def num(value: float) -> str:
    """A coordinate, at most two decimals, no trailing zeros (stable across platforms)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def mix(fg: str, bg: str, amount: float) -> str:
    """``amount`` of colour ``fg`` over ``bg`` (both ``#rrggbb``), as ``#rrggbb``."""
    a = [int(fg[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(bg[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(amount * x + (1 - amount) * y):02x}" for x, y in zip(a, b, strict=True))


def fill(theme: Theme, role: str, kind: str) -> str:
    bg = colour(theme, "background")
    if kind in ("tint", "chip_tint"):
        return mix(colour(theme, role), bg, number(theme, kind))
    return bg if kind == "background" else colour(theme, kind)


def dash(dashed: bool, width: float) -> str:
    return f' stroke-dasharray="{num(4 * width)} {num(3 * width)}"' if dashed else ""


def arrow(a: Arrow, theme: Theme) -> list[str]:
    ink = colour(theme, a.role)
    width = number(theme, "line_width") * (2.2 if a.role == "bad" else 1.4) / SCALE
    length = math.hypot(a.x2 - a.x1, a.y2 - a.y1)
    if length < 1e-9:
        return []
    ux, uy = (a.x2 - a.x1) / length, (a.y2 - a.y1) / length
    head = min(HEAD, length) if a.head else 0.0
    end_x, end_y = a.x2 - ux * head * 0.8, a.y2 - uy * head * 0.8
    out = [f'<line x1="{num(a.x1)}" y1="{num(a.y1)}" x2="{num(end_x)}" y2="{num(end_y)}" '
           f'stroke="{ink}" stroke-width="{num(width)}"{dash(a.dashed, width)}/>']
    if a.head:
        bx, by = a.x2 - ux * head, a.y2 - uy * head
        half = head * 0.45
        points = [(a.x2, a.y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
        out.append(f'<polygon points="{" ".join(f"{num(x)},{num(y)}" for x, y in points)}" '
                   f'fill="{ink}"/>')
    return out


def box(b: Box, theme: Theme) -> str:
    width = number(theme, "line_width") * (1.8 if b.thick else 1.0) / SCALE
    radius = num(min(b.radius, b.w / 2, b.h / 2))
    return (f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}" '
            f'rx="{radius}" fill="{fill(theme, b.role, b.fill)}" stroke="{colour(theme, b.role)}" '
            f'stroke-width="{num(width)}"{dash(b.dashed, width)}/>')


def text(t: Text, theme: Theme) -> list[str]:
    out = []
    if t.on:
        pad = t.size * 0.15
        x0, y0, x1, y1 = t.bbox()
        out.append(f'<rect x="{num(x0 - pad)}" y="{num(y0 - pad)}" width="{num(x1 - x0 + 2 * pad)}" '
                   f'height="{num(y1 - y0 + 2 * pad)}" fill="{colour(theme, t.on)}"/>')
    attrs = (f'font-family={quoteattr(MONO if t.mono else SANS)} font-size="{num(t.size)}" '
             f'fill="{colour(theme, t.role)}"' + (' font-weight="bold"' if t.bold else "")
             + (' text-anchor="middle"' if t.center else ""))
    lines = t.text.split("\n")
    if len(lines) == 1:
        body = escape(t.text)
        if t.text.strip():  # the width the layout measured, kept where DejaVu is not installed
            attrs += f' textLength="{num(t.w)}" lengthAdjust="spacingAndGlyphs"'
    else:
        body = "".join(f'<tspan x="{num(t.x)}" dy="{num(0 if i == 0 else t.size * LINE)}">'
                       f"{escape(line)}</tspan>" for i, line in enumerate(lines))
    out.append(f'<text x="{num(t.x)}" y="{num(t.y + t.size * ASCENT)}" {attrs} '
               f'xml:space="preserve">{body}</text>')
    return out


def to_svg(pic: Picture, theme: str = "light") -> str:
    """``pic`` as a standalone SVG document (arrows under boxes under text, as painted)."""
    th = THEMES[theme]
    x0, y0, x1, y1 = pic.bounds()
    x0, y0 = x0 - MARGIN, y0 - MARGIN
    w, h = x1 - x0 + MARGIN, y1 - y0 + MARGIN
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(w * SCALE)}" '
            f'height="{num(h * SCALE)}" viewBox="{num(x0)} {num(y0)} {num(w)} {num(h)}" '
            f'role="img">')
    parts = [head]
    if pic.title:
        parts.append(f"<title>{escape(pic.title)}</title>")
    parts.append(f'<rect x="{num(x0)}" y="{num(y0)}" width="{num(w)}" height="{num(h)}" '
                 f'fill="{colour(th, "background")}"/>')
    for a in pic.arrows:
        parts += arrow(a, th)
    parts += [box(b, th) for b in pic.boxes]
    for t in pic.texts:
        parts += text(t, th)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
