"""The notebook's time limit is enforced by its own watchdog: a cell that ignores interrupts and stays within its
cell time limit cannot hold a worker past the notebook's limit."""
import nbformat
import pytest

from autograder.grading import execute

pytestmark = pytest.mark.slow


def test_the_watchdog_kills_a_notebook_at_its_deadline():
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    stubborn = ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                "t = time.time()\nwhile time.time() - t < 150:\n    pass\nprint('finished')")
    # one stubborn cell, well inside its 300 s cell limit: no interrupt, no kernel death, so neither the cell
    # limit nor the restart cap can end it; only the notebook's 40 s watchdog can, long before the loop's 150 s
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(stubborn),
                nbformat.v4.new_code_cell("y = 2")]
    result = execute.run({"key": "deadline/test", "notebook": nbformat.writes(nb), "files": {},
                          "limits": {"cell_timeout": 300, "submission_timeout": 40}})
    cells = nbformat.reads(result["notebook"], as_version=4).cells
    assert "the notebook ran past its time limit" in result["events"], result["events"]
    assert [o.output_type for o in cells[0].outputs] == [], "the cell before should have run normally"
    assert [(o.output_type, o.get("evalue")) for o in cells[1].outputs] == [
        ("error", "the notebook ran past its time limit of 40 s")], "the stubborn cell must end as an error"
    assert [o.get("evalue") for o in cells[2].outputs] == [
        "not run: the kernel died too often or the time limit was reached"]
    assert result["seconds"] < 150, "the stubborn cell ran to its end"
