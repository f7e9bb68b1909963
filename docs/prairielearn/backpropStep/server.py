# The question's server code: the worksheet is checked line by line and graded against the
# problem in problem.txt (the course's image needs chainrule-autograd installed). A worksheet of
# more than 1,000 lines, or whose grading takes more than 5 s (time_limit=), scores 0 and is
# told why.
from pathlib import Path

from autograd.grade.prairielearn import grade_question

KEY = Path(__file__).with_name("problem.txt")


def grade(data):
    grade_question(data, KEY)
