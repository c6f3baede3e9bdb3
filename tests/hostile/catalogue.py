"""Broken and hostile submissions of the tiny course (tests/grading_course.py), each built from a correct one.

Every entry is bounded, so a failing sandbox cannot take the machine down: loops stop after 60 s, the memory bomb
at 6 GiB, the process flood after 3000 short-lived processes, the daemon after 300 s, output at 20 MB.

An entry: name -> (build(root, student), deserved scores {"double": x, "total": y}, flag expected?).
`build` writes submitted/<student>/01_tiny/ itself.
"""
from pathlib import Path

import nbformat

from autograder import course
from grading_course import ASSIGNMENT, RIGHT, WRONG_TOTAL, submit

FULL = {"double": 2.0, "total": 1.0}
NO_TOTAL = {"double": 2.0, "total": 0.0}
ZERO = {"double": 0.0, "total": 0.0}


def _with_total(prefix, answers=RIGHT):
    """The right submission whose `total` cell first runs `prefix`."""
    return lambda root, student: submit(root, student, {**answers, "total": prefix + "\n" + answers["total"]})


def _notebook(root, student, change):
    path = submit(root, student, RIGHT)
    nb = nbformat.read(path, as_version=4)
    change(nb, path)
    if path.exists():
        nbformat.write(nb, path)
    return path


def _by_id(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def malformed(root, student):
    path = submit(root, student, RIGHT)
    path.write_text(path.read_text()[:-200] + "{oops")


def missing(root, student):
    path = submit(root, student, RIGHT)
    path.unlink()
    (path.parent / "notes.txt").write_text("I forgot the notebook")


def renamed(root, student):
    path = submit(root, student, RIGHT)
    path.rename(path.with_name("tiny (copy).ipynb"))


def deleted_test(root, student):
    _notebook(root, student, lambda nb, _: nb.cells.remove(_by_id(nb, "test_total")))


def edited_test(root, student):
    def change(nb, _):
        _by_id(nb, "test_total").source = "pass  # no tests here"
    _notebook(root, student, change)


def edited_metadata(root, student):
    def change(nb, _):
        _by_id(nb, "test_double").metadata.nbgrader["points"] = 100
        _by_id(nb, "test_total").metadata.nbgrader["grade"] = False
        _by_id(nb, "total").source = "def total(x):\n    return 0"  # wrong, and hoping the test is ignored
    _notebook(root, student, change)


def writes_outside(root, student):
    others = Path(root, "submitted")
    targets = [Path(root, "gradebook.db"), course.notebook_path("source", ASSIGNMENT, root),
               course.notebook_path("release", ASSIGNMENT, root), others / "right" / ASSIGNMENT / "tiny.ipynb",
               Path(root, "evil.txt"), Path("/tmp/evil-grading.txt"), Path("../../evil.txt")]
    code = ("for target in %r:\n"
            "    try:\n"
            "        with open(target, 'a') as f:\n"
            "            f.write('HACKED')\n"
            "    except OSError:\n"
            "        pass\n") % [str(t) for t in targets]
    _with_total(code)(root, student)


def reads_hidden(root, student):
    code = ("import glob, os\n"
            "found = []\n"
            "for pattern in ['*.ipynb', '../*.ipynb', '../../**/*.ipynb', '%s/autograder/**/*.py', '%s/**/*.ipynb']:\n"
            "    found += glob.glob(pattern, recursive=True)\n"
            "import autograder.checks._support as s\n"
            "assert not os.path.exists(s.__file__.replace('.pyc', '.py')), 'source visible'\n"
            "assert not found, found\n") % (course.ROOT, root)
    _with_total(code)(root, student)


MONKEYPATCH = """import builtins, torch
import autograder.checks._support as support
support.fail = lambda message: None
support.CheckFailed = type('Never', (Exception,), {})
torch.allclose = lambda *a, **k: True
builtins.len = lambda x: 0 if False else x.__len__()
"""

CATALOGUE = {
    "malformed-json": (malformed, ZERO, True),
    "missing-notebook": (missing, ZERO, True),
    "renamed-notebook": (renamed, ZERO, True),
    "deleted-test-cell": (deleted_test, NO_TOTAL, False),
    "edited-test-cell": (edited_test, FULL, False),
    "edited-metadata": (edited_metadata, NO_TOTAL, False),
    "infinite-loop": (_with_total("import time\nt = time.time()\nwhile time.time() - t < 60:\n    pass"), NO_TOTAL, False),
    "sys-exit": (_with_total("import sys\nsys.exit()"), NO_TOTAL, True),
    "os-exit": (_with_total("import os\nos._exit(0)"), NO_TOTAL, True),
    "segfault": (_with_total("import ctypes\nctypes.string_at(0)"), NO_TOTAL, True),
    "memory-bomb": (_with_total("chunks = []\nfor _ in range(24):\n    chunks.append(bytearray(256 << 20))"),
                    NO_TOTAL, False),
    "process-flood": (_with_total("import os, time\nfor _ in range(3000):\n    if os.fork() == 0:\n"
                                  "        time.sleep(2)\n        os._exit(0)"), NO_TOTAL, True),
    "lingering-daemon": (_with_total("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                                     "        time.sleep(300)\n    os._exit(0)\nos.wait()"), FULL, True),
    "megabytes-of-output": (_with_total("print('x' * 20_000_000)"), FULL, False),
    "writes-outside": (writes_outside, FULL, False),
    "reads-hidden-tests": (reads_hidden, FULL, True),
    "monkeypatch": (_with_total(MONKEYPATCH, WRONG_TOTAL), NO_TOTAL, True),
}
