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
