"""A Gradescope autograder: one zip that checks and grades each submission of one problem.

``python -m autograd autograder FILE -o autograder.zip`` writes, at the zip's root (as
Gradescope's autograder specification asks):

- ``setup.sh``: run once when Gradescope builds the image; it installs Python and the
  package from the wheel inside the zip, so it needs the package index only for the
  package's dependencies;
- ``run_autograder``: run for every submission; it grades the worksheet files in
  ``/autograder/submission`` against the problem, in a worker process with the grader's
  time and memory limits, and writes ``/autograder/results/results.json``;
- ``problem.*`` (the problem or key), ``rubric.toml`` (when given), and
  ``chainrule_autograd-VERSION-py3-none-any.whl``, built from this very package when the
  zip is written.

``results.json`` follows the specification: a top-level ``score`` (penalties included),
``output`` (Markdown: the slips, with their lines), and one test per graded quantity
(``name``, ``score``, ``max_score``, ``status`` passed or failed, ``output``), with
``extra_data`` recording the package version and the rubric's hash. Setting
``AUTOGRADER_ROOT`` (default ``/autograder``) and ``AUTOGRADER_PYTHON`` (default ``python3``)
runs both scripts outside Gradescope's container, as the tests do.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from .. import __version__
from . import grade_alone
from .batch import TIME_LIMIT
from .gradebook import code_span, feedback_markdown, markdown_text
from .key import Reference
from .marking import Grade
from .rubric import load_rubric
from .submission import Submission

__all__ = ["results", "wheel", "write_autograder"]

DIST = "chainrule_autograd"

SETUP = """\
#!/usr/bin/env bash
# Run once by Gradescope when it builds the autograder's image.
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{AUTOGRADER_PYTHON:-python3}}"
if ! command -v "$PYTHON" >/dev/null || ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip
fi
cd "$ROOT/source"
"$PYTHON" -m pip install --break-system-packages ./{wheel} 2>/dev/null \\
  || "$PYTHON" -m pip install ./{wheel}
"""

RUN = """\
#!/usr/bin/env bash
# Run by Gradescope for every submission: grades the worksheet in /autograder/submission.
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{AUTOGRADER_PYTHON:-python3}}"
mkdir -p "$ROOT/results"
exec "$PYTHON" -m autograd.grade.gradescope --key "$ROOT/source/{problem}" {rubric}\\
  --submission "$ROOT/submission" --results "$ROOT/results/results.json"
"""


def results(grade: Grade) -> dict[str, Any]:
    """Gradescope's ``results.json`` for one graded submission."""
    tests = []
    for m in grade.marks:
        note = m.diagnosis or m.override or (f"carried from line {m.origin}" if m.origin else "")
        text = f"{m.status}" + (f", line {m.line}: {code_span(m.written)}" if m.line else "")
        tests.append({
            "name": m.quantity, "score": m.earned, "max_score": m.points,
            "status": "passed" if m.earned >= m.points else "failed",
            "output": text + (f" — {markdown_text(note)}" if note else ""),
            "output_format": "md", "tags": [m.kind],
        })  # fmt: skip
    return {
        "score": grade.score,
        "output": feedback_markdown(grade),
        "output_format": "md",
        "tests": tests,
        "extra_data": {"version": grade.version, "rubric_hash": grade.rubric_hash,
                       "problem": grade.problem},
    }


def wheel(directory: str | Path) -> Path:
    """A wheel of this package as it is installed now (its files, its dependencies), written
    into ``directory``: what the autograder installs."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        needs = [r for r in requires("chainrule-autograd") or [] if "extra ==" not in r]
    except PackageNotFoundError:
        raise ValueError("autograder: the package is not installed (pip install -e .), so its "
                         "dependencies are unknown") from None  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    info = f"{DIST}-{__version__}.dist-info"
    entries: list[tuple[str, bytes]] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            entries.append(("autograd/" + path.relative_to(root).as_posix(), path.read_bytes()))
    metadata = "\n".join(["Metadata-Version: 2.1", "Name: chainrule-autograd",
                          f"Version: {__version__}", "Requires-Python: >=3.10",
                          *(f"Requires-Dist: {r}" for r in needs)]) + "\n"  # fmt: skip
    entries.append((f"{info}/METADATA", metadata.encode()))
    entries.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: autograd.grade.gradescope"
                    b"\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))  # fmt: skip
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in entries]
    entries.append((f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()))
    out = Path(directory) / f"{DIST}-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_autograder(problem: str | Path, output: str | Path,
                     rubric: str | Path | None = None) -> Path:  # fmt: skip
    """The autograder zip for ``problem``, checked first: the key must solve, the rubric read."""
    import tempfile

    problem = Path(problem)
    key = Reference.from_file(problem)  # a problem the grader cannot solve fails now, not per
    load_rubric(rubric).check(key)  # student; so does a rubric's typo
    name = "problem" + problem.suffix.lower()
    output = Path(output)
    with tempfile.TemporaryDirectory() as tmp:
        built = wheel(tmp)
        flags = '--rubric "$ROOT/source/rubric.toml" ' if rubric else ""
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as z:
            _executable(z, "setup.sh", SETUP.format(wheel=built.name))
            _executable(z, "run_autograder", RUN.format(problem=name, rubric=flags))
            z.writestr(name, problem.read_bytes())
            if rubric:
                z.writestr("rubric.toml", Path(rubric).read_bytes())
            z.write(built, built.name)
    return output


def _executable(z: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o100755 << 16  # a regular file, rwxr-xr-x
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text)


def main(argv: list[str] | None = None) -> int:
    """What ``run_autograder`` calls: grade one submission folder, write results.json."""
    parser = argparse.ArgumentParser(prog="python -m autograd.grade.gradescope")
    parser.add_argument("--key", required=True)
    parser.add_argument("--rubric")
    parser.add_argument("--submission", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT)
    args = parser.parse_args(argv)
    reference = Reference.from_file(args.key)
    rubric = load_rubric(args.rubric)
    grade = grade_alone(Submission("submission", Path(args.submission)), reference, rubric,
                        args.time_limit)  # fmt: skip
    text = json.dumps(results(grade), indent=2, ensure_ascii=False)
    Path(args.results).write_text(text, encoding="utf-8")
    print(feedback_markdown(grade))  # the instructor's view of stdout
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
