"""Tracing: what ``f`` does to Values while it runs once, watched through ``Value.observe``.

The graph ``f`` built, in numbers (``Recording``): the nodes to replay in order, the leaves
(parameters read at each replay, or constants ``f`` wrote), and the decisions ``f`` took on
Values, which become the tape's guards. Errors a trace can end with are defined here too.
"""

from __future__ import annotations

import inspect
import numbers
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import CodeType
from typing import Any, NamedTuple

from ..backward import has_hooks
from ..graph import topological_order
from ..ops import Op
from ..value import COMPARISONS, Observer, Value

__all__ = [
    "ConcretizationTypeError",
    "Diverged",
    "Guard",
    "GuardFailed",
    "Recording",
    "TraceError",
    "decide",
    "named",
    "record",
    "shown",
]


class GuardFailed(RuntimeError):
    """A replay took a decision the other way from the trace, and may not trace again."""


class ConcretizationTypeError(TypeError):
    """The traced function read the plain number of a traced value (JAX's name for it)."""


class TraceError(RuntimeError):
    """The traced function did something a tape cannot replay (caught an engine's error)."""


def record(f: Callable[..., Any], example: Sequence[Any]) -> Recording:
    """Run ``f`` once on Values holding ``example`` and record what it did."""
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
    hooked = next((n for n in topological_order(out) if has_hooks(n)), None)
    if hooked is not None:  # generated code computes gradients without calling back
        raise TraceError(
            f"trace: a hook watches the gradient of {hooked.label or repr(hooked)}; a tape runs "
            "no hooks (backward() does): remove it (handle.remove()) before tracing"
        )
    recording = Recording(inputs, out, recorder)
    del out
    recorder.forget()
    return recording.settled()


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
        return named(node.label)
    return f"the result of {node._op.name}" if node._parents else "a leaf"


def shown(label: Any, most: int = 40) -> str:
    """A user's label as it may appear in a message or a generated comment: quoted, escaped,
    at most ``most`` characters."""
    text = repr(label)
    return text if len(text) <= most else text[: most - 4] + "...'"


def named(label: Any) -> str:
    """A label in a message: as written if it is short and printable, else ``shown``."""
    plain = isinstance(label, str) and label.isprintable() and len(label) <= 40
    return label if plain else shown(label)


class Recording:
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

    def settled(self) -> Recording:
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


# ---- guards -------------------------------------------------------------------------------------


class Guard(NamedTuple):
    """A decision ``f`` took while traced: ``left symbol right`` (a slot, or a number) gave
    ``result``. Checked after step ``after`` (-1: before any step)."""

    after: int
    symbol: str
    left: int
    right: int | None
    number: Any
    result: bool


class Diverged(Exception):
    """A guard failed: ``index`` in the tape's guards, ``example`` where it failed."""

    def __init__(self, index: int, example: int = -1) -> None:
        self.index, self.example = index, example


def decide(guard: Guard, values: list[Any]) -> Any:
    """The guard's decision on replayed values (on arrays, one per example)."""
    left = values[guard.left]
    if guard.symbol == "bool":
        return left != 0.0
    right = guard.number if guard.right is None else values[guard.right]
    return COMPARISONS[guard.symbol](left, right)
