"""Claims a reader judges in words and symbols: steps in a symbol the page never gives a value
(identities in it), numbers stated in words beside a symbol, claims made with ≈. Each case a
small page of its own, in at least two styles; the expected values are worked out by hand or
with plain floats here, never by the package."""

from pages import verdicts

from autograd.audit import check_text


def _found(text: str, markdown: bool) -> set[tuple[str, str]]:
    return {(w, v) for _, w, v in verdicts(text, markdown)}


def _unread(text: str, markdown: bool) -> list[str]:
    report = check_text(text, markdown=markdown)
    return [u.reason for p in report.parts for u in p.judged.unread]


# ---- steps in a symbol the page never gives: identities in it -------------------------------


def test_steps_in_a_free_symbol_are_judged_as_identities_in_plain_text():
    # v1 = 0.5·0 + 0.5·x = 0.5x for every x; v̂1 = 0.5x/(1 − 0.5) = x: 0.5/0.5 = 1
    page = "v1 = 0.5 * 0 + 0.5 * x = 0.5x\nw1 = 0.5x / (1 - 0.5) = 0.5x / 0.5 = x\n"
    found = _found(page, markdown=False)
    assert ("0.5 · x", "match") in found
    assert ("0.5 · x/0.5", "match") in found
    assert ("x", "match") in found
    assert not any(v == "error" for _, v in found)
    # 0.5x/(1 − 0.5) is x, not 2x: flagged on its line
    wrong = check_text(page.replace("= 0.5x / 0.5 = x", "= 0.5x / 0.5 = 2x"))
    (error,) = wrong.parts[0].errors()
    assert (error.line, error.written) == (2, "2 · x")


def test_steps_in_a_free_symbol_are_judged_as_identities_in_markdown():
    # s1 = 0.99·0 + 0.01·h1 = 0.01 h1; ŝ1 = 0.01 h1/(1 − 0.99) = h1 (0.01/0.01 = 1)
    page = (
        "# Correction\n\n"
        "Since $s_0 = 0$:\n\n"
        "- $s_1 = 0.99 \\times 0 + 0.01 \\times h_1 = 0.01 \\cdot h_1$ (too small)\n"
        "- $\\hat{s}_1 = \\frac{0.01 \\cdot h_1}{1-0.99} = h_1$ corrected\n"
    )
    found = _found(page, markdown=True)
    assert ("0.01 · h1", "match") in found
    assert ("h1", "match") in found
    assert not any(v == "error" for _, v in found)
    # a wrong coefficient: 0.99·0 + 0.01·h1 is not 0.1·h1
    wrong = check_text(
        page.replace("= 0.01 \\cdot h_1$ (too", "= 0.1 \\cdot h_1$ (too"), markdown=True
    )
    (error,) = wrong.parts[0].errors()
    assert (error.line, error.written) == (5, "0.1 · h1")


def test_a_coefficient_rounded_in_a_free_symbol_is_within_half_its_last_unit():
    # 0.14 rounds to 0.1 at one digit; 0.16 and 0.19 round to 0.2: 0.1 for them is wrong
    assert round(0.14, 1) == 0.1 and round(0.16, 1) == round(0.19, 1) == 0.2
    page = "m1 = 0.9 * 0 + {} * g1 = 0.1 * g1\n"
    verdict = {c: {v for w, v in _found(page.format(c), markdown=False) if w == "0.1 · g1"}
               for c in ("0.1", "0.14", "0.16", "0.19")}  # fmt: skip
    assert verdict == {"0.1": {"match"}, "0.14": {"rounding"}, "0.16": {"error"},
                       "0.19": {"error"}}  # fmt: skip


def test_a_free_symbol_beside_a_worked_example_of_the_same_names():
    # the symbolic line holds for every g1; the worked example (g1 = 3) is its own: m1 = 0.6
    page = (
        "Bias: $m_1 = 0.8 \\cdot 0 + 0.2 \\cdot g_1 = 0.2 g_1$ (small).\n\n"
        "Example with a gradient of 3:\n\n$m_1 = 0.8(0) + 0.2(3) = 0.6$\n"
    )
    found = _found(page, markdown=True)
    assert ("0.2 · g1", "match") in found
    assert ("0.6", "match") in found
    assert not any(v == "error" for _, v in found)


def test_a_symbol_whose_value_was_substituted_is_not_free():
    # 0.1·g1 is (1 − b)·g1 only for b = 0.9, which this page never gives: unread, not judged
    page = "m1 = (1 - b) * g1 = 0.1 g1\n"
    found = _found(page, markdown=False)
    assert not any(v in ("match", "error") for _, v in found)
    assert any("b" in r and "no value" in r for r in _unread(page, markdown=False))


def test_a_number_claimed_for_a_symbol_makes_it_no_free_symbol():
    # y = 3·t written 6 later: the page had a value of t in mind it never gives; unread
    page = "y = 3 * t = 3t\ny = 6\n"
    found = _found(page, markdown=False)
    assert not any(v == "error" for _, v in found)


# ---- a left side that is a formula: its constants read, its value judged -------------------


def test_the_constants_of_a_formula_on_the_left_are_read_in_plain_text():
    # 1 − 0.8 = 0.2; 1/(1 − 0.8)² = 1/0.04 = 25
    page = "a = 0.8\n(1 - a) = 0.2\n1/(1 - a)^2 = 25\n"
    found = _found(page, markdown=False)
    assert {("1", "given"), ("0.2", "match"), ("1, 1", "given"), ("25", "match")} <= found
    wrong = check_text(page.replace("= 25", "= 20"))
    (error,) = wrong.parts[0].errors()
    assert (error.line, error.written) == (3, "20")


def test_the_constants_of_a_formula_on_the_left_are_read_in_markdown():
    # 1/(1 − 0.75) = 4; 2(1 − 0.75) = 0.5
    page = (
        "With $\\gamma = 0.75$ the horizon is $\\frac{1}{1-\\gamma} = 4$, "
        "and $2(1-\\gamma) = 0.5$.\n"
    )
    found = _found(page, markdown=True)
    assert {("1, 1", "given"), ("4", "match"), ("2, 1", "given"), ("0.5", "match")} <= found
    assert not any(v == "error" for _, v in found)
    wrong = check_text(page.replace("= 4$", "= 5$"), markdown=True)
    assert [e.written for e in wrong.parts[0].errors()] == ["5"]


# ---- a one-entry matrix raised to a power: the power of its number ------------------------


def test_a_one_entry_matrix_squared_in_a_loss():
    # z = [0.5 0.2]·[1 2]ᵀ = 0.9 (one entry); (0.9 − 1)² = 0.01
    page = (
        "$w = \\begin{bmatrix}0.5 & 0.2\\end{bmatrix}$, "
        "$x = \\begin{bmatrix}1 \\\\ 2\\end{bmatrix}$, $y = 1$\n\n"
        "$z = w x = 0.9$\n\n$L = (z - y)^2 = (0.9 - 1)^2 = 0.01$\n"
    )
    assert abs((0.5 * 1 + 0.2 * 2 - 1) ** 2 - 0.01) < 1e-12
    found = _found(page, markdown=True)
    assert ("0.01", "match") in found
    assert not any(v == "error" for _, v in found)
    wrong = check_text(page.replace("= 0.01$", "= 0.02$"), markdown=True)
    assert [(e.line, e.written) for e in wrong.parts[0].errors()] == [(5, "0.02")]


def test_a_one_entry_matrix_squared_with_a_half_in_other_letters():
    # ŷ = [1 2]·[0.3 0.4]ᵀ = 1.1; ½(1.1 − 0.5)² = 0.18 (0.36 without the ½)
    page = (
        "$W = \\begin{pmatrix}0.3 \\\\ 0.4\\end{pmatrix}$, "
        "$h = \\begin{pmatrix}1 & 2\\end{pmatrix}$, $t = 0.5$\n\n$\\hat{y} = h W$\n\n"
        "$E = \\frac{1}{2}(\\hat{y} - t)^2 = \\frac{1}{2}(1.1 - 0.5)^2 = 0.18$\n"
    )
    assert abs(0.5 * (0.3 * 1 + 0.4 * 2 - 0.5) ** 2 - 0.18) < 1e-12
    found = _found(page, markdown=True)
    assert ("0.18", "match") in found
    assert not any(v == "error" for _, v in found)
    wrong = check_text(page.replace("= 0.18$", "= 0.36$"), markdown=True)
    assert [(e.line, e.written) for e in wrong.parts[0].errors()] == [(5, "0.36")]


# ---- a symbol given in a sentence of a script that writes no spaces -----------------------


def test_a_rate_given_in_chinese_words_is_read():
    # 假设学习率η=0.1 (assume a learning rate η = 0.1): w' = 0.5 − 0.1·0.2 = 0.48
    page = (
        "**参数更新（假设学习率η=0.1）**：\n\n$w = 0.5$, $g = 0.2$\n\n"
        "$w' = w - \\eta g = 0.5 - 0.1 \\times 0.2 = 0.48$\n"
    )
    found = set(verdicts(page))
    assert ("η", "0.1", "given") in found
    assert not any(v == "error" for _, _, v in found)
    wrong = check_text(page.replace("= 0.48$", "= 0.46$"), markdown=True)
    assert [(e.line, e.written) for e in wrong.parts[0].errors()] == [(5, "0.46")]


def test_a_rate_given_in_japanese_words_is_read():
    # 学習率η=0.5 (learning rate η = 0.5): the step s = η·g = 0.5·0.4 = 0.2
    page = "更新（学習率η=0.5）：\n\n$g = 0.4$\n\n$s = \\eta g = 0.2$\n"
    found = set(verdicts(page))
    assert ("η", "0.5", "given") in found
    assert ("s", "0.2", "match") in found
    wrong = check_text(page.replace("= 0.2$", "= 0.4$"), markdown=True)
    assert [(e.line, e.written) for e in wrong.parts[0].errors()] == [(5, "0.4")]


# ---- a case the page supposes: what it gave above still holds there -----------------------


def test_a_supposed_case_keeps_the_givens_above():
    # γ = 0.5: at k = 1, γ¹ = 0.5; at k = 3 (a case), γ³ = 0.125
    page = (
        "Let $\\gamma = 0.5$.\n\n- At $k=1$: $\\gamma^1 = 0.5$\n- At $k=3$: $\\gamma^3 = 0.125$\n"
    )
    assert 0.5**3 == 0.125
    found = _found(page, markdown=True)
    assert ("0.125", "match") in found
    assert not any(v == "error" for _, v in found)
    wrong = check_text(page.replace("= 0.125", "= 0.25"), markdown=True)
    assert [(e.line, e.written) for e in (e for p in wrong.parts for e in p.errors())] == [
        (4, "0.25")
    ]


def test_a_supposed_case_with_a_claim_under_approximately():
    # p = 0.7: if n = 2, p² = 0.49; if n = 5, p⁵ = 0.16807 ≈ 0.168
    page = (
        "Take $p = 0.7$ and $n = 2$: $p^n = 0.49$.\n\nIf $n = 5$: $p^5 \\approx 0.168$ (smaller)\n"
    )
    assert round(0.7**5, 3) == 0.168
    found = _found(page, markdown=True)
    assert ("0.168", "match") in found
    wrong = check_text(page.replace("0.168", "0.186"), markdown=True)
    assert [(e.line, e.written) for e in (e for p in wrong.parts for e in p.errors())] == [
        (3, "0.186")
    ]


# ---- a value supposed in words or in bold: a case of its own -------------------------------


def test_values_supposed_in_bold_are_read_as_cases():
    # β = 0.9 is the page's; the bold lines suppose 0 and 0.99; 1/(1 − 0.9) = 10
    page = (
        "Let $\\beta = 0.9$.\n\n"
        "- **β = 0**: no momentum at all\n"
        "- **β = 0.99**: a heavy ball\n\n"
        "With it the window is $\\frac{1}{1-\\beta} = 10$ steps.\n"
    )
    found = set(verdicts(page))
    assert {("β", "0", "given"), ("β", "0.99", "given"), ("(1/(1 − β))", "10", "match")} <= found
    assert not any(v == "error" for _, _, v in found)
    wrong = check_text(page.replace("= 10$", "= 100$"), markdown=True)
    assert [(e.line, e.written) for p in wrong.parts for e in p.errors()] == [(6, "100")]


def test_a_typical_value_in_words_is_read_and_holds_no_later_value_back():
    # α is typically 0.01; the example says α = 0.5 and g = 2: α·g = 1
    page = (
        "- $\\alpha$ = step size (typically 0.01)\n"
        "- $\\lambda$ = weight decay (e.g. 0.0005)\n"
        "- $\\delta$ = a small constant (1e-6) against division by zero\n\n"
        "Say $\\alpha = 0.5$ and $g = 2$: the step is $s = \\alpha g = 1$.\n"
    )
    found = set(verdicts(page))
    assert {("α", "0.01", "given"), ("λ", "0.0005", "given"), ("δ", "1e−6", "given")} <= found
    assert ("s", "1", "match") in found
    assert not any(v == "error" for _, _, v in found)
    wrong = check_text(page.replace("= 1$", "= 1.5$"), markdown=True)
    assert [(e.line, e.written) for p in wrong.parts for e in p.errors()] == [(5, "1.5")]


# ---- tuples the words name as the inputs or the outputs ------------------------------------


def test_tuples_named_input_and_output_sequence_in_english():
    # y_t = 0.5·x_t + 0.1: x = (1, 2) gives y = (0.6, 1.1)
    page = (
        "Weights: $w = 0.5$, $b = 0.1$.\n\n"
        "$y_1 = w x_1 + b = 0.5 \\times 1 + 0.1 = 0.6$\n\n"
        "$y_2 = w x_2 + b = 0.5 \\times 2 + 0.1 = 1.1$\n\n"
        "So for the input sequence $(1, 2)$ the output sequence is $(0.6, 1.1)$.\n"
    )
    found = set(verdicts(page))
    assert {("x1", "1", "match"), ("x2", "2", "match")} <= found
    assert {("y1", "0.6", "match"), ("y2", "1.1", "match")} <= found
    assert not any(v == "error" for _, _, v in found)
    wrong = check_text(page.replace("(0.6, 1.1)", "(0.6, 1.2)"), markdown=True)
    assert [(e.line, e.written) for p in wrong.parts for e in p.errors()] == [(7, "1.2")]


def test_tuples_named_in_chinese_words():
    # 给定序列 (2, 4) (a given sequence), y_t = 3·x_t: 输出序列 (the outputs) (6, 12)
    page = (
        "给定一个序列 $(2, 4)$：\n\n$y_1 = 3 x_1 = 6$\n\n$y_2 = 3 x_2 = 12$\n\n"
        "因此输出序列为 $(6, 12)$。\n"
    )
    found = set(verdicts(page))
    assert {("x1", "2", "given"), ("y2", "12", "match")} <= found
    assert not any(v == "error" for _, _, v in found)
    wrong = check_text(page.replace("$(6, 12)$", "$(6, 13)$"), markdown=True)
    assert [(e.line, e.written) for p in wrong.parts for e in p.errors()] == [(7, "13")]


def test_a_tuple_the_page_names_no_components_of_stays_unread():
    # the page writes its inputs i_1, i_2: "the input (1, 2)" names no x_1, x_2 of it
    page = "$i_1 = 1$, $i_2 = 2$\n\nthe input $(1, 2)$ goes in\n"
    found = set(verdicts(page))
    assert not any(q.startswith("x") for q, _, _ in found)


def test_an_output_tuple_claims_no_targets_given_as_y():
    # y_1, y_2 are the targets (numbers given); the outputs ŷ are 0.6, 0.9: the output tuple
    # is not the targets' values, so it is not read as y (no false alarm on y)
    page = (
        "Targets: $y_1 = 1$, $y_2 = 0$.\n\n"
        "$\\hat{y}_1 = 0.6$, $\\hat{y}_2 = 0.9$\n\n"
        "The output sequence is $(0.6, 0.9)$.\n"
    )
    report = check_text(page, markdown=True)
    assert not [e for p in report.parts for e in p.errors()]


def test_a_typical_value_is_no_value_the_example_works_with():
    # η is typically 0.01; the example steps with 0.1 without stating it: s = 0.1·0.2 = 0.02,
    # no error (the typical value is a case of its own, even on the page's first line)
    page = (
        "- $\\eta$ = learning rate (typically 0.01)\n\n$w = 0.5$, $g = 0.2$\n\n"
        "$s = \\eta g = 0.1 \\times 0.2 = 0.02$\n"
    )
    found = set(verdicts(page))
    assert ("η", "0.01", "given") in found
    assert ("s", "0.02", "match") in found
    assert not any(v == "error" for _, _, v in found)
