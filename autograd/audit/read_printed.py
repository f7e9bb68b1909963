"""An array as a library prints it beside its shape: ``<tf.Tensor: shape=(2, 3), …,
numpy=array([[…], […]])>``, ``torch.Size([2, 3])`` over ``tensor([[…]])``, or a list and its
shape in words after it (``X = [[1.0, 2.0]] (1 sample, 2 features)``): the shape written is
the number of rows and entries of the array printed with it, a claim ``properties`` judges.

>>> shape_lines(["<tf.Tensor: shape=(2,), dtype=float32,", "", "numpy=array([0.1, 0.2])>"])
[(1, '⟦shape⟧ 2 ⟦of⟧ 2 ⟦as⟧ shape=(2,)')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from .worksheet import Claim

__all__ = ["SHAPE", "shape_claim", "shape_lines"]

SHAPE = "⟦shape⟧"  # opens a line read_lines takes as a shape claim (brackets no page writes)
_OF, _AS = "⟦of⟧", "⟦as⟧"
_SHAPE = re.compile(
    r"shape\s*=\s*\(\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*\)"
    r"|torch\.Size\(\s*\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]\s*\)")
# (1 sample, 2 features) after a list: its rows are the samples, its columns the features
_SAID = re.compile(r"(\d{1,4})\s+(?:samples?|examples?|rows?)\s*,\s*(\d{1,4})\s+"
                   r"(?:features?|columns?|inputs?)\b")
_OPENS = re.compile(r"(?:numpy\s*=\s*)?(?:array|tensor)\s*\(\s*\[|numpy\s*=\s*\[")
#: How far below its shape an array may begin, and how many lines it may run over.
NEAR, LONGEST = 3, 200


def shape_lines(texts: list[str]) -> list[tuple[int, str]]:
    """Each shape written (numbered from 1) with the shape of the array printed with it, on
    its line or just below, as a line for ``read_lines``; none where no array follows."""
    found = []
    for k, text in enumerate(texts):
        said = _SAID.search(text)  # X = [[1.0, 2.0]] (1 sample, 2 features): the list's shape
        if said and "[" in text[: said.start()]:
            shape = _shape(text[text.index("[") :])
            if shape is not None and len(shape) == 2:
                written = f"{said[1]},{said[2]}"
                found.append((k + 1, f"{SHAPE} {written} {_OF} {shape[0]},{shape[1]} {_AS} "
                                     f"{said[0]}"))  # fmt: skip
            continue
        m = _SHAPE.search(text)
        if not m:
            continue
        written = [int(d) for d in re.split(r"\s*,\s*", m[1] or m[2])]
        start = next(((j, o.start()) for j in range(k, min(k + NEAR + 1, len(texts)))
                      if (o := _OPENS.search(texts[j], m.end() if j == k else 0))), None)
        if start is None:
            continue
        j, at = start
        printed = "\n".join([texts[j][at:], *texts[j + 1 : j + LONGEST]])
        shape = _shape(printed[printed.index("[") :])
        if shape is None:
            continue
        found.append((k + 1, f"{SHAPE} {','.join(map(str, written))} {_OF} "
                             f"{','.join(map(str, shape))} {_AS} {m[0]}"))  # fmt: skip
    return found


def _shape(text: str) -> list[int] | None:
    """The shape of the nested list ``text`` opens (``[[1, 2], [3, 4]]`` → [2, 2]), read to
    its closing bracket; None where its rows differ in length or it never closes."""
    counts: list[list[int]] = []  # per depth, the number of items of each list closed there
    items: list[int] = []  # per open list, its items so far
    seen = False  # whether the open list holds anything since its last comma
    for c in text:
        if c == "[":
            items.append(0)
            seen = False
        elif c == "]":
            n = items.pop() + seen
            depth = len(items)
            while len(counts) <= depth:
                counts.append([])
            counts[depth].append(n)
            seen = True
            if not items:
                shape = [counts[d][0] for d in range(len(counts))]
                return shape if all(len(set(c)) == 1 for c in counts) else None
        elif c == "," and items:
            items[-1] += seen
            seen = False
        elif not c.isspace() and items:
            seen = True
    return None


def shape_claim(text: str, line: int) -> Claim:
    """The claim a ``shape_lines`` line makes: the shape written (``members``) and the
    printed array's (``vector``)."""
    written, rest = text[len(SHAPE) :].split(_OF)
    shape, said = rest.split(_AS)
    dims = lambda s: tuple(Decimal(d) for d in s.strip().split(","))  # noqa: E731
    return Claim(line, "shape", said.strip(), dims(written), vector=dims(shape), kind="shape")
