# %% [markdown]
# # 4. Testing your own function's derivatives
#
# You wrote a function out of Values: an activation, a loss, a layer. The engine
# differentiates exactly what the graph records. The derivative goes wrong when part of the
# value does not go through the graph: a number taken out with `.data`, or recomputed as a
# plain float. Then the values are right and the derivative is not. `grad` refuses a number
# read from `.data` that enters the arithmetic it differentiates; a number recomputed another
# way it cannot see. `autograd.testing` catches both by comparing with finite differences of
# the function's own values: at a point, and at many points drawn by hypothesis.

# %%
from hypothesis import Phase, find, given, settings

from autograd import Value, grad
from autograd.testing import GradcheckError, expressions, gradcheck, gradgradcheck, values


def softplus(x):
    """log(1 + eˣ): a smooth ReLU. Its derivative should be the sigmoid."""
    return (1 + x.exp()).log()


print(gradcheck(softplus, 1.5), gradgradcheck(softplus, 1.5))


# %% [markdown]
# `gradcheck(f, *inputs)` compares each derivative from the engine with the central
# difference `(f(x + h) − f(x − h)) / 2h`, where the step `h = ε·max(1, |x|)` and `ε = 10⁻⁶`,
# and `gradgradcheck` every second derivative with differences of the first. Where the two
# disagree by more than `atol + rtol·|numerical|` (`10⁻⁵ + 10⁻³·|numerical|`, PyTorch's
# defaults), they try again with the step `h/1000`, in case `f` curves too sharply for `h`.
# Both return `True` or raise `GradcheckError` with the numbers.
#
# ## A derivative that is wrong
#
# Dividing a vector by its length, written with the length taken out of the graph. With
# `.data`, `grad` (which `gradcheck` calls) refuses at once:

# %%
def normalised_x(x, y):
    length = (x * x + y * y).sqrt().data  # a number: the graph stops here
    return x / length


try:
    gradcheck(normalised_x, 3.0, 4.0)
except TypeError as error:
    print(error)

# %% [markdown]
# Recomputed as a plain float with `math`, the length is a constant the engine cannot tell
# from any other: the values are right, the derivative is not, and `gradcheck` says so.

# %%
import math


def normalised_x(x, y):
    length = math.sqrt(x.data**2 + y.data**2)  # a plain float: the graph stops here
    return x / length


print("value at (3, 4):", normalised_x(Value(3.0), Value(4.0)).data)
try:
    gradcheck(normalised_x, 3.0, 4.0)
except GradcheckError as error:
    print(error)


# %% [markdown]
# The engine says `∂f/∂x = 1/5 = 0.2`; the truth is `y²/(x² + y²)^(3/2) = 16/125 = 0.128`.
# Keeping the length a Value fixes it:

# %%
def normalised_x(x, y):
    return x / (x * x + y * y).sqrt()


print(gradcheck(normalised_x, 3.0, 4.0))


# %% [markdown]
# Not every constant is a bug. A numerically stable `log(eˣ + eʸ)` subtracts the larger
# input first; the result does not depend on that shift at all, so treating it as a constant
# changes nothing. `float(...)` says so on purpose (a number straight from `.data` would be
# refused, as above):

# %%
def logsumexp(x, y):
    m = float(max(x.data, y.data))  # a constant shift, for stability
    return m + ((x - m).exp() + (y - m).exp()).log()


print(gradcheck(logsumexp, 1.0, 2.0), gradgradcheck(logsumexp, 1.0, 2.0))

# %% [markdown]
# Nor is a kink. At `0`, `relu` has no derivative to check: its slope is 0 from the left
# and 1 from the right. `gradcheck` tells that apart from a wrong derivative, and says so:

# %%
try:
    gradcheck(lambda x: x.relu(), 0.0)
except GradcheckError as error:
    print(error)

# %% [markdown]
# ## Many points at once: property tests
#
# One point proves little: a bug may live in one region only. `values(lo, hi)` draws Values
# for hypothesis, which runs a test on many of them and, when one fails, shrinks it to a
# simple failing input. (`derandomize=True` makes every run of this notebook draw the same
# points; in a test suite, leave it out.)

# %%
SAME_EVERY_RUN = settings(
    derandomize=True, database=None, print_blob=False, phases=set(Phase) - {Phase.explain}
)


checked = []


@settings(SAME_EVERY_RUN, max_examples=200)
@given(values(-20, 20))
def test_softplus(x):
    checked.append(x.data)
    assert gradcheck(softplus, x)
    assert gradgradcheck(softplus, x)


test_softplus()
print(f"softplus: first and second derivatives right at {len(checked)} points "
      f"from {min(checked):g} to {max(checked):g}")


# %% [markdown]
# Here is a function whose bug lives in one region only: a `tanh` that, where the curve is
# nearly flat (`|x| > 3`), "saves a node" by computing the value as a plain float. The
# values are right everywhere; the derivative is 0 out there instead of `1 − tanh²(x)`.
# Hypothesis finds an input where that matters, and shrinks it to the simplest it can:

# %%
def flat_tanh(x):
    if abs(x.data) > 3:
        return Value(math.tanh(x.data))  # the right number, but no graph: derivative 0
    return x.tanh()


@settings(SAME_EVERY_RUN, max_examples=200)
@given(values(-10, 10))
def test_flat_tanh(x):
    assert gradcheck(flat_tanh, x)


try:
    test_flat_tanh()
except GradcheckError as error:
    print(*error.__notes__, sep="\n")  # hypothesis's note: the simplest failing input
    print(error)

# %% [markdown]
# At `x = 4` the true slope `1 − tanh²(4) = 0.00134` is small, but not the 0 the engine
# computes from a graph that stops there.
#
# Further out the same bug goes unseen. Past `|x| ≈ 6.5` the true slope is below `atol = 10⁻⁵`,
# and like PyTorch's, `gradcheck` passes any derivative within `atol` of the truth. To check
# small derivatives, pass `atol=0`, so that only the relative `rtol` applies, or scale `f` up
# (`raise_exception=False` returns `False` instead of raising):

# %%
print(f"true slope at 7: {1 - math.tanh(7.0) ** 2:.2g}, the engine's: {grad(flat_tanh)(7.0)}")
print("gradcheck(flat_tanh, 7.0):        ", gradcheck(flat_tanh, 7.0))
print("gradcheck(flat_tanh, 7.0, atol=0):",
      gradcheck(flat_tanh, 7.0, atol=0, raise_exception=False))
print("gradcheck(1000 · flat_tanh, 7.0): ",
      gradcheck(lambda x: 1000 * flat_tanh(x), 7.0, raise_exception=False))

# %% [markdown]
# Drawn over a range (and zoomed in on the tails), the hole is plain to see:

# %%
import matplotlib.pyplot as plt
import numpy as np

xs = np.linspace(-6, 6, 241)
fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(xs, 1 - np.tanh(xs) ** 2, "k--", lw=1, label="1 − tanh²(x), the true slope")
ax.plot(xs, [grad(flat_tanh)(x) for x in xs], color="C3", lw=2, alpha=0.7,
        label="grad(flat_tanh), from the engine")
ax.axvspan(-6, -3, color="grey", alpha=0.15)
ax.axvspan(3, 6, color="grey", alpha=0.15)
ax.set_ylim(0, 0.03)  # zoomed in on the tails: the peak, 1 at x = 0, is off the top
ax.set_xlabel("x")
ax.legend(loc="upper left", fontsize=8)
ax.set_title("where flat_tanh leaves the graph (shaded), the engine's slope is 0")
plt.show()

# %% [markdown]
# ## Testing whole families of expressions
#
# `expressions(ops)` draws whole expression graphs over the operations you name, at points
# clear of each operation's kinks and domain edges. The engine's own test suite runs this on
# every operation; here, forty graphs over four of them:

# %%
checked = []


@settings(SAME_EVERY_RUN, max_examples=40)
@given(expressions(["mul", "tanh", "log", "div"], max_depth=3))
def test_engine(e):
    checked.append(e)
    assert gradcheck(e, *e.point)
    assert gradgradcheck(e, *e.point)


test_engine()
print(f"{len(checked)} drawn expressions: first and second derivatives right")

# %% [markdown]
# A drawn expression prints as Python, with its point, so a failure is easy to paste and
# rerun. `find` asks hypothesis for the simplest expression it can draw that uses both
# `tanh` and `log`:

# %%
find(expressions(["mul", "tanh", "log", "div"], max_depth=3),
     lambda e: "tanh" in e.formula and "log" in e.formula, settings=SAME_EVERY_RUN)
