"""Kernels are forked by a worker's fork server (this fails, rather than passes, if grading silently fell back to
kernels started one by one); kernels forked one after another share nothing: no processes, no folders, no temp
dir, no random state, no IPC namespace; without the server, each kernel starts in a bubblewrap sandbox of its own.

Needs what the fork server needs (root and bubblewrap); elsewhere kernels start one by one in their own sandbox.
"""
import json
import os

import psutil
import pytest

from autograder.grading import sandbox
from grading_course import execute_cells, printed_json

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sandbox.ForkServer.possible(),
                                                   reason="no fork server here (needs root and bubblewrap)")]

FIRST = """import os, time, json
if os.fork() == 0:  # a daemon that would outlive the notebook
    os.setsid()
    if os.fork() == 0:
        time.sleep(300)
    os._exit(0)
os.wait()
open("mine.txt", "w").write("private")
print(json.dumps({"uid": os.getuid(), "cwd": os.getcwd()}))"""

SECOND = """import os, json, tempfile
first = json.loads(%r)
others = []
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status") if ":" in line)
    except OSError:
        continue
    uid = int(status["Uid"].split()[0])
    if uid not in (0, os.getuid()) and not status["State"].strip().startswith("Z"):  # a zombie has ended
        others.append(pid)
try:
    seen = os.listdir(first["cwd"])
except OSError as error:
    seen = type(error).__name__
with tempfile.NamedTemporaryFile() as f:
    temp = os.path.dirname(f.name)
print(json.dumps({"uid": os.getuid(), "others": others, "seen": seen, "temp_is_own": temp == os.getcwd()}))"""

# what only a forked kernel has (its parent is the fork server's supervisor), and its fresh state
IDENTITY = """import os, sys, json, random, numpy
parent = open(f"/proc/{os.getppid()}/cmdline", "rb").read().split(b"\\0")
print(json.dumps({"parent": [p.decode(errors="replace")[:40] for p in parent if p],
                  "numpy": numpy.random.rand(), "random": random.random(),
                  "ipc": os.readlink("/proc/self/ns/ipc"), "uid": os.getuid()}))"""


def _run(key, code):
    cells, _ = execute_cells(key, code, threads=1)
    return printed_json(cells[0])


def _forked(seen):
    return seen["parent"][-2] == "serve" and seen["parent"][1] == "-c"


def test_kernels_are_forked_and_each_starts_afresh():
    one, two = _run("student-a/identity", IDENTITY), _run("student-b/identity", IDENTITY)
    for seen in (one, two):
        assert _forked(seen), f"the kernel was not forked by the fork server (its parent: {seen['parent']})"
    assert one["uid"] == sandbox.sandbox_uid("student-a/identity") != two["uid"]
    assert one["numpy"] != two["numpy"], "forked kernels share numpy's random state (not reseeded)"
    assert one["random"] != two["random"], "forked kernels share the random module's state"
    server = psutil.Process(sandbox.ForkServer._running[1].process.pid).children(recursive=True)
    shared = {os.readlink(f"/proc/{p.pid}/ns/ipc") for p in server if "serve" in p.cmdline()}
    assert shared and one["ipc"] not in shared and two["ipc"] not in shared, (
        "a forked kernel shares the fork server's IPC namespace")


def test_the_next_kernel_sees_nothing_of_the_last(monkeypatch):
    swept = []
    sweep = sandbox.ForkServer.sweep
    monkeypatch.setattr(sandbox.ForkServer, "sweep", lambda self, uid: (swept.append(uid), sweep(self, uid)))
    first = _run("student-a/fork", FIRST)
    uid = sandbox.sandbox_uid("student-a/fork")
    # the end of a notebook waits for the fork server's sweep: nothing of its user id runs once `run` returns
    assert swept == [uid], "the worker did not ask the fork server to sweep the submission's processes"
    assert [p.pid for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid] == []
    second = _run("student-b/fork", SECOND % json.dumps(first))
    assert second["uid"] != first["uid"], "two submissions ran under one user id"
    assert second["others"] == [], "a process of the previous submission outlived it"
    assert second["seen"] in ("FileNotFoundError", "PermissionError"), "the previous submission's folder is readable"
    assert second["temp_is_own"], "temporary files should go to the kernel's own working folder"


def test_a_failed_server_start_is_tried_again_later(monkeypatch):
    starts = []

    def broken(self, threads):
        starts.append(threads)
        raise RuntimeError("the fork server did not start")

    start = sandbox.ForkServer.__init__
    monkeypatch.setattr(sandbox.ForkServer, "__init__", broken)
    assert sandbox.ForkServer.get(3) is None and sandbox.ForkServer.get(3) is None
    assert starts == [3], "a failed start is retried at once, by every submission"
    monkeypatch.setattr(sandbox.ForkServer, "RETRY", 0)  # as when its time has passed
    monkeypatch.setattr(sandbox.ForkServer, "__init__", start)
    server = sandbox.ForkServer.get(3)
    assert server is not None and server.process.poll() is None, "one failed start disabled forking for good"


def test_without_a_fork_server_each_kernel_gets_a_sandbox_of_its_own(monkeypatch):
    monkeypatch.setattr(sandbox.ForkServer, "get", classmethod(lambda cls, threads: None))  # as when not root
    own = _run("student-c/own", "import os, json\nprint(json.dumps({'uid': os.getuid(), 'pid': os.getpid()}))")
    assert own["uid"] == sandbox.sandbox_uid("student-c/own")
    assert own["pid"] < 10, "the kernel should be in a process namespace of its own"


CRASH_LEAVING_A_DAEMON = """import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(300)
    os._exit(0)
os.wait()
os._exit(0)"""

OWN_PROCESSES = """import os, json
mine = []
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status") if ":" in line)
    except OSError:
        continue
    if (int(status["Uid"].split()[0]) == os.getuid() and int(pid) != os.getpid()
            and not status["State"].strip().startswith("Z")):
        mine.append(pid)
print(json.dumps(mine))"""


def test_a_crashed_kernels_processes_are_gone_before_its_restart():
    """The kernel after a crash (same submission, same user id) starts only once the fork server has swept what
    the crashed one left running."""
    cells, result = execute_cells("student-d/crash", CRASH_LEAVING_A_DAEMON, OWN_PROCESSES, threads=1)
    assert "the kernel died (exit, crash, or memory/process limit)" in result["events"]
    assert printed_json(cells[1]) == [], "a process of the crashed kernel was still running after the restart"
