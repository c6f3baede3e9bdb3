"""The sandbox a student's kernel runs in: bubblewrap namespaces, a throw-away user id and resource limits.

Inside it the kernel sees the operating system (/usr, /etc) and the Python environment read-only, the hidden
checks as compiled bytecode without their source, and one writable working folder; no network, no other
process, no gradebook, source/, release/, other students or home folders. As root, kernels are forked by a
per-worker `ForkServer` (forkserver.py) sandboxed the same way; otherwise each starts under its own bubblewrap.
Where bubblewrap is missing only the resource limits apply, and `protection()` says so in words.
"""
import atexit
import compileall
import glob
import hashlib
import importlib.util
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import forkserver

GiB = 1024 ** 3


@dataclass(frozen=True)
class Limits:
    """What one submission may use. `cell_timeout` is nbgrader's Execute.timeout (seconds per cell)."""
    cell_timeout: int = 120
    submission_timeout: int = 900  # wall time of the whole notebook, kernel restarts included
    memory: int = 4 * GiB  # writable memory of each process (RLIMIT_DATA; unlike RLIMIT_AS it lets CUDA start)
    processes: int = 256  # processes and threads of the sandbox user (RLIMIT_NPROC)
    file_size: int = 64 * 1024 ** 2  # largest file it may write (RLIMIT_FSIZE)
    output: int = 1024 ** 2  # bytes of output kept per cell; the rest is dropped with a notice
    threads: int = 1  # torch / OpenMP threads in the kernel (cores / jobs)


def bwrap():
    return shutil.which("bwrap")


@lru_cache(maxsize=None)
def protection():
    """('bubblewrap' | 'limits-only', one sentence saying what is in force)."""
    if sys.platform != "linux" or not bwrap():
        return "limits-only", ("WEAKER PROTECTION: bubblewrap (apt-get install bubblewrap) is not installed, so student "
                               "code runs with resource limits only and can read files and reach the network "
                               "of the grading machine")
    probe = subprocess.run([bwrap(), *_namespaces(), "--ro-bind", "/", "/", "true"], capture_output=True)
    if probe.returncode:
        return "limits-only", ("WEAKER PROTECTION: bubblewrap cannot create namespaces here "
                               f"({probe.stderr.decode().strip()}), so student code runs with resource limits only")
    who = "a throw-away user id" if os.geteuid() == 0 else "the grader's user id (run as root for a throw-away one)"
    return "bubblewrap", ("sandbox: bubblewrap (no network, private /tmp and process tree, read-only Python, only "
                          f"its own working folder writable), {who}, memory/process/file-size/time/output limits")


def _namespaces():
    user = [] if os.geteuid() == 0 else ["--unshare-user"]
    return [*user, "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]


def checks_sources():
    """This machine's hidden checks: {path under the package: source bytes} of autograder/__init__.py and checks/."""
    package = Path(__file__).resolve().parent.parent
    return {str(p.relative_to(package)): p.read_bytes()
            for p in [package / "__init__.py", *sorted((package / "checks").rglob("*.py"))]}


def checks_digest(sources):
    """A short fingerprint of a set of checks (`checks_sources`), to compare the instructor's with a worker's."""
    return hashlib.sha256(b"".join(path.encode() + b"\0" + data for path, data in sorted(sources.items()))).hexdigest()[:16]


_shipped = {}  # the instructor's checks, sent with the work (`use_checks`); empty: this machine's own


def use_checks(sources):
    """Kernels this process starts from now on import `sources` (the instructor's checks), not the installed ones;
    fork servers started with other checks are stopped."""
    if checks_digest(sources) != checks_in_use():
        ForkServer.shutdown()
    _shipped.clear()
    _shipped.update(sources)


def checks_in_use():
    """The digest of the checks this process's kernels import."""
    return checks_digest(_shipped or checks_sources())


def staged_checks():
    """A folder holding the `autograder.checks` package as bytecode only (no .py source): the instructor's checks
    where `use_checks` was called, else this machine's.

    The kernel imports the hidden checks from here; their source text never enters the sandbox. The folder is
    named after a hash of what the bytecode depends on (the sources, this Python's version and bytecode format),
    so every process and run on a machine shares one per version; one that another user could have written is
    not trusted.
    """
    sources = dict(_shipped) or checks_sources()
    return _stage(checks_digest(sources), tuple(sorted(sources.items())))


@lru_cache(maxsize=None)
def _stage(digest, sources):
    digest = hashlib.sha256(importlib.util.MAGIC_NUMBER + sys.version.encode() + digest.encode())
    stage = Path(tempfile.gettempdir(), f"grading-checks-{sys.version_info[0]}{sys.version_info[1]}-"
                                        f"{digest.hexdigest()[:16]}")
    if stage.exists() and _trusted(stage):
        return stage
    build = Path(tempfile.mkdtemp(prefix="grading-checks-build-"))
    target = build / "autograder"
    for rel, data in sources:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data)
    compileall.compile_dir(target, legacy=True, quiet=1)
    for source in target.rglob("*.py"):
        source.unlink()
    for path in [build, *build.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    if stage.exists():  # written by another user: keep a private copy
        return build
    try:
        build.rename(stage)  # atomic: a process building the same version at the same time keeps its own copy
    except OSError:
        shutil.rmtree(build, ignore_errors=True)
    return stage


def _trusted(stage):
    """Only this user (or root) could have written the staged checks: owner and no write bit for others."""
    return all(p.stat().st_uid in (0, os.geteuid()) and not p.stat().st_mode & 0o022
               for p in [stage, *stage.rglob("*")])


def sandbox_uid(key):
    """A user id no account uses, different for each submission, so process limits count only its processes."""
    return 200000 + zlib.crc32(key.encode()) % 100000


_PASSED_ON = ("CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH")  # which GPUs to use, and where the driver's libraries are


def _base_env(threads):
    """Environment shared by every kernel of a run (read once when Python and torch start)."""
    threads = str(threads)
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "MPLBACKEND": "agg",
        "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(staged_checks()),
        "NBGRADER_EXECUTION": "autograde",
        "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads, "TORCH_NUM_THREADS": threads,
        **{name: os.environ[name] for name in _PASSED_ON if name in os.environ},
    }


def _bwrap(argv, writable, env, chdir=None, caps=()):
    """`argv` under bubblewrap: /usr, /etc and the Python environment read-only, the staged checks, GPUs, and
    `writable` folders; no network, own process tree, IPC and host name; environment exactly `env`; as root, only
    the capabilities `caps` (all by default, for setpriv to drop)."""
    binds = ["--ro-bind", "/usr", "/usr", "--ro-bind-try", "/etc", "/etc"]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = Path("/", link)
        if target.is_symlink():
            binds += ["--symlink", os.readlink(target), f"/{link}"]
        elif target.exists():
            binds += ["--ro-bind", str(target), str(target)]
    binds += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    gpus = sorted(glob.glob("/dev/nvidia*"))  # the GPU section needs the devices (and /sys to find them)
    for device in gpus:
        binds += ["--dev-bind", device, device]
    if gpus:
        binds += ["--ro-bind", "/sys", "/sys"]
    readable = {Path(sys.base_prefix).resolve(), Path(sys.prefix), Path(sys.executable).resolve().parent.parent,
                staged_checks()}
    made = set()
    for path in sorted(readable | set(writable)):
        for parent in reversed(path.parents):
            if parent != Path("/") and parent not in made and not str(parent).startswith("/usr"):
                binds += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        made.add(path)
    for path in sorted(readable):
        if not str(path).startswith("/usr/"):
            binds += ["--ro-bind", str(path), str(path)]
    for path in writable:
        binds += ["--bind", str(path), str(path)]
    env = ["--clearenv", *(x for k, v in env.items() for x in ("--setenv", k, v))]
    where = ["--chdir", str(chdir)] if chdir else []
    keep = ["--cap-drop", "ALL", *(x for cap in caps for x in ("--cap-add", cap))] if caps else []
    return [bwrap(), *_namespaces(), *keep, *binds, *env, "--hostname", "sandbox", "--die-with-parent",
            "--new-session", *where, "--", *argv]


def _folder(kind, parent=None):
    """A fresh folder named after this process, so `remove_stale` can tell when its owner is gone."""
    remove_stale()
    return Path(tempfile.mkdtemp(prefix=f"grading-{os.getpid()}-{kind}-", dir=parent))


@lru_cache(maxsize=None)
def remove_stale():
    """Remove the sandbox folders of grading processes that no longer run (a worker killed with kill -9)."""
    for folder in Path(tempfile.gettempdir()).glob("grading-*-*-*"):
        try:
            os.kill(int(folder.name.split("-")[1]), 0)
        except ValueError:
            continue
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass


class ForkServer:
    """One per worker process (and thread count): `forkserver.py serve` in a bubblewrap sandbox, holding every
    submission's folders under its `slots` folder. Needs root (each kernel gets its own user id)."""
    _running = {}  # threads -> server
    _failed = {}  # threads -> when its server last failed to start: kernels start one by one until RETRY later
    RETRY = 60  # seconds after a failed start before the next submission tries to start a server again

    def __init__(self, threads):
        self.base = _folder("server")
        self.slots, control = self.base / "slots", self.base / "control"
        self.slots.mkdir(mode=0o711)
        control.mkdir(mode=0o700)
        self.socket = control / "server.sock"
        code = Path(forkserver.__file__).read_text()
        argv = [str(Path(sys.executable).parent / "python"), "-c", code, "serve", str(self.socket)]
        env = {**_base_env(threads), "HOME": str(control), "MPLCONFIGDIR": str(control / ".mpl")}
        command = _bwrap(argv, [self.slots, control], env, caps=("CAP_SETUID", "CAP_SETGID", "CAP_SYS_ADMIN"))
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        if not select.select([self.process.stdout], [], [], 120)[0] or self.process.stdout.readline() != b"ready\n":
            self.close()
            raise RuntimeError("the fork server did not start")

    @staticmethod
    def possible():
        """Kernels can be forked here: bubblewrap works and we are root (for a user id per submission)."""
        return protection()[0] == "bubblewrap" and os.geteuid() == 0

    @classmethod
    def get(cls, threads):
        """The running server for `threads`, started if needed; None where kernels cannot be forked here."""
        failed = cls._failed.get(threads)
        if not cls.possible() or (failed is not None and time.monotonic() - failed < cls.RETRY):
            return None
        if not cls._running:
            atexit.register(cls.shutdown)
        server = cls._running.get(threads)
        if server is None or server.process.poll() is not None:
            try:
                server = cls._running[threads] = cls(threads)
            except (OSError, RuntimeError):
                cls._failed[threads] = time.monotonic()
                return None
            cls._failed.pop(threads, None)
        return server

    def sweep(self, uid):
        """Kill every process of `uid` in the server's sandbox; returns once they are gone."""
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(60)
            conn.connect(str(self.socket))
            conn.sendall(json.dumps({"uid": uid, "sweep": True}).encode() + b"\n")
            conn.makefile("rb").readline()

    @classmethod
    def shutdown(cls):
        """Stop every server this process started, and forget failed starts."""
        for server in cls._running.values():
            server.close()
        cls._running.clear()
        cls._failed.clear()

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.base, ignore_errors=True)


class Sandbox:
    """One submission's folders and the command line that starts its kernel: forked by the worker's fork server
    where there is one, else a fresh Python under its own bubblewrap (or resource limits alone)."""

    def __init__(self, key, limits, language="en"):
        self.limits = limits
        self.language = language  # the submission's: the checks' messages come out in it (COURSE_LANGUAGE)
        self.kind = protection()[0]
        self.uid = sandbox_uid(key) if os.geteuid() == 0 else os.geteuid()
        self.server = ForkServer.get(limits.threads)
        self.base = _folder("kernel", self.server.slots if self.server else None)
        self.base.chmod(0o711)
        self.work, self.home, self.run = (self.base / n for n in ("work", "home", "run"))
        for folder in (self.work, self.home, self.run):
            folder.mkdir(mode=0o700)
            if os.geteuid() == 0:
                os.chown(folder, self.uid, self.uid)

    def put_files(self, files):
        """Write the submission's other files ({relative path: bytes}) into the working folder."""
        for rel, data in files.items():
            path = self.work / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if os.geteuid() == 0:
            for path in [self.work, *self.work.rglob("*")]:
                os.chown(path, self.uid, self.uid)

    def env(self):
        return {**_base_env(self.limits.threads), "HOME": str(self.home), "IPYTHONDIR": str(self.home / ".ipython"),
                "MPLCONFIGDIR": str(self.home / ".mpl"), "TMPDIR": str(self.work), "COURSE_LANGUAGE": self.language}

    def command(self, kernel_args):
        """The command that starts an IPython kernel with `kernel_args` in this sandbox."""
        if self.server:
            request = {"uid": self.uid, "cwd": str(self.work), "env": self.env(), "argv": kernel_args,
                       "rlimits": {"RLIMIT_DATA": self.limits.memory, "RLIMIT_NPROC": self.limits.processes,
                                   "RLIMIT_FSIZE": self.limits.file_size, "RLIMIT_CORE": 0}}
            return [sys.executable, forkserver.__file__, "connect", str(self.server.socket), json.dumps(request)]
        kernel = [str(Path(sys.executable).parent / "python"), "-m", "ipykernel_launcher", *kernel_args]
        limits = ["prlimit", f"--data={self.limits.memory}", f"--nproc={self.limits.processes}",
                  f"--fsize={self.limits.file_size}", "--core=0", "--"]
        if self.kind != "bubblewrap":
            return [*limits, "env", "-i", *(f"{k}={v}" for k, v in self.env().items()), *kernel]
        drop = []
        if os.geteuid() == 0:
            drop = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"]
        return [*limits, *_bwrap([*drop, *kernel], [self.work, self.home, self.run], self.env(), self.work)]

    def cleanup(self):
        if self.server:
            try:
                self.server.sweep(self.uid)
            except OSError:  # the server is gone, and its sandbox with it
                pass
        shutil.rmtree(self.base, ignore_errors=True)
