"""Reading what a page gives only as a result: a unit written only as a number ("the same for
h2"), worked as its sibling is and confirmed by that number; a family of targets given under
bare names (``targets o1 = …, o2 = …``). Every expected value is computed here with plain
floats, never by the package."""

import math

from autograd.audit import check_text


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown or "$" in text)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def on_line(found: list[tuple[int, str, str, str]], line: int) -> list[str]:
    return [v[3] for v in found if v[0] == line and v[3] != "given"]


def unread_lines(text: str) -> list[int]:
    return [u.line for p in check_text(text, "$" in text).parts for u in p.judged.unread]


# ---- plain text: a1 = σ(z1) worked, a2 given only as a number ------------------------------

X1, X2, W1, W2, W3, W4, B1, B2, V1, V2, C, Y, RATE = (
    0.5, -1.0, 0.3, 0.8, -0.6, 0.2, 0.1, -0.2, 0.7, -0.5, 0.2, 1.0, 0.5)  # fmt: skip
Z1 = W1 * X1 + W2 * X2 + B1
A1 = sig(Z1)
A2 = sig(W3 * X1 + W4 * X2 + B2)  # the second unit: the next weights, its own bias
OUT = V1 * A1 + V2 * A2 + C
LOSS = 0.5 * (Y - OUT) ** 2
DW3 = (OUT - Y) * V2 * A2 * (1 - A2) * X1
W3_NEW = W3 - RATE * DW3


def plain_page(a2: float = A2, w3_new: float = W3_NEW) -> str:
    return (
        "x1 = 0.5, x2 = -1.0, w1 = 0.3, w2 = 0.8, w3 = -0.6, w4 = 0.2, b1 = 0.1, b2 = -0.2\n"
        "v1 = 0.7, v2 = -0.5, c = 0.2, y = 1, η = 0.5\n"
        f"z1 = w1·x1 + w2·x2 + b1 = {Z1:.4f}\n"
        f"a1 = σ(z1) = {A1:.6f}\n"
        f"a2 = {a2:.6f}\n"  # line 5: "the same for the second unit"
        f"o = v1·a1 + v2·a2 + c = {OUT:.6f}\n"
        f"L = ½(y − o)^2 = {LOSS:.6f}\n"
        f"w3' = w3 − η · ∂L/∂w3 = {w3_new:.6f}\n"  # line 8: moves only through a2
    )


def test_a_unit_given_as_a_number_is_worked_as_its_sibling_and_its_update_judged():
    found = verdicts(plain_page())
    assert on_line(found, 5) == ["match"]  # a2 = σ(w3·x1 + w4·x2 + b2), said in the report
    assert on_line(found, 8)[-1] == "match"
    assert not [v for v in found if v[3] == "error"]
    report = check_text(plain_page())
    note = next(c.diagnosis for c in report.parts[0].checks if c.line == 5)
    assert "worked as a1 is" in note and "w3 · x1 + w4 · x2 + b2" in note


def test_a_wrong_update_through_the_worked_unit_is_flagged_on_its_line():
    found = verdicts(plain_page(w3_new=W3_NEW + 0.01))
    assert on_line(found, 8)[-1] == "error"
    assert [v[0] for v in found if v[3] == "error"] == [8]


def test_a_number_no_sibling_formula_gives_stays_a_number_and_nothing_is_judged_through_it():
    # a2 written 0.45: neither σ(w3·x1 + w4·x2 + b2) nor any other reading gives it, so the
    # page's a2 is its own number and ∂L/∂w3 is not the page's to judge (no silent verdict)
    text = plain_page(a2=0.45)
    found = verdicts(text)
    assert on_line(found, 5) == []
    assert "match" not in on_line(found, 8) and "error" not in on_line(found, 8)
    assert 8 in unread_lines(text)


# ---- Markdown and LaTeX: units named by subscripts, targets under a label ------------------

I1, I2 = 0.2, 0.6
P = {"w1": 0.1, "w2": -0.3, "w3": 0.4, "w4": 0.25, "b1": 0.2,
     "w5": -0.5, "w6": 0.35, "w7": 0.6, "w8": -0.15, "b2": 0.1}  # fmt: skip
T1, T2, ETA = 0.2, 0.7, 0.5


def network(p: dict[str, float]) -> dict[str, float]:
    h1 = sig(p["w1"] * I1 + p["w2"] * I2 + p["b1"])
    h2 = sig(p["w3"] * I1 + p["w4"] * I2 + p["b1"])
    o1 = sig(p["w5"] * h1 + p["w6"] * h2 + p["b2"])
    o2 = sig(p["w7"] * h1 + p["w8"] * h2 + p["b2"])
    e1, e2 = 0.5 * (T1 - o1) ** 2, 0.5 * (T2 - o2) ** 2
    return {"h1": h1, "h2": h2, "o1": o1, "o2": o2, "e1": e1, "e2": e2, "E": e1 + e2}


def gradient(name: str, step: float = 1e-6) -> float:
    """∂E/∂name by central differences (plain floats)."""
    up, down = dict(P), dict(P)
    up[name] += step
    down[name] -= step
    return (network(up)["E"] - network(down)["E"]) / (2 * step)


N = network(P)
NEW = {k: v - ETA * gradient(k) if k.startswith("w") else v for k, v in P.items()}
E_AFTER = network(NEW)["E"]  # every weight updated, the biases kept (as the page does)


def latex_page(w7_new: float | None = None, e_after: float = E_AFTER) -> str:
    new = dict(NEW, w7=NEW["w7"] if w7_new is None else w7_new)
    updates = "".join(f"$$w_{k}^{{+}} = {new[f'w{k}']:.9f}$$\n" for k in range(1, 9))
    return (
        "Inputs $i_1 = 0.2$, $i_2 = 0.6$; weights $w_1 = 0.1$, $w_2 = -0.3$, $w_3 = 0.4$, "
        "$w_4 = 0.25$, $b_1 = 0.2$, $w_5 = -0.5$, $w_6 = 0.35$, $w_7 = 0.6$, $w_8 = -0.15$, "
        "$b_2 = 0.1$; targets o1 = 0.2, o2 = 0.7; the rate is $\\eta = 0.5$.\n"
        f"$$out_{{h1}} = \\frac{{1}}{{1+e^{{-(w_1 i_1 + w_2 i_2 + b_1)}}}} = {N['h1']:.9f}$$\n"
        f"Likewise $out_{{h2}} = {N['h2']:.9f}$.\n"
        "$$net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2$$\n"
        f"$$out_{{o1}} = \\frac{{1}}{{1+e^{{-net_{{o1}}}}}} = {N['o1']:.9f}$$\n"
        f"Likewise $out_{{o2}} = {N['o2']:.9f}$.\n"
        f"$$E_{{o1}} = \\frac{{1}}{{2}}(target_{{o1}} - out_{{o1}})^2 = "
        f"\\frac{{1}}{{2}}(0.2 - {N['o1']:.9f})^2 = {N['e1']:.9f}$$\n"
        f"$$E_{{o2}} = {N['e2']:.9f}$$\n"
        f"$$E_{{total}} = E_{{o1}} + E_{{o2}} = {N['E']:.9f}$$\n"
        + updates  # lines 10 to 17
        + f"After the update the total error is now down to {e_after:.9f}.\n"  # line 18
    )


def test_sibling_units_and_labelled_targets_judge_the_update_and_the_error_after_it():
    text = latex_page()
    found = verdicts(text)
    assert on_line(found, 3) == ["match"]  # out_h2, worked as out_h1 is
    assert on_line(found, 6) == ["match"]  # out_o2
    assert on_line(found, 8) == ["match"]  # E_o2 with target_o2 = 0.7, given for o2
    assert on_line(found, 16) == ["match"]  # w7⁺ = w7 − η ∂E/∂w7, through out_o2 and E_o2
    assert on_line(found, 12) == ["match"]  # w3⁺, through out_h2 and both outputs
    assert on_line(found, 18) == ["match"]  # the error after the step, worked again
    assert not [v for v in found if v[3] == "error"]


def test_a_wrong_error_after_the_step_is_flagged_on_its_line():
    assert round(E_AFTER, 7) != round(E_AFTER + 2e-7, 7)
    found = verdicts(latex_page(e_after=E_AFTER + 2e-7))
    assert [v[0] for v in found if v[3] == "error"] == [18]


def test_a_wrong_update_of_a_sibling_units_weight_is_flagged_on_its_line():
    found = verdicts(latex_page(w7_new=NEW["w7"] + 0.001))
    assert [v[0] for v in found if v[3] == "error"] == [16]


# ---- plain text, tanh, other letters: one weight a unit, the next for the sibling ----------

X, P1, P2, Q1, Q2, K1, K2, T, ALPHA = 0.8, 0.5, -0.4, 0.1, 0.3, 1.2, -0.7, 0.25, 0.1
U1 = P1 * X + Q1
H1, H2 = math.tanh(U1), math.tanh(P2 * X + Q2)
R = K1 * H1 + K2 * H2
ERR = (R - T) ** 2
DP2 = 2 * (R - T) * K2 * (1 - H2**2) * X


def tanh_page(p2_new: float) -> str:
    return (
        "x = 0.8, p1 = 0.5, p2 = -0.4, q1 = 0.1, q2 = 0.3, k1 = 1.2, k2 = -0.7, t = 0.25\n"
        "α = 0.1\n"
        f"u1 = p1·x + q1 = {U1:.2f}\n"
        f"h1 = tanh(u1) = {H1:.5f}\n"
        f"h2 = {H2:.5f}\n"
        f"r = k1·h1 + k2·h2 = {R:.5f}\n"
        f"E = (r − t)^2 = {ERR:.5f}\n"
        f"p2' = p2 − α · ∂E/∂p2 = {p2_new:.5f}\n"
    )


def test_a_tanh_unit_worked_with_the_next_weight_and_bias():
    right = verdicts(tanh_page(P2 - ALPHA * DP2))
    assert on_line(right, 5) == ["match"] and on_line(right, 8)[-1] == "match"
    assert not [v for v in right if v[3] == "error"]
    wrong = verdicts(tanh_page(P2 - ALPHA * DP2 + 0.002))
    assert [v[0] for v in wrong if v[3] == "error"] == [8]


def test_targets_given_under_bare_names_are_read_only_where_a_member_agrees():
    # targets o1 = 0.2, o2 = 0.7 with target_o1 worked as 0.3: the label does not hold, so
    # target_o2 is not read from it and E_o2's formula has no value (never a guess)
    text = (
        "targets o1 = 0.2, o2 = 0.7\n"
        "out_o1 = 0.6, out_o2 = 0.4\n"
        "E_o1 = ½(target_o1 − out_o1)^2 = ½(0.3 − 0.6)^2 = 0.045\n"
        "E_o2 = ½(target_o2 − out_o2)^2 = 0.045\n"
    )
    assert 4 in unread_lines(text)
    right = text.replace("0.3 − 0.6", "0.2 − 0.6").replace("= 0.045\nE_o2", "= 0.08\nE_o2")
    assert round(0.5 * (0.7 - 0.4) ** 2, 3) == 0.045 and round(0.5 * 0.4**2, 2) == 0.08
    found = verdicts(right)
    assert on_line(found, 4) == ["match"]
    assert on_line(verdicts(right.replace("= 0.045", "= 0.035")), 4) == ["error"]


# ---- a letter written for another: the formula reads a name the page never gives ----------


def test_a_name_the_page_never_gives_in_place_of_its_one_unread_given_is_flagged():
    # a = 3, b = 4; c = a*k = 12: no k anywhere, b read by nothing, and a·b = 12 (by hand)
    found = verdicts("a = 3, b = 4\nc = a*k = 12\nd = c + 1 = 13")
    assert [(v[0], v[3]) for v in found if v[3] == "error"] == [(2, "error")]
    assert (3, "d", "13", "match") in found  # worked on with a·b, as the reader does
    right = verdicts("a = 3, b = 4\nc = a*b = 12\nd = c + 1 = 13")
    assert not [v for v in right if v[3] == "error"]


def test_a_missing_name_is_not_guessed_where_the_givens_do_not_say_which():
    # two givens read by nothing (b, e): which one k stands for is not the page's to say
    text = "a = 3, b = 4, e = 4\nc = a*k = 12"
    assert not [v for v in verdicts(text) if v[3] == "error"] and 2 in unread_lines(text)
    # the one unread given does not give the result written: no reading either
    text = "a = 3, b = 5\nc = a*k = 12"
    assert not [v for v in verdicts(text) if v[3] == "error"] and 2 in unread_lines(text)


def test_a_table_of_nodes_and_values_typed_as_plain_text_is_read_row_by_row():
    # p = 2, q = 5, r = p·q = 10, s = max(0, r − 12) = 0; ∂s/∂r = 0 there (by hand)
    page = ("Fill in the table.\n\nStep Node Value\n1 A.: p A.: 2\n2 A.: q A.: 5\n"
            "3 A.: r A.: p*q = 10\n4 A.: s A.: max(0, r - 12) = 0\n")
    found = verdicts(page, markdown=True)
    assert (6, "r", "10", "match") in found and (7, "s", "0", "match") in found
    wrong = verdicts(page.replace("p*q = 10", "p*q = 12"), markdown=True)
    assert [v[0] for v in wrong if v[3] == "error"] == [6]
    # without the answer fields, and a value that names its own left side
    page = "Node  Value\nx  3\nf  x^2 = 9\nf  \\(\\frac{\\partial f}{\\partial x}\\) = 2x = 7\n"
    found = verdicts(page, markdown=True)
    assert (3, "f", "9", "match") in found and [v[0] for v in found if v[3] == "error"] == [4]


def test_a_partial_followed_by_its_own_variable_is_evaluated_there_not_multiplied():
    # z = u^2 at u = 3: ∂z/∂u(u) = 2u = 6 (by hand); 6·u = 18 would be the product
    page = "$u = 3$\n\n$z = u^2 = 9$\n\n$\\frac{\\partial z}{\\partial u}(u) = 2u = 6$\n"
    found = verdicts(page)
    assert not [v for v in found if v[3] == "error"] and (5, "∂z/∂u", "6", "match") in found
    assert [v[0] for v in verdicts(page.replace("= 6$", "= 18$")) if v[3] == "error"] == [5]


# ---- targets listed in words; a unit written with numbers, its formula a term of the total --


def melfm_like(second_target: str, markdown: bool) -> str:
    """Two outputs, the targets said in a sentence, the second error written with numbers,
    the total written term by term (values by hand: ½(0.2 − 0.6)² = 0.08, ½(0.7 − 0.4)² =
    0.045)."""
    if markdown:
        return (
            "Assume the desired outputs are 0.2 and 0.7.\n\n"
            "$out_1 = 0.6$, $out_2 = 0.4$\n\n"
            "$$E_1 = \\frac{1}{2}(t_1 - out_1)^2 = \\frac{1}{2}(0.2 - 0.6)^2 = 0.08$$\n\n"
            f"$$E_2 = \\frac{{1}}{{2}}({second_target} - 0.4)^2 = "
            f"{0.5 * (float(second_target) - 0.4) ** 2:.3f}$$\n\n"
            "$$E = \\frac{1}{2}(t_1 - out_1)^2 + \\frac{1}{2}(t_2 - out_2)^2$$\n"
        )
    return (
        "the targets are 0.2 and 0.7\n"
        "p1 = 0.6, p2 = 0.4\n"
        "e1 = ½(t1 − p1)^2 = ½(0.2 − 0.6)^2 = 0.08\n"
        f"e2 = ½({second_target} − 0.4)^2 = {0.5 * (float(second_target) - 0.4) ** 2:.3f}\n"
        "err = ½(t1 − p1)^2 + ½(t2 − p2)^2\n"
    )


def test_a_target_listed_in_words_and_a_term_of_the_total_judge_numbers_written_alone():
    # the second error substitutes the first target (0.2) for t2 = 0.7: flagged on its line
    md = verdicts(melfm_like("0.2", markdown=True))
    assert [v[0] for v in md if v[3] == "error"] == [7]
    txt = verdicts(melfm_like("0.2", markdown=False))
    assert [v[0] for v in txt if v[3] == "error"] == [4]
    # the right target: no error, and the number is judged as t2's value
    for markdown, line in ((True, 7), (False, 4)):
        found = verdicts(melfm_like("0.7", markdown))
        assert not [v for v in found if v[3] == "error"]
        assert (line, "t2", "0.7", "match") in found


def test_a_list_of_targets_binds_only_a_family_it_agrees_with():
    # t1 is worked with 0.5, the list says 0.2: the list is not t's, and t2 stays unread
    text = ("the targets are 0.2 and 0.7\np1 = 0.6\ne1 = ½(t1 − p1)^2 = ½(0.5 − 0.6)^2 = 0.005\n"
            "e2 = ½(t2 − 0.4)^2 = 0.045\n")
    found = verdicts(text)
    assert not [v for v in found if v[3] == "error"] and 4 in unread_lines(text)
