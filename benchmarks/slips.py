"""How the checker reads a student's slip: measured on generated student worksheets.

    python benchmarks/slips.py              # 312 cases and 100 more clean sheets (about 30 s)
    python benchmarks/slips.py --thorough   # 1,872 cases (1,716 slips) and 600 clean sheets
    python benchmarks/slips.py --quick      # 48 cases: a smoke test

The sheets come from ``tests/students.py`` (random small networks worked by careful students
who round and carry their numbers, in several notations; expected values computed there
without the package). Each case is a clean sheet or one slip planted on one line, carried
forward by the student or not. For each kind of slip the table gives:

- *flagged*: the slip's line holds an error;
- *named*: an error on that line has a diagnosis naming the slip (``students.SLIPS``);
- *later errors*: lines after the slip judged errors, per carried slip (lines that are errors
  on the clean sheet too are not counted: they are false alarms, counted there);
- *carried*: of the lines a carried slip changes beyond the exact value's rounding, from
  numbers of which one at least is wrong beyond its own rounding, the share judged ``carried``
  (right given the student's numbers). A line computed from numbers that are all the exact
  values rounded as written is a rounding, whatever came before it.

Then the errors on the slipped sheets that no slip explains ("no common slip explains it",
with the exact value and the writer's) or that give no reason, and the false alarms: errors on
clean sheets, and lines not understood there.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import students

from autograd.audit import check_text

SIZES = {"quick": (48, 0), "default": (312, 100), "thorough": (1872, 600)}  # cases, clean
RANK = ("error", "carried", "not understood", "rounding", "match", "given")


@dataclass
class Kind:
    slips: int = 0
    flagged: int = 0
    named: int = 0
    carried_slips: int = 0
    later_errors: int = 0  # error lines after a carried slip
    uncarried_slips: int = 0
    stray_errors: int = 0  # error lines other than the slip's, after an uncarried slip
    consequences: Counter = field(default_factory=Counter)  # verdicts of far changed lines
    misses: list[str] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)  # later errors, and stray ones
    uncarried: list[str] = field(default_factory=list)  # far changed lines not `carried`


@dataclass
class Figures:
    kinds: dict[str, Kind] = field(default_factory=dict)
    clean: int = 0
    false_alarm_sheets: int = 0
    false_alarms: int = 0  # error lines on clean sheets
    not_understood: int = 0  # lines not understood on clean sheets
    alarms: list[str] = field(default_factory=list)
    errors: int = 0  # error checks on the slipped sheets
    unexplained: list[str] = field(default_factory=list)  # "no common slip explains it"
    bare: int = 0  # errors with no reason at all
    seconds: float = 0.0

    def total(self, attribute: str) -> int:
        return sum(getattr(k, attribute) for k in self.kinds.values())


def verdicts(sheet: students.Sheet) -> tuple[dict[int, str], dict[int, list[str]]]:
    """Each line's verdict as the checker gives it (its worst check: an error first), and
    the diagnoses of the errors on each line."""
    report = check_text(sheet.text, markdown=sheet.markdown)
    found: dict[int, list[str]] = {}
    said: dict[int, list[str]] = {}
    for part in report.parts:
        for c in part.checks:
            found.setdefault(c.line, []).append(c.verdict)
            if c.verdict == "error":
                said.setdefault(c.line, []).append(c.diagnosis)
        for u in part.judged.unread:
            found.setdefault(u.line, []).append("not understood")
    worst = {
        line: min(vs, key=lambda v: RANK.index(v) if v in RANK else 0) for line, vs in found.items()
    }
    return worst, said


def far(line: students.Line) -> bool:
    """Whether a written result lies beyond the exact value's rounding."""
    return not students.within_rounding(line.written, line.exact)


def measure(count: int, seed: int = 0, clean: int = 0) -> Figures:
    """The figures on ``count`` cases (``students.cases``) and ``clean`` more clean sheets."""
    figures = Figures()
    started = time.process_time()
    clean_cache: dict[int, dict[int, str]] = {}

    def clean_verdicts(s: int) -> dict[int, str]:
        if s not in clean_cache:
            clean_cache[s] = verdicts(students.worksheet(s))[0]
        return clean_cache[s]

    more = [students.worksheet(10**9 + seed * 100_003 + i) for i in range(clean)]
    for sheet in students.sheets(count, seed) + more:
        judged, diagnosed = verdicts(sheet)
        if sheet.slip is None:
            clean_cache[sheet.seed] = judged
            figures.clean += 1
            errors = [n for n, v in judged.items() if v == "error"]
            figures.false_alarms += len(errors)
            figures.false_alarm_sheets += bool(errors)
            figures.not_understood += sum(v == "not understood" for v in judged.values())
            if errors:
                figures.alarms.append(f"seed {sheet.seed}: lines {errors}")
            continue
        slip = sheet.slip
        for n, reasons in diagnosed.items():
            figures.errors += len(reasons)
            figures.bare += sum(not r for r in reasons)
            figures.unexplained += [
                f"seed {sheet.seed} line {n} ({slip.kind} on line {slip.line}): {r}"
                for r in reasons
                if r.startswith("no common slip")
            ]
        kind = figures.kinds.setdefault(slip.kind, Kind())
        kind.slips += 1
        flagged = judged.get(slip.line) == "error"
        kind.flagged += flagged
        pattern = students.SLIPS[slip.kind][1]
        said = diagnosed.get(slip.line, [])
        named = any(re.search(pattern, d) for d in said)
        kind.named += named
        if not named:
            kind.misses.append(
                f"seed {sheet.seed} line {slip.line} ({slip.story}): "
                f"{judged.get(slip.line)}; {'; '.join(said) or 'no diagnosis'}"
            )
        before = clean_verdicts(sheet.seed)
        stray = [
            n
            for n, v in judged.items()
            if v == "error" and n != slip.line and before.get(n) != "error"
        ]
        where = f"seed {sheet.seed} ({'carried' if slip.carried else 'not carried'}) line"
        kind.strays += [f"{where} {n} after line {slip.line}: {diagnosed.get(n)}" for n in stray]
        if slip.carried:
            kind.carried_slips += 1
            kind.later_errors += len(stray)
            for line in students.changed_lines(sheet):
                if far(line) and not line.sound:
                    judged_here = judged.get(line.number, "none")
                    kind.consequences[judged_here] += 1
                    if judged_here != "carried":
                        kind.uncarried.append(
                            f"{where} {line.number} after line {slip.line}: {judged_here} "
                            f"({line.written} for {line.exact:.6g})"
                        )
        else:
            kind.uncarried_slips += 1
            kind.stray_errors += len(stray)
    figures.seconds = time.process_time() - started
    return figures


def percent(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "–"


def table(figures: Figures) -> str:
    rows = [
        ("slip", "slips", "flagged", "named", "later errors", "uncarried: stray", "carried lines")
    ]
    for name in students.SLIPS:
        k = figures.kinds.get(name)
        if k is None:
            continue
        consequences = sum(k.consequences.values())
        rows.append(
            (
                name,
                str(k.slips),
                percent(k.flagged, k.slips),
                percent(k.named, k.slips),
                f"{k.later_errors / max(1, k.carried_slips):.2f}",
                f"{k.stray_errors / max(1, k.uncarried_slips):.2f}",
                percent(k.consequences["carried"], consequences),
            )
        )
    slips = figures.total("slips")
    carried = figures.total("carried_slips")
    uncarried = figures.total("uncarried_slips")
    consequences: Counter = sum((k.consequences for k in figures.kinds.values()), Counter())
    rows.append(
        (
            "all",
            str(slips),
            percent(figures.total("flagged"), slips),
            percent(figures.total("named"), slips),
            f"{figures.total('later_errors') / max(1, carried):.2f}",
            f"{figures.total('stray_errors') / max(1, uncarried):.2f}",
            percent(consequences["carried"], sum(consequences.values())),
        )
    )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(-1, "-" * len(lines[0]))
    shown = ", ".join(f"{v} {n}" for v, n in consequences.most_common())
    lines += [
        "",
        f"lines a carried slip changes (beyond rounding), judged: {shown or 'none'}",
        f"errors on slipped sheets: {figures.errors}; 'no common slip explains it': "
        f"{len(figures.unexplained)} ({percent(len(figures.unexplained), figures.errors)}), "
        f"with no reason: {figures.bare}",
        f"clean sheets: {figures.clean}, with a false alarm: {figures.false_alarm_sheets} "
        f"({figures.false_alarms} error lines); lines not understood: {figures.not_understood}",
        f"{figures.seconds:.1f} s of CPU",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="48 cases, a smoke test")
    size.add_argument("--thorough", action="store_true", help="1,872 cases, 600 clean sheets")
    parser.add_argument("--seed", type=int, default=0, help="another draw of sheets")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list each slip not named, each stray error, each changed line not carried and "
        "each false alarm",
    )
    args = parser.parse_args(argv)
    count, clean = SIZES["quick" if args.quick else "thorough" if args.thorough else "default"]
    figures = measure(count, args.seed, clean)
    print(table(figures))
    if args.misses:
        for name, k in figures.kinds.items():
            for miss in k.misses:
                print(f"  {name}: {miss}")
            for stray in k.strays:
                print(f"  {name}, stray error: {stray}")
            for line in k.uncarried:
                print(f"  {name}, changed line not carried: {line}")
        for alarm in figures.alarms:
            print(f"  false alarm: {alarm}")
        for error in figures.unexplained:
            print(f"  unexplained: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
