"""Fast checks of the grading pieces that need no kernel: guards, flags, progress, clean-up (the feedback filter:
test_feedback.py)."""
import io
import os
import subprocess
import tempfile

import nbformat

from autograder.grading import flags, guard, pipeline, sandbox, worker_grade
from autograder.grading.progress import Progress
from grading_course import source_notebook


def test_guards_go_before_the_first_cell_and_every_test_cell():
    nb = source_notebook()
    guarded, positions = guard.insert(nb, "n")
    tests = [i for i, c in enumerate(guarded.cells) if c.metadata.get("nbgrader", {}).get("grade")]
    assert 0 in positions and all(i - 1 in positions for i in tests)
    assert [c for i, c in enumerate(guarded.cells) if i not in positions] == nb.cells


def test_a_silenced_guard_is_reported():
    nb = source_notebook()
    guarded, positions = guard.insert(nb, "n")
    for i in positions:
        guarded.cells[i].execution_count = 1
        guarded.cells[i].outputs = [nbformat.v4.new_output("stream", name="stdout", text="nothing\n")]
    assert guard.collect(guarded, positions, "n") == ["a tamper guard was silenced (its output is missing)"]
    cell = guarded.cells[min(positions)]
    cell.outputs[0].text = f'{guard.TAG} n-0 ["torch.allclose was replaced"]\n'
    assert "tampering repaired: torch.allclose was replaced" in guard.collect(guarded, positions, "n")


def test_scan_flags_reaching_for_the_checks_but_not_plain_solutions():
    nb = source_notebook()
    assert flags.scan(nb) == []
    nb.cells[3].source = "import autograder.checks._support as s\ns.fail = print"
    assert any("autograder" in r for r in flags.scan(nb))
    nb.cells[3].source = "torch.allclose = lambda *a, **k: True"
    assert flags.scan(nb) == ["code replaces a library function"]


def test_progress_counts_failures_and_time_left():
    out = io.StringIO()
    bar = Progress(2, out)
    bar.update("a/x")
    bar.update("b/x", ok=False)
    lines = out.getvalue().splitlines()
    assert "1/2 graded, 0 failed" in lines[0] and "s left" in lines[0]
    assert "2/2 graded, 1 failed" in lines[1] and "FAILED" in lines[1]


def test_sandbox_folders_of_dead_grading_processes_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale, live = tmp_path / f"grading-{gone.pid}-kernel-x", tmp_path / f"grading-{os.getpid()}-kernel-y"
    checks = tmp_path / "grading-checks-311-abc"  # shared by all runs, not owned by a process
    for folder in (stale, live, checks):
        (folder / "work").mkdir(parents=True)
    sandbox.remove_stale.cache_clear()
    sandbox.remove_stale()
    assert not stale.exists() and live.exists() and checks.exists()


def test_a_submission_sends_its_files_but_not_what_a_link_points_to(tmp_path):
    (tmp_path / "data.txt").write_text("mine")
    (tmp_path / "secret").symlink_to("/etc/passwd")  # a link in a student's upload reaches the grading machine
    assert pipeline.files_in(tmp_path) == {"data.txt": b"mine"}
    folder = tmp_path / "submitted" / "alice" / "01_a"
    folder.mkdir(parents=True)
    (folder / "a.ipynb").symlink_to("/etc/hostname")
    (folder / "b.ipynb").write_text("{}")
    assert worker_grade.job("alice", "01_a", tmp_path, {}, None, False)["submission"] == {"b.ipynb": b"{}"}
