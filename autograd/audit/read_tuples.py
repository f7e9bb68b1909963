"""Tuples of numbers the words name: "for the input sequence $(0.5, 0.1, 0.6)$ the output
sequence is $(0.2875, 0.19375, 0.27875)$" gives the page's ``x_1, x_2, x_3`` and claims its
``y_1, y_2, y_3``, as a reader takes it.

A tuple in maths of numbers alone, right after the words for the inputs (input, 输入, or "a
sequence" given: 给定…序列) or for the outputs (output, 输出), is rewritten as the vector
``x = [...]`` or ``y = [...]``, read by component as any vector is, but only where the page's
maths writes every component of that letter (``x_1`` to ``x_3`` for three numbers): else the
words name no quantity of the page, and the tuple stays as written (not understood).

>>> page = "input $(1, 2)$ and output $(3, 4)$; $x_1 = 1$, $x_2 = 2$, $y_1 = 3$"
>>> print(tuples_named_as_maths(page))
input $x = [1, 2]$ and output $(3, 4)$; $x_1 = 1$, $x_2 = 2$, $y_1 = 3$
"""

from __future__ import annotations

import re

__all__ = ["tuples_named_as_maths"]

_NUMBER = r"\s*[-−]?(?:\d+\.?\d*|\.\d+)\s*"
_TUPLE = rf"\$\s*\(({_NUMBER}(?:,{_NUMBER})+)\)\s*\$"
_SEQUENCE = r"(?:\s*(?:sequences?|series|vectors?|序列|向量))?"
#: the words before a tuple, and the letter the page writes its components with
_NAMED = (
    (re.compile(rf"(?i:\binputs?|输入){_SEQUENCE}[^$\n]{{0,6}}?{_TUPLE}"), "x"),
    (re.compile(rf"(?:给定|(?i:\bgiven))[^$\n]{{0,12}}?(?:序列|(?i:sequence))\s*{_TUPLE}"), "x"),
    (re.compile(rf"(?i:\boutputs?|输出){_SEQUENCE}[^$\n]{{0,6}}?{_TUPLE}"), "y"),
)


def tuples_named_as_maths(text: str) -> str:
    """``text`` with each tuple the words name as the inputs or outputs written as the
    vector of the page's letter for them."""
    page = text  # the components are looked for in the page as written
    for pattern, letter in _NAMED:
        text = pattern.sub(lambda m, letter=letter: _as_vector(m, letter, page), text)
    return text


def _as_vector(m: re.Match[str], letter: str, text: str) -> str:
    numbers = [n.strip() for n in m[1].split(",")]
    if not all(_writes(text, letter, k) for k in range(1, len(numbers) + 1)):
        return m[0]
    start = m.start(1) - m.start(0)
    before = m[0][:start].rsplit("$", 1)[0]  # the words, up to the tuple's maths
    return f"{before}${letter} = [{', '.join(numbers)}]$"


def _writes(text: str, letter: str, k: int) -> bool:
    """Whether the page's maths writes ``letter``'s ``k``-th component (x_1, x_{1}); an
    output's (y) worked out by a formula (``y_1 = W h_1 + b``), as outputs are: a y given a
    number alone is more likely a target, which no output tuple claims."""
    component = rf"(?<![\\A-Za-z]){letter}_\{{?{k}\}}?(?!\d)"
    if letter == "y":
        component += r"\s*&?=[^=$\n,;]*?[A-Za-z\\]"
    return re.search(component, text) is not None
