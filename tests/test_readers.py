"""The readers on notation met in published worked examples (tests/published/): each case
is one construct, its expected reading written out by hand."""

import json
import re
import time

import pytest
from pages import chains, verdicts

from autograd.audit import check, check_text, read
from autograd.audit.latex_text import latex_to_text
from autograd.audit.read_chain import normal, parse_chain
from autograd.audit.read_latex import read_markdown
from autograd.audit.read_tex import read_tex
from autograd.audit.worksheet import show


def test_a_rule_between_paragraphs_is_not_a_front_matter():
    page = "# Title\n\n---\n\nLet $x = 2$.\n\n---\n\n$y = 3x = 6$\n"
    assert chains(page) == ["x = 2", "y = 3 · x = 6"]


def test_a_rule_opening_a_page_before_its_first_heading_is_not_a_front_matter():
    # lab notes that begin with a blank line, a rule and "## Setup": their givens were read as
    # front matter ("no front matter key 'Assume'"); 2 · 3 = 6 by hand
    page = "\r\n---\r\n\r\n## Setup\r\n\r\nAssume:\r\n\r\n$$x = 2$$\r\n\r\n$$y = 3x = 6$$\r\n"
    assert chains(page) == ["x = 2", "y = 3 · x = 6"]


def test_a_front_matter_still_opens_a_page_and_a_keyed_block_a_part():
    page = "---\nrate: η\n---\n$x = 1$\n\n---\npart: two\n---\n$x = 2$\n"
    assert [p.title for p in read_markdown(page).parts] == ["part 1", "two"]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"z^{(1)}_1 = W^{(1)}_{11} x_1", "z1⁽1⁾ = W11⁽1⁾ x1"),
        (r"a_1^{(1)} + a^{[2]}_2", "a1⁽1⁾ + a2⁽2⁾"),
        (r"\hat{y}_1 + \hat{y}_2", "ŷ1 + ŷ2"),
        (r"x^2 + e^{-0.3}", "x^2 + e^(-0.3)"),
        ("\\frac{\\partial J}{\\partial W^{[2]}}", "∂J/∂W⁽2⁾"),
        ("x = 1 \\", "x = 1"),  # a lone backslash at the end: no traceback
    ],
)
def test_layer_indices_and_hats_keep_their_subscripts(latex, text):
    assert latex_to_text(latex) == text


def test_an_nth_root_is_read_as_a_power():
    # \\sqrt[3]{x} was read as "sqrt(()3)x" and not understood; ∛8 = 2, ∜16 = 2, and
    # d/dx x^(1/3) = x^(-2/3)/3 = 1/12 at 8, by hand
    page = (
        "$x = 8$, $n = 4$, $u = 16$\n\n$$y = \\sqrt[3]{x} = 2$$\n\n"
        "$$v = \\sqrt[n]{u} = 2.5$$\n\n"
        "$$\\frac{\\partial y}{\\partial x} = \\frac{1}{3} x^{-2/3} = 0.08333$$\n"
    )
    found = {(q, w): v for q, w, v in verdicts(page)}
    assert found[("y", "2")] == "match"
    assert found[("v", "2.5")] == "error"  # ∜16 = 2
    assert found[("∂y/∂x", "0.08333")] in ("match", "rounding")
    assert latex_to_text(r"\sqrt[]{x} + \sqrt{x}") == "sqrt(x) + sqrt(x)"


@pytest.mark.parametrize(
    "page, read",
    [
        ("\\begin{document}\nLet $x = 2$.\n\\begin{align*}\nz &= x + 1 = 8\n\\end{document}\n",
         read_tex),
        ("Let $x = 2$.\n\n\\begin{align}\nz &= x + 1 = 8\n", read_markdown),
    ],
)  # fmt: skip
def test_an_environment_never_closed_is_not_understood_not_passed_over(page, read):
    # the rows after an \\begin{align*} with no \\end were passed over as prose: z = 8 (it is
    # 3) and the report said "no error", with nothing not understood
    (part,) = read(page).parts
    (unread,) = part.unread
    assert re.fullmatch(r"maths opened with \\begin\{align\*?\} is never closed", unread.reason)


def test_two_components_of_one_layer_are_two_quantities():
    page = "$z^{(1)}_1 = 2$, $z^{(1)}_2 = 3$\n\n$s = z^{(1)}_1 + z^{(1)}_2 = 5$\n"
    assert ("s", "5", "match") in verdicts(page)


def test_a_vector_given_as_a_bmatrix_gives_its_components_and_a_product_its_sums():
    page = (
        "$x = \\begin{bmatrix} 1 & 4 \\end{bmatrix}$, "
        "$W = \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{bmatrix}$\n\n"
        "$$z = x W = \\begin{bmatrix} 1.3 & 1.9 \\end{bmatrix}$$\n"
    )
    assert chains(page)[:2] == ["x1 = 1", "x2 = 4"]
    found = {(q, w): v for q, w, v in verdicts(page)}
    assert found[("z1", "1.3")] == "match"  # 1·0.1 + 4·0.3
    assert found[("z2", "1.9")] == "error"  # 1·0.2 + 4·0.4 = 1.8


def test_matrices_that_do_not_fit_are_not_understood_never_misread():
    page = "$$z = \\begin{bmatrix} 1 & 2 \\end{bmatrix} \\begin{bmatrix} 1 & 2 \\end{bmatrix}$$\n"
    (part,) = read_markdown(page).parts
    assert not part.chains
    assert "(1×2) matrix times a (1×2)" in part.unread[0].reason


def test_implications_conditions_and_arrows_in_a_chain():
    page = (
        "$z_1 = 0.5 > 0 \\Rightarrow h = 0.5$\n\n"
        "H1_net = 0.47 => H1 = sigmoid(H1_net) = 0.6154\n\n- $w \\to 0.75$\n"
    )
    assert chains(page) == ["z1 = 0.5", "h = 0.5", "H1_net = 0.47", "H1 = σ(H1_net) = 0.6154",
                            "w' = 0.75"]  # fmt: skip


def test_equations_typed_outside_the_maths_are_read_and_code_is_not():
    page = "Let `x = 2`.\n\n```python\ny = 5 * x\n```\n\n**z = 3 * x = 6**\n"
    assert chains(page) == ["x = 2", "z = 3 · x = 6"]


def test_headings_scope_names_that_start_over():
    page = (
        "## Question 1\n\n$w = 2$, $x = 3$\n\n$z = w x = 6$\n\n"
        "## Question 2\n\n$w = 1$, $x = 5$\n\n$z = w x = 5$\n"
    )
    report = check_text(page, markdown=True)
    assert [p.title for p in report.parts] == ["worksheet", "Question 2"]
    assert {c.verdict for p in report.parts for c in p.checks} == {"given", "match"}


def test_a_name_given_again_that_no_formula_reads_is_a_label():
    page = "For $l = 1$: $a = 2$\n\nFor $l = 2$: $b = a + 1 = 3$\n"
    (part,) = read_markdown(page).parts
    assert [c.source for c in part.chains] == ["a = 2", "b = a + 1 = 3"]
    assert [u.text for u in part.unread] == ["l = 1", "l = 2"]


def test_a_quantity_a_formula_defines_is_no_label_when_written_again():
    # z = w x + b = 0, then z = 5: z was set apart as a label, and the wrong 5 not judged
    (part,) = check_text("x = 2, w = 0.5, b = -1\nz = w x + b = 0\nz = 5\n").parts
    assert part.judged.unread == []
    assert [(c.line, c.written) for c in part.errors()] == [(3, "5")]


def test_a_notebook_is_read_from_its_markdown_and_printed_outputs(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["$x = 2$\n", "$y = 3x = 6$"]},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["z = x * 4"],
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["z = 4x = 9\n"]}]},
    ]  # fmt: skip
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}, indent=1))
    report = check(path)
    lines = path.read_text().splitlines()
    found = {(c.quantity, c.written): c for p in report.parts for c in p.checks}
    assert found[("y", "6")].verdict == "match"
    assert found[("z", "9")].verdict == "error"
    assert '"z = 4x = 9\\n"' in lines[found[("z", "9")].line - 1]  # the line in the file


def test_a_notebook_whose_lines_are_not_its_json_lines_is_read_in_linear_time(tmp_path):
    # a source line holding "a\nb" (or a cell written as one string) is two lines of the page
    # that no line of the file holds: each was searched for to the end of the file, and 8,000
    # of them (96 kB) took 83 s; the bound is generous
    cells = [{"cell_type": "markdown", "source": ["$x = 2$\n", "$y = 3x = 6$\n"] + ["a\nb"] * 8000}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells}, indent=1))
    start = time.process_time()
    report = check(path)
    assert time.process_time() - start < 5
    assert [c.verdict for p in report.parts for c in p.checks if c.quantity == "y"] == ["match"]


def test_a_notebook_on_one_line_loses_none_of_its_lines(tmp_path):
    # JSON written without newlines: every line of the page fell on file line 1, each over
    # the one before, and only the last was read ("y has no value")
    source = ["$x = 2$\n", "$y = 3x = 7$\n", "$z = y + 1 = 8$"]
    cells = [{"cell_type": "markdown", "source": source}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells}))
    (part,) = check(path).parts
    assert [(c.quantity, c.verdict) for c in part.checks if c.kind == "result"] == [
        ("y", "error"), ("z", "carried")
    ]  # fmt: skip


def test_a_notebook_line_holding_a_line_separator_keeps_its_line_number(tmp_path):
    # JSON may hold U+2028 unescaped: the file's lines were split there, and every line after
    # it searched for at the wrong place
    cells = [{"cell_type": "markdown", "source": ["$x = 2$ \u2028 note\n", "$y = 3x = 7$"]}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells}, indent=1, ensure_ascii=False))
    (part,) = check(path).parts
    lines = path.read_text().split("\n")
    (error,) = part.errors()
    assert "y = 3x = 7" in lines[error.line - 1]


@pytest.mark.parametrize(
    "cell",
    [
        {"cell_type": "markdown", "source": ["$x = 2$", 5, None]},
        {"cell_type": "code", "source": [], "outputs": 7},
        {"cell_type": "code", "source": [], "outputs": [{"output_type": "stream", "text": [1]}]},
    ],
)
def test_a_notebook_with_cells_of_the_wrong_types_is_no_traceback(tmp_path, cell):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": "$y = 3$"}, cell]}))
    assert check(path).parts  # read as far as it holds text, the rest passed over


def test_a_latex_source_is_read_from_its_body(tmp_path):
    path = tmp_path / "sol.tex"
    path.write_text(
        "\\documentclass{article}\n\\newcommand{\\x}{$x = 9$}\n\\begin{document}\n"
        "\\section{One}\n$x = 2$ % given\n\\begin{align*} y &= 3x \\\\ &= 6 \\end{align*}\n"
        "\\end{document}\n"
    )
    report = check(path)
    assert [(c.quantity, c.written, c.verdict) for c in report.parts[0].checks][-1] == (
        "y", "6", "match")  # fmt: skip
    assert report.parts[0].checks[0].line == 5


def test_an_escaped_dollar_is_money():
    assert chains("A car costs \\$20, and $x = 2$.\n") == ["x = 2"]


def test_the_published_corpus_reads_without_a_traceback():
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "published").glob("*.*")):
        if path.suffix in (".md", ".txt", ".tex", ".ipynb"):
            read(path)


def test_an_element_wise_product_of_a_matrix_product_keeps_its_brackets():
    page = (
        "$$d = \\begin{bmatrix} 1 & 2 \\end{bmatrix} \\begin{bmatrix} 3 \\\\ 4 \\end{bmatrix} "
        "\\odot \\begin{bmatrix} 0.5 \\end{bmatrix} = 5.5$$\n"
    )
    assert verdicts(page) == [  # (1·3 + 2·4) · 0.5, not 3 + 8 · 0.5
        ("d", "(1 · 3 + 2 · 4) · 0.5", "given"),  # the numbers that define d, as written
        ("d", "5.5", "match"),
    ]


def test_an_update_written_in_place_is_the_new_value():
    page = (
        "$w = 0.5$, $L = w^2$, $\\eta = 0.1$\n\n"
        "$w = w - \\eta \\frac{dL}{dw} = 0.5 - 0.1 \\cdot 1 = 0.4$\n"
    )
    assert chains(page)[-1] == "w' = w − η · ∂L/∂w = 0.5 − 0.1 · 1 = 0.4"
    assert ("w'", "0.4", "match") in verdicts(page)


def test_a_sum_over_an_index_is_the_general_formula_not_a_definition():
    page = (
        "$$E = \\sum \\frac{1}{2}(t - o)^2$$\n\n$t_1 = 1$, $o_1 = 0.5$\n\n"
        "$$E = \\frac{1}{2}(t_1 - o_1)^2 = 0.125$$\n"
    )
    (part,) = read_markdown(page).parts
    assert part.unread[0].reason == "a sum over an index: the general formula"
    assert ("E", "0.125", "match") in verdicts(page)


def test_givens_in_a_sentence_are_read():
    page = "Weights (the figure): w1 = 0.15, w2 = 0.20 and b = 0.35.\n\n$z = w_1 + w_2 + b = 0.7$\n"
    assert chains(page) == ["w1 = 0.15", "w2 = 0.20", "b = 0.35", "z = w1 + w2 + b = 0.7"]


def test_a_quiz_section_that_redefines_a_name_is_a_question_of_its_own():
    page = (
        "## One\n\n$u = 4 - 2w$, $w = 1$, $L = u^2 = 4$\n\n"
        "## Two\n\n$u = 2x + 1$, $x = 1$, $y = u^3 = 27$\n"
    )
    report = check_text(page, markdown=True)
    assert len(report.parts) == 2
    assert {c.verdict for p in report.parts for c in p.checks} == {"given", "match"}


def test_sigmoid_as_pages_name_it_and_conditions_without_an_arrow():
    assert chains("$a = \\text{Sigmoid}(0)$, $z_1 = 0.5 > 0$\n") == ["a = σ(0)", "z1 = 0.5"]


def test_a_derivative_the_page_gives_as_a_number_carries_a_quantity_computed_off_the_page():
    # E2 is computed off the page ("the same for o2"), and the page gives ∂E2/∂h as a number:
    # by hand, ∂E/∂h = 2h + (−4) = 12 − 4 = 8 and ∂E/∂a = 8 · 3 = 24
    page = (
        "$a = 2$\n\n$h = 3a = 6$\n\n$E_1 = h^2 = 36$\n\n$E_2 = 5$\n\n$E = E_1 + E_2 = 41$\n\n"
        "$\\frac{\\partial E_2}{\\partial h} = -4$\n\n"
        "$\\frac{\\partial E}{\\partial h} = 2h + (-4) = 8$\n\n"
        "$\\frac{\\partial E}{\\partial a} = 8 \\cdot 3 = 24$\n"
    )
    found = verdicts(page)
    assert ("∂E2/∂h", "−4", "given") in found
    assert ("∂E/∂h", "8", "match") in found and ("∂E/∂a", "24", "match") in found
    assert not [v for v in found if v[2] == "error"]


def test_a_derivative_given_as_a_number_is_not_taken_where_nothing_else_reaches_it():
    # E1 is a bare number too: nothing on the page reaches h, so ∂E/∂h is not understood,
    # never judged by the given partial alone (that would call the right 8 an error)
    page = (
        "$a = 2$\n\n$h = 3a = 6$\n\n$E_1 = 36$\n\n$E_2 = 5$\n\n$E = E_1 + E_2 = 41$\n\n"
        "$\\frac{\\partial E_2}{\\partial h} = -4$\n\n$\\frac{\\partial E}{\\partial h} = 8$\n"
    )
    found = verdicts(page)
    assert not [v for v in found if v[0] == "∂E/∂h"]


def test_a_formula_reading_a_stated_result_no_formula_reads_is_judged_at_its_values():
    # z = 0.5 is stated beside h = σ(w x), never read by a formula: ∂y/∂w = 2·σ'(z)·x holds
    # here (2 · 0.2350 · 1 = 0.470 by hand) and cannot be moved with w, so it is no error
    page = (
        "$x = 1$, $w = 0.5$\n\n$h = \\sigma(w x)$\n\n$z = 0.5$\n\n$y = 2h$\n\n"
        "$\\frac{\\partial y}{\\partial w} = 2 \\sigma'(z) x = 0.470$\n"
    )
    found = verdicts(page)
    assert ("∂y/∂w", "0.470", "match") in found
    assert not [v for v in found if v[2] == "error"]


def test_a_symbol_a_colon_and_an_arrow_give_the_value_and_the_update():
    # w: 0.8 -> 0.6 is w = 0.8 and w' = 0.6; the page names the gradient dw (code's dL/dw):
    # by hand w' = 0.8 − 0.5 · 0.4 = 0.6
    found = verdicts("Learning rate: 0.5\n\ng: 0.2\n\ndw = 2 * g = 0.4\n\nw: 0.8 -> 0.6\n")
    assert ("w", "0.8", "given") in found and ("w'", "0.6", "match") in found
    assert ("dw", "0.4", "match") in found


def test_a_result_from_givens_written_long_allows_the_digits_the_writer_carried():
    # d = 0.126367447 is the writer's result rounded where shown: 200·d is 25.2734894 from
    # it, 25.27348948 from the digits they carried (within 200 · ½ · 10⁻⁹ = 10⁻⁷); 25.2745
    # is beyond anything the digits allow
    page = "d = 0.126367447\nD = 200 d = 25.27348948\nE = 200 d = 25.2745\n"
    report = check_text(page)
    found = [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert ("D", "25.27348948", "rounding") in found and ("E", "25.2745", "error") in found


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            # z = w x + b, then z = 0.5 · 2 + 0.1, then z = 1.1: one chain, w, x and b read from
            # the numbers put in their places (by hand 0.5 · 2 + 0.1 = 1.1); a bracketed sum pairs
            # term by term: y = a h + c h + d with (0.4 · 2 + 0.5 · 2) + 0.6 = 2.4
            # (a = 0.4, c = 0.5, d = 0.6)
            "\\begin{align}\n z = w * x + b \\\\\n z = 0.5 * 2 + 0.1 \\\\\n"
            " z = 1.1\n\\end{align}\n\n"
            "$h = 2$\n\n"
            "\\begin{align}\n y = a * h + c * h + d \\\\\n y = (0.4 * 2 + 0.5 * 2) + 0.6 = 2.5\n"
            "\\end{align}\n",
            [
                ("z", "1.1", "match"),
                ("w", "0.5", "match"),
                ("y", "2.5", "error"),
                ("a", "0.4", "match"),
            ],
            id="a quantity written again on the next row continues its chain",
        ),
        pytest.param(
            # E = ½(0.01 − 0.75026)² writes a's result, 0.75026: E is computed from a (and z), so
            # its derivatives are judged: ∂E/∂a = a − 0.01 = 0.74026, ∂E/∂z = 0.74026 · a(1 − a) =
            # 0.13870
            "$z = 1.1$\n\n$a = \\sigma(z) = 0.75026$\n\n"
            "$E = \\frac{1}{2}(0.01 - 0.75026)^2 = 0.27399$\n\n"
            "$\\frac{\\partial E}{\\partial a} = 0.74026$\n\n"
            "$\\frac{\\partial E}{\\partial z} = 0.13871$\n",
            [("∂E/∂a", "0.74026", "match"), ("∂E/∂z", "0.13871", "error")],
            id="a long number substituted is the quantity written with it",
        ),
        pytest.param(
            # 其中： ("where:") before an equation, in maths that a block holds whole
            "$$\ny = 2\\\\\n其中：z = y + 1 = 3\n$$\n",
            [("z", "3", "match")],
            id="a label and a colon in any script before an equation",
        ),
        pytest.param(
            # −(t − a) = 0.75 − 0.01: a is 0.75 and t is 0.01 (never given otherwise), so E and its
            # derivative are known: ∂E/∂a = a − t = 0.74 by hand
            "$a = 0.75$\n\n$E = \\frac{1}{2}(t - a)^2$\n\n"
            "$\\frac{\\partial E}{\\partial a} = -(t - a) = 0.75 - 0.01 = 0.74$\n",
            [("∂E/∂a", "0.74", "match"), ("t", "0.01", "match")],
            id="a negated difference pairs with the difference written the other way",
        ),
    ],
)
def test_a_page_is_judged_as_worked_by_hand(page, expected):
    # each page's numbers worked out by hand, in its comment
    found = verdicts(page)
    assert [v for v in expected if v not in found] == []


def test_lines_that_begin_with_equals_go_on_with_the_chain_above():
    # net = w x + b, then "= 0.5 × 2 + 0.1", then "= 1.1": one chain (w, x, b read from the
    # numbers); a = 1/(1 + e^(−0.5)) then "= 1/(1 + 0.60663)": e^(−0.5) is 0.60653 by hand
    page = "net = w x + b\n= 0.5 × 2 + 0.1\n= 1.1\n\na = 1 / (1 + e^(-0.5))\n= 1 / (1 + 0.60663)\n"
    report = check_text(page)
    found = [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]
    assert (3, "net", "1.1", "match") in found and (2, "w", "0.5", "match") in found
    errors = [f for f in found if f[3] == "error"]
    assert errors and all(f[0] == 6 for f in errors)


def test_square_brackets_group_a_sum_as_round_ones_do():
    # by hand: 0.26 · (1 − 0.26) · (0.70 − 0.26) = 0.26 · 0.74 · 0.44 = +0.084656, so a
    # written −0.0847 has lost its sign; 0.83 · 0.17 = 0.1411 is right
    page = "z = 0.83\n\nd = 0.83·[1 - 0.83] = 0.1411\n\n"
    page += "δ = 0.26·[1 - 0.26]·(0.70 - 0.26) ≈ -0.0847\n"
    assert chains(page)[1:] == ["d = 0.83 · (1 − 0.83) = 0.1411",
                                "δ = 0.26 · (1 − 0.26) · (0.70 − 0.26) = −0.0847"]
    assert ("δ", "−0.0847", "error") in verdicts(page)
    # a list, an index and a note in words keep their square brackets
    assert normal("y = [1, 0], x[i-1] = 2 [a note]") == "y = [1, 0], x[i-1] = 2 [a note]"


def test_a_partial_no_unknown_name_moves_is_judged_and_one_they_move_is_not():
    # by hand: t2, y2 are never given; ∂E/∂y1 = −(t1 − y1) = −(0.01 − 0.75) = 0.74 whatever
    # they are, so (t1 − y1) = −0.74 drops the inner −1; ∂E/∂y1 of t2·y1 is t2: not known
    page = "t1 = 0.01\ny1 = 0.75\nE = ½(t1 − y1)² + ½(t2 − y2)²\ndE/dy1 = (t1 − y1) = 0.74\n"
    assert [v for v in verdicts(page, markdown=False) if v[0] == "∂E/∂y1"] == [
        ("∂E/∂y1", "(t1 − y1)", "error"), ("∂E/∂y1", "0.74", "match")]
    unknown = "y1 = 0.75\nE = t2 · y1\ndE/dy1 = 0.5\n"
    assert not [v for v in verdicts(unknown, markdown=False) if v[0] == "∂E/∂y1"]


def test_a_line_of_numbers_is_read_as_the_values_it_substitutes():
    # z = −0.1(0.5) + 0.3(0.6) + 0.2 after w1 = 0.3, w2 = −0.1, b = 0.2 and h1 = 0.6, h2 = 0.5:
    # z = w2·h2 + w1·h1 + b = 0.33 (0.5 is also x1, but h1, h2's list supplies two numbers),
    # so ∂z/∂w2 = h2 = 0.5, ∂z/∂h1 = w1 = 0.3, and ∂z/∂w1 = h1 = 0.6, not 0.5
    page = (
        "$x_1 = 0.5, \\; x_2 = 2$\n\n$h_1 = 0.6, \\; h_2 = 0.5$\n\n"
        "$w_1 = 0.3, \\; w_2 = -0.1, \\; b = 0.2$\n\n"
        "$z = -0.1(0.5) + 0.3(0.6) + 0.2 = 0.33$\n\n"
        "$\\frac{\\partial z}{\\partial w_2} = 0.5$\n\n"
        "$\\frac{\\partial z}{\\partial h_1} = 0.3$\n\n"
        "$\\frac{\\partial z}{\\partial w_1} = 0.5$\n"
    )
    found = verdicts(page)
    assert ("z", "0.33", "match") in found
    assert ("∂z/∂w2", "0.5", "match") in found and ("∂z/∂h1", "0.3", "match") in found
    assert ("∂z/∂w1", "0.5", "error") in found


def test_a_line_of_numbers_one_of_which_is_no_value_written_stays_numbers():
    # 0.3 is no value written before (w2 is −0.3: the sign is the minus's), so z is numbers
    # and ∂z/∂w1 is not judged; a lone whole number (the 1 of 1 · 0.6) is a one, not y = 1
    page = (
        "$x = 2, \\; w_1 = 0.2, \\; w_2 = -0.3$\n\n$z = 0.2(2) - 0.3(2) = -0.2$\n\n"
        "$\\frac{\\partial z}{\\partial w_1} = 2$\n\n$y = 1$\n\n$h = 0.6$\n\n"
        "$q = 1 \\cdot 0.6 = 0.6$\n\n$\\frac{\\partial q}{\\partial h} = 1$\n\n"
        "$\\frac{\\partial q}{\\partial y} = 0.6$\n"
    )
    report = check_text(page, markdown=True)
    found = [(c.quantity, c.written, c.verdict) for c in report.parts[0].checks]
    assert ("z", "−0.2", "match") in found and ("∂q/∂h", "1", "match") in found
    unread = [u.text for u in report.parts[0].judged.unread]
    assert unread == ["∂z/∂w1 = 2", "∂q/∂y = 0.6"]


def test_a_squared_function_in_a_definition_is_the_square_of_its_value():
    # tanh'(u) = 1 − tanh²(u) holds for every u (judged as the definition it is); so do σ's;
    # σ(z) = 1/(1 + e^{z}) does not (it is σ(−z))
    page = (
        "$\\sigma(x) = \\frac{1}{1+e^{-x}}$\n\n$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$\n\n"
        "$\\tanh'(u) = 1 - \\tanh^2(u)$\n\n$\\sigma(z) = \\frac{1}{1+e^{z}}$\n"
    )
    assert [v for _, _, v in verdicts(page)] == ["match", "match", "match", "error"]


def test_a_function_of_a_quantity_with_a_value_is_no_definition():
    # σ(I1) = σ(0.982) = 0.728: I1's value substituted (I1 = 0.982, given by the line), not a
    # definition of σ; σ(0.982) = 0.72752 ≈ 0.728, and 1 − σ(I1) = 1 − 0.728 = 0.272
    page = "$\\sigma(I_1) = \\sigma(0.982) = 0.728$\n\n$1 - \\sigma(I_1) = 1 - 0.728 = 0.272$\n"
    found = verdicts(page)
    assert ("I1", "0.982", "match") in found and ("σ(I1)", "0.728", "match") in found
    assert ("1 − σ(I1)", "0.272", "match") in found


@pytest.mark.parametrize(
    ("text", "read"),
    [("y = tanh^2(u + 1)", "(tanh(u + 1))^2"), ("y = σ²(z) · 2", "(σ(z))^2 · 2"),
     ("y = 1 - tanh ^2(u)", "1 − (tanh(u))^2")],
)
def test_a_power_of_a_function_is_the_power_of_its_value(text, read):
    assert [show(link) for link in parse_chain(text)][1] == read


def test_an_input_read_twice_while_its_sibling_is_read_by_nothing_is_an_index_copied():
    # y1 = w5·h1 + w6·h1 + b2 after h2 = 0.5969 that no formula reads: h1 in h2's place;
    # the numbers that follow the formula as written are judged by it (0.4·0.5812 +
    # 0.45·0.5812 + 0.6 = 1.09402)
    page = (
        "$h_1 = 0.5812$\n\n$h_2 = 0.5969$\n\n$w_5 = 0.4, \\; w_6 = 0.45, \\; b_2 = 0.6$\n\n"
        "$y_1 = w_5 h_1 + w_6 h_1 + b_2 = 1.094$\n"
    )
    report = check_text(page, markdown=True)
    errors = [(c.line, c.written, c.diagnosis) for c in report.parts[0].errors()]
    assert errors == [(7, "w5 · h1 + w6 · h1 + b2",
                       "h1 is read twice (by w5 and w6) and h2 by no formula: w6 · h2?")]
    assert ("y1", "1.094", "match") in verdicts(page)
    # with h2 read elsewhere, the same formula is the page's own and no slip is told
    assert not check_text(page + "\n$q = h_2$\n", markdown=True).parts[0].errors()


def test_a_table_of_givens_gives_each_symbol_its_value():
    # | Symbol | Value | Description |: x₁ = 0.5, w₁ = 0.4, b = 0.1 (the 1 of "Input 1" is
    # words); z = w1·x1 + b = 0.4·0.5 + 0.1 = 0.3 and ∂z/∂w1 = x1 = 0.5
    page = (
        "| Symbol | Value | Description |\n|---|---|---|\n| x₁ | 0.5 | Input 1 |\n"
        "| w₁ | 0.40 | x₁ → h₁ |\n| `b` | 0.1 | bias |\n\n"
        "$z = w_1 x_1 + b = 0.3$\n\n$\\frac{\\partial z}{\\partial w_1} = 0.5$\n"
    )
    found = verdicts(page)
    assert [f for f in found if f[2] == "given"] == [
        ("x1", "0.5", "given"), ("w1", "0.40", "given"), ("b", "0.1", "given")]
    assert ("z", "0.3", "match") in found and ("∂z/∂w1", "0.5", "match") in found


def test_a_blog_posts_front_matter_is_the_sites_and_is_passed_over():
    # Jekyll's layout, date, tags: what the post is for its site, nothing to check; a key of
    # neither kind is still told
    page = ("---\nlayout: post\ntitle: A post\ndate: 2024-09-21 7:20\ntags: [nn, math]\n"
            "---\n\n$x = 2$\n\n$y = 3x = 6$\n")
    report = check_text(page, markdown=True)
    assert report.parts[0].judged.unread == []
    assert ("y", "6", "match") in verdicts(page)
    typo = check_text(page.replace("tags:", "rat:"), markdown=True)
    assert [u.line for u in typo.parts[0].judged.unread] == [5]


def test_an_equation_after_an_arrow_on_its_own_line_of_a_block_stands_on_that_line():
    # the ⇒ row is the page's line 3, and its numbers are judged there (not on line 2)
    page = "$$\nz = 2\n\\Rightarrow y = 3z = 6\n$$\n"
    found = [(c.line, c.quantity, c.verdict) for p in check_text(page, markdown=True).parts
             for c in p.checks]
    assert found == [(2, "z", "given"), (3, "3 · z", "given"), (3, "y", "match")]  # 3: y's own


def test_a_layer_in_square_brackets_after_a_name_is_part_of_the_name():
    # W[1], b[1], Z[1] as ASCII notes write W^{[1]}: Z[1] = 0.5·2 + 0.1 = 1.1, ∂Z[1]/∂W[1] = x
    # = 2; square brackets after a number still group (0.83·[1 − 0.83] = 0.1411)
    page = (
        "$x = 2, \\; W[1] = 0.5, \\; b[1] = 0.1$\n\n$Z[1] = W[1] x + b[1] = 1.1$\n\n"
        "$\\frac{\\partial Z[1]}{\\partial W[1]} = 2$\n\n$y = 0.83 \\cdot [1 - 0.83] = 0.1411$\n"
    )
    found = verdicts(page)
    assert ("W⁽1⁾", "0.5", "given") in found and ("Z⁽1⁾", "1.1", "match") in found
    assert ("∂Z⁽1⁾/∂W⁽1⁾", "2", "match") in found and ("y", "0.1411", "match") in found


def test_a_formula_with_the_count_of_examples_left_out_where_it_is_one_is_no_coincidence():
    # dW = (1/m) dZ·x, "assume m = 1", dW = dZ·x: the general formula at m = 1, not a formula
    # equal here only by chance (m counts examples, and is not moved to test it)
    page = ("$x = 2, \\; m = 1, \\; dZ = 0.3$\n\n$dW = \\frac{1}{m} dZ \\cdot x = 0.6$\n\n"
            "$dW = dZ \\cdot x = 0.6$\n")
    assert [v for _, w, v in verdicts(page) if w == "dZ · x"] == ["match"]


def test_a_line_going_on_with_an_equation_that_cannot_be_read_is_told_not_dropped():
    # "= a, b" after a chain in the prose of a page is maths: not understood, with why;
    # a banner of equals signs is no equation
    page = "CE = - (1 * log(0.5))\n\n= 0.69, 0.82\n\n=== FORWARD PASS ===\n"
    unread = check_text(page, markdown=True).parts[0].judged.unread
    assert [(u.line, u.text) for u in unread] == [(3, "= 0.69, 0.82")]
    assert unread[0].reason.startswith("values separated by commas: a vector")


@pytest.mark.parametrize(
    ("latex", "text"),
    [("g'_{\\text{ReLU}}(Z[3]) = 1", "relu'(Z⁽3⁾) = 1"),
     ("f'_{sigmoid}(z) = 0.25", "σ'(z) = 0.25"), ("g_{\\text{ReLU}}(z) = 2", "relu(z) = 2")],
)
def test_an_activation_named_in_a_subscript_and_its_derivative_with_a_prime(latex, text):
    # g'_ReLU is the derivative of the activation g_ReLU, as g_ReLU is ReLU
    assert " = ".join(map(show, parse_chain(latex_to_text(latex)))) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [("y = w_{1}x_{1} + b", "y = w1 · x1 + b"), ("q = \\delta_{h1}i_{1}", "q = δ_h1 · i1"),
     ("E = E_{total}", "E = E_total"), ("y = w_2x_2", "y = w2x2")],
)
def test_a_braced_index_ends_the_name_and_a_letter_after_it_is_a_factor(latex, text):
    # w_{1}x_{1} is w₁·x₁ as LaTeX sets it; an index without braces is read as before
    assert " = ".join(map(show, parse_chain(latex_to_text(latex)))) == text


def test_a_weight_marked_new_or_updated_is_its_value_after_the_step():
    # w_new, w_{updated}, w^{(new)}: w' = w − η ∂L/∂w = 0.5 − 0.1·(−4) = 0.9 (y = w x = 1,
    # ∂L/∂w = (y − 3)x = −4); 0.7 is wrong; w_old is w; x_new is no weight's update
    base = (
        "$x = 2, \\; w_{old} = 0.5, \\; \\eta = 0.1$\n\n$y = w x = 1$\n\n"
        "$L = \\frac{1}{2}(y - 3)^2 = 2$\n\n"
    )
    for written, verdict in [("w_{new} = 0.9", "match"), ("w_{updated} = 0.7", "error"),
                             ("w^{(new)} = 0.9", "match")]:
        assert ("w'", written.split(" = ")[1], verdict) in verdicts(base + f"${written}$\n")
    assert ("x_new", "3", "given") in verdicts(base + "$x_{new} = 3$\n")


def test_a_sentence_around_an_equation_is_told_as_words_not_a_left_side():
    page = "x = 2\n\nBut the answer should be x = 3\n"
    unread = check_text(page, markdown=True).parts[0].judged.unread
    assert [u.reason for u in unread] == [
        "words of a sentence before the '=' (But the answer should …), not maths"]


def test_whole_numbers_and_the_half_of_a_square_in_a_line_of_numbers_stay_numbers():
    # ŷ1 = 1 · 1 + 0 with w = 1, b = 0 is not w·w + b (x1 = 1 is given nowhere), and the 1/2 of
    # J is no ratio of the two results 1 and 2; ∂J/∂w = ½[2(1 − 3)(1) + 2(2 − 5)(2)] = −8 is
    # then not judged, never called an error
    page = (
        "$w = 1, \\; b = 0$\n\n"
        "$\\hat{y}_1 = 1 \\cdot 1 + 0 = 1, \\quad \\hat{y}_2 = 1 \\cdot 2 + 0 = 2$\n\n"
        "$J = \\frac{1}{2}[(1 - 3)^2 + (2 - 5)^2] = 6.5$\n\n"
        "$\\frac{\\partial J}{\\partial w} = \\frac{1}{2}[2(1-3)(1) + 2(2-5)(2)] = -8$\n"
    )
    report = check_text(page, markdown=True)
    assert not report.parts[0].errors()
    assert ("J", "6.5", "match") in verdicts(page)



def test_a_loss_marked_new_is_the_loss_after_the_step():
    # L_new, E_new are L', E' (w_new is w'): after w' = 4.6, L' = (10 − 4.6 · 2)² = 0.64
    page = ("x = 2, w = 3, y = 10, η = 0.1\nŷ = w x = 6\nL = (y − ŷ)^2 = 16\n"
            "w_new = w − η dL/dw = 4.6\nL_new = 0.65\n")
    assert [c.quantity for p in check_text(page).parts for c in p.checks][-2:] == ["w'", "L'"]


def test_decimal_commas_in_a_list_are_not_read_as_more_numbers():
    # (a, b, c, d) = (0,5, 1,5) was a = 0, b = 5, c = 1, d = 5: a list of two decimal commas
    # read as four numbers, silently; a list written one way stays paired
    (part,) = check_text("(a, b, c, d) = (0,5, 1,5)\ns = a + b = 2").parts
    assert not [c for c in part.checks if c.quantity in "abcd"]
    assert any("(0,5, 1,5)" in u.text for u in part.judged.unread)
    assert ("a", "0", "given") in verdicts("(a, b) = (0, 5)\ns = a + b = 5", markdown=False)


@pytest.mark.parametrize("written", ["12 500", "12\u202f500", "1 000 000", "1 000.5"])
def test_digits_in_groups_of_three_are_not_a_product(written):
    # n = 12 500 (the SI's and French's twelve thousand five hundred) was read as 12 · 500:
    # n = 6000, and m = n + 0 = 12500 an error; two numbers side by side stay a product
    (part,) = check_text(f"n = {written}\nm = n + 0 = 12500").parts
    assert not [c for c in part.checks if c.verdict in ("match", "error")]
    assert any("digits in groups of three" in u.reason for u in part.judged.unread)
    assert ("x", "6", "match") in verdicts("y = 2\nx = y 3 = 6", markdown=False)


@pytest.mark.parametrize(
    "written, hint",
    [("x = 0,5", "; 0,5: write 0.5"), ("q = 2, r = 3,5", "; 3,5: write 3.5"), ("x = 1,000", "")],
)
def test_a_decimal_comma_not_read_says_so(written, hint):
    # "cannot read it near column 6: 'x = 0,5'" named the place, not the comma; 1,000 may be
    # a thousand as English writes it, so no hint there
    (part,) = check_text(written).parts
    (unread,) = [u for u in part.judged.unread if "cannot read it" in u.reason]
    assert unread.reason.endswith(hint or "'")


def test_a_gradient_by_a_weight_is_a_quantity_of_its_own_not_the_weight():
    # ∇w = −2(y − ŷ)x was read as w ("nabla" taken for a word before the symbol, as in
    # "Total error E_total"): w = 0.5 was then defined by a formula of ŷ, which reads w, and
    # every line of the page was unread ("ŷ is defined in terms of itself"); by hand, ŷ = 1,
    # L = (3 − 1)² = 4, ∇w = −2(3 − 1)·2 = −8, w' = 0.5 − 0.1·(−8) = 1.3
    page = ("$w = 0.5$, $x = 2$, $y = 3$\n\n$\\hat{y} = w x = 1.0$\n\n"
            "$L = (y - \\hat{y})^2 = 4$\n\n$\\nabla w = -2(y - \\hat{y}) x = -8$\n\n"
            "$w' = w - 0.1 \\nabla w = 1.2$\n")
    found = {(q, w): v for q, w, v in verdicts(page)}
    assert found[("ŷ", "1.0")] == "match" and found[("dw", "−8")] == "match"
    assert found[("w'", "1.2")] == "error"  # 1.3
    assert normal("w − η∇w") == "w - η dw"  # η∇w: η times the gradient, not one name


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\nabla_{h_3}\mathcal{L} = 0.5", "∂L/∂h3 = 0.5"),
        (r"w - \eta \nabla_w L", "w - η ∂L/∂w"),
        (r"\nabla_{\theta} J(\theta) = 3", "∂J/∂θ = 3"),
        (r"\nabla_{\mathbf{W}} \mathcal{L}", "∂L/∂W"),
    ],
)
def test_a_gradient_by_a_named_variable_is_its_partial(latex, text):
    # the index and the name after it ran together: \nabla_{h_3}\mathcal{L} was nabla_h3L
    assert latex_to_text(latex) == text


def test_a_power_of_a_product_keeps_its_braces():
    # e^{2t} was read e^2t, e² · t: at t = 0.5, u = e^{2t} = e = 2.718 was flagged (e² · 0.5 =
    # 3.695) and du/dt = 2e^{2t} = 5.437 with it; by hand e¹ = 2.71828, 2e¹ = 5.43656
    page = "$t = 0.5$\n\n$u = e^{2t} = 2.718$\n\n$\\frac{du}{dt} = 2e^{2t} = 5.437$\n"
    found = {(q, w): v for q, w, v in verdicts(page)}
    assert found[("u", "2.718")] == "match" and found[("∂u/∂t", "5.437")] == "match"
    assert latex_to_text(r"e^{2x} + x^{10} + e^{0.5} + W^{T}") == "e^(2x) + x^10 + e^0.5 + W^T"


def test_a_gradient_named_in_words_before_a_weight_is_not_the_weight():
    # 'Gradient w = …' was read as w (a word before a symbol names it, as 'Total error
    # E_total'): w = 0.5 then had a formula of ŷ, which reads w, and every line of the page,
    # the givens too, was unread ('yhat is defined in terms of itself'); by hand ŷ = 1,
    # L = 4, the gradient −2(3 − 1)·2 = −8, w_new = 0.5 + 0.8 = 1.3
    page = ("w = 0.5, x = 2, y = 3\nyhat = w*x = 1.0\nL = (y - yhat)^2 = 4\n"
            "Gradient w = -2*(y - yhat)*x = -8\nw_new = w - 0.1*dw = 1.3\n")
    found = {(q, w): v for q, w, v in verdicts(page, markdown=False)}
    assert found[("yhat", "1.0")] == "match" and found[("dw", "−8")] == "match"
    assert found[("w'", "1.3")] == "match"


@pytest.mark.parametrize("markdown, page", [
    # \hat{m}_1 is m̂1, a letter with a combining hat (no precomposed m̂ exists): it was no name
    # to the grammar, and every line naming one was unread. Adam's first step by hand:
    # m1 = 0.1 · 2 = 0.2, m̂1 = 0.2 / (1 − 0.9) = 2.0; v1 = 0.001 · 4 = 0.004, v̂1 = 4.0
    (True, "$g = 2$\n\n$m_1 = 0.1 g = 0.2$\n\n$\\hat{m}_1 = \\frac{m_1}{1 - 0.9} = RESULT$\n\n"
           "$v_1 = 0.001 g^2 = 0.004$\n\n$\\hat{v}_1 = \\frac{v_1}{1 - 0.999} = 4.0$\n"),
    # the same typed in plain text, the hat and a bar as combining marks after the letter
    (False, "g = 2\nm1 = 0.1 g = 0.2\nm\u03021 = m1/(1 - 0.9) = RESULT\nx\u0304 = (2 + 4)/2 = 3\n"),
])
def test_a_letter_with_a_mark_over_it_is_a_name(markdown, page):
    right = {(q, w): v for q, w, v in verdicts(page.replace("RESULT", "2.0"), markdown)}
    assert right[("m\u03021", "2.0")] == "match"
    assert "error" not in right.values() and "not understood" not in right.values()
    wrong = {(q, w): v for q, w, v in verdicts(page.replace("RESULT", "0.2"), markdown)}
    assert wrong[("m\u03021", "0.2")] == "error"  # 0.2 / 0.1 is 2.0, not 0.2
