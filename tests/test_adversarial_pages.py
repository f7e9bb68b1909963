"""Small pages written to break a reading: a wrong number it could pass as a rounding (a silent
wrong answer), a right one it could call an error (a false alarm). Each construct in several
styles (plain text, Markdown with LaTeX, other letters), with a planted wrong number that must
be flagged on its line and the right page that must not be. Expected values by hand and from
plain Python floats in the test, never from the package."""

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
