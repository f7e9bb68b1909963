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
from collections.abc import Collection
from contextvars import ContextVar

from .worksheet import Expr, NotUnderstood, numbers_in, with_lines

__all__ = ["FIRST_INDEX", "MATRIX", "components", "entries_named", "entry_lines", "entry_on",
           "gradient", "lists_read", "named_by_argument", "names_a_matrix", "placed",
           "take_matrices"]  # fmt: skip

_ENVIRONMENTS = r"([bpvBV]?matrix\*?|smallmatrix|array)\}(?:\{[^{}]*\}|\[[^\]]*\])?"  # {cc}, [r]
MATRIX = re.compile(rf"\\begin\{{{_ENVIRONMENTS}(.*?)\\end\{{\1\}}", re.S)
Grid = list[list[str]]


_ROW_BREAK = re.compile(r"\\\\(?:\[[^\]\\]*\])?")
_BEGIN = re.compile(rf"\\begin\{{{_ENVIRONMENTS}")


def take_matrices(
    body: str, cells_at: dict[str, list[list[int]]] | None = None
) -> tuple[str, dict[str, list[list[str]]]]:
    """``body`` with each matrix replaced by a mark ``⟦k⟧``, and the LaTeX of its cells;
    ``cells_at`` (when given) learns on which line of ``body`` (from 0) each cell begins.

    The matrices ``MATRIX`` matches, found in one pass: an environment whose ``\\end`` is
    not found once is not searched for again at its next ``\\begin`` (linear time)."""
    body = _SPACED_COMMA.sub(", ", body)  # [0.6,\, -0.4]: the comma of \, is no entry's
    found: dict[str, list[list[str]]] = {}
    pieces, at, unclosed = [], 0, set()
    lines, counted = 0, 0  # the newlines in body[:counted], counted once
    for m in _BEGIN.finditer(body):
        environment = m.group(1)
        if m.start() < at or environment in unclosed:
            continue
        end = body.find(f"\\end{{{environment}}}", m.end())
        if end < 0:
            unclosed.add(environment)
            continue
        key = f"⟦{len(found)}⟧"
        breaks = list(_ROW_BREAK.finditer(body, m.end(), end))  # \\[2pt]: a row's space
        spans = zip([m.end(), *(b.end() for b in breaks)], [*(b.start() for b in breaks), end])
        rows = [(a, body[a:b]) for a, b in spans if body[a:b].strip()]
        found[key] = [[c.strip() for c in row.split("&")] for _, row in rows]
        if cells_at is not None:  # each cell's line: where its first character is not a space
            cells_at[key] = []
            for a, row in rows:
                cells_at[key].append([])
                for cell in row.split("&"):
                    first = a + len(cell) - len(cell.lstrip())
                    lines += body.count("\n", counted, first)
                    counted = first
                    cells_at[key][-1].append(lines)
                    a += len(cell) + 1  # the cell and its &
        pieces += [body[at : m.start()], key]
        at = end + len(f"\\end{{{environment}}}")
    body = "".join(pieces) + body[at:]

    def listed(m: re.Match[str]) -> str:  # [1, 4, 5] as a row; [[1, 2], [3, 4]] row by row
        key = f"⟦{len(found)}⟧"
        rows = re.findall(r"\[([^\[\]]*)\]", m.group(0)[1:-1]) or [m.group(0)[1:-1]]
        found[key] = [[re.sub(r"^\\[,;: ]|[{}]", "", c.strip()).strip() for c in row.split(",")]
                      for row in rows]  # fmt: skip
        return key

    def expressions_listed(m: re.Match[str]) -> str:  # = [e^{-1.9}, e^0]: each entry worked
        key = f"⟦{len(found)}⟧"
        found[key] = [[c.strip() for c in m["entries"].split(",")]]
        return m["before"] + key

    def tuple_listed(m: re.Match[str]) -> str:  # x = (0.5, 0.1): a vector's entries, a column
        key = f"⟦{len(found)}⟧"  # (0.5, 0.1)^T too: the transpose of the row it is written as
        row = [re.sub(r"^\\[,;: ]|[{}]", "", c.strip()).strip() for c in m["entries"].split(",")]
        transposed = _TRANSPOSED.match(listed_text, m.end())
        found[key] = [row] if transposed else [[c] for c in row]
        return m["left"] + key

    listed_text = _EXPRESSION_LIST.sub(expressions_listed, _LIST.sub(listed, body))
    return _TUPLE.sub(tuple_listed, listed_text), found


# a comma and the space LaTeX sets after it (\, \; \: \!), on one line: a comma
_SPACED_COMMA = re.compile(r",[ \t]*\\[,;:!]")
_NUMBER = r"\s*-?(?:\d+\.?\d*|\.\d+)"
_BRACED = rf"(?:{_NUMBER}|\s*\{{{_NUMBER}\s*\}})"  # {-0.4}: a number in braces, as LaTeX sets it
_ENTRY = rf"{_BRACED}(?:\s*(?:[-+*]|\\cdot|\\times){_NUMBER})*\s*"  # 0.5, 0 - 20, 10 \cdot -20
_ROW = rf"\[{_ENTRY}(?:,(?:\\[,;: ])?{_ENTRY})+\]"  # [0.6,\; {-0.4}]: spaced
_LIST = re.compile(rf"{_ROW}|\[\s*{_ROW}(?:\s*,\s*{_ROW})+\s*\]")  # numbers only: not [0, 1)
# x = (0.5, 0.1): numbers in round brackets right after a name's "=" (not (w1, w2) = (1, 0), a
# point's coordinates, nor max(0, z), a function's), the whole of the link
# = [e^{-1.9}, e^0, e^{-1.0}], ≈ \left[ \frac{0.149}{1.517}, … \right]: numbers worked out,
# as a list right after an = (a list of numbers alone is _LIST's)
# a fraction's parts are numbers, or sums of numbers and powers of e (σ written out:
# \frac{1}{1+e^{-2.0}})
_E_POWER = r"e\^\{?\s*-?[\d.]+\s*\}?"
_FRACTION_PART = rf"\{{(?:[-+\d.\s]|{_E_POWER})+\}}"
_WORKED = (rf"(?:\s*(?:{_E_POWER}|\\frac\s*{_FRACTION_PART}\s*{_FRACTION_PART}"
           r"|-?\d+\.?\d*|\.\d+|[-+*/]|\\cdot|\\times))+\s*")
_EXPRESSION_LIST = re.compile(rf"(?P<before>(?:=|≈|\\approx)\s*)(?:\\left\s*)?\["
                              rf"(?P<entries>{_WORKED}(?:,{_WORKED})+)(?:\\right\s*)?\]")


_TRANSPOSED = re.compile(r"\s*\^\s*\{?\s*(?:T|\\top|\\intercal)\b")
_TUPLE = re.compile(
    rf"(?P<left>[^)\s]\s*=\s*)\((?P<entries>{_ENTRY}(?:,(?:\\[,;: ])?{_ENTRY})+)\)"
    r"(?=\s*(?:\^|[,;=$]|\\q?quad|\\text|$))"
)


ENTRY_AT = "\u2062"  # ENTRY_AT line ENTRY_AT text ENTRY_AT ENTRY_AT: an entry on its row's line
# a number as the parser reads one, and a name (with its layer), whose digits are no number
_NUMBER_OR_NAME = re.compile(r"[^\W\d][\w']*(?:⁽\w+⁾)?|((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


def entry_on(text: str, line: int | None) -> str:
    """A matrix's entry marked with the line its row stands on, so that a chain built of
    entries of several rows judges each number on its own line (``entry_lines``); None: a
    list written on the chain's line, left unmarked.

    >>> entry_lines(f"z = {entry_on('0.5', 7)}·{entry_on('x1', 9)} + 2")
    ('z = 0.5·x1 + 2', [('0.5', 7), ('2', None)])
    """
    return text if line is None else f"{ENTRY_AT}{line}{ENTRY_AT}{text}{ENTRY_AT}{ENTRY_AT}"


def entry_lines(text: str) -> tuple[str, list[tuple[str, int | None]]]:
    """The text without its entries' marks, and each number in it, in order, with the line
    it stands on (None: the chain's own); no list where nothing is marked."""
    if ENTRY_AT not in text:
        return text, []
    pieces = text.split(ENTRY_AT)  # text, line, text, line (or "": the chain's again) …
    numbers: list[tuple[str, int | None]] = []
    for k in range(0, len(pieces), 2):
        line = int(pieces[k - 1]) if k and pieces[k - 1] else None
        numbers += [(m[1], line) for m in _NUMBER_OR_NAME.finditer(pieces[k]) if m[1]]
    return "".join(pieces[0::2]), numbers


def placed(links: tuple[Expr, ...], numbers: list[tuple[str, int | None]]) -> tuple[Expr, ...]:
    """The links with each number on the line ``entry_lines`` found for it; as they are if
    their numbers are not those (the text was rewritten on its way to the parser)."""
    found = [n.text.lstrip("-") for link in links for n in numbers_in(link)]
    if not numbers or found != [text for text, _ in numbers]:
        return links
    lines = iter(line for _, line in numbers)
    return tuple(with_lines(link, [next(lines) for _ in numbers_in(link)]) for link in links)


#: The index of a matrix's first entry: 1, or 0 on a page that counts from 0 (W2_{00},
#: scores_0, as programmers index): set by the reader for the document it reads
FIRST_INDEX: ContextVar[int] = ContextVar("FIRST_INDEX", default=1)
_NAME_PARTS = re.compile(r"(.*?)('+|_\(?(?:new|updated|old)\)?)?(⁽\w+⁾)?")  # W, _new, ⁽1⁾


def _component(name: str, i: int, j: int, shape: tuple[int, int]) -> str:
    """The name of entry (i, j) of the matrix ``name``: the index before a layer mark and
    before the mark of an update (``W'`` → ``W12'``, ``W_new`` → ``W12_new``), after an
    underscore where the name ends in a digit (``W1`` → ``W1_12``); the row's and the
    column's apart where one has ten or more (``W1_11`` is (1, 11), ``W11_1`` is (11, 1))."""
    if shape == (1, 1):
        return name
    base, after, layer = _NAME_PARTS.fullmatch(name).groups()
    first = FIRST_INDEX.get()
    apart = "_" if max(shape) > 9 else ""
    index = (f"{i + first}{apart}{j + first}" if shape[0] > 1 and shape[1] > 1
             else str(max(i, j) + first))  # fmt: skip
    glue = "_" if base[-1:].isdigit() else ""
    return f"{base}{glue}{index}{after or ''}{layer or ''}"


# an entry named in lower case (w11⁽1⁾): the entries of W⁽1⁾, as pages write them
_LOWER_ENTRY = re.compile(r"(?<![\w'∂/.])([^\W\d_])(\d{1,2})(⁽\w+⁾)?(?![\w'.])")


def entries_named(text: str, shapes: dict[str, tuple[int, int]]) -> str:
    """``text`` with each name of an entry written in lower case (``w_{11}^{(1)}``) as the
    entry of the matrix of the capital letter the page has written out (``W⁽1⁾``), where it
    has no matrix of the small letter: the page's w11⁽1⁾ is W⁽1⁾'s entry, not a name of its own.

    >>> entries_named("z1 = w11 x1 + w12 x2", {"W": (2, 2), "x": (2, 1)})
    'z1 = W11 x1 + W12 x2'
    """

    def entry(m: re.Match[str]) -> str:
        letter, index, layer = m[1], m[2], m[3] or ""
        matrix = letter.upper() + layer
        if letter.isupper() or matrix not in shapes or letter + layer in shapes:
            return m[0]
        rows, cols = shapes[matrix]
        at = [int(d) - FIRST_INDEX.get() for d in index]
        if min(at) < 0:
            return m[0]
        if rows > 1 and cols > 1 and len(at) == 2 and at[0] < rows and at[1] < cols:
            return _component(matrix, at[0], at[1], (rows, cols))
        if 1 in (rows, cols) and len(at) == 1 and at[0] < rows * cols:
            return _component(matrix, at[0], 0, (rows * cols, 1))
        return m[0]

    return _LOWER_ENTRY.sub(entry, text)


def _bare(entry: str) -> str:
    """An entry's text without the marks of its line and the brackets around it."""
    text = re.sub(rf"{ENTRY_AT}\d*{ENTRY_AT}", "", entry).strip()
    return text.removeprefix("(").removesuffix(")")


def _shape(g: Grid) -> tuple[int, int]:
    return len(g), len(g[0])


_TOKENS = re.compile(  # an entry's line marks (entry_on) are read past, as spaces are
    r"(?:\s|\u2062\d*\u2062)*(?:(?P<matrix>⟦\d+⟧)|(?P<transpose>\^(?:\(T\)|T)(?![\w(]))|(?P<number>\d+\.?\d*|\.\d+)"
    r"|(?P<sum>[Σ∑]_[^\W\d_](?:=\d+\^\w+)?(?![\w']))"  # Σ_j, Σ_j=1^3: over an index
    r"|(?P<derivative>[d∂][^\W\d][\w'.]*(?:⁽\w+⁾)?/[d∂][^\W\d][\w'.]*(?:⁽\w+⁾)?)"
    r"|(?P<gradient>∇\s*[^\W\d][\w'.]*(?:\(\s*[^\W\d][\w'.]*\s*\))?)"  # ∇loss(scores)
    r"|(?P<name>[^\W\d][\w'.]*(?:⁽\w+⁾)?)|(?P<op>[-+−⊙·×*/()Σ∑^,‖]))"
)
Value = str | Grid  # a scalar's text, or a grid of component texts
_NAME_TOKEN = re.compile(r"[^\W\d][\w'.]*(?:⁽\w+⁾)?")


def _before_last_marks(text: str) -> int:
    """Where ``text`` ends but for the spaces and entry marks (``⁢12⁢``, ``⁢⁢``) after its last
    token, which say nothing more (read from the end, each character once)."""
    end = len(text.rstrip())
    while end and text[end - 1] == ENTRY_AT:
        k = end - 2
        while k >= 0 and text[k].isdigit():
            k -= 1
        if k < 0 or text[k] != ENTRY_AT:
            break
        end = k
        while end and text[end - 1].isspace():
            end -= 1
    return end


def _tokens(text: str) -> list[tuple[str, str]]:
    """The tokens of one link: (kind, text), the kinds as ``_TOKENS`` names them."""
    tokens: list[tuple[str, str]] = []
    at = 0
    end = _before_last_marks(text)
    while at < end:
        m = _TOKENS.match(text, at)
        if m is None:
            raise NotUnderstood(f"a matrix expression with {text[at:at + 8].strip()!r} in it")
        tokens.append(next((k, v) for k, v in m.groupdict().items() if v is not None))
        at = m.end()
    return tokens


_PRODUCT_OR_BRACKET = {"·", "×", "*", "(", ")"}  # W x as W·x, (W x) + b as W x + b


def _aligned(names: str, written: str, cells: dict[str, Grid],
             shapes: dict[str, tuple[int, int]]) -> bool:  # fmt: skip
    """Whether the link ``names`` (``W x + b``) is the link ``written`` (``⟦0⟧ ⟦1⟧ + ⟦2⟧``)
    with a name where each matrix is written: then each such name takes that matrix's shape
    (``W^T`` the transposed one), learned in ``shapes``, as a reader matches them."""
    a, b = ([t for t in _tokens(x) if t[1] not in _PRODUCT_OR_BRACKET] for x in (names, written))
    learned: dict[str, tuple[int, int]] = {}
    i = j = 0
    while i < len(a) and j < len(b):
        (kind, text), (other, mark) = a[i], b[j]
        if kind == "name" and other == "matrix":
            shape = _shape(cells[mark])
            after = [t[0] for t in a[i + 1 : i + 2]], [t[0] for t in b[j + 1 : j + 2]]
            if after[0] == ["transpose"] and after[1] != ["transpose"]:
                shape, i = shape[::-1], i + 1  # W^T written out as the transpose's entries
            if shapes.get(text, learned.setdefault(text, shape)) != shape:
                return False
        elif (kind, text) != (other, mark):
            return False
        i, j = i + 1, j + 1
    learned = {name: shape for name, shape in learned.items() if name not in shapes}
    if i < len(a) or j < len(b) or not learned:
        return False
    shapes.update(learned)
    return True


def _link(text: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]],
          row_sums: bool = False, dot: bool = False, scalars: Collection[str] = (),
          defined: bool = False) -> Grid | str | None:  # fmt: skip
    """One link as a grid of component texts, or the text of a number when ``row_sums``
    makes it one; None when it holds no matrix at all. Sums,
    differences, element-wise products (``⊙``), matrix products (side by side, ``·``),
    numbers and scalar names as factors, transposes (``^T``), brackets, a function applied
    to each entry (``σ(z1)``), and ``Σ`` over the rows (the examples of a batch). The side
    a line ``defined`` is a name as written (``dW = …`` beside a given ``d``: not d W)."""
    tokens = _tokens(text)
    if not defined:
        tokens = [t for token in tokens for t in _juxtaposed(token, shapes, scalars)]
    if not any(k == "matrix" or (k in ("name", "derivative") and v in shapes)
               or (k == "gradient" and gradient(v, shapes)) for k, v in tokens):
        return None
    value, rest = _Parser(tokens, cells, shapes, row_sums, dot, scalars).expression(0)
    if rest != len(tokens):
        raise NotUnderstood(f"a matrix expression that ends before {tokens[rest][1]!r}")
    if isinstance(value, str) and not row_sums:  # ½‖a − y‖²: a number, of matrices
        return [[value]]
    return value


def _juxtaposed(token: tuple[str, str], shapes: dict[str, tuple[int, int]],
                scalars: Collection[str]) -> list[tuple[str, str]]:  # fmt: skip
    """``Wx`` as the product ``W x`` where the page never names ``Wx`` but writes ``W`` or
    ``x`` out as a matrix and gives the other letters (LaTeX writes a product of one-letter
    symbols without a space); the letters' tokens, else the token itself.

    >>> _juxtaposed(("name", "Wx"), {"W": (2, 2), "x": (2, 1)}, ())
    [('name', 'W'), ('name', 'x')]
    >>> _juxtaposed(("name", "dW"), {"W": (2, 2)}, ())
    [('name', 'dW')]
    """
    kind, text = token
    if kind != "name" or text in shapes or text in scalars or not text.isalpha():
        return [token]
    letters = list(text)
    if any(c in shapes for c in letters) and all(c in shapes or c in scalars for c in letters):
        return [("name", c) for c in letters]
    return [token]


def names_a_matrix(name: str, shapes: dict[str, tuple[int, int]],
                   scalars: Collection[str]) -> bool:  # fmt: skip
    """Whether ``name`` is a matrix of the page, or a product of one (``Wx``: W x).

    >>> names_a_matrix("Wx", {"W": (2, 2), "x": (2, 1)}, ())
    True
    """
    return any(t in shapes for _, t in _juxtaposed(("name", name), shapes, scalars))


class _Parser:
    """Recursive descent over the tokens of one link (brackets nest ``LIMITS["nesting"]``
    deep at most, checked before a line is read)."""

    def __init__(self, tokens: list[tuple[str, str]], cells: dict[str, Grid],
                 shapes: dict[str, tuple[int, int]], row_sums: bool = False,
                 dot: bool = False, scalars: Collection[str] = ()) -> None:  # fmt: skip
        self.tokens, self.cells, self.shapes, self.dot = tokens, cells, shapes, dot
        self.scalars = scalars  # the names the page gives one number
        self.in_norm = False  # norms do not nest: ‖ inside one closes it
        self.worked: set[int] = set()  # the grids of a function or a bracket (not written out)
        self.row_sums = row_sums  # Σ of a row: its entries' sum (the page writes one number)

    def peek(self, at: int) -> tuple[str, str]:
        return self.tokens[at] if at < len(self.tokens) else ("end", "")

    def expression(self, at: int) -> tuple[Value, int]:
        """Terms joined by + and −."""
        value, at = self.hadamard(at)
        while self.peek(at)[1] in ("+", "-", "−"):
            op = self.peek(at)[1]
            right, at = self.hadamard(at + 1)
            value = _combine(*self.fitted(value, right), " + " if op == "+" else " − ")
        return value, at

    def hadamard(self, at: int) -> tuple[Value, int]:
        """Products joined by ⊙, element by element."""
        value, at = self.product(at)
        while self.peek(at)[1] == "⊙":
            right, at = self.product(at + 1)
            value = _elementwise(*self.fitted(value, right))
        return value, at

    def fitted(self, a: Value, b: Value) -> tuple[Value, Value]:
        """A number, or a name the page gives one number (``b = 0.5``), added to a matrix or
        multiplied by one entry by entry: the same for each entry (``W X + b``, as NumPy
        adds it); a name the page has not written out at all (``dZ = A − Y``, ``A`` given no
        entries yet): a matrix of that shape, its entries named as the page names them
        (``A1``, ``A2`` …), as a reader takes it."""
        if isinstance(a, list) and isinstance(b, str):
            b = self.spread(b, _shape(a))
        elif isinstance(a, str) and isinstance(b, list):
            a = self.spread(a, _shape(b))
        return a, b

    def spread(self, text: str, shape: tuple[int, int]) -> Value:
        if all(n == "e" or n in self.scalars for n in _NAME_TOKEN.findall(text)):
            return [[text] * shape[1] for _ in range(shape[0])]
        return self.entries(text, shape) if self.unknown(text) else text

    def unknown(self, text: str) -> bool:
        return text not in self.shapes and bool(_NAMED.fullmatch(text))

    def entries(self, name: str, shape: tuple[int, int]) -> Grid:
        self.shapes[name] = shape
        return [[_component(name, i, j, shape) for j in range(shape[1])] for i in range(shape[0])]

    def product(self, at: int) -> tuple[Value, int]:
        """Factors side by side or joined by · × * /; a leading minus. A sum over an index
        (``Σ_j e^(z_j)``) sums the rest of the product: left as written, a number, for the
        text reader to write out over the indices the page gives (z1, z2, z3)."""
        negative = self.peek(at)[1] in ("-", "−")
        kind, text = self.peek(at + negative)
        if kind == "sum":
            summand, at = self.product(at + negative + 1)
            if not isinstance(summand, str):
                raise NotUnderstood(f"a sum over an index ({text}) of a matrix")
            value = f"{text} ({summand})"
            return (_negated(value) if negative else value), at
        value, at = self.factor(at + negative)
        while True:
            kind, op = self.peek(at)
            if op in ("·", "×", "*", "/"):
                right, at = self.factor(at + 1)
            elif kind == "sum":  # 2 Σ_j x_j: the sum is the rest of the product
                right, at = self.product(at)
            elif kind in ("matrix", "number", "name", "derivative", "gradient") or op in (
                "(", "Σ", "∑") or (
                op == "‖" and not self.in_norm  # ½‖a − y‖²; inside one, ‖ closes it
            ):
                right, at = self.factor(at)
            else:
                break
            # X · error, σ(z)(1 − σ(z)) of a column: entry by entry (no matrix product there)
            if _same_vectors(value, right) and (op in ("·", "×", "*") or (
                op != "/" and _shape(value)[1] != _shape(right)[0]  # no product of matrices
                and {id(value), id(right)} <= self.worked  # of two worked, not written, ones
            )):
                value = _dot(value, right) if self.dot else _elementwise(value, right)
            else:
                value = _divided(value, right) if op == "/" else _times(value, right)
        return (_negated(value) if negative else value), at

    def factor(self, at: int) -> tuple[Value, int]:
        """An atom with its transposes and powers."""
        value, at = self.atom(at)
        while True:
            kind, op = self.peek(at)
            if kind == "transpose":
                if isinstance(value, str):
                    raise NotUnderstood("a transpose of something that is not a matrix")
                value, at = [list(col) for col in zip(*value)], at + 1
            elif op == "^":
                power, at = self.atom(at + 1)
                if value == "e" and isinstance(power, list):  # e^Z: the exponential of each
                    value = [[f"e^({c})" for c in row] for row in power]
                elif _one_entry(value) and isinstance(power, str):  # (ŷ − y)² of one entry
                    value = f"({value[0][0]})^({power})"
                elif not (isinstance(value, str) and isinstance(power, str)):
                    raise NotUnderstood("a power of a matrix")
                else:
                    value = f"({value})^({power})"
            else:
                return value, at

    def atom(self, at: int) -> tuple[Value, int]:
        kind, text = self.peek(at)
        if kind == "gradient":  # ∇w of a number (dw) stays as written, for the text reader
            return gradient(text, self.shapes) or text, at + 1
        if text == "‖":  # ‖a − y‖²: the sum of the squares of the entries; ‖v‖ its root
            self.in_norm = True
            value, at = self.expression(at + 1)
            self.in_norm = False
            if self.peek(at)[1] != "‖" or isinstance(value, str):
                raise NotUnderstood("a norm ‖…‖ that is not of a matrix or never closed")
            squares = " + ".join(f"({c})^2" for row in value for c in row)
            if self.peek(at + 1)[1] == "^" and self.peek(at + 2)[1] == "2":
                return f"({squares})", at + 3
            return f"sqrt({squares})", at + 1
        if text == "(":
            value, at = self.expression(at + 1)
            if self.peek(at)[1] != ")":
                raise NotUnderstood("a bracket in a matrix expression that is never closed")
            if isinstance(value, list):
                self.worked.add(id(value))
                return value, at + 1
            return f"({value})", at + 1
        if text in ("Σ", "∑"):  # Σ δ: the sum over the rows, the examples of a batch
            value, at = self.factor(at + 1)
            if isinstance(value, str):
                raise NotUnderstood("a sum over an index of something that is not a matrix")
            if self.row_sums and len(value) == 1:  # Σ error over the list [e1, e2, e3]
                return "(" + " + ".join(f"({c})" for c in value[0]) + ")", at
            return [[" + ".join(f"({row[j]})" for row in value)
                     for j in range(len(value[0]))]], at  # fmt: skip
        if kind == "name" and self.peek(at + 1)[1] == "(" and text not in self.shapes:
            value, at = self.applied(text, at + 2)
            self.worked.add(id(value))
            return value, at
        if kind == "matrix":
            grid = [list(row) for row in self.cells[text]]
            if not grid or not grid[0]:  # \begin{bmatrix} \end{bmatrix}: nothing written in it
                raise NotUnderstood("a matrix with no entries")
            if any(len(row) != len(grid[0]) for row in grid):
                raise NotUnderstood("a matrix whose rows are not all as long")
            return grid, at + 1
        if kind == "derivative" and text not in self.shapes:  # ∂L/∂W: shaped as W is
            by = re.split(r"/[d∂]", text, maxsplit=1)[1]
            if by in self.shapes and self.shapes[by] != (1, 1):
                self.shapes[text] = self.shapes[by]
        if kind in ("name", "derivative") and text in self.shapes:
            rows, cols = self.shapes[text]
            return [[_component(text, i, j, (rows, cols)) for j in range(cols)]
                    for i in range(rows)], at + 1  # fmt: skip
        if kind in ("name", "derivative", "number"):
            return text, at + 1
        raise NotUnderstood(f"a matrix expression with {text or 'nothing'!r} where a term belongs")


    def applied(self, fn: str, at: int) -> tuple[Value, int]:
        """A function on the entries from ``at`` (after its bracket) to its closing bracket:
        on each entry (``σ(z1)``, ``max(0, Z)`` with the number beside each), or, for softmax
        (``g_softmax(Z)``), entry k the k-th output of softmax over the whole vector."""
        args: list[Value] = []
        while True:
            arg, at = self.expression(at)
            args.append(arg)
            if self.peek(at)[1] != ",":
                break
            at += 1
        if self.peek(at)[1] != ")":
            raise NotUnderstood("a bracket in a matrix expression that is never closed")
        grids = [a for a in args if isinstance(a, list)]
        if not grids:
            return f"{fn}({', '.join(args)})", at + 1
        if any(_shape(g) != _shape(grids[0]) for g in grids):
            raise NotUnderstood(f"{fn} of matrices of different shapes")
        rows, cols = _shape(grids[0])
        if _SOFTMAX.fullmatch(fn):
            if len(args) != 1 or 1 not in (rows, cols):
                raise NotUnderstood(f"{fn} of something that is not one vector")
            entries = ", ".join(c for row in grids[0] for c in row)
            return [[f"softmax_{i * cols + j + 1}({entries})" for j in range(cols)]
                    for i in range(rows)], at + 1  # fmt: skip
        return [[f"{fn}({', '.join(a if isinstance(a, str) else a[i][j] for a in args)})"
                 for j in range(cols)] for i in range(rows)], at + 1  # fmt: skip


_SOFTMAX = re.compile(r"(?:[^\W\d]_)?softmax", re.IGNORECASE)  # softmax, g_softmax, Softmax


def _same_vectors(a: Value, b: Value) -> bool:
    """Two vectors of one shape: a product written between them (``X · error``, each a list
    of the examples' values) is taken entry by entry, as a matrix product cannot be."""
    return (isinstance(a, list) and isinstance(b, list) and _shape(a) == _shape(b)
            and 1 in _shape(a) and len(a) * len(a[0]) > 1)  # fmt: skip


def _dot(a: Grid, b: Grid) -> Grid:
    """Two vectors of one shape, their dot product (a 1×1 matrix)."""
    pairs = zip((x for row in a for x in row), (y for row in b for y in row))
    return [[" + ".join(f"({x})·({y})" for x, y in pairs)]]


def _combine(a: Value, b: Value, sign: str) -> Value:
    if isinstance(a, str) and isinstance(b, str):
        return f"{a}{sign}({b})"
    if isinstance(a, str) or isinstance(b, str):
        raise NotUnderstood("a matrix sum with a term that is not a matrix")
    if _shape(a) != _shape(b) and 1 in _shape(a) and _shape(b) == _shape(a)[::-1]:
        b = [list(col) for col in zip(*b)]  # a vector is a vector, written as a row or a column
    if _shape(a) != _shape(b):
        raise NotUnderstood(f"a {_shape(a)} and a {_shape(b)} matrix added")
    return [[f"{x}{sign}({y})" for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def _elementwise(a: Value, b: Value) -> Value:
    if isinstance(a, str) or isinstance(b, str):
        return _times(a, b)
    if _shape(a) != _shape(b):
        raise NotUnderstood(f"a {_shape(a)} and a {_shape(b)} matrix multiplied element-wise")
    return [[f"({x}) · ({y})" for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def _times(a: Value, b: Value) -> Value:
    if isinstance(a, str) and isinstance(b, str):
        return f"{a}·{b}"
    if isinstance(a, str):
        return [[f"{a}·({c})" if a != "-" else f"-({c})" for c in row] for row in b]
    if isinstance(b, str):
        return [[f"({c})·{b}" for c in row] for row in a]
    return _product(a, b)


def _divided(a: Value, b: Value) -> Value:
    if not isinstance(b, str):
        raise NotUnderstood("a division by a matrix")
    return f"{a}/{b}" if isinstance(a, str) else [[f"({c})/{b}" for c in row] for row in a]


def _one_entry(value: Value) -> bool:
    """A matrix of one entry (1 × 1): a number, whose power is the number's."""
    return isinstance(value, list) and len(value) == 1 and len(value[0]) == 1


def _negated(a: Value) -> Value:
    return f"-{a}" if isinstance(a, str) else [[f"-({c})" for c in row] for row in a]


def _product(a: Grid, b: Grid) -> Grid:
    (n, k), (k2, m) = _shape(a), _shape(b)
    if k != k2:
        raise NotUnderstood(f"a ({n}×{k}) matrix times a ({k2}×{m}) one")
    return [[" + ".join(f"({a[i][t]})·({b[t][j]})" for t in range(k)) for j in range(m)]
            for i in range(n)]  # fmt: skip


_ARITHMETIC = re.compile(r"[\d.\s()+\-−·×*/]+")  # numbers and operations alone
_NAMED = re.compile(r"(?:∂|[^\W\d])[\w'∂/.]*(⁽\w+⁾)?")


_LETTER_INDEX = re.compile(r"(?<![\w'∂])([^\W\d_][\w]*?)_([a-z])(?![\w'])")  # z_i, W_jk aside
_EQUALS = re.compile(r"(?<![Σ∑]_[^\W\d_])[=≈]")  # not the = of a sum's range, Σ_j=1^3


def components(line: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]],
               scalars: Collection[str] = ()) -> list[str]:  # fmt: skip
    """The chain ``line`` (plain text, its matrices marked ``⟦k⟧`` with LaTeX cells already
    converted) written out once per component. ``shapes`` holds the shape of every matrix the
    document has named so far, and learns the ones this line names (none if it is not read);
    ``scalars``, the names it gives one number.
    A product written between two vectors of one shape is taken entry by entry, or, where the
    chain is one number (``z = w · x + b = 0.5·2 + (−1)·3 + 0.5``), as their dot product."""
    before = dict(shapes)
    try:
        return _components(line, cells, shapes, scalars, dot=False)
    except NotUnderstood as why:
        shapes.clear()
        shapes.update(before)
        try:
            return _components(line, cells, shapes, scalars, dot=True)
        except NotUnderstood:
            shapes.clear()
            shapes.update(before)
            raise why from None


def _components(line: str, cells: dict[str, Grid], shapes: dict[str, tuple[int, int]],
                scalars: Collection[str], dot: bool) -> list[str]:  # fmt: skip
    line = re.sub(r"Δ\s+(?=[^\W\d])", "Δ", line)  # Δ W: the change of W, one name
    summed = set(re.findall(r"[Σ∑]_\(?([a-z])", line))  # Σ_j … z_j: j runs, z_j is no entry
    for m in _LETTER_INDEX.finditer(line):  # softmax(z_i) = e^(z_i)/Σ_j e^(z_j), z a vector
        if m[1] in shapes and m[2] not in summed:
            raise NotUnderstood(f"the general formula: {m[0]} is any entry of {m[1]}, not one")
    links = [s.strip() for s in _EQUALS.split(line)]
    if links[0] in shapes and all(_ARITHMETIC.fullmatch(s) for s in links[1:]):
        # v = (−0.5)(0) + (0.1)(1) = 0.7 after the weights v = [−0.5, 0.1], x = 2 in the next
        # question after x = [1, 2]: a number now
        del shapes[links[0]]
        return [line]
    written = next((s for s in links if "⟦" in s), None)
    for text in links if written else ():  # z = W x + b = ⟦0⟧ ⟦1⟧ + ⟦2⟧: W is ⟦0⟧'s shape …
        if "⟦" not in text and not _NAMED.fullmatch(text):
            _aligned(text, written, cells, shapes)
    grids = [_link(s, cells, shapes, dot=dot, scalars=scalars, defined=not k)
             for k, s in enumerate(links)]  # fmt: skip
    if None in grids[1:] and any("Σ" in s for s in links):
        # db = (1/n) Σ error = (−20 − 18 − 15)/3: the page writes the sum as one number, so
        # its Σ sums the entries of the list (a row; over a matrix's rows, the examples, it
        # sums each column as before)
        summed = [_link(s, cells, shapes, True, dot, scalars, defined=not k) if "Σ" in s else g
                  for k, (s, g) in enumerate(zip(links, grids))]  # fmt: skip
        if all(g is None or isinstance(g, str) for g in summed[1:]):
            return [" = ".join(g if isinstance(g, str) else s for s, g in zip(links, summed))]
    known = [g for g in grids if g is not None]
    if not known:  # a matrix's name inside something else (σ(Z⁽1⁾)): the chain as it is
        return [line]
    # the shape a matrix written out has (b = Σδ = [column]: a column), else the first
    shape = _shape(next((g for g, t in zip(grids, links) if g is not None and "⟦" in t), known[0]))
    if 1 in shape:  # a vector written as a row in one link and as a column in another
        grids = [g if g is None or _shape(g) == shape or _shape(g)[::-1] != shape
                 else [list(col) for col in zip(*g)] for g in grids]  # fmt: skip
        known = [g for g in grids if g is not None]
    if any(_shape(g) != shape for g in known):
        raise NotUnderstood("links of different shapes: " + " = ".join(
            f"{_shape(g)[0]}×{_shape(g)[1]}" for g in known))  # fmt: skip
    for k, name in enumerate(links):  # z0 = a0 = x: each name names the matrix
        if grids[k] is None and (k == 0 or shape != (1, 1)) and _NAMED.fullmatch(name):
            shapes[name] = shape
            grids[k] = [[_component(name, i, j, shape) for j in range(shape[1])]
                        for i in range(shape[0])]  # fmt: skip
    if shape == (1, 1):  # a 1×1 matrix is a number: the links beside it are plain numbers
        grids = [[[text]] if g is None else g for g, text in zip(grids, links)]
    if any(g is None for g in grids):
        raise NotUnderstood("a matrix equal to something that is not one")
    # ∂L/∂W = [∂L/∂W_11 …] = …: an entry written as its own name says nothing more
    written = ([g[i][j] for k, g in enumerate(grids)
                if k == 0 or _bare(g[i][j]) != _bare(grids[k - 1][i][j])]
               for i in range(shape[0]) for j in range(shape[1]))  # fmt: skip
    return [" = ".join(links) for links in written if len(links) > 1]


# loss(scores), loss(scores_0, scores_1): a name with its arguments in one pair of brackets
_WITH_ARGUMENTS = re.compile(r"([^\W\d][\w']*)\s*\(([^()]*)\)")
_KNOWN_FUNCTIONS = re.compile(  # what is applied to each entry (σ(z)), or a vector's (softmax)
    r"(?i:exp|log|ln|sqrt|sig(?:m|moid)?|tanh|relu|max|min|softmax|sum|mean|abs|diag)'?")


_GRADIENT = re.compile(r"∇\s*([^\W\d][\w'.]*)(?:\(\s*([^\W\d][\w'.]*)\s*\))?")


def gradient(text: str, shapes: dict[str, tuple[int, int]]) -> Grid | None:
    """``∇f(v)``, or ``∇f`` of an ``f`` the page writes as a function of a vector ``v``
    (``loss(scores)``): the vector of f's partials by v's entries, shaped as v; None where
    no vector is known for it (``∇w`` of a weight: ``dw``, a number).

    >>> gradient("∇loss(s)", {"s": (1, 2)})
    [['∂loss/∂s1', '∂loss/∂s2']]
    """
    m = _GRADIENT.fullmatch(text)
    f, v = m[1], m[2] or next((k[len(m[1]) + 1 : -1] for k in shapes
                               if k.startswith(m[1] + "(")), "")  # fmt: skip
    if v not in shapes or 1 not in shapes[v]:
        return None
    shapes[f"{f}({v})"] = shapes[v]  # f is a function of v: ∇f alone is by v from now on
    shape = shapes[v]
    return [[f"∂{f}/∂{_component(v, i, j, shape)}" for j in range(shape[1])]
            for i in range(shape[0])]  # fmt: skip


def named_by_argument(links: list[str], shapes: dict[str, tuple[int, int]]) -> tuple[str, set[int]]:
    """``loss(scores) = loss(scores_0, scores_1) = −log(…)``: a first link ``f(v)``, for a vector
    ``v`` of the page and an ``f`` that is no function the reader knows, is the number ``f``
    where some other link is one number (no matrix in it); a later link ``f(…)`` of the same
    ``f`` (its arguments written out) says nothing more. The name, and the links (by index) to
    leave out; ``("", set())`` when the first link is not such a name.

    >>> named_by_argument(["loss(s)", "loss(s0, s1)", "−log(0.2)"], {"s": (1, 2)})
    ('loss', {1})
    """
    m = _WITH_ARGUMENTS.fullmatch(links[0].strip())
    if m is None or _KNOWN_FUNCTIONS.fullmatch(m[1]) or m[1] in shapes:
        return "", set()
    arguments = [a.strip() for a in m[2].split(",")]
    if len(arguments) != 1 or arguments[0] not in shapes or 1 not in shapes[arguments[0]]:
        return "", set()
    dropped = {k for k, s in enumerate(links) if k and (a := _WITH_ARGUMENTS.fullmatch(s.strip()))
               and a[1] == m[1]}  # fmt: skip
    rest = [s.strip() for k, s in enumerate(links) if k and k not in dropped]
    if not rest or any("⟦" in s or names_a_matrix(s, shapes, ()) for s in rest):
        return "", set()
    shapes[f"{m[1]}({arguments[0]})"] = shapes[arguments[0]]  # ∇loss: by the scores' entries
    return m[1], dropped


# the label before a list: words and the symbol it is, either in brackets ("input(x)",
# "x (input)") or after them ("Input x"), or an expression ("h - y")
_LABEL = re.compile(r"([A-Za-z][\w ]*?)\s*\(\s*([^\W\d][\w' ]*?)\s*\)")
_WORDS_THEN_SYMBOL = re.compile(r"((?:[A-Za-z]{3,}\s+)+)([^\W\d][\w']*)")
_PROSE = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{3,})*")  # words, not a symbol


def _labelled(label: str) -> tuple[str, str] | None:
    """(the words, the symbol) a label names a list by, or None for an expression: the
    symbol is the side that is not words of prose (``input(x)``, ``x (input)``, ``Input
    x``; in ``error (e)``, ``e``)."""
    m = _LABEL.fullmatch(label)
    if m and _PROSE.fullmatch(m[2]) and not _PROSE.fullmatch(m[1]):
        return m[2], m[1]  # x (input)
    if m and not _PROSE.fullmatch(m[2]):
        return m[1], m[2]
    m = _WORDS_THEN_SYMBOL.fullmatch(label)
    return (m[1].strip(), m[2]) if m and not _PROSE.fullmatch(m[2]) else None
_A_LIST = re.compile(r"\s*\[[^\[\]]*\]\s*")


def lists_read(
    lines: list[tuple[int, str]], longest: int, functions: Collection[str] = ()
) -> list[tuple[int, str]]:
    """Plain-text lines with their vectors written as lists read component by component, as
    ``components`` reads LaTeX's: ``input(x) : [1, 1, 2]`` gives ``x1 = 1`` … ``x3 = 2``, and
    a later ``h - y : [-21, -2, -1]`` is ``h1 − (y1) = -21`` … (``.`` after a bracket is
    times there, as in ``(h - y). x``). A label that is one of ``functions`` applied to a
    symbol (``sigmoid(z) : [0.62, 0.71]``) is that function's values, not the symbol's; a
    label on a symbol listed before (``Gradient(w)``) is left as written. A
    line whose shapes do not fit stays as written, and so does one longer than ``longest``
    characters (the reader refuses it).

    >>> [t for _, t in lists_read([(1, "input(x) : [1, 2]"), (2, "2x : [2, 4]")], 100)]
    ['x1 = 1', 'x2 = 2', '2·(x1) = 2', '2·(x2) = 4']
    """
    shapes: dict[str, tuple[int, int]] = {}
    out: list[tuple[int, str]] = []
    applied = {f.lower() for f in functions}
    for number, text in lines:
        if len(text) > longest or ("[" not in text and not shapes):
            out.append((number, text))
            continue
        label, colon, after = text.rpartition(":")
        if colon and _A_LIST.fullmatch(after) and label.strip() and not set("=[]") & set(label):
            named = _labelled(label.strip())
            if named and named[1] in shapes and named[0].lower() not in applied:
                # Gradient(w) after w's own list: the words say something else of w, which
                # they do not tell the reader; left as written, so it is not understood
                out.append((number, text))
                continue
            if named and named[0].lower() in applied:  # sigmoid(z): σ of z, not z
                named = None
            left = named[1] if named else re.sub(r"\)\s*\.\s*(?=[^\W\d(])", ")·", label.strip())
            text = f"{left} = {after.strip()}"
        body, cells = take_matrices(text)
        try:
            pieces = components(body, cells, shapes) if cells or shapes else [text]
        except NotUnderstood:
            pieces = [text]  # the text reader says why it cannot read it
        out += [(number, piece) for piece in pieces]
    return out
