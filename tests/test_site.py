"""The web site's Python side (web/bridge.py) under CPython: it answers as the command line does.

The page reaches the package only through bridge.py, so its answers are compared here with
``python -m autograd check --json`` and ``solve`` on the same files; the browser tests
(test_site_browser.py) then check that the page shows these answers. Also: where no program
can start (Pyodide), a picture says so in one line, and Jupyter's picture falls back to text.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from autograd import Value
from autograd.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKSHEETS = ROOT / "tests" / "worksheets"
HOMEWORK = ROOT / "autograd" / "homework" / "hw1.md"
README = ROOT / "README.md"


def load_bridge():
    spec = importlib.util.spec_from_file_location("bridge", ROOT / "web" / "bridge.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bridge = load_bridge()


def readme_worksheet() -> str:
    """The worksheet the README shows (neuron.txt, with its planted slip)."""
    section = README.read_text(encoding="utf-8").split("## Checking a hand calculation")[1]
    return section.split("```text\n")[1].split("```")[0]


def homework_part_a() -> str:
    """The homework's part (a): its front matter and text, up to part (b)'s front matter."""
    text = HOMEWORK.read_text(encoding="utf-8")
    return text[: text.index("---\npart: (b)")]


def cli(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def cli_counts(path: Path) -> list[dict[str, int]]:
    return [p["counts"] for p in json.loads(cli("check", str(path), "--json"))["parts"]]


@pytest.mark.parametrize(
    ("name", "text"),
    [("neuron.txt", readme_worksheet()), ("hw1a.md", homework_part_a())]
    + [(p.name, p.read_text(encoding="utf-8")) for p in sorted(WORKSHEETS.glob("*.txt"))][:6]
    + [(p.name, p.read_text(encoding="utf-8")) for p in sorted(WORKSHEETS.glob("*.md"))],
)
def test_the_page_checks_as_the_command_line_does(name, text, tmp_path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    answer = json.loads(bridge.check(text, path.suffix[1:]))
    assert [p["counts"] for p in answer["parts"]] == cli_counts(path)
    errors = {c["line"] for p in answer["parts"] for c in p["checks"] if c["verdict"] == "error"}
    assert errors == {int(n) for n, row in answer["lines"].items() if row["verdict"] == "error"}


def test_each_line_has_its_verdict_and_its_maths() -> None:
    answer = json.loads(bridge.check(readme_worksheet(), "txt"))
    assert answer["lines"]["5"]["verdict"] == "error"  # dL/dw = … = 0.025, for 0.25
    assert answer["lines"]["2"]["verdict"] == "match"
    (maths,) = answer["lines"]["3"]["maths"]  # a = σ(z) = 1/(1 + e^-0) = 0.5
    assert maths.startswith("<math") and "<mi>&#x003C3;</mi>" in maths and "<mfrac>" in maths  # σ
    assert answer["parts"][0]["title"] == ""  # not the name of a file the student never saw


def test_a_worksheet_it_cannot_read_is_one_line() -> None:
    answer = json.loads(bridge.check("[network]\ninputs = true\n", "toml"))
    assert set(answer) == {"error"} and "\n" not in answer["error"]
    assert "kind" in json.loads(bridge.check("x = 1", "exe"))["error"]


def test_a_notebook_opened_on_the_page_is_read_as_check_reads_it() -> None:
    # .ipynb, which check reads, was guessed a JSON check file: "field 'network' is missing"
    cells = [{"cell_type": "markdown", "source": ["$x = 2$\n", "$y = 3x = 6$"]}]
    answer = json.loads(bridge.check(json.dumps({"cells": cells}, indent=1), "ipynb"))
    (part,) = answer["parts"]
    assert [(c["quantity"], c["verdict"]) for c in part["checks"] if c["verdict"] != "given"] == [
        ("y", "match")
    ]
    assert '"ipynb"' in (ROOT / "web" / "worksheet.js").read_text(encoding="utf-8")


def test_the_key_is_the_one_solve_writes(tmp_path) -> None:
    problem = WORKSHEETS / "two_outputs_tanh.txt"
    out = tmp_path / "key.html"
    cli("solve", str(problem), "-o", str(out), "--carry", "rounded")
    text = problem.read_text(encoding="utf-8")
    answer = json.loads(bridge.key(text, "txt", problem.name, 4, "rounded"))
    assert answer["html"] == out.read_text(encoding="utf-8").replace(str(problem), problem.name)


def test_variants_are_the_ones_solve_writes(tmp_path) -> None:
    problem = WORKSHEETS / "two_outputs_tanh.txt"
    cli("solve", str(problem), "--variants", "3", "--seed", "7", "-o", str(tmp_path / "v"))
    text = problem.read_text(encoding="utf-8")
    answer = json.loads(bridge.variants(text, "txt", "", 3, 7, 4, "exact"))
    packed = zipfile.ZipFile(io.BytesIO(base64.b64decode(answer["zip"])))
    assert sorted(packed.namelist()) == sorted(
        [f"variants/variant-0{i}.txt" for i in (1, 2, 3)]
        + [f"variants/variant-0{i}-key.html" for i in (1, 2, 3)]
        + ["variants/answers.csv"]
    )
    assert packed.read("variants/answers.csv").decode() == (tmp_path / "v/answers.csv").read_text()
    assert packed.read("variants/variant-02.txt").decode() == (
        tmp_path / "v/variant-02.txt"
    ).read_text(encoding="utf-8")


def test_explore_an_expression() -> None:
    answer = json.loads(bridge.explore('a = Value(0.5, label="a")\nb = Value(2.0)\n(a * b).tanh()'))
    scene = answer["scene"]
    (a,) = [i for i, n in scene["nodes"].items() if n["name"] == "a"]
    # ∂/∂a tanh(a·b) = (1 − tanh²(1))·b = 0.83995 at a = 0.5, b = 2
    assert scene["chains"][a]["total"] == "0.8399"
    assert scene["svg"] == "" and scene["dot"].startswith("digraph") and f"{a} [" in scene["dot"]
    again = json.loads(bridge.recompute({a: 0.0}))["scene"]  # tanh'(0)·2 = 2
    assert again["chains"][a]["total"] == "2" and "data 0" in again["dot"]


def test_explore_the_homework() -> None:
    scene = json.loads(bridge.explore("", "a"))["scene"]
    (w2,) = [i for i, n in scene["nodes"].items() if n["name"] == "w2"]
    assert scene["chains"][w2]["total"] == "−6.664e−5"  # worked by hand in test_explore.py


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("a = Value(2.0)\nb = a +", "line 2: invalid syntax"),
        ("a = Value(2.0)\nb = a * c", "line 2: NameError: name 'c' is not defined"),
        ("x = 3", "the last line gives int 3, not a Value"),
        ("", "write an expression"),
        ("v = Value(1.0)\nfor i in range(500): v = v * 1.0\nv", "more than 400"),
    ],
)
def test_explore_says_what_is_wrong_in_one_line(source, said) -> None:
    answer = json.loads(bridge.explore(source))
    assert said in answer["error"] and "\n" not in answer["error"]


def test_a_picture_where_no_program_can_start(monkeypatch) -> None:
    # Pyodide's subprocess raises OSError(ENOTSUP, "emscripten does not support processes")
    from autograd.drawing import DotCannotRun, DotNotFound, draw, mimebundle

    monkeypatch.setattr(subprocess, "_can_fork_exec", False, raising=False)
    a = Value(2.0, label="a")
    picture = draw(a * a)
    with pytest.raises(DotCannotRun, match="cannot start programs") as raised:
        picture.pipe(format="svg")
    assert isinstance(raised.value, DotNotFound) and picture.source.startswith("digraph")
    shown = mimebundle(a * a)
    assert "image/svg+xml" not in shown and "no picture: cannot render" in shown["text/plain"]


def test_other_readings_are_counted_as_the_command_line_counts_them() -> None:
    answer = json.loads(bridge.check(HOMEWORK.read_text(encoding="utf-8"), "md"))
    shown = [
        f"{r['counts']['match']} match, {r['counts']['rounding']} rounding, "
        f"{r['counts']['carried']} carried, "
        f"{r['counts']['error']} error, {r['counts']['not understood']} not understood"
        for p in answer["parts"]
        for r in p["readings"]
    ]
    printed = re.findall(r"Read with .*\n\s+Verdicts: (.*?) \(", cli("homework"))
    assert len(shown) == 2 and shown == printed  # part (b): w9 = 0, and w8 = −1, w9 = 0
