"""The slips people make in a hand calculation, as data: one record each, tested in order.

A slip is a story of how a right value became the wrong one written: a sign dropped, a power
of ten off, another quantity's value copied, the other activation's derivative, a path of the
chain rule left out. Each record (a ``SlipRule``) names its ``kind``, the ``test`` that
recognises it (the values the slip would turn the right one into, each with the fields of its
message), the ``message`` that tells it, and a ``hint`` for the writer. The judge, the reports
and the hints read this one list.

A test looks at a :class:`Case`: what was written (a number, numbers substituted into a
formula, or a formula), the value it gives, the right value and the writer's own, and how
closely a hypothesis must give it back (``fits``). The first slip whose test fits tells it.

>>> diagnose(number_case("5.58e-4", [-5.584e-4, -5.5696e-4]))
'the sign is dropped (−5.58e−4 is right)'
>>> diagnose(number_case("5.57e-4", [-5.584e-4, -5.5696e-4]))  # from the writer's numbers
'the sign is dropped (your numbers give −5.57e−4; exactly it is −5.58e−4)'
>>> diagnose(number_case("0.0418", [0.4181]))
'a power of ten off: 0.4181 × 10^-1'
>>> [slip.kind for slip in SLIPS][:3]
['product not taken', 'sign dropped', 'path missing']
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, localcontext
from decimal import Context as DecimalContext
from typing import Any

from ..nn import ACTIVATIONS
from ..numtext import unit
from ..ops import Op
from ..value import Value
from .recompute import REL_TOL, UNARY, Model, Unknown, close, slack, within
from .verdict import agrees, shown
from .worksheet import Call, Derivative, Expr, Name, Num, names_in, show

__all__ = [
    "CONFUSABLE",
    "EVIDENCE_DIGITS",
    "FORMULA",
    "NUMBER",
    "NUMBERS",
    "POWERS_OF_TEN",
    "SLIPS",
    "Case",
    "Context",
    "SlipRule",
    "diagnose",
    "find",
    "formula_case",
    "number_case",
    "numbers_case",
    "tell",
]

NUMBER, NUMBERS, FORMULA = "number", "numbers", "formula"  # what a case looks at

#: Another quantity's value is evidence for a written number only when at least this many of
#: its significant digits agree: ``0.5`` or ``12`` match some value of any worksheet by chance.
EVIDENCE_DIGITS = 3

#: The powers of ten a number may be off by: a decimal point moved by one to three places,
#: or a 10⁻⁶ written for 10⁻³ (micro for milli); larger shifts are not slips of one place.
POWERS_OF_TEN = (-1, 1, -2, 2, -3, 3, -6, 6)


def _confusable() -> dict[str, Op]:
    """The activations whose op row writes the derivative from the output alone (σ′ = a(1 − a),
    tanh′ = 1 − a²): a hand calculation takes it at the written output, where one such
    formula is easily put for another. Derived from the rows, keyed by the worksheet's name."""
    rows = {f(Value(0.5)).op for f in ACTIVATIONS.values() if f is not None}
    found = {}
    for name, f in UNARY.items():
        row = f(Value(0.5)).op
        if row in rows and "IN" not in row.formulas("OUT", ["IN"])[0]:
            found[name] = row
    return found


#: worksheet function name → op row, for the activations whose derivatives are confused
CONFUSABLE: dict[str, Op] = _confusable()


class Context:
    """What a slip may have put in a quantity's place, read off the part's model: another
    quantity's value, the updated weight, the other activation's derivative, a chain-rule
    path. Built once per judged part (the sorted values are found once, by bisection after)."""

    def __init__(self, model: Model, written: dict[str, float] | None = None) -> None:
        self.model = model
        #: the writer's results so far, by quantity (``Own.results``): a slip may put one of
        #: their own numbers in another's place, not only an exact value
        self.written: dict[str, float] = written if written is not None else {}
        self._sorted: tuple[list[float], list[str]] | None = None

    def exact(self, key: str) -> float:
        """The exact value of a quantity by the key its written values are kept under
        (``w4'``, ``∂L/∂w7``); NaN where it has none."""
        q = Derivative(*key[1:].split("/∂")) if key.startswith("∂") and "/∂" in key else Name(key)
        try:
            return self.model.value(q)
        except (Unknown, ArithmeticError, ValueError, TypeError):
            return math.nan

    def values(self) -> tuple[list[float], list[str]]:
        """Every named quantity's value, sorted, to find the ones near a written number
        (a bisection each, not a pass over all names: linear cost for a whole document)."""
        if self._sorted is None:
            model = self.model
            quantities: list[Expr] = [Name(n) for n in [*model.givens, *model.definitions]]
            written = {n for c in model.part.chains for e in c.links for n in names_in(e)}
            # derivatives the document writes anywhere: ∂E_o1/∂out_h1 copied for another
            quantities += [Derivative(*n[1:].split("/∂")) for n in sorted(written) if "/∂" in n]
            pairs = []
            for q in quantities:
                try:
                    value = model.value(q)
                except (Unknown, ArithmeticError, ValueError):
                    continue
                if abs(value) not in (0.0, 1.0):
                    pairs.append((value, show(q)))
            pairs.sort()
            self._sorted = ([v for v, _ in pairs], [n for _, n in pairs])
        return self._sorted


@dataclass(frozen=True)
class Case:
    """Something written that is wrong, as the slips' tests see it."""

    kind: str  # NUMBER, NUMBERS or FORMULA
    quantity: Expr  # whose value it should be
    written: Expr | str  # the number, the numbers substituted, or the formula
    value: float  # what it gives
    targets: tuple[float, ...]  # the right value, and the one from the writer's own numbers
    fits: Callable[[float], bool]  # whether a slip's value gives what was written
    window: tuple[float, float]  # where another quantity's value may be the one written
    right: Callable[[float], str] = shown  # a right value as a message writes it
    context: Context | None = None
    n: float | None = None  # the count of samples, for a 1/n forgotten
    text: str = ""  # a written number's text, for its digits
    otherwise: str = ""  # what the error is, told when no slip fits
    beside: Expr | None = None  # the numbers a written result stands beside on its line

    @property
    def exact(self) -> float:
        return self.targets[0]

    def told(self, t: float, quoted: float | None = None) -> str:
        """A value ``t`` a slip was made from (``quoted`` as written), as a message tells it:
        the right one, or the one the writer's own numbers give, then the right one."""
        said = self.right(t if quoted is None else quoted)
        if t == self.exact:
            return f"{said} is right"
        return f"your numbers give {said}; exactly it is {self.right(self.exact)}"


@dataclass(frozen=True)
class SlipRule:
    """One slip: ``test`` gives, for each way it could have made what was written, the
    fields its ``message`` is written with; ``cases`` are the kinds of case it is tested on."""

    kind: str
    test: Callable[[Case], Iterator[dict[str, Any]]] = field(repr=False)
    message: str
    hint: str
    cases: frozenset[str] = frozenset({NUMBER, NUMBERS, FORMULA})


def _found(case: Case, candidate: float, **fields: Any) -> Iterator[dict[str, Any]]:
    if case.fits(candidate):
        yield fields


def _sign(case: Case) -> Iterator[dict[str, Any]]:
    for t in case.targets:
        yield from _found(case, -t, right=case.told(t))


def _path_missing(case: Case) -> Iterator[dict[str, Any]]:
    """A path through a quantity that accounts for the whole difference: the ones the top's
    formula reads directly first (∂E/∂h without the path through E_o2), then any other that
    every path of the left-out term passes (∂E/∂a1 without the path through z4)."""
    rest = case.exact - case.value
    for q, n, step, path in _between(case, direct_first=True):
        if rest != 0 and close(step * path, rest):
            yield {"through": n, "bottom": q.bottom, "path": shown(path)}
            return


def _between(
    case: Case, direct_first: bool = False
) -> Iterator[tuple[Derivative, str, float, float]]:
    """For ``case``'s derivative ∂top/∂bottom (δ3 = ∂L/∂z3 read as such), each quantity m of
    the part with ∂top/∂m and ∂m/∂bottom: the links of its chain rule."""
    q, model = case.quantity, case.context.model if case.context else None
    if model is None:
        return
    if isinstance(q, Name) and isinstance(model.definition(q.name), Derivative):
        q = model.definition(q.name)
    if not isinstance(q, Derivative) or q.of is not None:
        return
    top = model.definition(q.top)
    direct = sorted(set(names_in(top))) if direct_first and top is not None else []
    for m in [*direct, *(m for m in model.definitions if m not in direct)]:
        if m in (q.top, q.bottom):
            continue
        try:
            yield q, m, model.value(Derivative(q.top, m)), model.value(Derivative(m, q.bottom))
        except (Unknown, ArithmeticError, ValueError):
            continue


def _other_activation(case: Case) -> Iterator[dict[str, Any]]:
    """∂a/∂z for a = f(z): another activation's derivative, taken at a as f's would be."""
    q, model = case.quantity, case.context.model if case.context else None
    if model is None or not isinstance(q, Derivative) or q.of is not None:
        return
    unit = model.definitions.get(q.top, (None,))[0]
    if not (isinstance(unit, Call) and unit.fn in CONFUSABLE and unit.args == (Name(q.bottom),)):
        return
    a, t = model.value(Name(q.top)), q.top
    row = CONFUSABLE[unit.fn]
    for other in CONFUSABLE.values():
        if other is not row:
            yield from _found(
                case,
                float(other.local_grads(a, None)[0]),
                other=other.formulas(t, [q.bottom])[0],
                name=other.name,
                top=t,
                fn=unit.fn,
                bottom=q.bottom,
                formula=row.formulas(t, [q.bottom])[0],
            )


def _updated_used(case: Case) -> Iterator[dict[str, Any]]:
    """The updated weight, exact or as the writer wrote it, where the old one belongs."""
    q, model = case.quantity, case.context.model if case.context else None
    if model is None or not isinstance(q, Name):
        return
    updated = f"{q.name}'"
    if q.name in model.givens and model.definition(updated) is not None:
        try:
            values = [model.value(Name(updated))]
        except (Unknown, ArithmeticError, ValueError):
            values = []
        if updated in case.context.written:
            values.append(case.context.written[updated])
        for value in values:
            yield from _found(case, value, updated=updated, name=q.name)


def _another_value(case: Case) -> Iterator[dict[str, Any]]:
    """Another quantity's value, exact or as the writer wrote it, in this one's place."""
    if case.context is None:
        return
    values, names = case.context.values()
    low, high = case.window
    me = {show(case.quantity), case.written if isinstance(case.written, str) else show(
        case.written)}  # fmt: skip
    for i in range(bisect_left(values, low), bisect_right(values, high)):
        if names[i] not in me:
            yield from _found(
                case, values[i], other=names[i], value=shown(values[i]), me=show(case.quantity)
            )
    for name, value in case.context.written.items():  # the writer's own, rounded or wrong
        if name in me or not low <= value <= high or value in (0.0, 1.0, -1.0):
            continue
        if close(case.context.exact(name), case.exact):
            continue  # equal to this one by the network's symmetry, not by a slip
        yield from _found(case, value, other=name, value=shown(value), me=show(case.quantity))


def _factor_missing(case: Case) -> Iterator[dict[str, Any]]:
    """A chain-rule product with one factor left out: ∂L/∂w = ∂L/∂z (the ∂z/∂w left out),
    ∂L/∂z = ∂L/∂a (the activation's derivative left out)."""
    for q, m, upper, lower in _between(case):
        if close(upper * lower, case.exact) and lower not in (0.0, 1.0) and upper != 0:
            for kept, left in ((upper, f"∂{m}/∂{q.bottom}"), (lower, f"∂{q.top}/∂{m}")):
                yield from _found(case, kept, left=left)


def _given_leaf(case: Case) -> bool:
    """Whether ``case`` is a given put into a line (one no formula computes)."""
    q, model = case.quantity, case.context.model if case.context else None
    if model is None or not isinstance(q, Name) or q.name not in model.given_values:
        return False
    return model.is_leaf(q.name) and case.kind != FORMULA


def _given_miscopied(case: Case) -> Iterator[dict[str, Any]]:
    """A given put in with another value than it is given: copied wrong."""
    if not _given_leaf(case):
        return
    q, model = case.quantity, case.context.model
    value = model.givens.get(q.name)
    first = next((g for g in model.given_values[q.name] if float(g.value) == value), None)
    if first is None:  # another reading sets it
        yield {"name": q.name, "given": shown(value), "where": " in this reading"}
        return
    where = f" on line {first.line}" if first.line else ""
    yield {"name": q.name, "given": first.text.replace("-", "−"), "where": where}


def _power_of_ten(case: Case) -> Iterator[dict[str, Any]]:
    for t in case.targets:
        for k in POWERS_OF_TEN:
            yield from _found(case, t * 10.0**k, right=shown(t), k=k)


def _scaled(factor: Callable[[Case], float | None]) -> Callable[[Case], Iterator[dict]]:
    """A factor of a loss's derivative (a ½, a 2, an n) missing or too many: never of a given
    copied into a line (b4 = 0.1 for 0.3 where n = 3 is no 1/n missing)."""

    def test(case: Case) -> Iterator[dict[str, Any]]:
        f = None if _given_leaf(case) else factor(case)
        if f is not None:
            for t in case.targets:
                yield from _found(case, t * f, n=shown(case.n))

    return test


def _counted(case: Case) -> float | None:
    return case.n if case.n is not None and case.n not in (0, 1) else None


def _per_count(case: Case) -> float | None:
    n = _counted(case)
    return None if n is None else 1 / n


def _product_not_taken(case: Case) -> Iterator[dict[str, Any]]:
    """A result that is one factor of the product beside it (``−0.1461(0.1) = −0.1461``):
    the product was never taken."""
    product = _ungrouped(case.beside) if case.beside is not None else None
    if not (isinstance(product, Call) and product.fn == "mul") or not case.text:
        return
    factors = [_ungrouped(f) for f in product.args]
    for i, f in enumerate(factors):
        if isinstance(f, Num) and f.value == Decimal(case.text):
            left = " · ".join(show(g) for j, g in enumerate(product.args) if j != i)
            yield {"kept": show(f), "left": left}
            return


def _ungrouped(e: Expr) -> Expr:
    while isinstance(e, Call) and e.fn == "group":
        e = e.args[0]
    return e


def _transposed(case: Case) -> Iterator[dict[str, Any]]:
    """Two adjacent digits of a right value, rounded (either way at a tie) or truncated as
    written, swapped give the number."""
    written = abs(Decimal(case.text))
    wrote = f"{written:f}"
    for x in case.targets:
        if (x < 0) != case.text.startswith("-"):
            continue
        for right in _as_places(abs(x), written.as_tuple().exponent):
            diff = [i for i, (a, b) in enumerate(zip(right, wrote)) if a != b]
            i, j = diff if len(right) == len(wrote) and len(diff) == 2 else (0, 0)
            if j == i + 1 and (right[i], right[j]) == (wrote[j], wrote[i]):
                yield {"right": case.told(x, math.copysign(float(right), x))}
                return


def _as_places(x: float, exponent: int) -> set[str]:
    """``x`` to the places of ``exponent`` as it may be written: rounded up or down at a
    tie, or truncated."""
    places = Decimal(1).scaleb(exponent)
    with localcontext(DecimalContext(prec=800)):
        return {f"{Decimal(repr(x)).quantize(places, way):f}"
                for way in (ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_DOWN)}  # fmt: skip


#: Every slip, in the order they are tested: the first that fits tells the error.
SLIPS: tuple[SlipRule, ...] = (
    SlipRule("product not taken", _product_not_taken,
         "{kept} is one factor of the product: {left} is not multiplied in",
         "Multiply every factor on the line for {q} before writing its result.",
         frozenset({NUMBER})),
    SlipRule("sign dropped", _sign, "the sign is dropped ({right})",
         "Check the sign of {q}: count the minus signs along the chain.",
         frozenset({NUMBER, NUMBERS})),
    SlipRule("path missing", _path_missing,
         "the path through {through} is missing (∂{through}/∂{bottom} = {path})",
         "{q} collects a term from every path between the two: add them all.",
         frozenset({FORMULA})),
    SlipRule("factor missing", _factor_missing, "the factor {left} is missing",
         "Write the chain rule for {q} link by link: every link between the two is a factor.",
         frozenset({FORMULA, NUMBERS})),
    SlipRule("other activation", _other_activation,
         "{other} is {name}'s derivative; {top} = {fn}({bottom}) has derivative {formula}",
         "Each activation has its own derivative: check which one this neuron uses."),
    SlipRule("updated weight", _updated_used, "the updated {updated} is used where {name} belongs",
         "The backward pass uses the weights of the forward pass, before any update."),
    SlipRule("another value", _another_value, "that is {other}'s value ({value}); {me} is another",
         "Check which quantity {q} needs: the value written belongs to another."),
    SlipRule("power of ten", _power_of_ten, "a power of ten off: {right} × 10^{k}",
         "Check where the decimal point of {q} goes, and the exponent of each factor.",
         frozenset({NUMBER})),
    SlipRule("factor 2 too many", _scaled(lambda case: 2.0), "a factor 2 too many (½ missing)",
         "The ½ in ½(y − a)² cancels the 2 of the square's derivative: keep one of them."),
    SlipRule("factor 2 missing", _scaled(lambda case: 0.5), "a factor 2 missing",
         "The square's derivative brings a factor 2: 2(y − a), unless a ½ cancels it."),
    SlipRule("factor n too many", _scaled(_counted), "a factor n = {n} too many (the 1/n missing)",
         "A mean divides by n once: check that it is not multiplied back."),
    SlipRule("1/n missing", _scaled(_per_count),
         "the 1/n = 1/{n} missing", "A mean over n samples divides the sum by n."),
    SlipRule("digits transposed", _transposed, "two digits transposed ({right})",
         "Copy {q} again digit by digit.", frozenset({NUMBER})),
    SlipRule("given miscopied", _given_miscopied, "{name} is given as {given}{where}: copied wrong",
         "Copy {q} again from the statement of the problem.",
         frozenset({NUMBER, NUMBERS})),
)  # fmt: skip


def find(case: Case) -> tuple[SlipRule, str] | None:
    """The first slip that turns a right value into what ``case`` wrote, with its message;
    none where no right value is left to slip from (it is 0: no slip scales 0 into a number)."""
    if not case.targets:
        return None
    for slip in SLIPS:
        if case.kind in slip.cases:
            for fields in slip.test(case):
                return slip, slip.message.format(**fields)
    return None


def diagnose(case: Case) -> str:
    """The message of the slip that fits ``case``; ``""`` when none does."""
    found = find(case)
    return found[1] if found else ""


def tell(case: Case) -> tuple[str, str]:
    """(kind, message) of the slip that fits ``case``; ("", ``case.otherwise``) when none does."""
    found = find(case)
    return (found[0].kind, found[1]) if found else ("", case.otherwise)


def numbers_case(
    quantity: Expr,
    written: Expr,
    value: float,
    targets: list[float | None],
    tol: float,
    context: Context | None = None,
    n: float | None = None,
) -> Case:
    """Numbers substituted that give ``value``: a slip fits them ``within`` their precision
    ``tol``, and another quantity's value is looked for as near."""
    room = slack(value, tol)
    right = targets[0]
    return Case(
        NUMBERS,
        quantity,
        written,
        value,
        tuple(t for t in targets if t is not None and t != 0),
        lambda y: within(value, y, tol),
        (value - room, value + room),
        context=context,
        n=n,
        otherwise=f"these numbers give {shown(value)}; {show(quantity)} is {shown(right)}",
    )


def formula_case(
    quantity: Expr,
    formula: Expr,
    value: float,
    right: float,
    context: Context | None = None,
    n: float | None = None,
) -> Case:
    """A formula that gives ``value`` where ``quantity`` is ``right``: a slip fits it when it
    is the same value computed another way (``close``)."""
    room = slack(value)
    return Case(
        FORMULA,
        quantity,
        formula,
        value,
        (right,),
        lambda y: close(y, value),
        (value - room, value + room),
        context=context,
        n=n,
        otherwise=f"it is {shown(value)} here, and {show(quantity)} is {shown(right)}",
    )


def number_case(
    written: str,
    targets: list[float | None],
    quantity: Expr | None = None,
    context: Context | None = None,
    n: float | None = None,
    beside: Expr | None = None,
    exact: bool = False,
) -> Case:
    """A written number as a case: a whole number (``2``) is exact, and so is a given
    (``exact``): a slip fits it only exactly; a decimal fits what rounds or truncates to it.
    Another quantity's value is evidence only for a number of ``EVIDENCE_DIGITS``
    significant digits or more."""
    exact = exact or Decimal(written).as_tuple().exponent >= 0

    def fits(x: float) -> bool:
        return math.isclose(float(written), x, rel_tol=REL_TOL) if exact else agrees(written, x)

    number = Decimal(written)
    u = float(unit(number))
    value = float(number)
    digits = len(number.normalize().as_tuple().digits)
    window = (value - u, value + u) if digits >= EVIDENCE_DIGITS else (math.inf, -math.inf)
    return Case(
        NUMBER,
        quantity if quantity is not None else Name(""),
        written,
        value,
        tuple(t for t in targets if t is not None and t != 0),
        fits,
        window,
        lambda x: _as_written(written, x),
        context,
        n,
        written,
        beside=beside,
    )


def _as_written(written: str, x: float) -> str:
    """``x`` to the places ``written`` has, as it writes them (``−5.57e−4``)."""
    places = max(0, -Decimal(written).as_tuple().exponent)
    if "e" in written.lower():
        mantissa = written.lower().split("e")[0]
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        m, e = f"{x:.{digits}e}".split("e")
        return f"{m}e{int(e)}".replace("-", "−")
    return f"{x:.{places}f}".replace("-", "−")
