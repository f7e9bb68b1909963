"""The homework audit: verdicts worked out by hand from the document, and the check format.

Expected numbers come from `math` and the homework's own arithmetic, never from the audit.
"""

import json
import math
import subprocess
import sys

import pytest

from autograd.audit import CheckFileError, audit, load_file, parse, verdict
from autograd.cli import main
from autograd.homework import load


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


@pytest.fixture(scope="module")
def reports():
    return {name: audit(part) for name, part in load().items()}


def verdicts(report):
    return [(c.quantity, c.written, c.verdict) for c in report.checks]


def test_verdict_rule_from_first_principles():
    assert verdict("0.8808", sigmoid(2), None) == "match"  # 0.880797 rounds to 0.8808
    assert verdict("0.8807", sigmoid(2), None) == "rounding"  # truncated, not rounded
    assert verdict("0.8806", sigmoid(2), None) == "error"
    assert verdict("0.1051", 0.104994, 0.8807 * (1 - 0.8807)) == "rounding"  # carried rounding
    assert verdict("0.1051", 0.104994, None) == "error"
    assert verdict("0", -1.0, None) == "error"  # a whole number is no licence for ±1
    assert verdict("0.5", 0.497127, None, exactly=True) == "error"
    assert verdict("5.57e-4", -5.59e-4, -5.57e-4) == "error"  # the sign is wrong


def test_part_a_errors_are_the_dropped_sign_and_the_hidden_updates(reports):
    errors = [(q, w) for q, w, v in verdicts(reports["a"]) if v == "error"]
    # ∂L/∂w8 is negative (−5.59e−4), and w2', w4', w6' are 1 + 0.1·6.664e−5 = 1.0000067
    assert errors == [
        ("dL/dw8", "5.57e-4"),
        ("w2'", "1.0000005"),
        ("w4'", "1.00000005"),
        ("w6'", "1.00000005"),
    ]


def test_part_a_truncations_are_rounding_not_error(reports):
    judged = {(q, w): v for q, w, v in verdicts(reports["a"])}
    assert judged[("a1", "0.8807")] == "rounding"  # σ(2) = 0.880797
    assert judged[("z", "3.6423")] == "rounding"  # 3σ(2) + 1 = 3.642391
    assert judged[("a", "0.9745")] == "match"  # σ(3.642391) = 0.974479
    assert judged[("L", "0.00032")] == "rounding"  # ½(1 − 0.974479)² = 0.000325667
    assert judged[("w7'", "1.000055")] == "rounding"  # 1.0000559 truncated
    assert judged[("da1/dz1", "0.1051")] == "rounding"  # 0.8807·0.1193, exact 0.104994
    assert judged[("w1'", "1")] == "match"  # x1 = 0: w1 does not move


def test_part_b_errors_all_come_from_reading_w9_as_zero(reports):
    errors = [(q, w) for q, w, v in verdicts(reports["b"]) if v == "error"]
    assert errors == [("w9", "0"), ("w9'", "0.00693"), ("w9", "0"), ("dz/da3", "0"), ("w5'", "0.5")]
    judged = {(q, w): v for q, w, v in verdicts(reports["b"])}
    assert judged[("a", "0.5249")] == "rounding"  # σ(0.1) = 0.524979
    assert judged[("L", "0.1128")] == "match"  # 0.112822
    assert judged[("w7'", "1.00693")] == "rounding"  # 1.006949 exact; 1.0069394 from own
    assert judged[("w1'", "0.50286")] == "rounding"  # 0.5028726 exact; 0.5028688 from own


def test_part_b_contradiction_and_both_readings(reports):
    (c,) = reports["b"].contradictions
    assert c.quantity == "w9" and [r.text for r in c.readings] == ["-1", "0"]
    assert list(c.results) == ["0"]  # the given reading is the report itself
    a1 = sigmoid(0.35)
    for w9, report in (("-1", reports["b"]), ("0", c.results["0"])):
        reading = float(w9)
        a = sigmoid(a1 + reading * a1 + 0.1)  # w7 = 1, w8 = 0
        delta = -(1 - a) * a * (1 - a)
        updated = report.worked.updated
        assert updated["w9"] == pytest.approx(reading - 0.1 * delta * a1, rel=1e-12)
        assert updated["w5"] == pytest.approx(0.5 - 0.1 * delta * reading * a1 * (1 - a1))
    # under the backward pass's reading the student's w5' = 0.5 is right
    judged = {(x.quantity, x.written): x.verdict for x in c.results["0"].checks}
    assert judged[("w5'", "0.5")] == "match" and judged[("dz/da3", "0")] == "match"
    assert reports["a"].contradictions == []


def test_part_b_swapped_output_weights_explain_the_backward_pass(reports):
    # a1 = a2 = a3, so w8 = −1, w9 = 0 gives the same forward pass; then the backward
    # pass is right and only the forward line's weights (w8 = 0, w9 = −1) are wrong.
    ((reading, report),) = reports["b"].readings
    assert reading.set == {"w8": -1.0, "w9": 0.0}
    errors = [(c.quantity, c.written) for c in report.checks if c.verdict == "error"]
    assert errors == [("w8", "0"), ("w9", "-1")]
    a1, a = sigmoid(0.35), sigmoid(0.1)
    assert report.worked.updated["w9"] == pytest.approx(0.1 * (1 - a) * a * (1 - a) * a1)


def test_own_numbers_show_where_a_line_does_not_follow(reports):
    checks = {(c.quantity, c.written): c for c in reports["a"].checks}
    w8 = checks[("w8'", "1.000055")]
    assert w8.own_all == pytest.approx(1 - 0.1 * 5.57e-4) and not w8.follows
    assert w8.own == pytest.approx(1.0000557, abs=1e-7)  # the wrong ∂L/∂w8 is not used
    w9 = {(c.quantity, c.written): c for c in reports["b"].checks}[("w9'", "0.00693")]
    step = 0.1 * (-0.4751 * 0.249 * 0.5866)
    assert w9.own_all == pytest.approx(0 - step) and w9.follows  # from the written w9 = 0
    assert w9.own == pytest.approx(-1 - step)  # w9 = 0 is judged wrong, so not used


def test_every_parameter_gets_a_gradient_and_update(reports):
    for report in reports.values():
        names = [f"w{i}" for i in range(1, 10)] + [f"b{i}" for i in range(1, 5)]
        assert list(report.worked.gradients) == names == list(report.worked.updated)
    text = reports["b"].text()
    assert "∂L/∂b4 = ∂L/∂a · ∂a/∂z · ∂z/∂b4" in text and "Contradiction: w9" in text


def test_cli_json_shape_and_numbers():
    out = subprocess.run(
        [sys.executable, "-m", "autograd", "homework", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    document = json.loads(out)
    assert set(document) == {"a", "b"}
    for part in document.values():
        assert set(part["gradients"]) == set(part["updated"]) and len(part["updated"]) == 13
        assert {"quantity", "written", "computed", "verdict"} <= set(part["checks"][0])
    a1, a = sigmoid(0.35), sigmoid(0.1)
    expected_w1 = 0.5 - 0.1 * (-(1 - a) * a * (1 - a) * 1 * a1 * (1 - a1) * 1)
    assert document["b"]["updated"]["w1"] == pytest.approx(expected_w1, rel=1e-12)


def test_cli_set_and_part(capsys):
    assert main(["homework", "--part", "b", "--set", "w9=0", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["b"]
    assert document["b"]["updated"]["w5"] == 0.5  # ∂z/∂a3 = w9 = 0 blocks the path


def test_huge_computed_numbers_are_printed_in_digits_not_hundreds_of_places(capsys):
    # lr = 1e300 makes w2' about 6.66e295: beside a written 1.0000005 it shows as such
    assert main(["homework", "--part", "a", "--set", "learning_rate=1e300"]) == 0
    lines = capsys.readouterr().out.splitlines()
    a1 = sigmoid(2.0)  # part a: x = (0, 1), every weight and bias 1
    a = sigmoid(3 * a1 + 1)
    dL_dw2 = -(1 - a) * a * (1 - a) * 1 * a1 * (1 - a1) * 1
    shown = f"{1 - 1e300 * dL_dw2:.7e}"
    rows = [line for line in lines if line.lstrip().startswith("w2' ")]
    assert rows and all(shown in row for row in rows)
    assert max(map(len, lines)) < 400


@pytest.mark.parametrize(
    "argv, words",
    [
        (["homework", "--part", "c"], ["--part", "'c'", "a, b"]),
        (["homework", "--set", "q=1"], ["'q'", "not a given value"]),
        (["homework", "--set", "w1=nan"], ["w1", "finite"]),
        (["check", "/no/such/file.toml"], ["cannot read"]),
        (["homework", "--set", "x1=1e308", "--set", "w1=10"], ["dot", "too large"]),
        (["homework", "--set", "y=nan"], ["--set y", "finite"]),
        (["check", "/bin/ls"], ["not a text file"]),
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
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"  z2 = {z2:.6g}\n" in out and "a2" not in out
    (row,) = [line for line in out.splitlines() if line.split()[:2] == ["z2", f"{z2:.4f}"]]
    assert "match" in row
    picture = str(tmp_path / "x.dot")
    assert main(["graph", "--file", str(path), "--part", "mine", "-o", picture]) == 0


# A second part placed before "mine", so that its fields are read first.
TWO = "[parts.two]\nx = [2]\ny = 0\nlearning_rate = 0.5\nparameters = { w1 = 0.5, b1 = -1 }\n"


def test_check_a_users_own_file_toml_and_json(tmp_path, capsys):
    # z = 0.5·2 − 1 = 0, a = σ(0) = ½, ∂L/∂w1 = (a − y)·a(1 − a)·x = ½·¼·2 = ¼, w1' = ½ − ½·¼
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE)
    report = audit(load_file(path)["mine"])
    assert [c.verdict for c in report.checks] == ["match", "match", "match"]
    tomllib = pytest.importorskip("tomllib")
    json_path = tmp_path / "mine.json"
    json_path.write_text(json.dumps(tomllib.loads(USER_FILE)))
    assert main(["check", str(json_path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["mine"]["updated"]["w1"] == 0.375


def test_output_names_are_the_ones_written(tmp_path):
    path = tmp_path / "named.toml"
    path.write_text(
        USER_FILE.replace('"sigmoid"', '"sigmoid"\noutput = ["s", "p"]').replace('"a1"', '"p"')
    )
    (check, *_) = audit(load_file(path)["mine"]).checks  # p = σ(0) = ½, as a1 was
    assert (check.quantity, check.verdict) == ("p", "match")


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


def test_many_written_decimals_do_not_crash(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(USER_FILE.replace('value = "0.5"', 'value = "0.' + "5" * 40 + '"'))
    (check, *_) = audit(load_file(path)["mine"]).checks
    assert check.verdict == "error"  # 0.5555… is not σ(0) = 0.5


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
