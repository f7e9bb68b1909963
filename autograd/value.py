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

``Value.observe(observer)`` watches every Value for a while: the leaves made, the ``.data``
read by code outside the engine, the decisions answered (``bool(v)``, ``v > 0``) and the
operations refused. The compiler traces through it, and ``grad`` uses it to refuse a number
read from ``.data`` that enters the arithmetic it differentiates. Nothing is watched, and
nothing costs, outside ``observe``.
"""

from __future__ import annotations

import math
import numbers
import operator
import os
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from . import backward as _backward
from . import ops
from .files import shown
from .numtext import arg_text, rounded_repr
from .ops import INF, Op, refusal
from .written import written

__all__ = ["COMPARISONS", "Observer", "Read", "Value", "apply", "checked_float", "dot", "sum"]

_builtin_sum = sum
_new = object.__new__
_NEG_INF = -INF  # a constant: `-INF` in the hot path would negate it at every call

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
"""The comparisons a Value answers with its number, by symbol (also on NumPy arrays)."""

_PACKAGE = os.path.dirname(__file__) + os.sep  # as co_filename spells the engine's files


class Observer:
    """What ``Value.observe`` reports, method by method; each default does nothing.

    Every call comes from the thread the event happened in; an observer that watches one
    thread compares ``threading.get_ident()`` with its own (``thread``, set by ``observe``).
    """

    thread: int = 0

    def made(self, leaf: Value) -> None:
        """A leaf was made: ``Value(2.0)``, or a number an operation took as an operand."""

    def read(self, node: Value, reader: types.CodeType) -> None:
        """``node.data`` was read by code outside the engine (``reader``). The reader gets a
        ``Read``: the number, remembering ``node``. Raise to refuse the read."""

    def decided(self, symbol: str, value: Value, other: Any, result: bool) -> None:
        """A decision a Value answered: ``bool(v)`` (symbol ``"bool"``, ``other`` None) or a
        comparison (``"<"``, ``"<="``, ``">"``, ``">="``)."""

    def refused(self, op: Op, error: Exception) -> None:
        """An operation refused its inputs; ``error`` is raised next."""

    def entered(self, number: Read, where: str) -> None:
        """A ``Read`` (a number from ``.data``, or computed from one) became a Value or an
        operand of ``where``. Raise to refuse it."""


_observers: list[Observer] = []


class Read(float):
    """A number read from ``node.data`` while observed, or computed from one by arithmetic:
    a float in every way (compare it, print it), that remembers ``node`` so that an observer
    sees where it goes (``Observer.entered``). ``float(r)`` or ``math.exp(r)`` forget it.

    >>> r = Read(3.0, Value(3.0, label="x")); (r * 2, r > 1, f"{r}", (r + 1).node.label)
    (6.0, True, '3.0', 'x')
    """

    __slots__ = ("node",)

    def __new__(cls, number: float, node: Value) -> Read:
        read = super().__new__(cls, number)
        read.node = node
        return read

    def _follow(name: str) -> Callable[..., Any]:  # type: ignore[misc]
        plain = getattr(float, name)

        def apply(self: Read, *other: Any) -> Any:
            result = plain(self, *other)
            return Read(result, self.node) if type(result) is float else result

        return apply

    __add__, __radd__ = _follow("__add__"), _follow("__radd__")
    __sub__, __rsub__ = _follow("__sub__"), _follow("__rsub__")
    __mul__, __rmul__ = _follow("__mul__"), _follow("__rmul__")
    __truediv__, __rtruediv__ = _follow("__truediv__"), _follow("__rtruediv__")
    __pow__, __rpow__ = _follow("__pow__"), _follow("__rpow__")
    __floordiv__, __mod__ = _follow("__floordiv__"), _follow("__mod__")
    __neg__, __pos__, __abs__ = _follow("__neg__"), _follow("__pos__"), _follow("__abs__")
    del _follow


_ROWS = vars(ops)  # the table's rows by name (``"MUL"``), looked up at each call

# An operator of the engine, written at import from its row: the row's forward as Python
# (``autograd.written``: ``a * b``, ``math.tanh(x)``), inline in straight-line code that builds
# the node, so a node costs no call of the row's function. The row is read from the table at
# each call, as everything reads it: a row replaced in ops (a test breaking a derivative) is the
# one applied, through ``_apply``, as is anything out of the ordinary: an error (the row's
# ``fail()`` where its code raises), an int a user put in ``.data``, an overflow or a NaN.
_OPERATOR = """
def make(row, forward, fail):
    def operator({params}):
        op = _ROWS[{key!r}]
{convert}        if op is row:
            try:
                {inputs} = {reads}
                data = {result}
            except Exception:
                data = None  # _apply below raises the row's own error
            if type(data) is float and _NEG_INF < data < INF:
                node = _new(Value)
                node._data = data
                node.grad = 0.0
                node.label = None
                node._first = self
                node._second = {second}
                node._op = op
                node._uses = 0
                return node
        return _apply(op, {params})
    return operator
"""
_BINARY = {
    "params": "self, other",
    "convert": "        if type(other) is not Value:\n"
    "            other = _operand(other, op.name)\n",
    "inputs": "a, b",
    "reads": "self._data, other._data",
    "second": "other",
}
_UNARY = {"params": "self", "convert": "", "inputs": "x", "reads": "self._data", "second": "None"}


@cache  # ``__mul__`` and ``__rmul__`` share one
def _operator(row: str, arity: int) -> Callable[..., Value]:
    """The operator (``a * b``) or method (``x.tanh()``) of the row ``ops.<row>``, written
    from the row (``_OPERATOR``): the engine's hot path."""
    op = _ROWS[row]
    parts = _BINARY if arity == 2 else _UNARY
    inputs = parts["inputs"]
    result = written(op.forward, inputs.split(", ")) or f"forward({inputs})"
    source = _OPERATOR.format(key=row, result=result, **parts)
    scope: dict[str, Any] = {}
    exec(compile(source, f"<Value operator written from ops.{row}>", "exec"), globals(), scope)
    operator = scope["make"](op, op.forward, _fail)
    operator.__name__ = f"__{op.name}__" if arity == 2 else op.name
    operator.__qualname__ = f"Value.{operator.__name__}"
    return operator


def _fail() -> None:
    """Where a row's code raises (a domain check), its written forward calls this."""
    raise ArithmeticError


def _binary(row: str, reflected: bool = False) -> Callable[[Value, Any], Value]:
    """The operator of the row ``ops.<row>`` (``a + b``; ``reflected``: ``2 + a``)."""
    operator = _operator(row, 2)
    if not reflected:
        return operator
    name = _ROWS[row].name

    def swapped(self: Value, other: Any) -> Value:  # `2 + a`: Python asks a, the right operand
        return operator(_operand(other, name), self)

    swapped.__name__ = f"__r{name}__"
    return swapped


def _unary(row: str) -> Callable[[Value], Value]:
    """The method of the row ``row`` of one input (``x.tanh()``)."""
    return _operator(row, 1)


class Value:
    """A scalar node of a computation graph: ``data``, ``grad`` and how it was computed.

    >>> x = Value(3.0, label="x")
    >>> y = x ** 2
    >>> y.backward(); x.grad
    6.0
    """

    __slots__ = ("_data", "grad", "label", "_first", "_second", "_op", "_uses", "__weakref__")

    _data: float  # the engine reads this slot; ``.data`` is the public, observable name
    grad: Any
    label: str | None
    # The parents without a tuple for one or two (a tuple is one more object for the cyclic
    # collector to track, 0.05 µs a node): the first (None for a leaf), and the second (None
    # for one parent) or, for three or more, the tuple of them all.
    _first: Value | None
    _second: Value | tuple[Value, ...] | None
    _op: Op | None
    _uses: int  # how many users backward still waits on (``backward._count_uses``); 0 after

    def __init__(self, data: float, label: str | None = None) -> None:
        if type(data) is not float or not -INF < data < INF:  # the common case, quickly
            data = checked_float(data, "Value")
        if label is not None and not isinstance(label, str):  # else draw fails, far from here
            raise TypeError(f"Value: label: expected a str or None, got {shown(label)}")
        self._data = data
        self.grad = 0.0
        self.label = label
        self._first = self._second = None
        self._op = None
        self._uses = 0
        if _observers:
            for observer in _observers:
                observer.made(self)

    @property
    def data(self) -> float:
        """The number this node holds (assign it to change a leaf, as micrograd's SGD does)."""
        if _observers:
            return _read(self)
        return self._data

    @data.setter
    def data(self, number: float) -> None:
        self._data = number

    @classmethod
    @contextmanager
    def observe(cls, observer: Observer) -> Iterator[Observer]:
        """Report to ``observer`` what every Value does, in this thread, until the block ends.

        >>> class Reads(Observer):
        ...     def read(self, node, reader): print("read", node.label)
        >>> x = Value(2.0, label="x")
        >>> with Value.observe(Reads()):
        ...     y = x.data * 2
        read x
        """
        observer.thread = threading.get_ident()
        _observers.append(observer)
        try:
            yield observer
        finally:
            _observers.remove(observer)

    # ---- the graph ----------------------------------------------------------------------

    @property
    def parents(self) -> tuple[Value, ...]:
        """The nodes this one was computed from, in the order the operation takes them."""
        first, second = self._first, self._second
        if second is None:
            return () if first is None else (first,)
        if type(second) is tuple:
            return second
        return (first, second)

    _parents = parents  # the name the graph walks read (``graph.Node``)

    @property
    def op(self) -> Op | None:
        """The row of ``autograd.ops`` that computed this node; ``None`` for a leaf."""
        return self._op

    @property
    def is_leaf(self) -> bool:
        return self._first is None

    def backward(self) -> None:
        """Set ``.grad`` of every node below this one to its derivative of this node.

        Leaves accumulate over calls, as in PyTorch; ``zero_grad()`` resets them.
        """
        _backward.backward(self)

    def zero_grad(self) -> None:
        """Set ``.grad`` to 0 on this node and every node below it."""
        _backward.zero_grad(self)

    def register_hook(self, hook: Callable[[Any], Any]) -> _backward.RemovableHandle:
        """Call ``hook(grad)`` when ``backward()`` has computed this node's gradient; a hook
        that returns a number replaces it (PyTorch's ``register_hook``). ``.remove()`` on
        the handle returned takes it off.

        >>> x = Value(2.0); seen = []
        >>> handle = x.register_hook(seen.append)
        >>> (x * x).backward(); seen
        [4.0]
        """
        return _backward.register_hook(self, hook)

    # ---- arithmetic ---------------------------------------------------------------------

    __add__, __radd__ = _binary("ADD"), _binary("ADD", reflected=True)
    __sub__, __rsub__ = _binary("SUB"), _binary("SUB", reflected=True)
    __mul__, __rmul__ = _binary("MUL"), _binary("MUL", reflected=True)
    __truediv__, __rtruediv__ = _binary("DIV"), _binary("DIV", reflected=True)

    def __pow__(self, other: Any) -> Value:
        if type(other) is Value:
            return _apply(ops.POW, self, other)
        return _apply(ops.power(checked_float(other, "pow")), self)

    def __rpow__(self, other: Any) -> Value:
        return _apply(ops.exp_base(checked_float(other, "pow")), self)

    __neg__ = _unary("NEG")

    def __pos__(self) -> Value:
        return self

    def __bool__(self) -> bool:
        truth = self._data != 0.0  # as for numbers and PyTorch's tensors: `if loss:` means ≠ 0
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

    __abs__ = _unary("ABS")

    def clone(self) -> Value:
        """A new node equal to this one, its derivative 1: a variable of its own, as in PyTorch.

        >>> x = Value(3.0); y = x.clone(); (x * y).backward(); y.grad
        3.0
        """
        return _apply(ops.CLONE, self)

    def detach(self) -> Value:
        """This value with its derivative cut: a node whose local derivative is 0 by
        declaration (``autograd.stop_gradient``), drawn as a cut edge.

        >>> x = Value(3.0); y = x * x.detach(); y.backward(); x.grad  # 3, not 6
        3.0
        """
        return _apply(ops.STOP_GRADIENT, self)

    exp = _unary("EXP")

    log = _unary("LOG")

    sqrt = _unary("SQRT")

    tanh = _unary("TANH")

    sigmoid = _unary("SIGMOID")

    relu = _unary("RELU")

    sin = _unary("SIN")

    cos = _unary("COS")

    abs = _unary("ABS")

    # ---- display and pickling -----------------------------------------------------------

    def __repr__(self) -> str:
        label = "" if self.label is None else f", label={self.label!r}"
        return f"Value(data={rounded_repr(self._data)}, grad={rounded_repr(self.grad)}{label})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a Value as its graph (``autograd.draw``); other front ends its repr."""
        return picture_bundle(self, repr(self))

    def __format__(self, spec: str) -> str:
        return format(self._data, spec)

    def __reduce__(self) -> tuple[Any, ...]:
        if self._first is not None:
            raise TypeError(
                "pickle: only leaf Values can be pickled; this one was computed by "
                f"{self._op.name}. Save the leaves (for a model, its parameters as JSON)"
            )
        return (_restore, (self._data, self.grad, self.label))


Picture = Callable[..., "dict[str, str]"]  # (root, text, **options) -> Jupyter's bundle

# How Jupyter pictures a graph: registered from above (the package registers the drawing
# layer, which needs graphviz, an optional extra); this layer knows nothing of drawing.
_picture: list[Picture] = []


def register_picture(picture: Picture) -> None:
    """Show Values (and models) in Jupyter as ``picture(root, text, **options)`` draws them."""
    _picture[:] = [picture]


def picture_bundle(root: Value, text: str, **options: Any) -> dict[str, str]:
    """What Jupyter shows of ``root``: its picture, or ``text`` and why there is none."""
    if not _picture:
        return {"text/plain": f"{text}\n(no picture: no drawing layer is registered)"}
    return _picture[0](root, text, **options)


def _compare(symbol: str, value: Value, other: Any) -> Any:
    """``value <symbol> other`` on numbers; NotImplemented for anything but a real or a Value."""
    if type(other) is Value:
        number = other._data
    elif type(other) is float or type(other) is int or isinstance(other, numbers.Real):
        number = other
    else:
        return NotImplemented  # Python then tries the other side, and raises TypeError
    result = COMPARISONS[symbol](value._data, number)
    if _observers:
        _decided(symbol, value, other, result)
    return result


def _decided(symbol: str, value: Value, other: Any, result: bool) -> None:
    for observer in _observers:
        observer.decided(symbol, value, other, result)


def _read(node: Value) -> float:
    """``node.data`` while observed: for a reader outside the engine, a ``Read``."""
    reader = sys._getframe(2).f_code  # 0: here, 1: the property, 2: who read it
    if reader.co_filename.startswith(_PACKAGE):
        return node._data
    for observer in _observers:
        observer.read(node, reader)
    data = node._data
    return Read(data, node) if type(data) is float else data


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
        if type(x) is Read and _observers:
            for observer in _observers:
                observer.entered(x, where)
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
    try:  # costs nothing until an operation refuses (then observers hear of it)
        arity = len(parents)
        if arity == 1:
            data = op.forward(parents[0]._data)
        elif arity == 2:
            data = op.forward(parents[0]._data, parents[1]._data)
        else:
            data = op.forward(*[p._data for p in parents])
        if type(data) is not float or not -INF < data < INF:
            # float arithmetic overflows to inf without a word (and a NaN a user put in .data
            # gives NaN); an int (from a .data a user set) becomes the float it is
            if type(data) is float or not -INF < data < INF:
                raise refusal(op, [p._data for p in parents], data)
            data = checked_float(data, op.name)
    except Exception as error:
        for observer in _observers:
            observer.refused(op, error)
        raise
    node = _new(Value)
    node._data = data
    node.grad = 0.0
    node.label = None
    if len(parents) > 2:
        node._first, node._second = parents[0], parents
    elif parents:
        node._first, node._second = parents[0], parents[1] if len(parents) == 2 else None
    else:
        node._first = node._second = None
    node._op = op
    node._uses = 0
    return node


def apply(op: Op, *operands: Any) -> Value:
    """A new node: the row ``op`` applied to ``operands`` (Values, or numbers as constants).

    >>> from autograd import ops
    >>> apply(ops.MUL, Value(3.0), 2).data
    6.0
    """
    if op.arity is not None and len(operands) != op.arity:
        raise TypeError(f"{op.name}: expected {op.arity} inputs, got {len(operands)}")
    return _apply(op, *[_operand(x, op.name) for x in operands])


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


MAX_SOFTMAX = 2_000  # 4,000 outputs of 4,000 inputs: 5.4 s and 133 MB to build


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
    if len(terms) > MAX_SOFTMAX:  # n outputs each reading n inputs: n² edges
        raise ValueError(
            f"softmax: {len(terms):,} values; at most {MAX_SOFTMAX:,}, since each output reads "
            "every input; for a loss, cross_entropy and logsumexp take any number"
        )
    return [_apply(ops.softmax(i), *terms) for i in range(len(terms))]
