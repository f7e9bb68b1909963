# %% [markdown]
# # 2. A homework, recomputed and audited
#
# A student worked one step of training by hand: the forward pass, the loss
# `L = ½(y − a)²`, the chain rule for every weight, and one step of gradient descent, through
# a 2-3-1 network of sigmoid units, in two parts. Every number the student wrote is in
# `autograd/homework/hw1.toml`, exactly as written. This notebook recomputes each one with
# the engine and says whether it is right.

# %%
from decimal import Decimal

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import autograd
from autograd.audit import audit
from autograd.homework import load
from autograd.numtext import number_text

parts = load()
report = audit(parts["a"])
worked = report.worked  # the model, its loss graph, the gradients and the update
print(parts["a"].title)


def table(header, rows):
    """A Markdown table: it reads well here and on a code host."""
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    lines += [" | ".join(str(cell) for cell in row) for row in rows]
    return Markdown("\n".join(lines))


def num(x, written=None):
    """``x`` to 6 significant digits, or 2 more than ``written`` has, to compare with it."""
    digits = 6 if written is None else max(6, len(Decimal(written).as_tuple().digits) + 2)
    return number_text(x, digits)


# %% [markdown]
# ## The network and the forward pass
#
# Two inputs `x1, x2`; three hidden neurons, neuron *k* computing
# `zk = w(2k−1)·x1 + w(2k)·x2 + bk` and `ak = σ(zk)`; one output neuron
# `z = w7·a1 + w8·a2 + w9·a3 + b4`, `a = σ(z)`; the loss `L = ½(y − a)²`. In part (a) every
# weight and bias is 1, `x = (0, 1)` and `y = 1`.

# %%
groups = worked.model.groups()  # layer → neuron → the labels inside it, for the boxes
neurons = [name for layer in groups.values() for name in layer]
autograd.draw(worked.loss, groups=groups, collapse=neurons, grads=False, derivatives=False)

# %% [markdown]
# Each box above is a whole neuron; its output feeds the next layer. The numbers of the
# forward pass:

# %%
rows = []
for neuron in worked.model.neurons:
    z, a = (worked.node(label) for label in neuron.labels)
    rows.append((neuron.number, f"`{z.label}` = {num(z.data)}", f"`{a.label}` = {num(a.data)}"))
display(table(["neuron", "weighted sum", "activation σ"], rows))
print(f"loss L = ½(1 − a)² = {num(worked.loss.data)}")

# %% [markdown]
# ## The chain rule, factor by factor
#
# `backward()` has filled in every gradient. `explain` writes each one as a hand calculation
# does: the local derivatives along the path from `L` down to the parameter, named, valued,
# multiplied. An output weight is three factors away from the loss:

# %%
from autograd.explain import explain

explain(worked.loss, "w7")

# %% [markdown]
# A hidden weight is five. Its path passes through the output weight that connects its
# neuron (`∂z/∂a1 = w7`) and through the sigmoid's slope `∂a1/∂z1 = a1(1 − a1)`:

# %%
explain(worked.loss, "w2")

# %% [markdown]
# The same path in the whole graph: every neuron opened up, each edge labelled with its
# local derivative, the edges from `L` down to `w2` in red, and the product in the caption.

# %%
autograd.draw(worked.loss, highlight="w2", groups=groups)

# %% [markdown]
# All thirteen, as plain text:

# %%
for name in worked.gradients:
    print(explain(worked.loss, name).text(4))

# %% [markdown]
# ## Every handwritten number beside ours
#
# For each number the student wrote: the exact value; the value that follows from the
# student's *own* earlier numbers; and a verdict. **match**: the exact value rounds to what
# was written. **rounding**: the exact value truncated gives it, or it follows from the
# student's own rounded numbers. **error**: anything else.

# %%
MARK = {"match": "match", "rounding": "rounding", "error": "**error**"}


def audit_table(report):
    rows = []
    for c in report.checks:
        own = "" if c.own is None else num(c.own, c.written)
        follows = "" if c.follows else " *(does not follow from own numbers)*"
        rows.append((f"`{c.quantity}`", c.written, num(c.computed, c.written), own, MARK[c.verdict],
                     c.where.replace("|", "/") + follows))
    return table(["quantity", "written", "exact", "from own numbers", "verdict", "where"], rows)


audit_table(report)

# %% [markdown]
# How far off is each number, in units of its last written digit? Within half a unit
# (dashed) is a match; a truncated digit, or a rounding carried over from an earlier line,
# is about one unit; the four errors are between 60 and 1100 units away. (A number written
# exactly right is drawn at 0.01, the left edge.)

# %%
COLOR = {"match": "C2", "rounding": "C1", "error": "C3"}


def distance_plot(report, title):
    fig, ax = plt.subplots(figsize=(7, 0.18 * len(report.checks) + 1))
    for i, c in enumerate(report.checks):
        unit = 10.0 ** Decimal(c.written).as_tuple().exponent
        off = max(abs(float(c.written) - c.computed) / unit, 1e-2)  # exact: drawn at 0.01
        ax.barh(i, off, color=COLOR[c.verdict])
    ax.set_yticks(range(len(report.checks)), [c.quantity for c in report.checks], fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.axvline(0.5, color="grey", lw=0.8, ls="--")
    ax.set_xlabel("|written − exact| in units of the last written digit")
    ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOR.values()],
              labels=list(COLOR), loc="lower left", bbox_to_anchor=(0, 1), ncols=3,
              frameon=False)
    ax.set_title(title, loc="right")
    plt.show()


distance_plot(report, "part (a)")

# %% [markdown]
# The four errors of part (a):
#
# - `∂L/∂w8` is written `5.57 × 10⁻⁴`, but it is `−5.59 × 10⁻⁴`: the sign is lost (and the
#   student's own numbers give `−5.57 × 10⁻⁴`). The very next line, `w8' = 1.000055`, does
#   not follow from `1 − 0.1·(5.57 × 10⁻⁴)` either: the sign was right after all.
# - `w2'`, `w4'`, `w6'` are written `1.0000005` and `1.00000005` but are `1.0000067`: the
#   step `0.1 × 6.66 × 10⁻⁵ = 6.7 × 10⁻⁶` is written as `5 × 10⁻⁷`, then `5 × 10⁻⁸`.

# %%
for c in report.checks:
    if c.verdict == "error":
        print(f"{c.quantity:7} written {c.written:>11}   exact {num(c.computed, c.written):>12}"
              f"   from own numbers {num(c.own, c.written):>12}")

# %% [markdown]
# ## Part (b): where the homework contradicts itself
#
# Part (b) starts from different weights, and does not state the output weights with the
# rest. Its forward pass computes `z = (1 × 0.5866) + (0 × 0.5866) + (−1 × 0.5866) + 0.1`:
# so `w7 = 1`, `w8 = 0`, `w9 = −1`. Its backward pass then says `w9 = 0`. The audit notices
# a given value written two ways.

# %%
report_b = audit(parts["b"])
(contradiction,) = report_b.contradictions
print(contradiction.text())

# %% [markdown]
# Each reading of the weights is a different calculation, so the audit works the whole part
# under each and judges every number again. Besides the two written values of `w9`, the
# homework file names a third reading, with its reason:

# %%
(named_reading, named_report), = report_b.readings
print(f"{named_reading.name}: {named_reading.why}")

# %% [markdown]
# The numbers whose verdict depends on the reading:

# %%
readings = {
    "w8 = 0, w9 = −1 (the forward pass)": report_b,
    "w8 = 0, w9 = 0": contradiction.results["0"],
    f"{named_reading.name} (swapped)": named_report,
}
rows = []
for i, c in enumerate(report_b.checks):
    verdicts = [r.checks[i].verdict for r in readings.values()]
    if len(set(verdicts)) > 1:
        rows.append((f"`{c.quantity}`", c.written, *(MARK[v] for v in verdicts), c.where))
display(table(["quantity", "written", *readings, "where"], rows))

counts = [[r.checks[i].verdict for i in range(len(r.checks))] for r in readings.values()]
table(["reading", *MARK], [(name, *(v.count(m) for m in MARK))
                           for name, v in zip(readings, counts)])

# %% [markdown]
# Read as the forward pass states it, the five numbers of the backward pass that rest on
# `w9 = 0` are wrong. Reading `w9 = 0` with `w8 = 0` changes the forward pass itself (`z`, `a`, `L`) and
# everything after it: nine errors. But here `a1 = a2 = a3`, so swapping the two output
# weights gives the very same forward pass, and under that reading only the two weights in
# the forward line are wrong: the likeliest story is a slip in that one line.
#
# Under the swapped reading `∂z/∂a3 = w9 = 0`, so no gradient reaches neuron 3 and
# `w5' = 0.5` is right; under the forward pass's `w9 = −1` the same path carries a factor
# `−1`, and `w5` moves:

# %%
for name in ("w8 = 0, w9 = −1 (the forward pass)", f"{named_reading.name} (swapped)"):
    display(Markdown(f"**{name}:**"))
    display(explain(readings[name].worked.loss, "w5"))

# %% [markdown]
# In the graph of the swapped reading, the red path from `L` to `w5` runs through the edge
# `∂z/∂a3 = w9 = 0`: everything behind it gets gradient 0.

# %%
autograd.draw(named_report.worked.loss, highlight="w5", groups=groups)

# %% [markdown]
# The boxed `w9' = 0.00693` also fits the swapped reading: it is the student's own rounded
# factors, truncated. The exact value under that reading is `0.006949`.

# %%
print(f"the student's line  0 − 0.1·(−0.4751 × 0.249 × 0.5866) = {0 - 0.1 * (-0.4751 * 0.249 * 0.5866):.6f}")
for name, r in readings.items():
    print(f"{name:40} w9' = {num(r.worked.updated['w9'])}")
