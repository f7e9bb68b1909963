"""Compiled mode: trace a function of scalars once into a tape, then replay it fast.

A training loop or a property test evaluates the same graph shape again and again. ``trace``
records it once as a list of steps (a row of ``autograd.ops`` and the slots it reads). On
floats a tape runs as generated Python source, forward and backward fused into one
straight-line function (``tape.source`` prints it); on NumPy arrays it runs one array
operation per step over a whole batch, with the ``dot`` nodes that read the same inputs (a
layer) fused into one matrix product. Leaves the function reaches that are not its arguments
(a model's parameters) are read afresh at every replay, so a tape keeps up with SGD.

>>> from autograd import Value
>>> from autograd.compile import trace
>>> w = Value(0.5, label="w")
>>> tape = trace(lambda x: (w * x).tanh(), 1.0)
>>> round(tape(2.0), 6)
0.761594
>>> value, (dx,), dleaves = tape.value_and_grad(2.0)
>>> round(dx, 6), round(dleaves[w], 6)
(0.209987, 0.839949)

Decisions the function takes on traced values (``if x > 0:``, ``bool(x)``, ``max(values)``)
are recorded as guards and checked at every replay: where one goes the other way, the
function is traced again for that branch, as ``torch.compile`` recompiles.

>>> relu_ish = trace(lambda x: x * 2 if x > 0 else x * -3, 1.0)
>>> relu_ish(1.0), relu_ish(-1.0)
(2.0, 3.0)
"""

from __future__ import annotations

import inspect
import math
import numbers
import threading
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from heapq import heapify, heappop, heappush
from operator import itemgetter
from types import CodeType
from typing import Any, NamedTuple

from .numtext import arg_text
from .ops import INF, Op, refusal
from .value import COMPARISONS, Observer, Value

__all__ = [
    "CACHE_SIZE_LIMIT",
    "ConcretizationTypeError",
    "GuardFailed",
    "Tape",
    "TraceError",
    "trace",
]

CACHE_SIZE_LIMIT = 8
"""Traces kept per function, one per branch seen (``torch._dynamo``'s default is 8 too)."""


class GuardFailed(RuntimeError):
    """A replay took a decision the other way from the trace, and may not trace again."""


class ConcretizationTypeError(TypeError):
    """The traced function read the plain number of a traced value (JAX's name for it)."""


class TraceError(RuntimeError):
    """The traced function did something a tape cannot replay (caught an engine's error)."""


# ---- tracing ---------------------------------------------------------------------------------


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
    inputs = [Value(x, name) for x, name in zip(example, _argument_names(f, len(example)))]
    recorder = _Recorder(inputs)
    with recorder.watching():
        out = f(*inputs)
    if recorder.refusals:
        op, error = recorder.refusals[0]
        raise TraceError(
            f"trace: f caught the error {op.name} raised ({error}); a tape replays the "
            "operations f completed, not a try/except around one. Decide with the Value "
            "instead (if x > 0: ...), which the tape guards"
        )
    if not isinstance(out, Value):
        if not isinstance(out, numbers.Real) or isinstance(out, bool):
            raise TypeError(f"trace: f must return one scalar, got {type(out).__name__}")
        out = Value(out)  # f ignores its arguments: a constant tape
        recorder.made_leaves[out] = None
    recording = _Recording(inputs, out, recorder)
    del out
    recorder.forget()
    tape = Tape(f, recording.settled(), retrace, family)
    family.append(tape)
    return tape


def _argument_names(f: Callable[..., Any], n: int) -> list[str]:
    """``f``'s own parameter names where they can be read, else ``arg0, arg1, …`` (for
    messages only: generated code names every slot by its number)."""
    try:
        names = [p.name for p in inspect.signature(f).parameters.values()][:n]
    except (TypeError, ValueError):
        names = []
    if len(names) < n or len(set(names)) < n:
        names = [f"arg{i}" for i in range(n)]
    return names


_recording: list[_Recorder] = []


class _Recorder(Observer):
    """While ``f`` is traced (``Value.observe``): the leaves ``f`` made, the decisions it
    took on Values, and the errors operations raised. A read of ``.data`` of a traced value
    (an argument, a parameter, a node computed from them) is refused: the tape could not see
    what ``f`` does with the plain number."""

    def __init__(self, inputs: Sequence[Value]) -> None:
        self.inputs = set(inputs)
        self.made_leaves: dict[Value, None] = {}  # in the order f made them
        self.read_leaves: weakref.WeakSet[Value] = weakref.WeakSet()
        self.decisions: list[tuple[str, Value, Any, bool]] = []
        self.refusals: list[tuple[Op, Exception]] = []

    @contextmanager
    def watching(self) -> Iterator[None]:
        if _recording:
            raise RuntimeError("trace: f calls trace itself; trace the inner function apart")
        _recording.append(self)
        try:
            with Value.observe(self):
                yield
        finally:
            _recording.clear()

    def forget(self) -> None:
        """Drop every reference to the traced graph (so that what f made can be let go)."""
        self.inputs.clear()
        self.made_leaves.clear()
        self.decisions.clear()

    def made(self, leaf: Value) -> None:
        if threading.get_ident() == self.thread:
            self.made_leaves[leaf] = None

    def read(self, node: Value, reader: CodeType) -> None:
        if threading.get_ident() != self.thread:
            return
        if not node._parents and node in self.made_leaves:
            self.read_leaves.add(node)  # a number f made: a constant, unless f keeps it
            return
        raise ConcretizationTypeError(
            f"trace: f read .data of a traced value ({_describe(node)}) in "
            f"{reader.co_name} ({reader.co_filename}); a tape cannot see what f decides "
            "with a plain number and would replay this branch for every input. Compare "
            "the Value itself (x > 0, bool(x), max(...)): the tape guards those."
        )

    def decided(self, symbol: str, value: Value, other: Any, result: bool) -> None:
        if threading.get_ident() == self.thread:
            self.decisions.append((symbol, value, other, result))

    def refused(self, op: Op, error: Exception) -> None:
        if threading.get_ident() == self.thread:
            self.refusals.append((op, error))


def _describe(node: Value) -> str:
    if node.label:
        return _named(node.label)
    return f"the result of {node._op.name}" if node._parents else "a leaf"


def _shown(label: Any, most: int = 40) -> str:
    """A user's label as it may appear in a message or a generated comment: quoted, escaped,
    at most ``most`` characters."""
    text = repr(label)
    return text if len(text) <= most else text[: most - 4] + "...'"


def _named(label: Any) -> str:
    """A label in a message: as written if it is short and printable, else ``_shown``."""
    plain = isinstance(label, str) and label.isprintable() and len(label) <= 40
    return label if plain else _shown(label)


class _Recording:
    """A traced graph in numbers: the nodes to replay in order (``steps``, ``(op, parent
    ids)``), the leaves, the decisions, the output. Holds the leaves ``f`` made only weakly,
    so that ``settled`` can tell a parameter ``f`` made and kept (a model built on the first
    call) from a number it wrote (``x * 2``): the one is alive once the graph is let go."""

    def __init__(self, inputs: Sequence[Value], output: Value, recorder: _Recorder) -> None:
        made = recorder.made_leaves
        order: list[Value] = []
        seen: set[Value] = set()
        self.decisions: list[tuple[Any, ...]] = []
        # Each decision's values are computed first, then the decision, then the rest: every
        # step before a guard was taken before f's decision, so a step on the branch f took
        # (a log behind `if x > 0`) is never replayed where the guard fails.
        for symbol, value, other, result in recorder.decisions:
            _postorder([v for v in (value, other) if type(v) is Value], seen, order)
            self.decisions.append((len(order), symbol, value, other, result))
        _postorder([output], seen, order)
        node_id = {node: i for i, node in enumerate(order)}
        self.arguments = [node_id.get(x) for x in inputs]
        self.ops = [n._op for n in order]
        self.parents = [tuple(node_id[p] for p in n._parents) for n in order]
        self.data = [n._data for n in order]
        self.output = node_id[output]
        self.decisions = [  # (where, symbol, left node, right node or None, number, result)
            (at, symbol, node_id[v], *((node_id[o], None) if type(o) is Value else (None, o)), r)
            for at, symbol, v, o, r in self.decisions
        ]
        arguments = set(inputs)
        self.kept: dict[int, Value] = {}  # leaves that existed before the trace
        self.weak: dict[int, weakref.ref[Value]] = {}  # leaves f made
        for i, n in enumerate(order):
            if not n._parents and n not in arguments:
                if n in made:
                    self.weak[i] = weakref.ref(n)
                else:
                    self.kept[i] = n
        self.labels = [n.label for n in order]
        self.inputs = list(inputs)
        self.read = recorder.read_leaves

    def settled(self) -> _Recording:
        """Sort the leaves ``f`` made: those still alive are parameters (read at each
        replay, given gradients), the others constants (folded)."""
        self.constants: dict[int, float] = {}
        for i, ref in self.weak.items():
            leaf = ref()
            if leaf is None:
                self.constants[i] = self.data[i]
                continue
            if leaf in self.read:
                raise ConcretizationTypeError(
                    f"trace: f made the parameter {_describe(leaf)} and read its .data; the "
                    "tape would replay that number after the parameter changes. Use the Value"
                )
            self.kept[i] = leaf
        return self


def _postorder(roots: Sequence[Value], seen: set[Value], into: list[Value]) -> None:
    """Append to ``into`` every node below ``roots`` not yet ``seen``, each after its
    parents (depth first, without recursion)."""
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(root._parents))]
        while stack:
            node, parents = stack[-1]
            for p in parents:
                if p not in seen:
                    seen.add(p)
                    stack.append((p, iter(p._parents)))
                    break
            else:
                stack.pop()
                into.append(node)



# ---- the tape --------------------------------------------------------------------------------


class _Guard(NamedTuple):
    """A decision ``f`` took while traced: ``left symbol right`` (a slot, or a number) gave
    ``result``. Checked after step ``after`` (-1: before any step)."""

    after: int
    symbol: str
    left: int
    right: int | None
    number: Any
    result: bool


class _Diverged(Exception):
    """A guard failed: ``index`` in the tape's guards, ``example`` where it failed."""

    def __init__(self, index: int, example: int = -1) -> None:
        self.index, self.example = index, example


class _NotFinite(Exception):
    """The generated code met an infinity or NaN: the checked replay says where."""


class _Unusual(Exception):
    """An argument is not a float: the general path converts it, or refuses it."""


_FAST_PATH_MISSED = (
    KeyError,
    TypeError,
    _Unusual,
    _Diverged,
    _NotFinite,
    ArithmeticError,
    ValueError,
)
"""Why a call of the generated code may fail (KeyError: not generated yet); then the
general path decides what to do."""


class Tape:
    """A traced function: ``steps`` in order, each ``(op, slots read)``; replay with a call.

    Slots number the arguments first, then ``leaves`` (every other leaf that existed before
    the trace, read at each replay), then ``constants`` (the numbers ``f`` wrote, folded),
    then one slot per step. ``guards`` are the decisions ``f`` took while traced;
    ``source`` is the Python a replay on floats runs; ``traces`` every branch traced so far.
    """

    def __init__(
        self, f: Callable[..., Any], recording: _Recording, retrace: bool, family: list[Tape]
    ) -> None:
        self.f, self.retrace, self._family = f, retrace, family
        r = recording
        interior = [i for i, parents in enumerate(r.parents) if parents]
        slot = {i: s for s, i in enumerate(r.arguments) if i is not None}
        read: dict[int, None] = {}  # leaves in the order the steps first read them
        operands = [i for d in r.decisions for i in (d[2], d[3]) if i is not None]
        for i in (*interior, *operands, r.output):
            read.update((p, None) for p in (r.parents[i] or (i,)) if not r.parents[p])
        leaves = [i for i in read if i not in slot]
        kept = [i for i in leaves if i in r.kept]
        constants = [i for i in leaves if i in r.constants]
        self.leaves = tuple(r.kept[i] for i in kept)
        self.constants = tuple(r.constants[i] for i in constants)
        self.arity = len(r.inputs)
        for s, i in enumerate((*kept, *constants, *interior), start=self.arity):
            slot[i] = s
        self._first = self.arity + len(kept) + len(constants)
        self.steps: list[tuple[Op, tuple[int, ...]]] = [
            (r.ops[i], tuple(slot[p] for p in r.parents[i])) for i in interior
        ]
        self.output = slot[r.output]
        # A guard is checked after the last step made before f's decision.
        self.guards: list[_Guard] = []
        for at, symbol, left, right, number, result in r.decisions:
            after = bisect_left(interior, at) - 1
            right = None if right is None else slot[right]
            self.guards.append(_Guard(after, symbol, slot[left], right, number, result))
        # A step whose inputs are all constants is a constant too: folded into the source.
        self._folded: dict[int, float] = {slot[i]: r.constants[i] for i in constants}
        for i in interior:
            if all(slot[p] in self._folded for p in r.parents[i]):
                self._folded[slot[i]] = r.data[i]
        # What messages and comments call each slot (generated code never uses a label).
        self._labels: list[str] = [""] * (self._first + len(self.steps))
        for i, s in slot.items():
            label = r.labels[i]
            self._labels[s] = _named(label) if label else f"v{s}"
        for s in range(self.arity):
            self._labels[s] = self._labels[s] or r.inputs[s].label or f"v{s}"
        self._code: dict[str, Callable[..., Any]] = {}
        self._plans: dict[tuple[bool, ...], _Plan] = {}

    def __repr__(self) -> str:
        return (
            f"<Tape: {self.arity} arguments, {len(self.leaves)} leaves, {len(self.steps)} steps, "
            f"{len(self.guards)} guards>"
        )

    @property
    def source(self) -> str:
        """The Python source a replay on floats runs: forward and backward in one function."""
        return self._generate("value_and_grad")[0]

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

    # ---- choosing the trace whose guards hold ------------------------------------------------

    def _replay(self, mode: str, args: Sequence[Any], per_example: bool) -> Any:
        for tape in self._family:
            try:
                return tape._run(mode, args, per_example)
            except _Diverged as diverged:
                failed = (tape, diverged)
        tape, diverged = failed  # the latest trace's failure: its example is traced
        floats = [_example(x, max(diverged.example, 0)) for x in _arguments(args)]
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
        except _Diverged as again:  # a batch whose examples take different branches
            raise GuardFailed(
                f"{tape._guard_text(diverged)}, and {new._guard_text(again)}: the examples of "
                "this batch take different branches; replay them in separate batches"
            ) from None

    def _guard_text(self, diverged: _Diverged) -> str:
        guard = self.guards[diverged.index]
        where = "" if diverged.example < 0 else f" at example {diverged.example} of the batch"
        return (
            f"tape: f decided {self._guard_source(guard, self._labels)} {guard.result} when "
            f"traced, {not guard.result} here{where}"
        )

    def _guard_source(self, guard: _Guard, text: Sequence[str] | dict[int, str]) -> str:
        """The decision as Python: ``x > 0.0``, ``v5 <= w1``, ``bool(a)``."""
        if guard.symbol == "bool":
            return f"{text[guard.left]} != 0.0"
        if guard.right is not None:
            other = text[guard.right]
        else:
            number = guard.number
            other = _literal(number) if type(number) is float else repr(number)
        return f"{text[guard.left]} {guard.symbol} {other}"

    def _run(self, mode: str, args: Sequence[Any], per_example: bool) -> Any:
        """Replay this trace; ``_Diverged`` if a guard fails."""
        code = self._code.get(mode) or self._compile(mode)
        try:
            result = code(*args)  # floats: the generated function, which checks their types
        except _Unusual:
            result = self._run_general(mode, _arguments(args, self.arity), per_example)
        except (ArithmeticError, ValueError, _NotFinite):
            # the checked replay raises the error the Value engine raises, where it does
            result = self._run_checked(mode, list(args))
        except TypeError:
            _arguments(args, self.arity)  # the wrong number of arguments, said plainly
            raise
        return (self, result) if mode == "value_and_grad" else result

    def _run_general(self, mode: str, args: list[Any], per_example: bool) -> Any:
        if all(type(x) is float for x in args):  # ints and NumPy scalars, made floats
            try:
                return self._code[mode](*args)
            except (ArithmeticError, ValueError, _NotFinite):
                return self._run_checked(mode, args)
        return self._run_arrays(mode, args, per_example)

    # ---- generated code: one straight-line function per way to replay ----------------------

    def _compile(self, mode: str) -> Callable[..., Any]:
        source, namespace = self._generate(mode)
        exec(compile(source, f"<tape of {getattr(self.f, '__name__', 'f')}>", "exec"), namespace)
        self._code[mode] = namespace[mode]
        return namespace[mode]

    def _generate(self, mode: str) -> tuple[str, dict[str, Any]]:
        """The source of ``mode`` and the names it reads. Every identifier in it is made
        here from a slot's or a step's number (``v3``, ``d3``, ``leaf0``, ``f1``); a user's
        label or argument name appears only in comments, quoted."""
        first = self._first
        names = [f"v{s}" for s in range(first + len(self.steps))]
        namespace: dict[str, Any] = {
            "math": math,
            "Diverged": _Diverged,
            "NotFinite": _NotFinite,
            "Unusual": _Unusual,
        }
        args = names[: self.arity]
        lines = [f"def {mode}({', '.join(args)}):"]
        emit = lines.append
        if args:
            shown = ", ".join(f"{a} {_shown(self._labels[i])}" for i, a in enumerate(args))
            emit(f"    # arguments: {shown}")
            emit(f"    if {' or '.join(f'type({a}) is not float' for a in args)}:")
            emit("        raise Unusual")
        text: dict[int, str] = {i: a for i, a in enumerate(args)}
        for j, leaf in enumerate(self.leaves):
            i = self.arity + j
            namespace[f"leaf{j}"] = leaf
            comment = f"  # {_shown(leaf.label)}" if leaf.label else ""
            emit(f"    {names[i]} = leaf{j}._data{comment}")
            text[i] = names[i]
        for s, c in self._folded.items():
            text[s] = _literal(c)
        guards_after = self._guards_by_step()

        def emit_guards(k: int) -> None:
            for g in guards_after.get(k, ()):
                emit(self._guard_code(g, text, namespace))

        emit_guards(-1)
        functions: dict[int, str] = {}
        live = [*args, *(names[i] for i in range(self.arity, self.arity + len(self.leaves)))]
        for k, (op, parents) in enumerate(self.steps):
            s = first + k
            if s not in self._folded:
                inputs = [self._symbol_or_number(p, text) for p in parents]
                # a long sum is a call: Python's parser nests at most 200 parentheses deep
                rhs = None if len(parents) > 64 else _straight_line(op.forward, inputs)
                if rhs is None:
                    call = _function(op.forward, op, "f", namespace, functions)
                    rhs = f"{call}({', '.join(text[p] for p in parents)})  # {_shown(op.name)}"
                emit(f"    {names[s]} = {rhs}")
                text[s] = names[s]
                live.append(names[s])
            emit_guards(k)
        lines += _finite_check(live)
        if mode == "value":
            emit(f"    return {text[self.output]}")
            return "\n".join(lines) + "\n", namespace
        emit("    # backward: each adjoint the sum over the uses of its slot, in reverse order")
        adjoint: dict[int, str] = {self.output: "1.0"}
        for k in reversed(range(len(self.steps))):
            s = first + k
            if s not in adjoint:
                continue  # not on a path to the output (a value a guard compared)
            op, parents = self.steps[k]
            g = adjoint[s]
            grads = self._local_grad_texts(k, text, namespace, functions, emit)
            d = [f"d{p}" for p in parents]
            for p, dp, local in zip(parents, d, grads):
                term = g if local == "1.0" else local if g == "1.0" else f"{local} * {g}"
                if p not in adjoint and _is_number(term):
                    adjoint[p] = term  # a constant adjoint (1.0 from the output) is folded
                elif p not in adjoint:
                    emit(f"    {dp} = {term}")
                    adjoint[p] = dp
                elif _is_number(adjoint[p]):
                    emit(f"    {dp} = {adjoint[p]} + {term}")
                    adjoint[p] = dp
                else:
                    emit(f"    {dp} += {term}")
        ends = [adjoint[i] for i in range(first) if i in adjoint and i != self.output]
        lines += _finite_check(ends)
        value = text[self.output]
        if mode == "backward":
            for j in range(len(self.leaves)):
                if self.arity + j in adjoint:
                    emit(f"    leaf{j}.grad += {adjoint[self.arity + j]}")
            emit(f"    return {value}")
        else:
            dargs = [adjoint.get(i, "0.0") for i in range(self.arity)]
            leaf_slots = range(self.arity, self.arity + len(self.leaves))
            dleaves = [adjoint.get(i, "0.0") for i in leaf_slots]
            emit(f"    return {value}, {_tuple(dargs)}, {_tuple(dleaves)}")
        return "\n".join(lines) + "\n", namespace

    def _symbol_or_number(self, s: int, text: dict[int, str]) -> Any:
        return self._folded[s] if s in self._folded else _Symbol(text[s])

    def _local_grad_texts(
        self, k: int, text: dict[int, str], namespace: dict, functions: dict, emit: Callable
    ) -> list[str]:
        op, parents = self.steps[k]
        s = self._first + k
        if s in self._folded:  # a constant: its derivatives are numbers, known now
            try:
                grads = op.local_grads(self._folded[s], *(self._folded[p] for p in parents))
            except (ArithmeticError, ValueError):
                grads = (math.nan,) * len(parents)
            if not all(-INF < d < INF for d in grads):
                emit("    raise NotFinite  # a constant's derivative is undefined here")
            return [_literal(d) if -INF < d < INF else "0.0" for d in grads]
        out = self._symbol_or_number(s, text)
        inputs = [self._symbol_or_number(p, text) for p in parents]
        grads = _straight_line(op.local_grads, [out, *inputs], several=True)
        if grads is not None:
            return grads
        name = f"l{s}"
        call = f"{_function(op.local_grads, op, 'df', namespace, functions)}"
        reads = ", ".join(text[i] for i in (s, *parents))
        emit(f"    {name} = {call}({reads})  # {_shown(op.name)}")
        return [f"{name}[{i}]" for i in range(len(parents))]

    def _guard_code(self, g: int, text: dict[int, str], namespace: dict) -> str:
        guard = self.guards[g]
        number = guard.number
        literal = type(number) is float and -INF < number < INF
        literal |= type(number) is int and -(10**15) < number < 10**15
        if guard.right is None and not literal:
            namespace[f"n{g}"] = number  # an int, a Fraction, inf: compared as it is
            guard = guard._replace(number=_Named(f"n{g}"))
        test = self._guard_source(guard, text)
        test = f"not ({test})" if guard.result else test
        return f"    if {test}:\n        raise Diverged({g})"

    # ---- the checked replay on floats: the Value engine's errors, step by step ------------

    def _run_checked(self, mode: str, args: list[float]) -> Any:
        args = _arguments(args, self.arity)
        values = [*args, *(leaf._data for leaf in self.leaves), *self.constants]
        guards = self._guards_by_step()
        self._check_guards(guards.get(-1, ()), values)
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
            self._check_guards(guards.get(k, ()), values)
        if mode == "value":
            return values[self.output]
        adjoints: list[Any] = [0.0] * len(values)
        adjoints[self.output] = 1.0
        for k in reversed(range(len(self.steps))):
            op, parents = self.steps[k]
            s = self._first + k
            g = adjoints[s]
            try:
                grads = op.local_grads(values[s], *(values[p] for p in parents))
            except (ArithmeticError, ValueError) as error:
                xs = [values[p] for p in parents]
                raise refusal(op, xs, error, derivative=True) from None
            for p, d in zip(parents, grads):
                adjoints[p] += d * g
        if not all(-INF < a < INF for a in adjoints[: self._first]):
            raise self._first_bad_derivative(values)
        return self._results(mode, values[self.output], adjoints)

    def _f_itself(self, args: list[float]) -> None:
        """Run ``f`` where a replay met an operation's error: ``f`` raises that error itself
        (its own, then), or catches it, and is refused (``TraceError``): a tape cannot replay
        a try/except. Nothing is kept of this trace."""
        _trace(self.f, args, False, [])

    def _results(self, mode: str, value: Any, adjoints: list[Any]) -> Any:
        leaf_adjoints = adjoints[self.arity : self.arity + len(self.leaves)]
        if mode == "backward":
            for leaf, g in zip(self.leaves, leaf_adjoints):
                leaf.grad += g
            return value
        return value, tuple(adjoints[: self.arity]), tuple(leaf_adjoints)

    def _guards_by_step(self) -> dict[int, list[int]]:
        by_step: dict[int, list[int]] = {}
        for g, guard in enumerate(self.guards):
            by_step.setdefault(guard[0], []).append(g)
        return by_step

    def _check_guards(self, indices: Sequence[int], values: list[float]) -> None:
        for g in indices:
            if _decide(self.guards[g], values) != self.guards[g].result:
                raise _Diverged(g)

    def _first_bad_derivative(self, values: list[float]) -> Exception:
        """The error for the first step whose local derivative is not finite, as the Value
        engine names it."""
        for k, (op, parents) in enumerate(self.steps):
            xs = [values[p] for p in parents]
            ds = op.local_grads(values[self._first + k], *xs)
            if not all(-INF < d < INF for d in ds):
                cause = next((d for d in ds if d != d), INF)  # a NaN (undefined) first
                return refusal(op, xs, cause, derivative=True)
        return OverflowError("backward: a gradient went past the largest float")

    # ---- arrays: one NumPy operation per step, a layer of dot nodes as one product --------

    def _run_arrays(self, mode: str, args: list[Any], per_example: bool) -> Any:
        _same_length(args)
        batched = tuple(type(x) is not float for x in args)
        plan = self._plans.get(batched) or self._plan(batched)
        with _numpy().errstate(all="ignore"):
            values, blocks, saved = plan.forward(self, args)
            self._check_guards_on_arrays(values)
            if not plan.finite(values, blocks):
                raise self._explain_example(mode, args, plan.first_bad_example(values, blocks))
            if mode == "value":
                return values[self.output]
            try:
                adjoints = plan.backward(self, values, blocks, saved, per_example)
                finite = _all_finite(adjoints[: self._first])
            except _NotFinite:
                finite = False
        if not finite:
            raise self._explain_example(mode, args, None)
        return self._results(mode, values[self.output], adjoints)

    def _plan(self, batched: tuple[bool, ...]) -> _Plan:
        plan = self._plans[batched] = _Plan(self, batched)
        return plan

    def _check_guards_on_arrays(self, values: list[Any]) -> None:
        np = _numpy()
        for g, guard in enumerate(self.guards):
            wrong = np.flatnonzero(np.asarray(_decide(guard, values)) != guard.result)
            if wrong.size:
                raise _Diverged(g, int(wrong[0]))

    def _explain_example(self, mode: str, args: list[Any], k: int | None) -> Exception:
        """The Value engine's error for example ``k`` (or the first example that has one),
        replayed on floats."""
        batch = len(next(x for x in args if type(x) is not float))
        for i in range(batch) if k is None else (k,):
            try:
                self._run_checked(
                    "value_and_grad" if mode == "backward" else mode, [_example(x, i) for x in args]
                )
            except (ArithmeticError, ValueError) as error:
                return type(error)(f"{error} (example {i} of the batch)")
        return OverflowError("backward: a gradient went past the largest float")


def _decide(guard: _Guard, values: list[Any]) -> Any:
    """The guard's decision on replayed values (on arrays, one per example)."""
    left = values[guard.left]
    if guard.symbol == "bool":
        return left != 0.0
    right = guard.number if guard.right is None else values[guard.right]
    return COMPARISONS[guard.symbol](left, right)


class _Named(str):
    """A name standing for a number in generated source (its repr is the name)."""

    def __repr__(self) -> str:
        return str(self)


class _Plan:
    """How a tape runs on arrays, for one pattern of array and number arguments.

    Each step is one array operation over the batch, except that the ``dot`` steps reading
    the same array inputs with number weights (a layer) run as one matrix product, giving a
    block (examples × neurons), and a row applied to every column of a block (the layer's
    activation) runs once on the block. Items are ordered so that each follows what it reads.
    """

    def __init__(self, tape: Tape, batched_args: tuple[bool, ...]) -> None:
        first, steps = tape._first, tape.steps
        batched = [*batched_args, *([False] * (first - tape.arity))]
        for _, parents in steps:
            batched.append(any(batched[p] for p in parents))
        self.batched = batched
        self.size = len(batched)
        block_of: dict[int, tuple[int, int]] = {}  # member slot -> (block, column)
        members: list[tuple[int, ...]] = []  # block -> its slots, column by column
        layers: dict[tuple[int, ...], list[int]] = {}
        for k, (op, parents) in enumerate(steps):
            if op.name == "dot" and batched[first + k]:
                n = len(parents) >> 1
                ws, xs, b = parents[:n], parents[n:-1], parents[-1]
                if all(batched[x] for x in xs) and not any(batched[w] for w in (*ws, b)):
                    layers.setdefault(xs, []).append(k)
        fused: dict[int, int] = {}  # step -> the item computing it
        items: list[tuple[Any, ...]] = []

        def new_block(ks: list[int]) -> int:
            """A block of the steps ``ks``, one column each, computed by the next item."""
            members.append(tuple(first + k for k in ks))
            for j, s in enumerate(members[-1]):
                block_of[s] = (len(members) - 1, j)
                fused[s] = len(items)
            return len(members) - 1

        for xs, ks in layers.items():
            block = new_block(ks)
            n = len(xs)
            weights = tuple(p for k in ks for p in steps[k][1][:n])
            bias = tuple(steps[k][1][-1] for k in ks)
            items.append(("layer", block, xs, len(ks), n, itemgetter(*weights), weights, bias))
        maps: dict[tuple[int, Op], list[int]] = {}
        for k, (op, parents) in enumerate(steps):
            if len(parents) == 1 and parents[0] in block_of:
                maps.setdefault((block_of[parents[0]][0], op), []).append(k)
        for (source, op), ks in maps.items():
            if tuple(steps[k][1][0] for k in ks) != members[source]:
                continue  # not every column, in order: step by step
            items.append(("map", new_block(ks), source, op))
        for k, (op, parents) in enumerate(steps):
            if first + k not in fused:
                fused[first + k] = len(items)
                items.append(("step", first + k, op, parents, _gather(parents)))
        self.members, self.block_of = members, block_of
        # The inputs a layer reads are a block already when they are its columns in order.
        self.block_by_slots = {m: b for b, m in enumerate(members)}
        # Slots read one by one (by steps, guards, the caller) get a column view of a block.
        read = {tape.output} | {g.left for g in tape.guards}
        read |= {g.right for g in tape.guards if g.right is not None}
        for item in items:
            if item[0] == "step":
                read.update(item[3])
            elif item[0] == "layer" and item[2] not in self.block_by_slots:
                read.update(item[2])
        self.views = [tuple((j, s) for j, s in enumerate(m) if s in read) for m in members]
        # The slots on a path to the output: the backward pass visits only these.
        self.live = {tape.output}
        for k in reversed(range(len(steps))):
            if first + k in self.live:
                self.live.update(steps[k][1])
        self.items = _in_dependency_order(items, fused, first)

    # ---- forward ----

    def forward(self, tape: Tape, args: list[Any]) -> tuple[list[Any], dict, dict]:
        """Every slot's value, every block, and each layer's inputs and weights."""
        np = _numpy()
        values: list[Any] = [None] * self.size
        values[: tape._first] = [*args, *(leaf._data for leaf in tape.leaves), *tape.constants]
        blocks: dict[int, Any] = {}
        saved: dict[int, tuple[Any, Any]] = {}
        batched = self.batched
        for item in self.items:
            kind = item[0]
            if kind == "step":
                _, s, op, _, gather = item
                xs = gather(values)
                if batched[s]:
                    values[s] = (op.array or op.forward)(*xs)
                    continue
                y = op.forward(*xs)
                if not -INF < y < INF:
                    raise refusal(op, xs, y)
                values[s] = y
                continue
            if kind == "layer":
                _, block, xs, k, n, weights, _, bias = item
                inputs = self.block_by_slots.get(xs)
                x = (
                    blocks[inputs]
                    if inputs is not None
                    else np.column_stack([values[i] for i in xs])
                )
                w = np.array(weights(values), dtype=float).reshape(k, n)
                result = x @ w.T + np.array([values[b] for b in bias])
                saved[block] = (x, w)
            else:
                _, block, source, op = item
                result = (op.array or op.forward)(blocks[source])
            blocks[block] = result
            for j, s in self.views[block]:
                values[s] = result[:, j]
        return values, blocks, saved

    def finite(self, values: list[Any], blocks: dict) -> bool:
        arrays = [v for v, b in zip(values, self.batched) if b and v is not None]
        return _all_finite(arrays) and _all_finite(list(blocks.values()))

    def first_bad_example(self, values: list[Any], blocks: dict) -> int | None:
        np = _numpy()
        bad = [
            int(np.flatnonzero(~np.isfinite(a).reshape(len(a), -1).all(axis=1))[0])
            for a in [
                *(v for v, b in zip(values, self.batched) if b and v is not None),
                *blocks.values(),
            ]
            if not np.isfinite(a).all()
        ]
        return min(bad) if bad else None

    # ---- backward ----

    def backward(
        self, tape: Tape, values: list[Any], blocks: dict, saved: dict, per_example: bool
    ) -> list[Any]:
        batched = self.batched
        adjoints: list[Any] = [0.0] * self.size
        out = tape.output
        adjoints[out] = values[out] * 0.0 + 1.0  # ones, as many as examples
        n = len(next(v for v, b in zip(values, batched) if b))  # the batch's size
        live = self.live
        pending: dict[int, Any] = {}  # block -> its adjoint from the blocks that read it
        for item in reversed(self.items):
            kind = item[0]
            if kind == "step":
                _, s, op, parents, gather = item
                if s not in live:
                    continue  # a value only a guard compared: no adjoint
                g = adjoints[s]
                try:
                    grads = op.local_grads(values[s], *gather(values))
                except (ArithmeticError, ValueError):  # floats raise; arrays hold NaN
                    raise _NotFinite from None
                summing = batched[s] and not per_example
                for p, d in zip(parents, grads):
                    if summing and not batched[p]:  # Σ over the batch, one array operation
                        adjoints[p] += float(d @ g) if type(d) is not float else d * float(g.sum())
                    else:
                        adjoints[p] += d * g
                continue
            block = item[1]
            if live.isdisjoint(self.members[block]):
                continue
            g = self._block_adjoint(block, pending, adjoints, n)
            if kind == "map":
                _, _, source, op = item
                (d,) = op.local_grads(blocks[block], blocks[source])
                self._pass_on(source, d * g, pending)
                continue
            _, _, xs, _, _, _, weights, bias = item
            x, w = saved[block]
            inputs = self.block_by_slots.get(xs)
            dx = g @ w
            if inputs is not None:
                self._pass_on(inputs, dx, pending)
            else:
                for i, p in enumerate(xs):
                    adjoints[p] += dx[:, i]
            if per_example:
                dw = (g[:, :, None] * x[:, None, :]).reshape(len(g), -1).T
                db = g.T
            else:
                dw = (g.T @ x).ravel().tolist()
                db = g.sum(axis=0).tolist()
            for p, d in zip(weights, dw):
                adjoints[p] += d
            for p, d in zip(bias, db):
                adjoints[p] += d
        for i in range(tape.arity):  # an array argument f does not use: zeros, one per example
            if batched[i] and type(adjoints[i]) is float:
                adjoints[i] = _numpy().full(len(values[i]), adjoints[i])
        return adjoints

    def _block_adjoint(self, block: int, pending: dict, adjoints: list[Any], n: int) -> Any:
        """A block's adjoint: what blocks reading it passed on, plus each column's own."""
        g = pending.pop(block, None)
        for j, s in enumerate(self.members[block]):
            a = adjoints[s]
            if type(a) is not float or a != 0.0:
                if g is None:
                    g = _numpy().zeros((n, len(self.members[block])))
                g[:, j] += a
        return g if g is not None else _numpy().zeros((n, len(self.members[block])))

    @staticmethod
    def _pass_on(block: int, g: Any, pending: dict) -> None:
        pending[block] = pending[block] + g if block in pending else g


def _in_dependency_order(
    items: list[tuple[Any, ...]], made_by: dict[int, int], first: int
) -> list[tuple[Any, ...]]:
    """``items`` so that each comes after the items computing what it reads, otherwise in
    their order (Kahn's algorithm, earliest first)."""
    reads: list[set[int]] = []
    for item in items:
        if item[0] == "step":
            slots = item[3]
        elif item[0] == "layer":
            slots = (*item[2], *item[6], *item[7])
        else:
            slots = ()
        needs = {made_by[s] for s in slots if s >= first}
        reads.append(needs)
    producer = {item[1]: j for j, item in enumerate(items) if item[0] != "step"}  # block ->
    for i, item in enumerate(items):
        if item[0] == "map":
            reads[i].add(producer[item[2]])
    users: list[list[int]] = [[] for _ in items]
    waiting = [len(r) for r in reads]
    for i, needs in enumerate(reads):
        for j in needs:
            users[j].append(i)
    ready = [i for i, w in enumerate(waiting) if w == 0]
    heapify(ready)
    order = []
    while ready:
        i = heappop(ready)
        order.append(items[i])
        for u in users[i]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heappush(ready, u)
    return order


# ---- generating source ------------------------------------------------------------------------


class _NotStraight(Exception):
    """A row's code branched on a value: it is called, not written out."""


_PRECEDENCE = {"<": 0, "<=": 0, ">": 0, ">=": 0, "==": 0, "!=": 0, "+": 1, "-": 1}
_PRECEDENCE |= {"*": 2, "/": 2, "neg": 3, "**": 4}
_ATOM = 5


class _Symbol:
    """A number not known yet: arithmetic on it writes the expression that computes it, with
    only the parentheses Python needs (``a + b + c`` adds left to right, as written)."""

    __slots__ = ("text", "precedence")

    def __init__(self, text: str, precedence: int = _ATOM) -> None:
        self.text, self.precedence = text, precedence

    @property
    def _data(self) -> _Symbol:  # what ops' helpers read of a Value: the number itself
        return self

    def __bool__(self) -> bool:
        raise _NotStraight

    def _binary(symbol: str, reflected: bool = False) -> Callable[..., _Symbol]:
        rank = _PRECEDENCE[symbol]

        def apply(self: _Symbol, other: Any) -> _Symbol:
            if symbol == "+" and type(other) is float and other == 0.0:
                return self  # sum and dot start from 0.0: x + 0.0 is x (up to the sign of 0)
            a, b = (other, self) if reflected else (self, other)
            left = _operand(a, rank if symbol != "**" else rank + 1)
            right = _operand(b, rank + 1 if symbol != "**" else _ATOM)
            return _Symbol(f"{left} {symbol} {right}", rank)

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

    def __neg__(self) -> _Symbol:
        return _Symbol(f"-{_operand(self, _PRECEDENCE['neg'])}", _PRECEDENCE["neg"])

    def _math(name: str) -> Callable[[_Symbol], _Symbol]:
        return lambda self: _Symbol(f"math.{name}({self.text})")

    exp, log, sqrt, tanh, sin, cos = map(_math, ("exp", "log", "sqrt", "tanh", "sin", "cos"))


def _operand(x: Any, at_least: int) -> str:
    """``x`` as an operand: in parentheses if it binds less tightly than ``at_least``."""
    if type(x) is float:
        return _literal(x)
    if type(x) is not _Symbol:
        raise _NotStraight
    return x.text if x.precedence >= at_least else f"({x.text})"


def _text(x: Any) -> str:
    return _operand(x, 0)


def _is_number(text: str) -> bool:
    try:
        float(text.strip("()"))
    except ValueError:
        return False
    return True


def _literal(x: float) -> str:
    return repr(x) if x >= 0.0 else f"({x!r})"


def _straight_line(fn: Callable[..., Any], inputs: list[Any], several: bool = False) -> Any:
    """The expression(s) ``fn`` computes on ``inputs``, if it computes them without branching
    on a value: run on symbols, the row's own arithmetic writes itself out."""
    try:
        result = fn(*inputs)
        if several:
            return [_operand(d, _PRECEDENCE["*"]) for d in result]
        return _text(result) if type(result) is _Symbol else None
    except (_NotStraight, TypeError, AttributeError, ArithmeticError, ValueError):
        return None


def _function(fn: Callable[..., Any], op: Op, kind: str, namespace: dict, names: dict) -> str:
    """The name under which the generated code calls ``fn`` (a row's forward or local_grads)."""
    if id(fn) not in names:
        name = f"{kind}{len(names)}"  # numbered: an operation's name may be anything
        namespace[name] = fn
        names[id(fn)] = name
    return names[id(fn)]


def _tuple(items: Sequence[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def _finite_check(names: Sequence[str], per_line: int = 40) -> list[str]:
    """Lines raising NotFinite if any of ``names`` is inf or nan: 0·x is 0 for every finite x
    and nan otherwise, so one product checks them all (in short lines: Python's compiler
    recurses into long expressions)."""
    if not names:
        return []
    lines = []
    for i in range(0, len(names), per_line):
        factors = " * ".join(names[i : i + per_line])
        lines.append(f"    finite = {'0.0' if i == 0 else 'finite'} * {factors}")
    return [*lines, "    if finite != 0.0:", "        raise NotFinite"]


# ---- arguments ------------------------------------------------------------------------------


def _arguments(args: Sequence[Any], arity: int | None = None) -> list[Any]:
    if arity is not None and len(args) != arity:
        raise TypeError(f"tape: expected {arity} arguments, got {len(args)}")
    return [_argument(x, i) for i, x in enumerate(args)]


def _example(x: Any, index: int) -> float:
    return x if type(x) is float else float(x[index])


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
