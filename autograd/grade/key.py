"""The key as the reference: what a submission is graded against, and whose names it uses.

From the problem (givens and formulas) or a worked key, ``solve`` computes every quantity a
student is asked for, each with its kind of step (forward pass, loss, local derivative,
chain rule, update, after the step). A student's names are matched to the key's:

1. by name (``w_1`` is ``w1``), after the rubric's aliases (``E = "L"``) and the student's
   own loss renamed to the key's (the top of the derivatives the student takes by the key's
   parameters that the key has no other use for), on both sides of a derivative: ``dE/dw5``
   is ``∂L/∂w5``;
2. else by the quantity's place in the graph: a name the key lacks whose exact value is the
   value of exactly one unmatched key quantity of the same sort (value or derivative), and
   no other name has it (``out_h1`` is ``h1``). The value is the student's formula computed
   at the key's givens (``placed``): a given copied wrong moves every number of the sheet,
   not the place of a quantity in the graph. A value that still differs (the student's
   formula is not the key's) is placed by what its formula reads: ``out_h1 = σ(out_s1)``
   is the key's ``h1 = tanh(s1)`` once ``out_s1`` is ``s1``, when no other quantity reads
   just that (``reads``).

>>> key = Reference.from_text("x = 2, w = 0.5, b = -1, y = 0\\nz = w x + b\\nL = ½(y − z)^2")
>>> [(q.name, q.kind) for q in key.parts[0].quantities][:4]
[('z', 'forward'), ('L', 'loss'), ('∂L/∂z', 'local'), ('∂z/∂w', 'local')]
>>> key.parts[0].names({"∂E/∂w": 0.0, "E": 0.0, "z": 0.0}, {})["∂E/∂w"]
'∂L/∂w'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["KeyPart", "Quantity", "Reference", "derivative_sides", "formula_reads", "key_name"]

_SECTIONS = {"forward pass": "forward", "local derivatives": "local", "updates": "update",
             "after the step": "after"}  # fmt: skip
_DERIVATIVE = re.compile(r"^∂(.+)/∂(.+)$")
_CLOSE = 1e-9  # two exact values closer than this (relative) are one quantity's
_SUBSCRIPT = re.compile(r"_\{?(\d+)\}?")  # a numeric subscript written out: w_1, w_{1}
_TYPED_DERIVATIVE = re.compile(r"[d∂]([^/\s]+)/[d∂]([^/\s]+)")  # dL/dw as ∂L/∂w


@dataclass(frozen=True)
class Quantity:
    """One quantity the key asks for: its name, kind of step, exact value and key number."""

    name: str
    kind: str
    exact: float
    written: str


@dataclass
class KeyPart:
    """One part of the key: its name, loss, givens and the quantities it asks for."""

    name: str
    title: str
    loss: str
    givens: dict[str, float]
    parameters: list[str]
    quantities: list[Quantity] = field(default_factory=list)
    reads: dict[str, frozenset[str]] = field(default_factory=dict)  # what each formula reads

    def __post_init__(self) -> None:
        self._by_name = {q.name: q for q in self.quantities}

    def quantity(self, name: str) -> Quantity | None:
        return self._by_name.get(name)

    def given(self, name: str) -> float | None:
        """The problem's value of the given a student calls ``name`` (``w_1`` is ``w1``)."""
        return self.givens.get(name, self.givens.get(_SUBSCRIPT.sub(r"\1", name)))

    def names(self, exact: dict[str, float | None], aliases: dict[str, str],
              reads: dict[str, frozenset[str]] | None = None) -> dict[str, str]:  # fmt: skip
        """The key's name for each of a student's names (``exact``: name → its exact value at
        the key's givens, or None; ``reads``: the names each of the student's formulas
        reads); names the key does not know are left out."""
        known = {**{n: n for n in self._by_name}, **{n: n for n in self.givens}}
        rename = dict(aliases)
        loss = self._student_loss(exact, known)
        # the student's loss is the key's, unless the student writes the key's loss's name
        # too: a key whose loss is z, and a sheet that goes on from z to L (its z was marked
        # with L's value, 0.06278 for 0.6000, as two names went to one)
        if loss and loss not in known and loss not in rename and self.loss not in exact:
            rename[loss] = self.loss
        out: dict[str, str] = {}
        for name in exact:
            key = _renamed(name, rename)
            if key not in known:  # w_1 is w1, as the LaTeX reader reads w_{1}
                key = _renamed(_SUBSCRIPT.sub(r"\1", name), rename)
            if key in known:
                out[name] = key
        self._by_place(exact, out, rename, known, reads or {})
        return out

    def _student_loss(self, exact: dict[str, Any], known: dict[str, str]) -> str | None:
        """The top of the derivatives the student takes by the key's parameters, most often,
        that is the top of the graph: never differentiated by, and not one of the key's other
        quantities (``∂z/∂w1`` and ``∂out_z/∂w1`` are local derivatives)."""
        sides = [s for n in exact if (s := derivative_sides(n))]
        inner = {bottom for _, bottom in sides}
        tops = Counter(top for top, bottom in sides if bottom in self.parameters
                       and top not in inner and (top not in known or top == self.loss))
        return tops.most_common(1)[0][0] if tops else None

    def placed(self, sheet: Any) -> dict[str, float]:
        """Each quantity a student's part (an audit ``Part``) defines, computed at the key's
        givens: where the student's formula puts it in the graph, whatever numbers the sheet
        started from. A quantity that cannot be computed there is left out."""
        from ..audit.recompute import Model

        try:
            mine = Model(sheet).givens
            model = Model(sheet, {n: v for n, v in self.givens.items() if n in mine})
        except Exception:  # untrusted input: no placing, the names alone
            return {}
        out = {}
        for chain in sheet.chains:
            name = _name(chain.quantity)
            if name in out or name in mine:
                continue
            try:
                out[name] = model.value(chain.quantity)
            except Exception:  # not computed from the givens here: left to its name
                continue
        return out

    def _by_place(self, exact: dict[str, float | None], out: dict[str, str], rename: dict[str, str],
                  known: dict[str, str], reads: dict[str, frozenset[str]]) -> None:  # fmt: skip
        """Values first (by value, then by what they read), then derivatives renamed through
        them, then derivatives by value."""
        for derivatives in (False, True):
            taken = set(out.values())
            left = [q for q in self.quantities
                    if q.name not in taken and bool(derivative_sides(q.name)) == derivatives]
            names = [n for n in exact if n not in out and bool(derivative_sides(n)) == derivatives
                     and exact[n] is not None]  # fmt: skip
            for name in names:
                same = [q for q in left if _close(exact[name], q.exact)]
                rivals = [n for n in names if _close(exact[n], exact[name])]
                if len(same) == 1 and len(rivals) == 1:
                    out[name] = same[0].name
            if not derivatives:
                self._by_reads(out, reads, known)
            if not derivatives:  # ∂E/∂out_h1 is ∂L/∂h1 once out_h1 is h1
                plain = {**rename, **{n: k for n, k in out.items() if not derivative_sides(n)}}
                for name in exact:
                    key = _renamed(name, plain)
                    if name not in out and key in known:
                        out[name] = key


    def _by_reads(self, out: dict[str, str], reads: dict[str, frozenset[str]],
                  known: dict[str, str]) -> None:  # fmt: skip
        """Each student's value the key lacks whose formula reads, names matched, just what
        one unmatched key formula reads and no other of the student's; again while any is
        found (out_s1 placed, then out_h1 through it)."""
        found = True
        while found:
            found = False
            taken = set(out.values())
            left = {n: r for n, r in self.reads.items() if n not in taken}
            mine = {}
            for name, names in reads.items():
                mapped = {out.get(n, n) for n in names}
                if name not in out and not derivative_sides(name) and mapped <= known.keys():
                    mine[name] = frozenset(mapped)
            for name, mapped in mine.items():
                same = [n for n, r in left.items() if r == mapped]
                if len(same) == 1 and list(mine.values()).count(mapped) == 1:
                    out[name], found = same[0], True
                    del left[same[0]]


def formula_reads(part: Any) -> dict[str, frozenset[str]]:
    """The names (not derivatives) each quantity's formula reads, in an audit ``Part``; none
    for a part the engine cannot model."""
    from ..audit.recompute import Model
    from ..audit.worksheet import names_in

    try:
        definitions = Model(part).definitions
    except Exception:  # untrusted input: no formulas to place by
        return {}
    return {name: frozenset(n for n in names_in(e) if not n.startswith("∂"))
            for name, (e, _) in definitions.items()}  # fmt: skip


@dataclass
class Reference:
    """Every part of the key, solved."""

    source: str
    parts: list[KeyPart]

    def quantity_names(self) -> list[str]:
        """The name of every quantity the key asks for, in its order, once each (a rubric
        names them without a part's prefix, for every part that has one)."""
        return list(dict.fromkeys(q.name for p in self.parts for q in p.quantities))

    @classmethod
    def from_file(cls, path: str | Path) -> Reference:
        """The key of the problem (or worked key) at ``path``: .txt, .md, .toml or .json."""
        from ..audit import read

        return cls._from_sheet(read(path))

    @classmethod
    def from_text(cls, text: str, markdown: bool = False) -> Reference:
        from ..audit.read_latex import read_markdown
        from ..audit.read_text import read_text

        return cls._from_sheet((read_markdown if markdown else read_text)(text, "key"))

    @classmethod
    def _from_sheet(cls, sheet: Any) -> Reference:  # an audit Worksheet
        from ..audit import InputError, part_name
        from ..audit.solve import solve_part

        if not sheet.parts:  # else every student is graded 0 of 0
            raise InputError(f"{sheet.source}: nothing in it reads as a problem to grade against")
        parts = []
        for i, part in enumerate(sheet.parts):
            key = solve_part(part, digits=4, carry="exact")
            quantities = []
            for line in key.lines:
                name = _name(line.quantity)
                kind = _SECTIONS.get(line.section, "chain")
                if kind == "forward" and name == key.loss:
                    kind = "loss"
                quantities.append(Quantity(name, kind, line.exact, line.result))
            givens = {n: float(Decimal(t.replace("−", "-"))) for n, t in key.givens.items()}
            parts.append(KeyPart(part_name(part, i), key.title, key.loss, givens,
                                 list(key.parameters), quantities, formula_reads(part)))
        return cls(sheet.source, parts)


def key_name(text: str) -> str:
    """A quantity's name as the key writes it, from how a teacher types it in a rubric or an
    overrides file: ``dL/dw_1`` is ``∂L/∂w1``; a part's prefix (``b: ``) is kept.

    >>> key_name("dL/dw_1"), key_name("b: dE/dh1"), key_name("w1'")
    ('∂L/∂w1', 'b: ∂E/∂h1', "w1'")
    """
    prefix, colon, name = text.strip().rpartition(": ")
    written = _TYPED_DERIVATIVE.fullmatch(name.strip())
    if written:
        name = f"∂{written.group(1)}/∂{written.group(2)}"
    return prefix + colon + _SUBSCRIPT.sub(r"\1", name)


def derivative_sides(name: str) -> tuple[str, str] | None:
    """``("L", "w")`` for ``∂L/∂w``; None for a name that is not a derivative."""
    m = _DERIVATIVE.match(name)
    return (m.group(1), m.group(2)) if m else None


def _renamed(name: str, rename: dict[str, str]) -> str:
    sides = derivative_sides(name)
    if sides:
        top, bottom = sides
        return f"∂{rename.get(top, top)}/∂{rename.get(bottom, bottom)}"
    return rename.get(name, name)


def _name(e: object) -> str:
    from ..audit.worksheet import show

    return show(e)  # type: ignore[arg-type]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_CLOSE, abs_tol=1e-12)
