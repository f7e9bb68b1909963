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
from contextlib import contextmanager

from ..backward import gradients
from ..explain import Factor, chain_sum
from ..graph import topological_order
from ..numtext import unit
from ..value import Value
from .recompute import UNARY, Model, Unknown, close, evaluate, own_name
from .verdict import CARRIED_UNITS, LONG_NUMBER, WRITTEN_UNITS
from .worksheet import Call, Derivative, Expr, Name, Num, names_in

__all__ = ["HAND_SIZED", "Own", "untainted_first"]

#: Beyond this many nodes the writer's own chain-rule value (a walk over the graph for each
#: derivative) is not computed; the exact value stands. A hand calculation has tens of nodes.
HAND_SIZED = 2_000


def untainted_first(owns: list[tuple[float, set[int]]]) -> list[tuple[float, set[int]]]:
    """The writer's values (``Own.owns``), those that follow from no slip first: a number
    one of them explains is right given the writer's numbers, not carried from a slip.

    >>> untainted_first([(-0.0129, {30}), (-0.0061, set())])
    [(-0.0061, set()), (-0.0129, {30})]
    """
    return sorted(owns, key=lambda own: bool(own[1]))


class Own:
    """The numbers a writer wrote, and what they make of each quantity."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.results: dict[str, float] = {}  # the writer's results, by quantity
        self.digits: dict[str, int] = {}  # the significant digits each result is written to
        self.substituted: dict[str, float] = {}  # numbers the writer substituted for a symbol
        self.formulas: dict[str, Expr] = {}  # the writer's formula: ∂L/∂w7 = ∂L/∂a · ∂a/∂z · …
        # where a wrong number the writer holds comes from: key → the line of the error it
        # follows from (their result there, or one computed from it)
        self.origins: dict[str, int] = {}
        self.sound: set[str] = set()  # the numbers substituted that carry no slip
        self._expanding: set[str] = set()  # the writer's formulas being followed, for value()
        self._trace: set[int] | None = None  # the origins read while tracing a value
        self.exact_texts = {  # numbers that are givens are exact, not rounded
            g.text for gs in model.given_values.values() for g in gs
        }

    def carry(self, before: Own) -> None:
        """Hold, for each parameter the part ``before`` updated, the writer's own updated
        value (``w = w'`` as they wrote it there), and where a wrong one comes from: the next
        step of a calculation starts from the writer's numbers."""
        for key, value in before.results.items():
            if key.endswith("'") and key[:-1] in self.model.givens:
                self.results[key[:-1]] = value
                if key in before.origins:  # and what their numbers give it, if it is wrong
                    self.origins[key[:-1]] = before.origins[key]
                    with before.tracing() as taint:
                        own = before.of(Name(key))
                    if own is not None:
                        self.substitute(key[:-1], own, bool(taint))

    def value(self, e: Expr) -> float:
        """``e`` from the writer's numbers: their results first, then what they substituted,
        and the exact value for a symbol they never wrote."""
        return evaluate(e, self.lookup).data

    @contextmanager
    def tracing(self) -> Iterator[set[int]]:
        """The lines of the errors that the writer's numbers read inside the ``with`` block
        follow from (none: what they give carries no slip, only the writer's rounding).

        >>> from autograd.audit.read_text import read_text
        >>> from autograd.audit.recompute import Model
        >>> own = Own(Model(read_text("x = 2\\na = x·3\\nb = a + 1").parts[0]))
        >>> own.results["a"], own.origins["a"] = 7.0, 2  # a = 7 written on line 2, wrong
        >>> with own.tracing() as origins:
        ...     b = own.of(Name("b"))
        >>> b, origins
        (8.0, {2})
        """
        outer, self._trace = self._trace, set()
        found = self._trace
        try:
            yield found
        finally:
            self._trace = outer
            if outer is not None:
                outer |= found

    def substitute(self, key: str, value: float, carried: bool) -> None:
        """The writer put ``value`` in the place of the quantity ``key`` (``carried``: from
        numbers that hold a slip)."""
        self.substituted[key] = value
        (self.sound.discard if carried else self.sound.add)(key)

    def latest(self, e: Expr) -> float:
        """``e`` from the writer's numbers, what they substituted for a quantity before their
        result for it: the number they used last (δ5 = 0.4798 written, 0.1045 put in its
        place after, as it is)."""

        def lookup(x: Name | Derivative) -> Value:
            key = own_name(x)
            if key in self.substituted and key in self.sound:
                return Value(self.substituted[key])
            return self.lookup(x)

        return evaluate(e, lookup).data

    def wrote(self, q: Expr, written: Num, origin: int | None) -> None:
        """The writer's result for ``q``, right or wrong (``origin``: the line of the error
        it follows from): later lines are judged on it. A name for a derivative
        (δ3 = ∂L/∂z3) holds it for the derivative too."""
        keys = [own_name(q)]
        if isinstance(q, Name) and isinstance(self.model.definition(q.name), Derivative):
            keys.append(own_name(self.model.definition(q.name)))
        for key in filter(None, keys):  # an expression (0.2 − 0.4 + 2.8) is no quantity's
            self.results[key] = float(written.value)
            self.digits[key] = len(written.value.as_tuple().digits)
            if origin is None:
                self.origins.pop(key, None)
            else:
                self.origins[key] = origin

    def gives(self, q: Expr, formula: Expr | None) -> list[tuple[float, set[int]]]:
        """The values the writer's numbers give ``q`` on a line that writes no numbers: by
        the formula on the line (each value the writer holds, for a bare ∂L/∂b = ∂L/∂z),
        else by their own for ``q``; a given written again, the writer's own value of it."""
        if isinstance(formula, (Name, Derivative)):
            return self.owns(formula)
        found = []
        ways = (self.value, self.latest, self.recomputed, self.rewritten)
        for way in ways if formula is not None else ():
            with self.tracing() as origins:
                try:
                    found.append((way(formula), origins))
                except (Unknown, ArithmeticError, ValueError):
                    continue
        return found or self.owns(q)

    def slipped(self, owns: list[tuple[float, set[int]]], value: float) -> set[int]:
        """The lines of the errors behind ``value`` where it is the very number the writer
        holds from a slip (and none of their sound ones): right at its precision, it still
        carries the slip to what follows (w1 = −0.21 for −0.2119 from a zero gradient)."""
        return next((t for v, t in untainted_first(owns) if close(v, value)), set())

    def recomputed(self, e: Expr, as_written: bool = False) -> float:
        """``e`` from the writer's numbers, each quantity in it one of theirs that holds no
        slip where there is one, else recomputed by its formula from theirs (a result they
        wrote wrong and did not carry on is not used; ``as_written``: the right one in its
        place is rounded to the significant digits they wrote the wrong one with)."""

        def lookup(x: Name | Derivative) -> Value:
            owns = self.owns(x)
            if owns:
                value, origins = next((o for o in owns if not o[1]), owns[-1])
                if self._trace is not None:
                    self._trace |= origins
                key = own_name(x)
                if as_written and key in self.digits and value != self.results[key]:
                    value = float(f"{value:.{self.digits[key]}g}")
                return Value(value)
            return self.lookup(x)

        return evaluate(e, lookup).data

    def rewritten(self, e: Expr) -> float:
        """``e`` from the writer's numbers, a result they wrote wrong and did not carry on
        replaced by the right one as they would have written it: the δ4 = 0.1143 written
        for 0.09804, then ∂E/∂w4 = δ4 · a1 from 0.09804."""
        return self.recomputed(e, as_written=True)

    def lookup(self, e: Name | Derivative) -> Value:
        key = own_name(e) or None
        if self._trace is not None and key in self.origins:
            if key in self.results or key in self.substituted:
                self._trace.add(self.origins[key])
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
        if isinstance(e, Derivative) and e.of is not None:  # ∂/∂a ½(y − a)², at their a
            return Value(self._slope(e.of, e.bottom))
        if isinstance(e, Name) and e.name in self.model.givens:
            return Value(self.model.givens[e.name])
        return Value(self.model.value(e))

    def _slope(self, e: Expr, bottom: str) -> float:
        """∂e/∂bottom at the writer's numbers."""
        variable = self.lookup(Name(bottom))

        def lookup(x: Name | Derivative) -> Value:
            return variable if x == Name(bottom) else self.lookup(x)

        (slope,) = gradients(evaluate(e, lookup), [variable])
        return float(slope)

    def tolerance(self, e: Expr, units: float = WRITTEN_UNITS) -> float:
        """How far ``e``'s value may be from the truth, given the precision of its numbers:
        Σ |∂e/∂number| · ``units`` of that number's last place (whole numbers and givens are
        exact; ``verdict`` says how many units each use allows)."""
        return sum(abs(d) * units * float(unit(n.text)) for d, n in self._slopes(e))

    def carried(self, e: Expr, stands_for: dict[int, list[float]]) -> tuple[float, float]:
        """How far below and above ``e``'s value the digits the writer carried beyond those
        shown may take it: each rounded number moved to a value it stands for (``stands_for``,
        by the number's id: the exact value of the symbol it was put for, the writer's own),
        ``CARRIED_UNITS`` of its last place at most; a number that stands for no known value
        anywhere within that, but for one of a single significant digit: it is exact (a rate
        of 0.1, a target of 0.5; a number shown rounded to one digit and carried whole is no
        hand calculation's, and half its unit would pass 0.3 + 0.2 = 0.6 as a rounding)."""
        low = high = 0.0
        for d, n in self._slopes(e):
            half = CARRIED_UNITS * float(unit(n.text))
            anywhere = [] if len(n.value.as_tuple().digits) == 1 else [
                float(n.value) - half, float(n.value) + half]  # fmt: skip
            held = stands_for.get(id(n)) or anywhere
            moves = [d * max(-half, min(half, h - float(n.value))) for h in held]
            low, high = low + min([0.0, *moves]), high + max([0.0, *moves])
        return low, high

    def _slopes(self, e: Expr) -> list[tuple[float, Num]]:
        """∂e/∂n for each rounded number n that ``e`` writes (whole numbers and givens are
        exact), with the number."""
        leaves: list[tuple[Value, Num]] = []

        def number(n: Num) -> Value:
            v = Value(float(n.value))
            leaves.append((v, n))
            return v

        value = evaluate(e, self.lookup, number)
        rounded = [(v, n) for v, n in leaves if not n.exact and n.text not in self.exact_texts]
        if not rounded:
            return []
        slopes = gradients(value, [v for v, _ in rounded])
        return [(float(d), n) for d, (_, n) in zip(slopes, rounded)]

    def carried_from_givens(self, name: str) -> float:
        """How far ``name``'s exact value may be from the writer's through the givens they
        wrote to ``LONG_NUMBER`` significant digits or more (``delta1 = 0.126367447``: a
        result of theirs, rounded where it is shown and carried whole): Σ |∂name/∂g| ·
        ``CARRIED_UNITS`` of g's last place. Short givens (w5 = 0.45) are exact."""
        node = self.model.node(name)
        texts = {g: values[0].text for g, values in self.model.given_values.items()}
        leaves = [v for v in topological_order(node)
                  if v.label in texts and _is_long(texts[v.label])]  # fmt: skip
        if not leaves:
            return 0.0
        slopes = gradients(node, leaves)
        return sum(abs(d) * CARRIED_UNITS * float(unit(texts[v.label]))
                   for d, v in zip(slopes, leaves))  # fmt: skip

    def definition_of(self, q: Expr) -> Expr | None:
        """The formula ``q`` is computed by: the writer's (a right one they wrote for it:
        δ3 = ∂L/∂a3 · ∂a3/∂z3), else its definition."""
        if isinstance(q, Name):
            return self.formulas.get(q.name) or self.model.definition(q.name)
        return self.formulas.get(own_name(q))

    def of(self, q: Expr) -> float | None:
        """``q`` recomputed from the writer's numbers, one step back: its formula with what
        the writer wrote for each of its parts."""
        e = self.definition_of(q)
        if isinstance(q, Name) and isinstance(e, Derivative) and e.of is None:
            return self.of(e)  # δ3 = ∂L/∂z3: what the writer's numbers give ∂L/∂z3
        if e is None and isinstance(q, Derivative) and q.of is None:
            return self._derivative(q)
        if isinstance(q, Derivative) and q.of is not None:
            e = q  # ∂/∂a ½(y − a)²: differentiated at the writer's numbers
        if e is None:
            return None
        try:
            return self.value(e)
        except (Unknown, ArithmeticError, ValueError):
            return None

    def earlier(self, sym: Expr) -> Iterator[float]:
        """What the writer wrote for ``sym`` before (a given is what it is given as), then
        what their numbers give for it."""
        for value, origins in self.owns(sym):
            if self._trace is not None:
                self._trace |= origins
            yield value

    def owns(self, sym: Expr) -> list[tuple[float, set[int]]]:
        """Each value the writer holds for ``sym``: their result (or the number they put in
        its place), then what their numbers give for it by its formula; each with the lines
        of the errors it follows from. A given has only the value the writer gave it again
        (the next step's parameter, from their update)."""
        key = own_name(sym)
        leaf = isinstance(sym, Name) and self.model.is_leaf(sym.name)
        tainted = {self.origins[key]} if key in self.origins else set()
        found = [(d[key], tainted) for d in (self.results, self.substituted) if key in d]
        if key in self.results and key in self.sound:  # put in its place right, after all
            found[1:] = [(self.substituted[key], set())]
        if leaf:
            return found if key in self.results else []
        outer, self._trace = self._trace, set()
        try:
            own = self.of(sym)
            found.append((own, self._trace)) if own is not None else None
        finally:
            self._trace = outer
        return found

    def _derivative(self, q: Derivative) -> float | None:
        """``∂top/∂bottom`` as the writer would have it: by their formula for it, by the
        formula of ``top`` where it reads ``bottom``, or by the chain rule through the named
        quantities between them with the writer's factors where written, and their own
        ∂top/∂m where they wrote one for a quantity m between (a hand-sized graph:
        beyond ``HAND_SIZED`` nodes, the exact value stands)."""
        key = own_name(q)
        if key in self.formulas:
            return self.value(self.formulas[key])
        q = self.model.as_page_names(q)  # ∂E/∂y1 where the loss is E_total
        local = self._local_derivative(q)
        if local is not None:
            return local
        top, bottom = self.model.node(q.top), self.model.node(q.bottom)
        if len(self.model.passes.order()) > HAND_SIZED:
            return None
        if bottom not in set(topological_order(top)):
            return None

        def factor(f: Factor) -> float:
            if f.top.label is None or f.bottom.label is None:
                return f.value
            return self.lookup(Derivative(f.top.label, f.bottom.label)).data

        def held(n: Value, total: float) -> float:  # their ∂top/∂n, where they wrote one
            between = Derivative(q.top, n.label) if n.label else None
            written = own_name(between) if between else None
            if written in self.results or written in self.substituted:
                return self.lookup(between).data
            return total

        return chain_sum(top, bottom, factor, held)

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
            node = UNARY[e.fn](x)
            if node.parents == (x,) and node.op is not None:  # one row: σ, tanh, exp, log
                return float(node.op.local_grads(out.data, x.data)[0])
            if node.parents == ():  # held, relu': no path back to z
                return None
            # σ'(z) = σ(z)(1 − σ(z)), tanh'(z): several rows; their slope on a graph
        return self._slope(e, q.bottom)


def _is_long(text: str) -> bool:
    """Whether a number is written to ``LONG_NUMBER`` significant digits or more, decimals."""
    digits = text.lstrip("-−–").replace(".", "").lstrip("0")
    return "." in text and len(digits) >= LONG_NUMBER
