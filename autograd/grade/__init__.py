"""Grading a class: a folder of hand calculations in, a gradebook and a class report out.

The key (the problem, or a worked key) is the reference: each submission is checked line by
line (``autograd.audit.check``), its names matched to the key's, and each quantity the rubric
gives points is marked correct, carried, error or missing (``marking.py``). Files are checked
in parallel, each with a time limit (``batch.py``); one that cannot be read gets its own row.

Out, under ``out``: ``grades.csv``, ``misconceptions.csv``, ``class-report.html``,
``feedback/STUDENT.md`` and ``.html``, and ``grading.json`` (the package version, the
rubric and its hash, the key, and the notes on the whole class: an ``answers.csv`` that
disagrees with the variants it was written for).

Adapters: ``gradescope.py`` (an autograder zip), ``prairielearn.py`` (``grade(data)`` for a
question's ``server.py``, and the external grader's ``results.json``), ``lms.py`` (Moodle XML
and Canvas QTI quizzes from variants).
"""

from __future__ import annotations

import csv
import io
import json
import time
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .. import __version__, files
from . import batch, gradebook, overrides
from .classreport import class_report
from .key import Reference
from .marking import Grade, Mark, Slip, unreadable
from .rubric import Rubric, RubricError, load_rubric
from .submission import Submission, grade_submission, grade_text, submissions

__all__ = ["Grade", "Mark", "Reference", "Rubric", "RubricError", "Slip", "answers_disagree",
           "grade_alone", "grade_class", "grade_submission", "grade_text", "load_rubric",
           "write"]  # fmt: skip


@dataclass(frozen=True)
class _Grader:
    """What a worker process calls: one submission graded against its key (it pickles).
    With variants, ``roster`` maps a student to a variant, and ``keys`` a variant to its key."""

    reference: Reference | None
    rubric: Rubric
    keys: dict[str, Reference] | None = None
    roster: dict[str, str] | None = None

    def __post_init__(self) -> None:  # a rubric naming what no key asks for: refused now
        for key in [self.reference] if self.keys is None else self.keys.values():
            if key is not None:
                self.rubric.check(key)

    def key(self, student: str) -> Reference | None:
        if self.keys is None:
            return self.reference
        return self.keys.get((self.roster or {}).get(student, ""))

    def __call__(self, submission: Submission) -> Grade:
        key = self.key(submission.name)
        if key is None:
            return self.failed(submission, "the roster gives this student no variant")
        return self.of_variant(grade_submission(submission, key, self.rubric))

    def failed(self, submission: Submission, why: str) -> Grade:
        key = self.key(submission.name) or next(iter((self.keys or {}).values()), None)
        grade = unreadable(submission.name, why, key or Reference("", []), self.rubric)
        return self.of_variant(grade)

    def of_variant(self, grade: Grade) -> Grade:
        """``grade`` with the variant it was graded against, where there are variants."""
        grade.variant = (self.roster or {}).get(grade.student, "")
        return grade


def grade_class(
    folder: str | Path,
    key: str | Path | Reference | None,
    rubric: Rubric | None = None,
    jobs: int | None = None,
    time_limit: float = batch.TIME_LIMIT,
    progress: bool = False,
    variants: str | Path | None = None,
    roster: str | Path | None = None,
    notes: list[str] | None = None,
) -> list[Grade]:
    """Every submission in ``folder`` graded against ``key``, in name order. With
    ``variants`` (the folder ``solve --variants`` writes) and ``roster`` (a CSV of
    ``student,variant``; by default the student column of ``answers.csv``), each student is
    graded against the key of their variant, recomputed from its ``variant-NN.txt``, and a
    student on the roster who handed nothing in has a row saying so. What the teacher should
    know of the class as a whole (``answers.csv`` disagreeing with the variants as
    recomputed: ``answers_disagree``) is appended to ``notes``, or else warned of."""
    reference = key if isinstance(key, Reference) or key is None else Reference.from_file(key)
    keys = people = None
    if variants is not None:
        people = _roster(Path(variants), roster)
        for student, v in people.items():  # else "variant-99.txt: cannot read it", and whose?
            problem = f"variant-{int(v):02}.txt"
            if not (Path(variants) / problem).is_file():
                raise ValueError(f"grade: the roster gives {student!r} variant {v}, which "
                                 f"{variants} does not hold (no {problem})")  # fmt: skip
        keys = {v: Reference.from_file(Path(variants) / f"variant-{int(v):02}.txt")
                for v in sorted(set(people.values()))}  # fmt: skip
        note = answers_disagree(Path(variants), keys)
        if note and notes is not None:
            notes.append(note)
        elif note:
            warnings.warn(note, stacklevel=2)
    grader = _Grader(reference, rubric or Rubric(), keys, people)
    found = submissions(folder)
    grades = batch.run(found, grader, jobs, time_limit, grader.failed, progress)
    handed = {s.name for s in found}
    for student, variant in (people or {}).items():
        if student not in handed:
            absent = unreadable(student, "", (keys or {})[variant], grader.rubric)
            absent.problem, absent.variant = "nothing handed in", variant
            grades.append(absent)
    return sorted(grades, key=lambda g: g.student)


def grade_alone(submission: Submission, reference: Reference, rubric: Rubric | None = None,
                time_limit: float = batch.TIME_LIMIT) -> Grade:  # fmt: skip
    """One submission graded in a worker process, within the time and memory limits (what an
    autograder runs for each student: a submission never outlasts its limit)."""
    grader = _Grader(reference, rubric or Rubric())
    return batch.run([submission], grader, 1, time_limit, grader.failed)[0]


def read_roster(path: str | Path) -> dict[str, str]:
    """``student → variant`` from a CSV with the columns ``student`` and ``variant`` (others
    left alone: the ``answers.csv`` of ``solve --variants`` with a student column is one); a
    row without a student is a variant nobody was given."""
    text = files.read_text(Path(path))
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]  # Student, as typed
    if "student" not in columns or "variant" not in columns:  # student;variant: Excel's
        first = files.shown(text.split("\n", 1)[0].strip())
        raise ValueError(f"{path}: the first row must name the columns student and variant, "
                         f"separated by commas; it is {first}")  # fmt: skip
    reader.fieldnames = columns
    out: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        student, variant = (row.get("student") or "").strip(), (row.get("variant") or "").strip()
        student = unicodedata.normalize("NFC", student)  # as submissions() names students
        if not student:
            continue
        if not (variant.isascii() and variant.isdigit()):  # "²" is a digit to isdigit
            raise ValueError(f"{path}: row {number}: expected a variant number for {student!r}, "
                             f"got {variant!r}")  # fmt: skip
        if out.setdefault(student, str(int(variant))) != str(int(variant)):
            raise ValueError(f"{path}: row {number}: {student!r} is given variants "
                             f"{out[student]} and {int(variant)}")  # fmt: skip
    return out


def answers_disagree(variants: Path, keys: dict[str, Reference]) -> str:
    """"" when every number of ``answers.csv`` in ``variants`` is its variant's as recomputed
    from ``variant-NN.txt`` (a given exactly, a result to within half a unit in its last
    written digit, as it was rounded), else one line saying where they first disagree and how
    many numbers do: a variant edited after ``solve --variants`` wrote it, or an
    ``answers.csv`` kept from another run. Students are graded against the variant files."""
    path = variants / "answers.csv"
    if not path.is_file():
        return ""
    found: list[tuple[str, str, str, str]] = []  # variant, quantity, in answers.csv, recomputed
    for row in csv.DictReader(io.StringIO(files.read_text(path))):
        variant, part = (row.get("variant") or "").strip(), (row.get("part") or "1").strip()
        key = keys.get(str(int(variant))) if variant.isdigit() else None
        if key is None or not part.isdigit() or not 1 <= int(part) <= len(key.parts):
            continue
        keyed = key.parts[int(part) - 1]
        for name, text in row.items():
            if not isinstance(name, str) or not isinstance(text, str):
                continue  # a row longer than the header
            written, q = _decimal(text), keyed.quantity(name)
            right = keyed.givens.get(name, q.exact if q else None)
            if written is None or right is None:
                continue
            half = Decimal(5).scaleb(written.as_tuple().exponent - 1) if q else Decimal(0)
            if abs(float(written) - right) > float(half) * (1 + 1e-9) + 1e-12:
                found.append((str(int(variant)), name, text.strip(),
                              q.written if q else f"{right:g}"))  # fmt: skip
    if not found:
        return ""
    variant, name, there, recomputed = found[0]
    where = sorted({v for v, *_ in found}, key=int)
    more = (f"; {len(found)} numbers disagree in all, in variant{'s' * (len(where) > 1)} "
            f"{', '.join(where)}") if len(found) > 1 else ""  # fmt: skip
    return (f"{path}: {name} of variant {variant} is {there} there, but "
            f"variant-{int(variant):02}.txt gives {recomputed}{more}. Each student is graded "
            "against their variant's file as it is now: was a variant edited, or answers.csv "
            "kept from another run? (solve --variants writes both again)")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace("−", "-"))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _roster(variants: Path, roster: str | Path | None) -> dict[str, str]:
    """The roster given, else the student column of the variants' ``answers.csv``."""
    if roster is not None:
        return read_roster(roster)
    answers = variants / "answers.csv"
    try:
        return read_roster(answers)
    except ValueError:
        raise ValueError("grade: --variants needs --roster, a CSV of student,variant (or a "
                         f"student column in {answers})") from None


def write(grades: list[Grade], out: str | Path, key: str, rubric: Rubric,
          overrides_file: str | Path | None = None, notes: list[str] | None = None,
          ) -> list[Path]:  # fmt: skip
    """The gradebook, feedback and class report of ``grades`` under ``out``; the overrides
    file, if any, applied first; ``notes`` (``grade_class``'s) at the top of the report and in
    ``grading.json``."""
    if overrides_file is not None:
        overrides.apply(grades, overrides.load(overrides_file), str(overrides_file))
    out = Path(out)
    written = gradebook.write(grades, out)
    report = out / "class-report.html"
    report.write_text(class_report(grades, key, rubric.hash, __version__, notes or []),
                      encoding="utf-8")  # fmt: skip
    meta = out / "grading.json"
    meta.write_text(json.dumps({
        "version": __version__, "rubric_hash": rubric.hash, "rubric": rubric.as_dict(),
        "key": key, "students": len(grades), "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "overrides": str(overrides_file) if overrides_file else None, "notes": notes or [],
    }, indent=2, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return [*written, report, meta]
