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
