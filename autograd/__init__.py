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

from .backward import zero_grad
from .custom import op
from .grad import (
    grad,
    hessian,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    stop_gradient,
    value_and_grad,
    vjp,
)
from .graph import topological_order
from .value import Value, dot, logsumexp, register_picture, softmax, sum  # noqa: F401 (as torch)

__all__ = [
    "Value",
    "dot",
    "grad",
    "hessian",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jvp",
    "logsumexp",
    "op",
    "softmax",
    "stop_gradient",
    "topological_order",
    "value_and_grad",
    "vjp",
    "zero_grad",
]
__version__ = "0.1.0"


def _picture(root: Value, text: str, **options: Any) -> dict[str, str]:
    """Jupyter's picture of a graph, by the drawing layer, loaded on first use: it needs
    graphviz, an optional extra (`[draw]`)."""
    try:
        drawing = import_module(".drawing", __name__)
    except ImportError as missing:
        return {"text/plain": f"{text}\n(no picture: {missing})"}
    return drawing.mimebundle(root, text, **options)


register_picture(_picture)


def __getattr__(name: str) -> Any:
    # `autograd.draw`, the function of `autograd.drawing`, loads on first use: it needs
    # graphviz, an optional extra (`[draw]`). The module has another name than the function,
    # so importing it never rebinds `autograd.draw`.
    if name == "draw":
        return import_module(".drawing", __name__).draw
    # `autograd.explore` is a package that can be called (`[explore]`: anywidget too)
    if name == "explore":
        return import_module(".explore", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
