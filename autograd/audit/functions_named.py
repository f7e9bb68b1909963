"""Function symbols a page names in words: in "$f(z)$ is the sigmoid", ``f`` is σ."""

from __future__ import annotations

import re

from .latex_text import latex_to_text
from .maths_spans import blanked, maths_spans
from .read_chain import FUNCTIONS
from .read_scopes import HEADING
from .worksheet import NotUnderstood

__all__ = ["functions_as_named", "functions_named"]

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
        maths = maths_spans(line)
        prose = blanked(line, maths).lower()
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
            maths = maths_spans(line) if "(" in line else []
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


def functions_as_named(
    lines: list[tuple[int, str]], named: dict[str, str]
) -> list[tuple[int, str]]:
    """Each line with the function symbols the page names in words written as those."""
    if not named:
        return lines
    symbols = "|".join(re.escape(k) for k in sorted(named, key=len, reverse=True))
    symbol = re.compile(rf"(?<![\w'.∂])({symbols})(?![\w'])(?:⁽\w+⁾)?(?=\s*\()")  # g'⁽1⁾(
    return [(n, text if text.startswith(HEADING) else symbol.sub(lambda m: named[m[1]], text))
            for n, text in lines]  # fmt: skip
