"""``Value``: a scalar that records every operation applied to it, for reverse-mode autodiff.

>>> from autograd import Value
>>> a = Value(2.0, label="a"); b = Value(-3.0, label="b")
>>> L = (a * b + a.exp()).tanh()
>>> L.backward()
>>> round(a.grad, 6), round(b.grad, 6)
(0.967244, 0.440753)

A Value made here holds a finite float: a non-finite input is refused, and an operation
whose result overflows raises ``OverflowError`` naming the operation, as ``math.exp`` does.
``.data`` assigned by hand is the user's (an int stays an int until an operation reads it).
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from . import backward as _backward
from . import ops
from .numtext import arg_text, rounded_repr
from .ops import INF, Op, refusal

__all__ = ["COMPARISONS", "Value", "checked_float", "dot", "sum"]

_builtin_sum = sum
_new = object.__new__

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
"""The comparisons a Value answers with its number, by symbol (also on NumPy arrays)."""

Decision = Callable[[str, "Value", Any, bool], None]
_observers: list[Decision] = []
"""Called with ``(symbol, value, other, result)`` for every decision a Value answers:
``bool(v)`` (symbol ``"bool"``, other ``None``) and each comparison. ``autograd.compile``
listens while it traces, to guard the branch the traced function took."""


class Value:
    """A scalar node of a computation graph: ``data``, ``grad`` and how it was computed.

    >>> x = Value(3.0, label="x")
    >>> y = x ** 2
    >>> y.backward(); x.grad
    6.0
    """

    __slots__ = ("data", "grad", "label", "_parents", "_op", "__weakref__")

    data: float
    grad: Any
    label: str | None
    _parents: tuple[Value, ...]
    _op: Op | None

    def __init__(self, data: float, label: str | None = None) -> None:
        if type(data) is not float or not -INF < data < INF:  # the common case, quickly
            data = checked_float(data, "Value")
        self.data = data
        self.grad = 0.0
        self.label = label
        self._parents = ()
        self._op = None

    # ---- the graph ----------------------------------------------------------------------

    @property
    def parents(self) -> tuple[Value, ...]:
        """The nodes this one was computed from, in the order the operation takes them."""
        return self._parents

    @property
    def op(self) -> Op | None:
        """The row of ``autograd.ops`` that computed this node; ``None`` for a leaf."""
        return self._op

    @property
    def is_leaf(self) -> bool:
        return not self._parents

    def backward(self) -> None:
        """Set ``.grad`` of every node below this one to its derivative of this node.

        Leaves accumulate over calls, as in PyTorch; ``zero_grad()`` resets them.
        """
        _backward.backward(self)

    def zero_grad(self) -> None:
        """Set ``.grad`` to 0 on this node and every node below it."""
        _backward.zero_grad(self)

    # ---- arithmetic ---------------------------------------------------------------------

    def __add__(self, other: Any) -> Value:
        return _apply(ops.ADD, self, _operand(other, "add"))

    def __radd__(self, other: Any) -> Value:
        return _apply(ops.ADD, _operand(other, "add"), self)

    def __sub__(self, other: Any) -> Value:
        return _apply(ops.SUB, self, _operand(other, "sub"))

    def __rsub__(self, other: Any) -> Value:
        return _apply(ops.SUB, _operand(other, "sub"), self)

    def __mul__(self, other: Any) -> Value:
        return _apply(ops.MUL, self, _operand(other, "mul"))

    def __rmul__(self, other: Any) -> Value:
        return _apply(ops.MUL, _operand(other, "mul"), self)

    def __truediv__(self, other: Any) -> Value:
        return _apply(ops.DIV, self, _operand(other, "div"))

    def __rtruediv__(self, other: Any) -> Value:
        return _apply(ops.DIV, _operand(other, "div"), self)

    def __pow__(self, other: Any) -> Value:
        if type(other) is Value:
            return _apply(ops.POW, self, other)
        return _apply(ops.power(checked_float(other, "pow")), self)

    def __rpow__(self, other: Any) -> Value:
        return _apply(ops.exp_base(checked_float(other, "pow")), self)

    def __neg__(self) -> Value:
        return _apply(ops.NEG, self)

    def __pos__(self) -> Value:
        return self

    def __bool__(self) -> bool:
        truth = self.data != 0.0  # as for numbers and PyTorch's tensors: `if loss:` means ≠ 0
        if _observers:
            _decided("bool", self, None, truth)
        return truth

    # ---- comparisons: by number, as PyTorch and JAX compare concrete values ----------------
    # Equality and hashing stay by identity (a node is a graph vertex), so `a <= b` can hold
    # while `a == b` does not. There is no __float__: math.exp(v) must not cut the graph.

    def __lt__(self, other: Any) -> bool:
        return _compare("<", self, other)

    def __le__(self, other: Any) -> bool:
        return _compare("<=", self, other)

    def __gt__(self, other: Any) -> bool:
        return _compare(">", self, other)

    def __ge__(self, other: Any) -> bool:
        return _compare(">=", self, other)

    def __abs__(self) -> Value:
        return _apply(ops.ABS, self)

    def clone(self) -> Value:
        """A new node equal to this one, its derivative 1: a variable of its own, as in PyTorch.

        >>> x = Value(3.0); y = x.clone(); (x * y).backward(); y.grad
        3.0
        """
        return _apply(ops.CLONE, self)

    def exp(self) -> Value:
        return _apply(ops.EXP, self)

    def log(self) -> Value:
        return _apply(ops.LOG, self)

    def sqrt(self) -> Value:
        return _apply(ops.SQRT, self)

    def tanh(self) -> Value:
        return _apply(ops.TANH, self)

    def sigmoid(self) -> Value:
        return _apply(ops.SIGMOID, self)

    def relu(self) -> Value:
        return _apply(ops.RELU, self)

    def sin(self) -> Value:
        return _apply(ops.SIN, self)

    def cos(self) -> Value:
        return _apply(ops.COS, self)

    def abs(self) -> Value:
        return _apply(ops.ABS, self)

    # ---- display and pickling -----------------------------------------------------------

    def __repr__(self) -> str:
        label = "" if self.label is None else f", label={self.label!r}"
        return f"Value(data={rounded_repr(self.data)}, grad={rounded_repr(self.grad)}{label})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a Value as its graph (``autograd.draw``); other front ends its repr."""
        return picture_bundle(self, repr(self))

    def __format__(self, spec: str) -> str:
        return format(self.data, spec)

    def __reduce__(self) -> tuple[Any, ...]:
        if self._parents:
            raise TypeError(
                "pickle: only leaf Values can be pickled; this one was computed by "
                f"{self._op.name}. Save the leaves (for a model, its parameters as JSON)"
            )
        return (_restore, (self.data, self.grad, self.label))


def picture_bundle(root: Value, text: str, **options: Any) -> dict[str, str]:
    """What Jupyter shows of ``root``: its picture, or ``text`` and why there is none."""
    try:
        from .drawing import mimebundle  # on first use only: graphviz is an optional extra
    except ImportError as missing:
        return {"text/plain": f"{text}\n(no picture: {missing})"}
    return mimebundle(root, text, **options)


def _compare(symbol: str, value: Value, other: Any) -> Any:
    """``value <symbol> other`` on numbers; NotImplemented for anything but a real or a Value."""
    if type(other) is Value:
        number = other.data
    elif type(other) is float or type(other) is int or isinstance(other, numbers.Real):
        number = other
    else:
        return NotImplemented  # Python then tries the other side, and raises TypeError
    result = COMPARISONS[symbol](value.data, number)
    if _observers:
        _decided(symbol, value, other, result)
    return result


def _decided(symbol: str, value: Value, other: Any, result: bool) -> None:
    for observe in _observers:
        observe(symbol, value, other, result)


def _restore(data: float, grad: Any, label: str | None) -> Value:
    value = Value(data, label)
    value.grad = grad
    return value


def checked_float(x: Any, where: str) -> float:
    """``x`` as a finite float, or the error ``math`` would raise for it, naming ``where``.

    >>> checked_float(2, "SGD: lr")
    2.0
    """
    if type(x) is not float:
        if type(x) is not int and not isinstance(x, numbers.Real):  # ints: the ABC is slow
            got = (
                "a Value (use it directly)" if isinstance(x, Value) else f"{type(x).__name__} {x!r}"
            )
            raise TypeError(f"{where}: expected a real number, got {got}")
        try:
            x = float(x)
        except OverflowError:
            # such an int has over 308 digits, too many to quote (and str() refuses 4300+)
            digits = math.floor(math.log10(abs(x))) + 1 if isinstance(x, int) else 0
            shown = f"an integer of {digits} digits" if digits else type(x).__name__
            raise OverflowError(f"{where}: {shown} is too large for a float") from None
    if not -INF < x < INF:
        raise ValueError(f"{where}: expected a finite number, got {arg_text(x)}")
    return x


def _operand(x: Any, where: str) -> Value:
    if type(x) is Value:
        return x
    if type(x) is float and -INF < x < INF:
        return Value(x)
    return Value(checked_float(x, where))


def _apply(op: Op, *parents: Value) -> Value:
    """A new node: ``op`` applied to ``parents``, its result checked for overflow."""
    arity = len(parents)
    if arity == 1:
        data = op.forward(parents[0].data)
    elif arity == 2:
        data = op.forward(parents[0].data, parents[1].data)
    else:
        data = op.forward(*[p.data for p in parents])
    if type(data) is not float or not -INF < data < INF:
        # float arithmetic overflows to inf without a word (and a NaN a user put in .data
        # gives NaN); an int (from a .data a user set) becomes the float it is
        if type(data) is float or not -INF < data < INF:
            raise refusal(op, [p.data for p in parents], data)
        data = checked_float(data, op.name)
    node = _new(Value)
    node.data = data
    node.grad = 0.0
    node.label = None
    node._parents = parents
    node._op = op
    return node


def sum(values: Iterable[Any]) -> Value:
    """The sum of many Values as one node, whose every local derivative is 1.

    >>> from autograd import Value
    >>> import autograd
    >>> autograd.sum([Value(1.0), Value(2.0), 3]).data
    6.0
    """
    terms = tuple(_operand(v, "sum") for v in values)
    if not terms:
        return Value(0.0)
    return _apply(ops.SUM, *terms)


def dot(weights: Sequence[Any], inputs: Sequence[Any], bias: Any = 0.0) -> Value:
    """``Σ wᵢ·xᵢ + b`` as one node: ``∂/∂wᵢ = xᵢ``, ``∂/∂xᵢ = wᵢ``, ``∂/∂b = 1``.

    A neuron's pre-activation in one step, so a chain-rule path reads ``∂z/∂w7 = a1``.

    >>> from autograd import Value
    >>> import autograd
    >>> autograd.dot([Value(2.0), Value(3.0)], [1.0, -1.0], bias=0.5).data
    -0.5
    """
    if len(weights) != len(inputs):
        raise ValueError(
            f"dot: {len(weights)} weights for {len(inputs)} inputs; they must be as many"
        )
    wxb = (*weights, *inputs, bias)
    for v in wxb:
        if type(v) is not Value:
            return _apply(ops.DOT, *[_operand(v, "dot") for v in wxb])
    return _apply(ops.DOT, *wxb)


def logsumexp(values: Iterable[Any]) -> Value:
    """``log Σ e^xᵢ`` as one node, finite for inputs of any size; ``∂/∂xᵢ = softmax(x)ᵢ``.

    >>> from autograd import Value, logsumexp
    >>> round(logsumexp([Value(1000.0), Value(1000.0)]).data - 1000.0, 6)
    0.693147
    """
    terms = tuple(_operand(v, "logsumexp") for v in values)
    if not terms:
        raise ValueError("logsumexp: needs at least one value")
    return _apply(ops.LOGSUMEXP, *terms)


def softmax(values: Iterable[Any]) -> list[Value]:
    """``e^(zᵢ)/Σⱼ e^(zⱼ)`` for each ``i``: one node per output, each depending on every
    input (``∂pᵢ/∂zᵢ = pᵢ(1 − pᵢ)``, ``∂pᵢ/∂zⱼ = −pᵢpⱼ``), finite for inputs of any size.

    >>> from autograd import Value, softmax
    >>> [round(p.data, 4) for p in softmax([Value(2.0), Value(1.0), Value(0.1)])]
    [0.659, 0.2424, 0.0986]
    """
    terms = tuple(_operand(v, "softmax") for v in values)
    if not terms:
        raise ValueError("softmax: needs at least one value")
    return [_apply(ops.softmax(i), *terms) for i in range(len(terms))]
