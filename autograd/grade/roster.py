r"""The students' variants: who was given which (the roster), the key of each variant (its
``variant-NN.txt``, as ``solve --variants`` wrote it), and whether the ``answers.csv`` written
beside them still agrees with those files.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "roster.csv").write_text("student,variant\nada,2\ngrace,01\n")
>>> read_roster(folder / "roster.csv")
{'ada': '2', 'grace': '1'}
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .. import files
from .key import Reference
from .marking import student_name

__all__ = ["answers_disagree", "read_roster", "roster_of", "variant_keys"]


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
        student = student_name(student)  # as submissions() names students
        if not student:
            continue
        given = _whole(variant)
        if given is None:
            raise ValueError(f"{path}: row {number}: expected a variant number for {student!r}, "
                             f"got {variant!r}")  # fmt: skip
        if out.setdefault(student, str(given)) != str(given):
            raise ValueError(f"{path}: row {number}: {student!r} is given variants "
                             f"{out[student]} and {given}")  # fmt: skip
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
        variant, part = _whole(row.get("variant") or ""), _whole(row.get("part") or "1")
        key = None if variant is None else keys.get(str(variant))
        if key is None or part is None or not 1 <= part <= len(key.parts):
            continue
        keyed = key.parts[part - 1]
        for name, text in row.items():
            if not isinstance(name, str) or not isinstance(text, str):
                continue  # a row longer than the header
            written, q = _decimal(text), keyed.quantity(name)
            right = keyed.givens.get(name, q.exact if q else None)
            if written is None or right is None:
                continue
            half = Decimal(5).scaleb(written.as_tuple().exponent - 1) if q else Decimal(0)
            if abs(float(written) - right) > float(half) * (1 + 1e-9) + 1e-12:
                found.append((str(variant), name, text.strip(),
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


def _whole(text: str) -> int | None:
    """A whole number written in ASCII digits (``"²"`` is a digit to ``str.isdigit``)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace("−", "-"))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def roster_of(variants: Path, roster: str | Path | None) -> dict[str, str]:
    """The roster given, else the student column of the variants' ``answers.csv``."""
    if roster is not None:
        return read_roster(roster)
    answers = variants / "answers.csv"
    try:
        return read_roster(answers)
    except ValueError:
        raise ValueError("grade: --variants needs --roster, a CSV of student,variant (or a "
                         f"student column in {answers})") from None


def variant_keys(variants: Path, people: dict[str, str]) -> dict[str, Reference]:
    """The key of each variant the roster gives, read from its ``variant-NN.txt``; a variant
    the folder does not hold is one line naming the student, before any grading."""
    for student, v in people.items():  # else "variant-99.txt: cannot read it", and whose?
        problem = f"variant-{int(v):02}.txt"
        if not (variants / problem).is_file():
            raise ValueError(f"grade: the roster gives {student!r} variant {v}, which "
                             f"{variants} does not hold (no {problem})")  # fmt: skip
    return {v: Reference.from_file(variants / f"variant-{int(v):02}.txt")
            for v in sorted(set(people.values()))}  # fmt: skip
