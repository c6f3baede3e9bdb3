"""What a worker needs to grade one assignment away from the course folder, and the course folder it makes of it.

The instructor builds the snapshot once per assignment and run (`build`): the assignment's records in the
gradebook (due date, kernelspec, grade, solution, task and source cells), its released notebook, the files of its
source folder and the course's nbgrader configuration; nothing about any student. A worker thread lays it out
once as a course folder of its own (`course_folder`), with a gradebook that holds those records (nbgrader's own
tables and rows, written in one transaction), so nbgrader sanitizes and scores there exactly as in the
instructor's course. What the instructor's gradebook already holds about one submission (a timestamp, an
extension, scores and comments entered by hand) travels with that submission's task (`existing`, `restore`), so
late penalties, `needs_manual_grade` and the feedback come out as nbgrader computes them in the instructor's
gradebook.
"""
import atexit
import copy
import hashlib
import pickle
import shutil
import tempfile
import threading
import warnings
from pathlib import Path

from nbgrader.api import (Assignment, Comment, Grade, Gradebook, GradeCell, MissingEntry, Notebook, SolutionCell,
                          SourceCell, SubmittedAssignment, TaskCell)
from nbgrader.apps import NbGraderAPI
from sqlalchemy.exc import SAWarning

from .. import course
from . import nbgrader_reuse, pipeline

_local = threading.local()  # each worker thread's course folders, by snapshot digest
_folders = []  # removed when the worker process exits


def build(api, gradebook, assignment):
    """(digest, pickled snapshot) of `assignment`, from the instructor's course and open gradebook."""
    root = api.coursedir.root
    name = course.notebook_name(assignment, root)[:-6]
    try:
        notebook = gradebook.find_notebook(name, assignment)
        records = {"duedate": notebook.assignment.duedate, "kernelspec": notebook.kernelspec,
                   "grade_cells": [(c.name, c.max_score, c.cell_type) for c in notebook.grade_cells],
                   "solution_cells": [c.name for c in notebook.solution_cells],
                   "task_cells": [(c.name, c.max_score, c.cell_type) for c in notebook.task_cells],
                   "source_cells": [(c.name, c.cell_type, c.locked, c.source, c.checksum)
                                    for c in notebook.source_cells]}
    finally:
        gradebook.db.rollback()
    data = pickle.dumps({"assignment": assignment, "notebook": name, "config": api.config, "records": records,
                         "alembic_version": nbgrader_reuse.alembic_version(gradebook),
                         "release": course.notebook_path("release", assignment, root).read_bytes(),
                         "source_files": pipeline.files_in(Path(root, "source", assignment))})
    return hashlib.sha256(data).hexdigest(), data


def existing(gradebook, assignments):
    """{(student, assignment): what the gradebook holds about that submission} for the submissions of
    `assignments` graded before: its timestamp and extension, and the scores, extra credit and comments entered
    by hand (three queries, whatever the class size)."""
    try:
        found = {(student, name): {"timestamp": timestamp, "extension": extension, "grades": {}, "comments": {}}
                 for student, name, timestamp, extension in gradebook.db.query(
                     SubmittedAssignment.student_id, Assignment.name, SubmittedAssignment.timestamp,
                     SubmittedAssignment.extension).join(Assignment).filter(Assignment.name.in_(assignments))}
        by_hand = (Grade.manual_score.isnot(None) | Grade.extra_credit.isnot(None),
                   Comment.manual_comment.isnot(None))
        for kind, where in zip((Grade, Comment), by_hand):
            for row in gradebook.db.query(kind).filter(where):
                submission = row.notebook.assignment
                if (submission.student_id, submission.name) in found:
                    hand = found[submission.student_id, submission.name]
                    if kind is Grade:
                        hand["grades"][row.notebook.name, row.name] = (row.manual_score, row.extra_credit)
                    else:
                        hand["comments"][row.notebook.name, row.name] = row.manual_comment
        return found
    finally:
        gradebook.db.rollback()


def course_folder(digest, data):
    """This thread's course folder for the snapshot: an nbgrader API over it, made on first use."""
    folders = _local.__dict__.setdefault("folders", {})
    if digest not in folders:
        snapshot = pickle.loads(data)
        nbgrader_reuse.install(snapshot["alembic_version"])
        root = Path(tempfile.mkdtemp(prefix="autograder-course-"))
        _folders.append(root)
        assignment, name = snapshot["assignment"], snapshot["notebook"]
        for folder in ("source", "release"):  # the notebook in source/ only names it (course.notebook_name)
            Path(root, folder, assignment).mkdir(parents=True)
            Path(root, folder, assignment, f"{name}.ipynb").write_bytes(snapshot["release"])
        for path, content in snapshot["source_files"].items():
            Path(root, "source", assignment, path).parent.mkdir(parents=True, exist_ok=True)
            Path(root, "source", assignment, path).write_bytes(content)
        config = copy.deepcopy(snapshot["config"])
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
        api = NbGraderAPI(config=config)
        records = snapshot["records"]
        with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:  # one transaction
            assignment_ = Assignment(name=assignment, duedate=records["duedate"], course_id=api.coursedir.course_id)
            notebook = Notebook(name=name, assignment=assignment_, kernelspec=records["kernelspec"])
            for cell, max_score, cell_type in records["grade_cells"]:
                GradeCell(name=cell, max_score=max_score, cell_type=cell_type, notebook=notebook)
            for cell in records["solution_cells"]:
                SolutionCell(name=cell, notebook=notebook)
            for cell, max_score, cell_type in records["task_cells"]:
                TaskCell(name=cell, max_score=max_score, cell_type=cell_type, notebook=notebook)
            for cell, cell_type, locked, source, checksum in records["source_cells"]:
                SourceCell(name=cell, cell_type=cell_type, locked=locked, source=source, checksum=checksum,
                           notebook=notebook)
            gradebook.db.add(assignment_)
            gradebook.db.commit()
        folders[digest] = api
    return folders[digest]


def restore(gradebook, student, assignment, hand):
    """Put what the instructor's gradebook holds about a submission (`existing`) into the worker's gradebook
    before nbgrader grades it there; without it (a first grading), remove any earlier record of it."""
    try:
        gradebook.remove_submission(assignment, student)
    except MissingEntry:
        pass
    if hand is None:
        return
    gradebook.update_or_create_student(student)
    with warnings.catch_warnings():  # nbgrader's own, harmless, whenever it adds a submission
        warnings.filterwarnings("ignore", r"Object of type <Submitted", SAWarning)
        submission = gradebook.add_submission(assignment, student, timestamp=hand["timestamp"],
                                              extension=hand["extension"])
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            grade.manual_score, grade.extra_credit = hand["grades"].get((notebook.name, grade.name), (None, None))
        for comment in notebook.comments:
            comment.manual_comment = hand["comments"].get((notebook.name, comment.name))
    gradebook.db.commit()


@atexit.register
def _remove_folders():
    for root in _folders:
        shutil.rmtree(root, ignore_errors=True)
