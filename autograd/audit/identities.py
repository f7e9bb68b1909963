"""Steps in a symbol the page never gives a value: identities in it, judged at drawn values.

``m1 = 0.9 × 0 + 0.1 × g1 = 0.1 · g1`` holds for every ``g1``: a reader checks such a line by
seeing that each step is the line's first right side for any value of the symbol. Here a
chain is such a line when every right side reads the same symbols that have no value on the
page (no given, no formula), and nothing else unknown: the first right side defines the
quantity *on this line* (a worked example elsewhere may give it a number), and each later
step is judged against it at several drawn values of the symbols. A symbol a step stops
reading (``(1 − β1)·g1 = 0.1·g1``) had a value substituted the page does not give here: the
line is left unread, with that reason, by the judge.

>>> from autograd.audit import check_text
>>> report = check_text("v1 = 0.5·0 + 0.5·x = 0.5x\\nw = 0.5x/(1 − 0.5) = 2x")
>>> [(c.written, c.verdict) for c in report.parts[0].checks]
[('0.5, 0, 0.5', 'given'), ('0.5 · x', 'match'), ('0.5, 1, 0.5', 'given'), ('2 · x', 'error')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numtext import unit
from .recompute import FREE_POINTS, FREE_SHIFTS, Model, Unknown, close
from .verdict import CARRIED_UNITS, shown
from .worksheet import (
    CONTINUED,
    Call,
    Chain,
    Expr,
    Name,
    Num,
    exponents,
    names_in,
    numbers_in,
    replaced,
    show,
    subexpressions,
)

__all__ = ["Step", "symbolic"]

#: A symbol: one letter (a hat on it allowed), an index in digits (``g1``, ``x``, ``ĥ2``, ``θ``);
#: a word (``Mean``), an index by a letter (``g_t``: a general formula) or ``infty`` is none.
SYMBOL = re.compile(r"[^\W\d_]\u0302?\d*")
#: How many drawn values each step is judged at: a wrong coefficient shows at any of them; a
#: point outside a function's domain (the log of a negative number) is passed over.
POINTS = 3
#: Functions whose value a page states on one side of a kink only: no identity in them.
_PIECEWISE = ("relu", "relu'", "max", "abs")


@dataclass(frozen=True)
class Step:
    """One judged piece of a symbolic line: the link (or the text of its constants) written
    at ``index``, the verdict, the values compared and why."""

    index: int
    quantity: Expr
    written: Expr | str
    verdict: str
    exact: float | None = None
    own: float | None = None
    why: str = ""
    kind: str = "formula"


def symbolic(chain: Chain, model: Model) -> list[Step] | None:
    """The steps of ``chain`` judged as identities in the symbols it reads that have no value
    in ``model``; None where the line is no such identity (the judge reads it as usual)."""
    q, links = chain.quantity, chain.links[1:]
    if not isinstance(q, Name) or q == CONTINUED or len(links) < 2:
        return None
    calls = [x for link in links for x in subexpressions(link) if isinstance(x, Call)]
    if any(x.fn in _PIECEWISE for x in calls):
        return None
    unknown = [_unknown(link, model) for link in links]
    free = unknown[0]
    if not free or len(free) > len(FREE_POINTS) or any(u != free for u in unknown):
        return None
    if not all(SYMBOL.fullmatch(n) and n != q.name for n in free):
        return None
    points = []
    for shift in FREE_SHIFTS:
        at = {n: FREE_POINTS[k] + shift for k, n in enumerate(sorted(free))}
        try:
            values = [model.value(_at(link, at)) for link in links]
        except (Unknown, ArithmeticError, ValueError):
            continue  # outside a function's domain here: another point
        points.append((at, values))
        if len(points) == POINTS:
            break
    if len(points) < 2:
        return None
    # each symbol's sign turned over where the formulas have a value there: a step that holds
    # only where the symbols are positive (√(g²) = g) is no identity in them
    flipped = []
    for n in sorted(free):
        at = {**points[0][0], n: -points[0][0][n]}
        try:
            flipped.append((at, [model.value(_at(link, at)) for link in links]))
        except (Unknown, ArithmeticError, ValueError):
            continue  # no value there (the root of a negative number): a sign the page keeps
    steps = []
    constants = _constants(links[0])
    if constants:
        steps.append(Step(1, links[0], constants, "given", kind="constant"))
    for i, link in enumerate(links[1:], start=2):
        steps.append(_judged(i, q, links[0], link, (points, flipped), i - 1))
    return steps


def _judged(index: int, q: Name, first: Expr, link: Expr, drawn: tuple, k: int) -> Step:
    """``link`` against ``first`` at each drawn point: equal everywhere, equal within the
    precision of the numbers ``link`` writes (``≈ 1.54·g``), or not; equal where the symbols
    are positive but not where one is negative: not judged (the page may mean them positive,
    or have slipped), with the point that shows it."""
    tol = sum(CARRIED_UNITS * float(unit(n.value)) / abs(float(n.value))
              for n in numbers_in(link) if not n.exact and n.value != 0)  # fmt: skip
    verdict = "match"
    points, flipped = drawn
    for at, values in (*points, *flipped):
        right, value = values[0], values[k]
        if close(value, right):
            continue
        if abs(value - right) <= tol * abs(value):  # half a unit of each number written
            verdict = "rounding"
            continue
        where = ", ".join(f"{n} = {shown(v)}" for n, v in at.items())
        why = (
            f"not {show(first)} for every {', '.join(at)}: at {where} (drawn: the page gives "
            f"no value) it is {shown(value)}, and {show(first)} is {shown(right)}"
        )
        if (at, values) in flipped:
            why = f"{show(link)}: {why}; the page does not say the sign"
            return Step(index, q, link, "unread", why=why)
        return Step(index, q, link, "error", right, value, why)
    return Step(index, q, link, verdict, points[0][1][0], points[0][1][k])


def _unknown(link: Expr, model: Model) -> frozenset[str]:
    """The names ``link`` reads that have no value in ``model``."""
    found = set()
    for n in set(names_in(link)):
        try:
            model.value(Name(n))
        except (Unknown, ArithmeticError, ValueError):
            found.add(n)
    return frozenset(found)


def _at(link: Expr, at: dict[str, float]) -> Expr:
    for name, v in at.items():
        link = replaced(link, name, Num(repr(v)))
    return link


def _constants(link: Expr) -> str:
    """The numbers ``link`` writes, an exponent (the 2 of ``g^2``) left out: not a number
    written, as the judge reads a formula's constants."""
    powers = exponents(link)
    return ", ".join(n.text for n in numbers_in(link) if id(n) not in powers)
