// "Check my working": the worksheet as the student types it (or opens or drops a file),
// checked a moment after they stop typing, exactly as `python -m autograd check` checks it.
// The report puts the errors first, then every line of the worksheet coloured by its worst
// verdict, with its maths typeset.

import { kindOf, readDropped } from "./worksheet.js";

const WAIT_MS = 400; // after the last key, before checking

export function checkPage(python) {
  const sheet = document.getElementById("sheet");
  const kind = document.getElementById("sheet-kind");
  const opened = document.getElementById("sheet-file");
  const report = document.getElementById("report");
  let timer = null;
  let asked = 0; // the latest request: an answer to an older one is dropped

  async function run() {
    const text = sheet.value;
    if (!text.trim()) {
      report.innerHTML = `<p class="hint">Write or paste a worksheet on the left, or open a file.</p>`;
      return;
    }
    const mine = ++asked;
    const as = kind.value === "auto" ? kindOf(text) : kind.value;
    report.setAttribute("aria-busy", "true");
    if (!report.dataset.checked) report.innerHTML = `<p class="hint">Checking, once Python is ready…</p>`;
    let answer;
    try {
      answer = await python.call("check", text, as);
    } catch (error) {
      answer = { error: error.message };
    }
    if (mine !== asked) return;
    report.removeAttribute("aria-busy");
    report.dataset.checked = String(mine);
    report.innerHTML = answer.error
      ? `<p class="error-line">${esc(answer.error)}</p>`
      : render(answer, text, as);
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(run, WAIT_MS);
  };
  sheet.addEventListener("input", later);
  kind.addEventListener("change", run);
  opened.addEventListener("change", async () => {
    const file = opened.files[0];
    if (file) load(file.name, await file.text());
  });
  sheet.addEventListener("dragover", (event) => event.preventDefault());
  sheet.addEventListener("drop", async (event) => {
    event.preventDefault();
    const dropped = await readDropped(event);
    if (dropped) load(dropped.name, dropped.text);
  });

  report.addEventListener("click", (event) => {
    const line = event.target.closest("[data-goto]")?.dataset.goto;
    if (!line) return;
    event.preventDefault();
    const row = report.querySelector(`tr[data-line="${line}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.classList.add("flash");
    setTimeout(() => row?.classList.remove("flash"), 1500);
  });

  function load(name, text) {
    sheet.value = text;
    kind.value = kindOf(text, name);
    run();
  }
  run();
}

function render(answer, text, as) {
  const parts = answer.parts.map(partHtml).join("");
  const rows = text.split("\n").map((source, i) => {
    const line = answer.lines[String(i + 1)] || { verdict: "", maths: [] };
    const verdict = line.verdict.replace(" ", "-");
    return `<tr class="line ${verdict}" data-line="${i + 1}"><td class="n">${i + 1}</td>
      <td class="src">${esc(source) || "&nbsp;"}</td>
      <td class="maths">${line.maths.join(", ")}</td>
      <td class="verdict">${esc(line.verdict)}</td></tr>`;
  });
  return `${parts}
    <h3>Your worksheet, line by line <span class="note">(read as ${as === "md" ? "Markdown with LaTeX" : as})</span></h3>
    <table class="lines">${rows.join("")}</table>
    <details><summary>The full report, as <code>python -m autograd check</code> prints it</summary>
      <pre>${esc(answer.text)}</pre></details>`;
}

function partHtml(part) {
  const counts = counted(part.counts);
  const errors = part.checks
    .filter((c) => c.verdict === "error")
    .map((c) => `<li><a href="#" data-goto="${c.line}">line ${c.line}</a>: <b>${esc(c.quantity)} = ${esc(c.written)}</b>${c.diagnosis ? `: ${esc(c.diagnosis)}` : ""}</li>`);
  const unread = [...part.not_understood].sort((a, b) => a.line - b.line).map(
    (u) => `<li>line ${u.line}: <code>${esc(u.text)}</code> — ${esc(u.reason)}</li>`,
  );
  const said = part.contradictions.map((c) => `<li>${esc(c)}</li>`);
  const readings = part.readings.map((r) => {
    const set = Object.entries(r.set).map(([n, v]) => `${n} = ${v}`).join(", ");
    const slips = r.checks.filter((c) => c.verdict === "error")
      .map((c) => `line ${c.line}: ${esc(c.quantity)} = ${esc(c.written)}`).join("; ");
    return `<li class="reading">Read with <b>${esc(set)}</b>${r.why ? ` (${esc(r.why)})` : ""}: ${counted(r.counts)}${slips ? `<br><span class="note">errors: ${slips}</span>` : ""}</li>`;
  });
  return `<div class="part" data-part="${esc(part.name)}">
    <h3>${esc(part.title || "Your worksheet")}</h3>
    <p class="counts">${counts} <span class="note">(${part.numbers} numbers written)</span></p>
    ${errors.length ? `<h4>Errors</h4><ul class="errors">${errors.join("")}</ul>` : `<p class="all-right">No errors.</p>`}
    ${unread.length ? `<h4>Not understood</h4><ul class="unread">${unread.join("")}</ul>` : ""}
    ${said.length ? `<h4>Contradictions</h4><ul>${said.join("")}</ul>` : ""}
    ${readings.length ? `<h4>Other readings</h4><ul>${readings.join("")}</ul>` : ""}
  </div>`;
}

function counted(counts) {
  return Object.entries(counts)
    .map(([v, n]) => `<span class="count ${v.replace(" ", "-")}" data-verdict="${v}" data-count="${n}">${n} ${v}</span>`)
    .join(" ");
}

function esc(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
