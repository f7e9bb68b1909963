"""A LaTeX formula as the plain text ``read_text`` reads: fractions, scripts, layer indices,
commands in words (``\\times`` is ×, ``\\sigma`` is σ).

>>> latex_to_text(r"\\frac{\\partial L}{\\partial w_7} = \\frac{1}{1 + e^{-2}} \\times \\hat{y}")
'∂L/∂w7 = ((1)/(1 + e^(-2))) × ŷ'
"""

from __future__ import annotations

import re
import unicodedata

from .read_chain import LIMITS
from .worksheet import NotUnderstood

__all__ = ["latex_to_text"]

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
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "lt": "<", "gt": ">",
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


_LISTED = r"\s*[-−]?\d+(?:\.\d+)?(?:\s*,\s*[-−]?\d+(?:\.\d+)?)+\s*"
# y \in \{0, 1\}, \hat{y} \in (0, 1], p \in \left[0, 1\right]: a quantity's set of values
_MEMBER_OF = re.compile(
    rf"\\in(?![A-Za-z])\s*(?:\\left\s*)?(\\\{{|\[|\()({_LISTED})(?:\\right\s*)?(\\\}}|\]|\))")
# the brackets of a set or an interval, as the pass leaves them (it reads {} as a group and []
# as (), as formulas use them), then as written
_SET_MARKS = str.maketrans("⦃⦄⁅⁆", "{}[]")


def _member_of(m: re.Match[str]) -> str:
    left, right = m[1][-1:].replace("{", "⦃").replace("[", "⁅"), m[3][-1:]
    return f" ∈ {left}{m[2]}{right.replace('}', '⦄').replace(']', '⁆')} "


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
    s = _MEMBER_OF.sub(_member_of, s)  # y \in \{0, 1\}: a set, not a bracket (read_claims)
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
            elif word in ("quad", "qquad") and (note := _NOTE.match(s, i)):
                i = note.end()  # \quad \text{(momentum)} at a row's end: a note, not maths
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
        elif c == "_" and _log_before(out):  # \log_2 p, \log_{10} x: the base is no index
            inside, i = _argument(s, i + 1)
            base = latex_to_text(inside).strip()
            at = max(k for k, piece in enumerate(out) if piece.strip())
            out[at] = {"2": "log2", "10": "log10", "e": "log"}.get(base, f"log_{base}")
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
            out.append(f"⁽{_layer(m.group(1))}⁾")
            i = m.end()
        elif c in "[]":
            out.append("(" if c == "[" else ")")
            i += 1
        else:
            out.append(c)
            i += 1
    text = "".join(out).translate(_SET_MARKS)  # the set's brackets, kept through the pass
    text = unicodedata.normalize("NFC", text)  # ŷ as one character, as typed
    return re.sub(r"[ \t]+", " ", text).strip().rstrip(".,;")


# a name as read_text reads it, a step from an index (h_{t+1}) and a layer index included
_NAME = r"[^\W\d][\w']*(?:_\{[^\W\d][-+]\d+\}'?)?(⁽\w+(?:[-+]\d)?⁾)?"
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
# ^{(1)}, ^{[2]}, ^{(l)}, ^{[l-1]}: a layer, not a power (x^{(n-1)}: a power, as l is the
# letter pages give layers)
_LAYER = re.compile(r"[(\[]\s*(\w{1,3}|[lL]\s*[-+−]\s*\d)\s*[)\]]")
_TRANSPOSED_LAYER = re.compile(rf"{_LAYER.pattern}\s*[T⊤]")
_LAYER_MARK = re.compile(r"⁽\w+(?:[-+]\d)?⁾$")
_LAST_WORD = re.compile(r"(?<![\w'\u0300-\u036f])[\w'\u0300-\u036f]*\Z")  # from its start: linear


def _log_before(out: list[str]) -> bool:
    """Whether the last piece written, spaces aside, is ``\\log``'s: a subscript then is its
    base (a name ``log_b`` for a base other than 2, 10 and e: no value, said so)."""
    for piece in reversed(out):
        if piece.strip():
            return piece == "log"
    return False


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


_BRACKET_LAYER = re.compile(r"\[\s*(\d{1,3}|[lL](?:\s*[-+−]\s*\d)?)\s*\]")  # W[1], A[l-1]


def _layer(index: str) -> str:
    """An index as a name carries it: ``l - 1`` → ``l-1``."""
    return re.sub(r"\s", "", index).replace("−", "-")


def _layer_mark(out: list[str]) -> tuple[int, re.Match[str]] | None:
    """The layer mark (``⁽1⁾``) the text so far ends in: (how many of its last pieces hold
    it, the match in their text). Only the last characters are read: a mark is at most 5."""
    pieces = size = 0
    while pieces < len(out) and size < 6:
        pieces += 1
        size += len(out[-pieces])
    mark = _LAYER_MARK.search("".join(out[-pieces:])) if pieces else None
    return (pieces, mark) if mark else None


# \quad \text{(momentum)}: a note in brackets after a formula, at the end of its row
_NOTE = re.compile(r"\s*\\(?:text|textrm|mbox)\s*\{\s*\([^{}()]*\)\s*\}\s*(?=\\\\|$)")
_ITERATION = re.compile(r"\([tk](\+1)?\)|[tk](\+1)")  # (t), (t+1), t+1: a step's count
_STEP = re.compile(r"[^\W\d]\s*[-+−]\s*\d+")  # t-1, l+1, T - 1: an index a step from a letter


def _script(kind: str, inside: str, after_name: bool, after_digit: bool = False) -> str:
    """A subscript joins the name (``w_7`` → ``w7``, ``E_{total}`` → ``E_total``, ``\\hat{y}_1``
    → ``ŷ1``); a superscript ``+`` or prime marks an update; a layer index in brackets is
    part of the name (``z^{(1)}_1`` → ``z1⁽1⁾``); any other superscript is a power."""
    if kind == "_":
        if not after_name:
            return ""
        pair = re.fullmatch(r"(\d+)\s*,\s*(\d+)", inside)
        if pair:  # y_{1,1}: entry (1, 1), named as a matrix's entries are (y11; y1_11)
            apart = "_" if max(len(pair[1]), len(pair[2])) > 1 else ""
            return ("_" if after_digit else "") + pair[1] + apart + pair[2]
        update = re.fullmatch(r"(\w+?)\s*,\s*(new|old|next)", inside)
        if update:  # w_{2,\text{new}}: w_2 after the update (w2_new), as w_{new} is w's
            glue = "" if update[1].isdigit() and not after_digit else "_"
            return f"{glue}{update[1]}_{update[2]}"
        # w_7 → w7, E_{total} → E_total; W1_{12} → W1_12 (not W112), as a matrix's entries
        glue = "" if re.fullmatch(r"\d+", inside) and not after_digit else "_"
        if _STEP.fullmatch(inside):  # v_{t-1}: the step before t, one name, as read_chain reads
            return "_{" + _layer(inside) + "}"
        return glue + inside.replace(" ", "")
    if inside in ("+", "'", "new"):
        return "'"
    # θ^{(t+1)}, θ^{(t)}: an iteration's count, as optimisation writes it: the value after the
    # step, and the value it starts from
    step = _ITERATION.fullmatch(inside.replace(" ", ""))
    if step and after_name:  # w^{t+1} as w^{(t+1)}: t + 1 is no power where t is a step's count
        return "'" if step[1] or step[2] else ""
    if inside in ("*", "⋆", "∗"):  # w^*: the optimum, as optimisation writes it (not w')
        return "_star"
    if inside == "⊤":  # W^\top, W^\intercal: the transpose, as W^T
        return "^T"
    layer = _LAYER.fullmatch(inside)
    if layer and after_name:
        return f"⁽{_layer(layer.group(1))}⁾"
    layer = _TRANSPOSED_LAYER.fullmatch(inside)
    if layer and after_name:  # W^{(2)T}, W^{[2]\top}: the transpose of layer 2's W
        return f"⁽{_layer(layer.group(1))}⁾^T"
    if re.fullmatch(r"\d+\.?\d*|\.\d+|[^\W\d]\w*", inside):  # e^{0.5}, x^{10}, w^T: one token
        return "^" + inside
    return f"^({inside})"
