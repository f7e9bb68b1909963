"""Reading primes, sums over an index and formulas in a free variable as pages write them.
Every expected number is worked by hand or with the math module, never by the package."""

from pages import verdicts


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
