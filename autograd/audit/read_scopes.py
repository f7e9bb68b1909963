"""Where a name starts to mean another quantity: the next question or pass under a heading,
the next row of a table, samples of a data set a line, a letter labelling a passage."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from .read_accumulations import read_as_latest, version_name
from .recompute import substitutions
from .worksheet import (
    Chain,
    Derivative,
    Name,
    Num,
    Part,
    Unread,
    names_in,
    replaced,
    show,
)

HEADING = "\u2064"  # marks a heading a front end passes on: HEADING title


TABLE_ROW = "table row, line"  # the title a front end gives a table's row: its own case


#: the title a front end gives a line that supposes a value (β = 0 → no momentum, At t = 10: …):
#: a part of its own, which the lines after it do not continue
CASE = "the case"
#: the value words say a symbol usually takes (β = momentum coefficient (typically 0.9)): a
#: case always, never the value the page works with (its example may use another unstated)
TYPICAL = CASE + " usually"
ROW_GAP = 3  # lines at most between two rows of one table (a rule, a row carried on)

# Step 2:, Parameter A (large gradients):, **Sample 1**:, 第2步：: a label of a word and a number
# or a capital opening a line, a heading in all but its marks: the lines under it, or the rest of
# its own, are that step's (∇L = 1.5 at step 2 is no copy of step 1's −2.0)
STEP_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?((?:[A-Z][a-z]+\s+(?:\d+|[A-Z])|第\s*\d+\s*[^\W\d]|步骤\s*\d+)"
    r"(?![\w.])[^:：*\n]{0,40})(?:\*\*|__)?\s*[:：]")


def scoped(part: Part, headings: list[tuple[int, str]]) -> list[Part]:
    """``part`` cut at its headings where names start over, as a reader scopes them: a
    section that gives a number to a name the part already holds with another number (the
    next question of a quiz, a pass run again after the update) starts a part of its own;
    other sections continue the part they follow. Sections of formulas alone just before
    such a section (the model, then its numbers) go with it. A case (``CASE``: a value the
    page only supposes) is a part of its own, and the part it interrupts goes on after it."""
    if not headings:
        return [part]
    bounds = [*(n for n, _ in headings), float("inf")]
    titles = dict(headings)
    sections, cases = [], []
    stated: dict[str, set[Decimal]] = {}  # the values the page has stated so far, not supposed
    given: dict[str, Chain] = {}  # the latest line giving each name a number alone: w = 0.5
    for start, end in zip([0.0, *bounds[:-1]], bounds):
        chains = [c for c in part.chains if start <= c.line < end]
        unread = [u for u in part.unread if start <= u.line < end]
        values = _numbers_given(chains)
        # a value supposed beside another the page states (β = 0 → no momentum, after β = 0.9;
        # At t = 10, after t = 1): a case apart; one the page has not stated otherwise (At (w1,
        # w2) = (1, 0): the point it works at) is its value
        if titles.get(start, "").startswith(TYPICAL) or (titles.get(start, "").startswith(
                CASE) and any(n in stated and not any(_same(v, w) for w in stated[n])
                              for n, v in values)):  # fmt: skip
            # the rest of what the page gave holds in the case (At t = 10: β1^10 ≈ 0.349,
            # with β1 = 0.9 above), but for what the case writes itself
            own = {c.quantity.name for c in chains if isinstance(c.quantity, Name)}
            held = [c for n, c in given.items() if n not in own]
            cases.append(replace(part, title=titles[start], line=int(start), chains=chains,
                                 unread=unread, readings=list(part.readings),
                                 front=[*part.front, *held]))  # fmt: skip
            continue
        given.update((c.quantity.name, c) for c in chains if _gives(c))
        for n, v in values:
            stated.setdefault(n, set()).add(v)
        sections.append((start, chains, unread, values, _formulas(chains)))
    # a table's rows, or lines under labels of their own (**Sample 2:** x = 2, y = 3), that
    # are a data set are read as one, a sample a line (samples_apart), not each a case; not
    # rows of worked values (| y | ŷ | Loss |, L a formula of the part's: each row a case)
    rows = [c for c in part.chains if c.line in titles or c.line + 1 in titles]
    computed = {n for n, _ in _formulas(part.chains)}
    samples = {row[0].line for run, mark in _data_sets(rows, part) if mark is not None
               and not {c.quantity.name for c in run[0]} & computed
               for row in run[1:]}  # fmt: skip
    cuts, since = [0], 0  # since: the first section after the last one with numbers
    held: dict[str, Decimal] = {}
    defined: dict[str, str] = {}  # each name's first formula
    for k, (start, _, _, values, formulas) in enumerate(sections):
        redefined = any(defined.get(n, f) != f or n in held for n, f in formulas)
        # w = w − η·dw, then w = 0 − 0.01·(−336.67) = 3.3667: the updated w, not a new one
        moved = {n[:-1] for n, _ in formulas if n.endswith("'")}
        if start not in samples and (redefined or any(n in held and n not in moved
                                            and not _same(held[n], v) for n, v in values)):
            cuts.append(k if redefined else since)  # a new formula: from its own section
            held, defined = {}, {}
            for _, _, _, earlier, their in sections[since:k]:
                held.update(earlier)
                defined.update(their)
        if values:
            held.update(values)
            since = k + 1
        for n, f in formulas:
            defined.setdefault(n, f)
        since = max(since, cuts[-1])
    pieces = []
    for first, last in zip(cuts, [*cuts[1:], len(sections)]):
        start = sections[first][0]
        title = titles.get(start, part.title) if first else part.title
        chains = [c for s in sections[first:last] for c in s[1]]
        pieces.append(replace(
            part, title=title, line=int(start) if first else part.line, chains=chains,
            unread=[u for s in sections[first:last] for u in s[2]],
            readings=list(part.readings),
            after_previous=bool(pieces) and _runs_again(pieces[-1].chains, chains) and not any(
                pieces[-1].line < c.line < start for c in cases),
        ))  # fmt: skip
    return sorted([*pieces, *cases], key=lambda p: p.line)


def _runs_again(before: list[Chain], chains: list[Chain]) -> bool:
    """Whether ``chains`` run the pass of ``before`` again after its update: ``before``
    updates a parameter (``w = w − η·∂L/∂w``, read as ``w'``) that ``chains`` read without
    giving it a number of their own (Step 2: ŷ = w·x, at the w of step 1's update); then the
    givens of ``before`` hold in them, the updated ones at their new value (``after:
    previous``)."""
    updated = {c.quantity.name[:-1] for c in before
               if isinstance(c.quantity, Name) and c.quantity.name.endswith("'")}  # fmt: skip
    given = {c.quantity.name for c in chains if isinstance(c.quantity, Name)
             and len(c.links) == 2 and isinstance(c.links[1], Num)}  # fmt: skip
    read = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    return bool((updated & read) - given)


def row_goes_on(before: Part, row: Part) -> None:
    """A table's row that starts a part of its own (the next step of a descent, at the new
    ``w``) is the same calculation at new values: a formula of the part before (``L = w^2 −
    6 · w + 10``) holds in it when the row gives every name the formula reads, unless the
    row defines the quantity again. A given written above the table (``With w = 2:``) holds
    in every row that reads it and gives it no value of its own, as in the first."""
    if not any(row.line - ROW_GAP <= c.line < row.line for c in before.chains):
        return  # the part before ends no row just above: another question's, not this table's
    own = {c.quantity.name for c in row.chains if isinstance(c.quantity, Name)
           and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    given = {n for n, _ in _numbers_given(row.chains)}
    latest = {c.quantity.name: c for c in (*before.front, *before.chains)
              if isinstance(c.quantity, Name) and len(c.links) > 1 and names_in(c.links[1])}
    present = {id(c) for c in row.front}  # the front matter the parts cut from one share
    carried = [c for name, c in latest.items() if name not in own and id(c) not in present
               and set(names_in(c.links[1])) <= given]  # fmt: skip
    table = _table_start(before.chains, row.line)
    read = {n for c in (*carried, *row.chains) for link in c.links[1:] for n in names_in(link)}
    above = {c.quantity.name: c for c in (*before.front, *before.chains)
             if c.line < table and isinstance(c.quantity, Name) and len(c.links) == 2
             and isinstance(c.links[1], Num)}  # fmt: skip
    carried += [c for name, c in above.items() if name in read and name not in given | own
                and id(c) not in present]  # fmt: skip
    row.front = [*carried, *row.front]  # each quantity's formula once: linear in the rows


def _table_start(chains: list[Chain], row: int) -> int:
    """The line of the first row of the table whose rows run up to ``row``, as far as
    ``chains`` show them: a table's rows are lines in a row (its header is two lines above
    the first, over the rule)."""
    start = row
    for line in sorted({c.line for c in chains if c.line < row}, reverse=True):
        if start - line > 1:
            break
        start = line
    return start


def samples_apart(part: Part) -> None:
    """Lines that each give the same names a number, and nothing else, one after the other
    (a data set written a sample a line: ``1. ((x=1,y=2))``, ``2. ((x=2,y=3))``), are the
    samples' values, not one quantity given again (y = 2, then y = 3 'copied wrong'): the k-th
    line's ``x`` is ``x_k`` (``x1 = 1``, ``y2 = 3``; ``x_1`` where the page writes the index
    so), as the page then reads them; where its names end in a digit already, or the part
    gives an ``x_k`` of its own, listed apart, the data set named (``_data_sets``)."""
    apart: set[int] = set()
    renamed: dict[int, Chain] = {}  # the samples' chains, by their line's order, with indices
    bound: list[tuple[int, dict[str, list[Decimal]], str]] = []  # each data set renamed
    for run, mark in _data_sets(part.chains, part):
        names = [c.quantity.name for c in run[0]]
        if mark is None:  # x1, x2 a line, or x_1 meaning something else: the samples stay apart
            apart.update(row[0].line for row in run)
            why = f"{', '.join(names)}: a data set of {len(run)} samples, one a line (not one "
            why += "value)"
            part.unread += [Unread(c.line, c.source, why) for row in run for c in row]
            continue
        for k, row in enumerate(run, 1):  # the k-th sample's x is x_k, as pages write it
            renamed.update({id(c): replace(c, links=(
                Name(f"{c.quantity.name}{mark}{k}"), *c.links[1:])) for c in row})  # fmt: skip
        values = {c.quantity.name: [d.links[1].value for row in run for d in row
                                    if d.quantity == c.quantity] for c in run[0]}  # fmt: skip
        bound.append((run[-1][0].line, values, mark))
    part.chains[:] = [renamed.get(id(c), c) for c in part.chains if c.line not in apart]
    for last, values, mark in bound:
        _bound_to_samples(part, last, values, mark)


def _data_sets(chains: list[Chain], part: Part) -> list[tuple[list[list[Chain]], str | None]]:
    """The runs of lines in ``chains`` that are a data set written a sample a line: each line
    gives the same names a number and nothing else, the line after the one before; two names
    a line at least; three lines where a value changes, or two where every value does (one
    value changed on the next line is a copy slipped: w = 0.5, b = 0.1, then w = 0.5, b =
    0.2). Each run (its lines' chains) with the mark its samples are indexed with (``x1`` or
    ``x_1``, as the part writes indices), or None where they cannot be (the names end in a
    digit, or the part gives an ``x_k`` of its own)."""
    rows: dict[int, list[Chain]] = {}
    for c in chains:
        rows.setdefault(c.line, []).append(c)
    given = {line: {c.quantity.name: c.links[1] for c in cs}
             for line, cs in rows.items()
             if all(isinstance(c.quantity, Name) and len(c.links) == 2
                    and isinstance(c.links[1], Num) for c in cs)}  # fmt: skip
    found: list[tuple[list[list[Chain]], str | None]] = []
    run: list[int] = []
    for line in [*sorted(given), None]:
        if (line is not None and run and line == run[-1] + 1
                and given[line].keys() == given[run[0]].keys()):
            run.append(line)
            continue
        counts = [len({given[r][n] for r in run}) for n in given[run[0]]] if run else []
        if len(counts) > 1 and ((len(run) > 2 and max(counts) > 1)
                                or (len(run) == 2 and min(counts) == 2)):
            names = list(given[run[0]])
            written = _names_of(part)  # x_2 in plain text, x2 from LaTeX's x_{2}: as written
            under = any(f"{n}_{k}" in written for n in names for k in range(1, len(run) + 1))
            mark = "_" if under else ""  # one way for the whole data set
            indexed = {f"{n}{mark}{k}" for n in names for k in range(1, len(run) + 1)}
            renamable = all(n[-1:].isalpha() for n in names) and not indexed & _quantities(part)
            found.append(([rows[r] for r in run], mark if renamable else None))
        run = [line] if line is not None else []
    return found


def _bound_to_samples(part: Part, last: int, values: dict[str, list[Decimal]], mark: str) -> None:
    """After a data set written a sample a line (``x = 1, y = 2`` …, read as ``x1``, ``y1`` …),
    a line that writes its names bare (``L = (ŷ − y)² = (1.0 − 3)²``) works on one sample: the
    one a quantity it reads was worked on (ŷ from ``x = 2``, the second sample's), else the
    one whose values are the numbers it puts for them. Its bare ``x`` and ``y`` are then that
    sample's ``x_k`` and ``y_k``, and a number of another sample put for them is judged
    against this one's (a silent match otherwise: the first sample's ``y`` beside the second's
    ``x``). A quantity worked again for another sample (ŷ, then ŷ of the next) is its next
    value, ``ŷ⟨2⟩``, as a quantity accumulated in place is, and the lines after read it. A line
    whose sample nothing settles, while it puts numbers for them, is not read: which sample's,
    a reader cannot tell. Where the page gives a bare name a value of its own, the bare names
    are its own quantities, and nothing is bound."""
    if any(isinstance(c.quantity, Name) and c.quantity.name in values
           for c in (*part.front, *part.chains)):  # fmt: skip
        return
    count = len(next(iter(values.values())))
    sample_of: dict[str, int] = {}  # the sample each quantity worked after the data set is of
    latest: dict[str, str] = {}  # a quantity worked for several samples: its latest value
    worked_for: dict[str, tuple[int, int]] = {}  # its sample, and how many values it has had
    result: dict[str, Decimal] = {}  # the number each quantity worked is written as
    kept = []
    for c in part.chains:
        if c.line <= last:
            kept.append(c)
            continue
        q = c.quantity
        c = replace(c, links=(read_as_latest(q, latest) if isinstance(q, Derivative) else q,
                              *(read_as_latest(link, latest) for link in c.links[1:])))  # fmt: skip
        reads = {n for link in c.links[1:] for n in names_in(link)}
        bare = reads & values.keys()
        worked = {sample_of[n] for n in reads if n in sample_of}
        put = [(s.name, w.value) for _, s, w in substitutions(c)
               if isinstance(s, Name) and s.name in values and isinstance(w, Num)]  # fmt: skip
        fits = set(range(count))  # the samples whose values are the numbers put
        for name, value in put:
            fits &= {k for k, v in enumerate(values[name]) if v == value}
        # ŷ of the second sample read, but the number put for it is not the one it was worked
        # to, and the numbers put for x and y are another sample's: the line may go back to
        # that sample (ŷ = 0.5 of the first), which a reader cannot tell from a slip
        back = any(isinstance(s, Name) and s.name in sample_of and isinstance(w, Num)
                   and result.get(s.name) != w.value for _, s, w in substitutions(c))  # fmt: skip
        why = f"no one sample's of the {count} written a line above"
        if len(worked) == 1 and back and put and len(fits) == 1 and fits != worked:
            sample = None
            why = (f"sample {min(fits) + 1}'s, beside a quantity worked for sample "
                   f"{min(worked) + 1} but put as another number")
        elif len(worked) == 1:
            sample = worked.pop()
        else:
            sample = fits.pop() if not worked and put and len(fits) == 1 else None
        if bare and put and sample is None:
            why = f"{', '.join(sorted(bare))}: which sample's? (the numbers put for them are {why})"
            part.unread.append(Unread(c.line, c.source, why))
            continue
        for n in bare if sample is not None else ():
            c = replace(c, links=tuple(
                replaced(link, n, Name(f"{n}{mark}{sample + 1}")) for link in c.links))
        if isinstance(q, Name) and q.name not in values:
            base = q.name
            if sample is not None and base in worked_for and worked_for[base][0] != sample:
                n = worked_for[base][1] + 1  # worked again, for another sample: its next value
                latest[base] = version_name(base, n)
                c = replace(c, links=(Name(latest[base]), *c.links[1:]))
                worked_for[base] = (sample, n)
            elif sample is not None:
                worked_for.setdefault(base, (sample, 1))
            name = c.quantity.name
            if isinstance(c.links[-1], Num):
                result[name] = c.links[-1].value
            if sample is None:
                sample_of.pop(name, None)
            else:
                sample_of[name] = sample
        kept.append(c)
    part.chains[:] = kept


def _names_of(part: Part) -> set[str]:
    """Every name the part's chains write, as a quantity or in a formula."""
    return {n for c in (*part.front, *part.chains) for link in c.links for n in names_in(link)}


def _quantities(part: Part) -> set[str]:
    """The names the part's chains give a value or a formula (their left sides)."""
    return {c.quantity.name for c in (*part.front, *part.chains) if isinstance(c.quantity, Name)}


def labels_apart(part: Part) -> None:
    """A one-letter name given several whole numbers that no formula of the part reads is a
    label of the passage it is in (``For $l = 1$`` … ``For $l = 2$``), not a quantity:
    listed apart."""
    chains = (*part.front, *part.chains)
    read = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    # a name a formula defines (z = w x + b) is a quantity, whatever is written for it after
    read |= {c.quantity.name for c in chains if isinstance(c.quantity, Name)
             and any(names_in(link) for link in c.links[1:])}  # fmt: skip
    values: dict[str, set[Decimal]] = {}
    for name, value in _numbers_given(part.chains):
        values.setdefault(name, set()).add(value)
    labels = {
        n
        for n, vs in values.items()
        if len(vs) > 1 and n not in read and len(n) == 1 and all(v == int(v) for v in vs)
    }
    if not labels:
        return
    kept = []
    for c in part.chains:
        if isinstance(c.quantity, Name) and c.quantity.name in labels and len(c.links) == 2:
            why = f"{c.quantity.name} labels a passage (given several values, read by no formula)"
            part.unread.append(Unread(c.line, c.source, why))
        else:
            kept.append(c)
    part.chains[:] = kept


def _formulas(chains: list[Chain]) -> list[tuple[str, str]]:
    """(name, formula) for each chain that defines a name, or a derivative (``dL/dw = 2w −
    6`` after ``dL/dw = 8w − 16``: the next question's loss), by a formula of other names."""
    return [
        (show(c.quantity), show(c.links[1]))
        for c in chains
        if ((isinstance(c.quantity, Name) and c.quantity.name)
            or (isinstance(c.quantity, Derivative) and c.quantity.of is None))
        and len(c.links) > 1
        and any(n not in (show(c.quantity), "e") for n in names_in(c.links[1]))
    ]  # fmt: skip


def _gives(c: Chain) -> bool:
    """Whether ``c`` gives a name a number, and nothing else (``β1 = 0.9``)."""
    return len(c.links) == 2 and isinstance(c.quantity, Name) and isinstance(c.links[1], Num)


def _numbers_given(chains: list[Chain]) -> list[tuple[str, Decimal]]:
    """(name, number) for each chain that ends a name's line with a number."""
    found = []
    for c in chains:
        if isinstance(c.quantity, Name) and c.quantity.name and isinstance(c.links[-1], Num):
            try:
                found.append((c.quantity.name, Decimal(c.links[-1].text)))
            except InvalidOperation:
                continue
    return found


def _same(a: Decimal, b: Decimal) -> bool:
    """Two written values that are one number (0.5 and 0.50; 0.5933 and 0.59327, the coarser
    with three significant digits or more), not a quantity given a new value (w = 0.5, then
    w = 0.5136 after the update)."""
    if a == b:
        return True
    coarse, fine = sorted((a, b), key=lambda d: d.as_tuple().exponent, reverse=True)
    digits = len(coarse.normalize().as_tuple().digits)
    return digits >= 3 and fine.quantize(coarse) == coarse
