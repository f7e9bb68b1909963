"""The command line: python -m autograd demo | homework | check | solve | graph | grade |
autograder."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import Value, grad


def demo_command(args: argparse.Namespace) -> int:
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


def homework_command(args: argparse.Namespace) -> int:
    """Check the homework, both parts, line by line: every number it writes, judged."""
    from .homework import WORKSHEET

    return _report(WORKSHEET, args)


def check_command(args: argparse.Namespace) -> int:
    """Check your own hand calculation: a worksheet (.txt, .md) or a check file (.toml, .json)."""
    if args.notation:
        from .grade.notation import GUIDE

        print(GUIDE, end="")
        return 0
    if args.file is None:
        raise UsageError("check: give a worksheet FILE (or --notation for the guide)")
    return _report(Path(args.file), args)


def grade_command(args: argparse.Namespace) -> int:
    """Grade a class: a folder of worksheets against a key, into a gradebook and a report."""
    import time

    from .grade import Reference, grade_class, load_rubric, write
    from .grade.batch import TIME_LIMIT
    from .grade.overrides import OverrideError
    from .grade.rubric import RubricError

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs: expected a number of processes ≥ 1, got {args.jobs}")
    time_limit = TIME_LIMIT if args.time_limit is None else args.time_limit
    if not 0 < time_limit <= 3600:
        raise UsageError(f"--time-limit: expected seconds from 0 to 3600, got {time_limit:g}")
    try:
        rubric = load_rubric(args.rubric)
        if (args.key is None) == (args.variants is None):
            raise UsageError("grade: give --key FILE, or --variants DIR (with --roster FILE)")
        reference = Reference.from_file(args.key) if args.key else None
        if Path(args.output).exists() and not Path(args.output).is_dir():  # before grading
            raise UsageError(f"-o: {args.output} is a file; give the folder to write the grades to")
        start = time.perf_counter()
        notes: list[str] = []
        grades = grade_class(args.submissions, reference, rubric, args.jobs, time_limit,
                             sys.stderr.isatty(), args.variants, args.roster, notes)  # fmt: skip
        seconds = time.perf_counter() - start
        for note in notes:
            print(f"grade: {note}", file=sys.stderr)
        out = Path(args.output)
        write(grades, out, str(args.key or args.variants), rubric, args.overrides, notes)
    except (RubricError, OverrideError, ValueError) as error:
        raise UsageError(str(error)) from None
    absent = sum(g.problem == "nothing handed in" for g in grades)
    unread = sum(bool(g.problem) for g in grades) - absent
    nothing = f", {absent} on the roster handed nothing in" if absent else ""
    graded = len(grades) - absent
    print(f"graded {graded} submission{'s' * (graded != 1)} in {seconds:.1f} s ({unread} could not "
          f"be read{nothing}); wrote {out / 'grades.csv'}, {out / 'class-report.html'}, "
          f"{out / 'feedback'}/")  # fmt: skip
    return 0


def autograder_command(args: argparse.Namespace) -> int:
    """Write a Gradescope autograder (.zip) that checks and grades one problem's submissions."""
    from .grade.gradescope import write_autograder
    from .grade.rubric import RubricError

    try:
        path = write_autograder(args.file, args.output, args.rubric)
    except (RubricError, ValueError) as error:
        raise UsageError(str(error)) from None
    print(f"wrote {path}: upload it as the assignment's autograder")
    return 0


def solve_command(args: argparse.Namespace) -> int:
    """Write the answer key of a problem (givens and formulas), or N variants of it."""
    from .audit import part_name, read
    from .audit.solve import KINDS, solve

    sheet = read(args.file)
    if args.part is not None:
        named = {part_name(p, i): p for i, p in enumerate(sheet.parts)}
        sheet.parts = [_pick(named, args.part)]
    out = Path(args.output) if args.output else None
    kind = args.format or (out.suffix.lstrip(".").lower() if out and out.suffix else "txt")
    if kind not in KINDS and args.format:
        raise UsageError(f"--format: {kind!r} is not one of {', '.join(KINDS)}")
    if kind not in KINDS:  # the kind came from -o's name
        raise UsageError(f"-o: {out.name!r} must end in .{', .'.join(KINDS)} (or give --format)")
    if args.variants is not None:
        from .audit.variants import write_variants

        if out is None or out.suffix:
            raise UsageError("--variants: give -o DIRECTORY for the problems, keys and answers.csv")
        written = write_variants(sheet, args.variants, args.seed, out, args.digits, args.carry,
                                 kind)  # fmt: skip
        print(f"wrote {len(written)} files to {out}: variant-01.txt … answers.csv")
        for quiz in args.quiz:
            from .grade.lms import write_quiz

            print(f"wrote {write_quiz(out, quiz)}")
        return 0
    if args.quiz:
        raise UsageError("--quiz: the quiz is made of variants; add --variants N")
    solution = solve(sheet, args.digits, args.carry, args.set)
    shown = Path(args.file).name
    for part, key in zip(sheet.parts, solution.keys):  # never left out silently
        for unread in part.unread:
            print(f"solve: {shown}: line {unread.line} is left out of the key ({unread.reason})",
                  file=sys.stderr)  # fmt: skip
        for name, why in key.left_out.items():
            print(f"solve: {shown}: {name} is left out of the key ({why})", file=sys.stderr)
    text = solution.render(kind)
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}: the answer key of {args.file} ({kind})")
    return 0


def graph_command(args: argparse.Namespace) -> int:
    """Draw one part of the homework, a check file or a worksheet, as a chain-rule graph."""
    try:
        from .drawing import DOT_MISSING, DotNotFound, GraphTooLarge, draw
    except ImportError as missing:  # graphviz, the Python package: the `draw` extra
        return _missing(f"graph: {missing}")
    out = Path(args.output)
    kind = out.suffix.lstrip(".").lower()
    if kind not in ("svg", "png", "pdf", "dot", "html"):
        raise UsageError(f"-o: {out.name!r} must end in .svg, .png, .pdf, .dot or .html")
    if kind == "html" and args.file and args.view != "network":
        try:  # a worksheet's explorer: its part with an error, unless --part names one
            what, part = _worksheet_page(out, args)
        except DotNotFound:
            return _missing(DOT_MISSING)
        print(f"wrote {out}: {what} of part {part} of {args.file}")
        return 0
    loss, groups, part = _loss_graph(args)
    try:
        picture = draw(loss, highlight=args.highlight, groups=groups)
        what = _draw_to(out, kind, args, loss, groups, picture)
    except GraphTooLarge:
        raise UsageError(f"graph: the picture has {picture.node_count:,} nodes, more than "
                         f"{picture.node_limit:,}, which dot could take minutes to lay out; "
                         "draw a smaller part, or write -o FILE.dot (DOT text, no limit)") from None
    except DotNotFound:
        return _missing(f"{DOT_MISSING} Or write -o FILE.dot: DOT text needs no Graphviz.")
    except ValueError as error:  # an unknown label to highlight, a graph past a limit
        raise UsageError(str(error)) from None
    source = args.file or "the homework"
    red = f", the paths to {args.highlight} in red" if args.highlight else ""
    print(f"wrote {out}: {what} of part {part} of {source}{red}")
    return 0


def _draw_to(out: Path, kind: str, args: argparse.Namespace, loss: Value, groups: Any,
             picture: Any) -> str:  # fmt: skip
    """Write the picture ``-o`` asks for; what it is, in words."""
    if kind == "dot":
        out.write_text(picture.source, encoding="utf-8")
        return "the chain-rule graph as DOT text"
    if args.view == "network":  # the explorer's network view, as a still picture
        if kind != "svg":
            raise UsageError("--view network: write -o FILE.svg")
        from .explore import network_svg

        out.write_text(network_svg(loss, groups=groups, select=args.highlight), "utf-8")
        return "the network"
    if kind == "html":  # the interactive explorer, one self-contained file
        from .explore import page

        out.write_text(page(loss, groups=groups, select=args.highlight), "utf-8")
        return "the explorer (open it in a browser)"
    out.write_bytes(picture.pipe(format=kind))
    return "the chain-rule graph"


def _worksheet_page(out: Path, args: argparse.Namespace) -> tuple[str, str]:
    """Write the explorer of a worksheet's graph, every number written on it judged: the part
    ``--part`` names, else the first with an error (a file of several parts needs no
    ``--part``); what it is, in words, and the part's name."""
    from .audit import check
    from .audit.recompute import Unknown
    from .explore import page
    from .explore.worksheet import pick

    report = check(args.file, args.set)
    try:
        chosen = pick(report, args.part)
        out.write_text(page(report, part=chosen.name, select=args.highlight), "utf-8")
    except (Unknown, ArithmeticError, ValueError) as error:  # a value the sheet never gives
        raise UsageError(f"graph: {error}") from None
    return "the explorer (open it in a browser)", chosen.name


def _loss_graph(args: argparse.Namespace) -> tuple[Value, Any, str]:
    """The loss node to draw, for a check file the layer boxes around its neurons, and the
    part's name (``--part``, which a file of one part need not give)."""
    from .audit import CHECK_FILES, part_name, read
    from .audit.checkfile import load_file, loss_graph
    from .audit.recompute import Model, Unknown
    from .homework import PATH

    path = Path(args.file) if args.file else PATH
    try:
        if path.suffix.lower() in CHECK_FILES:
            parts = load_file(path)
            part = args.part if args.part is not None else _only(parts)
            return (*loss_graph(_pick(parts, part), args.set), part)
        sheet = read(path)
        named = {part_name(p, i): p for i, p in enumerate(sheet.parts)}
        part = args.part if args.part is not None else _only(named)
        model = Model(_pick(named, part), args.set)
        loss = model.node(model.loss)
        loss.backward()  # a fresh graph of the worksheet's own: its boxes show gradients
    except (Unknown, ArithmeticError, ValueError) as error:  # ValueError: √x at 0, say
        raise UsageError(f"graph: {error}") from None
    return loss, None, part


def _only(parts: dict) -> str:
    """The name of the only part; with several, ``--part`` must say which."""
    if len(parts) != 1:
        raise UsageError(f"--part: choose from {', '.join(parts)}")
    return next(iter(parts))


def _missing(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _report(path: Path, args: argparse.Namespace) -> int:
    from .audit import check

    report = check(path, args.set)
    if not any(p.checks or p.judged.unread for p in report.parts):  # not a silent blank line
        raise UsageError(f"check: nothing was checked: no line of {path} reads as an equation "
                         "(name = …; in .md, maths between $ signs)")  # fmt: skip
    if args.part is not None:
        report.parts = [_pick({p.name: p for p in report.parts}, args.part)]
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.text("all" if args.all else "hints" if args.hints else "compact"))
    return 0


def _pick(parts: dict, name: str) -> Any:
    name = name.strip().removeprefix("(").removesuffix(")")  # --part "(a)" as the title has it
    if name not in parts:
        raise UsageError(f"--part: no part {name!r}; choose from {', '.join(parts)}")
    return parts[name]


class UsageError(Exception):
    """A command-line or input mistake: printed as one line, exit status 2."""


def _assignment(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    try:
        if not sep or not name.strip():
            raise ValueError
        return name.strip(), float(value.strip().replace("−", "-"))  # a typed − too
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected NAME=NUMBER (like w9=-1), got {text!r}"
        ) from None


def _settings(pairs: list[tuple[str, float]]) -> dict[str, float]:
    """The --set values by name; a name set twice is refused (the last one was taken)."""
    out: dict[str, float] = {}
    for name, value in pairs:
        if name in out and out[name] != value:
            raise UsageError(f"--set: {name} is set twice, to {out[name]:g} and {value:g}")
        out[name] = value
    return out


def _set_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--set",
        metavar="NAME=VALUE",
        type=_assignment,
        action="append",
        default=[],
        help="change a given value, by the name the document gives it (w9=-1, α=0.5); repeatable",
    )


def _audit_options(command: argparse.ArgumentParser, parts: str) -> None:
    command.add_argument("--part", help=f"only this part ({parts})")
    _set_option(command)
    view = command.add_mutually_exclusive_group()
    view.add_argument("--json", action="store_true", help="print one JSON object")
    view.add_argument("--all", action="store_true", help="print every judged link in a table")
    view.add_argument("--hints", action="store_true",
                      help="for self-study: where each slip starts, with a hint, not the answer")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m autograd",
        description=__doc__,
        epilog="Exit status: 0 done; 1 a program the picture needs is missing; 2 a mistake in "
        "the command or its input, told in one line on stderr.",
    )
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help=demo_command.__doc__).set_defaults(run=demo_command)
    command = commands.add_parser("homework", help=homework_command.__doc__)
    _audit_options(command, "a or b")
    command.set_defaults(run=homework_command)
    command = commands.add_parser("check", help=check_command.__doc__)
    command.add_argument("file", nargs="?",
                         help="a worksheet (.txt, .md) or check file (.toml, .json)")  # fmt: skip
    _audit_options(command, "a name under [parts] in the file")
    command.add_argument("--notation", action="store_true",
                         help="print the one-page guide to writing a worksheet, for students")
    command.set_defaults(run=check_command)
    command = commands.add_parser("grade", help=grade_command.__doc__)
    command.add_argument("submissions", help="a folder: one worksheet file or folder a student")
    command.add_argument("--key", help="the problem (givens, formulas) or its key")
    command.add_argument("--variants", help="instead of --key: the folder of solve --variants")
    command.add_argument("--roster", help="with --variants: a CSV of student,variant (default: "
                         "the student column of answers.csv)")
    command.add_argument("-o", "--output", default="grades", help="the folder written (grades)")
    command.add_argument("--rubric", help="a rubric (.toml): points, follow-through, penalties")
    command.add_argument("--overrides", help="a CSV of student,quantity,points,reason")
    command.add_argument("--jobs", type=int, help="worker processes (default: every core)")
    command.add_argument("--time-limit", type=float, help="seconds for one submission (20)")
    command.set_defaults(run=grade_command)
    command = commands.add_parser("autograder", help=autograder_command.__doc__)
    command.add_argument("file", help="the problem (givens, formulas) or its key")
    command.add_argument("-o", "--output", default="autograder.zip", help="the zip written")
    command.add_argument("--rubric", help="a rubric (.toml)")
    command.set_defaults(run=autograder_command)
    command = commands.add_parser("solve", help=solve_command.__doc__)
    command.add_argument("file", help="a worksheet (.txt, .md) or check file (.toml, .json)")
    command.add_argument("-o", "--output", help="FILE.txt, .md or .html; a folder for --variants")
    command.add_argument("--format", help="txt, md (Markdown with LaTeX) or html (MathML)")
    command.add_argument("--digits", type=int, default=4, help="significant digits (default 4)")
    command.add_argument(
        "--carry",
        choices=("exact", "rounded"),
        default="exact",
        help="substitute exact values, or carry the rounded numbers written, as by hand",
    )
    command.add_argument("--variants", type=int, metavar="N", help="N versions with fresh givens")
    command.add_argument("--seed", type=int, default=0, help="the variants' seed (default 0)")
    command.add_argument("--quiz", choices=("moodle", "canvas"), action="append", default=[],
                         help="with --variants: also a Moodle XML or Canvas QTI quiz of them")
    command.add_argument("--part", help="only this part (a, b, … or its number)")
    _set_option(command)
    command.set_defaults(run=solve_command)
    command = commands.add_parser("graph", help=graph_command.__doc__)
    command.add_argument("--part", help="which part: a or b for the homework; a file of one part "
                         "needs none")  # fmt: skip
    command.add_argument(
        "--file", help="a worksheet (.txt, .md) or check file (.toml, .json), not the homework"
    )
    command.add_argument("--highlight", metavar="LABEL", help="a node whose paths turn red")
    command.add_argument(
        "--view",
        choices=("graph", "network"),
        default="graph",
        help="the computational graph (default), or the network as a textbook draws it (.svg)",
    )
    _set_option(command)
    command.add_argument(
        "-o", "--output", required=True, help="FILE.svg, .png, .pdf, .dot, or .html (explorer)"
    )
    command.set_defaults(run=graph_command)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .audit import InputError

    try:
        if hasattr(args, "set"):
            args.set = _settings(args.set)
        return args.run(args)
    except BrokenPipeError:  # `… | head`: the reader has all it wants; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, InputError, OSError) as error:  # the user's input; bugs still raise
        message = str(error) if isinstance(error, OSError) else str((error.args or [error])[0])
        print(f"error: {_one_line(message)}", file=sys.stderr)
        return 2


def _one_line(message: str, limit: int = 400) -> str:
    """The message on one line (a newline in a quoted name shows as \\n), cut short: a
    100,000-character value from a file is not printed whole."""
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    return message if len(message) <= limit else f"{message[: limit - 20]} … {message[-15:]}"
