"""Chain-rule explanations agree with backward() and read like the hand calculation."""

import math

import pytest

from autograd import Value, topological_order
from autograd.explain import chain_sum, explain
from autograd.nn import MLP, half_mse
from autograd.numtext import number_text

PART_B = {
    "w1": 0.5, "w2": -0.25, "w3": 0.5, "w4": -0.25, "w5": 0.5, "w6": -0.25,
    "w7": 1.0, "w8": 0.0, "w9": -1.0, "b1": 0.1, "b2": 0.1, "b3": 0.1, "b4": 0.1,
}  # fmt: skip


def part_b_loss():
    net = MLP(2, [3, 1], activation="sigmoid")
    net.load_state_dict(PART_B)
    net.neurons[-1].labels = ("z", "a")
    loss = half_mse([net([1.0, 1.0])], [1.0])
    loss.backward()
    return net, loss


def test_the_issue_example_for_w1_in_part_b():
    _, loss = part_b_loss()
    assert explain(loss, "w1").text() == (
        "∂L/∂w1 = ∂L/∂a · ∂a/∂z · ∂z/∂a1 · ∂a1/∂z1 · ∂z1/∂w1"
        " = (−0.4750)(0.2494)(1)(0.2425)(1) = −0.02873"
    )


def test_factors_carry_their_formulas_and_values():
    net, loss = part_b_loss()
    (path,) = explain(loss, net.parameter("w7")).paths
    a1, a = 1 / (1 + math.exp(-0.35)), 1 / (1 + math.exp(-0.1))
    assert [f.name for f in path.factors] == ["∂L/∂a", "∂a/∂z", "∂z/∂w7"]
    assert [f.formula for f in path.factors] == [None, "a(1 − a)", "a1"]  # ∂L/∂a spans 4 ops
    expected = [-(1 - a), a * (1 - a), a1]
    assert [f.value for f in path.factors] == pytest.approx(expected, rel=1e-14)
    assert path.product == pytest.approx(net.parameter("w7").grad, rel=1e-14)


@pytest.mark.parametrize(
    "make, formula, value",
    [  # a node that reads x twice has one derivative per use, added: 3 + 3, 1 − 1, 1/3 − 1/3
        (lambda x: x * x, "x + x", "6"),
        (lambda x: x - x, "1 + −1", "0"),
        (lambda x: x / x, "1/x + −y/x", "0"),
        (lambda x: x**x, "x·x^(x − 1) + y·log(x)", f"{27 * (1 + math.log(3)):.4g}"),
    ],
)
def test_one_step_reading_an_input_twice_shows_each_use(make, formula, value):
    x = Value(3.0, label="x")
    y = make(x)
    y.label = "y"
    assert explain(y, x).text() == f"∂y/∂x = {formula} = {value}"


@pytest.mark.parametrize(
    "x, digits, text",
    [
        (-0.475, 4, "−0.4750"),  # the zeros that show the precision stay
        (1.0, 4, "1"),  # whole numbers plain
        (1234.5, 4, "1234"),  # no bare point: not "1234."
        (54.598, 1, "5e1"),  # nor "5.e1"
        (0.000559052, 3, "0.000559"),
        (6.664e295, 4, "6.664e295"),
    ],
)
def test_number_text(x, digits, text):
    assert number_text(x, digits) == text


def test_a_name_with_a_slash_is_bracketed_inside_a_derivative():
    x = Value(2.0, label="x")
    slope = x * x
    slope.label = "dy/dx"
    assert explain(slope, x).text() == "∂(dy/dx)/∂x = x + x = 4"


def test_repr_is_short_and_says_what_it_is():
    _, loss = part_b_loss()
    e = explain(loss, "w1")
    assert repr(e) == f"<Explanation ∂L/∂w1 = {e.total!r} over 1 path>"


def test_latex():
    _, loss = part_b_loss()
    tex = explain(loss, "w1").latex()
    assert tex.startswith(r"\frac{\partial L}{\partial w_{1}}")
    assert r"\frac{\partial a_{1}}{\partial z_{1}}" in tex and "= -0.02873" in tex


def test_every_node_of_a_graph_with_shared_nodes_sums_to_backward():
    x, y = Value(0.7, label="x"), Value(-1.3, label="y")
    u = x * y
    u.label = "u"
    v = (u + x).tanh()
    v.label = "v"
    w = v * u + x.exp() * v
    w.label = "w"
    w.backward()
    for node, label in ((x, "x"), (y, "y"), (u, "u"), (v, "v")):
        e = explain(w, label)
        assert e.total == pytest.approx(node.grad, rel=1e-14)
        assert sum(p.product for p in e.paths) == pytest.approx(node.grad, rel=1e-12)
    # through labelled nodes: w→x (by exp), w→u→x, w→v→x, w→v→u→x
    assert explain(w, "x").path_count == 4


def test_a_node_used_twice_is_one_factor_with_both_edges():
    a = Value(3.0, label="a")
    b = a * a
    b.label = "b"
    (path,) = explain(b, a).paths
    assert path.factors[0].formula == "a + a" and path.factors[0].value == 6.0


def test_exploding_path_count_is_counted_not_listed():
    x = Value(0.5, label="x")
    y = x
    for i in range(40):  # each step doubles the paths; the derivative stays 1
        a, b = y * 0.5, y * 0.5
        a.label, b.label = f"a{i}", f"b{i}"
        y = a + b
        y.label = f"y{i}"
    e = explain(y, x, max_paths=10)
    assert e.path_count == 2**40
    assert e.truncated and len(e.paths) == 10
    assert e.total == pytest.approx(1.0)
    assert "sum over 10 of 1099511627776 paths = 1" in e.text()


def test_unlabelled_stretches_fold_into_one_factor():
    x = Value(0.5, label="x")
    y = x
    for _ in range(40):
        y = y * 0.5 + y * 0.5
    y.label = "y"
    e = explain(y, x)
    assert e.path_count == 1 and len(e.paths) == 1 and not e.truncated  # 2**40 edge paths
    assert e.paths[0].factors[0].value == pytest.approx(1.0)


def test_chain_sum_with_some_factors_replaced():
    _, loss = part_b_loss()
    a1, a = 1 / (1 + math.exp(-0.35)), 1 / (1 + math.exp(-0.1))
    # ∂L/∂w1 with ∂L/∂a taken as the homework's −0.4751 and the rest exact
    value = chain_sum(
        loss, loss_node(loss, "w1"), lambda f: -0.4751 if f.name == "∂L/∂a" else f.value
    )
    assert value == pytest.approx(-0.4751 * a * (1 - a) * 1 * a1 * (1 - a1) * 1, rel=1e-12)


def loss_node(loss, label):
    return next(n for n in topological_order(loss) if n.label == label)


def test_identity_and_bad_max_paths():
    x = Value(1.0, label="x")
    assert explain(x, x).text() == "∂x/∂x = 1"
    for bad in (0, -1, None, 2.5, True):
        with pytest.raises(ValueError, match="max_paths"):
            explain(x * 2, x, max_paths=bad)


def test_errors():
    x = Value(1.0, label="x")
    y = x * 2
    with pytest.raises(ValueError, match="no node labelled 'q'"):
        explain(y, "q")
    with pytest.raises(ValueError, match="is not in the graph"):
        explain(y, Value(2.0, label="other"))
    with pytest.raises(TypeError, match=r"explain: expected a Value to explain, got float 3\.0"):
        explain(3.0, "x")  # was "'float' object has no attribute '_parents'"
