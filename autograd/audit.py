"""Auditing a hand calculation: recompute every written number and say if it is right.

A check file (TOML or JSON) states a network, its given values and what was written; see
``autograd/homework/hw1.toml`` for the format. For each written number the audit computes the
exact value with the engine and the value that follows from the writer's *own* numbers, then
gives a verdict, with ``u`` one unit in the last written decimal place:

- ``match``: the exact value, rounded to the written precision, is what was written;
- ``rounding``: the exact value *truncated* to the written precision is what was written,
  or the value recomputed from the writer's own earlier numbers (only those judged match or
  rounding themselves) rounds or truncates to it: an earlier rounding carried along;
- ``error``: anything else.

>>> from autograd.homework import load
>>> report = audit(load()["a"])
>>> [(c.quantity, c.verdict) for c in report.checks][:3]
[('z1', 'match'), ('a1', 'rounding'), ('z2', 'match')]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Context, Decimal, InvalidOperation, localcontext
from itertools import pairwise
from pathlib import Path
from typing import Any

from .backward import gradients, topological_order
from .explain import Factor, chain_sum, depends_on, explain, name_of
from .nn import ACTIVATIONS, MLP, half_mse, mse
from .value import Value, _checked_float

__all__ = ["Check", "CheckFileError", "Part", "Report", "Worked", "audit", "load_file", "work"]

LOSSES = {"half_mse": half_mse, "mse": mse}
MAX_PARAMETERS = 10_000
MAX_EXPONENT = 308  # a written number's digits lie between the places 1e308 and 1e-308
_DERIVATIVE = re.compile(r"[d∂](\w+)/[d∂](\w+)")
_UPDATED = re.compile(r"(\w+)'")


class CheckFileError(ValueError):
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


@dataclass(frozen=True)
class Reading:
    """Another way to read the given values, stated in the check file with its reason."""

    set: dict[str, float]
    why: str

    @property
    def name(self) -> str:
        return ", ".join(f"{n} = {_num(v, 6)}" for n, v in self.set.items())


@dataclass
class Part:
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
    readings: list[Reading] = field(default_factory=list)

    def parameter_names(self) -> list[str]:
        return [n for n in self.given if n not in {"y", "learning_rate"} and not _is_input(n)]


def _is_input(name: str) -> bool:
    return re.fullmatch(r"x\d+", name) is not None


@dataclass
class Worked:
    """A part computed by the engine: the model, its loss graph, gradients and the update."""

    part: Part
    given: dict[str, float]
    model: MLP
    loss: Value
    gradients: dict[str, float]
    updated: dict[str, float]
    loss_after: float

    def node(self, label: str) -> Value:
        for n in topological_order(self.loss):
            if n.label == label:
                return n
        raise KeyError(label)

    def exact(self, quantity: str) -> float:
        """The exact value of a quantity named as a check file names it."""
        if quantity in self.given:
            return self.given[quantity]
        if m := _UPDATED.fullmatch(quantity):
            return self.updated[m.group(1)]
        if m := _DERIVATIVE.fullmatch(quantity):
            (d,) = gradients(self.node(m.group(1)), [self.node(m.group(2))])
            return d
        return self.node(quantity).data


def work(part: Part, overrides: Mapping[str, float] | None = None) -> Worked:
    """Forward, backward and one gradient-descent step of ``part``, with given values changed."""
    given = dict(part.given)
    for name, value in (overrides or {}).items():
        if name not in given:
            raise KeyError(f"--set: {name!r} is not a given value; choose from {', '.join(given)}")
        given[name] = _checked_float(value, f"--set {name}")
    model = MLP(part.inputs, part.layers, part.activation)
    params = {n: given[n] for n in part.parameter_names()}
    model.load_state_dict(params)
    if part.output is not None:
        model.neurons[-1].labels = part.output
    loss = _loss(part, model, given)
    loss.backward()
    lr = given["learning_rate"]
    grads = {name: p.grad for name, p in model.named_parameters()}
    updated = {name: params[name] - lr * g for name, g in grads.items()}
    model_after = MLP(part.inputs, part.layers, part.activation)
    model_after.load_state_dict(updated)
    loss_after = _loss(part, model_after, given).data
    return Worked(part, given, model, loss, grads, updated, loss_after)


def _loss(part: Part, model: MLP, given: Mapping[str, float]) -> Value:
    x = [Value(given[f"x{i + 1}"], f"x{i + 1}") for i in range(part.inputs)]
    y = Value(given["y"], "y")
    return LOSSES[part.loss]([model(x)], [y])


# ---- the audit --------------------------------------------------------------------------


@dataclass
class Check:
    quantity: str
    written: str
    computed: float
    own: float | None  # from the writer's own sound numbers, as the verdict used it
    verdict: str
    where: str
    step: str
    own_all: float | None = None  # from all the writer's own numbers, right or wrong

    @property
    def follows(self) -> bool:
        """Whether the written number is what all the writer's own numbers give."""
        return self.own_all is None or _agrees(self.written, self.own_all)

    def as_json(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "written": float(Decimal(self.written)),
            "computed": self.computed,
            "verdict": self.verdict,
            "from_own_values": self.own,
            "follows_from_own_values": self.follows,
            "where": self.where,
        }


def _reading_json(values: Mapping[str, float], why: str, report: Report) -> dict[str, Any]:
    return {
        "set": dict(values),
        "why": why,
        "loss": report.worked.loss.data,
        "updated": report.worked.updated,
        "checks": [c.as_json() for c in report.checks],
    }


def _summary(report: Report) -> str:
    """Verdict counts, the errors, and the updates, of one report."""
    counts = ", ".join(
        f"{sum(c.verdict == v for c in report.checks)} {v}" for v in ("match", "rounding", "error")
    )
    errors = [c for c in report.checks if c.verdict == "error"]
    w = report.worked
    lines = [f"Verdicts: {counts}"]
    lines += [
        f"  error: {c.quantity} = {c.written} is {_like(c.written, c.computed)} ({c.where})"
        for c in errors
    ]
    lines.append(
        f"  L = {_num(w.loss.data, 6)}, after the step {_num(w.loss_after, 6)}; "
        + ", ".join(f"{p}' = {_num(v, 8)}" for p, v in w.updated.items())
    )
    return "\n  ".join(lines)


def _like(written: str, x: float) -> str:
    """``x`` to two decimal places more than ``written`` has, so the two can be compared."""
    if abs(x) >= 1e12:  # far from any hand-written number: digits, not a 300-digit line
        return _num(x, 8)
    places = max(0, -Decimal(written).as_tuple().exponent) + 2
    return f"{x + 0.0:.{places}f}".replace("-", "−")  # + 0.0 turns −0.0 into 0.0


def _num(x: float, digits: int) -> str:
    return f"{x:.{digits}g}".replace("-", "−")


def _row(*cells: str) -> str:
    q, written, exact, own, judged, where = cells
    return f"  {q:<9} {written:>11} {exact:>12} {own:>12}  {judged:<8}  {where}"


def _rounds_to(text: str, x: float) -> bool:
    """Whether ``x`` rounded (either way at a tie) to ``text``'s precision is ``text``."""
    written = Decimal(text)
    return abs(Decimal(repr(float(x))) - written) <= _unit_of(written) / 2


def _agrees(text: str, x: float) -> bool:
    """Whether ``text`` is ``x`` rounded (either way at a tie) or truncated to its precision."""
    written = Decimal(text)
    with localcontext(Context(prec=800)):  # quantize must not run out of digits
        truncated = Decimal(repr(float(x))).quantize(_unit_of(written), ROUND_DOWN)
    return _rounds_to(text, x) or truncated == written


def _unit_of(written: Decimal) -> Decimal:
    return Decimal(1).scaleb(written.as_tuple().exponent)


def verdict(written: str, exact: float, own: float | None, exactly: bool = False) -> str:
    """``match``, ``rounding`` or ``error``, by the rule in this module's docstring."""
    if exactly:
        return "match" if math.isclose(float(written), exact, rel_tol=1e-12) else "error"
    if _rounds_to(written, exact):
        return "match"
    if _agrees(written, exact) or (own is not None and _agrees(written, own)):
        return "rounding"
    return "error"


@dataclass
class Contradiction:
    quantity: str
    readings: list[Written]
    results: dict[str, Report]  # the part audited under each other reading of a given value

    def text(self) -> str:
        places = "; ".join(f"{w.text} at {w.where}" for w in self.readings)
        return f"{self.quantity} is written with different values: {places}"


@dataclass
class Report:
    worked: Worked
    checks: list[Check]
    contradictions: list[Contradiction]
    readings: list[tuple[Reading, Report]] = field(default_factory=list)

    def text(self, digits: int = 6) -> str:
        """The whole report as plain text: forward, loss, gradients, update, audit."""
        w = self.worked
        lr = _num(w.given["learning_rate"], digits)
        lines = [w.part.title, "", "Forward pass"]
        for neuron in w.model.neurons:
            nodes = map(w.node, neuron.node_labels)
            lines.append("  " + "    ".join(f"{n.label} = {_num(n.data, digits)}" for n in nodes))
        lines += ["", f"Loss  L = {_num(w.loss.data, digits)}", "", "Gradients, by the chain rule"]
        lines += ["  " + explain(w.loss, w.model.parameter(p)).text(4) for p in w.gradients]
        lines += ["", f"One step of gradient descent: p' = p − {lr} · ∂L/∂p"]
        lines += [
            f"  {p}' = {_num(w.given[p], digits)} − {lr} · ({_num(w.gradients[p], digits)})"
            f" = {_num(new, digits + 2)}"
            for p, new in w.updated.items()
        ]
        lines += ["", f"Loss after the step  L' = {_num(w.loss_after, digits)}", ""]
        lines += ["Every handwritten number beside ours (exact, and from the writer's own sound"]
        lines += ["numbers, each to two more places than written)"]
        lines.append(_row("quantity", "written", "exact", "from own", "verdict", "where"))
        for c in self.checks:
            own = "" if c.own is None else _like(c.written, c.own)
            where = c.where
            if not c.follows:
                where += f"  [does not follow: all own numbers give {_like(c.written, c.own_all)}]"
            lines.append(
                _row(c.quantity, c.written, _like(c.written, c.computed), own, c.verdict, where)
            )
        lines += ["", _summary(self)]
        for k in self.contradictions:
            lines += ["", "Contradiction: " + k.text()]
            lines += [
                f"  reading {k.quantity} = {text}: " + _summary(r) for text, r in k.results.items()
            ]
        for reading, r in self.readings:
            lines += ["", f"Another reading, {reading.name}: {reading.why}", "  " + _summary(r)]
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        w = self.worked
        return {
            "title": w.part.title,
            "loss": w.loss.data,
            "loss_after": w.loss_after,
            "gradients": w.gradients,
            "updated": w.updated,
            "checks": [c.as_json() for c in self.checks],
            "contradictions": [
                {
                    "quantity": c.quantity,
                    "written": [
                        {"value": float(Decimal(r.text)), "where": r.where} for r in c.readings
                    ],
                    "readings": [
                        _reading_json({c.quantity: float(Decimal(text))}, "", r)
                        for text, r in c.results.items()
                    ],
                }
                for c in self.contradictions
            ],
            "readings": [_reading_json(x.set, x.why, r) for x, r in self.readings],
        }


def audit(
    part: Part, overrides: Mapping[str, float] | None = None, readings: bool = True
) -> Report:
    """Recompute every written number of ``part`` and judge it.

    Where a given value is written two ways, the whole part is also audited under each
    reading (unless ``readings`` is false).
    """
    worked = work(part, overrides)
    sound: list[Written] = []
    checks: dict[int, Check] = {}
    for i in sorted(range(len(part.written)), key=lambda i: _rank(worked, part.written[i])):
        w = part.written[i]
        exact = worked.exact(w.quantity)
        own = _from_own_values(worked, w, sound)
        judged = verdict(w.text, exact, own, exactly=_claims_exact(worked, w))
        checks[i] = Check(w.quantity, w.text, exact, own, judged, w.where, w.step)
        if judged != "error":
            sound.append(w)
    for i, check in checks.items():  # "follows" speaks of all the writer's numbers
        everything = [x for x in part.written if x is not part.written[i]]
        check.own_all = _from_own_values(worked, part.written[i], everything)
    report = Report(worked, [checks[i] for i in range(len(checks))], [])
    if readings:
        report.contradictions = _contradictions(part, overrides)
        report.readings = [
            (r, audit(part, {**(overrides or {}), **r.set}, readings=False)) for r in part.readings
        ]
    return report


def _claims_exact(worked: Worked, w: Written) -> bool:
    """Flagged exact, or an update written equal to the old value: a claim it did not move."""
    m = _UPDATED.fullmatch(w.quantity)
    return w.exact or (m is not None and w.value == worked.given[m.group(1)])


def _rank(worked: Worked, w: Written) -> tuple[int, int]:
    """Judge what others are computed from first: givens, values upwards, factors, updates."""
    q = w.quantity
    if q in worked.given:
        return (0, 0)
    if _UPDATED.fullmatch(q):
        return (4, 0)
    if m := _DERIVATIVE.fullmatch(q):
        return (3 if m.group(2) in worked.given else 2, 0)
    order = topological_order(worked.loss)
    return (1, order.index(worked.node(q)))


def _from_own_values(worked: Worked, w: Written, own: list[Written]) -> float | None:
    """``w``'s quantity recomputed from the numbers in ``own`` (same step first)."""
    chosen: dict[str, Written] = {}
    for x in own:
        if x is not w and x.quantity != w.quantity:
            if x.quantity not in chosen or (x.step == w.step and chosen[x.quantity].step != w.step):
                chosen[x.quantity] = x
    values = {q: x.value for q, x in chosen.items()}
    try:
        return _recompute(worked, w.quantity, values)
    except (ArithmeticError, ValueError):
        return None


def _is_derivative_or_update(quantity: str) -> bool:
    return bool(_DERIVATIVE.fullmatch(quantity) or _UPDATED.fullmatch(quantity))


def _recompute(worked: Worked, quantity: str, values: Mapping[str, float]) -> float | None:
    """``quantity`` computed the homework's way, taking ``values`` wherever they are given."""
    if quantity in worked.given:
        return None
    lr = values.get("learning_rate", worked.given["learning_rate"])
    if m := _UPDATED.fullmatch(quantity):
        p = m.group(1)
        gradient = values.get(f"dL/d{p}")
        if gradient is None:
            gradient = _recompute(worked, f"dL/d{p}", values)
        return values.get(p, worked.given[p]) - lr * gradient
    nodes = {q: v for q, v in values.items() if not _is_derivative_or_update(q)}
    with _substituted(worked, nodes):
        if m := _DERIVATIVE.fullmatch(quantity):
            top, bottom = worked.node(m.group(1)), worked.node(m.group(2))

            def factor(f: Factor) -> float:
                key = f"d{name_of(f.top)}/d{name_of(f.bottom)}"
                return values.get(key, f.value) if key != quantity else f.value

            return chain_sum(top, bottom, factor)
        return worked.node(quantity).data


@contextmanager
def _substituted(worked: Worked, values: Mapping[str, float]) -> Iterator[None]:
    """Recompute the graph's values with the given labelled nodes held at ``values``."""
    order = topological_order(worked.loss)
    saved = [n.data for n in order]
    try:
        for n in order:
            if n.label in values:
                n.data = values[n.label]
            elif n.parents:
                n.data = n.op.forward(*[p.data for p in n.parents])
        yield
    finally:
        for n, data in zip(order, saved):
            n.data = data


def _contradictions(part: Part, overrides: Mapping[str, float] | None) -> list[Contradiction]:
    """Quantities written twice with values that cannot both be right at their precision."""
    by_quantity: dict[str, list[Written]] = {}
    for w in part.written:
        by_quantity.setdefault(w.quantity, []).append(w)
    found = []
    for quantity, ws in by_quantity.items():
        distinct: list[Written] = []
        for w in ws:
            if all(not _agrees(w.text, d.value) and not _agrees(d.text, w.value) for d in distinct):
                distinct.append(w)
        if len(distinct) > 1:
            results = {}
            if quantity in part.given:  # a given value read two ways: work out the other
                current = {**part.given, **(overrides or {})}[quantity]
                for d in distinct:
                    if d.value != current:
                        reading = {**(overrides or {}), quantity: d.value}
                        results[d.text] = audit(part, reading, readings=False)
            found.append(Contradiction(quantity, distinct, results))
    return found


# ---- reading check files ----------------------------------------------------------------


def load_file(path: str | Path) -> dict[str, Part]:
    """The parts of a check file (``.toml`` or ``.json``), by name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CheckFileError(f"{path}: not a text file (expected UTF-8 TOML or JSON)") from None
    except OSError as error:
        raise CheckFileError(f"{path}: cannot read it ({error.strerror})") from None
    if path.suffix == ".json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise CheckFileError(f"{path}: not valid JSON ({error})") from None
    else:
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise CheckFileError(f"{path}: not valid TOML ({error})") from None
    return parse(document, str(path))


def parse(document: Any, source: str = "check file") -> dict[str, Part]:
    """Check-file contents (as loaded from TOML or JSON) as parts; errors name the field."""
    field_ = _Fields(source)
    field_.get(document, "title", str, "")
    network = field_.get(document, "network", dict)
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
        part = Part(name, title, inputs, layers, activation, loss, out, given)
        worked = field_.work(part, {}, where)
        for i, item in enumerate(field_.get(raw, f"{where}.written", list, [])):
            part.written.append(field_.written(item, f"{where}.written[{i}]", worked))
        for i, item in enumerate(field_.get(raw, f"{where}.readings", list, [])):
            reading = field_.reading(item, f"{where}.readings[{i}]", given)
            field_.work(part, reading.set, f"{where}.readings[{i}].set")
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

    def work(self, part: Part, overrides: Mapping[str, float], dotted: str) -> Worked:
        """``work(part, overrides)``; given values that overflow are refused, naming ``dotted``."""
        try:
            return work(part, overrides)
        except (ValueError, ArithmeticError) as error:
            message = error.args[0] if error.args else error
            raise self.fail(
                f"field '{dotted}': the given values cannot be worked ({message})"
            ) from None

    def written(self, item: Any, dotted: str, worked: Worked) -> Written:
        self.check(isinstance(item, dict), dotted, "a table")
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
        try:
            worked.exact(quantity)
            if m := _DERIVATIVE.fullmatch(quantity):
                top, bottom = worked.node(m.group(1)), worked.node(m.group(2))
                if top not in depends_on(topological_order(top), bottom):
                    raise self.fail(
                        f"field '{dotted}.quantity': {quantity!r} asks how {m.group(1)} "
                        f"changes with {m.group(2)}, but {m.group(1)} is not computed from it"
                    )
        except KeyError:
            raise self.fail(
                f"field '{dotted}.quantity': {quantity!r} names nothing in this network "
                "(use a given name like w7 or x1, a value like z1 or a, a derivative like "
                "dL/dw7, or an update like w7')"
            ) from None
        exact = self.get(item, f"{dotted}.exact", bool, False)
        step = self.get(item, f"{dotted}.step", str, "")
        where = self.get(item, f"{dotted}.where", str, "")
        return Written(quantity, text, step, where, exact)

    def reading(self, item: Any, dotted: str, given: Mapping[str, float]) -> Reading:
        self.check(isinstance(item, dict), dotted, "a table")
        values = self.get(item, f"{dotted}.set", dict)
        for name, value in values.items():
            if name not in given:
                raise self.fail(f"field '{dotted}.set' has {name}, which is not a given value")
            self.number(value, f"{dotted}.set.{name}")
        why = self.get(item, f"{dotted}.why", str)
        return Reading({n: float(v) for n, v in values.items()}, why)


_KIND_NAMES = {
    dict: "a table",
    list: "a list",
    int: "a whole number",
    str: "a string",
    bool: "true or false",
}
