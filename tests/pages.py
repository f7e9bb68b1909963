"""What the checker makes of a small page, for the tests of its readers: the chains read
(each link as the model shows it) and each check as (quantity, written, verdict)."""

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
