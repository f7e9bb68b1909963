"""Reading a worksheet file into the model, by its kind: ``.txt`` (plain text), ``.md``
(LaTeX maths in Markdown), ``.tex``, ``.ipynb`` (a notebook's Markdown and printed outputs),
``.toml`` / ``.json`` (the check-file shortcut).

>>> from autograd.homework import WORKSHEET
>>> [p.title[:3] for p in read(WORKSHEET).parts]
['(a)', '(b)']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import files
from .checkfile import load_file, to_worksheet
from .read_chain import LIMITS
from .read_latex import markdown_lines, read_markdown
from .read_notebook import read_notebook
from .read_tex import read_tex, read_tex_text
from .read_text import editor_text, read_lines, read_text, text_lines
from .worksheet import NotUnderstood, Worksheet

__all__ = ["CHECK_FILES", "JOINABLE", "MARKDOWN", "read", "read_joined", "reader"]

MARKDOWN = (".md", ".markdown")
CHECK_FILES = (".toml", ".json")
JOINABLE = (".txt", ".tex", *MARKDOWN)  # what read_joined reads: a file's lines are the page's


def read(path: str | Path) -> Worksheet:
    """A worksheet file as the model: ``.txt``, ``.md`` (LaTeX maths), ``.tex``, ``.ipynb``
    (its Markdown and printed outputs), ``.toml`` / ``.json``.
    The file's size is checked before it is read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CHECK_FILES:
        return Worksheet(str(path), [to_worksheet(p) for p in load_file(path).values()])
    try:
        text = files.read_text(path, LIMITS["bytes"])
    except files.FileError as error:
        raise NotUnderstood(str(error)) from None
    except OSError as error:
        raise NotUnderstood(f"{path}: cannot read it ({error.strerror or error})") from None
    return reader(suffix)(text, str(path))


def reader(suffix: str) -> Callable[[str, str], Worksheet]:
    """The reader of a worksheet's text, by its file's suffix (``.txt`` and any other: plain
    text); ``reader(".md")(text, source)``."""
    readers = {".ipynb": read_notebook, ".tex": read_tex, **dict.fromkeys(MARKDOWN, read_markdown)}
    return readers.get(suffix.lower(), read_text)


def read_joined(texts: list[tuple[str, str]], source: str) -> Worksheet:
    """Several files' texts (``(suffix, text)`` each, of any kind ``JOINABLE`` names) read as
    one worksheet, in the order given: each by its own kind's reader, its lines counted on
    from the files before it (line 3 of the second file of 10 lines is line 13).

    >>> sheet = read_joined([(".txt", "x = 3"), (".md", "Then $f = 2x = 6$.")], "both")
    >>> [(c.line, c.source) for c in sheet.parts[0].chains]
    [(1, 'x = 3'), (2, 'f = 2x = 6')]
    """
    lines: list[tuple[int, str]] = []
    before = 0
    for suffix, text in texts:
        suffix = suffix.lower()
        if suffix not in JOINABLE:
            raise ValueError(f"read_joined: a {suffix} file is not read joined with others")
        page = read_tex_text(text) if suffix == ".tex" else text
        own = markdown_lines(page) if suffix != ".txt" else text_lines(page)
        lines += [(before + number, line) for number, line in own]
        before += len(editor_text(text).splitlines())
    return read_lines(lines, source)
