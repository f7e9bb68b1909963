"""The explorer as a widget in a real JupyterLab, driven by Chromium: legible in a cell.

The test starts a headless JupyterLab from this environment on 127.0.0.1 (a free port, a
token of its own), opens a notebook that shows ``autograd.explore`` of the homework, runs it,
and measures the widget as a student sees it at 1366 × 768. It takes about a minute, so it is
marked ``jupyter`` and left out of ``make test``: run it with ``make test-jupyter`` (or
``pytest -m jupyter``). Without JupyterLab, Playwright or Chromium it skips, saying which.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_explore_browser import CHROMIUM, FLAGS, LABEL_SIZES, W2_TOTAL

pytestmark = pytest.mark.jupyter

CELLS = [
    "import autograd\n"
    "from autograd.audit.checkfile import loss_graph\n"
    "from autograd.homework import load\n"
    "loss, groups = loss_graph(load()['a'])",
    "view = autograd.explore(loss, groups=groups)\nview",
    "print('selected:', view.scene['nodes'].get(view.selected, {}).get('name'))",
]


def notebook(path: Path) -> None:
    cells = [
        {"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
        for s in CELLS
    ]
    document = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (the dev extra)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    root = tmp_path_factory.mktemp("lab")
    notebook(root / "explore.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", f"--IdentityProvider.token={token}", f"--notebook-dir={root}",
        "--ServerApp.open_browser=False", "--LabApp.news_url=", "--allow-root",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):  # JupyterLab starts in a few seconds; allow a loaded machine more
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("JupyterLab stopped as it started")
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{base}/lab/tree/explore.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=60_000)
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")  # the menu, then its command
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            try:
                page.wait_for_selector(".agx .agx-net-neuron", timeout=90_000)
            except sync_api.TimeoutError:
                page.screenshot(path=str(root / "failed.png"))
                raise
            yield page
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_widget_in_a_jupyterlab_cell_is_legible(lab) -> None:
    page = lab
    sizes = page.evaluate(LABEL_SIZES)
    texts = {s["text"] for s in sizes}
    assert {"z1 = 2", "a1 = 0.8808", "w9 = 1", "L = 0.0003257"} <= texts
    assert min(s["px"] for s in sizes) >= 11, min(sizes, key=lambda s: s["px"])
    # the picture stays inside the cell's output area, whose width JupyterLab decides
    cell = page.locator(".jp-OutputArea-output:has(.agx)").bounding_box()
    picture = page.locator(".agx-picture").bounding_box()
    assert (
        picture["x"] >= cell["x"] and picture["x"] + picture["width"] <= cell["x"] + cell["width"]
    )


def test_widget_in_jupyterlab_zooms_opens_a_neuron_and_tells_the_kernel(lab) -> None:
    page = lab
    scale = "document.querySelector('.agx-world').getScreenCTM().a"
    before = page.evaluate(scale)
    page.click('.agx [data-zoom="in"]')
    assert page.evaluate(scale) == pytest.approx(before * 1.25, rel=1e-3)
    page.click('.agx [data-zoom="fit"]')
    page.locator(".agx-net-neuron").first.dispatch_event("click")
    assert page.locator(".agx-panel .agx-local-label").count() == 6
    page.locator('.agx-net-weight:has-text("w2 =")').dispatch_event("click")
    assert W2_TOTAL in page.inner_text(".agx-chain")
    # the selection reached the kernel: the third cell, run again, prints it
    cell = page.locator(".jp-CodeCell").nth(2)
    cell.click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(".jp-CodeCell >> nth=2 >> text=selected: w2", timeout=30_000)
