"""A tiny nbgrader course for the grading tests: one assignment, two exercises, visible and hidden tests.

Built in a temporary folder so the grading tests do not depend on the course's own sections. Its hidden tests
call `autograder.checks._support.fail`, as the real checks do.
"""
import nbformat

from autograder import grading, submissions

ASSIGNMENT = "01_tiny"
NOTEBOOK = "tiny.ipynb"
MAXIMA = {"double": 2.0, "total": 1.0}

HIDDEN_DOUBLE = '''### BEGIN HIDDEN TESTS
from autograder.checks._support import fail
if double(torch.tensor([3.0, -1.5])).tolist() != [6.0, -3.0]:
    fail("double(x) must return 2 * x for every element (hidden check)")
### END HIDDEN TESTS'''
HIDDEN_TOTAL = '''### BEGIN HIDDEN TESTS
from autograder.checks._support import fail
if float(total(torch.arange(5.0))) != 10.0:
    fail("total(x) must add up all elements (hidden check)")
### END HIDDEN TESTS'''


def _cell(kind, source, grade_id=None, **flags):
    cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
    if grade_id:
        meta = {"grade": False, "solution": False, "locked": False, "grade_id": grade_id, "schema_version": 3}
        meta.update(flags)
        cell.metadata["nbgrader"] = meta
    return cell


def source_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        _cell("markdown", "# Tiny assignment"),
        _cell("code", "import torch", "setup", locked=True),
        _cell("markdown", "Write `double(x)` returning twice `x`."),
        _cell("code", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION", "double",
              solution=True),
        _cell("code", "assert double(torch.ones(2)).tolist() == [2.0, 2.0], 'double(ones) should be twos'\n"
              + HIDDEN_DOUBLE, "test_double", grade=True, locked=True, points=2),
        _cell("markdown", "Write `total(x)` returning the sum of all elements."),
        _cell("code", "def total(x):\n    ### BEGIN SOLUTION\n    return x.sum()\n    ### END SOLUTION", "total",
              solution=True),
        _cell("code", "assert float(total(torch.ones(3))) == 3.0, 'total(ones(3)) should be 3'\n" + HIDDEN_TOTAL,
              "test_total", grade=True, locked=True, points=1),
    ]
    return nb


RIGHT = {"double": "def double(x):\n    return x + x", "total": "def total(x):\n    return torch.sum(x)"}
WRONG_TOTAL = {**RIGHT, "total": "def total(x):\n    return x.mean() * 3"}  # visible test passes, hidden fails


def make_course(root):
    """Write source/, release it (creating gradebook.db) and return root."""
    path = root / "source" / ASSIGNMENT / NOTEBOOK
    path.parent.mkdir(parents=True)
    nbformat.write(source_notebook(), path)
    grading.release(root)
    return root


def submit(root, student, answers):
    return submissions.write_submission(root, student, ASSIGNMENT, answers)


def execute_cells(key, *codes, **limits):
    """Run `codes` as the cells of one notebook through the worker's step (execute.run, in this process):
    returns (the executed cells, execute.run's result)."""
    from autograder.grading import execute
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(code) for code in codes]
    result = execute.run({"key": key, "notebook": nbformat.writes(nb), "files": {}, "limits": limits})
    return nbformat.reads(result["notebook"], as_version=4).cells, result


def printed_json(cell):
    """The JSON value a cell printed on its last line of stdout (the cell must have no other output)."""
    import json
    assert [o.output_type for o in cell.outputs] == ["stream"], cell.outputs
    return json.loads(cell.outputs[0].text.strip().splitlines()[-1])
