"""Equations written outside the maths, in a page's prose (``z = 0.5 * 1.0 + 0.1 = 0.6`` in
backticks, "Learning rate: 0.3", givens in a sentence), and the lines that scope names:
headings, steps, cases and table rows."""

from __future__ import annotations

import re

from .maths_spans import blanked, maths_spans
from .read_chain import LIMITS, parse_chain
from .read_prose import loss_said, split_givens, symbol_colon, targets_listed
from .read_scopes import CASE, HEADING, STEP_LABEL, TABLE_ROW
from .read_text import unreadable
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
    depth = 0
    for c in line:
        depth += (c in "([{") - (c in ")]}")
        if c == "," and depth == 0:
            return "values separated by commas: a vector whose components are named nowhere"
    try:
        parse_chain(line)
    except NotUnderstood as why:
        return str(why)
    return "not an equation"


_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
# - $\beta = 0$ → no momentum; - **β = 0.99**: high momentum; At $t = 10$: …; If $β = 0.9$ → …:
# a value the page supposes on this line alone (what it leads to in words, or a case opened by
# At, If, When, With), not the value the page works with
_CASE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:(?:At|If|When|With)\s+\$([^$=]{1,40}=[^$=]{1,20})\$\s*[:,→]"
    r"|(?:\*\*|\$)([^$*=]{1,40}=\s*[-−+]?[\d.]+)\s*(?:\*\*|\$)\s*(?:→|->|:|\\rightarrow)"
    r"\s*[A-Za-z(][^$=]*$)")
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
    for k, line in enumerate(prose.splitlines()):
        raw = written[k] if k < len(written) else ""
        heading = _HEADING_LINE.match(raw)
        if heading and "=" not in heading.group(1):
            found.append((first_line + k, HEADING + heading.group(1).strip()))
            continue
        row = bool(_TABLE_ROW.match(raw))
        case = None if row else _CASE.match(raw)
        if row:  # each row its own case
            found.append((first_line + k, HEADING + f"{TABLE_ROW} {first_line + k}"))
        elif case:  # β = 0 → no momentum; At t = 10: …: this line alone
            supposed = (case[1] or case[2]).strip()
            found.append((first_line + k, HEADING + f"{CASE} {supposed}, line {first_line + k}"))
        elif set_apart and line.strip():  # the page goes on after the table or the case
            found.append((first_line + k, HEADING + f"after line {first_line + k - 1}"))
        elif label := STEP_LABEL.match(raw):
            found.append((first_line + k, HEADING + label[1].strip()))  # Step 2: …
        set_apart = row or bool(case) or (set_apart and not line.strip())
        spans = [s for s in re.findall(r"`([^`]+)`", line) if "=" in s]
        if spans:  # Let `x = 2` and `y = 3`: the equations are the code spans
            found += [(first_line + k, s.strip()) for s in spans]
            continue
        line = _LEAD.sub("", _MARKUP.sub(" ", html_maths(line))).strip()
        if m := _LABELLED.fullmatch(line):  # Learning rate: 0.3, Learning rate = 0.3
            words, number = (m[1], m[2]) if m[1] else (m[3], m[4])
            found.append((first_line + k, f"{'_'.join(words.lower().split())} = {number}"))
            continue
        if symbol := symbol_colon(line):  # w5: 0.45 -> 0.4267
            found.append((first_line + k, symbol))
        found += [(first_line + k, said) for said in loss_said(line)]
        found += [(first_line + k, listed) for listed in targets_listed(line)]
        if "=" not in line and "≈" not in line:
            continue
        if len(line) > LIMITS["line"] or _reads(line):  # too long: read_lines refuses it
            found.append((first_line + k, line))
        elif re.match(r"[=≈](?!=)", line):  # "= …" goes on with an equation (=== a banner)
            found.append((first_line + k, unreadable(_why_not(line), line)))
        elif _CHAIN_TO_NUMBER.match(line):  # y = x ^ 2 = 6: a chain of equalities, no sentence
            found.append((first_line + k, unreadable(_why_not(line), line)))
        elif "=" in line:  # Initial weights: w1 = 0.15, w2 = 0.20 …: the givens in a sentence
            found += [(first_line + k, f"{m[1]} = {m[2]}") for m in _GIVEN.finditer(line)]
    return found


# a name, then two equals signs or more, the last before a number ending the line: maths a
# reader would work, said not understood when it cannot be read (not passed over as prose)
_CHAIN_TO_NUMBER = re.compile(r"[^\W\d][\w']*\s*=[^=]*=(?:[^=]*=)*\s*[-−]?\d*\.?\d+\s*$")
_SUB = re.compile(r"<sub>\s*([^<>]{1,20}?)\s*</sub>", re.IGNORECASE)
_SUP = re.compile(r"<sup>\s*([^<>]{1,20}?)\s*</sup>", re.IGNORECASE)
# a link, in brackets or not, whose target is an address (f(Ik)[1 − f(Ik)](Tk − Zk) is maths,
# brackets and all): the page's pointer elsewhere, no maths of its own (a contents line's
# [dh1[h1 <= 0] = 0](#dh1_1) gives no dh1)
_LINK = re.compile(r"(\(\s*)?!?\[(?:[^\[\]\n]|\\[\[\]])*\]"
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


_NUMBER = r"([-−]?\d*\.?\d+)"
# a label of one to three words and one number: the quantity the words name
_LABELLED = re.compile(
    rf"([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{0,2}})\s*:\s*{_NUMBER}\s*"
    rf"|([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{1,2}})\s*=\s*{_NUMBER}\s*"
)


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
