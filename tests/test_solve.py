"""Answer keys and variants: every key ``solve`` writes is read back by ``check`` with no error
and every number in it checked; its values are the homework report's and the hand's.

Expected numbers come from ``math`` (the chain rule written out by hand below), from the
homework report (the checker, a separate reading of the same document), and from the hand
calculation in tests/worksheets/delta_121.txt, written by another helper without this code.
"""

import csv
import io
import math
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from autograd.audit import InputError, check, check_text, read
from autograd.audit.read_latex import read_markdown
from autograd.audit.read_text import read_text
from autograd.audit.recompute import is_formula
from autograd.audit.solve import solve, solve_part
from autograd.audit.variants import answers_csv, variants
from autograd.audit.worksheet import numbers_in
from autograd.cli import main
from autograd.homework import PATH as HW_TOML
from autograd.homework import WORKSHEET as HW_MD

HERE = Path(__file__).with_name("worksheets")
TWO_OUTPUTS = HERE / "two_outputs_tanh.txt"
PROBLEMS = [HW_MD, HW_TOML, *(HERE / n for n in (
    "delta_121.txt", "mazur_2_2_2.md", "bp_cn_2_2_2.md", "cs231n_circuits.txt",
    "cs231n_sigmoid_neuron.txt", "two_outputs_tanh.txt"))]  # fmt: skip
NEURON = "x1 = 0.6, x2 = -0.4, y = 1, α = 0.5\nw1 = 0.3, w2 = -0.7, b = 0.2\n" \
    "z = w1 x1 + w2 x2 + b\na = σ(z)\nL = ½(y − a)^2"  # fmt: skip


def assert_reads_back(text: str, markdown: bool = False) -> Counter:
    """``check`` on a key: no error, nothing not understood, and every number written in it
    checked (a given, a number substituted, a result), except the formula's own constants."""
    report = check_text(text, markdown=markdown)
    verdicts: Counter = Counter()
    for part in report.parts:
        assert part.errors() == [] and part.judged.unread == []
        assert not part.contradictions
        checked = Counter(c.line for c in part.checks
                          if c.kind in ("given", "substitution", "result"))  # fmt: skip
        written: Counter = Counter()
        for chain in part.judged.part.chains:
            numeric = [x for x in chain.links if not is_formula(x)]
            constants = [x for x in chain.links[1:] if is_formula(x)]
            written[chain.line] += sum(len(numbers_in(x)) for x in numeric) - sum(
                len(numbers_in(x)) for x in constants
            )
        assert checked == +written
        verdicts.update(c.verdict for c in part.checks)
    assert verdicts["match"] > 0
    return verdicts


@pytest.mark.parametrize("carry", ["exact", "rounded"])
@pytest.mark.parametrize("path", PROBLEMS, ids=lambda p: p.name)
def test_every_key_reads_back_with_no_error_and_every_number_checked(path, carry):
    solution = solve(path, carry=carry)
    verdicts = assert_reads_back(solution.text())
    steps = "relu(" in Path(path).read_text(encoding="utf-8") or "max(" in Path(path).read_text(
        encoding="utf-8")  # fmt: skip
    for key in solution.keys:  # every local derivative with its formula (a step has none)
        assert steps or all(line.formula is not None for line in key.lines)
    if carry == "exact":  # exact values rounded: nothing merely truncated or carried
        assert verdicts["rounding"] == 0


@pytest.mark.parametrize("path", [HW_MD, TWO_OUTPUTS], ids=lambda p: p.name)
def test_markdown_keys_read_back_too(path):
    for carry in ("exact", "rounded"):
        assert_reads_back(solve(path, carry=carry).markdown(), markdown=True)


def test_the_homework_key_has_every_exact_value_of_the_homework_report():
    for path in (HW_MD, HW_TOML):
        report, key = check(path), solve(path)
        for part, solved in zip(report.parts, key.keys):
            values = solved.values
            compared = 0
            for c in part.checks:
                if c.kind == "constant":  # ½ of ½(y − ŷ)²: the formula's own, no value
                    continue
                if c.quantity.startswith("∂/∂"):  # ∂/∂a (½(y − a)²): an expression, ∂L/∂a
                    assert c.exact == pytest.approx(values["∂L/∂a"], rel=1e-12)
                    continue
                assert c.exact == pytest.approx(values[c.quantity], rel=1e-12, abs=1e-15), c
                compared += 1
            assert compared >= 30


def test_the_homework_key_values_by_hand():
    a_part, b_part = solve(HW_MD).keys
    s = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    a1 = s(2)
    out = s(3 * a1 + 1)
    delta = -(1 - out) * out * (1 - out)
    values = a_part.values
    assert values["L"] == pytest.approx(0.5 * (1 - out) ** 2, rel=1e-12)
    assert values["∂L/∂w7"] == pytest.approx(delta * a1, rel=1e-12)
    assert values["∂L/∂w1"] == 0  # x1 = 0
    assert values["w2'"] == pytest.approx(1 - 0.1 * delta * a1 * (1 - a1), rel=1e-12)
    assert a_part.answers["w2'"] == "1.000006664"  # as many places as the step needs
    h = s(0.35)
    out_b = s(h - h + 0.1)  # w7 = 1, w8 = 0, w9 = −1 as the forward pass substitutes them
    assert b_part.values["∂L/∂w5"] == pytest.approx(
        -(1 - out_b) * out_b * (1 - out_b) * -1 * h * (1 - h), rel=1e-12
    )


def test_two_outputs_tanh_by_hand_and_the_loss_falls():
    key = solve(TWO_OUTPUTS).keys[0]
    x1, x2, t1, t2, eta = 0.5, -0.2, 0.3, -0.1, 0.5
    w = dict(w1=0.4, w2=-0.3, w3=0.2, w4=0.6, b1=0.1, b2=-0.1,
             w5=0.7, w6=-0.5, w7=0.3, w8=0.8, b3=0.05, b4=0.2)  # fmt: skip

    def loss(w):
        h1 = math.tanh(w["w1"] * x1 + w["w2"] * x2 + w["b1"])
        h2 = math.tanh(w["w3"] * x1 + w["w4"] * x2 + w["b2"])
        o1 = math.tanh(w["w5"] * h1 + w["w6"] * h2 + w["b3"])
        o2 = math.tanh(w["w7"] * h1 + w["w8"] * h2 + w["b4"])
        return 0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2

    eps = 1e-6
    for name in w:
        up, down = {**w, name: w[name] + eps}, {**w, name: w[name] - eps}
        assert key.values[f"∂E/∂{name}"] == pytest.approx(
            (loss(up) - loss(down)) / (2 * eps), rel=1e-6, abs=1e-10)  # fmt: skip
    stepped = {n: v - eta * key.values[f"∂E/∂{n}"] for n, v in w.items()}
    assert key.values["E"] == pytest.approx(loss(w), rel=1e-12)
    assert key.values["E'"] == pytest.approx(loss(stepped), rel=1e-12)
    assert key.values["E'"] < key.values["E"]
    lines = key.text()
    assert "∂o1/∂h1 = (1 − o1^2) · w5 = (1 − 0.3376^2) · 0.7 = 0.6202" in lines


def test_carrying_rounded_numbers_matches_the_hand_calculation_digit_for_digit():
    hand = {"a1": "0.4621", "a2": "-0.3452", "z3": "0.6730", "ŷ": "0.6622", "L": "0.1141",
            "∂L/∂ŷ": "-0.6756", "∂ŷ/∂z3": "0.2237", "∂a1/∂z1": "0.7865"}  # fmt: skip
    rounded = solve(HERE / "delta_121.txt", carry="rounded").keys[0].answers
    assert {q: rounded[q] for q in hand} == hand  # delta_121.txt, worked by hand
    exact = solve(HERE / "delta_121.txt", carry="exact").keys[0].answers
    assert 1 - math.tanh(0.5) ** 2 == pytest.approx(0.786448, abs=1e-6)
    assert exact["∂a1/∂z1"] == "0.7864"  # exactly; 1 − 0.4621² = 0.78646 by hand


def test_digits_and_an_exact_given_stay_as_written():
    key = solve_part(read_text(NEURON).parts[0], digits=6)
    assert key.givens["w2"] == "-0.7"
    z = 0.3 * 0.6 + -0.7 * -0.4 + 0.2
    assert key.answers["z"] == "0.660000" and key.answers["a"] == f"{1 / (1 + math.exp(-z)):.6f}"


def test_set_changes_a_given_as_typed():
    key = solve(HW_MD, overrides={"w7": 0.5}).keys[0]
    assert key.givens["w7"] == "0.5" and key.answers["∂z/∂a1"] == "0.5"
    assert key.values["z"] == pytest.approx(2.5 / (1 + math.exp(-2)) + 1, rel=1e-12)


def test_parameters_default_to_weights_and_biases_and_the_front_matter_overrides():
    assert solve_part(read_text(NEURON).parts[0]).parameters == ["w1", "w2", "b"]
    chosen = solve_part(read_text("---\nparameters: b, x1\n---\n" + NEURON).parts[0])
    assert chosen.parameters == ["b", "x1"]
    assert "x1'" in chosen.answers and "w1'" not in chosen.answers
    with pytest.raises(InputError, match="'v' is not a given value"):
        solve_part(read_text("---\nparameters: v\n---\n" + NEURON).parts[0])
    circuit = solve(HERE / "cs231n_circuits.txt").keys[1]  # no weights: every input
    assert set(circuit.parameters) == {"x", "y", "z"}


def test_variants_read_back_with_no_error_for_100_of_them():
    keys = variants(read_text(NEURON).parts[0], 100, seed=3, carry="rounded")
    assert len({tuple(k.givens.values()) for k in keys}) == 100
    report = check_text("\n".join(k.text() for k in keys))
    assert len(report.parts) == 100
    for part in report.parts:
        assert part.errors() == [] and part.judged.unread == []
    for key in keys:
        for name in ("w1", "w2", "b"):  # hand-friendly: one decimal, as the original
            assert len(key.givens[name].split(".")[1]) == 1
            assert 0 < abs(Decimal(key.givens[name])) <= 1
        assert key.givens["x1"] == "0.6" and key.givens["α"] == "0.5"  # not parameters
        assert all(Decimal(key.answers[f"∂L/∂{n}"]) != 0 for n in ("w1", "w2", "b"))


def test_variants_keep_the_original_zeros_and_are_deterministic():
    part_a = read(HW_MD).parts[0]
    first, again = variants(part_a, 4, seed=5), variants(part_a, 4, seed=5)
    assert [k.givens for k in first] == [k.givens for k in again]
    assert [k.givens for k in first] != [k.givens for k in variants(part_a, 4, seed=6)]
    for key in first:
        assert key.givens["x1"] == "0" and key.answers["∂L/∂w1"] == "0"  # as the original
        assert Decimal(key.answers["∂L/∂w2"]) != 0
        assert_reads_back(key.text())


def test_vary_redraws_the_givens_it_names_too():
    keys = variants(read_text("---\nvary: x1\n---\n" + NEURON).parts[0], 5, seed=2)
    assert len({k.givens["x1"] for k in keys}) > 1 and {k.givens["x2"] for k in keys} == {"-0.4"}
    with pytest.raises(InputError, match="vary: 'q' is not a given value"):
        variants(read_text("---\nvary: q\n---\n" + NEURON).parts[0], 1)


def test_a_network_too_large_for_a_hand_calculation_is_refused_in_one_line():
    givens = ", ".join(f"w{i} = 0.1" for i in range(201))
    text = f"x = 1\n{givens}\nL = " + " + ".join(f"w{i} x" for i in range(201))
    with pytest.raises(InputError, match=r"201 parameters; .* at most 200"):
        solve_part(read_text(text).parts[0])


def test_the_answers_csv_has_one_row_per_variant_with_every_answer():
    keys = variants(read_text(NEURON).parts[0], 3, seed=1)
    rows = list(csv.DictReader(io.StringIO(answers_csv([[k] for k in keys]))))
    assert [r["variant"] for r in rows] == ["1", "2", "3"]
    for row, key in zip(rows, keys):
        assert row["∂L/∂w1"] == key.answers["∂L/∂w1"] and row["L'"] == key.answers["L'"]
        assert row["w1"] == key.givens["w1"]


def test_a_variant_problem_solves_to_its_own_key():
    (key,) = variants(read_text(NEURON).parts[0], 1, seed=2)
    assert solve_part(read_text(key.problem()).parts[0]).answers == key.answers


@pytest.mark.parametrize("problem, shipped", [
    (HW_MD, "hw1-key.md"), (TWO_OUTPUTS, "two_outputs_tanh-key.md")])  # fmt: skip
def test_the_keys_shown_in_the_readme_are_what_solve_writes(problem, shipped):
    docs = Path(__file__).resolve().parent.parent / "docs" / "keys"
    assert (docs / shipped).read_text(encoding="utf-8") == solve(problem).markdown()


def test_html_is_standalone_mathml_and_jupyter_shows_maths():
    pytest.importorskip("latex2mathml")
    solution = solve(TWO_OUTPUTS)
    page = solution.html()
    assert page.count("<math") > 100 and "<script" not in page and "http" not in page.replace(
        "http://www.w3.org/1998/Math/MathML", "")  # fmt: skip
    assert "$$" in solution._repr_markdown_() and r"\frac{\partial E}" in solution.markdown()


def test_cli_solve_prints_writes_and_makes_variants(tmp_path, capsys):
    assert main(["solve", str(TWO_OUTPUTS), "--digits", "3"]) == 0
    assert "E = E1 + E2 = " in capsys.readouterr().out
    out = tmp_path / "key.md"
    assert main(["solve", str(HW_MD), "--part", "b", "--carry", "rounded", "-o", str(out)]) == 0
    assert_reads_back(out.read_text(encoding="utf-8"), markdown=True)
    folder = tmp_path / "class"
    argv = ["solve", str(TWO_OUTPUTS), "--variants", "2", "--seed", "4", "-o", str(folder)]
    assert main(argv) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["answers.csv", "variant-01-key.txt", "variant-01.txt",
                     "variant-02-key.txt", "variant-02.txt"]  # fmt: skip
    assert_reads_back((folder / "variant-02-key.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("argv, message", [
    (["--digits", "0"], "digits must be a whole number from 1 to 15"),
    (["--format", "pdf"], "'pdf' is not one of txt, md, html"),
    (["--variants", "2"], "give -o DIRECTORY"),
    (["--part", "z"], "no part 'z'"),
])  # fmt: skip
def test_cli_solve_mistakes_are_one_line(argv, message, capsys):
    assert main(["solve", str(HW_MD), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_pass_after_the_step_that_overflows_is_one_line_naming_it():
    # α = 1e300: w' = 0.5 − 4e300, z' = −8e300 and L' = z'² overflows (a KeyError traceback)
    with pytest.raises(InputError, match=r"^solve: worksheet: after the step, L' cannot be"):
        solve_part(read_text("x = 2, w = 0.5, α = 1e300\nz = w x\nL = z^2").parts[0])


@pytest.mark.parametrize("text, why", [
    ("x = 0, w = 0.5\nz = log(x)\nL = z^2", "log: expected a positive input, got 0.0"),
    ("x = 1e300, w = 1e10\nz = w x\nL = z^2", "mul: result too large"),
])  # fmt: skip
def test_a_problem_none_of_whose_formulas_computes_says_why(text, why):
    # it said "no formula defines a quantity to compute", of a page whose formulas all do
    expected = f"^solve: worksheet: no formula can be computed: z: {why}"
    with pytest.raises(InputError, match=expected):
        solve_part(read_text(text).parts[0])


def test_a_loss_that_names_a_parameter_has_the_derivative_one():
    # q = L with L a given: the loss is L's own node, and its one path has no factors
    key = solve_part(read_text("L = 0.5, w = 2\nq = L").parts[0])
    assert key.values["∂q/∂L"] == 1.0


def test_a_loss_that_is_a_given_is_one_line():
    # loss: x for a given x: ∂x/∂x has a path of no factors, an IndexError traceback
    text = "---\nloss: x\n---\nx = 0.5, w = 2\nz = w x"
    with pytest.raises(InputError, match=r"^solve: part 1: the loss 'x' is a given value"):
        solve_part(read_text(text).parts[0])


def test_cli_solve_says_what_it_leaves_out_of_the_key(tmp_path, capsys):
    # a line it cannot read and a formula it cannot compute were left out, silently
    problem = tmp_path / "p.txt"
    problem.write_text("x = 2, w = 0.5, α = 0.1\nz = w x\nq = log(z - 1)\nL = z^2\nr = w +* x\n")
    assert main(["solve", str(problem)]) == 0
    captured = capsys.readouterr()
    assert "q =" not in captured.out and "w' = " in captured.out
    notes = captured.err.splitlines()
    assert len(notes) == 2, notes
    assert notes[0].startswith("solve: p.txt: line 5 is left out of the key (cannot read it")
    assert notes[1] == ("solve: p.txt: q is left out of the key "
                        "(log: expected a positive input, got 0.0)")  # fmt: skip


def test_a_problem_of_200_parameters_is_solved_and_read_back():
    # inside the 200-parameter limit: its sum and its substituted numbers are long lines
    givens = [f"w{i} = 0.1" for i in range(200)]
    rows = [", ".join(givens[i : i + 10]) for i in range(0, 200, 10)]
    text = "\n".join(["x = 1, y = 0, α = 0.1", *rows,
                      "z = " + " + ".join(f"w{i} x" for i in range(200)), "L = ½(y − z)^2"])
    key = solve_part(read_text(text).parts[0])
    assert len(key.parameters) == 200 and Decimal(key.answers["z"]) == 20  # 200 × 0.1 × 1
    assert_reads_back(key.text())


def test_a_line_longer_than_check_reads_is_refused_naming_the_part_and_quantity():
    text = "x = 0.5\n" + "z = " + " + ".join(["x"] * 2400)  # z's numbers: 0.5 + 0.5 + …
    with pytest.raises(InputError, match=r"^solve: worksheet: z: .*longer than 10,000"):
        solve_part(read_text(text).parts[0])


def test_a_chain_rule_too_long_to_write_is_refused_by_its_length():
    # ∂L/∂x through 850 links a_k = a_{k−1} + 1: its formula was evaluated as a constant, and
    # the error read "∂L/∂a849 has no number here"
    text = "x = 2\na0 = x + 1\n" + "".join(f"a{k} = a{k - 1} + 1\n" for k in range(1, 850))
    with pytest.raises(InputError, match=r"^solve: worksheet: ∂L/∂x: its line would be [\d,]+ "
                       r"characters, longer than 10,000"):  # fmt: skip
        solve_part(read_text(text + "L = a849^2").parts[0])


def test_digits_cut_a_huge_number_to_its_significant_digits():
    # 0.5 · (10¹⁰)³⁰ = 5 × 10²⁹⁹: four significant digits, not 300 of them
    key = solve_part(read_text("x = 10000000000, w = 0.5\nz = w · x^30\nL = z · w").parts[0])
    assert key.answers["z"] == "5.000e299" and key.answers["L"] == "2.500e299"
    assert_reads_back(key.text())


def test_variants_into_a_folder_of_other_variants_are_refused_before_writing(tmp_path, capsys):
    folder = tmp_path / "class"
    argv = ["solve", str(TWO_OUTPUTS), "--seed", "4", "-o", str(folder)]
    assert main([*argv, "--variants", "3"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main([*argv, "--variants", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "variant-03-key.txt" in err and "empty folder" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert main([*argv, "--variants", "3", "--seed", "5"]) == 0  # the same files, new numbers


def test_variants_are_written_as_they_are_drawn(tmp_path, monkeypatch):
    # a class's worth of keys is never held at once: variant 1 is on disk (in the hidden
    # folder they are gathered in) before 3 is drawn
    from autograd.audit import variants as module

    folder, seen = tmp_path / "class", []
    solve = module.solve_part

    def watched(part, digits, carry, givens=None):
        seen.append(any(tmp_path.rglob("variant-01.txt")))
        return solve(part, digits, carry, givens)

    monkeypatch.setattr(module, "solve_part", watched)
    module.write_variants(read(TWO_OUTPUTS), 3, 0, folder)
    assert seen[0] is False and seen[-1] is True


def test_a_problem_with_fewer_variants_than_asked_writes_none(tmp_path, capsys):
    # w = 0.5 redrawn to one decimal has 9 other values (0.1 … 1.0); asked for 12, the run
    # wrote 9 variants into the folder, then stopped without answers.csv
    problem = tmp_path / "few.txt"
    problem.write_text("x = 1.5, y = 1, α = 0.1, w = 0.5\nz = w x\nL = (y − z)^2\n")
    folder = tmp_path / "class"
    argv = ["solve", str(problem), "-o", str(folder), "--variants"]
    assert main([*argv, "12"]) == 2
    assert "found only 9 variants" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["few.txt"]  # nor a folder beside
    assert main([*argv, "9"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(before) == 19
    assert main([*argv, "12"]) == 2  # the folder of the run before stays as it was
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class", "few.txt"]
    (tmp_path / "notes").write_text("a file, not a folder")
    capsys.readouterr()
    assert main(["solve", str(problem), "-o", str(tmp_path / "notes"), "--variants", "2"]) == 2
    assert "notes is a file; give a folder" in capsys.readouterr().err  # not "[Errno 17]"


def test_the_key_is_typeset_as_written():
    # the heading keeps the loss's case; ½ as \frac{1}{2} is one factor, not (1/n · 1)/2;
    # \hat's accent is the modifier circumflex ˆ (U+02C6), which centres over an italic y
    problem = ("$$x = 0.5, y = 1, n = 1, w = 0.3$$\n$$z = w x$$\n$$\\hat{y} = \\sigma(z)$$\n"
               "$$L = \\frac{1}{n} \\cdot \\frac{1}{2} (y - \\hat{y})^2$$\n")  # fmt: skip
    key = solve(read_markdown(problem, "yhat"))
    markdown = key.markdown()
    assert "**The derivatives of L**" in markdown
    assert r"L &= \frac{1}{n} \cdot \frac{1}{2} \cdot (y - \hat{y})^{2}" in markdown
    assert key.keys[0].answers["L"] == "0.1070"  # ½(1 − σ(0.15))² = 0.10700
    pytest.importorskip("latex2mathml")
    page = key.html()
    assert "<h3>The derivatives of L</h3>" in page
    assert "&#x002C6;" in page and "&#x0005E;" not in page
    assert ".chain>:first-child{margin-left:-3em}" in page  # a wrapped line hangs indented
