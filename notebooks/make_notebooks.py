"""Write the notebooks from their Python sources in ``src/``, execute them, save the outputs.

Each source is a script in jupytext's "percent" format (``# %%`` starts a code cell,
``# %% [markdown]`` a prose cell), paired with its notebook by ``jupytext.toml``: JupyterLab
opens either as a notebook. The sources are what a reviewer reads; the ``.ipynb`` files,
outputs included, are what a code host shows.

    .venv/bin/python notebooks/make_notebooks.py            # every notebook
    .venv/bin/python notebooks/make_notebooks.py 02_homework # one

Runs are deterministic (seeded, no timings printed), so a fresh run reproduces the committed
outputs; ``tests/test_notebooks.py`` checks that.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
NAMES = sorted(p.stem for p in SOURCES.glob("[0-9]*.py"))
TIMEOUT = 120  # seconds per cell; every notebook runs in a few seconds
_ADDRESS = re.compile(r"<([\w.]+) (?:object )?at 0x[0-9a-f]+>")
_PROJECT = f"{HERE.parent}/"


def cells(source: str) -> list[nbformat.NotebookNode]:
    """The cells of a percent-format script, in order, as jupytext reads them."""
    found = jupytext.reads(source, fmt="py:percent").cells
    for i, cell in enumerate(found):
        cell.id = f"cell-{i}"  # stable ids, so that regenerating changes nothing
        cell.metadata = {}
    return found


def build(name: str) -> nbformat.NotebookNode:
    """The unexecuted notebook ``name`` (``"01_expressions"``)."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells((SOURCES / f"{name}.py").read_text(encoding="utf-8"))
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return notebook


def execute(notebook: nbformat.NotebookNode, cwd: str | Path) -> nbformat.NotebookNode:
    """Run every cell top to bottom in a fresh kernel in ``cwd``; raise if a cell raises."""
    # The kernel is this interpreter's own ipykernel, never a "python3" kernelspec found
    # elsewhere on the machine, which could import another `autograd`.
    this_python = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    client = NotebookClient(
        notebook,
        km=KernelManager(kernel_name="python3", kernel_spec_manager=this_python),
        timeout=TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        coalesce_streams=True,  # one stream per cell, a progress bar's \r redraws resolved
        resources={"metadata": {"path": str(cwd)}},
    )
    # and this tree's package, never another `autograd` installed where the kernel looks
    path = os.pathsep.join(p for p in (str(HERE.parent), os.environ.get("PYTHONPATH")) if p)
    client.execute(env={**os.environ, "PYTHONPATH": path})
    notebook.metadata["language_info"] = {"name": "python"}  # not the Python version
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain")
            if text:  # an object without a repr of its own shows an address, new every run;
                # a file of this project is named from the project, as on any machine
                text = _ADDRESS.sub(r"<\1>", text).replace(_PROJECT, "")
                output["data"]["text/plain"] = text
    return notebook


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        print(f"error: no notebook {unknown[0]!r}; choose from {', '.join(NAMES)}")
        return 2
    for name in names or NAMES:
        with tempfile.TemporaryDirectory() as cwd:  # whatever a notebook writes, not here
            notebook = execute(build(name), cwd)
        nbformat.write(notebook, HERE / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
