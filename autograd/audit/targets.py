"""A cross-entropy written out with numbers: its target is a distribution.

``−(1·log(0.84) + 0·log(0.11) + 0·log(0.05))`` is one sample's cross-entropy when the numbers
under the logs are that sample's predicted probabilities (they sum to 1): the numbers before
the logs are then its target, a distribution too (each in [0, 1], summing to 1; a one-hot
label). A reader who meets ``−(0·log(0.007) + 5·log(0.976) + 1·log(0.018))`` beside rows whose
targets are distributions blames the 5 on its line, not the loss worked out on the next one.
Where no other row settles it (``−(3·log(0.7) + 1·log(0.3))`` may be a batch's total, counts
before the logs) the link is left not understood, never judged by numbers that cannot be a
target.

>>> from autograd.audit.read_chain import parse_chain
>>> [str(t.text) for t in target(parse_chain("CE = -(0 * log(0.25) + 1 * log(0.75))")[1])]
['0', '1']
>>> target(parse_chain("L = -log(0.75)")[1]) is None
True
>>> slip([Num("0"), Num("5"), Num("1")])
'0, 5, 1 sum to 6, not 1'
"""

from __future__ import annotations

from decimal import Decimal

from ..numtext import unit
from .worksheet import Call, Expr, Num, ungrouped

__all__ = ["distribution", "slip", "target"]


def _terms(e: Expr, sign: int, out: list[tuple[int, Num, Num]]) -> bool:
    """``e``'s terms ``±c·log(p)``, each as (sign, c, p), into ``out``: whether ``e`` is such
    a sum through and through (the stack of the sum's own nesting, not of an expression's)."""
    pending: list[tuple[Expr, int]] = [(e, sign)]
    while pending:
        e, sign = pending.pop()
        e = ungrouped(e)
        if not isinstance(e, Call):
            return False
        if e.fn == "neg":
            pending.append((e.args[0], -sign))
        elif e.fn == "add":
            pending += [(a, sign) for a in reversed(e.args)]
        elif e.fn == "sub" and len(e.args) == 2:
            pending += [(e.args[1], -sign), (e.args[0], sign)]
        elif e.fn == "log" and isinstance(ungrouped(e.args[0]), Num):
            out.append((sign, Num("1"), ungrouped(e.args[0])))
        elif e.fn == "mul" and len(e.args) == 2:
            c, log = (ungrouped(a) for a in e.args)
            if isinstance(log, Num):
                c, log = log, c
            if not (isinstance(c, Num) and isinstance(log, Call) and log.fn == "log"):
                return False
            p = ungrouped(log.args[0])
            if not isinstance(p, Num):
                return False
            out.append((sign, c, p))
        else:
            return False
    return True


def _signed(sign: int, c: Num) -> Num:
    """The target entry ``t`` of a term ``sign·c·log(p)`` of ``−Σ t log p``."""
    return c if sign < 0 else Num(str(-c.value))


def distribution(numbers: list[Num]) -> bool:
    """Whether ``numbers`` are a distribution at the precision written: each in [0, 1] and
    their sum 1, to half a unit in the last place of each (a whole number exactly).

    >>> distribution([Num("0.2"), Num("0.8")]), distribution([Num("0.7"), Num("0.5")])
    (True, False)
    >>> distribution([Num("0"), Num("1"), Num("1")])
    False
    """
    inside = all(-_slack(n) <= n.value <= 1 + _slack(n) for n in numbers)
    return inside and abs(sum(n.value for n in numbers) - 1) <= sum(map(_slack, numbers))


def _slack(n: Num) -> Decimal:
    """How far the number ``n`` stands for may lie from it: half a unit in its last place,
    none for a whole number (a label written 0 or 1 is exact)."""
    return Decimal(0) if n.value == n.value.to_integral_value() and "." not in n.text else (
        unit(n.text) / 2)


def target(e: Expr) -> list[Num] | None:
    """The numbers before the logs of ``e`` where ``e`` is a cross-entropy written out with
    numbers (``−Σ t·log(p)``, two terms or more, the ``p`` a distribution: one sample's
    probabilities), each as the target entry it stands for; None otherwise."""
    terms: list[tuple[int, Num, Num]] = []
    if not _terms(e, 1, terms) or len(terms) < 2:
        return None
    if not distribution([p for _, _, p in terms]):
        return None
    return [_signed(sign, c) for sign, c, _ in terms]


def slip(t: list[Num]) -> str:
    """What is wrong with a target that is no distribution, in a few words."""
    written = ", ".join(n.text for n in t)
    outside = [n.text for n in t if not 0 <= n.value <= 1]
    total = sum((n.value for n in t), Decimal(0))
    if abs(total - 1) > sum(map(_slack, t)):
        return f"{written} sum to {total.normalize():f}, not 1"
    return f"{', '.join(outside)} not in [0, 1]"
