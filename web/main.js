// The site's start: the tabs, Python loading in its worker with its progress shown, and the
// three pages wired to it. A load failure is said in one line, in the status bar.

import { startPython } from "./python.js";
import { checkPage } from "./check.js";
import { explorePage } from "./explore.js";
import { keyPage } from "./key.js";

const status = document.getElementById("status");
const bar = document.getElementById("progress");
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

const python = startPython({
  onProgress({ progress, step, steps }) {
    status.textContent = `Loading Python, step ${step} of ${steps}: ${progress}…`;
    bar.max = steps;
    bar.value = step - 1;
  },
  onReady() {
    status.textContent = `Python is ready (loaded in ${seconds()} s). Everything runs in this page.`;
    document.body.dataset.python = "ready";
    bar.hidden = true;
  },
  onFailed(why) {
    status.textContent = `Could not load Python: ${why}`;
    status.classList.add("failed");
    document.body.dataset.python = "failed";
    bar.hidden = true;
  },
});

function showTab() {
  const name = (location.hash || "#check").slice(1);
  for (const section of document.querySelectorAll("main > section")) {
    section.hidden = section.id !== name;
  }
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("current", link.hash === `#${name}`);
  }
}
window.addEventListener("hashchange", showTab);
showTab();

checkPage(python);
explorePage(python);
keyPage(python);
