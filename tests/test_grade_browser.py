"""The class report in a real browser (Debian's Chromium, driven by Playwright): both plots
drawn with a bar per bin, the counts read off the page equal to the class's, and the
screenshot's pixels checked: each score bar as tall as its count makes it. Without
Playwright or Chromium the test skips, saying which is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograd.grade import Reference, Rubric, grade_class, write
from autograd.grade.classreport import histogram
from autograd.grade.classroom import PROBLEM, classroom, write_class

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_class_report_renders_its_plots(tmp_path) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    students = classroom(PROBLEM, 14, seed=4)
    students[0].text += "z = <img src=x onerror=alert(1)>\n"  # a student's text, never run
    write_class(students, tmp_path / "subs")
    grades = grade_class(tmp_path / "subs", Reference.from_text(PROBLEM), jobs=2)
    write(grades, tmp_path / "out", "problem.txt", Rubric())
    report = tmp_path / "out" / "class-report.html"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(report.as_uri())
        assert page.locator("#scores rect").count() == 10
        assert page.locator("#stages rect").count() == 7  # six kinds of step, and no slip
        heights = [float(h) for h in page.locator("#scores rect").evaluate_all(
            "rs => rs.map(r => r.getBBox().height)")]  # fmt: skip
        assert max(heights) > 50 and page.locator("#scores svg").bounding_box()["width"] > 300
        counted = page.locator("#stages text").all_text_contents()
        slipped = sum(bool(g.slips) for g in grades)
        assert sum(int(t) for t in counted if t.isdigit()) == len(grades)
        assert str(len(grades) - slipped) in counted
        rows = page.locator("#misconceptions tr").count() - 1
        assert rows == len({(s.kind, s.quantity) for g in grades for s in g.slips})
        page.screenshot(path=str(tmp_path / "class-report.png"), full_page=True)
        page.locator("#scores svg").screenshot(path=str(tmp_path / "scores.png"))
        browser.close()
    assert dialogs == [] and (tmp_path / "class-report.png").stat().st_size > 10_000
    # the picture itself: each score bar as tall, in pixels of the bar's colour, as its
    # count makes it (140 px for the most frequent bin; the plot's drawing area, by hand)
    image = pytest.importorskip("PIL.Image").open(tmp_path / "scores.png").convert("RGB")
    counts = histogram(grades)
    step = 460 / len(counts)
    for i, count in enumerate(counts):
        x = round(i * step + step / 2)
        drawn = sum(_near(image.getpixel((x, y)), (0x3B, 0x6E, 0xA5))
                    for y in range(image.height))  # fmt: skip
        assert abs(drawn - 140 * count / max(counts)) <= 2, (i, count, drawn)


def _near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(pixel, colour))
