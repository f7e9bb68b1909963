"""The built site (``make site``) in Debian's Chromium, driven by Playwright.

The site is served from a static server on 127.0.0.1 started here, and every request to
anywhere else is refused (and recorded: there must be none). On it: the README's worksheet
and the homework's part (a) give the verdict counts ``python -m autograd check`` gives; an
expression is explored and a node clicked; a key and variants are made and are those
``solve`` writes; a runtime that fails to load is said in one line. ``make test`` builds the
site first (downloads cached in build/); without a built site, Playwright or Chromium these
tests skip, saying which.
"""

from __future__ import annotations

import functools
import http.server
import io
import math
import re
import threading
import time
import zipfile
from pathlib import Path

import pytest
import test_explore_browser
from test_site import ROOT, WORKSHEETS, cli, cli_counts, homework_part_a, readme_worksheet

SITE = ROOT / "site"
LOAD_MS = 240_000  # Pyodide's cold start, generous for a loaded CI machine
WORK_MS = 120_000


chromium = test_explore_browser.browser  # a fixture: Debian's Chromium, or a skip saying why


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    if not (SITE / "manifest.json").exists():
        pytest.skip("no built site: run make site (make test builds it)")
    sources = [*(ROOT / "web").glob("*.*"), *(ROOT / "autograd").rglob("*.*")]
    sources = [p for p in sources if "__pycache__" not in p.parts]  # written by the tests
    if max(p.stat().st_mtime for p in sources) > (SITE / "manifest.json").stat().st_mtime:
        pytest.skip("site/ is older than web/ or autograd/: run make site (make test builds it)")
    handler = functools.partial(Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


def open_site(chromium, server, refuse: str = ""):
    """A fresh page on the site, every request elsewhere (and ``refuse``) aborted."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.outside = []
    page.errors = []

    def route(route) -> None:
        url = route.request.url
        if not url.startswith(server) or (refuse and url.endswith(refuse)):
            if not url.startswith(server):
                page.outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(server)
    return page


@pytest.fixture(scope="module")
def site(chromium, server):
    started = time.perf_counter()
    page = open_site(chromium, server)
    page.wait_for_selector("body[data-python]", state="attached", timeout=LOAD_MS)
    assert page.get_attribute("body", "data-python") == "ready", page.inner_text("#status")
    print(f"\ncold start in Chromium: {time.perf_counter() - started:.1f} s")
    yield page
    assert page.outside == [], "the site asked the network for something"
    assert page.errors == [], "the page's script raised"
    page.context.close()


def checked(page, text: str) -> list[dict[str, int]]:
    """The verdict counts the page shows, per part, once it has checked ``text``."""
    page.click("nav a[href='#check']")
    page.wait_for_selector("#report[data-checked]:not([aria-busy])", state="attached",
                           timeout=WORK_MS)  # the check of the text already there is done
    before = page.get_attribute("#report", "data-checked")
    page.fill("#sheet", text)
    page.wait_for_selector(f"#report[data-checked]:not([data-checked='{before}'])",
                           timeout=WORK_MS)  # fmt: skip
    counts = []
    for part in page.locator("#report .part").all():
        counts.append({
            c.get_attribute("data-verdict"): int(c.get_attribute("data-count"))
            for c in part.locator("p.counts .count").all()
        })  # fmt: skip
    return counts


def test_the_readme_worksheet_gets_the_command_lines_verdicts(site, tmp_path) -> None:
    path = tmp_path / "neuron.txt"
    path.write_text(readme_worksheet(), encoding="utf-8")
    assert checked(site, readme_worksheet()) == cli_counts(path)
    assert site.locator("tr.line.error").count() == 1
    assert site.get_attribute("tr.line.error", "data-line") == "5"  # 0.025 for 0.25
    assert "power of ten" in site.inner_text("#report ul.errors")
    for line in range(2, 7):  # each chain typeset on its line
        assert site.locator(f"tr.line[data-line='{line}'] math").count() == 1


def test_the_homeworks_part_a_gets_the_command_lines_verdicts(site, tmp_path) -> None:
    path = tmp_path / "hw1a.md"
    path.write_text(homework_part_a(), encoding="utf-8")
    shown = checked(site, homework_part_a())
    assert shown == cli_counts(path) and shown[0]["error"] > 0
    assert site.locator("#report tr.line.error").count() > 0


def test_explore_an_expression_and_click_a_node(site) -> None:
    site.click("nav a[href='#explore']")
    site.select_option("#homework", "")
    site.fill("#code", 'a = Value(0.5, label="a")\nb = Value(2.0, label="b")\nL = (a * b).tanh()')
    site.click("#explore-go")
    site.locator('#explorer [data-view="graph"]').click()  # the graph, laid out by viz.js
    box = site.locator("#explorer g.node", has=site.locator("text", has_text=re.compile("^a$")))
    box.wait_for(state="attached", timeout=WORK_MS)
    box.dispatch_event("click")  # wherever the view has panned it
    expected = f"{(1 - math.tanh(1.0) ** 2) * 2:.4f}"  # ∂L/∂a = (1 − tanh²(a·b))·b
    assert expected == "0.8399" and expected in site.inner_text("#explorer .agx-chain")
    assert site.locator("#explorer g.edge.agx-on").count() > 0
    assert "drawing the graph" not in site.inner_text("#explorer")


def test_explore_the_homework(site) -> None:
    site.click("nav a[href='#explore']")
    site.select_option("#homework", "a")
    w2 = site.locator('#explorer .agx-net-weight:has-text("w2 =")')  # the network view
    w2.wait_for(timeout=WORK_MS)
    w2.dispatch_event("click")
    assert "−6.664e−5" in site.inner_text("#explorer .agx-chain")  # by hand: test_explore.py
    site.select_option("#homework", "")


def test_make_a_key_and_variants(site, tmp_path) -> None:
    problem = WORKSHEETS / "two_outputs_tanh.txt"
    site.click("nav a[href='#key']")
    site.fill("#problem", problem.read_text(encoding="utf-8"))
    site.click("#key-go")
    site.wait_for_selector("#key-links a[download='key.html']", timeout=WORK_MS)
    cli("solve", str(problem), "-o", str(tmp_path / "key.html"))
    written = (tmp_path / "key.html").read_text(encoding="utf-8")
    shown = site.get_attribute("#key-shown", "srcdoc")
    assert shown == written.replace(str(problem), "the problem")
    assert site.frame_locator("#key-shown").locator("math").count() > 20
    site.fill("#variant-count", "3")
    site.fill("#seed", "7")
    with site.expect_download(timeout=WORK_MS) as download:
        site.click("#variants-go")
    packed = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    cli("solve", str(problem), "--variants", "3", "--seed", "7", "-o", str(tmp_path))
    assert len(packed.namelist()) == 7
    assert packed.read("variants/answers.csv").decode() == (tmp_path / "answers.csv").read_text()


def test_a_runtime_that_does_not_load_is_said_in_one_line(chromium, server) -> None:
    page = open_site(chromium, server, refuse="pyodide.asm.wasm")
    page.wait_for_selector("body[data-python]", state="attached", timeout=LOAD_MS)
    said = page.inner_text("#status")
    assert page.get_attribute("body", "data-python") == "failed"
    assert said.startswith("Could not load Python: ") and "\n" not in said
    assert "pyodide" in said.lower()
    page.context.close()
