"""Reading a Jupyter notebook (``.ipynb``): its Markdown cells, and the numbers its code cells
print where the notebook shows them as outputs, read as one Markdown page.

Code is not maths and is passed over; a printed ``H1 = sigmoid(H1_net) = 0.615383756`` is a
chain like a typed one. Every line keeps the line number it has in the ``.ipynb`` file, so a
report points into the file a student hands in.

>>> cell = {"cell_type": "markdown", "source": ["$x = 3$\\n", "$f = x^2 = 9$"]}
>>> text = markdown_of(json.dumps({"cells": [cell]}, indent=1), "nb.ipynb")
>>> [line for line in text.splitlines() if line]
['$x = 3$', '$f = x^2 = 9$']
"""

from __future__ import annotations

import json
from typing import Any

from .. import files
from .read_latex import read_markdown
from .read_text import NotUnderstood
from .worksheet import Worksheet

__all__ = ["markdown_of", "read_notebook"]


def _strings(x: Any) -> list[str]:
    """A cell's ``source`` or an output's ``text``: a list of lines or one string, as lines."""
    text = "".join(x) if isinstance(x, list) else x if isinstance(x, str) else ""
    return text.splitlines()


def markdown_of(text: str, source: str) -> str:
    """The notebook's Markdown and printed outputs as a page whose line ``n`` is what line
    ``n`` of the ``.ipynb`` file holds (blank where the file holds JSON or code)."""
    try:
        notebook = files.parse_json(text, source)
    except files.FileError as error:
        raise NotUnderstood(str(error)) from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise NotUnderstood(f"{source}: not a Jupyter notebook (no list of cells)")
    raw = text.splitlines()
    page = [""] * len(raw)
    cursor = 0

    def place(lines: list[str]) -> None:
        """Each line at the file line that holds it as a JSON string, searched onwards."""
        nonlocal cursor
        at = cursor
        for line in lines:
            found = _find(raw, line, at)
            at = found if found is not None else min(at + 1, len(raw) - 1)
            page[at] = line
        cursor = max(cursor, at)

    for cell in cells:
        if not isinstance(cell, dict):
            continue
        start = cursor
        if cell.get("cell_type") == "markdown":
            place(_strings(cell.get("source")))
        for output in cell.get("outputs") or ():
            if isinstance(output, dict) and output.get("output_type") == "stream":
                cursor = start
                place(_strings(output.get("text")))
        if cell.get("cell_type") == "code":  # passed over, but after it is where we search
            cursor = max(cursor, _last(raw, _strings(cell.get("source")), start))
    return "\n".join(page)


def _find(raw: list[str], line: str, start: int) -> int | None:
    """The first file line from ``start`` on that is the JSON string of ``line``."""
    for k in range(start, len(raw)):
        text = raw[k].strip().rstrip(",")
        if text.startswith('"'):
            try:
                if json.loads(text).rstrip("\n") == line:
                    return k
            except ValueError:
                continue
    return None


def _last(raw: list[str], lines: list[str], start: int) -> int:
    at = start
    for line in lines:
        found = _find(raw, line, at)
        if found is not None:
            at = found
    return at


def read_notebook(text: str, source: str = "notebook") -> Worksheet:
    """A notebook as the model, through ``read_markdown``."""
    return read_markdown(markdown_of(text, source), source)
