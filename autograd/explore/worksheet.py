"""A checked worksheet on its graph: each number the student wrote, on the quantity it is of.

``checks(report_part, shown)`` sorts the part's judged numbers onto the scene's nodes: a value
(``z1 = 0.5000``) on its node, ``∂L/∂w3`` on w3's gradient, another derivative (``∂ŷ/∂z3``)
beside z3's gradient, an update (``w3' = 0.90698``) on w3; each with its line as written, the
verdict, the exact value and the diagnosis. The explorer colours each one by its verdict, with
a mark as well (✓ ≈ ↪ ✗ ?), lists the errors, and answers "where did my error enter?" with
the first one written.

>>> from autograd.audit import check_text
>>> from autograd.explore import scene
>>> report = check_text("x = -2, y = 5, z = -4\\nq = x + y = 3\\nf = q·z = −12\\ndf/dx = z = −5")
>>> part = report.parts[0]
>>> shown = scene(part.judged.model.node("f"), picture=False)
>>> found = checks(part, shown)
>>> first = found["list"][found["first"]]
>>> first["quantity"], first["written"], first["what"], shown["nodes"][first["node"]]["name"]
('∂f/∂x', '−5', 'grad', 'x')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..audit.report import PartReport, Report
from ..value import Value
from .scene import scene

__all__ = ["checks", "worksheet_scene"]

_DERIVATIVE = re.compile(r"^∂(?P<top>[^/]+)/∂(?P<bottom>.+)$")


def worksheet_scene(
    report: Report, part: str | None = None, *, digits: int = 4, picture: bool = True
) -> dict[str, Any]:
    """The scene of one part of a checked worksheet (``part`` by name; the first part with an
    error, else the first), drawn from the graph the worksheet defines, its numbers on it."""
    chosen = pick(report, part)
    shown = scene(root_of(chosen), digits=digits, picture=picture)
    shown["checks"] = checks(chosen, shown)
    return shown


def root_of(part: PartReport) -> Value:
    """The node a part's graph ends in: its loss, or the last quantity it defines."""
    model = part.judged.model
    return model.node(model.loss) if model.loss else model.node(list(model.nodes())[-1])


def pick(report: Report, part: str | None) -> PartReport:
    """The part named ``part`` ("a", "(a)", "2"), or the first with an error, else the first."""
    if part is not None:
        name = part.strip().removeprefix("(").removesuffix(")")
        for p in report.parts:
            if p.name == name:
                return p
        names = ", ".join(p.name for p in report.parts)
        raise ValueError(f"explore: part: no part {name!r}; choose from {names}")
    if not report.parts:
        raise ValueError(f"explore: {report.source} has no part to show")
    return next((p for p in report.parts if p.errors()), report.parts[0])


def checks(part: PartReport, shown: Mapping[str, Any]) -> dict[str, Any]:
    """The judged numbers of ``part`` placed on the nodes of ``shown`` (its scene)."""
    by_name = {node["name"]: i for i, node in shown["nodes"].items()}
    root = shown["nodes"][shown["root"]]["name"]
    lines = {c.line: c.source for c in [*part.judged.part.front, *part.judged.part.chains]}
    for c in part.judged.part.chains:
        for line in getattr(c, "link_lines", ()) or ():
            lines.setdefault(line, c.source)
    found: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    derivatives: dict[str, list[dict[str, Any]]] = {}
    for check in part.checks:
        if check.kind == "given":
            continue
        node, what = _place(check.quantity, by_name, root)
        item = {
            **check.as_json(),
            "exact": None if check.exact is None else _shown(check.exact),
            "from_written": None if check.from_written is None else _shown(check.from_written),
            "source": lines.get(check.line, ""),
            "node": node,
            "what": what,
        }
        found.append(item)
        if node is not None:
            nodes.setdefault(node, {}).setdefault(what, []).append(item)
        if _DERIVATIVE.match(check.quantity):
            derivatives.setdefault(check.quantity, []).append(item)
    errors = [i for i, c in enumerate(found) if c["verdict"] == "error"]
    first = min(errors, key=lambda i: (found[i]["line"], i)) if errors else None
    return {
        "title": part.title,
        "list": found,
        "nodes": nodes,
        "derivatives": derivatives,
        "first": first,
        "unread": [
            {"line": u.line, "text": u.text, "reason": u.reason} for u in part.judged.unread
        ],
    }


def _place(quantity: str, by_name: Mapping[str, str], root: str) -> tuple[str | None, str]:
    """The node a written quantity is of, and what of it: ``data``, ``grad`` (∂root/∂node),
    ``local`` (another derivative, beside its bottom node's gradient), ``update`` (w')."""
    derivative = _DERIVATIVE.match(quantity)
    if derivative:
        top, bottom = derivative["top"].strip("()"), derivative["bottom"].strip("()")
        return by_name.get(bottom), "grad" if top == root else "local"
    if quantity.endswith("'") and quantity.rstrip("'") in by_name:
        return by_name[quantity.rstrip("'")], "update"
    return by_name.get(quantity), "data"


def _shown(x: float) -> str:
    from ..numtext import number_text

    return number_text(x, 6)
