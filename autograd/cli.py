"""The command line: ``python -m autograd demo | homework | check | graph``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import Value, grad


def demo(args: argparse.Namespace) -> int:
    """A short tour: an expression, its gradients, and a second derivative."""
    a = Value(2.0, label="a")
    b = Value(-3.0, label="b")
    c = Value(10.0, label="c")
    L = ((a * b + c).tanh() + a.sigmoid()).log()
    L.label = "L"
    L.backward()
    print("L = log(tanh(a·b + c) + σ(a))")
    for v in (a, b, c, L):
        print(f"  {v!r}")
    print(f"d²/dx² x³ at x = 2: {grad(grad(lambda x: x**3))(2.0)}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m autograd", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help=demo.__doc__).set_defaults(run=demo)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
