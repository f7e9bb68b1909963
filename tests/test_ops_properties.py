"""Every row of the operations table, differentiated by the engine and checked against
closed forms written here by hand with ``math`` and against central finite differences."""

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd
from autograd import Value, grad, ops
from autograd.testing import gradcheck, gradgradcheck


@dataclass
class Case:
    """One drawn application of an operation, with its derivatives worked out by hand."""

    text: str
    f: Callable[..., Value]
    xs: list[float]
    expected: list[float]

    def __repr__(self) -> str:
        return f"{self.text} at {self.xs}"


def floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def away_from_zero(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Kinks and poles sit at 0: draw on either side of it, never nearer than ``lo``."""
    return st.one_of(floats(lo, hi), floats(-hi, -lo))


anywhere = floats(-10, 10)
positive = floats(0.01, 100)


def row(text: str, f: Callable, derivative: Callable, *domains: st.SearchStrategy):
    """Cases of ``f`` at points drawn from ``domains``, its derivatives by ``derivative``."""

    @st.composite
    def cases(draw):
        xs = [draw(domain) for domain in domains]
        return Case(text, f, xs, list(derivative(*xs)))

    return cases()


def sech(x: float) -> float:
    return 1.0 / math.cosh(x)


def sum_case(n: int) -> st.SearchStrategy:
    return row(
        "autograd.sum(xs)", lambda *xs: autograd.sum(xs), lambda *xs: [1.0] * n, *[anywhere] * n
    )


def dot_case(n: int) -> st.SearchStrategy:
    def f(*wxb):
        return autograd.dot(wxb[0:-1:2], wxb[1:-1:2], wxb[-1])

    def derivative(*wxb):  # ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1
        pairs = [(wxb[i + 1], wxb[i]) for i in range(0, 2 * n, 2)]
        return [d for pair in pairs for d in pair] + [1.0]

    return row("autograd.dot(w, x, b)", f, derivative, *[anywhere] * (2 * n + 1))


def logsumexp_case(n: int) -> st.SearchStrategy:
    def derivative(*xs):  # ∂/∂xᵢ = e^xᵢ / Σ e^x, written out with no shift
        total = math.fsum(math.exp(x) for x in xs)
        return [math.exp(x) / total for x in xs]

    return row("autograd.logsumexp(xs)", lambda *xs: autograd.logsumexp(xs), derivative,
               *[floats(-20, 20)] * n)  # fmt: skip


def softmax_case(n: int, i: int) -> st.SearchStrategy:
    def derivative(*xs):  # ∂pᵢ/∂xⱼ = pᵢ(δᵢⱼ − pⱼ), from the unshifted definition
        total = math.fsum(math.exp(x) for x in xs)
        p = [math.exp(x) / total for x in xs]
        return [p[i] * ((j == i) - p[j]) for j in range(n)]

    return row(f"autograd.softmax(xs)[{i}]", lambda *xs: autograd.softmax(xs)[i], derivative,
               *[floats(-20, 20)] * n)  # fmt: skip


def power_case(n: float) -> st.SearchStrategy:
    if float(n).is_integer():
        base = anywhere if n >= 0 else away_from_zero(0.1, 10)
    else:
        base = floats(0.1, 10)  # a fractional power is real for a positive base only
    return row(f"x ** {n!r}", lambda x: x**n, lambda x: [n * x ** (n - 1) if n else 0.0], base)


def exp_base_case(c: float) -> st.SearchStrategy:
    return row(f"{c!r} ** x", lambda x: c**x, lambda x: [c**x * math.log(c)], floats(-5, 5))


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


ROWS: dict[str, st.SearchStrategy[Case]] = {
    "add": row("a + b", lambda a, b: a + b, lambda a, b: [1.0, 1.0], anywhere, anywhere),
    "sub": row("a - b", lambda a, b: a - b, lambda a, b: [1.0, -1.0], anywhere, anywhere),
    "mul": row("a * b", lambda a, b: a * b, lambda a, b: [b, a], anywhere, anywhere),
    "div": row(
        "a / b",
        lambda a, b: a / b,
        lambda a, b: [1 / b, -a / b**2],
        anywhere,
        away_from_zero(0.1, 10),
    ),
    "pow": row(
        "a ** b",
        lambda a, b: a**b,
        lambda a, b: [b * a ** (b - 1), a**b * math.log(a)],
        floats(0.1, 10),
        floats(-3, 3),
    ),
    "neg": row("-x", lambda x: -x, lambda x: [-1.0], anywhere),
    "clone": row("x.clone()", lambda x: x.clone(), lambda x: [1.0], anywhere),
    "stop_gradient": row("x.detach()", lambda x: x.detach(), lambda x: [0.0], anywhere),
    "exp": row("x.exp()", lambda x: x.exp(), lambda x: [math.exp(x)], floats(-20, 20)),
    "log": row("x.log()", lambda x: x.log(), lambda x: [1 / x], positive),
    "sqrt": row("x.sqrt()", lambda x: x.sqrt(), lambda x: [1 / (2 * math.sqrt(x))], positive),
    "tanh": row("x.tanh()", lambda x: x.tanh(), lambda x: [sech(x) ** 2], anywhere),
    "sigmoid": row(
        "x.sigmoid()",
        lambda x: x.sigmoid(),
        lambda x: [math.exp(-x) / (1 + math.exp(-x)) ** 2],
        floats(-30, 30),
    ),
    "relu": row(
        "x.relu()", lambda x: x.relu(), lambda x: [1.0 if x > 0 else 0.0], away_from_zero(1e-3, 10)
    ),
    "sin": row("x.sin()", lambda x: x.sin(), lambda x: [math.cos(x)], anywhere),
    "cos": row("x.cos()", lambda x: x.cos(), lambda x: [-math.sin(x)], anywhere),
    "abs": row(
        "abs(x)", lambda x: abs(x), lambda x: [math.copysign(1.0, x)], away_from_zero(1e-3, 10)
    ),
    "sum": st.integers(1, 6).flatmap(sum_case),
    "dot": st.integers(1, 4).flatmap(dot_case),
    "logsumexp": st.integers(1, 5).flatmap(logsumexp_case),
    # One row per output index: drawn as the size and the index, then the point.
    "softmax": st.integers(1, 5).flatmap(
        lambda n: st.integers(0, n - 1).flatmap(lambda i: softmax_case(n, i))
    ),
    # One row per constant: drawn here as the constant, then the point.
    "power": st.one_of(st.integers(-4, 5), floats(-3, 3)).flatmap(power_case),
    "exp_base": floats(0.1, 10).flatmap(exp_base_case),
}


def test_every_row_of_the_table_is_covered():
    # A new row in autograd.ops.OPS must come with a case here.
    assert set(ROWS) == set(ops.OPS) | {"power", "exp_base", "softmax"}


def engine_gradients(f: Callable, xs: list[float]) -> dict[str, list[float]]:
    """The derivatives by each of the engine's three paths."""
    leaves = [Value(x) for x in xs]
    f(*leaves).backward()
    every = tuple(range(len(xs)))
    as_values = grad(f, argnums=every)(*[Value(x) for x in xs])
    return {
        "backward()": [leaf.grad for leaf in leaves],
        "grad on floats": list(grad(f, argnums=every)(*xs)),
        "grad on Values": [d.data if isinstance(d, Value) else d for d in as_values],
    }


@pytest.mark.parametrize("name", sorted(ROWS))
@given(data=st.data())
def test_first_derivative_matches_its_closed_form(name, data):
    case = data.draw(ROWS[name])
    for path, got in engine_gradients(case.f, case.xs).items():
        for g, want in zip(got, case.expected, strict=True):
            assert math.isclose(g, want, rel_tol=1e-9, abs_tol=1e-12), (path, got, case.expected)


# Every row but stop_gradient, whose derivative is 0 by declaration where differences see 1
# (its declared 0 is checked against the hand-given derivative above).
DIFFERENTIABLE = sorted(set(ROWS) - {"stop_gradient"})


@pytest.mark.parametrize("name", DIFFERENTIABLE)
@given(data=st.data())
def test_first_derivative_matches_finite_differences(name, data):
    case = data.draw(ROWS[name])
    assert gradcheck(case.f, *case.xs)


@pytest.mark.parametrize("name", DIFFERENTIABLE)
@given(data=st.data())
def test_second_derivative_matches_finite_differences(name, data):
    case = data.draw(ROWS[name])
    assert gradgradcheck(case.f, *case.xs)


@pytest.mark.parametrize(("a", "b", "want"), [(2.0, 3.0, 12 * math.log(2) + 4), (2.0, 0.0, 0.5)])
def test_mixed_second_derivative_of_a_power_by_hand(a, b, want):
    # f = a^b: ∂f/∂b = a^b·ln a, and ∂/∂a of it = b·a^(b−1)·ln a + a^(b−1), which is 1/a at b = 0
    def f(a, b):
        return a**b

    assert math.isclose(grad(grad(f, argnums=1), argnums=0)(a, b), want, rel_tol=1e-12)
    assert math.isclose(grad(grad(f, argnums=0), argnums=1)(a, b), want, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("f", "x"),
    [(lambda x: x.relu(), 0.0), (lambda x: abs(x), 0.0), (lambda x: abs(x), -0.0)],
)
def test_kinks_take_derivative_zero_as_pytorch_does(f, x):
    assert grad(f)(x) == 0.0
    leaf = Value(x)
    f(leaf).backward()
    assert leaf.grad == 0.0


def test_zero_to_a_positive_power_is_flat_in_the_exponent():
    # 0 ** x is 0 for every x > 0, so its derivative there is 0.
    assert grad(lambda x: 0.0**x)(2.0) == 0.0


def test_mixed_partials_by_nesting_grad_over_different_arguments():
    # f = x²y: ∂f/∂y = x² and ∂/∂x of it = 2x; ∂f/∂x = 2xy and ∂/∂y of it = 2x. At (3, 5): 6.
    def f(x, y):
        return x * x * y

    assert grad(grad(f, argnums=1), argnums=0)(3.0, 5.0) == 6.0
    assert grad(grad(f, argnums=0), argnums=1)(3.0, 5.0) == 6.0


# ---- higher derivatives against closed forms ----------------------------------------------


def derivatives(f: Callable, x: float) -> list[float]:
    """f′, f″ and f‴ at ``x`` by nesting ``grad``."""
    d1 = grad(f)
    d2 = grad(d1)
    d3 = grad(d2)
    return [d1(x), d2(x), d3(x)]


def sigmoid_derivatives(x: float) -> list[float]:
    s = sigmoid(x)
    return [s * (1 - s), s * (1 - s) * (1 - 2 * s), s * (1 - s) * (1 - 6 * s + 6 * s * s)]


def tanh_derivatives(x: float) -> list[float]:
    s, t = sech(x) ** 2, math.tanh(x)
    return [s, -2 * s * t, 4 * s * t * t - 2 * s * s]


HIGHER = {
    "sigmoid": (lambda x: x.sigmoid(), sigmoid_derivatives, floats(-20, 20)),
    "tanh": (lambda x: x.tanh(), tanh_derivatives, floats(-10, 10)),
    "exp": (lambda x: x.exp(), lambda x: [math.exp(x)] * 3, floats(-20, 20)),
    "log": (lambda x: x.log(), lambda x: [1 / x, -1 / x**2, 2 / x**3], positive),
}


@pytest.mark.parametrize("name", sorted(HIGHER))
@given(data=st.data())
def test_second_and_third_derivatives_match_closed_forms(name, data):
    f, closed, domain = HIGHER[name]
    x = data.draw(domain)
    for got, want in zip(derivatives(f, x), closed(x), strict=True):
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), (x, got, want)


@given(n=st.one_of(st.integers(-4, 6), floats(-3, 3)), x=floats(0.1, 10))
def test_derivatives_of_a_power_match_n_falling_factorials(n, x):
    want = [n * x ** (n - 1), n * (n - 1) * x ** (n - 2), n * (n - 1) * (n - 2) * x ** (n - 3)]
    for got, w in zip(derivatives(lambda t: t**n, x), want, strict=True):
        assert math.isclose(got, w, rel_tol=1e-9, abs_tol=1e-12), (n, x, got, w)
