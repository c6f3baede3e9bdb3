"""Real nbgrader autograde, through `python -m autograder demo`, of the demo's students and of ours:
reference, untouched release, right answers and wrong answers."""
import contextlib
import csv
import io

import pytest

from autograder import course, grading, report, submissions
from autograder.grading import flags
from autograder.__main__ import main
from answers_catalogue import answers

# submissions per assignment built from the k-th right (or wrong) answer of every exercise
RIGHT_ROUNDS = 2
WRONG_ROUNDS = 2


def _kth(kept, k):
    return kept[k % len(kept)].code


@pytest.fixture(scope="module")
def graded(course_copy):
    """Submit 'reference', 'untouched', 'right-<k>' and 'wrong-<k>', then run the demo,
    which adds its own three students and grades everyone."""
    expected = {"demo-complete": "full", "demo-partial": "some", "demo-empty": "zero"}
    for assignment in course.assignments(course_copy):
        exercises = report.exercises(assignment, course_copy)
        kept = answers(assignment)
        ok = {e: [a for a in kept if a.exercise == e and a.correct] for e in exercises}
        bad = {e: [a for a in kept if a.exercise == e and not a.correct] for e in exercises}
        students = {
            "reference": (submissions.reference_answers(assignment, course_copy), "full"),
            "untouched": ({}, "zero"),
            **{f"right-{k}": ({e: _kth(ok[e], k) for e in exercises}, "full") for k in range(RIGHT_ROUNDS)},
            **{f"wrong-{k}": ({e: _kth(bad[e], k) for e in exercises}, "less") for k in range(WRONG_ROUNDS)},
        }
        for student, (filled, outcome) in students.items():
            submissions.write_submission(course_copy, student, assignment, filled)
            expected[student] = outcome
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--root", str(course_copy), "demo"])
    assert status == 0, "nbgrader could not grade a submission"
    return expected, report.scores(course_copy), printed.getvalue()


def test_every_submission_scores_as_deserved(graded):
    expected, (columns, maxima, rows), _ = graded
    assert set(rows) == set(expected)
    for student, outcome in expected.items():
        if outcome == "some":
            earned = [rows[student][c] for c in columns]
            assert 0 < sum(earned) < sum(maxima.values()), f"{student} should score part of the points"
            continue
        for column in columns:
            score, top = rows[student][column], maxima[column]
            where = f"{student} on {'/'.join(column)}: {score} of {top}"
            assert top > 0, f"{'/'.join(column)} carries no points"
            if outcome == "full":
                assert score == top, where
            elif outcome == "zero":
                assert score == 0, where
            else:
                assert score < top, where


def test_grades_csv_and_table(graded, course_copy):
    expected, (columns, maxima, rows), printed = graded
    with open(course_copy / "grades.csv") as f:
        table = list(csv.DictReader(f))
    by_student = {row["student"]: row for row in table}
    assert set(by_student) == set(expected) | {"(max)"}
    assert float(by_student["reference"]["total"]) == sum(maxima.values())
    assert float(by_student["untouched"]["total"]) == 0
    for assignment in course.assignments():
        assert assignment in printed, f"the score table printed no block for {assignment}"


def test_right_answers_are_not_flagged(graded, course_copy):
    expected = graded[0]
    for (student, assignment), entries in flags.read(course_copy).items():
        if expected.get(student) == "full":
            assert not entries, f"a right submission was flagged: {student} / {assignment}: {entries}"


def test_feedback_is_written(graded, course_copy):
    for student, assignment in grading.submissions(course_copy):
        html = course.notebook_path("feedback", assignment, course_copy, student).with_suffix(".html")
        assert html.exists(), f"no feedback for {student} / {assignment}"
