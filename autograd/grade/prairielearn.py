"""PrairieLearn: grade a worksheet in a question's ``server.py``, or as an external grader.

In a question's ``server.py`` (the student types or uploads the worksheet)::

    from pathlib import Path
    from autograd.grade.prairielearn import grade_question

    KEY = Path(__file__).with_name("problem.txt")

    def grade(data):
        grade_question(data, KEY)

``grade_question`` reads the worksheet from ``data["submitted_answers"]`` (the answer named
``worksheet``, as text, or the first file of ``_files``), checks and grades it, and sets
``data["partial_scores"]`` (one entry per graded quantity, ``"worksheet/∂L/∂w"``: its score
from 0 to 1, its weight the quantity's points, and a line of feedback), ``data["score"]``
(the fraction of the points earned, penalties included) and ``data["feedback"]["worksheet"]``
(the student's feedback as HTML to place in the submission panel: no page or style of its
own, every line of the student's escaped). A submission that cannot be read gets
``data["format_errors"]["worksheet"]``: no attempt is used up.

``grade`` runs inside PrairieLearn's own process, so it holds a submission to two limits
before and while it works: a worksheet longer than ``MAX_LINES`` lines (1,000; a hand
calculation of a two-layer network is under 200) is not read at all, and grading that takes
longer than ``time_limit`` seconds (``TIME_BUDGET``, 5) is stopped: it runs in a worker
process of its own (``batch.py``, which also caps its memory). Either way the student's score
is 0, every partial score is 0, and the feedback says which limit and by how much, rather
than the question hanging until PrairieLearn's own timeout fails it.

As an external grader, ``python -m autograd.grade.prairielearn --key problem.txt
--submission /grade/student --results /grade/results/results.json`` writes PrairieLearn's
``results.json``: ``gradable``, ``score`` (0 to 1), ``message``, ``output`` and ``tests``
(``name``, ``points``, ``max_points``, ``message``, ``output``). An example question is in
``docs/prairielearn/``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import functools
import json
from pathlib import Path
from typing import Any

from . import batch, grade_alone
from .batch import TIME_LIMIT
from .gradebook import feedback_fragment, feedback_markdown
from .key import Reference
from .marking import Grade, unreadable
from .rubric import Rubric, load_rubric
from .submission import Submission, grade_text

__all__ = ["external_results", "grade_question"]

ANSWER = "worksheet"
MAX_BYTES = 1_000_000  # as the checker's own limit on a file
MAX_LINES = 1_000  # lines of a worksheet graded in PrairieLearn's process: read, checked in ~0.5 s
TIME_BUDGET = 5.0  # seconds grading one worksheet may take there (it is about 0.05 s)


def grade_question(
    data: dict[str, Any],
    key: str | Path | Reference,
    rubric: Rubric | str | Path | None = None,
    answer: str = ANSWER,
    time_limit: float = TIME_BUDGET,
) -> Grade | None:
    """Grade the worksheet in ``data`` (PrairieLearn's grade phase), in place, within
    ``MAX_LINES`` and ``time_limit``; the grade, or None when the submission could not be
    read."""
    reference = key if isinstance(key, Reference) else Reference.from_file(key)
    rubric = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    rubric.check(reference)
    from ..audit import InputError

    try:
        text, markdown = _submitted(data.get("submitted_answers", {}), answer)
    except InputError as error:  # a notebook that is not one: its own line
        data.setdefault("format_errors", {})[answer] = str(error)
        return None
    if text is None:
        data.setdefault("format_errors", {})[answer] = "no worksheet was submitted"
        return None
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        grade = _not_graded(f"the worksheet has {lines:,} lines, more than the {MAX_LINES:,} "
                            "graded here", reference, rubric, answer)  # fmt: skip
    else:
        work = functools.partial(grade_text, reference=reference, rubric=rubric,
                                 student=answer, markdown=markdown)  # fmt: skip
        grade = batch.run([text], work, 1, time_limit, failed=lambda _, why: _not_graded(
            why, reference, rubric, answer))[0]  # fmt: skip
    if grade.problem.startswith("could not be read"):
        data.setdefault("format_errors", {})[answer] = grade.problem
        return None
    scores = data.setdefault("partial_scores", {})
    for m in grade.marks:
        note = grade.problem or m.diagnosis or m.override or m.status
        scores[f"{answer}/{m.quantity}"] = {"score": m.earned / m.points, "weight": m.points,
                                             "feedback": note}  # fmt: skip
    data["score"] = grade.score / grade.max_score if grade.max_score else 0.0
    data.setdefault("feedback", {})[answer] = feedback_fragment(grade)
    return grade


def _not_graded(why: str, reference: Reference, rubric: Rubric, student: str) -> Grade:
    """A submission stopped by a limit: every quantity 0, and the feedback says why."""
    grade = unreadable(student, why, reference, rubric)
    grade.problem = f"{why}; the score is 0"
    return grade


def _submitted(answers: dict[str, Any], answer: str) -> tuple[str | None, bool]:
    text = answers.get(answer)
    if isinstance(text, str) and text.strip():
        return text[:MAX_BYTES + 1], False
    for f in answers.get("_files", []) or []:
        try:
            raw = base64.b64decode(f.get("contents", ""), validate=True)
            text, name = raw[:MAX_BYTES + 1].decode("utf-8"), str(f.get("name", ""))
        except (binascii.Error, UnicodeDecodeError, AttributeError):
            continue
        if name.lower().endswith(".ipynb"):  # as check reads a notebook: its Markdown page
            from ..audit.read_notebook import markdown_of

            return markdown_of(text, name), True
        return text, name.endswith(".md")
    return None, False


def external_results(grade: Grade) -> dict[str, Any]:
    """PrairieLearn's external grader ``results.json`` for one graded submission."""
    if grade.problem:
        return {"gradable": False, "format_errors": [grade.problem]}
    tests = [{"name": m.quantity, "points": m.earned, "max_points": m.points,
              "message": m.diagnosis or m.override or m.status,
              "output": f"line {m.line}: {m.written}" if m.line else ""}
             for m in grade.marks]  # fmt: skip
    return {"gradable": True,
            "score": grade.score / grade.max_score if grade.max_score else 0.0,
            "message": f"{len(grade.slips)} slip(s); score {grade.score:g} of {grade.max_score:g}",
            "output": feedback_markdown(grade), "tests": tests}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograd.grade.prairielearn")
    parser.add_argument("--key", required=True)
    parser.add_argument("--rubric")
    parser.add_argument("--submission", required=True, help="the folder of the student's files")
    parser.add_argument("--results", required=True)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT)
    args = parser.parse_args(argv)
    grade = grade_alone(Submission("student", Path(args.submission)),
                        Reference.from_file(args.key), load_rubric(args.rubric),
                        args.time_limit)  # fmt: skip
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(external_results(grade), indent=2,
                                             ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
