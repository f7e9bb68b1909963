"""Derivatives as functions, with JAX's names and conventions, nesting in any mix of modes.

- ``grad(f, argnums)`` and ``value_and_grad``: reverse mode, for ``f`` with one output.
- ``jvp(f, primals, tangents)``: forward mode, one sweep per direction (``autograd.forward``).
- ``vjp(f, *primals)``: reverse mode, one sweep per cotangent.
- ``jacfwd`` and ``jacrev`` (``jacobian``): every ``∂output/∂input``, by one forward sweep
  per input or one reverse sweep per output; ``hessian = jacfwd(jacrev(f))``, as in JAX.

Every argument reaches ``f`` as a Value, as JAX hands a function arrays: the differentiated
ones as variables of their own, numbers among the others as constants. ``f`` returns a Value
or a tuple (or list) of them; a plain number means the graph was cut (by ``.data``, or a
number computed from it), and is refused rather than differentiated to a silent 0. So is a
number read from ``.data`` of a differentiated value that enters ``f``'s arithmetic
(``x * x.data``): the derivative would leave out its part. Reading ``.data`` to compare or
to print (``if x.data > 0``) is fine. Called
with floats the derivatives are floats; called with Values (or inside another of these) they
are Values built from the local derivatives, so that each can be differentiated again.

>>> from autograd import jvp, hessian
>>> jvp(lambda x: x ** 3, (2.0,), (1.0,))       # (f(2), f'(2) · 1)
(8.0, 12.0)
>>> hessian(lambda x, y: x * x * y, argnums=(0, 1))(3.0, 2.0)
((4.0, 6.0), (6.0, 0.0))
"""

from __future__ import annotations

import numbers
import threading
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from . import forward
from .backward import gradients
from .value import Observer, Read, Value, dot

__all__ = [
    "grad",
    "hessian",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jvp",
    "stop_gradient",
    "value_and_grad",
    "vjp",
]

_depth: ContextVar[int] = ContextVar("grad_depth", default=0)  # calls of f under way

Argnums = int | Sequence[int]


def stop_gradient(x: Any) -> Any:
    """``x`` with its derivative cut, as ``jax.lax.stop_gradient``: a Value becomes a node
    whose local derivative is 0 by declaration (``x.detach()``); a number is a constant already.

    >>> grad(lambda x: x * stop_gradient(x))(3.0)  # ∂/∂x of x·c at c = x = 3
    3.0
    """
    return x.detach() if isinstance(x, Value) else x


def grad(f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False) -> Callable[..., Any]:
    """The function computing the derivative of scalar ``f`` with respect to ``argnums``.

    ``has_aux``: ``f`` returns a pair ``(output, aux)``; the result is ``(gradient, aux)``,
    ``aux`` as ``f`` gave it, as in JAX.

    >>> from autograd import grad
    >>> f = lambda x: x ** 3
    >>> grad(f)(2.0), grad(grad(f))(2.0), grad(grad(grad(f)))(2.0)
    (12.0, 12.0, 6.0)
    >>> grad(lambda x, y: x * y.exp(), argnums=(0, 1))(3.0, 0.0)
    (1.0, 3.0)
    """
    both = _value_and_grad(f, argnums, "grad", has_aux)

    def df(*args: Any, **kwargs: Any) -> Any:
        value, gradient = both(*args, **kwargs)
        return (gradient, value[1]) if has_aux else gradient

    return _named(df, "grad", f, argnums)


def value_and_grad(
    f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """The function computing ``(f(*args), grad(f, argnums)(*args))`` from one evaluation;
    with ``has_aux``, ``((output, aux), gradient)`` as in JAX.

    >>> value_and_grad(lambda x: x.sin() * 2)(0.0)
    (0.0, 2.0)
    >>> value_and_grad(lambda x: (x * x, "aux"), has_aux=True)(3.0)
    ((9.0, 'aux'), 6.0)
    """
    both = _value_and_grad(f, argnums, "value_and_grad", has_aux)
    return _named(both, "value_and_grad", f, argnums)


def _value_and_grad(
    f: Callable[..., Any], argnums: Argnums, where: str, has_aux: bool
) -> Callable[..., Any]:
    positions, single = _positions(argnums, where)

    def both(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
        run = _Run(f, args, positions, where, has_aux, keywords=kwargs)
        if run.shape is not None:
            raise TypeError(
                f"{where}: f must return one Value, got {run.described}; "
                "for several outputs use jacrev or vjp"
            )
        (y,) = run.outputs
        gradient = run.by_argnums(gradients(y, run.inputs, run.as_values), single)
        return run.with_aux(run.primal(y)), gradient

    return both


def jvp(
    f: Callable[..., Any], primals: Sequence[Any], tangents: Sequence[Any], has_aux: bool = False
) -> tuple[Any, ...]:
    """``(f(*primals), J·tangents)``: forward mode, one sweep from the inputs to the outputs.

    As in ``jax.jvp``, ``primals`` and ``tangents`` are tuples (or lists) of equal length, and
    with several outputs both results are tuples; with ``has_aux``, ``aux`` comes third.

    >>> jvp(lambda x, y: (x * y, x + y), (2.0, 3.0), (1.0, 0.0))
    ((6.0, 5.0), (3.0, 1.0))
    """
    if not isinstance(primals, (tuple, list)) or not isinstance(tangents, (tuple, list)):
        raise TypeError(
            "jvp: primals and tangents must be tuples or lists, as in jax.jvp; got "
            f"{type(primals).__name__} and {type(tangents).__name__} (write (x,), not x)"
        )
    if len(primals) != len(tangents):
        raise ValueError(
            f"jvp: {len(primals)} primals but {len(tangents)} tangents; give one tangent each"
        )
    seeds = [_number(t, f"jvp: tangent {i}") for i, t in enumerate(tangents)]
    run = _Run(f, primals, range(len(primals)), "jvp", has_aux, also=seeds)
    found = forward.tangents(run.outputs, run.inputs, seeds, run.as_values)
    pair = (
        run.rebuild([run.primal(y) for y in run.outputs]),
        run.rebuild([run.derivative(t) for t in found]),
    )
    return (*pair, run.aux) if has_aux else pair


def vjp(f: Callable[..., Any], *primals: Any, has_aux: bool = False) -> tuple[Any, ...]:
    """``(f(*primals), pullback)``, where ``pullback(cotangent)`` is ``cotangent·J``: one
    derivative per primal, always a tuple, by one reverse sweep, as ``jax.vjp`` gives; with
    ``has_aux``, ``aux`` comes third.

    >>> y, pullback = vjp(lambda x, y: (x * y, x + y), 2.0, 3.0)
    >>> y, pullback((1.0, 10.0))
    ((6.0, 5.0), (13.0, 12.0))
    """
    run = _Run(f, primals, range(len(primals)), "vjp", has_aux)

    def pullback(cotangent: Any) -> tuple[Any, ...]:
        leaves = _cotangents(cotangent, run)
        as_values = run.as_values or _depth.get() > 0 or any(type(c) is Value for c in leaves)
        # cotangent·J is the gradient of Σ cᵢ·yᵢ: one node (a dot), one sweep
        y = run.outputs[0] if leaves == [1.0] else dot(leaves, run.outputs)
        found = gradients(y, run.inputs, as_values)
        return tuple(run.derivative(d, as_values) for d in found)

    out = run.rebuild([run.primal(y) for y in run.outputs])
    return (out, pullback, run.aux) if has_aux else (out, pullback)


def _cotangents(cotangent: Any, run: _Run) -> list[Any]:
    """The cotangent's numbers, one per output, checked to have the outputs' shape."""
    if run.shape is None:
        return [_number(cotangent, "vjp: cotangent")]
    leaves, shape = _flatten(cotangent, "vjp: cotangent")
    if shape != run.shape:
        raise ValueError(
            f"vjp: the cotangent must have the shape of f's outputs ({run.described}), "
            f"got {cotangent!r}"
        )
    return [_number(c, "vjp: cotangent") for c in leaves]


def jacfwd(
    f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """The Jacobian of ``f`` by forward mode: one sweep per input in ``argnums``.

    For each output (a tuple of them if ``f`` returns one) the derivatives by ``argnums``: a
    number for an int, a tuple for a tuple, as ``jax.jacfwd`` arranges them; with
    ``has_aux``, ``(jacobian, aux)``.

    >>> jacfwd(lambda x: (x * x, x.sin()))(0.0)
    (0.0, 1.0)
    """
    return _jacobian(f, argnums, "jacfwd", has_aux, forward_mode=True)


def jacrev(
    f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """The Jacobian of ``f`` by reverse mode: one sweep per output; arranged as ``jacfwd``.

    >>> jacrev(lambda x, y: (x * y, x + y), argnums=(0, 1))(2.0, 3.0)
    ((3.0, 2.0), (1.0, 1.0))
    """
    return _jacobian(f, argnums, "jacrev", has_aux, forward_mode=False)


jacobian = jacrev  # as jax.jacobian: reverse mode


def hessian(
    f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """Every second derivative of ``f``: ``jacfwd(jacrev(f, argnums), argnums)``, as in JAX;
    with ``has_aux``, ``(hessian, aux)``.

    >>> hessian(lambda x: x ** 3)(2.0)
    12.0
    """
    first = _jacobian(f, argnums, "hessian", has_aux, forward_mode=False)
    second = _jacobian(first, argnums, "hessian", has_aux, forward_mode=True)
    return _named(second, "hessian", f, argnums)


def _jacobian(
    f: Callable[..., Any], argnums: Argnums, where: str, has_aux: bool, forward_mode: bool
) -> Callable[..., Any]:
    positions, single = _positions(argnums, where)

    def jac(*args: Any, **kwargs: Any) -> Any:
        run = _Run(f, args, positions, where, has_aux, keywords=kwargs)
        if forward_mode:  # one sweep per input: column j holds ∂yᵢ/∂xⱼ for every output i
            columns = [forward.tangents(run.outputs, [x], [1.0], run.as_values) for x in run.inputs]
            rows = [list(row) for row in zip(*columns)]
        else:  # one sweep per output: a row of ∂y/∂xⱼ
            rows = [gradients(y, run.inputs, run.as_values) for y in run.outputs]
        return run.with_aux(run.rebuild([run.by_argnums(row, single) for row in rows]))

    return _named(jac, where, f, argnums)


# ---- what every operator shares: arguments in, f called, outputs read -----------------


class _Run:
    """``f`` called once on Values: the differentiated inputs, the outputs and their shape."""

    inputs: list[Value]
    outputs: list[Value]
    shape: Any  # None for one output, else the nesting of tuples and lists (``_flatten``)
    as_values: bool  # give derivatives as Values (nested, or given Values), else floats
    has_aux: bool  # f returned (output, aux)
    aux: Any  # as f gave it

    def __init__(
        self,
        f: Callable[..., Any],
        args: Sequence[Any],
        positions: Sequence[int],
        where: str,
        has_aux: bool = False,
        also: Sequence[Any] = (),
        keywords: Mapping[str, Any] | None = None,
    ) -> None:
        for i in positions:
            if not -len(args) <= i < len(args):
                raise IndexError(f"{where}: argnums {i} is out of range for {len(args)} arguments")
        # Inside an outer operator (or given Values), build derivatives as Values, so that the
        # outer one can differentiate them in turn, through arguments and closures alike.
        keywords = keywords or {}  # never differentiated, as in JAX
        self.as_values = _depth.get() > 0 or any(
            type(a) is Value for a in (*args, *also, *keywords.values())
        )
        # Each differentiated argument is a variable of its own, as in JAX, even if f closes
        # over the same Value or it is passed twice: a clone, through which an outer
        # derivative still reaches it. The others are constants, numbers made Values.
        made = {i % len(args): _variable(args[i % len(args)], where, i % len(args))
                for i in positions}  # fmt: skip
        self.inputs = [made[i % len(args)] for i in positions]
        given = [made[i] if i in made else _constant(a) for i, a in enumerate(args)]
        named = dict(keywords)  # as given, as JAX passes them: a count stays an int
        token = _depth.set(_depth.get() + 1)
        try:
            with Value.observe(_Cut(self.inputs, where)):
                out = f(*given, **named)
        finally:
            _depth.reset(token)
        self.has_aux = has_aux
        if has_aux:
            if not isinstance(out, (tuple, list)) or len(out) != 2:
                raise TypeError(
                    f"{where}: with has_aux=True, f must return a pair (output, aux), got "
                    f"{type(out).__name__}"
                )
            out, self.aux = out
        if type(out) is Value:
            self.outputs, self.shape = [out], None
        else:
            self.outputs, self.shape = _flatten(out, where)
            _refuse_numbers(self.outputs, out, where)

    @property
    def described(self) -> str:
        return f"a {type(self.shape[0]).__name__} of {len(self.outputs)}"

    def rebuild(self, leaves: list[Any]) -> Any:
        """``leaves``, one per output, arranged as f's outputs were."""
        return leaves[0] if self.shape is None else _unflatten(self.shape, iter(leaves))

    def with_aux(self, result: Any) -> Any:
        """``(result, aux)`` where ``f`` returned an aux, else ``result``."""
        return (result, self.aux) if self.has_aux else result

    def primal(self, y: Value) -> Any:
        return y if self.as_values else y.data

    def derivative(self, d: Any, as_values: bool | None = None) -> Any:
        # a derivative that is a constant (f linear) is a Value all the same
        if self.as_values if as_values is None else as_values:
            return d if type(d) is Value else Value(d)
        return d

    def by_argnums(self, row: list[Any], single: bool) -> Any:
        found = [self.derivative(d) for d in row]
        return found[0] if single else tuple(found)


class _Cut(Observer):
    """Refuses a number read from ``.data`` of a differentiated value (or of a node computed
    from one) as it enters ``f``'s arithmetic: the derivative would miss its part."""

    def __init__(self, inputs: Sequence[Value], where: str) -> None:
        self.inputs, self.where = set(inputs), where

    def entered(self, number: Read, where: str) -> None:
        if threading.get_ident() == self.thread and _reaches(number.node, self.inputs):
            raise TypeError(
                f"{self.where}: f computed with a number read from .data ({float(number)!r}, "
                f"into {where}) of a value it differentiates; the derivative would leave its "
                "part out (x * x.data is differentiated as x times a constant). Keep it a "
                "Value (x, not x.data), or cut it on purpose with x.detach(); comparing or "
                "printing .data is fine"
            )


def _reaches(node: Value, inputs: set[Value]) -> bool:
    """Whether ``node`` is one of ``inputs`` or computed from one."""
    seen, todo = set(), [node]
    while todo:
        n = todo.pop()
        if n in inputs:
            return True
        for p in n._parents:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return False


def _positions(argnums: Any, where: str) -> tuple[tuple[int, ...], bool]:
    """``argnums`` as a tuple of ints, and whether it was one int (then one result)."""
    if isinstance(argnums, int) and not isinstance(argnums, bool):
        return (argnums,), True
    if (
        isinstance(argnums, Sequence)
        and not isinstance(argnums, str)
        and argnums
        and all(isinstance(i, int) and not isinstance(i, bool) for i in argnums)
    ):
        return tuple(argnums), False
    raise TypeError(
        f"{where}: argnums must be an int or a non-empty tuple of ints, got {argnums!r}"
    )


def _variable(x: Any, where: str, i: int) -> Value:
    """Argument ``i``, differentiated: a Value of its own; a bool is refused, as JAX does."""
    if type(x) is Value:
        return x.clone()
    if isinstance(x, bool):
        raise TypeError(f"{where}: argument {i} is a bool ({x}); differentiate by a number")
    try:
        return Value(x)
    except (TypeError, ValueError, OverflowError) as error:  # naming the argument
        raise type(error)(f"{where}: argument {i}: {error}") from None


def _constant(x: Any) -> Any:
    # Numbers become Values, so f may call x.exp() on any of its arguments; a bool is a flag
    # and other objects (a model, a list) pass unchanged.
    return Value(x) if isinstance(x, numbers.Real) and not isinstance(x, bool) else x


def _number(x: Any, where: str) -> Any:
    """A tangent or cotangent: a Value, or a number as a float."""
    if type(x) is Value:
        return x
    if not isinstance(x, numbers.Real) or isinstance(x, bool):
        raise TypeError(f"{where} must be a number or a Value, got {type(x).__name__} {x!r}")
    try:
        return Value(x).data
    except (ValueError, OverflowError) as error:  # not finite, or too large for a float
        raise type(error)(f"{where}: {error}") from None


_DEEPEST = 100  # outputs nested deeper are refused: a mistake, and recursion has limits


def _flatten(tree: Any, where: str, depth: int = 0) -> tuple[list[Any], Any]:
    """The leaves of nested tuples and lists, and the nesting, to rebuild or compare."""
    if isinstance(tree, (tuple, list)):
        if depth == _DEEPEST:
            raise ValueError(f"{where}: tuples or lists nested more than {_DEEPEST} deep")
        leaves: list[Any] = []
        shapes = []
        for part in tree:
            found, shape = _flatten(part, where, depth + 1)
            leaves += found
            shapes.append(shape)
        return leaves, (type(tree)(), tuple(shapes))
    return [tree], None


def _unflatten(shape: Any, leaves: Any) -> Any:
    if shape is None:
        return next(leaves)
    kind, parts = shape
    return type(kind)(_unflatten(part, leaves) for part in parts)


def _refuse_numbers(outputs: list[Any], out: Any, where: str) -> None:
    for y in outputs:
        if type(y) is Value:
            continue
        if isinstance(y, numbers.Number):
            raise TypeError(
                f"{where}: f returned the plain number {y!r}, not a Value: its graph was cut "
                "(by .data, or a number computed from it), so it has no derivative; keep it "
                "in Values"
            )
        raise TypeError(
            f"{where}: f must return a Value or a tuple of Values, got {type(y).__name__}"
        )
    if not outputs:
        raise TypeError(
            f"{where}: f returned an empty {type(out).__name__}; nothing to differentiate"
        )


def _named(fn: Callable[..., Any], kind: str, f: Callable[..., Any], argnums: Any) -> Any:
    name = getattr(f, "__name__", "f")
    fn.__name__ = f"{kind}({name})"
    fn.__doc__ = f"{kind} of {name} by argument {argnums}."
    return fn
