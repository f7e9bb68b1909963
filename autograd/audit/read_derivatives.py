"""Derivatives as pages write them: an activation differentiated by its argument
(``dσ/dz``), ``σ'(H1)`` at the unit's input, partials of a function never written, and a
quantity given only by its derivative and one value."""

from __future__ import annotations

import re
from dataclasses import replace

from .antiderivative import function_from_derivative
from .worksheet import (
    LOSS_LETTERS,
    LOSS_WORDS,
    Call,
    Chain,
    Derivative,
    Expr,
    Name,
    Num,
    Part,
    names_in,
    ungrouped,
)

_AT_A_POINT = re.compile(r"(.+)\(\s*([-−]?\d+(?:\.\d+)?)\s*\)")  # L(3): L at a number


def functions_from_derivatives(part: Part) -> None:
    """A quantity the part gives only by its derivative, a polynomial in one variable, and its
    value at one point (``dL/dw = 2w − 6``, ``L(3) = 1``; its formula never written) is
    defined as the function that is (``L = w^2 − 6 · w + 10``), as a reader integrates it, on
    the line of the later of the two."""
    chains = [*part.front, *part.chains]
    formulas = {c.quantity.name for c in chains if isinstance(c.quantity, Name)
                and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    points: dict[str, Chain] = {}
    for c in chains:
        m = _AT_A_POINT.fullmatch(c.quantity.name) if isinstance(c.quantity, Name) else None
        if m and len(c.links) == 2 and isinstance(c.links[1], Num):
            points.setdefault(m[1], c)
    for k, c in enumerate(list(part.chains)):
        q = c.quantity
        if not (isinstance(q, Derivative) and q.of is None and len(c.links) > 1):
            continue
        point = points.get(q.top)
        if q.top in formulas or point is None or set(names_in(c.links[1])) != {q.bottom}:
            continue
        at = _AT_A_POINT.fullmatch(point.quantity.name)[2].replace("−", "-")
        f = function_from_derivative(c.links[1], q.bottom, at, point.links[1].text)
        if f is None:
            continue
        later = max(c, point, key=lambda x: x.line)
        source = f"{q.top} from {c.source} and {point.source}"
        part.chains.insert(part.chains.index(later) + 1 if later in part.chains else k + 1,
                           Chain(later.line, source, (Name(q.top), f), inferred=True))  # fmt: skip
        formulas.add(q.top)


#: The activations whose derivative the reader knows, by the name a page differentiates
_DERIVED = {"σ": "σ'", "tanh": "tanh'", "relu": "relu'"}


def functions_differentiated(part: Part) -> None:
    """``dσ/dz``, the derivative of an activation by its argument, where the part names no
    quantity σ: the function's derivative at ``z``, ``σ'(z)`` (as in dy/dx = dσ/dz · dz/dx
    beside y = σ(z))."""
    chains = (*part.front, *part.chains)
    written = {n for c in chains for link in c.links for n in names_in(link)}

    def applied(e: Expr) -> Expr:
        if isinstance(e, Derivative) and e.of is None and e.top in _DERIVED:
            return e if e.top in written else Call(_DERIVED[e.top], (Name(e.bottom),))
        if isinstance(e, Call):
            return Call(e.fn, tuple(applied(a) for a in e.args))
        return e

    if any(d.top in _DERIVED for c in chains for link in c.links for d in derivatives_in(link)):
        for chains_of in (part.front, part.chains):
            chains_of[:] = [replace(c, links=tuple(map(applied, c.links))) for c in chains_of]


def partials_of_the_unseen(part: Part) -> None:
    """Partials of a function the part never writes, nor a loss's letter (``∂H/∂a_1^{(1)} =
    Σ_k W_{1k} ∂H/∂z_k^{(2)} = 5(−3) + 1(1)``, H a network drawn in a figure the copy
    lost), are quantities of their own: each defined by the formula the page writes for it,
    or given by the number substituted for it, as the page works them."""
    chains = (*part.front, *part.chains)
    written = {c.quantity.name for c in chains if isinstance(c.quantity, Name)}
    written |= {n for c in chains for link in c.links for n in names_in(link)
                if not n.startswith("∂")}  # fmt: skip
    tops = {d.top for c in chains for link in c.links for d in derivatives_in(link)}
    unseen = {t for t in tops if t not in written and t.split("_")[0] not in LOSS_LETTERS
              and t.lower() not in (*LOSS_WORDS, "error")}  # fmt: skip
    if not unseen:
        return

    def named(e: Expr) -> Expr:
        if isinstance(e, Derivative) and e.of is None and e.top in unseen:
            return Name(f"d{e.top}/d{e.bottom}")
        if isinstance(e, Call):
            return Call(e.fn, tuple(named(a) for a in e.args))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(named, c.links))) for c in chains_of]


def derivatives_in(e: Expr) -> list[Derivative]:
    """The derivatives ``e`` holds (not inside another's ``∂/∂x (…)``)."""
    if isinstance(e, Derivative):
        return [e]
    return [d for a in e.args for d in derivatives_in(a)] if isinstance(e, Call) else []


def derivatives_at_inputs(part: Part) -> None:
    """``σ'(H1)`` where the part defines ``H1 = σ(H1_net)`` is ``σ'(H1_net)``: the derivative
    at the unit's input, written with its output (as code writes ``a(1 − a)``); read
    literally it would be σ'(σ(H1_net)), which no page means. So for ``tanh'``."""
    outputs = {
        (c.quantity.name, link.fn): link.args[0]
        for c in (*part.front, *part.chains)
        if isinstance(c.quantity, Name)
        for link in c.links[1:2]
        if isinstance(link, Call) and link.fn in ("σ", "tanh") and len(link.args) == 1
    }
    if not outputs:
        return

    def at_input(e: Expr) -> Expr:
        if isinstance(e, Call):
            args = tuple(at_input(a) for a in e.args)
            a = ungrouped(args[0]) if len(args) == 1 else None
            if e.fn in ("σ'", "tanh'") and isinstance(a, Name) and (a.name, e.fn[:-1]) in outputs:
                return Call(e.fn, (outputs[a.name, e.fn[:-1]],))
            return Call(e.fn, args)
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, at_input(e.of))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(at_input, c.links))) for c in chains_of]
