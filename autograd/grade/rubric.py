"""The rubric: what each quantity of the key is worth, and what a slip costs.

A small TOML file, every table optional (the default is below)::

    follow_through = true   # a line right given the student's own earlier numbers is
                            # `carried` and earns its points; false: it earns none
    [points]                # per kind of step; a kind worth 0 is not graded
    forward = 1             # the forward pass, z = w x + b
    loss = 1                # the loss
    local = 1               # a local derivative, ∂a/∂z
    chain = 1               # a derivative of the loss, ∂L/∂w (the chain rule)
    update = 1              # an update, w' = w − α·∂L/∂w
    after = 0               # the forward pass after the step, z' … L'
    [quantities]            # per quantity, by the key's name (dL/dw for ∂L/∂w): overrides
    "∂L/∂w" = 2             # its kind; a name the key does not ask for is refused
    [penalties]             # points off the total
    given = 1               # per given copied wrong from the problem
    not_understood = 0      # per line the checker could not read
    [aliases]               # names the students use → the key's names
    E = "L"

Its hash (of the rubric as read, defaults filled in) is recorded with every grade, so that
a regrade under another rubric shows.

>>> rubric = Rubric.from_text('[points]\\nlocal = 0.5\\n[quantities]\\n"∂L/∂w" = 2')
>>> rubric.points_for("∂L/∂w", "chain"), rubric.points_for("∂a/∂z", "local")
(2.0, 0.5)
>>> Rubric().hash == Rubric.from_text("").hash
True
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import files
from .key import Reference, key_name

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["KINDS", "Rubric", "RubricError", "load_rubric"]

KINDS = ("forward", "loss", "local", "chain", "update", "after")
_DEFAULT_POINTS = {"forward": 1.0, "loss": 1.0, "local": 1.0, "chain": 1.0, "update": 1.0,
                   "after": 0.0}  # fmt: skip
_PENALTIES = {"given": 1.0, "not_understood": 0.0}
MAX_RUBRIC_BYTES = 100_000  # a rubric is a page of settings, not data


class RubricError(ValueError):
    """A rubric that cannot be used: one line naming the field and the value."""


@dataclass
class Rubric:
    """Points per kind of step and per quantity, follow-through, penalties, aliases."""

    points: dict[str, float] = field(default_factory=lambda: dict(_DEFAULT_POINTS))
    quantities: dict[str, float] = field(default_factory=dict)
    penalties: dict[str, float] = field(default_factory=lambda: dict(_PENALTIES))
    follow_through: bool = True
    aliases: dict[str, str] = field(default_factory=dict)
    source: str = field(default="rubric", compare=False)  # the file it was read from

    @classmethod
    def from_text(cls, text: str, source: str = "rubric") -> Rubric:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RubricError(f"{source}: not TOML: {error}") from None
        return cls.from_dict(data, source)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "rubric") -> Rubric:
        known = {"points", "quantities", "penalties", "follow_through", "aliases"}
        for key in data:
            if key not in known:
                raise RubricError(f"{source}: unknown field {key!r}; "
                                  f"expected {', '.join(sorted(known))}")  # fmt: skip
        rubric = cls(source=source)
        points = _table(data, "points", source)
        for kind, value in points.items():
            if kind not in KINDS:
                raise RubricError(f"{source}: field 'points.{kind}' is not a kind of step; "
                                  f"choose from {', '.join(KINDS)}")  # fmt: skip
            rubric.points[kind] = _number(value, f"points.{kind}", source)
        rubric.quantities = {key_name(q): _number(v, f"quantities.{q}", source)
                             for q, v in _table(data, "quantities", source).items()}  # fmt: skip
        for name, value in _table(data, "penalties", source).items():
            if name not in _PENALTIES:
                raise RubricError(f"{source}: field 'penalties.{name}' is unknown; "
                                  f"choose from {', '.join(_PENALTIES)}")  # fmt: skip
            rubric.penalties[name] = _number(value, f"penalties.{name}", source)
        follow = data.get("follow_through", True)
        if not isinstance(follow, bool):
            raise RubricError(f"{source}: field 'follow_through' must be true or false, "
                              f"got {follow!r}")  # fmt: skip
        rubric.follow_through = follow
        for name, value in _table(data, "aliases", source).items():
            if not isinstance(value, str) or not value.strip():
                raise RubricError(f"{source}: field 'aliases.{name}' must be a name, "
                                  f"got {value!r}")  # fmt: skip
            rubric.aliases[name] = value.strip()
        return rubric

    def check(self, key: Reference) -> None:
        """Refuse a quantity the key does not ask for, or an alias for a name it does not have:
        a typo would otherwise be worth nothing, silently."""
        names = key.quantity_names()
        for quantity in self.quantities:
            if quantity not in names:
                raise RubricError(f"{self.source}: field 'quantities.{quantity}' is not a "
                                  f"quantity of the key; it asks for {', '.join(names)}")
        known = {*names, *(g for p in key.parts for g in p.givens)}
        for alias, name in self.aliases.items():
            if name not in known:
                raise RubricError(f"{self.source}: field 'aliases.{alias}' names {name!r}, which "
                                  f"the key does not have; it has {', '.join(sorted(known))}")

    def points_for(self, quantity: str, kind: str) -> float:
        """What ``quantity`` (a key name) of ``kind`` is worth."""
        return self.quantities.get(quantity, self.points.get(kind, 0.0))

    def as_dict(self) -> dict[str, Any]:
        return {"follow_through": self.follow_through, "points": self.points,
                "quantities": self.quantities, "penalties": self.penalties,
                "aliases": self.aliases}  # fmt: skip

    @property
    def hash(self) -> str:
        """The first 12 hex digits of the SHA-256 of the rubric as read, defaults filled in."""
        text = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_rubric(path: str | Path | None) -> Rubric:
    """The rubric in the TOML file at ``path``; the default one for ``None``."""
    if path is None:
        return Rubric()
    try:
        text = files.read_text(Path(path), MAX_RUBRIC_BYTES)
    except files.FileError as error:
        raise RubricError(str(error)) from None
    return Rubric.from_text(text, str(path))


def _table(data: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise RubricError(f"{source}: field {name!r} must be a table, got {table!r}")
    return table


def _number(value: Any, name: str, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value < 0 or value > 1e6:  # fmt: skip
        raise RubricError(f"{source}: field {name!r} must be a number of points from 0 to "
                          f"1000000, got {value!r}")  # fmt: skip
    return float(value)
