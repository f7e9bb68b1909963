"""The writer's own numbers: what a worksheet wrote so far, and each quantity recomputed
from them, as a hand calculation carries its rounded numbers forward.

The judge records each result the writer got right (or rounded) and each number they
substituted for a symbol; a quantity's own value is then its formula evaluated on those
numbers: their results first, then what they substituted, and the exact value for a symbol
they never wrote. A derivative the writer never wrote a formula for is their local
derivative (σ′ = a(1 − a) at the written a) or the chain rule through the named quantities
between, with the writer's factors where written.

>>> from autograd.audit.read_text import read_text
>>> from autograd.audit.recompute import Model
>>> part = read_text("x = 2\\na = x·3").parts[0]
>>> own = Own(Model(part))
>>> own.results["a"] = 6.1  # the writer wrote a = 6.1
>>> own.value(Name("a")), own.of(Name("a"))
(6.1, 6.0)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..backward import gradients
from ..explain import Factor, chain_sum
from ..graph import topological_order
from ..value import Value
from .recompute import UNARY, Model, Unknown, evaluate, own_name
from .verdict import unit
from .worksheet import Call, Derivative, Expr, Name, Num, names_in

__all__ = ["HAND_SIZED", "Own"]

#: Beyond this many nodes the writer's own chain-rule value (a walk over the graph for each
#: derivative) is not computed; the exact value stands. A hand calculation has tens of nodes.
HAND_SIZED = 2_000


class Own:
    """The numbers a writer wrote, and what they make of each quantity."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.results: dict[str, float] = {}  # the writer's results, by quantity
        self.substituted: dict[str, float] = {}  # numbers the writer substituted for a symbol
        self.formulas: dict[str, Expr] = {}  # the writer's formula: ∂L/∂w7 = ∂L/∂a · ∂a/∂z · …
        self._expanding: set[str] = set()  # the writer's formulas being followed, for value()
        self.exact_texts = {  # numbers that are givens are exact, not rounded
            g.text for gs in model.given_values.values() for g in gs
        }

    def value(self, e: Expr) -> float:
        """``e`` from the writer's numbers: their results first, then what they substituted,
        and the exact value for a symbol they never wrote."""
        return evaluate(e, self.lookup).data

    def lookup(self, e: Name | Derivative) -> Value:
        key = own_name(e) or None
        if key in self.results:
            return Value(self.results[key])
        if key in self.substituted:
            return Value(self.substituted[key])
        if isinstance(e, Derivative) and e.of is None and key not in self._expanding:
            self._expanding.add(key)  # a formula written in terms of itself stops here
            try:
                own = self._derivative(e)
            finally:
                self._expanding.discard(key)
            if own is not None:
                return Value(own)
        if isinstance(e, Name) and e.name in self.model.givens:
            return Value(self.model.givens[e.name])
        return Value(self.model.value(e))

    def tolerance(self, e: Expr) -> float:
        """How far ``e``'s value may be from the truth, given the precision of its numbers:
        Σ |∂e/∂number| · one unit of that number (whole numbers and givens are exact)."""
        leaves: list[tuple[Value, Num]] = []

        def number(n: Num) -> Value:
            v = Value(float(n.value))
            leaves.append((v, n))
            return v

        value = evaluate(e, self.lookup, number)

        rounded = [(v, n) for v, n in leaves if not n.exact and n.text not in self.exact_texts]
        if not rounded:
            return 0.0
        slopes = gradients(value, [v for v, _ in rounded])
        return sum(abs(d) * float(unit(n.text)) for d, (_, n) in zip(slopes, rounded))

    def definition_of(self, q: Expr) -> Expr | None:
        """The formula ``q`` is computed by: its definition, or the writer's for a derivative."""
        if isinstance(q, Name):
            return self.model.definition(q.name)
        return self.formulas.get(own_name(q))

    def of(self, q: Expr) -> float | None:
        """``q`` recomputed from the writer's numbers, one step back: its formula with what
        the writer wrote for each of its parts."""
        e = self.definition_of(q)
        if e is None and isinstance(q, Derivative) and q.of is None:
            return self._local_derivative(q)
        if e is None:
            return None
        try:
            return self.value(e)
        except (Unknown, ArithmeticError, ValueError):
            return None

    def earlier(self, sym: Expr) -> Iterator[float]:
        """What the writer wrote for ``sym`` before (a given is what it is given as)."""
        key = own_name(sym)
        if isinstance(sym, Name) and self.model.is_leaf(sym.name):
            return
        for d in (self.results, self.substituted):
            if key in d:
                yield d[key]
        if key not in self.results and key not in self.substituted:
            own = self.of(sym)
            if own is not None:
                yield own

    def _derivative(self, q: Derivative) -> float | None:
        """``∂top/∂bottom`` as the writer would have it: by their formula for it, by the
        formula of ``top`` where it reads ``bottom``, or by the chain rule through the named
        quantities between them with the writer's factors where written (a hand-sized graph:
        beyond ``HAND_SIZED`` nodes, the exact value stands)."""
        key = own_name(q)
        if key in self.formulas:
            return self.value(self.formulas[key])
        local = self._local_derivative(q)
        if local is not None:
            return local
        top, bottom = self.model.node(q.top), self.model.node(q.bottom)
        if len(self.model.graph_order()) > HAND_SIZED:
            return None
        if bottom not in set(topological_order(top)):
            return None

        def factor(f: Factor) -> float:
            if f.top.label is None or f.bottom.label is None:
                return f.value
            return self.lookup(Derivative(f.top.label, f.bottom.label)).data

        return chain_sum(top, bottom, factor)

    def _local_derivative(self, q: Derivative) -> float | None:
        """``∂a/∂z`` where ``a``'s formula reads ``z``, at the writer's numbers: for
        ``a = f(z)`` from the op's row at the written ``a`` and ``z`` (σ′ = a(1 − a) at the
        written a, as a hand calculation takes it); else the formula differentiated on a
        graph of the writer's values (∂/∂a ½(y − a)² = −(y − a) at the written a)."""
        e = self.model.definitions.get(q.top, (None,))[0]
        if e is None or q.bottom not in names_in(e):
            return None
        if isinstance(e, Call) and e.args == (Name(q.bottom),) and e.fn in UNARY:
            out, x = (self.lookup(Name(n)) for n in (q.top, q.bottom))
            row = UNARY[e.fn](x).op
            return None if row is None else float(row.local_grads(out.data, x.data)[0])
        variable = self.lookup(Name(q.bottom))

        def lookup(x: Name | Derivative) -> Value:
            return variable if x == Name(q.bottom) else self.lookup(x)

        (slope,) = gradients(evaluate(e, lookup), [variable])
        return float(slope)
