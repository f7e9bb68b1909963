"""The package's structure in figures: what a ``check`` call walks through, import cycles,
private names imported across modules, the largest classes, and how often the graph's
topological order is computed.

    python benchmarks/structure.py

- **files a check enters**: the modules of ``autograd`` whose functions run while the
  homework (``autograd/homework/hw1.md``) is checked, found with ``sys.setprofile``;
- **calls against the imports**: calls from a module into one that imports it, directly or
  not (a callback handed down, or a lazy import): the flow climbing back up;
- **import cycles**: strongly connected modules, lazy imports inside functions included,
  imports for type hints only (under ``if TYPE_CHECKING:``) not;
- **private names**: ``from .x import _name`` between modules of the package;
- **topological orders**: calls of ``graph.topological_order`` per check and per draw.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "autograd"
sys.path.insert(0, str(ROOT))


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (imports for type hints never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", "") == "TYPE_CHECKING":
                stack.extend(child.orelse)
            else:
                stack.append(child)


def imports() -> tuple[dict[str, set[str]], list[tuple[str, str, str]], list[tuple]]:
    """Each module's imports of the package's modules, the private names imported, and every
    class as (lines, methods, fields, name)."""
    modules = {module_of(f): f for f in sorted(PACKAGE.rglob("*.py"))}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    private, classes = [], []
    for m, f in modules.items():
        for node in runtime_nodes(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = m.split(".")[: None if f.name == "__init__.py" else -1]
                base = base[: len(base) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    if f"{target}.{alias.name}" in modules:
                        edges[m].add(f"{target}.{alias.name}")
                    elif target in modules:
                        edges[m].add(target)
                        if alias.name.startswith("_") and not alias.name.startswith("__"):
                            private.append((m, target, alias.name))
            elif isinstance(node, ast.ClassDef):
                methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
                fields = {
                    t.attr
                    for n in ast.walk(node)
                    if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                    for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                    if isinstance(t, ast.Attribute) and getattr(t.value, "id", "") == "self"
                } | {
                    n.target.id
                    for n in node.body
                    if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                }
                lines = node.end_lineno - node.lineno + 1
                classes.append((lines, len(methods), len(fields), f"{m}.{node.name}"))
    for m in edges:
        edges[m].discard(m)
    return edges, private, classes


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on, stack, found = set(), [], []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    group = []
                    while True:
                        x = stack.pop()
                        on.discard(x)
                        group.append(x)
                        if x == v:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif w not in index:
                index[w] = low[w] = len(index)
                stack.append(w)
                on.add(w)
                work.append((w, iter(sorted(edges[w]))))
            elif w in on:
                low[v] = min(low[v], index[w])
    return found


def traced(run, files: dict[str, str]) -> tuple[Counter, Counter, int]:
    """Modules entered, calls between modules, and topological orders computed by ``run``."""
    entered: Counter = Counter()
    calls: Counter = Counter()
    orders = 0

    def profile(frame, event, arg):
        nonlocal orders
        if event != "call" or frame.f_back is None:
            return
        callee = files.get(frame.f_code.co_filename)
        if callee is None:
            return
        if frame.f_code.co_name == "topological_order":
            orders += 1
        caller = files.get(frame.f_back.f_code.co_filename)
        if caller is not None and caller != callee:
            entered[callee] += 1
            calls[caller, callee] += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return entered, calls, orders


def main() -> None:
    edges, private, classes = imports()
    found = cycles(edges)
    print(f"import cycles: {len(found)}")
    for group in found:
        print("  ", " ".join(group))
    print(f"private names imported across modules: {len(private)}")
    for m, target, name in sorted(private):
        print(f"   {m} imports {target}.{name}")
    print("largest classes (lines, methods, fields):")
    for c in sorted(classes, reverse=True)[:3]:
        print(f"   {c[3]}: {c[0]} lines, {c[1]} methods, {c[2]} fields")

    from autograd.audit import check, read
    from autograd.audit.recompute import Model
    from autograd.drawing import draw
    from autograd.homework import PATH, WORKSHEET

    files = {str(f): module_of(f) for f in PACKAGE.rglob("*.py")}
    reach = {}
    for m in edges:  # every module m imports, directly or not
        seen, todo = set(), [m]
        while todo:
            for t in edges.get(todo.pop(), ()):
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        reach[m] = seen
    entered, calls, orders = traced(lambda: check(WORKSHEET), files)
    up = {e: n for e, n in calls.items() if e[0] in reach.get(e[1], ())}
    print(f"check(homework): enters {len(entered)} files: {', '.join(sorted(entered))}")
    print(f"   calls between files: {len(calls)} pairs; against the imports: {len(up)} pairs, "
          f"{sum(up.values())} calls")
    for (a, b), n in sorted(up.items(), key=lambda x: -x[1]):
        print(f"      {a} -> {b}: {n}")
    print(f"   topological orders computed: {orders}")
    model = Model(read(PATH).parts[0])
    loss = model.node(model.loss)
    loss.backward()
    print(f"draw(part a, highlight w1): topological orders computed: "
          f"{traced(lambda: draw(loss, highlight='w1'), files)[2]}")


if __name__ == "__main__":
    main()
