"""Forward mode: tangents pushed from the inputs to the outputs, through the same rows of
``ops.py`` as the backward pass.

Reverse mode gives ``∂output/∂node`` for every node in one sweep per *output*; forward mode
gives ``∂node/∂input`` (the tangent of every node) in one sweep per *input*:

    ṅode = Σ over its parents p of  ∂node/∂p · ṗ

where ``∂node/∂p`` is the row's ``local_grads``, the very factors the backward pass multiplies.
The sweep runs over the recorded graph, parents before children, in the order the values were
computed. With ``as_values`` the tangents are Values, so they can be differentiated again.

>>> from autograd import Value
>>> x = Value(2.0); y = x * x + x
>>> tangents([y], [x], [1.0])
[5.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .chain import local_grads, not_finite, product
from .graph import depends_on, topological_order
from .ops import INF

if TYPE_CHECKING:
    from .value import Value

__all__ = ["Costs", "costs", "sweep", "tangents"]


def sweep(
    outputs: Sequence[Value],
    inputs: Sequence[Value],
    seeds: Sequence[Any],
    as_values: bool = False,
    order: Sequence[Value] | None = None,
) -> dict[Value, Any]:
    """The tangent of every node on a path from ``inputs`` to ``outputs``, in forward order.

    ``seeds`` are the inputs' own tangents (for ``∂/∂x``: 1 for ``x``, 0 for the others);
    nodes that do not depend on a seeded input have no entry (their tangent is 0). ``order``
    is the stretch of a topological order to sweep, when the caller knows it (a derivative
    between neighbours of a long graph need not visit all of it).
    """
    tangent: dict[Value, Any] = dict(zip(inputs, seeds))
    for node in topological_order(*outputs) if order is None else order:
        if node in tangent or tangent.keys().isdisjoint(node._parents):
            continue
        terms = []
        for parent, d in zip(node._parents, local_grads(node, as_values)):
            if parent in tangent:
                if type(d) is float and not -INF < d < INF:
                    raise not_finite(node, d)
                terms.append(product(d, tangent[parent]))
        total = terms[0]
        for term in terms[1:]:  # added in the order of the parents, with no "0 +" node
            total = total + term
        if type(total) is float and not -INF < total < INF:
            raise not_finite(node, INF)  # past the largest float: too large
        tangent[node] = total
    return tangent


def tangents(
    outputs: Sequence[Value], inputs: Sequence[Value], seeds: Sequence[Any], as_values: bool = False
) -> list[Any]:
    """``Σᵢ ∂output/∂inputᵢ · seedᵢ`` for each output: one forward sweep (a Jacobian-vector
    product), touching no ``.grad`` field."""
    found = sweep(outputs, inputs, seeds, as_values)
    return [found.get(y, 0.0) for y in outputs]


@dataclass(frozen=True)
class Costs:
    """What each mode needs for the whole Jacobian of ``outputs`` by ``inputs``.

    A sweep visits each edge (one use of a node by an operation) on a path from what it
    starts at, and does one multiply-add there: forward mode sweeps once per input, reverse
    mode once per output.
    """

    inputs: int
    outputs: int
    forward: int  # multiply-adds, over one sweep per input
    reverse: int  # multiply-adds, over one sweep per output

    def __str__(self) -> str:
        return (
            f"{self.inputs} inputs, {self.outputs} outputs\n"
            f"forward mode: {_sweeps(self.inputs)}, {self.forward} multiply-adds\n"
            f"reverse mode: {_sweeps(self.outputs)}, {self.reverse} multiply-adds"
        )


def _sweeps(n: int) -> str:
    return "1 sweep" if n == 1 else f"{n} sweeps"


def costs(outputs: Sequence[Value], inputs: Sequence[Value]) -> Costs:
    """Count the multiply-adds each mode needs for the Jacobian of ``outputs`` by ``inputs``.

    Only edges from a node that depends on an input to one that an output depends on carry a
    derivative that matters; both modes are counted over those.

    >>> from autograd import Value
    >>> x, y = Value(1.0), Value(2.0)
    >>> print(costs([(x * y).sin()], [x, y]))
    2 inputs, 1 outputs
    forward mode: 2 sweeps, 4 multiply-adds
    reverse mode: 1 sweep, 3 multiply-adds
    """
    order = topological_order(*outputs)
    forward = sum(_edges_from(order, depends_on(order, x)) for x in inputs)
    varying = depends_on(order, *inputs)
    reverse = 0
    for y in outputs:  # the edges a reverse sweep from y multiplies along
        reached = {y}
        for node in reversed(order):
            if node in reached:
                for parent in node._parents:
                    if parent in varying:
                        reverse += 1
                        reached.add(parent)
    return Costs(len(inputs), len(outputs), forward, reverse)


def _edges_from(order: list[Value], reached: set[Value]) -> int:
    """The edges a forward sweep multiplies along: from a node in ``reached`` to its child."""
    return sum(1 for node in order for p in node._parents if p in reached)
