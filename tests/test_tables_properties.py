"""Reading tables, lists and what pages say of their quantities: a vector worked out with
commas (``= 0.357, 0.511``), the target of a cross-entropy written out (a distribution), ...
Each construct on small pages of our own in two styles or more (plain text, LaTeX in
Markdown), with a planted wrong number flagged on its line and a right page left without
error. Expected values by hand and from the math module, never from the package."""

import math

from autograd.audit import check_text


def checks(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> list[int]:
    return sorted({c[0] for c in checks(text, markdown) if c[3] == "error"})


def unread(text: str, markdown: bool = False) -> list[tuple[int, str]]:
    report = check_text(text, markdown=markdown)
    return [(u.line, u.reason) for p in report.parts for u in p.judged.unread]


# ---- a vector worked out with commas, and the target of a cross-entropy ----------------

# by hand: −ln 0.7 = 0.35667, −ln 0.6 = 0.51083, −ln 0.2 = 1.60944
assert round(-math.log(0.7), 4) == 0.3567 and round(-math.log(0.6), 3) == 0.511
assert round(-math.log(0.2), 4) == 1.6094

PLAIN = """p = 0.7, q = 0.2, r = 0.1
CE = -Σ t log(p)
= -(1*log(0.7) + 0*log(0.2) + 0*log(0.1)), -(0*log(0.7) + {label}*log(0.2) + 0*log(0.1))
= 0.3567, 1.6094
"""

LATEX = r"""Two samples, each row its own prediction:

$$ H = -\sum_k t_k \log p_k $$

$$ = -(1 \log(0.7) + 0 \log(0.3)), -(0 \log(0.4) + {label} \log(0.6)) $$

$$ = 0.357, 0.511 $$
"""


def test_a_vector_worked_out_with_commas_is_its_components():
    found = checks(PLAIN.format(label=1))
    assert (4, "CE_1", "0.3567", "match") in found
    assert (4, "CE_2", "1.6094", "match") in found
    assert errors(PLAIN.format(label=1)) == []
    found = checks(LATEX.replace("{label}", "1"), markdown=True)
    assert (7, "H_1", "0.357", "match") in found and (7, "H_2", "0.511", "match") in found
    assert errors(LATEX.replace("{label}", "1"), markdown=True) == []


def test_a_components_wrong_result_is_flagged_on_its_line():
    page = PLAIN.format(label=1).replace("1.6094", "1.5094")
    assert errors(page) == [4]


def test_a_target_that_is_no_distribution_is_flagged_where_it_is_written():
    # the label 3 (for 1): the loss written, 1.6094, is the right target's; a reader blames the
    # 3 on line 3, where the other row's target (1, 0, 0) shows what a target is
    assert errors(PLAIN.format(label=3)) == [3]
    found = unread(PLAIN.format(label=3))
    assert any(line == 4 and "no distribution" in why for line, why in found)
    page = LATEX.replace("{label}", "5")
    assert errors(page, markdown=True) == [5]


def test_a_target_of_fractions_summing_to_one_is_a_distribution():
    # soft labels 0.8 and 0.2: −(0.8 ln 0.9 + 0.2 ln 0.1) = 0.0843 + 0.4605 = 0.5448
    value = -(0.8 * math.log(0.9) + 0.2 * math.log(0.1))
    assert round(value, 4) == 0.5448
    page = ("L_1 = -(1 * log(0.9) + 0 * log(0.1)) = 0.1054\n"
            "L_2 = -(0.8 * log(0.9) + 0.2 * log(0.1)) = 0.5448\n")
    assert errors(page) == []
    assert (2, "L_2", "0.5448", "match") in checks(page)


def test_a_lone_target_that_is_no_distribution_is_not_understood():
    # −(3 ln 0.7 + 1 ln 0.3) may be a batch of four's total loss (three positives), not one
    # sample's: with no other row to settle it, neither an error nor a match
    page = "L = -(3 * log(0.7) + 1 * log(0.3)) = 2.274\n"
    assert round(-(3 * math.log(0.7) + math.log(0.3)), 3) == 2.274
    assert errors(page) == []
    assert any("no distribution" in why for _, why in unread(page))
    assert not [c for c in checks(page) if c[3] == "match"]


def test_commas_with_nothing_to_name_stay_not_understood():
    page = "x = 2\n= 0.5, 0.6\n"
    assert any(line == 2 and "commas" in why for line, why in unread(page))
    page = "y = 3\n= 0.5, 0.6\n= 0.1, 0.2, 0.3\n"  # lines of different lengths
    assert [line for line, why in unread(page) if "commas" in why] == [2, 3]


# ---- what a page says its quantities are: y ∈ {0, 1}, ŷ ∈ (0, 1) -------------------------

CLAIMS = """Labels y ∈ {0, 1}, predictions p ∈ (0, 1).
y = 1, p = 0.9
L = -log(p) = 0.105
"""


def test_a_property_the_page_states_is_judged_by_the_values_it_gives():
    assert round(-math.log(0.9), 3) == 0.105
    found = checks(CLAIMS)
    assert (1, "y", "y ∈ {0, 1}", "match") in found
    assert (1, "p", "p ∈ (0, 1)", "match") in found
    assert errors(CLAIMS) == []


def test_a_value_outside_the_stated_set_is_flagged_on_its_line():
    page = CLAIMS.replace("y = 1,", "y = 2,")
    assert errors(page) == [2]
    page = CLAIMS.replace("p = 0.9", "p = 1.2").replace("0.105", "-0.182")
    assert round(-math.log(1.2), 3) == -0.182
    assert errors(page) == [2]


def test_an_open_interval_leaves_out_its_ends_written_exactly():
    # 1 is no probability in (0, 1); 1.00 may be 0.998 rounded
    assert errors("p ∈ (0, 1)\np = 1\n") == [2]
    assert errors("p ∈ (0, 1)\np = 1.00\n") == []
    assert errors("p ∈ [0, 1]\np = 1\n") == []


def test_a_property_of_a_quantity_given_no_value_is_not_understood():
    page = "Labels y ∈ {0, 1}.\nx = 2\nz = 3x = 6\n"
    assert not [c for c in checks(page) if c[1] == "y"]
    assert any("no value" in why for _, why in unread(page))


TABLE = r"""For each sample, the label $y \in \{0, 1\}$ and the prediction $\hat{y} \in (0, 1)$:

| Sample | $y$ | $\hat{y}$ | $-\log(\hat{y})$ |
|---|---|---|---|
| 1 | 1 | 0.9 | 0.105 |
| 2 | {label} | 0.8 | 0.223 |
"""


def test_a_property_in_latex_is_judged_by_a_tables_values():
    assert round(-math.log(0.9), 3) == 0.105 and round(-math.log(0.8), 3) == 0.223
    page = TABLE.replace("{label}", "1")
    found = checks(page, markdown=True)
    assert (1, "y", "y ∈ {0, 1}", "match") in found and (1, "ŷ", "ŷ ∈ (0, 1)", "match") in found
    assert errors(page, markdown=True) == []
    assert errors(TABLE.replace("{label}", "3"), markdown=True) == [6]  # a label 3


def test_an_interval_in_latex_keeps_its_brackets():
    page = r"The rate $\eta \in [0, 1]$ here." + "\n\n$\\eta = 1$\n"
    assert errors(page, markdown=True) == []  # 1 is in [0, 1]
    page = page.replace("[0, 1]", "(0, 1)")
    assert errors(page, markdown=True) == [3]  # and not in (0, 1)


def test_values_under_a_formula_of_numbers_alone_are_no_vector_of_it():
    # L = −(1 · log(0.5)) is one number: the two values under it are not its components
    page = "L = -(1 * log(0.5)) = 0.693\n= 0.69, 0.82\n"
    assert [line for line, why in unread(page) if "commas" in why] == [2]


# ---- a class named beside its one-hot label -------------------------------------------

ONE_HOT = """| Animal | Label |
|---|---|
| Cat (class 0) | $[1, 0, 0]$ |
| Dog (class 1) | $[0, 1, 0]$ |
| Bird (class {bird}) | $[0, 0, 1]$ |
"""


def test_a_class_beside_its_one_hot_label_is_the_place_of_its_1():
    found = checks(ONE_HOT.format(bird=2), markdown=True)
    assert (5, "class", "class 2 [0, 0, 1]", "match") in found
    assert errors(ONE_HOT.format(bird=2), markdown=True) == []
    # class 1 for [0, 0, 1]: the table counts from 0 (cat 0, dog 1), so the bird is 2
    assert errors(ONE_HOT.format(bird=1), markdown=True) == [5]


def test_a_class_in_plain_text_counts_from_0_or_1_as_the_page_does():
    assert errors("y = [0, 1, 0] → class 2 is correct\n") == []  # counting from 1
    assert errors("y = [0, 1, 0] → class 1 is correct\n") == []  # counting from 0
    assert errors("y = [0, 1, 0] → class 3 is correct\n") == [1]  # neither
    found = checks("x = 1\ntarget [0, 0, 1, 0] (class 2)\n")
    assert (2, "class", "class 2 [0, 0, 1, 0]", "match") in found


def test_a_class_beside_two_labels_is_not_taken():
    # which label the class goes with the line does not say
    assert not [c for c in checks("[1, 0] and [0, 1] are class 1\n") if c[1] == "class"]


# ---- two tables keyed by the same rows: a label the later one repeats -----------------

EXERCISE = """| Example | Label | $p$ |
|---|---|---|
| 1 | Digit 7 | 0.2 |
| 2 | Digit 3 | 0.9 |

Solution:

| Example | Label | $-\\log(p)$ |
|---|---|---|
| 1 | Digit 7 | 1.609 |
| 2 | Digit {second} | 0.105 |
"""


def test_a_label_a_later_table_repeats_is_judged_against_the_first():
    assert round(-math.log(0.2), 3) == 1.609 and round(-math.log(0.9), 3) == 0.105
    page = EXERCISE.format(second=3)
    found = [c for c in checks(page, markdown=True) if c[1].startswith("label of")]
    assert [(c[0], c[3]) for c in found] == [(3, "given"), (4, "given"), (10, "match"),
                                             (11, "match")]
    assert errors(page, markdown=True) == []
    assert errors(EXERCISE.format(second=8), markdown=True) == [11]


def test_a_label_in_one_table_only_is_not_taken():
    page = EXERCISE.split("Solution:")[0]
    assert not [c for c in checks(page, markdown=True) if c[1].startswith("label of")]


TABULAR = r"""\begin{document}
\begin{tabular}{lll}
Sample & Class & $x$ \\
\hline
1 & Class 2 & $x = 0.5$ \\
\end{tabular}

\begin{tabular}{lll}
Sample & Class & $2x$ \\
\hline
1 & Class {again} & $2x = 1.0$ \\
\end{tabular}
\end{document}
"""


def test_a_label_repeated_in_latex_tabulars_is_judged_too():
    from autograd.audit.flow import check_worksheet
    from autograd.audit.read import reader

    def tabular_errors(again: int) -> list[int]:
        sheet = reader(".tex")(TABULAR.replace("{again}", str(again)), "page")
        report = check_worksheet(sheet)
        return sorted({c.line for p in report.parts for c in p.checks if c.verdict == "error"})

    assert tabular_errors(2) == []
    assert tabular_errors(1) == [11]


# ---- a column headed Loss in words: the page's loss of the row's sample -----------------

LOSS_TABLE = r"""For one sample, $L = (y - \hat{y})^2$.

| Sample | $y$ | $\hat{y}$ | Sample Loss |
|---|---|---|---|
| 1 | 1.0 | 0.8 | 0.04 |
| 2 | 0.0 | 0.3 | {second} |
"""


def test_a_loss_column_in_words_is_the_pages_loss_of_each_row():
    assert round((1.0 - 0.8) ** 2, 2) == 0.04 and round((0.0 - 0.3) ** 2, 2) == 0.09
    page = LOSS_TABLE.replace("{second}", "0.09")
    found = checks(page, markdown=True)
    assert (5, "L", "0.04", "match") in found and (6, "L", "0.09", "match") in found
    assert errors(LOSS_TABLE.replace("{second}", "0.9"), markdown=True) == [6]


def test_a_loss_column_with_no_loss_of_the_rows_names_is_not_understood():
    page = LOSS_TABLE.replace("$L = (y - \\hat{y})^2$", "$L = (t - o)^2$").replace(
        "{second}", "0.09")
    assert not [c for c in checks(page, markdown=True) if c[2] in ("0.04", "0.09")]
    assert any("headed Loss" in why for _, why in unread(page, markdown=True))


LOSS_TABULAR = r"""\begin{document}
For one example, $E = \frac{1}{2}(t - o)^2$.

\begin{tabular}{llll}
Example & $t$ & $o$ & Loss per example \\
\hline
1 & 1 & 0.6 & {first} \\
\end{tabular}
\end{document}
"""


def test_a_loss_column_in_a_latex_tabular():
    from autograd.audit.flow import check_worksheet
    from autograd.audit.read import reader

    assert round(0.5 * (1 - 0.6) ** 2, 2) == 0.08

    def found(first: str) -> list[tuple[int, str, str]]:
        sheet = reader(".tex")(LOSS_TABULAR.replace("{first}", first), "page")
        return [(c.line, c.written, c.verdict) for p in check_worksheet(sheet).parts
                for c in p.checks if c.quantity == "E"]

    assert found("0.08") == [(7, "0.08", "match")]
    assert found("0.8") == [(7, "0.8", "error")]


# ---- where these readings stop ---------------------------------------------------------

def test_one_line_of_values_under_a_formula_is_no_vector_read():
    # nothing of the components is worked: their values would be taken unjudged
    page = "p = 0.5\nL = -Σ t log(p)\n= 0.69, 0.82\n"
    assert [line for line, why in unread(page) if "commas" in why] == [3]


def test_a_class_set_against_the_label_is_not_its_class():
    page = "x = 1\npredicted class 0, but the label is [0, 1, 0]\n"
    assert not [c for c in checks(page) if c[1] == "class"]


def test_tables_under_two_headings_are_two_problems_not_joined():
    page = EXERCISE.format(second=8).replace("Solution:", "## Another problem")
    assert errors(page, markdown=True) == [10]  # −log(0.9) is 0.105, not 1.609: its own p
    assert not [c for c in checks(page, markdown=True) if c[1].startswith("label of")]


def test_a_claim_ends_where_a_later_section_gives_a_value_outside_it():
    page = ("## Classification\n\n$\\hat{y} \\in (0, 1)$\n\n$\\hat{y} = 0.8$\n\n"
            "## Regression\n\n$\\hat{y} = 3.5$\n")
    assert errors(page, markdown=True) == []
    assert (3, "ŷ", "ŷ ∈ (0, 1)", "match") in checks(page, markdown=True)
    inside = page.replace("= 0.8", "= 1.8")  # in the claim's own section: a slip
    assert errors(inside, markdown=True) == [5]


def test_a_total_of_counts_beside_a_samples_loss_is_not_called_a_wrong_target():
    # L_1 is one sample's loss; L, three samples predicted 0.7 (two of them positive), sums
    # counts before the logs: no target of one sample, left not understood
    assert round(-(2 * math.log(0.7) + math.log(0.3)), 3) == 1.917
    page = ("L_1 = -(1 * log(0.7) + 0 * log(0.3)) = 0.357\n"
            "L = -(2 * log(0.7) + 1 * log(0.3)) = 1.917\n")
    assert errors(page) == []
    assert any(line == 2 and "no distribution" in why for line, why in unread(page))


# ---- a printed array's shape ------------------------------------------------------------

def test_a_shape_printed_with_its_array_is_judged_by_the_array():
    page = ("x = 1\n"
            "tensor([[0.1000, 0.2000, 0.7000],\n"
            "        [0.3000, 0.3000, 0.4000]])\n"
            "torch.Size([2, {cols}])\n")
    assert errors(page.replace("{cols}", "3")) == []
    # the Size is printed after its tensor here: read as the array just above? no, below
    assert not [c for c in checks(page.replace("{cols}", "3")) if c[1] == "shape"]
    page = ("x = 1\ntorch.Size([2, {cols}])\n"
            "tensor([[0.1000, 0.2000, 0.7000],\n"
            "        [0.3000, 0.3000, 0.4000]])\n")
    assert (2, "shape", "torch.Size([2, 3])", "match") in checks(page.replace("{cols}", "3"))
    assert errors(page.replace("{cols}", "2")) == [2]


def test_a_tensors_shape_in_markdown_output():
    page = ("$x = 1$\n\n### Output:\n\n<tf.Tensor: shape=({n},), dtype=float32,\n\n"
            "numpy=array([0.25, 0.75], dtype=float32)>\n")
    assert (5, "shape", "shape=(2,)", "match") in checks(page.replace("{n}", "2"), markdown=True)
    assert errors(page.replace("{n}", "3"), markdown=True) == [5]


def test_a_shape_said_in_words_beside_a_list():
    page = "* Inputs: `X = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]` ({n} samples, 3 features)\n"
    found = checks(page.replace("{n}", "2"), markdown=True)
    assert (1, "shape", "2 samples, 3 features", "match") in found
    assert errors(page.replace("{n}", "3"), markdown=True) == [1]
    plain = "X = [[1, 2], [3, 4], [5, 6]] (3 examples, 2 inputs)\n"
    assert (1, "shape", "3 examples, 2 inputs", "match") in checks(plain)


# ---- the order a table of a pass visits its nodes in ------------------------------------

ORDER_TABLE = """Forward pass, x = 1 and w = 3:
Order Node Value
{x} A.: x A.: 1
2 A.: w A.: 3
{u} A.: u A.: x*w = 3
4 A.: z A.: max(0,u) = 3
"""


def test_the_order_of_a_pass_is_after_what_each_node_reads():
    page = ORDER_TABLE.format(x=1, u=3)
    orders = [c for c in checks(page, markdown=True) if c[1] == "order"]
    assert [(c[0], c[3]) for c in orders] == [(3, "match"), (4, "match"), (5, "match"),
                                              (6, "match")]
    # u visited first, before x, which it reads: wrong on u's line
    assert errors(ORDER_TABLE.format(x=3, u=1), markdown=True) == [5]


def test_the_order_of_the_way_back_reads_the_derivatives_before():
    page = ("x = 1, w = 3\nOrder Node Value\n1 z ∂z/∂z = 1\n2 u ∂z/∂u = 1\n"
            "3 x ∂z/∂x = ∂z/∂u ∂u/∂x = 1*w = 3\n")
    assert [c[3] for c in checks(page) if c[1] == "order"] == ["match"] * 3
    # x visited second, before u, whose ∂z/∂u it reads: wrong on x's line
    page = page.replace("2 u ∂z/∂u", "3 u ∂z/∂u").replace("3 x ∂z/∂x", "2 x ∂z/∂x")
    assert errors(page) == [5]
    page = page.replace("3 u ∂z/∂u", "2 u ∂z/∂u")  # orders 1, 2, 2: no order of one visit
    assert not [c for c in checks(page) if c[1] == "order"]


def test_a_key_twice_in_one_table_labels_nothing_to_compare():
    page = ("| Sample | Class |\n|---|---|\n| 1 | Class 2 |\n| 1 | Class 3 |\n\n"
            "| Sample | Class |\n|---|---|\n| 1 | Class 2 |\n\n$x = 1$\n")
    assert errors(page, markdown=True) == []
    assert not [c for c in checks(page, markdown=True) if c[1].startswith("class of")]
