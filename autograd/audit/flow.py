"""The flow of a check, one way: read → the worksheet model → recompute → judge → report.

``check`` reads a file (``read``), and each part of the worksheet is judged link by link
(``judge``, on the engine's values from ``recompute``); a given written with two values is a
contradiction, and the part is judged again under each other reading, as under the readings
its front matter names; the report gathers the parts (``report``).

>>> report = check_text("x = -2, y = 5, z = -4\\nf = (x + y)·z = 3(−4) = −12\\ndf/dx = z = −5")
>>> [(c.quantity, c.written, c.verdict) for c in report.parts[0].errors()]
[('∂f/∂x', '−5', 'error')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .judge import judge
from .own import Own
from .properties import claims_judged
from .read import read
from .read_latex import read_markdown
from .read_text import read_text
from .recompute import Model, Unknown
from .report import PartReport, Reading, Report
from .verdict import agrees
from .worksheet import Chain, InputError, Name, Num, Part, Worksheet, names_in

__all__ = ["MAX_READINGS", "check", "check_text", "check_worksheet", "part_name"]

#: Other readings of the givens judged in full, per part: each is a whole pass of the judge.
MAX_READINGS = 4


def check(path: str | Path, overrides: dict[str, float] | None = None) -> Report:
    """Every number of the worksheet at ``path``, recomputed and judged.

    ``overrides`` changes given values (``{"w9": 0}``), as ``--set`` does.
    """
    if isinstance(path, str) and "\n" in path and not Path(path).exists():
        raise InputError("check: expected a file's path, got a worksheet's text; use check_text")
    return check_worksheet(read(path), overrides)


def check_text(
    text: str, markdown: bool = False, overrides: dict[str, float] | None = None
) -> Report:
    """``check`` for a worksheet given as text (LaTeX in Markdown with ``markdown=True``)."""
    if not isinstance(text, str):
        raise TypeError(f"check_text: expected the worksheet as a str, got {type(text).__name__}")
    sheet = (read_markdown if markdown else read_text)(text, "worksheet")
    return check_worksheet(sheet, overrides)


def check_worksheet(sheet: Worksheet, overrides: dict[str, float] | None = None) -> Report:
    """Every part of a worksheet already read, judged in document order."""
    reports: list[PartReport] = []
    for i, part in enumerate(sheet.parts):
        after = None
        if part.after_previous and reports:
            part = _continued(part, reports[-1].judged.model)
            after = reports[-1].judged.writer
        reports.append(_part_report(part, i, overrides, after))
    if reports:
        claims_judged(sheet.claims, reports)  # y ∈ {0, 1}: against every part's values
    return Report(sheet.source, reports)


def part_name(part: Part, index: int) -> str:
    """What ``--part`` calls a part: ``a`` for a title ``(a) …``, else its number."""
    m = re.match(r"\(?(\w)\)", part.title)
    return m.group(1) if m else str(index + 1)


def _continued(part: Part, before: Model) -> Part:
    """``part`` as the next step of the part ``before`` describes (``after: previous``): its
    givens carry over, each parameter the part before updated at its updated value, and so
    do its front matter's formulas, rate and loss; what ``part`` writes itself comes after,
    and is judged against them (``w = 0.2557`` for w' = 0.255712 is a rounding)."""
    updated = {c.quantity.name[:-1] for c in before.part.chains
               if isinstance(c.quantity, Name) and c.quantity.name.endswith("'")}  # fmt: skip
    formulas = [c for c in before.part.front if not isinstance(c.links[-1], Num)]
    # only what the part (or a formula carried with it) reads: a page of many steps, each
    # naming something new, carries each step's own, not every name before (linear)
    read = {n for c in (*part.front, *part.chains, *formulas) for link in c.links
            for n in names_in(link)}  # fmt: skip
    carried = []
    for name, value in before.givens.items():
        if name not in read:
            continue
        if name in updated:
            try:
                value = before.value(Name(name + "'"))
            except (Unknown, ArithmeticError, ValueError):
                continue
        text = f"{name} = {value!r}"
        carried.append(Chain(0, text, (Name(name), Num(repr(value)))))
    return replace(
        part,
        front=[*carried, *formulas, *part.front],
        rate=part.rate or before.part.rate,
        loss=part.loss or before.part.loss,
    )


def _part_report(
    part: Part, index: int, overrides: dict[str, float] | None, after: Own | None = None
) -> PartReport:
    """The part judged, with its contradictions, and judged again under each other reading
    (the contradicting values first, then the front matter's), ``MAX_READINGS`` at most. In
    the next step of a calculation, a parameter written as the writer's own updated value
    from the step before (right or not: judged there) contradicts nothing."""
    judged = judge(part, overrides, after)
    report = PartReport(part_name(part, index), judged)
    for name, written in judged.model.given_values.items():
        mine = after.results.get(name + "'") if after is not None else None
        if mine is not None:
            written = [g for g in written if not g.line or not agrees(g.text, mine)]
        if not written:
            continue
        distinct = _distinct(written)
        if len(distinct) > 1 and name not in (overrides or {}):
            places = "; ".join(
                f"{g.text} at line {g.line}" if g.line else f"{g.text} as given" for g in distinct
            )
            report.contradictions.append(f"{name} is written with different values: {places}")
            for g in distinct[1 : 1 + MAX_READINGS - len(report.readings)]:
                values = {**(overrides or {}), name: g.value}
                why = f"as line {g.line} writes it"
                report.readings.append(Reading({name: g.value}, why, judge(part, values)))
    for values, why in part.readings[: max(0, MAX_READINGS - len(report.readings))]:
        unknown = [n for n in values if n not in judged.model.givens]
        if unknown:  # named here, not as the --set it is passed on as
            choices = ", ".join(judged.model.givens) or "none"
            raise InputError(f"reading {why!r}: {unknown[0]!r} is not a given value; "
                             f"choose from {choices}")  # fmt: skip
        floats = {n: float(v) for n, v in values.items()}
        report.readings.append(Reading(floats, why, judge(part, {**(overrides or {}), **floats})))
    return report


def _distinct(written: list) -> list:
    """The numbers written for one given, each that cannot be the first at its precision
    kept once: two of them are a contradiction."""
    first, seen = written[0], {written[0].value}
    distinct = [first]
    for g in written[1:]:
        if g.value not in seen and not agrees(g.text, first.value):
            if not agrees(first.text, g.value):
                distinct.append(g)
            seen.add(g.value)
    return distinct
