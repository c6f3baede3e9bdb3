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
NO_DOUBLE = {"double": 0.0, "total": 1.0}


def _with_total(prefix, answers=RIGHT):
    """The right submission whose `total` cell first runs `prefix`."""
    return lambda root, student: submit(root, student, {**answers, "total": prefix + "\n" + answers["total"]})


def _with_double(prefix, answers=RIGHT):
    """The right submission whose `double` cell (the first exercise) first runs `prefix`."""
    return lambda root, student: submit(root, student, {**answers, "double": prefix + "\n" + answers["double"]})


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
    def change(nb, _):  # a wrong `total` that only the restored hidden test catches
        _by_id(nb, "test_total").source = "pass  # no tests here"
        _by_id(nb, "total").source = WRONG_TOTAL["total"]
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

# Right submissions that print, after the hidden test of `double` ran, what the kernel could remember of it
HISTORY_IN = "print('\\n'.join(In))"
HISTORY_IH = "print(_ih)\nprint({name: value for name, value in globals().items() if name.startswith('_i')})"
HISTORY_MANAGER = ("shell = get_ipython()\nprint(shell.history_manager.input_hist_raw)\n"
                   "print(list(shell.history_manager.get_range()))\n"
                   "print(getattr(shell.last_execution_result, 'info', None))")
LINECACHE = ("import linecache\nfor entry in list(linecache.cache.values()):\n"
             "    if len(entry) == 4 and entry[1] is None:  # IPython's cells\n        print(''.join(entry[2]))")
# student code that the hidden test calls prints the code of its caller, the test cell, into that cell's output
FRAME_CONTEXT = """def double(x):
    import inspect, linecache, sys
    for frame in inspect.stack():
        print(frame.code_context)
    print(''.join(linecache.getlines(sys._getframe(1).f_code.co_filename)))
    return x + x"""
# registers a hook that kills the kernel before every later cell, its re-run included
KILLS_EVERY_CELL = "import os\nget_ipython().events.register('pre_run_cell', lambda info: os._exit(0))"
# runs fine once, kills the kernel when re-run after `total` killed it
KILLS_WHEN_RERUN = "import os\nif os.path.exists('ran-once'):\n    os._exit(0)\nopen('ran-once', 'w').close()"
KILLS_TOTAL = {**RIGHT, "total": "import os\nos._exit(0)\n" + RIGHT["total"]}

CATALOGUE = {
    "malformed-json": (malformed, ZERO, True),
    "missing-notebook": (missing, ZERO, True),
    "renamed-notebook": (renamed, ZERO, True),
    "deleted-test-cell": (deleted_test, NO_TOTAL, False),
    "edited-test-cell": (edited_test, NO_TOTAL, False),
    "edited-metadata": (edited_metadata, NO_TOTAL, False),
    "infinite-loop": (_with_total("import time\nt = time.time()\nwhile time.time() - t < 60:\n    pass"), NO_TOTAL, False),
    "sys-exit": (_with_total("import sys\nsys.exit()"), NO_TOTAL, True),
    "os-exit": (_with_double("import os\nos._exit(0)"), NO_DOUBLE, True),
    "segfault": (_with_double("import ctypes\nctypes.string_at(0)"), NO_DOUBLE, True),
    "memory-bomb": (_with_double("chunks = []\nfor _ in range(6):\n    chunks.append(bytes(1 << 30))"),
                    NO_DOUBLE, False),
    "kills-every-cell": (_with_double(KILLS_EVERY_CELL), ZERO, True),
    "kills-when-re-run": (_with_double(KILLS_WHEN_RERUN, KILLS_TOTAL), NO_TOTAL, True),
    "process-flood": (_with_total("import os, time\nfor _ in range(3000):\n    if os.fork() == 0:\n"
                                  "        time.sleep(2)\n        os._exit(0)"), NO_TOTAL, True),
    "lingering-daemon": (_with_total("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                                     "        time.sleep(300)\n    os._exit(0)\nos.wait()"), FULL, True),
    "megabytes-of-output": (_with_total("print('x' * 20_000_000)"), FULL, False),
    "writes-outside": (writes_outside, FULL, False),
    "reads-hidden-tests": (reads_hidden, FULL, True),
    "monkeypatch": (_with_total(MONKEYPATCH, WRONG_TOTAL), NO_TOTAL, True),
    "prints-In": (_with_total(HISTORY_IN), FULL, True),
    "prints-_ih": (_with_total(HISTORY_IH), FULL, True),
    "prints-history-manager": (_with_total(HISTORY_MANAGER), FULL, True),
    "prints-linecache": (_with_total(LINECACHE), FULL, True),
    "prints-frame-context": (lambda root, student: submit(root, student, {**RIGHT, "double": FRAME_CONTEXT}), FULL,
                             True),
}
HIDDEN_TEXT_ROUTES = ("prints-In", "prints-_ih", "prints-history-manager", "prints-linecache", "prints-frame-context")
