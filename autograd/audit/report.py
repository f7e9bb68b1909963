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
from .slips import SLIPS
from .verdict import VERDICTS, shown
from .worksheet import show

__all__ = ["VIEWS", "PartReport", "Reading", "Report"]

#: The ways a report is printed: its errors first (the default), every link, or hints.
VIEWS = ("compact", "all", "hints")
#: Up to this many errors, the summary says what each is; beyond, it gives their lines.
NAMED_ERRORS = 2
#: The hint for an error no slip of ``slips.SLIPS`` explains: in a number, in a formula.
UNEXPLAINED = "Work {q} out again from the numbers above it."
UNEXPLAINED_FORMULA = "Derive {q} again from the formula it comes from, symbol by symbol."


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

    def text(self, view: str = "compact") -> str:
        """The part as text: ``compact`` (its errors, each with its line as written and its
        diagnosis, then the counts), ``all`` (every judged link in a table) or ``hints``
        (the first wrong link of each chain of consequences, with a hint, not the answer)."""
        if view not in VIEWS:
            raise ValueError(f"view: expected one of {', '.join(VIEWS)}, got {view!r}")
        lines = [self.title]
        if view == "all":
            lines += self._table()
        elif view == "hints":
            return "\n".join(lines + _hints(self.judged))
        else:
            lines += _errors(self.judged)
        unread = _not_understood(self.judged)
        if unread:
            lines.append("  Not understood:")
            lines += [f"    {u}" for u in unread]
        lines.append("  " + _summary(self.judged))
        for text in self.contradictions:
            lines.append(f"  Contradiction: {text}")
        for r in self.readings:
            why = f" ({r.why})" if r.why else ""
            lines.append(f"  Read with {r.name}{why}: {_slips(r.judged)}")
            lines.append("    " + _summary(r.judged).split("\n")[-1].strip())
            if view == "all":
                lines += [f"  {e}" for e in _errors(r.judged)]
        return "\n".join(lines)

    def _table(self) -> list[str]:
        """Every judged link beside the exact value and the writer's own (givens put in
        their places only where that is wrong)."""
        lines = [_row("line", "quantity", "written", "exact", "from written", "verdict")]
        givens = self.judged.model.givens
        for c in self.checks:
            if c.verdict == "given" or (
                c.kind == "substitution" and c.quantity in givens and c.verdict == "match"
            ):
                continue
            lines.append(_row(str(c.line), c.quantity, c.written, _like(c.written, c.exact),
                              _like(c.written, c.from_written), c.verdict))  # fmt: skip
            if c.diagnosis:
                lines.append(f"{'':>6}  ↳ {c.diagnosis}")
        given = [c for c in self.checks if c.kind == "given"]
        if given:
            lines.append("  Given: " + ", ".join(  # a left side of numbers is given as itself
                c.written if c.written == c.quantity else f"{c.quantity} = {c.written}"
                for c in given))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "counts": self.counts(),
            "slips": len(_error_lines(self.judged)),
            "carried": len(_carried_lines(self.judged)),
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

    def text(self, view: str = "compact") -> str:
        """Every part as text, in one of ``VIEWS`` (see ``PartReport.text``)."""
        return "\n\n".join(p.text(view) for p in self.parts)

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
                if c.verdict != "given"
            )
            # every entry the table marks not understood, and every line not read: one list
            unread = "".join(f"<li>{html.escape(u)}</li>" for u in _not_understood(p.judged))
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
    """The counts: slips (lines with an error), the lines that carry them, then each verdict."""
    checks = judged.checks
    counts = [f"{sum(c.verdict == v for c in checks)} {v}" for v in VERDICTS[:4]]
    counts.append(f"{len(_not_understood(judged))} not understood")
    return f"{_slips(judged)}\n  Verdicts: {', '.join(counts)} ({judged.numbers} numbers written)"


def _slips(judged: Judged) -> str:
    """``1 error (line 23: the sign is dropped), 19 lines carry it``: slips, not symptoms."""
    errors = _error_lines(judged)
    if not errors:
        return "no error"
    if len(errors) <= NAMED_ERRORS:
        told = "; ".join(f"line {line}: {_why(checks)}" for line, checks in errors.items())
    else:  # the reasons are listed above, each with its line
        told = "lines " + ", ".join(map(str, errors))
    carried = len(_carried_lines(judged))
    counted = f"{len(errors)} error{'s' if len(errors) > 1 else ''} ({told})"
    if carried:
        carry = f"{carried} lines carry" if carried > 1 else "1 line carries"
        counted += f", {carry} {'it' if len(errors) == 1 else 'them'}"
    return counted


def _error_lines(judged: Judged) -> dict[int, list[Check]]:
    found: dict[int, list[Check]] = {}
    for c in judged.checks:
        if c.verdict == "error":
            found.setdefault(c.line, []).append(c)
    return found


def _carried_lines(judged: Judged) -> set[int]:
    errors = _error_lines(judged)
    return {c.line for c in judged.checks if c.verdict == "carried" and c.line not in errors}


def _why(checks: list[Check]) -> str:
    """What is wrong on a line, once: its first diagnosis that names a slip, else its first."""
    named = [c.diagnosis for c in checks if c.slip] or [c.diagnosis for c in checks if c.diagnosis]
    return named[0] if named else f"{checks[0].quantity} = {checks[0].written} is wrong"


def _sources(judged: Judged) -> dict[int | tuple[int, str], str]:
    """Each line's text as written (an aligned block's rows each on its own line), and the
    text of each quantity's chain on it, ``(line, quantity)``: a matrix's line is one chain
    per entry, and an error in z2 is shown with z2's, not with the line's first (z1's)."""
    found: dict[int | tuple[int, str], str] = {}
    for chain in judged.part.chains:
        found.setdefault(chain.line, chain.source)
        found.setdefault((chain.line, show(chain.quantity)), chain.source)
    return found


def _source(sources: dict[int | tuple[int, str], str], line: int, check: Check) -> str:
    """The text ``check`` stands in on its line."""
    return sources.get((line, check.quantity)) or sources.get(line, check.quantity)


def _errors(judged: Judged) -> list[str]:
    """Each line holding an error: as written, then what is wrong with it, and how many later
    lines follow from it."""
    sources = _sources(judged)
    carried: dict[int, set[int]] = {}
    for c in judged.checks:
        if c.verdict == "carried" and c.origin is not None and c.line != c.origin:
            carried.setdefault(c.origin, set()).add(c.line)
    lines = []
    for line, checks in _error_lines(judged).items():
        lines.append(f"  line {line}: {_source(sources, line, checks[0])}")
        told = []
        for c in checks:
            why = c.diagnosis or f"{c.quantity} = {c.written} is wrong"
            if why not in told:
                told.append(why)
                lines.append(f"    error: {why}")
        later = len(carried.get(line, ()))
        if later:
            follow = f"{later} later lines follow" if later > 1 else "1 later line follows"
            lines.append(f"    {follow} from it")
    return lines


def _not_understood(judged: Judged) -> list[str]:
    """Everything not understood, in one list: lines not read, and links read but not
    understood (with the reading under which they are right)."""
    found = [(u.line, f"line {u.line}: {u.text}  ({u.reason})") for u in judged.unread]
    found += [(c.line, f"line {c.line}: {c.quantity} = {c.written}  ({c.diagnosis})")
              for c in judged.checks if c.verdict == "not understood"]  # fmt: skip
    return [text for _, text in sorted(found, key=lambda x: x[0])]


def _hints(judged: Judged) -> list[str]:
    """For self-study: the first wrong link of each chain of consequences (every line with an
    error: what carries it is not an error), where to look and a hint, not the answer."""
    records = {slip.kind: slip for slip in SLIPS}
    sources = _sources(judged)
    lines = []
    for line, checks in _error_lines(judged).items():
        named = [c for c in checks if c.slip in records]
        first = named[0] if named else checks[0]
        unexplained = UNEXPLAINED_FORMULA if first.kind == "formula" else UNEXPLAINED
        hint = records[first.slip].hint if named else unexplained
        lines.append(f"  line {line}: {_source(sources, line, first)}")
        lines.append(f"    hint: {hint.format(q=first.quantity)}")
    if not lines:
        lines.append("  Every line checks out.")
    return lines


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

