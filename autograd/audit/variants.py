"""Variants of a problem for a class: the same network and formulas, fresh hand-friendly givens,
each with its answer key, and one CSV of every variant's answers for grading.

What is redrawn: the parameters (as ``solve`` decides them) and the givens the front matter
lists under ``vary:`` (inputs, say); the rate, the targets and every other given stay as the
teacher wrote them. A redrawn number keeps the sign of the original and its kind: one decimal
(``0.1`` … ``1.0``, or up to twice the original's size) where the original has at most one,
else two (multiples of ``0.05``). A zero stays zero. A draw is refused, and drawn again, when
it makes degenerate a quantity or derivative that the original does not have degenerate (zero,
or written as zero: a dead unit, a vanishing gradient), when it cannot be computed, or when it
repeats the original or an earlier variant. The same seed gives the same variants.

>>> from autograd.audit.read_text import read_text
>>> part = read_text("x = 1.5, y = 1, α = 0.1, w = 0.5, b = -0.3\\nz = w x + b\\nL = (y − z)^2")
>>> [(key.givens["w"], key.givens["b"]) for key in variants(part.parts[0], 3, seed=1)]
[('0.3', '-1.0'), ('0.2', '-0.5'), ('0.2', '-0.8')]
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from .solve import Key, Solution, solve_part
from .worksheet import InputError, Part, Worksheet, show

__all__ = ["MAX_VARIANTS", "answers_csv", "drawn", "variants", "write_variants"]

MAX_VARIANTS = 1_000
_DRAWS = 200  # tries for one variant before giving up: the problem has too few variants


def variants(part: Part, count: int, seed: int | str = 0, digits: int = 4,
             carry: str = "exact") -> list[Key]:  # fmt: skip
    """``count`` versions of ``part`` with fresh givens, each solved; deterministic in ``seed``."""
    return list(drawn(part, count, seed, digits, carry))


def drawn(part: Part, count: int, seed: int | str = 0, digits: int = 4,
          carry: str = "exact") -> Iterator[Key]:  # fmt: skip
    """The variants of ``variants``, one at a time: a class's worth need not be held at once."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_VARIANTS:
        raise InputError(f"variants: expected a count from 1 to {MAX_VARIANTS}, got {count!r}")
    original = solve_part(part, digits, carry)
    names = [*original.parameters, *(n for n in part.vary if n not in original.parameters)]
    unknown = [n for n in names if n not in original.givens]
    if unknown:
        raise InputError(f"vary: {unknown[0]!r} is not a given value; choose from "
                         f"{', '.join(original.givens)}")  # fmt: skip
    return _draws(part, original, names, count, random.Random(seed), digits, carry)


def _draws(part: Part, original: Key, names: list[str], count: int, rng: random.Random,
           digits: int, carry: str) -> Iterator[Key]:  # fmt: skip
    degenerate = _degenerate(original)
    seen = {tuple(original.givens[n] for n in names)}
    for number in range(1, count + 1):
        for _ in range(_DRAWS):
            givens = {n: _draw(rng, original.givens[n]) for n in names}
            if tuple(givens.values()) in seen:
                continue
            try:
                key = solve_part(part, digits, carry, givens)
            except InputError:  # overflow, a log of a negative number: not a problem to set
                continue
            if _degenerate(key) <= degenerate:
                break
        else:
            raise InputError(f"variants: found only {number - 1} variants of {part.title!r} "
                             f"that are not degenerate; ask for fewer")  # fmt: skip
        seen.add(tuple(givens.values()))
        key.title = f"{original.title}, variant {number}"
        yield key


def _draw(rng: random.Random, original: str) -> str:
    """A fresh hand-friendly number in the original's place: same sign, one or two decimals."""
    value = Decimal(original)
    if value == 0:
        return original
    top = max(1, round(2 * abs(value)))  # as large as 1, or twice the original
    if -value.as_tuple().exponent <= 1:
        text = f"{rng.randint(1, 10 * top) / 10:.1f}"
    else:
        text = f"{rng.randint(1, 20 * top) / 20:.2f}"
    return text if value > 0 else "-" + text


def _degenerate(key: Key) -> set[str]:
    """The quantities the key has at zero, or writes as zero."""
    return {show(line.quantity) for line in key.lines
            if line.exact == 0 or Decimal(line.result) == 0}  # fmt: skip


def answers_csv(variants_: list[list[Key]]) -> str:
    """One row per variant and part: their numbers, then every given and result as the key
    writes it (a column per quantity, empty where a part has no such quantity)."""
    return _csv([[key.answers for key in keys] for keys in variants_])


def _csv(answers: list[list[dict[str, str]]]) -> str:
    columns: list[str] = []
    for parts in answers:
        for part in parts:
            columns += [q for q in part if q not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["variant", "part", *columns])
    for number, parts in enumerate(answers, start=1):
        for index, part in enumerate(parts, start=1):
            writer.writerow([number, index, *(part.get(q, "") for q in columns)])
    return out.getvalue()


def write_variants(
    sheet: Worksheet,
    count: int,
    seed: int,
    directory: str | Path,
    digits: int = 4,
    carry: str = "exact",
    kind: str = "txt",
) -> list[Path]:
    """``count`` variants of every part of ``sheet``, written to ``directory``: the problem
    (``variant-01.txt``), its key (``variant-01-key.txt``, ``.md`` or ``.html``) and
    ``answers.csv``; the paths written. Each variant is written as it is drawn (to a hidden
    folder in it, moved out at the end), and only its answers are kept for the CSV. A folder holding
    variant files this run would not write over (from a larger count, or another format) is
    refused before anything is written; a problem with fewer variants than asked writes none."""
    streams = [drawn(p, count, f"{seed}:{i}", digits, carry) for i, p in enumerate(sheet.parts)]
    directory = Path(directory)
    ends = (".txt", f"-key.{kind}")
    names = {f"variant-{n:02}{end}" for n in range(1, count + 1) for end in ends}
    if directory.exists() and not directory.is_dir():  # was "[Errno 17] File exists"
        raise InputError(f"--variants: {directory} is a file; give a folder for the variants")
    if directory.is_dir():
        stale = sorted(p.name for p in directory.glob("variant-*") if p.name not in names)
        if stale:
            raise InputError(f"--variants: {directory} holds {stale[0]} from another run, which "
                             "this one would leave beside its answers.csv; choose an empty "
                             "folder or remove the old variants")  # fmt: skip
    made = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    # gathered in a hidden folder inside it (one disk: a rename, even at a mount point), and
    # moved in once all are drawn: a problem with fewer variants than asked left 988 of 1,000
    # in the folder and no answers.csv (or a run's earlier one)
    staging = Path(tempfile.mkdtemp(prefix=".variants-", dir=directory))
    try:
        answers = []
        for number, keys in enumerate(zip(*streams), start=1):
            problem = staging / f"variant-{number:02}.txt"
            problem.write_text("\n".join(k.problem() for k in keys), encoding="utf-8")
            key = staging / f"variant-{number:02}-key.{kind}"
            key.write_text(Solution(f"{sheet.source}, variant {number}", list(keys)).render(kind),
                           encoding="utf-8")  # fmt: skip
            answers.append([k.answers for k in keys])
        (staging / "answers.csv").write_text(_csv(answers), encoding="utf-8")
    except BaseException:
        shutil.rmtree(directory if made else staging, ignore_errors=True)
        raise
    written = []
    for number in range(1, len(answers) + 1):
        for end in ends:
            written.append(directory / f"variant-{number:02}{end}")
            (staging / written[-1].name).replace(written[-1])
    written.append(directory / "answers.csv")
    (staging / "answers.csv").replace(written[-1])
    staging.rmdir()
    return written
