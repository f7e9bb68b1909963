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
from autograd.audit.verdict import (
    CARRIED_UNITS,
    EXACT_BELOW,
    EXACT_CLAIM,
    LONG_NUMBER,
    WRITTEN_UNITS,
    agrees,
    verdict,
)


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
    # q = x·3 = 6; the lines between define u1 = x + 11, u2 = x + 12, … (13, 14, …), each
    # a paragraph of its own ("= 6" on the very line under one would go on with that one)
    assert CONTINUES_BACK == 6
    filler = "\n\n".join(f"u{k} = x + {10 + k}" for k in range(1, between + 1))
    report = check_text(f"x = 2\nq = x·3\n\n{filler}\n\n= 6")
    unread = [u.reason for u in report.parts[0].judged.unread]
    assert any("continues no earlier line" in r for r in unread) != understood


# ---- the one tolerance policy (verdict.py), each constant pinned from both sides ------------
# z = 0.35137 is given exactly: o = tanh(z) = 0.3375900 (by hand: math.tanh), written 0.3376;
# E = ½(0.3 − o)² = 0.00070654 exactly, 0.00070688 from the written 0.3376; ∂E/∂o = 0.0376.
TANH_LINE = "t = 0.3, z = 0.35137\no = tanh(z) = 0.3376\nE = ½(t − o)^2 = (1/2)(0.3 − 0.3376)^2 = "


def _last(text: str) -> tuple[str, str]:
    check = check_text(text).parts[0].checks[-1]
    return check.verdict, check.slip


def test_one_unit_in_the_last_place_is_rounding_from_six_significant_digits():
    assert LONG_NUMBER == 6
    assert agrees("0.500001", 0.5000001)  # six digits, 0.9 of a unit off: a rounding
    assert not agrees("0.50001", 0.500001)  # five digits, 0.9 of a unit off: a slip
    assert not agrees("0.500001", 0.4999991)  # six digits, 1.9 units off: a slip


def test_whole_numbers_are_exact_claims_below_ten_and_roundings_from_ten():
    assert verdict("9", 9.3, None) == "error" and verdict("10", 10.3, None) == "match"


def test_an_unmoved_parameter_is_claimed_to_a_float_s_precision():
    assert verdict("0.5", 0.5 * (1 + 1e-13), None, exactly=True) == "match"  # float noise
    assert verdict("0.5", 0.5 * (1 + 1e-11), None, exactly=True) == "error"  # a step, however small


@pytest.mark.parametrize("numbers, judged", [("2(0.3375)", "match"), ("2(0.3377)", "error")])
def test_numbers_substituted_may_each_be_one_unit_from_the_exact_value(numbers, judged):
    # 2·o = 0.675180: 2(0.3375) is 0.00018 from it, 0.9 of the 0.0002 that o's one unit
    # (doubled) allows; 2(0.3377) is 0.00022 from it, 1.1 of it
    assert WRITTEN_UNITS == 1.0
    assert _last(f"z = 0.35137\no = tanh(z)\nq = o + o = {numbers}")[0] == judged


@pytest.mark.parametrize(
    "result, judged",
    [("0.0007065", "match"), ("0.0007069", "rounding"), ("0.0007056", "error"),
     ("0.0007070", "error"), ("0.0007088", "error")],
)  # fmt: skip
def test_digits_carried_beyond_those_shown_are_those_of_the_value_a_number_stands_for(
    result, judged
):
    # o = 0.3376 stands for tanh(0.35137) = 0.33759 (math.tanh: 0.3375900): a writer who
    # carried more digits carried those, so E lies from ½(0.3 − 0.33759)² = 0.00070650 to
    # ½(0.3 − 0.3376)² = 0.00070688 and nowhere else. 0.0007056 is 0.0007065 with two digits
    # transposed; 0.0007088 would need o = 0.33765, a value 0.3376 rounds from but o is not
    # (half a unit of every number, taken as free, accepted both)
    assert CARRIED_UNITS == 0.5
    assert _last(TANH_LINE + result)[0] == judged
    if result == "0.0007056":
        assert _last(TANH_LINE + result)[1] == "digits transposed"


@pytest.mark.parametrize("result, judged", [("0.0007088", "rounding"), ("0.0007089", "error")])
def test_digits_carried_of_numbers_that_stand_for_no_known_value_move_a_result_half_a_unit(
    result, judged
):
    # 0.0376·0.0376/2 pairs no number with a symbol of ½(t − o)²: each 0.0376 stands for a
    # value within 0.00005 of it, E within 0.0376 · 0.00005 = 0.00000188 of 0.00070688, so up
    # to 0.00070876, which 0.0007088 rounds from and 0.0007089 does not (with 0.6 of a unit
    # 0.0007089 would pass; with 0.4, 0.0007088 would not)
    line = "t = 0.3, z = 0.35137\no = tanh(z) = 0.3376\nE = ½(t − o)^2 = 0.0376·0.0376/2 = "
    assert _last(line + result)[0] == judged


def test_two_digits_transposed_in_a_small_result_are_a_slip_not_digits_carried():
    # a class's heavy run: E1 = 0.0007069 (from the written o1) written 0.0007096 was a rounding
    assert _last(TANH_LINE + "0.0007069") == ("rounding", "")
    assert _last(TANH_LINE + "0.0007096") == ("error", "digits transposed")
    # the exact 0.0007065 has no transposition that gives 0.0007096 (6 and 5 do not swap to 9, 6)
    assert _last(TANH_LINE.replace("0.3376)^2", "0.33759)^2") + "0.0007096")[1] == ""


def test_digits_transposed_from_a_value_rounded_down_at_a_tie():
    # −0.93 − 0.5 · 0.01125 = −0.935625: −0.93562 (or −0.93563) as written; −0.93526 swaps 6, 2
    told = diagnose(number_case("-0.93526", [-0.935625]))
    assert told == "two digits transposed (−0.93562 is right)"


@pytest.mark.parametrize(
    "line",
    [
        "z = w1 x1 + w2 x2 + b = 0.29",
        "z = w1 x1 + w2 x2 + b = 0.2·0.5 + 0.4·0.3 + 0.04 = 0.29",
    ],
)
def test_a_forward_sum_of_givens_with_two_decimals_is_judged_to_their_precision(line):
    # 0.2·0.5 + 0.4·0.3 + 0.04 = 0.26 by hand; givens are exact: 0.29 is no rounding of it
    givens = "x1 = 0.5, x2 = 0.3, w1 = 0.2, w2 = 0.4, b = 0.04\n"
    assert _last(givens + line)[0] == "error"
    assert _last(givens + line.replace("0.29", "0.26"))[0] == "match"


def test_a_forward_sum_of_rounded_numbers_is_judged_to_their_precision():
    # h = tanh(0.36) = 0.345247, written 0.35; 0.4·h + 0.12 = 0.258099, 0.26 from 0.35:
    # the written 0.35 allows 0.4 · 0.01 = 0.004 either way, and 0.29 is 0.03 from 0.26
    sheet = "s = 0.36, w = 0.4, b = 0.12\nh = tanh(s) = 0.35\nz = w h + b = 0.4·0.35 + 0.12 = "
    assert _last(sheet + "0.29")[0] == "error"
    assert _last(sheet + "0.26")[0] in ("match", "rounding")


def test_a_slip_made_from_the_writer_s_numbers_names_them_and_the_right_value():
    # the seed's ∂L/∂w8: −0.000559052 exactly, −0.000556955 from the student's rounded factors;
    # 5.57e−4 drops the sign of the second, which is not "right"
    told = diagnose(number_case("5.57e-4", [-0.000559052, -0.000556955]))
    assert told == "the sign is dropped (your numbers give −5.57e−4; exactly it is −5.59e−4)"


def test_a_given_copied_wrong_is_no_factor_of_a_loss_s_derivative():
    # b4 = 0.3 put in as 0.1 where n = 3: 0.3 · 1/3 is 0.1, yet a given has no 1/n to miss
    givens = "n = 3, a1 = 0.8494, w5 = −0.9, b4 = 0.3\n"
    text = givens + "z4 = w5 a1 + b4 = −0.9 × 0.8494 + 0.1 = −0.66446"
    (slip,) = [c for c in check_text(text).parts[0].errors() if c.kind == "substitution"]
    assert (slip.quantity, slip.slip) == ("b4", "given miscopied")


def test_another_quantity_s_value_put_in_a_sigmoid_written_out_is_named():
    # σ(net3) = 1/(1 + e^0.601) puts −0.601, net1's value, for net3 = −0.485 (σ: 0.35412 for
    # 0.38107): e^0.601 is e^(−net3) with net3 = −0.601
    text = (
        "x = 1, w1 = −0.601, w3 = −0.485\nnet1 = w1·x = −0.601\nnet3 = w3·x = −0.485\n"
        "out3 = σ(net3) = 1/(1 + e^0.601) = 0.354"
    )
    (slip,) = check_text(text).parts[0].errors()
    assert (slip.quantity, slip.written, slip.slip) == ("out3", "1/(1 + e^0.601)", "another value")
    assert slip.diagnosis == "net3 = −0.601: that is net1's value (−0.601); net3 is another"


def test_a_square_s_base_may_be_written_without_its_sign():
    # ½(t − o)² with t − o = 0.3 − 0.3376 = −0.0376: (0.0376)² is the same square, no sign
    # dropped; (0.0367)² swaps two of its digits
    line = TANH_LINE.replace("(0.3 − 0.3376)^2", "(0.0376)^2")
    assert _last(line + "0.0007069") == ("rounding", "")
    checks = check_text(line + "0.0007069").parts[0].checks[3:]
    assert [c.verdict for c in checks if c.verdict != "given"] == ["match", "rounding"]
    (slip,) = check_text(line.replace("0.0376", "0.0367") + "0.0007069").parts[0].errors()
    assert (slip.written, slip.slip) == ("0.0367", "digits transposed")


def test_a_number_written_where_the_right_value_is_zero_names_no_slip():
    # the fuzzer wrote w8 = 0.5866 where w8 is 0: the right values are filtered to the non-zero
    # (no slip scales 0), and the slip search indexed the empty tuple (IndexError)
    from autograd.audit.slips import diagnose, number_case

    assert diagnose(number_case("0.5866", [0.0, None])) == ""
