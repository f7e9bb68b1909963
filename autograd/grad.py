"""``grad(f)``: derivatives as functions, in the style of ``jax.grad``, nesting to any order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from .backward import gradients
from .value import Value

__all__ = ["grad"]

_depth: ContextVar[int] = ContextVar("grad_depth", default=0)  # grad calls under way


def grad(f: Callable[..., Any], argnums: int | Sequence[int] = 0) -> Callable[..., Any]:
    """The function computing the derivative of scalar ``f`` with respect to ``argnums``.

    Arguments may be floats or Values. Called with floats it returns floats; called with
    Values it returns Values built from the local derivatives, so ``grad`` nests.

    >>> from autograd import grad
    >>> f = lambda x: x ** 3
    >>> grad(f)(2.0), grad(grad(f))(2.0), grad(grad(grad(f)))(2.0)
    (12.0, 12.0, 6.0)
    >>> grad(lambda x, y: x * y, argnums=(0, 1))(3.0, 4.0)
    (4.0, 3.0)
    """
    single = isinstance(argnums, int)
    positions = (argnums,) if single else tuple(argnums)
    if not positions or not all(isinstance(i, int) and not isinstance(i, bool) for i in positions):
        raise TypeError(
            f"grad: argnums must be an int or a non-empty tuple of ints, got {argnums!r}"
        )

    def df(*args: Any) -> Any:
        for i in positions:
            if not -len(args) <= i < len(args):
                raise IndexError(f"grad: argnums {i} is out of range for {len(args)} arguments")
        args_list = list(args)
        # Inside an outer grad (or given Values), build the gradient as Values, so that the
        # outer grad can differentiate it in turn, through arguments and closures alike.
        as_values = _depth.get() > 0 or any(type(a) is Value for a in args)
        for i in positions:  # each argument a variable of its own, as in JAX, even if f
            # closes over the same Value or it is passed twice: a clone, through which an
            # outer grad still reaches it
            x = args_list[i]
            args_list[i] = x.clone() if type(x) is Value else Value(x)
        inputs = [args_list[i] for i in positions]
        token = _depth.set(_depth.get() + 1)
        try:
            out = f(*args_list)
        finally:
            _depth.reset(token)
        if type(out) is not Value:
            if not isinstance(out, (int, float)):
                raise TypeError(
                    f"grad: f must return a scalar Value or number, got {type(out).__name__}"
                )
            results = [0.0] * len(inputs)  # f does not depend on its arguments at all
        else:
            results = gradients(out, inputs, as_values)
        if as_values:  # a derivative that is a constant (f linear) is a Value all the same
            results = [r if type(r) is Value else Value(r) for r in results]
        return results[0] if single else tuple(results)

    df.__name__ = f"grad({getattr(f, '__name__', 'f')})"
    df.__doc__ = f"The derivative of {getattr(f, '__name__', 'f')} by argument {argnums}."
    return df
