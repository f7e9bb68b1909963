"""A class named beside its one-hot label: ``Cat (class 0) | [1, 0, 0]``, ``y_true = [[0, 1,
0]] → class 1 is correct``. The class is the place of the label's 1, counted from 0 or from 1
as the page counts (``properties`` judges the lines of a table together, in one count).

>>> class_lines(["| Dog (class 1) | $[0, 1, 0]$ |", "x = 2", "class 3 of [1, 1]"])
[(1, '⟦class⟧ 1 ⟦of⟧ [0, 1, 0] ⟦as⟧ class 1 [0, 1, 0]')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from .worksheet import Claim

__all__ = ["CLASS", "class_claim", "class_lines"]

CLASS = "⟦class⟧"  # opens a line read_lines takes as a class claim (brackets no page writes)
_OF, _AS = "⟦of⟧", "⟦as⟧"
_NAMED = re.compile(r"(?<![\w-])[Cc]lass\s+(\d{1,3})(?![\w.])")
# a one-hot label: entries 0 and 1 (1.0, 0.0), one of them 1, in brackets (nested too)
# predicted class 0, but the label is [0, 1, 0]: the class named is not the label's
_CONTRAST = re.compile(r"(?i)\b(?:predict\w*|but|not|wrong\w*|instead|vs|versus|while|whereas)\b")
_ONE_HOT = re.compile(r"\[\s*([01](?:\.0+)?(?:\s*,\s*[01](?:\.0+)?){1,30})\s*\]")


def class_lines(texts: list[str]) -> list[tuple[int, str]]:
    """The lines (numbered from 1) that name one class beside one one-hot label, each as a
    line for ``read_lines``: the class, the label, and what the page wrote of them."""
    found = []
    for number, text in enumerate(texts, start=1):
        named = _NAMED.findall(text)
        labels = [m for m in _ONE_HOT.finditer(text)
                  if [Decimal(e) for e in re.split(r"\s*,\s*", m[1])].count(1) == 1]  # fmt: skip
        if len(named) != 1 or len(labels) != 1 or _CONTRAST.search(text):
            continue  # two classes or two labels on a line, or a class set against the label
        label = "[" + ", ".join(re.split(r"\s*,\s*", labels[0][1])) + "]"
        found.append((number, f"{CLASS} {named[0]} {_OF} {label} {_AS} class {named[0]} {label}"))
    return found


def class_claim(text: str, line: int) -> Claim:
    """The claim a ``class_lines`` line makes: the class (``members``), its label
    (``vector``)."""
    k, rest = text[len(CLASS) :].split(_OF)
    label, written = rest.split(_AS)
    vector = tuple(Decimal(e) for e in label.strip()[1:-1].split(","))
    return Claim(line, "class", written.strip(), (Decimal(k),), vector=vector, kind="class")
