"""The equations in a page's maths, each as the plain-text chain ``read_lines`` reads, on its
line: an aligned block's rows continue one chain, a vector or matrix is written out by
component, cases and supposed values are judged at a point."""

from __future__ import annotations

import re
from decimal import Decimal

from .latex_text import latex_to_text
from .maths_spans import ENVIRONMENT, blanked, maths_spans
from .read_cases import case_equation
from .read_chain import LIMITS, parse_chain
from .read_matrix import (
    components,
    entries_named,
    entry_lines,
    entry_on,
    named_by_argument,
    names_a_matrix,
    take_matrices,
)
from .read_prose import split_givens
from .read_text import ROW, UNREADABLE, unreadable
from .worksheet import NotUnderstood, reads_names

__all__ = ["SUPPOSED_REACH", "math_lines"]


def _supposed(clause: str, body: str) -> str:
    """What holds in a case the page supposes (``clause``: "if $z_1 < 0$, then "; ``body``:
    the maths after it), judged at a point of the case (``ReLU'(−1) = 0``) where it reads
    nothing but the variable the condition bounds; else not understood, with why."""
    condition = re.sub(r"\\[()]|\$", " ", clause)
    condition = re.sub(r"^\s*[Ii]f\b|\bthen\s*,?\s*$", " ", condition)
    try:
        left, value = latex_to_text(body).split(" = ", 1)
        return case_equation(left, value, latex_to_text(condition))
    except (NotUnderstood, ValueError) as why:
        return unreadable(f"a case the page supposes (if …, then): {why}", body)


_BEFORE_LEFT = re.compile(r"\\\\|\\q?quad\b|[=,;]")


def _balanced(text: str) -> bool:
    """Whether every bracket ``text`` opens it closes (a comma in ``\\max(0, x)`` is not one
    between equations)."""
    return all(text.count(a) == text.count(b) for a, b in ("()", "{}", "[]"))


def _cases_written_out(body: str, line: int, lines: list[tuple[int, str]]) -> str:
    """Each case of a function written by cases in ``body`` (from ``line``: ``f(z) =
    \\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}``), as the equation judged at a
    point of its condition, on the case's line (``read_cases``); the body is given back
    without them, its lines kept in place."""
    pieces, at = [], 0
    while (opens := body.find("\\begin{cases}", at)) >= 0:
        closes = body.find("\\end{cases}", opens)
        equals = body.rfind("=", at, opens)
        if closes < 0 or equals < 0 or body[equals + 1 : opens].strip():
            break
        # the left side: after the row, the space (\qquad) or the equation before it
        start = max((m.end() for m in _BEFORE_LEFT.finditer(body, at, equals)
                     if _balanced(body[m.end() : equals])), default=at)  # fmt: skip
        left = " ".join(latex_to_text(body[start:equals].replace("&", " ")).split())
        offset = opens + len("\\begin{cases}")
        for case in body[offset:closes].split("\\\\"):
            case_line = line + body.count("\n", 0, offset + len(case) - len(case.lstrip()))
            offset += len(case) + 2
            if not case.strip():
                continue
            try:
                value, condition = case.split("&", 1)
                found = case_equation(left, latex_to_text(value), latex_to_text(condition))
            except (NotUnderstood, ValueError) as why:
                found = unreadable(f"a case of {left} not judged: {why}", case.strip())
            lines.append((case_line, found.replace("\n", " ")))
        end = closes + len("\\end{cases}")
        pieces += [body[at:start], re.sub(r"[^\n]", " ", body[start:end])]
        if body[end:].lstrip(" \t").startswith("="):  # h = \begin{cases}…\end{cases} = 0:
            pieces.append(" ".join(body[start:equals].split()))  # h's value, not a step above
        at = end
    return "".join(pieces) + body[at:]


def _said_open(text: str, at: int, end: int, line: int, lines: list[tuple[int, str]]) -> str:
    """The body of a display block never closed (from ``at`` to ``end`` in ``text``, opened
    on ``line``), saying how it was read; where the text ends inside it, its last line, which
    a copy cut off there leaves unfinished (``&\\leftarrow 0.1 + 0.``), is not read."""
    opener = text[at : text.find("\n", at)].strip() if "\n" in text[at:end] else text[at:end]
    body = text[at + len(opener) : end]
    if end < len(text.rstrip()):
        why = f"maths opened with {opener} is never closed: its rows, to the blank line, read"
        lines.append((line, unreadable(why, opener)))
        return body
    cut = body.rstrip().rfind("\n")
    last = body[cut + 1 :].strip()
    if cut < 0 or not last:
        return body
    why = f"the page ends inside the maths opened with {opener} on line {line}: cut off"
    lines.append((line + body.count("\n", 0, cut + 1), unreadable(why, last)))
    return body[: cut + 1]


def math_lines(
    text: str,
    first_line: int = 1,
    shapes: dict[str, tuple[int, int]] | None = None,
    scalars: set[str] | None = None,
) -> list[tuple[int, str]]:
    """Each equation in the maths of ``text`` as (line number, plain-text chain); a chain
    of vectors or matrices once per component (``shapes``: those the document has named;
    ``scalars``: the names it has given one number)."""
    shapes = {} if shapes is None else shapes
    scalars = set() if scalars is None else scalars
    lines: list[tuple[int, str]] = []
    text = text.replace(r"\$", "  ")  # an escaped dollar is a currency sign, not maths
    open_ended: list[tuple[int, int]] = []
    maths = maths_spans(text, open_ended)
    prose = blanked(text, maths)
    # a $ that opens maths and never closes, or an environment (\begin{align*} with no \end:
    # the rows after it were passed over as prose, their errors unseen)
    for m in re.finditer(rf"\$+|\\begin{ENVIRONMENT}", prose):
        line = first_line + prose.count("\n", 0, m.start())
        rest = text[m.start() :].split("\n", 1)[0]
        opener = "$" if m.group(0).startswith("$") else m.group(0)
        lines.append((line, unreadable(f"maths opened with {opener} is never closed", rest)))
    block_line, counted = first_line, 0  # the line of text[counted]: no count from 0 again
    under = _ListUnder(prose.split("\n"), first_line)
    before: list[str] = []  # the entries' left sides of the last block, for one going on "= …"
    for at, end, body in maths:
        block_line += text.count("\n", counted, at)
        counted = at
        item = _list_item(prose, at, end)
        if item is None:
            under.close(lines)
        written = len(lines)
        line_start = max(prose.rfind("\n", 0, at) + 1, at - SUPPOSED_REACH)
        if supposed := _SUPPOSED.search(prose, line_start, at):  # if z < 0, then …
            lines.append((block_line, _supposed(text[supposed.start() : at], body)))
            continue
        if _LIMIT_BEFORE.search(prose, line_start, at) and _TENDS.search(body):
            why = "a limit (a quantity tending to a value), not an update"
            lines.append((block_line, unreadable(why, body)))
            continue
        if (at, end) in open_ended:
            body = _said_open(text, at, end, block_line, lines)
        if "\\begin{cases}" in body:
            body = _cases_written_out(body, block_line, lines)
        cells_at: dict[str, list[list[int]]] = {}
        body, cells = take_matrices(body, cells_at)  # their \\ are rows of the matrix
        block = _Block(cells, {k: [[block_line + n for n in row] for row in v]
                               for k, v in cells_at.items()})  # fmt: skip
        block.before = before
        chain: list[str] = []  # the rows of one chain: the first, then "&= …" rows
        chain_line = row_line = block_line
        offset = 0  # where the row starts in the block
        for row, after in _rows(body):
            text_at = offset + len(row) - len(re.sub(r"^(\s|\\begin\{\w+\*?\})*", "", row))
            row_line += body.count("\n", offset, text_at)  # the line its text begins on
            row_line_end = row_line + body.count("\n", text_at, offset + len(row))
            offset += len(row) + after  # the row and its \\
            try:
                converted = latex_to_text(row)
            except NotUnderstood as why:
                lines.append((row_line, unreadable(str(why), row.strip())))
                row_line = row_line_end
                continue
            if re.match(r"\s*(&\s*)?=", row.replace("\\begin{aligned}", "")) and chain:
                chain.append(f" {ROW}{row_line}{ROW} {converted}")  # a continuation: "&= 2"
            elif _TERMS_GO_ON.match(row) and chain:  # "&+ −(1)\log(…)": the last link goes on
                chain.append(f" {entry_on(converted, row_line)}")
            else:
                if chain:
                    lines += _written_out(chain_line, "".join(chain), block, shapes, scalars)
                chain, chain_line = [converted], row_line
            row_line = row_line_end
        if chain:
            lines += _written_out(chain_line, "".join(chain), block, shapes, scalars)
        if item is not None:
            under.add(item, block_line, written, lines[written:])
        else:
            under.open(block.components, block_line + text.count("\n", at, end))
        before = [t.split(" = ", 1)[0] for _, t in block.components]
    under.close(lines)
    # equations on lines of their own in one block, no \\ between (a = 1, \quad ⏎ b = 2):
    # each on its line of the source; a line that begins with an operation and holds no '='
    # (J = −p_1 log(…) ⏎ − p_2 log(…)) is more terms of the line before, its numbers on it
    out: list[tuple[int, str]] = []
    for n, part in lines:
        for k, line in enumerate(part.split("\n")):
            at = n + (k if ROW not in part else 0)
            if k and out and _MORE_TERMS.match(line) and "=" not in line:
                out[-1] = (out[-1][0], f"{out[-1][1]} {entry_on(line.strip(), at)}")
            else:
                out.append((at, line))
    return out


_MORE_TERMS = re.compile(r"\s*[-+−·×]\s*\S")


# a row of an aligned block that begins with an operation (&+ …, & - …): more terms of the
# link above, broken over rows; a row that begins "-x = …" is an equation of its own
_TERMS_GO_ON = re.compile(r"\s*(?:&\s*[+\-−]|\+)")


# the maths of an item of a numbered list, alone on its line: "2.  $0.5 + 1.2 - 4.2 = -2.5$"
# 1. 2) (3) a) b): numbered; - * • \item: the next (matched from the line's start)
_ITEM = re.compile(r"\s*(?:\(?(\d{1,3})[.)]|\(?([a-h])\)|[-*+•]|\\item)\s*$")


def _list_item(prose: str, start: int, end: int) -> int | None:
    """The number of the list item whose whole text is the maths from ``start`` to ``end`` in
    ``prose`` (the text with its maths blanked): 0 for a bullet (the next), None if none."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = len(prose) if (n := prose.find("\n", end)) < 0 else n
    item = _ITEM.match(prose, line_start, start)
    if not item or prose[end:line_end].strip(" .,;"):
        return None
    return int(item[1]) if item[1] else ord(item[2]) - ord("a") + 1 if item[2] else 0


_LIST_OPENS = re.compile(r"\\begin\{(?:enumerate|itemize)\}(?:\[[^\]]*\])?")


class _ListUnder:
    """A numbered list right under a matrix written out component by component (a line of
    words between them at most: "Calculating each element:"), one item per component, each
    numbers alone: item k is the working of component k (``0.5 + 1.2 - 4.2 = -2.5``), read
    with that component's left side (``Z2⁽1⁾ = 0.5 + 1.2 - 4.2 = -2.5``), so its numbers are
    judged as that component's. A list of another length, or an item that names something,
    is left as written."""

    def __init__(self, prose: list[str], first_line: int) -> None:
        self.prose, self.first_line = prose, first_line
        self.lefts: list[str] = []  # the components' left sides, in order
        self.results: list[str] = []  # and the last link each is written with
        self.end = 0  # the last line of the matrix
        self.items: list[tuple[int, int, int]] = []  # (number, index in lines, lines it gave)

    def open(self, written: list[tuple[int, str]], end: int) -> None:
        texts = [t for _, t in written]
        if len(texts) > 1 and all(" = " in t and UNREADABLE not in t for t in texts):
            self.lefts, self.end, self.items = [t.split(" = ", 1)[0] for t in texts], end, []
            self.results = [entry_lines(t.rsplit(" = ", 1)[1])[0] for t in texts]

    def add(self, number: int, line: int, at: int, written: list[tuple[int, str]]) -> None:
        if not self.lefts:
            return
        between = self.prose[self.end + 1 - self.first_line : line - self.first_line]
        words = [t for t in between if _LIST_OPENS.sub("", t).strip()]
        if not self.items and len(words) > 1:
            self.lefts = []  # far from the matrix: a list of its own
            return
        self.items.append((number or len(self.items) + 1, at, len(written)))

    def close(self, lines: list[tuple[int, str]]) -> None:
        """Give the items their components' names, if the list is one item per component."""
        numbers = [n for n, _, _ in self.items]
        if self.lefts and numbers == list(range(1, len(self.lefts) + 1)):
            for left, result, (_, at, count) in zip(self.lefts, self.results, self.items):
                line, text = lines[at]
                if count == 1 and _numbers_alone(text) and _same_result(text, result):
                    lines[at] = (line, f"{left} = {text}")
        self.lefts, self.items = [], []


def _same_result(chain: str, result: str) -> bool:
    """Whether an item's working ends in the number its component is written with (or the
    component writes no number): ``0.5 × 2 = 1.0`` under ``Z1 = 0.5`` works out another."""
    written = _LAST_NUMBER.search(result)
    ends = _LAST_NUMBER.search(chain)
    if written is None or not re.fullmatch(r"\s*" + _LAST_NUMBER.pattern, result):
        return True
    return ends is not None and _value(ends[0]) == _value(written[0])


_LAST_NUMBER = re.compile(r"[-−–]?\s*\d*\.?\d+\s*$")


def _value(number: str) -> Decimal:
    return Decimal(re.sub(r"\s", "", number).replace("−", "-").replace("–", "-"))


def _numbers_alone(chain: str) -> bool:
    """Whether a chain is numbers and operations alone (Euler's e among them)."""
    try:
        return not any(reads_names(link) for link in parse_chain(chain))
    except NotUnderstood:
        return False


#: Where a block of maths starts a row: at each \\, and at a line of the source that begins
#: with an arrow (an equation of its own: "… = 1 \n \Rightarrow dL/dz = …")
_ROW_BREAK = re.compile(r"\\\\|(?=\n\s*\\(?:Rightarrow|implies|Longrightarrow)\b)")


def _rows(body: str) -> list[tuple[str, int]]:
    """The rows of a block of maths, each with the length of the break after it."""
    rows, start = [], 0
    for m in _ROW_BREAK.finditer(body):
        if m.end() == m.start() == start:
            continue  # an arrow that begins the block begins its first row
        rows.append((body[start : m.start()], m.end() - m.start()))
        start = m.end()
    return [*rows, (body[start:], 0)]


# "if $z_1 < 0$, then $…$": what the maths after it says holds in a case supposed, not this one
_SUPPOSED = re.compile(r"\b[Ii]f\b[^.;]*\bthen\s*,?\s*\Z")
# "Low when $\hat{y} \to 1$", "as $z \to \infty$": a quantity tending to a value, not updated
_LIMIT_BEFORE = re.compile(r"\b(?:[Ww]hen|[Aa]s)\s*\Z")
_TENDS = re.compile(r"\\to\b|→|\\rightarrow\b")
#: How far before a formula its "if …, then" is looked for: a clause, not the whole line (a
#: line of many formulas would be read again for each one)
SUPPOSED_REACH = 120


class _Block:
    """The matrices of one block of maths: their cells as LaTeX, converted once when a chain
    first needs them, and the line each of their rows stands on."""

    def __init__(
        self, cells: dict[str, list[list[str]]], cells_at: dict[str, list[list[int]]]
    ) -> None:
        self.latex, self.cells_at = cells, cells_at
        self._cells: dict[str, list[list[str]]] | None = None
        self.components: list[tuple[int, str]] = []  # its last chain, written out by component
        self.before: list[str] = []  # the left sides of the matrix block before it, if any

    def cells(self) -> dict[str, list[list[str]]]:
        if self._cells is None:
            entries = sum(len(row) for rows in self.latex.values() for row in rows)
            if entries > LIMITS["chains"]:  # before any is read: each an equation's worth
                raise NotUnderstood(f"more than {LIMITS['chains']:,} entries")
            at = {k: self.cells_at.get(k) or [[None] * len(row) for row in rows]
                  for k, rows in self.latex.items()}  # a list [1, 2]: on the chain's line
            # a cell broken over lines (∂loss/∂h1_0 ⏎ ∂h1_0/∂M_0) is one entry: a product
            self._cells = {k: [[entry_on(latex_to_text(c.replace("\n", " ")), line)
                                for c, line in zip(row, lines)]
                               for row, lines in zip(rows, at[k])]
                           for k, rows in self.latex.items()}  # fmt: skip
        return self._cells

    def lines(self, chain: str, count: int) -> list[int] | None:
        """The line of each of ``count`` components of ``chain``: the rows of the last matrix
        written out in it with that many entries (its result, row by row), if on several."""
        for key in reversed(re.findall(r"⟦\d+⟧", chain)):
            rows = self.latex[key]
            if len(rows) > 1 and len(rows) * len(rows[0]) == count and key in self.cells_at:
                return [line for row in self.cells_at[key] for line in row]
        return None


_NEXT_EQUATION = re.compile(r"\n(?=\s*[^\W\d][\w'⁽⁾]*\s*=)")  # x = [16, -6] & \n y = 2
_GIVEN_NUMBER = re.compile(r"\s*([^\W\d][\w']*(?:⁽\w+⁾)?)\s*=\s*[-−]?(?:\d+\.?\d*|\.\d+)\s*")
_GIVEN_MATRIX = re.compile(r"[^=⟦]+=\s*\(?\s*⟦\d+⟧\s*\)?\s*")  # z = [0; 2], z = \left[…\right]


_RELATION = re.compile(r"(?<![Σ∑]_[^\W\d_])[=≈]")  # not the = of a sum's range, Σ_j=1^3


def _marks_after(link: str) -> int:
    """Where the row marks (and spaces) that end ``link`` begin: they say on which row the next
    link stands (read from the end, each character once)."""
    i = len(link) - 1
    while i >= 0:
        if link[i].isspace():
            i -= 1
            continue
        j = i - 1
        while j >= 0 and link[j].isdigit():
            j -= 1
        if link[i] != ROW or j < 0 or link[j] != ROW or j == i - 1:
            break
        i = j - 1
    return i + 1


def _function_of_a_vector(chain: str, shapes: dict[str, tuple[int, int]]) -> str:
    """``loss(scores) = loss(scores_0, …) = −log(…)`` as ``loss = −log(…)`` (see
    ``named_by_argument``), each link kept on its row; the chain as it is otherwise."""
    links = _RELATION.split(chain)
    bare = [re.sub(rf"{ROW}\d+{ROW}", "", link) for link in links]
    if len(links) < 2 or "(" not in bare[0]:
        return chain
    name, dropped = named_by_argument(bare, shapes)
    if not name:
        return chain
    kept = [name + " " + links[0][_marks_after(links[0]) :]]
    for k, link in enumerate(links[1:], 1):
        if k in dropped:  # its row marks say where the next link stands: the last kept's now
            kept[-1] = kept[-1][: _marks_after(kept[-1])] + " " + link[_marks_after(link) :]
        else:
            kept.append(link)
    return "=".join(kept)


def _written_out(
    line: int, chain: str, block: _Block, shapes: dict[str, tuple[int, int]], scalars: set[str]
) -> list[tuple[int, str]]:
    """The chain, or one chain per component where it holds matrices or names of them, each
    on the line its entry is written on."""
    chain = entries_named(chain, shapes)  # w_{11} of W
    chain = _function_of_a_vector(chain, shapes)  # loss(scores) = …: the number loss
    plain = re.sub(rf"{ROW}\d+{ROW}", "", chain)
    plain = re.sub(r"(?<!\s)\s*(?::=|←)\s*", " = ", plain, count=1)  # W := W − η ∇W
    names = re.findall(r"(?:∂|[^\W\d])[\w'∂/.]*(?:⁽\w+⁾)?", plain)
    scalars.update(m[1] for piece in split_givens(plain) if (m := _GIVEN_NUMBER.fullmatch(piece)))
    if "=" not in plain and "⟦" in plain:  # the softmax probabilities are: [0.3252; …]
        shown = re.sub(r"⟦\d+⟧", lambda m: "[" + "; ".join(
            ", ".join(row) for row in block.latex[m[0]]) + "]", plain)  # fmt: skip
        return [(line, unreadable("a matrix with nothing equal to it: what it is, only the "
                                  "words say", shown))]  # fmt: skip
    if "=" not in plain or ("⟦" not in plain and not any(
        names_a_matrix(n, shapes, scalars) for n in names)):
        return [(line, chain)]  # no '=': named once as not an equation, not once per entry
    out: list[tuple[int, str]] = []
    # x = [1, 4], y = [0.1, 0.05]; an aligned row's second equation on the next source line
    pieces = [p for part in _NEXT_EQUATION.split(plain) for p in split_givens(part)]
    # h = σ(z), z = [0; 2]: the matrices given on the line first, so the formula knows them
    pieces.sort(key=lambda piece: not _GIVEN_MATRIX.fullmatch(piece))
    for piece in pieces:
        going_on = piece.lstrip().startswith("=") and bool(block.before)  # = [..] = [..]
        try:
            found = components(piece.lstrip()[1:] if going_on else piece, block.cells(), shapes,
                               scalars)  # fmt: skip
            if going_on and len(found) != len(block.before):
                raise NotUnderstood(f"'= …' of {len(found)} entries after a matrix of "
                                    f"{len(block.before)}")  # fmt: skip
        except NotUnderstood as why:
            worked = _worked_unnamed(piece, block, shapes, scalars) if not going_on else None
            if worked is None:
                out.append((line, unreadable(f"vectors and matrices: {why}", piece)))
                continue
            left, found = worked
            out.append((line, unreadable(f"vectors and matrices: the left side {left} is not "
                                         "read as a vector; the entries after it are worked as "
                                         "written", left)))
        if going_on:  # each entry goes on with the entry of the matrix above
            found = [f"{left} = {entry}" for left, entry in zip(block.before, found)]
        at = block.lines(piece, len(found)) or [line] * len(found)
        out += list(zip(at, found))
        block.components = list(zip(at, found))
    return out


def _worked_unnamed(
    piece: str, block: _Block, shapes: dict[str, tuple[int, int]], scalars: set[str]
) -> tuple[str, list[str]] | None:
    """A chain of vectors whose left side names none (``logits − max = [−0.8, 1.1, 0.1] − 1.1
    = [−1.9, 0, −1.0]``: words for what follows): the left side, and the rest written out
    entry by entry, each entry's arithmetic judged; None if the rest is not all vectors."""
    links = re.split(r"\s=\s", piece)
    if len(links) < 3 or "⟦" in links[0] or not all("⟦" in link for link in links[1:]):
        return None
    try:
        return links[0].strip(), components(" = ".join(links[1:]), block.cells(), shapes, scalars)
    except NotUnderstood:
        return None
