"""Run a notebook's code cells in this process, cell by cell, recording what each graded cell did.

Far faster than a kernel, so every right and wrong answer can be run through the whole notebook;
tests/test_autograde.py confirms the verdicts with real nbgrader runs. ``run_hidden`` runs one exercise's
hidden tests alone, so a hidden check is tested whatever the visible asserts before it would have caught.
"""
import contextlib
import io
import traceback
import re
import warnings
from dataclasses import dataclass, field

_HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n(.*?)^[ \t]*### END HIDDEN TESTS[ \t]*$", re.M | re.S)


@dataclass
class Run:
    errors: dict = field(default_factory=dict)   # cell id -> the exception it raised
    stderr: dict = field(default_factory=dict)   # cell id -> what it wrote to stderr (warnings included)


def cell_id(cell, index):
    return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index}"


def hidden_tests(source):
    """The code between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` of a test cell ('' if none)."""
    return "".join(_HIDDEN.findall(source))


def _execute(namespace, source, name, result):
    """Execute ``source`` in ``namespace`` as the cell ``name``, recording its exception and stderr in ``result``."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("always")  # every warning shows, as it would in a fresh kernel
        try:
            exec(compile(source, f"<{name}>", "exec"), namespace)
        except Exception as error:
            result.errors[name] = error
    if err.getvalue():
        result.stderr[name] = err.getvalue()


def run(nb):
    """Execute ``nb``'s code cells in one fresh namespace, like a kernel would, and return a Run."""
    namespace = {"__name__": "__main__"}
    result = Run()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            _execute(namespace, cell.source, cell_id(cell, index), result)
    return result


def run_hidden(nb, exercise, tests):
    """Run the setup cells (code that is neither a solution nor graded) and the solution cell ``exercise``,
    then only the hidden-test block of each graded cell named in ``tests``; return a Run.

    The visible asserts of the test cells never run, so each hidden check is called on the answer directly.
    """
    namespace = {"__name__": "__main__"}
    result = Run()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        name, meta = cell_id(cell, index), cell.metadata.get("nbgrader", {})
        if name == exercise:
            _execute(namespace, cell.source, name, result)
        elif name in tests:
            block = hidden_tests(cell.source)
            if not block.strip():
                raise ValueError(f"graded cell {name} has no hidden tests")
            _execute(namespace, block, name, result)
        elif not meta.get("solution") and not meta.get("grade"):
            _execute(namespace, cell.source, name, result)
    return result


def course_message(cell, error):
    """Whether ``error``, raised while running graded cell ``cell``, is the course's sentence (a hidden check's
    CheckFailed, or an AssertionError raised by the cell's own code), not the student's or a library's exception."""
    from autograder.checks._support import CheckFailed
    frames = traceback.extract_tb(error.__traceback__)
    return isinstance(error, CheckFailed) or (
        isinstance(error, AssertionError) and bool(frames) and frames[-1].filename == f"<{cell}>")

