"""Whole-matrix computations as pages publish them: each component of each matrix expression
read as a scalar link that the engine recomputes and judges. Each page is small and in a
style of its own; the expected numbers are worked by hand (or in plain Python here)."""

import pytest
from pages import chains

from autograd.audit import check, check_text
from autograd.audit.latex_text import latex_to_text
from autograd.audit.read_latex import read_markdown
from autograd.audit.read_sums import sums_written_out

# u⁽¹⁾ = V⁽¹⁾x + c⁽¹⁾ with x = (2, −1), V⁽¹⁾ = ((0.5, 1.5), (−2, 0.25)), c⁽¹⁾ = (0.1, 0.2):
# u1 = 0.5·2 + 1.5·(−1) + 0.1 = −0.4, u2 = −2·2 + 0.25·(−1) + 0.2 = −4.05
GIVENS = (
    "Given $\\mathbf{x} = \\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}$, "
    "$\\mathbf{V}^{(1)} = \\begin{pmatrix} 0.5 & 1.5 \\\\ -2 & 0.25 \\end{pmatrix}$ and "
    "$\\mathbf{c}^{(1)} = \\begin{pmatrix} 0.1 \\\\ 0.2 \\end{pmatrix}$.\n\n"
    "$$ \\mathbf{u}^{(1)} = \\mathbf{V}^{(1)}\\mathbf{x} + \\mathbf{c}^{(1)} $$\n\n"
)


def checks(page: str) -> list[tuple[int, str, str, str]]:
    report = check_text(page, markdown=True)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(found: list[tuple[int, str, str, str]]) -> list[tuple[int, str, str]]:
    """(line, quantity, written) of each error."""
    return [c[:3] for c in found if c[3] == "error"]


def judged(found: list[tuple[int, str, str, str]]) -> list[tuple[str, str, str]]:
    """(quantity, written, verdict) of each check, wherever it stands."""
    return [c[1:] for c in found]


def test_a_numbered_list_under_a_matrix_is_the_working_of_each_component():
    page = GIVENS + (
        "Entry by entry:\n"
        "1) $0.5 \\times 2 + 1.5 \\times (-1) + 0.1 = -0.4$\n"
        "2) $-4 + 0.25 + 0.2 = -3.55$\n"  # the sign of 0.25·(−1) lost: −4.05
    )
    found = checks(page)
    assert (6, "u1⁽1⁾", "−0.4", "match") in found
    assert (6, "V12⁽1⁾", "1.5", "match") in found  # the numbers put in, each judged
    (error,) = [c for c in found if c[3] == "error"]
    assert error[:2] == (7, "u2⁽1⁾") and error[2] == "−4 + 0.25 + 0.2"


def test_a_list_of_another_length_or_far_from_the_matrix_is_left_as_written():
    three = GIVENS + "1. $1 - 1.5 + 0.1 = -0.4$\n2. $-4 - 0.25 + 0.2 = -4.05$\n3. $1 + 1 = 2$\n"
    far = GIVENS + "Some words.\n\nMore words here.\n\n1. $1 - 1.5 + 0.1 = -0.4$\n" \
        "2. $-4 - 0.25 + 0.2 = -4.05$\n"
    for page in (three, far):
        assert "1 − 1.5 + 0.1 = −0.4" in chains(page)
        assert not any(c.startswith("u1⁽1⁾ = 1 − 1.5") for c in chains(page))


def test_an_item_that_names_its_quantity_keeps_its_own_name():
    page = GIVENS + "1. $u_1 = 1 - 1.5 + 0.1 = -0.4$\n2. $-4 - 0.25 + 0.2 = -4.05$\n"
    assert "u1 = 1 − 1.5 + 0.1 = −0.4" in chains(page)


def test_a_fraction_whose_backslash_the_post_lost_is_a_fraction():
    # the components of softmax over (0, ln 3): 1/4 and 3/4
    page = (
        "$$ \\mathbf{p} = \\begin{bmatrix} \\frac{1}{4} \\\\ \\frac{3}{4} \\end{bmatrix} $$\n\n"
        "1. $frac{1}{4} = 0.25$\n2. $frac{3}{4} = 0.65$\n"
    )
    found = checks(page)
    assert (3, "p1", "0.25", "match") in found
    assert (4, "p2", "0.65", "error") in found


def test_a_list_that_works_out_other_numbers_is_not_the_components_working():
    # Z = (0.5, 0.3), then "Doubling each entry": 0.5 × 2 = 1.0 and 0.3 × 2 = 0.6 were read
    # as Z1 = 0.5 × 2 = 1.0 and Z2 = 0.3 × 2 = 0.6, and the page's right Z1 = 0.5 and Z2 = 0.3
    # flagged 'a factor 2 missing'; an item is a component's working when it ends in the number
    # the component is written with
    page = (
        "$$\nZ = \\begin{bmatrix} 0.5 \\\\ 0.3 \\end{bmatrix}\n$$\n\nDoubling each entry:\n\n"
        "1. $0.5 \\times 2 = 1.0$\n2. $0.3 \\times 2 = 0.7$\n"
    )
    found = checks(page)
    assert not [c for c in found if c[1].startswith("Z") and c[3] == "error"], found
    assert (8, "0.3 · 2", "0.7", "error") in found  # the list's own slip, on its line
    assert "Z1 = 0.5 · 2 = 1.0" not in chains(page)


def test_entries_of_a_matrix_of_eleven_rows_and_columns_keep_apart():
    # W's (1, 11) and (11, 1) were both W111: 'W111 is written with different values' and
    # z1 judged with the wrong one. W is 0 but for W(1, 11) = 1 and W(11, 1) = 2; x all ones:
    # z1 = 1, z11 = 2, the others 0, by hand
    rows = [["0"] * 11 for _ in range(11)]
    rows[0][10], rows[10][0] = "1", "2"
    z = ["1", *["0"] * 9, "2"]
    matrix = " \\\\ ".join(" & ".join(r) for r in rows)
    column = lambda values: " \\\\ ".join(values)  # noqa: E731
    page = (
        f"$$\nW = \\begin{{bmatrix}} {matrix} \\end{{bmatrix}}\n$$\n\n"
        f"$$\nx = \\begin{{bmatrix}} {column(['1'] * 11)} \\end{{bmatrix}}\n$$\n\n"
        f"$$\nz = W x = \\begin{{bmatrix}} {column(z)} \\end{{bmatrix}}\n$$\n"
    )
    report = check_text(page, markdown=True)
    assert not [c for p in report.parts for c in p.errors()]
    assert not [t for p in report.parts for t in p.contradictions]


def test_each_entry_of_a_product_written_out_is_judged_on_its_own_row():
    page = (
        "Let $M = \\begin{pmatrix} 1 & -2 \\\\ 0.5 & 3 \\end{pmatrix}$, "
        "$v = \\begin{pmatrix} 4 \\\\ 1 \\end{pmatrix}$, "
        "$c = \\begin{pmatrix} 0.5 \\\\ -1 \\end{pmatrix}$.\n\n"
        "$$ h = M v + c $$\n\n"
        "$$\nh = \\begin{pmatrix}\n1 & 2 \\\\\n0.5 & 3\n\\end{pmatrix} \\begin{pmatrix}\n"
        "4 \\\\\n1\n\\end{pmatrix} + \\begin{pmatrix}\n0.5 \\\\\n-1\n\\end{pmatrix}\n$$\n"
    )
    found = checks(page)
    (error,) = [c for c in found if c[3] == "error"]
    assert error[:3] == (7, "M12", "2")  # −2 copied as 2, on the row it is written on
    assert (8, "M21", "0.5", "match") in found
    assert (10, "v1", "4", "match") in found
    assert (14, "c2", "−1", "match") in found


def test_a_function_of_each_entry_is_judged_on_the_row_of_its_entry():
    # a = relu(z) with z = (1.5, −2): (1.5, 0); max(0, −2) written 2 on the second row
    page = (
        "$\\mathbf{z} = [1.5, -2]$\n\n"
        "$$\n\\mathbf{a} = \\mathrm{ReLU}(\\mathbf{z}) = \\begin{bmatrix}\n"
        "\\max(0, 1.5) \\\\\n\\max(0, -2)\n\\end{bmatrix} = \\begin{bmatrix}\n1.5 \\\\\n2\n"
        "\\end{bmatrix}\n$$\n"
    )
    found = checks(page)
    assert [c[0] for c in found if c[2] == "max(0, −2)"] == [6]
    assert [c[:2] for c in found if c[3] == "error"] == [(9, "a2")]
    assert (5, "a1", "max(0, 1.5)", "match") in found


def test_e_to_a_vector_is_the_exponential_of_each_entry():
    # e^0.5 = 1.64872, e^1 = 2.71828 (2.7813: digits swapped); softmax = (0.37754, 0.62246)
    page = (
        "$\\mathbf{s} = \\begin{pmatrix} 0.5 \\\\ 1 \\end{pmatrix}$\n\n"
        "$$\ne^{\\mathbf{s}} = \\begin{pmatrix}\ne^{0.5} \\\\\ne^{1}\n\\end{pmatrix} = "
        "\\begin{pmatrix}\n1.6487 \\\\\n2.7813\n\\end{pmatrix}\n$$\n\n"
        "$$ S = 1.6487 + 2.7183 = 4.367 $$\n\n"
        "$$ \\mathbf{p} = \\frac{e^{\\mathbf{s}}}{S} = "
        "\\begin{pmatrix} 0.3775 \\\\ 0.6225 \\end{pmatrix} $$\n"
    )
    found = checks(page)
    assert (8, "e^s1", "1.6487", "match") in found
    assert errors(found) == [(9, "e^s2", "2.7813")]
    assert (15, "p1", "0.3775", "match") in found and (15, "p2", "0.6225", "match") in found


def test_maths_in_a_line_ends_in_its_paragraph():
    # "\( $σ'(z)$):" never closes its \(: the block after the blank line is read, not swallowed
    page = (
        "Computing \\( $\\sigma'(z)$):\n\n"
        "$$ \\mathbf{v} = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} $$\n\n"
        "Then \\( \\mathbf{v} \\) is given.\n"
    )
    assert chains(page) == ["v1 = 1", "v2 = 2"]


def test_a_row_broken_over_lines_judges_each_entry_on_its_own_line():
    page = (
        "$W = \\begin{bmatrix} 0.3 & -0.5 \\\\ 0.2 & 0.4 \\end{bmatrix}$\n\n"
        "$$\nW^T = \\begin{bmatrix}\n0.3\n & 0.5 \\\\\n-0.5 & 0.4\n\\end{bmatrix}\n$$\n"
    )
    found = checks(page)
    assert (5, "W11", "0.3", "match") in found
    assert errors(found) == [(6, "W21", "0.5")]  # W21 is 0.2


def test_a_matrix_alone_is_not_understood_once_not_per_entry():
    page = (
        "$\\mathbf{q} = \\begin{pmatrix} 0.25 \\\\ 0.75 \\end{pmatrix}$\n\n"
        "The probabilities for \\( \\mathbf{q} \\) are:\n\n"
        "$$\\begin{pmatrix} 0.25 \\\\ 0.75 \\end{pmatrix}$$\n"
    )
    (part,) = read_markdown(page).parts
    assert [(u.line, u.text, u.reason) for u in part.unread] == [
        (5, "[0.25; 0.75]", "a matrix with nothing equal to it: what it is, only the words say")
    ]


def test_a_name_not_yet_written_out_in_a_sum_with_a_vector_is_a_vector_of_its_shape():
    # d = ŷ − y with y = (1, 0), ŷ written out after: d2 = 0.3 − 0 (0.3 − 1: y2 copied wrong)
    page = (
        "$\\mathbf{y} = [1, 0]$\n\n"
        "$$ \\mathbf{d} = \\hat{\\mathbf{y}} - \\mathbf{y} $$\n\n"
        "$$ \\hat{\\mathbf{y}} = \\begin{pmatrix} 0.7 \\\\ 0.3 \\end{pmatrix} $$\n\n"
        "$$\n\\mathbf{d} = \\begin{pmatrix}\n0.7 - 1 \\\\\n0.3 - 1\n\\end{pmatrix} = "
        "\\begin{pmatrix}\n-0.3 \\\\\n-0.7\n\\end{pmatrix}\n$$\n"
    )
    found = checks(page)
    assert (9, "ŷ1", "0.7", "match") in found and (12, "d1", "−0.3", "match") in found
    assert errors(found) == [(10, "y2", "1")]
    report = check_text(page, markdown=True)
    (carried,) = [c for p in report.parts for c in p.checks if c.verdict == "carried"]
    assert (carried.line, carried.quantity, carried.origin) == (13, "d2", 10)


def test_a_latex_enumerate_under_a_transposed_product(tmp_path):
    # h = (M⁽¹⁾)ᵀx, x = (2, −1): h1 = 0.5·2 + 1.5·(−1) = −0.5, h2 = −2·2 + 0.25·(−1) = −4.25
    source = tmp_path / "answers.tex"
    source.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "Let $\\boldsymbol{x} = \\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}$ and\n"
        "$\\boldsymbol{M}^{(1)} = \\begin{pmatrix} 0.5 & -2 \\\\ 1.5 & 0.25 \\end{pmatrix}$.\n"
        "\\[ \\boldsymbol{h}^{(1)} = \\left(\\boldsymbol{M}^{(1)\\top}\\right) "
        "\\boldsymbol{x} \\]\n"
        "Each component:\n\\begin{enumerate}\n\\item $1 - 1.5 = -0.5$\n"
        "\\item $-4 - 0.25 = -4.5$\n\\end{enumerate}\n\\end{document}\n",
        encoding="utf-8",
    )
    found = [(c.line, c.quantity, c.written, c.verdict)
             for p in check(source).parts for c in p.checks]  # fmt: skip
    assert (8, "h1⁽1⁾", "−0.5", "match") in found
    assert errors(found) == [(9, "h2⁽1⁾", "−4.5")]


@pytest.mark.parametrize(
    "latex, text",
    [
        ("W^\\top x", "W^T x"),
        ("W^{\\intercal}", "W^T"),
        ("W^\\mathsf{T}", "W^T"),
        ("\\mathbf{W}^{[2]\\top}", "W⁽2⁾^T"),
        ("\\boldsymbol{\\delta}^{(2)}", "δ⁽2⁾"),
        ("\\mathbf{a} \\circ \\mathbf{b}", "a ⊙ b"),
        ("\\phantom{-}0.5 + \\textcolor{red}{0.25}", "0.5 + 0.25"),  # spacing and colour
        ("\\color{blue}{-0.4}", "-0.4"),
    ],
)
def test_transposes_bold_symbols_and_the_hadamard_circle_as_pages_write_them(latex, text):
    assert latex_to_text(latex) == text


def test_bullets_and_lettered_items_under_a_matrix():
    for first, second in (("-", "-"), ("a)", "b)")):
        page = GIVENS + f"{first} $1 - 1.5 + 0.1 = -0.4$\n{second} $-4 - 0.25 + 0.2 = -4.05$\n"
        assert "u2⁽1⁾ = −4 − 0.25 + 0.2 = −4.05" in chains(page)


def test_a_sum_of_results_written_as_numbers_is_the_sum_of_those_quantities():
    # S = e^s1 + e^s2 written from the page's own (e^1 = 2.7813 for 2.71828): softmax = e^s/S
    # is the right formula, judged so; the slip is flagged where it is made, once
    page = (
        "$\\mathbf{s} = \\begin{pmatrix} 0.5 \\\\ 1 \\end{pmatrix}$\n\n"
        "$$ e^{\\mathbf{s}} = \\begin{pmatrix} e^{0.5} \\\\ e^{1} \\end{pmatrix} = "
        "\\begin{pmatrix} 1.6487 \\\\ 2.7813 \\end{pmatrix} $$\n\n"
        "$$ S = 1.6487 + 2.7813 = 4.4300 $$\n\n"
        "$$ \\mathrm{softmax}(\\mathbf{s}) = \\frac{e^{\\mathbf{s}}}{S} $$\n"
    )
    found = checks(page)
    assert ("softmax_1(s1, s2)", "(e^s1)/S", "match") in judged(found)
    assert errors(found) == [(3, "e^s2", "2.7813")]


def test_names_written_where_a_later_link_writes_matrices_take_their_shapes():
    # z = Wx + b = [[0.1, 0.2], [0.3, 0.4]](1, 2) + (0.5, 0.5) = (1.0, 1.6): 1.7 is wrong;
    # δ = Wᵀε with ε = (1, −1): (0.1 − 0.3, 0.2 − 0.4) = (−0.2, −0.2): −0.3 is wrong
    page = (
        "$$\n\\mathbf{z} = \\mathbf{W}\\mathbf{x} + \\mathbf{b} = \\begin{pmatrix} 0.1 & 0.2 "
        "\\\\ 0.3 & 0.4 \\end{pmatrix} \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} + "
        "\\begin{pmatrix} 0.5 \\\\ 0.5 \\end{pmatrix} = \\begin{pmatrix} 1.0 \\\\ 1.7 "
        "\\end{pmatrix}\n$$\n\n"
        "$$\n\\boldsymbol{\\delta}^{(1)} = \\mathbf{W}^\\top \\boldsymbol{\\varepsilon} = "
        "\\begin{bmatrix} 0.1 & 0.3 \\\\ 0.2 & 0.4 \\end{bmatrix} \\begin{bmatrix} 1 \\\\ -1 "
        "\\end{bmatrix} = \\begin{bmatrix} -0.2 \\\\ -0.3 \\end{bmatrix}\n$$\n"
    )
    found = checks(page)
    assert ("W12", "0.2", "match") in judged(found)
    assert ("z1", "1.0", "match") in judged(found)
    assert ("δ1⁽1⁾", "−0.2", "match") in judged(found)
    assert [c[1:3] for c in found if c[3] == "error"] == [("z2", "1.7"), ("δ2⁽1⁾", "−0.3")]


def test_a_formula_on_the_line_that_gives_its_vector_after_it_reads_it():
    # h = σ(z), z = (0, 2) in an array: h = (σ(0), σ(2)) = (0.5, 0.8808); 0.8808 is σ(2)
    page = (
        "$$ \\mathbf{h} = \\sigma\\left(\\mathbf{z}\\right), \\quad \\mathbf{z} = "
        "\\left[\\begin{array}{c} 0 \\\\ 2 \\end{array}\\right] $$\n\n"
        "$$ \\mathbf{h} = \\left[\\begin{array}{c} \\sigma(0) \\\\ \\sigma(2) \\end{array}\\right]"
        " = \\left[\\begin{array}{c} 0.5 \\\\ 0.8808 \\end{array}\\right] $$\n"
    )
    assert ("z2", "2", "match") in judged(checks(page))  # put in for z2 in σ(z2)
    assert chains(page)[2:4] == ["h1 = σ(z1)", "h2 = σ(z2)"]


def test_a_number_added_to_a_vector_is_added_to_each_entry():
    # y = 2x + 0.5 with x = (1, 3): (2.5, 6.5); 6 is wrong
    page = (
        "$\\mathbf{x} = \\begin{pmatrix} 1 \\\\ 3 \\end{pmatrix}$\n\n"
        "$$\\mathbf{y} = 2\\mathbf{x} + 0.5 = \\begin{pmatrix} 2.5 \\\\ 6 \\end{pmatrix}$$\n"
    )
    found = checks(page)
    assert ("y1", "2.5", "match") in judged(found)
    assert [c[1:3] for c in found if c[3] == "error"] == [("y2", "6")]


def test_a_vector_name_given_a_number_in_the_next_question_is_that_number():
    page = (
        "## Question 1\n\n$\\mathbf{x} = \\begin{pmatrix} 1 \\\\ 3 \\end{pmatrix}$\n\n"
        "## Question 2\n\nThe temperature is $x = 2^\\circ C$ and $w = 0.5$.\n\n"
        "$$ z = w x = 0.5 \\cdot 2 = 1 $$\n"
    )
    assert ("z", "1", "match") in judged(checks(page))
    assert latex_to_text("x = 2^{\\circ}\\text{C}") == "x = 2"


def test_a_function_of_an_entry_written_as_its_value_is_judged_as_that_value():
    # δ = a ⊙ ReLU'(z), z = (1.5, −2): ReLU'(z) = (1, 0); the 1 written for ReLU'(−2) is wrong
    page = (
        "$\\mathbf{z} = [1.5, -2]$, $\\mathbf{a} = [0.4, 0.3]$\n\n"
        "$$ \\boldsymbol{\\delta} = \\mathbf{a} \\odot \\mathrm{ReLU}'(\\mathbf{z}) $$\n\n"
        "$$\n\\boldsymbol{\\delta} = \\begin{bmatrix}\n0.4 \\\\\n0.3\n\\end{bmatrix} \\odot "
        "\\begin{bmatrix}\n1 \\\\\n1\n\\end{bmatrix} = \\begin{bmatrix}\n0.4 \\\\\n0.3\n"
        "\\end{bmatrix}\n$$\n"
    )
    found = checks(page)
    assert (10, "relu'(z1)", "1", "match") in found
    assert errors(found) == [(11, "relu'(z2)", "1")]
    assert (14, "δ2", "0.3", "carried") in found


def test_a_product_of_two_vectors_written_as_one_number_is_their_dot_product():
    # z = w·x + b, w = (0.5, −1), x = (2, 3), b = 0.5: 1 − 3 + 0.5 = −1.5 (−2.5 is wrong)
    page = (
        "$\\mathbf{w} = \\begin{bmatrix} 0.5 \\\\ -1 \\end{bmatrix}$, "
        "$\\mathbf{x} = \\begin{bmatrix} 2 \\\\ 3 \\end{bmatrix}$, $b = 0.5$\n\n"
        "$$ z = \\mathbf{w} \\cdot \\mathbf{x} + b = 0.5 \\cdot 2 + (-1) \\cdot 3 + 0.5 = -1.5 "
        "$$\n\n"
        "$$ u = \\mathbf{w}^T \\mathbf{x} + b = -2.5 $$\n"
    )
    found = checks(page)
    assert ("z", "−1.5", "match") in judged(found)
    assert errors(found) == [(5, "u", "−2.5")]


def test_a_norm_of_a_vector_is_the_root_of_its_squares_and_its_square_their_sum():
    # a − y = (0.74, −0.22): ½‖a − y‖² = ½(0.5476 + 0.0484) = 0.298; ‖a − y‖ = 0.77201
    page = (
        "$\\mathbf{a} = [0.75, 0.77]$, $\\mathbf{y} = [0.01, 0.99]$\n\n"
        "$$ L = \\frac{1}{2}\\lVert \\mathbf{a} - \\mathbf{y} \\rVert^2 = "
        "\\frac{1}{2}\\left(0.74^2 + 0.22^2\\right) = 0.298 $$\n\n"
        "$$ d = \\| \\mathbf{a} - \\mathbf{y} \\| = 0.596 $$\n"
    )
    found = checks(page)
    assert (3, "a2 − y2", "0.22", "match") in found and (3, "L", "0.298", "match") in found
    assert errors(found) == [(5, "d", "0.596")]  # the square's 0.596, for the norm


def test_softmax_over_a_sum_with_an_index_and_its_cross_entropy():
    # z = (2, 1, 0.1): e^z = (7.389, 2.718, 1.105), Σ 11.2125, softmax (0.659, 0.2424, 0.0986);
    # L = −log 0.2424 = 1.417 for y = (0, 1, 0); 0.252 for the second output is wrong
    page = (
        "$\\mathbf{z} = \\begin{bmatrix} 2.0 \\\\ 1.0 \\\\ 0.1 \\end{bmatrix}$, "
        "$\\mathbf{y} = \\begin{bmatrix} 0 \\\\ 1 \\\\ 0 \\end{bmatrix}$.\n\n"
        "$$ \\hat{\\mathbf{y}} = \\mathrm{softmax}(\\mathbf{z}) = \\frac{e^{\\mathbf{z}}}"
        "{\\sum_{j=1}^{3} e^{z_j}} = \\begin{bmatrix} 0.659 \\\\ 0.252 \\\\ 0.099 \\end{bmatrix} $$"
        "\n\n$$ L = -\\sum_i y_i \\log \\hat{y}_i = -\\log(0.242) = 1.419 $$\n"
    )
    found = checks(page)
    assert ("ŷ1", "(e^z1)/(((e^z1) + (e^z2) + (e^z3)))", "match") in judged(found)
    assert errors(found) == [(3, "ŷ2", "0.252")]


def test_a_sum_over_an_index_runs_over_the_indexed_names_not_eulers_e():
    # e is known (e^z1 above), yet Σ_j e^z_j runs over z1, z2 only: the names the index enters
    assert sums_written_out("s = Σ_j e^z_j", {"e", "z1", "z2"}) == "s = (e^z1 + e^z2)"


def test_a_bias_given_one_number_is_added_to_each_example_of_a_batch():
    # Z = W X + b, W = (1, −1), X's columns the examples (1, 3) and (2, 0.5), b = 0.5:
    # Z = (−1.5, 2); dW = ½ dZ Xᵀ with dZ = (−1.5, 0): (−0.75, −2.25)
    page = (
        "$$ X = \\begin{bmatrix} 1 & 2 \\\\ 3 & 0.5 \\end{bmatrix}, \\quad W = \\begin{bmatrix}"
        " 1 & -1 \\end{bmatrix}, \\quad b = 0.5, \\quad m = 2 $$\n\n"
        "$$ Z = W X + b = \\begin{bmatrix} 1 - 3 + 0.5 & 2 - 0.5 + 0.5 \\end{bmatrix} = "
        "\\begin{bmatrix} -1.5 & 2 \\end{bmatrix} $$\n\n"
        "$$ dZ = \\begin{bmatrix} -1.5 & 0 \\end{bmatrix}, \\quad dW = \\frac{1}{m} dZ \\, X^T "
        "= \\begin{bmatrix} -0.75 & -2.5 \\end{bmatrix} $$\n"
    )
    found = checks(page)
    assert ("Z1", "1 − 3 + 0.5", "match") in judged(found) and ("Z2", "2", "match") in judged(found)
    assert errors(found) == [(5, "dW2", "−2.5")]


def test_a_gradient_by_a_matrix_is_its_partials_and_an_update_names_each_new_entry():
    page = (
        "$\\mathbf{W} = \\begin{bmatrix} 0.5 & -0.2 \\\\ 0.1 & 0.3 \\end{bmatrix}$, "
        "$\\eta = 0.1$, $\\nabla_{\\mathbf{W}} L = \\begin{bmatrix} 0.2 & 0.4 \\\\ -0.1 & 0 "
        "\\end{bmatrix}$\n\n"
        "$$ \\mathbf{W}_{\\text{new}} = \\mathbf{W} - \\eta \\nabla_{\\mathbf{W}} L = "
        "\\begin{bmatrix} 0.48 & -0.24 \\\\ 0.11 & 0.3 \\end{bmatrix} $$\n"
    )
    read = chains(page)
    assert "∂L/∂W21 = −0.1" in read
    assert "W21' = W21 − (η · ∂L/∂W21) = 0.11" in read  # 0.1 − 0.1 · (−0.1)


def test_small_and_aligned_matrix_environments_are_matrices():
    page = (
        "$\\mathbf{x} = \\left(\\begin{smallmatrix} 1 \\\\ 2 \\end{smallmatrix}\\right)$, "
        "$W = \\begin{bmatrix*}[r] 1 & -2 \\end{bmatrix*}$\n\n$$ z = W \\mathbf{x} = -3 $$\n"
    )
    assert ("z", "−3", "match") in judged(checks(page))  # 1·1 + (−2)·2


def test_a_vector_written_as_a_tuple_is_a_column_and_a_point_stays_a_point():
    page = (
        "$\\mathbf{x} = (0.5, 0.1)^T$ and $\\mathbf{w} = (2, -1)$, $(u, v) = (1, 0)$\n\n"
        "$$ z = \\mathbf{w}^T \\mathbf{x} = 0.8 $$\n"  # 2·0.5 − 0.1 = 0.9
    )
    assert errors(checks(page)) == [(3, "z", "0.8")]
    assert chains(page)[:2] == ["x1 = 0.5", "x2 = 0.1"] and "v = 0" in chains(page)


def test_an_entry_named_in_small_letters_is_the_entry_of_the_capital_matrix():
    # w_{12}^{(1)} is W⁽¹⁾'s entry 0.2: the 0.3 put in for it is copied wrong
    page = (
        "$$ \\mathbf{W}^{(1)} = \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{bmatrix}, \\quad "
        "\\mathbf{x} = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix} $$\n\n"
        "$$ z^{(1)}_1 = w^{(1)}_{11} x_1 + w^{(1)}_{12} x_2 = 0.1 \\cdot 1 + 0.3 \\cdot 2 = 0.7 "
        "$$\n"
    )
    found = checks(page)
    assert (3, "W11⁽1⁾", "0.1", "match") in found
    assert errors(found)[0] == (3, "W12⁽1⁾", "0.3")


def test_a_block_going_on_with_equals_lists_of_worked_numbers_and_a_change_of_a_vector():
    # s = (1, 2)·[[0.5, −1], [0.25, 2]] = (1.0, 3): 3.5 is wrong; e^0 = 1, e^−1 = 0.368;
    # Δs = −0.1·s = (−0.1, −0.3)
    page = (
        "$$\n\\mathbf{s} = \\begin{bmatrix} 1.0 & 2.0 \\end{bmatrix}\n\\cdot\n"
        "\\begin{bmatrix} 0.5 & -1 \\\\ 0.25 & 2 \\end{bmatrix}\n=\n"
        "\\begin{bmatrix} 1 \\cdot 0.5 + 2 \\cdot 0.25 & 1 \\cdot (-1) + 2 \\cdot 2 "
        "\\end{bmatrix}\n"
        "$$\n\n$$\n= \\begin{bmatrix} 0.5 + 0.5 & -1 + 4 \\end{bmatrix} = "
        "\\begin{bmatrix} 1.0 & 3.5 \\end{bmatrix}\n$$\n\n"
        "$$ \\mathbf{e} = [e^{0}, e^{-1.0}] \\approx [1.0, 0.368] $$\n\n"
        "$$ \\Delta \\mathbf{s} = -0.1 \\cdot \\mathbf{s} ≈ \\left[ -0.1, -0.3 \\right] $$\n"
    )
    found = checks(page)
    assert (10, "s1", "1.0", "match") in found and (13, "e2", "0.368", "match") in found
    assert (15, "Δs2", "−0.3", "match") in found
    assert errors(found) == [(10, "s2", "3.5")]


def test_two_equations_in_an_aligned_row_are_two_givens():
    page = (
        "$$\\begin{align*}\n\\mathit{x} &= \\begin{bmatrix}16 & -6\\end{bmatrix} &\n"
        "\\mathit{y} &= 2 \\\\\n\\mathit{b} &= \\begin{bmatrix}0 & 1\\end{bmatrix}\n"
        "\\end{align*}$$\n"
    )
    assert chains(page) == ["x1 = 16", "x2 = −6", "y = 2", "b1 = 0", "b2 = 1"]


def test_a_page_that_counts_from_zero_names_the_entries_from_zero():
    # W2_{01} is the first row's second entry, 0.4: the 0.3 put in for it is copied wrong;
    # ∂L/∂W2 written as its entries' names says nothing of its own
    page = (
        "$$ \\mathit{W2} = \\begin{bmatrix} 0.1 & 0.4 \\\\ 0.2 & 0.3 \\end{bmatrix}, \\quad "
        "\\mathit{h} = \\begin{bmatrix} 1 & 2 \\end{bmatrix} $$\n\n"
        "$$ s_0 = h_0 W2_{00} + h_1 W2_{10} = 1 \\cdot 0.1 + 2 \\cdot 0.2 = 0.5 $$\n\n"
        "$$ s_1 = h_0 W2_{01} + h_1 W2_{11} = 1 \\cdot 0.3 + 2 \\cdot 0.3 = 0.9 $$\n\n"
        "$$ \\frac{\\partial L}{\\partial W2} = \\begin{bmatrix} "
        "\\frac{\\partial L}{\\partial W2_{00}} & \\frac{\\partial L}{\\partial W2_{01}} \\\\ "
        "\\frac{\\partial L}{\\partial W2_{10}} & "
        "\\frac{\\partial L}{\\partial W2_{11}} \\end{bmatrix} $$\n"
    )
    found = checks(page)
    assert (3, "W2_10", "0.2", "match") in found
    assert errors(found)[0] == (5, "W2_01", "0.3")
    assert not read_markdown(page).parts[0].unread


def test_a_formula_of_any_entry_of_a_vector_is_the_general_formula():
    page = (
        "$\\mathbf{z} = [2.0, 1.0]$\n\n"
        "$$ \\text{softmax}(z_i) = \\frac{e^{z_i - \\max(\\mathbf{z})}}{\\sum_j e^{z_j - "
        "\\max(\\mathbf{z})}} $$\n"
    )
    (part,) = read_markdown(page).parts
    assert [u.reason for u in part.unread] == [
        "vectors and matrices: the general formula: z_i is any entry of z, not one"]


def test_two_columns_side_by_side_are_multiplied_entry_by_entry():
    # σ'(z) = σ(z)(1 − σ(z)), z = (0, 2): (0.25, 0.10499); 0.8808 · 0.1192 = 0.105
    page = (
        "$\\mathbf{z} = \\begin{bmatrix} 0 \\\\ 2 \\end{bmatrix}$\n\n"
        "$$ \\sigma'(\\mathbf{z}) = \\sigma(\\mathbf{z})(1 - \\sigma(\\mathbf{z})) = "
        "\\begin{bmatrix} 0.5 \\cdot 0.5 \\\\ 0.8808 \\cdot 0.1192 \\end{bmatrix} = "
        "\\begin{bmatrix} 0.25 \\\\ 0.105 \\end{bmatrix} $$\n"
    )
    found = checks(page)
    assert ("σ'(z2)", "0.105", "match") in judged(found) and not errors(found)

# W = ((0.1, 0.2), (0.3, 0.4)), x = (1, 2): W x = (0.1 + 0.4, 0.3 + 0.8) = (0.5, 1.1)
PRODUCT_UNSPACED = (
    "Let $W = \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{bmatrix}$, "
    "$x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$.\n\n"
)


def test_a_product_written_without_a_space_is_the_product_of_the_page_matrices():
    # Wx, as LaTeX prints W times x: it was one unknown name 'Wx' whose entries were given
    # by the result, so a wrong 1.2 (for 1.1) was 'given' and the page said no error
    assert (0.3 * 1 + 0.4 * 2, 0.1 * 1 + 0.2 * 2) == (1.1, 0.5)
    found = checks(PRODUCT_UNSPACED + "$$z = Wx = \\begin{bmatrix} 0.5 \\\\ 1.2 \\end{bmatrix}$$\n")
    assert (3, "z1", "0.5", "match") in found
    assert errors(found) == [(3, "z2", "1.2")]


def test_entries_of_an_unspaced_product_written_out_in_a_list_are_judged():
    # z = Wx, then z2 worked with W's second row taken backwards: 0.4·1 + 0.3·2 = 1.0, not 1.1
    found = checks(
        PRODUCT_UNSPACED + "$$z = Wx$$\n\n"
        "1. $z_1 = 0.1 \\cdot 1 + 0.2 \\cdot 2 = 0.5$\n"
        "2. $z_2 = 0.4 \\cdot 1 + 0.3 \\cdot 2 = 1.0$\n"
    )
    assert (5, "z1", "0.5", "match") in found
    assert [e for e in errors(found) if e[0] == 6]
    assert not [c for c in found if c[3] == "not understood"]


def test_an_entry_in_error_is_shown_with_its_own_working():
    # the line of z = W x is two chains, one per entry; the error is in z2 (1.2 for 1.1), and
    # the report showed z1's working above it
    report = check_text(
        PRODUCT_UNSPACED + "$$z = W x = \\begin{bmatrix} 0.5 \\\\ 1.2 \\end{bmatrix}$$\n",
        markdown=True,
    )
    shown = report.text().splitlines()
    at = next(k for k, text in enumerate(shown) if text.strip().startswith("line 3:"))
    assert shown[at].strip().startswith("line 3: z2 = ") and shown[at].endswith("= 1.2")
