"""Grading a class: a folder of hand calculations in, a gradebook and a class report out.

The key (the problem, or a worked key) is the reference: each submission is checked line by
line (``autograd.audit.check``), its names matched to the key's, and each quantity the rubric
gives points is marked correct, carried, error or missing (``marking.py``). Files are checked
in parallel, each with a time limit (``batch.py``); one that cannot be read gets its own row.

Out, under ``out``: ``grades.csv``, ``misconceptions.csv``, ``class-report.html``,
``feedback/STUDENT.md`` and ``.html``, and ``grading.json`` (the package version, the
rubric and its hash, the key).

Adapters: ``gradescope.py`` (an autograder zip), ``prairielearn.py`` (``grade(data)`` for a
question's ``server.py``, and the external grader's ``results.json``), ``lms.py`` (Moodle XML
and Canvas QTI quizzes from variants).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from . import batch, gradebook, overrides
from .classreport import class_report
from .key import Reference
from .marking import Grade, Mark, Slip, unreadable
from .rubric import Rubric, RubricError, load_rubric
from .submission import Submission, grade_submission, grade_text, submissions

__all__ = ["Grade", "Mark", "Reference", "Rubric", "RubricError", "Slip", "grade_alone",
           "grade_class", "grade_submission", "grade_text", "load_rubric", "write"]  # fmt: skip


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
        return grade_submission(submission, key, self.rubric)

    def failed(self, submission: Submission, why: str) -> Grade:
        key = self.key(submission.name) or next(iter((self.keys or {}).values()), None)
        return unreadable(submission.name, why, key or Reference("", []), self.rubric)


def grade_class(
    folder: str | Path,
    key: str | Path | Reference | None,
    rubric: Rubric | None = None,
    jobs: int | None = None,
    time_limit: float = batch.TIME_LIMIT,
    progress: bool = False,
    variants: str | Path | None = None,
    roster: str | Path | None = None,
) -> list[Grade]:
    """Every submission in ``folder`` graded against ``key``, in name order. With
    ``variants`` (the folder ``solve --variants`` writes) and ``roster`` (a CSV of
    ``student,variant``; by default the student column of ``answers.csv``), each student is
    graded against the key of their variant, and a student on the roster who handed nothing
    in has a row saying so."""
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
    grader = _Grader(reference, rubric or Rubric(), keys, people)
    found = submissions(folder)
    grades = batch.run(found, grader, jobs, time_limit, grader.failed, progress)
    handed = {s.name for s in found}
    for student, variant in (people or {}).items():
        if student not in handed:
            absent = unreadable(student, "", (keys or {})[variant], grader.rubric)
            absent.problem = "nothing handed in"
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
    import csv
    import io

    from .. import files

    reader = csv.DictReader(io.StringIO(files.read_text(Path(path))))
    columns = [c.strip() for c in reader.fieldnames or []]
    if "student" not in columns or "variant" not in columns:
        raise ValueError(f"{path}: the first row must name the columns student and variant")
    reader.fieldnames = columns
    out: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        student, variant = (row.get("student") or "").strip(), (row.get("variant") or "").strip()
        if not student:
            continue
        if not (variant.isascii() and variant.isdigit()):  # "²" is a digit to isdigit
            raise ValueError(f"{path}: row {number}: expected a variant number for {student!r}, "
                             f"got {variant!r}")  # fmt: skip
        if out.setdefault(student, str(int(variant))) != str(int(variant)):
            raise ValueError(f"{path}: row {number}: {student!r} is given variants "
                             f"{out[student]} and {int(variant)}")  # fmt: skip
    return out


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
          overrides_file: str | Path | None = None) -> list[Path]:  # fmt: skip
    """The gradebook, feedback and class report of ``grades`` under ``out``; the overrides
    file, if any, applied first."""
    if overrides_file is not None:
        overrides.apply(grades, overrides.load(overrides_file), str(overrides_file))
    out = Path(out)
    written = gradebook.write(grades, out)
    report = out / "class-report.html"
    report.write_text(class_report(grades, key, rubric.hash, __version__), encoding="utf-8")
    meta = out / "grading.json"
    meta.write_text(json.dumps({
        "version": __version__, "rubric_hash": rubric.hash, "rubric": rubric.as_dict(),
        "key": key, "students": len(grades), "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "overrides": str(overrides_file) if overrides_file else None,
    }, indent=2, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return [*written, report, meta]
