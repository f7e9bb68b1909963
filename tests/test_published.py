"""The checker on worked examples as people publish them (tests/published/).

The corpus is kept as published; its expected files come from tests/published/expected.py
(plain floats, not the package). The score may only get better: judged numbers and caught
mistakes never below, false alarms never above, the figures below.
"""

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "published"
sys.path.insert(0, str(HERE))

import expected  # noqa: E402
import score  # noqa: E402

# the score as it stands (python tests/published/score.py); at the corpus's first commit:
# 151 judged, 8 caught, 3 false alarms (judged: the numbers written in the judged links)
FLOOR = {"judged": 3646, "caught": 63}
CEILING = {"false_alarms": 0}


@pytest.mark.parametrize("name", sorted(expected.DOCUMENTS))
def test_expected_files_are_up_to_date(name):
    written = json.loads((HERE / f"{name}.expected.json").read_text("utf-8"))
    assert written == json.loads(json.dumps(expected.expected(name), ensure_ascii=False))


def test_the_corpus_is_at_least_twenty_documents_of_varied_kinds():
    docs = expected.DOCUMENTS.values()
    assert len(docs) >= 20
    assert {Path(d["file"]).suffix for d in docs} >= {".md", ".txt", ".tex", ".ipynb"}
    assert sum(len(d.get("mistakes", [])) for d in docs) >= 17


@pytest.fixture(scope="module")
def results():
    """Every document scored once (about 2 s) for the tests that read the scores."""
    return [score.score(n) for n in score.names()]


def test_the_score_never_gets_worse(results):
    total = {
        "judged": sum(r["judged"] for r in results),
        "caught": sum(len(r["caught"]) for r in results),
        "false_alarms": sum(len(r["false_alarms"]) for r in results),
    }
    assert all(total[k] >= v for k, v in FLOOR.items()), total
    assert all(total[k] <= v for k, v in CEILING.items()), total


def test_no_document_has_more_numbers_judged_than_it_writes(results):
    for r in results:
        assert r["judged"] <= r["written"], r["name"]
        assert r["derived"] <= r["judged"], r["name"]  # the givens read are judged, not derived


def test_a_judged_link_counts_the_numbers_it_writes():
    assert score.numbers_written("∂L/∂z2 · w2") == 0  # a formula: no number in it
    assert score.numbers_written("0.2 · 1.0 + (−0.3) · 2") == 4
    assert score.numbers_written("z1⁽2⁾ = 0.25") == 1  # the digits of a name are not numbers
    assert expected.numbers_in("dW[3] = dZ[3] A[l-1]^T + [1, 0]") == 2  # layers, not numbers


def test_the_numbers_written_are_counted_line_by_line(tmp_path):
    # what a line is counted to write bounds what is counted judged there: a code block's
    # numbers are not written maths, a table row's are, a LaTeX span's on each of its lines
    page = tmp_path / "page.md"
    page.write_text("$x = 2$\n\n```\ny = 3 * 4\n```\n\n| a | 0.5 |\n\n$$\nz = 1 \\\\\n+ 2.5\n$$\n")
    assert expected.numbers_per_line(page) == {1: 1, 7: 1, 10: 1, 11: 1}
    assert expected.count_numbers(page) == 4
    # in LaTeX, a tabular row's spacing \\[0.8em] is no \[ display maths: the step number
    # before the next row's maths is no maths either
    tex = tmp_path / "rows.tex"
    tex.write_text("1 & $0.8 \\times 1.5$ & $1.2$ \\\\[0.8em]\n"
                   "2 & $0.5$ \\\\[1em]\n\\[ x = 3 \\]\n")
    assert expected.numbers_per_line(tex) == {1: 3, 2: 1, 3: 1}
