"""Benchmark: how many submissions per second one instructor process grades as the cluster grows.

    python bench/throughput.py [--students 80] [--workers 1,2,4,8,16,32] [--delay 2] [--profile FILE]

Builds STUDENTS x assignments full submissions (reference answers) in a temporary course folder and grades them
with the real pipeline (`grading.autograde`, nbgrader before and after, feedback, flags), except that each
worker's execution step (`execute.run`) is replaced by a stand-in: it sleeps DELAY seconds (no CPU) and returns
the submission with the outputs of the assignment's notebook as a real sandboxed kernel executed it once, before
the runs. The workers' other step, rendering feedback (worker_feedback.render), runs for real but remembers what
it rendered: every submission here is the same, so after the first of each assignment it returns the same HTML
without spending the 2 CPUs of this machine on it (it costs a worker about 0.3 CPU-seconds, measured here).
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
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from autograder import course, grading, submissions  # noqa: E402
from autograder.grading import execute, pipeline, worker_feedback  # noqa: E402

EXECUTED = "THROUGHPUT_EXECUTED"  # environment of the simulated worker: folder of the executed notebooks
DELAY = "THROUGHPUT_DELAY"  # and the seconds each execution takes


def dask_setup(worker):
    """Dask preload of the simulated worker: `execute.run` becomes the stand-in (sleep, then recorded outputs)."""
    executed = {path.stem: nbformat.read(path, as_version=4) for path in Path(os.environ[EXECUTED]).glob("*.ipynb")}
    delay = float(os.environ[DELAY])

    def stand_in(job):
        time.sleep(delay)
        nb = nbformat.reads(job["notebook"], as_version=4)
        ran = executed[job["key"].split("/")[1]]
        if [c.source for c in nb.cells] != [c.source for c in ran.cells]:
            raise RuntimeError(f"{job['key']}: not the notebook executed before the benchmark")
        for cell, done in zip(nb.cells, ran.cells):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = done.outputs, done.execution_count
        return {"key": job["key"], "notebook": nbformat.writes(nb), "events": [], "seconds": delay,
                "worker": os.getpid()}

    execute.run = stand_in
    rendered, render = {}, worker_feedback.render

    def memoized(job):  # rendering is a pure function of the job, and the template does not show the student id
        key = json.dumps({k: v for k, v in job.items() if k not in ("config", "student")}, sort_keys=True)
        if key not in rendered:
            rendered[key] = render(job)
        return rendered[key]

    worker_feedback.render = memoized


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


def execute_once(base, folder):
    """Each assignment's submission executed by a real sandboxed kernel, written to `folder`/<assignment>.ipynb
    (kept from an earlier run when it is still the same notebook)."""
    folder.mkdir(parents=True, exist_ok=True)
    limits = grading.default_limits(base)
    for assignment in course.assignments(base):
        prepared = pipeline.prepare(base, "student-0000", assignment)
        kept = Path(folder, f"{assignment}.ipynb")
        if kept.exists() and [c.source for c in nbformat.read(kept, as_version=4).cells] == [
                c.source for c in prepared.notebook.cells]:
            continue
        job = {"key": prepared.key, "notebook": nbformat.writes(prepared.notebook), "files": prepared.files,
               "limits": dataclasses.asdict(limits), "skip": None}
        started = time.monotonic()
        result = execute.run(job)
        print(f"  {assignment}: executed by a real kernel in {time.monotonic() - started:.1f} s", flush=True)
        Path(folder, f"{assignment}.ipynb").write_text(result["notebook"])


@contextlib.contextmanager
def simulated_cluster(work, workers, executed, delay):
    """A `dask scheduler` and one `dask worker` process with `workers` threads running the stand-in."""
    file = work / f"scheduler-{workers}.json"
    env = {**os.environ, EXECUTED: str(executed), DELAY: str(delay),
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


def run(base, work, workers, count, executed, delay, profile=None):
    """Grade `count` submissions with `workers` simulated workers; returns (seconds, instructor CPU s, scheduler
    CPU s, failures)."""
    root = work / f"run-{workers}"
    shutil.copytree(base, root)
    students = sorted({s for s, _ in grading.submissions(root)})[: -(-count // len(course.assignments(root)))]
    with simulated_cluster(work, workers, executed, delay) as (address, scheduler_pid):
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
    parser.add_argument("--delay", type=float, default=2.0, help="seconds each simulated execution takes")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the instructor's largest run")
    parser.add_argument("--executed", metavar="DIR", type=Path,
                        help="keep the notebooks executed by a real kernel here, and reuse them on the next run")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    try:
        base = build_class(work, args.students)
        total = len(grading.submissions(base))
        print(f"{total} submissions ({args.students} students x {len(course.assignments(base))} assignments), "
              f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        print("executing each assignment once with a real kernel (the simulated workers return these outputs):",
              flush=True)
        executed = args.executed or work / "executed"
        execute_once(base, executed)
        print(f"{'workers':>7}  {'graded':>6}  {'seconds':>7}  {'subs/s':>6}  {'ideal':>5}  {'instructor ms/sub':>17}  "
              f"{'scheduler ms/sub':>16}", flush=True)
        line = None
        for workers in counts:
            count = total if workers == max(counts) else min(total, 12 * workers)
            graded, seconds, cpu, scheduler, failed = run(
                base, work, workers, count, executed, args.delay, args.profile if workers == max(counts) else None)
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
