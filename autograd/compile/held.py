"""A training step on arrays with its parameters held as arrays: a layer's weights and its
biases one array each, updated by the step with no work per parameter, written back into
the model's Values when the block ends. The step is one generated function, like the step
on floats: the plan's items (``arrays.Plan``) written out as NumPy expressions, forward,
backward to the held arrays only, one finiteness check, then SGD's update."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..numtext import is_number
from ..ops import Op
from ..optim import SGD
from ..written import literal, written
from .arrays import Plan, all_finite, load_numpy
from .codegen import NotFinite, Unusual, guard_source
from .tracing import Diverged, shown

if TYPE_CHECKING:
    from .program import Program

__all__ = ["Holding"]

_MISSED = (TypeError, ArithmeticError, ValueError, IndexError, Unusual, Diverged, NotFinite)
"""Why a held step may not run (floats, another branch, an error to name): then the
parameters go back into their Values and the step runs the general way."""


class Holding:
    """A training step on arrays whose parameters the tape holds: ``with step.holding() as
    train:`` each ``train(*arrays)`` computes the loss over the batch, its gradient summed
    over the batch, and ``p ← p − lr·∂L/∂p`` on the held arrays, with no work per parameter;
    the model's Values get the numbers when the block ends (or at ``store()``). A parameter
    outside any layer is read from its Value and written back at each step, as on floats.

    >>> import numpy as np
    >>> from autograd.compile import trace
    >>> from autograd.nn import MLP, SGD
    >>> net = MLP(1, [2, 1], seed=0)
    >>> tape = trace(lambda x, y: (net([x]) - y) ** 2, 0.0, 0.0)
    >>> with tape.step(SGD(net.parameters(), lr=0.01)).holding() as train:
    ...     for _ in range(200):
    ...         losses = train(np.array([0.0, 1.0]), np.array([1.0, -1.0]))
    ...     held = net.parameters()[0].data
    >>> bool(losses.sum() < 0.01), held == net.parameters()[0].data
    (True, False)

    Inside the block the Values keep the numbers they had when it began. A call the held
    way cannot take (floats, another branch, an error to raise) stores the arrays first and
    runs ``step`` itself, with the same numbers.
    """

    def __init__(self, tape: Program, optimizer: SGD, step: Callable[..., Any]) -> None:
        if not _plain(optimizer):
            raise TypeError(
                f"holding: the held update is plain SGD's (p ← p − lr·∂L/∂p), got "
                f"{optimizer!r}; call the step itself (the general way on arrays)"
            )
        self.tape, self.optimizer, self.step = tape, optimizer, step
        params = set(optimizer.params)
        self.updated = frozenset(
            tape.arity + j for j, leaf in enumerate(tape.leaves) if leaf in params
        )
        self.plan: Plan | None = None
        self.code: Any = None
        self.source = ""
        self.held: list[Any] | None = None  # the parameters' arrays while held
        self.errstate = load_numpy().errstate
        optimizer.watch(self._hyperparameter_set)

    def _hyperparameter_set(self) -> None:
        if not _plain(self.optimizer):
            self.code = None  # the general way from the next call, until SGD is plain again

    def __enter__(self) -> Holding:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store()

    def __call__(self, *args: Any) -> Any:
        try:  # the common case first: arrays as the last call's, held, finite numbers
            with self.errstate(all="ignore"):  # the check finds an overflow, the engine says it
                return self.code(self.held, *args)
        except _MISSED:  # not generated yet (None), not held now (None), or else
            pass
        try:
            code = self._prepared(args)
            with self.errstate(all="ignore"):
                return code(self.held, *args)
        except _MISSED:
            self.store()
            return self.step(*args)

    def store(self) -> None:
        """Write the held arrays into the model's Values; the next call reads them afresh."""
        if self.held is None:
            return
        leaves, arity, plan = self.tape.leaves, self.tape.arity, self.plan
        for a in plan.parameters:
            for s, x in zip(plan.arrays[a], self.held[a].ravel().tolist()):
                leaves[s - arity]._data = x
        self.held = None

    def _prepared(self, args: tuple[Any, ...]) -> Callable[..., Any]:
        """The generated step for the kinds of ``args`` (arrays or numbers), the arrays
        loaded; Unusual where the general way must run."""
        np, tape = load_numpy(), self.tape
        if len(args) != tape.arity or not _plain(self.optimizer):
            raise Unusual
        batched = tuple(isinstance(x, np.ndarray) for x in args)
        if not any(batched):
            raise Unusual  # numbers only: the step on floats
        if self.code is None or self.plan.batched[: tape.arity] != list(batched):
            self.store()
            self.plan = Plan(tape, batched, self.updated, self.updated)
            self.source, namespace = generate(tape, self.plan, self.optimizer)
            exec(compile(self.source, "<held step>", "exec"), namespace)
            self.code = namespace["held_step"]
        if self.held is None:
            plan = self.plan
            self.held = [
                np.array([tape.leaves[s - tape.arity]._data for s in plan.arrays[a]]).reshape(
                    plan.shapes[a]
                )
                for a in plan.parameters
            ]
        return self.code


def generate(tape: Program, plan: Plan, optimizer: SGD) -> tuple[str, dict[str, Any]]:
    """The source of the held step of ``plan`` and the names it reads: ``held_step(held,
    *args)`` returns the loss per example and replaces each held array by its update."""
    return _Writer(tape, plan, optimizer).source()


class _Writer:
    """Writes the held step, item by item: ``v3`` a slot's value, ``B2`` a block,
    ``A1`` an array, and ``d3``, ``dB2``, ``dA1`` their adjoints."""

    def __init__(self, tape: Program, plan: Plan, optimizer: SGD) -> None:
        np = load_numpy()
        self.tape, self.plan = tape, plan
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "ndarray": np.ndarray,
            "float64": np.dtype(float),
            "zeros": np.zeros,
            "array": np.array,
            "copyto": np.copyto,
            "np_all": np.all,
            "np_any": np.any,
            "finite": all_finite,
            "summed": _summed,
            "optimizer": optimizer,
            "Unusual": Unusual,
            "Diverged": Diverged,
            "NotFinite": NotFinite,
        }
        self.text: dict[int, str] = {s: literal(c) for s, c in tape.folded.items()}
        self.functions: dict[int, str] = {}
        self.layer_reads: dict[int, tuple[str, str]] = {}  # block -> its inputs, weights

    def emit(self, line: str) -> None:
        self.lines.append("    " + line)

    def function(self, fn: Callable[..., Any]) -> str:
        if id(fn) not in self.functions:
            self.functions[id(fn)] = f"f{len(self.functions)}"
            self.namespace[self.functions[id(fn)]] = fn
        return self.functions[id(fn)]

    def source(self) -> tuple[str, dict[str, Any]]:
        tape = self.tape
        args = [f"v{i}" for i in range(tape.arity)]
        self.lines.append(f"def held_step(held, {', '.join(args)}):")
        self.arguments(args)
        self.forward()
        self.backward()
        self.update()
        out = self.text[tape.output]
        # a value no example reads (w · 2) is every example's, as arrays.run gives it
        self.emit(f"return {out}" if self.plan.batched[tape.output] else f"return {out} + zeros(n)")
        return "\n".join(self.lines) + "\n", self.namespace

    # ---- arguments and forward ----------------------------------------------------------

    def arguments(self, args: list[str]) -> None:
        """Arrays where the plan has them (1-d, float64, one length), numbers elsewhere;
        anything else goes the general way, which converts it or says what is wrong."""
        batched = self.plan.batched
        arrays = [a for i, a in enumerate(args) if batched[i]]
        tests = [f"type({a}) is not ndarray" for a in arrays]
        tests += [f"{a}.dtype != float64" for a in arrays]
        tests += [f"{a}.ndim != 1" for a in arrays]
        tests += [f"len({a}) != len({arrays[0]})" for a in arrays[1:]]
        tests += [f"type({a}) is not float" for i, a in enumerate(args) if not batched[i]]
        self.emit(f"if {' or '.join(tests)}:")
        self.emit("    raise Unusual")
        self.emit(f"n = len({arrays[0]})")
        for i, a in enumerate(args):
            self.text[i] = a
        self.checked = list(args)  # what the one finiteness check reads
        self.propagated: set[str] = set()  # read by a row that propagates an inf or nan

    def forward(self) -> None:
        tape, plan = self.tape, self.plan
        held = ", ".join(f"A{a}" for a in plan.parameters)
        if held:
            self.emit(f"{held}, = held")
        for s, leaf in plan.loose:
            j = s - tape.arity
            self.namespace[f"leaf{j}"] = leaf
            self.emit(f"v{s} = leaf{j}._data  # {shown(leaf.label or 'a leaf')}")
            self.text[s] = f"v{s}"
        for a in plan.parameters:
            self.views(a)
        guards_after: dict[int, list[int]] = {}
        for g, guard in enumerate(tape.guards):
            guards_after.setdefault(guard.after, []).append(g)
        self.guards(guards_after.get(-1, ()))
        for item in plan.items:
            getattr(self, f"forward_{item[0]}")(*item[1:])
            if item[0] == "step" and item[1] - tape.first in guards_after:
                self.guards(guards_after[item[1] - tape.first])
        checked = [name for name in self.checked if name not in self.propagated]
        self.emit(f"if not finite(({', '.join(checked)},)):")
        self.emit("    raise NotFinite")

    def value(self, s: int, rhs: str) -> None:
        self.emit(f"v{s} = {rhs}")
        self.text[s] = f"v{s}"
        self.checked.append(f"v{s}")

    def forward_step(self, s: int, op: Op, parents: tuple[int, ...], _: Any) -> None:
        if s in self.tape.folded:
            return
        rhs = None if self.plan.batched[s] and op.array else self.expression(op.forward, parents)
        self.value(s, rhs or self.call(op.array or op.forward, parents))
        if op.propagates:
            self.propagated.update(self.text[p] for p in parents)

    def forward_layer(self, block: int, xs, k, n, _, weights, bias, owned) -> None:
        plan = self.plan
        inputs = plan.block_by_slots.get(xs)
        x = f"B{inputs}" if inputs is not None else f"array(({self.texts(xs)},)).T"
        self.propagated.update([x] if inputs is not None else [self.text[i] for i in xs])
        if inputs is None:
            self.emit(f"X{block} = {x}")
            x = f"X{block}"
        if owned is not None:
            w, b = f"A{owned[0]}", f"A{owned[1]}"
        else:
            self.emit(f"W{block} = array(({self.texts(weights)},)).reshape({k}, {n})")
            w, b = f"W{block}", f"array(({self.texts(bias)},))"
        self.emit(f"B{block} = {x} @ {w}.T + {b}")
        self.layer_reads[block] = (x, w)
        self.block(block)

    def forward_map(self, block: int, source: int, op: Op) -> None:
        self.emit(f"B{block} = {self.function(op.array or op.forward)}(B{source})")
        self.block(block)

    def forward_array(self, o: int, op: Op, sources: tuple[tuple[str, int], ...]) -> None:
        inputs = [f"A{x}" if kind == "array" else self.tape.folded.get(x, self.text[x])
                  for kind, x in sources]
        rhs = None if op.array else written(op.forward, inputs)
        if not _on_arrays(rhs):
            rhs = f"{self.function(op.array or op.forward)}({', '.join(map(str, inputs))})"
        self.emit(f"A{o} = {rhs}")
        self.checked.append(f"A{o}")
        if op.propagates:
            self.propagated.update(map(str, inputs))
        self.views(o)

    def forward_sum(self, s: int, used: tuple[int, ...]) -> None:
        self.value(s, f"float({' + '.join(f'A{a}.sum()' for a in used)})")
        self.propagated.update(f"A{a}" for a in used)  # a sum propagates

    def block(self, block: int) -> None:
        self.checked.append(f"B{block}")
        for j, s in self.plan.views[block]:
            self.emit(f"v{s} = B{block}[:, {j}]")
            self.text[s] = f"v{s}"

    def views(self, a: int) -> None:
        for s, i in self.plan.array_views.get(a, ()):
            self.emit(f"v{s} = A{a}.item({i})")
            self.text[s] = f"v{s}"

    def guards(self, indices: Any) -> None:
        for g in indices:
            guard = self.tape.guards[g]
            test = guard_source(guard, self.text)
            if guard.right is None and type(guard.number) is not float:
                self.namespace[f"n{g}"] = guard.number
                test = guard_source(guard._replace(number=_Name(f"n{g}")), self.text)
            # diverged where any example decides the other way
            self.emit(f"if not np_all({test}):" if guard.result else f"if np_any({test}):")
            self.emit(f"    raise Diverged({g})")

    def texts(self, slots: Any) -> str:
        return ", ".join(self.text[s] for s in slots)

    def expression(self, fn: Callable[..., Any], slots: Any, several: bool = False) -> Any:
        """``fn`` written out on the slots' names, or None where it would not run on arrays
        (a branch on a value, a call of ``math``)."""
        inputs = [self.tape.folded.get(s, self.text.get(s)) for s in slots]
        got = written(fn, inputs, several)
        texts = got if several and got is not None else [got]
        return None if got is None or not all(map(_on_arrays, texts)) else got

    def call(self, fn: Callable[..., Any], slots: Any) -> str:
        return f"{self.function(fn)}({self.texts(slots)})"

    # ---- backward -----------------------------------------------------------------------

    def backward(self) -> None:
        self.adjoint: dict[str, str] = {}  # a value's name -> the expression of its adjoint
        out = self.tape.output  # no example read: its gradient is each of the n examples'
        self.add(self.text[out], "1.0" if self.plan.batched[out] else "float(n)")
        for item in reversed(self.plan.items):
            getattr(self, f"backward_{item[0]}")(*item[1:])

    def add(self, name: str, term: str) -> None:
        """Add ``term`` to the adjoint of the value called ``name``."""
        d = f"d{name}"
        if name not in self.adjoint:
            if term.isidentifier() or is_number(term):
                self.adjoint[name] = term  # the same array, or a number: no copy
                return
            self.emit(f"{d} = {term}")
        else:
            self.emit(f"{d} = {self.adjoint[name]} + {term}")
        self.adjoint[name] = d

    def local_grads(self, op: Op, out: str, inputs: list[str]) -> list[str]:
        """The row's local derivatives as expressions (or a call's items)."""
        got = written(op.local_grads, [out, *inputs], several=True)
        if got is not None and all(map(_on_arrays, got)):
            return got
        name = f"l{len(self.lines)}"
        self.emit(f"{name} = {self.function(op.local_grads)}({out}, {', '.join(inputs)})")
        return [f"{name}[{i}]" for i in range(len(inputs))]

    def backward_step(self, s: int, op: Op, parents: tuple[int, ...], _: Any) -> None:
        plan = self.plan
        name = self.text.get(s)
        if s not in plan.live or name not in self.adjoint:
            return
        g = self.adjoint[name]
        inputs = [self.text[p] for p in parents]
        grads = self.local_grads(op, name, inputs)
        for p, local in zip(parents, grads):
            if p not in plan.live:
                continue
            term = _product(local, g)
            if plan.batched[s] and not plan.batched[p]:  # Σ over the batch
                term = f"summed({local}, {g}, n)"
            self.add(self.text[p], term)

    def backward_layer(self, block: int, xs, k, n, _, weights, bias, owned) -> None:
        plan = self.plan
        if block not in plan.live_blocks:
            return
        g = self.block_adjoint(block, k)
        x, w = self.layer_reads[block]
        inputs = plan.block_by_slots.get(xs)
        if inputs is not None and inputs in plan.live_blocks:
            self.add(f"B{inputs}", f"{g} @ {w}")
        elif inputs is None and not plan.live.isdisjoint(xs):
            self.emit(f"dX{block} = {g} @ {w}")
            for i, p in enumerate(xs):
                if p in plan.live:
                    self.add(self.text[p], f"dX{block}[:, {i}]")
        if owned is not None:
            self.add(f"A{owned[0]}", f"{g}.T @ {x}")
            self.add(f"A{owned[1]}", f"{g}.sum(axis=0)")
            return
        self.emit(f"dW{block} = ({g}.T @ {x}).ravel().tolist() + {g}.sum(axis=0).tolist()")
        for i, p in enumerate((*weights, *bias)):
            if p in plan.live:
                self.add(self.text[p], f"dW{block}[{i}]")

    def block_adjoint(self, block: int, k: int) -> str:
        """A block's adjoint: what blocks reading it added, and each column read alone."""
        name = f"B{block}"
        columns = [(j, self.adjoint[f"v{s}"]) for j, s in self.plan.views[block]
                   if f"v{s}" in self.adjoint]
        if not columns:
            return self.adjoint.get(name) or self.zeros(name, k)
        if name in self.adjoint:
            self.emit(f"dB{block} = {self.adjoint[name]} + 0.0")  # a copy, added to below
        else:
            self.emit(f"dB{block} = zeros((n, {k}))")
        for j, d in columns:
            self.emit(f"dB{block}[:, {j}] += {d}")
        self.adjoint[name] = f"dB{block}"
        return f"dB{block}"

    def zeros(self, name: str, k: int) -> str:
        self.emit(f"d{name} = zeros((n, {k}))")
        self.adjoint[name] = f"d{name}"
        return f"d{name}"

    def backward_map(self, block: int, source: int, op: Op) -> None:
        plan = self.plan
        if block not in plan.live_blocks or source not in plan.live_blocks:
            return
        g = self.block_adjoint(block, len(plan.members[block]))
        (local,) = self.local_grads(op, f"B{block}", [f"B{source}"])
        self.add(f"B{source}", _product(local, g))

    def backward_array(self, o: int, op: Op, sources: tuple[tuple[str, int], ...]) -> None:
        plan = self.plan
        name = f"A{o}"
        g = self.array_adjoint(o)
        if g is None or o not in plan.live_arrays:
            return
        inputs = [f"A{x}" if kind == "array" else self.text[x] for kind, x in sources]
        locals_by_source: dict[str, list[str]] = {}
        for (kind, x), local, text in zip(sources, self.local_grads(op, name, inputs), inputs):
            if (x in plan.live_arrays) if kind == "array" else (x in plan.live):
                locals_by_source.setdefault(text, []).append(local)
        for text, locals_ in locals_by_source.items():
            # p·p: one derivative of both factors, (p + p)·g, as written by hand
            local = locals_[0] if len(locals_) == 1 else f"({' + '.join(locals_)})"
            term = _product(local, g)
            self.add(text, term if text.startswith("A") else f"float(({term}).sum())")

    def backward_sum(self, s: int, used: tuple[int, ...]) -> None:
        d = self.adjoint.get(f"v{s}")
        if s in self.plan.live and d is not None:
            for a in used:
                self.add(f"A{a}", d)

    def array_adjoint(self, a: int) -> str | None:
        """A held array's adjoint: from the arrays reading it, plus each element's own."""
        name = f"A{a}"
        elements = [(i, self.adjoint[f"v{s}"]) for s, i in self.plan.array_views.get(a, ())
                    if f"v{s}" in self.adjoint]
        if elements:
            base = self.adjoint.get(name, "0.0")
            self.emit(f"dA{a} = zeros({self.plan.shapes[a]}) + {base}")
            for i, d in elements:
                self.emit(f"dA{a}.flat[{i}] += {d}")
            self.adjoint[name] = f"dA{a}"
        return self.adjoint.get(name)

    # ---- the update ---------------------------------------------------------------------

    def update(self) -> None:
        """SGD's update, checked once before anything is written."""
        plan, tape = self.plan, self.tape
        self.emit("lr = optimizer.lr")
        new = []
        for a in plan.parameters:
            g = self.array_adjoint(a)
            if g is not None:
                self.emit(f"N{a} = A{a} - lr * {g}")
                new.append((f"A{a}", f"N{a}"))
        loose = []
        for s, _ in plan.loose:
            if s in plan.wanted and f"v{s}" in self.adjoint:
                self.emit(f"n{s} = float(v{s} - lr * {self.adjoint[f'v{s}']})")
                loose.append((s - tape.arity, f"n{s}"))
        names = [n for _, n in new] + [n for _, n in loose]
        if names:
            self.emit(f"if not finite(({', '.join(names)},)):")
            self.emit("    raise NotFinite")
        for old, n in new:
            self.emit(f"copyto({old}, {n})")
        for j, n in loose:
            self.emit(f"leaf{j}._data = {n}")


class _Name(str):
    """A name standing for a number in generated source (its repr is the name)."""

    def __repr__(self) -> str:
        return str(self)


def _plain(optimizer: SGD) -> bool:
    """Whether ``optimizer`` is SGD without momentum, weight decay or maximize: the update
    the held step writes."""
    if type(optimizer) is not SGD:
        return False
    return not (optimizer.momentum or optimizer.weight_decay or optimizer.maximize)


def _on_arrays(text: str | None) -> bool:
    """Whether an expression written for floats holds on arrays too: not where it branches
    on a value, calls ``math`` or fails (a domain check)."""
    return text is not None and not any(w in text for w in (" if ", "math.", "fail("))


def _summed(d: Any, g: Any, n: int) -> float:
    """Σ over the batch of ``n`` examples of d·g, for an input every example shares (a
    number for ``d`` or ``g`` is the same at every example)."""
    np = load_numpy()
    if not isinstance(g, np.ndarray):
        return float(d.sum() * g if isinstance(d, np.ndarray) else d * g * n)
    return float(d @ g) if isinstance(d, np.ndarray) else float(d) * float(g.sum())


def _product(local: str, g: str) -> str:
    """``local · g`` as text. A local written ``x * 1.0`` (relu's step, a bool made a
    float) is ``x`` times ``g``: the same numbers, one array operation fewer."""
    if local == "1.0" or g == "1.0":
        return g if local == "1.0" else local
    return f"{local.removesuffix(' * 1.0')} * {g}"


