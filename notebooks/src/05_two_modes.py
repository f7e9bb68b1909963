# %% [markdown]
# # 5. Two modes of the chain rule: forward and reverse
#
# The chain rule multiplies local derivatives along every path from an input to an output
# and adds the paths up. The *same* factors can be multiplied in two orders:
#
# - **forward mode** starts at one input `x` and carries `∂node/∂x` from left to right: each
#   node's from the nodes it was computed from, `∂n/∂x = Σ ∂n/∂p · ∂p/∂x`.
# - **reverse mode** (`backward()`, `grad`) starts at one output `L` and carries `∂L/∂node`
#   from right to left: each node's from the nodes that use it, `∂L/∂n = Σ ∂L/∂c · ∂c/∂n`.
#
# Both read each local derivative from the same row of `autograd/ops.py`; they differ in
# what one sweep gives you: forward mode, the derivative of *every node* by *one input*;
# reverse mode, the derivative of *one output* by *every node*.

# %%
import autograd
from autograd import Value, grad, hessian, jacfwd, jacrev, jvp, vjp
from autograd.explain import sweeps
from autograd.forward import costs

a = Value(2.0, label="a")
b = Value(-3.0, label="b")
e = a * b
e.label = "e"
c = a.exp()
c.label = "c"
d = e + c
d.label = "d"
L = d.tanh()
L.label = "L"
L.backward()  # reverse mode: ∂L/∂node into every .grad
slope = jvp(lambda a: (a * b + a.exp()).tanh(), (2.0,), (1.0,))[1]
print(f"reverse mode, ∂L/∂a = {a.grad:.15f}")
print(f"forward mode, ∂L/∂a = {slope:.15f}")  # the same factors, multiplied in another order

# %% [markdown]
# ## Both sweeps in one picture
#
# `draw(L, forward="a")` adds to every box its `∂node/∂a` (forward mode, filled in left to
# right) under its `grad` (`∂L/∂node`, reverse mode, filled in right to left). The edges carry
# the local derivatives both sweeps multiply. The two meet at the ends: `a`'s grad and `L`'s
# `∂L/∂a` are the same number.

# %%
autograd.draw(L, forward="a")

# %% [markdown]
# `sweeps` writes both out through the labelled nodes, as a hand calculation would: forward
# mode from `a` up, reverse mode from `L` down. Both end at `∂L/∂a`.

# %%
print(sweeps(L, "a"))


# %% [markdown]
# ## Why reverse mode trains networks
#
# One forward sweep gives the derivatives by *one* input; one reverse sweep gives the
# derivatives of *one* output. A loss is one output of many parameters, so reverse mode
# gets the whole gradient in one sweep where forward mode needs one sweep per parameter.
# `costs(outputs, inputs)` counts the multiply-adds of each mode for the whole Jacobian:
# one per edge that a sweep crosses. Here, `n` inputs are summed and pass through a chain
# of 10 operations (a loss of `n` parameters); then one input passes through the chain and
# feeds `n` outputs (a curve sampled `n` times).

# %%
def chain(h, links=10):
    for _ in range(links):
        h = (h * 0.5).tanh()
    return h


print(f"{'n':>4}  {'n inputs → 1 output':>22}  {'1 input → n outputs':>22}")
print(f"{'':>4}  {'forward':>10} {'reverse':>11}  {'forward':>10} {'reverse':>11}")
for n in (1, 2, 4, 8, 16, 32):
    xs = [Value(0.1 * i) for i in range(n)]
    loss = costs([chain(autograd.sum(xs))], xs)
    x = Value(0.5)
    h = chain(x)
    curve = costs([(h + float(j)).sin() for j in range(n)], [x])
    print(f"{n:>4}  {loss.forward:>10} {loss.reverse:>11}  {curve.forward:>10} {curve.reverse:>11}")


# %% [markdown]
# The counts grow with `n` for forward mode in the first case and for reverse mode in the
# second: the mode that sweeps once wins, and at `n = 1` the two cost the same. With `m`
# inputs and `p` outputs, forward mode needs `m` sweeps and reverse mode `p`.
# `python benchmarks/modes.py` measures the time of each and prints where it crosses over.
#
# ## The operators JAX and PyTorch users know
#
# `jvp` (forward: the value and the derivative along a direction), `vjp` (reverse: a row of
# cotangents pulled back), `jacfwd` and `jacrev` (the whole Jacobian by either mode, several
# outputs as a tuple), `hessian` and `value_and_grad`, with JAX's names and `argnums`.

# %%
def polar(r, t):
    return (r * t.cos(), r * t.sin())


print("jvp   ", jvp(polar, (2.0, 0.0), (1.0, 0.0)))  # along r: (cos t, sin t)
y, pullback = vjp(polar, 2.0, 0.0)
print("vjp   ", pullback((0.0, 1.0)))  # ∂y/∂r, ∂y/∂t: (sin t, r cos t)
print("jacfwd", jacfwd(polar, argnums=(0, 1))(2.0, 0.0))  # −0.0 is −r·sin 0
print("jacrev", jacrev(polar, argnums=(0, 1))(2.0, 0.0))


# %% [markdown]
# Each mode works on Values as well as on numbers, so they compose. Forward mode over
# reverse mode is a Hessian-vector product, `H·v`, without forming `H`:

# %%
def f(x, y):
    return x * x * y + y.sin()


v = (1.0, -2.0)
gradient, hv = jvp(grad(f, argnums=(0, 1)), (1.5, 0.5), v)
H = hessian(f, argnums=(0, 1))(1.5, 0.5)
print("H·v by jvp of grad:", hv)
print("H·v from hessian:  ", tuple(row[0] * v[0] + row[1] * v[1] for row in H))

# %% [markdown]
# ## A function that returns a number has cut its graph
#
# A derivative needs the graph. A function that returns `x.data * 2`, `float(...)` or a
# `math.*` result hands back a plain number, and every operator refuses it with one line
# instead of answering 0, as JAX does.

# %%
try:
    grad(lambda x: x.data * 2)(1.0)
except TypeError as error:
    print(error)
