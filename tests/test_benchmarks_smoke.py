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
