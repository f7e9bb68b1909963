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

import json
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from . import batch, gradebook, overrides
from .classreport import class_report
from .key import Reference
from .marking import Grade, Mark, Slip, unreadable
from .roster import answers_disagree, read_roster, roster_of, variant_keys
from .rubric import Rubric, RubricError, load_rubric
from .submission import Submission, grade_submission, grade_text, submissions

__all__ = ["Grade", "Mark", "Reference", "Rubric", "RubricError", "Slip", "answers_disagree",
           "grade_alone", "grade_class", "grade_submission", "grade_text", "load_rubric",
           "read_roster", "write"]  # fmt: skip


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
        people = roster_of(Path(variants), roster)
        keys = variant_keys(Path(variants), people)
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
