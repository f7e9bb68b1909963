"""Lists of numbers as pages write them outside LaTeX: a Python list in a code span,
``X = [[1.0, 2.0]]`` or ``y_true = [[0, 1, 0]]``, is the matrix (or vector) the maths would
write, ``$X = [[1.0, 2.0]]$``; its name is the identifier as the page's LaTeX writes it
(``y_true`` is ``y_{\\text{true}}``, ``logits`` is ``\\text{logits}``), so the entries are the
components the maths names.

>>> code_lists_as_maths("Input: `X = [[1.0, 2.0]]` (1 sample)")
'Input: $X = [[1.0, 2.0]]$ (1 sample)'
>>> code_lists_as_maths("| 2 | softmax | `y_pred = [0.098, 0.659, 0.242]` |")
'| 2 | softmax | $y_{\\\\text{pred}} = [0.098, 0.659, 0.242]$ |'
"""

from __future__ import annotations

import re

__all__ = ["code_lists_as_maths", "latex_name"]

_NUMBER = r"\s*[-−]?(?:\d+\.?\d*|\.\d+)\s*"
_ROW = rf"\[{_NUMBER}(?:,{_NUMBER})*,?\s*\]"
# `name = [...]` or `name = [[...], [...]]`: numbers only, nothing else in the span
_ROWS = rf"\[\s*{_ROW}(?:\s*,\s*{_ROW})*\s*,?\s*\]"
_CODE_LIST = re.compile(rf"`\s*([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)\s*=\s*({_ROW}|{_ROWS})\s*`")


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

    return _CODE_LIST.sub(maths, text)
