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
    checks = [c for p in report.parts for c in p.checks]
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
