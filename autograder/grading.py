"""Release, autograde and feedback: thin loops over nbgrader's API that report progress."""
import time
from pathlib import Path

from . import course


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


def autograde(root=course.ROOT):
    """Autograde every submission, then write its feedback; one progress line each.

    A submission nbgrader cannot grade is reported and skipped; the others go on.
    Returns the (student, assignment, error message) of the ones that failed.
    """
    api = course.api(root)
    todo = submissions(root)
    failed = []
    started = time.monotonic()
    for done, (student, assignment) in enumerate(todo, 1):
        result = api.autograde(assignment, student, force=True, create=True)
        if result["success"]:
            result = api.generate_feedback(assignment, student, force=True)
        if not result["success"]:
            failed.append((student, assignment, result.get("error") or result.get("log")))
        elapsed = time.monotonic() - started
        left = elapsed / done * (len(todo) - done)
        status = "ok" if result["success"] else "FAILED"
        print(f"[{done}/{len(todo)}] {student} / {assignment}: {status}"
              f" — {len(failed)} failed so far, about {left:.0f} s left", flush=True)
    return failed
