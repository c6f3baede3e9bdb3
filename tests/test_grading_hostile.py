"""One `grade --jobs 2` run of the hostile catalogue together with correct submissions (tests/hostile/).

Proves: each bad submission gets exactly what it deserves (and a flag where one is promised), correct ones keep
full marks, nothing outside the student's own output changes, no process is left behind, the sandbox stops reads,
connections and memory grabs while the rest of the notebook is graded, and feedback shows scores and failure
messages but no hidden test code.
"""
import contextlib
import hashlib
import html
import io
import os
import re
import socket
import sqlite3
from pathlib import Path

import nbformat
import psutil
import pytest

from autograder import course, report
from autograder.__main__ import main
from autograder.grading import flags, sandbox, submissions
from grading_course import ASSIGNMENT, HIDDEN_DOUBLE, HIDDEN_TOTAL, MAXIMA, RIGHT, WRONG_TOTAL, make_course, submit
from hostile.catalogue import CATALOGUE, HIDDEN_TEXT_ROUTES

pytestmark = pytest.mark.slow
CORRECT = ("right-1", "right-2")


def _hashes(root, *parts):
    base = Path(root, *parts)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file()}


def _probe(root, listener_port):
    """A right submission with extra cells that attack the sandbox, each on its own."""
    path = submit(root, "sandbox-probe", RIGHT)
    nb = nbformat.read(path, as_version=4)
    attacks = {
        "read-gradebook": f"open({str(Path(root, 'gradebook.db'))!r}, 'rb').read()",
        "list-other-student": f"import os\nos.listdir({str(Path(root, 'submitted', 'right-1'))!r})",
        "connect": f"import socket\nsocket.create_connection(('127.0.0.1', {listener_port}), timeout=3)",
        "memory": "x = bytearray(6 << 30)",
        "list-sandbox-folders": "import os\nprint(os.listdir(os.path.dirname(os.path.dirname(os.getcwd()))))",
        "temporary-file": "import tempfile\nwith tempfile.NamedTemporaryFile() as f:\n    f.write(b'allowed')",
    }
    cells = [nbformat.v4.new_code_cell(code, metadata={"probe": name}) for name, code in attacks.items()]
    nb.cells[4:4] = cells  # after the `double` test cell, before `total`
    nbformat.write(nb, path)
    return list(attacks)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("hostile"))
    for student in CORRECT:
        submit(root, student, RIGHT)
    submit(root, "wrong-total", WRONG_TOTAL)
    for name, (build, _, _) in CATALOGUE.items():
        build(root, name)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    attacks = _probe(root, listener.getsockname()[1])
    protected = {part: _hashes(root, part) for part in ("source", "release")}
    others = {s: _hashes(root, "submitted", s) for s in (*CORRECT, "wrong-total")}
    gradebook = Path(root, "gradebook.db")
    rows = _rows(gradebook)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--root", str(root), "grade", "--jobs", "2", "--timeout", "5", "--memory", "2048"])
    listener.close()
    return dict(root=root, status=status, printed=printed.getvalue(), protected=protected, others=others,
                attacks=attacks, gradebook=gradebook, rows=rows)


def _rows(gradebook):
    """Every row of every table of an nbgrader gradebook, as {table: set of rows}."""
    with contextlib.closing(sqlite3.connect(gradebook)) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: set(db.execute(f"SELECT * FROM {table}")) for table in tables}


def _scores(root):
    columns, _, rows = report.scores(root)
    return {s: {e: row[a, e] for a, e in columns} for s, row in rows.items()}


def test_every_submission_gets_what_it_deserves(hostile_run):
    assert hostile_run["status"] == 0, hostile_run["printed"]
    scores = _scores(hostile_run["root"])
    found = flags.read(hostile_run["root"])
    for student in CORRECT:
        assert scores[student] == MAXIMA, f"{student} lost points next to hostile submissions"
    assert scores["wrong-total"] == {"double": 2.0, "total": 0.0}
    wrong = {name: scores[name] for name, (_, deserved, _) in CATALOGUE.items() if scores[name] != deserved}
    assert wrong == {}, f"scored other than deserved (deserved: { {n: CATALOGUE[n][1] for n in wrong} })"
    for name, (_, _, must_flag) in CATALOGUE.items():
        lines = found.get((name, ASSIGNMENT), [])
        assert lines, f"{name} has no line in the report"
        if must_flag:
            assert any(kind == flags.REVIEW for kind, _ in lines), f"{name} should be flagged for a human"
    for student in (*CORRECT, "wrong-total"):
        assert (student, ASSIGNMENT) not in found, f"{student} was flagged: {found[student, ASSIGNMENT]}"
    reasons = {name: " ".join(r for _, r in found[name, ASSIGNMENT]) for name in CATALOGUE}
    assert "graded as empty" in reasons["malformed-json"]
    assert "tampering repaired" in reasons["monkeypatch"]
    assert "time limit" in reasons["infinite-loop"] and "memory limit" in reasons["memory-bomb"]
    assert "metadata" in reasons["edited-metadata"] and "deleted" in reasons["deleted-test-cell"]
    assert "called sys.exit()" in reasons["sys-exit"]
    assert "kernel died" in reasons["os-exit"] and "output beyond the limit" in reasons["megabytes-of-output"]
    assert "flagged submissions" in hostile_run["printed"]
    assert Path(course.reports(hostile_run["root"]), "grades.png").stat().st_size > 10_000


def test_nothing_outside_the_submission_changed(hostile_run):
    root = hostile_run["root"]
    for part, before in hostile_run["protected"].items():
        assert _hashes(root, part) == before, f"{part}/ changed during grading"
    for student, before in hostile_run["others"].items():
        assert _hashes(root, "submitted", student) == before, f"submitted/{student} changed"
    assert b"HACKED" not in hostile_run["gradebook"].read_bytes()
    with contextlib.closing(sqlite3.connect(hostile_run["gradebook"])) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # the gradebook gains what `nbgrader autograde` writes (students, submissions, grades, comments); every row
    # it had before (assignments, notebooks, cells with their sources and points) is there unchanged
    before, after = hostile_run["rows"], _rows(hostile_run["gradebook"])
    assert before.keys() == after.keys()
    for table, rows in before.items():
        assert rows <= after[table], f"rows of gradebook table {table} changed or vanished"
        if table not in ("student", "submitted_assignment", "submitted_notebook", "grade", "comment"):
            assert after[table] == rows, f"gradebook table {table} gained rows"
    graded = submissions(root)
    assert {row[0] for row in after["student"]} == {student for student, _ in graded}
    assert len(after["submitted_assignment"]) == len(graded)
    assert len(after["grade"]) == len(graded) * len(MAXIMA)
    assert not Path(root, "evil.txt").exists() and not Path("/tmp/evil-grading.txt").exists()


def test_no_process_is_left_behind(hostile_run):
    children = [p for p in psutil.Process().children(recursive=True)
                if "resource_tracker" not in " ".join(_cmdline(p))]  # multiprocessing's, lives as long as pytest
    _, alive = psutil.wait_procs(children, timeout=20)  # worker processes may take a moment to exit
    assert alive == [], f"processes of the run survived: {[_cmdline(p) for p in alive]}"


@pytest.mark.skipif(os.geteuid() != 0, reason="sandbox user ids exist only when grading as root")
def test_no_sandbox_user_id_has_a_process_left(hostile_run):
    # sandbox user ids are per submission: look for ours only (other gradings may run on this machine)
    ours = {sandbox.sandbox_uid(f"{student}/{assignment}") for student, assignment in submissions(hostile_run["root"])}
    strays = [p.info for p in psutil.process_iter(["pid", "uids", "cmdline"])
              if p.info["uids"] and p.info["uids"].real in ours]
    assert strays == [], f"sandbox processes survived: {strays}"


def _cmdline(process):
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def test_sandbox_blocks_each_attack_and_grades_the_rest(hostile_run):
    root = hostile_run["root"]
    nb = nbformat.read(course.notebook_path("autograded", ASSIGNMENT, root, "sandbox-probe"), as_version=4)
    errors = {c.metadata.get("probe"): [o.ename for o in c.outputs if o.output_type == "error"]
              for c in nb.cells if c.metadata.get("probe")}
    # invisible, not merely forbidden: the course folder is not in the sandbox at all
    assert errors["read-gradebook"] == ["FileNotFoundError"]
    assert errors["list-other-student"] == ["FileNotFoundError"]
    assert errors["connect"] and errors["connect"][0] in ("ConnectionRefusedError", "OSError", "TimeoutError")
    assert errors["memory"] == ["MemoryError"]
    # where every kernel's folder is: unreadable (the fork server's slots), or holding only its own folder
    listing = next(c for c in nb.cells if c.metadata.get("probe") == "list-sandbox-folders").outputs
    if sandbox.ForkServer.possible():
        assert errors["list-sandbox-folders"] == ["PermissionError"], listing
    else:
        assert errors["list-sandbox-folders"] == [] and len(eval(listing[0].text)) == 1, listing
    assert errors["temporary-file"] == [], "a temporary file in the working folder should be allowed"
    assert _scores(root)["sandbox-probe"] == MAXIMA, "the rest of the probe notebook was not graded"


def _feedback_text(root, student):
    """A student's feedback page as the words it shows (tags dropped, entities resolved, spacing collapsed)."""
    page = course.notebook_path("feedback", ASSIGNMENT, root, student).with_suffix(".html").read_text()
    return page, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_feedback_shows_scores_and_messages_but_no_hidden_tests(hostile_run):
    root = hostile_run["root"]
    page, text = _feedback_text(root, "wrong-total")
    assert "tiny (Score: 2.0 / 3.0)" in text, "the notebook's score is missing"
    assert "Grade cell: test_double Score: 2.0 / 2.0" in text and "Grade cell: test_total Score: 0.0 / 1.0" in text
    assert "CheckFailed: total(x) must add up all elements (hidden check)" in text, "the check's message is missing"
    assert "total(ones(3)) should be 3" in text, "the visible test should still be shown"
    for line in HIDDEN_TOTAL.splitlines():
        assert " ".join(line.split()) not in text and line.strip() not in page
    assert "Traceback (most recent call last)" not in text and "autograder.checks" not in text
    _, right = _feedback_text(root, "right-1")
    assert "tiny (Score: 3.0 / 3.0)" in right and "CheckFailed" not in right
    _, edited = _feedback_text(root, "edited-test-cell")  # the test cell as released, not as the student left it
    assert "no tests here" not in edited and "Grade cell: test_total Score: 0.0 / 1.0" in edited


def test_no_feedback_quotes_a_line_of_a_hidden_test(hostile_run):
    """Submissions print earlier cells by every route (catalogue HIDDEN_TEXT_ROUTES); no feedback page holds a line
    of a hidden test, read with tags as spaces or as nothing."""
    root = hostile_run["root"]
    hidden = {" ".join(line.split()) for block in (HIDDEN_DOUBLE, HIDDEN_TOTAL) for line in block.splitlines()}
    pages = {path.parent.parent.name: path.read_text() for path in Path(root, "feedback").glob(f"*/{ASSIGNMENT}/*.html")}
    assert set(HIDDEN_TEXT_ROUTES) <= set(pages), "a feedback page is missing"
    for student, page in pages.items():
        for words in (" ".join(html.unescape(re.sub(r"<[^>]+>", tag, page)).split()) for tag in (" ", "")):
            leaked = [line for line in hidden if line in words]
            assert leaked == [], f"{student}'s feedback quotes hidden tests: {leaked}"
