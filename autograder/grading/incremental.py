"""What has changed since a submission was last graded: one fingerprint per submission, kept in .grading/.

A fingerprint covers the submission's files, the assignment's source and release folders (hidden tests live in the
source), the hidden checks and the sandbox limits. `grade` skips a submission whose fingerprint is unchanged and
whose graded notebook (and feedback) are still there.
"""
import dataclasses
import hashlib
import json
from pathlib import Path

from .. import course

FILE = ".grading/graded.json"  # course-relative: {"student/assignment": fingerprint}


def _folder_digest(digest, folder):
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")


def fingerprint(root, student, assignment, checks, limits):
    """A digest of everything a submission's grade depends on; `checks` is the checks' digest."""
    digest = hashlib.sha256(checks.encode())
    settings = {k: v for k, v in dataclasses.asdict(limits).items() if k != "threads"}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for folder in (Path(root, "submitted", student, assignment), Path(root, "source", assignment),
                   Path(root, "release", assignment)):
        digest.update(f"\0{folder.parent.name}\0".encode())
        _folder_digest(digest, folder)
    return digest.hexdigest()


def load(root):
    path = Path(root, FILE)
    return json.loads(path.read_text()) if path.exists() else {}


def save(root, graded):
    path = Path(root, FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(graded, indent=1, sort_keys=True))


def unchanged(root, student, assignment, fingerprint_now, known, feedback):
    """Whether the submission was graded with this fingerprint and its results are all still there."""
    done = course.notebook_path("autograded", assignment, root, student).exists()
    shown = not feedback or course.notebook_path("feedback", assignment, root, student).with_suffix(".html").exists()
    return known.get(f"{student}/{assignment}") == fingerprint_now and done and shown
