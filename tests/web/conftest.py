"""The built site, served on 127.0.0.1 from a thread, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.web.build import build
from simulator.web.serve import server, url

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_MS = 120_000  # a loaded 2-core machine can take a while to compile Pyodide's wasm


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base(site: Path) -> Iterator[str]:
    httpd = server(site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield url(httpd)
    httpd.shutdown()
    httpd.server_close()


class Browser:
    """A Chromium whose every request outside ``base`` is refused and remembered."""

    def __init__(self, base: str, browser: Any) -> None:
        self.base = base
        self.browser = browser
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 720})
        self.context.route("**/*", self.route)

    def route(self, route: Any) -> None:
        if route.request.url.startswith(self.base) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, address: str = "") -> Any:
        page = self.context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(address or self.base)
        page.wait_for_selector("body[data-ready]", timeout=READY_MS)
        assert page.get_attribute("body", "data-ready") == "1", page.inner_text("#status")
        return page


@pytest.fixture(scope="session")
def chromium(base: str) -> Iterator[Browser]:
    """Playwright's launch gives Chromium a fresh profile of its own (a new --user-data-dir)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (or deselect: -m 'not browser')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        b = Browser(base, browser)
        yield b
        browser.close()
    assert b.outside == [], f"requests outside the site: {b.outside}"
    assert b.errors == [], f"errors in the page: {b.errors}"
