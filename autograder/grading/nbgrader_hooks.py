"""nbgrader's own commands on this course, made as safe as `python -m autograder grade`.

nbgrader_config.py names this preprocessor in place of nbgrader's Execute, so `nbgrader autograde` and
Formgrader's Autograde button (which calls it) run the student's notebook in the grading sandbox, with the
tamper guards and limits of `grade` (execute.run), or refuse where the sandbox is not available.
"""
import dataclasses
import os
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from . import default_limits, execute, pipeline, sandbox

REFUSAL = ("this course runs student code only in its grading sandbox, and bubblewrap does not work here ({why}). "
           "Grade with `python -m autograder grade` (--student ID --assignment ID for one submission) on a machine "
           "with bubblewrap (apt-get install bubblewrap)")


class ExecuteInSandbox(NbGraderPreprocessor):
    """Stands in for nbgrader's Execute in `nbgrader autograde`: executes the sanitized notebook in the sandbox."""

    def preprocess(self, nb, resources):
        kind, why = sandbox.protection()
        if kind != "bubblewrap":
            raise RuntimeError(REFUSAL.format(why=why))
        root = Path(self.config.CourseDirectory.get("root", os.getcwd()))
        info = resources["nbgrader"]
        job = {"key": f"{info['student']}/{info['assignment']}", "notebook": nbformat.writes(nb),
               "files": pipeline.files_in(Path(resources["metadata"]["path"])),
               "limits": dataclasses.asdict(default_limits(root)), "skip": None}
        self.log.info("Executing %s in the grading sandbox", job["key"])
        result = execute.run(job)
        for event in result["events"]:
            self.log.warning("%s: %s", job["key"], event)
        return nbformat.reads(result["notebook"], as_version=4), resources
