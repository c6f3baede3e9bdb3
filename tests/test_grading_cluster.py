"""Grading through `--scheduler` on a real Dask cluster that loses a worker mid-run, compared with serial
`nbgrader autograde` of the same submissions: same score for every graded cell, every submission graded once."""
import contextlib
import io
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from nbgrader.api import Gradebook

from autograder import course
from autograder.__main__ import main
from grading_course import ASSIGNMENT, RIGHT, WRONG_TOTAL, make_course, submit

pytestmark = pytest.mark.slow
STUDENTS = {"right-1": RIGHT, "right-2": RIGHT, "wrong-total": WRONG_TOTAL, "empty": {},
            "half": {"double": RIGHT["double"]}, "right-3": RIGHT}
DASK = str(Path(sys.executable).parent / "dask")


def cell_scores(root):
    """{student: {graded cell: score}} from the gradebook."""
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        return {s.id: {g.name: g.score for nb in gradebook.find_submission(ASSIGNMENT, s.id).notebooks
                       for g in nb.grades}
                for s in gradebook.students}


@pytest.fixture
def dask_cluster(tmp_path):
    """A `dask scheduler` and two `dask worker` processes on 127.0.0.1; yields (address, worker processes)."""
    info = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    for _ in range(200):
        if info.exists() and info.stat().st_size:
            break
        time.sleep(0.1)
    workers = [subprocess.Popen([DASK, "worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-nanny",
                                 "--host", "127.0.0.1", "--memory-limit", "0", "--no-dashboard"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    procs += workers
    try:
        yield json.loads(info.read_text())["address"], workers
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


def _kill_first_busy(workers, killed, stop):
    """Kill -9 the first worker seen running a student kernel."""
    while not stop.is_set():
        for worker in workers:
            try:
                kids = psutil.Process(worker.pid).children(recursive=True)
            except psutil.Error:
                continue
            if any("ipykernel_launcher" in " ".join(k.cmdline()) for k in kids if k.is_running()):
                worker.send_signal(signal.SIGKILL)
                killed.append(worker.pid)
                return
        time.sleep(0.2)


def test_scheduler_run_survives_a_lost_worker_and_matches_serial_nbgrader(tmp_path, dask_cluster):
    address, workers = dask_cluster
    root = make_course(tmp_path / "course")
    for student, answers in STUDENTS.items():
        submit(root, student, answers)
    serial = tmp_path / "serial"
    shutil.copytree(root, serial)
    for student in STUDENTS:  # the reference: plain nbgrader, one submission after another
        assert course.api(serial).autograde(ASSIGNMENT, student, force=True, create=True)["success"]

    killed, stop = [], threading.Event()
    killer = threading.Thread(target=_kill_first_busy, args=(workers, killed, stop))
    killer.start()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            status = main(["--root", str(root), "grade", "--scheduler", address, "--no-feedback"])
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was killed mid-run"
    assert status == 0, printed.getvalue()
    lines = [line for line in printed.getvalue().splitlines() if " graded, " in line]
    for student in STUDENTS:
        assert sum(f"— {student}/{ASSIGNMENT}" in line for line in lines) == 1, f"{student} not graded exactly once"
    assert cell_scores(root) == cell_scores(serial)
