"""Feedback HTML rendered on a Dask worker, so the instructor's process does not spend its time in nbconvert.

`nbgrader generate_feedback` reads the grades from the gradebook (GetGrades), then renders the autograded notebook
with nbconvert's HTMLExporter, nbgrader's feedback template (feedback_template: in the notebook's language) and
the course's feedback preprocessors (HideHiddenTests: no hidden-test text). Here the same grades are read
beforehand (`grades`, from the gradebook nbgrader just wrote them to) and the same notebook is rendered with the
same exporter, template and preprocessors (`render`): only GetGrades is replaced, by `GivenGrades`, which puts
those grades where GetGrades puts them. HideHiddenTests reads the assignment's cells as released from the gradebook
the job names (on a worker, its course folder's: `snapshot.course_folder`). The exporter is built once per worker
process, so its templates are compiled once.
"""
import copy
import hashlib
import os
import shutil
import threading
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader import utils
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor

from .. import feedback_template
from .feedback import HideHiddenTests

_lock = threading.Lock()  # worker threads share the exporters below
_exporters = {}  # config digest -> HTMLExporter


class GivenGrades(NbGraderPreprocessor):
    """GetGrades with the grades read beforehand (`grades`), from resources['nbgrader']."""

    def preprocess(self, nb, resources):
        given = resources["nbgrader"].pop("grades")
        nb, resources = super().preprocess(nb, {**resources, "given": given})
        resources.pop("given")
        resources["nbgrader"].update(score=given["score"], max_score=given["max_score"],
                                     late_penalty=given["late_penalty"])
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        given, meta = resources["given"], cell.metadata.get("nbgrader")
        if utils.is_solution(cell) or utils.is_task(cell):
            meta["comment"] = given["comments"][meta["grade_id"]]
        if utils.is_grade(cell) or utils.is_task(cell):
            meta["score"], meta["points"] = given["grades"][meta["grade_id"]]
        return cell, resources


def preprocessors():
    """The feedback preprocessors `feedback.generate` gives nbgrader, with GetGrades replaced by GivenGrades."""
    return [GivenGrades if pp is GetGrades else pp
            for pp in [*GenerateFeedback.class_traits()["preprocessors"].default(), HideHiddenTests]]


def grades(gradebook, student, assignment, notebook):
    """What GetGrades reads for one submitted notebook, from an open nbgrader Gradebook (its session is ended
    afterwards, so no read transaction is left open in the instructor's process)."""
    try:
        nb = gradebook.find_submission_notebook(notebook, assignment, student)
        late = nb.late_submission_penalty or 0
        return {"grades": {g.name: (g.score, g.max_score) for g in nb.grades},
                "comments": {c.name: c.comment for c in nb.comments},
                "score": nb.score - late, "max_score": nb.max_score, "late_penalty": late}
    finally:
        gradebook.db.rollback()


def job(config, student, assignment, notebook, text, given, db_url):
    """The task's input: the instructor's nbgrader `config`, the autograded notebook's JSON `text`, its `given`
    grades (`grades`) and `db_url`, a gradebook holding the assignment's cells as released."""
    return {"config": config, "student": student, "assignment": assignment, "notebook": notebook, "text": text,
            "grades": given, "db_url": db_url}


def render(job):
    """The feedback HTML of one submitted notebook (runs on a worker)."""
    nb = nbformat.reads(job["text"], as_version=4)
    resources = {"unique_key": job["notebook"], "output_files_dir": f"{job['notebook']}_files",
                 "metadata": {"name": job["notebook"], "path": ""},
                 "nbgrader": {"student": job["student"], "assignment": job["assignment"],
                              "notebook": job["notebook"], "grades": job["grades"],
                              "db_url": job["db_url"]}}
    exporter = _exporter(feedback_template.config(job["config"], nb))  # in the notebook's language
    with _lock:  # one exporter per process: its preprocessors keep state while they run
        html, _ = exporter.from_notebook_node(nb, resources=resources)
    return html


def write(coursedir, student, assignment, notebook, html):
    """Write feedback/<student>/<assignment>/ as `nbgrader generate_feedback --force` does: the folder anew, with
    the autograded folder's other files, the HTML, and nbgrader's file permissions."""
    source = coursedir.format_path(coursedir.autograded_directory, student, assignment)
    dest = Path(coursedir.format_path(coursedir.feedback_directory, student, assignment))
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for filename in utils.find_all_files(source, coursedir.ignore + ["*.ipynb"]):
        path = dest / os.path.relpath(filename, source)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(filename, path)
    (dest / f"{notebook}.html").write_text(html, encoding="utf-8")
    permissions = 0o664 if coursedir.groupshared else 0o644
    for path in dest.rglob("*"):
        if path.is_file():
            path.chmod(permissions)


def _exporter(config):
    key = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in config.items())).encode()).hexdigest()
    with _lock:
        if key not in _exporters:
            config = copy.deepcopy(config)
            converter = GenerateFeedback(coursedir=CourseDirectory(config=config), config=config)
            exporter = HTMLExporter(parent=converter, config=converter.config)
            for pp in preprocessors():
                exporter.register_preprocessor(pp)
            _exporters[key] = exporter
        return _exporters[key]

