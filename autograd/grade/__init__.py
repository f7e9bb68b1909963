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

__all__ = ["Grade", "Mark", "Reference", "Rubric", "RubricError", "Slip", "grade_class",
           "grade_submission", "grade_text", "load_rubric", "write"]  # fmt: skip


@dataclass(frozen=True)
class _Grader:
    """What a worker process calls: one submission graded against the key (it pickles)."""

    reference: Reference
    rubric: Rubric

    def __call__(self, submission: Submission) -> Grade:
        return grade_submission(submission, self.reference, self.rubric)

    def failed(self, submission: Submission, why: str) -> Grade:
        return unreadable(submission.name, why, self.reference, self.rubric)


def grade_class(
    folder: str | Path,
    key: str | Path | Reference,
    rubric: Rubric | None = None,
    jobs: int | None = None,
    time_limit: float = batch.TIME_LIMIT,
    progress: bool = False,
) -> list[Grade]:
    """Every submission in ``folder`` graded against ``key``, in name order."""
    reference = key if isinstance(key, Reference) else Reference.from_file(key)
    grader = _Grader(reference, rubric or Rubric())
    found = submissions(folder)
    return batch.run(found, grader, jobs, time_limit, grader.failed, progress)


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
