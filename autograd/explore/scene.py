"""What the explorer shows, computed in Python: the picture and everything a click can ask.

A *scene* is one JSON-ready dict: the SVG that ``autograd.draw`` makes, each edge's local
derivative (name, formula, value), each node's chain rule from ``autograd.explain`` with the
edges on its paths, and the backward pass step by step in the order the engine runs it. The
Jupyter widget and the standalone page both draw a scene with the same script, so the two
cannot disagree, and neither recomputes a derivative of its own.

Nothing here changes the graph it is given: the scene is computed on a copy, rebuilt from
the same rows of ``ops.py`` with the leaves' values (changed ones where asked), on which one
backward pass runs from zero.

>>> from autograd import Value
>>> x = Value(3.0, label="x"); y = x * x; y.label = "y"
>>> s = scene(y, picture=False)
>>> [e["text"] for e in s["edges"].values() if "text" in e]
['∂y/∂x = x = 3', '∂y/∂x = x = 3']
>>> s["chains"]["v0"]["total"], len(s["steps"])
('6', 1)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple

from .. import naming
from ..chain import local_derivatives
from ..drawing import draw
from ..explain import explain, partial
from ..graph import depends_on, find, topological_order
from ..naming import PATHS_SHOWN, derivative_text
from ..numtext import number_text
from ..ops import Op
from ..value import Value, apply
from . import layout
from .network import Network, network

__all__ = ["NODE_LIMIT", "Replay", "draw_network", "network_svg", "replay", "scene"]

NODE_LIMIT = 400
"""The largest graph a scene is made for: every node's chain rule is worked out in advance,
which costs a pass over the graph per node (about 1 s at this size)."""


def scene(
    root: Value,
    values: Mapping[Value | str, float] | None = None,
    *,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
    digits: int = 4,
    picture: bool = True,
) -> dict[str, Any]:
    """The scene of ``root``, with the leaves in ``values`` (a leaf or its label → number)
    set to other numbers. ``groups`` and ``digits`` are ``autograd.draw``'s; ``picture=False``
    leaves out the SVG (which needs Graphviz's ``dot``)."""
    order = topological_order(root)
    if len(order) > NODE_LIMIT:
        raise ValueError(
            f"explore: the graph has {len(order)} nodes, more than {NODE_LIMIT}; explore a "
            "smaller part of it (every node's chain rule is worked out in advance)"
        )
    copy, steps, error = replay(root, values)
    root = copy[root]
    order = [copy[n] for n in order]
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    constants = naming.constants(order)
    names = naming.names_of(order, digits, primed=not constants)
    edges = _edges(order, ids, names, digits)
    drawing = draw(root, groups=groups, digits=digits)
    found = network(root, order, groups)
    batch = found.example_of if found and found.examples > 1 else {}
    shown = {
        # the picture of the whole graph: Graphviz's SVG where `dot` ran, and always its DOT
        # text, which a page without `dot` renders in the browser (@viz-js/viz)
        "svg": _svg(drawing) if picture else "",
        "dot": drawing.source,
        "view": "network" if found else "graph",
        "view_note": "" if found else NOT_A_NETWORK,
        "network": _network(found, ids) if found else None,
        "root": ids[root],
        "nodes": {
            ids[n]: {
                "name": names[n],
                "data": number_text(n.data, digits),
                "grad": number_text(n.grad, digits),
                "leaf": n.op is None,
                "constant": n in constants,
                "op": n.op.symbol if n.op else "",
            }
            for n in order
        },
        "leaves": sorted(
            (
                {"id": ids[n], "name": names[n], "value": n.data}
                for n in order
                if n.op is None and n not in constants
            ),
            key=lambda leaf: _natural(leaf["name"]),
        ),
        "edges": edges,
        "chains": {ids[n]: _chain(root, n, order, edges, ids, names, digits, batch) for n in order},
        "steps": _steps(steps, ids, names, root, digits, constants),
        "error": error,
    }
    if found:
        draw_network(shown)
    return shown


NOT_A_NETWORK = (
    "Drawn as its computational graph: it is not a layered network (inputs, layers of "
    "weighted sums each followed by an activation, a loss)."
)


def draw_network(shown: dict[str, Any]) -> None:
    """The network view's picture of ``shown``, drawn from the scene itself; drawn again
    once a worksheet's checks or a training run's steps are added, so that its boxes are
    sized for every number they will hold."""
    shown["network_svg"] = layout.picture(shown)


def network_svg(
    root: Value,
    *,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
    select: Value | str | None = None,
    digits: int = 4,
) -> str:
    """The network view of the graph below ``root`` as SVG text (a still picture, for a
    README or a notebook on a code host), the paths to ``select`` (a node or its label) lit
    and its chain rule written below; a ValueError if the graph is no network
    (``autograd.explore.network`` says what one is)."""
    shown = scene(root, groups=groups, digits=digits, picture=False)
    if not shown["network"]:
        raise ValueError("the graph is not a network (inputs, layers of neurons, a loss)")
    if select is None:
        return shown["network_svg"]
    order = topological_order(root)
    return layout.picture(shown, f"v{order.index(find(order, select, 'graph: highlight'))}")


class Replay(NamedTuple):
    copy: dict[Value, Value]  # old node → new node
    steps: list[tuple[Value, Sequence[float]]]  # a node passing its gradient on, and ∂node/∂in
    error: str | None  # why backward stopped, if it did (a derivative undefined, an overflow)


def replay(root: Value, values: Mapping[Value | str, float] | None = None) -> Replay:
    """A copy of the graph below ``root``, the leaves in ``values`` set to those numbers, and
    its backward pass run: each node the engine passed a gradient on from, in the engine's own
    order, with its local derivatives.

    >>> from autograd import Value
    >>> x = Value(3.0, label="x"); y = (x * 2).tanh()
    >>> copy, steps, error = replay(y, {"x": 0.0})
    >>> copy[x].data, copy[y].data, x.data, copy[x].grad
    (0.0, 0.0, 3.0, 2.0)
    >>> [node.op.name for node, _ in steps]
    ['tanh', 'mul']
    """
    order = topological_order(root)
    given = {find(order, k, "explore: values"): float(v) for k, v in (values or {}).items()}
    for leaf in given:
        if leaf.op is not None:
            raise ValueError(f"explore: values: {leaf.label!r} is computed, not a leaf")
    steps: list[tuple[Value, Sequence[float]]] = []
    copy: dict[Value, Value] = {}
    for node in order:
        if node.op is None:
            new = Value(given.get(node, node.data), node.label)
        else:
            new = apply(node.op, *[copy[p] for p in node.parents])
            new.label = node.label
            new._op = _recording(node.op, new, steps)
        copy[node] = new
    error = None
    try:
        copy[root].backward()
    except (ArithmeticError, ValueError) as stopped:
        error = str(stopped)
    for old, new in copy.items():  # the copy computes with the table's own rows from here on
        new._op = old.op
    return Replay(copy, steps, error)


def _natural(name: str) -> list[Any]:
    """A sort key reading numbers as numbers: x2 before x10, w9 before w10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _recording(op: Op, node: Value, steps: list[tuple[Value, Sequence[float]]]) -> Op:
    """``op``, whose local derivatives note ``node`` when the engine asks for them: it asks
    once per node, at the moment that node passes its gradient on."""

    def noted(out: Any, *inputs: Any) -> Sequence[Any]:
        grads = op.local_grads(out, *inputs)
        if not asked:  # asked again only to name an error, after the pass has stopped
            asked.append(True)
            steps.append((node, grads))
        return grads

    asked: list[bool] = []

    return dataclasses.replace(op, local_grads=noted)


def _svg(picture: Any) -> str:
    """The picture as inline SVG: Graphviz's XML prologue and doctype dropped."""
    svg = picture.pipe(format="svg", encoding="utf-8")
    return svg[svg.index("<svg") :]


def _edges(
    order: Sequence[Value], ids: Mapping[Value, str], names: Mapping[Value, str], digits: int
) -> dict[str, dict[str, Any]]:
    """Every edge of the picture by its id: ``e{i}_{k}`` from the k-th input of node i into
    its operation, ``e{i}`` from the operation to node i (the ids ``autograd.draw`` gives)."""
    edges: dict[str, dict[str, Any]] = {}
    for i, node in enumerate(order):
        if node.op is None:
            continue
        formulas = node.op.formulas(names[node], [names[p] for p in node.parents])
        factors = local_derivatives(node)
        for k, (parent, formula, value) in enumerate(zip(node.parents, formulas, factors)):
            edges[f"e{i}_{k}"] = {
                "from": ids[parent],
                "to": ids[node],
                "name": partial(names[node], names[parent]),
                "formula": formula,
                "value": _text(value, digits),
                "text": derivative_text(names[node], names[parent], formula, value, digits),
            }
        edges[f"e{i}"] = {"from": ids[node], "to": ids[node], "operation": node.op.name}
    return edges


def _chain(
    root: Value,
    target: Value,
    order: Sequence[Value],
    edges: Mapping[str, Mapping[str, Any]],
    ids: Mapping[Value, str],
    names: Mapping[Value, str],
    digits: int,
    batch: Mapping[Value, int] | None = None,
) -> dict[str, Any]:
    """``explain(root, target)`` as data, and the edges on its paths: those ``draw`` turns red
    for ``highlight=target``, every edge out of a node computed from the target. In a batch
    (``batch``: a neuron's node → its example), each path says the example it goes through:
    the copies of a neuron have the same names."""
    below = {ids[n] for n in depends_on(order, target)}
    on_path = [  # an input's edge into a node below the target; an operation's out of it
        e
        for e, edge in edges.items()
        if edge["from"] in below and ("operation" not in edge or edge["to"] != ids[target])
    ]
    chain: dict[str, Any] = {"name": partial(names[root], names[target]), "edges": on_path}
    try:
        explanation = explain(root, target, max_paths=PATHS_SHOWN, names=names)
    except (ArithmeticError, ValueError) as error:  # a local derivative is undefined
        chain["error"] = str(error)
        return chain
    paths = []
    for path in explanation.paths:
        factors = [
            {
                "top": names[f.top],
                "bottom": names[f.bottom],
                "value": number_text(f.value, digits),
                "formula": f.formula,
            }
            for f in path.factors
        ]
        through = {(batch or {}).get(n) for f in path.factors for n in (f.top, f.bottom)} - {None}
        example = through.pop() + 1 if len(through) == 1 else None
        paths.append(
            {"factors": factors, "product": number_text(path.product, digits), "example": example}
        )
    text = explanation.text(digits)
    for i, path in enumerate(paths):  # "path 2 (example 2): ∂L/∂w1 = ∂L/∂z3 · …"
        if path["example"] is not None:
            text = text.replace(
                f"  path {i + 1}: ", f"  path {i + 1} (example {path['example']}): ", 1
            )
    chain.update(
        top=names[root],
        bottom=names[target],
        paths=paths,
        count=explanation.path_count,
        total=number_text(explanation.total, digits),
        text=text,
    )
    return chain


def _steps(
    steps: Sequence[tuple[Value, Sequence[float]]],
    ids: Mapping[Value, str],
    names: Mapping[Value, str],
    root: Value,
    digits: int,
    constants: Collection[Value] = (),
) -> list[dict[str, Any]]:
    """Each step of the backward pass: a node passes its gradient g on, each input receiving
    ``∂node/∂input · g`` and summing it with what it already has, in the engine's order and
    with the engine's float arithmetic, so that the last sums are the final gradients. A
    constant (the ½ of ½(y − a)²) receives its gradient too, but is not shown receiving it:
    nothing asks for it."""
    grads: dict[Value, float] = {root: 1.0}
    found = []
    for node, local in steps:
        g = node.grad  # complete: the engine passes a gradient on once all of it has arrived
        i = ids[node][1:]
        passes = []
        for k, (parent, d) in enumerate(zip(node.parents, local)):
            grads[parent] = grads.get(parent, 0.0) + d * g
            if parent in constants:
                continue
            passes.append(
                {
                    "edge": f"e{i}_{k}",
                    "to": ids[parent],
                    "factor": _text(d, digits),
                    "adds": _text(d * g, digits),
                    "grad": _text(grads[parent], digits),
                }
            )
        found.append(
            {
                "node": ids[node],
                "name": names[node],
                "grad": number_text(g, digits),
                "passes": passes,
            }
        )
    return found


def _text(x: float | None, digits: int) -> str:
    """A number as the picture writes it; a derivative that does not exist (None, NaN) as
    ``undefined``, as ``autograd.draw`` writes it."""
    return "undefined" if x is None or x != x else number_text(x, digits)


def _network(found: Network, ids: Mapping[Value, str]) -> dict[str, Any]:
    """The network as the page draws it: node ids, and the ids of the graph's edges each
    network edge stands for (the weight's into its product, the input's), to light them."""
    position = {n: i for i, n in enumerate(ids)}

    def edge(into: Value, k: int) -> str:
        return f"e{position[into]}_{k}"

    unnamed = [n for n in found.inputs if n.label is None]
    if unnamed:  # an MLP called on plain numbers: its inputs in the order the neurons read them
        first = found.layers[0][0].terms
        found.inputs.sort(key=lambda n: next(
            (i for i, t in enumerate(first) if t.source is n), len(first)))  # fmt: skip
    inputs = [{"id": ids[n], "name": n.label or f"x{i + 1}"} for i, n in enumerate(found.inputs)]
    given = [{"id": ids[n], "name": n.label or "", "layer": j} for n, j in found.given.items()]
    # each column top to bottom: the inputs; a layer's neurons and the numbers given in it
    columns = [[i["id"] for i in inputs]] + [
        [
            i
            for _, i in sorted(
                [(n.a.label or "", ids[n.a]) for n in layer]
                + [(g["name"], g["id"]) for g in given if g["layer"] == j],
                key=lambda named: _natural(named[0]),
            )
        ]
        for j, layer in enumerate(found.layers, start=1)
    ]
    return {
        "inputs": inputs,
        "given": given,
        "columns": columns,
        "layers": [
            [
                {
                    "z": ids[neuron.z],
                    "a": ids[neuron.a],
                    "name": neuron.name,
                    "bias": ids[neuron.bias] if neuron.bias is not None else None,
                    "bias_edge": edge(*neuron.bias_into) if neuron.bias_into else None,
                    "terms": [
                        {
                            "w": ids[t.weight],
                            "from": ids[t.source],
                            "w_edge": edge(t.into, t.k_weight),
                            "x_edge": edge(t.into, t.k_source),
                        }
                        for t in neuron.terms
                    ],
                    "inside": [ids[n] for n in neuron.inside],
                }
                for neuron in layer
            ]
            for layer in found.layers
        ],
        "loss": ids[found.loss],
        "targets": [ids[n] for n in found.targets],
        "loss_inside": [ids[n] for n in found.loss_nodes],
        "examples": found.examples,
    }
