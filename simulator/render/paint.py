"""Painting a ``Picture`` onto a matplotlib ``Figure`` with a theme.

The figure is 16:9 and at least 19.2 × 10.8 inches (1920 × 1080 pixels at 100
dpi); the picture is scaled to fill it, and the figure grows instead when the
text would get smaller than ``MIN_SCALE`` allows.
"""

from __future__ import annotations

from typing import Any

from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .picture import Picture
from .themes import Theme, colour, number

WIDTH_IN, HEIGHT_IN = 19.2, 10.8
MARGIN = 40.0  # layout units around the picture
MAX_SCALE = 1.6  # a small world is drawn large, but no larger than this
MIN_SCALE = 0.75  # below this, the canvas grows instead of the text shrinking
RC: Any = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",  # text stays text in the SVG: searchable, editable
    "svg.hashsalt": "venvsim",
    "pdf.fonttype": 42,
    "path.simplify": False,
    "text.hinting": "none",  # glyphs drawn at the widths the layout measured, never wider
}


def canvas(bounds: tuple[float, float, float, float],
           tight: bool = False) -> tuple[float, float, float, float, float]:
    """(x0, y0, width, height, scale) of a 16:9 canvas around ``bounds``, in layout units
    (``tight``: just the bounds and a margin, at 1.5 times, for a picture inside a page)."""
    x0, y0, x1, y1 = bounds
    w, h = x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN
    if tight:
        return x0 - MARGIN, y0 - MARGIN, w, h, 1.5
    cw = max(w, h * 16 / 9, WIDTH_IN * 72 / MAX_SCALE)
    ch = cw * 9 / 16
    scale = max(WIDTH_IN * 72 / cw, MIN_SCALE)
    return x0 - MARGIN - (cw - w) / 2, y0 - MARGIN - (ch - h) / 2, cw, ch, scale


def mix(fg: str, bg: str, amount: float) -> str:
    a, b = to_rgb(fg), to_rgb(bg)
    r, g, bl = (amount * x + (1 - amount) * y for x, y in zip(a, b, strict=True))
    return to_hex((r, g, bl))


def _fill(theme: Theme, role: str, fill: str) -> str:
    bg = colour(theme, "background")
    if fill in ("tint", "chip_tint"):
        return mix(colour(theme, role), bg, number(theme, fill))
    if fill == "background":
        return bg
    return colour(theme, fill)


def new_figure(bounds: tuple[float, float, float, float], tight: bool = False) -> tuple[Figure, Any, float]:
    x0, y0, cw, ch, scale = canvas(bounds, tight)
    fig = Figure(figsize=(cw * scale / 72, ch * scale / 72), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x0 + cw)
    ax.set_ylim(y0 + ch, y0)  # y grows downwards, as the layout does
    ax.set_axis_off()
    return fig, ax, scale


def paint(pic: Picture, theme: Theme, fig: Figure | None = None,
          bounds: tuple[float, float, float, float] | None = None, tight: bool = False) -> Figure:
    """Draw ``pic`` on a new figure (or on ``fig``, cleared, for animation frames)."""
    b = bounds or pic.bounds()
    if fig is None:
        fig, ax, scale = new_figure(b, tight)
    else:
        fig.clear()
        x0, y0, cw, ch, _ = canvas(b)
        scale = fig.get_figwidth() * 72 / cw
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(x0, x0 + cw)
        ax.set_ylim(y0 + ch, y0)
        ax.set_axis_off()
    bg = colour(theme, "background")
    fig.set_facecolor(bg)
    lw = number(theme, "line_width")
    for a in pic.arrows:
        colour_ = colour(theme, a.role)
        width = lw * (2.2 if a.role == "bad" else 1.4)
        solid_head = a.head and a.dashed  # a dashed head looks broken: draw it whole
        ax.add_patch(FancyArrowPatch(
            (a.x1, a.y1), (a.x2, a.y2), arrowstyle="-|>" if a.head and not a.dashed else "-",
            mutation_scale=22 * scale, color=colour_, linewidth=width,
            linestyle=(0, (4, 3)) if a.dashed else "solid", shrinkA=0, shrinkB=2, zorder=1,
        ))
        if solid_head:
            length = max(((a.x2 - a.x1) ** 2 + (a.y2 - a.y1) ** 2) ** 0.5, 1e-9)
            back = min(12.0, length) / length
            ax.add_patch(FancyArrowPatch(
                (a.x2 - (a.x2 - a.x1) * back, a.y2 - (a.y2 - a.y1) * back), (a.x2, a.y2),
                arrowstyle="-|>", mutation_scale=22 * scale, color=colour_, linewidth=width,
                shrinkA=0, shrinkB=2, zorder=1,
            ))
    for bx in pic.boxes:
        ax.add_patch(FancyBboxPatch(
            (bx.x, bx.y), bx.w, bx.h, boxstyle=f"round,pad=0,rounding_size={bx.radius}",
            facecolor=_fill(theme, bx.role, bx.fill), edgecolor=colour(theme, bx.role),
            linewidth=lw * (1.8 if bx.thick else 1.0), linestyle=(0, (4, 3)) if bx.dashed else "solid",
            zorder=2,
        ))
    for t in pic.texts:
        kw: dict[str, Any] = {}
        if t.on:
            kw["bbox"] = {"boxstyle": "square,pad=0.15", "facecolor": colour(theme, t.on),
                          "edgecolor": "none"}
        ax.text(t.x, t.y, t.text, fontsize=t.size * scale, color=colour(theme, t.role),
                fontweight="bold" if t.bold else "normal",
                family="DejaVu Sans Mono" if t.mono else "DejaVu Sans",
                ha="center" if t.center else "left", va="top", zorder=3, **kw)
    return fig
