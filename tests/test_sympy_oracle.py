"""An independent oracle: drawn expressions, translated into sympy and differentiated
symbolically to first and second order, must agree with the engine at the drawn point."""

import math

import sympy as sp
from hypothesis import given

from autograd import Value, grad, hessian, jacfwd, jacrev, jvp, vjp
from autograd.testing import OPERATIONS, Expression, Term, expressions


def exact(c: float) -> sp.Expr:
    return sp.Rational(c)  # the constants are integers and halves: exact as fractions


SYMPY = {
    "add": lambda c, a, b: a + b,
    "sub": lambda c, a, b: a - b,
    "mul": lambda c, a, b: a * b,
    "div": lambda c, a, b: a / b,
    "pow": lambda c, a, b: a**b,
    "neg": lambda c, x: -x,
    "clone": lambda c, x: x,
    "exp": lambda c, x: sp.exp(x),
    "log": lambda c, x: sp.log(x),
    "sqrt": lambda c, x: sp.sqrt(x),
    "tanh": lambda c, x: sp.tanh(x),
    "sigmoid": lambda c, x: 1 / (1 + sp.exp(-x)),
    # relu and abs are smooth near the drawn point, which is all a derivative sees: the
    # translation takes the branch their argument is on there (its sign is passed as c).
    "relu": lambda positive, x: x if positive else sp.Integer(0),
    "sin": lambda c, x: sp.sin(x),
    "cos": lambda c, x: sp.cos(x),
    "abs": lambda positive, x: x if positive else -x,
    "sum": lambda c, *xs: sp.Add(*xs),
    "dot": lambda c, w0, x0, w1, x1, b: w0 * x0 + w1 * x1 + b,
    "logsumexp": lambda c, *xs: sp.log(sp.Add(*[sp.exp(x) for x in xs])),
    "softmax": lambda k, *xs: sp.exp(xs[int(k)]) / sp.Add(*[sp.exp(x) for x in xs]),
    "power": lambda n, x: x ** exact(n),
    "exp_base": lambda c, x: exact(c) ** x,
}


def test_every_operation_has_a_translation():
    assert set(SYMPY) == set(OPERATIONS)


KINKED = ("relu", "abs")


def to_sympy(root: Term, symbols: list[sp.Symbol], at: dict) -> sp.Expr:
    done: dict[Term, sp.Expr] = {}

    def translate(term: Term) -> sp.Expr:
        if term not in done:
            if term.op == "x":
                done[term] = symbols[term.constant]
            else:
                args = [translate(a) for a in term.args]
                c = args[0].evalf(30, subs=at) > 0 if term.op in KINKED else term.constant
                done[term] = SYMPY[term.op](c, *args)
        return done[term]

    return translate(root)


def symbolic(e):
    """The expression's sympy form, its symbols and the drawn point as exact numbers."""
    xs = sp.symbols(f"x0:{len(e.point)}", real=True)
    at = {x: sp.Float(p, 40) for x, p in zip(xs, e.point)}  # a double converts exactly
    return to_sympy(e.root, list(xs), at), xs, at


def agree(
    engine: float, oracle: sp.Expr, at: dict, scale: float, rel: float = 1e-7, abs: float = 1e-9
) -> bool:
    # Rounding in double precision is relative to the size of the numbers being combined.
    want = float(oracle.evalf(30, subs=at))
    return math.isclose(engine, want, rel_tol=rel, abs_tol=abs * scale)


def magnitude(e) -> float:
    return 1.0 + max(abs(x) for x in e.point)


@given(expressions(max_depth=3, n_inputs=2))
def test_value_and_first_derivatives_agree_with_sympy(e):
    f, xs, at = symbolic(e)
    leaves = [Value(x) for x in e.point]
    out = e(*leaves)
    out.backward()
    assert agree(out.data, f, at, magnitude(e))
    by_grad = grad(e, argnums=tuple(range(len(xs))))(*e.point)
    for x, leaf, d in zip(xs, leaves, by_grad, strict=True):
        want = sp.diff(f, x)
        assert agree(leaf.grad, want, at, magnitude(e)), ("backward()", x, leaf.grad)
        assert agree(d, want, at, magnitude(e)), ("grad", x, d)


@given(expressions(max_depth=3, n_inputs=2))
def test_second_derivatives_agree_with_sympy(e):
    f, xs, at = symbolic(e)
    for i, xi in enumerate(xs):
        for j, xj in enumerate(xs):  # each one as a user would write it: grad(grad(e, i), j)
            d = grad(grad(e, argnums=i), argnums=j)(*e.point)
            assert agree(d, sp.diff(f, xi, xj), at, magnitude(e)), (xi, xj, d)


# ---- forward mode and the JAX-style operators, against sympy and against reverse mode ----


def operation_terms(e) -> list[Term]:
    """Every operation inside ``e``, the root first: several outputs of the same inputs."""
    found, stack = [], [e.root]
    while stack:
        term = stack.pop()
        if term.op != "x" and term not in found:
            found.append(term)
            stack.extend(term.args)
    return found


TIGHT = 1e-12  # 2,000 drawn expressions each (HYPOTHESIS_PROFILE=thorough) agreed to this


def close(forward: float, reverse: float, scale: float) -> bool:
    # The two modes multiply the same factors, summed in another order: equal up to rounding.
    return math.isclose(forward, reverse, rel_tol=TIGHT, abs_tol=TIGHT * scale)


@given(expressions(max_depth=3, n_inputs=2))
def test_jvp_and_vjp_agree_with_sympy_and_with_each_other(e):
    f, xs, at = symbolic(e)
    direction = (0.5, -2.0)
    want = float(sum(sp.diff(f, x) * v for x, v in zip(xs, direction)).evalf(30, subs=at))
    value, along = jvp(e, e.point, direction)
    assert agree(value, f, at, magnitude(e), TIGHT, TIGHT)
    assert agree(along, sp.Float(want), at, magnitude(e), TIGHT, TIGHT)
    _, pullback = vjp(e, *e.point)
    by_reverse = pullback(1.0)
    assert close(along, sum(d * v for d, v in zip(by_reverse, direction)), magnitude(e))


@given(expressions(max_depth=3, n_inputs=2))
def test_jacobians_of_several_outputs_agree_with_sympy_in_both_modes(e):
    terms = operation_terms(e)
    _, xs, at = symbolic(e)
    wanted = [to_sympy(t, list(xs), at) for t in terms]

    def several(*v):
        return tuple(Expression(t, e.point)(*v) for t in terms)

    every = tuple(range(len(xs)))
    by_forward = jacfwd(several, argnums=every)(*e.point)
    by_reverse = jacrev(several, argnums=every)(*e.point)
    assert len(by_forward) == len(by_reverse) == len(terms)
    for want, row_f, row_r in zip(wanted, by_forward, by_reverse, strict=True):
        for x, df, dr in zip(xs, row_f, row_r, strict=True):
            assert agree(df, sp.diff(want, x), at, magnitude(e), TIGHT, TIGHT), (x, df)
            assert close(df, dr, magnitude(e)), (x, df, dr)


@given(expressions(max_depth=3, n_inputs=2))
def test_full_hessians_agree_with_sympy_and_with_reverse_over_reverse(e):
    f, xs, at = symbolic(e)
    every = tuple(range(len(xs)))
    h = hessian(e, argnums=every)(*e.point)
    for i, xi in enumerate(xs):
        for j, xj in enumerate(xs):
            assert agree(h[i][j], sp.diff(f, xi, xj), at, magnitude(e), TIGHT, TIGHT), (xi, xj)
            twice_reverse = grad(grad(e, argnums=i), argnums=j)(*e.point)
            assert close(h[i][j], twice_reverse, magnitude(e) ** 2), (xi, xj)
