"""Cases a page supposes: a function written by cases (``\\frac{d}{dz}ReLU(z) = 1 if z > 0,
0 if z < 0``) and what holds "if z < 0, then …". Each case is a claim about every point of its
region, so a reader checks it at two: the variable set to a number inside the region one past
the bound, and one a hundredth past it (a kink inside the region, ``0 if z < 0.5`` for ReLU',
shows on one side or the other), where the formula reads nothing but that variable. A case at
the bound itself (``z = 0``: ReLU's kink) states the page's convention, and is said so, not
judged.

>>> case_equation("d/dz ReLU(z)", "1", "z > 0")
"ReLU'(1) = 1, ReLU'(0.01) = 1"
>>> case_equation("ReLU'(z1)", "0", "z1 < 0")
"ReLU'(-1) = 0, ReLU'(-0.01) = 0"
"""

from __future__ import annotations

import re
from decimal import Decimal

from .read_chain import parse_chain
from .worksheet import NotUnderstood, names_in

__all__ = ["case_equation", "condition_of"]

_NUMBER = r"[-−]?(?:\d+(?:\.\d+)?|\.\d+)"
_NEAR = Decimal("0.01")  # how far past its bound a case is also judged
_OPERATORS = {">": ">", "<": "<", "≥": "≥", "≤": "≤", ">=": "≥", "<=": "≤", "geq": "≥",
              "ge": "≥", "leq": "≤", "le": "≤", "gt": ">", "lt": "<", "=": "="}  # fmt: skip

# z > 0, if z ≥ 0, for x < −1.5, z geq 0 (\geq as the converter leaves it): one bound
_CONDITION = re.compile(
    rf"\s*,?\s*(?:if|for|when|where)?\s*([^\W\d][\w']*)\s*(>=|<=|[<>≥≤=]|geq|leq|ge|le|gt|lt)"
    rf"\s*({_NUMBER})\s*[.,]?\s*"
)

# d/dz ReLU(z), ∂/∂z σ(z): the derivative of a function of the variable, as F'(z)
_OPERATOR = re.compile(r"\s*[d∂]\s*/\s*[d∂]\s*([^\W\d][\w']*)\s+([^\W\d][\w]*)\s*\(\s*\1\s*\)\s*")


def condition_of(text: str) -> tuple[str, str, Decimal] | None:
    """The variable, the comparison and the bound of a case's condition, else None.

    >>> condition_of("if z geq 0")
    ('z', '≥', Decimal('0'))
    """
    m = _CONDITION.fullmatch(text)
    if m is None:
        return None
    return m[1], _OPERATORS[m[2]], Decimal(m[3].replace("−", "-"))


def case_equation(left: str, value: str, condition: str) -> str:
    """``left = value`` where ``condition`` holds, as the equation judged at a point of it
    (plain text, as the converter writes it); an ``unreadable`` reason where it is not judged:
    a condition not read, a case at its bound, a formula that reads more than its variable."""
    found = condition_of(condition)
    if found is None:
        raise NotUnderstood(f"a case whose condition ({condition.strip()}) is not one bound")
    variable, operator, bound = found
    if operator == "=":
        raise NotUnderstood(f"the case at the bound, {variable} = {bound}: the page's convention")
    side = 1 if operator in (">", "≥") else -1
    derivative = _OPERATOR.fullmatch(left)
    if derivative and derivative[1] == variable:
        left = f"{derivative[2]}'({variable})"
    found = []
    for point in (bound + side, bound + side * _NEAR):
        at = str(point) if point >= 0 else f"-{-point}"
        written = re.sub(rf"(?<![\w']){re.escape(variable)}(?![\w'])", at, f"{left} = {value}")
        try:
            links = parse_chain(written)
        except NotUnderstood:
            raise NotUnderstood(f"a case of {variable} that is not read") from None
        if any(set(names_in(link)) - {"e"} for link in links) or written.count("=") != 1:
            raise NotUnderstood(f"a case that reads more than {variable}: not judged at a point")
        found.append(written)
    return ", ".join(found)
