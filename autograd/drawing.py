"""Pictures of the chain rule: a computation graph drawn with Graphviz.

A box per value (name, data, grad), a small node per operation, and one edge per use of a
value (``a*a`` has two), labelled with the local derivative ``∂out/∂in``: the factors the
chain rule multiplies along every path from the root down to a node. The label stands on its
edge, which runs through it, just before the operation it enters.

>>> from autograd import Value
>>> import autograd
>>> a = Value(3.0, label="a")
>>> b = a * a; b.label = "b"
>>> picture = autograd.draw(b)
>>> picture.source.count("∂b/∂a = a = 3")
2
"""

from __future__ import annotations

import contextlib
import errno
import html
import itertools
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from . import naming
from .chain import local_derivatives
from .explain import explain, partial, sweeps
from .forward import sweep
from .graph import depends_on, find, path_sum, topological_order
from .naming import PATHS_SHOWN, bare, derivative_text
from .numtext import number_text
from .ops import STOP_GRADIENT, Op
from .value import Value

try:
    import graphviz
except ImportError as missing:
    raise ImportError(
        "autograd.draw needs the graphviz Python package: "
        "pip install 'chainrule-autograd[draw]' (or pip install graphviz)"
    ) from missing

__all__ = [
    "NODE_LIMIT",
    "DotCannotRun",
    "DotNotFound",
    "GraphTooLarge",
    "Picture",
    "draw",
    "mimebundle",
]

NODE_LIMIT = 2000
"""Pictures with more nodes refuse to render: dot's layout time grows faster than the graph."""

HIGHLIGHT = "#d62728"
DIRECTIONS = ("LR", "TB", "RL", "BT")


DOT_MISSING = (
    "cannot render the picture: Graphviz's 'dot' program is not on PATH. Install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; others: "
    "https://graphviz.org/download/)."
)


class DotNotFound(graphviz.ExecutableNotFound):
    """Graphviz's ``dot`` program is missing; the DOT text is still in ``picture.source``."""

    _msg = DOT_MISSING + " The DOT text is in picture.source."


class DotCannotRun(DotNotFound):
    """This Python cannot start programs (Pyodide, in a browser), so ``dot`` cannot run; the
    DOT text is still in ``picture.source``, for Graphviz compiled to WebAssembly to lay out."""

    _msg = (
        "cannot render the picture: this Python cannot start programs such as Graphviz's "
        "'dot' (in a browser, Pyodide). The DOT text is in picture.source."
    )


class GraphTooLarge(ValueError):
    """A picture has more nodes than its ``node_limit``, past which dot takes minutes."""


class Picture(graphviz.Digraph):
    """A ``graphviz.Digraph`` that will not hand an oversized graph to ``dot`` and says how to
    install Graphviz when ``dot`` is missing. ``node_limit`` may be raised on the instance."""

    node_count = 0
    node_limit = NODE_LIMIT

    def pipe(self, *args: Any, **kwargs: Any) -> Any:
        self._check_size()
        with _dot_found():
            return super().pipe(*args, **kwargs)

    def render(self, *args: Any, **kwargs: Any) -> Any:
        self._check_size()
        with _dot_found():
            return super().render(*args, **kwargs)

    def _check_size(self) -> None:
        if self.node_count > self.node_limit:
            raise GraphTooLarge(
                f"draw: the picture has {self.node_count} nodes, more than node_limit="
                f"{self.node_limit}; dot could take minutes to lay it out. Draw a smaller "
                "graph, or raise the limit: draw(..., node_limit=N) or picture.node_limit = N. "
                "The DOT text is in picture.source."
            )


@contextlib.contextmanager
def _dot_found() -> Iterator[None]:
    try:
        yield
    except DotNotFound:
        raise
    except graphviz.ExecutableNotFound:
        raise DotNotFound(["dot"]) from None
    except OSError as error:  # Pyodide's subprocess: "emscripten does not support processes"
        if error.errno not in (errno.ENOTSUP, errno.ENOSYS):
            raise
        raise DotCannotRun(["dot"]) from None


def draw(
    root: Value,
    *,
    rankdir: str = "LR",
    grads: bool = True,
    derivatives: bool = True,
    digits: int = 4,
    highlight: Value | str | None = None,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
    collapse: Collection[str] = (),
    node_limit: int = NODE_LIMIT,
    forward: Value | str | None = None,
) -> Picture:
    """The graph below ``root`` as a ``graphviz.Digraph``; the same graph gives the same DOT.

    ``rankdir``: ``"LR"`` (inputs left, root right), ``"TB"``, ``"RL"`` or ``"BT"``.
    ``grads`` / ``derivatives``: show each value's grad / each edge's local derivative.
    ``digits``: significant digits of every number. ``highlight``: a node (or its label); every
    edge on a path from ``root`` to it turns red, and the caption sums the products of the
    local derivatives along those paths. ``groups``: layer → neuron → labels of the nodes
    inside it (``MLP.groups()``), drawn as nested boxes; ``collapse``: neuron names to draw
    as a single box. ``node_limit``: the most nodes ``render``/``pipe`` hand to ``dot``.
    ``forward``: a node (or its label) x; each box also shows ``∂node/∂x``, forward mode's
    sweep from x (left to right) beside the grads of the reverse one, and the caption
    spells that sweep out.

    >>> from autograd import Value
    >>> import autograd
    >>> x = Value(2.0, label="x"); y = (x * 3).tanh(); y.label = "y"
    >>> picture = autograd.draw(y, highlight="x")
    >>> "∂(x × 3)/∂x = 3" in picture.source
    True
    """
    _check_options(root, rankdir, digits, node_limit)
    order = topological_order(root)
    constants = naming.constants(order)
    names = naming.names_of(order, digits, primed=not constants)
    member, layers = _members(order, groups or {})
    collapsed = _collapsed(layers, collapse)
    target = None if highlight is None else find(order, highlight, "draw: highlight")
    # The nodes computed from the target are exactly those on a path from the root to it;
    # explain's own definition, so that the red edges and the caption always agree.
    on_path = set() if target is None else depends_on(order, target)
    start = None if forward is None else find(order, forward, "draw: forward")
    tangents = _forward_sweep(root, start, order)

    picture = Picture(
        name="autograd",
        graph_attr={"rankdir": rankdir, "fontname": "DejaVu Sans", "nodesep": "0.25"},
        node_attr={"fontname": "DejaVu Sans", "fontsize": "11"},
        edge_attr={"fontname": "DejaVu Sans", "fontsize": "10", "color": "#555555"},
    )
    picture.node_limit = node_limit
    statements: dict[tuple[int, int] | None, list[tuple[str, dict[str, str]]]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    box: dict[Value, str] = {}
    marks: dict[tuple[int, int] | None, list[tuple[str, dict[str, str]]]] = {}
    # the leaves first, in reading order (x1, x2, …, w1, w2, …): Graphviz keeps the order
    # nodes are declared in where crossings allow, so the inputs come out top to bottom
    declared = sorted(enumerate(order), key=lambda pair: _reading_order(*pair))
    for i, node in declared:
        group = member.get(node)
        if group in collapsed:
            box[node] = f"n{group[0]}_{group[1]}"
            continue
        box[node] = f"v{i}"
        # a neuron's box holds what it computes; its weights and bias stand before the layer,
        # beside the edges from the layer's inputs, which then cross no box but their own
        if node.op is None and group is not None:
            group = (group[0], -1 - group[1])  # emitted before the layer, in neuron order
        here = statements.setdefault(group, [])
        title = names[node] if node.label is not None else bare(names[node])
        # a constant is a small number, unless it is what the picture is about
        plain = node in constants and node is not root and node is not target
        attrs = _value_attrs(node, title, digits, grads, plain, node is target)
        if start is not None and not plain:
            _add_cell(attrs, _tangent_text(names[node], names[start], tangents, node, digits))
        here.append((f"v{i}", attrs))
        if node.op is not None:
            here.append((f"o{i}", _op_attrs(node.op)))
            red = node in on_path and node is not target
            edges.append((f"o{i}", f"v{i}", _edge_attrs(f"e{i}", red)))
    for group in collapsed:
        output = [node for node in order if member.get(node) == group][-1]
        attrs = _neuron_attrs(layers[group][1], output, names, digits, grads, on_path)
        if start is not None:
            _add_cell(attrs, _tangent_text(names[output], names[start], tangents, output, digits))
        statements.setdefault(group, []).append((box[output], attrs))

    for i, node in enumerate(order):
        if node.op is None:
            continue
        inside = member.get(node) in collapsed  # then its edges end on the neuron's box
        head = box[node] if inside else f"o{i}"
        factors = local_derivatives(node)
        names_in = [names[p] for p in node.parents]
        formulas = node.op.formulas(names[node], names_in)
        for k, (parent, formula, value) in enumerate(zip(node.parents, formulas, factors)):
            if box[parent] == head:  # both inside one collapsed neuron
                continue
            label = ""
            if derivatives and not inside and parent not in constants:
                label = derivative_text(names[node], names[parent], formula, value, digits)
            # a node computed from the target is itself on the path
            red = parent in on_path
            attrs = _edge_attrs(f"e{i}_{k}", red)
            if node.op is STOP_GRADIENT:  # the value passes, the gradient does not
                attrs["style"] = "dashed"
            tail = box[parent]
            if label:  # the label a node on its own edge: the edge runs through it
                mark = f"d{i}_{k}"
                # in the box of the neuron it enters, so that its edge crosses no other box;
                # outside any, declared last, after the leaves, whose order it would disturb
                marks.setdefault(member.get(node), []).append(
                    (mark, _label_attrs(f"e{i}_{k}-label", label, red))
                )
                first = {**attrs, "id": f"e{i}_{k}-in", "arrowhead": "none"}
                if parent.op is None and parent not in member and node in member:
                    first["minlen"] = "2"  # an input of the network: a column of its own
                edges.append((tail, mark, first))
                attrs["weight"] = "4"  # the label just before the operation it enters
                tail = mark
            edges.append((tail, head, attrs))

    _emit(picture, statements, layers, collapsed, marks)
    for column in _leaf_columns(order, member, groups or {}, collapsed):
        # one column each, top to bottom in reading order: invisible edges within a rank
        # are the one order Graphviz keeps
        with picture.subgraph() as same:
            same.attr(rank="same")
            for upper, lower in itertools.pairwise(column):
                same.edge(box[upper], box[lower], style="invis")
    for tail, head, attrs in edges:
        picture.edge(tail, head, **attrs)
    picture.node_count = sum(len(nodes) for nodes in statements.values())
    caption = ""
    if target is not None:
        count = _red_paths(order, on_path, root, target)
        caption = _caption(root, target, digits, count, names, order)
    if start is not None:
        caption += _forward_caption(root, start, digits, names)
    if caption:  # last, so that no cluster inherits the caption
        picture.attr(label=caption, labelloc="b", labeljust="l", fontsize="16")
    return picture


def mimebundle(root: Value, text: str | None = None, **options: Any) -> dict[str, str]:
    """What Jupyter shows: the picture of ``root`` as SVG (``options`` go to ``draw``), and
    ``text`` (by default ``repr(root)``) for front ends that cannot show pictures."""
    text = repr(root) if text is None else text
    if len(topological_order(root)) > NODE_LIMIT:  # skip building DOT that will not render
        return {"text/plain": f"{text}\n(no picture: more than {NODE_LIMIT} nodes)"}
    try:
        svg = draw(root, **options).pipe(format="svg", encoding="utf-8")
    except (DotNotFound, GraphTooLarge) as reason:
        return {"text/plain": f"{text}\n(no picture: {reason})"}
    return {"image/svg+xml": svg, "text/plain": text}


# ---- what the graph says --------------------------------------------------------------------


def _check_options(root: Any, rankdir: str, digits: int, node_limit: int) -> None:
    if type(root) is not Value:
        raise TypeError(f"draw: expected a Value to draw, got {type(root).__name__} {root!r}")
    if rankdir not in DIRECTIONS:
        raise ValueError(f"draw: rankdir must be one of {', '.join(DIRECTIONS)}, got {rankdir!r}")
    if type(digits) is not int or not 1 <= digits <= 17:
        raise ValueError(f"draw: digits must be an int from 1 to 17, got {digits!r}")
    if type(node_limit) is not int or node_limit < 1:
        raise ValueError(f"draw: node_limit must be a positive int, got {node_limit!r}")


def _caption(
    root: Value,
    target: Value,
    digits: int,
    count: int,
    names: Mapping[Value, str],
    order: Sequence[Value],
) -> str:
    """``∂root/∂target`` as the sum over the red paths of the product along each one, written
    through the labelled nodes as a hand calculation writes it (``autograd.explain``)."""
    try:
        explanation = explain(root, target, max_paths=PATHS_SHOWN, names=names, order=order)
    except (ArithmeticError, ValueError) as error:  # a local derivative is undefined
        lines = [f"{partial(names[root], names[target])} = undefined: {error}"]
    else:
        ends = f"from {names[root]} to {names[target]}"
        if explanation.path_count != count:  # x · x, or unlabelled nodes folded into one
            ends += f", {explanation.path_count} through labelled nodes"
        how = (
            f"one red path {ends}; multiply its local derivatives"
            if count == 1
            else f"{count} red paths {ends}; multiply along each, then add"
        )
        lines = [f"{explanation.name}: {how}", *explanation.text(digits).splitlines()]
    return "".join(graphviz.escape(line) + "\\l" for line in lines)


def _forward_sweep(
    root: Value, start: Value | None, order: Sequence[Value]
) -> dict[Value, float] | None:
    """Every node's ``∂node/∂start``, by one forward sweep; None where it is undefined."""
    if start is None:
        return {}
    try:
        return sweep([root], [start], [1.0], order=order)
    except (ArithmeticError, ValueError):  # drawn as undefined, not raised
        return None


def _tangent_text(
    name: str, start: str, tangents: dict[Value, float] | None, node: Value, digits: int
) -> str:
    shown = "undefined" if tangents is None else number_text(tangents.get(node, 0.0), digits)
    return f"{partial(name, start)} {shown}"


def _add_cell(attrs: dict[str, str], text: str) -> None:
    """One more line at the bottom of a value's box (``_value_attrs``' table) or of a
    collapsed neuron's (``_neuron_attrs``' lines)."""
    label = attrs["label"]
    if label.endswith("</table>>"):
        attrs["label"] = (
            label[: -len("</table>>")] + f"<tr><td>{html.escape(text)}</td></tr></table>>"
        )
    else:
        attrs["label"] = label[:-1] + f"<br/>{html.escape(text)}>"


def _forward_caption(root: Value, start: Value, digits: int, names: Mapping[Value, str]) -> str:
    """The forward sweep from ``start``, through the labelled nodes, as ``explain`` has it."""
    try:
        steps = sweeps(root, start, names=names).forward
    except (ArithmeticError, ValueError) as error:  # a local derivative is undefined
        lines = [f"forward mode from {names[start]}: undefined: {error}"]
    else:
        lines = [
            f"forward mode from {names[start]}: each ∂·/∂{names[start]} from those to its left",
            *(step.text(digits) for step in steps[1:]),
        ]
    return "".join(graphviz.escape(line) + "\\l" for line in lines)


def _red_paths(order: Sequence[Value], on_path: set[Value], root: Value, target: Value) -> int:
    """How many paths of edges run from ``root`` down to ``target``, without listing them."""
    return path_sum(order, root, target, lambda n: [(p, 1) for p in n.parents if p in on_path])


def _members(
    order: Sequence[Value], groups: Mapping[str, Mapping[str, Collection[str]]]
) -> tuple[dict[Value, tuple[int, int]], dict[tuple[int, int], tuple[str, str]]]:
    """Which (layer, neuron) each labelled node belongs to, and the names of each group."""
    _check_groups(groups)
    by_label: dict[str, list[Value]] = {}
    for node in order:
        if isinstance(node.label, str):  # y.label = ["a"], set after: drawn as text, no group
            by_label.setdefault(node.label, []).append(node)
    member: dict[Value, tuple[int, int]] = {}
    layers: dict[tuple[int, int], tuple[str, str]] = {}
    for j, (layer, neurons) in enumerate(groups.items()):
        for k, (neuron, labels) in enumerate(neurons.items()):
            layers[j, k] = (layer, neuron)
            if not labels:
                raise ValueError(f"draw: groups: {layer!r} / {neuron!r} names no nodes")
            for label in labels:
                if label not in by_label:
                    raise ValueError(
                        f"draw: groups: {layer!r} / {neuron!r} names {label!r}, "
                        "which labels no node of this graph"
                    )
                for node in by_label[label]:
                    member[node] = (j, k)
    return member, layers


def _check_groups(groups: Any) -> None:
    """``groups`` is layer → neuron → labels, as ``MLP.groups()`` gives, or a TypeError."""
    shape = "layer → neuron → list of labels, as MLP.groups() gives"
    if not isinstance(groups, Mapping):
        raise TypeError(f"draw: groups must map {shape}; got {type(groups).__name__} {groups!r}")
    for layer, neurons in groups.items():
        if not isinstance(neurons, Mapping):
            raise TypeError(
                f"draw: groups: {layer!r} must map neuron names to lists of labels; "
                f"got {type(neurons).__name__} {neurons!r}"
            )
        for neuron, labels in neurons.items():
            # a string is a collection too, of letters: 'w1' would name 'w' and '1'
            if isinstance(labels, str) or not isinstance(labels, Collection):
                raise TypeError(
                    f"draw: groups: {layer!r} / {neuron!r} must be a list of labels; "
                    f"got {type(labels).__name__} {labels!r}"
                )
            for label in labels:
                if not isinstance(label, str):
                    raise TypeError(
                        f"draw: groups: {layer!r} / {neuron!r}: a label is a string; "
                        f"got {type(label).__name__} {label!r}"
                    )


def _collapsed(
    layers: dict[tuple[int, int], tuple[str, str]], collapse: Collection[str]
) -> list[tuple[int, int]]:
    if isinstance(collapse, str):
        collapse = [collapse]
    if not isinstance(collapse, Collection) or not all(isinstance(n, str) for n in collapse):
        raise TypeError(f"draw: collapse must be a list of neuron names; got {collapse!r}")
    known = {neuron for _, neuron in layers.values()}
    for neuron in collapse:
        if neuron not in known:
            raise ValueError(f"draw: collapse names {neuron!r}, which is no neuron of groups")
    return [group for group, (_, neuron) in layers.items() if neuron in collapse]


# ---- how it looks ---------------------------------------------------------------------------


def _value_attrs(
    node: Value, name: str, digits: int, grads: bool, plain: bool, target: bool
) -> dict[str, str]:
    if plain:
        return {"label": name, "shape": "plaintext", "fontsize": "10", "fontcolor": "#555555"}
    cells = [f"<b>{html.escape(name)}</b>", f"data {number_text(node.data, digits)}"]
    if grads:
        cells.append(f"grad {number_text(node.grad, digits)}")
    fill = ' bgcolor="#fde0dd"' if target else ""
    color = HIGHLIGHT if target else "#333333"
    rows = "".join(f"<tr><td>{cell}</td></tr>" for cell in cells)
    table = (
        f'<table border="0" cellborder="1" cellspacing="0" cellpadding="3" color="{color}"'
        f"{fill}>{rows}</table>"
    )
    return {"label": f"<{table}>", "shape": "plain"}


def _op_attrs(op: Op) -> dict[str, str]:
    shape = "circle" if len(op.symbol) <= 2 else "ellipse"
    return {
        "label": op.symbol,
        "shape": shape,
        "style": "filled",
        "fillcolor": "#eeeeee",
        "color": "#888888",
        "margin": "0.02",
        "width": "0.3",
        "height": "0.3",
    }


def _neuron_attrs(
    neuron: str,
    output: Value,
    names: dict[Value, str],
    digits: int,
    grads: bool,
    on_path: set[Value],
) -> dict[str, str]:
    """One box for a collapsed neuron: its name and its output's data and grad."""
    lines = [
        f"<b>{html.escape(neuron)}</b>",
        f"{html.escape(names[output])} = {number_text(output.data, digits)}",
    ]
    if grads:
        lines.append(f"grad {number_text(output.grad, digits)}")
    color = HIGHLIGHT if output in on_path else "#333333"
    return {"label": f"<{'<br/>'.join(lines)}>", "shape": "box", "style": "rounded", "color": color}


def _edge_attrs(edge_id: str, highlighted: bool) -> dict[str, str]:
    """An edge's look; ``edge_id`` (``e{i}`` out of node i's operation, ``e{i}_{k}`` from its
    k-th input) is its SVG element's id, by which the explorer's script finds it."""
    attrs = {"id": edge_id}
    if highlighted:
        attrs.update(color=HIGHLIGHT, penwidth="2.2")
    return attrs


LABEL_STYLE = {
    "shape": "plaintext",
    "fontsize": "10",
    "margin": "0.03,0.01",  # the edge meets the text's ends, not a margin around them
    "height": "0",
    "width": "0",
}
"""Every edge label's look, stated once for the labels declared after it (its quoting is
most of the time that writing the DOT text takes)."""


def _label_attrs(label_id: str, label: str, highlighted: bool) -> dict[str, str]:
    """An edge's label: a node of its own (``LABEL_STYLE``) that the edge runs through, so
    that it stands on its edge and no other (Graphviz's edge labels drift beside their
    neighbours'); the explorer finds it by ``label_id``, ``e{i}_{k}-label``."""
    attrs = {"id": label_id, "label": graphviz.escape(label)}
    if highlighted:
        attrs["fontcolor"] = HIGHLIGHT
    return attrs


def _leaf_columns(
    order: Sequence[Value],
    member: Mapping[Value, tuple[int, int]],
    groups: Mapping[str, Mapping[str, Collection[str]]],
    collapsed: Collection[tuple[int, int]],
) -> list[list[Value]]:
    """The leaves that stand in one column, in the order a textbook lists them: the inputs
    of the network (x1, x2, …), and each layer's parameters, neuron by neuron in the order
    ``groups`` names them (w1, w2, b1, w3, …)."""
    users = {p for node in order if node in member for p in node.parents}
    inputs = [n for n in order if n.op is None and n not in member and n in users]
    columns = [sorted(inputs, key=lambda n: _reading_order(0, n))]
    place = {
        label: (j, k, i)
        for j, neurons in enumerate(groups.values())
        for k, labels in enumerate(neurons.values())
        for i, label in enumerate(labels)
    }
    for j in range(len(groups)):
        layer = [
            n
            for n in order
            if n.op is None and member.get(n, (None, None))[0] == j and member[n] not in collapsed
        ]
        columns.append(sorted(layer, key=lambda n: place[n.label]))
    return [column for column in columns if len(column) > 1]


def _reading_order(i: int, node: Value) -> tuple[Any, ...]:
    """Leaves before the rest, the leaves by name with numbers read as numbers; the rest in
    the graph's order."""
    if node.op is not None or node.label is None:
        return (1, i)
    return (0, [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(node.label))])


def _emit(
    picture: Picture,
    statements: dict[tuple[int, int] | None, list[tuple[str, dict[str, str]]]],
    layers: dict[tuple[int, int], tuple[str, str]],
    collapsed: list[tuple[int, int]],
    marks: Mapping[tuple[int, int] | None, list[tuple[str, dict[str, str]]]],
) -> None:
    """Node statements, each group's inside its layer's and neuron's cluster; the edges'
    labels last in each (``marks``), after the leaves, whose order they would disturb."""

    def labels(graph: Any, group: tuple[int, int] | None) -> None:
        if marks.get(group):
            graph.attr("node", **LABEL_STYLE)
            for node_id, attrs in marks[group]:
                graph.node(node_id, **attrs)

    for node_id, attrs in statements.get(None, []):
        picture.node(node_id, **attrs)
    for j in sorted({j for j, _ in layers}):
        for k in sorted(k for jj, k in layers if jj == j):
            for node_id, attrs in statements.get((j, -1 - k), []):
                picture.node(node_id, **attrs)
        with picture.subgraph(name=f"cluster_{j}") as layer:
            neurons = [(k, names) for (jj, k), names in layers.items() if jj == j]
            title = graphviz.escape(neurons[0][1][0])
            layer.attr(label=title, style="dashed", color="#999999", fontsize="12")
            for k, (_, neuron) in neurons:
                if (j, k) in collapsed:
                    for node_id, attrs in statements.get((j, k), []):
                        layer.node(node_id, **attrs)
                    continue
                with layer.subgraph(name=f"cluster_{j}_{k}") as cell:
                    title = graphviz.escape(neuron)
                    cell.attr(label=title, style="rounded", color="#bbbbbb", fontsize="11")
                    for node_id, attrs in statements.get((j, k), []):
                        cell.node(node_id, **attrs)
                    labels(cell, (j, k))
    labels(picture, None)
