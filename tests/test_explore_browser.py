"""The explorer's front end in a real browser: Debian's Chromium, driven by Playwright.

The standalone page is opened from disk as a student would open it; the widget's script is
loaded in a minimal page with a stand-in for anywidget's model (get, set, save_changes, on),
its state taken from a real ``Explorer``. Expected numbers are worked out by hand in
test_explore.py; here they are read off the page. Without Playwright or Chromium these tests
skip, saying which is missing (``make test`` installs both as root on Debian).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from autograd.explore.widget import HERE, Explorer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
W2_TOTAL = "−6.664e−5"  # ∂L/∂w2 in part a, worked by hand in test_explore.py


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == [], "the page's script raised"


def node(page, name: str):
    """The picture's box whose first line is ``name``."""
    return page.locator("g.node", has=page.locator("text", has_text=re.compile(f"^{name}$")))


def grad_of(page, name: str) -> str:
    texts = node(page, name).locator("text").all_text_contents()
    return next(t for t in texts if t.startswith("grad "))


def test_standalone_page_click_hover_step(page, tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "homework_a.html"
    assert main(["graph", "--part", "a", "-o", str(out)]) == 0
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())

    node(page, "w2").click()
    assert page.locator("g.edge.agx-on").count() == 14  # 7 operations on the one path
    chain = page.inner_text(".agx-chain")
    assert W2_TOTAL in chain and "one path" in chain

    page.locator("g.edge", has_text="∂z1/∂w2").locator("text").first.hover()
    assert page.inner_text(".agx-edge .agx-formula") == "x2"
    assert page.inner_text(".agx-edge .agx-value") == "1"

    page.click('[data-go="start"]')
    assert "step 0 of 11" in page.inner_text(".agx-step")
    assert grad_of(page, "w2") == "grad 0" and grad_of(page, "L") == "grad 1"
    steps = 0
    while page.is_enabled('[data-go="next"]'):
        page.click('[data-go="next"]')
        steps += 1
    assert steps == 11  # one per operation: the engine passes each node's gradient on once
    assert "step 11 of 11" in page.inner_text(".agx-step")
    assert grad_of(page, "w2") == f"grad {W2_TOTAL}"

    page.focus(".agx")
    page.keyboard.press("Home")  # the keys step as the buttons do
    page.keyboard.press("ArrowRight")
    assert "step 1 of 11" in page.inner_text(".agx-step")
    page.keyboard.press("ArrowLeft")
    assert "step 0 of 11" in page.inner_text(".agx-step")

    page.click("[data-play]")  # plays a step every 0.6 s ...
    page.wait_for_selector('.agx-step:has-text("step 2 of 11")')
    page.click("[data-play]")  # ... until paused
    shown = page.inner_text(".agx-step")
    page.wait_for_timeout(800)
    assert page.inner_text(".agx-step") == shown
    assert requests == [out.as_uri()]  # nothing asked of any network


def widget_page(view: Explorer) -> str:
    """The widget's own script and styles, with a stand-in for anywidget's model that keeps
    what the script sets (``window.sets``) and lets the test push the kernel's answers."""
    state = {name: getattr(view, name) for name in ("scene", "selected", "values", "error")}
    state["live"] = True
    css = (HERE / "explorer.css").read_text(encoding="utf-8")
    js = (HERE / "explorer.js").read_text(encoding="utf-8")
    data = json.dumps(state).replace("</", "<\\/")
    return f"""<!DOCTYPE html><meta charset="utf-8"><style>{css}</style>
<div id="app"></div>
<script type="application/json" id="state">{data}</script>
<script type="module">
{js}
const state = JSON.parse(document.getElementById("state").textContent);
const listeners = {{}};
window.sets = [];
window.push = (key, value) => {{
  state[key] = value;
  (listeners["change:" + key] || []).forEach((callback) => callback());
}};
const model = {{
  get: (key) => state[key],
  set: (key, value) => {{ state[key] = value; window.sets.push([key, value]); }},
  save_changes: () => {{}},
  on: (event, callback) => {{ (listeners[event] ||= []).push(callback); }},
  off: () => {{}},
}};
render({{ model, el: document.getElementById("app") }});
</script>"""


def test_widget_front_end_round_trip(page) -> None:
    from autograd.audit.checkfile import loss_graph
    from autograd.homework import load

    loss, groups = loss_graph(load()["a"])
    view = Explorer(loss, groups=groups)
    page.set_content(widget_page(view))

    node(page, "w2").click()
    key, selected = page.evaluate("window.sets.at(-1)")
    assert key == "selected"
    view.selected = selected  # what the kernel receives
    assert view.chain["total"] == W2_TOTAL and W2_TOTAL in page.inner_text(".agx-chain")

    boxes = page.locator(".agx-leaves input")
    assert boxes.count() == 16  # x1, x2, y, w1…w9, b1…b4: every named leaf
    box = page.locator('.agx-leaves label:has-text("w2") input')
    box.fill("2")
    box.dispatch_event("change")
    key, values = page.evaluate("window.sets.at(-1)")
    assert key == "values" and list(values.values()) == [2]
    view.values = values  # the kernel computes again ...
    page.evaluate("scene => window.push('scene', scene)", view.scene)  # ... and syncs back
    assert view.chain["total"] in page.inner_text(".agx-chain") and view.chain["total"] != W2_TOTAL
    assert page.locator("g.edge.agx-on").count() == 14  # the same node, lit again
