"""A function a page gives only by its derivative and one value, read as the function itself.

Quiz solutions often write ``dL/dw = 2w − 6`` and ``L(3) = 1`` and then a table of ``L(w)``
at each step of a descent, the loss's own formula left to the reader (or in a figure the copy
lost). A reader integrates: ``L = w² − 6w + 10``. Only a polynomial in the one variable is
integrated, so the function is exact, never an approximation.

>>> from autograd.audit.read_chain import parse_chain
>>> from autograd.audit.worksheet import show
>>> show(function_from_derivative(parse_chain("dL/dw = 2w - 6")[1], "w", "3", "1"))
'w^2 − 6 · w + 10'
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .worksheet import Call, Expr, Name, Num

__all__ = ["MAX_DEGREE", "function_from_derivative"]

#: The highest power a derivative integrated may hold (a page's loss is a low polynomial).
MAX_DEGREE = 8

Polynomial = dict[int, Fraction]  # the coefficient of each power of the variable


def function_from_derivative(derivative: Expr, variable: str, at: str, value: str) -> Expr | None:
    """The function whose derivative by ``variable`` is ``derivative`` and whose value at
    ``at`` is ``value`` (both numbers as written); None unless the derivative is a polynomial
    in ``variable`` alone."""
    p = _polynomial(derivative, variable)
    try:
        a, v = Fraction(Decimal(at)), Fraction(Decimal(value))
    except (InvalidOperation, ValueError):
        return None
    if p is None:
        return None
    integral = {k + 1: c / (k + 1) for k, c in p.items()}
    integral[0] = v - sum(c * a**k for k, c in integral.items())
    return _written(integral, variable)


def _polynomial(e: Expr, x: str) -> Polynomial | None:
    """``e`` as a polynomial in ``x`` with rational coefficients; None if it is not one."""
    if isinstance(e, Num):
        try:
            return {0: Fraction(Decimal(e.text))}
        except (InvalidOperation, ValueError):
            return None
    if isinstance(e, Name):
        return {1: Fraction(1)} if e.name == x else None
    if not isinstance(e, Call):
        return None
    args = [_polynomial(a, x) for a in e.args]
    if e.fn == "pow":
        n = _polynomial(e.args[1], "")  # an exponent of numbers alone
        if args[0] is None or n is None or set(n) - {0}:
            return None
        k = n.get(0, Fraction(0))
        if k.denominator != 1 or not 0 <= k <= MAX_DEGREE:
            return None
        out: Polynomial | None = {0: Fraction(1)}
        for _ in range(int(k)):
            out = _times(out, args[0])
        return out
    if any(a is None for a in args):
        return None
    if e.fn in ("group", "add"):
        return _sum(args)
    if e.fn == "neg":
        return {k: -c for k, c in args[0].items()}
    if e.fn == "sub":
        return _sum([args[0], {k: -c for k, c in args[1].items()}])
    if e.fn == "mul":
        out = {0: Fraction(1)}
        for a in args:
            out = _times(out, a)
        return out
    if e.fn == "div" and set(args[1]) == {0} and args[1][0] != 0:
        return {k: c / args[1][0] for k, c in args[0].items()}
    return None


def _sum(ps: list[Polynomial]) -> Polynomial:
    out: Polynomial = {}
    for p in ps:
        for k, c in p.items():
            out[k] = out.get(k, Fraction(0)) + c
    return out


def _times(p: Polynomial | None, q: Polynomial) -> Polynomial | None:
    if p is None:
        return None
    out: Polynomial = {}
    for i, a in p.items():
        for j, b in q.items():
            if i + j > MAX_DEGREE + 1:
                return None
            out[i + j] = out.get(i + j, Fraction(0)) + a * b
    return out


def _written(p: Polynomial, x: str) -> Expr:
    """The polynomial as people write it: the highest power first, ``x^2 − 6 · x + 10``."""
    terms = [(k, c) for k, c in sorted(p.items(), reverse=True) if c != 0]
    if not terms:
        return Num("0")
    out: Expr | None = None
    for k, c in terms:
        size = _number(abs(c))
        power = Name(x) if k == 1 else Call("pow", (Name(x), Num(str(k))))
        term = size if k == 0 else power if abs(c) == 1 else Call("mul", (size, power))
        if out is None:
            out = Call("neg", (term,)) if c < 0 else term
        else:
            out = Call("sub" if c < 0 else "add", (out, term))
    return out


def _number(c: Fraction) -> Expr:
    if c.denominator == 1:
        return Num(str(c.numerator))
    return Call("group", (Call("div", (Num(str(c.numerator)), Num(str(c.denominator)))),))
