"""Text widths from a table of DejaVu's glyph metrics, for where matplotlib is absent (Pyodide).

``simulator/data/font_widths.json`` is written by ``tools/font_widths.py`` from matplotlib's own
DejaVu fonts: per character its advance at size 100, per pair of characters their kerning. A text's width is
the sum of its advances and of its neighbours' kerning, as matplotlib measures it.

>>> round(table_width("libcolor 3.0", 15))
83
"""

from __future__ import annotations

import json
from functools import lru_cache
from math import fsum
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "font_widths.json"
FALLBACK = "n"  # a character the fonts lack is measured as this one


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def table_width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of ``text`` in points at font ``size``, from the table."""
    name = ("mono" if mono else "sans") + ("_bold" if bold else "")
    face, kerning = _tables()["faces"][name], _tables()["kerning"][name]
    width = fsum(face.get(ch) or face[FALLBACK] for ch in text)
    width += fsum(kerning.get(text[i : i + 2], 0.0) for i in range(len(text) - 1))
    return float(width) * size / 100
