// The chain-rule explorer's front end: one script for the Jupyter widget (an anywidget
// module) and for the standalone page, which calls render() with a model of its own.
// Everything it shows was computed in Python (autograd/explore/scene.py): the picture is
// autograd.draw's SVG, whose nodes are titled v0, v1, ... and whose edges have the ids
// e{i} / e{i}_{k}; this script only lights things up and writes text.
//
// The model (anywidget's, or the page's stand-in) holds:
//   scene     the picture, edges, chains and steps, as scene.py makes them
//   selected  the id of the node whose chain rule is shown ("" for none)
//   values    leaf id -> number, set here when a number box changes (Jupyter only)
//   error     why the last change could not be computed ("" when it could)
//   live      true in Jupyter, where a changed leaf is computed again by the kernel

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "agx";
  box.innerHTML = `
    <div class="agx-picture"></div>
    <div class="agx-side">
      <div class="agx-chain" aria-live="polite"></div>
      <div class="agx-edge" aria-live="polite"></div>
      <div class="agx-steps">
        <div class="agx-buttons">
          <button type="button" data-go="start" title="back to before backward()">start</button>
          <button type="button" data-go="back" title="one step back">◀ back</button>
          <button type="button" data-go="next" title="the next node passes its gradient on">next ▶</button>
          <button type="button" data-go="end" title="every gradient, as backward() leaves them">end</button>
          <button type="button" data-play title="play the steps one by one">play</button>
          <button type="button" data-zoom title="the picture at its own size, or fitted">100%</button>
        </div>
        <div class="agx-step"></div>
      </div>
      <div class="agx-leaves"></div>
      <div class="agx-error" role="alert"></div>
    </div>`;
  el.appendChild(box);
  const $ = (name) => box.querySelector(".agx-" + name);
  let scene = null;
  let step = null; // null: the finished backward pass; 0..n: after that many steps
  const nodes = new Map(); // node id -> its SVG group
  const edges = new Map(); // edge id -> its SVG group
  const gradTexts = new Map(); // node id -> the <text> that shows its grad

  function draw() {
    scene = model.get("scene");
    const picture = $("picture");
    picture.innerHTML = scene.svg;
    nodes.clear();
    edges.clear();
    gradTexts.clear();
    for (const group of picture.querySelectorAll("g.node")) {
      const title = group.querySelector("title");
      const id = title.textContent;
      title.remove(); // the browser's own tooltip would only say "v3"
      const node = id.startsWith("o") ? "v" + id.slice(1) : id; // an operation: its result
      if (!(node in scene.nodes)) continue;
      if (id === node) nodes.set(id, group);
      group.classList.add("agx-clickable");
      group.addEventListener("click", () => select(node));
      const grad = [...group.querySelectorAll("text")].find((t) => t.textContent.startsWith("grad "));
      if (grad && id === node) gradTexts.set(id, grad);
    }
    for (const group of picture.querySelectorAll("g.edge")) {
      if (!(group.id in scene.edges)) continue;
      group.querySelector("title")?.remove();
      edges.set(group.id, group);
      const hit = group.querySelector("path")?.cloneNode(); // a wide, invisible twin to hover
      if (hit) {
        hit.setAttribute("class", "agx-hit");
        group.insertBefore(hit, group.firstChild);
      }
      group.addEventListener("mouseenter", () => hover(group.id));
      group.addEventListener("mouseleave", () => hover(null));
    }
    zoom();
    leaves();
    if (step !== null && step > scene.steps.length) step = scene.steps.length;
    show();
  }

  function select(id) {
    model.set("selected", id);
    model.save_changes();
    show();
  }

  function show() {
    const selected = model.get("selected");
    const chain = scene.chains[selected];
    const lit = new Set(chain ? chain.edges : []);
    for (const [id, group] of edges) group.classList.toggle("agx-on", lit.has(id));
    for (const [id, group] of nodes) group.classList.toggle("agx-selected", id === selected);
    $("chain").innerHTML = chain
      ? chainHtml(chain)
      : `<p class="agx-hint">Click a node: every path from ${esc(scene.nodes[scene.root].name)} to it lights up, and its chain rule is written here.</p>`;
    showStep();
    $("error").textContent = model.get("error") || scene.error || "";
  }

  function hover(id) {
    const edge = id && scene.edges[id];
    for (const [eid, group] of edges) group.classList.toggle("agx-hover", eid === id);
    if (!edge) {
      $("edge").innerHTML = `<p class="agx-hint">Hover an edge: its local derivative, formula and value.</p>`;
    } else if (edge.operation) {
      $("edge").innerHTML = `<p>the result of <b>${esc(edge.operation)}</b>: ${esc(scene.nodes[edge.to].name)}</p>`;
    } else {
      const [top, bottom] = [scene.nodes[edge.to].name, scene.nodes[edge.from].name];
      $("edge").innerHTML = `
        <div class="agx-local">${frac(top, bottom)} <span class="agx-eq">=</span>
          <span class="agx-formula">${esc(edge.formula)}</span> <span class="agx-eq">=</span>
          <span class="agx-value">${esc(edge.value)}</span></div>
        <p class="agx-note">local derivative of ${esc(top)} with respect to ${esc(bottom)}</p>`;
    }
  }

  // ---- the chain rule, typeset ------------------------------------------------------------

  function chainHtml(chain) {
    const head = `<div class="agx-title">${frac(scene.nodes[scene.root].name, scene.nodes[model.get("selected")].name)}</div>`;
    if (chain.error) return head + `<p class="agx-error">${esc(chain.error)}</p>`;
    const rows = chain.paths.map((path, i) => {
      const names = path.factors.length
        ? path.factors.map((f) => `<span class="agx-factor" title="${esc(f.formula ? f.formula + " = " + f.value : f.value)}">${frac(f.top, f.bottom)}</span>`).join(" · ")
        : "1";
      const values = path.factors.map((f) => `(${esc(f.value)})`).join("");
      const label = chain.paths.length > 1 ? `<span class="agx-path">path ${i + 1}</span>` : "";
      return `<div class="agx-row">${label}<span class="agx-eq">=</span> ${names}` +
        (values ? ` <span class="agx-eq">=</span> ${values}` : "") +
        ` <span class="agx-eq">=</span> <span class="agx-value">${esc(path.product)}</span></div>`;
    });
    const more = chain.count > chain.paths.length ? ` (${chain.paths.length} of ${chain.count} paths shown)` : "";
    const total = chain.paths.length > 1 || more
      ? `<div class="agx-row agx-sum"><span class="agx-eq">= Σ =</span> <span class="agx-total">${esc(chain.total)}</span>${esc(more)}</div>`
      : `<div class="agx-row agx-sum"><span class="agx-eq">total:</span> <span class="agx-total">${esc(chain.total)}</span></div>`;
    const paths = chain.count === 1 ? "one path" : `${chain.count} paths, added`;
    return head + rows.join("") + total +
      `<p class="agx-note">${paths}; ${chain.edges.length} edges lit</p>`;
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

  let fitted = true; // the whole picture in view; or at its own size, to read its labels
  function zoom() {
    const svg = $("picture").querySelector("svg");
    if (svg) svg.style.width = fitted ? "100%" : svg.getAttribute("width");
    box.querySelector("[data-zoom]").textContent = fitted ? "100%" : "fit";
  }
  box.querySelector("[data-zoom]").addEventListener("click", () => {
    fitted = !fitted;
    zoom();
  });

  function showStep() {
    const n = scene.steps.length;
    const grads = new Map();
    for (const [id, text] of gradTexts) {
      grads.set(id, step === null ? scene.nodes[id].grad : id === scene.root ? "1" : "0");
    }
    const passing = new Set();
    const receiving = new Set();
    if (step !== null) {
      scene.steps.slice(0, step).forEach((s) => s.passes.forEach((p) => grads.set(p.to, p.grad)));
      const current = scene.steps[step - 1];
      if (current) {
        passing.add("e" + current.node.slice(1));
        current.passes.forEach((p) => { passing.add(p.edge); receiving.add(p.to); });
      }
    }
    for (const [id, text] of gradTexts) text.textContent = "grad " + grads.get(id);
    for (const [id, group] of edges) group.classList.toggle("agx-pass", passing.has(id));
    for (const [id, group] of nodes) group.classList.toggle("agx-receive", receiving.has(id));
    box.querySelector('[data-go="next"]').disabled = step === n;
    box.querySelector('[data-go="back"]').disabled = step === 0;
    const where = $("step");
    if (step === null) {
      where.innerHTML = `<p class="agx-hint">Step through backward(): ${n} nodes pass their gradient on, in the engine's order.</p>`;
    } else if (step === 0) {
      where.innerHTML = `<p><b>step 0 of ${n}</b>: ∂${esc(scene.nodes[scene.root].name)}/∂${esc(scene.nodes[scene.root].name)} = 1; every other gradient is 0.</p>`;
    } else {
      const s = scene.steps[step - 1];
      const lines = s.passes.map((p) => {
        const name = scene.nodes[p.to].name;
        return `<li>${esc(name)}: + (${esc(p.factor)})(${esc(s.grad)}) = ${esc(p.adds)} → grad <b>${esc(p.grad)}</b></li>`;
      });
      where.innerHTML = `<p><b>step ${step} of ${n}</b>: ${esc(s.name)} passes its gradient ${esc(s.grad)} on, times each local derivative:</p><ul>${lines.join("")}</ul>`;
    }
  }

  // ---- leaves (in Jupyter, where the kernel computes again) ---------------------------------

  function leaves() {
    const where = $("leaves");
    if (!model.get("live")) {
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

  function esc(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  const redraw = () => draw();
  const reshow = () => show();
  model.on("change:scene", redraw);
  model.on("change:selected", reshow);
  model.on("change:error", reshow);
  draw();
  hover(null);
  return () => {
    model.off("change:scene", redraw);
    model.off("change:selected", reshow);
    model.off("change:error", reshow);
  };
}

export default { render };
