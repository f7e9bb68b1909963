"""The network a graph computes, if it is one: inputs, layers of neurons, a loss.

A *neuron* is ``a = f(z)`` (``f`` sigmoid, tanh or relu, or a formula of ``z`` and numbers
alone that a worksheet writes out and names, ``out_h1 = 1/(1 + e^(−net_h1))``; or ``z`` alone
for a linear one) where ``z`` is ``Σ wᵢ·xᵢ + b``: one ``dot`` node (``autograd.nn``), or the
sum of products a worksheet writes (``z1 = w1 x + b1``; a bias may be written ``b1·1``), each
``wᵢ`` a leaf and each ``xᵢ`` an input (a leaf) or another neuron's output. A neuron's layer is
its depth from the inputs; a number a later layer reads that the page gives rather than works
out (``out_h2 = 0.5969``) is drawn in the column before that layer. A graph is a *network*
when every operation before the last neurons belongs to a neuron, every leaf is an input, a
weight, a bias or a constant, and no weight serves two neurons of one example. What follows
the last neurons is the loss, with the leaves it reads (the targets). A batch repeats the
network, one copy per example, the same weights in each: it is drawn once, for its first
example, under the batch's loss.

This is recognised from the graph alone, so a model from ``autograd.nn`` and a student's
worksheet are drawn alike; ``groups`` (``MLP.groups()``) only names the neurons.

>>> from autograd import Value
>>> x = Value(0.8, label="x"); w = Value(0.5, label="w1"); b = Value(0.1, label="b1")
>>> z = w * x + b; z.label = "z1"; a = z.tanh(); a.label = "a1"
>>> y = Value(1.0, label="y"); L = (y - a) ** 2; L.label = "L"
>>> found = network(L)
>>> [[n.a.label for n in layer] for layer in found.layers], [i.label for i in found.inputs]
([['a1']], ['x'])
>>> [(t.weight.label, t.source.label) for t in found.layers[0][0].terms], found.targets[0].label
([('w1', 'x')], 'y')
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..graph import topological_order
from ..value import Value

__all__ = ["ACTIVATIONS", "Network", "Neuron", "Term", "network"]

ACTIVATIONS = frozenset({"sigmoid", "tanh", "relu"})
_SUMS = frozenset({"add", "sum"})
_WEIGHT_NAME = re.compile(r"^(w|W|θ|theta)")


@dataclass
class Term:
    """``weight · source`` inside a neuron's ``z``: ``into`` is the node that reads both (the
    ``dot`` node, or the product), ``k_weight`` / ``k_source`` their places among its inputs."""

    weight: Value
    source: Value
    into: Value
    k_weight: int
    k_source: int


@dataclass
class Neuron:
    z: Value
    a: Value  # the output: f(z), or z itself for a linear neuron
    terms: list[Term]
    bias: Value | None
    bias_into: tuple[Value, int] | None
    inside: list[Value]  # z, the sums and products inside it, and a: the neuron's own nodes
    layer: int = 0
    name: str = ""


@dataclass
class Network:
    inputs: list[Value]
    layers: list[list[Neuron]]
    loss: Value
    targets: list[Value]
    loss_nodes: list[Value] = field(default_factory=list)  # from the outputs to the loss
    examples: int = 1  # a batch: the network is drawn for its first example
    given: dict[Value, int] = field(default_factory=dict)  # a number given in a hidden layer
    # (out_h2 = 0.5969, not worked out): the layer whose column it is drawn in
    example_of: dict[Value, int] = field(default_factory=dict)  # a batch: each neuron's
    # nodes, every example's, by the example they compute (0, 1, …)

    @property
    def neurons(self) -> list[Neuron]:
        return [n for layer in self.layers for n in layer]


def network(
    root: Value,
    order: Sequence[Value] | None = None,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
) -> Network | None:
    """The network below ``root``, or None when the graph is not one."""
    order = list(order) if order is not None else topological_order(root)
    consumers: dict[Value, list[Value]] = {}
    for node in order:
        for parent in node.parents:
            consumers.setdefault(parent, []).append(node)
    neurons: dict[Value, Neuron] = {}  # by output
    for node in order:
        found = _neuron(node, consumers, neurons)
        if found is not None:
            neurons.pop(found.z, None)  # z, taken for a linear neuron before f(z) was seen
            neurons[found.a] = found
    place = {n: i for i, n in enumerate(order)}
    for neuron in neurons.values():
        neuron.inside.sort(key=place.__getitem__)
    if not neurons:
        return None
    if any(t.source.op is not None and t.source not in neurons
           for neuron in neurons.values() for t in neuron.terms):  # fmt: skip
        return None
    mine = {n for neuron in neurons.values() for n in neuron.inside}
    examples = _examples(neurons, root)
    if examples is None:
        return None  # one weight in two neurons of one example: shared, no network
    shown = {n for n, e in examples.items() if e == 0}  # a batch: its first example
    weights = {t.weight for n in shown for t in neurons[n].terms}
    # the loss side: what reads the last neurons' outputs; nothing of it feeds a neuron
    after = [n for n in order if n.op is not None and n not in mine]
    feeding = {p for neuron in neurons.values() for n in neuron.inside for p in n.parents}
    if any(n in feeding for n in after):
        return None
    all_sources = {t.source for neuron in neurons.values() for t in neuron.terms}
    parameters = set(weights) | {neurons[n].bias for n in shown if neurons[n].bias is not None}
    if any(n in parameters for n in all_sources):
        return None
    # the loss's own nodes: those of the first example, and what sums the examples up
    reach = _examples_below(order, examples)
    after = [n for n in after if len(reach[n]) != 1 or reach[n] == {0}]
    readers = {p for n in after for p in n.parents}
    targets = [
        n
        for n in order
        if n.op is None
        and n not in parameters
        and n not in all_sources
        and n.label is not None
        and (n in readers or len(set(examples.values())) == 1)
    ]
    if root not in mine and root not in after:
        return None
    example_of = {n: examples[a] for a, neuron in neurons.items() for n in neuron.inside}
    neurons = {a: neuron for a, neuron in neurons.items() if a in shown}
    for neuron in neurons.values():  # layer 1 reads only inputs; each next one, the one before
        neuron.layer = 1 + max(
            (neurons[t.source].layer for t in neuron.terms if t.source in neurons), default=0
        )
    # a number read by a neuron is drawn in the column before the first layer reading it:
    # an input, or (out_h2 given, not computed) beside the neurons of a hidden layer
    column: dict[Value, int] = {}
    for neuron in neurons.values():
        for t in neuron.terms:
            if t.source.op is None:
                column[t.source] = min(column.get(t.source, neuron.layer), neuron.layer - 1)
    inputs = [n for n in column if column[n] == 0]
    count = max(n.layer for n in neurons.values())
    layers = [
        sorted((n for n in neurons.values() if n.layer == j), key=lambda n: _natural(n.a.label))
        for j in range(1, count + 1)
    ]
    _name(layers, groups)
    return Network(
        inputs=sorted(inputs, key=lambda n: _natural(n.label)),
        given={n: c for n, c in sorted(column.items(), key=lambda nc: _natural(nc[0].label)) if c},
        layers=layers,
        loss=root,
        targets=sorted(targets, key=lambda n: _natural(n.label)),
        loss_nodes=after,
        examples=len(set(examples.values())),
        example_of=example_of,
    )


def _examples(neurons: Mapping[Value, Neuron], root: Value) -> dict[Value, int] | None:
    """Each neuron's example (0, 1, …): a batch repeats one network, the same weights in each
    copy, each copy reading its own inputs. The first layer's neurons are told apart by the
    inputs they read, the later ones by the neurons they read. None where a weight serves
    two neurons of one example (a shared weight: no textbook network)."""
    example: dict[Value, int] = {}
    seen: dict[frozenset[Value], int] = {}
    for a, neuron in neurons.items():  # in the graph's order: the neurons read come first
        read = {example[t.source] for t in neuron.terms if t.source in neurons}
        if len(read) > 1:
            return None  # a neuron reading two examples
        if read:
            example[a] = read.pop()
        else:
            leaves = frozenset(t.source for t in neuron.terms)
            example[a] = seen.setdefault(leaves, len(seen))
    # each example one copy of each neuron: its weights in no other neuron of it
    used: set[tuple[int, Value]] = set()
    for a, neuron in neurons.items():
        for term in neuron.terms:
            if (example[a], term.weight) in used:
                return None
            used.add((example[a], term.weight))
    # numbered as the graph is read, left to right from the root: sum(loss(x) for x in data)
    # reads its first example first (the graph's order walks the other way)
    written: dict[Value, int] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node not in written:
            written[node] = len(written)
            stack.extend(reversed(node.parents))
    earliest: dict[int, int] = {}
    for a, e in example.items():
        earliest[e] = min(earliest.get(e, written[a]), written[a])
    place = {e: i for i, e in enumerate(sorted(earliest, key=earliest.__getitem__))}
    example = {a: place[e] for a, e in example.items()}
    count = len(place)
    per_weight: dict[Value, int] = {}
    for _, weight in used:
        per_weight[weight] = per_weight.get(weight, 0) + 1
    if any(n != count for n in per_weight.values()):
        return None  # a weight missing from an example: not copies of one network
    return example


def _examples_below(order: Sequence[Value], examples: Mapping[Value, int]) -> dict[Value, set[int]]:
    """For each node, the examples whose neurons it is computed from."""
    below: dict[Value, set[int]] = {}
    for node in order:
        found = {examples[node]} if node in examples else set()
        for parent in node.parents:
            found |= below.get(parent, set())
        below[node] = found
    return below


def _neuron(
    node: Value, consumers: Mapping[Value, list[Value]], neurons: Mapping[Value, Neuron]
) -> Neuron | None:
    """The neuron whose output is ``node``, if it is one."""
    if node.op is None:
        return None
    activation = _activation(node, consumers)
    if activation is not None:
        z, applied = activation
        parsed = _weighted_sum(z)
        inside = [*parsed[2], *applied] if parsed else []
    else:  # a linear neuron: z alone, named, read by no activation
        if node.label is None or any(
            c.op is not None and c.op.name in ACTIVATIONS for c in consumers.get(node, [])
        ):
            return None
        z = node
        parsed = _weighted_sum(z)
        inside = parsed[2] if parsed else []
    if parsed is None:
        return None
    terms, bias, _ = parsed
    if not terms or any(t.source.op is not None and t.source not in neurons for t in terms):
        return None
    # the sums and products inside are the neuron's alone
    if any(len(consumers.get(n, [])) != 1 for n in parsed[2] if n is not z):
        return None
    return Neuron(z=z, a=node, terms=terms, bias=bias[0] if bias else None,
                  bias_into=bias[1] if bias else None, inside=inside)  # fmt: skip


def _activation(
    a: Value, consumers: Mapping[Value, list[Value]]
) -> tuple[Value, list[Value]] | None:
    """``a`` as ``f(z)``: its ``z`` and the nodes that apply ``f`` (in the graph's order, ``a``
    last). ``f`` is one of ACTIVATIONS, or a formula of ``z`` and numbers alone that a
    worksheet writes out and names (``out_h1 = 1/(1 + e^(−net_h1))``); None otherwise."""
    if a.op.name in ACTIVATIONS:
        z = a.parents[0]
        ok = z.op is not None and len(consumers.get(z, [])) == 1
        return (z, [a]) if ok else None
    if a.label is None:
        return None
    # what computes a from z: the unnamed nodes read only by it (a parent is looked at again
    # each time one of its readers joins, so it joins once all its readers have)
    applied, stack = {a}, [a]
    while stack:
        for parent in stack.pop().parents:
            if parent.op is None:
                if parent.label is not None:
                    return None  # a named leaf read: not a function of z alone
            elif parent.label is None and parent not in applied and all(
                c in applied for c in consumers.get(parent, [])
            ):  # fmt: skip
                applied.add(parent)
                stack.append(parent)
    found = {p for n in applied for p in n.parents if p.op is not None and p not in applied}
    if len(found) != 1 or len(applied) < 2:
        return None
    z = found.pop()
    if any(c not in applied for c in consumers.get(z, [])):
        return None
    return z, list(applied)


def _weighted_sum(
    z: Value,
) -> tuple[list[Term], list[Any], list[Value]] | None:
    """``z`` as ``Σ wᵢ·xᵢ + b``: its terms, its bias (the leaf and where it enters), and the
    nodes inside (z last); None when ``z`` is not of that form."""
    if z.op is not None and z.op.name == "dot":
        k = (len(z.parents) - 1) // 2
        ws, xs, b = z.parents[:k], z.parents[k : 2 * k], z.parents[-1]
        if any(w.op is not None for w in ws) or b.op is not None:
            return None
        terms = [Term(w, x, z, i, k + i) for i, (w, x) in enumerate(zip(ws, xs))]
        return terms, [b, (z, 2 * k)], [z]
    terms: list[Term] = []
    bias: list[Any] = []
    inside: list[Value] = []
    stack = [z]
    while stack:
        node = stack.pop()
        inside.append(node)
        if node.op is not None and node.op.name == "mul":
            term = _product(node)
            if term is None:
                return None
            terms.append(term)
            continue
        if node.op is None or node.op.name not in _SUMS:
            return None
        for k, parent in enumerate(node.parents):
            if parent.op is None:
                if bias:
                    return None  # two leaves added: not one bias
                bias = [parent, (node, k)]
            elif parent.label is None:
                stack.append(parent)
            else:
                return None  # a named quantity added in: not a weighted sum
    ones = [t for t in terms if t.source.op is None and t.source.label is None
            and t.source.data == 1.0]  # fmt: skip
    if not bias and len(ones) == 1:  # b·1: a bias written as a weight on a constant 1
        terms.remove(ones[0])
        bias = [ones[0].weight, (ones[0].into, ones[0].k_weight)]
    if not terms:
        return None
    terms.sort(key=lambda t: _natural(t.weight.label))
    return terms, bias, inside[::-1]


def _product(node: Value) -> Term | None:
    """``w · x`` with ``w`` a leaf: the one named like a weight, else the first leaf."""
    if len(node.parents) != 2:
        return None
    p, q = node.parents
    leaves = [k for k, n in enumerate((p, q)) if n.op is None and n.label is not None]
    if not leaves:
        return None
    named = [k for k in leaves if _WEIGHT_NAME.match(node.parents[k].label or "")]
    k = (named or leaves)[0]
    return Term(node.parents[k], node.parents[1 - k], node, k, 1 - k)


def _name(layers: list[list[Neuron]], groups: Mapping[str, Mapping[str, Collection[str]]] | None):
    """Each neuron's name: its group's (``neuron 3``) where ``groups`` names its output."""
    named = {}
    for neurons in (groups or {}).values():
        for neuron, labels in neurons.items():
            for label in labels:
                named[label] = neuron
    for layer in layers:
        for neuron in layer:
            neuron.name = named.get(neuron.a.label or "", "")


def _natural(name: str | None) -> list[Any]:
    """A sort key reading numbers as numbers: x2 before x10, w9 before w10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name or "")]
