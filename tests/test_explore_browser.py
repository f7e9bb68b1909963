"""The explorer's front end in a real browser: Debian's Chromium, driven by Playwright.

The standalone page is opened from disk as a student would open it; the widget's script is
loaded in a minimal page with a stand-in for anywidget's model (get, set, save_changes, on),
its state taken from a real ``Explorer``. Expected numbers are worked out by hand in
test_explore.py; here they are read off the page. Without Playwright or Chromium these tests
skip, saying which is missing (``make test`` installs both as root on Debian).
"""

from __future__ import annotations

import itertools
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


@pytest.fixture(scope="module")
def context(browser):
    """One browser context for the module's pages (a context each cost about half a second;
    the explorer keeps nothing in a context: no storage, no cookies)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == [], "the page's script raised"


@pytest.fixture(scope="module")
def tab(context):
    """One page for the corpus's sheets, each opened anew in it (a new document each time);
    ``tab.errors`` gathers what the page's script raises."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    page.close()


@pytest.fixture
def sheet_page(tab):
    tab.errors.clear()
    yield tab
    assert tab.errors == [], "the page's script raised"


def node(page, name: str):
    """The graph view's box whose first line is ``name``."""
    return page.locator("g.node", has=page.locator("text", has_text=re.compile(f"^{name}$")))


def grad_of(page, name: str) -> str:
    texts = node(page, name).locator("text").all_text_contents()
    return next(t for t in texts if t.startswith("grad "))


def click(locator) -> None:
    """A click on a picture's element wherever the view has panned it (on screen or not)."""
    locator.dispatch_event("click")


LABEL_SIZES = """() => [...document.querySelectorAll('.agx-world text')]
  .filter((t) => t.getBoundingClientRect().width > 0 && t.textContent.trim())
  .map((t) => ({ text: t.textContent,
                 px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(
                       t.getScreenCTM().a, t.getScreenCTM().b) }))"""


def on_screen_sizes(page) -> list[dict]:
    """Every label of the picture with its height on screen, in CSS pixels."""
    return page.evaluate(LABEL_SIZES)


def lit_edges(page) -> int:
    """How many of the graph's edges are lit (a labelled edge is drawn in three parts)."""
    return page.evaluate(
        "new Set([...document.querySelectorAll('g.agx-edge-part.agx-on')]"
        ".map((g) => g.id.replace(/-(in|label)$/, ''))).size"
    )


SCALE = "document.querySelector('.agx-world').getScreenCTM().a"


def scale(page) -> float:
    return page.evaluate(SCALE)


@pytest.fixture
def homework_page(page, tmp_path):
    from autograd.cli import main

    out = tmp_path / "homework_a.html"
    assert main(["graph", "--part", "a", "-o", str(out)]) == 0
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(out.as_uri())
    return page


def test_network_view_opens_legible_at_laptop_size(homework_page) -> None:
    page = homework_page
    assert page.locator('[data-view="network"]').get_attribute("class") == "agx-chosen"
    sizes = on_screen_sizes(page)
    texts = {s["text"] for s in sizes}
    # every neuron's z and a, every weight with its value and gradient, the loss
    assert {"z1 = 2", "a1 = 0.8808", "z = 3.642", "a = 0.9745", "L = 0.0003257"} <= texts
    assert {f"w{i} = 1" for i in range(1, 10)} <= texts
    assert "∂L/∂w2 = −6.664e−5" in texts
    assert min(s["px"] for s in sizes) >= 11, min(sizes, key=lambda s: s["px"])
    # the whole network is in view at that size
    box = page.locator(".agx-picture").bounding_box()
    for item in page.locator(".agx-world > g > g").all():
        b = item.bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1
    # inputs top to bottom in order on the left, the loss on the right
    x1, x2 = (page.locator(f'.agx-net-input:has-text("{n}")').bounding_box() for n in ("x1", "x2"))
    loss = page.locator(".agx-net-loss").bounding_box()
    assert x1["y"] < x2["y"] and x1["x"] == x2["x"]
    neurons = [n.bounding_box() for n in page.locator(".agx-net-neuron").all()]
    assert len(neurons) == 4
    assert all(x1["x"] < n["x"] < loss["x"] for n in neurons)


def test_each_weight_label_sits_on_its_own_edge(homework_page) -> None:
    # the label's centre is on the line from its input to its neuron (within 1 px)
    distances = homework_page.evaluate(
        """() => [...document.querySelectorAll('.agx-net-weight')].map((g) => {
          const r = g.querySelector('rect').getBBox();
          const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
          const lines = [...document.querySelectorAll('.agx-net-edges line')];
          return Math.min(...lines.map((l) => {
            const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((k) => +l.getAttribute(k));
            return Math.abs((y2 - y1) * cx - (x2 - x1) * cy + x2 * y1 - y2 * x1) /
              Math.hypot(x2 - x1, y2 - y1);
          }));
        })"""
    )
    assert len(distances) == 9 and max(distances) < 1


def test_graph_view_opens_legible_and_follows_the_selection(homework_page) -> None:
    page = homework_page
    page.click('[data-view="graph"]')
    sizes = on_screen_sizes(page)
    assert min(s["px"] for s in sizes) >= 11, min(sizes, key=lambda s: s["px"])
    click(node(page, "w2"))
    assert lit_edges(page) == 14
    # the selected node is brought into view
    box = page.locator(".agx-picture").bounding_box()
    w2 = node(page, "w2").bounding_box()
    assert box["x"] <= w2["x"] and w2["x"] + w2["width"] <= box["x"] + box["width"]
    assert box["y"] <= w2["y"] and w2["y"] + w2["height"] <= box["y"] + box["height"]


LABEL_DISTANCES = """() => {
  // each edge's label box, and how far it is from its own edge's path and from the nearest
  // other edge's path: points every 2 px along each path, all in the graph's own units
  const paths = new Map();
  for (const g of document.querySelectorAll('g.agx-edge-part')) {
    const path = g.querySelector('path:not(.agx-hit)');
    if (!path) continue;
    const id = g.id.replace(/-(in|label)$/, '');
    const points = paths.get(id) || [];
    const length = path.getTotalLength();
    const n = Math.ceil(length / 2);
    for (let i = 0; i <= n; i++) points.push(path.getPointAtLength((length * i) / n));
    paths.set(id, points);
  }
  return [...document.querySelectorAll("g.agx-edge-part[id$='-label']")].map((g) => {
    const id = g.id.replace(/-label$/, '');
    const r = g.querySelector('text').getBBox();
    const far = (points) => Math.min(...points.map((p) => Math.hypot(
      Math.max(r.x - p.x, 0, p.x - r.x - r.width), Math.max(r.y - p.y, 0, p.y - r.y - r.height))));
    const others = [...paths].filter(([other]) => other !== id).map(([, points]) => far(points));
    return { label: g.textContent.trim(), own: far(paths.get(id)), other: Math.min(...others) };
  });
}"""


@pytest.mark.parametrize("part", ["a", "b"])
def test_each_edge_label_is_nearer_its_own_edge_than_any_other(page, tmp_path, part) -> None:
    from autograd.cli import main

    out = tmp_path / "homework.html"
    assert main(["graph", "--part", part, "-o", str(out)]) == 0
    page.goto(out.as_uri())
    page.click('[data-view="graph"]')
    labels = page.evaluate(LABEL_DISTANCES)
    # into each hidden Σ 5 (w, x, w, x, b), into the output's 7, 4 σ, y − a 2, ^2 1, and ½ · …
    # 1 (the constant ½ has none)
    assert len(labels) == 3 * 5 + 7 + 4 + 2 + 1 + 1
    for label in labels:
        assert label["own"] < label["other"], label


WEIGHT_BOXES = """() => [...document.querySelectorAll('.agx-net-weight')].map((g) => {
  const r = g.getBoundingClientRect();  // the box with its text, as drawn
  return { name: g.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
})"""


@pytest.mark.parametrize("shape", [[2, 3, 1], [3, 4, 4, 1], [4, 6, 6, 1]])
def test_no_two_weight_labels_overlap(page, tmp_path, shape) -> None:
    from autograd.explore import page as explorer_page
    from autograd.nn import MLP

    net = MLP(shape[0], shape[1:], seed=0)
    loss = (net([0.5 * (i + 1) for i in range(shape[0])]) - 1.0) ** 2
    loss.backward()
    out = tmp_path / "net.html"
    out.write_text(explorer_page(loss, groups=net.groups()), encoding="utf-8")
    page.goto(out.as_uri())
    boxes = page.evaluate(WEIGHT_BOXES)
    assert len(boxes) == sum(a * b for a, b in itertools.pairwise(shape))
    for a, b in itertools.combinations(boxes, 2):
        apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                 or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])  # fmt: skip
        assert apart, (a["name"], b["name"])


def test_zoom_and_pan(homework_page) -> None:
    page = homework_page
    opened = scale(page)
    box = page.locator(".agx-picture").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -300)  # the wheel zooms in, around the pointer
    # Playwright's wheel returns before the page has handled the event: wait for the zoom
    page.wait_for_function(f"() => ({SCALE}) > {opened} * 1.2", timeout=10_000)
    page.click('[data-zoom="fit"]')
    fitted = scale(page)
    page.click('[data-zoom="natural"]')
    assert scale(page) == pytest.approx(1.0)  # the network's own size
    page.click('[data-zoom="out"]')
    assert scale(page) == pytest.approx(0.8)
    before = page.locator(".agx-net-loss").bounding_box()
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx - 120, cy + 40, steps=5)  # drag to pan
    page.mouse.up()
    after = page.locator(".agx-net-loss").bounding_box()
    assert (after["x"] - before["x"], after["y"] - before["y"]) == pytest.approx((-120, 40), abs=1)
    assert fitted > 0
    # the click a drag's end brings is no click until the page's timer of 0 ms says the drag
    # is over (explorer.js, `dragged`); a click sent before that timer ran was ignored when the
    # cores were busy: wait for a timer queued after it
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    click(page.locator('.agx-net-weight:has-text("w5 =")'))
    page.click('[data-zoom="selection"]')  # the lit path from w5 to L fills the view
    lit = page.locator(".agx-net-edges line.agx-on")
    assert lit.count() == 3
    for k in range(3):
        b = lit.nth(k).bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"]


def test_pinch_zooms(homework_page) -> None:
    page = homework_page
    opened = scale(page)
    box = page.locator(".agx-picture").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # a touchpad's pinch reaches the page as a wheel event with ctrlKey
    page.locator(".agx-canvas").dispatch_event(
        "wheel", {"deltaY": -40, "ctrlKey": True, "clientX": cx, "clientY": cy}
    )
    assert scale(page) > opened * 1.3


def test_open_a_neuron_in_place(homework_page) -> None:
    page = homework_page
    click(page.locator(".agx-net-neuron").first)
    panel = page.locator(".agx-panel")
    assert panel.count() == 1
    labels = panel.locator(".agx-local-label").all_text_contents()
    assert sorted(labels) == sorted(
        ["∂z1/∂w1 = x1 = 0", "∂z1/∂w2 = x2 = 1", "∂z1/∂x1 = w1 = 1", "∂z1/∂x2 = w2 = 1",
         "∂z1/∂b1 = 1", "∂a1/∂z1 = a1(1 − a1) = 0.1050"]
    )  # fmt: skip
    chain = page.inner_text(".agx-chain")
    assert "−0.0006347" in chain  # ∂L/∂a1 = (−0.02552)(0.02487)(1)
    sizes = on_screen_sizes(page)
    assert min(s["px"] for s in sizes) >= 11
    click(panel.locator(".agx-close"))
    assert page.locator(".agx-panel").count() == 0


def test_weight_click_writes_its_chain_rule(homework_page) -> None:
    page = homework_page
    click(page.locator('.agx-net-weight:has-text("w2 =")'))
    chain = page.inner_text(".agx-chain")
    assert W2_TOTAL in chain and "one path" in chain
    assert page.locator(".agx-net-edges line.agx-on").count() == 3  # x2→n1, a1→n4, a→L
    page.locator('.agx-net-weight:has-text("w2 =")').dispatch_event("mouseenter")
    assert page.inner_text(".agx-edge .agx-formula") == "x2"


def test_the_root_is_one_and_said_once(homework_page) -> None:
    page = homework_page
    click(page.locator(".agx-net-loss"))
    chain = page.inner_text(".agx-chain")
    assert "= 1" in chain and "1 = 1" not in chain.replace("\n", " ")


def test_standalone_page_click_hover_step(page, tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "homework_a.html"
    assert main(["graph", "--part", "a", "-o", str(out)]) == 0
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    page.click('[data-view="graph"]')

    click(node(page, "w2"))
    assert lit_edges(page) == 14  # 7 operations on the one path
    chain = page.inner_text(".agx-chain")
    assert W2_TOTAL in chain and "one path" in chain

    page.locator("g.agx-edge-part", has_text="∂z1/∂w2").first.dispatch_event("mouseenter")
    assert page.inner_text(".agx-edge .agx-formula") == "x2"
    assert page.inner_text(".agx-edge .agx-value") == "1"

    page.click('[data-go="start"]')
    assert "step 0 of 11" in page.inner_text(".agx-step")
    assert grad_of(page, "w2") == "grad 0" and grad_of(page, "L") == "grad 1"
    page.click('[data-go="next"]')
    # L = ½ · (y − a)²: only (y − a)² is listed receiving a gradient, not the constant ½
    assert page.locator(".agx-step li").all_inner_texts() == [
        "(y − a)^2: + (0.5000)(1) = 0.5000 → grad 0.5000"
    ]
    steps = 1
    while page.is_enabled('[data-go="next"]'):
        page.click('[data-go="next"]')
        steps += 1
    assert steps == 11  # one per operation: the engine passes each node's gradient on once
    assert "step 11 of 11" in page.inner_text(".agx-step")
    assert grad_of(page, "w2") == f"grad {W2_TOTAL}"
    # a box receiving its gradient keeps its text's weight, so the text stays inside it
    page.click('[data-go="back"]')
    weights = page.evaluate(
        "[...document.querySelectorAll('g.node.agx-receive text')]"
        ".filter(t => t.textContent.startsWith('grad ')).map(t => getComputedStyle(t).fontWeight)"
    )
    assert weights and set(weights) == {"400"}

    page.focus(".agx")
    page.keyboard.press("Home")  # the keys step as the buttons do
    page.keyboard.press("ArrowRight")
    assert "step 1 of 11" in page.inner_text(".agx-step")
    page.keyboard.press("ArrowLeft")
    assert "step 0 of 11" in page.inner_text(".agx-step")

    # every step the player shows, kept as it is shown (a wait for "step 2" alone missed it
    # when a busy machine let the player reach step 3 before the next look)
    page.evaluate(
        """() => { const step = document.querySelector('.agx-step'); window.shown = [];
        new MutationObserver(() => window.shown.push(step.textContent))
          .observe(step, { childList: true, subtree: true, characterData: true }); }"""
    )
    page.click("[data-play]")  # plays a step every 0.6 s ...
    page.wait_for_function("() => window.shown.some((t) => t.includes('step 2 of 11'))")
    page.click("[data-play]")  # ... until paused
    played = [int(m.group(1)) for t in page.evaluate("window.shown")
              if (m := re.search(r"step (\d+) of 11", t))]  # fmt: skip
    played = [k for i, k in enumerate(played) if i == 0 or k != played[i - 1]]
    assert played == list(range(1, len(played) + 1)) and len(played) >= 2, played  # one by one
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

    click(page.locator('.agx-net-weight:has-text("w2 =")'))
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
    assert page.locator(".agx-net-edges line.agx-on").count() == 3  # the same node, lit again


def test_a_checked_worksheet_shows_where_the_error_entered(page, tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "worksheet.html"
    sheet = "tests/worksheets/delta_121_arithmetic.txt"
    assert main(["graph", "--file", sheet, "--part", "1", "-o", str(out)]) == 0
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(out.as_uri())
    sizes = on_screen_sizes(page)
    assert min(s["px"] for s in sizes) >= 11
    texts = {s["text"] for s in sizes}
    # each number with its verdict's mark as well as its colour; the student's own wrong one
    assert "✓ a1 = 0.4621" in texts and "✗ ∂L/∂z2 = 0.0817" in texts
    # one slip, one error: the numbers computed from it later are carried (follow-through)
    assert page.locator("text.agx-v-error").count() >= 1
    assert page.locator("text.agx-v-carried").count() >= 1
    # an input's and a target's number, with its mark, inside its circle ("✓ 0.8000", "✓ y = 1")
    spill = page.evaluate(
        """() => [...document.querySelectorAll('.agx-net-input')].flatMap((g) => {
          const c = g.querySelector('circle');
          const [cx, r] = [+c.getAttribute('cx'), +c.getAttribute('r')];
          return [...g.querySelectorAll('text')].map((t) => t.getBBox())
            .filter((b) => b.x < cx - r || b.x + b.width > cx + r).map(() => g.textContent);
        })"""
    )
    assert spill == []
    first = page.locator(".agx-first button")
    assert first.inner_text() == "✗ line 36: ∂L/∂z2"
    first.click()
    note = page.inner_text(".agx-check")
    assert "dL/dz2 = dL/da2 · da2/dz2 = (0.0907)(0.8808) = 0.0817" in note  # as written
    assert "arithmetic: 0.0907 · 0.8808 = 0.0798886, not 0.0817" in note  # the diagnosis
    # the chain rule, the right factors beside the ones written
    rows = page.locator(".agx-beside tr").all_inner_texts()
    assert any(r.split() == ["∂L", "∂ŷ", "−0.6756", "✓", "−0.6756"] for r in rows), rows
    assert any("0.07988" in r and "✗" in r and "0.0817" in r for r in rows), rows


def test_where_the_error_entered_follows_the_selection(page, tmp_path) -> None:
    from test_explore import two_slips

    from autograd.cli import main

    out = tmp_path / "worksheet.html"
    assert main(["graph", "--file", str(two_slips(tmp_path)), "--part", "1", "-o", str(out)]) == 0
    page.goto(out.as_uri())
    first = page.locator(".agx-first")
    assert "line 31: ∂L/∂z1" in first.inner_text()  # nothing selected: the first of all
    click(page.locator('.agx-net-weight:has-text("w2 =")'))
    assert "on the path to w2'" in first.inner_text()
    assert "line 36: ∂L/∂z2" in first.inner_text()  # not line 31, on another branch
    click(page.locator('.agx-net-weight:has-text("w1 =")'))
    assert "line 31: ∂L/∂z1" in first.inner_text()
    # the sheet's δ = dL/dz3, on z3
    assert page.locator("text", has_text="δ = ∂L/∂z3 = −0.1511").count() == 1


def test_training_slider_moves_the_numbers(page) -> None:
    from autograd.explore.page import scene_page
    from autograd.explore.run import record
    from autograd.nn import MLP, mse

    net = MLP(2, [3, 1], activation="tanh", seed=1)
    run = record(net, lambda m: mse([m([2.0, 3.0])], [1.0]), steps=40, learning_rate=0.1)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.set_content(scene_page(run))
    w1 = page.locator('.agx-net-weight:has-text("w1 =") text').first
    loss = page.locator(".agx-net-loss text").first
    before = (w1.text_content(), loss.text_content())
    assert before[1] == f"L = {run['training']['steps'][0]['loss']}"
    slider = page.locator(".agx-slider input")
    slider.fill("39")
    after = (w1.text_content(), loss.text_content())
    assert after[1] == f"L = {run['training']['steps'][39]['loss']}" and after[0] != before[0]
    assert "39 of 39" in page.inner_text(".agx-slider")
    dot = page.locator(".agx-curve-dot")
    assert float(dot.get_attribute("cx")) > 390  # the curve's marker at the last step
    click(page.locator('.agx-net-weight:has-text("w1 =")'))  # the chain rule of that step
    (name,) = [i for i, n in run["nodes"].items() if n["name"] == "w1"]
    assert run["training"]["steps"][39]["chains"][name]["total"] in page.inner_text(".agx-chain")
    assert min(s["px"] for s in on_screen_sizes(page)) >= 11


# ---- every published worksheet and every sheet of the project's own, as a student opens it ----

SHEETS = sorted(
    path
    for folder in ("published", "worksheets")
    for path in (Path(__file__).parent / folder).iterdir()
    if path.suffix in (".md", ".txt", ".tex", ".ipynb")
)
LEGIBILITY = """() => {
  // the picture's box, within the window
  const shown = document.querySelector('.agx-picture').getBoundingClientRect();
  const picture = { left: Math.max(shown.left, 0), right: Math.min(shown.right, innerWidth),
                    top: Math.max(shown.top, 0), bottom: Math.min(shown.bottom, innerHeight) };
  const labels = [...document.querySelectorAll('.agx-world text')]
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => {
      const r = t.getBoundingClientRect();
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      const y = (r.top + r.bottom) / 2;  // the ink: the letters' height about the middle
      return { text: t.textContent, px, left: r.left, right: r.right,
               top: y - 0.4 * px, bottom: y + 0.4 * px };
    });
  const circles = (kind) => [...document.querySelectorAll(`.agx-net-${kind} > circle`)]
    .map((c) => +c.getAttribute('r'));
  const title = document.querySelector('.agx-side .agx-title');
  // the texts written in a circle (not the bias above it or the gradient below) that reach
  // past its edge: each corner of the letters within the radius
  const spill = [...document.querySelectorAll('.agx-net-neuron, .agx-net-input')].flatMap((g) => {
    const c = g.querySelector('circle').getBoundingClientRect();
    const [cx, cy, r] = [(c.left + c.right) / 2, (c.top + c.bottom) / 2, c.width / 2];
    return [...g.querySelectorAll('text')].filter((t) => {
      const b = t.getBoundingClientRect();
      const y = (b.top + b.bottom) / 2;
      if (Math.abs(y - cy) > r) return false;
      const h = 0.4 * b.height / 1.16;  // the ink, as above
      const out = (x, yy) => Math.hypot(x - cx, yy - cy) > r;
      return [b.left, b.right].some((x) => out(x, y - h) || out(x, y + h));
    }).map((t) => t.textContent);
  });
  return {
    spill,
    view: document.querySelector('[data-view].agx-chosen').dataset.view,
    note: document.querySelector('.agx-viewnote').textContent,
    noteHeight: document.querySelector('.agx-viewnote').getBoundingClientRect().height,
    picture,
    labels,
    neurons: circles('neuron'),
    numbers: circles('input'),
    titleFits: !title || title.scrollWidth <= title.clientWidth + 1,
  };
}"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """The pairs of labels whose letters meet (more than a pixel each way)."""
    return [
        (a["text"], b["text"])
        for a, b in itertools.combinations(labels, 2)
        if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    ]


@pytest.mark.parametrize("sheet", SHEETS, ids=[p.name for p in SHEETS])
def test_every_sheet_opens_legible_at_laptop_size(sheet_page, tmp_path, capsys, sheet) -> None:
    from autograd.cli import main

    out = tmp_path / "sheet.html"
    if main(["graph", "--file", str(sheet), "-o", str(out)]) != 0:
        # a sheet whose graph cannot be built (an input's value never given, a name updated
        # in place) has no picture: one line says why
        error = capsys.readouterr().err
        assert error.startswith("error: graph: ") and error.count("\n") == 1, error
        return
    page = sheet_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(out.as_uri())
    assert_legible(page.evaluate(LEGIBILITY))


@pytest.mark.parametrize("shape", [[2, 4, 1], [3, 3, 2], [2, 2, 2, 1]])
def test_a_network_with_a_layer_of_four_opens_whole_at_laptop_size(page, tmp_path, shape):
    from autograd.explore import page as explorer_page
    from autograd.nn import MLP

    net = MLP(shape[0], shape[1:], seed=0)
    out = net([0.5 * (i + 1) for i in range(shape[0])])
    loss = sum((y - 1.0) ** 2 for y in (out if isinstance(out, list) else [out]))
    loss.label = "L"
    out = tmp_path / "net.html"
    out.write_text(explorer_page(loss, groups=net.groups()), encoding="utf-8")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(out.as_uri())
    seen = page.evaluate(LEGIBILITY)
    assert seen["view"] == "network"
    assert_legible(seen)


def assert_legible(seen: dict) -> None:
    """Every label at least 11 px high and clear of every other; a network whole in the
    window (or a line saying it is larger), no text past its circle, its circles of two
    sizes; a graph view says why."""
    labels = seen["labels"]
    assert min(label["px"] for label in labels) >= 11, min(labels, key=lambda x: x["px"])
    assert overlapping(labels) == []
    assert seen["titleFits"]
    if seen["view"] == "graph":  # no network: said in one line over the picture
        assert seen["note"].startswith("Drawn as its computational graph")
        assert seen["noteHeight"] < 2 * 13 * 1.16  # one line of 13 px text
        return
    box = seen["picture"]
    outside = [
        label["text"]
        for label in labels
        if label["left"] < box["left"] or label["right"] > box["right"]
        or label["top"] < box["top"] or label["bottom"] > box["bottom"]
    ]  # fmt: skip
    if seen["note"]:  # legible beats whole: a network larger than the window says so
        assert seen["note"].startswith("Larger than this window at a legible size")
        assert seen["noteHeight"] < 2 * 13 * 1.16
    else:
        assert outside == []
    assert seen["spill"] == []
    # one size of circle for the neurons, one (no larger) for the numbers around them
    assert len(set(seen["neurons"])) == 1 and len(set(seen["numbers"])) <= 1
    assert max(seen["numbers"], default=0) <= seen["neurons"][0]
