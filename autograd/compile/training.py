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
    from ..optim import Optimizer
    from .program import Program

__all__ = ["compiled_step"]


def compiled_step(
    program: Program, optimizer: Optimizer, backward: Callable[..., Any], name: str
) -> Callable[..., Any]:
    """The training step of ``program`` with ``optimizer``, generated (``Tape.step``);
    ``backward`` is the tape's, for the general way, ``name`` the traced function's."""

    def general(*args: Any) -> Any:
        """The step the general way: ``backward`` and ``optimizer.step()``, with the
        same numbers; ``.grad`` as it was before."""
        grads = [p.grad for p in optimizer.params]
        optimizer.zero_grad()
        try:
            value = backward(*args)
            optimizer.step()
        finally:
            for p, g in zip(optimizer.params, grads):
                p.grad = g
        return value

    namespace: dict[str, Any] = {}
    step = _generated(program, optimizer, namespace, general, name)

    def hyperparameter_set() -> None:
        """The code takes the decisions the update took on the hyperparameters when it was
        written (``if momentum:``): where one would now go the other way, write it again."""
        decided = namespace["decided"]
        if any(_truth(optimizer, key) != truth for key, truth in decided.items()):
            step.__code__ = _generated(program, optimizer, namespace, general, name).__code__
            step.source = namespace["source"]

    optimizer.watch(hyperparameter_set)
    step.holding = lambda: Holding(program, optimizer, step)
    return step


def _generated(
    program: Program,
    optimizer: Optimizer,
    namespace: dict[str, Any],
    general: Callable[..., Any],
    name: str,
) -> Callable[..., Any]:
    """The step's code, executed in ``namespace`` (filled here)."""
    source, names = codegen.generate(program, "step", optimizer)
    namespace |= names | {"optimizer": optimizer, "general": general, "source": source}
    exec(compile(source, f"<step of {name}>", "exec"), namespace)
    step = namespace["step"]
    step.source = source
    return step


def _truth(optimizer: Optimizer, key: tuple[str, int | None]) -> bool:
    name, index = key
    value = getattr(optimizer, name)
    return bool(value if index is None else value[index])
