"""Judging a worksheet link by link: formulas, substituted numbers, arithmetic and results.

For a chain ``quantity = formula = numbers = result``:

- a **formula** is right when it equals the quantity at the givens and with every given
  moved a little: a formula, not a coincidence of these numbers (a definition is not judged:
  it defines; an update's formula is a claim about this step). A false one that reads right
  another way (``∂L/∂a = ½(y − a)²``: the ``∂/∂a`` not written) is *not understood*, with
  that reading, never an error;
- **numbers substituted** into the formula before them are paired with its symbols (same
  shape, brackets aside, factors in any order): each number is judged as that symbol's value,
  so ``0.3627`` written where ``a2`` belongs is caught on its line. Where the shapes differ, the
  numbers' value is judged against the quantity at the precision they were written with;
- a **result** is judged against the exact value and against what the numbers substituted on
  its line give: "rounding" then means it follows from the numbers the writer used.

>>> from autograd.audit.read_text import read_text
>>> sheet = read_text("x = -2, y = 5, z = -4\\nq = x + y = 3\\nf = q·z = 3 · (−4) = −12")
>>> [(c.quantity, c.written, c.verdict) for c in judge(sheet.parts[0]).checks][3:]
[('q', '3', 'match'), ('q', '3', 'match'), ('z', '−4', 'match'), ('f', '−12', 'match')]
"""

from __future__ import annotations

import math
import operator
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ..numtext import number_text
from . import targets
from .general import Template, instantiated
from .identities import symbolic
from .own import Own, untainted_first
from .recompute import (
    Model,
    Unknown,
    bindings,
    close,
    is_formula,
    names_then_number,
    orderings,
    own_name,
    within,
)
from .repeated import beyond, copied
from .slips import Context, formula_case, number_case, numbers_case, tell
from .verdict import agrees, agrees_between, agrees_near, shown, verdict
from .worksheet import (
    CONTINUED,
    Call,
    Chain,
    Derivative,
    Expr,
    Name,
    Num,
    Part,
    Unread,
    exponents,
    names_in,
    numbers_in,
    reads_names,
    replaced,
    show,
    ungrouped,
    written_on,
)

__all__ = [
    "CONTINUES_BACK", "FUNCTION_POINTS", "NOTE_READINGS", "PAIRING_DEPTH", "SHIFT", "Check",
    "Judged", "judge",
]  # fmt: skip

_BLANK = re.compile(r"_{3,}")  # ___: where an exercise leaves the answer to the reader
#: Where a function's formula is compared with the function (σ(x) = 1/(1 + e^−x)): points
#: on both sides of 0 and off it, where ReLU's kink and any constant's coincidence are not.
FUNCTION_POINTS = ("-1.3", "0.4", "2.2")


@dataclass
class Check:
    """One judged link: what was written, the exact value, the value from the writer's own
    numbers, the verdict and, for an error, the slip that explains it."""

    line: int
    quantity: str
    written: str
    exact: float | None
    from_written: float | None
    verdict: str
    diagnosis: str = ""
    kind: str = "result"  # formula, substitution, arithmetic, result, given, constant
    slip: str = ""  # the kind of slip the diagnosis tells (slips.SLIPS), if one fits
    origin: int | None = None  # carried: the line of the error it follows from

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "quantity": self.quantity,
            "written": self.written,
            "kind": self.kind,
            "exact": self.exact,
            "from_written": self.from_written,
            "verdict": self.verdict,
            "diagnosis": self.diagnosis,
            "slip": self.slip,
            "origin": self.origin,
        }


@dataclass
class Judged:
    part: Part
    model: Model
    checks: list[Check] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    numbers: int = 0  # how many numbers the part writes in equations
    writer: Own | None = None  # the writer's own numbers, as the judge left them


#: How far each given is moved to tell a formula from a coincidence of these numbers: the
#: k-th given by SHIFT·k (1.37 %, 2.74 %, …). Far above the tolerance (1e-9), small enough to
#: stay inside every function's domain, and no round number, so that givens equal here
#: (w1 = w7 = 1) move apart and do not land on one another's moved values.
SHIFT = 0.0137
#: A line beginning with "=" continues one of this many lines before it: an aligned
#: derivation's steps stand together; further back, a fit would be a coincidence.
CONTINUES_BACK = 6
#: How deep numbers substituted for a symbol are followed into that symbol's own formula
#: (∂L/∂w = (a − y)·σ′·x with σ′ written out as 0.88(1 − 0.88)): a hand-written line nests
#: two levels at most; deeper pairings multiply the orderings tried.
PAIRING_DEPTH = 3
_COUNTS = ("n", "N", "m")  # givens that count samples (m: examples, as 1/m writes it): not moved
#: A wrong result that repeats a number from inside its line is a note written beside it (the
#: seed's w7' = 1 − 0.1(0.8807 × 0.0248 × −0.025) = 0.0248) when no slip explains it, or only
#: "another value" (which the note is); a slip that does (a sign dropped, a product not taken:
#: = 0.2 + (−0.1) = −0.1, = −0.1461(0.1) = −0.1461) is reported.
NOTE_READINGS = ("", "another value")


class _Moved:
    """The part with every given moved a little (the k-th by ``SHIFT``·k; a zero stays zero,
    so what a zero input makes true stays true), to tell a formula from a coincidence of
    these numbers (∂z/∂a1 = w1 where w1 = w7 = 1). Built once, when first asked."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._moved: Model | None = None

    def _at(self) -> Model:
        if self._moved is None:
            kept = _distributions(self.model.givens)
            moved = {  # the count of samples stays a count, a distribution one
                n: v if n in _COUNTS or n in kept else v * (1 + SHIFT * (k + 1))
                for k, (n, v) in enumerate(self.model.givens.items())
            }
            self._moved = Model(self.model.part, moved)
        return self._moved

    def holds(self, q: Expr, link: Expr) -> bool:
        """Whether ``q = link`` holds with the givens moved: a formula. An update's formula
        is a claim about this step (b' = b where the gradient is 0), taken as such."""
        if isinstance(q, Name) and q.name.endswith("'"):
            return True
        if any(map(self.model.is_loose, names_in(link))):
            return True  # σ'(z1) with z1 = 0.5 written and read by no formula: not movable
        try:
            return close(self._at().value(q), self._at().value(link))
        except (Unknown, ArithmeticError, ValueError):
            return True  # not computable there: judged at the givens alone

    def coincidence(self, q: Expr, link: Expr) -> str:
        """Why a formula equal to ``q`` here is still wrong, naming the given that ``q`` is
        where one is (∂z/∂a1 is w7, not w1: both 1 here)."""
        moved = self._at()
        right = moved.value(q)
        for name, v in moved.givens.items():
            if close(v, right) and Name(name) != link:
                return f"{show(q)} is {name}, not {show(link)}: equal here only by their values"
        return f"equal here only by the givens' values; in general {show(link)} is not {show(q)}"


_WORD = re.compile(r"[A-Za-z]{2,}")


def _words(q: Expr) -> str:
    """The words of ``q`` where it is a sentence read as a product (three or more words of
    two letters or more: ``But · the · answer``), else ""."""
    q = ungrouped(q)
    if not (isinstance(q, Call) and q.fn == "mul"):
        return ""
    words = [f.name for f in q.args if isinstance(f, Name) and _WORD.fullmatch(f.name)]
    if len(words) < 3:
        return ""
    return " ".join(words[:4]) + (" …" if len(words) > 4 else "")


def _distributions(givens: dict[str, float]) -> set[str]:
    """The givens that make up a distribution: two or more components of one vector
    (``Y1, Y2``; ``y_1, y_2, y_3``) that are not negative and sum to 1, as a one-hot label
    does. Moved apart they would sum to 1 no longer, and a formula that holds for every
    distribution (∂J/∂z = ŷ − y under softmax and cross-entropy) would seem a coincidence."""
    vectors: dict[str, list[str]] = {}
    for name in givens:
        stem = re.fullmatch(r"(.*?[^\d_])_?\d+(⁽\w+⁾)?", name)
        if stem:
            vectors.setdefault(stem.group(1) + (stem.group(2) or ""), []).append(name)
    return {
        n
        for names in vectors.values()
        if len(names) > 1
        and all(givens[n] >= 0 for n in names)
        and abs(sum(givens[n] for n in names) - 1) < 1e-9
        for n in names
    }


class _Marks:
    """What the judge writes on a part: a check for each link it judges, a line for each it
    does not understand, and which numbers those cover, so that none goes unmarked."""

    def __init__(self, out: Judged) -> None:
        self.out = out
        self.as_written: dict[int, Expr] = {}  # a number in scientific notation, as written
        self.covered: set[int] = set()  # the numbers judged so far, by identity
        # each result judged right so far, by the number written: what a later copy of the
        # number in a sum of numbers stands for (7.389 + 2.718 = …, after e^2.0 = 7.389)
        self.results: dict[Decimal, tuple[str, float | None]] = {}

    def add(
        self,
        line: int,
        q: Expr | str,
        written: Expr | str,
        exact: float | None,
        own: float | None,
        judged: str,
        why: str | tuple[str, str] = "",
        kind: str = "result",
        origin: int | None = None,
    ) -> None:
        quantity = q if isinstance(q, str) else show(q)
        line = written_on(written, line)  # a matrix's entry: on its row
        if isinstance(written, str):
            text = written
        else:  # a number in scientific notation is quoted as written
            text = show(self.as_written.get(id(written), written))
        if not isinstance(written, str):
            self.cover(written)
        slip, why = why if isinstance(why, tuple) else ("", why)
        if judged == "carried":
            why = why or f"follows from line {origin}"
        if kind == "result" and judged == "match" and isinstance(written, Num):
            self.results.setdefault(written.value, (quantity, exact))
        self.out.checks.append(
            Check(line, quantity, text, exact, own, judged, why, kind, slip, origin)
        )

    def unread(self, chain: Chain, reason: str) -> None:
        self.out.unread.append(Unread(chain.line, chain.source, reason))
        for link in chain.links:
            self.cover(link)

    def cover(self, e: Expr) -> None:
        """Count ``e``'s numbers as judged (or listed as not understood)."""
        self.covered.update(map(id, numbers_in(e)))

    def missed(self, chains: list[Chain]) -> None:
        """Each number of ``chains`` not judged, listed: nothing is silently dropped."""
        for chain in chains:
            numbers = [n for link in chain.links for n in numbers_in(link)]
            missed = [n.text for n in numbers if id(n) not in self.covered]
            if missed:
                self.unread(chain, f"not judged: {', '.join(missed)}")

    def number(self, link: Expr) -> Expr:
        """``link`` with each number written in scientific notation (``−4.24 × 10^−5``) as
        the one number it is."""
        if not isinstance(link, Call):
            return link
        if link.fn == "mul" and len(link.args) == 2:
            m, power = link.args
            if (
                isinstance(m, Num)
                and isinstance(power, Call)
                and power.fn == "pow"
                and power.args[0] == Num("10")
                and isinstance(power.args[1], Num)
                and power.args[1].exact
            ):
                self.cover(link)
                number = Num(f"{m.text}e{power.args[1].text}")
                self.as_written[id(number)] = link  # quoted as written: 5.57 · 10^−4
                return number
        args = tuple(self.number(a) for a in link.args)
        return link if args == link.args else Call(link.fn, args)


class _Judge:
    def __init__(self, part: Part, model: Model) -> None:
        self.model = model
        self.marks = _Marks(Judged(part, model, unread=list(part.unread)))
        self.writer = Own(model)  # the writer's own numbers, as they are written
        self.moved = _Moved(model)  # the part with its givens moved, for identities
        self.unsound = False  # the numbers link being judged holds a wrong number
        self.n = model.givens.get("n")
        # what a slip may have put in a quantity's place (the writer's numbers among it)
        self.context = Context(model, self.writer.results)
        self.recent: deque[Chain] = deque(maxlen=CONTINUES_BACK)  # what "= …" may continue
        self.templates: dict[int, str] = {}  # the general formulas an instance judged: why
        self.valueless: set[int] = set()  # lines of instances of no value, judged as formulas
        # numbers alone written as one number (e^−0.3775 as 0.68566): the number, with the
        # lines of the errors it holds
        self.worked: dict[str, tuple[float, set[int]]] = {}
        self.taint: set[int] = set()  # the lines of the errors the line's numbers follow from
        # the values each number put in a symbol's place stands for, by identity: the
        # symbol's exact value and the writer's own (the digits they may have carried)
        self.stands_for: dict[int, list[float]] = {}
        self.quantities = {*model.givens, *model.definitions}  # the names with a value
        # the names some formula reads (∂E/∂h2 reads E and h2)
        self.read = {piece for c in (*part.front, *part.chains) for link in c.links[1:]
                     for n in names_in(link) for piece in re.split(r"/?∂", n)}  # fmt: skip

    # ---- values ----------------------------------------------------------------------

    def exact(self, e: Expr) -> float:
        return self.model.value(e)

    def target_not_distribution(self, chain: Chain, k: int, t: list[Num], sure: bool) -> None:
        """A cross-entropy written out whose target is no distribution (``targets``): an
        error on its line where another row's target is one, else not understood; what is
        worked from it after is not judged, since the target meant is not written."""
        at = chain.at(k).line
        why = f"the target of a cross-entropy is a distribution: {targets.slip(t)}"
        if sure:
            self.marks.add(at, chain.quantity, chain.links[k], None, None, "error", why,
                           kind="formula")  # fmt: skip
        else:
            self.marks.out.unread.append(Unread(at, show(chain.links[k]), why + " (counts of "
                                                "a batch?): not judged"))  # fmt: skip
            self.marks.cover(chain.links[k])
        for n, link in enumerate(chain.links[1:], 1):
            if n != k:
                self.marks.out.unread.append(Unread(chain.at(n).line, show(link), (
                    f"its cross-entropy's target on line {at} is no distribution: the target "
                    "meant is not written")))  # fmt: skip
                self.marks.cover(link)

    def chain(self, chain: Chain) -> None:
        turned = isinstance(chain.quantity, Num) and not isinstance(chain.links[-1], Num)
        if turned:  # 0.25 = 0.5 × 0.5, 0.1412 = f'(Ik): a number, then what it is the value
            # of: read from the right, as the same equalities
            chain = replace(chain, links=chain.links[::-1], link_lines=chain.link_lines[::-1])
        q = chain.quantity
        if self._symbolic(chain):  # m1 = 0.1·g1 with g1 never given: an identity in g1
            return None
        links = [self.marks.number(link) for link in chain.links[1:]]
        whole = chain
        if q == CONTINUED:
            q = self._continues(chain)
            if q is None:
                why = "begins with '=' and continues no earlier line it fits"
                self.marks.unread(chain, why)
                return self._worked_apart(chain)  # = −log(0.659) ≈ 0.417: still holds or not
        # e^{z1} = e^{0.235} = 1.2649, −log(0.9) = 0.105: a left side that is an expression
        # is a formula of its own, judged as a quantity, and the numbers after it go into it
        named = isinstance(q, Name) or (isinstance(q, Derivative) and q.of is None)
        try:
            x = self.exact(q)
        except (Unknown, ArithmeticError, ValueError) as why:
            if self._defines_function(chain) or self._letter_instance(chain):
                return None
            if self._follows(chain) is not None:  # dW⁽3⁾ = (1/m) dZ⁽3⁾ A⁽2⁾^T: judged as the
                self.valueless.add(chain.line)  # general formula at l = 3 (general), its
                return self._worked_apart(whole)  # numbers worked as written
            not_named = f"the left side {show(q)} is not the name of a quantity"
            if _words(q):  # But the answer should be d1 = −0.0353
                not_named = f"words of a sentence before the '=' ({_words(q)}), not maths"
            if turned:
                not_named = f"the right side {show(q)}: {why}"
            self.marks.unread(chain, str(why) if named else not_named)
            return self._worked_apart(whole)
        if isinstance(q, Num):
            why = f"the left side {show(q)} is not the name of a quantity"
            return self.marks.unread(chain, why)
        if self.model.partial_taken(q):  # ∂E_o2/∂out_h1 = −0.019: the page's word, a given
            self.marks.add(chain.line, q, links[0], x, None, "given", "", "given")
            return None
        formula = self.writer.definition_of(q) if named else q
        if not named and whole.quantity != CONTINUED:  # its numbers stand on the line before
            self._operands(chain, q, x)
        self.taint = set()
        numbers_value: float | None = None
        numbers_link: Expr | None = None
        defining = self.model.definitions.get(q.name, (None,))[0] if isinstance(q, Name) else None
        # w1 = w2 = 1: each name is given the number (w1' = w1 = 1 still claims w1' = w1)
        run = names_then_number(whole) and isinstance(q, Name) and self.model.is_leaf(q.name)
        for i, link in enumerate(links, start=1):
            chain = whole.at(i)  # a row of an aligned block reports its own line
            if isinstance(link, Name) and _BLANK.fullmatch(link.name):  # = ___ (an exercise)
                self.marks.unread(chain, "a blank the exercise leaves to fill in")
                continue
            try:
                if run and isinstance(link, Name) and self.model.is_leaf(link.name):
                    if self._is_first_given(link.name, whole):
                        self.marks.add(chain.line, link, whole.links[-1], self.exact(link), None,
                                 "given", "", "given")  # fmt: skip
                elif isinstance(q, Name) and link is self._misnamed(q.name):  # u = x*y, no y
                    why = self.model.misnamed[q.name].why
                    self.marks.add(chain.line, q, link, None, None, "error", why, "formula")
                    self.taint.add(chain.line)
                    formula = defining
                elif link is defining:  # what defines the quantity is not judged: it defines
                    self.marks.cover(link)
                    why = copied(link, self.quantities, self.read)
                    if why:  # y1 = w5·h1 + w6·h1 with h2 unused: an index copied
                        self.marks.add(chain.line, q, link, None, None, "error", why, "formula")
                    formula = link
                    if not is_formula(link) and not names_in(link):  # x = 2 · 3: its value
                        numbers_value, numbers_link = self.exact(link), link
                    if not reads_names(link):  # its numbers are the page's own: givens
                        self.marks.add(chain.line, q, link, self.exact(link), None, "given", "",
                                       "given")  # fmt: skip
                        self._copies(chain, link)  # or copies of results: judged as them
                    elif numbers_in(link) and not why and not whole.inferred:  # b1 · 1, ½(…)²
                        self._constants(chain, link, link, numbers_in(link))
                elif is_formula(link):
                    judged = self.formula(chain, q, link, x)
                    if judged == "error":  # what follows on the line follows from it
                        self.taint.add(chain.line)
                    if judged in ("match", "error"):
                        formula = link  # the numbers that follow are substituted into it
                    if judged == "match":
                        self.writer.formulas.setdefault(own_name(q), link)
                elif isinstance(link, Num):
                    sound = None if self.unsound else numbers_value
                    self.result(chain, q, link, x, sound, numbers_link, numbers_value, formula)
                else:
                    self.unsound = False
                    value = self.numbers(chain, q, link, x, formula, numbers_value)
                    numbers_value, numbers_link = value, link
            except (Unknown, ArithmeticError, ValueError) as why:
                self.marks.unread(chain, f"{show(link)}: {why}")
        if whole.bound is not None:
            self._compared(whole, q, x)

    def _compared(self, chain: Chain, q: Expr, x: float) -> None:
        """The comparison ``chain`` ends in (``z1 = 0.5 > 0``): a claim about the quantity,
        judged by its value; where it fails for the value but holds for the number written
        for it, which is wrong, it follows from that number (one slip, one error). A value at
        the bound but for the float's last digits (0.1 + 0.2 against 0.3) is at it: ≥ and ≤
        hold, > and < not."""
        relation, bound = chain.bound or ("", Num("0"))
        at = float(bound.value)

        def holds(value: float) -> bool:
            return relation in "≥≤" if close(value, at) else _COMPARED[relation](value, at)

        if holds(x):
            judged, why = "match", ""
        elif isinstance(last := chain.links[-1], Num) and holds(float(last.value)):
            judged, why = "carried", f"follows from {show(q)} = {last.text} on its line"
        else:
            judged, why = "error", f"{show(q)} is {shown(x)}: not {relation} {bound.text}"
        written = f"{relation} {bound.text}"
        origin = chain.line if judged == "carried" else None
        self.marks.add(chain.line, q, written, x, None, judged, why, origin=origin)

    def general(self, chain: Chain, before: int) -> None:
        """After an instance of a general formula (``general``), judged against it: the
        template's own numbers (the 1 of ``1 − β``) judged by it, where none of the
        instance's numbers is wrong (a wrong one is the instance's error, told on its line)."""
        q = chain.quantity
        found = self.model.instances.get(q.name) if isinstance(q, Name) else None
        if found is None:
            return self._symbolic_instance(chain, before)
        inst, t = found
        at = f" at {t.letter} = {t.at(inst.value or 0)}"
        differ: list[tuple[Num, Num]] = []  # a number of the formula's own written as another
        numbers = next((k for k in chain.links[1:] if not reads_names(k)), None)
        if numbers is not None:
            bindings(self.model.definitions[q.name][0], numbers, constants=differ)
        if differ:
            said = ", ".join(f"{n.text} where it writes {f.text}" for f, n in differ)
            for c in self.marks.out.checks[before:]:
                if c.verdict == "error" and c.line == chain.line:
                    c.diagnosis = (f"the general formula of line {t.chain.line}{at} does not "
                                   f"hold: {said}")  # fmt: skip
                    break
        self._template_judged(chain, t, at, before)

    def _follows(self, chain: Chain) -> tuple[Expr, int, list[tuple[Template, list]]] | None:
        """Where ``chain`` is a numbered instance written with a formula of its own
        (``dW⁽3⁾ = (1/m) dZ⁽3⁾ A⁽2⁾^T`` after ``dW⁽l⁾ = (1/m) dZ⁽l⁾ A⁽l-1⁾^T``): the formula,
        its member's number, and each template it is at that index but for numbers of the
        template's own written otherwise (the template's, the line's: none where it follows
        it), those it follows first (dW⁽l⁾ and dW⁽L⁾ alike)."""
        q = chain.quantity
        if isinstance(q, Name) and q.name in self.model.instances:
            return None
        inst = next((i for i in self.model.part.instances if i.value is not None
                     and i.chain.line == chain.line and i.chain.quantity == q), None)  # fmt: skip
        link = next((k for k in chain.links[1:] if reads_names(k) and is_formula(k)), None)
        if inst is None or inst.value is None or link is None:
            return None
        fits: list[tuple[Template, list]] = []
        for t in inst.templates:
            try:
                formula = instantiated(t.formula, t.letter, t.at(inst.value), inst.glued)
            except ValueError:
                continue
            differ: list[tuple[Num, Num]] = []
            if bindings(formula, link, constants=differ) == []:  # the same names, same shape
                fits.append((t, differ))
        fits.sort(key=lambda fit: bool(fit[1]))
        return (link, inst.value, fits) if fits else None

    def _symbolic_instance(self, chain: Chain, before: int) -> None:
        """An instance written as a formula (``_follows``): its formula judged as the
        template's at its index, where nothing judged it (a quantity of no value); a number
        of the template's written otherwise an error on its line; else the template judged."""
        found = self._follows(chain)
        if found is None:
            return
        link, value, fits = found
        for k, (t, differ) in enumerate(fits):
            at = f" at {t.letter} = {t.at(value)}"
            own = f"the general formula of line {t.chain.line}{at}"
            if differ and k == 0:  # it follows none: the first it would, but for its numbers
                said = ", ".join(f"{n.text} where it writes {f.text}" for f, n in differ)
                self.marks.add(chain.line, chain.quantity, link, None, None, "error",
                               f"{own} does not hold: {said}", "formula")  # fmt: skip
                return
            if differ:
                return
            if k == 0 and chain.line in self.valueless:  # of no value here: the template's
                self.marks.add(chain.line, chain.quantity, link, None, None, "match", own,
                               "formula")  # fmt: skip
            self._template_judged(chain, t, at, before)

    def _template_judged(self, chain: Chain, t: Template, at: str, before: int) -> None:
        """The checks of an instance of ``t`` (``at``: where) from ``before`` on: each wrong
        number told as what it stands for in the template; none wrong, the template judged."""
        checks = self.marks.out.checks[before:]
        wrong = [c for c in checks if c.verdict == "error"]
        for c in wrong:  # the number is wrong as what it stands for in the general formula
            if c.kind == "substitution" and "general formula" not in c.diagnosis:
                c.diagnosis += f" (in the general formula of line {t.chain.line}{at})"
        if wrong or not checks or t.chain.line in self.templates:
            return
        why = (f"the general formula over {t.letter}, judged by its instance{at} "
               f"(line {chain.line})")  # fmt: skip
        self.templates[t.chain.line] = why
        self.marks.add(t.chain.line, t.chain.quantity, t.formula, None, None, "match", why,
                       "formula")  # fmt: skip

    def _letter_instance(self, chain: Chain) -> bool:
        """A general formula written again with numbers for some of its symbols (``m_t =
        0.9 · m_{t-1} + 0.1 · g_t`` after ``m_t = β1 m_{t-1} + (1 − β1) ∇L(θ_t)``): each
        number judged as the symbol it stands for, a symbol the page gives no value taken as
        the line writes it (β1 = 0.9: the formula with β1 = 0.9, and 0.1 judged as 1 − β1).
        False where the chain is no such instance, or its numbers do not fit the formula."""
        inst = next((i for i in self.model.part.instances if i.value is None
                     and i.chain.line == chain.line and i.chain.quantity == chain.quantity),
                    None)  # fmt: skip
        link = chain.links[1] if len(chain.links) > 1 else None
        found = next(((t, p) for t in (inst.templates if inst else ())
                      if (p := bindings(t.formula, link))), None)  # fmt: skip
        if found is None:
            return False
        t, pairs = found
        taken: dict[Expr, Num] = {}
        for sym, sub in pairs:
            if isinstance(sym, Name) and isinstance(sub, Num) and sym.name not in self.quantities:
                taken.setdefault(sym, sub)
        for sym, sub in pairs:
            if not reads_names(sub) and not (set(names_in(sym)) - {n.name for n in taken}) <= (
                self.quantities
            ):
                return False  # a part of no value written as a number, not a symbol's
        before = len(self.marks.out.checks)
        written = {id(n) for _, sub in pairs for n in numbers_in(sub)}
        for sym, sub in pairs:
            if reads_names(sub):  # g_t for ∇L(θ_t): another name, as the page writes it
                continue
            if taken.get(sym) is sub:
                why = f"{show(sym)} of the general formula (line {t.chain.line}), as written here"
                self.marks.add(chain.line, sym, sub, float(sub.value), None, "given", why,
                               "given")  # fmt: skip
                continue
            for name, number in taken.items():
                sym = replaced(sym, name.name, number)
            self._substitution(chain, sym, sub)
        own = [n for n in numbers_in(link) if id(n) not in written]  # the 1 of 1 − 0.9^t
        if own:
            self._constants(chain, t.formula, link, own)
        self.marks.cover(link)
        self._template_judged(chain, t, " with numbers for its symbols", before)
        return True

    def templates_judged(self) -> None:
        """A general formula judged by an instance in its own part is not also listed as
        not understood for want of values; one whose instances are elsewhere on the page
        says where they are judged."""
        out = self.marks.out
        out.unread = [u for u in out.unread if u.line not in self.templates]
        for k, u in enumerate(out.unread):
            lines = self.model.part.templates.get(u.line)
            if lines and "general formula" in u.reason:
                at = ", ".join(map(str, sorted(set(lines))[:6]))
                why = (f"the general formula, of no value itself: read with the lines written "
                       f"for its members ({at}), judged where one follows it")  # fmt: skip
                out.unread[k] = replace(u, reason=why)

    def _symbolic(self, chain: Chain) -> bool:
        """Judge ``chain`` as steps in symbols the page never gives (``identities``), if it
        is such a line."""
        steps = symbolic(chain, self.model)
        if steps is None:
            return False
        for s in steps:
            line = chain.at(s.index).line
            if s.verdict == "unread":  # holds where the symbols are positive only: said, not judged
                self.marks.out.unread.append(Unread(line, chain.source, s.why))
                continue
            self.marks.add(line, s.quantity, s.written, s.exact, s.own, s.verdict, s.why, s.kind)
        for link in chain.links:
            self.marks.cover(link)
        return True

    def _misnamed(self, name: str) -> Expr | None:
        """The formula written for ``name`` with a letter for another (``misnamed``)."""
        found = self.model.misnamed.get(name)
        return found.written if found is not None else None

    def _worked_apart(self, chain: Chain) -> None:
        """The numbers worked out on a line whose quantity is not (∂J/∂w = (−1 + (−2))/2 =
        −1.5, J given nowhere): each ``=`` among them holds or not by itself, judged from the
        first link of numbers alone on."""
        links = chain.links
        for k in range(1, len(links) - 1):
            if not isinstance(links[k], Num) and not reads_names(links[k]):
                lines = chain.link_lines[k:] if chain.link_lines else ()
                line = lines[0] if lines else chain.line
                return self.chain(Chain(line, chain.source, links[k:], lines))
        return None

    def _operands(self, chain: Chain, q: Expr, x: float) -> None:
        """A left side of numbers alone (``0.2 − 0.4 + 2.8 = 2.6``, ``σ(2) = 1/(1 + e^−2)``,
        ``−log(0.9) = 0.105``) is worked out on the line: its numbers, copies of earlier
        results aside, are the page's own, read as given; each ``=`` after it is judged
        against its value."""
        self.marks.cover(q)
        if reads_names(q):  # (1 − β) = 0.1, 1/(1 − β) = 10: the formula's own constants,
            # read where written: not a table's column header on each row, nor the formula
            # of a function (f'(x) for the f(x) = x³ − 2x defined above) in a derivative's place
            if chain.line not in self.model.part.table_rows and "∂" not in show(q):
                self._constants(chain, q, q, numbers_in(q))
            return
        numbers, copies = numbers_in(q), self._copies(chain, q)
        own = [n for n in numbers if id(n) not in copies]
        powers = exponents(q)  # 1 − 0.25^2 after 0.25 is worked out: the 2 is a power
        rows = {n.line for n in own}
        if len(rows) > 1 and None not in rows:  # (1.0)·(0.2) + (2.0)·(−0.5): X on one row, W
            for row in sorted(rows):  # on the next: each row's numbers read on their line
                texts = ", ".join(n.text for n in own if n.line == row and id(n) not in powers)
                if texts:
                    self.marks.add(row, q, texts, x, None, "given", "", "given")
            return
        written = show(q) if own and len(own) == len(numbers) else ", ".join(
            n.text for n in own if id(n) not in powers)
        if written:
            self.marks.add(chain.line, q, written, x, None, "given", "", "given")

    def _copies(self, chain: Chain, q: Expr) -> set[int]:
        """In a left side, or a definition, of numbers alone (``7.389 + 2.718 + 1.649 =
        11.756``, ``dw = (−200 − 360 − 450)/3``), each number an earlier line wrote as a
        result, right, with the same digits (two at least: not a 1 or a 0.5 that could stand
        for anything) is a copy of that result: judged as it. The ids of those numbers."""
        copies: set[int] = set()
        if reads_names(q):
            return copies
        for n in numbers_in(q):
            if len(n.value.as_tuple().digits) > 1 and n.value in self.marks.results:
                quantity, value = self.marks.results[n.value]
                self.marks.add(chain.line, quantity, n, value, None, "match", "", "substitution")
                copies.add(id(n))
        return copies

    def _defines_function(self, chain: Chain) -> bool:
        """``σ(x) = 1/(1 + e^−x)``: a function the engine knows, on a letter the part gives
        no value, written as a formula of that letter alone. The formula is judged as that
        function at ``FUNCTION_POINTS``; False if the chain is not such a definition."""
        q, links = chain.quantity, chain.links
        if not (isinstance(q, Call) and len(q.args) == 1 and isinstance(q.args[0], Name)
                and len(links) == 2 and is_formula(links[1])):  # fmt: skip
            return False
        letter = q.args[0].name
        if set(names_in(links[1])) - {"e"} != {letter}:
            return False
        try:
            self.exact(Name(letter))
            return False  # a letter with a value: σ(z) is a quantity of the part
        except Unknown:
            pass
        for point in FUNCTION_POINTS:
            try:
                at = Num(point)
                value, formula = self.exact(replaced(q, letter, at)), self.exact(
                    replaced(links[1], letter, at))  # fmt: skip
            except (Unknown, ArithmeticError, ValueError):
                return False
            if not close(value, formula):
                why = (f"at {letter} = {point}, {show(q)} is {shown(value)}, the formula gives "
                       f"{shown(formula)}")  # fmt: skip
                self.marks.add(chain.line, q, links[1], value, formula, "error", why, "formula")
                return True
        self.marks.add(chain.line, q, links[1], None, None, "match", "", "formula")
        return True

    def _continues(self, chain: Chain) -> Expr | None:
        """The quantity of an earlier line (``CONTINUES_BACK`` at most) that this ``= …``
        line fits: its exact value, or what the writer's own numbers give it. Where none fits,
        numbers worked out on the chain it follows, with only ``= …`` lines between, and not
        yet to a number (σ(2) = 1/(1 + e^−2), then = 1/1.1353, then ≈ 0.8708): a wrong step of
        theirs, judged as one; a name has no such claim on it."""
        q = self._fitted(chain)
        if q is not None:
            return q
        for c in reversed(self.recent):
            if c.quantity != CONTINUED:
                break
        else:
            return None
        worked = isinstance(c.quantity, Call) and not reads_names(c.quantity)
        last = self.recent[-1].links[-1]
        return c.quantity if worked and not isinstance(last, Num) else None

    @staticmethod
    def _continuable(q: Expr) -> bool:
        """A name, or numbers worked out (σ(2) = …, then = 1/1.1353 on its own line)."""
        return q != CONTINUED and (isinstance(q, (Name, Derivative)) or not reads_names(q))

    def _fitted(self, chain: Chain) -> Expr | None:
        for c in reversed(self.recent):
            q = c.quantity
            if not self._continuable(q):
                continue
            try:
                values = [self.exact(q), *(v for v, _ in self.writer.owns(q))]
                if any(self._fits(chain.links[1:], x) for x in values):
                    return q
            except (Unknown, ArithmeticError, ValueError):
                continue
        return None

    def _fits(self, links: tuple[Expr, ...], x: float) -> bool:
        """Whether each link could be a step towards ``x`` (a number, from the step before)."""
        before = None
        for link in links:
            if isinstance(link, Num):
                if not (agrees(link.text, x) or (before is not None and agrees(link.text, before))):
                    return False
                continue
            before = self.writer.value(link) if not is_formula(link) else self.exact(link)
            if not within(before, x, self.writer.tolerance(link)):
                return False
        return True

    def formula(self, chain: Chain, q: Expr, link: Expr, x: float) -> str:
        """Judge a formula link: its verdict (``match`` for the definition itself)."""
        if isinstance(q, Name) and self.model.definitions.get(q.name, (None,))[0] is link:
            self.marks.cover(link)
            return "match"  # the definition itself
        try:
            value = self.exact(link)
        except Unknown:
            if self._beyond(chain, q, link, x):
                return "error"
            raise
        if close(value, x) and self.moved.holds(q, link):
            self.marks.add(chain.line, q, link, x, None, "match", "", "formula")
            return "match"
        if close(value, x):
            why = self.moved.coincidence(q, link)
            self.marks.add(chain.line, q, link, x, value, "error", why, "formula")
            return "coincidence"  # right here: what follows is judged as right
        for reading, why in _readings(q, link):
            try:
                if close(self.exact(reading), x) and self.moved.holds(q, reading):
                    text = f"as written it is {shown(value)}, not {show(q)}; {why}"
                    self.marks.add(chain.line, q, link, x, value, "not understood", text, "formula")
                    return "not understood"
            except (Unknown, ArithmeticError, ValueError):
                continue
        why = self._formula_diagnosis(q, link, x)
        self.marks.add(chain.line, q, link, x, value, "error", why, "formula")
        return "error"

    def _beyond(self, chain: Chain, q: Expr, link: Expr, x: float) -> bool:
        """A link that reads an index past its vector (``h1_2`` of h1 = [h1_0, h1_1]) where
        the chain's other links read a sibling, and holds with the sibling in its place: the
        index written wrong, flagged on the line the name stands on. False otherwise."""
        others = {n for k in chain.links[1:] if k is not link for n in names_in(k)}
        found = beyond(link, self.quantities, others)
        if found is None:
            return False
        name, sibling = found
        try:
            holds = close(self.exact(replaced(link, name, Name(sibling))), x)
        except (Unknown, ArithmeticError, ValueError):
            return False
        if not holds:
            return False
        line = dict(chain.name_lines).get(name, chain.line)
        names = sorted(n for n in self.quantities if _family_of(n) == _family_of(name))
        why = (f"{name} is no component of {_family_of(name)} ({', '.join(names)}): with "
               f"{sibling} in its place the formula holds")
        self.marks.add(line, q, link, x, None, "error", ("formula", why), "formula")
        return True

    def _formula_diagnosis(self, q: Expr, link: Expr, x: float) -> tuple[str, str]:
        slip, why = tell(formula_case(q, link, self.exact(link), x, self.context, self.n))
        return slip, why + self._drawn(q, link)

    def _drawn(self, q: Expr, link: Expr) -> str:
        """Where the values a wrong formula was judged at are drawn (the page gives its
        variable none), what they are: the counterexample."""
        reads = {p for n in (*names_in(q), *names_in(link)) for p in re.split(r"/?∂", n)}
        drawn = [f"{n} = {shown(v)}" for n, v in self.model.free.items()
                 if n in reads or any(n in self.model.below(r) for r in reads if r)]  # fmt: skip
        return f" (at {', '.join(drawn)}, drawn: the page gives it no value)" if drawn else ""

    def numbers(self, chain: Chain, q: Expr, link: Expr, x: float, formula: Expr | None,
                before: float | None) -> float:  # fmt: skip
        own = self.writer.value(link)
        paired = self._pair(chain, formula, link) if formula is not None else False
        if not paired:
            tol = self.writer.tolerance(link)
            with self.writer.tracing() as taint:
                carried = self.writer.of(q)  # what the writer's own earlier numbers give
            if within(own, x, tol):
                self.marks.add(chain.line, q, link, x, own, "match", "", "substitution")
                if carried is not None and abs(own - carried) < abs(own - x):
                    self.taint |= taint  # right at its precision, from their slipped numbers
            elif carried is not None and within(carried, own, tol):
                origin = min(taint, default=None)
                judged = "carried" if taint else "rounding"
                self.marks.add(chain.line, q, link, x, own, judged, "", "substitution", origin)
                self.taint |= taint
            elif before is not None and within(own, before, tol):
                # the same wrong value as the line's previous step: judged there
                self.marks.cover(link)
            else:
                why = self._inside(formula, link) or self._diagnosis(link, q, x, own)
                self.marks.add(chain.line, q, link, x, own, "error", why, "substitution")
                self.taint.add(chain.line)  # what the line gives follows from it
        inside = paired and chain.line in self.taint  # a number in it wrong: told there
        step = self.writer.tolerance(link)
        if before is not None and not inside and not within(before, own, step):
            self.marks.add(chain.line, q, link, before, own, "error",
                     f"the step before gives {shown(before)}", "arithmetic")  # fmt: skip
        return own

    def _pair(self, chain: Chain, formula: Expr, link: Expr, depth: int = 0) -> bool:
        """Judge each number substituted for a symbol of ``formula``; False if none fits."""
        best: list[tuple[Expr, Expr]] | None = None
        best_bad = math.inf
        for candidate in orderings(formula, link):
            bad = sum(not self._sound(sym, sub) for sym, sub in candidate)
            if bad < best_bad:
                best, best_bad = candidate, bad
            if bad == 0:
                break
        if not best:  # no shape in common, or no symbol in it: σ(0.3775) = 1/(1 + e^−0.3775)
            return False  # is judged whole, by its value
        # its constants matched the formula's (the 1s of 1/(1 + e^−0.3775), else the shapes
        # would differ and the link be judged by its value): read, as the formula's own
        written = numbers_in(link)
        subs = [n for _, sub in best for n in numbers_in(sub)]
        made = {n.text for n in subs} - {n.text for n in written}  # e^−1.1 for e^(−z): 1.1
        substituted = set(map(id, subs))
        constants = [n for n in written
                     if id(n) not in substituted and n.text.lstrip("-") not in made]  # fmt: skip
        self._constants(chain, formula, link, constants)
        self.marks.cover(link)
        squared = _squared(formula)
        for sym, sub in best:
            key = own_name(sym)
            deeper = self.writer.formulas.get(key) if isinstance(sym, Derivative) else None
            if deeper is None and isinstance(sym, Name) and not isinstance(sub, Num):
                deeper = self.model.definition(sym.name)
            if deeper is not None and not isinstance(sub, Num) and depth < PAIRING_DEPTH:
                before = set(self.taint)
                if self._pair(chain, deeper, sub, depth + 1):
                    inside = self.taint - before  # the carried numbers inside it
                    self.writer.substitute(key, self.writer.value(sub), bool(inside))
                    if inside and key not in self.writer.results:
                        self.writer.origins.setdefault(key, min(inside))
                    continue
            self._substitution(chain, sym, sub, id(sym) in squared)
        return True

    def _constants(self, chain: Chain, formula: Expr, link: Expr, constants: list[Num]) -> None:
        """The numbers of ``formula``'s own written on the line (the 1 of ``b1 · 1``, the 1s of
        ``1/(1 + e^−z)``, in the formula or in ``link``, numbers substituted into it), read:
        the page's, not worked out (a changed one changes the formula, and the numbers after it
        are judged by their value)."""
        powers = exponents(link)  # a power's exponent (the 2 of x²) is not a number written
        texts = ", ".join(n.text for n in constants if id(n) not in powers)
        if texts:
            self.marks.add(chain.line, formula, texts, None, None, "given", "", "constant")

    def _worked_owns(self, sym: Expr) -> list[tuple[float, set[int]]]:
        """What the writer's numbers give ``sym``, numbers alone, where a part of it was
        written as a number before (1 + e^−0.3775 after e^−0.3775 was written 0.68566: 1.68566),
        with the lines of the errors among those numbers."""
        if not isinstance(sym, Call) or reads_names(sym) or not self.worked:
            return []
        used: set[int] = set()
        found = False

        def written(e: Expr) -> Expr:
            nonlocal found
            value = self.worked.get(show(e)) if e is not sym else None
            if value is not None:
                found = True
                used.update(value[1])
                return Num(repr(value[0]))
            return Call(e.fn, tuple(map(written, e.args))) if isinstance(e, Call) else e

        e = written(sym)
        try:
            return [(self.exact(e), used)] if found else []
        except (Unknown, ArithmeticError, ValueError):
            return []

    def _sound(self, sym: Expr, sub: Expr) -> bool:
        try:
            x, own = self.exact(sym), self.writer.value(sub)
        except (Unknown, ArithmeticError, ValueError):
            return False
        if isinstance(sub, Num):
            return agrees(sub.text, x) or any(agrees(sub.text, v) for v in self.writer.earlier(sym))
        tol = self.writer.tolerance(sub)
        return within(own, x, tol) or any(within(own, v, tol) for v in self.writer.earlier(sym))

    def _substitution(self, chain: Chain, sym: Expr, sub: Expr, squared: bool = False) -> None:
        """Judge a number (or numbers) put in ``sym``'s place: right, or one of the writer's
        own values for it (``carried`` where that holds an earlier error), or an error.
        ``squared``: ``sym`` is raised to an even power, so a number without a sign may be
        its magnitude ((0.3 − 0.3376)² written (0.0376)²)."""
        x = self.exact(sym)
        if squared and isinstance(sub, Num) and not sub.text.startswith("-"):
            x = abs(x)
        owns = [*self.writer.owns(sym), *self._worked_owns(sym)]
        own_before = owns[0][0] if owns else None
        origin = None
        held: set[int] = set()  # a slip behind a number right at its precision
        if isinstance(sub, Num):
            self.stands_for[id(sub)] = [x, *(v for v, _ in owns)]
            judged = verdict(sub.text, x, None)
            for own, taint in untainted_first(owns) if judged == "error" else ():
                if verdict(sub.text, x, own) != "error":
                    judged, origin = ("carried", min(taint)) if taint else ("rounding", None)
                    own_before = own
                    break
            why = self._diagnosis(sub, sym, x, own_before) if judged == "error" else ""
            sibling = self.model.worked_as.get(sym.name) if isinstance(sym, Name) else None
            if why and sibling is not None and sibling.contested:  # where its value comes from
                why = _noted(why, sibling.note)
            self.marks.add(chain.line, sym, sub, x, own_before, judged, why, "substitution", origin)
            if isinstance(sym, Call) and not reads_names(sym):  # e^−0.3775 written 0.68566
                wrong = {chain.line} if judged == "error" else {origin} - {None}
                self.worked[show(sym)] = (float(sub.value), wrong)
            if judged != "error":  # right at its precision, yet the number they hold from a slip
                held = self.writer.slipped(owns, float(sub.value))
                self.taint |= held
        else:
            with self.writer.tracing() as inside:
                own = self.writer.value(sub)
            tol = self.writer.tolerance(sub)
            judged = "match" if within(own, x, tol) else "error"
            for value, taint in untainted_first(owns) if judged == "error" else ():
                if within(own, value, tol):
                    tainted = taint | inside
                    judged, origin = ("carried", min(tainted)) if tainted else ("rounding", None)
                    break
            why = "" if judged != "error" else self._diagnosis(sub, sym, x, own_before, tol)
            self.marks.add(chain.line, sym, sub, x, own, judged, why, "substitution", origin)
        self.unsound |= judged == "error"
        if judged == "error":  # what the line gives follows from it (a matrix's entry: its row)
            self.taint.add(written_on(sub, chain.line))
        if judged == "carried":
            self.taint.add(origin)
            key = own_name(sym)
            if key and key not in self.writer.results:  # what they hold for it is wrong too
                self.writer.origins.setdefault(key, origin)
        if judged != "error" and own_name(sym):
            carried = judged == "carried" or bool(held)
            self.writer.substitute(own_name(sym), self.writer.value(sub), carried)

    def result(self, chain: Chain, q: Expr, link: Num, x: float, before: float | None,
               numbers_link: Expr | None, used: float | None,
               formula: Expr | None = None) -> None:  # fmt: skip
        first_number = next((n for n in chain.links if isinstance(n, Num)), link)
        if isinstance(q, Name) and link is first_number and self._is_first_given(q.name, chain):
            self.marks.add(chain.line, q, link, x, None, "given", "", "given")
            return
        exactly = isinstance(q, Name) and q.name.endswith("'") and self._claims_unmoved(q, link)
        # what the writer's numbers give: those on the line, else the line's formula or theirs
        owns = [(before, set())] if before is not None else self.writer.gives(q, formula)
        own, taint = owns[0] if owns else (None, set())
        judged = verdict(link.text, x, own, exactly)
        for value, origins in untainted_first(owns) if judged != "match" else ():
            if verdict(link.text, x, value, exactly) != "error":
                own, taint, judged = value, origins, verdict(link.text, x, value, exactly)
                break
        taint = taint | self.taint  # and the numbers on the line, carried from an error
        written = float(link.value)
        origin = None
        if judged == "error" and before is not None and numbers_link is not None:
            # the writer carried more digits than the numbers on the line show: the result
            # lies within what those digits allow, at the numbers' precision, and no further
            low, high = self.writer.carried(numbers_link, self.stands_for)
            if agrees_between(link.text, before + low, before + high):
                judged = "rounding"
        if judged == "error" and before is None and isinstance(q, Name) and not link.exact:
            # the givens the writer rounded where they show them and carried whole
            carried = 0.0 if exactly else self.writer.carried_from_givens(q.name)
            if carried and agrees_near(link.text, x, carried):
                judged = "rounding"
        if judged == "error" and exactly and taint and own is not None and close(own, written):
            judged = "rounding"  # w' = w from the writer's zero gradient, wrong since `taint`
        if judged == "rounding" and taint and not _right(link.text, x, exactly):
            judged, origin = "carried", min(taint)  # right from numbers that hold a slip
        why = ""
        if judged == "error" and exactly:
            old = q.name.rstrip("'")
            why = (f"{show(q)} = {old} says ∂{self.model.loss}/∂{old} = 0; it is "
                   f"{shown(self.model.value(Derivative(self.model.loss, old)))}")  # fmt: skip
        elif judged == "error" and used is not None and before is None and agrees(link.text, used):
            # from the wrong number substituted here, on its line (a matrix's entry: its row)
            judged, origin = "carried", min(self.taint, default=chain.line)
            own = used  # what the writer's numbers give, wrong ones included
        elif judged == "error":
            why = self._diagnosis(link, q, x, own, beside=numbers_link)
            inside = {n.text for e in chain.links[1:] if e is not link for n in numbers_in(e)}
            if why[0] in NOTE_READINGS and link.text in inside:
                self.marks.unread(chain, f"the result {link.text} repeats a number from inside the "
                            "line: a note written beside it, not its result")  # fmt: skip
                return
            if before is not None and not agrees(link.text, before) and not why[0]:
                why = f"arithmetic: {show(numbers_link)} = {shown(before)}, not {show(link)}"
        sibling = self.model.worked_as.get(q.name) if isinstance(q, Name) else None
        if sibling is not None and (not why or sibling.contested):  # out_h2 worked as out_h1 is
            why = _noted(why, sibling.note)
        self.marks.add(chain.line, q, link, x, own, judged, why, "result", origin)
        held = taint and own is not None and agrees(link.text, own)  # from their slip, still
        self.writer.wrote(q, link, chain.line if judged == "error" else origin or (
            min(taint) if held else None))  # fmt: skip
        if close(written, x):  # an exact result (z = −0.2): no rounding to allow
            self.writer.exact_texts.add(link.text)

    def _is_first_given(self, name: str, chain: Chain) -> bool:
        values = self.model.given_values.get(name)
        return bool(values) and values[0].line == chain.line and name in self.model.givens

    def _claims_unmoved(self, q: Name, link: Num) -> bool:
        old = q.name.rstrip("'")
        return old in self.model.givens and float(link.value) == self.model.givens[old]

    # ---- diagnoses -------------------------------------------------------------------

    def _inside(self, formula: Expr | None, link: Expr) -> tuple[str, str] | None:
        """The slip of the one wrong number inside numbers written otherwise than the
        formula (1/(1 + e^0.601) for σ(net3) puts −0.601 for net3: net1's value), as
        (kind, why) naming the symbol it stands for; ``None`` where none tells it."""
        pairs = bindings(formula, link, either_sign=True) if formula is not None else None
        wrong = [(s, n) for s, n in pairs or () if isinstance(n, Num) and not self._sound(s, n)]
        if len(wrong) != 1:
            return None
        sym, n = wrong[0]
        owns = self.writer.owns(sym)
        kind, why = self._diagnosis(n, sym, self.exact(sym), owns[0][0] if owns else None)
        return (kind, f"{show(sym)} = {show(n)}: {why}") if kind else None

    def _diagnosis(self, written: Expr, q: Expr, x: float, own: float | None,
                   tol: float = 0.0, beside: Expr | None = None) -> tuple[str, str]:  # fmt: skip
        """The slip that explains a wrong number, or numbers substituted, as (kind, why),
        tested against the exact value and the writer's own; where none does, it says so,
        with both values."""
        if isinstance(written, Num):
            given = isinstance(q, Name) and q.name in self.model.givens and self.model.is_leaf(
                q.name)  # fmt: skip
            case = number_case(written.text, [x, own], q, self.context, self.n, beside, given)
        else:
            value = self.writer.value(written)
            case = numbers_case(q, written, value, [x, own], tol, self.context, self.n)
        kind, why = tell(case)
        if kind:
            return kind, why
        digits = len(written.value.as_tuple().digits) + 2 if isinstance(written, Num) else 6
        quote = lambda v: number_text(v, max(6, digits), zeros=False)  # noqa: E731
        yours = "" if own is None or close(own, x) else f", and your numbers give {quote(own)}"
        return "", f"no common slip explains it: {show(q)} is {quote(x)}{yours}"


def _squared(formula: Expr) -> set[int]:
    """The ids of what ``formula`` raises to an even power (its bases, brackets aside)."""
    found: set[int] = set()
    stack = [formula]
    while stack:
        e = stack.pop()
        if isinstance(e, Call):
            power = e.args[1] if e.fn == "pow" and len(e.args) == 2 else None
            if isinstance(power, Num) and power.exact and int(power.value) % 2 == 0:
                found.add(id(ungrouped(e.args[0])))
            stack.extend(e.args)
    return found


def _readings(q: Expr, link: Expr) -> Iterator[tuple[Expr, str]]:
    """Other ways to read a false formula, each with what it assumes."""
    if isinstance(q, Derivative) and q.of is None:
        yield (
            Derivative("", q.bottom, link),
            f"read as ∂/∂{q.bottom} of it (not written) it is right",
        )
    if isinstance(link, Call) and link.fn == "sub" and isinstance(link.args[1], Num):
        c = link.args[1]
        yield (
            Call("mul", (link.args[0], Num("-" + c.text))),
            f"read with × before −{c.text} it is right",
        )


def judge(
    part: Part, overrides: dict[str, float] | None = None, after: Own | None = None
) -> Judged:
    """Every link of every chain of ``part``, judged; ``after``: the writer's numbers at the
    end of the part before, when ``part`` is its next step."""
    model = Model(part, overrides)
    j = _Judge(part, model)
    j.marks.out.writer = j.writer
    if after is not None:
        j.writer.carry(after)
    wrong = _targets(part.chains)
    for n, chain in enumerate(part.chains):
        if chain.inferred and len(chain.links) == 2 and isinstance(chain.links[1], Num):
            j.marks.cover(chain.links[1])  # a value read from the row a table joins: judged there
        elif n in wrong:
            j.target_not_distribution(chain, *wrong[n])
        else:
            before = len(j.marks.out.checks)
            j.chain(chain)
            j.general(chain, before)
        j.recent.append(chain)
    j.templates_judged()
    j.marks.out.numbers = sum(len(numbers_in(link)) for c in part.chains for link in c.links) + sum(
        c.bound is not None for c in part.chains)
    j.marks.missed(part.chains)
    return j.marks.out


def _targets(chains: list[Chain]) -> dict[int, tuple[int, list[Num], bool]]:
    """The chains holding a cross-entropy written out with numbers whose target is no
    distribution (``targets``), by index: the link, the target, and whether a sibling (the
    loss of another sample: ``CE_1`` beside ``CE_2``, both indexed) writes a target of as
    many classes that is one, so that this one is surely wrong (else it may be a batch's
    counts, ``L = −(2 log 0.7 + log 0.3)``, and is left not understood)."""
    found: dict[int, tuple[int, list[Num]]] = {}
    sizes: set[tuple[str, int]] = set()  # (the samples' loss, the classes) of the targets
    for n, chain in enumerate(chains):
        stem = _stem(chain)
        for k, link in enumerate(chain.links[1:], 1):
            t = targets.target(link)
            if t is None:
                continue
            if targets.distribution(t) and stem:
                sizes.add((stem, len(t)))
            elif not targets.distribution(t) and n not in found:
                found[n] = (k, t)
    return {n: (k, t, _stem(chains[n]) is not None and (_stem(chains[n]), len(t)) in sizes)
            for n, (k, t) in found.items()}  # fmt: skip


def _stem(chain: Chain) -> str | None:
    """The family of an indexed quantity's name (``CE`` of ``CE_2``), else None."""
    q = chain.quantity
    return _family_of(q.name) if isinstance(q, Name) and q.name[-1:].isdigit() else None


_COMPARED = {">": operator.gt, "<": operator.lt, "≥": operator.ge, "≤": operator.le}


def _right(text: str, x: float, exactly: bool = False) -> bool:
    """Whether a written number is ``x`` at its precision (a whole number below ten, or a
    claim made ``exactly``, exactly): what the writer's own numbers need not explain."""
    return verdict(text, x, None, exactly) != "error"


def _family_of(name: str) -> str:
    """``h1`` of ``h1_2``: the name without its last index."""
    return re.sub(r"_?\d+$", "", name)


def _noted(why: str | tuple[str, str], note: str) -> str | tuple[str, str]:
    """A diagnosis (its text, or its kind and text) with ``note`` after it."""
    if isinstance(why, tuple):
        return (why[0], f"{why[1]}; {note}" if why[1] else note)
    return f"{why}; {note}" if why else note
