"""The homework this project was built around, as data beside this file.

``hw1.md`` is the document itself, a student's hand-worked forward and backward pass through
a 2-3-1 sigmoid network (OCR of handwriting), its equations verbatim with a front matter of
ours: ``python -m autograd homework`` checks it. ``hw1.toml`` is the same network and givens
in the check-file shortcut, from which ``python -m autograd graph`` draws it.

>>> parts = load()
>>> sorted(parts), parts["b"].given["w9"]
(['a', 'b'], -1.0)
"""

from __future__ import annotations

from pathlib import Path

from ..audit.checkfile import CheckFilePart, load_file

WORKSHEET = Path(__file__).with_name("hw1.md")
PATH = Path(__file__).with_name("hw1.toml")


def load() -> dict[str, CheckFilePart]:
    """Both parts of the homework's network and givens, as a check file states them."""
    return load_file(PATH)
