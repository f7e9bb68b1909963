// "Explore an expression": Python typed here (or the homework) becomes the explorer of
// autograd/explore. Python computes the scene and the picture's DOT text; Graphviz compiled
// to WebAssembly (viz.js) lays the picture out, since no `dot` program can start in a browser.
// The explorer's own script (explorer.js, as the package ships it) draws it, with a model of
// this page's: a changed leaf is computed again by Python, as the Jupyter widget's kernel does.

import explorer from "./explorer.js";
import { instance } from "./viz.js";

const LIMIT_S = 60; // typed code that runs longer is stopped (the worker starts again)
let viz = null;

async function picture(dot) {
  viz ||= await instance();
  const svg = viz.renderString(dot, { format: "svg" });
  return svg.slice(svg.indexOf("<svg")); // as autograd.explore inlines it: no XML prologue
}

// the explorer asks the page for its graph's picture when it has DOT text and no SVG
globalThis.autogradExplorer = Object.assign(globalThis.autogradExplorer || {}, { renderDot: picture });

export function explorePage(python) {
  const code = document.getElementById("code");
  const homework = document.getElementById("homework");
  const go = document.getElementById("explore-go");
  const where = document.getElementById("explorer");
  const said = document.getElementById("explore-error");
  let asked = 0;

  function shown(answer) {
    if (answer.error) throw new Error(answer.error);
    return answer.scene;
  }

  async function run() {
    const mine = ++asked;
    said.textContent = "";
    go.disabled = true;
    try {
      const scene = shown(await python.within(LIMIT_S, "explore", code.value, homework.value));
      if (mine === asked) mount(scene);
    } catch (error) {
      if (mine === asked) said.textContent = error.message;
    } finally {
      go.disabled = false;
    }
  }

  function mount(scene) {
    const state = { scene, selected: "", values: {}, error: "", live: true };
    const listeners = {};
    const fire = (key) => (listeners[`change:${key}`] || []).forEach((f) => f());
    let sent = state.values;
    const model = {
      get: (key) => state[key],
      set: (key, value) => {
        state[key] = value;
      },
      on: (event, callback) => (listeners[event] ||= []).push(callback),
      off: () => {},
      async save_changes() {
        if (state.values === sent) return;
        sent = state.values;
        try {
          state.scene = shown(await python.within(LIMIT_S, "recompute", sent));
          state.error = "";
          fire("scene");
        } catch (error) {
          state.error = error.message;
          fire("error");
        }
      },
    };
    where.replaceChildren();
    explorer.render({ model, el: where });
    where.dataset.nodes = String(Object.keys(scene.nodes).length);
  }

  go.addEventListener("click", run);
  homework.addEventListener("change", () => {
    code.disabled = homework.value !== "";
    run();
  });
  code.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
  });
  run();
}
