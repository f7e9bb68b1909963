# %% [markdown]
# # 1. Expressions and their derivatives
#
# A `Value` is a number that remembers how it was computed. Combine Values with ordinary
# arithmetic and you get a graph; call `backward()` on the result and every node below it
# learns its derivative: how much the result moves when that node moves.

# %%
import autograd
from autograd import Value, grad
from autograd.explain import explain

a = Value(2.0, label="a")
b = Value(-3.0, label="b")
c = Value(10.0, label="c")
f = Value(-2.0, label="f")
e = a * b
e.label = "e"
d = e + c
d.label = "d"
L = d * f
L.label = "L"
L

# %% [markdown]
# In a notebook a Value shows as its graph: a box per value (its name, `data` and `grad`), a
# small node per operation. `L = (a·b + c)·f = (−6 + 10)·(−2) = −8`. Nothing has been
# differentiated yet: every `grad` is 0. One call to `backward()` fills them in, from `L`
# down to the leaves.

# %%
L.backward()
for node in (a, b, c, e, d, f, L):
    print(f"{node.label}   data {node.data:5}   grad ∂L/∂{node.label} = {node.grad:5}")

# %% [markdown]
# By hand: `∂L/∂d = f = −2` and `∂L/∂f = d = 4`; `d = e + c` passes `−2` on to both `e` and
# `c`; `e = a·b` multiplies it by the *other* factor, so `∂L/∂a = −2·b = 6` and
# `∂L/∂b = −2·a = −4`. That is the chain rule: the product of the local derivatives along the
# path from `L` down to the node. `explain` writes the path out, each factor named, valued,
# and with its formula from the operation's definition:

# %%
print(explain(L, "a"))

# %% [markdown]
# In a notebook an explanation shows typeset:

# %%
explain(L, "a")

# %% [markdown]
# And as a picture: each edge carries its local derivative `∂out/∂in = formula = number`;
# `highlight` turns the path to `a` red, and the caption multiplies along it.

# %%
autograd.draw(L, highlight="a")

# %% [markdown]
# ## Ask the graph
#
# `autograd.explore` shows the same picture as a widget you can question. **Click a node**:
# every path from `L` down to it lights up, and its chain rule is written beside the picture,
# each factor named and valued. **Hover an edge**: its local derivative, formula and value.
# **Step through** `backward()`: the nodes pass their gradients on in the engine's own order.
# **Change a leaf** in its number box: forward and backward run again (on a copy; `L` above
# does not change). Where widgets do not run (a code host), the picture shows instead; and
# `python -m autograd graph … -o FILE.html` writes the same explorer as one page for any
# browser.

# %%
autograd.explore(L, select="a")

# %% [markdown]
# ## A node used twice
#
# When a node feeds the result along several paths, its derivative is the **sum** over the
# paths. Here `x` enters `y = x·x + x` once through the square `s` and once directly, so
# `dy/dx = 2x + 1 = 7` at `x = 3`:

# %%
x = Value(3.0, label="x")
s = x * x
s.label = "s"
y = s + x
y.label = "y"
y.backward()
print("x.grad =", x.grad)
print(explain(y, x))

# %% [markdown]
# In the picture, `x` has three edges: two into the product (`x·x` uses it twice, each edge
# `∂s/∂x = 3`) and one into the sum. All three lie on a path to `y`, so all are red, and the
# caption counts three red paths. Through the labelled nodes, as `explain` writes them, there
# are two: the two uses inside `s` make one factor, `∂s/∂x = 3 + 3 = 6`.

# %%
autograd.draw(y, highlight=x)

# %% [markdown]
# ## Calling `backward()` twice: the accumulation policy
#
# Leaves (the Values you made yourself, like weights) **add** each new gradient to `.grad`,
# as PyTorch does: that is what lets a training loop sum gradients over several losses.
# Every other node keeps only the latest call's derivative, so nothing is counted twice
# through the middle of the graph. `zero_grad()` resets the leaves.

# %%
y.backward()
print("after a second backward():  x.grad =", x.grad, "  s.grad =", s.grad)
y.zero_grad()
y.backward()
print("after zero_grad() and backward():  x.grad =", x.grad)


# %% [markdown]
# ## Derivatives as functions: `grad`, and `grad` of `grad`
#
# `grad(f)` is the function `x ↦ f′(x)`, as in JAX. The backward pass can run on Values
# instead of floats, so the derivative is itself a differentiable expression, and `grad`
# nests to any order. For `f(x) = x³`: `f′(2) = 3·2² = 12`, `f″(2) = 6·2 = 12`, `f‴ = 6`.

# %%
def cube(x):
    return x**3


print(grad(cube)(2.0), grad(grad(cube))(2.0), grad(grad(grad(cube)))(2.0))

# %% [markdown]
# Called on a Value, `grad` returns the derivative as a Value: a graph built from the local
# derivatives of `x³`, here `3x²` at `x = 2`. Its own backward pass gives the second
# derivative, `6x = 12`:

# %%
x = Value(2.0, label="x")
slope = grad(cube)(x)
slope.label = "dy/dx"
slope.backward()
print(f"dy/dx = {slope.data},  d²y/dx² = x.grad = {x.grad}")
slope


# %% [markdown]
# With several arguments, `argnums` picks which derivatives you want:

# %%
def area(w, h):
    return w * h


print(grad(area, argnums=(0, 1))(3.0, 4.0))  # (∂/∂w, ∂/∂h) = (h, w)

# %% [markdown]
# A picture says it faster than a table: `tanh` and its first three derivatives, each from
# nested `grad` (solid), against the formulas from a calculus book (dashed):
# `tanh′ = 1 − tanh²`, `tanh″ = −2·tanh·(1 − tanh²)`, `tanh‴ = (6·tanh² − 2)(1 − tanh²)`.

# %%
import matplotlib.pyplot as plt
import numpy as np

def tanh(x):
    return x.tanh()


nested = {"tanh": tanh, "tanh′": grad(tanh)}
nested["tanh″"] = grad(nested["tanh′"])
nested["tanh‴"] = grad(nested["tanh″"])
t = np.tanh
books = {
    "tanh": t,
    "tanh′": lambda x: 1 - t(x) ** 2,
    "tanh″": lambda x: -2 * t(x) * (1 - t(x) ** 2),
    "tanh‴": lambda x: (6 * t(x) ** 2 - 2) * (1 - t(x) ** 2),
}

xs = np.linspace(-3, 3, 121)
fig, ax = plt.subplots(figsize=(7, 4))
worst = 0.0
for (name, fn), color in zip(nested.items(), ["C0", "C1", "C2", "C3"]):
    ours = [fn(Value(x)).data if name == "tanh" else fn(x) for x in xs]
    label = name if name == "tanh" else f"{name}, by nested grad"
    ax.plot(xs, ours, color=color, lw=2.5, alpha=0.6, label=label)
    ax.plot(xs, books[name](xs), "k--", lw=0.8)
    worst = max(worst, float(np.max(np.abs(np.array(ours) - books[name](xs)))))
ax.axhline(0, color="grey", lw=0.5)
ax.set_xlabel("x")
ax.legend(loc="lower right")
ax.set_title("tanh and three nested grads; dashed: closed forms")
plt.show()
print(f"largest difference from the closed forms over 121 points: {worst:.1e}")

# %% [markdown]
# ## Mistakes get a clear error, never a wrong number
#
# An operation outside its domain raises the exception Python's `math` would, naming the
# operation and the value. So does a derivative that does not exist where it is asked for.

# %%
attempts = {
    "Value(-1.0).log()": lambda: Value(-1.0).log(),
    "Value(1000.0).exp()": lambda: Value(1000.0).exp(),
    "Value(1.0) / 0": lambda: Value(1.0) / 0,
    "Value(0.0).sqrt().backward()": lambda: Value(0.0).sqrt().backward(),
}
for code, attempt in attempts.items():
    try:
        attempt()
    except (ArithmeticError, ValueError) as error:
        print(f"{code:30} {type(error).__name__}: {error}")
