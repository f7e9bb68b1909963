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
    # right, every number on the line is read: the operands as given, each step judged
    right = verdicts("(-21 - 2 - 2) / 3 = -25 / 3 = -8.3333\n", markdown=False)
    assert [(w, v) for _, w, v in right] == [
        ("(−21 − 2 − 2)/3", "given"), ("−25", "match"), ("−8.3333", "match")]  # fmt: skip


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
