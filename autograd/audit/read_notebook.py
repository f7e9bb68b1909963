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
from bisect import bisect_left
from typing import Any

from .. import files
from .read_latex import read_markdown
from .read_text import editor_text
from .worksheet import NotUnderstood, Worksheet

__all__ = ["markdown_of", "read_notebook"]


def _strings(x: Any) -> list[str]:
    """A cell's ``source`` or an output's ``text``: a list of lines or one string, as lines
    (what is not a string, in a file written by hand, is passed over)."""
    text = "".join(s for s in x if isinstance(s, str)) if isinstance(x, list) else x
    return editor_text(text).splitlines() if isinstance(text, str) else []


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
    raw = editor_text(text).splitlines()  # JSON may hold a U+2028 unescaped
    held = _string_lines(raw)
    page = [""] * len(raw)
    in_order: list[str] = []  # every line placed, for a file whose lines cannot hold them
    cursor = 0

    def place(lines: list[str]) -> None:
        """Each line at the file line that holds it as a JSON string, searched onwards."""
        nonlocal cursor
        at = cursor
        for line in lines:
            found = _find(held, line, at)
            at = found if found is not None else min(at + 1, len(raw) - 1)
            page[at] = line if not page[at] else "\0"  # \0: two lines fell on one
            in_order.append(line)
        cursor = max(cursor, at)

    for cell in cells:
        if not isinstance(cell, dict):
            continue
        start = cursor
        if cell.get("cell_type") == "markdown":
            place(_strings(cell.get("source")))
        outputs = cell.get("outputs")
        for output in outputs if isinstance(outputs, list) else ():
            if isinstance(output, dict) and output.get("output_type") == "stream":
                cursor = start
                place(_strings(output.get("text")))
        if cell.get("cell_type") == "code":  # passed over, but after it is where we search
            cursor = max(cursor, _last(held, _strings(cell.get("source")), start))
    if "\0" in page:  # JSON on one line, say: every line read, numbered in the page's order
        return "\n".join(in_order)
    return "\n".join(page)


def _string_lines(raw: list[str]) -> dict[str, list[int]]:
    """Each line of the file that is one JSON string, decoded, with the numbers of the lines
    that hold it: decoded once, so that finding a line costs no pass over the file."""
    held: dict[str, list[int]] = {}
    for k, line in enumerate(raw):
        text = line.strip().rstrip(",")
        if text.startswith('"'):
            try:
                string = json.loads(text)
            except ValueError:
                continue
            held.setdefault(string.rstrip("\n"), []).append(k)
    return held


def _find(held: dict[str, list[int]], line: str, start: int) -> int | None:
    """The first file line from ``start`` on that is the JSON string of ``line``."""
    at = held.get(line, [])
    i = bisect_left(at, start)
    return at[i] if i < len(at) else None


def _last(held: dict[str, list[int]], lines: list[str], start: int) -> int:
    at = start
    for line in lines:
        found = _find(held, line, at)
        if found is not None:
            at = found
    return at


def read_notebook(text: str, source: str = "notebook") -> Worksheet:
    """A notebook as the model, through ``read_markdown``."""
    return read_markdown(markdown_of(text, source), source)
