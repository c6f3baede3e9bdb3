"""Benchmark: every step `grade` runs after grading, timed for growing classes, to show none grows faster than
linearly with the number of students.

    python bench/report_scaling.py [--students 250,1000]

For each class size, builds a graded class in a temporary folder: submitted/ and autograded/ as bench/report.py
generates them (right and wrong answers of tests/answers, names changed per student), and a gradebook filled
through nbgrader's API (each submission added, each graded cell's auto score set from the autograded notebook,
and one student in fifty given a grade by hand). Nothing is executed. Then it runs the steps of `grade`'s report in
order and prints the CPU seconds of each (this process's, all threads: steady on a shared machine, where wall time
is not), and for the largest class its growth against the smallest: about the ratio of class sizes is linear, its
square would be quadratic.
"""
import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import report as generated  # noqa: E402  (bench/report.py: the generated class)
from autograder import course, grading, mistakes, plots, report, similarity  # noqa: E402
from autograder.grading import flags  # noqa: E402


def build(root, students):
    generated.build(root, students)
    with contextlib.redirect_stdout(io.StringIO()):
        grading.release(root)
    graded = mistakes.cells(root)
    passed = {(c.assignment, c.name, s): m is None for c in graded for s, m in c.results.items()}
    names = sorted({s for c in graded for s in c.results})
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for n, student in enumerate(names):
            gradebook.add_student(student)
            for assignment in course.assignments(root):
                submission = gradebook.add_submission(assignment, student)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        grade.auto_score = grade.max_score if passed.get((assignment, grade.name, student)) else 0
                        if n % 50 == 0 and grade.auto_score:
                            grade.manual_score = grade.max_score / 2
            gradebook.db.commit()


def steps(root):
    """The report steps of `python -m autograder grade` (__main__.grade), each timed: {name: seconds}."""
    times, state = {}, {}

    def step(name, run):
        started = time.process_time()
        state[name] = run()
        times[name] = time.process_time() - started

    step("scores (gradebook)", lambda: report.scores(root))
    step("manual grades (gradebook)", lambda: report.manual(root))
    step("manual-override flags", lambda: report.record_manual_reviews(root))
    step("similarity flags", lambda: similarity.record(root))
    columns, maxima, rows = state["scores (gradebook)"]
    by_hand = state["manual grades (gradebook)"]
    step("grades.csv", lambda: report.write_csv(course.reports(root) / "grades.csv", columns, maxima, rows, by_hand))
    step("score table (text)", lambda: report.table(columns, maxima, rows, by_hand))
    step("flags (text)", lambda: report.flagged(root))
    step("mistakes: autograded notebooks read", lambda: mistakes.cells(root))
    graded = state["mistakes: autograded notebooks read"]
    step("mistakes.csv, checks.csv", lambda: mistakes.write(root, graded))
    step("mistakes (text)", lambda: mistakes.summary(graded))
    step("figure", lambda: plots.figure(root, columns, maxima, rows, graded))
    assert len(rows) and flags.read(root) is not None
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", default="250,1000", help="class sizes, comma-separated")
    args = parser.parse_args()
    sizes = [int(n) for n in args.students.split(",")]
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            build(Path(folder), size)
            print(f"built a graded class of {size} students x 5 assignments in {time.perf_counter() - started:.0f} s",
                  flush=True)
            results[size] = steps(Path(folder))
            print(f"  {size} students: " + ", ".join(f"{name} {t:.2f}" for name, t in results[size].items()),
                  flush=True)
    small, large = min(sizes), max(sizes)
    print(f"CPU seconds per step; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'step':<38}" + "".join(f"{f'{n} students':>15}" for n in sizes) + f"{'growth':>9}")
    for name in results[small]:
        growth = results[large][name] / max(results[small][name], 1e-9)
        print(f"{name:<38}" + "".join(f"{results[n][name]:>14.2f}s" for n in sizes) + f"{growth:>8.1f}x")
    total = {n: sum(results[n].values()) for n in sizes}
    print(f"{'total':<38}" + "".join(f"{total[n]:>14.2f}s" for n in sizes)
          + f"{total[large] / total[small]:>8.1f}x  (class {large / small:.0f}x larger)")


if __name__ == "__main__":
    main()
