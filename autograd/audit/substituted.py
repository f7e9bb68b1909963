"""Which written values a line of numbers substitutes, as a reader matches them.

A page often writes a quantity only with numbers: ``z⁽3⁾ = 0.3(0.426) + 0.4(0.5) + 0.1``
after listing ``w7 = 0.3, w8 = −0.1, w9 = 0.4, w10 = 0.2, b⁽2⁾ = 0.1`` and computing
``a⁽1⁾ ≈ 0.426``, ``a⁽2⁾ = 0.5``. A reader sees ``w7·a⁽1⁾ + w9·a⁽2⁾ + b⁽2⁾``: each number is
a value written before it, a given or a result. Where a value was written for several names
(0.4 is w3 and w9, 0.5 is b⁽1⁾ and a⁽2⁾), the list that supplies most of the line's numbers
wins (the weights of one layer are listed together), then the latest. A whole number is read
as a name only from such a list supplying two of the line's numbers or more (a lone 1 is a
one). The line is read this way only if each of its other numbers is a value written before
it; else it stays numbers (z = 0.2(1) − 0.3(2) with w2 = −0.3: the sign is the minus's).

>>> from autograd.audit.read_text import read_text
>>> from autograd.audit.worksheet import show
>>> part = read_text("w1 = 0.3, w2 = 0.4\\nh = 0.5\\nz = 0.3 · 0.5 + 0.4").parts[0]
>>> show(Substitutions(part.chains).named(part.chains[-1].links[1], part.chains[-1]))
'w1 · h + w2'
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from .worksheet import Call, Chain, Expr, Name, Num, names_in, ungrouped

__all__ = ["RECENT", "Substitutions", "half_of_square"]

#: How many of the latest writings of a value a line of numbers may be read as (the values
#: of a layer are listed near where they are used; far back, a value is a coincidence).
RECENT = 8


class Substitutions:
    """The values written in a part's chains, in order, for reading lines of numbers."""

    def __init__(self, chains: list[Chain]) -> None:
        self._position = {id(c): i for i, c in enumerate(chains)}
        # by value, in the order written: (position, line, name, the names its line reads)
        self._written: dict[Decimal, list[tuple[int, int, str, set[str]]]] = {}
        for i, c in enumerate(chains):
            q, last = c.quantity, c.links[-1]
            if isinstance(q, Name) and isinstance(last, Num) and len(c.links) > 1:
                reads = {n for link in c.links[1:] for n in names_in(link)}
                self._written.setdefault(last.value, []).append((i, c.line, q.name, reads))

    def named(self, e: Expr, chain: Chain) -> Expr:
        """``e``, a line's numbers, with each number read as the written value it
        substitutes; ``e`` itself where some number is none written before it."""
        own = chain.quantity.name if isinstance(chain.quantity, Name) else ""
        here = self._position.get(id(chain), len(self._position))
        values = {n.value for n in _substituted(e)}
        # the lists (by line) that supply each value, with the name they give it: of the
        # values written before the line, the latest few (linear in the document)
        supply: dict[int, dict[Decimal, set[str]]] = {}
        for value in values:
            written = self._written.get(value, [])
            before = bisect_left(written, here, key=lambda w: w[0])
            for _, line, name, reads in written[max(0, before - RECENT) : before]:
                if name != own and own not in reads:
                    supply.setdefault(line, {}).setdefault(value, set()).add(name)
        chosen: dict[Decimal, str] = {}
        while supply:  # the list supplying most of the values still open first, then the latest
            line = max(supply, key=lambda k: (len(supply[k].keys() - chosen.keys()), k))
            for value, names in supply.pop(line).items():
                if value not in chosen and len(names) == 1:
                    chosen[value] = names.pop()
        if not chosen or any(v not in chosen for v in values):
            return e
        return _replaced(e, chosen)


def _substituted(e: Expr) -> list[Num]:
    """The numbers of ``e`` that may stand for values: not a whole number (a count, a one, the
    2 of ½ or of a square), nor the ½ before a square (0.5(t − y)²), but the x of e^x."""
    if isinstance(e, Num):
        return [] if e.value == e.value.to_integral_value() else [e]
    if half_of_square(e):
        return _substituted(e.args[1])
    if not isinstance(e, Call):
        return []
    return [n for a in _values(e) for n in _substituted(a)]


def _values(e: Call) -> tuple[Expr, ...]:
    """The arguments of ``e`` that stand for values: a power's exponent only in e^x."""
    return e.args[:1] if e.fn == "pow" and e.args[0] != Name("e") else e.args


def half_of_square(e: Expr) -> bool:
    """``0.5 · (…)^2``: the ½ of a squared error, a constant."""
    return (
        isinstance(e, Call) and e.fn == "mul" and len(e.args) == 2 and e.args[0] == Num("0.5")
        and isinstance(ungrouped(e.args[1]), Call) and ungrouped(e.args[1]).fn == "pow"
    )  # fmt: skip


def _replaced(e: Expr, chosen: dict[Decimal, str]) -> Expr:
    if isinstance(e, Num):
        return Name(chosen[e.value]) if e.value in chosen else e
    if half_of_square(e):
        return Call(e.fn, (e.args[0], _replaced(e.args[1], chosen)))
    if isinstance(e, Call):
        args = [_replaced(a, chosen) for a in _values(e)]
        return Call(e.fn, (*args, *e.args[len(args) :]))
    return e
