"""Small pages written to break a reading: a wrong number it could pass as a rounding (a silent
wrong answer), a right one it could call an error (a false alarm). Each construct in several
styles (plain text, Markdown with LaTeX, other letters), with a planted wrong number that must
be flagged on its line and the right page that must not be. Expected values by hand and from
plain Python floats in the test, never from the package."""

import math

import pytest

from autograd.audit import check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    return {line for line, _, _, v in verdicts(text, markdown) if v == "error"}


def verdict_of(text: str, written: str, markdown: bool = False) -> str:
    found = [v for _, _, w, v in verdicts(text, markdown) if w == written]
    assert found, (written, verdicts(text, markdown))
    return found[-1]


# -- numbers with one significant digit, standing for no quantity, are exact -------------
# 0.3 + 0.2 is 0.5: a result of 0.6 is no rounding of it, though 0.3 and 0.2 read as
# rounded by half a unit each would allow anything from 0.4 to 0.6. A hyperparameter, a
# target, a step of 0.1 is written exactly; a number shown rounded to one digit and carried
# whole is not how a hand calculation goes.


def test_a_sum_of_one_digit_numbers_written_wrong_is_an_error_in_plain_text():
    assert 0.3 + 0.2 == 0.5
    assert errors("y = 0.3 + 0.2 = 0.6\n") == {1}
    assert errors("y = 0.3 + 0.2 = 0.5\n") == set()


def test_a_momentum_step_in_latex_with_a_wrong_velocity_is_an_error():
    right = 0.5 * 0.2 + 0.1 * 2  # 0.3
    assert abs(right - 0.3) < 1e-12
    page = ("$v_1 = 0.5 \\times 0 + 0.1 \\times 2 = 0.2$\n\n"
            "$v_2 = 0.5 \\times 0.2 + 0.1 \\times 2 = {}$\n")
    assert errors(page.format("0.38"), markdown=True) == {3}
    assert errors(page.format("0.3"), markdown=True) == set()


def test_a_product_in_other_letters_with_a_wrong_result_is_an_error():
    assert abs(0.1 * 2 - 0.2) < 1e-12
    assert errors("Schritt: Δ = 0.1 · 2 = 0.28\n") == {1}
    assert errors("Schritt: Δ = 0.1 · 2 = 0.2\n") == set()


def test_numbers_with_more_digits_still_allow_the_digits_carried():
    # 0.59 and 0.41 may be 0.5933 and 0.4067 shown rounded: 0.5933 · 0.4067 = 0.24130
    assert abs(0.5933 * 0.4067 - 0.2413) < 1e-4
    assert verdict_of("y = 0.59 × 0.41 = 0.2413\n", "0.2413") in ("match", "rounding")


# -- a what-if: a given stated again with another value, and the calculation done again ---
# Reported to the lead (the reading lies in read_scopes, the split's fresh code): the second
# value is read as the first copied wrong, and the lines after it are judged on the first
# value (a right result called an error) or excused as carried from the "slip" (a wrong one
# passed). Expected: the second case is a case of its own, as under a heading.
WHAT_IF = (
    "# Momentum, two settings\n"  # line 1
    "\n"
    "Take $\\beta = 0.9$, $\\eta = 0.1$ and a constant gradient $g = 2$.\n"  # line 3
    "\n"
    "$v_1 = 0.9 \\times 0 + 0.1 \\times 2 = 0.2$\n"  # line 5
    "\n"
    "$v_2 = 0.9 \\times 0.2 + 0.1 \\times 2 = 0.38$\n"  # line 7
    "\n"
    "**What if the momentum is smaller?**\n"  # line 9: bold words, no # heading
    "\n"
    "Take $\\beta = 0.5$.\n"  # line 11
    "\n"
    "$v_1 = 0.5 \\times 0 + 0.1 \\times 2 = 0.2$\n"  # line 13
    "\n"
    "$v_2 = 0.5 \\times 0.2 + 0.1 \\times 2 = {}$\n"  # line 15
)
WHAT_IF_TEXT = (
    "Momentum with beta = 0.9, eta = 0.1, g = 2\n"  # line 1
    "v1 = 0.9 * 0 + 0.1 * 2 = 0.2\n"
    "v2 = 0.9 * 0.2 + 0.1 * 2 = 0.38\n"  # line 3
    "Now take a smaller momentum:\n"
    "beta = 0.5\n"  # line 5
    "v1 = 0.5 * 0 + 0.1 * 2 = 0.2\n"
    "v2 = 0.5 * 0.2 + 0.1 * 2 = {}\n"  # line 7
)


def test_the_momentum_steps_of_the_what_if_pages_by_hand():
    assert abs(0.9 * 0.2 + 0.1 * 2 - 0.38) < 1e-12
    assert abs(0.5 * 0.2 + 0.1 * 2 - 0.3) < 1e-12


@pytest.mark.xfail(strict=True, reason="what-if read as a copy slip (read_scopes): reported")
def test_a_what_if_under_bold_words_is_a_case_of_its_own():
    assert errors(WHAT_IF.format("0.3"), markdown=True) == set()  # β = 0.5 is no slip
    assert errors(WHAT_IF.format("0.35"), markdown=True) == {15}


@pytest.mark.xfail(strict=True, reason="what-if judged on the first value (read_scopes): reported")
def test_a_what_if_in_plain_text_is_a_case_of_its_own():
    assert errors(WHAT_IF_TEXT.format("0.3")) == set()  # v2 = 0.3 is right for beta = 0.5
    assert errors(WHAT_IF_TEXT.format("0.35")) == {7}


def test_values_said_in_passing_in_a_list_are_no_slips():  # read_scopes.CASE
    page = (
        "- Typical value: $\\beta = 0.9$ (keep 90% of old velocity)\n"
        "- $\\beta = 0$ → no momentum (vanilla SGD)\n"
        "- $\\beta = 0.99$ → very high momentum\n"
        "\n"
        "$v_1 = 0.9 \\times 0 + 0.1 \\times 2 = 0.2$\n"
    )
    assert errors(page, markdown=True) == set()


# -- a sentence's given ended by a full stop of another script -----------------------------
# Reported to the lead (read_prose, the split's fresh code): 目标 t=2。 gives no t (the 。
# closes the number), so everything computed from t is left unread.


@pytest.mark.xfail(strict=True, reason="t=2。 not read as a given (read_prose): reported")
def test_a_given_before_a_chinese_full_stop_is_read():
    assert 2 + 1 == 3
    for stop in ("。", "."):  # the Chinese full stop as the Latin one already is
        page = f"假设 t=2{stop}\n\n$y = t + 1 = 3$\n\n$z = t + 1 = 4$\n"
        assert errors(page, markdown=True) == {5}, stop


# -- a data set a sample a line, then a calculation with unindexed names -------------------
# Reported to the lead (read_scopes' samples, the split's fresh code): with the samples x, y
# written a line each, ŷ = w·x = 0.5·2 for the second sample then (ŷ − y)² with y = 2, the
# first sample's y, is judged a match: the unindexed x and y take whatever is substituted,
# though no sample has x = 2 and y = 2 (the second has y = 3).
SAMPLES = (
    "w = 0.5\n"
    "x = 1, y = 2\n"
    "x = 2, y = 3\n"
    "x = 3, y = 5\n"
    "Second sample: yhat = w * x = 0.5 * 2 = 1.0\n"
    "L = (yhat - y)^2 = (1.0 - {y})^2 = {loss}\n"  # line 6
)


def test_the_second_sample_by_hand():
    assert (0.5 * 2 - 3) ** 2 == 4.0
    assert (0.5 * 2 - 2) ** 2 == 1.0


def test_the_second_samples_loss_with_its_own_target_is_right():
    assert errors(SAMPLES.format(y="3", loss="4.0")) == set()


def test_the_second_samples_loss_with_the_first_samples_target_is_flagged():
    assert errors(SAMPLES.format(y="2", loss="1.0")) == {6}


# -- a result truncated to one significant digit ------------------------------------------
# σ(0.3775) = 0.59327: 0.6 is its rounding, 0.59 and 0.5932 its truncations; 0.5, the one
# digit truncated, is 16 % off and was passed as a rounding (a silent wrong answer).


def test_a_sigmoid_truncated_to_one_digit_is_an_error_in_plain_text():
    s = 1 / (1 + math.exp(-0.3775))
    assert round(s, 1) == 0.6 and math.floor(s * 100) / 100 == 0.59
    page = "z = 0.3775\ny = 1/(1 + e^(-z)) = {}\n"
    assert errors(page.format("0.5")) == {2}
    assert errors(page.format("0.6")) == errors(page.format("0.59")) == set()
    assert errors(page.format("0.5932")) == set()  # four digits truncated: a rounding


def test_a_loss_truncated_to_one_digit_is_an_error_in_latex():
    loss = 0.5 * (0.7513650695523157 - 0.01) ** 2  # 0.274811
    assert round(loss, 1) == 0.3
    page = "$o = 0.7513650695523157$, $t = 0.01$\n\n$E = \\frac{{1}}{{2}}(t - o)^2 = {}$\n"
    assert errors(page.format("0.2"), markdown=True) == {3}
    assert errors(page.format("0.3"), markdown=True) == set()
    assert errors(page.format("0.27"), markdown=True) == set()


# -- ≈ 0 for a saturated sigmoid ----------------------------------------------------------
# Reported to the lead (read_chain turns ≈ into =, the split's fresh code): a whole number
# below 10 is an exact claim, so σ(−10) ≈ 0 (4.54e−5) is called an error; written with ≈ it
# claims no exactness, and 4.54e−5 is 0 at the precision of a whole number.


@pytest.mark.xfail(strict=True, reason="≈ read as = (read_chain): reported")
def test_a_saturated_sigmoid_approximately_zero_is_no_error():
    assert 1 / (1 + math.exp(10)) < 1e-4
    assert errors("z = -10\na = 1/(1 + e^(-z)) ≈ 0\n") == set()
    assert errors("$z = -10$\n\n$a = \\frac{1}{1 + e^{-z}} \\approx 0$\n", markdown=True) == set()
    assert errors("z = -10\na = 1/(1 + e^(-z)) ≈ 0.5\n") == {2}


# -- a table of samples under a given written above it -----------------------------------
# Reported to the lead (read_scopes' table rows, the split's fresh code): each row is a case
# of its own, and the second row on no longer has w (w = 2 is written above the table): the
# rows are left unread as "w has no value", and ŷ = 7 for w·x = 2·3 = 6 is not flagged.
TABLE = (
    "With $w = 2$:\n"  # line 1
    "\n"
    "| $x$ | $y$ | $\\hat{{y}} = w x$ | $L = (\\hat{{y}} - y)^2$ |\n"
    "|---|---|---|---|\n"
    "| 1 | 2 | 2 | 0 |\n"  # line 5
    "| 2 | 3 | 4 | 1 |\n"
    "| 3 | 5 | {} | {} |\n"  # line 7
)


def test_the_table_rows_by_hand():
    assert [(2 * x, (2 * x - y) ** 2) for x, y in ((1, 2), (2, 3), (3, 5))] == [
        (2, 0), (4, 1), (6, 1)]


@pytest.mark.xfail(strict=True, reason="rows after the first lose the given above (read_scopes)")
def test_every_row_of_a_table_has_the_given_written_above_it():
    assert errors(TABLE.format("6", "1"), markdown=True) == set()
    assert errors(TABLE.format("7", "4"), markdown=True) == {7}


# -- the next iterate written w^{t+1} or w(t+1) where t is the target -------------------
# Reported to the lead (the left side is read as a power or a product: read_chain, and
# read_latex's _ITERATION takes only w^{(t+1)}): with t = 2 the target, w^{t+1} = w − η ∂L/∂w
# is judged as w³ and w(t+1) as 3w, so a right update is called an error.
UPDATE = (
    "Let $w = 0.5$, $x = 2$, $t = 2$ and $\\eta = 0.1$.\n"
    "\n"
    "$y = w x = 1$, $L = (y - t)^2 = 1$\n"
    "\n"
    "$\\frac{{\\partial L}}{{\\partial w}} = 2 (y - t) x = -4$\n"
    "\n"
    "${left} = w - \\eta \\frac{{\\partial L}}{{\\partial w}} = 0.5 + 0.4 = {new}$\n"  # line 7
)


def test_the_update_by_hand():
    assert abs(0.5 - 0.1 * (2 * (0.5 * 2 - 2) * 2) - 0.9) < 1e-12


def test_the_next_iterate_in_parentheses_is_read():
    assert errors(UPDATE.format(left="w^{(t+1)}", new="0.9"), markdown=True) == set()
    assert errors(UPDATE.format(left="w^{(t+1)}", new="0.8"), markdown=True) == {7}


@pytest.mark.xfail(strict=True, reason="w^{t+1}, w(t+1) read as w³, 3w where t is given")
def test_the_next_iterate_without_parentheses_is_no_power_of_the_target():
    for left in ("w^{t+1}", "w(t+1)"):
        assert errors(UPDATE.format(left=left, new="0.9"), markdown=True) == set(), left
        assert errors(UPDATE.format(left=left, new="0.8"), markdown=True) == {7}, left


# -- a thin space after a list's comma: [0.6,\, -0.4] -------------------------------------
# LaTeX writes a list [0.6,\, -0.4] or [0.6, \, -0.4] (a thin space after the comma): the
# comma of \, was taken for another entry, [0.6,\,-0.4] read as three entries (a3 = −0.4),
# and with a space before \, the list was not read at all.


def test_a_list_with_thin_spaces_after_its_commas_has_its_entries():
    assert [0.6 + 0.1, -0.4 + 0.1] == [0.7, -0.30000000000000004]
    for comma in (",\\,", ", \\,", ",\\;", ", \\; ", ",\\:"):
        page = f"$a = [0.6{comma}-0.4] + [0.1, 0.1] = [0.7, {{}}]$\n"
        assert errors(page.format("-0.3"), markdown=True) == set(), comma
        assert errors(page.format("-0.5"), markdown=True) == {1}, comma
        found = verdicts(page.format("-0.3"), markdown=True)
        assert {q for _, q, _, _ in found} == {"a1", "a2"}, (comma, found)


def test_a_worked_list_with_thin_spaces_after_its_commas_is_worked():
    assert (1 * 0.5 + 2 * 0.7 + 0.1, 1 * 0.6 + 2 * 0.8 + 0.2) == (2.0, 2.4000000000000004)
    page = ("$z = [1 \\times 0.5 + 2 \\times 0.7 + 0.1, \\, 1 \\times 0.6 + 2 \\times 0.8 + 0.2]"
            " = [2.0, {}]$\n")
    assert errors(page.format("2.4"), markdown=True) == set()
    assert errors(page.format("2.5"), markdown=True) == {1}
    assert "z2" in {q for _, q, _, _ in verdicts(page.format("2.4"), markdown=True)}


# -- a list of sigmoids worked entry by entry ---------------------------------------------
# = \left[\frac{1}{1+e^{-2.0}}, \frac{1}{1+e^{-2.4}}\right] ≈ [0.8808, 0.9168]: each entry a
# fraction whose denominator is a sum with a power of e, as pages write σ of a layer.


def test_a_list_of_sigmoids_is_worked_entry_by_entry():
    s = [1 / (1 + math.exp(-2.0)), 1 / (1 + math.exp(-2.4))]
    assert [round(v, 4) for v in s] == [0.8808, 0.9168]
    for left, right in (("\\left[", "\\right]"), ("[", "]")):
        page = (f"$a = {left}\\frac{{{{1}}}}{{{{1+e^{{{{-2.0}}}}}}}}, "
                f"\\frac{{{{1}}}}{{{{1 + e^{{{{-2.4}}}}}}}}{right} \\approx [0.8808, {{}}]$\n")
        assert errors(page.format("0.9168"), markdown=True) == set(), page
        assert errors(page.format("0.9084"), markdown=True) == {1}, page


# -- targets said in words, then the wrong one substituted ---------------------------------
# Reported to the lead (labelled.listed_targets, fresh this session; read_prose): with "the
# targets are 0.01 and 0.99" and E_1 = ½(t_1 − o_1)² worked as ½(0.99 − 0.75)², the
# substituted 0.99 gives t_1 its value (a number put for a leaf with none is a given), so
# the family t1, t2 disagrees with the list and is not linked to it: 0.99 for t_1 and
# E_1 = 0.0288 are judged matches, though t_1 is 0.01 and E_1 is 0.2738.
TARGETS = (
    "The network outputs $o_1 = 0.75$ and $o_2 = 0.77$; the targets are 0.01 and 0.99.\n"
    "\n"
    "$E_1 = \\frac{{1}}{{2}}(t_1 - o_1)^2 = \\frac{{1}}{{2}}({t} - 0.75)^2 = {e}$\n"  # line 3
    "\n"
    "$E_2 = \\frac{{1}}{{2}}(t_2 - o_2)^2 = \\frac{{1}}{{2}}(0.99 - 0.77)^2 = 0.0242$\n"
)


def test_the_errors_of_the_two_outputs_by_hand():
    assert round(0.5 * (0.01 - 0.75) ** 2, 4) == 0.2738
    assert round(0.5 * (0.99 - 0.77) ** 2, 4) == 0.0242
    assert round(0.5 * (0.99 - 0.75) ** 2, 4) == 0.0288


def test_the_targets_said_in_words_and_substituted_right_pass():
    assert errors(TARGETS.format(t="0.01", e="0.2738"), markdown=True) == set()


@pytest.mark.xfail(strict=True, reason="a wrong target substituted defines it (labelled)")
def test_the_second_target_substituted_for_the_first_is_flagged():
    assert errors(TARGETS.format(t="0.99", e="0.0288"), markdown=True) == {3}
