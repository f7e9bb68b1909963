"""Claims a page makes of its quantities, in symbols: ``y ∈ {0, 1}``, ``ŷ ∈ (0, 1)``,
``p ∈ [0, 1]`` (what each is, not an equation); ``properties`` judges them.

>>> said, rest = claims_in("label y ∈ {0, 1} and p ∈ (0, 1]", 3)
>>> [(c.name, c.members) for c in said], rest
([('y', (Decimal('0'), Decimal('1'))), ('p', ())], 'label   and  ')
>>> said[1].low, said[1].high  # 0 left out, 1 in
((Decimal('0'), False), (Decimal('1'), True))
"""

from __future__ import annotations

import re
from decimal import Decimal

from .worksheet import Claim

__all__ = ["claims_in"]

_NUMBER = r"[-−]?\d+(?:\.\d+)?"
# a name as maths writes it (y, ŷ, y_i, p1, not a word of prose), ∈ (LaTeX's \in
# read), and a set of numbers in braces or an interval; each piece one way to match
_CLAIM = re.compile(
    rf"(?<![\w'])([^\W\d]{{1,2}}\d*'?|[^\W\d][^\W_]*(?:_[^\W_]+)+'?)\s*∈\s*"
    rf"(\{{\s*{_NUMBER}(?:\s*,\s*{_NUMBER})+\s*\}}|[(\[]\s*{_NUMBER}\s*,\s*{_NUMBER}\s*[)\]])"
)


def claims_in(text: str, line: int) -> tuple[list[Claim], str]:
    """The claims ``text`` (one line of the page, at ``line``) makes, and the text without
    them."""
    found = [_claim(m[1], m[2], line, m[0]) for m in _CLAIM.finditer(text)]
    return found, _CLAIM.sub(" ", text) if found else text


def _claim(name: str, written: str, line: int, text: str) -> Claim:
    numbers = tuple(Decimal(n.replace("−", "-")) for n in re.findall(_NUMBER, written))
    if written.startswith("{"):
        return Claim(line, name, text.strip(), numbers)
    low, high = numbers
    return Claim(line, name, text.strip(), (), (low, written[0] == "["), (high, written[-1] == "]"))
