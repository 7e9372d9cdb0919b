"""How API objects show themselves: SVG and plain text for Jupyter, rich for terminals.

Every drawing goes through ``simulator.render``, imported only when a picture is
asked for; drawings are cached by the world they show, so showing the same
world twice (an explorer going back and forth) draws it once.
"""

from __future__ import annotations

import base64
import html
import io
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import OneLineError
from .i18n import language
from .model.world import World
from .replay import Timeline

DRAWN_VIEWS = ("global", "venvs", "graph", "compare", "path", "anatomy")
SETTINGS: dict[str, str] = {"view": "compare", "theme": "light", "lang": language(None)}
_CACHE: OrderedDict[tuple[Any, ...], tuple[object, str]] = OrderedDict()
CACHE_SIZE = 128


class DisplayError(OneLineError, ValueError):
    """A bad view, theme, language, step or path; one line, shown without a traceback."""


def _choose(kind: str, value: str | None, allowed: tuple[str, ...]) -> str:
    chosen = SETTINGS[kind] if value is None else value
    if chosen not in allowed:
        raise DisplayError(f"unknown {kind} '{chosen}' (choose {', '.join(allowed)})")
    return chosen


def configure(*, view: str | None = None, theme: str | None = None, lang: str | None = None) -> None:
    """Set the defaults every later picture uses."""
    SETTINGS.update(zip(("view", "theme", "lang"), options(view, theme, lang), strict=True))


def options(view: str | None, theme: str | None, lang: str | None) -> tuple[str, str, str]:
    from .render import THEME_NAMES, VIEWS
    from .render.words import LANGS

    return _choose("view", view, VIEWS), _choose("theme", theme, THEME_NAMES), _choose("lang", lang, LANGS)


def _cached(key: tuple[Any, ...], keep: object, make: Callable[[], str]) -> str:
    """``make()``, remembered under ``key``; ``keep`` holds the objects whose ids are in the key."""
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit[1]
    text = make()
    _CACHE[key] = (keep, text)
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return text


def figure(world: World, view: str | None = None, theme: str | None = None, lang: str | None = None,
           before: World | None = None) -> Any:
    from . import render

    view, theme, lang = options(view, theme, lang)
    if view == "timeline":
        raise DisplayError("a single world has no timeline view: draw a Timeline instead")
    return render.draw(world, view, theme, lang=lang, before=before)


def world_svg(world: World, before: World | None = None, view: str | None = None,
              lang: str | None = None) -> str:
    from . import render

    view, theme, lang = options(view, None, lang)
    if view == "timeline":
        view = "compare"
    key = ("world", id(world), id(before), view, theme, lang)
    return _cached(key, (world, before),
                   lambda: _svg(render.draw(world, view, theme, lang=lang, before=before)))


def environment_svg(world: World, prefix: str) -> str:
    from . import render

    _, theme, lang = options(None, None, None)
    return _cached(("env", id(world), prefix, theme, lang), world,
                   lambda: _svg(render.draw_environment(world, prefix, theme, lang=lang)))


def timeline_svg(timeline: Timeline) -> str:
    from . import render

    _, theme, lang = options(None, None, None)
    return _cached(("timeline", id(timeline), theme, lang), timeline,
                   lambda: _svg(render.draw(timeline.end, "timeline", theme, lang=lang, timeline=timeline)))


def _svg(fig: Any) -> str:
    from . import render

    return render.svg(fig)


def save(timeline: Timeline, step: int, path: str, view: str | None, theme: str | None,
         lang: str | None) -> None:
    """Write a picture of ``timeline`` after ``step``; a bad choice raises ``DisplayError``."""
    from . import render

    view, theme, lang = options(view, theme, lang)
    if not 0 <= step <= len(timeline.frames):
        raise DisplayError(f"step {step} is out of range (0 to {len(timeline.frames)})")
    suffix = Path(path).suffix.lower()
    if suffix not in render.SUFFIXES:
        raise DisplayError(f"unknown suffix '{suffix}' (use {', '.join(render.SUFFIXES)})")
    try:
        render.write(timeline, step, view, path, theme=theme, lang=lang)
    except (OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise DisplayError(f"cannot write '{path}': {reason}") from None


def img_tag(svg: str) -> str:
    """An SVG as an <img>: its ids cannot clash with another picture's on the same page."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img style="max-width:100%" src="data:image/svg+xml;base64,{data}"/>'


def terminal_html(text: str, code: int) -> str:
    colour = "#009E73" if code == 0 else "#D55E00"
    return ('<pre style="background:#1e1e1e;color:#e8e8e8;padding:0.6em;white-space:pre-wrap">'
            f'{html.escape(text)}<span style="color:{colour}">[exit {code}]</span></pre>')


def bundle(text: str, svg: Callable[[], str]) -> dict[str, Any]:
    return {"text/plain": text, "image/svg+xml": svg()}


def result_bundle(text: str, code: int, svg: Callable[[], str]) -> dict[str, Any]:
    picture = svg()
    return {"text/plain": f"{text}[exit {code}]", "image/svg+xml": picture,
            "text/html": terminal_html(text, code) + img_tag(picture)}


def _console_text(renderable: Any, width: int = 100) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, record=True, force_jupyter=False)
    console.print(renderable)
    return console.export_text()


def rich_world(world: World) -> Any:
    from rich.console import Group

    from .render.terminal import picture

    lang = SETTINGS["lang"]
    return Group(picture(world, "global", lang), picture(world, "venvs", lang))


def plain_world(world: World) -> str:
    return _console_text(rich_world(world)).rstrip() + "\n"


def rich_environment(world: World, prefix: str) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    from .model.environments import environments

    env = next(e for e in environments(world) if e.prefix == prefix)
    body = Text(", ".join(f"{k} {v}" for k, v in env.packages) or "-")
    return Panel(body, title=Text(f"{env.kind} · Python {env.python} · {env.prefix}"), title_align="left",
                 border_style="bold cyan")


def rich_result(text: str, code: int) -> Any:
    from rich.text import Text

    shown = Text(text)
    shown.append(f"[exit {code}]", style="bold green" if code == 0 else "bold red")
    return shown
