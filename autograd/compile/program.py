"""A trace laid out as a program: numbered slots (the arguments, the leaves read at each
replay, the constants, one per step) and the steps that fill them; what the code generator,
the array plans and the tape's checked replay all read."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from ..ops import INF, Op, refusal
from .tracing import Diverged, Guard, Recording, decide, named

__all__ = ["Program"]


class Program:
    """A recording as slots and steps: ``steps`` in order, each ``(op, slots read)``.

    Slots number the arguments first, then ``leaves`` (every other leaf that existed before
    the trace, read at each replay), then ``constants`` (the numbers ``f`` wrote, folded),
    then one slot per step from ``first`` on. ``guards`` are the decisions ``f`` took while
    traced, ``folded`` the slots known before any replay, ``labels`` what messages call each.
    """

    def __init__(self, recording: Recording) -> None:
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
        self.first = self.arity + len(kept) + len(constants)
        self.steps: list[tuple[Op, tuple[int, ...]]] = [
            (r.ops[i], tuple(slot[p] for p in r.parents[i])) for i in interior
        ]
        self.output = slot[r.output]
        # A guard is checked after the last step made before f's decision.
        self.guards: list[Guard] = []
        for at, symbol, left, right, number, result in r.decisions:
            after = bisect_left(interior, at) - 1
            right = None if right is None else slot[right]
            self.guards.append(Guard(after, symbol, slot[left], right, number, result))
        # A step whose inputs are all constants is a constant too: folded into the source.
        self.folded: dict[int, float] = {slot[i]: r.constants[i] for i in constants}
        for i in interior:
            if all(slot[p] in self.folded for p in r.parents[i]):
                self.folded[slot[i]] = r.data[i]
        # What messages and comments call each slot (generated code never uses a label).
        self.labels: list[str] = [""] * (self.first + len(self.steps))
        for i, s in slot.items():
            label = r.labels[i]
            self.labels[s] = named(label) if label else f"v{s}"
        for s in range(self.arity):
            self.labels[s] = self.labels[s] or r.inputs[s].label or f"v{s}"
        # How it runs on arrays, an arrays.Plan for each pattern of array arguments, made
        # and kept by arrays.run (typed Any: the plans sit above the program they run).
        self.plans: dict[tuple[bool, ...], Any] = {}

    def results(self, mode: str, value: Any, adjoints: list[Any]) -> Any:
        leaf_adjoints = adjoints[self.arity : self.arity + len(self.leaves)]
        if mode == "backward":
            for leaf, g in zip(self.leaves, leaf_adjoints):
                leaf.grad += g
            return value
        return value, tuple(adjoints[: self.arity]), tuple(leaf_adjoints)

    def guards_by_step(self) -> dict[int, list[int]]:
        by_step: dict[int, list[int]] = {}
        for g, guard in enumerate(self.guards):
            by_step.setdefault(guard[0], []).append(g)
        return by_step

    def check_guards(self, indices: Sequence[int], values: list[float]) -> None:
        for g in indices:
            if decide(self.guards[g], values) != self.guards[g].result:
                raise Diverged(g)

    def first_bad_derivative(self, values: list[float]) -> Exception:
        """The error for the first step whose local derivative is not finite, as the Value
        engine names it."""
        for k, (op, parents) in enumerate(self.steps):
            xs = [values[p] for p in parents]
            ds = op.local_grads(values[self.first + k], *xs)
            if not all(-INF < d < INF for d in ds):
                cause = next((d for d in ds if d != d), INF)  # a NaN (undefined) first
                return refusal(op, xs, cause, derivative=True)
        return OverflowError("backward: a gradient went past the largest float")
