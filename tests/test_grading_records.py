"""Workers grade in a course folder of their own (grading/snapshot.py) and the instructor records their results
(grading/record.py): what ends up in the gradebook, autograded/ and feedback/ is what `nbgrader autograde` and
`nbgrader generate_feedback` write, also when a submission graded before is graded again after an instructor
entered a score, extra credit, a comment and an extension by hand, and its timestamp changed."""
import datetime
import io
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

import grading_course as tiny
from autograder import course, grading
from autograder.grading import feedback

pytestmark = pytest.mark.slow


def _gradebook_rows(root):
    """Every value nbgrader's autograde writes or keeps for the course's submissions."""
    rows = {}
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for student in gradebook.students:
            for submission in student.submissions:
                for notebook in submission.notebooks:
                    rows[student.id, submission.name, notebook.name] = {
                        "timestamp": submission.timestamp, "extension": submission.extension,
                        "late penalty": notebook.late_submission_penalty,
                        "grades": {g.name: (g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                                   for g in notebook.grades},
                        "comments": {c.name: (c.auto_comment, c.manual_comment) for c in notebook.comments}}
    return rows


def _files(root, step, student):
    """{path: (content, permissions)} of a submission's folder; a notebook without the times its cells ran at."""
    folder = root / step / student / tiny.ASSIGNMENT
    return {str(p.relative_to(folder)): (_untimed(p) if p.suffix == ".ipynb" else p.read_bytes(),
                                         p.stat().st_mode & 0o777)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _untimed(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nbformat.writes(nb)


def test_a_regrade_records_what_nbgrader_records(tmp_path):
    ours = tiny.make_course(tmp_path / "ours")
    tiny.submit(ours, "alice", tiny.RIGHT)
    tiny.submit(ours, "bob", tiny.RIGHT)
    assert grading.autograde(ours, jobs=1, out=io.StringIO()) == []
    with Gradebook(course.api(ours).coursedir.db_url) as gradebook:  # an instructor's hand, in Formgrader
        gradebook.find_grade("test_double", "tiny", tiny.ASSIGNMENT, "bob").manual_score = 1.5
        gradebook.find_grade("test_total", "tiny", tiny.ASSIGNMENT, "bob").extra_credit = 0.5
        gradebook.find_comment("total", "tiny", tiny.ASSIGNMENT, "bob").manual_comment = "use torch.sum"
        gradebook.find_assignment(tiny.ASSIGNMENT).duedate = datetime.datetime(2026, 2, 27)
        gradebook.find_submission(tiny.ASSIGNMENT, "bob").extension = datetime.timedelta(days=2)
        gradebook.db.commit()
    tiny.submit(ours, "bob", tiny.WRONG_TOTAL)  # bob submits again, later
    (ours / "submitted" / "bob" / tiny.ASSIGNMENT / "timestamp.txt").write_text("2026-03-01 09:30:00.000000 UTC")
    (ours / "submitted" / "bob" / tiny.ASSIGNMENT / "notes.txt").write_text("bob's own file")
    tiny.submit(ours, "carol", tiny.WRONG_TOTAL)  # and a new student
    theirs = tmp_path / "theirs"
    shutil.copytree(ours, theirs)

    assert grading.autograde(ours, jobs=1, out=io.StringIO()) == []
    for student in ("bob", "carol"):
        assert course.api(theirs).autograde(tiny.ASSIGNMENT, student, force=True, create=True)["success"]
        assert feedback.generate(theirs, student, tiny.ASSIGNMENT)["success"]

    rows = _gradebook_rows(ours)
    assert rows == _gradebook_rows(theirs)
    bob = rows["bob", tiny.ASSIGNMENT, "tiny"]
    assert bob["grades"]["test_double"] == (2.0, 1.5, None, True), "the score entered by hand must stay"
    assert bob["grades"]["test_total"] == (0.0, None, 0.5, False) and bob["extension"] == datetime.timedelta(days=2)
    assert bob["comments"]["total"][1] == "use torch.sum"
    assert bob["timestamp"] == datetime.datetime(2026, 3, 1, 9, 30)  # late even with the extension
    for student in ("bob", "carol"):
        for step in ("autograded", "feedback"):
            assert _files(ours, step, student) == _files(theirs, step, student), f"{step}/{student} differs"
    page = (ours / "feedback" / "bob" / tiny.ASSIGNMENT / "tiny.html").read_text()
    assert "use torch.sum" in page and "notes.txt" in _files(ours, "feedback", "bob")
