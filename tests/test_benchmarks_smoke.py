"""The benchmark scripts run end to end (tiny sizes); bench.py's timings are not judged here,
scaling.py judges its own: per-node cost that grows fails it."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
BENCH = BENCHMARKS / "bench.py"
SCALING = BENCHMARKS / "scaling.py"
MODES = BENCHMARKS / "modes.py"


def test_quick_benchmark_prints_every_workload_against_micrograd():
    pytest.importorskip("micrograd")
    pytest.importorskip("numpy")
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for workload in ("MLP step", "chain of", "homework step", "memory per node", "deep chain"):
        assert workload in table
    assert table.count("micrograd") >= 6  # every workload ran micrograd beside ours
    assert "×" in table  # ratios were computed
    # both compiled forms, against the same step written by hand on floats and PyTorch's
    assert "autograd compiled, NumPy" in table and table.count("autograd compiled, floats") >= 3
    assert table.count("× by hand") >= 3
    assert "× PyTorch" in table or "PyTorch is not installed" in table


def test_quick_scaling_run_finds_draw_and_explain_linear():
    done = subprocess.run(
        [sys.executable, str(SCALING), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("draw: DOT text, unlabelled chain", "explain: labelled chain"):
        assert done.stdout.count(name) == 2  # one row per size
    assert "grows at most" in done.stdout


def test_scaling_fails_a_workload_whose_output_grows_quadratically(capsys):
    spec = importlib.util.spec_from_file_location("scaling", SCALING)
    scaling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaling)
    quadratic = {"pairs": lambda n: lambda: "x" * (n * n // 100)}
    assert scaling.run((100, 1000), repeat=1, workloads=quadratic) == 1
    assert "NOT LINEAR: pairs: text per node grows 10.0×" in capsys.readouterr().err
    linear = {"items": lambda n: lambda: "x" * n}
    assert scaling.run((100, 1000), repeat=1, workloads=linear) == 0


def test_quick_modes_benchmark_prints_the_three_families_and_their_crossovers():
    pytest.importorskip("micrograd")
    pytest.importorskip("numpy")
    done = subprocess.run(
        [sys.executable, str(MODES), "--quick"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for family in ("n inputs, 1 output", "1 input, n outputs", "m inputs, 6 − m outputs"):
        assert family in out
    assert out.count("faster from") == 3
    # the counted multiply-adds, by hand: 1 input, 4 outputs through a chain of 50 links
    # (each 2 operations) is 1 + 1 + 100 + 4·2 forward, 4·(2 + 100 + 2) reverse
    assert "      1       4       110       416" in out
