"""nbgrader's exchange end to end on one machine, as a course on JupyterHub or a shared server uses it:
release_assignment -> the student's fetch_assignment and submit -> collect -> `python -m autograder grade` ->
release_feedback -> the student's fetch_feedback. Instructor and student have their own home and working
folders; the exchange is a temporary folder (Exchange.root). Both run as this account (nbgrader names the student
after it): the instructor's Python lives where another account may not read it."""
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder import course, grading, report, submissions
from autograder.__main__ import main

import leaks
from answers_catalogue import answers

COURSE_ID = "deep-learning-computation"
FULL, PARTLY = "01_layers_and_blocks", "03_custom_layers"


@pytest.fixture(scope="module")
def exchange_run():
    base = Path(tempfile.mkdtemp(prefix="exchange-test-"))
    try:
        yield _run(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _run(base):
    exchange, root = base / "exchange", base / "instructor" / "course"
    student_home, work = base / "student" / "home", base / "student" / "work"
    for folder in (exchange, root.parent / "home", student_home, work):
        folder.mkdir(parents=True)
    exchange.chmod(0o777)  # nbgrader's documented set-up: every account may write the exchange root

    # the instructor's course folder: the sources and the course's nbgrader_config.py
    shutil.copytree(course.ROOT / "source", root / "source")
    shutil.copyfile(course.ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    grading.release(root)
    option = f"--Exchange.root={exchange}"
    instructor_env = {**os.environ, "HOME": str(root.parent / "home")}

    def instructor(*args):
        return subprocess.run([sys.executable, "-m", "nbgrader", *args, option], cwd=root, env=instructor_env,
                              capture_output=True, text=True, check=True)

    def student(*args):
        env = {"PATH": os.environ["PATH"], "HOME": str(student_home), "LANG": "C.UTF-8"}
        return subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--course={COURSE_ID}", option], cwd=work,
                              env=env, capture_output=True, text=True, check=True)

    wrong = next(a for a in answers(PARTLY) if not a.correct)
    work_done = {FULL: submissions.reference_answers(FULL),
                 PARTLY: {**submissions.reference_answers(PARTLY), wrong.exercise: wrong.code}}
    for assignment, filled in work_done.items():
        instructor("release_assignment", assignment)
        student("fetch_assignment", assignment)
        path = work / assignment / course.notebook_name(assignment, root)
        nbformat.write(submissions.fill(nbformat.read(path, as_version=4), filled), path)  # the student's work
        student("submit", assignment)
        instructor("collect", assignment)
    assert main(["--root", str(root), "grade", "--jobs", "2"]) == 0
    for assignment in work_done:
        instructor("release_feedback", assignment)
        student("fetch_feedback", assignment)
    return root, work, pwd.getpwuid(os.getuid()).pw_name, wrong


def _feedback(work, assignment):
    (page,) = (work / assignment / "feedback").glob("*/*.html")
    return page


def _score(page):
    """The notebook's total from nbgrader's feedback page: '<name> (Score: 9.0 / 10.0)'."""
    match = re.search(r"\(Score: ([\d.]+) / ([\d.]+)\)", leaks.text(page))
    assert match, f"no score in {page}"
    return float(match[1]), float(match[2])


def test_submissions_reach_the_gradebook(exchange_run):
    root, _, student_id, _ = exchange_run
    columns, maxima, rows = report.scores(root)
    assert set(rows) == {student_id}
    full = [c for c in columns if c[0] == FULL]
    assert full and all(rows[student_id][c] == maxima[c] for c in full)


def test_fetched_feedback_holds_the_scores(exchange_run):
    root, work, student_id, wrong = exchange_run
    columns, maxima, rows = report.scores(root)
    for assignment in (FULL, PARTLY):
        earned = sum(rows[student_id][c] for c in columns if c[0] == assignment)
        top = sum(maxima[c] for c in columns if c[0] == assignment)
        assert _score(_feedback(work, assignment)) == (earned, top)
    assert _score(_feedback(work, FULL))[0] == _score(_feedback(work, FULL))[1]
    assert _score(_feedback(work, PARTLY))[0] < _score(_feedback(work, PARTLY))[1], f"{wrong} lost no points"


def test_fetched_feedback_shows_no_hidden_test(exchange_run):
    _, work, _, _ = exchange_run
    pages = [_feedback(work, assignment) for assignment in (FULL, PARTLY)]
    found = leaks.leaks(pages, leaks.secret_lines(solutions=False))
    assert not found, f"the student's feedback shows hidden tests or checks: {found[:5]}"
