"""The network view's picture: a textbook's drawing of a network, as SVG, from a scene.

Inputs top to bottom on the left, a column per layer, each neuron a circle with its z and a
(its bias above, ``∂L/∂z`` below), each weight on its own edge with its value and gradient,
the loss on the right with its targets below. The explorer shows this picture and brings it
to life (its script finds each part by its ``data-id`` and rewrites the numbers as you step or
train); the same text is the static picture where no script runs (a notebook on a code host,
a README). Labels are sized for the widest number :func:`autograd.numtext.number_text` writes,
so that stepping never makes one overflow its box.

>>> from autograd import Value
>>> from autograd.explore import scene
>>> x = Value(0.8, label="x"); w = Value(0.5, label="w1"); b = Value(0.1, label="b1")
>>> z = w * x + b; z.label = "z1"; a = z.tanh(); a.label = "a1"
>>> y = Value(1.0, label="y"); L = (y - a) ** 2; L.label = "L"
>>> svg = picture(scene(L, picture=False))
>>> svg.startswith("<svg"), "z1 = 0.5000" in svg, "w1 = 0.5000" in svg
(True, True, True)
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["FONT", "picture"]

COLUMN = 320  # between columns
ROW = 210  # between the neurons of a column
R = 56  # a neuron's radius: room for "✗ z2 = −0.3600"
INPUT = 30  # an input's radius, at least: it holds its number with a verdict's mark
BIG = 13  # the numbers, in px at the picture's own size
SMALL = 12  # names, gradients, notes: the smallest text of the picture
FONT = SMALL
_EM = 0.62  # DejaVu Sans: about 0.62 em a character (its digits are 0.64)
_BOLD = 1.12  # DejaVu Sans Bold is about this much wider
_NUMBER = 10  # the widest number text at 4 digits: −6.664e−10
_MARK = 2  # "✗ ": a verdict's mark and its space
LIT = "#0072b2"

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


def picture(shown: Mapping[str, Any], select: str = "") -> str:
    """The network view of a scene (``scene(...)["network"]`` must be set) as SVG text;
    ``select`` a node id: the edges on its paths to the loss are lit, its chain rule below."""
    net = shown["network"]
    nodes = shown["nodes"]
    root = nodes[shown["root"]]["name"]
    lit = set(shown["chains"][select]["edges"]) if select in shown["chains"] else set()
    out = _Drawing()
    columns = [[i["id"] for i in net["inputs"]]]
    columns += [[n["a"] for n in layer] for layer in net["layers"]]
    labels = {  # each weight's label: its width (for the widest numbers), 31 px high
        term["w"]: max(
            _width(f"✗ {nodes[term['w']]['name']} = " + "0" * _NUMBER, BIG),
            _width(f"✗ ∂{root}/∂{nodes[term['w']]['name']} = " + "0" * _NUMBER, SMALL),
        )
        + 10
        for layer in net["layers"]
        for neuron in layer
        for term in neuron["terms"]
    }
    reach = max(
        [INPUT] + [_width("✗ " + nodes[i["id"]]["data"], BIG) / 2 + 5 for i in net["inputs"]]
    )
    at, spots = _place(columns, net["layers"], labels, reach)
    loss_text = f"{root} = {nodes[net['loss']]['data']}"
    loss_w = max(110.0, _width(f"✗ {root} = " + "0" * _NUMBER, BIG) + 20)
    loss_x, loss_y = max(x for x, _, _ in at.values()) + R + 50 + loss_w / 2, 0.0

    for layer in net["layers"]:
        for neuron in layer:
            qx, qy, _ = at[neuron["a"]]
            for term in neuron["terms"]:
                edges = [term["w_edge"], term["x_edge"]]
                out.line(at[term["from"]], (qx, qy, R), edges, lit)
                weight = nodes[term["w"]]["name"]
                w = labels[term["w"]]
                x, y = spots[term["w"]]
                on = " agx-on" if any(e in lit for e in edges) else ""
                out.labels.append(
                    f'<g class="agx-net-weight{on}" data-id="{term["w"]}" '
                    f'data-edge="{term["w_edge"]}"><rect x="{x:.1f}" y="{y:.1f}" '
                    f'width="{w:.1f}" height="31" rx="4"/>'
                    + _text(x + w / 2, y + 9, f"{weight} = {nodes[term['w']]['data']}", BIG,
                            "agx-name", term["w"], "value")
                    + _text(x + w / 2, y + 23, f"∂{root}/∂{weight} = {nodes[term['w']]['grad']}",
                            SMALL, "agx-grad", term["w"], "grad")
                    + "</g>"
                )  # fmt: skip
            out.nodes.append(_neuron(neuron, (qx, qy), nodes, root))
    for item in net["inputs"]:
        x, y, r = at[item["id"]]
        out.nodes.append(
            f'<g class="agx-net-input" data-id="{item["id"]}"><circle cx="{x}" cy="{y}" r="{r}"/>'
            + _text(x, y - 8, item["name"], SMALL, "agx-name")
            + _text(x, y + 9, nodes[item["id"]]["data"], BIG, "", item["id"], "bare")
            + "</g>"
        )
    loss_inside = set(net["loss_inside"])
    for neuron in net["layers"][-1]:
        if neuron["a"] == net["loss"]:
            continue
        into = [
            k
            for k, e in shown["edges"].items()
            if e["from"] == neuron["a"] and e["to"] in loss_inside
        ]
        out.line(at[neuron["a"]], (loss_x, loss_y, loss_w / 2), into, lit)
    out.nodes.append(
        f'<g class="agx-net-loss" data-id="{net["loss"]}" data-x="{loss_x}" data-y="{loss_y}">'
        f'<rect x="{loss_x - loss_w / 2:.1f}" y="{loss_y - 24}" width="{loss_w:.1f}" height="48" '
        'rx="10"/>'
        + _text(loss_x, loss_y - 7, loss_text, BIG, "agx-name", net["loss"], "value")
        + _text(loss_x, loss_y + 11, "loss", SMALL, "agx-note", net["loss"], "verdict")
        + "</g>"
    )

    said = {t: f"{nodes[t]['name']} = {nodes[t]['data']}" for t in net["targets"]}
    # a target's circle holds its text in bold, with room for a verdict's mark
    r = max([26.0] + [_width("✗ " + text, SMALL) * _BOLD / 2 + 4 for text in said.values()])
    for i, target in enumerate(net["targets"]):
        x, y = loss_x + (i - (len(net["targets"]) - 1) / 2) * max(90, 2 * r + 14), loss_y + 110
        out.edges.append(
            f'<line class="agx-net-edge" x1="{x}" y1="{y - r}" x2="{loss_x + (x - loss_x) * 0.3}" '
            f'y2="{loss_y + 30}" marker-end="url(#agx-arrow)"/>'
        )
        out.nodes.append(
            f'<g class="agx-net-input" data-id="{target}"><circle cx="{x}" cy="{y}" r="{r}"/>'
            + _text(x, y, said[target], SMALL, "agx-name", target, "value")
            + "</g>"
        )  # fmt: skip
    ys = [y for _, y, _ in at.values()]
    left, top = -reach - 14, min(ys) - R - 40
    right = loss_x + max(loss_w / 2, 60) + 14
    bottom = max(*ys, loss_y + 110) + R + 30
    if net["examples"] > 1:  # a batch: one network, drawn with its first example
        top -= 26
        note = (f"a batch of {net['examples']}: the network for its first example; each "
                f"∂{root}/∂w sums over all {net['examples']}")  # fmt: skip
        out.nodes.append(
            f'<text x="{left + 14:.0f}" y="{top + 18:.0f}" font-size="{SMALL}" '
            f'class="agx-note">{html.escape(note)}</text>'
        )
        right = max(right, left + 28 + _width(note, SMALL))
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
    neuron: Mapping[str, Any], at: tuple[float, float], nodes: Mapping[str, Any], root: str
) -> str:
    """A neuron's circle: z above the rule, a below it, the bias above, ∂L/∂z below."""
    x, y = at
    z, a, bias = neuron["z"], neuron["a"], neuron["bias"]
    parts = [
        f'<g class="agx-net-neuron" data-id="{a}" data-z="{z}" data-x="{x}" data-y="{y}">',
        f'<circle cx="{x}" cy="{y}" r="{R}"/>',
    ]
    value = {n: f"{nodes[n]['name']} = {nodes[n]['data']}" for n in (z, a)}
    if a != z:
        parts.append(
            f'<line class="agx-rule" x1="{x - R + 8}" y1="{y}" x2="{x + R - 8}" y2="{y}"/>'
        )
        parts.append(_text(x, y - 13, value[z], BIG, "", z, "value"))
        parts.append(_text(x, y + 13, value[a], BIG, "", a, "value"))
    else:
        parts.append(_text(x, y, value[z], BIG, "", z, "value"))
    if bias is not None:
        parts.append(_text(x, y - R - 13, f"{nodes[bias]['name']} = {nodes[bias]['data']}",
                           SMALL, "agx-note", bias, "value"))  # fmt: skip
    parts.append(_text(x, y + R + 13, f"∂{root}/∂{nodes[z]['name']} = {nodes[z]['grad']}",
                       SMALL, "agx-grad", z, "grad"))  # fmt: skip
    parts.append("</g>")
    return "".join(parts)


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
    return len(content) * size * _EM


Box = tuple[float, float, float, float]  # left, top, width, height


def _place(
    columns: Sequence[Sequence[str]],
    layers: Sequence[Sequence[Mapping[str, Any]]],
    labels: Mapping[str, float],
    reach: float = INPUT,
) -> tuple[dict[str, tuple[float, float, float]], dict[str, tuple[float, float]]]:
    """Each node's centre and radius (``reach`` an input's), and each weight label's
    top-left corner (``labels``: weight id → width): every label on its own edge and over no
    other label or neuron. Where a gap between two columns has no room for its labels, it
    widens until it has."""
    gaps = [float(COLUMN)] * (len(columns) - 1)
    while True:
        at: dict[str, tuple[float, float, float]] = {}
        x = 0.0
        for c, ids in enumerate(columns):
            for i, node in enumerate(ids):
                at[node] = (x, (i - (len(ids) - 1) / 2) * ROW, reach if c == 0 else R)
            x += gaps[c] if c < len(gaps) else 0
        # the circles, with the text above and below them, first
        placed: list[Box] = [(x - r, y - r - 24, 2 * r, 2 * r + 48) for x, y, r in at.values()]
        spots: dict[str, tuple[float, float]] = {}
        crowded = [False] * len(gaps)
        for j, layer in enumerate(layers):
            for neuron in layer:
                qx, qy, _ = at[neuron["a"]]
                for term in neuron["terms"]:
                    px, py, _ = at[term["from"]]
                    source = next(c for c in columns if term["from"] in c)
                    # the upper sources' labels further left: crossing edges' labels apart
                    prefer = 0.38 + 0.3 * source.index(term["from"]) / max(len(source) - 1, 1)
                    box, clear = _clear_spot((px, py), (qx, qy), labels[term["w"]], 31, placed,
                                             prefer)  # fmt: skip
                    crowded[j] |= not clear
                    placed.append(box)
                    spots[term["w"]] = box[:2]
        if not any(crowded) or max(gaps) > 8 * COLUMN:
            return at, spots
        gaps = [g + COLUMN / 4 if crowd else g for g, crowd in zip(gaps, crowded)]


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
    for step in range(65):
        t = 0.1 + 0.0125 * step
        box = (p[0] + (q[0] - p[0]) * t - w / 2, p[1] + (q[1] - p[1]) * t - h / 2, w, h)
        overlap = sum(_overlap(box, other) for other in placed)
        cost = abs(t - prefer) * 10 + (100 + overlap if overlap else 0)
        if best is None or cost < best[0]:
            best = (cost, box)
    assert best is not None
    return best[1], best[0] < 100


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
