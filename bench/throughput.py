"""Benchmark: how many submissions per second one instructor process grades as the cluster grows.

    python bench/throughput.py [--students 80] [--workers 1,2,4,8,16,32] [--delay 2] [--profile FILE]

Builds STUDENTS x assignments full submissions (reference answers) in a temporary course folder and grades them
with the real pipeline (`grading.autograde`: snapshots, tasks, recording in the gradebook, autograded/, feedback/
and flags), except that the workers are simulated: each worker's task (`worker_grade.grade`: nbgrader sanitizes,
a sandboxed kernel executes, nbgrader scores, feedback is rendered) is replaced by a stand-in that sleeps DELAY
seconds (no CPU) and returns the result the real task gave for the same submission, graded once per assignment
before the runs (its time and the worker's CPU are printed then). Real workers do that work on their own CPUs;
the 2 CPUs of this machine could not host the CPU of 32 of them.
The simulated workers are threads of one `dask worker` process, under a `dask scheduler` process, so
that the instructor process (this one) does only its own share: its CPU time (time.process_time) per submission
is what the figures call the instructor side. Before each run the class is copied fresh, so every run grades from
an empty gradebook.

With W workers a run grades min(all, 12 W) submissions (every submission with the most workers): enough for a
steady rate, and the whole benchmark stays within minutes. Not a timed test: run it by hand; the figures depend on
the machine's load (printed first).
"""
import argparse
import contextlib
import dataclasses
import cProfile
import hashlib
import io
import json
import os
import pickle
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from autograder import course, grading, submissions  # noqa: E402
from autograder.grading import snapshot, worker_grade  # noqa: E402

GRADED = "THROUGHPUT_GRADED"  # environment of the simulated worker: folder of the real workers' results
DELAY = "THROUGHPUT_DELAY"  # and the seconds each task takes


def dask_setup(worker):
    """Dask preload of the simulated worker: its task (`worker_grade.grade`) becomes the stand-in: sleep, then the
    result the real task gave for the same submission of the assignment."""
    graded = {path.stem: pickle.loads(path.read_bytes()) for path in Path(os.environ[GRADED]).glob("*.pickle")}
    delay = float(os.environ[DELAY])

    def stand_in(job, digest, data):
        time.sleep(delay)
        kept = graded[job["assignment"]]
        if kept["submission"] != _digest(job["submission"]):
            raise RuntimeError(f"{job['key']}: not the submission graded before the benchmark")
        return {**kept["result"], "key": job["key"]}

    worker_grade.grade = stand_in


def _digest(files):
    return hashlib.sha256(pickle.dumps(sorted(files.items()))).hexdigest()


def build_class(work, students):
    """A released course with `students` x assignments submissions (reference answers)."""
    base = work / "base"
    shutil.copytree(course.ROOT / "source", base / "source")
    with contextlib.redirect_stdout(io.StringIO()):
        grading.release(base)
    for assignment in course.assignments(base):
        answers = submissions.reference_answers(assignment, base)
        release = nbformat.read(course.notebook_path("release", assignment, base), as_version=4)
        filled = submissions.fill(release, answers)
        for i in range(students):
            path = course.notebook_path("submitted", assignment, base, f"student-{i:04d}")
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(filled, path)
    return base


def grade_once(base, folder):
    """Each assignment's submission graded by the real worker task (a real sandboxed kernel executes it), the
    result kept in `folder`/<assignment>.pickle (from an earlier run when it is still the same submission and
    snapshot)."""
    folder.mkdir(parents=True, exist_ok=True)
    api, limits = course.api(base), dataclasses.asdict(grading.default_limits(base))
    with Gradebook(api.coursedir.db_url) as gradebook:
        snapshots = {a: snapshot.build(api, gradebook, a) for a in course.assignments(base)}
    for assignment, (digest, data) in snapshots.items():
        job = worker_grade.job("student-0000", assignment, base, limits, None, True)
        path = Path(folder, f"{assignment}.pickle")
        key = _digest(job["submission"])
        if path.exists() and {k: v for k, v in pickle.loads(path.read_bytes()).items() if k != "result"} == {
                "snapshot": digest, "submission": key}:
            continue
        started, cpu = time.monotonic(), time.process_time()
        result = worker_grade.grade(job, digest, data)
        print(f"  {assignment}: graded by a real worker task in {time.monotonic() - started:.1f} s, "
              f"{time.process_time() - cpu:.2f} CPU-s in the worker (the kernel's own CPU not counted)", flush=True)
        if result["error"]:
            raise SystemExit(f"{assignment}: {result['error']}")
        path.write_bytes(pickle.dumps({"snapshot": digest, "submission": key,
                                       "result": {**result, "checks": None, "address": None}}))


@contextlib.contextmanager
def simulated_cluster(work, workers, graded, delay):
    """A `dask scheduler` and one `dask worker` process with `workers` threads running the stand-in."""
    file = work / f"scheduler-{workers}.json"
    env = {**os.environ, GRADED: str(graded), DELAY: str(delay),
           "PYTHONPATH": os.pathsep.join([str(course.ROOT), os.environ.get("PYTHONPATH", "")])}
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": work}
    scheduler = subprocess.Popen([dask, "scheduler", "--scheduler-file", str(file), "--port", "0",
                                  "--dashboard-address", ":0"], **quiet)
    worker = None
    try:
        while not file.exists():
            time.sleep(0.2)
        worker = subprocess.Popen([dask, "worker", "--scheduler-file", str(file), "--nthreads", str(workers),
                                   "--nworkers", "1", "--memory-limit", "0", "--preload", str(Path(__file__).resolve()),
                                   "--dashboard-address", ":0"], **quiet)
        address = json.loads(file.read_text())["address"]
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address, scheduler.pid
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()


def cpu_seconds(pid):
    import psutil
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def run(base, work, workers, count, graded, delay, profile=None):
    """Grade `count` submissions with `workers` simulated workers; returns (seconds, instructor CPU s, scheduler
    CPU s, failures)."""
    root = work / f"run-{workers}"
    shutil.copytree(base, root)
    students = sorted({s for s, _ in grading.submissions(root)})[: -(-count // len(course.assignments(root)))]
    with simulated_cluster(work, workers, graded, delay) as (address, scheduler_pid):
        scheduler_cpu = cpu_seconds(scheduler_pid)
        profiler = cProfile.Profile() if profile else None
        cpu, started = time.process_time(), time.monotonic()
        if profiler:
            profiler.enable()
        failed = grading.autograde(root, scheduler=address, students=students, out=io.StringIO())
        if profiler:
            profiler.disable()
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
        scheduler_cpu = cpu_seconds(scheduler_pid) - scheduler_cpu
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
        Path(profile).write_text(text.getvalue())
    shutil.rmtree(root, ignore_errors=True)
    return len(students) * len(course.assignments(base)), seconds, cpu, scheduler_cpu, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=80, help="class size (x assignments = submissions)")
    parser.add_argument("--workers", default="1,2,4,8,16,32", help="simulated worker counts, comma-separated")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds each simulated task takes")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the instructor's largest run")
    parser.add_argument("--graded", metavar="DIR", type=Path,
                        help="keep the real workers' results here, and reuse them on the next run")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    try:
        base = build_class(work, args.students)
        total = len(grading.submissions(base))
        print(f"{total} submissions ({args.students} students x {len(course.assignments(base))} assignments), "
              f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        print("grading one submission of each assignment with the real worker task (the simulated workers return "
              "these results):",
              flush=True)
        results = args.graded or work / "graded"
        grade_once(base, results)
        print(f"{'workers':>7}  {'graded':>6}  {'seconds':>7}  {'subs/s':>6}  {'ideal':>5}  {'instructor ms/sub':>17}  "
              f"{'scheduler ms/sub':>16}", flush=True)
        line = None
        for workers in counts:
            count = total if workers == max(counts) else min(total, 12 * workers)
            graded, seconds, cpu, scheduler, failed = run(
                base, work, workers, count, results, args.delay, args.profile if workers == max(counts) else None)
            if failed:
                raise SystemExit(f"{len(failed)} submissions failed, e.g. {failed[0]}")
            rate, ideal, ms = graded / seconds, workers / args.delay, 1000 * cpu / graded
            print(f"{workers:>7}  {graded:>6}  {seconds:>7.1f}  {rate:>6.2f}  {ideal:>5.1f}  {ms:>17.0f}  "
                  f"{1000 * scheduler / graded:>16.1f}", flush=True)
            line = (f"throughput: {rate:.1f} submissions/s with {workers} simulated workers (ideal {ideal:.1f}); "
                    f"instructor side {ms:.0f} ms per submission")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
