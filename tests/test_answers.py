"""Every right answer passes every cell quietly; every wrong one fails its own exercise, and only it.

Each wrong answer is also run against its exercise's hidden tests alone (the visible asserts skipped) and must
fail there with the message fragment named on its first line. Which wrong answers the visible asserts already
catch is recorded per test (``caught_by``) and summed up at the end of the run (conftest). A wrong answer's failure
reaches the student as the course's sentence, never as the student's or a library's own exception.
"""
import functools

import nbformat
import pytest

from autograder import course, report, submissions
from autograder.checks._support import CheckFailed
from answers_catalogue import answers
from notebook_run import cell_id, course_message, run, run_hidden


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


PASSED = 'print("visible checks passed; more checks run when your work is graded")'


@pytest.mark.parametrize("assignment", course.assignments())
def test_students_are_told_what_visible_checks_mean(assignment):
    """Each test cell says when its visible checks pass; the opening text says more run at grading, and to Validate."""
    nb = source(assignment)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            assert cell.source.rstrip().splitlines()[-2:] == ["### END HIDDEN TESTS", PASSED], (
                f"{assignment}/{cell_id(cell, index)} should end with {PASSED} right after its hidden tests")
    intro = nb.cells[0].source
    for words in ("visible checks passed; more checks run when your work is", "Validate",
                  "Kernel → Restart Kernel and Run All Cells…"):
        assert words in " ".join(intro.split()), f"the opening text of {assignment} should say {words!r}"


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


def _tests_of(assignment, exercise):
    """The graded cells (test cells) of one exercise."""
    return [
        cell_id(cell, index) for index, cell in enumerate(source(assignment).cells)
        if cell.metadata.get("nbgrader", {}).get("grade")
        and _owner(cell_id(cell, index), assignment) == exercise
    ]


@pytest.mark.parametrize("answer", answers(), ids=str)
def test_answer(answer, record_property):
    result = run(submissions.fill(source(answer.assignment), {answer.exercise: answer.code}))
    own = {cell for cell in result.errors if _owner(cell, answer.assignment) == answer.exercise}
    if answer.correct:
        assert not result.errors, f"a right answer fails: {result.errors}"
        assert not result.stderr, f"a right answer writes to stderr: {result.stderr}"
        return
    assert own - {answer.exercise}, f"no test of {answer.exercise} catches this wrong answer"
    visible = any(not isinstance(result.errors[cell], CheckFailed) for cell in own - {answer.exercise})
    record_property("caught_by", "visible" if visible else "hidden")
    bare = {cell: result.errors[cell] for cell in own - {answer.exercise} if not course_message(cell, result.errors[cell])}
    assert not bare, "the student's or a library's own exception reaches the student, not a sentence: " + "; ".join(
        f"{cell}: {type(error).__name__}: {error}" for cell, error in sorted(bare.items()))
    others = set(result.errors) - own
    assert not others, f"a wrong {answer.exercise} also breaks other cells: {others}"
    for cell in own - {answer.exercise}:
        error = result.errors[cell]
        assert str(error).strip(), f"{cell} fails with a bare {type(error).__name__}, no message"
        if isinstance(error, AssertionError) and not isinstance(error, CheckFailed):
            assert "\n" not in str(error).strip(), f"{cell}: a visible assert's message should be one sentence"


@pytest.mark.parametrize("answer", answers(), ids=str)
def test_hidden_check(answer):
    """The exercise's hidden tests alone, called on the answer: a right one passes, a wrong one fails with its message."""
    tests = _tests_of(answer.assignment, answer.exercise)
    assert tests, f"{answer.exercise} has no graded test cell"
    if not answer.correct:
        assert answer.expected, (
            f"{answer.path} must start with a line '# expect: <fragment>' naming a fragment of the message "
            "its hidden check gives")
    filled = submissions.fill(source(answer.assignment), {answer.exercise: answer.code})
    result = run_hidden(filled, answer.exercise, tests)
    assert answer.exercise not in result.errors, (
        f"the answer cell itself raises, so no hidden check runs: {result.errors[answer.exercise]!r}")
    others = {cell: error for cell, error in result.errors.items() if cell not in tests}
    assert not others, f"the setup cells fail: {others}"
    if answer.correct:
        assert not result.errors, f"a right answer fails the hidden checks: {result.errors}"
        assert not result.stderr, f"a right answer's hidden checks write to stderr: {result.stderr}"
        return
    assert result.errors, f"no hidden check of {answer.exercise} catches this wrong answer"
    for cell, error in result.errors.items():
        assert isinstance(error, CheckFailed), (
            f"the hidden tests of {cell} fail with {type(error).__name__}: {error}; a check should raise CheckFailed")
    messages = [str(error) for error in result.errors.values()]
    assert any(answer.expected in message for message in messages), (
        f"the hidden check should say {answer.expected!r}; it says {messages}")
    for message in messages:
        assert message.strip() and "\n" not in message.strip(), f"a check's message should be one sentence: {message!r}"
