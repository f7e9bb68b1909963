"""How long pictures take: the DOT text of a 10,000-node graph, and `dot` on growing graphs.

    .venv/bin/python benchmarks/bench_draw.py [--render]

The first figure is ours alone (building the DOT text, iteratively). The second is Graphviz's
layout time, which grows faster than the graph: it is why `draw` refuses to render past its
`node_limit` (2000 nodes by default) unless asked to.
"""

from __future__ import annotations

import argparse
import random
import time

import autograd
from autograd import Value


def chain(n: int) -> Value:
    """n values in a chain: x → tanh → sin → tanh → ..., one path thousands of steps long."""
    y = Value(0.5, label="x0")
    for i in range(n - 1):
        y = y.sin() if i % 2 else y.tanh()
    return y


def wide(n: int, seed: int = 0) -> Value:
    """About n values: weighted terms that share 10 inputs, summed (edges cross)."""
    rng = random.Random(seed)
    xs = [Value(rng.uniform(-1, 1), label=f"x{i}") for i in range(10)]
    terms = []
    while 2 * len(terms) + 12 < n:
        w = Value(rng.uniform(-1, 1), label=f"w{len(terms)}")
        terms.append(w * rng.choice(xs))
    return autograd.sum(terms).tanh()


def seconds(job, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render", action="store_true", help="also time dot on growing graphs")
    args = parser.parse_args()
    for name, build in (("chain", chain), ("wide", wide)):
        root = build(10_000)
        root.backward()
        picture = autograd.draw(root)
        plain = seconds(lambda root=root: autograd.draw(root).source)
        red = seconds(lambda root=root: autograd.draw(root, highlight="x0").source)
        print(
            f"DOT text, {name:5} graph of {len(autograd.topological_order(root))} values "
            f"({picture.node_count} picture nodes): {plain * 1000:4.0f} ms, "
            f"{red * 1000:4.0f} ms with a path highlighted"
        )
    if args.render:
        for n in (250, 500, 1000, 2000, 4000):
            picture = autograd.draw(wide(n), node_limit=10 * n)
            took = seconds(lambda picture=picture: picture.pipe(format="svg"), repeat=1)
            print(f"dot -Tsvg, {picture.node_count:5} picture nodes: {took:6.2f} s")


if __name__ == "__main__":
    main()
