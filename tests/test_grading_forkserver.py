"""Kernels forked one after another by a worker's fork server share nothing: no processes, no folders, no temp dir;
without the server, each kernel starts in a bubblewrap sandbox of its own.

Needs what the fork server needs (root and bubblewrap); elsewhere kernels start one by one in their own sandbox.
"""
import json

import nbformat
import pytest

from autograder.grading import execute, sandbox

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


def _run(key, code):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(code)]
    result = execute.run({"key": key, "notebook": nbformat.writes(nb), "files": {}, "limits": {"threads": 1}})
    outputs = nbformat.reads(result["notebook"], as_version=4).cells[0].outputs
    assert [o.output_type for o in outputs] == ["stream"], outputs
    return json.loads(outputs[0].text.strip().splitlines()[-1])


def test_the_next_kernel_sees_nothing_of_the_last():
    first = _run("student-a/fork", FIRST)
    second = _run("student-b/fork", SECOND % json.dumps(first))
    assert second["uid"] != first["uid"], "two submissions ran under one user id"
    assert second["others"] == [], "a process of the previous submission outlived it"
    assert second["seen"] in ("FileNotFoundError", "PermissionError"), "the previous submission's folder is readable"
    assert second["temp_is_own"], "temporary files should go to the kernel's own working folder"


def test_without_a_fork_server_each_kernel_gets_a_sandbox_of_its_own(monkeypatch):
    monkeypatch.setattr(sandbox.ForkServer, "get", classmethod(lambda cls, threads: None))  # as when not root
    own = _run("student-c/own", "import os, json\nprint(json.dumps({'uid': os.getuid(), 'pid': os.getpid()}))")
    assert own["uid"] == sandbox.sandbox_uid("student-c/own")
    assert own["pid"] < 10, "the kernel should be in a process namespace of its own"
