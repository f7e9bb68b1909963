"""How the nodes of a graph are named and labelled, for a picture and the explorer alike.

A node is called by its label; an unnamed constant by its number; an operation by its
expression of its inputs' names (``(y − a)``, ``σ(z)``) while that is short, else ``t1``,
``t2``, …; an edge by its local derivative, ``∂a/∂z = a(1 − a) = 0.1050``.

>>> from autograd import Value
>>> from autograd.graph import topological_order
>>> x = Value(2.0, label="x"); y = (x + 1).tanh()
>>> names = names_of(topological_order(y), 4)
>>> names[x], names[y]
('x', 'tanh(x + 1)')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .explain import partial
from .numtext import is_number, number_text
from .ops import Op

if TYPE_CHECKING:
    from .value import Value

__all__ = ["PATHS_SHOWN", "bare", "constants", "derivative_text", "names_of", "shown_label"]

#: Chain-rule paths a picture's caption or the explorer writes out for one derivative; more
#: are summed but not written (a caption of more lines no longer reads as one calculation).
PATHS_SHOWN = 6
_NAME_WIDTH = 18  # a longer expression is called t1, t2, ... so edge labels stay short


def constants(order: Sequence[Value]) -> set[Value]:
    """The leaves drawn as bare numbers: in a graph whose variables are named, the ones nobody
    named, like the 1 in `x + 1`. Where no leaf is named (micrograd's way), none: every leaf
    is a box with its grad, or the gradients the picture is for would not show."""
    leaves = [node for node in order if node.op is None]
    if all(leaf.label is None for leaf in leaves):
        return set()
    return {leaf for leaf in leaves if leaf.label is None}


def names_of(order: Sequence[Value], digits: int, primed: bool = False) -> dict[Value, str]:
    """A short name for every node: its label, its number if a constant, else its expression
    (``(y − a)``, ``σ(z)``) when that is short, else ``t1``, ``t2``, ... in graph order.
    A name made with an infix operator is parenthesised, so it reads right inside a formula.
    ``primed``: unlabelled leaves are variables, told apart when equal: ``2``, ``2′``, ``2″``,
    ``2‴``, ``2₍₅₎``, ``2₍₆₎``, ... (one mark each, so a name stays short however many)."""
    names: dict[Value, str] = {}
    copies: dict[str, int] = {}  # how many leaves have been given each number so far
    # unlabelled leaves first, in the order operations read them: a × b is 2 × 2′
    operands = [node.parents for node in order if node.parents] or [order]  # or a lone leaf
    for leaf in (leaf for read in operands for leaf in read):
        if leaf.label is None and not leaf.parents and leaf not in names:
            name = number_text(leaf.data, digits, zeros=False)  # 0.5, not 0.5000
            k = copies.get(name, 0)
            copies[name] = k + 1
            names[leaf] = name + _copy_mark(k) if primed else name
    for leaf, name in names.items():
        names[leaf] = f"({name})" if leaf.data < 0.0 else name
    temporaries = 0
    for node in order:
        if node.label is not None:
            name = shown_label(node.label)
        elif node.op is None:
            name = names[node]
        else:
            name = _expression(node.op, [names[p] for p in node.parents])
            if len(name) > _NAME_WIDTH:
                temporaries += 1
                name = f"t{temporaries}"
        names[node] = name
    return names


_CONTROL = {c: 0x2400 + c for c in range(32)} | {0x7F: "␡"}  # ␀ … ␟: XML holds none of them
_LABEL_WIDTH = 80  # a longer label is cut in the middle: dot refuses labels past 16,384


def shown_label(label: object) -> str:
    """A label as a picture shows it: as text (``label=5`` is ``5``), its control characters
    as their pictures, and cut in the middle past 80 characters.

    >>> shown_label("a\x1bb"), shown_label(5), len(shown_label("w" * 20_000))
    ('a␛b', '5', 71)
    """
    text = str(label).translate(_CONTROL)
    return text if len(text) <= _LABEL_WIDTH else f"{text[:50]}…{text[-20:]}"


_PRIMES = ("", "′", "″", "‴")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _copy_mark(k: int) -> str:
    """What tells the ``k``-th leaf (from 0) of one number apart from the others."""
    return _PRIMES[k] if k < len(_PRIMES) else f"₍{k + 1}₎".translate(_SUBSCRIPT)


def _expression(op: Op, args: list[str]) -> str:
    """The node written as its row says (``op.notation``): ``(a × b)``, ``(y − a)^2``, ``2^x``,
    ``σ(z)``."""
    symbol = op.symbol
    if op.notation == "infix":
        return f"({args[0]} {symbol} {args[1]})"
    if op.notation == "postfix":
        return f"{args[0]}{symbol}"
    if op.notation == "prefix":
        return f"{symbol}{args[0]}"
    return f"{symbol}({', '.join(bare(arg) for arg in args)})"


def bare(name: str) -> str:
    """A name without the parentheses that only a larger formula needs."""
    return name[1:-1] if name.startswith("(") and name.endswith(")") else name


def derivative_text(out: str, inp: str, formula: str, value: float | None, digits: int) -> str:
    if is_number(formula):  # 1, −1, or a constant's own number: nothing to work out
        return f"{partial(out, inp)} = {formula}"
    shown = "undefined" if value is None else number_text(value, digits)
    return f"{partial(out, inp)} = {formula} = {shown}"
