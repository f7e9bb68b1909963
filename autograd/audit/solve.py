"""The answer key: a part's problem solved and written out in its own names, in a form
``check`` reads back.

From the givens and formulas of a part (a worksheet, or the check-file shortcut) the key
writes: the givens; the forward pass, each definition with its numbers substituted and its
result, down to the loss; every local derivative ``∂top/∂bottom`` of the chain rule, its
formula composed from the op rows (``ops.py``) and its numbers substituted; every derivative
of the loss by each parameter as the chain-rule product of those factors (``explain``), the
numbers substituted; every update ``w' = w − α·∂L/∂w``; and the forward pass again after the
step, its names primed (``z1'``, ``L'``), down to the loss after the step.

Numbers are written to ``digits`` significant digits (an update to as many places as its step
needs). ``carry="exact"`` substitutes the exact values, rounded; ``carry="rounded"`` carries
forward the rounded numbers written, as a careful student does by hand, so that every result
follows from the numbers on its own line.

**Parameters** are what the updates change: the front matter's ``parameters: w1, b1``, else
the givens the loss depends on that are named as weights and biases (``w…``, ``b…``, ``W…``,
``ω…``, ``θ…``), else every given the loss depends on but the learning rate.

>>> from autograd.audit.read_text import read_text
>>> key = solve_part(read_text("x = -2, y = 5, z = -4\\nq = x + y\\nf = q·z").parts[0])
>>> print(key.text(front=False))
x = −2, y = 5, z = −4
# forward pass
q = x + y = (−2) + 5 = 3
f = q · z = 3 · (−4) = −12
# local derivatives
∂f/∂q = z = −4
∂q/∂x = 1
∂q/∂y = 1
# the derivatives of f
∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4
∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4
∂f/∂z = q = 3
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..explain import explain
from ..graph import topological_order
from ..numtext import MINUS, fixed_text
from ..value import Value
from .algebra import OPERATORS, NoFormula, derivative, expression
from .read import read
from .read_chain import LIMITS, parse_chain
from .recompute import Model, Unknown, close, evaluate
from .worksheet import (
    Call,
    Derivative,
    Expr,
    InputError,
    Name,
    Num,
    Part,
    Worksheet,
    latex,
    names_in,
    reads_names,
    show,
    ungrouped,
)

__all__ = ["CARRY", "KINDS", "Key", "Line", "Solution", "solve", "solve_part"]

CARRY = ("exact", "rounded")
KINDS = ("txt", "md", "html")
MAX_DIGITS = 15  # a float's own precision
_NOISE = 1e-12  # below it a value is written 0: no hand calculation carries 13 places
MAX_PARAMETERS = 200
MAX_PATHS = 64  # chain-rule paths written out for one derivative; beyond, its value alone
_PARAMETER = re.compile(r"(?:[wbWBωθ]|weight|bias)(?:[\d_].*)?'?")


@dataclass
class Line:
    """One chain of the key: ``quantity = formula = numbers = result`` (links may be absent)."""

    section: str
    quantity: Expr
    formula: Expr | None
    numbers: Expr | None
    result: str  # the number written, as text
    exact: float  # the quantity's exact value

    @property
    def links(self) -> list[Expr]:
        if isinstance(self.quantity, Name) and isinstance(self.formula, Name):
            return [self.quantity, self.formula]  # ŷ = a: a number after would give both
        links = [self.quantity, self.formula, self.numbers]
        return [x for x in links if x is not None and show(x) != show(Num(self.result))] + [
            Num(self.result)
        ]


@dataclass
class Key:
    """One part solved: its front matter, the givens and the lines of the working."""

    title: str
    loss: str
    rate: str | None
    parameters: list[str]
    givens: dict[str, str]  # name → the number as written
    lines: list[Line] = field(default_factory=list)
    digits: int = 4
    carry: str = "exact"
    left_out: dict[str, str] = field(default_factory=dict)  # a formula not computed, and why

    @property
    def values(self) -> dict[str, float]:
        """Every quantity the key names, exact: givens, values, derivatives, updates."""
        out = {n: float(Decimal(t)) for n, t in self.givens.items()}
        out.update((show(line.quantity), line.exact) for line in self.lines)
        return out

    @property
    def answers(self) -> dict[str, str]:
        """Every quantity the key names, as written."""
        return {**self.givens, **{show(line.quantity): line.result for line in self.lines}}

    def front_matter(self) -> list[str]:
        lines = ["---", f"part: {self.title}", f"loss: {self.loss}"]
        if self.rate is not None:
            lines.append(f"rate: {self.rate}")
        lines += [f"parameters: {', '.join(self.parameters)}", "---"]
        return lines

    def _given_rows(self) -> list[list[str]]:
        other = [n for n in self.givens if n not in self.parameters]
        rows = [other, [n for n in self.parameters if n in self.givens]]
        return [row for row in rows if row]

    def problem(self) -> str:
        """The problem without its answers, as a plain-text worksheet ``solve`` reads: the
        front matter, the givens and the formulas of the forward pass."""
        lines = [*self.front_matter(), *self._given_texts()]
        lines += [f"{show(line.quantity)} = {show(line.formula)}" for line in self.lines
                  if line.section == "forward pass" and line.formula is not None]  # fmt: skip
        return "\n".join(lines) + "\n"

    def _given_texts(self) -> list[str]:
        return [", ".join(f"{n} = {show(Num(self.givens[n]))}" for n in row)
                for row in self._given_rows()]  # fmt: skip

    def text(self, front: bool = True) -> str:
        """The key as a plain-text worksheet."""
        lines = self.front_matter() if front else []
        lines += self._given_texts()
        for section, chunk in self._sections():
            lines.append(f"# {section}")
            lines += [" = ".join(show(x) for x in line.links) for line in chunk]
        return "\n".join(lines)

    def markdown(self, front: bool = True) -> str:
        """The key as Markdown with LaTeX maths (``$$…$$``), which ``check`` reads too."""
        out = [*self.front_matter(), ""] if front else [f"### {self.title}", ""]
        givens = [
            r" \quad ".join(f"{latex(Name(n))} = {latex(Num(self.givens[n]))}" for n in row)
            for row in self._given_rows()
        ]
        out += ["Given:", ""] + [f"$${g}$$" for g in givens]
        for section, chunk in self._sections():
            out += ["", f"**{_heading(section)}**", ""]
            out += [f"$${_aligned(line.links)}$$" for line in chunk]
        return "\n".join(out) + "\n"

    def _repr_markdown_(self) -> str:
        return self.markdown(front=False)

    def _sections(self) -> Iterator[tuple[str, list[Line]]]:
        chunk: list[Line] = []
        for line in self.lines:
            if chunk and line.section != chunk[0].section:
                yield chunk[0].section, chunk
                chunk = []
            chunk.append(line)
        if chunk:
            yield chunk[0].section, chunk


@dataclass
class Solution:
    """Every part of a worksheet solved: text, Markdown with LaTeX, or standalone HTML."""

    source: str
    keys: list[Key]

    def text(self) -> str:
        return "\n\n".join(k.text() for k in self.keys) + "\n"

    def render(self, kind: str) -> str:
        """The key as ``txt``, ``md`` (Markdown with LaTeX) or ``html`` (MathML)."""
        if kind not in KINDS:
            raise InputError(f"solve: no format {kind!r}; choose from {', '.join(KINDS)}")
        return {"txt": self.text, "md": self.markdown, "html": self.html}[kind]()

    def markdown(self) -> str:
        return "\n".join(k.markdown() for k in self.keys)

    def _repr_markdown_(self) -> str:
        return "\n".join(k._repr_markdown_() for k in self.keys)

    def html(self) -> str:
        """One HTML file, its maths as MathML: it renders in a browser with no network."""
        try:
            from latex2mathml.converter import convert
        except ImportError:
            raise InputError(
                "solve: HTML needs latex2mathml (pip install 'chainrule-autograd[solve]'); "
                "or write .md or .txt"
            ) from None
        def mathml(tex: str) -> str:  # \hat's accent as ˆ: the ASCII ^ sits off-centre
            return convert(tex).replace("<mo>&#x0005E;</mo>", "<mo>&#x002C6;</mo>")

        def chain(links: list[Expr]) -> str:  # each "= link" its own piece: long lines wrap
            pieces = [latex(links[0])] + [f"= {latex(x)}" for x in links[1:]]
            return "<div class='chain'>" + "".join(map(mathml, pieces)) + "</div>"

        body = []
        for key in self.keys:
            body.append(f"<h2>{html.escape(key.title)}</h2><h3>Given</h3>")
            for row in key._given_rows():
                pieces = [mathml(f"{latex(Name(n))} = {latex(Num(key.givens[n]))}") for n in row]
                body.append("<div class='chain given'>" + ",".join(pieces) + "</div>")
            for section, chunk in key._sections():
                body.append(f"<h3>{html.escape(_heading(section))}</h3>")
                body += [chain(line.links) for line in chunk]
        title = html.escape(f"Answer key: {self.source}")
        return (
            f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{title}</h1>\n"
            + "\n".join(body)
            + "\n</body></html>\n"
        )


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    ".chain{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em .4em;margin:.5em 0;"
    "padding-left:3em;font-size:1.15em}.chain>:first-child{margin-left:-3em}"  # wrapped: indented
    ".chain math{math-style:normal}.given{gap:.3em .8em}"
    "h3{margin-bottom:.2em;color:#333}"
    "@media print{h2{break-before:page}h2:first-of-type{break-before:auto}}"
)


# ---- solving --------------------------------------------------------------------------


def solve(
    source: str | Path | Worksheet,
    digits: int = 4,
    carry: str = "exact",
    overrides: dict[str, float] | None = None,
) -> Solution:
    """Every part of a worksheet (a path, or a model already read) solved as a key."""
    sheet = source if isinstance(source, Worksheet) else read(source)
    givens = {n: _plain(repr(float(v))) for n, v in (overrides or {}).items()}  # as typed
    return Solution(sheet.source, [solve_part(p, digits, carry, givens) for p in sheet.parts])


def solve_part(
    part: Part, digits: int = 4, carry: str = "exact", givens: dict[str, str] | None = None
) -> Key:
    """``part`` solved as a key; ``givens`` replaces given values (as written: ``"0.5"``)."""
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise InputError(f"solve: digits must be a whole number from 1 to {MAX_DIGITS}, "
                         f"got {digits!r}")  # fmt: skip
    if carry not in CARRY:
        raise InputError(f"solve: carry must be one of {', '.join(CARRY)}, got {carry!r}")
    try:
        return _Solver(part, digits, carry, givens or {}).key
    except (Unknown, ArithmeticError, ValueError) as why:
        if isinstance(why, InputError):
            raise
        raise InputError(f"solve: {part.title}: {why}") from None


class _Solver:
    def __init__(self, part: Part, digits: int, carry: str, givens: dict[str, str]) -> None:
        self.digits, self.carry = digits, carry
        self.model = model = Model(part, {n: float(Decimal(t)) for n, t in givens.items()})
        self.texts = {n: _plain(gs[0].text) for n, gs in model.given_values.items()}
        self.texts.update(givens)
        nodes = model.nodes()
        self.forward = [
            n for n in nodes
            if n not in model.givens and not n.endswith("'") and not _has_derivative(
                model.definition(n))
        ]  # fmt: skip
        if not self.forward and model.failed:  # say why, not that there is nothing
            name, why = next(iter(model.failed.items()))
            raise InputError(f"solve: {part.title}: no formula can be computed: {name}: {why}")
        if not self.forward:
            raise InputError(f"solve: {part.title}: no formula defines a quantity to compute")
        loss = part.loss or ("L" if "L" in self.forward else self.forward[-1])
        if loss not in nodes:
            raise InputError(f"solve: {part.title}: the loss {loss!r} is not defined")
        if loss in model.givens:  # nothing computes it: ∂loss/∂loss is all there is
            raise InputError(f"solve: {part.title}: the loss {loss!r} is a given value; name "
                             "a quantity a formula computes")  # fmt: skip
        self.loss = loss
        self.loss_node = nodes[loss]
        self.below = set(topological_order(self.loss_node))
        params = _parameters(part, model, self.below)
        if len(params) > MAX_PARAMETERS:  # each is a chain rule written out: keep it by hand
            raise InputError(f"solve: {part.title}: {len(params)} parameters; a key is for a "
                             f"hand calculation, with at most {MAX_PARAMETERS}")  # fmt: skip
        rate = model.rate if model.rate in model.givens else None
        self.key = Key(part.title, loss, rate, params, dict(self.texts), digits=digits,
                       carry=carry, left_out=dict(model.failed))  # fmt: skip
        self._forward("forward pass", {})
        self._backward()
        if rate is not None:
            self._updates(part, givens)

    # ---- writing a line ----------------------------------------------------------------

    def write(self, section: str, quantity: Expr, formula: Expr | None, exact: float,
              places: int | None = None) -> None:  # fmt: skip
        """A line: the formula (if it reads names), its numbers substituted, the result
        (exact, or from the numbers written when carrying them rounded)."""
        numbers = None
        if formula is not None and reads_names(formula):
            # a formula too long to read back is refused below, by the length of its line (it
            # was evaluated as a constant: "∂L/∂a849 has no number here")
            if len(show(formula)) <= LIMITS["line"]:
                formula = _reparsed(formula)  # as the checker will read it back
                if not isinstance(formula, (Name, Derivative)):  # ∂z/∂w7 = a1: no numbers
                    numbers = self.substitute(formula)
        elif formula is not None:  # a constant (∂f/∂s = 2): written as its value
            exact = evaluate(formula, _no_names).data
        value = exact
        if numbers is not None and self.carry == "rounded":
            value = evaluate(_reparsed(numbers), _no_names).data
        if isinstance(formula, Name) and formula.name in self.texts:
            result = self.texts[formula.name]  # ŷ = a: a's number
        elif places is not None:
            result = _plain(fixed_text(value, places).replace(MINUS, "-"))
        else:
            result = _number(value, self.digits)
        self.texts[show(quantity)] = result
        line = Line(section, quantity, formula, numbers, result, exact)
        length = len(" = ".join(show(x) for x in line.links))
        if length > LIMITS["line"]:  # check could not read the key back
            raise InputError(f"solve: {self.key.title}: {show(quantity)}: its line would be "
                             f"{length:,} characters, longer than {LIMITS['line']:,}, the "
                             "most check reads on one line")  # fmt: skip
        self.key.lines.append(line)

    def substitute(self, e: Expr) -> Expr:
        """``e`` with each name and derivative replaced by the number written for it."""
        if isinstance(e, (Name, Derivative)) and not (isinstance(e, Name) and e.name == "e"
                                                      and "e" not in self.texts):  # fmt: skip
            text = self.texts[show(e)]
            return Call("group", (Num(text),)) if text.startswith("-") else Num(text)
        if isinstance(e, Call) and e.fn in OPERATORS:
            return Call(e.fn, tuple(self.substitute(a) for a in e.args))
        if isinstance(e, Call):  # σ(−0.5), not σ((−0.5))
            return Call(e.fn, tuple(ungrouped(self.substitute(a)) for a in e.args))
        return e

    # ---- the sections ------------------------------------------------------------------

    def _forward(self, section: str, primed: dict[str, str]) -> None:
        """Each definition, in order; with ``primed`` (old → new names), after the step."""
        model = self.model
        after = Model(model.part, {**self._given_floats(), **self._updated()}) if primed else None
        for name in self.forward:
            formula = model.definition(name)
            if primed:
                if name not in primed:
                    continue
                formula = _renamed(formula, primed)
                if name not in after.nodes():  # the step went too far: α = 1e300
                    raise InputError(f"solve: {self.key.title}: after the step, {primed[name]} "
                                     f"cannot be computed ({after.failed.get(name)})")  # fmt: skip
                self.write(section, Name(primed[name]), formula, after.nodes()[name].data)
            else:
                self.write(section, Name(name), formula, model.nodes()[name].data)

    def _backward(self) -> None:
        gradient_lines: list[tuple[Derivative, Expr | None, float]] = []
        seen: set[str] = set()
        for p in self.key.parameters:
            node = self.model.node(p)
            d = Derivative(self.loss, p)
            if node not in self.below:
                gradient_lines.append((d, Num("0"), 0.0))
                continue
            why = explain(self.loss_node, node, max_paths=MAX_PATHS)
            if why.truncated or any(f.top.label is None or f.bottom.label is None
                                    for path in why.paths for f in path.factors):  # fmt: skip
                gradient_lines.append((d, None, why.total))
                continue
            terms = []
            for path in why.paths:
                if not path.factors:  # the loss is the parameter itself (ŷ = w): ∂/∂ is 1
                    terms.append(Num("1"))
                    continue
                factors = [Derivative(f.top.label, f.bottom.label) for f in path.factors]
                for f, factor in zip(path.factors, factors):
                    if show(factor) not in seen:
                        seen.add(show(factor))
                        local = _local_formula(self.model, f.top.label, f.bottom)
                        if local is not None:  # judged as the checker will read it back
                            local = _reparsed(local)
                        if local is not None and not close(self.model.value(local), f.value):
                            local = None  # the rows' text and the engine disagree: the value
                        if factor == d:  # ∂L/∂b read off L's formula: a derivative of L
                            terms.append(local)
                        else:
                            self.write("local derivatives", factor, local, f.value)
                if factors != [d]:
                    terms.append(factors[0] if len(factors) == 1 else Call("mul", tuple(factors)))
            product = terms[0] if len(terms) == 1 else Call("add", tuple(terms))
            gradient_lines.append((d, product, why.total))
        for d, product, total in gradient_lines:
            self.write(f"the derivatives of {self.loss}", d, product, total)

    def _updates(self, part: Part, givens: dict[str, str]) -> None:
        rate = self.key.rate
        for p in self.key.parameters:
            g = Derivative(self.loss, p)
            formula = Call("sub", (Name(p), Call("mul", (Name(rate), g))))
            step = _number(self.model.value(Name(rate)) * self.model.value(g), self.digits)
            places = max(_places(self.texts[p]), _places(step))
            self.write("updates", Name(p + "'"), formula, self.model.value(formula), places)
        moved = set(self.key.parameters)
        primed = {p: p + "'" for p in moved}
        for name in self.forward:  # in order: what reads a moved name moves too
            if _reads_any(self.model, name, moved):
                primed[name] = name + "'"
                moved.add(name)
        self._forward("after the step", primed)

    def _given_floats(self) -> dict[str, float]:
        return {n: float(Decimal(self.texts[n])) for n in self.model.givens}

    def _updated(self) -> dict[str, float]:
        return {line.quantity.name[:-1]: line.exact for line in self.key.lines
                if line.section == "updates"}  # fmt: skip


def _reads_any(model: Model, name: str, names: set[str]) -> bool:
    return any(n in names for n in names_in(model.definition(name)))


def _parameters(part: Part, model: Model, below: set[Value]) -> list[str]:
    rate = model.rate
    if part.parameters is not None:
        for p in part.parameters:
            if p not in model.givens:
                choices = ", ".join(model.givens) or "none"
                raise InputError(f"parameters: {p!r} is not a given value; choose from {choices}")
        return list(part.parameters)
    reached = [n for n in model.givens if n != rate and model.node(n) in below]
    named = [n for n in reached if _PARAMETER.fullmatch(n)]
    return sorted(named, key=_reading_order) if named else reached


def _reading_order(name: str) -> tuple[bool, str, int]:
    """Weights before biases, each in the order of their numbers: w1, w2, …, w10, b1."""
    at = re.search(r"(?<!\d)\d*\Z", name).start()  # the digits it ends in (from their start)
    letters, number = name[:at], name[at:]
    return (letters.lower().startswith("b"), letters, int(number or 0))


# ---- formulas of local derivatives ---------------------------------------------------


def _local_formula(model: Model, top: str, bottom: Value) -> Expr | None:
    """``∂top/∂bottom`` as a formula in the document's names: the chain rule through top's
    defining formula, each step's derivative the text its op row writes; other names held.

    >>> from autograd.audit.read_text import read_text
    >>> m = Model(read_text("y = 1, z = 0.5\\na = σ(z)\\nL = ½(y − a)^2").parts[0])
    >>> show(_local_formula(m, "L", m.node("a")))
    '−(y − a)'
    """
    formula = model.definition(top)
    if formula is None:
        return None

    def is_bottom(name: str) -> bool:
        try:
            return model.node(name) is bottom
        except Unknown:
            return False

    try:
        terms = derivative(formula, is_bottom, Name(top))
    except NoFormula:
        return None
    return expression(terms)


# ---- small helpers -----------------------------------------------------------------------


def _renamed(e: Expr, names: dict[str, str]) -> Expr:
    if isinstance(e, Name):
        return Name(names.get(e.name, e.name))
    if isinstance(e, Call):
        return Call(e.fn, tuple(_renamed(a, names) for a in e.args))
    return e


def _has_derivative(e: Expr | None) -> bool:
    return e is not None and any(n.startswith("∂") for n in names_in(e))


def _reparsed(e: Expr) -> Expr:
    return parse_chain("q = " + show(e))[1]


def _no_names(e: Name | Derivative) -> Value:
    if isinstance(e, Name) and e.name == "e":
        raise Unknown("e")  # evaluate takes Euler's number then
    raise Unknown(f"{show(e)} has no number here")


def _number(x: float, digits: int) -> str:
    """``x`` to ``digits`` significant digits, as decimals (no exponent): ``-0.0005570``."""
    x = float(x)
    if abs(x) < _NOISE:  # 1 − 1.0000000000000002: a float's last bit, not a number to write
        return "0"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if abs(x) >= 1e15:  # 5.000e299: the digits asked for, not the float's 300
        mantissa, power = f"{x:.{digits - 1}e}".split("e")
        return f"{mantissa}e{int(power)}"
    places = digits - 1 - Decimal(f"{x:.{digits - 1}e}").adjusted()  # −0.09999… → −0.1000
    return fixed_text(x, max(0, places)).replace(MINUS, "-")


def _plain(text: str) -> str:
    """A given as people write it: ``1.0`` (a float's text) as ``1``; ``0.10`` kept."""
    d = Decimal(text)
    return str(int(d)) if d == d.to_integral_value() and abs(d) < 10**15 else text


def _heading(section: str) -> str:
    """``the derivatives of L`` → ``The derivatives of L``: the loss keeps its case."""
    return section[:1].upper() + section[1:]


def _places(text: str) -> int:
    return max(0, -Decimal(text).as_tuple().exponent)


# ---- LaTeX ---------------------------------------------------------------------------------


def _aligned(links: list[Expr]) -> str:
    texts = [latex(x) for x in links]
    if len(texts) <= 3 and sum(map(len, texts)) < 90:
        return " = ".join(texts)
    rows = [f"{texts[0]} &= {texts[1]}"] + [f"&= {t}" for t in texts[2:]]
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"
