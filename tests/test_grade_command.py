"""`python -m autograder grade` as a command: its exit status (1 when a submission cannot be graded, 0 otherwise),
`--no-feedback`, and folders that are not assignments (a stray folder in release/ with no source)."""
import contextlib
import csv
import io

import pytest

from autograder import course
from autograder.__main__ import main
from grading_course import ASSIGNMENT, RIGHT, make_course, submit

pytestmark = pytest.mark.slow


def _grade(root, *flags):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), "grade", "--jobs", "1", *flags])
    return status, out.getvalue(), err.getvalue()


def test_exit_status_no_feedback_and_stray_folders(tmp_path):
    root = make_course(tmp_path)
    stray = root / "release" / "00_withdrawn"  # left behind when its source was removed
    stray.mkdir()
    (stray / "withdrawn.ipynb").write_text((root / "release" / ASSIGNMENT / "tiny.ipynb").read_text())
    submit(root, "alice", RIGHT)
    ghost = root / "submitted" / "bob" / "00_withdrawn"  # a submission nobody can grade: no such assignment
    ghost.mkdir(parents=True)
    (ghost / "withdrawn.ipynb").write_text("{}")

    status, printed, errors = _grade(root, "--no-feedback")
    assert status == 1, f"grade must exit 1 when a submission cannot be graded:\n{printed}\n{errors}"
    assert "bob / 00_withdrawn" in errors, errors
    assert not (root / "feedback").exists(), "--no-feedback wrote feedback"
    with open(course.reports(root) / "grades.csv") as f:
        table = list(csv.reader(f))
    assert table[0][:4] == ["student", f"{ASSIGNMENT}/double", f"{ASSIGNMENT}/total", "total"], (
        "only assignments with a source are columns")
    assert table[1][:4] == ["(max)", "2", "1", "3"] and table[2][:4] == ["alice", "2", "1", "3"]

    (ghost / "withdrawn.ipynb").unlink()
    ghost.rmdir()
    status, printed, errors = _grade(root)
    assert status == 0, f"grade must exit 0 when every submission was graded:\n{printed}\n{errors}"
    assert course.notebook_path("feedback", ASSIGNMENT, root, "alice").with_suffix(".html").exists()


def test_exit_status_when_nbgrader_cannot_grade_a_submission(tmp_path):
    root = make_course(tmp_path)
    submit(root, "alice", RIGHT)
    submit(root, "carol", RIGHT)
    (root / "submitted" / "carol" / ASSIGNMENT / "timestamp.txt").write_text("not a time")  # nbgrader refuses it
    status, printed, errors = _grade(root, "--no-feedback")
    assert status == 1 and "carol / " + ASSIGNMENT in errors, f"{printed}\n{errors}"
    assert "nbgrader failed in get_existing_timestamp" in errors, errors
    with open(course.reports(root) / "grades.csv") as f:
        rows = {row[0]: row[1:4] for row in csv.reader(f)}
    assert rows["alice"] == ["2", "1", "3"], "the other submission must still be graded"


def test_release_folder_holds_only_assignments_with_a_source():
    released = sorted(p.name for p in (course.ROOT / "release").iterdir() if p.is_dir())
    assert released == course.assignments(), (
        "release/ holds a folder with no source/ (remove it, then run python -m autograder release)")
