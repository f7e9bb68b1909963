"""Reading what pages on losses and softmax write: a left side that is an expression, a
function the page defines and then applies, numbers that define a quantity. Expected values
by hand and from the math module, never from the package."""

import math

from autograd.audit import check_text


def verdicts(text: str) -> list[tuple[int, str, str, str]]:
    report = check_text(text)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def test_a_left_side_that_is_an_expression_is_judged_as_a_quantity():
    assert round(math.exp(0.5), 3) == 1.649 and round(-math.log(0.9), 3) == 0.105
    found = [v for v in verdicts("e^0.5 = 1.649\n−log(0.9) = 0.105\n7.389 + 2.718 = 10.2")
             if v[3] != "given"]  # the numbers of each left side are read as given
    assert found[:2] == [(1, "e^0.5", "1.649", "match"), (2, "−log(0.9)", "0.105", "match")]
    assert found[2][1:] == ("7.389 + 2.718", "10.2", "error")  # it is 10.107


def test_an_expression_left_side_takes_the_numbers_substituted_into_it():
    found = verdicts("z1 = 0.235\ne^z1 = e^0.235 = 1.2649")
    assert (2, "z1", "0.235", "match") in found  # 0.235 is read as z1's value
    assert (2, "e^z1", "1.2649", "match") in found  # e^0.235 = 1.26490…


def test_a_function_the_page_defines_is_applied_where_it_is_called():
    assert math.isclose(1.01**3, 1.030301) and 2**3 == 8  # by hand
    found = verdicts("J(θ) = θ^3\nθ = 1, ε = 0.01\nJ(θ + ε) = 1.030301\nJ(2) = 9")
    found = [v for v in found if v[3] != "given"]
    assert found[-2][2:] == ("1.030301", "match")
    assert found[-1][2:] == ("9", "error")


def test_a_function_defined_at_a_given_variable_is_also_the_pages_quantity():
    # f(x) = x² with x = 3 given: ∂f/∂x is 2x = 6 by hand, so 3x = 9 is wrong. The definition
    # was set aside as a function only, and ∂f/∂x = 3x = 9 was judged a match, silently.
    found = verdicts("x = 3\nf(x) = x^2\n∂f/∂x = 3x = 9")
    assert [(c[0], c[3]) for c in found] == [(1, "given"), (3, "error"), (3, "carried")]
    found = verdicts("x = 3\nf(x) = x^2\n∂f/∂x = 2x = 6")
    assert [c[3] for c in found] == ["given", "match", "match"]


def test_a_function_whose_formula_is_not_read_applied_to_numbers_is_a_quantity():
    # f(s) = e^s/Σe^s names no range: f(1.0) is what its own numbers give
    assert round(math.e / (math.e + math.e**2), 4) == 0.2689
    found = verdicts(
        "f(s) = e^s/Σe^s\n"
        "f(1.0) = e^1.0/(e^1.0 + e^2.0) = 0.2689\n"
        "f(2.0) = e^1.0/(e^1.0 + e^2.0) = 0.7311"  # the numerator copied from the line above
    )
    assert (2, "f(1.0)", "0.2689", "match") in found
    assert (3, "f(2.0)", "0.7311", "error") in found


def test_numbers_that_define_a_quantity_are_the_pages_givens():
    found = verdicts("z = 0.5 · 2 + 0.1 = 1.1")
    assert found == [(1, "z", "0.5 · 2 + 0.1", "given"), (1, "z", "1.1", "match")]


def markdown(text: str) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=True)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def test_a_sum_over_an_index_with_its_range_written_is_its_terms():
    # L = −(1·ln 0.7 + 0·ln 0.3) = 0.356675 (math.log)
    assert round(-math.log(0.7), 4) == 0.3567
    found = markdown(
        "$y = [1, 0]$, $\\hat{y}_1 = 0.7$, $\\hat{y}_2 = 0.3$\n\n"
        "$L = -\\sum_{i=1}^{2} y_i \\ln(\\hat{y}_i) = 0.3567$\n\n"
        "$L = -\\sum_{i=1}^{2} y_i \\ln(\\hat{y}_i) = 1.204$\n"  # −ln 0.3: the wrong class
    )
    assert (3, "L", "0.3567", "match") in found
    assert (5, "L", "1.204", "error") in found


def test_a_list_in_square_brackets_is_a_vector_of_components():
    found = markdown("$y = [1, 0]$\n\n$e = [0 - 20, 0 - 18] = [-20, -18]$\n")
    assert (1, "y1", "1", "given") in found and (1, "y2", "0", "given") in found
    assert (3, "e1", "−20", "match") in found and (3, "e2", "−18", "match") in found


def test_two_vectors_side_by_side_multiply_entry_by_entry():
    # X · error written out as the products of their entries: 10·(−20), 20·(−18)
    found = markdown(
        "$X = [10, 20], \\quad \\text{error} = [-20, -18]$\n\n"
        "$X \\cdot \\text{error} = [-200, -360]$\n"
    )
    assert (3, "X1 · error1", "−200", "match") in found
    assert (3, "X2 · error2", "−360", "match") in found


def test_names_written_one_after_another_before_a_matrix_name_it_each():
    # A = Ŷ = [e^{z_1}/(e^{z_1}+e^{z_2}), …]: Ŷ1 is A1, softmax(0.2, −0.1)₁ = 0.574443
    assert round(math.exp(0.2) / (math.exp(0.2) + math.exp(-0.1)), 4) == 0.5744
    found = markdown(
        "Let $z_1 = 0.2, z_2 = -0.1$.\n\n"
        "$A = \\hat{Y} = \\begin{bmatrix} e^{z_1} / (e^{z_1} + e^{z_2}) \\\\ "
        "e^{z_2} / (e^{z_1} + e^{z_2}) \\end{bmatrix} = \\begin{bmatrix} 0.5744 \\\\ 0.4256"
        " \\end{bmatrix}$\n\n"
        "$\\hat{Y}_1 = 0.5744$\n"
    )
    assert (3, "A1", "0.5744", "match") in found
    assert (5, "Ŷ1", "0.5744", "match") in found
