"""The derivative *text* of every row of ``ops.py`` says what its arithmetic computes.

Each row writes its local derivatives twice: as arithmetic (``local_grads``) and as the
formula a student reads in every picture and explanation (``formulas``). Here the text is
read by sympy's parser (after turning ``·``, ``−``, ``²`` and ``[x > 0]`` into its syntax),
evaluated at drawn points, and compared with ``local_grads`` there: a wrong formula fails
even when every number the engine computes is right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import ops

sp = pytest.importorskip("sympy")
parsing = pytest.importorskip("sympy.parsing.sympy_parser")

READ = (
    *parsing.standard_transformations,
    parsing.implicit_multiplication,  # y(1 − y), 1/(2y): juxtaposition is a product
    parsing.convert_xor,  # x^2 is a power, as written by hand
)


def floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


anywhere = floats(-5, 5)
positive = floats(0.05, 20)
nonzero = st.one_of(floats(0.05, 20), floats(-20, -0.05))

# Each row's inputs: where it is defined and its derivatives finite (kinks included: the
# row and its text must agree there too).
DOMAINS: dict[str, Sequence[st.SearchStrategy[float]]] = {
    "add": [anywhere, anywhere],
    "sub": [anywhere, anywhere],
    "mul": [anywhere, anywhere],
    "div": [anywhere, nonzero],
    "pow": [positive, floats(-3, 3)],
    "neg": [anywhere],
    "clone": [anywhere],
    "stop_gradient": [anywhere],
    "exp": [anywhere],
    "log": [positive],
    "sqrt": [positive],
    "tanh": [anywhere],
    "sigmoid": [anywhere],
    "relu": [st.one_of(anywhere, st.just(0.0))],
    "sin": [anywhere],
    "cos": [anywhere],
    "abs": [st.one_of(anywhere, st.just(0.0))],
    "sum": [anywhere] * 3,
    "dot": [anywhere] * 5,  # w1, w2, x1, x2, b
    "logsumexp": [anywhere] * 3,
}
ROWS = {name: (ops.OPS[name], domains) for name, domains in DOMAINS.items()}
for n in (0.0, 1.0, 2.0, 3.0, 0.5, -1.0, -2.5):
    ROWS[f"power({n})"] = (ops.power(n), [positive])
for i in range(3):
    ROWS[f"softmax({i})"] = (ops.softmax(i), [anywhere] * 3)
for c in (2.0, 0.5, 10.0, math.e):
    ROWS[f"exp_base({c})"] = (ops.exp_base(c), [anywhere])


def sympy_text(formula: str) -> str:
    """A formula as written for people, in the syntax sympy's parser reads."""
    text = re.sub(r"\[(.+?) > 0\]", r"Heaviside(\1, 0)", formula)  # Iverson: 1 if x > 0, else 0
    return text.replace("·", "*").replace("−", "-").replace("²", "^2")


@cache
def symbol(name: str) -> object:
    return sp.Symbol(name, real=True)


@cache
def read(formula: str, *names: str) -> object:
    """The formula as a sympy expression of the symbols ``names`` (parsed once per text)."""
    symbols = {n: symbol(n) for n in names}
    return parsing.parse_expr(sympy_text(formula), local_dict=symbols, transformations=READ)


def input_names(arity: int) -> list[str]:
    return ["x"] if arity == 1 else [f"u{i}" for i in range(arity)]


def test_every_row_of_the_table_is_checked():
    assert set(DOMAINS) == set(ops.OPS)


@pytest.mark.parametrize("name", sorted(ROWS))
@given(data=st.data())
def test_formula_text_evaluates_to_the_local_derivatives(name, data):
    op, domains = ROWS[name]
    xs = [data.draw(domain, label=f"input {i}") for i, domain in enumerate(domains)]
    out = op.forward(*xs)
    args = input_names(len(xs))
    texts = op.formulas("y", args)
    at = {symbol("y"): out, **{symbol(n): x for n, x in zip(args, xs)}}
    expected = op.local_grads(out, *xs)
    assert len(texts) == len(expected) == len(xs)
    for i, (text, want) in enumerate(zip(texts, expected)):
        got = complex(read(text, "y", *args).subs(at).evalf(30))
        assert got.imag == 0, f"{name}: ∂y/∂{args[i]} = {text} is not real at {xs}"
        assert math.isclose(got.real, want, rel_tol=1e-9, abs_tol=1e-12), (
            f"{name}: the text ∂y/∂{args[i]} = {text} gives {got.real!r} at {xs}, "
            f"local_grads gives {want!r}"
        )


@pytest.mark.parametrize(
    "formula, names, want",
    [
        ("y(1 − y)", {"y": 0.25}, 0.1875),
        ("1/(2y)", {"y": 4.0}, 0.125),
        ("1 − y²", {"y": 0.5}, 0.75),
        ("b·a^(b − 1)", {"a": 2.0, "b": 3.0}, 12.0),
        ("[x > 0]", {"x": 0.0}, 0.0),
        ("−2.5·x^-3.5", {"x": 1.0}, -2.5),
    ],
)
def test_the_oracle_reads_the_notation_as_written_by_hand(formula, names, want):
    value = read(formula, *names).subs({symbol(n): x for n, x in names.items()})
    assert float(value) == want
