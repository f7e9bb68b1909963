"""autograd.testing: gradcheck and gradgradcheck catch wrong derivatives and say where; the
strategies draw what they promise; our own drawn expressions pass both checks."""

import dataclasses
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import autograd
import autograd.testing
from autograd import Value, ops, topological_order
from autograd.testing import (
    OPERATIONS,
    GradcheckError,
    expressions,
    gradcheck,
    gradgradcheck,
    values,
)


def broken(monkeypatch, name: str, local_grads) -> None:
    """Replace the derivative of one row of the table wherever the engine reads it."""
    row = dataclasses.replace(ops.OPS[name], local_grads=local_grads)
    monkeypatch.setattr(ops, name.upper(), row)
    monkeypatch.setitem(ops.OPS, name, row)


def on_either(float_fn, method: str):
    """A local derivative that works on floats and Values, as the rows' do."""
    return lambda x: float_fn(x) if type(x) is float else getattr(x, method)()


def reported(message: str, field: str) -> float:
    return float(re.search(rf"{field}:\s+(\S+)", message).group(1))


# ---- gradcheck ----------------------------------------------------------------------------


def test_gradcheck_accepts_correct_derivatives_of_numbers_and_values():
    assert gradcheck(lambda x, y: x * y.sin() + (x / y).exp(), 1.5, -0.7)
    assert gradcheck(lambda x: x.sigmoid().log(), Value(0.3, label="x"))
    assert gradcheck(lambda x, n: x**3 + n, 2, 7)  # ints are numbers too
    assert gradcheck(lambda x: Value(5.0), 1.0)  # a constant: both derivatives are 0


def test_a_wrong_derivative_names_the_input_and_gives_both_numbers(monkeypatch):
    sin_prime = on_either(math.cos, "cos")
    broken(monkeypatch, "sin", lambda out, x: (2.0 * sin_prime(x),))
    with pytest.raises(GradcheckError) as failure:
        gradcheck(lambda x, y: x + y.sin(), 1.0, 0.5)
    message = str(failure.value)
    assert "∂f/∂y" in message and "y = 0.5" in message and "input 1" in message
    assert math.isclose(reported(message, "analytical"), 2 * math.cos(0.5), rel_tol=1e-12)
    assert math.isclose(reported(message, "numerical"), math.cos(0.5), rel_tol=1e-8)


@pytest.mark.parametrize(
    "cut",
    [
        lambda x: x * float(x.data),  # one path to x is lost (float() forgets where it came from)
        lambda x: Value(float(x.data) ** 2),  # every path is lost
    ],
)
def test_a_function_that_cuts_the_graph_fails(cut):
    with pytest.raises(GradcheckError, match=r"∂f/∂x is wrong at x = 1\.5"):
        gradcheck(cut, 1.5)


@pytest.mark.parametrize("cut", [lambda x: x * x.data, lambda x: Value(x.data**2)])
def test_a_number_read_from_data_is_refused_as_grad_refuses_it(cut):
    with pytest.raises(TypeError, match=r"^grad: f computed with a number read from \.data"):
        gradcheck(cut, 1.5)


@pytest.mark.parametrize("cut", [lambda x: x.sin().data, lambda x: 5.0])
def test_a_function_returning_a_plain_number_is_refused_as_grad_refuses_it(cut):
    with pytest.raises(TypeError, match=r"grad: f returned the plain number .* graph was cut"):
        gradcheck(cut, 1.5)


def test_step_and_tolerances_can_be_overridden(monkeypatch):
    # exp' 0.5% off: caught with the default rtol and any step, let through by a looser rtol.
    exp_prime = on_either(math.exp, "exp")
    broken(monkeypatch, "exp", lambda out, x: (1.005 * exp_prime(x),))
    with pytest.raises(GradcheckError):
        gradcheck(lambda x: x.exp(), 1.0)
    with pytest.raises(GradcheckError, match=r"(?s)\(step 0\.1\),.*eps = 0\.1\)"):
        gradcheck(lambda x: x.exp(), 1.0, eps=0.1)
    assert gradcheck(lambda x: x.exp(), 1.0, rtol=1e-2)
    # sin' off by 1e-4 where cos is 0: only atol can let it through.
    sin_prime = on_either(math.cos, "cos")
    broken(monkeypatch, "sin", lambda out, x: (sin_prime(x) + 1e-4,))
    with pytest.raises(GradcheckError):
        gradcheck(lambda x: x.sin(), math.pi / 2)
    assert gradcheck(lambda x: x.sin(), math.pi / 2, atol=1e-3)


def test_a_derivative_smaller_than_atol_is_only_checked_with_atol_zero():
    def flat_tanh(x):  # notebook 04's bug: no graph where |x| > 3
        return Value(math.tanh(x.data)) if abs(x.data) > 3 else x.tanh()

    assert gradcheck(flat_tanh, 7.0)  # the true slope, 3.3e-6, is within atol = 1e-5 of 0
    with pytest.raises(GradcheckError, match=r"is wrong at x = 7\.0"):
        gradcheck(flat_tanh, 7.0, atol=0)


# Points where the step h = eps·max(1, |x|) is too coarse for f: 0.1 at 1e5, 10% of x at 1e-5.
SHARP = [
    ("sin", lambda x: x.sin(), 1e5),
    ("div", lambda x: 1 / x, 1e-5),
    ("power", lambda x: x**0.5, 1e-5),
    ("log", lambda x: x.log(), 3e-6),
]


@pytest.mark.parametrize(("row", "f", "x"), SHARP)
def test_where_the_step_is_too_coarse_a_finer_one_decides(monkeypatch, row, f, x):
    assert gradcheck(f, x)
    with monkeypatch.context() as only_h:  # h alone would have blamed the engine
        only_h.setattr(autograd.testing, "FINER", 1)
        with pytest.raises(GradcheckError):
            gradcheck(f, x)
    if row in ops.OPS:  # and a derivative 10% off is still caught there
        broken(monkeypatch, row, ten_percent_off(ops.OPS[row]).local_grads)
    else:
        make = getattr(ops, row)
        monkeypatch.setattr(ops, row, lambda c: ten_percent_off(make(c)))
    with pytest.raises(GradcheckError, match="is wrong"):
        gradcheck(f, x)


def test_a_kink_at_the_point_is_named_not_blamed_on_the_engine():
    with pytest.raises(GradcheckError) as failure:
        gradcheck(lambda x: x.relu(), 0.0)
    message = str(failure.value)
    assert "f has a kink or a jump within ±1e-06" in message and "is wrong" not in message
    assert reported(message, "from the left") == 0.0 and reported(message, "from the right") == 1.0
    assert gradcheck(lambda x: x.relu(), 1e-7)  # a kink within ±h, but not within ±h/1000
    with pytest.raises(GradcheckError, match=r"∂f/∂x has a kink"):  # x·relu(x): f' = 2·relu(x)
        gradgradcheck(lambda x: x * x.relu(), 0.0)


@pytest.mark.parametrize("check", [gradcheck, gradgradcheck])
def test_inputs_and_failures_the_torch_way(check):
    assert check(lambda x, y: x * y.sin(), (1.0, 2.0)) and check(lambda x, y: x * y, [1.0, 2.0])
    cut = lambda x: x * float(x.data) * float(x.data)  # noqa: E731
    assert check(cut, 1.5, raise_exception=False) is False
    with pytest.raises(ValueError):  # not a failed check: an input it cannot use
        check(cut, math.nan, raise_exception=False)


def test_gradcheck_works_without_hypothesis_and_the_strategies_say_what_to_install():
    code = """if True:
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        from autograd.testing import expressions, gradcheck, gradgradcheck, values
        assert gradcheck(lambda x: x.sin(), 1.0) and gradgradcheck(lambda x: x.sin(), 1.0)
        for strategy in (values, expressions):
            try:
                strategy()
            except ImportError as error:
                print(error)
        """
    env = {**os.environ, "PYTHONPATH": str(Path(autograd.__file__).parents[1])}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("pip install 'chainrule-autograd[testing]'") == 2


@pytest.mark.parametrize(
    ("inputs", "error", "text"),
    [
        ((), TypeError, "at least one input"),
        ((float("nan"),), ValueError, "finite"),
        (("1.0",), TypeError, "real number"),
    ],
)
def test_bad_inputs_are_refused(inputs, error, text):
    with pytest.raises(error, match=text):
        gradcheck(lambda *xs: xs[0], *inputs)


@pytest.mark.parametrize("check", [gradcheck, gradgradcheck])
@pytest.mark.parametrize("eps", [0.0, -1e-6, float("nan")])
def test_a_step_that_is_not_positive_is_refused(check, eps):
    with pytest.raises(ValueError, match=f"{check.__name__}: the step eps must be a positive"):
        check(lambda x: x * x, 1.0, eps=eps)


@pytest.mark.parametrize("check", [gradcheck, gradgradcheck])
@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"eps": "a"}, TypeError, "eps: expected a real number, got str 'a'"),
        ({"atol": [1e-5]}, TypeError, "atol: expected a real number, got list"),
        ({"rtol": None}, TypeError, "rtol: expected a real number, got NoneType"),
    ],
)
def test_options_of_the_wrong_type_are_named(check, options, error, words):
    with pytest.raises(error, match=f"{check.__name__}: {re.escape(words)}"):
        check(lambda x: x * x, 1.0, **options)


@pytest.mark.parametrize("check", [gradcheck, gradgradcheck])
@pytest.mark.parametrize(
    ("f", "error", "words"),
    [
        (lambda x: float("nan"), ValueError, "f returned nan at (1.0)"),
        (lambda x: float("inf"), ValueError, "f returned inf at (1.0)"),
        (lambda x: "x", TypeError, "f returned 'x' at (1.0)"),
    ],
)
def test_a_function_that_returns_no_finite_number_is_named_not_called_a_kink(
    check, f, error, words
):
    with pytest.raises(error, match=re.escape(f"{check.__name__}: {words}")):
        check(f, 1.0)


def test_a_point_too_near_the_edge_of_the_domain_is_named():
    with pytest.raises(ValueError, match=r"within eps = 1e-06 of x = 5e-07.*sqrt"):
        gradcheck(lambda x: x.sqrt(), 5e-7)


def test_gradgradcheck_catches_a_derivative_that_is_right_but_not_differentiable(monkeypatch):
    # cos(x.data): the right number, but a constant to the differentiable backward pass.
    broken(monkeypatch, "sin", lambda out, x: (math.cos(x if type(x) is float else x.data),))
    assert gradcheck(lambda x: x.sin(), 0.8)
    with pytest.raises(GradcheckError) as failure:
        gradgradcheck(lambda x: x.sin(), 0.8)
    message = str(failure.value)
    assert "∂²f/∂x∂x is wrong at x = 0.8" in message
    assert reported(message, "analytical") == 0.0
    assert math.isclose(reported(message, "numerical"), -math.sin(0.8), rel_tol=1e-6)


def test_gradgradcheck_checks_mixed_derivatives():
    assert gradgradcheck(lambda x, y: x * x * y + (x * y).sin(), 0.4, -1.2)


# ---- strategies ---------------------------------------------------------------------------


@given(values(-2.0, 5.0), values())
def test_values_are_finite_leaves_within_bounds(bounded, anything):
    assert bounded.is_leaf and -2.0 <= bounded.data <= 5.0
    assert math.isfinite(anything.data)


def expression_kind(row_name: str) -> str:
    """The name in OPERATIONS of a node's row: ``pow2`` is a ``power``, ``2pow`` an ``exp_base``,
    ``softmax1`` a ``softmax``."""
    if row_name in ops.OPS:
        return row_name
    if row_name.startswith("softmax"):
        return "softmax"
    return "power" if row_name.startswith("pow") else "exp_base"


def height(node: Value) -> int:
    heights = {}
    for n in topological_order(node):
        heights[n] = 1 + max((heights[p] for p in n.parents), default=-1)
    return heights[node]


def test_expressions_can_draw_every_row_of_the_table():
    # but stop_gradient, whose derivative is 0 by declaration (finite differences see 1)
    assert set(ops.OPS) - {"stop_gradient"} <= set(OPERATIONS)
    assert "stop_gradient" not in OPERATIONS


@given(
    st.data(),
    st.lists(st.sampled_from(sorted(OPERATIONS)), min_size=1, unique=True),
    st.integers(1, 4),
    st.integers(1, 3),
)
def test_expressions_draw_what_was_asked_away_from_kinks(data, chosen, depth, n):
    e = data.draw(expressions(chosen, max_depth=depth, n_inputs=n, min_value=-2, max_value=2))
    assert len(e.point) == n and all(-2 <= x <= 2 for x in e.point)
    out = e(*e.point)
    assert height(out) <= depth
    for node in topological_order(out):
        assert abs(node.data) <= 1000
        if node.is_leaf:
            continue
        kind = expression_kind(node.op.name)
        assert kind in chosen
        a = node.parents[0].data
        if kind in ("relu", "abs"):
            assert abs(a) >= 0.05
        if kind in ("log", "sqrt", "pow"):
            assert a >= 0.05
        if kind == "div":
            assert abs(node.parents[1].data) >= 0.05


@given(expressions())
def test_the_formula_is_python_that_builds_the_same_expression(e):
    xs = {f"x{i}": Value(x) for i, x in enumerate(e.point)}
    rebuilt = eval(e.formula, {"autograd": autograd}, xs)
    assert rebuilt.data == e(*e.point).data
    assert repr(e).endswith(", ".join(f"x{i} = {x!r}" for i, x in enumerate(e.point)))


def test_expressions_share_subexpressions():
    def shares(e):
        uses = {}
        for node in topological_order(e(*e.point)):
            for parent in node.parents:
                uses[parent] = uses.get(parent, 0) + 1
        return any(count > 1 and not node.is_leaf for node, count in uses.items())

    def tree_size(term):  # operations counted once per appearance in the formula
        return (term.op != "x") + sum(tree_size(a) for a in term.args)

    # derandomized: a random search missed a shared node in about 1 run in 70 (NoSuchExample)
    same_every_run = settings(database=None, derandomize=True)
    found = find(expressions(["add", "mul", "sin"]), shares, settings=same_every_run)
    graph = [n for n in topological_order(found(*found.point)) if not n.is_leaf]
    assert len(graph) < tree_size(found.root)  # a shared node is built once, written twice


def test_an_expression_wants_one_input_per_variable():
    e = find(expressions(n_inputs=2), lambda e: True)
    with pytest.raises(TypeError, match="expected 2 inputs, got 1"):
        e(1.0)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"ops": ["sine"]}, "unknown operations"),
        ({"ops": []}, "unknown operations"),
        ({"max_depth": 0}, "at least 1"),
        ({"min_value": 1.0, "max_value": -1.0}, "empty range"),
    ],
)
def test_expressions_refuse_bad_arguments(kwargs, text):
    with pytest.raises(ValueError, match=text):
        expressions(**kwargs)


# ---- our own suite, and what it catches ---------------------------------------------------


def derivatives_agree(e):
    assert gradcheck(e, *e.point)


def second_derivatives_agree(e):
    assert gradgradcheck(e, *e.point)


test_drawn_expressions_pass_gradcheck = given(expressions(max_depth=4, n_inputs=3))(
    derivatives_agree
)
test_drawn_expressions_pass_gradgradcheck = given(expressions(n_inputs=2))(second_derivatives_agree)


def shrunk_failure(ops_drawn, check=derivatives_agree):
    """Run a property over drawn expressions; return the shrunk failing one, or None."""
    drawn = []

    # 400: every operation of OPERATIONS (softmax and logsumexp too) is drawn among the others
    @settings(database=None, derandomize=True, max_examples=400)
    @given(expressions(ops_drawn, max_depth=4, n_inputs=3))
    def suite(e):
        drawn.append(e)
        check(e)

    try:
        suite()
    except GradcheckError:
        return drawn[-1]  # hypothesis replays the shrunk example last
    return None


def test_the_property_suite_catches_a_broken_derivative(monkeypatch):
    # A plausible slip: cos's derivative written as sin instead of −sin.
    broken(monkeypatch, "cos", lambda out, x: (on_either(math.sin, "sin")(x),))
    # shrunk to cos of one input (which one depends on the order the shrinker tries things)
    assert re.fullmatch(r"x\d\.cos\(\)", shrunk_failure(None).formula)


def ten_percent_off(row):
    return dataclasses.replace(
        row, local_grads=lambda out, *xs: [1.1 * d for d in row.local_grads(out, *xs)]
    )


@pytest.mark.heavy  # mutation runs: make test-heavy
@pytest.mark.parametrize("name", sorted(OPERATIONS))  # every row expressions() draws
def test_every_row_with_a_derivative_ten_percent_off_is_caught(monkeypatch, name):
    if name in ops.OPS:
        broken(monkeypatch, name, ten_percent_off(ops.OPS[name]).local_grads)
    else:  # one row per constant, made when an expression asks for it
        make = getattr(ops, name)
        monkeypatch.setattr(ops, name, lambda c: ten_percent_off(make(c)))
    culprit = shrunk_failure([name, "mul", "sin"])
    assert culprit is not None and name in {expression_kind(n) for n in row_names(culprit)}


def detached(row):
    """The same numbers, computed from ``.data``: constants to a differentiable backward pass."""

    def data(v):  # float(): a plain number, which grad does not follow (a Read it would)
        return float(v.data) if isinstance(v, Value) else v

    return dataclasses.replace(
        row, local_grads=lambda out, *xs: row.local_grads(data(out), *map(data, xs))
    )


# Constant derivatives: nothing to lose.
LINEAR = {"add", "sub", "neg", "clone", "sum", "relu", "abs"}


@pytest.mark.heavy  # mutation runs: make test-heavy
@pytest.mark.parametrize("name", sorted(OPERATIONS))  # every row expressions() draws
def test_every_row_whose_derivative_is_detached_is_caught_by_second_derivatives(monkeypatch, name):
    if name in ops.OPS:
        broken(monkeypatch, name, detached(ops.OPS[name]).local_grads)
    else:
        make = getattr(ops, name)
        monkeypatch.setattr(ops, name, lambda c: detached(make(c)))
    assert shrunk_failure([name, "mul", "sin"], check=derivatives_agree) is None
    culprit = shrunk_failure([name, "mul", "sin"], check=second_derivatives_agree)
    if name in LINEAR:
        assert culprit is None
    else:
        assert culprit is not None and name in {expression_kind(n) for n in row_names(culprit)}


def row_names(e):
    return [n.op.name for n in topological_order(e(*e.point)) if not n.is_leaf]


def test_the_readme_example_runs():
    readme = Path(__file__).parents[1].joinpath("README.md").read_text()
    section = readme.split("## Testing derivatives with hypothesis")[1].split("\n## ")[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace = {}
    exec(code, namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_")]
    assert tests
    for test in tests:
        test()


def test_large_inputs_use_a_relative_step():
    # at x = 1e10 an absolute step of 1e-6 is below one unit in the last place
    assert gradcheck(lambda x: 2 * x, 1e10)
    assert gradcheck(lambda t: t * t, 1.7e7)


@pytest.mark.parametrize("options", [{"rtol": float("nan")}, {"atol": -1.0}])
def test_tolerances_are_checked(options):
    with pytest.raises(ValueError, match="tol must be a finite number"):
        gradcheck(lambda x: x, 1.0, **options)


def test_expressions_wants_a_list_of_names():
    with pytest.raises(TypeError, match=r"\['mul'\]"):
        expressions("mul")
