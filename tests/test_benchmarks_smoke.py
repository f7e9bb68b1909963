"""The benchmark script runs end to end (tiny sizes); its timings are not judged here."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("micrograd")
pytest.importorskip("numpy")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_quick_benchmark_prints_every_workload_against_micrograd():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for workload in ("MLP step", "chain of", "homework step", "memory per node", "deep chain"):
        assert workload in table
    assert table.count("micrograd") >= 6  # every workload ran micrograd beside ours
    assert "×" in table  # ratios were computed


MODES = BENCH.parent / "modes.py"


def test_quick_modes_benchmark_prints_the_three_families_and_their_crossovers():
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
