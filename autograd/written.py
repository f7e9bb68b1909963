"""A row's own code written out as Python: run on symbols (``Symbol``), objects whose
arithmetic writes the expression instead of computing it, a row's ``forward`` or
``local_grads`` gives the text of what it computes. The compiled tape's code is made of
these texts (``autograd.compile``), and so are the engine's hot operators and backward
steps (``autograd.value``, ``autograd.backward``): there is no second copy of any row.

Where a row's code raises (a domain check), the text calls ``fail()``: the code it is
written into defines ``fail``, and takes the row's general way from there.

>>> from autograd.ops import SIGMOID
>>> written(SIGMOID.local_grads, ["out", "x"], several=True)
['out * (1.0 - out)']
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .ops import INF

__all__ = [
    "ATOM",
    "Forked",
    "NotStraight",
    "Symbol",
    "deciding_nothing",
    "expression",
    "literal",
    "on_symbols",
    "straight_line",
    "written",
]


class NotStraight(Exception):
    """A row's code branched on a value: it is called, not written out."""


_PRECEDENCE = {"<": 0, "<=": 0, ">": 0, ">=": 0, "==": 0, "!=": 0, "+": 1, "-": 1}
_PRECEDENCE |= {"*": 2, "/": 2, "neg": 3, "**": 4}
ATOM = 5


class Symbol:
    """A number not known yet: arithmetic on it writes the expression that computes it, with
    only the parentheses Python needs (``a + b + c`` adds left to right, as written)."""

    __slots__ = ("text", "precedence")

    def __init__(self, text: str, precedence: int = ATOM) -> None:
        self.text, self.precedence = text, precedence

    @property
    def _data(self) -> Symbol:  # what ops' helpers read of a Value: the number itself
        return self

    def __bool__(self) -> bool:
        # A row's code deciding on a value: the decision the run under way was told to take,
        # or, past those, a fork (both ways are then written, joined by a conditional).
        run = _writing[-1] if _writing else None
        if run is None:
            raise NotStraight
        if run.taken < len(run.script):
            run.taken += 1
            return run.script[run.taken - 1]
        raise Forked(self.text)

    def __abs__(self) -> Symbol:
        return Symbol(f"abs({self.text})")

    def _binary(symbol: str, reflected: bool = False) -> Callable[..., Symbol]:
        rank = _PRECEDENCE[symbol]

        def apply(self: Symbol, other: Any) -> Symbol:
            if symbol == "+" and type(other) is float and other == 0.0:
                return self  # sum and dot start from 0.0: x + 0.0 is x (up to the sign of 0)
            if symbol == "**" and not reflected and type(other) is float and other == 1.0:
                return self  # x ** 1.0 is x, exactly, for every float (a power's derivative)
            a, b = (other, self) if reflected else (self, other)
            left = _operand(a, rank if symbol != "**" else rank + 1)
            right = _operand(b, rank + 1 if symbol != "**" else ATOM)
            return Symbol(f"{left} {symbol} {right}", rank)

        return apply

    __add__, __radd__ = _binary("+"), _binary("+", True)
    __sub__, __rsub__ = _binary("-"), _binary("-", True)
    __mul__, __rmul__ = _binary("*"), _binary("*", True)
    __truediv__, __rtruediv__ = _binary("/"), _binary("/", True)
    __pow__, __rpow__ = _binary("**"), _binary("**", True)
    __lt__, __le__ = _binary("<"), _binary("<=")
    __gt__, __ge__ = _binary(">"), _binary(">=")
    __eq__, __ne__ = _binary("=="), _binary("!=")  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self) -> Symbol:
        return Symbol(f"-{_operand(self, _PRECEDENCE['neg'])}", _PRECEDENCE["neg"])

    def _math(name: str) -> Callable[[Symbol], Symbol]:
        return lambda self: Symbol(f"math.{name}({self.text})")

    exp, log, sqrt, tanh, sin, cos = map(_math, ("exp", "log", "sqrt", "tanh", "sin", "cos"))


def _operand(x: Any, at_least: int) -> str:
    """``x`` as an operand: in parentheses if it binds less tightly than ``at_least``."""
    if type(x) is float:
        return literal(x) if -INF < x < INF else "fail()"  # NaN: a derivative undefined here
    if not isinstance(x, Symbol):
        raise NotStraight
    return x.text if x.precedence >= at_least else f"({x.text})"


def expression(x: Any) -> str:
    return _operand(x, 0)


def literal(x: float) -> str:
    return repr(x) if x >= 0.0 else f"({x!r})"


class Forked(Exception):
    """A row's code decided on a symbol's value (``test``) past the decisions it was given."""

    def __init__(self, test: str) -> None:
        self.test = test


class _Run:
    """One run of a row's code on symbols, taking the decisions ``script`` in order."""

    def __init__(self, script: tuple[bool, ...]) -> None:
        self.script, self.taken = script, 0


_writing: list[_Run] = []


@contextmanager
def deciding_nothing() -> Iterator[None]:
    """Run code on symbols where any decision on a value raises ``Forked`` (an optimizer's
    update is written for the decisions it takes on numbers, never on a symbol)."""
    _writing.append(_Run(()))
    try:
        yield
    finally:
        _writing.pop()


_FAILS = object()  # a branch where the row's code raises: the generated code calls fail()
_MOST_DECISIONS = 3  # a row deciding more often than this on its inputs is called instead


class _SymbolicMath:
    """``math`` as a row's code sees it on symbols: a function of a symbol writes its call
    (``math.exp(v3)``); on numbers, the function itself."""

    def __getattr__(self, name: str) -> Any:
        real = getattr(math, name)
        if not callable(real):
            return real

        def call(*args: Any) -> Any:
            if any(isinstance(a, Symbol) for a in args):
                return Symbol(f"math.{name}({', '.join(map(expression, args))})")
            return real(*args)

        return call


_MATH = _SymbolicMath()


def on_symbols(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` reading ``math`` as ``_SymbolicMath``: a row's forward that is ``math.tanh``
    itself, or a function calling ``math.exp`` (sigmoid's two branches), writes its calls."""
    name = getattr(fn, "__name__", "")
    if getattr(math, name, None) is fn:
        return getattr(_MATH, name)
    code = getattr(fn, "__code__", None)
    if code is None or "math" not in code.co_names:
        return fn
    scope = {**fn.__globals__, "math": _MATH}
    return types.FunctionType(code, scope, name, fn.__defaults__, fn.__closure__)


def written(fn: Callable[..., Any], inputs: Sequence[str | float], several: bool = False) -> Any:
    """The expression (or with ``several`` the list of them) the row function ``fn`` computes
    on ``inputs``, names in generated code or numbers, as text; None where its code does not
    run on symbols.

    >>> from autograd.ops import MUL
    >>> written(MUL.local_grads, ["v5", "v3", 2.0], several=True)
    ['2.0', 'v3']
    """
    return straight_line(fn, [x if type(x) is float else Symbol(x) for x in inputs], several)


def straight_line(fn: Callable[..., Any], inputs: list[Any], several: bool = False) -> Any:
    """The expression(s) ``fn`` computes on ``inputs``: run on symbols, the row's own
    arithmetic writes itself out. Where it decides on a value (sigmoid's ``x >= 0``, relu's
    ``x > 0``, a domain check), both ways are written, ``(a if test else b)``, a way that
    raises as ``fail()``. None where the code does not run on symbols."""
    try:
        written = _written(on_symbols(fn), inputs, several, ())
    except NotStraight:
        return None
    return None if written is _FAILS else written


def _written(fn: Callable[..., Any], inputs: list[Any], several: bool, script: tuple) -> Any:
    _writing.append(_Run(script))
    try:
        result = fn(*inputs)
        if several:
            return [_operand(d, _PRECEDENCE["*"]) for d in result]
        if type(result) is not Symbol and type(result) is not float:
            raise NotStraight
        return expression(result)
    except Forked as fork:
        if len(script) == _MOST_DECISIONS:
            raise NotStraight from None
        yes = _written(fn, inputs, several, (*script, True))
        no = _written(fn, inputs, several, (*script, False))
        return _joined(fork.test, yes, no, several)
    except NotStraight:
        raise
    except Exception:  # this way raises (a domain check), or the code needs a real number
        if not script:
            raise NotStraight from None
        return _FAILS
    finally:
        _writing.pop()


def _joined(test: str, yes: Any, no: Any, several: bool) -> Any:
    """``yes if test else no``, as text (element by element for several)."""
    if yes == no:
        return yes
    if yes is _FAILS and no is _FAILS:
        return _FAILS
    if not several:
        return f"({_or_fail(yes)} if {test} else {_or_fail(no)})"
    n = len(no if yes is _FAILS else yes)
    ys, ns = ([_FAILS] * n if x is _FAILS else x for x in (yes, no))
    both = f"({{}} if {test} else {{}})"
    return [y if y == m else both.format(_or_fail(y), _or_fail(m)) for y, m in zip(ys, ns)]


def _or_fail(text: Any) -> str:
    return "fail()" if text is _FAILS else text
