"""Equations written outside the maths, in a page's prose (``z = 0.5 * 1.0 + 0.1 = 0.6`` in
backticks, "Learning rate: 0.3", givens in a sentence), and the lines that scope names:
headings, steps, cases and table rows."""

from __future__ import annotations

import re

from .latex_text import latex_to_text
from .maths_spans import blanked, maths_spans
from .read_chain import LIMITS, parse_chain
from .read_prose import (
    RESULT_SAID,
    givens_in_words,
    labelled_value,
    loss_said,
    number_labelled,
    split_givens,
    symbol_colon,
    targets_listed,
)
from .read_scopes import CASE, HEADING, STEP_LABEL, TABLE_ROW, TYPICAL
from .read_text import unreadable
from .read_vectors import COMMAS, top_level
from .worksheet import NotUnderstood

__all__ = ["prose_lines"]

_MARKUP = re.compile(r"\*\*|__|`|<br\s*/?>")  # bold, inline code, line breaks: not maths
_LEAD = re.compile(r"^\s*(?:[-*+>]\s+|\d+[.)]\s+|#{1,6}\s+)+")  # bullets, quotes, headings


def _reads(line: str) -> bool:
    """Whether a line of prose is equations through and through: a sentence that only
    mentions one (``Weights & bias = …``) stays prose, as it was written."""
    try:
        return all(parse_chain(piece) for piece in split_givens(line))
    except NotUnderstood:
        return False


def _why_not(line: str) -> str:
    """Why a line of equations cannot be read: values separated by commas outside brackets
    (= 0.17, 0.82: a vector, its components named nowhere), else as the parser says it."""
    if len(top_level(line)) > 1:
        return COMMAS
    try:
        parse_chain(line)
    except NotUnderstood as why:
        return str(why)
    return "not an equation"


def _typical(raw: str) -> str | None:
    """``β = 0.9`` for ``- $\\beta$ = momentum coefficient (typically 0.9)``: the value the words
    give a symbol, where the maths is one symbol; else None."""
    m = _TYPICAL.match(raw)
    symbol = latex_to_text(m[1]).strip() if m else ""
    if not re.fullmatch(r"[^\W\d]\w*'*", symbol):
        return None
    return f"{symbol} = {m[2].replace('−', '-')}"


_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
# - $\beta = 0$ → no momentum; - **β = 0.99**: high momentum; At $t = 10$: …; If $β = 0.9$ → …:
# a value the page supposes on this line alone (what it leads to in words, or a case opened by
# At, If, When, With), not the value the page works with
_CASE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:(?:At|If|When|With)\s+\$([^$=]{1,40}=[^$=]{1,20})\$\s*[:,→]"
    r"|(?:\*\*|\$)([^$*=]{1,40}=\s*[-−+]?[\d.]+)\s*(?:\*\*|\$)\s*(?:→|->|:|\\rightarrow)"
    r"\s*[A-Za-z(][^$=]*$)")
# - $\beta$ = momentum coefficient (typically 0.9); $\eta$ = base learning rate (like 0.001);
# $\epsilon$ = small constant (1e-8): a symbol described in words, with the value it usually
# takes in brackets: a value the page supposes on this line (a case), not one it works with
_TYPICAL = re.compile(
    r"^\s*(?:[-*+]\s+)?\$([^$=]{1,20})\$\s*=\s*(?=[^$=()]*[A-Za-z]{3})[^$=()]{3,60}\(\s*"
    r"(?:(?:typically|usually|often|like|say|e\.g\.|default)[:,]?\s+)?"
    r"([-−]?(?:\d+\.?\d*|\.\d+)(?:[eE][-−+]?\d+)?)\s*\)")
_TABLE_ROW = re.compile(r"^\s*\|(?!\s*:?-{3,})")  # | a | b |, not the |---| under the header


def prose_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Equations written outside the maths, as plain text (``z = 0.5 * 1.0 + 0.1 = 0.6``,
    often in backticks): each line of ``text`` with an ``=`` once its maths is taken out;
    and the headings, which scope names (``read_lines``)."""
    escaped = text.replace(r"\$", "  ")
    prose = blanked(escaped, maths_spans(escaped, []))  # a block never closed too
    found = []
    written = text.splitlines()
    set_apart = False  # the line above is a table's row or a case, each its own part
    lines = prose.splitlines()
    for k, line in enumerate(lines):
        raw = written[k] if k < len(written) else ""
        heading = _HEADING_LINE.match(raw)
        if heading and "=" not in heading.group(1):
            found.append((first_line + k, HEADING + heading.group(1).strip()))
            continue
        row = bool(_TABLE_ROW.match(raw))
        case = None if row else _CASE.match(raw)
        typical = None
        if row:  # each row its own case
            found.append((first_line + k, HEADING + f"{TABLE_ROW} {first_line + k}"))
        elif case:  # β = 0 → no momentum; At t = 10: …: this line alone
            supposed = (case[1] or case[2]).strip()
            found.append((first_line + k, HEADING + f"{CASE} {supposed}, line {first_line + k}"))
            if case[2] and f"**{case[2]}" in raw:  # **β = 0**: no momentum: bold, not maths
                found.append((first_line + k, supposed))
        elif typical := _typical(raw):
            found.append((first_line + k, HEADING + f"{TYPICAL} {typical}, line {first_line + k}"))
            found.append((first_line + k, typical))
        elif set_apart and line.strip():  # the page goes on after the table or the case
            found.append((first_line + k, HEADING + f"after line {first_line + k - 1}"))
        elif label := STEP_LABEL.match(raw):
            found.append((first_line + k, HEADING + label[1].strip()))  # Step 2: …
        set_apart = row or bool(case or typical) or (set_apart and not line.strip())
        spans = [s for s in re.findall(r"`([^`]+)`", line) if "=" in s]
        if spans:  # Let `x = 2` and `y = 3`: the equations are the code spans
            found += [(first_line + k, s.strip()) for s in spans]
            continue
        if len(line) <= LIMITS["line"]:  # a longer one is refused below, before any pattern
            line = html_maths(line)
        line = _LEAD.sub("", _MARKUP.sub(" ", line)).strip()
        if label := number_labelled(line):  # Learning rate: 0.3, Total loss: 0.25
            found.append((first_line + k, labelled_value(*label) or unreadable(RESULT_SAID, line)))
            continue
        if symbol := symbol_colon(line):  # w5: 0.45 -> 0.4267
            found.append((first_line + k, symbol))
        found += [(first_line + k, said) for said in loss_said(line)]
        found += [(first_line + k, listed) for listed in targets_listed(line)]
        if "=" not in line and "≈" not in line:
            continue
        if len(line) > LIMITS["line"] or _reads(line):  # too long: read_lines refuses it
            found.append((first_line + k, line))
        elif re.match(r"=(?!=)", line) and len(top_level(line[1:])) > 1:
            found += _head_above(lines, k, found, first_line)
            found.append((first_line + k, line))  # = 0.17, 0.82: read_vectors names them
        elif re.match(r"[=≈](?!=)", line):  # "= …" goes on with an equation (=== a banner)
            found.append((first_line + k, unreadable(_why_not(line), line)))
        elif _CHAIN_TO_NUMBER.match(line):  # y = x ^ 2 = 6: a chain of equalities, no sentence
            found.append((first_line + k, unreadable(_why_not(line), line)))
        elif "=" in line:  # Initial weights: w1 = 0.15, w2 = 0.20 …: the givens in a sentence
            givens = [f"{m[1]} = {m[2]}" for m in _GIVEN.finditer(line)]
            # 假设学习率η=0.1: a symbol against the words of a script that writes no spaces
            said = givens or [g for g in [givens_in_words(line)] if g is not None]
            found += [(first_line + k, g) for g in said]
    return found


# a name, then two equals signs or more, the last before a number ending the line: maths a
# reader would work, said not understood when it cannot be read (not passed over as prose)
_CHAIN_TO_NUMBER = re.compile(r"[^\W\d][\w']*\s*=[^=]*=(?:[^=]*=)*\s*[-−]?\d*\.?\d+\s*$")
_SUB = re.compile(r"<sub>\s*([^<>]{1,20}?)\s*</sub>", re.IGNORECASE)
_SUP = re.compile(r"<sup>\s*([^<>]{1,20}?)\s*</sup>", re.IGNORECASE)
# a link, in brackets or not, whose target is an address (f(Ik)[1 − f(Ik)](Tk − Zk) is maths,
# brackets and all): the page's pointer elsewhere, no maths of its own (a contents line's
# [dh1[h1 <= 0] = 0](#dh1_1) gives no dh1); its text bounded, so that a line of escaped brackets
# (\[\[\[…) is not read to its end from each one
_LINK = re.compile(r"(\(\s*)?!?\[(?:[^\[\]\n]|\\[\[\]]){0,300}\]"
                   r"\((?:https?:|ftp:|mailto:|www\.|/|#|\.\.?/)[^()\s]*\)(?(1)\s*\))")
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]{1,20}\]")
_INLINE_TAG = re.compile(r"</?(?:b|i|em|strong|span|code|var)(?:\s[^<>]*)?>", re.IGNORECASE)


def html_maths(line: str) -> str:
    """A line's inline HTML and Markdown marks as maths: ``w<sub>1</sub>`` the name w1 (an
    index that is not a number after an underscore, ``E<sub>total</sub>`` E_total),
    ``x<sup>2</sup>`` a power, bold and italic tags, links and footnote marks nothing.

    >>> html_maths("z = w<sub>1</sub>·x<sup>2</sup> + <b>b</b>")
    'z = w1·x^(2) + b'
    """
    line = _SUB.sub(lambda m: m[1] if m[1].isdigit() else "_" + m[1].replace(" ", ""), line)
    line = _INLINE_TAG.sub("", _SUP.sub(lambda m: f"^({m[1]})", line))
    # ([source](http://a.b/c=1)), ![…](…) and a footnote's mark [^1]: nothing of the maths
    return _LINK.sub("", _FOOTNOTE.sub("", line))


def _head_above(
    lines: list[str], k: int, found: list[tuple[int, str]], first_line: int
) -> list[tuple[int, str]]:
    """The line ``Q = …`` that the values ``= a, b`` of line ``k`` go on with, where it was
    not read as equations (``CE = − ∑ t * log(f(s)) [t is label]``): the quantity they are
    the components of (read_vectors); nothing if the line above is no such line."""
    j = k - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or any(n == first_line + j for n, _ in found):
        return []
    head = _LEAD.sub("", _MARKUP.sub(" ", lines[j])).strip()
    return [(first_line + j, head)] if re.match(r"[^\W\d][\w']*\s*=(?!=)", head) else []


# a name as maths writes it (x, w1, η, net_h1, not a word such as "are") and a number, in a
# sentence: the number ends at a comma, a bracket, "and", a full stop or the line; each part
# has one way to match (a name's pieces between underscores, a number's digits), so a failed
# match gives up in linear time
# not a name inside a product (x*y = 2 gives no y); ended as a sentence or a clause is, in
# either script (t=2。, a=1，b=2)
_GIVEN = re.compile(
    r"(?<![\w.*^·×])((?:[^\W\d]{1,2}\d*|[^\W\d][^\W_]*(?:_[^\W_]+)+|[^\W\d]+\d+)'*)\s*=\s*"
    r"([-−]?(?:\d+(?:\.\d+)?|\.\d+))(?=\s*(?:[,;)，；）、]|[.。]?\s*$|\s+and\b))"
)
