"""Verdicts and diagnoses: is a written number right, merely rounded, or wrong, and why.

With ``u`` one unit in the last written decimal place (``0.249`` → 0.001):

- ``match``: the exact value, rounded to the written precision, is what was written;
- ``rounding``: the exact value *truncated* to that precision is what was written, or the
  value that follows from the writer's own numbers (the ones substituted on that line, or
  written earlier) rounds or truncates to it;
- ``error``: anything else; a diagnosis names the slip where one fits.

A whole number below 10 (``0``, ``1``, ``2``) is an exact claim: ``dL/dw = 0`` for 0.25 is
an error, not a rounding.

>>> verdict("0.8808", 0.880797, None), verdict("0.8807", 0.880797, None)
('match', 'rounding')
>>> verdict("0.1051", 0.104994, 0.8807 * (1 - 0.8807)), verdict("0.1051", 0.104994, None)
('rounding', 'error')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_DOWN, Context, Decimal, localcontext

from ..numtext import number_text

__all__ = ["agrees", "diagnose", "rounds_to", "shown", "unit", "verdict"]

VERDICTS = ("match", "rounding", "error", "not understood")


def unit(written: str | Decimal) -> Decimal:
    """One unit in the last written place: ``0.8807`` → 0.0001, ``5.57e-4`` → 0.000001."""
    return Decimal(1).scaleb(Decimal(written).as_tuple().exponent)


def rounds_to(text: str, x: float) -> bool:
    """Whether ``x`` rounded (either way at a tie) to ``text``'s precision is ``text``."""
    written = Decimal(text)
    slack = Decimal(abs(x)) * Decimal("1e-12")  # the float's own last bits
    return abs(Decimal(repr(float(x))) - written) <= unit(written) / 2 + slack


def agrees(text: str, x: float) -> bool:
    """Whether ``text`` is ``x`` rounded (either way at a tie) or truncated to its precision."""
    written = Decimal(text)
    with localcontext(Context(prec=800)):  # quantize must not run out of digits
        truncated = Decimal(repr(float(x))).quantize(unit(written), ROUND_DOWN)
    return rounds_to(text, x) or truncated == written


def verdict(written: str, exact: float, own: float | None, exactly: bool = False) -> str:
    """``match``, ``rounding`` or ``error``, by the rule in this module's docstring."""
    if exactly:
        return "match" if math.isclose(float(written), exact, rel_tol=1e-12) else "error"
    if _whole(written) and abs(exact) < 10:  # 0, 1, 2 are exact claims, not roundings
        if math.isclose(float(written), exact, rel_tol=1e-9, abs_tol=1e-12):
            return "match"
        exactly_own = own is not None and math.isclose(float(written), own, abs_tol=1e-12)
        return "rounding" if exactly_own else "error"
    if rounds_to(written, exact):
        return "match"
    if agrees(written, exact) or (own is not None and agrees(written, own)):
        return "rounding"
    return "error"


def _transposed(written: str, x: float) -> bool:
    """Two adjacent digits of ``x`` (rounded as written) swapped give ``written``."""
    places = max(0, -Decimal(written).as_tuple().exponent)
    right = f"{abs(x):.{places}f}"
    wrote = f"{abs(Decimal(written)):.{places}f}"
    if len(right) != len(wrote) or right == wrote or (x < 0) != written.startswith("-"):
        return False
    diff = [i for i, (a, b) in enumerate(zip(right, wrote)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and right[diff[0]] == wrote[diff[1]]


def diagnose(
    written: str,
    targets: Iterable[float | None],
    others: Iterable[tuple[str, float]] = (),
    n: float | None = None,
) -> str:
    """The slip that turns a right value into ``written``, tested number by number; ``""``
    when none fits. ``targets`` are the right value and the one from the writer's own
    numbers; ``others`` are (why, value) hypotheses of the context: another quantity's
    value, another activation's derivative, the updated weight.

    >>> diagnose("5.57e-4", [-5.584e-4, -5.5696e-4])
    'the sign is dropped (−5.57e−4 is right)'
    >>> diagnose("0.0418", [0.4181])
    'a power of ten off: 0.4181 × 10^-1'
    """
    targets = [t for t in targets if t is not None and t != 0]
    as_written = [_text(written, t) for t in targets]
    exact = _whole(written)  # a whole number is exact: a hypothesis fits it only exactly

    def fits(x: float) -> bool:
        return math.isclose(float(written), x, rel_tol=1e-9) if exact else agrees(written, x)

    for t, right in zip(targets, as_written):
        if fits(-t):
            return f"the sign is dropped ({right} is right)"
    for why, value in others:
        if fits(value):
            return why
    for t in targets:
        for k in (-1, 1, -2, 2, -3, 3, -6, 6):
            if fits(t * 10.0**k):
                return f"a power of ten off: {shown(t)} × 10^{k}"
    factors = [(2.0, "a factor 2 too many (½ missing)"), (0.5, "a factor 2 missing")]
    if n is not None and n not in (0, 1):
        factors += [(n, f"a factor n = {shown(n)} too many")]
        factors += [(1 / n, f"the 1/n = 1/{shown(n)} missing")]
    for t in targets:
        for f, why in factors:
            if fits(t * f):
                return why
    for t, right in zip(targets, as_written):
        if _transposed(written, t):
            return f"two digits transposed ({right} is right)"
    return ""


def _whole(written: str) -> bool:
    return Decimal(written).as_tuple().exponent >= 0


def _text(written: str, x: float) -> str:
    places = max(0, -Decimal(written).as_tuple().exponent)
    if "e" in written.lower():
        mantissa = written.lower().split("e")[0]
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        m, e = f"{x:.{digits}e}".split("e")
        return f"{m}e{int(e)}".replace("-", "−")
    return f"{x:.{places}f}".replace("-", "−")


def shown(x: float | None) -> str:
    """A number as a report quotes it: six significant digits, ``?`` for none."""
    return "?" if x is None else number_text(x, 6, zeros=False)
