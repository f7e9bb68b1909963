"""A comparison written after a value (``z1 = 0.5 > 0 ⇒ h1 = 0.5``) is a claim about the
quantity, judged by its value: a page that says z > 0 where z is −0.5 is wrong on that line,
and the bound is a number judged like any other. Expected signs by hand and plain floats."""

from autograd.audit import check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    return {line for line, _, _, v in verdicts(text, markdown) if v == "error"}


def claims(text: str, markdown: bool = False) -> list[tuple[int, str, str]]:
    compared = (">", "<", "≥", "≤")
    return [(line, q, v) for line, q, w, v in verdicts(text, markdown) if w.startswith(compared)]


def test_a_true_comparison_is_judged_and_a_false_one_flagged_in_plain_text():
    z = 2 * 0.25 - 1  # −0.5: below 0
    assert z < 0
    page = "x = 2, w = 0.25, b = -1\nz = w*x + b = -0.5\nz = -0.5 {} 0 => h = relu(z) = 0\n"
    assert claims(page.format("<")) == [(3, "z", "match")]
    assert errors(page.format("<")) == set()
    assert errors(page.format(">")) == {3}


def test_comparison_in_latex_with_a_written_value_off_by_a_slip():
    z1 = 0.5 * 1.0  # 0.5, above 0 whatever the page wrote for it
    assert z1 > 0
    page = ("Given $x = 1.0$, $w_1 = 0.5$.\n\n$z_1 = w_1 x = {}$\n\n"
            "Since $z_1 = {} {} 0$, we get $a_1 = z_1$.\n")
    assert errors(page.format("0.5", "0.5", ">"), markdown=True) == set()
    assert claims(page.format("0.5", "0.5", ">"), markdown=True) == [(5, "z1", "match")]
    # the claim is judged by z1's value, not by the number written for it
    assert 5 in errors(page.format("0.5", "0.5", "\\leq"), markdown=True)


def test_a_bound_other_than_zero_and_a_bound_met_exactly():
    y = 0.3 * 2  # 0.6
    assert y >= 0.6 and not y > 0.6
    page = "a = 0.3\ny = 2*a = 0.6 {} 0.6\n"
    assert errors(page.format(">=")) == set()
    assert errors(page.format("≥")) == set()
    assert errors(page.format(">")) == {2}


def test_a_comparison_of_a_quantity_with_no_value_is_not_judged():
    report = check_text("z = u + 1 = 3 > 0\n")  # u has no value: nothing to compare
    assert [c for p in report.parts for c in p.checks if c.written.startswith(">")] == []
    assert any("u" in u.reason for p in report.parts for u in p.judged.unread)


def test_a_comparison_that_follows_from_a_wrong_value_is_carried_not_a_second_error():
    z = 0.25 * 2 - 1  # −0.5; the page writes 0.5, then 0.5 > 0 follows from its slip
    assert z < 0 < 0.5
    page = "x = 2, w = 0.25, b = -1\nz = w*x + b = 0.5 > 0\n"
    on_line_2 = [(w, v) for n, _, w, v in verdicts(page) if n == 2]
    assert on_line_2 == [("0.5", "error"), ("> 0", "carried")]
