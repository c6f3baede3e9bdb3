"""Time the class report and the similarity flags for a generated class (default 1,000 students x 5 assignments).

Each student's submission of each exercise is one of the right or wrong answers of tests/answers, with its names
changed per student so that no two students hand in the same text by chance; the autograded notebook beside it
carries an error in the exercise's test cell for a wrong answer (the message named on the answer's first line,
with a number specific to the student). Nothing is executed: this measures the report, not grading.
"""
import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from answers_catalogue import answers  # noqa: E402
from autograder import course, mistakes, plots, report, similarity, submissions  # noqa: E402


def build(root, students, seed=0):
    """Write release/, source/, submitted/ and autograded/ of a generated class under `root`."""
    rng = random.Random(seed)
    shutil.copytree(course.ROOT / "source", root / "source")
    shutil.copytree(course.ROOT / "release", root / "release")
    for assignment in course.assignments(root):
        release = nbformat.read(course.notebook_path("release", assignment, root), as_version=4)
        kept = answers(assignment)
        for n in range(students):
            student = f"s{n:04d}"
            chosen = {e: rng.choice([a for a in kept if a.exercise == e]) for e in report.exercises(assignment, root)}
            filled = submissions.fill(release, {e: a.code.replace("X", f"X{n}") for e, a in chosen.items()})
            for step in ("submitted", "autograded"):
                path = course.notebook_path(step, assignment, root, student)
                path.parent.mkdir(parents=True, exist_ok=True)
                if step == "autograded":
                    _outputs(filled, chosen, n)
                nbformat.write(filled, path)


def _outputs(nb, chosen, n):
    exercises = sorted(chosen, key=len, reverse=True)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            answer = chosen[next(e for e in exercises if meta["grade_id"].startswith(f"test_{e}"))]
            cell.outputs = [] if answer.correct else [nbformat.v4.new_output(
                "error", ename="CheckFailed", evalue=f"{answer.expected or 'wrong'} (found {n % 7})", traceback=[])]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        build(root, args.students)
        print(f"generated {args.students} students x {len(course.assignments(root))} assignments in "
              f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        graded = mistakes.cells(root)
        mistakes.write(root, graded)
        text = mistakes.summary(graded)
        read = time.perf_counter() - started
        columns = [(a, e) for a in course.assignments(root) for e in report.exercises(a, root)]
        maxima = {c: 1.0 for c in columns}
        rows = {}
        for cell in graded:
            for student, message in cell.results.items():
                rows.setdefault(student, dict.fromkeys(columns, 0.0))[cell.assignment, cell.exercise] = \
                    float(message is None)
        started = time.perf_counter()
        plots.figure(root, columns, maxima, rows, graded)
        drawn = time.perf_counter() - started
        started = time.perf_counter()
        found = similarity.find(root)
        compared = time.perf_counter() - started
        print(text.splitlines()[1])
        print(f"mistakes report (every autograded notebook read, mistakes.csv, checks.csv, "
              f"terminal text): {read:.1f} s")
        print(f"figure: {drawn:.1f} s")
        print(f"similarity: {compared:.1f} s ({sum(map(len, found.values()))} review flags)")
        print(f"report: {read + drawn + compared:.1f} s for {args.students} students")


if __name__ == "__main__":
    main()
