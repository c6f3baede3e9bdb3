"""Mutation check of the test suite: break one promise at a time in a temporary copy of the repository and run the
tests that must notice it.

    python bench/mutations.py                      every mutation (slow: the grading tests run many times)
    python bench/mutations.py --only NAME[,NAME]   some of them
    python bench/mutations.py --list               the list, with the tests each must be killed by
    python bench/mutations.py --baseline           first run every listed test on the unmutated copy

Each mutation is a small text patch (file, old text, new text; the old text must occur exactly once) and the
tests that must fail with it. The copy holds the files git tracks or would track (not .venv, .git or ignored
output); its tests run with this environment's Python, in the copy, with the copy first on PYTHONPATH, so the
copy's `autograder` is imported everywhere: by pytest, by Dask workers, and (staged from it) in the kernels.
Prints `killed` or `survived` per mutation and, last, `mutations: K/N killed`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutation:
    name: str
    promise: str  # what the README (or the audit) promises, that this breaks
    path: str
    old: str
    new: str
    tests: tuple  # pytest arguments: files or node ids, -k expressions


def M(name, promise, path, old, new, *tests):
    return Mutation(name, promise, path, old, new, tests)


HOSTILE = "tests/test_grading_hostile.py"
FORKS = "tests/test_grading_forkserver.py"
PROMISES = "tests/test_sandbox_promises.py"
SANDBOX = "autograder/grading/sandbox.py"
EXECUTE = "autograder/grading/execute.py"
FORKSERVER = "autograder/grading/forkserver.py"

MUTATIONS = [
    # the ten survivors of the issue-19 audit
    M("my_sequential-accepts-unregistered", "a hidden check fails on the wrong answers it exists to catch",
      "autograder/checks/layers_and_blocks.py",
      '        _sequential_registration(net, modules, "MySequential(...)")\n',
      '        if not list(net.parameters()):\n            return\n'
      '        _sequential_registration(net, modules, "MySequential(...)")\n',
      "tests/test_answers.py", "-k", "my_sequential"),
    M("guard-keeps-patched-checks", "the guard re-imports the checks fresh before every test cell",
      "autograder/grading/guard.py",
      '        for name in [m for m in sys.modules if m == "autograder" or m.startswith("autograder.")]:\n'
      '            del sys.modules[name]\n',
      '        pass\n', HOSTILE),
    M("checks-source-staged", "the kernel imports the checks from a copy holding bytecode only",
      SANDBOX, "    for source in target.rglob(\"*.py\"):\n        source.unlink()\n", "",
      PROMISES, HOSTILE),
    M("python-environment-writable", "the Python environment is read-only in the sandbox",
      SANDBOX, '            binds += ["--ro-bind", str(path), str(path)]\n',
      '            binds += ["--bind", str(path), str(path)]\n', PROMISES),
    M("no-deadline-watchdog", "15 minutes for the whole notebook (its watchdog)",
      EXECUTE, "        watchdog.start()\n", "", "tests/test_grading_deadline.py"),
    M("no-fork-server", "kernels are forked from a warm fork server when grading as root",
      SANDBOX, "        failed = cls._failed.get(threads)\n", "        return None\n", FORKS),
    M("no-resubmit", "a submission whose worker died is sent again, never lost",
      "autograder/grading/__init__.py", "RESUBMITS = 2", "RESUBMITS = 0", "tests/test_grading_cluster.py"),
    M("grade-always-exits-0", "grade exits 1 when a submission cannot be graded",
      "autograder/__main__.py", "    return 1 if failed else 0\n", "    return 0\n", "tests/test_grade_command.py"),
    M("grades-csv-max-in-a-column", "grades.csv holds each student's score per exercise",
      "autograder/report.py", "        writer.writerow([student, *(_num(row[c]) for c in columns)",
      "        writer.writerow([student, *(_num(maxima[c] if i == 0 else row[c]) for i, c in enumerate(columns))",
      "tests/test_autograde.py", "-k", "grades_csv"),
    M("no-sweep-by-the-worker", "every process of a notebook is killed before the worker's next notebook starts",
      SANDBOX, "                self.server.sweep(self.uid)\n", "                pass\n", FORKS),
    M("no-sweep-by-the-fork-server", "every process a submission started is killed when its kernel ends",
      FORKSERVER, "    _sweep(uid)\n    conn.sendall(json.dumps({\"exit\"",
      "    conn.sendall(json.dumps({\"exit\"", FORKS),
    M("no-sweep-at-all", "nothing a submission started outlives it",
      FORKSERVER, "    for _ in range(100):\n        if not _running(uid):",
      "    for _ in range(0):\n        if not _running(uid):", FORKS),
    # the sandbox section
    M("usr-writable", "the kernel sees the operating system (/usr, /etc) read-only",
      SANDBOX, '    binds = ["--ro-bind", "/usr", "/usr", "--ro-bind-try", "/etc", "/etc"]',
      '    binds = ["--bind", "/usr", "/usr", "--bind-try", "/etc", "/etc"]', PROMISES, "-k", "read_only"),
    M("repository-visible", "the kernel cannot see the repository, gradebook, source/, release/, other students",
      SANDBOX, "                staged_checks()}\n",
      "                staged_checks(), Path(__file__).resolve().parents[2]}\n", PROMISES, "-k", "bytecode"),
    M("course-visible", "the kernel cannot see the gradebook or other students' folders",
      SANDBOX, '    binds += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]',
      '    binds += ["--proc", "/proc", "--dev", "/dev", "--bind", "/tmp", "/tmp"]', HOSTILE, "-k", "sandbox_blocks"),
    M("network", "no network (its own network namespace)",
      SANDBOX, '"--unshare-net", ', "", HOSTILE, "-k", "sandbox_blocks"),
    M("pid-namespace", "its own PID namespace", SANDBOX, '"--unshare-pid", ', "", FORKS),
    M("no-own-uid", "each submission runs under a user id no account has",
      SANDBOX, "        self.uid = sandbox_uid(key) if os.geteuid() == 0 else os.geteuid()",
      "        self.uid = 65534 if os.geteuid() == 0 else os.geteuid()", FORKS),
    M("no-memory-limit", "4 GiB of writable memory per process (RLIMIT_DATA)",
      SANDBOX, '"RLIMIT_DATA": self.limits.memory, ', "", PROMISES, "-k", "limits"),
    M("no-process-limit", "256 processes/threads (RLIMIT_NPROC)",
      SANDBOX, '"RLIMIT_NPROC": self.limits.processes,', "", PROMISES, "-k", "limits"),
    M("no-file-size-limit", "64 MiB per written file (RLIMIT_FSIZE)",
      SANDBOX, '"RLIMIT_FSIZE": self.limits.file_size, ', "", PROMISES, "-k", "limits"),
    M("no-cell-timeout", "the per-cell time limit interrupts a cell and the rest runs",
      EXECUTE, "if guard.is_guard(cell) else limits.cell_timeout", "if guard.is_guard(cell) else None",
      HOSTILE, "-k", "deserves"),
    M("no-output-cap", "1 MiB of output per cell, the rest dropped with a notice",
      EXECUTE, "        if total + size > cap:\n", "        if False:\n", HOSTILE, "-k", "deserves"),
    M("ipc-shared", "each forked kernel has its own IPC namespace",
      FORKSERVER, "        if ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWIPC):",
      "        if False:", FORKS, "-k", "afresh"),
    M("numpy-not-reseeded", "a forked kernel's numpy generator is seeded afresh",
      FORKSERVER, '            sys.modules["numpy"].random.seed()', "            pass", FORKS, "-k", "afresh"),
    M("no-weaker-protection-line", "without bubblewrap, grade says WEAKER PROTECTION",
      SANDBOX, '        return "limits-only", ("WEAKER PROTECTION: bubblewrap (apt-get install bubblewrap)',
      '        return "limits-only", ("sandbox: bubblewrap (apt-get install bubblewrap)', PROMISES, "-k", "bubblewrap"),
    # the hostile-submission table
    M("bad-notebook-crashes", "a missing, renamed or broken notebook is graded as empty and flagged",
      "autograder/grading/pipeline.py", '    expected = course.notebook_path("submitted", assignment, root, student)\n',
      '    return None\n', HOSTILE, "-k", "deserves"),
    M("test-cells-not-restored", "deleted or edited test cells are restored from the gradebook",
      "autograder/grading/pipeline.py",
      '    for preprocessor in Autograde.class_traits()["sanitize_preprocessors"].default():\n',
      '    for preprocessor in [p for p in Autograde.class_traits()["sanitize_preprocessors"].default()\n'
      '                         if p.__name__ != "OverwriteCells"]:\n', HOSTILE, "-k", "deserves"),
    M("no-restart", "after os._exit or a crash the rest runs in a fresh kernel",
      EXECUTE, "MAX_RESTARTS = 3", "MAX_RESTARTS = 0", HOSTILE, "-k", "deserves"),
    M("no-exit-flag", "code that calls sys.exit is flagged for review",
      "autograder/grading/flags.py", 'r"^SystemExit": "a cell called sys.exit()",', "", HOSTILE, "-k", "deserves"),
    # grading on the workers, recorded by the instructor's process
    M("regrade-forgets-hand-entries", "a submission graded again keeps what the instructor entered by hand",
      "autograder/grading/worker_grade.py", 'snapshot.restore(gradebook, student, assignment, job["existing"])',
      "snapshot.restore(gradebook, student, assignment, None)", "tests/test_grading_records.py"),
    M("record-keeps-old-timestamp", "the gradebook records the submission as nbgrader autograde does",
      "autograder/grading/record.py", "                if timestamp:\n                    submission.timestamp = timestamp\n",
      "", "tests/test_grading_records.py"),
    # feedback
    M("no-feedback", "feedback is written for every submission",
      "autograder/grading/__init__.py",
      '        worker_feedback.write(api.coursedir, student, assignment, result["recorded"]["notebook"], result["feedback"])\n',
      "        pass\n",
      HOSTILE, "-k", "feedback"),
    M("feedback-shows-hidden-tests", "feedback holds no hidden test and no traceback, only the check's message",
      "autograder/grading/feedback.py", "    def preprocess(self, nb, resources):\n",
      "    def preprocess(self, nb, resources):\n        return nb, resources\n", HOSTILE, "-k", "feedback"),
]


def _copy(dest):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)


def _pytest(copy, tests, timeout):
    path = [str(copy), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                              cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        lines = (done.stdout + done.stderr).strip().splitlines()
        why = [line[1:].strip() for line in lines if line.startswith("E ")][:1]  # the first failed assertion
        code, tail = done.returncode, lines[-1:] + [f"— {w[:160]}" for w in why]
    except subprocess.TimeoutExpired:
        code, tail = "timeout", []
    return code, time.monotonic() - started, " ".join(tail)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated mutation names")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--baseline", action="store_true", help="run the tests on the unmutated copy first")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per mutation's test run")
    args = parser.parse_args(argv)
    chosen = MUTATIONS
    if args.only:
        names = args.only.split(",")
        unknown = set(names) - {m.name for m in MUTATIONS}
        if unknown:
            parser.error(f"unknown mutations: {sorted(unknown)}")
        chosen = [m for m in MUTATIONS if m.name in names]
    if args.list:
        for m in chosen:
            found = (ROOT / m.path).read_text().count(m.old)
            state = "" if found == 1 else f" [STALE: the text occurs {found} times]"
            print(f"{m.name:36} {m.path}: {m.promise}{state}\n{'':36} tests: {' '.join(m.tests)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="mutations-") as tmp:
        pristine = Path(tmp, "pristine")
        _copy(pristine)
        if args.baseline:
            tests = sorted({t for m in chosen for t in m.tests if t.startswith("tests/")})
            code, took, tail = _pytest(pristine, tests, args.timeout * 3)
            print(f"baseline (unmutated copy): {'passed' if code == 0 else f'FAILED ({code})'} in {took:.0f} s {tail}",
                  flush=True)
            if code != 0:
                return 1
        killed = 0
        for m in chosen:
            copy = Path(tmp, m.name)
            shutil.copytree(pristine, copy)
            target = copy / m.path
            text = target.read_text()
            if text.count(m.old) != 1:
                print(f"STALE     {m.name}: the text to change occurs {text.count(m.old)} times in {m.path}",
                      flush=True)
                shutil.rmtree(copy)
                continue
            target.write_text(text.replace(m.old, m.new))
            code, took, tail = _pytest(copy, m.tests, args.timeout)
            verdict = "killed" if code in (1, 2) else "survived" if code == 0 else f"error ({code})"
            killed += verdict == "killed"
            print(f"{verdict:9} {m.name} ({took:.0f} s; {' '.join(m.tests)}): {tail}", flush=True)
            shutil.rmtree(copy, ignore_errors=True)
    print(f"mutations: {killed}/{len(chosen)} killed")
    return 0 if killed == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
