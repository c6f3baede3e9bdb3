"""Where notebooks execute: a Dask cluster, local (one worker process per job) or an existing one by address.

Every task carries the instructor's hidden checks (`ship_checks`), so a worker grades with them whatever its own
environment has installed, and reports which checks its kernels imported. Workers announce each start of a task,
so the run can tell which submissions were re-run after a worker was lost.
"""
import contextlib
import logging
import os
import zlib

from distributed import Client, LocalCluster, get_worker

from . import sandbox, worker_grade

STARTED = "autograder-execute-started"  # Dask event topic: a worker began executing a submission


@contextlib.contextmanager
def connect(jobs=None, scheduler=None):
    """A Dask client: to `scheduler` if given, else to a fresh LocalCluster of `jobs` single-threaded processes."""
    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    jobs = jobs or os.cpu_count() or 1
    # memory_limit=0: the sandbox limits each kernel; Dask must not kill a worker for a kernel's memory
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, memory_limit=0,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def workers(client):
    """How many worker threads the cluster has now (for sizing torch threads)."""
    return max(1, sum(w["nthreads"] for w in client.scheduler_info(n_workers=-1)["workers"].values()))


def ship_checks():
    """The instructor's checks as they travel with each task: (digest, {path: compressed source})."""
    sources = sandbox.checks_sources()
    return sandbox.checks_digest(sources), {path: zlib.compress(data) for path, data in sources.items()}


def describe(client):
    """{worker address: (protection kind, kernels forked from a warm process)} of every worker now."""
    return client.run(_kernels_here)


def _kernels_here():
    return sandbox.protection()[0], sandbox.ForkServer.possible()


def run(job, snapshot, checks, run_id):
    """The task a worker runs: `worker_grade.grade(job, *snapshot)` with the instructor's `checks` (from
    `ship_checks`) staged for its kernels. The result says which checks the kernels imported (`checks`) and where
    it ran (`address`)."""
    worker = get_worker()
    worker.log_event(STARTED, {"run": run_id, "key": job["key"], "worker": worker.address})
    sandbox.use_checks({path: zlib.decompress(data) for path, data in checks.items()})
    result = worker_grade.grade(job, *snapshot)
    return {**result, "checks": sandbox.checks_in_use(), "address": worker.address}
