"""The check-file shortcut (TOML and JSON), the verdict rule and the command line.

Expected numbers come from `math` and the homework's own arithmetic, never from the audit.
"""

import json
import math
import subprocess
import sys

import pytest

from autograd.audit import check
from autograd.audit.checkfile import CheckFileError, load_file, parse
from autograd.audit.verdict import verdict
from autograd.cli import main
from autograd.homework import WORKSHEET


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def test_verdict_rule_from_first_principles():
    assert verdict("0.8808", sigmoid(2), None) == "match"  # 0.880797 rounds to 0.8808
    assert verdict("0.8807", sigmoid(2), None) == "rounding"  # truncated, not rounded
    assert verdict("0.8806", sigmoid(2), None) == "error"
    assert verdict("0.1051", 0.104994, 0.8807 * (1 - 0.8807)) == "rounding"  # carried rounding
    assert verdict("0.1051", 0.104994, None) == "error"
    assert verdict("0", -1.0, None) == "error"  # a whole number is no licence for ±1
    assert verdict("0.5", 0.497127, None, exactly=True) == "error"
    assert verdict("5.57e-4", -5.59e-4, -5.57e-4) == "error"  # the sign is wrong


def test_cli_set_and_part(capsys):
    assert main(["homework", "--part", "b", "--set", "w9=0", "--json"]) == 0
    (part,) = json.loads(capsys.readouterr().out)["parts"]
    assert part["name"] == "b"
    # with w9 = 0, ∂z/∂a3 = w9 = 0 blocks the path through a3: w5' = 0.5 is right
    (w5,) = [c for c in part["checks"] if c["quantity"] == "w5'" and c["kind"] == "result"]
    assert (w5["written"], w5["verdict"], w5["exact"]) == ("0.5", "match", 0.5)


def test_huge_computed_numbers_are_printed_in_digits_not_hundreds_of_places(capsys):
    # lr = 1e300 makes w2' about 6.66e295: beside a written 1.0000005 it shows as such
    assert main(["homework", "--part", "a", "--set", "α=1e300", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    a1 = sigmoid(2.0)  # part a: x = (0, 1), every weight and bias 1
    a = sigmoid(3 * a1 + 1)
    dL_dw2 = -(1 - a) * a * (1 - a) * 1 * a1 * (1 - a1) * 1
    shown = f"{1 - 1e300 * dL_dw2:.6g}".replace("e+", "e")
    rows = [line for line in lines if line.split()[1:3] == ["w2'", "1.0000005"]]
    assert rows and all(shown in row for row in rows)
    assert max(map(len, lines)) < 400


@pytest.mark.parametrize(
    "argv, words",
    [
        (["homework", "--part", "c"], ["--part", "'c'", "a, b"]),
        (["homework", "--set", "q=1"], ["'q'", "not a given value"]),
        (["homework", "--set", "w1=nan"], ["w1", "finite"]),
        (["check", "/no/such/file.toml"], ["cannot read"]),
        (["homework", "--set", "y=nan"], ["--set y", "finite"]),
        (["check", "/bin/ls"], ["not UTF-8 text"]),
        (["graph", "--part", "a", "-o", "/no/such/dir/x.dot"], ["No such file"]),
    ],
)
def test_cli_errors_are_one_line(capsys, argv, words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert all(w in err for w in words)


USER_FILE = """
[network]
inputs = 1
layers = [1]
activation = "sigmoid"

[parts.mine]
x = [2]
y = 0
learning_rate = 0.5
parameters = { w1 = 0.5, b1 = -1 }

[[parts.mine.written]]
quantity = "a1"
value = "0.5"

[[parts.mine.written]]
quantity = "dL/dw1"
value = "0.25"

[[parts.mine.written]]
quantity = "w1'"
value = "0.375"
"""


def test_a_linear_output_neuron_is_audited_and_drawn(tmp_path, capsys):
    # z2 = w3·σ(w1·x1 + w2·x2 + b1) + b2, with no activation: 2 · σ(0.5·1 − 0.5·2 + 0) + 0.5
    text = USER_FILE.replace("layers = [1]", "layers = [1, 1]").replace(
        'activation = "sigmoid"', 'activation = ["sigmoid", "linear"]'
    )
    text = text.replace("inputs = 1", "inputs = 2").replace("x = [2]", "x = [1, 2]")
    given = "{ w1 = 0.5, w2 = -0.5, w3 = 2, b1 = 0, b2 = 0.5 }"
    text = text.replace("{ w1 = 0.5, b1 = -1 }", given)
    z2 = 2 * sigmoid(0.5 * 1 - 0.5 * 2) + 0.5
    text += f'[[parts.mine.written]]\nquantity = "z2"\nvalue = "{z2:.4f}"\n'
    path = tmp_path / "linear.toml"
    path.write_text(text)
    assert main(["check", str(path), "--all"]) == 0
    out = capsys.readouterr().out
    (row,) = [line for line in out.splitlines() if line.split()[1:3] == ["z2", f"{z2:.4f}"]]
    assert row.split()[-1] == "match" and " a2 " not in out
    picture = str(tmp_path / "x.dot")
    assert main(["graph", "--file", str(path), "--part", "mine", "-o", picture]) == 0


# A second part placed before "mine", so that its fields are read first.
TWO = "[parts.two]\nx = [2]\ny = 0\nlearning_rate = 0.5\nparameters = { w1 = 0.5, b1 = -1 }\n"


def test_check_a_users_own_file_toml_and_json(tmp_path, capsys):
    # z = 0.5·2 − 1 = 0, a = σ(0) = ½, ∂L/∂w1 = (a − y)·a(1 − a)·x = ½·¼·2 = ¼, w1' = ½ − ½·¼
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE)
    (part,) = check(path).parts
    assert [c.verdict for c in part.checks if c.kind != "given"] == ["match", "match", "match"]
    tomllib = pytest.importorskip("tomllib")
    json_path = tmp_path / "mine.json"
    json_path.write_text(json.dumps(tomllib.loads(USER_FILE)))
    assert main(["check", str(json_path), "--json"]) == 0
    (part,) = json.loads(capsys.readouterr().out)["parts"]
    (w1,) = [c for c in part["checks"] if c["quantity"] == "w1'"]
    assert w1["exact"] == 0.375 and w1["written"] == "0.375"


def test_output_names_are_the_ones_written(tmp_path):
    path = tmp_path / "named.toml"
    path.write_text(
        USER_FILE.replace('"sigmoid"', '"sigmoid"\noutput = ["s", "p"]').replace('"a1"', '"p"')
    )
    (first, *_) = [c for c in check(path).parts[0].checks if c.kind != "given"]
    assert (first.quantity, first.verdict) == ("p", "match")  # p = σ(0) = ½, as a1 was


def test_graph_of_a_check_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE)
    out = tmp_path / "mine.dot"
    assert (
        main(["graph", "--file", str(path), "--part", "mine", "--highlight", "w1", "-o", str(out)])
        == 0
    )
    dot = out.read_text()
    # ∂z1/∂w1 = x1 = 2, drawn on the edge from w1, and the path to w1 highlighted
    assert "∂z1/∂w1 = x1 = 2" in dot and "∂L/∂w1" in dot


def test_a_check_file_is_computed_by_the_worksheet_model_as_its_network():
    # one model of a part: the check file's loss graph, computed by the worksheet model, is
    # the graph nn's MLP builds from the same givens (a dot node per neuron, ½ a constant)
    from autograd import Value, nn
    from autograd.audit.checkfile import loss_graph
    from autograd.drawing import draw
    from autograd.homework import load

    part = load()["b"]
    loss, groups = loss_graph(part)
    mlp = nn.MLP(part.inputs, part.layers, part.activation)
    mlp.load_state_dict({n: part.given[n] for n in part.parameter_names()})
    mlp.neurons[-1].labels = part.output  # the homework names its output z and a
    x = [Value(part.given[f"x{i + 1}"], f"x{i + 1}") for i in range(part.inputs)]
    expected = nn.half_mse([mlp(x)], [Value(part.given["y"], "y")])
    expected.backward()
    assert draw(loss, groups=groups).source == draw(expected, groups=mlp.groups()).source


def test_a_worksheet_neuron_is_one_node_as_written(tmp_path):
    # z1 = w1·x1 + w2·x2 + b1 in the homework's own text: ∂z1/∂w1 = x1 on w1's edge
    out = tmp_path / "b.dot"
    assert main(["graph", "--file", str(WORKSHEET), "--part", "b", "-o", str(out)]) == 0
    assert "∂z1/∂w1 = x1 = 1" in out.read_text(encoding="utf-8")


def test_many_written_decimals_do_not_crash(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(USER_FILE.replace('value = "0.5"', 'value = "0.' + "5" * 40 + '"'))
    (first, *_) = [c for c in check(path).parts[0].checks if c.kind != "given"]
    assert first.verdict == "error"  # 0.5555… is not σ(0) = 0.5


@pytest.mark.parametrize(
    "change, words",
    [
        (("layers = [1]", "layers = []"), ["network.layers"]),
        (("w1 = 0.5, ", ""), ["parts.mine.parameters", "missing w1"]),
        (('value = "0.5"', "value = 0.5"), ["parts.mine.written[0].value", "string"]),
        (('value = "0.5"', 'value = "half"'), ["parts.mine.written[0].value", "'half'"]),
        (('quantity = "a1"', 'quantity = "a7"'), ["written[0].quantity", "'a7'"]),
        (("x = [2]", "x = [2, 3]"), ["parts.mine.x", "1 numbers"]),
        (('activation = "sigmoid"', 'activation = "cubic"'), ["network.activation", "cubic"]),
        (("[network]", "[network"), ["not valid TOML"]),
        (('quantity = "dL/dw1"', 'quantity = "dw1/dL"'), ["'dw1/dL'", "not computed from"]),
        (("inputs = 1", "inputs = true"), ["network.inputs"]),
        (("layers = [1]", "layers = [100000000]"), ["200000000 parameters", "at most"]),
        (('value = "0.5"', 'value = "1e999"'), ["written[0].value", "'1e999'"]),
        # too small or too large to judge: refused when read, not an InvalidOperation later
        (('value = "0.5"', 'value = "1e-999999"'), ["written[0].value", "too small", "1e-308"]),
        (('value = "0.5"', 'value = "0e-400"'), ["written[0].value", "'0e-400'", "too small"]),
        (('value = "0.5"', 'value = "0e400"'), ["written[0].value", "'0e400'", "too large"]),
        (('value = "0.5"', 'value = "2e308"'), ["written[0].value", "1e308"]),
        # a wrong type for each field: a line naming it, never a TypeError from deeper in
        (("[network]", "title = 3\n[network]"), ["field 'title'", "string"]),
        (('activation = "sigmoid"', "activation = 3"), ["network.activation", "list of names"]),
        (('activation = "sigmoid"', "activation = [[1]]"), ["network.activation", "sigmoid"]),
        (('"sigmoid"', '"sigmoid"\nloss = []'), ["network.loss", "half_mse, mse"]),
        (("[parts.mine]", "[parts]\ntwo = 3\n[parts.mine]"), ["'parts.two'", "table"]),
        (("[parts.mine]", "[parts.mine]\ntitle = 3"), ["parts.mine.title", "string"]),
        (("[parts.mine]", TWO + "written = 3\n[parts.mine]"), ["parts.two.written", "list"]),
        (("[parts.mine]", TWO + "written = [3]\n[parts.mine]"), ["parts.two.written[0]", "table"]),
        (("[parts.mine]", "[parts.mine]\nreadings = 3"), ["parts.mine.readings", "list"]),
        (('value = "0.5"', 'value = "0.5"\nstep = 3'), ["written[0].step", "string"]),
        (('value = "0.5"', 'value = "0.5"\nwhere = 3'), ["written[0].where", "string"]),
        (('value = "0.5"', 'value = "0.5"\nexact = 1'), ["written[0].exact", "true or false"]),
        (("layers = [1]", "layers = [true]"), ["network.layers", "positive integers"]),
        (("y = 0", "y = [0]"), ["parts.mine.y", "number"]),
        # the output neuron's names: two, different, and no other quantity's
        (('"sigmoid"', '"sigmoid"\noutput = ["a", "a"]'), ["network.output", "different"]),
        (('"sigmoid"', '"sigmoid"\noutput = [1, 2]'), ["network.output", "[1, 2]"]),
        (('"sigmoid"', '"sigmoid"\noutput = ["w1", "b1"]'), ["network.output", "parameter"]),
        (('"sigmoid"', '"sigmoid"\noutput = ["x1", "a"]'), ["network.output", "input"]),
        (('"sigmoid"', '"sigmoid"\noutput = ["z", "L"]'), ["network.output", "'L'"]),
        (('"sigmoid"', '"sigmoid"\noutput = ["z", "a\'"]'), ["network.output", "a'"]),
        (('"sigmoid"', '"sigmoid"\noutput = "za"'), ["network.output", "list"]),
        (("layers = [1]", 'layers = [2, 1]\noutput = ["z1", "a"]'), ["network.output", "z1"]),
        # a misspelt key was passed over: "los" left the loss half_mse, silently
        (('"sigmoid"', '"sigmoid"\nlos = "mse"'), ["field 'network'", "'los'", "loss"]),
        (("[parts.mine]", "[parts.mine]\nlearning-rate = 1"), ["parts.mine", "'learning-rate'"]),
        (('value = "0.5"', 'value = "0.5"\nexcat = true'), ["written[0]", "'excat'", "exact"]),
        (("[network]", 'titel = "a"\n[network]'), ["top level", "'titel'", "title"]),
        # given values the engine cannot work with name the part or the reading
        (("w1 = 0.5", "w1 = 1e308"), ["'parts.mine'", "cannot be worked", "too large"]),
        (
            ("[parts.mine]", '[parts.mine]\nreadings = [{ set = { w1 = 1e308 }, why = "?" }]'),
            ["'parts.mine.readings[0].set'", "cannot be worked"],
        ),
    ],
)
def test_malformed_check_files_name_the_field(tmp_path, change, words):
    path = tmp_path / "bad.toml"
    path.write_text(USER_FILE.replace(*change))
    with pytest.raises(CheckFileError) as caught:
        load_file(path)
    assert all(w in str(caught.value) for w in words), str(caught.value)


def test_malformed_json_documents_name_the_field():
    tomllib = pytest.importorskip("tomllib")
    good = tomllib.loads(USER_FILE)
    for change, words in [
        ({"parts": {}}, ["'parts'", "at least one part"]),
        ({"parts": {"mine": {**good["parts"]["mine"], "y": 10**400}}}, ["mine.y", "finite"]),
        ({"network": {**good["network"], "activation": None}}, ["network.activation"]),
    ]:
        with pytest.raises(CheckFileError) as caught:
            parse({**good, **change})
        assert all(w in str(caught.value) for w in words), str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        ('activation = "sigmoid"', "activation = 3"),
        ('"sigmoid"', '"sigmoid"\nloss = []'),
        ("[parts.mine]", "[parts.mine]\ntitle = 3"),
        ("[parts.mine]", TWO + "written = 3\n[parts.mine]"),
        ('value = "0.5"', 'value = "1e-999999"'),
    ],
)
def test_check_prints_one_line_for_a_malformed_file(tmp_path, change):
    path = tmp_path / "bad.toml"
    path.write_text(USER_FILE.replace(*change))
    run = subprocess.run(
        [sys.executable, "-m", "autograd", "check", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith(f"error: {path}: field '") and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr
