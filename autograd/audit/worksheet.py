"""The worksheet model: a hand calculation as chains of expressions, each with its source line.

A chain is what a person writes on one line, ``quantity = formula = numbers = result``; each
link is an expression tree of numbers (kept as written, for their precision), names,
derivatives and operations. Front ends (plain text, LaTeX, the TOML shortcut) produce this
model; the checker reads nothing else.

>>> from autograd.audit.read_chain import parse_chain
>>> chain = parse_chain("a1 = σ(z1) = 1/(1+e^-2) = 0.8807")
>>> [show(link) for link in chain]
['a1', 'σ(z1)', '1/(1 + e^−2)', '0.8807']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

__all__ = [
    "CONTINUED",
    "Call",
    "Chain",
    "Claim",
    "Derivative",
    "Expr",
    "InputError",
    "LOSS_LETTERS",
    "LOSS_NAMES",
    "LOSS_WORDS",
    "Name",
    "NotUnderstood",
    "Num",
    "Part",
    "Unread",
    "VERSION",
    "Worksheet",
    "exponents",
    "names_in",
    "latex",
    "numbers_in",
    "reads_names",
    "replaced",
    "show",
    "subexpressions",
    "ungrouped",
    "with_lines",
    "written_on",
]


#: The letters a page writes for its loss in derivatives (∂L/∂w, ∂L_MSE/∂w), and the names it
#: may give the loss it defines, in the order they are preferred.
LOSS_LETTERS = ("L", "E", "J", "C")
LOSS_NAMES = ("E_total", "Loss", "loss", "L", "E", "J", "C", "cost", "Cost", "Error")
#: The loss named in words, as the readers name it ("the total error is now …": total_error'),
#: and as the model takes it: the part's loss.
LOSS_WORDS = ("loss", "total_error", "cost")

#: ``s⟨2⟩``: the second value of ``s`` accumulated in place (brackets no page writes in a
#: name, so no clash; read_accumulations names them)
VERSION = ("⟨", "⟩")


class InputError(ValueError):
    """Input the checker cannot take (a file, a field, an option), told in one line."""


class NotUnderstood(InputError):
    """A line that cannot be read as a chain of equalities; the message says why."""


@dataclass(frozen=True, slots=True)
class Num:
    """A number as written: its text keeps the precision (``0.8807`` is 0.8807 ± 0.00005);
    ``line``, where it stands when that is not its chain's line (a matrix's entry on its row)."""

    text: str
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def value(self) -> Decimal:
        return Decimal(self.text)

    @property
    def exact(self) -> bool:
        """Whole numbers are counts, weights of 1 and the like: exact, not rounded."""
        return "." not in self.text and "e" not in self.text.lower()


@dataclass(frozen=True, slots=True)
class Name:
    """A quantity's name: ``w7``, ``net_h1``, ``ŷ``, ``w7'`` (updated), ``e`` (Euler's)."""

    name: str


@dataclass(frozen=True, slots=True)
class Derivative:
    """``∂top/∂bottom``; ``of`` is set for ``∂/∂bottom (expression)``."""

    top: str
    bottom: str
    of: Expr | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """An operation on its arguments: ``add``, ``sub``, ``mul``, ``div``, ``pow``, ``neg``,
    ``group`` (brackets as written), or a function (``exp``, ``σ``, ``tanh``, …)."""

    fn: str
    args: tuple[Expr, ...]


Expr = Num | Name | Derivative | Call

CONTINUED = Name("")  # the quantity of a line that continues an earlier one: "= …"


@dataclass(frozen=True)
class Chain:
    """One written chain of equalities, its first link the quantity, with where it stands."""

    line: int
    source: str  # the line as the document writes it
    links: tuple[Expr, ...]
    link_lines: tuple[int, ...] = ()  # where each link stands, when rows of a block differ
    inferred: bool = False  # what a reader infers (L from dL/dw and L(3)), not written
    # a matrix's entry that is one name, with the line its row stands on ((h1_2, 322))
    name_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    # z1 = 0.5 > 0: the comparison the chain ends in, a claim about its quantity ((">", 0))
    bound: tuple[str, Num] | None = field(default=None, compare=False)

    @property
    def quantity(self) -> Expr:
        return self.links[0]

    def at(self, index: int) -> Chain:
        """The chain as seen from its link ``index``: with that link's own line."""
        if len(self.link_lines) != len(self.links):
            return self
        return replace(self, line=self.link_lines[index])


@dataclass(frozen=True)
class Unread:
    """Something written that is not understood, with why: never dropped silently."""

    line: int
    text: str
    reason: str


@dataclass
class Part:
    """One worked example: its front matter and what it writes, in document order."""

    title: str
    line: int = 1
    aliases: dict[str, str] = field(default_factory=dict)
    rate: str | None = None  # the learning-rate symbol updates use
    loss: str | None = None  # the quantity updates descend
    readings: list[tuple[dict[str, Decimal], str]] = field(default_factory=list)
    # for answer keys (solve): what an update changes (None: by their names), and the givens
    # a variant redraws besides them; out of the repr, which notebooks show
    parameters: list[str] | None = field(default=None, repr=False)
    vary: list[str] = field(default_factory=list, repr=False)
    after_previous: bool = field(default=False, repr=False)  # the next step of the part before
    # the functions the page defines (f(s) = …): name → (variable, body; None if unread)
    functions: dict[str, tuple[str, Expr | None]] = field(default_factory=dict, repr=False)
    # sums with no range, held back until the part's names are known: (line, as written,
    # the text read, in the front matter)
    sums: list[tuple[int, str, str, bool]] = field(default_factory=list, repr=False)
    # the chains written for an instance of a general formula over an index (general.Instance:
    # v1 = 0.9 · 0 + 0.1 · 2.0 after v_t = β v_{t-1} + (1 − β) g_t), page-wide
    instances: list = field(default_factory=list, repr=False)
    # each general formula the part writes: the lines of the chains that may be its instances
    templates: dict[int, list[int]] = field(default_factory=dict, repr=False)
    # the lines that are a table's rows (a column's header formula is written above them)
    table_rows: frozenset[int] = field(default=frozenset(), repr=False)
    front: list[Chain] = field(default_factory=list)  # the front matter's equations
    chains: list[Chain] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    """What the page says a quantity is, not an equation: ``y ∈ {0, 1}`` (``members``),
    ``ŷ ∈ (0, 1)`` (``low`` and ``high``, each with whether it is in the set), judged against
    the values the page gives the quantity (``properties``)."""

    line: int
    name: str
    text: str
    members: tuple[Decimal, ...] = ()
    low: tuple[Decimal, bool] | None = None
    high: tuple[Decimal, bool] | None = None
    vector: tuple[Decimal, ...] = ()  # class k (members) of a one-hot label: the place of its 1
    # "" a set or an interval; "class" of a one-hot label; "restated": a row's label cell
    # (Class 2) that tables keyed by the same rows repeat; "shape" of a printed array
    kind: str = ""
    until: int | None = None  # the line of the next heading: the claim's own section ends


@dataclass
class Worksheet:
    source: str
    parts: list[Part]
    claims: list[Claim] = field(default_factory=list)  # what it says its quantities are


def show(e: Expr) -> str:
    """An expression as text, in the notation people write (× as implicit where written)."""
    return _written(e, latex=False)


def latex(e: Expr) -> str:
    """An expression in LaTeX, in the form ``read_latex`` reads back.

    >>> from autograd.audit.read_chain import parse_chain
    >>> print(latex(parse_chain("q = ∂E_total/∂w1 · ŷ / net_h1^2")[1]))
    \\frac{\\frac{\\partial E_{total}}{\\partial w_{1}} \\cdot \\hat{y}}{\\text{net}_{h1}^{2}}
    """
    return _written(e, latex=True)


# How each operation is written ({0}, {1}: its arguments, written); sums and products apart
_TEXT = {"sub": "{0} − {1}", "div": "{0}/{1}", "pow": "{0}^{1}", "neg": "−{0}", "group": "({0})"}
_LATEX = {
    "sub": "{0} - {1}", "div": r"\frac{{{0}}}{{{1}}}", "pow": "{0}^{{{1}}}", "neg": "-{0}",
    "group": "({0})", "sqrt": r"\sqrt{{{0}}}", "σ": r"\sigma({0})", "tanh": r"\tanh({0})",
    "exp": r"\exp({0})", "log": r"\log({0})", "relu": r"\operatorname{{relu}}({0})",
}  # fmt: skip


def _written(e: Expr, latex: bool) -> str:
    if isinstance(e, Num) and not latex:
        return e.text.replace("-", "−")
    if isinstance(e, Num):  # a negative number in braces: a sign, not a binary minus
        return f"{{{e.text}}}" if e.text.startswith("-") else e.text
    name = _latex_name if latex else str
    if isinstance(e, Name):
        return name(e.name)
    if isinstance(e, Derivative):
        if e.of is not None:
            of = _written(e.of, latex)
            if latex:
                return rf"\frac{{\partial}}{{\partial {name(e.bottom)}}} {of}"
            return f"∂/∂{e.bottom} {of}"
        if latex:
            return rf"\frac{{\partial {name(e.top)}}}{{\partial {name(e.bottom)}}}"
        return f"∂{e.top}/∂{e.bottom}"
    args = [_written(a, latex) for a in e.args]
    if e.fn == "add":
        return " + ".join(args)
    if e.fn == "mul":
        if latex:  # a fraction in brackets is one factor already: \frac{1}{n} \cdot x
            fractions = [_fraction_in_brackets(a) for a in e.args]
            return r" \cdot ".join(_written(f, latex) if f else a for f, a in zip(fractions, args))
        return " · ".join(args) if not all(isinstance(a, Call) for a in e.args) else "".join(args)
    inner = e.args[0]
    if len(e.args) == 1 and isinstance(inner, Call) and inner.fn == "group" and e.fn not in _TEXT:
        args = [_written(inner.args[0], latex)]  # tanh(z + 1): the call's brackets only
    table = _LATEX if latex else _TEXT
    if e.fn in table:
        return table[e.fn].format(*args)
    return f"{e.fn}({', '.join(args)})"


def _fraction_in_brackets(e: Expr) -> Expr | None:
    inner = e.args[0] if isinstance(e, Call) and e.fn == "group" else None
    return inner if isinstance(inner, Call) and inner.fn == "div" else None


_GREEK = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "Δ": r"\Delta",
          "ε": r"\varepsilon", "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu",
          "ω": r"\omega", "φ": r"\phi", "ψ": r"\psi", "τ": r"\tau", "ρ": r"\rho", "ν": r"\nu",
          "ξ": r"\xi", "σ": r"\sigma"}  # fmt: skip
_NAME = re.compile(  # the letters taken once, as an atomic group: linear where it fails
    r"(?=(?P<base>[^\W\d_]+))(?P=base)_?(?P<index>[^\W_]*?)(?P<more>(?:_[^\W_]+)*)(?P<primes>'*)"
)


def _latex_name(name: str) -> str:
    """``w1`` → ``w_{1}``, ``net_h1`` → ``\\text{net}_{h1}``, ``ŷ`` → ``\\hat{y}``."""
    m = _NAME.fullmatch(name)
    if not m:
        return name
    base, index, more, primes = m.group("base", "index", "more", "primes")
    if base == "ŷ" or (len(base) == 2 and base[1] == "\u0302"):
        base = r"\hat{y}"
    elif base in _GREEK:
        base = _GREEK[base]
    elif len(base) > 1:
        base = rf"\text{{{base}}}"
    index = (index + more).lstrip("_")  # learning_rate → \text{learning}_{rate}
    return base + (f"_{{{index}}}" if index else "") + primes


def subexpressions(e: Expr) -> Iterator[Expr]:
    """Every subexpression of ``e``, ``e`` first (a stack, no recursion).

    >>> [show(x) for x in subexpressions(Call("mul", (Num("2"), Name("x"))))]
    ['2 · x', '2', 'x']
    """
    stack = [e]
    while stack:
        e = stack.pop()
        yield e
        if isinstance(e, Call):
            stack.extend(reversed(e.args))
        elif isinstance(e, Derivative) and e.of is not None:
            stack.append(e.of)


def names_in(e: Expr) -> list[str]:
    """The names an expression reads (derivatives count as their ``∂A/∂B`` text)."""
    found = []
    for x in subexpressions(e):
        if isinstance(x, Name):
            found.append(x.name)
        elif isinstance(x, Derivative):
            found.append(f"∂{x.top}/∂{x.bottom}" if x.of is None else x.bottom)
    return found


def reads_names(e: Expr) -> bool:
    """Whether ``e`` reads a name (Euler's ``e`` is a number): a formula, not numbers alone."""
    return any(n != "e" for n in names_in(e))


def replaced(e: Expr, name: str, by: Expr) -> Expr:
    """``e`` with the name ``name`` replaced by ``by`` (in brackets where it is not one atom).

    >>> from autograd.audit.read_chain import parse_chain
    >>> f = parse_chain("y = 2·x + x^2")[1]
    >>> show(replaced(f, "x", Num("3"))), show(replaced(f, "x", parse_chain("t = a + 1")[1]))
    ('2 · 3 + 3^2', '2 · (a + 1) + (a + 1)^2')
    """
    if isinstance(e, Name) and e.name == name:
        return by if isinstance(by, (Num, Name)) else Call("group", (by,))
    if isinstance(e, Call):
        return Call(e.fn, tuple(replaced(a, name, by) for a in e.args))
    if isinstance(e, Derivative) and e.of is not None:
        return Derivative(e.top, e.bottom, replaced(e.of, name, by))
    return e


def ungrouped(e: Expr) -> Expr:
    """``e`` without the brackets written around it: ``((z))`` → ``z``."""
    while isinstance(e, Call) and e.fn == "group":
        e = e.args[0]
    return e


def numbers_in(e: Expr) -> list[Num]:
    return [x for x in subexpressions(e) if isinstance(x, Num)]


def exponents(e: Expr) -> set[int]:
    """The ids of the numbers ``e`` raises something to (the 2 of ``(y − a)^2``): a power,
    not a number the page puts in."""
    return {id(x.args[1]) for x in subexpressions(e)
            if isinstance(x, Call) and x.fn == "pow" and len(x.args) == 2
            and isinstance(x.args[1], Num)}  # fmt: skip


def written_on(e: Expr | str, line: int) -> int:
    """The line ``e`` is written on: that of its numbers where they all stand on one line of
    their own (a matrix's entry, on its row), else ``line``, its chain's."""
    if isinstance(e, str):
        return line
    own = {n.line for n in numbers_in(e)}
    return own.pop() if len(own) == 1 and None not in own else line


def with_lines(e: Expr, lines: list[int | None]) -> Expr:
    """``e`` with its numbers, in the order written, standing on ``lines`` (as many)."""
    at = iter(lines)

    def placed(x: Expr) -> Expr:  # as deep as the parser allows (LIMITS["nesting"])
        if isinstance(x, Num):
            return Num(x.text, next(at))
        if isinstance(x, Call):
            return Call(x.fn, tuple(placed(a) for a in x.args))
        if isinstance(x, Derivative) and x.of is not None:
            return Derivative(x.top, x.bottom, placed(x.of))
        return x

    return placed(e)
