"""Feedback for students: nbgrader's generate_feedback with the hidden tests taken out.

Each graded test cell shows the code the student was given (the release version of that cell, so never the
hidden part), nbgrader's points, and for a failure only the error's name and message (the check's one
sentence), not a traceback that would quote hidden lines.
"""
import copy

import nbformat
from nbgrader.converters import GenerateFeedback
from nbgrader.preprocessors import NbGraderPreprocessor

from .. import course


class HideHiddenTests(NbGraderPreprocessor):
    """Replace each test cell's source by its release version and its error tracebacks by the message alone."""

    root = course.ROOT  # set by `generate` for the course being graded

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        release = nbformat.read(course.notebook_path("release", info["assignment"], self.root), as_version=4)
        visible = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in release.cells}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            cell.source = visible.get(meta.get("grade_id"), "# (test code not shown)")
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return nb, resources


def generate(root, student, assignment):
    HideHiddenTests.root = root
    api = course.api(root)
    config = copy.deepcopy(api.config)
    config.GenerateFeedback.preprocessors = [*GenerateFeedback.class_traits()["preprocessors"].default(), HideHiddenTests]
    api.config = config
    return api.generate_feedback(assignment, student, force=True)
