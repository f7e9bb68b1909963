// The page's side of the Python worker (worker.js): start it, follow its loading, and call
// bridge.py's functions as promises. Calls made while Python loads wait for it. A call given
// a time limit that Python overruns (a loop that never ends, in code typed on the explore
// page) stops the worker and starts a fresh one, so the page never hangs.

export function startPython({ onProgress, onReady, onFailed }) {
  let worker = null;
  let ready = false;
  let waiting = new Map(); // call id -> {resolve, reject, arm}
  let next = 0;

  function start() {
    ready = false;
    worker = new Worker("worker.js", { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.progress) return onProgress(data);
      if (data.ready) {
        ready = true;
        for (const call of waiting.values()) call.arm();
        return onReady();
      }
      if (data.failed) return onFailed(data.failed);
      const call = waiting.get(data.id);
      if (!call) return;
      waiting.delete(data.id);
      clearTimeout(call.timer);
      if (data.error) call.reject(new Error(data.error));
      else call.resolve(data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      onFailed(`the Python worker could not start: ${event.message || "worker.js did not load"}`);
    };
  }

  function restart(why) {
    worker.terminate();
    const stopped = waiting;
    waiting = new Map();
    for (const call of stopped.values()) call.reject(new Error(why));
    start();
  }

  function within(seconds, fn, ...args) {
    const id = ++next;
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, timer: null };
      call.arm = () => {
        if (seconds) {
          call.timer = setTimeout(() => restart(
            `Python took more than ${seconds} s on this, so it was stopped and is starting again`,
          ), seconds * 1000);
        }
      };
      waiting.set(id, call);
      if (ready) call.arm();
      worker.postMessage({ id, fn, args });
    });
  }

  start();
  return { call: (fn, ...args) => within(0, fn, ...args), within };
}
