"""Small pages from a review of the readings added this session (since c714a9a): each one
where a new reading could call a wrong number right, judge a number against the wrong
quantity, or flag a right page. Expected values by hand and plain Python floats in the test,
never from the package."""

from autograd.audit import check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    return {line for line, _, _, v in verdicts(text, markdown) if v == "error"}


def claims(text: str, markdown: bool = False) -> list[tuple[int, str, str]]:
    compared = (">", "<", "≥", "≤")
    return [(line, q, v) for line, q, w, v in verdicts(text, markdown) if w.startswith(compared)]


# -- a comparison ending an equation (z = 0.5 > 0) ------------------------------------------
# The claim is about the quantity only where the value written for it stands right before
# the relation; 'h = max(0, z) = 0 because z < 0' compares z, not h.


def test_a_comparison_of_another_name_after_the_value_is_not_the_quantitys():
    z = -0.25 * 2  # −0.5: h = max(0, z) = 0, and z < 0 holds
    assert max(0.0, z) == 0 and z < 0
    page = "x = 2, w = -0.25\nz = w*x = -0.5\nh = max(0, z) = 0 because z {} 0\n"
    assert errors(page.format("<")) == set()  # h = 0 is not claimed < 0
    assert [c for c in claims(page.format("<")) if c[1] == "h"] == []


def test_a_comparison_in_latex_after_words_is_not_the_quantitys():
    page = ("$x = 2$, $w = -0.25$\n\n$z = w x = -0.5$\n\n"
            "$h = \\max(0, z) = 0$ since $z \\lt 0$ we have $h = 0 \\text{ as } z < 0$\n")
    assert errors(page, markdown=True) == set()


def test_a_bound_met_exactly_is_met_whatever_the_floats_last_digit():
    # 0.1 + 0.2 is 0.30000000000000004 in floats, 0.3 by hand: ≤ 0.3 holds, < 0.3 does not
    assert 0.1 + 0.2 != 0.3 and abs(0.1 + 0.2 - 0.3) < 1e-15
    page = "a = 0.1, b = 0.2\nz = a + b = 0.3 {} 0.3\n"
    assert errors(page.format("<=")) == set()
    assert errors(page.format(">=")) == set()
    assert errors(page.format("<")) == {2}
    assert errors(page.format(">")) == {2}


def test_a_zero_worked_out_is_at_least_zero_in_latex():
    assert 0.3 - 3 * 0.1 < 0  # −5.6e-17 in floats, 0 by hand
    page = "Let $a = 0.1$.\n\n$z = 0.3 - 3a = 0 \\geq 0$\n"
    assert errors(page, markdown=True) == set()
    assert claims(page, markdown=True) == [(3, "z", "match")]
