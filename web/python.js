// The page's side of the Python worker (worker.js): start it, follow its loading, and call
// bridge.py's functions as promises. Calls made while Python loads wait for it.

export function startPython({ onProgress, onReady, onFailed }) {
  const worker = new Worker("worker.js", { type: "module" });
  const waiting = new Map(); // call id -> {resolve, reject}
  let next = 0;
  worker.onmessage = ({ data }) => {
    if (data.progress) return onProgress(data);
    if (data.ready) return onReady();
    if (data.failed) return onFailed(data.failed);
    const call = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error) call.reject(new Error(data.error));
    else call.resolve(data.result);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onFailed(`the Python worker could not start: ${event.message || "worker.js did not load"}`);
  };
  return {
    call(fn, ...args) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, fn, args });
      });
    },
  };
}
