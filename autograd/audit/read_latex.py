"""Reading Markdown with LaTeX maths, as students write it in Jupyter or Overleaf and as OCR
tools produce it from a photo of handwriting.

Only the maths is read (``$…$``, ``$$…$$``, ``\\[…\\]``); prose between equations is ignored.
An ``aligned`` block's rows continue one chain (``z_1 &= … \\\\ &= 2``). Each formula becomes
the plain-text form of ``read_text``, so both front ends give the same model.

>>> latex_to_text(r"\\frac{\\partial L}{\\partial w_7} = \\frac{1}{1 + e^{-2}} \\times \\hat{y}")
'∂L/∂w7 = ((1)/(1 + e^(-2))) × ŷ'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from decimal import Decimal

from .read_cases import case_equation
from .read_chain import FUNCTIONS, LIMITS, parse_chain
from .read_lists import code_lists_as_maths
from .read_matrix import (
    FIRST_INDEX,
    components,
    entries_named,
    entry_lines,
    entry_on,
    named_by_argument,
    names_a_matrix,
    take_matrices,
)
from .read_prose import loss_said, split_givens, symbol_colon, targets_listed
from .read_scopes import CASE, HEADING, TABLE_ROW
from .read_table import tables_as_maths
from .read_text import ROW, UNREADABLE, editor_text, opens_front_matter, read_lines, unreadable
from .worksheet import NotUnderstood, Worksheet, reads_names

__all__ = ["latex_to_text", "markdown_lines", "math_lines", "prose_lines", "read_markdown"]

_WORDS = {
    "times": "×", "cdot": "·", "div": "÷", "partial": "∂", "part": "∂", "approx": "=", "simeq": "=",
    "odot": "⊙", "circ": "⊙", "sum": "Σ", "top": "⊤", "intercal": "⊤", "mathsf": "",
    "boldsymbol": "", "bm": "", "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖",
    "leftarrow": "←", "gets": "←", "nabla": "∇",
    "sigma": "σ", "exp": "exp", "ln": "ln", "log": "log", "tanh": "tanh", "max": "max",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε",
    "varepsilon": "ε", "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "omega": "ω",
    "Omega": "Ω", "phi": "φ", "psi": "ψ", "tau": "τ", "rho": "ρ", "nu": "ν", "xi": "ξ",
    "prime": "'", "cdotp": "·", "ast": "*", "mathcal": "", "mathrm": "", "mathit": "",
    "mathbf": "", "operatorname": "", "text": "", "textrm": "", "textit": "", "mbox": "",
    "underline": "", "boxed": "", "overline": "", "displaystyle": "", "left": "", "right": "",
    "big": "", "Big": "", "bigg": "", "Bigg": "", "quad": ",", "qquad": ",",
    **{size + side: "" for size in ("big", "Big", "bigg", "Bigg") for side in "lrm"},
    "ldots": "", "dots": "", "cdots": "", "tag": "", "nonumber": "", "notag": "",
    "therefore": "", "because": "",  # ∴ z = …: a word of the argument, not of the maths
}  # fmt: skip
# \nabla_{h_3}\mathcal{L}, \nabla_w L, \nabla_{\theta} J(\theta): the gradient of a function by
# the variable under the nabla, its partial (the index and the name after it would otherwise run
# together: nabla_h3L)
_GRADIENT_BY = re.compile(
    r"\\nabla\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|\w)\s*"
    r"((?:\\math[a-z]+\s*\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])(?:_(?:\{[^{}]*\}|\w))?(?:\([^()]*\))?)")


def _gradient_by(m: re.Match[str]) -> str:
    by = m[1][1:-1] if m[1].startswith("{") else m[1]
    return f"\\frac{{\\partial {m[2]}}}{{\\partial {by}}}"


_ARROWS = ("Rightarrow", "rightarrow", "to", "implies", "Longrightarrow", "longrightarrow")
_DROP_FIRST_ARGUMENT_KEEP_SECOND = ("overset", "underset", "stackrel", "textcolor", "colorbox")
_DROP_ARGUMENT = ("phantom", "hphantom", "vphantom", "color")  # \phantom{-}0.5: spacing, colour


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


def _degree(s: str, i: int) -> tuple[str | None, int]:
    """A root's degree, the ``3`` of ``\\sqrt[3]{x}``, and where it ends; ``None`` if none."""
    while i < len(s) and s[i] == " ":
        i += 1
    if s[i : i + 1] != "[":
        return None, i
    depth = 0
    for j in range(i, len(s)):
        depth += (s[j] == "[") - (s[j] == "]")
        if depth == 0:  # \\sqrt[]{x} is the square root, as LaTeX draws it
            return s[i + 1 : j] if s[i + 1 : j].strip() else None, j + 1
    raise NotUnderstood("the '[' of a root's degree is never closed")


#: A command whose backslash a page lost (a blog's Markdown ate it), before its braces
_LOST_BACKSLASH = re.compile(r"(?<![\\\w])(d?frac|sqrt)(?=\{)")
_BOLD_BESIDE = re.compile(r"\\(?:mathbf|mathit|boldsymbol|bm)\s*\{[^{}]*\}(?=[A-Za-z\\])")
# x\mathit{W1}: a symbol set apart (one name in italic or bold) after a letter is a factor
_BOLD_AFTER = re.compile(r"(?<=[A-Za-z\d])(?=\\(?:mathbf|mathit|boldsymbol|bm)\s*\{)")
_DEGREES = re.compile(
    r"\^\s*(?:\{\s*\\circ\s*\}|\\circ)\s*(?:\\(?:text|mathrm)\{\s*[CFK]\s*\}|[CFK]\b)?")
_UPRIGHT_T = re.compile(r"\^\s*\\(?:mathsf|mathrm|mathtt|rm|sf)\s*(?:\{\s*T\s*\}|T\b)")


# a partial followed by its own variable in brackets, ∂z/∂u(u): the derivative where u is, as
# f'(u) is (a product by u would be written u·∂z/∂u)
_AT_ITS_BOTTOM = re.compile(
    r"(\\frac\s*\{\s*\\partial\s*([^{}]+?)\s*\}\s*\{\s*\\partial\s*([^{}]+?)\s*\})\s*"
    r"\(\s*\3\s*\)")


def latex_to_text(s: str) -> str:
    """One LaTeX formula as the plain-text syntax of ``read_text``."""
    if len(s) > LIMITS["line"]:
        raise NotUnderstood(f"longer than {LIMITS['line']} characters")
    s = re.sub(r"'_(\{[^{}]*\}|\w)", r"_\1'", s)  # w'_4 → w_4': the prime after the index
    s = _LOST_BACKSLASH.sub(r"\\\1", s)  # frac{1}{3}: \frac, its backslash lost in the post
    s = _GRADIENT_BY.sub(_gradient_by, s)  # \nabla_{h_3}\mathcal{L}: ∂L/∂h3
    s = _AT_ITS_BOTTOM.sub(r"\1", s)  # \frac{\partial z}{\partial u}(u): at u, no product
    s = _UPRIGHT_T.sub("^T", s)  # W^\mathsf{T}: the transpose
    s = _DEGREES.sub("", s)  # x = 2^\circ C: a temperature's unit (\circ is no product there)
    s = _BOLD_BESIDE.sub(r"\g<0> ", s)  # \mathbf{W}\mathbf{x}: two factors, W x (not Wx)
    s = _BOLD_AFTER.sub(" ", s)  # x\mathit{W1}: x W1, not a name xW1
    at = _EVALUATED_AT.search(s)  # dy/dx \big|_{x=1} = 54: the derivative, and x = 1 given
    if at:
        s = f"{s[: at.start()]}{s[at.end() :]}, {at.group(1)}"
    out: list[str] = []
    named: list[bool] = []  # named[i]: whether "".join(out[: i + 1]) ends in a name
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
                degree, i = _degree(s, i)
                inside, i = _argument(s, i)
                inside = latex_to_text(inside)
                if degree is None:
                    out.append(f"sqrt({inside})")
                else:  # \sqrt[3]{x}: the cube root, x^(1/3)
                    out.append(f"(({inside})^(1/({latex_to_text(degree)})))")
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
            elif word in _DROP_ARGUMENT:
                _, i = _argument(s, i)
            elif word in _DROP_FIRST_ARGUMENT_KEEP_SECOND:
                _, i = _argument(s, i)
                inside, i = _argument(s, i)
                out.append(latex_to_text(inside))
            elif word in ("begin", "end"):
                _, i = _argument(s, i)
            elif word in _ARROWS:
                out.append(" ⇒ ")
            elif word in _WORDS:
                function = _WORDS[word].isalpha() and len(_WORDS[word]) > 1
                if function and out and out[-1][-1:].isalnum():
                    out.append(" ")  # y\log(ŷ): y times log, not a name ylog
                out.append(_WORDS[word] if _WORDS[word] else "")
                if word == "tag":  # an equation's number: not maths
                    _, i = _argument(s, i)
                elif word in ("text", "textrm", "textit", "mbox", "mathrm", "operatorname"):
                    inside, i = _argument(s, i)
                    inside = inside.strip()
                    if re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+){1,2}", inside):
                        inside = inside.replace(" ", "_")  # \text{Average CCE}: a name
                    out.append(inside)
                elif word in ("left", "right") and s[i : i + 1] in ("(", ")", "[", "]", "."):
                    out.append({"[": "(", "]": ")", ".": ""}.get(s[i], s[i]))
                    i += 1
                elif word in ("left", "right") and s[i : i + 2] in ("\\{", "\\}"):
                    out.append("(" if s[i + 1] == "{" else ")")
                    i += 2
                elif _WORDS[word].isalpha() and len(_WORDS[word]) > 1 and s[i : i + 1] != "'":
                    out.append(" ")  # (\tanh'(u): the derivative's prime stays with it)
            elif word in (",", ";", "!", " ", ":", "\n", ""):
                out.append(" ")
            elif word == "\\":
                out.append("\n")
            elif word in ("{", "}"):
                out.append("(" if word == "{" else ")")
            else:
                out.append(word)  # an unknown command: its name, so the line says it
        elif c in "_^":
            braced = s[i + 1 : i + 2] == "{"
            inside, i = _argument(s, i + 1)
            while out and not out[-1]:  # empty pieces say nothing: each dropped once, here
                out.pop()
            del named[len(out) :]
            layer = _layer_mark(out) if c == "_" else None
            if layer:  # z^{(1)}_1: the index joins the name before its layer, z1⁽1⁾
                pieces, mark = layer
                tail = "".join(out[-pieces:])
                del out[-pieces:]
                del named[len(out) :]
                out.append(tail[: mark.start()])
            digit = bool(out) and out[-1][-1:].isdigit()  # W1_{12}: W1's entry, W1_12
            out.append(_script(c, latex_to_text(inside).strip(), _named_end(named, out), digit))
            if layer:
                out.append(mark.group(0))
            if c == "_" and braced and s[i : i + 1].isalpha():
                out.append(" ")  # w_{1}x_{1}: the braces end the index, x1 is a factor
        elif c in "{}":
            i += 1
        elif c == "~":  # a non-breaking space
            out.append(" ")
            i += 1
        elif c == "&":
            i += 1
        elif c == "[" and _named_end(named, out) and _BRACKET_LAYER.match(s, i):
            m = _BRACKET_LAYER.match(s, i)  # W[1], A[l]: a layer, as ASCII notes write it
            out.append(f"⁽{m.group(1)}⁾")
            i = m.end()
        elif c in "[]":
            out.append("(" if c == "[" else ")")
            i += 1
        else:
            out.append(c)
            i += 1
    text = "".join(out)
    text = unicodedata.normalize("NFC", text)  # ŷ as one character, as typed
    return re.sub(r"[ \t]+", " ", text).strip().rstrip(".,;")


_NAME = r"[^\W\d][\w']*(⁽\w+⁾)?"  # a name as read_text reads it, a layer index included
_EVALUATED_AT = re.compile(  # \big|_{x=1}, \right|_{x=1}, |_{x=1}
    r"(?:\\(?:[bB]igg?[lr]?|right))?\s*\|_\{\s*([A-Za-z]\w*\s*=\s*-?[\d.]+)\s*\}"
)


def _fraction(top: str, bottom: str) -> str:
    top = _ARGUMENTS.sub(r"\1", top)  # ∂J(W, b)/∂a: the derivative of J, its arguments named
    d = re.fullmatch(r"([d∂])\s*(.*)", top, re.DOTALL)  # DOTALL: \s* is not retried
    e = re.fullmatch(r"([d∂])\s*(.+)", bottom, re.DOTALL)
    if d and e and (d.group(2) == "" or re.fullmatch(_NAME, d.group(2))):
        var = e.group(2).replace(" ", "")
        if re.fullmatch(_NAME, var):  # d/dz alone, an operator: apart from what it takes
            return f"{d.group(1)}{d.group(2)}/{e.group(1)}{var}" + ("" if d.group(2) else " ")
    return f"(({top})/({bottom}))"  # one operand: \frac{1}{n} \cdot \frac{1}{2}, not (1/n·1)/2


_ARGUMENTS = re.compile(rf"^([d∂]\s*{_NAME})\s*\([^()]*\)$")
_LAYER = re.compile(r"[(\[]\s*(\w{1,3})\s*[)\]]")  # ^{(1)}, ^{[2]}, ^{(l)}: a layer, not a power
_TRANSPOSED_LAYER = re.compile(rf"{_LAYER.pattern}\s*[T⊤]")
_LAYER_MARK = re.compile(r"⁽\w+⁾$")
_LAST_WORD = re.compile(r"(?<![\w'\u0300-\u036f])[\w'\u0300-\u036f]*\Z")  # from its start: linear


def _named_end(named: list[bool], out: list[str]) -> bool:
    """Whether the text written so far ends in a name (``w`` of ``w_7``, ``ŷ`` of ``ŷ_1``);
    ``named[i]`` says it for ``out[: i + 1]``, and only the pieces after those are read: each
    piece once, however many subscripts follow."""
    for piece in out[len(named) :]:
        run = _LAST_WORD.search(piece).group(0)  # the word characters it ends in
        letter = re.search(r"[^\W\d]", run) is not None
        whole = run == piece  # digits alone carry on what came before
        named.append(letter or (whole and bool(named) and named[-1]))
    return bool(named) and named[-1]


_BRACKET_LAYER = re.compile(r"\[\s*(\d{1,3}|[lL])\s*\]")  # W[1], A[l]


def _layer_mark(out: list[str]) -> tuple[int, re.Match[str]] | None:
    """The layer mark (``⁽1⁾``) the text so far ends in: (how many of its last pieces hold
    it, the match in their text). Only the last characters are read: a mark is at most 5."""
    pieces = size = 0
    while pieces < len(out) and size < 6:
        pieces += 1
        size += len(out[-pieces])
    mark = _LAYER_MARK.search("".join(out[-pieces:])) if pieces else None
    return (pieces, mark) if mark else None


_ITERATION = re.compile(r"\([tk](\+1)?\)")


def _script(kind: str, inside: str, after_name: bool, after_digit: bool = False) -> str:
    """A subscript joins the name (``w_7`` → ``w7``, ``E_{total}`` → ``E_total``, ``\\hat{y}_1``
    → ``ŷ1``); a superscript ``+`` or prime marks an update; a layer index in brackets is
    part of the name (``z^{(1)}_1`` → ``z1⁽1⁾``); any other superscript is a power."""
    if kind == "_":
        if not after_name:
            return ""
        # w_7 → w7, E_{total} → E_total; W1_{12} → W1_12 (not W112), as a matrix's entries
        glue = "" if re.fullmatch(r"\d+", inside) and not after_digit else "_"
        return glue + inside.replace(" ", "")
    if inside in ("+", "'", "new"):
        return "'"
    # θ^{(t+1)}, θ^{(t)}: an iteration's count, as optimisation writes it: the value after the
    # step, and the value it starts from
    step = _ITERATION.fullmatch(inside.replace(" ", ""))
    if step and after_name:
        return "'" if step[1] else ""
    if inside in ("*", "⋆", "∗"):  # w^*: the optimum, as optimisation writes it (not w')
        return "_star"
    if inside == "⊤":  # W^\top, W^\intercal: the transpose, as W^T
        return "^T"
    layer = _LAYER.fullmatch(inside)
    if layer and after_name:
        return f"⁽{layer.group(1)}⁾"
    layer = _TRANSPOSED_LAYER.fullmatch(inside)
    if layer and after_name:  # W^{(2)T}, W^{[2]\top}: the transpose of layer 2's W
        return f"⁽{layer.group(1)}⁾^T"
    if re.fullmatch(r"\d+\.?\d*|\.\d+|[^\W\d]\w*", inside):  # e^{0.5}, x^{10}, w^T: one token
        return "^" + inside
    return f"^({inside})"


_ENVIRONMENT = r"\{(?:equation|align|gather|multline)\*?\}"
_OPENERS = {"$": r"\$\$?", "\\[": r"\\\[", "\\(": r"\\\(", "\\begin": rf"\\begin{_ENVIRONMENT}"}
_CLOSER = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}
_END = re.compile(rf"\\end{_ENVIRONMENT}")


def _openers(unclosed: set[str]) -> re.Pattern[str] | None:
    """The delimiters that may still open maths: not those whose closer is gone for good."""
    gone = unclosed | ({"$"} if {"$$", "$"} <= unclosed else set())
    alternatives = [rx for kind, rx in _OPENERS.items() if kind not in gone]
    return re.compile("|".join(alternatives)) if alternatives else None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_IN_LINE = ("$", "\\(")


def _maths(
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


def _supposed(clause: str, body: str) -> str:
    """What holds in a case the page supposes (``clause``: "if $z_1 < 0$, then "; ``body``:
    the maths after it), judged at a point of the case (``ReLU'(−1) = 0``) where it reads
    nothing but the variable the condition bounds; else not understood, with why."""
    condition = re.sub(r"\\[()]|\$", " ", clause)
    condition = re.sub(r"^\s*[Ii]f\b|\bthen\s*,?\s*$", " ", condition)
    try:
        left, value = latex_to_text(body).split(" = ", 1)
        return case_equation(left, value, latex_to_text(condition))
    except (NotUnderstood, ValueError) as why:
        return unreadable(f"a case the page supposes (if …, then): {why}", body)


_BEFORE_LEFT = re.compile(r"\\\\|\\q?quad\b|[=,;]")


def _balanced(text: str) -> bool:
    """Whether every bracket ``text`` opens it closes (a comma in ``\\max(0, x)`` is not one
    between equations)."""
    return all(text.count(a) == text.count(b) for a, b in ("()", "{}", "[]"))


def _cases_written_out(body: str, line: int, lines: list[tuple[int, str]]) -> str:
    """Each case of a function written by cases in ``body`` (from ``line``: ``f(z) =
    \\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}``), as the equation judged at a
    point of its condition, on the case's line (``read_cases``); the body is given back
    without them, its lines kept in place."""
    pieces, at = [], 0
    while (opens := body.find("\\begin{cases}", at)) >= 0:
        closes = body.find("\\end{cases}", opens)
        equals = body.rfind("=", at, opens)
        if closes < 0 or equals < 0 or body[equals + 1 : opens].strip():
            break
        # the left side: after the row, the space (\qquad) or the equation before it
        start = max((m.end() for m in _BEFORE_LEFT.finditer(body, at, equals)
                     if _balanced(body[m.end() : equals])), default=at)  # fmt: skip
        left = " ".join(latex_to_text(body[start:equals].replace("&", " ")).split())
        offset = opens + len("\\begin{cases}")
        for case in body[offset:closes].split("\\\\"):
            case_line = line + body.count("\n", 0, offset + len(case) - len(case.lstrip()))
            offset += len(case) + 2
            if not case.strip():
                continue
            try:
                value, condition = case.split("&", 1)
                found = case_equation(left, latex_to_text(value), latex_to_text(condition))
            except (NotUnderstood, ValueError) as why:
                found = unreadable(f"a case of {left} not judged: {why}", case.strip())
            lines.append((case_line, found.replace("\n", " ")))
        end = closes + len("\\end{cases}")
        pieces += [body[at:start], re.sub(r"[^\n]", " ", body[start:end])]
        at = end
    return "".join(pieces) + body[at:]


def _said_open(text: str, at: int, end: int, line: int, lines: list[tuple[int, str]]) -> str:
    """The body of a display block never closed (from ``at`` to ``end`` in ``text``, opened
    on ``line``), saying how it was read; where the text ends inside it, its last line, which
    a copy cut off there leaves unfinished (``&\\leftarrow 0.1 + 0.``), is not read."""
    opener = text[at : text.find("\n", at)].strip() if "\n" in text[at:end] else text[at:end]
    body = text[at + len(opener) : end]
    if end < len(text.rstrip()):
        why = f"maths opened with {opener} is never closed: its rows, to the blank line, read"
        lines.append((line, unreadable(why, opener)))
        return body
    cut = body.rstrip().rfind("\n")
    last = body[cut + 1 :].strip()
    if cut < 0 or not last:
        return body
    why = f"the page ends inside the maths opened with {opener} on line {line}: cut off"
    lines.append((line + body.count("\n", 0, cut + 1), unreadable(why, last)))
    return body[: cut + 1]


def _blanked(text: str, maths: list[tuple[int, int, str]]) -> str:
    """``text`` with its ``maths`` (from ``_maths``) blanked out: the prose, in place."""
    pieces, after = [], 0
    for start, end, _ in maths:
        pieces += [text[after:start], re.sub(r"[^\n]", " ", text[start:end])]  # lines kept
        after = end
    return "".join(pieces) + text[after:]


def math_lines(
    text: str,
    first_line: int = 1,
    shapes: dict[str, tuple[int, int]] | None = None,
    scalars: set[str] | None = None,
) -> list[tuple[int, str]]:
    """Each equation in the maths of ``text`` as (line number, plain-text chain); a chain
    of vectors or matrices once per component (``shapes``: those the document has named;
    ``scalars``: the names it has given one number)."""
    shapes = {} if shapes is None else shapes
    scalars = set() if scalars is None else scalars
    lines: list[tuple[int, str]] = []
    text = text.replace(r"\$", "  ")  # an escaped dollar is a currency sign, not maths
    open_ended: list[tuple[int, int]] = []
    maths = _maths(text, open_ended)
    prose = _blanked(text, maths)
    # a $ that opens maths and never closes, or an environment (\begin{align*} with no \end:
    # the rows after it were passed over as prose, their errors unseen)
    for m in re.finditer(rf"\$+|\\begin{_ENVIRONMENT}", prose):
        line = first_line + prose.count("\n", 0, m.start())
        rest = text[m.start() :].split("\n", 1)[0]
        opener = "$" if m.group(0).startswith("$") else m.group(0)
        lines.append((line, unreadable(f"maths opened with {opener} is never closed", rest)))
    block_line, counted = first_line, 0  # the line of text[counted]: no count from 0 again
    under = _ListUnder(prose.split("\n"), first_line)
    before: list[str] = []  # the entries' left sides of the last block, for one going on "= …"
    for at, end, body in maths:
        block_line += text.count("\n", counted, at)
        counted = at
        item = _list_item(prose, at, end)
        if item is None:
            under.close(lines)
        written = len(lines)
        line_start = max(prose.rfind("\n", 0, at) + 1, at - SUPPOSED_REACH)
        if supposed := _SUPPOSED.search(prose, line_start, at):  # if z < 0, then …
            lines.append((block_line, _supposed(text[supposed.start() : at], body)))
            continue
        if _LIMIT_BEFORE.search(prose, line_start, at) and _TENDS.search(body):
            why = "a limit (a quantity tending to a value), not an update"
            lines.append((block_line, unreadable(why, body)))
            continue
        if (at, end) in open_ended:
            body = _said_open(text, at, end, block_line, lines)
        if "\\begin{cases}" in body:
            body = _cases_written_out(body, block_line, lines)
        cells_at: dict[str, list[list[int]]] = {}
        body, cells = take_matrices(body, cells_at)  # their \\ are rows of the matrix
        block = _Block(cells, {k: [[block_line + n for n in row] for row in v]
                               for k, v in cells_at.items()})  # fmt: skip
        block.before = before
        chain: list[str] = []  # the rows of one chain: the first, then "&= …" rows
        chain_line = row_line = block_line
        offset = 0  # where the row starts in the block
        for row, after in _rows(body):
            text_at = offset + len(row) - len(re.sub(r"^(\s|\\begin\{\w+\*?\})*", "", row))
            row_line += body.count("\n", offset, text_at)  # the line its text begins on
            row_line_end = row_line + body.count("\n", text_at, offset + len(row))
            offset += len(row) + after  # the row and its \\
            try:
                converted = latex_to_text(row)
            except NotUnderstood as why:
                lines.append((row_line, unreadable(str(why), row.strip())))
                row_line = row_line_end
                continue
            if re.match(r"\s*(&\s*)?=", row.replace("\\begin{aligned}", "")) and chain:
                chain.append(f" {ROW}{row_line}{ROW} {converted}")  # a continuation: "&= 2"
            elif _TERMS_GO_ON.match(row) and chain:  # "&+ −(1)\log(…)": the last link goes on
                chain.append(f" {entry_on(converted, row_line)}")
            else:
                if chain:
                    lines += _written_out(chain_line, "".join(chain), block, shapes, scalars)
                chain, chain_line = [converted], row_line
            row_line = row_line_end
        if chain:
            lines += _written_out(chain_line, "".join(chain), block, shapes, scalars)
        if item is not None:
            under.add(item, block_line, written, lines[written:])
        else:
            under.open(block.components, block_line + text.count("\n", at, end))
        before = [t.split(" = ", 1)[0] for _, t in block.components]
    under.close(lines)
    # equations on lines of their own in one block, no \\ between (a = 1, \quad ⏎ b = 2):
    # each on its line of the source; a line that begins with an operation and holds no '='
    # (J = −p_1 log(…) ⏎ − p_2 log(…)) is more terms of the line before, its numbers on it
    out: list[tuple[int, str]] = []
    for n, part in lines:
        for k, line in enumerate(part.split("\n")):
            at = n + (k if ROW not in part else 0)
            if k and out and _MORE_TERMS.match(line) and "=" not in line:
                out[-1] = (out[-1][0], f"{out[-1][1]} {entry_on(line.strip(), at)}")
            else:
                out.append((at, line))
    return out


_MORE_TERMS = re.compile(r"\s*[-+−·×]\s*\S")


# a row of an aligned block that begins with an operation (&+ …, & - …): more terms of the
# link above, broken over rows; a row that begins "-x = …" is an equation of its own
_TERMS_GO_ON = re.compile(r"\s*(?:&\s*[+\-−]|\+)")


# the maths of an item of a numbered list, alone on its line: "2.  $0.5 + 1.2 - 4.2 = -2.5$"
# 1. 2) (3) a) b): numbered; - * • \item: the next (matched from the line's start)
_ITEM = re.compile(r"\s*(?:\(?(\d{1,3})[.)]|\(?([a-h])\)|[-*+•]|\\item)\s*$")


def _list_item(prose: str, start: int, end: int) -> int | None:
    """The number of the list item whose whole text is the maths from ``start`` to ``end`` in
    ``prose`` (the text with its maths blanked): 0 for a bullet (the next), None if none."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = len(prose) if (n := prose.find("\n", end)) < 0 else n
    item = _ITEM.match(prose, line_start, start)
    if not item or prose[end:line_end].strip(" .,;"):
        return None
    return int(item[1]) if item[1] else ord(item[2]) - ord("a") + 1 if item[2] else 0


_LIST_OPENS = re.compile(r"\\begin\{(?:enumerate|itemize)\}(?:\[[^\]]*\])?")


class _ListUnder:
    """A numbered list right under a matrix written out component by component (a line of
    words between them at most: "Calculating each element:"), one item per component, each
    numbers alone: item k is the working of component k (``0.5 + 1.2 - 4.2 = -2.5``), read
    with that component's left side (``Z2⁽1⁾ = 0.5 + 1.2 - 4.2 = -2.5``), so its numbers are
    judged as that component's. A list of another length, or an item that names something,
    is left as written."""

    def __init__(self, prose: list[str], first_line: int) -> None:
        self.prose, self.first_line = prose, first_line
        self.lefts: list[str] = []  # the components' left sides, in order
        self.results: list[str] = []  # and the last link each is written with
        self.end = 0  # the last line of the matrix
        self.items: list[tuple[int, int, int]] = []  # (number, index in lines, lines it gave)

    def open(self, written: list[tuple[int, str]], end: int) -> None:
        texts = [t for _, t in written]
        if len(texts) > 1 and all(" = " in t and UNREADABLE not in t for t in texts):
            self.lefts, self.end, self.items = [t.split(" = ", 1)[0] for t in texts], end, []
            self.results = [entry_lines(t.rsplit(" = ", 1)[1])[0] for t in texts]

    def add(self, number: int, line: int, at: int, written: list[tuple[int, str]]) -> None:
        if not self.lefts:
            return
        between = self.prose[self.end + 1 - self.first_line : line - self.first_line]
        words = [t for t in between if _LIST_OPENS.sub("", t).strip()]
        if not self.items and len(words) > 1:
            self.lefts = []  # far from the matrix: a list of its own
            return
        self.items.append((number or len(self.items) + 1, at, len(written)))

    def close(self, lines: list[tuple[int, str]]) -> None:
        """Give the items their components' names, if the list is one item per component."""
        numbers = [n for n, _, _ in self.items]
        if self.lefts and numbers == list(range(1, len(self.lefts) + 1)):
            for left, result, (_, at, count) in zip(self.lefts, self.results, self.items):
                line, text = lines[at]
                if count == 1 and _numbers_alone(text) and _same_result(text, result):
                    lines[at] = (line, f"{left} = {text}")
        self.lefts, self.items = [], []


def _same_result(chain: str, result: str) -> bool:
    """Whether an item's working ends in the number its component is written with (or the
    component writes no number): ``0.5 × 2 = 1.0`` under ``Z1 = 0.5`` works out another."""
    written = _LAST_NUMBER.search(result)
    ends = _LAST_NUMBER.search(chain)
    if written is None or not re.fullmatch(r"\s*" + _LAST_NUMBER.pattern, result):
        return True
    return ends is not None and _value(ends[0]) == _value(written[0])


_LAST_NUMBER = re.compile(r"[-−–]?\s*\d*\.?\d+\s*$")


def _value(number: str) -> Decimal:
    return Decimal(re.sub(r"\s", "", number).replace("−", "-").replace("–", "-"))


def _numbers_alone(chain: str) -> bool:
    """Whether a chain is numbers and operations alone (Euler's e among them)."""
    try:
        return not any(reads_names(link) for link in parse_chain(chain))
    except NotUnderstood:
        return False


#: Where a block of maths starts a row: at each \\, and at a line of the source that begins
#: with an arrow (an equation of its own: "… = 1 \n \Rightarrow dL/dz = …")
_ROW_BREAK = re.compile(r"\\\\|(?=\n\s*\\(?:Rightarrow|implies|Longrightarrow)\b)")


def _rows(body: str) -> list[tuple[str, int]]:
    """The rows of a block of maths, each with the length of the break after it."""
    rows, start = [], 0
    for m in _ROW_BREAK.finditer(body):
        if m.end() == m.start() == start:
            continue  # an arrow that begins the block begins its first row
        rows.append((body[start : m.start()], m.end() - m.start()))
        start = m.end()
    return [*rows, (body[start:], 0)]


# "if $z_1 < 0$, then $…$": what the maths after it says holds in a case supposed, not this one
_SUPPOSED = re.compile(r"\b[Ii]f\b[^.;]*\bthen\s*,?\s*\Z")
# "Low when $\hat{y} \to 1$", "as $z \to \infty$": a quantity tending to a value, not updated
_LIMIT_BEFORE = re.compile(r"\b(?:[Ww]hen|[Aa]s)\s*\Z")
_TENDS = re.compile(r"\\to\b|→|\\rightarrow\b")
#: How far before a formula its "if …, then" is looked for: a clause, not the whole line (a
#: line of many formulas would be read again for each one)
SUPPOSED_REACH = 120


class _Block:
    """The matrices of one block of maths: their cells as LaTeX, converted once when a chain
    first needs them, and the line each of their rows stands on."""

    def __init__(
        self, cells: dict[str, list[list[str]]], cells_at: dict[str, list[list[int]]]
    ) -> None:
        self.latex, self.cells_at = cells, cells_at
        self._cells: dict[str, list[list[str]]] | None = None
        self.components: list[tuple[int, str]] = []  # its last chain, written out by component
        self.before: list[str] = []  # the left sides of the matrix block before it, if any

    def cells(self) -> dict[str, list[list[str]]]:
        if self._cells is None:
            entries = sum(len(row) for rows in self.latex.values() for row in rows)
            if entries > LIMITS["chains"]:  # before any is read: each an equation's worth
                raise NotUnderstood(f"more than {LIMITS['chains']:,} entries")
            at = {k: self.cells_at.get(k) or [[None] * len(row) for row in rows]
                  for k, rows in self.latex.items()}  # a list [1, 2]: on the chain's line
            # a cell broken over lines (∂loss/∂h1_0 ⏎ ∂h1_0/∂M_0) is one entry: a product
            self._cells = {k: [[entry_on(latex_to_text(c.replace("\n", " ")), line)
                                for c, line in zip(row, lines)]
                               for row, lines in zip(rows, at[k])]
                           for k, rows in self.latex.items()}  # fmt: skip
        return self._cells

    def lines(self, chain: str, count: int) -> list[int] | None:
        """The line of each of ``count`` components of ``chain``: the rows of the last matrix
        written out in it with that many entries (its result, row by row), if on several."""
        for key in reversed(re.findall(r"⟦\d+⟧", chain)):
            rows = self.latex[key]
            if len(rows) > 1 and len(rows) * len(rows[0]) == count and key in self.cells_at:
                return [line for row in self.cells_at[key] for line in row]
        return None


_NEXT_EQUATION = re.compile(r"\n(?=\s*[^\W\d][\w'⁽⁾]*\s*=)")  # x = [16, -6] & \n y = 2
_GIVEN_NUMBER = re.compile(r"\s*([^\W\d][\w']*(?:⁽\w+⁾)?)\s*=\s*[-−]?(?:\d+\.?\d*|\.\d+)\s*")
_GIVEN_MATRIX = re.compile(r"[^=⟦]+=\s*\(?\s*⟦\d+⟧\s*\)?\s*")  # z = [0; 2], z = \left[…\right]


_RELATION = re.compile(r"(?<![Σ∑]_[^\W\d_])[=≈]")  # not the = of a sum's range, Σ_j=1^3


def _marks_after(link: str) -> int:
    """Where the row marks (and spaces) that end ``link`` begin: they say on which row the next
    link stands (read from the end, each character once)."""
    i = len(link) - 1
    while i >= 0:
        if link[i].isspace():
            i -= 1
            continue
        j = i - 1
        while j >= 0 and link[j].isdigit():
            j -= 1
        if link[i] != ROW or j < 0 or link[j] != ROW or j == i - 1:
            break
        i = j - 1
    return i + 1


def _function_of_a_vector(chain: str, shapes: dict[str, tuple[int, int]]) -> str:
    """``loss(scores) = loss(scores_0, …) = −log(…)`` as ``loss = −log(…)`` (see
    ``named_by_argument``), each link kept on its row; the chain as it is otherwise."""
    links = _RELATION.split(chain)
    bare = [re.sub(rf"{ROW}\d+{ROW}", "", link) for link in links]
    if len(links) < 2 or "(" not in bare[0]:
        return chain
    name, dropped = named_by_argument(bare, shapes)
    if not name:
        return chain
    kept = [name + " " + links[0][_marks_after(links[0]) :]]
    for k, link in enumerate(links[1:], 1):
        if k in dropped:  # its row marks say where the next link stands: the last kept's now
            kept[-1] = kept[-1][: _marks_after(kept[-1])] + " " + link[_marks_after(link) :]
        else:
            kept.append(link)
    return "=".join(kept)


def _written_out(
    line: int, chain: str, block: _Block, shapes: dict[str, tuple[int, int]], scalars: set[str]
) -> list[tuple[int, str]]:
    """The chain, or one chain per component where it holds matrices or names of them, each
    on the line its entry is written on."""
    chain = entries_named(chain, shapes)  # w_{11} of W
    chain = _function_of_a_vector(chain, shapes)  # loss(scores) = …: the number loss
    plain = re.sub(rf"{ROW}\d+{ROW}", "", chain)
    plain = re.sub(r"(?<!\s)\s*(?::=|←)\s*", " = ", plain, count=1)  # W := W − η ∇W
    names = re.findall(r"(?:∂|[^\W\d])[\w'∂/.]*(?:⁽\w+⁾)?", plain)
    scalars.update(m[1] for piece in split_givens(plain) if (m := _GIVEN_NUMBER.fullmatch(piece)))
    if "=" not in plain and "⟦" in plain:  # the softmax probabilities are: [0.3252; …]
        shown = re.sub(r"⟦\d+⟧", lambda m: "[" + "; ".join(
            ", ".join(row) for row in block.latex[m[0]]) + "]", plain)  # fmt: skip
        return [(line, unreadable("a matrix with nothing equal to it: what it is, only the "
                                  "words say", shown))]  # fmt: skip
    if "=" not in plain or ("⟦" not in plain and not any(
        names_a_matrix(n, shapes, scalars) for n in names)):
        return [(line, chain)]  # no '=': named once as not an equation, not once per entry
    out: list[tuple[int, str]] = []
    # x = [1, 4], y = [0.1, 0.05]; an aligned row's second equation on the next source line
    pieces = [p for part in _NEXT_EQUATION.split(plain) for p in split_givens(part)]
    # h = σ(z), z = [0; 2]: the matrices given on the line first, so the formula knows them
    pieces.sort(key=lambda piece: not _GIVEN_MATRIX.fullmatch(piece))
    for piece in pieces:
        going_on = piece.lstrip().startswith("=") and bool(block.before)  # = [..] = [..]
        try:
            found = components(piece.lstrip()[1:] if going_on else piece, block.cells(), shapes,
                               scalars)  # fmt: skip
            if going_on and len(found) != len(block.before):
                raise NotUnderstood(f"'= …' of {len(found)} entries after a matrix of "
                                    f"{len(block.before)}")  # fmt: skip
        except NotUnderstood as why:
            worked = _worked_unnamed(piece, block, shapes, scalars) if not going_on else None
            if worked is None:
                out.append((line, unreadable(f"vectors and matrices: {why}", piece)))
                continue
            left, found = worked
            out.append((line, unreadable(f"vectors and matrices: the left side {left} is not "
                                         "read as a vector; the entries after it are worked as "
                                         "written", left)))
        if going_on:  # each entry goes on with the entry of the matrix above
            found = [f"{left} = {entry}" for left, entry in zip(block.before, found)]
        at = block.lines(piece, len(found)) or [line] * len(found)
        out += list(zip(at, found))
        block.components = list(zip(at, found))
    return out


def _worked_unnamed(
    piece: str, block: _Block, shapes: dict[str, tuple[int, int]], scalars: set[str]
) -> tuple[str, list[str]] | None:
    """A chain of vectors whose left side names none (``logits − max = [−0.8, 1.1, 0.1] − 1.1
    = [−1.9, 0, −1.0]``: words for what follows): the left side, and the rest written out
    entry by entry, each entry's arithmetic judged; None if the rest is not all vectors."""
    links = re.split(r"\s=\s", piece)
    if len(links) < 3 or "⟦" in links[0] or not all("⟦" in link for link in links[1:]):
        return None
    try:
        return links[0].strip(), components(" = ".join(links[1:]), block.cells(), shapes, scalars)
    except NotUnderstood:
        return None


_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKUP = re.compile(r"\*\*|__|`|<br\s*/?>")  # bold, inline code, line breaks: not maths
_LEAD = re.compile(r"^\s*(?:[-*+>]\s+|\d+[.)]\s+|#{1,6}\s+)+")  # bullets, quotes, headings


def _reads(line: str) -> bool:
    """Whether a line of prose is equations through and through: a sentence that only
    mentions one (``Weights & bias = …``) stays prose, as it was written."""
    try:
        return all(parse_chain(piece) for piece in split_givens(line))
    except NotUnderstood:
        return False


def _why_not(line: str) -> str:
    """Why a line of equations cannot be read: values separated by commas outside brackets
    (= 0.17, 0.82: a vector, its components named nowhere), else as the parser says it."""
    depth = 0
    for c in line:
        depth += (c in "([{") - (c in ")]}")
        if c == "," and depth == 0:
            return "values separated by commas: a vector whose components are named nowhere"
    try:
        parse_chain(line)
    except NotUnderstood as why:
        return str(why)
    return "not an equation"


_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
# Step 2:, Parameter A (large gradients):, **Sample 1**:, 第2步：: a label of a word and a number
# or a capital opening a line, a heading in all but its marks: the lines under it, or the rest of
# its own, are that step's (∇L = 1.5 at step 2 is no copy of step 1's −2.0)
_STEP_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?((?:[A-Z][a-z]+\s+(?:\d+|[A-Z])|第\s*\d+\s*[^\W\d]|步骤\s*\d+)"
    r"(?![\w.])[^:：*\n]{0,40})(?:\*\*|__)?\s*[:：]")
# - $\beta = 0$ → no momentum; - **β = 0.99**: high momentum; At $t = 10$: …; If $β = 0.9$ → …:
# a value the page supposes on this line alone (what it leads to in words, or a case opened by
# At, If, When, With), not the value the page works with
_CASE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:(?:At|If|When|With)\s+\$([^$=]{1,40}=[^$=]{1,20})\$\s*[:,→]"
    r"|(?:\*\*|\$)([^$*=]{1,40}=\s*[-−+]?[\d.]+)\s*(?:\*\*|\$)\s*(?:→|->|:|\\rightarrow)"
    r"\s*[A-Za-z(][^$=]*$)")
_TABLE_ROW = re.compile(r"^\s*\|(?!\s*:?-{3,})")  # | a | b |, not the |---| under the header


def prose_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Equations written outside the maths, as plain text (``z = 0.5 * 1.0 + 0.1 = 0.6``,
    often in backticks): each line of ``text`` with an ``=`` once its maths is taken out;
    and the headings, which scope names (``read_lines``)."""
    escaped = text.replace(r"\$", "  ")
    prose = _blanked(escaped, _maths(escaped, []))  # a block never closed too
    found = []
    written = text.splitlines()
    set_apart = False  # the line above is a table's row or a case, each its own part
    for k, line in enumerate(prose.splitlines()):
        raw = written[k] if k < len(written) else ""
        heading = _HEADING_LINE.match(raw)
        if heading and "=" not in heading.group(1):
            found.append((first_line + k, HEADING + heading.group(1).strip()))
            continue
        row = bool(_TABLE_ROW.match(raw))
        case = None if row else _CASE.match(raw)
        if row:  # each row its own case
            found.append((first_line + k, HEADING + f"{TABLE_ROW} {first_line + k}"))
        elif case:  # β = 0 → no momentum; At t = 10: …: this line alone
            supposed = (case[1] or case[2]).strip()
            found.append((first_line + k, HEADING + f"{CASE} {supposed}, line {first_line + k}"))
        elif set_apart and line.strip():  # the page goes on after the table or the case
            found.append((first_line + k, HEADING + f"after line {first_line + k - 1}"))
        elif label := _STEP_LABEL.match(raw):
            found.append((first_line + k, HEADING + label[1].strip()))  # Step 2: …
        set_apart = row or bool(case) or (set_apart and not line.strip())
        spans = [s for s in re.findall(r"`([^`]+)`", line) if "=" in s]
        if spans:  # Let `x = 2` and `y = 3`: the equations are the code spans
            found += [(first_line + k, s.strip()) for s in spans]
            continue
        line = _LEAD.sub("", _MARKUP.sub(" ", line)).strip()
        if m := _LABELLED.fullmatch(line):  # Learning rate: 0.3, Learning rate = 0.3
            words, number = (m[1], m[2]) if m[1] else (m[3], m[4])
            found.append((first_line + k, f"{'_'.join(words.lower().split())} = {number}"))
            continue
        if symbol := symbol_colon(line):  # w5: 0.45 -> 0.4267
            found.append((first_line + k, symbol))
        found += [(first_line + k, said) for said in loss_said(line)]
        found += [(first_line + k, listed) for listed in targets_listed(line)]
        if "=" not in line and "≈" not in line:
            continue
        if len(line) > LIMITS["line"] or _reads(line):  # too long: read_lines refuses it
            found.append((first_line + k, line))
        elif re.match(r"[=≈](?!=)", line):  # "= …" goes on with an equation (=== a banner)
            found.append((first_line + k, unreadable(_why_not(line), line)))
        elif "=" in line:  # Initial weights: w1 = 0.15, w2 = 0.20 …: the givens in a sentence
            found += [(first_line + k, f"{m[1]} = {m[2]}") for m in _GIVEN.finditer(line)]
    return found


_NUMBER = r"([-−]?\d*\.?\d+)"
# a label of one to three words and one number: the quantity the words name
_LABELLED = re.compile(
    rf"([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{0,2}})\s*:\s*{_NUMBER}\s*"
    rf"|([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{1,2}})\s*=\s*{_NUMBER}\s*"
)


# a name as maths writes it (x, w1, η, net_h1, not a word such as "are") and a number, in a
# sentence: the number ends at a comma, a bracket, "and", a full stop or the line; each part
# has one way to match (a name's pieces between underscores, a number's digits), so a failed
# match gives up in linear time
_GIVEN = re.compile(  # not a name inside a product: x*y = 2 gives no y
    r"(?<![\w.*^·×])((?:[^\W\d]{1,2}\d*|[^\W\d][^\W_]*(?:_[^\W_]+)+|[^\W\d]+\d+)'*)\s*=\s*"
    r"([-−]?(?:\d+(?:\.\d+)?|\.\d+))(?=\s*(?:[,;)]|\.?\s*$|\s+and\b))"
)


def read_markdown(text: str, source: str = "worksheet") -> Worksheet:
    """A Markdown document's maths as the model; a front matter (plain text) may open it,
    and each later ``---`` block starts a new part (a ``---`` that opens no front matter is
    a rule). Equations written as plain text outside the maths are read too; code blocks
    are not maths.

    >>> aligned = "$$\\\\begin{aligned} f &= x^2 \\\\\\\\ &= 9 \\\\end{aligned}$$"
    >>> sheet = read_markdown("Given $x = 3$ and\\n" + aligned)
    >>> [c.source for c in sheet.parts[0].chains]
    ['x = 3', 'f = x^2 = 9']
    """
    return read_lines(markdown_lines(text), source)


# (w_1, w_2) = (1, 0): the variables of a point, and its coordinates
_POINT = re.compile(
    r"\(\s*((?:[A-Za-z](?:_\{?\w{1,4}\}?)?\s*,\s*){1,8}[A-Za-z](?:_\{?\w{1,4}\}?)?)\s*\)\s*=\s*"
    r"\(\s*((?:-?\d+(?:\.\d+)?\s*,\s*(?:\\,\s*)?){1,8}-?\d+(?:\.\d+)?)\s*\)")
# ∇L|_{(1, 0)}: the gradient of L at a point, its coordinates written
_GRADIENT = re.compile(
    r"\\nabla\s*([A-Za-z](?:_\{?\w{1,8}\}?)?)\s*(?:\\[bB]ig{1,2}\s*)?(?:\|_\{\s*\(([^(){}]*)\)\s*\})?")


def gradients_as_partials(text: str) -> str:
    r"""Each gradient written at a point (``\nabla L\big|_{(1,\,0)}``) as the column of its
    partials by the variables of the point the page wrote last with those coordinates
    (``(w_1, w_2) = (1, 0)``), so a vector written for it is read component by component:
    ``∂L/∂w1 = −2``, ``∂L/∂w2 = −6``. A gradient at no such point stays as written.

    >>> gradients_as_partials("$(w_1, w_2) = (1, 0)$, $\\nabla L|_{(1,\\,0)} = [-2, -6]$")[-30:]
    'w_2} \\end{bmatrix} = [-2, -6]$'
    """
    points = [(m.end(), [n.strip() for n in m[1].split(",")], _coordinates(m[2]))
              for m in _POINT.finditer(text)]  # fmt: skip

    def partials(m: re.Match[str]) -> str:
        at = _coordinates(m[2]) if m[2] is not None else None
        names = next((names for end, names, values in reversed(points)
                      if end <= m.start() and (at is None or values == at)), None)  # fmt: skip
        if names is None:
            return m[0]
        rows = " \\\\ ".join(f"\\frac{{\\partial {m[1]}}}{{\\partial {n}}}" for n in names)
        return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"

    return _GRADIENT.sub(partials, text)


def _coordinates(text: str) -> list[float]:
    return [float(c.replace("\\,", "").strip()) for c in text.split(",") if c.strip() != "\\"]


def markdown_lines(text: str) -> list[tuple[int, str]]:
    """A Markdown document's numbered lines of plain-text equations, as ``read_lines`` reads
    them (a joined submission reads several files' lines as one).

    >>> markdown_lines("Let $x = 3$.\\n\\n$$y = 2x = 6$$\\n")
    [(1, 'x = 3'), (3, 'y = 2x = 6')]
    """
    counting = FIRST_INDEX.set(0 if _counts_from_zero(text) else 1)
    try:
        return _markdown_lines(editor_text(text))  # numbered as an editor numbers its lines
    finally:
        FIRST_INDEX.reset(counting)


# x_0 and x_1, W2_{00}: a page that indexes from 0 (its matrices' entries too)
_SMALL_INDEX = re.compile(r"(?<![\\\w])([A-Za-z]\w*?)_\{?([01])(\d?)\}?")


def _counts_from_zero(text: str) -> bool:
    """Whether the page numbers entries from 0: a two-index subscript beginning with 0
    (``W2_{00}``, ``W_{01}``), or a name written with index 0 and with index 1 (in one pass).

    >>> _counts_from_zero("$h_0 = 1$, $h_1 = 2$"), _counts_from_zero("$x_0 = 1$, $w_1 = 2$")
    (True, False)
    """
    seen: dict[str, set[str]] = {}
    for m in _SMALL_INDEX.finditer(text):
        if m[2] == "0" and m[3]:
            return True
        if not m[3]:
            seen.setdefault(m[1], set()).add(m[2])
    return any(len(indices) == 2 for indices in seen.values())


def _markdown_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    front = fenced = False
    prose: list[str] = []
    prose_start = 1
    # tables' cells too, and lists of numbers in code spans (`X = [[1.0, 2.0]]`)
    texts = gradients_as_partials(tables_as_maths(code_lists_as_maths(text))).splitlines()

    shapes: dict[str, tuple[int, int]] = {}  # the vectors and matrices named so far
    scalars: set[str] = set()  # and the names given one number
    printed = 0  # the line of what a code block printed, read with its code

    def flush() -> None:
        body = "\n".join(prose)
        found = math_lines(body, prose_start, shapes, scalars) + prose_lines(body, prose_start)
        # in the order written; a heading (or a table row's start) before what its line holds
        lines.extend(sorted(found, key=lambda f: (f[0], not f[1].startswith(HEADING))))

    for number, raw in enumerate(texts, start=1):
        if _FENCE.match(raw) or fenced:
            fenced ^= bool(_FENCE.match(raw))
            prose.append("")  # a code block is not maths: kept as a blank, for line numbers
            shown = _computed(texts, number) if not fenced and _FENCE.match(raw) else None
            if shown and shown[0] >= prose_start:
                prose[shown[0] - prose_start], printed = shown[1], shown[2]
        elif number == printed:
            prose.append("")  # what the code printed: read with it
        elif raw.strip() == "---" and (front or opens_front_matter(texts, number - 1)):
            flush()
            prose, prose_start = [], number + 1
            lines.append((number, "---"))
            front = not front
        elif front:
            lines.append((number, raw))
            prose_start = number + 1
        else:
            prose.append(raw)
    flush()
    return _functions_as_named(lines, functions_named(texts))


# a code block's one line of arithmetic: numbers, operators (** and ^ for powers), brackets
_CODE_ARITHMETIC = re.compile(r"[\d.\s()+\-*/^]*\d[\d.\s()+\-*/^]*")
# the value printed after it: "Result: 3.0001", "Output = 0.3", "ans = 3.0001"
_PRINTED = re.compile(r"\s*\**(?:result|output|answer|ans)\**\s*[:=]\s*\**\s*"
                      r"([-−]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*\**\s*", re.IGNORECASE)


def _computed(texts: list[str], end: int) -> tuple[int, str, int] | None:
    """A code block closed on line ``end`` (from 1) of one line of arithmetic, its value
    printed after it (``Result: 3.0001``): the code's line, the equation the page shows
    (the computation and what it gave; a mistake in it is then caught) and the printed
    line, which it reads."""
    start = next((k for k in range(end - 2, -1, -1) if _FENCE.match(texts[k])), None)
    if start is None:
        return None
    code = [(k + 1, texts[k].strip()) for k in range(start + 1, end - 1) if texts[k].strip()]
    printed = next(((k + 1, t) for k, t in enumerate(texts[end:end + 3], end) if t.strip()), None)
    if len(code) != 1 or printed is None or not _CODE_ARITHMETIC.fullmatch(code[0][1]):
        return None
    value = _PRINTED.fullmatch(printed[1])
    return (code[0][0], f"`{code[0][1]} = {value[1]}`", printed[0]) if value else None


_ACTIVATIONS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu"}  # as a sentence names them
_APPLIED = re.compile(r"(?<![\w'.∂])([^\W\d][\w]*)'?(?:⁽\w+⁾)?\s*\(")  # g(, g'⁽1⁾(: g


def functions_named(texts: list[str]) -> dict[str, str]:
    """The function symbols a sentence names by one activation in words: in "the activation
    functions $f_1(z)$ and $f_2(z)$ used here is sigmoid", ``f1`` and ``f2`` are σ (and
    ``f1'`` σ'). Symbols the page defines no other way; a sentence naming two activations
    names none.

    >>> functions_named(["Here $f(z)$ is the sigmoid, $g$ the identity."])
    {'f': 'σ', "f'": "σ'"}
    """
    named: dict[str, str] = {}
    in_words: set[str] = set()  # the activations the page's sentences name
    for line in texts:
        if "(" not in line or "$" not in line:
            in_words |= {f for word, f in _ACTIVATIONS.items()
                         if re.search(rf"\b{word}\b", line.lower())}  # fmt: skip
            continue
        maths = _maths(line)
        prose = _blanked(line, maths).lower()
        said = [f for word, f in _ACTIVATIONS.items() if re.search(rf"\b{word}\b", prose)]
        in_words |= set(said)
        if len(said) != 1:
            continue
        for _, _, body in maths:
            try:
                text = latex_to_text(body)
            except NotUnderstood:
                continue
            for symbol in _APPLIED.findall(text):
                if symbol.lower() not in FUNCTIONS and symbol not in _ACTIVATIONS.values():
                    named[symbol] = said[0]
                    named[symbol + "'"] = said[0] + "'"
    if len(in_words) == 1:  # g'(z_1^{(1)}) where the page says its nodes use ReLU
        (said,) = in_words
        applied, defined = set(), set()
        for line in texts:
            maths = _maths(line) if "(" in line else []
            # an equation written in plain text (d1 = f(Ik)[1 − f(Ik)](Tk − Zk)) is maths too
            bodies = [body for _, _, body in maths] or ([line] if "=" in line else [])
            for body in bodies:
                try:
                    text = latex_to_text(body)
                except NotUnderstood:
                    continue
                applied |= set(_ON_ONE_QUANTITY.findall(text))
                defined |= set(_DEFINED_FUNCTION.findall(text))
        for symbol in applied - defined - set(named):
            if symbol not in FUNCTIONS:
                named[symbol], named[symbol + "'"] = said, said + "'"
    return {k: v for k, v in named.items() if v}


# a one-letter function applied to one quantity (g(z), g'(z_1⁽1⁾), f(net_h1), f(I_k)): the
# activation, unless the page defines the letter (f(z) = z²: its own function)
_ON_ONE_QUANTITY = re.compile(
    r"(?<![\w'.∂])([a-z])'?(?:⁽\w+⁾)?\s*\(\s*[^\W\d]\w*(?:⁽\w+⁾)?\s*\)")
_DEFINED_FUNCTION = re.compile(r"^\s*([a-z])(?:⁽\w+⁾)?\s*\([^()=]*\)\s*=")


def _functions_as_named(
    lines: list[tuple[int, str]], named: dict[str, str]
) -> list[tuple[int, str]]:
    """Each line with the function symbols the page names in words written as those."""
    if not named:
        return lines
    symbols = "|".join(re.escape(k) for k in sorted(named, key=len, reverse=True))
    symbol = re.compile(rf"(?<![\w'.∂])({symbols})(?![\w'])(?:⁽\w+⁾)?(?=\s*\()")  # g'⁽1⁾(
    return [(n, text if text.startswith(HEADING) else symbol.sub(lambda m: named[m[1]], text))
            for n, text in lines]  # fmt: skip
