"""One chain of equalities read into expressions: the grammar, the line in its symbols.

``a1 = σ(z1) = 1/(1+e^-2) = 0.8807`` is a chain of four links. Operators ``+ − - * × · / ^
**``, implicit multiplication (``0.1(…)``, ``2x``, ``w1 x1``), ``½``, ``e^x``, the functions
``exp log ln sqrt √ σ sigmoid tanh relu max`` and the derivatives ``σ' tanh'``, derivatives
``dA/dB`` and ``∂A/∂B``, the derivative of an expression ``∂/∂x (…)``, updates ``w'`` or
``w+``. The grammar is Lark's (LALR: linear time); trees are built as it parses, so no step
recurses deeper than the nesting limit allows.

>>> from autograd.audit.worksheet import show
>>> from autograd.audit.worksheet import show
>>> [show(x) for x in parse_chain("dL/dw7 = dL/da · da/dz · dz/dw7 = (−0.0255)(0.0248)(0.8807)")]
['∂L/∂w7', '∂L/∂a · ∂a/∂z · ∂z/∂w7', '−0.0255 · 0.0248 · 0.8807']
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lark import Lark, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedInput

from ..custom import DEFINED
from .worksheet import (
    CONTINUED,
    Call,
    Derivative,
    Expr,
    Name,
    NotUnderstood,
    Num,
    numbers_in,
)

#: What one document may hold; beyond it the document is refused before it is parsed.
LIMITS = {"bytes": 1_000_000, "line": 10_000, "nesting": 40, "chains": 5_000}


FUNCTIONS = {
    "exp": "exp", "log": "log", "ln": "log", "sqrt": "sqrt", "√": "sqrt", "σ": "σ",
    "log2": "log2", "log_2": "log2", "log10": "log10", "log_10": "log10",  # a base written
    "sigmoid": "σ", "tanh": "tanh", "relu": "relu", "ReLU": "relu", "max": "max",
    "σ'": "σ'", "sigmoid'": "σ'", "tanh'": "tanh'",  # the derivatives: σ'(z) = σ(z)(1 − σ(z))
    "relu'": "relu'", "ReLU'": "relu'",  # and ReLU's step: 1 where z > 0, else 0
    "sigm": "σ", "sig": "σ",  # and each of these as pages capitalise them: Sigmoid, ReLU, Tanh
}  # fmt: skip


# as pages write them; a logarithm's base 2 or 10 written after it (log2, log_10)
BUILTIN = r"exp|log_?2|log_?10|log|ln|sqrt|[Ss]ig(m|moid)?|[Tt]anh|[Rr]e[Ll][Uu]|RELU|max"


# g_relu(z), f_sigmoid(z): an activation named in a function letter's subscript; softmax_2(z1,
# z2) or softmax₂(…): output 2 of softmax over a vector (read_matrix writes a vector's so)
_NAMED = r"|[^\W\d]'?_(?i:relu|sigmoid|tanh)'?(?=\s*\()|softmax_?\d+(?=\s*\()"


# g_relu: relu; g'_relu (g_relu' as the prime moves past an index): its derivative, relu'
_PREFIXED = re.compile(r"[^\W\d]('?)_((?i:relu|sigmoid|tanh))('?)")


# m̂, x̄: a letter with a mark over it, as \hat{m} is read and as pages type it (combining marks:
# no precomposed letter exists for most of them; ŷ has one, m̂ not)
_OVER_LETTER = "[\u0300-\u036f]*"
# what follows a name's first letter: its letters and index, or a step from a letter's index
# (h_{t+1}); then a layer (⁽l⁾, ⁽l-1⁾)
_STEP = r"([\w']*_\{[^\W\d][-+]\d+\}'?|[\w']*)"
_LAYER_INDEX = r"(⁽\w+([-+]\d+)?⁾)?"
_GRAMMAR = r"""
    start: expr ("=" expr)+ | "=" expr ("=" expr)* -> continuation
    ?expr: sum
    ?sum: term | sum "+" term -> add | sum "-" term -> sub
    ?term: unary | term "*" unary -> mul | term "/" unary -> div | term implicit -> mul
    ?unary: power | "-" unary -> neg | "+" unary
    ?implicit: atom | atom "^" unary -> pow
    ?power: atom | atom "^" unary -> pow
    ?atom: NUMBER -> num
         | PERCENT -> percent
         | NAME -> name
         | DERIVATIVE -> derivative
         | DOPERATOR atom -> derivative_of
         | "(" sum ")" -> group
         | FUNCTION "(" sum ("," sum)+ ")" -> call
         | FUNCTION atom -> call
    FUNCTION.2: /(sigmoid|tanh|relu|ReLU)'|σ'|[√σ]/ | NAMED_FUNCTION
    NAMED_FUNCTION: /({builtin}{op})(?![\w'])/
    DERIVATIVE.3: /[d∂][^\W\d]{mark}{index}\/[d∂][^\W\d]{mark}{index}/
    DOPERATOR.3: /[d∂]\/[d∂][^\W\d]{mark}{index}/
    NAME: /[^\W\d]{mark}{step}(\.[^\W\d][\w']*)*{layer}/
    NUMBER: /(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/
    PERCENT.2: /(\d+\.?\d*|\.\d+)%/
    %ignore /\s+/
"""


@v_args(inline=True)
class _Build(Transformer):
    """Builds the model's trees as the parser reduces (no second, recursive pass). A function
    the page defines by a formula not read (``f(s) = e^s/Σe^s``), applied to numbers, is a
    quantity of its own: ``f(4.0)``."""

    def __init__(self, opaque: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.opaque = opaque  # the page's functions whose formula is not read

    def num(self, token):
        return Num(str(token))

    def percent(self, token):  # 88.08% is 0.8808, to the same digits
        return Num(str(Decimal(str(token)[:-1]).scaleb(-2)))

    def name(self, token):
        return Name(str(token))

    def derivative(self, token):
        top, bottom = str(token).split("/")
        return Derivative(top[1:], bottom[1:])

    def derivative_of(self, operator, e):
        return Derivative("", str(operator).split("/")[1][1:], e)

    def group(self, e):
        return e if isinstance(e, (Num, Name, Derivative)) else Call("group", (e,))

    def call(self, fn, *args):
        fn = _PREFIXED.sub(r"\2\1\3", str(fn))  # else an operation of autograd.op
        fn = re.sub(r"^softmax_?(\d+)$", r"softmax_\1", fn)  # softmax_1 as softmax₁ writes it
        if fn in self.opaque and all(isinstance(a, Num) for a in args):
            return Name(f"{fn}({', '.join(a.text for a in args)})")
        return Call(FUNCTIONS.get(fn) or FUNCTIONS.get(fn.lower(), fn), args)

    def add(self, a, b):
        return (
            Call("add", (*a.args, b))
            if isinstance(a, Call) and a.fn == "add"
            else Call("add", (a, b))
        )

    def mul(self, a, b):
        return (
            Call("mul", (*a.args, b))
            if isinstance(a, Call) and a.fn == "mul"
            else Call("mul", (a, b))
        )

    def sub(self, a, b):
        return Call("sub", (a, b))

    def div(self, a, b):
        return Call("div", (a, b))

    def pow(self, a, b):
        return Call("pow", (a, b))

    def neg(self, e):
        if isinstance(e, Num) and not e.text.startswith("-"):
            return Num("-" + e.text)
        return Call("neg", (e,))

    def start(self, *links):
        return links

    def continuation(self, *links):  # "= 2": the rest of a chain begun on an earlier line
        return (CONTINUED, *links)


@lru_cache(maxsize=8)
def _parser(defined: tuple[str, ...] = (), opaque: tuple[str, ...] = ()) -> Lark:
    """The parser, reading the operations defined with ``autograd.op`` and the functions the
    page defines (``defined`` holds both; ``opaque``: those whose formula is not read) as
    functions too."""
    names = "".join(f"|{re.escape(n)}" for n in defined)
    grammar = _GRAMMAR.replace("{builtin}", BUILTIN + _NAMED).replace("{op}", names)
    grammar = grammar.replace("{index}", _STEP + _LAYER_INDEX)
    grammar = grammar.replace("{step}", _STEP).replace("{layer}", _LAYER_INDEX)
    grammar = grammar.replace("{mark}", _OVER_LETTER)
    return Lark(grammar, parser="lalr", transformer=_Build(opaque))


_SYMBOLS = str.maketrans(
    {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/", "½": "(1/2)",
     "′": "'", "\u00a0": " ", "≈": "=", "\ufeff": "", "…": "", "⊙": "*", "∑": "Σ",
     **{chr(0x2080 + d): str(d) for d in range(10)}}  # w₁ is w1
)  # fmt: skip


_SUPERSCRIPT = str.maketrans(
    {"⁻": "-", "⁺": "+", "¹": "1", "²": "2", "³": "3",
     **{chr(0x2070 + d): str(d) for d in (0, 4, 5, 6, 7, 8, 9)}}
)  # fmt: skip


_POWER = re.compile(r"[⁻⁺⁰¹²³⁴-⁹]+")  # 10⁻³, x²: a power


_UPDATE_PLUS = re.compile(r"([\w'])\+(?=\s*(=|$|\)))")  # w7+ = …: the updated w7


# dL / dw: a d that begins a word (not the d's of "dddd…", each retried to the word's end)
_SPACED_DERIVATIVE = re.compile(
    r"(∂|(?<![\w'])d)\s*([^\W\d][\w']*)\s*/\s*([d∂])\s*([^\W\d][\w']*)"
)


_TRUNCATED = re.compile(r"(\d)\.\.\.")  # 0.666...: a truncated decimal, as written


# w_new, w5_{updated}, b^{(new)}: a weight's or bias's value after the step (w'), and L_new, E_new
# the loss's; w_old: w (x_new, a new input, is no update)
NEW_OLD = re.compile(r"(?<![\w'])([wWbBθLEJ]\w*?)(?:_\(?|⁽)(new|updated|old)(?:\)|⁾)?(?![\w'])")


# any other name marked so, h_(new), a⁽new⁾, as one name h_new: the part's use tells whether it
# is the value after the step (``marked_after``)
_MARKED = re.compile(r"(?<![\w'])([^\W\d]\w*?)(?:_\(|⁽)(new|updated|old)(?:\)|⁾)(?![\w'])")


# tanh^2(u), σ²(z): the function's value squared, as (tanh(u))^2
_POWER_OF_CALL = re.compile(rf"(?<![\w'])({BUILTIN}|σ)\s*\^\s*(\(\d\)|\d)\s*\(")


# 0.83·[1 − 0.83], f(I)[1 − f(I)]: square brackets grouping a sum, as round ones; not a list
# ([1, 0]: a comma), an index (x[0], W[1]: after a name) nor a note in words ([t is label])
_SQUARE = re.compile(r"(?<![^\W\d])\[([^\[\],]*)\]")


# m_{t-1}, m_(t - 1), h_{t+1}: an index one step from a letter's (a time step, a layer), one
# name, m_{t-1}, never m_t − 1 (the general formula's index; its instances are m0, m1, …)
_STEP_INDEX = re.compile(r"(?<=[\w'])_[({]\s*([^\W\d])\s*([-+])\s*(\d+)\s*[)}]")


def _grouping(m: re.Match[str]) -> str:
    return f"({m[1]})" if re.search(r"[-+*/^−–×·]", m[1]) else m[0]


def normal(text: str) -> str:
    """The line in the grammar's symbols: unicode operators, powers written as superscripts,
    ``**``, ``w+`` for ``w'``, ``dL / dw`` spaced, ``≈`` and a truncation mark ``…``."""
    text = _SQUARE.sub(_grouping, unicodedata.normalize("NFC", text))
    text = _unmarked(text)
    text = _POWER.sub(lambda m: f"^({m.group(0).translate(_SUPERSCRIPT)})", text)
    text = text.translate(_SYMBOLS).replace("**", "^").replace("~=", "=")
    text = _STEP_INDEX.sub(r"_{\1\2\3}", text)
    text = _TRUNCATED.sub(r"\1", _SPACED_DERIVATIVE.sub(r"\1\2/\3\4", text))
    text = _GRADIENT_AT_STEP.sub(r"∇\1_\2", text)
    text = _GRADIENT.sub(_gradient, _CHANGE.sub("Δ", _powers_of_calls(text)))
    text = NEW_OLD.sub(lambda m: m[1] + ("" if m[2] == "old" else "'"), text)
    text = _MARKED.sub(r"\1_\2", text).rstrip()
    if text.endswith((".", ",", ":")) and not text.endswith(".."):  # a sentence's end
        text = text[:-1]
    return _UPDATE_PLUS.sub(r"\1'", text)


def _powers_of_calls(text: str) -> str:
    """``tanh^2(u)`` as ``(tanh(u))^2``: the power of the function's value (linear: each
    call's brackets are scanned once, from where the last one ended)."""
    out, at = [], 0
    for m in _POWER_OF_CALL.finditer(text):
        if m.start() < at:
            continue
        depth, end = 1, m.end()
        while end < len(text) and depth:
            depth += (text[end] == "(") - (text[end] == ")")
            end += 1
        if depth:
            break  # a bracket never closed: the parser says so
        power = m.group(m.lastindex).strip("()")
        out += [text[at : m.start()], f"({m.group(1)}({text[m.end() : end]})^{power}"]
        at = end
    return "".join(out) + text[at:]


# w = 0.5 − 0.1·2 = 0.3        (3): the equation's number at the right margin, set apart by
# spaces as a text or a PDF sets it (3.2, eq. 4, 3a too); not a factor of the result
_EQUATION_NUMBER = re.compile(r"\((?:[Ee]q\.?\s*)?\d+(?:\.\d+)*[a-z]?\)\s*$")


def _unmarked(text: str) -> str:
    """``text`` without the marks after its equation: its number at the margin and a check
    mark (``= 1.0 ✓``, the writer's sign that a result is checked). Linear: the number is
    looked for where a bracket opens, the spaces before it read once."""
    text = text.rstrip()
    if text.endswith(("✓", "✔")):
        text = text[:-1].rstrip()
    m = _EQUATION_NUMBER.search(text) if text.endswith(")") else None
    if m and text[: m.start()].endswith(("  ", "\t")):
        text = text[: m.start()].rstrip()
    return text


# Δ w_ij: the change of a quantity, one name (Δw_ij), as ∂ joins a derivative's names
_CHANGE = re.compile(r"Δ\s+(?=[^\W\d])")


# ∇W, ∇W_hh, ∇loss: the gradient by a name (or of it: the page says which in words), a
# quantity of its own, written dW as Ng writes it; never the name itself (∇w = −8 is not w)
_GRADIENT = re.compile(r"([\w'])?∇\s*(?=[^\W\d])")


# ∇L(θ_t), ∇L(θ_{t-1}): the gradient at a step of a general formula over the step, one name
# indexed by it (dL_t, dL_{t-1}), as g_t names it; ∇L(θ) stays the gradient's product-free name
_GRADIENT_AT_STEP = re.compile(
    r"∇\s*([^\W\d]\w*)\s*\(\s*[^\W\d]\w*?_(\{[^\W\d][-+]\d+\}|[^\W\d])\s*\)"
)


def _gradient(m: re.Match[str]) -> str:
    return f"{m[1]} d" if m[1] else "d"  # η∇w: η · dw, not one name


# a number written in groups of three digits (12 500, 1 000 000; spaces thin or not), as the
# SI and many languages write thousands: never a product of numbers side by side
# not 1,000: three digits after the comma may be a thousands separator, as English writes it
_DECIMAL_COMMA = re.compile(r"(?<![\w.,])\d+,(?!\d{3}(?!\d))\d+(?!\w|,\d)")


_DIGIT_GROUPS = re.compile(r"(?<![\w.])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?![\w.])")


def parse_chain(
    text: str, functions: tuple[str, ...] = (), opaque: tuple[str, ...] = ()
) -> tuple[Expr, ...]:
    """The links of one chain of equalities; ``NotUnderstood`` says why a line is not one.
    ``functions``: the names of functions the page defines (``f(s) = …``); ``opaque``: those
    of them whose formula is not read, applied to numbers read as quantities of their own.

    >>> from autograd.audit.worksheet import show
    >>> [show(x) for x in parse_chain("f(4.0) = e^4.0/(e^4.0 + e^2.0)", ("f",), ("f",))]
    ['f(4.0)', 'e^4.0/(e^4.0 + e^2.0)']
    """
    text = normal(text).strip()
    if len(text) > LIMITS["line"]:
        raise NotUnderstood(f"longer than {LIMITS['line']} characters")
    depth = deepest = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        deepest = max(deepest, depth)
    if deepest > LIMITS["nesting"]:
        raise NotUnderstood(f"brackets nested deeper than {LIMITS['nesting']}")
    if "=" not in text:
        raise NotUnderstood("no '=': not an equation")
    if spaced := _DIGIT_GROUPS.search(text):  # 12 500 was 12 · 500 = 6000, silently
        written, number = re.sub(r"\s", " ", spaced.group(0)), re.sub(r"\s", "", spaced.group(0))
        raise NotUnderstood(f"'{written}': digits in groups of three; write {number} for one "
                            "number, or × between two")  # fmt: skip
    parser = _parser(tuple(sorted({*DEFINED, *functions})), tuple(sorted(opaque)))
    try:
        links = parser.parse(text)
    except UnexpectedInput as error:
        where = getattr(error, "column", "?")
        comma = _DECIMAL_COMMA.search(text)  # 0,5: the decimal comma of most of Europe
        hint = f"; {comma[0]}: write {comma[0].replace(',', '.')}" if comma else ""
        near = _near(text, error)
        raise NotUnderstood(f"cannot read it near column {where}: {near}{hint}") from None
    except LarkError as error:  # a transformer error: an unknown function and the like
        raise NotUnderstood(f"cannot read it ({error})") from None
    for link in links:
        for n in numbers_in(link):
            try:
                d = Decimal(n.text)
            except InvalidOperation:
                raise NotUnderstood(f"{n.text!r} is not a number") from None
            if not _float_holds(d):
                raise NotUnderstood(
                    f"{n.text} is beyond a float's range (0, or sizes from 2.2e-308 to 1.79e308)"
                )
    if max(map(_depth, links)) > LIMITS["nesting"] * 2:
        raise NotUnderstood(f"nested deeper than {LIMITS['nesting'] * 2} operations")
    return links


def _float_holds(d: Decimal) -> bool:
    """Whether a float holds a written number: finite, and 0 or no smaller than the least
    normal float (below it a float keeps fewer digits than the worksheet wrote).

    >>> [_float_holds(Decimal(t)) for t in ("1e304", "1.7e308", "1.8e308", "1e-308", "0")]
    [True, True, False, False, True]
    """
    if not d.is_finite():
        return False
    size = abs(float(d))
    return size == 0.0 or sys.float_info.min <= size < math.inf


def _depth(e: Expr) -> int:
    """How deep the tree goes, counted without recursion."""
    deepest, stack = 0, [(e, 1)]
    while stack:
        e, d = stack.pop()
        deepest = max(deepest, d)
        children = e.args if isinstance(e, Call) else (e.of,) if isinstance(e, Derivative) else ()
        stack.extend((c, d + 1) for c in children if c is not None)
    return deepest


def _near(text: str, error: UnexpectedInput) -> str:
    column = getattr(error, "column", 1) or 1
    return repr(text[max(0, column - 6) : column + 6])
