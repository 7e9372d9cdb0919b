"""Write simulator/data/font_widths.json: DejaVu Sans, Bold, Mono advance widths and ink edges.

Run once with matplotlib installed (its DejaVu fonts are the ones the pictures are drawn in):
``python tools/font_widths.py``. ``picture.text_width`` uses the table where matplotlib is absent
(the browser, on Pyodide): the width of a text is the sum of its glyphs' advances, as matplotlib
measures it, plus the kerning of each pair of neighbours.
"""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import Kerning, LoadFlags
from matplotlib.textpath import TextToPath

OUT = Path(__file__).resolve().parents[1] / "simulator" / "data" / "font_widths.json"
# Latin-1, general punctuation, arrows, box drawing, shapes, dingbats: what the pictures write.
RANGES = ((0x20, 0x7F), (0xA0, 0x180), (0x2010, 0x2060), (0x2190, 0x2200), (0x2200, 0x2300),
          (0x2500, 0x2600), (0x25A0, 0x2600), (0x2700, 0x27C0))
FACES = {"sans": ("DejaVu Sans", "normal"), "sans_bold": ("DejaVu Sans", "bold"),
         "mono": ("DejaVu Sans Mono", "normal"), "mono_bold": ("DejaVu Sans Mono", "bold")}


def face(family: str, weight: str) -> tuple[dict[str, float], dict[str, float]]:
    """{char: advance} and {pair: kerning} at size 100, in points (FreeType's 64ths: exact)."""
    prop = FontProperties(family=family, weight=weight, size=100)
    font = TextToPath()._get_font(prop)
    font.set_size(100, 72)
    table: dict[str, float] = {}
    for lo, hi in RANGES:
        for code in range(lo, hi):
            if not font.get_char_index(code):
                continue
            glyph = font.load_char(code, flags=LoadFlags.NO_HINTING)
            table[chr(code)] = glyph.horiAdvance / 64
    assert findfont(prop)
    index = {ch: font.get_char_index(ord(ch)) for ch in table}
    kerning = {}
    for a, ia in index.items():
        for b, ib in index.items():
            k = font.get_kerning(ia, ib, Kerning.DEFAULT)
            if k:
                kerning[a + b] = k / 64
    return table, kerning


def main() -> None:
    faces = {k: face(*v) for k, v in FACES.items()}
    data = {"size": 100, "faces": {k: v[0] for k, v in faces.items()},
            "kerning": {k: v[1] for k, v in faces.items()}}
    OUT.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
