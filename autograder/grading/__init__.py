"""Release and autograde: nbgrader as the engine, Dask workers executing notebooks in a sandbox.

    release     regenerate release/ from source/ (nbgrader generate_assignment)
    autograde   skip what has not changed since it was last graded (incremental), then send each submission to a
                Dask worker (cluster.run -> worker_grade), which grades it in a course folder of its own made
                from the assignment's snapshot (snapshot): nbgrader sanitizes it (pipeline.prepare), the sandbox
                executes it with the instructor's checks (execute.run), nbgrader scores it (pipeline.finish), the
                feedback is rendered without hidden tests (worker_feedback) and what a human should look at is
                found (flags). This process only reads the files, records each result in the gradebook,
                autograded/ and feedback/ (record), and writes flags.csv.
"""
import copy
import dataclasses
import os
import sys
import time
import uuid
from pathlib import Path

import nbformat
from distributed import as_completed
from nbgrader.api import Gradebook

from .. import course, i18n
from . import cluster, feedback, flags, incremental, record, sandbox, snapshot, worker_feedback, worker_grade
from .progress import Progress

# nbgrader's Gradebook runs the `alembic` command of this environment: make it findable without an activated venv
if str(Path(sys.executable).parent) not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

RESUBMITS = 2  # beyond Dask's own retries, times a submission whose execution failed is sent again
WINDOW = 2  # submissions in flight per worker thread


class NbgraderError(RuntimeError):
    """nbgrader reported a failure; the message carries its log."""


def _checked(result, what):
    if not result["success"]:
        raise NbgraderError(f"{what} failed:\n{result.get('error') or result.get('log')}")


def release(root=course.ROOT, assignments=None, language=i18n.DEFAULT):
    """Regenerate release/ (and the gradebook's record of each assignment) from source/, in ``language``: nbgrader
    releases each source notebook's edition in it (i18n.PickEdition, set up in nbgrader_config.py). An edition
    that lacks a translation is refused (i18n.TranslationError listing what is missing) before anything changes."""
    api = course.api(root)
    assignments = assignments or course.assignments(root)
    if language != i18n.DEFAULT:
        lacking = [f"{assignment}: {problem}" for assignment in assignments
                   for problem in i18n.problems(nbformat.read(course.notebook_path("source", assignment, root), 4),
                                                language)]
        if lacking:
            raise i18n.TranslationError(f"the {language} edition is not complete ({len(lacking)} problems):\n  "
                                        + "\n  ".join(lacking))
    config = copy.deepcopy(api.config)
    config.PickEdition.language = language
    api.config = config
    for assignment in assignments:
        _checked(api.generate_assignment(assignment, force=True, create=True), f"releasing {assignment}")
        print(f"released {assignment}" + (f" ({language})" if language != i18n.DEFAULT else ""), flush=True)


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


def autograde(root=course.ROOT, jobs=None, scheduler=None, limits=None, write_feedback=True, out=None,
              students=None, assignments=None, force=False):
    """Autograde the submissions under submitted/ in parallel, then write feedback and flags.csv.

    `students` / `assignments` restrict the run to those; a submission unchanged since it was last graded (same
    files, release, checks and limits: `incremental`) is skipped unless `force`.
    Returns the (student, assignment, error message) of the submissions nbgrader could not grade.
    """
    out = out or sys.stdout
    root = Path(root)
    limits = limits or default_limits(root)
    chosen = select(root, students, assignments)
    digest, checks = cluster.ship_checks()
    known = incremental.load(root)
    fingerprints = {k: incremental.fingerprint(root, *k, digest, limits) for k in chosen}
    course_assignments = set(course.assignments(root))  # a submission of any other is reported as failed
    todo = [k for k in chosen if force or k[1] not in course_assignments
            or not incremental.unchanged(root, *k, fingerprints[k], known, write_feedback)]
    print(sandbox.protection()[1], file=out, flush=True)
    skipped = len(chosen) - len(todo)
    if skipped:
        print(f"{skipped} of {len(chosen)} submissions unchanged since they were last graded: kept "
              "(--force grades them again)", file=out, flush=True)
    failed, flagged = [], {}
    if not todo:
        return failed
    api = course.api(root)
    with cluster.connect(jobs, scheduler) as client, Gradebook(api.coursedir.db_url) as gradebook:
        if not scheduler:
            limits = dataclasses.replace(limits, threads=max(1, (os.cpu_count() or 1) // cluster.workers(client)))
        for line in _where(client, scheduler, len(todo)):
            print(line, file=out, flush=True)
        assignments = sorted({a for _, a in todo} & course_assignments)
        snapshots = {a: snapshot.build(api, gradebook, a) for a in assignments}
        existing = snapshot.existing(gradebook, assignments)
        recorder, threads = record.Recorder(gradebook, existing), [cluster.workers(client), time.monotonic()]
        progress = Progress(len(todo), out)
        queue, tries, run_id, running = list(todo), {}, uuid.uuid4().hex, {}
        started = {}  # submission -> addresses of the workers that began grading it
        client.subscribe_topic(cluster.STARTED, lambda event: started.setdefault(event[1]["key"], []).append(
            event[1]["worker"]) if event[1]["run"] == run_id else None)
        seen = set(client.scheduler_info(n_workers=-1)["workers"])
        finished = as_completed()

        def send(student, assignment):
            task = worker_grade.job(student, assignment, root, dataclasses.asdict(limits),
                                    existing.get((student, assignment)), write_feedback)
            future = client.submit(cluster.run, task, snapshots[assignment], checks, run_id, pure=False,
                                   retries=2, key=f"grade-{student}/{assignment}-{uuid.uuid4().hex[:8]}")
            running[future] = student, assignment
            finished.add(future)

        def send_next():
            """Keep WINDOW submissions per worker thread in flight (the count looked up every few seconds)."""
            if time.monotonic() - threads[1] > 5:
                threads[:] = cluster.workers(client), time.monotonic()
            while queue and len(running) < WINDOW * threads[0]:
                student, assignment = queue.pop(0)
                if assignment not in snapshots:
                    failed.append((student, assignment, f"no assignment {assignment} in source/"))
                    progress.update(f"{student}/{assignment}", ok=False)
                    continue
                send(student, assignment)

        send_next()
        for future in finished:
            student, assignment = running.pop(future)
            key = f"{student}/{assignment}"
            try:
                result = future.result()
            except Exception as error:  # lost workers beyond Dask's retries, or a crash in the task
                tries[key] = tries.get(key, 0) + 1
                if tries[key] <= RESUBMITS:
                    send(student, assignment)
                    continue
                failed.append((student, assignment, f"grading failed: {error!r}"))
                progress.update(key, ok=False)
                send_next()
                continue
            ok = _record(root, api, recorder, result, failed, flagged, digest, write_feedback)
            if ok:
                known[key] = fingerprints[student, assignment]
            progress.update(key, ok=ok)
            send_next()
        recorder.commit()
        client.unsubscribe_topic(cluster.STARTED)
        seen |= {address for where in started.values() for address in where}
        lost = sorted(seen - set(client.scheduler_info(n_workers=-1)["workers"]))
    if lost:
        print(f"workers lost during the run: {len(lost)} ({', '.join(lost)})", file=out, flush=True)
    rerun = sorted(key for key, where in started.items() if len(where) > 1)
    if rerun:
        print(f"submissions run again (a worker was lost, or the task failed): {len(rerun)} ({', '.join(rerun)}); "
              "each was graded once, from its last run", file=out, flush=True)
    incremental.save(root, known)
    flags.write(root, flagged, graded=todo)
    return failed


def select(root, students=None, assignments=None):
    """The submissions under submitted/ of the given students and assignments (default: all); an unknown name is
    an error that lists the known ones."""
    found = submissions(root)
    for wanted, names, what in ((students, {s for s, _ in found}, "student"),
                                (assignments, {a for _, a in found}, "assignment")):
        unknown = sorted(set(wanted or ()) - names)
        if unknown:
            raise ValueError(f"no submission under submitted/ for {what} {', '.join(unknown)} "
                             f"(there are: {', '.join(sorted(names)) or 'none'})")
    return [(s, a) for s, a in found if (not students or s in students) and (not assignments or a in assignments)]


def _where(client, scheduler, count):
    """What the run prints before it starts: where the notebooks go, and how kernels start there."""
    described = cluster.describe(client)
    forked = sorted(a for a, (_, fork) in described.items() if fork)
    weak = sorted(a for a, (kind, _) in described.items() if kind != "bubblewrap")
    if scheduler:
        lines = [f"grading {count} submissions on the Dask cluster at {scheduler}: {len(described)} workers "
                 f"({cluster.workers(client)} threads)"]
    else:
        lines = [f"grading {count} submissions on a local Dask cluster of {len(described)} worker processes"]
    if len(forked) == len(described):
        lines.append("kernels: forked from a warm process in each worker (torch imported once)")
    else:
        some = f"forked from a warm process on {len(forked)} of {len(described)} workers, " if forked else ""
        lines.append(f"kernels: {some}each started from scratch{' on the others' if forked else ''} (grade as root "
                     "with bubblewrap to fork them from a warm process, about twice as fast)")
    if scheduler and weak:
        lines.append(f"WEAKER PROTECTION on {len(weak)} workers without a working bubblewrap ({', '.join(weak)}): "
                     "student code there runs with resource limits only")
    return lines


def _record(root, api, recorder, result, failed, flagged, digest, write_feedback):
    """Record a worker's result: gradebook, autograded/, feedback/ and flags; False (and why, in `failed`) if the
    submission could not be graded."""
    student, assignment = result["key"].split("/")
    if result["error"]:
        failed.append((student, assignment, result["error"]))
        return False
    if result["checks"] != digest:
        failed.append((student, assignment, f"refused: worker {result['address']} ran the notebook with other "
                       f"hidden checks (digest {result['checks']}, the instructor's are {digest}); not graded"))
        return False
    recorder.add(student, assignment, result["recorded"])
    record.autograded(api.coursedir, student, assignment, result["autograded"])
    lines = [(flags.REVIEW, r) for r in result["review"]] + [(flags.NOTE, n) for n in result["notes"]]
    if lines:
        flagged[student, assignment] = lines
    if result["feedback"] is not None:
        worker_feedback.write(api.coursedir, student, assignment, result["recorded"]["notebook"], result["feedback"])
    elif write_feedback:  # the worker could not render it: nbgrader renders it here, from the gradebook
        recorder.commit()
        outcome = feedback.generate(root, student, assignment)
        if not outcome["success"]:
            failed.append((student, assignment, outcome.get("error") or outcome.get("log")))
            return False
    return True
