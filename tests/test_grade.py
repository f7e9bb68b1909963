"""Grading a class: generated students with planted slips, graded against the key.

What each planted slip must cost is worked out here from the rubric (one point a quantity,
a given copied wrong one point off), never read from the grader; the slips the grader names
must be the ones planted, on the planted line and quantity.
"""

from __future__ import annotations

import base64
import csv
import html
import json
import os
import re
import resource
import stat
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from autograd.cli import main
from autograd.grade import Reference, Rubric, RubricError, batch, grade_class, grade_text, write
from autograd.grade.classroom import PLANTED, PROBLEM, classroom, write_class
from autograd.grade.gradebook import feedback_html, feedback_markdown, grades_csv
from autograd.grade.overrides import OverrideError

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_KIND = {"sign": "sign dropped", "power of ten": "power of ten",  # the checker's
                 "transposed": "digits transposed", "given": "given copied wrong"}  # fmt: skip
MAX = 14  # the problem's graded quantities, a point each (by hand: 3 forward and loss,
# 5 local derivatives, 3 derivatives of L, 3 updates; the pass after the step is worth 0)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    students = classroom(PROBLEM, 28, seed=7)
    write_class(students, folder / "submissions")
    (folder / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    key = Reference.from_file(folder / "problem.txt")
    grades = grade_class(folder / "submissions", key, Rubric(), jobs=2)
    return folder, students, key, grades


def test_the_default_rubric_grades_fourteen_quantities(graded) -> None:
    _, _, key, grades = graded
    assert len(key.parts[0].quantities) == MAX + 3  # z', a', L' are not graded by default
    assert all(g.max_score == MAX for g in grades)


def test_each_planted_slip_costs_what_the_rubric_says(graded) -> None:
    _, students, _, grades = graded
    assert [g.student for g in grades] == [s.name for s in students]
    seen = Counter()
    for s, g in zip(students, grades):
        seen[s.slip] += 1
        assert not g.problem, (s.name, g.problem)
        if s.slip is None:
            assert (g.score, g.slips, g.carried, g.unread) == (MAX, [], 0, []), s.text
        elif s.slip in ("sign", "power of ten", "transposed"):
            assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
                (EXPECTED_KIND[s.slip], s.quantity, s.line)], s.text
            assert g.score == MAX - 1 and g.first_error_line == s.line
        elif s.slip == "given":  # follow-through: one slip, the rest carried, a point off
            assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
                ("given copied wrong", s.quantity, s.line)], s.text
            assert g.carried > 0 and g.score == MAX - 1
            assert {m.status for m in g.marks} <= {"correct", "carried"}
        elif s.slip == "missing":
            assert g.slips == [] and g.score == MAX - 1
            assert [m.quantity for m in g.marks if m.status == "missing"] == [s.quantity]
        elif s.slip == "garbled":
            assert len(g.unread) == 1 and g.unread[0][0] == s.line and g.score == MAX - 1
            assert [m.quantity for m in g.marks if m.status == "missing"] == [s.quantity]
    assert set(seen) == {None, *PLANTED}
    assert {s.notation for s in students} == {"key", "d", "E", "out"}  # each matched to the key


def test_another_rubric_each_slip_costs_its_quantitys_points(graded) -> None:
    """Points per kind of step and a heavier penalty: the cost of each planted slip worked
    out here from the rubric and the kind of step of the quantity slipped (by hand)."""
    folder, students, key, _ = graded
    rubric = Rubric.from_text("[points]\nforward = 2\nloss = 1\nlocal = 0.5\nchain = 3\n"
                              "update = 1\n[penalties]\ngiven = 2")  # fmt: skip
    kind = {"z": 2, "a": 2, "L": 1, "∂L/∂a": 0.5, "∂a/∂z": 0.5, "∂z/∂w1": 0.5, "∂z/∂w2": 0.5,
            "∂z/∂b": 0.5, "∂L/∂w1": 3, "∂L/∂w2": 3, "∂L/∂b": 3, "w1'": 1, "w2'": 1, "b'": 1}
    most = sum(kind.values())  # 19.5
    grades = grade_class(folder / "submissions", key, rubric, jobs=2)
    for s, g in zip(students, grades):
        cost = 0 if s.slip is None else 2 if s.slip == "given" else kind[s.quantity]
        assert (g.max_score, g.score) == (most, most - cost), (s.slip, s.quantity)


def test_without_follow_through_carried_lines_cost_their_points(graded) -> None:
    _, students, key, _ = graded
    strict = Rubric(follow_through=False)
    s = next(s for s in students if s.slip == "given")
    g = grade_text(s.text, key, strict, s.name)
    carried = [m for m in g.marks if m.status == "carried"]
    assert carried and g.score == MAX - 1 - len(carried)


def test_misconceptions_count_the_slips_planted(graded) -> None:
    folder, students, _, grades = graded
    write(grades, folder / "out", "problem.txt", Rubric())
    rows = list(csv.DictReader(open(folder / "out" / "misconceptions.csv", encoding="utf-8")))
    counted = {(r["slip"], r["quantity"]): int(r["students"]) for r in rows}
    planted = Counter((EXPECTED_KIND[s.slip], s.quantity) for s in students
                      if s.slip in EXPECTED_KIND)  # fmt: skip
    assert counted == dict(planted)
    assert all(r["example"] and r["example_line"] for r in rows)


def test_gradebook_columns_version_and_rubric_hash(graded) -> None:
    folder, students, _, grades = graded
    write(grades, folder / "book", "problem.txt", Rubric())
    rows = list(csv.reader(open(folder / "book" / "grades.csv", encoding="utf-8")))
    assert rows[0][:7] == ["student", "score", "max_score", "errors", "carried",
                           "not_understood", "first_error_line"]  # fmt: skip
    assert rows[0][7] == "z" and rows[0][-3:] == ["problem", "version", "rubric"]
    assert len(rows) == len(students) + 1
    from autograd import __version__

    assert {r[-2] for r in rows[1:]} == {__version__} and {r[-1] for r in rows[1:]} == {
        Rubric().hash}
    meta = json.loads((folder / "book" / "grading.json").read_text(encoding="utf-8"))
    assert meta["rubric_hash"] == Rubric().hash and meta["students"] == len(students)
    assert (folder / "book" / "feedback" / "student-0002.html").exists()
    assert "<svg" in (folder / "book" / "class-report.html").read_text(encoding="utf-8")


def test_untrusted_submissions_get_their_own_row(tmp_path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (subs / "empty.txt").write_text("")
    (subs / "huge.txt").write_text("x = 1\n" * 200_000)
    (subs / "nested.txt").write_text("z = " + "(" * 5000 + "1" + ")" * 5000)
    (subs / "folder").mkdir()
    (subs / "=HYPERLINK(1).txt").write_text("x1 = 0.5\nz = <script>alert(1)</script>")
    (subs / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (subs / "deep-toml.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000)
    os.mkfifo(subs / "pipe.txt")  # opening it would wait for a writer forever
    os.symlink("/dev/zero", subs / "zero.txt")  # reading it would never end
    os.symlink("/etc/hostname", subs / "link.txt")  # a file of the grader's machine
    (subs / "twice.txt").write_text("x = 1")
    (subs / "twice").mkdir()
    (subs / "twice" / "a.txt").write_text("x = 1")
    (subs / "many").mkdir()
    for i in range(25):
        (subs / "many" / f"{i}.txt").write_text("x = 1")
    good = classroom(PROBLEM, 1)[0]
    (subs / "zz-good.txt").write_text(good.text)
    for junk in (".git", "__MACOSX"):  # a folder as an archive unpacks it: its work below
        (subs / "zipped" / junk).mkdir(parents=True)
        (subs / "zipped" / junk / "w.txt").write_text("x = 1\nz = 2")
    (subs / "zipped" / "hw3").mkdir()
    (subs / "zipped" / "hw3" / "work.txt").write_text(good.text)
    key = Reference.from_text(PROBLEM)
    grades = grade_class(subs, key, jobs=2, time_limit=15)
    by_name = {g.student: g for g in grades}
    assert len(by_name) == len(grades)  # one row a student
    for name in ("zz-good", "zipped"):
        assert by_name[name].score == MAX and not by_name[name].problem
    assert by_name["zipped"].report.startswith("zipped/hw3/work.txt\n")
    why = {"binary": "not UTF-8 text", "huge": "larger than 1,000,000 bytes",
           "folder": "no worksheet file", "deep": "nested too deeply",
           "deep-toml": "nested too deeply", "pipe": "pipe.txt is not a regular file",
           "zero": "zero.txt is a symbolic link", "link": "link.txt is a symbolic link",
           "twice": "2 submissions under this name (twice/, twice.txt)",
           "many": "more than 20 worksheet files"}  # fmt: skip
    for name, reason in why.items():
        assert by_name[name].problem.startswith("could not be read: "), name
        assert reason in by_name[name].problem and by_name[name].score == 0, name
        assert str(tmp_path) not in by_name[name].problem  # named as in the folder
    assert by_name["nested"].score == 0 and by_name["empty"].score == 0
    text = grades_csv(grades)
    assert "\n'=HYPERLINK(1)," in text  # a spreadsheet shows it, never runs it
    unsafe = by_name["=HYPERLINK(1)"]
    assert "<script>" not in feedback_html(unsafe) and "<script>" not in _rendered(unsafe)


def test_a_student_who_handed_in_another_kind_of_file_has_a_row(tmp_path) -> None:
    # gina.pdf was left out of the gradebook without a row: a teacher could miss her
    good = classroom(PROBLEM, 1)[0]
    (tmp_path / "ada.txt").write_text(good.text)
    (tmp_path / "ada.pdf").write_bytes(b"%PDF-1.4")  # beside her worksheet: not a second row
    (tmp_path / "gina.pdf").write_bytes(b"%PDF-1.4")
    grades = grade_class(tmp_path, Reference.from_text(PROBLEM), jobs=1)
    assert [(g.student, g.score) for g in grades] == [("ada", MAX), ("gina", 0)]
    assert grades[1].problem.startswith("could not be read: gina.pdf is not a worksheet file (")


def test_a_notebook_handed_in_is_graded_not_left_out(tmp_path) -> None:
    # check reads .ipynb; grade left such a student out of the gradebook, without a row
    good = classroom(PROBLEM, 1)[0]
    printed = {"output_type": "stream", "name": "stdout", "text": good.text.splitlines(True)}
    cell = {"cell_type": "code", "source": ["print(work)"], "outputs": [printed]}
    (tmp_path / "nina.ipynb").write_text(json.dumps({"cells": [cell]}, indent=1))
    grades = grade_class(tmp_path, Reference.from_text(PROBLEM), jobs=1)
    assert [(g.student, g.score, g.problem) for g in grades] == [("nina", MAX, "")]


def test_a_file_of_too_many_equations_is_refused_before_the_rest_is_parsed(monkeypatch) -> None:
    import autograd.audit.read_text as reader
    from autograd.audit import NotUnderstood

    limit = reader.LIMITS["chains"]
    parsed = []
    add_line = reader._add_line
    monkeypatch.setattr(reader, "_add_line", lambda *a: (parsed.append(1), add_line(*a)))
    with pytest.raises(NotUnderstood, match=f"more than {limit} equations"):
        reader.read_text("".join(f"x{i} = {i}\n" for i in range(10 * limit)), "many")
    assert len(parsed) == limit + 1  # not the 50,000 lines of the file


def _rendered(grade) -> str:
    """The Markdown feedback as a CommonMark renderer (GitHub's, Gradescope's) shows it."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").render(feedback_markdown(grade))


def test_feedback_is_the_checkers_report_then_the_grading_lines() -> None:
    """The checker's compact report, as written (a student's ``` cannot close its block, nor
    <b> or <script> turn into markup), then the slips only the key shows and the points."""
    key = Reference.from_text(PROBLEM)
    students = classroom(PROBLEM, 8, seed=3)
    sign = next(s for s in students if s.slip == "sign")
    wrote = sign.text.replace("# local derivatives", "``` <script>alert(1)</script> <b>")
    g = grade_text(wrote, key, Rubric(), "<b>ada</b>")
    from autograd.audit import check_text

    report = check_text(wrote).text()
    assert g.report == report and "error: the sign is dropped" in report and "```" in report
    shown = _rendered(g)
    assert "<script>" not in shown and "<b>" not in shown and "&lt;b&gt;ada" in shown
    assert html.escape(report, quote=False) in shown  # one code block, the report whole
    page = feedback_html(g)
    assert html.escape(report) in page and "<script>" not in page and "<b>ada" not in page
    miscopied = next(s for s in students if s.slip == "given")
    g = grade_text(miscopied.text, key, Rubric.from_text("[penalties]\nnot_understood = 0.5"))
    text = feedback_markdown(g)
    assert text.index("## The checker's report") < text.index("## Against the key")
    lines = text.split("## Against the key and the rubric")[1].split("##")[0].strip()
    right = key.parts[0].givens[miscopied.quantity]
    assert lines.startswith(f"- line {miscopied.line}: {miscopied.quantity} = ")
    assert lines.endswith(f"the problem gives {right:g}".replace("-", "−") + " (1 point off)")
    assert f"carried (follows from line {miscopied.line})" in text


def test_three_givens_copied_wrong_on_one_line_each_say_their_point_off() -> None:
    # the first of them read "(1 point off) (1 point off) (1 point off)", the others nothing
    key = Reference.from_text(PROBLEM)
    clean = next(s for s in classroom(PROBLEM, 8, seed=3) if s.slip is None)
    wrote = clean.text.replace("w1 = 0.2, w2 = −0.4, b = 0.1", "w1 = 1.0, w2 = −1.0, b = 1.0")
    g = grade_text(wrote, key, Rubric(), "bob")
    lines = feedback_markdown(g).split("## Against the key and the rubric")[1].split("##")[0]
    miscopied = [t for t in lines.strip().splitlines() if "copied wrong" in t]
    assert [t.split(":")[1].split("=")[0].strip() for t in miscopied] == ["w1", "w2", "b"]
    assert all(t.count("(1 point off)") == 1 for t in miscopied)


def test_feedback_files_fit_a_file_name_and_part_names_a_disk_confuses(tmp_path) -> None:
    # a folder named with 85 Chinese characters (255 bytes, as much as a name holds) made
    # feedback/文…文.html 260 bytes: "File name too long", and no gradebook was written; Ada
    # and ada shared one feedback file on the case-blind disks of macOS and Windows
    key = Reference.from_text(PROBLEM)
    clean = next(s for s in classroom(PROBLEM, 8, seed=3) if s.slip is None)
    names = ["文" * 85, "Ada", "ada"]
    written = write([grade_text(clean.text, key, Rubric(), n) for n in names], tmp_path,
                    "problem.txt", Rubric())  # fmt: skip
    pages = sorted(p.name for p in written if p.suffix == ".html" and p.parent.name == "feedback")
    assert all(len(name.encode()) <= 255 for name in pages)
    assert len({name.casefold() for name in pages}) == 3


def test_a_line_not_understood_costs_what_the_rubric_says() -> None:
    garbled = next(s for s in classroom(PROBLEM, 8, seed=3) if s.slip == "garbled")
    rubric = Rubric.from_text("[penalties]\nnot_understood = 0.5")
    g = grade_text(garbled.text, Reference.from_text(PROBLEM), rubric)
    assert g.deductions == [(garbled.line, "not understood", 0.5)]
    assert g.score == MAX - 1 - 0.5  # the update never read, and half a point for the line
    assert f"line {garbled.line}: not understood: 0.5 points off" in feedback_markdown(g)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _die(code: int) -> int:
    if code:
        os._exit(code)
    return code


def _allocate(size: int) -> int:
    return len(bytearray(size))


def test_batch_shows_its_progress(capsys) -> None:
    """The bar (tqdm's, or a counter where it is not installed) reaches every item."""
    assert batch.run([1, 2, 3], abs, jobs=2, progress=True) == [1, 2, 3]
    assert "3/3" in capsys.readouterr().err


def test_batch_memory_limit_is_a_row_not_a_crash() -> None:
    out = batch.run([1000, 10**9, 1000], _allocate, jobs=2, memory_limit=300 * 2**20,
                    failed=lambda item, why: why)  # fmt: skip
    assert out == [1000, "too large to check within the memory limit", 1000]


def test_batch_time_limit_and_a_dying_worker_never_stop_it() -> None:
    out = batch.run([0.0, 30.0, 0.0], _sleep, jobs=2, time_limit=1.0,
                    failed=lambda item, why: why)  # fmt: skip
    assert out[0] == 0.0 and out[2] == 0.0 and out[1] == "took longer than 1 s"
    out = batch.run([0, 3, 0, 0], _die, jobs=2, failed=lambda item, why: why)
    assert out[1] == "the checker stopped (exit code 3)" and out[0] == out[2] == out[3] == 0


def test_key_matching_by_name_alias_and_place() -> None:
    key = Reference.from_text("x = 2, w = 0.5, b = -1, y = 1, α = 0.5\nh = w x + b\n"
                              "L = ½(y − h)^2")  # fmt: skip
    part = key.parts[0]
    # dE/dw: the loss renamed; out_h: a name the key lacks, found by its value (0 at these
    # givens, as h: w x + b = 0.5·2 − 1), and ∂E/∂out_h through it
    names = part.names({"E": 0.5, "out_h": 0.0, "∂E/∂w": -2.0, "∂E/∂out_h": -1.0}, {})
    assert names == {"E": "L", "out_h": "h", "∂E/∂w": "∂L/∂w", "∂E/∂out_h": "∂L/∂h"}
    assert part.names({"J": 0.5}, {"J": "L"}) == {"J": "L"}


def test_numeric_subscripts_written_out_are_the_keys_names() -> None:
    """w_1 for w1 (as the LaTeX reader reads w_{1}): each planted slip costs its point, as in
    the key's own names; nothing is missing."""
    key = Reference.from_text(PROBLEM)
    miscopied = [s for s in classroom(PROBLEM, 12, seed=5, slips=("given",), clean=0)
                 if s.quantity in ("w1", "w2")]  # fmt: skip
    assert miscopied
    for s in classroom(PROBLEM, 7, seed=2) + miscopied:
        g = grade_text(re.sub(r"w([12])", r"w_\1", s.text), key, Rubric(), s.name)
        if s.slip in ("sign", "power of ten", "transposed", "given"):
            assert [(x.kind, x.quantity) for x in g.slips] == [(EXPECTED_KIND[s.slip], s.quantity)]
        missing = [m.quantity for m in g.marks if m.status == "missing"]
        assert missing == ([s.quantity] if s.slip in ("missing", "garbled") else []), s.slip
        assert g.score == MAX - (s.slip is not None)


def test_a_rubric_names_quantities_as_a_teacher_types_them_and_never_in_vain(tmp_path,
                                                                            capsys) -> None:
    """dL/dw_1 is the key's ∂L/∂w1 (it was worth nothing, silently); a name the key does not
    ask for, or an alias for a name it does not have, is refused in one line, by the command
    and by the Gradescope zip's writer (both were ignored)."""
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    clean = classroom(PROBLEM, 1)[0]
    rubric = Rubric.from_text('[quantities]\n"dL/dw_1" = 5')
    assert grade_text(clean.text, Reference.from_text(PROBLEM), rubric).score == MAX - 1 + 5
    write_class([clean], tmp_path / "subs")
    (tmp_path / "typo.toml").write_text('[quantities]\n"w1prime" = 3', encoding="utf-8")
    for command in (["grade", str(tmp_path / "subs"), "--key"], ["autograder"]):
        assert main([*command, str(tmp_path / "problem.txt"), "--rubric",
                     str(tmp_path / "typo.toml"), "-o", str(tmp_path / "out")]) == 2
        error = capsys.readouterr().err
        assert "quantities.w1prime' is not a quantity of the key" in error
        assert error.count("\n") == 1
    assert not (tmp_path / "out").exists()
    (tmp_path / "alias.toml").write_text("[aliases]\nE = 'Loss'", encoding="utf-8")
    assert main(["grade", str(tmp_path / "subs"), "--key", str(tmp_path / "problem.txt"),
                 "--rubric", str(tmp_path / "alias.toml")]) == 2  # fmt: skip
    assert "aliases.E' names 'Loss', which the key does not have" in capsys.readouterr().err


def test_rubric_fields_and_one_line_errors(tmp_path) -> None:
    rubric = Rubric.from_text("follow_through = false\n[points]\nupdate = 2\n[penalties]\n"
                              "not_understood = 0.5\n[aliases]\nE = 'L'")  # fmt: skip
    assert rubric.points_for("w'", "update") == 2 and not rubric.follow_through
    assert rubric.hash != Rubric().hash
    for text, field in (("[points]\nbackward = 1", "points.backward"),
                        ("[points]\nlocal = -1", "points.local"),
                        ("follow_through = 'yes'", "follow_through"), ("x = 1", "x"),
                        ("[points", "not TOML")):  # fmt: skip
        with pytest.raises(RubricError, match=field.replace(".", r"\.")) as error:
            Rubric.from_text(text)
        assert "\n" not in str(error.value)


@pytest.mark.parametrize("text", ["", "\n\n", "# a comment, no problem yet\n"])
def test_a_key_with_nothing_in_it_is_refused_not_everyone_graded_out_of_zero(text) -> None:
    # a key holding prose is refused ("no formula defines a quantity"); an empty one graded
    # every student 0 of 0 and the autograder was built on it
    from autograd.audit import InputError

    with pytest.raises(InputError, match=r"^key: nothing in it reads as a problem"):
        Reference.from_text(text)


def test_two_overrides_of_one_mark_are_refused_not_one_silently_kept() -> None:
    # ann's z set to 1 on row 2 and to 0 on row 3 (or as dL/dz beside ∂L/∂z): the last won
    from autograd.grade.marking import Grade, Mark
    from autograd.grade.overrides import apply, parse

    for first, second in (("z", "z"), ("∂L/∂z", "dL/dz")):
        grades = [Grade("ann", [Mark("z", "forward", 1, 0, "error"),
                                Mark("∂L/∂z", "chain", 1, 0, "error")])]  # fmt: skip
        rows = f"student,quantity,points,reason\nann,{first},1,why\nann,{second},0,again\n"
        with pytest.raises(OverrideError, match=r"row 3: ann's .* is set on row 2 already"):
            apply(grades, parse(rows))


def test_overrides_apply_on_regrade_and_show_in_feedback(graded, tmp_path) -> None:
    _, students, _, grades = graded
    s = next(s for s in students if s.slip == "sign")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(f"student,quantity,points,reason\n{s.name},{s.quantity},1,"
                         "sign convention discussed in class\n", encoding="utf-8")  # fmt: skip
    copy = [g for g in grades if g.student == s.name]
    write(copy, tmp_path / "out", "problem.txt", Rubric(), overrides)
    assert copy[0].score == MAX
    assert "sign convention discussed in class" in (
        tmp_path / "out" / "feedback" / f"{s.name}.md").read_text(encoding="utf-8")
    typed = "d" + s.quantity.replace("∂", "d")[1:]  # dL/dw1, as a teacher types ∂L/∂w1
    overrides.write_text(f"student,quantity,points,reason\n{s.name},{typed},0.5,half\n",
                         encoding="utf-8")  # fmt: skip
    write(copy, tmp_path / "out", "problem.txt", Rubric(), overrides)
    assert copy[0].score == MAX - 0.5
    overrides.write_text("student,quantity,points,reason\nnobody,z,1,x\n", encoding="utf-8")
    with pytest.raises(OverrideError, match="no student 'nobody'"):
        write(copy, tmp_path / "out2", "problem.txt", Rubric(), overrides)


def test_cli_grade_writes_the_gradebook(tmp_path, capsys) -> None:
    write_class(classroom(PROBLEM, 7, seed=2), tmp_path / "subs")
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["grade", str(tmp_path / "subs"), "--key", str(tmp_path / "problem.txt"),
                 "-o", str(tmp_path / "out"), "--jobs", "2"]) == 0  # fmt: skip
    assert "graded 7 submissions" in capsys.readouterr().out
    for name in ("grades.csv", "misconceptions.csv", "class-report.html", "grading.json"):
        assert (tmp_path / "out" / name).exists()
    (tmp_path / "bad.toml").write_text("[points]\nbackward = 1")
    assert main(["grade", str(tmp_path / "subs"), "--key", str(tmp_path / "problem.txt"),
                 "--rubric", str(tmp_path / "bad.toml")]) == 2  # fmt: skip
    assert "points.backward" in capsys.readouterr().err
    (tmp_path / "none").mkdir()
    assert main(["grade", str(tmp_path / "none"), "--key", str(tmp_path / "problem.txt")]) == 2
    assert "no worksheet file or folder" in capsys.readouterr().err


def test_notation_guide_is_printed_is_in_docs_and_its_example_checks(capsys) -> None:
    from autograd.audit import check_text
    from autograd.grade.notation import EXAMPLE, GUIDE

    assert main(["check", "--notation"]) == 0
    assert capsys.readouterr().out == GUIDE == (ROOT / "docs" / "notation.md").read_text("utf-8")
    assert len(GUIDE.splitlines()) <= 70  # one page
    counts = check_text(EXAMPLE).parts[0].counts()
    assert counts["error"] == 0 and counts["not understood"] == 0 and counts["match"] > 20


GRADESCOPE_RESULTS = {"score", "execution_time", "output", "output_format", "test_output_format",
                      "test_name_format", "visibility", "stdout_visibility", "extra_data",
                      "tests", "leaderboard"}  # fmt: skip
GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output",
                   "output_format", "tags", "visibility", "extra_data"}  # fmt: skip
GRADESCOPE_FORMATS = {"text", "html", "simple_format", "md", "ansi"}


def test_gradescope_autograder_runs_end_to_end(tmp_path) -> None:
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    zipped = tmp_path / "autograder.zip"
    assert main(["autograder", str(tmp_path / "problem.txt"), "-o", str(zipped)]) == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(zipped) as z:
        names = z.namelist()
        assert {"setup.sh", "run_autograder", "problem.txt"} <= set(names)
        assert z.getinfo("run_autograder").external_attr >> 16 & stat.S_IXUSR
        z.extractall(root / "source")
    assert any(n.endswith("-py3-none-any.whl") for n in names)
    site = tmp_path / "site"  # setup.sh installs the wheel alone there: the autograder runs
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable,
           "PYTHONPATH": str(site), "PIP_TARGET": str(site), "PIP_NO_INDEX": "1",
           "PIP_NO_DEPS": "1"}  # fmt: skip  (its dependencies are this environment's)
    subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env, check=True,
                   capture_output=True, cwd=tmp_path)  # fmt: skip
    student = next(s for s in classroom(PROBLEM, 3, seed=1) if s.slip == "sign")
    (root / "submission").mkdir()
    (root / "submission" / "work.txt").write_text(student.text, encoding="utf-8")
    subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, check=True,
                   capture_output=True, cwd=root)  # fmt: skip
    where = subprocess.run([sys.executable, "-c", "import autograd; print(autograd.__file__)"],
                           env=env, capture_output=True, text=True, check=True,
                           cwd=root).stdout  # fmt: skip
    assert where.startswith(str(site))
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    # the specification's fields (Gradescope's autograder docs, "Output format"): no other
    # keys, score a number, output Markdown, tests[] with name, score, max_score, status
    assert set(results) <= GRADESCOPE_RESULTS and set(results) >= {"score", "output", "tests"}
    assert results["score"] == MAX - 1 and results["output_format"] == "md"
    assert isinstance(results["output"], str) and "the sign is dropped" in results["output"]
    assert len(results["tests"]) == MAX
    for t in results["tests"]:
        assert GRADESCOPE_TEST >= set(t) >= {"name", "score", "max_score", "status", "output"}
        assert t["status"] in ("passed", "failed") and 0 <= t["score"] <= t["max_score"]
        assert isinstance(t["name"], str) and t.get("output_format", "md") in GRADESCOPE_FORMATS
    failed = [t["name"] for t in results["tests"] if t["status"] == "failed"]
    assert failed == [student.quantity]


def test_gradescope_test_output_shows_what_was_written_as_written() -> None:
    """A test's output shows the student's line in a code span exactly (Markdown escapes in a
    code span are shown, and a backtick closed it early: `out\\_h1 \\* w\\_5 \\`x``)."""
    from autograd.grade.gradescope import results
    from autograd.grade.marking import Grade, Mark

    markdown_it = pytest.importorskip("markdown_it")
    written = "out_h1 * w_5 `x` <b>"
    mark = Mark("∂L/∂h1", "chain", 1, 0, "error", line=3, written=written, diagnosis="a *b*")
    output = results(Grade("a", [mark]))["tests"][0]["output"]
    shown = markdown_it.MarkdownIt("commonmark").render(output)
    code = html.escape(written, quote=False)
    assert shown == f"<p>error, line 3: <code>{code}</code> — a *b*</p>\n"


def _slow(*args, **kwargs):
    time.sleep(30)


def test_autograders_hold_a_submission_to_the_time_limit(tmp_path, monkeypatch) -> None:
    """Gradescope's run_autograder and PrairieLearn's external grader grade in a worker
    process: a submission that takes too long is a result saying so, not a hung grader."""
    from autograd.grade import gradescope, prairielearn

    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "w.txt").write_text(classroom(PROBLEM, 1)[0].text, encoding="utf-8")
    monkeypatch.setattr("autograd.grade.grade_submission", _slow)  # as the worker forks
    common = ["--key", str(tmp_path / "problem.txt"), "--submission", str(tmp_path / "sub"),
              "--time-limit", "1"]  # fmt: skip
    start = time.monotonic()
    assert gradescope.main([*common, "--results", str(tmp_path / "gs.json")]) == 0
    assert prairielearn.main([*common, "--results", str(tmp_path / "pl.json")]) == 0
    assert time.monotonic() - start < 20
    gs = json.loads((tmp_path / "gs.json").read_text(encoding="utf-8"))
    assert gs["score"] == 0 and "took longer than 1 s" in gs["output"]
    pl = json.loads((tmp_path / "pl.json").read_text(encoding="utf-8"))
    assert pl["gradable"] is False and "took longer than 1 s" in pl["format_errors"][0]
    from autograd import __version__  # a row the batch wrote is stamped as any other (was not)

    assert gs["extra_data"]["version"] == __version__
    assert gs["extra_data"]["rubric_hash"] == Rubric().hash


def _server():
    import importlib.util

    path = ROOT / "docs" / "prairielearn" / "backpropStep" / "server.py"
    spec = importlib.util.spec_from_file_location("pl_server", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prairielearn_grades_a_notebook_uploaded_as_check_reads_it() -> None:
    # an .ipynb upload was read as plain text: its JSON, so nothing of the work was judged
    from autograd.grade.prairielearn import grade_question

    good = classroom(PROBLEM, 1)[0]
    printed = {"output_type": "stream", "name": "stdout", "text": good.text.splitlines(True)}
    notebook = json.dumps({"cells": [{"cell_type": "code", "source": [], "outputs": [printed]}]})
    upload = {"name": "work.ipynb", "contents": base64.b64encode(notebook.encode()).decode()}
    data = {"submitted_answers": {"_files": [upload]}}
    grade_question(data, Reference.from_text(PROBLEM))
    assert data.get("score") == 1.0, data.get("format_errors")
    broken = {"name": "work.ipynb", "contents": base64.b64encode(b'{"cells": [').decode()}
    data = {"submitted_answers": {"_files": [broken]}}
    assert grade_question(data, Reference.from_text(PROBLEM)) is None
    assert "not valid JSON" in data["format_errors"]["worksheet"]


def test_prairielearn_grade_sets_partial_scores() -> None:
    server = _server()
    assert (ROOT / "docs/prairielearn/backpropStep/problem.txt").read_text() == PROBLEM
    student = next(s for s in classroom(PROBLEM, 4, seed=1) if s.slip == "power of ten")
    encoded = base64.b64encode(student.text.encode()).decode()
    data = {"submitted_answers": {"_files": [{"name": "worksheet.txt", "contents": encoded}]},
            "partial_scores": {}, "feedback": {}, "format_errors": {}}  # fmt: skip
    server.grade(data)
    scores = data["partial_scores"]
    assert len(scores) == MAX and scores[f"worksheet/{student.quantity}"]["score"] == 0
    assert all(v["score"] == 1 for k, v in scores.items() if k != f"worksheet/{student.quantity}")
    assert data["score"] == pytest.approx((MAX - 1) / MAX)
    assert "a power of ten off" in data["feedback"]["worksheet"]
    # shown inside PrairieLearn's page: no document of its own, no style to restyle it
    shown = data["feedback"]["worksheet"].lower()
    assert "<table" in shown and not re.search(r"<(!doctype|html|head|body|style|title)", shown)
    data = {"submitted_answers": {"worksheet": "\x00\x01"}}
    server.grade(data)
    assert "worksheet" in data["format_errors"] and "score" not in data


def test_prairielearn_holds_a_worksheet_to_its_limits_before_and_while_grading(
        monkeypatch) -> None:  # fmt: skip
    """grade(data) runs in PrairieLearn's own process: a worksheet past MAX_LINES is not read,
    one whose grading outlasts the time budget is stopped; either way a score of 0, each
    partial score 0, and the feedback says which limit (a 4,900-line sheet was graded in
    PrairieLearn's process for 2 to 6 s, and a slow one would have hung it)."""
    from autograd.grade.prairielearn import MAX_LINES, grade_question

    key = Reference.from_text(PROBLEM)
    good = classroom(PROBLEM, 1)[0].text
    long = good * (MAX_LINES // len(good.splitlines()) + 1)
    data = {"submitted_answers": {"worksheet": long}}
    assert grade_question(data, key) is not None and data["score"] == 0
    lines = long.count("\n") + 1
    said = f"the worksheet has {lines:,} lines, more than the {MAX_LINES:,} graded here"
    assert said in data["feedback"]["worksheet"]
    assert {v["score"] for v in data["partial_scores"].values()} == {0}
    monkeypatch.setattr("autograd.grade.prairielearn.grade_text", _slow)
    data = {"submitted_answers": {"worksheet": good}}
    start = time.monotonic()
    grade_question(data, key, time_limit=1)
    assert time.monotonic() - start < 10 and data["score"] == 0
    assert "took longer than 1 s; the score is 0" in data["feedback"]["worksheet"]


def test_prairielearn_external_grader_results(tmp_path) -> None:
    (tmp_path / "student").mkdir()
    (tmp_path / "student" / "w.txt").write_text(classroom(PROBLEM, 1)[0].text, encoding="utf-8")
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    from autograd.grade.prairielearn import main as external

    results = tmp_path / "r" / "results.json"
    assert external(["--key", str(tmp_path / "problem.txt"), "--submission",
                     str(tmp_path / "student"), "--results", str(results)]) == 0
    results = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    assert results["gradable"] is True and results["score"] == 1.0
    assert all({"name", "points", "max_points"} <= set(t) for t in results["tests"])


def test_quizzes_read_back_with_their_tolerances(tmp_path) -> None:
    from autograd.grade.lms import read_moodle, read_qti

    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["solve", str(tmp_path / "problem.txt"), "--variants", "3", "-o",
                 str(tmp_path / "v"), "--quiz", "moodle", "--quiz", "canvas"]) == 0  # fmt: skip
    answers = list(csv.DictReader(open(tmp_path / "v" / "answers.csv", encoding="utf-8")))
    xml = (tmp_path / "v" / "quiz-moodle.xml").read_text(encoding="utf-8")
    moodle = read_moodle(xml)
    assert len(moodle) == 3 * 6  # ∂L/∂p and p' for the three parameters, in each variant
    root = ET.fromstring(xml)  # Moodle's format: <quiz>, numerical questions, full marks
    assert root.tag == "quiz" and len(root.findall("question[@type='numerical']")) == 18
    second = (tmp_path / "v" / "variant-02.txt").read_text(encoding="utf-8")
    for q in root.findall("question"):
        assert q.find("answer").get("fraction") == "100"
        assert q.find("questiontext").get("format") == "html"
        if q.findtext("name/text").startswith("variant 2:"):  # its own problem, as text
            shown = ET.fromstring(f"<p>{q.findtext('questiontext/text')}</p>")
            assert shown.find("pre").text.strip() in second
    first = {name: (value, tol) for name, value, tol in moodle}
    value, tol = first["variant 2: ∂L/∂w1"]
    written = answers[1]["∂L/∂w1"]  # one unit in its last place
    assert value == float(written) and tol == pytest.approx(10.0 ** -len(written.split(".")[1]))
    with zipfile.ZipFile(tmp_path / "v" / "quiz-canvas.zip") as z:
        assert "imsmanifest.xml" in z.namelist()
        items = read_qti(z.read("quiz/quiz.xml").decode())
        ET.fromstring(z.read("imsmanifest.xml"))
    assert [(n, v) for n, v, _ in items] == [(n, v) for n, v, _ in moodle]


@pytest.mark.skipif(not os.environ.get("GRADE_HEAVY"), reason="heavy: set GRADE_HEAVY=1")
def test_a_class_of_a_thousand_on_two_cores(tmp_path) -> None:
    """The README's figure: 1,000 generated submissions of the 2-2-2 tanh problem."""
    problem = (ROOT / "tests" / "worksheets" / "two_outputs_tanh.txt").read_text("utf-8")
    students = classroom(problem, 1000, seed=1)
    write_class(students, tmp_path / "subs")
    (tmp_path / "problem.txt").write_text(problem, encoding="utf-8")
    before, load = resource.getrusage(resource.RUSAGE_CHILDREN), os.getloadavg()[0]
    start = time.perf_counter()
    grades = grade_class(tmp_path / "subs", Reference.from_file(tmp_path / "problem.txt"),
                         jobs=2)  # fmt: skip
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss / 1024  # MB, Linux
    print(f"\n1000 submissions on 2 cores: {seconds:.1f} s, {seconds / 1000:.3f} s each "
          f"(wall clock); 10,000: about {seconds * 10 / 60:.0f} min; the workers' CPU time "
          f"{cpu:.1f} s, {cpu / 1000:.3f} s a submission (on 2 cores of their own: "
          f"{cpu / 2:.0f} s); peak worker memory {peak:.0f} MB; one submission checked and "
          f"graded in {statistics.median(g.seconds for g in grades):.3f} s (median); "
          f"load average before {load:.1f}")
    assert not any(g.problem for g in grades) and peak < 1024
    counted = Counter((x.kind, x.quantity) for g in grades for x in g.slips)
    assert counted == Counter((EXPECTED_KIND[s.slip], s.quantity) for s in students
                              if s.slip in EXPECTED_KIND)  # fmt: skip


def test_variants_each_student_graded_against_their_own(tmp_path, capsys) -> None:
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["solve", str(tmp_path / "problem.txt"), "--variants", "2", "-o",
                 str(tmp_path / "v")]) == 0  # fmt: skip
    subs = tmp_path / "subs"
    subs.mkdir()
    roster = ["student,variant"]
    for v in (1, 2):
        text = (tmp_path / "v" / f"variant-{v:02}.txt").read_text(encoding="utf-8")
        clean = classroom(text, 1)[0]
        (subs / f"s{v}.txt").write_text(clean.text, encoding="utf-8")
        roster.append(f"s{v},{v}")
    (subs / "s3.txt").write_text(clean.text, encoding="utf-8")  # variant 2's work, said 1
    (subs / "s9.txt").write_text(clean.text, encoding="utf-8")  # not on the roster
    roster += ["s3,1", "s4,2"]  # s4 handed nothing in
    (tmp_path / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    grades = grade_class(subs, None, variants=tmp_path / "v", roster=tmp_path / "roster.csv",
                         jobs=2)  # fmt: skip
    assert [(g.student, g.score) for g in grades[:2]] == [("s1", MAX), ("s2", MAX)]
    assert grades[2].score < MAX and grades[2].slips[0].kind == "given copied wrong"
    from autograd import __version__

    rows = {g.student: (g.problem, g.score, g.max_score, g.version) for g in grades[3:]}
    assert rows == {"s4": ("nothing handed in", 0, MAX, __version__),
                    "s9": ("could not be read: the roster gives this student no variant", 0,
                           MAX, __version__)}  # fmt: skip
    assert main(["grade", str(subs), "--variants", str(tmp_path / "v"), "-o",
                 str(tmp_path / "out")]) == 2  # fmt: skip
    assert "--roster" in capsys.readouterr().err
    # the teacher writes each student's name into answers.csv: it is the roster
    answers = (tmp_path / "v" / "answers.csv").read_text(encoding="utf-8").splitlines()
    named = [f"{answers[0]},student", f"{answers[1]},s1", f"{answers[2]},s2"]
    (tmp_path / "v" / "answers.csv").write_text("\n".join(named) + "\n", encoding="utf-8")
    assert main(["grade", str(subs), "--variants", str(tmp_path / "v"), "-o",
                 str(tmp_path / "out")]) == 0  # fmt: skip
    book = list(csv.DictReader(open(tmp_path / "out" / "grades.csv", encoding="utf-8")))
    assert [(r["student"], float(r["score"])) for r in book[:3]] == [
        ("s1", MAX), ("s2", MAX), ("s3", 0)]
    assert book[2]["problem"] == "could not be read: the roster gives this student no variant"


@pytest.mark.parametrize(
    "variant, message",
    [
        # "variant-99.txt: cannot read it (No such file …)": which student, it did not say
        ("99", r"^grade: the roster gives 'ada' variant 99, which .* does not hold "
               r"\(no variant-99.txt\)$"),
        ("0", r"^grade: the roster gives 'ada' variant 0, which"),
        # "invalid literal for int() with base 10: '²'": "²".isdigit() is True
        ("²", r"roster.csv: row 2: expected a variant number for 'ada', got '²'$"),
    ],
)  # fmt: skip
def test_a_roster_variant_there_is_no_key_for_is_one_line_naming_the_student(
    tmp_path, variant, message
) -> None:
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["solve", str(tmp_path / "problem.txt"), "--variants", "2", "-o",
                 str(tmp_path / "v")]) == 0  # fmt: skip
    (tmp_path / "roster.csv").write_text(f"student,variant\nada,{variant}\n", encoding="utf-8")
    (tmp_path / "subs").mkdir()
    with pytest.raises(ValueError, match=message):
        grade_class(tmp_path / "subs", None, variants=tmp_path / "v",
                    roster=tmp_path / "roster.csv", jobs=1)  # fmt: skip


def test_grades_written_into_the_class_folder_are_not_a_student_next_time(tmp_path, capsys):
    # grade . -o grades, run twice: the second gradebook had a student "grades" with 0 points,
    # "could not be read: grades/grading.json: field 'network' is missing"
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    clean = next(s for s in classroom(PROBLEM, 8, seed=3) if s.slip is None)
    (subs / "ada.txt").write_text(clean.text, encoding="utf-8")
    argv = ["grade", str(subs), "--key", str(tmp_path / "problem.txt"), "--jobs", "1", "-o"]
    for _ in range(2):
        assert main([*argv, str(subs / "grades")]) == 0
    book = list(csv.DictReader(open(subs / "grades" / "grades.csv", encoding="utf-8")))
    assert [r["student"] for r in book] == ["ada"]
    # -o naming a file: "[Errno 17] File exists", once the class was graded; now before
    (tmp_path / "out.txt").write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert main([*argv, str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-o: " in err and "is a file" in err


def test_a_roster_as_a_spreadsheet_saves_it_is_read_or_named(tmp_path) -> None:
    # Student,Variant (capitals) was refused; student;variant (Excel where a comma is the
    # decimal mark) was "must name the columns student and variant", which its row does
    from autograd.grade import read_roster

    (tmp_path / "r.csv").write_text("Student,Variant\nada,1\n", encoding="utf-8")
    assert read_roster(tmp_path / "r.csv") == {"ada": "1"}
    (tmp_path / "r.csv").write_text("student;variant\nada;1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"separated by commas; it is \"student;variant\"$"):
        read_roster(tmp_path / "r.csv")


def test_a_name_macos_decomposed_is_the_roster_s_student(tmp_path) -> None:
    # a file named Zoë by macOS (Zoe + U+0308) and the roster's Zoë (one character) were two
    # students: "the roster gives this student no variant" and "nothing handed in", 0 each
    import unicodedata

    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["solve", str(tmp_path / "problem.txt"), "--variants", "1", "-o",
                 str(tmp_path / "v")]) == 0  # fmt: skip
    text = (tmp_path / "v" / "variant-01.txt").read_text(encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / (unicodedata.normalize("NFD", "Zoë") + ".txt")).write_text(
        classroom(text, 1)[0].text, encoding="utf-8")
    (tmp_path / "roster.csv").write_text("student,variant\nZoë,1\n", encoding="utf-8")
    grades = grade_class(subs, None, variants=tmp_path / "v", roster=tmp_path / "roster.csv",
                         jobs=1)  # fmt: skip
    assert [(g.student, g.score, g.problem) for g in grades] == [("Zoë", MAX, "")]
    (tmp_path / "over.csv").write_text("student,quantity,points,reason\nZoë,z,0,checked\n")
    write(grades, tmp_path / "out", "problem.txt", Rubric(), tmp_path / "over.csv")
    assert grades[0].score == MAX - 1


def test_the_key_s_loss_name_written_for_another_quantity_keeps_its_own_value() -> None:
    # a key that stops at z (its loss) and a sheet that goes on to L: L, the sheet's loss, was
    # renamed z, and z was marked with L's value, 0.06278 for the 0.6000 written on line 4
    key = Reference.from_text(PROBLEM.split("a = σ(z)")[0])
    clean = next(s for s in classroom(PROBLEM, 8, seed=3) if s.slip is None)
    g = grade_text(clean.text, key, Rubric(), "ada")
    z = next(m for m in g.marks if m.quantity == "z")
    assert (z.status, z.line, z.written) == ("correct", 4, "0.6000")


@pytest.mark.parametrize("renamed", [False, True])
def test_a_quantity_defined_otherwise_is_the_slip_and_the_rest_carried(renamed) -> None:
    """tanh where the key has σ, done consistently: the checker finds the sheet right on its
    own terms; against the key, a is the one slip (line 5) and what uses it is carried.
    Renamed (out_z, out_a), out_a has no value of the key's: it is placed by what its
    formula reads (out_z, which is z), and so is every derivative through it."""
    from autograd.audit.read_text import read_text
    from autograd.audit.solve import solve_part

    wrong = read_text(PROBLEM.replace("a = σ(z)", "a = tanh(z)"), "tanh").parts[0]
    text = solve_part(wrong, 4, "rounded").text(front=False)
    if renamed:
        text = re.sub(r"(?<!\w)([az])(?![\w])", r"out_\1", text)
        assert "out_a = tanh(out_z)" in text and "∂out_a/∂out_z" in text
    g = grade_text(text, Reference.from_text(PROBLEM), Rubric(), "tanh")
    assert [(s.kind, s.quantity, s.line) for s in g.slips] == [("differs from the key", "a", 5)]
    status = {m.quantity: m.status for m in g.marks}
    assert status["a"] == "error" and status["z"] == status["∂z/∂w1"] == "correct"
    assert status["L"] == status["∂L/∂w1"] == status["w1'"] == "carried"
    assert "missing" not in status.values() and g.score == MAX - 1


def test_a_given_copied_wrong_in_any_notation_is_one_slip_the_rest_carried() -> None:
    """Renamed quantities (E for L, dL/dw, out_z for z) and a parameter copied wrong: the
    names are matched to the key's all the same (out_z by its place in the graph, computed
    at the key's givens), so what follows from the miscopied given is carried, not missing."""
    students = classroom(PROBLEM, 12, seed=5, slips=("given",), clean=0)
    assert {s.notation for s in students} == {"key", "d", "E", "out"}
    key = Reference.from_text(PROBLEM)
    for s in students:
        g = grade_text(s.text, key, Rubric(), s.name)
        assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
            ("given copied wrong", s.quantity, s.line)], (s.notation, s.text)
        assert {m.status for m in g.marks} == {"correct", "carried"}, s.notation
        assert g.score == MAX - 1


LINEAR = "x = 2, y = 1, α = 0.1\nw = 0.5, c = -0.5\nh = w x + c\nL = (y − h)^2\n"
LINEAR_MAX = 6  # h, L, ∂L/∂h, ∂h/∂w, ∂L/∂w, w' (c is a given, w the one parameter; by hand)


def test_each_key_part_is_graded_on_the_students_part_that_answers_it(tmp_path) -> None:
    """A two-part key: the student's parts in the other order, or only the second one, are
    graded part for part (they were matched by position: b's work graded against a)."""
    key = Reference.from_text(f"---\npart: a\n---\n{PROBLEM}---\npart: b\n---\n{LINEAR}")
    a, b = classroom(PROBLEM, 1)[0].text, classroom(LINEAR, 1)[0].text
    swapped = grade_text(f"---\npart: b\n---\n{b}---\npart: a\n---\n{a}", key, Rubric())
    assert (swapped.score, swapped.max_score, swapped.slips) == (MAX + LINEAR_MAX,) * 2 + ([],)
    only_b = grade_text(b, key, Rubric())
    assert only_b.score == LINEAR_MAX and only_b.slips == []
    assert {m.quantity for m in only_b.marks if m.status == "missing"} == {
        m.quantity for m in only_b.marks if m.quantity.startswith("1: ")}


def test_work_split_over_files_is_read_as_one_worksheet(tmp_path) -> None:
    """The forward pass in one file, the backward pass in the next: the second uses the first's
    numbers, so the files are also read joined, in name order (alone, the second file could
    not be read: 'a has no value', and 3 points of 14 were earned)."""
    from autograd.grade import grade_submission
    from autograd.grade.submission import Submission

    sign = next(s for s in classroom(PROBLEM, 4, seed=1) if s.slip == "sign")
    lines = sign.text.splitlines(keepends=True)
    cut = lines.index("# local derivatives\n")
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "1-forward.txt").write_text("".join(lines[:cut]), encoding="utf-8")
    (tmp_path / "ada" / "2-backward.txt").write_text("".join(lines[cut:]), encoding="utf-8")
    g = grade_submission(Submission("ada", tmp_path / "ada"), Reference.from_text(PROBLEM),
                         Rubric())  # fmt: skip
    assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
        ("sign dropped", sign.quantity, sign.line)]  # the line counted through both files
    assert g.score == MAX - 1
    assert "read as one worksheet: ada/1-forward.txt, ada/2-backward.txt" in g.report
    # joined past the reader's limit of equations, each file is still graded on its own
    many = "".join(f"v{i} = x1 + {i}\n" for i in range(3000))
    (tmp_path / "ada" / "3-more.txt").write_text(many, encoding="utf-8")
    (tmp_path / "ada" / "4-more.txt").write_text(many, encoding="utf-8")
    g = grade_submission(Submission("ada", tmp_path / "ada"), Reference.from_text(PROBLEM),
                         Rubric())  # fmt: skip
    assert not g.problem and g.score > 0


def test_work_split_over_files_of_different_kinds_is_read_as_one_worksheet(tmp_path) -> None:
    """The forward pass typed as plain text, the backward pass in Markdown maths: joined in
    name order, each file by its own reader (files of two kinds were not joined, and the
    backward pass alone could not be read: 3 points of 14); the feedback names the files."""
    from autograd.grade import grade_submission
    from autograd.grade.submission import Submission

    sign = next(s for s in classroom(PROBLEM, 4, seed=1) if s.slip == "sign")
    lines = sign.text.splitlines(keepends=True)
    cut = lines.index("# local derivatives\n")
    maths = "".join(line if line.startswith("#") else f"$${line.strip()}$$\n"
                    for line in lines[cut:])  # fmt: skip
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "1-forward.txt").write_text("".join(lines[:cut]), encoding="utf-8")
    (tmp_path / "ada" / "2-backward.md").write_text(maths, encoding="utf-8")
    g = grade_submission(Submission("ada", tmp_path / "ada"), Reference.from_text(PROBLEM),
                         Rubric())  # fmt: skip
    assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
        ("sign dropped", sign.quantity, sign.line)]  # the line counted through both files
    assert g.score == MAX - 1
    said = ("Files read: ada/1-forward.txt, ada/2-backward.md (joined as one worksheet, in "
            "name order)")
    assert said in feedback_markdown(g) and html.escape(said) in feedback_html(g)


def test_a_readme_or_draft_beside_the_work_does_not_hide_it(tmp_path) -> None:
    """A folder whose first file (in name order) holds a line of the problem: the work in the
    other file is graded (only the first file's part was, 1 point of 14)."""
    from autograd.grade import grade_submission
    from autograd.grade.submission import Submission

    sign = next(s for s in classroom(PROBLEM, 4, seed=1) if s.slip == "sign")
    folder = tmp_path / "ada"
    (folder / "hw").mkdir(parents=True)
    (folder / "README.md").write_text("My work is in hw/.\n\nz = w1 x1 + w2 x2 + b = 0.6\n",
                                      encoding="utf-8")  # fmt: skip
    (folder / "hw" / "work.txt").write_text(sign.text, encoding="utf-8")
    g = grade_submission(Submission("ada", folder), Reference.from_text(PROBLEM), Rubric())
    assert [(x.kind, x.quantity, x.line) for x in g.slips] == [
        ("sign dropped", sign.quantity, sign.line)]
    assert g.score == MAX - 1


SLIPPED = "= (−0.3543) · 0.2288 · 0.5 = −0.4053"  # ∂L/∂w1 on line 14, a power of ten off
RIGHT = "= (−0.3543) · 0.2288 · 0.5 = −0.04053"


@pytest.mark.parametrize("how", ["correction:", "again", "struck", "struck line", "markdown"])
def test_the_last_value_written_for_a_quantity_is_the_one_graded(how) -> None:
    """∂L/∂w1 written wrong on line 14, then corrected as people do: a line 'correction: …'
    before the updates, the quantity simply written again, the wrong number struck out
    (~~…~~, in a line or the whole line; in Markdown too). The last value written is the
    answer (it was a slip, 13 of 14); the earlier one is shown as corrected."""
    good = classroom(PROBLEM, 1)[0].text
    wrong = good.replace(RIGHT, SLIPPED)
    again = f"∂L/∂w1 {RIGHT}\n# updates\n"
    text = {"correction:": wrong.replace("# updates\n", f"correction: {again}"),
            "again": wrong.replace("# updates\n", again),
            "struck": good.replace(RIGHT, RIGHT.replace("= −", "= ~~−0.4053~~ −")),
            "struck line": wrong.replace(f"∂L/∂w1 = ∂L/∂out_a · ∂out_a/∂out_z · ∂out_z/∂w1 "
                                         f"{SLIPPED}", f"~~∂L/∂w1 {SLIPPED}~~\n∂L/∂w1 {RIGHT}"),
            "markdown": good.replace(RIGHT, RIGHT.replace("= −", "= ~~−0.4053~~ −"))}[how]
    assert text != good
    g = grade_text(text, Reference.from_text(PROBLEM), Rubric(), markdown=how == "markdown")
    assert (g.score, g.slips) == (MAX, [])
    mark = next(m for m in g.marks if m.quantity == "∂L/∂w1")
    assert (mark.status, mark.written) == ("correct", "−0.04053")
    assert g.unread == []  # the struck line was not understood, and Markdown dropped it
    if how.startswith("struck") or how == "markdown":  # struck out: not read, as not written
        assert mark.line == 14 + (how == "struck line") and mark.corrected == []
    else:  # written again: shown as corrected
        assert mark.corrected == [(14, "−0.4053")] and mark.line == 17
        shown = "line 14: ∂L/∂w1 = −0.4053: corrected on line 17, whose value is the one graded"
        assert shown in feedback_markdown(g).replace("\\", "")


def test_a_line_left_on_a_corrected_value_is_the_slip_and_a_second_pass_is_no_correction(
        ) -> None:  # fmt: skip
    """w1' worked out from ∂L/∂w1's wrong value, which is corrected later and w1' not redone:
    w1' is wrong and follows from no slip still charged, so it is the one slip (it was
    carried: full marks with a wrong update). A pass after the step that writes z, a, L again
    has other inputs: not a correction of line 4 (its z stays the slip it was)."""
    good = classroom(PROBLEM, 1)[0].text
    text = good.replace(RIGHT, SLIPPED).replace("0.2 − 0.5 · (−0.04053) = 0.22027",
                                                "0.2 − 0.5 · (−0.4053) = 0.40265")  # fmt: skip
    text = text.replace("# after the step\n", f"∂L/∂w1 {RIGHT}\n# after the step\n")
    g = grade_text(text, Reference.from_text(PROBLEM), Rubric())
    assert [(s.kind, s.quantity, s.line) for s in g.slips] == [
        ("a corrected value not carried through", "w1'", 18)]
    assert g.score == MAX - 1
    assert "line 18: w1' = 0.40265: uses the value of line 14, corrected on line 21" in \
        feedback_markdown(g)  # fmt: skip
    body = good.split("# after the step\n")[0]
    second = "".join(line.replace("w1 ·", "w1' ·").replace("w2 ·", "w2' ·").replace(
        "+ b =", "+ b' =") for line in good.splitlines(True) if line.startswith("out_z'")
        ).replace("out_z'", "out_z")  # fmt: skip
    g = grade_text(body + second, Reference.from_text(PROBLEM), Rubric())
    assert [(s.quantity, s.line) for s in g.slips] == [("z", 21)]
    assert next(m for m in g.marks if m.quantity == "z").corrected == []


ONE_LOSS = "x1 = 0.5, x2 = -1, y = 1, α = 0.5\nw1 = 0.2, w2 = -0.4, b = 0.1\n" \
           "z = w1 x1 + w2 x2 + b\nL = ½(y − σ(z))^2\n"  # fmt: skip


@pytest.mark.parametrize("slip", [False, True])
def test_the_keys_combined_derivative_is_the_product_of_the_students_own(slip) -> None:
    """The key has ∂L/∂z as one local derivative (its loss reads σ(z)); the student, in
    Mazur's notation (net, out, E), writes ∂E/∂out and ∂out/∂net and multiplies them. The
    key's ∂L/∂z is found by place in the graph (E → out → net, net being z) and credited as
    those factors stand (it was missing: 11 of 12); a slip in a factor makes it an error."""
    key = Reference.from_text(ONE_LOSS)
    assert "∂L/∂z" in key.quantity_names() and "a" not in key.quantity_names()
    text = re.sub(r"\bout_z\b", "net", classroom(PROBLEM, 1)[0].text)
    text = re.sub(r"\bout_a\b", "out", text).replace("L", "E").split("# after the step")[0]
    if slip:
        text = text.replace("0.6457 · (1 − 0.6457) = 0.2288", "0.6457 · (1 − 0.6457) = 0.2388")
    g = grade_text(text, key, Rubric())
    mark = next(m for m in g.marks if m.quantity == "∂L/∂z")
    assert mark.diagnosis == "the product of your ∂E/∂out and ∂out/∂net"
    if not slip:
        assert (g.score, g.max_score, g.slips, mark.status) == (12, 12, [], "correct")
        assert mark.written == "∂E/∂out · ∂out/∂net = −0.3543 · 0.2288"
    else:
        assert mark.status == "error" and g.max_score - g.score >= 1
        assert next((s.quantity, s.line) for s in g.slips) == ("∂out/∂net", 9)


def test_variants_answers_csv_is_cross_checked_and_a_disagreement_said_once(tmp_path,
                                                                          capsys) -> None:
    """Each student is graded against their variant as recomputed from variant-NN.txt, the
    variant named in their feedback and the gradebook; a variant edited after solve wrote
    answers.csv (its w1 changed) is said once, in one line naming the first number that
    disagrees and how many do, on stderr, in grading.json and atop the class report
    (answers.csv was read for the roster only: an edited variant went unnoticed)."""
    (tmp_path / "problem.txt").write_text(PROBLEM, encoding="utf-8")
    assert main(["solve", str(tmp_path / "problem.txt"), "--variants", "2", "-o",
                 str(tmp_path / "v")]) == 0  # fmt: skip
    subs = tmp_path / "subs"
    subs.mkdir()
    (tmp_path / "roster.csv").write_text("student,variant\ns1,1\ns2,2\n", encoding="utf-8")
    notes: list[str] = []

    def graded() -> list:
        for v in (1, 2):
            text = (tmp_path / "v" / f"variant-{v:02}.txt").read_text(encoding="utf-8")
            (subs / f"s{v}.txt").write_text(classroom(text, 1)[0].text, encoding="utf-8")
        return grade_class(subs, None, variants=tmp_path / "v", roster=tmp_path / "roster.csv",
                           jobs=1, notes=notes)  # fmt: skip

    grades = graded()
    assert notes == [] and [(g.variant, g.score) for g in grades] == [("1", MAX), ("2", MAX)]
    assert "Graded against variant 2 of the problem." in feedback_markdown(grades[1])
    variant = tmp_path / "v" / "variant-02.txt"
    text = variant.read_text(encoding="utf-8")
    w1 = re.search(r"\bw1 = (\S+?),", text).group(1)
    edited = f"{float(w1.replace('−', '-')) + 0.1:.1f}"
    variant.write_text(text.replace(f"w1 = {w1},", f"w1 = {edited},"), encoding="utf-8")
    grades = graded()  # s2's work is on the edited variant: graded against it, full marks
    assert [(g.variant, g.score) for g in grades] == [("1", MAX), ("2", MAX)]
    assert len(notes) == 1 and f"w1 of variant 2 is {w1} there, but variant-02.txt gives " \
        f"{edited}; " in notes[0] and "in variant 2. Each student" in notes[0]  # fmt: skip
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--variants", str(tmp_path / "v"), "--roster",
                 str(tmp_path / "roster.csv"), "-o", str(out)]) == 0  # fmt: skip
    assert capsys.readouterr().err.count("w1 of variant 2 is") == 1
    assert json.loads((out / "grading.json").read_text(encoding="utf-8"))["notes"] == notes
    assert html.escape(notes[0]) in (out / "class-report.html").read_text(encoding="utf-8")
    book = list(csv.DictReader(open(out / "grades.csv", encoding="utf-8")))
    assert [(r["student"], r["variant"]) for r in book] == [("s1", "1"), ("s2", "2")]


ANN = """x1 = 0.5, x2 = -1, y = 1, α = 0.5
w1 = 0.2, w2 = -0.4, b = 0.1
z = w1 x1 + w2 x2 + b = 0.2(0.5) + (-0.4)(-1) + 0.1 = 0.6
a = σ(z) = σ(0.6) = 0.6457
L = ½(y − a)^2 = ½(1 − 0.6457)^2 = 0.06276
dL/da = (y − a) = 1 − 0.6457 = 0.3543
da/dz = a(1 − a) = 0.6457(1 − 0.6457) = 0.2288
dL/dz = dL/da · da/dz = 0.3543 · 0.2288 = 0.08106
dz/dw1 = x1 = 0.5
dz/dw2 = x2 = -1
dz/db = 1
dL/dw1 = dL/dz · dz/dw1 = 0.08106 · 0.5 = 0.04053
dL/dw2 = dL/dz · dz/dw2 = 0.08106 · (-1) = -0.08106
dL/db = dL/dz · dz/db = 0.08106
w1' = w1 − α dL/dw1 = 0.2 − 0.5 · 0.04053 = 0.179735
w2' = w2 − α dL/dw2 = -0.4 − 0.5 · (-0.08106) = -0.35947
b' = b − α dL/db = 0.1 − 0.5 · 0.08106 = 0.05947
"""  # by hand: the sign of dL/da dropped on line 6, everything after it follows from it


def test_a_slip_in_a_quantity_the_key_lacks_costs_the_first_mark_it_carries_to() -> None:
    """The key has ∂L/∂z as one quantity; the student's dL/da (which the key lacks) drops
    its sign. The slip cost nothing (12 of 12, every later mark carried): now the first mark
    carried from it, ∂L/∂z, is the error, and says so; the slip's kind is the same for every
    student (no numbers in it), its step a local derivative (L reads a)."""
    g = grade_text(ANN, Reference.from_text(ONE_LOSS), Rubric(), "ann")
    assert [(s.quantity, s.line, s.stage) for s in g.slips] == [("∂L/∂a", 6, "local")]
    assert "0" not in g.slips[0].kind and "…" in g.slips[0].kind
    status = {m.quantity: m.status for m in g.marks}
    assert status["∂L/∂z"] == "error" and status["∂L/∂w1"] == status["b'"] == "carried"
    assert g.score == 11 and g.max_score == 12
    assert g.carried == 6  # the quantities carried, as the gradebook counts them (checks: 14)
    said = "line 8: ∂L/∂z = 0.08106: follows from the slip of line 6 (∂L/∂a = (y − a)"
    assert said in feedback_markdown(g).replace("\\", "")


def test_a_local_derivative_used_in_a_right_chain_formula_is_credited() -> None:
    """∂L/∂w1 = ∂L/∂z · x1, judged right, uses ∂z/∂w1 = x1 without writing it: credited with
    that line, as a teacher reads it (the three local derivatives were missing: 9 of 12).
    Written as bare numbers, the chain uses nothing to credit."""
    text = ("x1 = 0.5, x2 = -1, y = 1, α = 0.5\nw1 = 0.2, w2 = -0.4, b = 0.1\n"
            "z = w1 x1 + w2 x2 + b = 0.6\nL = ½(y − σ(z))^2 = ½(1 − σ(0.6))^2 = 0.06278\n"
            "∂L/∂z = −(y − σ(z))σ(z)(1 − σ(z)) = −(1 − 0.6457)(0.6457)(1 − 0.6457) = −0.08106\n"
            "∂L/∂w1 = ∂L/∂z · x1 = −0.08106 · 0.5 = −0.04053\n"
            "∂L/∂w2 = ∂L/∂z · x2 = −0.08106 · (−1) = 0.08106\n"
            "∂L/∂b = ∂L/∂z = −0.08106\nw1' = w1 − α ∂L/∂w1 = 0.2 + 0.5 · 0.04053 = 0.220265\n"
            "w2' = w2 − α ∂L/∂w2 = −0.4 − 0.5 · 0.08106 = −0.44053\n"
            "b' = b − α ∂L/∂b = 0.1 + 0.5 · 0.08106 = 0.14053\n")  # fmt: skip
    key = Reference.from_text(ONE_LOSS)
    g = grade_text(text, key, Rubric())
    marks = {m.quantity: m for m in g.marks}
    assert (g.score, g.max_score, g.slips) == (12, 12, [])
    assert (marks["∂z/∂w1"].line, marks["∂z/∂w1"].written) == (6, "∂L/∂z · x1")
    assert marks["∂z/∂b"].diagnosis == "used in your ∂L/∂b"
    assert "| correct (used in your ∂L/∂b) | 8 |" in feedback_markdown(g).replace("\\", "")
    good = classroom(PROBLEM, 1)[0].text  # the key has a: x1 after ∂L/∂out_a · ∂out_a/∂out_z
    inline = good.replace("∂out_z/∂w1 = x1 = 0.5\n", "").replace("· ∂out_z/∂w1 =", "· x1 =")
    g = grade_text(inline, Reference.from_text(PROBLEM), Rubric())
    marks = {m.quantity: m for m in g.marks}
    assert g.score == MAX and marks["∂z/∂w1"].diagnosis == "used in your ∂L/∂w1"
    bare = re.sub(r"(∂L/∂\w+) = ∂L/∂z[^=]*= ", r"\1 = ", text)
    g = grade_text(bare, key, Rubric())
    assert {m.quantity for m in g.marks if m.status == "missing"} == {
        "∂z/∂w1", "∂z/∂w2", "∂z/∂b"}


MAZUR_KEY = """i1 = 0.05, i2 = 0.10, t1 = 0.01, t2 = 0.99, η = 0.5
w1 = 0.15, w2 = 0.20, w3 = 0.25, w4 = 0.30, b1 = 0.35
w5 = 0.40, w6 = 0.45, w7 = 0.50, w8 = 0.55, b2 = 0.60
net_h1 = w1 i1 + w2 i2 + b1
net_h2 = w3 i1 + w4 i2 + b1
out_h1 = σ(net_h1)
out_h2 = σ(net_h2)
net_o1 = w5 out_h1 + w6 out_h2 + b2
net_o2 = w7 out_h1 + w8 out_h2 + b2
E = ½(t1 − σ(net_o1))^2 + ½(t2 − σ(net_o2))^2
"""  # Mazur's network, its loss reading the net inputs: ∂E/∂net_o1 is one quantity


def test_mazurs_page_earns_the_combined_derivative_and_nothing_it_never_works_out() -> None:
    """Mazur's page (as published) against a key with ∂E/∂net_o1 as one quantity: the page's
    ∂E_o1/∂net_o1 = ∂E_o1/∂out_o1 · ∂out_o1/∂net_o1 earns it; ∂E/∂net_o2 and
    ∂net_o2/∂out_h1, which the page takes as given inside ∂E_o2/∂out_h1 = −0.019049119, are
    missing, not credited from its ∂E_total/∂w1 = ∂E_total/∂out_h1 · … (a formula through a
    derivative it names by out_h1 holds no local derivative of its own)."""
    from autograd.grade import grade_submission
    from autograd.grade.submission import Submission

    page = Submission("mazur", ROOT / "tests" / "published" / "mazur_step_by_step.md")
    g = grade_submission(page, Reference.from_text(MAZUR_KEY), Rubric())
    marks = {m.quantity: m for m in g.marks}
    assert (marks["∂E/∂net_o1"].status, marks["∂E/∂net_o1"].line) == ("correct", 97)
    assert marks["∂E/∂net_o2"].status == marks["∂net_o2/∂out_h1"].status == "missing"
    assert (marks["∂net_o1/∂out_h1"].status, marks["∂net_o1/∂out_h1"].line) == ("correct", 101)


def test_an_answers_csv_row_whose_variant_is_no_ascii_number_is_passed_over(tmp_path):
    # "²" is a digit to str.isdigit, and int("²") raised "invalid literal for int() with base
    # 10: '²'" while checking answers.csv against the variants
    from autograd.grade import answers_disagree

    (tmp_path / "answers.csv").write_text("variant,part,w1\n²,1,0.5\n1,²,0.5\n", "utf-8")
    assert answers_disagree(tmp_path, {}) == ""
