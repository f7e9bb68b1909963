"""An input read twice by one weighted sum while its sibling is read by nothing: an index
copied from the term before.

In a layer each input enters a neuron's sum once, with its own weight. A page that writes
``y1 = w5 * h1 + w6 * h1 + b2`` after computing ``h2 = 0.5969`` (which no formula then
reads) has copied ``h1`` where ``h2`` belongs; the numbers it substitutes follow the formula
as written, so only the formula shows the slip. Told only where both hold: the input read
twice with two different weights, and a sibling of it (the same letters, another index) a
quantity of the page that no formula reads.

>>> from autograd.audit.read_chain import parse_chain
>>> _, formula = parse_chain("y1 = w5 * h1 + w6 * h1 + b2")
>>> copied(formula, {"h1", "h2", "w5", "w6", "b2"}, {"h1", "w5", "w6", "b2"})
'h1 is read twice (by w5 and w6) and h2 by no formula: w6 · h2?'
>>> copied(formula, {"h1", "w5", "w6", "b2"}, {"h1", "w5", "w6", "b2"}) is None
True
"""

from __future__ import annotations

import re

from .worksheet import Call, Expr, Name, ungrouped

__all__ = ["beyond", "copied"]

_INDEXED = re.compile(r"(.*?[^\d_])_?(\d+)(⁽\w+⁾)?")  # h1, a_2, z1⁽2⁾: letters, an index


def copied(formula: Expr, quantities: set[str], read: set[str]) -> str | None:
    """Why ``formula`` reads an input in its sibling's place, or None. ``quantities``: the
    page's names with a value; ``read``: the names some formula of the page reads."""
    formula = ungrouped(formula)
    if not (isinstance(formula, Call) and formula.fn == "add"):
        return None
    partners: dict[str, list[str]] = {}  # each name of a product of two, with the other
    for term in map(ungrouped, formula.args):
        if isinstance(term, Call) and term.fn == "mul" and len(term.args) == 2:
            a, b = map(ungrouped, term.args)
            if isinstance(a, Name) and isinstance(b, Name):
                partners.setdefault(a.name, []).append(b.name)
                partners.setdefault(b.name, []).append(a.name)
    for name, others in partners.items():
        if len(others) != 2 or others[0] == others[1]:
            continue
        for sibling in _siblings(name, quantities):
            if sibling not in read:
                return (f"{name} is read twice (by {others[0]} and {others[1]}) and {sibling} "
                        f"by no formula: {others[1]} · {sibling}?")  # fmt: skip
    return None


def _siblings(name: str, quantities: set[str]) -> list[str]:
    """The other quantities with ``name``'s letters and another index (h2 for h1)."""
    m = _INDEXED.fullmatch(name)
    if not m:
        return []
    found = []
    for other in sorted(quantities - {name}):
        n = _INDEXED.fullmatch(other)
        if n and n.group(1) == m.group(1) and n.group(3) == m.group(3):
            found.append(other)
    return found


_COMPONENT = re.compile(r"(.+?)_?(\d+)")  # h1_2, y3: a vector's name and an index


def beyond(link: Expr, quantities: set[str], read: set[str]) -> tuple[str, str] | None:
    """A name ``link`` reads that has no value, an index past its vector's components
    (``h1_2`` where the page gives ``h1_0`` and ``h1_1``), and the sibling read in its place by
    another link (``read``: what the chain's other links read), else None. (name, sibling).

    >>> from autograd.audit.read_chain import parse_chain
    >>> beyond(parse_chain("q = h1_2 · g")[1], {"h1_0", "h1_1", "g"}, {"h1_1", "g"})
    ('h1_2', 'h1_1')
    """
    for n in {x.name for x in walk_names(link)} - quantities:
        m = _COMPONENT.fullmatch(n)
        if not m:
            continue
        family = {int(k.group(2)): k.group(0) for q in quantities
                  if (k := _COMPONENT.fullmatch(q)) and k.group(1) == m.group(1)
                  and ("_" in q) == ("_" in n)}  # fmt: skip
        if len(family) < 2 or sorted(family) != list(range(min(family), max(family) + 1)):
            continue
        if int(m.group(2)) > max(family):
            siblings = [family[i] for i in sorted(family) if family[i] in read]
            if len(siblings) == 1:
                return n, siblings[0]
    return None


def walk_names(e: Expr) -> list[Name]:
    """The names ``e`` reads (a stack, no recursion)."""
    found, stack = [], [e]
    while stack:
        x = stack.pop()
        if isinstance(x, Name):
            found.append(x)
        elif isinstance(x, Call):
            stack.extend(x.args)
    return found
