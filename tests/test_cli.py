"""The command line as a newcomer meets it: a mistake is one line on stderr with exit status
2, a success says what it wrote and where, and nothing is asked for that the input settles."""

import json
import shutil

import pytest

from autograd.cli import main

NEURON = "x = 2, y = 0, w = 0.5, b = -1\nz = w x + b\na = σ(z)\nL = ½(y − a)²\n"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="no Graphviz dot")


def chain(tmp_path, links: int):
    """A worksheet whose graph has about three nodes a link (a value, an op, a constant)."""
    lines = ["x = 1", "a0 = x + 1"] + [f"a{i} = a{i - 1} · 1.01 + x" for i in range(1, links)]
    path = tmp_path / f"chain{links}.txt"
    path.write_text("\n".join([*lines, f"L = a{links - 1} · 2"]) + "\n", encoding="utf-8")
    return path


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith("error: ") and "Traceback" not in captured.err
    return line


def test_graph_of_an_unknown_label_is_one_line(tmp_path, capsys):
    argv = ["graph", "--part", "a", "--highlight", "w99", "-o", str(tmp_path / "a.dot")]
    assert main(argv) == 2
    assert "w99" in one_error_line(capsys)


def test_graph_too_large_for_the_explorer_is_one_line(tmp_path, capsys):
    argv = ["graph", "--file", str(chain(tmp_path, 200)), "-o", str(tmp_path / "c.html")]
    assert main(argv) == 2
    line = one_error_line(capsys)
    assert "400" in line and "nodes" in line


@needs_dot
def test_graph_too_large_to_lay_out_is_one_line_and_says_what_works(tmp_path, capsys):
    argv = ["graph", "--file", str(chain(tmp_path, 1000)), "-o", str(tmp_path / "c.svg")]
    assert main(argv) == 2
    line = one_error_line(capsys)
    assert "2,000" in line and "-o FILE.dot" in line and "node_limit" not in line
    assert not (tmp_path / "c.svg").exists()


def test_graph_of_a_worksheet_whose_derivative_is_undefined_is_one_line(tmp_path, capsys):
    # √x at x = 0 has no derivative: backward's ValueError was a traceback
    path = tmp_path / "root.txt"
    path.write_text("x = 0\nz = sqrt(x) = 0\nL = z·2 = 0\n", encoding="utf-8")
    assert main(["graph", "--file", str(path), "-o", str(tmp_path / "root.dot")]) == 2
    assert "sqrt: derivative undefined at (0.0)" in one_error_line(capsys)


def test_graph_says_what_it_wrote_where(tmp_path, capsys):
    out = tmp_path / "b.dot"
    assert main(["graph", "--part", "b", "--highlight", "w1", "-o", str(out)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"wrote {out}") and "part b" in line and "w1" in line
    assert out.read_text(encoding="utf-8").startswith("digraph")


def test_graph_of_a_file_with_one_part_needs_no_part(tmp_path, capsys):
    path = tmp_path / "neuron.txt"
    path.write_text(NEURON, encoding="utf-8")
    out = tmp_path / "neuron.dot"
    assert main(["graph", "--file", str(path), "-o", str(out)]) == 0
    assert "∂L/∂a" in out.read_text(encoding="utf-8") or "L" in out.read_text(encoding="utf-8")
    assert main(["graph", "-o", str(out)]) == 2  # the homework has two parts: say which
    assert "--part: choose from a, b" in one_error_line(capsys)


def test_solve_to_a_file_of_an_unknown_kind_names_the_file(tmp_path, capsys):
    path = tmp_path / "neuron.txt"
    path.write_text(NEURON, encoding="utf-8")
    assert main(["solve", str(path), "-o", str(tmp_path / "key.pdf")]) == 2
    line = one_error_line(capsys)
    assert "key.pdf" in line and "--format" not in line.split(":")[1]


def test_set_lists_the_choices_in_the_order_written(tmp_path, capsys):
    path = tmp_path / "run.txt"
    path.write_text("x = 2\nw1 = w2 = w3 = 0.5\nz = w1 x + w2 x + w3 x\n", encoding="utf-8")
    assert main(["check", str(path), "--set", "w99=1"]) == 2
    assert "choose from x, w1, w2, w3" in one_error_line(capsys)


def test_a_name_set_twice_is_refused_not_the_last_taken(tmp_path, capsys):
    # --set w1=1 --set w1=2 checked the sheet with w1 = 2, silently
    path = tmp_path / "run.txt"
    path.write_text("x = 2\nw1 = 0.5\nz = w1 x = 1\n", encoding="utf-8")
    for command in ("check", "solve"):
        assert main([command, str(path), "--set", "w1=1", "--set", "w1=2"]) == 2
        assert one_error_line(capsys) == "error: --set: w1 is set twice, to 1 and 2"
    assert main(["check", str(path), "--set", "w1=1", "--set", "w1=1"]) in (0, 1)


@pytest.mark.parametrize("text", ["", "Only words, no equation.\n", "---\npart: a\n---\n"])
def test_a_worksheet_with_nothing_to_check_says_so(tmp_path, capsys, text):
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    line = one_error_line(capsys)
    assert "nothing was checked" in line and str(path) in line
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("suffix", [".json", ".toml", ".txt", ".md"])
def test_a_byte_order_mark_is_read_past_in_every_kind_of_file(tmp_path, capsys, suffix):
    from autograd.homework import PATH as TOML

    if suffix == ".json":
        import tomllib

        text = json.dumps(tomllib.loads(TOML.read_text(encoding="utf-8")))
    elif suffix == ".toml":
        text = TOML.read_text(encoding="utf-8")
    else:
        text = "x = 2\ny = $x^2 = 4$\n" if suffix == ".md" else "x = 2\ny = x^2 = 4\n"
        text = text.replace("y = $x^2 = 4$", "$y = x^2 = 4$")
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["check", str(path)]) == 0, capsys.readouterr().err


def test_a_model_with_nan_is_refused_at_save_not_at_load(tmp_path):
    from autograd.nn import MLP

    net = MLP(2, [1])
    net.parameter("w2").data = float("nan")  # .data you assign yourself is yours
    path = tmp_path / "net.json"
    with pytest.raises(ValueError, match=r"^MLP.save: parameter w2 is nan") as error:
        net.save(path)
    assert "\n" not in str(error.value) and not path.exists()
