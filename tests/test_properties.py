"""Invariants checked on generated inputs (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model.environments import environments
from simulator.model.index import Release
from simulator.model.python import dists_in
from simulator.model.world import World, WorldSpec, build
from simulator.replay import Timeline, replay, run_json
from simulator.scenario import Scenario, Step
from simulator.shell.run import run_line

NAMES = ["alfa", "beta", "gama"]
VERSIONS = ["1.0", "2.0", "3.0"]


@st.composite
def indexes(draw: st.DrawFn) -> tuple[Release, ...]:
    releases = []
    for name in NAMES:
        for v in draw(st.lists(st.sampled_from(VERSIONS), min_size=1, max_size=3, unique=True)):
            deps = draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(NAMES), st.sampled_from(["", "<2", ">=2", "==1.0", "!=3.0"])
                    ),
                    max_size=2,
                    unique_by=lambda t: t[0],
                )
            )
            releases.append(Release(name, v, tuple(n + s for n, s in deps if n != name)))
    return tuple(releases)


COMMANDS = st.one_of(
    st.builds(
        lambda n, s: f"pip install '{n}{s}'",
        st.sampled_from(NAMES),
        st.sampled_from(["", "<2", ">=2", "==3.0"]),
    ),
    st.builds(lambda n: f"pip install -U {n}", st.sampled_from(NAMES)),
    st.builds(lambda n: f"pip install --user {n}", st.sampled_from(NAMES)),
    st.builds(lambda n: f"pip uninstall -y {n}", st.sampled_from(NAMES)),
    st.builds(lambda a, b: f"pip install {a} {b}", st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.sampled_from(
        [
            "python3 -m venv .venv",
            "source .venv/bin/activate",
            "deactivate",
            "python3 -m venv --system-site-packages sv && source sv/bin/activate",
            "pip check",
            "pip freeze",
            "cp -r .venv copy",
            "mv .venv moved",
            "moved/bin/pip install alfa",
            "copy/bin/pip install beta",
        ]
    ),
)


def _sites(world: World) -> list[str]:
    return [p for p in world.fs.paths() if p.endswith("/site-packages")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indexes(), st.lists(COMMANDS, min_size=1, max_size=8))
def test_only_a_user_install_from_a_venv_leaves_two_versions_in_one_site(
    index: tuple[Release, ...], lines: list[str]
) -> None:
    # Real pip leaves the old dist-info beside the new one only where it does not
    # uninstall: --user from a --system-site-packages venv over a user-site copy
    # (tests/cases/user_over_user) and --ignore-installed (not generated here).
    world = build(WorldSpec(releases=index))
    for line in lines:
        before = _doubles(world)
        world = run_line(world, line).world
        grown = _doubles(world) - before
        if "--user" in line and "VIRTUAL_ENV" in world.shell.env:
            continue
        assert not grown, (line, grown)


def _doubles(world: World) -> set[tuple[str, str]]:
    """(site, name) of every name with two dist-infos in one site-packages."""
    found = set()
    for site in _sites(world):
        keys = [d.key for d in dists_in(world.fs, site)]
        found |= {(site, k) for k in keys if keys.count(k) > 1}
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indexes(), st.lists(COMMANDS, min_size=1, max_size=6))
def test_steps_never_change_earlier_worlds_and_json_round_trips(
    index: tuple[Release, ...], lines: list[str]
) -> None:
    spec = WorldSpec(releases=index)
    scenario = Scenario("gen.toml", "", spec, tuple(Step(line) for line in lines))
    timeline: Timeline = replay(scenario)
    before = [
        run_json(Timeline(timeline.start, timeline.frames[:i])) for i in range(len(lines) + 1)
    ]
    # Replaying again gives the same bytes, and each world kept its state.
    again = replay(scenario)
    assert run_json(again) == run_json(timeline)
    for i in range(len(lines) + 1):
        assert environments(timeline.world_at(i)) == environments(again.world_at(i))
        assert run_json(Timeline(timeline.start, timeline.frames[:i])) == before[i]
    doc = run_json(timeline)
    assert json.loads(json.dumps(doc)) == doc


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_no_shell_line_raises(line: str) -> None:
    result = run_line(build(WorldSpec()), line)
    assert isinstance(result.code, int)
    assert isinstance(result.output, str)


SHELLISH = st.lists(
    st.sampled_from(
        [
            "pip",
            "python",
            "python3",
            "-m",
            "venv",
            "install",
            "-r",
            "'",
            '"',
            "&&",
            "||",
            ";",
            "|",
            ">",
            ">>",
            "<",
            "~",
            "$HOME",
            "${",
            "..",
            "/",
            "cd",
            "ls",
            "rm",
            "-rf",
            "source",
            ".",
            ".venv/bin/activate",
            "deactivate",
            "echo",
            "x",
            "-c",
            "import sys",
            "print(",
            "mv",
            "cp",
            "-U",
            "--user",
            "==",
            "libcolor>=2",
            "\\",
            "#",
            "2>&1",
            "app.py",
            "-y",
            "uninstall",
            # bash's compound commands and expansions
            "for", "in", "do", "done", "while", "until", "true", "if", "then", "elif", "else",
            "fi", "case", "esac", ";;", "(", ")", "{", "}", "f()", "f", "$(", "`", "$((",
            "$?", "$1", "break", "continue", "return", "exit", "[", "]", "-d", "history",
            "clear", "\n", "((", "))", "i++",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SHELLISH)
def test_no_shell_like_line_raises(line: str) -> None:
    world = build(WorldSpec(releases=(Release("libcolor", "2.0"),)))
    for part in (line, line):
        result = run_line(world, part)
        assert isinstance(result.code, int)
        world = result.world
