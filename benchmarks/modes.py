"""Forward against reverse mode: the whole Jacobian of a function of m inputs and p outputs,
by ``jacfwd`` (one forward sweep per input) and ``jacrev`` (one reverse sweep per output).

    python benchmarks/modes.py            # sizes up to 128, the median of 5 runs each
    python benchmarks/modes.py --quick    # tiny sizes, one run each: a smoke test for CI

The function, for m inputs and p outputs: ``s = Σ sin(xᵢ)``, then a chain of ``LINKS`` links
``s ← tanh(s·½)`` that every output shares, then ``yⱼ = sin(s + j)``. Three families:

- n inputs, 1 output (a loss of n parameters): theory says reverse mode wins from n = 2;
- 1 input, n outputs (a curve sampled n times): forward mode wins from n = 2;
- m inputs and N − m outputs: the faster mode changes where m passes N − m.

Each row gives the multiply-adds each mode needs (``autograd.forward.costs``), the CPU seconds
of each (``time.process_time``, the function evaluated afresh each time, as a user calls
them) and their ratio; then the crossovers measured beside those the theory predicts.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import autograd
from autograd import Value, jacfwd, jacrev
from autograd.forward import costs

LINKS = 50


def family(p: int) -> Callable[..., Any]:
    """The function of any number of inputs with ``p`` outputs (one Value if ``p`` is 1)."""

    def f(*xs: Value) -> Any:
        s = autograd.sum([x.sin() for x in xs])
        for _ in range(LINKS):
            s = (s * 0.5).tanh()
        outs = tuple((s + float(j)).sin() for j in range(p))
        return outs[0] if p == 1 else outs

    return f


def seconds(run: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(m: int, p: int, repeats: int) -> dict[str, Any]:
    f = family(p)
    point = [0.1 * (i + 1) for i in range(m)]
    argnums = tuple(range(m))
    inputs = [Value(x) for x in point]
    out = f(*inputs)
    counted = costs(list(out) if p > 1 else [out], inputs)
    forward = seconds(lambda: jacfwd(f, argnums)(*point), repeats)
    reverse = seconds(lambda: jacrev(f, argnums)(*point), repeats)
    return {
        "m": m,
        "p": p,
        "forward ops": counted.forward,
        "reverse ops": counted.reverse,
        "forward s": forward,
        "reverse s": reverse,
    }


def table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(
        f"{'inputs':>7} {'outputs':>7} {'fwd ops':>9} {'rev ops':>9}"
        f" {'fwd s':>9} {'rev s':>9} {'fwd/rev':>8}"
    )
    for r in rows:
        print(
            f"{r['m']:>7} {r['p']:>7} {r['forward ops']:>9} {r['reverse ops']:>9}"
            f" {r['forward s']:>9.4f} {r['reverse s']:>9.4f} {ratio(r):>7.2f}×"
        )


def ratio(r: dict[str, Any]) -> float:
    return r["forward s"] / r["reverse s"] if r["reverse s"] else float("nan")


def crossover(rows: list[dict[str, Any]], key: str, reverse_wins_after: bool) -> str:
    """The first size from which the mode the theory favours is measured faster, to the end."""
    faster = [(ratio(r) > 1.0) == reverse_wins_after for r in rows]
    for i in range(len(rows)):
        if all(faster[i:]):
            return str(rows[i][key])
    return "not within these sizes"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each")
    quick = parser.parse_args(argv).quick
    repeats = 1 if quick else 5
    sizes = [1, 2, 4] if quick else [1, 2, 4, 8, 16, 32, 64, 128]
    total = 6 if quick else 32
    print(f"Jacobians by forward and reverse mode; a chain of {LINKS} links shared by all")

    many_in = [measure(n, 1, repeats) for n in sizes]
    table("n inputs, 1 output: forward needs n sweeps, reverse 1", many_in)
    many_out = [measure(1, n, repeats) for n in sizes]
    table("1 input, n outputs: forward needs 1 sweep, reverse n", many_out)
    mixed = [measure(m, total - m, repeats) for m in range(1, total)]
    table(f"m inputs, {total} − m outputs: forward needs m sweeps, reverse {total} − m", mixed)

    print("\ncrossovers, measured (theory; at n = 1 both modes need one sweep)")
    print(f"  n inputs, 1 output: reverse mode faster from n = {crossover(many_in, 'm', True)} (2)")
    print(
        f"  1 input, n outputs: forward mode faster from n = {crossover(many_out, 'p', False)} (2)"
    )
    print(
        f"  m inputs, {total} − m outputs: reverse mode faster from m = "
        f"{crossover(mixed, 'm', True)} ({total // 2 + 1}, where m passes {total} − m)"
    )
    if quick:
        print("(--quick: tiny sizes, one run each; the crossovers say nothing here)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
