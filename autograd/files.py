"""Reading files from outside: bounded in size, UTF-8, and JSON without surprises.

A file is refused, with one line naming it, when it is larger than a stated limit (before it
is read), when it is not UTF-8 text, and, for JSON, when it repeats a key (``json`` would keep
the last silently; TOML refuses it too), writes ``NaN`` or ``Infinity`` (not JSON), writes an
integer of more digits than Python reads (4,300), or nests deeper than Python's recursion
limit (about 1,000 levels). A number past the float range reads as ``inf``, as ``json`` reads
it: the fields that hold numbers refuse it.

>>> parse_json('{"nin": 2, "nin": 3}', "net.json")
Traceback (most recent call last):
...
autograd.files.FileError: net.json: key "nin" appears twice in one object
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["MAX_FILE_BYTES", "FileError", "parse_json", "read_text", "shown"]

MAX_FILE_BYTES = 10_000_000  # 10 MB: a saved model of 100,000 parameters takes about 3.5 MB


class FileError(ValueError):
    """A file that cannot be read as what it should be; the message names the file."""


def shown(value: Any) -> str:
    """``value`` as JSON writes it, cut short for one line of an error message.

    >>> shown(True), shown("x" * 100)
    ('true', '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx … xxxxxxxxxxxxxx"')
    """
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON data: Python's spelling
        text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]} … {text[-15:]}"


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of the file at ``path``; larger than ``max_bytes``, refused unread.

    A missing or unreadable file raises ``OSError``, as ``open`` does.
    """
    path = Path(path)
    too_large = f"{path}: larger than {max_bytes:,} bytes, the most this reads"
    if path.stat().st_size > max_bytes:  # a regular file: known before reading
        raise FileError(too_large)
    with path.open("rb") as file:  # a device or pipe (/dev/zero) says its size by reading
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileError(too_large)
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as Windows editors write, dropped
    except UnicodeDecodeError as error:
        raise FileError(
            f"{path}: not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})"
        ) from None


def parse_json(text: str, source: str) -> Any:
    """The JSON document ``text``, read from ``source`` (named in every error)."""

    def refuse(message: str) -> Any:
        raise FileError(f"{source}: {message}")

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    refuse(f"key {shown(key)} appears twice in one object")
                seen.add(key)
        return found

    def at(literal: str) -> str:
        """Where the number ``literal`` is written: line and column, as JSON errors say."""
        found = re.search(rf"(?<![\w.+-]){re.escape(literal)}(?![\w.])", text)
        if found is None:
            return ""
        start = found.start()
        line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        return f"line {line} column {column}: "

    def integer(digits: str) -> int:
        limit = sys.get_int_max_str_digits()
        count = len(digits.lstrip("-"))
        if limit and count > limit:  # int() refuses it with advice that is not the reader's
            refuse(f"{at(digits)}an integer of {count:,} digits, more than {limit:,}")
        return int(digits)

    try:
        return json.loads(
            text,
            object_pairs_hook=unique,
            parse_int=integer,
            parse_constant=lambda name: refuse(f"{name} is not a JSON number"),
        )
    except json.JSONDecodeError as error:
        raise FileError(f"{source}: not valid JSON ({error})") from None
    except RecursionError:
        raise FileError(f"{source}: JSON nested too deeply (over about 1,000 levels)") from None
