"""Pictures of the chain rule: rendered with the real `dot`, read back as SVG, and compared
with numbers worked out here by hand with `math` (never read from the engine)."""

from __future__ import annotations

import html
import itertools
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import autograd
from autograd import Value
from autograd.drawing import DotNotFound, GraphTooLarge, Picture, mimebundle
from autograd.nn import MLP
from autograd.numtext import number_text

SVG = "{http://www.w3.org/2000/svg}"
RED = "#d62728"


def shown(x: float) -> str:
    """A number as the pictures print it by default: 4 significant digits, a real minus."""
    return number_text(x, 4)


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def homework(x: tuple[float, float], w: list[float], b: list[float]) -> Value:
    """The homework net by hand: 2 inputs, 3 sigmoid hidden units, 1 sigmoid output,
    L = ½(y − a)² with y = 1. Every node carries the label the homework gives it."""
    x1, x2 = Value(x[0], "x1"), Value(x[1], "x2")
    ws = [Value(v, f"w{i + 1}") for i, v in enumerate(w)]
    bs = [Value(v, f"b{i + 1}") for i, v in enumerate(b)]
    hidden = []
    for i in range(3):
        z = autograd.dot(ws[2 * i : 2 * i + 2], [x1, x2], bs[i])
        z.label = f"z{i + 1}"
        a = z.sigmoid()
        a.label = f"a{i + 1}"
        hidden.append(a)
    z = autograd.dot(ws[6:], hidden, bs[3])
    z.label = "z"
    a = z.sigmoid()
    a.label = "a"
    loss = 0.5 * (Value(1.0, "y") - a) ** 2
    loss.label = "L"
    loss.backward()
    return loss


def part_a() -> Value:
    return homework((0.0, 1.0), [1.0] * 9, [1.0] * 4)


def part_b() -> Value:
    return homework((1.0, 1.0), [0.5, -0.25, 0.5, -0.25, 0.5, -0.25, 1.0, 0.0, -1.0], [0.1] * 4)


GROUPS = {
    "hidden layer": {
        f"neuron {i}": [f"w{2 * i - 1}", f"w{2 * i}", f"b{i}", f"z{i}", f"a{i}"] for i in (1, 2, 3)
    },
    "output layer": {"neuron 4": ["w7", "w8", "w9", "b4", "z", "a"]},
}

# Part a by hand: every hidden z_i = 1·0 + 1·1 + 1 = 2, a_i = σ(2); z = 3σ(2) + 1.
A_HIDDEN = sigmoid(2.0)
A_OUT = sigmoid(3.0 * A_HIDDEN + 1.0)
DL_DA = -(1.0 - A_OUT)  # L = ½(1 − a)²
DA_DZ = A_OUT * (1.0 - A_OUT)
DAI_DZI = A_HIDDEN * (1.0 - A_HIDDEN)


class Svg:
    """The nodes and edges of a rendered picture, by their texts."""

    def __init__(self, picture: Picture) -> None:
        root = ET.fromstring(picture.pipe(format="svg"))
        self.texts: dict[str, list[str]] = {}
        self.edges: list[tuple[str, str, list[str], str]] = []
        self.clusters: dict[str, tuple[float, float, float, float]] = {}
        self.centres: dict[str, tuple[float, float]] = {}
        self.paths: dict[tuple[str, str], list[tuple[float, float]]] = {}  # points on edges
        self.spans: dict[str, tuple[float, float]] = {}  # a node's left and right
        marks: dict[str, list[str]] = {}  # an edge's label: a node the edge runs through
        for group in root.iter(f"{SVG}g"):
            kind, title = group.get("class"), group.findtext(f"{SVG}title")
            texts = [t.text or "" for t in group.iter(f"{SVG}text")]
            if kind == "node" and (group.get("id") or "").endswith("-label"):
                marks[title] = texts
            elif kind == "node":
                self.texts[title] = texts
                xs = [float(t.get("x")) for t in group.iter(f"{SVG}text")]
                ys = [float(t.get("y")) for t in group.iter(f"{SVG}text")]
                self.centres[title] = (sum(xs) / len(xs), sum(ys) / len(ys))
                outline = " ".join(p.get("points") for p in group.iter(f"{SVG}polygon"))
                xs = [float(n) for n in re.findall(r"-?[\d.]+", outline)[0::2]] or xs
                self.spans[title] = (min(xs), max(xs))
            elif kind == "edge":
                tail, head = title.split("->")
                path = group.find(f"{SVG}path")
                self.edges.append((tail, head, texts, path.get("stroke")))
                self.paths[tail, head] = self.paths.get((tail, head), []) + _curve(path.get("d"))
            elif kind == "cluster":
                # a dashed layer is a polygon, a rounded neuron a path: read both the same way
                outline = next(e for e in group if e.tag in (f"{SVG}polygon", f"{SVG}path"))
                coordinates = outline.get("points") or outline.get("d")
                numbers = [float(n) for n in re.findall(r"-?[\d.]+", coordinates)]
                xs, ys = numbers[0::2], numbers[1::2]
                self.clusters[group.findtext(f"{SVG}text")] = (min(xs), max(xs), min(ys), max(ys))
        for mark, texts in marks.items():  # tail → label → head: one edge, labelled
            ((tail, _, _, _),) = [e for e in self.edges if e[1] == mark]
            ((_, head, _, colour),) = [e for e in self.edges if e[0] == mark]
            self.edges = [e for e in self.edges if mark not in e[:2]]
            self.edges.append((tail, head, texts, colour))
            self.paths[tail, head] = (
                self.paths.get((tail, head), [])
                + self.paths.pop((tail, mark))
                + self.paths.pop((mark, head))
            )

    def node(self, name: str) -> str:
        """The id of the one node whose first text is ``name``."""
        found = [title for title, texts in self.texts.items() if texts and texts[0] == name]
        assert len(found) == 1, (name, found)
        return found[0]

    def value_of(self, node_id: str) -> str:
        """The value an id stands for: an operation's node is named by the value it makes."""
        if node_id.startswith("o"):
            node_id = "v" + node_id[1:]
        return self.texts[node_id][0]

    def edge_labels(self) -> set[str]:
        return {" ".join(texts) for _, _, texts, _ in self.edges if texts}


def _curve(d: str) -> list[tuple[float, float]]:
    """Points along an SVG path of cubic Béziers (``M x,y C x,y x,y x,y …``, as dot draws
    edges), 20 per segment."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", d)]
    points = list(zip(numbers[0::2], numbers[1::2]))
    found = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for step in range(21):
            t = step / 20
            found.append(
                tuple(
                    (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * e
                    for a, b, c, e in zip(p0, p1, p2, p3)
                )
            )
    return found


# ---- what the picture shows ---------------------------------------------------------------


def test_boxes_show_data_and_grad_worked_by_hand() -> None:
    svg = Svg(autograd.draw(part_a()))
    dl_dz = DL_DA * DA_DZ
    expected = {
        "L": (0.5 * (1.0 - A_OUT) ** 2, 1.0),
        "a": (A_OUT, DL_DA),
        "z": (3.0 * A_HIDDEN + 1.0, dl_dz),
        "w7": (1.0, dl_dz * A_HIDDEN),  # ∂z/∂w7 = a1
        "a1": (A_HIDDEN, dl_dz * 1.0),  # ∂z/∂a1 = w7 = 1
        "z1": (2.0, dl_dz * DAI_DZI),
        "w1": (1.0, 0.0),  # ∂z1/∂w1 = x1 = 0
        "w2": (1.0, dl_dz * DAI_DZI * 1.0),  # ∂z1/∂w2 = x2 = 1
        "x2": (1.0, 3 * dl_dz * DAI_DZI),  # x2 feeds all three hidden units
    }
    for name, (data, grad) in expected.items():
        assert svg.texts[svg.node(name)] == [name, f"data {shown(data)}", f"grad {shown(grad)}"]


def test_edges_carry_the_local_derivatives_worked_by_hand() -> None:
    labels = Svg(autograd.draw(part_a())).edge_labels()
    for text in [
        f"∂z/∂w7 = a1 = {shown(A_HIDDEN)}",
        "∂z/∂a1 = w7 = 1",
        "∂z/∂b4 = 1",
        "∂z1/∂w1 = x1 = 0",
        f"∂a1/∂z1 = a1(1 − a1) = {shown(DAI_DZI)}",
        f"∂a/∂z = a(1 − a) = {shown(DA_DZ)}",
        "∂(y − a)/∂a = −1",
        f"∂(y − a)^2/∂(y − a) = 2·(y − a) = {shown(2 * (1.0 - A_OUT))}",
        "∂L/∂(y − a)^2 = 0.5",
    ]:
        assert text in labels


def test_a_times_a_is_two_edges() -> None:
    a = Value(3.0, label="a")
    b = a * a
    b.label = "b"
    svg = Svg(autograd.draw(b))
    into_product = [e for e in svg.edges if e[0] == svg.node("a")]
    assert len(into_product) == 2
    assert all(texts == ["∂b/∂a = a = 3"] for _, _, texts, _ in into_product)


def test_constants_are_drawn_plain() -> None:
    x = Value(2.0, label="x")
    y = x + 1
    y.label = "y"
    svg = Svg(autograd.draw(y))
    assert svg.texts[svg.node("1")] == ["1"]  # no data/grad rows
    assert svg.edge_labels() == {"∂y/∂x = 1"}  # and no derivative with respect to it
    alone = Svg(autograd.draw(Value(2.5)))  # unless it is the whole picture
    assert list(alone.texts.values()) == [["2.5", "data 2.500", "grad 0"]]


@pytest.mark.parametrize(
    "a, b, boxes, edges",
    [  # c = a·b, nothing labelled (micrograd's way): ∂c/∂a = b, ∂c/∂b = a
        (
            2.0,
            -3.0,
            {"2": "grad −3", "−3": "grad 2"},
            {"∂(2 × (−3))/∂2 = (−3)", "∂(2 × (−3))/∂(−3) = 2"},
        ),
        (  # equal leaves told apart by primes, in the order × reads them
            2.0,
            2.0,
            {"2": "grad 2", "2′": "grad 2"},
            {"∂(2 × 2′)/∂2 = 2′ = 2", "∂(2 × 2′)/∂2′ = 2"},
        ),
    ],
)
def test_where_no_leaf_is_named_every_leaf_is_a_box_with_its_grad(a, b, boxes, edges) -> None:
    c = Value(a) * Value(b)
    c.backward()
    svg = Svg(autograd.draw(c))
    for name, grad in boxes.items():
        assert svg.texts[svg.node(name)][0] == name and svg.texts[svg.node(name)][2] == grad
    assert svg.edge_labels() == edges


def _micrograd_chain(steps: int) -> Value:
    z = Value(1.0)
    for _ in range(steps):
        z = z * 0.999 + 0.001  # nothing labelled, every 0.999 a leaf of its own
    return z


def test_many_equal_leaves_get_short_distinct_names_in_reading_order() -> None:
    source = autograd.draw(_micrograd_chain(12)).source
    marks = ["", "′", "″", "‴", "₍₅₎", "₍₆₎", "₍₇₎", "₍₈₎", "₍₉₎", "₍₁₀₎", "₍₁₁₎", "₍₁₂₎"]
    for mark in marks:  # the k-th 0.999 the graph reads is marked k
        assert f"<b>0.999{mark}</b>" in source
    assert "<b>0.999₍₁₃₎</b>" not in source and "0.999′′" not in source


def test_dot_text_grows_linearly_with_the_graph() -> None:
    # equal leaves were once told apart by ever longer runs of primes: quadratic text
    small, large = (len(autograd.draw(_micrograd_chain(n)).source) for n in (250, 1000))
    assert large < 4.2 * small


def test_the_caption_names_nodes_as_the_picture_does() -> None:
    # nothing labelled: the picture names tanh's node t1 (its expression is long) and the
    # leaf 2; ∂t1/∂2 = (1 − tanh²(−5))·(−3), worked out here
    a, b = Value(2.0), Value(-3.0)
    c = (a * b + 1).tanh()
    c.backward()
    caption = _caption(autograd.draw(c, highlight=a))
    expected = (1 - math.tanh(-5.0) ** 2) * -3.0
    assert caption.startswith("∂t1/∂2: one red path from t1 to 2;")
    assert f"∂t1/∂2 = {shown(expected)} (label nodes between" in caption


def test_highlight_marks_every_edge_of_the_path_and_its_product() -> None:
    svg = Svg(autograd.draw(part_a(), highlight="w1"))
    red = {(svg.value_of(t), svg.value_of(h)) for t, h, _, c in svg.edges if c == RED}
    path = ["w1", "z1", "a1", "z", "a", "y − a", "(y − a)^2", "L"]
    into_ops = set(itertools.pairwise(path))
    out_of_ops = {(name, name) for name in path[1:]}
    assert red == into_ops | out_of_ops
    caption = _caption(autograd.draw(part_a(), highlight="w1"))
    factors = (DL_DA, DA_DZ, 1.0, DAI_DZI, 0.0)  # ∂z1/∂w1 = x1 = 0 kills the whole product
    assert caption == (
        "∂L/∂w1: one red path from L to w1; multiply its local derivatives\\l"
        "∂L/∂w1 = ∂L/∂a · ∂a/∂z · ∂z/∂a1 · ∂a1/∂z1 · ∂z1/∂w1 = "
        + "".join(f"({shown(f)})" for f in factors)
        + " = 0\\l"
    )


def test_highlight_sums_the_products_over_several_paths() -> None:
    # x2 reaches L through each hidden unit: 3 equal products.
    one_path = DL_DA * DA_DZ * 1.0 * DAI_DZI * 1.0
    caption = _caption(autograd.draw(part_a(), highlight="x2"))
    assert caption.startswith("∂L/∂x2: 3 red paths from L to x2; multiply along each, then add")
    assert [f"path {i}:" in caption for i in (1, 2, 3, 4)] == [True, True, True, False]
    assert caption.count(f"= {shown(one_path)}\\l") == 3
    assert f"∂L/∂x2 = sum over all paths = {shown(3 * one_path)}" in caption


def test_caption_counts_edge_paths_and_says_when_labelled_paths_differ() -> None:
    # y = x·x + x: three edges from x are red (two uses in x·x, one in +); through the
    # labelled nodes x, s, y there are two paths, the first 1, the second 3 + 3 = 6
    x = Value(3.0, label="x")
    s = x * x
    s.label = "s"
    y = s + x
    y.label = "y"
    caption = _caption(autograd.draw(y, highlight=x))
    assert caption.startswith("∂y/∂x: 3 red paths from y to x, 2 through labelled nodes;")
    assert "path 1: ∂y/∂x = 1\\l" in caption and "(1)(6) = 6" in caption


def test_highlight_part_b_w1_matches_the_homework() -> None:
    # Part b by hand: z1 = 0.5 − 0.25 + 0.1 = 0.35; z = 1·a1 + 0·a2 − 1·a3 + 0.1 = 0.1.
    a1, a = sigmoid(0.35), sigmoid(0.1)
    expected = -(1.0 - a) * a * (1.0 - a) * 1.0 * a1 * (1.0 - a1) * 1.0
    caption = _caption(autograd.draw(part_b(), highlight="w1"))
    assert caption.endswith(f" = {shown(expected)}\\l")
    # The homework multiplied rounded factors: −0.4751 × 0.249 × 1 × 0.2425 × 1.
    assert math.isclose(expected, -0.4751 * 0.249 * 0.2425, abs_tol=1e-4)


def test_highlight_a_value_object_and_a_long_path() -> None:
    x = Value(1.0, label="x")
    y = x
    for _ in range(3000):  # a path far deeper than Python's recursion limit
        y = y * 1.0
    y.label = "y"
    caption = _caption(autograd.draw(y, highlight=x))
    # the unlabelled nodes fold into one factor, ∂y/∂x
    assert caption.endswith("∂y/∂x = 1 (label nodes between to see the factors)\\l")


def _caption(picture: Picture) -> str:
    return picture.source.rsplit('label="', 1)[1].split('" labeljust')[0]


# ---- options ---------------------------------------------------------------------------


def test_options_hide_grads_and_derivatives_and_format_numbers() -> None:
    loss = part_a()
    plain = autograd.draw(loss, grads=False, derivatives=False, digits=2, rankdir="TB")
    svg = Svg(plain)
    assert svg.texts[svg.node("a1")] == ["a1", "data 0.88"]
    assert svg.edge_labels() == set()
    assert "rankdir=TB" in plain.source


def test_groups_draw_a_network_as_a_textbook_does() -> None:
    svg = Svg(autograd.draw(part_a(), groups=GROUPS))
    left_of = {}
    for layer, neurons in GROUPS.items():
        left_of[layer] = svg.clusters[layer][0]
        for neuron, labels in neurons.items():
            for label in labels:
                x, y = svg.centres[svg.node(label)]
                if label[0] in "wb":  # a parameter stands before its layer, outside every box
                    assert x < left_of[layer], (label, layer)
                    assert not any(inside(box, x, y) for box in svg.clusters.values()), label
                else:  # what the neuron computes is inside its box, inside its layer
                    for box in (svg.clusters[layer], svg.clusters[neuron]):
                        assert inside(box, x, y), (label, neuron)
    # inputs on the left, one column per layer, the loss on the right
    hidden, output = svg.clusters["hidden layer"], svg.clusters["output layer"]
    inputs = [svg.spans[svg.node(x)][1] for x in ("x1", "x2")]
    weights = [svg.spans[svg.node(w)][0] for w in ("w1", "w2", "w3", "w4", "w5", "w6")]
    assert max(inputs) < min(weights) and hidden[1] < output[0]  # a column of their own
    assert svg.centres[svg.node("L")][0] > output[1]
    # each column of leaves top to bottom as the homework lists them
    for column in (["x1", "x2"], ["w1", "w2", "b1", "w3", "w4", "b2", "w5", "w6", "b3"],
                   ["w7", "w8", "w9", "b4"]):  # fmt: skip
        heights = [svg.centres[svg.node(leaf)][1] for leaf in column]
        assert heights == sorted(heights), column


def test_no_edge_crosses_a_neuron_it_does_not_belong_to() -> None:
    for loss in (part_a(), part_b()):
        svg = Svg(autograd.draw(loss, groups=GROUPS, highlight="w1"))
        neurons = {n: svg.clusters[n] for layer in GROUPS.values() for n in layer}
        for tail, head, _, _ in svg.edges:
            ends = [svg.centres[tail], svg.centres[head]]
            for neuron, box in neurons.items():
                if any(inside(box, *end) for end in ends):
                    continue  # the edge belongs to this neuron
                crossing = [p for p in svg.paths[tail, head] if inside(box, *p, margin=1.0)]
                assert not crossing, (svg.value_of(tail), svg.value_of(head), neuron)


def inside(box: tuple[float, float, float, float], x: float, y: float, margin=0.0) -> bool:
    left, right, top, bottom = box
    return left + margin < x < right - margin and top + margin < y < bottom - margin


def test_collapse_draws_a_neuron_as_one_box() -> None:
    svg = Svg(autograd.draw(part_a(), groups=GROUPS, collapse=["neuron 1"], highlight="x1"))
    box = svg.node("neuron 1")
    assert svg.texts[box] == ["neuron 1", f"a1 = {shown(A_HIDDEN)}", f"grad {shown(DL_DA * DA_DZ)}"]
    assert not any(texts and texts[0] in {"w1", "z1", "a1"} for texts in svg.texts.values())
    into_box = {svg.value_of(t) for t, h, _, _ in svg.edges if h == box}
    assert into_box == {"x1", "x2"}
    out_of_box = [(texts, colour) for t, _, texts, colour in svg.edges if t == box]
    assert out_of_box == [(["∂z/∂a1 = w7 = 1"], RED)]


def test_same_graph_same_dot() -> None:
    assert (
        autograd.draw(part_b(), groups=GROUPS).source
        == autograd.draw(part_b(), groups=GROUPS).source
    )


def test_dot_snapshot() -> None:
    # c = p + a with p = a·b, at a = 2, b = −3: p = −6, c = −4; ∂p/∂a = b = −3,
    # ∂p/∂b = a = 2, ∂c/∂p = ∂c/∂a = 1, so a.grad = −3 + 1 = −2, b.grad = 1·2 = 2.
    # The snapshot below was checked by eye against these numbers.
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    p = a * b
    p.label = "p"
    c = p + a
    c.label = "c"
    c.backward()
    source = autograd.draw(c, highlight="b").source
    assert source == SNAPSHOT


SNAPSHOT = """\
digraph autograd {
	graph [fontname="DejaVu Sans" nodesep=0.25 rankdir=LR]
	node [fontname="DejaVu Sans" fontsize=11]
	edge [color="#555555" fontname="DejaVu Sans" fontsize=10]
	v0 [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" color="#333333"><tr><td><b>a</b></td></tr><tr><td>data 2</td></tr><tr><td>grad −2</td></tr></table>> shape=plain]
	v1 [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" color="#d62728" bgcolor="#fde0dd"><tr><td><b>b</b></td></tr><tr><td>data −3</td></tr><tr><td>grad 2</td></tr></table>> shape=plain]
	v2 [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" color="#333333"><tr><td><b>p</b></td></tr><tr><td>data −6</td></tr><tr><td>grad 1</td></tr></table>> shape=plain]
	o2 [label="×" color="#888888" fillcolor="#eeeeee" height=0.3 margin=0.02 shape=circle style=filled width=0.3]
	v3 [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" color="#333333"><tr><td><b>c</b></td></tr><tr><td>data −4</td></tr><tr><td>grad 1</td></tr></table>> shape=plain]
	o3 [label="+" color="#888888" fillcolor="#eeeeee" height=0.3 margin=0.02 shape=circle style=filled width=0.3]
	node [fontsize=10 height=0 margin="0.03,0.01" shape=plaintext width=0]
	d2_0 [label="∂p/∂a = b = −3" id="e2_0-label"]
	d2_1 [label="∂p/∂b = a = 2" fontcolor="#d62728" id="e2_1-label"]
	d3_0 [label="∂c/∂p = 1" fontcolor="#d62728" id="e3_0-label"]
	d3_1 [label="∂c/∂a = 1" id="e3_1-label"]
	o2 -> v2 [color="#d62728" id=e2 penwidth=2.2]
	o3 -> v3 [color="#d62728" id=e3 penwidth=2.2]
	v0 -> d2_0 [arrowhead=none id="e2_0-in"]
	d2_0 -> o2 [id=e2_0 weight=4]
	v1 -> d2_1 [arrowhead=none color="#d62728" id="e2_1-in" penwidth=2.2]
	d2_1 -> o2 [color="#d62728" id=e2_1 penwidth=2.2 weight=4]
	v2 -> d3_0 [arrowhead=none color="#d62728" id="e3_0-in" penwidth=2.2]
	d3_0 -> o3 [color="#d62728" id=e3_0 penwidth=2.2 weight=4]
	v0 -> d3_1 [arrowhead=none id="e3_1-in"]
	d3_1 -> o3 [id=e3_1 weight=4]
	fontsize=16 label="∂c/∂b: one red path from c to b; multiply its local derivatives\\l∂c/∂b = ∂c/∂p · ∂p/∂b = (1)(2) = 2\\l" labeljust=l labelloc=b
}
"""  # noqa: E501


def test_command_line_draws_the_homework(tmp_path) -> None:
    from autograd.cli import main

    assert main(["graph", "--part", "a", "--highlight", "w1", "-o", str(tmp_path / "a.svg")]) == 0
    texts = {t.text for t in ET.parse(tmp_path / "a.svg").iter(f"{SVG}text")}
    assert {"w1", "grad 0", f"data {shown(A_OUT)}", "layer 1", "neuron 4"} <= texts
    assert main(["graph", "--part", "b", "-o", str(tmp_path / "b.dot")]) == 0
    assert (tmp_path / "b.dot").read_text(encoding="utf-8").startswith("digraph")
    assert main(["graph", "--part", "a", "-o", str(tmp_path / "a.gif")]) == 2


def test_command_line_draws_another_reading(tmp_path) -> None:
    # part b with w9 = 0: ∂z/∂a3 = w9 = 0 on a3's edge into z
    from autograd.cli import main

    out = tmp_path / "b.dot"
    assert main(["graph", "--part", "b", "--set", "w9=0", "-o", str(out)]) == 0
    assert "∂z/∂a3 = w9 = 0" in out.read_text(encoding="utf-8")
    assert main(["graph", "--part", "b", "--set", "q=1", "-o", str(out)]) == 2


def test_command_line_without_dot_or_graphviz_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path, capsys
) -> None:
    from autograd.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without dot
    assert main(["graph", "--part", "a", "-o", str(tmp_path / "a.svg")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "apt-get install graphviz" in line and "-o FILE.dot" in line
    assert "picture.source" not in line  # which means nothing on the command line
    monkeypatch.setitem(sys.modules, "graphviz", None)  # the Python package missing
    monkeypatch.delitem(sys.modules, "autograd.drawing")
    monkeypatch.delattr(autograd, "drawing")
    assert main(["graph", "--part", "a", "-o", str(tmp_path / "a.svg")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "pip install" in line and "graphviz" in line


# ---- failures say what to do --------------------------------------------------------------


def test_missing_dot_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    picture = autograd.draw(part_a())
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without dot
    assert picture.source.startswith("digraph")  # the DOT text needs no dot
    with pytest.raises(DotNotFound) as error:
        picture.pipe(format="svg")
    assert "apt-get install graphviz" in str(error.value)
    assert "brew install graphviz" in str(error.value)
    with pytest.raises(DotNotFound):
        picture.render(tmp_path / "out", format="png")
    assert mimebundle(part_a())["text/plain"].endswith("picture.source.)")


def test_oversized_graph_refuses_to_render(tmp_path) -> None:
    picture = autograd.draw(part_a(), node_limit=10)
    with pytest.raises(GraphTooLarge, match="node_limit=10"):
        picture.pipe(format="svg")
    with pytest.raises(GraphTooLarge, match="node_limit=10"):
        picture.render(tmp_path / "out", format="svg")
    picture.node_limit = 100  # the user raises the limit: now it renders
    assert picture.pipe(format="svg").startswith(b"<?xml")


def test_jupyter_shows_the_graph_and_keeps_the_text_repr() -> None:
    formatters = pytest.importorskip("IPython.core.formatters")  # what Jupyter calls
    loss = part_a()
    bundle, _ = formatters.DisplayFormatter().format(loss)
    assert bundle["text/plain"] == repr(loss)
    svg = ET.fromstring(bundle["image/svg+xml"])
    assert "data 0.0003257" in {t.text for t in svg.iter(f"{SVG}text")}
    # how a model shows itself: its graph drawn with options, its own text
    bundle = mimebundle(loss, text="MLP(2, [3, 1])", groups=GROUPS)
    assert bundle["text/plain"] == "MLP(2, [3, 1])"
    assert "neuron 4" in {t.text for t in ET.fromstring(bundle["image/svg+xml"]).iter(f"{SVG}text")}


def test_a_model_with_a_linear_last_layer_shows_in_jupyter() -> None:
    net = MLP(2, [3, 1], seed=0)  # micrograd's choice: relu, then linear
    assert net.groups()["layer 2"]["neuron 4"] == ["w7", "w8", "w9", "b4", "z4"]  # no a4
    svg = ET.fromstring(net._repr_mimebundle_()["image/svg+xml"])
    assert {"neuron 4", "z4"} <= {t.text for t in svg.iter(f"{SVG}text")}


def test_autograd_draw_is_the_function_even_after_its_module_is_imported() -> None:
    import autograd.drawing
    from autograd import draw

    x = Value(2.0, label="x")
    x._repr_mimebundle_()  # Jupyter's display imports the module too
    assert autograd.draw is draw is autograd.drawing.draw
    assert autograd.draw(x).source == draw(x).source


def test_import_autograd_works_without_the_graphviz_package() -> None:
    script = """
import sys
sys.modules["graphviz"] = None  # as if the `draw` extra were not installed
import autograd
x = autograd.Value(2.0, label="x")
print(x._repr_mimebundle_()["text/plain"])
try:
    autograd.draw(x)
except ImportError as error:
    print(error)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("Value(data=2.0, grad=0.0, label='x')\n(no picture:")
    assert "pip install 'chainrule-autograd[draw]'" in out.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"rankdir": "XY"}, ValueError, "rankdir"),
        ({"digits": 0}, ValueError, "digits"),
        ({"node_limit": 0}, ValueError, "node_limit"),
        ({"highlight": "w10"}, ValueError, "no node labelled 'w10'"),
        ({"highlight": Value(1.0)}, ValueError, "not in the graph"),
        ({"highlight": 3}, TypeError, "highlight"),
        ({"groups": {"layer": {"n": ["w10"]}}}, ValueError, "'w10'"),
        ({"groups": {"layer": {"n": []}}}, ValueError, "names no nodes"),
        ({"groups": GROUPS, "collapse": ["neuron 9"]}, ValueError, "'neuron 9'"),
    ],
)
def test_bad_options_raise_clear_errors(options: dict, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        autograd.draw(part_a(), **options)


def test_drawing_a_non_value_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="draw: expected a Value"):
        autograd.draw(3.0)


def test_ambiguous_highlight_label() -> None:
    x = Value(1.0, label="x")
    y = x + Value(2.0, label="x")
    with pytest.raises(ValueError, match="2 nodes"):
        autograd.draw(y, highlight="x")


def test_undefined_local_derivative_is_drawn_not_raised() -> None:
    x = Value(0.0, label="x")
    y = x.sqrt()
    y.label = "y"
    picture = autograd.draw(y, highlight="x")
    assert "∂y/∂x = 1/(2y) = undefined" in Svg(picture).edge_labels()
    assert "∂y/∂x = undefined" in _caption(picture)
    # x^n at x = −2: ∂/∂x = n·x^(n−1) = −4 exists, ∂/∂n = x^n·log x does not (NaN in the row)
    x, n = Value(-2.0, label="x"), Value(2.0, label="n")
    y = x**n
    y.label = "y"
    labels = Svg(autograd.draw(y, highlight="x")).edge_labels()
    assert labels == {"∂y/∂x = n·x^(n − 1) = −4", "∂y/∂n = y·log(x) = undefined"}


def test_caption_counts_the_red_edge_paths_even_through_unlabelled_nodes() -> None:
    x = Value(0.5, label="x")
    y = x
    for _ in range(4):  # each step doubles the paths: 2⁴ = 16
        y = y * 0.5 + y * 0.5
    y.label = "y"
    assert _caption(autograd.draw(y, highlight="x")).startswith("∂y/∂x: 16 red paths from y to x")


@pytest.mark.parametrize(
    "label, shown",
    [
        ("a\x00b\x1bc", "a␀b␛c"),  # control characters, as their pictures
        ("tab\there", "tab␉here"),
        (5, "5"),  # not a string: its text
        ("w" * 20_000, "w" * 50 + "…" + "w" * 20),  # past dot's 16,384: cut in the middle
    ],
)
def test_any_label_draws(label, shown) -> None:
    x = Value(2.0)
    x.label = label
    y = (x * 3).tanh()
    y.label = "y"
    picture = autograd.draw(y)
    assert html.escape(shown) in picture.source
    if shutil.which("dot"):
        assert picture.pipe(format="svg").startswith(b"<?xml")


def test_a_label_set_to_a_list_after_construction_is_drawn_as_text() -> None:
    # Value(…, label=[…]) is refused; y.label = ["a"] set later made draw fail with
    # "unhashable type: 'list'", a traceback from inside the drawing
    x = Value(2.0, label="x")
    y = x * x
    y.label = ["a"]
    source = str(autograd.draw(y))
    assert "[&#x27;a&#x27;]" in source or "['a']" in source
