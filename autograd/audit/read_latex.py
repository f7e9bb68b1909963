"""Reading a Markdown document with LaTeX maths, as students write it in Jupyter or Overleaf and
as OCR tools produce it from a photo of handwriting: its front matter, its maths
(``read_maths``), the equations in its prose (``read_prose_lines``), its tables and code
spans, in the order written, as the numbered lines ``read_lines`` reads, so every front end
gives the same model."""

from __future__ import annotations

import re

from .functions_named import functions_as_named, functions_named
from .read_classes import class_lines
from .read_lists import code_lists_as_maths
from .read_maths import math_lines
from .read_matrix import (
    FIRST_INDEX,
)
from .read_printed import shape_lines
from .read_prose_lines import prose_lines
from .read_scopes import HEADING
from .read_table import join_lines, label_lines, order_lines, tables_as_maths
from .read_text import editor_text, opens_front_matter, read_lines
from .read_tuples import tuples_named_as_maths
from .read_unit_tables import unit_tables_as_maths
from .worksheet import Worksheet

__all__ = ["gradients_as_partials", "markdown_lines", "read_markdown"]


_FENCE = re.compile(r"^\s*(```|~~~)")


def read_markdown(text: str, source: str = "worksheet") -> Worksheet:
    """A Markdown document's maths as the model; a front matter (plain text) may open it,
    and each later ``---`` block starts a new part (a ``---`` that opens no front matter is
    a rule). Equations written as plain text outside the maths are read too; code blocks
    are not maths.

    >>> aligned = "$$\\\\begin{aligned} f &= x^2 \\\\\\\\ &= 9 \\\\end{aligned}$$"
    >>> sheet = read_markdown("Given $x = 3$ and\\n" + aligned)
    >>> [c.source for c in sheet.parts[0].chains]
    ['x = 3', 'f = x^2 = 9']
    """
    return read_lines(markdown_lines(text), source)


# (w_1, w_2) = (1, 0): the variables of a point, and its coordinates
_POINT = re.compile(
    r"\(\s*((?:[A-Za-z](?:_\{?\w{1,4}\}?)?\s*,\s*){1,8}[A-Za-z](?:_\{?\w{1,4}\}?)?)\s*\)\s*=\s*"
    r"\(\s*((?:-?\d+(?:\.\d+)?\s*,\s*(?:\\,\s*)?){1,8}-?\d+(?:\.\d+)?)\s*\)")
# ∇L|_{(1, 0)}: the gradient of L at a point, its coordinates written
_GRADIENT = re.compile(
    r"\\nabla\s*([A-Za-z](?:_\{?\w{1,8}\}?)?)\s*(?:\\[bB]ig{1,2}\s*)?(?:\|_\{\s*\(([^(){}]*)\)\s*\})?")


def gradients_as_partials(text: str) -> str:
    r"""Each gradient written at a point (``\nabla L\big|_{(1,\,0)}``) as the column of its
    partials by the variables of the point the page wrote last with those coordinates
    (``(w_1, w_2) = (1, 0)``), so a vector written for it is read component by component:
    ``∂L/∂w1 = −2``, ``∂L/∂w2 = −6``. A gradient at no such point stays as written.

    >>> gradients_as_partials("$(w_1, w_2) = (1, 0)$, $\\nabla L|_{(1,\\,0)} = [-2, -6]$")[-30:]
    'w_2} \\end{bmatrix} = [-2, -6]$'
    """
    points = [(m.end(), [n.strip() for n in m[1].split(",")], _coordinates(m[2]))
              for m in _POINT.finditer(text)]  # fmt: skip

    def partials(m: re.Match[str]) -> str:
        at = _coordinates(m[2]) if m[2] is not None else None
        names = next((names for end, names, values in reversed(points)
                      if end <= m.start() and (at is None or values == at)), None)  # fmt: skip
        if names is None:
            return m[0]
        rows = " \\\\ ".join(f"\\frac{{\\partial {m[1]}}}{{\\partial {n}}}" for n in names)
        return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"

    return _GRADIENT.sub(partials, text)


def _coordinates(text: str) -> list[float]:
    return [float(c.replace("\\,", "").strip()) for c in text.split(",") if c.strip() != "\\"]


def markdown_lines(text: str) -> list[tuple[int, str]]:
    """A Markdown document's numbered lines of plain-text equations, as ``read_lines`` reads
    them (a joined submission reads several files' lines as one).

    >>> markdown_lines("Let $x = 3$.\\n\\n$$y = 2x = 6$$\\n")
    [(1, 'x = 3'), (3, 'y = 2x = 6')]
    """
    counting = FIRST_INDEX.set(0 if _counts_from_zero(text) else 1)
    try:
        lines = _markdown_lines(editor_text(text))  # numbered as an editor numbers its lines
        fenced = False
        prose = []  # class 1 beside [0, 1, 0], outside code blocks
        for raw in editor_text(text).splitlines():
            fenced ^= bool(_FENCE.match(raw))
            prose.append("" if fenced or _FENCE.match(raw) else raw)
        joins = dict(join_lines(prose))  # a solution's row, after the exercise's of its key
        if joins:  # each after what its row writes, which keeps its own values
            lines = [j for k, (n, line) in enumerate(lines) for j in (
                [(n, line), (n, joins[n])] if n in joins and (
                    k + 1 == len(lines) or lines[k + 1][0] != n) else [(n, line)])]  # fmt: skip
        said = class_lines(prose) + label_lines(prose) + shape_lines(prose) + order_lines(prose)
        return lines + said
    finally:
        FIRST_INDEX.reset(counting)


# x_0 and x_1, W2_{00}: a page that indexes from 0 (its matrices' entries too)
_SMALL_INDEX = re.compile(r"(?<![\\\w])([A-Za-z]\w*?)_\{?([01])(\d?)\}?")


def _counts_from_zero(text: str) -> bool:
    """Whether the page numbers entries from 0: a two-index subscript beginning with 0
    (``W2_{00}``, ``W_{01}``), or a name written with index 0 and with index 1 (in one pass).

    >>> _counts_from_zero("$h_0 = 1$, $h_1 = 2$"), _counts_from_zero("$x_0 = 1$, $w_1 = 2$")
    (True, False)
    """
    seen: dict[str, set[str]] = {}
    for m in _SMALL_INDEX.finditer(text):
        if m[2] == "0" and m[3]:
            return True
        if not m[3]:
            seen.setdefault(m[1], set()).add(m[2])
    return any(len(indices) == 2 for indices in seen.values())


def _markdown_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    front = fenced = False
    prose: list[str] = []
    prose_start = 1
    # tables' cells too, and lists of numbers in code spans (`X = [[1.0, 2.0]]`)
    texts = tables_as_maths(unit_tables_as_maths(code_lists_as_maths(tuples_named_as_maths(text))))
    texts = gradients_as_partials(texts).splitlines()

    shapes: dict[str, tuple[int, int]] = {}  # the vectors and matrices named so far
    scalars: set[str] = set()  # and the names given one number
    printed = 0  # the line of what a code block printed, read with its code

    def flush() -> None:
        body = "\n".join(prose)
        found = math_lines(body, prose_start, shapes, scalars) + prose_lines(body, prose_start)
        # in the order written; a heading (or a table row's start) before what its line holds
        lines.extend(sorted(found, key=lambda f: (f[0], not f[1].startswith(HEADING))))

    for number, raw in enumerate(texts, start=1):
        if _FENCE.match(raw) or fenced:
            fenced ^= bool(_FENCE.match(raw))
            prose.append("")  # a code block is not maths: kept as a blank, for line numbers
            shown = _computed(texts, number) if not fenced and _FENCE.match(raw) else None
            if shown and shown[0] >= prose_start:
                prose[shown[0] - prose_start], printed = shown[1], shown[2]
        elif number == printed:
            prose.append("")  # what the code printed: read with it
        elif raw.strip() == "---" and (front or opens_front_matter(texts, number - 1)):
            flush()
            prose, prose_start = [], number + 1
            lines.append((number, "---"))
            front = not front
        elif front:
            lines.append((number, raw))
            prose_start = number + 1
        else:
            prose.append(raw)
    flush()
    return functions_as_named(lines, functions_named(texts))


# a code block's one line of arithmetic: numbers, operators (** and ^ for powers), brackets
_CODE_ARITHMETIC = re.compile(r"[\d.\s()+\-*/^]*\d[\d.\s()+\-*/^]*")
# the value printed after it: "Result: 3.0001", "Output = 0.3", "ans = 3.0001"
_PRINTED = re.compile(r"\s*\**(?:result|output|answer|ans)\**\s*[:=]\s*\**\s*"
                      r"([-−]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*\**\s*", re.IGNORECASE)


def _computed(texts: list[str], end: int) -> tuple[int, str, int] | None:
    """A code block closed on line ``end`` (from 1) of one line of arithmetic, its value
    printed after it (``Result: 3.0001``): the code's line, the equation the page shows
    (the computation and what it gave; a mistake in it is then caught) and the printed
    line, which it reads."""
    start = next((k for k in range(end - 2, -1, -1) if _FENCE.match(texts[k])), None)
    if start is None:
        return None
    code = [(k + 1, texts[k].strip()) for k in range(start + 1, end - 1) if texts[k].strip()]
    printed = next(((k + 1, t) for k, t in enumerate(texts[end:end + 3], end) if t.strip()), None)
    if len(code) != 1 or printed is None or not _CODE_ARITHMETIC.fullmatch(code[0][1]):
        return None
    value = _PRINTED.fullmatch(printed[1])
    return (code[0][0], f"`{code[0][1]} = {value[1]}`", printed[0]) if value else None

