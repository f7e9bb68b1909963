"""Sums as pages write them (``Σ_i=1^2 y_i``, ``Σ_k W_1k δ_k``, ``Σ (X · error)``), written
out term by term over the indices or components the page gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from heapq import merge

from .worksheet import (
    Chain,
    Name,
    Num,
    Part,
    Unread,
    names_in,
)

#: A sum written out term by term has at most this many terms (a page's sums have a few).
MAX_TERMS = 100
#: The longest summand written out, in characters: a sum's term is a product of a few names
#: (W_1k δ_k); a longer one is left as written, so a line of many sums costs linear time
MAX_SUMMAND = 400


# Σ_i=1^2, Σ_(k=1)^(3): a sum over an index whose range the page writes
_SUM = re.compile(r"[Σ∑]\s*_\s*\(?\s*([^\W\d])\s*=\s*(\d+)\s*\)?\s*\^\s*\(?\s*(\d+)\s*\)?")


def sums_written_out(text: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """``text`` with each sum over an index whose range is written (``Σ_i=1^2``) written out
    term by term, the index put in each name it subscripts (``y_i`` → ``y1``, ``W_1k`` →
    ``W1k`` → ``W12``); a sum whose range is not written runs over the indices for which the
    page has given a name of its terms (``Σ_k W_1k …`` with ``W11``, ``W12`` given: k = 1,
    2), and one with no such name (``Σ_j e^z_j``, ``Σ_i=1^N``) is left as it is.

    >>> sums_written_out("L = -Σ_i=1^2 y_i ln(ŷ_i) = 0.36")
    'L = -(y1 ln(ŷ1) + y2 ln(ŷ2)) = 0.36'
    >>> sums_written_out("d = Σ_k W_1k δ_k", {"W11", "W12"})
    'd = (W11 δ1 + W12 δ2)'
    """

    def terms(m: re.Match[str], summand: str) -> list[str]:
        index, first, last = m.group(1), int(m.group(2)), int(m.group(3))
        if not summand or not first <= last < first + MAX_TERMS:
            return []
        return [_indexed(summand, index, k) for k in range(first, last + 1)]

    return _each_sum_written_out(_open_sums(text, known), _SUM, terms)


def _each_sum_written_out(
    text: str, sums: re.Pattern[str], terms: Callable[[re.Match[str], str], list[str]]
) -> str:
    """``text`` with each sum ``sums`` finds replaced by its ``terms`` in brackets, joined by
    ``+``; a sum given no terms stays as written (the one loop of the three ways a page
    writes a sum: a range, an index alone, no index)."""
    out, at = [], 0
    for m in sums.finditer(text):
        if m.start() < at:
            continue
        end = _summand_end(text, m.end())
        if end - m.end() > MAX_SUMMAND:
            continue
        written = terms(m, text[m.end() : end].strip())
        if not written:
            continue
        out += [text[at : m.start()], "(" + " + ".join(written) + ")"]
        at = m.end() + len(text[m.end() : end].rstrip())
    return "".join(out) + text[at:]


# Σ with no index under it: over what the page's names say
_BARE_SUM = re.compile(r"[Σ∑](?!\s*_)")


def sums_over_components(text: str, known: set[str] | frozenset[str]) -> str:
    """``text`` with each sum written with no index (``Σ (X · error)``) written out over the
    components the page gives its vectors: the names of the summand that have components
    ``X1``, ``X2``, … among ``known`` take each index in turn (the others, ``n``, and
    Euler's ``e`` before a power, stay), up to the last index, which all of them have. A sum
    none of whose names has two components (``Σ ½(target − output)²``), or of vectors of
    different lengths (``Σ x·e`` beside x1…x3 and e1, e2), is left as it is.

    >>> sums_over_components("dw = (1/n) Σ (X · error)", {"X1", "X2", "error1", "error2"})
    'dw = (1/n) ((X1 · error1) + (X2 · error2))'
    """

    def terms(m: re.Match[str], summand: str) -> list[str]:
        euler = re.search(r"(?<![\w'])e\s*\^", summand)  # Σ e^z: Euler's e, not a vector e
        vectors = {n for n in _NAME_TOKEN.findall(summand) if f"{n}1" in known
                   and not (n == "e" and euler)}  # fmt: skip
        first = 0 if any(f"{n}0" in known for n in vectors) else 1  # a page counting from 0
        lengths = {_components_given(n, known, first) for n in vectors}
        count = min(lengths, default=0)
        if count < 2 or len(lengths) > 1:  # x1…x3 beside e1, e2: no sum of the page's, unread
            return []
        token = re.compile(rf"(?<![\w'])({'|'.join(map(re.escape, vectors))})(?![\w'])")
        indices = range(first, first + count)
        return [token.sub(lambda t, k=k: f"{t[1]}{k}", summand) for k in indices]

    return _each_sum_written_out(text, _BARE_SUM, terms)


def _components_given(name: str, known: set[str] | frozenset[str], first: int = 1) -> int:
    """How many components ``name1``, ``name2``, … (from ``name0`` where ``first`` is 0) the
    page gives, from the first on."""
    count = 0
    while count < MAX_TERMS and f"{name}{first + count}" in known:
        count += 1
    return count


#: how a held-back line is read once every name of the part is known (read_text's line reader)
LineReader = Callable[[Part, int, str, str, bool, set[str]], None]


def held_sums_read(part: Part, add_line: LineReader) -> None:
    """The part's sums not written out as they were read (held back), read again with every
    name of the part known: up to a count the part gives (``Σ_i=1^N``, ``N = 3``), or over
    the components of the page's vectors it sums (``sums_over_components``), each read in
    its place; one that sums none is listed as the general formula."""
    if not part.sums:
        return
    chains = (*part.front, *part.chains)
    known = {n for c in chains for link in c.links for n in names_in(link)}
    givens = sorted((c.line, c.quantity.name, c.links[1].text) for c in chains
                    if len(c.links) == 2 and isinstance(c.quantity, Name)
                    and isinstance(c.links[1], Num))  # fmt: skip
    counts: dict[str, set[str]] = {}  # N = 3: the numbers given each name up to the sum
    at = 0
    read: tuple[list[Chain], list[Chain]] = ([], [])  # the front's and the chains' sums
    for number, raw, piece, front in part.sums:  # in the order written: one pass of givens
        while at < len(givens) and givens[at][0] <= number:
            counts.setdefault(givens[at][1], set()).add(givens[at][2])
            at += 1

        def bound(m: re.Match[str]) -> str:  # Σ_i=1^N with N = 3 given: Σ_i=1^3
            written = counts.get(m[2], set())
            return m[1] + min(written) if len(written) == 1 and min(written).isdigit() else m[0]

        text = sums_written_out(_SUM_TO_NAME.sub(bound, piece), known)
        if set(_NAME_TOKEN.findall(text)) - set(_NAME_TOKEN.findall(piece)) - known:
            text = piece  # Σ_k=1^K y_k log ŷ_k, K = 3 given, y1 never: the general formula
        text = sums_over_components(text, known)
        if re.search(r"[Σ∑]", text):
            given = {n: _components_given(n, known) for n in _NAME_TOKEN.findall(piece)}
            uneven = {n: k for n, k in given.items() if k > 1}
            why = ("a sum over vectors of different lengths: " + ", ".join(
                f"{n} has {k} components" for n, k in sorted(uneven.items()))
                if len(set(uneven.values())) > 1 else "a sum over an index: the general formula")
            part.unread.append(Unread(number, raw, why))
            continue
        alone = Part(part.title, aliases=part.aliases, rate=part.rate, loss=part.loss,
                     functions=part.functions)  # fmt: skip
        add_line(alone, number, text, raw, front, known)
        read[0].extend(alone.front)
        read[1].extend(alone.chains)
        part.unread.extend(alone.unread)
    part.sums.clear()
    for mine, theirs in zip((part.front, part.chains), read):  # each in its line's place
        mine[:] = merge(mine, theirs, key=lambda c: c.line)


# Σ_i=1^N: a sum up to a count the page names (given as a whole number elsewhere)
_SUM_TO_NAME = re.compile(r"([Σ∑]\s*_\s*\(?\s*[^\W\d]\s*=\s*\d+\s*\)?\s*\^\s*\(?\s*)([^\W\d]\w*)")


_OPEN_SUM = re.compile(r"[Σ∑]\s*_\s*\(?\s*([^\W\d])\s*\)?(?![\w=])")  # Σ_k: no range


def _indexed(summand: str, index: str, k: int | str) -> str:
    """``summand`` with ``k`` for the index in each name's subscript: ``y_i``, ``y_(i)``,
    ``W_1i`` (the index last in it), and in its superscript, the example's: ``y⁽i⁾``. A
    number joins the name (``y1``, as the page writes ``y_1``); a name keeps its underscore
    (``δ_o`` at ``o1``: ``δ_o1``, as the page writes ``\\delta_{o1}``)."""
    summand = summand.replace(f"⁽{index}⁾", f"⁽{k}⁾")
    glue = "" if isinstance(k, int) else "_"
    return re.sub(rf"(?<=[^\W_])_(?:\({index}\)|(\w*?){index}(?![\w']))",
                  lambda m: f"{glue}{m[1] or ''}{k}", summand)


def _open_sums(text: str, known: set[str] | frozenset[str]) -> str:
    """``text`` with each ``Σ_k`` (no range) written out over the indices 1, 2, … (0, 1, …
    on a page that gives the index 0) for which a name of the summand with that index is
    one the page has given, or else over the page's names of the index's letter and a
    number (``Σ_o δ_o w_ho`` with ``δ_o1``, ``δ_o2``: o = o1, o2, the outputs); unchanged
    where there are not two. Only the names the index changes count (``e`` of ``e^z_j`` is
    no term)."""

    def terms(m: re.Match[str], summand: str) -> list[str]:
        plain = set(_NAME_TOKEN.findall(summand))
        # y0, y1, y2: a page counting from 0 sums from 0 (from 1, y0 was left out silently)
        first = 0 if (set(_NAME_TOKEN.findall(_indexed(summand, m[1], 0))) - plain) & known else 1
        numbers = range(first, first + MAX_TERMS)
        for values in (numbers, (f"{m[1]}{n}" for n in range(1, MAX_TERMS + 1))):
            found = []
            for k in values:
                term = _indexed(summand, m[1], k)
                if not (set(_NAME_TOKEN.findall(term)) - plain) & known:
                    break
                found.append(term)
            if len(found) > 1:
                return found
        return []

    return _each_sum_written_out(text, _OPEN_SUM, terms)


_NAME_TOKEN = re.compile(r"[^\W\d][\w']*(?:⁽\w+⁾)?")


def _summand_end(text: str, start: int) -> int:
    """Where the term summed from ``start`` ends: after one bracket when it opens with one,
    else at a ``+``, ``−``, ``=`` or ``,`` outside brackets, or a bracket it does not open."""
    i = start
    while i < len(text) and text[i] == " ":
        i += 1
    depth = 0
    for j in range(i, min(len(text), i + MAX_SUMMAND + 1)):
        c = text[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return j
            if depth == 0 and text[i] in "([" and j + 1 < len(text) and text[j + 1] in " +-−=,":
                return j + 1  # (…) whole: the bracket was the summand
        elif depth == 0 and c in "+-−=,;" and j > i:
            return j
    return len(text) if len(text) <= i + MAX_SUMMAND else i + MAX_SUMMAND + 1
