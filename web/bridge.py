"""What the web pages ask of Python, answered as JSON text: the page's only way into the package.

The worker (``worker.js``) runs this module in Pyodide; the same functions run under CPython
in the tests. Each takes what the page has (the text of a worksheet and its kind, Python to
explore, a problem) and calls the package exactly as the command line does: a worksheet is
written to a file of its kind and read by ``autograd.audit.check``, so the page and
``python -m autograd check`` cannot disagree. Every answer is a JSON object; one that went
wrong is ``{"error": "one line"}``.

>>> import json
>>> answer = json.loads(check("x = 2\\nf = x·x = 4\\ndf/dx = 2x = 5", "txt"))
>>> answer["parts"][0]["counts"]["error"], answer["lines"]["3"]["verdict"]
(1, 'error')
"""

from __future__ import annotations

import ast
import base64
import io
import json
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import autograd
from autograd import Value, topological_order
from autograd.audit import check as check_file
from autograd.audit import read
from autograd.audit.checkfile import loss_graph
from autograd.audit.solve import solve
from autograd.audit.variants import write_variants
from autograd.audit.verdict import VERDICTS
from autograd.audit.worksheet import Worksheet, latex
from autograd.explore.scene import scene
from autograd.homework import load

KINDS = ("txt", "md", "tex", "ipynb", "toml", "json")  # the suffixes `check` reads
WORST_FIRST = ("error", "not understood", "carried", "rounding", "match")
HERE = Path(tempfile.gettempdir())


def answer(compute: Callable[..., dict[str, Any]]) -> Callable[..., str]:
    """``compute`` answering JSON text, its failure as one line (never a traceback)."""

    def answered(*args: Any) -> str:
        try:
            found = compute(*args)
        except Exception as error:  # the page shows any failure as its one line
            found = {"error": _one_line(error)}
        return json.dumps(found, ensure_ascii=False)

    answered.__doc__ = compute.__doc__
    return answered


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    known = (ValueError, ArithmeticError, TypeError, KeyError, OSError)
    return text if isinstance(error, known) else f"{type(error).__name__}: {text}"


def _written(text: str, kind: str) -> Path:
    """The page's text as the file the command line would read."""
    if kind not in KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    path = HERE / f"worksheet.{kind}"
    path.write_text(text, encoding="utf-8")
    return path


@answer
def check(text: str, kind: str) -> dict[str, Any]:
    """Every part judged as ``python -m autograd check`` judges it, and each written line's
    worst verdict and typeset maths."""
    report = check_file(_written(text, kind))
    lines: dict[str, dict[str, Any]] = {}
    for part in report.parts:
        for chain in [*part.judged.part.front, *part.judged.part.chains]:
            for line, maths in _typeset(chain):
                lines.setdefault(str(line), {"verdict": "", "maths": []})["maths"].append(maths)
        found = [(c.line, c.verdict) for c in part.checks if c.verdict != "given"]
        found += [(u.line, "not understood") for u in part.judged.unread]
        for line, verdict in found:
            row = lines.setdefault(str(line), {"verdict": "", "maths": []})
            if not row["verdict"] or WORST_FIRST.index(verdict) < WORST_FIRST.index(
                row["verdict"]
            ):
                row["verdict"] = verdict
    parts = [p.as_json() for p in report.parts]
    for part, judged in zip(parts, report.parts):
        # a part without a title is titled by its file: not the page's business
        part["title"] = "" if part["title"] == report.source else part["title"]
        for reading, other in zip(part["readings"], judged.readings):
            found = [c.verdict for c in other.judged.checks]
            found += ["not understood"] * len(other.judged.unread)
            reading["counts"] = {v: found.count(v) for v in VERDICTS}
    return {"parts": parts, "lines": lines, "text": report.text()}


def _typeset(chain: Any) -> list[tuple[int, str]]:
    """A chain's links as MathML, a piece per line it is written on (rows of an aligned
    block stand on lines of their own)."""
    from latex2mathml.converter import convert

    at = chain.link_lines if len(chain.link_lines) == len(chain.links) else [chain.line] * len(
        chain.links
    )
    pieces: dict[int, list[str]] = {}
    for i, link in enumerate(chain.links):
        pieces.setdefault(at[i], []).append(("= " if i else "") + latex(link))
    return [(line, convert(" ".join(texts))) for line, texts in pieces.items()]


_explored: dict[str, Any] = {}  # the graph being explored, for a changed leaf to recompute


@answer
def explore(source: str, homework_part: str = "") -> dict[str, Any]:
    """The explorer's scene of the expression ``source`` builds (Python; its last line names
    the output), or of the homework's part ``a`` / ``b``; its graph as DOT text only, which
    the page lays out with Graphviz compiled to WebAssembly."""
    if homework_part:
        root, groups = loss_graph(load()[homework_part])
    else:
        root, groups = _output(source), None
    _explored.update(root=root, groups=groups)
    return _scene({})


@answer
def recompute(values: dict[str, float]) -> dict[str, Any]:
    """The scene again with leaves (by id, ``v3``, as the explorer names them) set to
    other numbers; the graph itself is never changed."""
    return _scene(values)


def _scene(by_id: dict[str, float]) -> dict[str, Any]:
    root, groups = _explored["root"], _explored["groups"]
    order = topological_order(root)
    values = {order[int(i[1:])]: float(v) for i, v in by_id.items()}
    return {"scene": scene(root, values, groups=groups, picture=False)}


def _output(source: str) -> Value:
    """The Value the last line of ``source`` computes or assigns."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ValueError(f"line {error.lineno}: {error.msg}") from None
    if not tree.body:
        raise ValueError("write an expression, e.g. a = Value(2.0, label='a'); L = (a * a).tanh()")
    last = tree.body[-1]
    namespace: dict[str, Any] = {"Value": Value, "autograd": autograd}
    if isinstance(last, ast.Expr):  # the value of a last expression, kept under a name
        last = ast.copy_location(ast.Assign([ast.Name("_", ast.Store())], last.value), last)
        tree.body[-1] = ast.fix_missing_locations(last)
    try:
        exec(compile(tree, "<expression>", "exec"), namespace)
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        line = [f.lineno for f in frames if f.filename == "<expression>"][-1]
        raise ValueError(f"line {line}: {type(error).__name__}: {error}") from None
    if not isinstance(last, ast.Assign) or not isinstance(last.targets[-1], ast.Name):
        raise ValueError("the last line should name the output: L = … or just L")
    root = namespace[last.targets[-1].id]
    if not isinstance(root, Value):
        raise ValueError(f"the last line gives {type(root).__name__} {root!r}, not a Value")
    if root.label is None:
        root.label = last.targets[-1].id if last.targets[-1].id != "_" else "out"
    return root


def _problem(text: str, kind: str, name: str) -> Worksheet:
    """The problem the page holds, named as the student's file (``name``) is named."""
    sheet = read(_written(text, kind))
    sheet.source = name or "the problem"
    return sheet


@answer
def key(text: str, kind: str, name: str, digits: int, carry: str) -> dict[str, Any]:
    """The answer key ``python -m autograd solve FILE -o key.html`` writes."""
    return {"html": solve(_problem(text, kind, name), digits, carry).render("html")}


@answer
def variants(
    text: str, kind: str, name: str, count: int, seed: int, digits: int, carry: str
) -> dict[str, Any]:
    """``solve FILE --variants N --seed S -o DIR`` as one zip file (base64): the problems,
    their keys as HTML and ``answers.csv``."""
    sheet = _problem(text, kind, name)
    with tempfile.TemporaryDirectory() as folder:
        written = write_variants(sheet, count, seed, folder, digits, carry, "html")
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, f"variants/{path.name}")
    return {"zip": base64.b64encode(packed.getvalue()).decode(), "files": len(written)}
