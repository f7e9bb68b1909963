"""General formulas over an index (a time step, a layer) and their instances, as pages write
them: the formula over the letter first, then the instances with numbers, each judged as the
formula at its index. Every expected number is worked by hand or with plain floats here,
never by the package."""

import math

from pages import verdicts

from autograd.audit import check_text
from autograd.audit.general import indexed, instantiated
from autograd.audit.read_chain import parse_chain
from autograd.audit.worksheet import show


def _checks(text: str, markdown: bool) -> list:
    return [c for p in check_text(text, markdown=markdown).parts for c in p.checks]


MOMENTUM = (
    "beta = 0.8\n"
    "v_t = beta * v_{t-1} + (1 - beta) * g_t\n"
    "v_0 = 0, g_1 = 3.0, g_2 = -1.0\n"
    "v_1 = 0.8 * 0 + 0.2 * 3.0 = 0.6\n"
    "v_2 = 0.8 * 0.6 + 0.2 * (-1.0) = 0.28\n"
)


def test_a_step_index_is_one_name_in_plain_text():
    links = parse_chain("m_t = beta * m_(t - 1) + (1 - beta) * g_t")
    assert [show(x) for x in links] == ["m_t", "beta · m_{t-1} + (1 − beta) · g_t"]
    assert indexed("m_{t-1}").step == -1 and indexed("dZ⁽3⁾").step == 3
    formula = parse_chain("h_t = tanh(w h_{t-1} + u x_t)")[1]
    assert show(instantiated(formula, "t", 2, glued=False)) == "tanh(w · h_1 + u · x_2)"


def test_plain_text_instances_follow_the_general_formula_and_judge_it():
    # by hand: 1 − 0.8 = 0.2; v_1 = 0.8·0 + 0.2·3.0 = 0.6; v_2 = 0.8·0.6 + 0.2·(−1.0) = 0.28
    assert abs(0.8 * 0.6 + 0.2 * -1.0 - 0.28) < 1e-12
    checks = _checks(MOMENTUM, markdown=False)
    assert not [c for c in checks if c.verdict == "error"]
    template = [c for c in checks if c.line == 2]
    assert [c.verdict for c in template] == ["match"]
    assert "general formula over t, judged by its instance at t = 1 (line 4)" in (
        template[0].diagnosis
    )
    assert {(c.written, c.verdict) for c in checks if c.line == 5} >= {
        ("0.2", "match"),  # 1 − beta, the formula's own 1 judged by it
        ("0.6", "match"),  # v_1, the instance before
        ("0.28", "match"),
    }


def test_a_wrong_coefficient_in_an_instance_is_flagged_on_its_line():
    page = MOMENTUM.replace("0.8 * 0.6 + 0.2 * (-1.0) = 0.28", "0.8 * 0.6 + 0.3 * (-1.0) = 0.18")
    checks = _checks(page, markdown=False)
    errors = [c for c in checks if c.verdict == "error"]
    assert [(c.line, c.written) for c in errors] == [(5, "0.3")]  # 1 − beta is 0.2
    assert "general formula of line 2 at t = 2" in errors[0].diagnosis


def test_another_letter_and_a_constant_of_the_formula_written_wrong():
    # a_k = 0.5·a_{k−1} + x_k; a_1 = 0.5·1 + 2 = 2.5; a_2 = 0.5·2.5 + 4 = 5.25
    page = "a_k = 0.5 * a_{k-1} + x_k\na_0 = 1, x_1 = 2, x_2 = 4\na_1 = 0.5 * 1 + 2 = 2.5\n"
    right = _checks(page + "a_2 = 0.5 * 2.5 + 4 = 5.25\n", markdown=False)
    assert not [c for c in right if c.verdict == "error"]
    assert ("5.25", "match") in {(c.written, c.verdict) for c in right if c.line == 4}
    wrong = _checks(page + "a_2 = 0.25 * 2.5 + 4 = 4.625\n", markdown=False)
    errors = [c for c in wrong if c.verdict == "error"]
    assert [c.line for c in errors] == [4]
    assert "0.25 where it writes 0.5" in errors[0].diagnosis


def test_the_formula_written_again_with_numbers_for_its_symbols():
    # the rule with beta = 0.8 written in: 0.2 is 1 − 0.8; 0.3 is not
    rule = "\n---\npart: the rule again\n---\nv_t = 0.8 * v_{t-1} + {c} * g_t\n"
    right = _checks(MOMENTUM + rule.replace("{c}", "0.2"), markdown=False)
    assert not [c for c in right if c.verdict == "error"]
    assert ("0.2", "match") in {(c.written, c.verdict) for c in right if c.line == 10}
    wrong = _checks(MOMENTUM + rule.replace("{c}", "0.3"), markdown=False)
    assert [(c.line, c.written) for c in wrong if c.verdict == "error"] == [(10, "0.3")]


BIAS = (
    "Adam's bias correction, with $\\beta_1 = 0.9$:\n\n"
    "$$\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}$$\n\n"
    "At step 2, with $m_2 = 0.19$:\n\n"
    "$$\\hat{m}_2 = \\frac{0.19}{1 - 0.9^2} = \\frac{0.19}{0.19} = 1.0$$\n"
)


def test_markdown_bias_correction_judged_at_its_step():
    # by hand: 1 − 0.9² = 0.19; 0.19 / 0.19 = 1.0
    assert abs((1 - 0.9**2) - 0.19) < 1e-12
    found = verdicts(BIAS)
    assert not [f for f in found if f[2] == "error"]
    checks = _checks(BIAS, markdown=True)
    assert [c.verdict for c in checks if c.line == 3] == ["match"]


def test_markdown_a_wrong_power_of_beta_is_flagged_on_the_instance():
    # at t = 2 the correction is 1 − 0.9², not 1 − 0.9¹ (0.1): 0.19/0.1 = 1.9 follows from it
    written = "1 - 0.9^2} = \\frac{0.19}{0.19} = 1.0"
    page = BIAS.replace(written, "1 - 0.9^1} = \\frac{0.19}{0.1} = 1.9")
    checks = _checks(page, markdown=True)
    errors = [c for c in checks if c.verdict == "error"]
    assert {c.line for c in errors} == {7}
    assert any("1 where it writes 2" in c.diagnosis for c in errors)


ADAM = (
    "With $\\beta_1 = 0.9$ and $m_0 = 0$, the first moment:\n\n"
    "$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\quad \\text{(momentum)}$$\n\n"
    "The gradients are $g_1 = 2.0$ and $g_2 = 1.0$.\n\n"
    "$$m_1 = 0.9 \\cdot 0 + 0.1 \\cdot 2.0 = 0.2$$\n\n"
    "$$m_2 = 0.9 \\cdot 0.2 + 0.1 \\cdot 1.0 = 0.28$$\n"
)


def test_markdown_a_step_index_and_a_note_after_the_formula():
    # by hand: m_1 = 0.1·2.0 = 0.2; m_2 = 0.9·0.2 + 0.1·1.0 = 0.18 + 0.1 = 0.28
    checks = _checks(ADAM, markdown=True)
    assert not [c for c in checks if c.verdict == "error"]
    assert [c.verdict for c in checks if c.line == 3] == ["match"]  # the 1 of 1 − β1
    assert ("0.28", "match") in {(c.written, c.verdict) for c in checks if c.line == 9}


def test_markdown_a_wrong_coefficient_for_one_minus_beta():
    # 0.9 written where 1 − β1 = 0.1 stands: 0.9·0.2 + 0.9·1.0 = 1.08 follows from it
    page = ADAM.replace("0.1 \\cdot 1.0 = 0.28", "0.9 \\cdot 1.0 = 1.08")
    errors = [c for c in _checks(page, markdown=True) if c.verdict == "error"]
    assert [(c.line, c.written) for c in errors] == [(9, "0.9")]


DELTA = (
    "Given $w^{(3)} = 0.5$, $\\delta^{(3)} = 0.2$ and $a^{(2)} = 0.6$:\n\n"
    "$$\\delta^{(l)} = w^{(l+1)} \\delta^{(l+1)} a^{(l)} (1 - a^{(l)})$$\n\n"
    "$$\\delta^{(2)} = 0.5 \\cdot 0.2 \\cdot 0.6 (1 - 0.6) = 0.024$$\n"
)


def test_a_layer_template_judged_by_its_instance():
    # by hand: 0.5·0.2 = 0.1; ·0.6 = 0.06; ·(1 − 0.6) = 0.024
    assert abs(0.5 * 0.2 * 0.6 * (1 - 0.6) - 0.024) < 1e-12
    checks = _checks(DELTA, markdown=True)
    assert not [c for c in checks if c.verdict == "error"]
    template = [c for c in checks if c.line == 3]
    assert [c.verdict for c in template] == ["match"]
    assert "over l, judged by its instance at l = 2 (line 5)" in template[0].diagnosis


def test_a_layer_instance_with_a_constant_written_otherwise():
    # 2 − 0.6 for the template's 1 − a⁽2⁾: 0.5·0.2·0.6·1.4 = 0.084 follows from it
    page = DELTA.replace("(1 - 0.6) = 0.024", "(2 - 0.6) = 0.084")
    errors = [c for c in _checks(page, markdown=True) if c.verdict == "error"]
    assert {c.line for c in errors} == {5}
    assert any("2 where it writes 1" in c.diagnosis for c in errors)


GRADIENTS = (
    "$$dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T}$$\n\n"
    "For the second layer:\n\n"
    "$$dW^{[2]} = \\frac{1}{m} dZ^{[2]} A^{[1]T}$$\n"
)


def test_an_instance_written_in_symbols_follows_the_template():
    checks = _checks(GRADIENTS, markdown=True)
    assert not [c for c in checks if c.verdict == "error"]
    assert [c.verdict for c in checks if c.line == 1] == ["match"]
    instance = [c for c in checks if c.line == 5]
    assert [c.verdict for c in instance] == ["match"]
    assert "general formula of line 1 at l = 2" in instance[0].diagnosis
    wrong = _checks(GRADIENTS.replace("\\frac{1}{m} dZ^{[2]}", "\\frac{2}{m} dZ^{[2]}"), True)
    errors = [c for c in wrong if c.verdict == "error"]
    assert [c.line for c in errors] == [5] and "2 where it writes 1" in errors[0].diagnosis


def test_a_template_for_the_next_step_and_a_stale_gradient():
    # w_{t+1} = w_t − lr·g_t: w_1 = 1.0 − 0.1·4.0 = 0.6 (t = 0); w_2 = 0.6 − 0.1·2.0 = 0.4 (t = 1)
    page = "lr = 0.1\nw_{t+1} = w_t - lr * g_t\nw_0 = 1.0, g_0 = 4.0, g_1 = 2.0\n"
    page += "w_1 = 1.0 - 0.1 * 4.0 = 0.6\n"
    right = _checks(page + "w_2 = 0.6 - 0.1 * 2.0 = 0.4\n", markdown=False)
    assert not [c for c in right if c.verdict == "error"]
    assert any("judged by its instance at t = 0 (line 4)" in c.diagnosis for c in right)
    # the step before's gradient, 4.0, where g_1 = 2.0 stands: 0.6 − 0.4 = 0.2 follows
    stale = _checks(page + "w_2 = 0.6 - 0.1 * 4.0 = 0.2\n", markdown=False)
    assert [(c.line, c.written) for c in stale if c.verdict == "error"] == [(5, "4.0")]


def test_of_two_general_formulas_an_instance_follows_the_one_it_fits():
    # y_t = 2·x_t, then y_t = 3·x_t (another model): y_1 = 3·2 = 6 follows the second
    page = "y_t = 2 * x_t\nx_1 = 2\n---\npart: the second model\n---\ny_t = 3 * x_t\nx_1 = 2\n"
    for instance in ("y_1 = 3 * 2 = 6\n", "y_1 = 3 * x_1\n"):
        checks = _checks(page + instance, markdown=False)
        assert not [c for c in checks if c.verdict == "error"], instance
        said = "judged by its instance at t = 1 (line 8)"
        judged = [c.line for c in checks if said in c.diagnosis]
        assert judged == [6]  # the second model's formula, not the first's


def test_a_recurrent_state_over_time_with_the_wrong_input_at_a_step():
    # h_t = tanh(w·h_{t−1} + u·x_t): h_1 = tanh(0.2) = 0.1974, h_2 = tanh(0.4987) = 0.4611
    assert round(math.tanh(0.2), 4) == 0.1974 and round(math.tanh(0.4987), 4) == 0.4611
    page = "w = 0.5, u = 1.0\nh_t = tanh(w * h_{t-1} + u * x_t)\nh_0 = 0, x_1 = 0.2, x_2 = 0.4\n"
    page += "h_1 = tanh(0.5 * 0 + 1.0 * 0.2) = 0.1974\n"
    right = _checks(page + "h_2 = tanh(0.5 * 0.1974 + 1.0 * 0.4) = 0.4611\n", markdown=False)
    assert not [c for c in right if c.verdict == "error"]
    # x_1 = 0.2 put where x_2 stands: tanh(0.2987) = 0.2901 follows from it
    assert round(math.tanh(0.5 * 0.1974 + 0.2), 4) == 0.2901
    wrong = _checks(page + "h_2 = tanh(0.5 * 0.1974 + 1.0 * 0.2) = 0.2901\n", markdown=False)
    assert [(c.line, c.written) for c in wrong if c.verdict == "error"] == [(5, "0.2")]
