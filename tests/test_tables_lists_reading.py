"""Reading tables, lists and vectors as published pages write them: Python lists in code spans
(`X = [[1.0, 2.0]]`), a vector minus a number under a left side of words (logits − max =
[…] − 1.1 = […]), in Markdown prose, Markdown tables, LaTeX matrices and notebooks. Each page
has a twin with one planted wrong number that must be flagged on its line. Expected values by
hand and in plain floats, never from the package."""

import json
import math

from autograd.audit import check, check_text


def verdicts(text: str, markdown: bool = True) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(found: list[tuple[int, str, str, str]]) -> list[int]:
    return sorted({line for line, _, _, verdict in found if verdict == "error"})


# -- a Python list in a code span gives its entries --------------------------------------------

LIST_PAGE = (
    "Given `a = [0.5, -0.25]` and `x = [2.0, 4.0]` (one sample, two features):\n"
    "\n"
    "$$z = a_1 x_1 + a_2 x_2 = 0.5 \\cdot 2.0 + (-0.25) \\cdot {X2} = {Z}$$\n"
)


def test_a_list_in_a_code_span_gives_each_entry():
    assert 0.5 * 2.0 + (-0.25) * 4.0 == 0.0  # by hand
    found = verdicts(LIST_PAGE.format(X2="4.0", Z="0"))
    assert (1, "a1", "0.5", "given") in found and (1, "x2", "4.0", "given") in found
    assert errors(found) == []
    assert any(v[0] == 3 and v[2] == "0" and v[3] == "match" for v in found)


def test_a_number_substituted_against_the_listed_entry_is_flagged_on_its_line():
    # x2 is 4.0 in the list; 3.0 substituted for it (and the sum worked from it, −0.25 · 3.0
    # + 1.0 = 0.25, still arithmetic right) is the slip
    assert 0.5 * 2.0 + (-0.25) * 3.0 == 0.25
    found = verdicts(LIST_PAGE.format(X2="3.0", Z="0.25"))
    assert errors(found) == [3]


NESTED_PAGE = (
    "* Input: `X = [[1.0, 3.0]]` (1 sample, 2 features)\n"
    "* Label (one-hot): `y_true = [[0, 1]]`\n"
    "\n"
    "$$s = X_1 + X_2 = 1.0 + 3.0 = {S}$$\n"
    "\n"
    "$$g = y_{{\\text{{true}}}} - [0.5, 0.5] = [0, 1] - [0.5, 0.5] = [-0.5, {G}]$$\n"
)


def test_a_nested_list_is_a_row_its_name_as_the_latex_writes_it():
    # y_true in code is the page's y_{\text{true}}: one quantity, [0, 1] substituted for it
    found = verdicts(NESTED_PAGE.format(S="4.0", G="0.5"))
    assert (1, "X1", "1.0", "given") in found and (2, "y_true2", "1", "given") in found
    assert errors(found) == []
    assert (6, "y_true2", "1", "match") in found  # the list substituted is the given one


def test_a_wrong_entry_after_a_nested_list_is_flagged_on_its_line():
    assert 1.0 + 3.0 == 4.0 and 1 - 0.5 == 0.5
    assert errors(verdicts(NESTED_PAGE.format(S="4.5", G="0.5"))) == [4]
    assert errors(verdicts(NESTED_PAGE.format(S="4.0", G="-0.5"))) == [6]


def test_a_list_in_a_table_row_restates_a_vector_of_the_page():
    page = (
        "$$p = [0.25, 0.75]$$\n"
        "\n"
        "| Step | What happens | Result |\n"
        "| --- | --- | --- |\n"
        "| 1 | softmax | `p = [0.25, 0.75]` |\n"
    )
    found = verdicts(page)
    assert [v[3] for v in found if v[0] == 5] == ["match", "match"]


# -- a vector minus a number under a left side of words ----------------------------------------

SHIFT_LATEX = (
    "Subtract the largest score first:\n"
    "\n"
    "$$\\text{{scores}} - \\max = \\begin{{bmatrix}} 3.0 & 1.0 & 0.2 \\end{{bmatrix}} - 3.0 = "
    "\\begin{{bmatrix}} 0 & -2.0 & {LAST} \\end{{bmatrix}}$$\n"
)


def test_a_shifted_matrix_is_worked_entry_by_entry():
    assert round(0.2 - 3.0, 10) == -2.8
    report = check_text(SHIFT_LATEX.format(LAST="-2.8"), markdown=True)
    found = [(c.line, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert [v for v in found if v[2] == "match"] == [(3, "0", "match"), (3, "−2.0", "match"),
                                                      (3, "−2.8", "match")]
    # the left side is words for what follows: said, not judged
    assert any("scores" in u.text for p in report.parts for u in p.judged.unread)


def test_a_wrong_entry_of_a_shifted_matrix_is_flagged_on_its_line():
    assert errors(verdicts(SHIFT_LATEX.format(LAST="-2.9"))) == [3]


def test_a_shifted_list_in_brackets_markdown_style():
    assert round(-1.2 - 0.4, 10) == -1.6
    page = "$$z - \\max(z) = [0.4, -1.2] - 0.4 = [0, {V}]$$\n"
    assert errors(verdicts(page.format(V="-1.6"))) == []
    assert errors(verdicts(page.format(V="-0.8"))) == [1]


# -- a notebook's Markdown cell ---------------------------------------------------------------


def test_a_code_span_list_in_a_notebook_cell(tmp_path):
    assert 2 * 0.5 + 1 * 0.5 == 1.5

    def notebook(result: str) -> str:
        cells = [{"cell_type": "markdown", "metadata": {},
                  "source": ["Weights `w = [2, 1]`, inputs `x = [0.5, 0.5]`.\n", "\n",
                             f"$$y = w_1 x_1 + w_2 x_2 = 2(0.5) + 1(0.5) = {result}$$\n"]}]
        return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                          indent=1)

    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    good.write_text(notebook("1.5"), encoding="utf-8")
    bad.write_text(notebook("2.5"), encoding="utf-8")
    ok = [c for p in check(good).parts for c in p.checks]
    assert not [c for c in ok if c.verdict == "error"] and any(c.written == "1.5" for c in ok)
    wrong = [c for p in check(bad).parts for c in p.checks if c.verdict == "error"]
    assert wrong and all(c.written == "2.5" for c in wrong)


# -- a data set written a sample a line ---------------------------------------------------------

DATA_TEXT = (
    "w = 2, b = 1\n"
    "x = 1, y = 4\n"
    "x = 2, y = 5\n"
    "x = 3, y = 8\n"
    "ŷ_2 = w x_2 + b = 2({X2}) + 1 = {YHAT}\n"
)


def test_the_samples_of_a_data_set_are_the_pages_indexed_values():
    assert 2 * 2 + 1 == 5  # by hand: the second sample's x is 2
    found = verdicts(DATA_TEXT.format(X2="2", YHAT="5"), markdown=False)
    assert (3, "x_2", "2", "given") in found and (4, "y_3", "8", "given") in found
    assert (5, "x_2", "2", "match") in found and errors(found) == []


def test_a_sample_value_substituted_wrong_is_flagged_on_its_line():
    # x_2 is 2 in the data set; 3 substituted for it (2 · 3 + 1 = 7 is right arithmetic)
    assert 2 * 3 + 1 == 7
    assert errors(verdicts(DATA_TEXT.format(X2="3", YHAT="7"), markdown=False)) == [5]


def test_a_data_set_in_latex_lines_reads_the_index_as_latex_writes_it():
    page = ("Samples:\n\n$u = 0.5,\\ t = 1$\n$u = 1.5,\\ t = 0$\n$u = 2.5,\\ t = 1$\n\n"
            "$d_3 = t_3 - u_3 = 1 - {U3} = {D}$\n")
    assert 1 - 2.5 == -1.5
    found = verdicts(page.format(U3="2.5", D="-1.5"))
    assert (5, "u3", "2.5", "given") in found and errors(found) == []
    assert errors(verdicts(page.format(U3="1.5", D="-0.5"))) == [7]


# -- a product of a row on one line and a matrix on the next ------------------------------------

PRODUCT_PAGE = (
    "$$\n"
    "\\begin{{bmatrix}} 3.0 & 1.0 \\end{{bmatrix}}\n"
    "\\cdot\n"
    "\\begin{{bmatrix}} 0.5 \\\\ -0.25 \\end{{bmatrix}}\n"
    "= \\begin{{bmatrix}} 3(0.5) + 1(-0.25) \\end{{bmatrix}}"
    " = \\begin{{bmatrix}} {V} \\end{{bmatrix}}\n"
    "$$\n"
)


def test_the_factors_of_a_product_are_read_on_their_own_lines():
    assert 3.0 * 0.5 + 1.0 * -0.25 == 1.25  # by hand
    found = verdicts(PRODUCT_PAGE.format(V="1.25"))
    # the row's numbers on its line, the column's on its: each line's numbers are read there
    assert [(v[0], v[2]) for v in found if v[3] == "given"] == [(2, "3.0, 1.0"), (4, "0.5, -0.25")]
    assert errors(found) == []


def test_a_wrong_product_of_factors_on_two_lines_is_flagged_on_its_line():
    assert errors(verdicts(PRODUCT_PAGE.format(V="2.0"))) == [5]


# -- a table row whose words name the formula of its list ----------------------------------------

ROW_PAGE = (
    "$a = [0.7, 0.2]$ and $t = [0.5, 0.5]$, $L = -\\log(0.5) = 0.693$\n"
    "\n"
    "| Step | What happens | Result |\n"
    "| --- | --- | --- |\n"
    "| 1 | the loss | `L ≈ {L}` |\n"
    "| 2 | the error (a - t) | {CELL} |\n"
)


def test_a_list_in_a_row_is_the_formula_its_words_give():
    assert round(0.7 - 0.5, 10) == 0.2 and round(0.2 - 0.5, 10) == -0.3  # by hand
    for cell in ("`[0.2, -0.3]`", "$[0.2, -0.3]$"):
        found = verdicts(ROW_PAGE.format(L="0.693", CELL=cell))
        assert [(v[1], v[2], v[3]) for v in found if v[0] == 6] == [
            ("a1 − t1", "0.2", "match"), ("a2 − t2", "−0.3", "match")]
        assert (5, "L", "0.693", "match") in found and errors(found) == []


def test_a_wrong_entry_of_a_list_a_row_names_is_flagged_on_its_line():
    assert errors(verdicts(ROW_PAGE.format(L="0.693", CELL="`[0.2, 0.3]`"))) == [6]


def test_a_value_said_approximately_in_a_code_span_is_judged():
    assert round(-math.log(0.5), 3) == 0.693  # by hand
    page = "$L = -\\log(0.5) = 0.693$\n\nSo the loss is `L ≈ {L}`.\n"
    assert (3, "L", "0.693", "match") in verdicts(page.format(L="0.693"))
    assert errors(verdicts(page.format(L="0.593"))) == [3]


# -- a table whose rows are classes: each class's share in percent restates the row's vector ----

CLASSES_PAGE = (
    "| Colour | Target | Meaning |\n"
    "|---|---|---|\n"
    "| Red (label 0) | $[1, 0, 0]$ | 100% red, 0% green, 0% blue |\n"
    "| Green (label 1) | `[0, 1, 0]` | 0% red, {G}% green, 0% blue |\n"
    "| Blue (label 2) | $[0, 0, 1]$ | 0% blue, 0% red, 100% green |\n"
)


def test_the_shares_of_a_class_row_are_judged_against_its_vector():
    found = verdicts(CLASSES_PAGE.format(G="100"))
    # 100% is 1.00 (the chain reader's reading of a percentage); the third row names its
    # shares out of order, and 100% green is not blue's entry
    assert [(v[1], v[2], v[3]) for v in found if v[0] == 4] == [
        ("target1", "0", "given"), ("target1", "0.00", "match"), ("target2", "1", "given"),
        ("target2", "1.00", "match"), ("target3", "0", "given"), ("target3", "0.00", "match")]
    assert errors(found) == [5]


def test_a_wrong_share_of_a_class_row_is_flagged_on_its_line():
    assert 4 in errors(verdicts(CLASSES_PAGE.format(G="50")))


def test_rows_that_are_not_classes_stay_prose():
    page = ("| Sample | p | Meaning |\n|---|---|---|\n"
            "| Sample 1 | $[0.9, 0.1]$ | 90% cat, 10% dog |\n"
            "| Sample 2 | $[0.2, 0.8]$ | 20% cat, 80% dog |\n")
    assert not [v for v in verdicts(page) if v[3] != "given"]
