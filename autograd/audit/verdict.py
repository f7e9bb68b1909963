"""Verdicts: is a written number right, merely rounded, or wrong; and the tolerance of each.

The one tolerance policy: one unit in the last place of a number with six or more significant
digits (``LONG_NUMBER``) is rounding; otherwise the tolerance comes from the precision of the
numbers written, and never widens past it (``WRITTEN_UNITS``, ``CARRIED_UNITS``). Whole
numbers below ``EXACT_BELOW`` and an update claimed to leave a parameter as it was are exact
claims. Two values computed two ways differ by a float's last bits at most
(``recompute.REL_TOL``, ``recompute.ABS_TOL``); that is all the slack there is beyond these.

With ``u`` one unit in the last written decimal place (``0.249`` → 0.001):

- ``match``: the exact value, rounded to the written precision, is what was written;
- ``rounding``: the exact value *truncated* to that precision is what was written, or the
  value that follows from the writer's own numbers (the ones substituted on that line, or
  written earlier) rounds or truncates to it;
- ``error``: anything else; ``slips`` names the slip where one fits.

A whole number below 10 (``0``, ``1``, ``2``) is an exact claim: ``dL/dw = 0`` for 0.25 is
an error, not a rounding.

>>> verdict("0.8808", 0.880797, None), verdict("0.8807", 0.880797, None)
('match', 'rounding')
>>> verdict("0.1051", 0.104994, 0.8807 * (1 - 0.8807)), verdict("0.1051", 0.104994, None)
('rounding', 'error')
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Context, Decimal, localcontext

from ..numtext import number_text, unit
from .recompute import ABS_TOL, REL_TOL

__all__ = [
    "EXACT_BELOW",
    "EXACT_CLAIM",
    "CARRIED_UNITS",
    "LONG_NUMBER",
    "WRITTEN_UNITS",
    "agrees",
    "agrees_between",
    "agrees_near",
    "rounds_to",
    "shown",
    "unit",
    "verdict",
]

VERDICTS = ("match", "rounding", "carried", "error", "not understood")

#: A whole number below this is an exact claim (``0``, ``1``, ``2``: a zero gradient, a weight
#: of one, a count), never a rounding of a decimal; ``13`` for 12.6 may be a rounding.
EXACT_BELOW = 10
#: An update claimed to leave a parameter as it was (``w5' = w5``) is judged to a float's own
#: precision: any step at all, however small, makes the claim false.
EXACT_CLAIM = 1e-12


def rounds_to(text: str, x: float) -> bool:
    """Whether ``x`` rounded (either way at a tie) to ``text``'s precision is ``text``."""
    written = Decimal(text)
    slack = Decimal(abs(x)) * Decimal("1e-12")  # the float's own last bits
    return abs(Decimal(repr(float(x))) - written) <= unit(written) / 2 + slack


#: A number written with this many significant digits or more may be one unit off in its
#: last place and still be a rounding: the writer carried their own rounded numbers that far
#: (``w = 0.4996858`` for 0.49968574, got from their own w and gradient). Below it, the
#: tolerance is the precision of the numbers written, and no more.
LONG_NUMBER = 6


#: A number written is its exact value rounded or truncated to its last place (both are a
#: ``rounding``): within one unit of that place. Numbers substituted together are then off by
#: Σ |∂e/∂n| · unit(n) at most, in units of each number ``n`` they hold.
WRITTEN_UNITS = 1.0
#: A number on a result's line stands for the value the writer held, rounded to what they
#: wrote: within half a unit of it. The digits they carried beyond those shown move the result
#: by Σ |∂e/∂n| · ½ unit(n) at most, and no further: ``(½)(0.3 − 0.3376)² = 0.0007096`` (for
#: 0.0007069) is two digits transposed, not digits carried. Where the value a number stands
#: for is known (the exact one, or what the writer's own numbers give it), its digits are
#: those and no others: o = 0.3376 for tanh(0.35137) = 0.337590 carries ``…90``, so
#: ½(0.3 − o)² lies between 0.00070654 and 0.00070688, and 0.0007056 is a slip.
CARRIED_UNITS = 0.5


def agrees(text: str, x: float) -> bool:
    """Whether ``text`` is ``x`` rounded (either way at a tie) or truncated to its precision,
    or, for a number of ``LONG_NUMBER`` significant digits or more, one unit from it.

    >>> agrees("0.4996858", 0.49968574), agrees("0.4997", 0.49968574)
    (True, True)
    >>> agrees("0.49970", 0.49968574), agrees("0.4996860", 0.49968574)
    (False, False)
    """
    written = Decimal(text)
    with localcontext(Context(prec=800)):  # quantize must not run out of digits
        truncated = Decimal(repr(float(x))).quantize(unit(written), ROUND_DOWN)
    # truncated, at two significant digits or more: one digit truncated is no reading of a
    # hand's (σ(0.3775) = 0.5933 written 0.5 is 16 % off; 0.6 is its rounding)
    if rounds_to(text, x) or (truncated == written and len(written.as_tuple().digits) > 1):
        return True
    long = len(written.as_tuple().digits) >= LONG_NUMBER and written.as_tuple().exponent < 0
    return long and abs(Decimal(repr(float(x))) - written) <= unit(written)


def agrees_near(text: str, x: float, tol: float) -> bool:
    """Whether ``text`` ``agrees`` with some value within ``tol`` of ``x`` (what numbers
    written to a precision allow: ``tol`` from ``Own.tolerance``).

    >>> agrees_near("0.3", 0.2, 0.06), agrees_near("0.3", 0.2, 0.04)
    (True, False)
    """
    return agrees_between(text, x - tol, x + tol)


def agrees_between(text: str, low: float, high: float) -> bool:
    """Whether ``text`` ``agrees`` with some value from ``low`` to ``high``.

    >>> agrees_between("0.3", 0.1, 0.26), agrees_between("0.3", 0.1, 0.24)
    (True, False)
    """
    nearest = max(low, min(high, float(text)))  # the values ``text`` agrees with: around it
    return agrees(text, nearest)


def verdict(written: str, exact: float, own: float | None, exactly: bool = False) -> str:
    """``match``, ``rounding`` or ``error``, by the rule in this module's docstring."""
    if exactly:
        return "match" if math.isclose(float(written), exact, rel_tol=EXACT_CLAIM) else "error"
    if _whole(written) and abs(exact) < EXACT_BELOW:  # 0, 1, 2 are exact claims
        if math.isclose(float(written), exact, rel_tol=REL_TOL, abs_tol=ABS_TOL):
            return "match"
        exactly_own = own is not None and math.isclose(float(written), own, abs_tol=ABS_TOL)
        return "rounding" if exactly_own else "error"
    if rounds_to(written, exact):
        return "match"
    if agrees(written, exact) or (own is not None and agrees(written, own)):
        return "rounding"
    return "error"


def _whole(written: str) -> bool:
    return Decimal(written).as_tuple().exponent >= 0


def shown(x: float | None) -> str:
    """A number as a report quotes it: six significant digits, ``?`` for none."""
    return "?" if x is None else number_text(x, 6, zeros=False)
