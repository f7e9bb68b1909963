"""Training over steps: a run of gradient descent recorded for the explorer's slider.

``training(model, loss_fn, steps=…)`` runs ``steps`` steps of plain gradient descent
(``autograd.nn.SGD``) on ``model``, where ``loss_fn(model)`` builds the loss afresh each step,
and records at each step every node's value and gradient and every node's chain rule. The
explorer shows the first step's picture with a slider over the steps: the weights, the
gradients and the loss change as it moves, beside the loss curve, and a click still writes
that step's chain rule. The model is trained: its parameters end where the run ends.

>>> from autograd import Value
>>> from autograd.nn import MLP
>>> net = MLP(1, [1], activation="linear", seed=0)
>>> run = record(net, lambda m: (m([2.0]) - 1.0) ** 2, steps=3, learning_rate=0.05)
>>> len(run["training"]["steps"]), run["training"]["losses"][0] > run["training"]["losses"][-1]
(3, True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..graph import topological_order
from ..nn import SGD
from ..numtext import number_text
from ..value import Value
from .scene import draw_network, scene

if TYPE_CHECKING:
    from .widget import Explorer

__all__ = ["MAX_STEPS", "record", "training"]

MAX_STEPS = 300
"""The most steps a run records: each is a whole scene's numbers and chain rules."""


def record(
    model: Any,
    loss_fn: Callable[[Any], Value],
    *,
    steps: int = 100,
    learning_rate: float = 0.1,
    digits: int = 4,
    picture: bool = False,
) -> dict[str, Any]:
    """The scene of the first step, with ``scene["training"]``: each step's numbers and chain
    rules, and the loss at each step. ``picture`` also draws the graph view (Graphviz)."""
    if type(steps) is not int or not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"training: steps must be an int from 1 to {MAX_STEPS}, got {steps!r}")
    if not callable(getattr(model, "parameters", None)):
        raise TypeError(
            f"training: model must have parameters() (an MLP, a Module), got {type(model).__name__}"
        )
    groups = model.groups() if hasattr(model, "groups") else None
    optimizer = SGD(model.parameters(), learning_rate)
    first: dict[str, Any] | None = None
    shape: list[str] = []
    frames: list[dict[str, Any]] = []
    losses: list[float] = []
    for step in range(steps):
        loss = loss_fn(model)
        if not isinstance(loss, Value):
            raise TypeError(f"training: loss_fn must return a Value, got {type(loss).__name__}")
        order = topological_order(loss)
        ops = [n.op.name if n.op else (n.label or "") for n in order]
        if first is None:
            first = scene(loss, groups=groups, digits=digits, picture=picture)
            shape = ops
        elif ops != shape:
            raise ValueError(f"training: loss_fn built a graph of another shape at step {step}")
        now = scene(loss, groups=groups, digits=digits, picture=False)
        frames.append(
            {
                "loss": number_text(loss.data, digits),
                "data": {i: n["data"] for i, n in now["nodes"].items()},
                "grad": {i: n["grad"] for i, n in now["nodes"].items()},
                "chains": now["chains"],
            }
        )
        losses.append(loss.data)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    assert first is not None
    first["training"] = {"steps": frames, "losses": losses, "learning_rate": learning_rate}
    if first["network"]:  # again: its boxes sized for every step's numbers
        draw_network(first)
    return first


def training(
    model: Any,
    loss_fn: Callable[[Any], Value],
    *,
    steps: int = 100,
    learning_rate: float = 0.1,
    digits: int = 4,
) -> Explorer:
    """The explorer of a training run (``record``'s) as a Jupyter widget, a slider over its
    steps. ``explorer.page()`` is the same as one HTML file."""
    from .widget import Explorer

    run = record(model, loss_fn, steps=steps, learning_rate=learning_rate, digits=digits)
    return Explorer.of_scene(run)
