"""The gradebook: grades.csv, misconceptions.csv and each student's feedback (Markdown, HTML).

Nothing a student wrote is ever run or rendered as it stands: a CSV cell that begins with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is written after a ``'``, so that a
spreadsheet shows it as text rather than running it as a formula; HTML escapes every
student's text, and Markdown escapes its punctuation as well. A student's feedback is the
checker's own compact report (``audit.report``), in a code block (Markdown) or escaped in
``<pre>`` (HTML), then what grading adds: the slips only the key shows, the points off,
and the points of each quantity.

>>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell(-0.5), safe_cell("ada")
('\\'=HYPERLINK("http://x")', -0.5, 'ada')
>>> markdown_text("*bold* <b>")
'\\\\*bold\\\\* &lt;b&gt;'
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .marking import KEY_SLIPS, STAGES, Grade

__all__ = ["code_span", "feedback_fragment", "feedback_html", "feedback_markdown", "file_name",
           "files_read", "grades_csv", "markdown_text", "misconceptions", "misconceptions_csv",
           "safe_cell"]  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# what could turn text into emphasis, code, a link, a table cell or struck text; the text
# never starts a line (list markers and headings need no escape)
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
HEADER = ["student", "score", "max_score", "errors", "carried", "not_understood",
          "first_error_line"]  # fmt: skip


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet will not run: text that starts a formula gets a
    leading ``'``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown_text(text: str) -> str:
    """``text`` shown literally in Markdown, on one line: what marks up escaped, ``<`` and
    ``&`` as entities."""
    one_line = " ".join(str(text).splitlines())  # a newline could start a list or heading
    return _MARKDOWN.sub(r"\\\1", html.escape(one_line, quote=False))


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, on one line: shown exactly as written (no escape is
    undone in a code span, and its backticks are fenced by a longer run).

    >>> code_span("out_h1 `x`")
    '`` out_h1 `x` ``'
    """
    one_line = " ".join(str(text).splitlines())
    fence = "`" * (1 + max((len(r) for r in re.findall(r"`+", one_line)), default=0))
    return f"{fence} {one_line} {fence}"


MAX_NAME_BYTES = 200  # a file name holds 255 bytes: room for ".html" and "_"s that part twins


def file_name(student: str) -> str:
    """A file name for ``student``'s feedback: letters, digits, ``-`` and ``_`` only, at most
    ``MAX_NAME_BYTES`` bytes of UTF-8 (a name of 85 Chinese characters is 255 bytes).

    >>> file_name("Zoë Ünïcode"), len(file_name("文" * 85).encode())
    ('Zoë_Ünïcode', 198)
    """
    name = re.sub(r"[^\w-]+", "_", student).strip("_.") or "student"
    return name.encode()[:MAX_NAME_BYTES].decode(errors="ignore")


def _csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return out.getvalue()


def grades_csv(grades: list[Grade]) -> str:
    """One row a student: the totals, the points earned for each graded quantity, then the
    variant graded against (where there are variants), the submission's state ("" or why it
    could not be read), the package version and the rubric's hash."""
    columns: list[str] = []
    for g in grades:
        columns += [m.quantity for m in g.marks if m.quantity not in columns]
    variants = any(g.variant for g in grades)
    rows = [[*HEADER, *columns, *["variant"] * variants, "problem", "version", "rubric"]]
    for g in grades:
        earned = {m.quantity: m.earned for m in g.marks}
        rows.append([g.student, g.score, g.max_score, len(g.slips), g.carried, len(g.unread),
                     g.first_error_line if g.first_error_line is not None else "",
                     *(earned.get(c, "") for c in columns), *[g.variant] * variants, g.problem,
                     g.version, g.rubric_hash])  # fmt: skip
    return _csv(rows)


def misconceptions(grades: list[Grade]) -> list[dict[str, Any]]:
    """Each kind of slip on each quantity: how many students made it, and one example;
    the most frequent first."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    students: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in grades:
        for s in g.slips:
            key = (s.kind, s.quantity)
            students[key].add(g.student)
            found.setdefault(key, {"slip": s.kind, "quantity": s.quantity,
                                   "stage": STAGES.get(s.stage, s.stage),
                                   "example_student": g.student, "example_line": s.line,
                                   "example": f"{s.quantity} = {s.written}: {s.message}"})
    rows = [{**row, "students": len(students[key])} for key, row in found.items()]
    return sorted(rows, key=lambda r: (-r["students"], r["slip"], r["quantity"]))


def misconceptions_csv(grades: list[Grade]) -> str:
    fields = ["slip", "quantity", "stage", "students", "example_student", "example_line",
              "example"]  # fmt: skip
    return _csv([fields] + [[r[f] for f in fields] for r in misconceptions(grades)])


def _status(m: Any) -> str:
    if m.override:
        return f"set by hand: {m.override}"
    corrected = ", ".join(f"line {line}" for line, _ in m.corrected)
    if m.status == "carried" and m.origin:
        return f"carried (follows from line {m.origin})"
    if m.status == "error" and m.origin:  # charged with a slip no mark of its own grades
        return f"error (the slip of line {m.origin}, graded here)"
    notes = [f"a correction of {corrected}"] * bool(corrected)
    if m.status == "correct" and m.diagnosis:  # earned as a product, or used in a formula
        notes.append(m.diagnosis)
    return f"{m.status} ({'; '.join(notes)})" if notes else m.status


def _grading_lines(grade: Grade) -> list[str]:
    """What the key and the rubric add to the checker's report, in line order: the slips only
    the grader shows (the sheet agrees with itself), a given's with the points it takes off,
    the values the student corrected, a slip charged to a later quantity, then the other
    points off (a line not understood)."""
    off = [(line, why, f"{points:g} point{'s' * (points != 1)} off")
           for line, why, points in grade.deductions]  # fmt: skip
    lines = [(line, f"line {line}: {m.quantity} = {written}: corrected on line {m.line}, whose "
              "value is the one graded") for m in grade.marks for line, written in m.corrected]
    lines += [(m.line or 0, f"line {m.line}: {m.quantity} = {m.written}: {m.diagnosis}")
              for m in grade.marks if m.status == "error" and m.origin]  # fmt: skip
    for s in grade.slips:
        if s.kind in KEY_SLIPS:
            # its own deduction: three givens miscopied on one line are three points off, one
            # each (the first slip of the line took all three, the others none)
            cost = [d for d in off if d[0] == s.line and d[1].endswith(" copied wrong")][:1]
            cost = cost if s.kind == "given copied wrong" else []
            if cost:
                off.remove(cost[0])
            lines.append((s.line, f"line {s.line}: {s.quantity} = {s.written}: {s.message}"
                          + "".join(f" ({text})" for _, _, text in cost)))  # fmt: skip
    return [text for _, text in sorted(lines, key=lambda pair: pair[0])] + [
        f"line {line}: {why}: {text}" for line, why, text in off]


def files_read(grade: Grade) -> str:
    """The line of the feedback naming the files read, "" for a submission of one file.

    >>> files_read(Grade("ada", files=["ada/1.txt", "ada/2.md"], joined=True))
    'Files read: ada/1.txt, ada/2.md (joined as one worksheet, in name order)'
    """
    if len(grade.files) < 2:
        return ""
    how = "joined as one worksheet, in name order" if grade.joined else "each on its own"
    return f"Files read: {', '.join(grade.files)} ({how})"


def _fenced(text: str) -> list[str]:
    """``text`` as a Markdown code block: shown as written, whatever it holds (its fence
    longer than any run of backticks in it)."""
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))
    return [fence + "text", text, fence]


def feedback_markdown(grade: Grade) -> str:
    """The student's feedback as Markdown: the score, the checker's compact report (its
    errors first, each line as written with its diagnosis), what only the key shows, the
    points off, and each graded quantity's points (carried lines with the line they follow
    from, the teacher's overrides with their reasons)."""
    e = markdown_text
    out = [f"# Feedback for {e(grade.student)}", ""]
    if grade.problem:
        out += [f"**Not graded**: {e(grade.problem)}", ""]
    out += [f"**Score: {grade.score:g} of {grade.max_score:g}**", ""]
    if grade.variant:
        out += [f"Graded against variant {e(grade.variant)} of the problem.", ""]
    if files_read(grade):
        out += [e(files_read(grade)), ""]
    if grade.report:
        out += ["## The checker's report", "", *_fenced(grade.report), ""]
    if _grading_lines(grade):
        out += ["## Against the key and the rubric", "",
                *(f"- {e(t)}" for t in _grading_lines(grade)), ""]  # fmt: skip
    if grade.marks:
        out += ["## Points", "", "| quantity | points | of | status | line | written |",
                "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
        out += [f"| {e(m.quantity)} | {m.earned:g} | {m.points:g} | {e(_status(m))} | "
                f"{m.line or ''} | {e(m.written)} |" for m in grade.marks]  # fmt: skip
        out.append("")
    out.append(f"Graded by chainrule-autograd {e(grade.version)}, rubric {e(grade.rubric_hash)}.")
    return "\n".join(out) + "\n"


def feedback_html(grade: Grade) -> str:
    """The same feedback as one HTML page, every student's text escaped."""
    return page(f"Feedback for {grade.student}", feedback_fragment(grade))


def feedback_fragment(grade: Grade) -> str:
    """The feedback as HTML to place in another page (PrairieLearn's submission panel): no
    document around it and no style, which would restyle the page it is placed in."""
    e = html.escape
    body = [f"<h1>Feedback for {e(grade.student)}</h1>"]
    if grade.problem:
        body.append(f"<p class='problem'><b>Not graded</b>: {e(grade.problem)}</p>")
    body.append(f"<p class='score'><b>Score: {grade.score:g} of {grade.max_score:g}</b></p>")
    if grade.variant:
        body.append(f"<p class='variant'>Graded against variant {e(grade.variant)} of the "
                    "problem.</p>")
    if files_read(grade):
        body.append(f"<p class='files'>{e(files_read(grade))}</p>")
    if grade.report:
        body.append(f"<h2>The checker's report</h2><pre class='report'>{e(grade.report)}</pre>")
    if _grading_lines(grade):
        items = "".join(f"<li>{e(t)}</li>" for t in _grading_lines(grade))
        body.append(f"<h2>Against the key and the rubric</h2><ul>{items}</ul>")
    if grade.marks:
        rows = "".join(
            f"<tr class='{e(m.status)}'><td>{e(m.quantity)}</td><td>{m.earned:g}</td>"
            f"<td>{m.points:g}</td><td>{e(_status(m))}</td><td>{m.line or ''}</td>"
            f"<td><code>{e(m.written)}</code></td></tr>"
            for m in grade.marks
        )
        body.append("<h2>Points</h2><table><tr><th>quantity</th><th>points</th>"
                    f"<th>of</th><th>status</th><th>line</th><th>written</th></tr>{rows}</table>")
    body.append(f"<p class='stamp'>Graded by chainrule-autograd {e(grade.version)}, "
                f"rubric {e(grade.rubric_hash)}.</p>")  # fmt: skip
    return "\n".join(body)


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
    "color:#222}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;"
    "padding:.2em .6em;text-align:left}.error td,.missing td{color:#b00020}"
    ".carried td{color:#8a6d00}code,pre{background:#f4f4f4;padding:0 .2em}"
    "pre{padding:.6em;overflow-x:auto}"
)


def page(title: str, body: str, style: str = "") -> str:
    """A self-contained HTML page (no script, no request)."""
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{STYLE}{style}</style></head>"
            f"<body>\n{body}\n</body></html>\n")  # fmt: skip


def write(grades: list[Grade], out: Path) -> list[Path]:
    """grades.csv, misconceptions.csv and feedback/STUDENT.md and .html under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "grades.csv", out / "misconceptions.csv"]
    written[0].write_text(grades_csv(grades), encoding="utf-8")
    written[1].write_text(misconceptions_csv(grades), encoding="utf-8")
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    used: set[str] = set()
    for g in grades:
        name = file_name(g.student)
        # two students whose names differ only in punctuation, or in case (one file on the
        # case-blind disks of macOS and Windows)
        while name.casefold() in used:
            name += "_"
        used.add(name.casefold())
        for suffix, text in ((".md", feedback_markdown(g)), (".html", feedback_html(g))):
            path = feedback / (name + suffix)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
