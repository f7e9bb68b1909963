// The chain-rule explorer's front end: one script for the Jupyter widget (an anywidget
// module), the standalone page, and any page that has a scene as JSON (a plain-JS entry
// point: `mount(element, state)`, also on `globalThis.autogradExplorer`).
//
// Everything it shows was computed in Python (autograd/explore/scene.py). Two views:
//   network  the picture a textbook draws, laid out here from scene.network: inputs on the
//            left, a column per layer, each neuron a circle with z and a, each weight on its
//            edge, the loss on the right. Click a neuron: its own graph opens in place.
//   graph    the whole computational graph: autograd.draw's SVG (scene.svg), whose nodes are
//            titled v0, v1, ... and whose edges have the ids e{i} / e{i}_{k} (a labelled one
//            in parts: e{i}_{k}-in, its label e{i}_{k}-label, e{i}_{k}); where no SVG
//            was embedded (no Graphviz), the DOT text (scene.dot) is rendered by
//            `autogradExplorer.renderDot(dot) -> Promise<svg text>` if the page provides one.
// Both sit in one pan-and-zoom canvas (wheel, pinch, drag; fit, 100 %, zoom to selection),
// opened at a scale where every label is at least LEGIBLE px high.
//
// The model (anywidget's, or a page's stand-in) holds:
//   scene     the pictures, edges, chains, steps (and a worksheet's checks, a training run)
//   selected  the id of the node whose chain rule is shown ("" for none)
//   values    leaf id -> number, set here when a number box changes (Jupyter only)
//   error     why the last change could not be computed ("" when it could)
//   live      true in Jupyter, where a changed leaf is computed again by the kernel

const SVG = "http://www.w3.org/2000/svg";
const TOO_LARGE = "Larger than this window at a legible size: drag to pan, or “fit” to see it whole.";
const LEGIBLE = 11.1; // px on screen: the smallest label at the opening scale (≥ 11)
const VERDICTS = { // a colour and a mark each: the mark says it without the colour
  match: { mark: "✓", word: "right" },
  rounding: { mark: "≈", word: "rounding" },
  carried: { mark: "↪", word: "carried" },
  error: { mark: "✗", word: "error" },
  "not understood": { mark: "?", word: "not understood" },
};
const WORST = ["error", "not understood", "carried", "rounding", "match"];

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "agx";
  box.innerHTML = `
    <div class="agx-main">
      <div class="agx-toolbar">
        <span class="agx-views" role="group" aria-label="view">
          <button type="button" data-view="network" title="the network, as a textbook draws it">network</button>
          <button type="button" data-view="graph" title="the whole computational graph">graph</button>
        </span>
        <span class="agx-zoom" role="group" aria-label="zoom">
          <button type="button" data-zoom="out" title="zoom out">−</button>
          <button type="button" data-zoom="in" title="zoom in">+</button>
          <button type="button" data-zoom="fit" title="the whole picture in view">fit</button>
          <button type="button" data-zoom="natural" title="the picture at its own size">100 %</button>
          <button type="button" data-zoom="selection" title="zoom to the selected path">selection</button>
        </span>
        <span class="agx-buttons" role="group" aria-label="backward, step by step">
          <button type="button" data-go="start" title="back to before backward()">start</button>
          <button type="button" data-go="back" title="one step back">◀ back</button>
          <button type="button" data-go="next" title="the next node passes its gradient on">next ▶</button>
          <button type="button" data-go="end" title="every gradient, as backward() leaves them">end</button>
          <button type="button" data-play title="play the steps one by one">play</button>
        </span>
      </div>
      <div class="agx-picture"><svg class="agx-canvas" xmlns="${SVG}"><g class="agx-world"></g></svg><div class="agx-viewnote"></div></div>
    </div>
    <div class="agx-side">
      <div class="agx-training"></div>
      <div class="agx-work"></div>
      <div class="agx-chain" aria-live="polite"></div>
      <div class="agx-edge" aria-live="polite"></div>
      <div class="agx-step"></div>
      <div class="agx-leaves"></div>
      <div class="agx-error" role="alert"></div>
    </div>`;
  el.appendChild(box);
  const $ = (name) => box.querySelector(".agx-" + name);
  const canvas = $("canvas");
  const world = $("world");
  let scene = null;
  let view = null; // "network" or "graph"
  let step = null; // null: the finished backward pass; 0..n: after that many steps
  let epoch = 0; // the training step shown, when the scene is a training run
  let opened = null; // the neuron (or "loss") whose own graph is open in the network view
  let drawn = null; // what the current view drew: see drawNetwork / drawGraph

  // ---- numbers, as of the step and the training step shown -----------------------------------

  function trainingStep() {
    return scene.training ? scene.training.steps[epoch] : null;
  }
  function dataOf(id) {
    const t = trainingStep();
    return t && id in t.data ? t.data[id] : scene.nodes[id].data;
  }
  function gradOf(id) {
    const t = trainingStep();
    const final = t && id in t.grad ? t.grad[id] : scene.nodes[id].grad;
    if (step === null || scene.training) return final;
    let grad = id === scene.root ? "1" : "0";
    for (const s of scene.steps.slice(0, step)) for (const p of s.passes) if (p.to === id) grad = p.grad;
    return grad;
  }
  function chainOf(id) {
    const t = trainingStep();
    return (t && t.chains && t.chains[id]) || scene.chains[id];
  }
  function name(id) {
    return scene.nodes[id].name;
  }

  // ---- the worksheet's own numbers, where the scene is a checked worksheet -------------------

  function checksOf(id, what) {
    const marks = scene.checks && scene.checks.nodes[id];
    return (marks && marks[what]) || [];
  }
  function written(id, what) { // the student's own number for it, where it is not the right one
    const cs = what.flatMap((k) => checksOf(id, k));
    const result = cs.filter((c) => c.kind === "result").at(-1) || cs.at(-1);
    return result && result.verdict !== "match" ? result.written : null;
  }
  function aliasOf(id) { // δ = : the names a worksheet gives a node's gradient
    const names = scene.checks && scene.checks.aliases && scene.checks.aliases[id];
    return names ? names.map((n) => n + " = ").join("") : "";
  }
  function worst(checks) {
    for (const v of WORST) if (checks.some((c) => c.verdict === v)) return v;
    return checks.length ? checks[0].verdict : null;
  }
  function verdictClass(v) {
    return v ? " agx-v-" + v.replace(/ /g, "-") : "";
  }
  function outline(element, v) { // a drawn thing holding a verdict: its outline, not its text
    for (const c of [...element.classList]) if (c.startsWith("agx-g-")) element.classList.remove(c);
    if (v) element.classList.add("agx-g-" + v.replace(/ /g, "-"));
  }
  function markOf(v) {
    return v ? (VERDICTS[v] || { mark: "•" }).mark + " " : "";
  }

  // ---- the canvas: pan and zoom ---------------------------------------------------------------

  const camera = { s: 1, x: 0, y: 0 }; // screen = world · s + (x, y)
  function apply() {
    world.setAttribute("transform", `translate(${camera.x} ${camera.y}) scale(${camera.s})`);
  }
  function viewport() {
    const r = canvas.getBoundingClientRect();
    return { w: r.width || 800, h: r.height || 500, left: r.left, top: r.top };
  }
  function legibleScale() {
    return drawn ? LEGIBLE / drawn.minFont : 1;
  }
  function fitScale(b) {
    const v = viewport();
    return Math.min((v.w - 24) / b.w, (v.h - 24) / b.h);
  }
  function zoomTo(s, cx, cy) { // scale s, world point (cx, cy) at the centre of the view
    const v = viewport();
    camera.s = Math.max(0.05, Math.min(s, 8));
    camera.x = v.w / 2 - cx * camera.s;
    camera.y = v.h / 2 - cy * camera.s;
    apply();
  }
  function zoomAt(factor, px, py) { // px, py: screen point relative to the canvas
    const s = Math.max(0.05, Math.min(camera.s * factor, 8));
    camera.x = px - ((px - camera.x) * s) / camera.s;
    camera.y = py - ((py - camera.y) * s) / camera.s;
    camera.s = s;
    apply();
  }
  function opening() { // legible first; the whole picture if it fits at a legible scale
    const b = drawn.bounds;
    const s = Math.min(Math.max(fitScale(b), legibleScale()), drawn.natural * 1.25);
    const v = viewport();
    if (b.w * s <= v.w && b.h * s <= v.h) return zoomTo(s, b.x + b.w / 2, b.y + b.h / 2);
    // legible beats whole: a network larger than the window opens legibly, and says so
    if (view === "network") $("viewnote").textContent = TOO_LARGE;
    const anchor = drawn.anchor; // too big to fit legibly: start where the reading starts
    // (the graph's root at the right of the view: the loss, and the first steps back from it)
    zoomTo(s, anchor.right ? anchor.x - v.w / (2 * s) + 80 / s : anchor.x, anchor.y);
    if (model.get("selected")) follow(true);
  }
  function zoom(how) {
    const v = viewport();
    if (how === "in") zoomAt(1.25, v.w / 2, v.h / 2);
    else if (how === "out") zoomAt(0.8, v.w / 2, v.h / 2);
    else if (how === "fit") {
      const b = drawn.bounds;
      zoomTo(Math.min(fitScale(b), drawn.natural * 1.25), b.x + b.w / 2, b.y + b.h / 2);
    } else if (how === "natural") {
      const c = centre();
      zoomTo(drawn.natural, c.x, c.y);
    } else if (how === "selection") follow(true, true);
  }
  function centre() {
    const v = viewport();
    return { x: (v.w / 2 - camera.x) / camera.s, y: (v.h / 2 - camera.y) / camera.s };
  }
  for (const button of box.querySelectorAll("[data-zoom]")) {
    button.addEventListener("click", () => zoom(button.dataset.zoom));
  }

  // the box, in world units, around what is lit: the selected node and its paths
  function litBounds() {
    const parts = [...world.querySelectorAll(".agx-on, .agx-selected, .agx-panel")];
    if (!parts.length) return null;
    const v = viewport();
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const part of parts) {
      const r = part.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top);
      x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
    if (x0 === Infinity) return null;
    const toWorld = (sx, sy) => ({ x: (sx - v.left - camera.x) / camera.s, y: (sy - v.top - camera.y) / camera.s });
    const a = toWorld(x0, y0);
    const b = toWorld(x1, y1);
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
  }
  // keep the selected path in view: pan (never below a legible scale) so that it shows
  function follow(always = false, fit = false) {
    const b = litBounds();
    if (!b) return;
    const v = viewport();
    const sx = camera.x + b.x * camera.s;
    const sy = camera.y + b.y * camera.s;
    const inside = sx >= 0 && sy >= 0 && sx + b.w * camera.s <= v.w && sy + b.h * camera.s <= v.h;
    if (inside && !always && !fit) return;
    let s = camera.s;
    if (fit) s = Math.max(Math.min(fitScale({ w: b.w + 40, h: b.h + 40 }), drawn.natural * 1.5), legibleScale());
    if (b.w * s <= v.w && b.h * s <= v.h) return zoomTo(s, b.x + b.w / 2, b.y + b.h / 2);
    const target = world.querySelector(".agx-selected");
    const r = target ? target.getBoundingClientRect() : null;
    if (!r) return zoomTo(s, b.x + b.w / 2, b.y + b.h / 2);
    const t = { x: (r.left + r.width / 2 - v.left - camera.x) / camera.s, y: (r.top + r.height / 2 - v.top - camera.y) / camera.s };
    zoomTo(s, t.x, t.y);
  }

  // wheel (and a touchpad's pinch, which the browser sends as a wheel with ctrlKey)
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    const v = viewport();
    const speed = event.ctrlKey ? 0.01 : 0.0015;
    zoomAt(Math.exp(-event.deltaY * speed), event.clientX - v.left, event.clientY - v.top);
  }, { passive: false });
  // drag to pan; two fingers to pinch
  const pointers = new Map();
  let moved = 0; // how far the pointer travelled since it went down: a drag is not a click
  let pinch = null;
  canvas.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved = 0;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), s: camera.s };
    }
  });
  canvas.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved += Math.abs(dx) + Math.abs(dy);
    if (moved > 4 && !canvas.hasPointerCapture(event.pointerId)) canvas.setPointerCapture(event.pointerId);
    if (pointers.size === 2 && pinch) {
      const [a, b] = [...pointers.values()];
      const v = viewport();
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      zoomAt((pinch.s * d) / pinch.d / camera.s, (a.x + b.x) / 2 - v.left, (a.y + b.y) / 2 - v.top);
    } else if (pointers.size === 1) {
      camera.x += dx;
      camera.y += dy;
      apply();
    }
  });
  let dragged = false; // the click that ends a drag is no click
  const up = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    dragged = moved > 4;
    setTimeout(() => { dragged = false; }, 0); // after the click this pointerup brings
  };
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);
  canvas.classList.add("agx-grab");
  function clickable(element, action) { // a click, unless the pointer dragged the picture
    element.classList.add("agx-clickable");
    element.addEventListener("click", (event) => {
      if (dragged) return;
      event.stopPropagation();
      action();
    });
  }

  // ---- drawing helpers ---------------------------------------------------------------------

  function svg(tag, attrs = {}, parent = null) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, content, size, cls = "", anchor = "middle") {
    const t = svg("text", { x, y, "font-size": size, "text-anchor": anchor, "dominant-baseline": "central", class: cls }, parent);
    t.textContent = content;
    return t;
  }
  function textWidth(content, size) { // DejaVu Sans, about 0.58 em a character
    return [...String(content)].length * size * 0.58;
  }


  // ---- the network view: scene.network_svg (autograd/explore/layout.py), brought to life --

  const SMALL = 12; // the panel's text
  function drawNetwork() {
    const holder = document.createElement("div");
    holder.innerHTML = scene.network_svg;
    const picture = holder.querySelector("svg");
    const [x, y, w, h] = picture.getAttribute("viewBox").split(/[ ,]+/).map(Number);
    picture.setAttribute("x", x);
    picture.setAttribute("y", y);
    world.appendChild(picture);
    const panelLayer = svg("g", { class: "agx-net-panels" }, world);
    const nodes = new Map(); // node id -> its group (neurons by a, inputs, weights, the loss)
    for (const g of picture.querySelectorAll("g[data-id]")) nodes.set(g.dataset.id, g);
    const links = [...picture.querySelectorAll("line[data-edges]")].map((el) => ({ el, edges: el.dataset.edges.split(" ").filter(Boolean) }));
    for (const label of picture.querySelectorAll(".agx-net-weight")) {
      const link = links.find((l) => l.edges.includes(label.dataset.edge));
      if (link) link.label = label;
      clickable(label, () => select(label.dataset.id));
      label.addEventListener("mouseenter", () => hover(label.dataset.edge));
      label.addEventListener("mouseleave", () => hover(null));
    }
    for (const g of picture.querySelectorAll(".agx-net-input")) clickable(g, () => select(g.dataset.id));
    for (const g of picture.querySelectorAll(".agx-net-neuron")) clickable(g, () => open(g.dataset.id));
    for (const g of picture.querySelectorAll(".agx-net-loss")) clickable(g, () => open("loss"));
    const texts = [...picture.querySelectorAll("text[data-of]")];
    const base = new Map(texts.map((t) => [t, t.getAttribute("class") || ""]));
    const root = () => name(scene.root);
    const updates = [() => {
      for (const t of texts) {
        const id = t.dataset.of;
        const show = t.dataset.show;
        const what = show === "grad" ? ["grad", "update"] : ["data"];
        const v = worst(what.flatMap((k) => checksOf(id, k)));
        // where the student wrote it otherwise, their number: the right one is a click away
        const content = show === "value" ? `${name(id)} = ${written(id, ["data"]) ?? dataOf(id)}`
          : show === "bare" ? written(id, ["data"]) ?? dataOf(id)
          : show === "grad" ? `${aliasOf(id)}∂${root()}/∂${name(id)} = ${written(id, ["grad"]) ?? gradOf(id)}`
          : v ? (VERDICTS[v] || {}).word || v : t.textContent;
        t.textContent = show === "verdict" ? (v ? markOf(v) + content : "loss") : markOf(v) + content;
        t.setAttribute("class", (base.get(t) + verdictClass(v)).trim());
      }
      for (const [, g] of nodes) {
        const inside = [...g.querySelectorAll("text[data-of]")].flatMap((t) => {
          const what = t.dataset.show === "grad" ? ["grad", "update"] : ["data"];
          return what.flatMap((k) => checksOf(t.dataset.of, k));
        });
        outline(g, worst(inside));
      }
    }];
    if (opened) {
      const g = opened === "loss" ? picture.querySelector(".agx-net-loss") : nodes.get(opened);
      const where = { x: Number(g.dataset.x), y: Number(g.dataset.y) };
      if (opened === "loss") panel(scene.network.loss_inside, where, panelLayer, scene.network.loss);
      else panel(scene.network.layers.flat().find((n) => n.a === opened).inside, where, panelLayer, opened);
    }
    const bounds = { x, y, w, h };
    const minFont = Number(picture.dataset.font) || SMALL;
    // too wide to fit legibly: open at the inputs, where the reading starts
    return { nodes, links, updates, bounds, minFont, natural: 1, anchor: { x: x + Math.min(w, viewport().w) / 2 - 10, y: y + h / 2 } };
  }

  // where along the edge p → q a w × h label overlaps the labels placed least, nearest to
  // t = prefer (the network's own labels are placed so in layout.py, this is for the panel)
  function clearSpot(p, q, w, h, placed, prefer) {
    let best = null;
    for (let t = 0.15; t <= 0.851; t += 0.025) {
      const r = { x: p.x + (q.x - p.x) * t - w / 2, y: p.y + (q.y - p.y) * t - h / 2, w, h };
      let cost = Math.abs(t - prefer) * 10;
      for (const o of placed) {
        const dx = Math.min(r.x + r.w, o.x + o.w) - Math.max(r.x, o.x);
        const dy = Math.min(r.y + r.h, o.y + o.h) - Math.max(r.y, o.y);
        if (dx > 0 && dy > 0) cost += 100 + dx * dy;
      }
      if (!best || cost < best.cost) best = { cost, r };
    }
    return best.r;
  }

  // a neuron's (or the loss's) own computational graph, drawn in place over the network
  function panel(inside, where, layer, owner) {
    const members = new Set(inside);
    const into = Object.entries(scene.edges).filter(([, e]) => !e.operation && members.has(e.to) && !scene.nodes[e.from].constant);
    const depth = new Map();
    for (const id of inside) depth.set(id, 1); // inside is in the graph's order: parents first
    for (const id of inside) {
      for (const [, e] of into) if (e.to === id && members.has(e.from)) depth.set(id, Math.max(depth.get(id), depth.get(e.from) + 1));
    }
    const outside = [];
    for (const [, e] of into) if (!members.has(e.from) && !outside.includes(e.from)) outside.push(e.from);
    for (const id of outside) depth.set(id, 0);
    const columns = [];
    for (const id of [...outside, ...inside]) (columns[depth.get(id)] ||= []).push(id);
    const lines = (id) => [`${name(id)} = ${dataOf(id)}`, `∂${name(scene.root)}/∂${name(id)} = ${gradOf(id)}`];
    const BOXW = Math.max(110, ...[...outside, ...inside].flatMap((id) => lines(id).map((l) => textWidth(l, SMALL) + 16)));
    const widest = Math.max(60, ...into.map(([, e]) => textWidth(e.text, SMALL)));
    const BOXH = 40, GAPX = BOXW + widest + 50, GAPY = 54;
    const tall = Math.max(...columns.map((c) => c.length));
    const w = columns.length * BOXW + (columns.length - 1) * (GAPX - BOXW) + 40;
    const h = tall * GAPY + 70;
    const x0 = where.x - w / 2;
    const y0 = where.y - h / 2;
    const g = svg("g", { class: "agx-panel" }, layer);
    svg("rect", { x: x0, y: y0, width: w, height: h, rx: 10, class: "agx-panel-back" }, g);
    text(g, x0 + 14, y0 + 16, `inside ${name(owner)}: each edge its local derivative`, SMALL, "agx-note", "start");
    const close = text(g, x0 + w - 16, y0 + 16, "×", 18, "agx-close");
    clickable(close, () => open(opened));
    const pos = new Map();
    columns.forEach((col, c) => col.forEach((id, i) => {
      pos.set(id, { x: x0 + 20 + c * GAPX + BOXW / 2, y: y0 + 40 + (i + 0.5) * GAPY + ((tall - col.length) * GAPY) / 2 });
    }));
    const placed = [];
    const edgeEls = new Map();
    for (const [eid, e] of into) {
      const p = pos.get(e.from);
      const q = pos.get(e.to);
      const opw = scene.nodes[e.to].op ? Math.max(22, textWidth(scene.nodes[e.to].op, SMALL) + 16) + 4 : 0;
      const el = svg("line", { x1: p.x + BOXW / 2, y1: p.y, x2: q.x - BOXW / 2 - opw - 6, y2: q.y, class: "agx-net-edge", "marker-end": "url(#agx-arrow)", "data-edge": eid }, g);
      const content = e.text;
      const lw = textWidth(content, SMALL) + 8;
      const spot = clearSpot({ x: p.x + BOXW / 2, y: p.y }, { x: q.x - BOXW / 2 - opw, y: q.y }, lw, 18, placed, 0.45);
      placed.push(spot);
      const lg = svg("g", { class: "agx-local-label" }, g);
      svg("rect", { x: spot.x, y: spot.y, width: spot.w, height: spot.h, rx: 3 }, lg);
      text(lg, spot.x + spot.w / 2, spot.y + 9, content, SMALL);
      lg.addEventListener("mouseenter", () => hover(eid));
      lg.addEventListener("mouseleave", () => hover(null));
      edgeEls.set(eid, [el, lg]);
    }
    for (const [id, p] of pos) {
      const b = svg("g", { class: "agx-panel-node" + (members.has(id) ? "" : " agx-panel-outside") }, g);
      svg("rect", { x: p.x - BOXW / 2, y: p.y - BOXH / 2, width: BOXW, height: BOXH, rx: 5 }, b);
      const [top, bottom] = lines(id);
      text(b, p.x, p.y - 9, top, SMALL, "agx-name");
      text(b, p.x, p.y + 9, bottom, SMALL, "agx-grad");
      const op = scene.nodes[id].op;
      if (op) { // the operation, where its inputs arrive
        const o = svg("g", { class: "agx-panel-op" }, b);
        const ow = Math.max(22, textWidth(op, SMALL) + 16);
        svg("rect", { x: p.x - BOXW / 2 - ow - 4, y: p.y - 11, width: ow, height: 22, rx: 11 }, o);
        text(o, p.x - BOXW / 2 - ow / 2 - 4, p.y, op, SMALL);
      }
      clickable(b, () => select(id));
    }
    drawnPanel = { edgeEls };
  }
  let drawnPanel = null;

  function open(id) { // open (or close) a neuron's own graph, and show its chain rule
    opened = opened === id ? null : id;
    const target = id === "loss" ? scene.network.loss : id;
    redraw(false);
    if (opened) select(target);
    else show();
  }

  // ---- the graph view: Graphviz's picture -----------------------------------------------------

  function drawGraph(svgText) {
    const holder = document.createElement("div");
    holder.innerHTML = svgText;
    const picture = holder.querySelector("svg");
    const [, , w, h] = picture.getAttribute("viewBox").split(/[ ,]+/).map(Number);
    picture.setAttribute("width", w);
    picture.setAttribute("height", h);
    world.appendChild(picture);
    const nodes = new Map();
    const edges = new Map();
    const gradTexts = new Map();
    let minFont = Infinity;
    for (const t of picture.querySelectorAll("text")) minFont = Math.min(minFont, Number(t.getAttribute("font-size")) || 14);
    for (const group of picture.querySelectorAll("g.node")) {
      const title = group.querySelector("title");
      const id = title.textContent;
      title.remove(); // the browser's own tooltip would only say "v3"
      const node = id.startsWith("o") ? "v" + id.slice(1) : id; // an operation: its result
      if (!(node in scene.nodes)) continue;
      if (id === node) nodes.set(id, group);
      clickable(group, () => select(node));
      const grad = [...group.querySelectorAll("text")].find((t) => t.textContent.startsWith("grad "));
      if (grad && id === node) gradTexts.set(id, grad);
    }
    // an edge with a label is drawn in three parts: e{i}_{k}-in up to its label, the label
    // (a node, e{i}_{k}-label, that the edge runs through), and e{i}_{k} on to the operation
    for (const group of picture.querySelectorAll("g.edge, g.node[id$='-label']")) {
      const id = group.id.replace(/-(in|label)$/, "");
      if (!(id in scene.edges)) continue;
      group.querySelector("title")?.remove();
      group.classList.add("agx-edge-part");
      if (!edges.has(id)) edges.set(id, []);
      edges.get(id).push(group);
      const hit = group.querySelector("path")?.cloneNode(); // a wide, invisible twin to hover
      if (hit) {
        hit.setAttribute("class", "agx-hit");
        group.insertBefore(hit, group.firstChild);
      }
      group.addEventListener("mouseenter", () => hover(id));
      group.addEventListener("mouseleave", () => hover(null));
    }
    const updates = [() => {
      for (const [id, t] of gradTexts) t.textContent = "grad " + gradOf(id);
      for (const [id, group] of nodes) {
        const v = worst([...checksOf(id, "data"), ...checksOf(id, "grad")]);
        outline(group, v);
      }
    }];
    const root = nodes.get(scene.root);
    const rb = root ? root.getBBox() : { x: w, y: h / 2, width: 0, height: 0 };
    // the graph's own coordinates: Graphviz translates its group down by the height
    const shift = picture.querySelector("g.graph")?.transform.baseVal.consolidate()?.matrix;
    const anchor = { x: rb.x + rb.width + (shift ? shift.e : 0), y: rb.y + rb.height / 2 + (shift ? shift.f : 0), right: true };
    return { nodes, edges, updates, bounds: { x: 0, y: 0, w, h }, minFont: Math.min(minFont, 14), natural: 4 / 3, anchor };
  }

  // ---- drawing the view chosen ----------------------------------------------------------------

  function redraw(reframe = true) {
    world.replaceChildren();
    drawnPanel = null;
    const buttons = box.querySelectorAll("[data-view]");
    for (const b of buttons) {
      b.classList.toggle("agx-chosen", b.dataset.view === view);
      b.disabled = b.dataset.view === "network" && !scene.network;
    }
    // why the graph view opened where a network view was looked for: one line
    $("viewnote").textContent = view === "graph" ? scene.view_note || "" : "";
    if (view === "network") drawn = drawNetwork();
    else if (scene.svg) drawn = drawGraph(scene.svg);
    else {
      const waiting = { nodes: new Map(), edges: new Map(), updates: [], bounds: { x: 0, y: 0, w: 600, h: 60 }, minFont: 14, natural: 1, anchor: { x: 300, y: 30 }, waiting: true };
      const render = globalThis.autogradExplorer && globalThis.autogradExplorer.renderDot;
      if (render && scene.dot) {
        render(scene.dot).then((svgText) => {
          if (drawn !== waiting) return; // another view, or another scene, since
          world.replaceChildren();
          drawn = drawGraph(svgText);
          show();
          opening();
        });
      }
      const t = svg("text", { x: 20, y: 30, "font-size": 14 }, world);
      t.textContent = render ? "drawing the graph…" : "The graph needs Graphviz's dot (or a DOT renderer in the page).";
      drawn = waiting;
    }
    show();
    hover(null);
    if (reframe) opening();
  }
  for (const button of box.querySelectorAll("[data-view]")) {
    button.addEventListener("click", () => {
      if (view === button.dataset.view) return;
      view = button.dataset.view;
      opened = null;
      redraw();
    });
  }

  function draw() {
    scene = model.get("scene");
    if (view === null || (view === "network" && !scene.network)) view = scene.view || "graph";
    if (step !== null && step > scene.steps.length) step = scene.steps.length;
    if (scene.training) epoch = Math.min(epoch, scene.training.steps.length - 1);
    leaves();
    training();
    work();
    redraw();
  }

  function select(id) {
    model.set("selected", id);
    model.save_changes();
    show();
    follow();
  }

  function show() {
    if (!drawn) return;
    for (const fn of drawn.updates) fn();
    const selected = model.get("selected");
    const chain = chainOf(selected);
    const lit = new Set(chain ? chain.edges : []);
    const passing = new Set();
    const receiving = new Set();
    const current = step !== null && !scene.training ? scene.steps[step - 1] : null;
    if (current) {
      passing.add("e" + current.node.slice(1));
      current.passes.forEach((p) => { passing.add(p.edge); receiving.add(p.to); });
    }
    if (drawn.edges) {
      for (const [id, parts] of drawn.edges) {
        for (const group of parts) {
          group.classList.toggle("agx-on", lit.has(id));
          group.classList.toggle("agx-pass", passing.has(id));
        }
      }
    }
    if (drawn.links) {
      for (const link of drawn.links) {
        const on = link.edges.some((e) => lit.has(e));
        link.el.classList.toggle("agx-on", on);
        link.el.classList.toggle("agx-pass", link.edges.some((e) => passing.has(e)));
        if (link.label) link.label.classList.toggle("agx-on", on);
      }
    }
    if (drawnPanel) {
      for (const [id, els] of drawnPanel.edgeEls) for (const e of els) e.classList.toggle("agx-on", lit.has(id));
    }
    for (const [id, group] of drawn.nodes) {
      group.classList.toggle("agx-selected", id === selected);
      group.classList.toggle("agx-receive", receiving.has(id));
    }
    if (drawn.links && scene.network) { // a neuron is selected through its z or its a
      for (const neuron of scene.network.layers.flat()) {
        const g = drawn.nodes.get(neuron.a);
        if (selected === neuron.z) g.classList.add("agx-selected");
        if (receiving.has(neuron.z)) g.classList.add("agx-receive");
      }
    }
    $("chain").innerHTML = chain
      ? chainHtml(chain, selected)
      : `<p class="agx-hint">Click a ${view === "network" ? "weight, a neuron or the loss" : "node"}: every path from ${esc(name(scene.root))} to it lights up, and its chain rule is written here.</p>`;
    showStep();
    if (scene.checks) entry();
    $("error").textContent = model.get("error") || scene.error || "";
  }

  function hover(id) {
    const edge = id && scene.edges[id];
    if (drawn && drawn.edges) {
      for (const [eid, parts] of drawn.edges) for (const group of parts) group.classList.toggle("agx-hover", eid === id);
    }
    if (!edge) {
      $("edge").innerHTML = `<p class="agx-hint">Hover ${view === "network" ? "a weight" : "an edge"}: its local derivative, formula and value.</p>`;
    } else if (edge.operation) {
      $("edge").innerHTML = `<p>the result of <b>${esc(edge.operation)}</b>: ${esc(name(edge.to))}</p>`;
    } else {
      const [top, bottom] = [name(edge.to), name(edge.from)];
      $("edge").innerHTML = `
        <div class="agx-local">${frac(top, bottom)} <span class="agx-eq">=</span>
          <span class="agx-formula">${esc(edge.formula)}</span> <span class="agx-eq">=</span>
          <span class="agx-value">${esc(edge.value)}</span></div>
        <p class="agx-note">local derivative of ${esc(top)} with respect to ${esc(bottom)}</p>`;
    }
  }

  // ---- the chain rule, typeset ------------------------------------------------------------

  function chainHtml(chain, selected) {
    const head = `<div class="agx-title">${frac(name(scene.root), name(selected))}</div>`;
    if (chain.error) return head + `<p class="agx-error">${esc(chain.error)}</p>`;
    if (selected === scene.root) {
      return head + `<div class="agx-row"><span class="agx-eq">=</span> <span class="agx-total">1</span></div>` +
        `<p class="agx-note">where backward() starts: ${esc(name(scene.root))} changes one for one with itself</p>`;
    }
    const written = writtenFor(selected);
    const rows = chain.paths.map((path, i) => {
      const names = path.factors.map((f) => `<span class="agx-factor" title="${esc(f.formula ? f.formula + " = " + f.value : f.value)}">${frac(f.top, f.bottom)}</span>`).join(" · ");
      const values = path.factors.map((f) => `(${esc(f.value)})`).join("");
      // a batch: the copies of a neuron have the same names; the example tells them apart
      const example = path.example ? ` (example ${path.example})` : "";
      const label = chain.paths.length > 1 ? `<span class="agx-path">path ${i + 1}${example}</span>` : "";
      return `<div class="agx-row">${label}<span class="agx-eq">=</span> ${names}` +
        (path.factors.length > 1 ? ` <span class="agx-eq">=</span> ${values}` : "") +
        ` <span class="agx-eq">=</span> <span class="agx-value">${esc(path.product)}</span></div>`;
    });
    const more = chain.count > chain.paths.length ? ` (${chain.paths.length} of ${chain.count} paths shown)` : "";
    const total = chain.paths.length > 1 || more
      ? `<div class="agx-row agx-sum"><span class="agx-eq">= Σ =</span> <span class="agx-total">${esc(chain.total)}</span>${esc(more)}</div>`
      : "";
    const paths = chain.count === 1 ? "one path" : `${chain.count} paths, added`;
    const factors = written ? beside(chain, written) : "";
    return head + rows.join("") + total + factors +
      `<p class="agx-note">${paths}; ${chain.edges.length} edges lit</p>`;
  }

  // the student's numbers for the factors of the chain rule, beside the right ones
  function writtenFor(id) {
    return scene.checks ? scene.checks.nodes[id] || null : null;
  }
  function beside(chain, written) {
    const derivatives = scene.checks.derivatives || {};
    const rows = [];
    for (const f of (chain.paths[0] || { factors: [] }).factors) {
      const key = `∂${f.top}/∂${f.bottom}`;
      const theirs = derivatives[key] || [];
      // the line where a wrong number entered, where there is one (later uses carry it)
      const c = theirs.find((x) => x.verdict === "error") || theirs[theirs.length - 1];
      rows.push(`<tr><td>${frac(f.top, f.bottom)}</td><td>${esc(f.value)}</td><td class="${verdictClass(c && c.verdict).trim()}">${c ? markOf(c.verdict) + esc(c.written) : "—"}</td></tr>`);
    }
    const grads = written.grad || [];
    const total = grads.find((x) => x.verdict === "error") || grads[grads.length - 1];
    rows.push(`<tr class="agx-sum"><td>${frac(name(scene.root), chain.bottom || "")}</td><td>${esc(chain.total)}</td><td class="${verdictClass(total && total.verdict).trim()}">${total ? markOf(total.verdict) + esc(total.written) : "—"}</td></tr>`);
    return `<table class="agx-beside"><tr><th>factor</th><th>right</th><th>written</th></tr>${rows.join("")}</table>`;
  }

  // ---- a checked worksheet: what was written, verdict by verdict ------------------------------

  function work() {
    const where = $("work");
    explained = null;
    if (!scene.checks) {
      where.innerHTML = "";
      return;
    }
    const all = scene.checks.list;
    const counts = {};
    for (const c of all) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
    const legend = WORST.filter((v) => counts[v]).map((v) =>
      `<span class="agx-tag${verdictClass(v)}">${markOf(v)}${esc(VERDICTS[v].word)} ${counts[v]}</span>`).join(" ");
    const first = scene.checks.first;
    const errors = all.filter((c) => c.verdict === "error");
    const list = errors.map((c) =>
      `<li><button type="button" class="agx-link agx-v-error" data-check="${all.indexOf(c)}">✗ line ${c.line}: ${esc(c.quantity)} = ${esc(c.written)}</button></li>`).join("");
    where.innerHTML = `<div class="agx-title">${esc(scene.checks.title || "Your worksheet")}</div>
      <p>${legend}</p>` +
      (first !== null && first !== undefined ? `<p class="agx-first"></p>` : "<p>No errors: every number checked is right or a rounding of it.</p>") +
      (errors.length > 1 ? `<ul class="agx-errors">${list}</ul>` : "") +
      `<div class="agx-check" aria-live="polite"></div>`;
    for (const b of where.querySelectorAll("[data-check]")) b.addEventListener("click", () => explainCheck(Number(b.dataset.check)));
    entry();
  }
  // "where did my error enter?": the first wrong number on the path to what is selected (a
  // number written, or a node), in the order the numbers are computed; with nothing of the
  // sort selected, the first wrong number of all
  let explained = null; // the check last explained
  function entry() {
    const where = $("work").querySelector(".agx-first");
    if (!where) return;
    const all = scene.checks.list;
    const entered = scene.checks.entered || {};
    const selected = model.get("selected");
    let about = null;
    if (explained !== null && all[explained].node === selected) about = explained;
    else {
      const here = all.map((c, i) => i).filter((i) => all[i].node === selected && entered[i] !== undefined);
      if (here.length) about = here.at(-1);
    }
    const i = about !== null && entered[about] !== undefined ? entered[about] : scene.checks.first;
    const path = about !== null && entered[about] !== undefined ? `on the path to ${esc(all[about].quantity)} (line ${all[about].line})` : "on the path";
    where.innerHTML = `Where did the error enter? The first wrong number ${path}: <button type="button" class="agx-link agx-v-error" data-check="${i}">✗ line ${all[i].line}: ${esc(all[i].quantity)}</button>`;
    where.querySelector("button").addEventListener("click", () => explainCheck(i));
  }
  function explainCheck(i) {
    const c = scene.checks.list[i];
    explained = i;
    if (c.node && view === "network" && scene.network) {
      const neuron = scene.network.layers.flat().find((n) => n.inside.includes(c.node));
      if (neuron && opened !== neuron.a && c.what !== "grad") { opened = neuron.a; redraw(false); }
    }
    if (c.node) select(c.node);
    const note = $("work").querySelector(".agx-check");
    note.innerHTML = `<div class="agx-written"><span class="agx-tag${verdictClass(c.verdict)}">${markOf(c.verdict)}${esc(c.verdict)}</span> line ${c.line}, as written:</div>
      <pre class="agx-line">${esc(c.source || c.quantity + " = " + c.written)}</pre>
      <p>${esc(c.quantity)}: written <b>${esc(c.written)}</b>, right <b>${esc(c.exact ?? "?")}</b>${c.from_written != null ? `, from the numbers written before it ${esc(c.from_written)}` : ""}</p>` +
      (c.diagnosis ? `<p class="agx-diagnosis">${esc(c.diagnosis)}</p>` : "");
  }

  // ---- backward, step by step -------------------------------------------------------------

  function go(where) {
    const n = scene.steps.length;
    if (where === "start") step = 0;
    else if (where === "end") step = null;
    else if (where === "next") step = step === null ? 0 : Math.min(step + 1, n);
    else if (where === "back") step = step === null ? n - 1 : Math.max(step - 1, 0);
    show();
  }
  for (const button of box.querySelectorAll("[data-go]")) {
    button.addEventListener("click", () => go(button.dataset.go));
  }

  box.tabIndex = 0; // the arrow keys step too, once the explorer has the focus
  box.addEventListener("keydown", (event) => {
    const where = { ArrowRight: "next", ArrowLeft: "back", Home: "start", End: "end" }[event.key];
    if (!where || event.target.tagName === "INPUT") return;
    event.preventDefault();
    go(where);
  });

  let playing = null; // the timer that plays the steps, while they play
  function play() {
    if (playing !== null) {
      clearInterval(playing);
      playing = null;
    } else {
      if (step === null || step === scene.steps.length) go("start");
      playing = setInterval(() => {
        go("next");
        if (step === scene.steps.length) play();
      }, 600);
    }
    box.querySelector("[data-play]").textContent = playing === null ? "play" : "pause";
  }
  box.querySelector("[data-play]").addEventListener("click", play);

  function showStep() {
    const n = scene.steps.length;
    box.querySelector(".agx-buttons").style.display = scene.training ? "none" : ""; // the slider steps instead
    box.querySelector('[data-go="next"]').disabled = step === n;
    box.querySelector('[data-go="back"]').disabled = step === 0;
    const where = $("step");
    const root = esc(name(scene.root));
    if (scene.training) {
      where.innerHTML = "";
    } else if (step === null) {
      where.innerHTML = `<p class="agx-hint">Step through backward(): ${n} nodes pass their gradient on, in the engine's order.</p>`;
    } else if (step === 0) {
      where.innerHTML = `<p><b>step 0 of ${n}</b>: backward() starts with ∂${root}/∂${root} = 1; every other gradient is 0.</p>`;
    } else {
      const s = scene.steps[step - 1];
      const lines = s.passes.map((p) =>
        `<li>${esc(name(p.to))}: + (${esc(p.factor)})(${esc(s.grad)}) = ${esc(p.adds)} → grad <span class="agx-value">${esc(p.grad)}</span></li>`);
      where.innerHTML = `<p><b>step ${step} of ${n}</b>: ${esc(s.name)} passes its gradient ${esc(s.grad)} on, times each local derivative:</p><ul>${lines.join("")}</ul>`;
    }
  }

  // ---- training over steps: a slider, and the loss curve ------------------------------------

  function training() {
    const where = $("training");
    const run = scene.training;
    if (!run) {
      where.innerHTML = "";
      return;
    }
    const n = run.steps.length;
    where.innerHTML = `
      <label class="agx-slider">step <input type="range" min="0" max="${n - 1}" value="${epoch}" step="1"> <output></output></label>
      <svg class="agx-curve" viewBox="0 0 400 90" preserveAspectRatio="none" role="img" aria-label="the loss at each step"></svg>`;
    const slider = where.querySelector("input");
    const curve = where.querySelector(".agx-curve");
    const losses = run.losses;
    const top = Math.max(...losses);
    const bottom = Math.min(0, ...losses);
    const x = (i) => 4 + (392 * i) / Math.max(n - 1, 1);
    const y = (v) => 84 - (78 * (v - bottom)) / ((top - bottom) || 1);
    svg("polyline", { points: losses.map((v, i) => `${x(i)},${y(v)}`).join(" "), class: "agx-curve-line" }, curve);
    const dot = svg("circle", { r: 3.5, class: "agx-curve-dot" }, curve);
    const mark = () => {
      slider.value = epoch;
      dot.setAttribute("cx", x(epoch));
      dot.setAttribute("cy", y(losses[epoch]));
      where.querySelector("output").textContent = `${epoch} of ${n - 1}: loss ${run.steps[epoch].loss}`;
    };
    slider.addEventListener("input", () => {
      epoch = Number(slider.value);
      mark();
      show();
    });
    mark();
  }

  // ---- leaves (in Jupyter, where the kernel computes again) ---------------------------------

  function leaves() {
    const where = $("leaves");
    if (!model.get("live") || scene.training || scene.checks) {
      where.innerHTML = "";
      return;
    }
    where.innerHTML = `<p class="agx-note">Change a leaf: forward and backward run again.</p>`;
    for (const leaf of scene.leaves) {
      const label = document.createElement("label");
      label.innerHTML = `<span>${esc(leaf.name)}</span>`;
      const input = document.createElement("input");
      input.type = "number";
      input.step = "any";
      input.value = String(leaf.value);
      input.dataset.leaf = leaf.id;
      input.addEventListener("change", () => {
        const number = Number(input.value);
        if (input.value === "" || !Number.isFinite(number)) return;
        model.set("values", { ...model.get("values"), [leaf.id]: number });
        model.save_changes();
      });
      label.appendChild(input);
      where.appendChild(label);
    }
  }

  function frac(top, bottom) {
    return `<span class="agx-frac"><span>∂${esc(top)}</span><span>∂${esc(bottom)}</span></span>`;
  }

  function esc(content) {
    return String(content).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  const redrawAll = () => draw();
  const reshow = () => { show(); follow(); };
  model.on("change:scene", redrawAll);
  model.on("change:selected", reshow);
  model.on("change:error", reshow);
  // the canvas has no size until the page lays it out (a notebook cell may be hidden)
  const resized = new ResizeObserver(() => { if (drawn && !drawn.framed) { drawn.framed = true; opening(); } });
  resized.observe(canvas);
  draw();
  hover(null);
  return () => {
    resized.disconnect();
    model.off("change:scene", redrawAll);
    model.off("change:selected", reshow);
    model.off("change:error", reshow);
  };
}

// The plain-JS entry point: draw the explorer of `state` (scene, selected, ...) into `element`,
// with no kernel behind it. Returns the model, whose `set` a page may call.
function mount(element, state) {
  const listeners = {};
  const model = {
    get: (key) => state[key],
    set: (key, value) => {
      state[key] = value;
      (listeners["change:" + key] || []).forEach((callback) => callback());
    },
    save_changes: () => {},
    on: (event, callback) => { (listeners[event] ||= []).push(callback); },
    off: (event, callback) => { listeners[event] = (listeners[event] || []).filter((c) => c !== callback); },
  };
  render({ model, el: element });
  return model;
}

globalThis.autogradExplorer = Object.assign(globalThis.autogradExplorer || {}, { render, mount });

export default { render };
export { mount, render };
