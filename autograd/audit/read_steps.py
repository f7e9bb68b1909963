"""The step of gradient descent as pages write it: values after the update (``w'``, ``w_new``,
``w ← …``, ``w = w − η·∂L/∂w``), and primes that are names or derivatives, not the step."""

from __future__ import annotations

import re
from dataclasses import replace

from .read_chain import NEW_OLD
from .read_derivatives import derivatives_in
from .recompute import RATES
from .worksheet import (
    Call,
    Derivative,
    Expr,
    Name,
    Part,
    names_in,
    ungrouped,
)

_MARK = re.compile(r"(.+?)_(new|updated|old)")


def marked_after(part: Part) -> None:
    """A name marked new or updated (``ŷ_new``, ``h_updated``) is its value after the step,
    ``ŷ'``, where the part shows it is one of the step's quantities: it differentiates by the
    name or differentiates it (``∂L/∂h``), or the marked name's formula reads the name itself
    or another value after the step (``ŷ_new = σ(w'·x)``); marked old, it is the name.
    (Weights, biases and losses, ``w_new``, ``L_new``, are so read already as written.)
    Otherwise it stays a name of its own (``x_new``: another input)."""
    chains = (*part.front, *part.chains)
    marked = {n for c in chains for link in c.links for n in names_in(link) if _MARK.fullmatch(n)}
    if not marked:
        return
    moving = {p for c in chains for link in c.links for d in derivatives_in(link)
              for p in (d.top, d.bottom)}  # fmt: skip
    reads: dict[str, set[str]] = {}  # what each marked name is written in terms of
    for c in chains:
        if isinstance(c.quantity, Name) and c.quantity.name in marked:
            reads.setdefault(c.quantity.name, set()).update(
                n for link in c.links[1:] for n in names_in(link))
    readers: dict[str, list[str]] = {}  # the marked names each marked name's formula reads
    for n, read in reads.items():
        for r in read & marked:
            readers.setdefault(r, []).append(n)
    split = {n: _MARK.fullmatch(n).groups() for n in marked}  # (base, mark)
    found = [n for n, (base, mark) in split.items() if mark == "old" or base in moving
             or any(r == base or r.endswith("'") for r in reads.get(n, ()))]  # fmt: skip
    after: dict[str, str] = {}
    while found:  # and what is computed from them: ŷ_new = σ(h_new)
        n = found.pop()
        base, mark = split[n]
        if n not in after:
            after[n] = base if mark == "old" else base + "'"
            found += [r for r in readers.get(n, []) if r not in after and mark != "old"]
    _names_replaced(part, after)


def new_apart_from_primed(part: Part) -> None:
    """``E_new`` is read ``E'``, the loss after the step; where the part also writes ``E'``
    itself for a quantity of its own (``E' = ŷ − y``, the derivative), the one marked new is
    kept apart as ``E_new``: two quantities, not one given two values."""
    lefts: dict[str, set[str]] = {}  # each primed quantity: how its left sides are written
    for c in part.chains:
        q = c.quantity
        if isinstance(q, Name) and q.name.endswith("'"):
            left = c.source.split("=", 1)[0].strip()
            way = "new" if NEW_OLD.fullmatch(left) else "primed" if left == q.name else ""
            lefts.setdefault(q.name, set()).add(way)
    both = {n for n, ways in lefts.items() if {"new", "primed"} <= ways}
    for k, c in enumerate(part.chains):
        q = c.quantity
        if isinstance(q, Name) and q.name in both and NEW_OLD.fullmatch(
                c.source.split("=", 1)[0].strip()):
            part.chains[k] = replace(c, links=(Name(q.name[:-1] + "_new"), *c.links[1:]))


def primes_as_derivatives(part: Part) -> None:
    """``y'`` is Lagrange's derivative ``dy/dx`` on a page that takes no step, where the part
    defines ``y`` by a formula in one variable ``x`` alone and writes ``y'`` in ``x`` alone,
    read by no formula (``y = x^2``, ``y' = 2x``). Read as a name of its own, a wrong
    derivative was computed as written, and matched. Not so: ``y' = w·x`` beside
    ``L = (y − y')²`` (a prediction); ``E' = o − t`` with ``o = σ(net)`` (by which variable,
    o or net?); ``y (after)`` (a step the words say); a page with a rate, a ``w'`` of a
    parameter, or ``dL/dw`` written beside ``L'`` (all the value after a step)."""
    chains = (*part.front, *part.chains)
    if part.rate or any(n in RATES for c in chains for link in c.links for n in names_in(link)):
        return
    formulas: dict[str, set[str]] = {}  # each name defined by a formula: the names it reads
    for c in chains:
        read = {n for link in c.links[1:] for n in names_in(link)}
        if isinstance(c.quantity, Name) and not c.quantity.name.endswith("'") and read:
            formulas.setdefault(c.quantity.name, set()).update(read)
    primed = {n[:-1] for c in chains for link in c.links for n in names_in(link) if n[-1:] == "'"}
    if primed - set(formulas):
        return  # w' of a w no formula computes: a parameter, moved by a step
    read_by_formulas = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    differentiated = {d.top for c in chains for link in c.links for d in derivatives_in(link)}
    for k, c in enumerate(part.chains):
        q = c.quantity
        if not isinstance(q, Name) or not q.name.endswith("'") or q.name in read_by_formulas:
            continue
        base = q.name[:-1]
        variables = formulas.get(base, set())
        if len(variables) != 1 or variables & set(formulas) or base in differentiated:
            continue
        if not re.search(re.escape(base) + "['′]", c.source):
            continue  # the prime comes from words (y (after), y_new): a step
        if {n for link in c.links[1:] for n in names_in(link)} <= variables:
            part.chains[k] = replace(c, links=(Derivative(base, *variables), *c.links[1:]))


PRIME_NAME = "\u2032"  # y′: a primed name that is a quantity of its own, not y after the step


def primes_as_names(part: Part) -> None:
    """A primed name that is no value after the step is a name of its own, written ``y′``
    (which the model never takes for an update): one a quantity of before the step reads
    (``L = ½(y − y')²`` beside ``y' = 0.6``: y', the prediction, as ŷ), or one the part
    computes from its unprimed name other than as a step (``a' = a(1 − a)``: the derivative,
    named). A primed name computed as a step (``w' = w − η·∂L/∂w``: from the rate, a
    derivative by its name, or ``w ± …``) or from values after the step (``L' = ½(y − ŷ')²``)
    stays the value after the step, and so do a number written for one no quantity of before
    reads (``w5' = 0.3589``) and the prime of a name the part differentiates by (``w'`` where
    ``∂L/∂w`` is written: ``z2 = w'·x`` is the pass after the step)."""
    chains = (*part.front, *part.chains)
    primed = [c for c in chains if isinstance(c.quantity, Name) and c.quantity.name.endswith("'")]
    steps = {c.quantity.name for c in primed
             if any(_a_step(link, c.quantity.name[:-1], part.rate) for link in c.links[1:])}
    shorthand = {c.quantity.name for c in primed  # a' = a(1 − a); w' = w claims a step of 0
                 if any(isinstance(ungrouped(link), Call) and c.quantity.name[:-1] in names_in(link)
                        for link in c.links[1:])}  # fmt: skip
    read_before = {n for c in chains if isinstance(c.quantity, Name) and c.quantity.name
                   and not c.quantity.name.endswith("'")
                   for link in c.links[1:] for n in names_in(link)
                   if n.endswith("'") and not n.startswith("∂")}  # fmt: skip
    # w' where the part differentiates by w: the parameter after the step, whoever reads it
    parameters = {d.bottom + "'" for c in chains for link in c.links for d in derivatives_in(link)}
    named = (read_before | shorthand) - steps - parameters
    _names_replaced(part, {n: n[:-1] + PRIME_NAME for n in named})


def _a_step(e: Expr, base: str, rate: str | None) -> bool:
    """Whether ``e`` computes a value after the step for ``base``: ``base ± …``, or it reads
    the rate, a derivative by ``base``, or another value after the step."""
    e = ungrouped(e)
    if isinstance(e, Call) and e.fn in ("sub", "add") and e.args[0] == Name(base):
        return True
    return any(n.endswith(("'", "/∂" + base)) or n in (*RATES, rate) for n in names_in(e))


def _names_replaced(part: Part, names: dict[str, str]) -> None:
    """Each name of ``names`` written as the name it maps to, in every link of the part."""
    if not names:
        return

    def rename(e: Expr) -> Expr:
        if isinstance(e, Name):
            return Name(names.get(e.name, e.name))
        if isinstance(e, Derivative):
            of = None if e.of is None else rename(e.of)
            return Derivative(names.get(e.top, e.top), names.get(e.bottom, e.bottom), of)
        if isinstance(e, Call):
            return Call(e.fn, tuple(rename(a) for a in e.args))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(rename, c.links))) for c in chains_of]


def after_updates(part: Part) -> None:
    """After ``W := W − η ∇W`` (an update written in place), the part's later values of
    ``W`` are the updated one: ``∴ W = 0.1 − 0.01·0.002`` is ``W'``."""
    updated: set[str] = set()
    for k, c in enumerate(part.chains):
        q = c.quantity
        if not isinstance(q, Name):
            continue
        if q.name.endswith("'") and len(c.links) > 1 and isinstance(c.links[1], Call):
            if c.links[1].fn in ("sub", "add") and c.links[1].args[0] == Name(q.name[:-1]):
                updated.add(q.name[:-1])
        elif q.name in updated:
            part.chains[k] = replace(c, links=(Name(q.name + "'"), *c.links[1:]))


def in_place(links: tuple[Expr, ...]) -> tuple[Expr, ...]:
    """``w = w − η·∂L/∂w = …``, an update written in place, as the update ``w'``: the name on
    the left is the new value, the one it is computed from the old."""
    name, first = links[0], links[1] if len(links) > 1 else None
    if (
        isinstance(name, Name)
        and name.name
        and isinstance(first, Call)
        and first.fn in ("sub", "add")
        and first.args[0] == name
    ):
        return (Name(name.name + "'"), *links[1:])
    return links
