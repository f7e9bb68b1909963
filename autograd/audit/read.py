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
from .read_latex import read_markdown
from .read_notebook import read_notebook
from .read_tex import read_tex
from .read_text import LIMITS, NotUnderstood, read_text
from .worksheet import Worksheet

__all__ = ["CHECK_FILES", "MARKDOWN", "read", "reader"]

MARKDOWN = (".md", ".markdown")
CHECK_FILES = (".toml", ".json")


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
