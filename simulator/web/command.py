"""``venvsim web build OUT/`` and ``venvsim web serve [--port N]``."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from typing import Any


def add_parser(sub: Any) -> None:
    """The ``web`` subcommand, added to ``venvsim``'s subparsers."""
    web = sub.add_parser("web", help="venvsim in the browser: build the static site, or serve it")
    web.add_argument("action", choices=["build", "serve"])
    web.add_argument("out", nargs="?", help="the site's folder (build: required; serve: "
                                            "default a temporary one)")
    web.add_argument("--port", type=int, default=8000, help="serve on this port (default 8000)")
    web.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .build import BuildError, build, size

    if args.action == "build" and not args.out:
        print("venvsim: web build needs the folder to write: venvsim web build OUT/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="venvsim-web-") as tmp:
        try:
            site = build(args.out or tmp)
        except BuildError as e:
            print(f"venvsim: {e}", file=sys.stderr)
            return 2
        except OSError as e:
            print(f"venvsim: cannot write '{args.out}': {e.strerror or e}", file=sys.stderr)
            return 2
        if args.action == "build":
            print(f"{site}: {size(site) / 1e6:.1f} MB; serve it from any static host "
                  f"(or: venvsim web serve {site})")
            return 0
        return serve(site, args.port)


def serve(site: Any, port: int) -> int:
    from .serve import server, url

    try:
        httpd = server(site, port)
    except OSError as e:
        print(f"venvsim: cannot serve on 127.0.0.1:{port}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"venvsim in the browser: {url(httpd)}  (Ctrl-C stops)", flush=True)
    signal.signal(signal.SIGTERM, stop)  # a kill ends it as Ctrl-C does: its temporary site removed
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


def stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
