"""The checker's slips as data, and every threshold it judges by, pinned with its reason.

Expected values are worked by hand: σ′ = a(1 − a) and tanh′ = 1 − a² at a = 0.7 are 0.21 and
0.51; each worksheet below is small enough to follow line by line.
"""

import pytest

from autograd.audit import check_text
from autograd.audit.flow import MAX_READINGS
from autograd.audit.judge import CONTINUES_BACK, PAIRING_DEPTH, SHIFT
from autograd.audit.own import HAND_SIZED
from autograd.audit.recompute import ABS_TOL, MAX_REORDERED, REL_TOL, within
from autograd.audit.slips import (
    CONFUSABLE,
    EVIDENCE_DIGITS,
    POWERS_OF_TEN,
    SLIPS,
    diagnose,
    number_case,
)
from autograd.audit.verdict import EXACT_BELOW, EXACT_CLAIM, verdict


def test_each_slip_is_one_record_with_a_message_and_a_hint():
    kinds = [slip.kind for slip in SLIPS]
    assert len(kinds) == len(set(kinds))
    assert all(slip.message and slip.hint.endswith(".") for slip in SLIPS)


def test_the_activations_confused_are_the_ones_whose_row_reads_the_output_alone():
    assert set(CONFUSABLE) == {"σ", "tanh"}  # relu's derivative reads its input: [z > 0]
    a = 0.7
    assert CONFUSABLE["σ"].local_grads(a, None)[0] == pytest.approx(0.21)
    assert CONFUSABLE["tanh"].local_grads(a, None)[0] == pytest.approx(0.51)


def test_a_sigmoid_derivative_written_for_tanh_is_named():
    # a = tanh(0.5) = 0.462117; σ′ at a: 0.462117 · 0.537883 = 0.248565; tanh′: 0.786448
    report = check_text("z = 0.5\na = tanh(z) = 0.4621\nda/dz = 0.2486")
    (slip,) = report.parts[0].errors()
    assert slip.slip == "other activation"
    assert slip.diagnosis == (
        "a(1 − a) is sigmoid's derivative; a = tanh(z) has derivative 1 − a²"
    )


def test_the_tolerance_is_a_billionth_and_a_float_s_last_bits():
    assert (REL_TOL, ABS_TOL) == (1e-9, 1e-12)
    assert within(0.1 + 0.2, 0.3) and within(1e-13, 0.0)
    assert not within(1 + 2e-9, 1.0) and within(1.01, 1.0, 0.01)


def test_whole_numbers_below_ten_are_exact_claims():
    assert (EXACT_BELOW, EXACT_CLAIM, MAX_REORDERED) == (10, 1e-12, 6)
    assert verdict("2", 2.4, None) == "error"  # 2 for 2.4: a claim, not a rounding
    assert verdict("12", 12.4, None) == "match"  # 12 for 12.4: rounded to the unit


def test_another_quantity_s_value_is_evidence_from_three_digits_on():
    assert EVIDENCE_DIGITS == 3
    assert POWERS_OF_TEN == (-1, 1, -2, 2, -3, 3, -6, 6)
    assert diagnose(number_case("0.0418", [0.4181])) == "a power of ten off: 0.4181 × 10^-1"
    assert diagnose(number_case("4181", [0.4181])) == ""  # 10^4: no slip of one place


def test_the_judge_s_thresholds_are_pinned():
    assert SHIFT == 0.0137
    moved = {round(1 + SHIFT * k, 6) for k in range(1, 40)}
    assert len(moved) == 39  # equal givens move apart, each to a value of its own
    assert (PAIRING_DEPTH, HAND_SIZED, MAX_READINGS) == (3, 2_000, 4)


@pytest.mark.parametrize("between, understood", [(CONTINUES_BACK - 1, True),
                                                 (CONTINUES_BACK, False)])  # fmt: skip
def test_a_line_beginning_with_equals_continues_one_of_the_six_before(between, understood):
    # q = x·3 = 6; the lines between define u1 = x + 11, u2 = x + 12, … (13, 14, …)
    assert CONTINUES_BACK == 6
    filler = "\n".join(f"u{k} = x + {10 + k}" for k in range(1, between + 1))
    report = check_text(f"x = 2\nq = x·3\n{filler}\n= 6")
    unread = [u.reason for u in report.parts[0].judged.unread]
    assert any("continues no earlier line" in r for r in unread) != understood
