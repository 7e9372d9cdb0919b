"""``--animate out.gif``: one frame per step of a timeline, what changed highlighted.

Every frame shares one canvas (the union of all frames), so nothing jumps, and
matplotlib's ``PillowWriter`` writes the GIF to a temporary file that is
renamed into place once complete.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib import rc_context
from matplotlib.animation import PillowWriter

from ..replay import Timeline
from .output import atomic_path
from .paint import RC, new_figure, paint
from .picture import Picture
from .themes import THEMES
from .views import picture
from .words import word

SECONDS_PER_FRAME = 2.0


def frames(t: Timeline, view: str, lang: str) -> list[Picture]:
    """One picture per step; the ``timeline`` view animates as ``compare``."""
    shown = "compare" if view == "timeline" else view
    total = len(t.frames)
    out = []
    for n, fr in enumerate(t.frames, start=1):
        caption = f"{word(lang, 'step', n=n, total=total)} · $ {fr.run}"
        out.append(picture(fr.after, shown, lang, before=fr.before, caption=caption))
    return out


def union(pictures: list[Picture]) -> tuple[float, float, float, float]:
    boxes = [p.bounds() for p in pictures]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def animate(t: Timeline, view: str, theme: str, lang: str, path: str | Path) -> int:
    """Write the GIF; returns the number of frames."""
    pictures = frames(t, view, lang)
    if not pictures:
        raise ValueError("the scenario has no steps to animate")
    bounds = union(pictures)
    with atomic_path(path, ".gif") as tmp, rc_context(RC):
        fig, _, _ = new_figure(bounds)
        writer = PillowWriter(fps=1)
        writer.fps = 1 / SECONDS_PER_FRAME  # type: ignore[assignment]  # GIF frame time: 1000 / fps ms
        with writer.saving(fig, tmp, dpi=100):
            for pic in pictures:
                paint(pic, THEMES[theme], fig, bounds)
                writer.grab_frame(facecolor=fig.get_facecolor())
    return len(pictures)
