"""Release and autograde: nbgrader as the engine, Dask workers executing notebooks in a sandbox.

    release     regenerate release/ from source/ (nbgrader generate_assignment)
    autograde   prepare each submission with nbgrader (pipeline.prepare), execute it on a Dask worker inside the
                sandbox (execute.run), score it with nbgrader (pipeline.finish), write feedback without hidden
                tests (feedback.generate), and flag what a human should look at (flags)
"""
import dataclasses
import os
import sys
from pathlib import Path

import nbformat
from distributed import wait

from .. import course
from . import cluster, execute, feedback, flags, pipeline, sandbox
from .progress import Progress

# nbgrader's Gradebook runs the `alembic` command of this environment: make it findable without an activated venv
if str(Path(sys.executable).parent) not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

RESUBMITS = 2  # beyond Dask's own retries, times a submission whose execution failed is sent again


class NbgraderError(RuntimeError):
    """nbgrader reported a failure; the message carries its log."""


def _checked(result, what):
    if not result["success"]:
        raise NbgraderError(f"{what} failed:\n{result.get('error') or result.get('log')}")


def release(root=course.ROOT, assignments=None):
    """Regenerate release/ (and the gradebook's record of each assignment) from source/."""
    api = course.api(root)
    for assignment in assignments or course.assignments(root):
        _checked(api.generate_assignment(assignment, force=True, create=True), f"releasing {assignment}")
        print(f"released {assignment}", flush=True)


def submissions(root=course.ROOT):
    """(student, assignment) for every folder under submitted/, sorted."""
    return sorted(
        (folder.parent.name, folder.name)
        for folder in Path(root, "submitted").glob("*/*")
        if folder.is_dir()
    )


def default_limits(root=course.ROOT, **overrides):
    """Sandbox limits, with the per-cell time limit taken from the course's nbgrader config."""
    timeout = course.api(root).config.get("Execute", {}).get("timeout", sandbox.Limits.cell_timeout)
    return dataclasses.replace(sandbox.Limits(cell_timeout=timeout), **overrides)


def autograde(root=course.ROOT, jobs=None, scheduler=None, limits=None, write_feedback=True, out=None):
    """Autograde every submission under submitted/ in parallel, then write feedback and flags.csv.

    Returns the (student, assignment, error message) of the submissions nbgrader could not grade.
    """
    out = out or sys.stdout
    root = Path(root)
    limits = limits or default_limits(root)
    todo = submissions(root)
    print(sandbox.protection()[1], file=out, flush=True)
    failed, flagged = [], {}
    with cluster.connect(jobs, scheduler) as client:
        if not scheduler:
            limits = dataclasses.replace(limits, threads=max(1, (os.cpu_count() or 1) // cluster.workers(client)))
        where = scheduler or f"a local Dask cluster of {cluster.workers(client)} worker processes"
        print(f"grading {len(todo)} submissions on {where}", file=out, flush=True)
        if not scheduler:
            print("kernels: forked from a warm process in each worker (torch imported once)"
                  if sandbox.ForkServer.possible() else
                  "kernels: each started from scratch (grade as root with bubblewrap to fork them from a warm "
                  "process, about twice as fast)", file=out, flush=True)
        progress = Progress(len(todo), out)
        queue, active, tries = list(todo), {}, {}

        def send(prepared):
            job = {"key": prepared.key, "notebook": _json(prepared.notebook), "files": prepared.files,
                   "limits": dataclasses.asdict(limits), "skip": _skip(prepared)}
            future = client.submit(execute.run, job, pure=False, retries=2, key=f"execute-{prepared.key}-{id(job)}")
            active[future] = prepared

        while queue or active:
            done = [f for f in active if f.done()]
            if not done and queue:
                student, assignment = queue.pop(0)
                try:
                    send(pipeline.prepare(root, student, assignment))
                except Exception as error:  # nbgrader could not even prepare it
                    failed.append((student, assignment, str(error)))
                    progress.update(f"{student}/{assignment}", ok=False)
                continue
            if not done:
                wait(list(active), return_when="FIRST_COMPLETED")
                continue
            for future in done:
                prepared = active.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # lost workers beyond Dask's retries, or a crash in the task
                    tries[prepared.key] = tries.get(prepared.key, 0) + 1
                    if tries[prepared.key] <= RESUBMITS:
                        send(prepared)
                        continue
                    failed.append((prepared.student, prepared.assignment, f"execution failed: {error!r}"))
                    progress.update(prepared.key, ok=False)
                    continue
                ok = _finish(root, prepared, result, write_feedback, failed, flagged)
                progress.update(prepared.key, ok=ok)
    flags.write(root, flagged)
    return failed


def _finish(root, prepared, result, write_feedback, failed, flagged):
    executed = nbformat.reads(result["notebook"], as_version=4)
    outcome = pipeline.finish(root, prepared, executed)
    if outcome["success"] and write_feedback:
        outcome = feedback.generate(root, prepared.student, prepared.assignment)
    if not outcome["success"]:
        failed.append((prepared.student, prepared.assignment, outcome.get("error") or outcome.get("log")))
        return False
    review = ([f"graded as empty: {prepared.problem}"] if prepared.problem else [])
    review += [e for e in result["events"] if "tamper" in e]
    review += [] if prepared.empty else flags.scan(prepared.notebook)
    notes = prepared.notes + [e for e in result["events"] if "tamper" not in e]
    notes += [] if prepared.empty else flags.outcome_notes(executed)
    lines = [(flags.REVIEW, r) for r in review] + [(flags.NOTE, n) for n in dict.fromkeys(notes)]
    if lines:
        flagged[prepared.student, prepared.assignment] = lines
    return True


def _skip(prepared):
    return f"not run: {prepared.problem}" if prepared.empty else None


def _json(nb):
    return nbformat.writes(nb)
