"""Quantities accumulated or updated in place, as worked examples write them: a running total
``s = s + t``, ``s += t``, ``s ← s + t`` (a gradient summed over time steps or examples, a loss
summed over a batch). Each step is a new value of ``s``, named ``s⟨2⟩``, ``s⟨3⟩``… (the second,
third value of s: the name says which reading was taken), judged by its own formula from the
value before it; a later line that reads ``s`` (or differentiates it, ``∂s/∂w``) reads the
latest value. What ``s += t = …`` works out is the term's, ``t = …``.

A step of gradient descent (``w ← w − η·∂L/∂w``, a name the page differentiates by, or one
whose step reads the rate or a derivative by it) stays the update ``w'`` the model knows.

>>> compound_assignment("s += a·b = 2·3 = 6")
["s' = s + (a·b)", 'a·b = 2·3 = 6']
"""

from __future__ import annotations

import re
from dataclasses import replace

from .recompute import RATES
from .worksheet import (
    LOSS_NAMES,
    VERSION,
    Call,
    Chain,
    Derivative,
    Expr,
    Name,
    Part,
    names_in,
    ungrouped,
)

__all__ = ["accumulations_read", "compound_assignment", "read_as_latest", "version_name"]


# s += t, loss += l_i, dW −= …: a name, an operation and '=' (not ==, not w_6^+ = …)
_COMPOUND = re.compile(r"^(\s*[^\W\d][\w']*?)'?\s*([-+−*×·/])=(?!=)\s*([^=]+)")
_OPERATION = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "·": "*", "/": "/"}
# what a page writes for "takes the new value" (+= is read as a step already: s' = s + t)
_ASSIGNED = re.compile(r"←|:=|\\leftarrow|\\gets")


def compound_assignment(piece: str) -> list[str]:
    """``s += t`` (``-=``, ``*=``, ``/=`` alike) as the step ``s' = s + (t)``; what the line
    works out after it (``s += a·b = 2·3 = 6``) is the term's, as ``s += (t = …)`` reads, so it
    is a chain of its own, ``a·b = 2·3 = 6`` (the new total is not written). Any other text,
    as it is.

    >>> compound_assignment("loss += −log(0.25) = 1.386")
    ["loss' = loss + (−log(0.25))", '−log(0.25) = 1.386']
    """
    m = _COMPOUND.match(piece)
    if m is None:
        return [piece]
    name, operation, term = m[1].strip(), _OPERATION[m[2]], m[3].strip()
    step = f"{name}' = {name} {operation} ({term})"
    rest = piece[m.end() :].strip()
    return [step, f"{term} {rest}"] if rest.startswith("=") else [step]


def version_name(name: str, n: int) -> str:
    """The ``n``-th value of ``name`` (the first is the name itself)."""
    return name if n == 1 else f"{name}{VERSION[0]}{n}{VERSION[1]}"


def accumulations_read(part: Part) -> None:
    """Each step of a quantity accumulated in place (see the module) named as its own value,
    and every later line's reading of the quantity made a reading of its latest value."""
    chains = (*part.front, *part.chains)
    differentiated = {n.split("/∂", 1)[1] for c in chains for link in c.links
                      for n in names_in(link) if n.startswith("∂") and "/∂" in n}  # fmt: skip
    rates = {*RATES, part.rate}
    steps: dict[str, list[int]] = {}  # each accumulated name: the chains that step it
    for k, c in enumerate(part.chains):
        base = _stepped(c)
        if base is not None and base not in differentiated and not _descends(c, base, rates):
            steps.setdefault(base, []).append(k)
    # one step is a sum only when it adds (s = s + t); w = w − 0.1·g once is an update
    accumulated = {b: ks for b, ks in steps.items()
                   if len(ks) > 1 or _adds_to_itself(part.chains[ks[0]], b, ("add",))}
    if not accumulated:
        return
    valued = {c.quantity.name for c in part.front if isinstance(c.quantity, Name)}
    latest: dict[str, str] = {}  # each accumulated name: the name of its latest value
    count: dict[str, int] = {}  # how many values it has had
    for k, c in enumerate(part.chains):
        q = c.quantity  # ∂L/∂w on the left after L is summed: the total's, as on the right
        first = read_as_latest(q, latest) if isinstance(q, Derivative) else q
        links = (first, *(read_as_latest(link, latest) for link in c.links[1:]))
        base = _stepped(c) or (q.name[:-1] if isinstance(q, Name) and q.name[-1:] == "'" else None)
        if base in accumulated and k in accumulated[base]:
            reads_itself = base in {n for link in c.links[1:] for n in names_in(link)}
            n = count.get(base, 1 if base in valued else 0) + 1
            if n == 1 and reads_itself:  # s = s + t where s has no value yet: said so later
                part.chains[k] = replace(c, links=links)
                continue
            count[base], latest[base] = n, version_name(base, n)
            links = (Name(latest[base]), *links[1:])
        elif base in latest:  # s' = 11 after the steps: the total restated, the latest value
            links = (Name(latest[base]), *links[1:])
        elif isinstance(q, Name) and q.name in accumulated:
            valued.add(q.name)  # s = a·b before the steps: s's first value
        if links != c.links:
            part.chains[k] = replace(c, links=links)
    loss = part.loss or next((n for n in LOSS_NAMES if n in latest), None)
    if loss in latest:  # a loss summed over a batch: the quantity descended is its total
        part.loss = latest[loss]


def _stepped(c: Chain) -> str | None:
    """The name a chain gives a new value in place (``s' = s + t``, ``s ← …``, and
    ``∇W ← …``, whose name the reader takes as written), else None."""
    q = c.quantity
    if not isinstance(q, Name) or len(c.links) < 2:
        return None
    base = q.name.removesuffix("'")
    if base != q.name and _adds_to_itself(c, base):
        return base
    left = _ASSIGNED.split(c.source, maxsplit=1)
    if len(left) == 2 and "=" not in left[0]:  # ∇ W_yh ← …: the arrow is the line's relation
        written = re.sub(r"\W|_", "", left[0])  # and its left side this quantity (dW_yh)
        if written and re.sub(r"\W|_", "", base).endswith(written):
            return base
    return None


def _adds_to_itself(c: Chain, base: str, fns: tuple[str, ...] = ("add", "sub")) -> bool:
    """``s + t`` (or another of ``fns``) for the chain's first formula: ``base`` in place."""
    f = ungrouped(c.links[1])
    return isinstance(f, Call) and f.fn in fns and f.args[0] == Name(base)


def _descends(c: Chain, base: str, rates: set[str | None]) -> bool:
    """Whether the step reads a rate, a derivative by ``base`` or the page's name for its
    gradient or change (``dw``, ``Δw``, as ``∇w`` and ``Δ w`` are read): a step of
    descent (``w = w − 0.1·dw``, ``w = w + Δw``), not a sum."""
    read = {n for link in c.links[1:] for n in names_in(link)}
    changes = {prefix + base for prefix in ("d", "Δ", "δ", "∇")}
    return bool(read & (rates | changes)) or any(n.endswith("/∂" + base) for n in read)


def read_as_latest(e: Expr, latest: dict[str, str]) -> Expr:
    """``e`` with each accumulated name read as its latest value (built with a stack)."""
    read = {n.split("/∂", 1)[0].lstrip("∂") if n.startswith("∂") else n for n in names_in(e)}
    if not latest or not read & latest.keys():
        return e
    done: dict[int, Expr] = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, ready = stack.pop()
        if isinstance(node, Name):
            done[id(node)] = Name(latest.get(node.name, node.name))
        elif isinstance(node, Derivative):  # ∂L/∂w after L summed: the total's derivative
            done[id(node)] = Derivative(latest.get(node.top, node.top), node.bottom, node.of)
        elif not isinstance(node, Call):
            done[id(node)] = node
        elif not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args)
        else:
            done[id(node)] = Call(node.fn, tuple(done[id(a)] for a in node.args))
    return done[id(e)]
