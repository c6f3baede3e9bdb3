"""Fill notebooks by grade_id: the one way tests, the demo and benchmarks build submissions."""
import copy
import re

import nbformat

from . import course

_SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def solution_cells(nb):
    """The notebook's solution cells, by grade_id."""
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def reference_answers(assignment, root=course.ROOT):
    """The reference answer of every exercise (solution cells of the source, markers removed), by grade_id."""
    nb = nbformat.read(course.notebook_path("source", assignment, root), as_version=4)
    return {
        grade_id: "\n".join(line for line in cell.source.splitlines() if not _SOLUTION_MARKER.match(line))
        for grade_id, cell in solution_cells(nb).items()
    }


def fill(nb, answers):
    """A copy of ``nb`` whose solution cells named in ``answers`` hold that code instead."""
    nb = copy.deepcopy(nb)
    cells = solution_cells(nb)
    unknown = set(answers) - set(cells)
    if unknown:
        raise KeyError(f"no solution cell with grade_id {sorted(unknown)}")
    for grade_id, code in answers.items():
        cells[grade_id].source = code
    return nb


def write_submission(root, student, assignment, answers):
    """Write student ``student``'s submission: the release notebook with ``answers`` filled in."""
    release = nbformat.read(course.notebook_path("release", assignment, root), as_version=4)
    path = course.notebook_path("submitted", assignment, root, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(fill(release, answers), path)
    return path
