"""Worksheets: hand calculations checked as written, line by line.

Expected values come from `math` and from the independent computations beside the example
files (tests/worksheets/*.expected.json, written without reading the checker).
"""

import json
import math
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograd.audit import LIMITS, check, check_text
from autograd.audit.latex_text import latex_to_text
from autograd.cli import main
from autograd.homework import WORKSHEET

HERE = Path(__file__).with_name("worksheets")


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


@pytest.fixture(scope="module")
def homework():
    return {p.name: p for p in check(WORKSHEET).parts}


def errors(part):
    return [(c.line, c.quantity, c.written) for c in part.checks if c.verdict == "error"]


def test_seed_part_a_finds_the_sign_slip_and_the_three_hidden_updates(homework):
    a = homework["a"]
    assert errors(a) == [
        (86, "∂L/∂w8", "5.57 · 10^−4"),
        (108, "∂z/∂a1", "w1"),  # z = w7·a1 + …: it is w7; w1 = w7 = 1 hides it in the numbers
        (124, "w2'", "1.0000005"),
        (148, "w4'", "1.00000005"),
        (171, "w6'", "1.00000005"),
    ]
    a1 = sigmoid(2)
    out = sigmoid(3 * a1 + 1)
    dL_dw8 = -(1 - out) * out * (1 - out) * a1  # −5.59e−4: negative
    (slip,) = [c for c in a.errors() if c.line == 86]
    assert slip.exact == pytest.approx(dL_dw8, rel=1e-12) and "sign is dropped" in slip.diagnosis
    w2 = 1 - 0.1 * (-(1 - out) * out * (1 - out) * a1 * (1 - a1))
    assert [c.exact for c in a.errors()][2:] == pytest.approx([w2] * 3, rel=1e-12)


def test_seed_garble_and_unreadable_links_are_not_understood_never_errors(homework):
    a = homework["a"]
    unread = {u.line: u.reason for u in a.judged.unread}
    assert "repeats a number" in unread[72]  # w7' = 1 − 0.1(…) = 0.0248
    judged = {(c.line, c.written): c.verdict for c in a.checks}
    assert judged[(66, "(1/2)(y − a)^2")] == "not understood"  # ∂L/∂a = ½(y − a)², ∂/∂a unwritten
    assert judged[(66, "(2/2)(y − a) − 1")] == "not understood"
    assert judged[(68, "−0.0255")] == "match"  # −(1 − σ(3σ(2) + 1)) = −0.025521
    assert judged[(48, "3.6423")] == "rounding"  # 3σ(2) + 1 = 3.642391, truncated


def test_seed_part_b_contradiction_and_its_readings(homework):
    b = homework["b"]
    (contradiction,) = b.contradictions
    assert contradiction == "w9 is written with different values: -1 at line 198; 0 at line 209"
    lines = {c.line for c in b.errors()}
    assert lines == {209}  # w9 = 0 where −1 is given
    # what follows from w9 = 0 is carried from line 209, not an error again (follow-through):
    # w9' = 0.00693, ∂z/∂a3 = w9 = 0, and w5' = 0.5 (∂L/∂w5 has the factor w9 = 0)
    carried = {c.line: c.origin for c in b.checks if c.verdict == "carried"}
    assert {225, 245, 249} <= set(carried) and {carried[n] for n in (225, 245, 249)} == {209}
    a1, a = sigmoid(0.35), sigmoid(0.1)  # under w8 = −1, w9 = 0 the backward pass is right
    swapped = b.readings[-1]
    assert swapped.values == {"w8": -1.0, "w9": 0.0}
    assert errors(swapped.judged) == [(198, "w8", "0"), (198, "w9", "−1")]
    (w9,) = [c for c in swapped.judged.checks if c.quantity == "w9'" and c.kind == "result"]
    assert w9.exact == pytest.approx(0.1 * (1 - a) * a * (1 - a) * a1, rel=1e-12)


def test_the_check_file_shortcut_finds_the_same_slips():
    a = check(WORKSHEET.with_suffix(".toml")).parts[0]
    assert [(c.quantity, c.written) for c in a.errors()] == [
        ("∂L/∂w8", "5.57e−4"),
        ("w2'", "1.0000005"),
        ("w4'", "1.00000005"),
        ("w6'", "1.00000005"),
    ]


def test_the_check_file_shortcut_reads_part_b_as_the_worksheet_does():
    b = check(WORKSHEET.with_suffix(".toml")).parts[1]
    assert [(c.quantity, c.written) for c in b.errors()] == [("w9", "0")]
    carried = [(c.quantity, c.written) for c in b.checks if c.verdict == "carried"]
    # w7' = 1.00693 and w1' = 0.50286 truncate what the writer's w9 = 0 gives (1.0069395,
    # 0.5028688), not the exact 1.006949 and 0.502873: they follow from the slip too
    assert carried == [("w9'", "0.00693"), ("w7'", "1.00693"), ("w9", "0"), ("∂z/∂a3", "0"),
                       ("w5'", "0.5"), ("w1'", "0.50286")]  # fmt: skip
    assert b.contradictions == ["w9 is written with different values: -1.0 as given; 0 at line 13"]


def test_delta_reused_is_no_false_alarm():
    (part,) = check(HERE / "delta_121.txt").parts
    assert part.errors() == [] and part.judged.unread == []
    judged = [c for c in part.checks if c.line == 24 and c.kind == "result"]  # dL/dw4 = … = 0.0522
    assert [c.verdict for c in judged] == ["match"]


SLIPS = {
    "sign": "sign is dropped",
    "activation": "sigmoid's derivative",
    "copied_value": "that is a1's value",
    "updated_weight": "updated w3' is used where w3 belongs",
    "missing_factor": "factor 2 missing",
    "power_of_ten": "power of ten",
    "transposed": "digits transposed",
    "arithmetic": "arithmetic",
}


@pytest.mark.parametrize("slip", SLIPS)
def test_each_planted_slip_is_caught_on_its_line_and_named(slip):
    expected = json.loads((HERE / f"delta_121_{slip}.expected.json").read_text())
    (part,) = check(HERE / f"delta_121_{slip}.txt").parts
    planted = expected["errors"][0]["line"]
    first = part.errors()[0]
    assert first.line == planted and SLIPS[slip] in first.diagnosis


@pytest.mark.parametrize(
    "name, error_lines",
    [
        ("cs231n_circuits.txt", []),
        ("cs231n_sigmoid_neuron.txt", []),
        # net_h1 = w1·i1 + w3·i2 + b1: the post's w3 is w2 (0.3825, not 0.3775); its
        # alternative ∂E/∂w5 = −δ_o1·out_h1 has the opposite sign with the δ_o1 it defines.
        # Its ∂E_o2/∂out_h1 = −0.019049119 for −0.0190491183 is one unit in the ninth place of
        # a number of nine digits: a rounding (verdict.LONG_NUMBER), not an error
        ("mazur_2_2_2.md", [93, 129]),
    ],
)
def test_published_examples(name, error_lines):
    parts = check(HERE / name).parts
    assert sorted({c.line for p in parts for c in p.errors()}) == error_lines
    assert all(len([c for c in p.checks if c.kind != "given"]) >= 3 for p in parts)


def test_a_published_slip_is_found():
    # the rework copies ∂E_o1/∂a_h1 = 0.055399425 as 0.055399435 (expected.json, line 135 of
    # its aligned block), and writes × where its sum belongs
    (slip,) = json.loads((HERE / "bp_cn_2_2_2.expected.json").read_text())["errors"]
    (part,) = check(HERE / "bp_cn_2_2_2.md").parts
    assert any(slip["written"] in c.written for c in part.errors())
    assert any(c.written == "∂E_o1/∂a_h1 · ∂E_o2/∂a_h1" for c in part.errors())


def test_latex_reads_as_the_text_form():
    assert latex_to_text(r"\frac{\partial E_{total}}{\partial w_5}") == "∂E_total/∂w5"
    assert latex_to_text(r"\omega'_4 = \boxed{1.5}") == "ω4' = 1.5"
    assert latex_to_text(r"\text{net}_{h1} = w_5^{+}") == "net_h1 = w5'"
    assert latex_to_text(r"\underbrace{a \times b}_{\text{same}}") == "a × b"


def test_a_malformed_line_is_listed_with_its_line_and_reason():
    report = check_text("x = 2\ny = 3 +* 4\nf = x^2 = 4")
    (part,) = report.parts
    (unread,) = part.judged.unread
    assert unread.line == 2 and "cannot read" in unread.reason
    assert [c.verdict for c in part.checks if c.kind != "given"] == ["match"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("x = " + "(" * 100 + "1" + ")" * 100, "nested deeper"),
        ("x = " + "-" * 500 + "1", "nested deeper"),
        ("x = 1" + " + 1" * 3000, "longer than"),
        ("x = 1e999", "beyond a float"),
    ],
)
def test_hostile_lines_are_refused_in_one_line(text, words):
    (part,) = check_text(text).parts
    assert words in part.judged.unread[0].reason


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    path.write_text("x = 1\n" * (LIMITS["bytes"] // 5))
    assert main(["check", str(path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "bytes" in line and f"{LIMITS['bytes']:,}" in line


def test_json_gives_every_check_with_the_text_as_written(capsys):
    assert main(["check", str(HERE / "delta_121.txt"), "--json"]) == 0
    (part,) = json.loads(capsys.readouterr().out)["parts"]
    row = part["checks"][-1]
    assert set(row) >= {"line", "quantity", "written", "exact", "from_written", "verdict"}
    assert "diagnosis" in row and isinstance(row["written"], str)


def test_homework_json_into_a_closed_pipe_is_quiet():
    run = subprocess.run(
        f"{sys.executable} -m autograd homework --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert run.stdout.strip() == "{" and run.stderr == ""


def test_every_number_written_is_judged_or_listed():
    sheets = [WORKSHEET, *sorted(HERE.glob("*.txt")), *sorted(HERE.glob("*.md"))]
    for path in sheets:
        for part in check(path).parts:
            assert not [u for u in part.judged.unread if u.reason.startswith("not judged")]


def test_a_number_left_unjudged_would_be_listed(monkeypatch):
    judge = sys.modules["autograd.audit.judge"]
    monkeypatch.setattr(judge._Marks, "cover", lambda self, e: None)  # a checker that drops
    (part,) = check_text("x = 2\nf = x^2 = 2^2 = 4").parts
    listed = [u.reason for u in part.judged.unread]
    assert listed == ["not judged: 2", "not judged: 2, 2, 2, 4"]  # x^2 = 2^2 = 4: 2, 2, 2, 4


def test_a_low_precision_number_is_not_called_another_quantitys_value():
    (part,) = check_text("x = 0.5, y = 0.31\nz = x·y = 0.3").parts  # 0.155, and y ≈ 0.3
    (wrong,) = part.errors()
    assert wrong.written == "0.3" and "y's value" not in wrong.diagnosis
    (part,) = check_text("x = 0.5, y = 0.3127\nz = x·y = 0.3127").parts
    (wrong,) = part.errors()
    assert "y's value" in wrong.diagnosis


def test_graph_of_a_worksheet(tmp_path):
    out = tmp_path / "delta.dot"
    argv = ["graph", "--file", str(HERE / "delta_121.txt"), "--part", "1", "--highlight", "w1"]
    assert main([*argv, "-o", str(out)]) == 0
    dot = out.read_text()
    # ∂z1/∂w1 = x = 0.8 on the edge from w1; the caption's product is ∂L/∂w1
    assert "= x = 0.8000" in dot and "∂L/∂w1" in dot
    assert main([*argv[:3], "--part", "9", "-o", str(out)]) == 2  # no part 9: one line


def test_formulas_written_in_terms_of_each_other_end(tmp_path):
    # each derivative written as the other: followed once, then the exact value is used
    text = "x = 2\ny = 3x\nz = 2y\ndz/dy = dy/dx · dz/dy / 3\ndy/dx = dz/dy · 3/2 = 3"
    (part,) = check_text(text).parts
    assert [c.verdict for c in part.checks if c.verdict != "given"] == ["match"] * 3


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a written update rule is judged against w − η·∂L/∂w (σ(0.2) = 0.549834, so
        # ∂L/∂w = −(1 − 0.549834)·0.549834·0.450166 = −0.111424 and w' = 0.255712)
        (
            "x = 1, w = 0.2, t = 1, η = 0.5\nnet = w x = 0.2\no = σ(net) = 0.5498\n"
            "L = ½(t − o)^2 = 0.1013\nw' = w + η dL/dw = 0.2 + 0.5(-0.1114) = 0.1443",
            5,
        ),
        # a whole number is exact: ∂L/∂w = (σ(0.9) − 0)·σ'(0.9)·1.5 = 0.2527, not 0
        (
            "x = 1.5, y = 0, w = 0.8, b = -0.3\nz = w x + b = 0.9\na = σ(z) = 0.7109\n"
            "dL/dw = 0\nL = 1/2 (a - y)^2 = 0.2527",
            4,
        ),
        # right at these numbers only: z = w1·x + w2 gives ∂z/∂x = w1, not w2
        ("x = 1, w1 = 1, w2 = 1\nz = w1 x + w2 = 2\ndz/dx = w2 = 1", 3),
        # written with numbers only, and still judged: 2 · 3 is 6
        ("x = 2 · 3 = 7", 1),
    ],
)
def test_wrong_work_is_never_judged_right(text, wrong):
    (part,) = check_text(text).parts
    assert wrong in {c.line for c in part.errors()}


@pytest.mark.parametrize(
    "text",
    [
        "x = 3\nz = 0.5 x = 1.5\nq = 2 z = 3\nr = x + 1 = 4",  # a decimal constant defines
        "x = 3\na = x^2\nb = a = 9\nc = b + 1 = 10",  # b is another name for a
        "w = 0.4, x = 2\nz = 0.4 × 2 + 0.1 = 0.9\na = σ(z) = 0.7109",  # σ(0.9) = 0.710950
        "x = 2, y = 0\nq = y/x = 0\nr = x/y = 1\ns = x + 1 = 3",  # 1/0 stays on its line
    ],
)
def test_ordinary_worksheets_are_judged_line_by_line(text):
    (part,) = check_text(text).parts
    judged = [c for c in part.checks if c.kind == "result" and c.verdict != "error"]
    unread = [u.line for u in part.judged.unread]
    assert len(judged) >= 2 and unread in ([], [3])  # only r = x/0 is not computable


@pytest.mark.parametrize(
    "text",
    [
        "x = 2\nq = x + 1 ≈ 3",
        "x = 2\nr = x/3 = 0.666...",
        "x = 2\nt = x·10^-3 = 2 × 10⁻³",
        "x = 2\nu = x/3 = 0.6667.",
        "x = 2\ny = x^2\ndy / dx = 4",
        "Given: x = 2\n- y = x + 1 = 3",
        "w₁ = 0.5\nz = 2w₁ = 1",
        "\ufeffx = 4\ns = √x = 2",
    ],
)
def test_everyday_notation_is_read(text):
    (part,) = check_text(text).parts
    assert part.judged.unread == [] and part.errors() == []
    assert part.checks[-1].verdict in ("match", "rounding")


@pytest.mark.parametrize(
    "text, markdown, reason",
    [
        ("$x = 1$\n\n$$y = 2x = 2\n\nmore prose", True, "never closed"),
        ("---\nlos: E\n---\nx = 2", False, "no front matter key 'los'"),
        ("y = x + 1 = 3", False, "x has no value"),
    ],
)
def test_what_cannot_be_read_says_why(text, markdown, reason):
    (part,) = check_text(text, markdown=markdown).parts
    assert any(reason in u.reason for u in part.judged.unread)


@pytest.mark.parametrize(
    "reading, words",
    [
        ("— why", "line 2: reading: expected NAME = NUMBER, got nothing"),  # was an IndexError
        ("w = 1e400 — why", "line 2: reading: 1e400 is beyond a float's range"),  # no line
        # a name no given has: it was "--set: 'q' is not a given value", an option never used
        ("q = 1 — why", "reading 'why': 'q' is not a given value; choose from x, w"),
    ],
)
def test_a_reading_that_cannot_be_read_is_one_line_naming_it(reading, words):
    from autograd.audit import InputError

    with pytest.raises(InputError, match=re.escape(words)):
        check_text(f"---\nreading: {reading}\n---\nx = 2, w = 1\nz = w x = 2")


@pytest.mark.parametrize("size", ["1e304", "-1.7e308", "2.5e-308"])
def test_a_number_a_float_holds_is_read(size):
    # "1e304 is beyond a float's range": the reader stopped at 1e±300, a float reaches 1.8e308
    (part,) = check_text(f"x = {size}\nz = x + 0 = {size}").parts
    assert part.judged.unread == [] and part.errors() == []


@pytest.mark.parametrize("size", ["1.8e308", "1e-320", "-1e999"])
def test_a_number_beyond_a_float_says_the_range(size):
    (part,) = check_text(f"x = {size}\nz = x + 0 = 1").parts
    reasons = {u.reason for u in part.judged.unread}
    assert f"{size} is beyond a float's range (0, or sizes from 2.2e-308 to 1.79e308)" in reasons


def test_an_implication_with_nothing_on_its_sides_is_no_traceback():
    # "z = x + 1 = 3 ⇒ ⇒" split into no sides, and the first side was read: an IndexError
    (part,) = check_text("x = 2\nz = x + 1 = 3 ⇒ ⇒").parts
    assert [(c.quantity, c.verdict) for c in part.checks if c.kind == "result"] == [("z", "match")]


@pytest.mark.parametrize("text", [None, 123, b"x = 1"])
def test_check_text_of_no_text_names_what_it_got(text):
    # None and 123 were "'NoneType' object has no attribute 'splitlines'"
    with pytest.raises(TypeError, match=r"^check_text: expected the worksheet as a str, got"):
        check_text(text)


def test_check_of_a_worksheets_text_says_to_use_check_text():
    # the text was taken for a file name: a message of two lines, "No such file or directory"
    from autograd.audit import InputError

    with pytest.raises(InputError, match="use check_text") as caught:
        check("x = 1\nz = x + 1 = 2")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("odd", ["\f", "\v", "\u2028", "\u2029", "\x1c", "\x85"])
@pytest.mark.parametrize("markdown", [False, True])
def test_line_numbers_are_the_editors_whatever_else_python_splits_lines_at(odd, markdown):
    # str.splitlines also breaks at a form feed, U+2028 and others: the z of line 2 (as
    # every editor numbers it) was reported on line 3
    text = f"x = 2, w = 3{odd}\nz = w x = 7\n"
    if markdown:
        text = f"$x = 2$, $w = 3$ {odd}\n$z = w x = 7$\n"
    (part,) = check_text(text, markdown=markdown).parts
    assert [(c.line, c.quantity) for c in part.errors()] == [(2, "z")]


def test_a_second_number_for_a_given_on_its_line_is_judged():
    (part,) = check_text("x = 1 = 2").parts
    assert [(c.written, c.verdict) for c in part.checks] == [("1", "given"), ("2", "error")]


def test_latex_equation_environments_are_read():
    text = "$x = 1$\n\\begin{equation}\ny = x + 1 = 2\n\\end{equation}"
    (part,) = check_text(text, markdown=True).parts
    assert [(c.quantity, c.verdict) for c in part.checks if c.kind == "result"] == [("y", "match")]


def test_cli_takes_a_part_as_its_title_writes_it_and_a_typed_minus(capsys):
    assert main(["homework", "--part", "(b)", "--set", "w9=−1", "--json"]) == 0
    (part,) = json.loads(capsys.readouterr().out)["parts"]
    assert part["name"] == "b"


def test_latex_juxtaposed_letters_are_a_product_where_no_such_name_exists():
    text = "$w = -1.2$, $x = 0.6$, $b = 0.4$\n\n$$z = wx + b = (-1.2)(0.6) + 0.4 = -0.32$$"
    (part,) = check_text(text, markdown=True).parts
    assert [(c.quantity, c.verdict) for c in part.checks if c.kind == "result"] == [("z", "match")]


def test_a_result_carried_from_more_digits_than_shown_is_rounding():
    # z = 0.3, a = tanh(0.3) = 0.291313; d = −0.1596·(1 − 0.2913²) = −0.146057, written −0.1461;
    # d·x is −0.07305 from the written −0.1461, −0.07303 from the unrounded one: −0.07304 lies
    # within what −0.1461 (±0.00005, times 0.5) allows
    text = (
        "x = 0.5\nz = 0.3\na = tanh(z) = 0.2913\nd = -0.1596(1 - a^2) = -0.1596(1 - 0.2913^2)"
        " = -0.1461\ng = d·x = -0.1461 · 0.5 = -0.07304"
    )
    (part,) = check_text(text).parts
    (g,) = [c for c in part.checks if c.kind == "result" and c.quantity == "g"]
    assert g.verdict == "rounding"


def test_the_readme_worksheet_gives_the_summary_the_readme_shows():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Checking a hand calculation, line by line")[1]
    worksheet, summary = section.split("```text\n")[1:3]
    (part,) = check_text(worksheet.split("```")[0]).parts
    shown = summary.split("```")[0].rstrip("\n")
    assert part.text().endswith(shown)


def test_each_row_of_an_aligned_block_reports_its_own_line():
    rows = "y &= x^2 + 1 \\\\\n  &= 2^2 + 1 \\\\\n  &= 6"
    text = f"$x = 2$\n\n$$\\begin{{aligned}}\n{rows}\n\\end{{aligned}}$$"
    (part,) = check_text(text, markdown=True).parts
    (slip,) = part.errors()  # 2² + 1 is 5: the slip is on the sixth line, where 6 stands
    assert (slip.line, slip.written) == (6, "6")


def test_a_part_after_the_previous_one_is_the_next_step():
    # step 1: σ(0.2) = 0.549834, ∂L/∂w = (a − 1)·a(1 − a)·1 = −0.111424, w' = 0.255712;
    # step 2 starts there: σ(0.255712) = 0.563582
    text = (
        "x = 1, w = 0.2, y = 1, η = 0.5\nz = w x = 0.2\na = σ(z) = 0.5498\n"
        "L = 1/2 (a - y)^2 = 0.1013\ndL/dw = (a - y) a (1 - a) x = -0.1114\n"
        "w' = w - η dL/dw = 0.2557\n---\nafter: previous\n---\n"
        "w = 0.2557\nz = w x = 0.2557\na = σ(z) = 0.5636"
    )
    first, second = check_text(text).parts
    assert first.errors() == second.errors() == [] and second.contradictions == []
    a = sigmoid(0.2)
    w = 0.2 - 0.5 * (a - 1) * a * (1 - a)  # 0.255712
    (a2,) = [c for c in second.checks if c.quantity == "a"]
    assert a2.exact == pytest.approx(sigmoid(w), rel=1e-12)


def test_a_chain_rule_with_a_path_left_out_names_it():
    # E = E1 + E2, both through h: ∂E/∂h = ∂E1/∂h + ∂E2/∂h = u + v = 7, not u = 2
    text = "h = 3, u = 2, v = 5\nE1 = u h\nE2 = v h\nE = E1 + E2\ndE/dh = dE1/dh = 2"
    (part,) = check_text(text).parts
    (formula,) = [c for c in part.errors() if c.kind == "formula"]
    assert formula.diagnosis == "the path through E2 is missing (∂E2/∂h = 5)"


def test_a_formula_that_reads_its_own_derivative_ends_in_a_line():
    # found by the thorough fuzz run: f = ∂f/∂z · x sent the search for f's other formula
    # into itself (a RecursionError); now ∂f/∂z is simply not computed from z
    (part,) = check_text("x = 2\nf = x^2\nf = df/dz · x\nz = 3\ndf/dz = 1").parts
    assert any("not computed from z" in u.reason for u in part.judged.unread)


def test_a_bracket_written_as_its_value_pairs_and_the_updated_weight_is_named():
    # z − y written as its value 1; w' = 0.5 − 0.1·4 = 0.1 used where w = 0.5 belongs
    text = (
        "x = 2, w = 0.5, y = 0, η = 0.1\nz = w x = 1\nL = (z - y)^2 = 1\n"
        "dL/dw = 2(z - y) x = 4\nw' = w - η dL/dw = 0.1\ndL/dx = 2(z - y) w = 2 · 1 · 0.1 = 0.2"
    )
    (part,) = check_text(text).parts
    slip = next(c for c in part.errors() if c.quantity == "w")
    assert (slip.line, slip.diagnosis) == (6, "the updated w' is used where w belongs")


def test_sigma_prime_and_tanh_prime_are_the_derivatives():
    # σ'(0.5) = σ(0.5)(1 − σ(0.5)) = 0.235004; tanh'(0.5) = 1 − tanh(0.5)² = 0.786448
    text = "z = 0.5\na = σ(z)\nda/dz = σ'(z) = 0.2350\nt = tanh(z)\ndt/dz = tanh'(z) = 0.7864"
    (part,) = check_text(text).parts
    assert part.errors() == [] and part.judged.unread == []
    assert sigmoid(0.5) * (1 - sigmoid(0.5)) == pytest.approx(0.235004, abs=1e-6)


def test_a_run_of_names_ending_in_a_number_gives_each_of_them(capsys):
    # the README's own way of writing givens: w1 = w2 = 1 gives both, and claims no formula
    text = "x1 = 0, x2 = 1\nw1 = w2 = 1\nz = w1 x1 + w2 x2 = 1"
    (part,) = check_text(text).parts
    assert part.errors() == [] and part.judged.unread == []
    given = [(c.quantity, c.written) for c in part.checks if c.verdict == "given"]
    assert ("w1", "1") in given and ("w2", "1") in given
    assert [c.verdict for c in part.checks if c.kind == "result"] == ["match"]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize(
    "line",
    [
        "q = " + "d" * 495_000,  # each d of dL / dw once searched to the end: 15 s at 40,000
        "q = " + "da /" * 123_000,
        "x = " + "1" * 495_000,
        "\\[ " * 165_000,  # in Markdown, each unclosed \[ once searched to the end
        "x = " + "a_1" * 165_000,
        " " * 495_000 + "&= 1",
        "x =" + " " * 495_000 + "1",  # each space of the run was a start of ⇒ and :=
        "\\begin{matrix} " * 33_000,  # each unclosed matrix once searched to the end
        "\\begin{matrix}" + "\\\\[" * 160_000 + "\\end{matrix}",  # and 160,000 rows
    ],
    ids=["d", "da/", "digits", "unclosed", "scripts", "spaces", "implies", "matrices", "rows"],
)
def test_lines_of_half_a_megabyte_are_refused_at_once(tmp_path, capsys, line, suffix):
    # every pattern over the text is linear, and the line limit is checked before any runs:
    # the generous bound is the test's (the hang it guards against took minutes)
    path = tmp_path / f"long{suffix}"
    path.write_text(f"{line}\n$$ {line} $$\n")  # as prose, and as maths
    start = time.process_time()
    assert main(["check", str(path)]) == 0
    assert time.process_time() - start < 5
    out = capsys.readouterr().out
    assert "longer than 10000 characters" in out or "more than 5,000 entries" in out


@pytest.mark.parametrize(
    "sentence",
    ["x = " + "1" * 200_000 + "a", "x = " + "a_1" * 70_000, "x = " + "ab" * 100_000 + "1a"],
)
def test_givens_in_a_sentence_are_found_in_linear_time(sentence):
    # under the line limit a paragraph is one line; a name with underscores or a run of digits
    # that ends in no given once made the pattern retry every split: 13 s at 20,000 digits
    from autograd.audit.read_prose_lines import _GIVEN

    start = time.process_time()
    assert list(_GIVEN.finditer(sentence)) == []
    assert time.process_time() - start < 1
    found = _GIVEN.finditer("Initial weights: w1 = 0.15, net_h1 = .5 and b_o_1 = 3.")
    assert [m.groups() for m in found] == [("w1", "0.15"), ("net_h1", ".5"), ("b_o_1", "3")]


def test_maths_are_found_as_the_lazy_pattern_finds_them():
    # the one-pass scanner against the regex it replaces, on every string of these pieces
    import itertools
    import re

    from autograd.audit.maths_spans import maths_spans as _maths

    pattern = re.compile(
        r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\$(.+?)\$|\\\((.+?)\\\)"
        r"|(\\begin\{(?:equation|align)\*?\}.+?\\end\{(?:equation|align)\*?\})",
        re.DOTALL,
    )
    pieces = ["$", "\\[", "\\]", "\\(", "\\)", "a", "\\begin{align*}", "\\end{equation}"]
    for n in range(6):
        for text in map("".join, itertools.product(pieces, repeat=n)):
            expected = [(m.start(), m.end(), next(g for g in m.groups() if g is not None))
                        for m in pattern.finditer(text)]  # fmt: skip
            assert _maths(text) == expected, text


def test_a_backslash_at_the_end_of_a_maths_line_is_no_traceback():
    (part,) = check_text("$$x = 1\\\n$$\n$$y = x\\\n + 1 = 2$$", markdown=True).parts
    assert part.errors() == [] and [c.verdict for c in part.checks][-1] == "match"


def test_an_update_written_as_its_weight_in_a_run_is_still_judged():
    # w' = w = 1 claims w' = w (the step is zero), unlike w1 = w2 = 1, which gives two names
    (part,) = check_text("x = 0, y = 1, η = 0.1, w = 1\nz = w x\nL = ½(y − z)^2\nw' = w = 1").parts
    assert [(c.quantity, c.written, c.verdict) for c in part.checks if c.line == 4] == [
        ("w'", "w", "match"), ("w'", "1", "match")]  # fmt: skip


def test_lines_at_the_limit_are_read_in_linear_time():
    # 10,000 characters is allowed: 20 such lines of spaces took 90 s (4.5 s each) when ⇒
    # and := were looked for from every space of the run; the bound is generous
    text = "\n".join(f"x{i} =" + " " * 9_990 + "1" for i in range(20))
    start = time.process_time()
    (part,) = check_text(text).parts
    assert time.process_time() - start < 5 and len(part.checks) == 20


def test_matrices_are_found_as_the_lazy_pattern_finds_them():
    import itertools

    from autograd.audit.read_matrix import MATRIX, take_matrices

    def oracle(body):  # the regex the one-pass scan replaces, with its row split
        found = {}

        def mark(m):
            rows = re.split(r"\\\\(?:\[[^\]]*\])?", m.group(2))
            key = f"⟦{len(found)}⟧"
            found[key] = [[c.strip() for c in r.split("&")] for r in rows if r.strip()]
            return key

        return MATRIX.sub(mark, body), found

    pieces = ["\\begin{matrix}", "\\end{matrix}", "\\begin{array}{cc}", "\\end{array}", "a&b",
              "\\\\", "[2pt]"]  # fmt: skip
    for n in range(6):
        for body in map("".join, itertools.product(pieces, repeat=n)):
            assert take_matrices(body) == oracle(body), body


def test_a_decimal_comma_is_not_read_as_a_list_of_equations():
    # "0,5(2) - 1 = 0" was split at the comma and "5(2) − 1 = 0" judged an error; "w = 0,5"
    # dropped w. A comma between two digits is never where one equation ends.
    part = check_text(
        "x = 2, y = 0, w = 0,5, b = -1\n"
        "z = w x + b = 0,5(2) - 1 = 0\n"
        "w' = w − 0.5·0.025 = 0,5 − 0.5(0.025) = 0.4875\n"
    ).parts[0]
    assert part.errors() == []
    assert {c.quantity for c in part.checks} >= {"x", "y", "b"}
