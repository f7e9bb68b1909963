"""Reading Markdown with LaTeX maths, as students write it in Jupyter or Overleaf and as OCR
tools produce it from a photo of handwriting.

Only the maths is read (``$…$``, ``$$…$$``, ``\\[…\\]``); prose between equations is ignored.
An ``aligned`` block's rows continue one chain (``z_1 &= … \\\\ &= 2``). Each formula becomes
the plain-text form of ``read_text``, so both front ends give the same model.

>>> latex_to_text(r"\\frac{\\partial L}{\\partial w_7} = \\frac{1}{1 + e^{-2}} \\times \\hat{y}")
'∂L/∂w7 = ((1)/(1 + e^(-2))) × ŷ'
"""

from __future__ import annotations

import re
import unicodedata

from .read_text import LIMITS, ROW, NotUnderstood, read_lines, unreadable
from .worksheet import Worksheet

__all__ = ["latex_to_text", "math_lines", "read_markdown"]

_WORDS = {
    "times": "×", "cdot": "·", "div": "÷", "partial": "∂", "part": "∂", "approx": "=", "simeq": "=",
    "sigma": "σ", "exp": "exp", "ln": "ln", "log": "log", "tanh": "tanh", "max": "max",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε",
    "varepsilon": "ε", "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "omega": "ω",
    "Omega": "Ω", "phi": "φ", "psi": "ψ", "tau": "τ", "rho": "ρ", "nu": "ν", "xi": "ξ",
    "prime": "'", "cdotp": "·", "ast": "*", "mathcal": "", "mathrm": "", "mathit": "",
    "mathbf": "", "operatorname": "", "text": "", "textrm": "", "textit": "", "mbox": "",
    "underline": "", "boxed": "", "overline": "", "displaystyle": "", "left": "", "right": "",
    "big": "", "Big": "", "bigg": "", "Bigg": "", "quad": ",", "qquad": ",",
    "ldots": "", "dots": "", "cdots": "", "tag": "", "nonumber": "", "notag": "",
}  # fmt: skip
_ARROWS = ("Rightarrow", "rightarrow", "to", "implies", "Longrightarrow", "longrightarrow")
_DROP_FIRST_ARGUMENT_KEEP_SECOND = ("overset", "underset", "stackrel")


_COMMAND_NAME = re.compile(r"\\[A-Za-z]+")
_COMMAND = re.compile(r"\\([A-Za-z]+|.?)", re.DOTALL)


def _argument(s: str, i: int) -> tuple[str, int]:
    """The braced argument (or single character) starting at ``s[i]``, and where it ends."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] != "{":
        if s[i] == "\\":
            m = _COMMAND_NAME.match(s, i)
            if m:
                return m.group(0), m.end()
        return s[i], i + 1
    depth = 0
    for j in range(i, len(s)):
        depth += (s[j] == "{") - (s[j] == "}")
        if depth == 0:
            return s[i + 1 : j], j + 1
    raise NotUnderstood("a '{' is never closed")


def latex_to_text(s: str) -> str:
    """One LaTeX formula as the plain-text syntax of ``read_text``."""
    if len(s) > LIMITS["line"]:
        raise NotUnderstood(f"longer than {LIMITS['line']} characters")
    s = re.sub(r"'_(\{[^{}]*\}|\w)", r"_\1'", s)  # w'_4 → w_4': the prime after the index
    out: list[str] = []
    named = (0, False)  # (n, whether "".join(out[:n]) ends in a name), carried forward
    i = 0
    while i < len(s):  # one pass; a command's arguments are converted as they are met
        c = s[i]
        if c == "\\":
            m = _COMMAND.match(s, i)  # a backslash ends a line or the text: a space
            word = m.group(1)
            i = m.end()
            if word in ("frac", "dfrac", "tfrac"):
                top, i = _argument(s, i)
                bottom, i = _argument(s, i)
                out.append(_fraction(latex_to_text(top), latex_to_text(bottom)))
            elif word == "sqrt":
                inside, i = _argument(s, i)
                out.append(f"sqrt({latex_to_text(inside)})")
            elif word in ("hat", "widehat"):
                inside, i = _argument(s, i)
                inside = latex_to_text(inside)
                out.append(inside + "\u0302" if len(inside) == 1 else inside + "_hat")
            elif word in ("bar", "tilde", "vec"):
                inside, i = _argument(s, i)
                out.append(latex_to_text(inside) + "_" + word)
            elif word == "underbrace" or word == "overbrace":
                inside, i = _argument(s, i)
                out.append(latex_to_text(inside))
                if s[i : i + 1] in ("_", "^"):  # the brace's note: not maths
                    _, i = _argument(s, i + 1)
            elif word in _DROP_FIRST_ARGUMENT_KEEP_SECOND:
                _, i = _argument(s, i)
                inside, i = _argument(s, i)
                out.append(latex_to_text(inside))
            elif word in ("begin", "end"):
                _, i = _argument(s, i)
            elif word in _ARROWS:
                out.append(" ⇒ ")
            elif word in _WORDS:
                out.append(_WORDS[word] if _WORDS[word] else "")
                if word == "tag":  # an equation's number: not maths
                    _, i = _argument(s, i)
                elif word in ("text", "textrm", "textit", "mbox", "mathrm", "operatorname"):
                    inside, i = _argument(s, i)
                    out.append(inside.strip())
                elif word in ("left", "right") and s[i : i + 1] in ("(", ")", "[", "]", "."):
                    out.append({"[": "(", "]": ")", ".": ""}.get(s[i], s[i]))
                    i += 1
                elif word in ("left", "right") and s[i : i + 2] in ("\\{", "\\}"):
                    out.append("(" if s[i + 1] == "{" else ")")
                    i += 2
                elif _WORDS[word].isalpha() and len(_WORDS[word]) > 1:
                    out.append(" ")
            elif word in (",", ";", "!", " ", ":", "\n", ""):
                out.append(" ")
            elif word == "\\":
                out.append("\n")
            elif word in ("{", "}"):
                out.append("(" if word == "{" else ")")
            else:
                out.append(word)  # an unknown command: its name, so the line says it
        elif c in "_^":
            inside, i = _argument(s, i + 1)
            named = _named_end(named, out)
            out.append(_script(c, latex_to_text(inside).strip(), named[1]))
        elif c in "{}":
            i += 1
        elif c == "~":  # a non-breaking space
            out.append(" ")
            i += 1
        elif c == "&":
            i += 1
        elif c in "[]":
            out.append("(" if c == "[" else ")")
            i += 1
        else:
            out.append(c)
            i += 1
    text = "".join(out)
    text = unicodedata.normalize("NFC", text)  # ŷ as one character, as typed
    return re.sub(r"[ \t]+", " ", text).strip().rstrip(".,;")


def _fraction(top: str, bottom: str) -> str:
    d = re.fullmatch(r"([d∂])\s*(.*)", top, re.DOTALL)  # DOTALL: \s* is not retried
    e = re.fullmatch(r"([d∂])\s*(.+)", bottom, re.DOTALL)
    if d and e and (d.group(2) == "" or re.fullmatch(r"[^\W\d][\w']*", d.group(2))):
        var = e.group(2).replace(" ", "")
        if re.fullmatch(r"[^\W\d][\w']*", var):
            return f"{d.group(1)}{d.group(2)}/{e.group(1)}{var}"
    return f"(({top})/({bottom}))"  # one operand: \frac{1}{n} \cdot \frac{1}{2}, not (1/n·1)/2


_LAST_WORD = re.compile(r"(?<![\w'])[\w']*\Z")  # from a word's start only: linear


def _named_end(known: tuple[int, bool], out: list[str]) -> tuple[int, bool]:
    """Whether the text written so far ends in a name (``w`` of ``w_7``), from what was
    ``known`` of its first pieces: each piece is read once, however many subscripts follow."""
    count, named = known
    for piece in out[count:]:
        run = _LAST_WORD.search(piece).group(0)  # the word characters it ends in
        if run != piece or re.search(r"[^\W\d]", run):  # else digits carry on a name, or not
            named = re.search(r"[^\W\d]", run) is not None
    return len(out), named


def _script(kind: str, inside: str, after_name: bool) -> str:
    """A subscript joins the name (``w_7`` → ``w7``, ``E_{total}`` → ``E_total``); a
    superscript ``+`` or prime marks an update; any other superscript is a power."""
    if kind == "_":
        if not after_name:
            return ""
        glue = "" if re.fullmatch(r"\d+", inside) else "_"  # w_7 → w7, E_{total} → E_total
        return glue + inside.replace(" ", "")
    if inside in ("+", "'", "*", "new"):
        return "'"
    if inside == "2" or re.fullmatch(r"[\w.]+", inside):
        return "^" + inside
    return f"^({inside})"


_ENVIRONMENT = r"\{(?:equation|align|gather|multline)\*?\}"
_OPENER = re.compile(rf"\$\$?|\\\[|\\\(|\\begin{_ENVIRONMENT}")
_CLOSER = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}
_END = re.compile(rf"\\end{_ENVIRONMENT}")


def _maths(text: str) -> list[tuple[int, int, str]]:
    """Each stretch of maths in ``text``: (start, end, what is inside its delimiters; an
    environment whole). Found in one pass, as the leftmost lazy match ``$$(.+?)$$``,
    ``\\[(.+?)\\]``, ``$(.+?)$``, ``\\((.+?)\\)``, ``\\begin{…}.+?\\end{…}`` would find
    them, but in linear time: a regex would search to the end again for each of many unclosed
    ``\\[``; here a closer not found once is not looked for again."""
    found: list[tuple[int, int, str]] = []
    unclosed: set[str] = set()  # closers absent after some position, hence after any later one
    at = 0
    while m := _OPENER.search(text, at):
        start, opener = m.start(), m.group(0)
        kinds = ["$$", "$"] if opener == "$$" else [opener]
        for kind in kinds:
            if kind.startswith("\\begin"):
                end = None if "end" in unclosed else _END.search(text, m.end() + 1)
                if end is None:
                    unclosed.add("end")
                    continue
                found.append((start, end.end(), text[start : end.end()]))
                break
            body = start + len(kind)
            close = -1 if kind in unclosed else text.find(_CLOSER[kind], body + 1)
            if close < 0:
                unclosed.add(kind)
                continue
            found.append((start, close + len(kind), text[body:close]))
            break
        at = found[-1][1] if found and found[-1][0] == start else start + 1
    return found


def math_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Each equation in the maths of ``text`` as (line number, plain-text chain)."""
    lines: list[tuple[int, str]] = []
    escaped = text.replace(r"\$", "  ")
    pieces, after = [], 0  # the prose: the text with its maths blanked out
    for start, end, _ in _maths(escaped):
        pieces += [escaped[after:start], " " * (end - start)]
        after = end
    prose = "".join(pieces) + escaped[after:]
    for m in re.finditer(r"\$+", prose):  # a $ that opens maths and never closes
        line = first_line + prose.count("\n", 0, m.start())
        rest = text[m.start() :].split("\n", 1)[0]
        lines.append((line, unreadable("maths opened with $ is never closed", rest)))
    block_line, counted = first_line, 0  # the line of text[counted]: no count from 0 again
    for at, _, body in _maths(text):
        block_line += text.count("\n", counted, at)
        counted = at
        chain: list[str] = []  # the rows of one chain: the first, then "&= …" rows
        chain_line = row_line = block_line
        offset = 0  # where the row starts in the block
        for row in re.split(r"\\\\", body):
            text_at = offset + len(row) - len(re.sub(r"^(\s|\\begin\{\w+\*?\})*", "", row))
            row_line += body.count("\n", offset, text_at)  # the line its text begins on
            row_line_end = row_line + body.count("\n", text_at, offset + len(row))
            offset += len(row) + 2  # the row and its \\
            try:
                converted = latex_to_text(row)
            except NotUnderstood as why:
                lines.append((row_line, unreadable(str(why), row.strip())))
                row_line = row_line_end
                continue
            if re.match(r"\s*(&\s*)?=", row.replace("\\begin{aligned}", "")) and chain:
                chain.append(f" {ROW}{row_line}{ROW} {converted}")  # a continuation: "&= 2"
            else:
                if chain:
                    lines.append((chain_line, "".join(chain)))
                chain, chain_line = [converted], row_line
            row_line = row_line_end
        if chain:
            lines.append((chain_line, "".join(chain)))
    return [(n, line) for n, part in lines for line in part.split("\n")]


def read_markdown(text: str, source: str = "worksheet") -> Worksheet:
    """A Markdown document's maths as the model; a front matter (plain text) may open it,
    and each later ``---`` block starts a new part.

    >>> aligned = "$$\\\\begin{aligned} f &= x^2 \\\\\\\\ &= 9 \\\\end{aligned}$$"
    >>> sheet = read_markdown("Given $x = 3$ and\\n" + aligned)
    >>> [c.source for c in sheet.parts[0].chains]
    ['x = 3', 'f = x^2 = 9']
    """
    lines: list[tuple[int, str]] = []
    front = False
    prose: list[str] = []
    prose_start = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() == "---":
            lines += math_lines("\n".join(prose), prose_start)
            prose, prose_start = [], number + 1
            lines.append((number, "---"))
            front = not front
        elif front:
            lines.append((number, raw))
            prose_start = number + 1
        else:
            prose.append(raw)
    lines += math_lines("\n".join(prose), prose_start)
    return read_lines(lines, source)
