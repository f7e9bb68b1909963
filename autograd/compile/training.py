"""The compiled training step: the value, its gradient and the optimizer's update in one
replay (``Tape.step``). On floats, one generated function that reads each parameter and
stores it once; on arrays, inside ``holding()``, the parameters held as arrays (a layer's
weights and its biases, one array each) updated in place, written back into the Values when
the block ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import codegen
from .held import Holding

if TYPE_CHECKING:
    from ..nn import SGD
    from .tape import Tape

__all__ = ["compiled_step"]


def compiled_step(tape: Tape, optimizer: SGD) -> Callable[..., Any]:
    """The training step of ``tape`` with ``optimizer``, generated (``Tape.step``)."""
    from ..nn import SGD  # the optimizer whose update the code writes

    options = ("momentum", "dampening", "nesterov", "weight_decay", "maximize")
    extras = [a for a in options if getattr(optimizer, a, 0)]
    if type(optimizer) is not SGD or extras:
        got = type(optimizer).__name__ + (f" with {', '.join(extras)}" if extras else "")
        raise TypeError(
            f"tape.step: the generated update is plain SGD's (p ← p − lr·∂f/∂p), got "
            f"{got}; call tape.backward(*args) and optimizer.step() instead"
        )
    params = set(optimizer.params)
    updated = [j for j, leaf in enumerate(tape.leaves) if leaf in params]
    source, namespace = codegen.generate(tape, "step", updated)

    def general(*args: Any) -> Any:
        """The step the general way: ``tape.backward`` and ``optimizer.step()``, with the
        same numbers; ``.grad`` as it was before."""
        grads = [p.grad for p in optimizer.params]
        optimizer.zero_grad()
        try:
            value = tape.backward(*args)
            optimizer.step()
        finally:
            for p, g in zip(optimizer.params, grads):
                p.grad = g
        return value

    namespace |= {"optimizer": optimizer, "general": general}
    exec(compile(source, f"<step of {getattr(tape.f, '__name__', 'f')}>", "exec"), namespace)
    step = namespace["step"]
    step.source = source
    step.holding = lambda: Holding(tape, optimizer, step)
    return step
