// Python in a Web Worker: Pyodide starts here, the wheels the build copied in are unpacked
// into its site-packages (no micropip, no network beyond this folder), and bridge.py answers
// the page's calls. The page stays responsive while Python loads and works.
//
// Messages in:  {id, fn, args}            a call to a function of bridge.py
// Messages out: {progress, step, steps}   loading, step by step
//               {ready: true}             Python is ready
//               {failed}                  loading failed: what, in one line
//               {id, result} | {id, error}

import { loadPyodide } from "./pyodide/pyodide.mjs";

let bridge = null;
let python = null;

async function fetched(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what}: ${url} answered ${response.status}`);
  return response;
}

// Pyodide waits for ever when one of its files does not arrive: watch its requests, and
// fail with the first that does not.
async function watched(load) {
  const plain = globalThis.fetch;
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const name = (input) => String(input.url || input).replace(location.href.replace(/[^/]*$/, ""), "");
  globalThis.fetch = async (input, init) => {
    try {
      const response = await plain(input, init);
      if (!response.ok) failed(new Error(`${name(input)} answered ${response.status}`));
      return response;
    } catch (error) {
      failed(new Error(`${name(input)} could not be fetched (${error.message || error})`));
      throw error;
    }
  };
  try {
    return await Promise.race([load(), failure]);
  } finally {
    globalThis.fetch = plain;
  }
}

async function start() {
  const manifest = await (await fetched("manifest.json", "the site's manifest")).json();
  const steps = 2 + manifest.wheels.length;
  let step = 0;
  const say = (progress) => postMessage({ progress, step: ++step, steps });
  say(`Starting Python (Pyodide ${manifest.pyodide}, ${manifest.runtime_mb} MB)`);
  let pyodide;
  try {
    pyodide = await watched(() => loadPyodide({ indexURL: new URL("pyodide/", location.href).href }));
  } catch (error) {
    throw new Error(`the Python runtime (pyodide/) did not start: ${error.message || error}`);
  }
  for (const wheel of manifest.wheels) {
    say(`Installing ${wheel.split("-")[0]}`);
    const bytes = await (await fetched(`wheels/${wheel}`, wheel)).arrayBuffer();
    pyodide.unpackArchive(bytes, "wheel");
  }
  say("Loading the checker");
  const source = await (await fetched("bridge.py", "bridge.py")).text();
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.FS.writeFile(`${sitePackages}/bridge.py`, source);
  bridge = pyodide.pyimport("bridge");
  python = pyodide;
  postMessage({ ready: true });
}

const started = start().catch((error) => {
  postMessage({ failed: String(error.message || error).split("\n")[0] });
});

onmessage = async ({ data: { id, fn, args } }) => {
  await started;
  if (!bridge) return postMessage({ id, error: "Python did not load" });
  try {
    postMessage({ id, result: JSON.parse(bridge[fn](...args.map((a) => python.toPy(a)))) });
  } catch (error) {
    postMessage({ id, error: String(error.message || error).split("\n").slice(-2).join(" ") });
  }
};
