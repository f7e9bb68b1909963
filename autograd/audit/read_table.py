"""Tables of worked values, read as equations: a cell under a column headed by a symbol or a
formula is that quantity's value in the cell's row, as a reader takes a table of the examples
of a batch or the steps of a descent.

Each body cell of a Markdown table (``| … |`` rows under a ``|---|`` line) whose column's
header holds one symbol or formula in maths (``$\\hat{y}$``, ``Mileage $X$ (1000s miles)``,
``$-\\log(\\hat{y})$``) and which holds a number, or maths of numbers alone
(``$-\\log(0.9) = 0.105$``), is rewritten in place as that equation (``$\\hat{y} = 0.9$``,
``$-\\log(\\hat{y}) = -\\log(0.9) = 0.105$``); every other cell stays as written. A header
``L(w)`` is the column of ``L`` (its value at the row's ``w``), and ``New $w$`` of ``w'``.
A row that works a formula out across its cells (Formula, Expression, Value) is one chain.
A table of givens (``| Symbol | Value | Description |``, a row per quantity) gives each row's
symbol, its first cell, the number under Value.
The rows keep their lines, so the readers of maths and of table rows take them from there.

>>> print(tables_as_maths("| $y$ | $-\\\\log(y)$ | note |\\n|---|---|---|\\n| 0.5 | 0.69 | ok |"))
| $y$ | $-\\log(y)$ | note |
|---|---|---|
| $y = 0.5$ | $-\\log(y) = 0.69$ | ok |
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .worksheet import LOSS_LETTERS, LOSS_NAMES, Chain, Claim, Name, Num, Part, Unread, names_in

__all__ = [
    "JOINS", "LABEL", "ROW_LOSS", "join_lines", "label_claim", "label_lines",
    "ORDER", "losses_carried", "node_rows_as_maths", "order_claim", "order_lines",
    "row_losses_named", "rows_joined", "tables_as_maths",
]  # fmt: skip

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")  # |---|:---:|
_MATHS = re.compile(r"(?<!\\)\$([^$]+)(?<!\\)\$")
_NUMBER = re.compile(r"[-−]?(?:\d+\.?\d*|\.\d+)")
_APPLIED = re.compile(r"\s*([A-Za-z](?:_\{?\w+\}?)?)\s*\(\s*[A-Za-z](?:_\{?\w+\}?)?\s*\)\s*")
# maths of numbers alone: digits, operators, brackets and commands (\log, \times, \frac{…}{…})
_NUMBERS_ONLY = re.compile(r"(?:\\[A-Za-z]+|[\d.\s+\-−*/^(){}\[\]=,]|e(?![A-Za-z]))*")


def tables_as_maths(text: str) -> str:
    """``text`` with the cells of its tables that hold a column's value written as equations."""
    lines = node_rows_as_maths(text).split("\n")
    k = 0
    while k + 1 < len(lines):
        if _ROW.match(lines[k]) and _RULE.match(lines[k + 1]) and "|" in lines[k + 1]:
            headers = _cells(lines[k])
            columns = [_column(h) or (ROW_LOSS if _LOSS_HEADER.fullmatch(h) else None)
                       for h in headers]  # fmt: skip
            indices = [_component(h) for h in headers]
            k += 2
            value = next((i for i, h in enumerate(headers) if _VALUE.fullmatch(h)), None)
            if value and _NAMES.fullmatch(headers[0]):  # | Symbol | Value | …: givens
                while k < len(lines) and _ROW.match(lines[k]):
                    lines[k] = _given_row(_cells(lines[k]), value)
                    k += 1
                continue
            if len(headers) > 2 and indices[0] is None and all(indices[1:]):
                while k < len(lines) and _ROW.match(lines[k]):  # the rows name formulas
                    lines[k] = _by_component(_cells(lines[k]), indices)
                    k += 1
                continue
            carried = False  # whether the row before left a chain for this one to go on with
            while k < len(lines) and _ROW.match(lines[k]):
                cells = _cells(lines[k])
                written = [_as_equation(c, s) for c, s in zip(cells, columns)]
                written += cells[len(written) :]
                carried = _chained(written, carried and not written[0])
                lines[k] = "| " + " | ".join(written) + " |"
                k += 1
        else:
            k += 1
    return "\n".join(lines)


_VALUE = re.compile(r"[*_\s]*(?i:(?:initial |given )?values?)[*_\s]*")  # a Value column
_NAMES = re.compile(  # the column of the symbols, first
    r"[*_\s]*(?i:symbols?|parameters?|variables?|quantity|quantities|names?)[*_\s]*"
)
_SYMBOL = re.compile(r"[^\W\d][\w'₀-₉]*")  # x₁, w2, b_h, η


def _given_row(cells: list[str], value: int) -> str:
    """A row of a table of givens (``| x₁ | 0.05 | Input 1 |``): its value cell as the
    equation ``$x₁ = 0.05$`` where the first cell is one symbol and the value a number."""
    out = list(cells)
    symbol = cells[0].strip("*`$ ")
    body = _numbers_body(cells[value]) if value < len(cells) else None
    if _SYMBOL.fullmatch(symbol) and body is not None and _NUMBER.fullmatch(body):
        out[value] = f"${symbol} = {body}$"
    return "| " + " | ".join(out) + " |"


def _cells(row: str) -> list[str]:
    """The cells of a table row, split at each ``|`` outside maths (and not escaped)."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    cells, start, inside = [], 0, False
    for i, c in enumerate(row):
        if c == "$" and (i == 0 or row[i - 1] != "\\"):
            inside = not inside
        elif c == "|" and not inside and (i == 0 or row[i - 1] != "\\"):
            cells.append(row[start:i].strip())
            start = i + 1
    return [*cells, row[start:].strip()]


def _column(header: str) -> str | None:
    """The symbol or formula a column's header names (LaTeX), or None: the header's first
    maths that is no equation or condition, and of ``L(w)`` the ``L``."""
    for m in _MATHS.finditer(header):
        maths = m.group(1).strip()
        if _DEFINED.fullmatch(maths):  # $\hat{y} = w x$: ŷ's values, each worked from w x
            return maths
        if re.search(r"=|\\(?:to|in|approx|le|ge|leq|geq)\b|[<>]", maths):
            continue
        applied = _APPLIED.fullmatch(maths)
        symbol = applied.group(1) if applied else maths
        words = _MATHS.sub(" ", header).lower().split()
        return symbol + "'" if _UPDATED & set(words) else symbol  # New $w$: the updated w
    return None


_UPDATED = {"new", "updated", "after"}
# a column headed by the loss in words (Loss, Sample Loss, Loss per example): the page's loss
# of the row's sample, read under ROW_LOSS until read_lines names it (row_losses_named)
_LOSS_HEADER = re.compile(
    r"[*_\s]*(?i:(?:sample|example|per[- ]sample)\s+)?(?i:loss)(?i:\s+per\s+(?:sample|example))?"
    r"[*_\s]*")
ROW_LOSS = "lossofitsrow"  # a name no page writes
# a symbol and the formula that defines it, a formula of names (not $t = 0$, a condition)
_DEFINED = re.compile(r"(?:\\hat\{\w\}|\w(?:_\{?\w+\}?)?)\s*=\s*(?=[^=<>]*[A-Za-z])[^=<>]+")


_COMPONENT = re.compile(r"\s*\$\s*([A-Za-z]+)_\{?(\d+)\}?\s*(?:=[^$]*)?\$\s*")  # $z_1 = 1.0$


def _component(header: str) -> tuple[str, int] | None:
    """(``z``, 1) for a column headed by a component of a vector (``$z_1 = 1.0$``)."""
    m = _COMPONENT.fullmatch(header)
    return (m.group(1), int(m.group(2))) if m else None


def _by_component(cells: list[str], indices: list[tuple[str, int] | None]) -> str:
    """A row of a table whose columns are the components of a vector (``| | $z_1 = 1.0$ |
    $z_2 = 2.0$ |``) and whose first cell a formula of any one (``$e^{z_i}$``): each value
    under component k is the formula with k for the index; a sum over the index
    (``$\\sum e^{z_j}$``) is the sum over the columns, written in the first; softmax of one
    (``\\text{softmax}(z_i)``) is output k of softmax over them all."""
    maths = _MATHS.fullmatch(cells[0].strip("* "))
    index = maths and re.search(r"_(?:\{([ijk])\}|([ijk]))(?![\w{])", maths.group(1))
    out = list(cells)
    if not index:
        return "| " + " | ".join(out) + " |"
    formula, letter = maths.group(1).strip(), index.group(1) or index.group(2)
    stem = indices[1][0]
    count = len(indices) - 1
    every = ", ".join(f"{stem}_{{{n}}}" for _, n in indices[1:])
    softmax = re.fullmatch(  # \text{softmax}(z_i), softmax(z_i)
        rf"(?:\\(?:text|operatorname|mathrm)\{{)?softmax\}}?"
        rf"\s*\(\s*{stem}_\{{?{letter}\}}?\s*\)",
        formula,
    )
    for k in range(1, len(cells)):
        body = _numbers_body(cells[k]) if k < len(indices) else None
        if body is None:
            continue
        n = indices[k][1]
        if "\\sum" in formula:
            written = formula.replace("\\sum", f"\\sum_{{{letter}=1}}^{{{count}}}", 1)
        elif softmax:
            written = f"\\text{{softmax}}_{{{n}}}({every})"
        else:
            written = re.sub(rf"_(?:\{{{letter}\}}|{letter})(?![\w{{])", f"_{{{n}}}", formula)
        out[k] = f"${written} = {body}$"
    return "| " + " | ".join(out) + " |"


def _chained(cells: list[str], carried: bool) -> bool:
    """A row's chain, as a worked table spreads it over its columns (Formula, Expression,
    Value: ``$z = wx + b$ | $0.8 \\times 1.5 - 0.3$ | $0.9$``), gathered into the cell of
    its formula, in place; a row that goes on with the chain of the row before (``carried``:
    its first cell empty) gets ``$= …$``. Maths of numbers alone follows a chain only while
    the chain ends in something to work out, not in a number. Whether the row leaves a chain
    that the next row may go on with."""
    open_at, goes_on = (None, carried)
    for i, cell in enumerate(cells):
        maths = _MATHS.fullmatch(cell.strip())
        body = _numbers_body(cell)
        if body is not None and goes_on:
            if open_at is None:
                cells[i] = f"$= {body}$"
                open_at = i
            else:
                cells[open_at] = f"{cells[open_at][:-1]} = {body}$"
                cells[i] = ""
            goes_on = not _NUMBER.fullmatch(body.split("=")[-1].strip())
        elif maths and "=" in maths.group(1) and body is None:
            open_at, goes_on = i, not _NUMBER.fullmatch(maths.group(1).split("=")[-1].strip())
        elif cell.strip():
            goes_on = False
    return goes_on


def _numbers_body(cell: str) -> str | None:
    """The maths of a cell that holds a number or maths of numbers alone, else None."""
    inner = cell.strip("* ")  # **0.5**: bold
    if _NUMBER.fullmatch(inner):
        return inner
    maths = _MATHS.fullmatch(inner)
    if not maths:
        return None
    body = re.sub(r"^\s*(?:\\approx|=|≈)\s*", "", maths.group(1)).strip()  # $\approx 0.71$
    return body if body and _NUMBERS_ONLY.fullmatch(body) else None


def _as_equation(cell: str, symbol: str | None) -> str:
    """The cell as ``$symbol = …$`` where it holds a number or maths of numbers alone."""
    body = None if symbol is None else _numbers_body(cell)
    return cell if body is None else f"${symbol} = {body}$"


# a table typed as plain text, its columns titled in words: Order Node Value, Node Value
_NODE_HEADER = re.compile(
    r"\s*(?i:(?:order|step|#)\s+)?(?i:node|symbol|variable|quantity)\s+(?i:values?)\s*")
_ANSWER = re.compile(r"(?<!\w)A\.?:")  # a quiz's answer field, "A.:", before each cell
_NODE_ROW = re.compile(r"(\s*)(?:\d+\s+)?([^\W\d][\w']*)\s+(\S.*?)\s*")
_OWN_LEFT = re.compile(r"\\frac\{\s*\\partial|∂|\bd\w+/d\w+")  # a value with its own left side


def node_rows_as_maths(text: str) -> str:
    """The rows of a table typed as plain text under a title row of words (``Order Node
    Value``), each ``order node value`` (a quiz's answer fields ``A.:`` before the cells), as
    the equation ``node = value`` in maths; a value that names its own left side (``∂z/∂x =
    …``) is that equation. The rows keep their lines; the table ends at a line that is no row.

    >>> print(node_rows_as_maths("Order Node Value\\n1 A.: x A.: 1\\n2 A.: u A.: 2*x = 2"))
    Order Node Value
    $x = 1$
    $u = 2*x = 2$
    """
    lines = text.split("\n")
    inside = False
    for k, line in enumerate(lines):
        if _NODE_HEADER.fullmatch(line):
            inside = True
            continue
        row = _NODE_ROW.fullmatch(_ANSWER.sub(" ", line)) if inside else None
        value = row[3].replace("\\(", " ").replace("\\)", " ").strip() if row else ""
        if row is None or not (_NUMBER.fullmatch(value) or "=" in value):
            inside = False  # words, a blank: the table is over
            continue
        left = "" if _OWN_LEFT.match(value) and "=" in value else f"{row[2]} = "
        lines[k] = f"{row[1]}${left}{value}$"
    return "\n".join(lines)


#: a table's rule under its header (``|---|:---:|``), a row, a number in a cell and a row's
#: cells: for the readers of other constructs written in tables (read_lists, read_unit_tables)
RULE = _RULE
ROW = _ROW
NUMBER = _NUMBER
cells = _cells


LABEL = "⟦label⟧"  # opens a line read_lines takes as a row's label (brackets no page writes)
_IN, _IS = "⟦in⟧", "⟦is⟧"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_LABEL_CELL = re.compile(r"[*_\s]*([A-Za-z]{2,12})\s+(\d{1,3})[*_\s]*")  # Class 2
# the first column numbering a table's rows: its header a word (Sample, Example, #)
_KEY_HEADER = re.compile(r"[*_\s]*(?i:samples?|examples?|rows?|#|no\.?|points?|instances?)[*_\s]*")


def _keyed_rows(texts: list[str]) -> list[tuple[int, str, list[str], list[str]]]:
    """The rows of the tables keyed by their rows (a first column headed ``Sample``,
    ``Example``, ``#`` of whole numbers), numbered from 1: each row's line, key
    (``sample=1⟨0⟩``: the row, and the section between headings it stands in), the table's
    headers as words (the first holds its header row's line, to tell the tables apart), and
    the row's cells."""
    found = []
    section = 0  # a heading starts another: two tables keyed alike under two are two problems
    k = 0
    while k + 1 < len(texts):
        if not (_ROW.match(texts[k]) and _RULE.match(texts[k + 1]) and "|" in texts[k + 1]):
            section += bool(_HEADING.match(texts[k]))
            k += 1
            continue
        headers = [_plain(h) for h in _cells(texts[k])]
        keyed = bool(_KEY_HEADER.fullmatch(headers[0]))
        table = [str(k + 1), *headers]
        k += 2
        while k < len(texts) and _ROW.match(texts[k]):
            cells = _cells(texts[k])
            if keyed and re.fullmatch(r"\d{1,4}", cells[0]):
                found.append((k + 1, f"{headers[0]}={cells[0]}⟨{section}⟩", table, cells))
            k += 1
    return found


def label_lines(texts: list[str]) -> list[tuple[int, str]]:
    """The cells of tables keyed by their rows (``| Sample | True class |`` over ``| 1 |
    Class 2 |``) that label their row with a word and a number, where another table keyed
    the same way has the column too (an exercise and its solution): each a line
    ``LABEL Sample=1 IN true class IS Class 2`` for ``read_lines``, numbered from 1, so
    the later tables' cells are judged against the first's (``properties``).

    >>> rows = ["| Sample | Class |", "|---|---|", "| 1 | Class 2 |", "", "| Sample | Class |",
    ...         "|---|---|", "| 1 | Class 3 |"]
    >>> [n for n, _ in label_lines(rows)]
    [3, 7]
    """
    rows = _keyed_rows(texts)
    per_table: dict[tuple[str, str], int] = {}  # a key twice in a table: which row, unsaid
    for _, key, table, _ in rows:
        per_table[table[0], key] = per_table.get((table[0], key), 0) + 1
    found = [(n, key, h, c.strip("*_ ")) for n, key, table, cells in rows
             if per_table[table[0], key] == 1
             for h, c in zip(table[2:], cells[1:]) if _LABEL_CELL.fullmatch(c)]  # fmt: skip
    columns: dict[tuple[str, str], int] = {}  # how many lines label each row in a column
    for _, key, column, _ in found:
        columns[key, column] = columns.get((key, column), 0) + 1
    return [(n, f"{LABEL} {key} {_IN} {column} {_IS} {cell}")
            for n, key, column, cell in found if columns[key, column] > 1]  # fmt: skip


JOINS = "⟦joins⟧"  # opens a line read_lines takes as a row joined with an earlier one


def join_lines(texts: list[str]) -> list[tuple[int, str]]:
    """Each row of a table keyed by its rows whose key an earlier table keyed the same way
    has (a solution's ``| 1 | … |`` under an exercise's): ``JOINS`` and the earlier row's
    line, at the later row's, so the later row reads the values the earlier one gives
    (``read_lines``), as a reader reads the two tables side by side.

    >>> join_lines(["| # | $p$ |", "|---|---|", "| 1 | 0.2 |", "", "| # | $q$ |", "|---|---|",
    ...             "| 1 | 3 |", "| 1 | 4 |"])
    [(7, '⟦joins⟧ 3')]
    """
    seen: dict[str, tuple[str, int]] = {}  # each key's latest row: its table, its line (0:
    # the key twice in its table)
    out = []
    for line, key, table, _ in _keyed_rows(texts):
        if key in seen and seen[key][0] == table[0]:
            seen[key] = (table[0], 0)  # a key twice in one table: which row is meant, unsaid
            continue
        if key in seen and seen[key][1]:
            out.append((line, f"{JOINS} {seen[key][1]}"))
        seen[key] = (table[0], line)
    return out


def _plain(header: str) -> str:
    """A header as words: its markup and maths' dollars gone, in lower case."""
    return " ".join(re.sub(r"[*_`$]", " ", header).lower().split())


def label_claim(text: str, line: int) -> Claim:
    """The claim a ``label_lines`` line makes: the row's label in its column (``name``),
    written as the cell (``text``), its number (``members``)."""
    key, rest = text[len(LABEL) :].split(_IN)
    column, cell = rest.split(_IS)
    name = f"{column.strip()} of {key.strip().replace('=', ' ')}"  # its section's mark kept
    number = _LABEL_CELL.fullmatch(cell.strip())
    return Claim(line, name, cell.strip(), (Decimal(number[2]),), kind="restated")


def rows_joined(part: Part, earlier: int, line: int) -> list[Chain]:
    """The values the row on line ``earlier`` gives (``p = 0.2``), as read so far in
    ``part``, for the row on ``line`` that has its key (``join_lines``): inferred there,
    not written, so they are read but not judged again; a name the later row gives itself
    keeps its own value. The chains are read back from the last only to that row."""
    found, own = [], set()  # own: the names the later row gives itself, read before
    for c in reversed(part.chains):
        if c.line < earlier:
            break
        if isinstance(c.quantity, Name) and len(c.links) == 2 and isinstance(c.links[1], Num):
            if c.line == line:
                own.add(c.quantity.name)
            elif c.line == earlier and c.quantity.name not in own:
                found.append(replace(c, line=line, link_lines=(), inferred=True))
    return found[::-1]


# a loss's name: a loss letter or name, with an index of words (L_BCE, E_total, J)
_LOSS_NAME = re.compile(rf"(?:{'|'.join(map(re.escape, (*LOSS_NAMES, *LOSS_LETTERS)))})(?:_\w+)?")


def row_losses_named(part: Part) -> dict[int, Chain]:
    """Each cell under a column headed Loss in words (``ROW_LOSS``) as the page's loss of its
    row's sample: the latest loss above it defined by a formula of names (``L_BCE = −[y
    log(ŷ) + …]``) that reads only names its row gives (y, ŷ); where none does, a cell that
    works its number out (``−log(0.8) = 0.223``) is that chain, and a number alone is not
    understood, rather than read as nothing. Returns the loss's defining chain by the line
    of each row named so, for the row's part to hold it (``losses_carried``)."""
    given: dict[int, set[str]] = {}  # the names each line gives a number
    for c in part.chains:
        if isinstance(c.quantity, Name) and len(c.links) == 2 and isinstance(c.links[1], Num):
            given.setdefault(c.line, set()).add(c.quantity.name)
    latest: tuple[str, set[str], Chain] | None = None  # the last loss defined so far
    losses: dict[str, set[str]] = {}  # every loss defined so far: the names its formula reads
    kept, named = [], {}
    for c in part.chains:
        q = c.quantity
        if isinstance(q, Name) and q.name == ROW_LOSS:
            row = given.get(c.line, set())
            # J = −[y log ŷ + …] and L = (y − ŷ)² both of the row's names: which one the
            # column gives, a reader cannot tell (the latest taken flagged a right BCE column)
            others = sorted(n for n, names in losses.items()
                            if latest and n != latest[0] and names <= row)  # fmt: skip
            if latest and latest[1] <= row and others:
                part.unread.append(Unread(c.line, c.source.replace(ROW_LOSS, "Loss"), (
                    f"a column headed Loss: which loss? {', '.join([*others, latest[0]])} are "
                    "each defined above by a formula of the names its row gives")))  # fmt: skip
            elif latest and latest[1] <= row:
                kept.append(replace(c, links=(Name(latest[0]), *c.links[1:])))
                named[c.line] = latest[2]
            elif len(c.links) > 2:  # −log(0.8) = 0.223: the cell's own chain, as written
                source = c.source.replace(ROW_LOSS, "", 1).lstrip(" =")
                kept.append(replace(c, source=source, links=c.links[1:],
                                    link_lines=c.link_lines[1:]))  # fmt: skip
            else:
                part.unread.append(Unread(c.line, c.source.replace(ROW_LOSS, "Loss"), (
                    "a column headed Loss: no loss above is defined by a formula of the names "
                    "its row gives")))  # fmt: skip
            continue
        if isinstance(q, Name) and _LOSS_NAME.fullmatch(q.name) and len(c.links) > 1:
            names = set(names_in(c.links[1]))
            latest = (q.name, names, replace(c, links=c.links[:2])) if names else latest
            losses.update({q.name: names} if names else {})
        kept.append(c)
    part.chains[:] = kept
    return named


def losses_carried(part: Part, named: dict[int, Chain]) -> None:
    """The part of a row whose Loss cell ``row_losses_named`` named holds the loss's formula
    (in its front matter: read, not judged again), unless the part defines the loss itself."""
    own = {c.quantity for c in part.chains if len(c.links) > 1 and names_in(c.links[1])}
    wanted = {named[c.line].quantity: named[c.line] for c in part.chains if c.line in named}
    part.front = [*(c for q, c in wanted.items() if q not in own), *part.front]


ORDER = "⟦order⟧"  # opens a line read_lines takes as the order a node is visited in
_VISITED = re.compile(r"\s*(?i:order|step)\s+(?i:node|symbol|variable|quantity)\s+(?i:values?)\s*")
_ORDERED_ROW = re.compile(r"\s*(\d{1,3})\s+([^\W\d][\w']*)\s+(\S.*?)\s*")
# ∂z/∂u in a value, as LaTeX or as text: the derivative by the node u
_BY = re.compile(r"\\frac\{\s*\\partial\s*(\w+)\s*\}\{\s*\\partial\s*(\w+)\s*\}|∂(\w+)/∂(\w+)")


def order_lines(texts: list[str]) -> list[tuple[int, str]]:
    """The order each node of a table of a pass is visited in (``Order Node Value`` over
    ``3 A.: u A.: x*y = 2``), numbered from 1, each with the latest order among the nodes its
    value reads (``u`` reads ``x``; on the way back ``∂z/∂x = ∂z/∂u ∂u/∂x`` reads ``u``'s):
    ``ORDER 3 ⟦after⟧ 1 ⟦as⟧ order 3 of u``, judged by ``properties`` (visited after what it
    reads). A table whose orders are not 1, 2, … (or 0, 1, …), each once, gives none.

    >>> order_lines(["Order Node Value", "1 A.: x A.: 1", "2 A.: u A.: 2*x = 2"])
    [(2, '⟦order⟧ 1 ⟦after⟧ -1 ⟦as⟧ order 1 of x'), (3, '⟦order⟧ 2 ⟦after⟧ 1 ⟦as⟧ order 2 of u')]
    """
    tables: list[list[tuple[int, int, str, str]]] = []
    inside = False
    for k, line in enumerate(texts):
        if _VISITED.fullmatch(line):
            inside, tables = True, [*tables, []]
            continue
        row = _ORDERED_ROW.fullmatch(_ANSWER.sub(" ", line)) if inside else None
        if row is None:
            inside = False
            continue
        tables[-1].append((k + 1, int(row[1]), row[2], row[3]))
    found = []
    for rows in tables:
        orders = [r[1] for r in rows]
        if len(rows) < 2 or sorted(orders) not in (list(range(1, len(rows) + 1)),
                                                   list(range(len(rows)))):
            continue  # orders repeated or skipped: not the order of one visit
        visited = {node: order for _, order, node, _ in rows}
        for line, order, node, value in rows:
            value = value.replace("\\(", " ").replace("\\)", " ").strip()
            own = _BY.match(value) if _OWN_LEFT.match(value) else None
            worked = value.split("=", 1)[1] if own and "=" in value else (
                value.rsplit("=", 1)[0] if "=" in value else "")  # fmt: skip
            if own:  # on the way back: the derivatives of the same top by the nodes read
                top = own[1] or own[3]
                read = {m[2] or m[4] for m in _BY.finditer(worked) if (m[1] or m[3]) == top}
            else:
                read = set(re.findall(r"(?<![\w\\])[^\W\d]\w*", worked))
            before = [visited[n] for n in read if n in visited and n != node]
            latest = max(before, default=-1)  # -1: it reads no node of the table
            found.append((line, f"{ORDER} {order} ⟦after⟧ {latest} ⟦as⟧ order {order} of {node}"))
    return found


def order_claim(text: str, line: int) -> Claim:
    """The claim an ``order_lines`` line makes: the order (``members``), the latest order
    among what the node reads (``vector``)."""
    order, rest = text[len(ORDER) :].split("⟦after⟧")
    latest, written = rest.split("⟦as⟧")
    return Claim(line, "order", written.strip(), (Decimal(order),), vector=(Decimal(latest),),
                 kind="order")  # fmt: skip
