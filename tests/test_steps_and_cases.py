"""Steps and cases as tutorials label them: ``Step 2:`` opening the lines of one step, where a
quantity (the gradient) takes that step's value, and a value the page only supposes (``β = 0
→ no momentum``, ``At t = 10: …``) beside the value it works with. Each was a false "copied
wrong" when read as one set of names. Expected values by hand."""

import pytest
from pages import verdicts

# momentum, β = 0.9, η = 0.1 (v_t = β v_{t−1} + η ∇L): v1 = 0.1 · (−2) = −0.2;
# v2 at ∇L = 1.5: 0.9 · (−0.2) + 0.1 · 1.5 = −0.18 + 0.15 = −0.03; v3 at ∇L = −2:
# 0.9 · (−0.03) + 0.1 · (−2) = −0.027 − 0.2 = −0.227
INLINE = """With $\\beta = 0.9$, $\\eta = 0.1$:

Step 1: $\\nabla L = -2.0$ → $v_1 = 0.9 \\times 0 + 0.1 \\times (-2.0) = -0.2$
Step 2: $\\nabla L = +1.5$ → $v_2 = 0.9(-0.2) + 0.1(1.5) = -0.18 + 0.15 = V2$
Step 3: $\\nabla L = -2.0$ → $v_3 = 0.9(-0.03) + 0.1(-2.0) = -0.027 - 0.2 = -0.227$
"""
UNDER = """**Setup:** $\\beta = 0.9$, $\\eta = 0.1$, $v_0 = 0$

**Step 1**:
- Gradient: $g = -2.0$
- $v_1 = 0.9 \\cdot 0 + 0.1 \\cdot (-2.0) = -0.2$

**Step 2**:
- Gradient: $g = 1.5$
- $v_2 = 0.9 \\cdot (-0.2) + 0.1 \\cdot 1.5 = V2$
"""
CHINESE = """动量 $\\beta = 0.9$，学习率 $\\eta = 0.1$。

第1步：梯度 $g = -2.0$，$v_1 = 0.1 \\times (-2.0) = -0.2$

第2步：梯度 $g = 1.5$，$v_2 = 0.9 \\times (-0.2) + 0.1 \\times 1.5 = V2$
"""


@pytest.mark.parametrize("page", [INLINE, UNDER, CHINESE], ids=["inline", "under", "chinese"])
def test_a_step_label_scopes_the_gradient_of_that_step(page):
    right = verdicts(page.replace("V2", "-0.03"))
    assert "error" not in [v for _, _, v in right], right
    assert ("v2", "−0.03", "match") in right
    wrong = verdicts(page.replace("V2", "-0.33"))  # 0.18 + 0.15 taken for −0.18 − 0.15
    assert ("v2", "−0.33", "error") in wrong


# β = 0 and β = 0.99 are cases the page describes; it works with β = 0.9: 0.9 · 0.5 + 0.1 · 2
# = 0.65
WHAT_IF = """- Typical value: $\\beta = 0.9$
- $\\beta = 0$ → no momentum (plain SGD)
- **β = 0.99**: very high momentum

Given $v_0 = 0.5$ and $g = 2$: $v_1 = \\beta v_0 + 0.1 g = V1$
"""


def test_a_value_the_page_supposes_is_no_copy_of_the_one_it_works_with():
    right = verdicts(WHAT_IF.replace("V1", "0.65"))
    assert "error" not in [v for _, _, v in right], right
    assert ("v1", "0.65", "match") in right
    assert ("v1", "0.55", "error") in verdicts(WHAT_IF.replace("V1", "0.55"))


# the bias correction at several t, each line its own t: 1 − 0.9^10 = 0.6513, 1 − 0.9^2 = 0.19
AT = """$\\beta_1 = 0.9$, $t = 1$: $1 - 0.9^1 = 0.1$

- At $t = 2$: $1 - 0.9^2 = C2$
- At $t = 10$: $1 - 0.9^{10} = 0.651$
"""


def test_a_case_at_another_t_is_that_line_alone():
    right = verdicts(AT.replace("C2", "0.19"))
    assert "error" not in [v for _, _, v in right], right
    assert any(w == "0.651" and v == "match" for _, w, v in right), right
    assert any(w == "0.91" and v == "error" for _, w, v in verdicts(AT.replace("C2", "0.91")))


# At w = 1, a point no other value of w contradicts, is where the page works: dL/dw = −2(2 − w)
# = −2 there, by hand
POINT = "$L = (2 - w)^2$\n\nAt $w = 1$: $\\frac{dL}{dw} = -2(2 - w) = D$\n"


def test_at_a_value_no_other_contradicts_is_the_pages_point():
    assert ("∂L/∂w", "−2", "match") in verdicts(POINT.replace("D", "-2"))
    assert ("∂L/∂w", "−4", "error") in verdicts(POINT.replace("D", "-4"))
