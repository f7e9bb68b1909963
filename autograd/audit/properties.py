"""What a page says its quantities are: ``y ∈ {0, 1}`` (a label), ``ŷ ∈ (0, 1)`` (a
probability), ``p ∈ [0, 1]``: a claim a reader judges against every value the page gives that
quantity from there on. Where each holds, the claim is a match, said with the values it was
judged by; a value outside is an error on the value's line (the page set the rule first);
a claim about a quantity the page never gives a value after it is not understood.

The claims are read by ``read_claims``.
"""

from __future__ import annotations

import re
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
    _classes_judged([c for c in claims if c.kind == "class"], parts)
    _restated_judged([c for c in claims if c.kind == "restated"], parts)
    for claim in (c for c in claims if c.kind == "shape"):  # shape=(2, 3) over its array
        same = claim.members == claim.vector
        shape = ", ".join(f"{d}" for d in claim.vector) + ("," if len(claim.vector) == 1 else "")
        _part_at(parts, claim.line).judged.checks.append(Check(
            claim.line, "shape", claim.text, None, None, "match" if same else "error",
            f"the array printed with it has shape ({shape})", kind="property"))  # fmt: skip
    for claim in (c for c in claims if c.kind == "order"):  # visited after what it reads
        after = claim.members[0] > claim.vector[0]
        why = ("it reads no node of the table" if claim.vector[0] < 0 else
               f"visited after the nodes it reads (the latest at {claim.vector[0]})" if after
               else f"it reads a node visited at {claim.vector[0]}, not before it")  # fmt: skip
        _part_at(parts, claim.line).judged.checks.append(Check(
            claim.line, "order", claim.text, None, None, "match" if after else "error", why,
            kind="property"))  # fmt: skip
    for claim in (c for c in claims if not c.kind):
        home = _part_at(parts, claim.line)
        values = sorted((c.line, number) for p in parts for c in p.checks
                        if c.quantity == claim.name and c.line >= claim.line
                        and c.kind != "formula"
                        and (number := _written_number(c.written)) is not None)  # fmt: skip
        # past the claim's section, the first value outside it ends the claim: a later
        # problem's (ŷ = 3.5 of a regression after the classification), not a slip of this one
        past = next((k for k, (line, number) in enumerate(values) if claim.until is not None
                     and line >= claim.until and not _inside(claim, number)), len(values))
        values = values[:past]
        if not values:
            home.judged.unread.append(Unread(claim.line, claim.text, (
                f"a property of {claim.name}: the page gives {claim.name} no value after it "
                "to judge it by")))  # fmt: skip
            continue
        outside = [(line, number) for line, number in values if not _inside(claim, number)]
        for line, number in outside:
            _part_at(parts, line).judged.checks.append(Check(
                line, claim.name, number, None, None, "error",
                f"{claim.name} = {number} is not in {claim.text.split(None, 2)[-1]}, as line "
                f"{claim.line} says {claim.name} is", kind="property"))  # fmt: skip
        shown = ", ".join(n for _, n in values[:6]) + (", …" if len(values) > 6 else "")
        verdict = "match" if not outside else "given"
        home.judged.checks.append(Check(
            claim.line, claim.name, claim.text, None, None, verdict,
            f"the values the page gives {claim.name} after it: {shown}", kind="property"))


def _part_at(parts: list[PartReport], line: int) -> PartReport:
    """The part ``line`` is written in (the first, if it opens the page)."""
    return max((p for p in parts if p.judged.part.line <= line),
               key=lambda p: p.judged.part.line, default=parts[0])  # fmt: skip


#: Lines of class claims at most this far apart are one table or list: counted one way.
RUN_GAP = 2


def _classes_judged(claims: list[Claim], parts: list[PartReport]) -> None:
    """Each class named beside its one-hot label (``read_classes``): right where the class is
    the place of the label's 1, counted from 0 or from 1; the claims of one run of lines (a
    table) in the count that fits most of them, an error where a claim fits neither count or
    not its run's; not understood where a run fits each count as often."""
    runs: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: c.line):
        if runs and claim.line - runs[-1][-1].line <= RUN_GAP:
            runs[-1].append(claim)
        else:
            runs.append([claim])
    for run in runs:
        fits = [{b for b in (0, 1) if c.members[0] == c.vector.index(1) + b} for c in run]
        counts = [sum(b in f for f in fits) for b in (0, 1)]
        base = 0 if counts[0] > counts[1] else 1 if counts[1] > counts[0] else None
        for claim, fit in zip(run, fits):
            place = claim.vector.index(1)
            home = _part_at(parts, claim.line).judged
            if fit and (base in fit or (base is None and len(run) == 1)):
                b = base if base is not None else min(fit)
                home.checks.append(Check(
                    claim.line, "class", claim.text, None, None, "match",
                    f"the 1 of the label is at place {place + b}, counting from {b}",
                    kind="property"))  # fmt: skip
            elif fit and base is None:
                home.unread.append(Unread(claim.line, claim.text, (
                    "the class is the place of the label's 1 counting from "
                    f"{min(fit)}, while as many lines beside it count from {1 - min(fit)}")))
            else:
                b = base if base is not None else 0
                home.checks.append(Check(
                    claim.line, "class", claim.text, None, None, "error",
                    f"the 1 of the label is at place {place + b} (counting from {b}"
                    + (", as the lines beside it do)" if len(run) > 1 else f"; {place + 1 - b} "
                       f"counting from {1 - b})"), kind="property"))  # fmt: skip


def _restated_judged(claims: list[Claim], parts: list[PartReport]) -> None:
    """A row's label that tables keyed by the same rows repeat (``read_table.label_lines``:
    an exercise's ``| 1 | Class 2 |`` and its solution's): the first table's cell is the
    row's label as given, each later one judged against it."""
    first: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: c.line):
        home = _part_at(parts, claim.line).judged
        given = first.setdefault(claim.name, claim)  # the name keeps its section's mark
        name = re.sub(r"⟨\d+⟩", "", claim.name)
        if given is claim:
            why = f"the {name}, which a table below repeats"
            home.checks.append(Check(claim.line, name, claim.text, None, None, "given",
                                     why, kind="property"))  # fmt: skip
            continue
        same = given.members == claim.members and given.text.lower() == claim.text.lower()
        why = f"the {name} is {given.text} on line {given.line}"
        home.checks.append(Check(claim.line, name, claim.text, None, None,
                                 "match" if same else "error", why, kind="property"))  # fmt: skip
