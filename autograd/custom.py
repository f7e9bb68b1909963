"""Your own operations: a new row of the table, from its value, its local derivatives and
their text, checked when it is defined.

The row is an ``autograd.ops.Op`` like every built-in one, so backward, forward mode,
derivatives of derivatives, pictures, explanations and the compiler read it as they read
``tanh``. Write the value and the derivatives with ordinary arithmetic and the functions of
``autograd.functions`` (they run on floats, Values and arrays alike).

>>> import autograd
>>> from autograd.functions import sigmoid
>>> @autograd.op(
...     local_grads=lambda out, x: sigmoid(x) * (1 + x * (1 - sigmoid(x))),
...     formula="x·σ(x)",
...     derivatives="σ(x)·(1 + x·(1 − σ(x)))",
... )
... def swish(x):
...     return x * sigmoid(x)
>>> z = autograd.Value(1.0, label="z"); a = swish(z); a.backward()
>>> round(a.data, 6), round(z.grad, 6)
(0.731059, 0.927671)
>>> a.op.formulas("a", ["z"])
('σ(z)·(1 + z·(1 − σ(z)))',)
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from typing import Any

from . import ops
from .ops import Op
from .value import Value, apply

__all__ = ["DEFINED", "Operation", "op"]

DEFINED: dict[str, Operation] = {}
"""The operations defined so far, by name (a later definition of a name replaces it)."""

_NAME = re.compile(r"(?:(?![¹²³⁰-⁹₀-₉])\w)+")  # a name in a text: σ, x, z1; not x²'s ²


class Operation:
    """A user-defined operation: call it on Values or numbers to make its node.

    ``row`` is its row of the table; ``formula`` the text of its value in its parameters'
    names (``x·σ(x)``), ``parameters`` those names.
    """

    def __init__(self, row: Op, parameters: Sequence[str], formula: str | None) -> None:
        self.row, self.parameters, self.formula = row, tuple(parameters), formula
        self.__name__ = row.name

    def __call__(self, *operands: Any) -> Value:
        return apply(self.row, *operands)

    def __repr__(self) -> str:
        return f"<operation {self.row.name}({', '.join(self.parameters)})>"


def op(
    forward: Callable[..., Any] | None = None,
    *,
    local_grads: Callable[..., Any],
    derivatives: str | Sequence[str] | None = None,
    formula: str | None = None,
    name: str | None = None,
    symbol: str | None = None,
    check: bool = True,
) -> Any:
    """Define an operation from ``forward`` (its value, on floats), ``local_grads(out, *xs)``
    (``∂out/∂x`` for each input, one number for one input) and the text of each derivative
    (``derivatives``) and of the value (``formula``), in ``forward``'s parameter names (and
    ``out`` for the result). Used as a decorator or called with ``forward``.

    With ``check`` (the default) the derivatives are checked at once by
    ``autograd.testing.check_op``: against central differences, second derivatives
    included, and, where sympy reads the texts, symbolically; a wrong one raises
    ``GradcheckError`` with the point and both values.
    """
    if forward is None:
        return lambda f: op(
            f,
            local_grads=local_grads,
            derivatives=derivatives,
            formula=formula,
            name=name,
            symbol=symbol,
            check=check,
        )
    name = name or getattr(forward, "__name__", "")
    if not name.isidentifier() or name == "<lambda>":
        raise ValueError(f"op: an operation needs a name that is an identifier, got {name!r}")
    if name in ops.OPS:
        raise ValueError(f"op: {name!r} is a built-in operation; choose another name")
    parameters = _parameters(forward, name)
    texts = _derivative_texts(derivatives, parameters, name)
    if not callable(local_grads):
        raise TypeError(
            f"op {name}: local_grads must be a function of out and {', '.join(parameters)}, "
            f"got {local_grads!r}"
        )
    row = Op(
        name,
        symbol or name,
        _restated(forward, name),
        _as_tuple(local_grads, name, len(parameters)),
        _formulas(texts, parameters),
        arity=len(parameters),
    )
    _count_checked(row)
    operation = Operation(row, parameters, formula)
    if check:
        from .testing import check_op  # testing reads rows; a row need not import it

        check_op(operation, derivatives=texts)
    DEFINED[name] = operation
    return operation


def _parameters(forward: Callable[..., Any], name: str) -> list[str]:
    try:
        signature = inspect.signature(forward)
    except (TypeError, ValueError):
        raise TypeError(
            f"op {name}: its value must be a Python function, got {forward!r}"
        ) from None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = [p.name for p in signature.parameters.values()]
    if not parameters or any(p.kind not in kinds for p in signature.parameters.values()):
        raise TypeError(
            f"op {name}: its value must take one or more plain inputs, as ({', '.join(parameters)})"
            " does not"
        )
    return parameters


def _derivative_texts(
    derivatives: str | Sequence[str] | None, parameters: Sequence[str], name: str
) -> tuple[str, ...]:
    if derivatives is None:  # pictures then write the derivative by its name: ∂f/∂x
        return tuple(f"∂{name}/∂{p}" for p in parameters)
    texts = (derivatives,) if isinstance(derivatives, str) else tuple(derivatives)
    if len(texts) != len(parameters) or not all(isinstance(t, str) for t in texts):
        raise ValueError(
            f"op {name}: derivatives: expected {len(parameters)} text(s), one per input "
            f"({', '.join(parameters)}), got {texts!r}"
        )
    return texts


def _restated(forward: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``forward``, its errors restated with the operation's name (``math domain error`` says
    nothing of where it came from)."""

    def value(*xs: Any) -> Any:
        try:
            return forward(*xs)
        except (ArithmeticError, ValueError) as error:
            where = ", ".join(map(repr, xs))
            raise type(error)(f"{name}: undefined at ({where}): {error}") from None

    return value


def _as_tuple(
    local_grads: Callable[..., Any], name: str, arity: int
) -> Callable[..., tuple[Any, ...]]:
    def grads(out: Any, *xs: Any) -> tuple[Any, ...]:
        d = local_grads(out, *xs)
        d = tuple(d) if isinstance(d, (tuple, list)) else (d,)
        d = tuple(float(g) if type(g) is int else g for g in d)  # 2 as 2.0, as rows give it
        if len(d) != arity:  # one each: zip would drop the rest without a word
            inputs = "input" if arity == 1 else "inputs"
            raise TypeError(
                f"op {name}: local_grads gave {len(d)} derivatives for {arity} {inputs}"
            )
        return d

    return grads


def _count_checked(row: Op) -> None:
    """``local_grads`` called once where the value is defined, so that a wrong count of
    derivatives is said at once (the checks that follow would call every point undefined)."""
    from .testing import DEFAULT_POINTS

    n = len(DEFAULT_POINTS)
    for j in range(n):
        xs = [DEFAULT_POINTS[(j + k) % n] for k in range(row.arity or 0)]
        try:
            out = row.forward(*xs)
        except (ArithmeticError, ValueError, TypeError):
            continue
        try:
            row.local_grads(out, *xs)
        except (ArithmeticError, ValueError):
            continue
        return


def _formulas(texts: Sequence[str], parameters: Sequence[str]) -> ops.Formulas:
    """The derivatives' text in the names of the nodes at hand, as every row gives it."""

    def formulas(out: str, args: Sequence[str]) -> tuple[str, ...]:
        names = {"out": out, **dict(zip(parameters, args))}
        return tuple(_NAME.sub(lambda m: names.get(m[0], m[0]), t) for t in texts)

    return formulas
