"""A scalar automatic-differentiation engine for seeing and checking the chain rule.

>>> from autograd import Value, grad
>>> x = Value(0.5, label="x")
>>> y = x.sigmoid()
>>> y.backward(); round(x.grad, 4)
0.235
>>> round(grad(grad(lambda t: t ** 3))(2.0), 6)
12.0
"""

from importlib import import_module
from typing import Any

from .backward import topological_order, zero_grad
from .grad import grad, hessian, jacfwd, jacobian, jacrev, jvp, value_and_grad, vjp
from .value import Value, dot, sum  # noqa: F401 - autograd.sum, as torch.sum

__all__ = [
    "Value",
    "dot",
    "grad",
    "hessian",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jvp",
    "topological_order",
    "value_and_grad",
    "vjp",
    "zero_grad",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # `autograd.draw` loads on first use: it needs graphviz, an optional extra (`[draw]`).
    if name == "draw":
        return import_module(".draw", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
