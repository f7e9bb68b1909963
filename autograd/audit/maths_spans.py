"""Where a page's maths is: each ``$…$``, ``$$…$$``, ``\\[…\\]``, ``\\(…\\)`` and equation
environment, found in one pass, and the prose around it."""

from __future__ import annotations

import bisect
import re

__all__ = ["ENVIRONMENT", "blanked", "maths_spans"]

ENVIRONMENT = r"\{(?:equation|align|gather|multline)\*?\}"
_OPENERS = {"$": r"\$\$?", "\\[": r"\\\[", "\\(": r"\\\(", "\\begin": rf"\\begin{ENVIRONMENT}"}
_CLOSER = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}
_END = re.compile(rf"\\end{ENVIRONMENT}")


def _openers(unclosed: set[str]) -> re.Pattern[str] | None:
    """The delimiters that may still open maths: not those whose closer is gone for good."""
    gone = unclosed | ({"$"} if {"$$", "$"} <= unclosed else set())
    alternatives = [rx for kind, rx in _OPENERS.items() if kind not in gone]
    return re.compile("|".join(alternatives)) if alternatives else None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_IN_LINE = ("$", "\\(")


def maths_spans(
    text: str, open_ended: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Each stretch of maths in ``text``: (start, end, what is inside its delimiters; an
    environment whole). Found in one pass, as the leftmost lazy match ``$$(.+?)$$``,
    ``\\[(.+?)\\]``, ``$(.+?)$``, ``\\((.+?)\\)``, ``\\begin{…}.+?\\end{…}`` would find
    them, but in linear time: a regex would search to the end again for each of many unclosed
    ``\\[``; here a closer not found once is not looked for again, nor its openers. Maths in
    a line (``$…$``, ``\\(…\\)``) ends in its paragraph, as LaTeX and Markdown end it: an
    opener whose closer is past a blank line is none (``Calculating \\( $g'(z)$):``).

    A display block opened alone on its line (``$$``, ``\\[``) and never closed, as a copy
    cut off in the middle of its maths leaves it, runs to the end of its paragraph, as a
    reader reads the rows under it; its (start, end) is added to ``open_ended``, for the
    reader to say so."""
    found: list[tuple[int, int, str]] = []
    unclosed: set[str] = set()  # closers absent after some position, hence after any later one
    paragraphs = [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]
    not_before: dict[str, int] = {}  # in-line maths unclosed in its paragraph: skipped to its end
    openers, at = _openers(unclosed), 0
    while openers is not None and (m := openers.search(text, at)):
        start, opener = m.start(), m.group(0)
        at = start + 1
        kinds = ["$$", "$"] if opener == "$$" else [opener[:6]]  # "\\begin" for environments
        for kind in (k for k in kinds if k not in unclosed and start >= not_before.get(k, 0)):
            if kind == "\\begin":
                end = _END.search(text, m.end() + 1)
                span = None if end is None else (start, end.end(), text[start : end.end()])
            else:
                body = start + len(kind)
                end = len(text)
                if kind in _IN_LINE:  # looked for in its paragraph only (each one once at most)
                    end = paragraphs[bisect.bisect_left(paragraphs, start)]
                close = text.find(_CLOSER[kind], body + 1, end)
                span = None if close < 0 else (start, close + len(kind), text[body:close])
                if span is None and kind in _IN_LINE:
                    not_before[kind] = end
                    continue
            if span is None and open_ended is not None and kind in ("$$", "\\["):
                span = _open_ended(text, start, len(kind), paragraphs)
                if span is not None:
                    open_ended.append(span[:2])
            if span is None:
                unclosed.add(kind)
                openers = _openers(unclosed)
                continue
            found.append(span)
            at = span[1]
            break
    return found


def _open_ended(
    text: str, start: int, opener: int, paragraphs: list[int]
) -> tuple[int, int, str] | None:
    """The display block an opener alone on its line at ``start`` begins, never closed: up to
    the end of its paragraph (``paragraphs``: where each ends); None if the opener has words
    before or after it on its line (a ``$$`` in a sentence is no block)."""
    line_start = text.rfind("\n", 0, start) + 1
    body = start + opener
    line_end = len(text) if (n := text.find("\n", body)) < 0 else n
    if text[line_start:start].strip() or text[body:line_end].strip():
        return None
    end = paragraphs[bisect.bisect_left(paragraphs, start)]
    return (start, end, text[body:end])


def blanked(text: str, maths: list[tuple[int, int, str]]) -> str:
    """``text`` with its ``maths`` (from ``maths_spans``) blanked out: the prose, in place."""
    pieces, after = [], 0
    for start, end, _ in maths:
        pieces += [text[after:start], re.sub(r"[^\n]", " ", text[start:end])]  # lines kept
        after = end
    return "".join(pieces) + text[after:]
