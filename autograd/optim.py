"""Optimizers with PyTorch's update rules and defaults: ``SGD`` (momentum, Nesterov, weight
decay), ``Adam`` and ``AdamW``; their state saved as JSON, as models are.

Each ``step()`` reads every parameter's ``.grad`` and writes its ``.data``, in the order and
with the arithmetic of PyTorch's single-tensor implementation, so that a trajectory agrees
with ``torch.optim`` in float64 to rounding.

>>> from autograd import Value
>>> w = Value(1.0)
>>> opt = Adam([w], lr=0.1)
>>> (w * w).backward(); opt.step(); round(w.data, 6)   # Adam's first step is lr · sign(g)
0.9
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from .files import FileError, parse_json, read_text, shown
from .value import Value, checked_float

__all__ = ["SGD", "Adam", "AdamW", "Optimizer"]

# model.parameters(), or model.named_parameters() as torch takes it
Parameters = Iterable[Value] | Iterable[tuple[str, Value]]


class Optimizer:
    """What the optimizers share: their parameters, hyperparameters and per-parameter state.

    ``state_dict()`` is PyTorch's layout (``state`` by the parameter's position, and one
    ``param_groups`` entry), with numbers only, so that it saves as JSON: ``save(path)``,
    and ``load(path)`` on an optimizer over the same parameters. Given named parameters
    (``model.named_parameters()``), it keeps their names, in ``param_names`` as torch does.

    >>> w, b = Value(1.0), Value(0.0)
    >>> SGD([("w", w), ("b", b)], lr=0.1).state_dict()["param_groups"][0]["param_names"]
    ['w', 'b']
    """

    defaults: ClassVar[dict[str, Any]] = {}
    state_names: ClassVar[tuple[str, ...]] = ()  # what the state of one parameter holds
    state_floors: ClassVar[dict[str, float]] = {}  # the least each can be and still step

    def __init__(self, params: Parameters, **hyper: Any) -> None:
        name = type(self).__name__
        if not isinstance(params, Iterable) or isinstance(params, (Value, str, Mapping)):
            raise TypeError(
                f"{name}: expected an iterable of Values (model.parameters()), got {shown(params)}"
            )
        if isinstance(params, (set, frozenset)):  # ordered by id: the state is by position
            raise TypeError(
                f"{name}: a set of parameters has no fixed order, and the state is saved by "
                "position; pass a list (model.parameters())"
            )
        items = list(params)
        if not items:
            raise ValueError(f"{name}: got an empty parameter list")  # torch's words
        # torch takes (name, parameter) pairs, all or none, and keeps the names in its state
        self.param_names: list[str] | None = [] if isinstance(items[0], tuple) else None
        self.params: list[Value] = []
        for i, item in enumerate(items):
            if isinstance(item, Mapping):  # torch's per-group options; one group here
                raise TypeError(
                    f"{name}: parameter groups are not supported, got {shown(item)} at position "
                    f"{i}; pass model.parameters() or model.named_parameters()"
                )
            if isinstance(item, tuple) != (self.param_names is not None):
                raise ValueError(
                    f"{name}: parameter {i} ({shown(item)}) breaks the pattern of parameter 0: "
                    "give all as (name, Value) pairs or all as Values"  # torch refuses a mix
                )
            if self.param_names is not None:
                if len(item) != 2 or not isinstance(item[0], str):
                    raise TypeError(
                        f"{name}: parameter {i}: expected a (name, Value) pair, got {shown(item)}"
                    )
                self.param_names.append(item[0])
                item = item[1]
            if type(item) is not Value:
                raise TypeError(f"{name}: expected parameters that are Values, got {shown(item)}")
            self.params.append(item)
        seen: set[Value] = set()
        for i, p in enumerate(self.params):
            if p in seen:  # it would be stepped twice a step (torch warns; a silent double step)
                raise ValueError(f"{name}: parameter {i} ({shown(p)}) is listed twice")
            seen.add(p)
        for key, value in hyper.items():
            setattr(self, key, value)  # checked by __setattr__
        self.state: list[dict[str, float]] = [{} for _ in self.params]

    def __setattr__(self, key: str, value: Any) -> None:
        # opt.lr = 0.01 (a schedule) is checked as the constructor checks it; the
        # hyperparameters are plain attributes, so reading one costs what any attribute does
        if key in self.defaults:
            value = self._checked(key, value)
        object.__setattr__(self, key, value)
        if key in self.defaults:
            self._changed()

    def watch(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after a hyperparameter is set (a compiled step written for
        ``momentum`` 0 is written again when it becomes 0.9)."""
        self.__dict__.setdefault("_watchers", []).append(callback)

    def _changed(self) -> None:
        for callback in self.__dict__.get("_watchers", ()):
            callback()

    @property
    def hyper(self) -> dict[str, Any]:
        """The hyperparameters by name, as ``param_groups`` holds them."""
        return {key: getattr(self, key) for key in self.defaults}

    def _checked(self, key: str, value: Any) -> Any:
        """A hyperparameter as a finite float (or a flag as a bool); negative ones refused."""
        where = f"{type(self).__name__}: {key}"
        if isinstance(self.defaults[key], bool):
            if not isinstance(value, bool):
                raise TypeError(f"{where}: expected True or False, got {shown(value)}")
            return value
        if isinstance(self.defaults[key], tuple):
            if not isinstance(value, (tuple, list)) or len(value) != 2:
                raise TypeError(f"{where}: expected a pair of numbers, got {shown(value)}")
            pair = tuple(checked_float(v, where) for v in value)
            if not all(0.0 <= v < 1.0 for v in pair):
                raise ValueError(f"{where}: each must be in [0, 1), got {pair}")
            return pair
        number = checked_float(value, where)
        if number < 0.0:
            raise ValueError(f"{where}: expected a number ≥ 0, got {number!r}")
        return number

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """One update of every parameter from its ``.grad``."""
        for i, p in enumerate(self.params):
            try:
                new = self._update(p._data, p.grad, self.state[i])
            except ZeroDivisionError:  # Adam's 0/0 with eps = 0 and no gradient yet
                raise ZeroDivisionError(
                    f"{type(self).__name__}: {self._called(i)}'s update divides by "
                    f"zero (gradient {p.grad!r}); give eps > 0"
                ) from None
            if not -math.inf < new < math.inf:
                raise OverflowError(
                    f"{type(self).__name__}: {self._called(i)} would become {new} "
                    f"(from {p._data!r} with gradient {p.grad!r}); lower the learning rate"
                )
            p._data = new

    def _called(self, i: int) -> str:
        """Parameter i as an error names it: by its name, else its label, else its position."""
        if self.param_names is not None:
            return self.param_names[i]
        return self.params[i].label or f"parameter {i}"

    def _update(self, p: float, g: float, state: dict[str, float]) -> float:
        raise NotImplementedError

    # ---- state, as PyTorch lays it out, and as JSON ------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        return {
            "state": {i: dict(s) for i, s in enumerate(self.state) if s},
            "param_groups": [{**self.named, **self.hyper, "params": list(range(len(self.params)))}],
        }

    @property
    def named(self) -> dict[str, list[str]]:
        """``{"param_names": [...]}`` when the parameters were given named, as torch saves it."""
        return {} if self.param_names is None else {"param_names": list(self.param_names)}

    def load_state_dict(self, state_dict: Mapping[str, Any], source: str = "state_dict") -> None:
        """Set the hyperparameters and the state from ``state_dict`` (positions may be
        strings, as JSON writes them); a field that does not fit raises ``FileError``."""

        def refuse(field: str, expected: str, got: Any) -> FileError:
            return FileError(f"{source}: field {field!r}: expected {expected}, got {shown(got)}")

        groups = state_dict.get("param_groups") if isinstance(state_dict, Mapping) else None
        if not isinstance(groups, list) or len(groups) != 1 or not isinstance(groups[0], dict):
            raise refuse("param_groups", "a list of one object", groups)
        group = dict(groups[0])
        if group.pop("params", None) != list(range(len(self.params))):
            raise refuse("param_groups", f"the positions of {len(self.params)} parameters", group)
        names = group.pop("param_names", self.param_names)  # torch: saved names replace these
        if names is not None and (
            not isinstance(names, list)
            or len(names) != len(self.params)
            or not all(isinstance(n, str) for n in names)
        ):
            raise refuse("param_groups.param_names", f"{len(self.params)} names", names)
        unknown = set(group) - set(self.defaults)
        if unknown:
            raise refuse("param_groups", f"keys among {', '.join(self.defaults)}", sorted(unknown))
        try:
            hyper = {key: self._checked(key, value) for key, value in group.items()}
        except (TypeError, ValueError, OverflowError) as error:
            raise FileError(f"{source}: field 'param_groups': {error}") from None
        states = state_dict.get("state", {})
        if not isinstance(states, Mapping):
            raise refuse("state", "an object", states)
        loaded: list[dict[str, float]] = [{} for _ in self.params]
        for key, entry in states.items():
            # a position as JSON writes it ("3"): "03" or "٣" would name a parameter twice
            text = str(key) if isinstance(key, (int, str)) else ""
            i = int(text) if text.isascii() and text.isdigit() and text == str(int(text)) else -1
            if not 0 <= i < len(self.params):
                raise refuse("state", f"positions from 0 to {len(self.params) - 1}", key)
            if not isinstance(entry, Mapping) or set(entry) - set(self.state_names):
                raise refuse(f"state.{key}", f"an object of {', '.join(self.state_names)}", entry)
            try:
                loaded[i] = {k: checked_float(v, f"state.{key}.{k}") for k, v in entry.items()}
            except (TypeError, ValueError, OverflowError) as error:
                raise FileError(f"{source}: field 'state': {error}") from None
            for k, v in loaded[i].items():
                if v < self.state_floors.get(k, -math.inf):
                    least = self.state_floors[k]
                    raise refuse(f"state.{key}.{k}", f"a number ≥ {least:g}", v)
        for key, value in hyper.items():
            object.__setattr__(self, key, value)  # checked above
        self.param_names = names
        self.state = loaded
        self._changed()

    def save(self, path: str | Path) -> None:
        """Write ``state_dict()`` to a JSON file (never pickle)."""
        Path(path).write_text(json.dumps(self.state_dict(), indent=2) + "\n")

    def load(self, path: str | Path) -> None:
        """Read the state ``save`` wrote, into an optimizer over the same parameters."""
        self.load_state_dict(parse_json(read_text(path), str(path)), str(path))

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.hyper.items())
        return f"{type(self).__name__}({len(self.params)} parameters, {options})"


class SGD(Optimizer):
    """Gradient descent, PyTorch's ``torch.optim.SGD``: with ``g = ∂L/∂p + weight_decay·p``,

    ``b ← momentum·b + (1 − dampening)·g`` (``b = g`` at the first step), then
    ``p ← p − lr·(g + momentum·b)`` with ``nesterov``, else ``p ← p − lr·b``; without
    momentum, plain ``p ← p − lr·g``.

    >>> w = Value(1.0); (w * 3).backward(); SGD([w], lr=0.1).step(); round(w.data, 10)
    0.7
    """

    defaults: ClassVar[dict[str, Any]] = {
        "lr": 0.001,
        "momentum": 0.0,
        "dampening": 0.0,
        "weight_decay": 0.0,
        "nesterov": False,
        "maximize": False,
    }
    state_names = ("momentum_buffer",)

    def __init__(
        self,
        params: Parameters,
        lr: float = 0.001,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        super().__init__(
            params,
            lr=lr,
            momentum=momentum,
            dampening=dampening,
            weight_decay=weight_decay,
            nesterov=nesterov,
            maximize=maximize,
        )
        if nesterov and (self.momentum <= 0.0 or self.dampening != 0.0):
            raise ValueError("SGD: Nesterov momentum requires a momentum and zero dampening")

    def _update(self, p: float, g: float, state: dict[str, float]) -> float:
        if self.maximize:
            g = -g
        if self.weight_decay:
            g = g + self.weight_decay * p
        momentum = self.momentum
        if momentum:
            b = state.get("momentum_buffer")
            b = g if b is None else momentum * b + (1.0 - self.dampening) * g
            state["momentum_buffer"] = b
            g = g + momentum * b if self.nesterov else b
        return p - self.lr * g


class Adam(Optimizer):
    """Adam, PyTorch's ``torch.optim.Adam``: with ``g = ∂L/∂p + weight_decay·p`` and step t,

    ``m ← β₁m + (1 − β₁)g``, ``v ← β₂v + (1 − β₂)g²`` (``amsgrad``: the largest v so far),
    ``p ← p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + eps)``.

    >>> w = Value(2.0); opt = Adam([w], lr=0.5)
    >>> for _ in range(3):
    ...     opt.zero_grad(); (w * w).backward(); opt.step()
    >>> round(w.data, 6)
    0.536975
    """

    defaults: ClassVar[dict[str, Any]] = {
        "lr": 0.001,
        "betas": (0.9, 0.999),
        "eps": 1e-8,
        "weight_decay": 0.0,
        "amsgrad": False,
        "maximize": False,
    }
    state_names = ("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    # step 0 makes the bias correction 1 − β₁⁰ = 0; a negative square has no square root
    state_floors: ClassVar[dict[str, float]] = {
        "step": 1.0,
        "exp_avg_sq": 0.0,
        "max_exp_avg_sq": 0.0,
    }
    decoupled: ClassVar[bool] = False  # AdamW: the weight decay shrinks p, not added to g

    def __init__(
        self,
        params: Parameters,
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float | None = None,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        if weight_decay is None:
            weight_decay = self.defaults["weight_decay"]
        super().__init__(
            params,
            lr=lr,
            betas=betas,
            eps=eps,
            weight_decay=weight_decay,
            amsgrad=amsgrad,
            maximize=maximize,
        )

    def _update(self, p: float, g: float, state: dict[str, float]) -> float:
        (beta1, beta2), lr, decay = self.betas, self.lr, self.weight_decay
        if self.maximize:
            g = -g
        if decay and self.decoupled:
            p = p * (1.0 - lr * decay)
        elif decay:
            g = g + decay * p
        step = state["step"] = state.get("step", 0.0) + 1.0
        m = state.get("exp_avg", 0.0)
        m = state["exp_avg"] = m + (1.0 - beta1) * (g - m)  # torch's lerp, weight below ½
        v = state["exp_avg_sq"] = state.get("exp_avg_sq", 0.0) * beta2 + (1.0 - beta2) * g * g
        if self.amsgrad:
            v = state["max_exp_avg_sq"] = max(state.get("max_exp_avg_sq", 0.0), v)
        step_size = lr / (1.0 - beta1**step)
        denominator = math.sqrt(v) / math.sqrt(1.0 - beta2**step) + self.eps
        return p - step_size * (m / denominator)


class AdamW(Adam):
    """Adam with decoupled weight decay (``torch.optim.AdamW``): ``p ← p·(1 − lr·weight_decay)``
    before Adam's step, and ``weight_decay`` 0.01 by default.

    >>> w = Value(1.0); (w * 0).backward(); AdamW([w], lr=0.1).step(); round(w.data, 6)
    0.999
    """

    defaults: ClassVar[dict[str, Any]] = {**Adam.defaults, "weight_decay": 0.01}
    decoupled = True
