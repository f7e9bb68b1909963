"""Code generation: a tape on floats as one straight-line Python function.

Each step is written by its row of ``autograd.ops``: the row's ``forward`` and
``local_grads`` run on symbols (``_Symbol``), objects whose arithmetic writes the expression
instead of computing it; a row that branches on a value is called instead. Every identifier
in the source is made from a number (``v3``, ``d3``, ``leaf0``, ``f1``): a user's label or
argument name appears only in comments, quoted.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..numtext import is_number
from ..ops import INF, Op
from .tracing import Diverged, Guard, shown

if TYPE_CHECKING:
    from .tape import Tape

__all__ = ["NotFinite", "Unusual", "generate", "guard_source", "literal", "written"]


class NotFinite(Exception):
    """The generated code met an infinity or NaN: the checked replay says where."""


class Unusual(Exception):
    """An argument is not a float: the general path converts it, or refuses it."""


MODES = ("value", "value_and_grad", "backward", "step")
"""What a generated function does: the value; the value and every gradient; the value, adding
each leaf's gradient to its ``.grad``; or a training step, each parameter updated by SGD."""


def generate(tape: Tape, mode: str, updated: Sequence[int] = ()) -> tuple[str, dict[str, Any]]:
    """The source of ``mode`` and the names it reads. Every identifier in it is made
    here from a slot's or a step's number (``v3``, ``d3``, ``leaf0``, ``f1``); a user's
    label or argument name appears only in comments, quoted. ``updated``: for ``"step"``,
    the leaves (by index in ``tape.leaves``) that SGD updates, reading the rate ``lr``."""
    first, arity = tape._first, tape.arity
    names = [f"v{s}" for s in range(first + len(tape.steps))]
    namespace: dict[str, Any] = {
        "math": math,
        "Diverged": Diverged,
        "NotFinite": NotFinite,
        "Unusual": Unusual,
        "fail": _fail,
    }
    args = names[:arity]
    lines = [f"def {mode}({', '.join(args)}):"]
    emit = lines.append
    if args:
        quoted = ", ".join(f"{a} {shown(tape._labels[i])}" for i, a in enumerate(args))
        emit(f"    # arguments: {quoted}")
        emit(f"    if {' or '.join(f'type({a}) is not float' for a in args)}:")
        emit("        raise Unusual")
    text: dict[int, str] = {i: a for i, a in enumerate(args)}
    for j, leaf in enumerate(tape.leaves):
        i = arity + j
        namespace[f"leaf{j}"] = leaf
        comment = f"  # {shown(leaf.label)}" if leaf.label else ""
        emit(f"    {names[i]} = leaf{j}._data{comment}")
        text[i] = names[i]
    for s, c in tape._folded.items():
        text[s] = literal(c)
    guards_after = tape._guards_by_step()

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
        if s not in tape._folded:
            if op.propagates:
                propagated.update(parents)
            inputs = [_symbol_or_number(tape, p, text) for p in parents]
            # a long sum is a call: Python's parser nests at most 200 parentheses deep
            rhs = None if len(parents) > 64 else _straight_line(op.forward, inputs)
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
    wanted = {arity + j for j in updated} if mode == "step" else set(leaves)
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
        new = {j: f"p{j}" for j in updated if arity + j in adjoint}
        if new:
            emit("    lr = optimizer.lr")
        for j, p in new.items():
            emit(f"    {p} = {names[arity + j]} - lr * {adjoint[arity + j]}")
        lines += _finite_check([*checked, *new.values()])  # once: the values and the update
        for j, p in new.items():
            emit(f"    leaf{j}._data = {p}")
        emit(f"    return {value}")
        # Whatever the fast way cannot do (arrays, another branch, an error to name) goes
        # the general way; nothing is written before every check has passed.
        body = ["    " + line for line in "\n".join(lines[1:]).splitlines()]  # guards: 2 lines
        missed = "except (TypeError, ArithmeticError, ValueError, Unusual, Diverged, NotFinite)"
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
    return "\n".join(lines) + "\n", namespace


def _fail() -> None:
    """Where a row's code raises (a domain check), the generated code calls this: the
    checked replay then raises the row's own error."""
    raise NotFinite


def _symbol_or_number(tape: Tape, s: int, text: dict[int, str]) -> Any:
    return tape._folded[s] if s in tape._folded else _Symbol(text[s])

def _local_grad_texts(
    tape: Tape, k: int, text: dict[int, str], namespace: dict, functions: dict, emit: Callable
) -> list[str]:
    op, parents = tape.steps[k]
    s = tape._first + k
    if s in tape._folded:  # a constant: its derivatives are numbers, known now
        try:
            grads = op.local_grads(tape._folded[s], *(tape._folded[p] for p in parents))
        except (ArithmeticError, ValueError):
            grads = (math.nan,) * len(parents)
        if not all(-INF < d < INF for d in grads):
            emit("    raise NotFinite  # a constant's derivative is undefined here")
        return [literal(d) if -INF < d < INF else "0.0" for d in grads]
    out = _symbol_or_number(tape, s, text)
    inputs = [_symbol_or_number(tape, p, text) for p in parents]
    grads = _straight_line(op.local_grads, [out, *inputs], several=True)
    if grads is not None:
        return grads
    name = f"l{s}"
    call = f"{_function(op.local_grads, op, 'df', namespace, functions)}"
    reads = ", ".join(text[i] for i in (s, *parents))
    emit(f"    {name} = {call}({reads})  # {shown(op.name)}")
    return [f"{name}[{i}]" for i in range(len(parents))]

def _guard_code(tape: Tape, g: int, text: dict[int, str], namespace: dict) -> str:
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


# ---- symbols: a row's own code writing its expression -----------------------------------------


class _NotStraight(Exception):
    """A row's code branched on a value: it is called, not written out."""


_PRECEDENCE = {"<": 0, "<=": 0, ">": 0, ">=": 0, "==": 0, "!=": 0, "+": 1, "-": 1}
_PRECEDENCE |= {"*": 2, "/": 2, "neg": 3, "**": 4}
_ATOM = 5


class _Symbol:
    """A number not known yet: arithmetic on it writes the expression that computes it, with
    only the parentheses Python needs (``a + b + c`` adds left to right, as written)."""

    __slots__ = ("text", "precedence")

    def __init__(self, text: str, precedence: int = _ATOM) -> None:
        self.text, self.precedence = text, precedence

    @property
    def _data(self) -> _Symbol:  # what ops' helpers read of a Value: the number itself
        return self

    def __bool__(self) -> bool:
        # A row's code deciding on a value: the decision the run under way was told to take,
        # or, past those, a fork (both ways are then written, joined by a conditional).
        run = _writing[-1] if _writing else None
        if run is None:
            raise _NotStraight
        if run.taken < len(run.script):
            run.taken += 1
            return run.script[run.taken - 1]
        raise _Forked(self.text)

    def __abs__(self) -> _Symbol:
        return _Symbol(f"abs({self.text})")

    def _binary(symbol: str, reflected: bool = False) -> Callable[..., _Symbol]:
        rank = _PRECEDENCE[symbol]

        def apply(self: _Symbol, other: Any) -> _Symbol:
            if symbol == "+" and type(other) is float and other == 0.0:
                return self  # sum and dot start from 0.0: x + 0.0 is x (up to the sign of 0)
            if symbol == "**" and not reflected and type(other) is float and other == 1.0:
                return self  # x ** 1.0 is x, exactly, for every float (a power's derivative)
            a, b = (other, self) if reflected else (self, other)
            left = _operand(a, rank if symbol != "**" else rank + 1)
            right = _operand(b, rank + 1 if symbol != "**" else _ATOM)
            return _Symbol(f"{left} {symbol} {right}", rank)

        return apply

    __add__, __radd__ = _binary("+"), _binary("+", True)
    __sub__, __rsub__ = _binary("-"), _binary("-", True)
    __mul__, __rmul__ = _binary("*"), _binary("*", True)
    __truediv__, __rtruediv__ = _binary("/"), _binary("/", True)
    __pow__, __rpow__ = _binary("**"), _binary("**", True)
    __lt__, __le__ = _binary("<"), _binary("<=")
    __gt__, __ge__ = _binary(">"), _binary(">=")
    __eq__, __ne__ = _binary("=="), _binary("!=")  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self) -> _Symbol:
        return _Symbol(f"-{_operand(self, _PRECEDENCE['neg'])}", _PRECEDENCE["neg"])

    def _math(name: str) -> Callable[[_Symbol], _Symbol]:
        return lambda self: _Symbol(f"math.{name}({self.text})")

    exp, log, sqrt, tanh, sin, cos = map(_math, ("exp", "log", "sqrt", "tanh", "sin", "cos"))


def _operand(x: Any, at_least: int) -> str:
    """``x`` as an operand: in parentheses if it binds less tightly than ``at_least``."""
    if type(x) is float:
        return literal(x) if -INF < x < INF else "fail()"  # NaN: a derivative undefined here
    if type(x) is not _Symbol:
        raise _NotStraight
    return x.text if x.precedence >= at_least else f"({x.text})"


def _text(x: Any) -> str:
    return _operand(x, 0)


def literal(x: float) -> str:
    return repr(x) if x >= 0.0 else f"({x!r})"


class _Forked(Exception):
    """A row's code decided on a symbol's value (``test``) past the decisions it was given."""

    def __init__(self, test: str) -> None:
        self.test = test


class _Run:
    """One run of a row's code on symbols, taking the decisions ``script`` in order."""

    def __init__(self, script: tuple[bool, ...]) -> None:
        self.script, self.taken = script, 0


_writing: list[_Run] = []
_FAILS = object()  # a branch where the row's code raises: the generated code calls fail()
_MOST_DECISIONS = 3  # a row deciding more often than this on its inputs is called instead


class _SymbolicMath:
    """``math`` as a row's code sees it on symbols: a function of a symbol writes its call
    (``math.exp(v3)``); on numbers, the function itself."""

    def __getattr__(self, name: str) -> Any:
        real = getattr(math, name)
        if not callable(real):
            return real

        def call(*args: Any) -> Any:
            if any(type(a) is _Symbol for a in args):
                return _Symbol(f"math.{name}({', '.join(map(_text, args))})")
            return real(*args)

        return call


_MATH = _SymbolicMath()


def _on_symbols(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` reading ``math`` as ``_SymbolicMath``: a row's forward that is ``math.tanh``
    itself, or a function calling ``math.exp`` (sigmoid's two branches), writes its calls."""
    name = getattr(fn, "__name__", "")
    if getattr(math, name, None) is fn:
        return getattr(_MATH, name)
    code = getattr(fn, "__code__", None)
    if code is None or "math" not in code.co_names:
        return fn
    scope = {**fn.__globals__, "math": _MATH}
    return types.FunctionType(code, scope, name, fn.__defaults__, fn.__closure__)


def written(fn: Callable[..., Any], inputs: Sequence[str | float], several: bool = False) -> Any:
    """The expression (or with ``several`` the list of them) the row function ``fn`` computes
    on ``inputs``, names in generated code or numbers, as text; None where its code does not
    run on symbols.

    >>> from autograd.ops import MUL
    >>> written(MUL.local_grads, ["v5", "v3", 2.0], several=True)
    ['2.0', 'v3']
    """
    return _straight_line(fn, [x if type(x) is float else _Symbol(x) for x in inputs], several)


def _straight_line(fn: Callable[..., Any], inputs: list[Any], several: bool = False) -> Any:
    """The expression(s) ``fn`` computes on ``inputs``: run on symbols, the row's own
    arithmetic writes itself out. Where it decides on a value (sigmoid's ``x >= 0``, relu's
    ``x > 0``, a domain check), both ways are written, ``(a if test else b)``, a way that
    raises as ``fail()``. None where the code does not run on symbols."""
    try:
        written = _written(_on_symbols(fn), inputs, several, ())
    except _NotStraight:
        return None
    return None if written is _FAILS else written


def _written(fn: Callable[..., Any], inputs: list[Any], several: bool, script: tuple) -> Any:
    _writing.append(_Run(script))
    try:
        result = fn(*inputs)
        if several:
            return [_operand(d, _PRECEDENCE["*"]) for d in result]
        if type(result) is not _Symbol and type(result) is not float:
            raise _NotStraight
        return _text(result)
    except _Forked as fork:
        if len(script) == _MOST_DECISIONS:
            raise _NotStraight from None
        yes = _written(fn, inputs, several, (*script, True))
        no = _written(fn, inputs, several, (*script, False))
        return _joined(fork.test, yes, no, several)
    except _NotStraight:
        raise
    except Exception:  # this way raises (a domain check), or the code needs a real number
        if not script:
            raise _NotStraight from None
        return _FAILS
    finally:
        _writing.pop()


def _joined(test: str, yes: Any, no: Any, several: bool) -> Any:
    """``yes if test else no``, as text (element by element for several)."""
    if yes == no:
        return yes
    if yes is _FAILS and no is _FAILS:
        return _FAILS
    if not several:
        return f"({_or_fail(yes)} if {test} else {_or_fail(no)})"
    n = len(no if yes is _FAILS else yes)
    ys, ns = ([_FAILS] * n if x is _FAILS else x for x in (yes, no))
    both = f"({{}} if {test} else {{}})"
    return [y if y == m else both.format(_or_fail(y), _or_fail(m)) for y, m in zip(ys, ns)]


def _or_fail(text: Any) -> str:
    return "fail()" if text is _FAILS else text


def _function(fn: Callable[..., Any], op: Op, kind: str, namespace: dict, names: dict) -> str:
    """The name under which the generated code calls ``fn`` (a row's forward or local_grads)."""
    if id(fn) not in names:
        name = f"{kind}{len(names)}"  # numbered: an operation's name may be anything
        namespace[name] = fn
        names[id(fn)] = name
    return names[id(fn)]


def _tuple(items: Sequence[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def _finite_check(names: Sequence[str], per_line: int = 40) -> list[str]:
    """Lines raising NotFinite if any of ``names`` is inf or nan: 0·x is 0 for every finite x
    and nan otherwise, so one product checks them all (in short lines: Python's compiler
    recurses into long expressions)."""
    if not names:
        return []
    lines = []
    for i in range(0, len(names), per_line):
        factors = " * ".join(names[i : i + per_line])
        lines.append(f"    finite = {'0.0' if i == 0 else 'finite'} * {factors}")
    return [*lines, "    if finite != 0.0:", "        raise NotFinite"]

