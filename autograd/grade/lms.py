"""Quizzes for a learning-management system, from the variants of ``solve --variants``.

For every variant (and part) and every quantity asked (by default the derivative of the loss
by each parameter and each update), one numerical question: the variant's problem as its
text, the key's number as its answer, with a tolerance of one unit in the key's last written
place (so a student's answer rounded or truncated to as many places is accepted):

- ``moodle_xml``: Moodle's XML question format (``<question type="numerical">``, each
  ``<answer fraction="100">`` with its ``<tolerance>``);
- ``canvas_qti``: a QTI 1.2 package (a zip) that Canvas imports, one
  ``numerical_question`` per item, each answer an exact value with a margin.

Each file is parsed back before it is returned, and its answers compared with the ones
meant: a file that would not read back the same is never written.

>>> q = Question("variant 1: ∂L/∂w", "x = 1 …", "∂L/∂w", "−0.02644")
>>> q.value, q.tolerance
(-0.02644, 1e-05)
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .. import files

__all__ = ["KINDS", "Question", "canvas_qti", "moodle_xml", "questions", "read_moodle",
           "read_qti", "write_quiz"]  # fmt: skip

KINDS = ("moodle", "canvas")
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


@dataclass(frozen=True)
class Question:
    name: str
    problem: str  # the variant's problem, as text
    quantity: str
    answer: str  # the key's number, as written

    @property
    def value(self) -> float:
        return float(self._decimal)

    @property
    def tolerance(self) -> float:
        """One unit in the last written place."""
        return float(Decimal(1).scaleb(self._decimal.as_tuple().exponent))

    @property
    def _decimal(self) -> Decimal:
        return Decimal(self.answer.replace("−", "-"))


def questions(directory: str | Path, ask: list[str] | None = None) -> list[Question]:
    """The questions of the variants in ``directory`` (``answers.csv`` and ``variant-NN.txt``
    as ``solve --variants`` writes them)."""
    directory = Path(directory)
    rows = list(csv.DictReader(io.StringIO(files.read_text(directory / "answers.csv"))))
    out = []
    for row in rows:
        number, part = int(row["variant"]), int(row["part"])
        text = files.read_text(directory / f"variant-{number:02}.txt")
        problem = _parts(text)[part - 1]
        loss = _front(problem, "loss") or "L"
        parameters = [p.strip() for p in (_front(problem, "parameters") or "").split(",") if p]
        wanted = ask or [q for p in parameters for q in (f"∂{loss}/∂{p}", f"{p}'")]
        for quantity in wanted:
            if row.get(quantity):
                name = f"variant {number}" + (f" ({part})" if part > 1 else "") + f": {quantity}"
                out.append(Question(name, problem, quantity, row[quantity]))
    if not out:
        raise ValueError(f"quiz: no asked quantity found in {directory / 'answers.csv'}")
    return out


def _parts(text: str) -> list[str]:
    """The problem of each part: a front matter and what follows it, to the next."""
    starts = [m.start() for m in re.finditer(r"^---\npart:", text, re.M)] or [0]
    return [text[a:b].strip() + "\n" for a, b in zip(starts, [*starts[1:], len(text)])]


def _front(problem: str, field: str) -> str | None:
    m = re.search(rf"^{field}:\s*(.+)$", problem, re.M)
    return m.group(1).strip() if m else None


def _stem(q: Question) -> str:
    return (f"<p>Work out {html.escape(q.quantity, quote=False)} for this problem "
            f"(to {len(q._decimal.as_tuple().digits)} significant digits):</p>"
            f"<pre>{html.escape(q.problem)}</pre>")  # fmt: skip


def moodle_xml(qs: list[Question]) -> str:
    """The questions in Moodle's XML format, checked by reading them back."""
    quiz = ET.Element("quiz")
    for q in qs:
        item = ET.SubElement(quiz, "question", type="numerical")
        ET.SubElement(ET.SubElement(item, "name"), "text").text = q.name
        text = ET.SubElement(item, "questiontext", format="html")
        ET.SubElement(text, "text").text = _stem(q)
        ET.SubElement(item, "defaultgrade").text = "1"
        answer = ET.SubElement(item, "answer", fraction="100", format="moodle_auto_format")
        ET.SubElement(answer, "text").text = repr(q.value)
        ET.SubElement(answer, "tolerance").text = repr(q.tolerance)
        ET.SubElement(ET.SubElement(answer, "feedback"), "text").text = f"{q.quantity} = {q.answer}"
    out = ET.tostring(quiz, encoding="unicode", xml_declaration=True)
    _same(read_moodle(out), qs, "Moodle XML")
    return out


def read_moodle(text: str) -> list[tuple[str, float, float]]:
    """(name, answer, tolerance) of each numerical question of a Moodle XML file."""
    root = ET.fromstring(text)
    return [(q.findtext("name/text", ""), float(q.findtext("answer/text", "nan")),
             float(q.findtext("answer/tolerance", "nan")))
            for q in root.iter("question") if q.get("type") == "numerical"]  # fmt: skip


def _assessment(qs: list[Question], title: str) -> str:
    ET.register_namespace("", QTI)
    root = ET.Element(f"{{{QTI}}}questestinterop")
    test = ET.SubElement(root, f"{{{QTI}}}assessment", ident="quiz", title=title)
    section = ET.SubElement(test, f"{{{QTI}}}section", ident="root_section")
    for i, q in enumerate(qs, start=1):
        item = ET.SubElement(section, f"{{{QTI}}}item", ident=f"q{i}", title=q.name)
        meta = ET.SubElement(ET.SubElement(item, f"{{{QTI}}}itemmetadata"), f"{{{QTI}}}qtimetadata")
        for label, entry in (("question_type", "numerical_question"), ("points_possible", "1.0")):
            field = ET.SubElement(meta, f"{{{QTI}}}qtimetadatafield")
            ET.SubElement(field, f"{{{QTI}}}fieldlabel").text = label
            ET.SubElement(field, f"{{{QTI}}}fieldentry").text = entry
        shown = ET.SubElement(item, f"{{{QTI}}}presentation")
        ET.SubElement(ET.SubElement(shown, f"{{{QTI}}}material"), f"{{{QTI}}}mattext",
                      texttype="text/html").text = _stem(q)  # fmt: skip
        response = ET.SubElement(shown, f"{{{QTI}}}response_str", ident="response1",
                                 rcardinality="Single")  # fmt: skip
        ET.SubElement(ET.SubElement(response, f"{{{QTI}}}render_fib", fibtype="Decimal"),
                      f"{{{QTI}}}response_label", ident="answer1")  # fmt: skip
        scoring = ET.SubElement(item, f"{{{QTI}}}resprocessing")
        ET.SubElement(ET.SubElement(scoring, f"{{{QTI}}}outcomes"), f"{{{QTI}}}decvar",
                      maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")  # fmt: skip
        condition = ET.SubElement(scoring, f"{{{QTI}}}respcondition", {"continue": "No"})
        either = ET.SubElement(ET.SubElement(condition, f"{{{QTI}}}conditionvar"), f"{{{QTI}}}or")
        ET.SubElement(either, f"{{{QTI}}}varequal", respident="response1").text = repr(q.value)
        both = ET.SubElement(either, f"{{{QTI}}}and")
        low, high = q.value - q.tolerance, q.value + q.tolerance
        ET.SubElement(both, f"{{{QTI}}}vargte", respident="response1").text = repr(low)
        ET.SubElement(both, f"{{{QTI}}}varlte", respident="response1").text = repr(high)
        ET.SubElement(condition, f"{{{QTI}}}setvar", action="Set", varname="SCORE").text = "100"
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def canvas_qti(qs: list[Question], title: str = "Backpropagation by hand") -> bytes:
    """A QTI 1.2 package (zip: the manifest and one assessment) that Canvas imports."""
    assessment = _assessment(qs, title)
    _same(read_qti(assessment), qs, "QTI")
    manifest = (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<manifest identifier='quiz_manifest' xmlns='http://www.imsglobal.org/xsd/imscp_v1p1'>"
        "<organizations/><resources><resource identifier='quiz' type='imsqti_xmlv1p2'>"
        "<file href='quiz/quiz.xml'/></resource></resources></manifest>\n"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", manifest)
        z.writestr("quiz/quiz.xml", assessment)
    return out.getvalue()


def read_qti(text: str) -> list[tuple[str, float, float]]:
    """(title, answer, tolerance) of each numerical item of a QTI assessment."""
    ns = {"q": QTI}
    out = []
    for item in ET.fromstring(text).iter(f"{{{QTI}}}item"):
        exact = float(item.findtext(".//q:varequal", "nan", ns))
        high = float(item.findtext(".//q:varlte", "nan", ns))
        out.append((item.get("title", ""), exact, high - exact))
    return out


def _same(back: list[tuple[str, float, float]], qs: list[Question], kind: str) -> None:
    meant = [(q.name, q.value, q.tolerance) for q in qs]
    if len(back) != len(meant) or any(
        a[0] != b[0] or a[1] != b[1] or abs(a[2] - b[2]) > 1e-9 * max(1.0, abs(b[1]))
        for a, b in zip(back, meant)
    ):
        raise ValueError(f"quiz: the {kind} written does not read back as the questions")


def write_quiz(directory: str | Path, kind: str, ask: list[str] | None = None) -> Path:
    """``quiz-moodle.xml`` or ``quiz-canvas.zip`` in the variants' ``directory``."""
    if kind not in KINDS:
        raise ValueError(f"--quiz: {kind!r} is not one of {', '.join(KINDS)}")
    qs = questions(directory, ask)
    directory = Path(directory)
    if kind == "moodle":
        path = directory / "quiz-moodle.xml"
        path.write_text(moodle_xml(qs), encoding="utf-8")
    else:
        path = directory / "quiz-canvas.zip"
        path.write_bytes(canvas_qti(qs))
    return path
