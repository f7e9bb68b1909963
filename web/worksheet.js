// What kind of file a worksheet is, as the command line tells by its suffix (.txt, .md,
// .tex, .ipynb, .toml, .json); pasted text has no name, so its look decides. And a file
// dropped on a page.

export const KINDS = { txt: "txt", text: "txt", md: "md", markdown: "md", tex: "tex", ipynb: "ipynb", toml: "toml", json: "json" };

export function kindOf(text, name = "") {
  const suffix = name.includes(".") ? name.split(".").pop().toLowerCase() : "";
  if (suffix in KINDS) return KINDS[suffix];
  const start = text.trimStart();
  if (start.startsWith("{")) return /"cells"\s*:/.test(start) ? "ipynb" : "json";
  if (/^\[(network|parts)/m.test(start)) return "toml";
  return /\$|\\(frac|begin|partial|sigma)\b/.test(text) ? "md" : "txt";
}

export async function readDropped(event) {
  const file = event.dataTransfer?.files?.[0];
  if (file) return { name: file.name, text: await file.text() };
  const text = event.dataTransfer?.getData("text/plain");
  return text ? { name: "", text } : null;
}
