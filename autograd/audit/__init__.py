"""Checking hand calculations: every number of a worksheet recomputed and judged.

A worksheet is a hand calculation as people write it, one chain of equalities per line
(plain text, ``.txt``) or LaTeX maths in Markdown (``.md``), with a short front matter for
what the document says only in words; a TOML or JSON check file (``.toml``, ``.json``) is a
shortcut for the MLP family, read into the same model. Reading → the worksheet model →
recomputation on the engine → verdicts and diagnoses → report.

>>> report = check_text("x = -2, y = 5, z = -4\\nf = (x + y)·z = 3(−4) = −12\\ndf/dx = z = −5")
>>> [(c.quantity, c.written, c.verdict) for c in report.parts[0].errors()]
[('∂f/∂x', '−5', 'error')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import files
from .judge import Check, judge
from .read_latex import read_markdown
from .read_notebook import read_notebook
from .read_tex import read_tex
from .read_text import LIMITS, NotUnderstood, read_text
from .recompute import Model, Unknown
from .report import PartReport, Reading, Report
from .verdict import agrees
from .worksheet import Chain, InputError, Name, Num, Part, Worksheet

__all__ = [
    "CHECK_FILES",
    "LIMITS",
    "Check",
    "InputError",
    "NotUnderstood",
    "Report",
    "check",
    "check_text",
    "part_name",
    "read",
]

MARKDOWN = (".md", ".markdown")
MAX_READINGS = 4  # other readings of the givens judged in full, per part: each is a whole pass
CHECK_FILES = (".toml", ".json")


def read(path: str | Path) -> Worksheet:
    """A worksheet file as the model: ``.txt``, ``.md`` (LaTeX maths), ``.tex``, ``.ipynb``
    (its Markdown and printed outputs), ``.toml`` / ``.json``.
    The file's size is checked before it is read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CHECK_FILES:
        from .checkfile import load_file, to_worksheet

        return Worksheet(str(path), [to_worksheet(p) for p in load_file(path).values()])
    try:
        text = files.read_text(path, LIMITS["bytes"])
    except files.FileError as error:
        raise NotUnderstood(str(error)) from None
    except OSError as error:
        raise NotUnderstood(f"{path}: cannot read it ({error.strerror or error})") from None
    readers = {".ipynb": read_notebook, ".tex": read_tex, **dict.fromkeys(MARKDOWN, read_markdown)}
    return readers.get(suffix, read_text)(text, str(path))


def check(path: str | Path, overrides: dict[str, float] | None = None) -> Report:
    """Every number of the worksheet at ``path``, recomputed and judged.

    ``overrides`` changes given values (``{"w9": 0}``), as ``--set`` does.
    """
    return judge_worksheet(read(path), overrides)


def check_text(
    text: str, markdown: bool = False, overrides: dict[str, float] | None = None
) -> Report:
    """``check`` for a worksheet given as text (LaTeX in Markdown with ``markdown=True``)."""
    sheet = (read_markdown if markdown else read_text)(text, "worksheet")
    return judge_worksheet(sheet, overrides)


def judge_worksheet(sheet: Worksheet, overrides: dict[str, float] | None = None) -> Report:
    reports: list[PartReport] = []
    for i, part in enumerate(sheet.parts):
        if part.after_previous and reports:
            part = _continued(part, reports[-1].judged.model)
        reports.append(_part_report(part, i, overrides))
    return Report(sheet.source, reports)


def _continued(part: Part, before: Model) -> Part:
    """``part`` as the next step of the part ``before`` describes (``after: previous``): its
    givens carry over, each parameter the part before updated at its updated value, and so
    do its front matter's formulas, rate and loss; what ``part`` writes itself comes after,
    and is judged against them (``w = 0.2557`` for w' = 0.255712 is a rounding)."""
    updated = {c.quantity.name[:-1] for c in before.part.chains
               if isinstance(c.quantity, Name) and c.quantity.name.endswith("'")}  # fmt: skip
    carried = []
    for name, value in before.givens.items():
        if name in updated:
            try:
                value = before.value(Name(name + "'"))
            except (Unknown, ArithmeticError, ValueError):
                continue
        text = f"{name} = {value!r}"
        carried.append(Chain(0, text, (Name(name), Num(repr(value)))))
    formulas = [c for c in before.part.front if not isinstance(c.links[-1], Num)]
    return replace(
        part,
        front=[*carried, *formulas, *part.front],
        rate=part.rate or before.part.rate,
        loss=part.loss or before.part.loss,
    )


def part_name(part: Part, index: int) -> str:
    """What ``--part`` calls a part: ``a`` for a title ``(a) …``, else its number."""
    m = re.match(r"\(?(\w)\)", part.title)
    return m.group(1) if m else str(index + 1)


def _part_report(part: Part, index: int, overrides: dict[str, float] | None) -> PartReport:
    judged = judge(part, overrides)
    report = PartReport(part_name(part, index), judged)
    for name, written in judged.model.given_values.items():
        first, seen = written[0], {written[0].value}
        distinct = [first]  # each value that cannot be the first at its precision, once
        for g in written[1:]:
            if g.value not in seen and not agrees(g.text, first.value):
                if not agrees(first.text, g.value):
                    distinct.append(g)
                seen.add(g.value)
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
        floats = {n: float(v) for n, v in values.items()}
        report.readings.append(Reading(floats, why, judge(part, {**(overrides or {}), **floats})))
    return report
