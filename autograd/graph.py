"""Walks over a computation graph: its order, what depends on what, finding a node, paths.

Every walk uses an explicit stack or one pass over the order, never recursion, so a chain a
million operations deep costs memory proportional to its size and nothing more.

>>> from autograd import Value
>>> x = Value(2.0, label="x"); y = x * x; y.label = "y"
>>> order = topological_order(y)
>>> find(order, "x", "example") is x, y in depends_on(order, x)
(True, True)
>>> path_sum(order, y, x, lambda n: [(p, 1) for p in n.parents])  # x·x: two edges to x
2
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from .ops import Op

__all__ = ["Node", "depends_on", "find", "order_above", "path_sum", "topological_order"]


class Node(Protocol):
    """What the engine's walks read of a node; a ``Value`` is one.

    The walks, the chain rule and the backward pass are written against this rather than the
    ``Value`` class, so that they sit below it: ``value.py`` imports them, never the reverse.
    The slots are read directly because these loops are the engine's hot path.
    """

    _data: float
    _op: Op | None
    _parents: tuple[Node, ...]  # all of them; the backward pass reads the two slots below
    _first: Node | None  # None for a leaf
    _second: Node | tuple[Node, ...] | None  # None for one parent; all of them for three or more
    _uses: int  # 0 but during a backward pass
    grad: Any
    label: str


Step = TypeVar("Step")  # path_sum walks anything its ``steps`` can walk


def topological_order(root: Node, *roots: Node) -> list[Node]:
    """Every node ``root`` depends on, each after all of its parents; ``root`` comes last.

    Given several roots, every node any of them depends on, once, each root after the nodes
    it depends on (forward mode sweeps to several outputs at once).

    >>> from autograd import Value
    >>> x = Value(2.0, label="x"); y = x * x + x
    >>> [n.label or n.op.name for n in topological_order(y)][-1]
    'add'
    """
    return order_above((), root, *roots)


def order_above(known: Container[Node], *roots: Node) -> list[Node]:
    """``topological_order`` of ``roots`` without the nodes in ``known`` (those of an order
    computed before) or below them: extending that order to a fresh expression costs what
    the expression adds, not a walk over the whole graph again.

    >>> from autograd import Value
    >>> x = Value(2.0, label="x"); y = x * 3; z = y + 1
    >>> known = topological_order(y)
    >>> [n.op.name if n.op else n.data for n in order_above(set(known), z)]
    [1.0, 'add']
    """
    order: list[Node] = []
    expanded: set[Node] = set()
    done: set[Node] = set()
    stack = list(roots)  # the last taken first: the first root is placed last
    while stack:
        node = stack[-1]
        if node in expanded:
            stack.pop()
            if node not in done:
                done.add(node)
                order.append(node)
            continue
        expanded.add(node)
        for parent in node._parents:
            if parent not in expanded and parent not in known:
                stack.append(parent)
    return order


def depends_on(order: Sequence[Node], *nodes: Node) -> set[Node]:
    """Every node of ``order`` whose value depends on one of ``nodes`` (``nodes`` included).

    ``order`` lists parents before children (``topological_order``), so one pass suffices.
    """
    below = set(nodes)
    for n in order:
        if n._parents and not below.isdisjoint(n._parents):
            below.add(n)
    return below


def find(order: Sequence[Node], node: Node | str, where: str) -> Node:
    """``node`` if it is in ``order``, or the one node there labelled ``node``.

    A label that names no node, or more than one, is refused: taking the first would answer
    for a node the caller may not have meant.
    """
    if isinstance(node, str):
        found = [n for n in order if n.label == node]
        if len(found) != 1:
            how = "no node" if not found else f"{len(found)} nodes"
            raise ValueError(f"{where}: {how} labelled {node!r} in the graph")
        return found[0]
    if order and type(node) is not type(order[-1]):  # a Value, as the graph's root is
        raise TypeError(f"{where}: expected a Value or a label, got {node!r}")
    if node not in set(order):
        raise ValueError(f"{where}: {node.label or repr(node)} is not in the graph")
    return node


def path_sum(
    order: Sequence[Step],
    top: Step,
    bottom: Step,
    steps: Callable[[Step], Iterable[tuple[Step, Any]]],
    held: Callable[[Step, Any], Any] | None = None,
) -> Any:
    """Σ over every path from ``top`` down to ``bottom`` of the product of its steps' weights,
    without listing the paths: with every weight 1, the number of paths.

    ``steps(n)`` gives the nodes one step below ``n``, each with its weight; ``order`` lists
    each node after every node it steps to (parents first), so one pass from the top suffices.
    ``held(n, total)``, where given, is what is carried on from ``n`` once the paths to it
    are summed to ``total`` (a hand calculation carries its own rounded number there).
    """
    acc: dict[Step, Any] = {top: 1}
    for n in reversed(order):
        if n in acc and n is not bottom:
            here = acc[n] if held is None or n is top else held(n, acc[n])
            for below, weight in steps(n):
                acc[below] = acc.get(below, 0) + here * weight
    return acc.get(bottom, 0)
