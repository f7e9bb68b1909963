"""This engine against micrograd 0.1.0, hand-written floats and PyTorch, in one process.

    python benchmarks/bench.py            # the full table (a few minutes)
    python benchmarks/bench.py --quick    # tiny sizes, one run each: a smoke test for CI
    python benchmarks/bench.py --only homework chain   # some workloads only

Workloads (micrograd 0.1.0 has no tanh, sigmoid or exp: in the MLP and the chain, micrograd
runs the nearest thing it has, relu, and the table says so):

- mlp: one training step of MLP(2, [16, 16, 1]) on 100 points: forward, SVM loss with L2,
  backward, SGD. Ours also runs it compiled (``autograd.compile``): on NumPy arrays (layers
  fused into matrix products, the whole step generated, its weights held as arrays:
  ``benchmarks/arrays.py`` sets it against NumPy, PyTorch and JAX in steady loops), and on
  floats (the generated code, called once per point).
  PyTorch, if installed (a benchmark-only dependency), runs the same step batched: nn.Linear
  layers in float32, as a PyTorch user writes it; it is skipped with a message otherwise.
- chain: build and backward of a chain of ``+ * tanh``, per operation; compiled, the same
  chain traced once and replayed on floats, against the chain written by hand on floats.
- homework: the homework net MLP(2, [3, 1], sigmoid), loss ½(y − a)², SGD lr 0.1, per step.
  To run the same net, micrograd is given the one operation it lacks, ``exp``, written in its
  own style (a closure per node), and its sigmoid is ``1 / (1 + exp(−z))``: the reference.
  Two lighter variants are shown beside it: sigmoid as one micrograd node (which micrograd
  does not have), and micrograd's own relu/linear MLP of the same shape (a different net).
  The compiled training step (``tape.step``: value, gradient and the SGD update in one
  generated function) is compared with the floor: the same step written by hand on floats,
  unrolled, every product written out, the parameters in locals (target: within 1.6× of it).
- memory: bytes per node of a built and differentiated chain (tracemalloc).
- deep: a 1,000,000-deep chain in a fresh process each, time and peak RSS; micrograd with
  its recursion limit and thread stack raised.

Times are CPU seconds of this process (``time.process_time``, garbage collection included),
so that other jobs on a shared machine do not blur the comparison. Before every timed run
the cyclic garbage collector is run by hand (micrograd leaves a reference cycle per node,
which would otherwise slow the next run, whoever's it is); the collector itself stays on,
as a user has it.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import micrograd.engine
import micrograd.nn
import numpy as np

try:
    import torch
except ImportError:  # a benchmark-only dependency: pip install torch (the CPU wheel)
    torch = None

import autograd
from autograd.compile import trace
from autograd.nn import MLP, SGD, hinge

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chain import chain

Timer = Callable[[], float]  # runs a workload once, returns its seconds
WORKLOADS = ["mlp", "chain", "homework", "memory", "deep"]


# ---- workloads --------------------------------------------------------------------------


def moons(n: int, seed: int = 0) -> tuple[list[list[float]], list[float]]:
    """Two interleaved half circles with noise, labels ±1: micrograd's demo data."""
    rng = random.Random(seed)
    points, labels = [], []
    for i in range(n):
        t = math.pi * rng.random()
        x, y = (math.cos(t), math.sin(t)) if i % 2 else (1 - math.cos(t), 0.5 - math.sin(t))
        points.append([x + rng.gauss(0, 0.1), y + rng.gauss(0, 0.1)])
        labels.append(1.0 if i % 2 else -1.0)
    return points, labels


def micrograd_update(model: Any, loss: Any, lr: float) -> None:
    """micrograd's own training step: zero, backward, and a plain SGD update."""
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad


def timed(run: Callable[[], Any]) -> Timer:
    """A timer for ``run``, whose result is freed after the clock stops: micrograd's cyclic
    graphs are freed by the collection before the next run, so ours are left out too."""

    def timer() -> float:
        start = time.process_time()
        result = run()
        elapsed = time.process_time() - start
        del result
        return elapsed

    return timer


def mlp_timers(n_points: int) -> dict[str, Timer]:
    X, Y = moons(n_points)
    alpha, lr = 1e-4, 0.01

    ours = MLP(2, [16, 16, 1], seed=1)
    ours_opt = SGD(ours.parameters(), lr)

    def ours_step() -> Any:
        loss = hinge([ours(x) for x in X], Y)
        loss = loss + alpha * autograd.sum(p * p for p in ours.parameters())
        ours.zero_grad()
        loss.backward()
        ours_opt.step()
        return loss

    def compiled_step(on_arrays: bool) -> Callable[[], None]:
        model = MLP(2, [16, 16, 1], seed=1)
        params = model.parameters()
        opt = SGD(params, lr)
        x1, x2, y = np.array(X)[:, 0], np.array(X)[:, 1], np.array(Y)
        if on_arrays:  # one example's share of the loss, the whole step on the batch
            share = trace(
                lambda x1, x2, y: (1 - y * model([x1, x2])).relu() / n_points
                + alpha / n_points * autograd.sum(p * p for p in params),
                0,
                0,
                1,
            )
            train = share.step(opt).holding().__enter__()  # the layers held as arrays
            step = lambda: train(x1, x2, y)  # noqa: E731
            step()  # the first replay generates the code and plans the batch: not timed
            return step
        # The data term of one example, traced once and replayed point by point on floats;
        # the L2 term, a function of the parameters only, likewise.
        data_loss = trace(lambda x1, x2, y: (1 - y * model([x1, x2])).relu() / n_points, 0, 0, 1)
        l2 = trace(lambda: alpha * autograd.sum(p * p for p in params))
        points = [(float(a), float(b), float(c)) for a, b, c in zip(x1, x2, y)]

        def step_on_floats() -> None:
            model.zero_grad()
            for point in points:
                data_loss.backward(*point)
            l2.backward()
            opt.step()

        step_on_floats()  # the first replay generates the code: not timed
        return step_on_floats

    random.seed(1)
    theirs = micrograd.nn.MLP(2, [16, 16, 1])

    def micrograd_step() -> Any:
        scores = [theirs(x) for x in X]
        losses = [(1 + -yi * si).relu() for yi, si in zip(Y, scores)]
        loss = sum(losses) * (1.0 / len(losses)) + alpha * sum(p * p for p in theirs.parameters())
        micrograd_update(theirs, loss, lr)
        return loss

    timers = {
        "autograd": timed(ours_step),
        "autograd compiled, NumPy": timed(compiled_step(on_arrays=True)),
        "autograd compiled, floats": timed(compiled_step(on_arrays=False)),
        "micrograd": timed(micrograd_step),
    }
    if torch is not None:
        timers["PyTorch batched"] = timed(torch_step(X, Y, alpha, lr))
    timers["floats by hand"] = timed(mlp_by_hand(X, Y, alpha, lr))
    return timers


def mlp_by_hand(X: list[list[float]], Y: list[float], alpha: float, lr: float) -> Callable:
    """The floor on floats: the same step (relu MLP, hinge, L2, SGD), its gradient by hand."""
    rng = random.Random(1)
    sizes = [2, 16, 16, 1]
    W = [
        [[rng.uniform(-1, 1) for _ in range(a)] for _ in range(b)]
        for a, b in itertools.pairwise(sizes)
    ]
    B = [[0.0] * b for b in sizes[1:]]
    last = len(W) - 1

    def step() -> None:
        gW = [[[0.0] * len(row) for row in layer] for layer in W]
        gB = [[0.0] * len(layer) for layer in B]
        n = len(X)
        for x, y in zip(X, Y):
            acts, pres = [x], []
            for k, (layer, biases) in enumerate(zip(W, B)):
                z = [sum(w * a for w, a in zip(row, acts[-1])) + b for row, b in zip(layer, biases)]
                pres.append(z)
                acts.append(z if k == last else [v if v > 0.0 else 0.0 for v in z])
            if 1.0 - y * acts[-1][0] <= 0.0:
                continue  # relu(1 − y·s) is flat here
            g = [-y / n]
            for k in range(last, -1, -1):
                if k < last:
                    g = [gj if zj > 0.0 else 0.0 for gj, zj in zip(g, pres[k])]
                for j, gj in enumerate(g):
                    row = gW[k][j]
                    for i, ai in enumerate(acts[k]):
                        row[i] += gj * ai
                    gB[k][j] += gj
                g = [sum(W[k][j][i] * g[j] for j in range(len(g))) for i in range(len(acts[k]))]
        for layer, grads, biases, bgrads in zip(W, gW, B, gB):
            for row, grow in zip(layer, grads):
                for i, (w, gw) in enumerate(zip(row, grow)):
                    row[i] = w - lr * (gw + 2.0 * alpha * w)
            for j, (b, gb) in enumerate(zip(biases, bgrads)):
                biases[j] = b - lr * (gb + 2.0 * alpha * b)

    return step


def torch_step(X: list[list[float]], Y: list[float], alpha: float, lr: float) -> Callable:
    """The same step as a PyTorch user writes it: nn.Linear layers, float32, the batch at once.

    On one thread: its worker threads spin while they wait, and on a shared 2-core machine
    that CPU time (which this script measures) swamps the work on 100 × 16 matrices.
    """
    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 16),
        torch.nn.ReLU(),
        torch.nn.Linear(16, 16),
        torch.nn.ReLU(),
        torch.nn.Linear(16, 1),
    )
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    inputs = torch.tensor(X, dtype=torch.float32)
    labels = torch.tensor(Y, dtype=torch.float32)

    def step() -> Any:
        scores = model(inputs).squeeze(1)
        loss = torch.relu(1 - labels * scores).mean()
        loss = loss + alpha * sum((p * p).sum() for p in model.parameters())
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss

    return step


def backward_of(root: Any) -> Any:
    root.backward()
    return root


def chain_by_hand(n_ops: int) -> float:
    """The floor: the same chain on floats, its derivative written out by hand."""
    a, b, x = 0.3, 0.5, 0.1
    outs = []
    for _ in range(n_ops // 3):
        x = math.tanh(x * b + a)
        outs.append(x)
    g = 1.0
    for t in reversed(outs):
        g *= (1.0 - t * t) * b
    return g


def chain_timers(n_ops: int) -> dict[str, Timer]:
    a, b = autograd.Value(0.3), autograd.Value(0.5)

    def tanh_chain(x: Any) -> Any:  # the chain by hand's, on Values: ops/3 steps of + * tanh
        for _ in range(n_ops // 3):
            x = (x * b + a).tanh()
        return x

    tape = trace(tanh_chain, 0.1)
    tape.backward(0.1)  # generated once, and cached

    return {
        "autograd (tanh)": timed(lambda: backward_of(chain(autograd.Value, n_ops, "tanh"))),
        "autograd compiled, floats (tanh)": timed(lambda: tape.backward(0.1)),
        "micrograd (relu)": timed(
            lambda: backward_of(chain(micrograd.engine.Value, n_ops, "relu"))
        ),
        "floats by hand (tanh)": timed(lambda: chain_by_hand(n_ops)),
    }


def homework_timers(steps: int) -> dict[str, Timer]:
    x, y, lr = [0.5, -1.0], 1.0, 0.1

    ours = MLP(2, [3, 1], activation="sigmoid", seed=0)
    ours_opt = SGD(ours.parameters(), lr)

    def ours_steps() -> None:
        for _ in range(steps):
            loss = 0.5 * (y - ours(x)) ** 2
            ours.zero_grad()
            loss.backward()
            ours_opt.step()

    compiled = MLP(2, [3, 1], activation="sigmoid", seed=0)
    loss_tape = trace(lambda x1, x2, t: 0.5 * (t - compiled([x1, x2])) ** 2, *x, y)
    train = loss_tape.step(SGD(compiled.parameters(), lr))  # generated here: not timed
    x1, x2 = x

    def compiled_steps() -> None:
        for _ in range(steps):
            train(x1, x2, y)

    def micrograd_steps(net: Any, sigmoid: Callable[[Any], Any] | None) -> Callable[[], None]:
        def neuron(n: Any, inputs: list[Any]) -> Any:  # micrograd's Neuron.__call__, σ for relu
            return sigmoid(sum((wi * xi for wi, xi in zip(n.w, inputs)), n.b))

        def forward(inputs: list[Any]) -> Any:
            if sigmoid is None:
                return net(inputs)  # micrograd's own MLP: relu, then linear
            for layer in net.layers:
                inputs = [neuron(n, inputs) for n in layer.neurons]
            return inputs[0]

        def run() -> None:
            for _ in range(steps):
                micrograd_update(net, 0.5 * (y - forward(x)) ** 2, lr)

        return run

    def micrograd_net() -> Any:
        random.seed(0)
        return micrograd.nn.MLP(2, [3, 1])

    return {
        "autograd": timed(ours_steps),
        "autograd compiled, floats": timed(compiled_steps),
        "micrograd, σ = 1/(1 + exp(−z))": timed(
            micrograd_steps(micrograd_net(), lambda z: 1 / (1 + (-z).exp()))
        ),
        "micrograd, σ as one node": timed(micrograd_steps(micrograd_net(), micrograd_sigmoid)),
        "micrograd, relu/linear net": timed(micrograd_steps(micrograd_net(), None)),
        "floats by hand": timed(lambda: homework_by_hand(steps, x, y, lr)),
        "floats unrolled by hand": timed(lambda: homework_unrolled(steps, x, y, lr)),
    }


def micrograd_exp(self: Any) -> Any:
    """``exp`` as micrograd would define it: a node and a closure that chains its derivative."""
    out = micrograd.engine.Value(math.exp(self.data), (self,), "exp")

    def _backward() -> None:
        self.grad += out.data * out.grad

    out._backward = _backward
    return out


def micrograd_sigmoid(z: Any) -> Any:
    """σ as one micrograd node, in the same style: lighter than micrograd can express itself."""
    s = 1.0 / (1.0 + math.exp(-z.data))
    out = micrograd.engine.Value(s, (z,), "sigmoid")

    def _backward() -> None:
        z.grad += s * (1.0 - s) * out.grad

    out._backward = _backward
    return out


micrograd.engine.Value.exp = micrograd_exp  # the one operation the homework net needs


def homework_by_hand(steps: int, x: list[float], y: float, lr: float) -> None:
    """The floor: the 2-3-1 sigmoid net on floats, its gradient written out by hand."""
    rng = random.Random(0)
    w = [[rng.uniform(-1, 1) for _ in range(2)] for _ in range(3)]
    v = [rng.uniform(-1, 1) for _ in range(3)]
    b, c = [0.0, 0.0, 0.0], 0.0
    sig = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731
    for _ in range(steps):
        h = [sig(w[j][0] * x[0] + w[j][1] * x[1] + b[j]) for j in range(3)]
        a = sig(v[0] * h[0] + v[1] * h[1] + v[2] * h[2] + c)
        d_out = -(y - a) * a * (1.0 - a)
        for j in range(3):
            d_h = d_out * v[j] * h[j] * (1.0 - h[j])
            v[j] -= lr * d_out * h[j]
            w[j][0] -= lr * d_h * x[0]
            w[j][1] -= lr * d_h * x[1]
            b[j] -= lr * d_h
        c -= lr * d_out


def homework_unrolled(steps: int, x: list[float], y: float, lr: float) -> float:
    """The strict floor: the same step unrolled, every product written out, as a person
    optimising it would write it; the parameters stay in locals between steps."""
    rng = random.Random(0)
    w1, w2, w3, w4, w5, w6 = (rng.uniform(-1, 1) for _ in range(6))
    w7, w8, w9 = (rng.uniform(-1, 1) for _ in range(3))
    b1 = b2 = b3 = b4 = 0.0
    x1, x2 = x
    exp = math.exp
    loss = 0.0
    for _ in range(steps):
        h1 = 1.0 / (1.0 + exp(-(w1 * x1 + w2 * x2 + b1)))
        h2 = 1.0 / (1.0 + exp(-(w3 * x1 + w4 * x2 + b2)))
        h3 = 1.0 / (1.0 + exp(-(w5 * x1 + w6 * x2 + b3)))
        a = 1.0 / (1.0 + exp(-(w7 * h1 + w8 * h2 + w9 * h3 + b4)))
        loss = 0.5 * (y - a) ** 2
        d = (a - y) * a * (1.0 - a)
        d1, d2, d3 = d * w7 * h1 * (1.0 - h1), d * w8 * h2 * (1.0 - h2), d * w9 * h3 * (1.0 - h3)
        w7, w8, w9, b4 = w7 - lr * d * h1, w8 - lr * d * h2, w9 - lr * d * h3, b4 - lr * d
        w1, w2, b1 = w1 - lr * d1 * x1, w2 - lr * d1 * x2, b1 - lr * d1
        w3, w4, b2 = w3 - lr * d2 * x1, w4 - lr * d2 * x2, b2 - lr * d2
        w5, w6, b3 = w5 - lr * d3 * x1, w6 - lr * d3 * x2, b3 - lr * d3
    return loss


def bytes_per_node(value: Any, activation: str, n_ops: int) -> float:
    gc.collect()
    tracemalloc.start()
    root = chain(value, n_ops, activation)
    root.backward()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del root
    return held / n_ops


# ---- the deep chain, each engine in a fresh process ----------------------------------------

DEEP_CHILD = """
import json, resource, sys, threading, time
engine, n_ops = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, sys.argv[3])
from chain import chain
if engine == "micrograd":
    from micrograd.engine import Value
    activation = "relu"
else:
    from autograd import Value
    activation = "tanh"
result = {}
def run():
    start = time.process_time()
    chain(Value, n_ops, activation).backward()
    result["seconds"] = time.process_time() - start
sys.setrecursionlimit(2 * n_ops + 1000)  # micrograd's backward recurses once per node
threading.stack_size(1 << 30)
worker = threading.Thread(target=run)
worker.start()
worker.join()
# Linux keeps ru_maxrss across exec, so a child of a large parent (PyTorch loaded) would
# report the parent's size; VmHWM is this process's own peak.
try:
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    result["peak_rss_mb"] = int(hwm.split()[1]) / 1024
except (OSError, StopIteration):
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def deep_run(engine: str, n_ops: int) -> dict[str, float] | None:
    """Seconds and peak RSS of one deep chain in a fresh process; None if it crashed."""
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", DEEP_CHILD, engine, str(n_ops), here],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or "seconds" not in done.stdout:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def deep_rows(n_ops: int, repeats: int) -> list[list[str]]:
    """The deepest chain micrograd gets through (halving from ``n_ops``), ours at the same."""
    depth = n_ops
    while deep_run("micrograd", depth) is None:
        if depth < 1000:
            raise RuntimeError("micrograd's deep chain failed even at 1,000 operations")
        depth //= 2
    runs: dict[str, list[dict[str, float]]] = {"autograd": [], "micrograd": []}
    for _ in range(repeats):
        for engine, results in runs.items():
            results.append(deep_run(engine, depth) or {})
    seconds = {e: [r["seconds"] for r in rs] for e, rs in runs.items()}
    peak = {e: [r["peak_rss_mb"] for r in rs] for e, rs in runs.items()}
    name = f"deep chain, {depth:,} ops"
    return [
        row(f"{name}: time", "autograd (tanh)", seconds["autograd"], "s", seconds["micrograd"], 3),
        row(f"{name}: time", "micrograd (relu)", seconds["micrograd"], "s"),
        row(f"{name}: peak RSS", "autograd (tanh)", peak["autograd"], "MB", peak["micrograd"], 3),
        row(f"{name}: peak RSS", "micrograd (relu)", peak["micrograd"], "MB"),
    ]


# ---- running and reporting ------------------------------------------------------------------


def interleaved(timers: dict[str, Timer], repeats: int) -> dict[str, list[float]]:
    """Each timer ``repeats`` times, taking turns, with a collection before every run."""
    times: dict[str, list[float]] = {name: [] for name in timers}
    for _ in range(repeats):
        for name, timer in timers.items():
            gc.collect()
            times[name].append(timer())
    return times


def row(
    workload: str,
    engine: str,
    samples: list[float],
    unit: str,
    baseline: list[float] | None = None,
    target: float | None = None,
    against: str = "micrograd",
) -> list[str]:
    """One line of the table: median, spread (min–max) and the reference's median over ours
    (``against`` names the reference: micrograd unless said)."""
    med = statistics.median(samples)
    spread = f"{_num(min(samples))}–{_num(max(samples))}"
    ratio = verdict = ""
    if baseline is not None:
        times = statistics.median(baseline) / med
        ratio = f"{times:.2g}× {against}" if times < 10 else f"{times:.0f}× {against}"
        if times < 1:  # slower than the reference: how many times, as the targets say it
            ratio += f" = 1/{1 / times:.3g}"
        if target is not None:
            # a target below 1 is a bound on how many times slower: 1/15 reads ≤15× its time
            shown = f"≥{target:g}×" if target >= 1 else f"≤{1 / target:.3g}× its time"
            verdict = ("✓" if times >= target else "✗") + f" {shown}"
    return [workload, engine, f"{_num(med)} {unit}", spread, ratio, verdict]


def _num(x: float) -> str:
    return f"{x:.3g}" if x < 1000 else f"{x:,.0f}"


def table(rows: list[list[str]]) -> str:
    header = ["workload", "engine", "median", "spread", "reference ÷ this", "target"]
    lines = [header, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [" | ".join(cell.ljust(w) for cell, w in zip(line, widths)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each")
    parser.add_argument(
        "--only", nargs="+", choices=WORKLOADS, default=WORKLOADS, help="these workloads only"
    )
    args = parser.parse_args(argv)
    only = set(args.only)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    quick = args.quick
    repeats = 1 if quick else 9
    n_chain, n_points, hw_steps = (300, 10, 20) if quick else (20_000, 100, 2_000)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 2 * n_chain + 1000))  # for micrograd
    rows: list[list[str]] = []
    if "mlp" in only:
        rows += mlp_rows(n_points, repeats)
    if "chain" in only:
        rows += chain_rows(n_chain, repeats)
    if "homework" in only:
        rows += homework_rows(hw_steps, repeats)
    if "memory" in only:
        ours = [bytes_per_node(autograd.Value, "tanh", n_chain)]
        theirs = [bytes_per_node(micrograd.engine.Value, "relu", n_chain)]
        rows.append(row("memory per node", "autograd (tanh)", ours, "B", theirs, 3))
        rows.append(row("memory per node", "micrograd (relu)", theirs, "B"))
    if "deep" in only:
        rows.extend(deep_rows(3_000 if quick else 1_000_000, 1 if quick else 3))
    if quick:  # tiny sizes say nothing about speed: no verdicts
        rows = [[*r[:-1], ""] for r in rows]
        print("--quick: tiny sizes, one run each; a smoke test, not a measurement")
    print(table(rows))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def mlp_rows(n_points: int, repeats: int) -> list[list[str]]:
    rows = []
    t = interleaved(mlp_timers(n_points), repeats)
    ms = {k: [s * 1e3 for s in v] for k, v in t.items()}
    name = f"MLP step, {n_points} points"
    rows.append(row(name, "autograd", ms["autograd"], "ms", ms["micrograd"], 10))
    compiled = ms["autograd compiled, NumPy"]
    rows.append(row(name, "autograd compiled, NumPy", compiled, "ms", ms["micrograd"], 100))
    if "PyTorch batched" in ms:
        torch_ms = ms["PyTorch batched"]
        rows.append(row(name, "autograd compiled, NumPy", compiled, "ms", torch_ms, 1, "PyTorch"))
        rows.append(row(name, "PyTorch batched (float32)", torch_ms, "ms"))
    else:
        print("PyTorch is not installed: its rows are skipped (pip install torch, the CPU wheel)")
    floats, by_hand = ms["autograd compiled, floats"], ms["floats by hand"]
    rows.append(row(name, "autograd compiled, floats", floats, "ms", ms["micrograd"]))
    rows.append(row(name, "autograd compiled, floats", floats, "ms", by_hand, 1 / 3, "by hand"))
    rows.append(row(name, "micrograd", ms["micrograd"], "ms"))
    rows.append(row(name, "floats by hand", by_hand, "ms", ms["micrograd"]))
    return rows


def chain_rows(n_chain: int, repeats: int) -> list[list[str]]:
    rows = []
    t = interleaved(chain_timers(n_chain), 2 * repeats)  # cheap, and micrograd's varies
    us = {k: [s / n_chain * 1e6 for s in v] for k, v in t.items()}
    name, mg = f"chain of {n_chain:,}, per op", us["micrograd (relu)"]
    rows.append(row(name, "autograd (tanh)", us["autograd (tanh)"], "µs", mg, 3))
    by_hand = us["floats by hand (tanh)"]
    eager = us["autograd (tanh)"]
    rows.append(row(name, "autograd (tanh)", eager, "µs", by_hand, 1 / 15, "by hand"))
    compiled = us["autograd compiled, floats (tanh)"]
    rows.append(row(name, "autograd compiled, floats", compiled, "µs", by_hand, 1 / 3, "by hand"))
    rows.append(row(name, "micrograd (relu)", mg, "µs"))
    rows.append(row(name, "floats by hand (tanh)", by_hand, "µs", mg))
    return rows


def homework_rows(hw_steps: int, repeats: int) -> list[list[str]]:
    rows = []
    t = interleaved(homework_timers(hw_steps), 2 * repeats)
    us = {k: [s / hw_steps * 1e6 for s in v] for k, v in t.items()}
    name, mg = "homework step", us["micrograd, σ = 1/(1 + exp(−z))"]
    rows.append(row(name, "autograd", us["autograd"], "µs", mg, 3))
    compiled, by_hand = us["autograd compiled, floats"], us["floats by hand"]
    rows.append(row(name, "autograd compiled, floats", compiled, "µs", mg))
    rows.append(row(name, "autograd compiled, floats", compiled, "µs", by_hand, 1 / 3, "by hand"))
    unrolled = us["floats unrolled by hand"]
    rows.append(row(name, "autograd compiled step", compiled, "µs", unrolled, 1 / 1.6, "unrolled"))
    for variant in ("micrograd, σ = 1/(1 + exp(−z))", "micrograd, σ as one node"):
        rows.append(row(name, variant, us[variant], "µs"))
    rows.append(row(name, "micrograd, relu/linear net", us["micrograd, relu/linear net"], "µs"))
    lightest = us["micrograd, σ as one node"]
    rows.append(row(name, "autograd vs σ as one node", us["autograd"], "µs", lightest))
    rows.append(row(name, "floats by hand", us["floats by hand"], "µs", mg))
    rows.append(row(name, "floats unrolled by hand", unrolled, "µs", mg))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
