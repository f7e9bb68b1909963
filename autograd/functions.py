"""The elementary functions on floats, Values and NumPy arrays alike, each made from its row.

Write an operation's value and derivatives with these (``autograd.op``) and they run
everywhere the engine runs a row: on floats (a fast backward pass), on Values (derivatives
of derivatives), on arrays (the compiled mode).

>>> from autograd import Value
>>> from autograd.functions import sigmoid
>>> sigmoid(0.0), sigmoid(Value(0.0)).data
(0.5, 0.5)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import ops
from .ops import Op
from .value import Value, apply, checked_float

__all__ = ["cos", "exp", "log", "relu", "sigmoid", "sin", "sqrt", "tanh"]


def _elementwise(row: Op) -> Callable[[Any], Any]:
    def function(x: Any) -> Any:
        if type(x) is Value:
            return apply(row, x)
        if type(x).__module__ == "numpy":  # an array (or a NumPy number): the row's array form
            return (row.array or row.forward)(x)
        return row.forward(checked_float(x, row.name))

    function.__name__ = function.__qualname__ = row.name
    function.__doc__ = f"{row.name}(x) on a float, a Value or an array (the row ``{row.name}``)."
    return function


exp = _elementwise(ops.EXP)
log = _elementwise(ops.LOG)
sqrt = _elementwise(ops.SQRT)
tanh = _elementwise(ops.TANH)
sigmoid = _elementwise(ops.SIGMOID)
relu = _elementwise(ops.RELU)
sin = _elementwise(ops.SIN)
cos = _elementwise(ops.COS)
