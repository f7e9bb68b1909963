"""A page's definition of a function the engine knows, judged as an identity.

Pages state the functions they use before using them: ``σ(x) = 1/(1 + e^{−x})``,
``σ'(x) = σ(x)(1 − σ(x))``, ``tanh'(u) = 1 − tanh²(u)``. The variable is no quantity of
the page (it has no value), so such a line is no equation between numbers; it holds for every
value of the variable or it is wrong. Both sides are computed at a few values of it, chosen
to be related to no number a page writes and to lie on both sides of 0 (where ReLU's
derivative changes): equal at all of them, the definition is right; else the first value
where they differ shows the slip (``σ(x) = 1/(1 + e^{x})`` is 0.5744 at x = −0.3, not 0.4256).

>>> from autograd.audit.read_text import parse_chain
>>> from autograd.audit.recompute import Model
>>> from autograd.audit.worksheet import Part
>>> value = Model(Part("")).value
>>> q, right = parse_chain("σ(x) = 1/(1 + e^-x)")
>>> holds(q, right, value)
True
>>> q, wrong = parse_chain("σ(x) = 1/(1 + e^x)")
>>> holds(q, wrong, value)
False
>>> differs(q, wrong, value)
'at x = −1.31831 it is 0.7889, not σ(x) = 0.2111'
"""

from __future__ import annotations

from collections.abc import Callable

from .recompute import UNARY, close
from .verdict import shown
from .worksheet import Call, Derivative, Expr, Name, Num

__all__ = ["SAMPLES", "differs", "holds", "variable"]

#: The values of the variable both sides are computed at: related to no number a page
#: writes (1/π, 1/√2 and their like), on both sides of 0.
SAMPLES = (-1.3183098862, 0.3183098862, 0.7071067812, 2.2360679775)


def variable(q: Expr) -> str | None:
    """The variable of ``q`` where ``q`` is a function the engine knows applied to a bare
    name (``σ(x)``, ``tanh'(u)``, ``d/du tanh(u)``), else None."""
    q = _as_call(q)
    if isinstance(q, Call) and q.fn in UNARY and len(q.args) == 1 and isinstance(q.args[0], Name):
        return q.args[0].name
    return None


def _as_call(q: Expr) -> Expr:
    """``d/du tanh(u)`` as ``tanh'(u)``, the derivative the engine knows; else ``q``."""
    if isinstance(q, Derivative) and isinstance(q.of, Call) and q.of.args == (Name(q.bottom),):
        return Call(q.of.fn + "'", q.of.args) if q.of.fn + "'" in UNARY else q
    return q


def holds(q: Expr, right: Expr, value: Callable[[Expr], float]) -> bool:
    """Whether ``q = right`` holds at every sample value of ``q``'s variable."""
    return differs(q, right, value) is None


def differs(q: Expr, right: Expr, value: Callable[[Expr], float]) -> str | None:
    """Where ``q = right`` fails, told (None where it holds at every sample)."""
    name, q = variable(q), _as_call(q)
    if name is None:
        raise ValueError(f"{q!r} is not a known function of a name")
    for s in SAMPLES:
        at = Num(repr(s))
        left, there = value(_at(q, name, at)), value(_at(right, name, at))
        if not close(left, there):
            told = f"{_shown_call(q)} = {shown(left)}"
            return f"at {name} = {shown(s)} it is {shown(there)}, not {told}"
    return None


def _shown_call(q: Call) -> str:
    return f"{q.fn}({q.args[0].name})"


def _at(e: Expr, name: str, at: Num) -> Expr:
    """``e`` with the variable ``name`` replaced by the number ``at``."""
    if e == Name(name):
        return at
    if isinstance(e, Call):
        return Call(e.fn, tuple(_at(a, name, at) for a in e.args))
    return e
