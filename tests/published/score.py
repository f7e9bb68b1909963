"""Score the checker on the published worked examples in this folder.

For each document: the numbers it writes (counted by ``expected.py``, independently of the
checker), how many of them the checker judged (the numbers in its judged links, so never
more than are written), what it did not understand and why, which of the
source's mistakes it flagged on their line, and its false alarms (errors on lines where the
source is right). Run: ``python tests/published/score.py`` (``--json`` for the raw figures,
``--verbose`` for every unread line and false alarm).

"derived" counts the judged numbers the checker computed (a result, a number substituted into a
formula); "judged" adds the givens, numbers the page states (a weight copied from a table),
which are read but not worked out: the share of derived numbers is the honest measure of what
the checker verified.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from expected import numbers_in, numbers_per_line, ordinals_blanked  # noqa: E402

from autograd.audit import check  # noqa: E402

JUDGED = ("match", "rounding", "carried", "error", "given")


def numbers_written(text: str) -> int:
    """How many numbers a judged link writes, counted as expected.py counts the document's: a
    result one, numbers substituted each of theirs, a formula its constants (none in
    ∂L/∂z · w); names' indices and exponents are not numbers."""
    return numbers_in(re.sub(r"⁽\w+⁾", " ", text))  # z⁽2⁾: a layer, as ^{(2)} in the page


def score(name: str) -> dict:
    exp = json.loads((HERE / f"{name}.expected.json").read_text("utf-8"))
    path = HERE / exp["file"]
    result = {"name": name, "file": exp["file"], "written": exp["numbers"], "judged": 0,
              "derived": 0, "unread": [], "caught": [], "missed": [], "false_alarms": [],
              "rejected": ""}
    try:
        report = check(path)
    except Exception as error:  # a document rejected whole counts as nothing judged
        result["rejected"] = f"{type(error).__name__}: {error}"
        result["missed"] = exp["mistakes"]
        return result
    errors: dict[int, list[str]] = {}
    judged: dict[int, int] = {}  # per line
    derived: dict[int, int] = {}  # per line, the givens left out
    for part in report.parts:
        for c in part.checks:
            if c.verdict in JUDGED:
                judged[c.line] = judged.get(c.line, 0) + numbers_written(c.written)
            if c.verdict in JUDGED and c.verdict != "given":
                derived[c.line] = derived.get(c.line, 0) + numbers_written(c.written)
            if c.verdict == "error":
                errors.setdefault(c.line, []).append(f"{c.quantity} = {c.written}")
            if c.verdict == "not understood":
                result["unread"].append({"line": c.line, "text": c.written, "reason": c.diagnosis})
        for u in part.judged.unread:
            result["unread"].append({"line": u.line, "text": u.text, "reason": u.reason})
    result["judged"] = _counted(path, judged)
    result["derived"] = _counted(path, derived)
    for m in exp["mistakes"]:
        (result["caught"] if m["line"] in errors else result["missed"]).append(m)
    excused = {e["line"] for key in ("mistakes", "carried", "borderline") for e in exp[key]}
    result["false_alarms"] = [
        {"line": line, "errors": errs}
        for line, errs in sorted(errors.items())
        if line not in excused
    ]
    return result


def _counted(path: Path, judged: dict[int, int]) -> int:
    """The numbers of the page the links judged on each line hold, at most as many as
    expected.py counts the line to write (code blocks are not counted): a line's number
    counted once, however many links judge it (the show text of a link can also hold more
    than the page wrote: e^{0.3} is written out e^0.3); a notebook's checks
    stand at lines of the .ipynb file, and a matrix's entries at the lines of its rows: there
    the numbers are counted at most once per cell."""
    if path.suffix == ".ipynb":
        starts, numbers = _cells(path)
        per_cell: dict[int, int] = {}
        for line, n in judged.items():
            cell = max((k for k, start in enumerate(starts) if start <= line), default=0)
            per_cell[cell] = per_cell.get(cell, 0) + n
        return sum(min(n, numbers[cell]) for cell, n in per_cell.items())
    written = numbers_per_line(path)  # as expected.py counts them: code blocks left out
    return sum(min(n, written.get(line, 0)) for line, n in judged.items())


def _cells(path: Path) -> tuple[list[int], list[int]]:
    """The line of the .ipynb file each cell begins on (its "cell_type", the first key as
    Jupyter writes them), and the numbers its Markdown and printed outputs write."""
    starts = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
              if line.strip().startswith('"cell_type"')]  # fmt: skip
    numbers = []
    for cell in json.loads(path.read_text("utf-8"))["cells"]:
        markdown = cell["cell_type"] == "markdown"
        texts = [ordinals_blanked("".join(cell["source"]))] if markdown else []
        texts += ["".join(out.get("text", [])) for out in cell.get("outputs", [])]
        numbers.append(sum(numbers_in(line) for t in texts for line in t.splitlines()))
    return starts, numbers


def names() -> list[str]:
    return sorted(p.name[: -len(".expected.json")] for p in HERE.glob("*.expected.json"))


def main(argv: list[str]) -> int:
    results = [score(n) for n in names()]
    if "--json" in argv:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return 0
    print(f"{'document':<36}{'written':>8}{'judged':>8}{'share':>7}{'derived':>8}{'unread':>8}"
          f"{'caught':>8}{'false':>7}")
    for r in results:
        mistakes = len(r["caught"]) + len(r["missed"])
        share = r["judged"] / r["written"] if r["written"] else 0.0
        print(f"{r['name']:<36}{r['written']:>8}{r['judged']:>8}{share:>7.0%}{r['derived']:>8}"
              f"{len(r['unread']):>8}"
              f"{len(r['caught']):>5}/{mistakes:<2}{len(r['false_alarms']):>7}"
              + ("  REJECTED" if r["rejected"] else ""))
        if "--verbose" in argv:
            if r["rejected"]:
                print(f"    rejected: {r['rejected']}")
            reasons = Counter(u["reason"] for u in r["unread"])
            for reason, n in reasons.most_common(5):
                print(f"    {n} × not understood: {reason}")
            for f in r["false_alarms"]:
                print(f"    false alarm, line {f['line']}: {'; '.join(f['errors'])}")
            for m in r["missed"]:
                print(f"    missed, line {m['line']}: {m['written']} ({m['why']})")
    written = sum(r["written"] for r in results)
    judged = sum(r["judged"] for r in results)
    derived = sum(r["derived"] for r in results)
    caught = sum(len(r["caught"]) for r in results)
    mistakes = caught + sum(len(r["missed"]) for r in results)
    alarms = sum(len(r["false_alarms"]) for r in results)
    rejected = sum(bool(r["rejected"]) for r in results)
    print(f"\n{len(results)} documents: {judged} of {written} numbers judged "
          f"({judged / written:.0%}; {derived} of them derived, {derived / written:.0%}, the rest "
          f"givens read), {caught} of {mistakes} published mistakes caught on their "
          f"line, {alarms} false alarms, {rejected} documents rejected whole")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
