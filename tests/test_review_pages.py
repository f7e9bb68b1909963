"""Small pages from a review of the readings added since d21bb4f: each exercises one rule with
a planted wrong number that must be flagged on its line, and the right page that must not be.
Expected values by hand and plain Python floats in the test, never from the package."""

import math

from autograd.audit import check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    return {line for line, _, _, v in verdicts(text, markdown) if v == "error"}


# -- a total accumulated a term a line, no result written on the steps ---------------------
# Two steps in a row (L += 0.3, L += 0.2) are two new values of L, not one chain continued.


def test_two_steps_in_place_without_results_are_two_steps_plain_text():
    assert abs(0 + 0.3 + 0.2 - 0.5) < 1e-12
    page = "L = 0\nL += 0.3\nL += 0.2\nL = {}\n"
    assert errors(page.format("0.5")) == set()
    assert errors(page.format("0.6")) == {4}


def test_two_steps_in_place_written_out_are_two_steps_other_letters():
    assert abs(0.25 + 0.5 - 0.75) < 1e-12
    page = "Summe = 0\nSumme = Summe + 0.25\nSumme = Summe + 0.5\nSumme = {}\n"
    assert errors(page.format("0.75")) == set()
    assert errors(page.format("0.9")) == {4}


def test_two_steps_in_place_with_arrows_in_latex():
    page = "$g = 0$\n\n$g \\leftarrow g + 0.25$\n\n$g \\leftarrow g + 0.5$\n\n$g = {}$\n"
    assert errors(page.format("0.75"), markdown=True) == set()
    assert errors(page.format("0.9"), markdown=True) == {7}


# -- a symbol given a number in a sentence that also writes a formula -----------------------
# "We compute the error (y − t)² and find E=0.25": E is worked from the formula, not given;
# taken as a given, a wrong E (it is (0.6 − 1)² = 0.16) passed silently.


def given_values(text: str, markdown: bool = False) -> dict[str, str]:
    return {q: w for _, q, w, v in verdicts(text, markdown) if v == "given"}


def test_a_result_in_a_sentence_with_its_formula_is_no_given_plain_text():
    assert abs((0.5 * 1.2 - 1) ** 2 - 0.16) < 1e-12
    page = "w = 0.5, x = 1.2, t = 1\ny = w·x = 0.6\nWe compute the error (y − t)² and find E={}.\n"
    for written in ("0.25", "0.16"):
        assert "E" not in given_values(page.format(written))
        assert 3 not in errors(page.format("0.16"))


def test_a_result_in_a_sentence_with_its_formula_is_no_given_other_script():
    page = "w = 0.5, x = 1.2, t = 1\ny = w·x = 0.6\n误差 (y − t)² 得 E=0.25。\n"
    assert "E" not in given_values(page)


def test_a_result_in_a_markdown_sentence_with_a_difference_is_no_given():
    page = ("w = 0.5, x = 1.2, t = 1\n\ny = w·x = 0.6\n\n"
            "Taking the error as y − t gives d=0.5 here.\n")
    assert "d" not in given_values(page, markdown=True)


def test_givens_in_a_sentence_without_a_formula_are_still_given():
    page = "Consider a neuron with weight w=0.5 and input x=1.2.\ny = w·x = 0.6\n"
    assert given_values(page) == {"w": "0.5", "x": "1.2"}
    assert errors(page.replace("= 0.6", "= 0.7")) == {2}


# -- targets listed in words, the page's family counted from 0 -------------------------------
# "The targets are 0.01 and 0.99" with target_0, target_1: target_1 is the second, 0.99.


def test_targets_listed_for_a_family_counted_from_zero_plain_text():
    right, wrong = 0.5 * (0.99 - 0.77) ** 2, 0.5 * (0.01 - 0.77) ** 2  # 0.0242, 0.2888
    page = ("The targets are 0.01 and 0.99.\nout_0 = 0.75, out_1 = 0.77\n"
            "E_0 = ½(target_0 − out_0)² = 0.2738\nE_1 = ½(target_1 − out_1)² = {}\n")
    assert errors(page.format(f"{right:.4f}")) == set()
    assert errors(page.format(f"{wrong:.4f}")) == {4}


def test_targets_listed_for_a_family_counted_from_zero_in_latex():
    page = ("We assume the desired outputs are 0.01 and 0.99.\n\n$out_0 = 0.75$, $out_1 = 0.77$\n\n"
            "$E_1 = \\frac{{1}}{{2}}(target_1 - out_1)^2 = {}$\n\n"
            "$E_0 = \\frac{{1}}{{2}}(target_0 - out_0)^2 = 0.2738$\n")
    assert errors(page.format("0.0242"), markdown=True) == set()
    assert errors(page.format("0.2888"), markdown=True) == {5}


def test_one_target_of_two_whose_place_nothing_settles_is_not_read():
    # target_1 alone: the first target counted from 1, the second from 0
    page = ("The targets are 0.01 and 0.99.\nout_1 = 0.77\n"
            "E_1 = ½(target_1 − out_1)² = {}\n")
    for written in ("0.2888", "0.0242"):
        assert all(line != 3 or v == "given" for line, _, _, v in verdicts(page.format(written)))


def test_the_last_target_numbered_as_the_list_is_long_counts_from_one():
    page = "The targets are 0.01 and 0.99.\no2 = 0.77\nE2 = ½(target2 − o2)² = {}\n"
    assert errors(page.format("0.0242")) == set()
    assert errors(page.format("0.2888")) == {3}


# -- a display block never closed: its rows read once, as maths ------------------------------
# The prose reader did not know the block, so a row without a backslash was read again as a
# plain-text equation on its line and joined to the maths' chain (z = 1 + 1 = 3 = 1 + 1 = 3).


def test_a_row_of_a_display_never_closed_is_judged_once_with_dollars():
    page = "$$\ny = 2 \\cdot 3 = 6\nz = 1 + 1 = {}\n\nThen.\n"
    assert [w for line, _, w, _ in verdicts(page.format("2"), markdown=True) if line == 3] == [
        "1 + 1", "2"]
    assert errors(page.format("3"), markdown=True) == {3}


def test_a_row_of_a_display_never_closed_is_judged_once_with_brackets():
    page = "Then:\n\n\\[\na = 0.5 + 0.25 = {}\n\nThe end.\n"
    assert [w for line, _, w, _ in verdicts(page.format("0.75"), markdown=True) if line == 4] == [
        "0.5 + 0.25", "0.75"]
    assert errors(page.format("0.9"), markdown=True) == {4}


# -- a table row whose words give a formula in brackets beside a list alone ------------------
# "| Gradient (y_pred - y_true) divided by 3 | `[0.1, -0.133, 0.3]` |": the list is what the
# words make of the bracket, not its value; read as (y_pred − y_true) each right entry was an
# error. The bracket alone, or named in words before it, still gives the list its formula.

_LISTS = "Let `y_pred = [0.3, 0.6, 0.9]` and `y_true = [0, 1, 0]`.\n\n| Step | Value |\n|---|---|\n"


def test_a_list_of_what_the_words_make_of_the_bracket_is_no_false_alarm():
    diff = [p - t for p, t in zip([0.3, 0.6, 0.9], [0, 1, 0])]  # 0.3, −0.4, 0.9
    third = ", ".join(f"{d / 3:.3g}" for d in diff)  # 0.1, −0.133, 0.3
    twice = ", ".join(f"{2 * d:.2g}" for d in diff)  # 0.6, −0.8, 1.8
    for row in (f"| Gradient (y_pred - y_true) divided by 3 | `[{third}]` |",
                f"| Twice the error (y_pred - y_true) | `[{twice}]` |",
                f"| Mean of (y_pred - y_true) | $[{sum(diff) / 3:.3f}]$ |"):
        assert 5 not in errors(_LISTS + row + "\n", markdown=True), row


def test_a_list_the_bracket_names_is_still_judged_each_entry():
    page = _LISTS + "| Error (y_pred - y_true): | $[0.3, {}, 0.9]$ |\n"
    assert errors(page.format("-0.4"), markdown=True) == set()
    assert errors(page.format("-0.3"), markdown=True) == {5}


# -- the loss summed over a batch in place ---------------------------------------------------
# loss = 0, loss += l_i: the part's loss is the word's own latest value; made another name for
# the word it read itself, and every line of the page went unread.


def test_a_loss_summed_in_place_is_judged_plain_text():
    total = -math.log(0.5) - math.log(0.25)  # 2.0794
    page = ("loss = 0\nloss += −log(0.5) = 0.693\nloss += −log(0.25) = 1.386\n"
            "loss = {}\n")
    assert errors(page.format(f"{total:.3f}")) == set()
    assert errors(page.format("2.2")) == {4}


def test_a_cost_summed_in_place_is_judged_in_markdown():
    page = "`cost = 0`\n\n`cost += 0.25`\n\n`cost += 0.5`\n\nSo `cost = {}`.\n"
    assert errors(page.format("0.75"), markdown=True) == set()
    assert errors(page.format("0.9"), markdown=True) == {7}


# -- a symbol with a value already, given again in a sentence ---------------------------------
# "After one step of gradient descent, w=0.46": a new state of w, not a given of the page's w;
# read as w = 0.46 again it was called a copy slip of w = 0.5 (a false alarm).


def test_a_value_stated_again_in_a_sentence_is_no_given_plain_text():
    page = ("w = 0.5, x = 2\ny = w·x = 1.0\n"
            "After one step of gradient descent, w=0.46 and the new output is y=0.92.\n")
    assert errors(page) == set()
    assert errors(page.replace("= 1.0", "= 1.2")) == {2}


def test_a_value_stated_again_in_a_sentence_is_no_given_other_script():
    page = "假设权重 w=0.5，输入 x=2。\ny = w·x = 1.0\n一步之后 w=0.46。\n"
    assert errors(page) == set()
    assert given_values(page) == {"w": "0.5", "x": "2"}


def test_a_value_stated_again_in_a_markdown_sentence_is_no_given():
    page = ("Let $w = 0.5$ and $x = 2$.\n\n$y = w x = 1.0$\n\n"
            "After the update the weight is w=0.46.\n")
    assert errors(page, markdown=True) == set()


# -- a case judged at a point of its region --------------------------------------------------
# "ReLU'(z) = 0 for z < 0.5" is wrong between 0 and 0.5 (ReLU' is 1 there), yet right at the
# one point past the bound it was judged at (−0.5): a claim about a region is judged also a
# hundredth past its bound, where a kink inside the region shows.


def _relu_prime(z: float) -> int:
    return 1 if z > 0 else 0


def test_a_case_wrong_near_its_bound_is_flagged_in_latex_cases():
    assert _relu_prime(0.49) == 1 and _relu_prime(-0.5) == 0
    page = ("$$\\frac{{d}}{{dz}}ReLU(z) = \\begin{{cases}} 1 & z > {b} \\\\ 0 & z < {b} "
            "\\end{{cases}}$$\n")
    assert errors(page.format(b="0"), markdown=True) == set()
    assert errors(page.format(b="0.5"), markdown=True) == {1}


def test_a_case_supposed_in_words_wrong_near_its_bound_is_flagged():
    page = "Text.\n\nIf $x < {b}$, then $ReLU'(x) = 0$.\n"
    assert errors(page.format(b="0"), markdown=True) == set()
    assert errors(page.format(b="0.5"), markdown=True) == {3}
