"""The report of a checked worksheet: plain text, JSON, and HTML for Jupyter.

Each part lists every judged link beside the exact value and the value from the writer's own
numbers (each to two more places than written), then what was not understood and why, the
verdict counts and the errors with their diagnoses. A given written with two values is a
contradiction: the part is judged again under each other reading, as under the readings the
front matter names.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..numtext import fixed_text, number_text
from .judge import Check, Judged
from .verdict import VERDICTS, shown

__all__ = ["PartReport", "Reading", "Report"]


@dataclass
class Reading:
    """The part judged under other given values, with why they are worth reading."""

    values: dict[str, float]
    why: str
    judged: Judged

    @property
    def name(self) -> str:
        return ", ".join(f"{n} = {shown(v)}" for n, v in self.values.items())


@dataclass
class PartReport:
    name: str
    judged: Judged
    contradictions: list[str] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.judged.part.title

    @property
    def checks(self) -> list[Check]:
        return self.judged.checks

    def counts(self) -> dict[str, int]:
        judged = [c.verdict for c in self.checks] + ["not understood"] * len(self.judged.unread)
        return {v: judged.count(v) for v in VERDICTS}

    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.verdict == "error"]

    def text(self) -> str:
        lines = [
            self.title,
            _row("line", "quantity", "written", "exact", "from written", "verdict"),
        ]
        for c in self.checks:
            if c.kind == "given":
                continue
            lines.append(_row(str(c.line), c.quantity, c.written, _like(c.written, c.exact),
                              _like(c.written, c.from_written), c.verdict))  # fmt: skip
            if c.diagnosis:
                lines.append(f"{'':>6}  ↳ {c.diagnosis}")
        given = [c for c in self.checks if c.kind == "given"]
        if given:
            lines.append("  Given: " + ", ".join(f"{c.quantity} = {c.written}" for c in given))
        if self.judged.unread:
            lines.append("  Not understood:")
            lines += [f"    line {u.line}: {u.text}  ({u.reason})" for u in self.judged.unread]
        lines.append("  " + _summary(self.judged))
        for text in self.contradictions:
            lines.append(f"  Contradiction: {text}")
        for r in self.readings:
            lines.append(f"  Read with {r.name}{': ' + r.why if r.why else ''}")
            lines.append("    " + _summary(r.judged).replace("\n", "\n    "))
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "counts": self.counts(),
            "numbers": self.judged.numbers,
            "checks": [c.as_json() for c in self.checks],
            "not_understood": [
                {"line": u.line, "text": u.text, "reason": u.reason} for u in self.judged.unread
            ],
            "contradictions": self.contradictions,
            "readings": [
                {
                    "set": r.values,
                    "why": r.why,
                    "checks": [c.as_json() for c in r.judged.checks],
                }
                for r in self.readings
            ],
        }


@dataclass
class Report:
    """Every part of a worksheet, checked. Prints as text; shows as a table in Jupyter."""

    source: str
    parts: list[PartReport]

    def text(self) -> str:
        return "\n\n".join(p.text() for p in self.parts)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:  # the fields hold whole graphs: say what it is instead
        errors = sum(len(p.errors()) for p in self.parts)
        return f"<Report of {self.source}: {len(self.parts)} parts, {errors} errors>"

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "parts": [p.as_json() for p in self.parts]}

    def _repr_html_(self) -> str:
        out = []
        for p in self.parts:
            rows = "".join(
                f"<tr class='{c.verdict.replace(' ', '-')}'><td>{c.line}</td>"
                f"<td>{html.escape(c.quantity)}</td><td>{html.escape(c.written)}</td>"
                f"<td>{_like(c.written, c.exact)}</td><td>{_like(c.written, c.from_written)}</td>"
                f"<td>{c.verdict}</td><td>{html.escape(c.diagnosis)}</td></tr>"
                for c in p.checks
                if c.kind != "given"
            )
            unread = "".join(
                f"<li>line {u.line}: <code>{html.escape(u.text)}</code> — "
                f"{html.escape(u.reason)}</li>"
                for u in p.judged.unread
            )
            out.append(
                f"<h4>{html.escape(p.title)}</h4><table><tr><th>line</th><th>quantity</th>"
                f"<th>written</th><th>exact</th><th>from written</th><th>verdict</th><th></th></tr>"
                f"{rows}</table>"
                + (f"<p>Not understood:</p><ul>{unread}</ul>" if unread else "")
                + f"<p>{html.escape(_summary(p.judged))}</p>"
            )
        style = (
            "<style>.error td{color:#b00020}.rounding td{color:#8a6d00}"
            ".not-understood td{color:#555;font-style:italic}</style>"
        )
        return style + "".join(out)


def _summary(judged: Judged) -> str:
    checks = judged.checks
    counts = [f"{sum(c.verdict == v for c in checks)} {v}" for v in VERDICTS[:3]]
    counts.append(f"{len(judged.unread) + sum(c.verdict == 'not understood' for c in checks)} "
                  "not understood")  # fmt: skip
    lines = [f"Verdicts: {', '.join(counts)} ({judged.numbers} numbers written)"]
    for c in checks:
        if c.verdict == "error":
            why = f": {c.diagnosis}" if c.diagnosis else ""
            lines.append(f"  error, line {c.line}: {c.quantity} = {c.written}{why}")
    return "\n  ".join(lines)


def _row(*cells: str) -> str:
    line, q, written, exact, own, judged = cells
    written = written if len(written) <= 30 else written[:29] + "…"
    return f"  {line:>4}  {q:<10} {written:<30} {exact:>13} {own:>13}  {judged}"


def _like(written: str, x: float | None) -> str:
    """``x`` to two places more than ``written`` shows, so the two can be compared."""
    if x is None:
        return ""
    if abs(x) >= 1e12 or (x != 0 and abs(x) < 1e-12):
        return number_text(x, 6)
    try:
        exponent = Decimal(written.replace("−", "-")).as_tuple().exponent
    except ArithmeticError:
        exponent = -4
    places = max(0, -exponent) + 2 if isinstance(exponent, int) else 6  # NaN: no places
    if "e" in written.lower() or places > 12:
        return f"{x:.4e}".replace("-", "−")
    return fixed_text(x, places)

