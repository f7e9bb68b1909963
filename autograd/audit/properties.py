"""What a page says its quantities are: ``y ∈ {0, 1}`` (a label), ``ŷ ∈ (0, 1)`` (a
probability), ``p ∈ [0, 1]``: a claim a reader judges against every value the page gives that
quantity from there on. Where each holds, the claim is a match, said with the values it was
judged by; a value outside is an error on the value's line (the page set the rule first);
a claim about a quantity the page never gives a value after it is not understood.

The claims are read by ``read_claims``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..numtext import unit
from .judge import Check
from .report import PartReport
from .worksheet import Claim, Unread

__all__ = ["claims_judged"]

def _inside(claim: Claim, written: str) -> bool:
    """Whether the number ``written`` can be a value of the claim's set at its precision: a
    whole number exactly (a label 0 is 0), a decimal to half a unit in its last place."""
    value = Decimal(written)
    exact = "." not in written and "e" not in written.lower()
    slack = Decimal(0) if exact else unit(written) / 2
    if claim.members:
        return any(abs(value - m) <= slack for m in claim.members)
    (low, closed_low), (high, closed_high) = claim.low, claim.high
    if exact and ((value == low and not closed_low) or (value == high and not closed_high)):
        return False
    return low - slack <= value <= high + slack


def _written_number(text: str) -> str | None:
    text = text.replace("−", "-").strip()
    try:
        Decimal(text)
    except InvalidOperation:
        return None
    return text


def claims_judged(claims: list[Claim], parts: list[PartReport]) -> None:
    """Each claim judged against the values the page gives its quantity from its line on,
    its check added to the part it is written in (the first, if it opens the page)."""
    for claim in claims:
        home = max((p for p in parts if p.judged.part.line <= claim.line),
                   key=lambda p: p.judged.part.line, default=parts[0])  # fmt: skip
        values = [(c.line, number) for p in parts for c in p.checks
                  if c.quantity == claim.name and c.line >= claim.line and c.kind != "formula"
                  and (number := _written_number(c.written)) is not None]  # fmt: skip
        if not values:
            home.judged.unread.append(Unread(claim.line, claim.text, (
                f"a property of {claim.name}: the page gives {claim.name} no value after it "
                "to judge it by")))  # fmt: skip
            continue
        outside = [(line, number) for line, number in values if not _inside(claim, number)]
        for line, number in outside:
            into = max((p for p in parts if p.judged.part.line <= line),
                       key=lambda p: p.judged.part.line, default=parts[0])  # fmt: skip
            into.judged.checks.append(Check(
                line, claim.name, number, None, None, "error",
                f"{claim.name} = {number} is not in {claim.text.split(None, 2)[-1]}, as line "
                f"{claim.line} says {claim.name} is", kind="property"))  # fmt: skip
        shown = ", ".join(n for _, n in values[:6]) + (", …" if len(values) > 6 else "")
        verdict = "match" if not outside else "given"
        home.judged.checks.append(Check(
            claim.line, claim.name, claim.text, None, None, verdict,
            f"the values the page gives {claim.name} after it: {shown}", kind="property"))
