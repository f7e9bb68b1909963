"""The readers on vectors, batches, softmax and pages of several questions, as published
worked examples write them (tests/published/): each case one construct, its expected reading
and values worked out by hand."""

import pytest
from pages import chains, verdicts

from autograd.audit import check, check_text
from autograd.audit.latex_text import latex_to_text
from autograd.audit.read_table import tables_as_maths
from autograd.audit.worksheet import show


def test_a_question_that_writes_a_new_formula_for_a_derivative_is_a_question_of_its_own():
    # question 1's loss is (4 − 2w)², question 2's another: dL/dw = 8w − 16 is not 2w − 6
    page = (
        "## One\n\n$w = 1$, $L = (4 - 2w)^2 = 4$\n\n$\\frac{dL}{dw} = 8w - 16 = -8$\n\n"
        "## Two\n\n$\\frac{dL}{dw} = 2w - 6$, where $L(3) = 1$; at $w = 0$: "
        "$\\frac{dL}{dw} = 2 \\cdot 0 - 6 = -6$\n"
    )
    report = check_text(page, markdown=True)
    assert [p.title for p in report.parts] == ["worksheet", "Two"]
    assert not [c for p in report.parts for c in p.errors()]
    # L(3), the loss at w = 3, is a value of its own, not L · 3
    assert "L(3) = 1" in chains(page)


def test_softmax_of_a_vector_and_cross_entropy_are_read_by_components():
    # z = (1, 0): softmax e/(e + 1) = 0.7311, 1/(e + 1) = 0.2689; J = −ln 0.2689 = 1.3133;
    # ∂J/∂z = softmax − y = (0.7311, −0.7311) for the one-hot y = (0, 1)
    page = (
        "$z = \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}$, "
        "$Y = \\begin{bmatrix} 0 \\\\ 1 \\end{bmatrix}$\n\n"
        "$A = g_{softmax}(z)$\n\n"
        "$A = \\hat{Y} = \\begin{bmatrix} 0.7311 \\\\ 0.2689 \\end{bmatrix}$\n\n"
        "$J = -\\sum_{k=1}^{2} Y_k \\log(\\hat{Y}_k) = 1.3133$\n\n"
        "$\\delta = \\frac{\\partial J}{\\partial z} = A - Y = "
        "\\begin{bmatrix} 0.7311 \\\\ -0.7311 \\end{bmatrix}$\n"
    )
    assert "A1 = softmax_1(z1, z2)" in chains(page)
    found = {(q, w): v for q, w, v in verdicts(page)}
    assert found[("J", "1.3133")] == "match"
    assert found[("δ1", "0.7311")] == found[("δ2", "−0.7311")] == "match"
    assert found[("A1", "Ŷ1")] == "match"  # Ŷ: another name for A, defined before
    assert "error" not in found.values()
    # a wrong output of softmax is an error on its line
    wrong = page.replace("0.7311 \\\\ 0.2689", "0.7311 \\\\ 0.3689")
    assert ("A2", "0.3689", "error") in verdicts(wrong)


def test_an_activation_named_in_a_subscript_and_max_beside_a_vector():
    page = (
        "$u = \\begin{bmatrix} 0.5 \\\\ -0.3 \\end{bmatrix}$\n\n"
        "$h = g_{relu}(u) = \\max(0, u) = \\begin{bmatrix} 0.5 \\\\ 0 \\end{bmatrix}$\n"
    )
    assert "h1 = relu(u1) = max(0, u1) = 0.5" in chains(page)
    assert {v for _, _, v in verdicts(page)} == {"given", "match"}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            # Let z1 = 1.0 names Z1⁽1⁾ = 2x: so a = e^{z1} is computed from x, da/dx = 2e = 5.437
            "$x = 0.5$, $Z^{[1]}_1 = 2x = 1.0$\n\nLet $z_1 = 1.0$.\n\n"
            "$a = e^{z_1} = 2.718$\n\n$\\frac{da}{dx} = 2 e^{z_1} = 5.437$\n",
            [("∂a/∂x", "5.437", "match")],
            id="a short name given a computed value is that quantity",
        ),
        pytest.param(
            # −ln 0.9 = 0.105, −ln 0.5 = 0.693 (0.80 is wrong); "Sample" names no quantity
            "| Sample | True $y$ | $\\hat{y}$ (when $y = 1$) | $-y\\log(\\hat{y})$ |\n"
            "|---|---|---|---|\n"
            "| 1 | 1 | 0.9 | $-\\log(0.9) = 0.105$ |\n"
            "| 2 | 1 | 0.5 | 0.80 |\n",
            [
                ("−ylog(ŷ)", "0.105", "match"),
                ("−ylog(ŷ)", "0.80", "error"),
                ("ŷ", "0.9", "given"),
                ("ŷ", "0.5", "given"),  # a row each
            ],
            id="a table's cells are the values of the columns their headers name",
        ),
        pytest.param(
            # z = (1, 2, 3): e^z = 2.718, 7.389, 20.086, their sum 30.193, softmax 0.090,
            # 0.245, 0.665
            "| | $z_1 = 1.0$ | $z_2 = 2.0$ | $z_3 = 3.0$ |\n|---|---|---|---|\n"
            "| $e^{z_i}$ | $2.718$ | $7.389$ | $20.086$ |\n"
            "| $\\sum e^{z_j}$ | $30.193$ | | |\n"
            "| $\\text{softmax}(z_i)$ | $0.090$ | $0.255$ | $0.665$ |\n",
            [
                ("e^z3", "20.086", "match"),
                ("(e^z1 + e^z2 + e^z3)", "30.193", "match"),
                ("softmax_1(z1, z2, z3)", "0.090", "match"),
                ("softmax_2(z1, z2, z3)", "0.255", "error"),  # it is 0.2447
            ],
            id="a table whose columns are components reads each row's formula at each",
        ),
    ],
)
def test_a_page_is_judged_as_worked_by_hand(page, expected):
    # each page's numbers worked out by hand, in its comment
    found = verdicts(page)
    assert [v for v in expected if v not in found] == []


def test_a_worked_row_is_one_chain_and_a_row_carried_on_goes_on_with_it(tmp_path):
    # z = 0.8·1.5 − 0.3 = 0.9, L = z², ∂L/∂z = 2z = 1.8, ∂L/∂w = 2z·x = 2.7, w' = 0.8 − 0.27
    tex = (
        "\\begin{document}\n$w = 0.8$, $b = -0.3$, $x = 1.5$, $L = z^2$\n"
        "\\begin{tabular}{ccc}\n\\toprule\nStep & Formula & Value \\\\\n\\midrule\n"
        "1 & $z = wx + b$ & $0.8 \\times 1.5 - 0.3$ & $0.9$ \\\\\n"
        "2 & $\\dfrac{dL}{dz} = 2z$\n  & $\\approx 1.8$ \\\\\n"
        "\\bottomrule\n\\end{tabular}\n\n"
        "Update with $\\eta = 0.1$: $w \\leftarrow 0.8 - 0.1 \\times 2.7 = 0.53$\n"
        "\\end{document}\n"
    )
    path = tmp_path / "rows.tex"
    path.write_text(tex, encoding="utf-8")
    found = {(c.line, c.written): c.verdict for p in check(path).parts for c in p.checks}
    assert found[(7, "0.9")] == "match"  # z = wx + b = 0.8 × 1.5 − 0.3 = 0.9, one chain
    assert found[(9, "1.8")] == "match"  # on the row's second line
    assert found[(13, "0.53")] == "match"  # w ← …: w', after the table, not in its last row
    assert "error" not in found.values()


def test_a_function_after_a_letter_is_not_part_of_its_name():
    assert latex_to_text(r"-y\log(\hat{y})") == "-y log (ŷ)"


def test_a_rule_before_a_word_and_a_colon_is_no_front_matter_and_a_rate_in_words_is_named():
    # "Use:" is no key of a front matter: the --- is a rule, and what follows is read
    page = (
        "$w = 2$, $g = 4$\n\n* Learning rate = 0.1\n\n---\n\n## Update\n\nUse:\n\n"
        "$$w = w - \\text{learning rate} \\cdot g = 2 - 0.1 \\cdot 4 = 1.6$$\n"
    )
    assert chains(page) == [
        "w = 2", "g = 4", "learning_rate = 0.1",
        "w' = w − learning_rate · g = 2 − 0.1 · 4 = 1.6",
    ]  # fmt: skip


def test_a_list_spaced_and_braced_as_latex_sets_it_is_a_vector():
    # W = (0.6, −0.4)ᵀ times δ = −0.2: (−0.12, 0.08)
    page = (
        "$\\delta = -0.20$, $W = [0.6,\\; {-0.4}]^T$\n\n"
        "$$u = W \\delta = \\begin{bmatrix} -0.120 \\\\ 0.080 \\end{bmatrix}$$\n"
    )
    assert chains(page)[1:3] == ["W1 = 0.6", "W2 = −0.4"]
    assert ("u2", "0.080", "match") in verdicts(page)


def test_an_update_worked_with_numbers_alone_on_a_page_with_no_rate_is_judged():
    found = verdicts("$w = 0$, $g = -6$\n\nNew $w' = 0 - 0.2 \\times (-6) = 2.200$\n")
    assert ("w'", "2.200", "error") in found  # it is 1.2


def test_a_label_naming_its_symbol_before_a_colon_and_a_colon_ending_the_line():
    report = check_text("gradient(b1) : (4 - 1) / 3 = 1.5\nfor a = 1, b = 2:\nc = a + b = 3\n")
    found = [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert ("(4 − 1)/3", "1.5", "error") in found  # it is 1
    assert ("c", "3", "match") in found


def test_euler_s_e_beside_an_error_called_e_and_an_optimum_starred():
    # e = ŷ − y is the page's error; e^{-0.9} in σ(0.9) is still Euler's: 1/(1 + e^−0.9) = 0.7109
    page = (
        "$y = 1$, $\\hat{y} = 0.7109$, $e = \\hat{y} - y = -0.2891$, $L = e^2 = 0.0836$\n\n"
        "$\\sigma(0.9) = \\dfrac{1}{1+e^{-0.9}} = 0.7109$\n\n"
        "The minimum is at $w^* = 3$, and after one step $w' = 1.2$.\n"
    )
    found = verdicts(page)
    assert ("σ(0.9)", "0.7109", "match") in found
    assert ("w_star", "3", "given") in found  # the optimum, not the updated w'
    assert "w' = 3" not in chains(page)


def test_the_derivative_of_an_activation_a_sentence_names_and_a_case_supposed():
    # ReLU'(0.07) = 1, ReLU'(−0.12) = 0; "if z < 0, then ReLU'(z) = 0" is a supposition
    page = (
        "$Z = \\begin{bmatrix} 0.07 \\\\ -0.12 \\end{bmatrix}$\n\n"
        "The derivative of the ReLU activation $g'^{[1]}(Z)$:\n"
        "$g'^{[1]}(Z) = \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}$\n\n"
        "But if $Z_1 < 0$, then $\\text{ReLU}'(Z_1) = 0$.\n"
    )
    found = verdicts(page)
    assert ("relu'(Z1)", "1", "match") in found and ("relu'(Z2)", "0", "match") in found
    assert "error" not in {v for _, _, v in found}


def test_a_point_given_as_a_pair_and_a_derivative_evaluated_at_a_point():
    # L = (2 − w1 − 3w2)² at (1, 0): ∂L/∂w1 = −2(2 − w1 − 3w2) = −2
    page = (
        "Let $u = 2 - w_1 - 3w_2$, so $L = u^2$. At $(w_1, w_2) = (1, 0)$: $u = 2 - 1 - 0 = 1$.\n\n"
        "$$\\frac{\\partial L}{\\partial w_1} = -2(2 - w_1 - 3w_2) = -2$$\n"
    )
    found = verdicts(page)
    assert ("w1", "1", "given") in found and ("∂L/∂w1", "−2", "match") in found
    # y = (2x + 1)³: dy/dx at x = 1 is 6·3² = 54 (56 is wrong)
    page = "Let $u = 2x + 1$, so $y = u^3$.\n\n"
    page += "$$\\frac{dy}{dx}\\bigg|_{x=1} = 6 \\times 3^2 = 56$$\n"
    assert ("∂y/∂x", "56", "error") in verdicts(page)


def test_a_loss_given_by_its_derivative_and_one_value_is_that_function():
    # dL/dw = 2w − 6 and L(3) = 1 make L = w² − 6w + 10 (by hand): L(0) = 10, L(1.2) =
    # 1.44 − 7.2 + 10 = 4.24, so the 4.840 written is an error; dL/dw(1.2) = 2.4 − 6 = −3.6
    page = (
        "$\\dfrac{dL}{dw} = 2w - 6$, true minimum at $w^* = 3$ (where $L(3) = 1$).\n\n"
        "| Step | $w$ | $L(w)$ | $\\dfrac{dL}{dw}$ |\n|---|---|---|---|\n"
        "| 0 | $0.000$ | $10.000$ | $-6.000$ |\n"
        "| 1 | $1.200$ | $4.840$ | $-3.600$ |\n"
    )
    judged = [v for v in verdicts(page) if v[2] != "given"]
    assert judged == [
        ("∂L/∂w", "2 · w − 6", "match"), ("L", "10.000", "match"), ("∂L/∂w", "−6.000", "match"),
        ("L", "4.840", "error"), ("∂L/∂w", "−3.600", "match"),
    ]


def test_a_derivative_that_is_not_a_polynomial_defines_no_function():
    # ∫σ(w) dw is no polynomial: L stays what the page does not define
    page = "$\\dfrac{dL}{dw} = \\sigma(w)$, $L(0) = 1$\n\n$w = 2$, $L = 3$\n"
    report = check_text(page, markdown=True)
    assert [c.verdict for p in report.parts for c in p.checks if c.quantity == "L"] == ["given"]


def test_a_polynomial_derivative_is_integrated_exactly():
    from autograd.audit.antiderivative import function_from_derivative
    from autograd.audit.read_chain import parse_chain

    # ∫ 3w² dw = w³ + C with L(1) = 2: C = 1; ∫ (w − 2)/2 dw = w²/4 − w + C with L(0) = 0.5
    assert show(function_from_derivative(parse_chain("g = 3w^2")[1], "w", "1", "2")) == "w^3 + 1"
    half = function_from_derivative(parse_chain("g = (w - 2)/2")[1], "w", "0", "0.5")
    assert show(half) == "(1/4)w^2 − w + (1/2)"
    assert function_from_derivative(parse_chain("g = w^20")[1], "w", "0", "0") is None


def test_a_change_written_delta_w_is_one_name():
    # Δw = η·δ·y = 0.7 · 0.041 · 0.668 = 0.01917 (by hand): 0.019 right, 0.029 wrong
    text = "η = 0.7, δ = 0.041, y = 0.668\nΔ w = η δ y = (0.7)(0.041)(0.668) = {}\n"
    right = [(c.quantity, c.written, c.verdict) for p in check_text(text.format("0.019")).parts
             for c in p.checks if c.verdict != "given"]
    assert right == [("η", "0.7", "match"), ("δ", "0.041", "match"), ("y", "0.668", "match"),
                     ("Δw", "0.019", "match")]  # each number substituted, and the result
    wrong = check_text(text.format("0.029"))
    assert [(c.quantity, c.written) for p in wrong.parts for c in p.errors()] == [("Δw", "0.029")]


def test_a_name_given_as_a_vector_then_written_as_one_number_is_that_number():
    # the weights v = (−0.5, 0.1, −0.6), then the net input v = (−0.5)(0) + (0.1)(1) +
    # (−0.6)(−1) = 0 + 0.1 + 0.6 = 0.7 (by hand): the page reuses the name for a number
    page = "$v = [-0.5, 0.1, -0.6]$\n\n$v = (-0.5)(0) + (0.1)(1) + (-0.6)(-1) = {}$\n"
    assert ("v", "0.7", "match") in verdicts(page.replace("{}", "0.7"))
    assert ("v", "0.8", "error") in verdicts(page.replace("{}", "0.8"))


def test_a_function_written_out_on_a_letter_with_no_value_is_judged_as_that_function():
    # σ(x) = 1/(1 + e^−x) is the sigmoid; 1/(1 − e^−x) is not (at x = 0.4 it is −2.03, σ is
    # 0.599); relu(z) = max(0, z) is ReLU; x and z have no value on the page
    assert verdicts("$\\sigma(x) = \\frac{1}{1 + e^{-x}}$") == [
        ("σ(x)", "(1/(1 + e^(−x)))", "match")]
    assert [v[2] for v in verdicts("$\\sigma(x) = \\frac{1}{1 - e^{-x}}$")] == ["error"]
    assert [v[2] for v in verdicts("$\\mathrm{ReLU}(z) = \\max(0, z)$")] == ["match"]


def test_a_result_copied_into_a_sum_of_numbers_is_judged_as_that_result():
    # e² = 7.389 and e = 2.718 (by hand), then their sum 7.389 + 2.718 = 10.107: each number
    # in it is the result written before; 7.398 is no copy of anything: the page's own number
    page = "$e^{2} = 7.389$, $e^{1} = 2.718$\n\n$7.389 + 2.718 = 10.107$\n"
    assert [v for v in verdicts(page) if v[2] != "given"] == [
        ("e^2", "7.389", "match"), ("e^1", "2.718", "match"), ("e^2", "7.389", "match"),
        ("e^1", "2.718", "match"), ("7.389 + 2.718", "10.107", "match")]
    miscopied = verdicts(page.replace("7.389 + 2.718 = 10.107", "7.398 + 2.718 = 10.116"))
    assert [v[1:] for v in miscopied if v[1] in ("7.389", "7.398")] == [
        ("7.389", "match"), ("7.398", "given")]


def test_a_code_block_of_arithmetic_and_its_printed_result_is_an_equation():
    # (1.01³ − 0.99³)/(2 · 0.01) = (1.030301 − 0.970299)/0.02 = 3.0001 (by hand); with
    # 2 · 0.10 it is 0.30001, so the printed 3.0001 is then an error on the code's line
    block = "Code:\n\n```octave\n((1 + 0.01)^3 - (1 - 0.01)^3) / (2 * {})\n```\n\nResult: 3.0001\n"
    right = check_text(block.format("0.01"), markdown=True)
    assert [(c.line, c.written, c.verdict) for p in right.parts for c in p.checks] == [
        (4, "((1 + 0.01)^3 − (1 − 0.01)^3)/(2 · 0.01)", "given"), (4, "3.0001", "match")]
    wrong = check_text(block.format("0.10"), markdown=True)
    assert [(c.line, c.written) for p in wrong.parts for c in p.errors()] == [(4, "3.0001")]
    # code of two lines is a program, not one computation: not read
    two = "```\nx = 2\nprint(x * 3)\n```\n\nResult: 6\n"
    assert not [c for p in check_text(two, markdown=True).parts for c in p.checks
                if c.verdict != "given"]


def test_a_sum_over_a_list_written_as_one_number_sums_its_entries():
    # error = (−20, −18, −15), db = (1/3) Σ error = −53/3 = −17.67 (by hand): the page writes
    # the sum as one number, so Σ sums the list's entries (over a matrix it sums its rows)
    page = ("$n = 3$\n\n$\\text{error} = [-20, -18, -15]$\n\n"
            "$db = \\frac{1}{n} \\sum \\text{error} = \\frac{-20 -18 -15}{3} = {}$\n")
    assert ("db", "−17.67", "match") in verdicts(page.replace("{}", "-17.67"))
    assert ("db", "−16.67", "error") in verdicts(page.replace("{}", "-16.67"))


def test_the_loss_after_the_step_said_in_a_sentence_is_judged():
    # ŷ = w x = 6, L = (y − ŷ)² = 16, ∂L/∂w = −2(y − ŷ)x = −16, w' = 3 − 0.1·(−16) = 4.6;
    # after the step ŷ' = 9.2 and L' = 0.8² = 0.64 (by hand); 0.66 is a mistake
    page = ("$x = 2$, $w = 3$, $y = 10$, $\\eta = 0.1$\n\n$\\hat{y} = w x = 6$, "
            "$L = (y - \\hat{y})^2 = 16$\n\n$w' = 4.6$\n\nLoss decreases from 16 → {}.\n")
    assert ("loss'", "0.64", "match") in verdicts(page.replace("{}", "0.64"))
    assert ("loss'", "0.66", "error") in verdicts(page.replace("{}", "0.66"))
    after = page.replace("Loss decreases from 16 → {}.", "After this update, the loss is now 0.64.")
    assert ("loss'", "0.64", "match") in verdicts(after)
    text = "x = 2, w = 3, y = 10, η = 0.1\nŷ = w·x = 6\nL = (y − ŷ)^2 = 16\nw' = 4.6\n"
    said = check_text(text + "The loss decreases from 16 to 0.66.\n")  # plain text too
    assert [(c.quantity, c.written) for p in said.parts for c in p.errors()] == [("loss'", "0.66")]


def test_no_loss_after_the_step_where_a_term_of_it_is_only_a_number():
    # E = E1 + E2 with E2 written as a number (its own formula off the page): E after the step
    # cannot be the page's, so it is not judged (never an error)
    page = ("$x = 2$, $w = 3$, $y = 10$, $\\eta = 0.1$, $E_2 = 0.5$\n\n$\\hat{y} = w x = 6$, "
            "$E_1 = (y - \\hat{y})^2 = 16$, $E = E_1 + E_2 = 16.5$\n\n$w' = 4.6$\n\n"
            "After this update, the total error is now down to 0.99.\n")
    assert not [v for v in verdicts(page) if v[0].startswith(("total_error", "E'"))]
    report = check_text(page, markdown=True)
    assert [u.reason for p in report.parts for u in p.judged.unread] == [
        "E after the update: E2 is written only as a number (computed off the page), so E "
        "cannot be worked again with the updated values"]


def test_a_column_headed_by_a_formula_that_defines_it_is_worked_from_it():
    # the cells under $\hat{y} = w x$ were read as nothing: 3.0 for w·x = 0.5·4 = 2 was no
    # error and nothing said it was not read. By hand: 0.5·1 = 0.5, 0.5·4 = 2
    page = "$w = 0.5$\n\n| $x$ | $\\hat{y} = w x$ |\n|---|---|\n| 1 | 0.5 |\n| 4 | 3.0 |\n"
    assert "ŷ = w · x = 0.5" in chains(page)
    assert ("ŷ", "0.5", "match") in verdicts(page)
    # the second row, a case of its own, is judged or said not read: never passed over
    report = check_text(page, markdown=True)
    judged = [c.verdict for p in report.parts for c in p.checks if c.written == "3.0"]
    unread = [u.text for p in report.parts for u in p.judged.unread if "3.0" in u.text]
    assert judged == ["error"] or unread
    assert "| $t = 0$ |" in tables_as_maths("| $t = 0$ | $y$ |\n|---|---|\n| 1 | 2 |")


def test_partials_of_a_network_in_a_lost_figure_are_worked_as_the_page_works_them():
    # H is drawn in a figure the copy lost; W is given, the ∂H/∂z_k^(2) only substituted:
    # Σ_k runs over k = 1, 2 (W_11, W_12 given): 5(−3) + 1(1) = −14 (by hand); g is ReLU
    # (the page says so in words), g'(3) = 1: −14 · 1 = −14; −16 for the sum is a mistake
    page = (
        "Assume that all hidden nodes use ReLU activation functions.\n\n"
        "$W^{(2)} = \\begin{pmatrix} 5 & 1 \\\\ 1 & 2 \\end{pmatrix}$\n\n"
        "$\\dfrac{\\partial H}{\\partial a_1^{(1)}} = \\sum_k W_{1k}^{(2)}"
        "\\dfrac{\\partial H}{\\partial z_k^{(2)}} = 5(-3) + 1(1) = {}$\n\n"
        "$\\dfrac{\\partial H}{\\partial z_1^{(1)}} = \\dfrac{\\partial H}{\\partial a_1^{(1)}}"
        "\\cdot g'(z_1^{(1)}) = -14 \\cdot g'(3) = -14 \\cdot 1 = -14$\n"
    )
    right = verdicts(page.replace("{}", "-14"))
    assert ("dH/da1⁽1⁾", "−14", "match") in right and ("dH/dz1⁽1⁾", "−14", "match") in right
    assert not [v for v in right if v[2] != "match" and v[2] != "given"]
    wrong = verdicts(page.replace("{}", "-16"))
    assert ("dH/da1⁽1⁾", "−16", "error") in wrong


def test_a_letter_the_page_defines_is_not_the_activation_it_names():
    # f(z) = z² is the page's own function, whatever activation a sentence names: f(3) = 9
    page = "The hidden layer uses the sigmoid.\n\n$f(z) = z^2$, $z = 3$, $y = f(z) = 9$\n"
    assert ("y", "9", "match") in verdicts(page)


def test_a_plain_text_list_after_a_label_is_a_vector_read_by_components():
    # x = (1, 2), y = (3, 1): x − y = (1 − 3, 2 − 1) = (−2, 1) (by hand); (−2, 2) has one
    # mistake, on its second component; (x − y). x = (−2, 2), '.' after a bracket as times
    text = "input(x) : [1, 2]\nGround truth(y) : [3, 1]\nx - y : [{}]\n(x - y). x : [-2, 2]\n"
    right = check_text(text.format("-2, 1"))
    assert [(c.quantity, c.written, c.verdict) for p in right.parts for c in p.checks
            if c.verdict != "given"] == [
        ("x1 − y1", "−2", "match"), ("x2 − y2", "1", "match"),
        ("(x1 − y1) · x1", "−2", "match"), ("(x2 − y2) · x2", "2", "match")]
    wrong = check_text(text.format("-2, 2"))
    assert [(c.line, c.written) for p in wrong.parts for c in p.errors()] == [(3, "2")]


def test_a_function_of_a_listed_vector_is_its_values_not_the_vector():
    # 'sigmoid(z) : [0.6225, 0.7109]' was read as z = (0.6225, 0.7109), a label naming z: two
    # false errors on z. By hand σ(0.5) = 1/(1 + e^−0.5) = 0.62246, σ(0.9) = 0.71095
    text = "z : [0.5, 0.9]\nsigmoid(z) : [0.6225, {}]\n"
    right = check_text(text.format("0.7109"))
    assert [(c.quantity, c.written, c.verdict) for p in right.parts for c in p.checks
            if c.verdict != "given"] == [("σ(z1)", "0.6225", "match"), ("σ(z2)", "0.7109", "match")]
    wrong = check_text(text.format("0.7209"))
    assert [(c.line, c.written) for p in wrong.parts for c in p.errors()] == [(2, "0.7209")]


def test_a_label_on_a_vector_listed_before_is_not_read_as_its_values():
    # 'Gradient(w) : [0.1, 0.2]' after 'w : [0.5, 0.3]' was read as w = (0.1, 0.2): two
    # false errors on w. What the words say of w is not known: the line is not understood
    report = check_text("w : [0.5, 0.3]\nGradient(w) : [0.1, 0.2]\n")
    assert not [c for p in report.parts for c in p.errors()]
    assert [u.line for p in report.parts for u in p.judged.unread] == [2]


@pytest.mark.parametrize("said", ["The loss drops from 16 to 0.66.",
                                  "The cost went down from 16 to 0.66."])
def test_the_loss_moving_from_one_number_to_another_is_read_whatever_the_verb(said):
    # only 'decreases from' and 'increases from' were read; by hand L' = (10 − 9.2)² = 0.64
    text = "x = 2, w = 3, y = 10, η = 0.1\nŷ = w·x = 6\nL = (y − ŷ)^2 = 16\nw' = 4.6\n"
    report = check_text(text + said + "\n")
    assert [(c.line, c.written) for p in report.parts for c in p.errors()] == [(5, "0.66")]


def test_a_gradient_at_a_point_is_the_partials_by_the_points_variables():
    # L = (2 − w1 − 3w2)² at (w1, w2) = (1, 0): u = 1, ∂L/∂w1 = −2u = −2, ∂L/∂w2 = −6u = −6
    # (by hand); −3 for the second is a mistake
    page = ("$L = (2 - w_1 - 3 w_2)^2$\n\nAt $(w_1, w_2) = (1, 0)$:\n\n"
            "$$\\nabla L\\big|_{(1,\\,0)} = \\begin{bmatrix} -2 \\\\ {} \\end{bmatrix}$$\n")
    right = verdicts(page.replace("{}", "-6"))
    assert ("∂L/∂w1", "−2", "match") in right and ("∂L/∂w2", "−6", "match") in right
    assert ("∂L/∂w2", "−3", "error") in verdicts(page.replace("{}", "-3"))
    # at a point the page gives no variables for, the gradient is not read as partials
    elsewhere = verdicts(page.replace("{}", "-6").replace("(1,\\,0)}", "(2,\\,0)}"))
    assert not [v for v in elsewhere if v[0].startswith("∂L")]


def test_a_table_of_data_does_not_take_the_formula_of_the_question_before():
    # y = 2x + 1 at x = 1, then a table of data (x, y) that no formula makes: its rows are
    # not judged by the formula above it, which ends no row (7 is no mistake)
    page = ("$x = 1$, $y = 2x + 1 = 3$\n\nThen some data, for the next question:\n\n"
            "| $x$ | $y$ |\n|---|---|\n| 2 | 7 |\n| 3 | 4 |\n")
    assert not [c for p in check_text(page, markdown=True).parts for c in p.errors()]


def test_a_quantity_tending_to_a_value_is_a_limit_not_an_update():
    # "as w → 0" says where L goes, not that w is updated to 0 (the step gives w' = 0.4)
    page = ("$w = 0.5$, $\\eta = 0.1$, $L = w^2 = 0.25$, $\\frac{dL}{dw} = 2w = 1$\n\n"
            "The loss vanishes as $w \\to 0$.\n")
    report = check_text(page, markdown=True)
    assert not [c for p in report.parts for c in p.errors()]
    assert any("limit" in u.reason for p in report.parts for u in p.judged.unread)


def test_a_blank_an_exercise_leaves_is_said_to_be_one():
    # y = 3x = 3 · 2 = ___: the numbers are judged (3 · 2 = 6 is y at x = 2), the blank is
    # listed as one to fill in, not as a quantity with no value
    report = check_text("$x = 2$\n\n$y = 3x = 3 \\cdot 2 = \\text{___}$\n", markdown=True)
    assert [u.reason for p in report.parts for u in p.judged.unread] == [
        "a blank the exercise leaves to fill in"]
    assert not [c for p in report.parts for c in p.errors()]


def test_a_parameter_updated_in_place_under_a_heading_keeps_its_part():
    # L = (y − wx)² at x = 2, y = 10, w = 3: ∂L/∂w = −2(y − wx)x = −16; under the next heading
    # w = w − η ∂L/∂w, then w = 3 − 0.1 · (−16) = 4.6 (by hand): the updated w, not a new w
    page = ("## Start\n\n$x = 2$, $y = 10$, $w = 3$, $\\eta = 0.1$, $L = (y - w x)^2$\n\n"
            "## Update\n\n$w = w - \\eta \\frac{\\partial L}{\\partial w}$\n\n"
            "$w = 3 - 0.1 \\cdot (-16) = 4.6$\n")
    report = check_text(page, markdown=True)
    assert len(report.parts) == 1
    assert ("w'", "4.6", "match") in verdicts(page)
    assert not [u for p in report.parts for u in p.judged.unread]


def test_a_data_set_written_a_sample_a_line_is_not_one_value_given_again():
    # y = 3, then y = 5 and y = 7 on the lines after were 'copied wrong' (y given as 3): each
    # line is a sample; ŷ = 2 · 2 + 1 = 5 for the second sample, by hand
    page = (
        "Data (3 samples):\n\n1. ((x=1,y=3))\n2. ((x=2,y=5))\n3. ((x=3,y=7))\n\n"
        "$w = 2$, $b = 1$\n\n$\\hat{y} = w \\cdot 2 + b = 5$\n"
    )
    report = check_text(page, markdown=True)
    assert not [c for p in report.parts for c in p.errors()]
    # the k-th sample's values are x_k and y_k, given (the page writes no x_1 of its own)
    found = [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert [f for f in found if f[0] in (3, 4, 5)] == [
        (3, "x1", "1", "given"), (3, "y1", "3", "given"), (4, "x2", "2", "given"),
        (4, "y2", "5", "given"), (5, "x3", "3", "given"), (5, "y3", "7", "given")]
    assert ("ŷ", "5", "match") in verdicts(page)
    # where the page writes x_1 for something else, the samples are set apart, said so
    report = check_text(page + "\n$x_1 = 0.5$\n", markdown=True)
    unread = [u for p in report.parts for u in p.judged.unread]
    assert [u.line for u in unread] == [3, 3, 4, 4, 5, 5]
    assert unread[0].reason.startswith("x, y: a data set of 3 samples")
    assert not [c for p in report.parts for c in p.errors()]
    # one name a line is no data set
    (part,) = check_text("$w = 0.5$\n$w = 0.7$\n", markdown=True).parts
    assert not [u for u in part.judged.unread if "data set" in u.reason]


def test_a_value_changed_on_the_next_line_is_a_copy_slipped_not_a_data_set():
    # w = 0.5, b = 0.1 restated on the next line as w = 0.5, b = 0.2: b's copy slipped (a data
    # set of two samples changes every value); it was set apart as a data set, its slip hidden
    (part,) = check_text("$w = 0.5$, $b = 0.1$\n$w = 0.5$, $b = 0.2$\n\n$z = w + b = 0.6$\n",
                         markdown=True).parts
    assert [c.line for c in part.errors()] == [2]
    assert not [u for u in part.judged.unread if "data set" in u.reason]


@pytest.mark.parametrize("said", ["Once the weight is updated, the loss becomes 0.66.",
                                  "When w is updated, the cost is 0.66.",
                                  "The new loss is 0.66.", "The updated cost becomes 0.66."])
def test_the_loss_after_the_step_is_read_however_the_sentence_marks_the_step(said):
    # only a clause opened by 'after' was read: these were left as prose, the wrong 0.66
    # never judged; by hand L' = (10 − 9.2)² = 0.64
    text = "x = 2, w = 3, y = 10, η = 0.1\nŷ = w·x = 6\nL = (y − ŷ)^2 = 16\nw' = 4.6\n"
    report = check_text(text + said + "\n")
    assert [(c.line, c.written) for p in report.parts for c in p.errors()] == [(5, "0.66")]
    right = check_text(text + said.replace("0.66", "0.64") + "\n")
    assert not [c for p in right.parts for c in p.errors()]
