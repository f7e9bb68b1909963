"""The worksheet test data stays true: files match their generator, every listed error points
at its line, and the expected values agree with finite differences of a plain forward pass."""
import importlib.util
import json
import math
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "worksheets"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


delta = load("compute_delta_121")
EXPECTED = sorted(DATA.glob("*.expected.json"))


@pytest.mark.parametrize("slip", [None, *delta.SLIPS])
def test_delta_files_match_their_generator(slip):
    stem = "delta_121" if slip is None else f"delta_121_{slip}"
    lines, _, _ = delta.build(slip)
    assert (DATA / f"{stem}.txt").read_text(encoding="utf-8") == "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_every_listed_error_is_written_on_its_line(path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    sheet = next(DATA.glob(path.name.replace(".expected.json", ".*[dt]")))
    lines = sheet.read_text(encoding="utf-8").splitlines()
    for item in expected["errors"] + expected.get("propagated", []):
        assert item["written"] in lines[item["line"] - 1], (sheet.name, item)
    assert expected["numbers"] > 0


def test_planted_variants_have_one_slip_each():
    for slip in delta.SLIPS:
        expected = json.loads((DATA / f"delta_121_{slip}.expected.json").read_text("utf-8"))
        assert len(expected["errors"]) == 1
        assert expected["errors"][0]["quantity"] == delta.SLIPS[slip][0]


def loss_121(p):
    a1 = math.tanh(p["w1"] * p["x"] + p["b1"])
    a2 = math.tanh(p["w2"] * p["x"] + p["b2"])
    y_hat = 1 / (1 + math.exp(-(p["w3"] * a1 + p["w4"] * a2 + p["b3"])))
    return (p["y"] - y_hat) ** 2


@pytest.mark.parametrize("weight", ["w1", "b1", "w2", "b2", "w3", "w4", "b3"])
def test_delta_gradients_agree_with_finite_differences(weight):
    values = json.loads((DATA / "delta_121.expected.json").read_text("utf-8"))["values"]
    h = 1e-6
    up, down = dict(delta.GIVEN), dict(delta.GIVEN)
    up[weight] += h
    down[weight] -= h
    numeric = (loss_121(up) - loss_121(down)) / (2 * h)
    assert values[f"dL/d{weight}"] == pytest.approx(numeric, rel=1e-6)


def mazur_total(w):
    sig = lambda t: 1 / (1 + math.exp(-t))  # noqa: E731
    h1 = sig(w["w1"] * 0.05 + w["w2"] * 0.10 + 0.35)
    h2 = sig(w["w3"] * 0.05 + w["w4"] * 0.10 + 0.35)
    o1 = sig(w["w5"] * h1 + w["w6"] * h2 + 0.60)
    o2 = sig(w["w7"] * h1 + w["w8"] * h2 + 0.60)
    return 0.5 * (0.01 - o1) ** 2 + 0.5 * (0.99 - o2) ** 2


@pytest.mark.parametrize("k", range(1, 9))
def test_mazur_updates_agree_with_finite_differences(k):
    values = json.loads((DATA / "mazur_2_2_2.expected.json").read_text("utf-8"))["values"]
    start = dict(zip([f"w{i}" for i in range(1, 9)], [.15, .2, .25, .3, .4, .45, .5, .55]))
    up, down = dict(start), dict(start)
    up[f"w{k}"] += 1e-6
    down[f"w{k}"] -= 1e-6
    grad = (mazur_total(up) - mazur_total(down)) / 2e-6
    assert values[f"w{k}+"] == pytest.approx(start[f"w{k}"] - 0.5 * grad, abs=1e-10)
