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

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..audit.report import PartReport, Report
from ..audit.worksheet import Derivative, Expr, Name
from ..value import Value
from .scene import draw_network, scene

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
    if shown["network"]:  # again: its boxes sized for the student's numbers too
        draw_network(shown)
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
    model = part.judged.model
    found: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    derivatives: dict[str, list[dict[str, Any]]] = {}
    aliases: dict[str, list[str]] = {}  # δ = ∂L/∂z3: a node, by the names the sheet gives it
    for check in part.checks:
        if check.verdict == "given":  # a given, or a formula's constant: read, not worked out
            continue
        node, what = _place(check.quantity, by_name, root)
        meaning = _meaning(model.definition(check.quantity)) if node is None else None
        if meaning is not None:  # a name the sheet gives a derivative (δ): that derivative's
            node, what = _place(meaning, by_name, root)
            if node is not None and check.quantity not in aliases.get(node, []):
                aliases.setdefault(node, []).append(check.quantity)
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
    when = _Order(shown, by_name)
    entered = _entered(found, shown, by_name, when)
    errors = [i for i, c in enumerate(found) if c["verdict"] == "error"]
    # with nothing selected: the first error of all, in the order the numbers are computed
    first = min(errors, key=lambda i: when(found[i]), default=None)
    return {
        "title": part.title,
        "list": found,
        "nodes": nodes,
        "derivatives": derivatives,
        "aliases": aliases,
        "first": first,
        "entered": entered,
        "unread": [
            {"line": u.line, "text": u.text, "reason": u.reason} for u in part.judged.unread
        ],
    }


def _meaning(definition: Expr | None) -> str | None:
    """What a name the sheet defines as another quantity stands for: ``∂L/∂z3`` for
    ``δ = dL/dz3``; None for a name with a formula of its own."""
    if isinstance(definition, Derivative) and definition.of is None:
        return f"∂{definition.top}/∂{definition.bottom}"
    if isinstance(definition, Name):
        return definition.name
    return None


# ---- where an error entered: the first wrong number on the path to a quantity -------------


def _entered(
    found: Sequence[Mapping[str, Any]],
    shown: Mapping[str, Any],
    by_name: Mapping[str, str],
    when: _Order,
) -> dict[int, int]:
    """For each placed number that is wrong or carries a wrong one: the first error on its
    path, in the order the numbers are computed (the values from the inputs forward, then the
    gradients from the loss back, then the updates); its own index where it is that error.
    A number's path is what it is computed from: a value, from its inputs' values; a
    gradient ∂L/∂n, from the gradients, values and inputs of the nodes that read n."""
    parents: dict[str, list[str]] = {}
    readers: dict[str, list[str]] = {}
    for edge in shown["edges"].values():
        if "operation" not in edge:
            parents.setdefault(edge["to"], []).append(edge["from"])
            readers.setdefault(edge["from"], []).append(edge["to"])
    errors = {}
    for i, c in enumerate(found):
        if c["verdict"] == "error" and c["node"] is not None:
            errors.setdefault(_key(c, by_name), []).append(i)
    entered: dict[int, int] = {}
    for i, c in enumerate(found):
        if c["node"] is None or c["verdict"] in ("match", "rounding"):
            continue
        below = _path(_key(c, by_name), parents, readers)
        wrong = [j for key in below if key in errors for j in errors[key]]
        if wrong:
            entered[i] = min(wrong, key=lambda j: when(found[j]))
    return entered


Key = tuple[str, str]  # ("data" | "grad" | "update", node id)


def _key(check: Mapping[str, Any], by_name: Mapping[str, str]) -> Key:
    """What a placed number is, on the path: a local derivative ∂top/∂bottom is computed
    from the values of ``top`` and its inputs, as ``top``'s value is."""
    if check["what"] == "local":
        top = _DERIVATIVE.match(check["quantity"])["top"].strip("()")
        return ("data", by_name.get(top, check["node"]))
    return ("grad" if check["what"] == "grad" else check["what"], check["node"])


def _path(start: Key, parents: Mapping[str, list[str]], readers: Mapping[str, list[str]]):
    """Every number ``start`` is computed from, itself included."""
    seen = {start}
    stack = [start]
    while stack:
        what, node = stack.pop()
        if what == "data":
            before = [("data", p) for p in parents.get(node, [])]
        elif what == "grad":
            before = [
                key
                for reader in readers.get(node, [])
                for key in [("grad", reader), ("data", reader)]
                + [("data", p) for p in parents.get(reader, [])]
            ]
        else:  # an update: the value and the gradient of its parameter
            before = [("data", node), ("grad", node)]
        for key in before:
            if key not in seen:
                seen.add(key)
                stack.append(key)
    return seen


class _Order:
    """Where a placed number comes in the computation: the values forward from the inputs,
    then the gradients back from the loss, then the updates, each by its distance from where
    its pass starts (numbers as far along are in the order they are written)."""

    def __init__(self, shown: Mapping[str, Any], by_name: Mapping[str, str]) -> None:
        self.by_name = by_name
        ids = list(shown["nodes"])  # the graph's order: inputs before what reads them
        self.forward = dict.fromkeys(ids, 0)
        self.back = dict.fromkeys(ids, 0)
        edges = [e for e in shown["edges"].values() if "operation" not in e]
        into: dict[str, list[str]] = {}
        for e in edges:
            into.setdefault(e["to"], []).append(e["from"])
        for node in ids:
            for parent in into.get(node, []):
                self.forward[node] = max(self.forward[node], self.forward[parent] + 1)
        for node in reversed(ids):
            for parent in into.get(node, []):
                self.back[parent] = max(self.back[parent], self.back[node] + 1)
        self.span = len(ids) + 1

    def __call__(self, check: Mapping[str, Any]) -> tuple[float, int]:
        if check["node"] is None:
            return math.inf, check["line"]
        what, node = _key(check, self.by_name)
        if what == "data":  # ∂a/∂z just after a
            at = self.forward[node] + (0.5 if check["what"] == "local" else 0)
        elif what == "grad":
            at = self.span + self.back[node]
        else:
            at = 2 * self.span + self.forward[node]
        return at, check["line"]


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
