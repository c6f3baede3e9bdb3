"""Real nbgrader autograde, through `python -m autograder demo`, of the demo's students and of ours: reference,
untouched release, every right answer and every wrong answer (one submission per round, each exercise filled
with its k-th answer), then grades.csv cell by cell and the feedback's scores and messages."""
import contextlib
import csv
import html
import io
import re

import nbformat
import pytest

from autograder import course, grading, mistakes, report, submissions
from autograder.grading import flags
from autograder.__main__ import main
from answers_catalogue import answers

pytestmark = pytest.mark.slow


def _round(kept, k, reference):
    """Every exercise filled with its k-th kept answer, or with the reference once its answers have run out (so no
    two submissions share an answer, which the report would flag as near-identical)."""
    return {e: answers[k].code if k < len(answers) else reference[e] for e, answers in kept.items()}


@pytest.fixture(scope="module")
def graded(course_copy):
    """Submit 'reference', 'untouched', 'right-<k>' and 'wrong-<k>' (enough rounds that every answer is sent
    once), then run the demo, which adds its own three students and grades everyone. Returns ({student:
    {assignment: {exercise: 'full' | 'zero' | 'less'}, or 'some' for part of the assignment's points}}, the
    scores, what the demo printed)."""
    expected = {}
    for assignment in course.assignments(course_copy):
        exercises = report.exercises(assignment, course_copy)
        kept = answers(assignment)
        ok = {e: [a for a in kept if a.exercise == e and a.correct] for e in exercises}
        bad = {e: [a for a in kept if a.exercise == e and not a.correct] for e in exercises}
        reference = submissions.reference_answers(assignment, course_copy)
        students = {"reference": (reference, dict.fromkeys(exercises, "full")),
                    "untouched": ({}, dict.fromkeys(exercises, "zero"))}
        for k in range(max(map(len, ok.values()))):
            students[f"right-{k}"] = (_round(ok, k, reference), dict.fromkeys(exercises, "full"))
        for k in range(max(map(len, bad.values()))):
            students[f"wrong-{k}"] = (_round(bad, k, reference),
                                      {e: "less" if k < len(bad[e]) else "full" for e in exercises})
        for student, (filled, outcome) in students.items():
            submissions.write_submission(course_copy, student, assignment, filled)
            expected.setdefault(student, {})[assignment] = outcome
        for student, outcome in zip(("demo-complete", "demo-partial", "demo-empty"), ("full", "some", "zero")):
            expected.setdefault(student, {})[assignment] = (
                outcome if outcome == "some" else dict.fromkeys(exercises, outcome))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--root", str(course_copy), "demo"])
    assert status == 0, "nbgrader could not grade a submission"
    return expected, report.scores(course_copy), printed.getvalue()


def _graded_cells(nb):
    """(exercise, graded cell) of a notebook: each graded cell belongs to the solution cell before it."""
    exercise = None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            exercise = meta["grade_id"]
        elif meta.get("grade") and meta.get("points"):
            yield exercise, cell


def _earned(root, student, assignment):
    """{exercise: points} as nbgrader's rule gives them, read from the autograded notebook: a graded test cell
    scores its points when it shows no error, else 0."""
    nb = nbformat.read(course.notebook_path("autograded", assignment, root, student), as_version=4)
    earned = {}
    for exercise, cell in _graded_cells(nb):
        failed = any(o.output_type == "error" for o in cell.get("outputs", []))
        earned[exercise] = earned.get(exercise, 0) + (0 if failed else float(cell.metadata.nbgrader.points))
    return earned


def _maxima(root, assignment):
    nb = nbformat.read(course.notebook_path("source", assignment, root), as_version=4)
    out = {}
    for exercise, cell in _graded_cells(nb):
        out[exercise] = out.get(exercise, 0) + float(cell.metadata.nbgrader.points)
    return out


def test_every_submission_scores_as_deserved(graded):
    expected, (columns, maxima, rows), _ = graded
    assert set(rows) == set(expected)
    for student, by_assignment in expected.items():
        for assignment, outcome in by_assignment.items():
            cols = [c for c in columns if c[0] == assignment]
            if outcome == "some":
                earned = sum(rows[student][c] for c in cols)
                assert 0 < earned < sum(maxima[c] for c in cols), f"{student} should score part of {assignment}"
                continue
            for column in cols:
                score, top = rows[student][column], maxima[column]
                where = f"{student} on {'/'.join(column)}: {score} of {top}"
                assert top > 0, f"{'/'.join(column)} carries no points"
                assert {"full": score == top, "zero": score == 0, "less": score < top}[outcome[column[1]]], where


def test_grades_csv_holds_every_score(graded, course_copy):
    """Every cell of grades.csv: the header, the (max) row from the source's points, each student's score per
    exercise from the autograded notebooks, and the totals."""
    expected, _, printed = graded
    with open(course.reports(course_copy) / "grades.csv") as f:
        table = list(csv.reader(f))
    assignments = course.assignments(course_copy)
    columns = [(a, e) for a in assignments for e in report.exercises(a, course_copy)]
    header = ["student", *(f"{a}/{e}" for a, e in columns), "total"]
    assert table[0][:len(header)] == header
    extra = table[0][len(header):]  # what grade adds after the scores (cells graded by hand)
    top = {(a, e): p for a in assignments for e, p in _maxima(course_copy, a).items()}
    want = {"(max)": [top[c] for c in columns]}
    for student, submitted in expected.items():  # an assignment not submitted scores 0
        earned = {a: _earned(course_copy, student, a) if a in submitted else {} for a in assignments}
        want[student] = [earned[a].get(e, 0) for a, e in columns]
    got = {}
    for row in table[1:]:
        got[row[0]] = [float(v) for v in row[1:len(header) - 1]]
        assert float(row[len(header) - 1]) == pytest.approx(sum(got[row[0]])), f"{row[0]}: wrong total"
        assert row[len(header):] == [""] * len(extra), f"{row[0]}: nothing was graded by hand"
    assert got == want
    assert [row[0] for row in table[1:]] == ["(max)", *sorted(expected)]
    for assignment in assignments:
        assert assignment in printed, f"the score table printed no block for {assignment}"


def test_right_answers_are_not_flagged(graded, course_copy):
    for (student, assignment), entries in flags.read(course_copy).items():
        # near-identical solutions are flagged across students; ours are alike by construction (a wrong answer is
        # often a right one with one mistake), so only the flags about the submission's own code count here
        own = [(kind, reason) for kind, reason in entries if not reason.startswith("near-identical solution")]
        if student.startswith("right-") or student == "reference":
            assert not own, f"a right submission was flagged: {student} / {assignment}: {own}"


def _letters(text):
    """Text as a page shows it, compared without ANSI colour codes and spacing (tags in the page split words)."""
    return "".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())


def test_feedback_shows_scores_and_each_failing_message(graded, course_copy):
    for student, assignment in grading.submissions(course_copy):
        page = course.notebook_path("feedback", assignment, course_copy, student).with_suffix(".html").read_text()
        text = _letters(html.unescape(re.sub(r"<[^>]+>", " ", page)))
        earned, top = _earned(course_copy, student, assignment), _maxima(course_copy, assignment)
        name = course.notebook_name(assignment, course_copy)[:-6]
        score = f"{name} (Score: {sum(earned.values()):.1f} / {sum(top.values()):.1f})"
        assert _letters(score) in text, f"{student}/{assignment}: the feedback does not say {score}"
        nb = nbformat.read(course.notebook_path("autograded", assignment, course_copy, student), as_version=4)
        for _, cell in _graded_cells(nb):
            for error in (o for o in cell.get("outputs", []) if o.output_type == "error"):
                message = f"{error.ename}: {error.evalue}"
                assert _letters(message) in text, f"{student}/{assignment}: the feedback lacks {message!r}"


def test_demo_reports_the_half_done_students_mistakes(graded, course_copy):
    """The class report names the half-done student among those who left exercises undone, in mistakes.csv and in
    the terminal section."""
    _, _, printed = graded
    with open(course.reports(course_copy) / mistakes.FILE, newline="") as f:
        rows = list(csv.DictReader(f))
    partial = [row for row in rows if "demo-partial" in row["who"].split()]
    assert partial, "mistakes.csv names no mistake of the half-done demo student"
    assert "demo-complete" not in " ".join(row["who"] for row in rows)
    assert "what the class got wrong" in printed
    for row in partial[:3]:
        assert row["exercise"] in printed
