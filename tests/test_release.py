"""release/ is exactly what nbgrader generates from source/ today, and gives nothing away."""
import re

import nbformat
import pytest

from autograder import course

_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def _notebooks(step, root):
    return {a: nbformat.read(course.notebook_path(step, a, root), as_version=4) for a in course.assignments()}


@pytest.mark.parametrize("assignment", course.assignments())
def test_release_is_generated_from_source(course_copy, assignment):
    committed = course.notebook_path("release", assignment)
    assert committed.exists(), f"{committed} is missing: run python -m autograder release"
    fresh = course.notebook_path("release", assignment, course_copy)
    assert nbformat.read(committed, as_version=4) == nbformat.read(fresh, as_version=4), (
        f"{committed} is out of date with source/: run python -m autograder release")


@pytest.mark.parametrize("assignment", course.assignments())
def test_release_gives_nothing_away(assignment):
    source = nbformat.read(course.notebook_path("source", assignment), as_version=4)
    text = course.notebook_path("release", assignment).read_text()
    release = nbformat.reads(text, as_version=4)
    assert "### BEGIN" not in text and "### END" not in text
    assert "autograder.checks" not in text, "a hidden test reached the release"
    for cell in release.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "the release must hold no outputs"
    for cell in source.cells:
        for solution in _BLOCK.findall(cell.source):
            assert solution.strip() not in text, "solution code reached the release"
