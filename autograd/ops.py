"""The table of operations: each one's value and its local derivatives, defined once.

Every row holds a ``forward`` on floats, which checks its domain and raises the error
Python's ``math`` would raise, and ``local_grads(out, *inputs)``: the partial derivative of
the output with respect to each input. ``local_grads`` is written with ordinary arithmetic,
so it runs on floats (a fast backward pass) and on ``Value`` nodes alike (a differentiable
backward pass, for derivatives of derivatives). ``formulas`` gives the same derivatives as
text, for explanations and pictures.

The compiled mode (``autograd.compile``) runs the same rows on NumPy arrays, one array
operation per node over a whole batch: ``local_grads`` and its helpers accept arrays too, and
a row whose ``forward`` is not already array arithmetic names its array twin in ``array``
(unchecked: the compiled mode checks results and asks ``forward`` for the error).

>>> MUL.forward(3.0, 4.0), MUL.local_grads(12.0, 3.0, 4.0)
(12.0, (4.0, 3.0))
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import Any

from .numtext import arg_text, constant_text

__all__ = [
    "INF",
    "OPS",
    "Op",
    "exp_base",
    "power",
    "refusal",
    "softmax",
    "too_large",
    "undefined",
]

Formulas = Callable[[str, Sequence[str]], Sequence[str]]

INF = math.inf
"""``-INF < x < INF``: the quickest test that a float is finite (false for NaN too)."""


@dataclass(frozen=True, slots=True)
class Op:
    """One row of the table: an operation with its value and its local derivatives."""

    name: str
    symbol: str  # what a picture writes in the operation's node
    forward: Callable[..., float]
    local_grads: Callable[..., Sequence[Any]]  # (out, *args) -> ∂out/∂arg for each arg
    formulas: Formulas  # (out, args): the same derivatives as text, from the nodes' names
    arity: int | None = 1  # how many inputs; None: any number
    array: Callable[..., Any] | None = None  # the forward on arrays; None: ``forward`` does it
    # How a picture writes the node as an expression of its inputs' names: "call" σ(z),
    # "infix" (a + b), "postfix" z^2 (the symbol after), "prefix" 2^z (the symbol before).
    notation: str = "call"
    # An inf or nan in any input always gives an inf or nan (a sum, a product; not exp, whose
    # exp(−inf) is 0): the compiler's finiteness check reads the result only.
    propagates: bool = False

    def __repr__(self) -> str:
        return f"<op {self.name}>"


def too_large(op: Op, args: Sequence[float]) -> OverflowError:
    """The error for a result that overflowed a float: float arithmetic gives inf silently."""
    return OverflowError(f"{op.name}: result too large for ({', '.join(map(arg_text, args))})")


def gradient_too_large(op: Op, args: Sequence[float]) -> OverflowError:
    """The error for a gradient past the largest float (``log`` at 1e-310)."""
    return OverflowError(f"{op.name}: gradient too large at ({', '.join(map(arg_text, args))})")


def undefined(op: Op, args: Sequence[float], error: Exception | None = None) -> Exception:
    """``error``, raised by a local derivative, restated with the operation and its inputs;
    without one, the ``ValueError`` for a derivative the row gives as NaN. A derivative that
    overflowed exists but is too large (``x ** -3`` at 1e-110), and is reported so."""
    if isinstance(error, OverflowError):
        return gradient_too_large(op, args)
    where = ", ".join(map(arg_text, args))
    if error is None:
        return ValueError(f"{op.name}: derivative undefined at ({where})")
    return type(error)(f"{op.name}: derivative undefined at ({where}): {error}")


def refusal(
    op: Op, args: Sequence[float], cause: Exception | float, *, derivative: bool = False
) -> Exception:
    """The one rule for a result (or, with ``derivative``, a local derivative) of ``op`` at
    ``args`` that is not a finite float. ``cause`` is the error raised computing it, or the
    number it came out as: NaN or a raised domain error means undefined there; an infinity
    or a raised ``OverflowError`` means too large.

    >>> refusal(MUL, [float("nan"), 2.0], float("nan"))
    ValueError('mul: result undefined (nan) for (nan, 2.0)')
    >>> refusal(LOG, [1e-310], float("inf"), derivative=True)
    OverflowError('log: gradient too large at (1e-310)')
    """
    if isinstance(cause, Exception):
        return undefined(op, args, cause) if derivative else cause
    if cause == cause:  # ±inf: past the largest float
        return gradient_too_large(op, args) if derivative else too_large(op, args)
    if derivative:
        return undefined(op, args)
    return ValueError(f"{op.name}: result undefined (nan) for ({', '.join(map(arg_text, args))})")


def _is_array(x: Any) -> bool:
    # Checked by module name so that NumPy is never imported by the scalar engine.
    return type(x).__module__ == "numpy"


def _data(x: Any) -> Any:
    """The number inside a Value, or a number, as a float; an array as it is."""
    if type(x) is float or _is_array(x):
        return x
    if not isinstance(x, numbers.Real):
        x = x._data  # a Value (or, in the compiler, a symbol standing for a number)
    return float(x) if type(x) is int else x  # an int a user put in .data


def _numpy(name: str, *more: Any) -> Callable[..., Any]:
    """NumPy's function ``name`` (with the arguments ``more`` after the given ones), imported
    on first call: NumPy stays optional."""

    found: list[Callable[..., Any]] = []

    def apply(*args: Any) -> Any:
        if not found:
            import numpy

            found.append(getattr(numpy, name))
        return found[0](*args, *more)

    return apply


def _unary(method: str, on_float: Callable[[float], float]) -> Callable[[Any], Any]:
    """``f(x)`` for a float, an array or a Value: where a derivative needs sin, cos or log."""
    on_array = _numpy(method)

    def apply(x: Any) -> Any:
        if type(x) is float:
            return on_float(x)
        if _is_array(x):
            return on_array(x)
        return on_float(float(x)) if isinstance(x, numbers.Real) else getattr(x, method)()

    return apply


def _step(x: Any) -> Any:
    # relu's derivative: a constant on each side, so its own derivative is 0.
    x = _data(x)
    if type(x) is float:
        return 1.0 if x > 0.0 else 0.0
    return (x > 0.0) * 1.0  # an array: the same, element by element


def _sign(x: Any) -> Any:
    x = _data(x)
    if _is_array(x):
        return _numpy("sign")(x)
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


def _in_order(terms: Iterable[Any]) -> Any:
    # Left to right, as chained + adds, on floats and arrays alike: Python 3.12's sum()
    # compensates for rounding on floats only, which would part the two.
    return reduce(operator.add, terms, 0.0)


def _dot(*wxb: Any) -> Any:
    # inputs: w1, ..., wn, x1, ..., xn, b. Added in order, so that floats and arrays (the
    # compiled mode) give the same numbers; an overflow is caught where the node is made.
    n = len(wxb) >> 1
    return _in_order(map(operator.mul, wxb[:n], wxb[n:-1])) + wxb[-1]


def _sigmoid_array(x: Any) -> Any:
    # 1 / (1 + e^-x) = exp(−log(1 + e^-x)): logaddexp never overflows, so no branches.
    import numpy

    return numpy.exp(-numpy.logaddexp(0.0, -x))


# ---- derivatives that need more than one line ---------------------------------------------


def _pow_grads(out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    return (_base_grad(a, b), _exponent_grad(out, a))


def _base_grad(a: Any, b: Any) -> Any:
    """d(a ** b)/da = b·a^(b−1), except where a = 0 and b < 1.

    0 ** 0 is flat in a, where the product would divide by zero (elsewhere keep the product:
    0 at b = 0, but with a derivative in b, for ∂²/∂a∂b). For 0 < b < 1, 0 ** b rises
    infinitely steeply from 0 and has no real value below it: undefined (NaN), raised only
    if this derivative is needed.
    """
    if _is_array(a) or _is_array(b):
        import numpy

        return numpy.where((a == 0.0) & (b == 0.0), 0.0, b * a ** (b - 1.0))
    if _data(a) == 0.0 and _data(b) < 1.0:
        return 0.0 if _data(b) == 0.0 else math.nan
    return b * a ** (b - 1.0)


def _exponent_grad(out: Any, base: Any) -> Any:
    """d(base ** x)/dx = base ** x * log(base), with 0 ** x taken as flat for x > 0.

    ``log(base)`` is taken on the base itself, not its number, so that second derivatives
    through the base (``x ** x``) are right.
    """
    if _is_array(base):  # NaN where base < 0: the compiled mode refuses it, as below
        import numpy

        return numpy.where(base == 0.0, 0.0, out * numpy.log(base))
    if _data(base) > 0.0:
        return out * _log_any(base)
    base = _data(base)
    if base == 0.0:
        return 0.0
    # Undefined for a negative base (the power is real only at whole exponents). NaN, as in
    # PyTorch, and the backward pass raises only if this derivative is actually needed.
    return math.nan


def _dot_grads(out: Any, *wxb: Any) -> tuple[Any, ...]:
    n = len(wxb) >> 1
    return (*wxb[n:-1], *wxb[:n], 1.0)  # dz/dw_i = x_i, dz/dx_i = w_i, dz/db = 1


def _dot_formulas(out: str, args: Sequence[str]) -> tuple[str, ...]:
    n = len(args) >> 1
    return (*args[n:-1], *args[:n], "1")


def _logsumexp(*xs: float) -> float:
    # log Σ e^x, shifted by the largest x: no exp ever overflows, so finite for finite inputs.
    top = max(xs)
    return top + math.log(math.fsum(math.exp(x - top) for x in xs))


def _logsumexp_array(*xs: Any) -> Any:
    import numpy

    return numpy.logaddexp.reduce(numpy.stack(numpy.broadcast_arrays(*xs)), axis=0)


def _lse_any(xs: Sequence[Any]) -> Any:
    """log Σ e^x of floats, arrays or Values (a differentiable graph, for second derivatives)."""
    if all(type(x) is float for x in xs):
        return _logsumexp(*xs)
    if any(_is_array(x) for x in xs):
        return _logsumexp_array(*xs)
    top = max(_data(x) for x in xs)  # a constant shift: it cancels, and keeps exp finite
    return _log_any(_in_order(_exp_any(x - top) for x in xs)) + top


def _softmax_any(xs: Sequence[Any], lse: Any) -> list[Any]:
    """softmax(x) from ``lse``, log Σ e^x as computed: each e^(xᵢ − lse) divided by their sum.
    lse is rounded to a float near the largest x (by 2 at 1e16), which scales every e^(xᵢ − lse)
    alike; dividing by the sum takes that scale out, so they sum to 1 at any size."""
    exps = [_exp_any(x - lse) for x in xs]
    total = _in_order(exps)
    return [e / total for e in exps]


def _logsumexp_grads(out: Any, *xs: Any) -> tuple[Any, ...]:
    return tuple(_softmax_any(xs, out))  # ∂/∂xᵢ = softmax(x)ᵢ


def _sum_of_exps(args: Sequence[str]) -> str:
    return " + ".join(f"exp({a})" for a in args)


_sin = _unary("sin", math.sin)
_exp_any = _unary("exp", math.exp)
_log_any = _unary("log", math.log)
_cos = _unary("cos", math.cos)

ADD = Op(
    "add",
    "+",
    operator.add,
    lambda out, a, b: (1.0, 1.0),
    lambda out, args: ("1", "1"),
    arity=2,
    notation="infix",
    propagates=True,
)
SUB = Op(
    "sub",
    "−",
    operator.sub,
    lambda out, a, b: (1.0, -1.0),
    lambda out, args: ("1", "−1"),
    arity=2,
    notation="infix",
    propagates=True,
)
MUL = Op(
    "mul",
    "×",
    operator.mul,
    lambda out, a, b: (b, a),
    lambda out, args: (args[1], args[0]),
    arity=2,
    notation="infix",
    propagates=True,
)
DIV = Op(
    "div",
    "÷",
    _div,
    lambda out, a, b: (1.0 / b, -out / b),
    lambda out, args: (f"1/{args[1]}", f"−{out}/{args[1]}"),
    arity=2,
    array=operator.truediv,
    notation="infix",
)
POW = Op(
    "pow",
    "^",
    _pow,
    _pow_grads,
    lambda out, args: (f"{args[1]}·{args[0]}^({args[1]} − 1)", f"{out}·log({args[0]})"),
    arity=2,
    array=operator.pow,
    notation="infix",
)
NEG = Op(
    "neg", "−", operator.neg, lambda out, x: (-1.0,), lambda out, args: ("−1",), propagates=True
)
CLONE = Op(
    "clone", "clone", lambda x: x, lambda out, x: (1.0,), lambda out, args: ("1",), propagates=True
)
# The identity whose derivative is 0 by declaration (jax.lax.stop_gradient, Value.detach):
# the value passes through, the gradient does not, in reverse and forward mode alike.
STOP_GRADIENT = Op(
    "stop_gradient", "stop", lambda x: x, lambda out, x: (0.0,), lambda out, args: ("0",)
)
EXP = Op("exp", "exp", _exp, lambda out, x: (out,), lambda out, args: (out,), array=_numpy("exp"))
LOG = Op(
    "log",
    "log",
    _log,
    lambda out, x: (1.0 / x,),
    lambda out, args: (f"1/{args[0]}",),
    array=_numpy("log"),
)
SQRT = Op(
    "sqrt",
    "√",
    _sqrt,
    # infinitely steep at 0, as x ** 0.5 is: undefined (NaN), raised only if needed
    lambda out, x: (math.nan if not _is_array(out) and _data(out) == 0.0 else 0.5 / out,),
    lambda out, args: (f"1/(2{out})",),
    array=_numpy("sqrt"),
)
TANH = Op(
    "tanh",
    "tanh",
    math.tanh,
    lambda out, x: (1.0 - out * out,),
    lambda out, args: (f"1 − {out}²",),
    array=_numpy("tanh"),
)
SIGMOID = Op(
    "sigmoid",
    "σ",
    _sigmoid,
    lambda out, x: (out * (1.0 - out),),
    lambda out, args: (f"{out}(1 − {out})",),
    array=_sigmoid_array,
)
RELU = Op(
    "relu",
    "ReLU",
    lambda x: x if x > 0.0 else 0.0,
    lambda out, x: (_step(x),),
    lambda out, args: (f"[{args[0]} > 0]",),
    array=_numpy("maximum", 0.0),  # 0.0 for x ≤ 0, as forward gives it (x · step(x) gave −0.0)
)
SIN = Op(
    "sin",
    "sin",
    math.sin,
    lambda out, x: (_cos(x),),
    lambda out, args: (f"cos({args[0]})",),
    array=_numpy("sin"),
)
COS = Op(
    "cos",
    "cos",
    math.cos,
    lambda out, x: (-_sin(x),),
    lambda out, args: (f"−sin({args[0]})",),
    array=_numpy("cos"),
)
ABS = Op(
    "abs",
    "abs",
    abs,
    lambda out, x: (_sign(x),),
    lambda out, args: (f"sign({args[0]})",),
    propagates=True,
)
SUM = Op(
    "sum",
    "Σ",
    lambda *xs: _in_order(xs),
    lambda out, *xs: (1.0,) * len(xs),
    lambda out, args: ("1",) * len(args),
    arity=None,
    propagates=True,
)
DOT = Op("dot", "Σw·x+b", _dot, _dot_grads, _dot_formulas, arity=None, propagates=True)
LOGSUMEXP = Op(
    "logsumexp",
    "logΣexp",
    _logsumexp,
    _logsumexp_grads,
    lambda out, args: tuple(f"exp({a} − {out})" for a in args),
    arity=None,
    array=_logsumexp_array,
)

OPS: dict[str, Op] = {
    op.name: op
    for op in (
        ADD,
        SUB,
        MUL,
        DIV,
        POW,
        NEG,
        CLONE,
        STOP_GRADIENT,
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
        LOGSUMEXP,
    )
}
"""The fixed rows by name. ``power(n)`` and ``exp_base(c)`` make one row per constant."""


@lru_cache(maxsize=256)
def power(n: float) -> Op:
    """``x ** n`` for a constant exponent: one row per exponent, its derivative ``n x^(n-1)``."""
    n = float(n)
    shown = constant_text(n)

    def local_grads(out: Any, x: Any) -> tuple[Any]:
        if n >= 1.0:  # the common case, and _base_grad's exceptions lie below 1
            return (n * x ** (n - 1.0),)
        # x ** 0 is flat everywhere: no product to build (x ** −1 would overflow at 1e-310)
        return (0.0 if n == 0.0 else _base_grad(x, n),)

    return Op(
        f"pow{shown}",
        f"^{shown}",
        lambda x: _pow(x, n),
        local_grads,
        lambda out, args: (_power_formula(n, args[0]),),
        array=lambda x: x**n,
        notation="postfix",
        propagates=n > 0.0,  # inf ** −1 is 0, and x ** 0 is 1
    )


@lru_cache(maxsize=256)
def exp_base(c: float) -> Op:
    """``c ** x`` for a constant base: its derivative ``c^x log c``."""
    c = float(c)
    shown = constant_text(c) if c >= 0.0 else f"({constant_text(c)})"  # (−2)^x, not −(2^x)
    return Op(
        f"{shown}pow",
        f"{shown}^",
        lambda x: _pow(c, x),
        lambda out, x: (_exponent_grad(out, c),),
        lambda out, args: (f"{out}·log({shown})",),
        array=lambda x: c**x,
        notation="prefix",
    )


@lru_cache(maxsize=256)
def softmax(i: int) -> Op:
    """Output ``i`` (from 0) of softmax: ``e^(xᵢ)/Σⱼ e^(xⱼ)``, one node per output.

    Computed as ``e^(xᵢ − m)/Σⱼ e^(xⱼ − m)``, m the largest x, so it is finite and sums to 1
    for inputs of any size (``e^(xᵢ − log Σ e^x)`` did not at 1e16, where the log-sum-exp
    rounds by 2); its local derivatives are ``pᵢ(1 − pᵢ)`` in ``xᵢ`` and ``−pᵢ·pⱼ`` in every
    other ``xⱼ``.

    >>> [round(softmax(k).forward(1000.0, 1000.0), 3) for k in (0, 1)]
    [0.5, 0.5]
    """
    if not (isinstance(i, int) and i >= 0):
        raise ValueError(f"softmax: the output index must be a whole number ≥ 0, got {i!r}")

    def forward(*xs: float) -> float:
        if i >= len(xs):
            raise ValueError(f"softmax: output {i + 1} of {len(xs)} inputs")
        top = max(xs)  # shifted by the largest x, as _logsumexp: no exp ever overflows
        return math.exp(xs[i] - top) / math.fsum(math.exp(x - top) for x in xs)

    def local_grads(out: Any, *xs: Any) -> tuple[Any, ...]:
        ps = _softmax_any(xs, _lse_any(xs))
        # 1 − pᵢ written as Σⱼ≠ᵢ pⱼ: when pᵢ rounds to 1 (a saturated softmax) the difference
        # would be 0, the sum keeps the digits (e^-40 stays 4.2e-18, not 0).
        rest = _in_order(p for j, p in enumerate(ps) if j != i)
        return tuple(out * rest if j == i else -out * p for j, p in enumerate(ps))

    def formulas(out: str, args: Sequence[str]) -> tuple[str, ...]:
        total = _sum_of_exps(args)
        return tuple(
            f"{out}(1 − {out})" if j == i else f"−{out}·exp({a})/({total})"
            for j, a in enumerate(args)
        )

    def array(*xs: Any) -> Any:
        return _softmax_any(xs, _logsumexp_array(*xs))[i]

    return Op(f"softmax{i + 1}", f"softmax_{i + 1}", forward, local_grads, formulas, None, array)


def _power_formula(n: float, x: str) -> str:
    if n == 0.0:
        return "0"
    if n == 1.0:
        return "1"
    shown = constant_text(n)
    return f"{shown}·{x}" if n == 2.0 else f"{shown}·{x}^{constant_text(n - 1.0)}"
