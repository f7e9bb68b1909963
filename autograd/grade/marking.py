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

A quantity written again in the same pass (the same exact value on the sheet; a pass after
the step has other inputs) is graded by the last value written, as a teacher reads a
correction: the earlier values are shown as corrected, and their slips are no longer the
student's; a line left on a corrected value (it was carried from it) is then the slip, "a
corrected value not carried through". A derivative the key has as one quantity and the
student never writes as one (the key's ∂E/∂net_o1; their ∂E/∂out_o1 · ∂out_o1/∂net_o1,
through a name the key lacks) is graded on the product of theirs along that path of the
graph, matched by place, not by name. A slip in a quantity no mark grades (that
∂E/∂out_o1) costs the first mark carried from it; a local derivative the student never writes
but uses in a chain-rule formula judged right (∂L/∂w1 = ∂L/∂z · x1) is credited with it.

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
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import __version__
from .key import KeyPart, Reference, derivative_sides, formula_reads
from .rubric import Rubric

__all__ = ["KEY_SLIPS", "STAGES", "Grade", "Mark", "Slip", "mark", "student_name", "unreadable"]

STAGES = {"givens": "givens", "forward": "forward pass", "loss": "loss",
          "local": "local derivatives", "chain": "chain rule", "update": "update"}  # fmt: skip
STATUSES = ("correct", "carried", "error", "missing")
#: The slips only the grader shows: the sheet agrees with itself, not with the problem (or
#: uses a value the student corrected later, which the checker carries).
KEY_SLIPS = ("given copied wrong", "differs from the key", "a corrected value not carried through")
_CLOSE = 1e-9
_ENTRY = {"correct": "correct", "carried": "carried", "error": "slip"}  # status → entry shown
_DERIVATIVE_BOTTOM = re.compile(r"∂[^\s/]+/∂([^\s·×*()+−-]+)")  # z of ∂L/∂z in a formula
# a number in a diagnosis ('it is 0.0759 here'), not a name's digits (w1): a kind of slip is
# the same for every student, whatever their numbers
_NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?(?![\w.])")


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
    corrected: list[tuple[int, str]] = field(default_factory=list)  # earlier values: line, written


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
    carried: int = 0  # the graded quantities carried from an earlier slip
    unread: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, reason
    deductions: list[tuple[int, str, float]] = field(default_factory=list)  # line, why, points
    report: str = ""  # the checker's compact report of the submission, as text
    problem: str = ""  # "could not be read: …" when the submission was not graded
    files: list[str] = field(default_factory=list)  # the files read, as the folder names them
    joined: bool = False  # whether they were graded read as one worksheet
    variant: str = ""  # the variant graded against, where there are variants
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


def student_name(written: str) -> str:
    """A student's name as grading compares it, composed (NFC): macOS writes file names
    decomposed, Zoë as Zoe + ¨, where a roster or an overrides file has it typed.

    >>> student_name("Zoe\\u0308") == "Zoë"
    True
    """
    return unicodedata.normalize("NFC", written)


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
        self.corrected: dict[str, list[tuple[int, str, int]]] = {}  # name → line, value, by
        self.superseded: dict[int, int] = {}  # a corrected value's line → its correction's
        self.mine: dict[str, list[Any]] = defaultdict(list)  # entries by the student's name
        self.reads: dict[str, frozenset[str]] = {}  # what each of the student's formulas reads
        self.right_formulas: dict[str, list[dict]] = defaultdict(list)  # key name → checks

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
        reads = self.reads = formula_reads(sheet) if sheet is not None else {}
        names = self._names = self.part.names(exact, self.rubric.aliases, reads)
        self.loss = next((n for n, k in names.items() if k == self.part.loss), self.part.loss)
        for c in checks:
            key = names.get(c["quantity"])
            verdict = c.get("verdict", "")
            if verdict == "given":  # a given, or a formula's constant: read, not worked out
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
            elif key is not None and verdict in ("match", "rounding"):
                self.right_formulas[key].append(c)  # what it uses, though worth no points
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
        self._enter(key, "carried", c, origin=origin)

    def _enter(self, key: str | None, status: str, c: dict[str, Any], why: str = "",
               origin: int | None = None) -> None:  # fmt: skip
        if key is not None:
            self.entries[key].append((status, c, why, origin))
        self.mine[c["quantity"]].append((status, c, why, origin))

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
        if sides:  # ∂L/∂a is local where L's formula reads a itself
            direct = sides[1] in self.reads.get(sides[0], ())
            return "chain" if sides[0] == self.loss and not direct else "local"
        if name.endswith("'"):
            return "update"
        return "loss" if name == self.loss else "forward"

    def _last_written(self, name: str, entries: list[Any]) -> list[Any]:
        """The entries that stand for ``name``: the last line that writes it a value is the
        student's answer, as a teacher reads a correction (``∂E/∂w5 = 0.08``, then a few
        lines on ``∂E/∂w5 = 0.0822``), when it is the quantity of the same inputs (the same
        exact value on the sheet: a pass after the step, which has other inputs, is not a
        correction). The lines before it that wrote a value are superseded: those that were
        wrong are ``corrected``, and their slips are no longer the student's."""
        valued = sorted({e[1]["line"] for e in entries if e[1].get("kind") == "result"})
        if len(valued) < 2:
            return entries
        last = valued[-1]
        exacts = [e[1].get("exact") for e in entries if e[1]["line"] in valued
                  and e[1].get("kind") == "result"]  # fmt: skip
        if any(x is None or not _close(x, exacts[-1]) for x in exacts):
            return entries
        wrong = {e[1]["line"]: str(e[1].get("written", "")) for e in entries
                 if e[1]["line"] in valued[:-1] and e[0] != "correct"
                 and e[1].get("kind") == "result"}  # fmt: skip
        self.corrected[name] = [(line, wrong[line], last) for line in sorted(wrong)]
        self.superseded.update({line: last for line in wrong})
        self.grade.slips = [s for s in self.grade.slips if not (
            s.line in valued[:-1] and s.quantity == self.prefix + self._names.get(name, name))]
        return [e for e in entries if e[1]["line"] >= last]

    def _not_redone(self, key: str, entries: list[Any]) -> list[Any]:
        """``entries``, each line carried from a value the student corrected later a slip of
        its own: it uses the superseded value, and was not worked out again from the
        corrected one (no slip of theirs is left for it to follow from)."""
        out = []
        for status, c, why, origin in entries:
            if status == "carried" and origin in self.superseded:
                why = (f"uses the value of line {origin}, corrected on line "
                       f"{self.superseded[origin]}: work it out again from the corrected value")
                q = self.part.quantity(key)
                self.grade.slips.append(Slip("a corrected value not carried through",
                                             self.prefix + key, int(c.get("line") or 0),
                                             str(c.get("written", "")), self._stage(c, q), why))
                status, origin = "slip", None
            out.append((status, c, why, origin))
        return out

    def _product(self, q: Any) -> tuple[list[Any], str, str] | None:
        """The key's derivative ``q``, which the student never wrote as one, as the product of
        their own derivatives along one path of their graph, through names the key lacks
        (Mazur's ∂E/∂out_o1 · ∂out_o1/∂net_o1 for a key's ∂E/∂net_o1): matched by place in the
        graph (their derivatives' tops and bottoms), never by name, and credited as the
        factors stand when the product of their exact values is the key's (carried when an
        earlier slip moved it). The entries, what is shown as written, and why."""
        sides = derivative_sides(q.name)
        if not sides:
            return None
        theirs = {k: n for n, k in self._names.items() if not derivative_sides(n)}
        top = self.loss if sides[0] == self.part.loss else theirs.get(sides[0], sides[0])
        bottom, keyed = theirs.get(sides[1], sides[1]), set(self._names)
        below: dict[str, list[tuple[str, str]]] = defaultdict(list)  # top → (bottom, name)
        for name, entries in self.mine.items():
            step = derivative_sides(name)
            if step and any(e[1].get("kind") == "result" for e in entries):
                below[step[0]].append((step[1], name))
        path = _path(below, top, bottom, keyed)
        if path is None:
            return None
        factors = [self._last_written(n, self.mine[n]) for n in path]
        results = [next(e for e in reversed(f) if e[1].get("kind") == "result") for f in factors]
        exact = math.prod(float(e[1].get("exact") or math.nan) for e in results)
        written = f"{' · '.join(path)} = {' · '.join(str(e[1].get('written')) for e in results)}"
        why = f"the product of your {' and '.join(path)}"
        entries = [e for f in factors for e in f]
        if _close(exact, q.exact):
            return entries, written, why
        if self.first_slip is None:
            return None
        return [("carried", results[-1][1], why, self.first_slip)], written, why

    def _marks(self) -> None:
        for name, entries in self.mine.items():  # corrections of quantities the key lacks
            if name not in self._names:
                self._last_written(name, entries)
        standing = {q.name: self._last_written(q.name, self.entries.get(q.name, []))
                    for q in self.part.quantities}  # fmt: skip
        for q in self.part.quantities:
            points = self.rubric.points_for(q.name, q.kind)
            if points <= 0:
                continue
            entries = self._not_redone(q.name, standing[q.name])
            product = None if entries else self._product(q) or self._used(q)
            if product:
                entries = product[0]
            statuses = [e[0] for e in entries]
            status = ("error" if "slip" in statuses else "carried" if "carried" in statuses
                      else "correct" if entries else "missing")  # fmt: skip
            earned = points if status == "correct" or (
                status == "carried" and self.rubric.follow_through) else 0.0  # fmt: skip
            same = [e for e in entries if e[0] == _ENTRY.get(status)]
            shown = next((e for e in same if e[1].get("kind") == "result"), same[0] if same
                         else None)  # fmt: skip
            m = Mark(self.prefix + q.name, q.kind, points, earned, status)
            m.corrected = [(line, written) for line, written, _ in self.corrected.get(q.name, [])]
            if shown:
                _, c, why, origin = shown
                m.line, m.written, m.diagnosis, m.origin = c.get("line"), c.get("written", ""), \
                    why, origin  # fmt: skip
            if product:
                m.written, m.diagnosis = product[1], product[2]
            self.grade.marks.append(m)
        self._charge_ungraded()
        self.grade.carried = sum(m.status == "carried" for m in self.grade.marks)

    def _used(self, q: Any) -> tuple[list[Any], str, str] | None:
        """A local derivative ``∂A/∂B`` the student never writes as a quantity but works out
        inside a chain-rule formula of theirs judged right for ``∂L/∂B``, one that reaches
        ``A`` through derivatives they name and goes on to ``B`` with no derivative named
        (``∂L/∂w1 = ∂L/∂z · x1`` uses ``∂z/∂w1 = x1``), as a teacher reads it: credited with
        that formula's line. A formula that names a derivative by ``B`` (``∂E/∂out_h1 =
        ∂E_o1/∂out_h1 + …``) holds no local derivative of theirs to credit."""
        sides = derivative_sides(q.name)
        if q.kind != "local" or not sides or sides[0] == self.part.loss:
            return None
        chain = f"∂{self.part.loss}/∂{sides[1]}"
        plain = {n: k for n, k in self._names.items() if not derivative_sides(n)}
        for c in self.right_formulas.get(chain, [])[-1:]:
            written = str(c.get("written", ""))
            bottoms = {plain.get(b, b) for b in _DERIVATIVE_BOTTOM.findall(written)}
            if sides[0] in bottoms and sides[1] not in bottoms:
                why = f"used in your {chain}"
                return [("correct", c, why, None)], written, why
        return None

    def _charge_ungraded(self) -> None:
        """A slip in a quantity that earns no points (the student's ∂L/∂a, where the key has
        only ∂L/∂z) would cost nothing, all after it carried: the first mark carried from it
        is charged instead, its diagnosis naming the slip. A slip in a given (copied wrong,
        or substituted as another number) is not one: it has its own penalty."""
        graded = {m.quantity for m in self.grade.marks}
        for s in sorted(self.grade.slips, key=lambda s: s.line):
            name = s.quantity.removeprefix(self.prefix)
            computed = bool(derivative_sides(name)) or name in self.reads
            if s.quantity in graded or not computed or name in self.part.givens:
                continue
            carried = [m for m in self.grade.marks if m.status == "carried" and m.origin == s.line]
            if carried:
                m = min(carried, key=lambda m: m.line or 0)
                m.status, m.earned = "error", 0.0
                m.diagnosis = (f"follows from the slip of line {s.line} ({s.quantity} = "
                               f"{s.written}: {s.message}), which is graded here")


def _path(below: dict[str, list[tuple[str, str]]], top: str, bottom: str,
          keyed: set[str], most: int = 4) -> list[str] | None:
    """The names of derivatives ``top → … → bottom`` (two to ``most`` of them), each step
    through a name that is not one of the key's: the shortest, breadth first, each name
    reached once (linear in the derivatives)."""
    reached: dict[str, list[str]] = {top: []}
    frontier = [top]
    for _ in range(most):
        nearer = []
        for at in frontier:
            for to, name in below.get(at, []):
                if to == bottom and reached[at]:
                    return [*reached[at], name]
                if to not in keyed and to not in reached:
                    reached[to] = [*reached[at], name]
                    nearer.append(to)
        frontier = nearer
    return None


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
    return _NUMBER.sub("…", diagnosis.split(" (")[0].split(":")[0].strip())


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_CLOSE, abs_tol=1e-12)


def _shown(x: float) -> str:
    text = format(Decimal(repr(x)).normalize(), "f") if abs(x) < 1e15 else repr(x)
    return text.replace("-", "−")
