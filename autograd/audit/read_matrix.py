"""Vectors and matrices written in LaTeX (``bmatrix``, ``pmatrix``…), read as their components.

A chain whose links are matrices, names of matrices, sums, differences, element-wise
products (``\\odot``), matrix products (side by side) and multiples of them is written out
once per component, each component named as the document names it: ``W^{(1)}_{12}`` is
``W12⁽1⁾``, the second entry of a vector ``z^{(1)}`` is ``z2⁽1⁾``. A matrix given by its
entries gives each component; a formula of matrix names defines each component by the sums
the product stands for. What cannot be written out (shapes that do not fit, a matrix inside
a function) is listed as not understood, with why, never read as a number.

>>> cells = {"⟦0⟧": [["1", "2"]], "⟦1⟧": [["3"], ["4"]]}
>>> components("z = ⟦0⟧ ⟦1⟧ = 11", cells, {})
['z = (1)·(3) + (2)·(4) = 11']
>>> components("y = ⟦1⟧ - ⟦1⟧", cells, {})
['y1 = 3 − (3)', 'y2 = 4 − (4)']
"""

from __future__ import annotations

import re

from .read_text import NotUnderstood

__all__ = ["MATRIX", "components", "take_matrices"]

MATRIX = re.compile(r"\\begin\{([bpvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*?)\\end\{\1\}", re.S)
_TOKEN = re.compile(r"⟦\d+⟧(?:\^\(?T\)?)?|[+\-−⊙]|[^\s⟦+\-−⊙·×*]+(?:\^\(?T\)?)?")
Grid = list[list[str]]


_BEGIN = re.compile(r"\\begin\{([bpvBV]?matrix|array)\}(?:\{[^{}]*\})?")


# [1, 0], \left[0 - 20, 0 - 18\right]: a vector written as a list (no bracket inside it)
_LIST = re.compile(r"(?:\\left)?\[([^\[\]]*,[^\[\]]*)(?:\\right)?\]")
_ELLIPSIS = re.compile(r"\\[lc]?dots|…|\.\.\.")


def _lists(body: str, found: dict[str, list[list[str]]]) -> str:
    """``body`` with each list of two or more entries, every one written (``[1, 0]``, not
    ``[z_1, \\ldots, z_K]``), marked as a column vector: a vector as pages write it."""

    def mark(m: re.Match[str]) -> str:
        cells = [c.strip() for c in m.group(1).split(",")]
        if any(not c or _ELLIPSIS.search(c) or c.count("{") != c.count("}") for c in cells):
            return m.group(0)
        key = f"⟦{len(found)}⟧"
        found[key] = [[c] for c in cells]
        return key

    return _LIST.sub(mark, body)


def take_matrices(body: str) -> tuple[str, dict[str, list[list[str]]]]:
    """``body`` with each matrix replaced by a mark ``⟦k⟧``, and the LaTeX of its cells; a
    list in square brackets (``[1, 0]``) is a column vector.

    The matrices ``MATRIX`` matches, found in one pass: an environment whose ``\\end`` is
    not found once is not searched for again at its next ``\\begin`` (linear time)."""
    found: dict[str, list[list[str]]] = {}
    pieces, at, unclosed = [], 0, set()
    for m in _BEGIN.finditer(body):
        environment = m.group(1)
        if m.start() < at or environment in unclosed:
            continue
        end = body.find(f"\\end{{{environment}}}", m.end())
        if end < 0:
            unclosed.add(environment)
            continue
        key = f"⟦{len(found)}⟧"
        rows = re.split(r"\\\\(?:\[[^\]\\]*\])?", body[m.end() : end])  # \\[2pt]: a row's space
        found[key] = [[c.strip() for c in row.split("&")] for row in rows if row.strip()]
        pieces += [_lists(body[at : m.start()], found), key]
        at = end + len(f"\\end{{{environment}}}")
    return "".join(pieces) + _lists(body[at:], found), found


def _component(name: str, i: int, j: int, shape: tuple[int, int]) -> str:
    """The name of entry (i, j) of the matrix ``name``: the index before a layer mark, after
    an underscore where the name ends in a digit (``W1`` → ``W1_12``)."""
    if shape == (1, 1):
        return name
    base, layer = re.fullmatch(r"(.*?)(⁽\w+⁾)?", name).groups()
    index = f"{i + 1}{j + 1}" if shape[0] > 1 and shape[1] > 1 else str(max(i, j) + 1)
    glue = "_" if base[-1:].isdigit() else ""
    return f"{base}{glue}{index}{layer or ''}"


def _shape(g: Grid) -> tuple[int, int]:
    return len(g), len(g[0])


def _link(text: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]]) -> Grid | None:
    """One link as a grid of component texts; None when it holds no matrix at all."""
    tokens = [t.strip() for t in _TOKEN.findall(text) if t.strip()]
    if not any(t.startswith("⟦") or t in shapes for t in tokens):
        return None
    terms: list[tuple[str, Grid]] = []  # (operator before, grid)
    op, pending, scalar = "+", None, ""
    for t in tokens:
        if t in "+-−⊙":
            if pending is None and not scalar and t in "-−" and not terms:
                scalar = "-"
                continue
            if pending is None:
                raise NotUnderstood("a matrix sum with a term that is not a matrix")
            terms.append((op, pending))
            op, pending, scalar = t, None, ""
            continue
        if t in ("(", ")", ":") or t.endswith(("(", ")")):
            raise NotUnderstood("a matrix inside a function or brackets")
        grid = _atom(t, cells, shapes)
        if grid is None:  # a number or a name that is not a matrix: a factor in front
            if pending is not None:
                raise NotUnderstood(f"a matrix times {t!r} after it")
            scalar = f"{scalar}{t}"
            continue
        if scalar:
            grid = [[f"{scalar}·({c})" if scalar != "-" else f"-({c})" for c in r] for r in grid]
            scalar = ""
        pending = grid if pending is None else _product(pending, grid)
    if pending is None:
        raise NotUnderstood("a matrix sum that ends in an operator")
    terms.append((op, pending))
    result = terms[0][1]
    for op, grid in terms[1:]:
        if _shape(grid) != _shape(result):
            raise NotUnderstood(f"a {_shape(result)} and a {_shape(grid)} matrix added")
        if op == "⊙":  # element by element: each side whole
            result = [[f"({a}) · ({b})" for a, b in zip(ra, rb)] for ra, rb in zip(result, grid)]
        else:
            sign = " + " if op == "+" else " − "
            result = [[f"{a}{sign}({b})" for a, b in zip(ra, rb)] for ra, rb in zip(result, grid)]
    return result


def _atom(t: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]]) -> Grid | None:
    transposed = t.endswith(("^T", "^(T)"))
    key = re.sub(r"\^\(?T\)?$", "", t).strip()
    if transposed and key.startswith("(") and key.endswith(")"):  # (A⁽1⁾)^T
        key = key[1:-1].strip()
    if key in cells:
        grid = [[c for c in row] for row in cells[key]]
    elif key in shapes:
        rows, cols = shapes[key]
        grid = [[_component(key, i, j, shapes[key]) for j in range(cols)] for i in range(rows)]
    else:
        return None
    if any(len(row) != len(grid[0]) for row in grid):
        raise NotUnderstood("a matrix whose rows are not all as long")
    return [list(col) for col in zip(*grid)] if transposed else grid


def _product(a: Grid, b: Grid) -> Grid:
    (n, k), (k2, m) = _shape(a), _shape(b)
    if k == m == 1 and n == k2 > 1:  # two columns side by side: entry by entry (X · error)
        return [[f"({x[0]})·({y[0]})"] for x, y in zip(a, b)]
    if k != k2:
        raise NotUnderstood(f"a ({n}×{k}) matrix times a ({k2}×{m}) one")
    return [[" + ".join(f"({a[i][t]})·({b[t][j]})" for t in range(k)) for j in range(m)]
            for i in range(n)]  # fmt: skip


def components(line: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]]) -> list[str]:
    """The chain ``line`` (plain text, its matrices marked ``⟦k⟧`` with LaTeX cells already
    converted) written out once per component. ``shapes`` holds the shape of every matrix the
    document has named so far, and learns the ones this line names."""
    links = [s.strip() for s in line.split("=")]
    grids = [_link(s, cells, shapes) for s in links]
    known = [g for g in grids if g is not None]
    if not known:  # a matrix's name inside something else (σ(Z⁽1⁾)): the chain as it is
        return [line]
    shape = _shape(known[0])
    if any(_shape(g) != shape for g in known):
        raise NotUnderstood("links of different shapes: " + " = ".join(
            f"{_shape(g)[0]}×{_shape(g)[1]}" for g in known))  # fmt: skip
    for k, name in enumerate(links):  # X = A⁽0⁾ = [0.5, −0.2]: each name of it
        if grids[k] is None and re.fullmatch(r"(?:∂|[^\W\d])[\w'∂/]*(⁽\w+⁾)?", name):
            shapes[name] = shape
            grids[k] = [[_component(name, i, j, shape) for j in range(shape[1])]
                        for i in range(shape[0])]  # fmt: skip
    if shape == (1, 1):  # a 1×1 matrix is a number: the links beside it are plain numbers
        grids = [[[text]] if g is None else g for g, text in zip(grids, links)]
    if any(g is None for g in grids):
        raise NotUnderstood("a matrix equal to something that is not one")
    return [" = ".join(g[i][j] for g in grids) for i in range(shape[0]) for j in range(shape[1])]
