"""A class of made-up students, for trying the grader and testing it: each hands in the key's
working as a careful student writes it (rounded numbers carried forward), in one of several
notations, with at most one realistic slip planted, and says which.

The kinds of slip it plants (``PLANTED``; not the checker's slip records,
``autograd.audit.slips.SLIPS``):

- ``sign``: a local derivative written with its sign dropped (its later uses are right);
- ``power of ten``: a derivative of the loss written ten times too large;
- ``transposed``: two adjacent nonzero digits of a forward-pass result swapped;
- ``given``: a parameter copied wrong from the problem, the whole working then done
  consistently with it (follow-through: one slip, everything after it carried);
- ``missing``: an update never written (nor the forward pass after the step);
- ``garbled``: an update written so that nothing can read it (not understood), and no
  forward pass after the step.

Notations: the key's own; ``d`` for ``∂`` (``dL/dw``); the loss called ``E``; ``out``:
each value of the forward pass but the loss renamed ``out_z`` (a name the key lacks: the
grader finds it by its place in the graph). Any notation goes with any slip.

>>> students = classroom(PROBLEM, 4, seed=1)
>>> [s.slip for s in students]
[None, 'sign', 'power of ten', 'transposed']
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["PLANTED", "PROBLEM", "Student", "classroom", "write_class"]

PLANTED = ("sign", "power of ten", "transposed", "given", "missing", "garbled")
NOTATIONS = ("key", "d", "E", "out")
PROBLEM = """\
x1 = 0.5, x2 = -1, y = 1, α = 0.5
w1 = 0.2, w2 = -0.4, b = 0.1
z = w1 x1 + w2 x2 + b
a = σ(z)
L = ½(y − a)^2
"""


@dataclass
class Student:
    """A made-up submission: its text, and the slip planted in it (None: clean work)."""

    name: str
    text: str
    slip: str | None = None
    quantity: str | None = None  # the key's name of the quantity slipped (or miscopied)
    line: int | None = None  # the line of the slip
    notation: str = "key"


def classroom(problem: str, size: int, seed: int = 0, slips: tuple[str, ...] = PLANTED,
              clean: int = 1) -> list[Student]:  # fmt: skip
    """``size`` students for ``problem`` (a worksheet's text): in turn ``clean`` with clean
    work, then one with each slip of ``slips``; deterministic in ``seed``."""
    from ..audit.read_text import read_text
    from ..audit.solve import solve_part

    part = read_text(problem, "problem").parts[0]
    key = solve_part(part, 4, "rounded")
    rng = random.Random(seed)
    cycle: list[str | None] = [None] * clean + list(slips)
    out = []
    for i in range(size):
        slip = cycle[i % len(cycle)]
        student = Student(f"student-{i + 1:04}", "", slip)
        lines = key.text(front=False).split("\n")
        if slip == "given":
            lines = _miscopied(part, key, rng, student)
        elif slip is not None:
            _plant(lines, key, slip, rng, student)
        student.notation = NOTATIONS[rng.randrange(len(NOTATIONS))]
        student.text = _notation("\n".join(lines), student.notation, key) + "\n"
        out.append(student)
    return out


def write_class(students: list[Student], folder: str | Path) -> Path:
    """Each student's text as ``folder/NAME.txt``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for s in students:
        (folder / f"{s.name}.txt").write_text(s.text, encoding="utf-8")
    return folder


def _section(key: Any, name: str) -> list:
    return [line for line in key.lines if line.section == name]


def _find(lines: list[str], quantity: str) -> int:
    return next(i for i, text in enumerate(lines) if text.startswith(quantity + " = "))


def _plant(lines: list[str], key: Any, slip: str, rng: random.Random, student: Student) -> None:
    from ..audit.worksheet import show

    if slip in ("missing", "garbled"):
        line = rng.choice(_section(key, "updates"))
        name = show(line.quantity)
        i = _find(lines, name)
        student.quantity, student.line = name, i + 1
        del lines[lines.index("# after the step"):]  # it would write the update again
        if slip == "missing":
            del lines[i]
            student.line = None
        else:
            lines[i] = f"{name} = {name[:-1]} ??? ~~ #!"
        return
    section = {"sign": "local derivatives", "transposed": "forward pass"}.get(
        slip, f"the derivatives of {key.loss}")  # fmt: skip
    choices = [line for line in _section(key, section) if _slippable(line.result, slip)]
    line = rng.choice(choices)
    name = show(line.quantity)
    i = _find(lines, name)
    wrong = _slipped(line.result, slip)
    lines[i] = lines[i][: lines[i].rindex(" = ")] + " = " + wrong
    student.quantity, student.line = name, i + 1


def _slippable(result: str, slip: str) -> bool:
    value = Decimal(result.replace("−", "-"))
    if value == 0:
        return False
    if slip == "transposed":
        return _pair(result) is not None
    return True


def _slipped(result: str, slip: str) -> str:
    if slip == "sign":
        return result[1:] if result.startswith(("−", "-")) else "−" + result
    if slip == "power of ten":
        return str(Decimal(result.replace("−", "-")).scaleb(1)).replace("-", "−")
    a = _pair(result)
    if a is None:
        raise ValueError(f"no two adjacent digits to swap in {result}")
    return result[:a] + result[a + 1] + result[a] + result[a + 2:]


def _pair(result: str) -> int | None:
    """Where two adjacent different nonzero digits start (swapping a zero in would read as
    a power of ten), past the first significant one."""
    for a in range(len(result) - 1):
        x, y = result[a], result[a + 1]
        if x.isdigit() and y.isdigit() and x != y and "0" not in (x, y):
            return a
    return None


def _miscopied(part: Any, key: Any, rng: random.Random, student: Student) -> list[str]:
    """The whole working done with one parameter copied wrong (a digit changed)."""
    from ..audit.solve import solve_part

    name = rng.choice(key.parameters)
    right = Decimal(key.givens[name].replace("−", "-"))
    wrong = right + Decimal("0.1") * rng.choice((-2, -1, 1, 2))
    if wrong == 0:
        wrong = right + Decimal("0.3")
    lines = solve_part(part, 4, "rounded", {name: str(wrong)}).text(front=False).split("\n")
    student.quantity = name
    student.line = next(i + 1 for i, t in enumerate(lines) if re.search(rf"\b{name} = ", t))
    return lines


def _notation(text: str, notation: str, key: Any) -> str:
    from ..audit.worksheet import show

    if notation == "d":
        return text.replace("∂", "d")
    if notation == "E" and key.loss == "L" and not re.search(r"(?<![\w∂])E(?!\w)", text):
        return _renamed(text, "L", "E")
    if notation == "out":
        for line in _section(key, "forward pass"):
            name = show(line.quantity)
            if name != key.loss:
                text = _renamed(text, name, "out_" + name)
    return text


def _renamed(text: str, name: str, new: str) -> str:
    """``name`` written ``new`` wherever it stands alone (``∂L/∂z``, ``z'``, not ``z1``); the
    comments are left as they are."""
    lines = text.split("\n")
    return "\n".join(t if t.startswith("#") else re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", new, t)
                     for t in lines)  # fmt: skip
