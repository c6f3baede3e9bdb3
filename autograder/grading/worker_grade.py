"""The task a worker runs for one submission, in its course folder for the assignment (`snapshot.course_folder`):
nbgrader sanitizes the notebook (`pipeline.prepare`), the sandbox executes it (`execute.run`), nbgrader scores it
(`pipeline.finish`), the feedback is rendered (`worker_feedback`) and the flags are found (`flags`). It returns
what the instructor records: the gradebook values nbgrader wrote, the autograded folder, the feedback HTML.
"""
import os
import re
import shutil
import threading
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .. import course
from . import execute, flags, pipeline, snapshot, worker_feedback

# nbgrader's autograde sets and deletes an environment variable, and warning filters belong to the process: one
# thread at a time
_process_state = threading.Lock()


def job(student, assignment, root, limits, existing, feedback):
    """The task's input: the submission folder's files (`pipeline.files_in`, notebooks too), the sandbox `limits`
    (a dict), what the instructor's gradebook already holds about the submission (`snapshot.existing`, or None)
    and whether to render feedback."""
    folder = Path(root, "submitted", student, assignment)
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.ipynb")) if pipeline.plain(p)}
    return {"key": f"{student}/{assignment}", "student": student, "assignment": assignment,
            "submission": {**pipeline.files_in(folder), **files}, "limits": limits, "existing": existing,
            "feedback": feedback}


def grade(job, digest, data):
    """Grade one submission (`job`) with the assignment's snapshot (`digest`, `data` from `snapshot.build`)."""
    api = snapshot.course_folder(digest, data)
    root, student, assignment = Path(api.coursedir.root), job["student"], job["assignment"]
    name = course.notebook_name(assignment, root)[:-6]
    for path, content in job["submission"].items():
        Path(root, "submitted", student, assignment, path).parent.mkdir(parents=True, exist_ok=True)
        Path(root, "submitted", student, assignment, path).write_bytes(content)
    try:
        with _process_state, Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
            snapshot.restore(gradebook, student, assignment, job["existing"])
        try:
            prepared = pipeline.prepare(api, student, assignment)
        except pipeline.Unprepared as error:
            return {"key": job["key"], "error": str(error)}
        ran = execute.run({"key": job["key"], "notebook": nbformat.writes(prepared.notebook),
                           "files": prepared.files, "limits": job["limits"],
                           "skip": f"not run: {prepared.problem}" if prepared.empty else None})
        executed = nbformat.reads(ran["notebook"], as_version=4)
        with _process_state:
            outcome = pipeline.finish(api, prepared, executed)
        if not outcome["success"]:
            return {"key": job["key"], "error": _failure(outcome)}
        folder = Path(api.coursedir.format_path(api.coursedir.autograded_directory, student, assignment))
        autograded = {str(p.relative_to(folder)): (p.read_bytes(), os.stat(p).st_mode & 0o7777)
                      for p in sorted(folder.rglob("*")) if p.is_file()}
        with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
            recorded = _recorded(gradebook, student, assignment, name)
            html = None
            if job["feedback"]:
                try:
                    html = worker_feedback.render(worker_feedback.job(
                        api.config, student, assignment, name, autograded[f"{name}.ipynb"][0].decode(),
                        worker_feedback.grades(gradebook, student, assignment, name),
                        api.coursedir.db_url))
                except Exception:  # the instructor's process renders it with nbgrader instead
                    pass
        review = ([f"graded as empty: {prepared.problem}"] if prepared.problem else [])
        review += [e for e in ran["events"] if "tamper" in e]
        review += [] if prepared.empty else flags.scan(prepared.notebook)
        notes = prepared.notes + [e for e in ran["events"] if "tamper" not in e]
        notes += [] if prepared.empty else flags.outcome_notes(executed)
        return {"key": job["key"], "error": None, "recorded": recorded, "autograded": autograded,
                "feedback": html, "review": review, "notes": list(dict.fromkeys(notes)), "events": ran["events"]}
    finally:
        for step in ("submitted", "autograded", pipeline.SHADOW):
            shutil.rmtree(Path(root, step, student), ignore_errors=True)


def _recorded(gradebook, student, assignment, name):
    """What nbgrader's autograde wrote about the submission: the values `record.gradebook` copies."""
    try:
        notebook = gradebook.find_submission_notebook(name, assignment, student)
        return {"notebook": name, "timestamp": notebook.assignment.timestamp,
                "grades": {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades},
                "comments": {c.name: c.auto_comment for c in notebook.comments},
                "late_penalty": notebook.late_submission_penalty}
    finally:
        gradebook.db.rollback()


def _failure(outcome):
    """nbgrader's reason for a failed autograde, in one line: where its last traceback ended, and the exception."""
    lines = [line.strip() for line in (outcome.get("log") or outcome.get("error") or "").splitlines()]
    frames = [i for i, line in enumerate(lines) if line.startswith('File "')]
    if not frames:
        return next((line for line in reversed(lines) if line), "nbgrader failed without a log")
    where = re.search(r'File "(?:.*/site-packages/)?([^"]+)", line \d+, in (\S+)', lines[frames[-1]])
    error = next((line for line in lines[frames[-1] + 1:] if re.match(r"[\w.]+(Error|Exception)\b", line)), "")
    return f"nbgrader failed in {where.group(2)} ({where.group(1)}): {error}" if where else error
