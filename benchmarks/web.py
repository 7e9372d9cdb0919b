"""venvsim in the browser, measured in Debian's headless Chromium: the site's size, a cold load
to a usable prompt, and a command's latency in the page (aims: < 25 MB, < 5 s, < 100 ms).

Run on demand: ``python benchmarks/web.py [--shot docs/web.png]``. It builds the site into a
temporary folder, serves it on 127.0.0.1 from a thread and opens it in a fresh browser each
time (a cold load: no cache). The latency is the time the page spends in one ``line`` call
(Python on Pyodide), for a lesson-sized world; ``--shot`` also saves a 1280×720 screenshot.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.web.build import build, size  # noqa: E402
from simulator.web.serve import server, url  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LINES = [":goal", "pip list", "cd ~/informe", "python3 -m venv .venv", "ls -a", ":undo", ":redo",
         "source .venv/bin/activate", "pip install appc", "pip list"]  # lesson 02's exercise


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=3, help="cold loads to time")
    parser.add_argument("--shot", help="save a 1280x720 screenshot of a session here (.png)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build(tmp)
        print(f"site size: {size(site) / 1e6:.1f} MB")
        httpd = server(site)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            loads = []
            for _ in range(args.loads):
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                start = time.perf_counter()
                page.goto(url(httpd))
                page.wait_for_selector("body[data-ready='1']", timeout=180_000)
                loads.append(time.perf_counter() - start)
                marks = page.evaluate("JSON.stringify(document.body.dataset)")
                browser.close()
            print(f"cold load to a usable prompt: median {statistics.median(loads):.2f} s "
                  f"({', '.join(f'{t:.2f}' for t in loads)}); last page's marks (ms): {marks}")
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(url(httpd) + "#lang=en&lesson=02-one-venv-per-project")
            page.wait_for_selector("body[data-ready='1']", timeout=180_000)
            page.click("#terminal")
            latencies = []
            for line in LINES:
                page.keyboard.type(line)
                page.keyboard.press("Enter")
                latencies.append(float(page.get_attribute("body", "data-latency") or "nan"))
            print(f"a command in the page (lesson 02's world, picture included): median "
                  f"{statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
            if args.shot:
                page.screenshot(path=args.shot)
                print(f"screenshot: {args.shot}")
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
