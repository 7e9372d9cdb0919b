"""``venvsim web serve``: the built site on 127.0.0.1, with the MIME types Pyodide needs."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".css": "text/css", ".json": "application/json", ".whl": "application/zip",
         ".zip": "application/zip", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}


class Quiet(SimpleHTTPRequestHandler):
    """Files of the site, no log line per request."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server(ThreadingHTTPServer):
    """A browser that goes away mid-download (a closed tab, a reload) is no error to print."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def server(site: str | Path, port: int = 0) -> ThreadingHTTPServer:
    """A server of ``site`` on 127.0.0.1:``port`` (0: any free port); call ``serve_forever``."""
    handler = functools.partial(Quiet, directory=str(site))
    return Server(("127.0.0.1", port), handler)


def url(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/"
