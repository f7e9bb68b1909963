"""The benchmark scripts run end to end (tiny sizes); bench.py's timings are not judged here,
scaling.py judges its own: per-node cost that grows fails it."""

import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
BENCH = BENCHMARKS / "bench.py"
SCALING = BENCHMARKS / "scaling.py"
MODES = BENCHMARKS / "modes.py"
ARRAYS = BENCHMARKS / "arrays.py"
PIECES = BENCHMARKS / "pieces.py"


def quick(script: Path, *needs: str) -> str:
    """What ``script --quick`` prints; it must succeed (skipped where a reference is missing)."""
    for package in needs:
        pytest.importorskip(package)
    done = subprocess.run(
        [sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_quick_benchmark_prints_every_workload_against_micrograd():
    table = quick(BENCH, "micrograd", "numpy")
    for workload in ("MLP step", "chain of", "homework step", "memory per node", "deep chain"):
        assert workload in table
    assert table.count("micrograd") >= 6  # every workload ran micrograd beside ours
    assert "×" in table  # ratios were computed
    # both compiled forms, against the same step written by hand on floats and PyTorch's
    assert "autograd compiled, NumPy" in table and table.count("autograd compiled, floats") >= 3
    assert table.count("× by hand") >= 3
    assert "× PyTorch" in table or "PyTorch is not installed" in table


def test_quick_scaling_run_finds_draw_explain_and_check_linear():
    out = quick(SCALING)
    for name in ("draw: DOT text, unlabelled chain", "explain: labelled chain", "check: a work"):
        assert out.count(name) == 2  # one row per size
    assert "grows at most" in out


def scaling_module():
    """scaling.py as a module, its collector runs left out: the verdicts are what these tests
    judge, and each gc.collect() over the suite's whole heap cost a tenth of a second."""
    spec = importlib.util.spec_from_file_location("scaling", SCALING)
    scaling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaling)
    scaling.gc = types.SimpleNamespace(collect=lambda: 0)
    return scaling


def test_scaling_fails_a_workload_whose_output_grows_quadratically(capsys):
    scaling = scaling_module()
    quadratic = {"pairs": lambda n: lambda: "x" * (n * n // 100)}
    assert scaling.run((100, 1000), repeat=1, workloads=quadratic) == 1
    assert "NOT LINEAR: pairs: text per node grows 10.0×" in capsys.readouterr().err
    linear = {"items": lambda n: lambda: "x" * n}
    assert scaling.run((100, 1000), repeat=1, workloads=linear) == 0


def test_quick_modes_benchmark_prints_the_three_families_and_their_crossovers():
    out = quick(MODES, "micrograd", "numpy")
    for family in ("n inputs, 1 output", "1 input, n outputs", "m inputs, 6 − m outputs"):
        assert family in out
    assert out.count("faster from") == 3
    # the counted multiply-adds, by hand: 1 input, 4 outputs through a chain of 50 links
    # (each 2 operations) is 1 + 1 + 100 + 4·2 forward, 4·(2 + 100 + 2) reverse
    assert "      1       4       110       416" in out


def test_quick_arrays_benchmark_sets_the_held_step_against_numpy_by_hand():
    out = quick(ARRAYS, "micrograd", "numpy")
    assert "NumPy by hand" in out and "autograd compiled" in out and "× NumPy" in out
    assert "PyTorch, raw tensors" in out or "PyTorch is not installed" in out
    assert "JAX jit" in out or "JAX is not installed" in out


def test_quick_pieces_benchmark_takes_each_piece_out_of_the_generated_step():
    out = quick(PIECES, "micrograd", "numpy")
    pieces = ("finiteness check", "arguments' check", "parameters' stores", "parameters' reads")
    for piece in pieces:
        assert f"without the {piece}" in out  # its regular expression still finds it
    assert "build, collector off" in out and "bare nodes" in out and out.count("the floor") == 11


def test_scaling_fails_a_workload_whose_time_grows_quadratically_at_every_try(capsys):
    """Time measured again does not excuse a cost that grows: n²/10 additions for n nodes
    (10× the time per node from 100 to 1,000 nodes, the text linear) fail at every try."""
    scaling = scaling_module()
    quadratic = {"pairs": lambda n: lambda: str(sum(range(n * n // 10)) * 0) * n}
    assert scaling.run((100, 1000), repeat=1, workloads=quadratic) == 1
    out, err = capsys.readouterr()
    assert out.count("measured again") == scaling.TRIES - 1
    assert "NOT LINEAR: pairs: time per node grows" in err


def test_scaling_measures_again_a_workload_slowed_once(capsys):
    """One measurement slowed (another process on the cores, as when two suites run at once)
    is measured again, and the workload passes when the next measurement is flat."""
    scaling = scaling_module()
    built = []

    def build(n):
        built.append(n)
        slowed = built.count(1000) == 1 and n == 1000  # the first measurement at 1,000 only
        return lambda: str(sum(range(200_000)) * 0 if slowed else "") + "x" * n

    assert scaling.run((100, 1000), repeat=1, workloads={"items": build}) == 0
    out, err = capsys.readouterr()
    assert out.count("measured again") == 1 and err == ""
