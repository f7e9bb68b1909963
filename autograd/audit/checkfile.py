"""The check-file shortcut: a TOML or JSON file naming an MLP, its givens and the numbers
written, read into the worksheet model (one checker, two front ends).

A check file (TOML or JSON) states a network, its given values and what was written; see
``autograd/homework/hw1.toml`` for the format. ``to_worksheet`` writes the network as the
formulas a worksheet would (``z1 = w1·x1 + w2·x2 + b1``, ``a1 = σ(z1)``, ``L = ½(y − a)²``)
and each written number as a line ``quantity = number``.

>>> from autograd.homework import load
>>> part = to_worksheet(load()["a"])
>>> [c.source for c in part.front][-3:]
['z = w7 · a1 + w8 · a2 + w9 · a3 + b4', 'a = σ(z)', 'L = ½·(y − a)^2']
>>> part.chains[0].source
'page 1: z1 = (1 × 0) + (1 × 1) + 1 = 2'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

from .. import files
from ..graph import depends_on, topological_order
from ..nn import ACTIVATIONS, MLP
from ..value import Value
from . import worksheet
from .read_chain import parse_chain
from .recompute import Model

__all__ = [
    "CheckFileError",
    "CheckFilePart",
    "layer_groups",
    "load_file",
    "loss_graph",
    "to_worksheet",
]

LOSSES = ("half_mse", "mse")  # nn's losses of those names, as to_worksheet writes them
MAX_PARAMETERS = 10_000
MAX_BYTES = 1_000_000  # a check file, like a worksheet
MAX_EXPONENT = 308  # a written number's digits lie between the places 1e308 and 1e-308
_DERIVATIVE = re.compile(r"[d∂](\w+)/[d∂](\w+)")
_UPDATED = re.compile(r"(\w+)'")


class CheckFileError(worksheet.InputError):
    """A check file that cannot be read; the message names the file and the field."""


@dataclass(frozen=True)
class Written:
    quantity: str
    text: str  # as written, to keep its precision
    step: str
    where: str
    exact: bool = False  # stated as exact (``w5' = w5``): any difference is an error

    @property
    def value(self) -> float:
        return float(Decimal(self.text))


@dataclass
class CheckFilePart:
    """One worked example: the network, the given values, and what was written."""

    name: str
    title: str
    inputs: int
    layers: list[int]
    activation: str
    loss: str
    output: tuple[str, str] | None
    given: dict[str, float]  # parameters, x1…, y and learning_rate
    written: list[Written] = field(default_factory=list)
    # other ways to read the given values, each with its reason
    readings: list[tuple[dict[str, float], str]] = field(default_factory=list)

    def parameter_names(self) -> list[str]:
        return [n for n in self.given if n not in {"y", "learning_rate"} and not _is_input(n)]


def _is_input(name: str) -> bool:
    return re.fullmatch(r"x\d+", name) is not None


def loss_graph(
    part: CheckFilePart, overrides: Mapping[str, float] | None = None
) -> tuple[Value, dict[str, dict[str, list[str]]]]:
    """The loss of ``part`` (with given values changed) as the worksheet model computes it,
    differentiated, and the network's layer boxes: what a picture of it shows.

    >>> from autograd.homework import load
    >>> loss, groups = loss_graph(load()["a"])
    >>> loss.label, round(loss.data, 6), list(groups["layer 2"])
    ('L', 0.000326, ['neuron 4'])
    """
    loss = Model(to_worksheet(part), dict(overrides or {})).node("L")
    loss.backward()
    return loss, layer_groups(part)


def layer_groups(part: CheckFilePart) -> dict[str, dict[str, list[str]]]:
    """Layer → neuron → the names inside it, for the boxes of a picture of ``part``."""
    return _shape(part).groups()


def _shape(part: CheckFilePart) -> MLP:
    """The network's shape, for its names (``w7``, ``z1``, ``a``): nothing is computed on it."""
    shape = MLP(part.inputs, part.layers, part.activation)
    if part.output is not None:
        shape.neurons[-1].labels = part.output
    return shape


_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu"}


def to_worksheet(part: CheckFilePart) -> worksheet.Part:
    """The part as a worksheet: the network's formulas and the givens as its front matter,
    each written number as a chain ``quantity = number`` (its ``where`` as the source)."""
    model = _shape(part)
    W = worksheet  # the model's trees are built directly: a wide layer is no long line to parse
    front = [
        W.Chain(0, f"{name} = {value!r}", (W.Name(name), W.Num(repr(value))))
        for name, value in part.given.items()
    ]
    inputs = list(model.input_names)
    for layer in model.layers:
        outputs = []
        for neuron in layer.neurons:
            z, a = neuron.labels
            terms = [W.Call("mul", (W.Name(w.label), W.Name(x))) for w, x in zip(neuron.w, inputs)]
            formula = W.Call("add", (*terms, W.Name(neuron.b.label)))
            front.append(W.Chain(0, f"{z} = {W.show(formula)}", (W.Name(z), formula)))
            if neuron.activation in _SYMBOLS:  # linear: a is z
                formula = W.Call(_SYMBOLS[neuron.activation], (W.Name(z),))
                front.append(W.Chain(0, f"{a} = {W.show(formula)}", (W.Name(a), formula)))
            else:
                front.append(W.Chain(0, f"{a} = {z}", (W.Name(a), W.Name(z))))
            outputs.append(a)
        inputs = outputs
    (prediction,) = inputs
    text = f"L = {'½·' if part.loss == 'half_mse' else ''}(y − {prediction})^2"
    front.append(W.Chain(0, text, parse_chain(text)))
    written = [f"{w.quantity} = {w.text}" for w in part.written]
    chains = [
        worksheet.Chain(i + 1, w.where or text, parse_chain(text))
        for i, (w, text) in enumerate(zip(part.written, written))
    ]
    readings = [({n: Decimal(repr(v)) for n, v in values.items()}, why)
                for values, why in part.readings]  # fmt: skip
    return worksheet.Part(
        part.title, rate="learning_rate", loss="L", readings=readings, front=front, chains=chains
    )


# ---- reading check files ----------------------------------------------------------------


def load_file(path: str | Path) -> dict[str, CheckFilePart]:
    """The parts of a check file (``.toml`` or ``.json``), by name."""
    path = Path(path)
    try:
        text = files.read_text(path, MAX_BYTES)
        if path.suffix.lower() == ".json":
            return parse(files.parse_json(text, str(path)), str(path))
    except files.FileError as error:
        raise CheckFileError(str(error)) from None
    except OSError as error:
        raise CheckFileError(f"{path}: cannot read it ({error.strerror or error})") from None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CheckFileError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:  # tomllib reads nested arrays by recursion
        raise CheckFileError(f"{path}: TOML nested too deeply") from None
    except ValueError as error:  # int() refuses an integer of more than 4,300 digits
        raise CheckFileError(f"{path}: not valid TOML ({error})") from None
    return parse(document, str(path))


def parse(document: Any, source: str = "check file") -> dict[str, CheckFilePart]:
    """Check-file contents (as loaded from TOML or JSON) as parts; errors name the field."""
    field_ = _Fields(source)
    field_.get(document, "title", str, "")
    network = field_.get(document, "network", dict)
    field_.only(document, "", ("title", "network", "parts"))
    field_.only(network, "network", ("inputs", "layers", "activation", "loss", "output"))
    inputs = field_.get(network, "network.inputs", int)
    layers = field_.get(network, "network.layers", list)
    field_.check(inputs >= 1, "network.inputs", "a whole number ≥ 1")
    field_.check(
        layers and all(type(n) is int and n > 0 for n in layers),
        "network.layers",
        "a list of positive integers",
    )
    sizes = [inputs, *layers]
    count = sum(m * n + n for m, n in pairwise(sizes))
    if count > MAX_PARAMETERS:  # before building anything: a typo must not take minutes
        raise CheckFileError(
            f"{source}: the network has {count} parameters; a hand calculation to check "
            f"has at most {MAX_PARAMETERS}"
        )
    activation = field_.get(network, "network.activation", object, "sigmoid")
    field_.check(
        isinstance(activation, (str, list)) and all(isinstance(a, str) for a in activation),
        "network.activation",
        f"a name or a list of names, one per layer ({', '.join(ACTIVATIONS)})",
    )
    loss = field_.get(network, "network.loss", object, "half_mse")
    field_.check(
        isinstance(loss, str) and loss in LOSSES, "network.loss", f"one of {', '.join(LOSSES)}"
    )
    try:
        shape = MLP(inputs, layers, activation)
    except ValueError as error:
        raise CheckFileError(f"{source}: field 'network.activation': {error}") from None
    names = list(shape.state_dict())
    output = field_.get(network, "network.output", list, None)
    if output is not None:  # names no other quantity has, or a written one is judged wrongly
        others = {*names, *shape.input_names, "y", "learning_rate", "L"}
        others.update(label for n in shape.neurons[:-1] for label in n.labels)
        field_.check(
            layers[-1] == 1
            and len(output) == 2
            and all(isinstance(n, str) and re.fullmatch(r"\w+", n) for n in output)
            and output[0] != output[1]
            and not others.intersection(output),
            "network.output",
            "two different names for the z and a of a single output neuron, e.g. "
            f'["z", "a"], that no parameter, input or other value has; got {output!r}',
        )
    tables = field_.get(document, "parts", dict)
    field_.check(tables, "parts", "a table of at least one part, e.g. [parts.mine]")
    parts = {}
    for name, raw in tables.items():
        where = f"parts.{name}"
        field_.check(isinstance(raw, dict), where, "a table")
        keys = ("title", "x", "y", "learning_rate", "parameters", "written", "readings")
        field_.only(raw, where, keys)
        x = field_.get(raw, f"{where}.x", list)
        field_.check(len(x) == inputs, f"{where}.x", f"a list of {inputs} numbers")
        given = {f"x{i + 1}": field_.number(v, f"{where}.x[{i}]") for i, v in enumerate(x)}
        given["y"] = field_.number(field_.get(raw, f"{where}.y", object), f"{where}.y")
        given["learning_rate"] = field_.number(
            field_.get(raw, f"{where}.learning_rate", object), f"{where}.learning_rate"
        )
        params = field_.get(raw, f"{where}.parameters", dict)
        for p in names:
            if p not in params:
                raise CheckFileError(f"{source}: field '{where}.parameters' is missing {p}")
        for p in params:
            if p not in names:
                raise CheckFileError(
                    f"{source}: field '{where}.parameters' has {p}, which this network lacks"
                )
            given[p] = field_.number(params[p], f"{where}.parameters.{p}")
        title = field_.get(raw, f"{where}.title", str, name)
        out = tuple(output) if output else None
        part = CheckFilePart(name, title, inputs, layers, activation, loss, out, given)
        computed = field_.worked(part, {}, where)  # the loss node, its graph differentiated
        for i, item in enumerate(field_.get(raw, f"{where}.written", list, [])):
            part.written.append(field_.written(item, f"{where}.written[{i}]", part, computed))
        for i, item in enumerate(field_.get(raw, f"{where}.readings", list, [])):
            reading = field_.reading(item, f"{where}.readings[{i}]", given)
            field_.worked(part, reading[0], f"{where}.readings[{i}].set")
            part.readings.append(reading)
        parts[name] = part
    return parts


_ABSENT = object()


class _Fields:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> CheckFileError:
        return CheckFileError(f"{self.source}: {message}")

    def check(self, ok: Any, dotted: str, what: str) -> None:
        """Refuse the file, naming the field, unless ``ok``: "field X must be ``what``"."""
        if not ok:
            raise self.fail(f"field '{dotted}' must be {what}")

    def only(self, table: dict, dotted: str, keys: tuple[str, ...]) -> None:
        """Refuse a key the format does not have there: a misspelt one would be passed over
        (``los = "mse"`` left the loss half_mse)."""
        for key in table:
            if key not in keys:
                where = f"field '{dotted}'" if dotted else "the top level"
                raise self.fail(f"{where} has {key!r}, which is not one of {', '.join(keys)}")

    def get(self, table: Any, dotted: str, kind: type, default: Any = _ABSENT) -> Any:
        """The field, which must be a ``kind`` (never a bool for a number); or ``default``."""
        key = dotted.rsplit(".", 1)[-1]
        if not isinstance(table, dict) or key not in table:
            if default is _ABSENT:
                raise self.fail(f"field '{dotted}' is missing")
            return default
        value = table[key]
        if kind is not object:
            is_bool = isinstance(value, bool) and kind is not bool
            self.check(isinstance(value, kind) and not is_bool, dotted, _KIND_NAMES[kind])
        return value

    def number(self, value: Any, dotted: str) -> float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        self.check(ok, dotted, f"a number, got {value!r}")
        try:
            x = float(value)
        except OverflowError:  # a JSON integer beyond a float's range
            x = math.inf
        self.check(math.isfinite(x), dotted, f"finite, got {value!r}")
        return x

    def worked(self, part: CheckFilePart, overrides: Mapping[str, float], dotted: str) -> Value:
        """The loss of ``part`` with ``overrides``, computed and differentiated through the
        worksheet model; given values that overflow are refused, naming ``dotted``."""
        try:
            loss, _ = loss_graph(part, overrides)
        except (ValueError, ArithmeticError) as error:
            message = error.args[0] if error.args else error
            raise self.fail(
                f"field '{dotted}': the given values cannot be worked ({message})"
            ) from None
        return loss

    def written(self, item: Any, dotted: str, part: CheckFilePart, loss: Value) -> Written:
        self.check(isinstance(item, dict), dotted, "a table")
        self.only(item, dotted, ("quantity", "value", "step", "where", "exact"))
        quantity = self.get(item, f"{dotted}.quantity", str)
        text = self.get(item, f"{dotted}.value", str)
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        self.check(number.is_finite(), f"{dotted}.value", f"a number as written, got {text!r}")
        self.check(  # so a float holds it, and the verdict's Decimal arithmetic has the digits
            -MAX_EXPONENT <= number.as_tuple().exponent
            and number.adjusted() <= MAX_EXPONENT
            and math.isfinite(float(number)),
            f"{dotted}.value",
            f"within a float's range, no larger than 1e{MAX_EXPONENT} and to no finer "
            f"than 1e-{MAX_EXPONENT}; {text!r} is too large or too small to judge",
        )
        self._computed(quantity, f"{dotted}.quantity", part, loss)
        exact = self.get(item, f"{dotted}.exact", bool, False)
        step = self.get(item, f"{dotted}.step", str, "")
        where = self.get(item, f"{dotted}.where", str, "")
        return Written(quantity, text, step, where, exact)

    def _computed(self, quantity: str, dotted: str, part: CheckFilePart, loss: Value) -> None:
        """Refuse a quantity the network does not compute: a given (``w7``, ``x1``), a value
        (``z1``, ``a``), a derivative of one by another it is computed from (``dL/dw7``),
        or a parameter's update (``w7'``)."""
        nodes: dict[str, Value] = {}
        for n in topological_order(loss):
            nodes.setdefault(n.label, n)
        if quantity in part.given or quantity in nodes:
            return
        if m := _UPDATED.fullmatch(quantity):
            if m.group(1) in part.parameter_names():
                return
        elif (m := _DERIVATIVE.fullmatch(quantity)) and {*m.groups()} <= nodes.keys():
            top, bottom = nodes[m.group(1)], nodes[m.group(2)]
            if top not in depends_on(topological_order(top), bottom):
                raise self.fail(
                    f"field '{dotted}': {quantity!r} asks how {m.group(1)} "
                    f"changes with {m.group(2)}, but {m.group(1)} is not computed from it"
                )
            return
        raise self.fail(
            f"field '{dotted}': {quantity!r} names nothing in this network "
            "(use a given name like w7 or x1, a value like z1 or a, a derivative like "
            "dL/dw7, or an update like w7')"
        )

    def reading(
        self, item: Any, dotted: str, given: Mapping[str, float]
    ) -> tuple[dict[str, float], str]:
        self.check(isinstance(item, dict), dotted, "a table")
        self.only(item, dotted, ("set", "why"))
        values = self.get(item, f"{dotted}.set", dict)
        for name, value in values.items():
            if name not in given:
                raise self.fail(f"field '{dotted}.set' has {name}, which is not a given value")
            self.number(value, f"{dotted}.set.{name}")
        why = self.get(item, f"{dotted}.why", str)
        return {n: float(v) for n, v in values.items()}, why


_KIND_NAMES = {
    dict: "a table",
    list: "a list",
    int: "a whole number",
    str: "a string",
    bool: "true or false",
}
