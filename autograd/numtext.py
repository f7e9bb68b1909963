"""Numbers as text: every place the project writes a number reads it from here.

Text for people writes a true minus sign (``−0.475``); text for Python (reprs, error
messages quoting an argument) writes what Python would read back.

>>> number_text(-0.475, 4), number_text(0.5, 4, zeros=False), number_text(3.0, 4)
('−0.4750', '0.5', '3')
>>> arg_text(2), constant_text(2.0), constant_text(0.5), rounded_repr(0.96724379)
('2.0', '2', '0.5', '0.9672')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

__all__ = ["arg_text", "constant_text", "fixed_text", "number_text", "rounded_repr", "unit"]

MINUS = "−"


def number_text(x: float, digits: int = 4, *, zeros: bool = True, ascii_minus: bool = False) -> str:
    """``x`` to ``digits`` significant digits, whole numbers below a million written plainly.

    ``zeros`` keeps the trailing zeros that show the precision (``0.4750``); without them a
    constant reads as written (``0.5``). Exponents are short (``1.5e−7``). ``ascii_minus``
    writes ``-``, for LaTeX.

    >>> number_text(1234.5678, 4), number_text(1.5e-7, 3), number_text(-2.0, 4)
    ('1235', '1.50e−7', '−2')
    """
    x = float(x)
    if x.is_integer() and abs(x) < 1e6:
        text = str(int(x))
    else:
        # "#" keeps the zeros that show precision (0.4750), and a bare point (1234.) to strip
        form = f"#.{digits}g" if zeros else f".{digits}g"
        mantissa, _, exponent = format(x, form).partition("e")
        text = mantissa.rstrip(".") + (f"e{int(exponent)}" if exponent else "")
    return text if ascii_minus else text.replace("-", MINUS)


def fixed_text(x: float, places: int) -> str:
    """``x`` to ``places`` decimal places, as a hand calculation writes it to compare.

    >>> fixed_text(-0.0, 2), fixed_text(-1 / 3, 4)
    ('0.00', '−0.3333')
    """
    return f"{x + 0.0:.{places}f}".replace("-", MINUS)  # + 0.0 turns −0.0 into 0.0


def arg_text(x: float) -> str:
    """A number as an error message quotes it: exactly, as Python reads it back.

    >>> arg_text(1e-310)
    '1e-310'
    """
    return repr(float(x))


def constant_text(c: float) -> str:
    """A constant inside an operation's name or formula: ``2``, not ``2.0``; ``0.5``."""
    return repr(int(c)) if float(c).is_integer() else repr(float(c))


def rounded_repr(x: Any, digits: int = 4) -> str:
    """A float rounded to ``digits`` significant digits, written as Python writes floats
    (as ``Value``'s repr shows ``data=2.0``, micrograd's way); anything else by its repr."""
    return repr(float(f"{x:.{digits}g}")) if type(x) is float else repr(x)


def is_number(text: str) -> bool:
    """Whether ``text`` is a number as written (a formula's ``−1``, ``(−0.5)``, ``2e−3``).

    >>> is_number("(−0.5)"), is_number("1 − a")
    (True, False)
    """
    return re.fullmatch(r"\(?[−-]?[\d.]+(e[−+-]?\d+)?\)?", text) is not None


def unit(written: str | Decimal) -> Decimal:
    """One unit in the last written place: ``0.8807`` → 0.0001, ``5.57e-4`` → 0.000001.

    >>> unit("0.8807"), unit("5.57e-4"), unit(Decimal("12"))
    (Decimal('0.0001'), Decimal('0.000001'), Decimal('1'))
    """
    return Decimal(1).scaleb(Decimal(written).as_tuple().exponent)
