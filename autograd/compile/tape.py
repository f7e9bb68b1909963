"""The tape: a traced function replayed on floats (generated code), on arrays, or step by
step with the engine's checks; the trace whose guards hold is chosen at each call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..ops import INF, refusal
from ..value import Value
from . import arrays, codegen, training
from .arrays import arguments, example_of
from .codegen import NotFinite, Unusual, guard_source
from .program import Program
from .tracing import Diverged, GuardFailed, Recording, record

if TYPE_CHECKING:
    from ..optim import Optimizer

__all__ = ["CACHE_SIZE_LIMIT", "Tape", "trace"]

CACHE_SIZE_LIMIT = 8
"""Traces kept per function, one per branch seen (``torch._dynamo``'s default is 8 too)."""


def trace(f: Callable[..., Any], *example: float, retrace: bool = True) -> Tape:
    """Record ``f`` applied to ``example`` (one number per argument) as a replayable Tape.

    With ``retrace=False`` a replay whose decisions differ from the trace's raises
    ``GuardFailed`` instead of tracing the new branch.

    >>> tape = trace(lambda x, y: x * y + x, 1.0, 1.0)
    >>> tape(3.0, 4.0), tape.value_and_grad(3.0, 4.0)[1]
    (15.0, (5.0, 3.0))
    """
    return _trace(f, example, retrace, [])


def _trace(f: Callable[..., Any], example: Sequence[Any], retrace: bool, family: list) -> Tape:
    tape = Tape(f, record(f, example), retrace, family)
    family.append(tape)
    return tape


_FAST_PATH_MISSED = (
    KeyError,
    TypeError,
    Unusual,
    Diverged,
    NotFinite,
    ArithmeticError,
    ValueError,
)
"""Why a call of the generated code may fail (KeyError: not generated yet); then the
general path decides what to do."""


class Tape(Program):
    """A traced function: its ``Program`` (slots and steps), replayed with a call.

    ``source`` is the Python a replay on floats runs; ``traces`` every branch traced so far.
    """

    def __init__(
        self, f: Callable[..., Any], recording: Recording, retrace: bool, family: list[Tape]
    ) -> None:
        super().__init__(recording)
        self.f, self.retrace, self._family = f, retrace, family
        self._code: dict[str, Callable[..., Any]] = {}

    def __repr__(self) -> str:
        return (
            f"<Tape: {self.arity} arguments, {len(self.leaves)} leaves, {len(self.steps)} steps, "
            f"{len(self.guards)} guards>"
        )

    @property
    def source(self) -> str:
        """The Python source a replay on floats runs: forward and backward in one function."""
        return codegen.generate(self, "value_and_grad")[0]

    @property
    def traces(self) -> tuple[Tape, ...]:
        """Every trace of ``f`` made so far, one per branch met: this one first."""
        return tuple(self._family)

    # ---- the three ways to replay -----------------------------------------------------------

    def __call__(self, *args: Any) -> Any:
        """The function's value: an array if it depends on an array argument, else a float."""
        try:  # the common case first: floats, this trace's branch, finite numbers
            return self._code["value"](*args)
        except _FAST_PATH_MISSED:
            return self._replay("value", args, False)

    def value_and_grad(
        self, *args: Any, per_example: bool = False
    ) -> tuple[Any, tuple[Any, ...], dict[Value, Any]]:
        """The value, its gradient for each argument, and for each leaf (by Value).

        With arrays, a leaf's or a scalar argument's gradient is summed over the batch, or
        with ``per_example`` one entry per example.
        """
        tape, (value, dargs, dleaves) = self._replay("value_and_grad", args, per_example)
        return value, tuple(dargs), dict(zip(tape.leaves, dleaves))

    def backward(self, *args: Any) -> Any:
        """Add the gradient summed over the batch to each leaf's ``.grad``, as ``backward()``.

        Returns the value, so a training step reads ``loss = tape.backward(x1, x2, y)``.
        """
        try:  # as in __call__; the code adds to .grad only once every check has passed
            return self._code["backward"](*args)
        except _FAST_PATH_MISSED:
            return self._replay("backward", args, False)

    def step(self, optimizer: Optimizer) -> Callable[..., Any]:
        """A compiled training step: ``step(*args)`` computes the value and its gradient and
        updates each parameter of ``optimizer`` as ``optimizer.step()`` would after
        ``backward``, in one generated function on floats; it returns the value.

        >>> from autograd.nn import SGD
        >>> w = Value(1.0, label="w")
        >>> step = trace(lambda x: (w * x - 1.0) ** 2, 0.0).step(SGD([w], lr=0.1))
        >>> step(2.0), w.data  # (2w − 1)² = 1, and w ← 1 − 0.1 · 4(2w − 1)
        (1.0, 0.6)

        The generated function (``step.source``) reads each parameter, computes the value
        and only the adjoints on a path to a parameter, then the optimizer's update, written
        from its own code (SGD with momentum, Adam: the same arithmetic, its state read from
        and written to ``optimizer.state``), checks every number once, and stores each
        parameter; hyperparameters are read at each call. ``.grad`` is left alone. Arrays
        (outside ``step.holding()``), another branch, an optimizer's first step (no state
        yet) or an error go the general way, with the same numbers: ``tape.backward`` and
        ``optimizer.step()``.
        """
        name = getattr(self.f, "__name__", "f")
        return training.compiled_step(self, optimizer, self.backward, name)

    # ---- choosing the trace whose guards hold ------------------------------------------------

    def _replay(self, mode: str, args: Sequence[Any], per_example: bool) -> Any:
        for tape in self._family:
            try:
                return tape._run(mode, args, per_example)
            except Diverged as diverged:
                failed = (tape, diverged)
        tape, diverged = failed  # the latest trace's failure: its example is traced
        floats = [example_of(x, max(diverged.example, 0)) for x in arguments(args)]
        if not self.retrace or len(self._family) >= CACHE_SIZE_LIMIT:
            why = "retrace=False" if not self.retrace else f"{CACHE_SIZE_LIMIT} traces made"
            raise GuardFailed(f"{tape._guard_text(diverged)}; not traced again ({why})")
        try:
            new = _trace(self.f, floats, self.retrace, self._family)
        except (ArithmeticError, ValueError) as error:  # f itself fails on the new branch
            if diverged.example < 0:
                raise
            raise type(error)(f"{error} (example {diverged.example} of the batch)") from None
        try:
            return new._run(mode, args, per_example)
        except Diverged as again:  # a batch whose examples take different branches
            raise GuardFailed(
                f"{tape._guard_text(diverged)}, and {new._guard_text(again)}: the examples of "
                "this batch take different branches; replay them in separate batches"
            ) from None

    def _guard_text(self, diverged: Diverged) -> str:
        guard = self.guards[diverged.index]
        where = "" if diverged.example < 0 else f" at example {diverged.example} of the batch"
        return (
            f"tape: f decided {guard_source(guard, self.labels)} {guard.result} when "
            f"traced, {not guard.result} here{where}"
        )

    def _run(self, mode: str, args: Sequence[Any], per_example: bool) -> Any:
        """Replay this trace; ``Diverged`` if a guard fails."""
        code = self._code.get(mode) or self._compile(mode)
        try:
            result = code(*args)  # floats: the generated function, which checks their types
        except Unusual:
            result = self._run_general(mode, arguments(args, self.arity), per_example)
        except (ArithmeticError, ValueError, NotFinite):
            # the checked replay raises the error the Value engine raises, where it does
            result = self._run_checked(mode, list(args))
        except TypeError:
            arguments(args, self.arity)  # the wrong number of arguments, said plainly
            raise
        return (self, result) if mode == "value_and_grad" else result

    def _run_general(self, mode: str, args: list[Any], per_example: bool) -> Any:
        if all(type(x) is float for x in args):  # ints and NumPy scalars, made floats
            try:
                return self._code[mode](*args)
            except (ArithmeticError, ValueError, NotFinite):
                return self._run_checked(mode, args)
        return arrays.run(self, mode, args, per_example, self._run_checked)

    # ---- generated code: one straight-line function per way to replay ----------------------

    def _compile(self, mode: str) -> Callable[..., Any]:
        source, namespace = codegen.generate(self, mode)
        exec(compile(source, f"<tape of {getattr(self.f, '__name__', 'f')}>", "exec"), namespace)
        self._code[mode] = namespace[mode]
        return namespace[mode]

    # ---- the checked replay on floats: the Value engine's errors, step by step ------------

    def _run_checked(self, mode: str, args: list[float]) -> Any:
        args = arguments(args, self.arity)
        values = [*args, *(leaf._data for leaf in self.leaves), *self.constants]
        guards = self.guards_by_step()
        self.check_guards(guards.get(-1, ()), values)
        for k, (op, parents) in enumerate(self.steps):
            xs = [values[p] for p in parents]
            try:
                y = op.forward(*xs)
                if not -INF < y < INF:  # float arithmetic overflows to inf without a word
                    raise refusal(op, xs, y)
            except (ArithmeticError, ValueError):
                self._f_itself(args)
                raise
            values.append(y)
            self.check_guards(guards.get(k, ()), values)
        if mode == "value":
            return values[self.output]
        adjoints: list[Any] = [0.0] * len(values)
        adjoints[self.output] = 1.0
        for k in reversed(range(len(self.steps))):
            op, parents = self.steps[k]
            s = self.first + k
            g = adjoints[s]
            try:
                grads = op.local_grads(values[s], *(values[p] for p in parents))
            except (ArithmeticError, ValueError) as error:
                xs = [values[p] for p in parents]
                raise refusal(op, xs, error, derivative=True) from None
            for p, d in zip(parents, grads):
                adjoints[p] += d * g
        if not all(-INF < a < INF for a in adjoints[: self.first]):
            raise self.first_bad_derivative(values)
        return self.results(mode, values[self.output], adjoints)

    def _f_itself(self, args: list[float]) -> None:
        """Run ``f`` where a replay met an operation's error: ``f`` raises that error itself
        (its own, then), or catches it, and is refused (``TraceError``): a tape cannot replay
        a try/except. Nothing is kept of this trace."""
        _trace(self.f, args, False, [])
