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
from .grad import grad
from .value import Value, dot, sum  # noqa: F401 - autograd.sum, as torch.sum

__all__ = ["Value", "grad", "topological_order", "zero_grad", "dot"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # `autograd.draw` and `autograd.explore` load on first use: they need optional extras
    # (`[draw]`: graphviz; `[explore]`: anywidget too).
    if name in ("draw", "explore"):
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
