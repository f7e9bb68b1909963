"""The readers on vectors, batches, softmax and pages of several questions, as published
worked examples write them (tests/published/): each case one construct, its expected reading
and values worked out by hand."""

from autograd.audit import check_text
from autograd.audit.read_latex import read_markdown
from autograd.audit.worksheet import show


def chains(text: str) -> list[str]:
    return [" = ".join(map(show, c.links)) for p in read_markdown(text).parts for c in p.chains]


def verdicts(text: str) -> list[tuple[str, str, str]]:
    report = check_text(text, markdown=True)
    return [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


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


def test_a_short_name_given_a_computed_value_is_that_quantity():
    # Let z1 = 1.0 names Z1⁽1⁾ = 2x: so a = e^{z1} is computed from x, da/dx = 2e = 5.437
    page = (
        "$x = 0.5$, $Z^{[1]}_1 = 2x = 1.0$\n\nLet $z_1 = 1.0$.\n\n"
        "$a = e^{z_1} = 2.718$\n\n$\\frac{da}{dx} = 2 e^{z_1} = 5.437$\n"
    )
    assert ("∂a/∂x", "5.437", "match") in verdicts(page)
