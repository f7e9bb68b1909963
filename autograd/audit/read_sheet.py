"""Reading a spreadsheet pasted as text: a row of column letters, then numbered rows of cells,
each a value and, in brackets, the formula that computes it, as blogs print their sheets.

Each cell is a quantity named as the sheet names it (``E2``); a formula's bare column letter
is the cell of that column in its own row (``B*C+D`` in row 2 is ``B2*C2+D2``), as such sheets
abbreviate them. Blank cells are not printed, so a row's cells are placed from the column
whose formulas the earlier rows share (``tanh(E)`` stands in column F wherever it is written);
rows with no value (titles) are passed over.

>>> text = "  A B C D\\n1   x y z\\n2 Row: 2 3 6 (B*C)"
>>> [line for _, line in sheet_lines(list(enumerate(text.splitlines(), 1)))]
['', '', 'B2 = 2, C2 = 3, D2 = B2*C2 = 6']
"""

from __future__ import annotations

import re

__all__ = ["sheet_lines"]

_LETTERS = re.compile(r"\s*A(?: +[B-Z])+\s*")  # the column letters: A B C …
_ROW = re.compile(r"\s*(\d+)\s+(?:.*?:\s+)?(.*)")  # 2 Neuron maths: 0.4 0.5 …
_CELL = re.compile(r"([-−–]?(?:\d+\.?\d*|\.\d+))(?:\s*\(((?:[^()]|\([^()]*\))*)\))?")


def sheet_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with a spreadsheet's rows as equations (``E2 = B2*C2+D2 = 0.8``), each on
    its own line; its letters and title rows blank. Lines of no sheet are returned as they are."""
    out = list(lines)
    for at, (_, text) in enumerate(lines):
        if _LETTERS.fullmatch(text):
            columns = text.split()
            _read_rows(out, at + 1, columns)
    return out


def _read_rows(out: list[tuple[int, str]], start: int, columns: list[str]) -> None:
    out[start - 1] = (out[start - 1][0], "")
    seen: dict[str, set[str]] = {}  # column → the formulas written in it, rows relative
    for at in range(start, len(out)):
        number, text = out[at]
        row = _ROW.fullmatch(text)
        if not row:
            return
        cells = _cells(row.group(2))
        if not cells:
            out[at] = (number, "")  # a row of titles
            continue
        first = _placed(cells, columns, seen)
        equations = []
        for k, (value, formula) in enumerate(cells):
            column = columns[min(first + k, len(columns) - 1)]
            name = f"{column}{row.group(1)}"
            if formula:
                seen.setdefault(column, set()).add(_relative(formula, columns))
                equations.append(f"{name} = {_absolute(formula, columns, row.group(1))} = {value}")
            else:
                equations.append(f"{name} = {value}")
        out[at] = (number, ", ".join(equations))


def _cells(text: str) -> list[tuple[str, str]]:
    """The row's cells: (value, formula or ''), or none where it holds a word beside them."""
    cells, at = [], 0
    for m in _CELL.finditer(text):
        if text[at : m.start()].strip():
            return []  # words between the values: a row of titles or notes
        cells.append((m.group(1), (m.group(2) or "").strip()))
        at = m.end()
    return cells if not text[at:].strip() else []


def _placed(cells: list[tuple[str, str]], columns: list[str], seen: dict[str, set[str]]) -> int:
    """The column of the row's first printed cell (from B: A holds the row's name): the one
    that puts the most of its formulas under the same formulas of the rows above."""
    formulas = [_relative(f, columns) if f else "" for _, f in cells]

    def fits(first: int) -> int:
        return sum(f in seen.get(columns[first + k], ()) for k, f in enumerate(formulas) if f)

    starts = range(1, max(2, len(columns) - len(cells) + 1))
    return max(starts, key=lambda first: (fits(first), -first))


def _relative(formula: str, columns: list[str]) -> str:
    """A formula with no spaces, as written in any row (``B*C+D``)."""
    return re.sub(r"\s+", "", formula)


def _absolute(formula: str, columns: list[str], row: str) -> str:
    """The formula with each bare column letter the cell of that column in ``row``."""
    letters = "".join(c for c in columns if len(c) == 1)
    return re.sub(rf"(?<![\w.])([{letters}])(?![\w(])", rf"\g<1>{row}", formula)
