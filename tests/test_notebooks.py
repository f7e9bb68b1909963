"""The notebooks run top to bottom on a fresh kernel, and reproduce their committed outputs.

Each notebook is rebuilt from its source in ``notebooks/src/`` and executed with nbclient in
a temporary directory; a cell that raises fails the test. The committed ``.ipynb`` must be
what ``make notebooks`` writes from the current source: the same cells, and the same text
in every output (printed text, reprs, tables, typeset maths). Pictures are compared by kind
only, since their bytes depend on the installed Graphviz and Matplotlib.
"""

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
_spec = importlib.util.spec_from_file_location("make_notebooks", NOTEBOOKS / "make_notebooks.py")
make_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_notebooks)

TEXT = ("text/plain", "text/markdown", "text/latex", "text/html")


def outputs(notebook):
    """Per code cell: its outputs as comparable text; pictures by their kind."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown = []
        for out in cell.outputs:
            if out.output_type == "stream":
                shown.append((out.name, out.text))
            else:
                data = out.get("data", {})
                shown.append((out.output_type, sorted(data), [data[k] for k in TEXT if k in data]))
        found.append(shown)
    return found


def test_every_source_has_a_committed_notebook():
    committed = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert make_notebooks.NAMES == committed


@pytest.mark.parametrize("name", make_notebooks.NAMES)
def test_notebook_runs_and_reproduces_its_committed_outputs(name, tmp_path):
    committed = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    fresh = make_notebooks.build(name)
    assert [c.source for c in committed.cells] == [c.source for c in fresh.cells], (
        f"{name}.ipynb is not made from notebooks/src/{name}.py; run `make notebooks`"
    )
    make_notebooks.execute(fresh, tmp_path)  # raises CellExecutionError if a cell raises
    assert outputs(fresh) == outputs(committed), f"{name}: run `make notebooks` and commit"
    assert list(tmp_path.iterdir()) == [], "a notebook left files behind"


@pytest.mark.parametrize("name", make_notebooks.NAMES)
def test_committed_outputs_hold_no_run_specific_text(name):
    text = (NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8")
    assert not re.search(r" at 0x[0-9a-f]+", text), "a memory address in an output"
    assert not re.search(r"\d+(\.\d+)?s/it|it/s|\d\d:\d\d<", text), "a timing in an output"
    assert '"output_type": "error"' not in text


def test_cells_split_a_percent_script_into_prose_and_code():
    script = "# %% [markdown]\n# # Title\n#\n# Some *prose*.\n\n# %%\nx = 1\n\n\n# %%\nx\n"
    cells = make_notebooks.cells(script)
    assert [(c.cell_type, c.source) for c in cells] == [
        ("markdown", "# Title\n\nSome *prose*."),
        ("code", "x = 1"),
        ("code", "x"),
    ]
    assert [c.id for c in cells] == ["cell-0", "cell-1", "cell-2"]


def test_readme_links_every_notebook_and_says_how_to_open_them():
    readme = (NOTEBOOKS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Notebooks", 1)[1].split("\n## ", 1)[0]
    linked = re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", section)
    assert sorted(linked) == [f"notebooks/{name}.ipynb" for name in make_notebooks.NAMES]
    assert "make jupyter" in section and "make notebooks" in section
