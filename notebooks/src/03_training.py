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


def loss_and_accuracy():
    scores = [model([float(a), float(b)]) for a, b in X]
    penalty = 1e-4 * autograd.sum(p * p for p in model.parameters())
    accuracy = np.mean([(s.data > 0) == (t > 0) for s, t in zip(scores, y)])
    return hinge(scores, y) + penalty, accuracy


# %% [markdown]
# ## Training
#
# Sixty steps of gradient descent on the whole data set, the learning rate falling from 1
# to 0.1. Each step builds the graph of the loss anew (a node per operation on every
# point), differentiates it, and moves every parameter against its gradient.

# %%
STEPS = 60
history = []
bar = tqdm(range(STEPS), file=sys.stdout, bar_format="{l_bar}{bar:30}| {n_fmt}/{total_fmt}{postfix}")
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
# ## What the network learned
#
# The score on a grid of points over the plane: the boundary between the colours is where
# the score changes sign. Every training point lies on its own side.

# %%
xx, yy = np.meshgrid(np.linspace(-1.6, 2.6, 60), np.linspace(-1.1, 1.6, 60))
grid = np.array([[model([float(a), float(b)]).data for a, b in zip(ra, rb)] for ra, rb in zip(xx, yy)])

fig, ax = plt.subplots(figsize=(6, 4))
ax.contourf(xx, yy, grid > 0, levels=1, cmap="coolwarm", alpha=0.35)
ax.contour(xx, yy, grid, levels=[0], colors="k", linewidths=1)
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=25)
ax.set_title("decision boundary: score = 0")
plt.show()
