"""Benchmark: serial `nbgrader autograde` against `python -m autograder grade --jobs 2` (sandbox on).

    python bench/grading.py [--students 4] [--jobs 2]

Builds STUDENTS x assignments full submissions (the reference answers of every exercise) in a temporary
course folder, grades a copy with nbgrader's own autograde one submission after another, grades another copy
with `grade --jobs N`, checks that every graded cell scored the same, and prints both times and their ratio.
Uses the course's own sections under source/. Not a timed test: run it by hand on an otherwise idle machine.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from autograder import course, grading, submissions  # noqa: E402
from autograder.grading import flags, sandbox  # noqa: E402


def cell_scores(root):
    scores = {}
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for student, assignment in grading.submissions(root):
            for nb in gradebook.find_submission(assignment, student).notebooks:
                for grade in nb.grades:
                    scores[student, assignment, grade.name] = grade.score
    return scores


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    base = work / "base"
    shutil.copytree(course.ROOT / "source", base / "source")
    grading.release(base)
    assignments = course.assignments(base)
    for i in range(args.students):
        for assignment in assignments:
            submissions.write_submission(base, f"student-{i:02d}", assignment,
                                         submissions.reference_answers(assignment, base))
    todo = grading.submissions(base)
    serial, parallel = work / "serial", work / "parallel"
    shutil.copytree(base, serial)
    shutil.copytree(base, parallel)

    print(f"{len(todo)} full submissions ({args.students} students x {len(assignments)} assignments), "
          f"{os.cpu_count()} CPUs", flush=True)
    print(sandbox.protection()[1], flush=True)
    api = course.api(serial)
    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own, harmless, on every serial autograde
    started = time.monotonic()
    for student, assignment in todo:
        assert api.autograde(assignment, student, force=True, create=True)["success"], (student, assignment)
    serial_s = time.monotonic() - started
    print(f"serial nbgrader autograde:   {serial_s:7.1f} s", flush=True)

    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "autograder", "--root", str(parallel), "grade",
                          "--jobs", str(args.jobs), "--no-feedback"], capture_output=True, text=True,
                         cwd=course.ROOT)
    parallel_s = time.monotonic() - started
    if run.returncode:
        print(run.stdout[-3000:], run.stderr[-3000:])
        raise SystemExit("grade failed")
    print(f"grade --jobs {args.jobs} (sandboxed): {parallel_s:7.1f} s  (whole command: cluster start, nbgrader "
          f"before and after, report)", flush=True)
    a, b = cell_scores(serial), cell_scores(parallel)
    same = a == b
    print(f"scores agree on all {len(a)} graded cells: {same}"
          + "".join(f"\n  {'/'.join(k)}: serial {a.get(k)}, parallel {b.get(k)}" for k in sorted(a.keys() | b.keys())
                    if a.get(k) != b.get(k)))
    print(f"speed-up: {serial_s / parallel_s:.2f}x")
    found = flags.read(parallel)
    print(f"correct submissions flagged or noted (should be 0): {len(found)}"
          + "".join(f"\n  {s}/{a}: {r}" for (s, a), lines in found.items() for _, r in lines))
    figure = Path(__file__).with_name("grades.png")
    shutil.copy(parallel / "reports" / "grades.png", figure)
    print(f"figure of the graded class: {figure}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if same and not found else 1


if __name__ == "__main__":
    sys.exit(main())
