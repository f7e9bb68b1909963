# %% [markdown]
# # 3. Training a small network
#
# The same engine that checks a hand calculation trains a network: a forward pass over the
# data, one loss, `backward()`, a step of gradient descent, and again. Here a two-layer
# perceptron learns to separate two interleaved half-moons.

# %%
import sys

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons
from tqdm import tqdm

import autograd
from autograd.nn import MLP, SGD, hinge

X, labels = make_moons(n_samples=100, noise=0.1, random_state=0)
y = 2.0 * labels - 1.0  # classes as −1 and +1

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=25)
ax.set_title("100 points, two classes (scikit-learn's make_moons)")
plt.show()

# %% [markdown]
# ## The model and the loss
#
# Two inputs, two hidden layers of 12 ReLU neurons, one linear output: a *score* whose sign
# is the predicted class. The loss is the hinge loss `max(0, 1 − y·score)` averaged over the
# points (zero once every point is on its side by a margin of 1), plus a small penalty on
# the weights' squares that keeps them from growing without end.

# %%
model = MLP(2, [12, 12, 1], seed=0)  # relu, relu, linear; seeded, so every run is the same
print(model)
print(len(model.parameters()), "parameters")


def penalty(model):
    return 1e-4 * autograd.sum(p * p for p in model.parameters())


def loss_and_accuracy():
    scores = [model([float(a), float(b)]) for a, b in X]
    accuracy = np.mean([(s.data > 0) == (t > 0) for s, t in zip(scores, y)])
    return hinge(scores, y) + penalty(model), accuracy


# %% [markdown]
# ## Training
#
# Sixty steps of gradient descent on the whole data set, the learning rate falling from 1
# towards 0.1. Each step builds the graph of the loss anew (a node per operation on every
# point), differentiates it, and moves every parameter against its gradient.

# %%
def progress(steps):
    """A progress bar that prints no timings, so that every run prints the same."""
    layout = "{l_bar}{bar:30}| {n_fmt}/{total_fmt}{postfix}"  # no rate, no time
    return tqdm(range(steps), file=sys.stdout, bar_format=layout)


STEPS = 60
history = []
bar = progress(STEPS)
for step in bar:
    loss, accuracy = loss_and_accuracy()
    model.zero_grad()  # leaves accumulate: start each step from zero
    loss.backward()
    SGD(model.parameters(), lr=1.0 - 0.9 * step / STEPS).step()
    history.append((loss.data, accuracy))
    bar.set_postfix_str(f"loss {loss.data:.4f}, accuracy {accuracy:.0%}")
print(f"each step's graph: {len(autograd.topological_order(loss))} nodes")

# %%
losses, accuracies = zip(*history)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3))
left.plot(losses)
left.set_yscale("log")
left.set_xlabel("step")
left.set_title("loss")
right.plot(accuracies, color="C2")
right.set_ylim(0.4, 1.02)
right.set_xlabel("step")
right.set_title("accuracy on the training points")
plt.show()
print(f"first step: loss {losses[0]:.3f}, accuracy {accuracies[0]:.0%}")
print(f"last step:  loss {losses[-1]:.4f}, accuracy {accuracies[-1]:.0%}")

# %% [markdown]
# ## The same training, compiled
#
# Every step above built the same graph again, only with new numbers. `autograd.compile`
# records the loss of *one* point once, as a flat tape of operations, and replays it on
# NumPy arrays: one array operation per step of the tape, over all points at once. The
# model's parameters are read afresh at every replay, and `tape.backward(...)` adds the
# gradient, summed over the points, to each parameter's `.grad`, as `backward()` does.
#
# Starting again from the same seed, the compiled loop takes the same steps. (The tape's 53
# steps are the operations on one point; its leaves are the 205 parameters, read at every
# replay, while the two constants `1` and `n` of the loss are folded into its code; it has no
# guards, as the function takes no decision on a traced value.)

# %%
from autograd.compile import trace


def compiled_training(model, X, y, steps):
    n = len(X)
    tape = trace(lambda x1, x2, t: (1 - t * model([x1, x2])).relu() / n, 0.0, 0.0, 1.0)
    history = []
    bar = progress(steps)
    for step in bar:
        model.zero_grad()
        loss = tape.backward(X[:, 0], X[:, 1], y).sum()  # the hinge part, per point
        extra = penalty(model)
        extra.backward()
        SGD(model.parameters(), lr=1.0 - 0.9 * step / steps).step()
        history.append(loss + extra.data)
        bar.set_postfix_str(f"loss {history[-1]:.4f}")
    return tape, history


again = MLP(2, [12, 12, 1], seed=0)
tape, compiled_losses = compiled_training(again, X, y, STEPS)
print(tape)
difference = np.max(np.abs(np.subtract(compiled_losses, losses)))
print(f"largest difference from the losses of the Value graphs above: {difference:.1e}")

# %% [markdown]
# ## What a network learns
#
# Fast enough now for five times the points, noisier, a wider network (16 neurons a layer)
# and a thousand steps:

# %%
X, labels = make_moons(n_samples=500, noise=0.15, random_state=1)
y = 2.0 * labels - 1.0
model = MLP(2, [16, 16, 1], seed=0)
_, big_losses = compiled_training(model, X, y, 1000)

# %% [markdown]
# The score on a grid over the plane (one more tape, replayed on all 10 000 grid points at
# once): the boundary between the colours is where the score changes sign.

# %%
score = trace(lambda a, b: model([a, b]), 0.0, 0.0)
print(f"accuracy on the 500 points: {np.mean((score(X[:, 0], X[:, 1]) > 0) == (y > 0)):.1%}")

xx, yy = np.meshgrid(np.linspace(-1.7, 2.7, 100), np.linspace(-1.2, 1.7, 100))
grid = score(xx.ravel(), yy.ravel()).reshape(xx.shape)

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), width_ratios=[1, 1.6])
left.plot(big_losses)
left.set_yscale("log")
left.set_xlabel("step")
left.set_title("loss, compiled training")
right.contourf(xx, yy, grid > 0, levels=1, cmap="coolwarm", alpha=0.35)
right.contour(xx, yy, grid, levels=[0], colors="k", linewidths=1)
right.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=12)
right.set_title("decision boundary: score = 0")
plt.show()
