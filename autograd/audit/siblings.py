"""A unit the page writes only as a number ("the same for h2"), worked as its sibling is.

Pages work one neuron out in full and give the others only their results: ``out_h1 =
σ(net_h1)`` with ``net_h1 = w1·i1 + w2·i2 + b1``, then "Same process for h2: out_h2 =
0.596884378". A reader computes ``out_h2`` as ``out_h1`` is computed, with h2's own
quantities: each name of h1's chain that carries h1's index carries h2's, and each family of
givens h1 reads (``w1, w2``) passes to the next members of the family that no formula reads
(``w3, w4``), as a layer's weights are listed neuron by neuron; a family with no such members
is shared (the inputs ``i1, i2``, a layer's one bias). A quantity of that chain the page never
writes (``net_h2``) is worked as the sibling's too, under its new name.

The reading is taken only where the page's own number confirms it: the formula gives the
written number at its precision, and no other reading does (a computed name of the sibling's
index is either the unit's own, reindexed, or another layer's, kept: the number tells which).
Then the unit moves with its weights like the worked one, so updates of those weights and the
error after the step can be worked again; where nothing confirms it, it stays a number.

>>> from autograd.audit.read_text import read_text
>>> from autograd.audit.recompute import Model
>>> page = "x1 = 0.5, x2 = -1, w1 = 0.3, w2 = 0.8, w3 = -0.6, w4 = 0.2, b = 0.1\\n"
>>> page += "z1 = w1·x1 + w2·x2 + b\\na1 = σ(z1)\\na2 = 0.4013"  # σ(−0.6·0.5 + 0.2·(−1) + 0.1)
>>> a2 = Model(read_text(page).parts[0]).worked_as["a2"]
>>> show(a2.formula), [(name, show(e)) for name, e in a2.unwritten]
('σ(z2)', [('z2', 'w3 · x1 + w4 · x2 + b')])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from ..numtext import unit
from .worksheet import Expr, Name, names_in, replaced, show

__all__ = [
    "Sibling",
    "contested_siblings",
    "sibling_reading",
    "worked_as_siblings",
    "written_as_terms",
]

_RUN = re.compile(r"\d+")
#: A number confirms a reading only with this many significant digits: 0.5 or 0.62 could
#: be given by many formulas of the page's numbers, 0.5969 by one.
MIN_DIGITS = 3
#: How many computed names below the sibling are looked at (out_h1 = σ(net_h1), net_h1 =
#: Σ w·i + b: one; a page's unit has a few); and how many of them, those with the sibling's
#: index, are tried both ways, the unit's own or another layer's (2^4 readings at most).
MAX_DEPTH = 4
MAX_CHOICES = 4


@dataclass(frozen=True)
class Sibling:
    """``name`` worked as ``sibling`` is: ``formula``, confirmed by the number written."""

    name: str
    sibling: str
    formula: Expr
    #: the quantities of its chain the page never writes (net_h2), each worked as the
    #: sibling's, in the order they are computed
    unwritten: tuple[tuple[str, Expr], ...] = ()

    #: what confirms the reading: the number written, or a term the page writes
    by_term: bool = False
    #: no number confirms it: the one reading the page's structure makes, which gives
    #: another value than the number written (``contested_siblings``)
    contested: bool = False

    @property
    def note(self) -> str:
        chain = "".join(f", {n} = {show(e)}" for n, e in self.unwritten[::-1])
        if self.contested:
            return (f"{self.name} is worked as {self.sibling} is, with its own quantities, "
                    f"{self.name} = {show(self.formula)}{chain}")
        if self.by_term:
            return (f"{self.name} is written with numbers only: worked as {self.sibling} is, "
                    f"with its own quantities, {self.name} = {show(self.formula)}, a term the "
                    "page writes")  # fmt: skip
        return (f"{self.name} is written only as a number: worked as {self.sibling} is, "
                f"with its own quantities, {self.name} = {show(self.formula)}{chain}, which "
                "gives it")  # fmt: skip

    def inline(self) -> Expr:
        """The formula with the quantities the page never writes worked inside it."""
        e = self.formula
        for name, formula in self.unwritten[::-1]:
            e = replaced(e, name, formula)
        return e


def worked_as_siblings(
    numbers: Mapping[str, str],
    formulas: Mapping[str, Expr],
    givens: Mapping[str, float],
    names: Collection[str],
    value: Callable[[Expr], float],
) -> dict[str, Sibling]:
    """Each of ``numbers`` (a quantity the page writes only as a number, its text) that a
    sibling's formula gives, worked with the unit's own quantities. ``formulas``: the
    page's defining formulas; ``givens``: the given values; ``names``: every name the page
    writes; ``value``: a formula's value at the givens (raising where it has none)."""
    page = _Page(formulas, givens, names, {n for f in formulas.values() for n in names_in(f)})
    found: dict[str, Sibling] = {}
    for name, text in numbers.items():
        if name.endswith("'") or _digits(text) < MIN_DIGITS:
            continue
        for sibling, old, new in _siblings(name, formulas):
            readings = {show(r.inline()): r for r in _readings(name, sibling, old, new, page)}
            confirmed = [r for r in readings.values() if _gives(r.inline(), text, value)]
            if len(confirmed) == 1:
                found[name] = confirmed[0]
                break
    return found


def contested_siblings(
    numbers: Mapping[str, str],
    formulas: Mapping[str, Expr],
    givens: Mapping[str, float],
    names: Collection[str],
    value: Callable[[Expr], float],
) -> dict[str, Sibling]:
    """Each of ``numbers`` that its nearest sibling's one reading (``sibling_reading``) gives
    another value than the number written: a reader takes ``E_2 = 0.0300`` beside ``E_1 =
    ½(t_1 − o_1)²`` and the givens ``t_2``, ``o_2`` as ½(t_2 − o_2)² = 0.0242, and the
    number as wrong."""
    found: dict[str, Sibling] = {}
    for name, text in numbers.items():
        if _digits(text) >= MIN_DIGITS:
            reading = sibling_reading(name, formulas, givens, names, value)
            # only where the unit's quantities are all on the page (t_2, o_2): one worked that
            # the page never writes (net_h2) is a reader's guess, which only a number confirms
            if reading is not None and not reading.unwritten and not _gives(
                    reading.inline(), text, value):  # fmt: skip
                found[name] = reading
    return found


def sibling_reading(
    name: str,
    formulas: Mapping[str, Expr],
    givens: Mapping[str, float],
    names: Collection[str],
    value: Callable[[Expr], float],
) -> Sibling | None:
    """``name`` worked as its nearest sibling is, where the page's structure reads it one
    way only, with the unit's own quantities (not the sibling's formula again, nor one
    giving the sibling's value: its weights shared, z2 as z1, is the sibling, no unit of its
    own), whatever number the page writes for it (``contested``); else None."""
    if name.endswith("'"):
        return None
    page = _Page(formulas, givens, names, {n for f in formulas.values() for n in names_in(f)})
    for sibling, old, new in _siblings(name, formulas):
        readings = {show(r.inline()): r for r in _readings(name, sibling, old, new, page)
                    if r.inline() != formulas[sibling]}  # fmt: skip
        if len(readings) != 1:
            return None  # the nearest sibling read several ways: the structure is not settled
        (reading,) = readings.values()
        try:
            if value(reading.inline()) == value(Name(sibling)):
                return None
        except (ArithmeticError, ValueError):
            return None
        return replace(reading, contested=True)
    return None


def written_as_terms(
    numbers: Collection[str],
    formulas: Mapping[str, Expr],
    givens: Mapping[str, float],
    names: Collection[str],
    terms: Collection[str],
) -> dict[str, Sibling]:
    """Each of ``numbers`` (a quantity the page writes only with numbers substituted, ``E_y2
    = ½(0.01 − 0.7703)² = 0.289``) whose sibling's formula, with the unit's own quantities, is
    a term the page writes in another formula (``E_total = ½(t1 − ŷ1)² + ½(t2 − ŷ2)²``): the
    page's structure says what the numbers stand for, so they are judged as those symbols
    (0.01 written for t2). Names of the unit the page gives no value (ŷ2) are left to the
    numbers. ``terms``: every term of a sum the page writes, as ``show`` writes it."""
    page = _Page(formulas, givens, names, {n for f in formulas.values() for n in names_in(f)})
    found: dict[str, Sibling] = {}
    for name in numbers:
        for sibling, old, new in _siblings(name, formulas):
            readings = {show(r.formula): r for r in _readings(name, sibling, old, new, page, True)
                        if not r.unwritten and r.formula != formulas[sibling]}  # fmt: skip
            written = [r for key, r in readings.items() if key in terms]
            if len(written) == 1:
                found[name] = replace(written[0], by_term=True)
                break
    return found


def _digits(text: str) -> int:
    """Significant digits of a number as written (``0.0236`` has three)."""
    mantissa = text.lower().split("e")[0].lstrip("+-−")
    return len(mantissa.replace(".", "").lstrip("0"))


def _siblings(name: str, formulas: Mapping[str, Expr]) -> Iterator[tuple[str, Index, Index]]:
    """Each name of the page's formulas that is ``name`` with another index, nearest first,
    with the index it has and the one ``name`` has."""
    found = []
    for m in _RUN.finditer(name):
        for other in formulas:
            if len(other) < m.start() or other[: m.start()] != name[: m.start()]:
                continue
            run = _RUN.match(other, m.start())
            if run and other[run.end() :] == name[m.end() :] and run.group() != m.group():
                old = Index(_letter(other, m.start()), run.group())
                new = Index(old.letter, m.group())
                if not _reads_derivatives(formulas[other]):
                    found.append((abs(int(run.group()) - int(m.group())), other, old, new))
    for _, other, old, new in sorted(found, key=lambda f: f[0]):
        yield other, old, new


def _reads_derivatives(e: Expr) -> bool:
    return any(n.startswith("∂") for n in names_in(e))


@dataclass(frozen=True)
class Index:
    """A unit's index as a name writes it: the digits, and the letter before them when the
    digits follow ``_`` and a letter (``out_h1``: h, 1), which names the unit's layer."""

    letter: str
    run: str


def _letter(name: str, start: int) -> str:
    if start >= 2 and name[start - 1].isalpha() and name[start - 2] == "_":
        return name[start - 1]
    return ""


def _reindexed(name: str, old: Index, new: Index) -> str | None:
    """``name`` with ``old`` index made ``new``: ``net_h1`` → ``net_h2``; None where ``name``
    has not that index once (``out_o1`` has h1's digits but o's letter)."""
    hits = [m for m in _RUN.finditer(name) if m.group() == old.run]
    if len(hits) != 1:
        return None
    m = hits[0]
    letter = _letter(name, m.start())
    if letter and old.letter and letter != old.letter:  # out_h1 is not o1's (ŷ1 may be y1's)
        return None
    return name[: m.start()] + new.run + name[m.end() :]


@dataclass(frozen=True)
class _Page:
    """What a reading reads: the defining formulas, the givens' values, every name written,
    and the names some formula reads."""

    formulas: Mapping[str, Expr]
    givens: Mapping[str, float]
    names: Collection[str]
    read: set[str]


def _readings(
    name: str, sibling: str, old: Index, new: Index, page: _Page, open_names: bool = False
) -> Iterator[Sibling]:
    """The formulas the unit of index ``new`` has, read from ``sibling``'s: one for each way
    of taking the computed names of the old index (the unit's own, or another layer's)."""
    step = int(new.run) - int(old.run)
    # the computed names of the chain below the sibling that carry its index, nearest first
    chain, stack = [], [sibling]
    while stack and len(chain) <= MAX_DEPTH:
        for n in dict.fromkeys(names_in(page.formulas[stack.pop()])):
            if n in page.formulas and n not in chain and n != sibling:
                chain.append(n)
                stack.append(n)
    optional = [n for n in chain if _reindexed(n, old, new) is not None][:MAX_CHOICES]
    for choice in product((True, False), repeat=len(optional)):
        own = {n for n, taken in zip(optional, choice, strict=True) if taken}
        worked = _worked(sibling, own | {sibling}, old, new, step, page, open_names)
        if worked is not None:
            yield Sibling(name, sibling, worked[0], worked[1])


def _worked(
    sibling: str, own: set[str], old: Index, new: Index, step: int, page: _Page,
    open_names: bool = False,
) -> tuple[Expr, tuple[tuple[str, Expr], ...]] | None:
    """``sibling``'s formula for the new unit, its own computed names reindexed and its
    givens' families passed on, with the formulas of those names the page never writes;
    None where a name the unit needs has no value on the page."""
    formulas, givens = page.formulas, page.givens
    leaves: dict[str, str] = {}  # each given the sibling's chain reads, and the unit's
    worked: dict[str, Expr] = {}  # each own name's formula for the new unit
    unwritten: dict[str, Expr] = {}  # those the page never writes, by their new names
    for name in _below_first(sibling, own, formulas):
        e = formulas[name]
        here = set(names_in(e))
        renames: dict[str, Expr] = {}
        for n in here:
            if n == "e" and n not in formulas and n not in givens:
                continue
            if n in own and n != name:
                to = _reindexed(n, old, new)
                if to in formulas or to in givens:
                    renames[n] = Name(to)
                elif to in page.names and open_names:  # ŷ2, named: its number is written
                    renames[n] = Name(to)
                elif to in page.names or n not in worked:
                    return None  # written with no value, or read back in a cycle
                else:
                    renames[n] = Name(to)  # never written: worked as the sibling's
                    unwritten[to] = worked[n]
            elif n in formulas:
                continue  # a computed name of another unit: read as it is
            elif n in givens and open_names and _reindexed(n, old, new) in page.names:
                renames[n] = Name(_reindexed(n, old, new))  # t1 → t2: the unit's own, named
            elif n in givens:
                if n not in leaves:
                    family = {m for m in here if m in givens}
                    leaves[n] = _passed_on(n, family, step, givens, page.read)
                renames[n] = Name(leaves[n])
            else:
                return None
        worked[name] = _renamed(e, renames)
    return (worked[sibling], tuple(unwritten.items())) if sibling in worked else None


def _below_first(top: str, own: set[str], formulas: Mapping[str, Expr]) -> list[str]:
    """``top`` and the names of ``own`` below it, each after the own names it reads (an
    iterative depth-first walk; a cycle is cut where it closes)."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [(top, False)]
    while stack:
        name, done = stack.pop()
        if done:
            order.append(name)
        elif name not in seen:
            seen.add(name)
            stack.append((name, True))
            stack.extend((n, False) for n in dict.fromkeys(names_in(formulas[name]))
                         if n in own and n != name and n not in seen)  # fmt: skip
    return order


def _passed_on(
    name: str, read_with: set[str], step: int, givens: Mapping[str, float], read: set[str]
) -> str | None:
    """The given the new unit reads where the worked one reads ``name``: the member of its
    family ``step`` units on (as many members on as the family has in the formula, or one
    on, interleaved), where those are givens no formula reads; else ``name``, shared."""
    runs = list(_RUN.finditer(name))
    if len(runs) != 1:
        return name
    m = runs[0]
    family = [n for n in read_with if _same_family(n, name, m)]
    members = sorted(int(_RUN.search(n, m.start()).group()) for n in family)
    for stride in dict.fromkeys((len(members) * step, step)):
        moved = {k: k + stride for k in members}
        targets = [name[: m.start()] + str(v) + name[m.end() :] for v in moved.values()]
        if all(v > 0 for v in moved.values()) and all(
            t in givens and t not in read for t in targets
        ):
            return name[: m.start()] + str(moved[int(m.group())]) + name[m.end() :]
    return name


def _same_family(other: str, name: str, m: re.Match[str]) -> bool:
    run = _RUN.match(other, m.start()) if len(other) > m.start() else None
    return bool(run) and other[: m.start()] == name[: m.start()] and (
        other[run.end() :] == name[m.end() :] and len(_RUN.findall(other)) == 1)


def _renamed(e: Expr, renames: Mapping[str, Expr]) -> Expr:
    """``e`` with each name of ``renames`` read as what it maps to, all at once (w1 → w2 and
    w2 → w3 in one formula: no name renamed twice, each goes through a name no page writes)."""
    for k, name in enumerate(renames):
        e = replaced(e, name, Name(f"\0{k}"))
    for k, by in enumerate(renames.values()):
        e = replaced(e, f"\0{k}", by)
    return e


def _gives(formula: Expr, text: str, value: Callable[[Expr], float]) -> bool:
    """Whether ``formula`` gives the number written, at its precision: within one unit of
    its last place, as a rounding or a truncation of it is."""
    try:
        got = value(formula)
    except (ArithmeticError, ValueError):
        return False
    written = Decimal(text.replace("−", "-"))
    return abs(got - float(written)) <= float(unit(written)) * (1 + 1e-9)
