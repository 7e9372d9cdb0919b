"""A picture as plain shapes in layout units (points at scale 1, y grows downwards).

Views lay shapes out; ``paint`` turns them into matplotlib artists. Keeping the
shapes as data lets tests check that no two labels overlap without drawing.

>>> p = Picture()
>>> t = p.text(10, 10, "libcolor 3.0", 15)
>>> (round(t.w), t.h)
(83, 18.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

LINE = 1.2  # line height, as a multiple of the font size


@lru_cache(maxsize=1)
def _measurer() -> Any:
    from matplotlib.textpath import TextToPath

    return TextToPath()


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of ``text`` in points at font ``size``, measured on the font that draws it
    (without matplotlib, as in the browser: from the table of its widths, ``fonts.py``)."""
    try:
        from matplotlib.font_manager import FontProperties
    except ImportError:
        from .fonts import table_width

        return table_width(text, size, bold, mono)

    prop = FontProperties(family="DejaVu Sans Mono" if mono else "DejaVu Sans",
                          weight="bold" if bold else "normal", size=100)
    width, _, _ = _measurer().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) * size / 100


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (when words allow)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word, size, bold) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Text:
    x: float  # left edge (or centre when ``center``)
    y: float  # top edge
    text: str
    size: float
    role: str = "ink"  # a theme colour key
    bold: bool = False
    mono: bool = False
    center: bool = False
    on: str = ""  # a theme key for a filled background behind the text (highlight)

    @property
    def w(self) -> float:
        return text_width(self.text, self.size, self.bold, self.mono)

    @property
    def h(self) -> float:
        return round(self.size * LINE, 6)

    @property
    def left(self) -> float:
        return self.x - self.w / 2 if self.center else self.x

    def bbox(self) -> tuple[float, float, float, float]:
        return (self.left, self.y, self.left + self.w, self.y + self.h)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    role: str  # a theme colour key: system, user, venv, project, bad…
    dashed: bool = False
    fill: str = "tint"  # tint, chip_tint, background, or a theme colour key
    thick: bool = False
    radius: float = 8.0


@dataclass(frozen=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float
    role: str = "line"
    dashed: bool = False
    thick: bool = False
    head: bool = True


@dataclass
class Picture:
    texts: list[Text] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    title: str = ""

    def text(self, x: float, y: float, text: str, size: float, **kw: object) -> Text:
        t = Text(x, y, text, size, **kw)  # type: ignore[arg-type]
        self.texts.append(t)
        return t

    def box(self, x: float, y: float, w: float, h: float, role: str, **kw: object) -> Box:
        b = Box(x, y, w, h, role, **kw)  # type: ignore[arg-type]
        self.boxes.append(b)
        return b

    def arrow(self, x1: float, y1: float, x2: float, y2: float, **kw: object) -> Arrow:
        a = Arrow(x1, y1, x2, y2, **kw)  # type: ignore[arg-type]
        self.arrows.append(a)
        return a

    def add(self, other: Picture, dx: float, dy: float) -> None:
        """Copy ``other``'s shapes into this picture, moved by (dx, dy)."""
        from dataclasses import replace

        self.texts += [replace(t, x=t.x + dx, y=t.y + dy) for t in other.texts]
        self.boxes += [replace(b, x=b.x + dx, y=b.y + dy) for b in other.boxes]
        self.arrows += [
            replace(a, x1=a.x1 + dx, y1=a.y1 + dy, x2=a.x2 + dx, y2=a.y2 + dy) for a in other.arrows
        ]

    def bounds(self) -> tuple[float, float, float, float]:
        xs0 = [t.bbox()[0] for t in self.texts] + [b.x for b in self.boxes]
        ys0 = [t.y for t in self.texts] + [b.y for b in self.boxes]
        xs1 = [t.bbox()[2] for t in self.texts] + [b.x + b.w for b in self.boxes]
        ys1 = [t.y + t.h for t in self.texts] + [b.y + b.h for b in self.boxes]
        for a in self.arrows:
            xs0 += [a.x1, a.x2]
            xs1 += [a.x1, a.x2]
            ys0 += [a.y1, a.y2]
            ys1 += [a.y1, a.y2]
        if not xs0:
            return (0.0, 0.0, 1.0, 1.0)
        return (min(xs0), min(ys0), max(xs1), max(ys1))


def overlapping(texts: list[Text], gap: float = -1e-6) -> list[tuple[Text, Text]]:
    """Pairs of labels whose boxes overlap (touching is fine); a sweep over x."""
    boxes = sorted(((t.bbox(), t) for t in texts), key=lambda bt: bt[0][0])
    found = []
    for i, (a, ta) in enumerate(boxes):
        for b, tb in boxes[i + 1 :]:
            if b[0] >= a[2] + gap:
                break
            if b[1] < a[3] + gap and a[1] < b[3] + gap:
                found.append((ta, tb))
    return found
