"""A teacher's overrides: points set by hand, applied on every regrade and shown to the student.

A CSV file with the header ``student,quantity,points,reason``: the points the student earns
for that quantity (the key's name, or typed ``dL/dw1`` for ``∂L/∂w1``), from 0 to what it is
worth, whatever the checker found, and why. A row naming a student or quantity the gradebook
does not have is refused in one line, so that a typo never goes unnoticed.

>>> from autograd.grade.marking import Grade, Mark
>>> grades = [Grade("ada", [Mark("∂L/∂w", "chain", 2, 0, "error")])]
>>> apply(grades, parse("student,quantity,points,reason\\nada,∂L/∂w,1,right idea"))
>>> grades[0].marks[0].earned, grades[0].marks[0].override
(1.0, 'right idea')
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from .. import files
from .key import key_name
from .marking import Grade, student_name

__all__ = ["Override", "OverrideError", "apply", "load", "parse"]

FIELDS = ["student", "quantity", "points", "reason"]
MAX_BYTES = 1_000_000


class OverrideError(ValueError):
    """An overrides file that cannot be applied: one line naming the row and the field."""


@dataclass(frozen=True)
class Override:
    student: str
    quantity: str
    points: float
    reason: str
    row: int


def parse(text: str, source: str = "overrides") -> list[Override]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip() for c in rows[0]] != FIELDS:
        raise OverrideError(f"{source}: the first row must be {','.join(FIELDS)}")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(FIELDS):
            raise OverrideError(f"{source}: row {number} has {len(row)} fields, expected 4")
        student, quantity, points, reason = (c.strip() for c in row)
        student = student_name(student)  # as submissions() names students
        try:
            value = float(points)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise OverrideError(f"{source}: row {number}: points must be a number ≥ 0, "
                                f"got {points!r}")  # fmt: skip
        out.append(Override(student, quantity, value, reason, number))
    return out


def load(path: str | Path) -> list[Override]:
    try:
        return parse(files.read_text(Path(path), MAX_BYTES), str(path))
    except files.FileError as error:
        raise OverrideError(str(error)) from None


def apply(grades: list[Grade], overrides: list[Override], source: str = "overrides") -> None:
    """Set each overridden mark's points and reason (in place)."""
    by_student = {g.student: g for g in grades}
    done: dict[int, int] = {}  # each mark (by id) set, with the row that set it
    for o in overrides:
        grade = by_student.get(o.student)
        if grade is None:
            raise OverrideError(f"{source}: row {o.row}: no student {o.student!r}")
        mark = next((m for m in grade.marks if m.quantity in (o.quantity, key_name(o.quantity))),
                    None)  # fmt: skip
        if mark is None:
            raise OverrideError(f"{source}: row {o.row}: {o.student} has no graded quantity "
                                f"{o.quantity!r}")  # fmt: skip
        if id(mark) in done:  # two rows for one mark: which the teacher meant is not ours
            raise OverrideError(f"{source}: row {o.row}: {o.student}'s {mark.quantity} is set "
                                f"on row {done[id(mark)]} already")  # fmt: skip
        done[id(mark)] = o.row
        if o.points > mark.points:
            raise OverrideError(f"{source}: row {o.row}: {o.quantity} is worth {mark.points:g}, "
                                f"not {o.points:g}")  # fmt: skip
        mark.earned = o.points
        mark.override = o.reason or "set by the teacher"
