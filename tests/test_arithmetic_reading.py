"""Numbers worked out as published: equations of numbers alone, functions at numbers, and the
steps that continue them. Each case a small page in its own style; the expected values are
worked out by hand (or with ``math`` here), never by the package."""

import math

from pages import verdicts

from autograd.audit import check_text


def _judged(text: str, markdown: bool = True) -> dict[str, str]:
    """Each written text judged on the page, with its verdict (the last, if written twice)."""
    return {w: v for _, w, v in verdicts(text, markdown)}


def test_a_sigmoid_written_out_at_its_number_is_judged_by_its_value():
    # σ(0.5) = 1/(1 + e^−0.5) = 0.622459; the step with e^−0.6 (0.645656) is wrong
    page = "z = 0.5\na = σ(0.5)\n= 1/(1 + e^(-0.5))\n= 1/(1 + 0.6065)\n= 0.6225\n"
    assert math.isclose(1 / (1 + math.exp(-0.5)), 0.622459, abs_tol=1e-6)
    judged = _judged(page, markdown=False)
    assert judged["1/(1 + e^−0.5)"] == "match"
    assert judged["0.6225"] == "match"
    wrong = _judged(page.replace("e^(-0.5)", "e^(-0.6)"), markdown=False)
    assert wrong["1/(1 + e^−0.6)"] == "error"


def test_an_equation_of_numbers_alone_is_judged_step_by_step():
    # −21 − 2 − 2 = −25, not −24; −24/3 = −8 follows from it
    page = "gradient(b1) : (-21 - 2 - 2) / 3 = -24 / 3 = -8\n"
    found = {(w, v) for _, w, v in verdicts(page, markdown=False)}
    assert ("−24", "error") in found
    assert ("−8", "carried") in found
    report = check_text(page)
    (error,) = report.parts[0].errors()
    assert "is −25" in error.diagnosis
    # right, every number on the line is read: the operands as given, each step judged (the
    # / 3 of the step after is the left side's own, read with it)
    right = verdicts("(-21 - 2 - 2) / 3 = -25 / 3 = -8.3333\n", markdown=False)
    assert [(w, v) for _, w, v in right] == [
        ("(−21 − 2 − 2)/3", "given"), ("3", "given"), ("−25", "match"), ("−8.3333", "match")]


def test_a_mean_of_numbers_in_latex_fractions_and_an_approximation():
    # (0.25 + 1.00 + 0.25)/3 = 1.50/3 = 0.5;  (−20 − 18 − 15)/3 = −17.666…
    page = (
        "$$\\text{MSE} = \\frac{0.25 + 1.00 + 0.25}{3} = \\frac{1.50}{3} = 0.5$$\n\n"
        "$$\\frac{-20 -18 -15}{3} \\approx -17.67$$\n"
    )
    judged = _judged(page)
    assert judged["1.50"] == judged["0.5"] == judged["−17.67"] == "match"
    assert judged["((−20 − 18 − 15)/3)"] == "given"
    wrong = _judged(page.replace("{1.50}", "{1.40}").replace("-17.67", "-16.67"))
    assert wrong["1.40"] == wrong["−16.67"] == "error"


def test_a_function_at_a_number_on_the_left_is_worked_out_there():
    # σ(2) = 1/(1 + e^−2) = 1/(1 + 0.1353) = 0.8808 (e^−2 = 0.135335); −ln 0.8 = 0.223144
    assert math.isclose(1 / (1 + math.exp(-2)), 0.880797, abs_tol=1e-6)
    page = (
        "$$\\sigma(2) = \\frac{1}{1 + e^{-2}}$$\n\n"
        "$$\\sigma(2) = \\frac{1}{1 + 0.1353}$$\n\n"
        "$$\\sigma(2) \\approx 0.8808$$\n\n"
        "| sample | $\\hat{y}$ | loss |\n|---|---|---|\n"
        "| 2 | 0.2 | $-\\log(0.8) = 0.223$ |\n"
    )
    found = verdicts(page)
    assert ("σ(2)", "σ(2)", "given") in found  # its number read
    assert ("σ(2)", "0.8808", "match") in found
    assert ("−log(0.8)", "0.223", "match") in found
    wrong = verdicts(page.replace("0.8808", "0.8708").replace("0.223", "0.233"))
    assert ("σ(2)", "0.8708", "error") in wrong
    assert ("−log(0.8)", "0.233", "error") in wrong


def test_a_wrong_number_is_not_excused_by_a_result_of_another_expression():
    # line 1 gives 2.6 for 1.5 + 1.1; on line 2, 2.6 written for 0.4 + 0.7 (1.1) is wrong:
    # neither the exact value nor any number the writer holds for 0.4 + 0.7
    page = "1.5 + 1.1 = 2.6\n(0.4 + 0.7) / 2 = 2.6 / 2 = 1.3\n"
    found = verdicts(page, markdown=False)
    assert ("0.4 + 0.7", "2.6", "error") in found
    assert ("(0.4 + 0.7)/2", "1.3", "carried") in found


def test_the_constants_of_a_formula_written_again_with_its_numbers_are_read_as_its_own():
    # z = 0.5·2 + 0.1·1 = 1.1; a = 1/(1 + e^−1.1) = 0.750260 (by hand: math below). The 1 of
    # b·1 and the 1s of 1/(1 + e^…) are the formula's, read with it; 1/(2 + e^−1.1) = 0.428656
    # changes one: then the numbers are no longer the formula's, and are judged by their value
    assert math.isclose(1 / (1 + math.exp(-1.1)), 0.750260, abs_tol=1e-6)
    page = (
        "w1 = 0.5, x1 = 2, b = 0.1\n"
        "z = w1·x1 + b·1 = 0.5·2 + 0.1·1 = 1.1\n"
        "a = 1/(1 + e^(-z)) = 1/(1 + e^(-1.1)) = 0.7503\n"
    )
    found = verdicts(page, markdown=False)
    assert ("w1 · x1 + b · 1", "1", "given") in found
    assert ("1/(1 + e^(−z))", "1, 1", "given") in found
    assert ("z", "1.1", "match") in found  # the −1.1 of e^(−1.1), for −z
    assert "error" not in {v for _, _, v in found}
    wrong = verdicts(page.replace("1/(1 + e^(-1.1))", "1/(2 + e^(-1.1))"), markdown=False)
    assert ("a", "1/(2 + e^−1.1)", "error") in wrong
    # the report lists the formula's constants nowhere as givens of the page
    table = check_text(page).parts[0].text("all")
    assert "Given: w1 = 0.5, x1 = 2, b = 0.1\n" in table


def test_a_definition_s_own_numbers_are_read_with_it_and_its_powers_are_not_numbers():
    # E = 0.5 × (t − o)² = 0.5 × (0.2)² = 0.02 (by hand); the 0.5 is the formula's, on the
    # definition and again with the numbers; the 2 of the square is a power, no number written
    page = "t = 1, o = 0.8\nE = 0.5 × (t - o)^2 = 0.5 × (0.2)^2 = 0.02\n"
    found = verdicts(page, markdown=False)
    assert found.count(("0.5 · (t − o)^2", "0.5", "given")) == 2
    assert ("t − o", "0.2", "match") in found and ("E", "0.02", "match") in found
    # y = 3x: the 3 is y's own, read as the page writes it
    assert ("3 · x", "3", "given") in verdicts("$x = 2$\n\n$y = 3x = 6$\n")


def test_a_left_side_of_numbers_after_a_result_reads_the_result_and_not_its_power():
    # 1 − 0.25² = 0.9375 after 0.5 × 0.5 = 0.25: 0.25 is that result, the 1 the page's, and
    # the 2 a power (no number written)
    found = verdicts("$$0.5 \\times 0.5 = 0.25$$\n\n$$1 - 0.25^2 = 0.9375$$\n")
    assert ("0.5 · 0.5", "0.25", "match") in found  # the result copied, judged as it
    assert ("1 − 0.25^2", "1", "given") in found and ("1 − 0.25^2", "0.9375", "match") in found


def test_numbers_a_reader_infers_are_not_read_as_the_page_s():
    # L integrated from dL/dw = 2w − 6 and L(3) = 1 is w² − 6w + 10: its 10 is not written
    found = verdicts("dL/dw = 2w - 6\nL(3) = 1\nw = 0\nL = 10\n", markdown=False)
    assert ("L", "10", "match") in found
    assert not [f for f in found if "10" in f[1] and f[2] == "given"]
    # a column headed by a formula: its 1s are the header's, not written on each row
    # (−ln 0.8 = 0.223, −ln 0.6 = 0.511)
    assert (round(-math.log(0.8), 3), round(-math.log(0.6), 3)) == (0.223, 0.511)
    table = (
        "| $y$ | $\\hat{y}$ | $-(1-y)\\log(1-\\hat{y})$ |\n|---|---|---|\n"
        "| 0 | 0.2 | $-\\log(0.8) = 0.223$ |\n"
        "| 0 | 0.4 | $-\\log(0.6) = 0.511$ |\n"
    )
    found = verdicts(table)
    assert ("−(1 − y)log(1 − ŷ)", "0.511", "match") in found
    assert not [f for f in found if f[1] == "1, 1"]


def test_an_x_between_two_numbers_is_times_where_the_page_has_no_x():
    # 2 × .11 + 3 × .21 = .22 + .63 = .85 (by hand); .95 is wrong
    page = "h = 2 x .11 + 3 x .21 = .85\n"
    assert ("h", ".85", "match") in verdicts(page, markdown=False)
    assert ("h", ".95", "error") in verdicts(page.replace(".85", ".95"), markdown=False)
    assert ("0.5 · 0.4", "0.2", "match") in verdicts("0.5 x 0.4 = 0.2\n", markdown=False)
    # where the page gives x, or reads it as a variable anywhere, x stays a name
    given = verdicts("x = 2, w = 3\nz = w x = 6\nq = 2 x 3 = 12\n", markdown=False)
    assert ("q", "12", "match") in given  # 2 · x · 3 with x = 2
    unread = check_text("w = 3\nz = w x + 2 x 3\n").parts[0].judged.unread
    assert [u.line for u in unread] == [2] and "x has no value" in unread[0].reason


def test_a_number_written_first_is_the_value_of_what_follows_it():
    # 0.25 = 0.5 × 0.5 holds; 0.26 = 0.5 × 0.5 does not (by hand)
    assert ("0.5 · 0.5", "0.25", "match") in verdicts("0.25 = 0.5 × 0.5\n", markdown=False)
    assert ("0.5 · 0.5", "0.26", "error") in verdicts("0.26 = 0.5 × 0.5\n", markdown=False)
    assert ("w", "0.5", "match") in verdicts("$w = 0.5$\n\n$0.5 = w$\n")
    # a right side that cannot be worked out is said to be that, not a left side
    (unread,) = check_text("0.1412 = f(Ik)\n").parts[0].judged.unread
    assert unread.reason.startswith("the right side f · Ik: f has no value")


def test_a_wrong_number_inside_a_step_is_named_with_what_it_should_be():
    # σ(0.8) = 1/(1 + e^−0.8) with e^−0.8 = 0.449329 (math below): 0.4593 for it is the slip
    assert round(math.exp(-0.8), 6) == 0.449329
    page = (
        "$$\n\\begin{aligned}\na &= \\sigma(0.8) \\\\\n  &= \\frac{1}{1 + e^{-0.8}} \\\\\n"
        "  &= \\frac{1}{1 + 0.4593} \\\\\n  &\\approx 0.6853\n\\end{aligned}\n$$\n"
    )
    (slip, *_) = check_text(page, markdown=True).parts[0].errors()
    assert (slip.line, slip.quantity, slip.written) == (5, "e^−0.8", "0.4593")
    assert "e^−0.8 is 0.449329" in slip.diagnosis


def test_a_step_on_its_own_line_goes_on_with_the_chain_before_it_even_when_wrong():
    # σ(2) = 1/(1 + e^−2) = 1/1.1353 ≈ 0.8808 (0.880797); ≈ 0.8708 is wrong, on its line
    page = (
        "$$\\sigma(2) = \\frac{1}{1 + e^{-2}}$$\n\n$$= \\frac{1}{1.1353}$$\n\n"
        "$$\\approx 0.8808$$\n"
    )
    assert ("1 + e^−2", "1.1353", "match") in verdicts(page)
    assert ("σ(2)", "0.8808", "match") in verdicts(page)
    assert [(c.line, c.written) for c in check_text(page.replace("0.8808", "0.8708"),
            markdown=True).parts[0].errors()] == [(5, "0.8708")]  # fmt: skip


def test_numbers_worked_out_for_a_quantity_given_nowhere_are_still_judged():
    # J is given nowhere, so ∂J/∂w is not worked out; (−1 + (−2))/2 = −1.5 holds by itself,
    # and (−1 + (−1))/2 = −1.5 does not (it is −1)
    page = "dJ/dw = (-1 + (-2))/2 = -1.5\ndJ/db = (-1 + (-1))/2 = -1.5\n"
    report = check_text(page)
    found = [(c.line, c.written, c.verdict) for c in report.parts[0].checks]
    assert (1, "−1.5", "match") in found and (2, "−1.5", "error") in found
    assert [u.line for u in report.parts[0].judged.unread] == [1, 2]  # ∂J/∂w itself: unread


def test_equations_on_lines_of_their_own_in_one_block_stand_on_their_lines():
    # one $$ block, no \\ between, a \quad ending the first: 2 × 3 = 6, then 6 − 1 = 4 (5)
    page = "$$\nq = 2 \\times 3 = 6, \\quad\nr = 6 - 1 = 4\n$$\n"
    report = check_text(page, markdown=True)
    assert [(c.line, c.written) for c in report.parts[0].errors()] == [(3, "4")]
    assert ("q", "6", "match") in verdicts(page)


def test_a_step_that_goes_on_with_no_quantity_read_is_judged_as_its_numbers():
    # the loss is a sum over an index (its general formula, not read); −ln 0.659 = 0.41703
    page = "$$\n\\text{Loss} = -\\sum y_i \\log(p_i)\n= -\\log(0.659) \\approx 0.417\n$$\n"
    assert ("−log(0.659)", "0.417", "match") in verdicts(page)
    assert ("−log(0.659)", "0.517", "error") in verdicts(page.replace("0.417", "0.517"))


def test_a_percentage_is_the_number_it_writes_in_hundredths():
    # σ(2) = 0.880797: 88.08 % is it to the same four digits; 25 % is 0.25, and 40 % not 0.5
    page = "$$\\sigma(2) \\approx 0.8808 = 88.08\\%$$\n\np = 0.25 = 25%\n\nq = 0.5 = 40%\n"
    found = verdicts(page)
    assert found.count(("σ(2)", "0.8808", "match")) == 2
    assert ("p", "0.25", "match") in found and ("q", "0.40", "error") in found


def test_a_step_after_a_slip_inside_one_follows_from_it():
    # e^−0.3775 = 0.685573 (math below); written 0.68566, then 1 + 0.68566 = 1.68566: the
    # slip is the one number, on its line; the next step carries it, and the step with the
    # slip is not a second error of the line
    assert round(math.exp(-0.3775), 6) == 0.685573
    page = ("z = 0.3775\na = σ(0.3775)\n= 1 / (1 + e^(-0.3775))\n= 1 / (1 + 0.68566)\n"
            "= 1 / 1.68566\n= 0.59327\n")  # fmt: skip
    report = check_text(page)
    assert [(c.line, c.quantity, c.written) for c in report.parts[0].errors()] == [
        (4, "e^−0.3775", "0.68566")]
    assert ("1 + e^−0.3775", "1.68566", "carried") in verdicts(page, markdown=False)
