"""The table of operations: each one's value and its local derivatives, defined once.

Every row holds a ``forward`` on floats, which checks its domain and raises the error
Python's ``math`` would raise, and ``local_grads(out, *inputs)``: the partial derivative of
the output with respect to each input. ``local_grads`` is written with ordinary arithmetic,
so it runs on floats (a fast backward pass) and on ``Value`` nodes alike (a differentiable
backward pass, for derivatives of derivatives). ``formulas`` gives the same derivatives as
text, for explanations and pictures.

>>> MUL.forward(3.0, 4.0), MUL.local_grads(12.0, 3.0, 4.0)
(12.0, (4.0, 3.0))
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Op", "OPS", "power", "exp_base", "arg_text"]

Formulas = Callable[[str, Sequence[str]], Sequence[str]]


@dataclass(frozen=True)
class Op:
    """One row of the table: an operation with its value and its local derivatives."""

    name: str
    symbol: str  # what a picture writes in the operation's node
    forward: Callable[..., float]
    local_grads: Callable[..., Sequence[Any]]
    formulas: Formulas  # (output name, input names) -> each derivative as text
    arity: int | None = 1  # None: any number of inputs

    def __repr__(self) -> str:
        return f"<op {self.name}>"


def arg_text(x: float) -> str:
    """A number as an error message quotes it."""
    return repr(float(x))


def _data(x: Any) -> float:
    return x if type(x) is float else x.data


def _unary(method: str, on_float: Callable[[float], float]) -> Callable[[Any], Any]:
    """``f(x)`` for a float or a Value: used where a derivative needs sin, cos or log."""

    def apply(x: Any) -> Any:
        return on_float(x) if type(x) is float else getattr(x, method)()

    return apply


def _step(x: Any) -> float:
    # relu's derivative: a constant on each side, so its own derivative is 0.
    return 1.0 if _data(x) > 0.0 else 0.0


def _sign(x: Any) -> float:
    x = _data(x)
    return 1.0 if x > 0.0 else -1.0 if x < 0.0 else 0.0  # 0 at the kink, as in PyTorch


# ---- forward functions with their domain checks ------------------------------------------


def _div(a: float, b: float) -> float:
    if b == 0.0:
        raise ZeroDivisionError(f"div: division by zero ({arg_text(a)} / 0.0)")
    return a / b


def _pow(a: float, b: float) -> float:
    if a < 0.0 and not float(b).is_integer():
        raise ValueError(
            f"pow: negative base {arg_text(a)} with fractional exponent {arg_text(b)} "
            "has no real value"
        )
    if a == 0.0 and b < 0.0:
        raise ZeroDivisionError(f"pow: 0.0 cannot be raised to a negative power ({arg_text(b)})")
    try:
        return a**b
    except OverflowError:
        raise OverflowError(f"pow: result too large for {arg_text(a)} ** {arg_text(b)}") from None


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        raise OverflowError(f"exp: result too large for exp({arg_text(x)})") from None


def _log(x: float) -> float:
    if x <= 0.0:
        raise ValueError(f"log: expected a positive input, got {arg_text(x)}")
    return math.log(x)


def _sqrt(x: float) -> float:
    if x < 0.0:
        raise ValueError(f"sqrt: expected a nonnegative input, got {arg_text(x)}")
    return math.sqrt(x)


def _sigmoid(x: float) -> float:
    # Two branches so that exp never overflows: finite for every finite x.
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _dot(*wxb: float) -> float:
    # inputs: w1, x1, w2, x2, ..., wn, xn, b
    return math.fsum(map(operator.mul, wxb[0:-1:2], wxb[1:-1:2])) + wxb[-1]


# ---- derivatives that need more than one line ---------------------------------------------


def _pow_grads(out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    # 0 ** 0 is flat in a, where b · a^(b−1) would divide by zero; elsewhere keep that product,
    # 0 at b = 0 but with a derivative in b (a^(b−1), for ∂²/∂a∂b)
    base_grad = 0.0 if _data(b) == 0.0 and _data(a) == 0.0 else b * a ** (b - 1.0)
    return (base_grad, _exponent_grad(out, a))


def _exponent_grad(out: Any, base: Any) -> Any:
    """d(base ** x)/dx = base ** x * log(base), with 0 ** x taken as flat for x > 0.

    ``log(base)`` is taken on the base itself, not its number, so that second derivatives
    through the base (``x ** x``) are right.
    """
    if _data(base) > 0.0:
        return out * _log_any(base)
    base = _data(base)
    if base == 0.0:
        return 0.0
    raise ValueError(
        f"the derivative with respect to the exponent is undefined for the negative "
        f"base {arg_text(base)}"
    )


def _dot_grads(out: Any, *wxb: Any) -> list[Any]:
    grads = list(wxb)
    grads[0:-1:2] = wxb[1:-1:2]  # dz/dw_i = x_i
    grads[1:-1:2] = wxb[0:-1:2]  # dz/dx_i = w_i
    grads[-1] = 1.0
    return grads


def _dot_formulas(out: str, names: Sequence[str]) -> list[str]:
    texts = list(names)
    texts[0:-1:2] = names[1:-1:2]
    texts[1:-1:2] = names[0:-1:2]
    texts[-1] = "1"
    return texts


_sin = _unary("sin", math.sin)
_log_any = _unary("log", math.log)
_cos = _unary("cos", math.cos)

ADD = Op("add", "+", operator.add, lambda out, a, b: (1.0, 1.0), lambda o, n: ("1", "1"), 2)
SUB = Op("sub", "−", operator.sub, lambda out, a, b: (1.0, -1.0), lambda o, n: ("1", "−1"), 2)
MUL = Op("mul", "×", operator.mul, lambda out, a, b: (b, a), lambda o, n: (n[1], n[0]), 2)
DIV = Op(
    "div",
    "÷",
    _div,
    lambda out, a, b: (1.0 / b, -out / b),
    lambda o, n: (f"1/{n[1]}", f"−{o}/{n[1]}"),
    2,
)
POW = Op(
    "pow",
    "^",
    _pow,
    _pow_grads,
    lambda o, n: (f"{n[1]}·{n[0]}^({n[1]} − 1)", f"{o}·log({n[0]})"),
    2,
)
NEG = Op("neg", "−", operator.neg, lambda out, x: (-1.0,), lambda o, n: ("−1",))
EXP = Op("exp", "exp", _exp, lambda out, x: (out,), lambda o, n: (o,))
LOG = Op("log", "log", _log, lambda out, x: (1.0 / x,), lambda o, n: (f"1/{n[0]}",))
SQRT = Op("sqrt", "√", _sqrt, lambda out, x: (0.5 / out,), lambda o, n: (f"1/(2{o})",))
TANH = Op("tanh", "tanh", math.tanh, lambda out, x: (1.0 - out * out,), lambda o, n: (f"1 − {o}²",))
SIGMOID = Op(
    "sigmoid",
    "σ",
    _sigmoid,
    lambda out, x: (out * (1.0 - out),),
    lambda o, n: (f"{o}(1 − {o})",),
)
RELU = Op(
    "relu",
    "ReLU",
    lambda x: x if x > 0.0 else 0.0,
    lambda out, x: (_step(x),),
    lambda o, n: (f"[{n[0]} > 0]",),
)
SIN = Op("sin", "sin", math.sin, lambda out, x: (_cos(x),), lambda o, n: (f"cos({n[0]})",))
COS = Op("cos", "cos", math.cos, lambda out, x: (-_sin(x),), lambda o, n: (f"−sin({n[0]})",))
ABS = Op("abs", "abs", abs, lambda out, x: (_sign(x),), lambda o, n: (f"sign({n[0]})",))
SUM = Op(
    "sum",
    "Σ",
    lambda *xs: math.fsum(xs),
    lambda out, *xs: (1.0,) * len(xs),
    lambda o, n: ("1",) * len(n),
    None,
)
DOT = Op("dot", "Σw·x+b", _dot, _dot_grads, _dot_formulas, None)

OPS: dict[str, Op] = {
    op.name: op
    for op in (
        ADD,
        SUB,
        MUL,
        DIV,
        POW,
        NEG,
        EXP,
        LOG,
        SQRT,
        TANH,
        SIGMOID,
        RELU,
        SIN,
        COS,
        ABS,
        SUM,
        DOT,
    )
}
"""The fixed rows by name. ``power(n)`` and ``exp_base(c)`` make one row per constant."""


@lru_cache(maxsize=256)
def power(n: float) -> Op:
    """``x ** n`` for a constant exponent: one row per exponent, its derivative ``n x^(n-1)``."""
    n = float(n)
    shown = repr(int(n)) if n.is_integer() else repr(n)

    def local_grads(out: Any, x: Any) -> tuple[Any]:
        if n == 0.0:
            return (0.0,)
        return (n * x ** (n - 1.0),)

    return Op(
        f"pow{shown}",
        f"^{shown}",
        lambda x: _pow(x, n),
        local_grads,
        lambda o, names: (_power_formula(n, names[0]),),
    )


@lru_cache(maxsize=256)
def exp_base(c: float) -> Op:
    """``c ** x`` for a constant base: its derivative ``c^x log c``."""
    c = float(c)
    shown = _shown(c)
    return Op(
        f"{shown}pow",
        f"{shown}^",
        lambda x: _pow(c, x),
        lambda out, x: (_exponent_grad(out, c),),
        lambda o, names: (f"{o}·log({shown})",),
    )


def _power_formula(n: float, x: str) -> str:
    if n == 0.0:
        return "0"
    if n == 1.0:
        return "1"
    shown = _shown(n)
    return f"{shown}·{x}" if n == 2.0 else f"{shown}·{x}^{_shown(n - 1.0)}"


def _shown(x: float) -> str:
    return repr(int(x)) if x.is_integer() else repr(x)
