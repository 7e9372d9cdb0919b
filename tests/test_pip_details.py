"""pip 26.3 details that no scenario can reach in reasonable time."""

from __future__ import annotations

import pytest
from packaging.requirements import Requirement

from simulator.model.index import Index, Release
from simulator.pip.install import report_too_deep
from simulator.resolver import (
    Factory,
    Finder,
    InstallReq,
    Log,
    ResolutionTooDeepError,
    marker_environment,
    resolve,
)

# Rendered by pip 26.3's own code: logger.error("%s", ResolutionTooDeepError(),
# extra={"rich": True}) after setup_logging(), stderr not a terminal (the trailing
# space after 'package'. is pip's).
PIP_TOO_DEEP = """\
error: resolution-too-deep

× Dependency resolution exceeded maximum depth
╰─> Pip cannot resolve the current dependencies as the dependency graph is too complex for pip to solve efficiently.

hint: Try adding lower bounds to constrain your dependencies, for example: 'package>=2.0.0' instead of just 'package'. 

Link: https://pip.pypa.io/en/stable/topics/dependency-resolution/#handling-resolution-too-deep-errors
"""  # noqa: E501, W291


def _factory(index: Index, log: Log) -> Factory:
    finder = Finder(index, "3.11.7", False, False, log, None)
    return Factory(finder, {}, "3.11.7", "/", log, marker_env=marker_environment("3.11.7"))


def test_past_the_round_limit_pip_reports_resolution_too_deep() -> None:
    index = Index.from_releases(
        [Release("appa", "1.0", ("libcolor<2",)), Release("libcolor", "1.0"),
         Release("libcolor", "2.0")]
    )
    log = Log()
    root = [InstallReq(Requirement("appa"), user_supplied=True)]
    with pytest.raises(ResolutionTooDeepError):
        resolve(root, _factory(index, log), max_rounds=1)
    assert resolve(root, _factory(index, Log())).mapping.keys() >= {"appa", "libcolor"}


def test_resolution_too_deep_is_pips_diagnostic_byte_for_byte() -> None:
    log = Log()
    report_too_deep(log)
    assert "".join(text for _, text in log.chunks()) == PIP_TOO_DEEP
    assert {stream for stream, _ in log.chunks()} == {2}
