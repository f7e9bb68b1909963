"""A class's submissions: who they are, and one of them checked and graded.

A folder of submissions holds one file or one folder per student, the name (without its
suffix) the student's: ``ada.txt``, ``grace/`` (every worksheet file in it and in its
folders, in name order; hidden folders and ``__MACOSX`` left out): each part of the key is
graded on the part of theirs that earns the most on it (``marking.mark``), so a README or a
draft beside the work does not hide it; the files are also read joined, in name order
(``1-forward.txt`` before ``2-backward.md``), each by its own kind's reader, for work split
over them, and graded so when that earns more. The feedback names the files read.
Worksheets are the files ``SUFFIXES`` names; a student who handed in only another kind of
file (``gina.pdf``) gets a row saying so, never no row at all.
Whatever a submission holds, grading it ends in a ``Grade``: one that cannot be read (binary,
empty, too large, too deep, a pipe or device, a symbolic link, two submissions under one name,
not a worksheet file) is a row saying why.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "ada.txt").write_text("x = 1"); (folder / "grace").mkdir()
>>> [s.name for s in submissions(folder)]
['ada', 'grace']
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, files
from .key import Reference
from .marking import Grade, mark, student_name, unreadable
from .rubric import Rubric

__all__ = ["SUFFIXES", "Submission", "grade_submission", "grade_text", "submissions"]

SUFFIXES = (".txt", ".md", ".markdown", ".tex", ".ipynb", ".toml", ".json")
MAX_FILES = 20  # worksheet files in one student's folder: more is not a hand calculation


@dataclass(frozen=True)
class Submission:
    """One student's work: a file, or a folder of files (``problem``: why it cannot be
    graded, known before it is read)."""

    name: str
    path: Path
    problem: str = ""

    def files(self) -> list[Path]:
        """The worksheet files, each a regular file: a pipe would never end, a device
        (/dev/zero) never stop, and a link could show the student a file of the grader's."""
        if self.problem:
            raise ValueError(self.problem)
        if self.path.is_dir() and not self.path.is_symlink():
            found = []
            for root, folders, names in os.walk(self.path):  # links to folders not followed
                folders[:] = [f for f in folders if not f.startswith((".", "__MACOSX"))]
                found += [Path(root, n) for n in names
                          if Path(n).suffix.lower() in SUFFIXES and not n.startswith(".")]
                if len(found) > MAX_FILES:
                    raise ValueError(f"more than {MAX_FILES} worksheet files")
            for p in found:
                _regular(p, self.shown(p))
            return sorted(found)
        _regular(self.path, self.path.name)
        return [self.path]

    def shown(self, path: Path) -> str:
        """``path`` named as in the folder of submissions: ``ada.txt``, ``grace/hw/b.md``."""
        return path.relative_to(self.path.parent).as_posix()


def _regular(path: Path, name: str) -> None:
    if path.is_symlink():
        raise ValueError(f"{name} is a symbolic link, not a worksheet file")
    if not path.is_file() and not path.is_dir():
        raise ValueError(f"{name} is not a regular file (a pipe or a device)")


_GRADEBOOK = ("grades.csv", "grading.json")  # the files of a folder grade wrote


def submissions(folder: str | Path) -> list[Submission]:
    """The students of ``folder``, in name order (a file's name without its suffix); a
    gradebook grade wrote there is not one of them."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"grade: {str(folder)!r} is not a folder of submissions")
    named: dict[str, list[Path]] = {}
    other: dict[str, Path] = {}  # files of another kind: gina.pdf
    for p in sorted(folder.iterdir()):
        if p.name.startswith("."):
            continue
        folder_of_files = p.is_dir() and not p.is_symlink()
        if folder_of_files and all((p / f).is_file() for f in _GRADEBOOK):
            continue  # what grade wrote (grade . -o grades, run again): no student's work
        name = student_name(p.name if folder_of_files else p.stem)  # the roster's Zoë too
        if folder_of_files or p.suffix.lower() in SUFFIXES:
            named.setdefault(name, []).append(p)
        else:
            other.setdefault(name, p)
    if not named:
        raise ValueError(f"grade: no worksheet file or folder in {str(folder)!r}")
    out = []
    for name, paths in named.items():  # ada.txt and ada/: which is ada's work is not ours to say
        shown = ", ".join(p.name + "/" * p.is_dir() for p in paths)
        twice = f"{len(paths)} submissions under this name ({shown})" if len(paths) > 1 else ""
        out.append(Submission(name, paths[0], twice))
    kinds = ", ".join(SUFFIXES)
    out += [  # a student whose only file the checker cannot read still has a row
        Submission(name, p, f"{p.name} is not a worksheet file ({kinds})")
        for name, p in other.items()
        if name not in named
    ]
    return sorted(out, key=lambda s: s.name)


def grade_submission(submission: Submission, reference: Reference, rubric: Rubric) -> Grade:
    """``submission`` checked and graded, with the checker's compact report of each file;
    never raises for what the submission holds."""
    from ..audit import read
    from ..audit.flow import check_worksheet

    start = time.perf_counter()
    try:
        paths = submission.files()
        if not paths:
            raise ValueError("no worksheet file (.txt, .md, .tex, .ipynb, .toml, .json)")
        parts: list[dict] = []
        sheets: list = []
        reports: list[str] = []
        for f in paths:
            sheet = read(f)
            for part in sheet.parts:  # a part without a title is called by its file's name
                if part.title == sheet.source:
                    part.title = submission.shown(f)
            report = check_worksheet(sheet)
            parts += report.as_json()["parts"]
            sheets += sheet.parts
            reports.append(report.text())
        grade = mark({"parts": parts}, reference, rubric, submission.name, sheets)
        grade.report = "\n\n".join(reports)
        grade.files = [submission.shown(f) for f in paths]
        joined = _joined(submission, paths, reference, rubric)
        if joined is not None and joined.score > grade.score:
            grade = joined
    except RecursionError:
        grade = unreadable(submission.name, "nested too deeply to read", reference, rubric)
    except MemoryError:
        grade = unreadable(submission.name, "too large to check", reference, rubric)
    except Exception as error:  # untrusted input: whatever it does, the batch goes on
        where = str(submission.path.parent) + os.sep  # a file named as in the folder
        grade = unreadable(submission.name, _one_line(error).replace(where, ""), reference, rubric)
    return _stamped(grade, rubric, start)


def _joined(submission: Submission, paths: list[Path], reference: Reference,
            rubric: Rubric) -> Grade | None:  # fmt: skip
    """Work split over files (the backward pass in a file after the forward pass, using its
    numbers; a ``.txt`` beside a ``.md``), read as one worksheet in name order, whatever
    their kinds (each by its own reader), its lines counted through them; None for fewer than
    two such files or more than the reader's limits. Notebooks and check files are graded
    alone only: their lines are not a page's."""
    from ..audit.flow import check_worksheet
    from ..audit.read import JOINABLE, read_joined
    from ..audit.read_chain import LIMITS

    paths = [p for p in paths if p.suffix.lower() in JOINABLE]
    if len(paths) < 2:
        return None
    texts = [files.read_text(p, LIMITS["bytes"]) for p in paths]
    if sum(len(t) for t in texts) > LIMITS["bytes"]:
        return None
    title = "read as one worksheet: " + ", ".join(submission.shown(p) for p in paths)
    try:
        sheet = read_joined([(p.suffix, t) for p, t in zip(paths, texts, strict=True)], title)
    except Exception:  # joined past the reader's limits: the files are graded each alone
        return None
    report = check_worksheet(sheet)
    grade = mark(report.as_json(), reference, rubric, submission.name, sheet.parts)
    grade.report = report.text()
    grade.files, grade.joined = [submission.shown(p) for p in paths], True
    return grade


def grade_text(text: str, reference: Reference, rubric: Rubric, student: str = "student",
               markdown: bool = False) -> Grade:  # fmt: skip
    """A submission given as text (what a web form sends), checked and graded."""
    from ..audit.flow import check_worksheet
    from ..audit.read_latex import read_markdown
    from ..audit.read_text import read_text

    start = time.perf_counter()
    try:
        sheet = (read_markdown if markdown else read_text)(text, "worksheet")
        report = check_worksheet(sheet)
        grade = mark(report.as_json(), reference, rubric, student, sheet.parts)
        grade.report = report.text()
    except RecursionError:
        grade = unreadable(student, "nested too deeply to read", reference, rubric)
    except Exception as error:  # untrusted input
        grade = unreadable(student, _one_line(error), reference, rubric)
    return _stamped(grade, rubric, start)


def _stamped(grade: Grade, rubric: Rubric, start: float) -> Grade:
    grade.version, grade.rubric_hash = __version__, rubric.hash
    grade.seconds = time.perf_counter() - start
    return grade


def _one_line(error: BaseException, limit: int = 300) -> str:
    text = str(error) or type(error).__name__
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
