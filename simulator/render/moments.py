"""Which two moments ``compare`` puts side by side, when a lesson does not name them.

The moment after ``step`` is compared with the latest earlier one at which a
project's fate was different (it worked then and not now, or the other way
round), counting only projects that had something installed where they ran at
both moments: a project nobody installed anything for is no story, and would
stand red and "missing" on one side. When no moment qualifies and the world has
no venv, one side may be such a project (a venv deleted: its packages gone).
Otherwise ``compare`` shows one world: its global Python and its venvs.

>>> from simulator.scenario import loads
>>> from simulator.replay import replay
>>> t = replay(loads('[world]\\npythons = ["3.11"]\\n[index]\\nlibcolor = ["1.0", "3.0"]\\n'
...                  '[projects.tienda]\\nneeds = ["libcolor<2"]\\n'
...                  '[[steps]]\\nrun = "pip install libcolor==1.0"\\n'
...                  '[[steps]]\\nrun = "pip install libcolor==3.0"\\n'))
>>> derive(t, 2)
1
"""

from __future__ import annotations

from ..replay import Timeline
from .facts import Facts, facts
from .timeline import command_lines
from .words import word


def _fates(f: Facts) -> dict[str, tuple[bool, bool]]:
    """folder → (works, tried: something it needs was found)."""
    return {p.folder: (p.works, any(n.found is not None for n in p.needs)) for p in f.projects}


def derive(timeline: Timeline, step: int) -> int | None:
    """The earlier step to compare the world after ``step`` with, or None."""
    last = facts(timeline.world_at(step))
    if any(p.in_venv and p.works and p.tried_globally and not p.works_globally for p in last.projects):
        return None  # the classic story in one world: broken on the global Python, fixed by its venv
    now = _fates(last)
    before = [_fates(facts(timeline.world_at(t))) for t in range(step)]
    for strict in (True, False):
        if not strict and last.venvs:
            break
        for t in range(step - 1, -1, -1):
            for folder, (works, tried) in before[t].items():
                if folder not in now or works == now[folder][0]:
                    continue
                if (tried and now[folder][1]) if strict else (tried or now[folder][1]):
                    return t
    return None


def caption(timeline: Timeline, step: int, lang: str) -> list[str]:
    """``Step 3 of 8`` and the command typed then (``Start`` for step 0)."""
    if step == 0:
        return [word(lang, "start")]
    total = len(timeline.frames)
    return [word(lang, "step", n=step, total=total), *command_lines(timeline.frames[step - 1].run)]
