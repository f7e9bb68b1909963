"""Names a page gives to a partial result: ``Let M = x W1 + b1`` after ``h1 = max(0, x W1 +
b1)`` names the sum inside the ReLU, so ``h1`` is read as ``max(0, M)`` and ``∂loss/∂M`` is
a derivative through the page's own graph (before, M stood beside h1, and nothing the loss is
computed from read it).

>>> from autograd.audit.read_chain import parse_chain
>>> from autograd.audit.worksheet import Chain, Part, show
>>> part = Part("p", chains=[Chain(1, "", parse_chain("h = max(0, x·w + b)")),
...                          Chain(2, "", parse_chain("m = x·w + b")),
...                          Chain(3, "", parse_chain("∂h/∂m = 1"))])
>>> partial_results_named(part)
>>> show(part.chains[0].links[1])
'max(0, m)'
"""

from __future__ import annotations

from dataclasses import replace

from .worksheet import Call, Expr, Name, Part, names_in

__all__ = ["partial_results_named"]

#: A partial result worth naming reads at least this many names (``x·w``, not ``2·x``).
MIN_NAMES = 2


def partial_results_named(part: Part) -> None:
    """Each formula that another quantity's definition holds inside it read as the name the
    page gives it (the first line to define the name by it), where the page differentiates by
    that name (``∂loss/∂M``: the derivative needs M on the path). Only the definition (the
    formula after the name) is read so, not the numbers or forms worked from it, and only a
    proper part of it (``a = x·w + b`` beside ``m = x·w + b`` stays: another name for the
    same quantity, as the model reads it), never inside the derivative of an expression
    (``∂/∂w (x·w + b)`` is worked on its formula) and never where the name would read
    itself."""
    named: dict[Expr, str] = {}
    by = {n.split("/∂", 1)[1] for c in part.chains for link in c.links for n in names_in(link)
          if n.startswith("∂") and "/∂" in n}  # the names the page differentiates by
    for chain in part.chains:
        q = chain.quantity
        if not isinstance(q, Name) or len(chain.links) < 2 or q.name not in by:
            continue
        f = chain.links[1]
        reads = set(names_in(f))
        if isinstance(f, Call) and f.fn != "group" and len(reads) >= MIN_NAMES:
            if q.name not in reads:  # w = w − η·g: an update, not a name for a part
                named.setdefault(f, q.name)
    if not named:
        return
    for k, chain in enumerate(part.chains):
        q = chain.quantity
        if isinstance(q, Name) and len(chain.links) > 1:
            f = _with_names(chain.links[1], named, q.name)
            if f != chain.links[1]:
                part.chains[k] = replace(chain, links=(q, f, *chain.links[2:]))


def _with_names(e: Expr, named: dict[Expr, str], own: str | None) -> Expr:
    """``e`` with each proper subexpression in ``named`` replaced by its name, except a name
    that is ``own`` or that reads ``own`` (no formula made to read itself). Built bottom-up
    with a stack (no recursion)."""
    if not isinstance(e, Call):
        return e
    done: dict[int, Expr] = {}  # id of an original node → its rebuilt form
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, ready = stack.pop()
        if not isinstance(node, Call):
            done[id(node)] = node
            continue
        if not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if isinstance(a, Call))
            continue
        args = tuple(done.get(id(a), a) for a in node.args)
        rebuilt = node if args == node.args else Call(node.fn, args)
        name = named.get(node) if node is not e else None
        if name is not None and name != own and (own is None or own not in _reads(named, name)):
            rebuilt = Name(name)
        done[id(node)] = rebuilt
    return done[id(e)]


def _reads(named: dict[Expr, str], name: str) -> set[str]:
    """The names the formula that defines ``name`` reads."""
    return {n for f, q in named.items() if q == name for n in names_in(f)}
