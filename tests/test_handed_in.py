"""Notation of the files people hand in (notebooks, LaTeX sources, printed outputs), each
construct on a small made-up page; expected numbers worked out by hand."""

from pages import chains, verdicts

from autograd.audit import check_text
from autograd.audit.latex_text import latex_to_text


def test_a_subscript_with_a_dot_is_one_name():
    # w_{H.I1}: the weight from I1 into H; 0.5·2 + 0.25·4 = 2, not 2.5
    page = "$$net_{H} = w_{H.I1} x_1 + w_{H.I2} x_2 = 0.5 \\cdot 2 + 0.25 \\cdot 4 = 2.5$$\n"
    assert latex_to_text("w_{H.I1} x_1") == "w_H.I1 x1"
    found = verdicts(page)
    assert ("w_H.I1", "0.5", "match") in found
    assert ("net_H", "2.5", "error") in found


def test_therefore_is_a_word_of_the_argument():
    page = "$x = 2$\n\n$$\\therefore y = 3x = 6$$\n"
    assert chains(page) == ["x = 2", "y = 3 · x = 6"]


def test_a_left_side_with_words_names_its_symbol():
    page = (
        "y (true label) = 1, a = 0.5\n\n"
        "Total error E = (y - a)^2 = 0.25\n\n"
        "Assuming learning rate (eta) = 0.1\n\n"
        "dw (for w) = 2 * eta = 0.2\n\n"
        "E (before) = 0.25, E (after) = 0.16\n"
    )
    assert chains(page) == ["y = 1", "a = 0.5", "E = (y − a)^2 = 0.25", "eta = 0.1",
                            "dw = 2 · eta = 0.2", "E = 0.25", "E' = 0.16"]  # fmt: skip
    found = verdicts(page)
    assert ("E", "0.25", "match") in found and ("dw", "0.2", "match") in found


def test_a_derivative_of_a_loss_letter_the_page_never_defines_is_of_its_loss():
    # Loss = ½(y − a)² at y = 1, a = 0.5: ∂Loss/∂a = a − y = −0.5
    page = "y = 1, a = 0.5\n\nLoss = 0.5 * (y - a)^2 = 0.125\n\ndL/da = a - y = -0.4\n"
    assert ("∂L/∂a", "−0.4", "error") in verdicts(page)
    assert ("∂L/∂a", "−0.5", "match") in verdicts(page.replace("-0.4", "-0.5"))


def test_a_derivative_by_a_word_of_the_input_name_is_by_that_input():
    # y1 = σ(y1_net), y1_net = 0: ∂y1/∂y1_net = σ(0)(1 − σ(0)) = 0.25
    page = "y1_net = 0 => y1 = sigmoid(y1_net) = 0.5\n\ndy1/dnet = 0.25\n"
    assert ("∂y1/∂net", "0.25", "match") in verdicts(page)


def test_sigmoid_prime_of_a_units_output_is_at_its_input():
    # H = σ(0) = 0.5: σ'(H) means σ'(0) = 0.25, so d = 2 · 0.25 = 0.5 (read literally,
    # σ'(0.5) = 0.235 would make it 0.47)
    page = "H_net = 0 => H = sigmoid(H_net) = 0.5\n\nd = 2 * sigmoid'(H) = 0.5\n"
    assert ("d", "0.5", "match") in verdicts(page)


def test_a_labelled_rate_is_read():
    # L = (w·x)² at w = 0.5, x = 1: ∂L/∂w = 2w·x² = 1, w' = 0.5 − 0.1 · 1 = 0.4
    page = "Learning rate: 0.1\n\nx = 1, w = 0.5\n\nL = (w * x)^2 = 0.25\n\nw' = 0.4\n"
    assert chains(page)[0] == "learning_rate = 0.1"
    assert ("w'", "0.4", "match") in verdicts(page)
    assert ("w'", "0.45", "error") in verdicts(page.replace("0.4\n", "0.45\n"))


# A one-layer network in matrix notation, worked by hand: x = [1, 2], W = [[0, 1], [0, −0.5]]
# give z = xW = [0, 0] and a = σ(z) = [0.5, 0.5]; with y = [1, 0] and ∂J/∂a = a − y = [−0.5,
# 0.5], δ = ∂J/∂a ⊙ σ'(z) = [−0.125, 0.125], ∂J/∂W = xᵀδ = [[−0.125, 0.125], [−0.25, 0.25]],
# and with η = 0.1, W − η∂J/∂W = [[0.0125, 0.9875], [0.025, −0.525]].
MATRIX_PAGE = r"""The activation function $f(z)$ used here is the sigmoid.

Given $x = [1, 2]$, $y = [1, 0]$ and $\eta = 0.1$,

$$W = \begin{bmatrix} 0 & 1 \\ 0 & -0.5 \end{bmatrix}$$

$$z_0 = x$$

$$\therefore z = z_0 W = \begin{bmatrix} 0 & 0 \end{bmatrix}$$

$$a = f(z) = f(\begin{bmatrix} 0 & 0 \end{bmatrix}) = \begin{bmatrix} 0.5 & 0.4 \end{bmatrix}$$

$$\frac{\partial J(W)}{\partial a} = a - y = \begin{bmatrix} -0.5 & 0.5 \end{bmatrix}$$

$$f'(z) = f'(\begin{bmatrix} 0 & 0 \end{bmatrix}) = \begin{bmatrix} 0.25 & 0.25 \end{bmatrix}$$

$$\delta = (\frac{\partial J(W)}{\partial a}) \odot f'(z)
= \begin{bmatrix} -0.125 & 0.125 \end{bmatrix}$$

$$\frac{\partial J(W)}{\partial z} = \sum \delta = \begin{bmatrix}
-0.125 \\
0.125
\end{bmatrix}$$

$$\frac{\partial J(W)}{\partial W} = z_0^T \delta = \begin{bmatrix}
-0.125 & 0.125 \\
-0.25 & 0.25
\end{bmatrix}$$

$$W := W - \eta \frac{\partial J(W)}{\partial W}$$

$$\therefore W = \begin{bmatrix}
0.0125 & 0.9875 \\
0.025 & -0.515
\end{bmatrix}$$
"""


def test_a_network_in_matrix_notation_is_judged_entry_by_entry_on_its_line():
    found = {(q, w): v for q, w, v in verdicts(MATRIX_PAGE)}
    assert found[("x1", "1")] == found[("y2", "0")] == "given"  # [1, 2], [1, 0]
    assert found[("z1", "0")] == found[("z2", "0")] == "match"  # z0 = x names a vector too
    assert found[("a1", "0.5")] == "match"  # f is the sigmoid the sentence names
    assert found[("a2", "0.4")] == "error"
    assert found[("σ'(z1)", "0.25")] == "match"
    # backpropagation starts from the gradient the page gives for a cost it names in words
    assert found[("δ1", "−0.125")] == found[("δ2", "0.125")] == "match"
    assert found[("∂J/∂z1", "−0.125")] == "match"  # Σ over the one example, as a column
    assert found[("∂J/∂W21", "−0.25")] == "match"
    assert found[("W11'", "0.0125")] == found[("W21'", "0.025")] == "match"  # after :=
    report = check_text(MATRIX_PAGE, markdown=True)
    (error,) = [c for p in report.parts for c in p.checks if c.written == "−0.515"]
    assert error.verdict == "error" and MATRIX_PAGE.splitlines()[error.line - 1] == "0.025 & -0.515"


def test_a_spreadsheet_pasted_as_text_is_read_cell_by_cell():
    # row 2: D2 = B2·C2 = 6; row 3 prints no B or C: D+1 stands in column E, so 8 is D3 and
    # 9 is E3 = D3 + 1; rows 4 and 5 nudge B and C by a step the page never gives: 2.5 =
    # B2 + Step makes Step 0.5, D4 = 2.5 · 3 = 7.5 (not 7) and C5 = 3.5, D5 = 2 · 3.5 = 7
    sheet = (
        "  A B C D E\n1   x w y z\n2 Base: 2 3 6 (B*C) 7 (D+1)\n3 Shifted: 8 (D2+2) 9 (D+1)\n"
        "4 Nudged: 2.5 (B2+Step) 3 7 (B*C)\n5 Again: 2 3.5 (C2+Step) 7 (B*C)\n"
    )
    found = verdicts(sheet, markdown=False)
    assert ("D2", "6", "match") in found and ("E2", "7", "match") in found
    assert ("D3", "8", "match") in found and ("E3", "9", "match") in found
    assert ("D4", "7", "error") in found and ("D5", "7", "match") in found
    assert ("D4", "7.5", "match") in verdicts(sheet.replace(" 7 (B*C)", " 7.5 (B*C)"), False)


def test_a_value_after_the_update_the_page_cannot_recompute_says_why():
    page = "net = 0.5 => y = sigmoid(net) = 0.6225\n\ny (after) = 0.7\n"
    (part,) = check_text(page, markdown=True).parts
    (unread,) = part.judged.unread
    assert unread.reason.startswith("y after the update: the page computes y from numbers")
