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

