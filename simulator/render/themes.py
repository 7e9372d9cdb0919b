"""Themes as data: one dict per theme, every colour from the Okabe-Ito palette.

Okabe & Ito's eight colours stay distinct for the common colour-vision
deficiencies; red (vermillion) always means *broken*, and broken things also
carry a ✗ and a dashed line, so colour is never the only sign.

>>> THEMES["light"]["bad"] == OKABE_ITO["vermillion"]
True
>>> sorted(THEMES)
['dark', 'high-contrast', 'light']
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

OKABE_ITO: Mapping[str, str] = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
    }
)

Theme = Mapping[str, object]

_O = OKABE_ITO

THEMES: Mapping[str, Theme] = MappingProxyType(
    {
        "light": MappingProxyType(
            {
                "background": "#FFFFFF",
                "ink": "#1A1A1A",
                "muted": "#555555",
                "line": "#3C3C3C",
                "system": _O["blue"],
                "user": _O["orange"],
                "venv": _O["bluish_green"],
                "project": _O["blue"],
                "ok": _O["bluish_green"],
                "bad": _O["vermillion"],
                "changed": _O["yellow"],
                "on_changed": "#000000",
                "bad_on_changed": "#A33A00",  # vermillion, darkened to read on the yellow highlight
                "tint": 0.10,  # box fill: this much of the box's colour over the background
                "chip_tint": 0.22,
                "line_width": 1.6,
            }
        ),
        "dark": MappingProxyType(
            {
                "background": "#16191E",
                "ink": "#F2F2F2",
                "muted": "#B4B9C0",
                "line": "#C8CCD2",
                "system": _O["sky_blue"],
                "user": _O["orange"],
                "venv": _O["bluish_green"],
                "project": _O["sky_blue"],
                "ok": _O["bluish_green"],
                "bad": "#FF7A33",  # vermillion, lightened to read on a dark background
                "changed": _O["yellow"],
                "on_changed": "#000000",
                "bad_on_changed": "#A33A00",
                "tint": 0.16,
                "chip_tint": 0.30,
                "line_width": 1.8,
            }
        ),
        "high-contrast": MappingProxyType(
            {
                "background": "#FFFFFF",
                "ink": "#000000",
                "muted": "#000000",
                "line": "#000000",
                "system": "#005A8C",  # Okabe-Ito blue, darkened for 7:1 contrast
                "user": "#8C5A00",
                "venv": "#006B4E",
                "project": "#005A8C",
                "ok": "#006B4E",
                "bad": "#B33C00",
                "changed": _O["yellow"],
                "on_changed": "#000000",
                "bad_on_changed": "#8F3000",
                "tint": 0.0,
                "chip_tint": 0.0,
                "line_width": 3.0,
            }
        ),
    }
)


def colour(theme: Theme, key: str) -> str:
    value = theme[key]
    assert isinstance(value, str)
    return value


def number(theme: Theme, key: str) -> float:
    value = theme[key]
    assert isinstance(value, (int, float))
    return float(value)
