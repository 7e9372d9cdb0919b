"""The ``venvsim`` command. Terminal commands never import matplotlib or networkx."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources

from .replay import replay, run_json, terminal_text
from .scenario import ScenarioError, load


def _run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.file)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    timeline = replay(scenario)
    if args.json:
        sys.stdout.write(json.dumps(run_json(timeline), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(terminal_text(timeline))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .verify.compare import report, verify

    try:
        result = verify(args.file, keep=args.keep)
    except ScenarioError as e:
        print(f"venvsim: {e}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"venvsim: refused: {e}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report(result, args.file))
        if "root" in result:
            print(f"the real machine was kept in {result['root']}")
    return 0 if result["match"] else 1


def _demo(args: argparse.Namespace) -> int:
    demo = resources.files("simulator") / "data" / "demo.toml"
    with resources.as_file(demo) as path:
        scenario = load(path)
    timeline = replay(scenario)
    if scenario.title:
        print(f"# {scenario.title}\n")
    sys.stdout.write(terminal_text(timeline))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="venvsim",
        description="Simulate Python's global install versus virtual environments.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="replay a scenario file")
    run.add_argument("file")
    run.add_argument("--json", action="store_true", help="print the run as JSON")
    run.set_defaults(func=_run)
    verify = sub.add_parser(
        "verify", help="replay a scenario on real venv + pip (offline) and compare"
    )
    verify.add_argument("file")
    verify.add_argument("--json", action="store_true", help="print both runs and the differences")
    verify.add_argument("--keep", action="store_true", help="keep the temporary real machine")
    verify.set_defaults(func=_verify)
    demo = sub.add_parser("demo", help="replay the classroom demo")
    demo.set_defaults(func=_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
