"""The report a student reads: errors first, each as written with its reason, then the counts;
every link with ``--all``; hints with ``--hints``; everything, carried lines and their origin
included, with ``--json``. The sheet is test_follow_through's ReLU sheet, its numbers worked
by hand below; the seed is the homework."""

import json
from itertools import takewhile

import pytest
from test_follow_through import RELU

from autograd.audit import check, check_text
from autograd.cli import main
from autograd.homework import WORKSHEET

# z1 = 0.4·0.5 + (−0.1) = 0.1, written −0.1: the sign dropped. Every later line reads a1 = 0
# (the writer's ReLU of −0.1) or a number computed from it: right given −0.1, so carried.
SLIP = "the sign is dropped (0.1 is right)"


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "relu.txt"
    path.write_text(RELU, encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> str:
    assert main(["check", *argv]) == 0
    return capsys.readouterr().out


def test_the_default_report_is_the_error_as_written_with_its_reason_then_the_counts(
    sheet, capsys
):
    lines = _run(capsys, str(sheet)).splitlines()
    assert lines[1:5] == [
        "  line 2: z1 = w1 x + b1 = 0.4·0.5 + (-0.1) = -0.1",
        f"    error: {SLIP}",
        "    12 later lines follow from it",
        f"  1 error (line 2: {SLIP}), 12 lines carry it",
    ]
    assert lines[5].startswith("  Verdicts: ") and len(lines) == 6


def test_all_shows_every_link_carried_with_its_origin_and_no_given_put_in_rightly(sheet, capsys):
    table = _run(capsys, "--all", str(sheet))
    rows = [r for r in table.splitlines() if r[:6].strip().isdigit()]
    assert not any(r.split()[1] in ("x", "w1", "b1", "w2", "b2", "y") for r in rows)
    carried = [r for r in rows if r.endswith("carried")]
    assert len(carried) >= 12 and table.count("↳ follows from line 2") == len(carried)
    assert "  Given: x = 0.5, w1 = 0.4, b1 = −0.1, w2 = 0.8, b2 = 0.1, y = 1" in table


def test_hints_show_the_first_wrong_link_of_the_chain_and_not_the_answer(sheet, capsys):
    lines = _run(capsys, "--hints", str(sheet)).splitlines()
    assert lines[1:] == [
        "  line 2: z1 = w1 x + b1 = 0.4·0.5 + (-0.1) = -0.1",
        "    hint: Check the sign of z1: count the minus signs along the chain.",
    ]


def test_json_carries_every_check_with_carried_and_its_origin(sheet, capsys):
    (part,) = json.loads(_run(capsys, "--json", str(sheet)))["parts"]
    assert (part["slips"], part["carried"]) == (1, 12)
    carried = [c for c in part["checks"] if c["verdict"] == "carried"]
    assert {c["origin"] for c in carried} == {2}
    assert {c["line"] for c in carried} == set(range(3, 15))
    (error,) = [c for c in part["checks"] if c["verdict"] == "error"]
    assert (error["slip"], error["diagnosis"], error["exact"]) == ("sign dropped", SLIP, 0.1)


def test_the_not_understood_list_holds_every_entry_the_table_marks():
    # ∂L/∂a = ½(y − a)² is not understood (the ∂/∂a not written), a check of the table;
    # z = q + 1 is not read (q has no value)
    text = "y = 1, a = 0.8\nL = ½(y − a)^2\n∂L/∂a = ½(y − a)^2 = 0.02\nz = q + 1 = 2"
    report = check_text(text)
    (part,) = report.parts
    marked = [c for c in part.checks if c.verdict == "not understood"]
    assert len(marked) == 1 and part.counts()["not understood"] == 2
    listed = part.text().split("Not understood:\n")[1].splitlines()[:2]
    assert [entry.split(":")[0].strip() for entry in listed] == ["line 3", "line 4"]
    html = report._repr_html_()
    assert html.count("<li>line 3: ") == 1 and html.count("<li>line 4: ") == 1


def test_the_seed_report_is_short_each_error_with_a_reason_and_no_given_judged_again():
    report = check(WORKSHEET)
    text = report.text()
    assert len(text.splitlines()) <= 40  # was about 270
    errors = [line for line in text.splitlines() if line.strip().startswith("error:")]
    assert len(errors) == sum(len(p.errors()) for p in report.parts)
    assert all(len(e.split("error:")[1].strip()) > 10 for e in errors)
    # a line of the page is quoted for an error or a line not understood, nothing else
    wrong = {c.line for p in report.parts for c in p.errors()}
    wrong |= {u.line for p in report.parts for u in p.judged.unread}
    wrong |= {c.line for p in report.parts for c in p.checks if c.verdict == "not understood"}
    quoted = [line.split(":")[0].split()[-1] for line in text.splitlines()
              if line.strip().startswith("line ")]  # fmt: skip
    assert quoted and {int(n) for n in quoted} <= wrong
    for part in report.parts:  # every entry not understood, in the one list
        after = part.text().split("Not understood:\n")[1].splitlines()
        entries = list(takewhile(lambda entry: entry.startswith("    "), after))
        assert len(entries) == part.counts()["not understood"] > 0


def test_a_wrong_formula_no_slip_explains_gets_a_hint_about_formulas():
    # the seed's ∂z/∂a1 = ω1 (it is w7: both 1 here), a formula, not a number worked out
    hints = check(WORKSHEET).parts[0].text("hints")
    assert "hint: Derive ∂z/∂a1 again from the formula it comes from, symbol by symbol." in hints
