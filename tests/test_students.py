"""One slip, one error: the checker on generated student worksheets (tests/students.py).

The generator works random small networks as a careful student does (rounding, carrying the
rounded numbers forward, several notations) and plants one slip of each kind, carried
forward or not; its expected values come from its own arithmetic, not from the package.
``benchmarks/slips.py`` prints the same measurement as a table; the default here is a fast
sample (48 cases, 28 clean sheets in all: each kind of slip four times, carried and not),
``HYPOTHESIS_PROFILE=thorough`` (tests/conftest.py) measures 1,872 cases and 600 more clean
sheets.
"""

from __future__ import annotations

import importlib.util
import math
import os
import sys
from pathlib import Path

import pytest
import students

from autograd.audit import check_text

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "slips.py"


def _measurement():
    spec = importlib.util.spec_from_file_location("slips_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _measurement()


@pytest.fixture(scope="module")
def figures():
    return bench.measure(1872, clean=600) if THOROUGH else bench.measure(48, clean=24)


# ---- the generator, checked against itself and against the engine --------------------------


@pytest.mark.parametrize("seed", range(12))
def test_a_clean_sheet_writes_each_result_close_to_its_exact_value(seed):
    sheet = students.worksheet(seed)
    for line in sheet.lines:
        written = students.as_float(line.written)
        # rounding carried through a dozen lines moves a result by well under 2 %
        assert math.isclose(written, line.exact, rel_tol=0.02, abs_tol=2e-4), line.text


@pytest.mark.parametrize("seed", range(6))
def test_the_engine_computes_the_exact_values_the_generator_computes(seed):
    sheet = students.worksheet(seed)
    report = check_text(sheet.text, markdown=sheet.markdown)
    exact = {line.number: line.exact for line in sheet.lines}
    results = [c for p in report.parts for c in p.checks if c.kind == "result" and c.line in exact]
    assert len(results) >= len(sheet.lines) - 2  # every line judged (a copy line at most aside)
    for c in results:
        assert c.exact == pytest.approx(exact[c.line], rel=1e-9, abs=1e-12), (c.line, c.quantity)


@pytest.mark.parametrize("kind", list(students.SLIPS))
def test_each_slip_changes_its_line_and_a_carried_one_only_lines_after_it(kind):
    (slipped,) = [s for s in students.sheets(24) if s.slip and s.slip.kind == kind][:1]
    clean = {line.number: line.written for line in students.worksheet(slipped.seed).lines}
    changed = [line.number for line in slipped.lines if clean[line.number] != line.written]
    assert changed[0] == slipped.slip.line
    uncarried = students.worksheet(slipped.seed, kind, carried=False)
    assert [n.number for n in uncarried.lines if clean[n.number] != n.written] == [changed[0]]


def test_the_notations_vary():
    drawn = [students.worksheet(seed).notation for seed in range(40)]
    assert {n.latex for n in drawn} == {True, False}
    assert {n.scheme for n in drawn} == {"za", "sh", "net"}
    assert {n.d for n in drawn} == {"∂", "d"} and {n.delta for n in drawn} == {True, False}


# ---- the measurement: targets of issue 22 ---------------------------------------------------

def test_the_table_gives_every_kind_and_the_clean_sheets(figures):
    table = bench.table(figures)
    for kind in students.SLIPS:
        assert f"\n{kind} " in table
    assert f"clean sheets: {figures.clean}," in table



def test_a_slip_is_flagged_on_its_line(figures):
    assert figures.total("flagged") >= 0.995 * figures.total("slips")


def test_no_false_alarm_on_clean_sheets(figures):
    assert figures.false_alarms == 0, figures.alarms


def test_a_diagnosis_names_the_slip(figures):
    assert figures.total("named") >= 0.95 * figures.total("slips")


def test_every_error_explains_itself(figures):
    # a slip that fits, or "no common slip explains it" with the exact value and the one the
    # writer's numbers give (thorough: 5 of 1,742 errors, slips of arithmetic on lines that
    # write no numbers)
    assert figures.bare == 0
    assert len(figures.unexplained) <= 0.01 * figures.errors, figures.unexplained
    assert all("is " in e and "your numbers give" in e for e in figures.unexplained)


def test_a_carried_slip_gives_one_error_and_its_consequences_are_carried(figures):
    # one error a slip, and every line it changes beyond rounding, from numbers that hold it,
    # is carried: not an error, not a rounding (thorough: 9,361 lines after 858 slips)
    assert figures.total("later_errors") == 0, [s for k in figures.kinds.values() for s in k.strays]
    consequences = sum((k.consequences for k in figures.kinds.values()), bench.Counter())
    assert consequences["carried"] > 0
    uncarried = [line for k in figures.kinds.values() for line in k.uncarried]
    assert consequences["carried"] == sum(consequences.values()), uncarried


def test_an_uncarried_slip_gives_one_error(figures):
    # the later lines use the right value, as the writer would have written it: δ4 = 0.1143
    # for 0.09804, then ∂E/∂w4 = δ4 · a1 = 0.05775 from 0.09804
    assert figures.total("stray_errors") == 0, [s for k in figures.kinds.values() for s in k.strays]
