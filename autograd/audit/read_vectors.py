"""A quantity worked out as a vector written with commas, one component after another:

    CE = −Σ t log(p)
       = −(1·log(0.84) + 0·log(0.11)), −(0·log(0.02) + 1·log(0.97))
       = 0.17, 0.03

Each line after the first begins with ``=`` and lists as many values, separated by commas
outside brackets, as every other line of the run: the i-th of each line is the i-th component
of the quantity on the left, ``CE_1`` and ``CE_2``, each a chain of its own whose links stand
on their lines. A line of values the run cannot name (no quantity above it, lines of
different lengths, or one line alone under a formula: values no working shows) is not
understood, with why.
"""

from __future__ import annotations

import re

from .read_scopes import HEADING

__all__ = ["COMMAS", "top_level", "vectors_continued"]

COMMAS = "values separated by commas: a vector whose components are named nowhere"
#: The most components read as one vector: a row of a page, not a data set.
MAX_COMPONENTS = 20
_FUNCTION = re.compile(r"\b(?:log|ln|exp|sqrt|tanh|max|min|e)\b")


def _reads_a_name(formula: str) -> bool:
    """Whether ``formula`` reads a quantity (``−Σ t log(p)``), not numbers alone."""
    return bool(re.search(r"[^\W\d_]", _FUNCTION.sub("", formula)))

_HEAD = re.compile(r"\s*([^\W\d][^\W\d_]*(?:_[^\W\d_]+)?'?)\s*=(?!=)(.*)")


def top_level(text: str) -> list[str]:
    """``text`` split at its commas outside brackets (a comma between digits, ``0,5``, is a
    decimal comma and stays).

    >>> top_level("-(1·log(0.8) + 0), 0.5, max(0, z)")
    ['-(1·log(0.8) + 0)', '0.5', 'max(0, z)']
    """
    pieces, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c in "([{") - (c in ")]}")
        between_digits = text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()
        if depth == 0 and c == "," and not between_digits:
            pieces.append(text[start:i].strip())
            start = i + 1
    return [*pieces, text[start:].strip()]


def _values(text: str) -> list[str] | None:
    """The values of a line ``= a, b, …`` (two or more), else None."""
    m = re.match(r"\s*=(?!=)(.*)", text)
    if not m:
        return None
    pieces = top_level(m[1])
    return pieces if 1 < len(pieces) <= MAX_COMPONENTS and all(pieces) else None


def vectors_continued(
    lines: list[tuple[int, str]], unreadable: str, row: str
) -> list[tuple[int, str]]:
    """``lines`` with each run of ``= a, b`` lines under ``Q = …`` written as one chain per
    component (``Q_1 = a = …``, its links marked with their lines), at the run's first line;
    a ``= a, b`` line that is no such run marked not understood (``unreadable`` is the mark
    that opens and closes the reason, ``row`` the one around a link's line: read_text's)."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(lines):
        number, text = lines[k]
        values = _values(text)
        if values is None:
            out.append((number, text))
            k += 1
            continue
        run = [(number, values)]
        k += 1
        while k < len(lines) and (more := _values(lines[k][1])) and len(more) == len(values):
            run.append((lines[k][0], more))
            k += 1
        head = _HEAD.fullmatch(out[-1][1]) if out and not out[-1][1].startswith(HEADING) else None
        if head:
            first = _values("=" + head[2])
            if first is not None and len(first) == len(values):  # Q = a, b: the first row
                run.insert(0, (out.pop()[0], first))
            elif len(run) < 2:  # Q = f, then = a, b alone: nothing of the components to judge
                head = None
            elif first is not None or not _reads_a_name(head[2].split("=")[-1]):
                head = None  # Q = 2, Q = −(1·log(0.5)): one number, not the vector below
        if head is None:
            why = f"{unreadable} {COMMAS} {unreadable}"
            out += [(n, f"{why} {t}") for n, t in lines[k - len(run) : k]]
            continue
        name = head[1]
        for i in range(len(values)):
            links = [f"{row}{n}{row}= {values[i]}" for n, values in run]
            out.append((run[0][0], f"{name}_{i + 1} " + " ".join(links)))
    return out
