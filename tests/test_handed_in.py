"""Notation of the files people hand in (notebooks, LaTeX sources, printed outputs), each
construct on a small made-up page; expected numbers worked out by hand."""

from autograd.audit import check_text
from autograd.audit.read_latex import latex_to_text, read_markdown
from autograd.audit.worksheet import show


def chains(text: str) -> list[str]:
    return [" = ".join(map(show, c.links)) for p in read_markdown(text).parts for c in p.chains]


def verdicts(text: str, markdown: bool = True) -> list[tuple[str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


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
