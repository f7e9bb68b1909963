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
from .read_text import editor_text
from .worksheet import Worksheet

__all__ = ["read_tex", "read_tex_text"]

_COMMENT = re.compile(r"(?<!\\)%.*$")
_HEADING = re.compile(r"\\(?:sub)*section\*?\{([^{}]*)\}")


def read_tex_text(text: str) -> str:
    """The document's body as a Markdown page, line for line."""
    lines = editor_text(text).splitlines()
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
    return "\n".join(_tabulars_as_tables(page))


_TABULAR = re.compile(r"\\begin\{(tabularx?)\}(?:\{[^{}]*\})*")
_RULES = re.compile(r"\s*(?:\\(?:toprule|midrule|bottomrule|hline|cline\{[^{}]*\})\s*)+")


def _tabulars_as_tables(page: list[str]) -> list[str]:
    """Each ``tabular`` as a Markdown table, line for line: a row ``a & b \\\\`` as ``| a | b |``
    (a row carried on to the next line goes on there, after empty cells for the columns it
    has filled), the rule under the first row as ``|---|``, the other rules blank."""
    out, inside, header, filled = [], "", False, 0
    for line in page:
        begin = _TABULAR.search(line)
        if not inside and begin:
            inside, header, filled = begin.group(1), True, 0
            line = line[begin.end() :]
        if not inside:
            out.append(line)
            continue
        end = line.find(f"\\end{{{inside}}}")
        if end >= 0:
            line, inside = line[:end], ""
        if _RULES.fullmatch(line) or not line.strip():
            rule = "\\midrule" in line or "\\hline" in line
            out.append("|---|" if rule and not header and out and out[-1].startswith("|") and
                       filled == 0 and _first_row(out) else "")  # fmt: skip
            continue
        row = _RULES.sub(" ", line).strip()
        ends = row.endswith("\\\\")
        cells = [c.strip() for c in re.split(r"(?<!\\)&", row.removesuffix("\\\\"))]
        out.append("| " + " | ".join([""] * filled + cells) + " |")
        filled = 0 if ends else filled + len(cells) - 1
        header = header and not ends
    return out


def _first_row(out: list[str]) -> bool:
    """Whether the table row last written is its first: no row stands right above it."""
    return len(out) < 2 or not out[-2].startswith("|")


def read_tex(text: str, source: str = "worksheet") -> Worksheet:
    """A LaTeX document as the model, through ``read_markdown``."""
    return read_markdown(read_tex_text(text), source)
