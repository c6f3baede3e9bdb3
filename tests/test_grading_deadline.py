"""A notebook that ignores interrupts cannot hold a worker past the notebook's time limit."""
import time

import nbformat
import pytest

from autograder.grading import execute

pytestmark = pytest.mark.slow


def test_a_kernel_ignoring_interrupts_is_killed_at_the_deadline():
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    stubborn = ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                "t = time.time()\nwhile time.time() - t < 60:\n    pass")
    # a stubborn cell is abandoned after its 3 s limit and the rest goes on in a fresh kernel; six of them in a
    # row outlast the notebook's 15 s budget, and the sandbox is killed then
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), *(nbformat.v4.new_code_cell(stubborn) for _ in range(6))]
    started = time.monotonic()
    result = execute.run({"key": "deadline/test", "notebook": nbformat.writes(nb), "files": {},
                          "limits": {"cell_timeout": 3, "submission_timeout": 15}})
    took = time.monotonic() - started
    assert took < 45, f"the notebook ran {took:.0f} s past a 15 s limit"
    cells = nbformat.reads(result["notebook"], as_version=4).cells
    for cell in cells[1:]:
        assert [o.output_type for o in cell.outputs] == ["error"], "every stubborn cell must end as an error"
    assert "the notebook ran past its time limit" in result["events"] or (
        "some cells were not run (the kernel died too often, or time ran out)" in result["events"])
