"""Neurons, layers and multi-layer perceptrons on ``Value``, with losses and the optimizers
of ``autograd.optim`` (SGD, Adam).

Parameters are named the way a hand calculation names them: weights ``w1, w2, …`` neuron
by neuron, biases ``b1, b2, …``, and each neuron ``k`` labels its pre-activation ``zk`` and
its activation ``ak``.

>>> from autograd.nn import MLP, half_mse, SGD
>>> net = MLP(2, [3, 1], activation="sigmoid", seed=0)
>>> loss = half_mse([net([0.0, 1.0])], [1.0])
>>> loss.backward(); SGD(net.parameters(), lr=0.1).step()
>>> [name for name, p in net.named_parameters()][-4:]
['b1', 'b2', 'b3', 'b4']
"""

from __future__ import annotations

import json
import math
import random
import reprlib
from collections.abc import Iterable, Mapping, Sequence, Sized
from functools import cached_property
from itertools import pairwise
from numbers import Integral
from pathlib import Path
from typing import Any

from .files import FileError, parse_json, read_text, shown
from .optim import SGD, Adam, AdamW
from .value import Value, checked_float, dot, logsumexp, picture_bundle
from .value import sum as value_sum

__all__ = [
    "ACTIVATIONS",
    "MAX_LOAD_PARAMETERS",
    "MAX_PARAMETERS",
    "MLP",
    "SGD",
    "Adam",
    "AdamW",
    "Layer",
    "Module",
    "Neuron",
    "half_mse",
    "hinge",
    "mse",
]

ACTIVATIONS = {
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "linear": None,
}
MAX_LOAD_PARAMETERS = 100_000  # MLP.load builds that many in about 0.3 s and 20 MB
MAX_PARAMETERS = 10_000_000  # MLP builds that many in about 30 s and 2 GB (190 bytes each)


def _is_size(n: Any) -> bool:
    """A layer size in a file: a whole number (not a bool) that fits the limit."""
    return type(n) is int and 1 <= n <= MAX_LOAD_PARAMETERS


def _activation(name: str) -> str:
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(f"activation: expected one of {', '.join(ACTIVATIONS)}, got {name!r}")
    return name


class Module:
    """What every part has: its parameters by name, and a way to reset their gradients."""

    def named_parameters(self) -> list[tuple[str, Value]]:
        """``(name, parameter)`` pairs, as PyTorch gives them: ``dict(...)`` makes a mapping."""
        return list(self._by_name().items())

    def _by_name(self) -> dict[str, Value]:
        raise NotImplementedError

    def parameters(self) -> list[Value]:
        return list(self._by_name().values())

    def zero_grad(self) -> None:
        for p in self._parameter_list:
            p.grad = 0.0

    @cached_property
    def _parameter_list(self) -> list[Value]:
        # A training loop resets gradients every step: the parameters are fixed objects
        # (loading a state changes their data, not them), so list them once.
        return self.parameters()

    def parameter(self, name: str) -> Value:
        """The parameter called ``name`` (``"w7"``, ``"b4"``)."""
        params = self._by_name()
        if name not in params:
            raise KeyError(f"no parameter {name!r}; this model has {_names(params)}")
        return params[name]

    def state_dict(self) -> dict[str, float]:
        """Every parameter's value by name, as plain numbers."""
        return {name: p.data for name, p in self.named_parameters()}

    def load_state_dict(self, values: Mapping[str, Any], strict: bool = True) -> None:
        """Set parameters by name; with ``strict`` every parameter must be given.

        >>> net = MLP(2, [1], seed=0)
        >>> net.load_state_dict({"w1": 1.0, "w2": -1.0, "b1": 0.5}); net([2.0, 1.0]).data
        1.5
        """
        params = self._by_name()
        unknown = [name for name in values if name not in params]
        if unknown:
            name = reprlib.repr(unknown[0])  # cut short: a key may be a whole file long
            raise KeyError(f"unknown parameter {name}; this model has {_names(params)}")
        missing = [name for name in params if name not in values]
        if strict and missing:
            raise KeyError(f"missing parameter {missing[0]!r}")
        checked = {name: checked_float(number, name) for name, number in values.items()}
        for name, number in checked.items():  # all or nothing: a bad value changes no parameter
            params[name].data = number


def _names(params: Mapping[str, Any]) -> str:
    names = list(params)
    return ", ".join(names) if len(names) <= 12 else f"{', '.join(names[:12])}, …"


class Neuron(Module):
    """``a = f(Σ wᵢ·xᵢ + b)``: one node for the weighted sum, one for the activation.

    >>> n = Neuron(2, activation="linear", seed=0)
    >>> n.load_state_dict({"w1": 2.0, "w2": 3.0, "b1": 1.0}); n([1.0, 1.0]).data
    6.0
    """

    def __init__(
        self,
        nin: int,
        activation: str = "relu",
        *,
        nonlin: bool | None = None,
        number: int = 1,
        first_weight: int = 1,
        seed: int | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if isinstance(nin, bool) or not isinstance(nin, int) or nin < 1:
            raise ValueError(f"Neuron: expected at least one input, got nin={nin!r}")
        rng = rng or random.Random(seed)
        if nonlin is not None:  # micrograd's spelling: relu, or linear
            activation = "relu" if nonlin else "linear"
        self.activation = _activation(activation)
        self.w = [Value(rng.uniform(-1.0, 1.0), f"w{first_weight + i}") for i in range(nin)]
        self.b = Value(0.0, f"b{number}")
        self.number = number
        self.labels = (f"z{number}", f"a{number}")  # what the forward pass calls z and a

    def __call__(self, x: Sequence[Any]) -> Value:
        if len(x) != len(self.w):
            raise ValueError(f"Neuron {self.number}: expected {len(self.w)} inputs, got {len(x)}")
        z = dot(self.w, x, self.b)
        z.label = self.labels[0]
        f = ACTIVATIONS[self.activation]
        if f is None:
            return z
        a = f(z)
        a.label = self.labels[1]
        return a

    @property
    def node_labels(self) -> tuple[str, ...]:
        """The labels its forward pass gives: z and a, or z alone for a linear neuron."""
        return self.labels if ACTIVATIONS[self.activation] else self.labels[:1]

    def _by_name(self) -> dict[str, Value]:
        return {**{w.label: w for w in self.w}, self.b.label: self.b}

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, activation={self.activation!r}, number={self.number})"


class _Neurons(Module):
    """A module made of neurons (a layer, a net).

    ``parameters()`` lists them in micrograd's order, neuron by neuron, each neuron's weights
    then its bias (w1, w2, b1, w3, w4, b2, …), so that code filling a model by position from a
    micrograd model builds the same network. ``named_parameters()`` and ``state_dict()`` list
    them by name as a hand calculation does (w1…w9, then b1…b4).
    """

    neurons: list[Neuron]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]

    def _by_name(self) -> dict[str, Value]:
        weights = {w.label: w for n in self.neurons for w in n.w}
        return {**weights, **{n.b.label: n.b for n in self.neurons}}


class Layer(_Neurons):
    """``nout`` neurons reading the same inputs."""

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: str = "relu",
        *,
        nonlin: bool | None = None,
        first_neuron: int = 1,
        first_weight: int = 1,
        seed: int | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if isinstance(nout, bool) or not isinstance(nout, int) or nout < 1:
            raise ValueError(f"Layer: expected at least one neuron, got nout={nout!r}")
        rng = rng or random.Random(seed)
        self.neurons = [
            Neuron(
                nin,
                activation,
                nonlin=nonlin,
                number=first_neuron + i,
                first_weight=first_weight + i * nin,
                rng=rng,
            )
            for i in range(nout)
        ]

    def __call__(self, x: Sequence[Any]) -> Value | list[Value]:
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def __repr__(self) -> str:
        return f"Layer of [{', '.join(map(repr, self.neurons))}]"


class MLP(_Neurons):
    """A multi-layer perceptron, its weights and biases numbered across the whole net.

    ``activation`` is one name for every layer, a list with one per layer, or ``None`` for
    micrograd's choice (relu, and a linear last layer). ``MLP(2, [3, 1],
    activation="sigmoid")`` is a 2-3-1 network of sigmoid units: weights w1…w9, biases b1…b4.

    >>> net = MLP(2, [3, 1], activation="sigmoid", seed=0)
    >>> list(net.state_dict())
    ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'b1', 'b2', 'b3', 'b4']
    """

    def __init__(
        self,
        nin: int,
        nouts: Sequence[int],
        activation: str | Sequence[str] | None = None,
        *,
        seed: int | None = None,
    ) -> None:
        nouts = list(nouts)
        if not nouts:
            raise ValueError("MLP: expected at least one layer size in nouts")
        named = [("nin", "input", nin)] + [
            (f"nouts[{i}]", "neuron", n) for i, n in enumerate(nouts)
        ]
        for name, unit, n in named:
            if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
                raise ValueError(
                    f"MLP: {name}: expected at least one {unit} (a whole number), got {n!r}"
                )
        nin, nouts = int(nin), [int(n) for n in nouts]  # NumPy's ints too
        count = sum(m * n + n for m, n in pairwise([nin, *nouts]))
        if count > MAX_PARAMETERS:  # before building: MLP(10**5, [10**5]) is 10¹⁰ Values
            raise ValueError(
                f"MLP: {count:,} parameters; this engine builds at most {MAX_PARAMETERS:,} "
                "(each a Value: about 2 GB and half a minute)"
            )
        if activation is None:
            activations = ["relu"] * (len(nouts) - 1) + ["linear"]
        elif isinstance(activation, str):
            activations = [activation] * len(nouts)
        else:
            activations = list(activation)
            if len(activations) != len(nouts):
                raise ValueError(f"MLP: {len(activations)} activations for {len(nouts)} layers")
        rng = random.Random(seed)
        self.nin, self.nouts, self.activations = nin, nouts, activations
        self.input_names = tuple(f"x{i + 1}" for i in range(nin))
        self.layers = []
        sizes = [nin, *nouts]
        neuron, weight = 1, 1
        for i, act in enumerate(activations):
            self.layers.append(
                Layer(
                    sizes[i],
                    sizes[i + 1],
                    act,
                    first_neuron=neuron,
                    first_weight=weight,
                    rng=rng,
                )
            )
            neuron += sizes[i + 1]
            weight += sizes[i] * sizes[i + 1]

    def __call__(self, x: Sequence[Any]) -> Value | list[Value]:
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        # Inputs become labelled leaves once, shared by every neuron of the first layer.
        h = [xi if type(xi) is Value else Value(xi, name) for xi, name in zip(x, self.input_names)]
        for layer in self.layers:
            h = [neuron(h) for neuron in layer.neurons]
        return h[0] if len(h) == 1 else h

    @property
    def neurons(self) -> list[Neuron]:
        return [n for layer in self.layers for n in layer.neurons]

    def groups(self) -> dict[str, dict[str, list[str]]]:
        """Layer → neuron → the labels of the nodes inside it, for pictures."""
        return {
            f"layer {i + 1}": {
                f"neuron {n.number}": [*(w.label for w in n.w), n.b.label, *n.node_labels]
                for n in layer.neurons
            }
            for i, layer in enumerate(self.layers)
        }

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a model as its graph on zero inputs, each neuron in a box."""
        out = self([0.0] * self.nin)
        root = out if isinstance(out, Value) else value_sum(out)
        return picture_bundle(root, repr(self), groups=self.groups(), grads=False)

    def save(self, path: str | Path) -> None:
        """Write the architecture and every parameter to a JSON file (never pickle)."""
        parameters = self.state_dict()
        for name, value in parameters.items():  # JSON has no NaN: load would refuse the file
            if not math.isfinite(value):
                raise ValueError(f"MLP.save: parameter {name} is {value!r}, which JSON cannot "
                                 "hold; the file would not load. Nothing was written")  # fmt: skip
        document = {
            "nin": self.nin,
            "nouts": self.nouts,
            "activations": self.activations,
            "parameters": parameters,
        }
        Path(path).write_text(json.dumps(document, indent=2, allow_nan=False) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> MLP:
        """The model saved at ``path``; a malformed file raises ``FileError`` (a ``ValueError``)
        naming the file and the field, before anything is built.

        Limits: a file of at most ``MAX_FILE_BYTES`` (10 MB), a model of at most
        ``MAX_LOAD_PARAMETERS`` (100,000) parameters.
        """
        source = str(path)
        document = parse_json(read_text(path), source)

        def field(name: str, ok: bool, expected: str) -> None:
            if not ok:
                got = shown(document[name]) if name in document else "nothing"
                raise FileError(f"{source}: field {name!r}: expected {expected}, got {got}")

        field_names = ("nin", "nouts", "activations", "parameters")
        if not isinstance(document, dict):
            raise FileError(f"{source}: expected a JSON object with {', '.join(field_names)}")
        for name in document:
            if name not in field_names:
                raise FileError(
                    f"{source}: unknown field {shown(name)}; a model file has "
                    f"{', '.join(field_names)}"
                )
        nin, nouts = document.get("nin"), document.get("nouts")
        field("nin", _is_size(nin), f"a whole number from 1 to {MAX_LOAD_PARAMETERS:,}")
        field(
            "nouts",
            isinstance(nouts, list) and 0 < len(nouts) and all(_is_size(n) for n in nouts),
            f"a list of whole numbers from 1 to {MAX_LOAD_PARAMETERS:,}",
        )
        count = sum(m * n + n for m, n in pairwise([nin, *nouts]))
        if count > MAX_LOAD_PARAMETERS:  # before building: 80 bytes may declare 10¹⁰ weights
            raise FileError(
                f"{source}: nin = {nin} and nouts = {shown(nouts)} make {count:,} parameters, "
                f"more than {MAX_LOAD_PARAMETERS:,}, the most MLP.load builds"
            )
        activations = document.get("activations")
        field(
            "activations",
            isinstance(activations, list)
            and len(activations) == len(nouts)
            and all(isinstance(a, str) and a in ACTIVATIONS for a in activations),
            f"a list of one name per layer, {len(nouts)} in all ({', '.join(ACTIVATIONS)})",
        )
        field("parameters", isinstance(document.get("parameters"), dict), "an object")
        for name, number in document["parameters"].items():  # quoted short, unlike Python's
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise FileError(
                    f"{source}: field 'parameters': {shown(name)}: expected a number, "
                    f"got {shown(number)}"
                )
        model = cls(nin, nouts, activations)
        try:
            model.load_state_dict(document["parameters"])
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            raise FileError(f"{source}: field 'parameters': {error.args[0]}") from None
        return model

    def __repr__(self) -> str:
        return f"MLP({self.nin}, {self.nouts}, activation={self.activations})"


def _pairs(predictions: Iterable[Any], targets: Iterable[Any], loss: str) -> list[tuple[Any, Any]]:
    for name, given in (("predictions", predictions), ("targets", targets)):
        if not isinstance(given, Iterable) or isinstance(given, (str, Value)):
            raise TypeError(f"{loss}: {name}: expected a list, got {shown(given)}")
    # a prediction that is a plain number is a constant Value, as in `hinge([0.5], [1.0])`
    predictions = [p if type(p) is Value else Value(p) for p in predictions]
    targets = list(targets)
    if len(predictions) != len(targets) or not predictions:
        raise ValueError(
            f"{loss}: {len(predictions)} predictions for {len(targets)} targets; "
            "they must be as many, and at least one"
        )
    return list(zip(predictions, targets))


def _mean(terms: list[Value]) -> Value:
    # One example: no Σ node and no "/ 1" node, so the loss graph is what was written.
    loss = terms[0] if len(terms) == 1 else value_sum(terms) / len(terms)
    loss.label = "L"
    return loss


def half_mse(predictions: Iterable[Any], targets: Iterable[Any]) -> Value:
    """``L = (1/n) Σ ½ (y − ŷ)²``: the homework's loss, whose ``∂L/∂ŷ = −(y − ŷ)/n``."""
    return _mean([0.5 * (y - p) ** 2 for p, y in _pairs(predictions, targets, "half_mse")])


def mse(predictions: Iterable[Any], targets: Iterable[Any]) -> Value:
    """``L = (1/n) Σ (y − ŷ)²``, PyTorch's ``MSELoss``."""
    return _mean([(y - p) ** 2 for p, y in _pairs(predictions, targets, "mse")])


def hinge(scores: Iterable[Any], labels: Iterable[Any]) -> Value:
    """``L = (1/n) Σ max(0, 1 − y·s)`` for labels ±1, micrograd's SVM loss."""
    return _mean([(1 - y * s).relu() for s, y in _pairs(scores, labels, "hinge")])


def cross_entropy(logits: Sequence[Any], target: int | Sequence[float]) -> Value:
    """``L = −Σᵢ yᵢ log softmax(z)ᵢ = log Σ e^z − Σᵢ yᵢ zᵢ``, PyTorch's ``CrossEntropyLoss``
    for one example: ``target`` is the class index or the target probabilities. A batch is a
    list of logit lists (or a 2-d NumPy array) with a list of targets, averaged. Computed from
    the logits through one log-sum-exp node, so ``∂L/∂zᵢ = softmax(z)ᵢ − yᵢ`` and large
    logits stay finite. That node holds a float as large as the largest logit, so the loss is
    within half of that float's last place (±1 at logits near 1e16, where a float's step is
    2: ``cross_entropy([1e16, 1e16 + 2], 0)`` is 2.0, log(1 + e²) = 2.127); the gradient is
    accurate at any size.

    >>> round(cross_entropy([Value(2.0), Value(1.0), Value(0.1)], 0).data, 4)
    0.417
    """
    if not isinstance(logits, Sized) or isinstance(logits, (str, Value)):
        raise TypeError(f"cross_entropy: logits: expected a list, got {shown(logits)}")
    # a batch: rows of logits, lists or the rows of a 2-d NumPy array (len: an array has no truth)
    if len(logits) and isinstance(logits[0], Sized) and not isinstance(logits[0], str):
        if not isinstance(target, Sized) or len(target) != len(logits):
            raise ValueError("cross_entropy: a batch of logits needs one target per example")
        return _mean([_cross_entropy(z, t) for z, t in zip(logits, target)])
    loss = _cross_entropy(logits, target)
    loss.label = "L"
    return loss


def _cross_entropy(logits: Sequence[Any], target: Any) -> Value:
    z = [v if type(v) is Value else Value(v) for v in logits]
    if isinstance(target, Integral) and not isinstance(target, bool):  # NumPy's ints too
        if not 0 <= target < len(z):
            raise ValueError(f"cross_entropy: class {target} of {len(z)} logits")
        return logsumexp(z) - z[int(target)]
    if not isinstance(target, Iterable) or isinstance(target, str):
        raise TypeError(
            "cross_entropy: target: expected a class index or a list of probabilities, "
            f"got {type(target).__name__} {shown(target)}"
        )
    ys = [checked_float(y, "cross_entropy: target") for y in target]
    if len(ys) != len(z):
        raise ValueError(f"cross_entropy: {len(ys)} target probabilities for {len(z)} logits")
    total, lse = math.fsum(ys), logsumexp(z)
    return (lse if total == 1.0 else lse * total) - dot(z, ys)


def binary_cross_entropy(predictions: Iterable[Any], targets: Iterable[Any]) -> Value:
    """``L = −(1/n) Σ [y log p + (1 − y) log(1 − p)]`` for probabilities ``p`` in (0, 1),
    PyTorch's ``BCELoss``: ``∂L/∂p = (p − y)/(p(1 − p))/n``, and ``(p − y)/n`` through a
    sigmoid.

    >>> round(binary_cross_entropy([0.9, 0.2], [1, 0]).data, 4)
    0.1643
    """
    pairs = _pairs(predictions, targets, "binary_cross_entropy")
    for k, (p, y) in enumerate(pairs):
        # torch refuses both; the loss of p = 1.5 was −log 1.5 < 0, silently. Compared as
        # Values, so that a traced loss guards the comparison rather than reading .data
        if not 0.0 <= p <= 1.0:
            raise ValueError(
                f"binary_cross_entropy: prediction {k} is {p!r}, not a probability in [0, 1] "
                "(put a score through sigmoid() first)"
            )
        plain = type(y) is not Value  # a plain 0 drops its term: 0·log 0 is 0 (_xlogy)
        t = checked_float(y, "binary_cross_entropy: target") if plain else y
        if not 0.0 <= t <= 1.0:
            raise ValueError(
                f"binary_cross_entropy: target {k} is {shown(y)}, not a probability in [0, 1]"
            )
        if not (p > 0.0 or (plain and t == 0.0)) or not (p < 1.0 or (plain and t == 1.0)):
            raise ValueError(
                f"binary_cross_entropy: prediction {k} is {p!r} for target {shown(y)}: "
                "the loss is infinite (the log of 0)"
            )
    return _mean([-_xlogy(y, p) - _xlogy(1 - y, 1 - p) for p, y in pairs])


def _xlogy(y: Any, p: Value) -> Value | float:
    """``y·log p``, and 0 where ``y`` is a plain 0 (scipy's ``xlogy``; PyTorch clamps the log
    at −100): a certain, right prediction (p = 0 for y = 0) costs 0, not log(0)'s error."""
    return 0.0 if type(y) is not Value and y == 0 else y * p.log()
