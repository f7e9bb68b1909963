"""Reading a plain-text worksheet: one chain of equalities per line, typed as by hand.

``a1 = σ(z1) = 1/(1+e^-2) = 0.8807`` is a chain of four links. Operators ``+ − - * × · / ^
**``, implicit multiplication (``0.1(…)``, ``2x``, ``w1 x1``), ``½``, ``e^x``, the functions
``exp log ln sqrt √ σ sigmoid tanh relu max`` and the derivatives ``σ' tanh'``, derivatives
``dA/dB`` and ``∂A/∂B``, the derivative of an expression ``∂/∂x (…)``, updates ``w'`` or
``w+``, ``#`` comments, and several givens on a line (``x1 = 0, x2 = 1``). The grammar is
Lark's (LALR: linear time); trees are built as it parses, so no step recurses deeper than the
nesting limit allows.

>>> [show(x) for x in parse_chain("dL/dw7 = dL/da · da/dz · dz/dw7 = (−0.0255)(0.0248)(0.8807)")]
['∂L/∂w7', '∂L/∂a · ∂a/∂z · ∂z/∂w7', '−0.0255 · 0.0248 · 0.8807']
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from heapq import merge

from lark import Lark, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedInput

from ..custom import DEFINED
from .antiderivative import function_from_derivative
from .read_matrix import entry_lines, lists_read, placed
from .read_sheet import sheet_lines
from .recompute import RATES
from .worksheet import (
    CONTINUED,
    LOSS_LETTERS,
    LOSS_WORDS,
    Call,
    Chain,
    Derivative,
    Expr,
    Name,
    NotUnderstood,
    Num,
    Part,
    Unread,
    Worksheet,
    names_in,
    numbers_in,
    reads_names,
    replaced,
    show,
    ungrouped,
)

__all__ = ["LIMITS", "NotUnderstood", "loss_said", "parse_chain", "read_text", "split_givens"]

#: What one document may hold; beyond it the document is refused before it is parsed.
LIMITS = {"bytes": 1_000_000, "line": 10_000, "nesting": 40, "chains": 5_000}

FUNCTIONS = {
    "exp": "exp", "log": "log", "ln": "log", "sqrt": "sqrt", "√": "sqrt", "σ": "σ",
    "sigmoid": "σ", "tanh": "tanh", "relu": "relu", "ReLU": "relu", "max": "max",
    "σ'": "σ'", "sigmoid'": "σ'", "tanh'": "tanh'",  # the derivatives: σ'(z) = σ(z)(1 − σ(z))
    "relu'": "relu'", "ReLU'": "relu'",  # and ReLU's step: 1 where z > 0, else 0
    "sigm": "σ", "sig": "σ",  # and each of these as pages capitalise them: Sigmoid, ReLU, Tanh
}  # fmt: skip

_BUILTIN = r"exp|log|ln|sqrt|[Ss]ig(m|moid)?|[Tt]anh|[Rr]e[Ll][Uu]|RELU|max"  # as pages write them
# g_relu(z), f_sigmoid(z): an activation named in a function letter's subscript; softmax_2(z1,
# z2) or softmax₂(…): output 2 of softmax over a vector (read_matrix writes a vector's so)
_NAMED = r"|[^\W\d]'?_(?i:relu|sigmoid|tanh)'?(?=\s*\()|softmax_?\d+(?=\s*\()"
# g_relu: relu; g'_relu (g_relu' as the prime moves past an index): its derivative, relu'
_PREFIXED = re.compile(r"[^\W\d]('?)_((?i:relu|sigmoid|tanh))('?)")
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
    DERIVATIVE.3: /[d∂][^\W\d][\w']*(⁽\w+⁾)?\/[d∂][^\W\d][\w']*(⁽\w+⁾)?/
    DOPERATOR.3: /[d∂]\/[d∂][^\W\d][\w']*(⁽\w+⁾)?/
    NAME: /[^\W\d][\w']*(\.[^\W\d][\w']*)*(⁽\w+⁾)?/
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
    grammar = _GRAMMAR.replace("{builtin}", _BUILTIN + _NAMED).replace("{op}", names)
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
_NEW_OLD = re.compile(r"(?<![\w'])([wWbBθLEJ]\w*?)(?:_\(?|⁽)(new|updated|old)(?:\)|⁾)?(?![\w'])")
# any other name marked so, h_(new), a⁽new⁾, as one name h_new: the part's use tells whether it
# is the value after the step (``_marked_after``)
_MARKED = re.compile(r"(?<![\w'])([^\W\d]\w*?)(?:_\(|⁽)(new|updated|old)(?:\)|⁾)(?![\w'])")
# tanh^2(u), σ²(z): the function's value squared, as (tanh(u))^2
_POWER_OF_CALL = re.compile(rf"(?<![\w'])({_BUILTIN}|σ)\s*\^\s*(\(\d\)|\d)\s*\(")
# 0.83·[1 − 0.83], f(I)[1 − f(I)]: square brackets grouping a sum, as round ones; not a list
# ([1, 0]: a comma), an index (x[0], W[1]: after a name) nor a note in words ([t is label])
_SQUARE = re.compile(r"(?<![^\W\d])\[([^\[\],]*)\]")


def _grouping(m: re.Match[str]) -> str:
    return f"({m[1]})" if re.search(r"[-+*/^−–×·]", m[1]) else m[0]


def normal(text: str) -> str:
    """The line in the grammar's symbols: unicode operators, powers written as superscripts,
    ``**``, ``w+`` for ``w'``, ``dL / dw`` spaced, ``≈`` and a truncation mark ``…``."""
    text = _SQUARE.sub(_grouping, unicodedata.normalize("NFC", text))
    text = _POWER.sub(lambda m: f"^({m.group(0).translate(_SUPERSCRIPT)})", text)
    text = text.translate(_SYMBOLS).replace("**", "^").replace("~=", "=")
    text = _TRUNCATED.sub(r"\1", _SPACED_DERIVATIVE.sub(r"\1\2/\3\4", text))
    text = _GRADIENT.sub(_gradient, _CHANGE.sub("Δ", _powers_of_calls(text)))
    text = _NEW_OLD.sub(lambda m: m[1] + ("" if m[2] == "old" else "'"), text)
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
_SUM_CALLED = re.compile(r"(?<![\w'.])sum\s*\(")
# Δ w_ij: the change of a quantity, one name (Δw_ij), as ∂ joins a derivative's names
_CHANGE = re.compile(r"Δ\s+(?=[^\W\d])")
# ∇W, ∇W_hh, ∇loss: the gradient by a name (or of it: the page says which in words), a
# quantity of its own, written dW as Ng writes it; never the name itself (∇w = −8 is not w)
_GRADIENT = re.compile(r"([\w'])?∇\s*(?=[^\W\d])")


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


# (?<!\s): a match starts where its spaces do, not again at each of a long run of them
_CONDITION = re.compile(r"(?<!\s)\s*(?:>|<|≥|≤|>=|<=)\s*[-−]?\d+(?:\.\d+)?\s*$")  # z1 = 0.5 > 0
_IMPLIES = re.compile(r"(?<!\s)\s*(?:⇒|=>|⟹|→|(?<![<-])->|\\Rightarrow)\s*")
_NUMBER = r"[-−–]?(?:\d+(?:\.\d*)?|\.\d+)"
_SYMBOL_COLON = re.compile(rf"\s*([^\W\d][\w']*)\s*:\s*({_NUMBER}\s*(?:(?:->|→)\s*{_NUMBER}\s*)?)")


def symbol_colon(text: str) -> str | None:
    """``w5: 0.45 -> 0.4267`` (a symbol, not a word of prose, a colon and its value, then
    what it becomes) as the equation it means, else None.

    >>> symbol_colon("w5: 0.450000000 -> 0.426670658"), symbol_colon("Given: 2")
    ('w5 = 0.450000000 -> 0.426670658', None)
    """
    m = _SYMBOL_COLON.fullmatch(text)
    if m is None or _WORD.fullmatch(m.group(1)):
        return None
    return f"{m.group(1)} = {m.group(2).strip()}"


_PAIRS = re.compile(
    rf"\s*\(((?:\s*[^\W\d][\w']*\s*,)+\s*[^\W\d][\w']*\s*)\)\s*=\s*"
    rf"\(((?:\s*{_NUMBER}\s*,)+\s*{_NUMBER})\s*\)\s*"
)


# the loss named in words, as the model takes it: the loss, the total error, the cost
_LOSS_WORD = r"(?:the\s+)?(?P<word>" + "|".join(w.replace("_", r"\s+") for w in LOSS_WORDS) + ")"
_LOSS_MOVES = re.compile(  # Loss decreases from 1.259 → 1.052; the cost went down from … to …
    rf"\b{_LOSS_WORD}\s+(?:\w+\s+){{1,3}}?from\s+({_NUMBER})\s*"
    rf"(?:→|->|⟶|to)\s*({_NUMBER})", re.IGNORECASE)
# After this first round of backpropagation, the total error is now down to 0.291027924; after
# one update (η = 0.5) the loss becomes 0.21: the clause after "after" (a decimal point in it),
# the loss's word, up to four words or a sign, and its number
_LOSS_AFTER = re.compile(
    rf"\b(?:after|once|when)\b(?P<after>(?:[^.;,]|\.(?=\d)){{0,80}}?),?\s*{_LOSS_WORD}\s*"
    rf"(?:(?:[^\W\d]+|[=:])\s*){{1,4}}?({_NUMBER})(?!\d)", re.IGNORECASE)
_ONE_STEP = re.compile(  # what the sentence is after: one update, not the forward pass
    r"\b(?:updated?|step|round|iteration|backprop\w*|backward pass|gradient descent)\b", re.I)
# the new loss is 0.19; the updated cost becomes 0.19: the loss's word marked as after the step
_LOSS_NEW = re.compile(
    rf"\b(?:new|updated)\s+{_LOSS_WORD}\s*(?:[=:]|\bis\b|\bbecomes\b)\s*({_NUMBER})(?!\d)",
    re.IGNORECASE)
_STEP_WORDS = r"(?:times|updates|steps|rounds|iterations|epochs)"
_MANY_STEPS = re.compile(  # steps in the plural, a count of them, epoch 2, over training
    rf"\b{_STEP_WORDS}\b|(?<![\d.])(?:[2-9]|[1-9][\d,]+)\s+(?:more\s+)?{_STEP_WORDS}\b"
    r"|\bepoch\s+(?:[2-9]|[1-9]\d+)\b|\btraining\b", re.I)


def loss_said(line: str) -> list[str]:
    """The loss before and after the step, as a sentence says them (``Loss decreases from
    1.259 → 1.052``: ``loss = 1.259``, ``loss' = 1.052``; after, once or when the step is
    taken, the loss is …; the new or updated loss), the loss named by its word.

    >>> loss_said("✅ Loss decreases from 1.259 → 1.052.")
    ['loss = 1.259', "loss' = 1.052"]
    >>> loss_said("After this first round of backpropagation, the total error is now down to 0.29.")
    ["total_error' = 0.29"]
    >>> loss_said("After the forward pass, the loss is 0.25.")  # not after a step
    []
    >>> loss_said("After 100 steps, the loss is 0.01.")  # many steps, not the one worked
    []
    >>> loss_said("After one update with η = 0.5 the cost drops to 0.21.")
    ["cost' = 0.21"]
    >>> loss_said("Once the weight is updated, the loss becomes 0.19.")
    ["loss' = 0.19"]
    >>> loss_said("The updated cost becomes 0.19.")
    ["cost' = 0.19"]
    """
    if (m := _LOSS_MOVES.search(line)) and not _MANY_STEPS.search(_LOSS_MOVES.sub("", line)):
        word = "_".join(m["word"].lower().split())
        return [f"{word} = {m[2]}", f"{word}' = {m[3]}"]
    m = _LOSS_AFTER.search(line)
    if m and _ONE_STEP.search(m["after"]) and not _MANY_STEPS.search(m["after"]):
        return [f"{'_'.join(m['word'].lower().split())}' = {m[3]}"]
    if (m := _LOSS_NEW.search(line)) and not _MANY_STEPS.search(line):
        return [f"{'_'.join(m['word'].lower().split())}' = {m[2]}"]
    return []


def split_givens(text: str) -> list[str]:
    """``x1 = 0, x2 = 1`` as two equations; a comma inside brackets (``max(0, z)``) or between
    digits (``0,5``) stays;
    ``z1 > 0 ⇒ h = 0.5``: each side of an implication on its own; ``(w1, w2) = (1, 0)``
    one name at a time.

    >>> split_givens("H1_net = 0.47 => H1 = σ(H1_net) = 0.6154")
    ['H1_net = 0.47', 'H1 = σ(H1_net) = 0.6154']
    """
    pair = _PAIRS.fullmatch(text)  # (w1, w2) = (1, 0): w1 = 1 and w2 = 0
    # (0,5, 1,5): commas between digits beside commas and a space, decimal commas in a list,
    # not four numbers (a, b, c, d were 0, 5, 1, 5): no pairing, and the line not understood
    mixed = pair and re.search(r"\d,\d", pair[2]) and re.search(r",\s", pair[2])
    if pair and not mixed and len(names := pair[1].split(",")) == len(values := pair[2].split(",")):
        return [f"{n.strip()} = {v.strip()}" for n, v in zip(names, values)]
    sides = [_CONDITION.sub("", s) for s in _IMPLIES.split(text) if s.strip()]
    text = sides[0] if len(sides) == 1 else text
    if len(sides) == 2 and re.fullmatch(r"\s*[^\W\d][\w']*\s*", sides[0]) and "=" not in sides[1]:
        return [f"{sides[0].strip()}' = {sides[1].strip()}"]  # w2 → −0.861: w2 becomes −0.861
    before = len(sides) == 2 and re.fullmatch(rf"\s*([^\W\d][\w']*)\s*=\s*{_NUMBER}\s*", sides[0])
    if len(sides) == 2 and before and re.fullmatch(rf"\s*{_NUMBER}\s*", sides[1]):
        return [sides[0].strip(), f"{before.group(1)}' = {sides[1].strip()}"]  # w5 = 0.45 → 0.43
    if len(sides) > 1:
        return [piece for side in sides for piece in split_givens(side)]
    pieces, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c in "([{") - (c in ")]}")
        # a comma between digits (0,5 or 1,000) is part of a number, never where one ends
        between_digits = text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()
        if depth == 0 and (c == ";" or (c == "," and not between_digits)):
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    pieces = [p.strip() for p in pieces if p.strip()]
    if pieces and all("=" in p for p in pieces):  # a separator ending the row (-1, \quad) too
        return pieces
    return [text.strip()]


_ENUMERATOR = re.compile(
    r"^\s*(\(?\d+[.)](?=\s)|[a-z]\)|[→⇒↳]|->|=>|[-*•](?=\s)"
    r"|[^\W\d_][\w ]{0,20}(?:\(\w{1,8}\))?\s*[:：](?!=))\s*"
)  # 1) 2. a) → - • and a word with a colon (Given:, 其中：, gradient(b1) :) before an equation


_KEYS = "part, title, alias, rate, loss, reading, parameters, vary, after"
# part: …, rate: η — a key of the front matter and a colon (not "Use:" before a formula)
_KEY_LINE = re.compile(rf"^\s*(?:{_KEYS.replace(', ', '|')})\s*:(?!=)", re.IGNORECASE)


_MARKDOWN_BODY = re.compile(r"#{2,6}\s|\$\$")  # a heading under a rule, or maths: the page itself


def opens_front_matter(lines: list[str], at: int) -> bool:
    """Whether the ``---`` at ``lines[at]`` opens a front matter rather than drawing a rule
    (as Markdown pages and plain notes use it): it opens the document, or the next line that
    is neither blank nor a ``#`` comment begins with one of its keys (``rate:``). A page that
    opens with a rule and then a Markdown heading (``## Setup``) or display maths has none."""
    if not any(line.strip() for line in lines[:at]):
        after = next((line.strip() for line in lines[at + 1 :] if line.strip()), "")
        return not _MARKDOWN_BODY.match(after)
    for line in lines[at + 1 :]:
        text = line.strip()
        if text and not text.startswith("#"):
            return bool(_KEY_LINE.match(text))
    return False


def read_lines(lines: list[tuple[int, str]], source: str) -> Worksheet:
    """Numbered lines of equations (comments gone) as a worksheet, front matter included.
    A ``---`` that opens no front matter is a rule between paragraphs, and is passed over."""
    parts: list[Part] = []
    part: Part | None = None
    in_front = False
    texts = [raw for _, raw in lines]
    headings: dict[int, list[tuple[int, str]]] = {}  # per part: (line, title) of each heading
    equations = 0
    names: dict[int, set[str]] = {}  # per part, the names written so far (a sum's range)
    for at, (number, raw) in enumerate(lines):
        if raw.startswith(HEADING):
            if part is not None and not in_front:
                headings.setdefault(id(part), []).append((number, raw[1:].strip()))
            continue
        text = (raw if raw.startswith(UNREADABLE) else raw.split("#", 1)[0]).strip()
        if text == "---":
            if not in_front and not opens_front_matter(texts, at):
                continue
            if not in_front:
                part = Part(title=f"part {len(parts) + 1}", line=number)
                parts.append(part)
            in_front = not in_front
            continue
        if not text:
            continue
        if part is None:
            part = Part(title=source, line=number)
            parts.append(part)
        if len(text) > LIMITS["line"]:  # refused before any pattern reads it
            why = f"longer than {LIMITS['line']} characters"
            part.unread.append(Unread(number, f"{text[:40]} … {text[-15:]}", why))
            continue
        text = unicodedata.normalize("NFC", text)
        if in_front and _front_matter_key(part, text, number):
            continue
        before = len(part.chains) + len(part.front)
        known = names.setdefault(id(part), set())
        added = part.front if in_front else part.chains
        first = max(len(added) - 1, 0)  # the last chain may be joined by the line's first
        _add_line(part, number, text, raw.strip(), in_front, known)
        known.update(n for chain in added[first:] for link in chain.links for n in names_in(link))
        equations += len(part.chains) + len(part.front) - before
        if equations > LIMITS["chains"]:  # refused as soon as it is known: no more parsing
            raise NotUnderstood(f"{source}: more than {LIMITS['chains']} equations")
    if in_front:
        raise NotUnderstood(f"{source}: the front matter opened with '---' is never closed")
    for part in parts:
        _sums_over_components(part)
    parts = [p for part in parts for p in _scoped(part, headings.get(id(part), []))]
    for before, part in zip([None, *parts], parts):
        _marked_after(part)
        _new_apart_from_primed(part)
        _primes_as_derivatives(part)
        _primes_as_names(part)
        _functions_from_derivatives(part)
        if before is not None and part.title.startswith(TABLE_ROW):
            _row_goes_on(before, part)
        _samples_apart(part)
        _labels_apart(part)
        _split_juxtaposed(part)
        _x_for_times(part)
        _derivatives_at_inputs(part)
        _functions_differentiated(part)
        _partials_of_the_unseen(part)
        _after_updates(part)
    return Worksheet(source, parts)


HEADING = "\u2064"  # marks a heading a front end passes on: HEADING title
TABLE_ROW = "table row, line"  # the title a front end gives a table's row: its own case
ROW_GAP = 3  # lines at most between two rows of one table (a rule, a row carried on)


def _scoped(part: Part, headings: list[tuple[int, str]]) -> list[Part]:
    """``part`` cut at its headings where names start over, as a reader scopes them: a
    section that gives a number to a name the part already holds with another number (the
    next question of a quiz, a pass run again after the update) starts a part of its own;
    other sections continue the part they follow. Sections of formulas alone just before
    such a section (the model, then its numbers) go with it."""
    if not headings:
        return [part]
    bounds = [*(n for n, _ in headings), float("inf")]
    titles = dict(headings)
    sections = []
    for start, end in zip([0.0, *bounds[:-1]], bounds):
        chains = [c for c in part.chains if start <= c.line < end]
        unread = [u for u in part.unread if start <= u.line < end]
        sections.append((start, chains, unread, _numbers_given(chains), _formulas(chains)))
    cuts, since = [0], 0  # since: the first section after the last one with numbers
    held: dict[str, Decimal] = {}
    defined: dict[str, str] = {}  # each name's first formula
    for k, (_, _, _, values, formulas) in enumerate(sections):
        redefined = any(defined.get(n, f) != f or n in held for n, f in formulas)
        # w = w − η·dw, then w = 0 − 0.01·(−336.67) = 3.3667: the updated w, not a new one
        moved = {n[:-1] for n, _ in formulas if n.endswith("'")}
        if redefined or any(n in held and n not in moved and not _same(held[n], v)
                            for n, v in values):  # fmt: skip
            cuts.append(k if redefined else since)  # a new formula: from its own section
            held, defined = {}, {}
            for _, _, _, earlier, their in sections[since:k]:
                held.update(earlier)
                defined.update(their)
        if values:
            held.update(values)
            since = k + 1
        for n, f in formulas:
            defined.setdefault(n, f)
        since = max(since, cuts[-1])
    pieces = []
    for first, last in zip(cuts, [*cuts[1:], len(sections)]):
        start = sections[first][0]
        title = titles.get(start, part.title) if first else part.title
        pieces.append(replace(
            part, title=title, line=int(start) if first else part.line,
            chains=[c for s in sections[first:last] for c in s[1]],
            unread=[u for s in sections[first:last] for u in s[2]],
            readings=list(part.readings),
        ))  # fmt: skip
    return pieces


_AT_A_POINT = re.compile(r"(.+)\(\s*([-−]?\d+(?:\.\d+)?)\s*\)")  # L(3): L at a number


def _functions_from_derivatives(part: Part) -> None:
    """A quantity the part gives only by its derivative, a polynomial in one variable, and its
    value at one point (``dL/dw = 2w − 6``, ``L(3) = 1``; its formula never written) is
    defined as the function that is (``L = w^2 − 6 · w + 10``), as a reader integrates it, on
    the line of the later of the two."""
    chains = [*part.front, *part.chains]
    formulas = {c.quantity.name for c in chains if isinstance(c.quantity, Name)
                and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    points: dict[str, Chain] = {}
    for c in chains:
        m = _AT_A_POINT.fullmatch(c.quantity.name) if isinstance(c.quantity, Name) else None
        if m and len(c.links) == 2 and isinstance(c.links[1], Num):
            points.setdefault(m[1], c)
    for k, c in enumerate(list(part.chains)):
        q = c.quantity
        if not (isinstance(q, Derivative) and q.of is None and len(c.links) > 1):
            continue
        point = points.get(q.top)
        if q.top in formulas or point is None or set(names_in(c.links[1])) != {q.bottom}:
            continue
        at = _AT_A_POINT.fullmatch(point.quantity.name)[2].replace("−", "-")
        f = function_from_derivative(c.links[1], q.bottom, at, point.links[1].text)
        if f is None:
            continue
        later = max(c, point, key=lambda x: x.line)
        source = f"{q.top} from {c.source} and {point.source}"
        part.chains.insert(part.chains.index(later) + 1 if later in part.chains else k + 1,
                           Chain(later.line, source, (Name(q.top), f), inferred=True))  # fmt: skip
        formulas.add(q.top)


def _row_goes_on(before: Part, row: Part) -> None:
    """A table's row that starts a part of its own (the next step of a descent, at the new
    ``w``) is the same calculation at new values: a formula of the part before (``L = w^2 −
    6 · w + 10``) holds in it when the row gives every name the formula reads, unless the
    row defines the quantity again."""
    if not any(row.line - ROW_GAP <= c.line < row.line for c in before.chains):
        return  # the part before ends no row just above: another question's, not this table's
    own = {c.quantity.name for c in row.chains if isinstance(c.quantity, Name)
           and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    given = {n for n, _ in _numbers_given(row.chains)}
    latest = {c.quantity.name: c for c in (*before.front, *before.chains)
              if isinstance(c.quantity, Name) and len(c.links) > 1 and names_in(c.links[1])}
    present = {id(c) for c in row.front}  # the front matter the parts cut from one share
    carried = [c for name, c in latest.items() if name not in own and id(c) not in present
               and set(names_in(c.links[1])) <= given]  # fmt: skip
    row.front = [*carried, *row.front]  # each quantity's formula once: linear in the rows


def _samples_apart(part: Part) -> None:
    """Lines that each give the same names a number, and nothing else, one after the other
    (a data set written a sample a line: ``1. ((x=1,y=2))``, ``2. ((x=2,y=3))``), are the
    samples' values, not one quantity given again (y = 2, then y = 3 'copied wrong'): listed
    apart, the data set named. Two names a line at least; three lines where a value changes, or
    two where every value does (one value changed on the next line is a copy slipped: w = 0.5,
    b = 0.1, then w = 0.5, b = 0.2)."""
    rows: dict[int, list[Chain]] = {}
    for c in part.chains:
        rows.setdefault(c.line, []).append(c)
    given = {line: {c.quantity.name: c.links[1] for c in cs}
             for line, cs in rows.items()
             if all(isinstance(c.quantity, Name) and len(c.links) == 2
                    and isinstance(c.links[1], Num) for c in cs)}  # fmt: skip
    run: list[int] = []
    apart: set[int] = set()
    for line in [*sorted(given), None]:
        if (line is not None and run and line == run[-1] + 1
                and given[line].keys() == given[run[0]].keys()):
            run.append(line)
            continue
        counts = [len({given[r][n] for r in run}) for n in given[run[0]]] if run else []
        if len(counts) > 1 and ((len(run) > 2 and max(counts) > 1)
                                or (len(run) == 2 and min(counts) == 2)):
            apart.update(run)
            names = ", ".join(given[run[0]])
            why = f"{names}: a data set of {len(run)} samples, one a line (not one value)"
            part.unread += [Unread(c.line, c.source, why) for r in run for c in rows[r]]
        run = [line] if line is not None else []
    part.chains[:] = [c for c in part.chains if c.line not in apart]


def _labels_apart(part: Part) -> None:
    """A one-letter name given several whole numbers that no formula of the part reads is a
    label of the passage it is in (``For $l = 1$`` … ``For $l = 2$``), not a quantity:
    listed apart."""
    chains = (*part.front, *part.chains)
    read = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    # a name a formula defines (z = w x + b) is a quantity, whatever is written for it after
    read |= {c.quantity.name for c in chains if isinstance(c.quantity, Name)
             and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    values: dict[str, set[Decimal]] = {}
    for name, value in _numbers_given(part.chains):
        values.setdefault(name, set()).add(value)
    labels = {
        n
        for n, vs in values.items()
        if len(vs) > 1 and n not in read and len(n) == 1 and all(v == int(v) for v in vs)
    }
    if not labels:
        return
    kept = []
    for c in part.chains:
        if isinstance(c.quantity, Name) and c.quantity.name in labels and len(c.links) == 2:
            why = f"{c.quantity.name} labels a passage (given several values, read by no formula)"
            part.unread.append(Unread(c.line, c.source, why))
        else:
            kept.append(c)
    part.chains[:] = kept


def _formulas(chains: list[Chain]) -> list[tuple[str, str]]:
    """(name, formula) for each chain that defines a name, or a derivative (``dL/dw = 2w −
    6`` after ``dL/dw = 8w − 16``: the next question's loss), by a formula of other names."""
    return [
        (show(c.quantity), show(c.links[1]))
        for c in chains
        if ((isinstance(c.quantity, Name) and c.quantity.name)
            or (isinstance(c.quantity, Derivative) and c.quantity.of is None))
        and len(c.links) > 1
        and any(n not in (show(c.quantity), "e") for n in names_in(c.links[1]))
    ]  # fmt: skip


def _numbers_given(chains: list[Chain]) -> list[tuple[str, Decimal]]:
    """(name, number) for each chain that ends a name's line with a number."""
    found = []
    for c in chains:
        if isinstance(c.quantity, Name) and c.quantity.name and isinstance(c.links[-1], Num):
            try:
                found.append((c.quantity.name, Decimal(c.links[-1].text)))
            except InvalidOperation:
                continue
    return found


def _same(a: Decimal, b: Decimal) -> bool:
    """Two written values that are one number (0.5 and 0.50; 0.5933 and 0.59327, the coarser
    with three significant digits or more), not a quantity given a new value (w = 0.5, then
    w = 0.5136 after the update)."""
    if a == b:
        return True
    coarse, fine = sorted((a, b), key=lambda d: d.as_tuple().exponent, reverse=True)
    digits = len(coarse.normalize().as_tuple().digits)
    return digits >= 3 and fine.quantize(coarse) == coarse


def _split_juxtaposed(part: Part) -> None:
    """``wx`` as ``w·x`` where the document never names ``wx`` but gives ``w`` and ``x``:
    LaTeX writes a product of one-letter symbols without a space."""
    chains = [*part.front, *part.chains]
    known = {c.quantity.name for c in chains if isinstance(c.quantity, Name)}
    known |= {link.name for c in chains for link in c.links if isinstance(link, Name)}

    def split(e: Expr) -> Expr:
        if isinstance(e, Name):
            letters = e.name
            if letters not in known and letters.isalpha() and 1 < len(letters) <= 4:
                if all(ch in known for ch in letters):
                    return Call("mul", tuple(Name(ch) for ch in letters))
            return e
        if isinstance(e, Call):
            return Call(e.fn, tuple(split(a) for a in e.args))
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, split(e.of))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(split, c.links))) for c in chains_of]


def _x_for_times(part: Part) -> None:
    """``x`` between two numbers (``2 x .11 + 3 x .21``) is the times sign where the part
    neither gives nor defines an ``x`` and writes none anywhere else: a name never given,
    between two numbers, as a reader takes it. The product is then read, and shown, with ``·``.
    """
    chains = [*part.front, *part.chains]
    if any(c.quantity == _X for c in chains):
        return
    between = 0  # the x's read as times

    def times(e: Expr) -> Expr:
        nonlocal between
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, times(e.of))
        if not isinstance(e, Call):
            return e
        args = tuple(times(a) for a in e.args)
        if e.fn == "mul":
            kept = tuple(a for k, a in enumerate(args) if not (
                a == _X and 0 < k < len(args) - 1 and isinstance(ungrouped(args[k - 1]), Num)
                and isinstance(ungrouped(args[k + 1]), Num)))  # fmt: skip
            between += len(args) - len(kept)
            args = kept
        return Call(e.fn, args)

    read = [replace(c, links=tuple(map(times, c.links))) for c in chains]
    if not between or any(_X.name in names_in(link) for c in read for link in c.links):
        return  # an x read elsewhere is a variable: every x is left as written
    part.front[:], part.chains[:] = read[: len(part.front)], read[len(part.front) :]


_X = Name("x")
_MARK = re.compile(r"(.+?)_(new|updated|old)")


def _marked_after(part: Part) -> None:
    """A name marked new or updated (``ŷ_new``, ``h_updated``) is its value after the step,
    ``ŷ'``, where the part shows it is one of the step's quantities: it differentiates by the
    name or differentiates it (``∂L/∂h``), or the marked name's formula reads the name itself
    or another value after the step (``ŷ_new = σ(w'·x)``); marked old, it is the name.
    (Weights, biases and losses, ``w_new``, ``L_new``, are so read already as written.)
    Otherwise it stays a name of its own (``x_new``: another input)."""
    chains = (*part.front, *part.chains)
    marked = {n for c in chains for link in c.links for n in names_in(link) if _MARK.fullmatch(n)}
    if not marked:
        return
    moving = {p for c in chains for link in c.links for d in _derivatives(link)
              for p in (d.top, d.bottom)}  # fmt: skip
    reads: dict[str, set[str]] = {}  # what each marked name is written in terms of
    for c in chains:
        if isinstance(c.quantity, Name) and c.quantity.name in marked:
            reads.setdefault(c.quantity.name, set()).update(
                n for link in c.links[1:] for n in names_in(link))
    readers: dict[str, list[str]] = {}  # the marked names each marked name's formula reads
    for n, read in reads.items():
        for r in read & marked:
            readers.setdefault(r, []).append(n)
    split = {n: _MARK.fullmatch(n).groups() for n in marked}  # (base, mark)
    found = [n for n, (base, mark) in split.items() if mark == "old" or base in moving
             or any(r == base or r.endswith("'") for r in reads.get(n, ()))]  # fmt: skip
    after: dict[str, str] = {}
    while found:  # and what is computed from them: ŷ_new = σ(h_new)
        n = found.pop()
        base, mark = split[n]
        if n not in after:
            after[n] = base if mark == "old" else base + "'"
            found += [r for r in readers.get(n, []) if r not in after and mark != "old"]
    _names_replaced(part, after)


def _new_apart_from_primed(part: Part) -> None:
    """``E_new`` is read ``E'``, the loss after the step; where the part also writes ``E'``
    itself for a quantity of its own (``E' = ŷ − y``, the derivative), the one marked new is
    kept apart as ``E_new``: two quantities, not one given two values."""
    lefts: dict[str, set[str]] = {}  # each primed quantity: how its left sides are written
    for c in part.chains:
        q = c.quantity
        if isinstance(q, Name) and q.name.endswith("'"):
            left = c.source.split("=", 1)[0].strip()
            way = "new" if _NEW_OLD.fullmatch(left) else "primed" if left == q.name else ""
            lefts.setdefault(q.name, set()).add(way)
    both = {n for n, ways in lefts.items() if {"new", "primed"} <= ways}
    for k, c in enumerate(part.chains):
        q = c.quantity
        if isinstance(q, Name) and q.name in both and _NEW_OLD.fullmatch(
                c.source.split("=", 1)[0].strip()):
            part.chains[k] = replace(c, links=(Name(q.name[:-1] + "_new"), *c.links[1:]))


def _primes_as_derivatives(part: Part) -> None:
    """``y'`` is Lagrange's derivative ``dy/dx`` on a page that takes no step, where the part
    defines ``y`` by a formula in one variable ``x`` alone and writes ``y'`` in ``x`` alone,
    read by no formula (``y = x^2``, ``y' = 2x``). Read as a name of its own, a wrong
    derivative was computed as written, and matched. Not so: ``y' = w·x`` beside
    ``L = (y − y')²`` (a prediction); ``E' = o − t`` with ``o = σ(net)`` (by which variable,
    o or net?); ``y (after)`` (a step the words say); a page with a rate, a ``w'`` of a
    parameter, or ``dL/dw`` written beside ``L'`` (all the value after a step)."""
    chains = (*part.front, *part.chains)
    if part.rate or any(n in RATES for c in chains for link in c.links for n in names_in(link)):
        return
    formulas: dict[str, set[str]] = {}  # each name defined by a formula: the names it reads
    for c in chains:
        read = {n for link in c.links[1:] for n in names_in(link)}
        if isinstance(c.quantity, Name) and not c.quantity.name.endswith("'") and read:
            formulas.setdefault(c.quantity.name, set()).update(read)
    primed = {n[:-1] for c in chains for link in c.links for n in names_in(link) if n[-1:] == "'"}
    if primed - set(formulas):
        return  # w' of a w no formula computes: a parameter, moved by a step
    read_by_formulas = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    differentiated = {d.top for c in chains for link in c.links for d in _derivatives(link)}
    for k, c in enumerate(part.chains):
        q = c.quantity
        if not isinstance(q, Name) or not q.name.endswith("'") or q.name in read_by_formulas:
            continue
        base = q.name[:-1]
        variables = formulas.get(base, set())
        if len(variables) != 1 or variables & set(formulas) or base in differentiated:
            continue
        if not re.search(re.escape(base) + "['′]", c.source):
            continue  # the prime comes from words (y (after), y_new): a step
        if {n for link in c.links[1:] for n in names_in(link)} <= variables:
            part.chains[k] = replace(c, links=(Derivative(base, *variables), *c.links[1:]))


PRIME_NAME = "\u2032"  # y′: a primed name that is a quantity of its own, not y after the step


def _primes_as_names(part: Part) -> None:
    """A primed name that is no value after the step is a name of its own, written ``y′``
    (which the model never takes for an update): one a quantity of before the step reads
    (``L = ½(y − y')²`` beside ``y' = 0.6``: y', the prediction, as ŷ), or one the part
    computes from its unprimed name other than as a step (``a' = a(1 − a)``: the derivative,
    named). A primed name computed as a step (``w' = w − η·∂L/∂w``: from the rate, a
    derivative by its name, or ``w ± …``) or from values after the step (``L' = ½(y − ŷ')²``)
    stays the value after the step, and so do a number written for one no quantity of before
    reads (``w5' = 0.3589``) and the prime of a name the part differentiates by (``w'`` where
    ``∂L/∂w`` is written: ``z2 = w'·x`` is the pass after the step)."""
    chains = (*part.front, *part.chains)
    primed = [c for c in chains if isinstance(c.quantity, Name) and c.quantity.name.endswith("'")]
    steps = {c.quantity.name for c in primed
             if any(_a_step(link, c.quantity.name[:-1], part.rate) for link in c.links[1:])}
    shorthand = {c.quantity.name for c in primed  # a' = a(1 − a); w' = w claims a step of 0
                 if any(isinstance(ungrouped(link), Call) and c.quantity.name[:-1] in names_in(link)
                        for link in c.links[1:])}  # fmt: skip
    read_before = {n for c in chains if isinstance(c.quantity, Name) and c.quantity.name
                   and not c.quantity.name.endswith("'")
                   for link in c.links[1:] for n in names_in(link)
                   if n.endswith("'") and not n.startswith("∂")}  # fmt: skip
    # w' where the part differentiates by w: the parameter after the step, whoever reads it
    parameters = {d.bottom + "'" for c in chains for link in c.links for d in _derivatives(link)}
    named = (read_before | shorthand) - steps - parameters
    _names_replaced(part, {n: n[:-1] + PRIME_NAME for n in named})


def _a_step(e: Expr, base: str, rate: str | None) -> bool:
    """Whether ``e`` computes a value after the step for ``base``: ``base ± …``, or it reads
    the rate, a derivative by ``base``, or another value after the step."""
    e = ungrouped(e)
    if isinstance(e, Call) and e.fn in ("sub", "add") and e.args[0] == Name(base):
        return True
    return any(n.endswith(("'", "/∂" + base)) or n in (*RATES, rate) for n in names_in(e))


def _names_replaced(part: Part, names: dict[str, str]) -> None:
    """Each name of ``names`` written as the name it maps to, in every link of the part."""
    if not names:
        return

    def rename(e: Expr) -> Expr:
        if isinstance(e, Name):
            return Name(names.get(e.name, e.name))
        if isinstance(e, Derivative):
            of = None if e.of is None else rename(e.of)
            return Derivative(names.get(e.top, e.top), names.get(e.bottom, e.bottom), of)
        if isinstance(e, Call):
            return Call(e.fn, tuple(rename(a) for a in e.args))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(rename, c.links))) for c in chains_of]


def _after_updates(part: Part) -> None:
    """After ``W := W − η ∇W`` (an update written in place), the part's later values of
    ``W`` are the updated one: ``∴ W = 0.1 − 0.01·0.002`` is ``W'``."""
    updated: set[str] = set()
    for k, c in enumerate(part.chains):
        q = c.quantity
        if not isinstance(q, Name):
            continue
        if q.name.endswith("'") and len(c.links) > 1 and isinstance(c.links[1], Call):
            if c.links[1].fn in ("sub", "add") and c.links[1].args[0] == Name(q.name[:-1]):
                updated.add(q.name[:-1])
        elif q.name in updated:
            part.chains[k] = replace(c, links=(Name(q.name + "'"), *c.links[1:]))


#: The activations whose derivative the reader knows, by the name a page differentiates
_DERIVED = {"σ": "σ'", "tanh": "tanh'", "relu": "relu'"}


def _functions_differentiated(part: Part) -> None:
    """``dσ/dz``, the derivative of an activation by its argument, where the part names no
    quantity σ: the function's derivative at ``z``, ``σ'(z)`` (as in dy/dx = dσ/dz · dz/dx
    beside y = σ(z))."""
    chains = (*part.front, *part.chains)
    written = {n for c in chains for link in c.links for n in names_in(link)}

    def applied(e: Expr) -> Expr:
        if isinstance(e, Derivative) and e.of is None and e.top in _DERIVED:
            return e if e.top in written else Call(_DERIVED[e.top], (Name(e.bottom),))
        if isinstance(e, Call):
            return Call(e.fn, tuple(applied(a) for a in e.args))
        return e

    if any(d.top in _DERIVED for c in chains for link in c.links for d in _derivatives(link)):
        for chains_of in (part.front, part.chains):
            chains_of[:] = [replace(c, links=tuple(map(applied, c.links))) for c in chains_of]


def _partials_of_the_unseen(part: Part) -> None:
    """Partials of a function the part never writes, nor a loss's letter (``∂H/∂a_1^{(1)} =
    Σ_k W_{1k} ∂H/∂z_k^{(2)} = 5(−3) + 1(1)``, H a network drawn in a figure the copy
    lost), are quantities of their own: each defined by the formula the page writes for it,
    or given by the number substituted for it, as the page works them."""
    chains = (*part.front, *part.chains)
    written = {c.quantity.name for c in chains if isinstance(c.quantity, Name)}
    written |= {n for c in chains for link in c.links for n in names_in(link)
                if not n.startswith("∂")}  # fmt: skip
    tops = {d.top for c in chains for link in c.links for d in _derivatives(link)}
    unseen = {t for t in tops if t not in written and t.split("_")[0] not in LOSS_LETTERS
              and t.lower() not in (*LOSS_WORDS, "error")}  # fmt: skip
    if not unseen:
        return

    def named(e: Expr) -> Expr:
        if isinstance(e, Derivative) and e.of is None and e.top in unseen:
            return Name(f"d{e.top}/d{e.bottom}")
        if isinstance(e, Call):
            return Call(e.fn, tuple(named(a) for a in e.args))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(named, c.links))) for c in chains_of]


def _derivatives(e: Expr) -> list[Derivative]:
    """The derivatives ``e`` holds (not inside another's ``∂/∂x (…)``)."""
    if isinstance(e, Derivative):
        return [e]
    return [d for a in e.args for d in _derivatives(a)] if isinstance(e, Call) else []


def _derivatives_at_inputs(part: Part) -> None:
    """``σ'(H1)`` where the part defines ``H1 = σ(H1_net)`` is ``σ'(H1_net)``: the derivative
    at the unit's input, written with its output (as code writes ``a(1 − a)``); read
    literally it would be σ'(σ(H1_net)), which no page means. So for ``tanh'``."""
    outputs = {
        (c.quantity.name, link.fn): link.args[0]
        for c in (*part.front, *part.chains)
        if isinstance(c.quantity, Name)
        for link in c.links[1:2]
        if isinstance(link, Call) and link.fn in ("σ", "tanh") and len(link.args) == 1
    }
    if not outputs:
        return

    def at_input(e: Expr) -> Expr:
        if isinstance(e, Call):
            args = tuple(at_input(a) for a in e.args)
            a = ungrouped(args[0]) if len(args) == 1 else None
            if e.fn in ("σ'", "tanh'") and isinstance(a, Name) and (a.name, e.fn[:-1]) in outputs:
                return Call(e.fn, (outputs[a.name, e.fn[:-1]],))
            return Call(e.fn, args)
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, at_input(e.of))
        return e

    for chains_of in (part.front, part.chains):
        chains_of[:] = [replace(c, links=tuple(map(at_input, c.links))) for c in chains_of]


UNREADABLE = "⟂"  # marks a line a front end could not read: "⟂ why ⟂ text"

#: The keys a static site's front matter gives a post (Jekyll, Hugo): what the page is, for
#: the site; a page copied from a blog keeps them, and nothing in them is to be checked.
SITE_KEYS = frozenset(
    "layout date categories category tags permalink author authors comments math mermaid "
    "description excerpt image published toc draft slug lang subtitle summary weight "
    "last_modified_at header sidebar".split()
)


def unreadable(why: str, text: str) -> str:
    """A line for ``read_lines`` that is listed as not understood, with why."""
    return f"{UNREADABLE} {why} {UNREADABLE} {text}"


def _add_line(
    part: Part, number: int, text: str, raw: str, front: bool, known: set[str] | None = None
) -> None:
    (text, entries), raw = entry_lines(text), entry_lines(raw)[0]  # a matrix's, on their rows
    if text.startswith(UNREADABLE):
        _, why, rest = text.split(UNREADABLE, 2)
        part.unread.append(Unread(number, rest.strip(), why.strip()))
        return
    if front and re.match(r"^\w+\s*:(?!=)", text):
        key = text.split(":")[0].strip()
        if key.lower() not in SITE_KEYS:  # a blog's own (layout: post): the page's, not ours
            part.unread.append(Unread(number, raw, f"no front matter key {key!r} (keys: {_KEYS})"))
        return
    text = symbol_colon(text) or text
    text = ", ".join(loss_said(text)) or _ENUMERATOR.sub("", text)
    if "=" not in text and not re.search(r"(?<![\w.])\d", text):
        return  # no equation and no number: a heading or a note in words
    for alias, meaning in part.aliases.items():
        if not re.fullmatch(r"\w+", alias):  # a phrase, replaced as text (a/ŷ → a)
            text = text.replace(alias, meaning)
    text, link_lines = _row_lines(text, number)
    raw = raw if not link_lines else re.sub(rf"{ROW}\d+{ROW} ?", "", raw)
    pieces = split_givens(text)
    for piece in pieces:
        defined = _defines_function(part, piece)
        piece = sums_written_out(_SUM_CALLED.sub("Σ(", piece), known or set())  # sum(X * e): Σ
        if re.search(r"[Σ∑]", piece):  # E = Σ ½(target − output)²: the rule, not this page's E
            part.sums.append((number, raw, piece, front))  # unless it sums the page's vectors
            continue
        # W := W − η ∇W, w ← 0.8 − 1.0 × (−0.1784): the name on the left gets its new value
        piece = re.sub(r"^(\s*[^\W\d][\w']*?)'?\s*(?::=|←)\s*", r"\1' = ", piece, count=1)
        piece = re.sub(r"(?<!\s)\s*(?::=|←)\s*", " = ", piece, count=1)
        opaque = tuple(f for f, (_, body) in part.functions.items() if body is None)
        at = _VALUE_AT.match(normal(piece))  # L(3) = 1: L at 3, a quantity of its own
        if at and not re.fullmatch(_BUILTIN, at[1]) and (
            at[1] not in (*FUNCTIONS, *DEFINED, *part.functions)
        ):
            piece = f"{_VALUE_MARK} {piece[piece.index('='):]}"
        try:
            derivatives = tuple(f + "'" for f, (_, body) in part.functions.items() if body)
            links = parse_chain(piece, (*part.functions, *derivatives), opaque)
            if len(pieces) == 1:
                links = placed(links, entries)
            if links[0] == Name(_VALUE_MARK):
                links = (Name(re.sub(r"\s+", "", at[1] + at[2])), *links[1:])
            links = tuple(_applied(_renamed(link, part.aliases), part.functions) for link in links)
        except NotUnderstood as why:
            part.unread.append(Unread(number, raw, str(why)))
            continue
        if defined and len(links) == 2:  # J(θ) = θ^3: the function, applied later
            variable = part.functions[defined][0]
            part.functions[defined] = (variable, links[1])
            if variable not in (known or set()):
                continue
            # f(x) = x², x given above: also the page's f, at its x (∂f/∂x is judged by it)
            links = (Name(defined), links[1])
        links = _in_place((_named_left_side(links[0], piece.split("=")[0]), *links[1:]))
        lines = link_lines if len(pieces) == 1 and len(link_lines) == len(links) else ()
        chains = part.front if front else part.chains
        chain = Chain(number, raw, links, lines)
        if chains and len(pieces) == 1 and _goes_on(chains[-1], chain):
            chain = _joined(chains.pop(), chain)
        chains.append(chain)


def _goes_on(before: Chain, chain: Chain) -> bool:
    """Whether ``chain`` takes its quantity on from the line just before, which stopped at
    a formula (``z1 = w1·x1 + b1`` then ``z1 = 0.15·0.05 + 0.3``: the numbers go into it)."""
    last = before.link_lines[-1] if before.link_lines else before.line
    if chain.quantity == CONTINUED:  # "= 0.15 × 0.05 + …" on the very line under net_h1 = …
        return chain.line - last == 1 and len(before.links) > 1  # else: the one it fits
    return (
        chain.quantity == before.quantity
        and isinstance(chain.quantity, Name)
        and len(before.links) > 1
        and reads_names(before.links[-1])
        and 0 < chain.line - last <= 2
    )


def _joined(before: Chain, chain: Chain) -> Chain:
    """One chain of the two, each link at its own line."""
    def lines(c: Chain) -> tuple[int, ...]:
        return c.link_lines or (c.line,) * len(c.links)

    return Chain(before.line, f"{before.source} {chain.source}", (*before.links, *chain.links[1:]),
                 lines(before) + lines(chain)[1:])


# L(3) = 1 on the left side: a function's value at a number (the bracket right after the name)
_VALUE_AT = re.compile(r"\s*([^\W\d]\w*)(\(\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*\))\s*=(?!=)")
_VALUE_MARK = "value_at_a_number"

#: A sum written out term by term has at most this many terms (a page's sums have a few).
MAX_TERMS = 100
# Σ_i=1^2, Σ_(k=1)^(3): a sum over an index whose range the page writes
_SUM = re.compile(r"[Σ∑]\s*_\s*\(?\s*([^\W\d])\s*=\s*(\d+)\s*\)?\s*\^\s*\(?\s*(\d+)\s*\)?")


def sums_written_out(text: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """``text`` with each sum over an index whose range is written (``Σ_i=1^2``) written out
    term by term, the index put in each name it subscripts (``y_i`` → ``y1``, ``W_1k`` →
    ``W1k`` → ``W12``); a sum whose range is not written runs over the indices for which the
    page has given a name of its terms (``Σ_k W_1k …`` with ``W11``, ``W12`` given: k = 1,
    2), and one with no such name (``Σ_j e^z_j``, ``Σ_i=1^N``) is left as it is.

    >>> sums_written_out("L = -Σ_i=1^2 y_i ln(ŷ_i) = 0.36")
    'L = -(y1 ln(ŷ1) + y2 ln(ŷ2)) = 0.36'
    >>> sums_written_out("d = Σ_k W_1k δ_k", {"W11", "W12"})
    'd = (W11 δ1 + W12 δ2)'
    """

    def terms(m: re.Match[str], summand: str) -> list[str]:
        index, first, last = m.group(1), int(m.group(2)), int(m.group(3))
        if not summand or not first <= last < first + MAX_TERMS:
            return []
        return [_indexed(summand, index, k) for k in range(first, last + 1)]

    return _each_sum_written_out(_open_sums(text, known), _SUM, terms)


def _each_sum_written_out(
    text: str, sums: re.Pattern[str], terms: Callable[[re.Match[str], str], list[str]]
) -> str:
    """``text`` with each sum ``sums`` finds replaced by its ``terms`` in brackets, joined by
    ``+``; a sum given no terms stays as written (the one loop of the three ways a page
    writes a sum: a range, an index alone, no index)."""
    out, at = [], 0
    for m in sums.finditer(text):
        if m.start() < at:
            continue
        end = _summand_end(text, m.end())
        written = terms(m, text[m.end() : end].strip())
        if not written:
            continue
        out += [text[at : m.start()], "(" + " + ".join(written) + ")"]
        at = m.end() + len(text[m.end() : end].rstrip())
    return "".join(out) + text[at:]


# Σ with no index under it: over what the page's names say
_BARE_SUM = re.compile(r"[Σ∑](?!\s*_)")


def sums_over_components(text: str, known: set[str] | frozenset[str]) -> str:
    """``text`` with each sum written with no index (``Σ (X · error)``) written out over the
    components the page gives its vectors: the names of the summand that have components
    ``X1``, ``X2``, … among ``known`` take each index in turn (the others, ``n``, and
    Euler's ``e`` before a power, stay), up to the last index, which all of them have. A sum
    none of whose names has two components (``Σ ½(target − output)²``), or of vectors of
    different lengths (``Σ x·e`` beside x1…x3 and e1, e2), is left as it is.

    >>> sums_over_components("dw = (1/n) Σ (X · error)", {"X1", "X2", "error1", "error2"})
    'dw = (1/n) ((X1 · error1) + (X2 · error2))'
    """

    def terms(m: re.Match[str], summand: str) -> list[str]:
        euler = re.search(r"(?<![\w'])e\s*\^", summand)  # Σ e^z: Euler's e, not a vector e
        vectors = {n for n in _NAME_TOKEN.findall(summand) if f"{n}1" in known
                   and not (n == "e" and euler)}  # fmt: skip
        first = 0 if any(f"{n}0" in known for n in vectors) else 1  # a page counting from 0
        lengths = {_components_given(n, known, first) for n in vectors}
        count = min(lengths, default=0)
        if count < 2 or len(lengths) > 1:  # x1…x3 beside e1, e2: no sum of the page's, unread
            return []
        token = re.compile(rf"(?<![\w'])({'|'.join(map(re.escape, vectors))})(?![\w'])")
        indices = range(first, first + count)
        return [token.sub(lambda t, k=k: f"{t[1]}{k}", summand) for k in indices]

    return _each_sum_written_out(text, _BARE_SUM, terms)


def _components_given(name: str, known: set[str] | frozenset[str], first: int = 1) -> int:
    """How many components ``name1``, ``name2``, … (from ``name0`` where ``first`` is 0) the
    page gives, from the first on."""
    count = 0
    while count < MAX_TERMS and f"{name}{first + count}" in known:
        count += 1
    return count


def _sums_over_components(part: Part) -> None:
    """The part's sums not written out as they were read (held back), read again with every
    name of the part known: up to a count the part gives (``Σ_i=1^N``, ``N = 3``), or over
    the components of the page's vectors it sums (``sums_over_components``), each read in
    its place; one that sums none is listed as the general formula."""
    if not part.sums:
        return
    chains = (*part.front, *part.chains)
    known = {n for c in chains for link in c.links for n in names_in(link)}
    givens = sorted((c.line, c.quantity.name, c.links[1].text) for c in chains
                    if len(c.links) == 2 and isinstance(c.quantity, Name)
                    and isinstance(c.links[1], Num))  # fmt: skip
    counts: dict[str, set[str]] = {}  # N = 3: the numbers given each name up to the sum
    at = 0
    read: tuple[list[Chain], list[Chain]] = ([], [])  # the front's and the chains' sums
    for number, raw, piece, front in part.sums:  # in the order written: one pass of givens
        while at < len(givens) and givens[at][0] <= number:
            counts.setdefault(givens[at][1], set()).add(givens[at][2])
            at += 1

        def bound(m: re.Match[str]) -> str:  # Σ_i=1^N with N = 3 given: Σ_i=1^3
            written = counts.get(m[2], set())
            return m[1] + min(written) if len(written) == 1 and min(written).isdigit() else m[0]

        text = sums_written_out(_SUM_TO_NAME.sub(bound, piece), known)
        if set(_NAME_TOKEN.findall(text)) - set(_NAME_TOKEN.findall(piece)) - known:
            text = piece  # Σ_k=1^K y_k log ŷ_k, K = 3 given, y1 never: the general formula
        text = sums_over_components(text, known)
        if re.search(r"[Σ∑]", text):
            given = {n: _components_given(n, known) for n in _NAME_TOKEN.findall(piece)}
            uneven = {n: k for n, k in given.items() if k > 1}
            why = ("a sum over vectors of different lengths: " + ", ".join(
                f"{n} has {k} components" for n, k in sorted(uneven.items()))
                if len(set(uneven.values())) > 1 else "a sum over an index: the general formula")
            part.unread.append(Unread(number, raw, why))
            continue
        alone = Part(part.title, aliases=part.aliases, rate=part.rate, loss=part.loss,
                     functions=part.functions)  # fmt: skip
        _add_line(alone, number, text, raw, front, known)
        read[0].extend(alone.front)
        read[1].extend(alone.chains)
        part.unread.extend(alone.unread)
    part.sums.clear()
    for mine, theirs in zip((part.front, part.chains), read):  # each in its line's place
        mine[:] = merge(mine, theirs, key=lambda c: c.line)


# Σ_i=1^N: a sum up to a count the page names (given as a whole number elsewhere)
_SUM_TO_NAME = re.compile(r"([Σ∑]\s*_\s*\(?\s*[^\W\d]\s*=\s*\d+\s*\)?\s*\^\s*\(?\s*)([^\W\d]\w*)")
_OPEN_SUM = re.compile(r"[Σ∑]\s*_\s*\(?\s*([^\W\d])\s*\)?(?![\w=])")  # Σ_k: no range


def _indexed(summand: str, index: str, k: int | str) -> str:
    """``summand`` with ``k`` for the index in each name's subscript: ``y_i``, ``y_(i)``,
    ``W_1i`` (the index last in it), and in its superscript, the example's: ``y⁽i⁾``. A
    number joins the name (``y1``, as the page writes ``y_1``); a name keeps its underscore
    (``δ_o`` at ``o1``: ``δ_o1``, as the page writes ``\\delta_{o1}``)."""
    summand = summand.replace(f"⁽{index}⁾", f"⁽{k}⁾")
    glue = "" if isinstance(k, int) else "_"
    return re.sub(rf"(?<=[^\W_])_(?:\({index}\)|(\w*?){index}(?![\w']))",
                  lambda m: f"{glue}{m[1] or ''}{k}", summand)


def _open_sums(text: str, known: set[str] | frozenset[str]) -> str:
    """``text`` with each ``Σ_k`` (no range) written out over the indices 1, 2, … (0, 1, …
    on a page that gives the index 0) for which a name of the summand with that index is
    one the page has given, or else over the page's names of the index's letter and a
    number (``Σ_o δ_o w_ho`` with ``δ_o1``, ``δ_o2``: o = o1, o2, the outputs); unchanged
    where there are not two. Only the names the index changes count (``e`` of ``e^z_j`` is
    no term)."""

    def terms(m: re.Match[str], summand: str) -> list[str]:
        plain = set(_NAME_TOKEN.findall(summand))
        # y0, y1, y2: a page counting from 0 sums from 0 (from 1, y0 was left out silently)
        first = 0 if (set(_NAME_TOKEN.findall(_indexed(summand, m[1], 0))) - plain) & known else 1
        numbers = range(first, first + MAX_TERMS)
        for values in (numbers, (f"{m[1]}{n}" for n in range(1, MAX_TERMS + 1))):
            found = []
            for k in values:
                term = _indexed(summand, m[1], k)
                if not (set(_NAME_TOKEN.findall(term)) - plain) & known:
                    break
                found.append(term)
            if len(found) > 1:
                return found
        return []

    return _each_sum_written_out(text, _OPEN_SUM, terms)


_NAME_TOKEN = re.compile(r"[^\W\d][\w']*(?:⁽\w+⁾)?")


def _summand_end(text: str, start: int) -> int:
    """Where the term summed from ``start`` ends: after one bracket when it opens with one,
    else at a ``+``, ``−``, ``=`` or ``,`` outside brackets, or a bracket it does not open."""
    i = start
    while i < len(text) and text[i] == " ":
        i += 1
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return j
            if depth == 0 and text[i] in "([" and j + 1 < len(text) and text[j + 1] in " +-−=,":
                return j + 1  # (…) whole: the bracket was the summand
        elif depth == 0 and c in "+-−=,;" and j > i:
            return j
    return len(text)


_WORD = re.compile(r"[A-Za-z]{3,}")  # a word of prose: total, error, true, label, for
_AFTER = {"after", "new", "updated"}  # H1 (after): H1 after the update
# Gradient w, nabla w: the gradient by w (dw, as ∇w is read), never w itself
_GRADIENT_WORDS = {"gradient", "grad", "nabla"}


def _named_left_side(q: Expr, left: str) -> Expr:
    """The quantity a left side written with words names (``left``: its text): a note in
    brackets after it (``y (true label)``, ``dw5 (for w5)``), words before it (``Total error
    E_total``), the symbol in brackets after words (``learning rate (eta)``), or words of
    when after a word (``Loss before update``). A note that says *after* or *new* names the
    updated value: ``H1 (after)`` is ``H1'``; one that says *gradient* the gradient by it:
    ``Gradient w`` is ``dw``. Anything else stays as written."""
    if not (isinstance(q, Call) and q.fn == "mul"):
        return q
    symbol = _SYMBOL_AFTER_WORDS.fullmatch(normal(left).strip())
    if symbol:  # learning rate (eta)
        return Name(symbol.group(1))
    words: list[str] = []
    outside: list[str] = []  # the symbols before any bracket: dw5 of dw5 (for w5)
    for a in q.args:
        inner = a.args[0] if isinstance(a, Call) and a.fn == "group" else a
        names = inner.args if isinstance(inner, Call) and inner.fn == "mul" else (inner,)
        if not all(isinstance(n, Name) for n in names):
            return q
        words += [n.name for n in names]
        outside += [a.name] if isinstance(a, Name) and not _WORD.fullmatch(a.name) else []
    symbols = [n for n in words if not _WORD.fullmatch(n)]
    if len(outside) == 1 or len(symbols) == 1:  # Total error E_total, dw5 (for w5)
        name = outside[0] if len(outside) == 1 else symbols[0]
    elif not symbols and words[1].lower() in (*_AFTER, "before"):  # Loss before update
        name = words[0]
    else:
        return q
    words.remove(name)
    said = {w.lower() for w in words}
    if said & _GRADIENT_WORDS:
        return Name("d" + name)
    return Name(name + "'") if said & _AFTER else Name(name)


_SYMBOL_AFTER_WORDS = re.compile(r"(?:[A-Za-z]{3,}\s+)+\(\s*([^\W\d][\w']*)\s*\)")


# f(s) = …, softmax(z) = …: a function of one variable, defined by the page
_FUNCTION_DEFINED = re.compile(r"\s*([^\W\d]\w*)\s*\(\s*([^\W\d][\w']*)\s*\)\s*=(?!=)")


def _defines_function(part: Part, piece: str) -> str | None:
    """The name of the function ``piece`` defines (``f(s) = e^s/Σe^s``), noted in
    ``part.functions`` (its body once read), or None where it defines none. A name the
    reader already knows as a function (σ, tanh, an ``autograd.op``) is not redefined."""
    m = _FUNCTION_DEFINED.match(normal(piece))
    if not m:
        return None
    name, variable = m.groups()
    if name in FUNCTIONS or name in DEFINED or name == variable:
        return None
    if variable.lower() in (*_AFTER, "before"):  # E (after) = 0.16: a note of when, not f(x)
        return None
    if re.fullmatch(_BUILTIN, name):  # Sigmoid, ReLU: the reader's own
        return None
    part.functions.setdefault(name, (variable, None))
    return name


def _applied(e: Expr, functions: dict[str, tuple[str, Expr | None]]) -> Expr:
    """``e`` with each function the page defines by a formula written out where it is
    applied: ``J(θ + ε)`` for ``J(θ) = θ^3`` is ``((θ + ε))^3``, and ``J'(θ)`` is ``∂/∂θ
    (θ^3)``, the derivative of its formula (at a name; at a number it stays as written)."""
    if not isinstance(e, Call):
        if isinstance(e, Derivative) and e.of is not None:
            return Derivative(e.top, e.bottom, _applied(e.of, functions))
        return e
    args = tuple(_applied(a, functions) for a in e.args)
    variable, body = functions.get(e.fn.removesuffix("'"), ("", None))
    if body is None or len(args) != 1:
        return Call(e.fn, args) if args != e.args else e
    if e.fn.endswith("'"):  # f'(x) for f(x) = x³: the derivative of f's formula, at x
        at = ungrouped(args[0])
        return Derivative("", at.name, replaced(body, variable, at)) if isinstance(at, Name) else e
    return Call("group", (replaced(body, variable, args[0]),))


def _in_place(links: tuple[Expr, ...]) -> tuple[Expr, ...]:
    """``w = w − η·∂L/∂w = …``, an update written in place, as the update ``w'``: the name on
    the left is the new value, the one it is computed from the old."""
    name, first = links[0], links[1] if len(links) > 1 else None
    if (
        isinstance(name, Name)
        and name.name
        and isinstance(first, Call)
        and first.fn in ("sub", "add")
        and first.args[0] == name
    ):
        return (Name(name.name + "'"), *links[1:])
    return links


ROW = "\u2063"  # marks where a row of an aligned block begins: ROW line ROW


def _row_lines(text: str, number: int) -> tuple[str, tuple[int, ...]]:
    """The text without its row marks, and the line each link of it starts on."""
    if ROW not in text:
        return text, ()
    pieces = text.split(ROW)  # text, line, text, line, text …
    starts, line = [number], number
    for k, piece in enumerate(pieces):
        if k % 2:
            line = int(piece)
        else:
            starts += [line] * piece.count("=")
    return "".join(pieces[0::2]), tuple(starts)


def _renamed(e: Expr, aliases: dict[str, str]) -> Expr:
    """``e`` with each aliased name's letters replaced: ``ω1`` → ``w1`` for ``ω → w``."""
    if not aliases:
        return e
    letters = {a: m for a, m in aliases.items() if re.fullmatch(r"\w+", a)}

    def rename(name: str) -> str:
        for alias, meaning in letters.items():
            if re.fullmatch(re.escape(alias) + r"(?![^\W\d_])[\w']*", name):
                return meaning + name[len(alias) :]
        return name

    if isinstance(e, Name):
        return Name(rename(e.name)) if e.name else e
    if isinstance(e, Derivative):
        of = None if e.of is None else _renamed(e.of, aliases)
        return Derivative(rename(e.top) if e.top else "", rename(e.bottom), of)
    if isinstance(e, Call):
        return Call(e.fn, tuple(_renamed(a, aliases) for a in e.args))
    return e


_KEY = re.compile(rf"^({_KEYS.replace(', ', '|')})\s*:\s*(.*)$", re.IGNORECASE)


def _front_matter_key(part: Part, text: str, number: int) -> bool:
    """A ``key: value`` line of the front matter, applied to ``part``; False for equations."""
    m = _KEY.match(text)
    if not m:
        return False
    key, value = m.group(1).lower(), m.group(2).strip()
    if key in ("part", "title"):
        part.title = value
    elif key == "alias":
        for pair in value.split(","):
            alias, arrow, meaning = pair.replace("->", "→").partition("→")
            if not arrow or not alias.strip() or not meaning.strip():
                raise NotUnderstood(f"line {number}: alias: expected 'ω → w', got {pair.strip()!r}")
            part.aliases[normal(alias).strip()] = normal(meaning).strip()
    elif key in ("rate", "loss"):
        setattr(part, key, value)
    elif key == "after":  # after: previous — the next step of the part before
        if value.lower() != "previous":
            raise NotUnderstood(f"line {number}: after: expected 'previous', got {value!r}")
        part.after_previous = True
    elif key in ("parameters", "vary"):  # names, after the aliases: ω1 → w1
        names = [_renamed(Name(normal(n).strip()), part.aliases) for n in value.split(",")]
        setattr(part, key, [n.name for n in names if n.name])
    else:  # reading: w8 = -1, w9 = 0 — why
        values, _, why = value.partition("—")
        reading = {}
        if not values.strip():
            raise NotUnderstood(f"line {number}: reading: expected NAME = NUMBER, got nothing")
        for piece in split_givens(values):
            try:
                links = parse_chain(piece)
            except NotUnderstood as error:
                raise NotUnderstood(f"line {number}: reading: {error}") from None
            if len(links) != 2 or not isinstance(links[0], Name) or not isinstance(links[1], Num):
                raise NotUnderstood(
                    f"line {number}: reading: expected NAME = NUMBER, got {piece!r}"
                )
            reading[links[0].name] = links[1].value
        part.readings.append((reading, why.strip()))
    return True


# str.splitlines breaks lines at these too, where an editor shows none: line numbers would
# then not be the editor's (a form feed before line 2 made it line 3)
_NO_EDITOR_BREAK = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def editor_text(text: str) -> str:
    """``text`` with a space for each line break no editor shows, so that its lines (by
    ``splitlines``) are numbered as an editor numbers them: at ``\\n``, ``\\r\\n``, ``\\r``;
    what is struck out on a line (``~~0.08~~``, ``<s>…</s>``, ``<del>…</del>``,
    ``\\sout{…}``) is left out, as a reader passes over crossed-out work.

    >>> editor_text("∂E/∂w5 = ~~0.08~~ 0.0822, a ~~ 0.5")
    '∂E/∂w5 =  0.0822, a ~~ 0.5'
    """
    return _STRUCK.sub("", _NO_EDITOR_BREAK.sub(" ", text))


# struck text, within a line: ~~ opens before and closes after a non-space (a ~~ 0.5 is "about")
_STRUCK = re.compile(r"~~(?=[^\s~])[^\n]*?(?<=[^\s~])~~|<(s|del|strike)>[^\n]*?</\1>"
                     r"|\\sout\{[^{}\n]*\}")


def read_text(text: str, source: str = "worksheet") -> Worksheet:
    """A plain-text worksheet as the model.

    >>> sheet = read_text("x = 3, y = 4\\nf = x·y = 3 · 4 = 12  # the product")
    >>> [show(c.links[-1]) for c in sheet.parts[0].chains]
    ['3', '4', '12']
    """
    return read_lines(text_lines(text), source)


def text_lines(text: str) -> list[tuple[int, str]]:
    """A plain-text worksheet's numbered lines, as ``read_lines`` reads them: a spreadsheet's
    rows cell by cell, a vector's list (``x : [1, 1, 2]``) component by component.

    >>> text_lines("input(x) : [1, 2]\\ny = 3")
    [(1, 'x1 = 1'), (1, 'x2 = 2'), (2, 'y = 3')]
    """
    lines = sheet_lines(list(enumerate(editor_text(text).splitlines(), start=1)))
    return lists_read(lines, LIMITS["line"], (*FUNCTIONS, *DEFINED, "softmax"))


__all__ += ["editor_text", "read_lines", "normal", "show", "text_lines"]
