"""The derivative passes over a part's graph: how much of the graph they walk. Derivatives
are the engine's (``tests/test_worksheets.py`` holds them against hand-worked pages); here
the walks are counted, as nodes placed in a topological order, which no timing blurs."""

import sys

from autograd.audit.read_text import read_text
from autograd.audit.recompute import Model
from autograd.audit.worksheet import Derivative


def doubling_chain(n: int) -> str:
    """``x_k = 2·x_(k−1)`` n times, and the page's ``∂x_n/∂x_k`` for every k, each written
    as 1 (wrong but for the last: the engine's 2^(n−k) is what the model must give)."""
    lines = ["x0 = 0.5", *(f"x{k} = 2·x{k - 1}" for k in range(1, n + 1))]
    return "\n".join(lines + [f"∂x{n}/∂x{k} = 1" for k in range(n)])


def nodes_walked(n: int) -> int:
    """Nodes placed in topological orders while the doubling chain's derivatives are asked."""
    model = Model(read_text(doubling_chain(n)).parts[0])
    walked = 0

    def count(frame, event, result):
        nonlocal walked
        code = frame.f_code
        if event == "return" and code.co_name == "order_above" and "graph" in code.co_filename:
            walked += len(result)  # topological_order is order_above with nothing known

    sys.setprofile(count)
    try:
        found = [model.value(Derivative(f"x{n}", f"x{k}")) for k in range(n)]
    finally:
        sys.setprofile(None)
    assert found == [2.0 ** (n - k) for k in range(n)]  # by hand: 2 per link
    assert model.partials_taken == set()  # each computed, none taken from the page
    return walked


def test_derivatives_written_along_one_chain_share_one_walk_of_it():
    # each written ∂x_n/∂x_k once walked all of x_n's graph to ask whether x_k is in it:
    # n walks of n nodes (13,041 nodes at n = 80, 3,321 at n = 40); one walk serves them all
    small, large = nodes_walked(40), nodes_walked(80)
    assert large <= 2.2 * small
