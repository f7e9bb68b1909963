"""Fuzzing every reader of outside input: ``MLP.load``, the command line and check files.

Each example, mutated from a real file or drawn at random, must end in a result or in one
line naming the problem (``FileError`` for ``MLP.load``; exit status 2 and one ``error:``
line on stderr for the command line), never a traceback, within a time and a memory bound.
Check files are read through the command line only (``check FILE``): what stands behind it
may change, its contract may not.

The default profile runs a few hundred examples in all; ``HYPOTHESIS_PROFILE=thorough``
(tests/conftest.py) runs tens of thousands.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from autograd.cli import main
from autograd.files import FileError
from autograd.nn import MLP

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

# a failing example may be a whole file long: hypothesis says so, and prints it all the same
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

ROOT = Path(__file__).resolve().parents[1]
HOMEWORK = ROOT / "autograd" / "homework" / "hw1.toml"
WORKSHEETS = sorted((ROOT / "tests" / "worksheets").glob("*.txt")) + sorted(
    (ROOT / "tests" / "worksheets").glob("*.md")
)

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES = 4000 if THOROUGH else 40  # per test, eight tests (and a few in a subprocess)
SECONDS = 5.0  # per example: every reader answers these in well under a second
HANG = 60  # a hard stop, for an example that would never end
MEMORY = 1 << 30  # bytes of address space one example may add

fuzz = settings(
    max_examples=EXAMPLES,
    # shrinking a failing file-sized example can take minutes: the thorough run does it
    phases=tuple(Phase) if THOROUGH else tuple(p for p in Phase if p is not Phase.shrink),
    deadline=SECONDS * 1000,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # tmp_path: each example rewrites the same file
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# ---- the bounds -----------------------------------------------------------------------------


class Overran(BaseException):
    """An example ran past ``HANG`` seconds; not an ``Exception``, so no reader can take it
    for bad input."""


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Stop the example after ``HANG`` seconds; past ``MEMORY`` more bytes it gets a
    ``MemoryError`` instead of the machine's swap (Linux only)."""

    def stop(signum: int, frame: Any) -> None:
        raise Overran(f"still running after {HANG} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    if os.path.exists("/proc/self/statm"):
        ceiling = _address_space() + MEMORY
        if limits[1] != resource.RLIM_INFINITY:
            ceiling = min(ceiling, limits[1])
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limits)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``python -m autograd ARGV`` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with bounded(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit:  # argparse: --help, or a usage error
            status = exit.code
    return status, out.getvalue(), err.getvalue()


USAGE_ERROR = re.compile(r"^python -m autograd( [\w-]+)?: error: ")


def assert_answered(status: int, out: str, err: str, size: int = 0) -> None:
    """A report (status 0), or one line ``error: …`` on stderr (status 2; 1 for a missing
    Graphviz), or argparse's usage and its one ``error:`` line: never a traceback."""
    assert "Traceback" not in err, err
    lines = err.rstrip("\n").split("\n") if err else []  # a terminal's lines: \x85 is not one
    if currently_in_test_context():  # hypothesis's statistics: how far examples get
        event(f"exit status {status}")
    if status == 0:
        assert out and not err, err
        # a report grows with what it reports on, not faster (1 MB per 10 kB of input)
        assert len(out) <= 100 * size + 100_000, f"{len(out):,} characters of output"
    elif status == 2 and lines[0].startswith("usage: "):
        # argparse's own format: usage, then one "error:" line (which echoes the arguments
        # as given, so an argument with a newline in it spans two)
        assert any(USAGE_ERROR.match(line) for line in lines), err
    elif status in (1, 2):
        assert len(lines) == 1 and lines[0].startswith("error: "), err
        assert len(lines[0]) <= 1000, f"an error line of {len(lines[0]):,} characters"
    else:
        pytest.fail(f"exit status {status!r}; stderr: {err}")


def check_file(tmp_path: Path, name: str, content: str | bytes) -> tuple[int, str, str]:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    status, out, err = run_cli(["check", str(path)])
    assert_answered(status, out, err, len(content))
    return status, out, err


# ---- mutations of real files ----------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
ODD_NUMBERS = [
    "0", "-0", "1e308", "1e309", "-1e999", "1e-320", "0.1470", "1" + "0" * 400, "9" * 5000,
    "nan", "inf", "-inf", "NaN", "Infinity", "1_000", "0x10", "1.", ".5", "−0.0255", "true",
    '""', "[]", "{}", "100000", "-1", "2.5",
]  # fmt: skip
TOKENS = [
    "[", "]", "{", "}", "=", '"', "'", "'''", '"""', ",", ".", "#", "\n", "\\", "\t", "\x00",
    "\ufeff", "[[parts.a.written]]\n", "[parts.a]\n", "[network]\n", "quantity = ",
    'value = "', "layers = ", "inputs = ", "dL/dw1", "w1'", "σ", "−", "·", "e^", "≈", "⋅",
    "---\n", "part: ", "=", "(", ")", "/", "dL/dw7 = ", "a1 = σ(z1) = ",
]  # fmt: skip
TEXT = st.text(st.characters(codec="utf-8"), max_size=20)


@st.composite
def mutated(draw: Callable[..., Any], seeds: list[str]) -> str:
    """One of ``seeds`` after one to four edits, each at a drawn place: a span deleted,
    repeated or nested, text inserted, a number replaced or nested in brackets, lines
    swapped or repeated, or the end cut."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 400)))
        kind = draw(
            st.sampled_from(
                ["delete", "insert", "number", "wrap", "repeat", "nest", "swap", "cut", "duplicate"]
            )
        )
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS) | TEXT) + text[i:]
        elif kind in ("number", "wrap"):  # a number replaced, or nested where it stands
            numbers = list(NUMBER.finditer(text))
            if numbers:
                m = numbers[draw(st.integers(0, len(numbers) - 1))]
                if kind == "number":
                    new = draw(st.sampled_from(ODD_NUMBERS))
                else:
                    depth = draw(st.sampled_from([100_000, 2000, 50, 2]))
                    new = "[" * depth + m.group() + "]" * depth
                text = text[: m.start()] + new + text[m.end() :]
        elif kind == "repeat":
            text = text[:i] + text[i:j] * draw(st.sampled_from([2, 10, 100])) + text[j:]
        elif kind == "nest":
            depth = draw(st.sampled_from([100_000, 2000, 50, 2]))
            opening, closing = draw(st.sampled_from([("[", "]"), ("{", "}"), ("(", ")")]))
            text = text[:i] + opening * depth + text[i:j] + closing * depth + text[j:]
        elif kind == "swap":
            lines = text.split("\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif kind == "cut":
            text = text[:i]
        else:  # a line written twice: a repeated key, a repeated table
            lines = text.split("\n")
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
    return text


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([0, 1, -1, 2**64, 10**400])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["sigmoid", "relu", "tanh", "linear", "w1", "dL/dw1", "0.8807", "forward"])
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_document(draw: Callable[..., Any], seed: Any) -> Any:
    """``seed`` (parsed JSON or TOML) after one to three edits at drawn places: a value
    replaced by any JSON value, a key removed or added, a list item repeated."""
    document = json.loads(json.dumps(seed))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        parent, key = None, None
        node = document
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = node[key]
        kind = draw(st.sampled_from(["replace", "remove", "add", "repeat"]))
        if parent is None:
            if kind == "replace":
                document = draw(JSON_VALUES)
            continue
        if kind == "replace":
            parent[key] = draw(JSON_VALUES)
        elif kind == "remove":
            del parent[key]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(JSON_VALUES)
        elif kind == "repeat" and isinstance(parent, list):
            parent[key:key] = [parent[key]] * draw(st.sampled_from([1, 10, 1000]))
    return document


def model_files() -> list[str]:
    """Two saved models, as ``MLP.save`` writes them."""
    texts = []
    for net in (MLP(2, [3, 1], activation="sigmoid", seed=0), MLP(3, [4, 4, 1], seed=1)):
        document = {
            "nin": net.nin,
            "nouts": net.nouts,
            "activations": net.activations,
            "parameters": net.state_dict(),
        }
        texts.append(json.dumps(document, indent=2) + "\n")
    return texts


MODELS = model_files()
HOMEWORK_TEXT = HOMEWORK.read_text(encoding="utf-8")
HOMEWORK_BYTES = sum(path.stat().st_size for path in HOMEWORK.parent.glob("hw1.*"))
WORKSHEET_TEXTS = [
    "a1 = σ(z1) = 1/(1+e^-2) = 0.8807\n",
    "dL/dw7 = dL/da · da/dz · dz/dw7 = (−0.0255)(0.0248)(0.8807) = −5.57e-4\n",
    *(path.read_text(encoding="utf-8") for path in WORKSHEETS[:8]),
]


# ---- MLP.load -------------------------------------------------------------------------------


def assert_loads_or_refuses(path: Path) -> None:
    """A model, or a ``FileError`` whose one line starts with the file's path."""
    with bounded():
        try:
            model = MLP.load(path)
        except FileError as error:
            message = str(error)
            assert message.startswith(f"{path}: ") and "\n" not in message, message
            assert len(message) <= 1000, f"an error line of {len(message):,} characters"
            event("refused")
            return
    event("loaded")
    model.save(path)  # what loaded saves, and loads back the same
    assert MLP.load(path).state_dict() == model.state_dict()


@fuzz
@given(text=mutated(MODELS))
def test_load_of_a_mutated_model_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(text.encode("utf-8"))
    assert_loads_or_refuses(path)


@fuzz
@given(document=st.sampled_from(MODELS).flatmap(lambda t: mutated_document(json.loads(t))))
def test_load_of_a_mutated_model_document(tmp_path: Path, document: Any) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert_loads_or_refuses(path)


@fuzz
@given(content=st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_load_of_random_bytes_and_random_json(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(content)
    assert_loads_or_refuses(path)


# ---- the command line -----------------------------------------------------------------------

COMMAND_WORDS = [
    "demo", "homework", "check", "graph", "--help", "-h", "--part", "a", "b", "zz",
    "--set", "w9=0", "x1=1e308", "w1=nan", "w1=10", "=1", "w1=", "learning_rate=0",
    "y=-1", "--json", "--file", "hw.toml", "hw.json", "missing.toml", "--highlight", "w1",
    "L", "q", "-o", "--output", "out.dot", "out.svg", "out.txt", "out", "",
]  # fmt: skip
# any other word too, but no path out of the example's directory: files get written there
OTHER_WORDS = st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), max_size=12)
WORDS = st.sampled_from(COMMAND_WORDS) | OTHER_WORDS.filter(lambda t: ".." not in t)
# half the lists start as a command does, so that most reach past argparse
ARGUMENT_LISTS = st.lists(WORDS, max_size=8) | st.tuples(
    st.sampled_from(["homework", "check hw.toml", "check hw.json", "graph -o out.dot"]),
    st.lists(WORDS, max_size=6),
).map(lambda pair: [*pair[0].split(), *pair[1]])


@fuzz
@given(argv=ARGUMENT_LISTS)
def test_command_line_with_random_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    (tmp_path / "hw.toml").write_text(HOMEWORK_TEXT, encoding="utf-8")
    (tmp_path / "hw.json").write_text(json.dumps(tomllib.loads(HOMEWORK_TEXT)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert_answered(*run_cli(argv), size=HOMEWORK_BYTES)  # the largest input it may read


# ---- check files, through the command line --------------------------------------------------


def _homework_with(old: str, new: str) -> str:
    assert old in HOMEWORK_TEXT
    return HOMEWORK_TEXT.replace(old, new, 1)


def _homework_json(**changes: Any) -> str:
    """The homework as JSON, with top-level tables replaced."""
    return json.dumps({**tomllib.loads(HOMEWORK_TEXT), **changes})


def test_check_of_toml_nested_100_000_deep(tmp_path: Path) -> None:
    # found by the first thorough run (a RecursionError traceback); fixed in the checker
    check_file(
        tmp_path,
        "nested.toml",
        _homework_with("inputs = 2", "inputs = " + "[" * 100_000 + "2" + "]" * 100_000),
    )


@pytest.mark.parametrize(
    "name, text",
    [
        ("key.json", _homework_json(parts={"\n": None})),
        pytest.param(
            "digits.toml",
            _homework_with("inputs = 2", "inputs = " + "9" * 5000),
        ),
        (
            "output.json",
            _homework_json(network={"inputs": 2, "layers": [3, 1], "output": ["z"] * 1000}),
        ),
        ("long.toml", _homework_with('quantity = "z1"', 'quantity = "' + "x" * 100_000 + '"')),
    ],
)
def test_check_failures_found_by_fuzzing(tmp_path: Path, name: str, text: str) -> None:
    check_file(tmp_path, name, text)


@fuzz
@given(text=mutated([HOMEWORK_TEXT]), extension=st.sampled_from([".toml", ".TOML", ""]))
def test_check_of_a_mutated_toml_file(tmp_path: Path, text: str, extension: str) -> None:
    check_file(tmp_path, f"hw{extension}", text)


@fuzz
@given(
    document=mutated_document(tomllib.loads(HOMEWORK_TEXT)),
    extension=st.sampled_from([".json", ".JSON"]),
)
def test_check_of_a_mutated_json_document(tmp_path: Path, document: Any, extension: str) -> None:
    check_file(tmp_path, f"hw{extension}", json.dumps(document, ensure_ascii=False))


@fuzz
@given(text=mutated(WORKSHEET_TEXTS), extension=st.sampled_from([".txt", ".md"]))
def test_check_of_a_mutated_worksheet(tmp_path: Path, text: str, extension: str) -> None:
    check_file(tmp_path, f"worksheet{extension}", text)


@fuzz
@given(
    content=st.binary(max_size=300) | mutated([HOMEWORK_TEXT]).map(str.encode),
    extension=st.sampled_from([".toml", ".json", ".txt", ".md", ".png", ""]),
)
def test_check_of_random_bytes(tmp_path: Path, content: bytes, extension: str) -> None:
    check_file(tmp_path, f"file{extension}", content)


def _limited() -> None:  # in the child, before it runs: the same memory bound
    resource.setrlimit(resource.RLIMIT_AS, (2 * MEMORY, resource.RLIM_INFINITY))


@settings(fuzz, max_examples=200 if THOROUGH else 4, deadline=None)
@given(text=mutated([HOMEWORK_TEXT, *WORKSHEET_TEXTS]))
def test_python_m_autograd_check_in_its_own_process(tmp_path: Path, text: str) -> None:
    """The real command, with its own interpreter: what the in-process tests cannot see
    (a crash of the interpreter, output at exit), within a hard time and memory limit."""
    path = tmp_path / "hw.toml"
    path.write_bytes(text.encode("utf-8"))
    run = subprocess.run(
        [sys.executable, "-m", "autograd", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_limited,
        cwd=ROOT,
    )
    assert_answered(run.returncode, run.stdout, run.stderr, len(text))
