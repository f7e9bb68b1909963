"""A formula that reads a name the page never gives, where one given no formula reads would
give the number written: a letter written for another.

A quiz's answer ``u = x*y = 2`` after "the inputs are x = 1 and w = 2": there is no y, and
nothing reads w. A reader sees ``x*w`` meant: with w in y's place the formula gives the 2
written. Told only where all of it holds: the formula lacks one name alone, the page writes
that name nowhere else, exactly one given is read by no formula, and with it the formula
gives the result written on the line, at its precision. The quantity is then worked with
that given, so what follows from it is judged; the formula as written is the slip.

>>> from autograd.audit.read_text import read_text
>>> from autograd.audit.recompute import Model
>>> model = Model(read_text("x = 1, w = 2\\nu = x*y = 2\\nz = u + 1 = 3").parts[0])
>>> model.misnamed["u"].why
'y is no quantity of the page, and w (given, read by no formula) gives the 2 written: x · w?'
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from ..numtext import unit
from .worksheet import Expr, Name, Num, replaced, show

__all__ = ["Misnamed", "misnamed"]


@dataclass(frozen=True)
class Misnamed:
    """``written`` reads ``wrong``, which names nothing; ``formula`` reads ``given`` there."""

    written: Expr
    wrong: str
    given: str
    formula: Expr
    result: str

    @property
    def why(self) -> str:
        return (f"{self.wrong} is no quantity of the page, and {self.given} (given, read by no "
                f"formula) gives the {self.result} written: {show(self.formula)}?")  # fmt: skip


def misnamed(
    written: Expr,
    unknown: Collection[str],
    result: Num | None,
    loose: Collection[str],
    elsewhere: Callable[[str], bool],
    value: Callable[[Expr], float],
) -> Misnamed | None:
    """The reading of ``written`` (a formula lacking the ``unknown`` names, its line's
    ``result``) with the one ``loose`` given (read by no formula) in its unknown name's
    place, where that gives the result; None unless exactly that holds. ``elsewhere``: whether
    the page writes a name anywhere else; ``value``: a formula's value at the givens."""
    if len(unknown) != 1 or len(loose) != 1 or result is None:
        return None
    (wrong,), (given,) = unknown, loose
    if elsewhere(wrong) or wrong == given:
        return None
    formula = replaced(written, wrong, Name(given))
    try:
        got = value(formula)
    except (ArithmeticError, ValueError):
        return None
    if abs(got - float(result.value)) > float(unit(result.value)) / 2 * (1 + 1e-9):
        return None
    return Misnamed(written, wrong, given, formula, result.text)


def loose_givens(givens: Mapping[str, float], read: Collection[str], rate: str | None) -> list[str]:
    """The givens no formula reads (a learning rate aside: an update reads it)."""
    return [n for n in givens if n not in read and n != rate]
