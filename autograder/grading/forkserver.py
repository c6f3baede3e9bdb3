"""A warm process that forks sandboxed kernels, so torch and ipykernel are imported once per worker.

Standalone (standard library at the top), run in two roles:
    python -c "<this file>" serve SOCKET      inside a worker's bubblewrap sandbox: import torch and ipykernel,
                                              then fork one kernel per request on SOCKET
    python forkserver.py connect SOCKET JSON  what jupyter_client starts as "the kernel": asks the server for a
                                              kernel, lives as long as it does, and exits with its status
For each request the server forks a supervisor (root inside the sandbox, with only CAP_SETUID, CAP_SETGID and
CAP_SYS_ADMIN), which forks the kernel: a new session, the submission's resource limits, its own IPC namespace,
no groups, the submission's own user id (which alone may enter its working folder, mode 0700), its environment
and working folder, then ipykernel. When the kernel exits, when the connecting process is killed, and when the
worker asks (a request with "sweep"), the supervisor kills every process of that user id in the sandbox, so
nothing a submission started outlives it.
"""
import ctypes
import json
import os
import resource
import select
import signal
import socket
import sys
import tempfile
import time

CLONE_NEWIPC = 0x08000000
PRELOAD = ("numpy", "torch", "torch._dynamo", "safetensors.torch", "ipykernel.kernelapp")  # _dynamo: every optimizer


def serve(path):
    """Import the heavy modules, then fork a supervisor per connection on the socket at `path`."""
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped by the system
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(64)
    print("ready", flush=True)
    while True:  # until the worker closes our stdin (or dies, taking the sandbox along)
        ready, _, _ = select.select([server, sys.stdin], [], [])
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1):
            return
        if server in ready:
            conn, _ = server.accept()
            if os.fork() == 0:
                server.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                try:
                    _supervise(conn)
                finally:
                    os._exit(0)
            conn.close()


def _supervise(conn):
    request = json.loads(conn.makefile("rb").readline())
    uid = request["uid"]
    if request.get("sweep"):  # the worker is done with this submission
        _sweep(uid)
        conn.sendall(b'{"swept": true}\n')
        return
    kernel = os.fork()
    if kernel == 0:
        conn.close()
        _become_kernel(request)
    conn.sendall(json.dumps({"pid": kernel}).encode() + b"\n")
    while True:
        done, status = os.waitpid(kernel, os.WNOHANG)
        if done:
            break
        if select.select([conn], [], [], 0.05)[0] and not conn.recv(64):  # the connecting process is gone
            _sweep(uid)
            os.waitpid(kernel, 0)
            return
    _sweep(uid)
    conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")


def _sweep(uid):
    """Kill every process of `uid` in this sandbox: kill(-1) from a process of that user id, until none runs."""
    for _ in range(100):
        if not _running(uid):
            return
        sweeper = os.fork()
        if sweeper == 0:
            try:
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(sweeper, 0)
        time.sleep(0.01)


def _running(uid):
    """Whether a process of `uid` is alive (not a zombie) in this sandbox's process tree."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if int(status["Uid"].split()[0]) == uid and not status["State"].strip().startswith("Z"):
            return True
    return False


def _become_kernel(request):
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 1 << 16)
        for name, value in request["rlimits"].items():
            resource.setrlimit(getattr(resource, name), (value, value))
        if ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWIPC):  # SysV IPC objects of its own
            raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWIPC) failed")
        uid = request["uid"]
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # cached from the server's environment on import; TMPDIR is the working folder
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()  # its own entropy, as a freshly started process would have
        if sys.path and sys.path[0] == "":
            del sys.path[0]  # as ipykernel_launcher does
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel.kernelapp import launch_new_instance
        launch_new_instance()
    finally:
        os._exit(0)


def connect(path, request):
    conn = socket.socket(socket.AF_UNIX)
    conn.connect(path)
    conn.sendall(request.encode() + b"\n")
    replies = conn.makefile("rb")
    started = json.loads(replies.readline() or b"{}")
    if "pid" not in started:
        sys.exit("the fork server did not start a kernel")
    code = json.loads(replies.readline() or b'{"exit": 1}')["exit"]
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    {"serve": serve, "connect": connect}[sys.argv[1]](*sys.argv[2:])
