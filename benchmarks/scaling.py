"""Cost per node from 10³ to 10⁵ nodes: time, memory and output size must grow linearly.

    python benchmarks/scaling.py           # 10³, 10⁴ and 10⁵ nodes, best of 3 (about a minute)
    python benchmarks/scaling.py --quick   # 300 and 3,000 nodes: a smoke test for CI

For each workload and size the table gives the CPU time, the peak memory the job allocates
(``tracemalloc``, one run of its own) and the characters of output, each divided by the number
of nodes. Linear cost is a column that does not grow: a per-node figure at a larger size over
one at a smaller size (its growth) must stay below ``TIME_BOUND`` (time, which is noisy),
``MEMORY_BOUND`` and ``SIZE_BOUND`` (text, which is exact); otherwise the script says which
and exits 1. A quadratic cost grows about 100× over the full range (10× in the quick one).

The checker's workloads are documents of each kind it reads: a plain-text worksheet, Markdown
with vectors and matrices, Markdown of many questions (headings that scope names, a sum over
an index, a table), a LaTeX source, a Jupyter notebook with printed outputs and a spreadsheet
pasted as text.

Workloads are registered with ``workload(name, build)``; ``build(n)`` makes an input of about
``n`` nodes (untimed) and returns the job to time, which returns the text it produced.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable

import autograd
from autograd import Value
from autograd.explain import explain

TIME_BOUND = 3.0
#: Python's lists and dicts grow by doubling, so a peak per node may swing up to 2× between
#: two sizes of one linear job; a quadratic one grows 10× in the quick run, 100× in the full.
MEMORY_BOUND = 2.5
SIZE_BOUND = 1.5
SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (300, 3_000)

Job = Callable[[], str]
Builder = Callable[[int], Job]
WORKLOADS: dict[str, Builder] = {}


def workload(name: str, build: Builder) -> Builder:
    """Register ``build`` under ``name`` (usable as a decorator: ``@workload("check")``...)."""
    WORKLOADS[name] = build
    return build


def chain(n: int, labelled: bool) -> tuple[Value, Value]:
    """micrograd's way, ``z = z * 0.999 + 0.001`` (4 nodes a step): the start and the end.
    Unlabelled, every 0.999 is a leaf equal to all the others; labelled, every z has a name,
    so the chain rule to the start passes n/4 labelled nodes."""
    start = z = Value(1.0, label="x" if labelled else None)
    for i in range(max(1, (n - 1) // 4)):
        z = z * 0.999 + 0.001
        if labelled:
            z.label = f"z{i}"
    return start, z


def _draw(n: int) -> Job:
    _, z = chain(n, labelled=False)
    z.backward()
    return lambda: autograd.draw(z).source


def _draw_highlighted(n: int) -> Job:
    x, z = chain(n, labelled=True)
    z.backward()
    return lambda: autograd.draw(z, highlight=x).source


def _explain(n: int) -> Job:
    x, z = chain(n, labelled=True)
    return lambda: explain(z, x).text()


def _explain_unlabelled(n: int) -> Job:
    x, z = chain(n, labelled=False)
    return lambda: explain(z, x).text()


def worksheet(lines: int) -> str:
    """A hand calculation of ``lines`` lines: each value from the one before, with its
    numbers substituted and its result written, every tenth value differentiated by the
    first, and a given written again with another value (a contradiction, read both ways)."""
    text, v = ["x0 = 0.5"], 0.5
    for i in range(1, lines):
        if i % 10:
            v = v * 0.999 + 0.001
            text.append(f"x{i} = x{i - 1}·0.999 + 0.001 = {v - 0.001:.6f}·0.999 + 0.001 = {v:.6f}")
        else:
            text.append(f"dx{i - 1}/dx0 = {0.999 ** (i - 1):.5f}")
            text.append(f"x{i} = x{i - 1} = {v:.6f}")
    return "\n".join([*text, "x0 = 0.6"])


def _check(n: int) -> Job:
    from autograd.audit import check_text

    text = worksheet(max(2, n // 25))  # 25 nodes a line: 4,400 equations at 10⁵, below 5,000
    return lambda: check_text(text).text()


def _lines(n: int) -> int:
    """The lines of a document of about ``n`` nodes (25 a line, as ``_check``'s worksheet)."""
    return max(4, n // 25)


def matrices(lines: int) -> str:
    """Markdown with vectors and matrices: blocks of a list vector, a bmatrix, their product
    written out, the sigmoid on each entry, an element-wise product and a transpose, a
    product with a bias written out and a numbered list of its entries' working under it,
    and half a squared norm (each block seventeen chains, a component each or a given; a
    different name in each)."""

    def bmatrix(*rows: str) -> str:
        return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"

    blocks = []
    for k in range(max(1, lines // 17)):
        x, w, z, a, v, c, u = (f"{v}_{{{k}}}" for v in "xWzavcu")
        blocks.append("\n\n".join([
            f"Input ${x} = [1, 2]$",
            f"$${w} = {bmatrix('0.1 & 0.2', '0.3 & 0.4')}$$",
            f"$${z} = {x} {w} = {bmatrix('0.7 & 1.0')}$$",
            f"$${a} = \\sigma({z}) = {bmatrix('0.6682 & 0.7311')}$$",
            f"$$d_{{{k}}} = ({a} {w}^T) \\odot {x} = {bmatrix('0.2130 & 0.9858')}$$\n",
            f"$${u} = {w} {v} + {c} = {bmatrix('0.1 & 0.2', '0.3 & 0.4')} {bmatrix('1', '2')}"
            f" + {bmatrix('0.5', '0.5')}$$\nEach entry:\n1. $0.1 + 0.4 + 0.5 = 1.0$\n"
            "2. $0.3 + 0.8 + 0.5 = 1.6$",
            f"$$L_{{{k}}} = \\frac{{1}}{{2}} \\lVert {u} \\rVert^2 = 1.78$$\n",
        ]))  # fmt: skip
    return "\n".join(blocks)


def questions(lines: int) -> str:
    """Markdown of many questions, each under its heading and reusing the names x, w, y (a
    scope each), with a sum over an index (the general formula, listed apart), a table row
    of per-example values, a table of columns headed by symbols and a formula, and a descent
    table whose loss the page gives by its derivative and one value (each row a part of its
    own, the loss's formula carried on)."""
    parts = ["| example | x | y |", "|---|---|---|"]
    parts += [f"| {k} | `x = {k % 7 + 1}` | `y = {2 * (k % 7 + 1)}` |" for k in range(4)]
    parts += ["", "| example | $x$ | $y$ | $-\\log(y)$ |", "|---|---|---|---|"]  # a column each
    parts += [f"| {k} | {k % 7 + 1} | 0.5 | $-\\log(0.5) = 0.693$ |" for k in range(lines // 10)]
    parts += [""]
    parts += ["$\\dfrac{dL}{dw} = 2w - 6$, where $L(3) = 1$", ""]
    parts += ["| step | $w$ | $L(w)$ | $\\dfrac{dL}{dw}$ |", "|---|---|---|---|"]
    parts += [f"| {k} | {k}.5 | {(k + 0.5 - 3) ** 2 + 1:g} | {2 * k - 5:g} |"
              for k in range(lines // 10)]
    parts += [""]
    for k in range(max(1, lines // 5)):
        x = k % 9 + 1
        parts.append(
            f"## Question {k + 1}\n\nGiven $x = {x}$ and $w = 0.5$:\n\n"
            f"$$E = \\sum_i \\frac{{1}}{{2}}(y_i - \\hat{{y}}_i)^2$$\n\n"
            f"$$y = w x = 0.5 \\cdot {x} = {0.5 * x:g}$$\n\n"
            f"$$\\frac{{\\partial y}}{{\\partial w}} = x = {x}$$\n"
        )
    return "\n".join(parts)


def published(lines: int) -> str:
    """Markdown as pages publish it: a table of givens (``| Symbol | Value |``), then in each
    block a weight in square brackets (``W[k]``), a line written only with the numbers it
    substitutes (read as those givens and the weight), a derivative through it, and the
    weight's update marked new."""
    count = max(1, lines // 4)
    table = ["| Symbol | Value | Description |", "|---|---|---|"]
    table += [f"| x_{k} | {0.5 + k / 10**5:.5f} | input {k} |" for k in range(count)]
    blocks = []
    for k in range(count):
        x, w = 0.5 + k / 10**5, 0.1 + k / 10**5
        blocks.append(
            f"$W[{k}] = {w:.5f}$\n\n$z_{{{k}}} = {w:.5f} \\cdot {x:.5f} = {w * x:.6f}$\n\n"
            f"$\\frac{{\\partial z_{{{k}}}}}{{\\partial W[{k}]}} = {x:.5f}$\n\n"
            f"$W[{k}]_{{new}} = {w:.5f} - 0.1 \\times {x:.5f} = {w - 0.1 * x:.6f}$\n"
        )
    return "\n".join([*table, "", *blocks])


def primes_and_sums(lines: int) -> str:
    """Markdown of blocks under headings, each reusing its names: a primed name given and read
    before the step (``y' = 0.6``), a sum with no index over the components given, a sum up
    to a count the page gives (``\\sum_{i=1}^{N}``), a symbolic derivative in a variable it
    never gives (drawn), and a quantity marked new after an update."""
    blocks = []
    for k in range(max(1, lines // 16)):  # fifteen equations a block: under LIMITS' chains
        x = k % 5 + 1
        blocks.append(
            f"## Block {k}\n\n$y' = 0.6$, $y = 0.8$, $N = 2$, $x_1 = {x}$, $x_2 = 2$, "
            "$e_1 = 0.5$, $e_2 = -1$, $\\eta = 0.1$\n\n"
            "$$L = \\frac{1}{2}(y - y')^2 = 0.02$$\n\n"
            f"$$S = \\frac{{1}}{{N}}\\sum_{{i=1}}^{{N}} x_i e_i = {(0.5 * x - 2) / 2:g}$$\n\n"
            f"$$d = \\sum x \\cdot e = {0.5 * x - 2:g}$$\n\n"
            "Let $u = 3t - 2$, so $v = \\sigma(u)$:\n\n"
            "$$\\frac{dv}{dt} = 3\\sigma(3t-2)(1 - \\sigma(3t-2))$$\n\n"
            f"$$h = x_1 x_2 = {2 * x}$$\n\n$$\\frac{{\\partial L}}{{\\partial h}} = 0.1$$\n\n"
            f"$$h_{{new}} = {2 * x}$$\n"
        )
    return "\n".join(blocks)


def latex_source(lines: int) -> str:
    """A ``.tex`` document: a preamble, sections, ``align`` blocks of three rows a chain, and
    a ``tabular`` whose row works a formula out across its cells and the next line."""
    body = ["\\documentclass{article}", "\\begin{document}"]
    for k in range(max(1, lines // 5)):
        body += [
            f"\\section{{Neuron {k}}}",
            f"$w_{{{k}}} = 0.5$, $x_{{{k}}} = 2$ % the givens",
            "\\begin{align*}",
            f"z_{{{k}}} &= w_{{{k}}} x_{{{k}}} + 0.1 \\\\ &= 0.5 \\times 2 + 0.1 \\\\ &= 1.1",
            "\\end{align*}",
            "\\begin{tabular}{ccc}", "Step & Formula & Value \\\\", "\\midrule",
            f"1 & $a_{{{k}}} = 2 z_{{{k}}}$ & $2 \\times 1.1$", "  & $2.2$ \\\\",
            "\\end{tabular}",
        ]  # a table whose row goes on to the next line
    return "\n".join([*body, "\\end{document}"])


def notebook(lines: int) -> str:
    """A ``.ipynb`` file: Markdown cells of equations, and code cells whose printed outputs
    are chains (passed over: the code; read: what it prints)."""
    cells = []
    for k in range(max(1, lines // 4)):
        cells.append({"cell_type": "markdown", "metadata": {},
                      "source": [f"## Step {k}\n", f"$x_{{{k}}} = 3$, $y_{{{k}}} = 4$\n",
                                 f"$$f_{{{k}}} = x_{{{k}}} y_{{{k}}} = 12$$"]})  # fmt: skip
        cells.append({"cell_type": "code", "execution_count": k, "metadata": {},
                      "source": [f"g{k} = 2 * 12\n", f"print(f'g{k} = 2 * 12 = {{g{k}}}')"],
                      "outputs": [{"output_type": "stream", "name": "stdout",
                                   "text": [f"g{k} = 2 * 12 = 24\n"]}]})  # fmt: skip
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                      indent=1)  # as Jupyter writes it: one JSON string a line


def spreadsheet(lines: int) -> str:
    """A spreadsheet pasted as text: column letters, then numbered rows of values and their
    formulas (``0.8 (B*C+D)``), every other row nudging an input by a step it never gives."""
    rows = ["  A B C D E F", "1   Input Weight Bias Net Output"]
    for r in range(2, 2 + max(1, lines // 5)):  # five equations a row: rows in proportion
        if r % 2:
            rows.append(f"{r} Nudged: 0.4 0.5001 (C2+Tiny) 0.6 0.80004 (B*C+D) 0.6641 (tanh(E))")
        else:
            rows.append(f"{r} Neuron: 0.4 0.5 0.6 0.8 (B*C+D) 0.664 (tanh(E))")
    return "\n".join(rows)


def _document(reader: str, make: Callable[[int], str]) -> Builder:
    """A workload checking a document ``make`` writes, read by ``reader`` (a module of
    ``autograd.audit``'s readers and its function)."""

    def build(n: int) -> Job:
        from autograd.audit import read_latex, read_notebook, read_tex
        from autograd.audit.flow import check_worksheet
        from autograd.audit.read_text import read_text

        read = {"markdown": read_latex.read_markdown, "tex": read_tex.read_tex,
                "notebook": read_notebook.read_notebook, "text": read_text}[reader]  # fmt: skip
        text = make(_lines(n))
        return lambda: check_worksheet(read(text, "scaling")).text()

    return build


workload("check: a worksheet, judged and reported", _check)
workload("check: Markdown, vectors and matrices", _document("markdown", matrices))
workload("check: Markdown, scoped questions, Σ, a table", _document("markdown", questions))
workload("check: Markdown as published, givens table", _document("markdown", published))
workload("check: Markdown, primes, sums, free variables", _document("markdown", primes_and_sums))
workload("check: a LaTeX source (.tex), align", _document("tex", latex_source))
workload("check: a notebook (.ipynb) and its outputs", _document("notebook", notebook))
workload("check: a spreadsheet pasted as text", _document("text", spreadsheet))
workload("draw: DOT text, unlabelled chain", _draw)
workload("draw: DOT text, labelled, highlighted", _draw_highlighted)
workload("explain: labelled chain", _explain)
workload("explain: unlabelled chain", _explain_unlabelled)


def measure(job: Job, repeat: int) -> tuple[float, int, int]:
    """The CPU seconds of one run, the least of ``repeat`` samples (other jobs on the machine
    count less), the peak bytes one run allocates, and the length of the text produced. A
    sample of a short job times enough runs to last ``_SAMPLE`` seconds. The collector runs
    before each sample."""
    start = time.process_time()
    size = len(job())
    runs = max(1, round(_SAMPLE / max(time.process_time() - start, 1e-6)))
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        for _ in range(runs):
            job()
        best = min(best, (time.process_time() - start) / runs)
    gc.collect()
    tracemalloc.start()  # apart from the timed runs: it slows every allocation
    try:
        job()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return best, peak, size


_SAMPLE = 0.02


def growth(per_node: list[float]) -> float:
    """How much a per-node figure grew from a smaller size to a larger one, at most.

    >>> growth([2.0, 1.0, 1.5]), growth([1.0, 10.0, 100.0])
    (1.5, 100.0)
    """
    return max(
        (
            later / max(earlier, 1e-12)
            for i, earlier in enumerate(per_node)
            for later in per_node[i + 1 :]
        ),
        default=1.0,
    )


#: A workload whose time per node grows past TIME_BOUND is measured again, up to this many
#: times in all, and fails only if it grows past it every time: a cost that grows with the
#: input grows at each measurement, while another process taking the cores (two suites at
#: once) slows one measurement, seldom three.
TRIES = 3


def run(sizes: tuple[int, ...], repeat: int, workloads: dict[str, Builder] = WORKLOADS) -> int:
    """Print the table and the verdicts; 0 if every workload's per-node cost is flat, else 1."""
    failures = []
    print(f"{'workload':46} {'nodes':>7} {'seconds':>8} {'µs/node':>8} {'bytes/node':>10} "
          f"{'chars/node':>10}")
    for name, build in workloads.items():
        for attempt in range(1, TRIES + 1):
            per_node: list[tuple[float, float, float]] = []
            for n in sizes:
                seconds, peak, size = measure(build(n), repeat)
                per_node.append((seconds / n, peak / n, size / n))
                print(f"{name:46} {n:7} {seconds:8.3f} {seconds / n * 1e6:8.1f} "
                      f"{peak / n:10.0f} {size / n:10.1f}")
            ratio = growth([p[0] for p in per_node])
            if ratio <= TIME_BOUND or attempt == TRIES:
                break
            print(f"  time per node grew {ratio:.2f}× (bound {TIME_BOUND}): measured again")
        for what, column, bound in (
            ("time", 0, TIME_BOUND), ("memory", 1, MEMORY_BOUND), ("text", 2, SIZE_BOUND)
        ):
            ratio = growth([p[column] for p in per_node])
            print(f"  {what} per node grows at most {ratio:.2f}× (bound {bound})")
            if ratio > bound:
                failures.append(f"{name}: {what} per node grows {ratio:.1f}× (bound {bound})")
    for failure in failures:
        print(f"NOT LINEAR: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    args = parser.parse_args(argv)
    return run(QUICK_SIZES, 2) if args.quick else run(SIZES, 3)


if __name__ == "__main__":
    sys.exit(main())
