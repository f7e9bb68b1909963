"""The README stays true: its Python examples run, and what their comments print is printed."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_examples_run_and_print_what_they_say(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples may save files
    blocks = python_blocks()
    assert len(blocks) >= 2
    assert sum(len(re.findall(r"^print\(.*\n# ", b, re.M)) for b in blocks) >= 2
    namespace: dict = {}
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), namespace)
        printed = out.getvalue()
        # a comment line right after a print shows what that print prints
        for shown in re.findall(r"^print\(.*\n# (.*)$", block, re.M):
            assert shown in printed
        # and a number opening a comment on the print's own line starts what it prints
        for number in re.findall(r"^print\(.*\)\s+# (−?\d[\d.]*?)\.*[ ,]", block, re.M):
            assert number in printed, number


def test_the_homework_counts_the_readme_gives_are_the_checks():
    # part b, judged as its forward pass states it: one error, and the lines computed from it
    from autograd.audit import check
    from autograd.homework import WORKSHEET

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    words = {"one": 1, "two": 2, "five": 5, "six": 6}
    said = re.search(r"states it, that is (\w+) errors?, and\s+the (\w+) lines", readme)
    part_b = next(p for p in check(WORKSHEET).parts if p.name == "b")
    carried = [c for c in part_b.checks if c.verdict == "carried"]
    assert (words[said.group(1)], words[said.group(2)]) == (len(part_b.errors()), len(carried))
