"""Write the 1-2-1 worksheet (tanh hidden, sigmoid output, mse = (y − ŷ)², one SGD step) and
one copy per planted slip, with their expected.json: an independent computation in plain Python.

Run from anywhere: ``python tests/worksheets/compute_delta_121.py``. Every written number is
what a careful student gets from the numbers already on the page: results to 4 decimals,
updates exact. A slip changes one line; later lines use the slipped number as a student would,
and are listed as "propagated" (they follow from the page, but differ from the exact values).
"""
from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIVEN = {"x": 0.8, "y": 1.0, "w1": 0.5, "b1": 0.1, "w2": -0.7, "b2": 0.2,
         "w3": 0.9, "w4": -0.6, "b3": 0.05, "α": 0.1}
GIVEN_LINES = ["x = 0.8, y = 1", "w1 = 0.5, b1 = 0.1, w2 = −0.7, b2 = 0.2",
               "w3 = 0.9, w4 = −0.6, b3 = 0.05", "α = 0.1"]


def num(v: float, places: int = 4) -> str:
    """A number as the student writes it: rounded, unicode minus."""
    text = f"{v:.{places}f}"
    return text.replace("-", "−")


def exact_text(v: Decimal) -> str:
    text = format(v.normalize(), "f")
    return text.replace("-", "−")


def par(v: float) -> str:
    return f"({num(v)})"


def d(v: float) -> Decimal:
    """The decimal the student wrote for v (4 places), for exact update arithmetic."""
    return Decimal(num(v).replace("−", "-"))


# Each step: quantity, formula (text), then a function of the written values W returning
# (substituted numbers text, value computed from them). None as text: no substitution link.
def steps():
    sig = lambda t: 1 / (1 + math.exp(-t))  # noqa: E731
    return [
        ("z1", "w1 x + b1", lambda W: ("0.5(0.8) + 0.1", 0.5 * 0.8 + 0.1)),
        ("a1", "tanh(z1)", lambda W: (f"tanh({num(W['z1'], 1)})", math.tanh(W["z1"]))),
        ("z2", "w2 x + b2", lambda W: ("−0.7(0.8) + 0.2", -0.7 * 0.8 + 0.2)),
        ("a2", "tanh(z2)", lambda W: (f"tanh({num(W['z2'], 2)})", math.tanh(W["z2"]))),
        ("z3", "w3 a1 + w4 a2 + b3",
         lambda W: (f"0.9{par(W['a1'])} + (−0.6){par(W['a2'])} + 0.05",
                    0.9 * W["a1"] - 0.6 * W["a2"] + 0.05)),
        ("ŷ", "σ(z3)", lambda W: (f"1/(1 + e^{num(-W['z3'])})", sig(W["z3"]))),
        ("L", "(y − ŷ)^2", lambda W: (f"(1 − {num(W['ŷ'])})^2", (1 - W["ŷ"]) ** 2)),
        ("dL/dŷ", "−2(y − ŷ)", lambda W: (f"−2(1 − {num(W['ŷ'])})", -2 * (1 - W["ŷ"]))),
        ("dŷ/dz3", "ŷ(1 − ŷ)",
         lambda W: (f"{num(W['ŷ'])}(1 − {num(W['ŷ'])})", W["ŷ"] * (1 - W["ŷ"]))),
        ("δ = dL/dz3", "dL/dŷ · dŷ/dz3",
         lambda W: (f"{par(W['dL/dŷ'])}{par(W['dŷ/dz3'])}", W["dL/dŷ"] * W["dŷ/dz3"])),
        ("dL/dw3", "dL/dz3 · a1 = δ · a1",
         lambda W: (f"{par(W['δ'])}{par(W['a1'])}", W["δ"] * W["a1"])),
        ("dL/dw4", "dL/dz3 · a2 = δ · a2",
         lambda W: (f"{par(W['δ'])}{par(W['a2'])}", W["δ"] * W["a2"])),
        ("dL/db3", "δ", lambda W: (None, W["δ"])),
        ("w3'", "w3 − α·dL/dw3", lambda W: update(W, "w3", "dL/dw3")),
        ("w4'", "w4 − α·dL/dw4", lambda W: update(W, "w4", "dL/dw4")),
        ("b3'", "b3 − α·dL/db3", lambda W: update(W, "b3", "dL/db3")),
        ("dL/da1", "δ · w3", lambda W: (f"{par(W['δ'])}(0.9)", W["δ"] * 0.9)),
        ("da1/dz1", "1 − a1^2", lambda W: (f"1 − {num(W['a1'])}^2", 1 - W["a1"] ** 2)),
        ("dL/dz1", "dL/da1 · da1/dz1",
         lambda W: (f"{par(W['dL/da1'])}{par(W['da1/dz1'])}", W["dL/da1"] * W["da1/dz1"])),
        ("dL/dw1", "dL/dz1 · x", lambda W: (f"{par(W['dL/dz1'])}(0.8)", W["dL/dz1"] * 0.8)),
        ("dL/db1", "dL/dz1", lambda W: (None, W["dL/dz1"])),
        ("dL/da2", "δ · w4", lambda W: (f"{par(W['δ'])}(−0.6)", W["δ"] * -0.6)),
        ("da2/dz2", "1 − a2^2", lambda W: (f"1 − ({num(W['a2'])})^2", 1 - W["a2"] ** 2)),
        ("dL/dz2", "dL/da2 · da2/dz2",
         lambda W: (f"{par(W['dL/da2'])}{par(W['da2/dz2'])}", W["dL/da2"] * W["da2/dz2"])),
        ("dL/dw2", "dL/dz2 · x", lambda W: (f"{par(W['dL/dz2'])}(0.8)", W["dL/dz2"] * 0.8)),
        ("dL/db2", "dL/dz2", lambda W: (None, W["dL/dz2"])),
        ("w1'", "w1 − α·dL/dw1", lambda W: update(W, "w1", "dL/dw1")),
        ("b1'", "b1 − α·dL/db1", lambda W: update(W, "b1", "dL/db1")),
        ("w2'", "w2 − α·dL/dw2", lambda W: update(W, "w2", "dL/dw2")),
        ("b2'", "b2 − α·dL/db2", lambda W: update(W, "b2", "dL/db2")),
    ]


def update(W, old, grad):
    """w' = w − α·g. On the page g is the 4-decimal number written; exactly, the true g."""
    if W.get("exact"):
        return None, GIVEN[old] - GIVEN["α"] * W[grad]
    value = Decimal(repr(GIVEN[old])) - Decimal("0.1") * d(W[grad])
    return f"{exact_text(Decimal(repr(GIVEN[old])))} − 0.1({num(W[grad])})", value


def key(quantity: str) -> str:
    return quantity.split(" = ")[0]


# The planted slips: quantity → (kind, why, change). A change gets (formula, subst, value,
# written values so far) and returns the (formula, subst, written result) the student wrote.
SLIPS = {
    "sign": ("dL/dw1", "dropped sign",
             "the result has the opposite sign of (dL/dz1)(x) as substituted",
             lambda f, s, v, W: (f, s, -v)),
    "activation": ("da1/dz1", "wrong activation's derivative",
                   "a1(1 − a1) is the logistic sigmoid's derivative; a1 = tanh(z1) needs 1 − a1²",
                   lambda f, s, v, W: ("a1(1 − a1)", f"{num(W['a1'])}(1 − {num(W['a1'])})",
                                       W["a1"] * (1 - W["a1"]))),
    "copied_value": ("dL/dw4", "value copied from another quantity",
                     "−0.3452 is a2; the number substituted for a2 is 0.4621, which is a1",
                     lambda f, s, v, W: (f, f"{par(W['δ'])}{par(W['a1'])}", W["δ"] * W["a1"])),
    "updated_weight": ("dL/da1", "updated weight used where the old one belongs",
                       "dL/da1 = δ·w3 needs the old w3 = 0.9; 0.90698 is w3' from the update above",
                       lambda f, s, v, W: (f, f"{par(W['δ'])}(0.90698)", W["δ"] * 0.90698)),
    "missing_factor": ("dL/dŷ", "missing 2",
                       "d/dŷ (y − ŷ)² = −2(y − ŷ); the 2 is missing (the derivative of ½(y − ŷ)²)",
                       lambda f, s, v, W: ("−(y − ŷ)", f"−(1 − {num(W['ŷ'])})", v / 2)),
    "power_of_ten": ("dL/dw2", "power of ten off",
                     "(0.0799)(0.8) = 0.0639; 0.6392 is ten times larger",
                     lambda f, s, v, W: (f, s, v * 10)),
    "transposed": ("w4'", "two adjacent digits transposed",
                   "−0.6 − 0.1(0.0522) = −0.60522; −0.60252 swaps the digits 5 and 2",
                   lambda f, s, v, W: (f, s, Decimal("-0.60252"))),
    "arithmetic": ("dL/dz2", "arithmetic slip",
                   "(0.0907)(0.8808) = 0.07989 → 0.0799, written 0.0817",
                   lambda f, s, v, W: (f, s, 0.0817)),
}


def build(slip: str | None):
    lines = ["---", "part: a 1-2-1 network, tanh hidden units, sigmoid output, "
             "mse = (y − ŷ)², one step of SGD (δ = dL/dz3 computed once, reused)",
             "loss: L", "rate: α", "---",
             "# Written by the team (examples helper) as test data for the worksheet checker:",
             "# results to 4 decimals, updates exact from the numbers written."]
    if slip:
        lines.append(f"# PLANTED SLIP ({SLIPS[slip][1]}): see delta_121_{slip}.expected.json")
    lines += GIVEN_LINES
    W = dict(GIVEN)      # written values: what later lines substitute
    X = dict(GIVEN, exact=True)  # exact values
    record = []
    for quantity, formula, fn in steps():
        name = key(quantity)
        subst, value = fn(W)
        _, exact = fn(X)
        X[name if name != "δ" else "δ"] = float(exact)
        if name == "δ":
            X["dL/dz3"] = float(exact)
        slipped = slip and SLIPS[slip][0] == name
        local = value
        if slipped:
            formula, subst, value = SLIPS[slip][3](formula, subst, value, W)
        if isinstance(value, Decimal):
            written_text, written = exact_text(value), float(value)
        else:
            written_text, written = num(value), float(num(value).replace("−", "-"))
        parts = [quantity, formula] + ([subst] if subst else []) + [written_text]
        lines.append(" = ".join(parts))
        W[name] = written
        if name == "δ":
            W["dL/dz3"] = written
        record.append({"line": len(lines), "quantity": name, "written": written_text,
                       "from_page": float(local), "exact": float(exact), "slipped": bool(slipped)})
    return lines, record, X


def count_numbers(lines):
    import re
    total = 0
    for line in lines:
        if line.startswith(("#", "---", "part:", "loss:", "rate:")):
            continue
        # names are letters then digits (w1, z3, dL/dw4): drop them before counting literals
        body = re.sub(r"[A-Za-zα-ωŷ]+[0-9_']*", " ", line)
        total += len(re.findall(r"\d+(?:\.\d+)?", body))
    return total


def main() -> None:
    clean = {r["line"]: r["written"] for r in build(None)[1]}
    for slip in [None, *SLIPS]:
        lines, record, exact = build(slip)
        exact.pop("exact")
        stem = "delta_121" if slip is None else f"delta_121_{slip}"
        (HERE / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = {"source": "written by the team (examples helper): compute_delta_121.py",
                    "numbers": count_numbers(lines),
                    "values": {k: v for k, v in exact.items()},
                    "errors": [], "propagated": []}
        if slip:
            name, kind, why, _ = SLIPS[slip]
            hit = next(r for r in record if r["slipped"])
            expected["slip"] = kind
            expected["errors"].append({"line": hit["line"], "written": hit["written"],
                                       "quantity": name, "correct": hit["from_page"],
                                       "exact": hit["exact"], "why": why, "diagnosis": kind})
            after = False
            for r in record:
                if r is hit:
                    after = True
                    continue
                # the clean page is one line shorter (no PLANTED SLIP comment)
                if after and clean[r["line"] - 1] != r["written"]:
                    expected["propagated"].append({"line": r["line"], "quantity": r["quantity"],
                                                   "written": r["written"], "exact": r["exact"]})
        else:
            for r in record:
                assert abs(float(r["written"].replace("−", "-")) - r["exact"]) < 3e-4, r
        (HERE / f"{stem}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
