"""An index the left side fixes: ``d1 = f(Ik)[1 − f(Ik)](Tk − Zk)`` is the general formula
written for output 1, so a reader reads its ``k`` as 1 (``I1``, ``T1``, ``Z1``), where the page
writes those names and nothing else gives ``k`` a meaning (no sum over it, no value of it).

>>> from autograd.audit.worksheet import Chain, Name, Part, show
>>> from autograd.audit.read_chain import parse_chain
>>> part = Part("p", chains=[Chain(1, "", parse_chain("T1 = 0.58")),
...                          Chain(2, "", parse_chain("Z1 = 0.83")),
...                          Chain(3, "", parse_chain("d1 = Zk (1 - Zk) (Tk - Zk)"))])
>>> index_from_left(part)
>>> show(part.chains[2].links[1])
'Z1 · (1 − Z1) · (T1 − Z1)'
"""

from __future__ import annotations

import re
from dataclasses import replace

from .worksheet import Name, Part, names_in, replaced

__all__ = ["index_from_left"]

# d1, δ_2, E_o1: a name whose last index is a number (what the left side is written for)
_NUMBERED = re.compile(r"(.*[^\W\d_])_?(\d+)")
# Ik, T_k, z_k: a name whose last index is one letter, as general formulas index a family
_LETTERED = re.compile(r"(.*[^\W\d_])(_?)([ijkn])")


def index_from_left(part: Part) -> None:
    """Each formula of ``part`` whose left side names one member of a family (``d1``) and
    whose right side reads members by a letter (``Ik``, ``Tk``), each of which the page also
    writes with the left side's number (``I1``, ``T1``), read with that number for the
    letter; any other formula is left as written (a sum over ``k``, a ``k`` the page gives a
    value, a member the page never writes: the general formula)."""
    chains = (*part.front, *part.chains)
    written = {n for c in chains for link in c.links for n in names_in(link)}
    for at, chain in enumerate(part.chains):
        left = chain.quantity
        numbered = _NUMBERED.fullmatch(left.name) if isinstance(left, Name) else None
        if numbered is None or "Σ" in chain.source or "sum" in chain.source.lower():
            continue
        reads = {n for link in chain.links[1:] for n in names_in(link)}
        lettered = {n: _LETTERED.fullmatch(n) for n in reads}
        members = {n: m for n, m in lettered.items() if m}
        letters = {m[3] for m in members.values()}
        if len(letters) != 1 or letters & written:
            continue
        renamed = {}  # each member as the page writes it: I1, or t_1 beside t_k
        for n, m in members.items():
            forms = [f for f in (m[1] + m[2] + numbered[2], m[1] + numbered[2]) if f in written]
            renamed[n] = forms[0] if forms else ""
        if not all(renamed.values()):
            continue  # a member the page never writes: the formula stays general
        links = list(chain.links)
        for name, member in renamed.items():
            links[1:] = [replaced(link, name, Name(member)) for link in links[1:]]
        part.chains[at] = replace(chain, links=tuple(links))

