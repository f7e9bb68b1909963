"""The backward pass: reverse-mode accumulation, without recursion.

Every function here walks the graph with an explicit stack or over ``topological_order``
(``autograd.graph``), so a chain a million operations deep needs no more than memory
proportional to its size.
"""

from __future__ import annotations

import numbers
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from . import ops
from .chain import local_grads, not_finite, product
from .graph import Node, depends_on, topological_order
from .ops import INF
from .written import written

_NEG_INF = -INF  # a constant: `-INF` in the loop would negate it at every step

__all__ = [
    "Hook",
    "RemovableHandle",
    "backward",
    "gradients",
    "has_hooks",
    "register_hook",
    "zero_grad",
]

Hook = Callable[[Any], Any]
_hooks: weakref.WeakKeyDictionary[Node, list[Hook]] = weakref.WeakKeyDictionary()
"""The hooks on each node's gradient, kept beside the graph (not in a slot of every Value,
so that the nodes without one, nearly all, pay nothing) and dropped with their node."""


class RemovableHandle:
    """What ``register_hook`` returns, as in PyTorch: ``handle.remove()`` takes the hook off."""

    def __init__(self, node: Node, hook: Hook) -> None:
        self._node, self._hook = weakref.ref(node), hook

    def remove(self) -> None:
        node = self._node()
        hooks = _hooks.get(node) if node is not None else None
        if hooks and self._hook in hooks:
            hooks.remove(self._hook)
            if not hooks:
                del _hooks[node]


def register_hook(node: Node, hook: Hook) -> RemovableHandle:
    """Call ``hook(grad)`` each time ``backward()`` has computed ``∂root/∂node`` (PyTorch's
    ``Tensor.register_hook``); a hook that returns a number replaces the gradient passed on.
    On a leaf, ``grad`` is what this call of ``backward()`` adds to ``.grad``."""
    if not callable(hook):
        raise TypeError(f"register_hook: expected a function of the gradient, got {hook!r}")
    _hooks.setdefault(node, []).append(hook)
    return RemovableHandle(node, hook)


def has_hooks(node: Node) -> bool:
    """Whether a hook watches ``node``'s gradient."""
    return bool(_hooks) and node in _hooks


def _run_hooks(node: Node, g: Any) -> Any:
    for hook in list(_hooks.get(node, ())):
        replaced = hook(g)
        if replaced is not None:
            g = _replacement(node, replaced)
    return g


def _replacement(node: Node, g: Any) -> float:
    """What a hook returned, as the gradient passed on: a finite number, else one line
    naming the node (a NaN would be blamed on the operation below it)."""
    where = f"register_hook: a hook on {node.label or 'a node'} returned"
    if isinstance(g, bool) or not isinstance(g, numbers.Real):
        raise TypeError(f"{where} {type(g).__name__} {g!r}; it must return None or a number")
    if not -INF < g < INF:
        raise ValueError(f"{where} {g!r}; it must return None or a finite number")
    return float(g)


def backward(root: Node) -> None:
    """Fill ``.grad`` of every node below ``root`` with ``∂root/∂node``.

    Leaves accumulate across calls (PyTorch's policy: reset with ``zero_grad``); every other
    node holds the gradient of the latest call only, so repeated calls never double-count.
    """
    # Kahn's algorithm, fused with accumulation: a node passes its gradient on once every
    # node that uses it has passed on theirs, so no separate ordering pass is needed.
    # Leaves only receive, so only interior nodes are counted and queued: in a network most
    # inputs of a node are weights. This is the engine's hot path: a node's parents are read
    # from its two slots (``_first``, ``_second``: a tuple only for three or more), its
    # count of users waited on from its slot ``_uses`` (0 outside this function: a dict
    # would cost 0.08 µs a node), one and two parents are spelled out.
    if root._first is None:
        root.grad += _run_hooks(root, 1.0) if _hooks else 1.0
        return
    if _hooks:  # rare: a slower walk keeps the hot path below free of hook tests
        return _backward_hooked(root)
    try:
        _count_uses(root)
        finite = _pass_on(root)
    except BaseException:  # an error raised, or Ctrl-C: no count is left behind
        for node in topological_order(root):
            if node._first is not None:
                node._uses = 0
        raise
    if not finite:
        raise _overflowed(root)


def _count_uses(root: Node) -> None:
    """Count in ``_uses`` how many nodes below ``root`` use each interior node (what Kahn's
    algorithm waits on), each one's ``.grad`` set to 0 on the way: it will hold this call's
    sum only."""
    stack = [root]
    push, pop = stack.append, stack.pop
    while stack:
        node = pop()
        parent, parents = node._first, node._second
        if parent._first is not None:  # the first parent, spelled out: every node has one
            n = parent._uses
            if not n:
                push(parent)
                parent.grad = 0.0
            parent._uses = n + 1
        if parents is None:
            continue
        if type(parents) is tuple:  # all three or more: the first is counted
            parents = parents[1:]
        elif parents._first is None:  # a leaf second: not counted
            continue
        else:
            parents = (parents,)
        for parent in parents:
            if parent._first is not None:
                n = parent._uses
                if not n:
                    push(parent)
                    parent.grad = 0.0
                parent._uses = n + 1


# The backward pass's loop, written at import: the local derivatives of the rows in
# ``_WRITTEN_OUT`` are their rows' own ``local_grads`` as Python (``autograd.written``:
# ``(1.0 - out * out)`` for tanh), inline, so that such a node costs no call; every other
# row's are called. A node whose row was replaced in ops (a test breaking a derivative) is
# not its row here, and is called too.
_PASS_ON = """
def make({rows}):
    def _pass_on(root):
        root.grad = 1.0
        ready = [root]
        push, pop = ready.append, ready.pop
        finite = True
        while ready:
            node = pop()
            first, second, g = node._first, node._second, node.grad
            op = node._op
            try:
                if second is None:
{unary}                    else:
                        (d,) = op.local_grads(node._data, first._data)
                        first.grad += d * g
                elif type(second) is tuple:  # three parents or more: a sum, a dot product
                    finite &= _pass_on_many(node, second, g, push)
                    continue
{binary}                else:
                    da, db = op.local_grads(node._data, first._data, second._data)
                    first.grad += da * g
                    second.grad += db * g
            except (ArithmeticError, ValueError) as error:
                raise not_finite(node, error) from None
            # Each parent readied in order (the second is then the first to pass on): the
            # explorer shows the steps in the order they run.
            while True:
                if first._first is not None:
                    first._uses = n = first._uses - 1
                    if not n:
                        push(first)
                elif not _NEG_INF < first.grad < INF:
                    # Float arithmetic overflows to inf (and inf · 0 to nan) without a word,
                    # and a non-finite sum stays so: a leaf tells, and then we look for where.
                    finite = False
                if second is None:
                    break
                first, second = second, None
        return finite
    return _pass_on
"""
_WRITTEN_OUT = ("add", "sub", "mul", "exp", "tanh", "sigmoid", "relu")
"""The rows whose local derivatives ``_pass_on`` writes out: a network's arithmetic and
activations. Not every row: each one costs the nodes of the rows tested after it a test."""


def _written_pass_on() -> Callable[[Node], bool]:
    """``_pass_on``, from ``_PASS_ON`` and the rows of ``_WRITTEN_OUT``."""
    rows = [op for name, op in ops.OPS.items() if name in _WRITTEN_OUT]  # in the table's order
    branches: dict[int, list[str]] = {1: [], 2: []}  # the tests of rows of one input, of two
    names = {1: ["first"], 2: ["first", "second"]}
    for i, op in enumerate(rows):
        parents = names[op.arity]
        inputs = [f"{p}._data" for p in parents]
        grads = written(op.local_grads, ["node._data", *inputs], several=True)
        if grads is None or any("fail()" in d for d in grads):
            raise ValueError(f"backward: {op.name}'s local derivatives cannot be written out")
        lines = branches[op.arity]
        # one input: under `if second is None:`, the first test an `if`; two: `elif`s after it
        test = "if" if op.arity == 1 and not lines else "elif"
        indent = " " * (20 if op.arity == 1 else 16)
        lines.append(f"{indent}{test} op is row{i}:  # {op.name}\n")
        for p, d in zip(parents, grads):
            lines.append(f"{indent}    {p}.grad += {'g' if d == '1.0' else f'{d} * g'}\n")
    source = _PASS_ON.format(
        rows=", ".join(f"row{i}" for i in range(len(rows))),
        unary="".join(branches[1]),
        binary="".join(branches[2]),
    )
    scope: dict[str, Any] = {}
    exec(compile(source, "<backward's loop written from ops>", "exec"), globals(), scope)
    pass_on = scope["make"](*rows)
    pass_on.__doc__ = """Each node's gradient times its local derivatives added to its
    parents', from ``root`` down, a node once its count of users is back to 0; whether the
    leaves' are finite."""
    return pass_on


_pass_on = _written_pass_on()


def _pass_on_many(node: Node, parents: tuple, g: Any, push: Callable) -> bool:
    """``_pass_on``'s step for a node of three parents or more: each one's share added, each
    interior one queued once its count is back to 0; whether the leaves' are finite."""
    finite = True
    grads = node._op.local_grads(node._data, *[p._data for p in parents])
    for parent, d in zip(parents, grads):
        parent.grad += d * g
        if parent._first is not None:
            parent._uses = n = parent._uses - 1
            if not n:
                push(parent)
        elif not _NEG_INF < parent.grad < INF:
            finite = False
    return finite


def _backward_hooked(root: Node) -> None:
    """``backward`` with each node's hooks run once its gradient is complete: an interior
    node's before it is passed on, a leaf's on what this call adds to ``.grad``."""
    order = topological_order(root)
    added = {n: 0.0 for n in order if not n._parents and n in _hooks}  # this call's share
    for node in order:
        if node._parents:
            node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        parents = node._parents
        if not parents:
            continue
        if node in _hooks:
            node.grad = _run_hooks(node, node.grad)
        g = node.grad
        for parent, d in zip(parents, local_grads(node)):
            if parent in added:
                added[parent] += d * g
            else:
                parent.grad += d * g
    for leaf, share in added.items():
        leaf.grad += _run_hooks(leaf, share)
    if not all(-INF < n.grad < INF for n in order if not n._parents):
        raise _overflowed(root)


def _overflowed(root: Node, grads: dict[Node, Any] | None = None) -> ArithmeticError:
    """The error naming the first operation whose gradient became inf or nan."""
    for node in reversed(topological_order(root)):
        g = node.grad if grads is None else grads.get(node, 0.0)
        for d in local_grads(node) if node._parents else ():
            if not -INF < d * g < INF:
                # d itself NaN (the row's "undefined here"), or the product too large
                return not_finite(node, d if d != d else INF)
    return OverflowError("backward: a gradient went past the largest float")


def zero_grad(root: Node) -> None:
    """Set ``.grad`` to 0 on ``root`` and every node below it."""
    for node in topological_order(root):
        node.grad = 0.0


def gradients(
    output: Node,
    inputs: Sequence[Node],
    as_values: bool = False,
    order: Sequence[Node] | None = None,
) -> list[Any]:
    """``∂output/∂x`` for each ``x`` in ``inputs``, touching no ``.grad`` field.

    With ``as_values`` the gradients are Values built from the local derivatives, so they can
    be differentiated again (this is what makes ``grad(grad(f))`` work). Only nodes that lie
    on a path from an input to the output are visited. ``order`` is ``output``'s topological
    order, when the caller has it.
    """
    order = topological_order(output) if order is None else order
    on_path = depends_on(order, *inputs)
    if output not in on_path:
        return [0.0 for _ in inputs]
    acc: dict[Node, Any] = {output: 1.0}
    for node in reversed(order):
        if node not in on_path or not node._parents or node not in acc:
            continue
        g = acc[node]
        for parent, d in zip(node._parents, local_grads(node, as_values)):
            if parent in on_path:
                if type(d) is float and not -INF < d < INF:
                    raise not_finite(node, d)
                term = product(d, g)
                acc[parent] = acc[parent] + term if parent in acc else term
    results = [acc.get(x, 0.0) for x in inputs]
    if not all(-INF < r < INF for r in results if type(r) is float):
        raise _overflowed(output, acc)
    return results
