# %% [markdown]
# # 2. A homework, recomputed and checked line by line
#
# A student worked one step of training by hand: the forward pass, the loss
# `L = ½(y − a)²`, the chain rule for every weight, and one step of gradient descent, through
# a 2-3-1 network of sigmoid units, in two parts. The document itself (OCR of the
# handwriting) is `autograd/homework/hw1.md`: its equations verbatim, with a short front
# matter for what it says only in words. This notebook recomputes the network with the
# engine, then checks the document line by line.

# %%
from decimal import Decimal

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from autograd.audit import Report, check
from autograd.audit.checkfile import layer_groups, to_worksheet
from autograd.audit.recompute import Model
from autograd.homework import WORKSHEET, load
from autograd.numtext import number_text

parts = load()  # the same network and givens, as a check file states them
model = Model(to_worksheet(parts["a"]))  # the engine's graph of every quantity the part names
loss = model.node("L")
loss.backward()
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
from IPython.display import SVG

from autograd.explore import network_svg

groups = layer_groups(parts["a"])  # layer → neuron → the labels inside it
SVG(network_svg(loss, groups=groups))

# %% [markdown]
# The explorer's network view: each circle is a whole neuron, its `z` above the line and its
# `a` below, its bias above it and `∂L/∂z` below it; each weight sits on its own edge with its
# gradient; the loss is on the right. The numbers of the forward pass:

# %%
rows = []
for layer in groups.values():
    for neuron, names in layer.items():  # its weights and bias, then its z and a
        z, a = (model.node(name) for name in names[-2:])
        number = neuron.split()[1]
        rows.append((number, f"`{z.label}` = {num(z.data)}", f"`{a.label}` = {num(a.data)}"))
display(table(["neuron", "weighted sum", "activation σ"], rows))
print(f"loss L = ½(1 − a)² = {num(loss.data)}")

# %% [markdown]
# ## The chain rule, factor by factor
#
# `backward()` has filled in every gradient. `explain` writes each one as a hand calculation
# does: the local derivatives along the path from `L` down to the parameter, named, valued,
# multiplied. An output weight is three factors away from the loss:

# %%
from autograd.explain import explain

explain(loss, "w7")

# %% [markdown]
# A hidden weight is five. Its path passes through the output weight that connects its
# neuron (`∂z/∂a1 = w7`) and through the sigmoid's slope `∂a1/∂z1 = a1(1 − a1)`:

# %%
explain(loss, "w2")

# %% [markdown]
# The same path in the network: the edges from `w2` to `L` lit, the product written below.
# (`autograd.explore(loss, groups=groups)` is this picture as a widget: click a neuron to
# open its own graph, or the **graph** button for the whole computational graph.)

# %%
SVG(network_svg(loss, groups=groups, select="w2"))

# %% [markdown]
# All thirteen, as plain text:

# %%
for name in parts["a"].parameter_names():
    print(explain(loss, name).text(4))

# %% [markdown]
# ## The document, checked line by line
#
# `check` reads each line as a chain `quantity = formula = numbers = result` and judges every
# link: a formula against the quantity (at the givens), each number substituted for a symbol
# as that symbol's value, and each result against the exact value and against what the
# numbers on its own line give. **match**: the exact value rounds to what was written.
# **rounding**: the exact value truncated gives it, or it follows from the numbers the student
# used. **error**: anything else, with the slip named where one fits. A link that cannot be
# read sensibly is **not understood**, never an error.

# %%
report = check(WORKSHEET)
part_a, part_b = report.parts
for c in part_a.errors():
    print(f"line {c.line}: {c.quantity} = {c.written}  ({c.diagnosis or 'exact ' + num(c.exact)})")

# %% [markdown]
# The errors of part (a): `∂L/∂w8` is substituted as `5.57 × 10⁻⁴`, but it is
# `−5.59 × 10⁻⁴` (and the student's own factors give `−5.57 × 10⁻⁴`: the sign is dropped);
# `∂z/∂a1 = w1` is `w7` (both 1 here); `w2'`, `w4'`, `w6'` are written `1.0000005` and
# `1.00000005` but are `1.0000067`, and no common slip explains that.
# What the checker could not read, and why (OCR garble, a step written without its `∂/∂a`):

# %%
for u in part_a.judged.unread:
    print(f"line {u.line}: {u.reason}")
for c in part_a.checks:
    if c.verdict == "not understood":
        print(f"line {c.line}: {c.written}: {c.diagnosis}")

# %% [markdown]
# Every judged link of part (a), as the report shows it in Jupyter:

# %%
Report(report.source, [part_a])

# %% [markdown]
# ## Part (b): where the homework contradicts itself
#
# Part (b) does not state its weights: they are read from the numbers its forward pass
# substitutes, `z = (1 × 0.5866) + (0 × 0.5866) + (−1 × 0.5866) + 0.1`, so `w7 = 1`,
# `w8 = 0`, `w9 = −1`. Its backward pass then says `w9 = 0`. The checker reports the
# contradiction and judges the whole part under each reading, and under the one its front
# matter names: since `a1 = a2 = a3`, `w8 = −1, w9 = 0` gives the very same forward pass.

# %%
print(*part_b.contradictions, sep="\n")
carried = sorted({c.line for c in part_b.checks if c.verdict == "carried"})
print("as the forward pass states it:", [f"line {c.line}: {c.quantity}" for c in part_b.errors()],
      "and the lines that carry it:", carried)
for r in part_b.readings:
    wrong = [f"line {c.line}: {c.quantity}" for c in r.judged.checks if c.verdict == "error"]
    print(f"read with {r.name}: {len(wrong)} errors", wrong[:4])

# %% [markdown]
# Under the swapped reading only the forward line's two weights are wrong: the likeliest
# story is a slip in that one line. There `∂z/∂a3 = w9 = 0`, so no gradient reaches neuron 3
# and `w5' = 0.5` is right:

# %%
swapped = Model(to_worksheet(parts["b"]), {"w8": -1.0, "w9": 0.0}).node("L")
swapped.backward()
SVG(network_svg(swapped, groups=groups, select="w5"))
