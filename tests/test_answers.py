"""Every right answer passes every cell quietly; every wrong one fails its own exercise, and only it."""
import functools

import nbformat
import pytest

from autograder import course, report, submissions
from autograder.checks._support import CheckFailed
from answers_catalogue import answers
from notebook_run import run


@functools.cache
def source(assignment):
    return nbformat.read(course.notebook_path("source", assignment), as_version=4)


@pytest.mark.parametrize("assignment", course.assignments())
def test_every_exercise_has_its_catalogue(assignment):
    exercises = report.exercises(assignment)
    kept = answers(assignment)
    for exercise in exercises:
        ok = [a for a in kept if a.exercise == exercise and a.correct]
        bad = [a for a in kept if a.exercise == exercise and not a.correct]
        assert len(ok) >= 2 and len(bad) >= 4, (
            f"{assignment}/{exercise} keeps {len(ok)} right and {len(bad)} wrong answers; need 2 and 4")
    strays = {a.exercise for a in kept} - set(exercises)
    assert not strays, f"answers for exercises that {assignment} does not have: {sorted(strays)}"


@pytest.mark.parametrize("assignment", course.assignments())
def test_reference_passes_quietly(assignment):
    result = run(source(assignment))
    assert not result.errors, f"the reference solution fails: {result.errors}"
    assert not result.stderr, f"the reference solution writes to stderr: {result.stderr}"


@functools.cache
def _exercises(assignment):
    return report.exercises(assignment)


def _owner(cell, assignment):
    """The exercise a cell belongs to (its solution or test cell), or None."""
    exercises = _exercises(assignment)
    if cell in exercises:
        return cell
    if cell.startswith("test_"):
        return report.exercise_of(cell, exercises)
    return None


@pytest.mark.parametrize("answer", answers(), ids=str)
def test_answer(answer):
    result = run(submissions.fill(source(answer.assignment), {answer.exercise: answer.code}))
    own = {cell for cell in result.errors if _owner(cell, answer.assignment) == answer.exercise}
    if answer.correct:
        assert not result.errors, f"a right answer fails: {result.errors}"
        assert not result.stderr, f"a right answer writes to stderr: {result.stderr}"
        return
    assert own - {answer.exercise}, f"no test of {answer.exercise} catches this wrong answer"
    others = set(result.errors) - own
    assert not others, f"a wrong {answer.exercise} also breaks other cells: {others}"
    for cell in own - {answer.exercise}:
        error = result.errors[cell]
        assert str(error).strip(), f"{cell} fails with a bare {type(error).__name__}, no message"
        if isinstance(error, AssertionError) and not isinstance(error, CheckFailed):
            assert "\n" not in str(error).strip(), f"{cell}: a visible assert's message should be one sentence"
