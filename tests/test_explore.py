"""The explorer's Python side: its scene and the widget's state, against numbers worked out
here by hand with `math` (never read from the engine). The front end, in a real browser, is
tested in test_explore_browser.py."""

from __future__ import annotations

import html.parser
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import autograd
from autograd import Value
from autograd.explore import NODE_LIMIT, page, scene
from autograd.explore.scene import replay
from autograd.explore.widget import Explorer
from autograd.numtext import number_text


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def homework_a() -> tuple[Value, dict]:
    """Part a of the homework (x = (0, 1), every weight and bias 1, y = 1), with its groups."""
    from autograd.audit.checkfile import loss_graph
    from autograd.homework import load

    return loss_graph(load()["a"])


def by_name(shown: dict, name: str) -> str:
    (found,) = [i for i, node in shown["nodes"].items() if node["name"] == name]
    return found


# Part a by hand: z_i = 1·0 + 1·1 + 1 = 2, a_i = σ(2), z = 3σ(2) + 1, a = σ(z), L = ½(1 − a)².
A_HIDDEN = sigmoid(2.0)
A_OUT = sigmoid(3.0 * A_HIDDEN + 1.0)
DL_DZ = -(1.0 - A_OUT) * A_OUT * (1.0 - A_OUT)
DL_DW2 = DL_DZ * 1.0 * A_HIDDEN * (1.0 - A_HIDDEN) * 1.0  # · w7 · σ'(z1) · x2


def test_chain_rule_of_w2_names_its_factors_and_lights_its_one_path() -> None:
    loss, groups = homework_a()
    shown = scene(loss, groups=groups, picture=False)
    chain = shown["chains"][by_name(shown, "w2")]
    assert chain["total"] == number_text(DL_DW2, 4) == "−6.664e−5"
    (path,) = chain["paths"]
    assert [(f["top"], f["bottom"]) for f in path["factors"]] == [
        ("L", "a"),
        ("a", "z"),
        ("z", "a1"),
        ("a1", "z1"),
        ("z1", "w2"),
    ]
    # L ← × ← ^2 ← − ← a ← σ ← z ← Σ ← a1 ← σ ← z1 ← Σ ← w2: 7 operations on the path,
    # each lit twice (the input's edge into it, its edge out to its result)
    assert len(chain["edges"]) == 14
    edges = shown["edges"]
    into = [edges[e] for e in chain["edges"] if "operation" not in edges[e]]
    assert sorted(shown["nodes"][e["from"]]["name"] for e in into) == sorted(
        ["w2", "z1", "a1", "z", "a", "(y − a)", "(y − a)^2"]
    )


def test_an_edge_carries_its_local_derivative_from_the_table() -> None:
    loss, groups = homework_a()
    shown = scene(loss, groups=groups, picture=False)
    w2, w9 = by_name(shown, "w2"), by_name(shown, "w9")
    (e,) = [e for e in shown["edges"].values() if e.get("from") == w2]
    assert (e["name"], e["formula"], e["value"]) == ("∂z1/∂w2", "x2", "1")
    (e,) = [e for e in shown["edges"].values() if e.get("from") == w9]
    assert e["text"] == f"∂z/∂w9 = a3 = {number_text(A_HIDDEN, 4)}"


def test_backward_steps_follow_the_engine_and_sum_where_paths_meet() -> None:
    # L = d·f, d = e + c, e = a·b: the engine passes on from L, then d, then e, each once
    a, b, c, f = (Value(v, name) for v, name in [(2.0, "a"), (-3.0, "b"), (10.0, "c"), (-2.0, "f")])
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    shown = scene(L, picture=False)
    names = [step["name"] for step in shown["steps"]]
    assert names == ["L", "d", "e"]
    last = {shown["nodes"][p["to"]]["name"]: p["grad"] for s in shown["steps"] for p in s["passes"]}
    # ∂L/∂d = f = −2, ∂L/∂f = d = 4, ∂L/∂a = −2·b = 6, ∂L/∂b = −2·a = −4, ∂L/∂c = −2
    assert last == {"d": "−2", "f": "4", "e": "−2", "c": "−2", "a": "6", "b": "−4"}
    # the engine keeps the nodes ready to pass on in a stack: y = p + q readies p, then q,
    # so q passes on first, then x·3 (ready once q is done), then p, then x·2; this is not
    # the reverse of the graph's topological order (y, p, x·2, q, x·3)
    x = Value(1.0, label="x")
    p = (x * 2.0).tanh()
    p.label = "p"
    q = (x * 3.0).exp()
    q.label = "q"
    y = p + q
    y.label = "y"
    names = [step["name"] for step in scene(y, picture=False)["steps"]]
    assert names == ["y", "q", "(x × 3)", "p", "(x × 2)"]
    # x used twice: two passes into x, the second one's sum is the whole derivative 2x + 1
    x = Value(3.0, label="x")
    y = x * x + x
    shown = scene(y, picture=False)
    into_x = [p["grad"] for s in shown["steps"] for p in s["passes"] if p["to"] == "v0"]
    assert into_x[-1] == "7" and len(into_x) == 3


def test_leaves_to_change_are_the_named_ones_in_reading_order() -> None:
    loss, groups = homework_a()
    names = [leaf["name"] for leaf in scene(loss, groups=groups, picture=False)["leaves"]]
    assert names == ["b1", "b2", "b3", "b4", *(f"w{i}" for i in range(1, 10)), "x1", "x2", "y"]


def test_homework_steps_are_one_per_operation() -> None:
    loss, groups = homework_a()
    steps = scene(loss, groups=groups, picture=False)["steps"]
    # 3 hidden neurons (Σ, σ) + the output neuron (Σ, σ) + the loss (−, ^2, ×) = 11
    assert len(steps) == 11
    assert steps[0]["name"] == "L"


def test_the_graph_given_is_never_changed() -> None:
    x = Value(3.0, label="x")
    y = (x * 2.0).tanh()
    y.label = "y"
    copy, _, error = replay(y, {"x": 0.5})
    assert (x.data, x.grad, y.grad) == (3.0, 0.0, 0.0)
    assert copy[y].data == math.tanh(1.0) and error is None
    assert copy[x].grad == pytest.approx(2.0 * (1.0 - math.tanh(1.0) ** 2), rel=1e-15)
    assert copy[y].op is y.op  # the copy computes with the table's own rows afterwards


def test_an_undefined_derivative_is_said_once_and_stops_the_steps() -> None:
    x = Value(0.0, label="x")
    y = x.sqrt()  # d√x/dx = 1/(2√x) does not exist at 0
    y.label = "y"
    shown = scene(y, picture=False)
    assert shown["error"] == "sqrt: derivative undefined at (0.0)"
    assert shown["chains"]["v0"]["error"] == shown["error"]
    assert shown["edges"]["e1_0"]["text"] == "∂y/∂x = 1/(2y) = undefined"
    (step,) = shown["steps"]  # y passes on once, even though the engine asks again to explain
    assert [p["grad"] for p in step["passes"]] == ["undefined"]


def test_widget_state_follows_a_changed_leaf() -> None:
    loss, groups = homework_a()
    view = autograd.explore(loss, groups=groups, select="w2", picture=False)
    assert view.chain["total"] == "−6.664e−5"
    view.set_leaf("w2", 2.0)  # z1 = 1·0 + 2·1 + 1 = 3; the others stay 2
    z = A_HIDDEN * 2.0 + sigmoid(3.0) + 1.0
    a = sigmoid(z)
    expected = -(1.0 - a) * a * (1.0 - a) * sigmoid(3.0) * (1.0 - sigmoid(3.0))
    assert view.chain["total"] == number_text(expected, 4)
    assert view.scene["nodes"][by_name(view.scene, "a1")]["data"] == number_text(sigmoid(3.0), 4)
    assert view.selected == by_name(view.scene, "w2")  # the same node stays selected
    assert loss.data == pytest.approx(0.5 * (1.0 - A_OUT) ** 2)  # the model is untouched


def test_widget_values_from_the_browser_and_their_errors() -> None:
    x = Value(2.0, label="x")
    y = x.log()
    y.label = "y"
    view = Explorer(y, select="x", picture=False)
    view.values = {"v0": 4.0}  # as the front end sets it: by node id
    assert view.chain["total"] == "0.2500" and view.error == ""  # d log x / dx = 1/4
    before = view.scene
    view.values = {"v0": -1.0}
    assert view.error == "log: expected a positive input, got -1.0"
    assert view.scene is before  # nothing shown changes but the message
    view.values = {"v1": 1.0}
    assert view.error == "explore: values: 'v1' is no leaf of this graph"
    with pytest.raises(ValueError, match="no node labelled 'w'"):
        view.select("w")


def test_widget_shows_a_picture_where_widgets_do_not_run() -> None:
    x = Value(2.0, label="x")
    y = x * x
    y.label = "y"
    data, _ = Explorer(y)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["image/svg+xml"].startswith("<svg") and "∂y/∂x = x = 2" in data["image/svg+xml"]
    assert data["text/plain"] == "<Explorer of y: 2 nodes>"


def test_a_graph_too_large_is_refused_before_any_work() -> None:
    x = Value(1.0, label="x")
    y = x
    for _ in range(NODE_LIMIT):
        y = y + 1.0
    with pytest.raises(ValueError, match=rf"more than {NODE_LIMIT}; explore a smaller"):
        scene(y, picture=False)


class _References(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found += [f"{tag} {k}={v}" for k, v in attrs if k in ("src", "href", "xlink:href")]
        if tag == "link":
            self.found.append("link")


def test_page_is_self_contained() -> None:
    loss, groups = homework_a()
    text = page(loss, groups=groups, select="w2")
    parser = _References()
    parser.feed(text)
    assert parser.found == []  # no script, style, image or font fetched from anywhere
    assert "default-src 'none'" in text  # and the browser is told to refuse any request
    state = text.split('id="explorer-state">', 1)[1].split("</script>", 1)[0]
    assert json.loads(state)["scene"]["chains"]  # "</" inside it is escaped, so it ends here


def test_command_line_writes_the_page(tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "a.html"
    assert main(["graph", "--part", "a", "--highlight", "w2", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert '"selected": "v' in text and "−6.664e−5" in text
    assert main(["graph", "--part", "a", "-o", str(tmp_path / "a.gif")]) == 2


def test_autograd_explore_is_the_function_on_first_use() -> None:
    script = (
        "import autograd; from autograd import Value; x = Value(2.0, label='x'); "
        "print(autograd.explore(x * x, picture=False))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "<Explorer of (x × x): 2 nodes>", done.stderr


def test_command_line_without_dot_says_so_in_one_line(tmp_path, monkeypatch, capsys) -> None:
    from autograd.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without dot
    assert main(["graph", "--part", "a", "-o", str(tmp_path / "a.html")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: cannot render the picture: Graphviz's 'dot' program")
    assert not (tmp_path / "a.html").exists()


# ---- the network view: recognised from the graph ----------------------------------------------


def test_homework_is_a_network_of_two_inputs_three_hidden_and_one_output() -> None:
    loss, groups = homework_a()
    shown = scene(loss, groups=groups, picture=False)
    assert shown["view"] == "network"
    net = shown["network"]
    names = shown["nodes"]
    assert [i["name"] for i in net["inputs"]] == ["x1", "x2"]
    assert [[names[n["a"]]["name"] for n in layer] for layer in net["layers"]] == [
        ["a1", "a2", "a3"],
        ["a"],
    ]
    assert [n["name"] for n in net["layers"][0]] == ["neuron 1", "neuron 2", "neuron 3"]
    # each weight on the edge from its input: w1 · x1 + w2 · x2 into z1, w7 · a1 … into z
    first = net["layers"][0][0]
    assert [(names[t["w"]]["name"], names[t["from"]]["name"]) for t in first["terms"]] == [
        ("w1", "x1"),
        ("w2", "x2"),
    ]
    out = net["layers"][1][0]
    assert [(names[t["w"]]["name"], names[t["from"]]["name"]) for t in out["terms"]] == [
        ("w7", "a1"),
        ("w8", "a2"),
        ("w9", "a3"),
    ]
    assert names[out["bias"]]["name"] == "b4" and names[net["loss"]]["name"] == "L"
    assert [names[t]["name"] for t in net["targets"]] == ["y"]
    # the edge ids name the graph's edges: w2's into z1 is ∂z1/∂w2 = x2
    assert shown["edges"][first["terms"][1]["w_edge"]]["name"] == "∂z1/∂w2"


def test_a_worksheet_written_as_sums_of_products_is_a_network() -> None:
    from autograd.audit import read
    from autograd.audit.recompute import Model

    sheet = read("tests/worksheets/delta_121_arithmetic.txt")
    model = Model(sheet.parts[0])
    shown = scene(model.node(model.loss), picture=False)
    net = shown["network"]
    names = shown["nodes"]
    assert [[names[n["z"]]["name"] for n in layer] for layer in net["layers"]] == [
        ["z1", "z2"],
        ["z3"],
    ]
    assert [[names[t["w"]]["name"] for t in n["terms"]] for n in net["layers"][1]] == [["w3", "w4"]]
    assert [i["name"] for i in net["inputs"]] == ["x"]


def test_a_network_written_out_by_hand_is_placed_by_its_graph() -> None:
    # Mazur's page in its own names: σ written out (out_h1 = 1/(1 + e^−net_h1)), each bias as
    # b·1; out_h2, out_o2 and E_o2 given only as numbers, each worked as its sibling is
    # (out_h2 = σ(net_h2), net_h2 = w3·i1 + w4·i2 + b1·1: the page's numbers confirm it), so
    # the whole 2-2-2 network is drawn
    from autograd.audit import check
    from autograd.explore.worksheet import worksheet_scene

    shown = worksheet_scene(check("tests/published/mazur_step_by_step.md"), picture=False)
    net = shown["network"]

    def name(i: str) -> str:
        return shown["nodes"][i]["name"]

    assert shown["view"] == "network" and shown["view_note"] == ""
    assert [[(name(n["z"]), name(n["a"]), name(n["bias"])) for n in layer]
            for layer in net["layers"]] == [
                [("net_h1", "out_h1", "b1"), ("net_h2", "out_h2", "b1")],
                [("net_o1", "out_o1", "b2"), ("net_o2", "out_o2", "b2")]]  # fmt: skip
    assert [[name(t["w"]) + "·" + name(t["from"]) for t in n["terms"]]
            for layer in net["layers"] for n in layer] == [
                ["w1·i1", "w2·i2"], ["w3·i1", "w4·i2"],
                ["w5·out_h1", "w6·out_h2"], ["w7·out_h1", "w8·out_h2"]]  # fmt: skip
    assert [[name(i) for i in column] for column in net["columns"]] == [
        ["i1", "i2"],
        ["out_h1", "out_h2"],
        ["out_o1", "out_o2"],
    ]
    assert net["given"] == []
    assert [name(t) for t in net["targets"]] == ["target_o1", "target_o2"]
    assert name(net["loss"]) == "E_total"


def test_a_circuit_and_a_batch_are_graphs_not_networks() -> None:
    x, y, z = Value(-2.0, "x"), Value(5.0, "y"), Value(-4.0, "z")
    q = x + y
    q.label = "q"
    f = q * z
    f.label = "f"
    assert scene(f, picture=False)["network"] is None
    assert scene(f, picture=False)["view"] == "graph"
    assert scene(f, picture=False)["view_note"].startswith("Drawn as its computational graph")
    # one weight in two neurons of one example: shared, no textbook network
    w, x = Value(0.5, "w1"), Value(1.0, "x")
    z1, z2 = w * x + Value(0.1, "b1"), w * x + Value(0.2, "b2")
    z1.label, z2.label = "z1", "z2"
    assert scene(z1.tanh() + z2.tanh(), picture=False)["network"] is None


def test_a_batch_is_its_network_drawn_once_for_the_first_example() -> None:
    # the same neuron over two examples: a = tanh(w·x + b), L = a(x=1) + a(x=2)
    w, b = Value(0.5, "w1"), Value(0.1, "b1")
    outs = [(w * Value(v, f"x{i}") + b).tanh() for i, v in enumerate([1.0, 2.0])]
    loss = outs[0] + outs[1]
    loss.label = "L"
    loss.backward()
    shown = scene(loss, picture=False)
    assert shown["view"] == "network"
    net, nodes = shown["network"], shown["nodes"]
    assert net["examples"] == 2
    assert [i["name"] for i in net["inputs"]] == ["x0"]  # the first example's input only
    (neuron,) = net["layers"][0]
    assert nodes[neuron["a"]]["data"] == number_text(math.tanh(0.5 * 1.0 + 0.1), 4)
    # the weight's gradient sums over both: Σ (1 − tanh²(w·x + b))·x
    dw = sum((1 - math.tanh(0.5 * x + 0.1) ** 2) * x for x in (1.0, 2.0))
    assert nodes[neuron["terms"][0]["w"]]["grad"] == number_text(dw, 4)
    assert "a batch of 2" in shown["network_svg"]


def test_a_batch_names_each_path_by_its_example() -> None:
    # the copies of a neuron have the same names (z1, a1, …): each path says its example,
    # whose x1 is the path's last factor, ∂z1/∂w1 (1 in the first, 0.5 in the second)
    from autograd.nn import MLP, mse

    net = MLP(2, [2, 1], seed=0)
    loss = mse([net([1.0, 2.0]), net([0.5, -1.0])], [1.0, 0.0])
    shown = scene(loss, groups=net.groups(), picture=False)
    (w1,) = [i for i, n in shown["nodes"].items() if n["name"] == "w1"]
    chain = shown["chains"][w1]
    assert [(p["example"], p["factors"][-1]["value"]) for p in chain["paths"]] == [
        (1, "1"),
        (2, "0.5000"),
    ]
    assert chain["text"].splitlines()[1].startswith("  path 2 (example 2): ∂L/∂w1 = ∂L/∂z3 · ")


def test_an_mlp_over_a_batch_opens_in_the_network_view() -> None:
    from autograd.nn import MLP

    net = MLP(2, [3, 1], seed=0)
    data = [([1.0, 2.0], 1.0), ([0.5, -1.0], -1.0), ([2.0, 0.0], 0.5)]
    loss = sum(((net(x) - y) ** 2 for x, y in data), Value(0.0))
    shown = scene(loss, groups=net.groups(), picture=False)
    assert shown["view"] == "network" and shown["network"]["examples"] == 3
    assert [len(layer) for layer in shown["network"]["layers"]] == [3, 1]
    assert [shown["nodes"][i["id"]]["data"] for i in shown["network"]["inputs"]] == ["1", "2"]


def test_an_mlp_on_plain_numbers_names_its_inputs_in_order() -> None:
    from autograd.nn import MLP

    net = MLP(3, [2, 1], seed=0)
    out = net([2.0, -1.0, 0.5])
    shown = scene(out, groups=net.groups(), picture=False)
    inputs = shown["network"]["inputs"]
    assert [i["name"] for i in inputs] == ["x1", "x2", "x3"]
    assert [shown["nodes"][i["id"]]["data"] for i in inputs] == ["2", "−1", "0.5000"]


def test_a_constant_is_not_shown_receiving_a_gradient() -> None:
    loss, groups = homework_a()
    shown = scene(loss, groups=groups, picture=False)
    # L = ½ · (y − a)²: the first step passes to (y − a)² alone, not to the ½
    (first,) = [s for s in shown["steps"] if s["name"] == "L"]
    assert [shown["nodes"][p["to"]]["name"] for p in first["passes"]] == ["(y − a)^2"]


def test_scene_keeps_the_dot_text_for_a_page_without_graphviz() -> None:
    x = Value(2.0, label="x")
    y = x * x
    y.label = "y"
    shown = scene(y, picture=False)
    assert shown["svg"] == "" and shown["dot"].startswith("digraph")
    assert "∂y/∂x = x = 2" in shown["dot"]


# ---- a checked worksheet on its graph ---------------------------------------------------------


def test_a_worksheets_numbers_sit_on_their_nodes() -> None:
    from autograd.audit import check
    from autograd.explore.worksheet import worksheet_scene

    shown = worksheet_scene(check("tests/worksheets/delta_121_arithmetic.txt"), picture=False)
    names = shown["nodes"]
    found = shown["checks"]
    # the planted slip: dL/dz2 = (0.0907)(0.8808) = 0.0817 on line 36; by hand 0.0798886
    first = found["list"][found["first"]]
    assert (first["line"], first["quantity"], first["written"]) == (36, "∂L/∂z2", "0.0817")
    assert names[first["node"]]["name"] == "z2" and first["what"] == "grad"
    assert "0.0907 · 0.8808 = 0.0798886, not 0.0817" in first["diagnosis"]
    assert first["source"] == "dL/dz2 = dL/da2 · da2/dz2 = (0.0907)(0.8808) = 0.0817"
    by_name = {n["name"]: i for i, n in names.items()}
    placed = found["nodes"]
    assert [c["written"] for c in placed[by_name["a1"]]["data"] if c["kind"] == "result"] == [
        "0.4621"
    ]
    assert {c["quantity"] for c in placed[by_name["w3"]]["update"]} == {"w3'"}
    assert {c["quantity"] for c in placed[by_name["z3"]]["local"]} == {"∂ŷ/∂z3"}
    assert "∂ŷ/∂z3" in found["derivatives"]


def test_a_delta_is_shown_on_the_neuron_it_belongs_to() -> None:
    from autograd.audit import check
    from autograd.explore.worksheet import worksheet_scene

    # the sheet's line 22: δ = dL/dz3 = dL/dŷ · dŷ/dz3 = (−0.6756)(0.2237) = −0.1511
    shown = worksheet_scene(check("tests/worksheets/delta_121_arithmetic.txt"), picture=False)
    z3 = next(i for i, n in shown["nodes"].items() if n["name"] == "z3")
    assert shown["checks"]["aliases"] == {z3: ["δ"]}
    deltas = [c for c in shown["checks"]["list"] if c["quantity"] == "δ"]
    assert deltas and all(c["node"] == z3 and c["what"] == "grad" for c in deltas)
    assert any(c["line"] == 22 for c in shown["checks"]["nodes"][z3]["grad"])


def two_slips(tmp_path) -> Path:
    """The 1-2-1 sheet with a second slip, on the other branch and before the first: line 31's
    dL/dz1 = (−0.1360)(0.7865) written −0.1170 (by hand −0.10696), and line 32 carrying it."""
    text = Path("tests/worksheets/delta_121_arithmetic.txt").read_text(encoding="utf-8")
    for right, wrong in [("(0.7865) = −0.1070", "(0.7865) = −0.1170"),
                         ("(−0.1070)(0.8) = −0.0856", "(−0.1170)(0.8) = −0.0936")]:  # fmt: skip
        assert right in text
        text = text.replace(right, wrong)
    sheet = tmp_path / "two_slips.txt"
    sheet.write_text(text, encoding="utf-8")
    return sheet


def test_an_error_entered_at_the_first_wrong_number_on_its_own_path(tmp_path) -> None:
    from autograd.audit import check
    from autograd.explore.worksheet import worksheet_scene

    found = worksheet_scene(check(two_slips(tmp_path)), picture=False)["checks"]
    listed = found["list"]
    entered = {(listed[i]["line"], listed[i]["quantity"]): listed[j]["line"]
               for i, j in found["entered"].items()}  # fmt: skip
    # ∂L/∂w2 and w2' are computed through dL/dz2 (line 36), not through dL/dz1 (line 31),
    # which comes first on the page; ∂L/∂w1 through dL/dz1
    assert entered[37, "∂L/∂w2"] == 36 and entered[41, "w2'"] == 36
    assert entered[32, "∂L/∂w1"] == 31
    assert entered[31, "∂L/∂z1"] == 31 and entered[36, "∂L/∂z2"] == 36
    # with nothing selected: z1's and z2's gradients are as far back from L; the first written
    assert listed[found["first"]]["line"] == 31


def test_a_circuit_worksheet_is_drawn_as_its_graph() -> None:
    from autograd.audit import check_text
    from autograd.explore.worksheet import worksheet_scene

    report = check_text("x = -2, y = 5, z = -4\nq = x + y = 3\nf = q·z = −12\ndf/dx = z = −5")
    shown = worksheet_scene(report, picture=False)
    assert shown["view"] == "graph" and shown["network"] is None
    (error,) = [c for c in shown["checks"]["list"] if c["verdict"] == "error"]
    assert shown["nodes"][error["node"]]["name"] == "x" and error["exact"] == "−4"


def test_command_line_writes_a_checked_worksheets_page(tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "w.html"
    sheet = "tests/worksheets/delta_121_arithmetic.txt"
    assert main(["graph", "--file", sheet, "--part", "1", "-o", str(out)]) == 0
    state = out.read_text(encoding="utf-8").split('id="explorer-state">', 1)[1]
    state = json.loads(state.split("</script>", 1)[0])
    assert state["scene"]["checks"]["list"][state["scene"]["checks"]["first"]]["line"] == 36
    assert state["live"] is False


def test_command_line_draws_the_network_view_as_svg(tmp_path) -> None:
    from autograd.cli import main

    out = tmp_path / "a.svg"
    assert (
        main(["graph", "--part", "a", "--highlight", "w1", "--view", "network", "-o", str(out)])
        == 0
    )
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "w9 = 1" in svg and 'class="agx-net-edge agx-on"' in svg
    # part a: ∂z1/∂w1 = x1 = 0 zeroes the product, written under the picture
    assert "∂L/∂w1 = ∂L/∂a · ∂a/∂z · ∂z/∂a1 · ∂a1/∂z1 · ∂z1/∂w1" in svg
    assert main(["graph", "--part", "a", "--view", "network", "-o", str(tmp_path / "a.png")]) == 2


# ---- training over steps ----------------------------------------------------------------------


def test_a_training_run_records_each_steps_numbers() -> None:
    from autograd.explore.run import record
    from autograd.nn import MLP

    net = MLP(1, [1], activation="linear", seed=0)
    net.load_state_dict({"w1": 0.5, "b1": 0.0})
    run = record(net, lambda m: (m([2.0]) - 1.0) ** 2, steps=3, learning_rate=0.1)
    # by hand: z = 2w + b, L = (z − 1)², ∂L/∂w = 2(z − 1)·2, ∂L/∂b = 2(z − 1)
    w, b, expected = 0.5, 0.0, []
    for _ in range(3):
        z = 2 * w + b
        expected.append(((z - 1) ** 2, 4 * (z - 1), w))
        w, b = w - 0.1 * 4 * (z - 1), b - 0.1 * 2 * (z - 1)
    frames = run["training"]["steps"]
    by_name = {n["name"]: i for i, n in run["nodes"].items()}
    assert run["training"]["losses"] == pytest.approx([e[0] for e in expected])
    for frame, (_, grad_w, data_w) in zip(frames, expected):
        assert frame["data"][by_name["w1"]] == number_text(data_w, 4)
        assert frame["grad"][by_name["w1"]] == number_text(grad_w, 4)
        assert frame["chains"][by_name["w1"]]["total"] == number_text(grad_w, 4)
    assert net.parameter("w1").data == pytest.approx(w)  # the model is trained


def test_a_training_run_refuses_too_many_steps_and_a_changing_graph() -> None:
    from autograd.explore.run import MAX_STEPS, record
    from autograd.nn import MLP

    net = MLP(1, [1], activation="linear", seed=0)
    with pytest.raises(ValueError, match=f"steps must be an int from 1 to {MAX_STEPS}"):
        record(net, lambda m: m([1.0]), steps=MAX_STEPS + 1)
    calls = []

    def growing(m):
        calls.append(1)
        out = m([1.0])
        return out * out if len(calls) > 1 else out

    with pytest.raises(ValueError, match="another shape at step 1"):
        record(net, growing, steps=2)
    # a list of Values for the model: "'list' object has no attribute 'parameters'"
    with pytest.raises(TypeError, match=r"^training: model must have parameters\(\)"):
        record([Value(1.0)], lambda m: m[0] * 2, steps=2)


def test_a_label_of_markup_stays_a_label_in_the_page():
    # "<!--<script>" in the state's JSON swallowed the page's own script: a blank page
    x = Value(2.0, label="<!--<script>x")
    y = (x * 3).tanh()
    y.label = "</script>y"
    text = page(y, picture=False)
    start = text.index('<script type="application/json" id="explorer-state">')
    state = text[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert "<" not in state
    names = [n["name"] for n in json.loads(state)["scene"]["nodes"].values()]
    assert "<!--<script>x" in names and "</script>y" in names


def test_the_page_grows_with_the_nodes_not_with_a_label_times_the_nodes():
    # a 10,000-character root label was copied into every node's chain rule: 17 MB
    def graph(label):
        x = Value(0.5, label="x")
        y = x
        for _ in range(60):
            y = (y * 1.01 + x).tanh()
        y.label = label
        return y

    short, long = (len(page(graph("L" * n), picture=False)) for n in (1, 100_000))
    assert long < 1.2 * short


def test_graph_view_declares_the_leaves_in_reading_order() -> None:
    import re

    loss, groups = homework_a()
    svg = scene(loss, groups=groups)["svg"]
    # the name line of each leaf's box, and where Graphviz put it (y grows downwards)
    y = {
        name: float(at)
        for at, name in re.findall(r'<text[^>]* y="([-\d.]+)"[^>]*><tspan[^>]*>(\w+)</tspan>', svg)
        + re.findall(r'<text[^>]* y="([-\d.]+)"[^>]*>(\w+)</text>', svg)
    }
    assert y["x1"] < y["x2"]  # the inputs top to bottom, in order (they came out x2, x1)
    assert y["w7"] < y["w8"] < y["w9"]
