"""softmax, log-sum-exp, cross-entropy and binary cross-entropy: values and gradients against
PyTorch (skipped without it) and finite differences, by hand where a closed form is short."""

import math

import pytest

import autograd
from autograd import Value
from autograd.nn import binary_cross_entropy, cross_entropy
from autograd.testing import gradcheck, gradgradcheck


def _torch():
    return pytest.importorskip("torch")


LOGITS = [[2.0, 1.0, 0.1], [0.0, 5.0, 1.0], [-3.0, 0.5], [1000.0, 999.0, -1000.0]]


@pytest.mark.parametrize("z", LOGITS)
def test_softmax_and_its_jacobian_match_pytorch(z):
    t = _torch()
    tz = t.tensor(z, dtype=t.float64, requires_grad=True)
    want = t.softmax(tz, 0)
    for i in range(len(z)):
        leaves = [Value(x) for x in z]
        p = autograd.softmax(leaves)[i]
        p.backward()
        (row,) = t.autograd.grad(want[i], tz, retain_graph=True)
        assert p.data == pytest.approx(want[i].item(), rel=1e-12, abs=1e-300)
        assert [v.grad for v in leaves] == pytest.approx(row.tolist(), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("z", LOGITS)
def test_logsumexp_matches_pytorch_and_stays_finite(z):
    t = _torch()
    tz = t.tensor(z, dtype=t.float64, requires_grad=True)
    want = t.logsumexp(tz, 0)
    want.backward()
    leaves = [Value(x) for x in z]
    out = autograd.logsumexp(leaves)
    out.backward()
    assert out.data == pytest.approx(want.item(), rel=1e-14)
    assert [v.grad for v in leaves] == pytest.approx(tz.grad.tolist(), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("z", "target"),
    [([2.0, 1.0, 0.1], 0), ([0.0, 5.0, 1.0], [0.0, 0.8, 0.2]), ([1000.0, -1000.0], 1)],
)
def test_cross_entropy_matches_pytorch(z, target):
    t = _torch()
    tz = t.tensor([z], dtype=t.float64, requires_grad=True)
    ty = t.tensor([target]) if isinstance(target, int) else t.tensor([target], dtype=t.float64)
    want = t.nn.functional.cross_entropy(tz, ty)
    want.backward()
    leaves = [Value(x) for x in z]
    loss = cross_entropy(leaves, target)
    loss.backward()
    assert loss.data == pytest.approx(want.item(), rel=1e-12)
    assert [v.grad for v in leaves] == pytest.approx(tz.grad[0].tolist(), rel=1e-9, abs=1e-300)


def test_cross_entropy_of_a_batch_is_the_mean_as_in_pytorch():
    t = _torch()
    z = [[2.0, 1.0, 0.1], [0.5, -1.0, 3.0]]
    tz = t.tensor(z, dtype=t.float64, requires_grad=True)
    want = t.nn.functional.cross_entropy(tz, t.tensor([0, 2]))
    want.backward()
    leaves = [[Value(x) for x in row] for row in z]
    loss = cross_entropy(leaves, [0, 2])
    loss.backward()
    assert loss.data == pytest.approx(want.item(), rel=1e-12)
    assert [v.grad for row in leaves for v in row] == pytest.approx(
        tz.grad.flatten().tolist(), rel=1e-9
    )


def test_binary_cross_entropy_matches_pytorch():
    t = _torch()
    p, y = [0.9, 0.2, 0.3, 0.8], [1.0, 0.0, 1.0, 0.0]
    tp = t.tensor(p, dtype=t.float64, requires_grad=True)
    want = t.nn.functional.binary_cross_entropy(tp, t.tensor(y, dtype=t.float64))
    want.backward()
    leaves = [Value(x) for x in p]
    loss = binary_cross_entropy(leaves, y)
    loss.backward()
    assert loss.data == pytest.approx(want.item(), rel=1e-12)
    assert [v.grad for v in leaves] == pytest.approx(tp.grad.tolist(), rel=1e-12)


def test_the_published_bce_table_by_hand():
    # the four samples of a course's table: −log 0.9, −log 0.8, −log 0.3, −log 0.2, averaged
    want = (-math.log(0.9) - math.log(0.8) - math.log(0.3) - math.log(0.2)) / 4
    assert binary_cross_entropy([0.9, 0.2, 0.3, 0.8], [1, 0, 1, 0]).data == pytest.approx(want)


def test_sigmoid_then_bce_gives_p_minus_y_at_the_logit():
    z = Value(0.25)
    binary_cross_entropy([z.sigmoid()], [0]).backward()
    assert z.grad == pytest.approx(1 / (1 + math.exp(-0.25)))  # p − y with y = 0


@pytest.mark.parametrize("i", [0, 1, 2])
def test_softmax_and_cross_entropy_pass_gradcheck_and_gradgradcheck(i):
    def p(a, b, c):
        return autograd.softmax([a, b, c])[i]

    def loss(a, b, c):
        return cross_entropy([a, b, c], i)

    for f in (p, loss):
        assert gradcheck(f, 0.3, -1.2, 2.0)
        assert gradgradcheck(f, 0.3, -1.2, 2.0)


def test_softmax_sums_to_one_and_refuses_nothing_to_normalise():
    ps = autograd.softmax([Value(1e6), Value(-1e6), Value(0.0)])
    assert math.fsum(p.data for p in ps) == 1.0
    with pytest.raises(ValueError, match="softmax: needs at least one value"):
        autograd.softmax([])
    with pytest.raises(ValueError, match="cross_entropy: class 3 of 3 logits"):
        cross_entropy([1.0, 2.0, 3.0], 3)


def test_softmax_of_huge_logits_sums_to_one_and_its_gradient_is_softmax():
    # log Σ e^z at z = 1e16 + (0, 2, −4) rounds to 1e16 + 2 (a float's step there is 2),
    # and e^(zᵢ − lse) gave (e^-2, 1, e^-6), which sum to 1.138: p2 was 1.0 and ∂lse/∂z
    # summed to 1.138. By hand, softmax is e^dᵢ/Σ e^d with d = (0, 2, −4).
    d = [0.0, 2.0, -4.0]
    want = [math.exp(x) / math.fsum(math.exp(y) for y in d) for x in d]
    for ps in (autograd.softmax([1e16 + x for x in d]), autograd.softmax(d)):
        assert [p.data for p in ps] == pytest.approx(want, rel=1e-12)
    z = [Value(1e16 + x) for x in d]
    autograd.logsumexp(z).backward()
    assert [v.grad for v in z] == pytest.approx(want, rel=1e-12)
    z = [Value(1e16 + x) for x in d]
    cross_entropy(z, 1).backward()  # softmax − the one-hot target
    assert [v.grad for v in z] == pytest.approx([want[0], want[1] - 1, want[2]], rel=1e-12)


def test_softmax_of_more_values_than_its_limit_is_refused_before_building():
    # each output reads every input: n² edges (4,000 values took 5.4 s and 133 MB, and
    # 100,000 did not finish); cross_entropy and logsumexp stay linear at any size
    from autograd.value import MAX_SOFTMAX

    assert len(autograd.softmax([0.0] * MAX_SOFTMAX)) == MAX_SOFTMAX
    with pytest.raises(ValueError, match=f"^softmax: {MAX_SOFTMAX + 1:,} values; at most"):
        autograd.softmax([0.0] * (MAX_SOFTMAX + 1))
    big = [0.0] * 100_000
    assert cross_entropy(big, 0).data == pytest.approx(math.log(100_000))


def test_each_output_is_one_node_with_its_derivative_text():
    z = [Value(1.0, label="z1"), Value(2.0, label="z2")]
    p1, p2 = autograd.softmax(z)
    assert p1.parents == p2.parents == (z[0], z[1])
    assert p1.op.formulas("p1", ["z1", "z2"]) == ("p1(1 − p1)", "−p1·exp(z2)/(exp(z1) + exp(z2))")


def test_a_saturated_softmax_keeps_the_digits_of_its_derivatives():
    # p = 1/(1 + e) with e = e^-40 rounds to 1.0, so p(1 − p) would be 0; by hand
    # ∂p/∂z0 = e/(1 + e)² and the second derivative p′(1 − 2p) = e(e − 1)/(1 + e)³.
    e = math.exp(-40.0)
    z0, z1 = Value(0.0), Value(-40.0)
    autograd.softmax([z0, z1])[0].backward()
    assert z0.grad == pytest.approx(e / (1 + e) ** 2, rel=1e-12, abs=0)
    assert z1.grad == pytest.approx(-e / (1 + e) ** 2, rel=1e-12, abs=0)
    d2 = autograd.grad(autograd.grad(lambda a: autograd.softmax([a, Value(-40.0)])[0]))(0.0)
    assert d2 == pytest.approx(e * (e - 1) / (1 + e) ** 3, rel=1e-9, abs=0)


def test_bce_of_a_certain_right_prediction_is_zero_as_zero_log_zero_is():
    # PyTorch's BCELoss gives 0 here (its log clamped at −100); this one raised log(0)'s error.
    # By hand: L = −log(1 − p) for y = 0, so ∂L/∂p = 1/(1 − p) = 1 at p = 0; −log p for y = 1.
    p = Value(0.0)
    loss = binary_cross_entropy([p], [0])
    loss.backward()
    assert (loss.data, p.grad) == (0.0, 1.0)
    q = Value(1.0)
    loss = binary_cross_entropy([q], [1.0])
    loss.backward()
    assert (loss.data, q.grad) == (0.0, -1.0)
    assert binary_cross_entropy([Value(40.0).sigmoid()], [True]).data == 0.0


@pytest.mark.parametrize(
    "logits, target, message",
    [
        ([1.0, 2.0], True, "cross_entropy: target: expected a class index or"),
        ([1.0, 2.0], 1.0, "cross_entropy: target: expected a class index or"),
        ([[1.0, 2.0]], [None], "cross_entropy: target: expected a class index or"),
    ],
)
def test_cross_entropy_names_a_target_that_is_neither_class_nor_probabilities(
    logits, target, message
):
    with pytest.raises(TypeError, match=message):
        cross_entropy(logits, target)


def test_cross_entropy_takes_numpy_logits_and_class_indices_as_pytorch_does():
    np = pytest.importorskip("numpy")
    want = math.log(math.exp(1.0) + math.exp(2.0)) - 2.0  # by hand
    assert cross_entropy(np.array([1.0, 2.0]), np.int64(1)).data == pytest.approx(want)
    assert cross_entropy([[1.0, 2.0]], np.array([1])).data == pytest.approx(want)


@pytest.mark.parametrize(
    "predictions, targets, message",
    [
        # −log 1.5 = −0.405 and −log(1 − (−0.5)): negative losses, given silently (torch
        # refuses both: "all elements of input should be between 0 and 1")
        ([1.5], [1], r"^binary_cross_entropy: prediction 0 is Value\(data=1.5.*not a probability"),
        ([0.9, -0.5], [1, 0], r"^binary_cross_entropy: prediction 1 is Value\(data=-0.5"),
        ([0.3], [2.0], r"^binary_cross_entropy: target 0 is 2.0, not a probability in \[0, 1\]$"),
        ([0.0], [1], r"^binary_cross_entropy: prediction 0 .* for target 1: the loss is infinite"),
    ],
)
def test_bce_of_what_is_not_a_probability_is_one_line(predictions, targets, message):
    with pytest.raises(ValueError, match=message):
        binary_cross_entropy(predictions, targets)


@pytest.mark.parametrize(
    "loss, message",
    [
        # "'float' object is not iterable" and "object of type 'Value' has no len()"
        (lambda: autograd.nn.mse(3.0, 4.0), r"^mse: predictions: expected a list, got 3.0$"),
        (lambda: cross_entropy(Value(1.0), 0), r"^cross_entropy: logits: expected a list"),
        (lambda: autograd.nn.hinge([1.0], 1.0), r"^hinge: targets: expected a list, got 1.0$"),
    ],
)
def test_a_loss_given_no_list_names_itself(loss, message):
    with pytest.raises(TypeError, match=message):
        loss()


def test_a_batch_as_the_rows_of_a_numpy_array_is_a_batch():
    # the rows of a 2-d array were taken for logits: "Value: expected a real number, got
    # ndarray"; by hand, (log(1 + e) + log(1 + e^-1))/2 for rows (1, 2) → 0 and (3, 4) → 1
    numpy = pytest.importorskip("numpy")
    want = (math.log(1 + math.e) + math.log(1 + math.exp(-1))) / 2
    for target in ([0, 1], numpy.array([0, 1])):
        loss = cross_entropy(numpy.array([[1.0, 2.0], [3.0, 4.0]]), target)
        assert loss.data == pytest.approx(want, rel=1e-15)
