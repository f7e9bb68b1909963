"""Reading quantities accumulated or updated in place (``s += t``, ``s ← s + t``, ``s = s + t``:
each step a new value of s, later lines reading the latest), and the names a page gives to a
partial result (``Let m = x w + b`` inside ``h = relu(x w + b)``). Small pages of our own in
plain text, Markdown with LaTeX and a notebook; expected values by hand or with plain floats,
never from the package."""

import json
import math

from autograd.audit import check, check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(found: list[tuple[int, str, str, str]]) -> list[tuple[int, str, str, str]]:
    return [v for v in found if v[3] == "error"]


def unread(text: str, markdown: bool = False) -> list[tuple[int, str]]:
    report = check_text(text, markdown=markdown)
    return [(u.line, u.reason) for p in report.parts for u in p.judged.unread]


# ---- a running total, in plain text ----------------------------------------------------------

RUNNING = (
    "a = 2, b = 3\n"
    "s = a·b = 2·3 = 6\n"
    "s = s + a = 6 + 2 = {third}\n"
    "s = s + b = {third} + 3 = {fourth}\n"
    "t = 2·s = 2·{fourth} = {fifth}\n"
)


def test_a_running_total_is_a_new_value_at_each_step_and_later_lines_read_the_last():
    assert 2 * 3 + 2 == 8 and 8 + 3 == 11 and 2 * 11 == 22  # by hand
    found = verdicts(RUNNING.format(third=8, fourth=11, fifth=22))
    assert errors(found) == []
    assert (3, "s⟨2⟩", "8", "match") in found and (4, "s⟨3⟩", "11", "match") in found
    assert (5, "t", "22", "match") in found  # t reads s's third value, not its first (6)
    # before: the second step was judged against the first (s' is 8) and t against s = 6


def test_a_wrong_running_total_is_flagged_on_its_line_and_carried_after():
    found = verdicts(RUNNING.format(third=8, fourth=12, fifth=24))  # 8 + 3 is 11
    assert [(v[0], v[1], v[2]) for v in errors(found)] == [(4, "s⟨3⟩", "12")]
    assert (5, "t", "24", "carried") in found


def test_compound_assignment_is_a_step_and_what_it_works_out_is_the_term():
    # s += a·b = 2·3 = 6: the term is 6, the total is not written on the line
    page = "a = 2, b = 3\ns = 1\ns += a·b = 2·3 = 6\ns += a = 2\nt = s + 0 = 9\n"
    assert 1 + 2 * 3 + 2 == 9
    found = verdicts(page)
    assert errors(found) == []
    assert (5, "t", "9", "match") in found
    wrong = verdicts(page.replace("t = s + 0 = 9", "t = s + 0 = 8"))
    assert [v[0] for v in errors(wrong)] == [5]


def test_a_total_with_no_first_value_stays_unread_with_why():
    reasons = unread("a = 2\ns = s + a = 2\n")
    assert any("s" in why and "no value" in why for _, why in reasons)


def test_a_step_of_gradient_descent_stays_the_update():
    # L = (w x − y)², w = 0.5, x = 2, y = 2: ∂L/∂w = 2(wx − y)x = 2(1 − 2)2 = −4;
    # w ← w − η ∂L/∂w = 0.5 − 0.1(−4) = 0.9
    page = ("w = 0.5, x = 2, y = 2, η = 0.1\nL = (w·x − y)^2 = (1 − 2)^2 = 1\n"
            "∂L/∂w = 2(w·x − y)·x = -4\nw ← w − η·∂L/∂w = 0.5 − 0.1·(-4) = 0.9\n")
    found = verdicts(page)
    assert errors(found) == [] and (4, "w'", "0.9", "match") in found


# ---- gradients summed over time steps, Markdown with LaTeX ----------------------------------

BPTT = r"""Gradients summed over two steps, $g_1 = 0.2$, $g_2 = 0.3$, $u_1 = 0.5$, $u_2 = 0.4$:

$$
\begin{aligned}
\nabla V &\leftarrow 0 + 0.2 \times 0.5 = 0.1 \\
\nabla U &\leftarrow 0 + 0.2 \times 2 = 0.4
\end{aligned}
$$

Then the earlier step:

$$
\begin{aligned}
\nabla V &\leftarrow 0.1 + 0.3 \times 0.4 = {v} \\
\nabla U &\leftarrow 0.4 + 0.3 \times 2 = 1
\end{aligned}
$$
"""


def test_gradients_summed_over_time_steps_each_step_judged():
    assert math.isclose(0.1 + 0.3 * 0.4, 0.22) and math.isclose(0.4 + 0.3 * 2, 1.0)
    found = verdicts(BPTT.replace("{v}", "0.22"), markdown=True)
    assert errors(found) == []
    assert (14, "dV⟨2⟩", "0.22", "match") in found and (15, "dU⟨2⟩", "1", "match") in found


def test_a_wrong_sum_over_time_steps_is_flagged_on_its_line():
    found = verdicts(BPTT.replace("{v}", "0.23"), markdown=True)
    assert [(v[0], v[1], v[2]) for v in errors(found)] == [(14, "dV⟨2⟩", "0.23")]


def test_leftarrow_running_total_with_formula_reads_the_value_before():
    # \leftarrow with a formula: each step from the value before it, in LaTeX
    page = (r"$x_1 = 1.5$, $x_2 = -0.5$" "\n\n"
            r"$$S \leftarrow 0$$" "\n\n"
            r"$$S \leftarrow S + x_1^2 = 0 + 2.25 = 2.25$$" "\n\n"
            r"$$S \leftarrow S + x_2^2 = 2.25 + 0.25 = {total}$$" "\n\n"
            r"$$m = \frac{{S}}{{2}} = {mean}$$" "\n")
    assert 1.5**2 + 0.5**2 == 2.5 and 2.5 / 2 == 1.25
    found = verdicts(page.format(total="2.5", mean="1.25"), markdown=True)
    assert errors(found) == [] and (9, "m", "1.25", "match") in found
    wrong = verdicts(page.format(total="2.75", mean="1.375"), markdown=True)
    assert [(v[0], v[2]) for v in errors(wrong)] == [(7, "2.75")]


# ---- a loss summed over a batch, in a notebook ----------------------------------------------


def notebook(tmp_path, lines: list[str]):
    cell = {"cell_type": "markdown", "metadata": {}, "source": [s + "\n" for s in lines]}
    path = tmp_path / "batch.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}, indent=1), "utf-8")
    return check(path)


def test_a_loss_summed_over_a_batch_and_its_derivative_read_the_total(tmp_path):
    # L = (w x1 − y1)² + (w x2 − y2)², w = 0.5, (x, y) = (1, 1), (2, 0):
    # terms 0.25 and 1, total 1.25; dL/dw = 2(w x1 − y1)x1 + 2(w x2 − y2)x2 = −1 + 4 = 3
    lines = ["$w = 0.5$, $x_1 = 1$, $y_1 = 1$, $x_2 = 2$, $y_2 = 0$", "",
             "`L = 0`", "", "`L += (w*x1 - y1)^2 = (0.5 - 1)^2 = 0.25`", "",
             "`L += (w*x2 - y2)^2 = (1 - 0)^2 = 1`", "",
             "`L = 1.25`", "", "`dL/dw = 2(w*x1 - y1)*x1 + 2(w*x2 - y2)*x2 = {d}`"]
    assert 2 * (0.5 - 1) * 1 + 2 * (1 - 0) * 2 == 3
    report = notebook(tmp_path, [s.replace("{d}", "3") for s in lines])
    found = [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert errors(found) == []
    assert ("L⟨3⟩", "1.25", "match") in [v[1:] for v in found]  # the total restated
    assert ("∂L⟨3⟩/∂w", "3", "match") in [v[1:] for v in found]
    report = notebook(tmp_path, [s.replace("{d}", "3.5") for s in lines])
    found = [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert [v[2] for v in errors(found)] == ["3.5"]


# ---- a name the page gives to a partial result ----------------------------------------------

PARTIAL = (
    "x = 2, w = 0.5, b = -0.5, y = 1\n"
    "h = relu(x·w + b) = relu(2·0.5 - 0.5) = 0.5\n"
    "L = (h - y)^2 = (0.5 - 1)^2 = 0.25\n"
    "∂L/∂h = 2(h - y) = 2(0.5 - 1) = -1\n"
    "m = x·w + b = 0.5\n"
    "∂L/∂m = ∂L/∂h · 1 = {dm}\n"
    "∂L/∂w = ∂L/∂m · x = {dw}\n"
)


def test_a_name_given_later_to_a_part_of_a_formula_is_on_the_path():
    # m = 0.5 > 0, so ∂h/∂m = 1: ∂L/∂m = −1 and ∂L/∂w = −1 · 2 = −2
    found = verdicts(PARTIAL.format(dm="-1", dw="-2"))
    assert errors(found) == []
    assert (6, "∂L/∂m", "−1", "match") in found and (7, "∂L/∂w", "−2", "match") in found


def test_a_wrong_derivative_by_the_named_part_is_flagged():
    found = verdicts(PARTIAL.format(dm="-0.5", dw="-1"))
    assert [(v[0], v[1]) for v in errors(found)] == [(6, "∂L/∂m")]


def test_a_partial_result_named_in_latex_with_mathit():
    # M = x W + c (1×2 row times 2×2), h = max(0, M); M = [16·0.1 − 6·0.2, 16·0.3 − 6·0.9]
    # = [0.4, −0.6]; loss = 2 h_0 + 3 h_1, ∂loss/∂M_0 = 2, ∂loss/∂M_1 = 0 (M_1 < 0)
    page = (r"$x_0 = 16$, $x_1 = -6$, $W_{00} = 0.1$, $W_{01} = 0.3$, $W_{10} = 0.2$, "
            r"$W_{11} = 0.9$, $c_0 = 0$, $c_1 = 0$" "\n\n"
            r"$$h_0 = \max(0, x_0 \mathit{W_{00}} + x_1 \mathit{W_{10}} + c_0) = 0.4$$" "\n\n"
            r"$$h_1 = \max(0, x_0 \mathit{W_{01}} + x_1 \mathit{W_{11}} + c_1) = 0$$" "\n\n"
            r"$$loss = 2 h_0 + 3 h_1 = 0.8$$" "\n\n"
            r"Let $M_0 = x_0 \mathit{W_{00}} + x_1 \mathit{W_{10}} + c_0$ and "
            r"$M_1 = x_0 \mathit{W_{01}} + x_1 \mathit{W_{11}} + c_1$." "\n\n"
            r"$$\frac{\partial loss}{\partial M_0} = {d0}$$" "\n\n"
            r"$$\frac{\partial loss}{\partial M_1} = 0$$" "\n")
    assert math.isclose(16 * 0.1 - 6 * 0.2, 0.4) and 16 * 0.3 - 6 * 0.9 < 0
    found = verdicts(page.replace("{d0}", "2"), markdown=True)
    assert errors(found) == [] and (11, "∂loss/∂M0", "2", "match") in found
    found = verdicts(page.replace("{d0}", "3"), markdown=True)
    assert [(v[0], v[2]) for v in errors(found)] == [(11, "3")]


def test_a_letter_before_an_italic_name_is_a_factor():
    # x\mathit{W1}: x times W1 (before, one name xW1 with no value)
    page = r"$x = 3$, $\mathit{W1} = 0.5$" "\n\n" r"$$z = x\mathit{W1} = 3 \times 0.5 = {z}$$"
    assert (3, "z", "1.5", "match") in verdicts(page.replace("{z}", "1.5"), markdown=True)
    assert [v[2] for v in errors(verdicts(page.replace("{z}", "1.6"), markdown=True))] == ["1.6"]


# ---- a function of a vector named with its argument, terms broken over rows ----------------

SOFTMAX_LOSS = r"""$\mathbf{z} = \begin{bmatrix}1 & 2\end{bmatrix}$,
$p = \begin{bmatrix}0 & 1\end{bmatrix}$

$$\begin{aligned}
J(z) &= J(z_1, z_2) \\
&= -(p_1)\log\left(\frac{e^{z_1}}{e^{z_1} + e^{z_2}}\right) \\
&+ -(p_2)\log\left(\frac{e^{z_2}}{e^{z_1} + e^{z_2}}\right)
\end{aligned}$$

$$\begin{aligned}
J(z) &= -(0)\log\left(\frac{e^{1}}{e^{1} + e^{2}}\right) \\
&+ -(1)\log\left(\frac{e^{2}}{e^{1} + e^{2}}\right) \\
&= {j}
\end{aligned}$$

$$\frac{\partial J}{\partial z_1} = \frac{e^{1}}{e^{1} + e^{2}} = 0.2689$$
"""


def test_a_function_of_a_vector_named_with_it_is_its_value_and_rows_go_on():
    j = -math.log(math.exp(2) / (math.exp(1) + math.exp(2)))  # 0.31326
    assert round(j, 4) == 0.3133 and round(math.exp(1) / (math.exp(1) + math.exp(2)), 4) == 0.2689
    found = verdicts(SOFTMAX_LOSS.replace("{j}", "0.3133"), markdown=True)
    assert errors(found) == []
    assert (13, "J", "0.3133", "match") in found
    assert (16, "∂J/∂z1", "0.2689", "match") in found  # J read whole: both terms, not the first
    found = verdicts(SOFTMAX_LOSS.replace("{j}", "0.3233"), markdown=True)
    assert [(v[0], v[2]) for v in errors(found)] == [(13, "0.3233")]


GRADIENT = r"""$\mathbf{z} = \begin{bmatrix}1 & 2\end{bmatrix}$,
$p = \begin{bmatrix}0 & 1\end{bmatrix}$, $\mathbf{a} = \begin{bmatrix}3 & 0\end{bmatrix}$

$$J(z) = -p_1 \log\left(\frac{e^{z_1}}{e^{z_1} + e^{z_2}}\right)
- p_2 \log\left(\frac{e^{z_2}}{e^{z_1} + e^{z_2}}\right)$$

$$\nabla J(z) = \begin{bmatrix}\frac{e^{z_1}}{e^{z_1} + e^{z_2}} - p_1 &
\frac{e^{z_2}}{e^{z_1} + e^{z_2}} - p_2\end{bmatrix} = \begin{bmatrix}0.2689 & {g}\end{bmatrix}$$

$$a^T \nabla J = \begin{bmatrix}3 \\ 0\end{bmatrix}
\begin{bmatrix}0.2689 & -0.2689\end{bmatrix}
= \begin{bmatrix}0.8067 & -0.8067 \\ 0 & 0\end{bmatrix}$$
"""


def test_the_gradient_of_a_function_of_a_vector_is_its_partials_by_the_entries():
    s = math.exp(1) / (math.exp(1) + math.exp(2))  # 0.26894: ∂J/∂z1 = s − 0, ∂J/∂z2 = −s
    assert round(s, 4) == 0.2689 and round(3 * 0.2689, 4) == 0.8067 and round(3 * s, 4) == 0.8068
    found = verdicts(GRADIENT.replace("{g}", "-0.2689"), markdown=True)
    assert errors(found) == []
    assert ("∂J/∂z2", "−0.2689", "match") in [v[1:] for v in found]
    # ∇J alone: by z; 3 × 0.2689 = 0.8067 from the written factor (exactly 0.80682)
    assert ("a1 · ∂J/∂z1", "0.8067", "rounding") in [v[1:] for v in found]
    found = verdicts(GRADIENT.replace("{g}", "0.2689"), markdown=True)  # the sign dropped
    assert [(v[0], v[1], v[2]) for v in errors(found)] == [(8, "∂J/∂z2", "0.2689")]


# ---- an index past its vector, where another link reads the right one ----------------------

BEYOND_MD = r"""The page counts from 0: $x_0 = 2$, $x_1 = 3$, $g = 5$.

$$\begin{bmatrix} q_0 \\ q_1 \end{bmatrix}
= \begin{bmatrix} x_0 g \\ x_1 g \end{bmatrix}
= \begin{bmatrix} x_0 \\ {second} \end{bmatrix} g$$
"""


def test_an_index_past_its_vector_is_flagged_on_the_line_it_stands_on():
    found = verdicts(BEYOND_MD.replace("{second}", "x_2"), markdown=True)
    assert [(v[0], v[1]) for v in errors(found)] == [(5, "q1")]  # x has x_0, x_1 only
    assert errors(verdicts(BEYOND_MD.replace("{second}", "x_1"), markdown=True)) == []


def test_an_index_past_its_vector_in_plain_text():
    assert 3 * 5 == 15
    found = verdicts("x1 = 2, x2 = 3, g = 5\ny = x2·g = x3·g = 15\n")
    assert [(v[0], v[1], v[2]) for v in errors(found)] == [(2, "y", "x3 · g")]
    assert errors(verdicts("x1 = 2, x2 = 3, g = 5\ny = x2·g = 3·5 = 15\n")) == []
    # x3 read by no other link (the sibling is not in its place): unread, not an error
    assert errors(verdicts("x1 = 2, x2 = 3, g = 5\ny = x3·g = 15\n")) == []
