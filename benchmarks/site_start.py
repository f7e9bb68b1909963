"""How big the built site is, and how long Chromium takes to start Python in it, cold.

    make site && .venv/bin/python benchmarks/site_start.py [--runs 3]

Each run is a fresh browser context (an empty cache) on the site served from 127.0.0.1, timed
from the first request to the page saying Python is ready, then to the first worksheet
checked; every request elsewhere is refused. Prints the median and the spread.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = Path(__file__).resolve().parent.parent / "site"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3)
    runs = options.parse_args().runs
    files = [f for f in SITE.rglob("*") if f.is_file()]
    size = sum(f.stat().st_size for f in files)
    print(f"site/: {len(files)} files, {size / 1e6:.1f} MB")
    handler = functools.partial(Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    ready, checked = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(runs):
            context = browser.new_context()
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                          else r.abort())  # fmt: skip
            page = context.new_page()
            start = time.perf_counter()
            page.goto(base)
            page.wait_for_selector("body[data-python='ready']", state="attached", timeout=300_000)
            ready.append(time.perf_counter() - start)
            page.wait_for_selector("#report .part", timeout=300_000)
            checked.append(time.perf_counter() - start)
            context.close()
        browser.close()
    httpd.shutdown()
    for name, times in (("Python ready", ready), ("first worksheet checked", checked)):
        print(f"{name}: median {statistics.median(times):.1f} s "
              f"(from {min(times):.1f} to {max(times):.1f} s, {runs} runs)")  # fmt: skip


if __name__ == "__main__":
    main()
