"""Tables of a network's units as textbooks print them: a row per unit, keyed by its number
under a header that names the index (``| Unit j | Net input $I_j$ | Output $O_j$ |`` over
``| 4 | 0.2 + 0 − 0.5 − 0.4 = −0.7 | … |``), each cell the value of its column's symbol for
that unit (``I_4 = 0.2 + 0 − 0.5 − 0.4 = −0.7``); and a row per weight or bias with its new
value (``| Weight or bias | New value |`` over ``| $w_{46}$ | −0.3 + 0.9 × 0.1311 × 0.332 =
−0.261 |``: ``w_{46}' = …``). Such a table is read with or without the rule under its
header, as a reader reads it either way, and so is a row of givens under a header of
symbols. Each cell is rewritten in place as maths, so the
rows keep their lines.

>>> rows = "| Unit j | Net input $I_j$ |\\n|---|---|\\n| 4 | 0.2 + 0 - 0.5 = -0.3 |"
>>> print(unit_tables_as_maths(rows).splitlines()[2])
| 4 | $I_{4} = 0.2 + 0 - 0.5 = -0.3$ |
"""

from __future__ import annotations

import re

from .read_table import NUMBER, ROW, RULE, cells

__all__ = ["unit_tables_as_maths"]

# Unit j, Node $k$, j: the index the rows are keyed by, in the first header
_KEY = re.compile(r"[*_\s]*(?:(?i:unit|node|neuron)\s+)?\$?\s*([a-z])\s*\$?[*_\s]*")
_PARAMETERS = re.compile(r"[*_\s]*(?i:(?:weights?|bias(?:es)?|parameters?)(?:\s+or\s+\w+)?)[*_\s]*")
_NEW_VALUE = re.compile(r"[*_\s]*(?i:(?:new|updated)\s+values?)[*_\s]*")
_ONE_SYMBOL = re.compile(r"\s*\\?\$+\s*([^\W\d]\w*?(?:_\{?\w{1,4}\}?)?)\s*\\?\$+\s*")  # $$ x_{1} $$
_SYMBOL = re.compile(r"[^\W\d](?:_\{?\w{1,4}\}?)?")  # w_{46}, θ_4, b
# arithmetic of numbers as a cell prints it: digits, operators, brackets, e^…, \frac{…}{…}
_ARITHMETIC = re.compile(r"(?:\\?frac|[\d.\s+\-−*×·/^(){}=]|e(?![A-Za-z]))+")


def unit_tables_as_maths(text: str) -> str:
    """``text`` with the cells of its unit tables and new-value tables written as maths."""
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and ROW.match(lines[end]):
            end += 1
        if end - k < 2:
            k = end + 1
            continue
        headers = cells(lines[k])
        body = k + 2 if RULE.match(lines[k + 1]) else k + 1
        key = _KEY.fullmatch(headers[0])
        if key:
            symbols = [_indexed(h, key[1]) for h in headers]
            for n in range(body, end):
                lines[n] = _unit_row(cells(lines[n]), symbols)
        elif body == k + 1 and all(_ONE_SYMBOL.fullmatch(h) for h in headers):
            for n in range(body, end):  # | $x_1$ | $w_{14}$ | over | 1 | 0.2 |: givens
                lines[n] = _givens_row(cells(lines[n]), headers)
        elif _PARAMETERS.fullmatch(headers[0]):
            value = next((i for i, h in enumerate(headers) if _NEW_VALUE.fullmatch(h)), None)
            for n in range(body, end) if value else ():
                lines[n] = _new_value_row(cells(lines[n]), value)
        k = end
    return "\n".join(lines)


def _indexed(header: str, letter: str) -> str | None:
    """The symbol a header names with the rows' index (``Net input $I_j$``: ``I_{}``, to
    take the unit's number), or None."""
    m = re.search(rf"\$+\s*([^\W\d]\w*?)_\{{?{letter}\}}?\s*\$+", header)
    return f"{m[1]}_{{}}" if m else None


def _givens_row(row: list[str], headers: list[str]) -> str:
    """A row of numbers under a header of symbols with no rule between (a table with its
    rule it is ``tables_as_maths`` that reads): each number the value of its column's."""
    out = list(row)
    for i, (cell, header) in enumerate(zip(row, headers)):
        number = re.sub(r"^([-−])\s+", r"\1", cell.strip("*$ "))  # - 0.3: minus 0.3
        if NUMBER.fullmatch(number):
            out[i] = f"${_ONE_SYMBOL.fullmatch(header)[1]} = {number}$"  # type: ignore[index]
    return "| " + " | ".join(out) + " |"


def _unit_row(row: list[str], symbols: list[str | None]) -> str:
    unit = row[0].strip("*_ ")
    out = list(row)
    if re.fullmatch(r"\d{1,3}", unit):
        for i, (cell, symbol) in enumerate(zip(row, symbols)):
            body = _arithmetic(cell)
            if i and symbol and body:
                out[i] = f"${symbol.replace('{}', '{' + unit + '}')} = {body}$"
    return "| " + " | ".join(out) + " |"


def _new_value_row(row: list[str], value: int) -> str:
    out = list(row)
    symbol = re.sub(r"\\?\$|\s", "", row[0]).replace("*", "_")  # w*{25}: a formatter's _
    body = _arithmetic(row[value]) if value < len(row) else None
    if _SYMBOL.fullmatch(symbol) and body:
        out[0], out[value] = f"${symbol}$", f"${symbol}' = {body}$"  # its dollars paired again
    return "| " + " | ".join(out) + " |"


def _arithmetic(cell: str) -> str | None:
    """A cell's arithmetic of numbers as maths, else None: its dollars dropped (a formatter
    leaves them unpaired), ``/frac`` as ``\\frac``, ``_`` between factors as × (a formatter
    turns pairs of ``*`` into emphasis, and the rest into ``_``), ``e^-0.1`` as ``e^{-0.1}``."""
    text = re.sub(r"\\?\$", " ", cell).strip("* ")
    text = re.sub(r"(?<![\\\w])/?frac\b", r"\\frac", text)
    text = re.sub(r"(?<=[\d)])\s+_\s+(?=[\d(])", " × ", text)  # 0.474 _ (1 − 0.474)
    text = re.sub(r"\^\s*([-−]\s*[\d.]+)", r"^{\1}", text)  # e^-0.1: the power is −0.1
    if not re.search(r"\d", text) or not _ARITHMETIC.fullmatch(text):
        return None
    return " ".join(text.split())
