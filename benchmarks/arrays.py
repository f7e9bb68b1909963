"""The compiled training step on arrays against the same step in NumPy, PyTorch and JAX.

    python benchmarks/arrays.py            # 7 interleaved rounds of 200 steps each
    python benchmarks/arrays.py --quick    # one round of a few steps: a smoke test for CI

One training step of MLP(2, [16, 16, 1]) (relu, relu, linear) on 100 points: the mean hinge
loss plus α·Σp², its gradient, and SGD with the rate 0.01. Each contender runs it in a
steady loop (steps back to back, as training does), and the table gives the median over
rounds of the CPU time per step (``time.process_time``: every thread of this process), each
against the floor:

- NumPy by hand: the forward and backward written out with matrix products, the weight
  arrays updated in place (float64). The floor.
- autograd compiled: ``trace`` of one example's loss, ``tape.step(SGD)`` run inside
  ``holding()``: the layers' weights held as arrays and updated in place (float64).
- PyTorch, raw tensors: weight tensors with ``requires_grad``, updated under ``no_grad``.
- PyTorch, ``nn.Linear`` + ``optim.SGD``: as a PyTorch user writes it.
- JAX: ``jit`` of the loss's ``value_and_grad`` and the update, where JAX is installed.

PyTorch and JAX are benchmark-only dependencies, skipped with a message where missing;
PyTorch runs on one thread (its idle workers spin, which this CPU clock would charge) in its
default float32.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import autograd
from autograd.compile import trace
from autograd.nn import MLP, SGD

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import moons

SIZES = [2, 16, 16, 1]
ALPHA, LR = 1e-4, 0.01
Step = Callable[[], Any]


def initial_weights() -> list[tuple[np.ndarray, np.ndarray]]:
    """Every contender starts from our MLP's numbers: (weights, biases) per layer."""
    model = MLP(2, SIZES[1:], seed=1)
    return [
        (np.array([[w.data for w in n.w] for n in layer.neurons]), np.zeros(len(layer.neurons)))
        for layer in model.layers
    ]


def numpy_step(X: np.ndarray, Y: np.ndarray) -> Step:
    """The floor: the step written out in NumPy, the arrays updated in place."""
    (W1, b1), (W2, b2), (W3, b3) = initial_weights()
    n = len(Y)

    def step() -> float:
        z1 = X @ W1.T + b1
        h1 = np.maximum(z1, 0.0)
        z2 = h1 @ W2.T + b2
        h2 = np.maximum(z2, 0.0)
        s = (h2 @ W3.T + b3)[:, 0]
        margin = 1.0 - Y * s
        l2 = sum((P * P).sum() for P in (W1, b1, W2, b2, W3, b3))
        loss = np.maximum(margin, 0.0).sum() / n + ALPHA * l2
        gs = np.where(margin > 0.0, -Y / n, 0.0)[:, None]
        gz2 = (gs @ W3) * (z2 > 0.0)
        gz1 = (gz2 @ W2) * (z1 > 0.0)
        grads = (gz1.T @ X, gz1.sum(0), gz2.T @ h1, gz2.sum(0), gs.T @ h2, gs.sum(0))
        for P, G in zip((W1, b1, W2, b2, W3, b3), grads):
            P -= LR * (G + 2.0 * ALPHA * P)
        return loss

    return step


def ours_step(X: np.ndarray, Y: np.ndarray) -> tuple[Step, Callable[[], None]]:
    """The compiled step, its parameters held as arrays; returns it and the block's end."""
    model = MLP(2, SIZES[1:], seed=1)
    params = model.parameters()
    n = len(Y)

    def loss(x1: Any, x2: Any, y: Any) -> Any:  # one example's share of the batch's loss
        l2 = autograd.sum(p * p for p in params)
        return (1 - y * model([x1, x2])).relu() / n + ALPHA / n * l2

    tape = trace(loss, 0.0, 0.0, 1.0)
    holding = tape.step(SGD(params, LR)).holding()
    train = holding.__enter__()
    x1, x2 = X[:, 0].copy(), X[:, 1].copy()
    return (lambda: train(x1, x2, Y)), lambda: holding.__exit__(None, None, None)


def torch_steps(X: np.ndarray, Y: np.ndarray) -> dict[str, Step]:
    import torch

    torch.set_num_threads(1)
    weights = initial_weights()
    inputs, labels = torch.tensor(X, dtype=torch.float32), torch.tensor(Y, dtype=torch.float32)
    raw = [
        torch.tensor(a, dtype=torch.float32, requires_grad=True) for pair in weights for a in pair
    ]

    def raw_step() -> Any:
        W1, b1, W2, b2, W3, b3 = raw
        h = torch.relu(inputs @ W1.T + b1)
        h = torch.relu(h @ W2.T + b2)
        s = (h @ W3.T + b3)[:, 0]
        loss = torch.relu(1 - labels * s).mean() + ALPHA * sum((p * p).sum() for p in raw)
        loss.backward()
        with torch.no_grad():
            for p in raw:
                p -= LR * p.grad
                p.grad = None
        return loss

    layers = []
    for i, (w, b) in enumerate(weights):
        linear = torch.nn.Linear(SIZES[i], SIZES[i + 1])
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(w))
            linear.bias.copy_(torch.tensor(b))
        layers += [linear, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.SGD(model.parameters(), lr=LR)

    def module_step() -> Any:
        scores = model(inputs).squeeze(1)
        loss = torch.relu(1 - labels * scores).mean()
        loss = loss + ALPHA * sum((p * p).sum() for p in model.parameters())
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss

    return {"PyTorch, raw tensors": raw_step, "PyTorch, nn.Linear + optim.SGD": module_step}


def jax_step(X: np.ndarray, Y: np.ndarray) -> Step:
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)  # float64, as NumPy's and ours
    params = [jnp.asarray(a) for pair in initial_weights() for a in pair]
    inputs, labels = jnp.asarray(X), jnp.asarray(Y)

    def loss(ps: list[Any]) -> Any:
        W1, b1, W2, b2, W3, b3 = ps
        h = jax.nn.relu(inputs @ W1.T + b1)
        h = jax.nn.relu(h @ W2.T + b2)
        s = (h @ W3.T + b3)[:, 0]
        return jax.nn.relu(1 - labels * s).mean() + ALPHA * sum((p * p).sum() for p in ps)

    @jax.jit
    def update(ps: list[Any]) -> tuple[Any, list[Any]]:
        value, grads = jax.value_and_grad(loss)(ps)
        return value, [p - LR * g for p, g in zip(ps, grads)]

    state = [params]

    def step() -> Any:
        value, state[0] = update(state[0])
        return value.block_until_ready()

    return step


def contenders(X: np.ndarray, Y: np.ndarray) -> tuple[dict[str, Step], list[Callable]]:
    steps: dict[str, Step] = {"NumPy by hand": numpy_step(X, Y)}
    ours, end = ours_step(X, Y)
    steps["autograd compiled"] = ours
    try:
        steps |= torch_steps(X, Y)
    except ImportError:
        print("PyTorch is not installed: its rows are skipped (pip install torch)")
    try:
        steps["JAX jit"] = jax_step(X, Y)
    except ImportError:
        print("JAX is not installed: its row is skipped (pip install jax jaxlib)")
    return steps, [end]


def rounds(steps: dict[str, Step], n_steps: int, repeats: int) -> dict[str, list[float]]:
    """µs per step of each contender: ``repeats`` rounds, taking turns, each a steady loop."""
    for step in steps.values():
        for _ in range(3):  # compiled, planned and warm before the clock starts
            step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            gc.collect()
            start = time.process_time()
            for _ in range(n_steps):
                step()
            times[name].append((time.process_time() - start) / n_steps * 1e6)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round of a few steps")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    points, labels = moons(100)
    X, Y = np.array(points), np.array(labels)
    steps, ends = contenders(X, Y)
    times = rounds(steps, 5 if args.quick else 200, 1 if args.quick else 7)
    for end in ends:
        end()
    floor = statistics.median(times["NumPy by hand"])
    ours = statistics.median(times["autograd compiled"])
    print("MLP(2, [16, 16, 1]) hinge + L2 step on 100 points, µs per step (median of rounds)")
    for name, samples in times.items():
        med = statistics.median(samples)
        spread = f"{min(samples):.0f}–{max(samples):.0f}"
        versus = "" if name == "autograd compiled" else f"   ours ÷ this {ours / med:.2f}"
        print(f"  {name:34} {med:8.1f}  ({spread}) {med / floor:5.2f}× NumPy{versus}")
    if args.quick:
        print("--quick: one round of a few steps; a smoke test, not a measurement")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
