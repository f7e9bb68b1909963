"""Compiled mode: trace a function of scalars once into a flat tape, then replay the tape.

A training loop or a property test evaluates the same graph shape again and again. ``trace``
records it once as a list of steps (a row of ``autograd.ops`` and the slots it reads);
replaying the tape runs the same rows without building Values: on floats, or on NumPy arrays
with one array operation per step over a whole batch, with gradients summed over the batch
or per example. Leaves the function reaches that are not its arguments (a model's
parameters) are read afresh at every replay, so a tape keeps up with gradient descent.

>>> from autograd import Value
>>> from autograd.compile import trace
>>> w = Value(0.5, label="w")
>>> tape = trace(lambda x: (w * x).tanh(), 1.0)
>>> round(tape(2.0), 6)
0.761594
>>> value, (dx,), dleaves = tape.value_and_grad(2.0)
>>> round(dx, 6), round(dleaves[w], 6)
(0.209987, 0.839949)

The traced function must compute the same graph for every input (no Python ``if`` on
``.data``): the tape replays what it saw while tracing.
"""

from __future__ import annotations

import contextlib
import math
import numbers
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from .graph import topological_order
from .numtext import arg_text
from .ops import INF, Op, refusal
from .value import Value

__all__ = ["Tape", "trace"]


def trace(f: Callable[..., Any], *example: float) -> Tape:
    """Record ``f`` applied to ``example`` (one number per argument) as a replayable Tape.

    >>> tape = trace(lambda x, y: x * y + x, 1.0, 1.0)
    >>> tape(3.0, 4.0), tape.value_and_grad(3.0, 4.0)[1]
    (15.0, [5.0, 3.0])
    """
    inputs = [Value(x, f"arg{i}") for i, x in enumerate(example)]
    out = f(*inputs)
    if not isinstance(out, Value):
        if not isinstance(out, numbers.Real):
            raise TypeError(f"trace: f must return one scalar, got {type(out).__name__}")
        out = Value(out)  # f ignores its arguments: a constant tape
    return Tape(inputs, out)


class Tape:
    """A traced function: ``steps`` in order, each ``(op, slots read)``; replay with a call.

    Slots number the arguments first, then ``leaves`` (every other leaf, read at each
    replay), then one slot per step.
    """

    def __init__(self, inputs: Sequence[Value], output: Value) -> None:
        slot = {x: i for i, x in enumerate(inputs)}
        order = topological_order(output)
        self.leaves = tuple(n for n in order if not n._parents and n not in slot)
        for leaf in self.leaves:
            slot[leaf] = len(slot)
        self.steps: list[tuple[Op, tuple[int, ...]]] = []
        for node in order:
            if node._parents:
                slot[node] = len(slot)
                self.steps.append((node._op, tuple(slot[p] for p in node._parents)))
        self.arity = len(inputs)
        # What each replay needs of a step, in order: its slot, row, parents, and a gatherer.
        first = self.arity + len(self.leaves)
        self._plan = [
            (s, op, parents, _gather(parents))
            for s, (op, parents) in enumerate(self.steps, start=first)
        ]
        self.output = slot[output]
        self._batched_by_pattern: dict[tuple[type, ...], list[bool]] = {}

    def __repr__(self) -> str:
        return f"<Tape: {self.arity} arguments, {len(self.leaves)} leaves, {len(self.steps)} steps>"

    def __call__(self, *args: Any) -> Any:
        """The function's value: an array if it depends on an array argument, else a float."""
        values, _ = self._forward(args)
        return values[self.output]

    def value_and_grad(
        self, *args: Any, per_example: bool = False
    ) -> tuple[Any, list[Any], dict[Value, Any]]:
        """The value, its gradient for each argument, and for each leaf (by Value).

        With arrays, a leaf's or a scalar argument's gradient is summed over the batch, or
        with ``per_example`` one entry per example.
        """
        values, batched = self._forward(args)
        adjoints = self._backward(values, batched, per_example)
        leaves = dict(zip(self.leaves, adjoints[self.arity :]))
        return values[self.output], adjoints[: self.arity], leaves

    def backward(self, *args: Any) -> Any:
        """Add the gradient summed over the batch to each leaf's ``.grad``, as ``backward()``.

        Returns the value, so a training step reads ``loss = tape.backward(x1, x2, y)``.
        """
        values, batched = self._forward(args)
        adjoints = self._backward(values, batched, per_example=False)
        for leaf, g in zip(self.leaves, adjoints[self.arity :]):
            leaf.grad += g
        return values[self.output]

    # ---- replay -----------------------------------------------------------------------

    def _forward(self, args: Sequence[Any]) -> tuple[list[Any], list[bool]]:
        if len(args) != self.arity:
            raise TypeError(f"tape: expected {self.arity} arguments, got {len(args)}")
        args = [_argument(x, i) for i, x in enumerate(args)]
        batched = self._batched(args)
        values = [*args, *(leaf.data for leaf in self.leaves)]
        arrays = True in batched
        if arrays:
            _same_length(args)
        with _quiet(arrays):
            for s, op, _, gather in self._plan:
                xs = gather(values)
                if batched[s]:
                    values.append((op.array or op.forward)(*xs))
                    continue
                y = op.forward(*xs)
                if not -INF < y < INF:  # float arithmetic overflows to inf without a word
                    raise refusal(op, xs, y)
                values.append(y)
        if batched[self.output] and not _all_finite([v for v, b in zip(values, batched) if b]):
            self._refuse_forward(values, batched)
        return values, batched

    def _backward(self, values: list[Any], batched: list[bool], per_example: bool) -> list[Any]:
        adjoints: list[Any] = [0.0] * len(values)
        adjoints[self.output] = values[self.output] * 0.0 + 1.0  # ones, as many as examples
        first = len(values) - len(self.steps)
        with _quiet(True in batched):
            for s, op, parents, gather in reversed(self._plan):
                xs = gather(values)
                try:
                    grads = op.local_grads(values[s], *xs)
                except (ArithmeticError, ValueError):  # floats raise; arrays mostly hold NaN
                    self._refuse_backward(values, batched)
                g = adjoints[s]
                summing = batched[s] and not per_example
                for i, d in zip(parents, grads):
                    if summing and not batched[i]:  # Σ over the batch, in one array operation
                        adjoints[i] += float(d @ g) if type(d) is not float else d * float(g.sum())
                    else:  # in place on arrays: each slot's adjoint is its own
                        adjoints[i] += d * g
            if not _all_finite(adjoints[:first]):
                self._refuse_backward(values, batched)
        return adjoints

    def _batched(self, args: Sequence[Any]) -> list[bool]:
        """For each slot, whether it holds an array: a step does if any slot it reads does."""
        pattern = tuple(map(type, args))
        batched = self._batched_by_pattern.get(pattern)
        if batched is None:
            batched = [*(t is not float for t in pattern), *(False for _ in self.leaves)]
            for _, parents in self.steps:
                batched.append(any(batched[i] for i in parents))
            self._batched_by_pattern[pattern] = batched
        return batched

    # ---- errors on arrays: find the first bad example and let the float row explain it ---

    def _refuse_forward(self, values: list[Any], batched: list[bool]) -> None:
        """Raise for the first step and example whose value is not finite."""
        first = len(values) - len(self.steps)
        for s in range(first, len(values)):
            op, parents = self.steps[s - first]
            bad = _first_not_finite(values[s]) if batched[s] else None
            if bad is not None:
                xs = [_example(values[i], bad) if batched[i] else values[i] for i in parents]
                try:
                    error = refusal(op, xs, op.forward(*xs))  # the domain was fine: not finite
                except (ArithmeticError, ValueError) as raised:
                    error = raised
                raise type(error)(f"{error} (example {bad} of the batch)") from None

    def _refuse_backward(self, values: list[Any], batched: list[bool]) -> None:
        """Raise for the first step, and example, whose local derivative fails or is not
        finite, evaluated on floats so that the message is the Value engine's."""
        first = len(values) - len(self.steps)
        for s in range(first, len(values)):
            op, parents = self.steps[s - first]
            for k in range(len(values[s])) if batched[s] else [-1]:
                xs = [_example(values[i], k) if batched[i] else values[i] for i in parents]
                try:
                    ds = op.local_grads(_example(values[s], k), *xs)
                    if all(-INF < d < INF for d in ds):
                        continue
                    cause = next((d for d in ds if d != d), INF)  # a NaN (undefined) first
                    error = refusal(op, xs, cause, derivative=True)
                except (ArithmeticError, ValueError) as raised:
                    error = refusal(op, xs, raised, derivative=True)
                where = "" if k < 0 else f" (example {k} of the batch)"
                raise type(error)(f"{error}{where}") from None
        raise OverflowError("backward: a gradient went past the largest float")


def _example(x: Any, index: int) -> float:
    return x if type(x) is float else float(x[index])


def _quiet(arrays: bool) -> Any:
    """NumPy's warnings off where arrays are computed: their results are checked afterwards."""
    return _numpy().errstate(all="ignore") if arrays else contextlib.nullcontext()


def _all_finite(xs: Sequence[Any]) -> bool:
    try:
        return all(map(math.isfinite, xs))  # floats, the common case, in one C loop
    except TypeError:  # arrays among them
        return all(-INF < x < INF if type(x) is float else _numpy().isfinite(x).all() for x in xs)


def _numpy() -> Any:
    import numpy  # only when arrays are replayed: floats never need it

    return numpy


def _gather(slots: tuple[int, ...]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The values at ``slots``, as a tuple, in one call."""
    if len(slots) == 1:
        (i,) = slots
        return lambda values: (values[i],)
    return itemgetter(*slots)


def _argument(x: Any, i: int) -> Any:
    """Argument ``i`` as a finite float, or as a one-dimensional float array."""
    if type(x) is float and -INF < x < INF:
        return x
    if isinstance(x, Value):
        raise TypeError(f"tape: argument {i} is a Value; pass its .data (a tape replays numbers)")
    if isinstance(x, numbers.Real):
        x = float(x)
        if not -INF < x < INF:
            raise ValueError(f"tape: argument {i} must be finite, got {arg_text(x)}")
        return x
    array = _numpy().asarray(x)
    if array.dtype.kind not in "biuf":  # not bools, ints or floats: complex, text, objects
        raise TypeError(f"tape: argument {i} must hold real numbers, got {_kind(x, array)}")
    array = array.astype(float, copy=False)
    if array.ndim != 1:
        raise ValueError(
            f"tape: argument {i} must be a number or a 1-d array, got shape {array.shape}"
        )
    bad = _first_not_finite(array)
    if bad is not None:
        raise ValueError(
            f"tape: argument {i} must be finite, got {arg_text(array[bad])} at index {bad}"
        )
    return array


def _kind(x: Any, array: Any) -> str:
    return f"an array of {array.dtype}" if type(x) is type(array) else f"{type(x).__name__} {x!r}"


def _same_length(args: Sequence[Any]) -> None:
    lengths = {len(x) for x in args if type(x) is not float}
    if len(lengths) > 1:
        raise ValueError(f"tape: the array arguments have different lengths {sorted(lengths)}")


def _first_not_finite(x: Any) -> int | None:
    """The first example where the array ``x`` is inf or nan, else None."""
    numpy = _numpy()
    bad = numpy.flatnonzero(~numpy.isfinite(x))
    return int(bad[0]) if bad.size else None
