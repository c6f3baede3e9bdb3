"""Feedback rendered on the workers (worker_feedback) is what nbgrader's own generate_feedback writes, byte for
byte, with the same files beside it; manual grades and comments entered afterwards show up in it too."""
import io
import stat

from nbgrader.api import Gradebook

import grading_course as tiny
from autograder import course, grading
from autograder.grading import feedback, worker_feedback


def _folder(root, student):
    folder = root / "feedback" / student / tiny.ASSIGNMENT
    return {str(p.relative_to(folder)): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_worker_feedback_is_nbgraders(tmp_path):
    root = tiny.make_course(tmp_path)
    tiny.submit(root, "alice", tiny.RIGHT)
    tiny.submit(root, "bob", tiny.WRONG_TOTAL)
    (root / "submitted" / "bob" / tiny.ASSIGNMENT / "notes.txt").write_text("bob's own file")
    assert grading.autograde(root, jobs=1, out=io.StringIO()) == []
    rendered = {s: _folder(root, s) for s in ("alice", "bob")}
    assert "notes.txt" in rendered["bob"] and "tiny.html" in rendered["bob"]
    for student in ("alice", "bob"):
        assert feedback.generate(root, student, tiny.ASSIGNMENT)["success"]
        assert _folder(root, student) == rendered[student], student
    assert b"torch.arange(5.0)" not in rendered["bob"]["tiny.html"][0]  # a hidden test line

    # a grade and a comment entered by hand after grading: nbgrader's GetGrades reads them, so must `grades`
    api = course.api(root)
    with Gradebook(api.coursedir.db_url) as gradebook:
        grade = gradebook.find_grade("test_total", "tiny", tiny.ASSIGNMENT, "bob")
        grade.manual_score = 0.5
        gradebook.find_comment("total", "tiny", tiny.ASSIGNMENT, "bob").manual_comment = "use torch.sum"
        gradebook.db.commit()
        text = (root / "autograded" / "bob" / tiny.ASSIGNMENT / tiny.NOTEBOOK).read_text()
        job = worker_feedback.job(api.config, "bob", tiny.ASSIGNMENT, "tiny", text,
                                  worker_feedback.grades(gradebook, "bob", tiny.ASSIGNMENT, "tiny"),
                                  api.coursedir.db_url)
    html = worker_feedback.render(job)
    assert feedback.generate(root, "bob", tiny.ASSIGNMENT)["success"]
    assert html == (root / "feedback" / "bob" / tiny.ASSIGNMENT / "tiny.html").read_text()
    assert "use torch.sum" in html and "2.5 / 3.0" in html
