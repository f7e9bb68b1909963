"""Where the time goes: the compiled homework step with one piece at a time taken out of its
generated source, and the eager chain's build and backward apart, with the garbage collector
on and off, and bare nodes (the least any engine with an object per operation spends); each
against its floor written by hand, in one process, taking turns.

    python benchmarks/pieces.py            # 15 interleaved rounds
    python benchmarks/pieces.py --quick    # one round of a few steps: a smoke test for CI

A step without a piece computes the same numbers (or, without its stores, keeps the
parameters where they were): what the piece costs is the difference of the medians. The
README's *Speed* section quotes these differences.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import autograd
from autograd.compile import trace
from autograd.nn import MLP, SGD

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import chain_by_hand, homework_unrolled, interleaved
from chain import chain

X, Y, LR = [0.5, -1.0], 1.0, 0.1

# Each piece of the generated step, as the lines that make it (taken out: replaced by these).
PIECES: dict[str, tuple[str, str]] = {
    "the finiteness check": (r"\n *finite = [^\n]*\n *if not finite < INF:\n *raise NotFinite", ""),
    "the arguments' check": (r"\n *if [^\n]*type\(v0\)[^\n]*\n *raise Unusual", ""),
    "the parameters' stores": (r"(\n *param\d+\._data = n\d+)+", ""),
}


def step_variants() -> dict[str, Callable[..., float]]:
    """The compiled homework step as generated, and without each piece."""
    net = MLP(2, [3, 1], activation="sigmoid", seed=0)
    tape = trace(lambda x1, x2, t: 0.5 * (t - net([x1, x2])) ** 2, *X, Y)
    step = tape.step(SGD(net.parameters(), LR))
    variants = {"as generated": step}
    for piece, (pattern, replacement) in PIECES.items():
        source, found = re.subn(pattern, replacement, step.source)
        if not found:
            raise SystemExit(f"pieces.py: {piece} is no longer written as this script expects")
        scope = dict(step.__globals__)
        exec(compile(source, f"<step without {piece}>", "exec"), scope)
        variants[f"without {piece}"] = scope["step"]
    # the parameters' reads: their numbers unpacked from one tuple instead of 13 Values
    reads = re.findall(r"\n *(v\d+) = leaf\d+\._data[^\n]*", step.source)
    source = re.sub(r"\n *v\d+ = leaf\d+\._data[^\n]*", "", step.source)
    source = source.replace("    try:\n", f"    try:\n        {', '.join(reads)} = numbers\n", 1)
    scope = dict(step.__globals__, numbers=tuple(p._data for p in net.parameters()))
    exec(compile(source, "<step without its reads>", "exec"), scope)
    variants["without the parameters' reads"] = scope["step"]
    return variants


def step_timers(steps: int) -> dict[str, Callable[[], float]]:
    def timer(step: Callable[..., float]) -> Callable[[], float]:
        x1, x2 = X

        def run() -> float:
            start = time.process_time()
            for _ in range(steps):
                step(x1, x2, Y)
            return (time.process_time() - start) / steps

        return run

    timers = {name: timer(step) for name, step in step_variants().items()}

    def floor() -> float:
        start = time.process_time()
        homework_unrolled(steps, X, Y, LR)
        return (time.process_time() - start) / steps

    timers["floor: unrolled by hand"] = floor
    return timers


class Bare:
    """The least a node can be: an object of two slots, its number and its parent."""

    __slots__ = ("number", "parent")


def bare_nodes(n_ops: int) -> Bare:
    """A chain of ``n_ops`` bare nodes built in a loop, no method called, nothing checked: less
    than any engine keeping one Python object per operation can spend building the chain."""
    new, node = object.__new__, None
    for _ in range(n_ops):
        parent, node = node, new(Bare)
        node.number, node.parent = 0.5, parent
    return node


def chain_timers(n_ops: int) -> dict[str, Callable[[], float]]:
    """Build and backward of the eager chain apart, the build also with the collector off,
    and the least a build can cost: bare nodes."""

    def build(collect: bool) -> Callable[[], float]:
        def run() -> float:
            if not collect:
                gc.disable()
            try:
                start = time.process_time()
                root = chain(autograd.Value, n_ops, "tanh")
                elapsed = time.process_time() - start
            finally:
                gc.enable()
            del root
            return elapsed / n_ops

        return run

    def backward() -> float:
        root = chain(autograd.Value, n_ops, "tanh")
        gc.collect()
        start = time.process_time()
        root.backward()
        return (time.process_time() - start) / n_ops

    def bare() -> float:
        start = time.process_time()
        root = bare_nodes(n_ops)
        elapsed = time.process_time() - start
        del root
        return elapsed / n_ops

    def floor() -> float:
        start = time.process_time()
        chain_by_hand(n_ops)
        return (time.process_time() - start) / n_ops

    return {
        "build": build(collect=True),
        "build, collector off": build(collect=False),
        "backward": backward,
        "bare nodes (two slots, no call)": bare,
        "floor: by hand on floats": floor,
    }


def report(title: str, timers: dict[str, Callable[[], float]], rounds: int) -> None:
    medians = {k: statistics.median(v) * 1e6 for k, v in interleaved(timers, rounds).items()}
    floor = medians[next(k for k in medians if k.startswith("floor"))]
    print(title)
    for name, us in medians.items():
        print(f"  {name:34} {us:8.3f} µs  {us / floor:5.2f}× the floor")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round of a few steps")
    quick = parser.parse_args(argv).quick
    rounds, steps, n_ops = (1, 20, 300) if quick else (15, 2_000, 20_000)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report("compiled homework step, per step (median of rounds)", step_timers(steps), rounds)
    report(f"eager chain of {n_ops:,}, per operation", chain_timers(n_ops), rounds)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
