"""General formulas over an index and their instances, as a page writes them: a formula over a
letter first (a time step ``t``, a layer ``l``: ``v_t = β v_{t-1} + (1 − β) ∇L(θ_t)``,
``dW⁽l⁾ = (1/m) dZ⁽l⁾ A⁽l-1⁾^T``), then its instances with numbers (``v_1 = 0.9 · 0 + 0.1 ·
2.0``, at ``t = 1``) or with the letter kept and numbers for its symbols (``m_t = 0.9 · m_{t-1}
+ 0.1 · g_t``: the formula with β = 0.9).

The general formula is a template each instance follows: ``instances_read`` finds, over the
whole page (a template holds for every part after it), each chain written for a member of a
template's family (``v1``, ``v_1``, ``dW⁽3⁾``) or for the template's own quantity in a later
part; ``instantiated`` is the template at the instance's index (``v_{t-1}`` → ``v0``, the
letter itself → its number). The model defines the instance by it and the judge judges the
instance's numbers against it, and the template's own numbers (the 1 of ``1 − β``) by the
instance that follows it.

>>> from autograd.audit.read_chain import parse_chain
>>> f = parse_chain("m_t = β1 m_{t-1} + (1 − β1^t) g_t")[1]
>>> show(instantiated(f, "t", 2))
'β1 · m1 + (1 − β1^2) · g2'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .worksheet import (
    Call,
    Chain,
    Derivative,
    Expr,
    Name,
    Num,
    Part,
    names_in,
    show,
    ungrouped,
)

__all__ = [
    "Instance", "Template", "indexed", "instances_read", "instantiated", "member", "template_of",
]  # fmt: skip

# m_t, x_T, dL_t (one letter after the last underscore: W_hh, b_y's y is read as one too, but
# only a template's own letter is ever replaced); m_{t-1}, h_{t+1}: a step from it
_LETTER = re.compile(
    r"(?P<family>.*[^\W_][\u0300-\u036f]*)_(?P<index>[^\W\d_]|\{[^\W\d_][-+]\d+\})"
)
# dZ⁽l⁾, A⁽l-1⁾, W⁽3⁾: a layer
_LAYER = re.compile(r"(?P<family>.+?)⁽(?P<index>[^\W\d_](?:[-+]\d+)?|\d+)⁾")
# m1, m_1, m̂1, dL_2: a member, numbered (as Markdown's m_{1} is read, m1; as text writes it, m_1)
_NUMBERED = re.compile(r"(?P<family>.*[^\W\d_][\u0300-\u036f]*)(?P<glue>_?)(?P<index>\d+)")


@dataclass(frozen=True)
class Indexed:
    """A name as a family and an index: ``m_{t-1}`` is m at t − 1, ``dZ⁽3⁾`` dZ at layer 3."""

    family: str
    letter: str  # the index's letter ("" for a number)
    step: int  # the index's number, or its step from the letter (t − 1: −1)
    layer: bool  # ⁽l⁾ rather than a subscript
    glued: bool = True  # m1 rather than m_1: how the page writes its numbered members


def indexed(name: str) -> Indexed | None:
    """``name`` as a family and its index, where it has one.

    >>> indexed("m_{t-1}"), indexed("A⁽l-1⁾").step, indexed("m_1").glued, indexed("W_hh")
    (Indexed(family='m', letter='t', step=-1, layer=False, glued=True), -1, False, None)
    """
    m = _LAYER.fullmatch(name)
    if m:
        return _split(m["family"], m["index"], layer=True)
    m = _LETTER.fullmatch(name)
    if m:
        return _split(m["family"], m["index"].strip("{}"), layer=False)
    m = _NUMBERED.fullmatch(name)
    if m:
        return Indexed(m["family"], "", int(m["index"]), False, glued=not m["glue"])
    return None


def member(e: Expr | str) -> Indexed | None:
    """``indexed`` for a quantity: a name, or a derivative by an indexed name (``∂L/∂h_t``
    of the family ``∂L/∂h``), as an expression or as ``names_in`` writes it."""
    if isinstance(e, Name):
        return indexed(e.name)
    if isinstance(e, Derivative) and e.of is None:
        top, bottom = e.top, e.bottom
    elif isinstance(e, str) and e.startswith("∂") and "/∂" in e:
        top, bottom = e[1:].split("/∂", 1)
    else:
        return indexed(e) if isinstance(e, str) else None
    i = indexed(bottom)
    return None if i is None else replace(i, family=f"∂{top}/∂{i.family}")


def _split(family: str, index: str, layer: bool) -> Indexed:
    if index.isdigit():
        return Indexed(family, "", int(index), layer)
    step = int(index[1:]) if len(index) > 1 else 0
    return Indexed(family, index[0], step, layer)


@dataclass(frozen=True)
class Template:
    """A general formula: its chain, its quantity's family, the letter it is over."""

    chain: Chain
    family: str
    letter: str
    layer: bool
    shift: int = 0  # w_{t+1} = w_t − η g_t: its quantity a step from the letter (+1)

    @property
    def formula(self) -> Expr:
        return self.chain.links[1]

    def at(self, number: int) -> int:
        """The letter's value for the member ``number`` (w_2 of w_{t+1} = …: t = 1)."""
        return number - self.shift


@dataclass(frozen=True)
class Instance:
    """A chain written for a member of a template's family: at ``value`` of the template's
    letter (``None``: the letter kept, the template's own quantity written again)."""

    chain: Chain
    templates: tuple[Template, ...]  # the latest first
    value: int | None
    glued: bool = True


def template_of(chain: Chain) -> Template | None:
    """The chain as a general formula, where it is one: its quantity a name indexed by a
    letter, its formula reading names indexed by the same letter (``h_{t-1}``, ``A⁽l-1⁾``)
    or the letter itself (``β1^t``)."""
    q = chain.quantity
    if len(chain.links) < 2 or (isinstance(q, Name) and q.name.endswith("'")):
        return None
    own = member(q)
    if own is None or not own.letter:
        return None
    reads = [n for link in chain.links[1:2] for n in names_in(link)]
    for n in reads:
        i = member(n)
        if n == own.letter or (i is not None and i.letter == own.letter and i.layer == own.layer):
            return Template(chain, own.family, own.letter, own.layer, own.step)
    return None


def instantiated(e: Expr, letter: str, value: int, glued: bool = True) -> Expr:
    """``e`` at ``letter`` = ``value``: each name indexed by the letter (or a step from it)
    named as that member is (``glued``: ``m1``, else ``m_1``; a layer's, ``A⁽2⁾``), the
    letter itself the number."""

    def member(name: str) -> Expr:
        if name == letter:
            return Num(str(value))
        i = indexed(name)
        if i is None or i.letter != letter:
            return Name(name)
        at = value + i.step
        if at < 0:
            raise ValueError(f"{name} at {letter} = {value}: before the first")
        if i.layer:
            return Name(f"{i.family}⁽{at}⁾")
        return Name(f"{i.family}{'' if glued else '_'}{at}")

    stack: list[tuple[Expr, bool]] = [(e, False)]
    done: list[Expr] = []
    while stack:  # rebuilt bottom up, without recursion
        x, visited = stack.pop()
        if isinstance(x, Name):
            done.append(member(x.name))
        elif isinstance(x, Derivative) and x.of is None:  # ∂L/∂h_t: ∂L/∂h2
            done.append(Derivative(_named(member(x.top)), _named(member(x.bottom))))
        elif isinstance(x, Call) and not visited:
            stack.append((x, True))
            stack.extend((a, False) for a in reversed(x.args))
        elif isinstance(x, Call):
            args = tuple(done[len(done) - len(x.args) :])
            del done[len(done) - len(x.args) :]
            done.append(Call(x.fn, args))
        else:
            done.append(x)
    return done[0]


def _named(e: Expr) -> str:
    return e.name if isinstance(e, Name) else show(e)


def instances_read(parts: list[Part]) -> None:
    """Each part's instances of the general formulas written before them on the page (in its
    own part or an earlier one): a chain for a numbered member of a template's family, or for
    the template's quantity itself with numbers in its symbols' places (``m_t = 0.9 · m_{t-1}
    + …``). Where a family has several templates (``dW⁽L⁾``, then ``dW⁽l⁾``), the latest
    first: the model takes the first its numbers fit."""
    templates: dict[tuple[str, bool], list[Template]] = {}
    lines: dict[int, list[int]] = {}  # each template's line: its instances' lines
    for part in parts:
        part.instances = []  # its own list (a part's scopes are copies of it)
        part.templates = {}
        for chain in [*part.front, *part.chains]:
            q = chain.quantity
            t = template_of(chain)
            if t is not None:
                earlier = templates.setdefault((t.family, t.layer), [])
                same = tuple(u for u in earlier if u.chain.quantity == q
                             and _numbers_for_symbols(u.formula, chain.links[1]))  # fmt: skip
                if same:
                    part.instances.append(Instance(chain, same, None))
                else:
                    earlier.insert(0, t)
                    part.templates[chain.line] = lines.setdefault(chain.line, [])
                for u in same:
                    lines[u.chain.line].append(chain.line)
                continue
            i = member(q)
            if i is not None and not i.letter and templates.get((i.family, i.layer)):
                part.instances.append(
                    Instance(chain, tuple(templates[i.family, i.layer]), i.step, i.glued)
                )
                for u in templates[i.family, i.layer]:
                    lines[u.chain.line].append(chain.line)


def _numbers_for_symbols(formula: Expr, link: Expr) -> bool:
    """Whether ``link`` is ``formula`` with numbers written for some of its symbols (``0.9 ·
    m_{t-1} + 0.1 · g_t`` for ``β1 m_{t-1} + (1 − β1) g_t``; a name for a name, g_t for
    ∇L(θ_t), is another name), and nothing else changed: not another formula for it."""
    numbers = False
    pending = [(formula, link)]
    while pending:
        f, n = (ungrouped(x) for x in pending.pop())
        if f == n:
            continue
        if (
            isinstance(f, Call)
            and isinstance(n, Call)
            and f.fn == n.fn
            and (len(f.args) == len(n.args))
        ):
            pending.extend(zip(f.args, n.args))
        elif names_in(f) and not names_in(n):
            numbers = True
        elif not (isinstance(f, Name) and isinstance(n, Name)):
            return False
    return numbers
