"""Compiled mode: trace a function of scalars once into a tape, then replay it fast.

A training loop or a property test evaluates the same graph shape again and again. ``trace``
records it once as a list of steps (a row of ``autograd.ops`` and the slots it reads). On
floats a tape runs as generated Python source, forward and backward fused into one
straight-line function (``tape.source`` prints it); on NumPy arrays it runs one array
operation per step over a whole batch, with the ``dot`` nodes that read the same inputs (a
layer) fused into one matrix product. Leaves the function reaches that are not its arguments
(a model's parameters) are read afresh at every replay, so a tape keeps up with SGD.

>>> from autograd import Value
>>> from autograd.compile import trace
>>> w = Value(0.5, label="w")
>>> tape = trace(lambda x: (w * x).tanh(), 1.0)
>>> round(tape(2.0), 6)
0.761594
>>> value, (dx,), dleaves = tape.value_and_grad(2.0)
>>> round(dx, 6), round(dleaves[w], 6)
(0.209987, 0.839949)

Decisions the function takes on traced values (``if x > 0:``, ``bool(x)``, ``max(values)``)
are recorded as guards and checked at every replay: where one goes the other way, the
function is traced again for that branch, as ``torch.compile`` recompiles.

>>> relu_ish = trace(lambda x: x * 2 if x > 0 else x * -3, 1.0)
>>> relu_ish(1.0), relu_ish(-1.0)
(2.0, 3.0)
"""

from .tape import CACHE_SIZE_LIMIT, Tape, trace
from .tracing import ConcretizationTypeError, GuardFailed, TraceError

__all__ = [
    "CACHE_SIZE_LIMIT",
    "ConcretizationTypeError",
    "GuardFailed",
    "Tape",
    "TraceError",
    "trace",
]
