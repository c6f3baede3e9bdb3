"""Every instructor path is as safe as `grade`: nbgrader's own commands (what Formgrader's buttons call) on a graded
course with a hostile submission, `nbgrader export` next to the course's reports, manual grades entered through
nbgrader's API, and targeted and incremental grading."""
import contextlib
import csv
import hashlib
import html
import io
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import course, report, submissions
from autograder.__main__ import main
from autograder.grading import flags, nbgrader_hooks, sandbox
import dask_processes
from grading_course import ASSIGNMENT, HIDDEN_DOUBLE, HIDDEN_TOTAL, MAXIMA, NOTEBOOK, RIGHT, WRONG_TOTAL, \
    make_course, source_notebook, submit

pytestmark = pytest.mark.slow
SECOND = "02_tiny"  # a second assignment: the same notebook under another id
NBGRADER = str(Path(sys.executable).parent / "nbgrader")
STUDENTS = {"right-1": RIGHT, "wrong-total": WRONG_TOTAL, "sandbox-probe": RIGHT}


def _grade(root, *flags_):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--root", str(root), "grade", "--jobs", "2", *flags_])
    assert status == 0, printed.getvalue()
    return printed.getvalue()


def _executed(printed):
    """The submissions a run executed, from its progress lines ('... — student/assignment')."""
    return sorted(line.rsplit("— ", 1)[1] for line in printed.splitlines() if " graded, " in line)


def _grades_csv(root):
    with open(course.reports(root) / "grades.csv", newline="") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


def _nbgrader(root, *args):
    """A real nbgrader command in the course folder, as Formgrader runs it: (exit status, its output)."""
    run = subprocess.run([NBGRADER, *args], cwd=root, capture_output=True, text=True, timeout=600)
    return run.returncode, run.stdout + run.stderr


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A course of two assignments, graded once: right, wrong and hostile submissions."""
    root = tmp_path_factory.mktemp("instructor")
    path = root / "source" / SECOND / NOTEBOOK
    path.parent.mkdir(parents=True)
    nbformat.write(source_notebook(), path)
    make_course(root)
    shutil.copy(course.ROOT / "nbgrader_config.py", root)  # plain `nbgrader` commands read it from the course folder
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    for student, answers in STUDENTS.items():
        submit(root, student, answers)
        (root / "submitted" / student / SECOND).mkdir(parents=True)
        shutil.copy(root / "submitted" / student / ASSIGNMENT / NOTEBOOK, root / "submitted" / student / SECOND)
    probe = root / "submitted" / "sandbox-probe" / ASSIGNMENT / NOTEBOOK
    nb = nbformat.read(probe, as_version=4)
    probes = {"read-gradebook": f"open({str(root / 'gradebook.db')!r}, 'rb').read()",
              "connect": f"import socket\nsocket.create_connection(('127.0.0.1', {listener.getsockname()[1]}), "
                         "timeout=3)"}
    nb.cells[4:4] = [nbformat.v4.new_code_cell(code, metadata={"probe": name}) for name, code in probes.items()]
    nbformat.write(nb, probe)
    printed = _grade(root)
    yield root, printed
    listener.close()


def _checks_lines():
    """Lines of the hidden checks' source long enough to be telling, as they would appear in HTML."""
    lines = set()
    for path in (course.ROOT / "autograder" / "checks").glob("*.py"):
        lines |= {html.escape(line.strip()) for line in path.read_text().splitlines() if len(line.strip()) >= 30}
    hidden = [line.strip() for text in (HIDDEN_DOUBLE, HIDDEN_TOTAL) for line in text.splitlines()]
    return lines | {html.escape(line) for line in hidden if line}


def _assert_feedback_clean(root):
    pages = sorted(Path(root, "feedback").rglob("*.html"))
    assert len(pages) == 2 * len(STUDENTS)
    secret = _checks_lines()
    for page in pages:
        text = page.read_text()
        leaked = [line for line in secret if line in text]
        assert not leaked, f"{page} holds lines of hidden tests or checks: {leaked[:3]}"


def test_nbgrader_generate_feedback_and_autograde_are_safe(graded):
    root, _ = graded
    _generate_feedback(root)
    assert "total(x) must add up all elements (hidden check)" in course.notebook_path(
        "feedback", ASSIGNMENT, root, "wrong-total").with_suffix(".html").read_text()

    status, log = _nbgrader(root, "autograde", ASSIGNMENT, "--student", "sandbox-probe", "--force")
    if status:  # refused: it must say what to run instead
        assert "python -m autograder grade" in log, log
    else:  # executed in the sandbox: the probes failed, the rest was graded
        nb = nbformat.read(course.notebook_path("autograded", ASSIGNMENT, root, "sandbox-probe"), as_version=4)
        errors = {c.metadata["probe"]: [o.ename for o in c.outputs if o.output_type == "error"]
                  for c in nb.cells if "probe" in c.metadata}
        assert errors["read-gradebook"] in (["FileNotFoundError"], ["PermissionError"]), errors
        assert errors["connect"] and errors["connect"][0] in ("ConnectionRefusedError", "OSError", "TimeoutError")
        with Gradebook(course.api(root).coursedir.db_url) as gradebook:
            submission = gradebook.find_submission(ASSIGNMENT, "sandbox-probe")
            assert submission.score == sum(MAXIMA.values())
    _generate_feedback(root)


def _generate_feedback(root):
    """`nbgrader generate_feedback` (Formgrader's Generate Feedback button) of every assignment; no page may hold
    a line of a hidden test or of a check."""
    for assignment in (ASSIGNMENT, SECOND):
        status, log = _nbgrader(root, "generate_feedback", assignment, "--force")
        assert status == 0, log
    _assert_feedback_clean(root)


def test_nbgrader_autograde_refuses_without_the_sandbox(monkeypatch):
    monkeypatch.setattr(sandbox, "protection", lambda: ("limits-only", "no bubblewrap"))
    with pytest.raises(RuntimeError, match=r"python -m autograder grade"):
        nbgrader_hooks.ExecuteInSandbox().preprocess(nbformat.v4.new_notebook(), {})


def test_nbgrader_export_leaves_the_reports_alone(graded):
    root, _ = graded
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in course.reports(root).iterdir()}
    assert {"grades.csv", "flags.csv", "grades.png"} <= set(before)
    status, log = _nbgrader(root, "export")
    assert status == 0, log
    assert Path(root, "grades.csv").exists(), "nbgrader export wrote no grades.csv of its own"
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in course.reports(root).iterdir()} == before


def test_manual_grades_are_kept_and_marked(graded):
    root, _ = graded
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:  # what Formgrader writes
        gradebook.find_grade("test_double", "tiny", ASSIGNMENT, "right-1").manual_score = 1.0
        gradebook.find_grade("test_total", "tiny", ASSIGNMENT, "wrong-total").extra_credit = 0.5
        gradebook.find_comment("total", "tiny", ASSIGNMENT, "wrong-total").manual_comment = "see the docs of sum"
        gradebook.db.commit()
    printed = _grade(root, "--student", "right-1", "--student", "wrong-total", "--assignment", ASSIGNMENT, "--force")
    assert _executed(printed) == [f"right-1/{ASSIGNMENT}", f"wrong-total/{ASSIGNMENT}"]
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        grade = gradebook.find_grade("test_double", "tiny", ASSIGNMENT, "right-1")
        assert (grade.manual_score, grade.auto_score, grade.score) == (1.0, 2.0, 1.0)
    rows = _grades_csv(root)
    assert float(rows["right-1"][f"{ASSIGNMENT}/double"]) == 1.0
    assert f"{ASSIGNMENT}/test_double: 1 of 2 by hand (autograded 2)" in rows["right-1"]["manual"]
    assert "+0.5 extra credit" in rows["wrong-total"]["manual"]
    assert "see the docs of sum" in rows["wrong-total"]["manual"]
    assert rows["sandbox-probe"]["manual"] == ""
    reviews = [r for kind, r in flags.read(root)["right-1", ASSIGNMENT] if kind == flags.REVIEW]
    assert any(r.startswith(report.MANUAL_OVERRIDE) and "test_double" in r for r in reviews), reviews
    assert "right-1 / 01_tiny: manual score overrides the checks" in printed
    assert "graded partly by hand" in printed and "* graded partly by hand" in printed
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:  # back to full marks: no more review
        gradebook.find_grade("test_double", "tiny", ASSIGNMENT, "right-1").manual_score = 2.0
        gradebook.db.commit()
    _grade(root)
    assert not any(r.startswith(report.MANUAL_OVERRIDE) for lines in flags.read(root).values() for _, r in lines)


def test_grade_skips_unchanged_submissions(graded):
    root, _ = graded
    printed = _grade(root)
    assert _executed(printed) == [] and "6 of 6 submissions unchanged" in printed
    assert set(_grades_csv(root)) == {"(max)", *STUDENTS}, "the report must cover every student"
    changed = submissions.write_submission(root, "right-1", SECOND, WRONG_TOTAL)  # handed in again, worse
    printed = _grade(root)
    assert _executed(printed) == [f"right-1/{SECOND}"]
    rows = _grades_csv(root)
    assert set(rows) == {"(max)", *STUDENTS}
    assert float(rows["right-1"][f"{SECOND}/total"]) == 0.0 and float(rows["right-1"][f"{SECOND}/double"]) == 2.0
    changed.with_name("data.txt").write_text("a file beside the notebook counts too")
    assert _executed(_grade(root)) == [f"right-1/{SECOND}"]
    assert ("sandbox-probe", ASSIGNMENT) in flags.read(root), "flags of submissions not graded again were lost"


def test_grade_one_student_or_one_assignment(graded):
    root, _ = graded
    printed = _grade(root, "--student", "right-1", "--force")
    assert _executed(printed) == [f"right-1/{ASSIGNMENT}", f"right-1/{SECOND}"]
    printed = _grade(root, "--assignment", SECOND, "--force")
    assert _executed(printed) == [f"{s}/{SECOND}" for s in sorted(STUDENTS)]
    assert set(_grades_csv(root)) == {"(max)", *STUDENTS}
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        assert main(["--root", str(root), "grade", "--student", "nobody"]) == 2
    assert "no submission under submitted/ for student nobody" in printed.getvalue()


@pytest.fixture
def scheduler_with_other_checks(tmp_path):
    """A `dask scheduler` and one `dask worker` whose own `autograder.checks` differ from the instructor's: it
    imports the package from a copy (PYTHONPATH) whose checks fail every hidden test."""
    copy = tmp_path / "worker-env"
    shutil.copytree(course.ROOT / "autograder", copy / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / "autograder" / "checks" / "_support.py", "a") as f:
        f.write("\nraise CheckFailed('these are the worker's own checks, not the instructor's')\n")
    with dask_processes.cluster(tmp_path, worker_env={**os.environ, "PYTHONPATH": str(copy)}) as (address, _):
        yield address, copy


def test_workers_grade_with_the_instructors_checks(tmp_path, scheduler_with_other_checks):
    address, copy = scheduler_with_other_checks
    sources = {str(p.relative_to(copy / "autograder")): p.read_bytes()
               for p in [copy / "autograder" / "__init__.py", *sorted((copy / "autograder" / "checks").glob("*.py"))]}
    assert sandbox.checks_digest(sources) != sandbox.checks_digest(sandbox.checks_sources())
    root = make_course(tmp_path / "course")
    for student, answers in (("right-1", RIGHT), ("wrong-total", WRONG_TOTAL)):
        submit(root, student, answers)
    local = tmp_path / "local"
    shutil.copytree(root, local)
    _grade(local, "--no-feedback")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = main(["--root", str(root), "grade", "--scheduler", address, "--no-feedback"])
    printed = printed.getvalue()
    assert f"on the Dask cluster at {address}: 1 workers" in printed and "kernels: " in printed, printed
    # the instructor's checks travel with the work: the worker grades with them, never silently with its own (a
    # worker that kept its own would be refused: "ran the notebook with other hidden checks")
    assert status == 0, printed
    assert report.scores(root) == report.scores(local)
    assert _grades_csv(root)["right-1"]["total"] == str(int(sum(MAXIMA.values())))
