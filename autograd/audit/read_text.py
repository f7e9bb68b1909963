"""Reading a plain-text worksheet into the model: numbered lines, each one or more chains of
equalities (read_chain), the words around them (read_prose), ``#`` comments, a front matter
between ``---`` lines; then, part by part, what a reader settles only from the whole page:
scopes (read_scopes), sums (read_sums), the step (read_steps), derivatives (read_derivatives).

>>> from autograd.audit.worksheet import show
>>> sheet = read_text("x = 3, y = 4\\nf = x·y = 3 · 4 = 12  # the product")
>>> [show(c.links[-1]) for c in sheet.parts[0].chains]
['3', '4', '12']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from ..custom import DEFINED
from .general import instances_read
from .read_accumulations import accumulations_read, compound_assignment
from .read_chain import BUILTIN, FUNCTIONS, LIMITS, normal, parse_chain
from .read_claims import claims_in
from .read_classes import CLASS, class_claim, class_lines
from .read_derivatives import (
    derivatives_at_inputs,
    functions_differentiated,
    functions_from_derivatives,
    partials_of_the_unseen,
)
from .read_index import index_from_left
from .read_matrix import entry_lines, lists_read, placed
from .read_partial_results import partial_results_named
from .read_printed import SHAPE, shape_claim, shape_lines
from .read_prose import (
    AFTER_WORDS,
    ENUMERATOR,
    RESULT_SAID,
    compared,
    givens_in_words,
    labelled_value,
    loss_said,
    named_left_side,
    number_labelled,
    results_said_apart,
    split_givens,
    symbol_colon,
    targets_listed,
    without_targets,
)
from .read_scopes import (
    CASE,
    HEADING,
    STEP_LABEL,
    TABLE_ROW,
    labels_apart,
    row_goes_on,
    samples_apart,
    scoped,
)
from .read_sheet import sheet_lines
from .read_steps import (
    after_updates,
    in_place,
    marked_after,
    new_apart_from_primed,
    primes_as_derivatives,
    primes_as_names,
)
from .read_sums import held_sums_read, sums_written_out
from .read_table import (
    JOINS,
    LABEL,
    ORDER,
    label_claim,
    losses_carried,
    order_claim,
    order_lines,
    row_losses_named,
    rows_joined,
)
from .read_vectors import vectors_continued
from .recompute import bindings
from .worksheet import (
    CONTINUED,
    Call,
    Chain,
    Claim,
    Derivative,
    Expr,
    Name,
    NotUnderstood,
    Num,
    Part,
    Unread,
    Worksheet,
    names_in,
    reads_names,
    replaced,
    ungrouped,
)

__all__ = ["editor_text", "read_lines", "read_text", "text_lines"]


_SUM_CALLED = re.compile(r"(?<![\w'.])sum\s*\(")


_KEYS = "part, title, alias, rate, loss, reading, parameters, vary, after"


# part: …, rate: η — a key of the front matter and a colon (not "Use:" before a formula)
_KEY_LINE = re.compile(rf"^\s*(?:{_KEYS.replace(', ', '|')})\s*:(?!=)", re.IGNORECASE)


_MARKDOWN_BODY = re.compile(r"#{2,6}\s|\$\$")  # a heading under a rule, or maths: the page itself


def opens_front_matter(lines: list[str], at: int) -> bool:
    """Whether the ``---`` at ``lines[at]`` opens a front matter rather than drawing a rule
    (as Markdown pages and plain notes use it): it opens the document, or the next line that
    is neither blank nor a ``#`` comment begins with one of its keys (``rate:``). A page that
    opens with a rule and then a Markdown heading (``## Setup``) or display maths has none."""
    if not any(line.strip() for line in lines[:at]):
        after = next((line.strip() for line in lines[at + 1 :] if line.strip()), "")
        return not _MARKDOWN_BODY.match(after)
    for line in lines[at + 1 :]:
        text = line.strip()
        if text and not text.startswith("#"):
            return bool(_KEY_LINE.match(text))
    return False


def read_lines(lines: list[tuple[int, str]], source: str) -> Worksheet:
    """Numbered lines of equations (comments gone) as a worksheet, front matter included.
    A ``---`` that opens no front matter is a rule between paragraphs, and is passed over."""
    lines = vectors_continued(lines, UNREADABLE, ROW)  # = 0.17, 0.82: CE_1 and CE_2
    parts: list[Part] = []
    part: Part | None = None
    in_front = False
    texts = [raw for _, raw in lines]
    claims: list[Claim] = []
    sections: list[int] = []  # the lines of the page's headings
    headings: dict[int, list[tuple[int, str]]] = {}  # per part: (line, title) of each heading
    equations = 0
    names: dict[int, set[str]] = {}  # per part, the names written so far (a sum's range)
    used: dict[int, set[str]] = {}  # per part, the names a formula has read so far
    opening: list[tuple[int, str]] = []  # the cases before the first part
    for at, (number, raw) in enumerate(lines):
        if raw.startswith(CLASS):  # class 1 beside [0, 1, 0]: a claim, not an equation
            claims.append(class_claim(raw, number))
            continue
        if raw.startswith(ORDER):  # 3 A.: u A.: x*y: u visited third, after x
            claims.append(order_claim(raw, number))
            continue
        if raw.startswith(SHAPE):  # shape=(2, 3) over an array printed: a claim
            claims.append(shape_claim(raw, number))
            continue
        if raw.startswith(LABEL):  # | 1 | Class 2 |: a row's label, as another table has it
            claims.append(label_claim(raw, number))
            continue
        if raw.startswith(JOINS) and part is not None:  # the row of this key in a table above
            part.chains += rows_joined(part, int(raw[len(JOINS) :]), number)
            continue
        if raw.startswith(HEADING):
            if not raw[1:].startswith((TABLE_ROW, CASE, "after line")):
                sections.append(number)  # a heading of the page (not a table's row, a case)
            if part is not None and not in_front:
                headings.setdefault(id(part), []).append((number, raw[1:].strip()))
            elif part is None and raw[1:].startswith(CASE):  # a case on the page's first
                opening.append((number, raw[1:].strip()))  # lines: kept for the part it opens
            continue
        text = (raw if raw.startswith(UNREADABLE) else raw.split("#", 1)[0]).strip()
        if text == "---":
            if not in_front and not opens_front_matter(texts, at):
                continue
            if not in_front:
                part = Part(title=f"part {len(parts) + 1}", line=number)
                parts.append(part)
            in_front = not in_front
            continue
        if not text:
            continue
        if part is None:
            part = Part(title=source, line=number)
            parts.append(part)
            headings[id(part)] = opening
        if len(text) > LIMITS["line"]:  # refused before any pattern reads it
            why = f"longer than {LIMITS['line']} characters"
            part.unread.append(Unread(number, f"{text[:40]} … {text[-15:]}", why))
            continue
        text = unicodedata.normalize("NFC", text)
        if in_front and _front_matter_key(part, text, number):
            continue
        said, text = claims_in(text, number)  # y ∈ {0, 1}: what y is, not an equation
        claims += said
        if said and not re.search(r"=|(?<![\w.])\d", text):
            continue
        before = len(part.chains) + len(part.front)
        known = names.setdefault(id(part), set())
        added = part.front if in_front else part.chains
        first = max(len(added) - 1, 0)  # the last chain may be joined by the line's first
        read = used.setdefault(id(part), set())
        _add_line(part, number, text, raw.strip(), in_front, known, read)
        known.update(n for chain in added[first:] for link in chain.links for n in names_in(link))
        read.update(n for c in added[first:] for link in c.links[1:] for n in names_in(link))
        equations += len(part.chains) + len(part.front) - before
        if equations > LIMITS["chains"]:  # refused as soon as it is known: no more parsing
            raise NotUnderstood(f"{source}: more than {LIMITS['chains']} equations")
    if in_front:
        raise NotUnderstood(f"{source}: the front matter opened with '---' is never closed")
    losses: dict[int, Chain] = {}  # | Sample Loss |: the page's loss of the row's sample
    for part in parts:
        losses.update(row_losses_named(part))
        held_sums_read(part, _add_line)
        part.table_rows = frozenset(
            n for n, title in headings.get(id(part), []) if title.startswith(TABLE_ROW)
        )
    parts = [p for part in parts for p in scoped(part, headings.get(id(part), []))]
    for before, part in zip([None, *parts], parts):
        marked_after(part)
        new_apart_from_primed(part)
        primes_as_derivatives(part)
        primes_as_names(part)
        functions_from_derivatives(part)
        if before is not None and part.title.startswith(TABLE_ROW):
            row_goes_on(before, part)
        if losses:
            losses_carried(part, losses)
        samples_apart(part)
        labels_apart(part)
        results_said_apart(part)  # Output = 0.25: a result with nothing to check it
        index_from_left(part)  # d1 = f(Ik)(Tk − Zk): k is 1
        _split_juxtaposed(part)
        _x_for_times(part)
        derivatives_at_inputs(part)
        functions_differentiated(part)
        partials_of_the_unseen(part)
        after_updates(part)
        accumulations_read(part)
        partial_results_named(part)
    instances_read(parts)  # v1 = 0.9 · 0 + 0.1 · 2.0 after v_t = β v_{t-1} + (1 − β) g_t
    claims = [replace(c, until=next((n for n in sections if n > c.line), None)) for c in claims]
    return Worksheet(source, parts, claims)


def _split_juxtaposed(part: Part) -> None:
    """``wx`` as ``w·x`` where the document never names ``wx`` but gives ``w`` and ``x``:
    LaTeX writes a product of one-letter symbols without a space."""
    chains = [*part.front, *part.chains]
    known = {c.quantity.name for c in chains if isinstance(c.quantity, Name)}
    known |= {link.name for c in chains for link in c.links if isinstance(link, Name)}

    def split(e: Expr) -> Expr:
        if isinstance(e, Name):
            letters = e.name
            if letters not in known and letters.isalpha() and 1 < len(letters) <= 4:
                if all(ch in known for ch in letters):
                    return Call("mul", tuple(Name(ch) for ch in letters))
            return e
        if isinstance(e, Call):
            return Call(e.fn, tuple(split(a) for a in e.args))
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, split(e.of))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(split, c.links))) for c in chains_of]


def _x_for_times(part: Part) -> None:
    """``x`` between two numbers (``2 x .11 + 3 x .21``) is the times sign where the part
    neither gives nor defines an ``x`` and writes none anywhere else: a name never given,
    between two numbers, as a reader takes it. The product is then read, and shown, with ``·``.
    """
    chains = [*part.front, *part.chains]
    between = 0  # the x's read as times

    def times(e: Expr) -> Expr:
        nonlocal between
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, times(e.of))
        if not isinstance(e, Call):
            return e
        args = tuple(times(a) for a in e.args)
        if e.fn == "mul":
            kept = tuple(a for k, a in enumerate(args) if not (
                a == _X and 0 < k < len(args) - 1 and isinstance(ungrouped(args[k - 1]), Num)
                and isinstance(ungrouped(args[k + 1]), Num)))  # fmt: skip
            between += len(args) - len(kept)
            args = kept
        return Call(e.fn, args)

    read = [replace(c, links=tuple(map(times, c.links))) for c in chains]
    if not between:
        return
    if any(c.quantity == _X for c in chains) or any(
            _X.name in names_in(link) for c in read for link in c.links):  # fmt: skip
        # an x read elsewhere is a variable: an x between two numbers is still the times sign
        # where the link it stands in, read so, is the formula before it with numbers in
        # place (z = w·x = 0.5 x 3: w·x substituted), and only there
        read = [replace(c, links=_substitution_times(c.links, times)) for c in chains]
    part.front[:], part.chains[:] = read[: len(part.front)], read[len(part.front) :]


def _substitution_times(
    links: tuple[Expr, ...], times: Callable[[Expr], Expr]
) -> tuple[Expr, ...]:
    """``links`` with each link of numbers and x's (``0.5 x 3``) read with ``times`` where it
    then substitutes numbers into the formula just before it; the rest as written."""
    out = list(links)
    for k in range(2, len(links)):
        kept = times(links[k])
        formula = links[k - 1]
        if kept != links[k] and not names_in(kept) and names_in(formula) and bindings(
                formula, kept) is not None:  # fmt: skip
            out[k] = kept
    return tuple(out)


_X = Name("x")


UNREADABLE = "⟂"  # marks a line a front end could not read: "⟂ why ⟂ text"


#: The keys a static site's front matter gives a post (Jekyll, Hugo): what the page is, for
#: the site; a page copied from a blog keeps them, and nothing in them is to be checked.
SITE_KEYS = frozenset(
    "layout date categories category tags permalink author authors comments math mermaid "
    "description excerpt image published toc draft slug lang subtitle summary weight "
    "last_modified_at header sidebar".split()
)


def unreadable(why: str, text: str) -> str:
    """A line for ``read_lines`` that is listed as not understood, with why."""
    return f"{UNREADABLE} {why} {UNREADABLE} {text}"


# a matrix's entry that is one name, marked with its row's line (read_matrix.entry_on)
_NAME_ENTRY = re.compile(r"\u2062(\d+)\u2062\s*([^\W\d][\w'.]*)\s*\u2062\u2062")


def _add_line(
    part: Part,
    number: int,
    text: str,
    raw: str,
    front: bool,
    known: set[str] | None = None,
    read: set[str] | None = None,
) -> None:
    names_at = tuple((m[2], int(m[1])) for m in _NAME_ENTRY.finditer(text))  # h1_2 on row 322
    (text, entries), raw = entry_lines(text), entry_lines(raw)[0]  # a matrix's, on their rows
    if text.startswith(UNREADABLE):
        _, why, rest = text.split(UNREADABLE, 2)
        part.unread.append(Unread(number, rest.strip(), why.strip()))
        return
    if front and re.match(r"^\w+\s*:(?!=)", text):
        key = text.split(":")[0].strip()
        if key.lower() not in SITE_KEYS:  # a blog's own (layout: post): the page's, not ours
            part.unread.append(Unread(number, raw, f"no front matter key {key!r} (keys: {_KEYS})"))
        return
    text = symbol_colon(text) or text
    if label := number_labelled(text):  # Learning rate: 0.3; Total loss: 0.25, the page's loss
        said = labelled_value(*label)
        if said is None:  # Output: 0.73, Updated weight: 0.48: which quantity, it does not say
            part.unread.append(Unread(number, raw, RESULT_SAID))
            return
        text = said
    text = ", ".join(loss_said(text)) or ENUMERATOR.sub("", text)
    # the targets are 0.2 and 0.7: each under its place in the list, and the givens beside
    listed = targets_listed(text)  # them (o1 = 0.75; the targets are …) read as without it
    beside = without_targets(text) if listed else ""
    text = beside if "=" in beside else ", ".join(listed) or text
    text = givens_in_words(text, read or set()) or text  # Consider a model with N=3 and …
    if "=" in beside:
        text = ", ".join([text, *listed])
    if "=" not in text and not re.search(r"(?<![\w.])\d", text):
        return  # no equation and no number: a heading or a note in words
    for alias, meaning in part.aliases.items():
        if not re.fullmatch(r"\w+", alias):  # a phrase, replaced as text (a/ŷ → a)
            text = text.replace(alias, meaning)
    text, link_lines = _row_lines(text, number)
    raw = raw if not link_lines else re.sub(rf"{ROW}\d+{ROW} ?", "", raw)
    # s += t = …: the step, and the term worked out (a chain of its own)
    pieces = [p for piece in split_givens(text) for p in compound_assignment(piece)]
    comparisons = compared(text)  # z1 = 0.5 > 0: a claim about z1, judged with the chain
    for piece in pieces:
        bound = comparisons.get(piece.strip())
        defined = _defines_function(part, piece)
        piece = sums_written_out(_SUM_CALLED.sub("Σ(", piece), known or set())  # sum(X * e): Σ
        if re.search(r"[Σ∑]", piece):  # E = Σ ½(target − output)²: the rule, not this page's E
            part.sums.append((number, raw, piece, front))  # unless it sums the page's vectors
            continue
        # W := W − η ∇W, w ← 0.8 − 1.0 × (−0.1784): the name on the left gets its new value
        piece = re.sub(r"^(\s*[^\W\d][\w']*?)'?\s*(?::=|←)\s*", r"\1' = ", piece, count=1)
        piece = re.sub(r"(?<!\s)\s*(?::=|←)\s*", " = ", piece, count=1)
        opaque = tuple(f for f, (_, body) in part.functions.items() if body is None)
        at = _VALUE_AT.match(normal(piece))  # L(3) = 1: L at 3, a quantity of its own
        if at and not re.fullmatch(BUILTIN, at[1]) and (
            at[1] not in (*FUNCTIONS, *DEFINED, *part.functions)
        ):
            piece = f"{_VALUE_MARK} {piece[piece.index('='):]}"
        try:
            derivatives = tuple(f + "'" for f, (_, body) in part.functions.items() if body)
            links = parse_chain(piece, (*part.functions, *derivatives), opaque)
            if len(pieces) == 1:
                links = placed(links, entries)
            if links[0] == Name(_VALUE_MARK):
                links = (Name(re.sub(r"\s+", "", at[1] + at[2])), *links[1:])
            links = tuple(_applied(_renamed(link, part.aliases), part.functions) for link in links)
        except NotUnderstood as why:
            part.unread.append(Unread(number, raw, str(why)))
            continue
        if defined and len(links) == 2:  # J(θ) = θ^3: the function, applied later
            variable = part.functions[defined][0]
            part.functions[defined] = (variable, links[1])
            if variable not in (known or set()):
                continue
            # f(x) = x², x given above: also the page's f, at its x (∂f/∂x is judged by it)
            links = (Name(defined), links[1])
        links = in_place((named_left_side(links[0], piece.split("=")[0]), *links[1:]))
        lines = link_lines if len(pieces) == 1 and len(link_lines) == len(links) else ()
        chains = part.front if front else part.chains
        relation = (bound[0], Num(bound[1])) if bound else None
        chain = Chain(number, raw, links, lines, name_lines=names_at, bound=relation)
        if chains and len(pieces) == 1 and _goes_on(chains[-1], chain):
            chain = _joined(chains.pop(), chain)
        chains.append(chain)


def _goes_on(before: Chain, chain: Chain) -> bool:
    """Whether ``chain`` takes its quantity on from the line just before, which stopped at
    a formula (``z1 = w1·x1 + b1`` then ``z1 = 0.15·0.05 + 0.3``: the numbers go into it)."""
    last = before.link_lines[-1] if before.link_lines else before.line
    if chain.quantity == CONTINUED:  # "= 0.15 × 0.05 + …" on the very line under net_h1 = …
        return chain.line - last == 1 and len(before.links) > 1  # else: the one it fits
    return (
        chain.quantity == before.quantity
        and isinstance(chain.quantity, Name)
        and len(before.links) > 1
        and reads_names(before.links[-1])
        and 0 < chain.line - last <= 2
        # s = s + 0.2 under s = s + 0.3: a second step in place, not the numbers of the first
        and chain.quantity.name.removesuffix("'") not in names_in(chain.links[1])
    )


def _joined(before: Chain, chain: Chain) -> Chain:
    """One chain of the two, each link at its own line."""
    def lines(c: Chain) -> tuple[int, ...]:
        return c.link_lines or (c.line,) * len(c.links)

    return Chain(before.line, f"{before.source} {chain.source}", (*before.links, *chain.links[1:]),
                 lines(before) + lines(chain)[1:], bound=chain.bound or before.bound)


# L(3) = 1 on the left side: a function's value at a number (the bracket right after the name)
_VALUE_AT = re.compile(r"\s*([^\W\d]\w*)(\(\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*\))\s*=(?!=)")


_VALUE_MARK = "value_at_a_number"


# f(s) = …, softmax(z) = …: a function of one variable, defined by the page
_FUNCTION_DEFINED = re.compile(r"\s*([^\W\d]\w*)\s*\(\s*([^\W\d][\w']*)\s*\)\s*=(?!=)")


def _defines_function(part: Part, piece: str) -> str | None:
    """The name of the function ``piece`` defines (``f(s) = e^s/Σe^s``), noted in
    ``part.functions`` (its body once read), or None where it defines none. A name the
    reader already knows as a function (σ, tanh, an ``autograd.op``) is not redefined."""
    m = _FUNCTION_DEFINED.match(normal(piece))
    if not m:
        return None
    name, variable = m.groups()
    if name in FUNCTIONS or name in DEFINED or name == variable:
        return None
    if variable.lower() in (*AFTER_WORDS, "before"):  # E (after) = 0.16: a note of when, not f(x)
        return None
    if re.fullmatch(BUILTIN, name):  # Sigmoid, ReLU: the reader's own
        return None
    part.functions.setdefault(name, (variable, None))
    return name


def _applied(e: Expr, functions: dict[str, tuple[str, Expr | None]]) -> Expr:
    """``e`` with each function the page defines by a formula written out where it is
    applied: ``J(θ + ε)`` for ``J(θ) = θ^3`` is ``((θ + ε))^3``, and ``J'(θ)`` is ``∂/∂θ
    (θ^3)``, the derivative of its formula (at a name; at a number it stays as written)."""
    if not isinstance(e, Call):
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, _applied(e.of, functions))
        return e
    args = tuple(_applied(a, functions) for a in e.args)
    variable, body = functions.get(e.fn.removesuffix("'"), ("", None))
    if body is None or len(args) != 1:
        return Call(e.fn, args) if args != e.args else e
    if e.fn.endswith("'"):  # f'(x) for f(x) = x³: the derivative of f's formula, at x
        at = ungrouped(args[0])
        return Derivative("", at.name, replaced(body, variable, at)) if isinstance(at, Name) else e
    return Call("group", (replaced(body, variable, args[0]),))


ROW = "\u2063"  # marks where a row of an aligned block begins: ROW line ROW


def _row_lines(text: str, number: int) -> tuple[str, tuple[int, ...]]:
    """The text without its row marks, and the line each link of it starts on."""
    if ROW not in text:
        return text, ()
    pieces = text.split(ROW)  # text, line, text, line, text …
    starts, line = [number], number
    for k, piece in enumerate(pieces):
        if k % 2:
            line = int(piece)
        else:
            starts += [line] * piece.count("=")
    return "".join(pieces[0::2]), tuple(starts)


def _renamed(e: Expr, aliases: dict[str, str]) -> Expr:
    """``e`` with each aliased name's letters replaced: ``ω1`` → ``w1`` for ``ω → w``."""
    if not aliases:
        return e
    letters = {a: m for a, m in aliases.items() if re.fullmatch(r"\w+", a)}

    def rename(name: str) -> str:
        for alias, meaning in letters.items():
            if re.fullmatch(re.escape(alias) + r"(?![^\W\d_])[\w']*", name):
                return meaning + name[len(alias) :]
        return name

    if isinstance(e, Name):
        return Name(rename(e.name)) if e.name else e
    if isinstance(e, Derivative):
        of = None if e.of is None else _renamed(e.of, aliases)
        return Derivative(rename(e.top) if e.top else "", rename(e.bottom), of)
    if isinstance(e, Call):
        return Call(e.fn, tuple(_renamed(a, aliases) for a in e.args))
    return e


_KEY = re.compile(rf"^({_KEYS.replace(', ', '|')})\s*:\s*(.*)$", re.IGNORECASE)


def _front_matter_key(part: Part, text: str, number: int) -> bool:
    """A ``key: value`` line of the front matter, applied to ``part``; False for equations."""
    m = _KEY.match(text)
    if not m:
        return False
    key, value = m.group(1).lower(), m.group(2).strip()
    if key in ("part", "title"):
        part.title = value
    elif key == "alias":
        for pair in value.split(","):
            alias, arrow, meaning = pair.replace("->", "→").partition("→")
            if not arrow or not alias.strip() or not meaning.strip():
                raise NotUnderstood(f"line {number}: alias: expected 'ω → w', got {pair.strip()!r}")
            part.aliases[normal(alias).strip()] = normal(meaning).strip()
    elif key in ("rate", "loss"):
        setattr(part, key, value)
    elif key == "after":  # after: previous — the next step of the part before
        if value.lower() != "previous":
            raise NotUnderstood(f"line {number}: after: expected 'previous', got {value!r}")
        part.after_previous = True
    elif key in ("parameters", "vary"):  # names, after the aliases: ω1 → w1
        names = [_renamed(Name(normal(n).strip()), part.aliases) for n in value.split(",")]
        setattr(part, key, [n.name for n in names if n.name])
    else:  # reading: w8 = -1, w9 = 0 — why
        values, _, why = value.partition("—")
        reading = {}
        if not values.strip():
            raise NotUnderstood(f"line {number}: reading: expected NAME = NUMBER, got nothing")
        for piece in split_givens(values):
            try:
                links = parse_chain(piece)
            except NotUnderstood as error:
                raise NotUnderstood(f"line {number}: reading: {error}") from None
            if len(links) != 2 or not isinstance(links[0], Name) or not isinstance(links[1], Num):
                raise NotUnderstood(
                    f"line {number}: reading: expected NAME = NUMBER, got {piece!r}"
                )
            reading[links[0].name] = links[1].value
        part.readings.append((reading, why.strip()))
    return True


# str.splitlines breaks lines at these too, where an editor shows none: line numbers would
# then not be the editor's (a form feed before line 2 made it line 3)
_NO_EDITOR_BREAK = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def editor_text(text: str) -> str:
    """``text`` with a space for each line break no editor shows, so that its lines (by
    ``splitlines``) are numbered as an editor numbers them: at ``\\n``, ``\\r\\n``, ``\\r``;
    what is struck out on a line (``~~0.08~~``, ``<s>…</s>``, ``<del>…</del>``,
    ``\\sout{…}``) is left out, as a reader passes over crossed-out work.

    >>> editor_text("∂E/∂w5 = ~~0.08~~ 0.0822, a ~~ 0.5")
    '∂E/∂w5 =  0.0822, a ~~ 0.5'
    """
    return _STRUCK.sub("", _NO_EDITOR_BREAK.sub(" ", text))


# struck text, within a line: ~~ opens before and closes after a non-space (a ~~ 0.5 is "about")
_STRUCK = re.compile(r"~~(?=[^\s~])[^\n]*?(?<=[^\s~])~~|<(s|del|strike)>[^\n]*?</\1>"
                     r"|\\sout\{[^{}\n]*\}")


def read_text(text: str, source: str = "worksheet") -> Worksheet:
    """A plain-text worksheet as the model (the module docstring shows one)."""
    return read_lines(text_lines(text), source)


def text_lines(text: str) -> list[tuple[int, str]]:
    """A plain-text worksheet's numbered lines, as ``read_lines`` reads them: a spreadsheet's
    rows cell by cell, a vector's list (``x : [1, 1, 2]``) component by component.

    >>> text_lines("input(x) : [1, 2]\\ny = 3")
    [(1, 'x1 = 1'), (1, 'x2 = 2'), (2, 'y = 3')]
    """
    raw = list(enumerate(editor_text(text).splitlines(), start=1))
    lines = lists_read(sheet_lines(raw), LIMITS["line"], (*FUNCTIONS, *DEFINED, "softmax"))
    # Step 2: opening a line heads what follows, as in Markdown: the names may start over
    labels = {n: m[1].strip() for n, line in raw if (m := STEP_LABEL.match(line))}
    out = []
    for n, line in lines:
        if n in labels:
            out.append((n, HEADING + labels.pop(n)))
        out.append((n, line))
    texts = [line for _, line in raw]  # class 1 of [0, 1, 0]; shape=(2, 3); Order Node Value
    return out + class_lines(texts) + shape_lines(texts) + order_lines(texts)

