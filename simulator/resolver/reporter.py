"""pip's ``PipReporter``: the ``INFO: pip is looking at ...`` lines.

Ports pip/_internal/resolution/resolvelib/reporter.py.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from resolvelib import BaseReporter

from .log import Log


class Reporter(BaseReporter):  # type: ignore[type-arg]
    """pip's ``PipReporter``: the ``INFO: pip is looking at ...`` lines."""

    MESSAGES = {
        2: (
            "pip is looking at multiple versions of {} to determine which version is "
            "compatible with other requirements. This could take a while."
        ),
        8: (
            "pip is still looking at multiple versions of {} to determine which version "
            "is compatible with other requirements. This could take a while."
        ),
        13: (
            "This is taking longer than usual. You might need to provide the dependency "
            "resolver with stricter constraints to reduce runtime. See "
            "https://pip.pypa.io/warnings/backtracking for guidance. If you want to abort "
            "this run, press Ctrl + C."
        ),
    }

    def __init__(self, log: Log) -> None:
        self.log = log
        self.counts: defaultdict[str, int] = defaultdict(int)

    def rejecting_candidate(self, criterion: Any, candidate: Any) -> None:
        self.counts[candidate.name] += 1
        message = self.MESSAGES.get(self.counts[candidate.name])
        if message:
            self.log.info("INFO: " + message.format(candidate.name))
