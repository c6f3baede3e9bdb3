"""What the instructor's process writes for each graded submission, from a worker's result (`worker_grade`): the
autograded/ folder nbgrader wrote there, and the gradebook rows nbgrader's autograde fills, with the values
nbgrader computed on the worker. It is the only process that writes the course gradebook.
"""
import shutil
import time
from pathlib import Path

from nbgrader import utils
from nbgrader.api import Assignment, Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook


class Recorder:
    """Records submissions in an open nbgrader Gradebook as `nbgrader autograde` does, several per transaction.

    For each submission: the student if new; the submission with its timestamp, made as nbgrader's
    `add_submission` makes it (a grade per grade and task cell, a comment per solution and task cell) or found
    if graded before; each grade's automatic score and whether it needs a human, each comment's automatic text,
    the late penalty. A transaction ends after `batch` submissions or `seconds`, and at `commit`."""

    def __init__(self, gradebook, submitted, batch=50, seconds=1.0):
        self.db, self.batch, self.seconds = gradebook.db, batch, seconds
        self.students = {student for (student,) in self.db.query(Student.id)}
        self.submitted = set(submitted)  # (student, assignment) graded before (`snapshot.existing`)
        self.assignments = {}
        self.pending, self.since = 0, time.monotonic()

    def add(self, student, assignment, recorded):
        with self.db.no_autoflush:
            if student not in self.students:
                self.db.add(Student(id=student))
                self.students.add(student)
            timestamp = utils.parse_utc(recorded["timestamp"]) if recorded["timestamp"] else None
            if (student, assignment) in self.submitted:
                submission = self.db.query(SubmittedAssignment).join(Assignment).filter(
                    Assignment.name == assignment, SubmittedAssignment.student_id == student).one()
                if timestamp:
                    submission.timestamp = timestamp
            else:
                submission = self._new(student, assignment, timestamp)
            notebook = next(nb for nb in submission.notebooks if nb.notebook.name == recorded["notebook"])
            for grade in notebook.grades:
                grade.auto_score, grade.needs_manual_grade = recorded["grades"][grade.cell.name]
            for comment in notebook.comments:
                comment.auto_comment = recorded["comments"][comment.cell.name]
            notebook.late_submission_penalty = recorded["late_penalty"]
        self.pending += 1
        if self.pending >= self.batch or time.monotonic() - self.since >= self.seconds:
            self.commit()

    def commit(self):
        self.db.commit()
        self.pending, self.since = 0, time.monotonic()

    def _new(self, student, assignment, timestamp):
        if assignment not in self.assignments:
            self.assignments[assignment] = self.db.query(Assignment).filter(Assignment.name == assignment).one()
        submission = SubmittedAssignment(assignment=self.assignments[assignment], student_id=student,
                                         timestamp=timestamp)
        for notebook in self.assignments[assignment].notebooks:
            nb = SubmittedNotebook(notebook=notebook, assignment=submission)
            for cell in notebook.grade_cells:
                Grade(cell=cell, notebook=nb)
            for cell in notebook.solution_cells:
                Comment(cell=cell, notebook=nb)
            for cell in notebook.task_cells:
                Comment(cell=cell, notebook=nb)
                Grade(cell=cell, notebook=nb)
        self.db.add(submission)
        self.submitted.add((student, assignment))
        return submission


def autograded(coursedir, student, assignment, files):
    """autograded/<student>/<assignment>/ anew, with the files (and permissions) nbgrader wrote on the worker."""
    dest = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
    shutil.rmtree(dest, ignore_errors=True)
    for path, (data, mode) in files.items():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_bytes(data)
        (dest / path).chmod(mode)
