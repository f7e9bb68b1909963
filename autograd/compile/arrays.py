"""Arrays: a tape replayed over a batch, one NumPy operation per step, a layer of ``dot``
nodes as one matrix product. NumPy is imported only when an array is passed."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from heapq import heapify, heappop, heappush
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..numtext import arg_text
from ..ops import INF, Op, refusal
from ..value import Value, checked_float
from .codegen import NotFinite
from .tracing import Diverged, decide

if TYPE_CHECKING:
    from .program import Program

__all__ = [
    "Plan",
    "all_finite",
    "arguments",
    "example_of",
    "first_not_finite",
    "load_numpy",
    "run",
    "same_length",
]


def run(
    tape: Program,
    mode: str,
    args: list[Any],
    per_example: bool,
    checked: Callable[[str, list[float]], Any],
) -> Any:
    """Replay ``tape`` on arrays (and numbers shared by every example); ``checked`` replays
    one example on floats with the engine's errors (the tape's), to say which one failed."""
    same_length(args)
    batched = tuple(type(x) is not float for x in args)
    plan = tape.plans.get(batched) or _plan(tape, batched)
    with load_numpy().errstate(all="ignore"):
        values, blocks, saved = plan.forward(tape, args)
        _check_guards(tape, values)
        if not plan.finite(values, blocks):
            raise _explain_example(checked, mode, args, plan.first_bad_example(values, blocks))
        value = values[tape.output]
        # f's value reads no example (w · 2): it is every example's value, and its gradient
        # every example's, summed over the batch (it was one number, the gradient counted once)
        n = len(next(x for x in args if type(x) is not float)) if any(batched) else 0
        alike = n and getattr(value, "ndim", 0) == 0
        if alike:
            value = load_numpy().full(n, value)
        if mode == "value":
            return value
        try:
            adjoints, _ = plan.backward(tape, values, blocks, saved, per_example)
            if alike:
                each = (lambda g: load_numpy().full(n, g)) if per_example else (lambda g: g * n)
                adjoints = [g if getattr(g, "ndim", 0) else each(g) for g in adjoints]
            finite = all_finite(adjoints[: tape.first])
        except NotFinite:
            finite = False
    if not finite:
        raise _explain_example(checked, mode, args, None)
    return tape.results(mode, value, adjoints)

def _plan(tape: Program, batched: tuple[bool, ...]) -> Plan:
    plan = tape.plans[batched] = Plan(tape, batched)
    return plan

def _check_guards(tape: Program, values: list[Any]) -> None:
    np = load_numpy()
    for g, guard in enumerate(tape.guards):
        wrong = np.flatnonzero(np.asarray(decide(guard, values)) != guard.result)
        if wrong.size:
            raise Diverged(g, int(wrong[0]))

def _explain_example(
    checked: Callable[[str, list[float]], Any], mode: str, args: list[Any], k: int | None
) -> Exception:
    """The Value engine's error for example ``k`` (or the first example that has one),
    replayed on floats."""
    batch = len(next(x for x in args if type(x) is not float))
    for i in range(batch) if k is None else (k,):
        try:
            checked(
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

    def __init__(
        self,
        tape: Program,
        batched_args: tuple[bool, ...],
        held: frozenset[int] = frozenset(),
        wanted: frozenset[int] | None = None,
    ) -> None:
        first, steps = tape.first, tape.steps
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

        # Held parameters: a layer's weights (neurons × inputs) and biases, one array each,
        # and what unbatched steps compute from them element by element (an L2 penalty's
        # p·p), an array each too; ``array_of`` slot -> (array, index).
        self.arrays: list[tuple[int, ...]] = []
        self.shapes: list[tuple[int, ...]] = []
        self.array_of: dict[int, tuple[int, int]] = {}
        for xs, ks in layers.items():
            block = new_block(ks)
            n = len(xs)
            weights = tuple(p for k in ks for p in steps[k][1][:n])
            bias = tuple(steps[k][1][-1] for k in ks)
            owned = None
            if held.issuperset(weights + bias) and len(set(weights + bias)) == len(ks) * (n + 1):
                owned = (self._new_array(weights, (len(ks), n)), self._new_array(bias, (len(ks),)))
            items.append(
                ("layer", block, xs, len(ks), n, itemgetter(*weights), weights, bias, owned)
            )
        self.parameters = list(range(len(self.arrays)))  # the arrays a step updates
        for k in self._array_maps(steps, first, batched):
            fused[first + k] = len(items)
            items.append(("sum", first + k, self.summed[first + k]))
        for o, (op, sources) in self.maps.items():
            for s in self.arrays[o]:
                fused[s] = len(items)
            items.append(("array", o, op, sources))
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
            elif item[0] == "layer":
                if item[2] not in self.block_by_slots:
                    read.update(item[2])
                if item[8] is None:
                    read.update((*item[6], *item[7]))
        self.views = [tuple((j, s) for j, s in enumerate(m) if s in read) for m in members]
        # Slots of held arrays read one by one: a float taken from the array at each replay.
        self.array_views: dict[int, list[tuple[int, int]]] = {}
        for s in sorted(read & self.array_of.keys()):
            a, i = self.array_of[s]
            self.array_views.setdefault(a, []).append((s, i))
        # The leaves read from their Values at each replay: all but the held ones.
        self.loose = [
            (tape.arity + j, leaf)
            for j, leaf in enumerate(tape.leaves)
            if tape.arity + j not in self.array_of
        ]
        # The slots on a path from a wanted one to the output: the backward pass visits
        # only these (no adjoint for a constant, nor in a training step for the data).
        if wanted is None:
            wanted = frozenset(range(tape.arity + len(tape.leaves)))
        self.wanted = wanted
        reaches = [i in wanted for i in range(first)]
        for _, parents in steps:
            reaches.append(any(reaches[p] for p in parents))
        self.live = {tape.output} if reaches[tape.output] else set()
        for k in reversed(range(len(steps))):
            if first + k in self.live:
                self.live.update(p for p in steps[k][1] if reaches[p])
        self.live_blocks = {b for b, m in enumerate(members) if not self.live.isdisjoint(m)}
        self.live_arrays = {a for a, m in enumerate(self.arrays) if not self.live.isdisjoint(m)}
        self.items = _in_dependency_order(items, fused, first, self.arrays)
        # The array slots a replay computes and no block holds: what ``finite`` checks.
        unchecked = {*range(tape.arity), *block_of}
        computed = [s for s, b in enumerate(batched) if b and s not in unchecked]
        computed += self.summed  # a sum of held arrays: a float nobody checked
        self.computed = _gather(tuple(computed)) if computed else lambda values: ()

    def _new_array(self, slots: tuple[int, ...], shape: tuple[int, ...]) -> int:
        self.arrays.append(slots)
        self.shapes.append(shape)
        for i, s in enumerate(slots):
            self.array_of[s] = (len(self.arrays) - 1, i)
        return len(self.arrays) - 1

    def _array_maps(
        self, steps: list[tuple[Op, tuple[int, ...]]], first: int, batched: list[bool]
    ) -> list[int]:
        """Find the unbatched steps that apply one row element by element to held arrays
        (with numbers shared by every element): each such family, covering an array, is
        one array operation (``self.maps``: its array -> row and sources). Returns the
        steps summing whole arrays (``self.summed``: step's slot -> the arrays)."""
        self.maps: dict[int, tuple[Op, tuple[tuple[str, int], ...]]] = {}
        self.summed: dict[int, tuple[int, ...]] = {}
        if not self.arrays:
            return []
        found = True
        while found:  # a map's array may be the source of another (α·p·p)
            families: dict[tuple[Op, tuple[tuple[str, int], ...]], dict[int, int]] = {}
            for k, (op, parents) in enumerate(steps):
                s = first + k
                if batched[s] or s in self.array_of or op.arity is None:
                    continue
                where = [self.array_of.get(p) for p in parents]
                at = {w[1] for w in where if w is not None}
                shapes = {self.shapes[w[0]] for w in where if w is not None}
                if len(at) != 1 or len(shapes) != 1:
                    continue  # not element by element
                sources = tuple(
                    ("array", w[0]) if w is not None else ("slot", p)
                    for w, p in zip(where, parents)
                )
                families.setdefault((op, sources), {})[at.pop()] = s
            found = False
            for (op, sources), members in families.items():
                shape = self.shapes[next(a for kind, a in sources if kind == "array")]
                if sorted(members) == list(range(math.prod(shape))):
                    o = self._new_array(tuple(members[i] for i in sorted(members)), shape)
                    self.maps[o] = (op, sources)
                    found = True
        sums = []
        for k, (op, parents) in enumerate(steps):
            if op.name != "sum" or batched[first + k] or not parents:
                continue
            if not all(p in self.array_of for p in parents):
                continue
            used = tuple(dict.fromkeys(self.array_of[p][0] for p in parents))
            if len(set(parents)) == len(parents) == sum(len(self.arrays[a]) for a in used):
                self.summed[first + k] = used
                sums.append(k)
        return sums

    # ---- forward ----

    def forward(
        self, tape: Program, args: list[Any], held: list[Any] | None = None
    ) -> tuple[list[Any], dict, dict]:
        """Every slot's value, every block, and each layer's inputs and weights. ``held``:
        the arrays, the parameters' given, the others filled here."""
        np = load_numpy()
        values: list[Any] = [None] * self.size
        values[: tape.arity] = args
        for s, leaf in self.loose:
            values[s] = leaf._data
        values[tape.first - len(tape.constants) : tape.first] = tape.constants
        for a in self.parameters:
            for s, i in self.array_views.get(a, ()):
                values[s] = held[a].item(i)
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
            if kind == "array":
                _, o, op, sources = item
                inputs = [held[x] if src == "array" else values[x] for src, x in sources]
                held[o] = (op.array or op.forward)(*inputs)
                for s, i in self.array_views.get(o, ()):
                    values[s] = held[o].item(i)
                continue
            if kind == "sum":
                _, s, used = item
                values[s] = float(sum(held[a].sum() for a in used))
                continue
            if kind == "layer":
                _, block, xs, k, n, weights, _, bias, owned = item
                inputs = self.block_by_slots.get(xs)
                x = (
                    blocks[inputs]
                    if inputs is not None
                    else np.column_stack([values[i] for i in xs])
                )
                if owned is not None:
                    w, b = held[owned[0]], held[owned[1]]
                else:
                    w = np.array(weights(values), dtype=float).reshape(k, n)
                    b = np.array([values[c] for c in bias])
                result = x @ w.T + b
                saved[block] = (x, w)
            else:
                _, block, source, op = item
                result = (op.array or op.forward)(blocks[source])
            blocks[block] = result
            for j, s in self.views[block]:
                values[s] = result[:, j]
        return values, blocks, saved

    def finite(self, values: list[Any], blocks: dict, *more: Any) -> bool:
        """Every number computed (and ``more``) finite, in one check."""
        return all_finite([*self.computed(values), *blocks.values(), *more])

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
        self,
        tape: Program,
        values: list[Any],
        blocks: dict,
        saved: dict,
        per_example: bool,
        held: list[Any] | None = None,
    ) -> tuple[list[Any], list[Any]]:
        """Every slot's adjoint, and each held array's (None where nothing reached it)."""
        batched = self.batched
        adjoints: list[Any] = [0.0] * self.size
        grads: list[Any] = [None] * len(self.arrays)
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
                    grads_of = op.local_grads(values[s], *gather(values))
                except (ArithmeticError, ValueError):  # floats raise; arrays hold NaN
                    raise NotFinite from None
                summing = batched[s] and not per_example
                for p, d in zip(parents, grads_of):
                    if p not in live:
                        continue  # nobody reads its adjoint
                    if summing and not batched[p]:  # Σ over the batch, one array operation
                        adjoints[p] += float(d @ g) if type(d) is not float else d * float(g.sum())
                    else:
                        adjoints[p] += d * g
                continue
            if kind == "sum":
                _, s, used = item
                if s not in live:
                    continue
                g = adjoints[s]
                for a in used:
                    grads[a] = g if grads[a] is None else grads[a] + g  # broadcast
                continue
            if kind == "array":
                _, o, op, sources = item
                g = self._array_adjoint(o, grads, adjoints)
                if g is None or o not in self.live_arrays:
                    continue
                inputs = [held[x] if src == "array" else values[x] for src, x in sources]
                for (src, x), d in zip(sources, op.local_grads(held[o], *inputs)):
                    if (x not in self.live_arrays) if src == "array" else (x not in live):
                        continue
                    if src == "array":
                        grads[x] = d * g if grads[x] is None else grads[x] + d * g
                    else:
                        adjoints[x] += float((d * g).sum())
                continue
            block = item[1]
            if block not in self.live_blocks:
                continue
            g = self._block_adjoint(block, pending, adjoints, n)
            if kind == "map":
                _, _, source, op = item
                if source in self.live_blocks:
                    (d,) = op.local_grads(blocks[block], blocks[source])
                    self._pass_on(source, d * g, pending)
                continue
            _, _, xs, _, _, _, weights, bias, owned = item
            x, w = saved[block]
            inputs = self.block_by_slots.get(xs)
            if inputs is not None and inputs in self.live_blocks:
                self._pass_on(inputs, g @ w, pending)
            elif inputs is None and not live.isdisjoint(xs):
                dx = g @ w
                for i, p in enumerate(xs):
                    if p in live:
                        adjoints[p] += dx[:, i]
            if owned is not None:  # held: the gradient stays an array
                for a, d in zip(owned, (g.T @ x, g.sum(axis=0))):
                    grads[a] = d if grads[a] is None else grads[a] + d
                continue
            if per_example:
                dw = (g[:, :, None] * x[:, None, :]).reshape(len(g), -1).T
                db = g.T
            else:
                dw = (g.T @ x).ravel().tolist()
                db = g.sum(axis=0).tolist()
            for p, d in zip((*weights, *bias), (*dw, *db)):
                if p in live:
                    adjoints[p] += d
        for a in self.parameters:  # held parameters also read one by one
            grads[a] = self._array_adjoint(a, grads, adjoints)
        for i in range(tape.arity):  # an array argument f does not use: zeros, one per example
            if batched[i] and type(adjoints[i]) is float:
                adjoints[i] = load_numpy().full(len(values[i]), adjoints[i])
        return adjoints, grads

    def _array_adjoint(self, a: int, grads: list[Any], adjoints: list[Any]) -> Any:
        """A held array's adjoint: from the arrays reading it, plus each element's own."""
        g = grads[a]
        for s, i in self.array_views.get(a, ()):
            if adjoints[s] != 0.0:
                if g is None or type(g) is float:
                    g = load_numpy().full(self.shapes[a], 0.0 if g is None else g)
                g.flat[i] += adjoints[s]
        return g

    def _block_adjoint(self, block: int, pending: dict, adjoints: list[Any], n: int) -> Any:
        """A block's adjoint: what blocks reading it passed on, plus each column's own."""
        g = pending.pop(block, None)
        for j, s in self.views[block]:  # only a column read one by one has its own
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
    items: list[tuple[Any, ...]], made_by: dict[int, int], first: int, arrays: list[tuple]
) -> list[tuple[Any, ...]]:
    """``items`` so that each comes after the items computing what it reads, otherwise in
    their order (Kahn's algorithm, earliest first)."""
    reads: list[set[int]] = []
    for item in items:
        if item[0] == "step":
            slots = item[3]
        elif item[0] == "layer":
            slots = (*item[2], *item[6], *item[7])
        elif item[0] == "array":
            slots = [m for kind, x in item[3] for m in (arrays[x] if kind == "array" else (x,))]
        elif item[0] == "sum":
            slots = [m for a in item[2] for m in arrays[a]]
        else:
            slots = ()
        needs = {made_by[s] for s in slots if s >= first}
        reads.append(needs)
    producer = {item[1]: j for j, item in enumerate(items) if item[0] in ("layer", "map")}
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
    except TypeError:  # arrays among them: one check of them all
        np = load_numpy()
        arrays = [x.ravel() for x in xs if type(x) is not float]
        floats = [x for x in xs if type(x) is float]
        return all(map(math.isfinite, floats)) and bool(np.isfinite(np.concatenate(arrays)).all())


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
    finite = numpy.isfinite(x)
    if finite.all():  # the common case in one pass
        return None
    return int(numpy.flatnonzero(~finite)[0])


def example_of(x: Any, index: int) -> float:
    return x if type(x) is float else float(x[index])


def arguments(args: Sequence[Any], arity: int | None = None) -> list[Any]:
    if arity is not None and len(args) != arity:
        raise TypeError(f"tape: expected {arity} arguments, got {len(args)}")
    return [argument(x, i) for i, x in enumerate(args)]


def argument(x: Any, i: int) -> Any:
    """Argument ``i`` as a finite float, or as a one-dimensional float array."""
    if type(x) is float and -INF < x < INF:
        return x
    if isinstance(x, Value):
        raise TypeError(f"tape: argument {i} is a Value; pass its .data (a tape replays numbers)")
    if isinstance(x, numbers.Real):
        try:
            x = float(x)
        except OverflowError:  # an int of 309 digits or more: named by its digits
            checked_float(x, f"tape: argument {i}")
        if not -INF < x < INF:
            raise ValueError(f"tape: argument {i} must be finite, got {arg_text(x)}")
        return x
    array = load_numpy().asarray(x)
    if array.dtype.kind not in "biuf":  # not bools, ints or floats: complex, text, objects
        raise TypeError(f"tape: argument {i} must hold real numbers, got {_kind(x, array)}")
    array = array.astype(float, copy=False)
    if array.ndim != 1:
        raise ValueError(
            f"tape: argument {i} must be a number or a 1-d array, got shape {array.shape}"
        )
    bad = first_not_finite(array)
    if bad is not None:
        raise ValueError(
            f"tape: argument {i} must be finite, got {arg_text(array[bad])} at index {bad}"
        )
    return array


def _kind(x: Any, array: Any) -> str:
    return f"an array of {array.dtype}" if type(x) is type(array) else f"{type(x).__name__} {x!r}"

