"""Recomputation: the engine builds the graph a worksheet defines and computes what it names.

A part defines itself: a *given* is a name no formula defines, with the number written for it
(``x1 = 0``, ``w1 = w2 = 1``, or the number substituted for it in a formula: ``w1 x1 + … =
(0.5 × 1) + …``); a *definition* is the first formula written for a name in terms of others
(``z1 = w1 x1 + w2 x2 + b1``), or its numbers where no formula is written; a parameter's
update ``w'`` is ``w − rate · ∂loss/∂w`` (a formula written for it is judged against that).
Every value and every derivative ``∂A/∂B`` is then the engine's, on a graph built afresh for
each set of givens: nothing is mutated to ask "what if".

>>> from autograd.audit.read_text import read_text
>>> part = read_text("x = 3, y = 2\\nf = x·y + x").parts[0]
>>> model = Model(part)
>>> model.value(Name("f")), model.value(Derivative("f", "x"))
(9.0, 3.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations

from .. import ops
from ..custom import DEFINED
from ..graph import order_above, topological_order
from ..numtext import unit
from ..value import Value, apply, dot
from .general import Instance, Template, instantiated
from .labelled import labelled, listed_targets
from .misnamed import Misnamed, loose_givens, misnamed
from .passes import Passes
from .read_prose import TARGETS_LISTED
from .siblings import (
    Sibling,
    contested_siblings,
    sibling_reading,
    worked_as_siblings,
    written_as_terms,
)
from .substituted import Substitutions, half_of_square
from .worksheet import (
    LOSS_LETTERS,
    LOSS_NAMES,
    LOSS_WORDS,
    VERSION,
    Call,
    Chain,
    Derivative,
    Expr,
    InputError,
    Name,
    Num,
    Part,
    names_in,
    numbers_in,
    reads_names,
    replaced,
    show,
    ungrouped,
)

__all__ = [
    "ABS_TOL",
    "MAX_REORDERED",
    "REL_TOL",
    "Given",
    "Model",
    "Unknown",
    "bindings",
    "close",
    "evaluate",
    "is_formula",
    "slack",
    "within",
]

RATES = ("α", "η", "lr", "learning_rate")

#: Two floats that compute one quantity by different routes (the engine's graph, the
#: writer's formula, another order of the same sum) agree to about 1e-15 relatively; a
#: billionth leaves room for the longest chains of a worksheet, and is still far below the
#: precision of any number written by hand (a few significant digits).
REL_TOL = 1e-9
#: Near zero a relative tolerance vanishes: below 1e-12 a value is a float's rounding noise.
ABS_TOL = 1e-12

#: A product's factors are tried in every other order, when written in another one, up to
#: this many factors (720 orders); a hand-written product has two to five.
MAX_REORDERED = 6


def within(a: float, b: float, tol: float = 0.0) -> bool:
    """Whether ``a`` is ``b`` to within ``tol`` (the precision of the numbers written) and
    ``b``'s own last bits: the one comparison of two computed values the checker makes.

    >>> within(0.1 + 0.2, 0.3), within(0.31, 0.3), within(0.31, 0.3, 0.01)
    (True, False, True)
    """
    return abs(a - b) <= slack(b, tol)


def slack(value: float, tol: float = 0.0) -> float:
    """How far from ``value`` another value may lie and still be ``within`` it."""
    return tol + REL_TOL * abs(value) + ABS_TOL


def close(a: float, b: float) -> bool:
    """Whether ``a`` and ``b`` are one value computed two ways (``within`` with no slack)."""
    return within(a, b)


class Unknown(ValueError):
    """An expression reads a name that has no value, or cannot be computed."""


@dataclass(frozen=True)
class Given:
    name: str
    text: str  # the number as written
    line: int
    how: str  # "given", or the substitution it was read from

    @property
    def value(self) -> float:
        return float(Decimal(self.text))


def is_formula(e: Expr) -> bool:
    """A formula relates names, with at most whole numbers (``½(y − a)²``, ``1/n``); a link
    with a decimal number in it has numbers substituted."""
    return reads_names(e) and all(n.exact for n in numbers_in(e))


def _unit_formula(e: Expr) -> bool:
    """A formula a unit's siblings are worked by: ``is_formula``, or the ½ of a squared
    error written 0.5 (0.5·(t1 − o1)², the ½ a constant, no number substituted)."""
    return is_formula(e) or (half_of_square(e) and is_formula(e.args[1]))


def _walk_sums(e: Expr) -> Iterator[Call]:
    """Every sum inside ``e`` (iteratively)."""
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, Call):
            if x.fn == "add":
                yield x
            stack.extend(x.args)


def _is_name(e: Expr) -> bool:
    return isinstance(e, Name) and e.name != ""


def substitutions(chain: Chain) -> Iterator[tuple[Expr, Expr, Expr]]:
    """Each (formula, symbol, what is written for it) where a link of numbers follows the
    formula before it in the same shape: ``w1 x1 + … = (0.5 × 1) + …`` gives (…, w1, 0.5);
    a left side that is a formula too: ``σ(I1) = σ(0.982)`` gives (σ(I1), I1, 0.982)."""
    formula = None
    for link in chain.links[0 if isinstance(chain.quantity, Call) else 1 :]:
        if _unit_formula(link):
            formula = link
        elif formula is not None and not isinstance(link, Num):
            for symbol, written in bindings(formula, link) or ():
                yield formula, symbol, written


def _named(chain: Chain) -> Iterator[Expr]:
    """What a chain gives a value to: its names, and each symbol a number is substituted for."""
    yield from chain.links
    yield from (symbol for _, symbol, _ in substitutions(chain))


def _put_in_formula(g: Given) -> bool:
    """Whether a given's value is a number put for it in a formula (½(0.99 − 0.75)² for
    ½(t1 − o1)²), not one the page states or one read from a total (``read from line``)."""
    return g.how.startswith("read from ") and not g.how.startswith("read from line ")


def names_then_number(chain: Chain) -> bool:
    """``w1 = w2 = 1``: every name in the run is given the number (no formula w1 := w2)."""
    *names, last = chain.links
    return isinstance(last, Num) and all(_is_name(n) for n in names)


class Model:
    """The quantities a part defines, its givens, and the engine's graph of them; the
    derivatives asked of that graph are ``passes`` over it."""

    def __init__(self, part: Part, overrides: dict[str, float] | None = None) -> None:
        self.part = part
        chains = [*part.front, *part.chains]
        # A formula defines its quantity only if every name it reads is written somewhere
        # (E = Σ ½(target − output)² names no quantity of the document; a later one will)
        written = {"e"} | {link.name for c in chains for link in _named(c) if _is_name(link)}
        self.written = written
        self.loss_letters = _loss_letters(chains, written)  # ∂E/∂y1 with E_total the loss
        gradients_given = _given_gradients(chains, written)  # ∂J/∂a2 = a2 − y, and no J
        implied = _implied(chains, written)  # Tiny in E7 = E2 + Tiny = 0.8001, never given
        # z = 3x − 2, dy/dx = …: x is free, its formulas judged at drawn values of it
        self.free = free_variables(chains, written)
        written = written | set(self.loss_letters) | set(gradients_given) | set(implied)
        written |= set(self.free)
        # an update w' is w − rate · ∂loss/∂w whatever formula is written for it (a written
        # w + η·∂L/∂w is judged against that), unless the document has no rate to use
        rate = part.rate or next((r for r in RATES if r in written), None)
        self.definitions: dict[str, tuple[Expr, Chain]] = {}
        self.formulas: dict[str, list[Expr]] = {}  # every formula written for a name
        self.failed: dict[str, str] = {}  # names whose formula cannot be computed, and why
        # E_total = ½(t1 − ŷ1)² + ½(t2 − ŷ2)² with t2, ŷ2 never given: no value, but its
        # partial by ŷ1, which none of them moves, is the page's to judge
        self.partly: dict[str, tuple[Expr, set[str]]] = {}
        runs = [c for c in chains if names_then_number(c)]  # w1 = w2 = 1: givens, not w1 := w2
        named = [c for c in chains if _is_name(c.quantity) and not names_then_number(c)]
        for chain in named:
            q = chain.quantity.name
            self.formulas.setdefault(q, []).extend(
                f for f in chain.links[1:] if reads_names(f) and is_formula(f)
            )
        # primed names last: z1' after the step is defined by its formula, but a parameter's
        # update w' is w − rate · ∂loss/∂w whatever is written for it (w + η·∂L/∂w is judged)
        # the names some line defines by a formula (a number written for one is a result)
        quantities = {c.quantity.name for c in named if any(map(reads_names, c.links[1:]))}
        if rate and not part.loss and not _descends_a_loss(chains, quantities):
            # w = w − lr·g, g = 2·w·x, and no loss on the page: the update is the page's
            # formula (the last quantity defined is no loss to differentiate: g is the
            # gradient; its own line is judged)
            rate = None
        others: list[tuple[str, Chain, str]] = []  # A⁽2⁾ = Ŷ = …: Ŷ another name for A⁽2⁾
        for chain in sorted(named, key=lambda c: c.quantity.name.endswith("'")):
            q = chain.quantity.name
            base = q.rstrip("'")
            formulas = [link for link in chain.links[1:] if reads_names(link)]
            while len(formulas) > 1 and _is_name(formulas[0]) and (
                formulas[0].name not in quantities
            ):  # a name no line defines, before the formula: another name for q
                others.append((formulas.pop(0).name, chain, q))
            if q in self.definitions or (q != base and base not in self.definitions and rate):
                continue  # (A = Ŷ = … after A = softmax(Z): Ŷ is still another name for A)
            first = formulas[0] if formulas else None  # the first formula, constants and all
            reads = {n.split("/∂")[0].lstrip("∂") for n in names_in(first)} if first else set()
            if first is not None and first != chain.quantity and reads <= written:
                self.definitions[q] = (first, chain)
            elif first is not None:
                self.failed.setdefault(q, no_value(reads - written, reads, written))
                if reads - written <= set(names_in(first)):  # names, no derivative
                    self.partly.setdefault(q, (first, reads - written))
        for other, chain, q in others:
            if q in self.definitions and other not in self.definitions:
                self.definitions[other] = (Name(q), chain)
        results = _results(chains)
        substituted = Substitutions(chains)  # z⁽3⁾ = 0.3(0.426) + …: w7·a⁽1⁾ + …
        self.named_numbers: dict[str, Expr] = {}  # E_o1 = ½(0.01 − 0.751365069)², from a_o1
        for chain in chains:  # x = 2 · 3 = 6: a quantity no formula defines, by its numbers
            q = chain.quantity  # (an update too, on a page with no rate: w' = 0 − 0.2·(−6))
            if _is_name(q) and q.name not in self.definitions and (
                not q.name.endswith("'") or rate is None
            ):
                numbers = [link for link in chain.links[1:] if not reads_names(link)]
                if numbers and not isinstance(numbers[0], Num):
                    self.definitions[q.name] = (numbers[0], chain)
                    named = substituted.named(_as_named(numbers[0], results, q.name, chain.line),
                                             chain)
                    if named != numbers[0]:  # computed, in the graph, from what it names
                        self.named_numbers[q.name] = named
        for chain in chains:  # z0 = a0 = x: each name is another name for the last
            *names, last = chain.links
            if len(names) > 1 and all(_is_name(n) for n in chain.links):
                for n in names[1:]:
                    self.definitions.setdefault(n.name, (last, chain))
        for chain in runs:  # b = a = 9 with a defined: b is another name for a
            names = [link.name for link in chain.links[:-1]]
            defined = [n for n in names if n in self.definitions]
            for n in names:
                if defined and n not in self.definitions and not n.endswith("'"):
                    self.definitions[n] = (Name(defined[0]), chain)
        for top, by in gradients_given.items():  # after the names, which it reads
            self.definitions.setdefault(top, self._from_gradients(by))
        for short, (q, chain) in _short_names(chains, self.definitions).items():
            self.definitions[short] = (Name(q), chain)  # Let z1 = 0.235: Z1⁽2⁾'s short name
        for chain in chains:  # "the loss decreases from 1.259 to 1.052": the part's loss
            word = chain.quantity.name.rstrip("'") if _is_name(chain.quantity) else ""
            if word.lower() in LOSS_WORDS and word not in self.definitions:  # Loss = 0.25
                loss = part.loss or self._loss()
                # loss = 0 then loss += …: the loss is the word's own latest value (loss⟨3⟩),
                # not another name for it, which would read itself
                if loss != word and loss in self.definitions and not loss.startswith(
                        word + VERSION[0]):
                    self.definitions[word] = (Name(loss), chain)
        self.given_values: dict[str, list[Given]] = {}  # every number written for a leaf
        for chain in chains:
            self._read_givens(chain)
        self.givens = {n: g[0].value for n, g in self.given_values.items()}
        self.givens.update(self.free)
        self._read_labelled(chains)  # target_o2 given as "targets o1 = 0.01, o2 = 0.99"
        # v1 = 0.9 · 0 + 0.1 · 2.0 after v_t = β v_{t-1} + (1 − β) ∇L(θ_t): the general
        # formula at t = 1 (name → the instance, the template it follows)
        self.instances: dict[str, tuple[Instance, Template]] = {}
        self._instances_defined()
        for name, value in (overrides or {}).items():
            if name not in self.givens:
                choices = ", ".join(self.givens) or "none"
                raise InputError(f"--set: {name!r} is not a given value; choose from {choices}")
            if not math.isfinite(value):
                raise InputError(f"--set {name}: expected a finite number, got {value!r}")
            self.givens[name] = value
        self.rate = rate if rate in self.givens or rate in self.definitions else None
        # ∂E_o2/∂out_h1 = −0.019 for an E_o2 the page computes off the page: its word for how
        # E_o2 moves with out_h1, taken as given (the top, by the bottom, the number, its line)
        self.partials_given = _partials_given(chains, self.loss_letters)
        self.partials_taken: set[tuple[str, str]] = set()  # those the model had to take
        self._read_by_formulas: set[str] | None = None
        self.loss = part.loss or self._loss()
        self._nodes: dict[str, Value] | None = None
        self._searching: set[str] = set()  # names _through is looking at, against recursion
        if implied:
            self._read_implied(implied)
        if self.free and not set(self.free) & set(overrides or {}):
            self._draw_free()
        self.worked_as: dict[str, Sibling] = {}  # out_h2 = 0.5969, "the same for h2"
        self._work_siblings(chains, overrides or {})
        self._numbers_as_terms(chains)  # E_y2 = ½(0.01 − 0.7703)², E_total = … + ½(t2 − ŷ2)²
        self.misnamed: dict[str, Misnamed] = {}  # u = x*y = 2 with no y, and w read by nothing
        self._read_misnamed(chains)

    def _instances_defined(self) -> None:
        """Each quantity written with numbers alone for an instance of a general formula
        (``general``: ``s2 = 0.9 · 0.4 + 0.1 · 4.0`` after ``s_t = β s_{t-1} + (1 − β)
        (∇L(θ_t))²``) defined by the formula at its index (``β s1 + (1 − β)(∇L(θ_2))²``), so
        each number is judged as what it stands for. What the page gives no value
        (``∇L(θ_2)``, a β given nowhere) is taken as the instance writes it: the number put
        in its place, within this instance only. The first template its numbers fit."""
        known = {*self.givens, *self.definitions, *self.free}
        for inst in self.part.instances:
            q = inst.chain.quantity
            if inst.value is None or not isinstance(q, Name) or q.name in self.instances:
                continue
            link, chain = self.definitions.get(q.name, (None, None))
            if chain is None or chain.line != inst.chain.line or reads_names(link) or (
                isinstance(link, Num)
            ):
                continue  # a formula of its own defines it: the judge compares the two
            # of the templates its numbers fit, one whose own numbers it writes as they are,
            # then the one that takes fewest of its numbers as written (v1 = 0.999 · 0 +
            # 0.001 · 4.0 is Adam's β2 v0 + (1 − β2)(∇L)², β2 given, not momentum's β v0 +
            # (1 − β) ∇L with a β of no value); the latest among equals
            fits = [(taken, k, t, formula) for k, t in enumerate(inst.templates)
                    for formula, taken in [_instance_formula(t, inst, link, known - {q.name})]
                    if formula is not None]  # fmt: skip
            if fits:
                _, _, t, formula = min(fits, key=lambda fit: fit[:2])
                self.definitions[q.name] = (formula, chain)
                self.named_numbers.pop(q.name, None)
                self.instances[q.name] = (inst, t)

    def _numbers_as_terms(self, chains: list[Chain]) -> None:
        """Each quantity written only with numbers whose sibling's formula, for its unit, is
        a term of a sum the page writes (``siblings.written_as_terms``), or is the one reading
        the page's structure makes (``siblings.sibling_reading``), in the shape of the
        numbers: defined by it, the numbers paired with its symbols (0.75 put for o2 is
        judged against o2), and a symbol of no value given by its number."""
        numbers = {n: (e, c) for n, (e, c) in self.definitions.items() if not reads_names(e)
                   and not isinstance(e, Num) and n not in self.worked_as}  # fmt: skip
        if not numbers:
            return
        formulas = {n: e for n, (e, _) in self.definitions.items()
                    if n not in self.named_numbers and _unit_formula(e)}  # fmt: skip
        terms = {show(ungrouped(t)) for c in chains for link in c.links[1:] if is_formula(link)
                 for s in _walk_sums(link) for t in s.args}  # fmt: skip
        names = {n for c in chains for link in c.links for n in names_in(link)}
        found = written_as_terms(numbers, formulas, self.givens, names, terms)
        for name in numbers.keys() - found.keys():  # E_2 = ½(0.99 − 0.75)² beside E_1's formula
            reading = sibling_reading(name, formulas, self.givens, self.written, self.value)
            if reading is not None and not reading.unwritten:  # in its shape: checked below
                found[name] = reading
        failed, adopted = dict(self.failed), False
        for name, sibling in found.items():
            link, chain = numbers[name]
            pairs = bindings(sibling.formula, link)
            open_names = {n for n in names_in(sibling.formula) if n not in self.givens
                          and n not in self.definitions}  # fmt: skip
            paired = {s.name: w for s, w in pairs or () if isinstance(s, Name)}
            if pairs is None or not all(isinstance(paired.get(n), Num) for n in open_names):
                continue
            self.definitions[name] = (sibling.formula, chain)
            self.named_numbers.pop(name, None)
            for n in open_names:
                how = f"read from {_abbreviated(sibling.formula)} at line {chain.line}"
                self._given(n, paired[n].text, chain.line, how)
                self.givens[n] = self.given_values[n][0].value
                self.written.add(n)
            self.worked_as[name] = sibling
            adopted = True
        if adopted:
            self._nodes, self.failed, self._read_by_formulas = None, failed, None

    def _read_misnamed(self, chains: list[Chain]) -> None:
        """Each formula lacking one name the page writes nowhere else, where the one given no
        formula reads gives the result written (``misnamed``): worked with that given."""
        if not self.partly:
            return
        read = {n for d in self.definitions for n in self._reads(d)}
        read |= {n for formula, _ in self.partly.values() for n in names_in(formula)}
        loose = loose_givens(self.givens, read, self.rate)
        failed = dict(self.failed)
        # each chain's names once, and how many chains write each name: a name is written
        # elsewhere when a chain other than the formula's writes it (gathering the other
        # chains' names anew for each formula cost a page of 3,000 lines a minute)
        names = {id(c): {n for link in c.links for n in names_in(link)} for c in chains}
        writers = Counter(n for written in names.values() for n in written)
        of_quantity: dict[Name, list[Chain]] = {}
        for c in chains:
            of_quantity.setdefault(c.quantity, []).append(c)
        for q, (formula, unknown) in list(self.partly.items()):
            chain = next((c for c in of_quantity.get(Name(q), ()) if formula in c.links), None)
            if chain is None or q in self.definitions:
                continue
            result = chain.links[-1] if isinstance(chain.links[-1], Num) else None
            mine = names[id(chain)]

            def elsewhere(n: str, mine: set[str] = mine) -> bool:
                return writers[n] > (n in mine)

            found = misnamed(formula, unknown, result, loose, elsewhere, self.value)
            if found is not None:
                self.definitions[q] = (found.formula, chain)
                self.misnamed[q] = found
                del self.partly[q]
                failed.pop(q, None)
        if self.misnamed:
            self._nodes, self.failed, self._read_by_formulas = None, failed, None

    def _read_labelled(self, chains: list[Chain]) -> None:
        """Each member of a family named with a word (``target_o2``) that the page gives
        under its bare name (``o2 = 0.99``), as ``labelled`` reads it."""
        names = [n for c in chains for link in c.links for n in names_in(link)]
        read = {n for c in chains for link in c.links[1:] if is_formula(link)
                for n in names_in(link)}  # fmt: skip
        found = {n: b for n, b in labelled(self.givens, names, read).items()
                 if n not in self.definitions}  # fmt: skip
        # a target whose only value is a number put for it: the list's, that number judged
        put = {n for n, gs in self.given_values.items() if all(map(_put_in_formula, gs))}
        found.update((n, b) for n, b in listed_targets(self.givens, names, TARGETS_LISTED, put)
                     .items() if n not in self.definitions and n not in found)  # fmt: skip
        for name, bare in found.items():
            g = self.given_values[bare][0]
            # first, before the number put for it: the value the page states
            self.given_values.setdefault(name, []).insert(
                0, Given(name, g.text, g.line, f"given for {bare} at line {g.line}"))
            self.givens[name] = g.value
            self.written.add(name)
        for q, (formula, unknown) in list(self.partly.items()):  # E_o2 = ½(target_o2 − …)²
            if unknown <= set(found) and q not in self.definitions:
                chain = next(c for c in chains if c.quantity == Name(q) and formula in c.links)
                self.definitions[q] = (formula, chain)
                del self.partly[q], self.failed[q]

    def _work_siblings(self, chains: list[Chain], overrides: dict[str, float]) -> None:
        """Each quantity the page writes only as a number (on a line of its own, or put in
        a formula: E_total = E_1 + E_2 = 0.2738 + 0.0242) that a sibling's formula gives,
        worked with its own quantities (``siblings``); and each the sibling's one reading
        gives another value (``contested_siblings``), worked so too, so that its number is
        judged against it rather than taken as a given of its own. The model is then built
        afresh."""
        numbers: dict[str, str] = {}
        where: dict[str, Chain] = {}  # the line each is written on
        for chain in chains:
            q, links = chain.quantity, chain.links
            if len(links) == 2 and _is_name(q) and isinstance(links[1], Num) and (
                self.is_leaf(q.name) and q.name not in overrides and q.name not in self.free
                and len({g.value for g in self.given_values.get(q.name, [])}) == 1
            ):  # fmt: skip
                numbers.setdefault(q.name, links[1].text)
                where.setdefault(q.name, chain)
        lines = {c.line: c for c in chains}
        for name, given in self.given_values.items():  # a leaf only ever put in a formula
            if (name not in numbers and self.is_leaf(name) and name not in overrides
                    and name not in self.free and all(map(_put_in_formula, given))
                    and len({g.value for g in given}) == 1 and given[0].line in lines):
                numbers[name], where[name] = given[0].text, lines[given[0].line]
        formulas = {n: e for n, (e, _) in self.definitions.items()
                    if n not in self.named_numbers and _unit_formula(e)}  # fmt: skip
        if not numbers or not formulas:
            return
        failed = dict(self.failed)
        found = worked_as_siblings(numbers, formulas, self.givens, self.written, self.value)
        rest = {n: t for n, t in numbers.items() if n not in found}
        found.update(contested_siblings(rest, formulas, self.givens, self.written, self.value))
        for name, sibling in found.items():
            chain = where[name]
            self.definitions[name] = (sibling.formula, chain)
            for unwritten, formula in sibling.unwritten:  # net_h2, never on the page
                self.definitions.setdefault(unwritten, (formula, chain))
            self.givens.pop(name, None)
            self.given_values.pop(name, None)
            self.worked_as[name] = sibling
        if found:
            self._nodes, self.failed, self._read_by_formulas = None, failed, None

    def _draw_free(self) -> None:
        """The free variables at the first of ``FREE_SHIFTS`` where the fewest of the part's
        formulas fail (ln(x − 1) has no value at x = 0.414, but has at 2.414); each try
        builds the graph afresh."""
        failed = dict(self.failed)
        fewest: tuple[int, float] | None = None
        for shift in FREE_SHIFTS:
            self._at_shift(shift, failed)
            if fewest is None or len(self.failed) < fewest[0]:
                fewest = (len(self.failed), shift)
            if len(self.failed) == len(failed):
                return
        self._at_shift(fewest[1], failed)

    def _at_shift(self, shift: float, failed: dict[str, str]) -> None:
        self.free = {n: FREE_POINTS[k] + shift for k, n in enumerate(self.free)}
        self.givens.update(self.free)
        self._nodes, self.failed = None, dict(failed)
        self.nodes()

    def _read_implied(self, implied: dict[str, tuple[Expr, Num, Chain]]) -> None:
        """Each name the page uses and never gives, read from the line that adds it to what
        the page does give and writes the sum (``E2 + Tiny = 0.8001``: Tiny is 0.0001, at the
        precision written); the model is then built afresh with it."""
        failed = dict(self.failed)
        for name, (rest, total, chain) in implied.items():
            try:
                known = Decimal(repr(self.value(rest)))
            except (Unknown, ArithmeticError, ValueError):
                continue
            value = (total.value - known).quantize(unit(total.value))  # as precise as written
            how = f"read from line {chain.line}: {show(chain.links[1])} = {total.text}"
            self._given(name, str(value), chain.line, how)
            self.givens[name] = float(value)
        self._nodes, self.failed = None, failed  # built afresh, with passes of their own

    def _from_gradients(self, by: dict[str, tuple[Expr, Chain]]) -> tuple[Expr, Chain]:
        """A loss written only by its gradients: ``Σ held(∂J/∂a)·a`` over the quantities the
        others are computed from, not them (the outputs: ``∂J/∂W = a·δ`` is the result of
        backpropagation, not where it starts)."""
        below: set[str] = set()
        stack = [n for a in by for n in self._reads(a)]
        while stack:
            n = stack.pop()
            if n not in below:
                below.add(n)
                stack.extend(self._reads(n))
        tops = [a for a in by if a not in below]
        terms = tuple(Call("mul", (Call("held", (by[a][0],)), Name(a))) for a in tops)
        return Call("add", terms), by[tops[0]][1]

    def _loss(self) -> str:
        """The quantity updates descend: L, or the one the written updates differentiate
        (w' = w − η · ∂E/∂w), or a usual name (E_total, E, J, C), or the last defined."""
        if "L" in self.definitions:
            return "L"
        for name, formulas in self.formulas.items():
            for e in formulas if name.endswith("'") else ():
                for n in names_in(e):
                    if n.startswith("∂") and n.endswith("/∂" + name[:-1]):
                        return n[1:].split("/∂")[0]
        usual = [n for n in ("E_total", "E", "J", "C", "Loss", "loss", "cost")]
        found = [n for n in usual if n in self.definitions]
        defined = [n for n in self.definitions if not n.endswith("'")]
        return found[0] if found else defined[-1] if defined else "L"

    # ---- the givens ------------------------------------------------------------------

    def is_leaf(self, name: str) -> bool:
        return name not in self.definitions and not name.endswith("'")

    def _read_givens(self, chain: Chain) -> None:
        links = chain.links
        for i, link in enumerate(links):  # w1 = w2 = 1: a number written for a run of names
            if isinstance(link, Num):
                j = i  # the run's first name: they are given in the order written
                while j > 0 and _is_name(links[j - 1]) and self.is_leaf(links[j - 1].name):
                    j -= 1
                for name in links[j:i]:
                    self._given(name.name, link.text, chain.line, "given")
        for formula, f, n in substitutions(chain):  # a number substituted for a leaf
            if isinstance(f, Name) and self.is_leaf(f.name) and isinstance(n, Num):
                how = f"read from {_abbreviated(formula)} at line {chain.line}"
                self._given(f.name, n.text, chain.line, how)

    def _given(self, name: str, text: str, line: int, how: str) -> None:
        self.given_values.setdefault(name, []).append(Given(name, text, line, how))

    # ---- the graph ---------------------------------------------------------------------

    def nodes(self) -> dict[str, Value]:
        """Every defined name's node, each given a leaf labelled with its name."""
        if self._nodes is None:
            self._nodes = {}
            self._passes = Passes(self._nodes.values())  # the nodes built when first asked
            for name in self._order():
                if name in self._nodes:  # built early, for a partial the page gives
                    continue
                try:  # one formula that cannot be computed leaves the others be
                    self._nodes[name] = self._node(name)
                except (Unknown, ArithmeticError, ValueError) as why:
                    self.failed[name] = str(why)
        return self._nodes

    @property
    def passes(self) -> Passes:
        """The derivative passes over the part's graph (built first, if it is not yet)."""
        self.nodes()
        return self._passes

    def _order(self) -> list[str]:
        """Defined names after the names they read (iterative depth-first), cycles refused."""
        order: list[str] = []
        state: dict[str, int] = {}  # 1 on the stack, 2 done
        for start in self.definitions:
            stack = [(start, iter(self._reads(start)))]
            state.setdefault(start, 1)
            if state[start] == 2:
                continue
            while stack:
                name, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    state[name] = 2
                    order.append(name)
                elif child in self.definitions or child.endswith("'"):
                    if state.get(child) == 1:
                        self.failed[child] = f"{child} is defined in terms of itself"
                    elif child not in state:
                        state[child] = 1
                        stack.append((child, iter(self._reads(child))))
        return order

    def _reads(self, name: str) -> list[str]:
        e = self.definition(name)
        if e is None:
            return []
        found = []
        for n in names_in(e):
            if n.startswith("∂"):
                top, bottom = n[1:].split("/∂")
                found += [self.loss_letters.get(top, top), bottom]
            else:
                found.append(n)
        return found

    def definition(self, name: str) -> Expr | None:
        """The formula that defines ``name``; an update's default is ``w − rate · ∂loss/∂w``."""
        if name in self.definitions:
            return self.named_numbers.get(name, self.definitions[name][0])
        old = name.rstrip("'")
        if name != old and old not in self.definitions and self.rate is not None:
            return Call(
                "sub", (Name(old), Call("mul", (Name(self.rate), Derivative(self.loss, old))))
            )
        if name == old + "'" and old in self.definitions and self._moves_with_update(old):
            return self._after_update(old)
        return None

    def below(self, name: str) -> set[str]:
        """The names ``name`` is computed from, through the page's formulas."""
        below, stack = set(), [name]
        while stack:
            for n in self._reads(stack.pop()):
                if n not in below:
                    below.add(n)
                    stack.append(n)
        return below

    def _moves_with_update(self, name: str) -> bool:
        """Whether ``name`` is computed, through the page's formulas, from a parameter the
        page updates (``w2'`` written): its value after the update differs."""
        return any(n + "'" in self.written for n in self.below(name))

    def _after_update(self, name: str) -> Expr | None:
        """``L'``, the loss after the step, where the page writes only its number: ``L``'s
        formula with each name it reads after the update (``w2'`` for an updated ``w2``, ``ŷ'``
        for a quantity computed from one), as the page computes it again. None where a name
        read beside a moving one is given only as a number and computed off the page: another
        component of a moving family (``E_o2`` beside ``E_o1``, ``out_o2`` beside ``out_o1``:
        one name, another index) or a quantity the page differentiates (``∂E_o2/∂out_h1``);
        its value after the step is not the page's."""
        e = self.definition(name)
        names = list(dict.fromkeys(names_in(e)))
        moved = [n for n in names if n + "'" in self.written
                 or (n in self.definitions and self._moves_with_update(n))]  # fmt: skip
        families = {_family(n) for n in moved}
        stated = [n for n in names if n not in moved and n not in self.definitions
                  and (_family(n) in families or n in self.partials_given)]  # fmt: skip
        if stated:
            self.failed.setdefault(name + "'", (
                f"{name} after the update: {stated[0]} is written only as a number (computed off "
                f"the page), so {name} cannot be worked again with the updated values"))
            return None
        for n in moved:
            e = replaced(e, n, Name(n + "'"))
        return e

    def _node(self, name: str) -> Value:
        if name in self.givens:
            return self._moved_by_partials(name, Value(self.givens[name], label=name))
        e = self.definition(name)
        if e is None:
            raise Unknown(self.failed.get(name, self._no_value(name)))
        node = evaluate(e, self._lookup)
        if isinstance(e, Name):
            return node  # ŷ = a: the same quantity, one node
        if node.label is not None:
            node = node.clone()
        node.label = name
        return self._moved_by_partials(name, node)

    def _moved_by_partials(self, name: str, node: Value) -> Value:
        """``node`` moving with each quantity the page differentiates it by, at the rate the
        page gives, where the model does not compute it from that quantity (``E_o2 =
        0.0236`` with ``∂E_o2/∂out_h1 = −0.019``: E_o2 + (−0.019)·(out_h1 − its value)); its
        value is unchanged. A partial the model can compute is judged instead."""
        below: set[Value] | None = None  # what node is computed from: one walk for all
        for bottom, rate in self.partials_given.get(name, []):
            # by a quantity the page computes (out_h1), never by a parameter: ∂J/∂w = 0.0409
            # is a result to judge, and read as given it would judge the rest by its rounding
            if bottom not in self.definitions:
                continue
            x = self._built_apart(bottom)
            if x is None:
                continue
            if below is None:
                below = set(topological_order(node))
            if x in below or node in self._passes.computed_from(x):
                continue
            if not self._sibling_moves(name, x):
                continue  # nothing beside it moves with x either: the page's model is not here
            moved = node + Value(rate) * (x - x.data)
            moved.label, node.label = name, None
            node = moved
            below.update(order_above(below, moved))  # what the move adds, walked once
            self.partials_taken.add((name, bottom))
        return node

    def _lookup(self, e: Name | Derivative) -> Value:
        if isinstance(e, Derivative):
            return Value(self.derivative(e))
        nodes = self._nodes if self._nodes is not None else {}
        if e.name in nodes:
            return nodes[e.name]
        if e.name in self.failed:
            raise Unknown(self.failed[e.name])
        if e.name in self.givens:
            node = self._moved_by_partials(e.name, Value(self.givens[e.name], label=e.name))
            nodes[e.name] = node
            return node
        if e.name not in self.definitions and self.definition(e.name) is not None:
            nodes[e.name] = self._node(e.name)  # an update no formula defines
            return nodes[e.name]
        if e.name == "e" and "e" not in self.definitions:
            return Value(math.e)
        raise Unknown(self._no_value(e.name))

    def _no_value(self, name: str) -> str:
        """Why ``name`` has no value: never given, or (``H1'``) a quantity after the update
        that the page computes from no parameter (its inputs are numbers, not formulas)."""
        base = name.rstrip("'")
        if base == name or base not in self.definitions:
            return no_value({name}, known=self.written)
        if name in self.failed:  # E_total after the step, with E_o2 a number (see _after_update)
            return self.failed[name]
        if not self._moves_with_update(base):
            return (f"{base} after the update: the page computes {base} from numbers, not from "
                    "the parameters the update changes")  # fmt: skip
        return f"{base} after the update: write its formula with the updated values ({name} = …)"

    def is_loose(self, name: str) -> bool:
        """Whether ``name`` is a given that no formula of the part reads (``z1 = 0.5`` written
        beside ``h = σ(w1 x)``): a result the page states, which moves with nothing."""
        if self._read_by_formulas is None:
            self._read_by_formulas = {n for d in self.definitions for n in self._reads(d)}
        return name in self.givens and name not in self._read_by_formulas

    def partial_taken(self, q: Expr) -> bool:
        """Whether ``q`` is a derivative the model takes as the page gives it."""
        return isinstance(q, Derivative) and q.of is None and (
            (self.loss_letters.get(q.top, q.top), q.bottom) in self.partials_taken)

    def _built(self, name: str) -> Value:
        """``name``'s node, built now if the part's order has not reached it yet."""
        nodes = self._nodes if self._nodes is not None else {}
        if name not in nodes:
            if name not in self.definitions:
                return self._lookup(Name(name))
            nodes[name] = self._node(name)
        return nodes[name]

    def _sibling_moves(self, name: str, x: Value) -> bool:
        """Whether a quantity read beside ``name`` (E_o1 beside E_o2 in E_total) is computed
        from ``x``: then the page's model reaches x, and only ``name``'s way there is off the
        page."""
        for parent in self.definitions:
            reads = self._reads(parent)
            if name not in reads:
                continue
            for sibling in reads:
                if sibling == name:
                    continue
                node = self._built_apart(sibling)
                if node is not None and x in self._passes.computed_from(node):
                    return True
        return False

    def _built_apart(self, name: str) -> Value | None:
        """``name`` built with the search marked as looking at it (a formula reading back to
        it is then passed over, never recursed into); None where that or the build fails."""
        if name in self._searching:
            return None
        self._searching.add(name)
        try:
            return self._built(name)
        except (Unknown, ArithmeticError, ValueError):
            return None
        finally:
            self._searching.discard(name)

    def node(self, name: str) -> Value:
        nodes = self.nodes()
        return nodes[name] if name in nodes else self._lookup(Name(name))

    def derivative(self, d: Derivative) -> float:
        """``∂top/∂bottom`` by the engine: every path from the top down to the bottom."""
        d = self.as_page_names(d)
        if d.of is None and d.top in self.partly and d.top not in self.definitions:
            return self._partial(d.top, d.bottom)
        bottom = self.node(d.bottom)
        top = evaluate(d.of, self._lookup) if d.of is not None else self.node(d.top)
        if d.of is not None:  # a fresh expression: its own pass
            found = self.passes.sweep(top, bottom)
        else:
            found = self.passes.tangents(top, bottom)
            if top not in found:
                top = self._through(d.top, bottom) or top  # f = 1/(1 + e^−dot), then f = 1/s
                found = self.passes.sweep(top, bottom) if top not in found else found
        named = "d" + d.bottom  # dw5 = δ1·H1, the gradient for w5 as code names it
        if top not in found and d.of is None and d.top == self.loss and named in self.definitions:
            return self.node(named).data
        stated = self._stated_below(d.top) if d.of is None else []
        if top in found and stated and self._through_worked(d.top, d.bottom):
            found = {}  # out_h2 worked as out_h1 is moves E_o2 too, a number on the page
        if top not in found:
            what = show(d.of) if d.of is not None else d.top
            if stated:  # E_total reads out_o2 = 0.7729, which the page works off the page
                numbers = "a number" if len(stated) == 1 else "numbers"
                raise Unknown(f"{what} is not computed from {d.bottom} here: it reads "
                              f"{', '.join(stated)}, written only as {numbers} (the formula, in "
                              f"{d.bottom} perhaps, is not on the page)")  # fmt: skip
            raise Unknown(f"{what} is not computed from {d.bottom} here; define it in terms "
                          f"of {d.bottom} (e.g. in the front matter)")  # fmt: skip
        return float(found[top])

    def _through_worked(self, top: str, bottom: str) -> bool:
        """Whether ``top`` reaches ``bottom`` through a unit worked as its sibling is (out_h2,
        written only as a number): the other units the page gives only as numbers read it
        too, and move with ``bottom`` as no formula of the page says."""
        return any(bottom in self.below(n) for n in self.worked_as if n in self.below(top))

    def _stated_below(self, name: str) -> list[str]:
        """The numbers ``name`` is computed from that stand for quantities of the page's
        model: another component of a family it defines (``out_o2 = 0.7729`` beside ``out_o1 =
        σ(net_o1)``), given only as a number."""
        below = self.below(name)
        families = {_family(n) for n in below if n in self.definitions}
        return sorted(n for n in below if n in self.givens and n not in self.definitions
                      and _family(n) in families and _family(n) != n)  # fmt: skip

    def _partial(self, top: str, bottom: str) -> float:
        """The partial of a formula some of whose names have no value, by a name it reads,
        judged where those names do not move it: computed with them at two unrelated values,
        it is the same (∂/∂ŷ1 of ½(t1 − ŷ1)² + ½(t2 − ŷ2)² is −(t1 − ŷ1), whatever t2)."""
        formula, unknown = self.partly[top]
        if bottom not in names_in(formula) or bottom in unknown:
            raise Unknown(self.failed[top])
        self.nodes()
        x, found = self.node(bottom), []
        for held in UNRELATED:

            def lookup(e: Name | Derivative, held: float = held) -> Value:
                if isinstance(e, Name) and e.name in unknown:
                    return Value(held, label=e.name)
                return self._lookup(e)

            try:  # log(t2) at a value it cannot take: no value either
                node = evaluate(formula, lookup)
            except (ArithmeticError, ValueError):
                raise Unknown(self.failed[top]) from None
            found.append(self.passes.sweep(node, x).get(node, 0.0))
        if not close(*found):
            raise Unknown(self.failed[top])
        return float(found[0])

    def as_page_names(self, d: Derivative) -> Derivative:
        """``d`` in the names the page defines: a loss letter it never defines is its loss
        (``∂E/∂y1`` with ``E_total`` the loss), and a bottom that names nothing is the one
        name the top is computed from that holds it as a word (``∂y1/∂net`` with ``y1 =
        σ(y1_net)``: ``y1_net``)."""
        top = self.loss_letters.get(d.top, d.top) if d.of is None else d.top
        bottom = d.bottom
        if bottom not in self.written and top in self.definitions:
            reads = {n for n in self._reads(top) if bottom in n.split("_")}
            bottom = reads.pop() if len(reads) == 1 else bottom
        return d if (top, bottom) == (d.top, d.bottom) else Derivative(top, bottom, d.of)

    def _through(self, name: str, bottom: Value) -> Value | None:
        """``name`` by another formula the document writes for it, one that reads ``bottom``
        and gives the same value. A formula that needs this very search again (it reads a
        derivative of ``name``) is passed over: the search never recurses into itself."""
        if name in self._searching:
            return None
        self._searching.add(name)
        try:
            return self._through_formulas(name, bottom)
        finally:
            self._searching.discard(name)

    def _through_formulas(self, name: str, bottom: Value) -> Value | None:
        for e in self.formulas.get(name, []):
            try:
                node = evaluate(e, self._lookup)
            except (Unknown, ArithmeticError, ValueError):
                continue
            same = close(node.data, self.node(name).data)
            if same and bottom in set(topological_order(node)):
                return node
        return None

    def value(self, e: Expr) -> float:
        """The exact value of an expression at the givens."""
        self.nodes()
        return evaluate(e, self._lookup).data


#: Where a variable the page differentiates by and never gives is drawn, one value a
#: variable: no round number, no special point of the activations (0, ±1), inside every
#: function's domain. The judge moves them as it moves givens, so a formula is judged at
#: several points of each, as an identity in the variable.
FREE_POINTS = (0.4142135623730951, 0.7320508075688772, 0.2360679774997897, 0.6457513110645906)
#: Where they are drawn again when a formula of the part has no value there (outside the
#: domain of a log or a root: ln(x − 1)); added to each of ``FREE_POINTS``.
FREE_SHIFTS = (0.0, 2.0, 7.0, -3.0)


def _descends_a_loss(chains: list[Chain], defined: set[str]) -> bool:
    """Whether the page has a loss for its updates to descend: one by a usual name (L,
    E_total, J, …) defined by a formula, or a derivative by a parameter it updates (∂E/∂w
    or dw beside w' = …): the gradient the update steps along."""
    if any(n in defined for n in ("L", *LOSS_NAMES)):
        return True
    updated = {c.quantity.name[:-1] for c in chains
               if _is_name(c.quantity) and c.quantity.name.endswith("'")}  # fmt: skip
    named = {c.quantity.name for c in chains if _is_name(c.quantity)}
    if any("d" + p in named for p in updated):  # dw, the gradient as code names it
        return True
    return any(d.bottom in updated for c in chains for link in c.links
               for d in _derivatives_in(link))  # fmt: skip


def free_variables(chains: list[Chain], written: set[str]) -> dict[str, float]:
    """The variables the page differentiates by (``dy/dx``, ``∂/∂x``) that its formulas read
    and that it never gives nor defines (``z = 3x − 2``, ``dy/dx = 3σ(z)(1 − σ(z))``): the
    symbolic derivatives of a page are identities in them, judged at drawn values.

    >>> from autograd.audit.read_text import read_text
    >>> free_variables(read_text("z = 3x − 2\\ndz/dx = 3").parts[0].chains, {"z"})
    {'x': 0.4142135623730951}
    """
    bottoms = [d.bottom for c in chains for link in c.links for d in _derivatives_in(link)]
    read = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    free = [b for b in dict.fromkeys(bottoms) if b in read and b not in written]
    moved = {b: {b} for b in free}  # what each free variable moves, in the page's order
    for c in chains:
        reads = {n for link in c.links for n in names_in(link)}
        for its in moved.values():
            if not its & reads:
                continue
            if any(_piecewise(link) for link in c.links):
                return {}  # relu(x − 0.5): dy/dx = 1 holds for x > 0.5 only, as pages mean it
            its.update(names_in(c.quantity))
    # a number worked out from one of them (z = w x + b = (1.5·0.8) − 1.0 = 0.2) is worked at
    # a point the page gives by substituting it, however it writes it: no identity in it
    worked = {n for c in chains if any(not names_in(link) for link in c.links[1:])
              for link in c.links[1:] for n in names_in(link)}  # fmt: skip
    free = [b for b in free if not moved[b] & worked]
    return dict(zip(free, FREE_POINTS))


#: Functions whose derivative a page states on one side of a kink (relu' = 1 where z > 0)
PIECEWISE = ("relu", "relu'", "max", "abs")


def _piecewise(e: Expr) -> bool:
    return isinstance(e, Call) and (e.fn in PIECEWISE or any(map(_piecewise, e.args)))


def _derivatives_in(e: Expr) -> Iterator[Derivative]:
    if isinstance(e, Derivative):
        yield e
        if e.of is not None:
            yield from _derivatives_in(e.of)
    elif isinstance(e, Call):
        for a in e.args:
            yield from _derivatives_in(a)


# W_i, x_ij, δ_o, x_t (a time), W⁽l⁾, A⁽l-1⁾ (as written, W[l]): a symbol indexed by a letter
# the page never fixes, one of a family
_TEMPLATE = re.compile(r"[^\W\d_]\w*?_[ijklmnoptT]{1,2}'?|\w+⁽[a-zA-Z][\w-]*⁾'?|\w+[ᵢⱼₖₗₘₙₒ]'?")


def _instance_formula(
    t: Template, inst: Instance, numbers: Expr, known: set[str]
) -> tuple[Expr | None, tuple[int, int]]:
    """The template ``t`` at the instance's index, each part of it with no value (in
    ``known``) replaced by the number ``numbers`` writes in its place; and how many of the
    template's own numbers the instance writes otherwise, how many parts were replaced;
    None where the numbers do not fit its shape, or write a name or a formula for such a
    part."""
    try:
        formula = instantiated(t.formula, t.letter, t.at(inst.value or 0), inst.glued)
    except ValueError:  # v0 of v_t = β v_{t-1} + …: before the first
        return None, (0, 0)
    differ: list[tuple[Num, Num]] = []  # 0.25 written for the formula's 0.5: judged wrong
    pairs = bindings(formula, numbers, constants=differ, values=True)
    if pairs is None or not (pairs or differ):
        return None, (0, 0)
    taken: dict[Expr, Expr] = {}
    for sym, sub in pairs:
        open_names = {n for n in names_in(sym) if n.split("/∂")[0].lstrip("∂") not in known}
        if not open_names:
            continue
        if reads_names(sub) or not isinstance(sym, (Name, Call)) or sym in taken:
            return None, (0, 0)
        taken[sym] = sub
    for sym, sub in taken.items():  # ∇L(θ_2)² written 4.0, β given nowhere written 0.9
        formula = _replaced_part(formula, sym, sub)
    return formula, (len(differ), len(taken))


def _replaced_part(e: Expr, part: Expr, by: Expr) -> Expr:
    """``e`` with each occurrence of the subexpression ``part`` replaced by ``by``."""
    if e == part or ungrouped(e) == part:
        return by
    if isinstance(e, Call):
        return Call(e.fn, tuple(_replaced_part(a, part, by) for a in e.args))
    return e


def no_value(
    names: set[str], reads: set[str] = frozenset(), known: set[str] = frozenset()
) -> str:
    """Why a formula reading ``names``, which have no value (among all it ``reads``; the page
    writes ``known``), is not computed: a general formula, where one of them is indexed by a
    letter (``Z⁽l⁾ = W⁽l⁾A⁽l-1⁾ + b⁽l⁾``, ``∂y/∂W_i = x_i·y(1 − y)``, ``Iₖ``, or ``Ik`` where
    the page has ``I1``) or is the letter that indexes another, holding for each value of the
    index, or where all it lacks are derivatives of symbols (the chain rule, ``dz/dx = dz/dy ·
    dy/dx``); else they are to be given.

    >>> no_value({"W_i", "x_i"})
    'the general formula over the index of W_i, x_i: the page gives it no values'
    >>> no_value({"A", "l"}, {"A", "l", "dZ⁽l⁾"})
    'the general formula over the index of dZ⁽l⁾, l: the page gives it no values'
    >>> no_value({"x"})
    'x has no value: give it (e.g. in the front matter)'
    """
    if not names:  # y = y: a formula that reads only what it defines
        return "written equal to itself, which gives it no value"
    indices = {m for n in reads for m in re.findall(r"⁽([a-zA-Z])[^⁽⁾]*⁾|_([a-z])'?$", n)}
    letters = {a or b for a, b in indices}
    # Ik where the page writes I1: the k-th of a family
    family = {n for n in names if re.fullmatch(r"\w*[^\W\d][ijkn]", n)
              and any(n[:-1] + d in known for d in "0123456789")}  # fmt: skip
    indexed = sorted(n for n in {*names, *reads}
                     if _TEMPLATE.fullmatch(n) or n in letters | family)  # fmt: skip
    if all(re.fullmatch(r"[d∂].+/[d∂].+", n) for n in names):  # dz/dx = dz/dy · dy/dx
        return "the general formula, in derivatives of symbols the page gives no values"
    if indexed:
        over = ", ".join(indexed)
        return f"the general formula over the index of {over}: the page gives it no values"
    return f"{', '.join(sorted(names))} has no value: give it (e.g. in the front matter)"


def _family(name: str) -> str:
    """The name without its last index, which names one of a family (``E_o1``, ``E_o2``:
    ``E_o``; ``y_2``: ``y``); a layer's mark stays (``z⁽2⁾``), it names another quantity."""
    return re.sub(r"_?\d+(?=(?:⁽\w+⁾)?$)", "", name)


def _loss_letters(chains: list[Chain], written: set[str]) -> dict[str, str]:
    """``{"L": "Loss"}`` where derivatives are taken of a loss letter the page never gives a
    value or a formula, and the page defines one loss under another name."""
    defined = {c.quantity.name for c in chains if _is_name(c.quantity) and len(c.links) > 1}
    loss = next((n for n in LOSS_NAMES if n in defined), None)
    if loss is None:
        return {}
    tops = {n[1:].split("/∂")[0] for c in chains for link in c.links for n in names_in(link)
            if n.startswith("∂") and "/∂" in n}  # fmt: skip
    return {t: loss for t in tops if t in LOSS_LETTERS and t not in written and t != loss}


def _short_names(
    chains: list[Chain], definitions: dict[str, tuple[Expr, Chain]]
) -> dict[str, tuple[str, Chain]]:
    """The names a page gives a computed quantity for short (``Let z1 = 0.235`` after
    ``Z1⁽2⁾ = … = 0.235``): a name only given a number, that is the quantity's name but for
    its case and layer mark, given the number written for it. One quantity fits, or none."""
    fold = {}  # z1 → Z1⁽1⁾, Z1⁽2⁾: the defined names by their folded form
    for name in definitions:
        fold.setdefault(_folded(name), []).append(name)
    written: dict[str, set[Decimal]] = {}  # the numbers written as each quantity's value
    for c in chains:
        if _is_name(c.quantity) and isinstance(c.links[-1], Num) and len(c.links) > 1:
            written.setdefault(c.quantity.name, set()).add(c.links[-1].value)
    found = {}
    for c in chains:
        q = c.quantity
        if not (_is_name(q) and q.name not in definitions and len(c.links) == 2
                and isinstance(c.links[1], Num)):  # fmt: skip
            continue
        fits = [n for n in fold.get(_folded(q.name), []) if n != q.name
                and c.links[1].value in written.get(n, ())]  # fmt: skip
        if len(fits) == 1:
            found.setdefault(q.name, (fits[0], c))
    return found


def _folded(name: str) -> str:
    return re.sub(r"⁽\w+⁾", "", name).lower()


def _implied(chains: list[Chain], written: set[str]) -> dict[str, tuple[Expr, Num, Chain]]:
    """The names no line gives that the page uses on several lines (a constant it relies on,
    as a sheet's ``Tiny``), each read from the first line that adds it to given quantities
    and writes the sum (``E7 = E2 + Tiny = 0.8001``): the rest of that sum, the number and
    the line. A name used once stays one with no value (``y = x + 1 = 3``)."""
    uses: dict[str, int] = {}
    for c in chains:
        for n in {n for link in c.links[1:] for n in names_in(link)} - written:
            uses[n] = uses.get(n, 0) + 1
    found: dict[str, tuple[Expr, Num, Chain]] = {}
    for c in chains:
        formula, total = (c.links[1], c.links[-1]) if len(c.links) > 2 else (None, None)
        if not (isinstance(formula, Call) and formula.fn == "add" and isinstance(total, Num)):
            continue
        unknown = [a for a in formula.args if isinstance(a, Name) and a.name not in written]
        rest = [a for a in formula.args if a not in unknown]
        names = {n for a in rest for n in names_in(a)}
        if (len(unknown) == 1 and uses.get(unknown[0].name, 0) > 1 and names
                and unknown[0].name not in found and names <= written):  # fmt: skip
            found[unknown[0].name] = (rest[0] if len(rest) == 1 else Call("add", tuple(rest)),
                                      total, c)  # fmt: skip
    return found


def _given_gradients(
    chains: list[Chain], written: set[str]
) -> dict[str, dict[str, tuple[Expr, Chain]]]:
    """A loss the page never writes, only its gradient by a formula (``∂J/∂a2 = a2 − y``,
    the cost named in words): for each such loss, each quantity its gradient is written by,
    with the formula. Backpropagation starts from that gradient, as the page's does (the
    model defines the loss as ``Σ held(∂J/∂a)·a``; its own value means nothing, and no line
    writes one)."""
    found: dict[str, dict[str, tuple[Expr, Chain]]] = {}
    for c in chains:
        q = c.quantity
        if not (isinstance(q, Derivative) and q.of is None) or q.top in written:
            continue
        formula = next((f for f in c.links[1:] if reads_names(f) and is_formula(f)), None)
        if formula is not None and q.bottom in written:
            found.setdefault(q.top, {}).setdefault(q.bottom, (formula, c))
    return found


#: A number substituted with this many significant digits or more, written as the result of
#: exactly one quantity, is that quantity (½(0.01 − 0.751365069)²: 0.751365069 is a_o1).
NAMED_DIGITS = 4

#: Two values, related to no number a page writes, for the names a formula reads and the page
#: never gives: a partial that is the same at both does not depend on them.
UNRELATED = (0.3183098862, 0.7071067812)


def _results(chains: list[Chain]) -> dict[str, dict[Expr, int]]:
    """The quantities each number is written as the result of, by the number's text, with the
    first line each is written on: names, and functions of names (e^Z1⁽4⁾ = 1.0543, an entry of
    e^Z written out)."""
    found: dict[str, dict[Expr, int]] = {}
    for c in chains:
        q = c.quantity
        named = _is_name(q) or (isinstance(q, Call) and reads_names(q))
        if named and isinstance(c.links[-1], Num) and len(c.links) > 1:
            found.setdefault(c.links[-1].text, {}).setdefault(q, c.line)
    return found


def _as_named(e: Expr, results: dict[str, dict[Expr, int]], own: str, line: int) -> Expr:
    """``e`` with each long number that is one other quantity's written result as that
    quantity: the page computes E_o1 = ½(0.01 − 0.751365069)² from a_o1, as a reader sees.
    Only a result written before (or on) ``line`` can be copied: a later one is not yet there
    (the running total ``∇W ← 0 + 1 × 0.3375`` is not its next value, 0.3375 again)."""
    stack, done = [e], {}  # bottom-up, without recursion
    while stack:
        x = stack[-1]
        if isinstance(x, Call) and any(id(a) not in done for a in x.args):
            stack.extend(a for a in x.args if id(a) not in done)
            continue
        stack.pop()
        if isinstance(x, Num):
            names = [q for q, at in results.get(x.text, {}).items()
                     if at <= line and q != Name(own)]  # fmt: skip
            digits = len(x.text.lstrip("-−–").replace(".", "").lstrip("0"))
            done[id(x)] = names[0] if len(names) == 1 and digits >= NAMED_DIGITS else x
        elif isinstance(x, Call):
            done[id(x)] = Call(x.fn, tuple(done[id(a)] for a in x.args))
        else:
            done[id(x)] = x
    return done[id(e)]


def _partials_given(chains: list[Chain], loss_letters: dict[str, str]) -> dict[str, list]:
    """Each derivative the page writes as a bare number (``∂E_o2/∂out_h1 = −0.019049119``),
    by its top: the bottom and the number (the first such line for each pair)."""
    found: dict[str, dict[str, float]] = {}
    for c in chains:
        q = c.quantity
        if not (isinstance(q, Derivative) and q.of is None) or len(c.links) != 2:
            continue
        if isinstance(c.links[1], Num) and q.top != q.bottom:
            top = loss_letters.get(q.top, q.top)
            found.setdefault(top, {}).setdefault(q.bottom, float(c.links[1].value))
    return {top: list(by.items()) for top, by in found.items()}


#: The functions a worksheet may call, as the engine's Value operations.
UNARY: dict[str, Callable[[Value], Value]] = {
    "exp": Value.exp,
    "log": Value.log,
    "log2": lambda x: x.log() / math.log(2),  # −log₂ 0.5 = 1 bit, as entropy is written
    "log10": lambda x: x.log() / math.log(10),
    "sqrt": Value.sqrt,
    "σ": Value.sigmoid,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "σ'": lambda x: x.sigmoid() * (1 - x.sigmoid()),  # as the derivative a document writes
    "tanh'": lambda x: 1 - x.tanh() ** 2,
    "relu'": lambda x: Value(1.0 if x.data > 0 else 0.0),  # a step: its own derivative is 0
    "neg": Value.__neg__,
    "group": lambda x: x,
    "held": lambda x: Value(x.data),  # a gradient the page gives: its value, no path back
}


def evaluate(
    e: Expr,
    lookup: Callable[[Name | Derivative], Value],
    number: Callable[[Num], Value] | None = None,
) -> Value:
    """The engine's Value for ``e``; names and derivatives come from ``lookup``, and numbers
    from ``number`` when given (to differentiate by them)."""
    if isinstance(e, Num):
        return Value(float(e.value)) if number is None else number(e)
    if isinstance(e, (Name, Derivative)):
        if isinstance(e, Name) and e.name == "e":
            try:
                return lookup(e)
            except Unknown:
                return Value(math.e)
        return lookup(e)
    if e.fn == "add" and _weighted_sum(e):  # a neuron's Σ w·x + b: one node, as nn's
        return _dot(e, lambda a: evaluate(a, lookup, number))
    args = [evaluate(a, lookup, number) for a in e.args]
    out = _call(e, args)
    if number is None and all(isinstance(a, Num) for a in e.args):
        return Value(out.data)  # ½ written as 1/2: one constant, as a number is
    return out


def _call(e: Call, args: list[Value]) -> Value:
    """The operation ``e`` names, on its arguments' Values."""
    if e.fn == "add":
        return _sum(args)
    if e.fn == "mul":
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if e.fn == "sub":
        return args[0] - args[1]
    if e.fn == "div":
        return args[0] / args[1]
    if e.fn == "pow":
        base, exponent = e.args
        if isinstance(base, Name) and base.name == "e" and (
            args[0].data == math.e or not (isinstance(exponent, Num) and exponent.exact)
        ):  # e^{-0.9}, e^{-z} are Euler's even where the page calls its error e (and squares
            # it: e^2, a whole power, is the error's)
            return args[1].exp()
        if isinstance(exponent, Num) and exponent.exact:
            return args[0] ** int(exponent.value)
        return args[0] ** args[1]
    if e.fn == "max":
        out = args[0]
        for a in args[1:]:
            out = (a - out).relu() + out
        return out
    if e.fn.startswith("softmax_"):  # softmax_2(z1, z2): output 2 of softmax, one node
        k = int(e.fn.split("_")[1])
        if not 1 <= k <= len(args):
            raise Unknown(f"{e.fn}: output {k} of softmax over {len(args)} inputs")
        return apply(ops.softmax(k - 1), *args)
    if e.fn in DEFINED:  # an operation of autograd.op: its own row
        operation = DEFINED[e.fn]
        if len(args) != len(operation.parameters):
            raise Unknown(f"{e.fn} takes {len(operation.parameters)} arguments, got {len(args)}")
        return operation(*args)
    if e.fn not in UNARY:  # a function the page names but never writes out
        raise Unknown(f"{e.fn} is a function whose formula the page does not write out")
    if len(args) != 1:
        raise Unknown(f"{e.fn} takes one argument, got {len(args)}")
    return UNARY[e.fn](args[0])


def _weighted_sum(e: Call) -> bool:
    """``w1·x1 + (w2 × x2) + b``: products of two names, then at most one name (the bias)."""
    *terms, last = map(ungrouped, e.args)
    products = [*terms, last] if _is_product(last) else terms
    bias = _is_product(last) or isinstance(last, Name)
    return bool(products) and bias and all(_is_product(t) for t in products)


def _is_product(e: Expr) -> bool:
    return (isinstance(e, Call) and e.fn == "mul" and len(e.args) == 2
            and all(isinstance(a, Name) for a in e.args))  # fmt: skip


def _dot(e: Call, value: Callable[[Expr], Value]) -> Value:
    """``Σ w·x + b`` as one node, as a neuron of ``nn`` computes it: a chain-rule path reads
    ``∂z/∂w7 = a1``, and a picture of a worksheet is the picture of its network."""
    *terms, last = map(ungrouped, e.args)
    products = [t for t in (*terms, last) if _is_product(t)]
    weights = [value(t.args[0]) for t in products]
    inputs = [value(t.args[1]) for t in products]
    return dot(weights, inputs, 0.0 if _is_product(last) else value(last))


def _sum(terms: list[Value]) -> Value:
    out = terms[0]
    for t in terms[1:]:
        out = out + t
    return out


# ---- unification: which number was substituted for which symbol ---------------------


def _sigmoid_written_out(u: Expr) -> Expr:
    # σ(u) = 1/(1 + e^(−u)), as hand calculations substitute into it
    minus_u = Num("-" + u.text) if isinstance(u, Num) else Call("neg", (u,))
    return Call("div", (Num("1"), Call("add", (Num("1"), Call("pow", (Name("e"), minus_u))))))


_ARITHMETIC_OPS = frozenset({"add", "sub", "mul", "div", "pow", "neg", "group"})


def bindings(
    formula: Expr,
    numbers: Expr,
    either_sign: bool = False,
    constants: list[tuple[Num, Num]] | None = None,
    values: bool = False,
) -> list[tuple[Expr, Expr]] | None:
    """The symbols of ``formula`` each paired with what ``numbers`` writes in its place, when
    the two have the same shape (brackets aside); ``None`` when they do not. ``either_sign``:
    a positive number written for −u pairs with u as its negative (e^0.601 for e^(−u) puts
    −0.601 for u), to tell what a slip put there. ``constants``: where given, a number of the
    formula's own written as another (0.25 for its 0.5) is added to it, not a shape apart.
    ``values``: any part of the formula may be written as its value (a general formula's
    instance: ``(∇L(θ_2))²`` written 4.0).

    >>> from autograd.audit.read_chain import parse_chain
    >>> _, f, n = parse_chain("z = w1 x1 + b = (0.5 × 1) + 0.1")
    >>> [(show(a), show(b)) for a, b in bindings(f, n)]
    [('w1', '0.5'), ('x1', '1'), ('b', '0.1')]
    """
    out: list[tuple[Expr, Expr]] = []
    pending = [(formula, numbers)]
    while pending:
        f, n = pending.pop()
        f, n = ungrouped(f), ungrouped(n)
        if isinstance(f, (Name, Derivative)):
            if f != n:
                out.append((f, n))
        elif isinstance(f, Num):
            if isinstance(n, Num) and f.value != n.value and constants is not None:
                constants.append((f, n))
            elif not isinstance(n, Num) or f.value != n.value:
                return None
        elif isinstance(n, Call) and n.fn == f.fn == "add" and len(_terms(n)) == len(_terms(f)):
            pending.extend(zip(_terms(f), _terms(n)))  # (0.4·h1 + 0.45·h2) + 0.6: one sum
        elif f.fn == "add" and _is_sub(n) and len(_signed_terms(n)) == len(_terms(f)):
            pending.extend(zip(_terms(f), _signed_terms(n)))  # w a + b = 1.2 − 1.0: b = −1.0
        elif isinstance(n, Call) and n.fn == f.fn and len(n.args) == len(f.args):
            pending.extend(zip(f.args, n.args))
        elif isinstance(n, Num) and f.fn not in _ARITHMETIC_OPS and reads_names(f):
            out.append((f, n))  # relu'(z1) written as its value, 1: judged as that value
        elif f.fn == "σ":
            pending.append((_sigmoid_written_out(f.args[0]), n))
        elif f.fn == "neg" and _is_sub(f.args[0]) and _is_sub(n):  # −(t − a) = a − t
            pending.extend(zip(ungrouped(f.args[0]).args, reversed(ungrouped(n).args)))
        elif isinstance(n, Num) and f.fn == "neg" and n.text.startswith("-"):
            pending.append((f.args[0], Num(n.text[1:])))
        elif isinstance(n, Num) and f.fn == "neg" and either_sign:  # e^0.601 for e^(−u)
            pending.append((f.args[0], Num("-" + n.text)))
        elif isinstance(n, Num) and (f.fn in ("group", "sub", "add") or not reads_names(f)):
            out.append((f, n))  # (z − y) written as its value, 1, e^−0.3775 as 0.68566
        elif isinstance(n, Num) and values:
            out.append((f, n))
        else:
            return None
    out.reverse()
    return out


def _is_sub(e: Expr) -> bool:
    e = ungrouped(e)
    return isinstance(e, Call) and e.fn == "sub"


def _terms(e: Call) -> list[Expr]:
    """The terms of a sum, a bracketed sum among them opened: ``(a + b) + c`` → a, b, c
    (a stack, no recursion)."""
    out: list[Expr] = []
    stack = list(reversed(e.args))
    while stack:
        a = stack.pop()
        inner = ungrouped(a)
        if isinstance(inner, Call) and inner.fn == "add":
            stack.extend(reversed(inner.args))
        else:
            out.append(a)
    return out


def _signed_terms(e: Expr) -> list[Expr]:
    """The terms of a sum written with a number subtracted, that number as its negative:
    ``1.2 − 1.0`` → 1.2, −1.0 (a negative bias substituted into ``w a + b``); none where
    something else is subtracted (a product's sign is its own factor's, not read here)."""
    out: list[Expr] = []
    stack = [e]
    while stack:
        x = ungrouped(stack.pop())
        if isinstance(x, Call) and x.fn == "add":
            stack.extend(reversed(x.args))
        elif isinstance(x, Call) and x.fn == "sub":
            left, right = x.args
            right = ungrouped(right)
            if not isinstance(right, Num):
                return []
            negative = right.text[1:] if right.text.startswith("-") else "-" + right.text
            stack += [Num(negative), left]  # the left side's terms first, then the number
        else:
            out.append(x)
    return out


def orderings(formula: Expr, numbers: Expr) -> Iterator[list[tuple[Expr, Expr]]]:
    """``bindings``, and where a product's factors are written in another order, those too
    (at most ``MAX_REORDERED`` factors)."""
    first = bindings(formula, numbers)
    if first is not None:
        yield first
    f, n = ungrouped(formula), ungrouped(numbers)
    if (
        isinstance(f, Call)
        and isinstance(n, Call)
        and f.fn == n.fn
        and f.fn == "mul"  # factors in another order; a sum's terms are read in order
        and len(f.args) == len(n.args) <= MAX_REORDERED
    ):
        for p in permutations(n.args):
            if list(p) != list(n.args):
                b = bindings(f, Call(n.fn, p))
                if b is not None:
                    yield b


def _abbreviated(e: Expr) -> str:
    text = show(e)
    return text if len(text) <= 40 else text[:37] + "…"


def own_name(e: Expr) -> str:
    """The key a symbol's written values are kept under: ``w7`` or ``∂L/∂w7``."""
    if isinstance(e, Name):
        return e.name
    if isinstance(e, Derivative) and e.of is None:
        return f"∂{e.top}/∂{e.bottom}"
    if isinstance(e, Call) and reads_names(e):  # e^Z1⁽4⁾ = 1.0543: kept under its text
        return show(e)
    return ""
