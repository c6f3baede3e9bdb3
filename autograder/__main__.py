"""Instructor command line: python -m autograder {release,handout,grade,demo}."""
import argparse
import shutil
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from . import course, grading, handout, i18n, mistakes, plots, report, similarity, submissions

DEMO_STUDENTS = ("demo-complete", "demo-partial", "demo-empty")


def release(args):
    try:
        grading.release(args.root, language=args.language)
    except i18n.TranslationError as error:
        print(f"release: {error}", file=sys.stderr)
        return 2


def grade(args):
    _release_missing(args.root)
    overrides = {k: v for k, v in (("cell_timeout", args.timeout), ("memory", args.memory and args.memory * 1024 ** 2))
                 if v}
    try:
        failed = grading.autograde(args.root, jobs=args.jobs, scheduler=args.scheduler,
                                   limits=grading.default_limits(args.root, **overrides),
                                   write_feedback=not args.no_feedback, students=args.student,
                                   assignments=args.assignment, force=args.force)
    except ValueError as error:  # an unknown --student or --assignment
        print(f"grade: {error}", file=sys.stderr)
        return 2
    columns, maxima, rows = report.scores(args.root)
    by_hand = report.manual(args.root)
    report.record_manual_reviews(args.root)
    similarity.record(args.root)
    reports = course.reports(args.root)
    report.write_csv(reports / "grades.csv", columns, maxima, rows, by_hand)
    print("\n" + report.table(columns, maxima, rows, by_hand))
    print("\n" + report.flagged(args.root))
    graded = mistakes.cells(args.root)
    mistakes.write(args.root, graded)
    print("\n" + mistakes.summary(graded))
    figure = plots.figure(args.root, columns, maxima, rows, graded)
    print(f"\nreports under {reports}: grades.csv, flags.csv, {mistakes.FILE}, {mistakes.CHECKS_FILE}, "
          f"{figure.name}; feedback under {args.root / 'feedback'}")
    for student, assignment, error in failed:
        print(f"\nnbgrader could not grade {student} / {assignment}:\n{error}", file=sys.stderr)
    return 1 if failed else 0


def demo(args):
    """Release, write three sample submissions per assignment (complete, half done, untouched), grade them."""
    if release(args):
        return 2
    for student in DEMO_STUDENTS:
        for folder in course.STUDENT_FOLDERS:
            shutil.rmtree(args.root / folder / student, ignore_errors=True)
    for assignment in course.assignments(args.root):
        answers = submissions.reference_answers(assignment, args.root)
        half = dict(list(answers.items())[: (len(answers) + 1) // 2])
        for student, filled in zip(DEMO_STUDENTS, (answers, half, {})):
            submissions.write_submission(args.root, student, assignment, filled)
    args.force = True  # a fresh release: grade everyone again
    return grade(args)


def build_handout(args):
    """Build the student handout: a folder and its zip archive, from release/ and the lessons."""
    try:
        folder, archive = handout.build(args.out or args.root / "handout", args.root, args.language)
    except (FileExistsError, FileNotFoundError, ValueError) as error:  # a wrong --out, no release, no pins, language
        print(f"handout: {error}", file=sys.stderr)
        return 2
    print(f"student handout written to {folder} and {archive}")


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
        grading.release(root, missing, language=i18n.release_language(root))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    parser.add_argument("--root", type=Path, default=course.ROOT,
                        help="course folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    language = {"choices": i18n.LANGUAGES, "default": i18n.DEFAULT,
                "help": "the course's language (default: %(default)s); release/ holds one language at a time"}
    command = commands.add_parser("release", help="regenerate release/ from source/")
    command.set_defaults(run=release)
    command.add_argument("--language", **language)
    command = commands.add_parser("handout", help="build the student course: handout/ and handout.zip")
    command.set_defaults(run=build_handout)
    command.add_argument("--language", **language)
    command.add_argument("--out", type=Path, metavar="PATH", help="write PATH/ and PATH.zip (default: handout)")
    for name, run, text in (("grade", grade, "autograde submitted/, write feedback/ and reports/ (grades, flags, figure)"),
                            ("demo", demo, "release, grade three sample students, print the scores")):
        command = commands.add_parser(name, help=text)
        command.set_defaults(run=run)
        command.add_argument("--jobs", type=int, default=None,
                             help="notebooks executed at once on a local Dask cluster (default: CPU count)")
        command.add_argument("--scheduler", metavar="ADDRESS",
                             help="send the work to an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
        command.add_argument("--timeout", type=int, help="seconds per cell (default: Execute.timeout of the config)")
        command.add_argument("--memory", type=int, metavar="MiB", help="memory limit of a student kernel (default 4096)")
        command.add_argument("--no-feedback", action="store_true", help="skip writing feedback/")
        command.add_argument("--student", action="append", metavar="ID",
                             help="grade only this student's submissions (repeat for several)")
        command.add_argument("--assignment", action="append", metavar="ID",
                             help="grade only submissions of this assignment (repeat for several)")
        command.add_argument("--force", action="store_true",
                             help="grade again submissions unchanged since they were last graded")
        if name == "demo":
            command.add_argument("--language", **language)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return args.run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
