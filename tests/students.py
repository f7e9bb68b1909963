"""Student-style worksheets: random small networks worked by hand, with planted slips.

A careful student works one step of gradient descent on a small network (one or two hidden
layers of sigmoid, tanh or ReLU units, ½(y − a)² or the mean squared error), one chain of
equalities per line: the formula, its numbers substituted, the result rounded to 3 or 4
significant digits. Each later line substitutes the numbers the student *wrote* before, so
the rounding is carried forward as by hand. A sheet is written in one of several notations:
plain text as the project reads it, or Markdown with LaTeX maths; z/a, s/h/o or net/out
names; dL/dw or ∂E/∂w; δ for ∂L/∂z or not.

A slip is planted on one line (``SLIPS``: its kind, what the student did, and the words a
diagnosis of it must use). Carried, the later lines use the slipped number as the student
would; uncarried, they use the right one (the slip was in copying a result out).

Everything here is computed by this file alone, with ``math`` and ``decimal``: the package
under test is never imported, so the expected values are independent of it.

>>> sheet = worksheet(7)
>>> sheet.slip is None, sheet.lines[0].key
(True, 'z1')
>>> slipped = worksheet(7, "sign")
>>> line = slipped.slip.line
>>> slipped.lines_by_number[line].written != sheet.lines_by_number[line].written
True
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

# ---- formulas as trees --------------------------------------------------------------------
# ("sym", key) a quantity · ("const", text) a number of the formula · ("add", terms) ·
# ("sub", a, b) · ("mul", factors) · ("neg", a) · ("sq", a) · ("act", kind, a)

Tree = tuple


def S(key: Any) -> Tree:
    return ("sym", key)


def C(text: str) -> Tree:
    return ("const", text)


def Add(*terms: Tree) -> Tree:
    return terms[0] if len(terms) == 1 else ("add", terms)


def Mul(*factors: Tree) -> Tree:
    return factors[0] if len(factors) == 1 else ("mul", factors)


def Sub(a: Tree, b: Tree) -> Tree:
    return ("sub", a, b)


def Neg(a: Tree) -> Tree:
    return ("neg", a)


def Sq(a: Tree) -> Tree:
    return ("sq", a)


def Act(kind: str, a: Tree) -> Tree:
    return ("act", kind, a)


CONSTS = {"1": 1.0, "2": 2.0, "−2": -2.0, "½": 0.5, "0": 0.0}


def sigmoid(t: float) -> float:
    return 1 / (1 + math.exp(-t))


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": math.tanh, "relu": lambda t: max(0.0, t)}


def value(tree: Tree, values: dict) -> float:
    """The tree's value, each quantity's value taken from ``values``."""
    op = tree[0]
    if op == "sym":
        return float(values[tree[1]])
    if op == "const":
        return (
            values["n"] ** -1
            if tree[1] == "1/n"
            else (2 / values["n"] if tree[1] == "2/n" else CONSTS[tree[1]])
        )
    if op == "add":
        return sum(value(t, values) for t in tree[1])
    if op == "sub":
        return value(tree[1], values) - value(tree[2], values)
    if op == "mul":
        return math.prod(value(t, values) for t in tree[1])
    if op == "neg":
        return -value(tree[1], values)
    if op == "sq":
        return value(tree[1], values) ** 2
    return ACTIVATIONS[tree[1]](value(tree[2], values))


def exact_decimal(tree: Tree, texts: dict) -> Decimal | None:
    """The tree's value in exact decimal arithmetic from the numbers as written, where it has
    one (sums and products; not σ, tanh, 1/n)."""
    op = tree[0]
    if op == "sym":
        return decimal(texts[tree[1]]) if tree[1] in texts else None
    if op == "act":
        return None
    if op == "const":
        return Decimal(str(CONSTS[tree[1]])) if tree[1] in CONSTS else None
    parts = [exact_decimal(t, texts) for t in (tree[1] if op in ("add", "mul") else tree[1:])]
    if any(p is None for p in parts):
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        if op == "add":
            return sum(parts, Decimal(0))
        if op == "mul":
            return math.prod(parts, start=Decimal(1))
        if op == "sub":
            return parts[0] - parts[1]
        if op == "neg":
            return -parts[0]
        return parts[0] * parts[0]


def symbols(tree: Tree) -> list:
    if tree[0] == "sym":
        return [tree[1]]
    if tree[0] == "const":
        return []
    children = tree[1] if tree[0] in ("add", "mul") else tree[1:]
    return [k for t in children if isinstance(t, tuple) for k in symbols(t)]


# ---- numbers as a student writes them ------------------------------------------------------


def rounded(x: float, digits: int) -> str:
    """``x`` to ``digits`` significant digits, as written by hand: −0.06521, 3.904 × 10^−5."""
    if x == 0:
        return "0"
    exponent = math.floor(math.log10(abs(x)))
    if abs(x) < 1e-4:
        mantissa = f"{x / 10**exponent:.{digits - 1}f}"
        if abs(float(mantissa)) >= 10:  # 9.9996 rounds up to the next power
            exponent += 1
            mantissa = f"{x / 10**exponent:.{digits - 1}f}"
        return f"{mantissa} × 10^{exponent}".replace("-", "−")
    places = max(0, digits - 1 - exponent)
    text = f"{x:.{places}f}"
    if len(text.lstrip("-").replace(".", "").lstrip("0")) > digits and places > 0:
        text = f"{x:.{places - 1}f}"  # 0.099996 → 0.1000: one place fewer
    return text.replace("-", "−")


def plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return ("0" if text in ("-0", "0") else text).replace("-", "−")


def as_float(text: str) -> float:
    text = text.replace("−", "-")
    if "×" in text:
        m, e = text.split("× 10^")
        return float(m) * 10 ** int(e)
    return float(text)


def decimal(text: str) -> Decimal:
    text = text.replace("−", "-")
    if "×" in text:
        m, e = text.split("× 10^")
        return Decimal(m.strip()).scaleb(int(e))
    return Decimal(text)


def significant(text: str) -> int:
    digits = text.replace("−", "").split("×")[0].replace(".", "").strip().lstrip("0")
    return len(digits)


# ---- notation ------------------------------------------------------------------------------


@dataclass
class Notation:
    """How a sheet names things and writes its maths."""

    latex: bool = False
    scheme: str = "za"  # za: z1/a1 · sh: s1/h1, o for outputs · net: net1/out1
    loss: str = "L"
    d: str = "∂"  # "d": dL/dw1, "∂": ∂L/∂w1
    delta: bool = False  # δ3 names ∂L/∂z3
    times: str = "paren"  # 0.5(0.8) · "times": 0.5 × 0.8 · "dot": 0.5·0.8
    sigma_numbers: str = "σ"  # σ(0.5), or "exp": 1/(1 + e^−0.5)
    hat: bool = True  # a single output named ŷ
    rate: str = "α"
    terse: float = 0.0  # share of derivative lines written without their numbers

    def base(self, key: Any, net: Network) -> tuple[str, str]:
        """A quantity's name and index: ("w", "5"), ("ŷ", "")."""
        if isinstance(key, tuple):
            raise ValueError(key)
        letter, index = key[0], key[1:]
        if key == "L":
            return self.loss, ""
        if key in ("α", "n"):
            return (self.rate if key == "α" else "n"), ""
        if letter in "xy":
            many = (net.sizes[0] if letter == "x" else net.sizes[-1]) > 1
            if letter == "y" and not many and self.hat and self.scheme != "net":
                return "y", ""
            return letter, index if many else ""
        if letter in "za":
            j = int(index)
            output = j > net.hidden_count
            k = j - net.hidden_count
            if self.scheme == "za":
                if letter == "a" and output and net.sizes[-1] == 1 and self.hat:
                    return "ŷ", ""
                return letter, index
            if self.scheme == "sh":
                if letter == "z":
                    return "s", index
                if output:
                    return "o", (str(k) if net.sizes[-1] > 1 else "")
                return "h", index
            return ("net" if letter == "z" else "out"), index
        return letter, index

    def name(self, key: Any, net: Network) -> str:
        if isinstance(key, tuple) and key[0] == "d":
            _, top, bottom = key
            if self.delta and top == "L" and bottom[0] == "z":
                return self._join("δ", bottom[1:])
            if self.latex:
                d = r"\partial " if self.d == "∂" else "d"
                return rf"\frac{{{d}{self.name(top, net)}}}{{{d}{self.name(bottom, net)}}}"
            return f"{self.d}{self.name(top, net)}/{self.d}{self.name(bottom, net)}"
        if isinstance(key, tuple) and key[0] == "new":
            return self.name(key[1], net) + "'"
        letter, index = self.base(key, net)
        return self._join(letter, index)

    def _join(self, letter: str, index: str) -> str:
        if not self.latex:
            return letter + index
        letter = {"ŷ": r"\hat{y}", "α": r"\alpha", "η": r"\eta", "δ": r"\delta"}.get(letter, letter)
        if len(letter) > 1 and letter.isalpha():
            letter = rf"\mathrm{{{letter}}}"
        return f"{letter}_{{{index}}}" if index else letter


# ---- the network and the steps of a hand calculation ---------------------------------------


@dataclass
class Network:
    sizes: list[int]  # inputs, hidden layers…, outputs
    activations: list[str]  # one per layer after the inputs
    loss: str  # "half": ½ Σ (y − a)²  · "mse": (1/n) Σ (y − a)²
    givens: dict[str, str]  # given name → its text (x1, y1, w1…, b1…, α, n)
    layers: list[list[int]] = field(default_factory=list)  # neuron numbers per layer
    inputs: dict[int, list[tuple[str, Any]]] = field(default_factory=dict)  # j → (w, input key)

    @property
    def hidden_count(self) -> int:
        return sum(self.sizes[1:-1])

    def outputs(self) -> list[int]:
        return self.layers[-1]


def _hand_number(rng: random.Random, low: float, high: float, places: int) -> str:
    while True:
        x = round(rng.uniform(low, high), places)
        if x != 0:
            return plain(Decimal(repr(x)))


def network(rng: random.Random) -> Network:
    """A random small network with hand-friendly givens."""
    n_in = rng.choice([1, 2, 2, 3])
    hidden = rng.choice([[1], [2], [2], [3], [2, 2], [1, 2], []])
    n_out = rng.choice([1, 1, 1, 2])
    loss = rng.choice(["half", "mse"])
    if loss == "mse" and rng.random() < 0.25:
        n_out = 3
    sizes = [n_in, *hidden, n_out]
    activations = [rng.choice(["sigmoid", "tanh", "relu"]) for _ in sizes[1:]]
    if activations[-1] == "relu" and rng.random() < 0.5:
        activations[-1] = "sigmoid"
    givens: dict[str, str] = {}
    for i in range(1, n_in + 1):
        givens[f"x{i}"] = (
            _hand_number(rng, -1, 1, rng.choice([1, 2]))
            if rng.random() < 0.8
            else str(rng.choice([1, 2, 3]))
        )
    for k in range(1, n_out + 1):
        givens[f"y{k}"] = rng.choice(["1", "0", "0.5", "0.9", "0.1", "0.8", "0.2"])
    net = Network(sizes, activations, loss, givens)
    j = w = 0
    previous = [("x", i) for i in range(1, n_in + 1)]
    for size in sizes[1:]:
        layer = []
        for _ in range(size):
            j += 1
            ins = []
            for kind, i in previous:
                w += 1
                ins.append((f"w{w}", f"{kind}{i}"))
                givens[f"w{w}"] = _hand_number(rng, -1, 1, rng.choice([1, 2]))
            givens[f"b{j}"] = _hand_number(rng, -0.5, 0.5, rng.choice([1, 2]))
            net.inputs[j] = ins
            layer.append(j)
        net.layers.append(layer)
        previous = [("a", j) for j in layer]
    givens["α"] = rng.choice(["0.1", "0.5", "0.05", "1", "0.2"])
    if loss == "mse" and n_out > 1:
        givens["n"] = str(n_out)
    return net


@dataclass
class Step:
    """One line of the hand calculation: ``key = formula (= numbers) = result``."""

    key: Any
    formula: Tree
    before: list[Tree] = field(default_factory=list)  # formulas written before (chain rule)
    numbers: bool = True  # whether the numbers are substituted (else formula = result)
    exact_claim: bool = False  # a derivative of ReLU: 0 or 1, written as such


def steps(net: Network, updates_early: bool) -> list[Step]:
    """The lines of one gradient step, in the order a student writes them."""
    out: list[Step] = []
    activation = dict(
        zip(
            [j for layer in net.layers for j in layer],
            [a for a, layer in zip(net.activations, net.layers) for _ in layer],
        )
    )
    for layer in net.layers:  # the forward pass
        for j in layer:
            terms = [Mul(S(w), S(i)) for w, i in net.inputs[j]]
            out.append(Step(f"z{j}", Add(*terms, S(f"b{j}"))))
            out.append(Step(f"a{j}", Act(activation[j], S(f"z{j}"))))
    outputs = net.outputs()
    ys = [f"y{k}" for k in range(1, len(outputs) + 1)]
    squares = [Sq(Sub(S(y), S(f"a{j}"))) for y, j in zip(ys, outputs)]
    if net.loss == "half":
        out.append(Step("L", Mul(C("½"), Add(*squares))))
    elif len(outputs) == 1:
        out.append(Step("L", squares[0]))
    else:
        out.append(Step("L", Mul(C("1/n"), Add(*squares))))

    def local(j: int) -> Step:
        a, z = f"a{j}", f"z{j}"
        kind = activation[j]
        if kind == "sigmoid":
            return Step(("d", a, z), Mul(S(a), Sub(C("1"), S(a))))
        if kind == "tanh":
            return Step(("d", a, z), Sub(C("1"), Sq(S(a))))
        return Step(("d", a, z), C("1"), numbers=False, exact_claim=True)  # relu: 1 or 0

    def delta(j: int) -> Step:
        a, z = f"a{j}", f"z{j}"
        return Step(("d", "L", z), Mul(S(("d", "L", a)), S(("d", a, z))))

    def weights(layer: list[int]) -> list[Step]:
        found = []
        for j in layer:
            z = f"z{j}"
            for w, i in net.inputs[j]:
                found.append(
                    Step(
                        ("d", "L", w),
                        Mul(S(("d", "L", z)), S(i)),
                        before=[Mul(S(("d", "L", z)), S(("d", z, w)))],
                    )
                )
            found.append(Step(("d", "L", f"b{j}"), S(("d", "L", z)), numbers=False))
        return found

    def updates(layer: list[int]) -> list[Step]:
        found = []
        for j in layer:
            for p in [w for w, _ in net.inputs[j]] + [f"b{j}"]:
                found.append(Step(("new", p), Sub(S(p), Mul(S("α"), S(("d", "L", p))))))
        return found

    later: list[Step] = []
    for j, y in zip(outputs, ys):
        a = f"a{j}"
        if net.loss == "half":
            formula = Neg(Sub(S(y), S(a)))
        elif len(outputs) == 1:
            formula = Mul(C("−2"), Sub(S(y), S(a)))
        else:
            formula = Mul(C("2/n"), Sub(S(a), S(y)))
        out.append(Step(("d", "L", a), formula))
        out.append(local(j))
        out.append(delta(j))
    out += weights(outputs)
    (out if updates_early else later).extend(updates(outputs))
    for depth in range(len(net.layers) - 2, -1, -1):
        layer, above = net.layers[depth], net.layers[depth + 1]
        for j in layer:
            terms = []
            for k in above:
                w = next(w for w, i in net.inputs[k] if i == f"a{j}")
                terms.append(Mul(S(("d", "L", f"z{k}")), S(w)))
            out.append(Step(("d", "L", f"a{j}"), Add(*terms)))
            out.append(local(j))
            out.append(delta(j))
        out += weights(layer)
        (out if updates_early else later).extend(updates(layer))
    return out + later


# ---- slips ---------------------------------------------------------------------------------


@dataclass
class Slip:
    """A planted slip: what the student did on which line, and what a diagnosis must say."""

    kind: str
    key: Any
    line: int
    carried: bool
    written: str  # the slipped result as written
    right: str  # what the student would have written without the slip
    exact: float  # the exact value of the line's quantity
    story: str  # what the student did, in words


# kind → (what the student does, a regular expression a diagnosis naming it matches)
SLIPS: dict[str, tuple[str, str]] = {
    "sign": ("drops the sign of the result", r"sign"),
    "activation": (
        "uses the other activation's derivative (σ′ for tanh′ or back)",
        r"derivative|σ|tanh|sigmoid",
    ),
    "copied": ("substitutes another quantity's value for a symbol", r"value|another|copied"),
    "updated": ("uses the updated weight w' where the old w belongs", r"updated"),
    "factor": (
        "leaves out the ½, the 2 or the 1/n of the loss's derivative",
        r"factor|½|1/n|\b2\b",
    ),
    "power": ("shifts the decimal point: a power of ten off", r"power of ten|10\^"),
    "transposed": ("swaps two adjacent digits of the result", r"transposed|swapped"),
    "arithmetic": ("gets the arithmetic of the line wrong", r"arithmetic|step before|give"),
    "formula": ("leaves a factor out of a chain-rule product", r"missing|left out|factor|path"),
    "given": ("copies a given wrong into the line", r"given|copied"),
    "repeat": (
        "writes one of the line's own factors as its result (a product not taken)",
        r"repeat|factor|not multiplied|times",
    ),
}


@dataclass
class Line:
    number: int  # the line of the file, from 1
    key: Any
    name: str
    text: str
    written: str  # the result as written
    exact: float  # the exact value of the quantity
    page: float  # the value that follows from the numbers on this line
    slipped: bool = False
    # every number the line computes from is its quantity's exact value, rounded (or
    # truncated) as written: what the line gets wrong is rounding, whatever came before
    sound: bool = True


@dataclass
class Sheet:
    """A worksheet's text and what is known about each line of it."""

    seed: int
    text: str
    markdown: bool
    net: Network
    notation: Notation
    lines: list[Line]
    values: dict  # every quantity's exact value, by key
    slip: Slip | None = None

    @property
    def lines_by_number(self) -> dict[int, Line]:
        return {line.number: line for line in self.lines}

    @property
    def suffix(self) -> str:
        return ".md" if self.markdown else ".txt"


# ---- writing -------------------------------------------------------------------------------


class Writer:
    def __init__(self, net: Network, notation: Notation) -> None:
        self.net, self.n = net, notation

    def name(self, key: Any) -> str:
        return self.n.name(key, self.net)

    def number(self, text: str) -> str:
        if not self.n.latex:
            return text
        text = text.replace("−", "-")
        if "×" in text:
            m, e = text.split(" × 10^")
            return rf"{m} \times 10^{{{e}}}"
        return text

    def formula(self, tree: Tree, texts: dict | None = None) -> str:
        """The tree as written: symbols by name, or (``texts``) by the numbers written."""
        return self._render(tree, texts, top=True)

    def _leaf(self, key: Any, texts: dict | None) -> str:
        if texts is None:
            return self.name(key)
        return self.number(texts[key])

    def _render(self, tree: Tree, texts: dict | None, top: bool = False) -> str:
        op = tree[0]
        latex = self.n.latex
        minus = "-" if latex else "−"
        if op == "sym":
            return self._leaf(tree[1], texts)
        if op == "const":
            text = tree[1]
            if latex:
                return {
                    "½": r"\frac{1}{2}",
                    "−2": "-2",
                    "1/n": r"\frac{1}{n}",
                    "2/n": r"\frac{2}{n}",
                }.get(text, text)
            return {"1/n": "(1/n)", "2/n": "(2/n)"}.get(text, text)
        if op == "add":
            out = self._render(tree[1][0], texts)
            for t in tree[1][1:]:
                term = self._render(t, texts)
                if texts is not None and t[0] == "sym" and term.startswith(minus):
                    term = f"({term})"  # + (−0.03)
                elif texts is not None and t[0] == "mul":
                    term = self._product(t[1], texts, inside=True)  # + (−0.4)(0.94)
                out += " + " + term
            return out
        if op == "sub":
            right = self._render(tree[2], texts)
            if tree[2][0] in ("add", "sub") or (
                texts is not None and self._negative(tree[2], texts)
            ):
                right = f"({right})"
            return f"{self._render(tree[1], texts)} {minus} {right}"
        if op == "neg":
            inner = self._render(tree[1], texts)
            return f"{minus}({inner})" if tree[1][0] in ("add", "sub") else f"{minus}{inner}"
        if op == "sq":
            inner = self._render(tree[1], texts)
            simple = tree[1][0] == "sym" and not (
                texts is not None and self._negative(tree[1], texts)
            )
            return f"{inner}^2" if simple else f"({inner})^2"
        if op == "act":
            kind, arg = tree[1], tree[2]
            inner = self._render(arg, texts)
            if texts is not None and kind == "sigmoid" and self.n.sigma_numbers == "exp":
                t = texts[arg[1]] if arg[0] == "sym" else inner
                power = t[1:] if t.startswith("−") else ("−" + t if t != "0" else "0")
                power = self.number(power)
                if latex:
                    return rf"\frac{{1}}{{1 + e^{{{power}}}}}"
                return f"1/(1 + e^{power})"
            fn = {
                "sigmoid": r"\sigma" if latex else "σ",
                "tanh": r"\tanh" if latex else "tanh",
                "relu": r"\max" if latex else "max",
            }[kind]
            return f"{fn}(0, {inner})" if kind == "relu" else f"{fn}({inner})"
        return self._product(tree[1], texts)

    def _negative(self, tree: Tree, texts: dict) -> bool:
        return tree[0] == "sym" and texts[tree[1]].startswith("−")

    def _product(self, factors: tuple, texts: dict | None, inside: bool = False) -> str:
        """Factors as a hand writes them: ``w1 x1``, ``∂L/∂z3 · a1``, ``a3(1 − a3)``; with
        numbers ``0.5(0.8)``, ``(−0.0652)(0.5987)``, ``0.5 × 0.8`` or ``0.5·0.8``."""
        latex = self.n.latex
        dot = r" \cdot " if latex else " · "
        derivatives = any(f[0] == "sym" and isinstance(f[1], tuple) for f in factors)
        parts = []
        for i, f in enumerate(factors):
            text = self._render(f, texts)
            wrap = f[0] in ("add", "sub") or (f[0] == "neg" and i > 0)
            if texts is not None and f[0] == "sym":
                negative, sci = texts[f[1]].startswith("−"), "×" in texts[f[1]]
                paren = self.n.times == "paren" and (i > 0 or derivatives)
                wrap = wrap or sci or paren or (negative and (i > 0 or inside))
            parts.append(f"({text})" if wrap else text)
        if texts is None:
            out = parts[0]
            for f, p in zip(factors[1:], parts[1:]):
                names = factors[0][0] == "sym" and f[0] == "sym" and not derivatives
                out += "" if p.startswith("(") else (" " if names else dot)
                out += p
            return out
        sep = {
            "paren": "",
            "times": r" \times " if latex else " × ",
            "dot": dot.strip() if not latex else dot,
        }[self.n.times]
        out = parts[0]
        for p in parts[1:]:
            out += (
                "" if factors[0][0] == "const" and p.startswith("(") and out == parts[0] else sep
            ) + p
        return out

    def line(self, key: Any, links: list[str]) -> str:
        text = " = ".join([self.name(key), *links])
        if self.n.latex:
            return f"$${text}$$"
        return text


# ---- a whole sheet ---------------------------------------------------------------------------


def notation(rng: random.Random) -> Notation:
    latex = rng.random() < 0.35
    return Notation(
        latex=latex,
        scheme=rng.choice(["za", "za", "sh", "net"]),
        loss=rng.choice(["L", "L", "E"]),
        d=rng.choice(["∂", "d"]),
        delta=rng.random() < 0.4,
        times=rng.choice(["paren", "paren", "times", "dot"]),
        sigma_numbers=rng.choice(["σ", "exp"]),
        hat=rng.random() < 0.7,
        rate=rng.choice(["α", "α", "η"]),
        terse=rng.choice([0.0, 0.0, 0.2]),
    )


def worksheet(seed: int, slip: str | None = None, carried: bool = True) -> Sheet:
    """The sheet drawn with ``seed``, with one slip of kind ``slip`` planted (or none).

    The same seed gives the same network, notation and rounding with and without a slip, so
    a slipped sheet differs from its clean one only where the slip (and what it carries)
    changes a number. A slip that cannot be planted on this network raises ``NoSite``.
    """
    rng = random.Random(seed)
    for _ in range(100):  # a network whose clean sheet has no ambiguity worth avoiding
        net = network(rng)
        if _usable(net):
            break
    style = notation(rng)
    digits = rng.choice([3, 4, 4])
    updates_early = rng.random() < 0.6
    if slip == "updated" and not updates_early:
        raise NoSite("the updates come last: no updated weight to use by mistake")
    plan = steps(net, updates_early)
    terse = {
        i
        for i, s in enumerate(plan)
        if rng.random() < style.terse and isinstance(s.key, tuple) and s.key[0] == "d" and s.numbers
    }
    chained = {i for i, s in enumerate(plan) if s.before and rng.random() < 0.5}
    return _write(
        seed,
        net,
        style,
        digits,
        plan,
        terse,
        chained,
        slip,
        carried,
        random.Random(seed * 7919 + 17),
    )


def _usable(net: Network) -> bool:
    """No pre-activation of a ReLU within 0.02 of its kink, no zero derivative anywhere that
    zeroes a whole layer (a sheet of zeros checks nothing)."""
    values = exact_values(net, steps(net, True))
    for j, kind in _activations(net).items():
        if kind == "relu" and abs(values[f"z{j}"]) < 0.02:
            return False
    return all(abs(values[("d", "L", f"z{j}")]) > 1e-4 for j in net.outputs())


def _activations(net: Network) -> dict[int, str]:
    return {j: a for a, layer in zip(net.activations, net.layers) for j in layer}


def exact_values(net: Network, plan: list[Step]) -> dict:
    values: dict = {k: as_float(v) for k, v in net.givens.items()}
    for step in plan:
        values[step.key] = _local_value(step, values, net)
    return values


def _local_value(step: Step, values: dict, net: Network) -> float:
    if step.exact_claim:  # relu's derivative: 1 where the input is positive
        return 1.0 if values[step.key[2]] > 0 else 0.0
    return value(step.formula, values)


def _write(seed, net, style, digits, plan, terse, chained, slip, carried, rng) -> Sheet:
    writer = Writer(net, style)
    exact = exact_values(net, plan)
    texts: dict = dict(net.givens)  # what the student wrote for each quantity
    floats: dict = {k: as_float(v) for k, v in texts.items()}
    target = _slip_site(slip, plan, net, exact, rng, terse) if slip else None
    if slip and target is None:
        raise NoSite(f"no line of this sheet takes a '{slip}' slip")
    head = _front(net, style)
    body: list[str] = []
    lines: list[Line] = []
    planted: Slip | None = None
    for given in _given_lines(net, writer):
        body.append(given)
    for i, step in enumerate(plan):
        formula, numbers_texts = step.formula, dict(texts)
        slipped = target is not None and i == target
        story = ""
        if slipped:
            formula, numbers_texts, story = _slip_formula(
                slip, step, net, texts, floats, exact, rng
            )
        result, page = _result(step, formula, numbers_texts, floats, digits)
        right_text = _result(step, step.formula, texts, floats, digits)[0]
        if slipped:
            result = _slip_result(slip, step, result, page, numbers_texts, formula, rng, digits)
            story = story or SLIPS[slip][0]
            if result == right_text:
                raise NoSite(f"the '{slip}' slip drawn here changes no number")
        links = []
        if style.delta and step.key[0] == "d" and step.key[1] == "L" and step.key[2][0] == "z":
            links.append(_derivative_text(step.key, writer))  # δ3 = ∂L/∂z3 = …
        links += [writer.formula(f) for f in step.before if i in chained]
        if formula[0] != "const":
            links.append(writer.formula(formula))
        if step.numbers and i not in terse and formula[0] not in ("const", "sym"):
            links.append(writer.formula(formula, numbers_texts))
        links.append(writer.number(result))
        if style.latex:
            links = [t.replace("−", "-") for t in links]
        text = writer.line(step.key, links)
        body.append(text)
        number = len(head) + len(body)
        lines.append(
            Line(
                number,
                step.key,
                writer.name(step.key),
                text,
                result,
                exact[step.key],
                page,
                slipped,
                _sound(formula, numbers_texts, exact),
            )
        )
        if slipped:
            planted = Slip(
                slip, step.key, number, carried, result, right_text, exact[step.key], story
            )
        keep = result if (not slipped or carried) else right_text
        texts[step.key] = keep
        floats[step.key] = as_float(keep)
    if random.Random(seed * 31 + 7).random() < 0.25:  # the next step, from the new weights
        body += _next_step(net, writer, plan, texts, exact, digits, lines, len(head) + len(body))
    text = "\n".join(head + body) + "\n"
    sheet = Sheet(seed, text, style.latex, net, style, lines, exact, planted)
    if planted is not None and _ambiguous(sheet):
        raise NoSite(f"the '{slip}' slip drawn here reads as another slip too")
    return sheet


def unit(text: str) -> Decimal:
    """One unit in the last written place: 0.0621 → 0.0001."""
    return Decimal(1).scaleb(decimal(text).as_tuple().exponent)


def agrees(text: str, x: float) -> bool:
    """``x`` rounded or truncated to the precision ``text`` is written with is ``text``."""
    written, u = decimal(text), unit(text)
    return abs(Decimal(repr(x)) - written) <= u / 2 or (
        Decimal(repr(x)).quantize(u, rounding="ROUND_DOWN") == written
    )


def within_rounding(text: str, x: float) -> bool:
    """``text`` ``agrees`` with ``x``, or is written with six significant digits or more and
    lies within one unit of its last place from ``x``: the issue's policy, a hand calculation
    carried that far may be a unit off in its last place (0.5103044 for 0.51030433)."""
    if agrees(text, x):
        return True
    long = significant(text) >= 6 and decimal(text).as_tuple().exponent < 0
    return long and abs(Decimal(repr(x)) - decimal(text)) <= unit(text)


def _ambiguous(sheet: Sheet) -> bool:
    """Whether the slipped number could be read as another slip: it agrees with another
    quantity's value (exact or as written), or with the right value's negative, tenfold,
    double or half, which other slips give (each slip's own relation aside: a dropped sign
    gives the negative; a factor left out of a product gives another quantity's value)."""
    slip = sheet.slip
    if slip.kind in ("copied", "repeat", "updated"):
        return False
    written = slip.written
    if slip.kind == "given":
        written = slip.story.rsplit(" as ", 1)[1]
    if significant(written) < 2:
        return False
    others: list[float] = []
    if slip.kind != "formula":
        mine = None if slip.kind == "given" else slip.key  # a given can look like anything
        others += [v for k, v in sheet.values.items() if k != mine and isinstance(v, float)]
        others += [as_float(line.written) for line in sheet.lines if line.key != mine]
    if slip.kind != "given":
        right = as_float(slip.right)
        own = {
            "sign": [-right],
            "power": [10 * right, right / 10],
            "factor": [2 * right, right / 2, 3 * right, right / 3],
        }.get(slip.kind, [])
        family = [-right, 10 * right, right / 10]
        if slip.kind != "formula":
            family += [2 * right, right / 2]
        others += [x for x in family if not any(_same(x, y) for y in own)]
    return any(agrees(written, x) for x in others if x != 0)


def _next_step(net, writer, plan, texts, exact, digits, lines, before) -> list[str]:
    """A second part (``after: previous``): the forward pass and the loss again, from the
    updated parameters as the student wrote them; exact values from the exact updates."""
    params = [s.key[1] for s in plan if s.key[0] == "new"]
    body = ["---", "part: the next step, from the updated parameters", "after: previous", "---"]
    for chunk in [params[i : i + 4] for i in range(0, len(params), 4)]:
        text = ", ".join(f"{writer.name(p)} = {writer.number(texts[('new', p)])}" for p in chunk)
        body.append(f"$${text}$$" if writer.n.latex else text)
    mine = {k: v for k, v in texts.items() if isinstance(k, str) and k not in params}
    mine.update({p: texts[("new", p)] for p in params})
    right = {k: as_float(v) for k, v in net.givens.items()}
    right.update({p: exact[("new", p)] for p in params})
    floats = {k: as_float(v) for k, v in mine.items()}
    for step in plan:
        if not (isinstance(step.key, str) and step.key[0] in "zaL"):
            continue
        result, page = _result(step, step.formula, mine, floats, digits)
        right[step.key] = value(step.formula, right)
        links = [writer.formula(step.formula), writer.formula(step.formula, mine)]
        links.append(writer.number(result))  # 2.112 \times 10^{-5} in LaTeX
        if writer.n.latex:
            links = [t.replace("−", "-") for t in links]
        text = writer.line(step.key, links)
        body.append(text)
        key = ("next", step.key)
        exact[key] = right[step.key]
        number = before + len(body)
        sound = _sound(step.formula, mine, right)
        name = writer.name(step.key)
        lines.append(Line(number, key, name, text, result, right[step.key], page, False, sound))
        mine[step.key] = result
        floats[step.key] = as_float(result)
    return body


def _sound(formula: Tree, texts: dict, exact: dict) -> bool:
    """Whether every number ``formula`` reads, as written, is its exact value at the
    precision written."""
    keys = [k for k in symbols(formula) if k in texts and k in exact]
    return all(agrees(texts[k], exact[k]) for k in keys)


def _derivative_text(key: Any, writer: Writer) -> str:
    """``∂L/∂z3`` even where the sheet calls it δ3: what δ3 is defined as."""
    n = Notation(**{**writer.n.__dict__, "delta": False})
    return n.name(key, writer.net)


def _front(net: Network, style: Notation) -> list[str]:
    describe = "-".join(map(str, net.sizes))
    acts = "/".join(net.activations)
    loss = "½(y − a)²" if net.loss == "half" else "mean squared error"
    return [
        "---",
        f"part: a {describe} network ({acts}), {loss}, one step of gradient descent",
        f"loss: {style.loss}",
        f"rate: {style.rate}",
        "---",
        "Worked by hand; results rounded, the rounded numbers carried forward.",
    ]


def _given_lines(net: Network, writer: Writer) -> list[str]:
    groups = [
        [k for k in net.givens if k[0] in "xy"],
        [k for k in net.givens if k[0] == "w"],
        [k for k in net.givens if k[0] == "b"],
        [k for k in net.givens if k in ("α", "n")],
    ]
    out = []
    for group in groups:
        for chunk in [group[i : i + 4] for i in range(0, len(group), 4)]:
            text = ", ".join(f"{writer.name(k)} = {writer.number(net.givens[k])}" for k in chunk)
            out.append(f"$${text}$$" if writer.n.latex else text)
    return out


def _result(step: Step, formula: Tree, texts: dict, floats: dict, digits: int) -> tuple[str, float]:
    """The result a careful student writes from the numbers substituted, and its unrounded
    value: exact where it is a short decimal (sums of givens, updates), else rounded."""
    if step.exact_claim:
        v = 1.0 if floats[step.key[2]] > 0 else 0.0
        return ("1" if v else "0"), v
    if formula[0] == "sym":  # ∂L/∂b3 = δ3: copied as written
        return texts[formula[1]], as_float(texts[formula[1]])
    values = {k: as_float(t) for k, t in texts.items()}
    values.setdefault("n", floats.get("n", 1.0))
    page = value(formula, values)
    d = exact_decimal(formula, texts)
    if (
        d is not None
        and significant(plain(d)) <= digits + 1
        and (d == 0 or abs(d) >= Decimal("1e-4"))
    ):
        return plain(d), page
    if d is not None and step.key[0] == "new":  # w − α·g: to the places the step needs
        step_size = abs(value(formula[2], values))
        if step_size == 0:
            return plain(d), page
        places = digits - 1 - math.floor(math.log10(step_size))
        return plain(round(d, max(places, 1))), page
    return rounded(page, digits), page


# ---- planting ------------------------------------------------------------------------------


def _slip_site(
    kind: str, plan: list[Step], net: Network, exact: dict, rng: random.Random, terse: set[int]
):
    """Which step takes the slip: a random one of those where it makes sense."""

    def nonzero(i):
        return abs(exact[plan[i].key]) > 1e-6

    def product_of_numbers(i):
        s = plan[i]
        return (
            s.numbers
            and s.formula[0] == "mul"
            and len(s.formula[1]) == 2
            and all(f[0] == "sym" for f in s.formula[1])
        )

    sites = []
    for i, s in enumerate(plan):
        k = s.key
        deriv = isinstance(k, tuple) and k[0] == "d"
        if kind in ("sign", "power", "transposed", "arithmetic"):
            ok = nonzero(i) and not s.exact_claim and k != "L" and (deriv or kind != "sign")
            if kind == "arithmetic":  # a line that computes something
                ok = ok and s.formula[0] != "sym"
        elif kind == "activation":
            ok = (
                deriv and k[1][0] == "a" and _activations(net)[int(k[1][1:])] in ("sigmoid", "tanh")
            )
        elif kind == "copied":
            ok = nonzero(i) and s.numbers and bool(_copy_candidates(s, net, exact))
        elif kind == "updated":
            ok = (
                deriv
                and k[1] == "L"
                and k[2][0] == "a"
                and int(k[2][1:]) <= net.hidden_count
                and any(
                    ("new", w) in [p.key for p in plan[:i]]
                    for w in symbols(s.formula)
                    if isinstance(w, str) and w[0] == "w"
                )
            )
        elif kind == "factor":
            ok = deriv and k[1] == "L" and k[2][0] == "a" and int(k[2][1:]) > net.hidden_count
        elif kind == "formula":
            ok = (
                nonzero(i)
                and deriv
                and k[1] == "L"
                and (
                    (k[2][0] == "z" and plan[i - 1].key[0] == "d" and not plan[i - 1].exact_claim)
                    or (k[2][0] == "w")
                    or (k[2][0] == "a" and s.formula[0] == "add")
                )
            )
        elif kind == "given":
            ok = (
                nonzero(i)
                and s.numbers
                and any(
                    isinstance(g, str) and g in net.givens and g != "n" and as_float(net.givens[g])
                    for g in symbols(s.formula)
                )
            )
        elif kind == "repeat":
            ok = nonzero(i) and product_of_numbers(i)
        else:
            raise ValueError(f"unknown slip {kind!r}")
        if kind in ("copied", "updated", "given", "repeat") and i in terse:
            ok = False  # a slip in the numbers substituted needs the numbers written
        if ok:
            sites.append(i)
    return rng.choice(sites) if sites else None


def _copy_candidates(step: Step, net: Network, exact: dict) -> list[tuple[Any, Any]]:
    """(symbol, other quantity) pairs: another quantity of the same kind, already written,
    whose value differs enough to be told apart."""
    found = []
    for key in symbols(step.formula):
        if not isinstance(key, str) or key[0] not in "az" or key not in exact:
            continue
        for other in exact:
            if (
                isinstance(other, str)
                and other != key
                and other[0] in "az"
                and other in _written_before(step, exact)
            ):
                a, b = exact[key], exact[other]
                if abs(a - b) > 0.1 * max(abs(a), abs(b)) and abs(a + b) > 0.05 and b != 0:
                    found.append((key, other))
    return found


def _written_before(step: Step, exact: dict) -> list:
    keys = list(exact)
    return keys[: keys.index(step.key)] if step.key in keys else keys


def _slip_formula(kind, step, net, texts, floats, exact, rng):
    """A slip that changes what is written before the result: the formula or a number."""
    numbers = dict(texts)
    formula = step.formula
    if kind == "activation":
        a = step.key[1]
        if _activations(net)[int(a[1:])] == "tanh":
            formula = Mul(S(a), Sub(C("1"), S(a)))
        else:
            formula = Sub(C("1"), Sq(S(a)))
    elif kind == "copied":
        key, other = rng.choice(_copy_candidates(step, net, exact))
        if significant(plain(decimal(texts[other]))) < 3:
            raise NoSite("the value copied has too few digits to tell whose it is")
        numbers[key] = texts[other]
        return formula, numbers, f"substitutes {other}'s value for {key}"
    elif kind == "updated":
        ws = [
            w
            for w in symbols(formula)
            if isinstance(w, str) and w[0] == "w" and ("new", w) in texts
        ]
        w = rng.choice(ws)
        numbers[w] = texts[("new", w)]
        return formula, numbers, f"substitutes the updated {w}' for {w}"
    elif kind == "factor":
        a = step.key[2]
        y = f"y{net.outputs().index(int(a[1:])) + 1}"
        if net.loss == "half":
            formula = Mul(C("−2"), Sub(S(y), S(a)))
        elif len(net.outputs()) == 1:
            formula = Neg(Sub(S(y), S(a)))
        else:
            formula = Mul(C("2"), Sub(S(a), S(y)))
    elif kind == "formula":
        kind_of = step.key[2][0]
        if kind_of == "z":  # δ = ∂L/∂a, the activation's derivative left out
            formula = formula[1][0]
        elif kind_of == "w":  # ∂L/∂w = δ, the input left out
            formula = formula[1][0]
        else:  # one path of the chain rule left out
            terms = list(formula[1])
            terms.pop(rng.randrange(len(terms)))
            formula = Add(*terms)
    elif kind == "given":
        givens = [
            g
            for g in symbols(formula)
            if isinstance(g, str) and g in net.givens and g != "n" and as_float(net.givens[g])
        ]
        g = rng.choice(givens)
        numbers[g] = _miscopied(net.givens[g], rng)
        return formula, numbers, f"copies {g} = {net.givens[g]} as {numbers[g]}"
    return formula, numbers, ""


def _miscopied(text: str, rng: random.Random) -> str:
    """A given copied wrong: one digit changed, not its sign, not a power of ten."""
    digits = [i for i, c in enumerate(text) if c.isdigit() and c != "0"]
    if not digits:
        digits = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(digits)
    choices = [d for d in "123456789" if d != text[i]]
    while True:
        new = text[:i] + rng.choice(choices) + text[i + 1 :]
        old, got = as_float(text), as_float(new)
        if (
            got != 0
            and abs(got) != abs(old) * 2
            and abs(got) * 2 != abs(old)
            and round(abs(got) / abs(old), 6) not in (10.0, 0.1)
        ):
            return new


def _slip_result(kind, step, result, page, numbers, formula, rng, digits) -> str:
    """A slip in the result itself."""
    if kind == "sign":
        return result[1:] if result.startswith("−") else "−" + result
    if kind == "power":
        k = rng.choice([-1, 1])
        x = as_float(result) * 10**k
        return rounded(x, max(1, significant(result)))
    if kind == "transposed":
        return _transpose(result, rng) or result
    if kind == "arithmetic":
        x = as_float(result)
        while True:
            f = rng.choice([rng.uniform(0.55, 0.85), rng.uniform(1.15, 1.8)])
            y = x * f
            text = rounded(y, max(2, significant(result)))
            if _distinct(as_float(text), x):
                return text
    if kind == "repeat":
        factors = [f for f in formula[1] if f[0] == "sym"]
        candidates = [
            numbers[f[1]]
            for f in factors
            if as_float(numbers[f[1]]) not in (0.0, 1.0)
            and not _same(as_float(numbers[f[1]]), as_float(result))
        ]
        return rng.choice(candidates) if candidates else result
    return result


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b))


def _distinct(y: float, x: float) -> bool:
    """``y`` is none of the other slips' values of ``x``: not −x, 10ⁿx, 2x, x/2."""
    for alt in (-x, 10 * x, x / 10, 2 * x, x / 2, x):
        if abs(y - alt) <= 0.02 * abs(alt):
            return False
    return True


def _transpose(text: str, rng: random.Random) -> str | None:
    """Two adjacent different digits of the written result swapped (not its leading zeros)."""
    mantissa = text.split(" × ")[0]
    rest = text[len(mantissa) :]
    start = next((i for i, c in enumerate(mantissa) if c.isdigit() and c != "0"), None)
    if start is None:
        return None
    pairs = [
        i
        for i in range(start, len(mantissa) - 1)
        if mantissa[i].isdigit() and mantissa[i + 1].isdigit() and mantissa[i] != mantissa[i + 1]
    ]
    if not pairs:
        return None
    i = rng.choice(pairs)
    swapped = mantissa[:i] + mantissa[i + 1] + mantissa[i] + mantissa[i + 2 :]
    return swapped + rest


class NoSite(Exception):
    """No line of the sheet takes the slip asked for."""


# ---- many sheets ---------------------------------------------------------------------------


def cases(count: int, seed: int = 0) -> list[tuple[int, str | None, bool]]:
    """``count`` (seed, slip kind or None, carried) cases: clean sheets and each kind of slip,
    carried and not, in turn."""
    kinds: list[str | None] = [None, *SLIPS]
    out = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        carried = (i // len(kinds)) % 2 == 0
        out.append((seed * 1_000_003 + i, kind, carried))
    return out


def sheets(count: int, seed: int = 0) -> list[Sheet]:
    """``count`` sheets, as ``cases`` lists them; a slip a network cannot take is drawn on
    the next seed."""
    out = []
    for s, kind, carried in cases(count, seed):
        for attempt in range(50):
            try:
                out.append(worksheet(s + attempt * 7_777_777, kind, carried))
                break
            except NoSite:
                continue
    return out


def changed_lines(sheet: Sheet) -> list[Line]:
    """The lines after a carried slip whose result differs from the clean sheet's: the
    consequences of the slip, right given the student's own numbers."""
    if sheet.slip is None:
        return []
    clean = worksheet(sheet.seed)
    before = {line.number: line.written for line in clean.lines}
    return [
        line
        for line in sheet.lines
        if line.number > sheet.slip.line and before.get(line.number) != line.written
    ]


if __name__ == "__main__":  # print a few, to read them
    import sys

    for s, kind, carried in cases(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        try:
            w = worksheet(s, kind, carried)
        except NoSite as e:
            print(e)
            continue
        print(f"# seed {s}, slip {kind}, carried {carried}: {w.slip}")
        print(w.text)
