"""Many files, checked in parallel, each with a time and memory limit; none stops the batch.

``run(items, work, …)`` calls ``work(item)`` for every item in worker processes (one per
core by default), and returns the results in the items' order. A worker that takes longer
than ``time_limit`` seconds on one item is stopped and replaced; so is one that dies (a crash,
memory exhausted): that item's result is ``failed(item, why)`` and the batch goes on. Each
worker may grow its address space by at most ``memory_limit`` bytes (on systems with
``resource``), so a class of any size is graded in bounded memory. A progress bar (tqdm,
where installed; else a counter on stderr) shows how far it got.

>>> run([1, 2, 3], abs, jobs=1, failed=lambda item, why: why)
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "cores", "run"]

T = TypeVar("T")
R = TypeVar("R")

TIME_LIMIT = 20.0  # seconds for one file: a hand calculation checks in well under one
MEMORY_LIMIT = 2 * 1024**3  # bytes a worker may grow by: ample for any worksheet
_MAX_RESTARTS = 10  # workers that die before their first item: something is broken, stop
_TICK = 0.05  # how often (s) the parent looks at the clock when no worker has answered


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: tuple[int, Any, float] | None = None  # index, item, when it was sent


def run(
    items: Sequence[T],
    work: Callable[[T], R],
    jobs: int | None = None,
    time_limit: float = TIME_LIMIT,
    failed: Callable[[T, str], R] | None = None,
    progress: bool = False,
    memory_limit: int | None = MEMORY_LIMIT,
) -> list[R]:
    """``[work(item) for item in items]`` on ``jobs`` worker processes (``work`` and the
    items must pickle); an item that fails gives ``failed(item, why)``."""
    if not items:
        return []
    jobs = max(1, min(jobs or cores(), len(items)))
    failed = failed or _raise
    results: list[Any] = [None] * len(items)
    pending = deque(enumerate(items))
    context = _context()
    workers = [_start(context, work, memory_limit) for _ in range(jobs)]
    bar = _Progress(len(items), progress)
    done = restarts = 0
    try:
        while done < len(items):
            ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers],
                         timeout=_TICK)  # fmt: skip
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.conn in ready:
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        message = None
                    if message == "ready":
                        w.ready = True
                    elif message is not None and w.task is not None:
                        index, ok, value = message
                        results[index] = value if ok else failed(w.task[1], value)
                        done += 1
                        bar.step()
                        w.task = None
                    elif message is None:
                        restarts += not w.ready
                        if restarts > _MAX_RESTARTS:
                            raise RuntimeError("grade: the worker processes stop as they start")
                        lost = _replace(workers, i, context, work, memory_limit, failed,
                                        results, None)  # fmt: skip
                        done += lost
                        bar.step(lost)
                        continue
                if w.task is not None and (now - w.task[2] > time_limit
                                           or not w.process.is_alive()):  # fmt: skip
                    why = (f"took longer than {time_limit:g} s" if w.process.is_alive()
                           else f"the checker stopped (exit code {w.process.exitcode})")
                    lost = _replace(workers, i, context, work, memory_limit, failed, results, why)
                    done += lost
                    bar.step(lost)
            for w in workers:
                if w.ready and w.task is None and pending:
                    index, item = pending.popleft()
                    w.conn.send((index, item))
                    w.task = (index, item, time.monotonic())
    finally:
        bar.close()
        for w in workers:
            _stop(w)
    return results


def _context() -> Any:
    """fork where there is one: a worker starts at once, and a script or notebook that calls
    ``run`` needs no ``if __name__ == "__main__"`` guard (the parent keeps no threads of its
    own: tqdm's monitor thread is off)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(context: Any, work: Callable, memory_limit: int | None) -> _Worker:
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, work, memory_limit), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _replace(workers: list[_Worker], i: int, context: Any, work: Callable,
             memory_limit: int | None, failed: Callable, results: list,
             why: str | None) -> int:  # fmt: skip
    """Stop worker ``i`` and start another; its item (if any) fails with ``why`` (None: the
    worker died, and its exit code says how)."""
    w = workers[i]
    _stop(w, kill=True)
    why = why or f"the checker stopped (exit code {w.process.exitcode})"
    workers[i] = _start(context, work, memory_limit)
    if w.task is None:
        return 0
    results[w.task[0]] = failed(w.task[1], why)
    return 1


def _stop(w: _Worker, kill: bool = False) -> None:
    if kill:
        w.process.kill()
    else:
        try:
            w.conn.send(None)
        except OSError:
            pass
    w.process.join(timeout=5)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()


def _serve(conn: Connection, work: Callable, memory_limit: int | None) -> None:
    """A worker: take an item, send back ``(index, ok, result or why)``, until told to stop."""
    if memory_limit:
        try:
            import resource

            cap = _address_space() + memory_limit  # growth past what the fork inherited
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ImportError, ValueError, OSError):  # not on this system: the OS's own limits
            pass
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, item = task
        try:
            conn.send((index, True, work(item)))
        except MemoryError:
            conn.send((index, False, "too large to check within the memory limit"))
        except Exception as error:  # the item's own failure, reported on its row
            conn.send((index, False, str(error).splitlines()[0] if str(error) else
                       type(error).__name__))  # fmt: skip


def _address_space() -> int:
    """The bytes of address space this process has now (a forked notebook kernel may already
    hold gigabytes of it, reserved by libraries it imported); 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _raise(item: Any, why: str) -> Any:
    raise RuntimeError(f"{item!r}: {why}")


class _Progress:
    """tqdm's bar where installed, else a counter rewritten on one line of stderr."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.count, self.bar, self.show = total, 0, None, show
        if show:
            try:
                from tqdm.auto import tqdm

                tqdm.monitor_interval = 0  # no monitor thread in a process that forks
                self.bar = tqdm(total=total, unit="file", desc="grading")
            except ImportError:
                pass

    def step(self, n: int = 1) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.show and n:
            print(f"\rgraded {self.count}/{self.total}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.show and self.count:
            print(file=sys.stderr)
