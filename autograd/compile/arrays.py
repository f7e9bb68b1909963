"""Arrays: a tape replayed over a batch, one NumPy operation per step, a layer of ``dot``
nodes as one matrix product. NumPy is imported only when an array is passed."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from heapq import heapify, heappop, heappush
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..ops import INF, Op, refusal
from .codegen import NotFinite
from .tracing import Diverged, decide

if TYPE_CHECKING:
    from .tape import Tape

__all__ = [
    "Plan",
    "all_finite",
    "example_of",
    "first_not_finite",
    "load_numpy",
    "run",
    "same_length",
]


def run(tape: Tape, mode: str, args: list[Any], per_example: bool) -> Any:
    """Replay ``tape`` on arrays (and numbers shared by every example)."""
    same_length(args)
    batched = tuple(type(x) is not float for x in args)
    plan = tape._plans.get(batched) or _plan(tape, batched)
    with load_numpy().errstate(all="ignore"):
        values, blocks, saved = plan.forward(tape, args)
        _check_guards(tape, values)
        if not plan.finite(values, blocks):
            raise _explain_example(tape, mode, args, plan.first_bad_example(values, blocks))
        if mode == "value":
            return values[tape.output]
        try:
            adjoints = plan.backward(tape, values, blocks, saved, per_example)
            finite = all_finite(adjoints[: tape._first])
        except NotFinite:
            finite = False
    if not finite:
        raise _explain_example(tape, mode, args, None)
    return tape._results(mode, values[tape.output], adjoints)

def _plan(tape: Tape, batched: tuple[bool, ...]) -> Plan:
    plan = tape._plans[batched] = Plan(tape, batched)
    return plan

def _check_guards(tape: Tape, values: list[Any]) -> None:
    np = load_numpy()
    for g, guard in enumerate(tape.guards):
        wrong = np.flatnonzero(np.asarray(decide(guard, values)) != guard.result)
        if wrong.size:
            raise Diverged(g, int(wrong[0]))

def _explain_example(tape: Tape, mode: str, args: list[Any], k: int | None) -> Exception:
    """The Value engine's error for example ``k`` (or the first example that has one),
    replayed on floats."""
    batch = len(next(x for x in args if type(x) is not float))
    for i in range(batch) if k is None else (k,):
        try:
            tape._run_checked(
                "value_and_grad" if mode == "backward" else mode, [example_of(x, i) for x in args]
            )
        except (ArithmeticError, ValueError) as error:
            return type(error)(f"{error} (example {i} of the batch)")
    return OverflowError("backward: a gradient went past the largest float")


class Plan:
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
        np = load_numpy()
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
        return all_finite(arrays) and all_finite(list(blocks.values()))

    def first_bad_example(self, values: list[Any], blocks: dict) -> int | None:
        np = load_numpy()
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
                    raise NotFinite from None
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
                adjoints[i] = load_numpy().full(len(values[i]), adjoints[i])
        return adjoints

    def _block_adjoint(self, block: int, pending: dict, adjoints: list[Any], n: int) -> Any:
        """A block's adjoint: what blocks reading it passed on, plus each column's own."""
        g = pending.pop(block, None)
        for j, s in enumerate(self.members[block]):
            a = adjoints[s]
            if type(a) is not float or a != 0.0:
                if g is None:
                    g = load_numpy().zeros((n, len(self.members[block])))
                g[:, j] += a
        return g if g is not None else load_numpy().zeros((n, len(self.members[block])))

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


def all_finite(xs: Sequence[Any]) -> bool:
    try:
        return all(map(math.isfinite, xs))  # floats, the common case, in one C loop
    except TypeError:  # arrays among them
        np = load_numpy()
        return all(-INF < x < INF if type(x) is float else np.isfinite(x).all() for x in xs)


def load_numpy() -> Any:
    import numpy  # only when arrays are replayed: floats never need it

    return numpy


def _gather(slots: tuple[int, ...]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The values at ``slots``, as a tuple, in one call."""
    if len(slots) == 1:
        (i,) = slots
        return lambda values: (values[i],)
    return itemgetter(*slots)


def same_length(args: Sequence[Any]) -> None:
    lengths = {len(x) for x in args if type(x) is not float}
    if len(lengths) > 1:
        raise ValueError(f"tape: the array arguments have different lengths {sorted(lengths)}")


def first_not_finite(x: Any) -> int | None:
    """The first example where the array ``x`` is inf or nan, else None."""
    numpy = load_numpy()
    bad = numpy.flatnonzero(~numpy.isfinite(x))
    return int(bad[0]) if bad.size else None


def example_of(x: Any, index: int) -> float:
    return x if type(x) is float else float(x[index])

