import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the test helpers beside this file

from autograder import course, grading  # noqa: E402
from autograder.grading import sandbox  # noqa: E402


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory):
    """A fresh course folder holding a copy of source/, released there by `grading.release`."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(course.ROOT / "source", root / "source")
    grading.release(root)
    return root


@pytest.fixture(autouse=True, scope="module")
def _stop_fork_servers():
    """Tests that execute notebooks in this process start a fork server here: stop it when their module is done."""
    yield
    sandbox.ForkServer.shutdown()


def pytest_terminal_summary(terminalreporter):
    """After test_answers: which wrong answers the visible asserts already catch (students learn of them before
    grading), per exercise; the others only the hidden checks catch."""
    caught = {}
    for report in terminalreporter.stats.get("passed", []):
        properties = dict(report.user_properties)
        kind = properties.get("caught_by")
        if kind:
            answer = report.nodeid.partition("[")[2].rstrip("]")
            exercise, _, name = answer.rpartition("/")
            caught.setdefault(exercise, {}).setdefault(kind, []).append(name)
    if not caught:
        return
    terminalreporter.write_sep("-", "wrong answers the visible asserts already catch")
    for exercise, kinds in sorted(caught.items()):
        visible = kinds.get("visible", [])
        total = len(visible) + len(kinds.get("hidden", []))
        terminalreporter.write_line(f"{exercise}: {len(visible)} of {total}" + (f": {', '.join(visible)}" if visible else ""))
    visible = sum(len(kinds.get("visible", [])) for kinds in caught.values())
    total = sum(len(names) for kinds in caught.values() for names in kinds.values())
    terminalreporter.write_line(f"in all: {visible} of {total} wrong answers are caught by visible asserts")
