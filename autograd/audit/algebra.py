"""A small algebra of worksheet expressions: derivatives as formulas, from the op rows.

``derivative`` differentiates an expression symbolically, each operation's local derivative
the text its row in ``ops.py`` writes (σ′ as ``a(1 − a)``, tanh′ as ``1 − a²``), read back as
an expression; the result is a sum of terms, each a constant times factors, which ``expression``
writes as people do (constants first, brackets where needed, ``½`` as ``(1/2)``).

>>> from autograd.audit.read_chain import parse_chain
>>> _, e = parse_chain("L = ½(y − a)^2")
>>> show(expression(derivative(e, lambda name: name == "a", Name("L"))))
'−(y − a)'
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..custom import DEFINED
from ..ops import DIV, EXP, LOG, POW, SIGMOID, SQRT, TANH, Op, power
from .read_chain import parse_chain
from .worksheet import Call, Derivative, Expr, InputError, Name, Num, show, ungrouped

__all__ = ["OPERATORS", "NoFormula", "Monomial", "bracketed", "derivative", "expression"]


_ROWS: dict[str, Op] = {"σ": SIGMOID, "tanh": TANH, "exp": EXP, "log": LOG, "sqrt": SQRT}


class NoFormula(Exception):
    """An operation whose derivative the rows do not write as a formula we can read back."""


Monomial = tuple[Fraction, list[Expr]]  # a constant times a product of factors


def derivative(e: Expr, is_bottom: Callable[[str], bool], out: Expr) -> list[Monomial]:
    """∂e/∂bottom as a sum of terms; ``out`` is how e itself is written (its name at the top)."""
    if isinstance(e, Name):
        return [(Fraction(1), [])] if e.name != "e" and is_bottom(e.name) else []
    if not isinstance(e, Call):
        return []
    if e.fn == "group":
        return derivative(e.args[0], is_bottom, out)
    u = _sigmoid_argument(e)
    if u is not None:  # 1/(1 + e^−u) is σ(u): its derivative as σ's row writes it
        return derivative(Call("σ", (u,)), is_bottom, out)
    terms: list[Monomial] = []
    for i, arg in enumerate(e.args):
        inner = derivative(arg, is_bottom, bracketed(arg))
        if inner:
            local = _terms(_local(e, i, out))
            if len(local) > 1:  # 1 − o1²: one factor, as written, not spread over the rest
                local = [(Fraction(1), [Call("group", (expression(local),))])]
            terms += [(c1 * c2, f1 + f2) for c1, f1 in local for c2, f2 in inner]
    return terms


def _local(e: Call, i: int, out: Expr) -> Expr:
    """∂e/∂(its i-th argument), as its op row writes it."""
    args = e.args
    if e.fn in ("add", "sub", "neg"):
        return Num("-1") if (e.fn, i) in (("sub", 1), ("neg", 0)) else Num("1")
    if e.fn == "mul":  # ∂(ab…)/∂a: the other factors, as MUL's row writes for two
        others = args[:i] + args[i + 1 :]
        return others[0] if len(others) == 1 else Call("mul", others)
    if e.fn == "pow" and isinstance(args[0], Name) and args[0].name == "e" and i == 1:
        row, texts, i = EXP, [show(args[1])], 0  # e^u: exp(u), its one argument
    elif e.fn == "pow" and i == 0 and isinstance(args[1], Num) and args[1].exact:
        row, texts = power(float(args[1].value)), [show(bracketed(args[0]))]
    elif e.fn in ("pow", "div"):
        row, texts = (POW if e.fn == "pow" else DIV), [show(bracketed(a)) for a in args]
    elif e.fn in _ROWS:
        row, texts = _ROWS[e.fn], [show(bracketed(args[0]))]
    elif e.fn in DEFINED:  # an operation of autograd.op: the derivatives its text gives
        row, texts = DEFINED[e.fn].row, [show(bracketed(a)) for a in args]
    else:  # relu, max: a step, not a formula of names
        raise NoFormula(e.fn)
    text = row.formulas(show(bracketed(out)), texts)[i]
    try:
        return parse_chain("d = " + text)[1]
    except InputError:
        raise NoFormula(text) from None


def _sigmoid_argument(e: Expr) -> Expr | None:
    """``u`` when ``e`` is σ(u) written out, ``1/(1 + e^(−u))``; else None."""
    e = ungrouped(e)
    if not (isinstance(e, Call) and e.fn == "div" and e.args[0] == Num("1")):
        return None
    s = ungrouped(e.args[1])
    if not (isinstance(s, Call) and s.fn == "add" and len(s.args) == 2 and s.args[0] == Num("1")):
        return None
    p = ungrouped(s.args[1])
    if not (isinstance(p, Call) and p.fn == "pow" and p.args[0] == Name("e")):
        return None
    minus_u = ungrouped(p.args[1])
    return minus_u.args[0] if isinstance(minus_u, Call) and minus_u.fn == "neg" else None


OPERATORS = ("add", "sub", "mul", "div", "pow", "neg", "group")


def bracketed(e: Expr) -> Expr:
    atomic = isinstance(e, (Name, Derivative)) or (isinstance(e, Num) and e.value >= 0)
    calls = isinstance(e, Call) and e.fn not in OPERATORS[:-1]
    return e if atomic or calls else Call("group", (e,))


def _constant(e: Expr) -> Fraction | None:
    """The value of an expression of whole and decimal numbers only, exactly; else None."""
    if isinstance(e, Num):
        return Fraction(e.value)
    if not isinstance(e, Call):
        return None
    values = [_constant(a) for a in e.args]
    if any(v is None for v in values):
        return None
    if e.fn in ("group", "add"):
        return sum(values, Fraction(0))
    if e.fn == "sub":
        return values[0] - values[1]
    if e.fn == "neg":
        return -values[0]
    if e.fn == "mul":
        out = Fraction(1)
        for v in values:
            out *= v
        return out
    if e.fn == "div" and values[1] != 0:
        return values[0] / values[1]
    return None


def _terms(e: Expr) -> list[Monomial]:
    """``e`` as a sum of terms, each a constant times factors (sums inside kept whole)."""
    c = _constant(e)
    if c is not None:
        return [(c, [])] if c != 0 else []
    if isinstance(e, Call) and e.fn == "group":
        inner = e.args[0]
        if isinstance(inner, Call) and inner.fn in ("add", "sub"):
            return [(Fraction(1), [e])]
        return _terms(inner)
    if isinstance(e, Call) and e.fn == "neg":
        return [(-c, f) for c, f in _terms(e.args[0])]
    if isinstance(e, Call) and e.fn == "mul":
        out: list[Monomial] = [(Fraction(1), [])]
        for a in e.args:
            parts = _terms(a) if not (isinstance(a, Call) and a.fn in ("add", "sub")) else [
                (Fraction(1), [Call("group", (a,))])]  # fmt: skip
            if len(parts) != 1:
                parts = [(Fraction(1), [Call("group", (expression(parts),))])]
            out = [(c * pc, f + pf) for c, f in out for pc, pf in parts]
        return out
    if isinstance(e, Call) and e.fn == "div" and _constant(e.args[1]):  # (…)/2
        return [(c / _constant(e.args[1]), f) for c, f in _terms(e.args[0])]
    if isinstance(e, Call) and e.fn in ("add", "sub"):
        first, second = _terms(e.args[0]), _terms(Call("add", e.args[1:]) if e.fn == "add"
                                                  else e.args[1])  # fmt: skip
        return first + (second if e.fn == "add" else [(-c, f) for c, f in second])
    return [(Fraction(1), [e])]


def _product(c: Fraction, factors: list[Expr]) -> Expr:
    """``c`` times the factors, for ``c > 0``; the constant first, as people write it."""
    shown = [_fraction(c)] if c != 1 or not factors else []
    items = shown + factors
    if len(items) == 1:
        return ungrouped(items[0])
    return Call("mul", tuple(bracketed(f) if _loose(f) else f for f in items))


def _loose(e: Expr) -> bool:
    """Whether a factor needs brackets in a product: a sum, a quotient, a negative."""
    return isinstance(e, Call) and e.fn in ("add", "sub", "div", "neg")


def _fraction(c: Fraction) -> Expr:
    if c.denominator == 1:
        return Num(str(c.numerator))
    return Call("group", (Call("div", (Num(str(c.numerator)), Num(str(c.denominator)))),))


def expression(terms: list[Monomial]) -> Expr:
    if not terms:
        return Num("0")
    c, f = terms[0]
    first = _product(abs(c), f)
    out = Call("neg", (bracketed(first) if _loose(first) else first,)) if c < 0 else first
    for c, f in terms[1:]:
        term = _product(abs(c), f)
        out = Call("sub" if c < 0 else "add", (out, bracketed(term) if _loose(term) else term))
    return out
