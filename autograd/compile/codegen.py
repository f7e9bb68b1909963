"""Code generation: a tape on floats as one straight-line Python function.

Each step is written by its row of ``autograd.ops``: the row's ``forward`` and
``local_grads`` run on symbols (``autograd.written``), whose arithmetic writes the expression
instead of computing it; a row that branches on a value is called instead. Every identifier
in the source is made from a number (``v3``, ``d3``, ``leaf0``, ``f1``): a user's label or
argument name appears only in comments, quoted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..numtext import is_number
from ..ops import INF, Op
from ..written import (
    ATOM,
    Forked,
    NotStraight,
    Symbol,
    deciding_nothing,
    expression,
    literal,
    on_symbols,
    straight_line,
)
from .tracing import Diverged, Guard, shown

if TYPE_CHECKING:
    from .program import Program

__all__ = ["NotFinite", "Unusual", "generate", "guard_source"]


class NotFinite(Exception):
    """The generated code met an infinity or NaN: the checked replay says where."""


class Unusual(Exception):
    """An argument is not a float: the general path converts it, or refuses it."""


MODES = ("value", "value_and_grad", "backward", "step")
"""What a generated function does: the value; the value and every gradient; the value, adding
each leaf's gradient to its ``.grad``; or a training step, each parameter updated by the
optimizer."""


def generate(tape: Program, mode: str, optimizer: Any = None) -> tuple[str, dict[str, Any]]:
    """The source of ``mode`` and the names it reads. Every identifier in it is made
    here from a slot's or a step's number (``v3``, ``d3``, ``leaf0``, ``f1``); a user's
    label or argument name appears only in comments, quoted. ``optimizer``: for
    ``"step"``, whose update (its own ``_update``, written out) the step makes.
    """
    first, arity = tape.first, tape.arity
    names = [f"v{s}" for s in range(first + len(tape.steps))]
    namespace: dict[str, Any] = {
        "math": math,
        "hypot": math.hypot,
        "INF": INF,
        "Diverged": Diverged,
        "NotFinite": NotFinite,
        "Unusual": Unusual,
        "fail": _fail,
    }
    args = names[:arity]
    lines = [f"def {mode}({', '.join(args)}):"]
    emit = lines.append
    if args:
        quoted = ", ".join(f"{a} {shown(tape.labels[i])}" for i, a in enumerate(args))
        emit(f"    # arguments: {quoted}")
        # several: one chain of `is`, fewer steps than a test per argument joined by `or`
        types = " is ".join(f"type({a})" for a in args)
        emit(f"    if {types} is not float:" if arity == 1 else f"    if not ({types} is float):")
        emit("        raise Unusual")
    text: dict[int, str] = {i: a for i, a in enumerate(args)}
    for j, leaf in enumerate(tape.leaves):
        i = arity + j
        namespace[f"leaf{j}"] = leaf
        comment = f"  # {shown(leaf.label)}" if leaf.label else ""
        emit(f"    {names[i]} = leaf{j}._data{comment}")
        text[i] = names[i]
    for s, c in tape.folded.items():
        text[s] = literal(c)
    guards_after = tape.guards_by_step()

    def emit_guards(k: int) -> None:
        for g in guards_after.get(k, ()):
            emit(_guard_code(tape, g, text, namespace))

    emit_guards(-1)
    functions: dict[int, str] = {}
    # A leaf holds a finite number (a Value refuses others): the arguments and every
    # computed number are checked, as the Value engine checks each result; not one read by
    # a row that propagates an inf or nan (a sum, a product), whose result is checked.
    checked = list(range(arity))
    propagated: set[int] = set()
    for k, (op, parents) in enumerate(tape.steps):
        s = first + k
        if s not in tape.folded:
            if op.propagates:
                propagated.update(parents)
            inputs = [_symbol_or_number(tape, p, text) for p in parents]
            # a long sum is a call: Python's parser nests at most 200 parentheses deep
            rhs = None if len(parents) > 64 else straight_line(op.forward, inputs)
            if rhs is None:
                call = _function(op.forward, op, "f", namespace, functions)
                rhs = f"{call}({', '.join(text[p] for p in parents)})  # {shown(op.name)}"
            emit(f"    {names[s]} = {rhs}")
            text[s] = names[s]
            checked.append(s)
        emit_guards(k)
    checked = [names[s] for s in checked if s not in propagated]
    if mode == "value":
        lines += _finite_check(checked)
        emit(f"    return {text[tape.output]}")
        return "\n".join(lines) + "\n", namespace
    # Only adjoints someone reads: those of the slots wanted, and of the steps between them
    # and the output (not a constant's, nor in a step an argument's).
    leaves = range(arity, arity + len(tape.leaves))
    if mode == "step":
        slot_of = {leaf: arity + j for j, leaf in enumerate(tape.leaves)}
        wanted = {slot_of[p] for p in optimizer.params if p in slot_of}
    else:
        wanted = set(leaves)
    if mode == "value_and_grad":
        wanted.update(range(arity))
    reaches = [i in wanted for i in range(first)]
    for _, parents in tape.steps:
        reaches.append(any(reaches[p] for p in parents))
    emit("    # backward: each adjoint the sum over the uses of its slot, in reverse order")
    adjoint: dict[int, str] = {tape.output: "1.0"}
    for k in reversed(range(len(tape.steps))):
        s = first + k
        if s not in adjoint or not reaches[s]:
            continue  # off every path from a wanted slot to the output
        op, parents = tape.steps[k]
        g = adjoint[s]
        grads = _local_grad_texts(tape, k, text, namespace, functions, emit)
        for p, local in zip(parents, grads):
            if not reaches[p]:
                continue
            dp = f"d{p}"
            term = g if local == "1.0" else local if g == "1.0" else f"{local} * {g}"
            if p not in adjoint and is_number(term):
                adjoint[p] = term  # a constant adjoint (1.0 from the output) is folded
            elif p not in adjoint:
                emit(f"    {dp} = {term}")
                adjoint[p] = dp
            elif is_number(adjoint[p]):
                emit(f"    {dp} = {adjoint[p]} + {term}")
                adjoint[p] = dp
            else:
                emit(f"    {dp} += {term}")
    value = text[tape.output]
    if mode == "step":
        update = _Update(optimizer, namespace, lines)
        for i, param in enumerate(optimizer.params):
            s = slot_of.get(param)
            update.parameter(i, names[s] if s is not None else None, adjoint.get(s, 0.0))
        lines += _finite_check([*checked, *update.checked])  # once: values and the update
        update.store()
        namespace["decided"] = update.decided
        emit(f"    return {value}")
        # Whatever the fast way cannot do (arrays, another branch, an error to name) goes
        # the general way; nothing is written before every check has passed.
        body = ["    " + line for line in "\n".join(_inlined(lines[1:])).splitlines()]  # guards: 2
        missed = "except (TypeError, ArithmeticError, LookupError, ValueError, Unusual, Diverged,"
        missed += " NotFinite)"  # LookupError: an optimizer's state before its first step
        lines = [lines[0], "    try:", *body, f"    {missed}:"]
        lines.append(f"        return general({', '.join(args)})")
        return "\n".join(lines) + "\n", namespace
    ends = [adjoint[i] for i in range(first) if i in adjoint and i != tape.output]
    lines += _finite_check([*checked, *ends])  # once: the values and the gradients
    if mode == "backward":
        for j in range(len(tape.leaves)):
            if arity + j in adjoint:
                emit(f"    leaf{j}.grad += {adjoint[arity + j]}")
        emit(f"    return {value}")
    else:
        dargs = [adjoint.get(i, "0.0") for i in range(arity)]
        dleaves = [adjoint.get(i, "0.0") for i in leaves]
        emit(f"    return {value}, {_tuple(dargs)}, {_tuple(dleaves)}")
    return "\n".join(_inlined(lines)) + "\n", namespace


def _fail() -> None:
    """Where a row's code raises (a domain check), the generated code calls this: the
    checked replay then raises the row's own error."""
    raise NotFinite


def _symbol_or_number(tape: Program, s: int, text: dict[int, str]) -> Any:
    return tape.folded[s] if s in tape.folded else Symbol(text[s])

def _local_grad_texts(
    tape: Program, k: int, text: dict[int, str], namespace: dict, functions: dict, emit: Callable
) -> list[str]:
    op, parents = tape.steps[k]
    s = tape.first + k
    if s in tape.folded:  # a constant: its derivatives are numbers, known now
        try:
            grads = op.local_grads(tape.folded[s], *(tape.folded[p] for p in parents))
        except (ArithmeticError, ValueError):
            grads = (math.nan,) * len(parents)
        if not all(-INF < d < INF for d in grads):
            emit("    raise NotFinite  # a constant's derivative is undefined here")
        return [literal(d) if -INF < d < INF else "0.0" for d in grads]
    out = _symbol_or_number(tape, s, text)
    inputs = [_symbol_or_number(tape, p, text) for p in parents]
    grads = straight_line(op.local_grads, [out, *inputs], several=True)
    if grads is not None:
        return grads
    name = f"l{s}"
    call = f"{_function(op.local_grads, op, 'df', namespace, functions)}"
    reads = ", ".join(text[i] for i in (s, *parents))
    emit(f"    {name} = {call}({reads})  # {shown(op.name)}")
    return [f"{name}[{i}]" for i in range(len(parents))]

def _guard_code(tape: Program, g: int, text: dict[int, str], namespace: dict) -> str:
    guard = tape.guards[g]
    number = guard.number
    plain = type(number) is float and -INF < number < INF
    plain |= type(number) is int and -(10**15) < number < 10**15
    if guard.right is None and not plain:
        namespace[f"n{g}"] = number  # an int, a Fraction, inf: compared as it is
        guard = guard._replace(number=_Named(f"n{g}"))
    test = guard_source(guard, text)
    test = f"not ({test})" if guard.result else test
    return f"    if {test}:\n        raise Diverged({g})"


def guard_source(guard: Guard, text: Sequence[str] | dict[int, str]) -> str:
    """The decision as Python: ``x > 0.0``, ``v5 <= w1``, ``bool(a)``."""
    if guard.symbol == "bool":
        return f"{text[guard.left]} != 0.0"
    if guard.right is not None:
        other = text[guard.right]
    else:
        number = guard.number
        other = literal(number) if type(number) is float else repr(number)
    return f"{text[guard.left]} {guard.symbol} {other}"


class _Named(str):
    """A name standing for a number in generated source (its repr is the name)."""

    def __repr__(self) -> str:
        return str(self)


def _function(fn: Callable[..., Any], op: Op, kind: str, namespace: dict, names: dict) -> str:
    """The name under which the generated code calls ``fn`` (a row's forward or local_grads)."""
    if id(fn) not in names:
        name = f"{kind}{len(names)}"  # numbered: an operation's name may be anything
        namespace[name] = fn
        names[id(fn)] = name
    return names[id(fn)]


def _tuple(items: Sequence[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


_ADJOINT = re.compile(r"    (d\d+) = ([^#]*)")
_ADJOINT_NAME = re.compile(r"\bd\d+\b")
_ATOMIC = re.compile(r"[\w.]+")  # a name or a number: no parentheses needed
_MOST_INLINED = 8  # adjoints written into one another at most this deep: a chain's stay short


def _inlined(lines: list[str]) -> list[str]:
    """``lines`` with each adjoint read once written where it is read: ``n9 = v12 - h_lr *
    (v18 * d23)``, not ``d12 = v18 * d23`` first. The same operations in the same order (so the
    same numbers), but a number kept in a local lives until the function returns, while one
    used where it is made is freed at once and its memory reused: 3–5 % of the homework step.
    Not into a line that branches (``a if t else b``: it would be computed on one way only)
    or carries a comment (a name there is not a read).

    >>> _inlined(["    d3 = v1 * d4", "    n0 = v0 - h_lr * d3"])
    ['    n0 = v0 - h_lr * (v1 * d4)']
    """
    reads: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        for name in _ADJOINT_NAME.findall(line):
            reads.setdefault(name, []).append(i)
    lines, depth, gone = list(lines), [0] * len(lines), set()
    for i, line in enumerate(lines):
        written = _ADJOINT.fullmatch(line)
        if written is None or depth[i] == _MOST_INLINED:
            continue
        name, expression = written.groups()
        at = reads[name]  # the assignment itself, then each read
        if len(at) != 2 or at[0] != i or " if " in lines[at[1]] or "#" in lines[at[1]]:
            continue
        j = at[1]
        if not _ATOMIC.fullmatch(expression):
            expression = f"({expression})"
        lines[j] = re.sub(rf"\b{name}\b", lambda _, text=expression: text, lines[j])
        depth[j] = max(depth[j], depth[i] + 1)
        gone.add(i)
    return [line for i, line in enumerate(lines) if i not in gone]


def _finite_check(names: Sequence[str], per_line: int = 40) -> list[str]:
    """Lines raising NotFinite if any of ``names`` is inf or nan, in one call: ``hypot`` is inf
    or nan if any of its arguments is (faster than a product 0·x·y·…, a Python operation
    each: 115 against 137 ns for 18 numbers). It overflows only where the numbers' norm passes
    the largest float, and such a step goes the general way: slower, the same answer. In
    short lines: Python's compiler recurses into long expressions."""
    if not names:
        return []
    lines = []
    for i in range(0, len(names), per_line):
        args = ", ".join(names[i : i + per_line])
        lines.append(f"    finite = hypot({'finite, ' if i else ''}{args})")
    return [*lines, "    if not finite < INF:", "        raise NotFinite"]


# ---- an optimizer's update, written by its own code --------------------------------------------


class _Update:
    """Writes an optimizer's update of each parameter: its own ``_update(p, g, state)`` run
    on symbols, so the code does the optimizer's arithmetic in its order (bit for bit with
    ``optimizer.step()``). Hyperparameters are read at each call (``h_lr = optimizer.lr``, a
    schedule may change them); where the update decides on one (``if momentum:``), the
    decision taken now is written, and ``decided`` records it. The state (a momentum
    buffer, Adam's moments) is read from ``optimizer.state`` and written back after the
    check; before the optimizer's first step there is none, and the step goes the general
    way (a ``KeyError``)."""

    def __init__(self, optimizer: Any, namespace: dict[str, Any], lines: list[str]) -> None:
        self.optimizer, self.namespace, self.lines = optimizer, namespace, lines
        self.start = len(lines)  # where the hyperparameters the update reads are read
        self.emit = lines.append
        self.decided: dict[tuple, bool] = {}  # (hyperparameter, index) -> truth decided on
        self.hypers = _Hypers(optimizer, self.decided)
        self.write = on_symbols(type(optimizer)._update)
        self.checked: list[str] = []  # the new numbers, and the gradients they read
        self.stores: list[str] = []
        self.loaded = False

    def parameter(self, i: int, p: str | None, g: str | float) -> None:
        """Write the update of parameter ``i``: its value's name (None: not on the tape, read
        from its Value) and its gradient (a name, a number)."""
        emit = self.emit
        target = f"param{i}"
        self.namespace[target] = self.optimizer.params[i]
        if p is None:
            p = f"q{i}"
            emit(f"    {p} = {target}._data")
        state = _State(i, emit)
        try:
            with deciding_nothing():  # a decision on a value (amsgrad's max) is not written
                new = self.write(self.hypers, Symbol(p), Symbol(g) if type(g) is str else g, state)
        except (Forked, NotStraight) as error:
            raise TypeError(
                f"tape.step: {type(self.optimizer).__name__}'s update decides on a value "
                "(amsgrad's max); call tape.backward(*args) and optimizer.step() instead"
            ) from error
        text = expression(new)
        emit(f"    n{i} = {text}")
        self.checked.append(f"n{i}")
        if type(g) is str and not is_number(g) and text != f"{p} - h_lr * {g}":
            self.checked.append(g)  # p − lr·g propagates an inf g; another update may not
        self.stores.append(f"    {target}._data = n{i}")
        self.stores += state.stores

    def store(self) -> None:
        """The hyperparameters read where the update begins (those it computes with: one
        it only decided on is not read), and the stores, once the check has passed."""
        used = set(re.findall(r"\bh_\w+", "\n".join(self.lines[self.start :])))
        reads = [line for line, names in self.hypers.reads if used & set(names)]
        self.lines[self.start : self.start] = reads
        for line in self.stores:
            self.emit(line)


class _Hypers:
    """The optimizer as its ``_update`` sees it on symbols: each hyperparameter a local
    read once per call (``h_lr = optimizer.lr``)."""

    def __init__(self, optimizer: Any, decided: dict) -> None:
        self._optimizer, self._decided = optimizer, decided
        self._read: dict[str, Any] = {}
        self.reads: list[tuple[str, list[str]]] = []  # the lines reading them, their names

    def __getattr__(self, key: str) -> Any:
        value = getattr(self._optimizer, key)
        if key not in self._optimizer.defaults:
            return value  # a constant of the class (AdamW's decoupled decay)
        if key not in self._read:
            if isinstance(value, tuple):
                names = [f"h_{key}{i}" for i in range(len(value))]
                self.reads.append((f"    {', '.join(names)} = optimizer.{key}", names))
                self._read[key] = tuple(
                    _Hyper(n, (key, i), v, self._decided)
                    for i, (n, v) in enumerate(zip(names, value))
                )
            else:
                self.reads.append((f"    h_{key} = optimizer.{key}", [f"h_{key}"]))
                self._read[key] = _Hyper(f"h_{key}", (key, None), value, self._decided)
        return self._read[key]


class _Hyper(Symbol):
    """A hyperparameter: arithmetic writes its name; a decision on it is taken on its value
    now, and recorded in ``decided`` (by name, and index in a pair)."""

    __slots__ = ("key", "value", "decided")

    def __init__(self, text: str, key: tuple, value: Any, decided: dict) -> None:
        super().__init__(text)
        self.key, self.value, self.decided = key, value, decided

    def __bool__(self) -> bool:
        self.decided[self.key] = bool(self.value)
        return bool(self.value)


class _State:
    """A parameter's state as its ``_update`` sees it on symbols: each entry read from
    ``optimizer.state`` (written ``s3_exp_avg``), each entry set named and written back."""

    def __init__(self, i: int, emit: Callable) -> None:
        self.i, self.emit = i, emit
        self.entries: dict[str, Any] = {}
        self.stores: list[str] = []
        self.opened = False

    def open(self) -> None:
        if not self.opened:
            self.emit(f"    state{self.i} = optimizer.state[{self.i}]")
            self.opened = True

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self.entries:
            self.open()
            name = f"s{self.i}_{key}"
            self.emit(f"    {name} = state{self.i}[{key!r}]")
            self.entries[key] = Symbol(name)
        return self.entries[key]

    __getitem__ = get

    def __setitem__(self, key: str, value: Any) -> None:
        name = f"t{self.i}_{key}"
        self.emit(f"    {name} = {expression(value)}")
        if type(value) is Symbol:  # later reads of the same number read the name
            value.text, value.precedence = name, ATOM
        self.entries[key] = Symbol(name)
        self.open()
        self.stores.append(f"    state{self.i}[{key!r}] = {name}")
