"""Silent wrong answers: a wrong published number the checker would pass as right, or judge
against another quantity's value. Each construct in several styles (plain text, Markdown with
LaTeX, other letters), with a planted wrong number that must be flagged on its line and the
right page that must give no error. Expected values by hand and from plain Python floats in
the test, never from the package."""

from autograd.audit import check_text


def verdicts(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    return {line for line, _, _, v in verdicts(text, markdown) if v == "error"}


def unread(text: str, markdown: bool = False) -> dict[int, str]:
    report = check_text(text, markdown=markdown)
    return {u.line: u.reason for p in report.parts for u in p.judged.unread}


# -- a data set a sample a line, then lines with its names bare --------------------------
# The bare x and y of a line are the sample the line works on: the one a quantity it reads
# was worked on, else the one whose values it puts for them; never one name from each.

SAMPLES_TEXT = (
    "w = 0.5\n"
    "x = 1, y = 2\n"
    "x = 2, y = 3\n"
    "x = 3, y = 5\n"
    "yhat = w * x = 0.5 * 1 = 0.5\n"  # line 5: the first sample
    "L = (yhat - y)^2 = (0.5 - 2)^2 = 2.25\n"
    "yhat = w * x = 0.5 * 2 = 1.0\n"  # line 7: the second
    "L = (yhat - y)^2 = (1.0 - {y})^2 = {loss}\n"  # line 8
)
SAMPLES_LATEX = (
    "Take $w = 0.5$ and the data set\n"
    "\n"
    "1. $a = 1, b = 2$\n"
    "2. $a = 2, b = 3$\n"
    "3. $a = 3, b = 5$\n"
    "\n"
    "For one sample, $\\hat{{b}} = w a = 0.5 \\times 2 = 1.0$\n"  # line 7
    "\n"
    "$E = \\frac{{1}}{{2}}(\\hat{{b}} - b)^2 = \\frac{{1}}{{2}}(1.0 - {y})^2 = {loss}$\n"  # line 9
)


def test_the_samples_losses_by_hand():
    assert (0.5 * 1 - 2) ** 2 == 2.25
    assert (0.5 * 2 - 3) ** 2 == 4.0 and (0.5 * 2 - 2) ** 2 == 1.0
    assert 0.5 * (0.5 * 2 - 3) ** 2 == 2.0 and 0.5 * (0.5 * 2 - 2) ** 2 == 0.5


def test_each_sample_worked_in_turn_in_plain_text_is_right():
    assert errors(SAMPLES_TEXT.format(y="3", loss="4.0")) == set()


def test_another_samples_target_in_plain_text_is_flagged_on_its_line():
    assert errors(SAMPLES_TEXT.format(y="2", loss="1.0")) == {8}


def test_a_sample_in_a_markdown_list_with_latex_is_bound_to_its_values():
    assert errors(SAMPLES_LATEX.format(y="3", loss="2.0"), markdown=True) == set()
    assert errors(SAMPLES_LATEX.format(y="2", loss="0.5"), markdown=True) == {9}


def test_a_line_putting_numbers_of_two_samples_stays_unread_with_why():
    page = ("w = 0.5\nx = 1, y = 2\nx = 2, y = 3\nx = 3, y = 5\n"
            "L = (w*x - y)^2 = (0.5*2 - 2)^2 = 1.0\n")  # x of the second, y of the first
    assert errors(page) == set()
    assert "which sample's?" in unread(page).get(5, "")
    right = page.replace("(0.5*2 - 2)^2 = 1.0", "(0.5*2 - 3)^2 = 4.0")
    assert errors(right) == set() and 5 not in unread(right)
