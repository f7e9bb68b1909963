"""Reading a LaTeX source (``.tex``): the body of the document, its maths (``$…$``, ``\\[…\\]``,
``equation``, ``align``) read as in Markdown, each ``\\section`` a heading.

The preamble and comments are passed over; every line keeps its number in the file.

>>> text = read_tex_text("\\\\documentclass{article}\\n\\\\begin{document}\\n"
...                      "\\\\section{Forward}\\n$z = 2 \\\\times 3 = 6$ % six\\n\\\\end{document}")
>>> text.splitlines()
['', '', '## Forward', '$z = 2 \\\\times 3 = 6$ ']
"""

from __future__ import annotations

import re

from .read_latex import read_markdown
from .worksheet import Worksheet

__all__ = ["read_tex", "read_tex_text"]

_COMMENT = re.compile(r"(?<!\\)%.*$")
_HEADING = re.compile(r"\\(?:sub)*section\*?\{([^{}]*)\}")


def read_tex_text(text: str) -> str:
    """The document's body as a Markdown page, line for line."""
    lines = text.splitlines()
    begin = next((k for k, line in enumerate(lines) if r"\begin{document}" in line), None)
    end = next((k for k, line in enumerate(lines) if r"\end{document}" in line), len(lines))
    page = []
    for k, line in enumerate(lines):
        if begin is not None and not begin < k < end:
            page.append("")  # the preamble, and \begin / \end{document}
            continue
        line = _COMMENT.sub("", line)
        line = re.sub(r"\\\\\[[^\]]*\]", r"\\\\", line)  # a row's \\[0.8em] spacing is not \[ maths
        heading = _HEADING.search(line)
        page.append(f"## {heading.group(1)}" if heading else line)
    return "\n".join(page)


def read_tex(text: str, source: str = "worksheet") -> Worksheet:
    """A LaTeX document as the model, through ``read_markdown``."""
    return read_markdown(read_tex_text(text), source)
