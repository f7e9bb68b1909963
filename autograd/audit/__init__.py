"""Checking hand calculations: every number of a worksheet recomputed and judged.

A worksheet is a hand calculation as people write it, one chain of equalities per line
(plain text, ``.txt``) or LaTeX maths in Markdown (``.md``), with a short front matter for
what the document says only in words; a TOML or JSON check file (``.toml``, ``.json``) is a
shortcut for the MLP family, read into the same model. Reading → the worksheet model →
recomputation on the engine → verdicts and diagnoses → report.

>>> report = check_text("x = -2, y = 5, z = -4\\nf = (x + y)·z = 3(−4) = −12\\ndf/dx = z = −5")
>>> [(c.quantity, c.written, c.verdict) for c in report.parts[0].errors()]
[('∂f/∂x', '−5', 'error')]
"""

from __future__ import annotations

from .flow import check, check_text, part_name
from .judge import Check
from .read import CHECK_FILES, read
from .read_chain import LIMITS
from .report import Report
from .worksheet import InputError, NotUnderstood

__all__ = [
    "CHECK_FILES",
    "LIMITS",
    "Check",
    "InputError",
    "NotUnderstood",
    "Report",
    "check",
    "check_text",
    "part_name",
    "read",
]
