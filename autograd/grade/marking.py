"""One submission graded: the checker's verdicts, read against the key, become marks.

Every number the checker judged (``check(...).as_json()``: ``line``, ``quantity``,
``written``, ``kind``, ``exact``, ``from_written``, ``verdict``, ``diagnosis``) is read in
document order, each name matched to the key's (``key.py``):

- a **given** that differs from the problem's is a slip ("given copied wrong");
- an ``error`` is a slip, with the checker's diagnosis; unless it follows from the student's
  own numbers after an earlier slip: then the line is ``carried`` from it;
- a ``match`` or ``rounding`` whose exact value (on the student's sheet) is not the key's is
  ``carried`` when an earlier slip explains it, else a slip ("differs from the key": the
  sheet defines the quantity some other way);
- a ``carried`` verdict from the checker (follow-through) is taken as it is.

Each quantity the rubric gives points is then ``correct``, ``carried`` (its points with
follow-through, none without), ``error`` or ``missing`` (never written: its points are lost).
The score is the points earned less the points off (``deductions``: each given copied
wrong, each line not understood, as the rubric's penalties say), never below 0. The slips
the key reveals and the checker cannot (``KEY_SLIPS``) are the grader's own; the rest are
the checker's, and its compact report (``Grade.report``) says them in the student's
feedback.

>>> from autograd.audit import check_text
>>> from autograd.grade.key import Reference
>>> key = Reference.from_text("x = 2, w = 0.5, b = -1, y = 1\\nz = w x + b\\nL = ½(y − z)^2")
>>> sheet = "x = 2, w = 0.5, b = -1, y = 1\\nz = w x + b = 0.5(2) − 1 = 0\\nL = ½(y − z)^2 = 0"
>>> grade = mark(check_text(sheet).as_json(), key, Rubric(), "ada")
>>> [(m.quantity, m.status) for m in grade.marks][:2], grade.slips[0].line
([('z', 'correct'), ('L', 'error')], 3)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import __version__
from .key import KeyPart, Reference, derivative_sides, formula_reads
from .rubric import Rubric

__all__ = ["KEY_SLIPS", "STAGES", "Grade", "Mark", "Slip", "mark", "unreadable"]

STAGES = {"givens": "givens", "forward": "forward pass", "loss": "loss",
          "local": "local derivatives", "chain": "chain rule", "update": "update"}  # fmt: skip
STATUSES = ("correct", "carried", "error", "missing")
#: The slips only the key shows: the sheet agrees with itself, not with the problem.
KEY_SLIPS = ("given copied wrong", "differs from the key")
_CLOSE = 1e-9
_ENTRY = {"correct": "correct", "carried": "carried", "error": "slip"}  # status → entry shown


@dataclass
class Mark:
    """One graded quantity: its points, what the student earned and why."""

    quantity: str  # the key's name, "a: ∂L/∂w" when the key has several parts
    kind: str
    points: float
    earned: float
    status: str  # correct, carried, error, missing
    line: int | None = None
    written: str = ""
    diagnosis: str = ""
    origin: int | None = None  # a carried line: the line of the slip it follows from
    override: str = ""  # the reason, when a teacher set the points by hand


@dataclass
class Slip:
    """One slip found: its kind (for the class's misconceptions), where, and the message."""

    kind: str
    quantity: str  # the key's name where the key has it, else the student's
    line: int
    written: str
    stage: str  # a key of STAGES
    message: str


@dataclass
class Grade:
    """A student's grade: the marks, the slips, and what could not be read."""

    student: str
    marks: list[Mark] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    carried: int = 0
    unread: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, reason
    deductions: list[tuple[int, str, float]] = field(default_factory=list)  # line, why, points
    report: str = ""  # the checker's compact report of the submission, as text
    problem: str = ""  # "could not be read: …" when the submission was not graded
    files: list[str] = field(default_factory=list)  # the files read, as the folder names them
    joined: bool = False  # whether they were graded read as one worksheet
    version: str = ""
    rubric_hash: str = ""
    seconds: float = 0.0

    @property
    def max_score(self) -> float:
        return sum(m.points for m in self.marks)

    @property
    def score(self) -> float:
        earned = sum(m.earned for m in self.marks)
        return round(max(0.0, earned - self.penalties), 4)

    @property
    def penalties(self) -> float:
        return sum(points for _, _, points in self.deductions)

    @property
    def first_error_line(self) -> int | None:
        return min((s.line for s in self.slips), default=None)

    @property
    def first_stage(self) -> str | None:
        """The kind of step of the first slip: where the student's errors start."""
        first = min(self.slips, key=lambda s: s.line, default=None)
        return first.stage if first else None


def unreadable(student: str, why: str, reference: Reference, rubric: Rubric) -> Grade:
    """The row of a submission that could not be graded: every quantity missing (stamped
    with the version and rubric, as every grade)."""
    grade = Grade(student, problem=f"could not be read: {why}", version=__version__,
                  rubric_hash=rubric.hash)  # fmt: skip
    for prefix, part in _prefixed(reference):
        for q in part.quantities:
            points = rubric.points_for(q.name, q.kind)
            if points > 0:
                grade.marks.append(Mark(prefix + q.name, q.kind, points, 0.0, "missing"))
    return grade


def mark(report: dict[str, Any], reference: Reference, rubric: Rubric, student: str,
         sheets: list[Any] | None = None) -> Grade:  # fmt: skip
    """``report`` (a checked submission, as ``Report.as_json()``) graded against the key;
    ``sheets``, the audit ``Part`` of each of its parts, places a renamed quantity in the
    graph when a given was copied wrong (``KeyPart.placed``).

    Each part of the key is graded on the student's part that earns the most on it, each of
    theirs used once (the best pairs first): whatever their order, titles or files, and a
    README or draft beside the work does not hide it. A key part none of theirs answers is
    missing."""
    parts = report.get("parts", [])
    if not any(p.get("checks") for p in parts):
        unread = [u for p in parts for u in p.get("not_understood", [])]
        why = f" (line {unread[0]['line']}: {unread[0]['reason']})" if unread else ""
        return unreadable(student, "no equation in it could be read" + why, reference, rubric)
    sheets = list(sheets) if sheets else [None] * len(parts)
    keyed = _prefixed(reference)
    tried = {(k, s): _graded(student, rubric, prefix, part, parts[s], sheets[s])
             for k, (prefix, part) in enumerate(keyed)
             for s in range(len(parts)) if parts[s].get("checks")}  # fmt: skip
    paired = _paired(tried)
    grade = Grade(student)
    for k, (prefix, part) in enumerate(keyed):
        one = tried[k, paired[k]] if k in paired else _graded(student, rubric, prefix, part)
        grade.marks += one.marks
        grade.slips += one.slips
        grade.carried += one.carried
        grade.unread += one.unread
        grade.deductions += one.deductions
    return grade


def _graded(student: str, rubric: Rubric, prefix: str, part: KeyPart,
            mine: dict[str, Any] | None = None, sheet: Any = None) -> Grade:  # fmt: skip
    """One part of the key graded on one part of the student's (None: not answered)."""
    grade = Grade(student)
    _PartMarker(grade, part, rubric, prefix).run(mine, sheet)
    cost = rubric.penalties["not_understood"]
    if cost:
        grade.deductions += [(line, "not understood", cost) for line, _, _ in grade.unread]
    return grade


def _paired(tried: dict[tuple[int, int], Grade]) -> dict[int, int]:
    """Each key part's student part: the pairs that score most first (ties in the key's order,
    then the student's), each part of either side used once."""
    out: dict[int, int] = {}
    for k, s in sorted(tried, key=lambda pair: (-tried[pair].score, pair)):
        if k not in out and s not in out.values():
            out[k] = s
    return out


def _prefixed(reference: Reference) -> list[tuple[str, KeyPart]]:
    several = len(reference.parts) > 1
    return [(f"{p.name}: " if several else "", p) for p in reference.parts]


class _PartMarker:
    def __init__(self, grade: Grade, part: KeyPart, rubric: Rubric, prefix: str) -> None:
        self.grade, self.part, self.rubric, self.prefix = grade, part, rubric, prefix
        self.first_slip: int | None = None
        self.entries: dict[str, list[tuple[str, dict, str, int | None]]] = defaultdict(list)
        self.loss = part.loss
        self._names: dict[str, str] = {}
        self.own: dict[str, float | None] = {}  # the student's results so far, by name

    def run(self, mine: dict[str, Any] | None, sheet: Any = None) -> None:
        checks = mine.get("checks", []) if mine else []
        if mine:
            self._judge(checks, sheet)
            self.grade.unread += [(u.get("line", 0), u.get("text", ""), u.get("reason", ""))
                                  for u in mine.get("not_understood", [])]  # fmt: skip
        self._marks()

    def _judge(self, checks: list[dict[str, Any]], sheet: Any) -> None:
        exact: dict[str, float | None] = {}
        for c in checks:
            if exact.get(c["quantity"]) is None:
                exact[c["quantity"]] = c.get("exact")
        if sheet is not None and self._miscopied(checks):
            exact.update(self.part.placed(sheet))
        reads = formula_reads(sheet) if sheet is not None else {}
        names = self._names = self.part.names(exact, self.rubric.aliases, reads)
        self.loss = next((n for n, k in names.items() if k == self.part.loss), self.part.loss)
        for c in checks:
            key = names.get(c["quantity"])
            verdict = c.get("verdict", "")
            if c.get("kind") == "given":
                self._given(c, key)
            elif verdict == "not understood":
                self.grade.unread.append((c["line"], c.get("written", ""), c.get("diagnosis", "")))
            else:
                self._number(c, key, verdict)

    def _miscopied(self, checks: list[dict[str, Any]]) -> bool:
        """Whether a given on the sheet is not the key's (its other numbers all move)."""
        return any(c.get("kind") == "given" and c.get("exact") is not None
                   and (right := self.part.given(c["quantity"])) is not None
                   and not _close(c["exact"], right) for c in checks)  # fmt: skip

    def _given(self, c: dict[str, Any], key: str | None) -> None:
        right = self.part.givens.get(key) if key else None
        if right is None or c.get("exact") is None or _close(c["exact"], right):
            return
        message = f"copied wrong: the problem gives {_shown(right)}"
        self._slip("given copied wrong", c, "givens", message)
        cost = self.rubric.penalties["given"]
        if cost:
            self.grade.deductions.append((int(c.get("line") or 0), f"{key} copied wrong", cost))

    def _number(self, c: dict[str, Any], key: str | None, verdict: str) -> None:
        q = self.part.quantity(key) if key else None
        if c.get("kind") == "result":
            self.own[c["quantity"]] = _number(c.get("written", ""))
        if verdict == "carried":
            origin = c.get("origin") if isinstance(c.get("origin"), int) else self.first_slip
            return self._carried(c, key, origin)
        if c.get("kind") == "formula":
            if verdict == "error":
                self._slip(_kind(c), c, self._stage(c, q),
                           c.get("diagnosis") or "the formula is not the quantity's")  # fmt: skip
                self._enter(key, "slip", c)
            return
        if verdict == "error":
            if self.first_slip is not None and (_follows_own_numbers(c) or self._reused(c)):
                return self._carried(c, key, self.first_slip)
            diagnosis = c.get("diagnosis") or "no common slip explains it"
            self._slip(_kind(c), c, self._stage(c, q), diagnosis)
            return self._enter(key, "slip", c, diagnosis)
        differs = q is not None and c.get("exact") is not None and not _close(c["exact"], q.exact)
        if not differs:
            return self._enter(key, "correct", c)
        if self.first_slip is not None:
            return self._carried(c, key, self.first_slip)
        message = f"the key's {q.name} is {q.written}: this sheet computes it another way"
        self._slip("differs from the key", c, self._stage(c, q), message)
        self._enter(key, "slip", c, message)

    def _reused(self, c: dict[str, Any]) -> bool:
        """A number substituted that the student wrote before as that quantity's value."""
        before = self.own.get(c["quantity"])
        now = _number(c.get("written", ""))
        return c.get("kind") == "substitution" and before is not None and before == now

    def _carried(self, c: dict[str, Any], key: str | None, origin: int | None) -> None:
        self.grade.carried += 1
        self._enter(key, "carried", c, origin=origin)

    def _enter(self, key: str | None, status: str, c: dict[str, Any], why: str = "",
               origin: int | None = None) -> None:  # fmt: skip
        if key is not None:
            self.entries[key].append((status, c, why, origin))

    def _slip(self, kind: str, c: dict[str, Any], stage: str, message: str) -> None:
        line = int(c.get("line") or 0)
        if self.first_slip is None or line < self.first_slip:
            self.first_slip = line
        name = self._names.get(c["quantity"], c["quantity"])
        self.grade.slips.append(Slip(kind, self.prefix + name, line,
                                     str(c.get("written", "")), stage, message))  # fmt: skip

    def _stage(self, c: dict[str, Any], q: Any) -> str:
        if q is not None:
            return "update" if q.kind == "after" else q.kind
        name = c["quantity"]
        sides = derivative_sides(name)
        if sides:
            return "chain" if sides[0] == self.loss else "local"
        if name.endswith("'"):
            return "update"
        return "loss" if name == self.loss else "forward"

    def _marks(self) -> None:
        for q in self.part.quantities:
            points = self.rubric.points_for(q.name, q.kind)
            if points <= 0:
                continue
            entries = self.entries.get(q.name, [])
            statuses = [e[0] for e in entries]
            status = ("error" if "slip" in statuses else "carried" if "carried" in statuses
                      else "correct" if entries else "missing")  # fmt: skip
            earned = points if status == "correct" or (
                status == "carried" and self.rubric.follow_through) else 0.0  # fmt: skip
            same = [e for e in entries if e[0] == _ENTRY.get(status)]
            shown = next((e for e in same if e[1].get("kind") == "result"), same[0] if same
                         else None)  # fmt: skip
            m = Mark(self.prefix + q.name, q.kind, points, earned, status)
            if shown:
                _, c, why, origin = shown
                m.line, m.written, m.diagnosis, m.origin = c.get("line"), c.get("written", ""), \
                    why, origin  # fmt: skip
            self.grade.marks.append(m)


def _follows_own_numbers(c: dict[str, Any]) -> bool:
    """A result that is what the student's own numbers on its line give."""
    own = c.get("from_written")
    if c.get("kind") != "result" or own is None:
        return False
    from ..audit.verdict import agrees

    try:
        return agrees(str(c.get("written", "")).replace("−", "-"), own)
    except (InvalidOperation, ValueError, ArithmeticError):
        return False


def _number(text: str) -> float | None:
    try:
        return float(Decimal(str(text).replace("−", "-")))
    except (InvalidOperation, ValueError):
        return None


def _kind(c: dict[str, Any]) -> str:
    """The kind of slip of an error: the checker's own (``slip``, where it names one), else
    its diagnosis without the numbers ('the sign is dropped')."""
    if c.get("slip"):
        return str(c["slip"])
    diagnosis = c.get("diagnosis", "")
    if not diagnosis:
        return "no common slip"
    return diagnosis.split(" (")[0].split(":")[0].strip()


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_CLOSE, abs_tol=1e-12)


def _shown(x: float) -> str:
    text = format(Decimal(repr(x)).normalize(), "f") if abs(x) < 1e15 else repr(x)
    return text.replace("-", "−")
