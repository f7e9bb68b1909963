"""Tables of units as textbooks print them (Han and Kamber's style): rows keyed by the unit
under ``Unit j``, cells the values of ``I_j``, ``O_j``, ``Err_j`` for that unit; rows of
weights and biases with their new values; printed with or without the rule under the
header. Expected values by hand and plain floats in the test."""

import math

from autograd.audit import check_text


def verdicts(text: str) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=True)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str) -> set[int]:
    return {line for line, _, _, v in verdicts(text) if v == "error"}


UNITS = """Givens: $x_1 = 1$, $w_{{14}} = 0.2$, $θ_4 = -0.4$.

| Unit j | Net input $I_j$ | Output $O_j$ |
|---|---|---|
| 4 | 0.2 * 1 - 0.4 = {i4} | $\\frac{{1}}{{1 + e^{{0.2}}}} = {o4}$ |
"""


def test_unit_rows_are_the_units_values_and_a_wrong_one_is_flagged():
    i4 = 0.2 * 1 - 0.4
    o4 = 1 / (1 + math.exp(-i4))
    assert round(i4, 1) == -0.2 and round(o4, 3) == 0.450
    right = UNITS.format(i4="-0.2", o4="0.450")
    assert {(5, "I4", "match"), (5, "O4", "match")} <= {(n, q, v) for n, q, _, v in verdicts(right)}
    assert errors(right) == set()
    assert errors(UNITS.format(i4="-0.2", o4="0.550")) == {5}


RULELESS = """| $a_1$ | $v_{{12}}$ | $c_2$ |
| 2 | 0.5 | - 0.3 |

| Node k | $s_k$ | $Err_k$ |
| 2 | 0.5 _ 2 + ( - 0.3 ) = 0.7 | 0.7 _ (1 - 0.7) _ (1 - 0.7) = {err} |

| Weight or Bias | New Value |
| $v_{{12}}$ | 0.5 + 0.9 _ {err} _ 2 = {new} |
"""


def test_a_table_printed_without_its_rule_and_a_formatters_underscores():
    s2 = 0.5 * 2 + (-0.3)
    err = 0.7 * (1 - 0.7) * (1 - 0.7)
    new = 0.5 + 0.9 * 0.063 * 2
    assert round(s2, 1) == 0.7 and round(err, 3) == 0.063 and round(new, 4) == 0.6134
    right = RULELESS.format(err="0.063", new="0.6134")
    judged = {(q, v) for _, q, _, v in verdicts(right)}
    assert {("a1", "given"), ("v12", "given"), ("c2", "given")} <= judged  # - 0.3: −0.3
    assert {("s2", "match"), ("Err2", "match"), ("v12'", "match")} <= judged
    assert errors(right) == set()
    assert errors(RULELESS.format(err="0.063", new="0.7134")) == {8}
    assert errors(RULELESS.format(err="0.073", new="0.6314")) == {5}
