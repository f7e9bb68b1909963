"""Maths inside prose, as published pages write it: a display block whose closer the copy
lost, words as a label before the maths, an index a heading or a sentence fixes. Each reading
on small pages of our own, in several styles and languages, with a planted wrong number that
must be flagged on its line and a right page that must not be. Expected values by hand and
from the math module, never from the package."""

import math

from autograd.audit import check_text


def markdown(text: str) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=True)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def unread(text: str, markdown: bool = True) -> list[tuple[int, str]]:
    report = check_text(text, markdown=markdown)
    return [(u.line, u.reason) for p in report.parts for u in p.judged.unread]


def errors(found: list[tuple[int, str, str, str]]) -> set[int]:
    return {line for line, _, _, verdict in found if verdict == "error"}


# -- a display block never closed: the copy was cut off in its maths ---------------------

# z = 0.5·0.4 + 0.1 = 0.3 and a = tanh(0.3) = 0.291313 (math.tanh), by hand below
CUT_DOLLARS = (
    "Gegeben: $w = 0.5$, $x = 0.4$, $b = 0.1$.\n"  # line 1
    "\n"
    "$$\n"  # line 3: never closed
    "\\begin{aligned}\n"
    "z &= w x + b = 0.5 \\times 0.4 + 0.1 = Z \\\\\n"  # line 5
    "a &= \\tanh(z) = A \\\\\n"  # line 6
    "\\frac{\\partial a}{\\partial z} &= 1 - a^2 = 0."  # line 7: cut off mid-number
)


def cut(z: str, a: str) -> str:
    return CUT_DOLLARS.replace("= Z ", f"= {z} ").replace("= A ", f"= {a} ")


def test_a_display_block_the_copy_cut_off_is_read_to_its_end_but_its_last_line():
    assert round(0.5 * 0.4 + 0.1, 2) == 0.3 and round(math.tanh(0.3), 4) == 0.2913
    right = markdown(cut(z="0.3", a="0.2913"))
    assert (5, "z", "0.3", "match") in right and (6, "a", "0.2913", "match") in right
    assert not errors(right)
    why = dict(unread(cut(z="0.3", a="0.2913")))
    assert "cut off" in why[7]  # "= 0." is not the number 0: said, not judged
    wrong = markdown(cut(z="0.3", a="0.3913"))  # planted: tanh(0.3) is 0.2913
    assert errors(wrong) == {6}


def test_a_display_block_never_closed_ends_at_its_paragraph():
    # \[ opened alone on its line, never closed, prose after a blank line: the rows up to the
    # blank line are its maths, and the prose after it stays prose
    page = (
        "Let \\(x = 2\\) and \\(w = 3\\).\n"
        "\\[\n"
        "y = w x = 3 \\cdot 2 = {y}\n"  # line 3
        "\n"
        "The output is what we wanted.\n"
    )
    assert 3 * 2 == 6
    assert (3, "y", "6", "match") in markdown(page.format(y="6"))
    assert errors(markdown(page.format(y="5"))) == {3}
    assert any("never closed" in why for _, why in unread(page.format(y="6")))


# -- givens stated in a sentence: the words are the sentence's, the maths each symbol's -----


def plain(text: str) -> list[tuple[int, str, str, str]]:
    report = check_text(text)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


# z = w·x + b = 0.5·2 + 0.1 = 1.1, by hand
SENTENCES = {
    "english": "Consider one neuron with w=0.5 and b=0.1 and an input x=2, as follows:\n",
    "german": "Gegeben sei ein Neuron mit w = 0.5 und b = 0.1 und der Eingabe x = 2.\n",
    "chinese": "假设权重w=0.5,偏置b=0.1,输入x=2。\n",  # no space between the words and symbols
    "russian": "Пусть вес w = 0.5, смещение b = 0.1 и вход x = 2.\n",
}


def test_symbols_given_numbers_in_a_sentence_are_the_pages_givens():
    assert round(0.5 * 2 + 0.1, 1) == 1.1
    for language, sentence in SENTENCES.items():
        right = plain(sentence + "z = w x + b = 0.5(2) + 0.1 = 1.1")
        assert (1, "w", "0.5", "given") in right, language
        assert (1, "x", "2", "given") in right, language
        assert (2, "z", "1.1", "match") in right, language
        assert not errors(right), language
        wrong = plain(sentence + "z = w x + b = 1.2")  # planted: 1.1
        assert errors(wrong) == {2}, language


def test_a_sentence_given_in_markdown_prose_beside_maths():
    page = "Consider a model with N=3 and w=0.5:\n\n$$y = w N = 0.5 \\cdot 3 = {y}$$\n"
    assert 0.5 * 3 == 1.5
    assert (3, "y", "1.5", "match") in markdown(page.format(y="1.5"))
    assert errors(markdown(page.format(y="1.6"))) == {3}


def test_what_a_sentence_says_should_be_is_not_the_pages_working():
    # the page worked d1 = −0.049 with its own (wrong) input; the key's −0.0353 is a claim
    # made elsewhere: not a second value of d1, so no contradiction and no error on its line
    page = (
        "a = 0.728, t = 0.58, o = 0.83\nd1 = a(1 - a)(t - o) = -0.0495\n"
        "But the answer should be d1 = -0.0353\n"
    )
    assert round(0.728 * (1 - 0.728) * (0.58 - 0.83), 4) == -0.0495
    found = plain(page)
    assert not errors(found)
    assert (2, "d1", "−0.0495", "match") in found
    assert not [f for f in found if f[0] == 3]


def test_an_index_a_label_fixes_in_words_is_a_label_not_a_quantity():
    # 时刻 t=1 / Schritt t = 2: the passage each names, not t given two values (a contradiction)
    for label in ("时刻 t={k}:", "Schritt t = {k}:", "Time step t={k}"):
        page = "\n".join([label.format(k=1), "h1 = 0.5", label.format(k=2), "h2 = 0.5 h1 = 0.25"])
        found = plain(page)
        assert (4, "h2", "0.25", "match") in found, label
        assert not [f for f in found if f[1] == "t"], label
        reasons = dict(unread(page, markdown=False))
        assert "labels a passage" in reasons[1], label


# -- cases the page supposes: each judged at a point of its region ------------------------

# ReLU'(z) is 1 for z > 0 and 0 for z < 0; max(0, x) is x for x > 0 and 0 below: by hand
RELU_CASES = (
    "Derivative:\n"
    "\n"
    "\\[\n"
    "\\frac{d}{dz}\\text{ReLU}(z) =\n"
    "\\begin{cases}\n"
    "ABOVE & z > 0 \\\\\n"  # line 6
    "0 & z < 0 \\\\\n"  # line 7
    "\\text{undefined (set to 0 or 1)} & z = 0\n"  # line 8
    "\\end{cases}\n"
    "\\]\n"
)


def test_a_derivative_written_by_cases_is_judged_in_each_case():
    right = markdown(RELU_CASES.replace("ABOVE", "1"))
    assert (6, "relu'(1)", "1", "match") in right and (7, "relu'(−1)", "0", "match") in right
    assert not errors(right)
    reasons = dict(unread(RELU_CASES.replace("ABOVE", "1")))
    assert "convention" in reasons[8]  # the kink: what the page sets there is not judged
    assert errors(markdown(RELU_CASES.replace("ABOVE", "0"))) == {6}  # planted: it is 1


def test_cases_in_latex_with_leq_and_a_formula_as_the_value():
    page = (
        "\\[\n"
        "  \\operatorname{ReLU}(z) = \\max(0,\\, z), \\qquad\n"
        "  \\max(0, x) = \\begin{cases} VALUE & x > 0 \\\\ 0 & x \\leq 0 \\end{cases}\n"
        "\\]\n"
    )
    right = markdown(page.replace("VALUE", "x"))
    assert (3, "max(0, 1)", "1", "match") in right and (3, "max(0, −1)", "0", "match") in right
    assert not errors(right)
    assert errors(markdown(page.replace("VALUE", "-x"))) == {3}  # planted: max(0, 1) is 1


def test_what_holds_if_the_page_supposes_a_case_is_judged_in_that_case():
    page = "Take $z_1 = 0.5$.\n\nBut if $z_1 < 0$, then $\\text{ReLU}'(z_1) = {v}$, and it dies.\n"
    assert (3, "relu'(−1)", "0", "match") in markdown(page.replace("{v}", "0"))
    assert errors(markdown(page.replace("{v}", "1"))) == {3}  # planted: ReLU' is 0 below 0
    # a case that reads what the page computes from the variable is not judged at a point
    other = "Take $w = 2$.\n\nIf $z < 0$, then $y = w z = 0$.\n"
    found = markdown(other)
    assert not [f for f in found if f[0] == 3]
    assert any("supposes" in why for line, why in unread(other) if line == 3)


# -- an index the left side fixes: d1 = f(Ik)(Tk − Zk) is written for output 1 ------------


def test_a_formula_written_for_one_member_reads_its_index_as_that_member():
    # δ = o(1 − o)(t − o): 0.8 · 0.2 · 0.2 = 0.032 and 0.75 · 0.25 · (−0.25) = −0.046875
    assert round(0.8 * 0.2 * 0.2, 3) == 0.032 and 0.75 * 0.25 * -0.25 == -0.046875
    page = "t1 = 1, o1 = 0.8\nSo for output 1:\nd1 = ok(1 - ok)(tk - ok) = {v}\n"
    assert (3, "d1", "0.032", "match") in plain(page.replace("{v}", "0.032"))
    assert errors(plain(page.replace("{v}", "0.32"))) == {3}  # planted: a power of ten
    latex = "$t_2 = 0.5$, $o_2 = 0.75$\n\n$$\\delta_2 = o_k(1 - o_k)(t_k - o_k) = {v}$$\n"
    assert (3, "δ2", "−0.046875", "match") in markdown(latex.replace("{v}", "-0.046875"))
    assert errors(markdown(latex.replace("{v}", "0.046875"))) == {3}  # planted: the sign


def test_an_index_summed_over_or_never_written_stays_general():
    # a sum over k, or a member the page never writes (o3): the general formula, not judged
    for page in (
        "w1 = 2, x1 = 3\ny1 = Σ wk xk = 6\n",
        "t1 = 1, o1 = 0.8\nd3 = ok(1 - ok) = 0.16\n",
    ):
        assert not [f for f in plain(page) if f[0] == 2 and f[3] != "given"], page
