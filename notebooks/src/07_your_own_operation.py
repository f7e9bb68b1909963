# %% [markdown]
# # 7. Your own operation: swish, its derivative by hand, checked
#
# Every operation of the engine is one row of `autograd/ops.py`: its value, its local
# derivative and the derivative's text. `autograd.op` adds a row of your own, and every part
# of the engine then reads it as it reads `tanh`: backward, forward mode, derivatives of
# derivatives, pictures, explanations, the compiler.
#
# Take swish, `swish(x) = x·σ(x)`. By the product rule, with `σ' = σ(1 − σ)`:
#
# `swish'(x) = σ(x) + x·σ(x)(1 − σ(x)) = σ(x)·(1 + x·(1 − σ(x)))`
#
# Write the value and the derivative with `autograd.functions` (they work on floats, Values
# and arrays alike), and give the text of both.

# %%
import autograd
from autograd import Value, grad
from autograd.explain import explain
from autograd.functions import sigmoid
from autograd.testing import GradcheckError, check_op


@autograd.op(
    local_grads=lambda out, x: sigmoid(x) * (1 + x * (1 - sigmoid(x))),
    formula="x·σ(x)",
    derivatives="σ(x)·(1 + x·(1 − σ(x)))",
)
def swish(x):
    return x * sigmoid(x)


print(swish)

# %% [markdown]
# Defining it checked it: at five points, the derivative against central differences of the
# value, the second derivative (`grad(grad(swish))`, which runs through the derivative you
# wrote) likewise, and, since sympy reads both texts, the derivative's text against sympy's
# derivative of the formula. A slip is caught at once. Here the product rule is forgotten
# (`σ'` alone):

# %%
try:

    @autograd.op(local_grads=lambda out, x: sigmoid(x) * (1 - sigmoid(x)))
    def careless_swish(x):
        return x * sigmoid(x)

except GradcheckError as error:
    print(error)

# %% [markdown]
# ## One node, in every picture
#
# A swish neuron: `z = w·x + b`, `a = swish(z)`. The picture and the explanation read the
# new row like any other: one node `swish`, its edge labelled with your derivative in the
# names of the graph.

# %%
x = Value(1.5, label="x")
w = Value(-0.8, label="w")
b = Value(0.4, label="b")
z = w * x + b
z.label = "z"
a = swish(z)
a.label = "a"
L = (a - 1.0) ** 2
L.label = "L"
L.backward()
print(explain(a, "z"))
print(explain(L, "w"))
autograd.draw(L)

# %% [markdown]
# Derivatives of derivatives go through it too, and agree with what the hand gives:
# `swish''(x) = σ(1 − σ)(2 + x(1 − 2σ))`.

# %%
s = sigmoid(0.5)
print(grad(grad(swish))(0.5), s * (1 - s) * (2 + 0.5 * (1 - 2 * s)))
print(check_op(swish, 0.5, -4.0, 9.0))  # on demand, at points of your choosing

# %% [markdown]
# ## Cutting a path: stop_gradient
#
# `x.detach()` (or `autograd.stop_gradient(x)`) passes the value on and declares the
# derivative 0: the picture draws that edge dashed. `x · stop_gradient(x)` has derivative
# `x`, not `2x`.

# %%
print(grad(lambda t: t * t.detach())(3.0))
t = Value(3.0, label="t")
autograd.draw(t * t.detach())

# %% [markdown]
# ## Watching a gradient: hooks
#
# `v.register_hook(fn)` calls `fn(∂L/∂v)` during `backward()`, as PyTorch's does; a hook that
# returns a number replaces the gradient passed on.

# %%
seen = []
handle = z.register_hook(lambda g: seen.append(round(g, 6)))
L.zero_grad()
L.backward()
handle.remove()
print("∂L/∂z seen by the hook:", seen, " z.grad:", round(z.grad, 6))

# %% [markdown]
# ## Training with the optimizers people use
#
# `SGD` with momentum and `Adam` follow PyTorch's update rules and defaults step for step
# (the tests compare 100-step trajectories with `torch.optim` to 1e-12). Fit the swish neuron
# to `L = 0` from the same start with each:

# %%
from autograd.nn import SGD, Adam


def fit(make, steps=60):
    w, b = Value(-0.8, label="w"), Value(0.4, label="b")
    opt = make([w, b])
    for _ in range(steps):
        opt.zero_grad()
        loss = (swish(w * 1.5 + b) - 1.0) ** 2
        loss.backward()
        opt.step()
    return loss.data


for name, make in [
    ("SGD", lambda ps: SGD(ps, lr=0.1)),
    ("SGD, momentum 0.9", lambda ps: SGD(ps, lr=0.1, momentum=0.9)),
    ("Adam", lambda ps: Adam(ps, lr=0.1)),
]:
    print(f"{name:18} loss after 60 steps: {fit(make):.3e}")
