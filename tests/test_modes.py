"""Forward mode and the JAX-style operators: values worked by hand, how the modes compose,
the shapes of their results, and their errors. (Agreement with sympy and between the two
modes on drawn expressions is in test_sympy_oracle.py.)"""

import math
import re

import pytest

import autograd
from autograd import (
    Value,
    grad,
    hessian,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    value_and_grad,
    vjp,
)
from autograd.explain import sweeps
from autograd.forward import costs, tangents
from autograd.numtext import number_text


def f(x, y):
    return x * x * y + y.sin()


X, Y = 1.5, 0.5
DF = (2 * X * Y, X * X + math.cos(Y))  # ∂f/∂x = 2xy, ∂f/∂y = x² + cos y
HF = ((2 * Y, 2 * X), (2 * X, -math.sin(Y)))  # by hand from DF


def test_jvp_is_the_value_and_the_derivative_along_a_direction():
    value, along = jvp(f, (X, Y), (1.0, -2.0))
    assert value == pytest.approx(X * X * Y + math.sin(Y), rel=1e-15)
    assert along == pytest.approx(DF[0] * 1.0 + DF[1] * -2.0, rel=1e-15)
    assert jvp(f, [X, Y], [0.0, 0.0])[1] == 0.0


def test_jvp_of_several_outputs_keeps_their_arrangement():
    out, along = jvp(lambda x: [x * x, (x.exp(), x)], (2.0,), (3.0,))
    assert out == [4.0, (math.exp(2.0), 2.0)]
    assert along == [12.0, (pytest.approx(3 * math.exp(2.0), rel=1e-15), 3.0)]


def test_vjp_gives_one_derivative_per_primal_always_as_a_tuple():
    y, pullback = vjp(lambda x: x.sin(), 0.0)
    assert (y, pullback(2.0)) == (0.0, (2.0,))
    out, pullback = vjp(lambda x, y: (x * y, x + y), 2.0, 3.0)
    assert out == (6.0, 5.0)
    assert pullback((1.0, 0.0)) == (3.0, 2.0)  # the first row of the Jacobian
    assert pullback((1.0, 10.0)) == (3.0 + 10.0, 2.0 + 10.0)
    with pytest.raises(
        ValueError, match=r"vjp: the cotangent must have the shape .*\(a tuple of 2\)"
    ):
        pullback(1.0)


def test_value_and_grad_is_one_evaluation_giving_both():
    value, g = value_and_grad(f, argnums=(0, 1))(X, Y)
    assert value == pytest.approx(X * X * Y + math.sin(Y), rel=1e-15)
    assert g == pytest.approx(DF, rel=1e-15)


@pytest.mark.parametrize("jac", [jacfwd, jacrev, jacobian])
def test_jacobians_are_arranged_as_in_jax(jac):
    def two(x, y):
        return (x * y, x + y)

    assert jac(two)(2.0, 3.0) == (3.0, 1.0)  # argnums=0: ∂/∂x of each output
    assert jac(two, argnums=(0, 1))(2.0, 3.0) == ((3.0, 2.0), (1.0, 1.0))
    assert jac(f, argnums=1)(X, Y) == pytest.approx(DF[1], rel=1e-15)  # one output: a number


def test_jacobian_is_reverse_mode_as_in_jax():
    assert jacobian is jacrev


def test_hessian_by_hand():
    h = hessian(f, argnums=(0, 1))(X, Y)
    for row, want in zip(h, HF, strict=True):
        assert row == pytest.approx(want, rel=1e-15)
    assert hessian(lambda x: x**3)(2.0) == 12.0
    # several outputs: each its own Hessian
    assert hessian(lambda x: (x**3, x.sin()))(0.5) == (3.0, pytest.approx(-math.sin(0.5)))


def test_forward_over_reverse_is_a_hessian_vector_product():
    v = (1.0, -2.0)
    gradient, hv = jvp(grad(f, argnums=(0, 1)), (X, Y), v)
    assert gradient == pytest.approx(DF, rel=1e-15)
    assert hv == pytest.approx([sum(h * w for h, w in zip(row, v)) for row in HF], rel=1e-15)


def test_reverse_over_forward_and_forward_over_forward():
    def slope(x):  # d/dx x⁴ = 4x³, by forward mode
        return jvp(lambda t: t**4, (x,), (1.0,))[1]

    assert grad(slope)(2.0) == 12 * 2.0**2  # reverse over forward: 12x²
    assert jvp(slope, (2.0,), (1.0,)) == (4 * 2.0**3, 12 * 2.0**2)
    assert grad(grad(slope))(2.0) == 24 * 2.0
    assert jacfwd(hessian(lambda x: x**4))(2.0) == 24 * 2.0


def test_floats_in_give_floats_out_and_values_in_give_values():
    assert type(jvp(f, (X, Y), (1.0, 0.0))[1]) is float
    assert type(jacfwd(f)(X, Y)) is float
    out, along = jvp(f, (Value(X), Value(Y)), (1.0, 0.0))
    assert type(out) is Value and type(along) is Value and along.data == DF[0]
    assert type(jacrev(lambda x: x * 2.0)(Value(1.0))) is Value  # a constant, as a Value


def test_a_value_passed_in_is_a_variable_of_its_own_as_in_grad():
    c = Value(3.0)
    # c in the closure is a constant to x, even when x is c itself
    assert jvp(lambda x: c * x, (c,), (1.0,))[1].data == 3.0
    assert [d.data for d in jacfwd(lambda x, y: x * y, argnums=(0, 1))(c, c)] == [3.0, 3.0]


# ---- issue 12: what grad got silently wrong ---------------------------------------------


OPERATORS = {
    "grad": lambda g: grad(g)(1.0),
    "value_and_grad": lambda g: value_and_grad(g)(1.0),
    "jacfwd": lambda g: jacfwd(g)(1.0),
    "jacrev": lambda g: jacrev(g)(1.0),
    "hessian": lambda g: hessian(g)(1.0),
    "jvp": lambda g: jvp(g, (1.0,), (1.0,)),
    "vjp": lambda g: vjp(g, 1.0),
}


@pytest.mark.parametrize("name", OPERATORS)
@pytest.mark.parametrize(
    "cut", [lambda x: x.data * 2, lambda x: float("nan"), lambda x: 5, lambda x: (x, x.data)]
)
def test_a_function_returning_a_plain_number_is_refused_not_differentiated_to_zero(name, cut):
    with pytest.raises(TypeError, match=rf"^{name}: f returned the plain number .* graph was cut"):
        OPERATORS[name](cut)


@pytest.mark.parametrize("name", OPERATORS)
@pytest.mark.parametrize(
    "partly_cut",
    [
        lambda x: x * x.data,  # grad 3.0 for the true 6 at 3, once
        lambda x: x * (x.data + 1),
        lambda x: x ** (2 * x.data),
        lambda x: x + Value(x.data),
        lambda x: (x * 2).tanh() * (x * 2).data,  # a node computed from x
    ],
)
def test_a_number_read_from_data_entering_the_arithmetic_is_refused(name, partly_cut):
    with pytest.raises(TypeError, match=rf"^{name}: f computed with a number read from \.data"):
        OPERATORS[name](partly_cut)


def test_reading_data_to_compare_or_print_is_allowed(capsys):
    relu = lambda x: x * 2 if x.data > 0 else x * 0.5  # noqa: E731 (micrograd's way)
    assert grad(relu)(3.0) == 2.0 and grad(relu)(-3.0) == 0.5
    assert grad(lambda x: (print(f"x = {x.data}"), x * x)[1])(3.0) == 6.0  # by hand: 2x
    assert capsys.readouterr().out == "x = 3.0\n"
    w = Value(2.0)  # a number that is not differentiated may enter: a constant to grad
    assert grad(lambda x: x * w.data)(3.0) == 2.0
    assert hessian(lambda x: x * x * x)(2.0) == 12.0  # 6x, by hand: nothing refused


def test_arguments_not_differentiated_arrive_as_values_too():
    assert grad(lambda x, y: x * y.exp(), argnums=0)(1.0, 2.0) == math.exp(2.0)
    assert jacfwd(lambda x, y: x * y.exp(), argnums=1)(1.0, 0.0) == 1.0
    # objects that are not numbers (a flag, a table) pass unchanged
    assert grad(lambda x, flag, table: x * table["k"] if flag else x)(2.0, True, {"k": 3}) == 3.0


@pytest.mark.parametrize("make", [grad, value_and_grad, jacfwd, jacrev, hessian])
def test_keyword_arguments_reach_f_as_constants_as_in_jax(make):
    # jax.grad(f)(x, y=3.0) differentiates by x alone; this was Python's TypeError naming
    # "grad.<locals>.df()". By hand, at x = 2, y = 3: f = y·x², f' = 2xy = 12, f'' = 2y = 6
    f = lambda x, y=1.0, square=True: y * x * x if square else y * x  # noqa: E731
    want = {"value_and_grad": (12.0, 12.0), "hessian": 6.0}.get(make.__name__, 12.0)
    assert make(f)(2.0, y=3.0, square=True) == want
    assert grad(grad(f))(2.0, y=3.0) == 6.0
    assert grad(f)(2.0, y=3.0, square=False) == 3.0  # a flag stays a flag
    power = lambda x, n=1: autograd.sum([x] * n) * x  # noqa: E731 - n·x², n a count
    assert grad(power)(2.0, n=3) == 12.0  # 2nx, by hand; n arrives an int, as in JAX


@pytest.mark.parametrize("argnums", [1.0, "0", True, (), (0, 1.0), None])
@pytest.mark.parametrize("make", [grad, value_and_grad, jacfwd, jacrev, hessian])
def test_argnums_that_is_not_ints_is_one_line_naming_it(make, argnums):
    with pytest.raises(TypeError, match=rf"^{make.__name__}: argnums must be an int .*got"):
        make(lambda x: x, argnums=argnums)


def test_argnums_out_of_range():
    with pytest.raises(IndexError, match="jacfwd: argnums 2 is out of range for 1 arguments"):
        jacfwd(lambda x: x, argnums=2)(1.0)


def test_operators_for_one_output_say_what_to_use_for_several():
    with pytest.raises(TypeError, match="grad: f must return one Value, got a tuple of 2"):
        grad(lambda x: (x, x))(1.0)


@pytest.mark.parametrize(
    "x, error, words",
    [
        (True, TypeError, "grad: argument 0 is a bool (True)"),  # JAX refuses it too
        (math.nan, ValueError, "grad: argument 0: Value: expected a finite number, got nan"),
        ([1.0], TypeError, "grad: argument 0: Value: expected a real number, got list"),
    ],
)
def test_an_argument_differentiated_that_is_no_real_number_names_it(x, error, words):
    # True was differentiated at 1.0; nan and a list said "Value: …", not which argument
    with pytest.raises(error, match=re.escape(words)):
        grad(lambda a, b: a * b)(x, 2.0)
    assert grad(lambda a, flag: a * 2 if flag else a)(1.0, True) == 2.0  # a flag stays a flag


@pytest.mark.parametrize(
    "primals, tangents, error, words",
    [
        (1.0, 1.0, TypeError, "jvp: primals and tangents must be tuples or lists"),
        ((1.0, 2.0), (1.0,), ValueError, "jvp: 2 primals but 1 tangents"),
        ((1.0,), ("a",), TypeError, "jvp: tangent 0 must be a number or a Value, got str 'a'"),
        ((1.0,), (math.nan,), ValueError, "jvp: tangent 0: .* finite"),
    ],
)
def test_jvp_refuses_bad_primals_and_tangents(primals, tangents, error, words):
    with pytest.raises(error, match=words):
        jvp(lambda x, *rest: x, primals, tangents)


def test_forward_mode_raises_where_reverse_mode_does():
    # sqrt is infinitely steep at 0; log's slope at 1e-310 is past the largest float
    for mode in (jacfwd, jacrev):
        with pytest.raises(ValueError, match=r"sqrt: derivative undefined at \(0.0\)"):
            mode(lambda x: x.sqrt())(0.0)
        with pytest.raises(OverflowError, match=r"log: gradient too large at \(1e-310\)"):
            mode(lambda x: x.log())(1e-310)
    # finite local derivative (5e149), but the tangent times it overflows
    with pytest.raises(OverflowError, match=r"sqrt: gradient too large at \(1e-300\)"):
        jvp(lambda x: x.sqrt(), (1e-300,), (1e200,))


def test_the_forward_sweep_uses_each_path_once_and_sums_them():
    x = Value(2.0)
    y = x * x + x  # two edges x → mul, one x → add
    assert tangents([y], [x], [1.0]) == [2 * 2.0 + 1]
    assert tangents([y, x * 3.0], [x], [0.5]) == [2.5, 1.5]
    assert tangents([Value(1.0)], [x], [1.0]) == [0.0]  # not on any path


# ---- what each mode costs --------------------------------------------------------------


def fan_in_then_chain(n: int, k: int):
    """n inputs summed, then k operations: what a loss of many parameters looks like."""
    xs = [Value(0.1 * i) for i in range(n)]
    h = autograd.sum(xs)
    for _ in range(k):
        h = h.tanh()
    return xs, h


def test_costs_count_one_sweep_per_input_forward_and_per_output_reverse():
    n, k = 5, 7
    xs, h = fan_in_then_chain(n, k)
    counted = costs([h], xs)
    # forward: each input's sweep crosses its edge into the sum, then k edges of the chain;
    # reverse: one sweep crosses the chain once and the sum's n edges
    assert (counted.forward, counted.reverse) == (n * (1 + k), k + n)
    # one input, n outputs (the chain, then n heads): the other way round
    x = Value(0.3)
    h = x
    for _ in range(k):
        h = h.tanh()
    heads = [h * float(j) for j in range(n)]
    counted = costs(heads, [x])
    assert (counted.forward, counted.reverse) == (k + n, n * (1 + k))
    assert str(counted).splitlines() == [
        "1 inputs, 5 outputs",
        f"forward mode: 1 sweep, {k + n} multiply-adds",
        f"reverse mode: 5 sweeps, {n * (1 + k)} multiply-adds",
    ]


def test_costs_leave_out_edges_from_constants():
    x, c = Value(1.0), Value(2.0)
    y = (x * c).exp()  # c does not depend on x: its edge carries no derivative that matters
    assert (costs([y], [x]).forward, costs([y], [x]).reverse) == (2, 2)


# ---- both modes explained and drawn ------------------------------------------------------


def labelled(value, name):
    value.label = name
    return value


def two_paths():
    """y = (2x)(3x) at x = 2: two paths, ∂y/∂x = 2·(3x) + 3·(2x) = 12 + 12 = 24 by hand."""
    x = Value(2.0, label="x")
    a = labelled(x * 2, "a")
    b = labelled(x * 3, "b")
    return x, labelled(a * b, "y")


def test_sweeps_spell_out_both_modes_through_the_labelled_nodes():
    _, y = two_paths()
    both = sweeps(y, "x")
    forward = [step.text(4) for step in both.forward]
    assert forward[0] == "∂x/∂x = 1"
    assert "∂a/∂x = ∂a/∂x · ∂x/∂x = (2)(1) = 2" in forward
    assert "∂b/∂x = ∂b/∂x · ∂x/∂x = (3)(1) = 3" in forward
    assert forward[-1] == "∂y/∂x = ∂y/∂a · ∂a/∂x + ∂y/∂b · ∂b/∂x = (6)(2) + (4)(3) = 24"
    reverse = [step.text(4) for step in both.reverse]
    assert reverse[:1] == ["∂y/∂y = 1"]
    assert "∂y/∂a = ∂y/∂y · ∂y/∂a = (1)(6) = 6" in reverse
    assert reverse[-1] == "∂y/∂x = ∂y/∂b · ∂b/∂x + ∂y/∂a · ∂a/∂x = (4)(3) + (6)(2) = 24"
    assert both.forward[-1].value == both.reverse[-1].value == 24.0


def test_sweeps_count_what_each_mode_costs_for_every_labelled_leaf():
    # three labelled weights into one sum, then a chain of 4: by hand, forward mode crosses
    # each weight's edge and the chain (3 · 5), reverse mode the chain and the 3 edges (4 + 3)
    ws = [Value(0.1 * i, label=f"w{i}") for i in range(3)]
    h = autograd.sum(ws)
    for _ in range(4):
        h = h.tanh()
    h.label = "L"
    text = sweeps(h, "w1").text()
    assert text.splitlines()[-3:] == [
        "the derivatives of L by its 3 labelled leaves, all of them:",
        "  forward mode: 3 sweeps, 15 multiply-adds",
        "  reverse mode: 1 sweep, 7 multiply-adds",
    ]


def test_draw_shows_the_forward_sweep_beside_the_grads():
    pytest.importorskip("graphviz")
    x = Value(2.0, label="x")
    h = labelled(x * x, "h")
    y = labelled((h + 1).tanh(), "y")
    y.backward()
    source = autograd.draw(y, forward="x").source
    dy_dx = number_text((1 - math.tanh(5.0) ** 2) * 4, 4)  # by hand: tanh′(x² + 1) · 2x
    assert "<td>∂x/∂x 1</td>" in source and "<td>∂h/∂x 4</td>" in source
    assert "<td>∂(h + 1)/∂x 4</td>" in source
    assert f"<td>∂y/∂x {dy_dx}</td>" in source
    assert f"grad {dy_dx}" in source  # the reverse sweep's ∂y/∂x, in x's box
    assert f"∂y/∂x = ∂y/∂h · ∂h/∂x = ({number_text(1 - math.tanh(5.0) ** 2, 4)})(4)" in source
    assert "∂" not in autograd.draw(y, derivatives=False).source  # nothing unless asked


def test_draw_forward_where_a_derivative_is_undefined_and_for_an_unknown_label():
    pytest.importorskip("graphviz")
    x = Value(0.0, label="x")
    y = labelled(x.sqrt(), "y")
    source = autograd.draw(y, forward=x).source
    assert "∂y/∂x undefined" in source and "forward mode from x: undefined" in source
    with pytest.raises(ValueError, match="draw: forward: no node labelled 'z'"):
        autograd.draw(y, forward="z")


def test_outputs_nested_absurdly_deep_are_one_line_not_a_recursion_error():
    def deep(x):
        out = x
        for _ in range(100_000):
            out = (out,)
        return out

    with pytest.raises(ValueError, match="jacrev: tuples or lists nested more than 100 deep"):
        jacrev(deep)(1.0)
    _, pullback = vjp(lambda x: (x, x), 1.0)
    with pytest.raises(ValueError, match="vjp: cotangent: tuples or lists nested more than 100"):
        pullback(deep(1.0))


def test_draw_forward_in_a_network_with_a_collapsed_neuron():
    pytest.importorskip("graphviz")
    from autograd.nn import MLP, half_mse

    net = MLP(2, [3, 1], activation="sigmoid")
    net.load_state_dict({name: 1.0 for name in net.state_dict()})
    loss = half_mse([net([0.0, 1.0])], [1.0])
    source = autograd.draw(loss, forward="w2", groups=net.groups(), collapse=["neuron 2"]).source
    s = 1 / (1 + math.exp(-2.0))  # a1 = σ(z1), z1 = w1·0 + w2·1 + b1 = 2
    assert f"<td>∂a1/∂w2 {number_text(s * (1 - s), 4)}</td>" in source  # σ′(z1) · x2, by hand
    assert "<br/>∂a2/∂w2 0>" in source  # neuron 2, one box: its output does not depend on w2


def test_has_aux_returns_what_f_gives_beside_its_output_as_jax_does():
    def loss(w):
        return w * w, {"note": "seen"}

    aux = {"note": "seen"}
    assert grad(loss, has_aux=True)(3.0) == (6.0, aux)
    assert value_and_grad(loss, has_aux=True)(3.0) == ((9.0, aux), 6.0)
    assert jacfwd(loss, has_aux=True)(3.0) == (6.0, aux)
    assert jacrev(loss, has_aux=True)(3.0) == (6.0, aux)
    assert hessian(loss, has_aux=True)(3.0) == (2.0, aux)
    assert jvp(loss, (3.0,), (0.5,), has_aux=True) == (9.0, 3.0, aux)
    out, pullback, got = vjp(loss, 3.0, has_aux=True)
    assert (out, pullback(1.0), got) == (9.0, (6.0,), aux)
    with pytest.raises(TypeError, match=r"grad: with has_aux=True, f must return a pair"):
        grad(lambda w: w * w, has_aux=True)(3.0)
