"""Chain-rule explanations: every path from an output down to a node, factor by factor.

A path is written through the *labelled* nodes it passes, as a hand calculation writes it:
``∂L/∂w1 = ∂L/∂a · ∂a/∂z · ∂z/∂a1 · ∂a1/∂z1 · ∂z1/∂w1``. Unlabelled nodes between two
labelled ones (the ``y − a`` and the square inside a loss) fold into one factor, whose value
is the sum over the unlabelled sub-paths. Each local derivative is read from ``ops.py``.

>>> from autograd import Value
>>> x = Value(2.0, label="x"); h = (x * x); h.label = "h"; y = h.tanh(); y.label = "y"
>>> print(explain(y, x).text(digits=3))
∂y/∂x = ∂y/∂h · ∂h/∂x = (0.00134)(4) = 0.00536
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .backward import gradients
from .chain import local_grads
from .forward import Costs, costs
from .graph import depends_on, find, path_sum, topological_order
from .numtext import number_text
from .value import Value

__all__ = [
    "Explanation",
    "Factor",
    "Path",
    "Step",
    "Sweeps",
    "chain_sum",
    "explain",
    "name_of",
    "partial",
    "sweeps",
]


def name_of(node: Value) -> str:
    """How explanations write a node: its label, or its number when it is an unlabelled leaf."""
    if node.label is not None:
        return node.label
    if node.op is None:
        return number_text(node.data, 4)
    return f"({node.op.name})"


def partial(top: str, bottom: str) -> str:
    """``∂top/∂bottom``, a name with a slash of its own in brackets: ``∂(dy/dx)/∂x``."""
    return "∂{}/∂{}".format(*(f"({n})" if "/" in n else n for n in (top, bottom)))


@dataclass(frozen=True)
class Factor:
    """``∂top/∂bottom`` along one stretch of a path, with its formula when it is one step."""

    top: Value
    bottom: Value
    value: float
    formula: str | None = None
    name: str = ""  # ∂top/∂bottom, in the names the explanation was asked to use

    def __post_init__(self) -> None:
        if not self.name:  # made directly: named as explain() names nodes by default
            object.__setattr__(self, "name", partial(name_of(self.top), name_of(self.bottom)))


@dataclass(frozen=True)
class Path:
    factors: tuple[Factor, ...]

    @property
    def product(self) -> float:
        p = 1.0
        for f in self.factors:
            p *= f.value
        return p


@dataclass
class Explanation:
    """All chain-rule paths from ``output`` to ``node``, and the derivative they add up to."""

    output: Value
    node: Value
    paths: list[Path]
    total: float  # ∂output/∂node from the backward pass
    path_count: int  # every path through labelled nodes, counted without listing them
    truncated: bool = field(default=False)
    name: str = ""  # ∂output/∂node

    def __post_init__(self) -> None:
        if not self.name:
            self.name = partial(name_of(self.output), name_of(self.node))

    def text(self, digits: int = 4) -> str:
        """One line per path, then the sum when there is more than one."""
        if self.output is self.node:
            return f"{self.name} = 1"
        lines = []
        for path in self.paths:
            product = number_text(path.product, digits)
            (first, *rest) = path.factors
            if not rest:  # one step, read from its formula, or unlabelled nodes in between
                if first.formula is None:
                    how = "(label nodes between to see the factors)"
                    lines.append(f"{self.name} = {product} {how}")
                else:
                    same = first.formula == product  # "= 1", not "= 1 = 1"
                    shown = first.formula if same else f"{first.formula} = {product}"
                    lines.append(f"{self.name} = {shown}")
                continue
            names = " · ".join(f.name for f in path.factors)
            values = "".join(f"({number_text(f.value, digits)})" for f in path.factors)
            lines.append(f"{self.name} = {names} = {values} = {product}")
        if len(self.paths) != 1 or self.truncated:
            lines = [f"  path {i + 1}: {line}" for i, line in enumerate(lines)]
            shown = f"{len(self.paths)} of {self.path_count}" if self.truncated else "all"
            lines.append(
                f"{self.name} = sum over {shown} paths = {number_text(self.total, digits)}"
            )
        return "\n".join(lines)

    def latex(self, digits: int = 4) -> str:
        """The paths of ``text`` in LaTeX, one ``aligned`` row per path; nodes are written by
        their labels (``name_of``), not by the ``names`` the explanation was asked to use."""
        rows = []
        for path in self.paths:
            names = r" \cdot ".join(_frac(f.top, f.bottom) for f in path.factors) or "1"
            values = "".join(
                f"({number_text(f.value, digits, ascii_minus=True)})" for f in path.factors
            )
            product = number_text(path.product, digits, ascii_minus=True)
            rows.append(f"&= {names} = {values} = {product}")
        total = number_text(self.total, digits, ascii_minus=True)
        if len(rows) != 1 or self.truncated:
            rows.append(rf"&= \textstyle\sum = {total}")
        head = _frac(self.output, self.node)
        return head + r" \begin{aligned}[t] " + r" \\ ".join(rows) + r" \end{aligned}"

    def _repr_markdown_(self) -> str:
        return f"$${self.latex()}$$"

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:  # the fields hold whole graphs: say what it is instead
        paths = "1 path" if self.path_count == 1 else f"{self.path_count} paths"
        return f"<Explanation {self.name} = {self.total!r} over {paths}>"


def explain(
    output: Value,
    node: Value | str,
    max_paths: int = 64,
    names: Mapping[Value, str] | None = None,
    order: Sequence[Value] | None = None,
) -> Explanation:
    """The chain rule from ``output`` down to ``node`` (a Value, or a label to look up).

    Paths are listed through labelled nodes only, at most ``max_paths`` of them; however
    many there are, ``total`` is the exact derivative and ``path_count`` their number.
    ``names`` writes nodes as a picture names them (``autograd.draw``), else ``name_of``;
    ``order`` is ``output``'s topological order, when the caller has it.
    """
    if isinstance(max_paths, bool) or not isinstance(max_paths, int) or max_paths < 1:
        raise ValueError(f"explain: max_paths must be a whole number ≥ 1, got {max_paths!r}")
    if not isinstance(output, Value):
        raise TypeError(
            f"explain: expected a Value to explain, got {type(output).__name__} {output!r}"
        )
    name = name_of if names is None else lambda n: names.get(n) or name_of(n)
    order = topological_order(output) if order is None else order
    node, segments = _chain(output, node, name, order)
    paths: list[Path] = []
    truncated = False
    for path in _waypoint_paths(output, node, segments):
        if len(paths) == max_paths:
            truncated = True
            break
        paths.append(path)
    (total,) = gradients(output, [node], order=order)
    count = _fold(output, node, segments, lambda f: 1)
    return Explanation(
        output, node, paths, total, count, truncated, partial(name(output), name(node))
    )


def chain_sum(
    output: Value,
    node: Value,
    factor_value: Callable[[Factor], float],
    held: Callable[[Value, float], float] | None = None,
) -> float:
    """The sum over chain-rule paths of the product of ``factor_value(factor)``, without
    listing the paths: what a hand calculation gives when some factors are its own numbers;
    ``held(n, total)`` what it carries on from a labelled node ``n`` (its own ∂output/∂n).

    >>> from autograd import Value
    >>> x = Value(3.0, label="x"); y = x * x; y.label = "y"
    >>> chain_sum(y, x, lambda f: 5.0)  # one factor, ∂y/∂x, taken as 5 instead of 6
    5.0
    """
    node, segments = _chain(output, node)
    return _fold(output, node, segments, factor_value, held)


@dataclass(frozen=True)
class Step:
    """One node of a sweep: ``name = Σ factor · known = value``, each term a pair of names
    and a pair of numbers (the local factor and what the sweep already knows)."""

    name: str
    terms: tuple[tuple[str, str, float, float], ...]  # factor, known: names, then values
    value: float

    def text(self, digits: int) -> str:
        if not self.terms:  # where the sweep starts
            return f"{self.name} = {number_text(self.value, digits)}"
        names = " + ".join(f"{f} · {k}" for f, k, _, _ in self.terms)
        values = " + ".join(
            f"({number_text(a, digits)})({number_text(b, digits)})" for _, _, a, b in self.terms
        )
        return f"{self.name} = {names} = {values} = {number_text(self.value, digits)}"


@dataclass(frozen=True)
class Sweeps:
    """The chain rule from ``node`` to ``output`` in both modes, through the labelled nodes.

    ``forward``: ``∂n/∂node`` for each node n, from ``node`` up to ``output`` (left to right
    in a picture), each from the ones below it. ``reverse``: ``∂output/∂n``, from ``output``
    down to ``node``, each from the ones above it. Both end at ``∂output/∂node``, multiplying
    the same factors. ``costs``: the multiply-adds each mode needs for the derivatives of
    ``output`` by every labelled leaf, one sweep per leaf forward, one sweep in all reverse.
    """

    forward: tuple[Step, ...]
    reverse: tuple[Step, ...]
    costs: Costs
    start: str  # the node's name
    end: str  # the output's name

    def text(self, digits: int = 4) -> str:
        lines = [f"forward mode, from {self.start} up (∂·/∂{self.start}):"]
        lines += [f"  {step.text(digits)}" for step in self.forward]
        lines.append(f"reverse mode, from {self.end} down (∂{self.end}/∂·):")
        lines += [f"  {step.text(digits)}" for step in self.reverse]
        leaves = (
            "1 labelled leaf" if self.costs.inputs == 1 else f"{self.costs.inputs} labelled leaves"
        )
        lines.append(f"the derivatives of {self.end} by its {leaves}, all of them:")
        lines += [f"  {line}" for line in str(self.costs).splitlines()[1:]]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def sweeps(output: Value, node: Value | str, names: Mapping[Value, str] | None = None) -> Sweeps:
    """Forward and reverse mode from ``node`` to ``output``, step by step (``Sweeps``).

    >>> from autograd import Value
    >>> x = Value(2.0, label="x"); h = x * x; h.label = "h"; y = h.tanh(); y.label = "y"
    >>> print(sweeps(y, x).text(digits=3))
    forward mode, from x up (∂·/∂x):
      ∂x/∂x = 1
      ∂h/∂x = ∂h/∂x · ∂x/∂x = (4)(1) = 4
      ∂y/∂x = ∂y/∂h · ∂h/∂x = (0.00134)(4) = 0.00536
    reverse mode, from y down (∂y/∂·):
      ∂y/∂y = 1
      ∂y/∂h = ∂y/∂y · ∂y/∂h = (1)(0.00134) = 0.00134
      ∂y/∂x = ∂y/∂h · ∂h/∂x = (0.00134)(4) = 0.00536
    the derivatives of y by its 1 labelled leaf, all of them:
      forward mode: 1 sweep, 3 multiply-adds
      reverse mode: 1 sweep, 3 multiply-adds
    """
    name = name_of if names is None else lambda n: names.get(n) or name_of(n)
    node, segments = _chain(output, node, name)
    gradients(output, [node])  # raises, as explain does, where a derivative is undefined
    start, end = name(node), name(output)
    tops = list(segments)  # parents first: the forward sweep's order
    forward = [Step(partial(start, start), (), 1.0)]
    tangent = {node: 1.0}
    for top in tops:
        terms = tuple(
            (f.name, partial(name(f.bottom), start), f.value, tangent[f.bottom])
            for f in segments[top]
        )
        tangent[top] = _sum(a * b for _, _, a, b in terms)
        forward.append(Step(partial(name(top), start), terms, tangent[top]))
    into: dict[Value, list[Factor]] = {}  # each node's factors from the nodes above it
    for top in tops:
        for f in segments[top]:
            into.setdefault(f.bottom, []).append(f)
    reverse = [Step(partial(end, end), (), 1.0)]
    adjoint = {output: 1.0}
    for below in [*reversed(tops[:-1]), node]:
        terms = tuple(
            (partial(end, name(f.top)), f.name, adjoint[f.top], f.value) for f in into[below]
        )
        adjoint[below] = _sum(a * b for _, _, a, b in terms)
        reverse.append(Step(partial(end, name(below)), terms, adjoint[below]))
    leaves = [n for n in topological_order(output) if n.op is None and n.label is not None]
    return Sweeps(tuple(forward), tuple(reverse), costs([output], leaves), start, end)


def _sum(terms: Iterable[float]) -> float:
    total = 0.0
    for t in terms:  # in order, as the sweeps add them
        total += t
    return total


def _chain(
    output: Value,
    node: Value | str,
    name: Callable[[Value], str] = name_of,
    order: Sequence[Value] | None = None,
) -> tuple[Value, dict[Value, list[Factor]]]:
    """``node`` itself, and the factors out of every labelled node on a path down to it."""
    if type(output) is not Value:
        raise TypeError(
            f"explain: expected a Value as the output, got {type(output).__name__} {output!r}"
        )
    order = topological_order(output) if order is None else order
    node = find(order, node, "explain")
    position = {n: i for i, n in enumerate(order)}
    below = depends_on(order, node)
    segments: dict[Value, list[Factor]] = {}
    stack = [output] if output is not node else []
    while stack:
        top = stack.pop()
        if top not in segments:
            segments[top] = _segments(top, node, below, position, name)
            stack.extend(f.bottom for f in segments[top] if f.bottom is not node)
    # keep the graph's order, so a node's factors are all known before it is folded
    return node, {top: segments[top] for top in sorted(segments, key=position.__getitem__)}


def _fold(
    output: Value,
    node: Value,
    segments: dict[Value, list[Factor]],
    weight: Callable[[Factor], Any],
    held: Callable[[Value, Any], Any] | None = None,
) -> Any:
    """Σ over the paths through labelled nodes of Π weight(factor), without listing them."""
    return path_sum(
        list(segments),
        output,
        node,
        lambda top: [(f.bottom, weight(f)) for f in segments[top]],
        held,
    )


def _segments(
    top: Value,
    node: Value,
    below: set[Value],
    position: dict[Value, int],
    name: Callable[[Value], str],
) -> list[Factor]:
    """From ``top`` down to the next labelled nodes, through unlabelled ones only."""
    acc: dict[Value, float] = {top: 1.0}
    steps: dict[Value, list[str]] = {}
    frontier = [top]
    stop: list[Value] = []
    region = []
    reached_otherwise: set[Value] = set()  # read by a node of the region other than top
    while frontier:  # the unlabelled region under top, and where it ends
        n = frontier.pop()
        region.append(n)
        if n is not top:
            reached_otherwise.update(n.parents)
        for p in set(n.parents):
            if p in below and p not in acc:
                acc[p] = 0.0
                if p.label is not None or p is node or not p.parents:
                    stop.append(p)
                else:
                    frontier.append(p)
    for n in sorted(region, key=position.__getitem__, reverse=True):
        g = acc[n]
        texts = n.op.formulas(name(n), [name(q) for q in n.parents]) if n is top else ()
        for i, (p, d) in enumerate(zip(n.parents, local_grads(n))):
            if p in below:
                acc[p] += d * g
                if n is top:  # one text per use: x / x reads 1/x + −y/x
                    steps.setdefault(p, []).append(texts[i])
    factors = []
    for p in sorted(stop, key=position.__getitem__, reverse=True):
        texts = steps.get(p)
        direct = texts is not None and p not in reached_otherwise
        formula = " + ".join(texts) if direct else None
        factors.append(Factor(top, p, acc[p], formula, partial(name(top), name(p))))
    return factors


def _waypoint_paths(
    output: Value, node: Value, segments: dict[Value, list[Factor]]
) -> Iterator[Path]:
    """Depth-first over labelled nodes, with an explicit stack: no recursion. A path so far is
    a linked list (factor, rest), so a step costs the same however long the path is; only a
    path yielded is written out, in time proportional to its length."""
    if output is node:
        yield Path(())
        return
    Link = tuple[Factor, Any] | None
    stack: list[tuple[Value, Link]] = [(output, None)]
    while stack:
        top, so_far = stack.pop()
        for factor in reversed(segments[top]):
            path = (factor, so_far)
            if factor.bottom is node:
                yield Path(_unlinked(path))
            else:
                stack.append((factor.bottom, path))


def _unlinked(link: tuple[Factor, Any] | None) -> tuple[Factor, ...]:
    """The factors of a linked path, from the output down."""
    factors = []
    while link is not None:
        factor, link = link
        factors.append(factor)
    return tuple(reversed(factors))


def _frac(top: Value, bottom: Value) -> str:
    return rf"\frac{{\partial {_tex(name_of(top))}}}{{\partial {_tex(name_of(bottom))}}}"


def _tex(name: str) -> str:
    m = re.fullmatch(r"([A-Za-z]+)(\d+)", name)
    return f"{m.group(1)}_{{{m.group(2)}}}" if m else name
