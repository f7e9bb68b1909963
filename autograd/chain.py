"""What both modes share: a node's local derivatives from its row, their products, and the
error for a derivative that is undefined or too large.

The backward pass multiplies each node's local derivatives into its parents' gradients; the
forward sweep multiplies them into its tangent; both read them here, from the node's row in
``ops.py``, on floats or (to differentiate again) on Values.

>>> from autograd import Value
>>> a, b = Value(3.0), Value(4.0)
>>> local_grads(a * b), product(1.0, 5.0)
((4.0, 3.0), 5.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .ops import refusal

if TYPE_CHECKING:
    from .graph import Node

__all__ = ["local_derivatives", "local_grads", "not_finite", "product"]


def local_grads(node: Node, as_values: bool = False) -> Sequence[Any]:
    """``∂node/∂parent`` for each parent, as floats, or as Values that can be differentiated.

    >>> from autograd import Value
    >>> a, b = Value(3.0), Value(4.0)
    >>> local_grads(a * b)
    (4.0, 3.0)
    """
    op, parents = node._op, node._parents
    try:
        if as_values:
            return op.local_grads(node, *parents)
        return op.local_grads(node._data, *[p._data for p in parents])
    except (ArithmeticError, ValueError) as error:
        raise not_finite(node, error) from None


def not_finite(node: Node, cause: Exception | float) -> Exception:
    """The error for ``node``'s derivative: ``cause`` raised by its row, or a local derivative
    (or a product of them) that is NaN (undefined here) or infinite (too large)."""
    return refusal(node._op, [p._data for p in node._parents], cause, derivative=True)


def product(d: Any, g: Any) -> Any:
    """``d · g``, where either may be a Value: a factor 1.0 is skipped, which keeps the graph
    of a derivative as small as the expression it came from (forward and reverse alike)."""
    if type(d) is float and d == 1.0:
        return g
    if type(g) is float and g == 1.0:
        return d
    return d * g


def local_derivatives(node: Node) -> Sequence[float | None]:
    """Each parent's local derivative, None where it is undefined (for a picture, which
    shows it so instead of raising).

    >>> from autograd import Value
    >>> local_derivatives(Value(0.0).sqrt())
    [None]
    """
    try:
        return [None if d != d else d for d in local_grads(node)]  # NaN: the row's undefined
    except (ArithmeticError, ValueError):  # a row that raises instead
        return [None] * len(node._parents)
