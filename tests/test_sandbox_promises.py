"""The README's promises about the sandbox, each checked from inside a real student kernel: the Python environment
is read-only, the hidden checks are bytecode only, the repository is invisible; without bubblewrap grading still
runs under resource limits and says WEAKER PROTECTION; without root, kernels run under the grader's own user id in
a bubblewrap sandbox of their own; staged checks are keyed on what their bytecode depends on."""
import io
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder import course, grading
from autograder.grading import sandbox
from grading_course import execute_cells, make_course, printed_json

pytestmark = pytest.mark.slow
needs_bubblewrap = pytest.mark.skipif(sandbox.protection()[0] != "bubblewrap",
                                      reason="bubblewrap is not usable here (the WEAKER PROTECTION case)")

WRITES = """import errno, json, os, sys
import autograder
where = {"environment": sys.prefix, "base": sys.base_prefix, "site": os.path.dirname(json.__file__),
         "checks": os.path.dirname(autograder.__file__), "usr": "/usr/lib", "etc": "/etc"}
found = {}
for name, folder in where.items():
    try:
        open(os.path.join(folder, "grading-test-write"), "w").close()
        found[name] = "written"
    except OSError as error:
        found[name] = errno.errorcode[error.errno]
print(json.dumps(found))"""

CHECKS = """import glob, json, os
import autograder.checks._support as support
package = os.path.dirname(os.path.dirname(support.__file__))
print(json.dumps({"file": support.__file__, "py": glob.glob(package + "/**/*.py", recursive=True),
                  "pyc": len(glob.glob(package + "/**/*.pyc", recursive=True)),
                  "repository": [p for p in %r if os.path.exists(p)]}))"""

LIMITS = """import json, os, resource
limit = lambda name: resource.getrlimit(getattr(resource, name))[0]
print(json.dumps({"data": limit("RLIMIT_DATA"), "fsize": limit("RLIMIT_FSIZE"), "nproc": limit("RLIMIT_NPROC"),
                  "cwd": os.getcwd(),
                  "repository": os.path.exists(%r)}))"""

REPOSITORY = [str(course.ROOT / "autograder" / "checks"), str(course.ROOT / "source"), str(course.ROOT / "tests")]


@needs_bubblewrap
def test_python_environment_and_system_are_read_only():
    cells, _ = execute_cells("promises/read-only", WRITES)
    found = printed_json(cells[0])
    # EROFS, not merely EACCES: read-only for the kernel whatever its user id may write
    assert found == dict.fromkeys(found, "EROFS"), f"writable or not read-only mounts in the sandbox: {found}"


@needs_bubblewrap
def test_kernel_imports_the_checks_as_bytecode_only_and_sees_no_repository():
    cells, _ = execute_cells("promises/bytecode", CHECKS % REPOSITORY)
    found = printed_json(cells[0])
    assert found["file"].endswith(".pyc") and found["file"].startswith(str(sandbox.staged_checks()))
    assert found["py"] == [], "the sandbox holds source of the checks"
    checks = list((course.ROOT / "autograder" / "checks").glob("*.py"))
    assert found["pyc"] == len(checks) + 1, "every module of the checks (and the package) should be there compiled"
    assert found["repository"] == [], "the kernel sees the repository"


@pytest.mark.skipif(not sandbox.ForkServer.possible(), reason="no fork server here (needs root and bubblewrap)")
def test_forked_kernel_has_the_submission_limits():
    limits = dict(memory=1536 * 1024 ** 2, processes=99, file_size=5 * 1024 ** 2)
    cells, _ = execute_cells("promises/limits", LIMITS % str(course.ROOT / "source"), threads=1, **limits)
    found = printed_json(cells[0])
    assert (found["data"], found["nproc"], found["fsize"]) == tuple(limits.values())


def test_staged_checks_are_keyed_on_the_bytecode_format_and_never_taken_from_another_user(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sandbox._stage.cache_clear()
    try:
        stage = sandbox.staged_checks()
        assert stage.parent == tmp_path and not list(stage.rglob("*.py"))
        assert {p.stem for p in stage.rglob("*.pyc")} >= {"_support", "__init__"}
        sandbox._stage.cache_clear()
        monkeypatch.setattr(sandbox.importlib.util, "MAGIC_NUMBER", b"\x00\x00\r\n")  # another bytecode format
        assert sandbox.staged_checks() != stage, "bytecode of another Python version would be reused"
        monkeypatch.undo()
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        sandbox._stage.cache_clear()
        assert sandbox.staged_checks() == stage
        if os.geteuid() == 0:
            os.chown(stage / "autograder", 65534, 65534)  # as if another user had planted it
            sandbox._stage.cache_clear()
            assert sandbox.staged_checks() != stage, "staged checks written by another user were trusted"
    finally:
        sandbox._stage.cache_clear()  # the next test stages the real ones again


@pytest.fixture
def without_bubblewrap(monkeypatch):
    monkeypatch.setattr(sandbox, "bwrap", lambda: None)
    sandbox.protection.cache_clear()
    yield
    monkeypatch.undo()
    sandbox.protection.cache_clear()




def test_without_bubblewrap_grading_runs_under_limits_and_says_so(without_bubblewrap, tmp_path):
    kind, sentence = sandbox.protection()
    assert kind == "limits-only" and sentence.startswith("WEAKER PROTECTION: bubblewrap")
    assert not sandbox.ForkServer.possible()
    limits = sandbox.Limits(memory=1536 * 1024 ** 2, processes=99, file_size=5 * 1024 ** 2)
    cells, _ = execute_cells("promises/no-bwrap", LIMITS % str(course.ROOT / "source"), memory=limits.memory,
                             processes=limits.processes, file_size=limits.file_size)
    found = printed_json(cells[0])
    assert (found["data"], found["nproc"], found["fsize"]) == (limits.memory, limits.processes, limits.file_size)
    assert found["repository"], "without bubblewrap the kernel sees the machine's files (this is what the line says)"
    root = make_course(tmp_path)
    printed = io.StringIO()
    assert grading.autograde(root, jobs=1, out=printed) == []
    assert printed.getvalue().splitlines()[0] == sentence, "grade must open with the WEAKER PROTECTION line"


NON_ROOT = """import json
from autograder.grading import sandbox
from grading_course import execute_cells, printed_json
cells, _ = execute_cells("nobody/x", %r)
print(json.dumps({"protection": sandbox.protection(), "forks": sandbox.ForkServer.possible(),
                  "kernel": printed_json(cells[0])}))"""

KERNEL = """import json, os, socket
try:
    socket.create_connection(("127.0.0.1", 22), timeout=2)
    network = "reached"
except OSError as error:
    network = type(error).__name__
print(json.dumps({"uid": os.getuid(), "pid": os.getpid(), "network": network,
                  "repository": os.path.exists(%r), "environment_writable": os.access(os.__file__, os.W_OK)}))"""


def _nobody_can_run_python():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    nobody = pwd.getpwnam("nobody").pw_uid
    return subprocess.run(["setpriv", f"--reuid={nobody}", f"--regid={nobody}", "--clear-groups", "test", "-r",
                           str(Path(sys.base_prefix, "lib"))]).returncode == 0


@pytest.mark.skipif(not _nobody_can_run_python(), reason="needs root (to become `nobody` with setpriv) and a Python "
                    f"installation others may read (this one is {sys.base_prefix}); see the simulated test below")
def test_grading_as_an_unprivileged_user():
    """The non-root path, for real: the worker's step runs as `nobody`, so no fork server and no throw-away user
    id; the kernel still gets bubblewrap's namespaces (user namespace included) where the machine allows them."""
    nobody = pwd.getpwnam("nobody").pw_uid
    home = Path(tempfile.mkdtemp(prefix="grading-test-nobody-"))  # pytest's own folders are root's alone
    os.chown(home, nobody, nobody)
    script = NON_ROOT % (KERNEL % str(course.ROOT / "source"))
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "TMPDIR": str(home),
           "PYTHONPATH": os.pathsep.join([str(course.ROOT), str(Path(__file__).parent)])}
    try:
        done = subprocess.run(["setpriv", f"--reuid={nobody}", f"--regid={nobody}", "--clear-groups",
                               sys.executable, "-c", script], cwd=home, env=env, capture_output=True, text=True,
                              timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    kind, sentence = found["protection"]
    assert not found["forks"], "a fork server needs root"
    kernel = found["kernel"]
    assert kernel["uid"] == nobody, "without root the kernel runs as the grader's own user"
    assert not kernel["environment_writable"] and not kernel["repository"]
    if kind == "bubblewrap":
        assert "the grader's user id (run as root for a throw-away one)" in sentence
        assert kernel["pid"] < 10 and kernel["network"] != "reached", "no namespaces without root"
    else:
        pytest.skip(f"this machine forbids unprivileged namespaces: {sentence}")


def test_grading_without_root_simulated(monkeypatch):
    """The non-root code path in this process (as if `os.geteuid()` were not 0): no fork server, no throw-away
    user id, no chown, bubblewrap with a user namespace of its own; the kernel keeps the grader's user id."""
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    sandbox.protection.cache_clear()
    try:
        kind, sentence = sandbox.protection()
        assert not sandbox.ForkServer.possible()
        cells, _ = execute_cells("promises/non-root", KERNEL % str(course.ROOT / "source"))
        kernel = printed_json(cells[0])
    finally:
        monkeypatch.undo()
        sandbox.protection.cache_clear()
    assert kernel["uid"] == os.getuid(), "without root the kernel keeps the grader's user id"
    if kind == "bubblewrap":
        assert "the grader's user id (run as root for a throw-away one)" in sentence
        assert kernel["pid"] < 10 and kernel["network"] != "reached" and not kernel["repository"]
