"""The interactive chain-rule explorer: a Jupyter widget, and a page for any browser.

``autograd.explore(root)`` shows the graph below ``root`` as ``autograd.draw`` pictures it.
Click a node: every path from ``root`` to it lights up, and its chain rule (from
``autograd.explain``) is typeset beside the picture. Hover an edge: its local derivative,
formula and value. Step through backward: the nodes pass their gradients on in the engine's
own order, the sums growing where paths meet. In Jupyter, change a leaf in its number box and
forward and backward run again. ``page(root)`` is the same as one self-contained HTML file
(``python -m autograd graph … -o FILE.html``).

Both are drawn from one *scene* (``autograd.explore.scene``), computed in Python on a copy
of the graph: the graph you pass is never changed.

>>> from autograd import Value
>>> import autograd
>>> x = Value(0.5, label="x"); h = x * x; h.label = "h"; y = h.tanh(); y.label = "y"
>>> view = autograd.explore(y, select="x", picture=False)
>>> print(view.chain["text"])
∂y/∂x = ∂y/∂h · ∂h/∂x = (0.9400)(1) = 0.9400
"""

from __future__ import annotations

import sys
import types
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from .page import page
from .run import training
from .scene import NODE_LIMIT, network_svg, scene

if TYPE_CHECKING:
    from ..audit.report import Report
    from ..value import Value
    from .widget import Explorer

__all__ = ["NODE_LIMIT", "explore", "network_svg", "page", "scene", "training"]


def explore(
    root: Value | Report,
    *,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
    digits: int = 4,
    select: Value | str | None = None,
    picture: bool = True,
    part: str | None = None,
) -> Explorer:
    """The explorer of ``root`` as a Jupyter widget. ``groups`` (``MLP.groups()``) and
    ``digits`` are ``autograd.draw``'s; ``select`` a node (or its label) to show first;
    ``picture=False`` leaves the graph's picture out (it needs Graphviz's ``dot``). ``root``
    may be a checked worksheet (``autograd.audit.check(path)``): its ``part`` (the first with
    an error by default) is drawn with every number the student wrote on it."""
    try:
        from .widget import Explorer
    except ImportError as missing:  # anywidget: the `explore` extra
        raise ImportError(
            "autograd.explore needs anywidget: pip install 'chainrule-autograd[explore]' "
            f"({missing})"
        ) from None
    return Explorer(root, groups=groups, digits=digits, select=select, picture=picture, part=part)


class _CallableModule(types.ModuleType):
    # `autograd.explore` is this package once imported; calling it calls explore().
    __call__ = staticmethod(explore)


sys.modules[__name__].__class__ = _CallableModule
