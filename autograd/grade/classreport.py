"""The class report: what a teacher should teach again, as one self-contained HTML page.

Two plots (inline SVG, no script, no request): the distribution of scores, and where in the
calculation each student's errors start (givens, forward pass, loss, local derivatives, chain
rule, update); then every kind of slip on every quantity with how many students made it and
an example line, each quantity's share of students right, carried, wrong or missing, and the
submissions that could not be read. Every student's text is escaped.

>>> from autograd.grade.marking import Grade, Mark
>>> text = class_report([Grade("ada", [Mark("z", "forward", 1, 1, "correct")])], "key.txt")
>>> "<svg" in text and "1 student" in text
True
"""

from __future__ import annotations

import html
import statistics
from collections import Counter

from .gradebook import misconceptions, page
from .marking import STAGES, STATUSES, Grade

__all__ = ["class_report", "histogram", "stage_counts"]

BINS = 10  # score bars, each a tenth of the maximum
_STYLE = (
    "svg text{font:12px system-ui,sans-serif}.plots{display:flex;flex-wrap:wrap;gap:2em}"
    "figure{margin:0}figcaption{font-weight:bold;margin-bottom:.4em}"
    ".bar{fill:#3b6ea5}.stage{fill:#b35c1e}"
)


def histogram(grades: list[Grade]) -> list[int]:
    """How many graded students scored in each tenth of the maximum (the last one holds
    full marks)."""
    counts = [0] * BINS
    for g in grades:
        if g.problem or not g.max_score:
            continue
        counts[min(BINS - 1, int(BINS * g.score / g.max_score))] += 1
    return counts


def stage_counts(grades: list[Grade]) -> dict[str, int]:
    """For each kind of step, how many students' first slip is there; 'no slip' too."""
    first = Counter(g.first_stage or "none" for g in grades if not g.problem)
    out = {STAGES[s]: first.get(s, 0) for s in STAGES}
    out["no slip"] = first.get("none", 0)
    return out


def _bars(values: list[int], labels: list[str], css: str, width: int = 460) -> str:
    """A bar chart as SVG: one bar per value, its count above it, its label below."""
    height, top, bottom = 220, 20, 60
    step = width / max(1, len(values))
    most = max(values, default=0) or 1
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width + 60}' height='{height}' "
             f"role='img'>"]  # fmt: skip
    for i, (v, label) in enumerate(zip(values, labels)):
        h = (height - top - bottom) * v / most
        x, y = i * step + 4, height - bottom - h
        parts.append(f"<rect class='{css}' x='{x:.1f}' y='{y:.1f}' width='{step - 8:.1f}' "
                     f"height='{h:.1f}'><title>{html.escape(label)}: {v}</title></rect>")
        parts.append(f"<text x='{x + (step - 8) / 2:.1f}' y='{y - 4:.1f}' "
                     f"text-anchor='middle'>{v}</text>")  # fmt: skip
        parts.append(f"<text transform='translate({x + (step - 8) / 2:.1f},"
                     f"{height - bottom + 12}) rotate(30)'>{html.escape(label)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def class_report(grades: list[Grade], key: str, rubric_hash: str = "", version: str = "",
                 notes: list[str] | None = None) -> str:  # fmt: skip
    """The class report as one HTML page; ``notes`` (what concerns the whole class: an
    ``answers.csv`` that disagrees with the variants) at its top."""
    e = html.escape
    graded = [g for g in grades if not g.problem]
    scores = [g.score for g in graded]
    most = max((g.max_score for g in graded), default=0)
    n = len(grades)
    summary = f"{n} student{'s' if n != 1 else ''}, {len(graded)} graded"
    if scores:
        summary += (f"; mean {statistics.mean(scores):.2f}, median "
                    f"{statistics.median(scores):g} of {most:g}")  # fmt: skip
    labels = [f"{i * 100 // BINS}–{(i + 1) * 100 // BINS}%" for i in range(BINS)]
    stages = stage_counts(grades)
    body = [f"<h1>Class report: {e(key)}</h1><p class='summary'>{e(summary)}</p>",
            *(f"<p class='note'><b>Note</b>: {e(n)}</p>" for n in notes or []),
            "<div class='plots'>",
            f"<figure id='scores'><figcaption>Scores</figcaption>"
            f"{_bars(histogram(grades), labels, 'bar')}</figure>",
            f"<figure id='stages'><figcaption>Where errors start</figcaption>"
            f"{_bars(list(stages.values()), list(stages), 'stage')}</figure>", "</div>"]
    rows = "".join(
        f"<tr><td>{e(r['slip'])}</td><td>{e(r['quantity'])}</td><td>{e(r['stage'])}</td>"
        f"<td>{r['students']}</td><td>{e(r['example_student'])}, line {r['example_line']}: "
        f"<code>{e(r['example'])}</code></td></tr>"
        for r in misconceptions(grades)
    )
    body.append("<h2>Slips, most frequent first</h2>" + (
        "<table id='misconceptions'><tr><th>slip</th><th>quantity</th><th>step</th>"
        f"<th>students</th><th>example</th></tr>{rows}</table>" if rows
        else "<p>No slips.</p>"))  # fmt: skip
    body.append(_quantities(graded))
    unread = [g for g in grades if g.problem]
    if unread:
        items = "".join(f"<li>{e(g.student)}: {e(g.problem)}</li>" for g in unread)
        body.append(f"<h2>Not graded</h2><ul id='unread'>{items}</ul>")
    body.append(f"<p class='stamp'>chainrule-autograd {e(version)}, rubric {e(rubric_hash)}</p>")
    return page(f"Class report: {key}", "\n".join(body), _STYLE)


def _quantities(graded: list[Grade]) -> str:
    counts: dict[str, Counter] = {}
    for g in graded:
        for m in g.marks:
            counts.setdefault(m.quantity, Counter())[m.status] += 1
    if not counts:
        return ""
    head = "".join(f"<th>{s}</th>" for s in STATUSES)
    rows = "".join(
        f"<tr><td>{html.escape(q)}</td>" + "".join(f"<td>{c.get(s, 0)}</td>" for s in STATUSES)
        + "</tr>" for q, c in counts.items()
    )  # fmt: skip
    return (f"<h2>Each quantity: how many students</h2><table id='quantities'>"
            f"<tr><th>quantity</th>{head}</tr>{rows}</table>")  # fmt: skip
