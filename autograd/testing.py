"""Tools for testing derivatives: ``gradcheck``, ``gradgradcheck`` and hypothesis strategies.

``gradcheck(f, *inputs)`` compares the engine's derivatives of ``f`` with central finite
differences; ``values()`` and ``expressions()`` draw inputs and whole expression graphs for
property tests; only they need hypothesis (the ``testing`` extra).

>>> from autograd.testing import gradcheck, gradgradcheck
>>> gradcheck(lambda x, y: x * y.sin(), 2.0, 0.5)
True
>>> gradgradcheck(lambda x: x.tanh(), 0.3)
True
>>> gradcheck(lambda x: x * float(x.data), 3.0)  # a number cuts the graph  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
autograd.testing.GradcheckError: gradcheck: ∂f/∂x is wrong at x = 3.0 (input 0)
  analytical: 3.0
  numerical:  6.0...
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .grad import grad
from .numtext import arg_text, constant_text
from .ops import Op
from .value import Value, apply, checked_float
from .value import dot as _dot
from .value import logsumexp as _logsumexp
from .value import softmax as _softmax
from .value import sum as _sum

if TYPE_CHECKING:
    from hypothesis import strategies as st

__all__ = [
    "OPERATIONS",
    "Expression",
    "DEFAULT_POINTS",
    "GradcheckError",
    "Term",
    "check_op",
    "expressions",
    "gradcheck",
    "gradgradcheck",
    "values",
]

EPS = 1e-6  # the finite-difference step, as in torch.autograd.gradcheck
ATOL = 1e-5
RTOL = 1e-3
FINER = 1000  # a disagreement is checked again with a step this many times smaller


Tolerance = tuple[float, float, float]  # eps, atol, rtol


class GradcheckError(AssertionError):
    """An analytical derivative disagrees with its finite-difference estimate."""


# ---- gradcheck ----------------------------------------------------------------------------


def gradcheck(
    f: Callable[..., Any],
    *inputs: float | Value,
    eps: float = EPS,
    atol: float = ATOL,
    rtol: float = RTOL,
    raise_exception: bool = True,
) -> bool:
    """True if every ``∂f/∂input`` matches central differences, else raise ``GradcheckError``.

    ``f`` takes and returns scalar Values; ``inputs`` are numbers or Values (their ``.data``
    is used), or one tuple of them as ``torch.autograd.gradcheck`` takes them. Each
    derivative ``a`` from the engine must satisfy ``|a − n| ≤ atol + rtol·|n|`` where
    ``n = (f(x + h) − f(x − h)) / (2h)`` and ``h = eps·max(1, |x|)``, or else the same with
    the step ``h / 1000``: where ``f`` curves sharply (``1/x`` near 0, ``sin`` at 1e5) only
    the finer step is accurate. Where the slopes from the left and the right differ at both
    steps, the error says ``f`` has a kink or a jump there (``relu`` at 0) rather than that
    the derivative is wrong. With ``raise_exception=False`` a failure returns False.

    As in PyTorch, the default ``atol`` passes any derivative within 1e-5 of the truth, so a
    wrong derivative whose true value is that small goes unseen: pass ``atol=0`` there.

    >>> gradcheck(lambda x: x.log() * x, 2.0)
    True
    >>> cut = lambda x: Value(float(x.data) / 1e6)  # the slope is 1e-6; the engine's is 0
    >>> gradcheck(cut, 1.0), gradcheck(cut, 1.0, atol=0, raise_exception=False)
    (True, False)
    """
    xs, tol = _points(inputs, eps, "gradcheck", atol, rtol), (eps, atol, rtol)
    _evaluate(f, xs)  # a NaN at the point is f's, not a kink's
    try:
        _first_derivatives("gradcheck", f, "f", xs, _names(f, len(xs)), tol)
    except GradcheckError:
        if raise_exception:
            raise
        return False
    return True


def gradgradcheck(
    f: Callable[..., Any],
    *inputs: float | Value,
    eps: float = EPS,
    atol: float = ATOL,
    rtol: float = RTOL,
    raise_exception: bool = True,
) -> bool:
    """True if every second derivative ``∂²f/∂xᵢ∂xⱼ`` matches central differences of ``∂f/∂xᵢ``.

    The engine's second derivatives come from ``grad(grad(f))``; the same steps, tolerances
    and arguments as ``gradcheck`` apply.

    >>> gradgradcheck(lambda x, y: (x * y).sin(), 0.5, 2.0)
    True
    """
    xs, tol = _points(inputs, eps, "gradgradcheck", atol, rtol), (eps, atol, rtol)
    _evaluate(f, xs, "gradgradcheck")
    try:
        _second_derivatives("gradgradcheck", f, "f", xs, _names(f, len(xs)), tol)
    except GradcheckError:
        if raise_exception:
            raise
        return False
    return True


DEFAULT_POINTS = (-1.7, -0.6, 0.3, 1.1, 2.4)
"""Where ``check_op`` looks by default: input k of point j is ``DEFAULT_POINTS[(j + k) % 5]``;
points outside the operation's domain are passed over."""


def check_op(
    operation: Any,
    *points: float | Sequence[float],
    derivatives: Sequence[str] | None = None,
    eps: float = EPS,
    atol: float = ATOL,
    rtol: float = RTOL,
) -> bool:
    """True if a row's local derivatives are right, else ``GradcheckError`` with the point and
    both values: its first and second derivatives against central differences of its value,
    and, where sympy reads its texts (``formula`` and ``derivatives``, as ``autograd.op``
    takes them), the text of each derivative against sympy's derivative of the formula and
    against ``local_grads``.

    ``operation`` is what ``autograd.op`` returns, or a row of ``autograd.ops``.

    >>> from autograd import ops
    >>> check_op(ops.TANH)
    True
    """
    row = getattr(operation, "row", operation)
    if not isinstance(row, Op) or row.arity is None:
        raise TypeError(f"check_op: expected an operation of a fixed arity, got {operation!r}")
    names = list(getattr(operation, "parameters", None) or _names(row.forward, row.arity))
    tol = (eps, atol, rtol)
    if derivatives is None:  # the texts as written, in the parameters' own names
        derivatives = row.formulas("out", names)
    if points:
        where = [_points([p] if row.arity == 1 else p, eps, "check_op", atol, rtol) for p in points]
    else:
        n = len(DEFAULT_POINTS)
        where = [[DEFAULT_POINTS[(j + k) % n] for k in range(row.arity)] for j in range(n)]
        where = [xs for xs in where if _defined(row, xs)]
        if not where:
            raise ValueError(
                f"check_op: {row.name} is undefined at every default point {DEFAULT_POINTS}; "
                "pass points inside its domain"
            )
    f = lambda *xs: apply(row, *xs)  # noqa: E731 - the node of the row, as the checks need
    symbolic = _symbolic(getattr(operation, "formula", None), derivatives, names)
    for xs in where:
        _evaluate(f, xs, "check_op")
        _first_derivatives("check_op", f, row.name, xs, names, tol)
        _second_derivatives("check_op", f, row.name, xs, names, tol)
        if symbolic is not None:
            _check_texts(row, symbolic, derivatives, xs, names, tol)
    return True


def _defined(row: Op, xs: Sequence[float]) -> bool:
    """Whether ``row`` and its local derivatives are finite at ``xs``."""
    try:
        out = row.forward(*xs)
        return all(-math.inf < float(v) < math.inf for v in (out, *row.local_grads(out, *xs)))
    except (ArithmeticError, ValueError, TypeError):
        return False


def _symbolic(formula: str | None, derivatives: Sequence[str], names: list[str]) -> Any:
    """The formula and the derivatives' texts as sympy expressions; None where sympy is not
    installed or cannot read them (the texts are then checked no further)."""
    if formula is None:
        return None
    try:
        import sympy
        from sympy.parsing import sympy_parser as parser
    except ImportError:
        return None
    t = sympy.Symbol("t")
    local = {n: sympy.Symbol(n, real=True) for n in names}
    local |= {"sigmoid": sympy.Lambda(t, 1 / (1 + sympy.exp(-t))), "e": sympy.E}
    local |= {"relu": sympy.Lambda(t, sympy.Max(0, t))}
    steps = (*parser.standard_transformations, parser.implicit_multiplication, parser.convert_xor)

    def read(text: str) -> Any:
        for written, read_as in _SYMPY_SPELLING:
            text = text.replace(written, read_as)
        return parser.parse_expr(text, local_dict=local, transformations=steps)

    try:
        value = read(formula)
        local["out"] = value
        return value, [read(d) for d in derivatives], [local[n] for n in names]
    except Exception:
        return None


_SYMPY_SPELLING = (("·", "*"), ("×", "*"), ("−", "-"), ("²", "^2"), ("³", "^3"), ("σ", "sigmoid"))


def _check_texts(
    row: Op,
    symbolic: Any,
    derivatives: Sequence[str],
    xs: list[float],
    names: list[str],
    tol: Tolerance,
) -> None:
    """Each derivative's text against sympy's derivative of the formula, and against the
    number ``local_grads`` gives, at ``xs``."""
    value, texts, symbols = symbolic
    _, atol, rtol = tol
    at = dict(zip(symbols, xs))
    point = ", ".join(f"{n} = {arg_text(x)}" for n, x in zip(names, xs))
    grads = row.local_grads(row.forward(*xs), *xs)
    for i, (text, symbol) in enumerate(zip(texts, symbols)):
        said = float(text.subs(at).evalf())
        true = float(value.diff(symbol).subs(at).evalf())
        for against, number in (("the derivative of its formula", true), ("local_grads", grads[i])):
            if not abs(said - number) <= atol + rtol * abs(number):
                raise GradcheckError(
                    f"check_op: the text of ∂{row.name}/∂{names[i]}, {derivatives[i]!r}, "
                    f"disagrees with {against} at {point}\n"
                    f"  the text gives: {said!r}\n  {against}: {float(number)!r}"
                )


def _first_derivatives(
    where: str, f: Callable[..., Any], of: str, xs: list[float], names: list[str], tol: Tolerance
) -> None:
    """Check every ``∂of/∂xᵢ`` of the engine against central differences of ``f``."""
    analytical = grad(f, argnums=tuple(range(len(xs))))(*xs)
    for i, a in enumerate(analytical):
        _check(where, f"∂{of}/∂{names[i]}", a, f, of, xs, i, names, tol)


def _second_derivatives(
    where: str, f: Callable[..., Any], of: str, xs: list[float], names: list[str], tol: Tolerance
) -> None:
    """Check every ``∂²of/∂xᵢ∂xⱼ`` (``grad`` of ``grad``) against differences of ``∂of/∂xᵢ``."""
    everything = tuple(range(len(xs)))
    for i in everything:
        df = grad(f, argnums=i)
        for j, a in enumerate(grad(df, argnums=everything)(*xs)):
            what = f"∂²{of}/∂{names[i]}∂{names[j]}"
            _check(where, what, a, df, f"∂{of}/∂{names[i]}", xs, j, names, tol)


def _points(inputs: Sequence[Any], eps: float, where: str, atol: float, rtol: float) -> list[float]:
    if len(inputs) == 1 and isinstance(inputs[0], (tuple, list)):
        inputs = inputs[0]  # torch's way: gradcheck(f, (x, y))
    if not inputs:
        raise TypeError(f"{where}: expected at least one input to differentiate by")
    for name, option in (("eps", eps), ("atol", atol), ("rtol", rtol)):
        if not isinstance(option, numbers.Real):  # before comparing: 'a' < 1 is Python's error
            got = f"{type(option).__name__} {option!r}"
            raise TypeError(f"{where}: {name}: expected a real number, got {got}")
    if not 0.0 < eps < math.inf:
        raise ValueError(f"{where}: the step eps must be a positive number, got {eps!r}")
    for name, tolerance in (("atol", atol), ("rtol", rtol)):
        if not 0.0 <= tolerance < math.inf:
            raise ValueError(f"{where}: {name} must be a finite number ≥ 0, got {tolerance!r}")
    return [x.data if type(x) is Value else checked_float(x, where) for x in inputs]


def _names(f: Callable[..., Any], count: int) -> list[str]:
    """The names of ``f``'s parameters, for messages; ``x0, x1, …`` where it has none."""
    try:
        params = list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):
        params = []
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return positional[:count] if len(positional) >= count else [f"x{i}" for i in range(count)]


def _evaluate(f: Callable[..., Any], xs: Sequence[float], where: str = "gradcheck") -> float:
    """``f`` at ``xs`` as a finite float; NaN or infinity is refused, never compared."""
    out = f(*[Value(x) for x in xs])
    y = out.data if type(out) is Value else out
    if not isinstance(y, numbers.Real) or not -math.inf < y < math.inf:
        at = ", ".join(map(arg_text, xs))
        kind = ValueError if isinstance(y, numbers.Real) else TypeError
        raise kind(f"{where}: f returned {y!r} at ({at}); expected a finite number")
    return float(y)


def _check(
    where: str,
    what: str,
    a: Any,
    f: Callable[..., Any],
    of: str,
    xs: list[float],
    i: int,
    names: list[str],
    tol: Tolerance,
) -> None:
    """Raise ``GradcheckError`` unless ``a`` (``what``) matches a difference of ``f`` in ``xs[i]``.

    A step too coarse for ``f`` errs where the finer one does not; a wrong derivative
    disagrees with both. Where the slopes from the left and from the right differ at both
    steps too, ``f`` has a kink or a jump near ``xs[i]``, and no derivative to check there.
    """
    eps, atol, rtol = tol
    a = a.data if type(a) is Value else float(a)
    name, x = names[i], arg_text(xs[i])

    def slope(below: float, above: float) -> float:
        """The slope of ``f`` between ``xs[i] + below`` and ``xs[i] + above``."""
        up, down = list(xs), list(xs)
        up[i] += above
        down[i] += below
        try:
            return (_evaluate(f, up) - _evaluate(f, down)) / (up[i] - down[i])
        except (ArithmeticError, ValueError) as error:
            raise type(error)(
                f"{where}: f is undefined within eps = {eps!r} of {name} = {x}; "
                f"choose a point further from the edge of its domain ({error})"
            ) from error

    def differ(u: float, v: float) -> bool:
        return not abs(u - v) <= atol + rtol * abs(v)

    # A step relative to the input past 1: at x = 1e10 an absolute 1e-6 is below rounding.
    steps = (h := eps * max(1.0, abs(xs[i])), h / FINER)
    central = []
    for step in steps:
        central.append(slope(-step, step))
        if not differ(a, central[-1]):
            return
    left, right = [slope(-s, 0.0) for s in steps], [slope(0.0, s) for s in steps]
    if all(differ(r, le) and differ(le, r) for le, r in zip(left, right)):
        raise GradcheckError(
            f"{where}: {what} cannot be checked at {name} = {x} (input {i}): {of} has a kink "
            f"or a jump within ±{h:.3g} of it: its slopes from the left and the right differ\n"
            f"  analytical:     {a!r}\n"
            f"  from the left:  {left[0]!r} (step {h:.3g}), {left[1]!r} (step {steps[1]:.3g})\n"
            f"  from the right: {right[0]!r} (step {h:.3g}), {right[1]!r} (step {steps[1]:.3g})"
        )
    n = central[0]
    raise GradcheckError(
        f"{where}: {what} is wrong at {name} = {x} (input {i})\n"
        f"  analytical: {a!r}\n"
        f"  numerical:  {n!r} (step {h:.3g}), {central[1]!r} (step {steps[1]:.3g})\n"
        f"  |difference| = {abs(a - n):.3g} > atol + rtol·|numerical| = "
        f"{atol + rtol * abs(n):.3g} (central differences, eps = {eps!r})"
    )


# ---- strategies ---------------------------------------------------------------------------


def _strategies() -> Any:
    """``hypothesis.strategies``, imported on first use: gradcheck works without hypothesis."""
    try:
        from hypothesis import strategies
    except ImportError as error:
        raise ImportError(
            "autograd.testing: values() and expressions() need hypothesis; "
            "install it with: pip install 'chainrule-autograd[testing]'"
        ) from error
    return strategies


def values(min_value: float | None = None, max_value: float | None = None) -> st.SearchStrategy:
    """Leaf Values holding finite floats, optionally within ``[min_value, max_value]``.

    >>> from hypothesis import given
    >>> @given(values(-10, 10))
    ... def test_square(x): assert gradcheck(lambda t: t * t, x)
    >>> test_square()
    """
    floats = _strategies().floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    return floats.map(Value)


@dataclass(frozen=True, eq=False)
class Term:
    """One node of a drawn expression: an input ``x{constant}`` or ``op`` applied to ``args``.

    ``constant`` is the input's index, the exponent of ``power`` or the base of ``exp_base``.
    """

    op: str
    args: tuple[Term, ...] = ()
    constant: float | None = None


@dataclass(frozen=True)
class _Rule:
    """How a strategy builds, prints and keeps clear of trouble one kind of operation."""

    apply: Callable[..., Value]  # (constant, *Values) -> Value, through the public API
    template: str  # Python text, {0}, {1}… the operands, {c} the constant
    precedence: int  # of the text as a whole: 1 + -, 2 * /, 3 unary -, 4 **, 5 a call
    needs: tuple[int, ...]  # one per operand: the least precedence it may show unparenthesised
    # How far the operands are from a kink, a pole or the edge of the domain (∞: nowhere near).
    clearance: Callable[..., float] = lambda c, *xs: math.inf
    constants: tuple[float | None, ...] = (None,)


def _method(name: str) -> _Rule:
    return _Rule(lambda c, x: getattr(x, name)(), f"{{0}}.{name}()", 5, (5,))


def _binary(symbol: str, fn: Callable[..., Value], precedence: int, **kw: Any) -> _Rule:
    # Left-associative: the left operand may be an equal operation, the right may not.
    template = f"{{0}} {symbol} {{1}}"
    return _Rule(lambda c, a, b: fn(a, b), template, precedence, (precedence, precedence + 1), **kw)


def _power_clearance(n: float, x: float) -> float:
    if float(n).is_integer():
        return math.inf if n >= 0 else abs(x)
    return x  # a fractional power needs a positive base, and its slope blows up at 0


OPERATIONS: dict[str, _Rule] = {
    "add": _binary("+", lambda a, b: a + b, 1),
    "sub": _binary("-", lambda a, b: a - b, 1),
    "mul": _binary("*", lambda a, b: a * b, 2),
    "div": _binary("/", lambda a, b: a / b, 2, clearance=lambda c, a, b: abs(b)),
    "pow": _Rule(lambda c, a, b: a**b, "{0} ** {1}", 4, (5, 3), clearance=lambda c, a, b: a),
    "neg": _Rule(lambda c, x: -x, "-{0}", 3, (5,)),
    "clone": _method("clone"),
    "exp": _method("exp"),
    "log": _Rule(lambda c, x: x.log(), "{0}.log()", 5, (5,), clearance=lambda c, x: x),
    "sqrt": _Rule(lambda c, x: x.sqrt(), "{0}.sqrt()", 5, (5,), clearance=lambda c, x: x),
    "tanh": _method("tanh"),
    "sigmoid": _method("sigmoid"),
    "relu": _Rule(lambda c, x: x.relu(), "{0}.relu()", 5, (5,), clearance=lambda c, x: abs(x)),
    "sin": _method("sin"),
    "cos": _method("cos"),
    "abs": _Rule(lambda c, x: abs(x), "abs({0})", 5, (0,), clearance=lambda c, x: abs(x)),
    "sum": _Rule(lambda c, *xs: _sum(xs), "autograd.sum([{0}, {1}, {2}])", 5, (0, 0, 0)),
    "dot": _Rule(
        lambda c, w0, x0, w1, x1, b: _dot([w0, w1], [x0, x1], b),
        "autograd.dot([{0}, {2}], [{1}, {3}], {4})",
        5,
        (0,) * 5,
    ),
    "logsumexp": _Rule(
        lambda c, *xs: _logsumexp(xs), "autograd.logsumexp([{0}, {1}, {2}])", 5, (0, 0, 0)
    ),
    # One row of the engine per constant: x ** n and c ** x, and softmax's output c.
    "softmax": _Rule(
        lambda k, *xs: _softmax(xs)[int(k)],
        "autograd.softmax([{0}, {1}, {2}])[{c}]",
        5,
        (0, 0, 0),
        constants=(0, 1, 2),
    ),
    "power": _Rule(
        lambda n, x: x**n,
        "{0} ** {c}",
        4,
        (5,),
        clearance=_power_clearance,
        constants=(2, 3, -1, 0.5, 0, 1, -2, 1.5),
    ),
    "exp_base": _Rule(lambda c, x: c**x, "{c} ** {0}", 4, (3,), constants=(2, 0.5, 10, 1)),
}
"""The operations ``expressions()`` can draw: every row of ``autograd.ops.OPS`` but
``stop_gradient`` (its derivative is 0 by declaration, where finite differences see 1), plus
``power`` (``x ** n``) and ``exp_base`` (``c ** x``) for a few constants, and each output of
``softmax`` over three inputs."""

_LARGEST = 1e3  # every subexpression stays this small, so finite differences stay accurate


class Expression:
    """A drawn expression graph and the point it was drawn at.

    Call it on Values (or numbers) to build the graph; ``point`` holds one float per input,
    ``formula`` the expression as Python text in ``x0, x1, …``. (Not a dataclass, so that
    hypothesis prints its formula rather than its fields.)
    """

    def __init__(self, root: Term, point: tuple[float, ...]) -> None:
        self.root = root
        self.point = point

    def __call__(self, *xs: Any) -> Value:
        if len(xs) != len(self.point):
            raise TypeError(f"expression: expected {len(self.point)} inputs, got {len(xs)}")
        built: dict[Term, Value] = {}  # a shared subexpression is built once and used twice

        def build(term: Term) -> Value:
            if term not in built:
                if term.op == "x":
                    x = xs[int(term.constant)]
                    built[term] = x if type(x) is Value else Value(x)
                else:
                    operands = [build(a) for a in term.args]
                    built[term] = OPERATIONS[term.op].apply(term.constant, *operands)
            return built[term]

        return build(self.root)

    @property
    def formula(self) -> str:
        return _text(self.root, 0)

    def __repr__(self) -> str:
        names = ", ".join(f"x{i}" for i in range(len(self.point)))
        at = ", ".join(f"x{i} = {x!r}" for i, x in enumerate(self.point))
        return f"f({names}) = {self.formula}  at {at}"


def _text(term: Term, least: int) -> str:
    if term.op == "x":
        return f"x{term.constant}"
    rule = OPERATIONS[term.op]
    operands = [_text(a, need) for a, need in zip(term.args, rule.needs)]
    c = term.constant
    text = rule.template.format(*operands, c=None if c is None else constant_text(c))
    return f"({text})" if rule.precedence < least else text


def expressions(
    ops: Sequence[str] | None = None,
    *,
    max_depth: int = 3,
    n_inputs: int = 2,
    min_value: float = -3.0,
    max_value: float = 3.0,
    clearance: float = 0.05,
) -> st.SearchStrategy[Expression]:
    """Random expression graphs over ``ops`` (names in ``OPERATIONS``; default all of them).

    Inputs ``x0 … x{n_inputs-1}`` are drawn in ``[min_value, max_value]``; operations nest at
    most ``max_depth`` deep and may share subexpressions. An operation is only placed where
    its operands are at least ``clearance`` away from its kinks, poles and domain edges (relu
    and abs at 0, log, sqrt and fractional powers near 0, division near 0) and where every
    value stays within ±1000: by choosing another operation there, never by shifting inputs.

    >>> from hypothesis import given
    >>> @given(expressions(["mul", "sin", "log"], max_depth=2))
    ... def test_engine(e): assert gradcheck(e, *e.point)
    >>> test_engine()
    """
    if isinstance(ops, str):
        raise TypeError(f"expressions: ops is a list of names; write [{ops!r}], not {ops!r}")
    names = tuple(OPERATIONS) if ops is None else tuple(ops)
    unknown = [n for n in names if n not in OPERATIONS]
    if unknown or not names:
        raise ValueError(
            f"expressions: unknown operations {unknown}; choose from {list(OPERATIONS)}"
        )
    if max_depth < 1 or n_inputs < 1:
        raise ValueError(
            f"expressions: max_depth and n_inputs must be at least 1, got {max_depth}, {n_inputs}"
        )
    if not min_value <= max_value:
        raise ValueError(f"expressions: empty range [{min_value!r}, {max_value!r}]")
    draw_one = _strategies().composite(_expression)
    return draw_one(names, max_depth, n_inputs, min_value, max_value, clearance)


def _expression(
    draw: Any,
    names: tuple[str, ...],
    max_depth: int,
    n_inputs: int,
    min_value: float,
    max_value: float,
    clearance: float,
) -> Expression:
    st = _strategies()
    floats = st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    point = tuple(draw(floats) for _ in range(n_inputs))
    inputs = [Term("x", (), i) for i in range(n_inputs)]
    at: dict[Term, float] = dict(zip(inputs, point))  # each term's value at the point
    height: dict[Term, int] = dict.fromkeys(inputs, 0)

    def placed(name: str, c: Any, args: list[Term]) -> float | None:
        """The value of ``name`` over ``args`` at the point, or None if it should not go there."""
        rule = OPERATIONS[name]
        xs = [at[a] for a in args]
        if len(rule.needs) != len(args) or rule.clearance(c, *xs) < clearance:
            return None
        try:
            value = rule.apply(c, *map(Value, xs)).data
        except (ArithmeticError, ValueError):
            return None
        return value if abs(value) <= _LARGEST else None

    def operand(depth: int) -> Term:
        # Shrinks towards an input: the simplest failing expression is the shortest.
        kind = draw(st.integers(0, 9)) if depth > 0 else 0
        shared = [t for t in at if height[t] and height[t] <= depth]
        if kind <= 2:
            return draw(st.sampled_from(inputs))
        if kind == 3 and shared:
            return draw(st.sampled_from(shared))
        return operation(depth)

    def operation(depth: int) -> Term:
        name = draw(st.sampled_from(names))
        c = draw(st.sampled_from(OPERATIONS[name].constants))
        args = [operand(depth - 1) for _ in range(len(OPERATIONS[name].needs))]
        value = placed(name, c, args)
        if value is None:  # not here: another operation that fits these operands, if any
            fits = [
                (n, k)
                for n in names
                for k in OPERATIONS[n].constants
                if placed(n, k, args) is not None
            ]
            if not fits:
                return args[0]
            name, c = draw(st.sampled_from(fits))
            value = placed(name, c, args)
        term = Term(name, tuple(args), c)
        at[term] = value
        height[term] = 1 + max(height[a] for a in args)
        return term

    return Expression(operation(max_depth), point)
