"""A real `dask scheduler` and `dask worker` processes on 127.0.0.1, for the tests that grade with --scheduler."""
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path

DASK = str(Path(sys.executable).parent / "dask")
QUIET = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextlib.contextmanager
def cluster(folder, workers=1, scheduler_env=None, worker_env=None):
    """Start a scheduler and `workers` single-threaded workers without nannies; yield (address, worker processes);
    stop them all at the end."""
    info = Path(folder) / "scheduler.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], env=scheduler_env, **QUIET)]
    try:
        for _ in range(300):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        started = [subprocess.Popen([DASK, "worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-nanny",
                                     "--host", "127.0.0.1", "--memory-limit", "0", "--no-dashboard"],
                                    env=worker_env, **QUIET) for _ in range(workers)]
        procs += started
        yield json.loads(info.read_text())["address"], started
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
