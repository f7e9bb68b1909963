"""The backward pass: reverse-mode accumulation, without recursion.

Every function here walks the graph with an explicit stack or over ``topological_order``
(``autograd.graph``), so a chain a million operations deep needs no more than memory
proportional to its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .chain import local_grads, not_finite, product
from .graph import depends_on, topological_order
from .ops import INF

if TYPE_CHECKING:
    from .value import Value

__all__ = ["backward", "gradients", "zero_grad"]


def backward(root: Value) -> None:
    """Fill ``.grad`` of every node below ``root`` with ``∂root/∂node``.

    Leaves accumulate across calls (PyTorch's policy: reset with ``zero_grad``); every other
    node holds the gradient of the latest call only, so repeated calls never double-count.
    """
    # Kahn's algorithm, fused with accumulation: a node passes its gradient on once every
    # node that uses it has passed on theirs, so no separate ordering pass is needed.
    # Leaves only receive, so only interior nodes are counted and queued: in a network most
    # inputs of a node are weights. This is the engine's hot path: methods are bound to
    # locals, each count is read once.
    if not root._parents:
        root.grad += 1.0
        return
    uses: dict[Value, int] = {}
    count = uses.get
    stack = [root]
    push, pop = stack.append, stack.pop
    while stack:
        for parent in pop()._parents:
            if parent._parents:
                n = count(parent)
                if n is None:
                    uses[parent] = 1
                    push(parent)
                    parent.grad = 0.0
                else:
                    uses[parent] = n + 1
    root.grad = 1.0
    ready = [root]
    push, pop = ready.append, ready.pop
    finite = True
    while ready:
        node = pop()
        parents = node._parents
        g = node.grad
        try:  # one and two parents spelled out: most nodes, and no zip to build
            arity = len(parents)
            if arity == 1:
                (d,) = node._op.local_grads(node._data, parents[0]._data)
                parents[0].grad += d * g
            elif arity == 2:
                a, b = parents
                da, db = node._op.local_grads(node._data, a._data, b._data)
                a.grad += da * g
                b.grad += db * g
            else:
                grads = node._op.local_grads(node._data, *[p._data for p in parents])
                for parent, d in zip(parents, grads):
                    parent.grad += d * g
        except (ArithmeticError, ValueError) as error:
            raise not_finite(node, error) from None
        for parent in parents:
            if parent._parents:
                n = uses[parent]
                if n == 1:
                    push(parent)
                else:
                    uses[parent] = n - 1
            elif not -INF < parent.grad < INF:
                # Float arithmetic overflows to inf (and inf · 0 to nan) without a word, and
                # a non-finite sum stays so: a leaf tells, and then we look for where.
                finite = False
    if not finite:
        raise _overflowed(root)


def _overflowed(root: Value, grads: dict[Value, Any] | None = None) -> ArithmeticError:
    """The error naming the first operation whose gradient became inf or nan."""
    for node in reversed(topological_order(root)):
        g = node.grad if grads is None else grads.get(node, 0.0)
        for d in local_grads(node) if node._parents else ():
            if not -INF < d * g < INF:
                # d itself NaN (the row's "undefined here"), or the product too large
                return not_finite(node, d if d != d else INF)
    return OverflowError("backward: a gradient went past the largest float")


def zero_grad(root: Value) -> None:
    """Set ``.grad`` to 0 on ``root`` and every node below it."""
    for node in topological_order(root):
        node.grad = 0.0


def gradients(
    output: Value,
    inputs: Sequence[Value],
    as_values: bool = False,
    order: Sequence[Value] | None = None,
) -> list[Any]:
    """``∂output/∂x`` for each ``x`` in ``inputs``, touching no ``.grad`` field.

    With ``as_values`` the gradients are Values built from the local derivatives, so they can
    be differentiated again (this is what makes ``grad(grad(f))`` work). Only nodes that lie
    on a path from an input to the output are visited. ``order`` is ``output``'s topological
    order, when the caller has it.
    """
    order = topological_order(output) if order is None else order
    on_path = depends_on(order, *inputs)
    if output not in on_path:
        return [0.0 for _ in inputs]
    acc: dict[Value, Any] = {output: 1.0}
    for node in reversed(order):
        if node not in on_path or not node._parents or node not in acc:
            continue
        g = acc[node]
        for parent, d in zip(node._parents, local_grads(node, as_values)):
            if parent in on_path:
                if type(d) is float and not -INF < d < INF:
                    raise not_finite(node, d)
                term = product(d, g)
                acc[parent] = acc[parent] + term if parent in acc else term
    results = [acc.get(x, 0.0) for x in inputs]
    if not all(-INF < r < INF for r in results if type(r) is float):
        raise _overflowed(output, acc)
    return results
