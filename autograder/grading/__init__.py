"""Release and autograde: nbgrader as the engine, Dask workers executing notebooks in a sandbox.

    release     regenerate release/ from source/ (nbgrader generate_assignment)
    autograde   skip what has not changed since it was last graded (incremental), prepare each submission with
                nbgrader (pipeline.prepare), execute it on a Dask worker inside the sandbox with the instructor's
                checks (cluster.run -> execute.run), score it with nbgrader (pipeline.finish), have a worker render
                its feedback without hidden tests (worker_feedback), and flag what a human should look at (flags).
                nbgrader's per-submission set-up is built once per run (nbgrader_reuse); only this process opens
                the gradebook.
"""
import copy
import dataclasses
import os
import sys
import uuid
from pathlib import Path

import nbformat
from distributed import wait
from nbgrader.api import Gradebook

from .. import course, i18n
from . import cluster, feedback, flags, incremental, nbgrader_reuse, pipeline, sandbox, worker_feedback
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
    course_assignments = set(course.assignments(root))  # a submission of any other fails at `prepare`, reported
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
    with nbgrader_reuse.reused(), cluster.connect(jobs, scheduler) as client, \
            Gradebook(api.coursedir.db_url) as gradebook:
        if not scheduler:
            limits = dataclasses.replace(limits, threads=max(1, (os.cpu_count() or 1) // cluster.workers(client)))
        for line in _where(client, scheduler, len(todo)):
            print(line, file=out, flush=True)
        progress = Progress(len(todo), out)
        queue, active, tries, run_id = list(todo), {}, {}, uuid.uuid4().hex
        rendering, sources = {}, {}  # feedback being rendered on workers; each assignment's gradebook cells
        started = {}  # submission -> addresses of the workers that began executing it
        client.subscribe_topic(cluster.STARTED, lambda event: started.setdefault(event[1]["key"], []).append(
            event[1]["worker"]) if event[1]["run"] == run_id else None)
        seen = set(client.scheduler_info(n_workers=-1)["workers"])

        def send(prepared):
            job = {"key": prepared.key, "notebook": _json(prepared.notebook), "files": prepared.files,
                   "limits": dataclasses.asdict(limits), "skip": _skip(prepared)}
            future = client.submit(cluster.run, job, checks, run_id, pure=False, retries=2,
                                   key=f"execute-{prepared.key}-{id(job)}")
            active[future] = prepared

        def render(prepared):
            """Send the graded notebook and its grades to a worker, which renders the feedback."""
            name = course.notebook_name(prepared.assignment, root)[:-6]
            if prepared.assignment not in sources:
                sources[prepared.assignment] = worker_feedback.source_cells(gradebook, prepared.assignment, name)
            text = course.notebook_path("autograded", prepared.assignment, root, prepared.student).read_text()
            job = worker_feedback.job(api.config, prepared.student, prepared.assignment, name, text,
                                      worker_feedback.grades(gradebook, prepared.student, prepared.assignment, name),
                                      sources[prepared.assignment])
            future = client.submit(worker_feedback.render, job, pure=False, retries=2,
                                   key=f"feedback-{prepared.key}-{id(job)}")
            rendering[future] = prepared

        while queue or active or rendering:
            for future in [f for f in rendering if f.done()]:
                prepared = rendering.pop(future)
                ok = _deliver(root, api, prepared, future, failed)
                if ok:
                    known[prepared.key] = fingerprints[prepared.student, prepared.assignment]
                progress.update(prepared.key, ok=ok)
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
                if active or rendering:
                    wait(list(active) + list(rendering), return_when="FIRST_COMPLETED")
                seen |= set(client.scheduler_info(n_workers=-1)["workers"])
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
                if result["checks"] != digest:
                    failed.append((prepared.student, prepared.assignment,
                                   f"refused: worker {result['address']} ran the notebook with other hidden checks "
                                   f"(digest {result['checks']}, the instructor's are {digest}); not graded"))
                    progress.update(prepared.key, ok=False)
                    continue
                ok = _finish(root, prepared, result, failed, flagged)
                if ok and write_feedback:
                    render(prepared)
                    continue
                if ok:
                    known[prepared.key] = fingerprints[prepared.student, prepared.assignment]
                progress.update(prepared.key, ok=ok)
        client.unsubscribe_topic(cluster.STARTED)
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


def _finish(root, prepared, result, failed, flagged):
    executed = nbformat.reads(result["notebook"], as_version=4)
    outcome = pipeline.finish(root, prepared, executed)
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


def _deliver(root, api, prepared, future, failed):
    """Write the feedback a worker rendered; if none could (beyond Dask's retries), nbgrader renders it here."""
    try:
        html = future.result()
    except Exception:
        outcome = feedback.generate(root, prepared.student, prepared.assignment)
        if not outcome["success"]:
            failed.append((prepared.student, prepared.assignment, outcome.get("error") or outcome.get("log")))
        return outcome["success"]
    worker_feedback.write(api.coursedir, prepared.student, prepared.assignment,
                          course.notebook_name(prepared.assignment, root)[:-6], html)
    return True


def _skip(prepared):
    return f"not run: {prepared.problem}" if prepared.empty else None


def _json(nb):
    return nbformat.writes(nb)
