"""What the checker makes of a small page, for the tests of its readers: the chains read
(each link as the model shows it), each check as (quantity, written, verdict) or with its line,
the lines flagged, and the lines left unread with why."""

from autograd.audit import check_text
from autograd.audit.read_latex import read_markdown
from autograd.audit.worksheet import show


def chains(text: str) -> list[str]:
    """Each chain read from a Markdown page, its links as the model shows them."""
    return [" = ".join(map(show, c.links)) for p in read_markdown(text).parts for c in p.chains]


def verdicts(text: str, markdown: bool = True) -> list[tuple[str, str, str]]:
    """Each check of the page as (quantity, written, verdict)."""
    report = check_text(text, markdown=markdown)
    return [(c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def checks(text: str, markdown: bool = False) -> list[tuple[int, str, str, str]]:
    """Each check of the page as (line, quantity, written, verdict)."""
    report = check_text(text, markdown=markdown)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def errors(text: str, markdown: bool = False) -> set[int]:
    """The lines where the page is flagged wrong."""
    return {line for line, _, _, v in checks(text, markdown) if v == "error"}


def unread(text: str, markdown: bool = False) -> dict[int, str]:
    """The lines left not understood, each with why."""
    report = check_text(text, markdown=markdown)
    return {u.line: u.reason for p in report.parts for u in p.judged.unread}
