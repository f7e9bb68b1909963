"""Whole-matrix computations as pages publish them: each component of each matrix expression
read as a scalar link that the engine recomputes and judges. Each page is small and in a
style of its own; the expected numbers are worked by hand (or in plain Python here)."""

from pages import chains

from autograd.audit import check_text

# u⁽¹⁾ = V⁽¹⁾x + c⁽¹⁾ with x = (2, −1), V⁽¹⁾ = ((0.5, 1.5), (−2, 0.25)), c⁽¹⁾ = (0.1, 0.2):
# u1 = 0.5·2 + 1.5·(−1) + 0.1 = −0.4, u2 = −2·2 + 0.25·(−1) + 0.2 = −4.05
GIVENS = (
    "Given $\\mathbf{x} = \\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}$, "
    "$\\mathbf{V}^{(1)} = \\begin{pmatrix} 0.5 & 1.5 \\\\ -2 & 0.25 \\end{pmatrix}$ and "
    "$\\mathbf{c}^{(1)} = \\begin{pmatrix} 0.1 \\\\ 0.2 \\end{pmatrix}$.\n\n"
    "$$ \\mathbf{u}^{(1)} = \\mathbf{V}^{(1)}\\mathbf{x} + \\mathbf{c}^{(1)} $$\n\n"
)


def checks(page: str) -> list[tuple[int, str, str, str]]:
    report = check_text(page, markdown=True)
    return [(c.line, c.quantity, c.written, c.verdict) for p in report.parts for c in p.checks]


def test_a_numbered_list_under_a_matrix_is_the_working_of_each_component():
    page = GIVENS + (
        "Entry by entry:\n"
        "1) $0.5 \\times 2 + 1.5 \\times (-1) + 0.1 = -0.4$\n"
        "2) $-4 + 0.25 + 0.2 = -3.55$\n"  # the sign of 0.25·(−1) lost: −4.05
    )
    found = checks(page)
    assert (6, "u1⁽1⁾", "−0.4", "match") in found
    assert (6, "V12⁽1⁾", "1.5", "match") in found  # the numbers put in, each judged
    (error,) = [c for c in found if c[3] == "error"]
    assert error[:2] == (7, "u2⁽1⁾") and error[2] == "−4 + 0.25 + 0.2"


def test_a_list_of_another_length_or_far_from_the_matrix_is_left_as_written():
    three = GIVENS + "1. $1 - 1.5 + 0.1 = -0.4$\n2. $-4 - 0.25 + 0.2 = -4.05$\n3. $1 + 1 = 2$\n"
    far = GIVENS + "Some words.\n\nMore words here.\n\n1. $1 - 1.5 + 0.1 = -0.4$\n" \
        "2. $-4 - 0.25 + 0.2 = -4.05$\n"
    for page in (three, far):
        assert "1 − 1.5 + 0.1 = −0.4" in chains(page)
        assert not any(c.startswith("u1⁽1⁾ = 1 − 1.5") for c in chains(page))


def test_an_item_that_names_its_quantity_keeps_its_own_name():
    page = GIVENS + "1. $u_1 = 1 - 1.5 + 0.1 = -0.4$\n2. $-4 - 0.25 + 0.2 = -4.05$\n"
    assert "u1 = 1 − 1.5 + 0.1 = −0.4" in chains(page)


def test_a_fraction_whose_backslash_the_post_lost_is_a_fraction():
    # the components of softmax over (0, ln 3): 1/4 and 3/4
    page = (
        "$$ \\mathbf{p} = \\begin{bmatrix} \\frac{1}{4} \\\\ \\frac{3}{4} \\end{bmatrix} $$\n\n"
        "1. $frac{1}{4} = 0.25$\n2. $frac{3}{4} = 0.65$\n"
    )
    found = checks(page)
    assert (3, "p1", "0.25", "match") in found
    assert (4, "p2", "0.65", "error") in found


def test_a_list_that_works_out_other_numbers_is_not_the_components_working():
    # Z = (0.5, 0.3), then "Doubling each entry": 0.5 × 2 = 1.0 and 0.3 × 2 = 0.6 were read
    # as Z1 = 0.5 × 2 = 1.0 and Z2 = 0.3 × 2 = 0.6, and the page's right Z1 = 0.5 and Z2 = 0.3
    # flagged 'a factor 2 missing'; an item is a component's working when it ends in the number
    # the component is written with
    page = (
        "$$\nZ = \\begin{bmatrix} 0.5 \\\\ 0.3 \\end{bmatrix}\n$$\n\nDoubling each entry:\n\n"
        "1. $0.5 \\times 2 = 1.0$\n2. $0.3 \\times 2 = 0.7$\n"
    )
    found = checks(page)
    assert not [c for c in found if c[1].startswith("Z") and c[3] == "error"], found
    assert (8, "0.3 · 2", "0.7", "error") in found  # the list's own slip, on its line
    assert "Z1 = 0.5 · 2 = 1.0" not in chains(page)


def test_entries_of_a_matrix_of_eleven_rows_and_columns_keep_apart():
    # W's (1, 11) and (11, 1) were both W111: 'W111 is written with different values' and
    # z1 judged with the wrong one. W is 0 but for W(1, 11) = 1 and W(11, 1) = 2; x all ones:
    # z1 = 1, z11 = 2, the others 0, by hand
    rows = [["0"] * 11 for _ in range(11)]
    rows[0][10], rows[10][0] = "1", "2"
    z = ["1", *["0"] * 9, "2"]
    matrix = " \\\\ ".join(" & ".join(r) for r in rows)
    column = lambda values: " \\\\ ".join(values)  # noqa: E731
    page = (
        f"$$\nW = \\begin{{bmatrix}} {matrix} \\end{{bmatrix}}\n$$\n\n"
        f"$$\nx = \\begin{{bmatrix}} {column(['1'] * 11)} \\end{{bmatrix}}\n$$\n\n"
        f"$$\nz = W x = \\begin{{bmatrix}} {column(z)} \\end{{bmatrix}}\n$$\n"
    )
    report = check_text(page, markdown=True)
    assert not [c for p in report.parts for c in p.errors()]
    assert not [t for p in report.parts for t in p.contradictions]


def test_each_entry_of_a_product_written_out_is_judged_on_its_own_row():
    page = (
        "Let $M = \\begin{pmatrix} 1 & -2 \\\\ 0.5 & 3 \\end{pmatrix}$, "
        "$v = \\begin{pmatrix} 4 \\\\ 1 \\end{pmatrix}$, "
        "$c = \\begin{pmatrix} 0.5 \\\\ -1 \\end{pmatrix}$.\n\n"
        "$$ h = M v + c $$\n\n"
        "$$\nh = \\begin{pmatrix}\n1 & 2 \\\\\n0.5 & 3\n\\end{pmatrix} \\begin{pmatrix}\n"
        "4 \\\\\n1\n\\end{pmatrix} + \\begin{pmatrix}\n0.5 \\\\\n-1\n\\end{pmatrix}\n$$\n"
    )
    found = checks(page)
    (error,) = [c for c in found if c[3] == "error"]
    assert error[:3] == (7, "M12", "2")  # −2 copied as 2, on the row it is written on
    assert (8, "M21", "0.5", "match") in found
    assert (10, "v1", "4", "match") in found
    assert (14, "c2", "−1", "match") in found


def test_a_function_of_each_entry_is_judged_on_the_row_of_its_entry():
    # a = relu(z) with z = (1.5, −2): (1.5, 0); max(0, −2) written 2 on the second row
    page = (
        "$\\mathbf{z} = [1.5, -2]$\n\n"
        "$$\n\\mathbf{a} = \\mathrm{ReLU}(\\mathbf{z}) = \\begin{bmatrix}\n"
        "\\max(0, 1.5) \\\\\n\\max(0, -2)\n\\end{bmatrix} = \\begin{bmatrix}\n1.5 \\\\\n2\n"
        "\\end{bmatrix}\n$$\n"
    )
    found = checks(page)
    assert [c[0] for c in found if c[2] == "max(0, −2)"] == [6]
    assert [c[:2] for c in found if c[3] == "error"] == [(9, "a2")]
    assert (5, "a1", "max(0, 1.5)", "match") in found
