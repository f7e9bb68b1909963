// "Answer key and variants": a problem (givens and formulas, no answers) becomes the HTML key
// `python -m autograd solve FILE -o key.html` writes, shown here and offered as a download,
// and N variants with fresh givens, each with its key and one answers.csv, as a zip file.

import { kindOf, readDropped } from "./worksheet.js";

export function keyPage(python) {
  const problem = document.getElementById("problem");
  const opened = document.getElementById("problem-file");
  const digits = document.getElementById("digits");
  const carry = document.getElementById("carry");
  const count = document.getElementById("variant-count");
  const seed = document.getElementById("seed");
  const shown = document.getElementById("key-shown");
  const said = document.getElementById("key-error");
  const links = document.getElementById("key-links");
  let name = "";

  function offer(label, blob, file) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = file;
    link.textContent = label;
    links.appendChild(link);
    return link;
  }

  async function ask(fn, ...args) {
    said.textContent = "";
    const answer = await python.call(fn, problem.value, kindOf(problem.value, name), name, ...args);
    if (answer.error) said.textContent = answer.error;
    return answer.error ? null : answer;
  }

  document.getElementById("key-go").addEventListener("click", async () => {
    links.replaceChildren();
    const answer = await ask("key", Number(digits.value), carry.value);
    if (!answer) return;
    shown.srcdoc = answer.html;
    offer("Download the key (key.html)", new Blob([answer.html], { type: "text/html" }), "key.html");
  });

  document.getElementById("variants-go").addEventListener("click", async () => {
    const n = Number(count.value);
    const answer = await ask("variants", n, Number(seed.value), Number(digits.value), carry.value);
    if (!answer) return;
    const bytes = Uint8Array.from(atob(answer.zip), (c) => c.charCodeAt(0));
    const link = offer(
      `Download ${n} variants (variants.zip: ${answer.files} files)`,
      new Blob([bytes], { type: "application/zip" }),
      "variants.zip",
    );
    link.click();
  });

  opened.addEventListener("change", async () => {
    const file = opened.files[0];
    if (!file) return;
    name = file.name;
    problem.value = await file.text();
  });
  problem.addEventListener("input", () => (name = ""));
  problem.addEventListener("dragover", (event) => event.preventDefault());
  problem.addEventListener("drop", async (event) => {
    event.preventDefault();
    const dropped = await readDropped(event);
    if (!dropped) return;
    name = dropped.name;
    problem.value = dropped.text;
  });
}
