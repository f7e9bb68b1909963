"""Follow-through on small sheets worked by hand: one slip is one error, and the lines it
changes are `carried` (right given the writer's numbers), never `error` or `rounding`.

Each sheet is a case the generated worksheets of tests/students.py found; its numbers are
worked here by hand (σ, tanh from `math`).
"""

import math

from autograd.audit import check_text


def _results(text: str) -> dict[str, tuple[str, int | None]]:
    (part,) = check_text(text).parts
    return {c.quantity: (c.verdict, c.origin) for c in part.checks if c.kind == "result"}


def test_a_number_right_at_its_precision_from_a_slip_carries_it_each_time_it_is_used():
    # g = 0.02332 written 0.0230 (the slip); d = 0.0230 · 1 = 0.023 is 0.02332 to its two
    # digits, yet the number the writer holds from the slip: e1 = 0.023 · 0.31 = 0.00713
    # (exactly 0.0072292) and e2 = 0.023 · 0.84 = 0.01932 (exactly 0.0195888) both carry it
    text = (
        "x1 = 0.31, x2 = 0.84, u = 0.02332\ng = 1·u = 1 · 0.02332 = 0.0230\n"
        "d = g · 1 = 0.0230 · 1 = 0.023\ne1 = d · x1 = 0.023 · 0.31 = 0.00713\n"
        "e2 = d · x2 = 0.023 · 0.84 = 0.01932\n"
    )
    judged = _results(text)
    assert judged["g"] == ("error", None) and judged["d"] == ("match", None)
    assert judged["e1"] == judged["e2"] == ("carried", 2)


def test_numbers_written_otherwise_than_the_formula_carry_the_slip_they_come_from():
    # net2 = −3.0602 written −30.6 (a power of ten); out2 = tanh(−30.6) = −1.00, right to its
    # digits (tanh(−3.0602) = −0.99561); net3 = 0.9·(−0.975) + 0.66·(−1.00) + 0.38 = −1.1575,
    # written −1.16 (exactly −1.154606); out3 = 1/(1 + e^1.16) = 0.238667, written 0.239, the
    # exact 0.239649 truncated; ∂E/∂out3 = −(0.5 − 0.239) = −0.261 where it is −0.260351
    out2 = math.tanh(-3.0602)
    out3 = 1 / (1 + math.exp(-(0.9 * -0.975 + 0.66 * out2 + 0.38)))
    assert round(out3, 6) == 0.239649 and round(1 / (1 + math.exp(1.16)), 6) == 0.238667
    text = """x1 = 2, x2 = −0.71, x3 = 3, y1 = 0.5, out1 = −0.975
w4 = −0.3, w5 = −0.38, w6 = −0.81, b2 = −0.3, w7 = 0.9, w8 = 0.66, b3 = 0.38
net2 = w4 x1 + w5 x2 + w6 x3 + b2 = −0.3·2 + (−0.38)·(−0.71) + (−0.81)·3 + (−0.3) = −30.6
out2 = tanh(net2) = tanh(−30.6) = −1.00
net3 = w7 out1 + w8 out2 + b3 = 0.9·(−0.975) + 0.66·(−1.00) + 0.38 = −1.16
out3 = σ(net3) = 1/(1 + e^1.16) = 0.239
E = ½(y1 − out3)^2
∂E/∂out3 = −(y1 − out3) = −(0.5 − 0.239) = −0.261
"""
    judged = _results(text)
    assert judged["net2"] == ("error", None)
    assert judged["net3"] == judged["∂E/∂out3"] == ("carried", 3)


def test_after_an_uncarried_slip_a_line_without_numbers_uses_the_right_value_as_written():
    # d = 0.3923 · 0.2499 = 0.09803577, written 0.1143 (the slip) and not carried on: the
    # writer's g = d · a is 0.09804 · 0.589 = 0.05774556, their 0.05775 (0.0577431 exactly;
    # 0.1143 · 0.589 = 0.0673)
    text = "p = 0.3923, q = 0.2499, a = 0.589\nd = p·q = 0.3923 · 0.2499 = 0.1143\ng = d·a = "
    judged = _results(text + "0.05775")
    assert judged["d"] == ("error", None) and judged["g"] == ("rounding", None)


RELU = """x = 0.5, w1 = 0.4, b1 = -0.1, w2 = 0.8, b2 = 0.1, y = 1
z1 = w1 x + b1 = 0.4·0.5 + (-0.1) = -0.1
a1 = max(0, z1) = max(0, -0.1) = 0
z2 = w2 a1 + b2 = 0.8·0 + 0.1 = 0.1
a2 = σ(z2) = 0.525
L = ½(y − a2)^2 = ½(1 − 0.525)^2 = 0.1128
∂L/∂a2 = −(y − a2) = −(1 − 0.525) = −0.475
∂a2/∂z2 = a2(1 − a2) = 0.525(1 − 0.525) = 0.2494
∂L/∂z2 = ∂L/∂a2 · ∂a2/∂z2 = −0.475·0.2494 = −0.1185
∂L/∂w2 = ∂L/∂z2 · a1 = −0.1185·0 = 0
∂L/∂a1 = ∂L/∂z2 · w2 = −0.1185·0.8 = −0.0948
∂a1/∂z1 = 0
∂L/∂z1 = ∂L/∂a1 · ∂a1/∂z1 = −0.0948·0 = 0
∂L/∂w1 = ∂L/∂z1 · x = 0·0.5 = 0
"""


def test_a_slip_that_sends_a_relu_down_the_other_branch_is_one_error_the_rest_carried():
    # z1 = 0.2 − 0.1 = 0.1, written −0.1 (its sign dropped; −0.1 is also b1, written on the
    # line); the writer's ReLU is then 0, its derivative 0, and every gradient through it 0
    # (exactly a1 = 0.1, ∂a1/∂z1 = 1, ∂L/∂w1 = ∂L/∂z1 · 0.5 ≠ 0): all right given their −0.1
    (part,) = check_text(RELU).parts
    (slip,) = part.errors()
    assert (slip.line, slip.slip) == (2, "sign dropped")
    later = {c.line: (c.verdict, c.origin) for c in part.checks if c.kind == "result"}
    for line in (3, 12, 13, 14):  # a1 = 0, ∂a1/∂z1 = 0, ∂L/∂z1 = 0, ∂L/∂w1 = 0
        assert later[line] == ("carried", 2)
    assert part.judged.unread == []
