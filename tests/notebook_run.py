"""Run a notebook's code cells in this process, cell by cell, recording what each graded cell did.

Far faster than a kernel, so every right and wrong answer can be run through the whole notebook;
tests/test_autograde.py confirms the verdicts with real nbgrader runs.
"""
import contextlib
import io
import warnings
from dataclasses import dataclass, field


@dataclass
class Run:
    errors: dict = field(default_factory=dict)   # cell id -> the exception it raised
    stderr: dict = field(default_factory=dict)   # cell id -> what it wrote to stderr (warnings included)


def cell_id(cell, index):
    return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index}"


def run(nb):
    """Execute ``nb``'s code cells in one fresh namespace, like a kernel would, and return a Run."""
    namespace = {"__name__": "__main__"}
    result = Run()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        name = cell_id(cell, index)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("always")  # every warning shows, as it would in a fresh kernel
            try:
                exec(compile(cell.source, f"<{name}>", "exec"), namespace)
            except Exception as error:
                result.errors[name] = error
        if err.getvalue():
            result.stderr[name] = err.getvalue()
    return result
