"""The notation guide for students: what the checker reads and how to write a step.

``python -m autograd check --notation`` prints it; ``docs/notation.md`` is the same page.

>>> GUIDE.splitlines()[0]
'# How to write a backpropagation worksheet the checker can read'
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["EXAMPLE", "GUIDE"]

GUIDE = files(__package__).joinpath("notation.md").read_text(encoding="utf-8")
EXAMPLE = GUIDE.split("```text\n", 1)[1].split("```", 1)[0]  # the worked step, checked by tests
