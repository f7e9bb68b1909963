"""The network view's picture: a textbook's drawing of a network, as SVG, from a scene.

Inputs top to bottom on the left, a column per layer, each neuron a circle with its z and a
(its bias above, ``∂L/∂z`` below), each weight on its own edge with its value and gradient,
the loss on the right with its targets beside it. A number the page gives in a hidden layer
(``out_h2 = 0.5969``, not worked out) is a small circle in that layer's column. The explorer
shows this picture and brings it to life (its script finds each part by its ``data-id`` and
rewrites the numbers as you step or train); the same text is the static picture where no
script runs (a notebook on a code host, a README). Every box is sized for the widest text it
will hold (each number a step, a training step or the student's sheet puts there), measured
with DejaVu Sans Bold's own widths, so that no label overflows its box or meets another.

>>> from autograd import Value
>>> from autograd.explore import scene
>>> x = Value(0.8, label="x"); w = Value(0.5, label="w1"); b = Value(0.1, label="b1")
>>> z = w * x + b; z.label = "z1"; a = z.tanh(); a.label = "a1"
>>> y = Value(1.0, label="y"); L = (y - a) ** 2; L.label = "L"
>>> shown = scene(L, picture=False)
>>> svg = picture(shown)
>>> svg.startswith("<svg"), "z1 = 0.5000" in svg, "w1 = 0.5000" in svg
(True, True, True)
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FONT", "picture"]

R = 44  # a neuron's radius, at least
INPUT = 30  # an input's radius, at least
BIG = 13  # the numbers, in px at the picture's own size
SMALL = 12  # names, gradients, notes: the smallest text of the picture
FONT = SMALL
GAP = 26  # between two boxes of a column, and around the picture
# the picture's room in the page at 1366 × 768 (1030 × 688 px), in its own units at the scale
# where its smallest text is explorer.js's LEGIBLE (11.1 px): what it is laid out to fit
FITS = (1030 * FONT / 11.1, 688 * FONT / 11.1)
_MARK = "✗ "  # a verdict's mark, on a worksheet's numbers
LIT = "#0072b2"
_BOLD = 1.1  # DejaVu Sans Bold is this much wider than DejaVu Sans (its digits: 0.70 / 0.636 em)

# DejaVu Sans Bold's advance widths, in em (any text may turn bold: an error is written so)
_WIDTHS = {
    ch: width
    for width, chars in (
        (0.0, "\u0302\u0303\u0304"), (0.26, "′"), (0.29, "⁽⁾"), (0.31, "'"), (0.34, "ijl"),
        (0.35, " "), (0.37, "/IJ\\|"), (0.38, ",.·"), (0.4, ":;"), (0.42, "-"),
        (0.44, "f²³⁰¹⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"), (0.46, "!()[]"), (0.48, "t"), (0.49, "r"),
        (0.5, "_`"), (0.52, '"*'), (0.54, "∂"), (0.56, "ε"), (0.58, "?z"), (0.59, "c"),
        (0.6, "s"), (0.63, "λ"), (0.64, "L•"), (0.65, "vxyŷ"), (0.67, "ak"), (0.68, "EFTeγΣ"),
        (0.69, "oαδθ"), (0.7, "$0123456789"), (0.71, "hnu{}η"), (0.72, "SYbdgpqβ"),
        (0.73, "CPZ"), (0.74, "μ"), (0.76, "B"), (0.77, "AKRVXΔ"), (0.78, "σφ"), (0.81, "U"),
        (0.82, "G"), (0.83, "D"), (0.84, "#+<=>HN^~−✓✗≈↪×"), (0.85, "OQ"), (0.87, "&ω"),
        (0.92, "w"), (1.0, "%@M…"), (1.04, "m"), (1.1, "W"),
    )
    for ch in chars
}  # fmt: skip

_STYLE = """
.agx-net text { font-family: "DejaVu Sans", Verdana, sans-serif; fill: #222; }
.agx-net .agx-name { font-weight: bold; }
.agx-net .agx-note { fill: #555; }
.agx-net .agx-grad { fill: #7a2e0e; }
.agx-net-edge { stroke: #777; stroke-width: 1.4px; fill: none; }
.agx-net-edge.agx-on { stroke: LIT; stroke-width: 3px; }
.agx-net-neuron circle { fill: #f3f6fa; stroke: #445; stroke-width: 1.6px; }
.agx-net-input circle { fill: #fff; stroke: #445; stroke-width: 1.4px; }
.agx-net-loss rect { fill: #fff7e6; stroke: #445; stroke-width: 1.6px; }
.agx-net-weight rect { fill: #fff; fill-opacity: 0.92; stroke: #ccc; }
.agx-net-weight.agx-on rect { stroke: LIT; stroke-width: 2px; }
.agx-rule { stroke: #bbb; stroke-width: 1px; }
""".replace("LIT", LIT)

Box = tuple[float, float, float, float]  # left, top, width, height


@dataclass
class _Plan:
    """Where everything goes: centres and radii, weight labels' boxes, the loss, the targets."""

    at: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # x, y, radius
    spots: dict[str, Box] = field(default_factory=dict)  # weight id → its label's box
    loss: Box = (0.0, 0.0, 0.0, 0.0)
    boxes: list[Box] = field(default_factory=list)  # all that is drawn
    label_h: float = 31.0


def picture(shown: Mapping[str, Any], select: str = "") -> str:
    """The network view of a scene (``scene(...)["network"]`` must be set) as SVG text;
    ``select`` a node id: the edges on its paths to the loss are lit, its chain rule below."""
    net = shown["network"]
    nodes = shown["nodes"]
    root = nodes[shown["root"]]["name"]
    lit = set(shown["chains"][select]["edges"]) if select in shown["chains"] else set()
    plan = _best_plan(shown)
    at = plan.at
    out = _Drawing()
    for layer in net["layers"]:
        for neuron in layer:
            qx, qy, qr = at[neuron["a"]]
            for term in neuron["terms"]:
                edges = [term["w_edge"], term["x_edge"]]
                out.line(at[term["from"]], (qx, qy, qr), edges, lit)
                weight = nodes[term["w"]]["name"]
                x, y, w, h = plan.spots[term["w"]]
                on = " agx-on" if any(e in lit for e in edges) else ""
                out.labels.append(
                    f'<g class="agx-net-weight{on}" data-id="{term["w"]}" '
                    f'data-edge="{term["w_edge"]}"><rect x="{x:.1f}" y="{y:.1f}" '
                    f'width="{w:.1f}" height="{h:.0f}" rx="4"/>'
                    + _text(x + w / 2, y + 9, f"{weight} = {nodes[term['w']]['data']}", BIG,
                            "agx-name", term["w"], "value")
                    + _text(x + w / 2, y + 23, f"∂{root}/∂{weight} = {nodes[term['w']]['grad']}",
                            SMALL, "agx-grad", term["w"], "grad")
                    + "</g>"
                )  # fmt: skip
            out.nodes.append(_neuron(neuron, at[neuron["a"]], nodes, root))
    for item in [*net["inputs"], *net.get("given", [])]:
        out.nodes.append(_small(item["id"], item["name"], at[item["id"]], nodes))
    lx, ly, lw, lh = plan.loss
    loss_x, loss_y = lx + lw / 2, ly + lh / 2
    loss_inside = set(net["loss_inside"])
    for neuron in net["layers"][-1]:
        if neuron["a"] == net["loss"]:
            continue
        into = [
            k
            for k, e in shown["edges"].items()
            if e["from"] == neuron["a"] and e["to"] in loss_inside
        ]
        out.line(at[neuron["a"]], (lx, loss_y, 0.0), into, lit)
    out.nodes.append(
        f'<g class="agx-net-loss" data-id="{net["loss"]}" data-x="{loss_x}" data-y="{loss_y}">'
        f'<rect x="{lx:.1f}" y="{ly:.1f}" width="{lw:.1f}" height="{lh}" rx="10"/>'
        + _text(loss_x, loss_y - 7, f"{root} = {nodes[net['loss']]['data']}", BIG, "agx-name",
                net["loss"], "value")
        + _text(loss_x, loss_y + 11, "loss", SMALL, "agx-note", net["loss"], "verdict")
        + "</g>"
    )  # fmt: skip
    for target in net["targets"]:
        x, y, r = at[target]
        toward = ly + lh if y > loss_y else ly  # the loss box's near side
        out.edges.append(
            f'<line class="agx-net-edge" x1="{x}" y1="{y - r if y > loss_y else y + r}" '
            f'x2="{x}" y2="{toward + (6 if y > loss_y else -6)}" marker-end="url(#agx-arrow)"/>'
        )
        out.nodes.append(_small(target, nodes[target]["name"], (x, y, r), nodes))
    left, top, right, bottom = _bounds(plan.boxes)
    if net["examples"] > 1:  # a batch: one network, drawn with its first example
        note = (f"a batch of {net['examples']}: the network for its first example; each "
                f"∂{root}/∂w sums over all {net['examples']}")  # fmt: skip
        top -= 26
        out.nodes.append(
            f'<text x="{left + GAP / 2:.0f}" y="{top + 18:.0f}" font-size="{SMALL}" '
            f'class="agx-note">{html.escape(note)}</text>'
        )
        right = max(right, left + GAP + _width(note, SMALL))
    caption = _caption(shown, select, left, bottom)
    height = bottom - top + 22 * len(caption)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="agx-net" '
        f'viewBox="{left:.0f} {top:.0f} {right - left:.0f} {height:.0f}" '
        f'width="{right - left:.0f}" height="{height:.0f}" data-font="{FONT}">'
        f"<style>{_STYLE}</style>"
        '<defs><marker id="agx-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="11" '
        'markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker></defs>'
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{right - left:.0f}" height="{height:.0f}" '
        'fill="#fff"/>'
        f'<g class="agx-net-edges">{"".join(out.edges)}</g>'
        f'<g class="agx-net-labels">{"".join(out.labels)}</g>'
        f'<g class="agx-net-nodes">{"".join(out.nodes)}</g>'
        f"{''.join(caption)}</svg>"
    )


# ---- the plan: sizes from the texts, then places ---------------------------------------------


class _Texts:
    """The widest text each part of the picture will hold, in px at the picture's size: a
    node's ``name = value`` and ``∂root/∂name = gradient``, over every number it may show (the
    final one, each step's sum, each training step's, the student's own), with a verdict's
    mark where the scene is a checked worksheet."""

    def __init__(self, shown: Mapping[str, Any]) -> None:
        self.nodes = shown["nodes"]
        self.root = self.nodes[shown["root"]]["name"]
        checks = shown.get("checks") or {}
        self.mark = _MARK if checks else ""
        self.aliases = checks.get("aliases", {})
        self.data = {i: {n["data"]} for i, n in self.nodes.items()}
        self.grads = {i: {n["grad"], "0", "1"} for i, n in self.nodes.items()}
        for step in shown["steps"]:
            for passed in step["passes"]:
                self.grads[passed["to"]].add(passed["grad"])
        for frame in shown.get("training", {}).get("steps", []):
            for i in self.nodes:
                self.data[i].add(frame["data"][i])
                self.grads[i].add(frame["grad"][i])
        # the student's number where it is not the right one (explorer.js's written())
        self.errors: set[tuple[str, str]] = set()
        for node, marks in checks.get("nodes", {}).items():
            for what, into in (("data", self.data), ("grad", self.grads)):
                if any(c["verdict"] == "error" for k in (what, "update") for c in marks.get(k, [])):
                    self.errors.add((node, what))
                written = marks.get(what, [])
                shown_one = ([c for c in written if c["kind"] == "result"] or written)[-1:]
                into[node].update(c["written"] for c in shown_one if c["verdict"] != "match")

    def value(self, i: str, size: float, bold: bool = False) -> float:
        head = _width(f"{self.mark}{self.nodes[i]['name']} = ", size)
        return (head + max(_width(n, size) for n in self.data[i])) * self._weight(i, "data", bold)

    def number(self, i: str, size: float) -> float:
        width = _width(self.mark, size) + max(_width(n, size) for n in self.data[i])
        return width * self._weight(i, "data", False)

    def grad(self, i: str, size: float) -> float:
        prefix = "".join(a + " = " for a in self.aliases.get(i, []))
        head = _width(f"{self.mark}{prefix}∂{self.root}/∂{self.nodes[i]['name']} = ", size)
        return (head + max(_width(n, size) for n in self.grads[i])) * self._weight(i, "grad", False)

    def name(self, i: str, size: float) -> float:
        return _width(self.nodes[i]["name"], size)

    def _weight(self, i: str, what: str, bold: bool) -> float:
        """1 for bold text (the widths are Bold's), less for regular: a text is bold where
        its class says so, or where the student's number for it is an error."""
        return 1.0 if bold or (i, what) in self.errors else 1 / _BOLD


def _best_plan(shown: Mapping[str, Any]) -> _Plan:
    """The plan that fits a laptop's window: rows apart (the labels between them have room:
    the columns are narrower), or, where that is too tall (a layer of four neurons), rows
    close, if that fits better."""

    def overflow(plan: _Plan) -> float:
        left, top, right, bottom = _bounds(plan.boxes)
        return max((right - left) / FITS[0], (bottom - top) / FITS[1])

    apart = _plan(shown, GAP)
    return apart if overflow(apart) <= 1 else min(apart, _plan(shown, 6), key=overflow)


def _plan(shown: Mapping[str, Any], row_gap: float) -> _Plan:
    """Sizes every part for its widest text, stacks each column (``row_gap`` between a
    neuron's ∂L/∂z and the next one's bias), and widens the gap between two columns until
    each weight's label sits on its own edge, clear of every other label and circle."""
    net = shown["network"]
    texts = _Texts(shown)
    neurons = [n for layer in net["layers"] for n in layer]
    smalls = [i["id"] for i in [*net["inputs"], *net.get("given", [])]] + net["targets"]
    # a small circle holds its name (at y − 8) and its number (at y + 9); a neuron its z and
    # a (at y ∓ 13): each line's ends inside the circle
    r_small = max(
        [INPUT]
        + [_chord(texts.name(i, SMALL) / 2 + 4, 15) for i in smalls]
        + [_chord(texts.number(i, BIG) / 2 + 4, 17) for i in smalls]
    )
    lines = [(n["z"], 21 if n["a"] != n["z"] else 8) for n in neurons]
    lines += [(n["a"], 21) for n in neurons]
    r = max([R, r_small] + [_chord(texts.value(i, BIG) / 2 + 5, dy) for i, dy in lines])
    r_small = min(r_small, r)
    # the texts above (the bias) and below (∂root/∂z) a neuron
    above = {n["a"]: texts.value(n["bias"], SMALL) if n["bias"] else 0.0 for n in neurons}
    below = {n["a"]: texts.grad(n["z"], SMALL) for n in neurons}
    labels = {t["w"]: max(texts.value(t["w"], BIG, bold=True), texts.grad(t["w"], SMALL)) + 12
              for n in neurons for t in n["terms"]}  # fmt: skip
    columns: list[list[str]] = net["columns"]
    radius = {i: r if i in above else r_small for column in columns for i in column}
    row = max(2 * r + 2 * 22, 2 * r_small) + row_gap
    widest = {c: max((labels[t["w"]] for n in layer for t in n["terms"]), default=0.0)
              for c, layer in enumerate(net["layers"])}  # fmt: skip
    # from the least that could do (a label beside its edge's ends, its edge slanting), a
    # crowded gap widens a step at a time: the picture is no wider than its labels need
    gaps = [max(radius[n] for n in columns[c]) + r + widest[c] / 2
            for c in range(len(columns) - 1)]  # fmt: skip
    for _ in range(80):
        plan = _Plan()
        last = 0.0
        for c, column in enumerate(columns):
            for i, node in enumerate(column):
                plan.at[node] = (last, (i - (len(column) - 1) / 2) * row, radius[node])
            last += gaps[c] if c < len(gaps) else 0
        for node, (x, y, rr) in plan.at.items():
            plan.boxes.append((x - rr, y - rr, 2 * rr, 2 * rr))
            for width, dy in ((above.get(node, 0.0), -rr - 13), (below.get(node, 0.0), rr + 13)):
                if width:
                    plan.boxes.append((x - width / 2, y + dy - 9, width, 18))
        crowded = [False] * len(gaps)
        for j, layer in enumerate(net["layers"]):
            for neuron in layer:
                qx, qy, _ = plan.at[neuron["a"]]
                for term in neuron["terms"]:
                    px, py, _ = plan.at[term["from"]]
                    source = next(c for c in columns if term["from"] in c)
                    place = source.index(term["from"])
                    # the upper sources' labels further left: crossing edges' labels apart
                    prefer = 0.38 + 0.3 * place / max(len(source) - 1, 1)
                    box, clear = _clear_spot((px, py), (qx, qy), labels[term["w"]],
                                             plan.label_h, plan.boxes, prefer)  # fmt: skip
                    crowded[j] |= not clear
                    plan.boxes.append(box)
                    plan.spots[term["w"]] = box
        if not any(crowded):
            break
        gaps = [g + GAP / 2 if crowd else g for g, crowd in zip(gaps, crowded)]
    _loss(plan, shown, texts, r_small, last)
    return plan


def _loss(plan: _Plan, shown: Mapping[str, Any], texts: _Texts, r_small: float,
          last: float) -> None:  # fmt: skip
    """The loss to the right of the last column (where nothing else is); its targets in a
    column through it, the first half above, the rest below."""
    net = shown["network"]
    loss = net["loss"]
    w = max(
        110.0,
        texts.value(loss, BIG, bold=True) + 24,
        _width(texts.mark + "not understood", SMALL) + 24,
    )
    h = 48.0
    right = max(x + rr for x, _, rr in plan.at.values() if x == last)
    box = (right + 30, -h / 2, w, h)
    while any(_overlap(box, other) for other in plan.boxes):
        box = (box[0] + GAP, box[1], w, h)
    plan.loss = box
    plan.boxes.append(box)
    x = box[0] + w / 2
    targets = net["targets"]
    above = len(targets) // 2  # the first ones above the loss, the rest below: in order
    for k, target in enumerate(targets):
        away = above - 1 - k if k < above else k - above  # from the loss's box, outwards
        out = h / 2 + 30 + r_small + away * (2 * r_small + 16)
        y = -out if k < above else out
        plan.at[target] = (x, y, r_small)
        plan.boxes.append((x - r_small, y - r_small, 2 * r_small, 2 * r_small))


def _chord(half: float, dy: float) -> float:
    """The radius of a circle whose chord at ``dy`` from its centre is ``2 · half`` long."""
    return (half**2 + dy**2) ** 0.5


def _bounds(boxes: Sequence[Box]) -> tuple[float, float, float, float]:
    """Left, top, right, bottom around every box, with a margin."""
    return (
        min(b[0] for b in boxes) - GAP / 2,
        min(b[1] for b in boxes) - GAP / 2,
        max(b[0] + b[2] for b in boxes) + GAP / 2,
        max(b[1] + b[3] for b in boxes) + GAP / 2,
    )


class _Drawing:
    def __init__(self) -> None:
        self.edges: list[str] = []
        self.labels: list[str] = []
        self.nodes: list[str] = []

    def line(
        self,
        p: tuple[float, float, float],
        q: tuple[float, float, float],
        edges: Sequence[str],
        lit: set[str],
    ) -> None:
        """An arrow from circle p to circle q (x, y, radius), standing for the graph's
        ``edges``: lit when one of them is."""
        (px, py, pr), (qx, qy, qr) = p, q
        d = max(((qx - px) ** 2 + (qy - py) ** 2) ** 0.5, 1.0)
        ux, uy = (qx - px) / d, (qy - py) / d
        on = " agx-on" if any(e in lit for e in edges) else ""
        self.edges.append(
            f'<line class="agx-net-edge{on}" data-edges="{" ".join(edges)}" '
            f'x1="{px + ux * pr:.1f}" y1="{py + uy * pr:.1f}" '
            f'x2="{qx - ux * (qr + 6):.1f}" y2="{qy - uy * (qr + 6):.1f}" '
            'marker-end="url(#agx-arrow)"/>'
        )


def _neuron(
    neuron: Mapping[str, Any], at: tuple[float, float, float], nodes: Mapping[str, Any], root: str
) -> str:
    """A neuron's circle: z above the rule, a below it, the bias above, ∂L/∂z below."""
    x, y, r = at
    z, a, bias = neuron["z"], neuron["a"], neuron["bias"]
    parts = [
        f'<g class="agx-net-neuron" data-id="{a}" data-z="{z}" data-x="{x}" data-y="{y}">',
        f'<circle cx="{x}" cy="{y}" r="{r:.1f}"/>',
    ]
    value = {n: f"{nodes[n]['name']} = {nodes[n]['data']}" for n in (z, a)}
    if a != z:
        parts.append(
            f'<line class="agx-rule" x1="{x - r + 8:.1f}" y1="{y}" x2="{x + r - 8:.1f}" y2="{y}"/>'
        )
        parts.append(_text(x, y - 13, value[z], BIG, "", z, "value"))
        parts.append(_text(x, y + 13, value[a], BIG, "", a, "value"))
    else:
        parts.append(_text(x, y, value[z], BIG, "", z, "value"))
    if bias is not None:
        parts.append(_text(x, y - r - 13, f"{nodes[bias]['name']} = {nodes[bias]['data']}",
                           SMALL, "agx-note", bias, "value"))  # fmt: skip
    parts.append(_text(x, y + r + 13, f"∂{root}/∂{nodes[z]['name']} = {nodes[z]['grad']}",
                       SMALL, "agx-grad", z, "grad"))  # fmt: skip
    parts.append("</g>")
    return "".join(parts)


def _small(i: str, name: str, at: tuple[float, float, float], nodes: Mapping[str, Any]) -> str:
    """A number's circle (an input, a target, one given in a hidden layer): its name above,
    its value below."""
    x, y, r = at
    return (
        f'<g class="agx-net-input" data-id="{i}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
        + _text(x, y - 8, name, SMALL, "agx-name")
        + _text(x, y + 9, nodes[i]["data"], BIG, "", i, "bare")
        + "</g>"
    )


def _text(
    x: float, y: float, content: str, size: float, cls: str = "", of: str = "", show: str = ""
) -> str:
    """A centred line of text; ``of`` a node id and ``show`` what of it (``value``: name =
    data, ``bare``: data, ``grad``: ∂root/∂name = grad, ``verdict``) for the script to
    rewrite as the numbers change."""
    data = f' data-of="{of}" data-show="{show}"' if of else ""
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="middle" '
        f'dominant-baseline="central"{klass}{data}>{html.escape(content)}</text>'
    )


def _width(content: str, size: float) -> float:
    """How wide ``content`` is at ``size`` px, in DejaVu Sans Bold (1 em for a character
    not in the table: too wide rather than too narrow)."""
    return sum(_WIDTHS.get(ch, 1.0) for ch in content) * size


def _clear_spot(
    p: tuple[float, float],
    q: tuple[float, float],
    w: float,
    h: float,
    placed: Sequence[Box],
    prefer: float,
) -> tuple[Box, bool]:
    """Where along the edge p → q a w × h label overlaps the ones placed least (none, if it
    can), nearest to ``prefer`` (0 at p, 1 at q): its box, and whether it is clear."""
    best: tuple[float, Box] | None = None
    # 65 spots in 5 stretches of 13: a stretch's spots lie between its two ends' (the spot
    # moves one way along the edge), so only the boxes near that stretch can overlap them.
    # Measuring each spot against every box placed cost a network of a hundred weights
    # half a minute (65 spots × a label each × the boxes placed × the gap widened 60 times).
    for first in range(0, 65, 13):
        ends = [_spot(p, q, w, h, 0.1 + 0.0125 * step) for step in (first, first + 12)]
        left, top = min(b[0] for b in ends) - 7, min(b[1] for b in ends) - 7
        right = max(b[0] for b in ends) + w + 7
        bottom = max(b[1] for b in ends) + h + 7
        near = [o for o in placed
                if o[0] < right and left < o[0] + o[2] and o[1] < bottom and top < o[1] + o[3]]
        for step in range(first, first + 13):
            t = 0.1 + 0.0125 * step
            box = _spot(p, q, w, h, t)
            apart = (box[0] - 6, box[1] - 6, w + 12, h + 12)  # a little apart, not touching
            overlap = sum(_overlap(apart, other) for other in near)
            cost = abs(t - prefer) * 10 + (100 + overlap if overlap else 0)
            if best is None or cost < best[0]:
                best = (cost, box)
    assert best is not None
    return best[1], best[0] < 100


def _spot(p: tuple[float, float], q: tuple[float, float], w: float, h: float, t: float) -> Box:
    """The w × h box centred at ``t`` along p → q (0 at p, 1 at q)."""
    return (p[0] + (q[0] - p[0]) * t - w / 2, p[1] + (q[1] - p[1]) * t - h / 2, w, h)


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _caption(shown: Mapping[str, Any], select: str, left: float, top: float) -> list[str]:
    """The selected node's chain rule, a line per path, under the picture."""
    chain = shown["chains"].get(select)
    if not chain or "text" not in chain:
        return []
    return [
        f'<text x="{left + 14:.0f}" y="{top + 8 + 22 * i:.0f}" font-size="{BIG + 1}" '
        f'class="agx-caption">{html.escape(line)}</text>'
        for i, line in enumerate(chain["text"].splitlines())
    ]
