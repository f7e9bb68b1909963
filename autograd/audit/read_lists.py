"""Lists of numbers as pages write them outside LaTeX: a Python list in a code span,
``X = [[1.0, 2.0]]`` or ``y_true = [[0, 1, 0]]``, is the matrix (or vector) the maths would
write, ``$X = [[1.0, 2.0]]$``; its name is the identifier as the page's LaTeX writes it
(``y_true`` is ``y_{\\text{true}}``, ``logits`` is ``\\text{logits}``), so the entries are the
components the maths names.

>>> code_lists_as_maths("Input: `X = [[1.0, 2.0]]` (1 sample)")
'Input: $X = [[1.0, 2.0]]$ (1 sample)'
>>> code_lists_as_maths("| 2 | softmax | `y_pred = [0.098, 0.659, 0.242]` |")
'| 2 | softmax | $y_{\\\\text{pred}} = [0.098, 0.659, 0.242]$ |'
>>> code_lists_as_maths("| 4 | gradient (p - y) | `[0.1, -0.1]` |")
'| 4 | gradient (p - y) | $p - y = [0.1, -0.1]$ |'
"""

from __future__ import annotations

import re

__all__ = ["code_lists_as_maths", "latex_name"]

_NUMBER = r"\s*[-−]?(?:\d+\.?\d*|\.\d+)\s*"
_ROW = rf"\[{_NUMBER}(?:,{_NUMBER})*,?\s*\]"
# `name = [...]` or `name = [[...], [...]]`: numbers only, nothing else in the span
_ROWS = rf"\[\s*{_ROW}(?:\s*,\s*{_ROW})*\s*,?\s*\]"
_CODE_LIST = re.compile(rf"`\s*([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)\s*=\s*({_ROW}|{_ROWS})\s*`")


# `loss ≈ 0.417`: a name and a number in a code span, approximately (an = is read as it is)
_CODE_APPROX = re.compile(
    r"`\s*([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)\s*≈\s*(-?(?:\d+\.?\d*|\.\d+))\s*`")
_ID = r"[A-Za-z][A-Za-z0-9]*(?:\\?_[A-Za-z0-9]+)?"  # y_pred, or y\_pred as Markdown escapes it
# a table row's words that give a formula in brackets: "Get gradient (y\_pred - y\_true)"
_FORMULA_SAID = re.compile(rf"\(\s*({_ID}(?:\s*[-+*/]\s*{_ID})+)\s*\)")
_BARE_LIST = re.compile(rf"\s*(?:`\s*({_ROW})\s*`|\$\s*({_ROW})\s*\$)\s*")  # a cell: a list alone


def latex_name(identifier: str) -> str:
    """A code identifier as LaTeX writes the name: ``y_true`` → ``y_{\\text{true}}``, ``x_1`` →
    ``x_{1}``, a word (``logits``) upright, a letter (``X``, ``W1``) as it is."""
    base, _, index = identifier.partition("_")
    if len(base) > 1 and not re.fullmatch(r"[A-Za-z]\d*", base):
        base = f"\\text{{{base}}}"
    if not index:
        return base
    if index.isdigit() or len(index) == 1:
        return f"{base}_{{{index}}}"
    return f"{base}_{{\\text{{{index}}}}}"


def code_lists_as_maths(text: str) -> str:
    """``text`` with each code span that gives a name a list of numbers written as maths."""

    def maths(m: re.Match[str]) -> str:
        return f"${latex_name(m[1])} = {m[2].replace('−', '-')}$"

    text = _CODE_APPROX.sub(lambda m: f"${latex_name(m[1])} \\approx {m[2]}$", text)
    return "\n".join(_row_named(line) for line in _CODE_LIST.sub(maths, text).split("\n"))


def _row_named(line: str) -> str:
    """A table row whose one cell is a list of numbers alone and whose words give one formula
    in brackets (``| Get gradient (y_pred - y_true) | `[0.098, -0.341]` |``): the list is
    that formula's value, ``$y_{\\text{pred}} - y_{\\text{true}} = [0.098, -0.341]$``."""
    if not line.lstrip().startswith("|"):
        return line
    cells = line.split("|")
    lists = [k for k, cell in enumerate(cells) if _BARE_LIST.fullmatch(cell)]
    said = [m for k, cell in enumerate(cells) if k not in lists
            for m in _FORMULA_SAID.finditer(cell)]  # fmt: skip
    if len(lists) != 1 or len(said) != 1:
        return line
    listed = _BARE_LIST.fullmatch(cells[lists[0]])
    formula = re.sub(_ID, lambda m: latex_name(m[0].replace("\\_", "_")), said[0][1])
    cells[lists[0]] = f" ${formula} = {listed[1] or listed[2]}$ "
    return "|".join(cells)
