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
