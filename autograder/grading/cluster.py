"""Where notebooks execute: a Dask cluster, local (one worker process per job) or an existing one by address."""
import contextlib
import logging
import os

from distributed import Client, LocalCluster


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
