"""User-defined operations (autograd.op), stop_gradient / detach and gradient hooks.

Expected numbers come from the derivatives worked out by hand below, from central
differences of plain-float functions, and from PyTorch in float64 where it is installed.
"""

import math
import re

import pytest

import autograd
from autograd import Value, custom, grad, hessian, jacrev, jvp, stop_gradient
from autograd.explain import explain
from autograd.functions import sigmoid
from autograd.testing import GradcheckError, check_op

REL = 1e-12


@pytest.fixture(autouse=True)
def defined_here_stay_here():
    """An operation a test defines is forgotten after it (documents read it as a function)."""
    before = dict(custom.DEFINED)
    yield
    custom.DEFINED.clear()
    custom.DEFINED.update(before)


def close(a, b):
    return abs(a - b) <= REL * max(abs(a), abs(b), 1e-300)


# swish(x) = x·σ(x); by hand: swish' = σ + x·σ(1 − σ) = σ(1 + x(1 − σ)),
# swish'' = σ(1 − σ)(2 + x(1 − 2σ)).
def s(x):
    return 1.0 / (1.0 + math.exp(-x))


def swish_by_hand(x):
    return x * s(x), s(x) * (1 + x * (1 - s(x))), s(x) * (1 - s(x)) * (2 + x * (1 - 2 * s(x)))


@autograd.op(
    local_grads=lambda out, x: sigmoid(x) * (1 + x * (1 - sigmoid(x))),
    formula="x·σ(x)",
    derivatives="σ(x)·(1 + x·(1 − σ(x)))",
)
def swish(x):
    return x * sigmoid(x)


# hypot(x, y) = √(x² + y²): ∂/∂x = x/h, ∂/∂y = y/h; ∂²/∂x² = y²/h³, ∂²/∂x∂y = −xy/h³.
@autograd.op(
    local_grads=lambda out, x, y: (x / out, y / out),
    formula="sqrt(x^2 + y^2)",
    derivatives=("x/out", "y/out"),
)
def hypot(x, y):
    return math.sqrt(x * x + y * y)


POINTS = [-3.0, -0.7, 0.0, 0.4, 2.5, 12.0]


@pytest.mark.parametrize("x", POINTS)
def test_swish_value_and_derivatives_by_hand(x):
    value, first, second = swish_by_hand(x)
    assert close(swish(Value(x)).data, value)
    assert close(grad(swish)(x), first)
    assert close(grad(grad(swish))(x), second)
    assert close(jvp(swish, (x,), (1.0,))[1], first)  # forward mode, the same row
    assert close(hessian(swish)(x), second)


def test_a_two_input_operation_by_hand():
    x, y = 3.0, 4.0
    assert hypot(x, y).data == 5.0
    assert grad(hypot, argnums=(0, 1))(x, y) == (0.6, 0.8)
    h = hessian(hypot, argnums=(0, 1))(x, y)
    assert close(h[0][0], 16 / 125) and close(h[0][1], -12 / 125) and close(h[1][1], 9 / 125)


def test_numbers_are_constants_and_the_node_reads_its_row():
    z = Value(1.0, label="z")
    a = swish(z)
    a.label = "a"
    assert a.parents == (z,) and a.op is swish.row
    assert swish(2.0).data == swish(Value(2.0)).data
    assert hypot(z, 0.0).parents[1].data == 0.0


def test_the_text_appears_in_explain_and_draw():
    z = Value(0.5, label="z")
    a = swish(z)
    a.label = "a"
    L = a * 2.0
    L.label = "L"
    assert "∂L/∂a · ∂a/∂z" in str(explain(L, "z"))
    assert str(explain(a, "z")).startswith("∂a/∂z = σ(z)·(1 + z·(1 − σ(z))) = 0.7")
    pytest.importorskip("graphviz")
    dot = autograd.draw(L).source
    assert "swish" in dot and "σ(z)·(1 + z·(1 − σ(z)))" in dot


def test_a_wrong_derivative_is_refused_when_defined_with_the_point_and_both_values():
    with pytest.raises(GradcheckError) as caught:

        @autograd.op(local_grads=lambda out, x: sigmoid(x) * (1 - sigmoid(x)))  # σ′ forgot x
        def wrong_swish(x):
            return x * sigmoid(x)

    message = str(caught.value)
    assert "∂wrong_swish/∂x is wrong at x = -1.7" in message
    analytical = s(-1.7) * (1 - s(-1.7))
    numerical = swish_by_hand(-1.7)[1]
    assert repr(analytical) in message and f"{numerical:.6}" in message


def test_check_op_catches_a_planted_wrong_derivative_on_demand():
    @autograd.op(local_grads=lambda out, x: 2 * x, check=False)  # d(x³)/dx is 3x², not 2x
    def cube(x):
        return x * x * x

    assert cube(Value(2.0)).data == 8.0  # defined, unchecked
    with pytest.raises(GradcheckError, match=r"∂cube/∂x is wrong at x = 1.5"):
        check_op(cube, 1.5)
    with pytest.raises(GradcheckError, match=r"analytical: 3\.0"):
        check_op(cube, 1.5)


def test_a_derivative_right_in_code_but_wrong_in_its_text_is_named():
    with pytest.raises(GradcheckError) as caught:

        @autograd.op(
            local_grads=lambda out, x: 3 * x * x,
            formula="x³",
            derivatives="2·x²",  # the text is wrong; the code is right
        )
        def cube(x):
            return x * x * x

    message = str(caught.value)
    assert "the text of ∂cube/∂x, '2·x²', disagrees with the derivative of its formula" in message


def test_second_derivatives_are_checked_too():
    # The first derivative is right at every point, but its x is cut: constant to a
    # differentiable backward pass, so grad(grad(f)) would be 0.
    with pytest.raises(GradcheckError, match=r"∂²square/∂x∂x is wrong"):

        @autograd.op(local_grads=lambda out, x: 2 * stop_gradient(x))
        def square(x):
            return x * x


def test_domain_errors_name_the_operation():
    @autograd.op(local_grads=lambda out, x: 0.5 / out, derivatives="1/(2out)")
    def root(x):
        return math.sqrt(x)

    with pytest.raises(ValueError, match=r"^root: undefined at \(-1.0\): math domain error$"):
        root(Value(-1.0))


@pytest.mark.parametrize(
    "define, message",
    [
        (lambda: autograd.op(lambda x: x, local_grads=lambda out, x: 1.0, name="exp"), "built-in"),
        (lambda: autograd.op(lambda x: x, local_grads=lambda out, x: 1.0), "identifier"),
        (lambda: autograd.op(print, local_grads=lambda out, x: 1.0), "plain inputs"),
        (
            lambda: autograd.op(
                lambda x, y: x, local_grads=lambda out, x, y: (1, 0), derivatives="1", name="f"
            ),
            "expected 2 text",
        ),
        # two derivatives for one input: grad took the first, silently; backward said
        # "derivative undefined … too many values to unpack"
        (
            lambda: autograd.op(lambda x: 2 * x, local_grads=lambda out, x: (2, 3), name="g2"),
            "op g2: local_grads gave 2 derivatives for 1 input",
        ),
        (
            lambda: autograd.op(lambda x: 2 * x, local_grads=5, name="g3"),
            "op g3: local_grads must be a function of out and x, got 5",  # was "undefined at"
        ),
    ],
)
def test_bad_definitions_are_one_line(define, message):
    with pytest.raises((TypeError, ValueError), match=message) as caught:
        define()
    assert "\n" not in str(caught.value)


def test_a_derivative_given_as_a_whole_number_comes_back_a_float():
    # local_grads = 2: grad and jvp gave the int 2 (PyTorch and JAX give 2.0)
    double = autograd.op(lambda x: 2 * x, local_grads=lambda out, x: 2, name="double")
    for found in (grad(double)(1.5), jvp(double, (1.5,), (1.0,))[1], jacrev(double)(1.5)):
        assert type(found) is float and found == 2.0


def test_wrong_number_of_inputs():
    with pytest.raises(TypeError, match=r"^swish: expected 1 inputs, got 2$"):
        swish(1.0, 2.0)


# ---- in worksheets and answer keys ------------------------------------------------------


NEURON = """x = 1.5, w = -0.8, b = 0.4, y = 1, α = 0.1
z = w x + b = -0.8(1.5) + 0.4 = -0.8
a = swish(z) = {a}
da/dz = σ(z)·(1 + z·(1 − σ(z))) = {d}
"""


def test_a_worksheet_calls_its_own_operation():
    from autograd.audit import check_text

    value, first, _ = swish_by_hand(-0.8)
    right = check_text(NEURON.format(a=f"{value:.4f}", d=f"{first:.4f}"))
    assert right.parts[0].counts()["error"] == 0 and right.parts[0].counts()["match"] >= 6
    slipped = check_text(NEURON.format(a=f"{-value:.4f}", d=f"{first:.4f}"))  # sign dropped
    assert slipped.parts[0].counts()["error"] >= 1


def test_an_answer_key_writes_its_derivative_and_checks_clean(tmp_path):
    from autograd.audit import check_text
    from autograd.audit.solve import solve

    problem = tmp_path / "neuron.txt"
    problem.write_text("x = 1.5, w = -0.8, b = 0.4, y = 1, α = 0.1\nz = w x + b\n"
                       "a = swish(z)\nL = (a − y)²\n", encoding="utf-8")  # fmt: skip
    key = solve(problem, digits=4, carry="rounded").text()
    assert "∂a/∂z = σ(z)(1 + z · (1 − σ(z)))" in key
    assert "∂a/∂z = σ(z)(1 + z · (1 − σ(z))) = " in key and f"{swish_by_hand(-0.8)[1]:.4f}" in key
    counts = check_text(key).parts[0].counts()
    assert counts["error"] == counts["not understood"] == 0


# ---- stop_gradient / detach ---------------------------------------------------------------


def test_detach_cuts_the_derivative_in_both_modes():
    # f(x) = x·c with c = x held: f' = c = x (3), not 2x; f'' = 1... of x·c in x only: 0? No:
    # ∂/∂x (x · c) = c, and c does not move with x, so the second derivative is 0.
    f = lambda x: x * x.detach()  # noqa: E731
    assert grad(f)(3.0) == 3.0
    assert jvp(f, (3.0,), (1.0,)) == (9.0, 3.0)
    assert grad(grad(f))(3.0) == 0.0
    x = Value(3.0)
    y = f(x)
    y.backward()
    assert x.grad == 3.0 and y.data == 9.0


def test_stop_gradient_as_jax_has_it():
    assert grad(lambda x: stop_gradient(x) * x.sin())(1.0) == pytest.approx(math.cos(1.0))
    assert stop_gradient(2.0) == 2.0


def test_a_cut_edge_is_drawn_dashed():
    pytest.importorskip("graphviz")
    x = Value(3.0, label="x")
    y = x * x.detach()
    dot = autograd.draw(y).source
    # one edge, drawn in two parts through its label: both dashed, the label saying 0
    cut = [line.split()[:3] for line in dot.splitlines() if "style=dashed" in line]
    assert len(cut) == 2 and cut[0][2] == cut[1][0]
    label = next(line for line in dot.splitlines() if line.split()[0] == cut[0][2])
    assert "= 0" in label


# ---- hooks --------------------------------------------------------------------------------


def test_a_hook_sees_the_gradient_of_its_node_and_can_replace_it():
    # L = (a·b)² at a = 2, b = 3: ∂L/∂(ab) = 2ab = 12; ∂L/∂a = 12·b = 36.
    a, b = Value(2.0), Value(3.0)
    ab = a * b
    seen = []
    ab.register_hook(seen.append)
    (ab * ab).backward()
    assert seen == [12.0] and a.grad == 36.0
    handle = ab.register_hook(lambda g: g / 2)  # halved on its way down: ∂/∂a = 6·3
    a.grad = b.grad = 0.0
    (ab * ab).backward()
    assert seen == [12.0, 12.0] and a.grad == 18.0
    handle.remove()
    a.grad = 0.0
    (ab * ab).backward()
    assert a.grad == 36.0


def test_a_leaf_hook_sees_what_this_call_adds_not_the_accumulated_grad():
    x = Value(2.0)
    seen = []
    x.register_hook(seen.append)
    (x * x).backward()
    (x * x * x).backward()  # 2x = 4, then 3x² = 12; .grad accumulates to 16
    assert seen == [4.0, 12.0] and x.grad == 16.0
    x.register_hook(lambda g: 0.0)
    (x * 5).backward()
    assert seen[-1] == 5.0 and x.grad == 16.0


def test_hooks_go_with_their_node():
    import gc

    from autograd import backward

    y = Value(1.0) * 2
    y.register_hook(print)
    assert backward.has_hooks(y)
    del y
    gc.collect()
    assert not backward._hooks


def test_tracing_refuses_a_hook_in_one_line():
    from autograd.compile import TraceError, trace

    w = Value(0.5, label="w")
    w.register_hook(print)
    with pytest.raises(TraceError, match=r"^trace: a hook watches the gradient of w; a tape runs"):
        trace(lambda x: w * x, 1.0)


def test_a_hook_must_be_callable():
    with pytest.raises(TypeError, match="register_hook: expected a function"):
        Value(1.0).register_hook(3)


@pytest.mark.parametrize(
    "returned, error, words",
    [
        (float("nan"), ValueError, "a hook on ab returned nan"),
        (float("inf"), ValueError, "a hook on ab returned inf"),
        ("a", TypeError, "a hook on ab returned str 'a'"),
        ([1.0], TypeError, "a hook on ab returned list [1.0]"),
    ],
)
def test_a_hook_that_returns_no_finite_number_is_named(returned, error, words):
    # nan was blamed on mul ("gradient too large"), a str was "can't multiply sequence"
    a = Value(2.0)
    ab = a * 3.0
    ab.label = "ab"
    ab.register_hook(lambda g: returned)
    with pytest.raises(error, match=re.escape(words)):
        (ab * ab).backward()


# ---- PyTorch float64, where installed -----------------------------------------------------


def test_swish_and_detach_agree_with_pytorch():
    torch = pytest.importorskip("torch", reason="PyTorch is a benchmark-only dependency")
    for x in POINTS:
        t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        out = t * torch.sigmoid(t)
        (first,) = torch.autograd.grad(out, t, create_graph=True)
        (second,) = torch.autograd.grad(first, t)
        assert close(swish(Value(x)).data, out.item())
        assert close(grad(swish)(x), first.item())
        assert close(grad(grad(swish))(x), second.item())
        assert close(jvp(swish, (x,), (1.0,))[1], first.item())  # forward mode
        cut = t * t.detach().sin()
        (d,) = torch.autograd.grad(cut, t)
        assert close(grad(lambda v: v * v.detach().sin())(x), d.item())


def test_compiled_agrees_with_pytorch():
    torch = pytest.importorskip("torch", reason="PyTorch is a benchmark-only dependency")
    from autograd.compile import trace

    tape = trace(lambda v: swish(v) * v.detach().sin(), 0.5)
    for x in POINTS:
        t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        out = t * torch.sigmoid(t) * t.detach().sin()
        (d,) = torch.autograd.grad(out, t)
        value, (dx,), _ = tape.value_and_grad(x)
        assert close(value, out.item()) and close(dx, d.item())
