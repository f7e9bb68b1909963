"""A family named in the formulas with a word before each member (``target_o1``, ``target_o2``)
and given in a list under the word with the members' bare names (``targets o1 = 0.01, o2 =
0.99``): each member is the bare name's value.

A reader takes ``target_o2`` to be the 0.99 given for ``o2`` under "targets" when the bare
names are read by no formula (they label values, they compute nothing) and the page's other
members agree: ``target_o1`` is worked with 0.01, the value given for ``o1``. Nothing is
read where a member of the family disagrees with its bare name, or none confirms the reading.

>>> labelled({"target_o1": 0.01, "o1": 0.01, "o2": 0.99}, ["target_o1", "target_o2"], set())
{'target_o2': 'o2'}
>>> labelled({"target_o1": 0.01, "o1": 0.01, "o2": 0.99}, ["target_o1"], set())
{'target_o2': 'o2'}
>>> labelled({"target_o1": 0.5, "o1": 0.01, "o2": 0.99}, ["target_o1", "target_o2"], set())
{}
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping

__all__ = ["labelled", "listed_targets"]

_RUN = re.compile(r"\d+")


def labelled(
    givens: Mapping[str, float], names: Iterable[str], read: set[str]
) -> dict[str, str]:
    """Each name of ``names`` with no value that is ``word_bare`` for a given ``bare`` no
    formula reads (``read``: the names the formulas read), where another member of its
    family with a value is its own bare name's value and none is another: the bare name."""
    families: dict[str, list[tuple[str, str]]] = {}
    for name in dict.fromkeys(names):
        word, sep, bare = name.rpartition("_")
        if sep and word and bare and bare in givens and bare not in read:
            families.setdefault(word, []).append((name, bare))
    found: dict[str, str] = {}
    for word, members in families.items():
        valued = [(n, b) for n, b in members if n in givens]
        if valued and all(_same(givens[n], givens[b]) for n, b in valued):
            found.update((n, b) for n, b in members if n not in givens)
            # and the members the page reaches only through a sibling (target_o2 for E_o2 =
            # 0.0236 worked as E_o1 is): each bare given of the confirmed ones' shape
            shapes = {_RUN.sub("#", b) for _, b in valued}
            found.update((f"{word}_{b}", b) for b in givens
                         if _RUN.sub("#", b) in shapes and b not in read
                         and f"{word}_{b}" not in givens)  # fmt: skip
    return found


def _same(a: float, b: float) -> bool:
    """One value written twice (recompute's ``close``, which imports this module)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


#: the families a page names its targets by: t1, T1, target_o1, target1, y_true1
_TARGET_STEMS = {"t", "target", "target_o", "y_true", "ytrue"}


#: how a page names its predictions beside its targets y1: ŷ1, yhat1, y_hat1, y_pred1
_PREDICTED = ("ŷ", "ŷ_", "yhat", "yhat_", "y_hat", "y_hat_", "y_pred", "y_pred_")


def listed_targets(
    givens: Mapping[str, float], names: Iterable[str], listed: str,
    substituted: Collection[str] = (),
) -> dict[str, str]:
    """Each target of the page's family that a list said in words gives (its k-th value under
    ``listed`` + k): the family's members named by their place (t1, t2), the values agreeing
    with every member the page states, and at least one agreeing unless the family is named
    by the word itself (target_o1). A member whose only value is a number put for it in a
    formula (``substituted``: ½(0.99 − 0.75)² for ½(t1 − o1)²) is the list's too: the number
    put is then judged against it, so 0.99 put for t1 of "targets 0.01 and 0.99" is an error,
    not t1's value. Member → the listed name.

    >>> listed_targets({"targets_listed1": 0.01, "targets_listed2": 0.99, "t1": 0.01},
    ...                ["t1", "t2", "y1"], "targets_listed")
    {'t2': 'targets_listed2'}
    >>> listed_targets({"targets_listed1": 0.01, "targets_listed2": 0.99, "t1": 0.5},
    ...                ["t1", "t2"], "targets_listed")
    {}
    >>> listed_targets({"targets_listed1": 0.01, "targets_listed2": 0.99},
    ...                ["target_0", "target_1"], "targets_listed")
    {'target_0': 'targets_listed1', 'target_1': 'targets_listed2'}
    >>> listed_targets({"targets_listed1": 0.01, "targets_listed2": 0.99, "y1": 0.01},
    ...                ["y1", "ŷ1", "y2", "ŷ2"], "targets_listed")  # y beside ŷ: the targets
    {'y2': 'targets_listed2'}
    >>> listed_targets({"targets_listed1": 0.01, "targets_listed2": 0.99, "t1": 0.99,
    ...                 "t2": 0.99}, ["t1", "t2"], "targets_listed", {"t1", "t2"})
    {'t1': 'targets_listed1'}
    """
    values = {int(n[len(listed) :]): v for n, v in givens.items()
              if n.startswith(listed) and n[len(listed) :].isdigit()}  # fmt: skip
    names = list(dict.fromkeys(names))
    families: dict[str, dict[int, str]] = {}
    for name in names:
        m = re.fullmatch(r"(\D+?)(\d+)", name)
        if m and m[1].lower().rstrip("_") in _TARGET_STEMS:
            families.setdefault(m[1], {})[int(m[2])] = name
    for name in names:  # y1 beside ŷ1: the predictions' own letter, unhatted, the targets'
        m = re.fullmatch(r"(y_?)(\d+)", name)
        if m and any(f"{hat}{m[2]}" in names for hat in _PREDICTED):
            families.setdefault(m[1], {})[int(m[2])] = name
    found: dict[str, str] = {}
    for stem, indexed in families.items():
        # target_0, target_1: the family counts from 0, its k-th member the list's (k+1)-th
        first = 0 if 0 in indexed else 1
        members = {k + 1 - first: n for k, n in indexed.items()}
        if not members.keys() <= values.keys():
            continue  # more members than the list has values: not the family it lists
        valued = [k for k, n in members.items() if n in givens]
        stated = [k for k in valued if members[k] not in substituted]
        if not all(_same(givens[members[k]], values[k]) for k in stated):
            continue
        # the list confirmed: a member agrees, or the numbers put for them are the list's
        # values (0.99 put for t1 and for t2: one of them in the wrong place)
        agree = any(_same(givens[members[k]], values[k]) for k in valued)
        put = valued and all(any(_same(givens[members[k]], v) for v in values.values())
                             for k in valued)  # fmt: skip
        # target_1 alone of two values: the first counted from 1, the second from 0; where
        # the page counts from is settled by a member 0, or one numbered as the list is long
        whole = 0 in indexed or max(indexed) == len(values)
        if agree or put or ("target" in stem.lower() and whole):
            found.update((n, f"{listed}{k}") for k, n in members.items()
                         if n not in givens or (n in substituted and not _same(
                             givens[n], values[k])))  # fmt: skip
    return found
