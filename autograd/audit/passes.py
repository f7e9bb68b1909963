"""The derivative passes over one part's graph, and what they keep between questions.

A part's quantities are one graph of engine Values (``recompute.Model`` builds it); every
``∂top/∂bottom`` the checker asks is a pass over that graph. Asked one by one, a worksheet's
derivatives would each walk the whole graph; here they share one topological order of it, a
backward pass for a top asked with several bottoms (∂L/∂w1, ∂L/∂w2, …), a forward sweep for a
bottom asked with several tops, and what each node is computed from.

>>> from autograd import Value
>>> x = Value(2.0, label="x"); y = x * x; z = y + x
>>> passes = Passes([z])
>>> passes.tangents(z, x)[z], x in passes.computed_from(y)
(5.0, True)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..backward import gradients
from ..forward import sweep
from ..graph import order_above, topological_order
from ..value import Value

__all__ = ["GRADIENTS_KEPT", "Passes"]

#: The tops whose backward pass is kept for their next bottoms (∂L/∂w1, ∂L/∂w2, … one pass),
#: and the bottoms whose forward sweep is kept for their next tops: each holds a derivative
#: for every node it reached, so a few are kept, the latest.
GRADIENTS_KEPT = 4


class Passes:
    """The derivatives between nodes of one graph, by passes over its one topological order.

    ``roots`` are the graph's outputs, read when the order is first needed (a view of a
    part's named quantities: as many as are built by then)."""

    def __init__(self, roots: Iterable[Value]) -> None:
        self._roots = roots
        self._placed: tuple[list[Value], dict[Value, int]] | None = None
        self._asked: dict[Value, set[Value]] = {}  # two of the bottoms asked below a top
        self._asked_below: dict[Value, set[Value]] = {}  # two of the tops asked above a bottom
        self._gradients: dict[Value, dict[Value, float]] = {}  # by top, its backward pass
        self._tangents_of: dict[Value, dict[Value, float]] = {}  # by bottom, a forward sweep
        self._below: dict[Value, set[Value]] = {}  # by node, what it is computed from

    def order(self) -> list[Value]:
        """Every node of the graph, in one topological order."""
        return self._place()[0]

    def _place(self) -> tuple[list[Value], dict[Value, int]]:
        """The one topological order, with each node's place in it."""
        if self._placed is None:
            roots = list(self._roots)
            order = topological_order(*roots) if roots else []
            self._placed = (order, {n: i for i, n in enumerate(order)})
        return self._placed

    def computed_from(self, node: Value) -> set[Value]:
        """Every node ``node`` is computed from, itself included: one walk per node, however
        often it is asked (a quantity is asked once for each partial the page writes)."""
        if node not in self._below:
            self._below[node] = set(topological_order(node))
        return self._below[node]

    def tangents(self, top: Value, bottom: Value) -> dict[Value, float]:
        """∂node/∂bottom for the nodes from ``bottom`` up to ``top``: a forward sweep over that
        stretch of the graph's order, so a derivative between neighbours costs what lies
        between them; a bottom asked for with two tops gets one forward sweep for all above it
        (∂x9/∂x0, ∂x19/∂x0, …), a top asked for with two bottoms one backward pass for all
        below it (∂L/∂w1, ∂L/∂w2, …). The latest ``GRADIENTS_KEPT`` of each are kept."""
        if bottom in self._tangents_of:
            return self._tangents_of[bottom]
        if top in self._gradients:
            known = self._gradients[top]
            return {top: known[bottom]} if bottom in known else {}
        order, index = self._place()
        bottoms = self._asked.setdefault(top, set())  # two of each at most: enough to know
        tops = self._asked_below.setdefault(bottom, set())
        if len(bottoms) < 2:
            bottoms.add(bottom)
        if len(tops) < 2:
            tops.add(top)
        if len(tops) > 1 and bottom in index:  # two tops above one bottom: sweep it all
            self._tangents_of[bottom] = sweep([top], [bottom], [1.0], order=order[index[bottom] :])
            _keep_latest(self._tangents_of)
            return self.tangents(top, bottom)
        if len(bottoms) > 1:  # two bottoms below one top: one backward pass for all
            order = topological_order(top)  # everything top is computed from
            self._gradients[top] = dict(zip(order, gradients(top, order, order=order)))
            _keep_latest(self._gradients)
            return self.tangents(top, bottom)
        return self.sweep(top, bottom)

    def sweep(self, top: Value, bottom: Value) -> dict[Value, float]:
        """∂node/∂bottom up to ``top`` by a forward sweep over the stretch of the graph's one
        order from ``bottom`` up (a fresh expression's own nodes after it): the graph is
        walked once, not once per derivative."""
        order, index = self._place()
        if bottom not in index:
            return sweep([top], [bottom], [1.0])
        if top not in index:  # ∂/∂a of an expression written: its nodes above the graph's
            return sweep([top], [bottom], [1.0], order=order[index[bottom] :]
                         + order_above(index, top))  # fmt: skip
        if index[bottom] > index[top]:
            return {}
        return sweep([top], [bottom], [1.0], order=order[index[bottom] : index[top] + 1])


def _keep_latest(passes: dict[Value, dict[Value, float]]) -> None:
    """The oldest pass forgotten while more than ``GRADIENTS_KEPT`` are kept: each holds a
    number for every node it reached, so memory stays linear in the graph."""
    while len(passes) > GRADIENTS_KEPT:
        del passes[next(iter(passes))]
