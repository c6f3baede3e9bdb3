"""Instructor command line: python -m autograder {release,grade,demo}."""
import argparse
import shutil
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from . import course, grading, report, submissions

DEMO_STUDENTS = ("demo-complete", "demo-partial", "demo-empty")


def release(args):
    grading.release(args.root)


def grade(args):
    _release_missing(args.root)
    failed = grading.autograde(args.root)
    columns, maxima, rows = report.scores(args.root)
    path = args.root / "grades.csv"
    report.write_csv(path, columns, maxima, rows)
    print("\n" + report.table(columns, maxima, rows))
    print(f"\ngrades written to {path}; feedback under {args.root / 'feedback'}")
    for student, assignment, error in failed:
        print(f"\nnbgrader could not grade {student} / {assignment}:\n{error}", file=sys.stderr)
    return 1 if failed else 0


def demo(args):
    """Release, write three sample submissions per assignment (complete, half done, untouched), grade them."""
    grading.release(args.root)
    for student in DEMO_STUDENTS:
        for folder in course.STUDENT_FOLDERS:
            shutil.rmtree(args.root / folder / student, ignore_errors=True)
    for assignment in course.assignments(args.root):
        answers = submissions.reference_answers(assignment, args.root)
        half = dict(list(answers.items())[: (len(answers) + 1) // 2])
        for student, filled in zip(DEMO_STUDENTS, (answers, half, {})):
            submissions.write_submission(args.root, student, assignment, filled)
    return grade(args)


def _release_missing(root):
    """Record in the gradebook any assignment it lacks (nbgrader needs it to autograde)."""
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        missing = []
        for assignment in course.assignments(root):
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                missing.append(assignment)
    if missing:
        grading.release(root, missing)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    parser.add_argument("--root", type=Path, default=course.ROOT,
                        help="course folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("release", help="regenerate release/ from source/").set_defaults(run=release)
    commands.add_parser("grade", help="autograde submitted/, write feedback/ and grades.csv").set_defaults(run=grade)
    commands.add_parser("demo", help="release, grade three sample students, print the scores").set_defaults(run=demo)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return args.run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
