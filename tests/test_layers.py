"""The package's modules import one way, as the design's layers do: no two of them import
each other, directly or through others (an import inside a function counts; one for type
hints only does not), and no module imports another's private names. Measured by
``benchmarks/structure.py``, which prints the same figures."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "structure.py"
_spec = importlib.util.spec_from_file_location("structure", SCRIPT)
structure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(structure)

def test_no_module_is_in_an_import_cycle():
    edges, _, _ = structure.imports()
    assert structure.cycles(edges) == []
    assert "autograd.drawing" not in edges["autograd.value"]  # the picture is registered


def test_no_private_name_is_imported_across_modules():
    # (the explorer imported four of the drawing layer's private helpers, and value._apply;
    # it uses naming.py's public ones now, and value.apply)
    _, private, _ = structure.imports()
    assert list(private) == []


def test_the_derivative_passes_know_nothing_of_worksheets():
    # recompute builds a worksheet's graph; passes differentiates any graph of Values, so it
    # sits below recompute and reads none of the checker's modules
    edges, _, _ = structure.imports()
    assert "autograd.audit.passes" in edges["autograd.audit.recompute"]
    assert not {m for m in edges["autograd.audit.passes"] if m.startswith("autograd.audit")}
