"""The chain workload on its own, importing nothing heavy: ``bench.py`` runs it in fresh
processes to measure the peak memory of one engine alone."""

from __future__ import annotations

from typing import Any


def chain(value: Any, n_ops: int, activation: str) -> Any:
    """``x ← f(x·b + a)``, three operations a link, ``n_ops`` in all; returns the last node."""
    a, b, x = value(0.3), value(0.5), value(0.1)
    f = getattr(value, activation)
    for _ in range(n_ops // 3):
        x = f(x * b + a)
    return x
