"""Neural-network parts, checked against the 2-3-1 network worked by hand with math."""

import json
import math
import random

import pytest

import autograd
from autograd import Value
from autograd.files import MAX_FILE_BYTES, FileError
from autograd.nn import MLP, SGD, Layer, Neuron, half_mse, hinge, mse


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def homework_net(params):
    net = MLP(2, [3, 1], activation="sigmoid")
    net.load_state_dict(params)
    return net


PART_B = {
    "w1": 0.5, "w2": -0.25, "w3": 0.5, "w4": -0.25, "w5": 0.5, "w6": -0.25,
    "w7": 1.0, "w8": 0.0, "w9": -1.0, "b1": 0.1, "b2": 0.1, "b3": 0.1, "b4": 0.1,
}  # fmt: skip


def hand_worked_part_b():
    """Forward and backward of part b written out with math, one chain-rule factor at a time."""
    p, x, y = PART_B, (1.0, 1.0), 1.0
    z = [p[f"w{2 * i + 1}"] * x[0] + p[f"w{2 * i + 2}"] * x[1] + p[f"b{i + 1}"] for i in range(3)]
    a = [sigmoid(zi) for zi in z]
    zo = p["w7"] * a[0] + p["w8"] * a[1] + p["w9"] * a[2] + p["b4"]
    ao = sigmoid(zo)
    loss = 0.5 * (y - ao) ** 2
    delta = -(y - ao) * ao * (1 - ao)  # ∂L/∂a · ∂a/∂z
    grads = {"w7": delta * a[0], "w8": delta * a[1], "w9": delta * a[2], "b4": delta}
    for i in range(3):
        d_hidden = delta * p[f"w{7 + i}"] * a[i] * (1 - a[i])  # · ∂z/∂ai · ∂ai/∂zi
        grads[f"w{2 * i + 1}"] = d_hidden * x[0]
        grads[f"w{2 * i + 2}"] = d_hidden * x[1]
        grads[f"b{i + 1}"] = d_hidden
    return loss, grads


def test_parameters_are_named_as_the_homework_names_them():
    net = MLP(2, [3, 1], activation="sigmoid")
    assert [name for name, _ in net.named_parameters()] == [f"w{i}" for i in range(1, 10)] + [
        f"b{i}" for i in range(1, 5)
    ]
    assert len(net.parameters()) == 13
    # hidden unit i computes z_i = w(2i−1)·x1 + w(2i)·x2 + b_i
    assert [w.label for w in net.layers[0].neurons[1].w] == ["w3", "w4"]
    assert net.groups()["layer 2"] == {"neuron 4": ["w7", "w8", "w9", "b4", "z4", "a4"]}


def test_homework_part_b_forward_and_all_13_gradients_against_hand_calculation():
    net = homework_net(PART_B)
    loss = half_mse([net([1.0, 1.0])], [1.0])
    loss.backward()
    expected_loss, expected = hand_worked_part_b()
    assert loss.data == pytest.approx(expected_loss, rel=1e-14)
    for name, p in net.named_parameters():
        assert p.grad == pytest.approx(expected[name], rel=1e-12, abs=1e-300), name


def test_gradients_against_finite_differences():
    net = MLP(3, [4, 4, 1], activation=["tanh", "sigmoid", "linear"], seed=1)
    x, y = [0.3, -0.7, 1.1], 0.25

    def loss_value():
        return half_mse([net(x)], [y]).data

    loss = half_mse([net(x)], [y])
    loss.backward()
    h = 1e-6
    for name, p in net.named_parameters():
        p.data += h
        up = loss_value()
        p.data -= 2 * h
        down = loss_value()
        p.data += h
        assert p.grad == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-9), name


def test_micrograd_compatible_surface():
    net = MLP(2, [16, 16, 1], seed=0)  # micrograd's default: relu hidden, linear output
    assert net.activations == ["relu", "relu", "linear"]
    out = net([2.0, -1.0])
    assert isinstance(out, Value)
    assert isinstance(MLP(2, [3], seed=0)([1.0, 1.0]), list)
    out.backward()
    assert any(p.grad != 0 for p in net.parameters())
    net.zero_grad()
    assert all(p.grad == 0 for p in net.parameters())
    one_wide = MLP(2, [1, 1], activation="sigmoid", seed=0)
    assert isinstance(one_wide([1.0, 2.0]), Value)
    assert len(one_wide.parameters()) == 2 + 1 + 1 + 1


def test_parameters_filled_by_position_from_micrograd_give_micrograd_losses_and_grads():
    micrograd = pytest.importorskip("micrograd.nn")
    theirs = micrograd.MLP(2, [16, 16, 1])
    ours = MLP(2, [16, 16, 1], seed=0)
    rng = random.Random(1)
    for p, q in zip(theirs.parameters(), ours.parameters(), strict=True):
        p.data = q.data = rng.uniform(-1.0, 1.0)  # biases too: their place in the order shows
    points = [[rng.gauss(0, 1), rng.gauss(0, 1)] for _ in range(8)]
    labels = [1.0 if i % 2 else -1.0 for i in range(8)]
    # micrograd's demo loss: SVM hinge plus L2 on every parameter
    their_loss = sum((1 + -y * theirs(x)).relu() for x, y in zip(points, labels)) * (1 / 8)
    their_loss = their_loss + 1e-4 * sum(p * p for p in theirs.parameters())
    our_loss = hinge([ours(x) for x in points], labels)
    our_loss = our_loss + 1e-4 * autograd.sum(p * p for p in ours.parameters())
    their_loss.backward()
    our_loss.backward()
    assert our_loss.data == pytest.approx(their_loss.data, rel=1e-12)
    for i, (p, q) in enumerate(zip(theirs.parameters(), ours.parameters())):
        assert q.grad == pytest.approx(p.grad, rel=1e-9, abs=1e-15), (i, q.label)


def test_parameters_go_neuron_by_neuron_and_names_keep_the_hand_order():
    net = MLP(2, [2, 1], seed=0)
    by_position = [p.label for p in net.parameters()]
    assert by_position == ["w1", "w2", "b1", "w3", "w4", "b2", "w5", "w6", "b3"]
    assert list(net.state_dict()) == ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"]
    assert set(net.parameters()) == {p for _, p in net.named_parameters()}


def test_neuron_and_layer_alone():
    n = Neuron(2, activation="tanh", seed=0)
    n.load_state_dict({"w1": 0.5, "w2": -1.0, "b1": 0.25})
    assert n([2.0, 1.0]).data == pytest.approx(math.tanh(0.5 * 2 - 1 + 0.25))
    layer = Layer(2, 2, activation="relu", seed=0)
    layer.load_state_dict({"w1": 1.0, "w2": 1.0, "w3": -1.0, "w4": -1.0, "b1": 0.0, "b2": 0.0})
    assert [v.data for v in layer([1.0, 2.0])] == [3.0, 0.0]


def test_losses_by_hand():
    preds, targets = [Value(0.5), Value(2.0)], [1.0, 0.0]
    assert half_mse(preds, targets).data == pytest.approx((0.5 * 0.25 + 0.5 * 4) / 2)
    assert mse(preds, targets).data == pytest.approx((0.25 + 4) / 2)
    assert hinge([Value(0.5), Value(-2.0)], [1.0, -1.0]).data == pytest.approx((0.5 + 0.0) / 2)
    a = Value(0.9)
    half_mse([a], [1.0]).backward()
    assert a.grad == pytest.approx(-(1.0 - 0.9))  # ∂L/∂ŷ = −(y − ŷ)
    with pytest.raises(ValueError, match="2 predictions for 1 targets"):
        half_mse(preds, [1.0])


def test_sgd_step():
    net = homework_net(PART_B)
    half_mse([net([1.0, 1.0])], [1.0]).backward()
    _, grads = hand_worked_part_b()
    SGD(net.parameters(), lr=0.1).step()
    for name, p in net.named_parameters():
        assert p.data == pytest.approx(PART_B[name] - 0.1 * grads[name], rel=1e-12), name


def test_set_parameters_by_name_and_errors():
    net = MLP(2, [3, 1], activation="sigmoid", seed=0)
    net.load_state_dict({"w7": 2.5}, strict=False)
    assert net.parameter("w7").data == 2.5
    with pytest.raises(KeyError, match="missing parameter 'w1'"):
        net.load_state_dict({"w7": 1.0})
    with pytest.raises(KeyError, match="unknown parameter 'w10'"):
        net.load_state_dict({"w10": 1.0}, strict=False)
    with pytest.raises(KeyError, match="no parameter 'q'"):
        net.parameter("q")
    with pytest.raises(TypeError, match="w7"):
        net.load_state_dict({"w7": "big"}, strict=False)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: MLP(2, [3, 1], activation="softmax"), ["activation", "softmax"]),
        (lambda: MLP(2, [3, 1], activation=["relu"]), ["1 activations", "2 layers"]),
        (lambda: MLP(2, []), ["at least one layer"]),
        (lambda: MLP(2, [0]), ["at least one neuron"]),
        (lambda: MLP(2, [1])([1.0]), ["expected 2 inputs, got 1"]),
        (lambda: MLP(2.5, [1]), ["MLP: nin", "2.5"]),  # was: 'float' object cannot be …
        (lambda: MLP(2, [3, "4"]), ["MLP: nouts[1]", "'4'"]),
        # 10¹⁰ weights: memory grew until the process was killed; refused before building
        (lambda: MLP(100_000, [100_000]), ["10,000,100,000 parameters", "10,000,000"]),
    ],
)
def test_bad_architecture_or_input(make, words):
    with pytest.raises(ValueError) as caught:
        make()
    assert all(w in str(caught.value) for w in words)


def test_save_and_load_json(tmp_path):
    net = homework_net(PART_B)
    path = tmp_path / "net.json"
    net.save(path)
    document = json.loads(path.read_text())
    assert document["parameters"]["w9"] == -1.0
    again = MLP.load(path)
    assert again.state_dict() == net.state_dict()
    assert again([1.0, 1.0]).data == net([1.0, 1.0]).data


@pytest.mark.parametrize(
    "text, words",
    [
        ("{not json", ["not valid JSON"]),
        ("[1, 2]", ["JSON object"]),
        ('{"nin": 2, "nouts": [1], "activations": ["linear"]}', ["'parameters'"]),
        ('{"nin": "2", "nouts": [1], "activations": ["linear"], "parameters": {}}', ["'nin'"]),
        (
            '{"nin": 2, "nouts": [1], "activations": ["linear"], "parameters": {"w1": 1, "w2": 1}}',
            ["missing parameter 'b1'"],
        ),
        (
            '{"nin": 1, "nouts": [1], "activations": ["linear"], '
            '"parameters": {"w1": 1, "w2": 1, "b1": 0}}',
            ["unknown parameter 'w2'"],
        ),
        (
            '{"nin": 1, "nouts": [1], "activations": ["linear"], '
            '"parameters": {"w1": 1, "b1": 1e999}}',  # JSON's 1e999 is Python's inf
            ["b1", "finite"],
        ),
        (
            '{"nin": 1, "nouts": [1], "activations": ["linear"], '
            '"parameters": {"w1": 1, "b1": 1' + "0" * 400 + "}}",
            ["b1", "401 digits"],
        ),
    ],
)
def test_load_rejects_malformed_or_mismatched_files(tmp_path, text, words):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ValueError) as caught:
        MLP.load(path)
    assert str(path) in str(caught.value)
    assert all(w in str(caught.value) for w in words)


MODEL = '{"nin": 1, "nouts": [1], "activations": ["linear"], "parameters": {"w1": 1, "b1": 0}}'


@pytest.mark.parametrize(
    "text, words",
    [
        # 80 bytes declaring 10¹⁰ weights: refused by counting, before building one
        (
            MODEL.replace('"nin": 1', '"nin": 100000').replace("[1]", "[100000]"),
            ["10,000,100,000 parameters", "100,000"],
        ),
        (
            MODEL.replace("[1]", "[1, " + "1, " * 100_000 + "1]"),
            ["200,004 parameters, more than 100,000"],
        ),
        ("[" * 100_000, ["nested too deeply"]),
        ('{"a": ' * 100_000, ["nested too deeply"]),
        (MODEL.replace('"b1": 0', '"w1": 2, "b1": 0'), ['key "w1" appears twice']),
        (MODEL.replace('"nin": 1,', '"nin": 1, "nin": 1,'), ['key "nin" appears twice']),
        (MODEL.replace('"nin": 1', '"nin": true'), ["field 'nin'", "got true"]),
        (MODEL.replace("[1]", "[true]"), ["field 'nouts'", "got [true]"]),
        (MODEL.replace('["linear"]', '[["sigmoid"]]'), ["field 'activations'", '[["sigmoid"]]']),
        (MODEL.replace('["linear"]', '["linear", "relu"]'), ["field 'activations'", "1 in all"]),
        (MODEL.replace('"b1": 0', '"b1": ' + "9" * 5000), ["line 1 column", "5,000 digits"]),
        (MODEL.replace('"b1": 0', '"b1": NaN'), ["NaN is not a JSON number"]),
        (MODEL.replace('"b1": 0', '"b1": 1, "' + "x" * 10_000 + '": 0'), ["unknown parameter"]),
        (MODEL.replace('"nin"', '"nins"'), ['unknown field "nins"']),
        # found by the fuzz suite: a value was quoted whole, whatever its length
        (MODEL.replace('"b1": 0', '"b1": [' + "1, " * 5000 + "1]"), ['"b1": expected a number']),
    ],
)
def test_load_refuses_costly_or_ambiguous_files_in_one_line(tmp_path, text, words):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(FileError) as caught:
        MLP.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < 300
    assert all(w in message for w in words), message


def test_load_refuses_binary_and_oversized_files_before_reading_them(tmp_path):
    binary = tmp_path / "model.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(FileError, match=r"model.png: not UTF-8 text \(byte 0x89 at offset 0\)"):
        MLP.load(binary)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:  # sparse: its size is known, its bytes never written
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(FileError, match="larger than 10,000,000 bytes"):
        MLP.load(huge)
    with pytest.raises(FileError, match="/dev/zero: larger than"):  # no size until read
        MLP.load("/dev/zero")


def test_a_bad_value_in_load_state_dict_changes_no_parameter():
    net = MLP(1, [1], seed=0)
    before = net.state_dict()
    with pytest.raises(ValueError, match="b1"):
        net.load_state_dict({"w1": 5.0, "b1": float("nan")})
    assert net.state_dict() == before


def test_losses_of_plain_numbers_are_constant_values():
    loss = mse([1.0], [3.0])
    assert isinstance(loss, Value) and loss.data == 4.0 and loss.label == "L"
    assert half_mse([1.0, 2.0], [3.0, 2.0]).data == (0.5 * 4 + 0) / 2
    assert hinge([0.5], [1.0]).data == 0.5  # max(0, 1 − 1·0.5)


def test_micrograd_nonlin_spelling():
    assert Neuron(2, nonlin=False, seed=0).activation == "linear"
    assert Layer(2, 3, nonlin=True, seed=0).neurons[0].activation == "relu"


def test_sgd_refuses_a_step_that_overflows():
    w = Value(1.0, label="w1")
    (w * 1e300).backward()
    with pytest.raises(OverflowError, match="w1"):
        SGD([w], lr=1e10).step()
    assert w.data == 1.0
    with pytest.raises(ValueError, match="SGD: lr"):
        SGD([w], lr=float("nan"))


def test_named_parameters_are_pairs_as_in_pytorch():
    net = MLP(2, [1], seed=0)
    assert [(name, type(p)) for name, p in net.named_parameters()] == [
        ("w1", Value), ("w2", Value), ("b1", Value),
    ]  # fmt: skip
