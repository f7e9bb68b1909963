# %% [markdown]
# # 6. Grading a class
#
# A teacher sets one step of backpropagation by hand and gets a folder of worksheets back.
# `autograd.grade` checks every line of every worksheet against the key, turns the verdicts
# into marks with a rubric, and says what the class got wrong and *where in the
# calculation* the errors start. Here the class is made up: thirty students who each hand in
# the key's working as a careful student writes it, in one of four notations (one renames
# the forward pass `out_z`, `out_a`: the grader finds them by their place in the graph), most
# with one realistic slip planted (`autograd.grade.classroom`).

# %%
import tempfile
from collections import Counter
from pathlib import Path

from IPython.display import HTML, Markdown, display

from autograd.grade import Reference, Rubric, grade_class, write
from autograd.grade.classreport import stage_counts
from autograd.grade.classroom import PROBLEM, classroom, write_class
from autograd.grade.gradebook import feedback_markdown, misconceptions

print(PROBLEM)

# %% [markdown]
# The problem is the key: `solve` works it out, and every quantity it asks for gets a point
# (the default rubric: forward pass, loss, local derivatives, chain rule and updates, one
# point each; a given copied wrong costs a point; with follow-through, a line that is right
# given the student's own earlier slip is *carried* and keeps its point).

# %%
folder = Path(tempfile.mkdtemp())
students = classroom(PROBLEM, 30, seed=6)
write_class(students, folder / "submissions")
(folder / "problem.txt").write_text(PROBLEM, encoding="utf-8")
key = Reference.from_file(folder / "problem.txt")
print([q.name for q in key.parts[0].quantities if Rubric().points_for(q.name, q.kind)])
print(Counter(s.slip or "clean" for s in students))

# %% [markdown]
# Grading runs in worker processes, one per core, each submission with a time limit; a file
# that cannot be read gets its own row and never stops the batch.

# %%
grades = grade_class(folder / "submissions", key, Rubric(), jobs=2)
for g in grades[:8]:
    print(f"{g.student}  {g.score:g}/{g.max_score:g}  slips: "
          + ("; ".join(f"line {s.line} {s.quantity}: {s.kind}" for s in g.slips) or "none")
          + (f"  carried: {g.carried}" if g.carried else ""))

# %% [markdown]
# What the class got wrong, most frequent first, and where each student's errors start:

# %%
rows = misconceptions(grades)
table = ["slip | quantity | step | students", "--- | --- | --- | ---"]
table += [f"{r['slip']} | {r['quantity']} | {r['stage']} | {r['students']}" for r in rows]
display(Markdown("\n".join(table)))
print(stage_counts(grades))

# %% [markdown]
# Each student gets feedback (Markdown and HTML): the checker's own report of the sheet,
# then what the key shows and the points. Here the one who copied a weight wrong and carried
# it through the whole calculation: the sheet agrees with itself, so the checker finds no
# error; against the key the given is the one slip, and what follows from it is carried:

# %%
miscopied = next(g for g, s in zip(grades, students) if s.slip == "given")
display(Markdown(feedback_markdown(miscopied)))

# %% [markdown]
# `write` puts it all in a folder: `grades.csv` (safe to open in a spreadsheet),
# `misconceptions.csv`, `feedback/`, `grading.json` (the package version and the rubric's
# hash) and `class-report.html`, shown below. The same from the command line:
# `python -m autograd grade submissions/ --key problem.txt -o grades/`.

# %%
written = write(grades, folder / "grades", "problem.txt", Rubric())
print(sorted(p.name for p in written if p.parent == folder / "grades"))
display(HTML((folder / "grades" / "class-report.html").read_text(encoding="utf-8")))
