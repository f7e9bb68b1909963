"""Reading primes, sums over an index and formulas in a free variable as pages write them.
Every expected number is worked by hand or with the math module, never by the package."""

import math

from pages import verdicts

from autograd.audit import check_text


def test_a_primed_name_read_before_the_step_is_a_quantity_of_its_own():
    # y' is the prediction (as ŷ): the page gives it and reads it, and never updates y
    assert round(0.5 * (1 - 0.7) ** 2, 3) == 0.045 and round(0.7 * 0.3, 2) == 0.21
    found = verdicts(
        "Prediction $y' = 0.7$, target $y = 1$.\n\n"
        "$$E = \\frac{1}{2}(y - y')^2 = \\frac{1}{2}(1 - 0.7)^2 = 0.045$$\n\n"
        "$$\\frac{\\partial E}{\\partial y'} = y' - y = 0.7 - 1 = -0.3$$\n\n"
        "$$y'(1 - y') = 0.21$$\n\n$$y'(1 - y') = 0.24$$\n"
    )
    assert ("E", "0.045", "match") in found
    assert ("∂E/∂y′", "−0.3", "match") in found
    assert ("y′ · (1 − y′)", "0.21", "match") in found
    assert ("y′ · (1 − y′)", "0.24", "error") in found  # 0.21
    assert not [f for f in found if f[2] == "not understood"]


def test_a_primed_name_beside_an_update_written_in_plain_text():
    # p' = w·x is the output (read by E); w' = w − η·∂E/∂w stays the update of w
    # ∂E/∂w = −2(t − p')·x = −2·0.5·2 = −2; w' = 0.5 − 0.1·(−2) = 0.7
    found = verdicts(
        "x = 2, w = 0.5, t = 1.5, η = 0.1\np' = w·x = 1\nE = (t − p')^2 = 0.25\n"
        "∂E/∂w = −2(t − p')·x = −2\nw' = w − η·∂E/∂w = 0.7\nw' = 0.8\n",
        markdown=False,
    )
    assert ("p′", "1", "match") in found and ("E", "0.25", "match") in found
    assert ("∂E/∂w", "−2", "match") in found
    assert ("w'", "0.7", "match") in found and ("w'", "0.8", "error") in found


def test_a_derivative_in_a_variable_the_page_never_gives_is_judged_as_an_identity():
    # d/dx ln(x² + 1) = 2x/(x² + 1) by hand; checked here by central differences at a few x
    for x in (-1.7, 0.3, 2.5):
        h = 1e-6
        slope = (math.log((x + h) ** 2 + 1) - math.log((x - h) ** 2 + 1)) / (2 * h)
        assert math.isclose(slope, 2 * x / (x**2 + 1), rel_tol=1e-6)
    found = verdicts(
        "u = x^2 + 1\ny = ln(u)\ndy/dx = 2x/(x^2 + 1)\ndy/dx = 1/(x^2 + 1)\n", markdown=False
    )
    assert ("∂y/∂x", "2 · x/(x^2 + 1)", "match") in found
    assert ("∂y/∂x", "1/(x^2 + 1)", "error") in found  # the factor du/dx = 2x dropped


def test_a_symbolic_chain_rule_in_latex_with_the_activation_differentiated():
    # f = tanh(2t): df/dt = 2(1 − tanh²(2t)) (d tanh(s)/ds = 1 − tanh²(s), ds/dt = 2);
    # 2 − tanh²(2t) differs: at t = 0.4, 2 − tanh(0.8)² = 1.5591 against 1.1181
    assert round(2 * (1 - math.tanh(0.8) ** 2), 4) == 1.1181
    assert round(2 - math.tanh(0.8) ** 2, 4) == 1.5591
    report = check_text(
        "Let $s = 2t$, so $f = \\tanh(s)$.\n\n"
        "$$\\frac{df}{dt} = \\frac{d\\tanh}{ds} \\cdot \\frac{ds}{dt}"
        " = 2\\bigl(1 - \\tanh^2(2t)\\bigr)$$\n\n"
        "$$\\frac{df}{dt} = 2 - \\tanh^2(2t)$$\n",
        markdown=True,
    )
    checks = [c for p in report.parts for c in p.checks if c.verdict != "given"]  # s = 2t: 2
    assert [c.verdict for c in checks] == ["match", "match", "error"]
    assert "at t = " in checks[2].diagnosis  # the counterexample: where t was drawn
    assert not [u for p in report.parts for u in p.judged.unread]


def test_a_one_letter_function_on_any_quantity_is_the_activation_the_page_names():
    # "the sigmoid" in words, f applied to u (not only to z or net): σ(0.5) = 0.622459,
    # σ'(0.5) = σ(1 − σ) = 0.235004; f'(u) = … states the derivative, it defines no f
    s = 1 / (1 + math.exp(-0.5))
    assert round(s, 4) == 0.6225 and round(s * (1 - s), 4) == 0.2350
    found = verdicts(
        "All units here use the sigmoid.\n\n$u = 0.5$\n\n$$h = f(u) = 0.6225$$\n\n"
        "$$f'(u) = h(1 - h) = 0.2350$$\n\n$$f'(u) = 0.25$$\n"
    )
    assert ("h", "0.6225", "match") in found
    assert ("σ'(u)", "0.2350", "match") in found and ("σ'(u)", "0.25", "error") in found
    # a letter the page defines stays its own function: f(u) = u² gives 0.25 at 0.5
    found = verdicts(
        "All units use the sigmoid.\n\n$u = 0.5$\n\n$$f(u) = u^2$$\n\n$$h = f(u) = 0.25$$\n"
    )
    assert ("h", "0.25", "match") in found


def test_a_sum_with_no_index_runs_over_the_components_the_page_gives():
    # e = w·x − y per example: 2·1 − 2 = 0, 2·2 − 4 = 0, 2·3 − 7 = −1; Σ x·e = 0 + 0 − 3 = −3
    # and dw = (2/3)(−3) = −2 (by hand)
    found = verdicts(
        "x1 = 1, x2 = 2, x3 = 3\ny1 = 2, y2 = 4, y3 = 7\nw = 2, n = 3\n"
        "e1 = w·x1 − y1 = 0\ne2 = w·x2 − y2 = 0\ne3 = w·x3 − y3 = −1\n"
        "dw = (2/n) Σ x·e = (2/3)(1·0 + 2·0 + 3·(−1)) = −2\ndw = −3\n",
        markdown=False,
    )
    assert ("e3", "−1", "match") in found and ("dw", "−2", "match") in found
    assert ("dw", "−3", "error") in found
    # as code writes it: (1/n)·sum(x * e) = (1/2)(1·0.5 + 2·(−1)) = −0.75 (by hand)
    found = verdicts(
        "x1 = 1, x2 = 2\ne1 = 0.5, e2 = -1, n = 2\ndw = (1/n) * sum(x * e) = -0.75\ndw = -0.5\n",
        markdown=False,
    )
    assert ("dw", "−0.75", "match") in found and ("dw", "−0.5", "error") in found
    # no name of the summand with components (target, output): the general formula, unread
    report = check_text("t1 = 1, o1 = 0.5\nE = Σ ½(target − output)^2\nE = ½(t1 − o1)^2 = 0.125")
    (unread,) = [u for p in report.parts for u in p.judged.unread]
    assert unread.line == 2 and "general formula" in unread.reason


def test_the_loss_after_the_step_is_not_worked_with_a_term_computed_off_the_page():
    # E_b is given as a number, and the page says it moves with h (∂E_b/∂h = 0.2): after the
    # step it is no longer 0.3, so E' cannot be E_a' + 0.3 = 0.38² + 0.3 = 0.4444 (which
    # called the page's 0.4204, E_b moved along its partial, an error)
    assert round(0.38**2 + 0.3, 4) == 0.4444
    assert round(0.38**2 + 0.3 + 0.2 * (0.38 - 0.5), 4) == 0.4204
    report = check_text(
        "x = 1, w = 0.5, η = 0.1\nh = w·x = 0.5\nE_a = h^2 = 0.25\nE_b = 0.3\n∂E_b/∂h = 0.2\n"
        "E = E_a + E_b = 0.55\n∂E/∂w = 2h·x + 0.2·x = 1.2\nw' = w − η·∂E/∂w = 0.38\n"
        "After one update, the loss is 0.4204.\n"
    )
    assert not [c for p in report.parts for c in p.checks if c.verdict == "error"]
    (unread,) = [u for p in report.parts for u in p.judged.unread]
    assert "E_b is written only as a number" in unread.reason


def test_any_quantity_marked_new_that_the_step_moves_is_its_value_after_the_step():
    # h = w·x: ∂L/∂h is written, so h_new is h after the step: w' = 0.5 − 0.1·(−4) = 0.9 and
    # h' = 0.9·2 = 1.8, L' = (2 − 1.8)² = 0.04 (by hand); h_new = 1.7 is wrong. x_new, which
    # the page neither differentiates nor computes from the step, stays a name of its own
    base = (
        "x = 2, w = 0.5, t = 2, η = 0.1\nh = w·x = 1\nL = (t − h)^2 = 1\n∂L/∂h = −2(t − h) = −2\n"
        "∂L/∂w = ∂L/∂h · x = −4\nw_new = w − η·∂L/∂w = 0.9\n"
    )
    assert ("h'", "1.7", "error") in verdicts(base + "h_new = 1.7\n", markdown=False)
    found = verdicts(base + "x_new = 3\nh_(new) = 1.8\nL_new = 0.04\n", markdown=False)
    assert ("h'", "1.8", "match") in found and ("L'", "0.04", "match") in found
    assert ("x_new", "3", "given") in found


def test_a_list_labelled_with_its_symbol_before_or_after_the_words():
    # x (input) and Target y name x and y as input(x) does: x − y = 1 − 2, 2 − 4, 3 − 5 =
    # −1, −2, −2 (by hand), so −3 is wrong
    found = verdicts(
        "x (input) : [1, 2, 3]\nTarget y : [2, 4, 5]\nx - y : [-1, -2, -3]\n", markdown=False
    )
    assert ("x1", "1", "given") in found and ("y3", "5", "given") in found
    assert ("x2 − y2", "−2", "match") in found and ("x3 − y3", "−3", "error") in found


def test_an_update_whose_gradient_the_page_cannot_reach_says_which_number_stops_it():
    # out2 is given as a number (its net input in w2 is never written): the update of w2 is
    # not judged, and the reason names out2 rather than asking for w2's link in general.
    # (0.5811 is no σ(w2·x) = 0.5744: that number would confirm out2 worked as out1 is)
    report = check_text(
        "x = 1, w1 = 0.5, w2 = 0.3, η = 0.1\nnet1 = w1·x = 0.5\nout1 = σ(net1) = 0.6225\n"
        "out2 = 0.5811\nE = ½(1 − out1)^2 + ½(0 − out2)^2\nw2' = 0.31\n"
    )
    (unread,) = [u for p in report.parts for u in p.judged.unread]
    assert unread.line == 6 and "it reads out2, written only as a number" in unread.reason


def test_a_formula_over_an_index_the_page_never_fixes_is_told_as_the_general_formula():
    report = check_text(
        "x1 = 1, x2 = 2, w1 = 0.5, w2 = 0.5\ny = w1·x1 + w2·x2 = 1.5\n∂y/∂w_i = x_i\n"
        "$$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$$\n",
        markdown=True,
    )
    reasons = [u.reason for p in report.parts for u in p.judged.unread]
    assert len(reasons) == 2
    assert all(r.startswith("the general formula over the index") for r in reasons)


def test_a_primed_name_computed_from_its_own_name_other_than_by_a_step_is_named():
    # a' = a(1 − a) is the sigmoid's derivative, named: σ(0.5) = 0.622459, a' = 0.235004 and
    # ∂L/∂z = (a − 1)·a' = −0.088723 (by the math module), not a after an update
    a = 1 / (1 + math.exp(-0.5))
    assert round(a * (1 - a), 4) == 0.2350 and round((a - 1) * a * (1 - a), 4) == -0.0887
    found = verdicts(
        "z = 0.5, y = 1, η = 0.1\na = σ(z) = 0.6225\na' = a(1 − a) = 0.2350\n"
        "∂L/∂z = (a − y)·a' = −0.0887\nL = ½(y − a)^2\n",
        markdown=False,
    )
    assert ("a′", "0.2350", "match") in found and ("∂L/∂z", "−0.0887", "match") in found


def test_a_function_named_in_words_in_a_plain_text_equation_over_an_index():
    # "the activation function is sigmoid": f is σ in the plain-text d1 = f(I1)[1 − f(I1)]…;
    # σ(0.5)(1 − σ(0.5))(1 − 0.62) = 0.235004 · 0.38 = 0.0893 (math module); the rule in
    # Ik, Tk, Zk written for d1 (the page writes I1, T1, Z1) is read with k = 1 (read_index):
    # d1's formula, which the numbers after it are judged by
    s = 1 / (1 + math.exp(-0.5))
    assert round(s * (1 - s) * 0.38, 4) == 0.0893
    report = check_text(
        "The activation function is sigmoid.\n\nd1 = f(Ik)[1-f(Ik)](Tk-Zk)\n\n"
        "I1 = 0.5, T1 = 1, Z1 = 0.62\n\nd1 = f(I1)[1 - f(I1)](T1 - Z1) = 0.0893\n",
        markdown=True,
    )
    checks = [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert ("d1", "0.0893", "match") in checks
    assert not [u for p in report.parts for u in p.judged.unread]
    wrong = check_text(
        "The activation function is sigmoid.\n\nd1 = f(Ik)[1-f(Ik)](Tk-Zk)\n\n"
        "I1 = 0.5, T1 = 1, Z1 = 0.62\n\nd1 = 0.0993\n",  # planted: 0.0893
        markdown=True,
    )
    assert [c.line for p in wrong.parts for c in p.checks if c.verdict == "error"] == [7]


def test_a_sum_up_to_a_count_the_page_gives_is_written_out():
    # N = 3 given before the sum: (1/N) Σ_{i=1}^{N} y_i = (1 + 2 + 6)/3 = 3 (by hand), 4 wrong
    page = (
        "$N = 3$, $y_1 = 1, y_2 = 2, y_3 = 6$\n\n$$S = \\frac{1}{N}\\sum_{i=1}^{N} y_i = 3$$\n\n"
        "$$S = \\frac{1}{N}\\sum_{i=1}^{N} y_i = 4$$\n"
    )
    found = verdicts(page)
    assert ("S", "3", "match") in found and ("S", "4", "error") in found
    # a count given only after the sum (a special case further on) leaves it the general one
    report = check_text(
        "$$L = -\\sum_{k=1}^{K} y_k \\log(p_k)$$\n\n$y_1 = 1, y_2 = 0, p_1 = 0.5, p_2 = 0.5$\n\n"
        "With $K = 2$ it is the binary case.\n",
        markdown=True,
    )
    (unread,) = [u for p in report.parts for u in p.judged.unread]
    assert unread.line == 1 and "general formula" in unread.reason


def test_the_prime_of_a_function_the_page_defines_is_its_derivative():
    # h(x) = x², h'(x) = 2x: 6 at x = 3 (by hand); 3x = 9 is wrong. Without x given, the
    # formula is judged as an identity in x: f(x) = x³ − 2x, f'(x) = 3x² − 2, not 3x²
    found = verdicts("x = 3\nh(x) = x^2\nh'(x) = 2x = 6\nh'(x) = 3x = 9\n", markdown=False)
    assert [f[2] for f in found] == ["given", "match", "match", "error", "carried"]
    found = verdicts("Let $f(x) = x^3 - 2x$.\n\n$$f'(x) = 3x^2 - 2$$\n\n$$f'(x) = 3x^2$$\n")
    assert [f[2] for f in found] == ["match", "error"]


def test_the_prime_of_a_parameter_stays_its_update_whoever_reads_it():
    # ∂L/∂w is written, so w' is w after the step even where z2 (unprimed) reads it:
    # w' = 0.5 − 0.1·(−4) = 0.9 (by hand), 0.8 is wrong
    page = ("x = 2, w = 0.5, t = 2, η = 0.1\nz = w·x = 1\nL = (t − z)^2 = 1\n"
            "∂L/∂w = −2(t − z)·x = −4\nw' = 0.8\nz2 = w'·x = 1.6\n")  # fmt: skip
    found = verdicts(page, markdown=False)
    assert ("w'", "0.8", "error") in found and ("z2", "1.6", "carried") in found


def test_a_free_variable_is_drawn_where_the_pages_formulas_have_values():
    # ln(x − 1) has no value below x = 1: drawn again further on, d/dx ln(x − 1) = 1/(x − 1)
    # is judged right and 1/x wrong. Through a kink (relu(x − 0.5), dy/dx = 1 for x > 0.5 as
    # pages mean it) no value is drawn: not judged, never an error
    found = verdicts("y = ln(x − 1)\ndy/dx = 1/(x − 1)\ndy/dx = 1/x\n", markdown=False)
    assert [f[2] for f in found if f[2] != "given"] == ["match", "error"]  # the 1: y's own
    report = check_text("y = relu(x − 0.5)\ndy/dx = 1\n")
    assert not [c for p in report.parts for c in p.checks if c.verdict != "given"]


def test_a_sum_over_vectors_of_different_lengths_is_not_cut_to_the_shorter():
    # x1…x3 beside e1, e2: Σ x·e was summed over two samples, (2/3)(1·0.5 + 2·(−1)) = −1,
    # and the written −1 called a match, x3 left out silently
    report = check_text(
        "$x_1 = 1$, $x_2 = 2$, $x_3 = 3$\n\n$e_1 = 0.5$, $e_2 = -1$\n\n$n = 3$\n\n"
        "$dw = \\frac{2}{n} \\sum x \\cdot e = -1$\n", markdown=True)
    (part,) = report.parts
    assert not [c for c in part.checks if c.quantity == "dw"]
    (unread,) = part.judged.unread
    assert unread.reason == ("a sum over vectors of different lengths: "
                             "e has 2 components, x has 3 components")


def test_the_loss_marked_new_is_apart_from_a_primed_derivative_of_the_page():
    # E' = ŷ − y is the page's derivative, E_new the loss after the step: E_new was read E',
    # and the right 0.045 flagged 'it is 0.045 here, and E' is −0.5'. By hand: ŷ = 0.5·2 = 1,
    # E' = 1 − 1.5 = −0.5, ∂E/∂w = −0.5·2 = −1, w' = 0.5 + 0.1 = 0.6, ŷ' = 1.2,
    # E_new = ½(1.5 − 1.2)² = 0.045
    assert round(0.5 * (1.5 - 1.2) ** 2, 3) == 0.045
    page = ("$x = 2$, $w = 0.5$, $y = 1.5$, $\\eta = 0.1$\n\n$\\hat{y} = w x = 1.0$\n\n"
            "$E = \\frac{1}{2}(y - \\hat{y})^2 = 0.125$\n\n$E' = \\hat{y} - y = -0.5$\n\n"
            "$\\frac{\\partial E}{\\partial w} = E' \\cdot x = -1.0$\n\n"
            "$w' = w - \\eta \\frac{\\partial E}{\\partial w} = 0.6$\n\n"
            "$\\hat{y}' = w' x = 1.2$\n\n"
            "$E_{new} = \\frac{1}{2}(y - \\hat{y}')^2 = 0.045$\n")
    found = verdicts(page)
    assert ("E_new", "0.045", "match") in found and ("E'", "−0.5", "match") in found
    assert not [v for v in found if v[2] == "error"]


def test_the_chain_rule_and_an_update_over_an_index_are_told_as_general_formulas():
    report = check_text(
        "$$\\frac{dz}{dx} = \\frac{dz}{dy} \\cdot \\frac{dy}{dx}$$\n\n"
        "$$W_i = W_i - \\eta \\frac{\\partial L}{\\partial W_i}$$\n",
        markdown=True,
    )
    reasons = [u.reason for p in report.parts for u in p.judged.unread]
    assert reasons == [
        "the general formula, in derivatives of symbols the page gives no values",
        "the general formula over the index of W_i: the page gives it no values",
    ]


def test_a_sum_over_the_examples_indexed_in_the_superscript():
    # J = 1/(2m) Σ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² with m = 2: ((2 − 1)² + (2 − 3)²)/4 = 0.5 (by hand); 1 wrong
    page = (
        "$m = 2$, $y^{(1)} = 1, y^{(2)} = 3$, $\\hat{y}^{(1)} = 2, \\hat{y}^{(2)} = 2$\n\n"
        "$$J = \\frac{1}{2m}\\sum_{i=1}^{m}(\\hat{y}^{(i)} - y^{(i)})^2 = 0.5$$\n\n"
        "$$J = \\frac{1}{2m}\\sum_{i=1}^{m}(\\hat{y}^{(i)} - y^{(i)})^2 = 1$$\n"
    )
    found = verdicts(page)
    assert ("J", "0.5", "match") in found and ("J", "1", "error") in found


def test_an_iteration_count_in_the_superscript_marks_the_step():
    # θ^{(t+1)} = θ^{(t)} − η ∂L/∂θ: w' = 0.5 − 0.1·(y − 3)x = 0.5 − 0.1·(1 − 3)·2 = 0.9
    page = (
        "$x = 2, \\; w = 0.5, \\; \\eta = 0.1$\n\n$y = w x = 1$\n\n$L = \\frac{1}{2}(y - 3)^2$\n\n"
        "$w^{(t+1)} = w^{(t)} - \\eta \\frac{\\partial L}{\\partial w} = 0.9$\n\n"
        "$w^{(t+1)} = 0.8$\n"
    )
    found = verdicts(page)
    assert ("w'", "0.9", "match") in found and ("w'", "0.8", "error") in found


def test_a_sum_over_an_index_whose_values_are_the_pages_names():
    # Σ_o over the outputs o1, o2 the page names: δ_h1 = 0.1·0.4 + (−0.2)·0.5 = −0.06 (by
    # hand), and E_total = E_o1 + E_o2 = 0.27, so 0.29 is wrong
    found = verdicts(
        "$\\delta_{o1} = 0.1$, $\\delta_{o2} = -0.2$, $w_{h1o1} = 0.4$, $w_{h1o2} = 0.5$, "
        "$E_{o1} = 0.25$, $E_{o2} = 0.02$\n\n"
        "$$\\delta_{h1} = \\sum_o \\delta_o w_{h1o} = -0.06$$\n\n"
        "$$E_{total} = \\sum_o E_o = 0.29$$\n"
    )
    assert ("δ_h1", "−0.06", "match") in found and ("E_total", "0.29", "error") in found


def test_a_recurrence_over_time_steps_is_the_general_formula():
    report = check_text("$w = 0.5, u = 1$\n\n$$h_t = \\tanh(w h_{t-1} + u x_t)$$\n", markdown=True)
    (unread,) = [u for p in report.parts for u in p.judged.unread]
    assert unread.reason.startswith("the general formula over the index of")


def test_a_prime_on_a_page_that_takes_no_step_is_the_derivative():
    # y = x², x = 0.4: y' = dy/dx = 2x = 0.8; 3x = 1.2 is a wrong derivative. Read as a name
    # of its own, y' = 3x = 1.2 was only computed as written, and matched
    assert (2 * 0.4, round(3 * 0.4, 10)) == (0.8, 1.2)
    found = verdicts("x = 0.4\ny = x^2 = 0.16\ny' = 3x = 1.2\n", markdown=False)
    assert ("∂y/∂x", "3 · x", "error") in found and ("∂y/∂x", "1.2", "carried") in found
    assert ("∂y/∂x", "0.8", "match") in verdicts(
        "$$y = x^2$$\n\n$x = 0.4$\n\n$$y^{\\prime} = 2x = 0.8$$\n"
    )


def test_a_prime_of_a_formula_in_a_variable_never_given_is_judged_as_an_identity():
    # y = ln(x² + 1): y' = 2x/(x² + 1) by hand (central differences below); 1/(x² + 1) drops
    # the inner factor
    h, x = 1e-6, 0.7
    slope = (math.log((x + h) ** 2 + 1) - math.log((x - h) ** 2 + 1)) / (2 * h)
    assert math.isclose(slope, 2 * x / (x**2 + 1), rel_tol=1e-6)
    found = verdicts("y = ln(x^2 + 1)\ny' = 2x/(x^2 + 1)\ny' = 1/(x^2 + 1)\n", False)
    assert ("∂y/∂x", "2 · x/(x^2 + 1)", "match") in found
    assert ("∂y/∂x", "1/(x^2 + 1)", "error") in found


def test_a_prime_that_is_a_prediction_or_after_a_step_stays_so():
    # y' = w·x reads w besides x, and the loss reads y': a prediction (3 − 1.5 = 1.5, 1.5² = 2.25)
    found = verdicts("x = 3\ny = 2x − 3\nw = 0.5\ny' = w x = 1.5\nL = (y − y')^2 = 2.25\n", False)
    assert ("y′", "1.5", "match") in found and ("L", "2.25", "match") in found
    # a rate on the page: y' is the value after the step (w' = 0.5 − 0.1·1 = 0.4, y' = 0.4·3)
    found = verdicts(
        "x = 3\nw = 0.5\nη = 0.1\ny = w x = 1.5\nw' = w − η · 1 = 0.4\ny' = w' x = 1.2\n", False
    )
    assert not [f for f in found if f[0].startswith("∂y")]
    # w' moved by a step (1 − 0.1·(−4) = 1.4): L' is the loss after it, (1.4 − 3)² = 2.56
    found = verdicts("w = 1\nL = (w − 3)^2 = 4\nw' = w − 0.1 · (−4) = 1.4\nL' = 2.56\n", False)
    assert not [f for f in found if f[0].startswith("∂L")]
    # E' = o − 1 with o = σ(net): by o, or by net? (σ(0.3) − 1 = −0.4256, as ∂E/∂o)
    found = verdicts("net = 0.3\no = σ(net)\nE = ½(1 − o)^2\nE' = o − 1 = −0.4256\n", False)
    assert not [f for f in found if f[0].startswith("∂E")]



def test_a_sum_on_a_page_counting_from_zero_starts_at_zero():
    # y0 = 5, y1 = 1, y2 = 2: Σ_i y_i = 8; summed from 1 (= 3) y0 was left out silently
    page = "Values: $y_0 = 5$, $y_1 = 1$, $y_2 = 2$.\n\n$$S = \\sum_{i} y_i = {}$$\n"
    assert ("S", "8", "match") in verdicts(page.replace("{}", "8"))
    assert ("S", "3", "error") in verdicts(page.replace("{}", "3"))
    # with no index: Σ x·e over x0…x2, e0…e2 = 0.5 − 2 + 0.75 = −0.75 (from 1: −1.25)
    text = "x0 = 1, x1 = 2, x2 = 3\ne0 = 0.5, e1 = -1, e2 = 0.25\ndw = Σ x·e = {}\n"
    assert ("dw", "−0.75", "match") in verdicts(text.replace("{}", "-0.75"), markdown=False)
    assert ("dw", "−1.25", "error") in verdicts(text.replace("{}", "-1.25"), markdown=False)
