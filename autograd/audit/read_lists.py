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
from decimal import Decimal

from .read_matrix import FIRST_INDEX
from .read_table import RULE
from .read_table import cells as table_cells  # the cells of a row, split outside maths
from .read_text import unreadable

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
# words that do something to the bracket: its mean, twice it, it divided by 3 (the list is
# then not the formula's value)
_OPERATED = re.compile(
    r"\b(?:of|by|times|twice|double|half|mean|average|sum|total|scaled|divided|multiplied"
    r"|squared|negated|negative|minus|plus|over|per|norm)\b",
    re.IGNORECASE,
)
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
    """``text`` with each code span that gives a name a list of numbers written as maths. A
    list whose components the page names where it does not settle whether it counts them
    from 0 (as the code does) or from 1 (only ``w_1`` of ``w = [0.5, -0.3]``: the first or
    the second?) is not read, and says so (``counted_from``).

    >>> code_lists_as_maths("`w = [0.5, -0.3]`, then $w_1 x$").split("⟂")[1].strip()
    'w = [0.5, -0.3]: counted from 0 or from 1? the page writes w_1 alone of its components'
    """

    def maths(m: re.Match[str]) -> str:
        numbers = [n.strip().replace("−", "-") for n in re.findall(_NUMBER, m[2])]
        first = counted_from(text, m[1], len(re.findall(_NUMBER, m[2].rsplit("[", 1)[-1])))
        if first is None:
            why = (f"{m[1]} = {m[2].strip()}: counted from 0 or from 1? the page writes "
                   f"{' and '.join(f'{m[1]}_{i}' for i in _indexed(text, m[1]))} alone of its "
                   "components")
            return f"`{unreadable(why, m[0].strip('`'))}`"
        if first != FIRST_INDEX.get() and m[2].count("[") == 1:  # w[0] on a page counting from 1
            return ", ".join(f"${latex_name(f'{m[1]}_{k}')} = {n}$"
                             for k, n in enumerate(numbers, first))  # fmt: skip
        return f"${latex_name(m[1])} = {m[2].replace('−', '-')}$"

    text = _CODE_APPROX.sub(lambda m: f"${latex_name(m[1])} \\approx {m[2]}$", text)
    lines = [_row_named(line) for line in _CODE_LIST.sub(maths, text).split("\n")]
    return "\n".join(_percents_by_class(lines))


def counted_from(text: str, name: str, entries: int) -> int | None:
    """Where ``text`` counts the components of ``name``, a list of ``entries`` numbers from:
    0 where it indexes it as code does (``w[0]``) or writes ``w_0``, 1 where it writes
    ``w_{entries}``, the page's count (``FIRST_INDEX``) where it writes none of them, and
    None where it writes only indices either count gives (``w_1`` of two: unsettled).

    >>> counted_from("$w_1 = 0.5$, $w_2 = -0.3$", "w", 2), counted_from("w[1]", "w", 2)
    (1, 0)
    >>> counted_from("$w_1 x_1$", "w", 2) is None
    True
    """
    if re.search(rf"(?<![\w\\]){re.escape(name)}\[\s*\d", text):
        return 0
    written = {int(i) for i in _indexed(text, name)}
    if 0 in written:
        return 0
    if entries in written or not written & set(range(1, entries)):
        return 1 if entries in written else FIRST_INDEX.get()
    return None


def _indexed(text: str, name: str) -> list[str]:
    """The indices ``text`` writes ``name`` with (1 of ``w_1``, 2 of ``w_{2}``), in order, once
    each."""
    found = re.findall(rf"(?<![\w\\]){re.escape(name)}_\{{?(\d+)\}}?(?![\d.])", text)
    return list(dict.fromkeys(found))


_PERCENT_OF = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*([A-Za-z]+)\s*")  # 100% cat
_FIRST_WORD = re.compile(r"[\s*_]*([A-Za-z]+)")


def _percents_by_class(lines: list[str]) -> list[str]:
    """A table whose rows are classes (``| Cat (class 0) | $[1, 0, 0]$ | 100% cat, 0% dog,
    0% bird |``): a cell that says each class's share in percent restates the row's vector, its
    entries in the order of the rows' classes, named by the header of the vector's column
    (``One-hot``): the row is read as ``$\\text{onehot} = [1, 0, 0] = [1.00, 0.00, 0.00]$``,
    each share judged against its entry. A word that names no row, or shares not one for each
    entry, stay prose."""
    k = 0
    while k + 1 < len(lines):
        if not (lines[k].lstrip().startswith("|") and RULE.match(lines[k + 1])):
            k += 1
            continue
        header, body = table_cells(lines[k]), k + 2
        end = body
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        words = [m[1].lower() if (m := _FIRST_WORD.match(table_cells(lines[j])[0])) else ""
                 for j in range(body, end)]  # fmt: skip
        classes = {w: n for n, w in enumerate(words)}
        if len(classes) == len(words) > 1:  # each row a class of its own
            for j in range(body, end):
                lines[j] = _shares_read(lines[j], header, classes)
        k = end
    return lines


def _shares_read(line: str, header: list[str], classes: dict[str, int]) -> str:
    cells = table_cells(line)
    lists = [n for n, cell in enumerate(cells) if _BARE_LIST.fullmatch(cell)]
    if len(lists) != 1:
        return line
    m = _BARE_LIST.fullmatch(cells[lists[0]])
    entries = (m[1] or m[2]).strip()[1:-1].split(",")
    for n, cell in enumerate(cells):
        items = cell.split(",")
        said = [_PERCENT_OF.fullmatch(item) for item in items]
        if n == lists[0] or not all(said) or len(items) != len(entries) != len(classes):
            continue
        at = {classes.get(s[2].lower().rstrip("s")) for s in said if s}
        if at != set(range(len(entries))):
            continue
        shares = [""] * len(entries)
        for s in said:
            if s:
                shares[classes[s[2].lower().rstrip("s")]] = _as_fraction(s[1])
        name = latex_name(re.sub(r"[^A-Za-z0-9]", "", header[lists[0]]).lower() or "v")
        # one chain, the shares after the entries: each share judged against its entry
        cells[lists[0]] = f" ${name} = {m[1] or m[2]} = [{', '.join(shares)}]$ "
        cells[n] = ""
        return "| " + " | ".join(c.strip() for c in cells) + " |"
    return line


def _as_fraction(percent: str) -> str:
    """A percentage as the fraction it is, to the same digits (as the chain reader takes
    88.08%): 100 → 1.00, 66.5 → 0.665."""
    return str(Decimal(percent).scaleb(-2))


def _row_named(line: str) -> str:
    """A table row whose one cell is a list of numbers alone and whose words give one formula
    in brackets (``| Get gradient (y_pred - y_true) | `[0.098, -0.341]` |``): the list is
    that formula's value, ``$y_{\\text{pred}} - y_{\\text{true}} = [0.098, -0.341]$``."""
    if not line.lstrip().startswith("|"):
        return line
    cells = line.split("|")
    lists = [k for k, cell in enumerate(cells) if _BARE_LIST.fullmatch(cell)]
    said = [(m, cell) for k, cell in enumerate(cells) if k not in lists
            for m in _FORMULA_SAID.finditer(cell)]  # fmt: skip
    if len(lists) != 1 or len(said) != 1:
        return line
    found, cell = said[0]
    if cell[found.end() :].strip(" .:") or _OPERATED.search(cell[: found.start()]):
        return line  # the bracket named, not what the words make of it (its mean, twice it)
    listed = _BARE_LIST.fullmatch(cells[lists[0]])
    formula = re.sub(_ID, lambda m: latex_name(m[0].replace("\\_", "_")), found[1])
    cells[lists[0]] = f" ${formula} = {listed[1] or listed[2]}$ "
    return "|".join(cells)
