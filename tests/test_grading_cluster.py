"""Grading through `--scheduler` on a real Dask cluster that loses a worker while it runs a student's kernel,
compared with serial `nbgrader autograde` of the same submissions: the lost submission is sent again (the
scheduler is told to give up on a task at its first lost worker, so only `grade`'s own resubmission can save
it), every submission is graded once, and every graded cell scores the same."""
import contextlib
import io
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder import course
from autograder.__main__ import main
import dask_processes
from grading_course import ASSIGNMENT, RIGHT, WRONG_TOTAL, make_course, submit

pytestmark = pytest.mark.slow
MARKER = "resubmit-marker"  # written by the slow student's code into its working folder: only its kernel has it
SLOW = {**RIGHT, "double": f"import time\nopen({MARKER!r}, 'w').close()\ntime.sleep(6)\n" + RIGHT["double"]}
STUDENTS = {"right-1": RIGHT, "slow": SLOW, "right-2": RIGHT, "wrong-total": WRONG_TOTAL, "empty": {},
            "half": {"double": RIGHT["double"]}, "right-3": RIGHT}
def cell_scores(root):
    """{student: {graded cell: score}} from the gradebook."""
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        return {s.id: {g.name: g.score for nb in gradebook.find_submission(ASSIGNMENT, s.id).notebooks
                       for g in nb.grades}
                for s in gradebook.students}


@pytest.fixture
def dask_cluster(tmp_path):
    """A `dask scheduler` and two `dask worker` processes on 127.0.0.1; yields (address, worker processes)."""
    strict = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}  # a lost worker fails its task
    with dask_processes.cluster(tmp_path, workers=2, scheduler_env=strict) as (address, workers):
        yield address, workers


def _running_slow(worker):
    """Whether the slow student's kernel runs on this worker: its marker is in one of the worker's sandboxes."""
    try:
        return any(Path(tempfile.gettempdir()).glob(f"grading-{worker.pid}-*/**/{MARKER}"))
    except OSError:  # a kernel's folder was removed while the walk was in it: look again at the next poll
        return False


def _kill_slow_then_watch(workers, seen, stop):
    """Kill -9 the worker running the slow student's kernel, then watch it start again on another worker."""
    while not stop.is_set():
        busy = [w for w in workers if w.poll() is None and _running_slow(w)]
        if busy and "killed" not in seen:
            busy[0].send_signal(signal.SIGKILL)
            seen["killed"] = busy[0].pid
        elif busy and busy[0].pid != seen.get("killed"):
            seen["rerun"] = busy[0].pid
            return
        time.sleep(0.1)


def test_scheduler_run_survives_a_lost_worker_and_matches_serial_nbgrader(tmp_path, dask_cluster):
    address, workers = dask_cluster
    root = make_course(tmp_path / "course")
    for student, answers in STUDENTS.items():
        submit(root, student, answers)
    serial = tmp_path / "serial"
    shutil.copytree(root, serial)
    for student in STUDENTS:  # the reference: plain nbgrader, one submission after another
        assert course.api(serial).autograde(ASSIGNMENT, student, force=True, create=True)["success"]

    seen, stop = {}, threading.Event()
    killer = threading.Thread(target=_kill_slow_then_watch, args=(workers, seen, stop))
    killer.start()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            status = main(["--root", str(root), "grade", "--scheduler", address, "--no-feedback"])
    finally:
        stop.set()
        killer.join()
    assert "killed" in seen, "no worker was killed while running the slow student's kernel"
    assert "rerun" in seen, "the slow submission was not run again on the other worker"
    assert status == 0, printed.getvalue()
    summary = printed.getvalue().splitlines()  # what grade says about the cluster and the lost worker
    assert any(line.endswith(": 2 workers (2 threads)") for line in summary), "the worker count was not printed"
    assert any(line.startswith("kernels: ") for line in summary), "how kernels start on the workers was not printed"
    assert any(line.startswith("workers lost during the run: 1") for line in summary), "the lost worker not reported"
    assert any(line.startswith("submissions run again") and f"slow/{ASSIGNMENT}" in line for line in summary), (
        "the re-run submission was not reported")
    lines = [line for line in printed.getvalue().splitlines() if " graded, " in line]
    for student in STUDENTS:
        assert sum(f"— {student}/{ASSIGNMENT}" in line for line in lines) == 1, f"{student} not graded exactly once"
    assert cell_scores(root) == cell_scores(serial)
