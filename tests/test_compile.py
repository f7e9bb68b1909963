"""The compiled mode: a traced tape replays the Value graph's numbers, on floats and arrays."""

import itertools
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd
from autograd import Value, ops
from autograd.compile import CACHE_SIZE_LIMIT, ConcretizationTypeError, GuardFailed, trace
from autograd.graph import topological_order
from autograd.nn import MLP, SGD, hinge
from autograd.optim import Adam, AdamW
from autograd.testing import expressions

np = pytest.importorskip("numpy")

REL = 1e-12


def close(a, b, scale=1.0):
    # Relative to the numbers compared, with a floor for sums that cancel to ~0.
    return abs(a - b) <= REL * max(abs(a), abs(b), 1e-3 * scale)


# One expression per row of the table, with inputs inside its domain.
UNARY = {
    "neg": (lambda x: -x, (-2.0, 3.0)),
    "clone": (Value.clone, (-2.0, 3.0)),
    "stop_gradient": (lambda x: x * x.detach(), (-2.0, 3.0)),
    "exp": (Value.exp, (-2.0, 3.0)),
    "log": (Value.log, (0.1, 5.0)),
    "sqrt": (Value.sqrt, (0.1, 5.0)),
    "tanh": (Value.tanh, (-3.0, 3.0)),
    "sigmoid": (Value.sigmoid, (-30.0, 30.0)),
    "relu": (Value.relu, (-2.0, 2.0)),
    "sin": (Value.sin, (-3.0, 3.0)),
    "cos": (Value.cos, (-3.0, 3.0)),
    "abs": (abs, (-2.0, 2.0)),
    "pow3": (lambda x: x**3, (-2.0, 2.0)),
    "pow0.5": (lambda x: x**0.5, (0.1, 4.0)),
    "2pow": (lambda x: 2**x, (-3.0, 3.0)),
}
BINARY = {
    "add": (lambda a, b: a + b, (-2.0, 2.0), (-2.0, 2.0)),
    "sub": (lambda a, b: a - b, (-2.0, 2.0), (-2.0, 2.0)),
    "mul": (lambda a, b: a * b, (-2.0, 2.0), (-2.0, 2.0)),
    "div": (lambda a, b: a / b, (-2.0, 2.0), (0.5, 3.0)),
    "pow": (lambda a, b: a**b, (0.2, 3.0), (-2.0, 2.0)),
    "sum": (lambda a, b: autograd.sum([a, b, a * b]), (-2.0, 2.0), (-2.0, 2.0)),
    "dot": (lambda a, b: autograd.dot([a, b], [b, 0.5], a), (-2.0, 2.0), (-2.0, 2.0)),
    "logsumexp": (lambda a, b: autograd.logsumexp([a, b, a * b]), (-2.0, 2.0), (-2.0, 2.0)),
    "softmax": (lambda a, b: autograd.softmax([a, b, 0.5])[1], (-2.0, 2.0), (-2.0, 2.0)),
}


def value_graph(f, *xs):
    """The reference: f on Values, and its gradient for each argument, by backward()."""
    args = [Value(x) for x in xs]
    out = f(*args)
    out.backward()
    return out.data, [a.grad for a in args]


def test_every_row_of_the_table_is_covered():
    covered = {name for name in UNARY} | set(BINARY)
    assert set(ops.OPS) <= covered


def test_hand_worked_example_on_floats():
    # f(x, y) = x·y + sin x at (2, 3): f = 6 + sin 2, ∂f/∂x = y + cos x = 3 + cos 2, ∂f/∂y = 2.
    tape = trace(lambda x, y: x * y + x.sin(), 0.0, 0.0)
    value, (dx, dy), _ = tape.value_and_grad(2.0, 3.0)
    assert value == pytest.approx(6 + math.sin(2), rel=1e-15)
    assert dx == pytest.approx(3 + math.cos(2), rel=1e-15)
    assert dy == 2.0


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_rows_on_floats_and_arrays_match_the_value_graph(name):
    f, (lo, hi) = UNARY[name]
    xs = np.linspace(lo, hi, 7)
    tape = trace(f, float(xs[0]))
    values, (grads,), _ = tape.value_and_grad(xs)
    for i, x in enumerate(xs):
        want, (want_grad,) = value_graph(f, float(x))
        got, (got_grad,), _ = tape.value_and_grad(float(x))  # the float replay
        assert (got, got_grad) == (want, want_grad)  # the very same float operations
        assert close(values[i], want) and close(grads[i], want_grad)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_rows_on_arrays_match_the_value_graph_per_example(name):
    f, (alo, ahi), (blo, bhi) = BINARY[name]
    a, b = np.linspace(alo, ahi, 6), np.linspace(bhi, blo, 6)
    tape = trace(f, float(a[0]), float(b[0]))
    values, (da, db), _ = tape.value_and_grad(a, b)
    for i in range(len(a)):
        want, (want_a, want_b) = value_graph(f, float(a[i]), float(b[i]))
        assert close(values[i], want) and close(da[i], want_a) and close(db[i], want_b)


def test_array_twins_of_the_rows_compute_the_float_forward():
    x = np.linspace(-3.0, 3.0, 13)
    for op in (ops.EXP, ops.TANH, ops.SIGMOID, ops.RELU, ops.SIN, ops.COS):
        assert all(close(y, op.forward(float(v))) for y, v in zip(op.array(x), x)), op


def mlp_and_data(seed=1, n=40):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    y = np.where(rng.random(n) > 0.5, 1.0, -1.0)
    return MLP(2, [8, 8, 1], seed=seed), x, y


def test_mlp_loss_and_parameter_gradients_match_the_value_graph():
    model, x, y = mlp_and_data()
    n = len(y)
    tape = trace(lambda x1, x2, t: (1 - t * model([x1, x2])).relu() / n, 0.0, 0.0, 1.0)
    losses, _, grads = tape.value_and_grad(x[:, 0], x[:, 1], y)
    loss = hinge([model(list(p)) for p in x], list(y))
    model.zero_grad()
    loss.backward()
    assert close(losses.sum(), loss.data)
    scale = max(abs(p.grad) for p in model.parameters())
    for name, p in model.named_parameters():
        assert close(grads[p], p.grad, scale), name


def test_per_example_gradients_are_each_examples_own():
    model, x, y = mlp_and_data(seed=2, n=5)
    tape = trace(lambda x1, x2, t: 0.5 * (t - model([x1, x2])) ** 2, 0.0, 0.0, 1.0)
    _, _, per_example = tape.value_and_grad(x[:, 0], x[:, 1], y, per_example=True)
    _, _, summed = tape.value_and_grad(x[:, 0], x[:, 1], y)
    for i in range(len(y)):
        model.zero_grad()
        (0.5 * (y[i] - model(list(x[i]))) ** 2).backward()
        for p in model.parameters():
            assert close(per_example[p][i], p.grad)
    for p in model.parameters():
        assert close(per_example[p].sum(), summed[p], abs(summed[p]) + 1.0)


def test_training_with_the_tape_follows_training_with_values():
    model, x, y = mlp_and_data(seed=3, n=20)
    twin, _, _ = mlp_and_data(seed=3, n=20)
    n = len(y)
    tape = trace(lambda x1, x2, t: (1 - t * twin([x1, x2])).relu() / n, 0.0, 0.0, 1.0)
    sgd, twin_sgd = SGD(model.parameters(), 0.05), SGD(twin.parameters(), 0.05)
    for _ in range(3):
        model.zero_grad()
        hinge([model(list(p)) for p in x], list(y)).backward()
        sgd.step()
        twin.zero_grad()
        tape.backward(x[:, 0], x[:, 1], y)  # reads the parameters as they are now
        twin_sgd.step()
    for p, q in zip(model.parameters(), twin.parameters()):
        assert close(p.data, q.data)


def test_backward_accumulates_into_leaves_like_backward():
    w = Value(3.0)
    tape = trace(lambda x: w * x, 1.0)
    w.grad = 1.0
    assert tape.backward(np.array([1.0, 2.0, 4.0])).tolist() == [3.0, 6.0, 12.0]
    assert w.grad == 1.0 + 7.0


def test_a_scalar_argument_beside_arrays_gets_the_summed_gradient():
    tape = trace(lambda x, c: c * x * x, 1.0, 1.0)
    _, (dx, dc), _ = tape.value_and_grad(np.array([1.0, 2.0]), 3.0)
    assert dx.tolist() == [6.0, 12.0] and dc == 5.0


def test_constant_function():
    tape = trace(lambda x: 2.0, 1.0)
    value, (dx,), _ = tape.value_and_grad(5.0)
    assert (value, dx) == (2.0, 0.0)


@pytest.mark.parametrize(
    "f, args, error, words",
    [
        (
            Value.log,
            [np.array([1.0, 2.0, -3.0])],
            ValueError,
            "log: expected a positive input, got -3.0 (example 2",
        ),
        (
            Value.exp,
            [np.array([0.0, 1000.0])],
            OverflowError,
            "exp: result too large for exp(1000.0) (example 1",
        ),
        (
            lambda a, b: a / b,
            [np.array([1.0, 2.0]), np.array([1.0, 0.0])],
            ZeroDivisionError,
            "div: division by zero (2.0 / 0.0) (example 1",
        ),
        (
            lambda a: a**2 * 1e300,
            [np.array([0.0, 1e5])],
            OverflowError,
            "mul: result too large for (10000000000.0, 1e+300) (example 1",
        ),
        (
            lambda a, b: a**b,
            [np.array([2.0, -2.0]), np.array([2.0, 0.5])],
            ValueError,
            "pow: negative base -2.0 with fractional exponent 0.5",
        ),
    ],
)
def test_domain_errors_on_arrays_name_the_op_the_value_and_the_example(f, args, error, words):
    tape = trace(f, *[1.0] * len(args))
    with pytest.raises(error) as raised:
        tape(*args)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    "f, args, error, words",
    [
        (
            Value.sqrt,
            [np.array([1.0, 0.0])],
            ValueError,
            "sqrt: derivative undefined at (0.0)",
        ),
        (
            lambda a, b: a**b,
            [np.array([2.0, -2.0]), np.array([2.0, 2.0])],
            ValueError,
            "pow: derivative undefined at (-2.0, 2.0)",
        ),
    ],
)
def test_undefined_derivatives_on_arrays_are_refused_like_backward(f, args, error, words):
    tape = trace(f, *[1.0] * len(args))
    with pytest.raises(error) as raised:
        tape.value_and_grad(*args)
    assert words in str(raised.value) and "(example 1 of the batch)" in str(raised.value)
    with pytest.raises(error) as on_values:
        f(*[Value(float(a[1])) for a in args]).backward()
    assert str(on_values.value) in str(raised.value)


def test_float_replay_raises_what_values_raise():
    tape = trace(Value.log, 1.0)
    with pytest.raises(ValueError, match=r"^log: expected a positive input, got -3.0$"):
        tape(-3.0)
    tape = trace(Value.sqrt, 1.0)
    with pytest.raises(ValueError, match=r"^sqrt: derivative undefined at \(0.0\)"):
        tape.value_and_grad(0.0)


@pytest.mark.parametrize(
    "args, error, words",
    [
        ((1.0,), TypeError, "expected 2 arguments, got 1"),
        ((np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0])), ValueError, "different lengths [2, 3]"),
        (
            (np.array([1.0, np.nan]), 1.0),
            ValueError,
            "argument 0 must be finite, got nan at index 1",
        ),
        ((float("inf"), 1.0), ValueError, "argument 0 must be finite, got inf"),
        ((1.0, 10**400), OverflowError, "argument 1: an integer of 401 digits is too large"),
        ((Value(1.0), 1.0), TypeError, "argument 0 is a Value"),
        ((np.ones((2, 2)), 1.0), ValueError, "argument 0 must be a number or a 1-d array"),
        # NumPy would drop the imaginary part with only a warning
        ((1.0, np.array([1 + 1j])), TypeError, "argument 1 must hold real numbers, got an array"),
        ((1 + 1j, 1.0), TypeError, "argument 0 must hold real numbers, got complex"),
        ((None, 1.0), TypeError, "argument 0 must hold real numbers, got NoneType"),
        (("a", 1.0), TypeError, "argument 0 must hold real numbers, got str 'a'"),
    ],
)
def test_bad_arguments(args, error, words):
    tape = trace(lambda a, b: a * b, 1.0, 1.0)
    with pytest.raises(error) as raised:
        tape(*args)
    assert words in str(raised.value)


def test_f_must_return_a_scalar():
    with pytest.raises(TypeError, match="trace: f must return one scalar, got list"):
        trace(lambda x: [x, x], 1.0)


def test_float_replay_never_imports_numpy():
    code = (
        "import sys; from autograd.compile import trace; "
        "t = trace(lambda x: (x * x).tanh(), 1.0); t.value_and_grad(0.5); "
        "assert 'numpy' not in sys.modules, 'numpy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- generated code ---------------------------------------------------------------------------


def test_source_is_straight_line_python_written_from_the_rows():
    tape = trace(lambda x, y: x * y + x.sin(), 0.0, 0.0)
    source = tape.source
    assert source.startswith("def value_and_grad(v0, v1):\n    # arguments: v0 'x', v1 'y'\n")
    assert "for " not in source and "while " not in source  # straight-line
    assert "v2 = v0 * v1" in source  # mul's forward, written out
    assert "math.cos(v0)" in source  # sin's local derivative, from its row in ops.py
    # f(x, y) = x·y + sin x: ∂f/∂x = y + cos x, ∂f/∂y = x, by hand
    value, (dx, dy), _ = tape.value_and_grad(0.7, -1.3)
    assert (value, dx, dy) == (0.7 * -1.3 + math.sin(0.7), -1.3 + math.cos(0.7), 0.7)


def test_a_row_changed_in_ops_changes_the_generated_code(monkeypatch):
    # No second table of derivatives: the source is whatever the row computes.
    wrong = ops.Op("tanh", "tanh", math.tanh, lambda out, x: (2.0 - out * out,), ops.TANH.formulas)
    monkeypatch.setattr(ops, "TANH", wrong)
    tape = trace(lambda x: x.tanh(), 0.5)
    assert "2.0 - v1 * v1" in tape.source
    assert tape.value_and_grad(0.5)[1][0] == 2.0 - math.tanh(0.5) ** 2


def test_constants_are_folded_into_the_source():
    tape = trace(lambda x: x * (Value(2.0) * 3.0) + 1.5, 1.0)
    assert "6.0" in tape.source and "1.5" in tape.source
    assert tape.value_and_grad(2.0)[:2] == (13.5, (6.0,))


def test_long_sums_compile():
    tape = trace(lambda *xs: autograd.sum(x * x for x in xs), *[1.0] * 500)
    value, grads, _ = tape.value_and_grad(*[2.0] * 500)
    assert value == 2000.0 and set(grads) == {4.0}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_rows_on_floats_match_the_value_graph(name):
    f, (alo, ahi), (blo, bhi) = BINARY[name]
    for a, b in zip(np.linspace(alo, ahi, 5), np.linspace(bhi, blo, 5)):
        tape = trace(f, 1.0, 1.0)
        got = tape.value_and_grad(float(a), float(b))
        want, (da, db) = value_graph(f, float(a), float(b))
        assert got[0] == want and close(got[1][0], da) and close(got[1][1], db)


@pytest.mark.parametrize(
    "f, x, error, words",
    [
        (
            lambda x: x * 1e300,
            1e10,
            OverflowError,
            "mul: result too large for (10000000000.0, 1e+300)",
        ),
        (lambda x: (x * 1e300) * 0.0 + x.log(), 1e10, OverflowError, "mul: result too large"),
        (lambda x: x.exp(), 1000.0, OverflowError, "exp: result too large for exp(1000.0)"),
        (lambda x: 1.0 / x, 0.0, ZeroDivisionError, "div: division by zero (1.0 / 0.0)"),
        (lambda x: x**0.5, -4.0, ValueError, "pow: negative base -4.0 with fractional"),
        (lambda x: x.log(), 1e-310, OverflowError, "log: gradient too large at (1e-310)"),
        (lambda x: abs(x).sqrt(), 0.0, ValueError, "sqrt: derivative undefined at (0.0)"),
    ],
)
def test_float_replay_raises_the_value_engines_error(f, x, error, words):
    with pytest.raises(error) as eager:
        y = f(Value(x))
        y.backward()
    tape = trace(f, 2.0)
    with pytest.raises(error) as replayed:
        tape.value_and_grad(x)
    assert words in str(eager.value) and str(replayed.value) == str(eager.value)


# ---- guards ------------------------------------------------------------------------------------


def test_a_branch_on_a_comparison_is_guarded_and_retraced():
    tape = trace(lambda x: x * 2 if x > 0 else x * -3, 1.0)
    assert tape(-1.0) == 3.0 and tape(1.0) == 2.0  # the example: once -2.0
    assert len(tape.traces) == 2
    assert tape.value_and_grad(-2.0)[1] == (-3.0,)


def test_truth_and_while_loops_are_guarded():
    def doubling(x):
        y = x
        while y < 10:
            y = y * 2
        return y if x else -y

    tape = trace(doubling, 3.0)
    for x in (3.0, 1.0, 0.1, 20.0):
        assert tape(x) == doubling(Value(x)).data
    assert tape.value_and_grad(0.1)[1] == (128.0,)  # seven doublings: d/dx = 2⁷
    truth = trace(lambda x: x * 2 if x else x + 1, 3.0)
    assert (truth(3.0), truth(0.0), truth(-0.0)) == (6.0, 1.0, 1.0)


def test_max_of_values_is_guarded():
    tape = trace(lambda a, b, c: max([a, b, c]) * 2, 1.0, 2.0, 3.0)
    assert tape.value_and_grad(5.0, 2.0, 3.0)[:2] == (10.0, (2.0, 0.0, 0.0))


def test_a_guard_is_checked_before_the_steps_after_it():
    tape = trace(lambda x: x.log() if x > 0 else -x, 1.0)
    assert tape(-2.0) == 2.0  # the log of the traced branch is never taken at −2


def test_without_retrace_a_failed_guard_is_refused_by_name():
    tape = trace(lambda x: x * 2 if x > 0 else x * -3, 1.0, retrace=False)
    with pytest.raises(GuardFailed, match=r"f decided x > 0 True when traced, False here"):
        tape(-1.0)


def test_traces_are_limited_as_torch_compiles_are():
    def f(x):
        n = 0
        while x > n:  # one decision more for each unit of x: a new trace each time
            n += 1
        return x * n

    tape = trace(f, 0.5)
    for k in range(1, CACHE_SIZE_LIMIT):
        assert tape(k + 0.5) == (k + 0.5) * (k + 1)
    with pytest.raises(GuardFailed, match=f"not traced again \\({CACHE_SIZE_LIMIT} traces made"):
        tape(CACHE_SIZE_LIMIT + 0.5)


def test_guards_on_arrays_retrace_a_batch_on_the_other_branch_and_refuse_a_mixed_one():
    tape = trace(lambda x: x * 2 if x > 0 else x * -3, 1.0)
    assert tape(np.array([-1.0, -2.0])).tolist() == [3.0, 6.0]
    with pytest.raises(GuardFailed, match="take different branches"):
        tape(np.array([1.0, -2.0]))


def test_a_raw_data_read_is_refused_as_jax_refuses_it():
    with pytest.raises(ConcretizationTypeError, match=r"read \.data of a traced value \(x\)"):
        trace(lambda x: x * 2 if x.data > 0 else x * -3, 1.0)
    with pytest.raises(ConcretizationTypeError):
        trace(lambda x: Value(x.data * 2), 1.0)  # a copy of the number cuts the graph
    tape = trace(lambda x: x * Value(2.0).data, 1.0)  # a constant's number is a constant
    assert tape(3.0) == 6.0 and Value.data is not None


def test_tracing_leaves_value_as_it_was():
    data = Value.__dict__["data"]
    with pytest.raises(ZeroDivisionError):
        trace(lambda x: x / 0, 1.0)
    assert Value.__dict__["data"] is data and not autograd.value._observers


# ---- fused layers ------------------------------------------------------------------------------


def test_a_layer_of_dot_nodes_runs_as_one_matrix_product():
    model, x, _ = mlp_and_data(seed=4, n=7)
    tape = trace(lambda x1, x2: model([x1, x2]), 0.0, 0.0)
    values, (d1, d2), _ = tape.value_and_grad(x[:, 0], x[:, 1])
    kinds = [item[0] for item in next(iter(tape.plans.values())).items]
    assert kinds.count("layer") == 3 and kinds.count("map") == 2  # relu twice, linear out
    for i in range(len(x)):
        a, b = Value(x[i, 0]), Value(x[i, 1])
        out = model([a, b])
        model.zero_grad()
        out.backward()
        assert close(values[i], out.data) and close(d1[i], a.grad) and close(d2[i], b.grad)


def test_errors_inside_a_fused_layer_name_the_example():
    model, x, _ = mlp_and_data(seed=5, n=6)
    tape = trace(lambda x1, x2: abs(model([x1, x2])).exp(), 0.0, 0.0)
    big = x[:, 0].copy()
    big[3] = 1e6
    with pytest.raises(OverflowError, match=r"result too large.*\(example 3 of the batch\)"):
        tape(big, x[:, 1])


# ---- drawn expressions: the generated code and the arrays against the Value graph ------------


@given(expressions(max_depth=4, n_inputs=3))
def test_drawn_expressions_compile_to_the_value_graphs_numbers(e):
    want, want_grads = value_graph(e, *e.point)
    tape = trace(e, *e.point)
    value, grads, _ = tape.value_and_grad(*e.point)
    assert value == want and all(close(g, w) for g, w in zip(grads, want_grads))
    values, batch_grads, _ = tape.value_and_grad(*(np.array([x, x]) for x in e.point))
    assert all(close(v, want) for v in values)
    # NumPy's tanh or exp may differ from math's in the last bit, which a derivative that
    # cancels (1 − tanh² near 1) magnifies: there 1e-12 of 1, not of the tiny derivative
    assert all(close(g[1], w, scale=1e3) for g, w in zip(batch_grads, want_grads))


# Names a user may give that the generated code once used or still could: its locals and
# adjoints, its helpers, builtins, and names of earlier versions (df_relu, number0, f_tanh).
NAMES = (
    *(f"v{i}" for i in range(8)),
    *("d0", "d3", "l3", "f0", "f1", "df0", "n0", "leaf0", "leaf1", "math", "float", "type"),
    *("Diverged", "NotFinite", "Unusual", "finite", "number0", "df_relu", "f_tanh", "d_v3"),
    *("value", "backward", "value_and_grad", "arg0", "x"),
)
LABELS = (*NAMES, "", "v1 = 0", "a\nb", "'", "# v2", "\u2028", "x" * 300, None)


@given(
    expressions(max_depth=4, n_inputs=3),
    st.lists(st.sampled_from(NAMES), min_size=3, max_size=3, unique=True),
    st.lists(st.sampled_from(LABELS), min_size=1, max_size=12),
    st.sampled_from(LABELS),
)
def test_user_names_never_change_the_numbers(e, argument_names, labels, leaf_label):
    w = Value(0.75, label=leaf_label)  # a parameter, read at each replay

    def labelled(*xs):
        out = e(*xs) * w
        for node, label in zip(topological_order(out), itertools.cycle(labels)):
            if node is not w:
                node.label = label
        return out

    namespace = {"labelled": labelled}
    arguments = ", ".join(argument_names)
    exec(f"def f({arguments}):\n    return labelled({arguments})", namespace)
    xs = [Value(x) for x in e.point]
    want = e(*xs) * w
    want.backward()
    assert w.grad == e(*[Value(x) for x in e.point]).data  # ∂(e·w)/∂w = e, by hand
    tape = trace(namespace["f"], *e.point)
    value, grads, dleaves = tape.value_and_grad(*e.point)
    assert value == want.data and all(close(g, x.grad) for g, x in zip(grads, xs))
    assert close(dleaves[w], w.grad)
    assert tape(*e.point) == want.data


@given(
    expressions(["log", "sqrt", "div", "mul", "add", "sub", "tanh"], max_depth=3, n_inputs=2),
    st.lists(st.floats(-3, 3), min_size=2, max_size=2),
)
def test_a_try_except_around_an_operation_is_refused_never_replayed_wrong(e, q):
    def f(*xs):
        try:
            return e(*xs)
        except (ValueError, ZeroDivisionError, OverflowError):
            return xs[0] * 0

    tape = trace(f, *e.point)  # e is defined at its point: nothing caught here
    try:
        want = f(*[Value(x) for x in q]).data
    except (ArithmeticError, ValueError):
        return  # f itself fails at q (an overflow): no answer to compare
    try:
        got = tape(*q)
    except autograd.compile.TraceError:
        return  # f caught an error at q: refused by name
    assert got == want


@given(expressions(max_depth=4, n_inputs=3), st.floats(-0.01, 0.01))
def test_parameters_f_makes_on_its_first_call_train_as_values_do(e, delta):
    made = []

    def f(x):
        if not made:  # the parameters, made on the first call and kept
            made.extend(Value(v) for v in e.point[1:])
        return e(x, *made)

    tape = trace(f, e.point[0])
    for p in made:
        p.data += delta  # changed after the trace: the tape reads them afresh
    try:
        out = e(Value(e.point[0]), *made)
    except (ArithmeticError, ValueError):
        return  # moved out of e's domain: nothing to compare
    out.backward()
    want = [p.grad for p in made]
    for p in made:
        p.grad = 0.0
    assert tape.backward(e.point[0]) == out.data
    assert all(close(p.grad, g) for p, g in zip(made, want))


def test_an_error_on_the_branch_a_batch_retraces_names_the_example():
    tape = trace(lambda x: x.log() if x < 5 else x, 10.0)
    assert tape(np.array([7.0, 6.0])).tolist() == [7.0, 6.0]
    with pytest.raises(ValueError, match=r"^log: expected a positive input, got -1.0 \(example 0"):
        tape(np.array([-1.0, 1.0]))  # traced again at example 0, where f itself fails
    with pytest.raises(ValueError, match=r"^log: expected a positive input, got -1.0 \(example 1"):
        tape(np.array([1.0, -1.0]))  # the branch with log, traced at 1.0, replayed at −1


@pytest.mark.parametrize(
    "f",
    [
        lambda x: (x * 1e200 * 1e200).sigmoid(),  # inf read by σ, which makes it 1.0
        lambda x: (x * 1e200 * 1e200 + 1.0).sigmoid(),  # inf through a sum, then σ
        lambda x: (-(x * 1e200 * 1e200)).exp() * 2.0,  # −inf through neg, exp makes it 0
    ],
)
def test_an_overflow_a_later_row_hides_is_still_the_engines_error(f):
    with pytest.raises(OverflowError) as eager:
        f(Value(3.0))
    tape = trace(f, 1e-300)
    assert tape(2e-300) == f(Value(2e-300)).data
    for replay in (tape, tape.value_and_grad):
        with pytest.raises(OverflowError) as compiled:
            replay(3.0)
        assert str(compiled.value) == str(eager.value)


def test_the_generated_code_shown_in_the_docs_is_what_the_example_prints(capsys):
    docs = (Path(__file__).resolve().parent.parent / "docs" / "compile.md").read_text()
    section = docs[docs.index("## The generated code") :]
    example, shown = re.findall(r"```python\n(.*?)```", section, re.S)[:2]
    exec(example, {})
    assert capsys.readouterr().out.strip() == shown.strip()


# ---- no silent wrong answers: names, try/except, parameters made inside f, dead code ---------


def test_argument_names_that_look_generated_give_the_value_graphs_numbers():
    # Once, arguments named v1, v2 shared the generated code's locals: 5.99993 for 2.99996.
    tape = trace(lambda v1, v2: (v1 * v2).tanh() * v2, 0.5, 0.25)
    want = math.tanh(6.0) * 3.0  # by hand
    assert tape(2.0, 3.0) == want
    _, (d1, d2), _ = tape.value_and_grad(2.0, 3.0)
    sech2 = 1 - math.tanh(6.0) ** 2  # ∂/∂v1 = sech²(v1·v2)·v2², ∂/∂v2 = sech²·v1·v2 + tanh
    assert close(d1, sech2 * 9.0) and close(d2, sech2 * 6.0 + math.tanh(6.0))


def test_a_leaf_labelled_like_a_generated_name_is_read_as_itself():
    w = Value(0.5, label="v3")
    tape = trace(lambda x: (w * x).tanh() * x, 1.0)
    value, (dx,), dleaves = tape.value_and_grad(2.0)
    assert value == math.tanh(1.0) * 2.0
    assert close(dx, (1 - math.tanh(1.0) ** 2) * 0.5 * 2.0 + math.tanh(1.0))
    assert close(dleaves[w], (1 - math.tanh(1.0) ** 2) * 4.0)


@pytest.mark.parametrize(
    "names", [("float", "type"), ("df_relu", "number0"), ("math", "finite"), ("d0", "leaf0")]
)
def test_arguments_named_like_builtins_or_private_names(names):
    from fractions import Fraction

    namespace = {"Fraction": Fraction}
    a, b = names
    body = f"({a} * {b}).relu() * 2 if {a} > Fraction(1, 2) else -{b}"
    exec(f"def f({a}, {b}):\n    return {body}", namespace)
    tape = trace(namespace["f"], 1.0, 3.0)
    assert tape(1.0, 3.0) == 6.0 and tape(0.25, 3.0) == -3.0
    assert tape.value_and_grad(1.0, 3.0)[1] == (6.0, 2.0)


def test_an_engine_error_caught_by_f_is_refused_in_one_line():
    def safe_log(x):
        try:
            return x.log()
        except ValueError:
            return x * 0

    with pytest.raises(autograd.compile.TraceError, match=r"^trace: f caught the error log"):
        trace(safe_log, -1.0)
    tape = trace(safe_log, 2.0)  # no error while traced: the log branch
    assert tape(2.0) == math.log(2.0)
    with pytest.raises(autograd.compile.TraceError, match="caught the error log"):
        tape(-1.0)  # f would have caught it: refused, never log's error nor a silent 0
    with pytest.raises(ValueError, match=r"^log: expected a positive input, got -1\.0$"):
        trace(lambda x: x.log(), 2.0)(-1.0)  # f that does not catch: the engine's error


def test_parameters_made_inside_f_are_read_at_each_replay_and_get_gradients():
    made = {}

    def f(x1, x2):
        if "model" not in made:  # an MLP built on the first call, as some training code does
            made["model"] = MLP(2, [3, 1], seed=3)
        return made["model"]([x1, x2])

    tape = trace(f, 0.5, -1.0)
    model = made["model"]
    assert set(tape.leaves) == set(model.parameters())
    for p in model.parameters():  # a change after the trace is seen
        p.data += 0.125
    out = model([Value(0.5), Value(-1.0)])
    out.backward()
    want = {p: p.grad for p in model.parameters()}
    model.zero_grad()
    assert tape.backward(0.5, -1.0) == out.data
    assert all(close(p.grad, want[p]) for p in model.parameters()) and any(want.values())


def test_numbers_f_writes_stay_constants():
    tape = trace(lambda x: x * 2.0 + Value(3.0), 1.0)
    assert tape.leaves == () and "2.0" in tape.source and "3.0" in tape.source


def test_an_operation_whose_result_f_discards_is_not_replayed():
    # Decided (docs/compile.md): a tape computes what f returns and what it decides on, as
    # jax.jit drops dead code; an unused log at −1 raises nothing (the Value engine would).
    tape = trace(lambda x: (x.log(), x * 2)[1], 1.0)
    assert tape(-1.0) == -2.0 and tape.value_and_grad(-1.0)[:2] == (-2.0, (2.0,))
    assert "log" not in tape.source


def test_a_batched_guard_off_the_outputs_path_has_no_adjoint():
    w = Value(0.5, label="w")
    tape = trace(lambda x: x * 3 if x * w > -5 else x, 1.0)  # once a crash inside NumPy
    value, (dx,), dleaves = tape.value_and_grad(np.array([1.0, 2.0]))
    assert value.tolist() == [3.0, 6.0] and dx.tolist() == [3.0, 3.0] and dleaves[w] == 0.0


def test_a_guard_on_a_fused_layer_beside_an_output_the_batch_does_not_change():
    model, x, _ = mlp_and_data(seed=6, n=4)
    w = model.parameters()[0]
    tape = trace(lambda x1, x2: w * 3 if model([x1, x2]) > -100 else x1, 0.0, 0.0)
    value, (d1, d2), dleaves = tape.value_and_grad(x[:, 0], x[:, 1])  # once float has no len()
    # each of the 4 examples' value is w·3, and their gradients sum to 4·3 (it was one value,
    # 3.0, and the gradient 3.0: counted once, where w·3 + 0·x1 gave 12)
    assert value.tolist() == [w.data * 3] * 4 and d1.tolist() == d2.tolist() == [0.0] * 4
    assert dleaves[w] == 12.0
    hidden = lambda x1, x2: autograd.sum(model.layers[0]([x1, x2]))  # noqa: E731
    layer = trace(lambda x1, x2: x1 * 2 if hidden(x1, x2) > -1e9 else x1, 0.0, 0.0)
    assert layer.value_and_grad(x[:, 0], x[:, 1])[1][0].tolist() == [2.0] * 4


@pytest.mark.parametrize("per_example", [False, True])
def test_a_value_no_example_reads_is_each_examples_and_its_gradient_sums(per_example):
    # trace(lambda x, c: w * c) on a batch of 3 gave one value and w's gradient once (c = 3:
    # 3.0, where three examples, as Value.backward() run on each, give 9.0)
    w = Value(0.5)
    tape = trace(lambda x, c: w * c, 0.0, 3.0)
    value, (dx, dc), dleaves = tape.value_and_grad(np.zeros(3), 3.0, per_example=per_example)
    assert value.tolist() == [1.5] * 3 and dx.tolist() == [0.0] * 3
    want_w, want_c = ([3.0] * 3, [0.5] * 3) if per_example else (9.0, 1.5)
    assert np.asarray(dleaves[w]).tolist() == want_w and np.asarray(dc).tolist() == want_c
    w.grad = 0.0
    for _ in range(3):  # the engine, example by example
        (w * 3.0).backward()
    assert w.grad == 9.0
    w.grad = 0.0
    tape.backward(np.zeros(3), 3.0)
    assert w.grad == 9.0
    # a training step, and one that holds its parameters in arrays: w − 0.1 · 9
    held = trace(lambda x: w * 3.0, 0.0)
    assert held.step(SGD([w], lr=0.1))(np.zeros(3)).tolist() == [1.5] * 3
    assert w.data == pytest.approx(0.5 - 0.9, rel=1e-15)
    with held.step(SGD([w], lr=0.1)).holding() as train:
        assert train(np.zeros(3)).tolist() == [(0.5 - 0.9) * 3] * 3
    assert w.data == pytest.approx(0.5 - 1.8, rel=1e-15)


# ---- the compiled training step ----------------------------------------------------------------


def homework_net():
    model = MLP(2, [3, 1], activation="sigmoid", seed=0)
    return model, trace(lambda x1, x2, y: 0.5 * (y - model([x1, x2])) ** 2, 0.5, -1.0, 1.0)


def test_a_compiled_step_reads_the_rate_at_each_call_as_the_optimizer_does():
    model, tape = homework_net()
    twin = MLP(2, [3, 1], activation="sigmoid", seed=0)
    opt, twin_opt = SGD(model.parameters(), 0.1), SGD(twin.parameters(), 0.1)
    step = tape.step(opt)
    for rate in (0.1, 0.5, 0.01):  # a schedule: opt.lr set between steps
        opt.lr = twin_opt.lr = rate
        twin.zero_grad()
        (0.5 * (1.0 - twin([0.5, -1.0])) ** 2).backward()
        twin_opt.step()
        step(0.5, -1.0, 1.0)
        assert [p.data for p in model.parameters()] == [p.data for p in twin.parameters()]


def test_a_compiled_step_follows_the_chain_rule_by_hand():
    # one step of the 2-3-1 sigmoid net, its gradient written out by hand
    model, tape = homework_net()
    w = [p.data for p in model.parameters()]  # w1 w2 b1, w3 w4 b2, w5 w6 b3, w7 w8 w9 b4
    x1, x2, y, lr = 0.5, -1.0, 1.0, 0.1
    sig = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    h = [sig(w[3 * j] * x1 + w[3 * j + 1] * x2 + w[3 * j + 2]) for j in range(3)]
    a = sig(w[9] * h[0] + w[10] * h[1] + w[11] * h[2] + w[12])
    d = (a - y) * a * (1 - a)
    want = []
    for j in range(3):
        dh = d * w[9 + j] * h[j] * (1 - h[j])
        want += [w[3 * j] - lr * dh * x1, w[3 * j + 1] - lr * dh * x2, w[3 * j + 2] - lr * dh]
    want += [w[9 + j] - lr * d * h[j] for j in range(3)] + [w[12] - lr * d]
    assert close(tape.step(SGD(model.parameters(), lr))(x1, x2, y), 0.5 * (y - a) ** 2)
    assert all(close(p.data, q) for p, q in zip(model.parameters(), want))


def test_a_compiled_step_writes_only_what_it_needs():
    model, tape = homework_net()
    source = tape.step(SGD(model.parameters(), 0.1)).source
    assert "math.exp(" in source and "f0(" not in source  # σ written out, its two branches
    assert "** 1.0" not in source and "raise NotFinite" in source
    assert source.count("finite = hypot(") == 1  # one check of the values and the update
    assert not re.search(r"\bd[0-2] ", source)  # no adjoint for the arguments x1, x2, y
    assert source.count("._data = ") == 13  # each parameter stored once
    # an adjoint read once is written where it is read: d12 = v18·d23 is no line of its own
    assert "n9 = v12 - h_lr * (v18 * d23)" in source and not re.search(r"\bd12\b", source)


def test_numbers_near_the_largest_float_that_overflow_the_check_give_the_same_answer():
    # The one check is hypot of the numbers: 1.5e308 twice overflows it, though both are
    # finite; the call then goes the checked way, and answers as the Value engine does.
    tape = trace(lambda x, y: x.tanh() + y.tanh(), 0.5, 0.5)
    assert math.isinf(math.hypot(1.5e308, 1.5e308))
    assert tape.value_and_grad(1.5e308, 1.5e308)[:2] == (2.0, (0.0, 0.0))  # tanh = 1, 1 − 1²


def test_adjoints_written_into_one_another_stay_shallow_on_a_deep_chain():
    def chain(x):
        for _ in range(3_000):
            x = x.tanh()
        return x

    tape = trace(chain, 0.3)
    x = Value(0.3)
    chain(x).backward()
    assert tape.value_and_grad(0.3)[1] == (x.grad,)  # bit for bit with the Value engine
    assert max(line.count("(") for line in tape.source.splitlines()) < 30  # parser nests ≤ 200


def test_a_compiled_step_on_arrays_or_an_error_goes_the_general_way():
    model, tape = homework_net()
    twin = MLP(2, [3, 1], activation="sigmoid", seed=0)
    step, sgd = tape.step(SGD(model.parameters(), 0.1)), SGD(twin.parameters(), 0.1)
    x1, x2, y = np.array([0.5, -0.3]), np.array([-1.0, 0.8]), np.array([1.0, 0.0])
    losses = step(x1, x2, y)
    twin.zero_grad()
    sum(0.5 * (t - twin([a, b])) ** 2 for a, b, t in zip(x1, x2, y)).backward()
    sgd.step()
    assert all(close(p.data, q.data) for p, q in zip(model.parameters(), twin.parameters()))
    assert losses.shape == (2,) and all(p.grad == 0.0 for p in model.parameters())
    before = [p.data for p in model.parameters()]
    with pytest.raises(OverflowError) as eager:
        0.5 * (1e200 - model([Value(0.5), Value(-1.0)])) ** 2
    with pytest.raises(OverflowError, match=r"^pow: result too large") as compiled:
        step(0.5, -1.0, 1e200)
    assert str(compiled.value) == str(eager.value)  # the Value engine's error, by name
    assert [p.data for p in model.parameters()] == before  # nothing written


def test_a_compiled_step_refuses_an_update_that_decides_on_a_value():
    model, tape = homework_net()
    with pytest.raises(TypeError, match=r"^tape.step: Adam's update decides on a value"):
        tape.step(Adam(model.parameters(), 0.1, amsgrad=True))  # max(v̂, v)
    with pytest.raises(TypeError, match=r"^holding: the held update is plain SGD's"):
        tape.step(Adam(model.parameters(), 0.1)).holding()


OPTIMIZERS = {
    "SGD": lambda ps: SGD(ps, 0.1),
    "momentum": lambda ps: SGD(ps, 0.1, momentum=0.9, dampening=0.1),
    "nesterov, decay": lambda ps: SGD(ps, 0.05, momentum=0.9, nesterov=True, weight_decay=0.01),
    "maximize": lambda ps: SGD(ps, 0.01, maximize=True),
    "Adam": lambda ps: Adam(ps, 0.05),
    "Adam, decay": lambda ps: Adam(ps, 0.05, betas=(0.8, 0.99), weight_decay=0.1),
    "AdamW": lambda ps: AdamW(ps, 0.05),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_a_compiled_step_writes_the_optimizers_own_update_bit_for_bit(name):
    model, tape = homework_net()
    twin = MLP(2, [3, 1], activation="sigmoid", seed=0)
    opt, twin_opt = OPTIMIZERS[name](model.parameters()), OPTIMIZERS[name](twin.parameters())
    step = tape.step(opt)
    points = [(0.5, -1.0, 1.0), (-0.3, 0.8, 0.0), (2.0, 1.5, 1.0)]
    for i in range(60):  # a first step with state to make goes the general way
        x1, x2, y = points[i % 3]
        loss = 0.5 * (y - twin([x1, x2])) ** 2
        twin.zero_grad()
        loss.backward()
        twin_opt.step()
        assert step(x1, x2, y) == loss.data
        assert [p.data for p in model.parameters()] == [p.data for p in twin.parameters()]
    assert opt.state == twin_opt.state  # momentum buffers, moments and step counts too
    assert ("optimizer.state[0]" in step.source) == bool(opt.state[0])  # read where kept
    assert all(p.grad == 0.0 for p in model.parameters())  # .grad is left alone


def test_a_compiled_step_is_written_again_when_a_decision_on_a_hyperparameter_changes():
    model, tape = homework_net()
    twin = MLP(2, [3, 1], activation="sigmoid", seed=0)
    opt, twin_opt = SGD(model.parameters(), 0.1), SGD(twin.parameters(), 0.1)
    step = tape.step(opt)
    assert "momentum" not in step.source  # plain SGD: p − lr·g
    for momentum, decay in [(0.0, 0.0), (0.9, 0.0), (0.9, 0.01), (0.0, 0.01), (0.0, 0.0)]:
        opt.momentum, opt.weight_decay = twin_opt.momentum, twin_opt.weight_decay = momentum, decay
        assert ("h_momentum" in step.source) == (momentum > 0)
        for _ in range(3):
            twin.zero_grad()
            (0.5 * (1.0 - twin([0.5, -1.0])) ** 2).backward()
            twin_opt.step()
            step(0.5, -1.0, 1.0)
            assert [p.data for p in model.parameters()] == [p.data for p in twin.parameters()]


# ---- the training step on arrays, its parameters held as arrays --------------------------------

ALPHA = 1e-3


def regularised_hinge(model, n):
    """One example's share of the mean hinge loss plus α·Σp² over a batch of n."""
    params = model.parameters()

    def loss(x1, x2, t):
        l2 = autograd.sum(p * p for p in params)
        return (1 - t * model([x1, x2])).relu() / n + ALPHA / n * l2

    return trace(loss, 0.0, 0.0, 1.0)


def numpy_by_hand(model, x, y, lr, steps):
    """The same training written out in NumPy, its gradient by hand: the independent source."""
    layers = [
        [np.array([[w.data for w in n.w] for n in layer.neurons]),
         np.array([n.b.data for n in layer.neurons])]
        for layer in model.layers
    ]
    n = len(y)
    losses = None
    for _ in range(steps):
        (W1, b1), (W2, b2), (W3, b3) = layers
        z1 = x @ W1.T + b1
        h1 = np.maximum(z1, 0.0)
        z2 = h1 @ W2.T + b2
        h2 = np.maximum(z2, 0.0)
        s = (h2 @ W3.T + b3)[:, 0]
        margin = 1 - y * s
        l2 = sum((P * P).sum() for layer in layers for P in layer)
        losses = np.maximum(margin, 0.0) / n + ALPHA / n * l2
        gs = np.where(margin > 0, -y / n, 0.0)[:, None]
        gz2 = (gs @ W3) * (z2 > 0)
        gz1 = (gz2 @ W2) * (z1 > 0)
        grads = [(gz1.T @ x, gz1.sum(0)), (gz2.T @ h1, gz2.sum(0)), (gs.T @ h2, gs.sum(0))]
        layers = [
            [P - lr * (G + 2 * ALPHA * P) for P, G in zip(layer, grad)]
            for layer, grad in zip(layers, grads)
        ]
    weights = [
        [*W[j], b[j]] for W, b in layers for j in range(len(b))
    ]  # neuron by neuron, as parameters() lists them
    return losses, [v for row in weights for v in row]


def test_a_held_step_trains_as_the_same_step_written_in_numpy():
    model, x, y = mlp_and_data(seed=7, n=30)
    tape = regularised_hinge(model, len(y))
    want_losses, want = numpy_by_hand(model, x, y, 0.05, steps=20)
    with tape.step(SGD(model.parameters(), 0.05)).holding() as train:
        for _ in range(20):
            losses = train(x[:, 0], x[:, 1], y)
    assert all(close(a, b) for a, b in zip(losses, want_losses))
    assert all(close(p.data, q, scale=10) for p, q in zip(model.parameters(), want))


def test_a_held_step_writes_no_line_per_parameter():
    model, x, y = mlp_and_data(seed=8, n=5)
    tape = regularised_hinge(model, len(y))
    with tape.step(SGD(model.parameters(), 0.1)).holding() as train:
        train(x[:, 0], x[:, 1], y)
        source = train.source
    assert "leaf" not in source and "._data" not in source  # 105 parameters, none one by one
    assert source.count("copyto(") == 6  # three layers' weights and biases, updated in place
    assert source.count("if not finite(") == 2  # the values once, the update once


def test_held_parameters_go_back_into_the_values_when_the_block_ends():
    model, x, y = mlp_and_data(seed=9, n=6)
    twin = MLP(2, [8, 8, 1], seed=9)
    tape, opt = regularised_hinge(model, len(y)), SGD(model.parameters(), 0.1)
    before = [p.data for p in model.parameters()]
    with tape.step(opt).holding() as train:
        for rate in (0.1, 0.3):  # the rate is read at each step
            opt.lr = rate
            train(x[:, 0], x[:, 1], y)
        assert [p.data for p in model.parameters()] == before  # held, not written yet
    twin_opt = SGD(twin.parameters(), 0.1)
    for rate in (0.1, 0.3):
        twin_opt.lr = rate
        twin.zero_grad()
        l2 = autograd.sum(p * p for p in twin.parameters())
        (hinge([twin(list(p)) for p in x], list(y)) + ALPHA * l2).backward()
        twin_opt.step()
    assert all(close(p.data, q.data) for p, q in zip(model.parameters(), twin.parameters()))


def test_a_held_step_given_numbers_stores_first_and_steps_on_floats():
    model, x, y = mlp_and_data(seed=10, n=4)
    tape = regularised_hinge(model, len(y))
    with tape.step(SGD(model.parameters(), 0.1)).holding() as train:
        train(x[:, 0], x[:, 1], y)
        train.store()
        held = [p.data for p in model.parameters()]
        train(0.5, -1.0, 1.0)  # floats: the generated step on floats, on the stored numbers
        after_floats = [p.data for p in model.parameters()]
    twin = MLP(2, [8, 8, 1], seed=10)
    for twin_p, p in zip(twin.parameters(), held):
        twin_p.data = p
    l2 = autograd.sum(p * p for p in twin.parameters())
    ((1 - twin([0.5, -1.0])).relu() / 4 + ALPHA / 4 * l2).backward()
    SGD(twin.parameters(), 0.1).step()
    assert [p.data for p in twin.parameters()] == after_floats  # the float step, bit for bit


def test_a_held_step_raises_the_engines_error_and_writes_nothing():
    model, x, _ = mlp_and_data(seed=11, n=4)
    tape = trace(lambda x1, x2: (model([x1, x2]) ** 2).exp(), 0.0, 0.0)
    with tape.step(SGD(model.parameters(), 0.001)).holding() as train:
        train(x[:, 0], x[:, 1])
        train.store()
        stored = [p.data for p in model.parameters()]
        with pytest.raises(OverflowError, match=r"^exp: result too large") as compiled:
            train(x[:, 0] * 1e6, x[:, 1] * 1e6)
        assert "(example " in str(compiled.value)  # which example, as the tape says
        assert [p.data for p in model.parameters()] == stored  # nothing written
        with pytest.raises(ValueError, match=r"^tape: argument 1 must be finite, got nan"):
            train(x[:, 0], np.full(len(x), np.nan))


def test_a_held_step_updates_a_parameter_outside_any_layer_one_by_one():
    w, b = Value(0.5, label="w"), Value(-0.25, label="b")
    tape = trace(lambda x, y: (w * x + b - y) ** 2, 0.0, 0.0)
    x, y = np.array([1.0, 2.0, -1.0]), np.array([0.5, 1.5, 0.0])
    with tape.step(SGD([w, b], 0.1)).holding() as train:
        train(x, y)
    # by hand: ∂/∂w Σ (wx + b − y)² = Σ 2(wx + b − y)x, ∂/∂b = Σ 2(wx + b − y)
    r = 0.5 * x - 0.25 - y
    assert close(w.data, 0.5 - 0.1 * (2 * r * x).sum())
    assert close(b.data, -0.25 - 0.1 * (2 * r).sum())


def test_a_held_step_follows_a_new_branch_as_the_tape_does():
    w = Value(1.0, label="w")
    tape = trace(lambda x: w * x if w > 0 else -w * x, 1.0)
    with tape.step(SGD([w], 1.0)).holding() as train:
        train(np.array([1.0, 1.0]))  # w = 1 − 2 = −1 (outside a layer: written at once)
        assert w.data == -1.0
        train(np.array([1.0, 1.0]))  # the other branch: traced, and stepped the general way
    assert w.data == 1.0  # −w·x: ∂/∂w = −Σx = −2, w = −1 + 2
